/*
 * libvireo-connect.c: opening connections and asking about the host.
 */
#include <config.h>

#include <stdlib.h>
#include <unistd.h>

#include "api_internal.h"
#include "libvireo.h"
#include "util/vrlog.h"

#define VR_LOG_CATEGORY "libvireo"

#define VR_MAX_DRIVERS 16

static const vrConnectDriver *drivers[VR_MAX_DRIVERS];
static size_t ndrivers;
static bool insideDaemon;

int
vrRegisterConnectDriver(const vrConnectDriver *driver)
{
    if (ndrivers == VR_MAX_DRIVERS) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "too many drivers registered (%s)", driver->name);
        return -1;
    }
    drivers[ndrivers++] = driver;
    return 0;
}

void
vrSetInsideDaemon(bool inside)
{
    insideDaemon = inside;
}

bool
vrIsInsideDaemon(void)
{
    return insideDaemon;
}

static gpointer
vrInitializeOnce(gpointer data G_GNUC_UNUSED)
{
    vrRegisterBuiltinDrivers();
    return NULL;
}

void
vrInitialize(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, vrInitializeOnce, NULL);
}

/* The URI used when the caller gives none: the environment's choice, or
 * the system daemon for root and the session daemon for others. */
static char *
vrConnectDefaultURI(void)
{
    const char *env = getenv("LIBVIRT_DEFAULT_URI");

    if (env && *env)
        return g_strdup(env);
    return g_strdup(geteuid() == 0 ? "qemu:///system" : "qemu:///session");
}

vrConnect *
vrConnectOpenFlags(const char *name, unsigned int flags)
{
    g_autoptr(vrConnect) conn = NULL;
    g_autoptr(vrURI) uri = NULL;
    g_autofree char *uristr = NULL;
    size_t i;

    vrInitialize();
    vrResetLastError();

    uristr = name && *name ? g_strdup(name) : vrConnectDefaultURI();
    if (!(uri = vrURIParse(uristr)))
        return NULL;

    conn = vrConnectNew();
    conn->flags = flags;
    conn->uri = g_strdup(uristr);

    for (i = 0; i < ndrivers; i++) {
        int rc;

        conn->driver = drivers[i];
        rc = drivers[i]->connectOpen(conn, uri, flags);
        VR_DEBUG("driver %s answered %d for %s", drivers[i]->name, rc, uristr);
        if (rc == VR_DRV_OPEN_SUCCESS)
            return g_steal_pointer(&conn);
        if (rc == VR_DRV_OPEN_ERROR) {
            conn->driver = NULL;
            return NULL;
        }
    }
    conn->driver = NULL;
    vrReportError(VR_ERR_NO_CONNECT, "%s", uristr);
    return NULL;
}

vrConnect *
vrConnectOpen(const char *name)
{
    return vrConnectOpenFlags(name, 0);
}

vrConnect *
vrConnectOpenReadOnly(const char *name)
{
    return vrConnectOpenFlags(name, VR_CONNECT_RO);
}

int
vrConnectClose(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectClose", -1);
    /* the last reference closes the driver side (vrConnectDispose) */
    vrConnectUnref(conn);
    return 0;
}

int
vrConnectIsReadOnly(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectIsReadOnly", -1);
    return (conn->flags & VR_CONNECT_RO) ? 1 : 0;
}

int
vrConnectIsAlive(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectIsAlive", -1);
    if (!conn->driver->hypervisor->connectIsAlive)
        return 1;
    return conn->driver->hypervisor->connectIsAlive(conn);
}

int
vrConnectSetKeepAlive(vrConnect *conn, int interval, unsigned int count)
{
    VR_API_CONN(conn, "virConnectSetKeepAlive", -1);
    if (!conn->driver->hypervisor->connectSetKeepAlive)
        return 1;   /* libvirt: 1 means "not supported by this connection" */
    return conn->driver->hypervisor->connectSetKeepAlive(conn, interval, count);
}

int
vrConnectRegisterCloseCallback(vrConnect *conn, vrConnectCloseFunc cb, void *opaque)
{
    VR_API_CONN(conn, "virConnectRegisterCloseCallback", -1);
    g_mutex_lock(&conn->lock);
    if (conn->closeCb) {
        g_mutex_unlock(&conn->lock);
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "A close callback is already registered");
        return -1;
    }
    conn->closeCb = cb;
    conn->closeOpaque = opaque;
    g_mutex_unlock(&conn->lock);
    return 0;
}

int
vrConnectUnregisterCloseCallback(vrConnect *conn, vrConnectCloseFunc cb)
{
    VR_API_CONN(conn, "virConnectUnregisterCloseCallback", -1);
    g_mutex_lock(&conn->lock);
    if (conn->closeCb != cb) {
        g_mutex_unlock(&conn->lock);
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "A different callback was requested");
        return -1;
    }
    conn->closeCb = NULL;
    conn->closeOpaque = NULL;
    g_mutex_unlock(&conn->lock);
    return 0;
}

char *
vrConnectGetURI(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectGetURI", NULL);
    /* the URI the caller opened, as libvirt answers it, even for a remote
     * connection (the daemon only knows the part it was sent) */
    return g_strdup(conn->uri);
}

char *
vrConnectGetHostname(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectGetHostname", NULL);
    VR_API_CALL(conn, hypervisor, connectGetHostname, "virConnectGetHostname", NULL, conn);
}

const char *
vrConnectGetType(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectGetType", NULL);
    if (conn->driver->hypervisor->connectGetType)
        return conn->driver->hypervisor->connectGetType(conn);
    return conn->driver->name;
}

int
vrConnectGetVersion(vrConnect *conn, unsigned long *hvVer)
{
    VR_API_CONN(conn, "virConnectGetVersion", -1);
    VR_API_ARG(hvVer, "virConnectGetVersion", -1);
    VR_API_CALL(conn, hypervisor, connectGetVersion, "virConnectGetVersion", -1, conn, hvVer);
}

int
vrConnectGetLibVersion(vrConnect *conn, unsigned long *libVer)
{
    VR_API_CONN(conn, "virConnectGetLibVersion", -1);
    VR_API_ARG(libVer, "virConnectGetLibVersion", -1);
    if (conn->driver->hypervisor->connectGetLibVersion)
        return conn->driver->hypervisor->connectGetLibVersion(conn, libVer);
    *libVer = VIREO_LIBVIRT_COMPAT_NUMBER;
    return 0;
}

int
vrGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    vrResetLastError();
    if (libVer)
        *libVer = VIREO_LIBVIRT_COMPAT_NUMBER;
    if (typeVer)
        *typeVer = VIREO_LIBVIRT_COMPAT_NUMBER;
    (void)type;
    return 0;
}

char *
vrConnectGetCapabilities(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectGetCapabilities", NULL);
    VR_API_CALL(conn, hypervisor, connectGetCapabilities, "virConnectGetCapabilities", NULL,
                conn);
}

char *
vrConnectGetSysinfo(vrConnect *conn, unsigned int flags)
{
    VR_API_CONN(conn, "virConnectGetSysinfo", NULL);
    VR_API_CALL(conn, hypervisor, connectGetSysinfo, "virConnectGetSysinfo", NULL, conn, flags);
}

int
vrConnectGetMaxVcpus(vrConnect *conn, const char *type)
{
    VR_API_CONN(conn, "virConnectGetMaxVcpus", -1);
    VR_API_CALL(conn, hypervisor, connectGetMaxVcpus, "virConnectGetMaxVcpus", -1, conn, type);
}

int
vrConnectIsSecure(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectIsSecure", -1);
    if (!conn->driver->hypervisor->connectIsSecure)
        return 1;
    return conn->driver->hypervisor->connectIsSecure(conn);
}

int
vrConnectIsEncrypted(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectIsEncrypted", -1);
    if (!conn->driver->hypervisor->connectIsEncrypted)
        return 0;
    return conn->driver->hypervisor->connectIsEncrypted(conn);
}

int
vrConnectSupportsFeature(vrConnect *conn, int feature)
{
    VR_API_CONN(conn, "virConnectSupportsFeature", -1);
    if (!conn->driver->hypervisor->connectSupportsFeature)
        return 0;
    return conn->driver->hypervisor->connectSupportsFeature(conn, feature);
}

char *
vrConnectGetDomainCapabilities(vrConnect *conn, const char *emulator, const char *arch,
                               const char *machine, const char *virttype, unsigned int flags)
{
    VR_API_CONN(conn, "virConnectGetDomainCapabilities", NULL);
    VR_API_CALL(conn, hypervisor, connectGetDomainCapabilities,
                "virConnectGetDomainCapabilities", NULL,
                conn, emulator, arch, machine, virttype, flags);
}

int
vrNodeGetInfo(vrConnect *conn, vrNodeInfo *info)
{
    VR_API_CONN(conn, "virNodeGetInfo", -1);
    VR_API_ARG(info, "virNodeGetInfo", -1);
    VR_API_CALL(conn, hypervisor, nodeGetInfo, "virNodeGetInfo", -1, conn, info);
}

int
vrNodeGetCPUMap(vrConnect *conn, unsigned char **cpumap, unsigned int *online,
                unsigned int flags)
{
    if (cpumap)
        *cpumap = NULL;
    VR_API_CONN(conn, "virNodeGetCPUMap", -1);
    VR_API_CALL(conn, hypervisor, nodeGetCPUMap, "virNodeGetCPUMap", -1,
                conn, cpumap, online, flags);
}

int
vrNodeGetSecurityModel(vrConnect *conn, vrSecurityModel *secmodel)
{
    VR_API_CONN(conn, "virNodeGetSecurityModel", -1);
    VR_API_ARG(secmodel, "virNodeGetSecurityModel", -1);
    VR_API_CALL(conn, hypervisor, nodeGetSecurityModel, "virNodeGetSecurityModel", -1,
                conn, secmodel);
}

int
vrNodeGetCellsFreeMemory(vrConnect *conn, unsigned long long *freeMems, int startCell,
                         int maxCells)
{
    VR_API_CONN(conn, "virNodeGetCellsFreeMemory", -1);
    VR_API_ARG(freeMems && maxCells > 0 && startCell >= 0, "virNodeGetCellsFreeMemory", -1);
    VR_API_CALL(conn, hypervisor, nodeGetCellsFreeMemory, "virNodeGetCellsFreeMemory", -1,
                conn, freeMems, startCell, maxCells);
}

unsigned long long
vrNodeGetFreeMemory(vrConnect *conn)
{
    VR_API_CONN(conn, "virNodeGetFreeMemory", 0);
    VR_API_CALL(conn, hypervisor, nodeGetFreeMemory, "virNodeGetFreeMemory", 0, conn);
}

int
vrNodeGetCPUStats(vrConnect *conn, int cpuNum, vrNodeCPUStats *params, int *nparams,
                  unsigned int flags)
{
    VR_API_CONN(conn, "virNodeGetCPUStats", -1);
    VR_API_ARG(nparams && *nparams >= 0 && (params || *nparams == 0), "virNodeGetCPUStats", -1);
    VR_API_ARG(cpuNum >= VR_NODE_CPU_STATS_ALL_CPUS, "virNodeGetCPUStats", -1);
    VR_API_CALL(conn, hypervisor, nodeGetCPUStats, "virNodeGetCPUStats", -1,
                conn, cpuNum, params, nparams, flags);
}

int
vrNodeGetMemoryStats(vrConnect *conn, int cellNum, vrNodeMemoryStats *params, int *nparams,
                     unsigned int flags)
{
    VR_API_CONN(conn, "virNodeGetMemoryStats", -1);
    VR_API_ARG(nparams && *nparams >= 0 && (params || *nparams == 0),
               "virNodeGetMemoryStats", -1);
    VR_API_CALL(conn, hypervisor, nodeGetMemoryStats, "virNodeGetMemoryStats", -1,
                conn, cellNum, params, nparams, flags);
}

int
vrNodeGetMemoryParameters(vrConnect *conn, vrTypedParameter *params, int *nparams,
                          unsigned int flags)
{
    VR_API_CONN(conn, "virNodeGetMemoryParameters", -1);
    VR_API_ARG(nparams && *nparams >= 0 && (params || *nparams == 0),
               "virNodeGetMemoryParameters", -1);
    VR_API_CALL(conn, hypervisor, nodeGetMemoryParameters, "virNodeGetMemoryParameters", -1,
                conn, params, nparams, flags);
}

bool
vrDriverSupportsFeature(vrConnect *conn, int feature)
{
    const vrHypervisorDriver *hv = conn->driver->hypervisor;
    int rc;

    if (!hv || !hv->connectSupportsFeature)
        return false;
    /* a failed query must not leave an error behind for the real call */
    rc = hv->connectSupportsFeature(conn, feature);
    if (rc < 0)
        vrResetLastError();
    return rc > 0;
}
