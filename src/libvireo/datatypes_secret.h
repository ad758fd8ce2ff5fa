/*
 * datatypes_secret.h: what a secret handle holds (kept apart from
 * datatypes.h so the secret work stays in its own files).
 */
#ifndef VR_DATATYPES_SECRET_H
#define VR_DATATYPES_SECRET_H

#include "datatypes.h"

struct _vrSecret {
    gint refs;
    vrConnect *conn;
    unsigned char uuid[VR_UUID_BUFLEN];
    int usageType;
    char *usageID;      /* "" for usage type none, as libvirt sends it */
};

vrSecret *vrSecretNew(vrConnect *conn, const unsigned char *uuid, int usageType,
                      const char *usageID);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrSecret, vrSecretFree)

#endif
