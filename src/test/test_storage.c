/*
 * test_storage.c: storage pools and volumes of the test driver.  Every
 * pool claims 100 GiB; volumes are bookkeeping only.
 */
#include <config.h>

#include <string.h>

#include "test_driver.h"
#include "util/vrerror.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_STORAGE

#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)

static void
testVolumeObjFree(testVolumeObj *vol)
{
    if (!vol)
        return;
    vrStorageVolDefFree(vol->def);
    g_free(vol);
}

void
testPoolObjFree(testPoolObj *obj)
{
    if (!obj)
        return;
    vrStoragePoolDefFree(obj->def);
    if (obj->volumes) {
        guint i;
        for (i = 0; i < obj->volumes->len; i++)
            testVolumeObjFree(g_ptr_array_index(obj->volumes, i));
        g_ptr_array_unref(obj->volumes);
    }
    g_free(obj);
}

static testPoolObj *
testPoolFindByName(testDriver *drv, const char *name)
{
    guint i;

    for (i = 0; i < drv->pools->len; i++) {
        testPoolObj *obj = g_ptr_array_index(drv->pools, i);
        if (g_str_equal(obj->def->name, name))
            return obj;
    }
    return NULL;
}

static testPoolObj *
testPoolFindByUUID(testDriver *drv, const unsigned char *uuid)
{
    guint i;

    for (i = 0; i < drv->pools->len; i++) {
        testPoolObj *obj = g_ptr_array_index(drv->pools, i);
        if (memcmp(obj->def->uuid, uuid, VR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

static testPoolObj *
testPoolFind(testDriver *drv, vrStoragePool *pool)
{
    testPoolObj *obj = testPoolFindByUUID(drv, pool->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!obj)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s' (%s)",
                      vrUUIDFormat(pool->uuid, uuid), pool->name);
    return obj;
}

static int
testPoolCheckActive(testPoolObj *obj)
{
    if (!obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", obj->def->name);
        return -1;
    }
    return 0;
}

static int
testPoolCheckInactive(testPoolObj *obj)
{
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is active", obj->def->name);
        return -1;
    }
    return 0;
}

static void
testPoolSetDefaults(testPoolObj *obj)
{
    unsigned long long used = 0;
    guint i;

    for (i = 0; obj->volumes && i < obj->volumes->len; i++)
        used += ((testVolumeObj *)g_ptr_array_index(obj->volumes, i))->def->allocation;
    obj->def->capacity = TEST_POOL_CAPACITY;
    obj->def->allocation = used;
    obj->def->available = TEST_POOL_CAPACITY - used;
}

#define TEST_POOL_BEGIN(pool, drv, obj, ret) \
    testDriver *drv = testDriverFrom((pool)->conn); \
    testPoolObj *obj; \
    g_mutex_lock(&drv->lock); \
    if (!(obj = testPoolFind(drv, (pool)))) { \
        g_mutex_unlock(&drv->lock); \
        return ret; \
    }

#define TEST_POOL_END(drv, ret) \
    do { \
        g_mutex_unlock(&(drv)->lock); \
        return ret; \
    } while (0)

/* ---- pools --------------------------------------------------------- */

static bool
testPoolMatch(testPoolObj *obj, unsigned int flags)
{
    unsigned int typeFlags = flags & ~(VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                                       VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                                       VR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                                       VR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                                       VR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                                       VR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART);
#define FILTER(yes, no, cond) \
    if ((flags & ((yes) | (no))) && \
        !(((flags & (yes)) && (cond)) || ((flags & (no)) && !(cond)))) \
        return false
    FILTER(VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
           obj->active);
    FILTER(VR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, VR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT,
           obj->persistent);
    FILTER(VR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, VR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
           obj->autostart);
#undef FILTER
    /* one bit per pool type, starting at DIR, in vrStoragePoolType order */
    if (typeFlags && !(typeFlags & (VR_CONNECT_LIST_STORAGE_POOLS_DIR << obj->def->type)))
        return false;
    return true;
}

static int
testConnectListAllStoragePools(vrConnect *conn, vrStoragePool ***pools, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();
    guint i;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->pools->len; i++) {
        testPoolObj *obj = g_ptr_array_index(drv->pools, i);
        if (testPoolMatch(obj, flags))
            g_ptr_array_add(list, obj);
    }
    if (pools) {
        *pools = g_new0(vrStoragePool *, list->len + 1);
        for (i = 0; i < list->len; i++) {
            testPoolObj *obj = g_ptr_array_index(list, i);
            (*pools)[i] = vrStoragePoolNew(conn, obj->def->name, obj->def->uuid);
        }
    }
    g_mutex_unlock(&drv->lock);
    return (int)list->len;
}

static int
testConnectNumOfStoragePools(vrConnect *conn)
{
    return testConnectListAllStoragePools(conn, NULL, VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
}

static int
testConnectNumOfDefinedStoragePools(vrConnect *conn)
{
    return testConnectListAllStoragePools(conn, NULL, VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE);
}

static int
testPoolListNames(vrConnect *conn, char **names, int maxnames, bool active)
{
    testDriver *drv = testDriverFrom(conn);
    guint i;
    int n = 0;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->pools->len && n < maxnames; i++) {
        testPoolObj *obj = g_ptr_array_index(drv->pools, i);
        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&drv->lock);
    return n;
}

static int
testConnectListStoragePools(vrConnect *conn, char **names, int maxnames)
{
    return testPoolListNames(conn, names, maxnames, true);
}

static int
testConnectListDefinedStoragePools(vrConnect *conn, char **names, int maxnames)
{
    return testPoolListNames(conn, names, maxnames, false);
}

static char *
testConnectFindStoragePoolSources(vrConnect *conn, const char *type, const char *srcSpec,
                                  unsigned int flags)
{
    int poolType = vrStoragePoolTypeFromString(type);

    (void)conn;
    (void)srcSpec;
    vrCheckFlags(0, NULL);
    if (poolType < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (poolType == VR_STORAGE_POOL_LOGICAL)
        return g_strdup("<sources>\n  <source>\n    <device path='/dev/sda20'/>\n"
                        "    <name>testvg1</name>\n    <format type='lvm2'/>\n  </source>\n"
                        "  <source>\n    <device path='/dev/sda21'/>\n    <name>testvg2</name>\n"
                        "    <format type='lvm2'/>\n  </source>\n</sources>\n");
    if (poolType == VR_STORAGE_POOL_NETFS) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "hostname must be specified for netfs sources");
        return NULL;
    }
    vrReportError(VR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery", type);
    return NULL;
}

static vrStoragePool *
testStoragePoolLookupByName(vrConnect *conn, const char *name)
{
    testDriver *drv = testDriverFrom(conn);
    testPoolObj *obj;
    vrStoragePool *pool = NULL;

    g_mutex_lock(&drv->lock);
    if ((obj = testPoolFindByName(drv, name)))
        pool = vrStoragePoolNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    if (!pool)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return pool;
}

static vrStoragePool *
testStoragePoolLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    testDriver *drv = testDriverFrom(conn);
    testPoolObj *obj;
    vrStoragePool *pool = NULL;
    char uuidstr[VR_UUID_STRING_BUFLEN];

    g_mutex_lock(&drv->lock);
    if ((obj = testPoolFindByUUID(drv, uuid)))
        pool = vrStoragePoolNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    if (!pool)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                      vrUUIDFormat(uuid, uuidstr));
    return pool;
}

static vrStoragePool *
testStoragePoolLookupByVolume(vrStorageVol *vol)
{
    testDriver *drv = testDriverFrom(vol->conn);
    testPoolObj *obj;
    vrStoragePool *pool = NULL;

    g_mutex_lock(&drv->lock);
    if ((obj = testPoolFindByName(drv, vol->pool)))
        pool = vrStoragePoolNew(vol->conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    if (!pool)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                      vol->pool);
    return pool;
}

/* Two pools may not use the same storage under different names. */
static int
testPoolCheckSourceClash(testDriver *drv, const vrStoragePoolDef *def)
{
    guint i;

    for (i = 0; i < drv->pools->len; i++) {
        testPoolObj *obj = g_ptr_array_index(drv->pools, i);
        if (vrStoragePoolSourceConflicts(obj->def, def)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "Storage source conflict with pool: '%s'",
                          obj->def->name);
            return -1;
        }
    }
    return 0;
}

static int
testPoolCheckClash(testDriver *drv, const vrStoragePoolDef *def, bool live,
                   testPoolObj **existing)
{
    testPoolObj *obj = testPoolFindByUUID(drv, def->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    *existing = NULL;
    if (obj) {
        if (!g_str_equal(obj->def->name, def->name)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "pool '%s' is already defined with uuid %s",
                          obj->def->name, vrUUIDFormat(obj->def->uuid, uuid));
            return -1;
        }
        if (live && obj->active) {
            vrReportError(VR_ERR_OPERATION_INVALID, "pool is already active as '%s'",
                          obj->def->name);
            return -1;
        }
        *existing = obj;
        return 0;
    }
    if ((obj = testPoolFindByName(drv, def->name))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        return -1;
    }
    return testPoolCheckSourceClash(drv, def);
}

static vrStoragePool *
testStoragePoolAdd(vrConnect *conn, const char *xml, bool live)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(vrStoragePoolDef) def = vrStoragePoolDefParseString(xml);
    testPoolObj *obj;
    vrStoragePool *pool;

    if (!def)
        return NULL;
    g_mutex_lock(&drv->lock);
    if (testPoolCheckClash(drv, def, live, &obj) < 0) {
        g_mutex_unlock(&drv->lock);
        return NULL;
    }
    if (!obj) {
        obj = g_new0(testPoolObj, 1);
        obj->volumes = g_ptr_array_new();
        g_ptr_array_add(drv->pools, obj);
    }
    vrStoragePoolDefFree(obj->def);
    obj->def = g_steal_pointer(&def);
    testPoolSetDefaults(obj);
    if (live)
        obj->active = true;
    else
        obj->persistent = true;
    pool = vrStoragePoolNew(conn, obj->def->name, obj->def->uuid);
    g_mutex_unlock(&drv->lock);
    return pool;
}

static vrStoragePool *
testStoragePoolDefineXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrCheckFlags(0, NULL);
    return testStoragePoolAdd(conn, xml, false);
}

static vrStoragePool *
testStoragePoolCreateXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrCheckFlags(VR_STORAGE_POOL_CREATE_WITH_BUILD | VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                 VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    return testStoragePoolAdd(conn, xml, true);
}

static int
testStoragePoolBuild(vrStoragePool *pool, unsigned int flags)
{
    vrCheckFlags(VR_STORAGE_POOL_BUILD_OVERWRITE | VR_STORAGE_POOL_BUILD_NO_OVERWRITE, -1);
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckInactive(obj) < 0)
        TEST_POOL_END(drv, -1);
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolCreate(vrStoragePool *pool, unsigned int flags)
{
    vrCheckFlags(VR_STORAGE_POOL_CREATE_WITH_BUILD | VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                 VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckInactive(obj) < 0)
        TEST_POOL_END(drv, -1);
    obj->active = true;
    testPoolSetDefaults(obj);
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolDestroy(vrStoragePool *pool)
{
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, -1);
    obj->active = false;
    if (!obj->persistent)
        g_ptr_array_remove(drv->pools, obj);
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolDelete(vrStoragePool *pool, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckInactive(obj) < 0)
        TEST_POOL_END(drv, -1);
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolUndefine(vrStoragePool *pool)
{
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckInactive(obj) < 0)
        TEST_POOL_END(drv, -1);
    g_ptr_array_remove(drv->pools, obj);
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolRefresh(vrStoragePool *pool, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, -1);
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolGetInfo(vrStoragePool *pool, vrStoragePoolInfo *info)
{
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    memset(info, 0, sizeof(*info));
    info->state = obj->active ? VR_STORAGE_POOL_RUNNING : VR_STORAGE_POOL_INACTIVE;
    info->capacity = obj->def->capacity;
    info->allocation = obj->def->allocation;
    info->available = obj->def->available;
    TEST_POOL_END(drv, 0);
}

static char *
testStoragePoolGetXMLDesc(vrStoragePool *pool, unsigned int flags)
{
    char *xml;

    vrCheckFlags(0, NULL);
    TEST_POOL_BEGIN(pool, drv, obj, NULL);
    xml = vrStoragePoolDefFormat(obj->def);
    TEST_POOL_END(drv, xml);
}

static int
testStoragePoolGetAutostart(vrStoragePool *pool, int *autostart)
{
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    *autostart = obj->autostart ? 1 : 0;
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolSetAutostart(vrStoragePool *pool, int autostart)
{
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "cannot set autostart for transient pool");
        TEST_POOL_END(drv, -1);
    }
    obj->autostart = autostart != 0;
    TEST_POOL_END(drv, 0);
}

static int
testStoragePoolIsActive(vrStoragePool *pool)
{
    int ret;

    TEST_POOL_BEGIN(pool, drv, obj, -1);
    ret = obj->active ? 1 : 0;
    TEST_POOL_END(drv, ret);
}

static int
testStoragePoolIsPersistent(vrStoragePool *pool)
{
    int ret;

    TEST_POOL_BEGIN(pool, drv, obj, -1);
    ret = obj->persistent ? 1 : 0;
    TEST_POOL_END(drv, ret);
}

static int
testStoragePoolNumOfVolumes(vrStoragePool *pool)
{
    int ret;

    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, -1);
    ret = (int)obj->volumes->len;
    TEST_POOL_END(drv, ret);
}

static int
testStoragePoolListVolumes(vrStoragePool *pool, char **names, int maxnames)
{
    guint i;
    int n = 0;

    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, -1);
    for (i = 0; i < obj->volumes->len && n < maxnames; i++)
        names[n++] = g_strdup(((testVolumeObj *)g_ptr_array_index(obj->volumes, i))->def->name);
    TEST_POOL_END(drv, n);
}

static vrStorageVol *
testVolumeHandle(vrConnect *conn, testPoolObj *pool, testVolumeObj *vol)
{
    return vrStorageVolNew(conn, pool->def->name, vol->def->name, vol->def->key);
}

static int
testStoragePoolListAllVolumes(vrStoragePool *pool, vrStorageVol ***vols, unsigned int flags)
{
    guint i;
    int n;

    vrCheckFlags(0, -1);
    TEST_POOL_BEGIN(pool, drv, obj, -1);
    if (!obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "storage pool is not active");
        TEST_POOL_END(drv, -1);
    }
    n = (int)obj->volumes->len;
    if (vols) {
        *vols = g_new0(vrStorageVol *, obj->volumes->len + 1);
        for (i = 0; i < obj->volumes->len; i++)
            (*vols)[i] = testVolumeHandle(pool->conn, obj, g_ptr_array_index(obj->volumes, i));
    }
    TEST_POOL_END(drv, n);
}

/* ---- volumes ------------------------------------------------------- */

static testVolumeObj *
testVolumeFindByName(testPoolObj *pool, const char *name)
{
    guint i;

    for (i = 0; i < pool->volumes->len; i++) {
        testVolumeObj *vol = g_ptr_array_index(pool->volumes, i);
        if (g_str_equal(vol->def->name, name))
            return vol;
    }
    return NULL;
}

/* Volume and its pool, for a handle; only active pools are searched. */
static testVolumeObj *
testVolumeFind(testDriver *drv, vrStorageVol *handle, testPoolObj **poolOut)
{
    testPoolObj *pool = testPoolFindByName(drv, handle->pool);
    testVolumeObj *vol;

    if (!pool) {
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                      handle->pool);
        return NULL;
    }
    if (testPoolCheckActive(pool) < 0)
        return NULL;
    if (!(vol = testVolumeFindByName(pool, handle->name))) {
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                      handle->name);
        return NULL;
    }
    *poolOut = pool;
    return vol;
}

#define TEST_VOL_BEGIN(handle, drv, pool, vol, ret) \
    testDriver *drv = testDriverFrom((handle)->conn); \
    testPoolObj *pool = NULL; \
    testVolumeObj *vol; \
    g_mutex_lock(&drv->lock); \
    if (!(vol = testVolumeFind(drv, (handle), &pool))) { \
        g_mutex_unlock(&drv->lock); \
        return ret; \
    }

static vrStorageVol *
testStorageVolLookupByName(vrStoragePool *pool, const char *name)
{
    testVolumeObj *vol;
    vrStorageVol *ret;

    TEST_POOL_BEGIN(pool, drv, obj, NULL);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, NULL);
    if (!(vol = testVolumeFindByName(obj, name))) {
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
        TEST_POOL_END(drv, NULL);
    }
    ret = testVolumeHandle(pool->conn, obj, vol);
    TEST_POOL_END(drv, ret);
}

static vrStorageVol *
testStorageVolLookupBy(vrConnect *conn, const char *what, bool byKey)
{
    testDriver *drv = testDriverFrom(conn);
    vrStorageVol *ret = NULL;
    guint i, j;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->pools->len && !ret; i++) {
        testPoolObj *pool = g_ptr_array_index(drv->pools, i);
        if (!pool->active)
            continue;
        for (j = 0; j < pool->volumes->len; j++) {
            testVolumeObj *vol = g_ptr_array_index(pool->volumes, j);
            const char *v = byKey ? vol->def->key : vol->def->targetPath;
            if (g_strcmp0(v, what) == 0) {
                ret = testVolumeHandle(conn, pool, vol);
                break;
            }
        }
    }
    g_mutex_unlock(&drv->lock);
    if (!ret)
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                      byKey ? "key" : "path", what);
    return ret;
}

static vrStorageVol *
testStorageVolLookupByKey(vrConnect *conn, const char *key)
{
    return testStorageVolLookupBy(conn, key, true);
}

static vrStorageVol *
testStorageVolLookupByPath(vrConnect *conn, const char *path)
{
    return testStorageVolLookupBy(conn, path, false);
}

/* Checks and registers a parsed volume in an active pool. */
static testVolumeObj *
testStorageVolAdd(testPoolObj *obj, vrStorageVolDef *def)
{
    testVolumeObj *vol;

    if (testVolumeFindByName(obj, def->name)) {
        vrReportError(VR_ERR_OPERATION_FAILED, "%s", "storage vol already exists");
        return NULL;
    }
    if (obj->def->allocation + def->allocation > obj->def->capacity) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Not enough free space in pool for volume '%s'",
                      def->name);
        return NULL;
    }
    g_free(def->targetPath);
    def->targetPath = g_strdup_printf("%s/%s", obj->def->targetPath, def->name);
    g_free(def->key);
    def->key = g_strdup(def->targetPath);
    vol = g_new0(testVolumeObj, 1);
    vol->def = def;
    g_ptr_array_add(obj->volumes, vol);
    obj->def->allocation += def->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    return vol;
}

static vrStorageVol *
testStorageVolCreateXML(vrStoragePool *pool, const char *xml, unsigned int flags)
{
    g_autoptr(vrStorageVolDef) def = NULL;
    testVolumeObj *vol;
    vrStorageVol *ret;

    vrCheckFlags(0, NULL);
    TEST_POOL_BEGIN(pool, drv, obj, NULL);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, NULL);
    if (!(def = vrStorageVolDefParseString(obj->def, xml, 0)))
        TEST_POOL_END(drv, NULL);
    if (!(vol = testStorageVolAdd(obj, def)))
        TEST_POOL_END(drv, NULL);
    def = NULL;
    ret = testVolumeHandle(pool->conn, obj, vol);
    TEST_POOL_END(drv, ret);
}

static vrStorageVol *
testStorageVolCreateXMLFrom(vrStoragePool *pool, const char *xml, vrStorageVol *clonevol,
                            unsigned int flags)
{
    g_autoptr(vrStorageVolDef) def = NULL;
    testPoolObj *srcPool;
    testVolumeObj *src, *vol;
    vrStorageVol *ret;

    vrCheckFlags(0, NULL);
    TEST_POOL_BEGIN(pool, drv, obj, NULL);
    if (testPoolCheckActive(obj) < 0)
        TEST_POOL_END(drv, NULL);
    if (!(def = vrStorageVolDefParseString(obj->def, xml, VR_STORAGE_VOL_PARSE_NO_CAPACITY)))
        TEST_POOL_END(drv, NULL);
    if (!(src = testVolumeFind(drv, clonevol, &srcPool))) {
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                      clonevol->name);
        TEST_POOL_END(drv, NULL);
    }
    if (!def->hasCapacity)
        def->capacity = src->def->capacity;
    if (!def->hasAllocation)
        def->allocation = def->capacity;
    if (!(vol = testStorageVolAdd(obj, def)))
        TEST_POOL_END(drv, NULL);
    def = NULL;
    ret = testVolumeHandle(pool->conn, obj, vol);
    TEST_POOL_END(drv, ret);
}

static int
testStorageVolDelete(vrStorageVol *handle, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_VOL_BEGIN(handle, drv, pool, vol, -1);
    pool->def->allocation -= vol->def->allocation;
    pool->def->available = pool->def->capacity - pool->def->allocation;
    g_ptr_array_remove(pool->volumes, vol);
    testVolumeObjFree(vol);
    TEST_POOL_END(drv, 0);
}

static int
testStorageVolGetInfo(vrStorageVol *handle, vrStorageVolInfo *info)
{
    TEST_VOL_BEGIN(handle, drv, pool, vol, -1);
    (void)pool;
    memset(info, 0, sizeof(*info));
    info->type = vol->def->type;
    info->capacity = vol->def->capacity;
    info->allocation = vol->def->allocation;
    TEST_POOL_END(drv, 0);
}

static char *
testStorageVolGetXMLDesc(vrStorageVol *handle, unsigned int flags)
{
    char *xml;

    vrCheckFlags(0, NULL);
    TEST_VOL_BEGIN(handle, drv, pool, vol, NULL);
    xml = vrStorageVolDefFormat(pool->def, vol->def);
    TEST_POOL_END(drv, xml);
}

static char *
testStorageVolGetPath(vrStorageVol *handle)
{
    char *path;

    TEST_VOL_BEGIN(handle, drv, pool, vol, NULL);
    (void)pool;
    path = g_strdup(vol->def->targetPath);
    TEST_POOL_END(drv, path);
}

const vrStorageDriver testStorageDriver = {
    .connectListAllStoragePools = testConnectListAllStoragePools,
    .connectNumOfStoragePools = testConnectNumOfStoragePools,
    .connectListStoragePools = testConnectListStoragePools,
    .connectNumOfDefinedStoragePools = testConnectNumOfDefinedStoragePools,
    .connectListDefinedStoragePools = testConnectListDefinedStoragePools,
    .connectFindStoragePoolSources = testConnectFindStoragePoolSources,
    .storagePoolLookupByName = testStoragePoolLookupByName,
    .storagePoolLookupByUUID = testStoragePoolLookupByUUID,
    .storagePoolLookupByVolume = testStoragePoolLookupByVolume,
    .storagePoolDefineXML = testStoragePoolDefineXML,
    .storagePoolCreateXML = testStoragePoolCreateXML,
    .storagePoolBuild = testStoragePoolBuild,
    .storagePoolCreate = testStoragePoolCreate,
    .storagePoolDestroy = testStoragePoolDestroy,
    .storagePoolDelete = testStoragePoolDelete,
    .storagePoolUndefine = testStoragePoolUndefine,
    .storagePoolRefresh = testStoragePoolRefresh,
    .storagePoolGetInfo = testStoragePoolGetInfo,
    .storagePoolGetXMLDesc = testStoragePoolGetXMLDesc,
    .storagePoolGetAutostart = testStoragePoolGetAutostart,
    .storagePoolSetAutostart = testStoragePoolSetAutostart,
    .storagePoolIsActive = testStoragePoolIsActive,
    .storagePoolIsPersistent = testStoragePoolIsPersistent,
    .storagePoolNumOfVolumes = testStoragePoolNumOfVolumes,
    .storagePoolListVolumes = testStoragePoolListVolumes,
    .storagePoolListAllVolumes = testStoragePoolListAllVolumes,
    .storageVolLookupByName = testStorageVolLookupByName,
    .storageVolLookupByKey = testStorageVolLookupByKey,
    .storageVolLookupByPath = testStorageVolLookupByPath,
    .storageVolCreateXML = testStorageVolCreateXML,
    .storageVolCreateXMLFrom = testStorageVolCreateXMLFrom,
    .storageVolDelete = testStorageVolDelete,
    .storageVolGetInfo = testStorageVolGetInfo,
    .storageVolGetXMLDesc = testStorageVolGetXMLDesc,
    .storageVolGetPath = testStorageVolGetPath,
};
