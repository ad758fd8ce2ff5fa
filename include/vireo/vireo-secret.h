/*
 * vireo-secret.h: secrets (passphrases, CHAP passwords, keys) kept by the
 * daemon and referred to by UUID or usage from volume, pool and disk XML.
 */
#ifndef VIREO_SECRET_H
#define VIREO_SECRET_H

typedef struct _vrSecret vrSecret;

/* Numbering is libvirt's (virSecretUsageType): it travels on the wire. */
typedef enum {
    VR_SECRET_USAGE_TYPE_NONE = 0,
    VR_SECRET_USAGE_TYPE_VOLUME = 1,
    VR_SECRET_USAGE_TYPE_CEPH = 2,
    VR_SECRET_USAGE_TYPE_ISCSI = 3,
    VR_SECRET_USAGE_TYPE_TLS = 4,
    VR_SECRET_USAGE_TYPE_VTPM = 5,
} vrSecretUsageKind;   /* conf has its own vrSecretUsageType */

typedef enum {
    VR_CONNECT_LIST_SECRETS_EPHEMERAL = 1 << 0,
    VR_CONNECT_LIST_SECRETS_NO_EPHEMERAL = 1 << 1,
    VR_CONNECT_LIST_SECRETS_PRIVATE = 1 << 2,
    VR_CONNECT_LIST_SECRETS_NO_PRIVATE = 1 << 3,
} vrConnectListAllSecretsFlags;

int vrConnectListAllSecrets(vrConnect *conn, vrSecret ***secrets, unsigned int flags);
int vrConnectNumOfSecrets(vrConnect *conn);
int vrConnectListSecrets(vrConnect *conn, char **uuids, int maxuuids);

vrSecret *vrSecretLookupByUUID(vrConnect *conn, const unsigned char *uuid);
vrSecret *vrSecretLookupByUUIDString(vrConnect *conn, const char *uuid);
vrSecret *vrSecretLookupByUsage(vrConnect *conn, int usageType, const char *usageID);
vrSecret *vrSecretDefineXML(vrConnect *conn, const char *xml, unsigned int flags);
char *vrSecretGetXMLDesc(vrSecret *secret, unsigned int flags);
int vrSecretSetValue(vrSecret *secret, const unsigned char *value, size_t value_size,
                     unsigned int flags);
/* The value (g_free it), its length in *value_size; NULL on error. */
unsigned char *vrSecretGetValue(vrSecret *secret, size_t *value_size, unsigned int flags);
int vrSecretUndefine(vrSecret *secret);

int vrSecretGetUUID(vrSecret *secret, unsigned char *uuid);
int vrSecretGetUUIDString(vrSecret *secret, char *buf);
int vrSecretGetUsageType(vrSecret *secret);
const char *vrSecretGetUsageID(vrSecret *secret);
vrConnect *vrSecretGetConnect(vrSecret *secret);
int vrSecretRef(vrSecret *secret);
int vrSecretFree(vrSecret *secret);

#endif
