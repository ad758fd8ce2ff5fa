/*
 * qemu_agent.c: the qemu-guest-agent client, on the monitor's connection
 * engine in its guest agent flavour.
 */
#include <config.h>

#include "qemu/qemu_agent.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* Lives as long as its monitor: the monitor frees it through its
 * freeOpaque, so a thread holding a monitor reference may use it. */
struct _vrQemuAgent {
    vrQemuMonitor *mon;
    vrQemuAgentCallbacks cb;
    void *opaque;
};


/* ---- lifetime ---- */

static void
vrQemuAgentFree(void *opaque)
{
    vrQemuAgent *agent = opaque;

    if (agent->cb.freeOpaque)
        agent->cb.freeOpaque(agent->opaque);
    g_free(agent);
}

static void
vrQemuAgentEOF(vrQemuMonitor *mon, void *opaque)
{
    vrQemuAgent *agent = opaque;

    if (agent->cb.eof)
        agent->cb.eof(agent, agent->opaque);
}

static void
vrQemuAgentError(vrQemuMonitor *mon, void *opaque)
{
    vrQemuAgent *agent = opaque;

    if (agent->cb.error)
        agent->cb.error(agent, agent->opaque);
}

static const vrQemuMonitorCallbacks vrQemuAgentMonitorCallbacks = {
    .eof = vrQemuAgentEOF,
    .error = vrQemuAgentError,
    .freeOpaque = vrQemuAgentFree,
};

vrQemuAgent *
vrQemuAgentOpenFd(vrEventLoop *loop, int fd, const vrQemuAgentCallbacks *cb, void *opaque)
{
    vrQemuAgent *agent = g_new0(vrQemuAgent, 1);

    if (cb)
        agent->cb = *cb;
    agent->opaque = opaque;
    agent->mon = vrQemuMonitorNew(loop, fd, VR_QEMU_MONITOR_PROTO_AGENT,
                                  &vrQemuAgentMonitorCallbacks, agent);
    vrQemuMonitorSetDefaultTimeout(agent->mon, VR_QEMU_AGENT_DEFAULT_TIMEOUT_MS);
    return agent;
}

vrQemuAgent *
vrQemuAgentOpen(vrEventLoop *loop, const char *path, int timeoutMs,
                const vrQemuAgentCallbacks *cb, void *opaque)
{
    int fd = vrQemuMonitorConnectSocket(path, "guest agent", timeoutMs);

    if (fd < 0)
        return NULL;
    return vrQemuAgentOpenFd(loop, fd, cb, opaque);
}

void
vrQemuAgentClose(vrQemuAgent *agent)
{
    if (agent)
        vrQemuMonitorClose(agent->mon);
}

vrQemuMonitor *
vrQemuAgentGetMonitor(vrQemuAgent *agent)
{
    return agent->mon;
}


/* ---- commands ---- */

/* A positive id no earlier sync is likely to have used (53 bits keep it
 * exact for agents that store numbers as doubles). */
static long long
vrQemuAgentSyncId(void)
{
    return ((long long)(g_random_int() & 0x1FFFFF) << 32) + g_random_int() + 1;
}

/* Only the echo of our id ends the sync: anything else is stale. */
static bool
vrQemuAgentMatchSync(json_object *reply, void *opaque)
{
    const long long *id = opaque;
    long long got;

    return vrQemuJSONGetLongLong(reply, "return", &got) == 0 && got == *id;
}

static int
vrQemuAgentSync(vrQemuMonitor *mon, int timeoutMs)
{
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;
    long long id = vrQemuAgentSyncId();
    json_object *args = NULL;

    if (vrQemuJSONMakeArgs(&args, "I:id", id, NULL) < 0)
        return -1;
    opts.timeoutMs = VR_QEMU_AGENT_SYNC_TIMEOUT_MS;
    if (timeoutMs > 0 && timeoutMs < VR_QEMU_AGENT_SYNC_TIMEOUT_MS)
        opts.timeoutMs = timeoutMs;
    opts.flags = VR_QEMU_MONITOR_CMD_RESYNC;
    opts.match = vrQemuAgentMatchSync;
    opts.matchOpaque = &id;
    return vrQemuMonitorCommandFull(mon, "guest-sync-delimited", args, &opts, NULL);
}

static int
vrQemuAgentCommandFlags(vrQemuAgent *agent, const char *cmd, json_object *args,
                        json_object **reply, int timeoutMs, unsigned int flags)
{
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;
    g_autoptr(json_object) owned = args;
    vrQemuMonitor *mon = vrQemuMonitorRef(agent->mon);
    int rc = -1;

    if (reply)
        *reply = NULL;
    opts.timeoutMs = timeoutMs;
    opts.flags = flags;
    if (vrQemuAgentSync(mon, timeoutMs) == 0)
        rc = vrQemuMonitorCommandFull(mon, cmd, g_steal_pointer(&owned), &opts, reply);
    vrQemuMonitorUnref(mon);
    return rc;
}

int
vrQemuAgentCommand(vrQemuAgent *agent, const char *cmd, json_object *args,
                   json_object **reply, int timeoutMs)
{
    return vrQemuAgentCommandFlags(agent, cmd, args, reply, timeoutMs, 0);
}

/* Runs @cmd and returns its "return" value once it has @type. */
static json_object *
vrQemuAgentQuery(vrQemuAgent *agent, const char *cmd, json_object *args, json_type type)
{
    json_object *ret = NULL;

    if (vrQemuAgentCommand(agent, cmd, args, &ret, 0) < 0)
        return NULL;
    if (vrQemuJSONCheckType(ret, type, cmd) < 0) {
        json_object_put(ret);
        return NULL;
    }
    return ret;
}

/* Runs a command answering with a number (a count, a time). */
static int
vrQemuAgentQueryInt(vrQemuAgent *agent, const char *cmd, json_object *args, long long *val)
{
    g_autoptr(json_object) ret = vrQemuAgentQuery(agent, cmd, args, json_type_int);

    if (!ret)
        return -1;
    *val = json_object_get_int64(ret);
    return 0;
}


/* ---- wrappers ---- */

int
vrQemuAgentPing(vrQemuAgent *agent, int timeoutMs)
{
    return vrQemuAgentCommand(agent, "guest-ping", NULL, NULL, timeoutMs);
}

int
vrQemuAgentShutdown(vrQemuAgent *agent, vrQemuAgentShutdownMode mode)
{
    static const char *const modes[] = { "powerdown", "reboot", "halt" };
    json_object *args = NULL;

    if ((unsigned int)mode >= G_N_ELEMENTS(modes)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown guest shutdown mode %d", mode);
        return -1;
    }
    if (vrQemuJSONMakeArgs(&args, "s:mode", modes[mode], NULL) < 0)
        return -1;
    /* the agent goes down with the guest instead of answering */
    return vrQemuAgentCommandFlags(agent, "guest-shutdown", args, NULL, 0,
                                   VR_QEMU_MONITOR_CMD_NO_REPLY);
}

static void
vrQemuAgentIPAddressFree(void *p)
{
    vrQemuAgentIPAddress *addr = p;

    g_free(addr->address);
    g_free(addr);
}

static void
vrQemuAgentInterfaceFree(void *p)
{
    vrQemuAgentInterface *iface = p;

    g_free(iface->name);
    g_free(iface->hwaddr);
    g_ptr_array_unref(iface->addrs);
    g_free(iface);
}

/* One GuestIpAddress; NULL for entries of a type we do not know. */
static vrQemuAgentIPAddress *
vrQemuAgentParseIPAddress(json_object *item)
{
    const char *type = vrQemuJSONGetString(item, "ip-address-type");
    const char *address = vrQemuJSONGetString(item, "ip-address");
    vrQemuAgentIPAddress *addr;

    if (!type || !address || (!g_str_equal(type, "ipv4") && !g_str_equal(type, "ipv6")))
        return NULL;
    addr = g_new0(vrQemuAgentIPAddress, 1);
    addr->ipv6 = g_str_equal(type, "ipv6");
    addr->address = g_strdup(address);
    if (vrQemuJSONGetUInt(item, "prefix", &addr->prefix) < 0)
        addr->prefix = 0;
    return addr;
}

static vrQemuAgentInterface *
vrQemuAgentParseInterface(json_object *item)
{
    const char *what = "guest-network-get-interfaces";
    json_object *addrs = vrQemuJSONGetArray(item, "ip-addresses");
    vrQemuAgentInterface *iface;
    const char *name;
    size_t i, n;

    if (!(name = vrQemuJSONRequireString(item, what, "name")))
        return NULL;
    iface = g_new0(vrQemuAgentInterface, 1);
    iface->name = g_strdup(name);
    iface->hwaddr = g_strdup(vrQemuJSONGetString(item, "hardware-address"));
    iface->addrs = g_ptr_array_new_with_free_func(vrQemuAgentIPAddressFree);
    n = addrs ? json_object_array_length(addrs) : 0;
    for (i = 0; i < n; i++) {
        vrQemuAgentIPAddress *addr = vrQemuAgentParseIPAddress(json_object_array_get_idx(addrs, i));
        if (addr)
            g_ptr_array_add(iface->addrs, addr);
    }
    return iface;
}

int
vrQemuAgentParseInterfaces(json_object *ret, GPtrArray **ifaces)
{
    g_autoptr(GPtrArray) list = NULL;
    size_t i, n;

    *ifaces = NULL;
    if (vrQemuJSONCheckType(ret, json_type_array, "guest-network-get-interfaces") < 0)
        return -1;
    list = g_ptr_array_new_with_free_func(vrQemuAgentInterfaceFree);
    n = json_object_array_length(ret);
    for (i = 0; i < n; i++) {
        vrQemuAgentInterface *iface = vrQemuAgentParseInterface(json_object_array_get_idx(ret, i));
        if (!iface)
            return -1;
        g_ptr_array_add(list, iface);
    }
    *ifaces = g_steal_pointer(&list);
    return 0;
}

int
vrQemuAgentGetInterfaces(vrQemuAgent *agent, GPtrArray **ifaces)
{
    g_autoptr(json_object) ret = vrQemuAgentQuery(agent, "guest-network-get-interfaces",
                                                  NULL, json_type_array);

    *ifaces = NULL;
    return ret ? vrQemuAgentParseInterfaces(ret, ifaces) : -1;
}

static void
vrQemuAgentFSDiskFree(void *p)
{
    vrQemuAgentFSDisk *disk = p;

    g_free(disk->busType);
    g_free(disk->serial);
    g_free(disk->dev);
    g_free(disk);
}

static void
vrQemuAgentFSInfoFree(void *p)
{
    vrQemuAgentFSInfo *fs = p;

    g_free(fs->name);
    g_free(fs->mountpoint);
    g_free(fs->type);
    g_ptr_array_unref(fs->disks);
    g_free(fs);
}

static int
vrQemuAgentOptInt(json_object *obj, const char *key)
{
    int v;

    return vrQemuJSONGetInt(obj, key, &v) < 0 ? -1 : v;
}

/* One GuestDiskAddress; every member is optional to us. */
static vrQemuAgentFSDisk *
vrQemuAgentParseFSDisk(json_object *item)
{
    json_object *pci = vrQemuJSONGetObject(item, "pci-controller");
    vrQemuAgentFSDisk *disk = g_new0(vrQemuAgentFSDisk, 1);

    disk->busType = g_strdup(vrQemuJSONGetString(item, "bus-type"));
    disk->serial = g_strdup(vrQemuJSONGetString(item, "serial"));
    disk->dev = g_strdup(vrQemuJSONGetString(item, "dev"));
    disk->pciDomain = vrQemuAgentOptInt(pci, "domain");
    disk->pciBus = vrQemuAgentOptInt(pci, "bus");
    disk->pciSlot = vrQemuAgentOptInt(pci, "slot");
    disk->pciFunction = vrQemuAgentOptInt(pci, "function");
    disk->bus = vrQemuAgentOptInt(item, "bus");
    disk->target = vrQemuAgentOptInt(item, "target");
    disk->unit = vrQemuAgentOptInt(item, "unit");
    return disk;
}

static vrQemuAgentFSInfo *
vrQemuAgentParseFS(json_object *item)
{
    const char *what = "guest-get-fsinfo";
    json_object *disks = vrQemuJSONGetArray(item, "disk");
    const char *name, *mountpoint, *type;
    vrQemuAgentFSInfo *fs;
    size_t i, n;

    if (!(name = vrQemuJSONRequireString(item, what, "name")) ||
        !(mountpoint = vrQemuJSONRequireString(item, what, "mountpoint")) ||
        !(type = vrQemuJSONRequireString(item, what, "type")))
        return NULL;
    fs = g_new0(vrQemuAgentFSInfo, 1);
    fs->name = g_strdup(name);
    fs->mountpoint = g_strdup(mountpoint);
    fs->type = g_strdup(type);
    fs->hasSize = vrQemuJSONGetULongLong(item, "used-bytes", &fs->usedBytes) == 0 &&
        vrQemuJSONGetULongLong(item, "total-bytes", &fs->totalBytes) == 0;
    fs->disks = g_ptr_array_new_with_free_func(vrQemuAgentFSDiskFree);
    n = disks ? json_object_array_length(disks) : 0;
    for (i = 0; i < n; i++) {
        json_object *d = json_object_array_get_idx(disks, i);
        if (json_object_is_type(d, json_type_object))
            g_ptr_array_add(fs->disks, vrQemuAgentParseFSDisk(d));
    }
    return fs;
}

int
vrQemuAgentParseFSInfo(json_object *ret, GPtrArray **fsinfo)
{
    g_autoptr(GPtrArray) list = NULL;
    size_t i, n;

    *fsinfo = NULL;
    if (vrQemuJSONCheckType(ret, json_type_array, "guest-get-fsinfo") < 0)
        return -1;
    list = g_ptr_array_new_with_free_func(vrQemuAgentFSInfoFree);
    n = json_object_array_length(ret);
    for (i = 0; i < n; i++) {
        vrQemuAgentFSInfo *fs = vrQemuAgentParseFS(json_object_array_get_idx(ret, i));
        if (!fs)
            return -1;
        g_ptr_array_add(list, fs);
    }
    *fsinfo = g_steal_pointer(&list);
    return 0;
}

int
vrQemuAgentGetFSInfo(vrQemuAgent *agent, GPtrArray **fsinfo)
{
    g_autoptr(json_object) ret = vrQemuAgentQuery(agent, "guest-get-fsinfo", NULL,
                                                  json_type_array);

    *fsinfo = NULL;
    return ret ? vrQemuAgentParseFSInfo(ret, fsinfo) : -1;
}

int
vrQemuAgentFSFreeze(vrQemuAgent *agent, const char *const *mountpoints)
{
    json_object *args = NULL;
    long long count;

    if (mountpoints) {
        json_object *list = json_object_new_array();
        for (; *mountpoints; mountpoints++)
            json_object_array_add(list, json_object_new_string(*mountpoints));
        if (vrQemuJSONMakeArgs(&args, "j:mountpoints", list, NULL) < 0)
            return -1;
    }
    if (vrQemuAgentQueryInt(agent, args ? "guest-fsfreeze-freeze-list" :
                            "guest-fsfreeze-freeze", args, &count) < 0)
        return -1;
    return (int)CLAMP(count, 0, G_MAXINT);
}

int
vrQemuAgentFSThaw(vrQemuAgent *agent)
{
    long long count;

    if (vrQemuAgentQueryInt(agent, "guest-fsfreeze-thaw", NULL, &count) < 0)
        return -1;
    return (int)CLAMP(count, 0, G_MAXINT);
}

int
vrQemuAgentFSFreezeStatus(vrQemuAgent *agent, bool *frozen)
{
    g_autoptr(json_object) ret = vrQemuAgentQuery(agent, "guest-fsfreeze-status", NULL,
                                                  json_type_string);
    const char *status;

    if (!ret)
        return -1;
    status = json_object_get_string(ret);
    if (!g_str_equal(status, "frozen") && !g_str_equal(status, "thawed")) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown file system freeze status '%s'", status);
        return -1;
    }
    *frozen = g_str_equal(status, "frozen");
    return 0;
}

int
vrQemuAgentGetTime(vrQemuAgent *agent, long long *seconds, unsigned int *nseconds)
{
    long long ns;

    if (vrQemuAgentQueryInt(agent, "guest-get-time", NULL, &ns) < 0)
        return -1;
    if (ns < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "guest reported a time before the epoch: %lld", ns);
        return -1;
    }
    *seconds = ns / 1000000000LL;
    *nseconds = (unsigned int)(ns % 1000000000LL);
    return 0;
}

int
vrQemuAgentSetTime(vrQemuAgent *agent, long long seconds, unsigned int nseconds,
                   bool fromRTC)
{
    json_object *args = NULL;

    if (!fromRTC) {
        if (seconds < 0 || seconds > (G_MAXINT64 - nseconds) / 1000000000LL ||
            nseconds >= 1000000000U) {
            vrReportError(VR_ERR_INVALID_ARG, "time %lld.%09u cannot be set in the guest",
                          seconds, nseconds);
            return -1;
        }
        if (vrQemuJSONMakeArgs(&args, "I:time", seconds * 1000000000LL + nseconds, NULL) < 0)
            return -1;
    }
    return vrQemuAgentCommand(agent, "guest-set-time", args, NULL, 0);
}

/* The names of the commands marked enabled in "supported_commands". */
static char **
vrQemuAgentEnabledCommands(json_object *list)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    size_t i, n = list ? json_object_array_length(list) : 0;

    for (i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(list, i);
        const char *name = vrQemuJSONGetString(item, "name");
        bool enabled = true;

        vrQemuJSONGetBool(item, "enabled", &enabled);
        if (name && enabled)
            g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_add(names, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&names), FALSE);
}

int
vrQemuAgentParseInfo(json_object *ret, char **version, char ***commands)
{
    const char *v = vrQemuJSONRequireString(ret, "guest-info", "version");

    if (version)
        *version = NULL;
    if (commands)
        *commands = NULL;
    if (!v)
        return -1;
    if (version)
        *version = g_strdup(v);
    if (commands)
        *commands = vrQemuAgentEnabledCommands(vrQemuJSONGetArray(ret, "supported_commands"));
    return 0;
}

int
vrQemuAgentGetInfo(vrQemuAgent *agent, char **version, char ***commands)
{
    g_autoptr(json_object) ret = vrQemuAgentQuery(agent, "guest-info", NULL, json_type_object);

    if (version)
        *version = NULL;
    if (commands)
        *commands = NULL;
    return ret ? vrQemuAgentParseInfo(ret, version, commands) : -1;
}
