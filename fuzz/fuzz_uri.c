/*
 * fuzz_uri.c: connection URIs as the client library parses them.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "libvireo/vruri.h"
#include "util/vrerror.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *str = g_strndup((const char *)data, size);
    static const char *const drop[] = { "socket", NULL };
    vrURI *uri = vrURIParse(str);

    if (uri) {
        g_free(vrURIFormat(uri, true, NULL));
        g_free(vrURIFormat(uri, false, drop));
        vrURIGetParam(uri, "socket");
        vrURIFree(uri);
    }
    vrResetLastError();
    return 0;
}
