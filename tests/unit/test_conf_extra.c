/*
 * test_conf_extra.c: golden files of the capabilities, domain
 * capabilities, node device, secret and network filter documents.
 *
 * For every KIND/valid/NAME.xml: format(parse(input)) must equal
 * NAME.out.xml and format(parse(output)) the output again.  For every
 * KIND/invalid/NAME.xml parsing must fail with the message on the first
 * line of NAME.err (newlines written as \n) and, when there is a second
 * line, that error code.
 *
 * It also runs the fuzz regressions of every document kind
 * (tests/conf/fuzz/TARGET, TARGET as in fuzz/fuzz_xml_TARGET.c, parsed
 * with that target's options): NAME.xml must fail as NAME.err says, or,
 * without a NAME.err, format as NAME.out.xml and stay that way.
 *
 * Usage: test_conf_extra CORPUS_DIR (tests/conf)
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "conf/capabilities_conf.h"
#include "conf/domain_capabilities_conf.h"
#include "conf/domain_conf.h"
#include "conf/interface_conf.h"
#include "conf/network_conf.h"
#include "conf/node_device_conf.h"
#include "conf/nwfilter_conf.h"
#include "conf/secret_conf.h"
#include "conf/snapshot_conf.h"
#include "conf/storage_conf.h"
#include "testutils.h"
#include "vireo/vireo.h"

typedef char *(*RoundTrip)(const char *xml);

static char *
capsRoundTrip(const char *xml)
{
    g_autoptr(vrCaps) caps = vrCapsParseString(xml);

    return caps ? vrCapsFormat(caps) : NULL;
}

static char *
domCapsRoundTrip(const char *xml)
{
    g_autoptr(vrDomCaps) caps = vrDomCapsParseString(xml);

    return caps ? vrDomCapsFormat(caps) : NULL;
}

static char *
nodeDevRoundTrip(const char *xml)
{
    g_autoptr(vrNodeDeviceDef) def = vrNodeDeviceDefParseString(xml);

    return def ? vrNodeDeviceDefFormat(def) : NULL;
}

static char *
secretRoundTrip(const char *xml)
{
    g_autoptr(vrSecretDef) def = vrSecretDefParseString(xml);

    return def ? vrSecretDefFormat(def) : NULL;
}

/* The nwfilter corpus holds <filterbinding> documents too. */
static char *
nwfilterRoundTrip(const char *xml)
{
    if (strstr(xml, "<filterbinding")) {
        g_autoptr(vrNWFilterBindingDef) binding = vrNWFilterBindingDefParseString(xml);
        return binding ? vrNWFilterBindingDefFormat(binding) : NULL;
    } else {
        g_autoptr(vrNWFilterDef) def = vrNWFilterDefParseString(xml);
        return def ? vrNWFilterDefFormat(def) : NULL;
    }
}

/* The fuzz targets' own round trips (fuzz/fuzz_xml_*.c). */
static const vrDomainXMLOption fuzzDomainOptions = {
    .defaultArch = "x86_64",
    .consoleFromSerial = true,
};

static const vrDomainXMLOption fuzzSnapshotOptions = {
    .defaultArch = "x86_64",
};

static char *
domainRoundTrip(const char *xml)
{
    g_autoptr(vrDomainDef) def = vrDomainDefParseString(xml, &fuzzDomainOptions, 0);

    return def ? vrDomainDefFormat(def, VR_DOMAIN_FORMAT_SECURE) : NULL;
}

static char *
networkRoundTrip(const char *xml)
{
    g_autoptr(vrNetworkDef) def = vrNetworkDefParseString(xml);

    return def ? vrNetworkDefFormat(def, 0) : NULL;
}

static char *
poolRoundTrip(const char *xml)
{
    g_autoptr(vrStoragePoolDef) def = vrStoragePoolDefParseString(xml);

    return def ? vrStoragePoolDefFormat(def) : NULL;
}

static char *
volumeRoundTrip(const char *xml)
{
    g_autoptr(vrStoragePoolDef) pool = vrStoragePoolDefParseString(
        "<pool type='dir'><name>fuzz</name><target><path>/var/lib/fuzz</path></target></pool>");
    g_autoptr(vrStorageVolDef) def = pool ? vrStorageVolDefParseString(pool, xml, 0) : NULL;

    return def ? vrStorageVolDefFormat(pool, def) : NULL;
}

static char *
snapshotRoundTrip(const char *xml)
{
    g_autoptr(vrSnapshotDef) def = vrSnapshotDefParseString(xml, &fuzzSnapshotOptions,
                                                            VR_SNAPSHOT_PARSE_REDEFINE);

    return def ? vrSnapshotDefFormat(def, VR_DOMAIN_FORMAT_SECURE) : NULL;
}

static char *
interfaceRoundTrip(const char *xml)
{
    g_autoptr(vrInterfaceDef) def = vrInterfaceDefParseString(xml);

    return def ? vrInterfaceDefFormat(def) : NULL;
}

static const struct {
    const char *kind;
    RoundTrip roundTrip;
} kinds[] = {
    { "capabilities", capsRoundTrip },
    { "domain_capabilities", domCapsRoundTrip },
    { "node_device", nodeDevRoundTrip },
    { "secret", secretRoundTrip },
    { "nwfilter", nwfilterRoundTrip },
};

/* tests/conf/fuzz/TARGET for each fuzz_xml_TARGET. */
static const struct {
    const char *target;
    RoundTrip roundTrip;
} fuzzTargets[] = {
    { "capabilities", capsRoundTrip },
    { "domain", domainRoundTrip },
    { "domcaps", domCapsRoundTrip },
    { "interface", interfaceRoundTrip },
    { "network", networkRoundTrip },
    { "nodedev", nodeDevRoundTrip },
    { "nwfilter", nwfilterRoundTrip },
    { "pool", poolRoundTrip },
    { "secret", secretRoundTrip },
    { "snapshot", snapshotRoundTrip },
    { "volume", volumeRoundTrip },
};

static void
fail(const char *path, const char *what, const char *detail)
{
    testFailed++;
    printf("FAIL %s: %s%s%s\n", path, what, detail ? "\n" : "", detail ? detail : "");
}

/* Sorted input names (NAME.xml, not NAME.out.xml) of a directory. */
static GPtrArray *
listInputs(const char *dir)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        if (g_str_has_suffix(name, ".xml") && !g_str_has_suffix(name, ".out.xml"))
            g_ptr_array_add(names, g_strndup(name, strlen(name) - 4));
    }
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    return names;
}

static char *
readFile(const char *path)
{
    char *data = NULL;

    if (!g_file_get_contents(path, &data, NULL, NULL))
        return NULL;
    return data;
}

static void
checkValid(RoundTrip roundTrip, const char *dir, const char *name)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", dir, name);
    g_autofree char *input = readFile(inPath);
    g_autofree char *expected = readFile(outPath);
    g_autofree char *out = NULL;
    g_autofree char *again = NULL;

    if (!input || !expected) {
        fail(inPath, "cannot read the input or its .out.xml", NULL);
        return;
    }
    if (!(out = roundTrip(input))) {
        fail(inPath, "rejected:", vrGetLastErrorMessage());
        vrResetLastError();
        return;
    }
    if (!g_str_equal(out, expected)) {
        fail(inPath, "formats differently from .out.xml; got:", out);
        return;
    }
    testPassed++;
    if (!(again = roundTrip(out))) {
        fail(outPath, "does not parse back:", vrGetLastErrorMessage());
        vrResetLastError();
        return;
    }
    if (!g_str_equal(again, out)) {
        fail(outPath, "is not stable; formats as:", again);
        return;
    }
    testPassed++;
}

/* The message as a .err file holds it: one line, \ and newline escaped. */
static char *
escapeMessage(const char *msg)
{
    GString *out = g_string_new(NULL);

    for (; msg && *msg; msg++) {
        if (*msg == '\\')
            g_string_append(out, "\\\\");
        else if (*msg == '\n')
            g_string_append(out, "\\n");
        else
            g_string_append_c(out, *msg);
    }
    return g_string_free(out, FALSE);
}

static void
checkInvalid(RoundTrip roundTrip, const char *dir, const char *name)
{
    g_autofree char *inPath = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
    g_autofree char *input = readFile(inPath);
    g_autofree char *expected = readFile(errPath);
    g_autofree char *out = NULL;
    g_autofree char *msg = NULL;
    g_auto(GStrv) lines = NULL;
    const vrError *err;

    if (!input || !expected) {
        fail(inPath, "cannot read the input or its .err", NULL);
        return;
    }
    if ((out = roundTrip(input))) {
        fail(inPath, "accepted; formats as:", out);
        return;
    }
    err = vrGetLastError();
    msg = escapeMessage(err ? err->message : NULL);
    lines = g_strsplit(expected, "\n", 3);
    if (!g_str_equal(msg, lines[0])) {
        g_autofree char *detail = g_strdup_printf("expected: %s\n     got: %s", lines[0], msg);
        fail(inPath, "wrong error", detail);
    } else if (lines[1] && *lines[1] && err && atoi(lines[1]) != err->code) {
        g_autofree char *detail = g_strdup_printf("expected code %s, got %d", lines[1], err->code);
        fail(inPath, "wrong error code", detail);
    } else {
        testPassed++;
    }
    vrResetLastError();
}

static void
checkKind(const char *corpus, const char *kind, RoundTrip roundTrip)
{
    g_autofree char *validDir = g_strdup_printf("%s/%s/valid", corpus, kind);
    g_autofree char *invalidDir = g_strdup_printf("%s/%s/invalid", corpus, kind);
    g_autoptr(GPtrArray) valid = listInputs(validDir);
    g_autoptr(GPtrArray) invalid = listInputs(invalidDir);
    size_t i;

    if (valid->len == 0 || invalid->len == 0)
        fail(kind, "no valid or no invalid documents found", NULL);
    for (i = 0; i < valid->len; i++)
        checkValid(roundTrip, validDir, g_ptr_array_index(valid, i));
    for (i = 0; i < invalid->len; i++)
        checkInvalid(roundTrip, invalidDir, g_ptr_array_index(invalid, i));
}

/* Inputs the fuzz targets once failed on: an error where the input is
 * bad, a stable formatting where it is not. */
static void
checkFuzzRegressions(const char *corpus)
{
    size_t i, j;

    for (i = 0; i < G_N_ELEMENTS(fuzzTargets); i++) {
        g_autofree char *dir = g_strdup_printf("%s/fuzz/%s", corpus, fuzzTargets[i].target);
        g_autoptr(GPtrArray) names = listInputs(dir);

        for (j = 0; j < names->len; j++) {
            const char *name = g_ptr_array_index(names, j);
            g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);

            if (g_file_test(errPath, G_FILE_TEST_EXISTS))
                checkInvalid(fuzzTargets[i].roundTrip, dir, name);
            else
                checkValid(fuzzTargets[i].roundTrip, dir, name);
        }
    }
}

/* The builder API must be enough to produce what the test driver reports
 * (the recorded test:///default capabilities). */
static void
checkBuildTestDriverCaps(const char *corpus)
{
    g_autofree char *path = g_strdup_printf("%s/capabilities/valid/002-stock-test-default.out.xml",
                                            corpus);
    g_autofree char *expected = readFile(path);
    g_autofree char *out = NULL;
    g_autoptr(vrCaps) caps = vrCapsNew("i686");
    static const unsigned int hostPages[] = { 4, 8, 2048, 1048576 };
    static const char *const osTypes[] = { "hvm", "xen" };
    size_t i, c;

    caps->host.cpu.pae = caps->host.cpu.nonpae = true;
    for (i = 0; i < G_N_ELEMENTS(hostPages); i++)
        vrCapsHostAddPages(caps, hostPages[i]);
    caps->host.iommu = VR_CAPS_IOMMU_NO;
    for (c = 0; c < 2; c++) {
        vrCapsNUMACell *cell = vrCapsAddNUMACell(caps, c, c ? 4194304 : 2097152);
        vrCapsCellAddPages(cell, c ? 8 : 4, 524288);
        vrCapsCellAddPages(cell, 2048, 0);
        vrCapsCellAddPages(cell, 1048576, 0);
        for (i = 0; i < 8; i++) {
            g_autofree char *sib = g_strdup_printf("%zu", c * 8 + i);
            vrCapsCellAddCPU(cell, c * 8 + i, c, 0, i, sib);
        }
    }
    vrCapsAddSecModel(caps, "testSecurity", "");
    for (i = 0; i < G_N_ELEMENTS(osTypes); i++) {
        vrCapsGuest *guest = vrCapsAddGuest(caps, osTypes[i], "i686", 32, "/usr/bin/test-hv");
        vrCapsGuestAddDomain(guest, "test", NULL);
        vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_PAE, false, false);
        vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_NONPAE, false, false);
    }
    out = vrCapsFormat(caps);
    if (!expected || !g_str_equal(out, expected))
        fail(path, "capabilities built with the vrCaps* helpers differ; got:", out);
    else
        testPassed++;
}

static void
checkBuildDomainCaps(void)
{
    static const char *const expected =
        "<domainCapabilities>\n"
        "  <path>/usr/bin/test-hv</path>\n"
        "  <domain>test</domain>\n"
        "  <arch>i686</arch>\n"
        "  <iothreads supported='no'/>\n"
        "  <devices>\n"
        "    <disk supported='yes'>\n"
        "      <enum name='diskDevice'>\n"
        "        <value>disk</value>\n"
        "        <value>cdrom</value>\n"
        "      </enum>\n"
        "      <enum name='bus'/>\n"
        "    </disk>\n"
        "  </devices>\n"
        "</domainCapabilities>\n";
    g_autoptr(vrDomCaps) caps = vrDomCapsNew("/usr/bin/test-hv", "test", NULL, "i686");
    vrDomCapsElement *disk;
    g_autofree char *out = NULL;

    vrDomCapsElementSet(&caps->iothreads, false);
    caps->hasDevices = true;
    disk = vrDomCapsElementSet(&caps->devices[VR_DOMCAPS_DEVICE_DISK], true);
    vrDomCapsEnumAdd(disk, "diskDevice", "disk", "cdrom", NULL);
    vrDomCapsEnumAdd(disk, "bus", NULL);
    out = vrDomCapsFormat(caps);
    CHECK_STREQ(out, expected);
}

int
main(int argc, char **argv)
{
    size_t i;

    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    for (i = 0; i < G_N_ELEMENTS(kinds); i++)
        checkKind(argv[1], kinds[i].kind, kinds[i].roundTrip);
    checkFuzzRegressions(argv[1]);
    checkBuildTestDriverCaps(argv[1]);
    checkBuildDomainCaps();
    return testFinish();
}
