/*
 * fuzz_xml_interface.c: host <interface> documents through parse, format and parse
 * again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/interface_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrInterfaceDef) def = vrInterfaceDefParseString(xml);

    return def ? vrInterfaceDefFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
