/*
 * fuzz_xml_pool.c: <pool> documents through parse, format and parse
 * again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/storage_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrStoragePoolDef) def = vrStoragePoolDefParseString(xml);

    return def ? vrStoragePoolDefFormat(def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
