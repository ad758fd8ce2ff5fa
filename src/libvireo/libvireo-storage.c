/*
 * libvireo-storage.c: the public storage pool and volume API.
 */
#include <config.h>

#include "api_internal.h"
#include "util/vruuid.h"

/* errors name the object kind, as libvirt's API files do */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_STORAGE

/* ---- pools --------------------------------------------------------- */

int
vrConnectListAllStoragePools(vrConnect *conn, vrStoragePool ***pools, unsigned int flags)
{
    if (pools)
        *pools = NULL;
    VR_API_CONN(conn, "virConnectListAllStoragePools", -1);
    VR_API_CALL(conn, storage, connectListAllStoragePools, "virConnectListAllStoragePools", -1,
                conn, pools, flags);
}

int
vrConnectNumOfStoragePools(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfStoragePools", -1);
    VR_API_CALL(conn, storage, connectNumOfStoragePools, "virConnectNumOfStoragePools", -1, conn);
}

int
vrConnectListStoragePools(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListStoragePools", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListStoragePools", -1);
    VR_API_CALL(conn, storage, connectListStoragePools, "virConnectListStoragePools", -1,
                conn, names, maxnames);
}

int
vrConnectNumOfDefinedStoragePools(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfDefinedStoragePools", -1);
    VR_API_CALL(conn, storage, connectNumOfDefinedStoragePools,
                "virConnectNumOfDefinedStoragePools", -1, conn);
}

int
vrConnectListDefinedStoragePools(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListDefinedStoragePools", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListDefinedStoragePools", -1);
    VR_API_CALL(conn, storage, connectListDefinedStoragePools,
                "virConnectListDefinedStoragePools", -1, conn, names, maxnames);
}

char *
vrConnectFindStoragePoolSources(vrConnect *conn, const char *type, const char *srcSpec,
                                unsigned int flags)
{
    VR_API_CONN(conn, "virConnectFindStoragePoolSources", NULL);
    VR_API_ARG(type, "virConnectFindStoragePoolSources", NULL);
    VR_API_WRITABLE(conn, "virConnectFindStoragePoolSources", NULL);
    VR_API_CALL(conn, storage, connectFindStoragePoolSources, "virConnectFindStoragePoolSources",
                NULL, conn, type, srcSpec, flags);
}

vrStoragePool *
vrStoragePoolLookupByName(vrConnect *conn, const char *name)
{
    VR_API_CONN(conn, "virStoragePoolLookupByName", NULL);
    VR_API_ARG(name, "virStoragePoolLookupByName", NULL);
    VR_API_CALL(conn, storage, storagePoolLookupByName, "virStoragePoolLookupByName", NULL,
                conn, name);
}

vrStoragePool *
vrStoragePoolLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    VR_API_CONN(conn, "virStoragePoolLookupByUUID", NULL);
    VR_API_ARG(uuid, "virStoragePoolLookupByUUID", NULL);
    VR_API_CALL(conn, storage, storagePoolLookupByUUID, "virStoragePoolLookupByUUID", NULL,
                conn, uuid);
}

vrStoragePool *
vrStoragePoolLookupByUUIDString(vrConnect *conn, const char *uuidstr)
{
    unsigned char uuid[VR_UUID_BUFLEN];

    VR_API_CONN(conn, "virStoragePoolLookupByUUIDString", NULL);
    VR_API_ARG(uuidstr, "virStoragePoolLookupByUUIDString", NULL);
    if (vrUUIDParse(uuidstr, uuid) < 0) {
        vrReportInvalidArg("%s", "uuidstr in virStoragePoolLookupByUUIDString must be a valid UUID");
        return NULL;
    }
    return vrStoragePoolLookupByUUID(conn, uuid);
}

vrStoragePool *
vrStoragePoolLookupByVolume(vrStorageVol *vol)
{
    VR_API_VOL(vol, "virStoragePoolLookupByVolume", NULL);
    VR_API_CALL(vol->conn, storage, storagePoolLookupByVolume, "virStoragePoolLookupByVolume",
                NULL, vol);
}

vrStoragePool *
vrStoragePoolDefineXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    VR_API_CONN(conn, "virStoragePoolDefineXML", NULL);
    VR_API_ARG(xml, "virStoragePoolDefineXML", NULL);
    VR_API_WRITABLE(conn, "virStoragePoolDefineXML", NULL);
    VR_API_CALL(conn, storage, storagePoolDefineXML, "virStoragePoolDefineXML", NULL,
                conn, xml, flags);
}

vrStoragePool *
vrStoragePoolCreateXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    VR_API_CONN(conn, "virStoragePoolCreateXML", NULL);
    VR_API_ARG(xml, "virStoragePoolCreateXML", NULL);
    VR_API_WRITABLE(conn, "virStoragePoolCreateXML", NULL);
    VR_API_CALL(conn, storage, storagePoolCreateXML, "virStoragePoolCreateXML", NULL,
                conn, xml, flags);
}

#define VR_POOL_OP(fn, method, ...) \
    VR_API_POOL(pool, fn, -1); \
    VR_API_WRITABLE(pool->conn, fn, -1); \
    VR_API_CALL(pool->conn, storage, method, fn, -1, pool, ##__VA_ARGS__)

int
vrStoragePoolBuild(vrStoragePool *pool, unsigned int flags)
{
    VR_POOL_OP("virStoragePoolBuild", storagePoolBuild, flags);
}

int
vrStoragePoolCreate(vrStoragePool *pool, unsigned int flags)
{
    VR_POOL_OP("virStoragePoolCreate", storagePoolCreate, flags);
}

int
vrStoragePoolDestroy(vrStoragePool *pool)
{
    VR_POOL_OP("virStoragePoolDestroy", storagePoolDestroy);
}

int
vrStoragePoolDelete(vrStoragePool *pool, unsigned int flags)
{
    VR_POOL_OP("virStoragePoolDelete", storagePoolDelete, flags);
}

int
vrStoragePoolUndefine(vrStoragePool *pool)
{
    VR_POOL_OP("virStoragePoolUndefine", storagePoolUndefine);
}

int
vrStoragePoolRefresh(vrStoragePool *pool, unsigned int flags)
{
    VR_POOL_OP("virStoragePoolRefresh", storagePoolRefresh, flags);
}

int
vrStoragePoolSetAutostart(vrStoragePool *pool, int autostart)
{
    VR_POOL_OP("virStoragePoolSetAutostart", storagePoolSetAutostart, autostart);
}

int
vrStoragePoolGetInfo(vrStoragePool *pool, vrStoragePoolInfo *info)
{
    VR_API_POOL(pool, "virStoragePoolGetInfo", -1);
    VR_API_ARG(info, "virStoragePoolGetInfo", -1);
    VR_API_CALL(pool->conn, storage, storagePoolGetInfo, "virStoragePoolGetInfo", -1, pool, info);
}

char *
vrStoragePoolGetXMLDesc(vrStoragePool *pool, unsigned int flags)
{
    VR_API_POOL(pool, "virStoragePoolGetXMLDesc", NULL);
    VR_API_CALL(pool->conn, storage, storagePoolGetXMLDesc, "virStoragePoolGetXMLDesc", NULL,
                pool, flags);
}

int
vrStoragePoolGetAutostart(vrStoragePool *pool, int *autostart)
{
    VR_API_POOL(pool, "virStoragePoolGetAutostart", -1);
    VR_API_ARG(autostart, "virStoragePoolGetAutostart", -1);
    VR_API_CALL(pool->conn, storage, storagePoolGetAutostart, "virStoragePoolGetAutostart", -1,
                pool, autostart);
}

int
vrStoragePoolIsActive(vrStoragePool *pool)
{
    VR_API_POOL(pool, "virStoragePoolIsActive", -1);
    VR_API_CALL(pool->conn, storage, storagePoolIsActive, "virStoragePoolIsActive", -1, pool);
}

int
vrStoragePoolIsPersistent(vrStoragePool *pool)
{
    VR_API_POOL(pool, "virStoragePoolIsPersistent", -1);
    VR_API_CALL(pool->conn, storage, storagePoolIsPersistent, "virStoragePoolIsPersistent", -1,
                pool);
}

int
vrStoragePoolNumOfVolumes(vrStoragePool *pool)
{
    VR_API_POOL(pool, "virStoragePoolNumOfVolumes", -1);
    VR_API_CALL(pool->conn, storage, storagePoolNumOfVolumes, "virStoragePoolNumOfVolumes", -1,
                pool);
}

int
vrStoragePoolListVolumes(vrStoragePool *pool, char **names, int maxnames)
{
    VR_API_POOL(pool, "virStoragePoolListVolumes", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virStoragePoolListVolumes", -1);
    VR_API_CALL(pool->conn, storage, storagePoolListVolumes, "virStoragePoolListVolumes", -1,
                pool, names, maxnames);
}

int
vrStoragePoolListAllVolumes(vrStoragePool *pool, vrStorageVol ***vols, unsigned int flags)
{
    if (vols)
        *vols = NULL;
    VR_API_POOL(pool, "virStoragePoolListAllVolumes", -1);
    VR_API_CALL(pool->conn, storage, storagePoolListAllVolumes, "virStoragePoolListAllVolumes",
                -1, pool, vols, flags);
}

/* ---- volumes ------------------------------------------------------- */

vrStorageVol *
vrStorageVolLookupByName(vrStoragePool *pool, const char *name)
{
    VR_API_POOL(pool, "virStorageVolLookupByName", NULL);
    VR_API_ARG(name, "virStorageVolLookupByName", NULL);
    VR_API_CALL(pool->conn, storage, storageVolLookupByName, "virStorageVolLookupByName", NULL,
                pool, name);
}

vrStorageVol *
vrStorageVolLookupByKey(vrConnect *conn, const char *key)
{
    VR_API_CONN(conn, "virStorageVolLookupByKey", NULL);
    VR_API_ARG(key, "virStorageVolLookupByKey", NULL);
    VR_API_CALL(conn, storage, storageVolLookupByKey, "virStorageVolLookupByKey", NULL, conn, key);
}

vrStorageVol *
vrStorageVolLookupByPath(vrConnect *conn, const char *path)
{
    VR_API_CONN(conn, "virStorageVolLookupByPath", NULL);
    VR_API_ARG(path, "virStorageVolLookupByPath", NULL);
    VR_API_CALL(conn, storage, storageVolLookupByPath, "virStorageVolLookupByPath", NULL,
                conn, path);
}

vrStorageVol *
vrStorageVolCreateXML(vrStoragePool *pool, const char *xml, unsigned int flags)
{
    VR_API_POOL(pool, "virStorageVolCreateXML", NULL);
    VR_API_ARG(xml, "virStorageVolCreateXML", NULL);
    VR_API_WRITABLE(pool->conn, "virStorageVolCreateXML", NULL);
    VR_API_CALL(pool->conn, storage, storageVolCreateXML, "virStorageVolCreateXML", NULL,
                pool, xml, flags);
}

vrStorageVol *
vrStorageVolCreateXMLFrom(vrStoragePool *pool, const char *xml, vrStorageVol *clonevol,
                          unsigned int flags)
{
    VR_API_POOL(pool, "virStorageVolCreateXMLFrom", NULL);
    VR_API_VOL(clonevol, "virStorageVolCreateXMLFrom", NULL);
    VR_API_ARG(xml, "virStorageVolCreateXMLFrom", NULL);
    VR_API_WRITABLE(pool->conn, "virStorageVolCreateXMLFrom", NULL);
    VR_API_CALL(pool->conn, storage, storageVolCreateXMLFrom, "virStorageVolCreateXMLFrom",
                NULL, pool, xml, clonevol, flags);
}

int
vrStorageVolDelete(vrStorageVol *vol, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolDelete", -1);
    VR_API_WRITABLE(vol->conn, "virStorageVolDelete", -1);
    VR_API_CALL(vol->conn, storage, storageVolDelete, "virStorageVolDelete", -1, vol, flags);
}

int
vrStorageVolWipe(vrStorageVol *vol, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolWipe", -1);
    VR_API_WRITABLE(vol->conn, "virStorageVolWipe", -1);
    if (vol->conn->driver->storage && !vol->conn->driver->storage->storageVolWipe)
        VR_API_CALL(vol->conn, storage, storageVolWipePattern, "virStorageVolWipe", -1,
                    vol, VR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
    VR_API_CALL(vol->conn, storage, storageVolWipe, "virStorageVolWipe", -1, vol, flags);
}

int
vrStorageVolWipePattern(vrStorageVol *vol, unsigned int algorithm, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolWipePattern", -1);
    VR_API_WRITABLE(vol->conn, "virStorageVolWipePattern", -1);
    VR_API_CALL(vol->conn, storage, storageVolWipePattern, "virStorageVolWipePattern", -1,
                vol, algorithm, flags);
}

int
vrStorageVolResize(vrStorageVol *vol, unsigned long long capacity, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolResize", -1);
    VR_API_WRITABLE(vol->conn, "virStorageVolResize", -1);
    VR_API_CALL(vol->conn, storage, storageVolResize, "virStorageVolResize", -1,
                vol, capacity, flags);
}

int
vrStorageVolGetInfo(vrStorageVol *vol, vrStorageVolInfo *info)
{
    VR_API_VOL(vol, "virStorageVolGetInfo", -1);
    VR_API_ARG(info, "virStorageVolGetInfo", -1);
    VR_API_CALL(vol->conn, storage, storageVolGetInfo, "virStorageVolGetInfo", -1, vol, info);
}

char *
vrStorageVolGetXMLDesc(vrStorageVol *vol, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolGetXMLDesc", NULL);
    VR_API_CALL(vol->conn, storage, storageVolGetXMLDesc, "virStorageVolGetXMLDesc", NULL,
                vol, flags);
}

char *
vrStorageVolGetPath(vrStorageVol *vol)
{
    VR_API_VOL(vol, "virStorageVolGetPath", NULL);
    VR_API_CALL(vol->conn, storage, storageVolGetPath, "virStorageVolGetPath", NULL, vol);
}

int
vrStorageVolUpload(vrStorageVol *vol, vrStream *st, unsigned long long offset,
                   unsigned long long length, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolUpload", -1);
    VR_API_STREAM(st, "virStorageVolUpload", -1);
    VR_API_WRITABLE(vol->conn, "virStorageVolUpload", -1);
    VR_API_CALL(vol->conn, storage, storageVolUpload, "virStorageVolUpload", -1,
                vol, st, offset, length, flags);
}

int
vrStorageVolDownload(vrStorageVol *vol, vrStream *st, unsigned long long offset,
                     unsigned long long length, unsigned int flags)
{
    VR_API_VOL(vol, "virStorageVolDownload", -1);
    VR_API_STREAM(st, "virStorageVolDownload", -1);
    VR_API_WRITABLE(vol->conn, "virStorageVolDownload", -1);
    VR_API_CALL(vol->conn, storage, storageVolDownload, "virStorageVolDownload", -1,
                vol, st, offset, length, flags);
}
