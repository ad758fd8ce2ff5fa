/*
 * vreventregistry.c: per-kind event callbacks and their delivery thread.
 */
#include <config.h>

#include <string.h>

#include "vreventregistry.h"
#include "vrerror.h"

#define VR_FROM_THIS VR_FROM_NONE

typedef struct {
    int id;
    void *conn;               /* not referenced: removed when it closes */
    char *root;
    bool filtered;
    unsigned char uuid[VR_UUID_BUFLEN];
    int eventID;
    vrEventFunc cb;
    void *opaque;
    GDestroyNotify freecb;
    gint removed;             /* read unlocked by the delivery thread */
} vrEventCallback;

struct _vrEventRegistry {
    GMutex lock;
    GCond idle;               /* signalled when a callback returns */
    GPtrArray *callbacks;     /* vrEventCallback */
    int nextID;
    int delivering;           /* > 0: entries must stay allocated */
    vrEventCallback *running; /* the callback being called, if any */
    GAsyncQueue *queue;
    GThread *thread;
    vrEventInvoke invoke;
    vrEventFree freeEvent;
};

static void
vrEventCallbackFree(vrEventCallback *cb)
{
    if (cb->freecb)
        cb->freecb(cb->opaque);
    g_free(cb->root);
    g_free(cb);
}

/* Frees the removed entries; only when no delivery holds pointers. */
static void
vrEventRegistryPurge(vrEventRegistry *reg)
{
    for (guint i = 0; i < reg->callbacks->len;) {
        vrEventCallback *cb = g_ptr_array_index(reg->callbacks, i);

        if (g_atomic_int_get(&cb->removed)) {
            g_ptr_array_remove_index(reg->callbacks, i);
            vrEventCallbackFree(cb);
        } else {
            i++;
        }
    }
}

static bool
vrEventMatches(const vrEventCallback *cb, const vrEventHeader *ev)
{
    return !g_atomic_int_get(&cb->removed) && cb->eventID == ev->eventID &&
           (ev->target < 0 || cb->id == ev->target) && g_str_equal(cb->root, ev->root) &&
           (!cb->filtered || memcmp(cb->uuid, ev->uuid, VR_UUID_BUFLEN) == 0);
}

static void
vrEventRegistryDeliver(vrEventRegistry *reg, const vrEventHeader *ev)
{
    g_autoptr(GPtrArray) due = g_ptr_array_new();

    g_mutex_lock(&reg->lock);
    reg->delivering++;
    for (guint i = 0; i < reg->callbacks->len; i++) {
        vrEventCallback *cb = g_ptr_array_index(reg->callbacks, i);

        if (vrEventMatches(cb, ev))
            g_ptr_array_add(due, cb);
    }
    for (guint i = 0; i < due->len; i++) {
        vrEventCallback *cb = g_ptr_array_index(due, i);

        if (g_atomic_int_get(&cb->removed))
            continue;
        reg->running = cb;
        /* user code runs unlocked: it may deregister, or wait for a thread
         * that does (only a wait for itself would block) */
        g_mutex_unlock(&reg->lock);
        reg->invoke(cb->conn, cb->cb, cb->opaque, ev);
        g_mutex_lock(&reg->lock);
        reg->running = NULL;
        g_cond_broadcast(&reg->idle);
    }
    if (--reg->delivering == 0)
        vrEventRegistryPurge(reg);
    g_mutex_unlock(&reg->lock);
}

static gpointer
vrEventRegistryThread(gpointer opaque)
{
    vrEventRegistry *reg = opaque;

    for (;;) {
        vrEventHeader *ev = g_async_queue_pop(reg->queue);

        vrEventRegistryDeliver(reg, ev);
        reg->freeEvent(ev);
    }
    return NULL;
}

vrEventRegistry *
vrEventRegistryNew(const char *threadName, vrEventInvoke invoke, vrEventFree freeEvent)
{
    vrEventRegistry *reg = g_new0(vrEventRegistry, 1);

    g_mutex_init(&reg->lock);
    g_cond_init(&reg->idle);
    reg->callbacks = g_ptr_array_new();
    reg->queue = g_async_queue_new();
    reg->invoke = invoke;
    reg->freeEvent = freeEvent;
    /* lives as long as the process: registries are per kind, not per state */
    reg->thread = g_thread_new(threadName, vrEventRegistryThread, reg);
    return reg;
}

int
vrEventRegistryAdd(vrEventRegistry *reg, void *conn, const char *root,
                   const unsigned char *uuid, int eventID, vrEventFunc cb, void *opaque,
                   GDestroyNotify freecb)
{
    vrEventCallback *entry = g_new0(vrEventCallback, 1);
    int id;

    entry->conn = conn;
    entry->root = g_strdup(root ? root : "");
    if (uuid) {
        entry->filtered = true;
        memcpy(entry->uuid, uuid, VR_UUID_BUFLEN);
    }
    entry->eventID = eventID;
    entry->cb = cb;
    entry->opaque = opaque;
    entry->freecb = freecb;
    g_mutex_lock(&reg->lock);
    id = entry->id = reg->nextID++;
    g_ptr_array_add(reg->callbacks, entry);
    g_mutex_unlock(&reg->lock);
    return id;
}

int
vrEventRegistryRemove(vrEventRegistry *reg, void *conn, int callbackID)
{
    vrEventCallback *found = NULL;

    g_mutex_lock(&reg->lock);
    for (guint i = 0; i < reg->callbacks->len && !found; i++) {
        vrEventCallback *cb = g_ptr_array_index(reg->callbacks, i);

        if (cb->id == callbackID && cb->conn == conn && !g_atomic_int_get(&cb->removed))
            found = cb;
    }
    if (found) {
        g_atomic_int_set(&found->removed, 1);
        /* once this returns the caller may free the callback's data */
        while (reg->running == found && g_thread_self() != reg->thread)
            g_cond_wait(&reg->idle, &reg->lock);
        if (reg->delivering == 0)
            vrEventRegistryPurge(reg);
    }
    g_mutex_unlock(&reg->lock);
    if (!found) {
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    return 0;
}

void
vrEventRegistryRemoveConn(vrEventRegistry *reg, void *conn)
{
    g_mutex_lock(&reg->lock);
    for (guint i = 0; i < reg->callbacks->len; i++) {
        vrEventCallback *cb = g_ptr_array_index(reg->callbacks, i);

        if (cb->conn == conn)
            g_atomic_int_set(&cb->removed, 1);
    }
    /* the connection goes away after this: no callback may still use it
     * (unless the caller is such a callback) */
    while (reg->running && reg->running->conn == conn && g_thread_self() != reg->thread)
        g_cond_wait(&reg->idle, &reg->lock);
    if (reg->delivering == 0)
        vrEventRegistryPurge(reg);
    g_mutex_unlock(&reg->lock);
}

void
vrEventRegistryQueue(vrEventRegistry *reg, vrEventHeader *event)
{
    if (!event->root)
        event->root = g_strdup("");
    g_async_queue_push(reg->queue, event);
}
