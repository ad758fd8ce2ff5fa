/*
 * secret_event.c: secret lifecycle and value-changed events on a
 * vrEventRegistry (one delivery thread, so that the driver call that
 * queues never runs user code).
 */
#include <config.h>

#include <string.h>

#include "secret_event.h"
#include "libvireo/datatypes.h"
#include "libvireo/datatypes_secret.h"
#include "util/vreventregistry.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_SECRET

typedef struct {
    vrEventHeader hdr;        /* first: the registry matches on it */
    int usageType;
    char *usageID;
    int event;
} vrSecEvent;

static vrEventRegistry *vrSecEvents;
static GOnce vrSecEventOnce = G_ONCE_INIT;

static void
vrSecEventFree(vrEventHeader *hdr)
{
    vrSecEvent *ev = (vrSecEvent *)hdr;

    g_free(ev->hdr.root);
    g_free(ev->usageID);
    g_free(ev);
}

static void
vrSecEventInvoke(void *conn, vrEventFunc cb, void *opaque, const vrEventHeader *hdr)
{
    const vrSecEvent *ev = (const vrSecEvent *)hdr;
    vrSecret *secret = vrSecretNew(conn, ev->hdr.uuid, ev->usageType, ev->usageID);

    if (!secret)
        return;
    if (ev->hdr.eventID == VR_SECRET_EVENT_ID_LIFECYCLE)
        ((vrConnectSecretEventLifecycleCallback)cb)(conn, secret, ev->event, 0, opaque);
    else
        ((vrConnectSecretEventGenericCallback)cb)(conn, secret, opaque);
    vrSecretFree(secret);
}

static gpointer
vrSecEventInit(gpointer data)
{
    vrEventRegistry *reg = vrEventRegistryNew("secret-events", vrSecEventInvoke, vrSecEventFree);

    (void)data;
    g_atomic_pointer_set(&vrSecEvents, reg);
    return NULL;
}

static vrEventRegistry *
vrSecEventRegistry(void)
{
    g_once(&vrSecEventOnce, vrSecEventInit, NULL);
    return vrSecEvents;
}

int
vrSecretEventRegister(vrConnect *conn, const char *root, vrSecret *secret, int eventID,
                      vrConnectSecretEventGenericCallback cb, void *opaque,
                      vrFreeCallback freecb)
{
    if (eventID < 0 || eventID >= VR_SECRET_EVENT_ID_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    return vrEventRegistryAdd(vrSecEventRegistry(), conn, root, secret ? secret->uuid : NULL,
                              eventID, (vrEventFunc)cb, opaque, freecb);
}

int
vrSecretEventDeregister(vrConnect *conn, int callbackID)
{
    return vrEventRegistryRemove(vrSecEventRegistry(), conn, callbackID);
}

void
vrSecretEventsRemoveConn(vrConnect *conn)
{
    /* nothing registered yet: no registry (and no thread) to make */
    vrEventRegistry *reg = g_atomic_pointer_get(&vrSecEvents);

    if (reg)
        vrEventRegistryRemoveConn(reg, conn);
}

void
vrSecretEventQueueTarget(const char *root, int eventID, const unsigned char *uuid,
                         int usageType, const char *usageID, int event, int target)
{
    vrSecEvent *ev = g_new0(vrSecEvent, 1);

    ev->hdr.root = g_strdup(root ? root : "");
    memcpy(ev->hdr.uuid, uuid, VR_UUID_BUFLEN);
    ev->hdr.eventID = eventID;
    ev->hdr.target = target;
    ev->usageType = usageType;
    ev->usageID = g_strdup(usageID ? usageID : "");
    ev->event = event;
    vrEventRegistryQueue(vrSecEventRegistry(), &ev->hdr);
}
