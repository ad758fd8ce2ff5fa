/*
 * vrlocalstream.c: in-process stream transports.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_internal.h"
#include "util/vrfile.h"
#include "vrlocalstream.h"

#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_STREAMS

/* ---- memory -------------------------------------------------------- */

typedef struct {
    char *data;
    size_t len;
    size_t pos;
} vrMemoryStream;

static void
vrMemoryStreamFree(void *opaque)
{
    vrMemoryStream *ms = opaque;

    g_free(ms->data);
    g_free(ms);
}

static int
vrMemoryStreamRecv(vrStream *st, char *data, size_t nbytes, unsigned int flags)
{
    vrMemoryStream *ms = st->privateData;
    size_t n = MIN(nbytes, ms->len - ms->pos);

    (void)flags;
    memcpy(data, ms->data + ms->pos, n);
    ms->pos += n;
    return (int)n;
}

static int
vrMemoryStreamClose(vrStream *st)
{
    (void)st;
    return 0;
}

static const vrStreamDriver memoryStreamDriver = {
    .streamRecv = vrMemoryStreamRecv,
    .streamFinish = vrMemoryStreamClose,
    .streamAbort = vrMemoryStreamClose,
};

int
vrStreamOpenMemory(vrStream *st, const void *data, size_t len)
{
    vrMemoryStream *ms = g_new0(vrMemoryStream, 1);

    ms->data = g_memdup2(data, len);
    ms->len = len;
    if (st->privateFree)
        st->privateFree(st->privateData);
    st->privateData = ms;
    st->privateFree = vrMemoryStreamFree;
    st->driver = &memoryStreamDriver;
    return 0;
}

/* ---- file ranges and descriptors ----------------------------------- */

typedef struct {
    int fd;
    char *path;
    bool limited;            /* a length was given */
    unsigned long long remaining;
    bool sparse;
    bool isChar;             /* pty or other character device: poll first */
} vrFDStream;

static void
vrFDStreamFree(void *opaque)
{
    vrFDStream *fs = opaque;

    vrFileClose(&fs->fd);
    g_free(fs->path);
    g_free(fs);
}

static int
vrFDStreamWaitReady(vrFDStream *fs, short events, bool nonblock)
{
    struct pollfd pfd = { .fd = fs->fd, .events = events };
    int rc;

    if (!fs->isChar)
        return 1;
    do {
        rc = poll(&pfd, 1, nonblock ? 0 : -1);
    } while (rc < 0 && errno == EINTR);
    return rc;
}

static int
vrFDStreamSend(vrStream *st, const char *data, size_t nbytes)
{
    vrFDStream *fs = st->privateData;
    ssize_t n;

    if (fs->limited && nbytes > fs->remaining) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "stream for '%s' got more data than the %llu bytes requested",
                      fs->path ? fs->path : "device", fs->remaining);
        return -1;
    }
    if (vrFDStreamWaitReady(fs, POLLOUT, st->flags & VR_STREAM_NONBLOCK) == 0)
        return -2;
    n = vrFileWriteFull(fs->fd, data, nbytes);
    if (n < 0) {
        vrReportSystemError(errno, "cannot write to stream for '%s'",
                            fs->path ? fs->path : "device");
        return -1;
    }
    if (fs->limited)
        fs->remaining -= n;
    return (int)n;
}

static int
vrFDStreamRecv(vrStream *st, char *data, size_t nbytes, unsigned int flags)
{
    vrFDStream *fs = st->privateData;
    ssize_t n;

    (void)flags;
    if (fs->limited) {
        if (fs->remaining == 0)
            return 0;
        nbytes = MIN(nbytes, fs->remaining);
    }
    if (vrFDStreamWaitReady(fs, POLLIN, st->flags & VR_STREAM_NONBLOCK) == 0)
        return -2;
    do {
        n = read(fs->fd, data, nbytes);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        /* a pty whose other end is gone reads as EIO: that is end of stream */
        if (errno == EIO && fs->isChar)
            return 0;
        vrReportSystemError(errno, "cannot read from stream for '%s'",
                            fs->path ? fs->path : "device");
        return -1;
    }
    if (fs->limited)
        fs->remaining -= n;
    return (int)n;
}

static int
vrFDStreamFinish(vrStream *st)
{
    vrFDStream *fs = st->privateData;

    if (fs->fd >= 0 && !fs->isChar && fsync(fs->fd) < 0 && errno != EINVAL && errno != EROFS) {
        vrReportSystemError(errno, "cannot sync '%s'", fs->path ? fs->path : "device");
        return -1;
    }
    vrFileClose(&fs->fd);
    return 0;
}

static int
vrFDStreamAbort(vrStream *st)
{
    vrFDStream *fs = st->privateData;

    vrFileClose(&fs->fd);
    return 0;
}

static const vrStreamDriver fdStreamDriver = {
    .streamSend = vrFDStreamSend,
    .streamRecv = vrFDStreamRecv,
    .streamFinish = vrFDStreamFinish,
    .streamAbort = vrFDStreamAbort,
};

static void
vrStreamAttachFD(vrStream *st, vrFDStream *fs)
{
    if (st->privateFree)
        st->privateFree(st->privateData);
    st->privateData = fs;
    st->privateFree = vrFDStreamFree;
    st->driver = &fdStreamDriver;
}

int
vrStreamOpenFile(vrStream *st, const char *path, unsigned long long offset,
                 unsigned long long length, int oflags, bool sparse)
{
    vrFDStream *fs;
    struct stat sb;
    int fd;

    if ((fd = open(path, oflags | O_CLOEXEC | O_NOCTTY)) < 0) {
        vrReportSystemError(errno, "Unable to open stream for '%s'", path);
        return -1;
    }
    if (fstat(fd, &sb) < 0) {
        vrReportSystemError(errno, "Unable to access stream for '%s'", path);
        vrFileClose(&fd);
        return -1;
    }
    if (offset && lseek(fd, (off_t)offset, SEEK_SET) < 0) {
        vrReportSystemError(errno, "Unable to seek %s to %llu", path, offset);
        vrFileClose(&fd);
        return -1;
    }
    fs = g_new0(vrFDStream, 1);
    fs->fd = fd;
    fs->path = g_strdup(path);
    fs->limited = length > 0;
    fs->remaining = length;
    fs->sparse = sparse;
    fs->isChar = S_ISCHR(sb.st_mode);
    vrStreamAttachFD(st, fs);
    return 0;
}

int
vrStreamOpenFD(vrStream *st, int fd)
{
    vrFDStream *fs = g_new0(vrFDStream, 1);
    struct stat sb;

    fs->fd = fd;
    fs->isChar = fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode);
    vrStreamAttachFD(st, fs);
    return 0;
}
