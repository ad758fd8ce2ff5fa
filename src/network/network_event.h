/*
 * network_event.h: network lifecycle events of the QEMU connections'
 * network driver (virConnectNetworkEventRegisterAny).
 *
 * Callbacks are registered per connection and see the events of that
 * connection's root only.  Events are queued without blocking (drivers
 * may queue with their locks held) and delivered in order by one thread,
 * never with a driver lock held.  A connection's callbacks go when it
 * closes (vrNetworkEventsRemoveConn from the QEMU driver's connectClose).
 */
#ifndef VR_NETWORK_EVENT_H
#define VR_NETWORK_EVENT_H

#include "libvireo/driver.h"

int vrNetworkEventRegister(vrConnect *conn, const char *root, vrNetwork *net, int eventID,
                           vrConnectNetworkEventGenericCallback cb, void *opaque,
                           vrFreeCallback freecb);
int vrNetworkEventDeregister(vrConnect *conn, int callbackID);
/* Queues a lifecycle event (VR_NETWORK_EVENT_*) of network @name of @root. */
void vrNetworkEventQueue(const char *root, const char *name, const unsigned char *uuid,
                         int event);
/* The same for callback @target only (the remote driver: the daemon names
 * the registration each event is for). */
void vrNetworkEventQueueTarget(const char *root, const char *name, const unsigned char *uuid,
                               int event, int target);
void vrNetworkEventsRemoveConn(vrConnect *conn);

#endif
