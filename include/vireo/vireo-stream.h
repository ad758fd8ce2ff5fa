/*
 * vireo-stream.h: byte streams between a client and a driver (console,
 * volume upload and download, screenshots).
 */
#ifndef VIREO_STREAM_H
#define VIREO_STREAM_H

typedef enum {
    VR_STREAM_NONBLOCK = 1 << 0,
} vrStreamFlags;

typedef enum {
    VR_STREAM_RECV_STOP_AT_HOLE = 1 << 0,
} vrStreamRecvFlagsValues;

vrStream *vrStreamNew(vrConnect *conn, unsigned int flags);
int vrStreamRef(vrStream *st);
int vrStreamFree(vrStream *st);

/* Returns bytes sent, -1 on error, -2 if a non-blocking stream would block. */
int vrStreamSend(vrStream *st, const char *data, size_t nbytes);
/* Returns bytes received, 0 at end of stream, -1 on error, -2 if it would
 * block (non-blocking streams), -3 at a hole (with STOP_AT_HOLE). */
int vrStreamRecv(vrStream *st, char *data, size_t nbytes);
int vrStreamRecvFlags(vrStream *st, char *data, size_t nbytes, unsigned int flags);
int vrStreamSendHole(vrStream *st, long long length, unsigned int flags);
int vrStreamRecvHole(vrStream *st, long long *length, unsigned int flags);

/* Completes a stream: the peer confirms everything arrived. */
int vrStreamFinish(vrStream *st);
/* Abandons a stream: the peer drops whatever is half done. */
int vrStreamAbort(vrStream *st);

#endif
