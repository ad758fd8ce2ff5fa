/*
 * vrnetclient.c: the client end of an RPC connection.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>

#include "util/vrerror.h"
#include "util/vrlog.h"
#include "rpc/vireo_keepalive.h"
#include "vrnetclient.h"
#include "vrnetsocket.h"

#define VR_FROM_THIS VR_FROM_RPC

/* A reader stops taking stream data while this much waits unread, so a
 * slow consumer of a large download does not fill memory. */
#define VR_NET_CLIENT_STREAM_QUEUE_MAX (16 * 1024 * 1024)
/* How long an abort waits for the server to acknowledge it. */
#define VR_NET_CLIENT_ABORT_WAIT_US (5 * G_USEC_PER_SEC)

typedef struct _vrNetClientPending vrNetClientPending;
struct _vrNetClientPending {
    uint32_t serial;
    vrNetMessage *reply;
    bool done;
    vrNetClientPending *next;
};

struct _vrNetClientStream {
    vrNetClient *client;
    unsigned int prog;
    unsigned int vers;
    int proc;
    uint32_t serial;
    GQueue incoming;          /* vrNetMessage: data, holes, the end */
    size_t queuedBytes;
    size_t headOffset;        /* bytes of the head data frame already read */
    long long headHole;       /* hole bytes of the head hole frame still owed */
    bool headHoleStarted;
    bool failed;
    vrError *error;
    bool finishing;           /* finish or abort sent, awaiting confirmation */
    vrNetMessage *confirm;
};

struct _vrNetClient {
    gint refs;
    int fd;
    GMutex lock;
    GMutex writeLock;
    GCond cond;
    GThread *reader;
    int wakeup[2];

    bool closed;
    bool closeRequested;
    vrError *closeError;
    uint32_t nextSerial;
    vrNetClientPending *calls;
    GList *streams;

    int kaInterval;
    unsigned int kaCount;
    unsigned int kaMissed;
    gint64 lastRx;

    vrNetClientCloseFunc closeCb;
    void *closeOpaque;
    vrNetClientEventFunc eventCb;
    void *eventOpaque;
};

static gpointer vrNetClientReader(gpointer opaque);

static vrNetClient *
vrNetClientNewInternal(int fd)
{
    vrNetClient *client = g_new0(vrNetClient, 1);

    client->refs = 1;
    client->fd = fd;
    client->nextSerial = 1;
    g_mutex_init(&client->lock);
    g_mutex_init(&client->writeLock);
    g_cond_init(&client->cond);
    if (pipe2(client->wakeup, O_CLOEXEC | O_NONBLOCK) < 0) {
        vrReportSystemError(errno, "%s", "Unable to create pipe");
        close(fd);
        g_free(client);
        return NULL;
    }
    client->lastRx = g_get_monotonic_time();
    vrNetClientRef(client);
    client->reader = g_thread_new("vireo-rpc-reader", vrNetClientReader, client);
    return client;
}

vrNetClient *
vrNetClientNewUnix(const char *path)
{
    int fd = vrNetSocketConnectUnix(path);

    if (fd < 0)
        return NULL;
    return vrNetClientNewInternal(fd);
}

vrNetClient *
vrNetClientNewFD(int fd)
{
    return vrNetClientNewInternal(fd);
}

void
vrNetClientRef(vrNetClient *client)
{
    g_atomic_int_inc(&client->refs);
}

void
vrNetClientUnref(vrNetClient *client)
{
    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    if (client->fd >= 0)
        close(client->fd);
    close(client->wakeup[0]);
    close(client->wakeup[1]);
    vrErrorFree(client->closeError);
    g_mutex_clear(&client->lock);
    g_mutex_clear(&client->writeLock);
    g_cond_clear(&client->cond);
    g_free(client);
}

static void
vrNetClientWake(vrNetClient *client)
{
    char c = 0;

    if (write(client->wakeup[1], &c, 1) < 0 && errno != EAGAIN)
        vrLogMessage(VR_LOG_WARN, "rpc", "cannot wake the RPC reader: %s", g_strerror(errno));
}

void
vrNetClientClose(vrNetClient *client)
{
    GThread *reader;

    if (!client)
        return;
    g_mutex_lock(&client->lock);
    client->closeRequested = true;
    reader = g_steal_pointer(&client->reader);
    g_mutex_unlock(&client->lock);
    shutdown(client->fd, SHUT_RDWR);
    vrNetClientWake(client);
    if (reader)
        g_thread_join(reader);
}

bool
vrNetClientIsOpen(vrNetClient *client)
{
    bool open;

    g_mutex_lock(&client->lock);
    open = !client->closed;
    g_mutex_unlock(&client->lock);
    return open;
}

void
vrNetClientSetCloseCallback(vrNetClient *client, vrNetClientCloseFunc cb, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->closeCb = cb;
    client->closeOpaque = opaque;
    g_mutex_unlock(&client->lock);
}

void
vrNetClientSetEventCallback(vrNetClient *client, vrNetClientEventFunc cb, void *opaque)
{
    g_mutex_lock(&client->lock);
    client->eventCb = cb;
    client->eventOpaque = opaque;
    g_mutex_unlock(&client->lock);
}

void
vrNetClientSetKeepAlive(vrNetClient *client, int interval, unsigned int count)
{
    g_mutex_lock(&client->lock);
    client->kaInterval = interval;
    client->kaCount = count;
    client->kaMissed = 0;
    g_mutex_unlock(&client->lock);
    vrNetClientWake(client);
}

/* ---- sending ------------------------------------------------------- */

static int
vrNetClientSend(vrNetClient *client, vrNetMessage *msg)
{
    int ret;

    g_mutex_lock(&client->writeLock);
    ret = vrNetSocketWriteAll(client->fd, msg->buffer, msg->length);
    g_mutex_unlock(&client->writeLock);
    return ret;
}

static int
vrNetClientSendKeepAlive(vrNetClient *client, int proc)
{
    vrNetMessage msg = { 0 };
    int ret;

    msg.header.prog = VRP_KEEPALIVE_PROGRAM;
    msg.header.vers = VRP_KEEPALIVE_PROTOCOL_VERSION;
    msg.header.proc = proc;
    msg.header.type = VR_NET_MESSAGE;
    msg.header.status = VR_NET_OK;
    if (vrNetMessageEncodeHeader(&msg) < 0 || vrNetMessageEncodePayloadEmpty(&msg) < 0) {
        vrNetMessageClear(&msg);
        return -1;
    }
    ret = vrNetClientSend(client, &msg);
    vrNetMessageClear(&msg);
    return ret;
}

/* The error every call gets once the connection is gone. */
static void
vrNetClientRaiseClosed(vrNetClient *client)
{
    if (client->closeError)
        vrErrorSetFrom(client->closeError);
    else
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "client socket is closed");
}

static vrNetClientPending *
vrNetClientCallRegister(vrNetClient *client, uint32_t *serial)
{
    vrNetClientPending *call;

    g_mutex_lock(&client->lock);
    if (client->closed || client->closeRequested) {
        vrNetClientRaiseClosed(client);
        g_mutex_unlock(&client->lock);
        return NULL;
    }
    call = g_new0(vrNetClientPending, 1);
    call->serial = client->nextSerial++;
    call->next = client->calls;
    client->calls = call;
    *serial = call->serial;
    g_mutex_unlock(&client->lock);
    return call;
}

static void
vrNetClientCallUnregister(vrNetClient *client, vrNetClientPending *call)
{
    vrNetClientPending **p;

    for (p = &client->calls; *p; p = &(*p)->next) {
        if (*p == call) {
            *p = call->next;
            break;
        }
    }
}

/* Waits for @call's reply; returns it (caller frees) or NULL (raised). */
static vrNetMessage *
vrNetClientCallWait(vrNetClient *client, vrNetClientPending *call)
{
    vrNetMessage *reply;

    g_mutex_lock(&client->lock);
    while (!call->done && !client->closed)
        g_cond_wait(&client->cond, &client->lock);
    vrNetClientCallUnregister(client, call);
    reply = g_steal_pointer(&call->reply);
    if (!reply)
        vrNetClientRaiseClosed(client);
    g_mutex_unlock(&client->lock);
    g_free(call);
    return reply;
}

static int
vrNetClientDecodeReply(vrNetMessage *reply, xdrproc_t retFilter, void *ret)
{
    if (reply->header.status == VR_NET_OK) {
        if (!retFilter)
            retFilter = (xdrproc_t)vrNetXdrNone;
        return vrNetMessageDecodePayload(reply, retFilter, ret);
    }
    if (reply->header.status == VR_NET_ERROR) {
        vrp_error rerr;
        memset(&rerr, 0, sizeof(rerr));
        if (vrNetMessageDecodePayload(reply, (xdrproc_t)xdr_vrp_error, &rerr) < 0)
            return -1;
        vrNetMessageRaiseError(&rerr);
        xdr_free((xdrproc_t)xdr_vrp_error, (char *)&rerr);
        return -1;
    }
    vrReportError(VR_ERR_RPC, "Unexpected message status %d", reply->header.status);
    return -1;
}

static vrNetClientStream *vrNetClientStreamNew(vrNetClient *client, unsigned int prog,
                                               unsigned int vers, int proc, uint32_t serial);

static int
vrNetClientCallInternal(vrNetClient *client, unsigned int prog, unsigned int vers, int proc,
                        xdrproc_t argsFilter, void *args, xdrproc_t retFilter, void *ret,
                        vrNetClientStream **stream)
{
    vrNetMessage msg = { 0 };
    vrNetMessage *reply;
    vrNetClientPending *call;
    uint32_t serial;
    int rc;

    if (!(call = vrNetClientCallRegister(client, &serial)))
        return -1;
    /* the stream must exist before the server can send on it */
    if (stream)
        *stream = vrNetClientStreamNew(client, prog, vers, proc, serial);
    msg.header.prog = prog;
    msg.header.vers = vers;
    msg.header.proc = proc;
    msg.header.type = VR_NET_CALL;
    msg.header.serial = serial;
    msg.header.status = VR_NET_OK;
    if (vrNetMessageEncodeHeader(&msg) < 0 ||
        vrNetMessageEncodePayload(&msg, argsFilter ? argsFilter : (xdrproc_t)vrNetXdrNone,
                                  args) < 0 ||
        vrNetClientSend(client, &msg) < 0) {
        vrNetMessageClear(&msg);
        g_mutex_lock(&client->lock);
        vrNetClientCallUnregister(client, call);
        g_mutex_unlock(&client->lock);
        g_free(call);
        goto error;
    }
    vrNetMessageClear(&msg);
    if (!(reply = vrNetClientCallWait(client, call)))
        goto error;
    rc = vrNetClientDecodeReply(reply, retFilter, ret);
    vrNetMessageFree(reply);
    if (rc < 0)
        goto error;
    return 0;

 error:
    if (stream) {
        vrNetClientStreamFree(*stream);
        *stream = NULL;
    }
    return -1;
}

int
vrNetClientCall(vrNetClient *client, unsigned int prog, unsigned int vers, int proc,
                xdrproc_t argsFilter, void *args, xdrproc_t retFilter, void *ret)
{
    return vrNetClientCallInternal(client, prog, vers, proc, argsFilter, args, retFilter, ret,
                                   NULL);
}

int
vrNetClientCallStream(vrNetClient *client, unsigned int prog, unsigned int vers, int proc,
                      xdrproc_t argsFilter, void *args, xdrproc_t retFilter, void *ret,
                      vrNetClientStream **stream)
{
    return vrNetClientCallInternal(client, prog, vers, proc, argsFilter, args, retFilter, ret,
                                   stream);
}

/* ---- receiving ----------------------------------------------------- */

static vrNetClientStream *
vrNetClientFindStream(vrNetClient *client, const vrNetHeader *hdr)
{
    GList *l;

    for (l = client->streams; l; l = l->next) {
        vrNetClientStream *st = l->data;
        if (st->serial == hdr->serial && st->proc == hdr->proc && st->prog == hdr->prog)
            return st;
    }
    return NULL;
}

static void
vrNetClientStreamSetError(vrNetClientStream *st, vrNetMessage *msg)
{
    vrp_error rerr;
    vrError *saved;

    memset(&rerr, 0, sizeof(rerr));
    saved = vrErrorSave();
    if (vrNetMessageDecodePayload(msg, (xdrproc_t)xdr_vrp_error, &rerr) == 0) {
        vrNetMessageRaiseError(&rerr);
        xdr_free((xdrproc_t)xdr_vrp_error, (char *)&rerr);
    }
    vrErrorFree(st->error);
    st->error = vrErrorSave();
    vrErrorRestore(&saved);
    st->failed = true;
}

/* Called with the lock held; takes @msg. */
static void
vrNetClientDispatchStream(vrNetClient *client, vrNetMessage *msg)
{
    vrNetClientStream *st = vrNetClientFindStream(client, &msg->header);

    if (!st) {
        vrNetMessageFree(msg);
        return;
    }
    if (st->finishing && msg->header.status != VR_NET_CONTINUE) {
        vrNetMessageFree(st->confirm);
        st->confirm = msg;
    } else if (msg->header.status == VR_NET_ERROR) {
        vrNetClientStreamSetError(st, msg);
        vrNetMessageFree(msg);
    } else {
        size_t len;
        vrNetMessagePayload(msg, &len);
        st->queuedBytes += len;
        g_queue_push_tail(&st->incoming, msg);
        /* hold the reader back while the consumer catches up */
        while (st->queuedBytes > VR_NET_CLIENT_STREAM_QUEUE_MAX && !client->closeRequested &&
               g_list_find(client->streams, st))
            g_cond_wait(&client->cond, &client->lock);
    }
    g_cond_broadcast(&client->cond);
}

/* Called with the lock held; takes @msg. */
static void
vrNetClientDispatchReply(vrNetClient *client, vrNetMessage *msg)
{
    vrNetClientPending *call;

    for (call = client->calls; call; call = call->next) {
        if (call->serial == msg->header.serial && !call->done) {
            call->reply = msg;
            call->done = true;
            g_cond_broadcast(&client->cond);
            return;
        }
    }
    vrLogMessage(VR_LOG_WARN, "rpc", "reply to unknown call serial %u", msg->header.serial);
    vrNetMessageFree(msg);
}

static void
vrNetClientDispatch(vrNetClient *client, vrNetMessage *msg)
{
    const vrNetHeader *hdr = &msg->header;

    if (hdr->prog == VRP_KEEPALIVE_PROGRAM) {
        if (hdr->proc == VRP_KEEPALIVE_PROC_PING)
            vrNetClientSendKeepAlive(client, VRP_KEEPALIVE_PROC_PONG);
        vrNetMessageFree(msg);
        return;
    }
    switch (hdr->type) {
    case VR_NET_REPLY:
    case VR_NET_REPLY_WITH_FDS:
        g_mutex_lock(&client->lock);
        vrNetClientDispatchReply(client, msg);
        g_mutex_unlock(&client->lock);
        return;
    case VR_NET_STREAM:
    case VR_NET_STREAM_HOLE:
        g_mutex_lock(&client->lock);
        vrNetClientDispatchStream(client, msg);
        g_mutex_unlock(&client->lock);
        return;
    case VR_NET_MESSAGE: {
        vrNetClientEventFunc cb;
        void *opaque;
        g_mutex_lock(&client->lock);
        cb = client->eventCb;
        opaque = client->eventOpaque;
        g_mutex_unlock(&client->lock);
        if (cb)
            cb(client, msg, opaque);
        vrNetMessageFree(msg);
        return;
    }
    default:
        vrLogMessage(VR_LOG_WARN, "rpc", "ignoring frame of unexpected type %d", hdr->type);
        vrNetMessageFree(msg);
    }
}

/* Reads one whole frame (blocking); NULL at end of file or on error. */
static vrNetMessage *
vrNetClientReadFrame(vrNetClient *client)
{
    vrNetMessage *msg = vrNetMessageNew();

    vrNetMessagePrepareRead(msg);
    if (vrNetSocketReadAll(client->fd, msg->buffer, VR_NET_MESSAGE_LEN_SIZE) < 0 ||
        vrNetMessageDecodeLength(msg) < 0)
        goto error;
    msg->offset = VR_NET_MESSAGE_LEN_SIZE;
    while (msg->offset < msg->length) {
        size_t room;
        char *space = vrNetMessageReadSpace(msg, &room);
        if (vrNetSocketReadAll(client->fd, space, room) < 0)
            goto error;
        msg->offset += room;
    }
    if (vrNetMessageDecodeHeader(msg) < 0)
        goto error;
    return msg;

 error:
    vrNetMessageFree(msg);
    return NULL;
}

/* Milliseconds poll() may sleep before keepalive has work to do. */
static int
vrNetClientKeepAliveTimeout(vrNetClient *client)
{
    gint64 due;

    if (client->kaInterval <= 0)
        return -1;
    due = client->lastRx + (gint64)client->kaInterval * G_USEC_PER_SEC * (client->kaMissed + 1);
    return (int)MAX(0, (due - g_get_monotonic_time()) / 1000 + 1);
}

/* Returns false when keepalive gave up on the server. */
static bool
vrNetClientKeepAliveTick(vrNetClient *client)
{
    gint64 idle;
    bool ping = false, dead = false;

    g_mutex_lock(&client->lock);
    if (client->kaInterval > 0) {
        idle = g_get_monotonic_time() - client->lastRx;
        if (idle >= (gint64)client->kaInterval * G_USEC_PER_SEC * (client->kaMissed + 1)) {
            if (client->kaMissed >= client->kaCount)
                dead = true;
            else {
                client->kaMissed++;
                ping = true;
            }
        }
    }
    g_mutex_unlock(&client->lock);
    if (ping)
        vrNetClientSendKeepAlive(client, VRP_KEEPALIVE_PROC_PING);
    return !dead;
}

static void
vrNetClientShutdown(vrNetClient *client, int reason)
{
    vrNetClientCloseFunc cb;
    void *opaque;
    bool requested;
    GList *l;

    g_mutex_lock(&client->lock);
    client->closed = true;
    requested = client->closeRequested;
    if (!client->closeError && !requested && vrErrorIsSet())
        client->closeError = vrErrorSave();
    for (l = client->streams; l; l = l->next) {
        vrNetClientStream *st = l->data;
        if (!st->failed && !st->error && client->closeError) {
            st->error = g_new0(vrError, 1);
            st->error->code = client->closeError->code;
            st->error->domain = client->closeError->domain;
            st->error->level = client->closeError->level;
            st->error->message = g_strdup(client->closeError->message);
        }
        st->failed = true;
    }
    g_cond_broadcast(&client->cond);
    cb = client->closeCb;
    opaque = client->closeOpaque;
    g_mutex_unlock(&client->lock);
    if (cb)
        cb(client, requested ? VR_CONNECT_CLOSE_REASON_CLIENT : reason, opaque);
}

static gpointer
vrNetClientReader(gpointer opaque)
{
    vrNetClient *client = opaque;
    int reason = VR_CONNECT_CLOSE_REASON_EOF;

    for (;;) {
        struct pollfd fds[2] = {
            { .fd = client->fd, .events = POLLIN },
            { .fd = client->wakeup[0], .events = POLLIN },
        };
        vrNetMessage *msg;
        int timeout, n;

        g_mutex_lock(&client->lock);
        timeout = vrNetClientKeepAliveTimeout(client);
        if (client->closeRequested) {
            g_mutex_unlock(&client->lock);
            break;
        }
        g_mutex_unlock(&client->lock);

        n = poll(fds, 2, timeout);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            vrReportSystemError(errno, "%s", "poll on the RPC socket failed");
            reason = VR_CONNECT_CLOSE_REASON_ERROR;
            break;
        }
        if (fds[1].revents) {
            char buf[64];
            while (read(client->wakeup[0], buf, sizeof(buf)) > 0)
                ;
        }
        if (n == 0 || !(fds[0].revents)) {
            if (!vrNetClientKeepAliveTick(client)) {
                vrReportError(VR_ERR_RPC, "%s",
                              "connection closed due to keepalive timeout");
                reason = VR_CONNECT_CLOSE_REASON_KEEPALIVE;
                break;
            }
            continue;
        }
        if (!(msg = vrNetClientReadFrame(client))) {
            reason = VR_CONNECT_CLOSE_REASON_EOF;
            break;
        }
        g_mutex_lock(&client->lock);
        client->lastRx = g_get_monotonic_time();
        client->kaMissed = 0;
        g_mutex_unlock(&client->lock);
        vrNetClientDispatch(client, msg);
    }
    vrNetClientShutdown(client, reason);
    vrResetLastError();
    vrNetClientUnref(client);
    return NULL;
}

/* ---- streams -------------------------------------------------------- */

static vrNetClientStream *
vrNetClientStreamNew(vrNetClient *client, unsigned int prog, unsigned int vers, int proc,
                     uint32_t serial)
{
    vrNetClientStream *st = g_new0(vrNetClientStream, 1);

    vrNetClientRef(client);
    st->client = client;
    st->prog = prog;
    st->vers = vers;
    st->proc = proc;
    st->serial = serial;
    g_queue_init(&st->incoming);
    g_mutex_lock(&client->lock);
    client->streams = g_list_prepend(client->streams, st);
    g_mutex_unlock(&client->lock);
    return st;
}

void
vrNetClientStreamFree(vrNetClientStream *st)
{
    vrNetClient *client;

    if (!st)
        return;
    client = st->client;
    g_mutex_lock(&client->lock);
    client->streams = g_list_remove(client->streams, st);
    g_cond_broadcast(&client->cond);
    g_mutex_unlock(&client->lock);
    g_queue_clear_full(&st->incoming, (GDestroyNotify)vrNetMessageFree);
    vrNetMessageFree(st->confirm);
    vrErrorFree(st->error);
    g_free(st);
    vrNetClientUnref(client);
}

/* Called with the lock held. */
static void
vrNetClientStreamRaise(vrNetClientStream *st)
{
    if (st->error)
        vrErrorSetFrom(st->error);
    else
        vrNetClientRaiseClosed(st->client);
}

static int
vrNetClientStreamSendFrame(vrNetClientStream *st, int type, int status, const char *data,
                           size_t len)
{
    vrNetMessage msg = { 0 };
    int ret;

    msg.header.prog = st->prog;
    msg.header.vers = st->vers;
    msg.header.proc = st->proc;
    msg.header.type = type;
    msg.header.serial = st->serial;
    msg.header.status = status;
    if (vrNetMessageEncodeHeader(&msg) < 0 ||
        vrNetMessageEncodePayloadRaw(&msg, data, len) < 0) {
        vrNetMessageClear(&msg);
        return -1;
    }
    ret = vrNetClientSend(st->client, &msg);
    vrNetMessageClear(&msg);
    return ret;
}

bool
vrNetClientStreamReadable(vrNetClientStream *st)
{
    bool ready;

    g_mutex_lock(&st->client->lock);
    ready = !g_queue_is_empty(&st->incoming) || st->failed;
    g_mutex_unlock(&st->client->lock);
    return ready;
}

/* Decodes a hole frame's length. */
static long long
vrNetClientHoleLength(vrNetMessage *msg)
{
    vrp_net_stream_hole hole;

    memset(&hole, 0, sizeof(hole));
    if (vrNetMessageDecodePayload(msg, (xdrproc_t)xdr_vrp_net_stream_hole, &hole) < 0)
        return -1;
    return hole.length;
}

static void
vrNetClientStreamDropHead(vrNetClientStream *st)
{
    vrNetMessage *head = g_queue_pop_head(&st->incoming);
    size_t len;

    vrNetMessagePayload(head, &len);
    st->queuedBytes -= len;
    st->headOffset = 0;
    st->headHoleStarted = false;
    vrNetMessageFree(head);
    g_cond_broadcast(&st->client->cond);
}

int
vrNetClientStreamRecv(vrNetClientStream *st, char *data, size_t nbytes, bool nonblock,
                      bool stopAtHole)
{
    vrNetClient *client = st->client;
    vrNetMessage *head;
    int ret = -1;

    g_mutex_lock(&client->lock);
    for (;;) {
        if (!g_queue_is_empty(&st->incoming))
            break;
        if (st->failed) {
            vrNetClientStreamRaise(st);
            goto out;
        }
        if (nonblock) {
            ret = -2;
            goto out;
        }
        g_cond_wait(&client->cond, &client->lock);
    }
    head = g_queue_peek_head(&st->incoming);
    if (head->header.type == VR_NET_STREAM_HOLE) {
        if (!st->headHoleStarted) {
            if ((st->headHole = vrNetClientHoleLength(head)) < 0)
                goto out;
            st->headHoleStarted = true;
        }
        if (stopAtHole) {
            ret = -3;
            goto out;
        }
        /* a reader that does not handle holes gets zeroes instead */
        ret = (int)MIN((long long)nbytes, st->headHole);
        memset(data, 0, ret);
        st->headHole -= ret;
        if (st->headHole == 0)
            vrNetClientStreamDropHead(st);
        goto out;
    }
    if (head->header.status == VR_NET_OK) {
        ret = 0;   /* the end; leave the marker for later reads */
        goto out;
    }
    {
        size_t len;
        const char *payload = vrNetMessagePayload(head, &len);
        size_t n = MIN(nbytes, len - st->headOffset);
        memcpy(data, payload + st->headOffset, n);
        st->headOffset += n;
        if (st->headOffset == len)
            vrNetClientStreamDropHead(st);
        ret = (int)n;
    }
 out:
    g_mutex_unlock(&client->lock);
    return ret;
}

int
vrNetClientStreamRecvHole(vrNetClientStream *st, long long *length)
{
    vrNetClient *client = st->client;
    vrNetMessage *head;
    int ret = -1;

    g_mutex_lock(&client->lock);
    head = g_queue_peek_head(&st->incoming);
    if (!head || head->header.type != VR_NET_STREAM_HOLE) {
        /* not at a hole: libvirt answers with a zero-length one */
        *length = 0;
        ret = 0;
        goto out;
    }
    if (!st->headHoleStarted) {
        if ((st->headHole = vrNetClientHoleLength(head)) < 0)
            goto out;
    }
    *length = st->headHole;
    vrNetClientStreamDropHead(st);
    ret = 0;
 out:
    g_mutex_unlock(&client->lock);
    return ret;
}

static bool
vrNetClientStreamUsable(vrNetClientStream *st)
{
    bool ok;

    g_mutex_lock(&st->client->lock);
    ok = !st->failed;
    if (!ok)
        vrNetClientStreamRaise(st);
    g_mutex_unlock(&st->client->lock);
    return ok;
}

int
vrNetClientStreamSend(vrNetClientStream *st, const char *data, size_t nbytes)
{
    size_t sent = 0;

    if (!vrNetClientStreamUsable(st))
        return -1;
    while (sent < nbytes) {
        size_t n = MIN(nbytes - sent, (size_t)VR_NET_MESSAGE_STREAM_CHUNK);
        if (vrNetClientStreamSendFrame(st, VR_NET_STREAM, VR_NET_CONTINUE, data + sent, n) < 0)
            return -1;
        sent += n;
    }
    return (int)nbytes;
}

int
vrNetClientStreamSendHole(vrNetClientStream *st, long long length, unsigned int flags)
{
    vrNetMessage msg = { 0 };
    vrp_net_stream_hole hole = { .length = length, .flags = flags };
    int ret;

    if (!vrNetClientStreamUsable(st))
        return -1;
    msg.header.prog = st->prog;
    msg.header.vers = st->vers;
    msg.header.proc = st->proc;
    msg.header.type = VR_NET_STREAM_HOLE;
    msg.header.serial = st->serial;
    msg.header.status = VR_NET_CONTINUE;
    if (vrNetMessageEncodeHeader(&msg) < 0 ||
        vrNetMessageEncodePayload(&msg, (xdrproc_t)xdr_vrp_net_stream_hole, &hole) < 0) {
        vrNetMessageClear(&msg);
        return -1;
    }
    ret = vrNetClientSend(st->client, &msg);
    vrNetMessageClear(&msg);
    return ret;
}

/* Sends the closing frame and waits (up to @timeout us, -1 forever) for
 * the server's answer to it. */
static int
vrNetClientStreamClose(vrNetClientStream *st, int status, gint64 timeout)
{
    vrNetClient *client = st->client;
    gint64 deadline = timeout < 0 ? -1 : g_get_monotonic_time() + timeout;
    vrNetMessage *confirm;
    int ret = -1;

    g_mutex_lock(&client->lock);
    st->finishing = true;
    g_mutex_unlock(&client->lock);
    if (vrNetClientStreamSendFrame(st, VR_NET_STREAM, status, NULL, 0) < 0)
        return -1;
    g_mutex_lock(&client->lock);
    while (!st->confirm && !client->closed) {
        if (deadline < 0)
            g_cond_wait(&client->cond, &client->lock);
        else if (!g_cond_wait_until(&client->cond, &client->lock, deadline))
            break;
    }
    confirm = g_steal_pointer(&st->confirm);
    g_mutex_unlock(&client->lock);
    if (!confirm) {
        if (status == VR_NET_ERROR)
            return 0;   /* an abort is done whether or not it was acknowledged */
        g_mutex_lock(&client->lock);
        vrNetClientRaiseClosed(client);
        g_mutex_unlock(&client->lock);
        return -1;
    }
    if (confirm->header.status == VR_NET_ERROR && status != VR_NET_ERROR) {
        vrp_error rerr;
        memset(&rerr, 0, sizeof(rerr));
        if (vrNetMessageDecodePayload(confirm, (xdrproc_t)xdr_vrp_error, &rerr) == 0) {
            vrNetMessageRaiseError(&rerr);
            xdr_free((xdrproc_t)xdr_vrp_error, (char *)&rerr);
        }
    } else {
        ret = 0;
    }
    vrNetMessageFree(confirm);
    return ret;
}

int
vrNetClientStreamFinish(vrNetClientStream *st)
{
    if (!vrNetClientStreamUsable(st))
        return -1;
    return vrNetClientStreamClose(st, VR_NET_OK, -1);
}

int
vrNetClientStreamAbort(vrNetClientStream *st)
{
    bool failed;

    g_mutex_lock(&st->client->lock);
    failed = st->failed || st->client->closed;
    g_mutex_unlock(&st->client->lock);
    if (failed)
        return 0;
    return vrNetClientStreamClose(st, VR_NET_ERROR, VR_NET_CLIENT_ABORT_WAIT_US);
}
