/*
 * vrevent.c: epoll event loop.
 */
#include <config.h>

#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "vrerror.h"
#include "vrevent.h"
#include "vrfile.h"

#define VR_FROM_THIS VR_FROM_EVENT

typedef struct {
    int watch;
    int fd;
    int events;
    bool registered;     /* currently in the epoll set */
    bool deleted;
    vrEventHandleFunc cb;
    void *opaque;
    vrEventFreeFunc ff;
} vrEventHandle;

typedef struct {
    int timer;
    int interval;
    gint64 expiresAt;    /* monotonic ms */
    bool deleted;
    vrEventTimerFunc cb;
    void *opaque;
    vrEventFreeFunc ff;
} vrEventTimer;

struct _vrEventLoop {
    GMutex lock;
    int epfd;
    int wakefd;
    int nextWatch;
    int nextTimer;
    bool quit;
    bool dispatching;
    GPtrArray *handles;  /* vrEventHandle */
    GPtrArray *timers;   /* vrEventTimer */
};

/* Reserved epoll tag for the wake-up eventfd. */
#define VR_EVENT_WAKE_TAG 0

static gint64
vrEventNowMs(void)
{
    return g_get_monotonic_time() / 1000;
}

vrEventLoop *
vrEventLoopNew(void)
{
    vrEventLoop *loop = g_new0(vrEventLoop, 1);
    struct epoll_event ev = { .events = EPOLLIN, .data.u32 = VR_EVENT_WAKE_TAG };

    g_mutex_init(&loop->lock);
    loop->nextWatch = 1;
    loop->nextTimer = 1;
    loop->handles = g_ptr_array_new_with_free_func(g_free);
    loop->timers = g_ptr_array_new_with_free_func(g_free);
    loop->epfd = epoll_create1(EPOLL_CLOEXEC);
    loop->wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (loop->epfd < 0 || loop->wakefd < 0 ||
        epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->wakefd, &ev) < 0) {
        vrReportSystemError(errno, "%s", "cannot set up the event loop");
        vrEventLoopFree(loop);
        return NULL;
    }
    return loop;
}

void
vrEventLoopFree(vrEventLoop *loop)
{
    guint i;

    if (!loop)
        return;
    for (i = 0; i < loop->handles->len; i++) {
        vrEventHandle *h = g_ptr_array_index(loop->handles, i);
        if (h->ff)
            h->ff(h->opaque);
    }
    for (i = 0; i < loop->timers->len; i++) {
        vrEventTimer *t = g_ptr_array_index(loop->timers, i);
        if (t->ff)
            t->ff(t->opaque);
    }
    g_ptr_array_unref(loop->handles);
    g_ptr_array_unref(loop->timers);
    vrFileClose(&loop->epfd);
    vrFileClose(&loop->wakefd);
    g_mutex_clear(&loop->lock);
    g_free(loop);
}

void
vrEventLoopWake(vrEventLoop *loop)
{
    uint64_t one = 1;
    ssize_t n G_GNUC_UNUSED = write(loop->wakefd, &one, sizeof(one));
}

static uint32_t
vrEventToEpoll(int events)
{
    uint32_t ev = 0;

    if (events & VR_EVENT_READABLE)
        ev |= EPOLLIN;
    if (events & VR_EVENT_WRITABLE)
        ev |= EPOLLOUT;
    return ev;
}

static int
vrEventFromEpoll(uint32_t ev)
{
    int events = 0;

    if (ev & EPOLLIN)
        events |= VR_EVENT_READABLE;
    if (ev & EPOLLOUT)
        events |= VR_EVENT_WRITABLE;
    if (ev & EPOLLERR)
        events |= VR_EVENT_ERROR;
    if (ev & (EPOLLHUP | EPOLLRDHUP))
        events |= VR_EVENT_HANGUP;
    return events;
}

/* Keeps the epoll set in line with a handle's wishes.  A handle that wants
 * nothing is taken out of the set entirely so a hung-up peer cannot make
 * the loop spin. */
static void
vrEventSyncHandle(vrEventLoop *loop, vrEventHandle *h)
{
    struct epoll_event ev = { .events = vrEventToEpoll(h->events), .data.u32 = h->watch };
    bool want = !h->deleted && h->events != 0;

    if (want && !h->registered) {
        if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, h->fd, &ev) == 0)
            h->registered = true;
    } else if (want) {
        epoll_ctl(loop->epfd, EPOLL_CTL_MOD, h->fd, &ev);
    } else if (h->registered) {
        epoll_ctl(loop->epfd, EPOLL_CTL_DEL, h->fd, NULL);
        h->registered = false;
    }
}

static vrEventHandle *
vrEventFindHandle(vrEventLoop *loop, int watch)
{
    guint i;

    for (i = 0; i < loop->handles->len; i++) {
        vrEventHandle *h = g_ptr_array_index(loop->handles, i);
        if (h->watch == watch && !h->deleted)
            return h;
    }
    return NULL;
}

static vrEventTimer *
vrEventFindTimer(vrEventLoop *loop, int timer)
{
    guint i;

    for (i = 0; i < loop->timers->len; i++) {
        vrEventTimer *t = g_ptr_array_index(loop->timers, i);
        if (t->timer == timer && !t->deleted)
            return t;
    }
    return NULL;
}

int
vrEventLoopAddHandle(vrEventLoop *loop, int fd, int events,
                 vrEventHandleFunc cb, void *opaque, vrEventFreeFunc ff)
{
    vrEventHandle *h = g_new0(vrEventHandle, 1);
    int watch;

    g_mutex_lock(&loop->lock);
    h->watch = watch = loop->nextWatch++;
    h->fd = fd;
    h->events = events;
    h->cb = cb;
    h->opaque = opaque;
    h->ff = ff;
    g_ptr_array_add(loop->handles, h);
    vrEventSyncHandle(loop, h);
    g_mutex_unlock(&loop->lock);
    vrEventLoopWake(loop);
    return watch;
}

void
vrEventLoopUpdateHandle(vrEventLoop *loop, int watch, int events)
{
    vrEventHandle *h;

    g_mutex_lock(&loop->lock);
    if ((h = vrEventFindHandle(loop, watch)) && h->events != events) {
        h->events = events;
        vrEventSyncHandle(loop, h);
    }
    g_mutex_unlock(&loop->lock);
}

int
vrEventLoopRemoveHandle(vrEventLoop *loop, int watch)
{
    vrEventHandle *h;

    g_mutex_lock(&loop->lock);
    if (!(h = vrEventFindHandle(loop, watch))) {
        g_mutex_unlock(&loop->lock);
        return -1;
    }
    h->deleted = true;
    vrEventSyncHandle(loop, h);
    g_mutex_unlock(&loop->lock);
    vrEventLoopWake(loop);
    return 0;
}

int
vrEventAddTimer(vrEventLoop *loop, int interval, vrEventTimerFunc cb,
                void *opaque, vrEventFreeFunc ff)
{
    vrEventTimer *t = g_new0(vrEventTimer, 1);
    int id;

    g_mutex_lock(&loop->lock);
    t->timer = id = loop->nextTimer++;
    t->interval = interval;
    t->expiresAt = interval >= 0 ? vrEventNowMs() + interval : 0;
    t->cb = cb;
    t->opaque = opaque;
    t->ff = ff;
    g_ptr_array_add(loop->timers, t);
    g_mutex_unlock(&loop->lock);
    vrEventLoopWake(loop);
    return id;
}

void
vrEventUpdateTimer(vrEventLoop *loop, int timer, int interval)
{
    vrEventTimer *t;

    g_mutex_lock(&loop->lock);
    if ((t = vrEventFindTimer(loop, timer))) {
        t->interval = interval;
        t->expiresAt = interval >= 0 ? vrEventNowMs() + interval : 0;
    }
    g_mutex_unlock(&loop->lock);
    vrEventLoopWake(loop);
}

int
vrEventRemoveTimer(vrEventLoop *loop, int timer)
{
    vrEventTimer *t;

    g_mutex_lock(&loop->lock);
    if (!(t = vrEventFindTimer(loop, timer))) {
        g_mutex_unlock(&loop->lock);
        return -1;
    }
    t->deleted = true;
    g_mutex_unlock(&loop->lock);
    vrEventLoopWake(loop);
    return 0;
}

/* Milliseconds until the nearest timer, or -1 for none. */
static int
vrEventTimeout(vrEventLoop *loop)
{
    gint64 now = vrEventNowMs();
    gint64 nearest = -1;
    guint i;

    for (i = 0; i < loop->timers->len; i++) {
        vrEventTimer *t = g_ptr_array_index(loop->timers, i);
        if (t->deleted || t->interval < 0)
            continue;
        if (nearest < 0 || t->expiresAt < nearest)
            nearest = t->expiresAt;
    }
    if (nearest < 0)
        return -1;
    return nearest <= now ? 0 : (int)MIN(nearest - now, G_MAXINT);
}

static void
vrEventDispatchTimers(vrEventLoop *loop)
{
    gint64 now = vrEventNowMs();
    guint i;

    for (i = 0; i < loop->timers->len; i++) {
        vrEventTimer *t = g_ptr_array_index(loop->timers, i);
        vrEventTimerFunc cb;
        void *opaque;
        int id;

        if (t->deleted || t->interval < 0 || t->expiresAt > now)
            continue;
        t->expiresAt = now + t->interval;
        cb = t->cb;
        opaque = t->opaque;
        id = t->timer;
        g_mutex_unlock(&loop->lock);
        cb(id, opaque);
        g_mutex_lock(&loop->lock);
    }
}

static void
vrEventDispatchHandle(vrEventLoop *loop, int watch, uint32_t revents)
{
    vrEventHandle *h = vrEventFindHandle(loop, watch);
    vrEventHandleFunc cb;
    void *opaque;
    int fd, events;

    if (!h)
        return;
    events = vrEventFromEpoll(revents) & (h->events | VR_EVENT_ERROR | VR_EVENT_HANGUP);
    if (!events)
        return;
    cb = h->cb;
    opaque = h->opaque;
    fd = h->fd;
    g_mutex_unlock(&loop->lock);
    cb(watch, fd, events, opaque);
    g_mutex_lock(&loop->lock);
}

/* Frees what was removed, outside any callback. */
static void
vrEventCleanup(vrEventLoop *loop)
{
    g_autoptr(GPtrArray) deadHandles = g_ptr_array_new();
    g_autoptr(GPtrArray) deadTimers = g_ptr_array_new();
    guint i = 0;

    while (i < loop->handles->len) {
        vrEventHandle *h = g_ptr_array_index(loop->handles, i);
        if (h->deleted) {
            g_ptr_array_add(deadHandles, g_ptr_array_steal_index_fast(loop->handles, i));
            continue;
        }
        i++;
    }
    i = 0;
    while (i < loop->timers->len) {
        vrEventTimer *t = g_ptr_array_index(loop->timers, i);
        if (t->deleted) {
            g_ptr_array_add(deadTimers, g_ptr_array_steal_index_fast(loop->timers, i));
            continue;
        }
        i++;
    }
    if (!deadHandles->len && !deadTimers->len)
        return;

    g_mutex_unlock(&loop->lock);
    for (i = 0; i < deadHandles->len; i++) {
        vrEventHandle *h = g_ptr_array_index(deadHandles, i);
        if (h->ff)
            h->ff(h->opaque);
        g_free(h);
    }
    for (i = 0; i < deadTimers->len; i++) {
        vrEventTimer *t = g_ptr_array_index(deadTimers, i);
        if (t->ff)
            t->ff(t->opaque);
        g_free(t);
    }
    g_mutex_lock(&loop->lock);
}

int
vrEventRunOnce(vrEventLoop *loop)
{
    struct epoll_event events[64];
    int n, i, timeout;

    g_mutex_lock(&loop->lock);
    timeout = vrEventTimeout(loop);
    g_mutex_unlock(&loop->lock);

    n = epoll_wait(loop->epfd, events, G_N_ELEMENTS(events), timeout);
    if (n < 0) {
        if (errno == EINTR)
            return 0;
        vrReportSystemError(errno, "%s", "event loop wait failed");
        return -1;
    }

    g_mutex_lock(&loop->lock);
    for (i = 0; i < n; i++) {
        if (events[i].data.u32 == VR_EVENT_WAKE_TAG) {
            uint64_t val;
            ssize_t r G_GNUC_UNUSED = read(loop->wakefd, &val, sizeof(val));
            continue;
        }
        vrEventDispatchHandle(loop, (int)events[i].data.u32, events[i].events);
    }
    vrEventDispatchTimers(loop);
    vrEventCleanup(loop);
    g_mutex_unlock(&loop->lock);
    return 0;
}

int
vrEventLoopRun(vrEventLoop *loop)
{
    for (;;) {
        bool quit;

        g_mutex_lock(&loop->lock);
        quit = loop->quit;
        g_mutex_unlock(&loop->lock);
        if (quit)
            return 0;
        if (vrEventRunOnce(loop) < 0)
            return -1;
    }
}

void
vrEventLoopQuit(vrEventLoop *loop)
{
    g_mutex_lock(&loop->lock);
    loop->quit = true;
    g_mutex_unlock(&loop->lock);
    vrEventLoopWake(loop);
}
