/*
 * vrobjectevent.h: the driver side of domain events.
 *
 * A driver keeps one vrObjectEventState (per driver state, shared by its
 * connections, or per connection for drivers whose state is).  Its
 * connectDomainEvent* slots register the callbacks of its connections
 * with the state; whenever something happens to a guest the driver builds
 * an event with one of the constructors below and queues it.  Queueing
 * never blocks and never calls user code: a dispatch thread owned by the
 * state delivers events in order, with no driver lock held, to every
 * callback whose event kind (and guest, if it named one) matches.
 *
 * Rules for drivers:
 *  - queue events after dropping your own locks if you can; queueing
 *    with them held is also safe (the state has its own lock);
 *  - a state shared by several connections must be told when one of them
 *    closes (vrObjectEventStateRemoveConn in connectClose); a per-connection
 *    state is simply freed there.
 */
#ifndef VR_OBJECT_EVENT_H
#define VR_OBJECT_EVENT_H

#include <stdbool.h>

#include "datatypes.h"

typedef struct _vrObjectEvent vrObjectEvent;
typedef struct _vrObjectEventState vrObjectEventState;

vrObjectEventState *vrObjectEventStateNew(void);
/* Drops every callback (calling their free functions) and pending event.
 * Safe to call from inside a callback of this state. */
void vrObjectEventStateFree(vrObjectEventState *state);

/* Takes @event (NULL is ignored).  Events nobody listens to are dropped. */
void vrObjectEventStateQueue(vrObjectEventState *state, vrObjectEvent *event);
/* Whether any callback is registered (drivers may skip building events). */
bool vrObjectEventStateHasCallbacks(vrObjectEventState *state);

/* Registration, with libvirt's errors for duplicates and unknown ids.
 * Returns the new callback id.  @legacy marks vrConnectDomainEventRegister
 * callbacks (lifecycle only, looked up by function for removal). */
int vrObjectEventStateRegisterID(vrObjectEventState *state, vrConnect *conn, vrDomain *dom,
                                 int eventID, vrConnectDomainEventGenericCallback cb,
                                 void *opaque, vrFreeCallback freecb, bool legacy);
/* Removes a callback; waits until it is no longer running (unless called
 * from a callback).  -1 with an error when @conn has no such callback. */
int vrObjectEventStateDeregisterID(vrObjectEventState *state, vrConnect *conn, int callbackID);
int vrObjectEventStateDeregisterLegacy(vrObjectEventState *state, vrConnect *conn,
                                       vrConnectDomainEventCallback cb);
/* The event kind a callback id was registered for, or -1. */
int vrObjectEventStateEventID(vrObjectEventState *state, vrConnect *conn, int callbackID);
/* Drops every callback of @conn (a closing connection). */
void vrObjectEventStateRemoveConn(vrObjectEventState *state, vrConnect *conn);

/* Helpers implementing the four driver slots on a state. */
int vrObjectEventStateRegisterAny(vrObjectEventState *state, vrConnect *conn, vrDomain *dom,
                                  int eventID, vrConnectDomainEventGenericCallback cb,
                                  void *opaque, vrFreeCallback freecb);
int vrObjectEventStateRegisterLegacy(vrObjectEventState *state, vrConnect *conn,
                                     vrConnectDomainEventCallback cb, void *opaque,
                                     vrFreeCallback freecb);

/* Delivers @event only to callback @callbackID (remote driver: the
 * daemon names the registration an event is for). */
void vrObjectEventSetTarget(vrObjectEvent *event, int callbackID);
void vrObjectEventFree(vrObjectEvent *event);

/* ---- constructors: the guest is named by name, UUID and id ---------- */

vrObjectEvent *vrDomainEventLifecycleNew(const char *name, const unsigned char *uuid, int id,
                                         int type, int detail);
vrObjectEvent *vrDomainEventLifecycleNewFromDom(vrDomain *dom, int type, int detail);
vrObjectEvent *vrDomainEventRebootNew(const char *name, const unsigned char *uuid, int id);
vrObjectEvent *vrDomainEventRTCChangeNew(const char *name, const unsigned char *uuid, int id,
                                         long long offset);
vrObjectEvent *vrDomainEventWatchdogNew(const char *name, const unsigned char *uuid, int id,
                                        int action);
vrObjectEvent *vrDomainEventIOErrorNew(const char *name, const unsigned char *uuid, int id,
                                       const char *srcPath, const char *devAlias, int action);
vrObjectEvent *vrDomainEventIOErrorReasonNew(const char *name, const unsigned char *uuid,
                                             int id, const char *srcPath,
                                             const char *devAlias, int action,
                                             const char *reason);
/* Takes copies of the addresses and subject. */
vrObjectEvent *vrDomainEventGraphicsNew(const char *name, const unsigned char *uuid, int id,
                                        int phase, const vrDomainEventGraphicsAddress *local,
                                        const vrDomainEventGraphicsAddress *remote,
                                        const char *authScheme,
                                        const vrDomainEventGraphicsSubject *subject);
vrObjectEvent *vrDomainEventControlErrorNew(const char *name, const unsigned char *uuid, int id);
/* @eventID: VR_DOMAIN_EVENT_ID_BLOCK_JOB (path) or _BLOCK_JOB_2 (target) */
vrObjectEvent *vrDomainEventBlockJobNew(int eventID, const char *name,
                                        const unsigned char *uuid, int id, const char *disk,
                                        int type, int status);
vrObjectEvent *vrDomainEventDiskChangeNew(const char *name, const unsigned char *uuid, int id,
                                          const char *oldSrcPath, const char *newSrcPath,
                                          const char *devAlias, int reason);
vrObjectEvent *vrDomainEventTrayChangeNew(const char *name, const unsigned char *uuid, int id,
                                          const char *devAlias, int reason);
/* @eventID: PMWAKEUP, PMSUSPEND or PMSUSPEND_DISK */
vrObjectEvent *vrDomainEventPMNew(int eventID, const char *name, const unsigned char *uuid,
                                  int id, int reason);
vrObjectEvent *vrDomainEventBalloonChangeNew(const char *name, const unsigned char *uuid,
                                             int id, unsigned long long actual);
/* @eventID: DEVICE_REMOVED, DEVICE_ADDED or DEVICE_REMOVAL_FAILED */
vrObjectEvent *vrDomainEventDeviceNew(int eventID, const char *name, const unsigned char *uuid,
                                      int id, const char *devAlias);
/* @eventID: TUNABLE or JOB_COMPLETED; takes @params */
vrObjectEvent *vrDomainEventParamsNew(int eventID, const char *name, const unsigned char *uuid,
                                      int id, vrTypedParameter *params, int nparams);
vrObjectEvent *vrDomainEventAgentLifecycleNew(const char *name, const unsigned char *uuid,
                                              int id, int state, int reason);
vrObjectEvent *vrDomainEventMigrationIterationNew(const char *name, const unsigned char *uuid,
                                                  int id, int iteration);
vrObjectEvent *vrDomainEventMetadataChangeNew(const char *name, const unsigned char *uuid,
                                              int id, int type, const char *nsuri);
vrObjectEvent *vrDomainEventBlockThresholdNew(const char *name, const unsigned char *uuid,
                                              int id, const char *dev, const char *path,
                                              unsigned long long threshold,
                                              unsigned long long excess);
vrObjectEvent *vrDomainEventMemoryFailureNew(const char *name, const unsigned char *uuid,
                                             int id, int recipient, int action,
                                             unsigned int flags);
vrObjectEvent *vrDomainEventMemoryDeviceSizeChangeNew(const char *name,
                                                      const unsigned char *uuid, int id,
                                                      const char *alias,
                                                      unsigned long long size);

#endif
