/*
 * qemu_monitor_cmds.c: typed wrappers over QMP commands.
 *
 * Each wrapper builds the arguments, runs the command and hands the
 * "return" value to a parser.  Parsers are strict about the members the
 * driver cannot do without and lenient about the rest, since QEMU adds
 * and deprecates optional members from release to release.
 */
#include <config.h>

#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "qemu/qemu_monitor_cmds.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU


/* ---- running commands ---- */

/* A command whose answer carries nothing we need. */
static int
vrQemuMonitorRun(vrQemuMonitor *mon, const char *cmd, json_object *args)
{
    return vrQemuMonitorCommand(mon, cmd, args, NULL, 0);
}

/* The same with arguments given as vrQemuJSONMakeArgs pairs. */
static int G_GNUC_NULL_TERMINATED
vrQemuMonitorRunArgs(vrQemuMonitor *mon, const char *cmd, ...)
{
    json_object *args = NULL;
    va_list ap;
    int rc;

    va_start(ap, cmd);
    rc = vrQemuJSONMakeArgsV(&args, ap);
    va_end(ap);
    if (rc < 0)
        return -1;
    return vrQemuMonitorRun(mon, cmd, args);
}

/* Runs @cmd and returns its "return" value once it has @type. */
static json_object *
vrQemuMonitorQuery(vrQemuMonitor *mon, const char *cmd, json_object *args, json_type type)
{
    json_object *ret = NULL;

    if (vrQemuMonitorCommand(mon, cmd, args, &ret, 0) < 0)
        return NULL;
    if (vrQemuJSONCheckType(ret, type, cmd) < 0) {
        json_object_put(ret);
        return NULL;
    }
    return ret;
}

/* Commands that take properties as their whole argument object. */
static int
vrQemuMonitorRunProps(vrQemuMonitor *mon, const char *cmd, json_object *props)
{
    if (!props || !json_object_is_type(props, json_type_object)) {
        json_object_put(props);
        vrReportError(VR_ERR_INTERNAL_ERROR, "'%s' needs an object of properties", cmd);
        return -1;
    }
    return vrQemuMonitorRun(mon, cmd, props);
}

/* Parses every element of an array reply with @parse. */
typedef void *(*vrQemuMonitorItemParser)(json_object *item, const char *what);

static int
vrQemuMonitorParseList(json_object *ret, const char *what, vrQemuMonitorItemParser parse,
                       GDestroyNotify freeItem, GPtrArray **out)
{
    g_autoptr(GPtrArray) list = NULL;
    size_t i, n;

    *out = NULL;
    if (vrQemuJSONCheckType(ret, json_type_array, what) < 0)
        return -1;
    list = g_ptr_array_new_with_free_func(freeItem);
    n = json_object_array_length(ret);
    for (i = 0; i < n; i++) {
        void *item = parse(json_object_array_get_idx(ret, i), what);

        if (!item)
            return -1;
        g_ptr_array_add(list, item);
    }
    *out = g_steal_pointer(&list);
    return 0;
}

static long long
vrQemuMonitorOptLongLong(json_object *obj, const char *key, long long dflt)
{
    long long v;

    return vrQemuJSONGetLongLong(obj, key, &v) < 0 ? dflt : v;
}

static unsigned long long
vrQemuMonitorOptULongLong(json_object *obj, const char *key)
{
    unsigned long long v;

    return vrQemuJSONGetULongLong(obj, key, &v) < 0 ? 0 : v;
}

static bool
vrQemuMonitorOptBool(json_object *obj, const char *key)
{
    bool v;

    return vrQemuJSONGetBool(obj, key, &v) < 0 ? false : v;
}

static int
vrQemuMonitorOptInt(json_object *obj, const char *key, int dflt)
{
    int v;

    return vrQemuJSONGetInt(obj, key, &v) < 0 ? dflt : v;
}


/* ---- run state ---- */

int
vrQemuMonitorCont(vrQemuMonitor *mon)
{
    return vrQemuMonitorRun(mon, "cont", NULL);
}

int
vrQemuMonitorStop(vrQemuMonitor *mon)
{
    return vrQemuMonitorRun(mon, "stop", NULL);
}

int
vrQemuMonitorSystemPowerdown(vrQemuMonitor *mon)
{
    return vrQemuMonitorRun(mon, "system_powerdown", NULL);
}

int
vrQemuMonitorSystemReset(vrQemuMonitor *mon)
{
    return vrQemuMonitorRun(mon, "system_reset", NULL);
}

int
vrQemuMonitorInjectNMI(vrQemuMonitor *mon)
{
    return vrQemuMonitorRun(mon, "inject-nmi", NULL);
}

int
vrQemuMonitorQuit(vrQemuMonitor *mon)
{
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;

    opts.flags = VR_QEMU_MONITOR_CMD_EOF_OK;
    return vrQemuMonitorCommandFull(mon, "quit", NULL, &opts, NULL);
}

int
vrQemuMonitorParseStatus(json_object *ret, bool *running, char **status)
{
    const char *s;

    *status = NULL;
    if (vrQemuJSONRequireBool(ret, "query-status", "running", running) < 0 ||
        !(s = vrQemuJSONRequireString(ret, "query-status", "status")))
        return -1;
    *status = g_strdup(s);
    return 0;
}

int
vrQemuMonitorQueryStatus(vrQemuMonitor *mon, bool *running, char **status)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-status", NULL, json_type_object);

    *status = NULL;
    return ret ? vrQemuMonitorParseStatus(ret, running, status) : -1;
}

int
vrQemuMonitorSetAction(vrQemuMonitor *mon, const char *reboot, const char *shutdown,
                       const char *panic, const char *watchdog)
{
    return vrQemuMonitorRunArgs(mon, "set-action",
                                "S:reboot", reboot, "S:shutdown", shutdown,
                                "S:panic", panic, "S:watchdog", watchdog, NULL);
}

int
vrQemuMonitorParseName(json_object *ret, char **name)
{
    *name = NULL;
    if (vrQemuJSONCheckType(ret, json_type_object, "query-name") < 0)
        return -1;
    *name = g_strdup(vrQemuJSONGetString(ret, "name"));
    return 0;
}

int
vrQemuMonitorQueryName(vrQemuMonitor *mon, char **name)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-name", NULL, json_type_object);

    *name = NULL;
    return ret ? vrQemuMonitorParseName(ret, name) : -1;
}


/* ---- vCPUs and memory ---- */

static void
vrQemuMonitorCPUInfoFree(void *p)
{
    vrQemuMonitorCPUInfo *cpu = p;

    g_free(cpu->qomPath);
    g_free(cpu);
}

static void *
vrQemuMonitorParseCPU(json_object *item, const char *what)
{
    vrQemuMonitorCPUInfo *cpu = g_new0(vrQemuMonitorCPUInfo, 1);
    json_object *props = vrQemuJSONGetObject(item, "props");

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        vrQemuJSONRequireInt(item, what, "cpu-index", &cpu->cpuIndex) < 0 ||
        vrQemuJSONRequireLongLong(item, what, "thread-id", &cpu->threadId) < 0) {
        vrQemuMonitorCPUInfoFree(cpu);
        return NULL;
    }
    cpu->qomPath = g_strdup(vrQemuJSONGetString(item, "qom-path"));
    cpu->socketId = vrQemuMonitorOptInt(props, "socket-id", -1);
    cpu->coreId = vrQemuMonitorOptInt(props, "core-id", -1);
    cpu->threadIndex = vrQemuMonitorOptInt(props, "thread-id", -1);
    return cpu;
}

int
vrQemuMonitorParseCPUs(json_object *ret, GPtrArray **cpus)
{
    return vrQemuMonitorParseList(ret, "query-cpus-fast", vrQemuMonitorParseCPU,
                                  vrQemuMonitorCPUInfoFree, cpus);
}

int
vrQemuMonitorQueryCPUs(vrQemuMonitor *mon, GPtrArray **cpus)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-cpus-fast", NULL,
                                                    json_type_array);

    *cpus = NULL;
    return ret ? vrQemuMonitorParseCPUs(ret, cpus) : -1;
}

int
vrQemuMonitorParseBalloon(json_object *ret, unsigned long long *actualKiB)
{
    unsigned long long bytes;

    if (vrQemuJSONRequireULongLong(ret, "query-balloon", "actual", &bytes) < 0)
        return -1;
    *actualKiB = bytes / 1024;
    return 0;
}

int
vrQemuMonitorQueryBalloon(vrQemuMonitor *mon, unsigned long long *actualKiB)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-balloon", NULL,
                                                    json_type_object);

    return ret ? vrQemuMonitorParseBalloon(ret, actualKiB) : -1;
}

int
vrQemuMonitorSetBalloon(vrQemuMonitor *mon, unsigned long long targetKiB)
{
    if (targetKiB > LLONG_MAX / 1024) {
        vrReportError(VR_ERR_OVERFLOW, "balloon target %llu KiB is too large", targetKiB);
        return -1;
    }
    return vrQemuMonitorRunArgs(mon, "balloon", "U:value", targetKiB * 1024, NULL);
}


/* ---- block devices ---- */

static void
vrQemuMonitorBlockStatsFree(void *p)
{
    vrQemuMonitorBlockStats *st = p;

    g_free(st->device);
    g_free(st->qdev);
    g_free(st->nodeName);
    g_free(st);
}

static void *
vrQemuMonitorParseBlockStatsItem(json_object *item, const char *what)
{
    vrQemuMonitorBlockStats *st = g_new0(vrQemuMonitorBlockStats, 1);
    json_object *stats = NULL;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(stats = vrQemuJSONRequireObject(item, what, "stats")) ||
        vrQemuJSONRequireLongLong(stats, what, "rd_bytes", &st->rdBytes) < 0 ||
        vrQemuJSONRequireLongLong(stats, what, "wr_bytes", &st->wrBytes) < 0 ||
        vrQemuJSONRequireLongLong(stats, what, "rd_operations", &st->rdReq) < 0 ||
        vrQemuJSONRequireLongLong(stats, what, "wr_operations", &st->wrReq) < 0) {
        vrQemuMonitorBlockStatsFree(st);
        return NULL;
    }
    st->device = g_strdup(vrQemuJSONGetString(item, "device"));
    st->qdev = g_strdup(vrQemuJSONGetString(item, "qdev"));
    st->nodeName = g_strdup(vrQemuJSONGetString(item, "node-name"));
    st->flushReq = vrQemuMonitorOptLongLong(stats, "flush_operations", 0);
    st->rdTotalTimeNs = vrQemuMonitorOptLongLong(stats, "rd_total_time_ns", 0);
    st->wrTotalTimeNs = vrQemuMonitorOptLongLong(stats, "wr_total_time_ns", 0);
    st->flushTotalTimeNs = vrQemuMonitorOptLongLong(stats, "flush_total_time_ns", 0);
    st->wrHighestOffset = vrQemuMonitorOptLongLong(stats, "wr_highest_offset", 0);
    return st;
}

int
vrQemuMonitorParseBlockStats(json_object *ret, GPtrArray **stats)
{
    return vrQemuMonitorParseList(ret, "query-blockstats", vrQemuMonitorParseBlockStatsItem,
                                  vrQemuMonitorBlockStatsFree, stats);
}

int
vrQemuMonitorQueryBlockStats(vrQemuMonitor *mon, GPtrArray **stats)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-blockstats", NULL,
                                                    json_type_array);

    *stats = NULL;
    return ret ? vrQemuMonitorParseBlockStats(ret, stats) : -1;
}

static void
vrQemuMonitorBlockInfoFree(void *p)
{
    vrQemuMonitorBlockInfo *bi = p;

    g_free(bi->device);
    g_free(bi->qdev);
    g_free(bi->ioStatus);
    g_free(bi->nodeName);
    g_free(bi->file);
    g_free(bi->format);
    g_free(bi);
}

/* The medium part of a BlockInfo ("inserted": a BlockDeviceInfo). */
static int
vrQemuMonitorParseInserted(vrQemuMonitorBlockInfo *bi, json_object *ins, const char *what)
{
    json_object *image = vrQemuJSONGetObject(ins, "image");
    const char *file, *drv;

    if (!(file = vrQemuJSONRequireString(ins, what, "file")) ||
        !(drv = vrQemuJSONRequireString(ins, what, "drv")))
        return -1;
    bi->hasMedium = true;
    bi->file = g_strdup(file);
    bi->format = g_strdup(drv);
    bi->nodeName = g_strdup(vrQemuJSONGetString(ins, "node-name"));
    bi->readonly = vrQemuMonitorOptBool(ins, "ro");
    bi->virtualSize = vrQemuMonitorOptULongLong(image, "virtual-size");
    bi->actualSize = vrQemuMonitorOptULongLong(image, "actual-size");
    return 0;
}

static void *
vrQemuMonitorParseBlockInfoItem(json_object *item, const char *what)
{
    vrQemuMonitorBlockInfo *bi = g_new0(vrQemuMonitorBlockInfo, 1);
    json_object *ins = vrQemuJSONGetObject(item, "inserted");
    const char *device;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(device = vrQemuJSONRequireString(item, what, "device")) ||
        vrQemuJSONRequireBool(item, what, "removable", &bi->removable) < 0 ||
        vrQemuJSONRequireBool(item, what, "locked", &bi->locked) < 0 ||
        (ins && vrQemuMonitorParseInserted(bi, ins, what) < 0)) {
        vrQemuMonitorBlockInfoFree(bi);
        return NULL;
    }
    bi->device = g_strdup(device);
    bi->qdev = g_strdup(vrQemuJSONGetString(item, "qdev"));
    bi->trayOpen = vrQemuMonitorOptBool(item, "tray_open");
    bi->ioStatus = g_strdup(vrQemuJSONGetString(item, "io-status"));
    return bi;
}

int
vrQemuMonitorParseBlockInfo(json_object *ret, GPtrArray **blocks)
{
    return vrQemuMonitorParseList(ret, "query-block", vrQemuMonitorParseBlockInfoItem,
                                  vrQemuMonitorBlockInfoFree, blocks);
}

int
vrQemuMonitorQueryBlock(vrQemuMonitor *mon, GPtrArray **blocks)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-block", NULL, json_type_array);

    *blocks = NULL;
    return ret ? vrQemuMonitorParseBlockInfo(ret, blocks) : -1;
}

static void
vrQemuMonitorBlockNodeFree(void *p)
{
    vrQemuMonitorBlockNode *bn = p;

    g_free(bn->nodeName);
    g_free(bn->file);
    g_free(bn->driver);
    g_free(bn->backingFile);
    g_free(bn);
}

static void *
vrQemuMonitorParseBlockNode(json_object *item, const char *what)
{
    vrQemuMonitorBlockNode *bn = g_new0(vrQemuMonitorBlockNode, 1);
    json_object *image = vrQemuJSONGetObject(item, "image");
    const char *file, *drv;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(file = vrQemuJSONRequireString(item, what, "file")) ||
        !(drv = vrQemuJSONRequireString(item, what, "drv"))) {
        vrQemuMonitorBlockNodeFree(bn);
        return NULL;
    }
    bn->file = g_strdup(file);
    bn->driver = g_strdup(drv);
    bn->nodeName = g_strdup(vrQemuJSONGetString(item, "node-name"));
    bn->backingFile = g_strdup(vrQemuJSONGetString(item, "backing_file"));
    bn->readonly = vrQemuMonitorOptBool(item, "ro");
    bn->virtualSize = vrQemuMonitorOptULongLong(image, "virtual-size");
    bn->actualSize = vrQemuMonitorOptULongLong(image, "actual-size");
    return bn;
}

int
vrQemuMonitorParseBlockNodes(json_object *ret, GPtrArray **nodes)
{
    return vrQemuMonitorParseList(ret, "query-named-block-nodes", vrQemuMonitorParseBlockNode,
                                  vrQemuMonitorBlockNodeFree, nodes);
}

int
vrQemuMonitorQueryNamedBlockNodes(vrQemuMonitor *mon, GPtrArray **nodes)
{
    g_autoptr(json_object) ret = NULL;
    json_object *args = NULL;

    *nodes = NULL;
    /* "flat" keeps QEMU from repeating every backing chain inside each node */
    if (vrQemuJSONMakeArgs(&args, "b:flat", true, NULL) < 0 ||
        !(ret = vrQemuMonitorQuery(mon, "query-named-block-nodes", args, json_type_array)))
        return -1;
    return vrQemuMonitorParseBlockNodes(ret, nodes);
}

int
vrQemuMonitorBlockResize(vrQemuMonitor *mon, const char *device, const char *nodeName,
                         unsigned long long sizeBytes)
{
    if (!device == !nodeName) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "block_resize needs exactly one of device and node name");
        return -1;
    }
    return vrQemuMonitorRunArgs(mon, "block_resize", "S:device", device,
                                "S:node-name", nodeName, "U:size", sizeBytes, NULL);
}

int
vrQemuMonitorBlockdevAdd(vrQemuMonitor *mon, json_object *props)
{
    return vrQemuMonitorRunProps(mon, "blockdev-add", props);
}

int
vrQemuMonitorBlockdevDel(vrQemuMonitor *mon, const char *nodeName)
{
    return vrQemuMonitorRunArgs(mon, "blockdev-del", "s:node-name", nodeName, NULL);
}


/* ---- devices, backends, objects ---- */

int
vrQemuMonitorDeviceAdd(vrQemuMonitor *mon, json_object *props)
{
    return vrQemuMonitorRunProps(mon, "device_add", props);
}

int
vrQemuMonitorDeviceDel(vrQemuMonitor *mon, const char *id)
{
    return vrQemuMonitorRunArgs(mon, "device_del", "s:id", id, NULL);
}

int
vrQemuMonitorNetdevAdd(vrQemuMonitor *mon, json_object *props)
{
    return vrQemuMonitorRunProps(mon, "netdev_add", props);
}

int
vrQemuMonitorNetdevDel(vrQemuMonitor *mon, const char *id)
{
    return vrQemuMonitorRunArgs(mon, "netdev_del", "s:id", id, NULL);
}

int
vrQemuMonitorChardevAdd(vrQemuMonitor *mon, const char *id, json_object *backend,
                        char **ptyPath)
{
    g_autoptr(json_object) ret = NULL;
    json_object *args = NULL;

    if (ptyPath)
        *ptyPath = NULL;
    if (vrQemuJSONMakeArgs(&args, "s:id", id, "j:backend", backend, NULL) < 0 ||
        !(ret = vrQemuMonitorQuery(mon, "chardev-add", args, json_type_object)))
        return -1;
    if (ptyPath)
        *ptyPath = g_strdup(vrQemuJSONGetString(ret, "pty"));
    return 0;
}

int
vrQemuMonitorChardevRemove(vrQemuMonitor *mon, const char *id)
{
    return vrQemuMonitorRunArgs(mon, "chardev-remove", "s:id", id, NULL);
}

int
vrQemuMonitorObjectAdd(vrQemuMonitor *mon, json_object *props)
{
    return vrQemuMonitorRunProps(mon, "object-add", props);
}

int
vrQemuMonitorObjectDel(vrQemuMonitor *mon, const char *id)
{
    return vrQemuMonitorRunArgs(mon, "object-del", "s:id", id, NULL);
}

int
vrQemuMonitorQomGet(vrQemuMonitor *mon, const char *path, const char *property,
                    json_object **value)
{
    json_object *args = NULL;

    *value = NULL;
    if (vrQemuJSONMakeArgs(&args, "s:path", path, "s:property", property, NULL) < 0)
        return -1;
    return vrQemuMonitorCommand(mon, "qom-get", args, value, 0);
}

int
vrQemuMonitorQomSet(vrQemuMonitor *mon, const char *path, const char *property,
                    json_object *value)
{
    return vrQemuMonitorRunArgs(mon, "qom-set", "s:path", path, "s:property", property,
                                "j:value", value, NULL);
}

static void
vrQemuMonitorChardevInfoFree(void *p)
{
    vrQemuMonitorChardevInfo *ci = p;

    g_free(ci->filename);
    g_free(ci->ptyPath);
    g_free(ci);
}

/* Adds one ChardevInfo to @table. */
static int
vrQemuMonitorParseChardev(json_object *item, GHashTable *table)
{
    const char *what = "query-chardev";
    const char *label, *filename;
    vrQemuMonitorChardevInfo *ci;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(label = vrQemuJSONRequireString(item, what, "label")) ||
        !(filename = vrQemuJSONRequireString(item, what, "filename")))
        return -1;
    ci = g_new0(vrQemuMonitorChardevInfo, 1);
    ci->filename = g_strdup(filename);
    if (g_str_has_prefix(filename, "pty:"))
        ci->ptyPath = g_strdup(filename + strlen("pty:"));
    ci->frontendOpen = vrQemuMonitorOptBool(item, "frontend-open");
    g_hash_table_replace(table, g_strdup(label), ci);
    return 0;
}

int
vrQemuMonitorParseChardevs(json_object *ret, GHashTable **chardevs)
{
    g_autoptr(GHashTable) table = NULL;
    size_t i, n;

    *chardevs = NULL;
    if (vrQemuJSONCheckType(ret, json_type_array, "query-chardev") < 0)
        return -1;
    table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                  vrQemuMonitorChardevInfoFree);
    n = json_object_array_length(ret);
    for (i = 0; i < n; i++) {
        if (vrQemuMonitorParseChardev(json_object_array_get_idx(ret, i), table) < 0)
            return -1;
    }
    *chardevs = g_steal_pointer(&table);
    return 0;
}

int
vrQemuMonitorQueryChardev(vrQemuMonitor *mon, GHashTable **chardevs)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-chardev", NULL,
                                                    json_type_array);

    *chardevs = NULL;
    return ret ? vrQemuMonitorParseChardevs(ret, chardevs) : -1;
}


/* ---- descriptors ---- */

int
vrQemuMonitorGetFd(vrQemuMonitor *mon, const char *fdname, int fd)
{
    json_object *args = NULL;

    if (vrQemuJSONMakeArgs(&args, "s:fdname", fdname, NULL) < 0)
        return -1;
    return vrQemuMonitorCommandWithFd(mon, "getfd", args, fd, NULL, 0);
}

int
vrQemuMonitorCloseFd(vrQemuMonitor *mon, const char *fdname)
{
    return vrQemuMonitorRunArgs(mon, "closefd", "s:fdname", fdname, NULL);
}

int
vrQemuMonitorParseAddFd(json_object *ret, int *fdsetId, int *fd)
{
    int set, num;

    if (vrQemuJSONRequireInt(ret, "add-fd", "fdset-id", &set) < 0 ||
        vrQemuJSONRequireInt(ret, "add-fd", "fd", &num) < 0)
        return -1;
    if (fdsetId)
        *fdsetId = set;
    if (fd)
        *fd = num;
    return 0;
}

int
vrQemuMonitorAddFd(vrQemuMonitor *mon, int fdsetId, const char *opaque, int fd,
                   int *fdsetIdOut, int *fdOut)
{
    g_autoptr(json_object) ret = NULL;
    json_object *args = NULL;

    if (vrQemuJSONMakeArgs(&args, "S:opaque", opaque, NULL) < 0 ||
        (fdsetId >= 0 && vrQemuJSONAppendArgs(args, "i:fdset-id", fdsetId, NULL) < 0)) {
        json_object_put(args);
        return -1;
    }
    if (vrQemuMonitorCommandWithFd(mon, "add-fd", args, fd, &ret, 0) < 0)
        return -1;
    return vrQemuMonitorParseAddFd(ret, fdsetIdOut, fdOut);
}

int
vrQemuMonitorRemoveFd(vrQemuMonitor *mon, int fdsetId, int fd)
{
    json_object *args = NULL;

    if (vrQemuJSONMakeArgs(&args, "i:fdset-id", fdsetId, NULL) < 0 ||
        (fd >= 0 && vrQemuJSONAppendArgs(args, "i:fd", fd, NULL) < 0)) {
        json_object_put(args);
        return -1;
    }
    return vrQemuMonitorRun(mon, "remove-fd", args);
}


/* ---- console, keyboard, screen ---- */

int
vrQemuMonitorHumanCommand(vrQemuMonitor *mon, const char *cmdline, char **output)
{
    g_autoptr(json_object) ret = NULL;
    json_object *args = NULL;

    *output = NULL;
    if (vrQemuJSONMakeArgs(&args, "s:command-line", cmdline, NULL) < 0 ||
        !(ret = vrQemuMonitorQuery(mon, "human-monitor-command", args, json_type_string)))
        return -1;
    *output = g_strdup(json_object_get_string(ret));
    return 0;
}

int
vrQemuMonitorScreendump(vrQemuMonitor *mon, const char *filename, const char *device,
                        int head, const char *format)
{
    json_object *args = NULL;

    if (vrQemuJSONMakeArgs(&args, "s:filename", filename, "S:device", device,
                           "S:format", format, NULL) < 0 ||
        (head >= 0 && vrQemuJSONAppendArgs(args, "i:head", head, NULL) < 0)) {
        json_object_put(args);
        return -1;
    }
    return vrQemuMonitorRun(mon, "screendump", args);
}

int
vrQemuMonitorSendKey(vrQemuMonitor *mon, const unsigned int *keycodes, size_t nkeycodes,
                     unsigned int holdtimeMs)
{
    json_object *keys = json_object_new_array();
    size_t i;

    for (i = 0; i < nkeycodes; i++) {
        json_object *key = NULL;

        if (vrQemuJSONMakeArgs(&key, "s:type", "number", "u:data", keycodes[i], NULL) < 0) {
            json_object_put(keys);
            return -1;
        }
        json_object_array_add(keys, key);
    }
    return vrQemuMonitorRunArgs(mon, "send-key", "j:keys", keys,
                                "P:hold-time", (unsigned long long)holdtimeMs, NULL);
}


/* ---- host and QEMU capabilities ---- */

int
vrQemuMonitorParseVersion(json_object *ret, int *major, int *minor, int *micro,
                          char **package)
{
    const char *what = "query-version";
    json_object *qemu = vrQemuJSONRequireObject(ret, what, "qemu");

    if (package)
        *package = NULL;
    if (!qemu ||
        vrQemuJSONRequireInt(qemu, what, "major", major) < 0 ||
        vrQemuJSONRequireInt(qemu, what, "minor", minor) < 0 ||
        vrQemuJSONRequireInt(qemu, what, "micro", micro) < 0)
        return -1;
    if (package)
        *package = g_strdup(vrQemuJSONGetString(ret, "package"));
    return 0;
}

int
vrQemuMonitorQueryVersion(vrQemuMonitor *mon, int *major, int *minor, int *micro,
                          char **package)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-version", NULL,
                                                    json_type_object);

    if (package)
        *package = NULL;
    return ret ? vrQemuMonitorParseVersion(ret, major, minor, micro, package) : -1;
}

int
vrQemuMonitorParseKVM(json_object *ret, bool *enabled, bool *present)
{
    if (vrQemuJSONRequireBool(ret, "query-kvm", "enabled", enabled) < 0 ||
        vrQemuJSONRequireBool(ret, "query-kvm", "present", present) < 0)
        return -1;
    return 0;
}

int
vrQemuMonitorQueryKVM(vrQemuMonitor *mon, bool *enabled, bool *present)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-kvm", NULL, json_type_object);

    return ret ? vrQemuMonitorParseKVM(ret, enabled, present) : -1;
}

static void
vrQemuMonitorMachineInfoFree(void *p)
{
    vrQemuMonitorMachineInfo *mi = p;

    g_free(mi->name);
    g_free(mi->alias);
    g_free(mi->defaultCpuType);
    g_free(mi->defaultRamId);
    g_free(mi);
}

static void *
vrQemuMonitorParseMachine(json_object *item, const char *what)
{
    vrQemuMonitorMachineInfo *mi = g_new0(vrQemuMonitorMachineInfo, 1);
    const char *name;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(name = vrQemuJSONRequireString(item, what, "name")) ||
        vrQemuJSONRequireInt(item, what, "cpu-max", &mi->maxCpus) < 0) {
        vrQemuMonitorMachineInfoFree(mi);
        return NULL;
    }
    mi->name = g_strdup(name);
    mi->alias = g_strdup(vrQemuJSONGetString(item, "alias"));
    mi->isDefault = vrQemuMonitorOptBool(item, "is-default");
    mi->hotplugCpus = vrQemuMonitorOptBool(item, "hotpluggable-cpus");
    mi->numaMemSupported = vrQemuMonitorOptBool(item, "numa-mem-supported");
    mi->deprecated = vrQemuMonitorOptBool(item, "deprecated");
    mi->defaultCpuType = g_strdup(vrQemuJSONGetString(item, "default-cpu-type"));
    mi->defaultRamId = g_strdup(vrQemuJSONGetString(item, "default-ram-id"));
    return mi;
}

int
vrQemuMonitorParseMachines(json_object *ret, GPtrArray **machines)
{
    return vrQemuMonitorParseList(ret, "query-machines", vrQemuMonitorParseMachine,
                                  vrQemuMonitorMachineInfoFree, machines);
}

int
vrQemuMonitorQueryMachines(vrQemuMonitor *mon, GPtrArray **machines)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-machines", NULL,
                                                    json_type_array);

    *machines = NULL;
    return ret ? vrQemuMonitorParseMachines(ret, machines) : -1;
}

static void
vrQemuMonitorCPUDefinitionFree(void *p)
{
    vrQemuMonitorCPUDefinition *def = p;

    g_free(def->name);
    g_free(def->typeName);
    g_free(def->aliasOf);
    g_strfreev(def->blockers);
    g_free(def);
}

static void *
vrQemuMonitorParseCPUDefinition(json_object *item, const char *what)
{
    vrQemuMonitorCPUDefinition *def = g_new0(vrQemuMonitorCPUDefinition, 1);
    json_object *blockers = vrQemuJSONGetArray(item, "unavailable-features");
    const char *name;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(name = vrQemuJSONRequireString(item, what, "name"))) {
        vrQemuMonitorCPUDefinitionFree(def);
        return NULL;
    }
    def->name = g_strdup(name);
    def->typeName = g_strdup(vrQemuJSONGetString(item, "typename"));
    def->aliasOf = g_strdup(vrQemuJSONGetString(item, "alias-of"));
    def->blockers = vrQemuJSONStringList(blockers, NULL);
    /* without the member QEMU cannot tell (no accelerator checked it) */
    if (blockers)
        def->usable = def->blockers[0] ? VR_QEMU_MONITOR_CPU_USABLE_NO :
                                         VR_QEMU_MONITOR_CPU_USABLE_YES;
    def->migrationSafe = vrQemuMonitorOptBool(item, "migration-safe");
    def->isStatic = vrQemuMonitorOptBool(item, "static");
    def->deprecated = vrQemuMonitorOptBool(item, "deprecated");
    return def;
}

int
vrQemuMonitorParseCPUDefinitions(json_object *ret, GPtrArray **defs)
{
    return vrQemuMonitorParseList(ret, "query-cpu-definitions",
                                  vrQemuMonitorParseCPUDefinition,
                                  vrQemuMonitorCPUDefinitionFree, defs);
}

int
vrQemuMonitorQueryCPUDefinitions(vrQemuMonitor *mon, GPtrArray **defs)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-cpu-definitions", NULL,
                                                    json_type_array);

    *defs = NULL;
    return ret ? vrQemuMonitorParseCPUDefinitions(ret, defs) : -1;
}

int
vrQemuMonitorQomListTypes(vrQemuMonitor *mon, const char *implements, bool abstract,
                          char ***types)
{
    g_autoptr(json_object) ret = NULL;
    json_object *args = NULL;

    *types = NULL;
    if (vrQemuJSONMakeArgs(&args, "S:implements", implements, "b:abstract", abstract,
                           NULL) < 0 ||
        !(ret = vrQemuMonitorQuery(mon, "qom-list-types", args, json_type_array)))
        return -1;
    *types = vrQemuJSONStringList(ret, "name");
    return 0;
}

int
vrQemuMonitorQueryCommands(vrQemuMonitor *mon, char ***commands)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-commands", NULL,
                                                    json_type_array);

    *commands = NULL;
    if (!ret)
        return -1;
    *commands = vrQemuJSONStringList(ret, "name");
    return 0;
}


/* ---- migration ---- */

int
vrQemuMonitorMigrate(vrQemuMonitor *mon, const char *uri)
{
    return vrQemuMonitorRunArgs(mon, "migrate", "s:uri", uri, NULL);
}

int
vrQemuMonitorMigrateCancel(vrQemuMonitor *mon)
{
    return vrQemuMonitorRun(mon, "migrate_cancel", NULL);
}

int
vrQemuMonitorMigrateSetCapabilities(vrQemuMonitor *mon, const char *const *caps,
                                    const bool *states, size_t n)
{
    json_object *list = json_object_new_array();
    size_t i;

    for (i = 0; i < n; i++) {
        json_object *cap = NULL;

        if (vrQemuJSONMakeArgs(&cap, "s:capability", caps[i], "b:state", states[i],
                               NULL) < 0) {
            json_object_put(list);
            return -1;
        }
        json_object_array_add(list, cap);
    }
    return vrQemuMonitorRunArgs(mon, "migrate-set-capabilities", "j:capabilities", list,
                                NULL);
}

int
vrQemuMonitorMigrateSetParameters(vrQemuMonitor *mon, json_object *params)
{
    return vrQemuMonitorRunProps(mon, "migrate-set-parameters", params);
}

void
vrQemuMonitorMigrationStatsClear(vrQemuMonitorMigrationStats *stats)
{
    g_free(stats->status);
    g_free(stats->errorDesc);
    memset(stats, 0, sizeof(*stats));
}

/* The "ram" member (MigrationStats). */
static void
vrQemuMonitorParseMigrationRAM(json_object *ram, vrQemuMonitorMigrationStats *stats)
{
    stats->ramTransferred = vrQemuMonitorOptULongLong(ram, "transferred");
    stats->ramRemaining = vrQemuMonitorOptULongLong(ram, "remaining");
    stats->ramTotal = vrQemuMonitorOptULongLong(ram, "total");
    stats->ramDuplicate = vrQemuMonitorOptULongLong(ram, "duplicate");
    stats->ramNormal = vrQemuMonitorOptULongLong(ram, "normal");
    stats->ramNormalBytes = vrQemuMonitorOptULongLong(ram, "normal-bytes");
    stats->ramDirtyRate = vrQemuMonitorOptULongLong(ram, "dirty-pages-rate");
    stats->ramDirtySyncCount = vrQemuMonitorOptULongLong(ram, "dirty-sync-count");
    stats->ramPageSize = vrQemuMonitorOptULongLong(ram, "page-size");
    if (vrQemuJSONGetDouble(ram, "mbps", &stats->ramMbps) < 0)
        stats->ramMbps = 0;
}

int
vrQemuMonitorParseMigrationStats(json_object *ret, vrQemuMonitorMigrationStats *stats)
{
    json_object *disk = vrQemuJSONGetObject(ret, "disk");

    memset(stats, 0, sizeof(*stats));
    if (vrQemuJSONCheckType(ret, json_type_object, "query-migrate") < 0)
        return -1;
    /* no "status" at all means no migration was ever started */
    stats->status = g_strdup(vrQemuJSONGetString(ret, "status"));
    if (!stats->status)
        stats->status = g_strdup("none");
    stats->errorDesc = g_strdup(vrQemuJSONGetString(ret, "error-desc"));
    stats->totalTimeMs = vrQemuMonitorOptLongLong(ret, "total-time", -1);
    stats->expectedDowntimeMs = vrQemuMonitorOptLongLong(ret, "expected-downtime", -1);
    stats->downtimeMs = vrQemuMonitorOptLongLong(ret, "downtime", -1);
    stats->setupTimeMs = vrQemuMonitorOptLongLong(ret, "setup-time", -1);
    vrQemuMonitorParseMigrationRAM(vrQemuJSONGetObject(ret, "ram"), stats);
    stats->diskTransferred = vrQemuMonitorOptULongLong(disk, "transferred");
    stats->diskRemaining = vrQemuMonitorOptULongLong(disk, "remaining");
    stats->diskTotal = vrQemuMonitorOptULongLong(disk, "total");
    return 0;
}

int
vrQemuMonitorQueryMigrate(vrQemuMonitor *mon, vrQemuMonitorMigrationStats *stats)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-migrate", NULL,
                                                    json_type_object);

    memset(stats, 0, sizeof(*stats));
    return ret ? vrQemuMonitorParseMigrationStats(ret, stats) : -1;
}


/* ---- CPU hotplug, guest memory dumps, removable media ---- */

static void
vrQemuMonitorHotpluggableCPUFree(void *p)
{
    vrQemuMonitorHotpluggableCPU *cpu = p;

    g_free(cpu->type);
    g_free(cpu->qomPath);
    g_free(cpu);
}

static void *
vrQemuMonitorParseHotpluggableCPU(json_object *item, const char *what)
{
    vrQemuMonitorHotpluggableCPU *cpu = g_new0(vrQemuMonitorHotpluggableCPU, 1);
    json_object *props = NULL;
    const char *type;

    if (vrQemuJSONCheckType(item, json_type_object, what) < 0 ||
        !(type = vrQemuJSONRequireString(item, what, "type")) ||
        vrQemuJSONRequireInt(item, what, "vcpus-count", &cpu->vcpusCount) < 0 ||
        !(props = vrQemuJSONRequireObject(item, what, "props"))) {
        vrQemuMonitorHotpluggableCPUFree(cpu);
        return NULL;
    }
    cpu->type = g_strdup(type);
    cpu->qomPath = g_strdup(vrQemuJSONGetString(item, "qom-path"));
    cpu->socketId = vrQemuMonitorOptInt(props, "socket-id", -1);
    cpu->dieId = vrQemuMonitorOptInt(props, "die-id", -1);
    cpu->coreId = vrQemuMonitorOptInt(props, "core-id", -1);
    cpu->threadId = vrQemuMonitorOptInt(props, "thread-id", -1);
    return cpu;
}

int
vrQemuMonitorParseHotpluggableCPUs(json_object *ret, GPtrArray **cpus)
{
    return vrQemuMonitorParseList(ret, "query-hotpluggable-cpus",
                                  vrQemuMonitorParseHotpluggableCPU,
                                  vrQemuMonitorHotpluggableCPUFree, cpus);
}

int
vrQemuMonitorQueryHotpluggableCPUs(vrQemuMonitor *mon, GPtrArray **cpus)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-hotpluggable-cpus", NULL,
                                                    json_type_array);

    *cpus = NULL;
    return ret ? vrQemuMonitorParseHotpluggableCPUs(ret, cpus) : -1;
}

int
vrQemuMonitorDumpGuestMemory(vrQemuMonitor *mon, const char *protocol, const char *format)
{
    return vrQemuMonitorRunArgs(mon, "dump-guest-memory", "b:paging", false,
                                "s:protocol", protocol, "b:detach", true,
                                "S:format", format, NULL);
}

int
vrQemuMonitorParseDump(json_object *ret, char **status, unsigned long long *total,
                       unsigned long long *completed)
{
    const char *st;

    *status = NULL;
    if (vrQemuJSONCheckType(ret, json_type_object, "query-dump") < 0 ||
        !(st = vrQemuJSONRequireString(ret, "query-dump", "status")))
        return -1;
    *status = g_strdup(st);
    *total = vrQemuMonitorOptULongLong(ret, "total");
    *completed = vrQemuMonitorOptULongLong(ret, "completed");
    return 0;
}

int
vrQemuMonitorQueryDump(vrQemuMonitor *mon, char **status, unsigned long long *total,
                       unsigned long long *completed)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-dump", NULL, json_type_object);

    *status = NULL;
    return ret ? vrQemuMonitorParseDump(ret, status, total, completed) : -1;
}

int
vrQemuMonitorQueryDumpFormats(vrQemuMonitor *mon, char ***formats)
{
    g_autoptr(json_object) ret = vrQemuMonitorQuery(mon, "query-dump-guest-memory-capability",
                                                    NULL, json_type_object);
    json_object *list;

    *formats = NULL;
    if (!ret)
        return -1;
    if (!(list = vrQemuJSONRequireArray(ret, "query-dump-guest-memory-capability", "formats")))
        return -1;
    *formats = vrQemuJSONStringList(list, NULL);
    return 0;
}

int
vrQemuMonitorBlockdevTrayOpen(vrQemuMonitor *mon, const char *id, bool force)
{
    return vrQemuMonitorRunArgs(mon, "blockdev-open-tray", "s:id", id, "B:force", force, NULL);
}

int
vrQemuMonitorBlockdevTrayClose(vrQemuMonitor *mon, const char *id)
{
    return vrQemuMonitorRunArgs(mon, "blockdev-close-tray", "s:id", id, NULL);
}

int
vrQemuMonitorBlockdevMediumRemove(vrQemuMonitor *mon, const char *id)
{
    return vrQemuMonitorRunArgs(mon, "blockdev-remove-medium", "s:id", id, NULL);
}

int
vrQemuMonitorBlockdevMediumInsert(vrQemuMonitor *mon, const char *id, const char *nodeName)
{
    return vrQemuMonitorRunArgs(mon, "blockdev-insert-medium", "s:id", id,
                                "s:node-name", nodeName, NULL);
}
