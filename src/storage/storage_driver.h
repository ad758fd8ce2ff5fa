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

#endif
