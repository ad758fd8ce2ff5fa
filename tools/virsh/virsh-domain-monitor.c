/*
 * virsh-domain-monitor.c: commands that report on guests.
 */
#include <config.h>

#include <string.h>
#include <libxml/parser.h>

#include "util/vrtypedparam.h"
#include "util/vrxml.h"
#include "virsh.h"

/* ---- list ---------------------------------------------------------- */

static const vshOptDef optsList[] = {
    { "inactive", VSH_OPT_BOOL, 0, "list only inactive guests" },
    { "all", VSH_OPT_BOOL, 0, "list active and inactive guests" },
    { "transient", VSH_OPT_BOOL, 0, "list transient guests" },
    { "persistent", VSH_OPT_BOOL, 0, "list persistent guests" },
    { "with-snapshot", VSH_OPT_BOOL, 0, "list guests that have snapshots" },
    { "without-snapshot", VSH_OPT_BOOL, 0, "list guests without snapshots" },
    { "with-checkpoint", VSH_OPT_BOOL, 0, "list guests that have checkpoints" },
    { "without-checkpoint", VSH_OPT_BOOL, 0, "list guests without checkpoints" },
    { "state-running", VSH_OPT_BOOL, 0, "list running guests" },
    { "state-paused", VSH_OPT_BOOL, 0, "list paused guests" },
    { "state-shutoff", VSH_OPT_BOOL, 0, "list shut off guests" },
    { "state-other", VSH_OPT_BOOL, 0, "list guests in any other state" },
    { "autostart", VSH_OPT_BOOL, 0, "list guests that start with the host" },
    { "no-autostart", VSH_OPT_BOOL, 0, "list guests that do not start with the host" },
    { "with-managed-save", VSH_OPT_BOOL, 0, "list guests with a managed save image" },
    { "without-managed-save", VSH_OPT_BOOL, 0, "list guests without a managed save image" },
    { "uuid", VSH_OPT_BOOL, 0, "print UUIDs only" },
    { "name", VSH_OPT_BOOL, 0, "print names only" },
    { "id", VSH_OPT_BOOL, 0, "print ids only" },
    { "table", VSH_OPT_BOOL, 0, "print a table (the default)" },
    { "managed-save", VSH_OPT_BOOL, 0, "show 'saved' for guests with a managed save image" },
    { "title", VSH_OPT_BOOL, 0, "add each guest's title" },
    VIRSH_OPT_END,
};

static unsigned int
cmdListFlags(const vshCmd *cmd)
{
    unsigned int flags = VR_CONNECT_LIST_DOMAINS_ACTIVE;

    if (vshOptBool(cmd, "inactive"))
        flags = VR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (vshOptBool(cmd, "all"))
        flags = VR_CONNECT_LIST_DOMAINS_ACTIVE | VR_CONNECT_LIST_DOMAINS_INACTIVE;
#define ADD(opt, bit) if (vshOptBool(cmd, opt)) flags |= (bit)
    ADD("transient", VR_CONNECT_LIST_DOMAINS_TRANSIENT);
    ADD("persistent", VR_CONNECT_LIST_DOMAINS_PERSISTENT);
    ADD("with-snapshot", VR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT);
    ADD("without-snapshot", VR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT);
    ADD("with-checkpoint", VR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT);
    ADD("without-checkpoint", VR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT);
    ADD("state-running", VR_CONNECT_LIST_DOMAINS_RUNNING);
    ADD("state-paused", VR_CONNECT_LIST_DOMAINS_PAUSED);
    ADD("state-shutoff", VR_CONNECT_LIST_DOMAINS_SHUTOFF);
    ADD("state-other", VR_CONNECT_LIST_DOMAINS_OTHER);
    ADD("autostart", VR_CONNECT_LIST_DOMAINS_AUTOSTART);
    ADD("no-autostart", VR_CONNECT_LIST_DOMAINS_NO_AUTOSTART);
    ADD("with-managed-save", VR_CONNECT_LIST_DOMAINS_MANAGEDSAVE);
    ADD("without-managed-save", VR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE);
#undef ADD
    /* a state filter looks at every guest, active or not */
    if (flags & (VR_CONNECT_LIST_DOMAINS_RUNNING | VR_CONNECT_LIST_DOMAINS_PAUSED |
                 VR_CONNECT_LIST_DOMAINS_SHUTOFF | VR_CONNECT_LIST_DOMAINS_OTHER))
        flags |= VR_CONNECT_LIST_DOMAINS_ACTIVE | VR_CONNECT_LIST_DOMAINS_INACTIVE;
    return flags;
}

/* Active guests by id, then inactive ones by name. */
static int
cmdListCompare(const void *a, const void *b)
{
    vrDomain *da = *(vrDomain *const *)a;
    vrDomain *db = *(vrDomain *const *)b;
    unsigned int ia = vrDomainGetID(da);
    unsigned int ib = vrDomainGetID(db);

    if (ia != (unsigned int)-1 && ib != (unsigned int)-1)
        return ia < ib ? -1 : ia > ib;
    if (ia != (unsigned int)-1)
        return -1;
    if (ib != (unsigned int)-1)
        return 1;
    return g_strcmp0(vrDomainGetName(da), vrDomainGetName(db));
}

/* Every listed guest's state in one call where the driver offers the
 * "state" statistics group (a thousand guests would otherwise cost a
 * thousand round trips to the daemon); -1 where it gave none. */
static int *
cmdListStates(vrDomain **doms, int n)
{
    int *states = g_new(int, n > 0 ? n : 1);
    g_autofree vrDomain **list = g_new0(vrDomain *, n + 1);
    g_autoptr(GHashTable) index = g_hash_table_new(g_str_hash, g_str_equal);
    vrDomainStatsRecord **recs = NULL;
    int i;

    for (i = 0; i < n; i++) {
        states[i] = -1;
        list[i] = doms[i];
        g_hash_table_insert(index, (gpointer)vrDomainGetName(doms[i]), GINT_TO_POINTER(i + 1));
    }
    if (n == 0 || vrDomainListGetStats(list, VR_DOMAIN_STATS_STATE, &recs, 0) < 0) {
        vshResetLibError();
        return states;
    }
    for (i = 0; recs[i]; i++) {
        const vrTypedParameter *p = vrTypedParamsGet(recs[i]->params, recs[i]->nparams,
                                                     "state.state");
        int at = GPOINTER_TO_INT(g_hash_table_lookup(index, vrDomainGetName(recs[i]->dom)));

        if (p && p->type == VR_TYPED_PARAM_INT && at > 0)
            states[at - 1] = p->value.i;
    }
    vrDomainStatsRecordListFree(recs);
    return states;
}

static char *
cmdListState(vshControl *ctl, vrDomain *dom, int known, bool managedSave)
{
    int state = known, reason;

    (void)ctl;
    if (state < 0 && vrDomainGetState(dom, &state, &reason, 0) < 0)
        return g_strdup("no state");
    if (managedSave && state == VR_DOMAIN_SHUTOFF && vrDomainHasManagedSaveImage(dom, 0) > 0)
        return g_strdup("saved");
    return g_strdup(virshDomainStateToString(state));
}

static bool
cmdList(vshControl *ctl, const vshCmd *cmd)
{
    bool optName = vshOptBool(cmd, "name");
    bool optUUID = vshOptBool(cmd, "uuid");
    bool optID = vshOptBool(cmd, "id");
    bool optTable = vshOptBool(cmd, "table");
    bool title = vshOptBool(cmd, "title");
    bool managedSave = vshOptBool(cmd, "managed-save");
    g_autoptr(vshTable) table = NULL;
    g_autofree int *states = NULL;
    vrDomain **doms = NULL;
    int n, i;

    if (optTable && optUUID) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "table", "uuid");
        return false;
    }
    if (optTable && optName) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "table", "name");
        return false;
    }
    if (optTable && optID) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "table", "id");
        return false;
    }

    if ((n = vrConnectListAllDomains(ctl->conn, &doms, cmdListFlags(cmd))) < 0) {
        vshError(ctl, "%s", "Failed to list domains");
        return false;
    }
    qsort(doms, n, sizeof(*doms), cmdListCompare);

    if (!optName && !optUUID && !optID) {
        table = title ? vshTableNew("Id", "Name", "State", "Title", NULL)
                      : vshTableNew("Id", "Name", "State", NULL);
        states = cmdListStates(doms, n);
    }
    for (i = 0; i < n; i++) {
        vrDomain *dom = doms[i];
        unsigned int id = vrDomainGetID(dom);

        if (table) {
            g_autofree char *idstr = id == (unsigned int)-1 ? g_strdup("-")
                                                            : g_strdup_printf("%u", id);
            g_autofree char *state = cmdListState(ctl, dom, states[i], managedSave);
            if (title) {
                g_autofree char *t = vrDomainGetMetadata(dom, VR_DOMAIN_METADATA_TITLE, NULL, 0);
                vshResetLibError();
                vshTableRowAppend(table, idstr, vrDomainGetName(dom), state, t ? t : "", NULL);
            } else {
                vshTableRowAppend(table, idstr, vrDomainGetName(dom), state, NULL);
            }
        } else {
            g_autoptr(GString) line = g_string_new(NULL);

            /* ids alone: inactive guests have none to print */
            if (optID && !optName && !optUUID && id == (unsigned int)-1)
                continue;
            if (optUUID) {
                char uuid[VR_UUID_STRING_BUFLEN];
                vrDomainGetUUIDString(dom, uuid);
                g_string_append(line, uuid);
            }
            if (optID) {
                if (line->len)
                    g_string_append_c(line, ' ');
                if (id == (unsigned int)-1)
                    g_string_append(line, "-");
                else
                    g_string_append_printf(line, "%u", id);
            }
            if (optName) {
                if (line->len)
                    g_string_append_c(line, ' ');
                g_string_append(line, vrDomainGetName(dom));
            }
            vshPrint(ctl, "%s\n", line->str);
        }
    }
    if (table)
        vshTablePrint(ctl, table, true);
    for (i = 0; i < n; i++)
        vrDomainFree(doms[i]);
    g_free(doms);
    return true;
}

/* ---- dominfo, domstate, ids ---------------------------------------- */

static const vshOptDef optsDomain[] = {
    VIRSH_OPT_DOMAIN,
    VIRSH_OPT_END,
};

static bool
cmdDominfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *ostype = NULL;
    g_auto(GStrv) messages = NULL;
    vrSecurityModel secmodel;
    vrSecurityLabel seclabel;
    vrDomainInfo info;
    char uuid[VR_UUID_STRING_BUFLEN];
    unsigned int id;
    int persistent, autostart, hasManagedSave, nmsgs;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    id = vrDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%-15s %s\n", "Id:", "-");
    else
        vshPrint(ctl, "%-15s %u\n", "Id:", id);
    vshPrint(ctl, "%-15s %s\n", "Name:", vrDomainGetName(dom));
    if (vrDomainGetUUIDString(dom, uuid) == 0)
        vshPrint(ctl, "%-15s %s\n", "UUID:", uuid);
    if ((ostype = vrDomainGetOSType(dom)))
        vshPrint(ctl, "%-15s %s\n", "OS Type:", ostype);

    if (vrDomainGetInfo(dom, &info) == 0) {
        vshPrint(ctl, "%-15s %s\n", "State:", virshDomainStateToString(info.state));
        vshPrint(ctl, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
        if (info.cpuTime != 0)
            vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", (double)info.cpuTime / 1e9);
        if (info.maxMem != G_MAXUINT)
            vshPrint(ctl, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
        else
            vshPrint(ctl, "%-15s %s\n", "Max memory:", "no limit");
        vshPrint(ctl, "%-15s %lu KiB\n", "Used memory:", info.memory);
    } else {
        return false;
    }

    persistent = vrDomainIsPersistent(dom);
    vshPrint(ctl, "%-15s %s\n", "Persistent:",
             persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (vrDomainGetAutostart(dom, &autostart) == 0)
        vshPrint(ctl, "%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");
    hasManagedSave = vrDomainHasManagedSaveImage(dom, 0);
    vshPrint(ctl, "%-15s %s\n", "Managed save:",
             hasManagedSave < 0 ? "unknown" : hasManagedSave ? "yes" : "no");

    memset(&secmodel, 0, sizeof(secmodel));
    if (vrNodeGetSecurityModel(ctl->conn, &secmodel) < 0) {
        vshResetLibError();
        return true;
    }
    if (secmodel.model[0]) {
        vshPrint(ctl, "%-15s %s\n", "Security model:", secmodel.model);
        vshPrint(ctl, "%-15s %s\n", "Security DOI:", secmodel.doi);
        memset(&seclabel, 0, sizeof(seclabel));
        if (vrDomainGetSecurityLabel(dom, &seclabel) < 0)
            return false;
        if (seclabel.label[0])
            vshPrint(ctl, "%-15s %s (%s)\n", "Security label:", seclabel.label,
                     seclabel.enforcing ? "enforcing" : "permissive");
    }

    if ((nmsgs = vrDomainGetMessages(dom, &messages, 0)) > 0) {
        int i;
        for (i = 0; i < nmsgs; i++)
            vshPrint(ctl, "%-15s %s\n", i == 0 ? "Messages:" : "", messages[i]);
    }
    vshResetLibError();
    return true;
}

static const vshOptDef optsDomstate[] = {
    VIRSH_OPT_DOMAIN,
    { "reason", VSH_OPT_BOOL, 0, "also say why the guest is in that state" },
    VIRSH_OPT_END,
};

static bool
cmdDomstate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    int state, reason;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vrDomainGetState(dom, &state, &reason, 0) < 0)
        return false;
    if (vshOptBool(cmd, "reason"))
        vshPrint(ctl, "%s (%s)\n", virshDomainStateToString(state),
                 virshDomainStateReasonToString(state, reason));
    else
        vshPrint(ctl, "%s\n", virshDomainStateToString(state));
    return true;
}

static bool
cmdDomid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    unsigned int id;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, "domain", NULL, VIRSH_BYNAME | VIRSH_BYUUID)))
        return false;
    id = vrDomainGetID(dom);
    if (id == (unsigned int)-1)
        vshPrint(ctl, "%s\n", "-");
    else
        vshPrint(ctl, "%u\n", id);
    return true;
}

static const vshOptDef optsDomname[] = {
    { "domain", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the guest's id or UUID" },
    VIRSH_OPT_END,
};

static bool
cmdDomname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, "domain", NULL, VIRSH_BYID | VIRSH_BYUUID)))
        return false;
    vshPrint(ctl, "%s\n", vrDomainGetName(dom));
    return true;
}

static const vshOptDef optsDomuuid[] = {
    { "domain", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the guest's id or name" },
    VIRSH_OPT_END,
};

static bool
cmdDomuuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, "domain", NULL, VIRSH_BYNAME | VIRSH_BYID)))
        return false;
    if (vrDomainGetUUIDString(dom, uuid) < 0) {
        vshError(ctl, "%s", "failed to get domain UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

/* ---- domblklist, domiflist ----------------------------------------- */

static xmlDocPtr
virshDomainXMLDoc(vshControl *ctl, vrDomain *dom, bool inactive)
{
    g_autofree char *xml = vrDomainGetXMLDesc(dom, inactive ? VR_DOMAIN_XML_INACTIVE : 0);

    (void)ctl;
    if (!xml)
        return NULL;
    return vrXMLParseString(xml, "(domain_definition)", "domain", VR_FROM_NONE);
}

static const vshOptDef optsDomblklist[] = {
    VIRSH_OPT_DOMAIN,
    { "inactive", VSH_OPT_BOOL, 0, "use the configuration of the next boot" },
    { "details", VSH_OPT_BOOL, 0, "add the disk type and device" },
    VIRSH_OPT_END,
};

static char *
virshDiskSource(xmlNodePtr disk)
{
    xmlNodePtr source = vrXMLChild(disk, "source");
    static const char *const attrs[] = { "file", "dev", "dir", "name" };
    size_t i;

    if (!source)
        return NULL;
    for (i = 0; i < G_N_ELEMENTS(attrs); i++) {
        char *v = vrXMLProp(source, attrs[i]);
        if (v)
            return v;
    }
    {
        g_autofree char *pool = vrXMLProp(source, "pool");
        g_autofree char *volume = vrXMLProp(source, "volume");
        if (pool && volume)
            return g_strdup_printf("%s/%s", pool, volume);
    }
    return NULL;
}

static bool
cmdDomblklist(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(vshTable) table = NULL;
    bool details = vshOptBool(cmd, "details");

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(doc = virshDomainXMLDoc(ctl, dom, vshOptBool(cmd, "inactive"))))
        return false;
    table = details ? vshTableNew("Type", "Device", "Target", "Source", NULL)
                    : vshTableNew("Target", "Source", NULL);
    vrXMLForEachNamed(vrXMLChild(xmlDocGetRootElement(doc), "devices"), "disk", disk) {
        g_autofree char *type = vrXMLProp(disk, "type");
        g_autofree char *device = vrXMLProp(disk, "device");
        g_autofree char *source = virshDiskSource(disk);
        g_autofree char *target = vrXMLProp(vrXMLChild(disk, "target"), "dev");

        if (details)
            vshTableRowAppend(table, type ? type : "", device ? device : "disk",
                              target ? target : "-", source ? source : "-", NULL);
        else
            vshTableRowAppend(table, target ? target : "-", source ? source : "-", NULL);
    }
    vshTablePrint(ctl, table, true);
    return true;
}

static const vshOptDef optsDomiflist[] = {
    VIRSH_OPT_DOMAIN,
    { "inactive", VSH_OPT_BOOL, 0, "use the configuration of the next boot" },
    VIRSH_OPT_END,
};

static char *
virshInterfaceSource(xmlNodePtr iface)
{
    xmlNodePtr source = vrXMLChild(iface, "source");
    static const char *const attrs[] = { "bridge", "dev", "network", "name", "path" };
    size_t i;

    for (i = 0; source && i < G_N_ELEMENTS(attrs); i++) {
        char *v = vrXMLProp(source, attrs[i]);
        if (v)
            return v;
    }
    return NULL;
}

static bool
cmdDomiflist(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(vshTable) table = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(doc = virshDomainXMLDoc(ctl, dom, vshOptBool(cmd, "inactive"))))
        return false;
    table = vshTableNew("Interface", "Type", "Source", "Model", "MAC", NULL);
    vrXMLForEachNamed(vrXMLChild(xmlDocGetRootElement(doc), "devices"), "interface", iface) {
        g_autofree char *type = vrXMLProp(iface, "type");
        g_autofree char *source = virshInterfaceSource(iface);
        g_autofree char *target = vrXMLProp(vrXMLChild(iface, "target"), "dev");
        g_autofree char *model = vrXMLProp(vrXMLChild(iface, "model"), "type");
        g_autofree char *mac = vrXMLProp(vrXMLChild(iface, "mac"), "address");

        vshTableRowAppend(table, target ? target : "-", type ? type : "",
                          source ? source : "-", model ? model : "-", mac ? mac : "-", NULL);
    }
    vshTablePrint(ctl, table, true);
    return true;
}

/* ---- domblkinfo ----------------------------------------------------- */

static const vshOptDef optsDomblkinfo[] = {
    VIRSH_OPT_DOMAIN,
    { "device", VSH_OPT_STRING, 0, "the disk: target name or source path" },
    { "human", VSH_OPT_BOOL, 0, "print sizes with binary units" },
    { "all", VSH_OPT_BOOL, 0, "describe every disk of the guest" },
    VIRSH_OPT_END,
};

/* 1023.995 GiB: the largest binary unit the value reaches. */
static char *
virshBlkSize(unsigned long long bytes, bool human)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double value = (double)bytes;
    size_t unit = 0;

    if (!human)
        return g_strdup_printf("%llu", bytes);
    while (value >= 1024 && unit + 1 < G_N_ELEMENTS(units)) {
        value /= 1024;
        unit++;
    }
    return g_strdup_printf("%.3lf %s", value, units[unit]);
}

/* An all-zero answer means "nothing known", printed as dashes. */
static void
virshBlkInfoStrings(const vrDomainBlockInfo *info, bool human, char **cap, char **alloc,
                    char **phys)
{
    if (info->capacity == 0 && info->allocation == 0 && info->physical == 0) {
        *cap = g_strdup("-");
        *alloc = g_strdup("-");
        *phys = g_strdup("-");
        return;
    }
    *cap = virshBlkSize(info->capacity, human);
    *alloc = virshBlkSize(info->allocation, human);
    *phys = virshBlkSize(info->physical, human);
}

static bool
cmdDomblkinfoAll(vshControl *ctl, vrDomain *dom, bool human)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(vshTable) table = NULL;
    bool active = vrDomainIsActive(dom) == 1;

    if (!(doc = virshDomainXMLDoc(ctl, dom, false)))
        return false;
    table = vshTableNew("Target", "Capacity", "Allocation", "Physical", NULL);
    vrXMLForEachNamed(vrXMLChild(xmlDocGetRootElement(doc), "devices"), "disk", disk) {
        xmlNodePtr source = vrXMLChild(disk, "source");
        g_autofree char *target = vrXMLProp(vrXMLChild(disk, "target"), "dev");
        g_autofree char *protocol = source ? vrXMLProp(source, "protocol") : NULL;
        g_autofree char *cap = NULL;
        g_autofree char *alloc = NULL;
        g_autofree char *phys = NULL;
        vrDomainBlockInfo info = { 0 };

        /* a drive without medium has nothing to measure */
        if (source && vrDomainGetBlockInfo(dom, target ? target : "", &info, 0) < 0) {
            const vrError *err = vrGetLastError();

            /* network storage of a stopped guest cannot be asked */
            if (!protocol || active || !err || err->code != VR_ERR_INTERNAL_ERROR ||
                err->domain != VR_FROM_STORAGE)
                return false;
            memset(&info, 0, sizeof(info));
            vshResetLibError();
        }
        virshBlkInfoStrings(&info, human, &cap, &alloc, &phys);
        vshTableRowAppend(table, target ? target : "", cap, alloc, phys, NULL);
    }
    vshTablePrint(ctl, table, true);
    return true;
}

static bool
cmdDomblkinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *cap = NULL;
    g_autofree char *alloc = NULL;
    g_autofree char *phys = NULL;
    bool human = vshOptBool(cmd, "human");
    const char *device = NULL;
    vrDomainBlockInfo info;

    if (!vshExclusiveOptions(ctl, cmd, "all", "device"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptBool(cmd, "all"))
        return cmdDomblkinfoAll(ctl, dom, human);
    if (vshOptString(ctl, cmd, "device", &device) <= 0 || !*device) {
        vshError(ctl, "command 'domblkinfo' requires <device> option");
        return false;
    }
    if (vrDomainGetBlockInfo(dom, device, &info, 0) < 0)
        return false;
    virshBlkInfoStrings(&info, human, &cap, &alloc, &phys);
    vshPrint(ctl, "%-15s %s\n", "Capacity:", cap);
    vshPrint(ctl, "%-15s %s\n", "Allocation:", alloc);
    vshPrint(ctl, "%-15s %s\n", "Physical:", phys);
    return true;
}

/* ---- domcontrol, domblkerror ---------------------------------------- */

static const char *
virshControlStateToString(unsigned int state)
{
    switch (state) {
    case VR_DOMAIN_CONTROL_OK: return "ok";
    case VR_DOMAIN_CONTROL_JOB: return "background job";
    case VR_DOMAIN_CONTROL_OCCUPIED: return "occupied";
    case VR_DOMAIN_CONTROL_ERROR: return "error";
    default: return "unknown";
    }
}

static const char *
virshControlErrorReasonToString(unsigned int reason)
{
    switch (reason) {
    case VR_DOMAIN_CONTROL_ERROR_REASON_NONE: return "none";
    case VR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN: return "unknown";
    case VR_DOMAIN_CONTROL_ERROR_REASON_MONITOR: return "monitor failure";
    case VR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL: return "internal (locking) error";
    default: return "unknown";
    }
}

static bool
cmdDomcontrol(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    vrDomainControlInfo info;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vrDomainGetControlInfo(dom, &info, 0) < 0)
        return false;
    if (info.state != VR_DOMAIN_CONTROL_OK && info.state != VR_DOMAIN_CONTROL_ERROR) {
        /* busy: say for how long */
        vshPrint(ctl, "%s (%0.3fs)\n", virshControlStateToString(info.state),
                 (double)info.stateTime / 1000.0);
    } else if (info.state == VR_DOMAIN_CONTROL_ERROR && info.details > 0) {
        vshPrint(ctl, "%s: %s\n", virshControlStateToString(info.state),
                 virshControlErrorReasonToString(info.details));
    } else {
        vshPrint(ctl, "%s\n", virshControlStateToString(info.state));
    }
    return true;
}

static const char *
virshDiskErrorToString(int error)
{
    switch (error) {
    case VR_DOMAIN_DISK_ERROR_NONE: return "no error";
    case VR_DOMAIN_DISK_ERROR_UNSPEC: return "unspecified error";
    case VR_DOMAIN_DISK_ERROR_NO_SPACE: return "no space";
    default: return "unknown error";
    }
}

static bool
cmdDomblkerror(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree vrDomainDiskError *errors = NULL;
    int count, i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    /* first how many, then the entries */
    if ((count = vrDomainGetDiskErrors(dom, NULL, 0, 0)) < 0)
        return false;
    if (count > 0) {
        errors = g_new0(vrDomainDiskError, count);
        if ((count = vrDomainGetDiskErrors(dom, errors, (unsigned int)count, 0)) < 0)
            return false;
    }
    if (count == 0)
        vshPrint(ctl, "No errors found\n");
    for (i = 0; i < count; i++) {
        vshPrint(ctl, "%s: %s\n", errors[i].disk, virshDiskErrorToString(errors[i].error));
        g_free(errors[i].disk);
    }
    return true;
}

/* ---- domif-getlink, domifaddr --------------------------------------- */

static const vshOptDef optsDomifGetlink[] = {
    VIRSH_OPT_DOMAIN,
    { "interface", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the interface: MAC address or target name" },
    VIRSH_OPT_CONFIG("look at the configuration of the next boot"),
    { "persistent", VSH_OPT_ALIAS, 0, "config" },
    VIRSH_OPT_END,
};

/* "52:54:0:a:b:c" -> "52:54:00:0a:0b:0c"; false when @str is no MAC. */
static bool
virshNormalizeMAC(const char *str, char *out, size_t outlen)
{
    g_auto(GStrv) parts = g_strsplit(str, ":", -1);
    unsigned int bytes[6];
    size_t i;

    if (g_strv_length(parts) != 6)
        return false;
    for (i = 0; i < 6; i++) {
        const char *p = parts[i];

        if (!*p || strlen(p) > 2 || !g_ascii_isxdigit(p[0]) || (p[1] && !g_ascii_isxdigit(p[1])))
            return false;
        bytes[i] = (unsigned int)g_ascii_strtoull(p, NULL, 16);
    }
    g_snprintf(out, outlen, "%02x:%02x:%02x:%02x:%02x:%02x",
               bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5]);
    return true;
}

static bool
cmdDomifGetlink(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *state = NULL;
    xmlNodePtr match = NULL;
    const char *iface = NULL;
    char mac[18] = "";
    size_t nmatches = 0;

    if (vshOptStringReq(ctl, cmd, "interface", &iface) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(doc = virshDomainXMLDoc(ctl, dom, vshOptBool(cmd, "config"))))
        return false;
    if (!virshNormalizeMAC(iface, mac, sizeof(mac)))
        mac[0] = '\0';

    vrXMLForEachNamed(vrXMLChild(xmlDocGetRootElement(doc), "devices"), "interface", node) {
        g_autofree char *addr = vrXMLProp(vrXMLChild(node, "mac"), "address");
        g_autofree char *dev = vrXMLProp(vrXMLChild(node, "target"), "dev");

        if ((addr && g_str_equal(addr, mac)) || (dev && g_str_equal(dev, iface))) {
            match = node;
            nmatches++;
        }
    }
    if (nmatches == 0) {
        if (mac[0])
            vshError(ctl, "Interface (mac: %s) not found.", mac);
        else
            vshError(ctl, "Interface (dev: %s) not found.", iface);
        return false;
    }
    if (nmatches > 1) {
        vshError(ctl, "multiple matching interfaces found");
        return false;
    }
    state = vrXMLProp(vrXMLChild(match, "link"), "state");
    /* no newline: the shell's separator ends the line, as virsh does */
    vshPrint(ctl, "%s %s", iface, state ? state : "up");
    return true;
}

static const vshOptDef optsDomifaddr[] = {
    VIRSH_OPT_DOMAIN,
    { "interface", VSH_OPT_STRING, 0, "only this interface (its name in the guest)" },
    { "full", VSH_OPT_BOOL, 0, "repeat name and MAC on every address line" },
    { "source", VSH_OPT_STRING, 0, "where the addresses come from: lease, agent or arp" },
    VIRSH_OPT_END,
};

static bool
cmdDomifaddr(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const sources[] = { "lease", "agent", "arp" };
    g_autoptr(vrDomain) dom = NULL;
    vrDomainInterface **ifaces = NULL;
    const char *only = NULL;
    const char *sourcestr = NULL;
    bool full = vshOptBool(cmd, "full");
    unsigned int source = VR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
    int n, i;
    unsigned int j;

    if (vshOptStringReq(ctl, cmd, "interface", &only) < 0 ||
        vshOptStringReq(ctl, cmd, "source", &sourcestr) < 0)
        return false;
    if (sourcestr) {
        for (source = 0; source < G_N_ELEMENTS(sources); source++) {
            if (g_str_equal(sources[source], sourcestr))
                break;
        }
        if (source == G_N_ELEMENTS(sources)) {
            vshError(ctl, "Unknown data source '%s'", sourcestr);
            return false;
        }
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((n = vrDomainInterfaceAddresses(dom, &ifaces, source, 0)) < 0) {
        vshError(ctl, "Failed to query for interfaces addresses");
        return false;
    }

    vshPrintExtra(ctl, " %-10s %-20s %-8s     %s\n", "Name", "MAC address", "Protocol",
                  "Address");
    vshPrintExtra(ctl, "%s\n",
                  "-------------------------------------------------------------------------------");
    for (i = 0; i < n; i++) {
        vrDomainInterface *iface = ifaces[i];
        const char *name = iface->name ? iface->name : "";
        const char *hwaddr = iface->hwaddr ? iface->hwaddr : "";

        if (only && !g_str_equal(only, name))
            continue;
        if (iface->naddrs == 0) {
            vshPrint(ctl, " %-10s %-17s    %-12s %s\n", name,
                     iface->hwaddr ? iface->hwaddr : "N/A", "N/A", "N/A");
            continue;
        }
        for (j = 0; j < iface->naddrs; j++) {
            const vrDomainIPAddress *ip = &iface->addrs[j];
            const char *type = ip->type == VR_IP_ADDR_TYPE_IPV4 ? "ipv4" :
                               ip->type == VR_IP_ADDR_TYPE_IPV6 ? "ipv6" : "";
            g_autofree char *addr = g_strdup_printf("%s/%u", ip->addr ? ip->addr : "",
                                                    ip->prefix);

            /* later addresses of the same interface leave its columns blank */
            if (full || j == 0)
                vshPrint(ctl, " %-10s %-17s    %-12s %s\n", name, hwaddr, type, addr);
            else
                vshPrint(ctl, " %-10s %-17s    %-12s %s\n", "-", "-", type, addr);
        }
    }
    for (i = 0; i < n; i++)
        vrDomainInterfaceFree(ifaces[i]);
    g_free(ifaces);
    return true;
}

/* ---- domstats ------------------------------------------------------- */

static const vshOptDef optsDomstats[] = {
    { "state", VSH_OPT_BOOL, 0, "the guest's state and why it is in it" },
    { "cpu-total", VSH_OPT_BOOL, 0, "host CPU time the guest used" },
    { "balloon", VSH_OPT_BOOL, 0, "memory balloon figures" },
    { "vcpu", VSH_OPT_BOOL, 0, "virtual CPU figures" },
    { "interface", VSH_OPT_BOOL, 0, "network interface counters" },
    { "block", VSH_OPT_BOOL, 0, "block device counters" },
    { "perf", VSH_OPT_BOOL, 0, "perf event counters" },
    { "iothread", VSH_OPT_BOOL, 0, "I/O thread figures" },
    { "memory", VSH_OPT_BOOL, 0, "memory bandwidth figures" },
    { "dirtyrate", VSH_OPT_BOOL, 0, "memory dirty rate" },
    { "vm", VSH_OPT_BOOL, 0, "figures particular to the hypervisor" },
    { "list-active", VSH_OPT_BOOL, 0, "only running or paused guests" },
    { "list-inactive", VSH_OPT_BOOL, 0, "only stopped guests" },
    { "list-persistent", VSH_OPT_BOOL, 0, "only persistent guests" },
    { "list-transient", VSH_OPT_BOOL, 0, "only transient guests" },
    { "list-running", VSH_OPT_BOOL, 0, "only running guests" },
    { "list-paused", VSH_OPT_BOOL, 0, "only paused guests" },
    { "list-shutoff", VSH_OPT_BOOL, 0, "only shut off guests" },
    { "list-other", VSH_OPT_BOOL, 0, "only guests in any other state" },
    { "raw", VSH_OPT_BOOL, 0, "print values unformatted" },
    { "enforce", VSH_OPT_BOOL, 0, "fail when a requested group is not available" },
    { "backing", VSH_OPT_BOOL, 0, "include backing chains in block figures" },
    { "nowait", VSH_OPT_BOOL, 0, "skip figures that would need to wait for the guest" },
    { "domain", VSH_OPT_ARGV, 0, "guests to report on (default: all)" },
    VIRSH_OPT_END,
};

static char *
virshStatsValue(const vrTypedParameter *param, bool raw)
{
    if (raw && param->type == VR_TYPED_PARAM_DOUBLE)
        return g_strdup_printf("%g", param->value.d);
    if (raw && param->type == VR_TYPED_PARAM_BOOLEAN)
        return g_strdup_printf("%d", param->value.b);
    return vrTypedParamToString(param);
}

static void
virshDomainUnref(gpointer dom)
{
    if (dom)
        vrDomainFree(dom);
}

static bool
cmdDomstats(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int bit;
    } groups[] = {
        { "state", VR_DOMAIN_STATS_STATE },
        { "cpu-total", VR_DOMAIN_STATS_CPU_TOTAL },
        { "balloon", VR_DOMAIN_STATS_BALLOON },
        { "vcpu", VR_DOMAIN_STATS_VCPU },
        { "interface", VR_DOMAIN_STATS_INTERFACE },
        { "block", VR_DOMAIN_STATS_BLOCK },
        { "perf", VR_DOMAIN_STATS_PERF },
        { "iothread", VR_DOMAIN_STATS_IOTHREAD },
        { "memory", VR_DOMAIN_STATS_MEMORY },
        { "dirtyrate", VR_DOMAIN_STATS_DIRTYRATE },
        { "vm", VR_DOMAIN_STATS_VM },
    }, filters[] = {
        { "list-active", VR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE },
        { "list-inactive", VR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE },
        { "list-persistent", VR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT },
        { "list-transient", VR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT },
        { "list-running", VR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING },
        { "list-paused", VR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED },
        { "list-shutoff", VR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF },
        { "list-other", VR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER },
        { "enforce", VR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS },
        { "backing", VR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING },
        { "nowait", VR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT },
    };
    g_autoptr(GPtrArray) doms = g_ptr_array_new_with_free_func(virshDomainUnref);
    vrDomainStatsRecord **records = NULL;
    const vshCmdOpt *opt = NULL;
    bool raw = vshOptBool(cmd, "raw");
    unsigned int stats = 0, flags = 0;
    size_t i;
    int n, r, p;

    for (i = 0; i < G_N_ELEMENTS(groups); i++) {
        if (vshOptBool(cmd, groups[i].opt))
            stats |= groups[i].bit;
    }
    for (i = 0; i < G_N_ELEMENTS(filters); i++) {
        if (vshOptBool(cmd, filters[i].opt))
            flags |= filters[i].bit;
    }

    if (vshOptGiven(cmd, "domain")) {
        while ((opt = vshOptArgv(cmd, opt))) {
            vrDomain *dom = virshLookupDomainBy(ctl, opt->value,
                                                VIRSH_BYID | VIRSH_BYUUID | VIRSH_BYNAME);
            if (!dom)
                return false;
            g_ptr_array_add(doms, dom);
        }
        g_ptr_array_add(doms, NULL);
        n = vrDomainListGetStats((vrDomain **)doms->pdata, stats, &records, flags);
    } else {
        n = vrConnectGetAllDomainStats(ctl->conn, stats, &records, flags);
    }
    if (n < 0)
        return false;

    for (r = 0; records[r]; r++) {
        const vrDomainStatsRecord *record = records[r];

        /* records are separated, not terminated, by an empty line */
        if (r > 0)
            vshPrint(ctl, "\n");
        vshPrint(ctl, "Domain: '%s'\n", vrDomainGetName(record->dom));
        for (p = 0; p < record->nparams; p++) {
            g_autofree char *value = virshStatsValue(&record->params[p], raw);

            vshPrint(ctl, "  %s=%s\n", record->params[p].field, value);
        }
    }
    vrDomainStatsRecordListFree(records);
    return true;
}

const vshCmdDef virshDomainMonitorCmds[] = {
    { "domblkerror", cmdDomblkerror, optsDomain, "show the I/O errors of a guest's disks",
      "Lists the disks that hit an I/O error and what the error was.", 0, NULL },
    { "domblkinfo", cmdDomblkinfo, optsDomblkinfo, "show the size of a guest's disks",
      "Prints the capacity, host allocation and host size of one disk, or of all.", 0, NULL },
    { "domblklist", cmdDomblklist, optsDomblklist, "list the block devices of a guest",
      "Lists each disk of a guest with its target and source.", 0, NULL },
    { "domcontrol", cmdDomcontrol, optsDomain, "show the state of a guest's control channel",
      "Says whether the hypervisor can take commands for the guest right now.", 0, NULL },
    { "domif-getlink", cmdDomifGetlink, optsDomifGetlink, "show an interface's link state",
      "Prints whether the link of a guest's network interface is up or down.", 0, NULL },
    { "domifaddr", cmdDomifaddr, optsDomifaddr, "list the IP addresses of a guest",
      "Lists the addresses of a running guest's network interfaces.", 0, NULL },
    { "domiflist", cmdDomiflist, optsDomiflist, "list the network interfaces of a guest",
      "Lists each network interface of a guest.", 0, NULL },
    { "dominfo", cmdDominfo, optsDomain, "show guest information",
      "Shows the basic facts about a guest.", 0, NULL },
    { "domstate", cmdDomstate, optsDomstate, "show guest state",
      "Shows whether a guest runs, is paused or is off, and optionally why.", 0, NULL },
    { "domstats", cmdDomstats, optsDomstats, "show statistics of guests",
      "Prints groups of statistics of the given guests, or of all matching the filters.",
      0, NULL },
    { "list", cmdList, optsList, "list guests",
      "Lists the guests of the connection; without options, the running ones.", 0, NULL },
    { "domid", cmdDomid, optsDomain, "convert a guest name or UUID to its id",
      "Prints a guest's id, or '-' when it is not running.", 0, NULL },
    { "domname", cmdDomname, optsDomname, "convert a guest id or UUID to its name",
      "Prints a guest's name.", 0, NULL },
    { "domuuid", cmdDomuuid, optsDomuuid, "convert a guest name or id to its UUID",
      "Prints a guest's UUID.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
