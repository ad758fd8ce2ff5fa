/*
 * storage_inuse.h: is a volume used by a running guest?  Asked before
 * vol-delete, vol-wipe and a shrinking vol-resize, which are refused
 * with an error naming the guest.
 */
#ifndef VR_STORAGE_INUSE_H
#define VR_STORAGE_INUSE_H

#include <glib.h>

#include "conf/storage_conf.h"
#include "libvireo/datatypes.h"

/* 0 when no running guest of @conn's QEMU driver uses volume @vol of pool
 * @pool, directly or as the backing store of another volume of @vols
 * (the pool's name -> vrStorageVolDef table); else -1 with
 * VR_ERR_OPERATION_INVALID "storage volume 'V' is in use by domain 'G'".
 * @what is the refused operation, for the log. */
int vrStorageVolCheckUnused(vrConnect *conn, const char *pool, const vrStorageVolDef *vol,
                            GHashTable *vols, const char *what);

#endif
