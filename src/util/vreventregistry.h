/*
 * vreventregistry.h: callbacks registered by connections for one kind of
 * object event (networks, secrets), and one thread delivering queued
 * events to them.
 *
 * Queueing never blocks and never runs user code, so drivers may queue
 * with their locks held.  Callbacks run on the delivery thread with no
 * lock held: they may register or deregister, or wait for a thread that
 * does.  Deregistering a callback, or dropping a closing connection's
 * callbacks (vrEventRegistryRemoveConn), returns only once none of them
 * runs (unless called from a callback), so their data may then be freed.
 */
#ifndef VR_EVENT_REGISTRY_H
#define VR_EVENT_REGISTRY_H

#include <glib.h>

#include "vruuid.h"

/* What the registry matches on: a kind's event struct starts with it. */
typedef struct {
    char *root;                           /* the connection root it happened in */
    unsigned char uuid[VR_UUID_BUFLEN];   /* the object */
    int eventID;
    int target;                           /* a callback id, or -1 for every match */
} vrEventHeader;

typedef void (*vrEventFunc)(void);

/* Calls @cb of @conn for @event (the kind builds its object handle). */
typedef void (*vrEventInvoke)(void *conn, vrEventFunc cb, void *opaque,
                              const vrEventHeader *event);
/* Frees a queued event, its header's root included. */
typedef void (*vrEventFree)(vrEventHeader *event);

typedef struct _vrEventRegistry vrEventRegistry;

vrEventRegistry *vrEventRegistryNew(const char *threadName, vrEventInvoke invoke,
                                    vrEventFree freeEvent);

/* A callback of @conn for @eventID in @root, for the object @uuid only
 * when not NULL.  Returns its id. */
int vrEventRegistryAdd(vrEventRegistry *reg, void *conn, const char *root,
                       const unsigned char *uuid, int eventID, vrEventFunc cb, void *opaque,
                       GDestroyNotify freecb);
/* -1 with an error when @conn has no callback @callbackID. */
int vrEventRegistryRemove(vrEventRegistry *reg, void *conn, int callbackID);
void vrEventRegistryRemoveConn(vrEventRegistry *reg, void *conn);

/* Takes @event; delivered in queueing order. */
void vrEventRegistryQueue(vrEventRegistry *reg, vrEventHeader *event);

#endif
