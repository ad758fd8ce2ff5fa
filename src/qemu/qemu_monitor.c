/*
 * qemu_monitor.c: the QMP client (and the connection engine under the
 * guest agent client).
 *
 * Threads: the event loop thread reads, writes and parses; worker threads
 * queue a command and sleep on the monitor's condition variable until the
 * loop thread stores the reply, the connection dies, or the deadline
 * passes.  Everything shared is guarded by mon->lock; user callbacks run
 * without it.  Lock order is monitor, then event loop (the loop never
 * holds its own lock while calling us).
 *
 * Lifetime: a reference is held by the owner (dropped by Close), one by
 * the loop registration (dropped by the loop's free function, once no
 * callback can run any more, which is also when the socket is closed),
 * and one by each thread inside a command.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "qemu/qemu_monitor.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.monitor"

/* How long to sleep between attempts to reach a socket QEMU has not
 * created yet. */
#define VR_QEMU_MONITOR_CONNECT_RETRY_US (20 * 1000)
#define VR_QEMU_MONITOR_READ_SIZE (32 * 1024)

typedef enum {
    VR_QEMU_MONITOR_NOTIFY_NONE = 0,
    VR_QEMU_MONITOR_NOTIFY_EOF,
    VR_QEMU_MONITOR_NOTIFY_ERROR,
} vrQemuMonitorNotify;

struct _vrQemuMonitor {
    gint refs;
    GMutex lock;
    GCond cond;               /* any change a waiting worker may care about */

    vrQemuMonitorProto proto;
    vrEventLoop *loop;
    int fd;
    int watch;                /* > 0 while registered with the loop */
    vrQemuJSONStream stream;
    int defaultTimeout;

    bool closed;              /* vrQemuMonitorClose was called */
    bool quiet;               /* no callbacks yet: the handshake is running */
    vrError *dead;            /* why the connection is unusable, or NULL */
    bool deadIsEOF;
    vrQemuMonitorNotify notify;  /* callback owed to the owner */

    bool greeted;
    json_object *greeting;    /* "version" member of the greeting */

    GString *out;             /* bytes not written yet */
    int outFd;                /* descriptor to attach to the next write */

    /* the command in flight */
    bool busy;
    unsigned long long serial;
    char *waitId;             /* QMP: our id for it */
    bool waiting;             /* a reply is still expected */
    vrQemuMonitorMatchFunc match;
    void *matchOpaque;
    json_object *reply;       /* the reply message once it arrived */
    vrError *replyError;      /* or why it never will (agent garbage) */

    GQueue events;            /* event messages waiting for delivery */

    vrQemuMonitorCallbacks cb;
    void *opaque;
};


/* ---- small helpers ---- */

static const char *
vrQemuMonitorWhat(vrQemuMonitor *mon)
{
    return mon->proto == VR_QEMU_MONITOR_PROTO_AGENT ? "guest agent" : "QEMU monitor";
}

static void
vrQemuMonitorReportClosed(vrQemuMonitor *mon)
{
    if (mon->proto == VR_QEMU_MONITOR_PROTO_AGENT)
        vrReportError(VR_ERR_AGENT_UNRESPONSIVE, "%s", "QEMU guest agent is not connected");
    else
        vrReportError(VR_ERR_OPERATION_FAILED, "%s", "QEMU monitor was closed");
}

static void
vrQemuMonitorReportTimeout(vrQemuMonitor *mon, const char *cmd, const char *why, int ms)
{
    if (mon->proto == VR_QEMU_MONITOR_PROTO_AGENT)
        vrReportError(VR_ERR_AGENT_UNRESPONSIVE, "%s '%s' within %d ms", why, cmd, ms);
    else
        vrReportError(VR_ERR_OPERATION_TIMEOUT, "%s '%s' within %d ms", why, cmd, ms);
}

static int
vrQemuMonitorEffectiveTimeout(vrQemuMonitor *mon, int timeoutMs)
{
    return timeoutMs == 0 ? mon->defaultTimeout : timeoutMs;
}

/* Absolute monotonic deadline in microseconds, -1 for none. */
static gint64
vrQemuMonitorDeadline(vrQemuMonitor *mon, int timeoutMs)
{
    int ms = vrQemuMonitorEffectiveTimeout(mon, timeoutMs);

    return ms < 0 ? -1 : g_get_monotonic_time() + (gint64)ms * 1000;
}

/* Sleeps on the condition; false once the deadline has passed. */
static bool
vrQemuMonitorWaitCondLocked(vrQemuMonitor *mon, gint64 deadline)
{
    if (deadline < 0) {
        g_cond_wait(&mon->cond, &mon->lock);
        return true;
    }
    return g_cond_wait_until(&mon->cond, &mon->lock, deadline);
}

/* Reports why no command can run, if that is the case. */
static int
vrQemuMonitorCheckAliveLocked(vrQemuMonitor *mon)
{
    if (mon->closed) {
        vrQemuMonitorReportClosed(mon);
        return -1;
    }
    if (mon->dead) {
        vrErrorSetFrom(mon->dead);
        return -1;
    }
    return 0;
}

static void
vrQemuMonitorUpdateWatchLocked(vrQemuMonitor *mon)
{
    if (mon->watch > 0)
        vrEventLoopUpdateHandle(mon->loop, mon->watch,
                            VR_EVENT_READABLE | (mon->out->len ? VR_EVENT_WRITABLE : 0));
}

/* Takes the connection out of the loop; the loop's free function closes
 * the socket once no callback can be using it.  shutdown() makes QEMU
 * (and any read in progress) see the end right away. */
static void
vrQemuMonitorStopWatchLocked(vrQemuMonitor *mon)
{
    if (mon->watch <= 0)
        return;
    if (mon->fd >= 0)
        shutdown(mon->fd, SHUT_RDWR);
    vrEventLoopRemoveHandle(mon->loop, mon->watch);
    mon->watch = 0;
}

/* Marks the connection unusable with the calling thread's last error as
 * the reason, and wakes every waiter. */
static void
vrQemuMonitorSetDeadLocked(vrQemuMonitor *mon, bool isEOF)
{
    vrError *err = vrErrorSave();

    if (!err) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s failed", vrQemuMonitorWhat(mon));
        err = vrErrorSave();
    }
    if (mon->dead) {
        vrErrorFree(err);
        return;
    }
    VR_DEBUG("%s %p is dead: %s", vrQemuMonitorWhat(mon), (void *)mon, err->message);
    mon->dead = err;
    mon->deadIsEOF = isEOF;
    mon->notify = isEOF ? VR_QEMU_MONITOR_NOTIFY_EOF : VR_QEMU_MONITOR_NOTIFY_ERROR;
    vrQemuMonitorStopWatchLocked(mon);
    g_cond_broadcast(&mon->cond);
}


/* ---- lifetime ---- */

static void
vrQemuMonitorPutEvent(void *ev)
{
    json_object_put(ev);
}

static void
vrQemuMonitorFree(vrQemuMonitor *mon)
{
    VR_DEBUG("freeing %s %p", vrQemuMonitorWhat(mon), (void *)mon);
    vrFileClose(&mon->fd);
    vrFileClose(&mon->outFd);
    vrQemuJSONStreamClear(&mon->stream);
    json_object_put(mon->greeting);
    json_object_put(mon->reply);
    g_string_free(mon->out, TRUE);
    g_queue_clear_full(&mon->events, vrQemuMonitorPutEvent);
    vrErrorFree(mon->dead);
    vrErrorFree(mon->replyError);
    g_free(mon->waitId);
    g_mutex_clear(&mon->lock);
    g_cond_clear(&mon->cond);
    if (mon->cb.freeOpaque)
        mon->cb.freeOpaque(mon->opaque);
    g_free(mon);
}

vrQemuMonitor *
vrQemuMonitorRef(vrQemuMonitor *mon)
{
    g_atomic_int_inc(&mon->refs);
    return mon;
}

void
vrQemuMonitorUnref(vrQemuMonitor *mon)
{
    if (mon && g_atomic_int_dec_and_test(&mon->refs))
        vrQemuMonitorFree(mon);
}

/* The loop is done with the handle: no callback runs any more. */
static void
vrQemuMonitorWatchFree(void *opaque)
{
    vrQemuMonitor *mon = opaque;

    g_mutex_lock(&mon->lock);
    vrFileClose(&mon->fd);
    g_mutex_unlock(&mon->lock);
    vrQemuMonitorUnref(mon);
}

void
vrQemuMonitorClose(vrQemuMonitor *mon)
{
    if (!mon)
        return;
    g_mutex_lock(&mon->lock);
    mon->closed = true;
    vrQemuMonitorStopWatchLocked(mon);
    g_cond_broadcast(&mon->cond);
    g_mutex_unlock(&mon->lock);
    vrQemuMonitorUnref(mon);
}

void *
vrQemuMonitorGetOpaque(vrQemuMonitor *mon)
{
    return mon->opaque;
}

json_object *
vrQemuMonitorGetGreetingVersion(vrQemuMonitor *mon)
{
    json_object *v;

    g_mutex_lock(&mon->lock);
    v = mon->greeting;
    g_mutex_unlock(&mon->lock);
    return v;
}

void
vrQemuMonitorSetDefaultTimeout(vrQemuMonitor *mon, int timeoutMs)
{
    g_mutex_lock(&mon->lock);
    mon->defaultTimeout = timeoutMs == 0 ? VR_QEMU_MONITOR_DEFAULT_TIMEOUT_MS : timeoutMs;
    g_mutex_unlock(&mon->lock);
}

void
vrQemuMonitorSetMaxMessage(vrQemuMonitor *mon, size_t bytes)
{
    g_mutex_lock(&mon->lock);
    mon->stream.maxMessage = bytes;
    g_mutex_unlock(&mon->lock);
}


/* ---- incoming messages (lock held) ---- */

static int
vrQemuMonitorHandleGreeting(vrQemuMonitor *mon, json_object *qmp)
{
    json_object *version = vrQemuJSONGetObject(qmp, "version");

    if (mon->greeted) {
        VR_DEBUG("ignoring a second QMP greeting");
        return 0;
    }
    mon->greeted = true;
    mon->greeting = version ? json_object_get(version) : NULL;
    g_cond_broadcast(&mon->cond);
    return 0;
}

/* QEMU echoes our id; a reply without one answers a request it could not
 * even parse, which can only be the command in flight. */
static bool
vrQemuMonitorReplyIdMatches(vrQemuMonitor *mon, json_object *msg)
{
    json_object *id;

    if (!json_object_object_get_ex(msg, "id", &id))
        return true;
    return id && json_object_is_type(id, json_type_string) && mon->waitId &&
        g_str_equal(json_object_get_string(id), mon->waitId);
}

static int
vrQemuMonitorHandleReply(vrQemuMonitor *mon, json_object *msg)
{
    if (!mon->waiting) {
        /* the late answer to a command that timed out */
        VR_DEBUG("dropping a reply nobody waits for");
        return 0;
    }
    if (mon->proto == VR_QEMU_MONITOR_PROTO_QMP && !vrQemuMonitorReplyIdMatches(mon, msg)) {
        VR_DEBUG("dropping a reply with an unknown id");
        return 0;
    }
    if (mon->match && !mon->match(msg, mon->matchOpaque))
        return 0;
    mon->reply = json_object_get(msg);
    mon->waiting = false;
    g_cond_broadcast(&mon->cond);
    return 0;
}

/* The agent may write anything before it is synchronised: garbage fails
 * the command in flight (if any) while the stream waits for the next sync
 * byte, instead of killing the connection. */
static void
vrQemuMonitorAgentGarbageLocked(vrQemuMonitor *mon)
{
    if (!mon->waiting) {
        vrResetLastError();
        return;
    }
    vrErrorFree(mon->replyError);
    mon->replyError = vrErrorSave();
    mon->waiting = false;
    g_cond_broadcast(&mon->cond);
}

static int
vrQemuMonitorHandleMessage(json_object *msg, void *opaque)
{
    vrQemuMonitor *mon = opaque;
    json_object *qmp;

    if (!msg) {
        vrQemuMonitorAgentGarbageLocked(mon);
        return 0;
    }
    if (mon->proto == VR_QEMU_MONITOR_PROTO_QMP) {
        if ((qmp = vrQemuJSONGetObject(msg, "QMP")))
            return vrQemuMonitorHandleGreeting(mon, qmp);
        if (json_object_object_get_ex(msg, "event", NULL)) {
            g_queue_push_tail(&mon->events, json_object_get(msg));
            return 0;
        }
    }
    if (json_object_object_get_ex(msg, "return", NULL) ||
        json_object_object_get_ex(msg, "error", NULL))
        return vrQemuMonitorHandleReply(mon, msg);
    VR_DEBUG("ignoring a message that is neither reply nor event");
    return 0;
}

static int
vrQemuMonitorFeedLocked(vrQemuMonitor *mon, const char *data, size_t len)
{
    if (mon->dead || mon->closed)
        return -1;
    if (vrQemuJSONStreamFeed(&mon->stream, data, len, vrQemuMonitorHandleMessage, mon) == 0)
        return 0;
    vrQemuMonitorSetDeadLocked(mon, false);
    return -1;
}


/* ---- callbacks (no lock held) ---- */

/* The next event to deliver; while the handshake runs, events stay
 * queued for the owner who does not have the monitor yet. */
static json_object *
vrQemuMonitorPopEvent(vrQemuMonitor *mon, bool *closed)
{
    json_object *ev;

    g_mutex_lock(&mon->lock);
    ev = mon->quiet ? NULL : g_queue_pop_head(&mon->events);
    *closed = mon->closed;
    g_mutex_unlock(&mon->lock);
    return ev;
}

static void
vrQemuMonitorEmitEvent(vrQemuMonitor *mon, json_object *ev)
{
    const char *name = vrQemuJSONGetString(ev, "event");
    json_object *data = vrQemuJSONGetObject(ev, "data");
    json_object *stamp = vrQemuJSONGetObject(ev, "timestamp");
    long long seconds = -1;
    unsigned int micros = 0;

    if (!name || !mon->cb.event)
        return;
    if (vrQemuJSONGetLongLong(stamp, "seconds", &seconds) < 0)
        seconds = -1;
    if (vrQemuJSONGetUInt(stamp, "microseconds", &micros) < 0)
        micros = 0;
    mon->cb.event(mon, name, data, seconds, micros, mon->opaque);
}

/* Hands queued events, then any end-of-connection notice, to the owner.
 * Runs in one thread at a time (the loop thread), which keeps order. */
static void
vrQemuMonitorDispatch(vrQemuMonitor *mon)
{
    vrQemuMonitorNotify notify = VR_QEMU_MONITOR_NOTIFY_NONE;
    json_object *ev;
    bool closed;

    while ((ev = vrQemuMonitorPopEvent(mon, &closed))) {
        if (!closed)
            vrQemuMonitorEmitEvent(mon, ev);
        json_object_put(ev);
    }

    g_mutex_lock(&mon->lock);
    if (!mon->quiet) {
        notify = mon->closed ? VR_QEMU_MONITOR_NOTIFY_NONE : mon->notify;
        mon->notify = VR_QEMU_MONITOR_NOTIFY_NONE;
    }
    g_mutex_unlock(&mon->lock);

    if (notify == VR_QEMU_MONITOR_NOTIFY_EOF && mon->cb.eof) {
        mon->cb.eof(mon, mon->opaque);
    } else if (notify == VR_QEMU_MONITOR_NOTIFY_ERROR && mon->cb.error) {
        vrErrorSetFrom(mon->dead);   /* set once, freed only with the monitor */
        mon->cb.error(mon, mon->opaque);
    }
}

int
vrQemuMonitorFeed(vrQemuMonitor *mon, const char *data, size_t len)
{
    int rc;

    vrQemuMonitorRef(mon);   /* a callback may close it */
    g_mutex_lock(&mon->lock);
    rc = vrQemuMonitorFeedLocked(mon, data, len);
    g_mutex_unlock(&mon->lock);
    vrQemuMonitorDispatch(mon);
    vrQemuMonitorUnref(mon);
    return rc;
}


/* ---- socket I/O in the loop thread (lock held) ---- */

static ssize_t
vrQemuMonitorSendLocked(vrQemuMonitor *mon)
{
    struct iovec iov = { .iov_base = mon->out->str, .iov_len = mon->out->len };
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

    if (mon->outFd >= 0) {
        struct cmsghdr *c;

        memset(&control, 0, sizeof(control));
        msg.msg_control = control.buf;
        msg.msg_controllen = sizeof(control.buf);
        c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &mon->outFd, sizeof(int));
    }
    return sendmsg(mon->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
}

static void
vrQemuMonitorFlushLocked(vrQemuMonitor *mon)
{
    while (mon->out->len > 0) {
        ssize_t n = vrQemuMonitorSendLocked(mon);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) {
            vrQemuMonitorReportClosed(mon);
            vrQemuMonitorSetDeadLocked(mon, true);
            return;
        }
        if (n < 0) {
            vrReportSystemError(errno, "cannot write to %s", vrQemuMonitorWhat(mon));
            vrQemuMonitorSetDeadLocked(mon, false);
            return;
        }
        g_string_erase(mon->out, 0, n);
        vrFileClose(&mon->outFd);   /* it went along with the first byte */
    }
    g_cond_broadcast(&mon->cond);   /* commands that expect no reply are done */
}

static void
vrQemuMonitorReadLocked(vrQemuMonitor *mon)
{
    char buf[VR_QEMU_MONITOR_READ_SIZE];
    ssize_t n = read(mon->fd, buf, sizeof(buf));

    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n == 0 || (n < 0 && errno == ECONNRESET)) {
        vrQemuMonitorReportClosed(mon);
        vrQemuMonitorSetDeadLocked(mon, true);
        return;
    }
    if (n < 0) {
        vrReportSystemError(errno, "cannot read from %s", vrQemuMonitorWhat(mon));
        vrQemuMonitorSetDeadLocked(mon, false);
        return;
    }
    vrQemuMonitorFeedLocked(mon, buf, n);
}

static void
vrQemuMonitorIO(int watch, int fd, int events, void *opaque)
{
    vrQemuMonitor *mon = opaque;

    g_mutex_lock(&mon->lock);
    if (mon->watch == watch && !mon->dead && !mon->closed) {
        if (events & VR_EVENT_WRITABLE)
            vrQemuMonitorFlushLocked(mon);
        if (!mon->dead && (events & (VR_EVENT_READABLE | VR_EVENT_HANGUP | VR_EVENT_ERROR)))
            vrQemuMonitorReadLocked(mon);
        vrQemuMonitorUpdateWatchLocked(mon);
    }
    g_mutex_unlock(&mon->lock);
    vrQemuMonitorDispatch(mon);
}


/* ---- creation ---- */

static vrQemuMonitor *
vrQemuMonitorCreate(vrEventLoop *loop, int fd, vrQemuMonitorProto proto,
                    const vrQemuMonitorCallbacks *cb, void *opaque, bool quiet)
{
    vrQemuMonitor *mon = g_new0(vrQemuMonitor, 1);

    mon->refs = 1;
    g_mutex_init(&mon->lock);
    g_cond_init(&mon->cond);
    mon->proto = proto;
    mon->loop = loop;
    mon->fd = fd;
    mon->outFd = -1;
    mon->out = g_string_new(NULL);
    mon->defaultTimeout = VR_QEMU_MONITOR_DEFAULT_TIMEOUT_MS;
    mon->quiet = quiet;
    g_queue_init(&mon->events);
    vrQemuJSONStreamInit(&mon->stream, VR_QEMU_MONITOR_MAX_MESSAGE,
                         proto == VR_QEMU_MONITOR_PROTO_AGENT);
    if (cb)
        mon->cb = *cb;
    mon->opaque = opaque;

    if (loop && fd >= 0) {
        vrFileSetNonBlock(fd, true);
        vrQemuMonitorRef(mon);   /* owned by the loop registration */
        g_mutex_lock(&mon->lock);
        mon->watch = vrEventLoopAddHandle(loop, fd, VR_EVENT_READABLE, vrQemuMonitorIO,
                                      mon, vrQemuMonitorWatchFree);
        g_mutex_unlock(&mon->lock);
    }
    return mon;
}

vrQemuMonitor *
vrQemuMonitorNew(vrEventLoop *loop, int fd, vrQemuMonitorProto proto,
                 const vrQemuMonitorCallbacks *cb, void *opaque)
{
    return vrQemuMonitorCreate(loop, fd, proto, cb, opaque, false);
}

int
vrQemuMonitorConnectSocket(const char *path, const char *what, int timeoutMs)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int ms = timeoutMs == 0 ? VR_QEMU_MONITOR_DEFAULT_TIMEOUT_MS : timeoutMs;
    gint64 deadline = ms < 0 ? G_MAXINT64 : g_get_monotonic_time() + (gint64)ms * 1000;
    size_t len = strlen(path);

    if (len >= sizeof(addr.sun_path)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s socket path '%s' is too long", what, path);
        return -1;
    }
    memcpy(addr.sun_path, path, len + 1);
    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int err;

        if (fd < 0) {
            vrReportSystemError(errno, "cannot create a socket for %s", what);
            return -1;
        }
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
            vrFileSetNonBlock(fd, true);
            return fd;
        }
        err = errno;
        close(fd);
        /* a missing or refusing socket is QEMU still starting up */
        if ((err != ENOENT && err != ECONNREFUSED && err != EAGAIN && err != EINTR) ||
            g_get_monotonic_time() >= deadline) {
            vrReportSystemError(err, "cannot connect to %s socket '%s'", what, path);
            return -1;
        }
        g_usleep(VR_QEMU_MONITOR_CONNECT_RETRY_US);
    }
}

/* Milliseconds left until @deadline (at least 1), -1 for none. */
static int
vrQemuMonitorRemaining(gint64 deadline)
{
    gint64 left;

    if (deadline < 0)
        return -1;
    left = (deadline - g_get_monotonic_time()) / 1000;
    return (int)CLAMP(left, 1, G_MAXINT);
}

static int
vrQemuMonitorWaitGreeting(vrQemuMonitor *mon, gint64 deadline, int timeoutMs)
{
    bool timedOut = false;
    int rc = 0;

    g_mutex_lock(&mon->lock);
    while (!mon->greeted) {
        if ((rc = vrQemuMonitorCheckAliveLocked(mon)) < 0)
            break;
        if (timedOut) {
            vrReportError(VR_ERR_OPERATION_TIMEOUT,
                          "no greeting from QEMU monitor within %d ms", timeoutMs);
            rc = -1;
            break;
        }
        timedOut = !vrQemuMonitorWaitCondLocked(mon, deadline);
    }
    g_mutex_unlock(&mon->lock);
    return rc;
}

static void
vrQemuMonitorKickFree(void *opaque)
{
    vrQemuMonitorUnref(opaque);
}

static void
vrQemuMonitorKick(int timer, void *opaque)
{
    vrQemuMonitor *mon = opaque;

    vrEventRemoveTimer(mon->loop, timer);
    vrQemuMonitorDispatch(mon);
}

/* Callbacks start once the handshake succeeded; a connection that died
 * in between fails the open instead of notifying a caller who never got
 * the monitor.  Events that came right behind the capabilities reply are
 * delivered by a one-shot timer, so from the loop thread like all others. */
static int
vrQemuMonitorEnableCallbacks(vrQemuMonitor *mon)
{
    int rc;

    g_mutex_lock(&mon->lock);
    if ((rc = vrQemuMonitorCheckAliveLocked(mon)) == 0) {
        mon->quiet = false;
        if (!g_queue_is_empty(&mon->events) && mon->loop)
            vrEventAddTimer(mon->loop, 0, vrQemuMonitorKick, vrQemuMonitorRef(mon),
                            vrQemuMonitorKickFree);
    }
    g_mutex_unlock(&mon->lock);
    return rc;
}

static int
vrQemuMonitorHandshake(vrQemuMonitor *mon, int timeoutMs)
{
    int ms = vrQemuMonitorEffectiveTimeout(mon, timeoutMs);
    gint64 deadline = vrQemuMonitorDeadline(mon, timeoutMs);

    if (vrQemuMonitorWaitGreeting(mon, deadline, ms) < 0)
        return -1;
    if (vrQemuMonitorCommand(mon, "qmp_capabilities", NULL, NULL,
                             vrQemuMonitorRemaining(deadline)) < 0)
        return -1;
    return vrQemuMonitorEnableCallbacks(mon);
}

vrQemuMonitor *
vrQemuMonitorOpenFd(vrEventLoop *loop, int fd, int timeoutMs,
                    const vrQemuMonitorCallbacks *cb, void *opaque)
{
    vrQemuMonitor *mon = vrQemuMonitorCreate(loop, fd, VR_QEMU_MONITOR_PROTO_QMP,
                                             cb, opaque, true);

    if (vrQemuMonitorHandshake(mon, timeoutMs) < 0) {
        g_autoptr(vrError) saved = vrErrorSave();

        /* the caller keeps its opaque when the open fails */
        g_mutex_lock(&mon->lock);
        mon->cb.freeOpaque = NULL;
        g_mutex_unlock(&mon->lock);
        vrQemuMonitorClose(mon);
        vrErrorRestore(&saved);
        return NULL;
    }
    return mon;
}

vrQemuMonitor *
vrQemuMonitorOpen(vrEventLoop *loop, const char *path, int timeoutMs,
                  const vrQemuMonitorCallbacks *cb, void *opaque)
{
    int ms = timeoutMs == 0 ? VR_QEMU_MONITOR_DEFAULT_TIMEOUT_MS : timeoutMs;
    gint64 start = g_get_monotonic_time();
    int fd = vrQemuMonitorConnectSocket(path, "QEMU monitor", ms);

    if (fd < 0)
        return NULL;
    /* one budget for connecting and the handshake */
    if (ms > 0)
        ms = MAX(1, ms - (int)((g_get_monotonic_time() - start) / 1000));
    return vrQemuMonitorOpenFd(loop, fd, ms, cb, opaque);
}


/* ---- commands (worker threads) ---- */

char *
vrQemuMonitorFormatCommand(const char *cmd, json_object *args, const char *id)
{
    g_autoptr(json_object) msg = json_object_new_object();

    json_object_object_add(msg, "execute", json_object_new_string(cmd));
    if (args)
        json_object_object_add(msg, "arguments", json_object_get(args));
    if (id)
        json_object_object_add(msg, "id", json_object_new_string(id));
    return vrQemuJSONFormat(msg);
}

int
vrQemuMonitorParseReply(const char *cmd, json_object *msg, bool agent,
                        json_object **ret, char **errorClass)
{
    json_object *err = vrQemuJSONGetObject(msg, "error");
    json_object *val = NULL;

    if (ret)
        *ret = NULL;
    if (err) {
        const char *desc = vrQemuJSONGetString(err, "desc");

        if (errorClass)
            *errorClass = g_strdup(vrQemuJSONGetString(err, "class"));
        vrReportError(VR_ERR_INTERNAL_ERROR, "unable to execute QEMU %scommand '%s': %s",
                      agent ? "agent " : "", cmd, desc ? desc : "unknown error");
        return -1;
    }
    if (!json_object_object_get_ex(msg, "return", &val)) {
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "QEMU reply to '%s' has neither 'return' nor 'error'", cmd);
        return -1;
    }
    if (ret)
        *ret = json_object_get(val);
    return 0;
}

/* Waits until the connection is free for a new command. */
static int
vrQemuMonitorAcquireLocked(vrQemuMonitor *mon, const char *cmd, gint64 deadline, int ms)
{
    bool timedOut = false;

    for (;;) {
        if (vrQemuMonitorCheckAliveLocked(mon) < 0)
            return -1;
        /* a command that timed out may still be going out: let it finish
         * so its bytes (and descriptor) are not mixed with ours */
        if (!mon->busy && mon->out->len == 0)
            break;
        if (timedOut) {
            vrQemuMonitorReportTimeout(mon, cmd, "monitor still busy, cannot send", ms);
            return -1;
        }
        timedOut = !vrQemuMonitorWaitCondLocked(mon, deadline);
    }
    mon->busy = true;
    return 0;
}

static void
vrQemuMonitorReleaseLocked(vrQemuMonitor *mon)
{
    mon->busy = false;
    mon->waiting = false;
    mon->match = NULL;
    mon->matchOpaque = NULL;
    g_clear_pointer(&mon->waitId, g_free);
    g_clear_pointer(&mon->reply, json_object_put);
    g_clear_pointer(&mon->replyError, vrErrorFree);
    g_cond_broadcast(&mon->cond);
}

static int
vrQemuMonitorQueueLocked(vrQemuMonitor *mon, const char *cmd, json_object *args,
                         const vrQemuMonitorCommandOpts *opts)
{
    g_autofree char *text = NULL;

    if (mon->proto == VR_QEMU_MONITOR_PROTO_QMP)
        mon->waitId = g_strdup_printf("vireo-%llu", ++mon->serial);
    text = vrQemuMonitorFormatCommand(cmd, args, mon->waitId);
    if (opts->fd >= 0 && (mon->outFd = fcntl(opts->fd, F_DUPFD_CLOEXEC, 0)) < 0) {
        vrReportSystemError(errno, "cannot duplicate descriptor %d for '%s'", opts->fd, cmd);
        return -1;
    }
    VR_DEBUG("%s %p send: %s", vrQemuMonitorWhat(mon), (void *)mon, text);
    if ((opts->flags & VR_QEMU_MONITOR_CMD_RESYNC) &&
        mon->proto == VR_QEMU_MONITOR_PROTO_AGENT) {
        /* our 0xFF flushes the agent's parser; everything it sent before
         * its own 0xFF answer is stale */
        g_string_append_c(mon->out, (char)0xFF);
        vrQemuJSONStreamReset(&mon->stream, true);
    }
    g_string_append(mon->out, text);
    g_string_append(mon->out, "\r\n");
    mon->waiting = !(opts->flags & VR_QEMU_MONITOR_CMD_NO_REPLY);
    mon->match = opts->match;
    mon->matchOpaque = opts->matchOpaque;
    vrQemuMonitorUpdateWatchLocked(mon);
    return 0;
}

/* Sleeps until the command's outcome is known; *msg gets the reply
 * message (NULL when none was awaited). */
static int
vrQemuMonitorWaitLocked(vrQemuMonitor *mon, const char *cmd, gint64 deadline, int ms,
                        unsigned int flags, json_object **msg)
{
    bool timedOut = false;

    for (;;) {
        if (mon->reply) {
            *msg = g_steal_pointer(&mon->reply);
            return 0;
        }
        if (mon->replyError) {
            vrErrorRestore(&mon->replyError);
            return -1;
        }
        if ((flags & VR_QEMU_MONITOR_CMD_NO_REPLY) && mon->out->len == 0)
            return 0;
        if ((flags & VR_QEMU_MONITOR_CMD_EOF_OK) && mon->dead && mon->deadIsEOF)
            return 0;
        if (vrQemuMonitorCheckAliveLocked(mon) < 0)
            return -1;
        if (timedOut) {
            vrQemuMonitorReportTimeout(mon, cmd, "no reply to", ms);
            return -1;
        }
        timedOut = !vrQemuMonitorWaitCondLocked(mon, deadline);
    }
}

int
vrQemuMonitorCommandFull(vrQemuMonitor *mon, const char *cmd, json_object *args,
                         const vrQemuMonitorCommandOpts *opts, json_object **reply)
{
    g_autoptr(json_object) ownedArgs = args;
    g_autoptr(json_object) msg = NULL;
    gint64 deadline;
    int ms, rc;

    if (reply)
        *reply = NULL;
    if (opts->errorClass)
        *opts->errorClass = NULL;
    vrQemuMonitorRef(mon);
    g_mutex_lock(&mon->lock);
    ms = vrQemuMonitorEffectiveTimeout(mon, opts->timeoutMs);
    deadline = vrQemuMonitorDeadline(mon, opts->timeoutMs);
    if ((rc = vrQemuMonitorAcquireLocked(mon, cmd, deadline, ms)) == 0) {
        if ((rc = vrQemuMonitorQueueLocked(mon, cmd, ownedArgs, opts)) == 0)
            rc = vrQemuMonitorWaitLocked(mon, cmd, deadline, ms, opts->flags, &msg);
        vrQemuMonitorReleaseLocked(mon);
    }
    g_mutex_unlock(&mon->lock);

    if (rc == 0 && msg)
        rc = vrQemuMonitorParseReply(cmd, msg, mon->proto == VR_QEMU_MONITOR_PROTO_AGENT,
                                     reply, opts->errorClass);
    vrQemuMonitorUnref(mon);
    return rc;
}

int
vrQemuMonitorCommand(vrQemuMonitor *mon, const char *cmd, json_object *args,
                     json_object **reply, int timeoutMs)
{
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;

    opts.timeoutMs = timeoutMs;
    return vrQemuMonitorCommandFull(mon, cmd, args, &opts, reply);
}

int
vrQemuMonitorCommandWithFd(vrQemuMonitor *mon, const char *cmd, json_object *args,
                           int fd, json_object **reply, int timeoutMs)
{
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;

    opts.timeoutMs = timeoutMs;
    opts.fd = fd;
    return vrQemuMonitorCommandFull(mon, cmd, args, &opts, reply);
}
