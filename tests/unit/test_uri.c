/*
 * test_uri.c: connection URI parsing and the remote driver's rewriting.
 */
#include <config.h>

#include "libvireo/vruri.h"
#include "testutils.h"
#include "util/vrerror.h"

static void
testParse(void)
{
    vrURI *uri = vrURIParse("qemu+ssh://root@host.example:2222/system?socket=/x/y&mode=legacy");
    static const char *const drop[] = { "socket", "mode", NULL };
    char *s;

    CHECK(uri != NULL);
    if (!uri)
        return;
    CHECK_STREQ(uri->scheme, "qemu+ssh");
    CHECK_STREQ(uri->driver, "qemu");
    CHECK_STREQ(uri->transport, "ssh");
    CHECK_STREQ(uri->user, "root");
    CHECK_STREQ(uri->server, "host.example");
    CHECK(uri->port == 2222);
    CHECK_STREQ(uri->path, "/system");
    CHECK_STREQ(vrURIGetParam(uri, "socket"), "/x/y");
    s = vrURIFormat(uri, false, drop);
    CHECK_STREQ(s, "qemu://root@host.example:2222/system");
    g_free(s);
    vrURIFree(uri);

    uri = vrURIParse("test+unix:///default?socket=/tmp/a%20b");
    CHECK(uri && uri->server == NULL);
    if (uri) {
        CHECK_STREQ(vrURIGetParam(uri, "socket"), "/tmp/a b");
        s = vrURIFormat(uri, false, drop);
        CHECK_STREQ(s, "test:///default");
        g_free(s);
        vrURIFree(uri);
    }

    uri = vrURIParse("test:///default");
    CHECK(uri && uri->transport == NULL && g_str_equal(uri->path, "/default"));
    vrURIFree(uri);
}

static void
testBad(void)
{
    static const char *const bad[] = { "", "nocolon", "://x", "qemu+://x/", "test:///?=" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        vrURI *uri = vrURIParse(bad[i]);
        if (uri) {
            /* accepted forms must at least have a scheme */
            CHECK(uri->scheme && *uri->scheme);
            vrURIFree(uri);
        } else {
            CHECK(vrGetLastError() != NULL);
        }
        vrResetLastError();
    }
}

int
main(void)
{
    testParse();
    testBad();
    return testFinish();
}
