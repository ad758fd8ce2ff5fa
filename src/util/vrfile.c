/*
 * vrfile.c: file helpers.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "vrerror.h"
#include "vrfile.h"

#define VR_FROM_THIS VR_FROM_NONE

ssize_t
vrFileWriteFull(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += n;
    }
    return done;
}

ssize_t
vrFileReadFull(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t done = 0;

    while (done < len) {
        ssize_t n = read(fd, p + done, len - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

void
vrFileClose(int *fd)
{
    if (*fd >= 0) {
        int saved = errno;
        close(*fd);
        errno = saved;
    }
    *fd = -1;
}

int
vrFileSetNonBlock(int fd, bool on)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0)
        return -1;
    flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    return fcntl(fd, F_SETFL, flags);
}

int
vrFileSetCloseExec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    if (flags < 0)
        return -1;
    return fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

int
vrFileReadAll(const char *path, size_t maxlen, char **buf)
{
    g_autofree char *data = NULL;
    struct stat sb;
    size_t cap, len = 0;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "Failed to open file '%s'", path);
        return -1;
    }
    if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        vrFileClose(&fd);
        vrReportSystemError(EISDIR, "Failed to read file '%s'", path);
        return -1;
    }

    cap = 4096;
    data = g_malloc(cap + 1);
    for (;;) {
        ssize_t n;

        if (len == cap) {
            if (cap >= maxlen) {
                vrFileClose(&fd);
                vrReportError(VR_ERR_INTERNAL_ERROR,
                              "file '%s' is larger than %zu bytes", path, maxlen);
                return -1;
            }
            cap = MIN(cap * 2, maxlen);
            data = g_realloc(data, cap + 1);
        }
        n = read(fd, data + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            vrReportSystemError(errno, "Failed to read file '%s'", path);
            vrFileClose(&fd);
            return -1;
        }
        if (n == 0)
            break;
        len += n;
    }
    vrFileClose(&fd);
    data[len] = '\0';
    *buf = g_steal_pointer(&data);
    return (int)MIN(len, (size_t)G_MAXINT);
}

static int
vrFileSyncDir(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    fsync(fd);
    vrFileClose(&fd);
    return 0;
}

int
vrFileWriteAtomic(const char *path, const char *data, size_t len, mode_t mode)
{
    g_autofree char *tmp = g_strdup_printf("%s.new-XXXXXX", path);
    int fd;

    if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, mode)) < 0) {
        vrReportSystemError(errno, "cannot create temporary file for '%s'", path);
        return -1;
    }
    if (vrFileWriteFull(fd, data, len) < 0 || fsync(fd) < 0) {
        vrReportSystemError(errno, "cannot write '%s'", tmp);
        goto error;
    }
    if (close(fd) < 0) {
        fd = -1;
        vrReportSystemError(errno, "cannot write '%s'", tmp);
        goto error;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        vrReportSystemError(errno, "cannot rename '%s' to '%s'", tmp, path);
        goto error;
    }
    vrFileSyncDir(path);
    return 0;

 error:
    vrFileClose(&fd);
    unlink(tmp);
    return -1;
}

int
vrFileMakePath(const char *path, mode_t mode)
{
    if (g_mkdir_with_parents(path, mode) < 0) {
        vrReportSystemError(errno, "cannot create directory '%s'", path);
        return -1;
    }
    return 0;
}

int
vrFileRemoveIfExists(const char *path)
{
    if (unlink(path) < 0 && errno != ENOENT) {
        vrReportSystemError(errno, "cannot remove '%s'", path);
        return -1;
    }
    return 0;
}

bool
vrFileExists(const char *path)
{
    return access(path, F_OK) == 0;
}

bool
vrFileIsDir(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}
