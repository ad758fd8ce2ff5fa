/*
 * fuzz_xml_domcaps.c: <domainCapabilities> documents through parse, format and
 * parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/domain_capabilities_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrDomCaps) def = vrDomCapsParseString(xml);

    return def ? vrDomCapsFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
