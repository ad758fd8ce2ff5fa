/*
 * secret_event.h: secret lifecycle and value-changed events, delivered
 * from one thread fed by a queue (see network_event.h for the pattern).
 */
#ifndef VR_SECRET_EVENT_H
#define VR_SECRET_EVENT_H

#include "libvireo/driver.h"

int vrSecretEventRegister(vrConnect *conn, const char *root, vrSecret *secret, int eventID,
                          vrConnectSecretEventGenericCallback cb, void *opaque,
                          vrFreeCallback freecb);
int vrSecretEventDeregister(vrConnect *conn, int callbackID);
/* @eventID VR_SECRET_EVENT_ID_*; @event the lifecycle type (ignored for
 * value changes); @target a callback id, or -1 for every match. */
void vrSecretEventQueueTarget(const char *root, int eventID, const unsigned char *uuid,
                              int usageType, const char *usageID, int event, int target);
void vrSecretEventsRemoveConn(vrConnect *conn);

#endif
