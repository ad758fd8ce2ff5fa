/*
 * vrlocalstream.h: stream transports for drivers that run in this process
 * (test driver, and the daemon's stateful drivers): a memory buffer, a file
 * range, or a character device such as a console pty.
 */
#ifndef VR_LOCAL_STREAM_H
#define VR_LOCAL_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "vireo/vireo.h"

/* Serves a copy of @data to the reader, then end of stream. */
int vrStreamOpenMemory(vrStream *st, const void *data, size_t len);

/* Reads (O_RDONLY) or writes (O_WRONLY) @length bytes of @path from
 * @offset (0 length: to the end of file).  @sparse lets readers see holes
 * and writers create them. */
int vrStreamOpenFile(vrStream *st, const char *path, unsigned long long offset,
                     unsigned long long length, int oflags, bool sparse);

/* Both directions over an already open descriptor (owned by the stream). */
int vrStreamOpenFD(vrStream *st, int fd);

#endif
