/*
 * vireo-storage.h: storage pools and volumes.
 */
#ifndef VIREO_STORAGE_H
#define VIREO_STORAGE_H

typedef enum {
    VR_STORAGE_POOL_INACTIVE = 0,
    VR_STORAGE_POOL_BUILDING = 1,
    VR_STORAGE_POOL_RUNNING = 2,
    VR_STORAGE_POOL_DEGRADED = 3,
    VR_STORAGE_POOL_INACCESSIBLE = 4,
    VR_STORAGE_POOL_STATE_LAST
} vrStoragePoolState;

typedef enum {
    VR_STORAGE_POOL_BUILD_NEW = 0,
    VR_STORAGE_POOL_BUILD_REPAIR = 1 << 0,
    VR_STORAGE_POOL_BUILD_RESIZE = 1 << 1,
    VR_STORAGE_POOL_BUILD_NO_OVERWRITE = 1 << 2,
    VR_STORAGE_POOL_BUILD_OVERWRITE = 1 << 3,
} vrStoragePoolBuildFlags;

typedef enum {
    VR_STORAGE_POOL_CREATE_NORMAL = 0,
    VR_STORAGE_POOL_CREATE_WITH_BUILD = 1 << 0,
    VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE = 1 << 1,
    VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 1 << 2,
} vrStoragePoolCreateFlags;

typedef enum {
    VR_STORAGE_POOL_DELETE_NORMAL = 0,
    VR_STORAGE_POOL_DELETE_ZEROED = 1 << 0,
} vrStoragePoolDeleteFlags;

typedef enum {
    VR_STORAGE_XML_INACTIVE = 1 << 0,
} vrStorageXMLFlags;

typedef struct {
    int state;                     /* vrStoragePoolState */
    unsigned long long capacity;   /* bytes */
    unsigned long long allocation; /* bytes */
    unsigned long long available;  /* bytes */
} vrStoragePoolInfo;

typedef enum {
    VR_STORAGE_VOL_FILE = 0,
    VR_STORAGE_VOL_BLOCK = 1,
    VR_STORAGE_VOL_DIR = 2,
    VR_STORAGE_VOL_NETWORK = 3,
    VR_STORAGE_VOL_NETDIR = 4,
    VR_STORAGE_VOL_PLOOP = 5,
    VR_STORAGE_VOL_LAST
} vrStorageVolType;

typedef struct {
    int type;                      /* vrStorageVolType */
    unsigned long long capacity;   /* bytes */
    unsigned long long allocation; /* bytes */
} vrStorageVolInfo;

typedef enum {
    VR_STORAGE_VOL_DELETE_NORMAL = 0,
    VR_STORAGE_VOL_DELETE_ZEROED = 1 << 0,
    VR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 1 << 1,
} vrStorageVolDeleteFlags;

typedef enum {
    VR_STORAGE_VOL_WIPE_ALG_ZERO = 0,
    VR_STORAGE_VOL_WIPE_ALG_NNSA = 1,
    VR_STORAGE_VOL_WIPE_ALG_DOD = 2,
    VR_STORAGE_VOL_WIPE_ALG_BSI = 3,
    VR_STORAGE_VOL_WIPE_ALG_GUTMANN = 4,
    VR_STORAGE_VOL_WIPE_ALG_SCHNEIER = 5,
    VR_STORAGE_VOL_WIPE_ALG_PFITZNER7 = 6,
    VR_STORAGE_VOL_WIPE_ALG_PFITZNER33 = 7,
    VR_STORAGE_VOL_WIPE_ALG_RANDOM = 8,
    VR_STORAGE_VOL_WIPE_ALG_TRIM = 9,
    VR_STORAGE_VOL_WIPE_ALG_LAST
} vrStorageVolWipeAlgorithm;

typedef enum {
    VR_STORAGE_VOL_RESIZE_ALLOCATE = 1 << 0,
    VR_STORAGE_VOL_RESIZE_DELTA = 1 << 1,
    VR_STORAGE_VOL_RESIZE_SHRINK = 1 << 2,
} vrStorageVolResizeFlags;

typedef enum {
    VR_STORAGE_VOL_CREATE_PREALLOC_METADATA = 1 << 0,
    VR_STORAGE_VOL_CREATE_REFLINK = 1 << 1,
    VR_STORAGE_VOL_CREATE_VALIDATE = 1 << 2,
} vrStorageVolCreateFlags;

typedef enum {
    VR_STORAGE_VOL_UPLOAD_SPARSE_STREAM = 1 << 0,
} vrStorageVolUploadFlags;

typedef enum {
    VR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 1 << 0,
} vrStorageVolDownloadFlags;

typedef enum {
    VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE = 1 << 0,
    VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE = 1 << 1,
    VR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT = 1 << 2,
    VR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT = 1 << 3,
    VR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART = 1 << 4,
    VR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART = 1 << 5,
    VR_CONNECT_LIST_STORAGE_POOLS_DIR = 1 << 6,
    VR_CONNECT_LIST_STORAGE_POOLS_FS = 1 << 7,
    VR_CONNECT_LIST_STORAGE_POOLS_NETFS = 1 << 8,
    VR_CONNECT_LIST_STORAGE_POOLS_LOGICAL = 1 << 9,
    VR_CONNECT_LIST_STORAGE_POOLS_DISK = 1 << 10,
    VR_CONNECT_LIST_STORAGE_POOLS_ISCSI = 1 << 11,
    VR_CONNECT_LIST_STORAGE_POOLS_SCSI = 1 << 12,
    VR_CONNECT_LIST_STORAGE_POOLS_MPATH = 1 << 13,
    VR_CONNECT_LIST_STORAGE_POOLS_RBD = 1 << 14,
    VR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG = 1 << 15,
    VR_CONNECT_LIST_STORAGE_POOLS_GLUSTER = 1 << 16,
    VR_CONNECT_LIST_STORAGE_POOLS_ZFS = 1 << 17,
    VR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE = 1 << 18,
    VR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT = 1 << 19,
} vrConnectListAllStoragePoolsFlags;

/* Pools */
int vrConnectListAllStoragePools(vrConnect *conn, vrStoragePool ***pools, unsigned int flags);
int vrConnectNumOfStoragePools(vrConnect *conn);
int vrConnectListStoragePools(vrConnect *conn, char **names, int maxnames);
int vrConnectNumOfDefinedStoragePools(vrConnect *conn);
int vrConnectListDefinedStoragePools(vrConnect *conn, char **names, int maxnames);
vrStoragePool *vrStoragePoolLookupByName(vrConnect *conn, const char *name);
vrStoragePool *vrStoragePoolLookupByUUID(vrConnect *conn, const unsigned char *uuid);
vrStoragePool *vrStoragePoolLookupByUUIDString(vrConnect *conn, const char *uuid);
vrStoragePool *vrStoragePoolLookupByVolume(vrStorageVol *vol);
vrStoragePool *vrStoragePoolDefineXML(vrConnect *conn, const char *xml, unsigned int flags);
vrStoragePool *vrStoragePoolCreateXML(vrConnect *conn, const char *xml, unsigned int flags);
int vrStoragePoolBuild(vrStoragePool *pool, unsigned int flags);
int vrStoragePoolCreate(vrStoragePool *pool, unsigned int flags);
int vrStoragePoolDestroy(vrStoragePool *pool);
int vrStoragePoolDelete(vrStoragePool *pool, unsigned int flags);
int vrStoragePoolUndefine(vrStoragePool *pool);
int vrStoragePoolRefresh(vrStoragePool *pool, unsigned int flags);
int vrStoragePoolGetInfo(vrStoragePool *pool, vrStoragePoolInfo *info);
char *vrStoragePoolGetXMLDesc(vrStoragePool *pool, unsigned int flags);
int vrStoragePoolGetAutostart(vrStoragePool *pool, int *autostart);
int vrStoragePoolSetAutostart(vrStoragePool *pool, int autostart);
int vrStoragePoolIsActive(vrStoragePool *pool);
int vrStoragePoolIsPersistent(vrStoragePool *pool);
int vrStoragePoolNumOfVolumes(vrStoragePool *pool);
int vrStoragePoolListVolumes(vrStoragePool *pool, char **names, int maxnames);
int vrStoragePoolListAllVolumes(vrStoragePool *pool, vrStorageVol ***vols, unsigned int flags);
char *vrConnectFindStoragePoolSources(vrConnect *conn, const char *type,
                                      const char *srcSpec, unsigned int flags);

const char *vrStoragePoolGetName(vrStoragePool *pool);
int vrStoragePoolGetUUID(vrStoragePool *pool, unsigned char *uuid);
int vrStoragePoolGetUUIDString(vrStoragePool *pool, char *buf);
vrConnect *vrStoragePoolGetConnect(vrStoragePool *pool);
int vrStoragePoolRef(vrStoragePool *pool);
int vrStoragePoolFree(vrStoragePool *pool);

/* Volumes */
vrStorageVol *vrStorageVolLookupByName(vrStoragePool *pool, const char *name);
vrStorageVol *vrStorageVolLookupByKey(vrConnect *conn, const char *key);
vrStorageVol *vrStorageVolLookupByPath(vrConnect *conn, const char *path);
vrStorageVol *vrStorageVolCreateXML(vrStoragePool *pool, const char *xml, unsigned int flags);
vrStorageVol *vrStorageVolCreateXMLFrom(vrStoragePool *pool, const char *xml,
                                        vrStorageVol *clonevol, unsigned int flags);
int vrStorageVolDelete(vrStorageVol *vol, unsigned int flags);
int vrStorageVolWipe(vrStorageVol *vol, unsigned int flags);
int vrStorageVolWipePattern(vrStorageVol *vol, unsigned int algorithm, unsigned int flags);
int vrStorageVolResize(vrStorageVol *vol, unsigned long long capacity, unsigned int flags);
int vrStorageVolGetInfo(vrStorageVol *vol, vrStorageVolInfo *info);
char *vrStorageVolGetXMLDesc(vrStorageVol *vol, unsigned int flags);
char *vrStorageVolGetPath(vrStorageVol *vol);
int vrStorageVolUpload(vrStorageVol *vol, vrStream *stream, unsigned long long offset,
                       unsigned long long length, unsigned int flags);
int vrStorageVolDownload(vrStorageVol *vol, vrStream *stream, unsigned long long offset,
                         unsigned long long length, unsigned int flags);

const char *vrStorageVolGetName(vrStorageVol *vol);
const char *vrStorageVolGetKey(vrStorageVol *vol);
vrConnect *vrStorageVolGetConnect(vrStorageVol *vol);
int vrStorageVolRef(vrStorageVol *vol);
int vrStorageVolFree(vrStorageVol *vol);

#endif
