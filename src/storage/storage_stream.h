/*
 * storage_stream.h: a volume's bytes as a stream that knows holes, for
 * vol-upload/vol-download --sparse (holes are skipped on the wire and
 * punched, not written, in the volume).
 */
#ifndef VR_STORAGE_STREAM_H
#define VR_STORAGE_STREAM_H

#include <stdbool.h>

#include "vireo/vireo.h"

/* @length bytes of @path from @offset (0: to the end of the file when
 * reading, unlimited when writing). */
int vrStorageStreamOpen(vrStream *st, const char *path, unsigned long long offset,
                        unsigned long long length, bool upload);

#endif
