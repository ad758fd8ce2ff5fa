/*
 * vrnetmessage.c: framing and XDR coding of RPC messages.
 */
#include <config.h>

#include <string.h>
#include <glib.h>

#include "util/vrerror.h"
#include "vrnetmessage.h"

#define VR_FROM_THIS VR_FROM_RPC

/* Buffers start small and double, so a 32 MiB reply costs 32 MiB but a
 * lookup costs a few hundred bytes. */
#define VR_NET_MESSAGE_INITIAL 65536

bool_t
vrNetXdrNone(XDR *xdrs, void *data)
{
    (void)xdrs;
    (void)data;
    return TRUE;
}

vrNetMessage *
vrNetMessageNew(void)
{
    return g_new0(vrNetMessage, 1);
}

void
vrNetMessageClear(vrNetMessage *msg)
{
    g_free(msg->buffer);
    memset(msg, 0, sizeof(*msg));
}

void
vrNetMessageFree(vrNetMessage *msg)
{
    if (!msg)
        return;
    g_free(msg->buffer);
    g_free(msg);
}

void
vrNetMessageQueuePush(vrNetMessage **queue, vrNetMessage *msg)
{
    while (*queue)
        queue = &(*queue)->next;
    msg->next = NULL;
    *queue = msg;
}

vrNetMessage *
vrNetMessageQueuePop(vrNetMessage **queue)
{
    vrNetMessage *msg = *queue;

    if (msg) {
        *queue = msg->next;
        msg->next = NULL;
    }
    return msg;
}

static void
vrNetMessageReserve(vrNetMessage *msg, size_t size)
{
    if (msg->capacity >= size)
        return;
    msg->buffer = g_realloc(msg->buffer, size);
    memset(msg->buffer + msg->capacity, 0, size - msg->capacity);
    msg->capacity = size;
}

static void
vrNetMessagePutLength(vrNetMessage *msg)
{
    uint32_t be = GUINT32_TO_BE((uint32_t)msg->length);

    memcpy(msg->buffer, &be, sizeof(be));
}

int
vrNetMessageEncodeHeader(vrNetMessage *msg)
{
    uint32_t words[6];
    size_t i;

    vrNetMessageReserve(msg, VR_NET_MESSAGE_INITIAL);
    words[0] = msg->header.prog;
    words[1] = msg->header.vers;
    words[2] = (uint32_t)msg->header.proc;
    words[3] = (uint32_t)msg->header.type;
    words[4] = msg->header.serial;
    words[5] = (uint32_t)msg->header.status;
    for (i = 0; i < G_N_ELEMENTS(words); i++)
        words[i] = GUINT32_TO_BE(words[i]);
    memcpy(msg->buffer + VR_NET_MESSAGE_LEN_SIZE, words, sizeof(words));
    msg->length = VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE;
    msg->offset = 0;
    vrNetMessagePutLength(msg);
    return 0;
}

int
vrNetMessageEncodePayload(vrNetMessage *msg, xdrproc_t filter, void *data)
{
    size_t start = VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE;
    size_t size = MAX(msg->capacity, (size_t)VR_NET_MESSAGE_INITIAL);

    for (;;) {
        XDR xdr;
        bool ok;

        vrNetMessageReserve(msg, size);
        xdrmem_create(&xdr, msg->buffer + start, (u_int)(size - start), XDR_ENCODE);
        ok = filter(&xdr, data, 0);
        if (ok) {
            msg->length = start + xdr_getpos(&xdr);
            xdr_destroy(&xdr);
            break;
        }
        xdr_destroy(&xdr);
        /* the encoder ran out of room: grow, unless we hit the limit */
        if (size >= VR_NET_MESSAGE_MAX) {
            vrReportError(VR_ERR_RPC, "%s", "Unable to encode message payload");
            return -1;
        }
        size = MIN(size * 2, (size_t)VR_NET_MESSAGE_MAX);
    }
    vrNetMessagePutLength(msg);
    return 0;
}

int
vrNetMessageEncodePayloadRaw(vrNetMessage *msg, const char *data, size_t len)
{
    size_t start = VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE;

    if (start + len > VR_NET_MESSAGE_MAX) {
        vrReportError(VR_ERR_RPC, "Stream data too long to send (%zu bytes needed, %zu bytes available)",
                      len, (size_t)VR_NET_MESSAGE_MAX - start);
        return -1;
    }
    vrNetMessageReserve(msg, start + len);
    if (len)
        memcpy(msg->buffer + start, data, len);
    msg->length = start + len;
    vrNetMessagePutLength(msg);
    return 0;
}

int
vrNetMessageEncodePayloadEmpty(vrNetMessage *msg)
{
    return vrNetMessageEncodePayloadRaw(msg, NULL, 0);
}

void
vrNetMessagePrepareRead(vrNetMessage *msg)
{
    vrNetMessageReserve(msg, VR_NET_MESSAGE_LEN_SIZE);
    msg->length = VR_NET_MESSAGE_LEN_SIZE;
    msg->offset = 0;
}

int
vrNetMessageDecodeLength(vrNetMessage *msg)
{
    uint32_t be, len;

    memcpy(&be, msg->buffer, sizeof(be));
    len = GUINT32_FROM_BE(be);
    if (len < VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE) {
        vrReportError(VR_ERR_RPC, "packet %u bytes received from server too small, want %u",
                      len, VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE);
        return -1;
    }
    if (len > VR_NET_MESSAGE_MAX) {
        vrReportError(VR_ERR_RPC, "packet %u bytes received from server too large, want %u",
                      len, (unsigned int)VR_NET_MESSAGE_MAX);
        return -1;
    }
    /* the buffer grows as bytes arrive (vrNetMessageReserveRead), so a peer
     * announcing 32 MiB costs nothing until it sends them */
    vrNetMessageReserve(msg, MIN(len, (uint32_t)VR_NET_MESSAGE_INITIAL));
    msg->length = len;
    return 0;
}

char *
vrNetMessageReadSpace(vrNetMessage *msg, size_t *room)
{
    if (msg->offset == msg->capacity && msg->capacity < msg->length)
        vrNetMessageReserve(msg, MIN(msg->length, msg->capacity * 2));
    *room = MIN(msg->length, msg->capacity) - msg->offset;
    return msg->buffer + msg->offset;
}

int
vrNetMessageDecodeHeader(vrNetMessage *msg)
{
    uint32_t words[6];
    size_t i;

    if (msg->length < VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE) {
        vrReportError(VR_ERR_RPC, "%s", "Unable to decode message header");
        return -1;
    }
    memcpy(words, msg->buffer + VR_NET_MESSAGE_LEN_SIZE, sizeof(words));
    for (i = 0; i < G_N_ELEMENTS(words); i++)
        words[i] = GUINT32_FROM_BE(words[i]);
    msg->header.prog = words[0];
    msg->header.vers = words[1];
    msg->header.proc = (int32_t)words[2];
    msg->header.type = (int32_t)words[3];
    msg->header.serial = words[4];
    msg->header.status = (int32_t)words[5];
    return 0;
}

int
vrNetMessageDecodePayload(vrNetMessage *msg, xdrproc_t filter, void *data)
{
    size_t start = VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE;
    XDR xdr;
    bool ok;

    xdrmem_create(&xdr, msg->buffer + start, (u_int)(msg->length - start), XDR_DECODE);
    ok = filter(&xdr, data, 0);
    /* trailing bytes mean the peer and we disagree about the layout */
    if (ok && xdr_getpos(&xdr) != msg->length - start)
        ok = false;
    xdr_destroy(&xdr);
    if (!ok) {
        xdr_free(filter, data);
        vrReportError(VR_ERR_RPC, "%s", "Unable to decode message payload");
        return -1;
    }
    return 0;
}

const char *
vrNetMessagePayload(const vrNetMessage *msg, size_t *len)
{
    size_t start = VR_NET_MESSAGE_LEN_SIZE + VR_NET_MESSAGE_HEADER_SIZE;

    *len = msg->length - start;
    return msg->buffer + start;
}

static char **
vrNetStringNew(const char *s)
{
    char **p;

    if (!s)
        return NULL;
    p = g_new0(char *, 1);
    *p = g_strdup(s);
    return p;
}

void
vrNetMessageSaveError(vrp_error *rerr)
{
    const vrError *err = vrGetLastError();

    memset(rerr, 0, sizeof(*rerr));
    if (err && err->code != VR_ERR_OK) {
        rerr->code = err->code;
        rerr->domain = err->domain;
        rerr->message = vrNetStringNew(err->message);
        rerr->level = err->level;
        rerr->str1 = vrNetStringNew(err->str1);
        rerr->str2 = vrNetStringNew(err->str2);
        rerr->str3 = vrNetStringNew(err->str3);
        rerr->int1 = err->int1;
        rerr->int2 = err->int2;
    } else {
        /* a failure nobody described still reaches the client as one */
        rerr->code = VR_ERR_INTERNAL_ERROR;
        rerr->domain = VR_FROM_RPC;
        rerr->message = vrNetStringNew("library function returned error but did not set virError");
        rerr->level = VR_ERR_ERROR;
    }
}

void
vrNetMessageRaiseError(const vrp_error *rerr)
{
    vrError err = { 0 };

    err.code = rerr->code;
    err.domain = rerr->domain;
    err.level = rerr->level;
    err.message = rerr->message ? *rerr->message : NULL;
    err.str1 = rerr->str1 ? *rerr->str1 : NULL;
    err.str2 = rerr->str2 ? *rerr->str2 : NULL;
    err.str3 = rerr->str3 ? *rerr->str3 : NULL;
    err.int1 = rerr->int1;
    err.int2 = rerr->int2;
    if (err.code == VR_ERR_OK) {
        err.code = VR_ERR_RPC;
        err.domain = VR_FROM_RPC;
        err.message = (char *)"an error was reported but carried no code";
    }
    vrErrorSetFrom(&err);
}
