/*
 * test_conf_golden.c: the golden XML corpus of tests/conf, recorded from
 * stock libvirt 9.0's test driver (tests/conf/record.py), replayed through
 * Vireo's test driver the same way:
 *
 *   KIND/valid/NAME.xml    defined, read back: must equal NAME.out.xml, and
 *                          defining NAME.out.xml again must give it back
 *                          unchanged (formatting is stable)
 *   KIND/invalid/NAME.xml  rejected with the message and code in NAME.err
 *
 *   test_conf_golden CORPUS_DIR [FILE...]
 */
#include <config.h>

#include <stdlib.h>

#include "testutils.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "vireo/vireo.h"

/* What defining one document gave: the XML read back, or an error. */
typedef struct {
    char *xml;
    char *message;
    int code;
} goldenResult;

static void
goldenResultClear(goldenResult *r)
{
    g_free(r->xml);
    g_free(r->message);
    memset(r, 0, sizeof(*r));
}

static void
goldenResultError(goldenResult *r)
{
    const vrError *err = vrGetLastError();

    r->message = g_strdup(err && err->message ? err->message : "(no error reported)");
    r->code = err ? err->code : 0;
}

typedef void (*goldenDefineFunc)(vrConnect *conn, const char *xml, const char *path,
                                 const char *corpus, goldenResult *r);

static void
goldenDomain(vrConnect *conn, const char *xml, const char *path, const char *corpus,
             goldenResult *r)
{
    vrDomain *dom = vrDomainDefineXML(conn, xml);

    (void)path;
    (void)corpus;
    if (!dom) {
        goldenResultError(r);
        return;
    }
    if (!(r->xml = vrDomainGetXMLDesc(dom, VR_DOMAIN_XML_INACTIVE | VR_DOMAIN_XML_SECURE)))
        goldenResultError(r);
    vrDomainUndefine(dom);
    vrDomainFree(dom);
}

static void
goldenNetwork(vrConnect *conn, const char *xml, const char *path, const char *corpus,
              goldenResult *r)
{
    vrNetwork *net = vrNetworkDefineXML(conn, xml);

    (void)path;
    (void)corpus;
    if (!net) {
        goldenResultError(r);
        return;
    }
    if (!(r->xml = vrNetworkGetXMLDesc(net, 0)))
        goldenResultError(r);
    vrNetworkUndefine(net);
    vrNetworkFree(net);
}

static void
goldenPool(vrConnect *conn, const char *xml, const char *path, const char *corpus,
           goldenResult *r)
{
    vrStoragePool *pool = vrStoragePoolDefineXML(conn, xml, 0);

    (void)path;
    (void)corpus;
    if (!pool) {
        goldenResultError(r);
        return;
    }
    if (!(r->xml = vrStoragePoolGetXMLDesc(pool, 0)))
        goldenResultError(r);
    vrStoragePoolUndefine(pool);
    vrStoragePoolFree(pool);
}

/* A volume names its pool fixture in a comment, "<!-- pool: NAME -->". */
static char *
goldenVolPoolName(const char *xml)
{
    const char *root = strstr(xml, "<volume");
    const char *c = strstr(xml, "<!--");
    char name[128];

    if (c && (!root || c < root) && sscanf(c, "<!-- pool: %127[A-Za-z0-9_.-]", name) == 1)
        return g_strdup(name);
    return g_strdup("dir");
}

static void
goldenVolume(vrConnect *conn, const char *xml, const char *path, const char *corpus,
             goldenResult *r)
{
    g_autofree char *which = goldenVolPoolName(xml);
    g_autofree char *ppath = g_strdup_printf("%s/storage_vol/pools/%s.xml", corpus, which);
    g_autofree char *pxml = NULL;
    vrStoragePool *pool = NULL;
    vrStorageVol *vol;

    if (vrFileReadAll(ppath, 1 << 20, &pxml) < 0 ||
        !(pool = vrStoragePoolDefineXML(conn, pxml, 0)) || vrStoragePoolCreate(pool, 0) < 0) {
        printf("FAIL %s: pool fixture %s: %s\n", path, ppath, vrGetLastErrorMessage());
        goldenResultError(r);
        if (pool)
            vrStoragePoolFree(pool);
        return;
    }
    if ((vol = vrStorageVolCreateXML(pool, xml, 0))) {
        if (!(r->xml = vrStorageVolGetXMLDesc(vol, 0)))
            goldenResultError(r);
        vrStorageVolDelete(vol, 0);
        vrStorageVolFree(vol);
    } else {
        goldenResultError(r);
    }
    vrStoragePoolDestroy(pool);
    vrStoragePoolUndefine(pool);
    vrStoragePoolFree(pool);
}

static char *
goldenSnapshotParent(const char *xml)
{
    const char *p = strstr(xml, "<parent>");
    const char *n, *e;

    if (!p || !(n = strstr(p, "<name>")) || !(e = strstr(n, "</name>")))
        return NULL;
    n += strlen("<name>");
    return g_strstrip(g_strndup(n, e - n));
}

/* The first <name> of a document, as record.py picks a snapshot's name. */
static char *
goldenFirstName(const char *xml)
{
    const char *n = strstr(xml, "<name>");
    const char *e = n ? strstr(n, "</name>") : NULL;

    if (!e)
        return NULL;
    n += strlen("<name>");
    return g_strstrip(g_strndup(n, e - n));
}

/* The valid snapshot document named @name, to redefine parents first. */
static char *
goldenSnapshotFind(const char *corpus, const char *name)
{
    g_autofree char *dir = g_strdup_printf("%s/snapshot/valid", corpus);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *f;

    while (d && (f = g_dir_read_name(d))) {
        g_autofree char *p = NULL;
        g_autofree char *text = NULL;
        g_autofree char *first = NULL;
        if (!g_str_has_suffix(f, ".xml") || g_str_has_suffix(f, ".out.xml"))
            continue;
        p = g_build_filename(dir, f, NULL);
        if (vrFileReadAll(p, 1 << 20, &text) >= 0 && (first = goldenFirstName(text)) &&
            g_str_equal(first, name))
            return g_steal_pointer(&text);
    }
    return NULL;
}

static void
goldenSnapshot(vrConnect *conn, const char *xml, const char *path, const char *corpus,
               goldenResult *r)
{
    vrDomain *dom = vrDomainLookupByName(conn, "test");
    g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *parent = goldenSnapshotParent(xml);
    GPtrArray *made = g_ptr_array_new();
    vrDomainSnapshot *snap;
    guint i;

    while (parent && chain->len < 32) {
        char *text = goldenSnapshotFind(corpus, parent);
        g_free(parent);
        parent = NULL;
        if (!text)
            break;
        g_ptr_array_add(chain, text);
        parent = goldenSnapshotParent(text);
    }
    for (i = chain->len; i > 0; i--) {
        vrDomainSnapshot *s = vrDomainSnapshotCreateXML(dom, g_ptr_array_index(chain, i - 1),
                                                        VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
        if (!s) {
            printf("FAIL %s: parent snapshot: %s\n", path, vrGetLastErrorMessage());
            break;
        }
        g_ptr_array_add(made, s);
    }
    if ((snap = vrDomainSnapshotCreateXML(dom, xml, VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE))) {
        if (!(r->xml = vrDomainSnapshotGetXMLDesc(snap, VR_DOMAIN_XML_SECURE)))
            goldenResultError(r);
        g_ptr_array_add(made, snap);
    } else {
        goldenResultError(r);
    }
    for (i = made->len; i > 0; i--) {
        vrDomainSnapshotFree(g_ptr_array_index(made, i - 1));
    }
    g_ptr_array_free(made, TRUE);
    vrDomainFree(dom);
}

static void
goldenInterface(vrConnect *conn, const char *xml, const char *path, const char *corpus,
                goldenResult *r)
{
    vrInterface *iface = vrInterfaceDefineXML(conn, xml, 0);

    (void)path;
    (void)corpus;
    if (!iface) {
        goldenResultError(r);
        return;
    }
    if (!(r->xml = vrInterfaceGetXMLDesc(iface, 0)))
        goldenResultError(r);
    vrInterfaceUndefine(iface);
    vrInterfaceFree(iface);
}

static const struct {
    const char *kind;
    goldenDefineFunc define;
} goldenKinds[] = {
    { "domain", goldenDomain },
    { "network", goldenNetwork },
    { "storage_pool", goldenPool },
    { "storage_vol", goldenVolume },
    { "snapshot", goldenSnapshot },
    { "interface", goldenInterface },
};

/* One document on a fresh test driver, as record.py does it. */
static void
goldenRun(goldenDefineFunc define, const char *xml, const char *path, const char *corpus,
          goldenResult *r)
{
    vrConnect *conn = vrConnectOpen("test:///default");

    if (!conn) {
        goldenResultError(r);
        return;
    }
    define(conn, xml, path, corpus, r);
    vrConnectClose(conn);
}

/* record.py writes messages on one line, escaping '\n' and '\\'. */
static char *
goldenEscape(const char *msg)
{
    GString *s = g_string_new(NULL);

    for (; *msg; msg++) {
        if (*msg == '\\')
            g_string_append(s, "\\\\");
        else if (*msg == '\n')
            g_string_append(s, "\\n");
        else
            g_string_append_c(s, *msg);
    }
    return g_string_free(s, FALSE);
}

/* The "<!-- pool: NAME -->" line of a volume document, so its formatted
 * output is redefined in the same pool; "" for other documents. */
static char *
goldenPoolComment(const char *xml)
{
    const char *c = strstr(xml, "<!-- pool:");
    const char *e = c ? strstr(c, "-->") : NULL;

    if (!e)
        return g_strdup("");
    return g_strdup_printf("%.*s\n", (int)(e + 3 - c), c);
}

static void
goldenValid(goldenDefineFunc define, const char *path, const char *corpus, bool verbose,
            const char *outSuffix)
{
    g_autofree char *xml = NULL;
    g_autofree char *want = NULL;
    g_autofree char *outpath = g_strdup_printf("%.*s%s", (int)strlen(path) - 4, path, outSuffix);
    goldenResult r = { 0 }, again = { 0 };

    if (vrFileReadAll(path, 1 << 24, &xml) < 0 || vrFileReadAll(outpath, 1 << 24, &want) < 0) {
        printf("FAIL %s: %s\n", path, vrGetLastErrorMessage());
        testFailed++;
        return;
    }
    goldenRun(define, xml, path, corpus, &r);
    if (!r.xml) {
        printf("FAIL %s: rejected: %s\n", path, r.message);
        testFailed++;
    } else if (!g_str_equal(r.xml, want)) {
        printf("FAIL %s: differs from %s\n", path, outpath);
        if (verbose)
            printf("--- got\n%s--- want\n%s", r.xml, want);
        testFailed++;
    } else {
        testPassed++;
        /* the formatted document is a fixed point */
        g_autofree char *comment = goldenPoolComment(xml);
        g_autofree char *redefine = g_strconcat(comment, want, NULL);
        goldenRun(define, redefine, outpath, corpus, &again);
        if (!again.xml || !g_str_equal(again.xml, want)) {
            printf("FAIL %s: formatting its own output changes it%s%s\n", outpath,
                   again.message ? ": " : "", again.message ? again.message : "");
            testFailed++;
        } else {
            testPassed++;
        }
    }
    goldenResultClear(&r);
    goldenResultClear(&again);
}

static void
goldenInvalid(goldenDefineFunc define, const char *path, const char *corpus)
{
    g_autofree char *xml = NULL;
    g_autofree char *want = NULL;
    g_autofree char *errpath = g_strdup_printf("%.*s.err", (int)strlen(path) - 4, path);
    g_auto(GStrv) lines = NULL;
    goldenResult r = { 0 };

    if (vrFileReadAll(path, 1 << 24, &xml) < 0 || vrFileReadAll(errpath, 1 << 20, &want) < 0) {
        printf("FAIL %s: %s\n", path, vrGetLastErrorMessage());
        testFailed++;
        return;
    }
    lines = g_strsplit(want, "\n", 3);
    goldenRun(define, xml, path, corpus, &r);
    if (r.xml) {
        printf("FAIL %s: accepted, libvirt rejects it: %s\n", path, lines[0]);
        testFailed++;
    } else {
        g_autofree char *got = goldenEscape(r.message);
        int code = lines[1] ? atoi(lines[1]) : -1;
        if (!g_str_equal(got, lines[0]) || code != r.code) {
            printf("FAIL %s: error differs\n    got:  %s (%d)\n    want: %s (%d)\n", path, got,
                   r.code, lines[0], code);
            testFailed++;
        } else {
            testPassed++;
        }
    }
    goldenResultClear(&r);
}

static void
goldenKind(const char *corpus, size_t k, const char *only, bool verbose)
{
    static const char *const validity[] = { "valid", "invalid" };
    size_t v;

    for (v = 0; v < G_N_ELEMENTS(validity); v++) {
        g_autofree char *dir = g_build_filename(corpus, goldenKinds[k].kind, validity[v], NULL);
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        const char *f;
        guint i;

        while (d && (f = g_dir_read_name(d))) {
            if (g_str_has_suffix(f, ".xml") && !g_str_has_suffix(f, ".out.xml"))
                g_ptr_array_add(names, g_build_filename(dir, f, NULL));
        }
        g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
        for (i = 0; i < names->len; i++) {
            const char *path = g_ptr_array_index(names, i);
            if (only && !strstr(path, only))
                continue;
            if (v == 0)
                goldenValid(goldenKinds[k].define, path, corpus, verbose, ".out.xml");
            else
                goldenInvalid(goldenKinds[k].define, path, corpus);
        }
    }
}

/* virt-install's documents (tests/conf/virtinst): NAME.xml as the tool
 * printed it, NAME.libvirt.xml as libvirt's test driver reads it back. */
static void
goldenVirtinst(const char *corpus, const char *only, bool verbose)
{
    g_autofree char *dir = g_build_filename(corpus, "virtinst", NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *f;
    guint i;

    while (d && (f = g_dir_read_name(d))) {
        if (g_str_has_suffix(f, ".xml") && !g_str_has_suffix(f, ".libvirt.xml"))
            g_ptr_array_add(names, g_build_filename(dir, f, NULL));
    }
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    for (i = 0; i < names->len; i++) {
        const char *path = g_ptr_array_index(names, i);
        if (!only || strstr(path, only))
            goldenValid(goldenDomain, path, corpus, verbose, ".libvirt.xml");
    }
}

int
main(int argc, char **argv)
{
    const char *only = argc > 2 ? argv[2] : NULL;
    bool verbose = g_getenv("VIREO_TEST_VERBOSE") != NULL;
    size_t k;

    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [PATH-SUBSTRING]\n", argv[0]);
        return 2;
    }
    /* errors are compared, not printed */
    vrSetErrorHandler(NULL, NULL);
    for (k = 0; k < G_N_ELEMENTS(goldenKinds); k++)
        goldenKind(argv[1], k, only, verbose);
    goldenVirtinst(argv[1], only, verbose);
    return testFinish();
}
