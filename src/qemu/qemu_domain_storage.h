/*
 * qemu_domain_storage.h: guest disks meet the storage driver.
 *
 * Disks <disk type='volume'><source pool='P' volume='V'/> are resolved to
 * the volume's path (or, for iscsi-direct pools and iscsi pools with
 * mode='direct', an iSCSI network source)
 * when the guest starts and when such a disk is hot-plugged; and the
 * storage driver asks which running guest uses a volume before it
 * deletes, wipes or shrinks it.
 */
#ifndef VR_QEMU_DOMAIN_STORAGE_H
#define VR_QEMU_DOMAIN_STORAGE_H

#include "conf/domain_conf.h"
#include "qemu_domain.h"

struct _vrQemuDriver;

/* Resolves every 'volume' disk of @obj's (live) definition.  Called in a
 * job with @obj locked; the lock is dropped while the storage driver is
 * asked (it takes its own lock, and its in-use checks lock guests), and
 * the results are stored with the lock held again.  0 or -1 reported,
 * the error naming the disk, pool and volume. */
int vrQemuDomainResolveVolumes(struct _vrQemuDriver *driver, vrQemuDomainObj *obj);

/* The same for @def, @obj's definition or a private copy of it (a copy
 * made by formatting and parsing loses the resolved paths: hot-plug
 * resolves its next definition, the new disk included, again). */
int vrQemuDomainResolveDefVolumes(struct _vrQemuDriver *driver, vrQemuDomainObj *obj,
                                  vrDomainDef *def);

/* The name of a running guest of @driver with a disk on the volume
 * @volume of pool @pool (a 'volume' disk naming it, or any disk whose
 * source or <backingStore> is at @path), or NULL. */
char *vrQemuDomainVolumeUser(struct _vrQemuDriver *driver, const char *pool,
                             const char *volume, const char *path);

#endif
