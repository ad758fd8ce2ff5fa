/*
 * fuzz_xml_volume.c: <volume> documents, in a directory pool, through
 * parse, format and parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/storage_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const poolXML =
    "<pool type='dir'><name>fuzz</name><target><path>/var/lib/fuzz</path></target></pool>";

static char *
roundTrip(const char *xml)
{
    static vrStoragePoolDef *pool;
    g_autoptr(vrStorageVolDef) def = NULL;

    if (!pool && !(pool = vrStoragePoolDefParseString(poolXML)))
        abort();
    def = vrStorageVolDefParseString(pool, xml, 0);
    return def ? vrStorageVolDefFormat(pool, def) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
