/*
 * qemu_command.c: the QEMU command line, top to bottom.
 *
 * The order follows the one libvirt users see in their logs: identity,
 * machine, CPU and memory, the monitor, clock and boot, then devices
 * kind by kind, then the sandbox.  Each part lives in its own file
 * (qemu_command_machine.c, _disk.c, _net.c, _chardev.c, _graphics.c,
 * _devices.c); this one holds the frame and the environment.
 */
#include <config.h>

#include <string.h>
#include <libxml/parser.h>

#include "qemu_command_priv.h"
#include "qemu_postparse.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_QEMU

#define VR_QEMU_SAFE_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

void
vrQemuCommandParamsInit(vrQemuCommandParams *p)
{
    memset(p, 0, sizeof(*p));
    p->incomingFd = -1;
    p->sandbox = -1;
    p->vsockFd = -1;
    p->vncPort = p->spicePort = p->spiceTLSPort = -1;
}

void
vrQemuCommandLineFree(vrQemuCommandLine *cl)
{
    if (!cl)
        return;
    g_free(cl->binary);
    g_ptr_array_unref(cl->env);
    g_ptr_array_unref(cl->args);
    g_array_unref(cl->fds);
    g_free(cl);
}

static vrQemuCommandLine *
vrQemuCommandLineNew(const char *binary)
{
    vrQemuCommandLine *cl = g_new0(vrQemuCommandLine, 1);

    cl->binary = g_strdup(binary);
    cl->env = g_ptr_array_new_with_free_func(g_free);
    cl->args = g_ptr_array_new_with_free_func(g_free);
    cl->fds = g_array_new(FALSE, FALSE, sizeof(int));
    return cl;
}

/* ---- environment ------------------------------------------------------ */

/* QEMU gets a clean environment: C locale, a fixed PATH, and HOME and the
 * XDG directories inside the guest's private directory, so that neither
 * the sandbox nor QEMU's libraries reach for root's home. */
static void
vrQemuBuildEnvironment(vrQemuBuild *b)
{
    g_autofree char *share = g_build_filename(b->domainDir, ".local", "share", NULL);
    g_autofree char *cache = g_build_filename(b->domainDir, ".cache", NULL);
    g_autofree char *config = g_build_filename(b->domainDir, ".config", NULL);

    vrQemuBuildEnv(b, "LC_ALL", "C");
    vrQemuBuildEnv(b, "PATH", b->p->path ? b->p->path : VR_QEMU_SAFE_PATH);
    vrQemuBuildEnv(b, "HOME", b->domainDir);
    vrQemuBuildEnv(b, "XDG_DATA_HOME", share);
    vrQemuBuildEnv(b, "XDG_CACHE_HOME", cache);
    vrQemuBuildEnv(b, "XDG_CONFIG_HOME", config);
}

/* ---- identity and monitor ------------------------------------------ */

static void
vrQemuBuildName(vrQemuBuild *b)
{
    g_autoptr(GString) s = g_string_new(NULL);

    vrQemuKeyval(s, "guest", b->def->name);
    vrQemuKeyval(s, "debug-threads", "on");
    vrQemuBuildArgPair(b, "-name", s->str);
    vrQemuBuildArg(b, "-S");
}

static int
vrQemuBuildMonitor(vrQemuBuild *b)
{
    g_autoptr(GString) s = g_string_new("socket");

    if (vrQemuCheckSocketPath(b, b->p->monitorPath, "QMP monitor") < 0)
        return -1;

    vrQemuKeyval(s, "id", "charmonitor");
    vrQemuKeyval(s, "path", b->p->monitorPath);
    vrQemuKeyval(s, "server", "on");
    vrQemuKeyval(s, "wait", "off");
    vrQemuBuildArgPair(b, "-chardev", s->str);
    vrQemuBuildArgPair(b, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    return 0;
}

static void
vrQemuBuildIdentity(vrQemuBuild *b)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    vrUUIDFormat(b->def->uuid, uuid);
    vrQemuBuildArgPair(b, "-uuid", uuid);
}

static int
vrQemuBuildDefaults(vrQemuBuild *b)
{
    if (!b->def->ngraphics)
        vrQemuBuildArgPair(b, "-display", "none");
    vrQemuBuildArg(b, "-no-user-config");
    vrQemuBuildArg(b, "-nodefaults");
    return vrQemuBuildMonitor(b);
}

/* Lifecycle: QEMU never exits on its own (the driver decides what a guest
 * shutdown means); a reboot that should end the guest is turned into a
 * shutdown so the driver sees it as such. */
static void
vrQemuBuildLifecycle(vrQemuBuild *b)
{
    vrQemuBuildArg(b, "-no-shutdown");
    if (b->def->onReboot == VR_DOMAIN_LIFECYCLE_DESTROY)
        vrQemuBuildArgPair(b, "-action", "reboot=shutdown");
}

/* ---- tail ------------------------------------------------------------ */

static bool
vrQemuWantSandbox(vrQemuBuild *b)
{
    if (b->p->sandbox >= 0)
        return b->p->sandbox > 0;
    return !b->p->cfg || b->p->cfg->seccompSandbox != 0;
}

static void
vrQemuBuildTail(vrQemuBuild *b)
{
    if (b->p->incomingFd >= 0) {
        vrQemuBuildArgFormat(b, "-incoming", "fd:%d", b->p->incomingFd);
        vrQemuBuildPassFD(b, b->p->incomingFd);
    } else if (b->p->incomingDefer) {
        vrQemuBuildArgPair(b, "-incoming", "defer");
    }
    if (vrQemuWantSandbox(b))
        vrQemuBuildArgPair(b, "-sandbox",
                           "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
    vrQemuBuildArgPair(b, "-msg", "timestamp=on");
}

/* <qemu:commandline>: arguments and environment the user asked for,
 * passed through unchecked, as with libvirt. */
static int
vrQemuBuildPassthrough(vrQemuBuild *b)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root, n;

    if (!b->def->qemuCommandlineXML)
        return 0;
    doc = xmlReadMemory(b->def->qemuCommandlineXML, (int)strlen(b->def->qemuCommandlineXML),
                        "qemu-commandline", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                        XML_PARSE_NOWARNING);
    if (!doc || !(root = xmlDocGetRootElement(doc))) {
        vrQemuRefuse(b, "%s", "<qemu:commandline> cannot be read");
        return -1;
    }
    for (n = root->children; n; n = n->next) {
        g_autofree char *value = NULL;
        g_autofree char *name = NULL;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        value = vrXMLProp(n, "value");
        if (xmlStrEqual(n->name, BAD_CAST "arg") && value) {
            vrQemuBuildArg(b, value);
        } else if (xmlStrEqual(n->name, BAD_CAST "env") && (name = vrXMLProp(n, "name"))) {
            vrQemuBuildEnv(b, name, value ? value : "");
        }
    }
    return 0;
}

/* ---- the whole ------------------------------------------------------ */

typedef int (*vrQemuBuildPart)(vrQemuBuild *b);

/* Devices, in command-line order. */
static const vrQemuBuildPart vrQemuDeviceParts[] = {
    vrQemuBuildIOMMU,
    vrQemuBuildControllers,
    vrQemuBuildMemoryDevices,
    vrQemuBuildHubs,
    vrQemuBuildDisks,
    vrQemuBuildFilesystems,
    vrQemuBuildNets,
    vrQemuBuildSmartcards,
    vrQemuBuildChrDevices,
    vrQemuBuildTPM,
    vrQemuBuildInputs,
    vrQemuBuildAudioAndGraphics,
    vrQemuBuildVideos,
    vrQemuBuildSounds,
    vrQemuBuildWatchdog,
    vrQemuBuildRedirdevs,
    vrQemuBuildHostdevs,
    vrQemuBuildMemballoon,
    vrQemuBuildRNGs,
    vrQemuBuildShmems,
    vrQemuBuildPanic,
    vrQemuBuildVsock,
    vrQemuBuildCrypto,
    vrQemuBuildMisc,
};

/* ---- what QEMU would refuse at start ---------------------------------- */

static bool
vrQemuHasIOThread(const vrDomainDef *def, unsigned int id)
{
    size_t i;

    for (i = 0; i < def->niothreadids; i++) {
        if (def->iothreadids[i]->id == id)
            return true;
    }
    return false;
}

/* Definitions this QEMU would refuse with a message naming its own
 * option, or start in a different shape than the definition says, are
 * refused here naming the element instead. */
static int
vrQemuBuildValidate(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    const vrQemuMachine *machine = vrQemuCapsMachine(b->p->caps, def->os.machine);
    size_t i;

    if (machine && machine->maxCpus && def->maxvcpus > machine->maxCpus) {
        vrQemuRefuse(b, "Maximum CPUs greater than specified machine type limit %u "
                     "(<vcpu> %u, machine '%s')", machine->maxCpus, def->maxvcpus,
                     def->os.machine);
        return -1;
    }
    for (i = 0; i < def->ndisks; i++) {
        unsigned int io = def->disks[i]->driver.iothread;
        if (io && !vrQemuHasIOThread(def, io)) {
            vrQemuRefuse(b, "Disk iothread '%u' not defined in iothreadid (disk '%s')", io,
                         def->disks[i]->dst);
            return -1;
        }
    }
    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->iothread && !vrQemuHasIOThread(def, c->iothread)) {
            vrQemuRefuse(b, "controller iothread '%u' not defined in iothreadid "
                         "(controller type '%s' index '%d')", c->iothread,
                         vrDomainControllerTypeTypeToString(c->type), c->idx);
            return -1;
        }
    }
    /* QEMU sets the Hyper-V VP index through KVM only */
    if (!b->kvm && def->features.state[VR_DOMAIN_FEATURE_HYPERV] == VR_TRISTATE_ON &&
        def->features.hypervMode == 0 && def->features.hyperv[VR_DOMAIN_HYPERV_VPINDEX] == VR_TRISTATE_ON) {
        vrQemuRefuse(b, "%s", "hyperv feature 'vpindex' needs KVM (<domain type='kvm'>), "
                     "this guest runs under TCG");
        return -1;
    }
    /* PC machines plug DIMMs through their ACPI device */
    for (i = 0; i < def->nmemories && (b->i440fx || b->q35); i++) {
        int model = def->memories[i]->model;
        if ((model == VR_DOMAIN_MEMORY_MODEL_DIMM || model == VR_DOMAIN_MEMORY_MODEL_NVDIMM) &&
            def->features.state[VR_DOMAIN_FEATURE_ACPI] != VR_TRISTATE_ON) {
            vrQemuRefuse(b, "memory model '%s' needs ACPI (<features><acpi/>) on machine '%s'",
                         vrDomainMemoryModelTypeToString(model), def->os.machine);
            return -1;
        }
    }
    return 0;
}

static int
vrQemuBuildPlatform(vrQemuBuild *b)
{
    vrQemuBuildName(b);
    if (vrQemuBuildFirmware(b) < 0 ||
        vrQemuBuildMachine(b) < 0 ||
        vrQemuBuildCPU(b) < 0 ||
        vrQemuBuildMemory(b) < 0 ||
        vrQemuBuildSMP(b) < 0 ||
        vrQemuBuildIOThreads(b) < 0 ||
        vrQemuBuildNuma(b) < 0)
        return -1;
    vrQemuBuildIdentity(b);
    if (vrQemuBuildSmbios(b) < 0 ||
        vrQemuBuildDefaults(b) < 0 ||
        vrQemuBuildClock(b) < 0)
        return -1;
    vrQemuBuildLifecycle(b);
    return vrQemuBuildBoot(b);
}

static int
vrQemuBuildCheckParams(const vrQemuCommandParams *p)
{
    if (!p->def || !p->caps || !p->monitorPath) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "building a QEMU command line needs a definition, capabilities and a monitor path");
        return -1;
    }
    if (!p->def->emulator) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "guest '%s' has no <emulator>", p->def->name);
        return -1;
    }
    return 0;
}

static void
vrQemuBuildInit(vrQemuBuild *b, const vrQemuCommandParams *p)
{
    const vrDomainDef *def = p->def;
    unsigned long long v = vrQemuCapsVersion(p->caps);
    const char *lib = p->cfg ? p->cfg->libDir : "/var/lib/vireo/qemu";
    const char *chan = p->cfg ? p->cfg->channelDir : "/var/lib/vireo/qemu/channel";

    memset(b, 0, sizeof(*b));
    b->p = p;
    b->def = def;
    b->cl = vrQemuCommandLineNew(def->emulator);
    b->q35 = vrQemuDomainIsQ35(def);
    b->i440fx = vrQemuDomainIsI440fx(def);
    b->kvm = def->virtType == VR_DOMAIN_VIRT_KVM;
    b->version = g_strdup_printf("%llu.%llu", v / 1000000, v / 1000 % 1000);
    b->domainDir = p->domainDir ? g_strdup(p->domainDir)
                                : g_strdup_printf("%s/domain-%s", lib, def->name);
    b->channelDir = p->channelDir ? g_strdup(p->channelDir) : g_build_filename(chan, def->name, NULL);
    b->aliases = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    b->machineExtra = g_string_new(NULL);
    b->audioId = def->naudios ? (int)def->audios[0]->id : 0;
    b->throttleGroups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void
vrQemuBuildClear(vrQemuBuild *b)
{
    vrQemuCommandLineFree(b->cl);
    g_free(b->version);
    g_free(b->domainDir);
    g_free(b->channelDir);
    g_hash_table_unref(b->aliases);
    g_string_free(b->machineExtra, TRUE);
    g_hash_table_unref(b->throttleGroups);
}

vrQemuCommandLine *
vrQemuBuildCommandLineArgs(const vrQemuCommandParams *p)
{
    vrQemuBuild b;
    vrQemuCommandLine *cl = NULL;
    size_t i;

    if (vrQemuBuildCheckParams(p) < 0)
        return NULL;
    vrQemuBuildInit(&b, p);
    vrQemuBuildEnvironment(&b);
    if (vrQemuBuildValidate(&b) < 0 || vrQemuBuildPlatform(&b) < 0)
        goto cleanup;
    for (i = 0; i < G_N_ELEMENTS(vrQemuDeviceParts); i++) {
        if (vrQemuDeviceParts[i](&b) < 0)
            goto cleanup;
    }
    vrQemuBuildTail(&b);
    if (vrQemuBuildPassthrough(&b) < 0)
        goto cleanup;
    cl = g_steal_pointer(&b.cl);
 cleanup:
    vrQemuBuildClear(&b);
    return cl;
}

vrCommand *
vrQemuCommandLineToCommand(const vrQemuCommandLine *cl)
{
    vrCommand *cmd = vrCommandNew(cl->binary);
    guint i;

    vrCommandClearEnv(cmd);
    for (i = 0; i < cl->env->len; i++) {
        const char *e = g_ptr_array_index(cl->env, i);
        const char *eq = strchr(e, '=');
        g_autofree char *name = g_strndup(e, eq - e);
        vrCommandAddEnvPair(cmd, name, eq + 1);
    }
    for (i = 0; i < cl->args->len; i++)
        vrCommandAddArg(cmd, g_ptr_array_index(cl->args, i));
    for (i = 0; i < cl->fds->len; i++)
        vrCommandPassFD(cmd, g_array_index(cl->fds, int, i), 0);
    return cmd;
}

vrCommand *
vrQemuBuildCommandLine(const vrQemuCommandParams *p)
{
    g_autoptr(vrQemuCommandLine) cl = vrQemuBuildCommandLineArgs(p);

    if (!cl)
        return NULL;
    return vrQemuCommandLineToCommand(cl);
}

char *
vrQemuCommandLineString(const vrQemuCommandLine *cl)
{
    g_autoptr(GString) s = g_string_new(NULL);
    guint i;

    for (i = 0; i < cl->env->len; i++) {
        g_autofree char *q = g_shell_quote(g_ptr_array_index(cl->env, i));
        g_string_append_printf(s, "%s ", q);
    }
    g_string_append(s, cl->binary);
    for (i = 0; i < cl->args->len; i++) {
        const char *a = g_ptr_array_index(cl->args, i);
        if (strpbrk(a, " \t\n'\"\\$`{}[]*?;&|<>()!#~") || !*a) {
            g_autofree char *q = g_shell_quote(a);
            g_string_append_printf(s, " %s", q);
        } else {
            g_string_append_printf(s, " %s", a);
        }
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

char *
vrQemuCommandLineFormatLines(const vrQemuCommandLine *cl)
{
    g_autoptr(GString) s = g_string_new(NULL);
    guint i;

    for (i = 0; i < cl->env->len; i++)
        g_string_append_printf(s, "%s\n", (const char *)g_ptr_array_index(cl->env, i));
    g_string_append_printf(s, "%s\n", cl->binary);
    for (i = 0; i < cl->args->len; i++)
        g_string_append_printf(s, "%s\n", (const char *)g_ptr_array_index(cl->args, i));
    return g_string_free(g_steal_pointer(&s), FALSE);
}
