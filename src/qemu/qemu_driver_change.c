/*
 * qemu_driver_change.c: changes to a QEMU guest's resources: memory
 * (balloon and definition), vCPUs (CPU hot-plug through device_add, or
 * the guest agent), keys and NMIs, core dumps, and media changes of
 * CD-ROM and floppy drives.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "libvireo/vrkeycode.h"
#include "qemu_agent.h"
#include "qemu_command.h"
#include "qemu_driver.h"
#include "qemu_interface.h"
#include "qemu_events.h"
#include "qemu_monitor_cmds.h"
#include "qemu_process.h"
#include "qemu_status.h"
#include "util/vrbitmap.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.change"

#define QEMU_DOMAIN_BEGIN(dom, obj, ret) \
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom); \
    if (!obj) \
        return ret

/* libvirt's lifecycle event numbers */
enum { EV_SUSPENDED = 3, EV_RESUMED = 4, EV_STOPPED = 5 };
enum { EV_SUSPENDED_PAUSED = 0, EV_RESUMED_UNPAUSED = 0, EV_STOPPED_CRASHED = 2 };

/* How long a guest may take to let go of a vCPU or open its tray;
 * libvirt waits as long. */
#define VR_QEMU_CHANGE_WAIT_US (5 * G_USEC_PER_SEC)
/* How often a running dump is polled. */
#define VR_QEMU_DUMP_POLL_US (50 * 1000)

static int
vrQemuChangeCheckActive(vrQemuDomainObj *obj)
{
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    return 0;
}

/* Sleeps with the object unlocked (the caller holds a job). */
static void
vrQemuChangeSleep(vrQemuDomainObj *obj, gulong us)
{
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    g_usleep(us);
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
}

/* ---- memory ----------------------------------------------------------- */

static bool
vrQemuChangeHasBalloon(const vrDomainDef *def)
{
    return def->memballoon && def->memballoon->model != VR_DOMAIN_MEMBALLOON_MODEL_NONE;
}

static int
vrQemuDomainSetMemoryFlags(vrDomain *dom, unsigned long memory, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    unsigned long long newmem = memory;
    vrDomainDef *live, *config;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_MEM_MAXIMUM, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "setmem") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags & ~VR_DOMAIN_MEM_MAXIMUM, &live, &config) < 0)
        goto endjob;

    if (flags & VR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "cannot resize the maximum memory on an active domain");
            goto endjob;
        }
        if (config->numa.ncells > 0) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "initial memory size of a domain with NUMA nodes cannot be modified "
                          "with this API");
            goto endjob;
        }
        if (config->maxMemory && config->maxMemory < newmem) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "cannot set initial memory size greater than the maximum memory size");
            goto endjob;
        }
        config->memory = newmem;
        if (config->currentMemory > newmem)
            config->currentMemory = newmem;
        ret = vrQemuDomainSaveConfig(driver, config);
        goto endjob;
    }

    {
        unsigned long long oldmax = live ? live->memory : 0;

        if (config && (!oldmax || oldmax > config->memory))
            oldmax = config->memory;
        if (newmem > oldmax) {
            vrReportError(VR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
            goto endjob;
        }
    }
    if (live) {
        unsigned long long actual = 0;
        int rc;

        if (!vrQemuChangeHasBalloon(live)) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "Unable to change memory of active domain without the balloon device "
                          "and guest OS balloon driver");
            goto endjob;
        }
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            goto endjob;
        rc = vrQemuMonitorSetBalloon(obj->mon, newmem);
        /* where the balloon is now: BALLOON_CHANGE keeps it current later */
        if (rc == 0 && vrQemuMonitorQueryBalloon(obj->mon, &actual) < 0) {
            vrResetLastError();
            actual = 0;
        }
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0 && strstr(vrGetLastErrorMessage(), "No balloon device has been activated")) {
            /* the guest has not loaded its balloon driver */
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "Unable to change memory of active domain without the balloon device "
                          "and guest OS balloon driver");
            goto endjob;
        }
        if (rc < 0 || vrQemuChangeCheckActive(obj) < 0)
            goto endjob;
        if (actual)
            obj->def->currentMemory = actual;
        vrQemuStatusSave(driver, obj);
        VR_INFO("guest %s: balloon target %llu KiB", obj->def->name, newmem);
    }
    if (config) {
        config->currentMemory = newmem;
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
vrQemuDomainSetMaxMemory(vrDomain *dom, unsigned long memory)
{
    return vrQemuDomainSetMemoryFlags(dom, memory, VR_DOMAIN_MEM_MAXIMUM);
}

/* ---- vCPUs -------------------------------------------------------------- */

static gint
vrQemuCPUSlotCompare(gconstpointer a, gconstpointer b)
{
    const vrQemuMonitorHotpluggableCPU *x = *(vrQemuMonitorHotpluggableCPU *const *)a;
    const vrQemuMonitorHotpluggableCPU *y = *(vrQemuMonitorHotpluggableCPU *const *)b;

    if (x->socketId != y->socketId)
        return x->socketId < y->socketId ? -1 : 1;
    if (x->dieId != y->dieId)
        return x->dieId < y->dieId ? -1 : 1;
    if (x->coreId != y->coreId)
        return x->coreId < y->coreId ? -1 : 1;
    if (x->threadId != y->threadId)
        return x->threadId < y->threadId ? -1 : 1;
    return 0;
}

/* QEMU's CPU slots in topology order: slot i is vCPU i. */
static GPtrArray *
vrQemuCPUSlots(vrQemuDomainObj *obj)
{
    GPtrArray *slots = NULL;
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return NULL;
    rc = vrQemuMonitorQueryHotpluggableCPUs(obj->mon, &slots);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return NULL;
    if (vrQemuChangeCheckActive(obj) < 0) {
        g_ptr_array_unref(slots);
        return NULL;
    }
    g_ptr_array_sort(slots, vrQemuCPUSlotCompare);
    for (guint i = 0; i < slots->len; i++) {
        if (((vrQemuMonitorHotpluggableCPU *)g_ptr_array_index(slots, i))->vcpusCount != 1) {
            vrReportError(VR_ERR_INVALID_ARG, "%s",
                          "target vm vcpu granularity does not allow the desired vcpu count");
            g_ptr_array_unref(slots);
            return NULL;
        }
    }
    if (slots->len != obj->def->maxvcpus) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "QEMU has %u vCPU slots for the %u vCPUs of guest '%s'",
                      slots->len, obj->def->maxvcpus, obj->def->name);
        g_ptr_array_unref(slots);
        return NULL;
    }
    return slots;
}

/* Applies <vcpupin> (or <vcpu cpuset>) to a vCPU that just came. */
static void
vrQemuPinNewVcpu(vrQemuDomainObj *obj, unsigned int vcpu)
{
    const vrBitmap *map = obj->def->vcpuList[vcpu].cpumask ? obj->def->vcpuList[vcpu].cpumask
                                                           : obj->def->cpumask;
    g_autoptr(GPtrArray) cpus = NULL;
    cpu_set_t set;
    int rc;

    if (!map)
        return;
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return;
    rc = vrQemuMonitorQueryCPUs(obj->mon, &cpus);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0) {
        VR_WARN("guest %s: cannot pin new vCPU %u: %s", obj->def->name, vcpu,
                vrGetLastErrorMessage());
        vrResetLastError();
        return;
    }
    CPU_ZERO(&set);
    for (size_t i = 0; i < CPU_SETSIZE && i < vrBitmapSize(map); i++) {
        if (vrBitmapIsBitSet(map, i))
            CPU_SET(i, &set);
    }
    for (guint i = 0; i < cpus->len; i++) {
        vrQemuMonitorCPUInfo *c = g_ptr_array_index(cpus, i);

        if (c->cpuIndex == (int)vcpu && sched_setaffinity((pid_t)c->threadId, sizeof(set), &set) < 0)
            VR_WARN("guest %s: cannot pin new vCPU %u: %s", obj->def->name, vcpu,
                    g_strerror(errno));
    }
}

static bool
vrQemuTakeRemoved(vrQemuDomainObj *obj, const char *alias)
{
    for (guint i = 0; i < obj->removedDevices->len; i++) {
        if (g_str_equal(g_ptr_array_index(obj->removedDevices, i), alias)) {
            g_ptr_array_remove_index(obj->removedDevices, i);
            return true;
        }
    }
    return false;
}

static int
vrQemuVcpuPlug(vrQemuDomainObj *obj, unsigned int vcpu, const vrQemuMonitorHotpluggableCPU *slot)
{
    g_autofree char *id = g_strdup_printf("vcpu%u", vcpu);
    json_object *props = json_object_new_object();
    int rc;

    json_object_object_add(props, "driver", json_object_new_string(slot->type));
    json_object_object_add(props, "id", json_object_new_string(id));
    if (slot->socketId >= 0)
        json_object_object_add(props, "socket-id", json_object_new_int(slot->socketId));
    if (slot->dieId >= 0)
        json_object_object_add(props, "die-id", json_object_new_int(slot->dieId));
    if (slot->coreId >= 0)
        json_object_object_add(props, "core-id", json_object_new_int(slot->coreId));
    if (slot->threadId >= 0)
        json_object_object_add(props, "thread-id", json_object_new_int(slot->threadId));
    if (vrQemuDomainObjEnterMonitor(obj) < 0) {
        json_object_put(props);
        return -1;
    }
    rc = vrQemuMonitorDeviceAdd(obj->mon, props);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0 || vrQemuChangeCheckActive(obj) < 0)
        return -1;
    obj->def->vcpuList[vcpu].online = true;
    obj->def->vcpus++;
    VR_INFO("guest %s: vCPU %u plugged (%s)", obj->def->name, vcpu, id);
    vrQemuPinNewVcpu(obj, vcpu);
    return 0;
}

static int
vrQemuVcpuUnplug(vrQemuDomainObj *obj, unsigned int vcpu, const vrQemuMonitorHotpluggableCPU *slot)
{
    g_autofree char *alias = g_path_get_basename(slot->qomPath);
    gint64 deadline;
    bool gone = false;
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorDeviceDel(obj->mon, alias);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    deadline = g_get_monotonic_time() + VR_QEMU_CHANGE_WAIT_US;
    while (!(gone = vrQemuTakeRemoved(obj, alias)) && vrQemuDomainObjIsActive(obj)) {
        if (!g_cond_wait_until(&obj->jobCond, &obj->lock, deadline))
            break;
    }
    if (vrQemuChangeCheckActive(obj) < 0)
        return -1;
    if (!gone) {
        vrReportError(VR_ERR_OPERATION_FAILED, "%s",
                      "vcpu unplug request timed out. Unplug result must be manually inspected "
                      "in the domain");
        return -1;
    }
    obj->def->vcpuList[vcpu].online = false;
    obj->def->vcpus--;
    VR_INFO("guest %s: vCPU %u unplugged (%s)", obj->def->name, vcpu, alias);
    return 0;
}

static int
vrQemuSetVcpusLive(vrQemuDriver *driver, vrQemuDomainObj *obj, unsigned int nvcpus)
{
    g_autoptr(GPtrArray) slots = NULL;
    g_autofree unsigned int *pick = NULL;
    unsigned int npick = 0, cur;
    bool enable;
    int ret = 0;

    if (nvcpus == obj->def->vcpus)
        return 0;
    if (!(slots = vrQemuCPUSlots(obj)))
        return -1;
    enable = nvcpus > obj->def->vcpus;
    cur = obj->def->vcpus;
    pick = g_new0(unsigned int, obj->def->maxvcpus);
    if (enable) {
        for (unsigned int i = 0; i < obj->def->maxvcpus && cur < nvcpus; i++) {
            vrQemuMonitorHotpluggableCPU *slot = g_ptr_array_index(slots, i);

            if (obj->def->vcpuList[i].online || slot->qomPath)
                continue;
            pick[npick++] = i;
            cur++;
        }
    } else {
        for (unsigned int i = obj->def->maxvcpus; i-- > 0 && cur > nvcpus;) {
            vrQemuMonitorHotpluggableCPU *slot = g_ptr_array_index(slots, i);

            /* only vCPUs plugged as devices can go; those of -smp stay */
            if (!obj->def->vcpuList[i].online || !slot->qomPath ||
                !g_str_has_prefix(slot->qomPath, "/machine/peripheral/"))
                continue;
            pick[npick++] = i;
            cur--;
        }
    }
    if (cur != nvcpus) {
        vrReportError(VR_ERR_INVALID_ARG, "%s",
                      "failed to find appropriate hotpluggable vcpus to reach the desired target "
                      "vcpu count");
        return -1;
    }
    for (unsigned int k = 0; k < npick; k++) {
        vrQemuMonitorHotpluggableCPU *slot = g_ptr_array_index(slots, pick[k]);

        if ((enable ? vrQemuVcpuPlug(obj, pick[k], slot) : vrQemuVcpuUnplug(obj, pick[k], slot)) < 0) {
            ret = -1;
            break;
        }
    }
    if (vrQemuDomainObjIsActive(obj))
        vrQemuStatusSave(driver, obj);
    return ret;
}

/* ---- guest agent ---------------------------------------------------------- */

static const char *
vrQemuChangeAgentPath(vrQemuDomainObj *obj)
{
    for (size_t i = 0; i < obj->def->nchannels; i++) {
        vrDomainChrDef *chr = obj->def->channels[i];

        if (chr->targetName && g_str_equal(chr->targetName, "org.qemu.guest_agent.0") &&
            chr->source.type == VR_DOMAIN_CHR_TYPE_UNIX && chr->source.path)
            return chr->source.path;
    }
    return NULL;
}

/* Runs @cmd through the guest agent, connecting on first use.  In a job,
 * object locked (unlocked while the agent answers). */
static int
vrQemuChangeAgentCommand(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *cmd,
                         json_object *args, json_object **reply)
{
    const char *path;
    vrQemuAgent *agent;
    int rc;

    if (vrQemuChangeCheckActive(obj) < 0) {
        json_object_put(args);
        return -1;
    }
    if (!(path = vrQemuChangeAgentPath(obj))) {
        json_object_put(args);
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "%s", "QEMU guest agent is not configured");
        return -1;
    }
    if (!obj->agent && !(obj->agent = vrQemuAgentOpen(driver->loop, path, 5000, NULL, NULL))) {
        json_object_put(args);
        return -1;
    }
    agent = obj->agent;
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    rc = vrQemuAgentCommand(agent, cmd, args, reply, 0);
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
    if (rc < 0 && vrGetLastError() && vrGetLastError()->code == VR_ERR_AGENT_UNRESPONSIVE &&
        obj->agent == agent)
        vrQemuAgentClose(g_steal_pointer(&obj->agent));
    return rc;
}

static int
vrQemuSetVcpusAgent(vrQemuDriver *driver, vrQemuDomainObj *obj, unsigned int nvcpus)
{
    g_autoptr(json_object) cpus = NULL;
    g_autoptr(json_object) done = NULL;
    json_object *changes;
    size_t n, online = 0, offlinable = 0;

    if (vrQemuChangeCheckActive(obj) < 0)
        return -1;
    if (nvcpus > obj->def->vcpus) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "requested vcpu count is greater than the count of enabled vcpus in the "
                      "domain: %u > %u", nvcpus, obj->def->vcpus);
        return -1;
    }
    if (vrQemuChangeAgentCommand(driver, obj, "guest-get-vcpus", NULL, &cpus) < 0)
        return -1;
    if (!json_object_is_type(cpus, json_type_array)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "guest-get-vcpus reply was missing return data");
        return -1;
    }
    n = json_object_array_length(cpus);
    for (size_t i = 0; i < n; i++) {
        json_object *c = json_object_array_get_idx(cpus, i);
        bool on = false, can = false;

        vrQemuJSONGetBool(c, "online", &on);
        vrQemuJSONGetBool(c, "can-offline", &can);
        online += on;
        offlinable += on && can;
    }
    if (nvcpus > n) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "guest agent reports less cpu than requested");
        return -1;
    }
    if (n - offlinable > nvcpus) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Cannot offline enough CPUs");
        return -1;
    }
    changes = json_object_new_array();
    for (size_t i = 0; i < n && online != nvcpus; i++) {
        json_object *c = json_object_array_get_idx(cpus, i);
        bool on = false, can = false;
        long long id = -1;
        json_object *change;

        vrQemuJSONGetBool(c, "online", &on);
        vrQemuJSONGetBool(c, "can-offline", &can);
        vrQemuJSONGetLongLong(c, "logical-id", &id);
        if (nvcpus < online && on && can) {
            online--;
            on = false;
        } else if (nvcpus > online && !on) {
            online++;
            on = true;
        } else {
            continue;
        }
        change = json_object_new_object();
        json_object_object_add(change, "logical-id", json_object_new_int64(id));
        json_object_object_add(change, "online", json_object_new_boolean(on));
        json_object_array_add(changes, change);
    }
    {
        json_object *args = json_object_new_object();

        json_object_object_add(args, "vcpus", changes);
        return vrQemuChangeAgentCommand(driver, obj, "guest-set-vcpus", args, &done);
    }
}

static int
vrQemuDomainSetVcpusFlags(vrDomain *dom, unsigned int nvcpus, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    unsigned int affect = flags & (VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG);
    vrDomainDef *live, *config;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_VCPU_MAXIMUM |
                 VR_DOMAIN_VCPU_GUEST | VR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "setvcpus") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, affect, &live, &config) < 0)
        goto endjob;

    if (flags & VR_DOMAIN_VCPU_GUEST) {
        ret = vrQemuSetVcpusAgent(driver, obj, nvcpus);
        goto endjob;
    }
    if (flags & VR_DOMAIN_VCPU_MAXIMUM) {
        const vrDomainCPUDef *cpu;

        if (live) {
            vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                          "maximum vcpu count of a live domain can't be modified");
            goto endjob;
        }
        cpu = &config->cpu;
        if (cpu->hasTopology && cpu->sockets * cpu->dies * cpu->cores * cpu->threads != nvcpus) {
            vrReportError(VR_ERR_INVALID_ARG, "%s",
                          "CPU topology doesn't match the desired vcpu count");
            goto endjob;
        }
        vrDomainDefSetMaxVcpus(config, nvcpus);
        for (unsigned int i = 0; i < config->maxvcpus; i++)
            config->vcpuList[i].online = i < config->vcpus;
        ret = vrQemuDomainSaveConfig(driver, config);
        goto endjob;
    }
    if (live && nvcpus > live->maxvcpus) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "requested vcpus is greater than max allowable vcpus for the live domain: "
                      "%u > %u", nvcpus, live->maxvcpus);
        goto endjob;
    }
    if (config && nvcpus > config->maxvcpus) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "requested vcpus is greater than max allowable vcpus for the persistent "
                      "domain: %u > %u", nvcpus, config->maxvcpus);
        goto endjob;
    }
    if (live && vrQemuSetVcpusLive(driver, obj, nvcpus) < 0)
        goto endjob;
    if (config) {
        vrDomainDefSetVcpus(config, nvcpus);
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

/* ---- keys, NMI ----------------------------------------------------------- */

static int
vrQemuDomainSendKey(vrDomain *dom, unsigned int codeset, unsigned int holdtime,
                    unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    g_autofree unsigned int *qnum = g_new0(unsigned int, nkeycodes > 0 ? nkeycodes : 1);
    int ret = -1;

    vrCheckFlags(0, -1);
    for (int i = 0; i < nkeycodes; i++) {
        int code = codeset == VR_KEYCODE_SET_QNUM
                   ? (int)keycodes[i]
                   : vrKeycodeValueTranslate((int)codeset, VR_KEYCODE_SET_QNUM, (int)keycodes[i]);

        if (code < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "cannot translate keycode %u of %s codeset to qnum keycode",
                          keycodes[i], vrKeycodeSetToString((int)codeset));
            return -1;
        }
        qnum[i] = (unsigned int)code;
    }
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "send-key") < 0)
        goto out;
    if (vrQemuChangeCheckActive(obj) == 0 && vrQemuDomainObjEnterMonitor(obj) == 0) {
        ret = vrQemuMonitorSendKey(obj->mon, qnum, (size_t)nkeycodes, holdtime);
        vrQemuDomainObjExitMonitor(obj);
    }
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainInjectNMI(vrDomain *dom, unsigned int flags)
{
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "inject-nmi") < 0)
        goto out;
    if (vrQemuChangeCheckActive(obj) == 0 && vrQemuDomainObjEnterMonitor(obj) == 0) {
        ret = vrQemuMonitorInjectNMI(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
        if (ret == 0)
            VR_INFO("guest %s: NMI injected", obj->def->name);
    }
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- core dumps ------------------------------------------------------------ */

static const char *const vrQemuDumpFormats[] = {
    [VR_DOMAIN_CORE_DUMP_FORMAT_RAW] = "elf",
    [VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB] = "kdump-zlib",
    [VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO] = "kdump-lzo",
    [VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY] = "kdump-snappy",
    [VR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP] = "win-dmp",
};

/* dump-guest-memory into @fd, with progress for domjobinfo. */
static int
vrQemuDumpMemory(vrQemuDomainObj *obj, int fd, const char *format)
{
    g_auto(GStrv) formats = NULL;
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    if (format) {
        rc = vrQemuMonitorQueryDumpFormats(obj->mon, &formats);
        if (rc == 0 && !g_strv_contains((const char *const *)formats, format)) {
            vrReportError(VR_ERR_INVALID_ARG, "unsupported dumpformat '%s' for this QEMU binary",
                          format);
            rc = -1;
        }
    } else {
        rc = 0;
    }
    if (rc == 0 && (rc = vrQemuMonitorGetFd(obj->mon, "dump", fd)) == 0 &&
        (rc = vrQemuMonitorDumpGuestMemory(obj->mon, "fd:dump", format)) < 0) {
        g_autoptr(vrError) saved = vrErrorSave();

        vrQemuMonitorCloseFd(obj->mon, "dump");
        vrErrorRestore(&saved);
    }
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    for (;;) {
        g_autofree char *status = NULL;
        unsigned long long total = 0, completed = 0;

        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            return -1;
        rc = vrQemuMonitorQueryDump(obj->mon, &status, &total, &completed);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            return -1;
        obj->progress.total = total;
        obj->progress.processed = completed;
        if (g_str_equal(status, "completed"))
            return 0;
        if (!g_str_equal(status, "active")) {
            vrReportError(VR_ERR_OPERATION_FAILED, "memory dump of guest '%s' failed (%s)",
                          obj->def->name, status);
            return -1;
        }
        vrQemuChangeSleep(obj, VR_QEMU_DUMP_POLL_US);
    }
}

/* The migration stream into @fd: libvirt's dump without --memory-only. */
static int
vrQemuDumpMigrate(vrQemuDomainObj *obj, int fd)
{
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorGetFd(obj->mon, "migrate", fd);
    if (rc == 0)
        rc = vrQemuMonitorMigrate(obj->mon, "fd:migrate");
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    for (;;) {
        vrQemuMonitorMigrationStats stats = { 0 };

        if (obj->progress.abortRequested && vrQemuDomainObjEnterMonitor(obj) == 0) {
            vrQemuMonitorMigrateCancel(obj->mon);
            vrQemuDomainObjExitMonitor(obj);
        }
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            return -1;
        rc = vrQemuMonitorQueryMigrate(obj->mon, &stats);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            return -1;
        obj->progress.total = stats.ramTotal;
        obj->progress.processed = stats.ramTransferred;
        if (g_str_equal(stats.status, "completed")) {
            vrQemuMonitorMigrationStatsClear(&stats);
            return 0;
        }
        if (g_str_equal(stats.status, "failed") || g_str_equal(stats.status, "cancelled")) {
            if (obj->progress.abortRequested)
                vrReportError(VR_ERR_OPERATION_ABORTED, "%s: %s", "dump", "canceled by client");
            else
                vrReportError(VR_ERR_OPERATION_FAILED, "core dump of guest '%s' failed: %s",
                              obj->def->name, stats.errorDesc ? stats.errorDesc : stats.status);
            vrQemuMonitorMigrationStatsClear(&stats);
            return -1;
        }
        vrQemuMonitorMigrationStatsClear(&stats);
        vrQemuChangeSleep(obj, VR_QEMU_DUMP_POLL_US);
    }
}

static int
vrQemuDomainCoreDumpWithFormat(vrDomain *dom, const char *to, unsigned int dumpformat,
                               unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    bool memoryOnly = flags & VR_DUMP_MEMORY_ONLY;
    bool resume = false, paused = false;
    const char *format = NULL;
    int fd = -1;
    int ret = -1;

    vrCheckFlags(VR_DUMP_LIVE | VR_DUMP_CRASH | VR_DUMP_BYPASS_CACHE | VR_DUMP_RESET |
                 VR_DUMP_MEMORY_ONLY, -1);
    if (dumpformat >= G_N_ELEMENTS(vrQemuDumpFormats)) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown dumpformat '%d'", (int)dumpformat);
        return -1;
    }
    if (!memoryOnly && dumpformat != VR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "kdump-compressed format is only supported with memory-only dump");
        return -1;
    }
    if (dumpformat != VR_DOMAIN_CORE_DUMP_FORMAT_RAW)
        format = vrQemuDumpFormats[dumpformat];

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginAsyncJob(obj, memoryOnly ? "Memory dump" : "Dump") < 0)
        goto out;
    if (vrQemuChangeCheckActive(obj) < 0)
        goto endjob;
    resume = obj->state == VR_DOMAIN_RUNNING;
    if (!(flags & VR_DUMP_LIVE) && obj->state == VR_DOMAIN_RUNNING) {
        int rc;

        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            goto endjob;
        rc = vrQemuMonitorStop(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            goto endjob;
        if (!vrQemuDomainObjIsActive(obj)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "%s", "guest unexpectedly quit");
            goto endjob;
        }
        paused = true;
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_DUMP);
        vrQemuEmitLifecycle(driver, obj, EV_SUSPENDED, EV_SUSPENDED_PAUSED);
        vrQemuStatusSave(driver, obj);
    }
    if ((fd = open(to, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600)) < 0) {
        vrReportSystemError(errno, "Failed to create file '%s'", to);
        goto endjob;
    }
    if ((memoryOnly ? vrQemuDumpMemory(obj, fd, format) : vrQemuDumpMigrate(obj, fd)) < 0)
        goto endjob;
    if (fsync(fd) < 0 && errno != EINVAL) {
        vrReportSystemError(errno, "unable to close file %s", to);
        goto endjob;
    }
    if (close(fd) < 0) {
        fd = -1;
        vrReportSystemError(errno, "unable to close file %s", to);
        goto endjob;
    }
    fd = -1;
    /* the migration stream leaves the guest stopped */
    if (!memoryOnly)
        paused = true;
    VR_INFO("guest %s: %s written to %s", obj->def->name, memoryOnly ? "memory dump" : "core dump",
            to);
    ret = 0;
    if ((flags & VR_DUMP_CRASH) && vrQemuDomainObjIsActive(obj)) {
        obj->beingDestroyed = true;
        vrQemuProcessKill(obj, false);
        vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_CRASHED);
        vrQemuEmitLifecycle(driver, obj, EV_STOPPED, EV_STOPPED_CRASHED);
        dom->id = -1;
    } else if ((flags & VR_DUMP_RESET) && vrQemuDomainObjIsActive(obj)) {
        if (vrQemuDomainObjEnterMonitor(obj) == 0) {
            ret = vrQemuMonitorSystemReset(obj->mon);
            vrQemuDomainObjExitMonitor(obj);
        }
    }

 endjob:
    if (fd >= 0) {
        close(fd);
        if (ret < 0)
            unlink(to);
    }
    if (resume && paused && vrQemuDomainObjIsActive(obj)) {
        int rc = -1;

        if (vrQemuDomainObjEnterMonitor(obj) == 0) {
            rc = vrQemuMonitorCont(obj->mon);
            vrQemuDomainObjExitMonitor(obj);
        }
        if (rc == 0) {
            vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_UNPAUSED);
            vrQemuEmitLifecycle(driver, obj, EV_RESUMED, EV_RESUMED_UNPAUSED);
            vrQemuStatusSave(driver, obj);
        } else if (ret == 0) {
            if (!vrErrorIsSet())
                vrReportError(VR_ERR_OPERATION_FAILED, "%s", "resuming after dump failed");
            ret = -1;
        }
    }
    vrQemuDomainObjEndAsyncJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainCoreDump(vrDomain *dom, const char *to, unsigned int flags)
{
    return vrQemuDomainCoreDumpWithFormat(dom, to, VR_DOMAIN_CORE_DUMP_FORMAT_RAW, flags);
}

/* ---- update-device: media of CD-ROM and floppy drives ----------------------- */

/* libvirt's names of device kinds, for its messages. */
static const char *
vrQemuDeviceKindName(int type)
{
    switch ((vrDomainDeviceType)type) {
    case VR_DOMAIN_DEVICE_DISK: return "disk";
    case VR_DOMAIN_DEVICE_CONTROLLER: return "controller";
    case VR_DOMAIN_DEVICE_LEASE: return "lease";
    case VR_DOMAIN_DEVICE_FS: return "filesystem";
    case VR_DOMAIN_DEVICE_NET: return "interface";
    case VR_DOMAIN_DEVICE_SMARTCARD: return "smartcard";
    case VR_DOMAIN_DEVICE_CHR: return "chr";
    case VR_DOMAIN_DEVICE_INPUT: return "input";
    case VR_DOMAIN_DEVICE_TPM: return "tpm";
    case VR_DOMAIN_DEVICE_GRAPHICS: return "graphics";
    case VR_DOMAIN_DEVICE_SOUND: return "sound";
    case VR_DOMAIN_DEVICE_AUDIO: return "audio";
    case VR_DOMAIN_DEVICE_VIDEO: return "video";
    case VR_DOMAIN_DEVICE_HOSTDEV: return "hostdev";
    case VR_DOMAIN_DEVICE_REDIRDEV: return "redirdev";
    case VR_DOMAIN_DEVICE_REDIRFILTER: return "redirfilter";
    case VR_DOMAIN_DEVICE_HUB: return "hub";
    case VR_DOMAIN_DEVICE_WATCHDOG: return "watchdog";
    case VR_DOMAIN_DEVICE_MEMBALLOON: return "memballoon";
    case VR_DOMAIN_DEVICE_RNG: return "rng";
    case VR_DOMAIN_DEVICE_NVRAM: return "nvram";
    case VR_DOMAIN_DEVICE_PANIC: return "panic";
    case VR_DOMAIN_DEVICE_SHMEM: return "shmem";
    case VR_DOMAIN_DEVICE_MEMORY: return "memory";
    case VR_DOMAIN_DEVICE_IOMMU: return "iommu";
    case VR_DOMAIN_DEVICE_VSOCK: return "vsock";
    case VR_DOMAIN_DEVICE_CRYPTO: return "crypto";
    case VR_DOMAIN_DEVICE_NONE:
    case VR_DOMAIN_DEVICE_LAST:
        break;
    }
    return "none";
}

static bool
vrQemuSourceIsEmpty(const vrStorageSource *src)
{
    if (!src || src->type == VR_STORAGE_TYPE_NONE)
        return true;
    return src->type != VR_STORAGE_TYPE_NETWORK && src->type != VR_STORAGE_TYPE_NVME && !src->path;
}

static bool
vrQemuSourceSame(const vrStorageSource *a, const vrStorageSource *b)
{
    if (vrQemuSourceIsEmpty(a) || vrQemuSourceIsEmpty(b))
        return vrQemuSourceIsEmpty(a) == vrQemuSourceIsEmpty(b);
    return a->type == b->type && g_strcmp0(a->path, b->path) == 0 && a->format == b->format &&
           a->protocol == b->protocol;
}

static ssize_t
vrQemuDiskIndex(const vrDomainDef *def, const char *dst)
{
    for (size_t i = 0; i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->dst, dst) == 0)
            return (ssize_t)i;
    }
    return -1;
}

static const char *
vrQemuCLString(json_object *o, const char *key)
{
    json_object *v;

    if (!o || !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* The JSON argument after @opt whose @key is @value on a command line. */
static json_object *
vrQemuCLFind(const vrQemuCommandLine *cl, const char *opt, const char *key, const char *value)
{
    for (guint i = 0; i + 1 < cl->args->len; i++) {
        const char *arg = g_ptr_array_index(cl->args, i + 1);
        json_object *o;

        if (!g_str_equal(g_ptr_array_index(cl->args, i), opt) || arg[0] != '{')
            continue;
        if (!(o = json_tokener_parse(arg)))
            continue;
        if (g_strcmp0(vrQemuCLString(o, key), value) == 0)
            return o;
        json_object_put(o);
    }
    return NULL;
}

static void
vrQemuJSONUnref(gpointer o)
{
    json_object_put(o);
}

/* The -blockdev nodes under @name, bottom first. */
static int
vrQemuCLCollectNodes(const vrQemuCommandLine *cl, const char *name, GPtrArray *out,
                     unsigned int depth)
{
    json_object *node;
    const char *child;

    if (depth > 64 || !(node = vrQemuCLFind(cl, "-blockdev", "node-name", name))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "block node '%s' missing from the command line", name);
        return -1;
    }
    if (((child = vrQemuCLString(node, "file")) &&
         vrQemuCLCollectNodes(cl, child, out, depth + 1) < 0) ||
        ((child = vrQemuCLString(node, "backing")) &&
         vrQemuCLCollectNodes(cl, child, out, depth + 1) < 0)) {
        json_object_put(node);
        return -1;
    }
    g_ptr_array_add(out, node);
    return 0;
}

/* The -blockdev objects QEMU needs for the new medium of disk @pos: those
 * a cold boot with it would get, renamed so they cannot collide with the
 * nodes QEMU has.  *top gets the node the drive reads. */
static GPtrArray *
vrQemuMediaNodes(vrQemuDriver *driver, vrQemuDomainObj *obj, size_t pos,
                 vrStorageSource **newsrc, char **top)
{
    g_autoptr(vrDomainDef) copy = NULL;
    g_autoptr(vrQemuCaps) caps = NULL;
    g_autoptr(vrQemuCommandLine) cl = NULL;
    g_autoptr(GHashTable) renames = NULL;
    g_autoptr(GPtrArray) nodes = NULL;
    g_autoptr(json_object) dev = NULL;
    vrQemuCommandParams params;
    const char *alias = obj->def->disks[pos]->info.alias;
    unsigned int stamp = (unsigned int)(g_get_real_time() / 1000);
    const char *drive;

    *top = NULL;
    if (!(copy = vrDomainDefCopy(obj->def, &driver->xmlopt)))
        return NULL;
    vrQemuAssignDeviceAliases(copy);
    /* host sides of interfaces are prepared only at start: not needed */
    for (size_t i = 0; i < copy->nnets; i++)
        vrDomainNetDefFree(copy->nets[i]);
    copy->nnets = 0;
    vrStorageSourceFree(copy->disks[pos]->src);
    copy->disks[pos]->src = *newsrc;
    *newsrc = NULL;

    if ((caps = vrQemuProcessCaps(driver, copy))) {
        vrQemuCommandParamsInit(&params);
        params.def = copy;
        params.caps = caps;
        params.cfg = driver->cfg;
        params.monitorPath = obj->monitorPath;
        cl = vrQemuBuildCommandLineArgs(&params);
    }
    /* the source goes back to the caller whatever happens */
    *newsrc = copy->disks[pos]->src;
    copy->disks[pos]->src = NULL;
    if (!cl)
        return NULL;
    if (!(dev = vrQemuCLFind(cl, "-device", "id", alias))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "device '%s' missing from the command line", alias);
        return NULL;
    }
    if (!(drive = vrQemuCLString(dev, "drive"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "device '%s' has no medium on the command line",
                      alias);
        return NULL;
    }
    nodes = g_ptr_array_new_with_free_func(vrQemuJSONUnref);
    if (vrQemuCLCollectNodes(cl, drive, nodes, 0) < 0)
        return NULL;
    renames = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (guint i = 0; i < nodes->len; i++) {
        json_object *node = g_ptr_array_index(nodes, i);
        const char *old = vrQemuCLString(node, "node-name");
        const char *kind = old ? strrchr(old, '-') : NULL;
        char *name = g_strdup_printf("m%x-d%zu-%u%s", stamp, pos, i / 2, kind ? kind : "");

        g_hash_table_insert(renames, g_strdup(old ? old : ""), name);
        json_object_object_add(node, "node-name", json_object_new_string(name));
    }
    for (guint i = 0; i < nodes->len; i++) {
        json_object *node = g_ptr_array_index(nodes, i);
        const char *keys[] = { "file", "backing" };

        for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
            const char *ref = vrQemuCLString(node, keys[k]);
            const char *to = ref ? g_hash_table_lookup(renames, ref) : NULL;

            if (to)
                json_object_object_add(node, keys[k], json_object_new_string(to));
        }
    }
    *top = g_strdup(g_hash_table_lookup(renames, drive));
    return g_steal_pointer(&nodes);
}

/* Waits for a CD-ROM's tray to open (the guest may hold it locked). */
static int
vrQemuWaitTrayOpen(vrQemuDomainObj *obj, const char *alias, const char *dst)
{
    gint64 deadline = g_get_monotonic_time() + VR_QEMU_CHANGE_WAIT_US;

    for (;;) {
        g_autoptr(GPtrArray) blocks = NULL;
        int rc;

        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            return -1;
        rc = vrQemuMonitorQueryBlock(obj->mon, &blocks);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            return -1;
        for (guint i = 0; i < blocks->len; i++) {
            vrQemuMonitorBlockInfo *bi = g_ptr_array_index(blocks, i);
            if (g_strcmp0(bi->qdev, alias) == 0 && bi->trayOpen)
                return 0;
        }
        if (g_get_monotonic_time() > deadline) {
            vrReportError(VR_ERR_OPERATION_FAILED, "timed out waiting to open tray of '%s'", dst);
            return -1;
        }
        vrQemuChangeSleep(obj, 100 * 1000);
    }
}

/* The node the drive reads now, or NULL for an empty drive. */
static char *
vrQemuCurrentMediumNode(vrQemuDomainObj *obj, const char *alias)
{
    g_autoptr(GPtrArray) blocks = NULL;
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return NULL;
    rc = vrQemuMonitorQueryBlock(obj->mon, &blocks);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0) {
        vrResetLastError();
        return NULL;
    }
    for (guint i = 0; i < blocks->len; i++) {
        vrQemuMonitorBlockInfo *bi = g_ptr_array_index(blocks, i);
        if (g_strcmp0(bi->qdev, alias) == 0 && bi->hasMedium)
            return g_strdup(bi->nodeName);
    }
    return NULL;
}

/* Swaps the medium of live disk @pos for @newsrc (consumed; empty ejects). */
static int
vrQemuChangeMedia(vrQemuDriver *driver, vrQemuDomainObj *obj, size_t pos,
                  vrStorageSource *newsrc, bool force)
{
    vrDomainDiskDef *disk = obj->def->disks[pos];
    g_autofree char *alias = g_strdup(disk->info.alias);
    g_autofree char *dst = g_strdup(disk->dst);
    g_autofree char *oldNode = NULL;
    g_autofree char *top = NULL;
    g_autoptr(GPtrArray) nodes = NULL;
    bool cdrom = disk->device == VR_DOMAIN_DISK_DEVICE_CDROM;
    guint added = 0;
    int rc;

    if (!alias) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "missing disk device alias name for %s", dst);
        vrStorageSourceFree(newsrc);
        return -1;
    }
    if (!vrQemuSourceIsEmpty(newsrc) &&
        !(nodes = vrQemuMediaNodes(driver, obj, pos, &newsrc, &top))) {
        vrStorageSourceFree(newsrc);
        return -1;
    }
    oldNode = vrQemuCurrentMediumNode(obj, alias);

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        goto error;
    rc = vrQemuMonitorBlockdevTrayOpen(obj->mon, alias, force);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0 || (cdrom && !force && vrQemuWaitTrayOpen(obj, alias, dst) < 0))
        goto error;
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        goto error;
    rc = vrQemuMonitorBlockdevMediumRemove(obj->mon, alias);
    for (; rc == 0 && nodes && added < nodes->len; added++) {
        if (vrQemuMonitorBlockdevAdd(obj->mon, json_object_get(g_ptr_array_index(nodes, added))) < 0)
            rc = -1;
    }
    if (rc == 0 && top)
        rc = vrQemuMonitorBlockdevMediumInsert(obj->mon, alias, top);
    if (rc < 0) {
        g_autoptr(vrError) saved = vrErrorSave();
        /* take back what was added; the drive stays empty */
        while (nodes && added-- > 0)
            vrQemuMonitorBlockdevDel(obj->mon,
                                     vrQemuCLString(g_ptr_array_index(nodes, added), "node-name"));
        vrQemuMonitorBlockdevTrayClose(obj->mon, alias);
        vrErrorRestore(&saved);
        vrQemuDomainObjExitMonitor(obj);
        if (vrQemuDomainObjIsActive(obj)) {
            vrStorageSourceFree(obj->def->disks[pos]->src);
            obj->def->disks[pos]->src = NULL;
            vrQemuStatusSave(driver, obj);
        }
        vrStorageSourceFree(newsrc);
        return -1;
    }
    rc = vrQemuMonitorBlockdevTrayClose(obj->mon, alias);
    /* the old medium's nodes: "X-format" stands on "X-storage" */
    if (oldNode) {
        size_t len = strlen(oldNode);

        if (vrQemuMonitorBlockdevDel(obj->mon, oldNode) < 0) {
            VR_WARN("guest %s: old medium of %s stays in QEMU: %s", obj->def->name, dst,
                    vrGetLastErrorMessage());
            vrResetLastError();
        } else if (len > 7 && g_str_has_suffix(oldNode, "-format")) {
            g_autofree char *storage = g_strdup_printf("%.*s-storage", (int)(len - 7), oldNode);

            if (vrQemuMonitorBlockdevDel(obj->mon, storage) < 0)
                vrResetLastError();
        }
    }
    vrQemuDomainObjExitMonitor(obj);
    if (vrQemuChangeCheckActive(obj) < 0) {
        vrStorageSourceFree(newsrc);
        return -1;
    }
    disk = obj->def->disks[pos];
    vrStorageSourceFree(disk->src);
    disk->src = newsrc;
    vrQemuStatusSave(driver, obj);
    VR_INFO("guest %s: medium of %s %s%s", obj->def->name, dst,
            vrQemuSourceIsEmpty(newsrc) ? "ejected" : "changed to ",
            vrQemuSourceIsEmpty(newsrc) || !newsrc->path ? "" : newsrc->path);
    if (rc < 0) {
        VR_WARN("guest %s: tray of %s stays open: %s", obj->def->name, dst,
                vrGetLastErrorMessage());
        vrResetLastError();
    }
    return 0;

 error:
    vrStorageSourceFree(newsrc);
    return -1;
}

static int
vrQemuUpdateDiskLive(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDiskDef *disk,
                     bool force)
{
    vrDomainDiskDef *orig;
    ssize_t pos;

    if ((pos = vrQemuDiskIndex(obj->def, disk->dst)) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "disk '%s' not found", disk->dst);
        return -1;
    }
    orig = obj->def->disks[pos];
    if (disk->device != orig->device) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "cannot modify field '%s' of the disk",
                      "device");
        return -1;
    }
    if (disk->bus != orig->bus) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "cannot modify field '%s' of the disk",
                      "bus");
        return -1;
    }
    if (vrQemuSourceSame(disk->src, orig->src))
        return 0;
    if (disk->device != VR_DOMAIN_DISK_DEVICE_CDROM && disk->device != VR_DOMAIN_DISK_DEVICE_FLOPPY) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "disk source can be changed only in removable drives");
        return -1;
    }
    {
        vrStorageSource *src = disk->src;

        disk->src = NULL;
        return vrQemuChangeMedia(driver, obj, (size_t)pos, src, force);
    }
}

/* The config with the disk replaced, through a full parse, not yet kept. */
static vrDomainDef *
vrQemuUpdateDiskConfigPrepare(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *xml)
{
    vrDomainDef *config = vrQemuDomainObjPersistentDef(obj);
    g_autoptr(vrDomainDeviceDef) dev = NULL;
    g_autoptr(vrDomainDef) edited = NULL;
    g_autofree char *text = NULL;
    ssize_t pos;

    if (!(dev = vrDomainDeviceDefParse(xml, config, &driver->xmlopt)))
        return NULL;
    if (dev->type != VR_DOMAIN_DEVICE_DISK) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "persistent update of device '%s' is not supported",
                      vrQemuDeviceKindName(dev->type));
        return NULL;
    }
    if (!(edited = vrDomainDefCopy(config, &driver->xmlopt)))
        return NULL;
    if ((pos = vrQemuDiskIndex(edited, dev->data.disk->dst)) < 0) {
        vrReportError(VR_ERR_INVALID_ARG, "target %s doesn't exist.", dev->data.disk->dst);
        return NULL;
    }
    vrDomainDiskDefFree(edited->disks[pos]);
    edited->disks[pos] = g_steal_pointer(&dev->data.disk);
    text = vrDomainDefFormat(edited, VR_DOMAIN_FORMAT_INACTIVE | VR_DOMAIN_FORMAT_SECURE);
    return vrQemuDomainParse(driver, text, 0);
}

static int
vrQemuDomainUpdateDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autoptr(vrDomainDeviceDef) dev = NULL;
    vrDomainDef *live, *config;
    vrDomainDef *nextConfig = NULL;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_DEVICE_MODIFY_FORCE, -1);
    /* interfaces (link state, bandwidth): qemu_interface.c */
    if (vrQemuInterfaceIsUpdate(xml))
        return vrQemuInterfaceUpdateDevice(dom, xml, flags);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "update-device") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags & ~VR_DOMAIN_DEVICE_MODIFY_FORCE, &live, &config) < 0)
        goto endjob;
    if (config && !(nextConfig = vrQemuUpdateDiskConfigPrepare(driver, obj, xml)))
        goto endjob;
    if (live) {
        if (!(dev = vrDomainDeviceDefParse(xml, obj->def, &driver->xmlopt)))
            goto endjob;
        if (dev->type != VR_DOMAIN_DEVICE_DISK) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "live update of device '%s' is not supported",
                          vrQemuDeviceKindName(dev->type));
            goto endjob;
        }
        if (vrQemuUpdateDiskLive(driver, obj, dev->data.disk,
                                 flags & VR_DOMAIN_DEVICE_MODIFY_FORCE) < 0)
            goto endjob;
    }
    if (nextConfig) {
        if (vrQemuDomainSaveConfig(driver, nextConfig) < 0)
            goto endjob;
        if (vrQemuDomainObjIsActive(obj)) {
            vrDomainDefFree(obj->newDef);
            obj->newDef = g_steal_pointer(&nextConfig);
        } else {
            vrDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&nextConfig);
        }
    }
    ret = 0;
 endjob:
    vrDomainDefFree(nextConfig);
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

void
vrQemuChangeDriverInit(vrHypervisorDriver *hv)
{
    hv->domainSetMemoryFlags = vrQemuDomainSetMemoryFlags;
    hv->domainSetMaxMemory = vrQemuDomainSetMaxMemory;
    hv->domainSetVcpusFlags = vrQemuDomainSetVcpusFlags;
    hv->domainSendKey = vrQemuDomainSendKey;
    hv->domainInjectNMI = vrQemuDomainInjectNMI;
    hv->domainCoreDump = vrQemuDomainCoreDump;
    hv->domainCoreDumpWithFormat = vrQemuDomainCoreDumpWithFormat;
    hv->domainUpdateDeviceFlags = vrQemuDomainUpdateDeviceFlags;
}
