/*
 * storage_conf.h: storage pool (<pool>) and volume (<volume>) definitions,
 * and the pieces other documents share with them (<encryption>, <auth>).
 */
#ifndef VR_STORAGE_CONF_H
#define VR_STORAGE_CONF_H

#include <stdbool.h>
#include <libxml/tree.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrbuf.h"
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

/* Image formats (volume <format>, snapshot and backing <driver type>);
 * "none" is the unset value. */
typedef enum {
    VR_STORAGE_FILE_NONE = 0,
    VR_STORAGE_FILE_RAW,
    VR_STORAGE_FILE_DIR,
    VR_STORAGE_FILE_BOCHS,
    VR_STORAGE_FILE_CLOOP,
    VR_STORAGE_FILE_DMG,
    VR_STORAGE_FILE_ISO,
    VR_STORAGE_FILE_VPC,
    VR_STORAGE_FILE_VDI,
    VR_STORAGE_FILE_FAT,
    VR_STORAGE_FILE_VHD,
    VR_STORAGE_FILE_PLOOP,
    VR_STORAGE_FILE_COW,
    VR_STORAGE_FILE_QCOW,
    VR_STORAGE_FILE_QCOW2,
    VR_STORAGE_FILE_QED,
    VR_STORAGE_FILE_VMDK,
    VR_STORAGE_FILE_LAST
} vrStorageFileFormat;
VR_ENUM_DECL(vrStorageFileFormat);

/* ---- shared pieces ------------------------------------------------- */

/* A secret reference: by UUID or by usage. */
typedef struct {
    char *type;                /* <secret type=> kept as written */
    unsigned char uuid[VR_UUID_BUFLEN];
    bool hasUUID;
    char *usage;
} vrStorageSecretRef;

typedef enum {
    VR_STORAGE_AUTH_NONE = 0,
    VR_STORAGE_AUTH_CHAP,
    VR_STORAGE_AUTH_CEPHX,
    VR_STORAGE_AUTH_LAST
} vrStorageAuthType;
VR_ENUM_DECL(vrStorageAuth);

typedef struct {
    char *username;
    int authType;              /* vrStorageAuthType: pools only */
    vrStorageSecretRef secret;
} vrStorageAuthDef;

typedef enum {
    VR_STORAGE_ENCRYPTION_FORMAT_DEFAULT = 0,
    VR_STORAGE_ENCRYPTION_FORMAT_QCOW,
    VR_STORAGE_ENCRYPTION_FORMAT_LUKS,
    VR_STORAGE_ENCRYPTION_FORMAT_LUKS2,
    VR_STORAGE_ENCRYPTION_FORMAT_LAST
} vrStorageEncryptionFormatType;
VR_ENUM_DECL(vrStorageEncryptionFormat);

typedef enum {
    VR_STORAGE_ENCRYPTION_ENGINE_DEFAULT = 0,
    VR_STORAGE_ENCRYPTION_ENGINE_QEMU,
    VR_STORAGE_ENCRYPTION_ENGINE_LIBRBD,
    VR_STORAGE_ENCRYPTION_ENGINE_LAST
} vrStorageEncryptionEngineType;
VR_ENUM_DECL(vrStorageEncryptionEngine);

typedef struct {
    int format;                /* vrStorageEncryptionFormatType */
    int engine;                /* vrStorageEncryptionEngineType */
    vrStorageSecretRef *secrets;   /* all of type passphrase */
    size_t nsecrets;
    bool hasCipher;
    char *cipherName;
    unsigned int cipherSize;
    char *cipherMode;
    char *cipherHash;
    bool hasIvgen;
    char *ivgenName;
    char *ivgenHash;
} vrStorageEncryption;

int vrStorageEncryptionParse(xmlNodePtr node, vrStorageEncryption **enc);
void vrStorageEncryptionFormat(vrBuf *buf, const vrStorageEncryption *enc);
void vrStorageEncryptionFree(vrStorageEncryption *enc);

/* <auth username=...><secret .../></auth>; the pool's type= is kept in
 * authType.  Returns NULL (reported) on errors. */
vrStorageAuthDef *vrStorageAuthParse(xmlNodePtr node);
void vrStorageAuthFormat(vrBuf *buf, const vrStorageAuthDef *auth);
void vrStorageAuthFree(vrStorageAuthDef *auth);

/* Parses an ownership/mode block; -1 in the numbers means unset. */
typedef struct {
    int mode;                  /* -1 unset */
    long long uid, gid;        /* -1 unset */
    char *label;
} vrStoragePerms;

/* ---- pools --------------------------------------------------------- */

typedef struct {
    char *name;
    int port;                  /* 0 when absent */
} vrStoragePoolSourceHost;

typedef struct {
    char *path;
    int partSeparator;         /* tristate: 0 unset, 1 yes, 2 no */
} vrStoragePoolSourceDevice;

typedef enum {
    VR_STORAGE_ADAPTER_DEFAULT = 0,
    VR_STORAGE_ADAPTER_SCSI_HOST,
    VR_STORAGE_ADAPTER_FC_HOST,
    VR_STORAGE_ADAPTER_LAST
} vrStorageAdapterType;
VR_ENUM_DECL(vrStorageAdapter);

typedef struct {
    int type;                  /* vrStorageAdapterType */
    /* scsi_host */
    char *name;
    bool hasParentAddr;
    int uniqueId;
    unsigned int pciDomain, pciBus, pciSlot, pciFunction;
    /* fc_host */
    char *parent, *parentWWNN, *parentWWPN, *parentFabricWWN;
    char *wwnn, *wwpn;
    int managed;               /* tristate */
} vrStorageAdapterDef;

typedef struct {
    vrStoragePoolSourceHost *hosts;
    size_t nhosts;
    vrStoragePoolSourceDevice *devices;
    size_t ndevices;
    char *dir;
    char *name;                /* logical VG / rbd pool / gluster volume ... */
    int format;                /* index in the pool type's format table */
    char *initiatorIQN;
    vrStorageAdapterDef adapter;
    vrStorageAuthDef *auth;
    char *vendor;
    char *product;
    char *protocolVer;         /* netfs <protocol ver=> */
} vrStoragePoolSource;

typedef struct {
    unsigned char uuid[VR_UUID_BUFLEN];
    char *name;
    int type;              /* vrStoragePoolType */
    unsigned long long capacity, allocation, available;  /* bytes */
    vrStoragePoolSource source;
    char *targetPath;      /* NULL for network pools */
    vrStoragePerms perms;
} vrStoragePoolDef;

vrStoragePoolDef *vrStoragePoolDefParseString(const char *xml);
char *vrStoragePoolDefFormat(const vrStoragePoolDef *def);
void vrStoragePoolDefFree(vrStoragePoolDef *def);
vrStoragePoolDef *vrStoragePoolDefCopy(const vrStoragePoolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStoragePoolDef, vrStoragePoolDefFree)
/* The <source> element alone (find-storage-pool-sources answers). */
char *vrStoragePoolSourceFormat(const vrStoragePoolSource *src, int poolType, int indent);
/* Whether two pools would use the same storage (libvirt refuses to
 * define the second one). */
bool vrStoragePoolSourceConflicts(const vrStoragePoolDef *a, const vrStoragePoolDef *b);

/* ---- volumes ------------------------------------------------------- */

typedef struct {
    char *path;
    int format;            /* pool dependent, see vrStorageVolDefFormat */
    vrStoragePerms perms;
} vrStorageVolBacking;

typedef enum {
    VR_STORAGE_VOL_FEATURE_LAZY_REFCOUNTS = 0,
    VR_STORAGE_VOL_FEATURE_EXTENDED_L2,
    VR_STORAGE_VOL_FEATURE_LAST
} vrStorageVolFeature;
VR_ENUM_DECL(vrStorageVolFeature);

typedef struct {
    char *name;
    char *key;
    int type;              /* vrStorageVolType */
    unsigned long long capacity, allocation;  /* bytes */
    bool hasCapacity;
    bool hasAllocation;
    char *targetPath;
    int format;            /* pool dependent; -1 when the pool has none */
    vrStoragePerms perms;
    vrStorageEncryption *encryption;
    char *compat;
    unsigned long long clusterSize;
    bool hasFeatures;      /* <features> present, even empty */
    bool features[VR_STORAGE_VOL_FEATURE_LAST];
    vrStorageVolBacking *backing;
} vrStorageVolDef;

typedef enum {
    /* capacity may be omitted (vol-create-from inherits the source's) */
    VR_STORAGE_VOL_PARSE_NO_CAPACITY = 1 << 0,
} vrStorageVolParseFlags;

vrStorageVolDef *vrStorageVolDefParseString(const vrStoragePoolDef *pool, const char *xml,
                                            unsigned int flags);
char *vrStorageVolDefFormat(const vrStoragePoolDef *pool, const vrStorageVolDef *def);
void vrStorageVolDefFree(vrStorageVolDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageVolDef, vrStorageVolDefFree)

#endif
