/*
 * test_qemu_xml2argv.c: definitions to QEMU command lines.
 *
 * Every tests/qemuxml2argv/NAME.xml is accepted as the QEMU driver
 * accepts it (qemu_postparse.c) against the recorded capabilities of QEMU
 * 7.2, given its aliases, and turned into a command line for a guest
 * whose state lives under the fixed root /fakeroot:
 *
 *   NAME.args   the environment, the binary and the arguments, one per
 *               line
 *   NAME.err    for a definition the builder must refuse: the message and
 *               the error code (two lines)
 *
 * Host sides the driver would prepare are faked the same way for every
 * document: an <interface type='network'> or type='direct' gets tap
 * descriptor 30+N (and vhost descriptor 40+N for virtio), autoport VNC
 * and SPICE get ports 5900 and 5901, vsock gets descriptor 50; the clock
 * reads VR_TEST_NOW.  Beyond the golden, every accepted command line must
 * have what any guest needs (-S, -nodefaults, -no-user-config, the QMP
 * monitor on a UNIX socket, -name guest=NAME, -sandbox, ...), JSON
 * arguments that parse with unique ids, TCG unless the name says "kvm",
 * and a one-line log form that reads back as the same words.
 * A definition is one check: the last line counts definitions.
 *
 *   test_qemu_xml2argv CAPS_FILE DIR [NAME...]
 *       compare (VIREO_REGENERATE=1: rewrite .args/.err)
 *   test_qemu_xml2argv --print CAPS_FILE DIR NAME ROOT
 *       print NAME's command line, one element per line, for a guest
 *       whose state lives under ROOT, with no host sides faked (autoport
 *       SPICE takes $VIREO_TEST_SPICE_PORT); check-qemu-accepts.py runs it
 */
#include <config.h>

#include <stdlib.h>
#include <json-c/json.h>

#include "testutils.h"
#include "qemu/qemu_command.h"
#include "qemu/qemu_postparse.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

static bool regenerate;
static bool logLineBad;      /* the last buildArgs() made a bad log line */

/* <clock offset='variable'> is relative to the start: 2023-11-14T22:13:20Z */
#define VR_TEST_NOW 1700000000LL

static char *
errorText(void)
{
    const vrError *err = vrGetLastError();

    return g_strdup_printf("%s\n%d\n", err && err->message ? err->message : "(no error reported)",
                           err ? err->code : 0);
}

typedef struct {
    int tap;
    int vhost;
} fakeFds;

typedef struct {
    vrQemuNetHostSide *nets;
    fakeFds *fds;
} fakeHost;

static void
fakeHostClear(fakeHost *h)
{
    g_free(h->nets);
    g_free(h->fds);
}

static void
fakeHostFill(fakeHost *h, const vrDomainDef *def, vrQemuCommandParams *p)
{
    size_t i;

    h->nets = g_new0(vrQemuNetHostSide, def->nnets);
    h->fds = g_new0(fakeFds, def->nnets);
    for (i = 0; i < def->nnets; i++) {
        const vrDomainNetDef *net = def->nets[i];
        if (net->type != VR_DOMAIN_NET_TYPE_NETWORK && net->type != VR_DOMAIN_NET_TYPE_DIRECT)
            continue;
        h->fds[i].tap = 30 + (int)i;
        h->fds[i].vhost = 40 + (int)i;
        h->nets[i].tapfds = &h->fds[i].tap;
        h->nets[i].ntapfds = 1;
        if (net->model && g_str_equal(net->model, "virtio")) {
            h->nets[i].vhostfds = &h->fds[i].vhost;
            h->nets[i].nvhostfds = 1;
        }
    }
    p->nets = h->nets;
    p->nnets = def->nnets;
}

/* The one-line form the guest's log shows must read back, through the
 * shell's quoting rules, as the same environment and arguments. */
static bool
checkLogLine(const vrQemuCommandLine *cl)
{
    g_autofree char *line = vrQemuCommandLineString(cl);
    g_auto(GStrv) argv = NULL;
    g_autoptr(GPtrArray) want = g_ptr_array_new();
    gint argc = 0;
    guint i;

    for (i = 0; i < cl->env->len; i++)
        g_ptr_array_add(want, g_ptr_array_index(cl->env, i));
    g_ptr_array_add(want, cl->binary);
    for (i = 0; i < cl->args->len; i++)
        g_ptr_array_add(want, g_ptr_array_index(cl->args, i));
    if (!g_shell_parse_argv(line, &argc, &argv, NULL) || (guint)argc != want->len) {
        printf("  log line does not parse back: %s\n", line);
        return false;
    }
    for (i = 0; i < want->len; i++) {
        if (!g_str_equal(argv[i], g_ptr_array_index(want, i))) {
            printf("  log line word %u: '%s', want '%s'\n", i, argv[i],
                   (const char *)g_ptr_array_index(want, i));
            return false;
        }
    }
    return true;
}

/* The command line of @xml, one element per line, or NULL. */
static char *
buildArgs(const char *xml, vrQemuCaps *caps, const char *root, bool fakeHostSides)
{
    g_autoptr(vrDomainDef) def = vrQemuDomainDefParseString(xml, caps, NULL);
    g_autoptr(vrQemuCommandLine) cl = NULL;
    g_autofree char *monitor = NULL;
    g_autofree char *domainDir = NULL;
    g_autofree char *channelDir = NULL;
    vrQemuCommandParams p;
    fakeHost host = { 0 };

    if (!def)
        return NULL;
    vrQemuAssignDeviceAliases(def);
    monitor = g_strdup_printf("%s/run/vireo/qemu/%s.monitor", root, def->name);
    domainDir = g_strdup_printf("%s/lib/vireo/qemu/domain-%s", root, def->name);
    channelDir = g_strdup_printf("%s/lib/vireo/qemu/channel/%s", root, def->name);
    vrQemuCommandParamsInit(&p);
    p.def = def;
    p.caps = caps;
    p.monitorPath = monitor;
    p.domainDir = domainDir;
    p.channelDir = channelDir;
    p.sandbox = 1;
    p.now = VR_TEST_NOW;
    if (fakeHostSides) {
        fakeHostFill(&host, def, &p);
        p.vncPort = 5900;
        p.spicePort = 5901;
        p.vsockFd = 50;
    } else {
        /* a real run: the caller picked free ports for autoport SPICE */
        const char *port = g_getenv("VIREO_TEST_SPICE_PORT");
        const char *tls = g_getenv("VIREO_TEST_SPICE_TLS_PORT");
        if (port)
            p.spicePort = atoi(port);
        if (tls)
            p.spiceTLSPort = atoi(tls);
    }
    cl = vrQemuBuildCommandLineArgs(&p);
    fakeHostClear(&host);
    if (!cl)
        return NULL;
    if (fakeHostSides && !checkLogLine(cl))
        logLineBad = true;
    return vrQemuCommandLineFormatLines(cl);
}

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

static bool
compareFile(const char *name, const char *path, const char *got)
{
    g_autofree char *want = NULL;

    if (regenerate)
        return vrFileWriteAtomic(path, got, strlen(got), 0644) == 0;
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

/* What every command line must have, whatever the definition: QEMU
 * paused, without defaults or user configuration, the QMP monitor on a
 * UNIX socket, the identity and the sandbox; and every JSON argument
 * must parse, with an id no other object of its kind uses. */
static bool
checkInvariants(const char *name, const char *lines)
{
    g_auto(GStrv) l = g_strsplit(lines, "\n", -1);
    g_autoptr(GHashTable) ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *guest = g_strdup_printf("guest=%s,debug-threads=on", name);
    static const char *const needed[][2] = {
        { "-S", NULL }, { "-no-user-config", NULL }, { "-nodefaults", NULL },
        { "-mon", "chardev=charmonitor,id=monitor,mode=control" },
        { "-msg", "timestamp=on" }, { "-machine", NULL }, { "-accel", NULL },
        { "-m", NULL }, { "-smp", NULL }, { "-uuid", NULL }, { "-sandbox", NULL },
    };
    bool ok = true;
    bool monitor = false;
    bool named = false;
    size_t i, j;

    for (j = 0; j < G_N_ELEMENTS(needed); j++) {
        bool found = false;
        for (i = 0; l[i] && !found; i++) {
            if (g_str_equal(l[i], needed[j][0]) &&
                (!needed[j][1] || (l[i + 1] && g_str_equal(l[i + 1], needed[j][1]))))
                found = true;
        }
        if (!found) {
            printf("  %s: no %s %s\n", name, needed[j][0], needed[j][1] ? needed[j][1] : "");
            ok = false;
        }
    }
    for (i = 0; l[i] && l[i + 1]; i++) {
        const char *opt = l[i], *val = l[i + 1];
        if (g_str_equal(opt, "-chardev") && g_str_has_prefix(val, "socket,id=charmonitor,path=") &&
            g_str_has_suffix(val, ".monitor,server=on,wait=off"))
            monitor = true;
        if (g_str_equal(opt, "-name") && g_str_equal(val, guest))
            named = true;
        if (g_str_equal(opt, "-accel") && g_str_equal(val, "kvm") && !strstr(name, "kvm")) {
            printf("  %s: KVM for a definition not meant for it\n", name);
            ok = false;
        }
        if ((g_str_equal(opt, "-device") || g_str_equal(opt, "-blockdev") ||
             g_str_equal(opt, "-netdev") || g_str_equal(opt, "-object") ||
             g_str_equal(opt, "-audiodev")) && val[0] == '{') {
            json_object *o = json_tokener_parse(val);
            json_object *id = NULL;
            const char *key = g_str_equal(opt, "-blockdev") ? "node-name" : "id";
            if (!o || !json_object_is_type(o, json_type_object)) {
                printf("  %s: %s argument is not a JSON object: %s\n", name, opt, val);
                ok = false;
            } else if (json_object_object_get_ex(o, key, &id)) {
                /* devices, netdevs, objects and nodes have their own namespaces */
                char *k = g_strdup_printf("%s %s", g_str_equal(opt, "-blockdev") ? "node" : opt,
                                          json_object_get_string(id));
                if (!g_hash_table_add(ids, k)) {
                    printf("  %s: %s id '%s' used twice\n", name, opt, json_object_get_string(id));
                    ok = false;
                }
            }
            json_object_put(o);
        }
    }
    if (!monitor || !named) {
        printf("  %s: %s\n", name, !monitor ? "no QMP monitor on a UNIX socket" : "no -name guest=NAME,debug-threads=on");
        ok = false;
    }
    return ok;
}

static void
runOne(const char *dir, const char *name, vrQemuCaps *caps)
{
    g_autofree char *path = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *errPath = g_strdup_printf("%s/%s.err", dir, name);
    g_autofree char *argsPath = g_strdup_printf("%s/%s.args", dir, name);
    g_autofree char *xml = NULL;
    g_autofree char *got = NULL;
    bool wantError;
    bool ok;

    if (vrFileReadAll(path, 1 << 22, &xml) < 0) {
        CHECK(false);
        return;
    }
    wantError = vrFileExists(errPath) && !vrFileExists(argsPath);
    logLineBad = false;
    got = buildArgs(xml, caps, "/fakeroot", true);
    if (wantError) {
        g_autofree char *err = NULL;
        if (got) {
            printf("  %s: accepted, an error was expected\n", name);
            ok = false;
        } else {
            err = errorText();
            ok = compareFile(name, errPath, err);
        }
    } else if (!got) {
        g_autofree char *err = errorText();
        printf("  %s: refused: %s", name, err);
        ok = regenerate && compareFile(name, errPath, err);
    } else {
        ok = checkInvariants(name, got) && !logLineBad;
        ok = compareFile(name, argsPath, got) && ok;
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
        if (g_str_has_suffix(f, ".xml"))
            g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
    }
    qsort(names->pdata, names->len, sizeof(gpointer), compareNames);
    return names;
}

static vrQemuCaps *
loadCaps(const char *path)
{
    vrQemuCaps *caps = vrQemuCapsLoadFile(path);

    if (!caps) {
        const vrError *err = vrGetLastError();
        fprintf(stderr, "cannot load %s: %s\n", path, err ? err->message : "?");
    }
    return caps;
}

/* --print: the command line for a real run (no faked host sides). */
static int
printArgs(const char *capsPath, const char *dir, const char *name, const char *root)
{
    g_autoptr(vrQemuCaps) caps = loadCaps(capsPath);
    g_autofree char *path = g_strdup_printf("%s/%s.xml", dir, name);
    g_autofree char *xml = NULL;
    g_autofree char *args = NULL;

    if (!caps || vrFileReadAll(path, 1 << 22, &xml) < 0)
        return 2;
    if (!(args = buildArgs(xml, caps, root, false))) {
        g_autofree char *err = errorText();
        fprintf(stderr, "%s: %s", name, err);
        return 1;
    }
    fputs(args, stdout);
    return 0;
}

int
main(int argc, char **argv)
{
    g_autoptr(vrQemuCaps) caps = NULL;
    g_autoptr(GPtrArray) names = NULL;
    guint i;

    if (argc == 6 && g_str_equal(argv[1], "--print"))
        return printArgs(argv[2], argv[3], argv[4], argv[5]);
    if (argc < 3) {
        fprintf(stderr, "usage: %s CAPS_FILE DIR [NAME...]\n"
                        "       %s --print CAPS_FILE DIR NAME ROOT\n", argv[0], argv[0]);
        return 2;
    }
    regenerate = g_strcmp0(g_getenv("VIREO_REGENERATE"), "1") == 0 ||
                 g_strcmp0(g_getenv("VIREO_TEST_REGENERATE"), "1") == 0;
    if (!(caps = loadCaps(argv[1])))
        return 2;
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
