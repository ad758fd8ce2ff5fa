/*
 * virsh-domain-stats.c: counters of a running guest: memory, disks,
 * network interfaces.
 */
#include <config.h>

#include <string.h>

#include "util/vrtypedparam.h"
#include "virsh.h"

/* ---- dommemstat ------------------------------------------------------- */

static const vshOptDef optsDommemstat[] = {
    VIRSH_OPT_DOMAIN,
    { "period", VSH_OPT_INT, VSH_OPT_NAMED_ONLY,
      "seconds between statistics updates of the balloon driver (0 stops them)" },
    VIRSH_OPT_CONFIG("change the period in the configuration of the next boot"),
    VIRSH_OPT_LIVE("change the period of the running guest"),
    VIRSH_OPT_CURRENT("change the period of the guest's current state"),
    VIRSH_OPT_END,
};

static const char *
virshMemoryStatName(int tag)
{
    switch (tag) {
    case VR_DOMAIN_MEMORY_STAT_SWAP_IN: return "swap_in";
    case VR_DOMAIN_MEMORY_STAT_SWAP_OUT: return "swap_out";
    case VR_DOMAIN_MEMORY_STAT_MAJOR_FAULT: return "major_fault";
    case VR_DOMAIN_MEMORY_STAT_MINOR_FAULT: return "minor_fault";
    case VR_DOMAIN_MEMORY_STAT_UNUSED: return "unused";
    case VR_DOMAIN_MEMORY_STAT_AVAILABLE: return "available";
    case VR_DOMAIN_MEMORY_STAT_USABLE: return "usable";
    case VR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON: return "actual";
    case VR_DOMAIN_MEMORY_STAT_RSS: return "rss";
    case VR_DOMAIN_MEMORY_STAT_LAST_UPDATE: return "last_update";
    case VR_DOMAIN_MEMORY_STAT_DISK_CACHES: return "disk_caches";
    case VR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC: return "hugetlb_pgalloc";
    case VR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL: return "hugetlb_pgfail";
    default: return NULL;
    }
}

static bool
cmdDommemstat(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    vrDomainMemoryStatStruct stats[VR_DOMAIN_MEMORY_STAT_NR];
    const char *name = NULL;
    unsigned int flags;
    int period = 0;
    int rc, n, i;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if ((rc = vshOptInt(ctl, cmd, "period", &period)) < 0)
        return false;
    if (rc > 0) {
        if (period < 0) {
            vshError(ctl, "Invalid collection period value '%d'", period);
            return false;
        }
        if (vrDomainSetMemoryStatsPeriod(dom, period, flags) < 0) {
            vshError(ctl, "%s", "Unable to change balloon collection period.");
            return false;
        }
        return true;
    }
    if ((n = vrDomainMemoryStats(dom, stats, VR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        vshError(ctl, "Failed to get memory statistics for domain %s", name);
        return false;
    }
    for (i = 0; i < n; i++) {
        const char *stat = virshMemoryStatName(stats[i].tag);

        if (stat)
            vshPrint(ctl, "%s %llu\n", stat, stats[i].val);
    }
    return true;
}

/* ---- domblkstat ------------------------------------------------------- */

static const vshOptDef optsDomblkstat[] = {
    VIRSH_OPT_DOMAIN,
    { "device", VSH_OPT_STRING, 0, "the disk: target name or source path (none: all)" },
    { "human", VSH_OPT_BOOL, 0, "label each counter in words" },
    VIRSH_OPT_END,
};

/* Counters in the order virsh prints them: typed-parameter name, the
 * short name of the old interface, the words of --human. */
static const struct {
    const char *field;
    const char *legacy;
    const char *human;
} virshBlkstatFields[] = {
    { VR_DOMAIN_BLOCK_STATS_READ_REQ, "rd_req", "number of read operations:" },
    { VR_DOMAIN_BLOCK_STATS_READ_BYTES, "rd_bytes", "number of bytes read:" },
    { VR_DOMAIN_BLOCK_STATS_WRITE_REQ, "wr_req", "number of write operations:" },
    { VR_DOMAIN_BLOCK_STATS_WRITE_BYTES, "wr_bytes", "number of bytes written:" },
    { VR_DOMAIN_BLOCK_STATS_ERRS, "errs", "error count:" },
    { VR_DOMAIN_BLOCK_STATS_FLUSH_REQ, "flush_operations", "number of flush operations:" },
    { VR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES, "rd_total_times",
      "total duration of reads (ns):" },
    { VR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES, "wr_total_times",
      "total duration of writes (ns):" },
    { VR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES, "flush_total_times",
      "total duration of flushes (ns):" },
};

static void
virshBlkstatLine(vshControl *ctl, const char *device, size_t idx, bool human,
                 const char *value)
{
    vshPrint(ctl, "%s %-*s %s\n", device, human ? 31 : 0,
             human ? virshBlkstatFields[idx].human : virshBlkstatFields[idx].legacy, value);
}

/* The old fixed-structure call, for drivers without the typed one. */
static bool
virshBlkstatLegacy(vshControl *ctl, vrDomain *dom, const char *name, const char *device,
                   bool human)
{
    vrDomainBlockStatsStruct stats;
    long long values[5];
    size_t i;

    if (vrDomainBlockStats(dom, device, &stats, sizeof(stats)) < 0) {
        vshError(ctl, "Failed to get block stats %s %s", name, device);
        return false;
    }
    if (human) {
        vshPrint(ctl, "Device: %s\n", device);
        device = "";
    }
    values[0] = stats.rd_req;
    values[1] = stats.rd_bytes;
    values[2] = stats.wr_req;
    values[3] = stats.wr_bytes;
    values[4] = stats.errs;
    for (i = 0; i < G_N_ELEMENTS(values); i++) {
        g_autofree char *v = NULL;

        if (values[i] < 0)
            continue;
        v = g_strdup_printf("%lld", values[i]);
        virshBlkstatLine(ctl, device, i, human, v);
    }
    return true;
}

static bool
cmdDomblkstat(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    vrTypedParameter *params = NULL;
    const char *name = NULL;
    const char *device = NULL;
    bool human = vshOptBool(cmd, "human");
    const vrError *err;
    int nparams = 0;
    size_t i;
    int p;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vshOptStringReq(ctl, cmd, "device", &device) < 0)
        return false;
    if (!device)
        device = "";
    if (vrDomainBlockStatsFlags(dom, device, NULL, &nparams, 0) < 0) {
        err = vrGetLastError();
        if (!err || err->code != VR_ERR_NO_SUPPORT)
            return false;
        vshResetLibError();
        return virshBlkstatLegacy(ctl, dom, name, device, human);
    }
    params = g_new0(vrTypedParameter, nparams ? nparams : 1);
    if (vrDomainBlockStatsFlags(dom, device, params, &nparams, 0) < 0) {
        vshError(ctl, "Failed to get block stats for domain '%s' device '%s'", name, device);
        vrTypedParamsFree(params, nparams);
        return false;
    }
    if (human) {
        vshPrint(ctl, "Device: %s\n", device);
        device = "";
    }
    /* the known counters in their order, then whatever else came */
    for (i = 0; i < G_N_ELEMENTS(virshBlkstatFields); i++) {
        for (p = 0; p < nparams; p++) {
            if (params[p].field[0] && g_str_equal(params[p].field, virshBlkstatFields[i].field)) {
                g_autofree char *v = vrTypedParamToString(&params[p]);

                params[p].field[0] = '\0';
                virshBlkstatLine(ctl, device, i, human, v);
                break;
            }
        }
    }
    for (p = 0; p < nparams; p++) {
        g_autofree char *v = NULL;

        if (!params[p].field[0])
            continue;
        v = vrTypedParamToString(&params[p]);
        vshPrint(ctl, "%s %s %s\n", device, params[p].field, v);
    }
    vrTypedParamsFree(params, nparams);
    return true;
}

/* ---- domifstat -------------------------------------------------------- */

static const vshOptDef optsDomifstat[] = {
    VIRSH_OPT_DOMAIN,
    { "interface", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the interface: MAC address or target name" },
    VIRSH_OPT_END,
};

static bool
cmdDomifstat(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    vrDomainInterfaceStatsStruct stats;
    const char *name = NULL;
    const char *device = NULL;
    const struct {
        const char *label;
        long long value;
    } *row, rows[] = {
        { "rx_bytes", 0 }, { "rx_packets", 0 }, { "rx_errs", 0 }, { "rx_drop", 0 },
        { "tx_bytes", 0 }, { "tx_packets", 0 }, { "tx_errs", 0 }, { "tx_drop", 0 },
    };
    long long values[8];
    size_t i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vshOptStringReq(ctl, cmd, "interface", &device) < 0)
        return false;
    if (vrDomainInterfaceStats(dom, device, &stats, sizeof(stats)) < 0) {
        vshError(ctl, "Failed to get interface stats %s %s", name, device);
        return false;
    }
    values[0] = stats.rx_bytes;
    values[1] = stats.rx_packets;
    values[2] = stats.rx_errs;
    values[3] = stats.rx_drop;
    values[4] = stats.tx_bytes;
    values[5] = stats.tx_packets;
    values[6] = stats.tx_errs;
    values[7] = stats.tx_drop;
    for (i = 0, row = rows; i < G_N_ELEMENTS(rows); i++, row++) {
        if (values[i] >= 0)
            vshPrint(ctl, "%s %s %lld\n", device, row->label, values[i]);
    }
    return true;
}

const vshCmdDef virshDomainStatsCmds[] = {
    { "domblkstat", cmdDomblkstat, optsDomblkstat, "show a disk's I/O counters",
      "Prints the read, write and error counters of one disk of a running guest.", 0, NULL },
    { "domifstat", cmdDomifstat, optsDomifstat, "show a network interface's counters",
      "Prints the traffic counters of one network interface of a running guest.", 0, NULL },
    { "dommemstat", cmdDommemstat, optsDommemstat, "show a guest's memory statistics",
      "Prints what the balloon driver reports about a running guest's memory, or with "
      "--period sets how often it reports.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
