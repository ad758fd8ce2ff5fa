/*
 * remote_secret.h: secret handles <-> wire references, shared by the
 * remote driver (remote_calls_secret.c) and the daemon's handlers.
 */
#ifndef VR_REMOTE_SECRET_H
#define VR_REMOTE_SECRET_H

#include "libvireo/datatypes_secret.h"
#include "rpc/vireo_protocol.h"

vrSecret *vrRemoteGetSecret(vrConnect *conn, const vrp_nonnull_secret *ref);
/* points into @secret: valid while it lives, never freed by xdr_free */
void vrRemoteBorrowSecret(vrp_nonnull_secret *ref, vrSecret *secret);
/* an owned copy (malloc'd), for replies that xdr_free releases */
void vrRemoteCopySecret(vrp_nonnull_secret *ref, vrSecret *secret);

#endif
