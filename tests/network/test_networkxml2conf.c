/*
 * test_networkxml2conf.c: golden tests of network XML -> dnsmasq
 * configuration (tests/networkxml2conf: NAME.xml -> NAME.conf, plus
 * NAME.hostsfile / NAME.addnhosts when not empty) and -> nftables rules
 * (tests/networkxml2nft: NAME.xml -> NAME.nft, NAME.nft-delete).
 * VIREO_REGENERATE=1 rewrites the goldens.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "network/network_gen.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

static int passed, failed;

static void
check(const char *what, const char *golden, const char *actual)
{
    g_autofree char *expect = NULL;
    bool regen = g_getenv("VIREO_REGENERATE") != NULL;

    if (regen) {
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
        fprintf(stderr, "FAIL %s: %s differs\n--- expected\n%s--- actual\n%s---\n", what, golden,
                expect, actual);
    }
}

static vrNetworkDef *
load(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *xml = NULL;
    vrNetworkDef *def;

    if (!g_file_get_contents(path, &xml, NULL, NULL) || !(def = vrNetworkDefParseString(xml))) {
        fprintf(stderr, "FAIL %s: cannot parse: %s\n", path, vrGetLastErrorMessage());
        failed++;
        return NULL;
    }
    return def;
}

static void
runDir(const char *dir, bool nft)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *entry;

    while (d && (entry = g_dir_read_name(d)))
        if (g_str_has_suffix(entry, ".xml"))
            g_ptr_array_add(names, g_strdup(entry));
    if (names->len == 0) {
        fprintf(stderr, "FAIL no tests in %s\n", dir);
        failed++;
    }
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_autofree char *base = g_strndup(name, strlen(name) - 4);
        g_autofree char *stem = g_build_filename(dir, base, NULL);
        g_autoptr(vrNetworkDef) def = load(dir, name);

        if (!def)
            continue;
        if (nft) {
            g_autofree char *rules = vrNetworkNftRules(def);
            g_autofree char *del = vrNetworkNftDeleteRules(def);
            g_autofree char *g1 = g_strconcat(stem, ".nft", NULL);
            g_autofree char *g2 = g_strconcat(stem, ".nft-delete", NULL);

            check(name, g1, rules);
            check(name, g2, del);
        } else {
            g_autofree char *pid = g_strdup_printf("/run/vireo/network/%s.pid", def->name);
            g_autofree char *hosts = g_strdup_printf("/var/lib/vireo/dnsmasq/%s.hostsfile",
                                                     def->name);
            g_autofree char *addn = g_strdup_printf("/var/lib/vireo/dnsmasq/%s.addnhosts",
                                                    def->name);
            vrNetworkDnsmasqPaths paths = { pid, hosts, addn };
            g_autofree char *conf = vrNetworkNeedsDnsmasq(def)
                ? vrNetworkDnsmasqConf(def, &paths) : g_strdup("");
            g_autofree char *hf = vrNetworkDnsmasqHostsFile(def);
            g_autofree char *ah = vrNetworkDnsmasqAddnHosts(def);
            g_autofree char *g1 = g_strconcat(stem, ".conf", NULL);
            g_autofree char *g2 = g_strconcat(stem, ".hostsfile", NULL);
            g_autofree char *g3 = g_strconcat(stem, ".addnhosts", NULL);

            check(name, g1, conf);
            check(name, g2, hf);
            check(name, g3, ah);
        }
    }
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s CONFDIR NFTDIR\n", argv[0]);
        return 2;
    }
    runDir(argv[1], false);
    runDir(argv[2], true);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
