/*
 * fuzz_xml_snapshot.c: <domainsnapshot> redefinitions, with their <domain>,
 * through parse, format and parse again (see fuzz_xml.h).
 */
#include <config.h>

#include "conf/snapshot_conf.h"
#include "fuzz_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const vrDomainXMLOption fuzzOptions = {
    .defaultArch = "x86_64",
};

static char *
roundTrip(const char *xml)
{
    g_autoptr(vrSnapshotDef) def = vrSnapshotDefParseString(xml, &fuzzOptions,
                                                            VR_SNAPSHOT_PARSE_REDEFINE);

    return def ? vrSnapshotDefFormat(def, VR_DOMAIN_FORMAT_SECURE) : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vrFuzzCheckStable(roundTrip, data, size);
    return 0;
}
