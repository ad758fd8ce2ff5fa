/*
 * remote_handlers_console.c: a guest's console over a stream.
 *
 * The stream carries the console both ways: what the guest writes goes to
 * the client, what the client types goes to the guest.
 */
#include <config.h>

#include "remote_dispatch_gen.h"
#include "remote_streams.h"

#define VR_FROM_THIS VR_FROM_REMOTE

int
remoteDispatchDomainOpenConsole(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_open_console_args *args = argsv;
    vrDomain *dom = vrRemoteGetDomain(priv->conn, &args->dom);
    /* non-blocking: the sender thread must see the client's finish or
     * abort even while the guest is silent (a blocking read of the pty
     * would keep stock virsh waiting after ^]) */
    vrStream *st = vrStreamNew(priv->conn, VR_STREAM_NONBLOCK);
    int rc = -1;

    (void)retv;
    if (vrDomainOpenConsole(dom, args->dev_name ? *args->dev_name : NULL, st, args->flags) == 0)
        rc = vrRemoteStreamStart(client, priv, hdr, st,
                                 VR_REMOTE_STREAM_TO_CLIENT | VR_REMOTE_STREAM_FROM_CLIENT,
                                 NULL, NULL);
    vrDomainFree(dom);
    vrStreamFree(st);
    return rc;
}
