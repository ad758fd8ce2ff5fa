/*
 * remote_typedparams.h: typed parameter lists on the wire.
 */
#ifndef VR_REMOTE_TYPEDPARAMS_H
#define VR_REMOTE_TYPEDPARAMS_H

#include "rpc/vireo_protocol.h"
#include "vireo/vireo.h"

/* Copies @nparams parameters to a freshly allocated wire array (freed by
 * xdr_free of the enclosing structure).  Returns 0 or -1 (reported). */
int vrRemoteSerializeTypedParams(const vrTypedParameter *params, int nparams, u_int limit,
                                 vrp_typed_param **val, u_int *len);

/* Frees what vrRemoteSerializeTypedParams allocated. */
void vrRemoteFreeWireParams(vrp_typed_param *val, u_int len);

/* Fills caller storage for at most *nparams entries; sets *nparams to the
 * number received.  Refuses more than @limit or unknown types. */
int vrRemoteDeserializeTypedParams(const vrp_typed_param *val, u_int len, int limit,
                                   vrTypedParameter *params, int *nparams);

/* Same, allocating the array (free with vrTypedParamsFree). */
int vrRemoteDeserializeTypedParamsAlloc(const vrp_typed_param *val, u_int len, int limit,
                                        vrTypedParameter **params, int *nparams);

#endif
