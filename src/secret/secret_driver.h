/*
 * secret_driver.h: the secret driver of QEMU connections, and the lookup
 * other drivers (storage, qemu, iscsi-direct) use to read a value.
 */
#ifndef VR_SECRET_DRIVER_H
#define VR_SECRET_DRIVER_H

#include <stddef.h>

#include "libvireo/driver.h"

extern const vrSecretDriver vrSecretQemuDriver;

/* Drops @conn's secret event callbacks (the QEMU connection's close). */
void vrSecretConnectClosed(vrConnect *conn);

/* The value of the secret of @root ("/" or NULL for the system root)
 * with @uuid, or, when @uuid is NULL, with usage @usageType/@usageID.
 * Private secrets are readable here: this is the daemon's own use.
 * g_free (after wiping) the result; NULL with an error reported. */
unsigned char *vrSecretValueForRoot(const char *root, const unsigned char *uuid,
                                    int usageType, const char *usageID, size_t *len);

#endif
