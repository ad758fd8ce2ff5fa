/*
 * remote_streams.c: data streams between a client and a local stream.
 *
 * Each transfer has a control thread that takes the client's frames in
 * order (data, holes, finish, abort), and for downloads a sender thread
 * that pumps the local stream to the client, waiting whenever the client
 * is more than a few megabytes behind.
 */
#include <config.h>

#include <string.h>

#include "remote_streams.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STREAMS
#define VR_LOG_CATEGORY "daemon.stream"

#define REMOTE_STREAM_CHUNK (256 * 1024)
/* How far the sender may run ahead of the client's socket. */
#define REMOTE_STREAM_BACKLOG (4 * 1024 * 1024)

typedef struct {
    vrRemoteClient *priv;
    vrNetServerClient *client;
    int proc;
    uint32_t serial;
    unsigned int flags;
    vrStream *st;

    GMutex lock;
    GCond cond;
    GQueue incoming;
    bool aborted;         /* the client is gone */
    bool stopSender;
    GThread *sender;
} vrRemoteStream;

static void
remoteStreamFree(vrRemoteStream *rs)
{
    g_queue_clear_full(&rs->incoming, (GDestroyNotify)vrNetMessageFree);
    vrStreamFree(rs->st);
    g_mutex_clear(&rs->lock);
    g_cond_clear(&rs->cond);
    vrNetServerClientUnref(rs->client);
    g_free(rs);
}

/* ---- daemon -> client ---------------------------------------------- */

static bool
remoteStreamSenderStopped(vrRemoteStream *rs)
{
    bool stop;

    g_mutex_lock(&rs->lock);
    stop = rs->stopSender || rs->aborted;
    g_mutex_unlock(&rs->lock);
    return stop;
}

static gpointer
remoteStreamSender(gpointer opaque)
{
    vrRemoteStream *rs = opaque;
    g_autofree char *buf = g_malloc(REMOTE_STREAM_CHUNK);
    unsigned int rflags = (rs->flags & VR_REMOTE_STREAM_SPARSE) ? VR_STREAM_RECV_STOP_AT_HOLE : 0;

    while (!remoteStreamSenderStopped(rs)) {
        int n;

        if (!vrNetServerClientWaitQueue(rs->client, REMOTE_STREAM_BACKLOG))
            break;
        n = vrStreamRecvFlags(rs->st, buf, REMOTE_STREAM_CHUNK, rflags);
        if (n == -3) {
            long long hole = 0;
            if (vrStreamRecvHole(rs->st, &hole, 0) < 0) {
                vrNetServerClientSendStreamError(rs->client, rs->proc, rs->serial);
                break;
            }
            vrNetServerClientSendStreamHole(rs->client, rs->proc, rs->serial, hole, 0);
        } else if (n > 0) {
            vrNetServerClientSendStreamData(rs->client, rs->proc, rs->serial, buf, (size_t)n);
        } else if (n == 0) {
            /* the end is an empty data frame, as libvirt's daemon sends it;
             * the client answers with finish (status OK), which
             * remoteStreamControl confirms */
            vrNetServerClientSendStreamData(rs->client, rs->proc, rs->serial, buf, 0);
            break;
        } else if (n == -2) {
            g_usleep(10 * 1000);
        } else {
            vrNetServerClientSendStreamError(rs->client, rs->proc, rs->serial);
            break;
        }
    }
    vrResetLastError();
    return NULL;
}

static void
remoteStreamStopSender(vrRemoteStream *rs)
{
    g_mutex_lock(&rs->lock);
    rs->stopSender = true;
    g_mutex_unlock(&rs->lock);
    if (rs->sender) {
        g_thread_join(rs->sender);
        rs->sender = NULL;
    }
}

/* ---- client -> daemon ---------------------------------------------- */

static int
remoteStreamWrite(vrRemoteStream *rs, vrNetMessage *msg)
{
    size_t len;
    const char *data = vrNetMessagePayload(msg, &len);

    if (!(rs->flags & VR_REMOTE_STREAM_FROM_CLIENT)) {
        vrReportError(VR_ERR_RPC, "%s", "stream does not accept data from the client");
        return -1;
    }
    if (msg->header.type == VR_NET_STREAM_HOLE) {
        vrp_net_stream_hole hole;
        memset(&hole, 0, sizeof(hole));
        if (vrNetMessageDecodePayload(msg, (xdrproc_t)xdr_vrp_net_stream_hole, &hole) < 0)
            return -1;
        return vrStreamSendHole(rs->st, hole.length, hole.flags);
    }
    while (len) {
        int n = vrStreamSend(rs->st, data, len);
        if (n == -2) {
            g_usleep(1000);
            continue;
        }
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Takes the client's frames until the transfer ends. */
static gpointer
remoteStreamControl(gpointer opaque)
{
    vrRemoteStream *rs = opaque;
    bool failed = false;

    for (;;) {
        vrNetMessage *msg;

        g_mutex_lock(&rs->lock);
        while (g_queue_is_empty(&rs->incoming) && !rs->aborted)
            g_cond_wait(&rs->cond, &rs->lock);
        if (rs->aborted) {
            g_mutex_unlock(&rs->lock);
            remoteStreamStopSender(rs);
            vrStreamAbort(rs->st);
            break;
        }
        msg = g_queue_pop_head(&rs->incoming);
        g_mutex_unlock(&rs->lock);

        if (msg->header.status == VR_NET_CONTINUE) {
            /* after a failure, drop data until the client finishes or aborts */
            if (!failed && remoteStreamWrite(rs, msg) < 0) {
                failed = true;
                vrNetServerClientSendStreamError(rs->client, rs->proc, rs->serial);
            }
            vrNetMessageFree(msg);
            continue;
        }
        remoteStreamStopSender(rs);
        if (msg->header.status == VR_NET_OK && !failed) {
            if (vrStreamFinish(rs->st) < 0)
                vrNetServerClientSendStreamError(rs->client, rs->proc, rs->serial);
            else
                vrNetServerClientSendStreamStatus(rs->client, rs->proc, rs->serial, VR_NET_OK);
        } else {
            vrStreamAbort(rs->st);
            vrReportError(VR_ERR_RPC, "%s", "stream aborted at client request");
            vrNetServerClientSendStreamError(rs->client, rs->proc, rs->serial);
        }
        vrNetMessageFree(msg);
        break;
    }
    vrResetLastError();
    g_mutex_lock(&rs->priv->lock);
    g_ptr_array_remove(rs->priv->streams, rs);
    g_mutex_unlock(&rs->priv->lock);
    remoteStreamFree(rs);
    return NULL;
}

int
vrRemoteStreamStart(vrNetServerClient *client, vrRemoteClient *priv, const vrNetHeader *hdr,
                    vrStream *st, unsigned int flags, xdrproc_t retFilter, void *ret)
{
    vrRemoteStream *rs = g_new0(vrRemoteStream, 1);
    GThread *control;

    vrNetServerClientRef(client);
    vrStreamRef(st);
    rs->priv = priv;
    rs->client = client;
    rs->proc = hdr->proc;
    rs->serial = hdr->serial;
    rs->flags = flags;
    rs->st = st;
    g_mutex_init(&rs->lock);
    g_cond_init(&rs->cond);
    g_queue_init(&rs->incoming);

    /* registered before the reply, so no frame of the client is missed */
    g_mutex_lock(&priv->lock);
    g_ptr_array_add(priv->streams, rs);
    g_mutex_unlock(&priv->lock);
    if (vrNetServerClientSendReply(client, hdr, retFilter, ret) < 0) {
        g_mutex_lock(&priv->lock);
        g_ptr_array_remove(priv->streams, rs);
        g_mutex_unlock(&priv->lock);
        vrStreamAbort(st);
        remoteStreamFree(rs);
        return -1;
    }
    if (flags & VR_REMOTE_STREAM_TO_CLIENT)
        rs->sender = g_thread_new("vireo-stream-send", remoteStreamSender, rs);
    control = g_thread_new("vireo-stream", remoteStreamControl, rs);
    g_thread_unref(control);
    return VR_REMOTE_REPLIED;
}

void
vrRemoteStreamsDeliver(vrRemoteClient *priv, vrNetMessage *msg)
{
    vrRemoteStream *found = NULL;
    guint i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->streams->len; i++) {
        vrRemoteStream *rs = g_ptr_array_index(priv->streams, i);
        if (rs->serial == msg->header.serial && rs->proc == msg->header.proc) {
            found = rs;
            break;
        }
    }
    if (found) {
        g_mutex_lock(&found->lock);
        g_queue_push_tail(&found->incoming, msg);
        g_cond_signal(&found->cond);
        g_mutex_unlock(&found->lock);
    }
    g_mutex_unlock(&priv->lock);
    if (!found) {
        VR_DEBUG("dropping frame for unknown stream proc=%d serial=%u", msg->header.proc,
                 msg->header.serial);
        vrNetMessageFree(msg);
    }
}

void
vrRemoteStreamsAbortAll(vrRemoteClient *priv)
{
    guint i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->streams->len; i++) {
        vrRemoteStream *rs = g_ptr_array_index(priv->streams, i);
        g_mutex_lock(&rs->lock);
        rs->aborted = true;
        g_cond_signal(&rs->cond);
        g_mutex_unlock(&rs->lock);
    }
    g_mutex_unlock(&priv->lock);
}

void
vrRemoteStreamsFreeAll(vrRemoteClient *priv)
{
    /* every transfer holds a client reference, so none can remain here */
    if (priv->streams->len)
        VR_WARN("%u streams outlived their client", priv->streams->len);
}
