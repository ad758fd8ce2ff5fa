/*
 * fuzz_xml_nwfilter.c: network filter documents, as <filter> and as
 * <filterbinding>, through parse, format and parse again (see
 * fuzz_xml.h).
 */
#include <config.h>

#include "conf/nwfilter_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
filterRoundTrip(const char *xml)
{
    g_autoptr(vrNWFilterDef) def = vrNWFilterDefParseString(xml);

    return def ? vrNWFilterDefFormat(def) : NULL;
}

static char *
bindingRoundTrip(const char *xml)
{
    g_autoptr(vrNWFilterBindingDef) def = vrNWFilterBindingDefParseString(xml);

    return def ? vrNWFilterBindingDefFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(filterRoundTrip, data, size);
    vrFuzzCheckStable(bindingRoundTrip, data, size);
    return 0;
}
