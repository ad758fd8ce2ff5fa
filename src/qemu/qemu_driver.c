/*
 * qemu_driver.c: QEMU driver states, connections and host-level calls.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "libvireo/libvireo.h"
#include "network/network_driver.h"
#include "qemu_command_secret.h"
#include "qemu_driver.h"
#include "qemu_interface.h"
#include "qemu_postparse.h"
#include "qemu_process.h"
#include "secret/secret_driver.h"
#include "storage/storage_driver.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrhostinfo.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.driver"

/* ---- driver states ------------------------------------------------- */

static GMutex vrQemuStatesLock;
static GHashTable *vrQemuStates;      /* root -> vrQemuDriver (borrowed) */
static vrQemuDriver *vrQemuSystemDriver;

typedef struct {
    GFunc func;
    void *data;
} vrQemuWork;

static void
vrQemuWorkRun(gpointer data, gpointer user)
{
    vrQemuWork *work = data;

    work->func(work->data, user);
    g_free(work);
}

void
vrQemuDriverQueueWork(vrQemuDriver *driver, GFunc func, void *data)
{
    vrQemuWork *work = g_new0(vrQemuWork, 1);

    work->func = func;
    work->data = data;
    g_thread_pool_push(driver->workers, work, NULL);
}

static gpointer
vrQemuLoopThread(gpointer data)
{
    vrEventLoopRun(data);
    return NULL;
}

static void
vrQemuDriverFree(vrQemuDriver *driver)
{
    if (driver->loop) {
        vrEventLoopQuit(driver->loop);
        if (driver->loopThread)
            g_thread_join(driver->loopThread);
    }
    if (driver->workers)
        g_thread_pool_free(driver->workers, FALSE, TRUE);
    vrQemuDomainObjListFree(driver->domains);
    vrObjectEventStateFree(driver->eventState);
    vrEventLoopFree(driver->loop);
    vrQemuCapsCacheFree(driver->capsCache);
    vrQemuPortsFree(driver->displayPorts);
    vrQemuDriverConfigFree(driver->cfg);
    g_free(driver->hostname);
    g_mutex_clear(&driver->lock);
    g_free(driver);
}

vrQemuDriver *
vrQemuDriverRef(vrQemuDriver *driver)
{
    g_atomic_int_inc(&driver->refs);
    return driver;
}

void
vrQemuDriverUnref(vrQemuDriver *driver)
{
    if (!driver || !g_atomic_int_dec_and_test(&driver->refs))
        return;
    vrQemuDriverFree(driver);
}

static char *
vrQemuHostname(void)
{
    char buf[256];

    if (gethostname(buf, sizeof(buf)) < 0)
        return g_strdup("localhost");
    buf[sizeof(buf) - 1] = '\0';
    return g_strdup(buf);
}

/* Definitions in etc/vireo/qemu, and their autostart links. */
static void
vrQemuLoadConfigs(vrQemuDriver *driver)
{
    g_autoptr(GDir) dir = g_dir_open(driver->cfg->configDir, 0, NULL);
    const char *entry;

    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *link = NULL;
        vrDomainDef *def;
        vrQemuDomainObj *obj;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(driver->cfg->configDir, entry, NULL);
        if (vrFileReadAll(path, 16 << 20, &xml) < 0 ||
            !(def = vrQemuDomainParse(driver, xml, 0))) {
            VR_WARN("ignoring guest definition '%s': %s", path, vrGetLastErrorMessage());
            continue;
        }
        if (!(obj = vrQemuDomainObjListAdd(driver->domains, &def, false, NULL))) {
            VR_WARN("ignoring guest definition '%s': %s", path, vrGetLastErrorMessage());
            vrDomainDefFree(def);
            continue;
        }
        obj->persistent = true;
        link = g_build_filename(driver->cfg->autostartDir, entry, NULL);
        obj->autostart = vrFileExists(link);
        {
            g_autofree char *save = vrQemuManagedSavePath(driver, obj->def->name);
            obj->hasManagedSave = vrFileExists(save);
        }
        vrQemuDomainObjEndAPI(&obj);
    }
}

static vrQemuDriver *
vrQemuDriverNew(const char *root, bool embed)
{
    g_autoptr(GError) gerr = NULL;
    vrQemuDriver *driver = g_new0(vrQemuDriver, 1);

    driver->refs = 1;
    g_mutex_init(&driver->lock);
    driver->cfg = vrQemuDriverConfigNew(root, embed);
    driver->privileged = geteuid() == 0;
    driver->hostname = vrQemuHostname();
    if (vrQemuDriverConfigLoad(driver->cfg, driver->cfg->configFile) < 0 ||
        vrQemuDriverConfigMakeDirs(driver->cfg) < 0)
        goto error;
    driver->xmlopt = vrQemuXMLOption;
    driver->displayPorts = vrQemuPortsNew(driver->cfg->remotePortMin, driver->cfg->remotePortMax);
    driver->capsCache = vrQemuCapsCacheNew(driver->cfg->cacheDir, driver->cfg->stateDir,
                                           driver->cfg->uid, driver->cfg->gid);
    vrQemuCapsCacheSetSecurityDriver(driver->capsCache, driver->cfg->securityDriver);
    driver->domains = vrQemuDomainObjListNew();
    driver->eventState = vrObjectEventStateNew();
    driver->loop = vrEventLoopNew();
    driver->loopThread = g_thread_new("qemu-monitor", vrQemuLoopThread, driver->loop);
    /* One thread keeps each guest's events in the order QEMU sent them. */
    if (!(driver->workers = g_thread_pool_new(vrQemuWorkRun, NULL, 1, FALSE, &gerr))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot start the QEMU driver's worker: %s",
                      gerr->message);
        goto error;
    }
    vrQemuLoadConfigs(driver);
    vrQemuProcessReconnectAll(driver);
    return driver;

 error:
    vrQemuDriverUnref(driver);
    return NULL;
}

vrQemuDriver *
vrQemuDriverGet(const char *root, bool embed)
{
    g_autofree char *key = g_strdup(root ? root : "/");
    vrQemuDriver *driver;

    g_mutex_lock(&vrQemuStatesLock);
    if (!vrQemuStates)
        vrQemuStates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if ((driver = g_hash_table_lookup(vrQemuStates, key))) {
        vrQemuDriverRef(driver);
    } else if ((driver = vrQemuDriverNew(root, embed))) {
        /* The table keeps one reference: states live as long as the process. */
        g_hash_table_insert(vrQemuStates, g_strdup(key), driver);
        vrQemuDriverRef(driver);
    }
    g_mutex_unlock(&vrQemuStatesLock);
    return driver;
}

/* ---- autostart ----------------------------------------------------- */

static void
vrQemuAutostartOne(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    if (!obj->autostart || vrQemuDomainObjIsActive(obj))
        return;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "autostart") < 0)
        return;
    if (!vrQemuDomainObjIsActive(obj) &&
        vrQemuProcessStart(driver, obj, NULL, VR_DOMAIN_RUNNING_BOOTED, -1, 0) < 0)
        VR_ERROR("failed to autostart guest '%s': %s", obj->def->name,
                 vrGetLastErrorMessage());
    vrQemuDomainObjEndJob(obj);
}

static gpointer
vrQemuAutostartThread(gpointer data)
{
    vrQemuDriver *driver = data;
    g_autoptr(GPtrArray) all = vrQemuDomainObjListCollect(driver->domains);

    for (guint i = 0; i < all->len; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(all, i);

        vrQemuDomainObjLock(obj);
        if (!obj->removed)
            vrQemuAutostartOne(driver, obj);
        vrQemuDomainObjUnlock(obj);
    }
    vrQemuDriverUnref(driver);
    return NULL;
}

int
vrQemuDriverStateInitialize(const char *root)
{
    if (!(vrQemuSystemDriver = vrQemuDriverGet(root, false)))
        return -1;
    /* Pools and networks first: autostarted guests use them. */
    vrStorageStartupForQemu(vrQemuSystemDriver);
    vrNetworkStartupForQemu(vrQemuSystemDriver);
    /* Starting guests takes a while; the daemon serves clients meanwhile. */
    g_thread_unref(g_thread_new("qemu-autostart", vrQemuAutostartThread,
                                vrQemuDriverRef(vrQemuSystemDriver)));
    return 0;
}

void
vrQemuDriverStateCleanup(void)
{
    g_clear_pointer(&vrQemuSystemDriver, vrQemuDriverUnref);
}

/* ---- connections --------------------------------------------------- */

static int
vrQemuConnectOpen(vrConnect *conn, vrURI *uri, unsigned int flags)
{
    const char *root;

    (void)flags;
    if (!g_str_equal(uri->scheme, "qemu") || uri->server || uri->transport)
        return VR_DRV_OPEN_DECLINED;
    if (uri->path && g_str_equal(uri->path, "/embed")) {
        if (!(root = vrURIGetParam(uri, "root")) || !*root) {
            vrReportError(VR_ERR_INVALID_ARG, "URI '%s' needs a 'root' parameter naming the "
                          "directory that holds the embedded driver's state", conn->uri);
            return VR_DRV_OPEN_ERROR;
        }
        if (!g_path_is_absolute(root)) {
            vrReportError(VR_ERR_INVALID_ARG, "root '%s' in URI '%s' must be an absolute path",
                          root, conn->uri);
            return VR_DRV_OPEN_ERROR;
        }
        if (!(conn->privateData = vrQemuDriverGet(root, true)))
            return VR_DRV_OPEN_ERROR;
        return VR_DRV_OPEN_SUCCESS;
    }
    /* qemu:///system is served by the daemon's own driver state. */
    if (!vrIsInsideDaemon() || !uri->path || !g_str_equal(uri->path, "/system"))
        return VR_DRV_OPEN_DECLINED;
    if (!vrQemuSystemDriver) {
        vrReportError(VR_ERR_NO_CONNECT, "%s", "the QEMU driver is not running in this daemon");
        return VR_DRV_OPEN_ERROR;
    }
    conn->privateData = vrQemuDriverRef(vrQemuSystemDriver);
    return VR_DRV_OPEN_SUCCESS;
}

/* Guests started with --autodestroy end with the connection that
 * started them. */
static void
vrQemuAutoDestroy(vrQemuDriver *driver, vrConnect *conn)
{
    g_autoptr(GPtrArray) all = vrQemuDomainObjListCollect(driver->domains);

    for (guint i = 0; i < all->len; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(all, i);

        vrQemuDomainObjLock(obj);
        if (obj->autoDestroy && obj->autoDestroyConn == conn && vrQemuDomainObjIsActive(obj)) {
            obj->beingDestroyed = true;
            vrQemuProcessKill(obj, false);
            if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_DESTROY, "autodestroy") == 0) {
                if (vrQemuDomainObjIsActive(obj))
                    vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_DESTROYED);
                vrQemuDomainObjEndJob(obj);
            }
        }
        vrQemuDomainObjUnlock(obj);
    }
}

static int
vrQemuConnectClose(vrConnect *conn)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);

    vrQemuAutoDestroy(driver, conn);
    vrObjectEventStateRemoveConn(driver->eventState, conn);
    vrNetworkConnectClosed(conn);
    vrSecretConnectClosed(conn);
    vrQemuDriverUnref(driver);
    conn->privateData = NULL;
    return 0;
}

static const char *
vrQemuConnectGetType(vrConnect *conn)
{
    (void)conn;
    return "QEMU";
}

static int
vrQemuConnectGetVersion(vrConnect *conn, unsigned long *version)
{
    g_autoptr(vrQemuCaps) caps = vrQemuCapsCacheLookupDefault(vrQemuDriverFrom(conn)->capsCache);

    if (!caps)
        return -1;
    *version = (unsigned long)vrQemuCapsVersion(caps);
    return 0;
}

static char *
vrQemuConnectGetHostname(vrConnect *conn)
{
    (void)conn;
    return vrQemuHostname();
}

static char *
vrQemuConnectGetCapabilities(vrConnect *conn)
{
    return vrQemuCapsFormatCapabilities(vrQemuDriverFrom(conn)->capsCache);
}

static char *
vrQemuConnectGetDomainCapabilities(vrConnect *conn, const char *emulator, const char *arch,
                                   const char *machine, const char *virttype,
                                   unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    g_autoptr(vrQemuCaps) caps = NULL;

    vrCheckFlags(0, NULL);
    if (emulator)
        caps = vrQemuCapsCacheLookup(driver->capsCache, emulator);
    else if (arch)
        caps = vrQemuCapsCacheLookupArch(driver->capsCache, arch);
    else
        caps = vrQemuCapsCacheLookupDefault(driver->capsCache);
    if (!caps)
        return NULL;
    if (arch && !vrQemuCapsSupportsArch(caps, arch)) {
        vrReportError(VR_ERR_INVALID_ARG, "emulator '%s' does not support arch '%s'",
                      vrQemuCapsBinary(caps), arch);
        return NULL;
    }
    return vrQemuCapsFormatDomainCapabilities(caps, machine, virttype);
}

static int
vrQemuConnectGetMaxVcpus(vrConnect *conn, const char *type)
{
    g_autoptr(vrQemuCaps) caps = vrQemuCapsCacheLookupDefault(vrQemuDriverFrom(conn)->capsCache);
    const vrQemuMachine *machine;

    if (type && !g_ascii_strcasecmp(type, "test")) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown type '%s'", type);
        return -1;
    }
    if (!caps || !(machine = vrQemuCapsMachine(caps, vrQemuCapsDefaultMachine(caps))))
        return -1;
    return (int)machine->maxCpus;
}

static int
vrQemuConnectIsAlive(vrConnect *conn)
{
    (void)conn;
    return 1;
}

static int
vrQemuConnectIsSecure(vrConnect *conn)
{
    (void)conn;
    return 1;     /* local: nothing crosses a network */
}

static int
vrQemuConnectIsEncrypted(vrConnect *conn)
{
    (void)conn;
    return 0;
}

static int
vrQemuConnectSupportsFeature(vrConnect *conn, int feature)
{
    (void)conn;
    (void)feature;
    return 0;
}

static int
vrQemuNodeGetInfo(vrConnect *conn, vrNodeInfo *info)
{
    (void)conn;
    return vrHostGetNodeInfo(info);
}

static int
vrQemuNodeGetSecurityModel(vrConnect *conn, vrSecurityModel *secmodel)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);

    memset(secmodel, 0, sizeof(*secmodel));
    if (g_str_equal(driver->cfg->securityDriver, "dac")) {
        g_strlcpy(secmodel->model, "dac", sizeof(secmodel->model));
        g_strlcpy(secmodel->doi, "0", sizeof(secmodel->doi));
    } else {
        g_strlcpy(secmodel->model, "none", sizeof(secmodel->model));
        g_strlcpy(secmodel->doi, "0", sizeof(secmodel->doi));
    }
    return 0;
}

/* Under "dac" a running guest's label is the user and group QEMU runs as;
 * without a security driver, or while shut off, it has none. */
static int
vrQemuDomainGetSecurityLabel(vrDomain *dom, vrSecurityLabel *seclabel)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom);

    if (!obj)
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    if (vrQemuDomainObjIsActive(obj) && g_str_equal(driver->cfg->securityDriver, "dac")) {
        g_snprintf(seclabel->label, sizeof(seclabel->label), "+%u:+%u",
                   (unsigned int)driver->cfg->uid, (unsigned int)driver->cfg->gid);
        seclabel->enforcing = 1;
    }
    vrQemuDomainObjEndAPI(&obj);
    return 0;
}

static int
vrQemuNodeGetCellsFreeMemory(vrConnect *conn, unsigned long long *freeMems, int startCell,
                             int maxCells)
{
    (void)conn;
    return vrHostGetCellsFreeMemory(freeMems, startCell, maxCells);
}

static unsigned long long
vrQemuNodeGetFreeMemory(vrConnect *conn)
{
    (void)conn;
    return vrHostGetFreeMemory();
}

/* ---- events ------------------------------------------------------- */

static int
vrQemuConnectDomainEventRegisterAny(vrConnect *conn, vrDomain *dom, int eventID,
                                    vrConnectDomainEventGenericCallback cb, void *opaque,
                                    vrFreeCallback freecb)
{
    return vrObjectEventStateRegisterAny(vrQemuDriverFrom(conn)->eventState, conn, dom, eventID,
                                         cb, opaque, freecb);
}

static int
vrQemuConnectDomainEventDeregisterAny(vrConnect *conn, int callbackID)
{
    return vrObjectEventStateDeregisterID(vrQemuDriverFrom(conn)->eventState, conn, callbackID);
}

static int
vrQemuConnectDomainEventRegister(vrConnect *conn, vrConnectDomainEventCallback cb, void *opaque,
                                 vrFreeCallback freecb)
{
    return vrObjectEventStateRegisterLegacy(vrQemuDriverFrom(conn)->eventState, conn, cb,
                                            opaque, freecb);
}

static int
vrQemuConnectDomainEventDeregister(vrConnect *conn, vrConnectDomainEventCallback cb)
{
    return vrObjectEventStateDeregisterLegacy(vrQemuDriverFrom(conn)->eventState, conn, cb);
}

static vrHypervisorDriver vrQemuHypervisorDriver = {
    .name = "QEMU",
    .connectClose = vrQemuConnectClose,
    .connectGetType = vrQemuConnectGetType,
    .connectGetVersion = vrQemuConnectGetVersion,
    .connectGetHostname = vrQemuConnectGetHostname,
    .connectGetCapabilities = vrQemuConnectGetCapabilities,
    .connectGetDomainCapabilities = vrQemuConnectGetDomainCapabilities,
    .connectGetMaxVcpus = vrQemuConnectGetMaxVcpus,
    .connectIsAlive = vrQemuConnectIsAlive,
    .connectIsSecure = vrQemuConnectIsSecure,
    .connectIsEncrypted = vrQemuConnectIsEncrypted,
    .connectSupportsFeature = vrQemuConnectSupportsFeature,
    .nodeGetInfo = vrQemuNodeGetInfo,
    .nodeGetSecurityModel = vrQemuNodeGetSecurityModel,
    .domainGetSecurityLabel = vrQemuDomainGetSecurityLabel,
    .connectDomainEventRegisterAny = vrQemuConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = vrQemuConnectDomainEventDeregisterAny,
    .connectDomainEventRegister = vrQemuConnectDomainEventRegister,
    .connectDomainEventDeregister = vrQemuConnectDomainEventDeregister,
    .nodeGetCellsFreeMemory = vrQemuNodeGetCellsFreeMemory,
    .nodeGetFreeMemory = vrQemuNodeGetFreeMemory,
};

static vrConnectDriver vrQemuConnectDriver = {
    .name = "QEMU",
    .connectOpen = vrQemuConnectOpen,
    .hypervisor = &vrQemuHypervisorDriver,
    .network = &vrNetworkQemuDriver,
    .storage = &vrStorageQemuDriver,
    .secret = &vrSecretQemuDriver,
};

int
vrQemuRegister(void)
{
    vrQemuDomainDriverInit(&vrQemuHypervisorDriver);
    vrQemuLifecycleDriverInit(&vrQemuHypervisorDriver);
    vrQemuConsoleDriverInit(&vrQemuHypervisorDriver);
    vrQemuSaveDriverInit(&vrQemuHypervisorDriver);
    vrQemuHotplugDriverInit(&vrQemuHypervisorDriver);
    vrQemuInfoDriverInit(&vrQemuHypervisorDriver);
    vrQemuChangeDriverInit(&vrQemuHypervisorDriver);
    vrQemuMonitorDriverInit(&vrQemuHypervisorDriver);
    vrQemuInterfaceDriverInit(&vrQemuHypervisorDriver);
    vrQemuCommandSetSecretLookup(vrSecretValueForRoot);   /* LUKS disks */
    return vrRegisterConnectDriver(&vrQemuConnectDriver);
}
