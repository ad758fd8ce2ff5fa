/*
 * test_network.c: virtual networks of the test driver (definitions and
 * state only: nothing is created on the host).
 */
#include <config.h>

#include <string.h>

#include "test_driver.h"
#include "util/vrerror.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_NETWORK

void
testNetworkObjFree(testNetworkObj *obj)
{
    if (!obj)
        return;
    vrNetworkDefFree(obj->def);
    vrNetworkDefFree(obj->newDef);
    g_free(obj);
}

static testNetworkObj *
testNetworkFindByName(testDriver *drv, const char *name)
{
    guint i;

    for (i = 0; i < drv->networks->len; i++) {
        testNetworkObj *obj = g_ptr_array_index(drv->networks, i);
        if (g_str_equal(obj->def->name, name))
            return obj;
    }
    return NULL;
}

static testNetworkObj *
testNetworkFindByUUID(testDriver *drv, const unsigned char *uuid)
{
    guint i;

    for (i = 0; i < drv->networks->len; i++) {
        testNetworkObj *obj = g_ptr_array_index(drv->networks, i);
        if (memcmp(obj->def->uuid, uuid, VR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

static testNetworkObj *
testNetworkFind(testDriver *drv, vrNetwork *net)
{
    testNetworkObj *obj = testNetworkFindByUUID(drv, net->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!obj)
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching uuid '%s' (%s)",
                      vrUUIDFormat(net->uuid, uuid), net->name);
    return obj;
}

static vrNetworkDef *
testNetworkPersistentDef(testNetworkObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

#define TEST_NET_BEGIN(net, drv, obj, ret) \
    testDriver *drv = testDriverFrom((net)->conn); \
    testNetworkObj *obj; \
    g_mutex_lock(&drv->lock); \
    if (!(obj = testNetworkFind(drv, (net)))) { \
        g_mutex_unlock(&drv->lock); \
        return ret; \
    }

#define TEST_NET_END(drv, ret) \
    do { \
        g_mutex_unlock(&(drv)->lock); \
        return ret; \
    } while (0)

static bool
testNetworkMatch(testNetworkObj *obj, unsigned int flags)
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
testConnectListAllNetworks(vrConnect *conn, vrNetwork ***nets, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();
    guint i;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->networks->len; i++) {
        testNetworkObj *obj = g_ptr_array_index(drv->networks, i);
        if (testNetworkMatch(obj, flags))
            g_ptr_array_add(list, obj);
    }
    if (nets) {
        *nets = g_new0(vrNetwork *, list->len + 1);
        for (i = 0; i < list->len; i++) {
            testNetworkObj *obj = g_ptr_array_index(list, i);
            (*nets)[i] = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
        }
    }
    g_mutex_unlock(&drv->lock);
    return (int)list->len;
}

static int
testConnectNumOfNetworks(vrConnect *conn)
{
    return testConnectListAllNetworks(conn, NULL, VR_CONNECT_LIST_NETWORKS_ACTIVE);
}

static int
testConnectNumOfDefinedNetworks(vrConnect *conn)
{
    return testConnectListAllNetworks(conn, NULL, VR_CONNECT_LIST_NETWORKS_INACTIVE);
}

static int
testNetworkListNames(vrConnect *conn, char **names, int maxnames, bool active)
{
    testDriver *drv = testDriverFrom(conn);
    guint i;
    int n = 0;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->networks->len && n < maxnames; i++) {
        testNetworkObj *obj = g_ptr_array_index(drv->networks, i);
        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&drv->lock);
    return n;
}

static int
testConnectListNetworks(vrConnect *conn, char **names, int maxnames)
{
    return testNetworkListNames(conn, names, maxnames, true);
}

static int
testConnectListDefinedNetworks(vrConnect *conn, char **names, int maxnames)
{
    return testNetworkListNames(conn, names, maxnames, false);
}

static vrNetwork *
testNetworkLookupByName(vrConnect *conn, const char *name)
{
    testDriver *drv = testDriverFrom(conn);
    testNetworkObj *obj;
    vrNetwork *net = NULL;

    g_mutex_lock(&drv->lock);
    if ((obj = testNetworkFindByName(drv, name)))
        net = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    if (!net)
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return net;
}

static vrNetwork *
testNetworkLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    testDriver *drv = testDriverFrom(conn);
    testNetworkObj *obj;
    vrNetwork *net = NULL;
    char uuidstr[VR_UUID_STRING_BUFLEN];

    g_mutex_lock(&drv->lock);
    if ((obj = testNetworkFindByUUID(drv, uuid)))
        net = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    if (!net)
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching uuid '%s'",
                      vrUUIDFormat(uuid, uuidstr));
    return net;
}

/* Same clash rules as libvirt's network list. */
static int
testNetworkCheckClash(testDriver *drv, const vrNetworkDef *def, bool live,
                      testNetworkObj **existing)
{
    testNetworkObj *obj = testNetworkFindByUUID(drv, def->uuid);
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
    if ((obj = testNetworkFindByName(drv, def->name))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "network '%s' already exists with uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        return -1;
    }
    return 0;
}

static vrNetwork *
testNetworkAdd(vrConnect *conn, const char *xml, bool live)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(vrNetworkDef) def = vrNetworkDefParseString(xml);
    testNetworkObj *obj;
    vrNetwork *net;

    if (!def)
        return NULL;
    g_mutex_lock(&drv->lock);
    if (testNetworkCheckClash(drv, def, live, &obj) < 0) {
        g_mutex_unlock(&drv->lock);
        return NULL;
    }
    if (!obj) {
        obj = g_new0(testNetworkObj, 1);
        g_ptr_array_add(drv->networks, obj);
    }
    if (!live && obj->active) {
        vrNetworkDefFree(obj->newDef);
        obj->newDef = g_steal_pointer(&def);
    } else {
        vrNetworkDefFree(obj->def);
        obj->def = g_steal_pointer(&def);
    }
    if (live)
        obj->active = true;
    else
        obj->persistent = true;
    net = vrNetworkNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    return net;
}

static vrNetwork *
testNetworkDefineXML(vrConnect *conn, const char *xml)
{
    return testNetworkAdd(conn, xml, false);
}

static vrNetwork *
testNetworkCreateXML(vrConnect *conn, const char *xml)
{
    return testNetworkAdd(conn, xml, true);
}

static int
testNetworkCreate(vrNetwork *net)
{
    TEST_NET_BEGIN(net, drv, obj, -1);
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "Network '%s' is already running", obj->def->name);
        TEST_NET_END(drv, -1);
    }
    obj->active = true;
    if (obj->persistent && !obj->newDef)
        obj->newDef = vrNetworkDefCopy(obj->def);
    TEST_NET_END(drv, 0);
}

static int
testNetworkDestroy(vrNetwork *net)
{
    TEST_NET_BEGIN(net, drv, obj, -1);
    obj->active = false;
    if (obj->newDef) {
        vrNetworkDefFree(obj->def);
        obj->def = obj->newDef;
        obj->newDef = NULL;
    }
    if (!obj->persistent)
        g_ptr_array_remove(drv->networks, obj);
    TEST_NET_END(drv, 0);
}

static int
testNetworkUndefine(vrNetwork *net)
{
    TEST_NET_BEGIN(net, drv, obj, -1);
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "Network '%s' is still running", obj->def->name);
        TEST_NET_END(drv, -1);
    }
    g_ptr_array_remove(drv->networks, obj);
    TEST_NET_END(drv, 0);
}

static int
testNetworkUpdate(vrNetwork *net, unsigned int command, unsigned int section, int parentIndex,
                  const char *xml, unsigned int flags)
{
    vrNetworkDef *live = NULL, *config = NULL;

    vrCheckFlags(VR_NETWORK_UPDATE_AFFECT_LIVE | VR_NETWORK_UPDATE_AFFECT_CONFIG, -1);
    TEST_NET_BEGIN(net, drv, obj, -1);
    if (!(flags & (VR_NETWORK_UPDATE_AFFECT_LIVE | VR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VR_NETWORK_UPDATE_AFFECT_LIVE : VR_NETWORK_UPDATE_AFFECT_CONFIG;
    if ((flags & VR_NETWORK_UPDATE_AFFECT_LIVE) && !obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "network is not running");
        TEST_NET_END(drv, -1);
    }
    if ((flags & VR_NETWORK_UPDATE_AFFECT_CONFIG) && !obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot change persistent config of a transient network");
        TEST_NET_END(drv, -1);
    }
    if (flags & VR_NETWORK_UPDATE_AFFECT_LIVE)
        live = obj->def;
    if ((flags & VR_NETWORK_UPDATE_AFFECT_CONFIG) && testNetworkPersistentDef(obj) != live)
        config = testNetworkPersistentDef(obj);
    if ((live && vrNetworkDefUpdateSection(live, command, section, parentIndex, xml) < 0) ||
        (config && vrNetworkDefUpdateSection(config, command, section, parentIndex, xml) < 0))
        TEST_NET_END(drv, -1);
    TEST_NET_END(drv, 0);
}

static char *
testNetworkGetXMLDesc(vrNetwork *net, unsigned int flags)
{
    char *xml;

    vrCheckFlags(0, NULL);
    TEST_NET_BEGIN(net, drv, obj, NULL);
    xml = vrNetworkDefFormat(obj->def, 0);
    TEST_NET_END(drv, xml);
}

static char *
testNetworkGetBridgeName(vrNetwork *net)
{
    char *bridge;

    TEST_NET_BEGIN(net, drv, obj, NULL);
    if (!obj->def->bridge) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                      obj->def->name);
        TEST_NET_END(drv, NULL);
    }
    bridge = g_strdup(obj->def->bridge);
    TEST_NET_END(drv, bridge);
}

static int
testNetworkGetAutostart(vrNetwork *net, int *autostart)
{
    TEST_NET_BEGIN(net, drv, obj, -1);
    *autostart = obj->autostart ? 1 : 0;
    TEST_NET_END(drv, 0);
}

static int
testNetworkSetAutostart(vrNetwork *net, int autostart)
{
    TEST_NET_BEGIN(net, drv, obj, -1);
    obj->autostart = autostart != 0;
    TEST_NET_END(drv, 0);
}

static int
testNetworkIsActive(vrNetwork *net)
{
    int ret;

    TEST_NET_BEGIN(net, drv, obj, -1);
    ret = obj->active ? 1 : 0;
    TEST_NET_END(drv, ret);
}

static int
testNetworkIsPersistent(vrNetwork *net)
{
    int ret;

    TEST_NET_BEGIN(net, drv, obj, -1);
    ret = obj->persistent ? 1 : 0;
    TEST_NET_END(drv, ret);
}

const vrNetworkDriver testNetworkDriver = {
    .connectListAllNetworks = testConnectListAllNetworks,
    .connectNumOfNetworks = testConnectNumOfNetworks,
    .connectListNetworks = testConnectListNetworks,
    .connectNumOfDefinedNetworks = testConnectNumOfDefinedNetworks,
    .connectListDefinedNetworks = testConnectListDefinedNetworks,
    .networkLookupByName = testNetworkLookupByName,
    .networkLookupByUUID = testNetworkLookupByUUID,
    .networkDefineXML = testNetworkDefineXML,
    .networkCreateXML = testNetworkCreateXML,
    .networkCreate = testNetworkCreate,
    .networkDestroy = testNetworkDestroy,
    .networkUndefine = testNetworkUndefine,
    .networkUpdate = testNetworkUpdate,
    .networkGetXMLDesc = testNetworkGetXMLDesc,
    .networkGetBridgeName = testNetworkGetBridgeName,
    .networkGetAutostart = testNetworkGetAutostart,
    .networkSetAutostart = testNetworkSetAutostart,
    .networkIsActive = testNetworkIsActive,
    .networkIsPersistent = testNetworkIsPersistent,
};
