/*
 * test_driver.c: test:///default connections and host-level calls.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "libvireo/libvireo.h"
#include "test_driver.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_TEST

const vrDomainXMLOption testXMLOption = {
    .defaultArch = "i686",
};

static void
testDriverFree(testDriver *drv)
{
    if (!drv)
        return;
    /* first, so no callback runs while the objects go */
    vrObjectEventStateFree(drv->eventState);
    g_ptr_array_unref(drv->domains);
    g_ptr_array_unref(drv->networks);
    g_ptr_array_unref(drv->pools);
    g_ptr_array_unref(drv->interfaces);
    g_hash_table_unref(drv->savedImages);
    g_mutex_clear(&drv->lock);
    g_free(drv);
}

static testDriver *
testDriverNew(void)
{
    testDriver *drv = g_new0(testDriver, 1);

    g_mutex_init(&drv->lock);
    drv->domains = g_ptr_array_new_with_free_func((GDestroyNotify)testDomainObjFree);
    drv->networks = g_ptr_array_new_with_free_func((GDestroyNotify)testNetworkObjFree);
    drv->pools = g_ptr_array_new_with_free_func((GDestroyNotify)testPoolObjFree);
    drv->interfaces = g_ptr_array_new_with_free_func((GDestroyNotify)testInterfaceObjFree);
    drv->savedImages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    drv->eventState = vrObjectEventStateNew();
    if (testDriverLoadDefaults(drv) < 0) {
        testDriverFree(drv);
        return NULL;
    }
    return drv;
}

/* Like libvirt's, the default configuration is one state shared by every
 * connection of the process: a second client sees what the first one did
 * and gets its events.  It goes back to the defaults when the last
 * connection closes. */
static GMutex testDefaultLock;
static testDriver *testDefaultDriver;
static unsigned int testDefaultConnections;

static int
testConnectOpen(vrConnect *conn, vrURI *uri, unsigned int flags)
{
    (void)flags;
    if (!g_str_equal(uri->scheme, "test"))
        return VR_DRV_OPEN_DECLINED;
    if (uri->server) {
        /* test://host/... goes through the remote driver */
        return VR_DRV_OPEN_DECLINED;
    }
    if (!g_str_equal(uri->path, "/default")) {
        vrReportError(VR_ERR_INVALID_ARG, "test driver only supports the built-in default "
                      "configuration (test:///default), not '%s'", uri->path);
        return VR_DRV_OPEN_ERROR;
    }
    g_mutex_lock(&testDefaultLock);
    if (!testDefaultDriver && !(testDefaultDriver = testDriverNew())) {
        g_mutex_unlock(&testDefaultLock);
        return VR_DRV_OPEN_ERROR;
    }
    testDefaultConnections++;
    conn->privateData = testDefaultDriver;
    g_mutex_unlock(&testDefaultLock);
    return VR_DRV_OPEN_SUCCESS;
}

static int
testConnectClose(vrConnect *conn)
{
    testDriver *drv = conn->privateData;
    testDriver *last = NULL;

    if (!drv)
        return 0;
    /* the state outlives this connection: drop its event callbacks */
    vrObjectEventStateRemoveConn(drv->eventState, conn);
    g_mutex_lock(&testDefaultLock);
    if (--testDefaultConnections == 0) {
        last = testDefaultDriver;
        testDefaultDriver = NULL;
    }
    g_mutex_unlock(&testDefaultLock);
    testDriverFree(last);
    conn->privateData = NULL;
    return 0;
}

static const char *
testConnectGetType(vrConnect *conn)
{
    (void)conn;
    return "TEST";
}

static int
testConnectGetVersion(vrConnect *conn, unsigned long *version)
{
    (void)conn;
    *version = 2;
    return 0;
}

static char *
testConnectGetHostname(vrConnect *conn)
{
    char buf[256];

    (void)conn;
    if (gethostname(buf, sizeof(buf)) < 0) {
        vrReportSystemError(errno, "%s", "failed to determine host name");
        return NULL;
    }
    buf[sizeof(buf) - 1] = '\0';
    return g_strdup(buf);
}

static char *
testConnectGetCapabilities(vrConnect *conn)
{
    (void)conn;
    return testDriverCapabilities();
}

static char *
testConnectGetSysinfo(vrConnect *conn, unsigned int flags)
{
    (void)conn;
    vrCheckFlags(0, NULL);
    return g_strdup(testDriverSysinfo());
}

static int
testConnectGetMaxVcpus(vrConnect *conn, const char *type)
{
    (void)conn;
    (void)type;
    return 32;
}

static int
testConnectIsAlive(vrConnect *conn)
{
    (void)conn;
    return 1;
}

static int
testConnectSupportsFeature(vrConnect *conn, int feature)
{
    (void)conn;
    return feature == VR_DRV_FEATURE_TYPED_PARAM_STRING ? 1 : 0;
}

static int
testNodeGetInfo(vrConnect *conn, vrNodeInfo *info)
{
    testDriver *drv = testDriverFrom(conn);

    g_mutex_lock(&drv->lock);
    *info = drv->nodeInfo;
    g_mutex_unlock(&drv->lock);
    return 0;
}

static int
testNodeGetSecurityModel(vrConnect *conn, vrSecurityModel *secmodel)
{
    (void)conn;
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, "testSecurity", sizeof(secmodel->model));
    return 0;
}

static int
testNodeGetCellsFreeMemory(vrConnect *conn, unsigned long long *freeMems, int startCell,
                           int maxCells)
{
    static const unsigned long long cellFree[] = { 2097152ULL, 4194304ULL };
    int i, n = 0;

    (void)conn;
    if (startCell >= (int)G_N_ELEMENTS(cellFree)) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Range exceeds available cells");
        return -1;
    }
    for (i = startCell; i < (int)G_N_ELEMENTS(cellFree) && n < maxCells; i++)
        freeMems[n++] = cellFree[i];
    return n;
}

static unsigned long long
testNodeGetFreeMemory(vrConnect *conn)
{
    (void)conn;
    /* libvirt's test node reports this fixed figure, not the cells' sum */
    return 3145728ULL;
}

static int
testNodeGetCPUStats(vrConnect *conn, int cpuNum, vrNodeCPUStats *params, int *nparams,
                    unsigned int flags)
{
    static const vrNodeCPUStats stats[] = {
        { "user", 9797400000ULL },
        { "kernel", 34678723400000ULL },
        { "idle", 87264900000ULL },
        { "iowait", 763600000ULL },
    };
    testDriver *drv = testDriverFrom(conn);
    int n;

    vrCheckFlags(0, -1);
    if (cpuNum != VR_NODE_CPU_STATS_ALL_CPUS && cpuNum >= (int)drv->nodeInfo.cpus) {
        vrReportError(VR_ERR_INVALID_ARG, "Invalid cpuNum %d: the node has %u CPUs",
                      cpuNum, drv->nodeInfo.cpus);
        return -1;
    }
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(stats);
        return 0;
    }
    n = MIN(*nparams, (int)G_N_ELEMENTS(stats));
    memcpy(params, stats, n * sizeof(stats[0]));
    *nparams = n;
    return 0;
}

/* libvirt's test node answers with 8 CPUs of which 0, 2 and 4 are online,
 * whatever its node information says; virsh sizes CPU maps from this. */
static int
testNodeGetCPUMap(vrConnect *conn, unsigned char **cpumap, unsigned int *online,
                  unsigned int flags)
{
    (void)conn;
    vrCheckFlags(0, -1);
    if (cpumap) {
        *cpumap = g_new0(unsigned char, 1);
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

static vrHypervisorDriver testHypervisorDriver = {
    .name = "Test",
    .connectClose = testConnectClose,
    .connectGetType = testConnectGetType,
    .connectGetVersion = testConnectGetVersion,
    .connectGetHostname = testConnectGetHostname,
    .connectGetCapabilities = testConnectGetCapabilities,
    .connectGetSysinfo = testConnectGetSysinfo,
    .connectGetMaxVcpus = testConnectGetMaxVcpus,
    .connectIsAlive = testConnectIsAlive,
    .connectSupportsFeature = testConnectSupportsFeature,
    .nodeGetInfo = testNodeGetInfo,
    .nodeGetSecurityModel = testNodeGetSecurityModel,
    .nodeGetCellsFreeMemory = testNodeGetCellsFreeMemory,
    .nodeGetFreeMemory = testNodeGetFreeMemory,
    .nodeGetCPUStats = testNodeGetCPUStats,
    .nodeGetCPUMap = testNodeGetCPUMap,
};

static vrConnectDriver testConnectDriver = {
    .name = "Test",
    .connectOpen = testConnectOpen,
    .hypervisor = &testHypervisorDriver,
    .network = &testNetworkDriver,
    .storage = &testStorageDriver,
    .iface = &testInterfaceDriver,
};

int
testRegister(void)
{
    testDomainDriverInit(&testHypervisorDriver);
    testSnapshotDriverInit(&testHypervisorDriver);
    return vrRegisterConnectDriver(&testConnectDriver);
}
