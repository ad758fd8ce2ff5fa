/*
 * test_qemu_caps.c: probing the installed QEMU, the KVM verdict, the
 * capabilities cache (memory, disk, invalidation, concurrency), the cache
 * file format and the two capabilities documents.
 *
 * Argument: the tests/qemucaps directory (recorded probes).  With
 * VIREO_RECORD_QEMUCAPS=FILE in the environment the real probe of
 * /usr/bin/qemu-system-x86_64 is also saved to FILE (how
 * tests/qemucaps/qemu-7.2-x86_64.json was made).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "testutils.h"
#include "conf/capabilities_conf.h"
#include "conf/domain_capabilities_conf.h"
#include "qemu/qemu_capabilities.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

#define QEMU_BIN "/usr/bin/qemu-system-x86_64"

static char *tmpDir;
static const char *qemucapsDir;

static double
testNow(void)
{
    return g_get_monotonic_time() / 1e6;
}

static const char *
testLastError(void)
{
    const vrError *err = vrGetLastError();

    return err && err->message ? err->message : "(no error)";
}

static vrQemuCapsCache *
testCacheNew(const char *name)
{
    g_autofree char *cacheDir = g_build_filename(tmpDir, name, "cache", NULL);
    g_autofree char *runDir = g_build_filename(tmpDir, name, "run", NULL);

    return vrQemuCapsCacheNew(cacheDir, runDir, getuid(), getgid());
}

static bool
testHasMachine(vrQemuCaps *caps, const char *name)
{
    const vrQemuMachine *machines;
    size_t i, n = vrQemuCapsMachines(caps, &machines);

    for (i = 0; i < n; i++) {
        if (g_str_equal(machines[i].name, name))
            return true;
    }
    return false;
}

/* What every probe of QEMU 7.2 for x86_64 must say. */
static void
testCheckX86Caps(vrQemuCaps *caps)
{
    const vrQemuCPUModel *models;
    size_t n;

    CHECK(vrQemuCapsVersion(caps) / 1000 == 7002);
    CHECK_STREQ(vrQemuCapsArch(caps), "x86_64");
    CHECK(vrQemuCapsSupportsArch(caps, "x86_64"));
    CHECK(vrQemuCapsSupportsArch(caps, "i686"));
    CHECK(!vrQemuCapsSupportsArch(caps, "aarch64"));
    CHECK(testHasMachine(caps, "pc-i440fx-7.2"));
    CHECK(testHasMachine(caps, "pc-q35-7.2"));
    CHECK_STREQ(vrQemuCapsCanonicalMachine(caps, "pc"), "pc-i440fx-7.2");
    CHECK_STREQ(vrQemuCapsCanonicalMachine(caps, "q35"), "pc-q35-7.2");
    CHECK_STREQ(vrQemuCapsCanonicalMachine(caps, "pc-q35-6.2"), "pc-q35-6.2");
    CHECK(vrQemuCapsCanonicalMachine(caps, "no-such-machine") == NULL);
    CHECK_STREQ(vrQemuCapsDefaultMachine(caps), "pc-i440fx-7.2");
    CHECK(vrQemuCapsMachine(caps, "q35") && vrQemuCapsMachine(caps, "q35")->maxCpus == 288);
    CHECK(vrQemuCapsMachineIsQ35(vrQemuCapsCanonicalMachine(caps, "q35")));
    CHECK(!vrQemuCapsMachineIsQ35(vrQemuCapsCanonicalMachine(caps, "pc")));
    CHECK(vrQemuCapsHasType(caps, "virtio-blk-pci"));
    CHECK(vrQemuCapsHasType(caps, "virtio-net-pci"));
    CHECK(!vrQemuCapsHasType(caps, "no-such-device"));
    CHECK(vrQemuCapsHasCommand(caps, "query-status"));
    CHECK(vrQemuCapsHasCommand(caps, "SHUTDOWN"));
    CHECK(!vrQemuCapsHasCommand(caps, "no-such-command"));
    CHECK(vrQemuCapsHasOption(caps, "sandbox"));
    n = vrQemuCapsCPUModels(caps, VR_QEMU_ACCEL_TCG, &models);
    CHECK(n > 20);
    for (size_t i = 0; i < n; i++) {
        if (g_str_equal(models[i].name, "qemu64"))
            CHECK(models[i].usable);
    }
}

/* The KVM verdict: on this host "present but not usable" with a reason;
 * a host with a working KVM may say usable. */
static void
testCheckKVM(vrQemuCaps *caps)
{
    const char *why = NULL;
    bool usable = vrQemuCapsKVMUsable(caps, &why);

    printf("KVM: present=%s usable=%s%s%s\n", vrQemuCapsKVMPresent(caps) ? "yes" : "no",
           usable ? "yes" : "no", why ? " reason: " : "", why ? why : "");
    if (!usable)
        CHECK(why && *why);
    if (vrQemuCapsKVMPresent(caps) && !usable)
        CHECK(g_str_has_prefix(why, "KVM is present but a test guest did not run"));
    if (usable)
        CHECK(why == NULL);
}

static vrQemuCaps *
testProbe(vrQemuCapsCache *cache)
{
    double t0 = testNow(), dt;
    vrQemuCaps *caps = vrQemuCapsCacheLookup(cache, QEMU_BIN);

    dt = testNow() - t0;
    printf("probe of %s: %.2f s\n", QEMU_BIN, dt);
    if (!caps)
        printf("probe failed: %s\n", testLastError());
    CHECK(caps != NULL);
    CHECK(dt < 10.0);
    CHECK(vrQemuCapsCacheProbeCount(cache) == 1);
    if (!caps)
        return NULL;
    CHECK_STREQ(vrQemuCapsBinary(caps), QEMU_BIN);
    testCheckX86Caps(caps);
    testCheckKVM(caps);
    if (getenv("VIREO_RECORD_QEMUCAPS"))
        CHECK(vrQemuCapsSaveFile(caps, getenv("VIREO_RECORD_QEMUCAPS")) == 0);
    return caps;
}

/* A second lookup is a hit: the same object, no process. */
static void
testCacheHit(vrQemuCapsCache *cache, vrQemuCaps *first)
{
    double t0 = testNow(), dt;
    g_autoptr(vrQemuCaps) again = vrQemuCapsCacheLookup(cache, QEMU_BIN);

    dt = testNow() - t0;
    printf("cached lookup: %.3f ms\n", dt * 1000);
    CHECK(again == first);
    CHECK(vrQemuCapsCacheProbeCount(cache) == 1);
    CHECK(dt < 0.05);
}

/* A new cache on the same directory loads the file instead of probing. */
static void
testDiskCache(vrQemuCaps *first)
{
    g_autoptr(vrQemuCapsCache) cache = testCacheNew("main");
    double t0 = testNow(), dt;
    g_autoptr(vrQemuCaps) caps = vrQemuCapsCacheLookup(cache, QEMU_BIN);
    const char *why1 = NULL, *why2 = NULL;

    dt = testNow() - t0;
    printf("lookup from the cache file: %.1f ms\n", dt * 1000);
    CHECK(caps != NULL);
    CHECK(vrQemuCapsCacheProbeCount(cache) == 0);
    if (!caps)
        return;
    CHECK(vrQemuCapsVersion(caps) == vrQemuCapsVersion(first));
    CHECK(vrQemuCapsKVMUsable(caps, &why1) == vrQemuCapsKVMUsable(first, &why2));
    CHECK((why1 == NULL) == (why2 == NULL));
    if (why1 && why2)
        CHECK_STREQ(why1, why2);
    CHECK(vrQemuCapsHasType(caps, "virtio-blk-pci"));
}

static int
testCopyFile(const char *from, const char *to)
{
    g_autofree char *data = NULL;
    gsize len;

    if (!g_file_get_contents(from, &data, &len, NULL) ||
        !g_file_set_contents(to, data, (gssize)len, NULL))
        return -1;
    return chmod(to, 0755);
}

/* A copy of QEMU in DIR/bin finds its modules and data in DIR/lib and
 * DIR/share (paths relative to the binary): link the real ones there. */
static void
testLinkQemuTree(const char *dir)
{
    static const char *const trees[] = {
        "lib/x86_64-linux-gnu/qemu", "lib/qemu", "lib64/qemu", "share/qemu"
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(trees); i++) {
        g_autofree char *real = g_build_filename("/usr", trees[i], NULL);
        g_autofree char *link = g_build_filename(dir, trees[i], NULL);
        g_autofree char *parent = g_path_get_dirname(link);

        if (!vrFileIsDir(real))
            continue;
        CHECK(vrFileMakePath(parent, 0755) == 0);
        CHECK(symlink(real, link) == 0);
    }
}

/* Changing the binary (here its mtime) makes the next lookup probe. */
static void
testInvalidation(void)
{
    g_autoptr(vrQemuCapsCache) cache = testCacheNew("copy");
    g_autofree char *binDir = g_build_filename(tmpDir, "copy", "bin", NULL);
    g_autofree char *bin = g_build_filename(binDir, "qemu-system-x86_64", NULL);
    g_autoptr(vrQemuCaps) a = NULL;
    g_autoptr(vrQemuCaps) b = NULL;
    g_autoptr(vrQemuCaps) c = NULL;
    struct timespec times[2] = { { 0, UTIME_OMIT }, { 0, 0 } };

    g_autofree char *top = g_build_filename(tmpDir, "copy", NULL);

    CHECK(vrFileMakePath(binDir, 0755) == 0);
    CHECK(testCopyFile(QEMU_BIN, bin) == 0);
    testLinkQemuTree(top);
    a = vrQemuCapsCacheLookup(cache, bin);
    if (!a)
        printf("probe of the copy failed: %s\n", testLastError());
    CHECK(a != NULL);
    CHECK(a && g_str_equal(vrQemuCapsBinary(a), bin));
    b = vrQemuCapsCacheLookup(cache, bin);
    CHECK(b == a);
    CHECK(vrQemuCapsCacheProbeCount(cache) == 1);
    /* "touch": a new mtime (and so ctime) */
    times[1].tv_sec = time(NULL) + 10;
    CHECK(utimensat(AT_FDCWD, bin, times, 0) == 0);
    c = vrQemuCapsCacheLookup(cache, bin);
    CHECK(c != NULL && c != a);
    CHECK(vrQemuCapsCacheProbeCount(cache) == 2);
    printf("invalidation: %u probes for 3 lookups around a touch\n",
           vrQemuCapsCacheProbeCount(cache));
}

typedef struct {
    vrQemuCapsCache *cache;
    vrQemuCaps *caps;
} testThreadData;

static gpointer
testLookupThread(gpointer opaque)
{
    testThreadData *d = opaque;

    d->caps = vrQemuCapsCacheLookup(d->cache, QEMU_BIN);
    return NULL;
}

/* Eight threads at once: one probe, one result for all. */
static void
testConcurrent(void)
{
    g_autoptr(vrQemuCapsCache) cache = testCacheNew("threads");
    testThreadData data[8];
    GThread *threads[8];
    double t0 = testNow();
    size_t i;

    for (i = 0; i < 8; i++) {
        data[i].cache = cache;
        data[i].caps = NULL;
        threads[i] = g_thread_new("lookup", testLookupThread, &data[i]);
    }
    for (i = 0; i < 8; i++)
        g_thread_join(threads[i]);
    printf("8 concurrent lookups: %u probe(s), %.2f s\n", vrQemuCapsCacheProbeCount(cache),
           testNow() - t0);
    CHECK(vrQemuCapsCacheProbeCount(cache) == 1);
    for (i = 0; i < 8; i++) {
        CHECK(data[i].caps != NULL && data[i].caps == data[0].caps);
        vrQemuCapsUnref(data[i].caps);
    }
}

/* The test guest itself works: under TCG it runs to its end. */
static void
testTestGuest(void)
{
    g_autoptr(vrQemuCapsCache) cache = testCacheNew("guest");
    g_autofree char *why = NULL;
    double t0 = testNow();
    int rc = vrQemuCapsRunTestGuest(cache, QEMU_BIN, "tcg", &why);

    printf("test guest under TCG: %d (%.2f s)%s%s\n", rc, testNow() - t0, why ? " " : "",
           why ? why : "");
    CHECK(rc == 1);
    CHECK(why == NULL);
    CHECK(vrQemuCapsRunTestGuest(cache, QEMU_BIN, "hvf", &why) == -1);
}

/* Failures name the binary and say what went wrong, quickly. */
static void
testProbeErrors(void)
{
    g_autoptr(vrQemuCapsCache) cache = testCacheNew("errors");
    g_autoptr(vrQemuCaps) caps = NULL;
    double t0;

    caps = vrQemuCapsCacheLookup(cache, "/nonexistent/qemu-system-x86_64");
    CHECK(caps == NULL);
    CHECK(strstr(testLastError(), "/nonexistent/qemu-system-x86_64") != NULL);
    caps = vrQemuCapsCacheLookup(cache, "qemu-system-x86_64");
    CHECK(caps == NULL);
    t0 = testNow();
    caps = vrQemuCapsCacheLookup(cache, "/bin/true");
    CHECK(caps == NULL);
    printf("probing /bin/true: %s (%.2f s)\n", testLastError(), testNow() - t0);
    CHECK(strstr(testLastError(), "cannot probe /bin/true") != NULL);
    CHECK(testNow() - t0 < 3.0);
    caps = vrQemuCapsCacheLookupArch(cache, "no-such-arch");
    CHECK(caps == NULL);
}

static char *
testReadFile(const char *path)
{
    char *text = NULL;

    g_file_get_contents(path, &text, NULL, NULL);
    return text;
}

/* Save, load, save again: the same text; the loaded object answers as
 * the probed one. */
static void
testRoundTrip(vrQemuCaps *caps)
{
    g_autofree char *p1 = g_build_filename(tmpDir, "round1.json", NULL);
    g_autofree char *p2 = g_build_filename(tmpDir, "round2.json", NULL);
    g_autofree char *t1 = NULL, *t2 = NULL;
    g_autoptr(vrQemuCaps) loaded = NULL;
    const vrQemuMachine *m1, *m2;

    CHECK(vrQemuCapsSaveFile(caps, p1) == 0);
    loaded = vrQemuCapsLoadFile(p1);
    CHECK(loaded != NULL);
    if (!loaded) {
        printf("load failed: %s\n", testLastError());
        return;
    }
    CHECK(vrQemuCapsSaveFile(loaded, p2) == 0);
    t1 = testReadFile(p1);
    t2 = testReadFile(p2);
    CHECK(t1 && t2 && g_str_equal(t1, t2));
    CHECK(vrQemuCapsMachines(loaded, &m1) == vrQemuCapsMachines(caps, &m2));
    CHECK_STREQ(m1[0].name, m2[0].name);
    CHECK(vrQemuCapsKVMPresent(loaded) == vrQemuCapsKVMPresent(caps));
    CHECK(vrQemuCapsCPUModels(loaded, VR_QEMU_ACCEL_TCG, NULL) ==
          vrQemuCapsCPUModels(caps, VR_QEMU_ACCEL_TCG, NULL));
    CHECK(vrQemuCapsCPUModels(loaded, VR_QEMU_ACCEL_KVM, NULL) ==
          vrQemuCapsCPUModels(caps, VR_QEMU_ACCEL_KVM, NULL));
    CHECK_STREQ(vrQemuCapsPackage(loaded), vrQemuCapsPackage(caps));
    testCheckX86Caps(loaded);
}

/* Hand-edited files: each mistake is reported with the file and member. */
static void
testLoadErrors(void)
{
    static const struct {
        const char *text;
        const char *expect;
    } cases[] = {
        { "not json", "not a JSON object" },
        { "[1, 2]", "not a JSON object" },
        { "{\"format\": 1}", "member 'binary' is missing" },
        { "{\"format\": 99, \"binary\": \"/q\"}", "format 99" },
        { "{\"format\": 1, \"binary\": \"/q\", \"target\": \"x86_64\", \"version\": \"7.2\"}",
          "member 'version' must look like" },
        { "{\"format\": 1, \"binary\": \"/q\", \"target\": \"x86_64\", \"version\": \"7.2.0\","
          " \"kvm\": {}, \"machines\": [{\"name\": \"pc\", \"cpu-max\": \"255\"}]}",
          "member 'machines[0].cpu-max' must be an integer" },
        { "{\"format\": 1, \"binary\": \"/q\", \"target\": \"x86_64\", \"version\": \"7.2.0\","
          " \"kvm\": {}, \"machines\": [{\"cpu-max\": 1}]}",
          "member 'machines[0].name' is missing" },
        { "{\"format\": 1, \"binary\": \"/q\", \"target\": \"x86_64\", \"version\": \"7.2.0\","
          " \"kvm\": {}, \"machines\": [{\"name\": \"pc\", \"cpu-max\": 1}],"
          " \"commands\": [\"a\", 3], \"types\": []}",
          "member 'commands[1]' must be a string" },
        { "{\"format\": 1, \"binary\": \"/q\", \"target\": \"x86_64\", \"version\": \"7.2.0\","
          " \"kvm\": {}, \"machines\": [{\"name\": \"pc\", \"cpu-max\": 1}],"
          " \"commands\": []}",
          "member 'types' is missing" },
    };
    g_autofree char *path = g_build_filename(tmpDir, "bad.json", NULL);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(vrQemuCaps) caps = NULL;

        g_file_set_contents(path, cases[i].text, -1, NULL);
        caps = vrQemuCapsLoadFile(path);
        CHECK(caps == NULL);
        if (!strstr(testLastError(), cases[i].expect) || !strstr(testLastError(), path)) {
            printf("case %zu: unexpected error: %s\n", i, testLastError());
            CHECK(false);
        }
    }
    CHECK(vrQemuCapsLoadFile("/nonexistent/caps.json") == NULL);
}

/* The recorded probe the command-line golden tests use. */
static void
testRecorded(void)
{
    g_autofree char *path = g_build_filename(qemucapsDir, "qemu-7.2-x86_64.json", NULL);
    g_autoptr(vrQemuCaps) caps = vrQemuCapsLoadFile(path);
    g_autofree char *xml = NULL;

    CHECK(caps != NULL);
    if (!caps) {
        printf("%s\n", testLastError());
        return;
    }
    testCheckX86Caps(caps);
    CHECK_STREQ(vrQemuCapsBinary(caps), QEMU_BIN);
    xml = vrQemuCapsFormatDomainCapabilities(caps, "q35", "qemu");
    CHECK(xml && strstr(xml, "<machine>pc-q35-7.2</machine>"));
}

static const vrCapsGuest *
testFindGuest(const vrCaps *caps, const char *arch)
{
    size_t i;

    for (i = 0; i < caps->nguests; i++) {
        if (g_str_equal(caps->guests[i]->arch, arch))
            return caps->guests[i];
    }
    return NULL;
}

static bool
testGuestHasDomain(const vrCapsGuest *guest, const char *type)
{
    size_t i;

    for (i = 0; i < guest->ndomains; i++) {
        if (g_str_equal(guest->domains[i]->type, type))
            return true;
    }
    return false;
}

static void
testCapabilitiesXML(vrQemuCapsCache *cache, vrQemuCaps *qc)
{
    double t0 = testNow();
    g_autofree char *xml = vrQemuCapsFormatCapabilities(cache);
    g_autoptr(vrCaps) caps = NULL;
    g_autofree char *again = NULL;
    const vrCapsGuest *guest;
    size_t i;
    bool alias = false;

    printf("capabilities: %.2f s\n", testNow() - t0);
    CHECK(xml != NULL);
    if (!xml)
        return;
    caps = vrCapsParseString(xml);
    CHECK(caps != NULL);
    if (!caps) {
        printf("%s\n%s\n", testLastError(), xml);
        return;
    }
    again = vrCapsFormat(caps);
    CHECK_STREQ(again, xml);
    CHECK_STREQ(caps->host.cpu.arch, "x86_64");
    CHECK(caps->host.ncells >= 1 && caps->host.cells[0]->ncpus >= 1);
    CHECK(caps->host.nsecModels == 2);
    guest = testFindGuest(caps, "x86_64");
    CHECK(guest != NULL);
    if (!guest)
        return;
    CHECK_STREQ(guest->emulator, QEMU_BIN);
    CHECK(guest->wordsize == 64);
    CHECK(testGuestHasDomain(guest, "qemu"));
    CHECK(testGuestHasDomain(guest, "kvm") == vrQemuCapsKVMPresent(qc));
    CHECK_STREQ(guest->machines[0].name, "pc-i440fx-7.2");
    for (i = 0; i < guest->nmachines; i++) {
        if (g_str_equal(guest->machines[i].name, "pc"))
            alias = guest->machines[i].canonical &&
                    g_str_equal(guest->machines[i].canonical, "pc-i440fx-7.2");
        CHECK(!g_str_equal(guest->machines[i].name, "none"));
    }
    CHECK(alias);
    if (testFindGuest(caps, "i686"))
        CHECK(testFindGuest(caps, "i686")->wordsize == 32);
}

static bool
testEnumHas(const vrDomCapsElement *elem, const char *name, const char *value)
{
    size_t i, j;

    for (i = 0; i < elem->nenums; i++) {
        if (!g_str_equal(elem->enums[i].name, name) || !elem->enums[i].values)
            continue;
        for (j = 0; j < elem->enums[i].values->len; j++) {
            if (g_str_equal(g_ptr_array_index(elem->enums[i].values, j), value))
                return true;
        }
    }
    return false;
}

static void
testDomainCapabilitiesXML(vrQemuCaps *qc)
{
    g_autofree char *xml = vrQemuCapsFormatDomainCapabilities(qc, NULL, "qemu");
    g_autofree char *q35 = vrQemuCapsFormatDomainCapabilities(qc, "q35", "qemu");
    g_autoptr(vrDomCaps) dc = NULL;
    g_autoptr(vrDomCaps) dq = NULL;
    g_autofree char *again = NULL;
    const vrDomCapsElement *disk;

    CHECK(xml && q35);
    if (!xml || !q35)
        return;
    dc = vrDomCapsParseString(xml);
    dq = vrDomCapsParseString(q35);
    CHECK(dc && dq);
    if (!dc || !dq) {
        printf("%s\n%s\n", testLastError(), xml);
        return;
    }
    again = vrDomCapsFormat(dc);
    CHECK_STREQ(again, xml);
    CHECK_STREQ(dc->path, QEMU_BIN);
    CHECK_STREQ(dc->virttype, "qemu");
    CHECK_STREQ(dc->machine, "pc-i440fx-7.2");
    CHECK_STREQ(dc->arch, "x86_64");
    CHECK(dc->hasMaxvcpus && dc->maxvcpus == 255);
    CHECK(dq->maxvcpus == 288);
    CHECK(dc->iothreads.supported);
    CHECK(!dc->cpu[VR_DOMCAPS_CPU_HOST_PASSTHROUGH].mode.supported);
    CHECK(dc->cpu[VR_DOMCAPS_CPU_CUSTOM].nmodels > 20);
    disk = &dc->devices[VR_DOMCAPS_DEVICE_DISK];
    CHECK(testEnumHas(disk, "bus", "ide") && testEnumHas(disk, "bus", "virtio"));
    CHECK(!testEnumHas(&dq->devices[VR_DOMCAPS_DEVICE_DISK], "bus", "ide"));
    CHECK(testEnumHas(&dq->devices[VR_DOMCAPS_DEVICE_DISK], "bus", "sata"));
    CHECK(testEnumHas(&dc->devices[VR_DOMCAPS_DEVICE_GRAPHICS], "type", "vnc"));
    CHECK(testEnumHas(&dc->devices[VR_DOMCAPS_DEVICE_VIDEO], "modelType", "virtio"));
    CHECK(dc->features[VR_DOMCAPS_FEATURE_VMCOREINFO].supported);
    CHECK(!dc->features[VR_DOMCAPS_FEATURE_GIC].supported);
    CHECK(vrQemuCapsFormatDomainCapabilities(qc, "no-such-machine", "qemu") == NULL);
    CHECK(strstr(testLastError(), "no-such-machine") != NULL);
    CHECK(vrQemuCapsFormatDomainCapabilities(qc, NULL, "xen") == NULL);
    if (vrQemuCapsKVMPresent(qc)) {
        g_autofree char *kxml = vrQemuCapsFormatDomainCapabilities(qc, NULL, "kvm");
        g_autoptr(vrDomCaps) dk = kxml ? vrDomCapsParseString(kxml) : NULL;

        CHECK(dk != NULL);
        if (dk)
            CHECK(dk->cpu[VR_DOMCAPS_CPU_HOST_PASSTHROUGH].mode.supported ==
                  vrQemuCapsKVMUsable(qc, NULL));
    }
}

static void
testCleanup(const char *dir)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);

    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

int
main(int argc, char **argv)
{
    vrQemuCapsCache *cache;
    vrQemuCaps *caps;

    qemucapsDir = argc > 1 ? argv[1] : "tests/qemucaps";
    tmpDir = g_dir_make_tmp("vireo-qemucaps-XXXXXX", NULL);
    testLoadErrors();
    testRecorded();
    if (access(QEMU_BIN, X_OK) < 0) {
        printf("%s is not installed: probing tests skipped\n", QEMU_BIN);
        testCleanup(tmpDir);
        return testFinish();
    }
    cache = testCacheNew("main");
    caps = testProbe(cache);
    if (caps) {
        testCacheHit(cache, caps);
        testDiskCache(caps);
        testRoundTrip(caps);
        testCapabilitiesXML(cache, caps);
        testDomainCapabilitiesXML(caps);
        vrQemuCapsUnref(caps);
    }
    vrQemuCapsCacheFree(cache);
    testInvalidation();
    testConcurrent();
    testTestGuest();
    testProbeErrors();
    testCleanup(tmpDir);
    g_free(tmpDir);
    return testFinish();
}
