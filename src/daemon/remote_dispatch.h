/*
 * remote_dispatch.h: the daemon's side of libvirt's remote program.
 *
 * Each call is decoded, handed to the public API on the client's own
 * connection (opened by CONNECT_OPEN, read-only for the read-only socket)
 * and answered with the result or the API's error.  Handlers for simple
 * procedures are generated (gendispatch.py); the others are in
 * remote_handlers_*.c, named remoteDispatch<Procedure>.
 */
#ifndef VR_REMOTE_DISPATCH_H
#define VR_REMOTE_DISPATCH_H

#include <glib.h>

#include "libvireo/datatypes.h"
#include "remote/remote_objects.h"
#include "remote/remote_secret.h"
#include "rpc/vrnetserver.h"
#include "util/vrerror.h"

/* A domain event registration a client made on its connection. */
typedef struct {
    int callbackID;                /* the connection's id for it */
    int eventID;
    bool legacy;                   /* REGISTER / REGISTER_ANY rather than the callback form */
} vrRemoteEventReg;

/* What the daemon keeps per client. */
typedef struct {
    GMutex lock;
    vrConnect *conn;
    vrNetServerClient *client;     /* not a reference: the client owns us */
    bool closeCallback;            /* CONNECT_REGISTER_CLOSE_CALLBACK seen */
    GPtrArray *streams;            /* vrRemoteStream, live transfers */
    GArray *domainEvents;          /* vrRemoteEventReg */
} vrRemoteClient;

/* A handler returns 0 (send @ret), -1 (send the thread's error), or
 * VR_REMOTE_REPLIED when it already answered (calls that start streams). */
#define VR_REMOTE_REPLIED 1

typedef int (*vrRemoteHandler)(vrNetServerClient *client, vrRemoteClient *priv,
                               const vrNetHeader *hdr, void *args, void *ret);

typedef struct {
    int proc;
    const char *name;
    xdrproc_t argsFilter;
    size_t argsSize;
    xdrproc_t retFilter;
    size_t retSize;
    vrRemoteHandler handler;
    bool needConn;
} vrRemoteProc;

const vrRemoteProc *vrRemoteProcLookup(int proc);

/* Drops every domain event registration of the client (it closes its
 * connection or goes away). */
void remoteEventsDeregisterAll(vrRemoteClient *priv);
/* The client's network event registrations (remote_handlers_objects.c). */
void remoteNetworkEventsDeregisterAll(vrRemoteClient *priv);
void remoteSecretEventsDeregisterAll(vrRemoteClient *priv);

/* The daemon's RPC server for the remote program. */
vrNetServer *vrRemoteServerNew(const vrNetServerConfig *cfg);

/* Typed parameters between the wire and the API (remote_typedparams.c). */
#include "remote/remote_typedparams.h"

#endif
