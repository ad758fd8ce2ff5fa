/*
 * vrnetclient.h: the client end of an RPC connection.
 *
 * One reader thread per connection receives every frame: replies are
 * matched to the waiting call by serial, stream frames go to their
 * stream's queue, keepalive pings are answered and server events are
 * handed to a callback.  Any number of threads may call at once; each
 * call writes its whole frame under a lock and sleeps until its reply.
 */
#ifndef VR_NET_CLIENT_H
#define VR_NET_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "vrnetmessage.h"

typedef struct _vrNetClient vrNetClient;
typedef struct _vrNetClientStream vrNetClientStream;

/* Why a connection ended (values of vrConnectCloseReason). */
typedef void (*vrNetClientCloseFunc)(vrNetClient *client, int reason, void *opaque);
/* A MESSAGE frame (an event) from the server; runs in the reader thread
 * and must not call back into the connection. */
typedef void (*vrNetClientEventFunc)(vrNetClient *client, const vrNetMessage *msg,
                                     void *opaque);

vrNetClient *vrNetClientNewUnix(const char *path);
/* The connection's socket (a test may hand in one end of a socketpair). */
vrNetClient *vrNetClientNewFD(int fd);
void vrNetClientRef(vrNetClient *client);
void vrNetClientUnref(vrNetClient *client);
/* Shuts the connection down and waits for the reader thread. */
void vrNetClientClose(vrNetClient *client);
bool vrNetClientIsOpen(vrNetClient *client);

void vrNetClientSetCloseCallback(vrNetClient *client, vrNetClientCloseFunc cb, void *opaque);
void vrNetClientSetEventCallback(vrNetClient *client, vrNetClientEventFunc cb, void *opaque);

/* Pings the server after @interval idle seconds; gives up after @count
 * unanswered pings.  @interval <= 0 disables keepalive. */
void vrNetClientSetKeepAlive(vrNetClient *client, int interval, unsigned int count);

/* Sends a call and waits for its reply.  A reply with an error raises it
 * as the thread's error.  Returns 0 or -1. */
int vrNetClientCall(vrNetClient *client, unsigned int prog, unsigned int vers, int proc,
                    xdrproc_t argsFilter, void *args, xdrproc_t retFilter, void *ret);

/* Like vrNetClientCall, but on success also returns a stream bound to the
 * call's procedure and serial, ready for data. */
int vrNetClientCallStream(vrNetClient *client, unsigned int prog, unsigned int vers, int proc,
                          xdrproc_t argsFilter, void *args, xdrproc_t retFilter, void *ret,
                          vrNetClientStream **stream);

/* ---- streams -------------------------------------------------------- */

/* Bytes received (0 at the end), -1 on error, -2 if @nonblock and
 * nothing is queued, -3 at a hole when @stopAtHole. */
int vrNetClientStreamRecv(vrNetClientStream *st, char *data, size_t nbytes, bool nonblock,
                          bool stopAtHole);
int vrNetClientStreamRecvHole(vrNetClientStream *st, long long *length);
int vrNetClientStreamSend(vrNetClientStream *st, const char *data, size_t nbytes);
int vrNetClientStreamSendHole(vrNetClientStream *st, long long length, unsigned int flags);
/* Ends the transfer and waits for the server to confirm it. */
int vrNetClientStreamFinish(vrNetClientStream *st);
int vrNetClientStreamAbort(vrNetClientStream *st);
/* True when data (or the end, or an error) waits to be read. */
bool vrNetClientStreamReadable(vrNetClientStream *st);
void vrNetClientStreamFree(vrNetClientStream *st);

#endif
