/*
 * secret_event.c: secret lifecycle and value-changed events: a callback
 * table and one delivery thread fed by a queue, so that the driver call
 * that queues never runs user code.
 */
#include <config.h>

#include <string.h>

#include "secret_event.h"
#include "libvireo/datatypes.h"
#include "libvireo/datatypes_secret.h"
#include "util/vrerror.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_SECRET

typedef struct {
    int id;
    vrConnect *conn;          /* not referenced: removed when it closes */
    char *root;
    bool filtered;
    unsigned char uuid[VR_UUID_BUFLEN];
    int eventID;
    vrConnectSecretEventGenericCallback cb;
    void *opaque;
    vrFreeCallback freecb;
    gint removed;             /* deregistered during a delivery */
} vrSecEventCallback;

typedef struct {
    char *root;
    int eventID;
    unsigned char uuid[VR_UUID_BUFLEN];
    int usageType;
    char *usageID;
    int event;
    int target;
} vrSecEvent;

static GMutex vrSecEventLock;
/* signalled when no delivery runs (a closing connection waits for it) */
static GCond vrSecEventIdle;
static GThread *vrSecEventThreadSelf;
static GPtrArray *vrSecEventCallbacks;   /* vrSecEventCallback */
static int vrSecEventNextID;
static int vrSecEventDelivering;
static GAsyncQueue *vrSecEventQueueQ;
static GOnce vrSecEventOnce = G_ONCE_INIT;

static void
vrSecEventCallbackFree(vrSecEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    g_free(cb->root);
    g_free(cb);
}

static void
vrSecEventFree(vrSecEvent *ev)
{
    g_free(ev->root);
    g_free(ev->usageID);
    g_free(ev);
}

static void
vrSecEventPurge(void)
{
    for (guint i = 0; i < vrSecEventCallbacks->len;) {
        vrSecEventCallback *cb = g_ptr_array_index(vrSecEventCallbacks, i);

        if (g_atomic_int_get(&cb->removed)) {
            g_ptr_array_remove_index(vrSecEventCallbacks, i);
            vrSecEventCallbackFree(cb);
        } else {
            i++;
        }
    }
}

static void
vrSecEventDeliver(vrSecEvent *ev)
{
    g_autoptr(GPtrArray) due = g_ptr_array_new();

    g_mutex_lock(&vrSecEventLock);
    vrSecEventDelivering++;
    for (guint i = 0; i < vrSecEventCallbacks->len; i++) {
        vrSecEventCallback *cb = g_ptr_array_index(vrSecEventCallbacks, i);

        if (!(g_atomic_int_get(&cb->removed) || cb->eventID != ev->eventID ||
            (ev->target >= 0 && cb->id != ev->target) ||
            !g_str_equal(cb->root, ev->root) ||
            (cb->filtered && memcmp(cb->uuid, ev->uuid, VR_UUID_BUFLEN) != 0)))
            g_ptr_array_add(due, cb);
    }
    g_mutex_unlock(&vrSecEventLock);
    /* user code runs unlocked: it may deregister, or wait for a thread that
     * does; entries stay allocated until the last delivery ends */
    for (guint i = 0; i < due->len; i++) {
        vrSecEventCallback *cb = g_ptr_array_index(due, i);
        vrSecret *secret;

        if (g_atomic_int_get(&cb->removed))
            continue;
        if (!(secret = vrSecretNew(cb->conn, ev->uuid, ev->usageType, ev->usageID)))
            continue;
        if (ev->eventID == VR_SECRET_EVENT_ID_LIFECYCLE)
            ((vrConnectSecretEventLifecycleCallback)(void (*)(void))cb->cb)(cb->conn, secret,
                                                                            ev->event, 0,
                                                                            cb->opaque);
        else
            cb->cb(cb->conn, secret, cb->opaque);
        vrSecretFree(secret);
    }
    g_mutex_lock(&vrSecEventLock);
    if (--vrSecEventDelivering == 0) {
        vrSecEventPurge();
        g_cond_broadcast(&vrSecEventIdle);
    }
    g_mutex_unlock(&vrSecEventLock);
}

static gpointer
vrSecEventThread(gpointer data)
{
    (void)data;
    vrSecEventThreadSelf = g_thread_self();
    for (;;) {
        vrSecEvent *ev = g_async_queue_pop(vrSecEventQueueQ);

        vrSecEventDeliver(ev);
        vrSecEventFree(ev);
    }
    return NULL;
}

static gpointer
vrSecEventInit(gpointer data)
{
    (void)data;
    vrSecEventCallbacks = g_ptr_array_new();
    vrSecEventQueueQ = g_async_queue_new();
    g_thread_unref(g_thread_new("secret-events", vrSecEventThread, NULL));
    return NULL;
}

int
vrSecretEventRegister(vrConnect *conn, const char *root, vrSecret *secret, int eventID,
                      vrConnectSecretEventGenericCallback cb, void *opaque,
                      vrFreeCallback freecb)
{
    vrSecEventCallback *reg;
    int id;

    g_once(&vrSecEventOnce, vrSecEventInit, NULL);
    if (eventID < 0 || eventID >= VR_SECRET_EVENT_ID_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    reg = g_new0(vrSecEventCallback, 1);
    reg->conn = conn;
    reg->root = g_strdup(root ? root : "");
    if (secret) {
        reg->filtered = true;
        memcpy(reg->uuid, secret->uuid, VR_UUID_BUFLEN);
    }
    reg->eventID = eventID;
    reg->cb = cb;
    reg->opaque = opaque;
    reg->freecb = freecb;
    g_mutex_lock(&vrSecEventLock);
    id = reg->id = vrSecEventNextID++;
    g_ptr_array_add(vrSecEventCallbacks, reg);
    g_mutex_unlock(&vrSecEventLock);
    return id;
}

int
vrSecretEventDeregister(vrConnect *conn, int callbackID)
{
    vrSecEventCallback *found = NULL;

    g_once(&vrSecEventOnce, vrSecEventInit, NULL);
    g_mutex_lock(&vrSecEventLock);
    for (guint i = 0; i < vrSecEventCallbacks->len && !found; i++) {
        vrSecEventCallback *cb = g_ptr_array_index(vrSecEventCallbacks, i);

        if (cb->id == callbackID && cb->conn == conn && !g_atomic_int_get(&cb->removed))
            found = cb;
    }
    if (found) {
        g_atomic_int_set(&found->removed, 1);
        if (vrSecEventDelivering == 0)
            vrSecEventPurge();
    }
    g_mutex_unlock(&vrSecEventLock);
    if (!found) {
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    return 0;
}

void
vrSecretEventsRemoveConn(vrConnect *conn)
{
    if (!vrSecEventCallbacks)
        return;
    g_mutex_lock(&vrSecEventLock);
    for (guint i = 0; i < vrSecEventCallbacks->len; i++) {
        vrSecEventCallback *cb = g_ptr_array_index(vrSecEventCallbacks, i);

        if (cb->conn == conn)
            g_atomic_int_set(&cb->removed, 1);
    }
    /* the connection goes away after this: no callback may still use it
     * (unless the caller is such a callback) */
    while (vrSecEventDelivering > 0 && g_thread_self() != vrSecEventThreadSelf)
        g_cond_wait(&vrSecEventIdle, &vrSecEventLock);
    if (vrSecEventDelivering == 0)
        vrSecEventPurge();
    g_mutex_unlock(&vrSecEventLock);
}

void
vrSecretEventQueueTarget(const char *root, int eventID, const unsigned char *uuid,
                         int usageType, const char *usageID, int event, int target)
{
    vrSecEvent *ev;

    g_once(&vrSecEventOnce, vrSecEventInit, NULL);
    ev = g_new0(vrSecEvent, 1);
    ev->root = g_strdup(root ? root : "");
    ev->eventID = eventID;
    memcpy(ev->uuid, uuid, VR_UUID_BUFLEN);
    ev->usageType = usageType;
    ev->usageID = g_strdup(usageID ? usageID : "");
    ev->event = event;
    ev->target = target;
    g_async_queue_push(vrSecEventQueueQ, ev);
}
