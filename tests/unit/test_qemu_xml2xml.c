/*
 * test_qemu_xml2xml.c: the QEMU driver's view of a definition.
 *
 * Every tests/qemuxml2xml/NAME.xml is parsed as the QEMU driver accepts
 * it (qemu_postparse.c, qemu_domain_address.c) against the recorded
 * capabilities of QEMU 7.2, and formatted as the inactive definition:
 *
 *   NAME.out.xml   what stock libvirt 9.0's QEMU driver keeps (recorded by
 *                  tests/qemuxml2xml/record.py); the output must be equal
 *                  byte for byte, and defining it again must reach a fixed
 *                  point after one round
 *   NAME.err       for documents marked <!-- expect-error -->: the error
 *                  message and code (two lines)
 *
 * Documents marked <!-- vireo-only: ... --> have expectations of our own;
 * VIREO_REGENERATE=1 rewrites those (never libvirt's recordings).
 *
 *   test_qemu_xml2xml CAPS_FILE DIR [NAME...]
 */
#include <config.h>

#include <stdlib.h>

#include "testutils.h"
#include "qemu/qemu_postparse.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

static bool regenerate;

static char *
errorText(void)
{
    const vrError *err = vrGetLastError();
    g_autofree char *msg = g_strdup(err && err->message ? err->message : "(no error reported)");
    g_autoptr(GString) one = g_string_new(NULL);
    const char *p;

    for (p = msg; *p; p++) {
        if (*p == '\n')
            g_string_append(one, "\\n");
        else if (*p == '\\')
            g_string_append(one, "\\\\");
        else
            g_string_append_c(one, *p);
    }
    return g_strdup_printf("%s\n%d\n", one->str, err ? err->code : 0);
}

/* Prints the first line where @got and @want differ. */
static void
showDiff(const char *name, const char *got, const char *want)
{
    g_auto(GStrv) a = g_strsplit(got, "\n", -1);
    g_auto(GStrv) b = g_strsplit(want, "\n", -1);
    size_t i;

    for (i = 0; a[i] && b[i]; i++) {
        if (!g_str_equal(a[i], b[i]))
            break;
    }
    printf("  %s: line %zu\n    got:  %s\n    want: %s\n", name, i + 1, a[i] ? a[i] : "(end)",
           b[i] ? b[i] : "(end)");
}

static char *
formatInactive(const char *xml, vrQemuCaps *caps)
{
    g_autoptr(vrDomainDef) def = vrQemuDomainDefParseString(xml, caps, NULL);

    if (!def)
        return NULL;
    return vrDomainDefFormat(def, VR_DOMAIN_FORMAT_INACTIVE | VR_DOMAIN_FORMAT_SECURE);
}

static bool
compareOrRegenerate(const char *name, const char *path, const char *got, bool ours)
{
    g_autofree char *want = NULL;

    if (regenerate && ours) {
        if (vrFileWriteAtomic(path, got, strlen(got), 0644) < 0)
            return false;
        return true;
    }
    if (vrFileReadAll(path, 1 << 22, &want) < 0) {
        printf("  %s: cannot read %s\n", name, path);
        return false;
    }
    if (!g_str_equal(got, want)) {
        showDiff(name, got, want);
        return false;
    }
    return true;
}

static void
runOne(const char *dir, const char *name, vrQemuCaps *caps)
{
    g_autofree char *path = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *xml = NULL;
    g_autofree char *got = NULL;
    bool ours, wantError;
    bool ok;

    if (vrFileReadAll(path, 1 << 22, &xml) < 0) {
        CHECK(false);
        return;
    }
    ours = strstr(xml, "<!-- vireo-only:") != NULL;
    wantError = strstr(xml, "<!-- expect-error -->") != NULL;
    got = formatInactive(xml, caps);
    if (wantError) {
        g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
        g_autofree char *err = NULL;
        if (got) {
            printf("  %s: accepted, an error was expected\n", name);
            CHECK(false);
            return;
        }
        err = errorText();
        ok = compareOrRegenerate(name, errPath, err, ours);
    } else {
        g_autofree char *outPath = g_strdup_printf("%s/%s.out.xml", dir, name);
        if (!got) {
            g_autofree char *err = errorText();
            printf("  %s: rejected: %s", name, err);
            CHECK(false);
            return;
        }
        ok = compareOrRegenerate(name, outPath, got, ours);
        if (ok) {
            /* Defining the output again may move implied controllers up
             * among the listed ones (libvirt does the same); from there
             * on, the form must be a fixed point. */
            g_autofree char *again = formatInactive(got, caps);
            g_autofree char *third = again ? formatInactive(again, caps) : NULL;
            ok = third && g_str_equal(again, third);
            if (!ok && third)
                showDiff(name, third, again);
            else if (!ok)
                printf("  %s: output rejected when parsed again\n", name);
        }
    }
    if (!ok)
        printf("FAIL %s\n", name);
    CHECK(ok);
}

static int
compareNames(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static GPtrArray *
listInputs(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *f;

    while (d && (f = g_dir_read_name(d))) {
        if (g_str_has_suffix(f, ".xml") && !g_str_has_suffix(f, ".out.xml"))
            g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
    }
    qsort(names->pdata, names->len, sizeof(gpointer), compareNames);
    return names;
}

int
main(int argc, char **argv)
{
    g_autoptr(vrQemuCaps) caps = NULL;
    g_autoptr(GPtrArray) names = NULL;
    guint i;

    if (argc < 3) {
        fprintf(stderr, "usage: %s CAPS_FILE DIR [NAME...]\n", argv[0]);
        return 2;
    }
    regenerate = g_strcmp0(g_getenv("VIREO_REGENERATE"), "1") == 0 ||
                 g_strcmp0(g_getenv("VIREO_TEST_REGENERATE"), "1") == 0;
    if (!(caps = vrQemuCapsLoadFile(argv[1]))) {
        const vrError *err = vrGetLastError();
        fprintf(stderr, "cannot load %s: %s\n", argv[1], err ? err->message : "?");
        return 2;
    }
    if (argc > 3) {
        for (i = 3; i < (guint)argc; i++)
            runOne(argv[2], argv[i], caps);
        return testFinish();
    }
    names = listInputs(argv[2]);
    for (i = 0; i < names->len; i++)
        runOne(argv[2], g_ptr_array_index(names, i), caps);
    return testFinish();
}
