/*
 * vrfile.h: whole-file reads, atomic writes, directories.
 */
#ifndef VR_FILE_H
#define VR_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Reads at most maxlen bytes of a file into a NUL-terminated buffer.
 * Reports "Failed to open file 'PATH': REASON" style errors. */
int vrFileReadAll(const char *path, size_t maxlen, char **buf);

/* Replaces a file's content atomically: temporary file in the same
 * directory, fsync, rename, fsync of the directory.  A crash at any point
 * leaves either the old or the new content. */
int vrFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode);

/* mkdir -p. */
int vrFileMakePath(const char *path, mode_t mode);

/* unlink that treats a missing file as success. */
int vrFileRemoveIfExists(const char *path);

bool vrFileExists(const char *path);
bool vrFileIsDir(const char *path);

/* Writes all bytes, retrying on EINTR and short writes. */
ssize_t vrFileWriteFull(int fd, const void *buf, size_t len);
/* Reads until len bytes or EOF, retrying on EINTR. */
ssize_t vrFileReadFull(int fd, void *buf, size_t len);

/* Closes a descriptor if valid and sets it to -1. */
void vrFileClose(int *fd);

/* Sets or clears O_NONBLOCK / FD_CLOEXEC. */
int vrFileSetNonBlock(int fd, bool on);
int vrFileSetCloseExec(int fd);

#endif
