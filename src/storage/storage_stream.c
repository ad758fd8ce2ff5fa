/*
 * storage_stream.c: sparse-aware file streams for volume upload/download.
 */
#include <config.h>

#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_stream.h"
#include "libvireo/datatypes.h"
#include "libvireo/driver.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.stream"

typedef struct {
    int fd;
    char *path;
    bool upload;
    unsigned long long start;    /* where the transfer began */
    unsigned long long pos;      /* absolute offset in the file */
    unsigned long long end;      /* first offset past the range; 0 = unlimited (upload) */
    unsigned long long limit;    /* download: where reading stops (set on first read) */
    unsigned long long flushed;  /* upload: writeback started up to here */
    bool haveLimit;
} vrStorageStream;

static void
vrStorageStreamFree(void *opaque)
{
    vrStorageStream *ss = opaque;

    vrFileClose(&ss->fd);
    g_free(ss->path);
    g_free(ss);
}

static int
vrStorageStreamCheckRoom(vrStorageStream *ss, unsigned long long n)
{
    if (ss->end && ss->pos + n > ss->end) {
        vrReportError(VR_ERR_OPERATION_FAILED, "upload to volume '%s' got more than the %llu "
                      "bytes left of the requested range", ss->path, ss->end - ss->pos);
        return -1;
    }
    return 0;
}

/* Writeback of an upload starts every few MiB, while the next frames
 * arrive: the fdatasync at the end then has little left to wait for, so
 * an upload costs about the transfer or the disk, not their sum.  (The
 * call only queues the pages; it does not wait.) */
#define VR_STORAGE_STREAM_WRITEBACK (8ULL * 1024 * 1024)

static void
vrStorageStreamStartWriteback(vrStorageStream *ss)
{
    if (ss->pos < ss->flushed || ss->pos - ss->flushed < VR_STORAGE_STREAM_WRITEBACK) {
        if (ss->pos < ss->flushed)
            ss->flushed = ss->pos;      /* a seek back (holes): restart from here */
        return;
    }
    /* errors only cost speed: the final fdatasync reports real ones */
    (void)sync_file_range(ss->fd, (off_t)ss->flushed, (off_t)(ss->pos - ss->flushed),
                          SYNC_FILE_RANGE_WRITE);
    ss->flushed = ss->pos;
}

static int
vrStorageStreamSend(vrStream *st, const char *data, size_t nbytes)
{
    vrStorageStream *ss = st->privateData;
    size_t done = 0;

    if (vrStorageStreamCheckRoom(ss, nbytes) < 0)
        return -1;
    while (done < nbytes) {
        ssize_t n = pwrite(ss->fd, data + done, nbytes - done, (off_t)(ss->pos + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            vrReportSystemError(errno, "cannot write to volume '%s' at offset %llu", ss->path,
                                ss->pos + done);
            return -1;
        }
        done += (size_t)n;
    }
    ss->pos += nbytes;
    vrStorageStreamStartWriteback(ss);
    return (int)nbytes;
}

/* A hole from the client: the range reads as zeroes, without blocks. */
static int
vrStorageStreamSendHole(vrStream *st, long long length, unsigned int flags)
{
    vrStorageStream *ss = st->privateData;
    struct stat sb;

    (void)flags;
    if (vrStorageStreamCheckRoom(ss, (unsigned long long)length) < 0)
        return -1;
    if (fstat(ss->fd, &sb) < 0) {
        vrReportSystemError(errno, "cannot stat volume '%s'", ss->path);
        return -1;
    }
    if ((unsigned long long)sb.st_size > ss->pos) {
        unsigned long long len = MIN((unsigned long long)length,
                                     (unsigned long long)sb.st_size - ss->pos);
        if (fallocate(ss->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)ss->pos,
                      (off_t)len) < 0) {
            /* no hole punching here: write the zeroes */
            g_autofree char *zeros = g_malloc0(64 * 1024);
            unsigned long long at = ss->pos, left = len;
            while (left) {
                size_t n = (size_t)MIN(left, 64 * 1024ULL);
                if (pwrite(ss->fd, zeros, n, (off_t)at) != (ssize_t)n) {
                    vrReportSystemError(errno, "cannot write zeroes to volume '%s'", ss->path);
                    return -1;
                }
                at += n;
                left -= n;
            }
        }
    }
    ss->pos += (unsigned long long)length;
    return 0;
}

/* The end of a download: the range's end or the file's, taken once (a
 * stat per 256 KiB frame showed in profiles; a volume does not change
 * size under a download, and libvirt also fixes the length at the start). */
static unsigned long long
vrStorageStreamLimit(vrStorageStream *ss)
{
    struct stat sb;
    unsigned long long size;

    if (ss->haveLimit)
        return ss->limit;
    size = fstat(ss->fd, &sb) == 0 ? (unsigned long long)sb.st_size : 0;
    ss->limit = ss->end ? MIN(ss->end, size) : size;
    ss->haveLimit = true;
    return ss->limit;
}

/* Where the data at or after pos starts, and (in *dataEnd) ends. */
static unsigned long long
vrStorageStreamNextData(vrStorageStream *ss, unsigned long long limit,
                        unsigned long long *dataEnd)
{
    off_t data = lseek(ss->fd, (off_t)ss->pos, SEEK_DATA);
    off_t hole;

    if (data < 0) {
        /* ENXIO: only a hole up to the end; other errors: treat all as data */
        if (errno == ENXIO) {
            *dataEnd = limit;
            return limit;
        }
        *dataEnd = limit;
        return ss->pos;
    }
    hole = lseek(ss->fd, data, SEEK_HOLE);
    *dataEnd = hole < 0 ? limit : MIN((unsigned long long)hole, limit);
    return MIN((unsigned long long)data, limit);
}

static int
vrStorageStreamRecv(vrStream *st, char *data, size_t nbytes, unsigned int flags)
{
    vrStorageStream *ss = st->privateData;
    unsigned long long limit = vrStorageStreamLimit(ss);
    unsigned long long dataEnd = limit;
    ssize_t n;

    if (ss->pos >= limit)
        return 0;
    if (flags & VR_STREAM_RECV_STOP_AT_HOLE) {
        unsigned long long next = vrStorageStreamNextData(ss, limit, &dataEnd);
        if (next > ss->pos)
            return -3;
    }
    nbytes = (size_t)MIN((unsigned long long)nbytes, dataEnd - ss->pos);
    do {
        n = pread(ss->fd, data, nbytes, (off_t)ss->pos);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        vrReportSystemError(errno, "cannot read volume '%s' at offset %llu", ss->path, ss->pos);
        return -1;
    }
    ss->pos += (unsigned long long)n;
    return (int)n;
}

static int
vrStorageStreamRecvHole(vrStream *st, long long *length, unsigned int flags)
{
    vrStorageStream *ss = st->privateData;
    unsigned long long limit = vrStorageStreamLimit(ss);
    unsigned long long dataEnd;
    unsigned long long next;

    (void)flags;
    if (ss->pos >= limit) {
        *length = 0;
        return 0;
    }
    next = vrStorageStreamNextData(ss, limit, &dataEnd);
    *length = (long long)(next - ss->pos);
    ss->pos = next;
    return 0;
}

static int
vrStorageStreamFinish(vrStream *st)
{
    vrStorageStream *ss = st->privateData;
    struct stat sb;

    if (ss->upload) {
        /* a hole at the end still makes the file that long */
        if (fstat(ss->fd, &sb) == 0 && (unsigned long long)sb.st_size < ss->pos &&
            ftruncate(ss->fd, (off_t)ss->pos) < 0) {
            vrReportSystemError(errno, "cannot extend volume '%s' to %llu bytes", ss->path,
                                ss->pos);
            return -1;
        }
        if (fdatasync(ss->fd) < 0) {
            vrReportSystemError(errno, "cannot sync volume '%s'", ss->path);
            return -1;
        }
    }
    vrFileClose(&ss->fd);
    return 0;
}

static int
vrStorageStreamAbort(vrStream *st)
{
    vrStorageStream *ss = st->privateData;

    /* Uploads write in place, as libvirt's do: an upload cut short (the
     * client went away or gave up) leaves what arrived, and the rest of
     * the volume as it was; the file is neither truncated nor rolled
     * back.  Say so, with the range, so the volume can be checked. */
    if (ss->upload && ss->fd >= 0)
        VR_WARN("upload to volume '%s' aborted: bytes %llu..%llu were written, the volume "
                "beyond them is unchanged", ss->path, ss->start, ss->pos);
    vrFileClose(&ss->fd);
    return 0;
}

static const vrStreamDriver vrStorageStreamDriver = {
    .streamSend = vrStorageStreamSend,
    .streamRecv = vrStorageStreamRecv,
    .streamSendHole = vrStorageStreamSendHole,
    .streamRecvHole = vrStorageStreamRecvHole,
    .streamFinish = vrStorageStreamFinish,
    .streamAbort = vrStorageStreamAbort,
};

int
vrStorageStreamOpen(vrStream *st, const char *path, unsigned long long offset,
                    unsigned long long length, bool upload)
{
    vrStorageStream *ss;
    int fd = open(path, (upload ? O_WRONLY : O_RDONLY) | O_CLOEXEC | O_NOCTTY);

    if (fd < 0) {
        vrReportSystemError(errno, "cannot open volume '%s' for %s", path,
                            upload ? "upload" : "download");
        return -1;
    }
    ss = g_new0(vrStorageStream, 1);
    ss->fd = fd;
    ss->path = g_strdup(path);
    ss->upload = upload;
    ss->start = ss->pos = ss->flushed = offset;
    ss->end = length ? offset + length : 0;
    if (st->privateFree)
        st->privateFree(st->privateData);
    st->privateData = ss;
    st->privateFree = vrStorageStreamFree;
    st->driver = &vrStorageStreamDriver;
    return 0;
}
