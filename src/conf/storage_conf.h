/*
 * storage_conf.h: storage pool (<pool>) and volume (<volume>) definitions.
 */
#ifndef VR_STORAGE_CONF_H
#define VR_STORAGE_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrenum.h"

typedef enum {
    VR_STORAGE_POOL_DIR = 0,
    VR_STORAGE_POOL_FS,
    VR_STORAGE_POOL_NETFS,
    VR_STORAGE_POOL_LOGICAL,
    VR_STORAGE_POOL_DISK,
    VR_STORAGE_POOL_ISCSI,
    VR_STORAGE_POOL_ISCSI_DIRECT,
    VR_STORAGE_POOL_SCSI,
    VR_STORAGE_POOL_MPATH,
    VR_STORAGE_POOL_RBD,
    VR_STORAGE_POOL_SHEEPDOG,
    VR_STORAGE_POOL_GLUSTER,
    VR_STORAGE_POOL_ZFS,
    VR_STORAGE_POOL_VSTORAGE,
    VR_STORAGE_POOL_LAST
} vrStoragePoolType;
VR_ENUM_DECL(vrStoragePool);

typedef struct {
    char *name;
    unsigned int port;
} vrStoragePoolSourceHost;

typedef struct {
    char *mode;            /* octal string as given, e.g. "0755" */
    char *owner;
    char *group;
    char *label;
} vrStoragePerms;

typedef struct {
    vrStoragePoolSourceHost *hosts;
    size_t nhosts;
    GPtrArray *devices;    /* <device path=> */
    char *dir;
    char *name;            /* logical VG / rbd pool / iscsi-direct name */
    char *format;
    char *initiatorIQN;
    char *adapterXML;      /* <adapter> kept whole */
    char *authXML;         /* <auth> kept whole */
    char *vendor;
    char *product;
    char *protocolVer;     /* netfs <protocol ver=> */
} vrStoragePoolSource;

typedef struct {
    unsigned char uuid[VR_UUID_BUFLEN];
    char *name;
    int type;              /* vrStoragePoolType */
    unsigned long long capacity, allocation, available;  /* bytes */
    vrStoragePoolSource source;
    char *targetPath;
    vrStoragePerms perms;
    bool hasPerms;
} vrStoragePoolDef;

typedef struct {
    char *path;
    char *format;
    vrStoragePerms perms;
    bool hasPerms;
} vrStorageVolBacking;

typedef struct {
    char *name;
    char *key;
    int type;              /* vrStorageVolType */
    unsigned long long capacity, allocation, physical;  /* bytes */
    bool hasCapacity;
    bool hasAllocation;
    char *targetPath;
    char *format;
    vrStoragePerms perms;
    bool hasPerms;
    char *compat;
    bool nocow;
    bool lazyRefcounts;
    char *encryptionXML;
    char *sourceXML;       /* disk pool partitions: <source><device><extent/></device></source> */
    vrStorageVolBacking backing;
    bool hasBacking;
} vrStorageVolDef;

vrStoragePoolDef *vrStoragePoolDefParseString(const char *xml);
char *vrStoragePoolDefFormat(const vrStoragePoolDef *def);
void vrStoragePoolDefFree(vrStoragePoolDef *def);
vrStoragePoolDef *vrStoragePoolDefCopy(const vrStoragePoolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStoragePoolDef, vrStoragePoolDefFree)
/* The <source> element alone (find-storage-pool-sources answers). */
char *vrStoragePoolSourceFormat(const vrStoragePoolSource *src, int poolType, int indent);

typedef enum {
    /* capacity may be omitted (vol-create-from inherits the source's) */
    VR_STORAGE_VOL_PARSE_NO_CAPACITY = 1 << 0,
} vrStorageVolParseFlags;

vrStorageVolDef *vrStorageVolDefParseString(const vrStoragePoolDef *pool, const char *xml,
                                            unsigned int flags);
char *vrStorageVolDefFormat(const vrStoragePoolDef *pool, const vrStorageVolDef *def);
void vrStorageVolDefFree(vrStorageVolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageVolDef, vrStorageVolDefFree)

/* Format names a volume of a given pool type may have. */
bool vrStorageVolFormatIsValid(int poolType, const char *format);
/* Whether a pool type has a <format> in its source. */
bool vrStoragePoolTypeHasFormat(int poolType);

#endif
