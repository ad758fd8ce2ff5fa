/*
 * network_event.c: network lifecycle events on a vrEventRegistry (one
 * delivery thread, so that whoever queues (a driver call, autostart, the
 * dnsmasq watcher) never runs user code or blocks).
 */
#include <config.h>

#include <string.h>

#include "network_event.h"
#include "libvireo/datatypes.h"
#include "util/vreventregistry.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_NETWORK

typedef struct {
    vrEventHeader hdr;        /* first: the registry matches on it */
    char *name;
    int event;
} vrNetEvent;

static vrEventRegistry *vrNetEvents;
static GOnce vrNetEventOnce = G_ONCE_INIT;

static void
vrNetEventFree(vrEventHeader *hdr)
{
    vrNetEvent *ev = (vrNetEvent *)hdr;

    g_free(ev->hdr.root);
    g_free(ev->name);
    g_free(ev);
}

static void
vrNetEventInvoke(void *conn, vrEventFunc cb, void *opaque, const vrEventHeader *hdr)
{
    const vrNetEvent *ev = (const vrNetEvent *)hdr;
    vrNetwork *net = vrNetworkNew(conn, ev->name, ev->hdr.uuid);

    if (!net)
        return;
    ((vrConnectNetworkEventLifecycleCallback)cb)(conn, net, ev->event, 0, opaque);
    vrNetworkFree(net);
}

static gpointer
vrNetEventInit(gpointer data)
{
    vrEventRegistry *reg = vrEventRegistryNew("network-events", vrNetEventInvoke, vrNetEventFree);

    (void)data;
    g_atomic_pointer_set(&vrNetEvents, reg);
    return NULL;
}

static vrEventRegistry *
vrNetEventRegistry(void)
{
    g_once(&vrNetEventOnce, vrNetEventInit, NULL);
    return vrNetEvents;
}

int
vrNetworkEventRegister(vrConnect *conn, const char *root, vrNetwork *net, int eventID,
                       vrConnectNetworkEventGenericCallback cb, void *opaque,
                       vrFreeCallback freecb)
{
    if (eventID != VR_NETWORK_EVENT_ID_LIFECYCLE) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    return vrEventRegistryAdd(vrNetEventRegistry(), conn, root, net ? net->uuid : NULL,
                              eventID, (vrEventFunc)cb, opaque, freecb);
}

int
vrNetworkEventDeregister(vrConnect *conn, int callbackID)
{
    return vrEventRegistryRemove(vrNetEventRegistry(), conn, callbackID);
}

void
vrNetworkEventsRemoveConn(vrConnect *conn)
{
    /* nothing registered yet: no registry (and no thread) to make */
    vrEventRegistry *reg = g_atomic_pointer_get(&vrNetEvents);

    if (reg)
        vrEventRegistryRemoveConn(reg, conn);
}

void
vrNetworkEventQueueTarget(const char *root, const char *name, const unsigned char *uuid,
                          int event, int target)
{
    vrNetEvent *ev = g_new0(vrNetEvent, 1);

    ev->hdr.root = g_strdup(root);
    memcpy(ev->hdr.uuid, uuid, VR_UUID_BUFLEN);
    ev->hdr.eventID = VR_NETWORK_EVENT_ID_LIFECYCLE;
    ev->hdr.target = target;
    ev->name = g_strdup(name);
    ev->event = event;
    vrEventRegistryQueue(vrNetEventRegistry(), &ev->hdr);
}

void
vrNetworkEventQueue(const char *root, const char *name, const unsigned char *uuid, int event)
{
    vrNetworkEventQueueTarget(root, name, uuid, event, -1);
}
