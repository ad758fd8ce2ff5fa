/*
 * network_driver.c: virtual networks of QEMU connections, for real:
 * a Linux bridge with the network's addresses (iproute2), a dnsmasq per
 * network, and nftables chains in vireo's own table.  Every start undoes
 * what it did when a later step fails; a stop removes exactly what the
 * start created.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "network_driver.h"
#include "network_event.h"
#include "network_gen.h"
#include "conf/network_conf.h"
#include "libvireo/datatypes.h"
#include "qemu/qemu_driver.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vrprocess.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_NETWORK
#define VR_LOG_CATEGORY "network.driver"

typedef struct {
    vrNetworkDef *def;      /* the live definition while active */
    vrNetworkDef *newDef;   /* the persistent one while active, else NULL */
    bool active;
    bool persistent;
    bool autostart;
    pid_t dnsmasqPid;
} vrNetObj;

typedef struct {
    char *root;
    char *configDir;
    char *autostartDir;
    char *stateDir;
    char *dnsmasqDir;
    GMutex lock;
    GPtrArray *nets;        /* vrNetObj */
    GThread *watcher;       /* restarts a dnsmasq that died */
} vrNetState;

static GMutex vrNetStatesLock;
static GHashTable *vrNetStates;   /* root -> vrNetState, for the process's life */

static void
vrNetObjFree(gpointer data)
{
    vrNetObj *obj = data;

    vrNetworkDefFree(obj->def);
    vrNetworkDefFree(obj->newDef);
    g_free(obj);
}

static vrNetworkDef *
vrNetObjPersistentDef(vrNetObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

static void
vrNetEmit(vrNetState *st, const vrNetObj *obj, int event)
{
    vrNetworkEventQueue(st->root, obj->def->name, obj->def->uuid, event);
}

/* ---- paths ------------------------------------------------------------ */

static char *
vrNetConfigFile(vrNetState *st, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(st->configDir, file, NULL);
}

static char *
vrNetAutostartLink(vrNetState *st, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(st->autostartDir, file, NULL);
}

static char *
vrNetStateFile(vrNetState *st, const char *name, const char *ext)
{
    g_autofree char *file = g_strdup_printf("%s.%s", name, ext);

    return g_build_filename(st->stateDir, file, NULL);
}

static char *
vrNetDnsmasqFile(vrNetState *st, const char *name, const char *ext)
{
    g_autofree char *file = g_strdup_printf("%s.%s", name, ext);

    return g_build_filename(st->dnsmasqDir, file, NULL);
}

/* ---- host helpers ----------------------------------------------------- */

static char *
vrNetFindProgram(const char *name)
{
    static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };
    char *path = g_find_program_in_path(name);

    for (size_t i = 0; !path && i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *p = g_build_filename(dirs[i], name, NULL);

        if (access(p, X_OK) == 0)
            path = g_steal_pointer(&p);
    }
    return path;
}

/* Runs @prog with @args (and @input on stdin); on failure reports
 * "cannot WHAT network 'NAME': PROG ARGS failed: STDERR". */
static int
vrNetRun(const vrNetworkDef *def, const char *what, const char *input, const char *prog, ...)
{
    g_autofree char *path = vrNetFindProgram(prog);
    g_autoptr(vrCommand) cmd = NULL;
    g_autofree char *err = NULL;
    g_autofree char *str = NULL;
    const char *arg;
    va_list ap;
    int status = 0;

    if (!path) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "cannot %s network '%s': the '%s' program is not installed", what,
                      def->name, prog);
        return -1;
    }
    cmd = vrCommandNew(path);
    va_start(ap, prog);
    while ((arg = va_arg(ap, const char *)))
        vrCommandAddArg(cmd, arg);
    va_end(ap);
    if (input)
        vrCommandSetInputBuffer(cmd, input, -1);
    vrCommandDiscardOutput(cmd);
    vrCommandSetErrorBuffer(cmd, &err);
    vrCommandSetTimeout(cmd, 30000);
    if (vrCommandRun(cmd, &status) < 0)
        return -1;
    if (status != 0) {
        str = vrCommandToString(cmd, false);
        if (err)
            g_strstrip(err);
        vrReportError(VR_ERR_OPERATION_FAILED, "cannot %s network '%s': '%s' failed: %s", what,
                      def->name, str, err && *err ? err : "(no message)");
        return -1;
    }
    return 0;
}

static bool
vrNetIfaceExists(const char *name)
{
    g_autofree char *path = g_build_filename("/sys/class/net", name, NULL);

    return vrFileExists(path);
}

/* Parses "A.B.C.D/N" or "X::/N" into bytes; returns the family or -1. */
static int
vrNetParseSubnet(const char *subnet, unsigned char *addr, int *prefix)
{
    g_autofree char *copy = g_strdup(subnet);
    char *slash = strchr(copy, '/');

    if (!slash)
        return -1;
    *slash = '\0';
    *prefix = atoi(slash + 1);
    if (inet_pton(AF_INET, copy, addr) == 1)
        return AF_INET;
    if (inet_pton(AF_INET6, copy, addr) == 1)
        return AF_INET6;
    return -1;
}

static bool
vrNetSubnetsOverlap(const char *a, const char *b)
{
    unsigned char x[16] = { 0 }, y[16] = { 0 };
    int px, py, fx, fy, bits;

    if ((fx = vrNetParseSubnet(a, x, &px)) < 0 || (fy = vrNetParseSubnet(b, y, &py)) < 0 ||
        fx != fy)
        return false;
    bits = MIN(px, py);
    for (int i = 0; bits > 0; i++, bits -= 8) {
        unsigned char mask = bits >= 8 ? 0xff : (unsigned char)(0xff << (8 - bits));

        if ((x[i] & mask) != (y[i] & mask))
            return false;
    }
    return true;
}

/* An IPv4 route of the host (this process's network namespace) into
 * @subnet, through a device other than @bridge: its interface name. */
static char *
vrNetRouteCollision(const char *subnet, const char *bridge)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/net/route", &text, NULL, NULL))
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 1; lines[i]; i++) {
        char iface[64];
        unsigned int dest, gw, flags, refcnt, use, metric, mask;
        struct in_addr d;
        char dstr[INET_ADDRSTRLEN];
        g_autofree char *route = NULL;
        int prefix = 0;

        if (sscanf(lines[i], "%63s %x %x %x %u %u %u %x", iface, &dest, &gw, &flags, &refcnt,
                   &use, &metric, &mask) != 8)
            continue;
        if (mask == 0 || (bridge && g_str_equal(iface, bridge)))
            continue;     /* the default route collides with nothing */
        for (guint32 m = ntohl(mask); m & 0x80000000u; m <<= 1)
            prefix++;
        d.s_addr = dest;
        inet_ntop(AF_INET, &d, dstr, sizeof(dstr));
        route = g_strdup_printf("%s/%d", dstr, prefix);
        if (vrNetSubnetsOverlap(route, subnet))
            return g_strdup(iface);
    }
    return NULL;
}

static int
vrNetWriteProc(const char *path, const char *value)
{
    g_autofree char *cur = NULL;

    if (g_file_get_contents(path, &cur, NULL, NULL) && g_str_equal(g_strstrip(cur), value))
        return 0;
    if (!g_file_set_contents(path, value, -1, NULL)) {
        FILE *f = fopen(path, "w");

        if (!f || fputs(value, f) < 0) {
            if (f)
                fclose(f);
            vrReportSystemError(errno, "cannot write '%s' to '%s'", value, path);
            return -1;
        }
        fclose(f);
    }
    return 0;
}

/* ---- state ------------------------------------------------------------ */

static vrNetObj *
vrNetFindByName(vrNetState *st, const char *name)
{
    for (guint i = 0; i < st->nets->len; i++) {
        vrNetObj *obj = g_ptr_array_index(st->nets, i);

        if (g_str_equal(obj->def->name, name))
            return obj;
    }
    return NULL;
}

static vrNetObj *
vrNetFindByUUID(vrNetState *st, const unsigned char *uuid)
{
    for (guint i = 0; i < st->nets->len; i++) {
        vrNetObj *obj = g_ptr_array_index(st->nets, i);

        if (memcmp(obj->def->uuid, uuid, VR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

static int vrNetStartLocked(vrNetState *st, vrNetObj *obj);
static int vrNetFillBridge(vrNetState *st, vrNetworkDef *def, vrNetObj *self);
static bool vrNetForwardSupported(int type);
static int vrNetStartDnsmasq(vrNetState *st, vrNetObj *obj);
static int vrNetStartDefined(vrNetState *st, vrNetObj *obj);
static gpointer vrNetWatchThread(gpointer data);

static int
vrNetSaveConfig(vrNetState *st, const vrNetworkDef *def)
{
    g_autofree char *xml = vrNetworkDefFormat(def, VR_NETWORK_XML_INACTIVE);
    g_autofree char *path = vrNetConfigFile(st, def->name);

    if (!xml)
        return -1;
    return vrFileWriteAtomic(path, xml, strlen(xml), 0600);
}

static int
vrNetSaveStatus(vrNetState *st, const vrNetObj *obj)
{
    g_autofree char *xml = vrNetworkDefFormat(obj->def, 0);
    g_autofree char *path = vrNetStateFile(st, obj->def->name, "xml");

    if (!xml)
        return -1;
    return vrFileWriteAtomic(path, xml, strlen(xml), 0600);
}

static vrNetworkDef *
vrNetLoadFile(const char *path)
{
    g_autofree char *xml = NULL;
    vrNetworkDef *def;

    if (vrFileReadAll(path, 1 << 20, &xml) < 0 || !(def = vrNetworkDefParseString(xml))) {
        VR_WARN("ignoring network definition '%s': %s", path, vrGetLastErrorMessage());
        return NULL;
    }
    return def;
}

/* A dnsmasq we started: the pid file's process running dnsmasq with
 * our configuration file. */
static pid_t
vrNetDnsmasqAlive(vrNetState *st, const char *name)
{
    g_autofree char *pidfile = vrNetStateFile(st, name, "pid");
    g_autofree char *conf = vrNetDnsmasqFile(st, name, "conf");
    g_autofree char *confArg = g_strdup_printf("--conf-file=%s", conf);
    g_auto(GStrv) argv = NULL;
    pid_t pid = 0;

    if (vrPidFileRead(pidfile, &pid) <= 0 || pid <= 0 || !vrProcessExists(pid))
        return 0;
    if (!(argv = vrProcessReadCmdline(pid)))
        return 0;
    for (guint i = 0; argv[i]; i++)
        if (g_str_equal(argv[i], confArg))
            return pid;
    return 0;
}

static void
vrNetStateLoad(vrNetState *st)
{
    g_autoptr(GDir) dir = g_dir_open(st->configDir, 0, NULL);
    g_autoptr(GDir) sdir = NULL;
    const char *entry;

    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;
        g_autofree char *link = NULL;
        vrNetworkDef *def;
        vrNetObj *obj;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(st->configDir, entry, NULL);
        if (!(def = vrNetLoadFile(path)))
            continue;
        if (vrNetFindByName(st, def->name) || vrNetFindByUUID(st, def->uuid)) {
            VR_WARN("ignoring network definition '%s': name or uuid already in use", path);
            vrNetworkDefFree(def);
            continue;
        }
        obj = g_new0(vrNetObj, 1);
        obj->def = def;
        obj->persistent = true;
        link = vrNetAutostartLink(st, def->name);
        obj->autostart = vrFileExists(link);
        g_ptr_array_add(st->nets, obj);
    }
    /* Networks left running by an earlier vireod: adopted while their
     * bridge still exists. */
    sdir = g_dir_open(st->stateDir, 0, NULL);
    while (sdir && (entry = g_dir_read_name(sdir))) {
        g_autofree char *path = NULL;
        vrNetworkDef *def;
        vrNetObj *obj;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(st->stateDir, entry, NULL);
        if (!(def = vrNetLoadFile(path)))
            continue;
        if (vrNetForwardSupported(def->forwardType) &&
            (!def->bridge || !vrNetIfaceExists(def->bridge))) {
            VR_INFO("network '%s' is no longer running", def->name);
            vrFileRemoveIfExists(path);
            vrNetworkDefFree(def);
            continue;
        }
        if ((obj = vrNetFindByName(st, def->name))) {
            obj->newDef = obj->def;
            obj->def = def;
        } else {
            obj = g_new0(vrNetObj, 1);
            obj->def = def;
            g_ptr_array_add(st->nets, obj);
        }
        obj->active = true;
        obj->dnsmasqPid = vrNetDnsmasqAlive(st, def->name);
    }
    for (guint i = 0; i < st->nets->len; i++) {
        vrNetObj *obj = g_ptr_array_index(st->nets, i);

        if (!obj->autostart || obj->active)
            continue;
        if (vrNetStartDefined(st, obj) < 0)
            VR_ERROR("failed to autostart network '%s': %s", obj->def->name,
                     vrGetLastErrorMessage());
        else
            vrNetEmit(st, obj, VR_NETWORK_EVENT_STARTED);
    }
}

/* ---- the default network ------------------------------------------- */

/* libvirt's `default`: NAT on virbr0, 192.168.122.0/24, DHCP .2-.254.
 * Like libvirt's packaging, a subnet that a host route already covers is
 * replaced by the next free 192.168.N.0/24 (N = 123..254), and a virbr0
 * that exists already by the next free virbrN. */
static char *
vrNetDefaultXML(void)
{
    g_autofree char *bridge = NULL;
    int third = 122;

    for (; third < 255; third++) {
        g_autofree char *subnet = g_strdup_printf("192.168.%d.0/24", third);
        g_autofree char *iface = vrNetRouteCollision(subnet, NULL);

        if (!iface)
            break;
    }
    if (third == 255)
        return NULL;
    for (int n = 0; n < 256 && !bridge; n++) {
        g_autofree char *name = g_strdup_printf("virbr%d", n);

        if (!vrNetIfaceExists(name))
            bridge = g_steal_pointer(&name);
    }
    if (!bridge)
        return NULL;
    return g_strdup_printf("<network>\n"
                           "  <name>default</name>\n"
                           "  <forward mode='nat'/>\n"
                           "  <bridge name='%s' stp='on' delay='0'/>\n"
                           "  <ip address='192.168.%d.1' netmask='255.255.255.0'>\n"
                           "    <dhcp>\n"
                           "      <range start='192.168.%d.2' end='192.168.%d.254'/>\n"
                           "    </dhcp>\n"
                           "  </ip>\n"
                           "</network>\n", bridge, third, third, third);
}

/* Defines `default` (with a fresh UUID and MAC) in a root whose network
 * configuration directory did not exist yet.  It is marked autostart for
 * the system root only: a private root (vireod --root DIR, qemu:///embed)
 * is a sandbox (tests, demos, embedding applications) that must not grow
 * a virbr0 on the host unless someone asks for it with net-start or
 * net-autostart. */
static void
vrNetDefineDefault(vrNetState *st, bool system)
{
    g_autofree char *xml = vrNetDefaultXML();
    g_autoptr(vrNetworkDef) def = xml ? vrNetworkDefParseString(xml) : NULL;
    g_autofree char *path = NULL;
    g_autofree char *link = NULL;

    if (!def) {
        VR_WARN("not defining the default network: %s",
                xml ? vrGetLastErrorMessage() : "no free 192.168.N.0/24 subnet or virbrN name");
        return;
    }
    if (vrNetFillBridge(st, def, NULL) < 0 || vrNetSaveConfig(st, def) < 0) {
        VR_WARN("cannot define the default network: %s", vrGetLastErrorMessage());
        return;
    }
    VR_INFO("defined the default network (bridge %s)", def->bridge);
    if (!system)
        return;
    path = vrNetConfigFile(st, def->name);
    link = vrNetAutostartLink(st, def->name);
    if (symlink(path, link) < 0)
        VR_WARN("cannot mark the default network autostart: %s", g_strerror(errno));
}

static vrNetState *
vrNetStateNew(const char *root)
{
    bool system = !root || g_str_equal(root, "/");
    const char *base = system ? "/" : root;
    g_autofree char *lib = system ? g_strdup("/var/lib/vireo")
                                  : g_build_filename(base, "lib", "vireo", NULL);
    vrNetState *st = g_new0(vrNetState, 1);
    bool firstStart;

    st->root = g_strdup(base);
    st->configDir = g_build_filename(base, "etc", "vireo", "network", NULL);
    st->autostartDir = g_build_filename(st->configDir, "autostart", NULL);
    st->stateDir = g_build_filename(base, "run", "vireo", "network", NULL);
    st->dnsmasqDir = g_build_filename(lib, "dnsmasq", NULL);
    g_mutex_init(&st->lock);
    st->nets = g_ptr_array_new_with_free_func(vrNetObjFree);
    firstStart = !g_file_test(st->configDir, G_FILE_TEST_IS_DIR);
    if (vrFileMakePath(st->configDir, 0755) < 0 || vrFileMakePath(st->autostartDir, 0755) < 0 ||
        vrFileMakePath(st->stateDir, 0755) < 0 || vrFileMakePath(st->dnsmasqDir, 0755) < 0)
        VR_WARN("cannot create the network driver's directories under '%s': %s", base,
                vrGetLastErrorMessage());
    else if (firstStart)
        vrNetDefineDefault(st, system);
    g_mutex_lock(&st->lock);
    vrNetStateLoad(st);
    g_mutex_unlock(&st->lock);
    st->watcher = g_thread_new("network-watch", vrNetWatchThread, st);
    return st;
}

/* dnsmasq is watched through its pid file: one that died is logged
 * and started again with the same configuration. */
static gpointer
vrNetWatchThread(gpointer data)
{
    vrNetState *st = data;

    for (;;) {
        g_usleep(G_USEC_PER_SEC);
        g_mutex_lock(&st->lock);
        for (guint i = 0; i < st->nets->len; i++) {
            vrNetObj *obj = g_ptr_array_index(st->nets, i);

            if (!obj->active || !vrNetworkNeedsDnsmasq(obj->def) ||
                vrNetDnsmasqAlive(st, obj->def->name) > 0)
                continue;
            VR_WARN("dnsmasq of network '%s' (pid %d) is gone; starting it again",
                    obj->def->name, (int)obj->dnsmasqPid);
            if (vrNetStartDnsmasq(st, obj) < 0)
                VR_ERROR("cannot restart dnsmasq of network '%s': %s", obj->def->name,
                         vrGetLastErrorMessage());
        }
        g_mutex_unlock(&st->lock);
    }
    return NULL;
}

/* The state of a root ("/" for the system one), made on first use. */
static vrNetState *
vrNetStateForRoot(const char *root)
{
    vrNetState *st;

    g_mutex_lock(&vrNetStatesLock);
    if (!vrNetStates)
        vrNetStates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!(st = g_hash_table_lookup(vrNetStates, root))) {
        st = vrNetStateNew(root);
        g_hash_table_insert(vrNetStates, g_strdup(root), st);
    }
    g_mutex_unlock(&vrNetStatesLock);
    return st;
}

/* The state of a QEMU driver state's root: cfg->root is "/" for
 * qemu:///system. */
static vrNetState *
vrNetStateForQemu(vrQemuDriver *driver)
{
    return vrNetStateForRoot(driver && driver->cfg && driver->cfg->root && *driver->cfg->root
                             ? driver->cfg->root : "/");
}

static vrNetState *
vrNetStateFrom(vrConnect *conn)
{
    return vrNetStateForQemu(vrQemuDriverFrom(conn));
}

void
vrNetworkStartupForQemu(struct _vrQemuDriver *driver)
{
    vrNetStateForQemu(driver);
}

/* ---- start / stop ----------------------------------------------------- */

typedef struct {
    bool bridge;
    bool nft;
    bool dnsmasq;
} vrNetUndo;

/* The modes whose bridge, addresses, firewall and dnsmasq we create. */
static bool
vrNetForwardSupported(int type)
{
    return type == VR_NETWORK_FORWARD_NONE || type == VR_NETWORK_FORWARD_NAT ||
           type == VR_NETWORK_FORWARD_ROUTE || type == VR_NETWORK_FORWARD_OPEN;
}

/* Modes using what the host has: a host bridge (bridge with <bridge
 * name>) or the pool of forward devices guests attach macvtap ports to
 * (bridge without a bridge name, private, vepa, passthrough).  Nothing is
 * made on the host; start only checks that the devices exist. */
static bool
vrNetForwardIsHost(int type)
{
    return type == VR_NETWORK_FORWARD_BRIDGE || type == VR_NETWORK_FORWARD_PRIVATE ||
           type == VR_NETWORK_FORWARD_VEPA || type == VR_NETWORK_FORWARD_PASSTHROUGH;
}

static int
vrNetStartHostMode(vrNetState *st, vrNetObj *obj)
{
    vrNetworkDef *def = obj->def;
    const char *mode = vrNetworkForwardTypeToString(def->forwardType);

    if (def->forwardType == VR_NETWORK_FORWARD_BRIDGE && def->bridge) {
        if (!vrNetIfaceExists(def->bridge)) {
            vrReportError(VR_ERR_OPERATION_FAILED,
                          "cannot start network '%s': host bridge '%s' does not exist",
                          def->name, def->bridge);
            return -1;
        }
    } else {
        if (def->nforwardIfs == 0 && !def->forwardPf) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "network '%s' uses a direct mode, but has no forward dev and no "
                          "interface pool", def->name);
            return -1;
        }
        if (def->forwardPf && !vrNetIfaceExists(def->forwardPf)) {
            vrReportError(VR_ERR_OPERATION_FAILED,
                          "cannot start network '%s' (forward mode '%s'): physical function "
                          "'%s' does not exist", def->name, mode, def->forwardPf);
            return -1;
        }
        for (size_t i = 0; i < def->nforwardIfs; i++) {
            const char *dev = def->forwardIfs[i].dev;

            if (!dev || !vrNetIfaceExists(dev)) {
                vrReportError(VR_ERR_OPERATION_FAILED,
                              "cannot start network '%s' (forward mode '%s'): forward "
                              "interface '%s' does not exist", def->name, mode,
                              dev ? dev : "(none)");
                return -1;
            }
        }
    }
    obj->active = true;
    if (vrNetSaveStatus(st, obj) < 0) {
        obj->active = false;
        return -1;
    }
    VR_INFO("network '%s' (forward mode '%s') started", def->name, mode);
    return 0;
}

static void
vrNetNftDeleteTableIfEmpty(const vrNetworkDef *def)
{
    for (int v6 = 0; v6 < 2; v6++) {
        const char *fam = v6 ? "ip6" : "ip";
        g_autofree char *path = vrNetFindProgram("nft");
        g_autoptr(vrCommand) cmd = NULL;
        g_autofree char *out = NULL;
        int status;

        if (!path)
            return;
        cmd = vrCommandNewArgList(path, "list", "table", fam, VR_NETWORK_NFT_TABLE, NULL);
        vrCommandSetOutputBuffer(cmd, &out);
        vrCommandDiscardError(cmd);
        if (vrCommandRun(cmd, &status) < 0 || status != 0 || !out)
            continue;
        if (!strstr(out, "chain "))
            vrNetRun(def, "stop", NULL, "nft", "delete", "table", fam, VR_NETWORK_NFT_TABLE,
                     NULL);
    }
}

static void
vrNetStopDnsmasq(vrNetState *st, vrNetObj *obj)
{
    g_autofree char *pidfile = vrNetStateFile(st, obj->def->name, "pid");
    pid_t pid = vrNetDnsmasqAlive(st, obj->def->name);

    if (pid > 0)
        vrProcessKillPainfully(pid, 3000);
    obj->dnsmasqPid = 0;
    vrFileRemoveIfExists(pidfile);
}

/* Removes what a start created; errors are logged, not returned, so a
 * stop always gets as far as it can. */
static void
vrNetTeardown(vrNetState *st, vrNetObj *obj, const vrNetUndo *undo)
{
    vrNetworkDef *def = obj->def;
    vrError *saved = vrErrorSave();

    if (undo->dnsmasq)
        vrNetStopDnsmasq(st, obj);
    if (undo->nft) {
        g_autofree char *del = vrNetworkNftDeleteRules(def);

        if (*del && vrNetRun(def, "stop", del, "nft", "-f", "-", NULL) < 0)
            VR_WARN("%s", vrGetLastErrorMessage());
        vrNetNftDeleteTableIfEmpty(def);
    }
    if (undo->bridge && def->bridge && vrNetIfaceExists(def->bridge) &&
        vrNetRun(def, "stop", NULL, "ip", "link", "del", def->bridge, NULL) < 0)
        VR_WARN("%s", vrGetLastErrorMessage());
    vrErrorRestore(&saved);
}

static int
vrNetCheckCollisions(vrNetState *st, vrNetObj *obj)
{
    const vrNetworkDef *def = obj->def;

    if (def->bridge && vrNetIfaceExists(def->bridge)) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "cannot start network '%s': bridge name '%s' is already in use by an "
                      "existing interface", def->name, def->bridge);
        return -1;
    }
    for (size_t i = 0; i < def->nips; i++) {
        g_autofree char *subnet = vrNetworkIPSubnet(&def->ips[i]);
        g_autofree char *iface = NULL;

        if (!subnet) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "cannot start network '%s': cannot work out the subnet of address "
                          "'%s'", def->name, def->ips[i].address);
            return -1;
        }
        for (guint n = 0; n < st->nets->len; n++) {
            vrNetObj *other = g_ptr_array_index(st->nets, n);

            if (other == obj || !other->active)
                continue;
            for (size_t j = 0; j < other->def->nips; j++) {
                g_autofree char *os = vrNetworkIPSubnet(&other->def->ips[j]);

                if (os && vrNetSubnetsOverlap(subnet, os)) {
                    vrReportError(VR_ERR_OPERATION_FAILED,
                                  "cannot start network '%s': subnet %s collides with %s of "
                                  "active network '%s'", def->name, subnet, os,
                                  other->def->name);
                    return -1;
                }
            }
        }
        if (!vrNetworkIPIsV6(&def->ips[i]) && (iface = vrNetRouteCollision(subnet, NULL))) {
            vrReportError(VR_ERR_OPERATION_FAILED,
                          "cannot start network '%s': Network is already in use by interface "
                          "%s (subnet %s)", def->name, iface, subnet);
            return -1;
        }
    }
    return 0;
}

static int
vrNetStartDnsmasq(vrNetState *st, vrNetObj *obj)
{
    vrNetworkDef *def = obj->def;
    g_autofree char *pidfile = vrNetStateFile(st, def->name, "pid");
    g_autofree char *conf = vrNetDnsmasqFile(st, def->name, "conf");
    g_autofree char *hosts = vrNetDnsmasqFile(st, def->name, "hostsfile");
    g_autofree char *addn = vrNetDnsmasqFile(st, def->name, "addnhosts");
    g_autofree char *leases = vrNetDnsmasqFile(st, def->name, "leases");
    vrNetworkDnsmasqPaths paths = { pidfile, hosts, addn };
    g_autofree char *text = vrNetworkDnsmasqConf(def, &paths);
    g_autofree char *hostsText = vrNetworkDnsmasqHostsFile(def);
    g_autofree char *addnText = vrNetworkDnsmasqAddnHosts(def);
    g_autofree char *confArg = g_strdup_printf("--conf-file=%s", conf);
    g_autofree char *leaseArg = g_strdup_printf("--dhcp-leasefile=%s", leases);
    pid_t pid = 0;

    vrFileRemoveIfExists(pidfile);
    if (vrFileWriteAtomic(conf, text, strlen(text), 0644) < 0 ||
        vrFileWriteAtomic(hosts, hostsText, strlen(hostsText), 0644) < 0 ||
        vrFileWriteAtomic(addn, addnText, strlen(addnText), 0644) < 0)
        return -1;
    /* dnsmasq forks; its parent exits once the server is up (or with the
     * reason it could not start). */
    if (vrNetRun(def, "start", NULL, "dnsmasq", confArg, leaseArg, NULL) < 0)
        return -1;
    for (int i = 0; i < 50 && (pid = vrNetDnsmasqAlive(st, def->name)) == 0; i++)
        g_usleep(20000);
    if (pid == 0) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "cannot start network '%s': dnsmasq did not write its pid file '%s'",
                      def->name, pidfile);
        return -1;
    }
    obj->dnsmasqPid = pid;
    return 0;
}

static int
vrNetStartLocked(vrNetState *st, vrNetObj *obj)
{
    vrNetworkDef *def = obj->def;
    vrNetUndo undo = { false, false, false };
    g_autofree char *rules = NULL;
    bool forward = def->forwardType == VR_NETWORK_FORWARD_NAT ||
                   def->forwardType == VR_NETWORK_FORWARD_ROUTE ||
                   def->forwardType == VR_NETWORK_FORWARD_OPEN;

    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "network is already active");
        return -1;
    }
    if (vrNetForwardIsHost(def->forwardType))
        return vrNetStartHostMode(st, obj);
    if (def->forwardType == VR_NETWORK_FORWARD_HOSTDEV) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "cannot start network '%s': forward mode 'hostdev' needs SR-IOV virtual "
                      "functions, which this driver does not manage", def->name);
        return -1;
    }
    if (!vrNetForwardSupported(def->forwardType)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "cannot start network '%s': forward mode '%s' is not supported by this "
                      "driver", def->name, vrNetworkForwardTypeToString(def->forwardType));
        return -1;
    }
    if (!def->bridge) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                      def->name);
        return -1;
    }
    if (vrNetCheckCollisions(st, obj) < 0)
        return -1;

    /* the bridge: the forward delay is set before STP is enabled, so
     * the kernel clamps it to its minimum instead of refusing it */
    {
        g_autofree char *delay = g_strdup_printf("%lu", def->delay * 100);

        if (vrNetRun(def, "start", NULL, "ip", "link", "add", def->bridge, "type", "bridge",
                     "forward_delay", delay, "stp_state", def->stpOff ? "0" : "1", NULL) < 0)
            goto error;
    }
    undo.bridge = true;
    if (def->mac && vrNetRun(def, "start", NULL, "ip", "link", "set", "dev", def->bridge,
                             "address", def->mac, NULL) < 0)
        goto error;
    if (def->mtu) {
        g_autofree char *mtu = g_strdup_printf("%u", def->mtu);

        if (vrNetRun(def, "start", NULL, "ip", "link", "set", "dev", def->bridge, "mtu", mtu,
                     NULL) < 0)
            goto error;
    }
    for (size_t i = 0; i < def->nips; i++) {
        g_autofree char *addr = g_strdup_printf("%s/%d", def->ips[i].address,
                                                vrNetworkIPPrefix(&def->ips[i]));

        if (vrNetworkIPIsV6(&def->ips[i])) {
            if (vrNetRun(def, "start", NULL, "ip", "-6", "addr", "add", addr, "dev",
                         def->bridge, "nodad", NULL) < 0)
                goto error;
        } else if (vrNetRun(def, "start", NULL, "ip", "addr", "add", addr, "dev", def->bridge,
                            NULL) < 0) {
            goto error;
        }
    }
    if (vrNetRun(def, "start", NULL, "ip", "link", "set", "dev", def->bridge, "up", NULL) < 0)
        goto error;
    /* static <route>s through a gateway on the network; they go with the
     * bridge */
    for (size_t i = 0; i < def->nroutes; i++) {
        const vrNetworkRouteDef *rt = &def->routes[i];
        vrNetworkIPDef tmp = { .family = rt->family, .address = rt->address,
                               .netmask = rt->netmask, .prefix = rt->prefix,
                               .hasPrefix = rt->hasPrefix };
        g_autofree char *dest = vrNetworkIPSubnet(&tmp);
        g_autofree char *metric = g_strdup_printf("%u", rt->metric ? rt->metric : 1);

        if (!dest) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "cannot start network '%s': invalid route address '%s'", def->name,
                          rt->address ? rt->address : "");
            goto error;
        }
        if (vrNetRun(def, "start", NULL, "ip", vrNetworkIPIsV6(&tmp) ? "-6" : "-4", "route",
                     "add", dest, "via", rt->gateway, "dev", def->bridge, "metric", metric,
                     NULL) < 0)
            goto error;
    }

    /* forwarding and firewall */
    if (forward) {
        for (size_t i = 0; i < def->nips; i++) {
            if (vrNetWriteProc(vrNetworkIPIsV6(&def->ips[i])
                               ? "/proc/sys/net/ipv6/conf/all/forwarding"
                               : "/proc/sys/net/ipv4/ip_forward", "1") < 0)
                goto error;
        }
    }
    rules = vrNetworkNftRules(def);
    if (*rules) {
        undo.nft = true;
        if (vrNetRun(def, "start", rules, "nft", "-f", "-", NULL) < 0)
            goto error;
    }

    /* DHCP and DNS */
    if (vrNetworkNeedsDnsmasq(def)) {
        undo.dnsmasq = true;
        if (vrNetStartDnsmasq(st, obj) < 0)
            goto error;
    }
    /* libvirt shows the port range masquerading uses in the live XML */
    if (def->forwardType == VR_NETWORK_FORWARD_NAT && !def->natPortStart && !def->natPortEnd) {
        def->natPortStart = 1024;
        def->natPortEnd = 65535;
    }
    obj->active = true;
    if (vrNetSaveStatus(st, obj) < 0) {
        obj->active = false;
        goto error;
    }
    VR_INFO("network '%s' started on bridge '%s'", def->name, def->bridge);
    return 0;

 error:
    vrNetTeardown(st, obj, &undo);
    return -1;
}

/* Starts a defined network: the persistent definition is kept aside
 * before the start adds live-only details to the running one. */
static int
vrNetStartDefined(vrNetState *st, vrNetObj *obj)
{
    if (obj->persistent && !obj->newDef)
        obj->newDef = vrNetworkDefCopy(obj->def);
    if (vrNetStartLocked(st, obj) < 0) {
        if (obj->newDef) {
            vrNetworkDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        }
        return -1;
    }
    return 0;
}

static int
vrNetStopLocked(vrNetState *st, vrNetObj *obj)
{
    /* a host bridge or forward device is not ours to remove */
    bool ours = vrNetForwardSupported(obj->def->forwardType);
    vrNetUndo undo = { ours, ours, ours };
    g_autofree char *status = vrNetStateFile(st, obj->def->name, "xml");

    vrNetTeardown(st, obj, &undo);
    vrFileRemoveIfExists(status);
    obj->active = false;
    if (obj->newDef) {
        vrNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
    VR_INFO("network '%s' stopped", obj->def->name);
    return 0;
}

/* ---- the driver table ------------------------------------------------- */

static vrNetObj *
vrNetFind(vrNetState *st, vrNetwork *net)
{
    vrNetObj *obj = vrNetFindByUUID(st, net->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!obj)
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching uuid '%s' (%s)",
                      vrUUIDFormat(net->uuid, uuid), net->name);
    return obj;
}

#define NET_BEGIN(net, st, obj, ret) \
    vrNetState *st = vrNetStateFrom((net)->conn); \
    vrNetObj *obj; \
    g_mutex_lock(&st->lock); \
    if (!(obj = vrNetFind(st, (net)))) { \
        g_mutex_unlock(&st->lock); \
        return ret; \
    }

#define NET_END(st, ret) \
    do { \
        g_mutex_unlock(&(st)->lock); \
        return ret; \
    } while (0)

static bool
vrNetMatch(vrNetObj *obj, unsigned int flags)
{
#define FILTER(yes, no, cond) \
    if ((flags & ((yes) | (no))) && \
        !(((flags & (yes)) && (cond)) || ((flags & (no)) && !(cond)))) \
        return false
    FILTER(VR_CONNECT_LIST_NETWORKS_ACTIVE, VR_CONNECT_LIST_NETWORKS_INACTIVE, obj->active);
    FILTER(VR_CONNECT_LIST_NETWORKS_PERSISTENT, VR_CONNECT_LIST_NETWORKS_TRANSIENT,
           obj->persistent);
    FILTER(VR_CONNECT_LIST_NETWORKS_AUTOSTART, VR_CONNECT_LIST_NETWORKS_NO_AUTOSTART,
           obj->autostart);
#undef FILTER
    return true;
}

static int
vrNetListAll(vrConnect *conn, vrNetwork ***nets, unsigned int flags)
{
    vrNetState *st = vrNetStateFrom(conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();

    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->nets->len; i++) {
        vrNetObj *obj = g_ptr_array_index(st->nets, i);

        if (vrNetMatch(obj, flags))
            g_ptr_array_add(list, obj);
    }
    if (nets) {
        *nets = g_new0(vrNetwork *, list->len + 1);
        for (guint i = 0; i < list->len; i++) {
            vrNetObj *obj = g_ptr_array_index(list, i);

            (*nets)[i] = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
        }
    }
    g_mutex_unlock(&st->lock);
    return (int)list->len;
}

static int
vrNetNumOfNetworks(vrConnect *conn)
{
    return vrNetListAll(conn, NULL, VR_CONNECT_LIST_NETWORKS_ACTIVE);
}

static int
vrNetNumOfDefinedNetworks(vrConnect *conn)
{
    return vrNetListAll(conn, NULL, VR_CONNECT_LIST_NETWORKS_INACTIVE);
}

static int
vrNetListNames(vrConnect *conn, char **names, int maxnames, bool active)
{
    vrNetState *st = vrNetStateFrom(conn);
    int n = 0;

    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->nets->len && n < maxnames; i++) {
        vrNetObj *obj = g_ptr_array_index(st->nets, i);

        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&st->lock);
    return n;
}

static int
vrNetListNetworks(vrConnect *conn, char **names, int maxnames)
{
    return vrNetListNames(conn, names, maxnames, true);
}

static int
vrNetListDefinedNetworks(vrConnect *conn, char **names, int maxnames)
{
    return vrNetListNames(conn, names, maxnames, false);
}

static vrNetwork *
vrNetLookupByName(vrConnect *conn, const char *name)
{
    vrNetState *st = vrNetStateFrom(conn);
    vrNetObj *obj;
    vrNetwork *net = NULL;

    g_mutex_lock(&st->lock);
    if ((obj = vrNetFindByName(st, name)))
        net = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&st->lock);
    if (!net)
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return net;
}

static vrNetwork *
vrNetLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    vrNetState *st = vrNetStateFrom(conn);
    vrNetObj *obj;
    vrNetwork *net = NULL;
    char uuidstr[VR_UUID_STRING_BUFLEN];

    g_mutex_lock(&st->lock);
    if ((obj = vrNetFindByUUID(st, uuid)))
        net = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&st->lock);
    if (!net)
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching uuid '%s'",
                      vrUUIDFormat(uuid, uuidstr));
    return net;
}

static int
vrNetCheckClash(vrNetState *st, const vrNetworkDef *def, bool live, vrNetObj **existing)
{
    vrNetObj *obj = vrNetFindByUUID(st, def->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    *existing = NULL;
    if (obj) {
        if (!g_str_equal(obj->def->name, def->name)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "network '%s' is already defined with uuid %s",
                          obj->def->name, vrUUIDFormat(obj->def->uuid, uuid));
            return -1;
        }
        if (live && obj->active) {
            vrReportError(VR_ERR_OPERATION_INVALID, "network is already active as '%s'",
                          obj->def->name);
            return -1;
        }
        *existing = obj;
        return 0;
    }
    if ((obj = vrNetFindByName(st, def->name))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "network '%s' already exists with uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        return -1;
    }
    return 0;
}

/* libvirt fills in a bridge name (virbrN) and a MAC for networks whose
 * bridge it creates; a name another network uses is refused. */
static int
vrNetFillBridge(vrNetState *st, vrNetworkDef *def, vrNetObj *self)
{
    if (!vrNetForwardSupported(def->forwardType))
        return 0;
    if (def->bridge) {
        for (guint i = 0; i < st->nets->len; i++) {
            vrNetObj *obj = g_ptr_array_index(st->nets, i);
            const vrNetworkDef *others[2] = { obj->def, obj->newDef };

            if (obj == self)
                continue;
            for (int k = 0; k < 2; k++) {
                if (others[k] && others[k]->bridge && vrNetForwardSupported(others[k]->forwardType) &&
                    g_str_equal(others[k]->bridge, def->bridge)) {
                    vrReportError(VR_ERR_INTERNAL_ERROR,
                                  "bridge name '%s' already in use (by network '%s')",
                                  def->bridge, obj->def->name);
                    return -1;
                }
            }
        }
    } else {
        for (int n = 0; n < 256 && !def->bridge; n++) {
            g_autofree char *name = g_strdup_printf("virbr%d", n);
            bool used = vrNetIfaceExists(name);

            for (guint i = 0; i < st->nets->len && !used; i++) {
                vrNetObj *obj = g_ptr_array_index(st->nets, i);

                used = (obj->def->bridge && g_str_equal(obj->def->bridge, name)) ||
                       (obj->newDef && obj->newDef->bridge &&
                        g_str_equal(obj->newDef->bridge, name));
            }
            if (!used)
                def->bridge = g_steal_pointer(&name);
        }
        if (!def->bridge) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "network '%s': no free bridge name virbrN",
                          def->name);
            return -1;
        }
    }
    if (!def->mac) {
        guint32 r = g_random_int();

        def->mac = g_strdup_printf("52:54:00:%02x:%02x:%02x", r & 0xff, (r >> 8) & 0xff,
                                   (r >> 16) & 0xff);
    }
    return 0;
}

/* Addresses the driver could not configure are refused up front. */
static int
vrNetValidate(const vrNetworkDef *def)
{
    for (size_t i = 0; i < def->nips; i++) {
        const vrNetworkIPDef *ip = &def->ips[i];
        g_autofree char *subnet = vrNetworkIPSubnet(ip);

        if (!subnet) {
            if (ip->netmask)
                vrReportError(VR_ERR_XML_ERROR,
                              "network '%s': invalid netmask '%s' for address '%s'",
                              def->name, ip->netmask, ip->address ? ip->address : "");
            else
                vrReportError(VR_ERR_XML_ERROR,
                              "network '%s': invalid address '%s' or prefix '%u'", def->name,
                              ip->address ? ip->address : "", ip->prefix);
            return -1;
        }
    }
    return 0;
}

static vrNetwork *
vrNetAdd(vrConnect *conn, const char *xml, bool live)
{
    vrNetState *st = vrNetStateFrom(conn);
    g_autoptr(vrNetworkDef) def = vrNetworkDefParseString(xml);
    vrNetObj *obj;
    vrNetwork *net = NULL;

    if (!def || vrNetValidate(def) < 0)
        return NULL;
    g_mutex_lock(&st->lock);
    if (vrNetCheckClash(st, def, live, &obj) < 0 || vrNetFillBridge(st, def, obj) < 0)
        goto cleanup;
    if (live) {
        vrNetObj tmp = { 0 };

        /* A transient network exists only once it runs. */
        if (!obj) {
            tmp.def = g_steal_pointer(&def);
            if (vrNetStartLocked(st, &tmp) < 0) {
                def = tmp.def;
                goto cleanup;
            }
            obj = g_new0(vrNetObj, 1);
            *obj = tmp;
            g_ptr_array_add(st->nets, obj);
            vrNetEmit(st, obj, VR_NETWORK_EVENT_STARTED);
        } else {
            vrNetworkDef *old = obj->def;

            obj->def = g_steal_pointer(&def);
            if (vrNetStartLocked(st, obj) < 0) {
                def = obj->def;
                obj->def = old;
                goto cleanup;
            }
            obj->newDef = old;
            vrNetEmit(st, obj, VR_NETWORK_EVENT_STARTED);
        }
    } else {
        if (vrNetSaveConfig(st, def) < 0)
            goto cleanup;
        if (!obj) {
            obj = g_new0(vrNetObj, 1);
            g_ptr_array_add(st->nets, obj);
        }
        if (obj->active) {
            vrNetworkDefFree(obj->newDef);
            obj->newDef = g_steal_pointer(&def);
        } else {
            vrNetworkDefFree(obj->def);
            obj->def = g_steal_pointer(&def);
        }
        obj->persistent = true;
        vrNetEmit(st, obj, VR_NETWORK_EVENT_DEFINED);
    }
    net = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
 cleanup:
    g_mutex_unlock(&st->lock);
    return net;
}

static vrNetwork *
vrNetDefineXML(vrConnect *conn, const char *xml)
{
    return vrNetAdd(conn, xml, false);
}

static vrNetwork *
vrNetCreateXML(vrConnect *conn, const char *xml)
{
    return vrNetAdd(conn, xml, true);
}

static int
vrNetCreate(vrNetwork *net)
{
    int ret;

    NET_BEGIN(net, st, obj, -1);
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "network is already active");
        NET_END(st, -1);
    }
    if ((ret = vrNetStartDefined(st, obj)) == 0)
        vrNetEmit(st, obj, VR_NETWORK_EVENT_STARTED);
    NET_END(st, ret);
}

static int
vrNetDestroy(vrNetwork *net)
{
    NET_BEGIN(net, st, obj, -1);
    if (!obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "network '%s' is not active", obj->def->name);
        NET_END(st, -1);
    }
    vrNetStopLocked(st, obj);
    vrNetEmit(st, obj, VR_NETWORK_EVENT_STOPPED);
    if (!obj->persistent)
        g_ptr_array_remove(st->nets, obj);
    NET_END(st, 0);
}

static int
vrNetUndefine(vrNetwork *net)
{
    g_autofree char *path = NULL;
    g_autofree char *link = NULL;

    NET_BEGIN(net, st, obj, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "can't undefine transient network");
        NET_END(st, -1);
    }
    path = vrNetConfigFile(st, obj->def->name);
    link = vrNetAutostartLink(st, obj->def->name);
    if (vrFileRemoveIfExists(link) < 0 || vrFileRemoveIfExists(path) < 0)
        NET_END(st, -1);
    obj->autostart = false;
    vrNetEmit(st, obj, VR_NETWORK_EVENT_UNDEFINED);
    if (obj->active) {
        /* keeps running, as a transient network */
        obj->persistent = false;
        g_clear_pointer(&obj->newDef, vrNetworkDefFree);
    } else {
        g_ptr_array_remove(st->nets, obj);
    }
    NET_END(st, 0);
}

/* libvirt's section numbers whose data dnsmasq serves: ip-dhcp-host,
 * ip-dhcp-range, dns-host, dns-txt, dns-srv. */
static bool
vrNetSectionIsDnsmasq(unsigned int section)
{
    return section == 4 || section == 5 || section == 10 || section == 11 || section == 12;
}

static int
vrNetUpdate(vrNetwork *net, unsigned int command, unsigned int section, int parentIndex,
            const char *xml, unsigned int flags)
{
    g_autoptr(vrNetworkDef) live = NULL;
    vrNetworkDef *config = NULL;

    vrCheckFlags(VR_NETWORK_UPDATE_AFFECT_LIVE | VR_NETWORK_UPDATE_AFFECT_CONFIG, -1);
    NET_BEGIN(net, st, obj, -1);
    if (!(flags & (VR_NETWORK_UPDATE_AFFECT_LIVE | VR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VR_NETWORK_UPDATE_AFFECT_LIVE : VR_NETWORK_UPDATE_AFFECT_CONFIG;
    if ((flags & VR_NETWORK_UPDATE_AFFECT_LIVE) && !obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "network is not running");
        NET_END(st, -1);
    }
    if ((flags & VR_NETWORK_UPDATE_AFFECT_CONFIG) && !obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot change persistent config of a transient network");
        NET_END(st, -1);
    }
    /* Both copies are changed before either is stored: a refused update
     * changes nothing. */
    if (flags & VR_NETWORK_UPDATE_AFFECT_LIVE) {
        live = vrNetworkDefCopy(obj->def);
        if (vrNetworkDefUpdateSection(live, command, section, parentIndex, xml) < 0)
            NET_END(st, -1);
    }
    if (flags & VR_NETWORK_UPDATE_AFFECT_CONFIG) {
        if (obj->active && !obj->newDef)
            obj->newDef = vrNetworkDefCopy(obj->def);
        config = vrNetworkDefCopy(vrNetObjPersistentDef(obj));
        if (vrNetworkDefUpdateSection(config, command, section, parentIndex, xml) < 0 ||
            vrNetSaveConfig(st, config) < 0) {
            vrNetworkDefFree(config);
            NET_END(st, -1);
        }
        if (obj->newDef) {
            vrNetworkDefFree(obj->newDef);
            obj->newDef = config;
        } else {
            vrNetworkDefFree(obj->def);
            obj->def = config;
        }
    }
    if (live) {
        vrNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&live);
        if (vrNetSaveStatus(st, obj) < 0)
            NET_END(st, -1);
        /* dnsmasq starts again on the new files (hosts files alone
         * would do with SIGHUP, ranges and records need a restart) */
        if (vrNetSectionIsDnsmasq(section) && vrNetworkNeedsDnsmasq(obj->def)) {
            vrNetStopDnsmasq(st, obj);
            if (vrNetStartDnsmasq(st, obj) < 0)
                NET_END(st, -1);
        }
    }
    NET_END(st, 0);
}

static char *
vrNetGetXMLDesc(vrNetwork *net, unsigned int flags)
{
    char *xml;

    vrCheckFlags(VR_NETWORK_XML_INACTIVE, NULL);
    NET_BEGIN(net, st, obj, NULL);
    if (flags & VR_NETWORK_XML_INACTIVE)
        xml = vrNetworkDefFormat(vrNetObjPersistentDef(obj), flags);
    else
        xml = vrNetworkDefFormat(obj->def, flags);
    NET_END(st, xml);
}

static char *
vrNetGetBridgeName(vrNetwork *net)
{
    char *bridge;

    NET_BEGIN(net, st, obj, NULL);
    if (!obj->def->bridge) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                      obj->def->name);
        NET_END(st, NULL);
    }
    bridge = g_strdup(obj->def->bridge);
    NET_END(st, bridge);
}

static int
vrNetGetAutostart(vrNetwork *net, int *autostart)
{
    NET_BEGIN(net, st, obj, -1);
    *autostart = obj->autostart ? 1 : 0;
    NET_END(st, 0);
}

static int
vrNetSetAutostart(vrNetwork *net, int autostart)
{
    g_autofree char *path = NULL;
    g_autofree char *link = NULL;

    NET_BEGIN(net, st, obj, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot set autostart for transient network");
        NET_END(st, -1);
    }
    path = vrNetConfigFile(st, obj->def->name);
    link = vrNetAutostartLink(st, obj->def->name);
    if (autostart && !obj->autostart) {
        if (vrFileMakePath(st->autostartDir, 0755) < 0)
            NET_END(st, -1);
        vrFileRemoveIfExists(link);
        if (symlink(path, link) < 0) {
            vrReportSystemError(errno, "Failed to create symlink '%s' to '%s'", link, path);
            NET_END(st, -1);
        }
    } else if (!autostart && obj->autostart) {
        if (vrFileRemoveIfExists(link) < 0)
            NET_END(st, -1);
    }
    obj->autostart = autostart != 0;
    NET_END(st, 0);
}

static int
vrNetIsActive(vrNetwork *net)
{
    int ret;

    NET_BEGIN(net, st, obj, -1);
    ret = obj->active ? 1 : 0;
    NET_END(st, ret);
}

static int
vrNetIsPersistent(vrNetwork *net)
{
    int ret;

    NET_BEGIN(net, st, obj, -1);
    ret = obj->persistent ? 1 : 0;
    NET_END(st, ret);
}

/* ---- events ----------------------------------------------------------- */

static int
vrNetEventRegisterAny(vrConnect *conn, vrNetwork *net, int eventID,
                      vrConnectNetworkEventGenericCallback cb, void *opaque,
                      vrFreeCallback freecb)
{
    return vrNetworkEventRegister(conn, vrNetStateFrom(conn)->root, net, eventID, cb, opaque,
                                  freecb);
}

static int
vrNetEventDeregisterAny(vrConnect *conn, int callbackID)
{
    return vrNetworkEventDeregister(conn, callbackID);
}

void
vrNetworkConnectClosed(vrConnect *conn)
{
    vrNetworkEventsRemoveConn(conn);
}

/* ---- DHCP leases ------------------------------------------------------ */

/* The MAC inside an IPv6 client's DUID, for DUID-LLT (type 1) and DUID-LL
 * (type 3) of Ethernet (hardware type 1): dnsmasq's lease file names
 * IPv6 clients by DUID only. */
static char *
vrNetMacFromDuid(const char *duid)
{
    g_auto(GStrv) b = duid ? g_strsplit(duid, ":", -1) : NULL;
    guint n = b ? g_strv_length(b) : 0;
    g_autofree char *joined = NULL;
    guint off;

    if (n < 4 || !g_str_equal(b[0], "00") || !g_str_equal(b[2], "00") ||
        !g_str_equal(b[3], "01"))
        return NULL;
    if (g_str_equal(b[1], "01"))
        off = 8;
    else if (g_str_equal(b[1], "03"))
        off = 4;
    else
        return NULL;
    if (n != off + 6)
        return NULL;
    joined = g_strjoinv(":", b + off);
    return g_ascii_strdown(joined, -1);
}

/* The prefix of the network's subnet holding @addr (0 if none does). */
static unsigned int
vrNetLeasePrefix(const vrNetworkDef *def, const char *addr, bool v6)
{
    g_autofree char *host = g_strdup_printf("%s/%d", addr, v6 ? 128 : 32);

    for (size_t i = 0; i < def->nips; i++) {
        g_autofree char *subnet = vrNetworkIPSubnet(&def->ips[i]);

        if (vrNetworkIPIsV6(&def->ips[i]) == v6 && subnet &&
            vrNetSubnetsOverlap(subnet, host))
            return (unsigned int)vrNetworkIPPrefix(&def->ips[i]);
    }
    return 0;
}

static char *
vrNetLeaseField(const char *s)
{
    return s && *s && !g_str_equal(s, "*") ? g_strdup(s) : NULL;
}

/* One line of dnsmasq's lease file: "EXPIRY MAC IPv4 HOST CLIENTID" or
 * "EXPIRY IAID IPv6 HOST DUID"; NULL for other lines and expired leases. */
static vrNetworkDHCPLease *
vrNetLeaseParse(const vrNetworkDef *def, const char *line, gint64 now)
{
    g_auto(GStrv) f = g_strsplit_set(line, " \t", -1);
    vrNetworkDHCPLease *l;
    char *end = NULL;
    long long expiry;
    bool v6;

    if (g_strv_length(f) < 5 || g_str_equal(f[0], "duid"))
        return NULL;
    expiry = g_ascii_strtoll(f[0], &end, 10);
    if (!end || *end || (expiry > 0 && expiry < now))
        return NULL;
    v6 = strchr(f[2], ':') != NULL;
    l = g_new0(vrNetworkDHCPLease, 1);
    l->iface = g_strdup(def->bridge);
    l->expirytime = expiry;
    l->type = v6 ? VR_IP_ADDR_TYPE_IPV6 : VR_IP_ADDR_TYPE_IPV4;
    l->ipaddr = g_strdup(f[2]);
    l->prefix = vrNetLeasePrefix(def, f[2], v6);
    l->hostname = vrNetLeaseField(f[3]);
    l->clientid = vrNetLeaseField(f[4]);
    if (v6) {
        l->iaid = vrNetLeaseField(f[1]);
        l->mac = vrNetMacFromDuid(l->clientid);
    } else {
        l->mac = g_ascii_strdown(f[1], -1);
    }
    return l;
}

static int
vrNetLeasesLocked(vrNetState *st, vrNetObj *obj, const char *mac,
                  vrNetworkDHCPLease ***leases)
{
    g_autofree char *path = vrNetDnsmasqFile(st, obj->def->name, "leases");
    g_autofree char *text = NULL;
    g_autoptr(GPtrArray) list = g_ptr_array_new();
    g_auto(GStrv) lines = NULL;
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;

    /* an inactive network, or one no client asked yet, has none */
    if (obj->active && vrFileExists(path) && vrFileReadAll(path, 16 << 20, &text) < 0)
        return -1;
    lines = g_strsplit(text ? text : "", "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        vrNetworkDHCPLease *l = vrNetLeaseParse(obj->def, lines[i], now);

        if (l && mac && (!l->mac || g_ascii_strcasecmp(l->mac, mac) != 0)) {
            vrNetworkDHCPLeaseFree(l);
            l = NULL;
        }
        if (l)
            g_ptr_array_add(list, l);
    }
    if (leases) {
        g_ptr_array_add(list, NULL);
        *leases = (vrNetworkDHCPLease **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
        return (int)(g_strv_length((char **)*leases));
    }
    for (guint i = 0; i < list->len; i++)
        vrNetworkDHCPLeaseFree(g_ptr_array_index(list, i));
    return (int)list->len;
}

static int
vrNetGetDHCPLeases(vrNetwork *net, const char *mac, vrNetworkDHCPLease ***leases,
                   unsigned int flags)
{
    int ret;

    vrCheckFlags(0, -1);
    NET_BEGIN(net, st, obj, -1);
    ret = vrNetLeasesLocked(st, obj, mac, leases);
    NET_END(st, ret);
}

int
vrNetworkLeasesGet(const char *root, const char *network, const char *mac,
                   vrNetworkDHCPLease ***leases)
{
    vrNetState *st = vrNetStateForRoot(root && *root ? root : "/");
    vrNetObj *obj;
    int ret = -1;

    g_mutex_lock(&st->lock);
    if ((obj = vrNetFindByName(st, network)))
        ret = vrNetLeasesLocked(st, obj, mac, leases);
    else
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching name '%s'", network);
    g_mutex_unlock(&st->lock);
    return ret;
}

const vrNetworkDriver vrNetworkQemuDriver = {
    .connectListAllNetworks = vrNetListAll,
    .connectNumOfNetworks = vrNetNumOfNetworks,
    .connectListNetworks = vrNetListNetworks,
    .connectNumOfDefinedNetworks = vrNetNumOfDefinedNetworks,
    .connectListDefinedNetworks = vrNetListDefinedNetworks,
    .networkLookupByName = vrNetLookupByName,
    .networkLookupByUUID = vrNetLookupByUUID,
    .networkDefineXML = vrNetDefineXML,
    .networkCreateXML = vrNetCreateXML,
    .networkCreate = vrNetCreate,
    .networkDestroy = vrNetDestroy,
    .networkUndefine = vrNetUndefine,
    .networkUpdate = vrNetUpdate,
    .networkGetXMLDesc = vrNetGetXMLDesc,
    .networkGetBridgeName = vrNetGetBridgeName,
    .networkGetAutostart = vrNetGetAutostart,
    .networkSetAutostart = vrNetSetAutostart,
    .networkIsActive = vrNetIsActive,
    .networkIsPersistent = vrNetIsPersistent,
    .networkGetDHCPLeases = vrNetGetDHCPLeases,
    .connectNetworkEventRegisterAny = vrNetEventRegisterAny,
    .connectNetworkEventDeregisterAny = vrNetEventDeregisterAny,
};

/* ---- ports: guest interfaces ---- */
/* Accessors for the QEMU driver's guest interfaces (owned by the guest
 * interface work, src/qemu/qemu_interface.c): it knows the root, not a
 * connection. */

static vrNetState *
vrNetPortState(const char *root)
{
    return vrNetStateForRoot(root && *root ? root : "/");
}

int
vrNetworkPortAcquire(const char *root, const char *network, const char *portgroup,
                     vrNetworkPort *port)
{
    vrNetState *st = vrNetPortState(root);
    vrNetObj *obj;
    int ret = -1;

    g_mutex_lock(&st->lock);
    if (!(obj = vrNetFindByName(st, network))) {
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching name '%s'", network);
    } else if (!obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "network '%s' is not active", network);
    } else if (vrNetworkPortFill(obj->def, portgroup, port) == 0) {
        obj->def->connections++;
        ret = 0;
    }
    g_mutex_unlock(&st->lock);
    return ret;
}

static void
vrNetPortCount(const char *root, const char *network, int delta)
{
    vrNetState *st = vrNetPortState(root);
    vrNetObj *obj;

    g_mutex_lock(&st->lock);
    if ((obj = vrNetFindByName(st, network)) && obj->active &&
        obj->def->connections + delta >= 0)
        obj->def->connections += delta;
    g_mutex_unlock(&st->lock);
}

void
vrNetworkPortRelease(const char *root, const char *network)
{
    vrNetPortCount(root, network, -1);
}

char *
vrNetworkPortLeaseFile(const char *root, const char *network)
{
    return vrNetDnsmasqFile(vrNetPortState(root), network, "leases");
}
