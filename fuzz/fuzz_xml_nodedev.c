/*
 * fuzz_xml_nodedev.c: node device <device> documents through parse, format and
 * parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/node_device_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrNodeDeviceDef) def = vrNodeDeviceDefParseString(xml);

    return def ? vrNodeDeviceDefFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
