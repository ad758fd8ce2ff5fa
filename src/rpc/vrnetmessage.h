/*
 * vrnetmessage.h: one frame of libvirt's RPC protocol.
 *
 * On the wire a frame is:
 *
 *   uint32 length          total bytes, these four included
 *   uint32 prog, vers, proc, type, serial, status
 *   payload                XDR, or raw bytes for stream data
 *
 * all big endian.  A frame never exceeds VR_NET_MESSAGE_MAX; anything
 * larger, or shorter than a header, is a protocol violation and the
 * connection is dropped.
 */
#ifndef VR_NET_MESSAGE_H
#define VR_NET_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <rpc/rpc.h>

#include "rpc/vireo_protocol.h"
#include "rpc/vireo_net.h"

#define VR_NET_MESSAGE_LEN_SIZE 4
#define VR_NET_MESSAGE_HEADER_SIZE 24
/* The largest frame libvirt sends or accepts (32 MiB + the length word). */
#define VR_NET_MESSAGE_MAX (32 * 1024 * 1024 + VR_NET_MESSAGE_LEN_SIZE)
/* The most raw stream bytes one frame carries. */
#define VR_NET_MESSAGE_STREAM_CHUNK (256 * 1024)

typedef enum {
    VR_NET_CALL = 0,
    VR_NET_REPLY = 1,
    VR_NET_MESSAGE = 2,
    VR_NET_STREAM = 3,
    VR_NET_CALL_WITH_FDS = 4,
    VR_NET_REPLY_WITH_FDS = 5,
    VR_NET_STREAM_HOLE = 6,
} vrNetMessageType;

typedef enum {
    VR_NET_OK = 0,
    VR_NET_ERROR = 1,
    VR_NET_CONTINUE = 2,
} vrNetMessageStatus;

typedef struct {
    uint32_t prog;
    uint32_t vers;
    int32_t proc;
    int32_t type;
    uint32_t serial;
    int32_t status;
} vrNetHeader;

typedef struct _vrNetMessage vrNetMessage;
struct _vrNetMessage {
    vrNetHeader header;
    char *buffer;
    size_t length;     /* bytes of the frame held (or expected) in buffer */
    size_t offset;     /* bytes already read or written */
    size_t capacity;
    vrNetMessage *next;
};

/* The XDR filter of an empty payload. */
bool_t vrNetXdrNone(XDR *xdrs, void *data);

vrNetMessage *vrNetMessageNew(void);
void vrNetMessageFree(vrNetMessage *msg);
/* Empties a message for reuse as the receiver of the next frame. */
void vrNetMessageClear(vrNetMessage *msg);

/* Queue helpers: messages chain through ->next. */
void vrNetMessageQueuePush(vrNetMessage **queue, vrNetMessage *msg);
vrNetMessage *vrNetMessageQueuePop(vrNetMessage **queue);

/* Encoding: header first, then exactly one of the payload calls, which
 * also fills in the length word.  Each returns 0 or -1 (error reported). */
int vrNetMessageEncodeHeader(vrNetMessage *msg);
int vrNetMessageEncodePayload(vrNetMessage *msg, xdrproc_t filter, void *data);
int vrNetMessageEncodePayloadRaw(vrNetMessage *msg, const char *data, size_t len);
int vrNetMessageEncodePayloadEmpty(vrNetMessage *msg);

/* Decoding: prepare to read the length word, check it once read, then
 * decode the header and the payload of the complete frame. */
void vrNetMessagePrepareRead(vrNetMessage *msg);
int vrNetMessageDecodeLength(vrNetMessage *msg);
/* Where the next received bytes go and how many fit, growing the buffer
 * towards the announced length. */
char *vrNetMessageReadSpace(vrNetMessage *msg, size_t *room);
int vrNetMessageDecodeHeader(vrNetMessage *msg);
int vrNetMessageDecodePayload(vrNetMessage *msg, xdrproc_t filter, void *data);
/* The raw payload of a stream frame. */
const char *vrNetMessagePayload(const vrNetMessage *msg, size_t *len);

/* The calling thread's last error as the wire error structure (a generic
 * one when nothing was reported), and back. */
void vrNetMessageSaveError(vrp_error *rerr);
void vrNetMessageRaiseError(const vrp_error *rerr);

#endif
