/*
 * virsh-domain-monitor.c: commands that report on guests.
 */
#include <config.h>

#include <string.h>
#include <libxml/parser.h>

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

static char *
cmdListState(vshControl *ctl, vrDomain *dom, bool managedSave)
{
    int state, reason;

    (void)ctl;
    if (vrDomainGetState(dom, &state, &reason, 0) < 0)
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
    }
    for (i = 0; i < n; i++) {
        vrDomain *dom = doms[i];
        unsigned int id = vrDomainGetID(dom);

        if (table) {
            g_autofree char *idstr = id == (unsigned int)-1 ? g_strdup("-")
                                                            : g_strdup_printf("%u", id);
            g_autofree char *state = cmdListState(ctl, dom, managedSave);
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

const vshCmdDef virshDomainMonitorCmds[] = {
    { "domblklist", cmdDomblklist, optsDomblklist, "list the block devices of a guest",
      "Lists each disk of a guest with its target and source.", 0, NULL },
    { "domiflist", cmdDomiflist, optsDomiflist, "list the network interfaces of a guest",
      "Lists each network interface of a guest.", 0, NULL },
    { "dominfo", cmdDominfo, optsDomain, "show guest information",
      "Shows the basic facts about a guest.", 0, NULL },
    { "domstate", cmdDomstate, optsDomstate, "show guest state",
      "Shows whether a guest runs, is paused or is off, and optionally why.", 0, NULL },
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
