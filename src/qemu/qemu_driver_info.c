/*
 * qemu_driver_info.c: what a QEMU guest is doing, measured where it
 * happens: vCPU threads (CPU time, host CPU, affinity) from /proc, the
 * balloon and disk counters from QMP, interface counters from the host
 * side of the tap; pinning, metadata, jobs and the statistics of many
 * guests at once (domstats).
 *
 * Nothing here invents a number: what cannot be measured is an error, or
 * (in domstats, as in libvirt) a field left out.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>

#include "qemu_driver.h"
#include "qemu_monitor_cmds.h"
#include "qemu_status.h"
#include "util/vrbitmap.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vrtypedparam.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.info"

#define QEMU_DOMAIN_BEGIN(dom, obj, ret) \
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom); \
    if (!obj) \
        return ret

/* libvirt's vrDomainGetMessages flags */
enum {
    VR_QEMU_MESSAGE_DEPRECATION = 1 << 0,
    VR_QEMU_MESSAGE_TAINTING = 1 << 1,
    VR_QEMU_MESSAGE_IOERRORS = 1 << 2,
};

/* The groups domstats can fill. */
#define VR_QEMU_STATS_SUPPORTED \
    (VR_DOMAIN_STATS_STATE | VR_DOMAIN_STATS_CPU_TOTAL | VR_DOMAIN_STATS_BALLOON | \
     VR_DOMAIN_STATS_VCPU | VR_DOMAIN_STATS_INTERFACE | VR_DOMAIN_STATS_BLOCK)

#define VR_QEMU_STATS_FILTERS \
    (VR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE | \
     VR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | VR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT | \
     VR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED | \
     VR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)

static int
vrQemuInfoCheckActive(vrQemuDomainObj *obj)
{
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    return 0;
}

/* The one definition @flags name (LIVE and CONFIG together are refused). */
static vrDomainDef *
vrQemuInfoOneDef(vrQemuDomainObj *obj, unsigned int flags)
{
    vrDomainDef *live, *config;

    if ((flags & VR_DOMAIN_AFFECT_LIVE) && (flags & VR_DOMAIN_AFFECT_CONFIG)) {
        vrReportInvalidArg("%s", "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG'"
                           " are mutually exclusive");
        return NULL;
    }
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        return NULL;
    return live ? live : config;
}

/* ---- the host's CPUs ------------------------------------------------ */

/* The highest number in a CPU list such as "0-3,8", or -1. */
static int
vrQemuCPUListLast(const char *path)
{
    g_autofree char *text = NULL;
    const char *p;
    int last = -1;

    if (vrFileReadAll(path, 4096, &text) < 0) {
        vrResetLastError();
        return -1;
    }
    for (p = text; *p;) {
        if (g_ascii_isdigit(*p)) {
            char *end;
            long v = strtol(p, &end, 10);
            if (v > last)
                last = (int)v;
            p = end;
        } else {
            p++;
        }
    }
    return last;
}

/* How many CPUs the host has (present ones, as libvirt counts them). */
static int
vrQemuHostCPUCount(void)
{
    int last = vrQemuCPUListLast("/sys/devices/system/cpu/present");
    long n;

    if (last >= 0)
        return last + 1;
    n = sysconf(_SC_NPROCESSORS_CONF);
    return n > 0 ? (int)n : 1;
}

/* Every CPU of the host: where threads nobody pinned may run. */
static vrBitmap *
vrQemuHostCPUs(void)
{
    vrBitmap *map = vrBitmapNew((size_t)vrQemuHostCPUCount());

    vrBitmapSetAll(map);
    return map;
}

static int
vrQemuNodeGetCPUMap(vrConnect *conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    g_autofree char *text = NULL;
    g_autoptr(vrBitmap) map = NULL;
    int n = vrQemuHostCPUCount();
    unsigned int count = 0;

    vrCheckFlags(0, -1);
    if (vrFileReadAll("/sys/devices/system/cpu/online", 4096, &text) < 0)
        return -1;
    g_strstrip(text);
    if (vrBitmapParse(text, (size_t)n, &map) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (vrBitmapIsBitSet(map, (size_t)i))
            count++;
    }
    if (cpumap) {
        *cpumap = g_new0(unsigned char, VR_CPU_MAPLEN(n));
        vrBitmapToDataBuf(map, *cpumap, VR_CPU_MAPLEN(n));
    }
    if (online)
        *online = count;
    return n;
}

/* ---- threads of the QEMU process ------------------------------------- */

typedef struct {
    unsigned long long user;     /* ns */
    unsigned long long system;   /* ns */
    int processor;               /* the host CPU it last ran on */
    unsigned long long rssKiB;   /* process-wide */
} vrQemuProcStat;

/* /proc/PID/stat, or /proc/PID/task/TID/stat of one thread. */
static int
vrQemuReadProcStat(const char *guest, pid_t pid, pid_t tid, vrQemuProcStat *st)
{
    g_autofree char *path = tid ? g_strdup_printf("/proc/%lld/task/%lld/stat", (long long)pid,
                                                  (long long)tid)
                                : g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    const char *p;
    long ticks = sysconf(_SC_CLK_TCK);
    long page = sysconf(_SC_PAGESIZE);

    memset(st, 0, sizeof(*st));
    if (vrFileReadAll(path, 4096, &text) < 0) {
        int err = vrGetLastError() && vrGetLastError()->int1 ? vrGetLastError()->int1 : ENOENT;

        vrResetLastError();
        vrReportSystemError(err, "cannot read '%s' for the QEMU process of guest '%s'", path,
                            guest);
        return -1;
    }
    /* the fields after the command name, which may hold anything */
    if (!(p = strrchr(text, ')')) || !(fields = g_strsplit(g_strstrip((char *)p + 1), " ", 0)) ||
        g_strv_length(fields) < 37) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse '%s' of guest '%s'", path, guest);
        return -1;
    }
    /* field N of proc(5) is fields[N - 3] */
    st->user = g_ascii_strtoull(fields[14 - 3], NULL, 10) * (1000000000ULL / (unsigned long long)ticks);
    st->system = g_ascii_strtoull(fields[15 - 3], NULL, 10) * (1000000000ULL / (unsigned long long)ticks);
    st->rssKiB = g_ascii_strtoull(fields[24 - 3], NULL, 10) * (unsigned long long)page / 1024;
    st->processor = (int)g_ascii_strtoll(fields[39 - 3], NULL, 10);
    return 0;
}

/* Time a thread waited on a run queue (schedstat's second field, ns). */
static bool
vrQemuReadSchedDelay(pid_t pid, pid_t tid, unsigned long long *delay)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/task/%lld/schedstat", (long long)pid,
                                            (long long)tid);
    g_autofree char *text = NULL;
    unsigned long long run, wait;

    if (vrFileReadAll(path, 256, &text) < 0) {
        vrResetLastError();
        return false;
    }
    if (sscanf(text, "%llu %llu", &run, &wait) != 2)
        return false;
    *delay = wait;
    return true;
}

/* The CPUs thread @tid may run on. */
static vrBitmap *
vrQemuGetAffinity(const char *guest, pid_t tid)
{
    cpu_set_t set;
    vrBitmap *map;

    CPU_ZERO(&set);
    if (sched_getaffinity(tid, sizeof(set), &set) < 0) {
        vrReportSystemError(errno, "cannot get CPU affinity of thread %lld of guest '%s'",
                            (long long)tid, guest);
        return NULL;
    }
    map = vrBitmapNew(CPU_SETSIZE);
    for (size_t i = 0; i < CPU_SETSIZE; i++) {
        if (CPU_ISSET(i, &set))
            vrBitmapSetBit(map, i);
    }
    return map;
}

static int
vrQemuSetAffinity(const char *guest, pid_t tid, const vrBitmap *map)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    for (size_t i = 0; i < CPU_SETSIZE && i < vrBitmapSize(map); i++) {
        if (vrBitmapIsBitSet(map, i))
            CPU_SET(i, &set);
    }
    if (sched_setaffinity(tid, sizeof(set), &set) < 0) {
        vrReportSystemError(errno, "cannot set CPU affinity on process %lld of guest '%s'",
                            (long long)tid, guest);
        return -1;
    }
    return 0;
}

static vrBitmap *
vrQemuBitmapCopy(const vrBitmap *map)
{
    vrBitmap *copy = vrBitmapNew(vrBitmapSize(map));

    for (size_t i = 0; i < vrBitmapSize(map); i++) {
        if (vrBitmapIsBitSet(map, i))
            vrBitmapSetBit(copy, i);
    }
    return copy;
}

/* The vCPU threads QEMU reports (query-cpus-fast).  In a job. */
static GPtrArray *
vrQemuInfoVcpuThreads(vrQemuDomainObj *obj)
{
    GPtrArray *cpus = NULL;
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return NULL;
    rc = vrQemuMonitorQueryCPUs(obj->mon, &cpus);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return NULL;
    if (vrQemuInfoCheckActive(obj) < 0) {
        g_ptr_array_unref(cpus);
        return NULL;
    }
    return cpus;
}

static pid_t
vrQemuVcpuThread(GPtrArray *cpus, unsigned int vcpu)
{
    for (guint i = 0; cpus && i < cpus->len; i++) {
        vrQemuMonitorCPUInfo *c = g_ptr_array_index(cpus, i);
        if (c->cpuIndex == (int)vcpu)
            return (pid_t)c->threadId;
    }
    return 0;
}

/* ---- vCPUs ----------------------------------------------------------- */

static int
vrQemuDomainGetVcpus(vrDomain *dom, vrVcpuInfo *info, int maxinfo, unsigned char *cpumaps,
                     int maplen)
{
    g_autoptr(GPtrArray) cpus = NULL;
    vrDomainDef *def;
    int n = 0;
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot retrieve vcpu information for inactive domain");
        goto out;
    }
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "vcpuinfo") < 0)
        goto out;
    if (!(cpus = vrQemuInfoVcpuThreads(obj)))
        goto endjob;
    def = obj->def;
    memset(info, 0, sizeof(*info) * (size_t)maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
    for (unsigned int i = 0; i < def->maxvcpus && n < maxinfo; i++) {
        pid_t tid;
        vrQemuProcStat st;

        if (!def->vcpuList[i].online)
            continue;
        if (!(tid = vrQemuVcpuThread(cpus, i))) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "QEMU reports no thread for vCPU %u of guest '%s'",
                          i, def->name);
            goto endjob;
        }
        if (vrQemuReadProcStat(def->name, obj->pid, tid, &st) < 0)
            goto endjob;
        info[n].number = i;
        info[n].state = VR_VCPU_RUNNING;
        info[n].cpuTime = st.user + st.system;
        info[n].cpu = st.processor;
        if (cpumaps) {
            g_autoptr(vrBitmap) map = vrQemuGetAffinity(def->name, tid);
            if (!map)
                goto endjob;
            vrBitmapToDataBuf(map, VR_GET_CPUMAP(cpumaps, maplen, n), (size_t)maplen);
        }
        n++;
    }
    ret = n;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetVcpuPinInfo(vrDomain *dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                           unsigned int flags)
{
    g_autoptr(vrBitmap) all = NULL;
    vrDomainDef *def;
    int i, ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!(def = vrQemuInfoOneDef(obj, flags)))
        goto out;
    all = vrQemuHostCPUs();
    for (i = 0; i < ncpumaps && i < (int)def->maxvcpus; i++) {
        const vrBitmap *map = def->vcpuList[i].cpumask ? def->vcpuList[i].cpumask
                              : def->cpumask ? def->cpumask : all;

        vrBitmapToDataBuf(map, VR_GET_CPUMAP(cpumaps, maplen, i), (size_t)maplen);
    }
    ret = i;
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetEmulatorPinInfo(vrDomain *dom, unsigned char *cpumap, int maplen,
                               unsigned int flags)
{
    g_autoptr(vrBitmap) all = NULL;
    vrDomainDef *def;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!(def = vrQemuInfoOneDef(obj, flags)))
        goto out;
    all = vrQemuHostCPUs();
    vrBitmapToDataBuf(def->cputune.emulatorpin ? def->cputune.emulatorpin
                      : def->cpumask ? def->cpumask : all, cpumap, (size_t)maplen);
    ret = 1;
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainPinVcpuFlags(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                         unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autoptr(vrBitmap) pcpumap = NULL;
    vrDomainDef *live, *config;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "vcpupin") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    if (config && vcpu >= config->maxvcpus) {
        vrReportError(VR_ERR_INVALID_ARG, "vcpu %d is out of range of persistent cpu count %d",
                      (int)vcpu, (int)config->vcpus);
        goto endjob;
    }
    pcpumap = vrBitmapNewData(cpumap, (size_t)maplen);
    if (vrBitmapIsAllClear(pcpumap)) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Empty cpu list for pinning");
        goto endjob;
    }
    if (live) {
        if (vcpu >= live->maxvcpus) {
            vrReportError(VR_ERR_INVALID_ARG, "vcpu %d is out of range of live cpu count %d",
                          (int)vcpu, (int)live->maxvcpus);
            goto endjob;
        }
        if (live->vcpuList[vcpu].online) {
            g_autoptr(GPtrArray) cpus = vrQemuInfoVcpuThreads(obj);
            pid_t tid;

            if (!cpus)
                goto endjob;
            live = obj->def;
            if (!(tid = vrQemuVcpuThread(cpus, vcpu))) {
                vrReportError(VR_ERR_INTERNAL_ERROR,
                              "QEMU reports no thread for vCPU %u of guest '%s'", vcpu,
                              live->name);
                goto endjob;
            }
            if (vrQemuSetAffinity(live->name, tid, pcpumap) < 0)
                goto endjob;
        }
        vrBitmapFree(live->vcpuList[vcpu].cpumask);
        live->vcpuList[vcpu].cpumask = vrQemuBitmapCopy(pcpumap);
        vrQemuStatusSave(driver, obj);
    }
    if (config) {
        vrBitmapFree(config->vcpuList[vcpu].cpumask);
        config->vcpuList[vcpu].cpumask = vrQemuBitmapCopy(pcpumap);
        if (vrQemuDomainSaveConfig(driver, config) < 0)
            goto endjob;
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainPinVcpu(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    return vrQemuDomainPinVcpuFlags(dom, vcpu, cpumap, maplen, VR_DOMAIN_AFFECT_LIVE);
}

/* Every thread of QEMU that is not a vCPU: what libvirt's emulator
 * cgroup holds. */
static int
vrQemuPinEmulatorThreads(vrQemuDomainObj *obj, const vrBitmap *map)
{
    g_autoptr(GPtrArray) cpus = vrQemuInfoVcpuThreads(obj);
    g_autofree char *dirPath = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *entry;

    if (!cpus)
        return -1;
    dirPath = g_strdup_printf("/proc/%lld/task", (long long)obj->pid);
    if (!(dir = g_dir_open(dirPath, 0, NULL))) {
        vrReportSystemError(errno, "cannot list the threads of guest '%s' in '%s'",
                            obj->def->name, dirPath);
        return -1;
    }
    while ((entry = g_dir_read_name(dir))) {
        pid_t tid = (pid_t)g_ascii_strtoll(entry, NULL, 10);
        bool vcpu = false;

        for (guint i = 0; i < cpus->len; i++) {
            if (((vrQemuMonitorCPUInfo *)g_ptr_array_index(cpus, i))->threadId == tid)
                vcpu = true;
        }
        if (tid <= 0 || vcpu)
            continue;
        if (vrQemuSetAffinity(obj->def->name, tid, map) < 0) {
            /* a thread that has just ended is no failure */
            g_autofree char *task = g_strdup_printf("%s/%s", dirPath, entry);
            if (vrFileExists(task))
                return -1;
            vrResetLastError();
        }
    }
    return 0;
}

static int
vrQemuDomainPinEmulator(vrDomain *dom, unsigned char *cpumap, int maplen, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autoptr(vrBitmap) pcpumap = NULL;
    vrDomainDef *live, *config;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "emulatorpin") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    pcpumap = vrBitmapNewData(cpumap, (size_t)maplen);
    if (vrBitmapIsAllClear(pcpumap)) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Empty cpu list for pinning");
        goto endjob;
    }
    if (live) {
        if (vrQemuPinEmulatorThreads(obj, pcpumap) < 0)
            goto endjob;
        vrBitmapFree(obj->def->cputune.emulatorpin);
        obj->def->cputune.emulatorpin = vrQemuBitmapCopy(pcpumap);
        vrQemuStatusSave(driver, obj);
    }
    if (config) {
        vrBitmapFree(config->cputune.emulatorpin);
        config->cputune.emulatorpin = vrQemuBitmapCopy(pcpumap);
        if (vrQemuDomainSaveConfig(driver, config) < 0)
            goto endjob;
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- memory ------------------------------------------------------------ */

static bool
vrQemuHasBalloon(const vrDomainDef *def)
{
    return def->memballoon && def->memballoon->model != VR_DOMAIN_MEMBALLOON_MODEL_NONE;
}

/* A balloon counter, or false when the guest does not report it (QEMU
 * says -1, which arrives as the largest unsigned number). */
static bool
vrQemuBalloonStat(json_object *stats, const char *key, unsigned long long *val)
{
    json_object *v;

    if (!stats || !json_object_object_get_ex(stats, key, &v) ||
        !json_object_is_type(v, json_type_int))
        return false;
    if (json_object_get_int64(v) < 0)
        return false;
    *val = json_object_get_uint64(v);
    if (*val == UINT64_MAX || *val == (unsigned long long)INT64_MAX)
        return false;
    return true;
}

/* libvirt's memory statistics: the balloon's size and the guest's own
 * counters (when it reports them), then QEMU's resident set.  In a job;
 * refreshes the live current memory from what the balloon says. */
static int
vrQemuMemoryStatsInternal(vrQemuDriver *driver, vrQemuDomainObj *obj,
                          vrDomainMemoryStatStruct *stats, unsigned int nr)
{
    unsigned int n = 0;
    vrQemuProcStat st;

    if (vrQemuHasBalloon(obj->def)) {
        static const struct {
            const char *key;
            int tag;
            unsigned long long divisor;
        } fields[] = {
            { "stat-swap-in", VR_DOMAIN_MEMORY_STAT_SWAP_IN, 1024 },
            { "stat-swap-out", VR_DOMAIN_MEMORY_STAT_SWAP_OUT, 1024 },
            { "stat-major-faults", VR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 1 },
            { "stat-minor-faults", VR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 1 },
            { "stat-free-memory", VR_DOMAIN_MEMORY_STAT_UNUSED, 1024 },
            { "stat-total-memory", VR_DOMAIN_MEMORY_STAT_AVAILABLE, 1024 },
            { "stat-available-memory", VR_DOMAIN_MEMORY_STAT_USABLE, 1024 },
            { "last-update", VR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 1 },
            { "stat-disk-caches", VR_DOMAIN_MEMORY_STAT_DISK_CACHES, 1024 },
            { "stat-htlb-pgalloc", VR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 1 },
            { "stat-htlb-pgfail", VR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 1 },
        };
        g_autoptr(json_object) guest = NULL;
        g_autofree char *path = NULL;
        unsigned long long actual = 0;
        int rc;

        path = g_strdup_printf("/machine/peripheral/%s",
                               obj->def->memballoon->info.alias ? obj->def->memballoon->info.alias
                                                                : "balloon0");
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            return -1;
        rc = vrQemuMonitorQueryBalloon(obj->mon, &actual);
        /* the guest's counters are optional: a guest without the driver,
         * or with the polling off, has none */
        if (rc == 0 && vrQemuMonitorQomGet(obj->mon, path, "guest-stats", &guest) < 0) {
            vrResetLastError();
            guest = NULL;
        }
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0 && strstr(vrGetLastErrorMessage(), "No balloon device has been activated")) {
            /* no balloon driver in the guest (yet): the resident set only */
            vrResetLastError();
            goto rss;
        }
        if (rc < 0 || vrQemuInfoCheckActive(obj) < 0)
            return -1;
        if (obj->def->currentMemory != actual) {
            obj->def->currentMemory = actual;
            vrQemuStatusSave(driver, obj);
        }
        if (n < nr) {
            stats[n].tag = VR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON;
            stats[n++].val = actual;
        }
        for (size_t i = 0; guest && i < G_N_ELEMENTS(fields) && n < nr; i++) {
            json_object *from = g_str_equal(fields[i].key, "last-update")
                                ? guest : vrQemuJSONGetObject(guest, "stats");
            unsigned long long v;

            if (!vrQemuBalloonStat(from, fields[i].key, &v))
                continue;
            stats[n].tag = fields[i].tag;
            stats[n++].val = v / fields[i].divisor;
        }
    }

 rss:
    if (n < nr) {
        if (vrQemuReadProcStat(obj->def->name, obj->pid, 0, &st) < 0)
            return -1;
        stats[n].tag = VR_DOMAIN_MEMORY_STAT_RSS;
        stats[n++].val = st.rssKiB;
    }
    return (int)n;
}

static int
vrQemuDomainMemoryStats(vrDomain *dom, vrDomainMemoryStatStruct *stats, unsigned int nr_stats,
                        unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "dommemstat") < 0)
        goto out;
    if (vrQemuInfoCheckActive(obj) == 0)
        ret = vrQemuMemoryStatsInternal(driver, obj, stats, nr_stats);
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainSetMemoryStatsPeriod(vrDomain *dom, int period, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    vrDomainDef *live, *config;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "dommemstat --period") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    if ((live && !vrQemuHasBalloon(live)) || (config && !vrQemuHasBalloon(config))) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "Memory balloon model must be virtio to set the collection period");
        goto endjob;
    }
    if (live) {
        g_autofree char *path = g_strdup_printf("/machine/peripheral/%s",
                                                live->memballoon->info.alias
                                                    ? live->memballoon->info.alias : "balloon0");
        int rc;

        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            goto endjob;
        rc = vrQemuMonitorQomSet(obj->mon, path, "guest-stats-polling-interval",
                                 json_object_new_int(period));
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0) {
            VR_WARN("guest %s: %s", obj->def->name, vrGetLastErrorMessage());
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "unable to set balloon driver collection period");
            goto endjob;
        }
        if (vrQemuInfoCheckActive(obj) < 0)
            goto endjob;
        obj->def->memballoon->statsPeriod = period;
        obj->def->memballoon->hasStatsPeriod = true;
        vrQemuStatusSave(driver, obj);
    }
    if (config) {
        config->memballoon->statsPeriod = period;
        config->memballoon->hasStatsPeriod = true;
        if (vrQemuDomainSaveConfig(driver, config) < 0)
            goto endjob;
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- disks ----------------------------------------------------------- */

/* Whether QEMU's "qdev" (a device id, or the QOM path of the part of the
 * device that holds the disk) is the device with id @alias. */
static bool
vrQemuQdevIs(const char *qdev, const char *alias)
{
    static const char prefix[] = "/machine/peripheral/";
    size_t len;

    if (!qdev || !alias)
        return false;
    if (g_str_equal(qdev, alias))
        return true;
    if (!g_str_has_prefix(qdev, prefix))
        return false;
    qdev += strlen(prefix);
    len = strlen(alias);
    return strncmp(qdev, alias, len) == 0 && (qdev[len] == '\0' || qdev[len] == '/');
}

static vrQemuMonitorBlockStats *
vrQemuFindBlockStats(GPtrArray *stats, const vrDomainDiskDef *disk)
{
    for (guint i = 0; stats && i < stats->len; i++) {
        vrQemuMonitorBlockStats *st = g_ptr_array_index(stats, i);
        if (vrQemuQdevIs(st->qdev, disk->info.alias))
            return st;
    }
    return NULL;
}

static vrQemuMonitorBlockInfo *
vrQemuFindBlockInfo(GPtrArray *blocks, const vrDomainDiskDef *disk)
{
    for (guint i = 0; blocks && i < blocks->len; i++) {
        vrQemuMonitorBlockInfo *bi = g_ptr_array_index(blocks, i);
        if (vrQemuQdevIs(bi->qdev, disk->info.alias))
            return bi;
    }
    return NULL;
}

static bool
vrQemuDiskIsEmpty(const vrDomainDiskDef *disk)
{
    if (!disk->src || disk->src->type == VR_STORAGE_TYPE_NONE)
        return true;
    return disk->src->type != VR_STORAGE_TYPE_NETWORK && disk->src->type != VR_STORAGE_TYPE_NVME &&
           !disk->src->path;
}

/* query-blockstats (and query-block with @blocks).  In a job. */
static int
vrQemuQueryDiskStats(vrQemuDomainObj *obj, GPtrArray **stats, GPtrArray **blocks)
{
    int rc;

    *stats = NULL;
    if (blocks)
        *blocks = NULL;
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorQueryBlockStats(obj->mon, stats);
    if (rc == 0 && blocks)
        rc = vrQemuMonitorQueryBlock(obj->mon, blocks);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0 || vrQemuInfoCheckActive(obj) < 0)
        return -1;
    return 0;
}

typedef struct {
    long long rdReq, rdBytes, wrReq, wrBytes, flReq;
    long long rdTimes, wrTimes, flTimes;
} vrQemuDiskCounters;

static void
vrQemuDiskCountersAdd(vrQemuDiskCounters *c, const vrQemuMonitorBlockStats *st)
{
    c->rdReq += st->rdReq;
    c->rdBytes += st->rdBytes;
    c->wrReq += st->wrReq;
    c->wrBytes += st->wrBytes;
    c->flReq += st->flushReq;
    c->rdTimes += st->rdTotalTimeNs;
    c->wrTimes += st->wrTotalTimeNs;
    c->flTimes += st->flushTotalTimeNs;
}

/* The counters of disk @path, or of all disks for "".  In a job. */
static int
vrQemuGatherDiskCounters(vrQemuDomainObj *obj, const char *path, vrQemuDiskCounters *c)
{
    g_autoptr(GPtrArray) stats = NULL;
    vrDomainDiskDef *disk = NULL;

    memset(c, 0, sizeof(*c));
    if (*path) {
        if (!(disk = vrDomainDiskByName(obj->def, path))) {
            vrReportError(VR_ERR_INVALID_ARG, "invalid path: %s", path);
            return -1;
        }
        if (!disk->info.alias) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "missing disk device alias name for %s",
                          disk->dst);
            return -1;
        }
    }
    if (vrQemuQueryDiskStats(obj, &stats, NULL) < 0)
        return -1;
    if (disk) {
        /* the definition may have changed while the monitor was busy */
        vrQemuMonitorBlockStats *st;

        if (!(disk = vrDomainDiskByName(obj->def, path)) || !(st = vrQemuFindBlockStats(stats, disk))) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "cannot find statistics for device '%s'", path);
            return -1;
        }
        vrQemuDiskCountersAdd(c, st);
        return 0;
    }
    for (size_t i = 0; i < obj->def->ndisks; i++) {
        vrQemuMonitorBlockStats *st = vrQemuFindBlockStats(stats, obj->def->disks[i]);
        if (st)
            vrQemuDiskCountersAdd(c, st);
    }
    return 0;
}

static int
vrQemuDomainBlockStats(vrDomain *dom, const char *path, vrDomainBlockStatsStruct *stats)
{
    vrQemuDiskCounters c;
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "domblkstat") < 0)
        goto out;
    if (vrQemuInfoCheckActive(obj) < 0 || vrQemuGatherDiskCounters(obj, path, &c) < 0)
        goto endjob;
    stats->rd_req = c.rdReq;
    stats->rd_bytes = c.rdBytes;
    stats->wr_req = c.wrReq;
    stats->wr_bytes = c.wrBytes;
    stats->errs = -1;         /* QEMU does not count errors */
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainBlockStatsFlags(vrDomain *dom, const char *path, vrTypedParameter *params,
                            int *nparams, unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    vrQemuDiskCounters c;
    int ret = -1;

    vrCheckFlags(VR_TYPED_PARAM_STRING_OKAY, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "domblkstat") < 0)
        goto out;
    if (vrQemuInfoCheckActive(obj) < 0 || vrQemuGatherDiskCounters(obj, path, &c) < 0)
        goto endjob;
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_WRITE_BYTES, c.wrBytes);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_WRITE_REQ, c.wrReq);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_READ_BYTES, c.rdBytes);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_READ_REQ, c.rdReq);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_FLUSH_REQ, c.flReq);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, c.wrTimes);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, c.rdTimes);
    vrTypedParamListAddLLong(&list, VR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, c.flTimes);
    if (*nparams == 0) {
        *nparams = list.n;
        ret = 0;
        goto endjob;
    }
    ret = vrTypedParamListExport(&list, params, nparams);
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

typedef struct {
    unsigned long long capacity, allocation, physical;
} vrQemuSizes;

/* Sizes of a disk's image read from the host: what a shut-off guest
 * reports.  Raw and qcow2 images (and block devices) are understood. */
static int
vrQemuImageSizes(const char *guest, const vrDomainDiskDef *disk, vrQemuSizes *sz)
{
    const char *path = disk->src->path;
    struct stat sb;
    int fd;

    memset(sz, 0, sizeof(*sz));
    if (disk->src->type != VR_STORAGE_TYPE_FILE && disk->src->type != VR_STORAGE_TYPE_BLOCK) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED,
                      "cannot read the size of disk '%s' of guest '%s' from its '%s' source "
                      "while the guest is shut off", disk->dst, guest,
                      vrStorageTypeTypeToString(disk->src->type));
        return -1;
    }
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "cannot open '%s' (disk '%s' of guest '%s')", path, disk->dst,
                            guest);
        return -1;
    }
    if (fstat(fd, &sb) < 0) {
        vrReportSystemError(errno, "cannot stat '%s' (disk '%s' of guest '%s')", path, disk->dst,
                            guest);
        close(fd);
        return -1;
    }
    if (S_ISBLK(sb.st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);
        sz->physical = end > 0 ? (unsigned long long)end : 0;
        sz->allocation = sz->physical;
    } else {
        sz->physical = (unsigned long long)sb.st_size;
        sz->allocation = (unsigned long long)sb.st_blocks * 512;
    }
    sz->capacity = sz->physical;
    if (disk->src->format == VR_DISK_IMAGE_QCOW2 || disk->src->format == VR_DISK_IMAGE_QCOW) {
        unsigned char hdr[32];

        if (pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr) ||
            memcmp(hdr, "QFI\xfb", 4) != 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "'%s' (disk '%s' of guest '%s') is not a qcow image", path, disk->dst,
                          guest);
            close(fd);
            return -1;
        }
        sz->capacity = 0;
        /* qcow2: size at 24, qcow: at 16; both big-endian 64 bits */
        for (int i = 0; i < 8; i++)
            sz->capacity = (sz->capacity << 8) |
                           hdr[(disk->src->format == VR_DISK_IMAGE_QCOW2 ? 24 : 16) + i];
    } else if (disk->src->format != VR_DISK_IMAGE_RAW && disk->src->format != VR_DISK_IMAGE_NONE &&
               disk->src->format != VR_DISK_IMAGE_ISO) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED,
                      "cannot read the capacity of disk '%s' of guest '%s' from a '%s' image "
                      "while the guest is shut off", disk->dst, guest,
                      vrDiskImageFormatTypeToString(disk->src->format));
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* The host-side size of a disk's source, for "physical". */
static bool
vrQemuSourceSize(const vrDomainDiskDef *disk, unsigned long long *size)
{
    struct stat sb;
    int fd;
    off_t end;

    if (!disk->src->path ||
        (disk->src->type != VR_STORAGE_TYPE_FILE && disk->src->type != VR_STORAGE_TYPE_BLOCK))
        return false;
    if (stat(disk->src->path, &sb) < 0)
        return false;
    if (!S_ISBLK(sb.st_mode)) {
        *size = (unsigned long long)sb.st_size;
        return true;
    }
    if ((fd = open(disk->src->path, O_RDONLY | O_CLOEXEC)) < 0)
        return false;
    end = lseek(fd, 0, SEEK_END);
    close(fd);
    if (end < 0)
        return false;
    *size = (unsigned long long)end;
    return true;
}

static int
vrQemuDomainGetBlockInfo(vrDomain *dom, const char *path, vrDomainBlockInfo *info,
                         unsigned int flags)
{
    g_autoptr(GPtrArray) stats = NULL;
    g_autoptr(GPtrArray) blocks = NULL;
    vrQemuMonitorBlockStats *st;
    vrQemuMonitorBlockInfo *bi;
    vrDomainDiskDef *disk;
    vrQemuSizes sz;
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "domblkinfo") < 0)
        goto out;
    if (!(disk = vrDomainDiskByName(obj->def, path))) {
        vrReportError(VR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", path);
        goto endjob;
    }
    if (vrQemuDiskIsEmpty(disk)) {
        vrReportError(VR_ERR_INVALID_ARG, "disk '%s' does not currently have a source assigned",
                      path);
        goto endjob;
    }
    if (!vrQemuDomainObjIsActive(obj)) {
        if (vrQemuImageSizes(obj->def->name, disk, &sz) < 0)
            goto endjob;
        info->capacity = sz.capacity;
        info->allocation = sz.allocation;
        info->physical = sz.physical;
        ret = 0;
        goto endjob;
    }
    if (vrQemuQueryDiskStats(obj, &stats, &blocks) < 0)
        goto endjob;
    if (!(disk = vrDomainDiskByName(obj->def, path)) || !(bi = vrQemuFindBlockInfo(blocks, disk)) ||
        !bi->hasMedium || !(st = vrQemuFindBlockStats(stats, disk))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot find statistics for device '%s'", path);
        goto endjob;
    }
    /* libvirt's rules: a qcow2 file's allocation is the file's, other
     * images' the highest offset written; where that says nothing (or
     * the image looks sparse) the container's own size is "physical" */
    info->capacity = bi->virtualSize;
    if (disk->src->type == VR_STORAGE_TYPE_FILE && disk->src->format == VR_DISK_IMAGE_QCOW2)
        info->allocation = bi->actualSize;
    else
        info->allocation = (unsigned long long)st->wrHighestOffset;
    if (bi->actualSize == 0 || info->allocation == 0 || info->allocation == bi->actualSize) {
        unsigned long long size;

        if (info->allocation == 0)
            info->allocation = bi->actualSize;
        info->physical = vrQemuSourceSize(disk, &size) ? size : bi->actualSize;
    } else {
        info->physical = bi->actualSize;
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetDiskErrors(vrDomain *dom, vrDomainDiskError *errors, unsigned int maxerrors,
                          unsigned int flags)
{
    g_autoptr(GPtrArray) blocks = NULL;
    unsigned int n = 0;
    int ret = -1;
    int rc;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "domblkerror") < 0)
        goto out;
    if (vrQemuInfoCheckActive(obj) < 0)
        goto endjob;
    if (!errors) {
        ret = (int)obj->def->ndisks;
        goto endjob;
    }
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        goto endjob;
    rc = vrQemuMonitorQueryBlock(obj->mon, &blocks);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0 || vrQemuInfoCheckActive(obj) < 0)
        goto endjob;
    for (size_t i = 0; i < obj->def->ndisks && n < maxerrors; i++) {
        vrQemuMonitorBlockInfo *bi = vrQemuFindBlockInfo(blocks, obj->def->disks[i]);
        int code;

        if (!bi || !bi->ioStatus || g_str_equal(bi->ioStatus, "ok"))
            continue;
        code = g_str_equal(bi->ioStatus, "nospace") ? VR_DOMAIN_DISK_ERROR_NO_SPACE
                                                    : VR_DOMAIN_DISK_ERROR_UNSPEC;
        errors[n].disk = g_strdup(obj->def->disks[i]->dst);
        errors[n].error = code;
        n++;
    }
    ret = (int)n;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- interfaces ------------------------------------------------------- */

/* A network interface by MAC address or host-side name. */
static vrDomainNetDef *
vrQemuNetFind(vrDomainDef *def, const char *device)
{
    unsigned char mac[6];
    bool byMac = vrMacParse(device, mac) == 0;

    vrResetLastError();
    for (size_t i = 0; i < def->nnets; i++) {
        vrDomainNetDef *net = def->nets[i];

        if (byMac ? memcmp(net->mac, mac, sizeof(mac)) == 0
                  : (net->ifname && g_str_equal(net->ifname, device)))
            return net;
    }
    vrErrorReportFull(VR_FROM_DOMAIN, VR_ERR_INVALID_ARG, "'%s' is not a known interface",
                      device);
    return NULL;
}

static bool
vrQemuReadCounter(const char *ifname, const char *name, long long *val)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/statistics/%s", ifname, name);
    g_autofree char *text = NULL;

    if (vrFileReadAll(path, 64, &text) < 0) {
        vrResetLastError();
        return false;
    }
    *val = g_ascii_strtoll(text, NULL, 10);
    return true;
}

/* The host side's counters; for taps that stand for the guest's NIC
 * (bridge, network) the host's receive is the guest's transmit, so they
 * are swapped as libvirt does; 'ethernet' and 'direct' share the host's
 * view and are not. */
static int
vrQemuNetCounters(const vrDomainNetDef *net, vrDomainInterfaceStatsStruct *stats)
{
    bool swapped = net->type != VR_DOMAIN_NET_TYPE_ETHERNET &&
                   net->type != VR_DOMAIN_NET_TYPE_DIRECT;
    long long rxB, rxP, rxE, rxD, txB, txP, txE, txD;

    if (!net->ifname) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "Interface name not provided");
        return -1;
    }
    if (!vrQemuReadCounter(net->ifname, "rx_bytes", &rxB) ||
        !vrQemuReadCounter(net->ifname, "rx_packets", &rxP) ||
        !vrQemuReadCounter(net->ifname, "rx_errors", &rxE) ||
        !vrQemuReadCounter(net->ifname, "rx_dropped", &rxD) ||
        !vrQemuReadCounter(net->ifname, "tx_bytes", &txB) ||
        !vrQemuReadCounter(net->ifname, "tx_packets", &txP) ||
        !vrQemuReadCounter(net->ifname, "tx_errors", &txE) ||
        !vrQemuReadCounter(net->ifname, "tx_dropped", &txD)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "/proc/net/dev: Interface not found");
        return -1;
    }
    if (swapped) {
        stats->rx_bytes = txB; stats->rx_packets = txP; stats->rx_errs = txE; stats->rx_drop = txD;
        stats->tx_bytes = rxB; stats->tx_packets = rxP; stats->tx_errs = rxE; stats->tx_drop = rxD;
    } else {
        stats->rx_bytes = rxB; stats->rx_packets = rxP; stats->rx_errs = rxE; stats->rx_drop = rxD;
        stats->tx_bytes = txB; stats->tx_packets = txP; stats->tx_errs = txE; stats->tx_drop = txD;
    }
    return 0;
}

static int
vrQemuDomainInterfaceStats(vrDomain *dom, const char *device, vrDomainInterfaceStatsStruct *stats)
{
    vrDomainNetDef *net;
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuInfoCheckActive(obj) == 0 && (net = vrQemuNetFind(obj->def, device)))
        ret = vrQemuNetCounters(net, stats);
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- control channel, jobs --------------------------------------------- */

static int
vrQemuDomainGetControlInfo(vrDomain *dom, vrDomainControlInfo *info, unsigned int flags)
{
    unsigned long long now = (unsigned long long)(g_get_real_time() / 1000);
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuInfoCheckActive(obj) < 0)
        goto out;
    memset(info, 0, sizeof(*info));
    if (!obj->mon) {
        info->state = VR_DOMAIN_CONTROL_ERROR;
        info->details = VR_DOMAIN_CONTROL_ERROR_REASON_MONITOR;
    } else if (obj->asyncJob) {
        info->state = VR_DOMAIN_CONTROL_JOB;
        info->stateTime = now > obj->progress.started ? now - obj->progress.started : 0;
    } else if (obj->job != VR_QEMU_JOB_NONE) {
        /* when the job started is not recorded: the state alone */
        info->state = VR_DOMAIN_CONTROL_OCCUPIED;
    } else {
        info->state = VR_DOMAIN_CONTROL_OK;
    }
    ret = 0;
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuJobOperation(const char *operation)
{
    if (!operation)
        return VR_DOMAIN_JOB_OPERATION_UNKNOWN;
    if (g_str_has_prefix(operation, "Save") || g_str_has_prefix(operation, "Managed save"))
        return VR_DOMAIN_JOB_OPERATION_SAVE;
    if (g_str_has_prefix(operation, "Restore"))
        return VR_DOMAIN_JOB_OPERATION_RESTORE;
    if (strstr(operation, "ump"))
        return VR_DOMAIN_JOB_OPERATION_DUMP;
    if (g_str_has_prefix(operation, "Migrat"))
        return VR_DOMAIN_JOB_OPERATION_MIGRATION_OUT;
    if (g_str_has_prefix(operation, "Snapshot"))
        return VR_DOMAIN_JOB_OPERATION_SNAPSHOT;
    if (g_str_has_prefix(operation, "Backup"))
        return VR_DOMAIN_JOB_OPERATION_BACKUP;
    return VR_DOMAIN_JOB_OPERATION_UNKNOWN;
}

static int
vrQemuDomainGetJobInfo(vrDomain *dom, vrDomainJobInfo *info)
{
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuInfoCheckActive(obj) < 0)
        goto out;
    memset(info, 0, sizeof(*info));
    if (obj->asyncJob) {
        const vrQemuJobProgress *p = &obj->progress;
        unsigned long long now = (unsigned long long)(g_get_real_time() / 1000);
        bool dump = vrQemuJobOperation(p->operation) == VR_DOMAIN_JOB_OPERATION_DUMP;

        info->type = VR_DOMAIN_JOB_UNBOUNDED;
        info->timeElapsed = now > p->started ? now - p->started : 0;
        info->memTotal = p->total;
        info->memProcessed = p->processed;
        info->memRemaining = p->total > p->processed ? p->total - p->processed : 0;
        if (!dump) {
            info->dataTotal = info->memTotal;
            info->dataProcessed = info->memProcessed;
            info->dataRemaining = info->memRemaining;
        }
    } else {
        info->type = VR_DOMAIN_JOB_NONE;
    }
    ret = 0;
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetJobStats(vrDomain *dom, int *type, vrTypedParameter **params, int *nparams,
                        unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_JOB_STATS_COMPLETED | VR_DOMAIN_JOB_STATS_KEEP_COMPLETED, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    *type = VR_DOMAIN_JOB_NONE;
    *params = NULL;
    *nparams = 0;
    /* statistics of finished jobs are not kept: there is none to report */
    if (flags & VR_DOMAIN_JOB_STATS_COMPLETED) {
        ret = 0;
        goto out;
    }
    if (vrQemuInfoCheckActive(obj) < 0)
        goto out;
    if (obj->asyncJob) {
        const vrQemuJobProgress *p = &obj->progress;
        unsigned long long now = (unsigned long long)(g_get_real_time() / 1000);
        unsigned long long remaining = p->total > p->processed ? p->total - p->processed : 0;
        int op = vrQemuJobOperation(p->operation);

        *type = VR_DOMAIN_JOB_UNBOUNDED;
        vrTypedParamListAddInt(&list, VR_DOMAIN_JOB_OPERATION, op);
        vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_TIME_ELAPSED,
                                  now > p->started ? now - p->started : 0);
        if (op != VR_DOMAIN_JOB_OPERATION_DUMP) {
            vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_DATA_TOTAL, p->total);
            vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_DATA_PROCESSED, p->processed);
            vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_DATA_REMAINING, remaining);
        }
        vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_MEMORY_TOTAL, p->total);
        vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_MEMORY_PROCESSED, p->processed);
        vrTypedParamListAddULLong(&list, VR_DOMAIN_JOB_MEMORY_REMAINING, remaining);
        *params = g_steal_pointer(&list.params);
        *nparams = list.n;
        list.n = list.alloc = 0;
    }
    ret = 0;
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainAbortJobFlags(vrDomain *dom, unsigned int flags)
{
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuInfoCheckActive(obj) < 0)
        goto out;
    if (!obj->asyncJob) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "no job is active on the domain");
        goto out;
    }
    if (obj->progress.operation && g_str_equal(obj->progress.operation, "Memory dump")) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "cannot abort memory-only dump");
        goto out;
    }
    if (vrQemuJobOperation(obj->progress.operation) == VR_DOMAIN_JOB_OPERATION_RESTORE) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot abort incoming migration; use virDomainDestroy instead");
        goto out;
    }
    VR_INFO("guest %s: abort of %s requested", obj->def->name,
            obj->progress.operation ? obj->progress.operation : "the job");
    obj->progress.abortRequested = true;
    ret = 0;
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainAbortJob(vrDomain *dom)
{
    return vrQemuDomainAbortJobFlags(dom, 0);
}

/* ---- metadata, messages -------------------------------------------------- */

static char **
vrQemuMetadataField(vrDomainDef *def, int type)
{
    return type == VR_DOMAIN_METADATA_DESCRIPTION ? &def->description : &def->title;
}

static char *
vrQemuDomainGetMetadata(vrDomain *dom, int type, const char *uri, unsigned int flags)
{
    vrDomainDef *def;
    char *ret = NULL;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, NULL);
    QEMU_DOMAIN_BEGIN(dom, obj, NULL);
    if (!(def = vrQemuInfoOneDef(obj, flags)))
        goto out;
    switch (type) {
    case VR_DOMAIN_METADATA_DESCRIPTION:
    case VR_DOMAIN_METADATA_TITLE:
        ret = g_strdup(*vrQemuMetadataField(def, type));
        break;
    case VR_DOMAIN_METADATA_ELEMENT:
        ret = vrDomainMetadataGetElement(def, uri);
        break;
    default:
        vrReportError(VR_ERR_INVALID_ARG, "%s", "unknown metadata type");
        goto out;
    }
    if (!ret && !vrErrorIsSet())
        vrReportError(VR_ERR_NO_DOMAIN_METADATA, "%s", "Requested metadata element is not present");
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainSetMetadata(vrDomain *dom, int type, const char *metadata, const char *key,
                        const char *uri, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    vrDomainDef *defs[2];
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    if (type < VR_DOMAIN_METADATA_DESCRIPTION || type > VR_DOMAIN_METADATA_ELEMENT) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "unknown metadata type");
        return -1;
    }
    if (type == VR_DOMAIN_METADATA_TITLE && metadata && strchr(metadata, '\n')) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Domain title can't contain newlines");
        return -1;
    }
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "metadata") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags, &defs[0], &defs[1]) < 0)
        goto endjob;
    for (size_t i = 0; i < 2; i++) {
        if (!defs[i])
            continue;
        if (type == VR_DOMAIN_METADATA_ELEMENT) {
            if (vrDomainMetadataSetElement(defs[i], metadata, key, uri) < 0)
                goto endjob;
        } else {
            char **field = vrQemuMetadataField(defs[i], type);
            g_free(*field);
            *field = metadata && *metadata ? g_strdup(metadata) : NULL;
        }
        if (i == 0)
            vrQemuStatusSave(driver, obj);
        else if (vrQemuDomainSaveConfig(driver, defs[i]) < 0)
            goto endjob;
    }
    vrObjectEventStateQueue(driver->eventState,
                            vrDomainEventMetadataChangeNew(obj->def->name, obj->def->uuid,
                                                           obj->def->id, type,
                                                           type == VR_DOMAIN_METADATA_ELEMENT
                                                               ? uri : NULL));
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetMessages(vrDomain *dom, char ***msgs, unsigned int flags)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
    int n;

    vrCheckFlags(VR_QEMU_MESSAGE_DEPRECATION | VR_QEMU_MESSAGE_TAINTING |
                 VR_QEMU_MESSAGE_IOERRORS, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!flags)
        flags = VR_QEMU_MESSAGE_DEPRECATION | VR_QEMU_MESSAGE_TAINTING | VR_QEMU_MESSAGE_IOERRORS;
    /* what the driver knows about: raw QEMU arguments in the definition */
    if ((flags & VR_QEMU_MESSAGE_TAINTING) && vrQemuDomainObjIsActive(obj) &&
        obj->def->qemuCommandlineXML)
        g_ptr_array_add(out, g_strdup("tainted: custom configuration parameters specified"));
    n = (int)out->len;
    g_ptr_array_add(out, NULL);
    g_ptr_array_set_free_func(out, NULL);
    *msgs = (char **)g_ptr_array_free(g_steal_pointer(&out), FALSE);
    vrQemuDomainObjEndAPI(&obj);
    return n;
}

/* ---- statistics of many guests ---------------------------------------- */

static bool
vrQemuStatsMatch(vrQemuDomainObj *obj, unsigned int flags)
{
    bool active = vrQemuDomainObjIsActive(obj);
    int st = obj->state;

    if ((flags & (VR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE |
                  VR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE)) &&
        !(((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE) && active) ||
          ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE) && !active)))
        return false;
    if ((flags & (VR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT |
                  VR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT)) &&
        !(((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT) && obj->persistent) ||
          ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT) && !obj->persistent)))
        return false;
    if (flags & (VR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED |
                 VR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)) {
        bool ok = ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING) && st == VR_DOMAIN_RUNNING) ||
                  ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED) && st == VR_DOMAIN_PAUSED) ||
                  ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF) && st == VR_DOMAIN_SHUTOFF) ||
                  ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER) && st != VR_DOMAIN_RUNNING &&
                   st != VR_DOMAIN_PAUSED && st != VR_DOMAIN_SHUTOFF);
        if (!ok)
            return false;
    }
    return true;
}

#define STATS_FIELD(buf, ...) (g_snprintf(buf, sizeof(buf), __VA_ARGS__), buf)

static void
vrQemuStatsCPU(vrQemuDomainObj *obj, vrTypedParamList *list)
{
    vrQemuProcStat st;

    if (!vrQemuDomainObjIsActive(obj))
        return;
    if (vrQemuReadProcStat(obj->def->name, obj->pid, 0, &st) < 0) {
        vrResetLastError();
        return;
    }
    vrTypedParamListAddULLong(list, "cpu.time", st.user + st.system);
    vrTypedParamListAddULLong(list, "cpu.user", st.user);
    vrTypedParamListAddULLong(list, "cpu.system", st.system);
}

static void
vrQemuStatsBalloon(vrQemuDriver *driver, vrQemuDomainObj *obj, bool haveJob,
                   vrTypedParamList *list)
{
    vrDomainMemoryStatStruct stats[VR_DOMAIN_MEMORY_STAT_NR];
    static const char *const names[VR_DOMAIN_MEMORY_STAT_NR] = {
        [VR_DOMAIN_MEMORY_STAT_SWAP_IN] = "balloon.swap_in",
        [VR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "balloon.swap_out",
        [VR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "balloon.major_fault",
        [VR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "balloon.minor_fault",
        [VR_DOMAIN_MEMORY_STAT_UNUSED] = "balloon.unused",
        [VR_DOMAIN_MEMORY_STAT_AVAILABLE] = "balloon.available",
        [VR_DOMAIN_MEMORY_STAT_RSS] = "balloon.rss",
        [VR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "balloon.last-update",
        [VR_DOMAIN_MEMORY_STAT_USABLE] = "balloon.usable",
        [VR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "balloon.disk_caches",
        [VR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "balloon.hugetlb_pgalloc",
        [VR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "balloon.hugetlb_pgfail",
    };
    int n = 0;

    if (haveJob && vrQemuDomainObjIsActive(obj)) {
        if ((n = vrQemuMemoryStatsInternal(driver, obj, stats, VR_DOMAIN_MEMORY_STAT_NR)) < 0) {
            vrResetLastError();
            n = 0;
        }
    }
    vrTypedParamListAddULLong(list, "balloon.current", obj->def->currentMemory);
    vrTypedParamListAddULLong(list, "balloon.maximum", obj->def->memory);
    for (int i = 0; i < n; i++) {
        if (stats[i].tag >= 0 && stats[i].tag < VR_DOMAIN_MEMORY_STAT_NR && names[stats[i].tag])
            vrTypedParamListAddULLong(list, names[stats[i].tag], stats[i].val);
    }
}

static void
vrQemuStatsVcpu(vrQemuDomainObj *obj, bool haveJob, vrTypedParamList *list)
{
    g_autoptr(GPtrArray) cpus = NULL;
    char field[VR_TYPED_PARAM_FIELD_LENGTH];
    vrDomainDef *def = obj->def;

    vrTypedParamListAddUInt(list, "vcpu.current", def->vcpus);
    vrTypedParamListAddUInt(list, "vcpu.maximum", def->maxvcpus);
    if (!haveJob || !vrQemuDomainObjIsActive(obj))
        return;
    if (!(cpus = vrQemuInfoVcpuThreads(obj))) {
        vrResetLastError();
        return;
    }
    def = obj->def;
    for (unsigned int i = 0; i < def->maxvcpus; i++) {
        pid_t tid = vrQemuVcpuThread(cpus, i);
        unsigned long long delay;
        vrQemuProcStat st;

        if (!def->vcpuList[i].online || !tid)
            continue;
        if (vrQemuReadProcStat(def->name, obj->pid, tid, &st) < 0) {
            vrResetLastError();
            continue;
        }
        vrTypedParamListAddInt(list, STATS_FIELD(field, "vcpu.%u.state", i), VR_VCPU_RUNNING);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "vcpu.%u.time", i),
                                  st.user + st.system);
        if (vrQemuReadSchedDelay(obj->pid, tid, &delay))
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "vcpu.%u.delay", i), delay);
    }
}

static void
vrQemuStatsInterface(vrQemuDomainObj *obj, vrTypedParamList *list)
{
    char field[VR_TYPED_PARAM_FIELD_LENGTH];

    if (!vrQemuDomainObjIsActive(obj))
        return;
    vrTypedParamListAddUInt(list, "net.count", (unsigned int)obj->def->nnets);
    for (size_t i = 0; i < obj->def->nnets; i++) {
        vrDomainNetDef *net = obj->def->nets[i];
        vrDomainInterfaceStatsStruct s;

        if (!net->ifname)
            continue;
        vrTypedParamListAddString(list, STATS_FIELD(field, "net.%zu.name", i), net->ifname);
        if (vrQemuNetCounters(net, &s) < 0) {
            vrResetLastError();
            continue;
        }
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.rx.bytes", i), (unsigned long long)s.rx_bytes);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.rx.pkts", i), (unsigned long long)s.rx_packets);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.rx.errs", i), (unsigned long long)s.rx_errs);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.rx.drop", i), (unsigned long long)s.rx_drop);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.tx.bytes", i), (unsigned long long)s.tx_bytes);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.tx.pkts", i), (unsigned long long)s.tx_packets);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.tx.errs", i), (unsigned long long)s.tx_errs);
        vrTypedParamListAddULLong(list, STATS_FIELD(field, "net.%zu.tx.drop", i), (unsigned long long)s.tx_drop);
    }
}

static void
vrQemuStatsBlock(vrQemuDomainObj *obj, bool haveJob, vrTypedParamList *list)
{
    g_autoptr(GPtrArray) stats = NULL;
    g_autoptr(GPtrArray) blocks = NULL;
    char field[VR_TYPED_PARAM_FIELD_LENGTH];
    bool live = haveJob && vrQemuDomainObjIsActive(obj);

    if (live && vrQemuQueryDiskStats(obj, &stats, &blocks) < 0) {
        vrResetLastError();
        live = false;
    }
    vrTypedParamListAddUInt(list, "block.count", (unsigned int)obj->def->ndisks);
    for (size_t i = 0; i < obj->def->ndisks; i++) {
        vrDomainDiskDef *disk = obj->def->disks[i];
        vrQemuMonitorBlockStats *st = live ? vrQemuFindBlockStats(stats, disk) : NULL;
        vrQemuMonitorBlockInfo *bi = live ? vrQemuFindBlockInfo(blocks, disk) : NULL;
        bool empty = vrQemuDiskIsEmpty(disk);

        vrTypedParamListAddString(list, STATS_FIELD(field, "block.%zu.name", i), disk->dst);
        if (!empty && disk->src->path)
            vrTypedParamListAddString(list, STATS_FIELD(field, "block.%zu.path", i), disk->src->path);
        if (st) {
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.rd.reqs", i), (unsigned long long)st->rdReq);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.rd.bytes", i), (unsigned long long)st->rdBytes);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.rd.times", i), (unsigned long long)st->rdTotalTimeNs);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.wr.reqs", i), (unsigned long long)st->wrReq);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.wr.bytes", i), (unsigned long long)st->wrBytes);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.wr.times", i), (unsigned long long)st->wrTotalTimeNs);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.fl.reqs", i), (unsigned long long)st->flushReq);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.fl.times", i), (unsigned long long)st->flushTotalTimeNs);
        }
        if (bi && bi->hasMedium) {
            if (st)
                vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.allocation", i),
                                          (unsigned long long)st->wrHighestOffset);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.capacity", i), bi->virtualSize);
            if (bi->actualSize)
                vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.physical", i), bi->actualSize);
        } else if (!empty && !vrQemuDomainObjIsActive(obj)) {
            vrQemuSizes sz;

            if (vrQemuImageSizes(obj->def->name, disk, &sz) < 0) {
                vrResetLastError();
                continue;
            }
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.allocation", i), sz.allocation);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.capacity", i), sz.capacity);
            vrTypedParamListAddULLong(list, STATS_FIELD(field, "block.%zu.physical", i), sz.physical);
        }
    }
}

/* One guest's record.  Called with the object locked. */
static vrDomainStatsRecord *
vrQemuStatsRecord(vrConnect *conn, vrQemuDomainObj *obj, unsigned int stats, bool nowait)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    g_auto(vrTypedParamList) list = { 0 };
    vrDomainStatsRecord *record;
    bool haveJob = false;

    /* what needs QEMU needs the job; with NOWAIT a busy guest reports
     * only what /proc and the definition say */
    if (vrQemuDomainObjIsActive(obj) &&
        (stats & (VR_DOMAIN_STATS_BALLOON | VR_DOMAIN_STATS_VCPU | VR_DOMAIN_STATS_BLOCK))) {
        if (!nowait || obj->job == VR_QEMU_JOB_NONE)
            haveJob = vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "domstats") == 0;
        if (!haveJob)
            vrResetLastError();
    }
    if (obj->removed) {
        if (haveJob)
            vrQemuDomainObjEndJob(obj);
        return NULL;
    }
    if (stats & VR_DOMAIN_STATS_STATE) {
        vrTypedParamListAddInt(&list, "state.state", obj->state);
        vrTypedParamListAddInt(&list, "state.reason", obj->reason);
    }
    if (stats & VR_DOMAIN_STATS_CPU_TOTAL)
        vrQemuStatsCPU(obj, &list);
    if (stats & VR_DOMAIN_STATS_BALLOON)
        vrQemuStatsBalloon(driver, obj, haveJob, &list);
    if (stats & VR_DOMAIN_STATS_VCPU)
        vrQemuStatsVcpu(obj, haveJob, &list);
    if (stats & VR_DOMAIN_STATS_INTERFACE)
        vrQemuStatsInterface(obj, &list);
    if (stats & VR_DOMAIN_STATS_BLOCK)
        vrQemuStatsBlock(obj, haveJob, &list);
    if (haveJob)
        vrQemuDomainObjEndJob(obj);

    record = g_new0(vrDomainStatsRecord, 1);
    record->dom = vrQemuDomainHandle(conn, obj);
    record->params = g_steal_pointer(&list.params);
    record->nparams = list.n;
    list.n = list.alloc = 0;
    return record;
}

static int
vrQemuConnectGetAllDomainStats(vrConnect *conn, vrDomain **doms, unsigned int ndoms,
                               unsigned int stats, vrDomainStatsRecord ***retStats,
                               unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    unsigned int filters = flags & VR_QEMU_STATS_FILTERS;
    bool nowait = flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT;
    g_autoptr(GPtrArray) objs = NULL;
    GPtrArray *records;
    int n;

    vrCheckFlags(VR_QEMU_STATS_FILTERS | VR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
                 VR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                 VR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS, -1);
    if (stats == 0) {
        stats = VR_QEMU_STATS_SUPPORTED;
    } else if ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
               (stats & ~VR_QEMU_STATS_SUPPORTED)) {
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED,
                      "Stats types bits 0x%x are not supported by this daemon",
                      stats & ~VR_QEMU_STATS_SUPPORTED);
        return -1;
    }
    stats &= VR_QEMU_STATS_SUPPORTED;

    if (ndoms) {
        objs = g_ptr_array_new_with_free_func((GDestroyNotify)vrQemuDomainObjUnref);
        for (unsigned int i = 0; i < ndoms; i++) {
            vrQemuDomainObj *obj = vrQemuDomainObjListFindByUUID(driver->domains, doms[i]->uuid);

            /* guests that went away are left out */
            if (!obj)
                continue;
            vrQemuDomainObjUnlock(obj);
            g_ptr_array_add(objs, obj);
        }
    } else {
        objs = vrQemuDomainObjListCollect(driver->domains);
    }
    records = g_ptr_array_new();
    for (guint i = 0; i < objs->len; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(objs, i);
        vrDomainStatsRecord *record = NULL;

        vrQemuDomainObjLock(obj);
        if (!obj->removed && vrQemuStatsMatch(obj, filters))
            record = vrQemuStatsRecord(conn, obj, stats, nowait);
        vrQemuDomainObjUnlock(obj);
        if (record)
            g_ptr_array_add(records, record);
    }
    n = (int)records->len;
    g_ptr_array_add(records, NULL);
    *retStats = (vrDomainStatsRecord **)g_ptr_array_free(records, FALSE);
    return n;
}

void
vrQemuInfoDriverInit(vrHypervisorDriver *hv)
{
    if (!hv->nodeGetCPUMap)
        hv->nodeGetCPUMap = vrQemuNodeGetCPUMap;
    hv->domainGetVcpus = vrQemuDomainGetVcpus;
    hv->domainGetVcpuPinInfo = vrQemuDomainGetVcpuPinInfo;
    hv->domainGetEmulatorPinInfo = vrQemuDomainGetEmulatorPinInfo;
    hv->domainPinVcpu = vrQemuDomainPinVcpu;
    hv->domainPinVcpuFlags = vrQemuDomainPinVcpuFlags;
    hv->domainPinEmulator = vrQemuDomainPinEmulator;
    hv->domainMemoryStats = vrQemuDomainMemoryStats;
    hv->domainSetMemoryStatsPeriod = vrQemuDomainSetMemoryStatsPeriod;
    hv->domainBlockStats = vrQemuDomainBlockStats;
    hv->domainBlockStatsFlags = vrQemuDomainBlockStatsFlags;
    hv->domainInterfaceStats = vrQemuDomainInterfaceStats;
    hv->domainGetBlockInfo = vrQemuDomainGetBlockInfo;
    hv->domainGetDiskErrors = vrQemuDomainGetDiskErrors;
    hv->domainGetControlInfo = vrQemuDomainGetControlInfo;
    hv->connectGetAllDomainStats = vrQemuConnectGetAllDomainStats;
    hv->domainGetJobInfo = vrQemuDomainGetJobInfo;
    hv->domainGetJobStats = vrQemuDomainGetJobStats;
    hv->domainAbortJob = vrQemuDomainAbortJob;
    hv->domainAbortJobFlags = vrQemuDomainAbortJobFlags;
    hv->domainGetMetadata = vrQemuDomainGetMetadata;
    hv->domainSetMetadata = vrQemuDomainSetMetadata;
    hv->domainGetMessages = vrQemuDomainGetMessages;
}
