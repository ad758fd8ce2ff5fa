/*
 * test_interface.c: host interfaces of the test driver.
 */
#include <config.h>

#include <string.h>

#include "test_driver.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_INTERFACE

void
testInterfaceObjFree(testInterfaceObj *obj)
{
    if (!obj)
        return;
    vrInterfaceDefFree(obj->def);
    g_free(obj);
}

static testInterfaceObj *
testInterfaceFindByName(testDriver *drv, const char *name)
{
    guint i;

    for (i = 0; i < drv->interfaces->len; i++) {
        testInterfaceObj *obj = g_ptr_array_index(drv->interfaces, i);
        if (g_str_equal(obj->def->name, name))
            return obj;
    }
    return NULL;
}

static testInterfaceObj *
testInterfaceFind(testDriver *drv, vrInterface *iface)
{
    testInterfaceObj *obj = testInterfaceFindByName(drv, iface->name);

    if (!obj)
        vrReportError(VR_ERR_NO_INTERFACE, "no interface with matching name '%s'", iface->name);
    return obj;
}

static vrInterface *
testInterfaceHandle(vrConnect *conn, testInterfaceObj *obj)
{
    return vrInterfaceNew(conn, obj->def->name, obj->def->mac);
}

#define TEST_IFACE_BEGIN(iface, drv, obj, ret) \
    testDriver *drv = testDriverFrom((iface)->conn); \
    testInterfaceObj *obj; \
    g_mutex_lock(&drv->lock); \
    if (!(obj = testInterfaceFind(drv, (iface)))) { \
        g_mutex_unlock(&drv->lock); \
        return ret; \
    }

#define TEST_IFACE_END(drv, ret) \
    do { \
        g_mutex_unlock(&(drv)->lock); \
        return ret; \
    } while (0)

static int
testConnectListAllInterfaces(vrConnect *conn, vrInterface ***ifaces, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();
    guint i;

    vrCheckFlags(VR_CONNECT_LIST_INTERFACES_ACTIVE | VR_CONNECT_LIST_INTERFACES_INACTIVE, -1);
    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->interfaces->len; i++) {
        testInterfaceObj *obj = g_ptr_array_index(drv->interfaces, i);
        if ((flags & (VR_CONNECT_LIST_INTERFACES_ACTIVE | VR_CONNECT_LIST_INTERFACES_INACTIVE)) &&
            !(((flags & VR_CONNECT_LIST_INTERFACES_ACTIVE) && obj->active) ||
              ((flags & VR_CONNECT_LIST_INTERFACES_INACTIVE) && !obj->active)))
            continue;
        g_ptr_array_add(list, obj);
    }
    if (ifaces) {
        *ifaces = g_new0(vrInterface *, list->len + 1);
        for (i = 0; i < list->len; i++)
            (*ifaces)[i] = testInterfaceHandle(conn, g_ptr_array_index(list, i));
    }
    g_mutex_unlock(&drv->lock);
    return (int)list->len;
}

static int
testConnectNumOfInterfaces(vrConnect *conn)
{
    return testConnectListAllInterfaces(conn, NULL, VR_CONNECT_LIST_INTERFACES_ACTIVE);
}

static int
testConnectNumOfDefinedInterfaces(vrConnect *conn)
{
    return testConnectListAllInterfaces(conn, NULL, VR_CONNECT_LIST_INTERFACES_INACTIVE);
}

static int
testInterfaceListNames(vrConnect *conn, char **names, int maxnames, bool active)
{
    testDriver *drv = testDriverFrom(conn);
    guint i;
    int n = 0;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->interfaces->len && n < maxnames; i++) {
        testInterfaceObj *obj = g_ptr_array_index(drv->interfaces, i);
        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&drv->lock);
    return n;
}

static int
testConnectListInterfaces(vrConnect *conn, char **names, int maxnames)
{
    return testInterfaceListNames(conn, names, maxnames, true);
}

static int
testConnectListDefinedInterfaces(vrConnect *conn, char **names, int maxnames)
{
    return testInterfaceListNames(conn, names, maxnames, false);
}

static vrInterface *
testInterfaceLookupByName(vrConnect *conn, const char *name)
{
    testDriver *drv = testDriverFrom(conn);
    testInterfaceObj *obj;
    vrInterface *ret = NULL;

    g_mutex_lock(&drv->lock);
    if ((obj = testInterfaceFindByName(drv, name)))
        ret = testInterfaceHandle(conn, obj);
    g_mutex_unlock(&drv->lock);
    if (!ret)
        vrReportError(VR_ERR_NO_INTERFACE, "no interface with matching name '%s'", name);
    return ret;
}

static vrInterface *
testInterfaceLookupByMACString(vrConnect *conn, const char *mac)
{
    testDriver *drv = testDriverFrom(conn);
    vrInterface *ret = NULL;
    int matches = 0;
    guint i;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->interfaces->len; i++) {
        testInterfaceObj *obj = g_ptr_array_index(drv->interfaces, i);
        if (obj->def->mac && g_ascii_strcasecmp(obj->def->mac, mac) == 0) {
            if (!ret)
                ret = testInterfaceHandle(conn, obj);
            matches++;
        }
    }
    g_mutex_unlock(&drv->lock);
    if (!ret) {
        vrReportError(VR_ERR_NO_INTERFACE, "no interface with matching mac '%s'", mac);
    } else if (matches > 1) {
        vrInterfaceFree(ret);
        vrReportError(VR_ERR_MULTIPLE_INTERFACES, "%s", "");
        return NULL;
    }
    return ret;
}

static char *
testInterfaceGetXMLDesc(vrInterface *iface, unsigned int flags)
{
    char *xml;

    vrCheckFlags(0, NULL);
    TEST_IFACE_BEGIN(iface, drv, obj, NULL);
    xml = vrInterfaceDefFormat(obj->def);
    TEST_IFACE_END(drv, xml);
}

static vrInterface *
testInterfaceDefineXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(vrInterfaceDef) def = NULL;
    testInterfaceObj *obj;
    vrInterface *ret;

    vrCheckFlags(0, NULL);
    if (!(def = vrInterfaceDefParseString(xml)))
        return NULL;
    g_mutex_lock(&drv->lock);
    if (!(obj = testInterfaceFindByName(drv, def->name))) {
        obj = g_new0(testInterfaceObj, 1);
        g_ptr_array_add(drv->interfaces, obj);
    }
    vrInterfaceDefFree(obj->def);
    obj->def = g_steal_pointer(&def);
    ret = testInterfaceHandle(conn, obj);
    g_mutex_unlock(&drv->lock);
    return ret;
}

static int
testInterfaceUndefine(vrInterface *iface)
{
    TEST_IFACE_BEGIN(iface, drv, obj, -1);
    g_ptr_array_remove(drv->interfaces, obj);
    TEST_IFACE_END(drv, 0);
}

static int
testInterfaceCreate(vrInterface *iface, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_IFACE_BEGIN(iface, drv, obj, -1);
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "interface is already running");
        TEST_IFACE_END(drv, -1);
    }
    obj->active = true;
    TEST_IFACE_END(drv, 0);
}

static int
testInterfaceDestroy(vrInterface *iface, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_IFACE_BEGIN(iface, drv, obj, -1);
    if (!obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "interface is not running");
        TEST_IFACE_END(drv, -1);
    }
    obj->active = false;
    TEST_IFACE_END(drv, 0);
}

static int
testInterfaceIsActive(vrInterface *iface)
{
    int ret;

    TEST_IFACE_BEGIN(iface, drv, obj, -1);
    ret = obj->active ? 1 : 0;
    TEST_IFACE_END(drv, ret);
}

const vrInterfaceDriver testInterfaceDriver = {
    .connectListAllInterfaces = testConnectListAllInterfaces,
    .connectNumOfInterfaces = testConnectNumOfInterfaces,
    .connectListInterfaces = testConnectListInterfaces,
    .connectNumOfDefinedInterfaces = testConnectNumOfDefinedInterfaces,
    .connectListDefinedInterfaces = testConnectListDefinedInterfaces,
    .interfaceLookupByName = testInterfaceLookupByName,
    .interfaceLookupByMACString = testInterfaceLookupByMACString,
    .interfaceGetXMLDesc = testInterfaceGetXMLDesc,
    .interfaceDefineXML = testInterfaceDefineXML,
    .interfaceUndefine = testInterfaceUndefine,
    .interfaceCreate = testInterfaceCreate,
    .interfaceDestroy = testInterfaceDestroy,
    .interfaceIsActive = testInterfaceIsActive,
};
