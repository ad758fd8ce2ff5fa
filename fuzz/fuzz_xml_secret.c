/*
 * fuzz_xml_secret.c: <secret> documents through parse, format and
 * parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/secret_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrSecretDef) def = vrSecretDefParseString(xml);

    return def ? vrSecretDefFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
