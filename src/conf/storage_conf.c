/*
 * storage_conf.c: <pool> and <volume> parsing and formatting.
 */
#include <config.h>

#include <string.h>

#include "storage_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_STORAGE

VR_ENUM_IMPL(vrStoragePool, VR_STORAGE_POOL_LAST,
             "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi",
             "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");

/* Volume formats by the kind of pool they live in. */
static const char *const fileVolFormats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd", "ploop",
    "cow", "qcow", "qcow2", "qed", "vmdk", NULL
};
static const char *const diskVolFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid",
    "extended", NULL
};

bool
vrStorageVolFormatIsValid(int poolType, const char *format)
{
    const char *const *list = poolType == VR_STORAGE_POOL_DISK ? diskVolFormats : fileVolFormats;
    size_t i;

    if (poolType == VR_STORAGE_POOL_LOGICAL || poolType == VR_STORAGE_POOL_ISCSI ||
        poolType == VR_STORAGE_POOL_SCSI || poolType == VR_STORAGE_POOL_MPATH ||
        poolType == VR_STORAGE_POOL_RBD || poolType == VR_STORAGE_POOL_ISCSI_DIRECT)
        return g_str_equal(format, "raw") || g_str_equal(format, "none");
    for (i = 0; list[i]; i++) {
        if (g_str_equal(list[i], format))
            return true;
    }
    return false;
}

bool
vrStoragePoolTypeHasFormat(int poolType)
{
    return poolType == VR_STORAGE_POOL_FS || poolType == VR_STORAGE_POOL_NETFS ||
           poolType == VR_STORAGE_POOL_DISK || poolType == VR_STORAGE_POOL_LOGICAL;
}

static void
vrStoragePermsClear(vrStoragePerms *p)
{
    g_free(p->mode);
    g_free(p->owner);
    g_free(p->group);
    g_free(p->label);
    memset(p, 0, sizeof(*p));
}

void
vrStoragePoolDefFree(vrStoragePoolDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    for (i = 0; i < def->source.nhosts; i++)
        g_free(def->source.hosts[i].name);
    g_free(def->source.hosts);
    if (def->source.devices)
        g_ptr_array_unref(def->source.devices);
    g_free(def->source.dir);
    g_free(def->source.name);
    g_free(def->source.format);
    g_free(def->source.initiatorIQN);
    g_free(def->source.adapterXML);
    g_free(def->source.authXML);
    g_free(def->source.vendor);
    g_free(def->source.product);
    g_free(def->source.protocolVer);
    g_free(def->targetPath);
    vrStoragePermsClear(&def->perms);
    g_free(def);
}

void
vrStorageVolDefFree(vrStorageVolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->key);
    g_free(def->targetPath);
    g_free(def->format);
    vrStoragePermsClear(&def->perms);
    g_free(def->compat);
    g_free(def->encryptionXML);
    g_free(def->sourceXML);
    g_free(def->backing.path);
    g_free(def->backing.format);
    vrStoragePermsClear(&def->backing.perms);
    g_free(def);
}

static int
vrStorageParsePerms(xmlNodePtr node, vrStoragePerms *perms, bool *has)
{
    xmlNodePtr p = vrXMLChild(node, "permissions");

    if (!p)
        return 0;
    *has = true;
    perms->mode = vrXMLChildContentStrip(p, "mode");
    perms->owner = vrXMLChildContentStrip(p, "owner");
    perms->group = vrXMLChildContentStrip(p, "group");
    perms->label = vrXMLChildContentStrip(p, "label");
    if (perms->mode) {
        unsigned int mode;
        if (vrStrToUInt(perms->mode, 8, &mode) < 0 || mode > 0777) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "malformed octal mode");
            return -1;
        }
    }
    if (perms->owner) {
        long long v;
        if (vrStrToLLong(perms->owner, 10, &v) < 0 || v < -1) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "malformed owner element");
            return -1;
        }
    }
    if (perms->group) {
        long long v;
        if (vrStrToLLong(perms->group, 10, &v) < 0 || v < -1) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "malformed group element");
            return -1;
        }
    }
    return 0;
}

static void
vrStorageFormatPerms(vrBuf *buf, const vrStoragePerms *perms)
{
    vrBufAddLit(buf, "<permissions>\n");
    vrBufAdjustIndent(buf, 2);
    if (perms->mode)
        vrBufAsprintf(buf, "<mode>%s</mode>\n", perms->mode);
    if (perms->owner)
        vrBufAsprintf(buf, "<owner>%s</owner>\n", perms->owner);
    if (perms->group)
        vrBufAsprintf(buf, "<group>%s</group>\n", perms->group);
    if (perms->label)
        vrBufEscapeXMLPrintf(buf, "<label>%s</label>\n", perms->label);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</permissions>\n");
}

/* ---- pools --------------------------------------------------------- */

static int
vrStoragePoolParseSource(xmlNodePtr source, vrStoragePoolDef *def)
{
    xmlNodePtr node;

    vrXMLForEachNamed(source, "host", h) {
        vrStoragePoolSourceHost host = { vrXMLProp(h, "name"), 0 };
        def->source.hosts = g_renew(vrStoragePoolSourceHost, def->source.hosts,
                                    def->source.nhosts + 1);
        def->source.hosts[def->source.nhosts++] = host;
        if (!host.name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool host name");
            return -1;
        }
        if (vrXMLPropUInt(h, "port", "host", 10, &def->source.hosts[def->source.nhosts - 1].port) < 0)
            return -1;
    }
    vrXMLForEachNamed(source, "device", d) {
        char *path = vrXMLProp(d, "path");
        if (!path) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source device path");
            return -1;
        }
        if (!def->source.devices)
            def->source.devices = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(def->source.devices, path);
    }
    if ((node = vrXMLChild(source, "dir")))
        def->source.dir = vrXMLProp(node, "path");
    def->source.name = vrXMLChildContentStrip(source, "name");
    if ((node = vrXMLChild(source, "format")))
        def->source.format = vrXMLProp(node, "type");
    if ((node = vrXMLChild(source, "initiator"))) {
        xmlNodePtr iqn = vrXMLChild(node, "iqn");
        if (iqn)
            def->source.initiatorIQN = vrXMLProp(iqn, "name");
    }
    if ((node = vrXMLChild(source, "adapter")))
        def->source.adapterXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(source, "auth")))
        def->source.authXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(source, "vendor")))
        def->source.vendor = vrXMLProp(node, "name");
    if ((node = vrXMLChild(source, "product")))
        def->source.product = vrXMLProp(node, "name");
    if ((node = vrXMLChild(source, "protocol")))
        def->source.protocolVer = vrXMLProp(node, "ver");
    return 0;
}

/* What each pool type needs in its <source>. */
static int
vrStoragePoolValidateSource(vrStoragePoolDef *def)
{
    switch ((vrStoragePoolType)def->type) {
    case VR_STORAGE_POOL_NETFS:
    case VR_STORAGE_POOL_ISCSI:
    case VR_STORAGE_POOL_ISCSI_DIRECT:
        if (!def->source.nhosts) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source host name");
            return -1;
        }
        if (def->type == VR_STORAGE_POOL_NETFS && !def->source.dir) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source path");
            return -1;
        }
        break;
    case VR_STORAGE_POOL_FS:
    case VR_STORAGE_POOL_DISK:
        if (!def->source.devices || !def->source.devices->len) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source device path");
            return -1;
        }
        break;
    case VR_STORAGE_POOL_LOGICAL:
        if (!def->source.name && def->source.devices && def->source.devices->len == 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source name");
            return -1;
        }
        if (!def->source.name)
            def->source.name = g_strdup(def->name);
        break;
    case VR_STORAGE_POOL_SCSI:
        if (!def->source.adapterXML) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source adapter");
            return -1;
        }
        break;
    default:
        break;
    }
    return 0;
}

vrStoragePoolDef *
vrStoragePoolDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(storage_pool_definition)", "pool",
                                             VR_FROM_STORAGE);
    g_autoptr(vrStoragePoolDef) def = NULL;
    g_autofree char *type = NULL;
    g_autofree char *uuid = NULL;
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrStoragePoolDef, 1);

    if (!(type = vrXMLProp(root, "type"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required attribute 'type' in element 'pool'");
        return NULL;
    }
    if ((def->type = vrStoragePoolTypeFromString(type)) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute 'type' in element 'pool': '%s'.",
                      type);
        return NULL;
    }
    def->name = vrXMLChildContentStrip(root, "name");
    if (!def->name || !*def->name) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing pool source name element");
        return NULL;
    }
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return NULL;
    }
    if ((uuid = vrXMLChildContentStrip(root, "uuid"))) {
        if (vrUUIDParse(uuid, def->uuid) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
            return NULL;
        }
    } else {
        vrUUIDGenerate(def->uuid);
    }
    if ((node = vrXMLChild(root, "source")) && vrStoragePoolParseSource(node, def) < 0)
        return NULL;
    if (vrStoragePoolValidateSource(def) < 0)
        return NULL;

    if ((node = vrXMLChild(root, "target"))) {
        def->targetPath = vrXMLChildContentStrip(node, "path");
        if (vrStorageParsePerms(node, &def->perms, &def->hasPerms) < 0)
            return NULL;
    }
    if (!def->targetPath && def->type != VR_STORAGE_POOL_RBD &&
        def->type != VR_STORAGE_POOL_SHEEPDOG && def->type != VR_STORAGE_POOL_GLUSTER &&
        def->type != VR_STORAGE_POOL_ISCSI_DIRECT) {
        if (def->type == VR_STORAGE_POOL_LOGICAL) {
            def->targetPath = g_strdup_printf("/dev/%s", def->source.name);
        } else {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool target path");
            return NULL;
        }
    }
    if (def->targetPath) {
        /* libvirt strips trailing slashes from target paths */
        size_t len = strlen(def->targetPath);
        while (len > 1 && def->targetPath[len - 1] == '/')
            def->targetPath[--len] = '\0';
    }
    return g_steal_pointer(&def);
}

char *
vrStoragePoolSourceFormat(const vrStoragePoolSource *src, int poolType, int indent)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    size_t i;

    vrBufSetIndent(&buf, indent);
    vrBufAddLit(&buf, "<source>\n");
    vrBufAdjustIndent(&buf, 2);
    for (i = 0; i < src->nhosts; i++) {
        vrBufEscapeXMLPrintf(&buf, "<host name='%s'", src->hosts[i].name);
        if (src->hosts[i].port)
            vrBufAsprintf(&buf, " port='%u'", src->hosts[i].port);
        vrBufAddLit(&buf, "/>\n");
    }
    for (i = 0; src->devices && i < src->devices->len; i++)
        vrBufEscapeXMLPrintf(&buf, "<device path='%s'/>\n", g_ptr_array_index(src->devices, i));
    if (src->dir)
        vrBufEscapeXMLPrintf(&buf, "<dir path='%s'/>\n", src->dir);
    if (src->adapterXML)
        vrBufAddFragment(&buf, src->adapterXML);
    if (src->name)
        vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", src->name);
    if (src->initiatorIQN) {
        vrBufAddLit(&buf, "<initiator>\n");
        vrBufAdjustIndent(&buf, 2);
        vrBufEscapeXMLPrintf(&buf, "<iqn name='%s'/>\n", src->initiatorIQN);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</initiator>\n");
    }
    if (src->authXML)
        vrBufAddFragment(&buf, src->authXML);
    if (src->vendor)
        vrBufEscapeXMLPrintf(&buf, "<vendor name='%s'/>\n", src->vendor);
    if (src->product)
        vrBufEscapeXMLPrintf(&buf, "<product name='%s'/>\n", src->product);
    if (vrStoragePoolTypeHasFormat(poolType) && src->format)
        vrBufAsprintf(&buf, "<format type='%s'/>\n", src->format);
    if (src->protocolVer)
        vrBufAsprintf(&buf, "<protocol ver='%s'/>\n", src->protocolVer);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</source>\n");
    return vrBufContent(&buf);
}

char *
vrStoragePoolDefFormat(const vrStoragePoolDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    g_autofree char *source = vrStoragePoolSourceFormat(&def->source, def->type, 2);
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAsprintf(&buf, "<pool type='%s'>\n", vrStoragePoolTypeToString(def->type));
    vrBufAdjustIndent(&buf, 2);
    vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->name);
    vrBufAsprintf(&buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    vrBufAsprintf(&buf, "<capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    vrBufAsprintf(&buf, "<allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    vrBufAsprintf(&buf, "<available unit='bytes'>%llu</available>\n", def->available);
    vrBufSetIndent(&buf, 0);
    vrBufAddLit(&buf, source);
    vrBufSetIndent(&buf, 2);
    if (def->targetPath) {
        vrBufAddLit(&buf, "<target>\n");
        vrBufAdjustIndent(&buf, 2);
        vrBufEscapeXMLPrintf(&buf, "<path>%s</path>\n", def->targetPath);
        if (def->hasPerms)
            vrStorageFormatPerms(&buf, &def->perms);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</target>\n");
    }
    vrBufSetIndent(&buf, 0);
    vrBufAddLit(&buf, "</pool>\n");
    return vrBufContent(&buf);
}

vrStoragePoolDef *
vrStoragePoolDefCopy(const vrStoragePoolDef *def)
{
    g_autofree char *xml = vrStoragePoolDefFormat(def);
    vrStoragePoolDef *copy = vrStoragePoolDefParseString(xml);

    if (copy) {
        copy->capacity = def->capacity;
        copy->allocation = def->allocation;
        copy->available = def->available;
    }
    return copy;
}

/* ---- volumes ------------------------------------------------------- */

static int
vrStorageVolParseSize(xmlNodePtr node, const char *what, unsigned long long *bytes)
{
    g_autofree char *text = g_strstrip(vrXMLContent(node));
    g_autofree char *unit = vrXMLProp(node, "unit");

    if (vrStrToULLong(text, 10, bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "malformed %s element", what);
        return -1;
    }
    return vrScaleInteger(bytes, unit, 1, G_MAXINT64);
}

static int
vrStorageVolParseTarget(xmlNodePtr target, const vrStoragePoolDef *pool, vrStorageVolDef *def)
{
    xmlNodePtr node;

    def->targetPath = vrXMLChildContentStrip(target, "path");
    if ((node = vrXMLChild(target, "format"))) {
        def->format = vrXMLProp(node, "type");
        if (!def->format) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "format type attribute is missing");
            return -1;
        }
        if (!vrStorageVolFormatIsValid(pool ? pool->type : VR_STORAGE_POOL_DIR, def->format)) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown volume format type %s",
                          def->format);
            return -1;
        }
    }
    if (vrStorageParsePerms(target, &def->perms, &def->hasPerms) < 0)
        return -1;
    def->compat = vrXMLChildContentStrip(target, "compat");
    def->nocow = vrXMLChild(target, "nocow") != NULL;
    if ((node = vrXMLChild(target, "features")))
        def->lazyRefcounts = vrXMLChild(node, "lazy_refcounts") != NULL;
    if ((node = vrXMLChild(target, "encryption")))
        def->encryptionXML = vrXMLFormatElement(node);
    return 0;
}

vrStorageVolDef *
vrStorageVolDefParseString(const vrStoragePoolDef *pool, const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(storage_volume_definition)", "volume",
                                             VR_FROM_STORAGE);
    g_autoptr(vrStorageVolDef) def = NULL;
    g_autofree char *type = NULL;
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrStorageVolDef, 1);

    def->name = vrXMLChildContentStrip(root, "name");
    if (!def->name || !*def->name) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing volume name element");
        return NULL;
    }
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "volume name '%s' cannot contain '/'", def->name);
        return NULL;
    }
    def->type = VR_STORAGE_VOL_FILE;
    if ((type = vrXMLProp(root, "type"))) {
        static const char *const types[] = { "file", "block", "dir", "network", "netdir", "ploop" };
        size_t i;
        for (i = 0; i < G_N_ELEMENTS(types) && !g_str_equal(types[i], type); i++)
            ;
        if (i == G_N_ELEMENTS(types)) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'type' in element 'volume': '%s'.", type);
            return NULL;
        }
        def->type = (int)i;
    }
    def->key = vrXMLChildContentStrip(root, "key");

    if ((node = vrXMLChild(root, "capacity"))) {
        if (vrStorageVolParseSize(node, "capacity", &def->capacity) < 0)
            return NULL;
        def->hasCapacity = true;
    } else if (!(flags & VR_STORAGE_VOL_PARSE_NO_CAPACITY)) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing capacity element");
        return NULL;
    }
    if ((node = vrXMLChild(root, "allocation"))) {
        if (vrStorageVolParseSize(node, "allocation", &def->allocation) < 0)
            return NULL;
        def->hasAllocation = true;
    } else {
        def->allocation = def->capacity;
    }
    if ((node = vrXMLChild(root, "physical")) &&
        vrStorageVolParseSize(node, "physical", &def->physical) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "source")))
        def->sourceXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(root, "target")) && vrStorageVolParseTarget(node, pool, def) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "backingStore"))) {
        xmlNodePtr fmt = vrXMLChild(node, "format");
        def->hasBacking = true;
        def->backing.path = vrXMLChildContentStrip(node, "path");
        if (!def->backing.path) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing volume backing store path");
            return NULL;
        }
        if (fmt)
            def->backing.format = vrXMLProp(fmt, "type");
        if (vrStorageParsePerms(node, &def->backing.perms, &def->backing.hasPerms) < 0)
            return NULL;
    }
    return g_steal_pointer(&def);
}

char *
vrStorageVolDefFormat(const vrStoragePoolDef *pool, const vrStorageVolDef *def)
{
    static const char *const types[] = { "file", "block", "dir", "network", "netdir", "ploop" };
    g_auto(vrBuf) buf = VR_BUF_INIT;

    (void)pool;
    vrBufAsprintf(&buf, "<volume type='%s'>\n", types[def->type]);
    vrBufAdjustIndent(&buf, 2);
    vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->name);
    vrBufEscapeXMLPrintf(&buf, "<key>%s</key>\n", def->key ? def->key : "(null)");
    if (def->sourceXML)
        vrBufAddFragment(&buf, def->sourceXML);
    vrBufAsprintf(&buf, "<capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    vrBufAsprintf(&buf, "<allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    if (def->physical)
        vrBufAsprintf(&buf, "<physical unit='bytes'>%llu</physical>\n", def->physical);
    vrBufAddLit(&buf, "<target>\n");
    vrBufAdjustIndent(&buf, 2);
    if (def->targetPath)
        vrBufEscapeXMLPrintf(&buf, "<path>%s</path>\n", def->targetPath);
    if (def->format)
        vrBufAsprintf(&buf, "<format type='%s'/>\n", def->format);
    if (def->hasPerms)
        vrStorageFormatPerms(&buf, &def->perms);
    if (def->compat)
        vrBufAsprintf(&buf, "<compat>%s</compat>\n", def->compat);
    if (def->nocow)
        vrBufAddLit(&buf, "<nocow/>\n");
    if (def->lazyRefcounts) {
        vrBufAddLit(&buf, "<features>\n");
        vrBufAdjustIndent(&buf, 2);
        vrBufAddLit(&buf, "<lazy_refcounts/>\n");
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</features>\n");
    }
    if (def->encryptionXML)
        vrBufAddFragment(&buf, def->encryptionXML);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</target>\n");
    if (def->hasBacking) {
        vrBufAddLit(&buf, "<backingStore>\n");
        vrBufAdjustIndent(&buf, 2);
        vrBufEscapeXMLPrintf(&buf, "<path>%s</path>\n", def->backing.path);
        if (def->backing.format)
            vrBufAsprintf(&buf, "<format type='%s'/>\n", def->backing.format);
        if (def->backing.hasPerms)
            vrStorageFormatPerms(&buf, &def->backing.perms);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</backingStore>\n");
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</volume>\n");
    return vrBufContent(&buf);
}
