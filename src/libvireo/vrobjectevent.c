/*
 * vrobjectevent.c: queueing domain events and calling the callbacks
 * registered for them, from a dispatch thread.
 */
#include <config.h>

#include <string.h>

#include "api_internal.h"
#include "vrobjectevent.h"
#include "util/vrlog.h"

#define VR_LOG_CATEGORY "libvireo.event"

struct _vrObjectEvent {
    int eventID;
    int target;                      /* callback id, or -1 for all */
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
    int id;
    /* payload; which members an event uses depends on eventID */
    int i1, i2;
    unsigned int u1;
    long long ll;
    unsigned long long ull1, ull2;
    char *s1, *s2, *s3;
    vrTypedParameter *params;
    int nparams;
    vrDomainEventGraphicsAddress local, remote;
    vrDomainEventGraphicsSubject subject;
};

typedef struct {
    int id;
    vrConnect *conn;                 /* not a reference: see RemoveConn */
    int eventID;
    bool hasDom;
    unsigned char uuid[VR_UUID_BUFLEN];
    vrConnectDomainEventGenericCallback cb;
    void *opaque;
    vrFreeCallback freecb;
    bool legacy;
    bool deleted;
    int running;                     /* dispatches in progress */
} vrEventCallback;

struct _vrObjectEventState {
    GMutex lock;
    GCond cond;                      /* queue, quit and running changes */
    GQueue queue;                    /* vrObjectEvent */
    GPtrArray *callbacks;            /* vrEventCallback */
    int nextID;
    GThread *thread;
    bool quit;
    bool freeOnExit;                 /* freed from inside a callback */
};

/* ---- events ---------------------------------------------------------- */

static void
vrGraphicsAddressClear(vrDomainEventGraphicsAddress *addr)
{
    g_free(addr->node);
    g_free(addr->service);
    memset(addr, 0, sizeof(*addr));
}

void
vrObjectEventFree(vrObjectEvent *ev)
{
    int i;

    if (!ev)
        return;
    g_free(ev->name);
    g_free(ev->s1);
    g_free(ev->s2);
    g_free(ev->s3);
    vrTypedParamsFree(ev->params, ev->nparams);
    vrGraphicsAddressClear(&ev->local);
    vrGraphicsAddressClear(&ev->remote);
    for (i = 0; i < ev->subject.nidentity; i++) {
        g_free(ev->subject.identities[i].type);
        g_free(ev->subject.identities[i].name);
    }
    g_free(ev->subject.identities);
    g_free(ev);
}

void
vrObjectEventSetTarget(vrObjectEvent *ev, int callbackID)
{
    if (ev)
        ev->target = callbackID;
}

static vrObjectEvent *
vrDomainEventNew(int eventID, const char *name, const unsigned char *uuid, int id)
{
    vrObjectEvent *ev = g_new0(vrObjectEvent, 1);

    ev->eventID = eventID;
    ev->target = -1;
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VR_UUID_BUFLEN);
    ev->id = id;
    return ev;
}

vrObjectEvent *
vrDomainEventLifecycleNew(const char *name, const unsigned char *uuid, int id, int type,
                          int detail)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id);

    ev->i1 = type;
    ev->i2 = detail;
    return ev;
}

vrObjectEvent *
vrDomainEventLifecycleNewFromDom(vrDomain *dom, int type, int detail)
{
    return vrDomainEventLifecycleNew(dom->name, dom->uuid, dom->id, type, detail);
}

vrObjectEvent *
vrDomainEventRebootNew(const char *name, const unsigned char *uuid, int id)
{
    return vrDomainEventNew(VR_DOMAIN_EVENT_ID_REBOOT, name, uuid, id);
}

vrObjectEvent *
vrDomainEventRTCChangeNew(const char *name, const unsigned char *uuid, int id, long long offset)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_RTC_CHANGE, name, uuid, id);

    ev->ll = offset;
    return ev;
}

vrObjectEvent *
vrDomainEventWatchdogNew(const char *name, const unsigned char *uuid, int id, int action)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_WATCHDOG, name, uuid, id);

    ev->i1 = action;
    return ev;
}

vrObjectEvent *
vrDomainEventIOErrorNew(const char *name, const unsigned char *uuid, int id,
                        const char *srcPath, const char *devAlias, int action)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_IO_ERROR, name, uuid, id);

    ev->s1 = g_strdup(srcPath);
    ev->s2 = g_strdup(devAlias);
    ev->i1 = action;
    return ev;
}

vrObjectEvent *
vrDomainEventIOErrorReasonNew(const char *name, const unsigned char *uuid, int id,
                              const char *srcPath, const char *devAlias, int action,
                              const char *reason)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_IO_ERROR_REASON, name, uuid, id);

    ev->s1 = g_strdup(srcPath);
    ev->s2 = g_strdup(devAlias);
    ev->s3 = g_strdup(reason);
    ev->i1 = action;
    return ev;
}

static void
vrGraphicsAddressCopy(vrDomainEventGraphicsAddress *dst, const vrDomainEventGraphicsAddress *src)
{
    if (!src)
        return;
    dst->family = src->family;
    dst->node = g_strdup(src->node);
    dst->service = g_strdup(src->service);
}

vrObjectEvent *
vrDomainEventGraphicsNew(const char *name, const unsigned char *uuid, int id, int phase,
                         const vrDomainEventGraphicsAddress *local,
                         const vrDomainEventGraphicsAddress *remote, const char *authScheme,
                         const vrDomainEventGraphicsSubject *subject)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_GRAPHICS, name, uuid, id);
    int i;

    ev->i1 = phase;
    vrGraphicsAddressCopy(&ev->local, local);
    vrGraphicsAddressCopy(&ev->remote, remote);
    ev->s1 = g_strdup(authScheme);
    if (subject && subject->nidentity > 0) {
        ev->subject.nidentity = subject->nidentity;
        ev->subject.identities = g_new0(vrDomainEventGraphicsSubjectIdentity,
                                        subject->nidentity);
        for (i = 0; i < subject->nidentity; i++) {
            ev->subject.identities[i].type = g_strdup(subject->identities[i].type);
            ev->subject.identities[i].name = g_strdup(subject->identities[i].name);
        }
    }
    return ev;
}

vrObjectEvent *
vrDomainEventControlErrorNew(const char *name, const unsigned char *uuid, int id)
{
    return vrDomainEventNew(VR_DOMAIN_EVENT_ID_CONTROL_ERROR, name, uuid, id);
}

vrObjectEvent *
vrDomainEventBlockJobNew(int eventID, const char *name, const unsigned char *uuid, int id,
                         const char *disk, int type, int status)
{
    vrObjectEvent *ev = vrDomainEventNew(eventID, name, uuid, id);

    ev->s1 = g_strdup(disk);
    ev->i1 = type;
    ev->i2 = status;
    return ev;
}

vrObjectEvent *
vrDomainEventDiskChangeNew(const char *name, const unsigned char *uuid, int id,
                           const char *oldSrcPath, const char *newSrcPath,
                           const char *devAlias, int reason)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_DISK_CHANGE, name, uuid, id);

    ev->s1 = g_strdup(oldSrcPath);
    ev->s2 = g_strdup(newSrcPath);
    ev->s3 = g_strdup(devAlias);
    ev->i1 = reason;
    return ev;
}

vrObjectEvent *
vrDomainEventTrayChangeNew(const char *name, const unsigned char *uuid, int id,
                           const char *devAlias, int reason)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_TRAY_CHANGE, name, uuid, id);

    ev->s1 = g_strdup(devAlias);
    ev->i1 = reason;
    return ev;
}

vrObjectEvent *
vrDomainEventPMNew(int eventID, const char *name, const unsigned char *uuid, int id,
                   int reason)
{
    vrObjectEvent *ev = vrDomainEventNew(eventID, name, uuid, id);

    ev->i1 = reason;
    return ev;
}

vrObjectEvent *
vrDomainEventBalloonChangeNew(const char *name, const unsigned char *uuid, int id,
                              unsigned long long actual)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_BALLOON_CHANGE, name, uuid, id);

    ev->ull1 = actual;
    return ev;
}

vrObjectEvent *
vrDomainEventDeviceNew(int eventID, const char *name, const unsigned char *uuid, int id,
                       const char *devAlias)
{
    vrObjectEvent *ev = vrDomainEventNew(eventID, name, uuid, id);

    ev->s1 = g_strdup(devAlias);
    return ev;
}

vrObjectEvent *
vrDomainEventParamsNew(int eventID, const char *name, const unsigned char *uuid, int id,
                       vrTypedParameter *params, int nparams)
{
    vrObjectEvent *ev = vrDomainEventNew(eventID, name, uuid, id);

    ev->params = params;
    ev->nparams = nparams;
    return ev;
}

vrObjectEvent *
vrDomainEventAgentLifecycleNew(const char *name, const unsigned char *uuid, int id, int state,
                               int reason)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE, name, uuid, id);

    ev->i1 = state;
    ev->i2 = reason;
    return ev;
}

vrObjectEvent *
vrDomainEventMigrationIterationNew(const char *name, const unsigned char *uuid, int id,
                                   int iteration)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_MIGRATION_ITERATION, name, uuid, id);

    ev->i1 = iteration;
    return ev;
}

vrObjectEvent *
vrDomainEventMetadataChangeNew(const char *name, const unsigned char *uuid, int id, int type,
                               const char *nsuri)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_METADATA_CHANGE, name, uuid, id);

    ev->i1 = type;
    ev->s1 = g_strdup(nsuri);
    return ev;
}

vrObjectEvent *
vrDomainEventBlockThresholdNew(const char *name, const unsigned char *uuid, int id,
                               const char *dev, const char *path,
                               unsigned long long threshold, unsigned long long excess)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD, name, uuid, id);

    ev->s1 = g_strdup(dev);
    ev->s2 = g_strdup(path);
    ev->ull1 = threshold;
    ev->ull2 = excess;
    return ev;
}

vrObjectEvent *
vrDomainEventMemoryFailureNew(const char *name, const unsigned char *uuid, int id,
                              int recipient, int action, unsigned int flags)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_MEMORY_FAILURE, name, uuid, id);

    ev->i1 = recipient;
    ev->i2 = action;
    ev->u1 = flags;
    return ev;
}

vrObjectEvent *
vrDomainEventMemoryDeviceSizeChangeNew(const char *name, const unsigned char *uuid, int id,
                                       const char *alias, unsigned long long size)
{
    vrObjectEvent *ev = vrDomainEventNew(VR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE,
                                         name, uuid, id);

    ev->s1 = g_strdup(alias);
    ev->ull1 = size;
    return ev;
}

/* ---- calling a callback ---------------------------------------------- */

#define VR_EVENT_CB(type, fn) ((type)(void (*)(void))(fn))

static void
vrObjectEventCall(const vrEventCallback *cb, vrConnect *conn, vrDomain *dom,
                  const vrObjectEvent *ev)
{
    void *op = cb->opaque;

    switch (ev->eventID) {
    case VR_DOMAIN_EVENT_ID_LIFECYCLE:
        (VR_EVENT_CB(vrConnectDomainEventCallback, cb->cb))(conn, dom, ev->i1, ev->i2, op);
        break;
    case VR_DOMAIN_EVENT_ID_REBOOT:
    case VR_DOMAIN_EVENT_ID_CONTROL_ERROR:
        cb->cb(conn, dom, op);
        break;
    case VR_DOMAIN_EVENT_ID_RTC_CHANGE:
        (VR_EVENT_CB(vrConnectDomainEventRTCChangeCallback, cb->cb))(conn, dom, ev->ll, op);
        break;
    case VR_DOMAIN_EVENT_ID_WATCHDOG:
        (VR_EVENT_CB(vrConnectDomainEventWatchdogCallback, cb->cb))(conn, dom, ev->i1, op);
        break;
    case VR_DOMAIN_EVENT_ID_IO_ERROR:
        (VR_EVENT_CB(vrConnectDomainEventIOErrorCallback, cb->cb))(conn, dom, ev->s1, ev->s2, ev->i1, op);
        break;
    case VR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        (VR_EVENT_CB(vrConnectDomainEventIOErrorReasonCallback, cb->cb))(conn, dom, ev->s1, ev->s2, ev->i1,
                                                            ev->s3, op);
        break;
    case VR_DOMAIN_EVENT_ID_GRAPHICS:
        (VR_EVENT_CB(vrConnectDomainEventGraphicsCallback, cb->cb))(conn, dom, ev->i1, &ev->local,
                                                       &ev->remote, ev->s1, &ev->subject, op);
        break;
    case VR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VR_DOMAIN_EVENT_ID_BLOCK_JOB_2:
        (VR_EVENT_CB(vrConnectDomainEventBlockJobCallback, cb->cb))(conn, dom, ev->s1, ev->i1, ev->i2, op);
        break;
    case VR_DOMAIN_EVENT_ID_DISK_CHANGE:
        (VR_EVENT_CB(vrConnectDomainEventDiskChangeCallback, cb->cb))(conn, dom, ev->s1, ev->s2, ev->s3,
                                                         ev->i1, op);
        break;
    case VR_DOMAIN_EVENT_ID_TRAY_CHANGE:
        (VR_EVENT_CB(vrConnectDomainEventTrayChangeCallback, cb->cb))(conn, dom, ev->s1, ev->i1, op);
        break;
    case VR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VR_DOMAIN_EVENT_ID_PMSUSPEND_DISK:
        (VR_EVENT_CB(vrConnectDomainEventPMWakeupCallback, cb->cb))(conn, dom, ev->i1, op);
        break;
    case VR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        (VR_EVENT_CB(vrConnectDomainEventBalloonChangeCallback, cb->cb))(conn, dom, ev->ull1, op);
        break;
    case VR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        (VR_EVENT_CB(vrConnectDomainEventDeviceRemovedCallback, cb->cb))(conn, dom, ev->s1, op);
        break;
    case VR_DOMAIN_EVENT_ID_TUNABLE:
    case VR_DOMAIN_EVENT_ID_JOB_COMPLETED:
        (VR_EVENT_CB(vrConnectDomainEventTunableCallback, cb->cb))(conn, dom, ev->params, ev->nparams, op);
        break;
    case VR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        (VR_EVENT_CB(vrConnectDomainEventAgentLifecycleCallback, cb->cb))(conn, dom, ev->i1, ev->i2, op);
        break;
    case VR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        (VR_EVENT_CB(vrConnectDomainEventMigrationIterationCallback, cb->cb))(conn, dom, ev->i1, op);
        break;
    case VR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        (VR_EVENT_CB(vrConnectDomainEventMetadataChangeCallback, cb->cb))(conn, dom, ev->i1, ev->s1, op);
        break;
    case VR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        (VR_EVENT_CB(vrConnectDomainEventBlockThresholdCallback, cb->cb))(conn, dom, ev->s1, ev->s2,
                                                             ev->ull1, ev->ull2, op);
        break;
    case VR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        (VR_EVENT_CB(vrConnectDomainEventMemoryFailureCallback, cb->cb))(conn, dom, ev->i1, ev->i2, ev->u1,
                                                            op);
        break;
    case VR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        (VR_EVENT_CB(vrConnectDomainEventMemoryDeviceSizeChangeCallback, cb->cb))(conn, dom, ev->s1,
                                                                     ev->ull1, op);
        break;
    default:
        VR_WARN("dropping event of unknown kind %d", ev->eventID);
        break;
    }
}

static bool
vrEventCallbackMatches(const vrEventCallback *cb, const vrObjectEvent *ev)
{
    if (cb->deleted || cb->eventID != ev->eventID)
        return false;
    if (ev->target >= 0)
        return cb->id == ev->target;
    return !cb->hasDom || memcmp(cb->uuid, ev->uuid, VR_UUID_BUFLEN) == 0;
}

/* Removes deleted callbacks nobody runs; their free functions are
 * collected in @freeList for calling after the lock is dropped. */
static void
vrObjectEventStateReap(vrObjectEventState *state, GPtrArray *freeList)
{
    guint i = 0;

    while (i < state->callbacks->len) {
        vrEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (cb->deleted && cb->running == 0) {
            g_ptr_array_remove_index(state->callbacks, i);
            g_ptr_array_add(freeList, cb);
        } else {
            i++;
        }
    }
}

static void
vrEventCallbackListFree(GPtrArray *list)
{
    guint i;

    for (i = 0; i < list->len; i++) {
        vrEventCallback *cb = g_ptr_array_index(list, i);

        if (cb->freecb)
            cb->freecb(cb->opaque);
        g_free(cb);
    }
    g_ptr_array_unref(list);
}

static void
vrObjectEventStateDispose(vrObjectEventState *state)
{
    GPtrArray *freeList = g_ptr_array_new();
    vrObjectEvent *ev;
    guint i;

    for (i = 0; i < state->callbacks->len; i++)
        g_ptr_array_add(freeList, g_ptr_array_index(state->callbacks, i));
    g_ptr_array_set_size(state->callbacks, 0);
    while ((ev = g_queue_pop_head(&state->queue)))
        vrObjectEventFree(ev);
    vrEventCallbackListFree(freeList);
    g_ptr_array_unref(state->callbacks);
    g_mutex_clear(&state->lock);
    g_cond_clear(&state->cond);
    g_free(state);
}

/* Takes a reference on a connection unless it is already going away. */
static bool
vrConnectRefIfAlive(vrConnect *conn)
{
    for (;;) {
        gint refs = g_atomic_int_get(&conn->refs);

        if (refs <= 0)
            return false;
        if (g_atomic_int_compare_and_exchange(&conn->refs, refs, refs + 1))
            return true;
    }
}

static gpointer
vrObjectEventDispatchThread(gpointer data)
{
    vrObjectEventState *state = data;

    g_mutex_lock(&state->lock);
    while (!state->quit) {
        g_autoptr(GPtrArray) targets = NULL;
        g_autoptr(GPtrArray) freeList = NULL;
        vrObjectEvent *ev;
        guint i;

        if (!(ev = g_queue_pop_head(&state->queue))) {
            g_cond_wait(&state->cond, &state->lock);
            continue;
        }
        targets = g_ptr_array_new();
        for (i = 0; i < state->callbacks->len; i++) {
            vrEventCallback *cb = g_ptr_array_index(state->callbacks, i);

            if (!vrEventCallbackMatches(cb, ev) || !vrConnectRefIfAlive(cb->conn))
                continue;
            cb->running++;
            g_ptr_array_add(targets, cb);
        }
        g_mutex_unlock(&state->lock);

        for (i = 0; i < targets->len; i++) {
            vrEventCallback *cb = g_ptr_array_index(targets, i);
            vrConnect *conn = cb->conn;
            bool skip;

            g_mutex_lock(&state->lock);
            skip = cb->deleted || state->quit;
            g_mutex_unlock(&state->lock);
            if (!skip) {
                vrDomain *dom = vrDomainNew(conn, ev->name, ev->uuid, ev->id);

                vrObjectEventCall(cb, conn, dom, ev);
                vrDomainFree(dom);
            }
            /* may be the last reference: the connection (and even this
             * state) may close here */
            vrConnectUnref(conn);
        }
        vrObjectEventFree(ev);

        freeList = g_ptr_array_new();
        g_mutex_lock(&state->lock);
        for (i = 0; i < targets->len; i++)
            ((vrEventCallback *)g_ptr_array_index(targets, i))->running--;
        vrObjectEventStateReap(state, freeList);
        g_cond_broadcast(&state->cond);
        if (freeList->len) {
            g_mutex_unlock(&state->lock);
            vrEventCallbackListFree(g_steal_pointer(&freeList));
            g_mutex_lock(&state->lock);
        }
    }
    if (state->freeOnExit) {
        g_mutex_unlock(&state->lock);
        g_thread_unref(state->thread);
        vrObjectEventStateDispose(state);
        return NULL;
    }
    g_mutex_unlock(&state->lock);
    return NULL;
}

/* ---- the state ------------------------------------------------------- */

vrObjectEventState *
vrObjectEventStateNew(void)
{
    vrObjectEventState *state = g_new0(vrObjectEventState, 1);

    g_mutex_init(&state->lock);
    g_cond_init(&state->cond);
    g_queue_init(&state->queue);
    state->callbacks = g_ptr_array_new();
    return state;
}

void
vrObjectEventStateFree(vrObjectEventState *state)
{
    GThread *thread;

    if (!state)
        return;
    g_mutex_lock(&state->lock);
    state->quit = true;
    g_cond_broadcast(&state->cond);
    thread = state->thread;
    if (thread && thread == g_thread_self()) {
        /* a callback closed the last connection: the thread cleans up */
        state->freeOnExit = true;
        g_mutex_unlock(&state->lock);
        return;
    }
    g_mutex_unlock(&state->lock);
    if (thread)
        g_thread_join(thread);
    vrObjectEventStateDispose(state);
}

bool
vrObjectEventStateHasCallbacks(vrObjectEventState *state)
{
    bool ret;

    g_mutex_lock(&state->lock);
    ret = state->callbacks->len > 0;
    g_mutex_unlock(&state->lock);
    return ret;
}

void
vrObjectEventStateQueue(vrObjectEventState *state, vrObjectEvent *ev)
{
    if (!ev)
        return;
    if (!state) {
        vrObjectEventFree(ev);
        return;
    }
    g_mutex_lock(&state->lock);
    if (state->quit || state->callbacks->len == 0) {
        g_mutex_unlock(&state->lock);
        vrObjectEventFree(ev);
        return;
    }
    g_queue_push_tail(&state->queue, ev);
    g_cond_broadcast(&state->cond);
    g_mutex_unlock(&state->lock);
}

int
vrObjectEventStateRegisterID(vrObjectEventState *state, vrConnect *conn, vrDomain *dom,
                             int eventID, vrConnectDomainEventGenericCallback cb, void *opaque,
                             vrFreeCallback freecb, bool legacy)
{
    vrEventCallback *rec;
    guint i;
    int id;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        vrEventCallback *old = g_ptr_array_index(state->callbacks, i);

        if (old->deleted || old->conn != conn || old->cb != cb ||
            old->eventID != eventID || old->legacy != legacy)
            continue;
        if (legacy || (old->hasDom == (dom != NULL) &&
                       (!dom || memcmp(old->uuid, dom->uuid, VR_UUID_BUFLEN) == 0))) {
            g_mutex_unlock(&state->lock);
            vrReportError(VR_ERR_INVALID_ARG, "%s", "event callback already tracked");
            return -1;
        }
    }
    if (!state->thread) {
        g_autoptr(GError) gerr = NULL;

        state->thread = g_thread_try_new("vr-event-dispatch", vrObjectEventDispatchThread,
                                         state, &gerr);
        if (!state->thread) {
            g_mutex_unlock(&state->lock);
            vrReportError(VR_ERR_INTERNAL_ERROR, "cannot start the event dispatch thread: %s",
                          gerr->message);
            return -1;
        }
    }
    rec = g_new0(vrEventCallback, 1);
    rec->id = id = state->nextID++;
    rec->conn = conn;
    rec->eventID = eventID;
    if (dom) {
        rec->hasDom = true;
        memcpy(rec->uuid, dom->uuid, VR_UUID_BUFLEN);
    }
    rec->cb = cb;
    rec->opaque = opaque;
    rec->freecb = freecb;
    rec->legacy = legacy;
    g_ptr_array_add(state->callbacks, rec);
    g_mutex_unlock(&state->lock);
    VR_DEBUG("registered callback %d for event %d", id, eventID);
    return id;
}

/* Marks @rec deleted and waits until it no longer runs; returns it when
 * it may be freed now (the dispatch thread frees it otherwise). */
static vrEventCallback *
vrObjectEventStateRemoveLocked(vrObjectEventState *state, vrEventCallback *rec)
{
    rec->deleted = true;
    if (state->thread != g_thread_self()) {
        while (rec->running > 0)
            g_cond_wait(&state->cond, &state->lock);
    }
    if (rec->running > 0)
        return NULL;
    /* the dispatch thread reaps deleted callbacks once they stop running:
     * if it got there first it frees this one */
    if (!g_ptr_array_remove(state->callbacks, rec))
        return NULL;
    return rec;
}

static void
vrEventCallbackFree(vrEventCallback *rec)
{
    if (!rec)
        return;
    if (rec->freecb)
        rec->freecb(rec->opaque);
    g_free(rec);
}

int
vrObjectEventStateDeregisterID(vrObjectEventState *state, vrConnect *conn, int callbackID)
{
    vrEventCallback *found = NULL;
    guint i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        vrEventCallback *rec = g_ptr_array_index(state->callbacks, i);

        if (rec->id == callbackID && rec->conn == conn && !rec->deleted) {
            found = rec;
            break;
        }
    }
    if (!found) {
        g_mutex_unlock(&state->lock);
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    found = vrObjectEventStateRemoveLocked(state, found);
    g_mutex_unlock(&state->lock);
    vrEventCallbackFree(found);
    return 0;
}

int
vrObjectEventStateDeregisterLegacy(vrObjectEventState *state, vrConnect *conn,
                                   vrConnectDomainEventCallback cb)
{
    vrEventCallback *found = NULL;
    guint i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        vrEventCallback *rec = g_ptr_array_index(state->callbacks, i);

        if (rec->legacy && rec->conn == conn && !rec->deleted &&
            rec->cb == VR_DOMAIN_EVENT_CALLBACK(cb)) {
            found = rec;
            break;
        }
    }
    if (!found) {
        g_mutex_unlock(&state->lock);
        vrReportError(VR_ERR_INVALID_ARG, "%s", "could not find event callback for removal");
        return -1;
    }
    found = vrObjectEventStateRemoveLocked(state, found);
    g_mutex_unlock(&state->lock);
    vrEventCallbackFree(found);
    return 0;
}

int
vrObjectEventStateEventID(vrObjectEventState *state, vrConnect *conn, int callbackID)
{
    int ret = -1;
    guint i;

    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        vrEventCallback *rec = g_ptr_array_index(state->callbacks, i);

        if (rec->id == callbackID && rec->conn == conn && !rec->deleted) {
            ret = rec->eventID;
            break;
        }
    }
    g_mutex_unlock(&state->lock);
    return ret;
}

void
vrObjectEventStateRemoveConn(vrObjectEventState *state, vrConnect *conn)
{
    g_autoptr(GPtrArray) mine = g_ptr_array_new();
    GPtrArray *freeList = g_ptr_array_new();
    guint i;

    if (!state) {
        g_ptr_array_unref(freeList);
        return;
    }
    g_mutex_lock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        vrEventCallback *rec = g_ptr_array_index(state->callbacks, i);

        if (rec->conn == conn && !rec->deleted)
            g_ptr_array_add(mine, rec);
    }
    for (i = 0; i < mine->len; i++) {
        vrEventCallback *rec = vrObjectEventStateRemoveLocked(state,
                                                              g_ptr_array_index(mine, i));
        if (rec)
            g_ptr_array_add(freeList, rec);
    }
    g_mutex_unlock(&state->lock);
    vrEventCallbackListFree(freeList);
}

int
vrObjectEventStateRegisterAny(vrObjectEventState *state, vrConnect *conn, vrDomain *dom,
                              int eventID, vrConnectDomainEventGenericCallback cb, void *opaque,
                              vrFreeCallback freecb)
{
    return vrObjectEventStateRegisterID(state, conn, dom, eventID, cb, opaque, freecb, false);
}

int
vrObjectEventStateRegisterLegacy(vrObjectEventState *state, vrConnect *conn,
                                 vrConnectDomainEventCallback cb, void *opaque,
                                 vrFreeCallback freecb)
{
    if (vrObjectEventStateRegisterID(state, conn, NULL, VR_DOMAIN_EVENT_ID_LIFECYCLE,
                                     VR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb, true) < 0)
        return -1;
    return 0;
}
