/*
 * remote_driver_priv.h: what the remote driver's files share.
 */
#ifndef VR_REMOTE_DRIVER_PRIV_H
#define VR_REMOTE_DRIVER_PRIV_H

#include "libvireo/datatypes.h"
#include "libvireo/driver.h"
#include "libvireo/vrobjectevent.h"
#include "remote_objects.h"
#include "remote_secret.h"
#include "remote_typedparams.h"
#include "rpc/vrnetclient.h"
#include "util/vrerror.h"

typedef struct {
    vrNetClient *client;
    bool serverKeepAlive;     /* the daemon speaks the keepalive program */
    bool serverCloseCallback; /* it understands REGISTER_CLOSE_CALLBACK */
    GMutex lock;
    char *type;               /* CONNECT_GET_TYPE, asked once */
    /* domain events: our callbacks, called from the state's thread, and
     * which daemon registration each one is (vrRemoteEventReg) */
    vrObjectEventState *events;
    GArray *eventRegs;
} vrRemotePriv;

typedef struct {
    int localID;              /* the id our caller knows */
    int remoteID;             /* the daemon's callback id */
    vrConnectDomainEventCallback legacyCb;   /* vrConnectDomainEventRegister */
} vrRemoteEventReg;

static inline vrRemotePriv *
remotePriv(vrConnect *conn)
{
    return conn->privateData;
}

/* One call of the remote program on @conn's connection. */
int remoteCall(vrConnect *conn, int proc, xdrproc_t argsFilter, void *args,
               xdrproc_t retFilter, void *ret);

/* Generated from the protocol (remote_client_gen.c). */
void remoteFillGenerated(vrHypervisorDriver *hv, vrNetworkDriver *net, vrStorageDriver *st,
                         vrInterfaceDriver *iface, vrSecretDriver *sec);

/* Turns a MESSAGE frame of the remote program into a queued event
 * (remote_calls_connect.c); runs in the connection's reader thread. */
void remoteDispatchEventMessage(vrConnect *conn, const vrNetMessage *msg);
/* NETWORK_EVENT_LIFECYCLE (remote_calls_objects.c), and forgetting a
 * closing connection's network callbacks. */
void remoteNetworkEventMessage(vrConnect *conn, const vrNetMessage *msg);
void remoteNetworkEventsClose(vrConnect *conn);
void remoteSecretEventMessage(vrConnect *conn, const vrNetMessage *msg);
void remoteSecretEventsClose(vrConnect *conn);

/* Hand-written calls (remote_calls_*.c). */
void remoteFillConnect(vrHypervisorDriver *hv);
void remoteFillDomain(vrHypervisorDriver *hv);
void remoteFillObjects(vrNetworkDriver *net, vrStorageDriver *st, vrInterfaceDriver *iface);
void remoteFillSecret(vrSecretDriver *sec);   /* remote_calls_secret.c */

/* Binds @st to a stream opened by call @proc. */
int remoteCallStream(vrConnect *conn, vrStream *st, int proc, xdrproc_t argsFilter,
                     void *args, xdrproc_t retFilter, void *ret);

#endif
