/*
 * remote_streams.h: data streams between a client and a local stream.
 *
 * A call that starts a transfer (volume upload or download, screenshot,
 * console) opens a local vrStream through the API, then hands it here:
 * the call is answered, and from then on the stream's bytes travel as
 * STREAM frames tagged with the call's procedure and serial.  The client
 * ends the transfer with a STREAM frame of status OK (finish) or ERROR
 * (abort), which is confirmed with a frame of the same kind.
 */
#ifndef VR_REMOTE_STREAMS_H
#define VR_REMOTE_STREAMS_H

#include "remote_dispatch.h"

typedef enum {
    VR_REMOTE_STREAM_TO_CLIENT = 1 << 0,    /* the daemon reads @st and sends */
    VR_REMOTE_STREAM_FROM_CLIENT = 1 << 1,  /* client data is written to @st */
    VR_REMOTE_STREAM_SPARSE = 1 << 2,       /* holes travel as holes */
} vrRemoteStreamFlags;

/* Answers the call @hdr with @ret, then runs the transfer; takes a
 * reference to @st.  Returns VR_REMOTE_REPLIED or -1 (nothing sent). */
int vrRemoteStreamStart(vrNetServerClient *client, vrRemoteClient *priv,
                        const vrNetHeader *hdr, vrStream *st, unsigned int flags,
                        xdrproc_t retFilter, void *ret);

/* A STREAM frame from the client (event loop thread; never blocks). */
void vrRemoteStreamsDeliver(vrRemoteClient *priv, vrNetMessage *msg);
/* The client went away: abandon every transfer. */
void vrRemoteStreamsAbortAll(vrRemoteClient *priv);
/* Last resort at client free; transfers normally end themselves first. */
void vrRemoteStreamsFreeAll(vrRemoteClient *priv);

#endif
