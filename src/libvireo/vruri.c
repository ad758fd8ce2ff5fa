/*
 * vruri.c: connection URI parsing.
 */
#include <config.h>

#include <string.h>

#include "util/vrerror.h"
#include "util/vrxml.h"
#include "vruri.h"

#define VR_FROM_THIS VR_FROM_URI

void
vrURIFree(vrURI *uri)
{
    size_t i;

    if (!uri)
        return;
    g_free(uri->scheme);
    g_free(uri->driver);
    g_free(uri->transport);
    g_free(uri->user);
    g_free(uri->server);
    g_free(uri->path);
    g_free(uri->query);
    for (i = 0; i < uri->nparams; i++) {
        g_free(uri->params[i].name);
        g_free(uri->params[i].value);
    }
    g_free(uri->params);
    g_free(uri);
}

static void
vrURIParseQuery(vrURI *uri)
{
    g_auto(GStrv) parts = NULL;
    size_t i;

    if (!uri->query || !*uri->query)
        return;
    parts = g_strsplit_set(uri->query, "&;", -1);
    for (i = 0; parts[i]; i++) {
        char *eq;
        vrURIParam p;

        if (!*parts[i])
            continue;
        eq = strchr(parts[i], '=');
        p.name = g_uri_unescape_segment(parts[i], eq, NULL);
        p.value = eq ? g_uri_unescape_string(eq + 1, NULL) : g_strdup("");
        if (!p.name || !p.value) {
            g_free(p.name);
            g_free(p.value);
            continue;
        }
        uri->params = g_renew(vrURIParam, uri->params, uri->nparams + 1);
        uri->params[uri->nparams++] = p;
    }
}

static int
vrURIParseAuthority(vrURI *uri, const char *auth, size_t len)
{
    g_autofree char *a = g_strndup(auth, len);
    char *host = a;
    char *at = strrchr(a, '@');
    char *colon;

    if (at) {
        *at = '\0';
        uri->user = g_uri_unescape_string(a, NULL);
        host = at + 1;
    }
    if (*host == '[') {
        char *close = strchr(host, ']');
        if (!close)
            return -1;
        *close = '\0';
        uri->server = g_strdup(host + 1);
        colon = close[1] == ':' ? close + 1 : NULL;
    } else {
        colon = strrchr(host, ':');
        if (colon)
            *colon = '\0';
        if (*host)
            uri->server = g_strdup(host);
    }
    if (colon && colon[1]) {
        int port;
        if (vrStrToInt(colon + 1, 10, &port) < 0 || port <= 0 || port > 65535)
            return -1;
        uri->port = port;
    }
    return 0;
}

vrURI *
vrURIParse(const char *str)
{
    g_autoptr(vrURI) uri = g_new0(vrURI, 1);
    const char *p = strstr(str, "://");
    const char *rest, *pathStart, *q;
    char *plus;

    if (!p || p == str) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", str);
        return NULL;
    }
    uri->scheme = g_ascii_strdown(str, p - str);
    if (strspn(uri->scheme, "abcdefghijklmnopqrstuvwxyz0123456789+-.") != strlen(uri->scheme)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", str);
        return NULL;
    }
    if ((plus = strchr(uri->scheme, '+'))) {
        uri->driver = g_strndup(uri->scheme, plus - uri->scheme);
        uri->transport = g_strdup(plus + 1);
    } else {
        uri->driver = g_strdup(uri->scheme);
    }

    rest = p + 3;
    pathStart = rest + strcspn(rest, "/?");
    if (vrURIParseAuthority(uri, rest, pathStart - rest) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", str);
        return NULL;
    }
    q = strchr(pathStart, '?');
    if (q) {
        uri->path = g_uri_unescape_segment(pathStart, q, NULL);
        uri->query = g_strdup(q + 1);
    } else {
        uri->path = g_uri_unescape_string(pathStart, NULL);
    }
    if (!uri->path) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to parse URI %s", str);
        return NULL;
    }
    vrURIParseQuery(uri);
    return g_steal_pointer(&uri);
}

const char *
vrURIGetParam(const vrURI *uri, const char *name)
{
    size_t i;

    for (i = uri->nparams; i > 0; i--) {
        if (g_str_equal(uri->params[i - 1].name, name))
            return uri->params[i - 1].value;
    }
    return NULL;
}

static bool
vrURIParamDropped(const char *name, const char *const *drop)
{
    size_t i;

    for (i = 0; drop && drop[i]; i++) {
        if (g_str_equal(drop[i], name))
            return true;
    }
    return false;
}

char *
vrURIFormat(const vrURI *uri, bool withTransport, const char *const *dropParams)
{
    GString *s = g_string_new(withTransport ? uri->scheme : uri->driver);
    bool first = true;
    size_t i;

    g_string_append(s, "://");
    if (uri->user)
        g_string_append_printf(s, "%s@", uri->user);
    if (uri->server)
        g_string_append(s, uri->server);
    if (uri->port)
        g_string_append_printf(s, ":%d", uri->port);
    g_string_append(s, uri->path);
    for (i = 0; i < uri->nparams; i++) {
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;

        if (vrURIParamDropped(uri->params[i].name, dropParams))
            continue;
        name = g_uri_escape_string(uri->params[i].name, NULL, TRUE);
        value = g_uri_escape_string(uri->params[i].value, "/", TRUE);
        g_string_append_printf(s, "%c%s=%s", first ? '?' : '&', name, value);
        first = false;
    }
    return g_string_free(s, FALSE);
}
