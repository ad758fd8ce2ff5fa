/*
 * virsh-domain-runtime.c: commands that act on or ask a running guest:
 * vCPUs, keys and NMIs, jobs and dumps, the guest clock and file systems,
 * tuning of disks and interfaces, the display, QEMU pass-through.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <time.h>
#include <json-c/json.h>
#include <libxml/xpath.h>

#include "libvireo/vrkeycode.h"
#include "util/vrbitmap.h"
#include "util/vrtypedparam.h"
#include "util/vrxml.h"
#include "vireo/vireo-qemu.h"
#include "virsh.h"

static const vshOptDef optsDomainOnly[] = {
    VIRSH_OPT_DOMAIN,
    VIRSH_OPT_END,
};

/* ---- vcpuinfo --------------------------------------------------------- */

static const vshOptDef optsVcpuinfo[] = {
    VIRSH_OPT_DOMAIN,
    { "pretty", VSH_OPT_BOOL, 0, "print CPU affinities as ranges" },
    VIRSH_OPT_END,
};

static const char *
virshVcpuStateToString(int state)
{
    switch (state) {
    case VR_VCPU_OFFLINE: return "offline";
    case VR_VCPU_RUNNING: return "running";
    case VR_VCPU_BLOCKED: return "blocked";
    default: return "no state";
    }
}

static void
virshVcpuinfoAffinity(vshControl *ctl, const unsigned char *cpumap, int maxcpu, bool pretty)
{
    int cpu;

    if (pretty) {
        g_autoptr(vrBitmap) map = vrBitmapNewData(cpumap, VR_CPU_MAPLEN(maxcpu));
        g_autofree char *str = vrBitmapFormat(map);

        vshPrint(ctl, "%-15s %s (out of %d)\n", "CPU Affinity:", str, maxcpu);
        return;
    }
    vshPrint(ctl, "%-15s ", "CPU Affinity:");
    for (cpu = 0; cpu < maxcpu; cpu++)
        vshPrint(ctl, "%c", VR_CPU_USED(cpumap, cpu) ? 'y' : '-');
    vshPrint(ctl, "\n");
}

static bool
cmdVcpuinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree vrVcpuInfo *cpuinfo = NULL;
    g_autofree unsigned char *cpumaps = NULL;
    bool pretty = vshOptBool(cmd, "pretty");
    vrDomainInfo info;
    int maxcpu, maplen, n, i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((maxcpu = vrNodeGetCPUMap(ctl->conn, NULL, NULL, 0)) < 0)
        return false;
    if (vrDomainGetInfo(dom, &info) < 0)
        return false;
    maplen = VR_CPU_MAPLEN(maxcpu);
    cpuinfo = g_new0(vrVcpuInfo, info.nrVirtCpu ? info.nrVirtCpu : 1);
    cpumaps = g_new0(unsigned char, (size_t)(info.nrVirtCpu ? info.nrVirtCpu : 1) * maplen);

    if ((n = vrDomainGetVcpus(dom, cpuinfo, info.nrVirtCpu, cpumaps, maplen)) >= 0) {
        for (i = 0; i < n; i++) {
            vshPrint(ctl, "%-15s %u\n", "VCPU:", cpuinfo[i].number);
            vshPrint(ctl, "%-15s %d\n", "CPU:", cpuinfo[i].cpu);
            vshPrint(ctl, "%-15s %s\n", "State:", virshVcpuStateToString(cpuinfo[i].state));
            if (cpuinfo[i].cpuTime != 0)
                vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:",
                         (double)cpuinfo[i].cpuTime / 1000000000.0);
            virshVcpuinfoAffinity(ctl, VR_GET_CPUMAP(cpumaps, maplen, i), maxcpu, pretty);
            if (i < n - 1)
                vshPrint(ctl, "\n");
        }
        return true;
    }
    /* a stopped guest has no vCPUs, but its pinning can be shown */
    if (info.state != VR_DOMAIN_SHUTOFF)
        return false;
    vshResetLibError();
    if ((n = vrDomainGetVcpuPinInfo(dom, info.nrVirtCpu, cpumaps, maplen,
                                    VR_DOMAIN_AFFECT_CONFIG)) < 0)
        return false;
    for (i = 0; i < n; i++) {
        vshPrint(ctl, "%-15s %d\n", "VCPU:", i);
        vshPrint(ctl, "%-15s %s\n", "CPU:", "N/A");
        vshPrint(ctl, "%-15s %s\n", "State:", "N/A");
        vshPrint(ctl, "%-15s %s\n", "CPU time", "N/A");
        virshVcpuinfoAffinity(ctl, VR_GET_CPUMAP(cpumaps, maplen, i), maxcpu, pretty);
        if (i < n - 1)
            vshPrint(ctl, "\n");
    }
    return true;
}

/* ---- send-key, inject-nmi --------------------------------------------- */

static const vshOptDef optsSendKey[] = {
    VIRSH_OPT_DOMAIN,
    { "codeset", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY,
      "what the key codes are: linux (the default), xt, atset1, atset2, atset3, os_x, "
      "xt_kbd, usb, win32, qnum" },
    { "holdtime", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "how long to hold the keys down (ms)" },
    { "keycode", VSH_OPT_ARGV, VSH_OPT_REQUIRED, "keys, by name or number" },
    VIRSH_OPT_END,
};

/* A number up to 0xffff (decimal, 0x hex or 0 octal), else -1. */
static int
virshKeyCodeNumber(const char *str)
{
    unsigned long long v;
    char *end = NULL;

    if (!*str || *str == '-' || *str == '+' || g_ascii_isspace(*str))
        return -1;
    errno = 0;
    v = g_ascii_strtoull(str, &end, 0);
    if (errno || *end || v > 0xffff)
        return -1;
    return (int)v;
}

static bool
cmdSendKey(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const vshCmdOpt *opt = NULL;
    const char *codesetName = NULL;
    unsigned int keycodes[VR_DOMAIN_SEND_KEY_MAX_KEYS];
    unsigned int holdtime = 0;
    int codeset = VR_KEYCODE_SET_LINUX;
    int count = 0;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptString(ctl, cmd, "codeset", &codesetName) < 0)
        return false;
    if (codesetName && (codeset = vrKeycodeSetFromString(codesetName)) < 0) {
        vshError(ctl, "unknown codeset: '%s'", codesetName);
        return false;
    }
    if (vshOptUInt(ctl, cmd, "holdtime", &holdtime) < 0)
        return false;
    while ((opt = vshOptArgv(cmd, opt))) {
        int code;

        if (count == VR_DOMAIN_SEND_KEY_MAX_KEYS) {
            vshError(ctl, "%s", "too many keycodes");
            return false;
        }
        if ((code = virshKeyCodeNumber(opt->value)) < 0 &&
            (code = vrKeycodeValueFromString(codeset, opt->value)) < 0) {
            vshError(ctl, "invalid keycode: '%s'", opt->value);
            return false;
        }
        keycodes[count++] = (unsigned int)code;
    }
    return vrDomainSendKey(dom, (unsigned int)codeset, holdtime, keycodes, count, 0) == 0;
}

static bool
cmdInjectNMI(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    return vrDomainInjectNMI(dom, 0) == 0;
}

/* ---- domjobinfo, domjobabort --------------------------------------------- */

static const vshOptDef optsDomjobinfo[] = {
    VIRSH_OPT_DOMAIN,
    { "completed", VSH_OPT_BOOL, 0, "the statistics of the job that finished last" },
    { "keep-completed", VSH_OPT_BOOL, 0, "do not discard those statistics when reading them" },
    { "anystats", VSH_OPT_BOOL, 0, "print statistics of any job, also of failed ones" },
    { "rawstats", VSH_OPT_BOOL, 0, "print every field the driver returned, unformatted" },
    VIRSH_OPT_END,
};

static const char *
virshDomainJobTypeToString(int type)
{
    static const char *const names[] = {
        "None", "Bounded", "Unbounded", "Completed", "Failed", "Cancelled",
    };

    return type >= 0 && type < (int)G_N_ELEMENTS(names) ? names[type] : "unknown";
}

static const char *
virshDomainJobOperationToString(int op)
{
    static const char *const names[] = {
        "Unknown", "Start", "Save", "Restore", "Incoming migration", "Outgoing migration",
        "Snapshot", "Snapshot revert", "Dump", "Backup", "Snapshot delete",
    };

    return op >= 0 && op < (int)G_N_ELEMENTS(names) ? names[op] : "unknown";
}

/* The value of an unsigned long long field; false when absent. */
static bool
virshJobULL(const vrTypedParameter *params, int nparams, const char *field,
            unsigned long long *value)
{
    const vrTypedParameter *p = vrTypedParamsGet(params, nparams, field);

    if (!p || p->type != VR_TYPED_PARAM_ULLONG)
        return false;
    *value = p->value.ul;
    return true;
}

/* "1.500 GiB" style sizes of the job statistics. */
static void
virshJobSize(vshControl *ctl, const char *label, unsigned long long bytes, const char *suffix)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double value = (double)bytes;
    size_t unit = 0;

    while (value >= 1024 && unit + 1 < G_N_ELEMENTS(units)) {
        value /= 1024;
        unit++;
    }
    vshPrint(ctl, "%-17s %-.3lf %s%s\n", label, value, units[unit], suffix);
}

static void
virshJobPrintDetails(vshControl *ctl, const vrDomainJobInfo *info,
                     const vrTypedParameter *params, int nparams)
{
    unsigned long long v;
    const vrTypedParameter *p;

    vshPrint(ctl, "%-17s %-12llu ms\n", "Time elapsed:", info->timeElapsed);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_TIME_ELAPSED_NET, &v))
        vshPrint(ctl, "%-17s %-12llu ms\n", "Time elapsed w/o network:", v);
    if (info->type == VR_DOMAIN_JOB_BOUNDED)
        vshPrint(ctl, "%-17s %-12llu ms\n", "Time remaining:", info->timeRemaining);
    if (info->dataTotal || info->dataRemaining || info->dataProcessed) {
        virshJobSize(ctl, "Data processed:", info->dataProcessed, "");
        virshJobSize(ctl, "Data remaining:", info->dataRemaining, "");
        virshJobSize(ctl, "Data total:", info->dataTotal, "");
    }
    if (info->memTotal || info->memRemaining || info->memProcessed) {
        virshJobSize(ctl, "Memory processed:", info->memProcessed, "");
        virshJobSize(ctl, "Memory remaining:", info->memRemaining, "");
        virshJobSize(ctl, "Memory total:", info->memTotal, "");
        if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_BPS, &v) && v)
            virshJobSize(ctl, "Memory bandwidth:", v, "/s");
        if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_DIRTY_RATE, &v))
            vshPrint(ctl, "%-17s %-12llu pages/s\n", "Dirty rate:", v);
        if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_PAGE_SIZE, &v))
            vshPrint(ctl, "%-17s %-12llu bytes\n", "Page size:", v);
        if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_ITERATION, &v))
            vshPrint(ctl, "%-17s %-12llu\n", "Iteration:", v);
        if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS, &v))
            vshPrint(ctl, "%-17s %-12llu\n", "Postcopy requests:", v);
    }
    if (info->fileTotal || info->fileRemaining || info->fileProcessed) {
        virshJobSize(ctl, "File processed:", info->fileProcessed, "");
        virshJobSize(ctl, "File remaining:", info->fileRemaining, "");
        virshJobSize(ctl, "File total:", info->fileTotal, "");
        if (virshJobULL(params, nparams, VR_DOMAIN_JOB_DISK_BPS, &v) && v)
            virshJobSize(ctl, "File bandwidth:", v, "/s");
    }
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_CONSTANT, &v))
        vshPrint(ctl, "%-17s %-12llu\n", "Constant pages:", v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_NORMAL, &v))
        vshPrint(ctl, "%-17s %-12llu\n", "Normal pages:", v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_NORMAL_BYTES, &v))
        virshJobSize(ctl, "Normal data:", v, "");
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_DOWNTIME, &v))
        vshPrint(ctl, "%-17s %-12llu ms\n",
                 info->type == VR_DOMAIN_JOB_COMPLETED ? "Total downtime:" : "Expected downtime:",
                 v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_DOWNTIME_NET, &v))
        vshPrint(ctl, "%-17s %-12llu ms\n", "Downtime w/o network:", v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_SETUP_TIME, &v))
        vshPrint(ctl, "%-17s %-12llu ms\n", "Setup time:", v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_COMPRESSION_CACHE, &v))
        virshJobSize(ctl, "Compression cache:", v, "");
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_COMPRESSION_BYTES, &v))
        virshJobSize(ctl, "Compressed data:", v, "");
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_COMPRESSION_PAGES, &v))
        vshPrint(ctl, "%-17s %-13llu\n", "Compressed pages:", v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES, &v))
        vshPrint(ctl, "%-17s %-13llu\n", "Compression cache misses:", v);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_COMPRESSION_OVERFLOW, &v))
        vshPrint(ctl, "%-17s %-13llu\n", "Compression overflows:", v);
    if ((p = vrTypedParamsGet(params, nparams, VR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE)) &&
        p->type == VR_TYPED_PARAM_INT)
        vshPrint(ctl, "%-17s %-13d\n", "Auto converge throttle:", p->value.i);
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_DISK_TEMP_USED, &v))
        virshJobSize(ctl, "Temporary disk space use:", v, "");
    if (virshJobULL(params, nparams, VR_DOMAIN_JOB_DISK_TEMP_TOTAL, &v))
        virshJobSize(ctl, "Temporary disk space total:", v, "");
    if ((p = vrTypedParamsGet(params, nparams, VR_DOMAIN_JOB_ERRMSG)) &&
        p->type == VR_TYPED_PARAM_STRING)
        vshPrint(ctl, "%-17s %s\n", "Error message:", p->value.s);
}

static bool
cmdDomjobinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    vrTypedParameter *params = NULL;
    bool rawstats = vshOptBool(cmd, "rawstats");
    bool anystats = vshOptBool(cmd, "anystats");
    vrDomainJobInfo info;
    unsigned int flags = 0;
    const vrError *err;
    const vrTypedParameter *p;
    int nparams = 0;
    int rc, i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptBool(cmd, "completed"))
        flags |= VR_DOMAIN_JOB_STATS_COMPLETED;
    if (vshOptBool(cmd, "keep-completed"))
        flags |= VR_DOMAIN_JOB_STATS_KEEP_COMPLETED;
    memset(&info, 0, sizeof(info));

    rc = vrDomainGetJobStats(dom, &info.type, &params, &nparams, flags);
    if (rc == 0) {
        virshJobULL(params, nparams, VR_DOMAIN_JOB_TIME_ELAPSED, &info.timeElapsed);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_TIME_REMAINING, &info.timeRemaining);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_DATA_TOTAL, &info.dataTotal);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_DATA_PROCESSED, &info.dataProcessed);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_DATA_REMAINING, &info.dataRemaining);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_TOTAL, &info.memTotal);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_PROCESSED, &info.memProcessed);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_MEMORY_REMAINING, &info.memRemaining);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_DISK_TOTAL, &info.fileTotal);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_DISK_PROCESSED, &info.fileProcessed);
        virshJobULL(params, nparams, VR_DOMAIN_JOB_DISK_REMAINING, &info.fileRemaining);
    } else if ((err = vrGetLastError()) && err->code == VR_ERR_NO_SUPPORT) {
        /* a driver with the old call only */
        if (flags || rawstats) {
            vshError(ctl, "%s", "Optional flags or --rawstats are not supported by the daemon");
            return false;
        }
        vshResetLibError();
        rc = vrDomainGetJobInfo(dom, &info);
    }
    if (rc < 0) {
        vrTypedParamsFree(params, nparams);
        return false;
    }

    if (rawstats) {
        vshPrint(ctl, "Job type: %d\n\n", info.type);
        for (i = 0; i < nparams; i++) {
            g_autofree char *v = vrTypedParamToString(&params[i]);

            vshPrint(ctl, "%s: %s\n", params[i].field, v ? v : "(null)");
        }
        vrTypedParamsFree(params, nparams);
        return true;
    }

    vshPrint(ctl, "%-17s %-12s\n", "Job type:", virshDomainJobTypeToString(info.type));
    if (!anystats && info.type != VR_DOMAIN_JOB_BOUNDED &&
        info.type != VR_DOMAIN_JOB_UNBOUNDED &&
        (!(flags & VR_DOMAIN_JOB_STATS_COMPLETED) || info.type != VR_DOMAIN_JOB_COMPLETED)) {
        vrTypedParamsFree(params, nparams);
        return true;
    }
    if ((p = vrTypedParamsGet(params, nparams, VR_DOMAIN_JOB_OPERATION)) &&
        p->type == VR_TYPED_PARAM_INT)
        vshPrint(ctl, "%-17s %-12s\n", "Operation:",
                 virshDomainJobOperationToString(p->value.i));
    virshJobPrintDetails(ctl, &info, params, nparams);
    vrTypedParamsFree(params, nparams);
    return true;
}

static const vshOptDef optsDomjobabort[] = {
    VIRSH_OPT_DOMAIN,
    { "postcopy", VSH_OPT_BOOL, 0, "stop a migration that is in its post-copy phase" },
    VIRSH_OPT_END,
};

static bool
cmdDomjobabort(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    unsigned int flags = 0;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptBool(cmd, "postcopy"))
        flags |= VR_DOMAIN_ABORT_JOB_POSTCOPY;
    return (flags ? vrDomainAbortJobFlags(dom, flags) : vrDomainAbortJob(dom)) == 0;
}

/* ---- dump -------------------------------------------------------------- */

static const vshOptDef optsDump[] = {
    VIRSH_OPT_DOMAIN,
    { "file", VSH_OPT_DATA, VSH_OPT_REQUIRED, "where to write the core" },
    { "live", VSH_OPT_BOOL, 0, "let the guest run while it is dumped" },
    { "crash", VSH_OPT_BOOL, 0, "leave the guest crashed after the dump" },
    { "bypass-cache", VSH_OPT_BOOL, 0, "avoid the file system cache" },
    { "reset", VSH_OPT_BOOL, 0, "reset the guest after the dump" },
    { "verbose", VSH_OPT_BOOL, 0, "show progress" },
    { "memory-only", VSH_OPT_BOOL, 0, "dump only the guest's memory (ELF or kdump)" },
    { "format", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY,
      "format of a memory-only dump: elf, kdump-zlib, kdump-lzo, kdump-snappy, win-dmp" },
    VIRSH_OPT_END,
};

static bool
cmdDump(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *name;
        unsigned int value;
    } formats[] = {
        { "kdump-zlib", VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB },
        { "kdump-lzo", VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO },
        { "kdump-snappy", VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY },
        { "win-dmp", VR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP },
        { "elf", VR_DOMAIN_CORE_DUMP_FORMAT_RAW },
    };
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    const char *to = NULL;
    const char *format = NULL;
    unsigned int dumpformat = VR_DOMAIN_CORE_DUMP_FORMAT_RAW;
    unsigned int flags = 0;
    int rc;
    size_t i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vshOptStringReq(ctl, cmd, "file", &to) < 0)
        return false;
    if (vshOptBool(cmd, "live"))
        flags |= VR_DUMP_LIVE;
    if (vshOptBool(cmd, "crash"))
        flags |= VR_DUMP_CRASH;
    if (vshOptBool(cmd, "bypass-cache"))
        flags |= VR_DUMP_BYPASS_CACHE;
    if (vshOptBool(cmd, "reset"))
        flags |= VR_DUMP_RESET;
    if (vshOptBool(cmd, "memory-only"))
        flags |= VR_DUMP_MEMORY_ONLY;
    if (vshOptGiven(cmd, "format")) {
        if (!(flags & VR_DUMP_MEMORY_ONLY)) {
            vshError(ctl, "%s", "--format only works with --memory-only");
            return false;
        }
        if (vshOptStringReq(ctl, cmd, "format", &format) < 0)
            return false;
        for (i = 0; i < G_N_ELEMENTS(formats); i++) {
            if (g_str_equal(format, formats[i].name))
                break;
        }
        if (i == G_N_ELEMENTS(formats)) {
            vshError(ctl, "format '%s' is not supported, expecting 'kdump-zlib', 'kdump-lzo', "
                     "'kdump-snappy', 'win-dmp' or 'elf'", format);
            return false;
        }
        dumpformat = formats[i].value;
    }
    if (dumpformat != VR_DOMAIN_CORE_DUMP_FORMAT_RAW)
        rc = vrDomainCoreDumpWithFormat(dom, to, dumpformat, flags);
    else
        rc = vrDomainCoreDump(dom, to, flags);
    if (rc < 0) {
        vshError(ctl, "Failed to core dump domain '%s' to %s", name, to);
        return false;
    }
    vshPrintExtra(ctl, "\nDomain '%s' dumped to %s\n", name, to);
    return true;
}

/* ---- domtime ---------------------------------------------------------- */

static const vshOptDef optsDomtime[] = {
    VIRSH_OPT_DOMAIN,
    { "now", VSH_OPT_BOOL, 0, "set the guest clock to the time of this host" },
    { "pretty", VSH_OPT_BOOL, 0, "print the time as a date (UTC)" },
    { "sync", VSH_OPT_BOOL, 0, "set the guest clock from its own hardware clock" },
    { "time", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "set the guest clock to these seconds since 1970" },
    VIRSH_OPT_END,
};

static bool
cmdDomtime(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    bool now = vshOptBool(cmd, "now");
    bool sync = vshOptBool(cmd, "sync");
    long long seconds = 0;
    unsigned int nseconds = 0;
    unsigned int flags = 0;
    int rc;

    if (!vshExclusiveOptions(ctl, cmd, "time", "now") ||
        !vshExclusiveOptions(ctl, cmd, "time", "sync"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((rc = vshOptLongLong(ctl, cmd, "time", &seconds)) < 0)
        return false;
    if (rc > 0 || now || sync) {
        if (now)
            seconds = (long long)time(NULL);
        if (sync)
            flags |= VR_DOMAIN_TIME_SYNC;
        return vrDomainSetTime(dom, seconds, nseconds, flags) == 0;
    }
    if (vrDomainGetTime(dom, &seconds, &nseconds, 0) < 0)
        return false;
    if (vshOptBool(cmd, "pretty")) {
        g_autoptr(GDateTime) then = g_date_time_new_from_unix_utc(seconds);
        g_autofree char *str = then ? g_date_time_format(then, "%Y-%m-%d %H:%M:%S") : NULL;

        /* no newline: the shell's separator ends the line, as virsh does */
        vshPrint(ctl, "Time: %s", str ? str : "");
    } else {
        vshPrint(ctl, "Time: %lld", seconds);
    }
    return true;
}

/* ---- domfstrim, domfsfreeze, domfsthaw ---------------------------------- */

static const vshOptDef optsDomfstrim[] = {
    VIRSH_OPT_DOMAIN,
    { "minimum", VSH_OPT_INT, VSH_OPT_NAMED_ONLY,
      "skip free ranges smaller than this many bytes (a hint)" },
    { "mountpoint", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "trim only this file system" },
    VIRSH_OPT_END,
};

static bool
cmdDomfstrim(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    unsigned long long minimum = 0;
    const char *mountpoint = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptULongLong(ctl, cmd, "minimum", &minimum) < 0 ||
        vshOptStringReq(ctl, cmd, "mountpoint", &mountpoint) < 0)
        return false;
    if (vrDomainFSTrim(dom, mountpoint, minimum, 0) < 0) {
        vshError(ctl, "%s", "Unable to invoke fstrim");
        return false;
    }
    return true;
}

static const vshOptDef optsDomfsfreeze[] = {
    VIRSH_OPT_DOMAIN,
    { "mountpoint", VSH_OPT_ARGV, 0, "file systems to freeze (none: all)" },
    VIRSH_OPT_END,
};

static const vshOptDef optsDomfsthaw[] = {
    VIRSH_OPT_DOMAIN,
    { "mountpoint", VSH_OPT_ARGV, 0, "file systems to thaw (none: all)" },
    VIRSH_OPT_END,
};

static bool
virshFreezeThaw(vshControl *ctl, const vshCmd *cmd, bool freeze)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(GPtrArray) points = g_ptr_array_new();
    const vshCmdOpt *opt = NULL;
    int n;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    while ((opt = vshOptArgv(cmd, opt)))
        g_ptr_array_add(points, opt->value);
    n = freeze ? vrDomainFSFreeze(dom, (const char **)points->pdata, points->len, 0)
               : vrDomainFSThaw(dom, (const char **)points->pdata, points->len, 0);
    if (n < 0) {
        vshError(ctl, "%s", freeze ? "Unable to freeze filesystems" : "Unable to thaw filesystems");
        return false;
    }
    vshPrint(ctl, freeze ? "Froze %d filesystem(s)\n" : "Thawed %d filesystem(s)\n", n);
    return true;
}

static bool
cmdDomfsfreeze(vshControl *ctl, const vshCmd *cmd)
{
    return virshFreezeThaw(ctl, cmd, true);
}

static bool
cmdDomfsthaw(vshControl *ctl, const vshCmd *cmd)
{
    return virshFreezeThaw(ctl, cmd, false);
}

/* ---- guestinfo, set-user-password, domrename ------------------------------ */

static const vshOptDef optsGuestinfo[] = {
    VIRSH_OPT_DOMAIN,
    { "user", VSH_OPT_BOOL, 0, "the users logged in" },
    { "os", VSH_OPT_BOOL, 0, "the operating system" },
    { "timezone", VSH_OPT_BOOL, 0, "the time zone" },
    { "hostname", VSH_OPT_BOOL, 0, "the host name" },
    { "filesystem", VSH_OPT_BOOL, 0, "the file systems" },
    { "disk", VSH_OPT_BOOL, 0, "the disks" },
    { "interface", VSH_OPT_BOOL, 0, "the network interfaces" },
    VIRSH_OPT_END,
};

static bool
cmdGuestinfo(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int type;
    } kinds[] = {
        { "user", VR_DOMAIN_GUEST_INFO_USERS },
        { "os", VR_DOMAIN_GUEST_INFO_OS },
        { "timezone", VR_DOMAIN_GUEST_INFO_TIMEZONE },
        { "hostname", VR_DOMAIN_GUEST_INFO_HOSTNAME },
        { "filesystem", VR_DOMAIN_GUEST_INFO_FILESYSTEM },
        { "disk", VR_DOMAIN_GUEST_INFO_DISKS },
        { "interface", VR_DOMAIN_GUEST_INFO_INTERFACES },
    };
    g_autoptr(vrDomain) dom = NULL;
    vrTypedParameter *params = NULL;
    unsigned int types = 0;
    int nparams = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(kinds); i++) {
        if (vshOptBool(cmd, kinds[i].opt))
            types |= kinds[i].type;
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vrDomainGetGuestInfo(dom, types, &params, &nparams, 0) < 0)
        return false;
    for (i = 0; i < (size_t)nparams; i++) {
        g_autofree char *v = vrTypedParamToString(&params[i]);

        vshPrint(ctl, "%-20s: %s\n", params[i].field, v);
    }
    vrTypedParamsFree(params, nparams);
    return true;
}

static const vshOptDef optsSetUserPassword[] = {
    VIRSH_OPT_DOMAIN,
    { "user", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the account in the guest" },
    { "password", VSH_OPT_DATA, VSH_OPT_REQUIRED, "its new password" },
    { "encrypted", VSH_OPT_BOOL, 0, "the password is already a crypt(3) hash" },
    VIRSH_OPT_END,
};

static bool
cmdSetUserPassword(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    const char *user = NULL;
    const char *password = NULL;
    unsigned int flags = 0;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vshOptStringReq(ctl, cmd, "user", &user) < 0 ||
        vshOptStringReq(ctl, cmd, "password", &password) < 0)
        return false;
    if (vshOptBool(cmd, "encrypted"))
        flags |= VR_DOMAIN_PASSWORD_ENCRYPTED;
    if (vrDomainSetUserPassword(dom, user, password, flags) < 0)
        return false;
    /* no newline, as virsh prints it */
    vshPrintExtra(ctl, "Password set successfully for %s in %s", user, name);
    return true;
}

static const vshOptDef optsDomrename[] = {
    { "domain", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the guest: name or UUID" },
    { "new-name", VSH_OPT_DATA, VSH_OPT_REQUIRED, "its new name" },
    VIRSH_OPT_END,
};

static bool
cmdDomrename(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *newName = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "new-name", &newName) < 0)
        return false;
    if (vrDomainRename(dom, newName, 0) < 0)
        return false;
    vshPrintExtra(ctl, "Domain successfully renamed\n");
    return true;
}

/* ---- blkdeviotune, domiftune, blockresize ------------------------------- */

static const vshOptDef optsBlkdeviotune[] = {
    VIRSH_OPT_DOMAIN,
    { "device", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the disk: target name or source path" },
    { "total-bytes-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "bytes/s limit, reads and writes (scaled)" },
    { "read-bytes-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "bytes/s limit for reads (scaled)" },
    { "write-bytes-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "bytes/s limit for writes (scaled)" },
    { "total-iops-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "operations/s limit, reads and writes" },
    { "read-iops-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "operations/s limit for reads" },
    { "write-iops-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "operations/s limit for writes" },
    { "total-bytes-sec-max", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "burst bytes/s, all I/O (scaled)" },
    { "read-bytes-sec-max", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "burst bytes/s of reads (scaled)" },
    { "write-bytes-sec-max", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "burst bytes/s of writes (scaled)" },
    { "total-iops-sec-max", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "burst operations/s, all I/O" },
    { "read-iops-sec-max", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "burst operations/s of reads" },
    { "write-iops-sec-max", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "burst operations/s of writes" },
    { "size-iops-sec", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "bytes counted as one operation" },
    { "group-name", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "share the limits with the disks of this group" },
    { "total-bytes-sec-max-length", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds a total bytes burst may last" },
    { "read-bytes-sec-max-length", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds a read bytes burst may last" },
    { "write-bytes-sec-max-length", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds a write bytes burst may last" },
    { "total-iops-sec-max-length", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds a total operations burst may last" },
    { "read-iops-sec-max-length", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds a read operations burst may last" },
    { "write-iops-sec-max-length", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds a write operations burst may last" },
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CURRENT("change the guest's current state"),
    VIRSH_OPT_END,
};

/* Prints the typed parameters of a tuning query, "%-15s: %s" each. */
static void
virshPrintTunables(vshControl *ctl, const vrTypedParameter *params, int nparams)
{
    int i;

    for (i = 0; i < nparams; i++) {
        g_autofree char *v = vrTypedParamToString(&params[i]);

        vshPrint(ctl, "%-15s: %s\n", params[i].field, v);
    }
}

static bool
cmdBlkdeviotune(vshControl *ctl, const vshCmd *cmd)
{
    /* option, typed parameter, scaled (bytes) or plain */
    static const struct {
        const char *opt;
        const char *field;
        bool scaled;
    } knobs[] = {
        { "total-bytes-sec", VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, true },
        { "read-bytes-sec", VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, true },
        { "write-bytes-sec", VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, true },
        { "total-iops-sec", VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, false },
        { "read-iops-sec", VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, false },
        { "write-iops-sec", VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, false },
        { "total-bytes-sec-max", VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, true },
        { "read-bytes-sec-max", VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, true },
        { "write-bytes-sec-max", VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, true },
        { "total-iops-sec-max", VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, false },
        { "read-iops-sec-max", VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, false },
        { "write-iops-sec-max", VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, false },
        { "size-iops-sec", VR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, false },
        { "total-bytes-sec-max-length", VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, false },
        { "read-bytes-sec-max-length", VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, false },
        { "write-bytes-sec-max-length", VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, false },
        { "total-iops-sec-max-length", VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, false },
        { "read-iops-sec-max-length", VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, false },
        { "write-iops-sec-max-length", VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, false },
    };
    g_autoptr(vrDomain) dom = NULL;
    g_auto(vrTypedParamList) list = { 0 };
    vrTypedParameter *params = NULL;
    const char *disk = NULL;
    const char *group = NULL;
    unsigned int flags;
    int nparams = 0;
    size_t i;
    int rc;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "device", &disk) < 0)
        return false;
    for (i = 0; i < G_N_ELEMENTS(knobs); i++) {
        unsigned long long v;

        rc = knobs[i].scaled ? vshOptScaledInt(ctl, cmd, knobs[i].opt, &v, 1, ULLONG_MAX)
                             : vshOptULongLong(ctl, cmd, knobs[i].opt, &v);
        if (rc < 0) {
            vshError(ctl, "%s", "Unable to parse integer parameter");
            return false;
        }
        if (rc > 0)
            vrTypedParamListAddULLong(&list, knobs[i].field, v);
        /* the group goes after the operation size, as virsh sends it */
        if (g_str_equal(knobs[i].opt, "size-iops-sec")) {
            if ((rc = vshOptStringReq(ctl, cmd, "group-name", &group)) < 0) {
                vshError(ctl, "%s", "Unable to parse group-name parameter");
                return false;
            }
            if (rc > 0)
                vrTypedParamListAddString(&list, VR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, group);
        }
    }

    if (list.n > 0) {
        if (vrDomainSetBlockIoTune(dom, disk, list.params, list.n, flags) < 0) {
            vshError(ctl, "%s", "Unable to change block I/O throttle");
            return false;
        }
        return true;
    }
    if (vrDomainGetBlockIoTune(dom, NULL, NULL, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get number of block I/O throttle parameters");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(vrTypedParameter, nparams);
    if (vrDomainGetBlockIoTune(dom, disk, params, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get block I/O throttle parameters");
        vrTypedParamsFree(params, nparams);
        return false;
    }
    virshPrintTunables(ctl, params, nparams);
    vrTypedParamsFree(params, nparams);
    return true;
}

static const vshOptDef optsDomiftune[] = {
    VIRSH_OPT_DOMAIN,
    { "interface", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the interface: MAC address or target name" },
    { "inbound", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY,
      "incoming traffic: average,peak,burst,floor (KiB/s, KiB)" },
    { "outbound", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY,
      "outgoing traffic: average,peak,burst (KiB/s, KiB)" },
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CURRENT("change the guest's current state"),
    VIRSH_OPT_END,
};

typedef struct {
    unsigned long long average, peak, burst, floor;
} virshRate;

/* "average,peak,burst,floor", any field may be empty. */
static bool
virshParseRate(vshControl *ctl, const char *str, virshRate *rate)
{
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    g_auto(GStrv) fields = g_strsplit(str, ",", -1);
    unsigned long long *slots[] = { &rate->average, &rate->peak, &rate->burst, &rate->floor };
    size_t i;

    memset(rate, 0, sizeof(*rate));
    if (g_strv_length(fields) > G_N_ELEMENTS(names)) {
        vshError(ctl, "Rate string '%s' has too many fields", str);
        return false;
    }
    for (i = 0; fields[i]; i++) {
        if (!*fields[i])
            continue;
        if (vrStrToULLong(fields[i], 10, slots[i]) < 0) {
            vshError(ctl, "field '%s' is malformed", names[i]);
            return false;
        }
    }
    return true;
}

static bool
cmdDomiftune(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_auto(vrTypedParamList) list = { 0 };
    vrTypedParameter *params = NULL;
    const char *device = NULL;
    const char *inbound = NULL;
    const char *outbound = NULL;
    unsigned int flags;
    int nparams = 0;
    virshRate rate;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "interface", &device) < 0 ||
        vshOptStringReq(ctl, cmd, "inbound", &inbound) < 0 ||
        vshOptStringReq(ctl, cmd, "outbound", &outbound) < 0)
        return false;
    if (inbound) {
        if (!virshParseRate(ctl, inbound, &rate))
            return false;
        if (rate.average > UINT_MAX || rate.peak > UINT_MAX || rate.burst > UINT_MAX) {
            vshError(ctl, "inbound rate larger than maximum %u", UINT_MAX);
            return false;
        }
        if (!rate.average && (rate.burst || rate.peak) && !rate.floor) {
            vshError(ctl, "%s", "either inbound average or floor is mandatory");
            return false;
        }
        vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_AVERAGE, (unsigned int)rate.average);
        if (rate.peak)
            vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_PEAK, (unsigned int)rate.peak);
        if (rate.burst)
            vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_BURST, (unsigned int)rate.burst);
        if (rate.floor)
            vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_FLOOR, (unsigned int)rate.floor);
    }
    if (outbound) {
        if (!virshParseRate(ctl, outbound, &rate))
            return false;
        if (rate.average > UINT_MAX || rate.peak > UINT_MAX || rate.burst > UINT_MAX) {
            vshError(ctl, "outbound rate larger than maximum %u", UINT_MAX);
            return false;
        }
        if (!rate.average && (rate.burst || rate.peak)) {
            vshError(ctl, "%s", "outbound average is mandatory");
            return false;
        }
        if (rate.floor) {
            vshError(ctl, "%s", "outbound floor is unsupported yet");
            return false;
        }
        vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_AVERAGE,
                                (unsigned int)rate.average);
        if (rate.peak)
            vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_PEAK, (unsigned int)rate.peak);
        if (rate.burst)
            vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_BURST,
                                    (unsigned int)rate.burst);
    }
    if (list.n > 0) {
        if (vrDomainSetInterfaceParameters(dom, device, list.params, list.n, flags) != 0) {
            vshError(ctl, "%s", "Unable to set interface parameters");
            return false;
        }
        return true;
    }
    if (vrDomainGetInterfaceParameters(dom, device, NULL, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get number of interface parameters");
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(vrTypedParameter, nparams);
    if (vrDomainGetInterfaceParameters(dom, device, params, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get interface parameters");
        vrTypedParamsFree(params, nparams);
        return false;
    }
    virshPrintTunables(ctl, params, nparams);
    vrTypedParamsFree(params, nparams);
    return true;
}

static const vshOptDef optsBlockresize[] = {
    VIRSH_OPT_DOMAIN,
    { "path", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the disk: target name or source path" },
    { "size", VSH_OPT_INT, VSH_OPT_REQUIRED, "its new size (scaled, KiB without a unit)" },
    VIRSH_OPT_END,
};

static bool
cmdBlockresize(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *path = NULL;
    unsigned long long size = 0;
    unsigned int flags = 0;

    if (vshOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;
    if (vshOptScaledInt(ctl, cmd, "size", &size, 1024, ULLONG_MAX) < 0)
        return false;
    /* whole KiB go as KiB, the older unit of the call */
    if (size % 1024 == 0)
        size /= 1024;
    else
        flags |= VR_DOMAIN_BLOCK_RESIZE_BYTES;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vrDomainBlockResize(dom, path, size, flags) < 0) {
        vshError(ctl, "Failed to resize block device '%s'", path);
        return false;
    }
    vshPrintExtra(ctl, "Block device '%s' is resized", path);
    return true;
}

/* ---- domdisplay ------------------------------------------------------ */

static const vshOptDef optsDomdisplay[] = {
    VIRSH_OPT_DOMAIN,
    { "include-password", VSH_OPT_BOOL, 0, "put the display's password in the URI" },
    { "type", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "only this kind: vnc, spice, rdp or dbus" },
    { "all", VSH_OPT_BOOL, 0, "every display, one per line" },
    VIRSH_OPT_END,
};

static char *
virshXPathString(xmlXPathContextPtr xpath, const char *expr)
{
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, xpath);
    char *v = NULL;

    if (obj && obj->type == XPATH_STRING && obj->stringval)
        v = g_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    return v;
}

static char *
virshGraphicsAttr(xmlXPathContextPtr xpath, const char *scheme, const char *attr)
{
    g_autofree char *expr = g_strdup_printf("string(/domain/devices/graphics[@type='%s']/%s)",
                                            scheme, attr);
    char *v = virshXPathString(xpath, expr);

    if (v && !*v) {
        g_free(v);
        return NULL;
    }
    return v;
}

static bool
virshIsWildcardAddress(const char *addr)
{
    return g_str_equal(addr, "0.0.0.0") || g_str_equal(addr, "::") ||
           g_str_equal(addr, "0:0:0:0:0:0:0:0");
}

/* The URI of one kind of display, or NULL when the guest has none. */
static char *
virshDisplayURI(vshControl *ctl, xmlXPathContextPtr xpath, const char *scheme, bool *failed)
{
    g_autoptr(GString) uri = g_string_new(NULL);
    g_autoptr(GString) query = g_string_new(NULL);
    g_autofree char *portStr = NULL;
    g_autofree char *tlsStr = NULL;
    g_autofree char *listen = NULL;
    g_autofree char *listenType = NULL;
    g_autofree char *sock = NULL;
    g_autofree char *passwd = NULL;
    int port = 0, tlsPort = 0;

    if (g_str_equal(scheme, "dbus")) {
        g_autofree char *addr = virshGraphicsAttr(xpath, scheme, "@address");

        if (!addr)
            return NULL;
        if (!g_str_has_prefix(addr, "unix:path=")) {
            vshError(ctl, "'%s' D-Bus address is not handled", addr);
            *failed = true;
            return NULL;
        }
        return g_strdup_printf("dbus+unix://%s", addr + strlen("unix:path="));
    }
    portStr = virshGraphicsAttr(xpath, scheme, "@port");
    tlsStr = virshGraphicsAttr(xpath, scheme, "@tlsPort");
    if (portStr && vrStrToInt(portStr, 10, &port) < 0)
        port = 0;
    if (tlsStr && vrStrToInt(tlsStr, 10, &tlsPort) < 0)
        tlsPort = 0;
    listenType = virshGraphicsAttr(xpath, scheme, "listen/@type");
    if (listenType && g_str_equal(listenType, "socket"))
        sock = virshGraphicsAttr(xpath, scheme, "listen/@socket");
    if (port <= 0 && tlsPort <= 0 && !sock)
        return NULL;
    if (!(listen = virshGraphicsAttr(xpath, scheme, "@listen")))
        listen = virshGraphicsAttr(xpath, scheme, "listen/@address");
    if (listen && virshIsWildcardAddress(listen))
        g_clear_pointer(&listen, g_free);
    passwd = virshGraphicsAttr(xpath, scheme, "@passwd");

    g_string_append_printf(uri, sock ? "%s+unix://" : "%s://", scheme);
    if (g_str_equal(scheme, "vnc") && passwd)
        g_string_append_printf(uri, ":%s@", passwd);
    if (sock)
        g_string_append(uri, sock);
    else if (!listen)
        g_string_append(uri, "localhost");
    else if (strchr(listen, ':'))
        g_string_append_printf(uri, "[%s]", listen);
    else
        g_string_append(uri, listen);
    if (port > 0 && !sock) {
        /* VNC clients take the display number */
        if (g_str_equal(scheme, "vnc"))
            port -= 5900;
        g_string_append_printf(uri, ":%d", port);
    }
    if (tlsPort > 0)
        g_string_append_printf(query, "tls-port=%d&", tlsPort);
    if (g_str_equal(scheme, "spice") && passwd)
        g_string_append_printf(query, "password=%s&", passwd);
    if (query->len) {
        g_string_truncate(query, query->len - 1);
        g_string_append_printf(uri, "?%s", query->str);
    }
    return g_strdup(uri->str);
}

static bool
cmdDomdisplay(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const schemes[] = { "vnc", "spice", "rdp", "dbus" };
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlXPathContextPtr xpath = NULL;
    g_autofree char *xml = NULL;
    const char *type = NULL;
    bool all = vshOptBool(cmd, "all");
    bool found = false;
    bool failed = false;
    size_t i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vrDomainIsActive(dom) != 1) {
        vshError(ctl, "%s", "Domain is not running");
        return false;
    }
    if (vshOptStringReq(ctl, cmd, "type", &type) < 0)
        return false;
    if (!(xml = vrDomainGetXMLDesc(dom, vshOptBool(cmd, "include-password")
                                            ? VR_DOMAIN_XML_SECURE : 0)))
        return false;
    if (!(doc = vrXMLParseString(xml, "(domain_definition)", "domain", VR_FROM_NONE)))
        return false;
    xpath = xmlXPathNewContext(doc);
    for (i = 0; i < G_N_ELEMENTS(schemes) && !failed; i++) {
        g_autofree char *uri = NULL;

        if (!all && type && !g_str_equal(type, schemes[i]))
            continue;
        if (!(uri = virshDisplayURI(ctl, xpath, schemes[i], &failed)))
            continue;
        if (found && all)
            vshPrint(ctl, "\n");
        /* no newline: the shell's separator ends the line, as virsh does */
        vshPrint(ctl, "%s", uri);
        found = true;
        if (!all)
            break;
    }
    xmlXPathFreeContext(xpath);
    if (failed)
        return false;
    if (!found) {
        if (type)
            vshError(ctl, "No graphical display with type '%s' found", type);
        else
            vshError(ctl, "%s", "No graphical display found");
        return false;
    }
    return true;
}

/* ---- qemu-monitor-command, qemu-agent-command ------------------------------ */

static const vshOptDef optsQemuMonitorCommand[] = {
    VIRSH_OPT_DOMAIN,
    { "hmp", VSH_OPT_BOOL, 0, "the command is for the human monitor" },
    { "pretty", VSH_OPT_BOOL, 0, "indent the JSON reply" },
    { "return-value", VSH_OPT_BOOL, 0, "print only the 'return' member of the reply" },
    { "pass-fds", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "file descriptors N,M,... to pass along" },
    { "cmd", VSH_OPT_ARGV, VSH_OPT_REQUIRED, "the command" },
    VIRSH_OPT_END,
};

static char *
virshJoinArgv(const vshCmd *cmd)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    const vshCmdOpt *opt = NULL;

    while ((opt = vshOptArgv(cmd, opt))) {
        if (buf->len)
            g_string_append_c(buf, ' ');
        g_string_append(buf, opt->value);
    }
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

/* Indents JSON text, two spaces a level; NULL (reported) when it is
 * not JSON. */
static char *
virshJSONPretty(vshControl *ctl, const char *text, bool returnValue)
{
    json_object *obj = json_tokener_parse(text);
    json_object *val = obj;
    char *out;

    if (!obj) {
        vshError(ctl, "%s", "failed to parse JSON output");
        return NULL;
    }
    if (returnValue && !json_object_object_get_ex(obj, "return", &val)) {
        vshError(ctl, "%s", "'return' member missing");
        json_object_put(obj);
        return NULL;
    }
    out = g_strdup(json_object_to_json_string_ext(val, JSON_C_TO_STRING_PRETTY |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(obj);
    return out;
}

static bool
cmdQemuMonitorCommand(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *monitorCmd = NULL;
    g_autofree char *result = NULL;
    g_autofree char *formatted = NULL;
    bool pretty = vshOptBool(cmd, "pretty");
    bool returnValue = vshOptBool(cmd, "return-value");
    unsigned int flags = 0;

    if (!vshExclusiveOptions(ctl, cmd, "hmp", "pretty") ||
        !vshExclusiveOptions(ctl, cmd, "hmp", "return-value"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptGiven(cmd, "pass-fds")) {
        vshError(ctl, "%s", "passing file descriptors is not supported by this client");
        return false;
    }
    monitorCmd = virshJoinArgv(cmd);
    if (vshOptBool(cmd, "hmp"))
        flags |= VR_DOMAIN_QEMU_MONITOR_COMMAND_HMP;
    if (vrDomainQemuMonitorCommand(dom, monitorCmd, &result, flags) < 0)
        return false;
    if (pretty || returnValue) {
        if (!(formatted = virshJSONPretty(ctl, result, returnValue)))
            return false;
    }
    vshPrint(ctl, "%s\n", formatted ? formatted : result);
    return true;
}

static const vshOptDef optsQemuAgentCommand[] = {
    VIRSH_OPT_DOMAIN,
    { "timeout", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "seconds to wait for the answer (> 0)" },
    { "async", VSH_OPT_BOOL, 0, "do not wait for an answer" },
    { "block", VSH_OPT_BOOL, 0, "wait for the answer however long it takes" },
    { "pretty", VSH_OPT_BOOL, 0, "indent the JSON reply" },
    { "cmd", VSH_OPT_ARGV, VSH_OPT_REQUIRED, "the command" },
    VIRSH_OPT_END,
};

static bool
cmdQemuAgentCommand(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *agentCmd = NULL;
    g_autofree char *result = NULL;
    g_autofree char *formatted = NULL;
    int timeout = VR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT;
    int rc;

    if (!vshExclusiveOptions(ctl, cmd, "timeout", "async") ||
        !vshExclusiveOptions(ctl, cmd, "timeout", "block") ||
        !vshExclusiveOptions(ctl, cmd, "async", "block"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    agentCmd = virshJoinArgv(cmd);
    if ((rc = vshOptInt(ctl, cmd, "timeout", &timeout)) < 0)
        return false;
    if (rc > 0 && timeout < 1) {
        vshError(ctl, "%s", "timeout must be positive");
        return false;
    }
    if (vshOptBool(cmd, "async"))
        timeout = VR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT;
    if (vshOptBool(cmd, "block"))
        timeout = VR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK;
    if (!(result = vrDomainQemuAgentCommand(dom, agentCmd, timeout, 0)))
        return false;
    if (vshOptBool(cmd, "pretty")) {
        if (!(formatted = virshJSONPretty(ctl, result, false)))
            return false;
    }
    vshPrint(ctl, "%s\n", formatted ? formatted : result);
    return true;
}

const vshCmdDef virshDomainRuntimeCmds[] = {
    { "blkdeviotune", cmdBlkdeviotune, optsBlkdeviotune, "show or set a disk's I/O limits",
      "Without limits, prints a disk's throttling; with them, changes it.", 0, NULL },
    { "blockresize", cmdBlockresize, optsBlockresize, "grow a disk of a running guest",
      "Changes the size of a disk image while the guest runs.", 0, NULL },
    { "domdisplay", cmdDomdisplay, optsDomdisplay, "print the URI of a guest's display",
      "Prints a vnc://, spice://, rdp:// or dbus+unix:// URI for a graphical client.", 0,
      NULL },
    { "domfsfreeze", cmdDomfsfreeze, optsDomfsfreeze, "freeze a guest's file systems",
      "Asks the guest agent to flush and freeze file systems (for consistent snapshots).",
      0, NULL },
    { "domfsthaw", cmdDomfsthaw, optsDomfsthaw, "thaw a guest's file systems",
      "Asks the guest agent to let frozen file systems be written again.", 0, NULL },
    { "domfstrim", cmdDomfstrim, optsDomfstrim, "discard unused blocks of a guest's file systems",
      "Asks the guest agent to trim mounted file systems.", 0, NULL },
    { "domiftune", cmdDomiftune, optsDomiftune, "show or set a network interface's bandwidth",
      "Without rates, prints an interface's bandwidth limits; with them, changes them.", 0,
      NULL },
    { "domjobabort", cmdDomjobabort, optsDomjobabort, "stop a guest's running job",
      "Cancels the migration, save, dump or other long job a guest is running.", 0, NULL },
    { "domjobinfo", cmdDomjobinfo, optsDomjobinfo, "show a guest's running job",
      "Prints the progress of the long job a guest runs, or of the one that finished last.",
      0, NULL },
    { "domrename", cmdDomrename, optsDomrename, "rename a guest",
      "Gives a stopped, persistent guest a new name.", 0, NULL },
    { "domtime", cmdDomtime, optsDomtime, "show or set a guest's clock",
      "Asks the guest agent for the guest's time, or sets it.", 0, NULL },
    { "dump", cmdDump, optsDump, "write a guest's core to a file",
      "Dumps a guest's memory (and state) to a file for debugging.", 0, NULL },
    { "guestinfo", cmdGuestinfo, optsGuestinfo, "show what the guest agent knows",
      "Prints users, operating system, time zone, host name, file systems, disks and "
      "interfaces as the guest agent reports them.", 0, NULL },
    { "inject-nmi", cmdInjectNMI, optsDomainOnly, "send a non-maskable interrupt",
      "Injects an NMI into a running guest.", 0, NULL },
    { "qemu-agent-command", cmdQemuAgentCommand, optsQemuAgentCommand,
      "send a command to the QEMU guest agent",
      "Sends raw JSON to the guest agent and prints its answer (unsupported territory).",
      0, NULL },
    { "qemu-monitor-command", cmdQemuMonitorCommand, optsQemuMonitorCommand,
      "send a command to the QEMU monitor",
      "Sends a QMP (or with --hmp a human monitor) command and prints QEMU's answer "
      "(unsupported territory).", 0, NULL },
    { "send-key", cmdSendKey, optsSendKey, "press keys in a guest",
      "Sends key presses to a guest's keyboard, by name or number in a code set.", 0, NULL },
    { "set-user-password", cmdSetUserPassword, optsSetUserPassword,
      "set a password in the guest",
      "Asks the guest agent to set an account's password.", 0, NULL },
    { "vcpuinfo", cmdVcpuinfo, optsVcpuinfo, "show a guest's virtual CPUs",
      "Prints, for each vCPU, the host CPU it runs on, its state, its CPU time and where "
      "it may run.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
