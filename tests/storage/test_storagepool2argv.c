/*
 * test_storagepool2argv.c: golden tests of the commands storage pool
 * operations run (tests/storagepool2argv: NAME.xml -> NAME-OP.argv for
 * build, start, refresh, stop, delete, find-sources, vol-create and
 * vol-delete; no file when the operation runs nothing), and of the
 * parsing of discovery output (NAME.out -> NAME.sources.xml, the parser
 * chosen by the name's prefix: blkid-, lvs-, pvs-, sendtargets-, showmount-;
 * lvs- gives the volumes' XML).
 * VIREO_REGENERATE=1 rewrites the goldens.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "storage/storage_backend_cmd.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

static int passed, failed;

static void
check(const char *golden, const char *actual)
{
    g_autofree char *expect = NULL;

    if (g_getenv("VIREO_REGENERATE")) {
        if (*actual)
            g_file_set_contents(golden, actual, -1, NULL);
        else
            vrFileRemoveIfExists(golden);
    }
    if (!g_file_get_contents(golden, &expect, NULL, NULL))
        expect = g_strdup("");
    if (g_str_equal(expect, actual)) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s differs\n--- expected\n%s--- actual\n%s---\n", golden, expect,
                actual);
    }
}

static void
runPool(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    g_autofree char *base = g_strndup(file, strlen(file) - 4);
    g_autofree char *xml = NULL;
    g_autoptr(vrStoragePoolDef) def = NULL;
    vrStorageVolDef vol = { 0 };
    g_autofree char *partName = NULL;

    if (!g_file_get_contents(path, &xml, NULL, NULL) ||
        !(def = vrStoragePoolDefParseString(xml))) {
        fprintf(stderr, "FAIL %s: cannot parse: %s\n", path, vrGetLastErrorMessage());
        failed++;
        return;
    }
    vol.name = (char *)"vol1";
    if (def->type == VR_STORAGE_POOL_DISK && def->source.ndevices) {
        /* a disk pool's volume is named after its partition: sda1, loop0p1 */
        g_autofree char *devName = g_path_get_basename(def->source.devices[0].path);
        bool digit = g_ascii_isdigit(devName[strlen(devName) - 1]);
        partName = g_strdup_printf("%s%s1", devName, digit ? "p" : "");
        vol.name = partName;
    }
    vol.capacity = 1536ULL * 1024 * 1024 + 1;   /* rounds up in KiB */
    for (int op = 0; op < VR_STORAGE_CMD_LAST; op++) {
        g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(def, op, &vol);
        g_autofree char *text = vrStorageCommandsToString(cmds);
        g_autofree char *golden = g_strdup_printf("%s/%s-%s.argv", dir, base,
                                                  vrStorageCmdOpName(op));
        check(golden, text);
    }
}

/* The volume XML of each LV lvs reported, as vol-dumpxml prints it. */
static char *
lvsToXML(const char *out)
{
    g_autoptr(GPtrArray) vols = vrStorageLogicalParseLVs(out);
    vrStoragePoolDef pool = { .type = VR_STORAGE_POOL_LOGICAL };
    GString *xml = g_string_new(NULL);

    for (guint i = 0; i < vols->len; i++) {
        g_autofree char *one = vrStorageVolDefFormat(&pool, g_ptr_array_index(vols, i));
        g_string_append(xml, one);
    }
    return g_string_free(xml, FALSE);
}

static void
runOutput(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    g_autofree char *base = g_strndup(file, strlen(file) - 4);
    g_autofree char *golden = g_strdup_printf("%s/%s.sources.xml", dir, base);
    g_autofree char *out = NULL;
    g_autofree char *xml = NULL;

    if (!g_file_get_contents(path, &out, NULL, NULL)) {
        fprintf(stderr, "FAIL cannot read %s\n", path);
        failed++;
        return;
    }
    if (g_str_has_prefix(file, "pvs-"))
        xml = vrStorageLogicalParsePVs(out);
    else if (g_str_has_prefix(file, "lvs-"))
        xml = lvsToXML(out);
    else if (g_str_has_prefix(file, "sendtargets-"))
        xml = vrStorageISCSIParseSendTargets(out, "192.168.122.1", 3260);
    else if (g_str_has_prefix(file, "blkid-"))
        xml = vrStorageFSParseBlkid(out, NULL);
    else if (g_str_has_prefix(file, "showmount-"))
        xml = vrStorageNetFSParseShowmount(out, "nfs.example.com", 1);
    else {
        fprintf(stderr, "FAIL %s: no parser for this name\n", path);
        failed++;
        return;
    }
    check(golden, xml);
}

int
main(int argc, char **argv)
{
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *entry;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    d = g_dir_open(argv[1], 0, NULL);
    while (d && (entry = g_dir_read_name(d)))
        g_ptr_array_add(names, g_strdup(entry));
    g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        if (g_str_has_suffix(name, ".xml") && !g_str_has_suffix(name, ".sources.xml"))
            runPool(argv[1], name);
        else if (g_str_has_suffix(name, ".out"))
            runOutput(argv[1], name);
    }
    if (passed + failed == 0) {
        fprintf(stderr, "FAIL no tests in %s\n", argv[1]);
        failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
