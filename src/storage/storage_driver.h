/*
 * storage_driver.h: the storage driver of the QEMU connections
 * (qemu:///system in vireod, qemu:///embed?root=DIR).  One state per
 * root, found from the connection's QEMU driver state on first use.
 */
#ifndef VR_STORAGE_DRIVER_H
#define VR_STORAGE_DRIVER_H

#include "libvireo/driver.h"

/* Slots for a vrConnectDriver whose privateData is a vrQemuDriver. */
extern const vrStorageDriver vrStorageQemuDriver;

struct _vrQemuDriver;

/* Creates the storage state of @driver's root now rather than on the
 * first storage call: the default pool on first start, pools that were
 * running restored, autostart pools started.  A pool whose source has
 * gone comes up inactive (the reason is logged); this never fails.
 * Called from the QEMU driver's daemon start; later calls do nothing. */
void vrStorageStartupForQemu(struct _vrQemuDriver *driver);

#endif
