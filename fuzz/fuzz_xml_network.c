/*
 * fuzz_xml_network.c: <network> documents through parse, format and parse
 * again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/network_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrNetworkDef) def = vrNetworkDefParseString(xml);

    return def ? vrNetworkDefFormat(def, 0) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
