/*
 * secret_conf.h: secret definitions (<secret>): the properties of a
 * stored secret, never its value.
 */
#ifndef VR_SECRET_CONF_H
#define VR_SECRET_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrenum.h"

typedef enum {
    VR_SECRET_USAGE_NONE = 0,
    VR_SECRET_USAGE_VOLUME,
    VR_SECRET_USAGE_CEPH,
    VR_SECRET_USAGE_ISCSI,
    VR_SECRET_USAGE_TLS,
    VR_SECRET_USAGE_VTPM,
    VR_SECRET_USAGE_LAST
} vrSecretUsageType;
VR_ENUM_DECL(vrSecretUsage);

typedef struct {
    bool isEphemeral;
    bool isPrivate;
    unsigned char uuid[VR_UUID_BUFLEN];
    char *description;
    int usageType;         /* vrSecretUsageType */
    char *usageID;         /* volume path, ceph/tls/vtpm name or iscsi target */
} vrSecretDef;

/* Parses a <secret>; a missing <uuid> is generated, as libvirt does. */
vrSecretDef *vrSecretDefParseString(const char *xml);
char *vrSecretDefFormat(const vrSecretDef *def);
vrSecretDef *vrSecretDefCopy(const vrSecretDef *def);
void vrSecretDefFree(vrSecretDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrSecretDef, vrSecretDefFree)

/* The name of the usage child element ("volume", "name", "target"), or
 * NULL for VR_SECRET_USAGE_NONE. */
const char *vrSecretUsageElement(int usageType);

#endif
