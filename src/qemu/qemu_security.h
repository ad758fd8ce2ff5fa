/*
 * qemu_security.h: the DAC side of running QEMU as an unprivileged user.
 *
 * When qemu.conf names a user other than root, QEMU must be able to open
 * every file of the guest itself.  Before a start the driver checks that
 * it can (each directory searchable, each file readable, writable disks
 * writable), and, under security_driver = "dac" with dynamic_ownership,
 * hands the files to QEMU's user:group, remembering who owned them (in
 * the "trusted.vireo.security.dac" extended attributes, with a reference
 * count for images several guests use, or in the state directory where
 * the filesystem has no such attributes).  When QEMU is gone the last
 * user gives each file back.  Nothing is ever chowned while QEMU runs as
 * root or with security_driver = "none".
 *
 * All functions take the guest's object locked.
 */
#ifndef VR_QEMU_SECURITY_H
#define VR_QEMU_SECURITY_H

#include "qemu_driver.h"

/* Before spawning QEMU: the access check, then the labels, and the
 * directories QEMU creates its sockets in (this may move
 * obj->monitorPath into a directory of its own).  On failure nothing has
 * changed; the error names the guest, the path, the user and the fix. */
int vrQemuSecuritySetAllLabels(vrQemuDriver *driver, vrQemuDomainObj *obj);

/* After QEMU is gone, also after a failed start: gives back everything
 * vrQemuSecuritySetAllLabels and the device calls took.  Never fails. */
void vrQemuSecurityRestoreAllLabels(vrQemuDriver *driver, vrQemuDomainObj *obj);

/* A device being hot-plugged (disks; other kinds are left alone): the
 * same check and labels, before QEMU is asked to open it. */
int vrQemuSecuritySetDeviceLabel(vrQemuDriver *driver, vrQemuDomainObj *obj,
                                 const vrDomainDeviceDef *dev);

/* After the device is gone from QEMU (or its attach failed). */
void vrQemuSecurityRestoreDeviceLabel(vrQemuDriver *driver, vrQemuDomainObj *obj,
                                      const vrDomainDeviceDef *dev);

#endif
