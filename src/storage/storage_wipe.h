/*
 * storage_wipe.h: vol-wipe's overwrite patterns other than 'zero'
 * (nnsa, dod, bsi, gutmann, schneier, pfitzner7, pfitzner33, random),
 * written by scrub(1) as libvirt does; 'trim' is refused for file
 * volumes with libvirt's error.  Also the zeroes of vol-delete --zeroed.
 */
#ifndef VR_STORAGE_WIPE_H
#define VR_STORAGE_WIPE_H

#include <stdbool.h>

#include "conf/storage_conf.h"
#include "vireo/vireo.h"

/* libvirt's name of @algorithm (a vrStorageVolWipeAlgorithm), NULL if
 * out of range. */
const char *vrStorageWipeAlgorithmName(unsigned int algorithm);

/* Whether a 'dir' pool volume can be wiped with @algorithm: 0, or -1
 * with the error libvirt gives ('trim': argument unsupported; out of
 * range: invalid argument).  Names volume @vol. */
int vrStorageWipeCheckAlgorithm(const char *vol, unsigned int algorithm);

/* Overwrites the file @path of volume @vol with @algorithm's passes
 * (not 'zero', which the driver writes itself).  scrub puts its
 * "SCRUBBED!" signature in the first bytes, as under libvirt.  0 or -1
 * reported. */
int vrStorageWipePatternFile(const char *vol, const char *path, unsigned int algorithm);

/* vol-delete --zeroed: zeroes over the volume's length (a file's size, a
 * block volume's capacity), synced; a directory has nothing to zero.
 * 0 or -1 reported (network volumes cannot be zeroed). */
int vrStorageWipeBeforeDelete(const vrStorageVolDef *def);

#endif
