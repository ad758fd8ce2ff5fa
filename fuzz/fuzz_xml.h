/*
 * fuzz_xml.h: the check the XML document fuzz targets share.
 *
 * The input is a document.  When it parses, its formatting must parse
 * again and format to the same text; any difference aborts (a crash for
 * libFuzzer), so that what the formatter writes is always something the
 * parser reads back unchanged.
 */
#ifndef VR_FUZZ_XML_H
#define VR_FUZZ_XML_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "vireo/vireo.h"

/* Parses @xml and formats the result; NULL when it does not parse. */
typedef char *(*vrFuzzRoundTrip)(const char *xml);

static inline void
vrFuzzCheckStable(vrFuzzRoundTrip roundTrip, const uint8_t *data, size_t size)
{
    g_autofree char *xml = g_strndup((const char *)data, size);
    g_autofree char *out = roundTrip(xml);
    g_autofree char *again = NULL;

    vrResetLastError();
    if (!out)
        return;
    if (!(again = roundTrip(out))) {
        fprintf(stderr, "formatted document does not parse: %s\n---\n%s",
                vrGetLastErrorMessage(), out);
        abort();
    }
    if (strcmp(out, again) != 0) {
        fprintf(stderr, "formatting is not stable\n--- first\n%s--- second\n%s", out, again);
        abort();
    }
}

#endif
