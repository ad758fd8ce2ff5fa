/*
 * xml_bench.c: documents per second through Vireo's domain XML layer:
 * parse, validate, post-parse defaults and format of one document, for
 * a fixed time.
 *
 *   xml_bench FILE [SECONDS]
 *
 * Prints "docs/s N" (and the output size, so runs can be compared).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "conf/domain_conf.h"
#include "test/test_driver.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

int
main(int argc, char **argv)
{
    g_autofree char *xml = NULL;
    double seconds = argc > 2 ? atof(argv[2]) : 3.0;
    gint64 start, end;
    unsigned long docs = 0;
    size_t outlen = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [SECONDS]\n", argv[0]);
        return 2;
    }
    if (vrFileReadAll(argv[1], 16 * 1024 * 1024, &xml) < 0) {
        fprintf(stderr, "%s\n", vrGetLastErrorMessage());
        return 1;
    }
    start = g_get_monotonic_time();
    end = start + (gint64)(seconds * G_USEC_PER_SEC);
    do {
        vrDomainDef *def = vrDomainDefParseString(xml, &testXMLOption, 0);
        char *out;

        if (!def) {
            fprintf(stderr, "%s\n", vrGetLastErrorMessage());
            return 1;
        }
        out = vrDomainDefFormat(def, VR_DOMAIN_FORMAT_INACTIVE | VR_DOMAIN_FORMAT_SECURE);
        outlen = strlen(out);
        g_free(out);
        vrDomainDefFree(def);
        docs++;
    } while (g_get_monotonic_time() < end);
    printf("docs/s %.1f (%lu documents in %.2f s, %zu bytes out)\n",
           docs / ((g_get_monotonic_time() - start) / 1e6), docs,
           (g_get_monotonic_time() - start) / 1e6, outlen);
    return 0;
}
