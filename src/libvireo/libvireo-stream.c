/*
 * libvireo-stream.c: the public stream API.
 *
 * A stream is created empty; the API that starts a transfer (volume
 * download, console, screenshot) attaches the driver's transport to it.
 */
#include <config.h>

#include "api_internal.h"

/* errors name the object kind, as libvirt's API files do */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_STREAMS

vrStream *
vrStreamNew(vrConnect *conn, unsigned int flags)
{
    vrStream *st;

    VR_API_CONN(conn, "virStreamNew", NULL);
    st = g_new0(vrStream, 1);
    st->refs = 1;
    g_atomic_int_inc(&conn->refs);
    st->conn = conn;
    st->flags = flags;
    return st;
}

int
vrStreamRef(vrStream *st)
{
    VR_API_CHECK_KEEP(st, VR_ERR_INVALID_STREAM, "virStreamRef", -1);
    g_atomic_int_inc(&st->refs);
    return 0;
}

int
vrStreamFree(vrStream *st)
{
    VR_API_CHECK_KEEP(st, VR_ERR_INVALID_STREAM, "virStreamFree", -1);
    if (g_atomic_int_dec_and_test(&st->refs)) {
        /* A stream dropped mid-transfer is aborted, never left half-done. */
        if (st->driver && st->driver->streamAbort)
            st->driver->streamAbort(st);
        if (st->privateFree)
            st->privateFree(st->privateData);
        vrConnectUnref(st->conn);
        g_free(st);
    }
    return 0;
}

static bool
vrStreamIsOpen(vrStream *st, const char *fn)
{
    if (!st->driver) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s: stream is not open", fn);
        return false;
    }
    return true;
}

int
vrStreamSend(vrStream *st, const char *data, size_t nbytes)
{
    VR_API_STREAM(st, "virStreamSend", -1);
    VR_API_ARG(data || nbytes == 0, "virStreamSend", -1);
    if (!vrStreamIsOpen(st, "virStreamSend"))
        return -1;
    if (!st->driver->streamSend) {
        vrReportUnsupported("virStreamSend");
        return -1;
    }
    return st->driver->streamSend(st, data, nbytes);
}

int
vrStreamRecvFlags(vrStream *st, char *data, size_t nbytes, unsigned int flags)
{
    VR_API_STREAM(st, "virStreamRecvFlags", -1);
    VR_API_ARG(data || nbytes == 0, "virStreamRecvFlags", -1);
    if (!vrStreamIsOpen(st, "virStreamRecvFlags"))
        return -1;
    if (!st->driver->streamRecv) {
        vrReportUnsupported("virStreamRecvFlags");
        return -1;
    }
    return st->driver->streamRecv(st, data, nbytes, flags);
}

int
vrStreamRecv(vrStream *st, char *data, size_t nbytes)
{
    return vrStreamRecvFlags(st, data, nbytes, 0);
}

int
vrStreamSendHole(vrStream *st, long long length, unsigned int flags)
{
    VR_API_STREAM(st, "virStreamSendHole", -1);
    if (!vrStreamIsOpen(st, "virStreamSendHole"))
        return -1;
    if (length < 0) {
        vrReportInvalidArg("length in virStreamSendHole must be non-negative");
        return -1;
    }
    if (!st->driver->streamSendHole) {
        vrReportUnsupported("virStreamSendHole");
        return -1;
    }
    return st->driver->streamSendHole(st, length, flags);
}

int
vrStreamRecvHole(vrStream *st, long long *length, unsigned int flags)
{
    VR_API_STREAM(st, "virStreamRecvHole", -1);
    VR_API_ARG(length, "virStreamRecvHole", -1);
    if (!vrStreamIsOpen(st, "virStreamRecvHole"))
        return -1;
    if (!st->driver->streamRecvHole) {
        vrReportUnsupported("virStreamRecvHole");
        return -1;
    }
    return st->driver->streamRecvHole(st, length, flags);
}

int
vrStreamFinish(vrStream *st)
{
    const vrStreamDriver *drv;
    int ret;

    VR_API_STREAM(st, "virStreamFinish", -1);
    if (!vrStreamIsOpen(st, "virStreamFinish"))
        return -1;
    drv = st->driver;
    ret = drv->streamFinish ? drv->streamFinish(st) : 0;
    st->driver = NULL;
    return ret;
}

int
vrStreamAbort(vrStream *st)
{
    const vrStreamDriver *drv;
    int ret;

    VR_API_STREAM(st, "virStreamAbort", -1);
    if (!st->driver)
        return 0;
    drv = st->driver;
    ret = drv->streamAbort ? drv->streamAbort(st) : 0;
    st->driver = NULL;
    return ret;
}
