/*
 * remote_stream.c: vrStream transport over an RPC stream.
 */
#include <config.h>

#include "remote_driver_priv.h"

#define VR_FROM_THIS VR_FROM_STREAMS

static vrNetClientStream *
remoteStreamOf(vrStream *st)
{
    return st->privateData;
}

static int
remoteStreamSend(vrStream *st, const char *data, size_t nbytes)
{
    return vrNetClientStreamSend(remoteStreamOf(st), data, nbytes);
}

static int
remoteStreamRecv(vrStream *st, char *data, size_t nbytes, unsigned int flags)
{
    return vrNetClientStreamRecv(remoteStreamOf(st), data, nbytes,
                                 (st->flags & VR_STREAM_NONBLOCK) != 0,
                                 (flags & VR_STREAM_RECV_STOP_AT_HOLE) != 0);
}

static int
remoteStreamSendHole(vrStream *st, long long length, unsigned int flags)
{
    return vrNetClientStreamSendHole(remoteStreamOf(st), length, flags);
}

static int
remoteStreamRecvHole(vrStream *st, long long *length, unsigned int flags)
{
    (void)flags;
    return vrNetClientStreamRecvHole(remoteStreamOf(st), length);
}

static int
remoteStreamFinish(vrStream *st)
{
    return vrNetClientStreamFinish(remoteStreamOf(st));
}

static int
remoteStreamAbort(vrStream *st)
{
    return vrNetClientStreamAbort(remoteStreamOf(st));
}

static const vrStreamDriver remoteStreamDriver = {
    .streamSend = remoteStreamSend,
    .streamRecv = remoteStreamRecv,
    .streamSendHole = remoteStreamSendHole,
    .streamRecvHole = remoteStreamRecvHole,
    .streamFinish = remoteStreamFinish,
    .streamAbort = remoteStreamAbort,
};

static void
remoteStreamPrivateFree(void *data)
{
    vrNetClientStreamFree(data);
}

int
remoteCallStream(vrConnect *conn, vrStream *st, int proc, xdrproc_t argsFilter, void *args,
                 xdrproc_t retFilter, void *ret)
{
    vrNetClientStream *cst = NULL;

    if (st->driver) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "the stream is already in use");
        return -1;
    }
    if (vrNetClientCallStream(remotePriv(conn)->client, VRP_PROGRAM, VRP_PROTOCOL_VERSION, proc,
                              argsFilter, args, retFilter, ret, &cst) < 0)
        return -1;
    st->driver = &remoteStreamDriver;
    st->privateData = cst;
    st->privateFree = remoteStreamPrivateFree;
    return 0;
}
