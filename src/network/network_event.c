/*
 * network_event.c: network lifecycle events: a callback table and one
 * delivery thread fed by a queue, so that whoever queues (a driver call,
 * autostart, the dnsmasq watcher) never runs user code or blocks.
 */
#include <config.h>

#include <string.h>

#include "network_event.h"
#include "libvireo/datatypes.h"
#include "util/vrerror.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_NETWORK

typedef struct {
    int id;
    vrConnect *conn;          /* not referenced: removed when it closes */
    char *root;
    bool filtered;
    unsigned char uuid[VR_UUID_BUFLEN];
    int eventID;
    vrConnectNetworkEventGenericCallback cb;
    void *opaque;
    vrFreeCallback freecb;
    gint removed;             /* deregistered during a delivery */
} vrNetEventCallback;

typedef struct {
    char *root;
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
    int event;
    int target;               /* a callback id, or -1 for every match */
} vrNetEvent;

static GMutex vrNetEventLock;
/* signalled when no delivery runs (a closing connection waits for it) */
static GCond vrNetEventIdle;
static GThread *vrNetEventThreadSelf;
static GPtrArray *vrNetEventCallbacks;   /* vrNetEventCallback */
static int vrNetEventNextID;
static int vrNetEventDelivering;
static GAsyncQueue *vrNetEventQueueQ;
static GOnce vrNetEventOnce = G_ONCE_INIT;

static void
vrNetEventCallbackFree(vrNetEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    g_free(cb->root);
    g_free(cb);
}

static void
vrNetEventFree(vrNetEvent *ev)
{
    g_free(ev->root);
    g_free(ev->name);
    g_free(ev);
}

/* Drops callbacks deregistered while a delivery was running. */
static void
vrNetEventPurge(void)
{
    for (guint i = 0; i < vrNetEventCallbacks->len;) {
        vrNetEventCallback *cb = g_ptr_array_index(vrNetEventCallbacks, i);

        if (g_atomic_int_get(&cb->removed)) {
            g_ptr_array_remove_index(vrNetEventCallbacks, i);
            vrNetEventCallbackFree(cb);
        } else {
            i++;
        }
    }
}

static void
vrNetEventDeliver(vrNetEvent *ev)
{
    g_autoptr(GPtrArray) due = g_ptr_array_new();

    g_mutex_lock(&vrNetEventLock);
    vrNetEventDelivering++;
    for (guint i = 0; i < vrNetEventCallbacks->len; i++) {
        vrNetEventCallback *cb = g_ptr_array_index(vrNetEventCallbacks, i);

        if (!(g_atomic_int_get(&cb->removed) || cb->eventID != VR_NETWORK_EVENT_ID_LIFECYCLE ||
            (ev->target >= 0 && cb->id != ev->target) ||
            !g_str_equal(cb->root, ev->root) ||
            (cb->filtered && memcmp(cb->uuid, ev->uuid, VR_UUID_BUFLEN) != 0)))
            g_ptr_array_add(due, cb);
    }
    g_mutex_unlock(&vrNetEventLock);
    /* user code runs unlocked: it may deregister, or wait for a thread that
     * does; entries stay allocated until the last delivery ends */
    for (guint i = 0; i < due->len; i++) {
        vrNetEventCallback *cb = g_ptr_array_index(due, i);
        vrNetwork *net;

        if (g_atomic_int_get(&cb->removed))
            continue;
        if (!(net = vrNetworkNew(cb->conn, ev->name, ev->uuid)))
            continue;
        ((vrConnectNetworkEventLifecycleCallback)(void (*)(void))cb->cb)(cb->conn, net,
                                                                         ev->event, 0,
                                                                         cb->opaque);
        vrNetworkFree(net);
    }
    g_mutex_lock(&vrNetEventLock);
    if (--vrNetEventDelivering == 0) {
        vrNetEventPurge();
        g_cond_broadcast(&vrNetEventIdle);
    }
    g_mutex_unlock(&vrNetEventLock);
}

static gpointer
vrNetEventThread(gpointer data)
{
    (void)data;
    vrNetEventThreadSelf = g_thread_self();
    for (;;) {
        vrNetEvent *ev = g_async_queue_pop(vrNetEventQueueQ);

        vrNetEventDeliver(ev);
        vrNetEventFree(ev);
    }
    return NULL;
}

static gpointer
vrNetEventInit(gpointer data)
{
    (void)data;
    vrNetEventCallbacks = g_ptr_array_new();
    vrNetEventQueueQ = g_async_queue_new();
    g_thread_unref(g_thread_new("network-events", vrNetEventThread, NULL));
    return NULL;
}

int
vrNetworkEventRegister(vrConnect *conn, const char *root, vrNetwork *net, int eventID,
                       vrConnectNetworkEventGenericCallback cb, void *opaque,
                       vrFreeCallback freecb)
{
    vrNetEventCallback *reg;
    int id;

    g_once(&vrNetEventOnce, vrNetEventInit, NULL);
    if (eventID != VR_NETWORK_EVENT_ID_LIFECYCLE) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    reg = g_new0(vrNetEventCallback, 1);
    reg->conn = conn;
    reg->root = g_strdup(root);
    if (net) {
        reg->filtered = true;
        memcpy(reg->uuid, net->uuid, VR_UUID_BUFLEN);
    }
    reg->eventID = eventID;
    reg->cb = cb;
    reg->opaque = opaque;
    reg->freecb = freecb;
    g_mutex_lock(&vrNetEventLock);
    id = reg->id = vrNetEventNextID++;
    g_ptr_array_add(vrNetEventCallbacks, reg);
    g_mutex_unlock(&vrNetEventLock);
    return id;
}

int
vrNetworkEventDeregister(vrConnect *conn, int callbackID)
{
    vrNetEventCallback *found = NULL;

    g_once(&vrNetEventOnce, vrNetEventInit, NULL);
    g_mutex_lock(&vrNetEventLock);
    for (guint i = 0; i < vrNetEventCallbacks->len && !found; i++) {
        vrNetEventCallback *cb = g_ptr_array_index(vrNetEventCallbacks, i);

        if (cb->id == callbackID && cb->conn == conn && !g_atomic_int_get(&cb->removed))
            found = cb;
    }
    if (found) {
        g_atomic_int_set(&found->removed, 1);
        if (vrNetEventDelivering == 0)
            vrNetEventPurge();
    }
    g_mutex_unlock(&vrNetEventLock);
    if (!found) {
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    return 0;
}

void
vrNetworkEventsRemoveConn(vrConnect *conn)
{
    if (!vrNetEventCallbacks)
        return;
    g_mutex_lock(&vrNetEventLock);
    for (guint i = 0; i < vrNetEventCallbacks->len; i++) {
        vrNetEventCallback *cb = g_ptr_array_index(vrNetEventCallbacks, i);

        if (cb->conn == conn)
            g_atomic_int_set(&cb->removed, 1);
    }
    /* the connection goes away after this: no callback may still use it
     * (unless the caller is such a callback) */
    while (vrNetEventDelivering > 0 && g_thread_self() != vrNetEventThreadSelf)
        g_cond_wait(&vrNetEventIdle, &vrNetEventLock);
    if (vrNetEventDelivering == 0)
        vrNetEventPurge();
    g_mutex_unlock(&vrNetEventLock);
}

void
vrNetworkEventQueueTarget(const char *root, const char *name, const unsigned char *uuid,
                          int event, int target)
{
    vrNetEvent *ev;

    g_once(&vrNetEventOnce, vrNetEventInit, NULL);
    ev = g_new0(vrNetEvent, 1);
    ev->root = g_strdup(root);
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VR_UUID_BUFLEN);
    ev->event = event;
    ev->target = target;
    g_async_queue_push(vrNetEventQueueQ, ev);
}

void
vrNetworkEventQueue(const char *root, const char *name, const unsigned char *uuid, int event)
{
    vrNetworkEventQueueTarget(root, name, uuid, event, -1);
}
