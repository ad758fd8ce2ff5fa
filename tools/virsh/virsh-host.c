/*
 * virsh-host.c: commands about the connection and the host it manages.
 */
#include <config.h>

#include <string.h>

#include "util/vrtypedparam.h"
#include "virsh.h"

static bool
cmdHostname(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *name = vrConnectGetHostname(ctl->conn);

    (void)cmd;
    if (!name) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", name);
    return true;
}

static bool
cmdUri(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *uri = vrConnectGetURI(ctl->conn);

    (void)cmd;
    if (!uri) {
        vshError(ctl, "%s", "failed to get URI");
        return false;
    }
    vshPrint(ctl, "%s\n", uri);
    return true;
}

static const vshOptDef optsConnect[] = {
    { "name", VSH_OPT_STRING, VSH_OPT_EMPTY_OK, "URI of the hypervisor" },
    { "readonly", VSH_OPT_BOOL, 0, "open a read-only connection" },
    VIRSH_OPT_END,
};

static bool
cmdConnect(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;

    if (vshOptString(ctl, cmd, "name", &name) < 0)
        return false;
    if (!name)
        name = ctl->connname;
    /* like virsh, close first: reconnecting to test:///default starts from
     * its defaults again.  When the new URI cannot be opened, the next
     * command connects to the old one afresh. */
    {
        g_autofree char *uri = g_strdup(name);

        virshDisconnect(ctl);
        return virshConnect(ctl, uri, vshOptBool(cmd, "readonly"));
    }
}

static void
printVersionLine(vshControl *ctl, const char *what, const char *name, unsigned long v)
{
    vshPrint(ctl, "%s: %s%s%lu.%lu.%lu\n", what, name ? name : "", name ? " " : "",
             v / 1000000, (v / 1000) % 1000, v % 1000);
}

static const vshOptDef optsVersion[] = {
    { "daemon", VSH_OPT_BOOL, 0, "also print the daemon's version" },
    VIRSH_OPT_END,
};

static bool
cmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    unsigned long lib = 0, hv = 0, daemon = 0;
    const char *type = vrConnectGetType(ctl->conn);
    g_autofree char *api = NULL;

    if (!type) {
        vshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }
    printVersionLine(ctl, "Compiled against library", "libvirt", VIREO_LIBVIRT_COMPAT_NUMBER);
    if (vrGetVersion(&lib, NULL, NULL) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    printVersionLine(ctl, "Using library", "libvirt", lib);
    api = g_ascii_strup(type, -1);
    printVersionLine(ctl, "Using API", api, lib);
    if (vrConnectGetVersion(ctl->conn, &hv) < 0) {
        vshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hv == 0)
        vshPrint(ctl, "Cannot extract running %s hypervisor version\n", type);
    else
        printVersionLine(ctl, "Running hypervisor", type, hv);
    if (vshOptBool(cmd, "daemon")) {
        if (vrConnectGetLibVersion(ctl->conn, &daemon) < 0) {
            vshError(ctl, "%s", "failed to get the daemon version");
        } else {
            vshPrint(ctl, "Running against daemon: %lu.%lu.%lu\n", daemon / 1000000,
                     (daemon / 1000) % 1000, daemon % 1000);
        }
    }
    return true;
}

static bool
cmdNodeinfo(vshControl *ctl, const vshCmd *cmd)
{
    vrNodeInfo info;

    (void)cmd;
    if (vrNodeGetInfo(ctl->conn, &info) < 0) {
        vshError(ctl, "%s", "failed to get node information");
        return false;
    }
    vshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    vshPrint(ctl, "%-20s %u\n", "CPU(s):", info.cpus);
    if (info.mhz)
        vshPrint(ctl, "%-20s %u MHz\n", "CPU frequency:", info.mhz);
    vshPrint(ctl, "%-20s %u\n", "CPU socket(s):", info.sockets);
    vshPrint(ctl, "%-20s %u\n", "Core(s) per socket:", info.cores);
    vshPrint(ctl, "%-20s %u\n", "Thread(s) per core:", info.threads);
    vshPrint(ctl, "%-20s %u\n", "NUMA cell(s):", info.nodes);
    vshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}

static bool
cmdCapabilities(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *caps = vrConnectGetCapabilities(ctl->conn);

    (void)cmd;
    if (!caps) {
        vshError(ctl, "%s", "failed to get capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

static const vshOptDef optsDomcapabilities[] = {
    { "virttype", VSH_OPT_STRING, 0, "virtualization type (kvm, qemu, ...)" },
    { "emulatorbin", VSH_OPT_STRING, 0, "path to the emulator binary" },
    { "arch", VSH_OPT_STRING, 0, "guest architecture" },
    { "machine", VSH_OPT_STRING, 0, "machine type" },
    VIRSH_OPT_END,
};

static bool
cmdDomcapabilities(vshControl *ctl, const vshCmd *cmd)
{
    const char *virttype = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
    g_autofree char *caps = NULL;

    if (vshOptString(ctl, cmd, "virttype", &virttype) < 0 ||
        vshOptString(ctl, cmd, "emulatorbin", &emulator) < 0 ||
        vshOptString(ctl, cmd, "arch", &arch) < 0 ||
        vshOptString(ctl, cmd, "machine", &machine) < 0)
        return false;
    caps = vrConnectGetDomainCapabilities(ctl->conn, emulator, arch, machine, virttype, 0);
    if (!caps) {
        vshError(ctl, "%s", "failed to get emulator capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

static bool
cmdSysinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *info = vrConnectGetSysinfo(ctl->conn, 0);

    (void)cmd;
    if (!info) {
        vshError(ctl, "%s", "failed to get sysinfo");
        return false;
    }
    vshPrint(ctl, "%s", info);
    return true;
}

static const vshOptDef optsFreecell[] = {
    { "cellno", VSH_OPT_INT, 0, "NUMA cell number" },
    { "all", VSH_OPT_BOOL, 0, "show every cell and the total" },
    VIRSH_OPT_END,
};

static bool
freecellAll(vshControl *ctl)
{
    vrNodeInfo info;
    g_autofree unsigned long long *cells = NULL;
    unsigned long long total = 0;
    int n, i;

    if (vrNodeGetInfo(ctl->conn, &info) < 0) {
        vshError(ctl, "%s", "failed to get node information");
        return false;
    }
    cells = g_new0(unsigned long long, info.nodes ? info.nodes : 1);
    if ((n = vrNodeGetCellsFreeMemory(ctl->conn, cells, 0, info.nodes ? info.nodes : 1)) < 0) {
        vshError(ctl, "%s", "failed to get free memory for NUMA nodes");
        return false;
    }
    for (i = 0; i < n; i++) {
        vshPrint(ctl, "%5d: %10llu KiB\n", i, cells[i] / 1024);
        total += cells[i] / 1024;
    }
    vshPrint(ctl, "--------------------\n");
    vshPrint(ctl, "%5s: %10llu KiB\n", "Total", total);
    return true;
}

static bool
cmdFreecell(vshControl *ctl, const vshCmd *cmd)
{
    int cell = -1;
    int rc;

    if ((rc = vshOptInt(ctl, cmd, "cellno", &cell)) < 0)
        return false;
    if (rc > 0 && vshOptBool(cmd, "all")) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "cellno", "all");
        return false;
    }
    if (vshOptBool(cmd, "all"))
        return freecellAll(ctl);
    if (rc > 0) {
        unsigned long long mem = 0;
        if (vrNodeGetCellsFreeMemory(ctl->conn, &mem, cell, 1) != 1)
            return false;
        vshPrint(ctl, "%d: %llu KiB\n", cell, mem / 1024);
        return true;
    }
    {
        unsigned long long mem = vrNodeGetFreeMemory(ctl->conn);
        if (mem == 0 && vrGetLastError())
            return false;
        vshPrint(ctl, "%s: %llu KiB\n", "Total", mem / 1024);
    }
    return true;
}

static const vshOptDef optsMaxvcpus[] = {
    { "type", VSH_OPT_STRING, 0, "domain type" },
    VIRSH_OPT_END,
};

static bool
cmdMaxvcpus(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = NULL;
    int n;

    if (vshOptString(ctl, cmd, "type", &type) < 0)
        return false;
    if ((n = vrConnectGetMaxVcpus(ctl->conn, type)) < 0)
        return false;
    vshPrint(ctl, "%d\n", n);
    return true;
}

static const vshOptDef optsNodecpustats[] = {
    { "cpu", VSH_OPT_INT, 0, "one CPU instead of the total" },
    { "percent", VSH_OPT_BOOL, 0, "print percentages over one second" },
    VIRSH_OPT_END,
};

typedef struct {
    unsigned long long user, sys, idle, iowait, intr;
} nodeCpuSample;

static bool
nodecpustatsSample(vshControl *ctl, int cpu, nodeCpuSample *s)
{
    g_autofree vrNodeCPUStats *params = NULL;
    int n = 0, i;

    memset(s, 0, sizeof(*s));
    if (vrNodeGetCPUStats(ctl->conn, cpu, NULL, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get number of cpu stats");
        return false;
    }
    if (n == 0) {
        vshError(ctl, "%s", "No cpu stats to print");
        return false;
    }
    params = g_new0(vrNodeCPUStats, n);
    if (vrNodeGetCPUStats(ctl->conn, cpu, params, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get node cpu stats");
        return false;
    }
    for (i = 0; i < n; i++) {
        const char *f = params[i].field;
        unsigned long long v = params[i].value;
        if (g_str_equal(f, "user"))
            s->user = v;
        else if (g_str_equal(f, "kernel") || g_str_equal(f, "system"))
            s->sys = v;
        else if (g_str_equal(f, "idle"))
            s->idle = v;
        else if (g_str_equal(f, "iowait"))
            s->iowait = v;
        else if (g_str_equal(f, "intr"))
            s->intr = v;
    }
    return true;
}

static bool
cmdNodecpustats(vshControl *ctl, const vshCmd *cmd)
{
    int cpu = VR_NODE_CPU_STATS_ALL_CPUS;
    nodeCpuSample a, b;
    double total;

    if (vshOptInt(ctl, cmd, "cpu", &cpu) < 0)
        return false;
    if (cpu < VR_NODE_CPU_STATS_ALL_CPUS) {
        vshError(ctl, "%s", "Invalid value for option cpu");
        return false;
    }
    if (!nodecpustatsSample(ctl, cpu, &a))
        return false;
    if (!vshOptBool(cmd, "percent")) {
        vshPrint(ctl, "%-15s %20llu\n", "user:", a.user);
        vshPrint(ctl, "%-15s %20llu\n", "system:", a.sys);
        vshPrint(ctl, "%-15s %20llu\n", "idle:", a.idle);
        vshPrint(ctl, "%-15s %20llu\n", "iowait:", a.iowait);
        return true;
    }
    g_usleep(G_USEC_PER_SEC);
    if (!nodecpustatsSample(ctl, cpu, &b))
        return false;
    total = (double)((b.user - a.user) + (b.sys - a.sys) + (b.idle - a.idle) +
                     (b.iowait - a.iowait));
    vshPrint(ctl, "%-15s %5.1lf%%\n", "usage:",
             100.0 * (double)((b.user - a.user) + (b.sys - a.sys)) / total);
    vshPrint(ctl, "%-15s %5.1lf%%\n", "user:", 100.0 * (double)(b.user - a.user) / total);
    vshPrint(ctl, "%-15s %5.1lf%%\n", "system:", 100.0 * (double)(b.sys - a.sys) / total);
    vshPrint(ctl, "%-15s %5.1lf%%\n", "idle:", 100.0 * (double)(b.idle - a.idle) / total);
    vshPrint(ctl, "%-15s %5.1lf%%\n", "iowait:", 100.0 * (double)(b.iowait - a.iowait) / total);
    return true;
}

static const vshOptDef optsNodememstats[] = {
    { "cell", VSH_OPT_INT, 0, "one NUMA cell instead of the total" },
    VIRSH_OPT_END,
};

static bool
cmdNodememstats(vshControl *ctl, const vshCmd *cmd)
{
    int cell = VR_NODE_MEMORY_STATS_ALL_CELLS;
    g_autofree vrNodeMemoryStats *params = NULL;
    int n = 0, i;

    if (vshOptInt(ctl, cmd, "cell", &cell) < 0)
        return false;
    if (vrNodeGetMemoryStats(ctl->conn, cell, NULL, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get number of memory stats");
        return false;
    }
    if (n == 0)
        return true;
    params = g_new0(vrNodeMemoryStats, n);
    if (vrNodeGetMemoryStats(ctl->conn, cell, params, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get memory stats");
        return false;
    }
    for (i = 0; i < n; i++)
        vshPrint(ctl, "%-7s %20llu KiB\n", params[i].field, params[i].value);
    return true;
}

static const vshOptDef optsNodeMemoryTune[] = {
    { "shm-pages-to-scan", VSH_OPT_INT, 0, "pages KSM scans before sleeping" },
    { "shm-sleep-millisecs", VSH_OPT_INT, 0, "milliseconds KSM sleeps between scans" },
    { "shm-merge-across-nodes", VSH_OPT_INT, 0, "whether KSM merges pages across NUMA cells" },
    VIRSH_OPT_END,
};

static bool
cmdNodeMemoryTune(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree vrTypedParameter *params = NULL;
    int n = 0, i;

    if (vshOptGiven(cmd, "shm-pages-to-scan") || vshOptGiven(cmd, "shm-sleep-millisecs") ||
        vshOptGiven(cmd, "shm-merge-across-nodes")) {
        vshError(ctl, "%s", "Unable to change memory parameters: not supported by this host");
        return false;
    }
    if (vrNodeGetMemoryParameters(ctl->conn, NULL, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get number of memory parameters");
        return false;
    }
    params = g_new0(vrTypedParameter, n ? n : 1);
    if (n && vrNodeGetMemoryParameters(ctl->conn, params, &n, 0) < 0) {
        vshError(ctl, "%s", "Unable to get memory parameters");
        return false;
    }
    vshPrint(ctl, "Shared memory:\n");
    for (i = 0; i < n; i++) {
        g_autofree char *v = vrTypedParamToString(&params[i]);
        vshPrint(ctl, "\t%-15s %s\n", params[i].field, v);
    }
    vrTypedParamsClear(params, n);
    return true;
}

const vshCmdDef virshHostCmds[] = {
    { "capabilities", cmdCapabilities, NULL, "show the host's capabilities",
      "Prints the capabilities of the hypervisor and host as XML.", 0, NULL },
    { "connect", cmdConnect, optsConnect, "connect to a hypervisor",
      "Opens a connection to the hypervisor at the given URI (default: the current one).",
      VSH_CMD_NOCONNECT, NULL },
    { "domcapabilities", cmdDomcapabilities, optsDomcapabilities,
      "show what guests an emulator can run",
      "Prints, as XML, what a domain of the given type, emulator, arch and machine may use.",
      0, NULL },
    { "freecell", cmdFreecell, optsFreecell, "show free memory",
      "Prints the free memory of the host, of one NUMA cell, or of every cell.", 0, NULL },
    { "hostname", cmdHostname, NULL, "print the hypervisor's host name",
      "Prints the name of the host the hypervisor runs on.", 0, NULL },
    { "maxvcpus", cmdMaxvcpus, optsMaxvcpus, "show the most vCPUs a guest may have",
      "Prints the largest number of virtual CPUs a guest of the given type may have.", 0,
      NULL },
    { "node-memory-tune", cmdNodeMemoryTune, optsNodeMemoryTune,
      "show or set the host's shared memory tuning",
      "Prints or changes the kernel same-page merging parameters of the host.", 0, NULL },
    { "nodecpustats", cmdNodecpustats, optsNodecpustats, "show host CPU statistics",
      "Prints the host's CPU time counters, in total or for one CPU.", 0, NULL },
    { "nodeinfo", cmdNodeinfo, NULL, "show host information",
      "Prints the host's CPU, NUMA and memory figures.", 0, NULL },
    { "nodememstats", cmdNodememstats, optsNodememstats, "show host memory statistics",
      "Prints the host's memory counters, in total or for one NUMA cell.", 0, NULL },
    { "sysinfo", cmdSysinfo, NULL, "show the host's system information",
      "Prints the host's SMBIOS system information as XML.", 0, NULL },
    { "uri", cmdUri, NULL, "print the connection URI",
      "Prints the URI of the current connection.", 0, NULL },
    { "version", cmdVersion, optsVersion, "show versions",
      "Prints the versions of the library, the hypervisor and optionally the daemon.", 0,
      NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
