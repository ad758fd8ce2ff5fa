/*
 * vrnetserver.c: the server end of the RPC protocol.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>

#include "util/vrerror.h"
#include "util/vrlog.h"
#include "util/vrthreadpool.h"
#include "rpc/vireo_keepalive.h"
#include "vrnetserver.h"
#include "vrnetsocket.h"

#define VR_FROM_THIS VR_FROM_RPC
#define VR_LOG_CATEGORY "rpc.server"

typedef struct {
    vrNetServer *srv;
    int fd;
    int watch;
    bool readonly;
    char *path;
} vrNetServerService;

struct _vrNetServerClient {
    gint refs;
    vrNetServer *srv;
    int fd;
    int watch;
    bool readonly;

    GMutex lock;
    GCond cond;
    bool closed;
    vrNetMessage *rx;             /* frame being read (event loop only) */
    vrNetMessage *tx;             /* frames waiting to be written */
    size_t txBytes;
    unsigned int nrequests;       /* calls handed to workers, not yet answered */
    bool readPaused;

    bool keepalive;
    unsigned int kaMissed;
    gint64 lastRx;

    void *privateData;
};

struct _vrNetServer {
    vrNetServerConfig cfg;
    const vrNetServerProgram *program;
    vrEventLoop *loop;
    vrThreadPool *pool;
    int kaTimer;

    GMutex lock;
    GPtrArray *services;
    GList *clients;
    bool acceptPaused;
};

typedef struct {
    vrNetServerClient *client;
    vrNetMessage *msg;
} vrNetServerJob;

static void vrNetServerClientEvent(int watch, int fd, int events, void *opaque);
static void vrNetServerServiceEvent(int watch, int fd, int events, void *opaque);
static void vrNetServerClientUpdateEvents(vrNetServerClient *client);

void
vrNetServerConfigDefaults(vrNetServerConfig *cfg)
{
    cfg->maxClients = 5000;
    cfg->minWorkers = 5;
    cfg->maxWorkers = 20;
    cfg->prioWorkers = 5;
    cfg->maxClientRequests = 5;
    cfg->keepaliveInterval = 5;
    cfg->keepaliveCount = 5;
}

/* ---- workers ------------------------------------------------------- */

static void
vrNetServerWorker(void *jobdata, void *opaque)
{
    vrNetServerJob *job = jobdata;
    vrNetServerClient *client = job->client;
    vrNetServer *srv = opaque;
    bool resume;

    srv->program->dispatch(client, job->msg);
    vrResetLastError();

    g_mutex_lock(&client->lock);
    client->nrequests--;
    resume = client->readPaused && client->nrequests < srv->cfg.maxClientRequests;
    if (resume)
        client->readPaused = false;
    g_mutex_unlock(&client->lock);
    if (resume)
        vrNetServerClientUpdateEvents(client);
    vrNetServerClientUnref(client);
    g_free(job);
}

/* ---- keepalive ----------------------------------------------------- */

static vrNetMessage *
vrNetServerKeepAliveMessage(int proc)
{
    vrNetMessage *msg = vrNetMessageNew();

    msg->header.prog = VRP_KEEPALIVE_PROGRAM;
    msg->header.vers = VRP_KEEPALIVE_PROTOCOL_VERSION;
    msg->header.proc = proc;
    msg->header.type = VR_NET_MESSAGE;
    msg->header.status = VR_NET_OK;
    vrNetMessageEncodeHeader(msg);
    vrNetMessageEncodePayloadEmpty(msg);
    return msg;
}

static void
vrNetServerKeepAliveTimer(int timer, void *opaque)
{
    vrNetServer *srv = opaque;
    gint64 now = g_get_monotonic_time();
    GList *l, *dead = NULL, *ping = NULL;

    (void)timer;
    g_mutex_lock(&srv->lock);
    for (l = srv->clients; l; l = l->next) {
        vrNetServerClient *client = l->data;
        gint64 limit;

        g_mutex_lock(&client->lock);
        limit = (gint64)srv->cfg.keepaliveInterval * G_USEC_PER_SEC * (client->kaMissed + 1);
        if (client->keepalive && !client->closed && srv->cfg.keepaliveInterval > 0 &&
            now - client->lastRx >= limit) {
            vrNetServerClientRef(client);
            if (client->kaMissed >= srv->cfg.keepaliveCount) {
                dead = g_list_prepend(dead, client);
            } else {
                client->kaMissed++;
                ping = g_list_prepend(ping, client);
            }
        }
        g_mutex_unlock(&client->lock);
    }
    g_mutex_unlock(&srv->lock);

    for (l = ping; l; l = l->next) {
        vrNetServerClientSendMessage(l->data, vrNetServerKeepAliveMessage(VRP_KEEPALIVE_PROC_PING));
        vrNetServerClientUnref(l->data);
    }
    for (l = dead; l; l = l->next) {
        VR_WARN("closing client that stopped answering keepalive pings");
        vrNetServerClientClose(l->data);
        vrNetServerClientUnref(l->data);
    }
    g_list_free(ping);
    g_list_free(dead);
}

/* ---- server -------------------------------------------------------- */

vrNetServer *
vrNetServerNew(const vrNetServerConfig *cfg, const vrNetServerProgram *program)
{
    vrNetServer *srv = g_new0(vrNetServer, 1);

    srv->cfg = *cfg;
    srv->program = program;
    g_mutex_init(&srv->lock);
    srv->services = g_ptr_array_new();
    if (!(srv->loop = vrEventLoopNew())) {
        vrNetServerFree(srv);
        return NULL;
    }
    srv->pool = vrThreadPoolNew(cfg->minWorkers, cfg->maxWorkers, cfg->prioWorkers,
                                vrNetServerWorker, srv);
    srv->kaTimer = vrEventAddTimer(srv->loop, 1000, vrNetServerKeepAliveTimer, srv, NULL);
    return srv;
}

void
vrNetServerUpdateConfig(vrNetServer *srv, const vrNetServerConfig *cfg)
{
    g_mutex_lock(&srv->lock);
    srv->cfg = *cfg;
    g_mutex_unlock(&srv->lock);
    vrThreadPoolSetLimits(srv->pool, cfg->minWorkers, cfg->maxWorkers, cfg->prioWorkers);
}

vrEventLoop *
vrNetServerEventLoop(vrNetServer *srv)
{
    return srv->loop;
}

int
vrNetServerAddUnixService(vrNetServer *srv, const char *path, mode_t mode, bool readonly)
{
    vrNetServerService *svc;
    int fd = vrNetSocketListenUnix(path, mode);

    if (fd < 0)
        return -1;
    svc = g_new0(vrNetServerService, 1);
    svc->srv = srv;
    svc->fd = fd;
    svc->readonly = readonly;
    svc->path = g_strdup(path);
    svc->watch = vrEventLoopAddHandle(srv->loop, fd, VR_EVENT_READABLE, vrNetServerServiceEvent,
                                  svc, NULL);
    g_mutex_lock(&srv->lock);
    g_ptr_array_add(srv->services, svc);
    g_mutex_unlock(&srv->lock);
    return 0;
}

unsigned int
vrNetServerClientCount(vrNetServer *srv)
{
    unsigned int n;

    g_mutex_lock(&srv->lock);
    n = g_list_length(srv->clients);
    g_mutex_unlock(&srv->lock);
    return n;
}

/* Stops or resumes accepting, as the client count crosses max_clients. */
static void
vrNetServerUpdateAccept(vrNetServer *srv)
{
    bool full;
    guint i;

    g_mutex_lock(&srv->lock);
    full = g_list_length(srv->clients) >= srv->cfg.maxClients;
    if (full != srv->acceptPaused) {
        srv->acceptPaused = full;
        for (i = 0; i < srv->services->len; i++) {
            vrNetServerService *svc = g_ptr_array_index(srv->services, i);
            vrEventLoopUpdateHandle(srv->loop, svc->watch, full ? 0 : VR_EVENT_READABLE);
        }
        if (full)
            VR_WARN("reached max_clients (%u): new connections wait", srv->cfg.maxClients);
    }
    g_mutex_unlock(&srv->lock);
}

vrNetServerClient *
vrNetServerAddClientFD(vrNetServer *srv, int fd, bool readonly)
{
    vrNetServerClient *client = g_new0(vrNetServerClient, 1);

    client->refs = 1;
    client->srv = srv;
    client->fd = fd;
    client->readonly = readonly;
    client->lastRx = g_get_monotonic_time();
    g_mutex_init(&client->lock);
    g_cond_init(&client->cond);
    client->rx = vrNetMessageNew();
    vrNetMessagePrepareRead(client->rx);
    vrNetSocketSetNonBlocking(fd, true);
    if (srv->program->clientInit)
        srv->program->clientInit(client);

    g_mutex_lock(&srv->lock);
    srv->clients = g_list_prepend(srv->clients, client);
    g_mutex_unlock(&srv->lock);
    /* the list holds the first reference, the event handle a second */
    vrNetServerClientRef(client);
    client->watch = vrEventLoopAddHandle(srv->loop, fd, VR_EVENT_READABLE, vrNetServerClientEvent,
                                     client, (vrEventFreeFunc)vrNetServerClientUnref);
    vrNetServerUpdateAccept(srv);
    return client;
}

static void
vrNetServerServiceEvent(int watch, int fd, int events, void *opaque)
{
    vrNetServerService *svc = opaque;
    int cfd;

    (void)watch;
    (void)events;
    while ((cfd = vrNetSocketAccept(fd)) >= 0) {
        vrNetServerAddClientFD(svc->srv, cfd, svc->readonly);
        if (svc->srv->acceptPaused)
            break;
    }
    vrResetLastError();
}

void
vrNetServerRun(vrNetServer *srv)
{
    vrEventLoopRun(srv->loop);
}

void
vrNetServerQuit(vrNetServer *srv)
{
    vrEventLoopQuit(srv->loop);
}

void
vrNetServerShutdown(vrNetServer *srv)
{
    GList *clients, *l;
    guint i;

    g_mutex_lock(&srv->lock);
    clients = g_list_copy(srv->clients);
    for (l = clients; l; l = l->next)
        vrNetServerClientRef(l->data);
    g_mutex_unlock(&srv->lock);
    for (l = clients; l; l = l->next) {
        vrNetServerClientClose(l->data);
        vrNetServerClientUnref(l->data);
    }
    g_list_free(clients);
    /* let queued calls finish before anything they use goes away */
    if (srv->pool) {
        vrThreadPoolFree(srv->pool);
        srv->pool = NULL;
    }
    for (i = 0; i < srv->services->len; i++) {
        vrNetServerService *svc = g_ptr_array_index(srv->services, i);
        vrEventLoopRemoveHandle(srv->loop, svc->watch);
        close(svc->fd);
        unlink(svc->path);
        g_free(svc->path);
        g_free(svc);
    }
    g_ptr_array_set_size(srv->services, 0);
}

void
vrNetServerFree(vrNetServer *srv)
{
    if (!srv)
        return;
    if (srv->pool)
        vrNetServerShutdown(srv);
    if (srv->loop)
        vrEventLoopFree(srv->loop);
    g_ptr_array_unref(srv->services);
    g_mutex_clear(&srv->lock);
    g_free(srv);
}

/* ---- clients ------------------------------------------------------- */

void
vrNetServerClientRef(vrNetServerClient *client)
{
    g_atomic_int_inc(&client->refs);
}

void
vrNetServerClientUnref(vrNetServerClient *client)
{
    vrNetMessage *msg;

    if (!client || !g_atomic_int_dec_and_test(&client->refs))
        return;
    if (client->privateData && client->srv->program->clientFree)
        client->srv->program->clientFree(client->privateData);
    while ((msg = vrNetMessageQueuePop(&client->tx)))
        vrNetMessageFree(msg);
    vrNetMessageFree(client->rx);
    if (client->fd >= 0)
        close(client->fd);
    g_mutex_clear(&client->lock);
    g_cond_clear(&client->cond);
    g_free(client);
}

bool
vrNetServerClientIsReadonly(vrNetServerClient *client)
{
    return client->readonly;
}

bool
vrNetServerClientIsClosed(vrNetServerClient *client)
{
    bool closed;

    g_mutex_lock(&client->lock);
    closed = client->closed;
    g_mutex_unlock(&client->lock);
    return closed;
}

void *
vrNetServerClientGetPrivateData(vrNetServerClient *client)
{
    return client->privateData;
}

void
vrNetServerClientSetPrivateData(vrNetServerClient *client, void *data)
{
    client->privateData = data;
}

int
vrNetServerClientGetIdentity(vrNetServerClient *client, pid_t *pid, uid_t *uid, gid_t *gid)
{
    return vrNetSocketPeerCredentials(client->fd, pid, uid, gid);
}

void
vrNetServerClientStartKeepAlive(vrNetServerClient *client)
{
    g_mutex_lock(&client->lock);
    client->keepalive = true;
    client->lastRx = g_get_monotonic_time();
    g_mutex_unlock(&client->lock);
}

void
vrNetServerClientClose(vrNetServerClient *client)
{
    vrNetServer *srv = client->srv;
    bool wasOpen;
    GList *link;

    g_mutex_lock(&client->lock);
    wasOpen = !client->closed;
    client->closed = true;
    g_cond_broadcast(&client->cond);
    g_mutex_unlock(&client->lock);
    if (!wasOpen)
        return;

    shutdown(client->fd, SHUT_RDWR);
    vrEventLoopRemoveHandle(srv->loop, client->watch);
    if (srv->program->clientClosed)
        srv->program->clientClosed(client);
    g_mutex_lock(&srv->lock);
    link = g_list_find(srv->clients, client);
    if (link)
        srv->clients = g_list_delete_link(srv->clients, link);
    g_mutex_unlock(&srv->lock);
    if (link)
        vrNetServerClientUnref(client);
    vrNetServerUpdateAccept(srv);
}

static void
vrNetServerClientUpdateEvents(vrNetServerClient *client)
{
    int events = 0;

    g_mutex_lock(&client->lock);
    if (!client->closed) {
        if (!client->readPaused)
            events |= VR_EVENT_READABLE;
        if (client->tx)
            events |= VR_EVENT_WRITABLE;
        vrEventLoopUpdateHandle(client->srv->loop, client->watch, events);
    }
    g_mutex_unlock(&client->lock);
}

void
vrNetServerClientSendMessage(vrNetServerClient *client, vrNetMessage *msg)
{
    g_mutex_lock(&client->lock);
    if (client->closed) {
        g_mutex_unlock(&client->lock);
        vrNetMessageFree(msg);
        return;
    }
    msg->offset = 0;
    client->txBytes += msg->length;
    vrNetMessageQueuePush(&client->tx, msg);
    g_mutex_unlock(&client->lock);
    vrNetServerClientUpdateEvents(client);
}

bool
vrNetServerClientWaitQueue(vrNetServerClient *client, size_t bytes)
{
    bool open;

    g_mutex_lock(&client->lock);
    while (!client->closed && client->txBytes > bytes)
        g_cond_wait(&client->cond, &client->lock);
    open = !client->closed;
    g_mutex_unlock(&client->lock);
    return open;
}

static vrNetMessage *
vrNetServerReplyMessage(const vrNetHeader *call, int type, int status)
{
    vrNetMessage *msg = vrNetMessageNew();

    msg->header = *call;
    msg->header.type = type;
    msg->header.status = status;
    vrNetMessageEncodeHeader(msg);
    return msg;
}

int
vrNetServerClientSendError(vrNetServerClient *client, const vrNetHeader *call)
{
    vrNetMessage *msg = vrNetServerReplyMessage(call, VR_NET_REPLY, VR_NET_ERROR);
    vrp_error rerr;
    int ret;

    vrNetMessageSaveError(&rerr);
    ret = vrNetMessageEncodePayload(msg, (xdrproc_t)xdr_vrp_error, &rerr);
    xdr_free((xdrproc_t)xdr_vrp_error, (char *)&rerr);
    if (ret < 0) {
        vrNetMessageFree(msg);
        return -1;
    }
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

int
vrNetServerClientSendReply(vrNetServerClient *client, const vrNetHeader *call,
                           xdrproc_t filter, void *ret)
{
    vrNetMessage *msg = vrNetServerReplyMessage(call, VR_NET_REPLY, VR_NET_OK);

    if (vrNetMessageEncodePayload(msg, filter ? filter : (xdrproc_t)vrNetXdrNone, ret) < 0) {
        vrNetMessageFree(msg);
        /* a reply too big to send is still an answer the client waits for */
        return vrNetServerClientSendError(client, call);
    }
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

static vrNetHeader
vrNetServerStreamHeader(vrNetServerClient *client, int proc, uint32_t serial)
{
    vrNetHeader hdr = {
        .prog = client->srv->program->prog,
        .vers = client->srv->program->vers,
        .proc = proc,
        .serial = serial,
    };
    return hdr;
}

int
vrNetServerClientSendStreamData(vrNetServerClient *client, int proc, uint32_t serial,
                                const char *data, size_t len)
{
    vrNetHeader hdr = vrNetServerStreamHeader(client, proc, serial);
    vrNetMessage *msg = vrNetServerReplyMessage(&hdr, VR_NET_STREAM, VR_NET_CONTINUE);

    if (vrNetMessageEncodePayloadRaw(msg, data, len) < 0) {
        vrNetMessageFree(msg);
        return -1;
    }
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

int
vrNetServerClientSendStreamHole(vrNetServerClient *client, int proc, uint32_t serial,
                                long long length, unsigned int flags)
{
    vrNetHeader hdr = vrNetServerStreamHeader(client, proc, serial);
    vrNetMessage *msg = vrNetServerReplyMessage(&hdr, VR_NET_STREAM_HOLE, VR_NET_CONTINUE);
    vrp_net_stream_hole hole = { .length = length, .flags = flags };

    if (vrNetMessageEncodePayload(msg, (xdrproc_t)xdr_vrp_net_stream_hole, &hole) < 0) {
        vrNetMessageFree(msg);
        return -1;
    }
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

int
vrNetServerClientSendStreamStatus(vrNetServerClient *client, int proc, uint32_t serial,
                                  int status)
{
    vrNetHeader hdr = vrNetServerStreamHeader(client, proc, serial);
    vrNetMessage *msg = vrNetServerReplyMessage(&hdr, VR_NET_STREAM, status);

    vrNetMessageEncodePayloadEmpty(msg);
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

int
vrNetServerClientSendStreamError(vrNetServerClient *client, int proc, uint32_t serial)
{
    vrNetHeader hdr = vrNetServerStreamHeader(client, proc, serial);
    vrNetMessage *msg = vrNetServerReplyMessage(&hdr, VR_NET_STREAM, VR_NET_ERROR);
    vrp_error rerr;
    int ret;

    vrNetMessageSaveError(&rerr);
    ret = vrNetMessageEncodePayload(msg, (xdrproc_t)xdr_vrp_error, &rerr);
    xdr_free((xdrproc_t)xdr_vrp_error, (char *)&rerr);
    if (ret < 0) {
        vrNetMessageFree(msg);
        return -1;
    }
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

int
vrNetServerClientSendEvent(vrNetServerClient *client, int proc, xdrproc_t filter, void *data)
{
    vrNetHeader hdr = vrNetServerStreamHeader(client, proc, 0);
    vrNetMessage *msg = vrNetServerReplyMessage(&hdr, VR_NET_MESSAGE, VR_NET_OK);

    if (vrNetMessageEncodePayload(msg, filter, data) < 0) {
        vrNetMessageFree(msg);
        return -1;
    }
    vrNetServerClientSendMessage(client, msg);
    return 0;
}

/* ---- event loop side ------------------------------------------------ */

/* A frame for a program we do not serve gets an error reply, as libvirt
 * sends one, so the client is not left waiting. */
static void
vrNetServerRejectFrame(vrNetServerClient *client, vrNetMessage *msg)
{
    if (msg->header.type == VR_NET_CALL || msg->header.type == VR_NET_CALL_WITH_FDS) {
        vrReportError(VR_ERR_RPC, "cannot find program %u version %u", msg->header.prog,
                      msg->header.vers);
        vrNetServerClientSendError(client, &msg->header);
        vrResetLastError();
    }
    vrNetMessageFree(msg);
}

static void
vrNetServerHandleFrame(vrNetServerClient *client, vrNetMessage *msg)
{
    vrNetServer *srv = client->srv;
    const vrNetServerProgram *prog = srv->program;

    if (msg->header.prog == VRP_KEEPALIVE_PROGRAM) {
        if (msg->header.proc == VRP_KEEPALIVE_PROC_PING)
            vrNetServerClientSendMessage(client,
                                         vrNetServerKeepAliveMessage(VRP_KEEPALIVE_PROC_PONG));
        vrNetMessageFree(msg);
        return;
    }
    if ((msg->header.prog != prog->prog &&
         (!prog->extraProg || msg->header.prog != prog->extraProg)) ||
        msg->header.vers != prog->vers) {
        vrNetServerRejectFrame(client, msg);
        return;
    }
    switch (msg->header.type) {
    case VR_NET_CALL: {
        vrNetServerJob *job = g_new0(vrNetServerJob, 1);
        bool prio = prog->isPriority && prog->isPriority(msg->header.prog, msg->header.proc);

        g_mutex_lock(&client->lock);
        client->nrequests++;
        if (client->nrequests >= srv->cfg.maxClientRequests)
            client->readPaused = true;
        g_mutex_unlock(&client->lock);
        vrNetServerClientRef(client);
        job->client = client;
        job->msg = msg;
        if (vrThreadPoolSendJob(srv->pool, prio, job) < 0) {
            vrNetServerClientSendError(client, &msg->header);
            vrResetLastError();
            g_mutex_lock(&client->lock);
            client->nrequests--;
            g_mutex_unlock(&client->lock);
            vrNetServerClientUnref(client);
            vrNetMessageFree(msg);
            g_free(job);
        }
        return;
    }
    case VR_NET_STREAM:
    case VR_NET_STREAM_HOLE:
        if (prog->streamFrame)
            prog->streamFrame(client, msg);
        else
            vrNetMessageFree(msg);
        return;
    default:
        /* replies and events never come from clients; file passing is
         * not offered on this transport */
        VR_WARN("dropping client frame of type %d", msg->header.type);
        vrNetServerRejectFrame(client, msg);
    }
}

/* Reads what the socket has; returns false when the client must go. */
static bool
vrNetServerClientRead(vrNetServerClient *client)
{
    for (;;) {
        vrNetMessage *rx = client->rx;
        size_t room;
        char *space = vrNetMessageReadSpace(rx, &room);
        ssize_t n = recv(client->fd, space, room, 0);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0)
            return false;
        rx->offset += (size_t)n;
        if (rx->offset < rx->length)
            continue;
        if (rx->length == VR_NET_MESSAGE_LEN_SIZE) {
            /* malformed or oversized frames end the connection */
            if (vrNetMessageDecodeLength(rx) < 0) {
                VR_WARN("closing client: %s", vrGetLastErrorMessage());
                vrResetLastError();
                return false;
            }
            continue;
        }
        if (vrNetMessageDecodeHeader(rx) < 0) {
            vrResetLastError();
            return false;
        }
        g_mutex_lock(&client->lock);
        client->lastRx = g_get_monotonic_time();
        client->kaMissed = 0;
        g_mutex_unlock(&client->lock);
        client->rx = vrNetMessageNew();
        vrNetMessagePrepareRead(client->rx);
        vrNetServerHandleFrame(client, rx);
        g_mutex_lock(&client->lock);
        if (client->readPaused || client->closed) {
            g_mutex_unlock(&client->lock);
            return !client->closed;
        }
        g_mutex_unlock(&client->lock);
    }
}

static bool
vrNetServerClientWrite(vrNetServerClient *client)
{
    g_mutex_lock(&client->lock);
    while (client->tx) {
        vrNetMessage *msg = client->tx;
        ssize_t n = send(client->fd, msg->buffer + msg->offset, msg->length - msg->offset,
                         MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0) {
            g_mutex_unlock(&client->lock);
            return false;
        }
        msg->offset += (size_t)n;
        client->txBytes -= (size_t)n;
        if (msg->offset == msg->length)
            vrNetMessageFree(vrNetMessageQueuePop(&client->tx));
    }
    g_cond_broadcast(&client->cond);
    g_mutex_unlock(&client->lock);
    return true;
}

static void
vrNetServerClientEvent(int watch, int fd, int events, void *opaque)
{
    vrNetServerClient *client = opaque;
    bool ok = true;

    (void)watch;
    (void)fd;
    vrNetServerClientRef(client);
    if (events & VR_EVENT_WRITABLE)
        ok = vrNetServerClientWrite(client);
    if (ok && (events & VR_EVENT_READABLE))
        ok = vrNetServerClientRead(client);
    if (ok && (events & (VR_EVENT_HANGUP | VR_EVENT_ERROR)) && !(events & VR_EVENT_READABLE))
        ok = false;
    if (!ok)
        vrNetServerClientClose(client);
    else
        vrNetServerClientUpdateEvents(client);
    vrNetServerClientUnref(client);
}
