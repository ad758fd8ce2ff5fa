/*
 * test_rpc_message.c: frame coding, error transport and typed parameters.
 */
#include <config.h>

#include <stdlib.h>

#include "remote/remote_typedparams.h"
#include "rpc/vrnetmessage.h"
#include "rpc/vrprocinfo.h"
#include "testutils.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_TEST

/* Encodes a call, then reads it back the way a peer does. */
static void
testRoundTrip(void)
{
    vrNetMessage out = { 0 }, in = { 0 };
    vrp_domain_lookup_by_name_args args = { .name = (char *)"guest-1" };
    vrp_domain_lookup_by_name_args got;

    out.header.prog = VRP_PROGRAM;
    out.header.vers = VRP_PROTOCOL_VERSION;
    out.header.proc = VRP_PROC_DOMAIN_LOOKUP_BY_NAME;
    out.header.type = VR_NET_CALL;
    out.header.serial = 42;
    out.header.status = VR_NET_OK;
    CHECK(vrNetMessageEncodeHeader(&out) == 0);
    CHECK(vrNetMessageEncodePayload(&out, (xdrproc_t)xdr_vrp_domain_lookup_by_name_args,
                                    &args) == 0);
    /* 4 + 24 header + 4 length + 8 padded string */
    CHECK(out.length == 40);

    vrNetMessagePrepareRead(&in);
    memcpy(in.buffer, out.buffer, 4);
    CHECK(vrNetMessageDecodeLength(&in) == 0);
    CHECK(in.length == out.length);
    memcpy(in.buffer, out.buffer, out.length);
    CHECK(vrNetMessageDecodeHeader(&in) == 0);
    CHECK(in.header.prog == VRP_PROGRAM && in.header.serial == 42 &&
          in.header.proc == VRP_PROC_DOMAIN_LOOKUP_BY_NAME);
    memset(&got, 0, sizeof(got));
    CHECK(vrNetMessageDecodePayload(&in, (xdrproc_t)xdr_vrp_domain_lookup_by_name_args,
                                    &got) == 0);
    CHECK_STREQ(got.name, "guest-1");
    xdr_free((xdrproc_t)xdr_vrp_domain_lookup_by_name_args, (char *)&got);

    /* a payload with bytes left over does not decode */
    in.length += 4;
    memset(&got, 0, sizeof(got));
    CHECK(vrNetMessageDecodePayload(&in, (xdrproc_t)xdr_vrp_domain_lookup_by_name_args,
                                    &got) < 0);
    vrResetLastError();
    vrNetMessageClear(&out);
    vrNetMessageClear(&in);
}

static void
testLengthLimits(void)
{
    vrNetMessage in = { 0 };
    uint32_t be;

    vrNetMessagePrepareRead(&in);
    be = GUINT32_TO_BE(27);
    memcpy(in.buffer, &be, 4);
    CHECK(vrNetMessageDecodeLength(&in) < 0);
    be = GUINT32_TO_BE(VR_NET_MESSAGE_MAX + 1);
    memcpy(in.buffer, &be, 4);
    CHECK(vrNetMessageDecodeLength(&in) < 0);
    CHECK(vrGetLastError() && vrGetLastError()->code == VR_ERR_RPC);
    be = GUINT32_TO_BE(VR_NET_MESSAGE_MAX);
    memcpy(in.buffer, &be, 4);
    CHECK(vrNetMessageDecodeLength(&in) == 0);
    vrResetLastError();
    vrNetMessageClear(&in);
}

/* An error crosses the wire with code, domain and message intact. */
static void
testErrorTransport(void)
{
    vrNetMessage msg = { 0 };
    vrp_error out, in;
    const vrError *err;

    vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching name '%s'", "nosuch");
    vrNetMessageSaveError(&out);
    msg.header.type = VR_NET_REPLY;
    msg.header.status = VR_NET_ERROR;
    CHECK(vrNetMessageEncodeHeader(&msg) == 0);
    CHECK(vrNetMessageEncodePayload(&msg, (xdrproc_t)xdr_vrp_error, &out) == 0);
    xdr_free((xdrproc_t)xdr_vrp_error, (char *)&out);
    vrResetLastError();

    memset(&in, 0, sizeof(in));
    CHECK(vrNetMessageDecodePayload(&msg, (xdrproc_t)xdr_vrp_error, &in) == 0);
    vrNetMessageRaiseError(&in);
    xdr_free((xdrproc_t)xdr_vrp_error, (char *)&in);
    err = vrGetLastError();
    CHECK(err && err->code == VR_ERR_NO_DOMAIN && err->domain == VR_FROM_TEST);
    CHECK_STREQ(err ? err->message : NULL,
                "Domain not found: no domain with matching name 'nosuch'");
    vrResetLastError();

    /* a failure with no error still arrives as one */
    vrNetMessageSaveError(&out);
    CHECK(out.code == VR_ERR_INTERNAL_ERROR && out.message);
    xdr_free((xdrproc_t)xdr_vrp_error, (char *)&out);
    vrNetMessageClear(&msg);
}

static void
testTypedParams(void)
{
    vrTypedParameter params[3];
    vrTypedParameter back[3];
    vrp_typed_param *wire = NULL;
    u_int len = 0;
    int n = 3;

    memset(params, 0, sizeof(params));
    strcpy(params[0].field, "weight");
    params[0].type = VR_TYPED_PARAM_UINT;
    params[0].value.ui = 50;
    strcpy(params[1].field, "limit");
    params[1].type = VR_TYPED_PARAM_ULLONG;
    params[1].value.ul = 1ULL << 40;
    strcpy(params[2].field, "label");
    params[2].type = VR_TYPED_PARAM_STRING;
    params[2].value.s = (char *)"fast";
    CHECK(vrRemoteSerializeTypedParams(params, 3, 16, &wire, &len) == 0 && len == 3);
    memset(back, 0, sizeof(back));
    CHECK(vrRemoteDeserializeTypedParams(wire, len, 16, back, &n) == 0 && n == 3);
    CHECK(back[0].value.ui == 50 && back[1].value.ul == 1ULL << 40);
    CHECK_STREQ(back[2].value.s, "fast");
    vrTypedParamsClear(back, n);
    /* more than the caller has room for is refused */
    n = 2;
    CHECK(vrRemoteDeserializeTypedParams(wire, len, 16, back, &n) < 0);
    vrResetLastError();
    /* an unknown type is refused */
    wire[0].value.type = 99;
    n = 3;
    CHECK(vrRemoteDeserializeTypedParams(wire, len, 16, back, &n) < 0);
    wire[0].value.type = VR_TYPED_PARAM_UINT;
    vrResetLastError();
    vrRemoteFreeWireParams(wire, len);
    CHECK(vrRemoteSerializeTypedParams(params, 20, 16, &wire, &len) < 0);
    vrResetLastError();
}

static void
testProcTable(void)
{
    const vrProcInfo *info = vrProcInfoLookup(VRP_PROC_CONNECT_OPEN);
    size_t i;
    int last = 0;
    bool sorted = true;

    CHECK(info && g_str_equal(info->name, "CONNECT_OPEN") && info->argsFilter);
    CHECK(vrProcInfoLookup(99999) == NULL);
    for (i = 0; (info = vrProcInfoAt(i)); i++) {
        sorted &= info->proc > last;
        last = info->proc;
    }
    CHECK(sorted && i > 200);
}

int
main(void)
{
    testRoundTrip();
    testLengthLimits();
    testErrorTransport();
    testTypedParams();
    testProcTable();
    return testFinish();
}
