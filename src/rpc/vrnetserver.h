/*
 * vrnetserver.h: the server end of the RPC protocol.
 *
 * The server owns an epoll event loop (one thread) that accepts clients,
 * reads frames without blocking, answers keepalive pings and writes
 * replies; calls run in a worker pool, with separate priority workers so
 * a flood of slow calls never delays the calls a program marks urgent.
 * What a call means is the program's business (see vrNetServerProgram).
 */
#ifndef VR_NET_SERVER_H
#define VR_NET_SERVER_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/vrevent.h"
#include "vrnetmessage.h"

typedef struct _vrNetServer vrNetServer;
typedef struct _vrNetServerClient vrNetServerClient;

typedef struct {
    unsigned int prog;
    unsigned int vers;
    /* A second program the same dispatcher serves at the same version
     * (libvirt's QEMU program beside the remote one); 0: none. */
    unsigned int extraProg;
    /* Runs in a worker for each CALL frame; must send exactly one reply
     * (vrNetServerClientSendReply / SendError).  Owns @msg. */
    void (*dispatch)(vrNetServerClient *client, vrNetMessage *msg);
    /* Whether a procedure goes to the priority workers. */
    bool (*isPriority)(unsigned int prog, int proc);
    /* Runs in the event loop for STREAM frames; must not block.  Owns @msg. */
    void (*streamFrame)(vrNetServerClient *client, vrNetMessage *msg);
    /* A client connected: set up its private data. */
    void (*clientInit)(vrNetServerClient *client);
    /* The client went away (event loop thread): stop its streams. */
    void (*clientClosed)(vrNetServerClient *client);
    /* Frees the private data once nothing uses the client any more. */
    void (*clientFree)(void *privateData);
} vrNetServerProgram;

typedef struct {
    unsigned int maxClients;
    unsigned int minWorkers;
    unsigned int maxWorkers;
    unsigned int prioWorkers;
    unsigned int maxClientRequests;
    int keepaliveInterval;      /* seconds; <= 0 disables */
    unsigned int keepaliveCount;
} vrNetServerConfig;

/* libvirtd's defaults. */
void vrNetServerConfigDefaults(vrNetServerConfig *cfg);

vrNetServer *vrNetServerNew(const vrNetServerConfig *cfg, const vrNetServerProgram *program);
void vrNetServerFree(vrNetServer *srv);
/* Applies new limits to a running server (SIGHUP). */
void vrNetServerUpdateConfig(vrNetServer *srv, const vrNetServerConfig *cfg);

/* Listens on a UNIX socket; clients of a @readonly service may not change
 * anything. */
int vrNetServerAddUnixService(vrNetServer *srv, const char *path, mode_t mode, bool readonly);
/* Serves an already connected socket (tests). */
vrNetServerClient *vrNetServerAddClientFD(vrNetServer *srv, int fd, bool readonly);

vrEventLoop *vrNetServerEventLoop(vrNetServer *srv);
/* Runs the event loop until vrNetServerQuit. */
void vrNetServerRun(vrNetServer *srv);
void vrNetServerQuit(vrNetServer *srv);
/* Closes every client and stops the workers (after the loop returned). */
void vrNetServerShutdown(vrNetServer *srv);
unsigned int vrNetServerClientCount(vrNetServer *srv);

/* ---- clients ------------------------------------------------------- */

void vrNetServerClientRef(vrNetServerClient *client);
void vrNetServerClientUnref(vrNetServerClient *client);
bool vrNetServerClientIsReadonly(vrNetServerClient *client);
bool vrNetServerClientIsClosed(vrNetServerClient *client);
void *vrNetServerClientGetPrivateData(vrNetServerClient *client);
void vrNetServerClientSetPrivateData(vrNetServerClient *client, void *data);
int vrNetServerClientGetIdentity(vrNetServerClient *client, pid_t *pid, uid_t *uid, gid_t *gid);
/* Starts pinging this client (it said it understands keepalive). */
void vrNetServerClientStartKeepAlive(vrNetServerClient *client);
/* Closes the connection from any thread. */
void vrNetServerClientClose(vrNetServerClient *client);

/* Queues a complete frame for the client (any thread); takes @msg. */
void vrNetServerClientSendMessage(vrNetServerClient *client, vrNetMessage *msg);
/* Replies to @call with @ret (NULL filter: empty payload). */
int vrNetServerClientSendReply(vrNetServerClient *client, const vrNetHeader *call,
                               xdrproc_t filter, void *ret);
/* Replies to @call with the thread's last error. */
int vrNetServerClientSendError(vrNetServerClient *client, const vrNetHeader *call);
/* Stream frames for the stream opened by call (@proc, @serial). */
int vrNetServerClientSendStreamData(vrNetServerClient *client, int proc, uint32_t serial,
                                    const char *data, size_t len);
int vrNetServerClientSendStreamHole(vrNetServerClient *client, int proc, uint32_t serial,
                                    long long length, unsigned int flags);
int vrNetServerClientSendStreamStatus(vrNetServerClient *client, int proc, uint32_t serial,
                                      int status);
int vrNetServerClientSendStreamError(vrNetServerClient *client, int proc, uint32_t serial);
/* Blocks until at most @bytes wait to be written to the client, so a
 * stream producer cannot outrun the socket.  False once it closed. */
bool vrNetServerClientWaitQueue(vrNetServerClient *client, size_t bytes);
/* Sends an event (MESSAGE frame) of the server's program. */
int vrNetServerClientSendEvent(vrNetServerClient *client, int proc, xdrproc_t filter,
                               void *data);

#endif
