/*
 * storage_encryption.h: encrypted volumes (LUKS in a raw file or inside
 * qcow2), made with qemu-img from a passphrase kept in a secret.
 */
#ifndef VR_STORAGE_ENCRYPTION_H
#define VR_STORAGE_ENCRYPTION_H

#include <json-c/json.h>

#include "conf/storage_conf.h"
#include "vireo/vireo.h"

/* Creates the image of @def (which has an <encryption>) in pool @pool
 * of the connection's root; the passphrase reaches qemu-img through a
 * mode-0600 file, never its command line.  -1 reported. */
int vrStorageEncryptionBuildVol(vrConnect *conn, const char *pool, vrStorageVolDef *def);

/* Sets def->encryption from `qemu-img info` JSON when the image is
 * encrypted (no secret: the image does not say which). */
void vrStorageEncryptionFromInfo(vrStorageVolDef *def, json_object *info);

#endif
