/*
 * fuzz_rpc_frame.c: frames as the daemon and the client receive them.
 *
 * The input is one frame: length word, header, payload.  It goes through
 * the same checks the server applies before dispatch (length, header),
 * then its payload is decoded as every layout that procedure can carry:
 * call arguments, reply, error, stream hole, and typed parameters where
 * the layout has them.  Nothing may crash, leak or read out of bounds.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "remote/remote_typedparams.h"
#include "rpc/vrnetmessage.h"
#include "rpc/vrprocinfo.h"
#include "util/vrerror.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzzDecode(vrNetMessage *msg, xdrproc_t filter, size_t size)
{
    void *buf;

    if (!filter)
        return;
    buf = g_malloc0(size ? size : 1);
    if (vrNetMessageDecodePayload(msg, filter, buf) == 0)
        xdr_free(filter, buf);
    g_free(buf);
}

static void
fuzzTypedParams(vrNetMessage *msg)
{
    vrp_domain_set_scheduler_parameters_flags_args args;
    vrTypedParameter *params = NULL;
    int n = 0;

    memset(&args, 0, sizeof(args));
    if (vrNetMessageDecodePayload(msg, (xdrproc_t)xdr_vrp_domain_set_scheduler_parameters_flags_args,
                                  &args) < 0)
        return;
    if (vrRemoteDeserializeTypedParamsAlloc(args.params.params_val, args.params.params_len,
                                            VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX, &params,
                                            &n) == 0)
        vrTypedParamsFree(params, n);
    xdr_free((xdrproc_t)xdr_vrp_domain_set_scheduler_parameters_flags_args, (char *)&args);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrNetMessage msg = { 0 };
    const vrProcInfo *info;

    if (size < VR_NET_MESSAGE_LEN_SIZE)
        return 0;
    vrNetMessagePrepareRead(&msg);
    memcpy(msg.buffer, data, VR_NET_MESSAGE_LEN_SIZE);
    if (vrNetMessageDecodeLength(&msg) < 0 || msg.length > size)
        goto out;
    /* fill the buffer the way the receivers do, growing it as bytes come */
    msg.offset = VR_NET_MESSAGE_LEN_SIZE;
    while (msg.offset < msg.length) {
        size_t room;
        char *space = vrNetMessageReadSpace(&msg, &room);
        memcpy(space, data + msg.offset, room);
        msg.offset += room;
    }
    if (vrNetMessageDecodeHeader(&msg) < 0)
        goto out;

    if ((info = vrProcInfoLookup(msg.header.proc))) {
        fuzzDecode(&msg, info->argsFilter, info->argsSize);
        fuzzDecode(&msg, info->retFilter, info->retSize);
    }
    {
        vrp_error rerr;
        memset(&rerr, 0, sizeof(rerr));
        if (vrNetMessageDecodePayload(&msg, (xdrproc_t)xdr_vrp_error, &rerr) == 0) {
            vrNetMessageRaiseError(&rerr);
            xdr_free((xdrproc_t)xdr_vrp_error, (char *)&rerr);
        }
    }
    fuzzDecode(&msg, (xdrproc_t)xdr_vrp_net_stream_hole, sizeof(vrp_net_stream_hole));
    fuzzTypedParams(&msg);

 out:
    vrNetMessageClear(&msg);
    vrResetLastError();
    return 0;
}
