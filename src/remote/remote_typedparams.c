/*
 * remote_typedparams.c: typed parameter lists on the wire.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "remote_typedparams.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_RPC

int
vrRemoteSerializeTypedParams(const vrTypedParameter *params, int nparams, u_int limit,
                             vrp_typed_param **val, u_int *len)
{
    vrp_typed_param *out;
    int i;

    *val = NULL;
    *len = 0;
    if (nparams < 0 || (u_int)nparams > limit) {
        vrReportError(VR_ERR_RPC, "too many parameters '%d' for limit '%u'", nparams, limit);
        return -1;
    }
    /* xdr_free releases this with free(), so allocate with calloc */
    out = calloc(nparams ? nparams : 1, sizeof(*out));
    for (i = 0; i < nparams; i++) {
        const vrTypedParameter *p = &params[i];
        vrp_typed_param *w = &out[i];

        w->field = strdup(p->field);
        w->value.type = p->type;
        switch (p->type) {
        case VR_TYPED_PARAM_INT: w->value.vrp_typed_param_value_u.i = p->value.i; break;
        case VR_TYPED_PARAM_UINT: w->value.vrp_typed_param_value_u.ui = p->value.ui; break;
        case VR_TYPED_PARAM_LLONG: w->value.vrp_typed_param_value_u.l = p->value.l; break;
        case VR_TYPED_PARAM_ULLONG: w->value.vrp_typed_param_value_u.ul = p->value.ul; break;
        case VR_TYPED_PARAM_DOUBLE: w->value.vrp_typed_param_value_u.d = p->value.d; break;
        case VR_TYPED_PARAM_BOOLEAN: w->value.vrp_typed_param_value_u.b = p->value.b; break;
        case VR_TYPED_PARAM_STRING:
            w->value.vrp_typed_param_value_u.s = strdup(p->value.s ? p->value.s : "");
            break;
        default:
            vrReportError(VR_ERR_RPC, "unknown parameter type: %d", p->type);
            *val = out;
            *len = (u_int)i + 1;
            return -1;
        }
    }
    *val = out;
    *len = (u_int)nparams;
    return 0;
}

static int
vrRemoteTypedParamFromWire(const vrp_typed_param *w, vrTypedParameter *p)
{
    memset(p, 0, sizeof(*p));
    if (!w->field || strlen(w->field) >= VR_TYPED_PARAM_FIELD_LENGTH) {
        vrReportError(VR_ERR_RPC, "Parameter %s too big for destination",
                      w->field ? w->field : "(null)");
        return -1;
    }
    g_strlcpy(p->field, w->field, sizeof(p->field));
    p->type = w->value.type;
    switch (p->type) {
    case VR_TYPED_PARAM_INT: p->value.i = w->value.vrp_typed_param_value_u.i; break;
    case VR_TYPED_PARAM_UINT: p->value.ui = w->value.vrp_typed_param_value_u.ui; break;
    case VR_TYPED_PARAM_LLONG: p->value.l = w->value.vrp_typed_param_value_u.l; break;
    case VR_TYPED_PARAM_ULLONG: p->value.ul = w->value.vrp_typed_param_value_u.ul; break;
    case VR_TYPED_PARAM_DOUBLE: p->value.d = w->value.vrp_typed_param_value_u.d; break;
    case VR_TYPED_PARAM_BOOLEAN: p->value.b = (char)!!w->value.vrp_typed_param_value_u.b; break;
    case VR_TYPED_PARAM_STRING:
        p->value.s = g_strdup(w->value.vrp_typed_param_value_u.s);
        break;
    default:
        vrReportError(VR_ERR_RPC, "unknown parameter type: %d", p->type);
        return -1;
    }
    return 0;
}

int
vrRemoteDeserializeTypedParams(const vrp_typed_param *val, u_int len, int limit,
                               vrTypedParameter *params, int *nparams)
{
    u_int i;

    if (len > (u_int)limit || (int)len > *nparams) {
        vrReportError(VR_ERR_RPC, "too many parameters '%u' for limit '%d'", len,
                      MIN(limit, *nparams));
        return -1;
    }
    for (i = 0; i < len; i++) {
        if (vrRemoteTypedParamFromWire(&val[i], &params[i]) < 0) {
            vrTypedParamsClear(params, (int)i);
            return -1;
        }
    }
    *nparams = (int)len;
    return 0;
}

int
vrRemoteDeserializeTypedParamsAlloc(const vrp_typed_param *val, u_int len, int limit,
                                    vrTypedParameter **params, int *nparams)
{
    vrTypedParameter *p;
    int n = (int)len;

    *params = NULL;
    *nparams = 0;
    if (len > (u_int)limit) {
        vrReportError(VR_ERR_RPC, "too many parameters '%u' for limit '%d'", len, limit);
        return -1;
    }
    p = g_new0(vrTypedParameter, len ? len : 1);
    if (vrRemoteDeserializeTypedParams(val, len, limit, p, &n) < 0) {
        g_free(p);
        return -1;
    }
    *params = p;
    *nparams = n;
    return 0;
}

void
vrRemoteFreeWireParams(vrp_typed_param *val, u_int len)
{
    u_int i;

    for (i = 0; val && i < len; i++) {
        free(val[i].field);
        if (val[i].value.type == VR_TYPED_PARAM_STRING)
            free(val[i].value.vrp_typed_param_value_u.s);
    }
    free(val);
}
