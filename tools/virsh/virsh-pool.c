/*
 * virsh-pool.c: storage pool commands (pool-*, find-storage-pool-sources).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "util/vrbuf.h"
#include "virsh.h"

#define OPT_POOL { "pool", VSH_OPT_DATA, VSH_OPT_REQUIRED, "pool name or UUID" }

static const vshOptDef optsPool[] = {
    OPT_POOL,
    VIRSH_OPT_END,
};

static const vshOptDef optsPoolFile[] = {
    VIRSH_OPT_FILE("file with the pool's XML description"),
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    VIRSH_OPT_END,
};

#define OPTS_BUILD \
    { "build", VSH_OPT_BOOL, 0, "build the pool before starting it" }, \
    { "no-overwrite", VSH_OPT_BOOL, 0, "build only if nothing is there yet" }, \
    { "overwrite", VSH_OPT_BOOL, 0, "build even over existing data" }

/* --build/--overwrite/--no-overwrite as pool-create/-start flags. */
static bool
poolBuildFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    bool build = vshOptBool(cmd, "build");
    bool overwrite = vshOptBool(cmd, "overwrite");
    bool noOverwrite = vshOptBool(cmd, "no-overwrite");

    if (!vshExclusiveOptions(ctl, cmd, "overwrite", "no-overwrite"))
        return false;
    *flags = 0;
    if (build)
        *flags |= VR_STORAGE_POOL_CREATE_WITH_BUILD;
    if (overwrite)
        *flags |= VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
    if (noOverwrite)
        *flags |= VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
    return true;
}

/* ---- define / create ----------------------------------------------- */

static bool
cmdPoolDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;

    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(pool = vrStoragePoolDefineXML(ctl->conn, xml, 0))) {
        vshError(ctl, "Failed to define pool from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s defined from %s\n", vrStoragePoolGetName(pool), file);
    return true;
}

static const vshOptDef optsPoolCreate[] = {
    VIRSH_OPT_FILE("file with the pool's XML description"),
    OPTS_BUILD,
    VIRSH_OPT_END,
};

static bool
cmdPoolCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags;

    if (vshOptStringReq(ctl, cmd, "file", &file) < 0 || !poolBuildFlags(ctl, cmd, &flags))
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(pool = vrStoragePoolCreateXML(ctl->conn, xml, flags))) {
        vshError(ctl, "Failed to create pool from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s created from %s\n", vrStoragePoolGetName(pool), file);
    return true;
}

#define OPTS_POOL_AS \
    { "name", VSH_OPT_DATA, VSH_OPT_REQUIRED, "name of the pool" }, \
    { "type", VSH_OPT_DATA, VSH_OPT_REQUIRED, "type of the pool (dir, fs, netfs, ...)" }, \
    { "print-xml", VSH_OPT_BOOL, 0, "print the XML instead of defining the pool" }, \
    { "source-host", VSH_OPT_STRING, 0, "host of the source (netfs, iscsi, ...)" }, \
    { "source-path", VSH_OPT_STRING, 0, "directory of the source (netfs)" }, \
    { "source-dev", VSH_OPT_STRING, 0, "device of the source (fs, logical, disk)" }, \
    { "source-name", VSH_OPT_STRING, 0, "name of the source (logical, rbd, ...)" }, \
    { "target", VSH_OPT_STRING, 0, "target path of the pool" }, \
    { "source-format", VSH_OPT_STRING, 0, "format of the source" }, \
    { "auth-type", VSH_OPT_STRING, 0, "authentication type (chap, ceph)" }, \
    { "auth-username", VSH_OPT_STRING, 0, "authentication user name" }, \
    { "secret-usage", VSH_OPT_STRING, 0, "usage of the secret holding the password" }, \
    { "secret-uuid", VSH_OPT_STRING, 0, "UUID of the secret holding the password" }, \
    { "adapter-name", VSH_OPT_STRING, 0, "SCSI host adapter name" }, \
    { "adapter-wwnn", VSH_OPT_STRING, 0, "fc_host adapter WWNN" }, \
    { "adapter-wwpn", VSH_OPT_STRING, 0, "fc_host adapter WWPN" }, \
    { "adapter-parent", VSH_OPT_STRING, 0, "fc_host adapter parent" }, \
    { "adapter-parent-wwnn", VSH_OPT_STRING, 0, "fc_host adapter parent WWNN" }, \
    { "adapter-parent-wwpn", VSH_OPT_STRING, 0, "fc_host adapter parent WWPN" }, \
    { "adapter-parent-fabric-wwn", VSH_OPT_STRING, 0, "fc_host adapter parent fabric WWN" }, \
    { "source-protocol-ver", VSH_OPT_STRING, 0, "NFS protocol version" }, \
    { "source-initiator", VSH_OPT_STRING, 0, "iSCSI initiator IQN" }

static const vshOptDef optsPoolDefineAs[] = {
    OPTS_POOL_AS,
    VIRSH_OPT_END,
};

static const vshOptDef optsPoolCreateAs[] = {
    OPTS_POOL_AS,
    OPTS_BUILD,
    VIRSH_OPT_END,
};

typedef struct {
    const char *host, *path, *dev, *name, *target, *format;
    const char *authType, *authUser, *secretUsage, *secretUuid;
    const char *adapterName, *wwnn, *wwpn, *parent, *parentWwnn, *parentWwpn, *parentFabric;
    const char *protocolVer, *initiator;
} poolAsOptions;

static bool
poolAsReadOptions(vshControl *ctl, const vshCmd *cmd, poolAsOptions *o)
{
    static const struct { const char *name; size_t offset; } map[] = {
        { "source-host", G_STRUCT_OFFSET(poolAsOptions, host) },
        { "source-path", G_STRUCT_OFFSET(poolAsOptions, path) },
        { "source-dev", G_STRUCT_OFFSET(poolAsOptions, dev) },
        { "source-name", G_STRUCT_OFFSET(poolAsOptions, name) },
        { "target", G_STRUCT_OFFSET(poolAsOptions, target) },
        { "source-format", G_STRUCT_OFFSET(poolAsOptions, format) },
        { "auth-type", G_STRUCT_OFFSET(poolAsOptions, authType) },
        { "auth-username", G_STRUCT_OFFSET(poolAsOptions, authUser) },
        { "secret-usage", G_STRUCT_OFFSET(poolAsOptions, secretUsage) },
        { "secret-uuid", G_STRUCT_OFFSET(poolAsOptions, secretUuid) },
        { "adapter-name", G_STRUCT_OFFSET(poolAsOptions, adapterName) },
        { "adapter-wwnn", G_STRUCT_OFFSET(poolAsOptions, wwnn) },
        { "adapter-wwpn", G_STRUCT_OFFSET(poolAsOptions, wwpn) },
        { "adapter-parent", G_STRUCT_OFFSET(poolAsOptions, parent) },
        { "adapter-parent-wwnn", G_STRUCT_OFFSET(poolAsOptions, parentWwnn) },
        { "adapter-parent-wwpn", G_STRUCT_OFFSET(poolAsOptions, parentWwpn) },
        { "adapter-parent-fabric-wwn", G_STRUCT_OFFSET(poolAsOptions, parentFabric) },
        { "source-protocol-ver", G_STRUCT_OFFSET(poolAsOptions, protocolVer) },
        { "source-initiator", G_STRUCT_OFFSET(poolAsOptions, initiator) },
    };
    size_t i;

    memset(o, 0, sizeof(*o));
    for (i = 0; i < G_N_ELEMENTS(map); i++) {
        const char **slot = G_STRUCT_MEMBER_P(o, map[i].offset);
        if (vshOptStringReq(ctl, cmd, map[i].name, slot) < 0)
            return false;
    }
    if (o->secretUsage && o->secretUuid) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "secret-usage",
                 "secret-uuid");
        return false;
    }
    if ((o->wwnn && !o->wwpn) || (!o->wwnn && o->wwpn)) {
        vshError(ctl, "%s", "Either both --adapter-wwnn and --adapter-wwpn must be "
                            "provided or neither of them");
        return false;
    }
    if ((o->parentWwnn && !o->parentWwpn) || (!o->parentWwnn && o->parentWwpn)) {
        vshError(ctl, "%s", "Either both --adapter-parent-wwnn and --adapter-parent-wwpn "
                            "must be provided or neither of them");
        return false;
    }
    return true;
}

static void
poolAsFormatAdapter(vrBuf *buf, const poolAsOptions *o)
{
    if (o->wwnn) {
        vrBufEscapeXMLPrintf(buf, "<adapter type='fc_host' wwnn='%s'", o->wwnn);
        vrBufEscapeXMLPrintf(buf, " wwpn='%s'", o->wwpn);
        if (o->parent)
            vrBufEscapeXMLPrintf(buf, " parent='%s'", o->parent);
        else if (o->parentWwnn) {
            vrBufEscapeXMLPrintf(buf, " parent_wwnn='%s'", o->parentWwnn);
            vrBufEscapeXMLPrintf(buf, " parent_wwpn='%s'", o->parentWwpn);
        } else if (o->parentFabric)
            vrBufEscapeXMLPrintf(buf, " parent_fabric_wwn='%s'", o->parentFabric);
        vrBufAddLit(buf, "/>\n");
    } else if (o->adapterName) {
        vrBufEscapeXMLPrintf(buf, "<adapter type='scsi_host' name='%s'/>\n", o->adapterName);
    }
}

static void
poolAsFormatSource(vrBuf *buf, const poolAsOptions *o)
{
    if (!(o->host || o->path || o->dev || o->format || o->name || o->adapterName || o->wwnn ||
          o->authType || o->protocolVer || o->initiator))
        return;
    vrBufAddLit(buf, "<source>\n");
    vrBufAdjustIndent(buf, 2);
    if (o->host) {
        g_autofree char *host = g_strdup(o->host);
        char *port = strchr(host, ':');
        if (port)
            *port++ = '\0';
        vrBufEscapeXMLPrintf(buf, "<host name='%s'", host);
        if (port)
            vrBufEscapeXMLPrintf(buf, " port='%s'", port);
        vrBufAddLit(buf, "/>\n");
    }
    if (o->path)
        vrBufEscapeXMLPrintf(buf, "<dir path='%s'/>\n", o->path);
    if (o->dev)
        vrBufEscapeXMLPrintf(buf, "<device path='%s'/>\n", o->dev);
    poolAsFormatAdapter(buf, o);
    if (o->authType && o->authUser && (o->secretUsage || o->secretUuid)) {
        vrBufEscapeXMLPrintf(buf, "<auth type='%s'", o->authType);
        vrBufEscapeXMLPrintf(buf, " username='%s'>\n", o->authUser);
        vrBufAdjustIndent(buf, 2);
        if (o->secretUsage)
            vrBufEscapeXMLPrintf(buf, "<secret usage='%s'/>\n", o->secretUsage);
        else
            vrBufEscapeXMLPrintf(buf, "<secret uuid='%s'/>\n", o->secretUuid);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</auth>\n");
    }
    if (o->format)
        vrBufEscapeXMLPrintf(buf, "<format type='%s'/>\n", o->format);
    if (o->name)
        vrBufEscapeXMLPrintf(buf, "<name>%s</name>\n", o->name);
    if (o->protocolVer)
        vrBufEscapeXMLPrintf(buf, "<protocol ver='%s'/>\n", o->protocolVer);
    if (o->initiator) {
        vrBufAddLit(buf, "<initiator>\n");
        vrBufEscapeXMLPrintf(buf, "  <iqn name='%s'/>\n", o->initiator);
        vrBufAddLit(buf, "</initiator>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</source>\n");
}

/* The XML pool-define-as and pool-create-as build from their options. */
static char *
poolAsBuildXML(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    const char *type = NULL;
    poolAsOptions o;

    if (vshOptStringReq(ctl, cmd, "name", name) < 0 ||
        vshOptStringReq(ctl, cmd, "type", &type) < 0 || !poolAsReadOptions(ctl, cmd, &o))
        return NULL;
    vrBufEscapeXMLPrintf(&buf, "<pool type='%s'>\n", type);
    vrBufAdjustIndent(&buf, 2);
    vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", *name);
    poolAsFormatSource(&buf, &o);
    if (o.target) {
        vrBufAddLit(&buf, "<target>\n");
        vrBufEscapeXMLPrintf(&buf, "  <path>%s</path>\n", o.target);
        vrBufAddLit(&buf, "</target>\n");
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</pool>\n");
    return vrBufContent(&buf);
}

static bool
cmdPoolDefineAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;

    if (!(xml = poolAsBuildXML(ctl, cmd, &name)))
        return false;
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(pool = vrStoragePoolDefineXML(ctl->conn, xml, 0))) {
        vshError(ctl, "Failed to define pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s defined\n", name);
    return true;
}

static bool
cmdPoolCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    unsigned int flags;

    if (!poolBuildFlags(ctl, cmd, &flags) || !(xml = poolAsBuildXML(ctl, cmd, &name)))
        return false;
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(pool = vrStoragePoolCreateXML(ctl->conn, xml, flags))) {
        vshError(ctl, "Failed to create pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s created\n", name);
    return true;
}

/* ---- lifecycle ----------------------------------------------------- */

static const vshOptDef optsPoolBuild[] = {
    OPT_POOL,
    { "no-overwrite", VSH_OPT_BOOL, 0, "build only if nothing is there yet" },
    { "overwrite", VSH_OPT_BOOL, 0, "build even over existing data" },
    VIRSH_OPT_END,
};

static bool
cmdPoolBuild(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!vshExclusiveOptions(ctl, cmd, "overwrite", "no-overwrite"))
        return false;
    if (vshOptBool(cmd, "overwrite"))
        flags |= VR_STORAGE_POOL_BUILD_OVERWRITE;
    if (vshOptBool(cmd, "no-overwrite"))
        flags |= VR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (vrStoragePoolBuild(pool, flags) < 0) {
        vshError(ctl, "Failed to build pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s built\n", name);
    return true;
}

static const vshOptDef optsPoolStart[] = {
    OPT_POOL,
    OPTS_BUILD,
    VIRSH_OPT_END,
};

static bool
cmdPoolStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    const char *name = NULL;
    unsigned int flags;

    if (!poolBuildFlags(ctl, cmd, &flags))
        return false;
    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (vrStoragePoolCreate(pool, flags) < 0) {
        vshError(ctl, "Failed to start pool %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s started\n", name);
    return true;
}

typedef int (*poolSimpleOp)(vrStoragePool *pool);

static int
poolDelete(vrStoragePool *pool)
{
    return vrStoragePoolDelete(pool, 0);
}

static int
poolRefresh(vrStoragePool *pool)
{
    return vrStoragePoolRefresh(pool, 0);
}

/* The shape of pool-destroy, -delete, -refresh and -undefine. */
static bool
poolSimpleCommand(vshControl *ctl, const vshCmd *cmd, poolSimpleOp op, const char *verb,
                  const char *done)
{
    g_autoptr(vrStoragePool) pool = NULL;
    const char *name = NULL;

    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (op(pool) < 0) {
        vshError(ctl, "Failed to %s pool %s", verb, name);
        return false;
    }
    vshPrintExtra(ctl, "Pool %s %s\n", name, done);
    return true;
}

static bool
cmdPoolDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return poolSimpleCommand(ctl, cmd, vrStoragePoolDestroy, "destroy", "destroyed");
}

static bool
cmdPoolDelete(vshControl *ctl, const vshCmd *cmd)
{
    return poolSimpleCommand(ctl, cmd, poolDelete, "delete", "deleted");
}

static bool
cmdPoolRefresh(vshControl *ctl, const vshCmd *cmd)
{
    return poolSimpleCommand(ctl, cmd, poolRefresh, "refresh", "refreshed");
}

static bool
cmdPoolUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return poolSimpleCommand(ctl, cmd, vrStoragePoolUndefine, "undefine",
                             "has been undefined");
}

static const vshOptDef optsPoolAutostart[] = {
    OPT_POOL,
    { "disable", VSH_OPT_BOOL, 0, "stop starting the pool with the host" },
    VIRSH_OPT_END,
};

static bool
cmdPoolAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    const char *name = NULL;
    bool enable = !vshOptBool(cmd, "disable");

    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", &name)))
        return false;
    if (vrStoragePoolSetAutostart(pool, enable) < 0) {
        vshError(ctl, enable ? "failed to mark pool %s as autostarted"
                             : "failed to unmark pool %s as autostarted", name);
        return false;
    }
    vshPrintExtra(ctl, enable ? "Pool %s marked as autostarted\n"
                              : "Pool %s unmarked as autostarted\n", name);
    return true;
}

/* ---- queries ------------------------------------------------------- */

static const vshOptDef optsPoolDumpxml[] = {
    OPT_POOL,
    { "inactive", VSH_OPT_BOOL, 0, "show the configuration of the next start" },
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "print only what this XPath selects" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    VIRSH_OPT_END,
};

static bool
cmdPoolDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    xml = vrStoragePoolGetXMLDesc(pool, vshOptBool(cmd, "inactive") ? VR_STORAGE_XML_INACTIVE : 0);
    if (!xml)
        return false;
    return virshDumpXML(ctl, xml, "(storage_pool_definition)", xpath, vshOptBool(cmd, "wrap"));
}

static const char *
poolStateString(int state, bool details)
{
    switch (state) {
    case VR_STORAGE_POOL_INACTIVE: return "inactive";
    case VR_STORAGE_POOL_BUILDING: return "building";
    case VR_STORAGE_POOL_RUNNING: return details ? "running" : "active";
    case VR_STORAGE_POOL_DEGRADED: return "degraded";
    case VR_STORAGE_POOL_INACCESSIBLE: return "inaccessible";
    default: return "unknown";
    }
}

static const vshOptDef optsPoolInfo[] = {
    OPT_POOL,
    { "bytes", VSH_OPT_BOOL, 0, "print sizes in bytes" },
    VIRSH_OPT_END,
};

static void
poolInfoSize(vshControl *ctl, const char *label, unsigned long long bytes, bool raw)
{
    g_autofree char *pretty = NULL;

    if (raw) {
        virshPrintField(ctl, label, "%llu", bytes);
        return;
    }
    pretty = vshPrettyCapacity(bytes);
    virshPrintField(ctl, label, "%s", pretty);
}

static bool
cmdPoolInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    vrStoragePoolInfo info;
    char uuid[VR_UUID_STRING_BUFLEN];
    int persistent, autostart = 0;
    bool raw = vshOptBool(cmd, "bytes");

    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    virshPrintField(ctl, "Name:", "%s", vrStoragePoolGetName(pool));
    if (vrStoragePoolGetUUIDString(pool, uuid) == 0)
        virshPrintField(ctl, "UUID:", "%s", uuid);
    if (vrStoragePoolGetInfo(pool, &info) < 0)
        return false;
    virshPrintField(ctl, "State:", "%s", poolStateString(info.state, true));
    persistent = vrStoragePoolIsPersistent(pool);
    virshPrintField(ctl, "Persistent:", "%s", persistent < 0 ? "unknown"
                                                              : virshYesNo(persistent));
    if (vrStoragePoolGetAutostart(pool, &autostart) < 0)
        virshPrintField(ctl, "Autostart:", "%s", "no autostart");
    else
        virshPrintField(ctl, "Autostart:", "%s", virshYesNo(autostart));
    if (info.state == VR_STORAGE_POOL_RUNNING || info.state == VR_STORAGE_POOL_DEGRADED) {
        poolInfoSize(ctl, "Capacity:", info.capacity, raw);
        poolInfoSize(ctl, "Allocation:", info.allocation, raw);
        poolInfoSize(ctl, "Available:", info.available, raw);
    }
    vshResetLibError();
    return true;
}

static bool
cmdPoolName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = virshCommandOptPoolBy(ctl, cmd, "pool", NULL, VIRSH_BYUUID);

    if (!pool)
        return false;
    vshPrint(ctl, "%s\n", vrStoragePoolGetName(pool));
    return true;
}

static bool
cmdPoolUuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = virshCommandOptPoolBy(ctl, cmd, "pool", NULL, VIRSH_BYNAME);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!pool)
        return false;
    if (vrStoragePoolGetUUIDString(pool, uuid) < 0) {
        vshError(ctl, "%s", "failed to get pool UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

/* ---- pool-list ----------------------------------------------------- */

static const vshOptDef optsPoolList[] = {
    { "inactive", VSH_OPT_BOOL, 0, "list inactive pools" },
    { "all", VSH_OPT_BOOL, 0, "list active and inactive pools" },
    { "transient", VSH_OPT_BOOL, 0, "list transient pools" },
    { "persistent", VSH_OPT_BOOL, 0, "list persistent pools" },
    { "autostart", VSH_OPT_BOOL, 0, "list pools that start with the host" },
    { "no-autostart", VSH_OPT_BOOL, 0, "list pools that do not start with the host" },
    { "type", VSH_OPT_STRING, 0, "only pools of these comma-separated types" },
    { "details", VSH_OPT_BOOL, 0, "show state, persistence and sizes" },
    { "uuid", VSH_OPT_BOOL, 0, "print only UUIDs" },
    { "name", VSH_OPT_BOOL, 0, "print only names" },
    VIRSH_OPT_END,
};

static const char *const poolTypeNames[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "scsi", "mpath", "rbd", "sheepdog",
    "gluster", "zfs", "vstorage", "iscsi-direct",
};

static bool
poolListTypeFlags(vshControl *ctl, const char *types, unsigned int *flags)
{
    g_auto(GStrv) list = g_strsplit(types, ",", -1);
    GStrv t;
    size_t i;

    for (t = list; *t; t++) {
        for (i = 0; i < G_N_ELEMENTS(poolTypeNames); i++) {
            if (g_str_equal(*t, poolTypeNames[i]))
                break;
        }
        if (i == G_N_ELEMENTS(poolTypeNames)) {
            vshError(ctl, "Invalid pool type '%s'", *t);
            return false;
        }
        *flags |= VR_CONNECT_LIST_STORAGE_POOLS_DIR << i;
    }
    return true;
}

static int
poolCompareName(const void *a, const void *b)
{
    vrStoragePool *const *pa = a;
    vrStoragePool *const *pb = b;

    return strcmp(vrStoragePoolGetName(*pa), vrStoragePoolGetName(*pb));
}

static void
poolListFree(vrStoragePool **pools, int n)
{
    int i;

    for (i = 0; i < n; i++)
        vrStoragePoolFree(pools[i]);
    g_free(pools);
}

static bool
poolListFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    const char *type = NULL;

    *flags = VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    if (vshOptBool(cmd, "inactive"))
        *flags = VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (vshOptBool(cmd, "all"))
        *flags = VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (vshOptBool(cmd, "persistent"))
        *flags |= VR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
    if (vshOptBool(cmd, "transient"))
        *flags |= VR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;
    if (vshOptBool(cmd, "autostart"))
        *flags |= VR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
    if (vshOptBool(cmd, "no-autostart"))
        *flags |= VR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
    if (vshOptStringReq(ctl, cmd, "type", &type) < 0)
        return false;
    return !type || poolListTypeFlags(ctl, type, flags);
}

static void
poolListDetailsRow(vshTable *table, vrStoragePool *pool)
{
    vrStoragePoolInfo info;
    int autostart = 0, persistent;
    g_autofree char *cap = NULL, *alloc = NULL, *avail = NULL;
    const char *state = "unknown";
    bool sizes = false;

    if (vrStoragePoolGetInfo(pool, &info) == 0) {
        state = poolStateString(info.state, true);
        sizes = info.state == VR_STORAGE_POOL_RUNNING || info.state == VR_STORAGE_POOL_DEGRADED;
    }
    if (sizes) {
        cap = vshPrettyCapacity(info.capacity);
        alloc = vshPrettyCapacity(info.allocation);
        avail = vshPrettyCapacity(info.available);
    }
    persistent = vrStoragePoolIsPersistent(pool);
    vshTableRowAppend(table, vrStoragePoolGetName(pool), state,
                      vrStoragePoolGetAutostart(pool, &autostart) < 0 ? "no autostart"
                                                                      : virshYesNo(autostart),
                      persistent < 0 ? "unknown" : virshYesNo(persistent),
                      sizes ? cap : "-", sizes ? alloc : "-", sizes ? avail : "-", NULL);
}

static bool
cmdPoolList(vshControl *ctl, const vshCmd *cmd)
{
    bool details = vshOptBool(cmd, "details");
    bool optName = vshOptBool(cmd, "name");
    bool optUuid = vshOptBool(cmd, "uuid");
    vrStoragePool **pools = NULL;
    g_autoptr(vshTable) table = NULL;
    unsigned int flags;
    int n, i;

    if (!poolListFlags(ctl, cmd, &flags))
        return false;
    if (details && (optName || optUuid)) {
        vshError(ctl, "%s", "--details option is not compatible with --uuid or --name");
        return false;
    }
    if ((n = vrConnectListAllStoragePools(ctl->conn, &pools, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list pools");
        return false;
    }
    qsort(pools, n, sizeof(*pools), poolCompareName);
    if (details)
        table = vshTableNew("Name", "State", "Autostart", "Persistent", "Capacity",
                            "Allocation", "Available", NULL);
    else if (!optName && !optUuid)
        table = vshTableNew("Name", "State", "Autostart", NULL);
    for (i = 0; i < n; i++) {
        char uuid[VR_UUID_STRING_BUFLEN] = "";
        int autostart = 0;

        if (optName || optUuid) {
            if (optUuid)
                vrStoragePoolGetUUIDString(pools[i], uuid);
            /* virsh pads names to twenty columns here */
            if (optUuid && optName)
                vshPrint(ctl, "%-36s  %-20s\n", uuid, vrStoragePoolGetName(pools[i]));
            else if (optUuid)
                vshPrint(ctl, "%-36s\n", uuid);
            else
                vshPrint(ctl, "%-20s\n", vrStoragePoolGetName(pools[i]));
        } else if (details) {
            poolListDetailsRow(table, pools[i]);
        } else {
            vshTableRowAppend(table, vrStoragePoolGetName(pools[i]),
                              vrStoragePoolIsActive(pools[i]) == 1 ? "active" : "inactive",
                              vrStoragePoolGetAutostart(pools[i], &autostart) < 0
                                  ? "no autostart" : virshYesNo(autostart), NULL);
        }
    }
    if (table)
        vshTablePrint(ctl, table, true);
    poolListFree(pools, n);
    vshResetLibError();
    return true;
}

/* ---- find-storage-pool-sources ------------------------------------ */

static const vshOptDef optsFindSources[] = {
    { "type", VSH_OPT_DATA, VSH_OPT_REQUIRED, "type of pool to look for" },
    { "srcSpec", VSH_OPT_STRING, 0, "file with an XML <source> to narrow the search" },
    VIRSH_OPT_END,
};

static bool
cmdFindSources(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = NULL, *specFile = NULL;
    g_autofree char *spec = NULL;
    g_autofree char *xml = NULL;

    if (vshOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshOptStringReq(ctl, cmd, "srcSpec", &specFile) < 0)
        return false;
    if (specFile && !(spec = vshReadFile(ctl, specFile)))
        return false;
    if (!(xml = vrConnectFindStoragePoolSources(ctl->conn, type, spec, 0))) {
        vshError(ctl, "%s", "Failed to find any pool sources");
        return false;
    }
    vshPrint(ctl, "%s", xml);
    return true;
}

static const vshOptDef optsFindSourcesAs[] = {
    { "type", VSH_OPT_DATA, VSH_OPT_REQUIRED, "type of pool to look for" },
    { "host", VSH_OPT_STRING, 0, "host to query" },
    { "port", VSH_OPT_STRING, 0, "port to query" },
    { "initiator", VSH_OPT_STRING, 0, "iSCSI initiator IQN" },
    VIRSH_OPT_END,
};

static bool
cmdFindSourcesAs(vshControl *ctl, const vshCmd *cmd)
{
    const char *type = NULL, *host = NULL, *port = NULL, *initiator = NULL;
    g_auto(vrBuf) buf = VR_BUF_INIT;
    g_autofree char *spec = NULL;
    g_autofree char *xml = NULL;

    if (vshOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshOptStringReq(ctl, cmd, "host", &host) < 0 ||
        vshOptStringReq(ctl, cmd, "port", &port) < 0 ||
        vshOptStringReq(ctl, cmd, "initiator", &initiator) < 0)
        return false;
    if (host) {
        vrBufAddLit(&buf, "<source>\n");
        vrBufEscapeXMLPrintf(&buf, "  <host name='%s'", host);
        if (port)
            vrBufEscapeXMLPrintf(&buf, " port='%s'", port);
        vrBufAddLit(&buf, "/>\n");
        if (initiator) {
            vrBufAddLit(&buf, "  <initiator>\n");
            vrBufEscapeXMLPrintf(&buf, "    <iqn name='%s'/>\n", initiator);
            vrBufAddLit(&buf, "  </initiator>\n");
        }
        vrBufAddLit(&buf, "</source>\n");
        spec = vrBufContent(&buf);
    }
    if (!(xml = vrConnectFindStoragePoolSources(ctl->conn, type, spec, 0))) {
        vshError(ctl, "%s", "Failed to find any pool sources");
        return false;
    }
    vshPrint(ctl, "%s", xml);
    return true;
}

const vshCmdDef virshPoolCmds[] = {
    { "find-storage-pool-sources", cmdFindSources, optsFindSources,
      "discover pool sources from an XML spec",
      "Lists, as XML, the sources a pool of the given type could use.", 0, NULL },
    { "find-storage-pool-sources-as", cmdFindSourcesAs, optsFindSourcesAs,
      "discover pool sources on a host",
      "Lists, as XML, the sources a pool of the given type could use on a host.", 0, NULL },
    { "pool-autostart", cmdPoolAutostart, optsPoolAutostart, "start a pool with the host",
      "Marks a pool to start when the host does (or, with --disable, not).", 0, NULL },
    { "pool-build", cmdPoolBuild, optsPoolBuild, "build a pool",
      "Prepares the pool's underlying storage (creates the directory, file system, ...).",
      0, NULL },
    { "pool-create-as", cmdPoolCreateAs, optsPoolCreateAs, "create a pool from options",
      "Starts a transient pool described by the options.", 0, NULL },
    { "pool-create", cmdPoolCreate, optsPoolCreate, "create a pool from an XML file",
      "Starts a transient pool from an XML description.", 0, NULL },
    { "pool-define-as", cmdPoolDefineAs, optsPoolDefineAs, "define a pool from options",
      "Defines (but does not start) a persistent pool described by the options.", 0, NULL },
    { "pool-define", cmdPoolDefine, optsPoolFile, "define a pool from an XML file",
      "Defines (but does not start) a persistent pool.", 0, NULL },
    { "pool-delete", cmdPoolDelete, optsPool, "delete a pool's storage",
      "Removes the underlying storage of an inactive pool.", 0, NULL },
    { "pool-destroy", cmdPoolDestroy, optsPool, "stop a pool",
      "Stops a pool; a transient one disappears.  Its data stays.", 0, NULL },
    { "pool-dumpxml", cmdPoolDumpxml, optsPoolDumpxml, "print a pool's XML description",
      "Prints the XML description of a pool.", 0, NULL },
    { "pool-info", cmdPoolInfo, optsPoolInfo, "show pool information",
      "Shows the state and sizes of a pool.", 0, NULL },
    { "pool-list", cmdPoolList, optsPoolList, "list pools",
      "Lists the storage pools of the connection; without options, the active ones.", 0,
      NULL },
    { "pool-name", cmdPoolName, optsPool, "convert a pool UUID to its name",
      "Prints the name of the pool with the given UUID.", 0, NULL },
    { "pool-refresh", cmdPoolRefresh, optsPool, "refresh a pool",
      "Rescans a pool's volumes and sizes.", 0, NULL },
    { "pool-start", cmdPoolStart, optsPoolStart, "start a defined pool",
      "Starts a pool that is defined but inactive.", 0, NULL },
    { "pool-undefine", cmdPoolUndefine, optsPool, "remove a pool's definition",
      "Removes the definition of an inactive pool.", 0, NULL },
    { "pool-uuid", cmdPoolUuid, optsPool, "convert a pool name to its UUID",
      "Prints the UUID of the named pool.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
