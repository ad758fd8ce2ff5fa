/*
 * vruri.h: connection URIs ("qemu+ssh://user@host:22/system?socket=...").
 */
#ifndef VR_URI_H
#define VR_URI_H

#include <stdbool.h>
#include <glib.h>

typedef struct {
    char *name;
    char *value;
} vrURIParam;

typedef struct {
    char *scheme;        /* whole scheme, "qemu+unix" */
    char *driver;        /* the part before '+', "qemu" */
    char *transport;     /* the part after '+', or NULL */
    char *user;
    char *server;
    int port;            /* 0 when absent */
    char *path;          /* "/system" */
    char *query;         /* raw query string, or NULL */
    vrURIParam *params;  /* decoded query parameters, in order */
    size_t nparams;
} vrURI;

/* Returns NULL (reported) on a malformed URI. */
vrURI *vrURIParse(const char *str);
void vrURIFree(vrURI *uri);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrURI, vrURIFree)

const char *vrURIGetParam(const vrURI *uri, const char *name);
/* The URI back as text, leaving out the named query parameters (the remote
 * driver strips its own before sending the URI to the daemon). */
char *vrURIFormat(const vrURI *uri, bool withTransport, const char *const *dropParams);

#endif
