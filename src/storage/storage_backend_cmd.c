/*
 * storage_backend_cmd.c: the commands of pool operations as argv lists
 * (pure: nothing here touches the system), and the parsers of discovery
 * output.  The backends run what these return; the goldens in
 * tests/storagepool2argv check them.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "storage_backend_cmd.h"
#include <libxml/parser.h>

#include "util/vrbuf.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_STORAGE

#define ISCSI_DEFAULT_PORT 3260

/* The names of the <source><format> indexes (same order as the
 * tables of src/conf/storage_conf.c). */
static const char *const fsFormats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2", "vfat", "hfs+",
    "xfs", "ocfs2", "vmfs", NULL
};
static const char *const netfsFormats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char *const diskFormats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL
};

static const char *const opNames[VR_STORAGE_CMD_LAST] = {
    "build", "build-overwrite", "start", "refresh", "stop", "delete", "find-sources",
    "vol-create", "vol-delete",
};

const char *
vrStorageCmdOpName(int op)
{
    return op >= 0 && op < VR_STORAGE_CMD_LAST ? opNames[op] : NULL;
}

static const char *
tableName(const char *const *table, int index)
{
    for (int i = 0; table[i]; i++) {
        if (i == index)
            return table[i];
    }
    return "auto";
}

/* Appends a NULL-terminated argv built from the varargs. */
static void G_GNUC_NULL_TERMINATED
addCmd(GPtrArray *cmds, const char *arg0, ...)
{
    GPtrArray *argv = g_ptr_array_new();
    va_list ap;
    const char *arg;

    g_ptr_array_add(argv, g_strdup(arg0));
    va_start(ap, arg0);
    while ((arg = va_arg(ap, const char *)))
        g_ptr_array_add(argv, g_strdup(arg));
    va_end(ap);
    g_ptr_array_add(argv, NULL);
    g_ptr_array_add(cmds, g_ptr_array_free(argv, FALSE));
}

/* Appends @arg to the last command. */
static void
appendArg(GPtrArray *cmds, const char *arg)
{
    char **argv = g_ptr_array_index(cmds, cmds->len - 1);
    guint n = g_strv_length(argv);

    argv = g_renew(char *, argv, n + 2);
    argv[n] = g_strdup(arg);
    argv[n + 1] = NULL;
    cmds->pdata[cmds->len - 1] = argv;
}

int
vrStoragePoolHostPort(const vrStoragePoolDef *def)
{
    if (def->source.nhosts > 0 && def->source.hosts[0].port > 0)
        return def->source.hosts[0].port;
    return ISCSI_DEFAULT_PORT;
}

static const char *
firstHost(const vrStoragePoolDef *def)
{
    return def->source.nhosts > 0 ? def->source.hosts[0].name : "";
}

static const char *
firstDevice(const vrStoragePoolDef *def)
{
    return def->source.ndevices > 0 ? def->source.devices[0].path : "";
}

/* ---- fs ------------------------------------------------------------ */

/* mount -o OPTIONS [-t TYPE] SOURCE TARGET: like libvirt, pools are
 * mounted without devices, setuid or exec. */
static void
addMount(GPtrArray *cmds, const char *fmt, const char *extra, const char *src,
         const char *target)
{
    g_autofree char *opts = g_strdup_printf("nodev,nosuid,noexec%s%s", extra ? "," : "",
                                            extra ? extra : "");

    addCmd(cmds, "mount", "-o", opts, NULL);
    if (!g_str_equal(fmt, "auto")) {
        appendArg(cmds, "-t");
        appendArg(cmds, fmt);
    }
    appendArg(cmds, src);
    appendArg(cmds, target);
}

static void
fsCommands(GPtrArray *cmds, const vrStoragePoolDef *def, int op)
{
    const char *fmt = tableName(fsFormats, def->source.format);

    switch (op) {
    case VR_STORAGE_CMD_BUILD:
    case VR_STORAGE_CMD_BUILD_OVERWRITE:
        addCmd(cmds, "mkfs", "-t", fmt, NULL);
        /* mkfs.ext* and mkfs.xfs refuse an existing filesystem unless forced */
        if (op == VR_STORAGE_CMD_BUILD_OVERWRITE && g_str_has_prefix(fmt, "ext"))
            appendArg(cmds, "-F");
        else if (op == VR_STORAGE_CMD_BUILD_OVERWRITE && g_str_equal(fmt, "xfs"))
            appendArg(cmds, "-f");
        appendArg(cmds, firstDevice(def));
        break;
    case VR_STORAGE_CMD_START:
        addMount(cmds, fmt, NULL, firstDevice(def), def->targetPath);
        break;
    case VR_STORAGE_CMD_STOP:
        addCmd(cmds, "umount", def->targetPath, NULL);
        break;
    case VR_STORAGE_CMD_FIND_SOURCES:
        /* blkid probes the devices itself (lsblk needs udev's database);
         * the backend appends the devices of /proc/partitions */
        addCmd(cmds, "blkid", "--cache-file", "/dev/null", "--output", "export", NULL);
        break;
    default:
        break;
    }
}

/* ---- netfs --------------------------------------------------------- */

static void
netfsCommands(GPtrArray *cmds, const vrStoragePoolDef *def, int op)
{
    const char *fmt = tableName(netfsFormats, def->source.format);
    const char *dir = def->source.dir ? def->source.dir : "";
    g_autofree char *src = NULL;
    g_autofree char *extra = NULL;

    switch (op) {
    case VR_STORAGE_CMD_START:
        if (g_str_equal(fmt, "cifs"))
            src = g_strdup_printf("//%s/%s", firstHost(def), dir[0] == '/' ? dir + 1 : dir);
        else if (g_str_equal(fmt, "glusterfs"))
            src = g_strdup_printf("%s:%s", firstHost(def),
                                  def->source.name ? def->source.name : dir);
        else
            src = g_strdup_printf("%s:%s", firstHost(def), dir);
        if (g_str_equal(fmt, "glusterfs"))
            extra = g_strdup("direct-io-mode=1");
        else if (g_str_equal(fmt, "cifs"))
            extra = g_strdup("guest");
        else if (def->source.protocolVer)
            extra = g_strdup_printf("nfsvers=%s", def->source.protocolVer);
        addMount(cmds, fmt, extra, src, def->targetPath);
        break;
    case VR_STORAGE_CMD_STOP:
        addCmd(cmds, "umount", def->targetPath, NULL);
        break;
    case VR_STORAGE_CMD_FIND_SOURCES:
        addCmd(cmds, "showmount", "--no-headers", "--exports", firstHost(def), NULL);
        break;
    default:
        break;
    }
}

/* ---- logical ------------------------------------------------------- */

static void
logicalCommands(GPtrArray *cmds, const vrStoragePoolDef *def, int op,
                const vrStorageVolDef *vol)
{
    const char *vg = def->source.name ? def->source.name : def->name;
    g_autofree char *lv = NULL;
    g_autofree char *size = NULL;

    switch (op) {
    case VR_STORAGE_CMD_BUILD:
    case VR_STORAGE_CMD_BUILD_OVERWRITE:
        for (size_t i = 0; i < def->source.ndevices; i++) {
            if (op == VR_STORAGE_CMD_BUILD_OVERWRITE)
                addCmd(cmds, "pvcreate", "--force", "--yes", def->source.devices[i].path, NULL);
            else
                addCmd(cmds, "pvcreate", def->source.devices[i].path, NULL);
        }
        addCmd(cmds, "vgcreate", vg, NULL);
        for (size_t i = 0; i < def->source.ndevices; i++)
            appendArg(cmds, def->source.devices[i].path);
        break;
    case VR_STORAGE_CMD_START:
        addCmd(cmds, "vgchange", "--activate", "y", vg, NULL);
        break;
    case VR_STORAGE_CMD_REFRESH:
        addCmd(cmds, "vgs", "--noheadings", "--units", "b", "--nosuffix", "--separator", "#",
               "--options", "vg_size,vg_free,vg_extent_size", vg, NULL);
        addCmd(cmds, "lvs", "--noheadings", "--units", "b", "--nosuffix", "--separator", "#",
               "--options", "lv_name,lv_path,lv_uuid,lv_size,lv_attr", vg, NULL);
        break;
    case VR_STORAGE_CMD_STOP:
        addCmd(cmds, "vgchange", "--activate", "n", vg, NULL);
        break;
    case VR_STORAGE_CMD_DELETE:
        addCmd(cmds, "vgremove", "--force", vg, NULL);
        for (size_t i = 0; i < def->source.ndevices; i++)
            addCmd(cmds, "pvremove", def->source.devices[i].path, NULL);
        break;
    case VR_STORAGE_CMD_FIND_SOURCES:
        addCmd(cmds, "vgscan", NULL);
        addCmd(cmds, "pvs", "--noheadings", "--separator", "#", "--options",
               "pv_name,vg_name", NULL);
        break;
    case VR_STORAGE_CMD_VOL_CREATE:
        if (!vol)
            break;
        /* lvcreate sizes in KiB, rounded up */
        size = g_strdup_printf("%lluK", (vol->capacity + 1023) / 1024);
        addCmd(cmds, "lvcreate", "--name", vol->name, "--size", size, "--yes", vg, NULL);
        break;
    case VR_STORAGE_CMD_VOL_DELETE:
        if (!vol)
            break;
        lv = g_strdup_printf("%s/%s", vg, vol->name);
        addCmd(cmds, "lvremove", "--force", lv, NULL);
        break;
    default:
        break;
    }
}

/* ---- iscsi (kernel initiator) --------------------------------------- */

static void
iscsiAddIface(GPtrArray *cmds, const char *iface)
{
    if (iface) {
        appendArg(cmds, "--interface");
        appendArg(cmds, iface);
    }
}

static void
iscsiCommands(GPtrArray *cmds, const vrStoragePoolDef *def, int op)
{
    g_autofree char *portal = g_strdup_printf("%s:%d", firstHost(def),
                                              vrStoragePoolHostPort(def));
    g_autofree char *portalTag = g_strdup_printf("%s,1", portal);
    g_autofree char *iface = NULL;

    if (def->source.initiatorIQN)
        iface = g_strdup_printf("vireo-iface-%s", def->name);
    switch (op) {
    case VR_STORAGE_CMD_START:
        if (iface) {
            /* a private interface carries the pool's initiator name */
            addCmd(cmds, "iscsiadm", "--mode", "iface", "--interface", iface, "--op", "new", NULL);
            addCmd(cmds, "iscsiadm", "--mode", "iface", "--interface", iface, "--op", "update",
                   "--name", "iface.initiatorname", "--value", def->source.initiatorIQN, NULL);
        }
        addCmd(cmds, "iscsiadm", "--mode", "discovery", "--type", "sendtargets", "--portal",
               portal, NULL);
        iscsiAddIface(cmds, iface);
        addCmd(cmds, "iscsiadm", "--mode", "node", "--portal", portalTag, "--targetname",
               firstDevice(def), NULL);
        iscsiAddIface(cmds, iface);
        appendArg(cmds, "--login");
        break;
    case VR_STORAGE_CMD_REFRESH:
        addCmd(cmds, "iscsiadm", "--mode", "node", "--portal", portalTag, "--targetname",
               firstDevice(def), "--rescan", NULL);
        addCmd(cmds, "iscsiadm", "--mode", "session", NULL);
        break;
    case VR_STORAGE_CMD_STOP:
        addCmd(cmds, "iscsiadm", "--mode", "node", "--portal", portalTag, "--targetname",
               firstDevice(def), NULL);
        iscsiAddIface(cmds, iface);
        appendArg(cmds, "--logout");
        /* the next start makes it again ("--op new" fails on one that exists) */
        if (iface)
            addCmd(cmds, "iscsiadm", "--mode", "iface", "--interface", iface, "--op", "delete",
                   NULL);
        break;
    case VR_STORAGE_CMD_FIND_SOURCES:
        /* discovery only: no node records left behind */
        addCmd(cmds, "iscsiadm", "--mode", "discovery", "--type", "sendtargets", "--portal",
               portalTag, "--op", "nonpersistent", NULL);
        break;
    default:
        break;
    }
}

/* ---- scsi (an HBA's LUNs) ------------------------------------------- */

static void
scsiCommands(GPtrArray *cmds, const vrStoragePoolDef *def, int op)
{
    const char *host = def->source.adapter.name ? def->source.adapter.name : "";
    g_autofree char *scan = g_strdup_printf("/sys/class/scsi_host/%s/scan", host);

    if (op == VR_STORAGE_CMD_START || op == VR_STORAGE_CMD_REFRESH)
        addCmd(cmds, "#write", scan, "- - -", NULL);
}

/* ---- disk ---------------------------------------------------------- */

static void
diskCommands(GPtrArray *cmds, const vrStoragePoolDef *def, int op, const vrStorageVolDef *vol)
{
    const char *fmt = tableName(diskFormats, def->source.format);
    const char *dev = firstDevice(def);

    switch (op) {
    case VR_STORAGE_CMD_BUILD:
    case VR_STORAGE_CMD_BUILD_OVERWRITE:
        /* parted calls the DOS label "msdos"; unknown means the default */
        if (g_str_equal(fmt, "dos") || g_str_equal(fmt, "unknown"))
            fmt = "msdos";
        addCmd(cmds, "parted", "--script", dev, "mklabel", fmt, NULL);
        break;
    case VR_STORAGE_CMD_START:
    case VR_STORAGE_CMD_REFRESH:
        addCmd(cmds, "parted", "--script", "--machine", dev, "unit", "B", "print", "free", NULL);
        break;
    case VR_STORAGE_CMD_DELETE:
        addCmd(cmds, "wipefs", "--all", dev, NULL);
        break;
    case VR_STORAGE_CMD_VOL_DELETE:
        /* a partition's number comes from its name */
        if (vol) {
            g_autofree char *base = g_path_get_basename(dev);
            size_t len = strlen(base);
            /* loop1 -> loop1p2, sda -> sda2: the separator is exact */
            g_autofree char *prefix = g_strdup_printf("%s%s", base,
                                                      len && g_ascii_isdigit(base[len - 1])
                                                      ? "p" : "");
            const char *num = g_str_has_prefix(vol->name, prefix)
                              ? vol->name + strlen(prefix) : "";
            if (*num && strspn(num, "0123456789") == strlen(num))
                g_ptr_array_add(cmds, vrStorageDiskRmArgv(dev, (unsigned int)atoi(num)));
        }
        break;
    default:
        break;
    }
}

GPtrArray *
vrStoragePoolCommands(const vrStoragePoolDef *def, int op, const vrStorageVolDef *vol)
{
    GPtrArray *cmds = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);

    switch (def->type) {
    case VR_STORAGE_POOL_FS:
        fsCommands(cmds, def, op);
        break;
    case VR_STORAGE_POOL_NETFS:
        netfsCommands(cmds, def, op);
        break;
    case VR_STORAGE_POOL_LOGICAL:
        logicalCommands(cmds, def, op, vol);
        break;
    case VR_STORAGE_POOL_ISCSI:
        iscsiCommands(cmds, def, op);
        break;
    case VR_STORAGE_POOL_SCSI:
        scsiCommands(cmds, def, op);
        break;
    case VR_STORAGE_POOL_DISK:
        diskCommands(cmds, def, op, vol);
        break;
    default:
        break;
    }
    return cmds;
}

char **
vrStorageDiskMkpartArgv(const char *dev, const char *partType, unsigned long long start,
                        unsigned long long end)
{
    char **argv = g_new0(char *, 10);

    argv[0] = g_strdup("parted");
    argv[1] = g_strdup("--script");
    argv[2] = g_strdup(dev);
    argv[3] = g_strdup("unit");
    argv[4] = g_strdup("B");
    argv[5] = g_strdup("mkpart");
    argv[6] = g_strdup(partType);
    argv[7] = g_strdup_printf("%lluB", start);
    argv[8] = g_strdup_printf("%lluB", end);
    return argv;
}

char **
vrStorageDiskRmArgv(const char *dev, unsigned int number)
{
    char **argv = g_new0(char *, 6);

    argv[0] = g_strdup("parted");
    argv[1] = g_strdup("--script");
    argv[2] = g_strdup(dev);
    argv[3] = g_strdup("rm");
    argv[4] = g_strdup_printf("%u", number);
    return argv;
}

static bool
needsQuote(const char *arg)
{
    if (!*arg)
        return true;
    for (const char *p = arg; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-_./:=,+@%#", *p))
            return true;
    }
    return false;
}

char *
vrStorageCommandsToString(GPtrArray *cmds)
{
    GString *out = g_string_new(NULL);

    for (guint i = 0; i < cmds->len; i++) {
        char **argv = g_ptr_array_index(cmds, i);
        for (guint j = 0; argv[j]; j++) {
            if (j)
                g_string_append_c(out, ' ');
            if (needsQuote(argv[j]))
                g_string_append_printf(out, "'%s'", argv[j]);
            else
                g_string_append(out, argv[j]);
        }
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* ---- discovery output ---------------------------------------------- */

/* pvs "PV#VG" lines: one <source> per volume group with its PVs. */
char *
vrStorageLogicalParsePVs(const char *output)
{
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    g_autoptr(GPtrArray) vgs = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) pvs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify)g_ptr_array_unref);
    GString *xml = g_string_new("<sources>\n");

    for (guint i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(g_strstrip(lines[i]), "#", -1);
        GPtrArray *list;
        if (g_strv_length(f) < 2 || !*f[0] || !*g_strstrip(f[1]))
            continue;   /* a PV in no VG offers no pool */
        if (!(list = g_hash_table_lookup(pvs, f[1]))) {
            list = g_ptr_array_new_with_free_func(g_free);
            g_hash_table_insert(pvs, g_strdup(f[1]), list);
            g_ptr_array_add(vgs, g_strdup(f[1]));
        }
        g_ptr_array_add(list, g_strdup(g_strstrip(f[0])));
    }
    for (guint i = 0; i < vgs->len; i++) {
        const char *vg = g_ptr_array_index(vgs, i);
        GPtrArray *list = g_hash_table_lookup(pvs, vg);
        g_autofree char *name = g_markup_escape_text(vg, -1);
        g_string_append(xml, "  <source>\n");
        for (guint j = 0; j < list->len; j++) {
            g_autofree char *p = g_markup_escape_text(g_ptr_array_index(list, j), -1);
            g_string_append_printf(xml, "    <device path='%s'/>\n", p);
        }
        g_string_append_printf(xml, "    <name>%s</name>\n    <format type='lvm2'/>\n"
                               "  </source>\n", name);
    }
    g_string_append(xml, "</sources>\n");
    return g_string_free(xml, FALSE);
}

vrStorageVolDef *
vrStorageDeviceVolNew(char *name, char *path, char *key, int type, unsigned long long size)
{
    vrStorageVolDef *vol = g_new0(vrStorageVolDef, 1);

    vol->name = name;
    vol->targetPath = path;
    vol->key = key;
    vol->type = type;
    vol->format = -1;
    vol->capacity = vol->allocation = size;
    vol->hasCapacity = vol->hasAllocation = true;
    vol->perms.mode = -1;
    vol->perms.uid = vol->perms.gid = -1;
    return vol;
}

/* lvs "NAME#PATH#UUID#SIZE#ATTR" lines (the refresh command's options):
 * block volumes keyed by the LV's UUID, as libvirt keys them.  Thin
 * pools and other LVs that are not plain volumes (attr 't', 'T', 'V'
 * data/metadata) are left out. */
GPtrArray *
vrStorageLogicalParseLVs(const char *output)
{
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    GPtrArray *vols = g_ptr_array_new_with_free_func((GDestroyNotify)vrStorageVolDefFree);

    for (guint i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(g_strstrip(lines[i]), "#", -1);
        vrStorageVolDef *vol;
        if (g_strv_length(f) < 5 || !*f[0] || strchr("tT", f[4][0]) ||
            f[0][0] == '[')
            continue;
        vol = vrStorageDeviceVolNew(g_strdup(f[0]), g_strdup(f[1]), g_strdup(f[2]),
                                    VR_STORAGE_VOL_BLOCK, g_ascii_strtoull(f[3], NULL, 10));
        g_ptr_array_add(vols, vol);
    }
    return vols;
}

/* iscsiadm sendtargets lines: "ADDR:PORT,TPGT IQN". */
char *
vrStorageISCSIParseSendTargets(const char *output, const char *host, int port)
{
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    g_autofree char *h = g_markup_escape_text(host ? host : "", -1);
    GString *xml = g_string_new("<sources>\n");

    for (guint i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(g_strstrip(lines[i]), " ", 2);
        g_autofree char *iqn = NULL;
        if (g_strv_length(f) < 2)
            continue;
        iqn = g_markup_escape_text(g_strstrip(f[1]), -1);
        g_string_append_printf(xml, "  <source>\n    <host name='%s' port='%d'/>\n"
                               "    <device path='%s'/>\n  </source>\n", h, port, iqn);
    }
    g_string_append(xml, "</sources>\n");
    return g_string_free(xml, FALSE);
}

/* showmount --no-headers --exports lines: "DIR CLIENTS". */
/* blkid --output export: KEY=VALUE lines, a blank line between devices. */
char *
vrStorageFSParseBlkid(const char *output, const char *format)
{
    g_auto(GStrv) blocks = g_strsplit(output ? output : "", "\n\n", -1);
    GString *xml = g_string_new("<sources>\n");

    for (guint i = 0; blocks[i]; i++) {
        g_auto(GStrv) lines = g_strsplit(blocks[i], "\n", -1);
        const char *dev = NULL, *type = NULL;
        for (guint j = 0; lines[j]; j++) {
            if (g_str_has_prefix(lines[j], "DEVNAME="))
                dev = lines[j] + 8;
            else if (g_str_has_prefix(lines[j], "TYPE="))
                type = lines[j] + 5;
        }
        if (dev && type && (!format || g_str_equal(format, "auto") ||
                            g_str_equal(format, type))) {
            g_autofree char *d = g_markup_escape_text(dev, -1);
            g_autofree char *t = g_markup_escape_text(type, -1);
            g_string_append_printf(xml, "  <source>\n    <device path='%s'/>\n"
                                   "    <format type='%s'/>\n  </source>\n", d, t);
        }
    }
    g_string_append(xml, "</sources>\n");
    return g_string_free(xml, FALSE);
}

char *
vrStorageNetFSParseShowmount(const char *output, const char *host, int format)
{
    g_auto(GStrv) lines = g_strsplit(output ? output : "", "\n", -1);
    g_autofree char *h = g_markup_escape_text(host ? host : "", -1);
    const char *fmt = format > 0 ? tableName(netfsFormats, format) : "nfs";
    GString *xml = g_string_new("<sources>\n");

    for (guint i = 0; lines[i]; i++) {
        g_autofree char *dir = NULL;
        char *line = g_strstrip(lines[i]);
        char *sp = strpbrk(line, " \t");
        if (!*line || line[0] != '/')
            continue;
        if (sp)
            *sp = '\0';
        dir = g_markup_escape_text(line, -1);
        g_string_append_printf(xml, "  <source>\n    <host name='%s'/>\n    <dir path='%s'/>\n"
                               "    <format type='%s'/>\n  </source>\n", h, dir, fmt);
    }
    g_string_append(xml, "</sources>\n");
    return g_string_free(xml, FALSE);
}

/* ---- find-storage-pool-sources specs ------------------------------ */

static char *
propOf(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    char *ret = v ? g_strdup((const char *)v) : NULL;

    xmlFree(v);
    return ret;
}

static xmlNodePtr
childOf(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && g_str_equal((const char *)c->name, name))
            return c;
    }
    return NULL;
}

void
vrStorageSourceSpecFree(vrStorageSourceSpec *spec)
{
    if (!spec)
        return;
    g_free(spec->host);
    g_free(spec->format);
    g_free(spec->initiator);
    g_free(spec->device);
    g_free(spec);
}

vrStorageSourceSpec *
vrStorageSourceSpecParse(const char *xml)
{
    g_autoptr(vrStorageSourceSpec) spec = g_new0(vrStorageSourceSpec, 1);
    xmlDocPtr doc;
    xmlNodePtr root, n;
    g_autofree char *port = NULL;

    if (!xml || !*xml)
        return g_steal_pointer(&spec);
    if (!(doc = xmlReadMemory(xml, (int)strlen(xml), "source.xml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "cannot parse the source specification XML");
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    if (!root || !g_str_equal((const char *)root->name, "source")) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "the source specification must be a <source> "
                      "element");
        xmlFreeDoc(doc);
        return NULL;
    }
    if ((n = childOf(root, "host"))) {
        spec->host = propOf(n, "name");
        port = propOf(n, "port");
        spec->port = port ? atoi(port) : 0;
    }
    if ((n = childOf(root, "format")))
        spec->format = propOf(n, "type");
    if ((n = childOf(childOf(root, "initiator"), "iqn")))
        spec->initiator = propOf(n, "name");
    if ((n = childOf(root, "device")))
        spec->device = propOf(n, "path");
    xmlFreeDoc(doc);
    return g_steal_pointer(&spec);
}
