/*
 * fuzz_xml_domain.c: <domain> documents through parse (with the test
 * driver's defaults), format and parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/domain_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const vrDomainXMLOption fuzzOptions = {
    .defaultArch = "x86_64",
    .consoleFromSerial = true,
};

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrDomainDef) def = vrDomainDefParseString(xml, &fuzzOptions, 0);

    return def ? vrDomainDefFormat(def, VR_DOMAIN_FORMAT_SECURE) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
