/*
 * fuzz_xml_capabilities.c: <capabilities> documents (host and guest capabilities) through parse, format and
 * parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/capabilities_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrCaps) def = vrCapsParseString(xml);

    return def ? vrCapsFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
