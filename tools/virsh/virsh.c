/*
 * virsh.c: the virsh program: options, connection, interactive mode.
 */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "util/vrlog.h"
#include "virsh.h"

void vshInstallErrorHandler(void);

/* A help group may draw its commands from several tables (one per source
 * file); they are merged, sorted by name, when virsh starts. */
typedef struct {
    const char *name;
    const char *keyword;
    const vshCmdDef *tables[8];
} virshGroupSource;

static const virshGroupSource virshGroupSources[] = {
    { "Domain Management", "domain",
      { virshDomainCmds, virshDomainRuntimeCmds, virshConsoleCmds, virshDomainDeviceCmds,
        virshDomainEditCmds } },
    { "Domain Monitoring", "monitor", { virshDomainMonitorCmds, virshDomainStatsCmds } },
    { "Domain Events", "events", { virshDomainEventCmds } },
    { "Host and Hypervisor", "host", { virshHostCmds } },
    { "Interface", "interface", { virshInterfaceCmds } },
    { "Networking", "network", { virshNetworkCmds } },
    { "Secret", "secret", { virshSecretCmds } },
    { "Snapshot", "snapshot", { virshSnapshotCmds } },
    { "Storage Pool", "pool", { virshPoolCmds } },
    { "Storage Volume", "volume", { virshVolumeCmds } },
    { "Virsh itself", "virsh", { virshSelfCmds } },
};

static int
virshCmdDefCompare(const void *a, const void *b)
{
    return strcmp(((const vshCmdDef *)a)->name, ((const vshCmdDef *)b)->name);
}

static const vshCmdGroup *
virshBuildGroups(void)
{
    static vshCmdGroup groups[G_N_ELEMENTS(virshGroupSources) + 1];
    size_t g, t;

    for (g = 0; g < G_N_ELEMENTS(virshGroupSources); g++) {
        const virshGroupSource *src = &virshGroupSources[g];
        GArray *defs = g_array_new(TRUE, TRUE, sizeof(vshCmdDef));
        const vshCmdDef *def;

        for (t = 0; t < G_N_ELEMENTS(src->tables) && src->tables[t]; t++) {
            for (def = src->tables[t]; def->name; def++)
                g_array_append_val(defs, *def);
        }
        g_array_sort(defs, virshCmdDefCompare);
        groups[g].name = src->name;
        groups[g].keyword = src->keyword;
        groups[g].commands = (const vshCmdDef *)g_array_free(defs, FALSE);
    }
    return groups;
}

static void
virshCloseCallback(vrConnect *conn, int reason, void *opaque)
{
    vshControl *ctl = opaque;
    const char *why = "unknown reason";

    (void)conn;
    switch (reason) {
    case VR_CONNECT_CLOSE_REASON_ERROR: why = "connection error"; break;
    case VR_CONNECT_CLOSE_REASON_EOF: why = "end of file"; break;
    case VR_CONNECT_CLOSE_REASON_KEEPALIVE: why = "keepalive timeout"; break;
    case VR_CONNECT_CLOSE_REASON_CLIENT: return;
    }
    vshError(ctl, "Disconnected from %s due to %s", ctl->connname ? ctl->connname : "hypervisor",
             why);
}

void
virshDisconnect(vshControl *ctl)
{
    if (!ctl->conn)
        return;
    vrConnectUnregisterCloseCallback(ctl->conn, virshCloseCallback);
    vrConnectClose(ctl->conn);
    ctl->conn = NULL;
}

bool
virshConnect(vshControl *ctl, const char *uri, bool readonly)
{
    vrConnect *conn = vrConnectOpenFlags(uri, readonly ? VR_CONNECT_RO : 0);

    if (!conn) {
        vshError(ctl, "%s", "failed to connect to the hypervisor");
        return false;
    }
    virshDisconnect(ctl);
    ctl->conn = conn;
    /* @uri is often ctl->connname itself: copy before freeing */
    {
        char *name = g_strdup(uri);

        g_free(ctl->connname);
        ctl->connname = name;
    }
    ctl->readonly = readonly;
    vrConnectSetKeepAlive(conn, ctl->keepaliveInterval, ctl->keepaliveCount);
    vrConnectRegisterCloseCallback(conn, virshCloseCallback, ctl);
    vshResetLibError();
    return true;
}

/* Commands that need a hypervisor connect lazily, on first use. */
static bool
virshConnectHook(vshControl *ctl)
{
    if (ctl->conn && vrConnectIsAlive(ctl->conn) == 1)
        return true;
    if (ctl->conn) {
        virshDisconnect(ctl);
        if (!virshConnect(ctl, ctl->connname, ctl->readonly)) {
            vshError(ctl, "%s", "Failed to reconnect to the hypervisor");
            return false;
        }
        return true;
    }
    return virshConnect(ctl, ctl->connname, ctl->readonly);
}

static void
virshUsage(void)
{
    printf("\n"
           "virsh [options]... [<command_string>]\n"
           "virsh [options]... <command> [args...]\n"
           "\n"
           "  options:\n"
           "    -c | --connect=URI      hypervisor to connect to\n"
           "    -d | --debug=NUM        debug level [0-4]\n"
           "    -e | --escape <char>    escape character for the console\n"
           "    -h | --help             show this help\n"
           "    -k | --keepalive-interval=NUM\n"
           "                            seconds between keepalive probes, 0 disables them\n"
           "    -K | --keepalive-count=NUM\n"
           "                            probes that may go unanswered\n"
           "    -l | --log=FILE         write a debug log to FILE\n"
           "    -q | --quiet            print only what was asked for\n"
           "    -r | --readonly         open a read-only connection\n"
           "    -t | --timing           show how long each command took\n"
           "    -v                      print the version\n"
           "    -V                      print the version and build details\n"
           "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
           "  commands (non interactive mode):\n\n");
}

static void
virshVersionLong(void)
{
    printf("Virsh command line tool of Vireo %s (libvirt %s compatible)\n",
           VIREO_VERSION, VIREO_LIBVIRT_COMPAT_VERSION);
    printf("\nCompiled with support for:\n Hypervisors: QEMU/KVM Test\n"
           " Networking: Remote Network Bridging Interface Netcf Nwfilter\n"
           " Storage: Dir Filesystem\n");
}

static int
virshParseArgs(vshControl *ctl, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "connect", required_argument, NULL, 'c' },
        { "debug", required_argument, NULL, 'd' },
        { "escape", required_argument, NULL, 'e' },
        { "help", no_argument, NULL, 'h' },
        { "keepalive-interval", required_argument, NULL, 'k' },
        { "keepalive-count", required_argument, NULL, 'K' },
        { "log", required_argument, NULL, 'l' },
        { "quiet", no_argument, NULL, 'q' },
        { "readonly", no_argument, NULL, 'r' },
        { "timing", no_argument, NULL, 't' },
        { "version", optional_argument, NULL, 'v' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "+:c:d:e:hk:K:l:qrtvV", longopts, NULL)) != -1) {
        switch (c) {
        case 'c':
            g_free(ctl->connname);
            ctl->connname = g_strdup(optarg);
            break;
        case 'd':
            ctl->debug = atoi(optarg);
            vrLogSetLevel(ctl->debug + 1);
            break;
        case 'e':
            if (optarg[0] == '^' && optarg[1] && !optarg[2])
                ctl->escapeChar = (char)(optarg[1] & 0x1f);
            else if (optarg[0] && !optarg[1])
                ctl->escapeChar = optarg[0];
            else {
                vshError(ctl, "Invalid string '%s' for escape sequence", optarg);
                return -1;
            }
            break;
        case 'h':
            virshUsage();
            vshHelpAll(ctl);
            exit(EXIT_SUCCESS);
        case 'k':
            if ((ctl->keepaliveInterval = atoi(optarg)) < 0) {
                vshError(ctl, "Invalid value for option %s", "-k");
                return -1;
            }
            break;
        case 'K':
            ctl->keepaliveCount = (unsigned int)atoi(optarg);
            break;
        case 'l':
            vrLogSetOutputFile(optarg);
            vrLogSetLevel(VR_LOG_DEBUG);
            break;
        case 'q':
            ctl->quiet = true;
            break;
        case 'r':
            ctl->readonly = true;
            break;
        case 't':
            ctl->timing = true;
            break;
        case 'v':
            if (!optarg || g_str_equal(optarg, "short")) {
                printf("%s\n", VIREO_LIBVIRT_COMPAT_VERSION);
                exit(EXIT_SUCCESS);
            }
            if (g_str_equal(optarg, "long")) {
                virshVersionLong();
                exit(EXIT_SUCCESS);
            }
            vshError(ctl, "option -%c/--%s requires an argument", 'v', "version");
            return -1;
        case 'V':
            virshVersionLong();
            exit(EXIT_SUCCESS);
        case ':':
            vshError(ctl, "option '-%c' requires an argument", optopt);
            return -1;
        default:
            vshError(ctl, "unsupported option '-%c'. See --help.", optopt ? optopt : '?');
            return -1;
        }
    }
    return optind;
}

static char *
virshDefaultURI(void)
{
    const char *env = getenv("VIRSH_DEFAULT_CONNECT_URI");

    if (env && *env)
        return g_strdup(env);
    env = getenv("LIBVIRT_DEFAULT_URI");
    if (env && *env)
        return g_strdup(env);
    return NULL;
}

static bool
virshInteractive(vshControl *ctl)
{
    g_autofree char *histdir = NULL;
    g_autofree char *histfile = NULL;
    const char *home = g_get_home_dir();
    bool ret = true;

    ctl->interactive = true;
    if (home) {
        histdir = g_build_filename(home, ".cache", "virsh", NULL);
        histfile = g_build_filename(histdir, "history", NULL);
        g_mkdir_with_parents(histdir, 0755);
        read_history(histfile);
    }
    vshPrintExtra(ctl, "Welcome to virsh, the Vireo virtualization shell.\n\n"
                       "Type:  'help' for a list of commands\n"
                       "       'quit' to leave\n\n");
    for (;;) {
        g_autofree char *line = readline(ctl->readonly ? "virsh > " : "virsh # ");
        vshCmd *cmd;

        if (!line) {
            vshPrint(ctl, "\n");
            break;
        }
        if (*line)
            add_history(line);
        cmd = vshCommandParseString(ctl, line);
        if (cmd) {
            bool quit = false;
            const vshCmd *c;
            for (c = cmd; c; c = c->next)
                quit |= g_str_equal(c->def->name, "quit") || g_str_equal(c->def->name, "exit");
            ret = vshCommandRun(ctl, cmd);
            vshCommandFree(cmd);
            if (quit)
                break;
        }
    }
    if (histfile)
        write_history(histfile);
    return ret;
}

int
main(int argc, char **argv)
{
    vshControl control = { 0 };
    vshControl *ctl = &control;
    vshCmd *cmd = NULL;
    bool ret;
    int first;

    setlocale(LC_ALL, "");
    ctl->name = g_strdup("virsh");
    ctl->groups = virshBuildGroups();
    ctl->debug = -1;
    ctl->escapeChar = 0x1d;   /* ^] */
    ctl->keepaliveInterval = 5;
    ctl->keepaliveCount = 6;
    ctl->connect = virshConnectHook;
    ctl->connname = virshDefaultURI();
    vshInstallErrorHandler();

    if ((first = virshParseArgs(ctl, argc, argv)) < 0)
        return EXIT_FAILURE;

    if (first >= argc) {
        ret = virshInteractive(ctl);
    } else {
        if (argc - first == 1)
            cmd = vshCommandParseString(ctl, argv[first]);
        else
            cmd = vshCommandParseArgv(ctl, argc - first, argv + first);
        ret = cmd && vshCommandRun(ctl, cmd);
        vshCommandFree(cmd);
    }
    fflush(stdout);
    virshDisconnect(ctl);
    g_free(ctl->connname);
    g_free(ctl->name);
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
