/*
 * qemu_command_secret.h: how the command builder reads secret values.
 *
 * The builder lives in a library that unit tests link alone, without the
 * secret driver: the driver's lookup is plugged in at registration
 * (vrQemuRegister), and an unplugged builder refuses encrypted disks.
 */
#ifndef VR_QEMU_COMMAND_SECRET_H
#define VR_QEMU_COMMAND_SECRET_H

#include <stddef.h>

/* vrSecretValueForRoot's shape (src/secret/secret_driver.h). */
typedef unsigned char *(*vrQemuSecretLookup)(const char *root, const unsigned char *uuid,
                                             int usageType, const char *usageID, size_t *len);

void vrQemuCommandSetSecretLookup(vrQemuSecretLookup lookup);

/* The disk passphrase files the command line of guest @name points QEMU
 * at (in @libDir/domain-NAME): removed once QEMU has read them (its
 * monitor answers) and when the guest stops, so no key stays on disk. */
void vrQemuDiskSecretFilesRemove(const char *libDir, const char *name);

#endif
