/*
 * virsh-snapshot.c: domain snapshot commands (snapshot-*).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/vrbuf.h"
#include "util/vrxml.h"
#include "virsh.h"

/* ---- what the commands read from a snapshot's XML ------------------ */

typedef struct {
    char *name;
    char *parent;         /* NULL for a root */
    char *state;
    char *location;       /* internal, external, no */
    long long created;
} snapFacts;

static void
snapFactsClear(snapFacts *f)
{
    g_free(f->name);
    g_free(f->parent);
    g_free(f->state);
    g_free(f->location);
    memset(f, 0, sizeof(*f));
}

/* Where the state lives: the memory's location, else the disks'. */
static char *
snapLocation(xmlNodePtr root)
{
    g_autofree char *mem = vrXMLProp(vrXMLChild(root, "memory"), "snapshot");
    bool external = false;

    if (mem && !g_str_equal(mem, "no"))
        return g_steal_pointer(&mem);
    vrXMLForEachNamed(vrXMLChild(root, "disks"), "disk", disk) {
        g_autofree char *how = vrXMLProp(disk, "snapshot");
        if (how && g_str_equal(how, "external"))
            external = true;
    }
    return g_strdup(external ? "external" : "internal");
}

static bool
snapGetFacts(vrDomainSnapshot *snap, snapFacts *f)
{
    g_autofree char *xml = vrDomainSnapshotGetXMLDesc(snap, 0);
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *created = NULL;
    xmlNodePtr root;

    memset(f, 0, sizeof(*f));
    if (!xml || !(doc = vrXMLParseString(xml, "(domain_snapshot)", "domainsnapshot", 0)))
        return false;
    root = xmlDocGetRootElement(doc);
    f->name = g_strdup(vrDomainSnapshotGetName(snap));
    f->parent = vrXMLChildContentStrip(vrXMLChild(root, "parent"), "name");
    f->state = vrXMLChildContentStrip(root, "state");
    f->location = snapLocation(root);
    if ((created = vrXMLChildContentStrip(root, "creationTime")))
        vrStrToLLong(created, 10, &f->created);
    return true;
}

/* ---- lookups -------------------------------------------------------- */

static vrDomainSnapshot *
snapCurrent(vshControl *ctl, vrDomain *dom)
{
    int has = vrDomainHasCurrentSnapshot(dom, 0);

    if (has < 0)
        return NULL;
    if (has == 0) {
        vshError(ctl, "domain '%s' has no current snapshot", vrDomainGetName(dom));
        return NULL;
    }
    return vrDomainSnapshotCurrent(dom, 0);
}

/* The snapshot named by option @opt, or with --current the current one. */
static vrDomainSnapshot *
snapLookup(vshControl *ctl, const vshCmd *cmd, const char *opt, bool exclusive, vrDomain *dom)
{
    bool current = vshOptBool(cmd, "current");
    const char *name = NULL;

    if (vshOptStringReq(ctl, cmd, opt, &name) < 0)
        return NULL;
    if (exclusive && current && name) {
        vshError(ctl, "--%s and --current are mutually exclusive", opt);
        return NULL;
    }
    if (name)
        return vrDomainSnapshotLookupByName(dom, name, 0);
    if (current)
        return snapCurrent(ctl, dom);
    vshError(ctl, "--%s or --current is required", opt);
    return NULL;
}

/* ---- creation ------------------------------------------------------- */

static const unsigned int snapCreateFlagBits[] = {
    VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, VR_DOMAIN_SNAPSHOT_CREATE_CURRENT,
    VR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, VR_DOMAIN_SNAPSHOT_CREATE_HALT,
    VR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY, VR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT,
    VR_DOMAIN_SNAPSHOT_CREATE_QUIESCE, VR_DOMAIN_SNAPSHOT_CREATE_ATOMIC,
    VR_DOMAIN_SNAPSHOT_CREATE_LIVE, VR_DOMAIN_SNAPSHOT_CREATE_VALIDATE,
};
static const char *const snapCreateFlagNames[] = {
    "redefine", "current", "no-metadata", "halt", "disk-only", "reuse-external", "quiesce",
    "atomic", "live", "validate",
};

static unsigned int
snapCreateFlags(const vshCmd *cmd)
{
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(snapCreateFlagNames); i++) {
        if (vshOptGiven(cmd, snapCreateFlagNames[i]) && vshOptBool(cmd, snapCreateFlagNames[i]))
            flags |= snapCreateFlagBits[i];
    }
    return flags;
}

static bool
snapCreate(vshControl *ctl, vrDomain *dom, const char *xml, unsigned int flags,
           const char *from)
{
    g_autoptr(vrDomainSnapshot) snap = vrDomainSnapshotCreateXML(dom, xml, flags);
    const char *name;

    if (!snap)
        return false;
    name = vrDomainSnapshotGetName(snap);
    if (from)
        vshPrintExtra(ctl, "Domain snapshot %s created from '%s'", name, from);
    else
        vshPrintExtra(ctl, "Domain snapshot %s created", name);
    return true;
}

static const vshOptDef optsSnapshotCreate[] = {
    VIRSH_OPT_DOMAIN,
    { "xmlfile", VSH_OPT_STRING, 0, "file with the snapshot's XML description" },
    { "redefine", VSH_OPT_BOOL, 0, "redefine the metadata of an existing snapshot" },
    { "current", VSH_OPT_BOOL, 0, "with --redefine, make it the current snapshot" },
    { "no-metadata", VSH_OPT_BOOL, 0, "take the snapshot but keep no metadata" },
    { "halt", VSH_OPT_BOOL, 0, "stop the guest after the snapshot" },
    { "disk-only", VSH_OPT_BOOL, 0, "snapshot the disks but not the memory" },
    { "reuse-external", VSH_OPT_BOOL, 0, "reuse existing external files" },
    { "quiesce", VSH_OPT_BOOL, 0, "quiesce guest file systems first" },
    { "atomic", VSH_OPT_BOOL, 0, "all disks or none" },
    { "live", VSH_OPT_BOOL, 0, "take the snapshot while the guest runs" },
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    VIRSH_OPT_END,
};

static bool
cmdSnapshotCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "xmlfile", &file) < 0)
        return false;
    if (file) {
        if (!(xml = vshReadFile(ctl, file)))
            return false;
    } else {
        xml = g_strdup("<domainsnapshot/>");
    }
    return snapCreate(ctl, dom, xml, snapCreateFlags(cmd), file);
}

static const vshOptDef optsSnapshotCreateAs[] = {
    VIRSH_OPT_DOMAIN,
    { "name", VSH_OPT_STRING, 0, "name of the snapshot" },
    { "description", VSH_OPT_STRING, 0, "description of the snapshot" },
    { "print-xml", VSH_OPT_BOOL, 0, "print the XML instead of taking the snapshot" },
    { "no-metadata", VSH_OPT_BOOL, 0, "take the snapshot but keep no metadata" },
    { "halt", VSH_OPT_BOOL, 0, "stop the guest after the snapshot" },
    { "disk-only", VSH_OPT_BOOL, 0, "snapshot the disks but not the memory" },
    { "reuse-external", VSH_OPT_BOOL, 0, "reuse existing external files" },
    { "quiesce", VSH_OPT_BOOL, 0, "quiesce guest file systems first" },
    { "atomic", VSH_OPT_BOOL, 0, "all disks or none" },
    { "live", VSH_OPT_BOOL, 0, "take the snapshot while the guest runs" },
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    { "memspec", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY,
      "memory attributes: [file=]name[,snapshot=type]" },
    { "diskspec", VSH_OPT_ARGV, 0,
      "disk attributes: disk[,snapshot=type][,driver=type][,stype=type][,file=name]" },
    VIRSH_OPT_END,
};

/* "a=b,c=d" (",," escapes a comma) as key/value pairs; a bare first word
 * belongs to @firstKey. */
static GPtrArray *
snapSplitSpec(const char *spec)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    const char *p;

    for (p = spec; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',') {
            g_ptr_array_add(parts, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    return parts;
}

static bool
snapFormatMemspec(vshControl *ctl, vrBuf *buf, const char *spec)
{
    g_autoptr(GPtrArray) parts = snapSplitSpec(spec);
    const char *file = NULL, *snapshot = NULL;
    guint i;

    for (i = 0; i < parts->len; i++) {
        const char *part = g_ptr_array_index(parts, i);
        if (g_str_has_prefix(part, "file="))
            file = part + 5;
        else if (g_str_has_prefix(part, "snapshot="))
            snapshot = part + 9;
        else if (i == 0 && !strchr(part, '='))
            file = part;
        else {
            vshError(ctl, "unable to parse memspec: %s", spec);
            return false;
        }
    }
    vrBufAddLit(buf, "<memory");
    if (snapshot)
        vrBufEscapeXMLPrintf(buf, " snapshot='%s'", snapshot);
    if (file)
        vrBufEscapeXMLPrintf(buf, " file='%s'", file);
    vrBufAddLit(buf, "/>\n");
    return true;
}

static bool
snapFormatDiskspec(vshControl *ctl, vrBuf *buf, const char *spec)
{
    g_autoptr(GPtrArray) parts = snapSplitSpec(spec);
    const char *snapshot = NULL, *driver = NULL, *stype = NULL, *file = NULL;
    guint i;

    for (i = 1; i < parts->len; i++) {
        const char *part = g_ptr_array_index(parts, i);
        if (g_str_has_prefix(part, "snapshot="))
            snapshot = part + 9;
        else if (g_str_has_prefix(part, "driver="))
            driver = part + 7;
        else if (g_str_has_prefix(part, "stype="))
            stype = part + 6;
        else if (g_str_has_prefix(part, "file="))
            file = part + 5;
        else {
            vshError(ctl, "unable to parse diskspec: %s", spec);
            return false;
        }
    }
    vrBufEscapeXMLPrintf(buf, "<disk name='%s'", (const char *)g_ptr_array_index(parts, 0));
    if (snapshot)
        vrBufEscapeXMLPrintf(buf, " snapshot='%s'", snapshot);
    if (stype)
        vrBufEscapeXMLPrintf(buf, " type='%s'", stype);
    if (!driver && !file) {
        vrBufAddLit(buf, "/>\n");
        return true;
    }
    vrBufAddLit(buf, ">\n");
    if (driver)
        vrBufEscapeXMLPrintf(buf, "  <driver type='%s'/>\n", driver);
    if (file) {
        bool block = stype && g_str_equal(stype, "block");
        vrBufAsprintf(buf, "  <source %s='", block ? "dev" : "file");
        vrBufEscapeXML(buf, file);
        vrBufAddLit(buf, "'/>\n");
    }
    vrBufAddLit(buf, "</disk>\n");
    return true;
}

static char *
snapCreateAsXML(vshControl *ctl, const vshCmd *cmd)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    const char *name = NULL, *desc = NULL, *memspec = NULL;
    const vshCmdOpt *opt = NULL;

    if (vshOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshOptStringReq(ctl, cmd, "description", &desc) < 0 ||
        vshOptStringReq(ctl, cmd, "memspec", &memspec) < 0)
        return NULL;
    vrBufAddLit(&buf, "<domainsnapshot>\n");
    vrBufAdjustIndent(&buf, 2);
    if (name)
        vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", name);
    if (desc)
        vrBufEscapeXMLPrintf(&buf, "<description>%s</description>\n", desc);
    if (memspec && !snapFormatMemspec(ctl, &buf, memspec))
        return NULL;
    if (vshOptArgv(cmd, NULL)) {
        vrBufAddLit(&buf, "<disks>\n");
        vrBufAdjustIndent(&buf, 2);
        while ((opt = vshOptArgv(cmd, opt))) {
            if (!snapFormatDiskspec(ctl, &buf, opt->value))
                return NULL;
        }
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</disks>\n");
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</domainsnapshot>\n");
    return vrBufContent(&buf);
}

static bool
cmdSnapshotCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(xml = snapCreateAsXML(ctl, cmd)))
        return false;
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s\n", xml);
        return true;
    }
    return snapCreate(ctl, dom, xml, snapCreateFlags(cmd), NULL);
}

/* ---- current / info / parent / dumpxml ------------------------------ */

static const vshOptDef optsSnapshotCurrent[] = {
    VIRSH_OPT_DOMAIN,
    { "name", VSH_OPT_BOOL, 0, "print only the name" },
    { "security-info", VSH_OPT_BOOL, 0, "include secrets in the XML" },
    { "snapshotname", VSH_OPT_STRING, 0, "make this snapshot the current one" },
    VIRSH_OPT_END,
};

static bool
snapSetCurrent(vshControl *ctl, vrDomain *dom, const char *name)
{
    g_autoptr(vrDomainSnapshot) snap = vrDomainSnapshotLookupByName(dom, name, 0);
    g_autoptr(vrDomainSnapshot) redefined = NULL;
    g_autofree char *xml = NULL;

    if (!snap || !(xml = vrDomainSnapshotGetXMLDesc(snap, VR_DOMAIN_XML_SECURE)))
        return false;
    redefined = vrDomainSnapshotCreateXML(dom, xml, VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE |
                                                    VR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    if (!redefined)
        return false;
    vshPrintExtra(ctl, "Snapshot %s set as current", name);
    return true;
}

static bool
cmdSnapshotCurrent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    const char *setname = NULL;
    unsigned int flags = 0;

    if (vshOptBool(cmd, "security-info"))
        flags |= VR_DOMAIN_XML_SECURE;
    if (!vshExclusiveOptions(ctl, cmd, "name", "snapshotname"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "snapshotname", &setname) < 0)
        return false;
    if (setname) {
        if (flags) {
            vshError(ctl, "%s", "--security-info is incompatible with --snapshotname");
            return false;
        }
        return snapSetCurrent(ctl, dom, setname);
    }
    if (!(snap = snapCurrent(ctl, dom)))
        return false;
    if (vshOptBool(cmd, "name")) {
        vshPrint(ctl, "%s", vrDomainSnapshotGetName(snap));
        return true;
    }
    if (!(xml = vrDomainSnapshotGetXMLDesc(snap, flags)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}

static const vshOptDef optsSnapshotInfo[] = {
    VIRSH_OPT_DOMAIN,
    { "snapshotname", VSH_OPT_STRING, 0, "snapshot name" },
    { "current", VSH_OPT_BOOL, 0, "the current snapshot" },
    VIRSH_OPT_END,
};

static bool
cmdSnapshotInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) snap = NULL;
    snapFacts f;
    int n;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom)))
        return false;
    virshPrintField(ctl, "Name:", "%s", vrDomainSnapshotGetName(snap));
    virshPrintField(ctl, "Domain:", "%s", vrDomainGetName(dom));
    n = vrDomainSnapshotIsCurrent(snap, 0);
    if (n < 0)
        return false;
    virshPrintField(ctl, "Current:", "%s", virshYesNo(n > 0));
    if (!snapGetFacts(snap, &f))
        return false;
    virshPrintField(ctl, "State:", "%s", f.state ? f.state : "");
    virshPrintField(ctl, "Location:", "%s", f.location);
    virshPrintField(ctl, "Parent:", "%s", f.parent ? f.parent : "-");
    snapFactsClear(&f);
    if ((n = vrDomainSnapshotNumChildren(snap, 0)) < 0)
        return false;
    virshPrintField(ctl, "Children:", "%d", n);
    if ((n = vrDomainSnapshotNumChildren(snap, VR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)) < 0)
        return false;
    virshPrintField(ctl, "Descendants:", "%d", n);
    if ((n = vrDomainSnapshotHasMetadata(snap, 0)) >= 0)
        virshPrintField(ctl, "Metadata:", "%s", virshYesNo(n));
    vshResetLibError();
    return true;
}

static bool
cmdSnapshotParent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) snap = NULL;
    snapFacts f;
    bool ok;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom)))
        return false;
    if (!snapGetFacts(snap, &f))
        return false;
    ok = f.parent != NULL;
    if (ok)
        vshPrint(ctl, "%s", f.parent);
    else
        vshError(ctl, "snapshot '%s' has no parent", f.name);
    snapFactsClear(&f);
    return ok;
}

static const vshOptDef optsSnapshotDumpxml[] = {
    VIRSH_OPT_DOMAIN,
    { "snapshotname", VSH_OPT_DATA, VSH_OPT_REQUIRED, "snapshot name" },
    { "security-info", VSH_OPT_BOOL, 0, "include secrets in the XML" },
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "print only what this XPath selects" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    VIRSH_OPT_END,
};

static bool
cmdSnapshotDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) snap = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL, *xpath = NULL;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "snapshotname", &name) < 0)
        return false;
    if (!(snap = vrDomainSnapshotLookupByName(dom, name, 0)))
        return false;
    xml = vrDomainSnapshotGetXMLDesc(snap, vshOptBool(cmd, "security-info")
                                               ? VR_DOMAIN_XML_SECURE : 0);
    if (!xml)
        return false;
    return virshDumpXML(ctl, xml, "(domain_snapshot)", xpath, vshOptBool(cmd, "wrap"));
}

/* ---- revert / delete ------------------------------------------------ */

static const vshOptDef optsSnapshotRevert[] = {
    VIRSH_OPT_DOMAIN,
    { "snapshotname", VSH_OPT_STRING, 0, "snapshot name" },
    { "current", VSH_OPT_BOOL, 0, "the current snapshot" },
    { "running", VSH_OPT_BOOL, 0, "leave the guest running afterwards" },
    { "paused", VSH_OPT_BOOL, 0, "leave the guest paused afterwards" },
    { "force", VSH_OPT_BOOL, 0, "revert even when that is risky" },
    { "reset-nvram", VSH_OPT_BOOL, 0, "start again from the NVRAM template" },
    VIRSH_OPT_END,
};

static bool
cmdSnapshotRevert(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) snap = NULL;
    unsigned int flags = 0;

    if (vshOptBool(cmd, "running"))
        flags |= VR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    if (vshOptBool(cmd, "paused"))
        flags |= VR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (vshOptBool(cmd, "force"))
        flags |= VR_DOMAIN_SNAPSHOT_REVERT_FORCE;
    if (vshOptBool(cmd, "reset-nvram"))
        flags |= VR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom)))
        return false;
    if (vrDomainRevertToSnapshot(snap, flags) < 0)
        return false;
    vshPrintExtra(ctl, "Domain snapshot %s reverted\n", vrDomainSnapshotGetName(snap));
    return true;
}

static const vshOptDef optsSnapshotDelete[] = {
    VIRSH_OPT_DOMAIN,
    { "snapshotname", VSH_OPT_STRING, 0, "snapshot name" },
    { "current", VSH_OPT_BOOL, 0, "the current snapshot" },
    { "children", VSH_OPT_BOOL, 0, "also delete its descendants" },
    { "children-only", VSH_OPT_BOOL, 0, "delete its descendants but keep it" },
    { "metadata", VSH_OPT_BOOL, 0, "forget the snapshot but keep its data" },
    VIRSH_OPT_END,
};

static bool
cmdSnapshotDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) snap = NULL;
    unsigned int flags = 0;
    const char *name;

    if (vshOptBool(cmd, "children"))
        flags |= VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN;
    if (vshOptBool(cmd, "children-only"))
        flags |= VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY;
    if (vshOptBool(cmd, "metadata"))
        flags |= VR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(snap = snapLookup(ctl, cmd, "snapshotname", true, dom)))
        return false;
    name = vrDomainSnapshotGetName(snap);
    if (vrDomainSnapshotDelete(snap, flags) < 0) {
        vshError(ctl, "Failed to delete snapshot %s", name);
        return false;
    }
    if (flags & VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
        vshPrintExtra(ctl, "Domain snapshot %s children deleted\n", name);
    else
        vshPrintExtra(ctl, "Domain snapshot %s deleted\n", name);
    return true;
}

/* ---- snapshot-list -------------------------------------------------- */

static const vshOptDef optsSnapshotList[] = {
    VIRSH_OPT_DOMAIN,
    { "parent", VSH_OPT_BOOL, 0, "add a column with each snapshot's parent" },
    { "roots", VSH_OPT_BOOL, 0, "only snapshots without a parent" },
    { "leaves", VSH_OPT_BOOL, 0, "only snapshots without children" },
    { "no-leaves", VSH_OPT_BOOL, 0, "only snapshots with children" },
    { "metadata", VSH_OPT_BOOL, 0, "only snapshots with metadata" },
    { "no-metadata", VSH_OPT_BOOL, 0, "only snapshots without metadata" },
    { "inactive", VSH_OPT_BOOL, 0, "only snapshots of a shut-off guest" },
    { "active", VSH_OPT_BOOL, 0, "only snapshots of a running guest" },
    { "disk-only", VSH_OPT_BOOL, 0, "only disk-only snapshots" },
    { "internal", VSH_OPT_BOOL, 0, "only internal snapshots" },
    { "external", VSH_OPT_BOOL, 0, "only external snapshots" },
    { "tree", VSH_OPT_BOOL, 0, "print the snapshots as a tree" },
    { "from", VSH_OPT_STRING, 0, "only the children of this snapshot" },
    { "current", VSH_OPT_BOOL, 0, "only the children of the current snapshot" },
    { "descendants", VSH_OPT_BOOL, 0, "with --from or --current, all descendants" },
    { "name", VSH_OPT_BOOL, 0, "print only names" },
    { "topological", VSH_OPT_BOOL, 0, "parents before children instead of by name" },
    VIRSH_OPT_END,
};

static unsigned int
snapListFilterFlags(const vshCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } map[] = {
        { "leaves", VR_DOMAIN_SNAPSHOT_LIST_LEAVES },
        { "no-leaves", VR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES },
        { "metadata", VR_DOMAIN_SNAPSHOT_LIST_METADATA },
        { "no-metadata", VR_DOMAIN_SNAPSHOT_LIST_NO_METADATA },
        { "inactive", VR_DOMAIN_SNAPSHOT_LIST_INACTIVE },
        { "active", VR_DOMAIN_SNAPSHOT_LIST_ACTIVE },
        { "disk-only", VR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY },
        { "internal", VR_DOMAIN_SNAPSHOT_LIST_INTERNAL },
        { "external", VR_DOMAIN_SNAPSHOT_LIST_EXTERNAL },
        { "topological", VR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL },
    };
    unsigned int flags = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        if (vshOptBool(cmd, map[i].opt))
            flags |= map[i].flag;
    }
    return flags;
}

static bool
snapListCheckOptions(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const pairs[][2] = {
        { "tree", "name" }, { "parent", "roots" }, { "parent", "tree" }, { "roots", "tree" },
        { "roots", "from" }, { "roots", "current" }, { "from", "current" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(pairs); i++) {
        if (!vshExclusiveOptions(ctl, cmd, pairs[i][0], pairs[i][1]))
            return false;
    }
    return true;
}

typedef struct {
    vrDomainSnapshot **snaps;
    snapFacts *facts;
    int n;
} snapList;

static void
snapListClear(snapList *l)
{
    int i;

    for (i = 0; i < l->n; i++) {
        vrDomainSnapshotFree(l->snaps[i]);
        snapFactsClear(&l->facts[i]);
    }
    g_free(l->snaps);
    g_free(l->facts);
    memset(l, 0, sizeof(*l));
}

static int
snapCompareFacts(const void *a, const void *b)
{
    const snapFacts *fa = a;
    const snapFacts *fb = b;

    return strcmp(fa->name, fb->name);
}

/* Collects the snapshots to show; with a starting point (@from), it comes
 * first when @withFrom, and its own parent is forgotten. */
static bool
snapListCollect(vshControl *ctl, vrDomain *dom, vrDomainSnapshot *from, bool withFrom,
                unsigned int flags, bool sortByName, snapList *l)
{
    vrDomainSnapshot **snaps = NULL;
    int n, i, off = withFrom ? 1 : 0;

    if (from)
        n = vrDomainSnapshotListAllChildren(from, &snaps, flags);
    else
        n = vrDomainListAllSnapshots(dom, &snaps, flags);
    if (n < 0)
        return false;
    l->n = n + off;
    l->snaps = g_new0(vrDomainSnapshot *, l->n);
    l->facts = g_new0(snapFacts, l->n);
    if (withFrom) {
        vrDomainSnapshotRef(from);
        l->snaps[0] = from;
    }
    for (i = 0; i < n; i++)
        l->snaps[i + off] = snaps[i];
    g_free(snaps);
    for (i = 0; i < l->n; i++) {
        if (!snapGetFacts(l->snaps[i], &l->facts[i])) {
            vshError(ctl, "%s", "failed to read snapshot XML");
            return false;
        }
    }
    if (withFrom)
        g_clear_pointer(&l->facts[0].parent, g_free);
    if (sortByName)
        qsort(l->facts + off, l->n - off, sizeof(snapFacts), snapCompareFacts);
    return true;
}

/* Draws the subtree under facts[idx]; @indent holds the prefix so far. */
static void
snapTreePrint(vshControl *ctl, const snapList *l, int idx, bool isLast, bool root,
              GString *indent)
{
    int i, lastChild = -1;

    vshPrint(ctl, "%s%s%s\n", indent->str, root ? "" : "+- ", l->facts[idx].name);
    if (!root)
        g_string_append(indent, isLast ? "  " : "| ");
    for (i = 0; i < l->n; i++) {
        if (l->facts[i].parent && g_str_equal(l->facts[i].parent, l->facts[idx].name))
            lastChild = i;
    }
    if (lastChild >= 0)
        vshPrint(ctl, "%s  |\n", indent->str);
    g_string_append(indent, "  ");
    for (i = 0; i < l->n; i++) {
        if (l->facts[i].parent && g_str_equal(l->facts[i].parent, l->facts[idx].name))
            snapTreePrint(ctl, l, i, i == lastChild, false, indent);
    }
    g_string_truncate(indent, indent->len - 2);
    if (lastChild < 0 && isLast)
        vshPrint(ctl, "%s\n", indent->str);
    if (!root)
        g_string_truncate(indent, indent->len - 2);
}

static void
snapListPrintTable(vshControl *ctl, const snapList *l, bool parentCol)
{
    g_autoptr(vshTable) table = parentCol
        ? vshTableNew("Name", "Creation Time", "State", "Parent", NULL)
        : vshTableNew("Name", "Creation Time", "State", NULL);
    int i;

    for (i = 0; i < l->n; i++) {
        const snapFacts *f = &l->facts[i];
        char when[64] = "";
        time_t t = (time_t)f->created;
        struct tm tm;

        if (localtime_r(&t, &tm))
            strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm);
        vshTableRowAppend(table, f->name, when, f->state ? f->state : "",
                          parentCol ? (f->parent ? f->parent : "") : NULL, NULL);
    }
    vshTablePrint(ctl, table, true);
}

static bool
cmdSnapshotList(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomainSnapshot) from = NULL;
    snapList l = { 0 };
    bool tree = vshOptBool(cmd, "tree");
    bool descendants = vshOptBool(cmd, "descendants");
    unsigned int flags = snapListFilterFlags(cmd);
    const char *fromName = NULL;
    bool ok = false;
    int i;

    if (!snapListCheckOptions(ctl, cmd))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "from", &fromName) < 0)
        return false;
    if (fromName && !(from = vrDomainSnapshotLookupByName(dom, fromName, 0)))
        return false;
    if (vshOptBool(cmd, "current") && !(from = snapCurrent(ctl, dom)))
        return false;
    if (vshOptBool(cmd, "roots"))
        flags |= VR_DOMAIN_SNAPSHOT_LIST_ROOTS;
    if (from && descendants)
        flags |= VR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
    if (!snapListCollect(ctl, dom, from, from && tree, flags,
                         !(flags & VR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL), &l))
        goto cleanup;

    if (tree) {
        for (i = 0; i < l.n; i++) {
            g_autoptr(GString) indent = g_string_new(NULL);
            if (!l.facts[i].parent)
                snapTreePrint(ctl, &l, i, true, true, indent);
        }
    } else if (vshOptBool(cmd, "name")) {
        for (i = 0; i < l.n; i++)
            vshPrint(ctl, "%s\n", l.facts[i].name);
    } else {
        snapListPrintTable(ctl, &l, vshOptBool(cmd, "parent"));
    }
    ok = true;
 cleanup:
    snapListClear(&l);
    return ok;
}

const vshCmdDef virshSnapshotCmds[] = {
    { "snapshot-create-as", cmdSnapshotCreateAs, optsSnapshotCreateAs,
      "take a snapshot described by options",
      "Takes a snapshot of a guest with the given name, description and disk choices.", 0,
      NULL },
    { "snapshot-create", cmdSnapshotCreate, optsSnapshotCreate,
      "take a snapshot from an XML file",
      "Takes a snapshot of a guest, described by an XML file or with defaults.", 0, NULL },
    { "snapshot-current", cmdSnapshotCurrent, optsSnapshotCurrent,
      "show or set the current snapshot",
      "Prints the current snapshot of a guest, or makes another one current.", 0, NULL },
    { "snapshot-delete", cmdSnapshotDelete, optsSnapshotDelete, "delete a snapshot",
      "Deletes a snapshot, optionally with (or only) its descendants.", 0, NULL },
    { "snapshot-dumpxml", cmdSnapshotDumpxml, optsSnapshotDumpxml,
      "print a snapshot's XML description", "Prints the XML description of a snapshot.", 0,
      NULL },
    { "snapshot-info", cmdSnapshotInfo, optsSnapshotInfo, "show snapshot information",
      "Shows the state, place and family of a snapshot.", 0, NULL },
    { "snapshot-list", cmdSnapshotList, optsSnapshotList, "list the snapshots of a guest",
      "Lists a guest's snapshots as a table, a tree or names.", 0, NULL },
    { "snapshot-parent", cmdSnapshotParent, optsSnapshotInfo,
      "print the parent of a snapshot", "Prints the name of a snapshot's parent.", 0, NULL },
    { "snapshot-revert", cmdSnapshotRevert, optsSnapshotRevert, "revert to a snapshot",
      "Brings a guest back to the state a snapshot recorded.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
