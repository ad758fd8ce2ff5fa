/*
 * storage_conf.c: <pool> and <volume> parsing and formatting, plus the
 * <encryption> and <auth> elements disk sources share with them.
 *
 * What a pool's <source> may hold, which format names it takes and
 * whether its volumes have a <format> all depend on the pool type; the
 * table below says it once for every type.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "storage_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#include "conf_xmlprop.h"  /* after VR_FROM_THIS: it reports under it */

VR_ENUM_IMPL(vrStoragePool, VR_STORAGE_POOL_LAST,
             "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi",
             "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");
VR_ENUM_IMPL(vrStorageFileFormat, VR_STORAGE_FILE_LAST,
             "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd",
             "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");
VR_ENUM_IMPL(vrStorageAuth, VR_STORAGE_AUTH_LAST, "none", "chap", "ceph");
VR_ENUM_IMPL(vrStorageEncryptionFormat, VR_STORAGE_ENCRYPTION_FORMAT_LAST,
             "default", "qcow", "luks", "luks2");
VR_ENUM_IMPL(vrStorageEncryptionEngine, VR_STORAGE_ENCRYPTION_ENGINE_LAST,
             "default", "qemu", "librbd");
VR_ENUM_IMPL(vrStorageAdapter, VR_STORAGE_ADAPTER_LAST, "default", "scsi_host", "fc_host");
VR_ENUM_IMPL(vrStorageVolFeature, VR_STORAGE_VOL_FEATURE_LAST, "lazy_refcounts", "extended_l2");

static const char *const volTypes[] = { "file", "block", "dir", "network", "netdir", "ploop" };

static const char *const fsPoolFormats[] = {
    "auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2", "vfat", "hfs+",
    "xfs", "ocfs2", "vmfs", NULL
};
static const char *const netfsPoolFormats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char *const diskPoolFormats[] = {
    "unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2", NULL
};
static const char *const logicalPoolFormats[] = { "unknown", "lvm2", NULL };
static const char *const diskVolFormats[] = {
    "none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid", "extended", NULL
};

/* What a pool type's <source> uses. */
enum {
    SRC_HOST = 1 << 0,
    SRC_DEVICE = 1 << 1,
    SRC_DIR = 1 << 2,
    SRC_ADAPTER = 1 << 3,
    SRC_NAME = 1 << 4,
    SRC_INITIATOR = 1 << 5,
    SRC_NETWORK = 1 << 6,     /* no local target at all */
};

/* The <format> of a pool type's volumes. */
typedef enum {
    VOL_FORMAT_NONE = 0,      /* not kept, not shown */
    VOL_FORMAT_FILE,          /* image formats, raw by default */
    VOL_FORMAT_DISK,          /* partition types, none by default */
} volFormatKind;

typedef struct {
    unsigned int flags;
    const char *const *formats;   /* the <source><format> names, or NULL */
    int defaultFormat;
    volFormatKind volFormat;
} poolTypeInfo;

static const poolTypeInfo poolTypes[VR_STORAGE_POOL_LAST] = {
    [VR_STORAGE_POOL_DIR] = { 0, NULL, 0, VOL_FORMAT_FILE },
    [VR_STORAGE_POOL_FS] = { SRC_DEVICE, fsPoolFormats, 0, VOL_FORMAT_FILE },
    [VR_STORAGE_POOL_NETFS] = { SRC_HOST | SRC_DIR, netfsPoolFormats, 0, VOL_FORMAT_FILE },
    [VR_STORAGE_POOL_LOGICAL] = { SRC_NAME | SRC_DEVICE, logicalPoolFormats, 1, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_DISK] = { SRC_DEVICE, diskPoolFormats, 0, VOL_FORMAT_DISK },
    [VR_STORAGE_POOL_ISCSI] = { SRC_HOST | SRC_DEVICE | SRC_INITIATOR, NULL, 0, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_ISCSI_DIRECT] = { SRC_HOST | SRC_DEVICE | SRC_NETWORK | SRC_INITIATOR, NULL,
                                       0, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_SCSI] = { SRC_ADAPTER, NULL, 0, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_MPATH] = { 0, NULL, 0, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_RBD] = { SRC_HOST | SRC_NETWORK | SRC_NAME, NULL, 0, VOL_FORMAT_FILE },
    [VR_STORAGE_POOL_SHEEPDOG] = { SRC_HOST | SRC_NETWORK | SRC_NAME, NULL, 0, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_GLUSTER] = { SRC_HOST | SRC_NETWORK | SRC_NAME | SRC_DIR, NULL, 0,
                                  VOL_FORMAT_FILE },
    [VR_STORAGE_POOL_ZFS] = { SRC_NAME | SRC_DEVICE, NULL, 0, VOL_FORMAT_NONE },
    [VR_STORAGE_POOL_VSTORAGE] = { SRC_NAME, NULL, 0, VOL_FORMAT_FILE },
};

static int
vrStrTableIndex(const char *const *table, const char *str)
{
    int i;

    for (i = 0; table[i]; i++) {
        if (g_str_equal(table[i], str))
            return i;
    }
    return -1;
}

/* Out-of-range indexes print as "(null)", as libvirt's do. */
static const char *
vrStrTableName(const char *const *table, int index)
{
    int i;

    for (i = 0; table[i]; i++) {
        if (i == index)
            return table[i];
    }
    return "(null)";
}

static void
attr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrConfEscapeXMLPrintf(buf, "'%s'", value);
}

/* libvirt writes a few values unescaped; matching its output means
 * doing the same. */
static void
rawAttr(vrBuf *buf, const char *name, const char *value)
{
    if (value)
        vrBufAsprintf(buf, " %s='%s'", name, value);
}

/* ---- secrets and auth ---------------------------------------------- */

static void
vrStorageSecretRefClear(vrStorageSecretRef *ref)
{
    g_free(ref->type);
    g_free(ref->usage);
    memset(ref, 0, sizeof(*ref));
}

/* uuid= or usage= of a <secret>, exactly one of them. */
static int
vrStorageSecretRefParse(xmlNodePtr node, vrStorageSecretRef *ref)
{
    g_autofree char *uuid = vrXMLProp(node, "uuid");

    ref->usage = vrXMLProp(node, "usage");
    if (uuid && ref->usage) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "either secret uuid or usage expected");
        return -1;
    }
    if (uuid) {
        if (vrUUIDParse(uuid, ref->uuid) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "invalid secret uuid '%s'", uuid);
            return -1;
        }
        ref->hasUUID = true;
    } else if (!ref->usage) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing secret uuid or usage attribute");
        return -1;
    }
    return 0;
}

/* The type= of a secret is written unescaped, like libvirt does. */
static void
vrStorageSecretRefFormat(vrBuf *buf, const vrStorageSecretRef *ref)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAddLit(buf, "<secret");
    rawAttr(buf, "type", ref->type);
    if (ref->hasUUID)
        vrBufAsprintf(buf, " uuid='%s'", vrUUIDFormat(ref->uuid, uuid));
    attr(buf, "usage", ref->usage);
    vrBufAddLit(buf, "/>\n");
}

void
vrStorageAuthFree(vrStorageAuthDef *auth)
{
    if (!auth)
        return;
    g_free(auth->username);
    vrStorageSecretRefClear(&auth->secret);
    g_free(auth);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageAuthDef, vrStorageAuthFree)

vrStorageAuthDef *
vrStorageAuthParse(xmlNodePtr node)
{
    g_autoptr(vrStorageAuthDef) auth = g_new0(vrStorageAuthDef, 1);
    g_autofree char *type = vrXMLProp(node, "type");
    xmlNodePtr secret;

    if (!(auth->username = vrPropNonEmpty(node, "username"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing username for auth");
        return NULL;
    }
    if (type && (auth->authType = vrStorageAuthTypeFromString(type)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown auth type '%s'", type);
        return NULL;
    }
    if (!(secret = vrXMLChild(node, "secret"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <secret> element in auth");
        return NULL;
    }
    auth->secret.type = vrXMLProp(secret, "type");
    if (vrStorageSecretRefParse(secret, &auth->secret) < 0)
        return NULL;
    return g_steal_pointer(&auth);
}

void
vrStorageAuthFormat(vrBuf *buf, const vrStorageAuthDef *auth)
{
    vrBufAddLit(buf, "<auth");
    if (auth->authType)
        vrBufAsprintf(buf, " type='%s'", vrStorageAuthTypeToString(auth->authType));
    attr(buf, "username", auth->username);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrStorageSecretRefFormat(buf, &auth->secret);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</auth>\n");
}

/* ---- encryption ---------------------------------------------------- */

void
vrStorageEncryptionFree(vrStorageEncryption *enc)
{
    size_t i;

    if (!enc)
        return;
    for (i = 0; i < enc->nsecrets; i++)
        vrStorageSecretRefClear(&enc->secrets[i]);
    g_free(enc->secrets);
    g_free(enc->cipherName);
    g_free(enc->cipherMode);
    g_free(enc->cipherHash);
    g_free(enc->ivgenName);
    g_free(enc->ivgenHash);
    g_free(enc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageEncryption, vrStorageEncryptionFree)

static int
vrStorageEncryptionParseSecret(xmlNodePtr node, vrStorageEncryption *enc)
{
    vrStorageSecretRef ref = { 0 };

    if (!(ref.type = vrXMLProp(node, "type"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "unknown volume encryption secret type");
        return -1;
    }
    /* passphrase is the only kind there is */
    if (!g_str_equal(ref.type, "passphrase")) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown volume encryption secret type %s",
                      ref.type);
        vrStorageSecretRefClear(&ref);
        return -1;
    }
    if (vrStorageSecretRefParse(node, &ref) < 0) {
        vrStorageSecretRefClear(&ref);
        return -1;
    }
    enc->secrets = g_renew(vrStorageSecretRef, enc->secrets, enc->nsecrets + 1);
    enc->secrets[enc->nsecrets++] = ref;
    return 0;
}

static int
vrStorageEncryptionParseCipher(xmlNodePtr cipher, vrStorageEncryption *enc)
{
    g_autofree char *size = vrXMLProp(cipher, "size");

    if (!(enc->cipherName = vrXMLProp(cipher, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "cipher info missing 'name' attribute");
        return -1;
    }
    if (!size) {
        vrPropReportMissing(cipher, "size");
        return -1;
    }
    if (vrPropUInt(cipher, "size", 10, &enc->cipherSize) < 0)
        return -1;
    enc->cipherMode = vrXMLProp(cipher, "mode");
    enc->cipherHash = vrXMLProp(cipher, "hash");
    enc->hasCipher = true;
    return 0;
}

/* Cipher and IV generator settings exist for LUKS only; other formats
 * ignore them. */
static int
vrStorageEncryptionParseInfo(xmlNodePtr node, vrStorageEncryption *enc)
{
    xmlNodePtr cipher = vrXMLChild(node, "cipher");
    xmlNodePtr ivgen = vrXMLChild(node, "ivgen");

    if (enc->format != VR_STORAGE_ENCRYPTION_FORMAT_LUKS)
        return 0;
    if (cipher && vrStorageEncryptionParseCipher(cipher, enc) < 0)
        return -1;
    if (ivgen) {
        if (!cipher) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "ivgen element found, but cipher is missing");
            return -1;
        }
        if (!(enc->ivgenName = vrXMLProp(ivgen, "name"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing ivgen info name string");
            return -1;
        }
        enc->ivgenHash = vrXMLProp(ivgen, "hash");
        enc->hasIvgen = true;
    }
    return 0;
}

int
vrStorageEncryptionParse(xmlNodePtr node, vrStorageEncryption **encp)
{
    g_autoptr(vrStorageEncryption) enc = g_new0(vrStorageEncryption, 1);
    g_autofree char *format = vrPropNonEmpty(node, "format");

    if (!format) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "unknown volume encryption format");
        return -1;
    }
    if ((enc->format = vrStorageEncryptionFormatTypeFromString(format)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown volume encryption format type %s",
                      format);
        return -1;
    }
    if (vrPropEnum(node, "engine", vrStorageEncryptionEngineTypeFromString, false, true,
                   &enc->engine) < 0)
        return -1;
    vrXMLForEachNamed(node, "secret", secret) {
        if (vrStorageEncryptionParseSecret(secret, enc) < 0)
            return -1;
    }
    if (vrStorageEncryptionParseInfo(node, enc) < 0)
        return -1;
    *encp = g_steal_pointer(&enc);
    return 0;
}

void
vrStorageEncryptionFormat(vrBuf *buf, const vrStorageEncryption *enc)
{
    size_t i;

    vrBufAsprintf(buf, "<encryption format='%s'",
                  vrStorageEncryptionFormatTypeToString(enc->format));
    if (enc->engine)
        vrBufAsprintf(buf, " engine='%s'", vrStorageEncryptionEngineTypeToString(enc->engine));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < enc->nsecrets; i++)
        vrStorageSecretRefFormat(buf, &enc->secrets[i]);
    if (enc->hasCipher) {
        vrBufAddLit(buf, "<cipher");
        attr(buf, "name", enc->cipherName);
        vrBufAsprintf(buf, " size='%u'", enc->cipherSize);
        attr(buf, "mode", enc->cipherMode);
        attr(buf, "hash", enc->cipherHash);
        vrBufAddLit(buf, "/>\n");
    }
    if (enc->hasIvgen) {
        vrBufAddLit(buf, "<ivgen");
        attr(buf, "name", enc->ivgenName);
        attr(buf, "hash", enc->ivgenHash);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</encryption>\n");
}

/* ---- permissions --------------------------------------------------- */

/* An owner/group: -1 or any 32-bit id (4294967295 being -1 too). */
static int
vrStoragePermsParseId(xmlNodePtr perms, const char *name, long long *id)
{
    xmlNodePtr node = vrXMLChild(perms, name);
    g_autofree char *text = NULL;
    long long v;

    *id = -1;
    if (!node)
        return 0;
    text = vrXMLContent(node);
    if (vrStrToLLong(text, 10, &v) < 0 || (v != -1 && (v < 0 || v > G_MAXUINT32))) {
        vrReportError(VR_ERR_XML_ERROR, "malformed %s element", name);
        return -1;
    }
    *id = v == G_MAXUINT32 ? -1 : v;
    return 0;
}

static int
vrStoragePermsParse(xmlNodePtr parent, vrStoragePerms *perms)
{
    xmlNodePtr node = vrXMLChild(parent, "permissions");
    g_autofree char *mode = NULL;

    perms->mode = -1;
    perms->uid = perms->gid = -1;
    if (!node)
        return 0;
    if ((mode = vrPropChildText(node, "mode"))) {
        int v;
        if (vrStrToInt(mode, 8, &v) < 0 || (v & ~0777)) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "malformed octal mode");
            return -1;
        }
        perms->mode = v;
    }
    if (vrStoragePermsParseId(node, "owner", &perms->uid) < 0 ||
        vrStoragePermsParseId(node, "group", &perms->gid) < 0)
        return -1;
    perms->label = vrPropChildText(node, "label");
    return 0;
}

static void
vrStoragePermsFormat(vrBuf *buf, const vrStoragePerms *perms)
{
    if (perms->mode == -1 && perms->uid == -1 && perms->gid == -1 && !perms->label)
        return;
    vrBufAddLit(buf, "<permissions>\n");
    vrBufAdjustIndent(buf, 2);
    if (perms->mode != -1)
        vrBufAsprintf(buf, "<mode>%04o</mode>\n", perms->mode);
    /* ids print as signed 32-bit numbers */
    if (perms->uid != -1)
        vrBufAsprintf(buf, "<owner>%d</owner>\n", (int)(guint32)perms->uid);
    if (perms->gid != -1)
        vrBufAsprintf(buf, "<group>%d</group>\n", (int)(guint32)perms->gid);
    if (perms->label)
        vrConfEscapeXMLPrintf(buf, "<label>%s</label>\n", perms->label);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</permissions>\n");
}

/* ---- pools: lifetime ----------------------------------------------- */

static void
vrStorageAdapterClear(vrStorageAdapterDef *a)
{
    g_free(a->name);
    g_free(a->parent);
    g_free(a->parentWWNN);
    g_free(a->parentWWPN);
    g_free(a->parentFabricWWN);
    g_free(a->wwnn);
    g_free(a->wwpn);
}

static void
vrStoragePoolSourceClear(vrStoragePoolSource *src)
{
    size_t i;

    for (i = 0; i < src->nhosts; i++)
        g_free(src->hosts[i].name);
    g_free(src->hosts);
    for (i = 0; i < src->ndevices; i++)
        g_free(src->devices[i].path);
    g_free(src->devices);
    g_free(src->dir);
    g_free(src->name);
    g_free(src->initiatorIQN);
    vrStorageAdapterClear(&src->adapter);
    vrStorageAuthFree(src->auth);
    g_free(src->vendor);
    g_free(src->product);
    g_free(src->protocolVer);
}

void
vrStoragePoolDefFree(vrStoragePoolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    vrStoragePoolSourceClear(&def->source);
    g_free(def->targetPath);
    g_free(def->perms.label);
    g_free(def);
}

/* ---- pools: adapters ----------------------------------------------- */

static int
vrStorageAdapterParsePCI(xmlNodePtr node, vrStorageAdapterDef *a)
{
    struct {
        const char *name;
        unsigned int *value;
        unsigned int max;
        const char *fmt;
    } parts[] = {
        { "domain", &a->pciDomain, G_MAXUINT, NULL },
        { "bus", &a->pciBus, 0xFF, "Invalid PCI address bus='0x%x', must be <= 0xFF" },
        { "slot", &a->pciSlot, 0x1F, "Invalid PCI address slot='0x%x', must be <= 0x1F" },
        { "function", &a->pciFunction, 7, "Invalid PCI address function=0x%x, must be <= 7" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(parts); i++) {
        if (vrPropUInt(node, parts[i].name, 0, parts[i].value) < 0)
            return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(parts); i++) {
        if (*parts[i].value > parts[i].max) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
            vrReportError(VR_ERR_XML_ERROR, parts[i].fmt, *parts[i].value);
#pragma GCC diagnostic pop
            return -1;
        }
    }
    return 0;
}

static int
vrStorageAdapterParseSCSIHost(xmlNodePtr node, vrStorageAdapterDef *a)
{
    xmlNodePtr parentaddr = vrXMLChild(node, "parentaddr");
    xmlNodePtr addr;
    g_autofree char *uid = NULL;

    a->name = vrXMLProp(node, "name");
    if (!parentaddr)
        return 0;
    if (!(addr = vrXMLChild(parentaddr, "address"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing scsi_host PCI address element");
        return -1;
    }
    a->hasParentAddr = true;
    if (vrStorageAdapterParsePCI(addr, a) < 0)
        return -1;
    uid = vrPropNonEmpty(parentaddr, "unique_id");
    if (!uid || vrStrToInt(uid, 10, &a->uniqueId) < 0 || a->uniqueId < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing or invalid scsi adapter 'unique_id' value");
        return -1;
    }
    return 0;
}

static int
vrStorageAdapterParseFCHost(xmlNodePtr node, vrStorageAdapterDef *a)
{
    if (vrPropTristate(node, "managed", &a->managed) < 0)
        return -1;
    a->parent = vrXMLProp(node, "parent");
    a->parentWWNN = vrXMLProp(node, "parent_wwnn");
    a->parentWWPN = vrXMLProp(node, "parent_wwpn");
    a->parentFabricWWN = vrXMLProp(node, "parent_fabric_wwn");
    a->wwnn = vrXMLProp(node, "wwnn");
    a->wwpn = vrXMLProp(node, "wwpn");
    return 0;
}

/* Without type= only a scsi_host name is understood. */
static int
vrStorageAdapterParseLegacy(xmlNodePtr node, vrStorageAdapterDef *a)
{
    g_autofree char *wwnn = vrXMLProp(node, "wwnn");
    g_autofree char *wwpn = vrXMLProp(node, "wwpn");
    g_autofree char *parent = vrXMLProp(node, "parent");

    if (wwnn || wwpn || parent) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Use of 'wwnn', 'wwpn', and 'parent' attributes requires use of the adapter 'type'");
        return -1;
    }
    if ((a->name = vrXMLProp(node, "name")))
        a->type = VR_STORAGE_ADAPTER_SCSI_HOST;
    return 0;
}

static int
vrStorageAdapterParse(xmlNodePtr node, vrStorageAdapterDef *a)
{
    int rc = vrPropEnum(node, "type", vrStorageAdapterTypeFromString, false, true, &a->type);

    if (rc < 0)
        return -1;
    if (rc == 0)
        return vrStorageAdapterParseLegacy(node, a);
    if (a->type == VR_STORAGE_ADAPTER_FC_HOST)
        return vrStorageAdapterParseFCHost(node, a);
    return vrStorageAdapterParseSCSIHost(node, a);
}

/* 16 hex digits, optionally after "0x". */
static int
vrStorageValidateWWN(const char *wwn)
{
    const char *p = g_str_has_prefix(wwn, "0x") ? wwn + 2 : wwn;
    size_t n;

    for (n = 0; p[n] && g_ascii_isxdigit(p[n]); n++)
        ;
    if (p[n] || n != 16) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Malformed wwn: %s", wwn);
        return -1;
    }
    return 0;
}

static int
vrStorageAdapterValidateFCHost(const vrStorageAdapterDef *a)
{
    if (!a->wwnn || !a->wwpn) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "'wwnn' and 'wwpn' must be specified for adapter type 'fchost'");
        return -1;
    }
    if (vrStorageValidateWWN(a->wwnn) < 0 || vrStorageValidateWWN(a->wwpn) < 0)
        return -1;
    if (a->parentWWNN && !a->parentWWPN) {
        vrReportError(VR_ERR_XML_ERROR,
                      "when providing parent_wwnn='%s', the parent_wwpn must also be provided",
                      a->parentWWNN);
        return -1;
    }
    if (!a->parentWWNN && a->parentWWPN) {
        vrReportError(VR_ERR_XML_ERROR,
                      "when providing parent_wwpn='%s', the parent_wwnn must also be provided",
                      a->parentWWPN);
        return -1;
    }
    if ((a->parentWWNN && vrStorageValidateWWN(a->parentWWNN) < 0) ||
        (a->parentWWPN && vrStorageValidateWWN(a->parentWWPN) < 0) ||
        (a->parentFabricWWN && vrStorageValidateWWN(a->parentFabricWWN) < 0))
        return -1;
    return 0;
}

static int
vrStorageAdapterValidate(const vrStorageAdapterDef *a)
{
    switch ((vrStorageAdapterType)a->type) {
    case VR_STORAGE_ADAPTER_FC_HOST:
        return vrStorageAdapterValidateFCHost(a);
    case VR_STORAGE_ADAPTER_SCSI_HOST:
        if (!a->name && !a->hasParentAddr) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "Either 'name' or 'parent' must be specified for the 'scsi_host' adapter");
            return -1;
        }
        if (a->name && a->hasParentAddr) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "Both 'name' and 'parent' cannot be specified for the 'scsi_host' adapter");
            return -1;
        }
        return 0;
    case VR_STORAGE_ADAPTER_DEFAULT:
    case VR_STORAGE_ADAPTER_LAST:
        break;
    }
    vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source adapter");
    return -1;
}

static void
vrStorageAdapterFormat(vrBuf *buf, const vrStorageAdapterDef *a)
{
    vrBufAsprintf(buf, "<adapter type='%s'", vrStorageAdapterTypeToString(a->type));
    if (a->type == VR_STORAGE_ADAPTER_FC_HOST) {
        attr(buf, "parent", a->parent);
        attr(buf, "parent_wwnn", a->parentWWNN);
        attr(buf, "parent_wwpn", a->parentWWPN);
        attr(buf, "parent_fabric_wwn", a->parentFabricWWN);
        rawAttr(buf, "managed", vrPropTristateString(a->managed));
        rawAttr(buf, "wwnn", a->wwnn);
        rawAttr(buf, "wwpn", a->wwpn);
        vrBufAddLit(buf, "/>\n");
        return;
    }
    rawAttr(buf, "name", a->name);
    if (!a->hasParentAddr) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<parentaddr unique_id='%d'>\n", a->uniqueId);
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%d'/>\n",
                  a->pciDomain, a->pciBus, a->pciSlot, a->pciFunction);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</parentaddr>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</adapter>\n");
}

/* ---- pools: source ------------------------------------------------- */

static int
vrStoragePoolParseHosts(xmlNodePtr source, vrStoragePoolSource *src)
{
    vrXMLForEachNamed(source, "host", h) {
        vrStoragePoolSourceHost host = { NULL, 0 };

        if (!(host.name = vrXMLProp(h, "name"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool host name");
            return -1;
        }
        src->hosts = g_renew(vrStoragePoolSourceHost, src->hosts, src->nhosts + 1);
        src->hosts[src->nhosts++] = host;
        if (vrPropInt(h, "port", 10, &src->hosts[src->nhosts - 1].port) < 0)
            return -1;
    }
    return 0;
}

static int
vrStoragePoolParseDevices(xmlNodePtr source, vrStoragePoolSource *src)
{
    vrXMLForEachNamed(source, "device", d) {
        vrStoragePoolSourceDevice dev = { NULL, 0 };

        if (!(dev.path = vrXMLProp(d, "path"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source device path");
            return -1;
        }
        src->devices = g_renew(vrStoragePoolSourceDevice, src->devices, src->ndevices + 1);
        src->devices[src->ndevices++] = dev;
        if (vrPropTristate(d, "part_separator", &src->devices[src->ndevices - 1].partSeparator) < 0)
            return -1;
    }
    return 0;
}

static int
vrStoragePoolParseFormat(xmlNodePtr source, int type, vrStoragePoolSource *src)
{
    const poolTypeInfo *info = &poolTypes[type];
    g_autofree char *format = vrPropNonEmpty(vrXMLChild(source, "format"), "type");

    if (!info->formats)
        return 0;
    src->format = info->defaultFormat;
    if (format && (src->format = vrStrTableIndex(info->formats, format)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown pool format type %s", format);
        return -1;
    }
    return 0;
}

static int
vrStoragePoolParseAuth(xmlNodePtr source, vrStoragePoolSource *src)
{
    xmlNodePtr node = vrXMLChild(source, "auth");

    if (!node)
        return 0;
    if (!(src->auth = vrStorageAuthParse(node)))
        return -1;
    if (!src->auth->authType) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "storage pool missing auth type");
        return -1;
    }
    return 0;
}

/* NFS versions make sense for nfs and auto-detected shares only; the
 * check looks at the format index whatever the pool type is. */
static int
vrStoragePoolParseProtocol(xmlNodePtr source, vrStoragePoolSource *src)
{
    if (!(src->protocolVer = vrPropNonEmpty(vrXMLChild(source, "protocol"), "ver")))
        return 0;
    /* it becomes a mount option (nfsvers=): a comma would add others */
    if (strchr(src->protocolVer, ',')) {
        vrReportError(VR_ERR_XML_DETAIL, "storage pool protocol ver '%s' must not contain ','",
                      src->protocolVer);
        return -1;
    }
    if (src->format != 0 && src->format != 1) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "storage pool protocol ver unsupported for pool type '%s'",
                      vrStrTableName(netfsPoolFormats, src->format));
        return -1;
    }
    return 0;
}

static int
vrStoragePoolParseSource(xmlNodePtr source, int type, vrStoragePoolSource *src)
{
    xmlNodePtr node;

    src->name = vrPropChildText(source, "name");
    if (type == VR_STORAGE_POOL_RBD && !src->name) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "element 'name' is mandatory for RBD pool");
        return -1;
    }
    if (vrStoragePoolParseFormat(source, type, src) < 0 ||
        vrStoragePoolParseHosts(source, src) < 0)
        return -1;
    if ((node = vrXMLChild(source, "initiator")))
        src->initiatorIQN = vrPropNonEmpty(vrXMLChild(node, "iqn"), "name");
    if (vrStoragePoolParseDevices(source, src) < 0)
        return -1;
    src->dir = vrPropNonEmpty(vrXMLChild(source, "dir"), "path");
    if (!src->dir && type == VR_STORAGE_POOL_GLUSTER)
        src->dir = g_strdup("/");
    if ((node = vrXMLChild(source, "adapter")) && vrStorageAdapterParse(node, &src->adapter) < 0)
        return -1;
    if (vrStoragePoolParseAuth(source, src) < 0 || vrStoragePoolParseProtocol(source, src) < 0)
        return -1;
    src->vendor = vrPropNonEmpty(vrXMLChild(source, "vendor"), "name");
    src->product = vrPropNonEmpty(vrXMLChild(source, "product"), "name");
    return 0;
}

/* The checks that need the pool's name and type. */
static int
vrStoragePoolValidateSource(vrStoragePoolDef *def)
{
    unsigned int flags = poolTypes[def->type].flags;

    if ((flags & SRC_HOST) && !def->source.nhosts) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source host name");
        return -1;
    }
    if ((flags & SRC_DIR) && !def->source.dir) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source path");
        return -1;
    }
    if ((flags & SRC_NAME) && !def->source.name)
        def->source.name = g_strdup(def->name);
    if ((flags & SRC_ADAPTER) && vrStorageAdapterValidate(&def->source.adapter) < 0)
        return -1;
    if (flags == SRC_DEVICE && !def->source.ndevices) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool source device name");
        return -1;
    }
    return 0;
}

/* ---- pools: target ------------------------------------------------- */

/* Collapses repeated slashes and drops a trailing one; a leading "//"
 * (and only exactly two) is kept, POSIX gives it a meaning. */
static char *
vrStorageSanitizePath(const char *path)
{
    GString *out = g_string_sized_new(strlen(path));
    const char *p = path;

    if (p[0] == '/' && p[1] == '/' && p[2] != '/') {
        g_string_append(out, "//");
        p += 2;
    }
    for (; *p; p++) {
        if (*p == '/' && out->len && out->str[out->len - 1] == '/')
            continue;
        g_string_append_c(out, *p);
    }
    if (out->len > 1 && out->str[out->len - 1] == '/')
        g_string_truncate(out, out->len - 1);
    return g_string_free(out, FALSE);
}

static int
vrStoragePoolParseTarget(xmlNodePtr root, vrStoragePoolDef *def)
{
    xmlNodePtr target = vrXMLChild(root, "target");
    const char *vg = def->source.name ? def->source.name : def->name;
    g_autofree char *path = NULL;

    if (poolTypes[def->type].flags & SRC_NETWORK)
        return 0;
    /* volume groups and zpools live at fixed places */
    if (def->type == VR_STORAGE_POOL_LOGICAL)
        path = g_strdup_printf("/dev/%s", vg);
    else if (def->type == VR_STORAGE_POOL_ZFS)
        path = g_strdup_printf("/dev/zvol/%s", vg);
    else if (!(path = vrPropChildText(target, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing storage pool target path");
        return -1;
    }
    def->targetPath = vrStorageSanitizePath(path);
    return vrStoragePermsParse(target, &def->perms);
}

/* ---- pools: parse -------------------------------------------------- */

static int
vrStoragePoolParseIdentity(xmlNodePtr root, vrStoragePoolDef *def)
{
    g_autofree char *uuid = NULL;

    def->name = vrPropChildText(root, "name");
    if (!def->name && (poolTypes[def->type].flags & SRC_NAME) && def->source.name)
        def->name = g_strdup(def->source.name);
    if (!def->name) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing pool source name element");
        return -1;
    }
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    if (!(uuid = vrPropChildText(root, "uuid"))) {
        vrUUIDGenerate(def->uuid);
    } else if (vrUUIDParse(uuid, def->uuid) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "malformed uuid element");
        return -1;
    }
    return 0;
}

vrStoragePoolDef *
vrStoragePoolDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(storage_pool_definition)", "pool",
                                             VR_FROM_STORAGE);
    g_autoptr(vrStoragePoolDef) def = NULL;
    xmlNodePtr root, source;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrStoragePoolDef, 1);
    if (vrPropEnum(root, "type", vrStoragePoolTypeFromString, true, false, &def->type) < 0)
        return NULL;
    if ((source = vrXMLChild(root, "source"))) {
        if (vrStoragePoolParseSource(source, def->type, &def->source) < 0)
            return NULL;
    } else {
        def->source.format = poolTypes[def->type].defaultFormat;
    }
    if (vrStoragePoolParseIdentity(root, def) < 0 ||
        vrStoragePoolValidateSource(def) < 0 ||
        vrStoragePoolParseTarget(root, def) < 0)
        return NULL;
    if (def->type == VR_STORAGE_POOL_ISCSI_DIRECT && !def->source.initiatorIQN) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "missing initiator IQN");
        return NULL;
    }
    return g_steal_pointer(&def);
}

/* ---- pools: format ------------------------------------------------- */

static void
vrStoragePoolFormatHostsDevices(vrBuf *buf, const vrStoragePoolSource *src, unsigned int flags)
{
    size_t i;

    for (i = 0; (flags & SRC_HOST) && i < src->nhosts; i++) {
        vrBufAddLit(buf, "<host");
        attr(buf, "name", src->hosts[i].name);
        if (src->hosts[i].port)
            vrBufAsprintf(buf, " port='%d'", src->hosts[i].port);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; (flags & SRC_DEVICE) && i < src->ndevices; i++) {
        vrBufAddLit(buf, "<device");
        attr(buf, "path", src->devices[i].path);
        rawAttr(buf, "part_separator", vrPropTristateString(src->devices[i].partSeparator));
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrStoragePoolFormatSourceBody(vrBuf *buf, const vrStoragePoolSource *src, int poolType)
{
    const poolTypeInfo *info = &poolTypes[poolType];

    vrStoragePoolFormatHostsDevices(buf, src, info->flags);
    if ((info->flags & SRC_DIR) && src->dir)
        vrConfEscapeXMLPrintf(buf, "<dir path='%s'/>\n", src->dir);
    if ((info->flags & SRC_ADAPTER) && src->adapter.type)
        vrStorageAdapterFormat(buf, &src->adapter);
    if ((info->flags & SRC_NAME) && src->name)
        vrConfEscapeXMLPrintf(buf, "<name>%s</name>\n", src->name);
    if ((info->flags & SRC_INITIATOR) && src->initiatorIQN) {
        vrBufAddLit(buf, "<initiator>\n");
        vrBufAdjustIndent(buf, 2);
        vrConfEscapeXMLPrintf(buf, "<iqn name='%s'/>\n", src->initiatorIQN);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</initiator>\n");
    }
    if (info->formats)
        vrBufAsprintf(buf, "<format type='%s'/>\n", vrStrTableName(info->formats, src->format));
    if (src->auth)
        vrStorageAuthFormat(buf, src->auth);
    if (src->protocolVer)
        vrConfEscapeXMLPrintf(buf, "<protocol ver='%s'/>\n", src->protocolVer);
    if (src->vendor)
        vrConfEscapeXMLPrintf(buf, "<vendor name='%s'/>\n", src->vendor);
    if (src->product)
        vrConfEscapeXMLPrintf(buf, "<product name='%s'/>\n", src->product);
}

char *
vrStoragePoolSourceFormat(const vrStoragePoolSource *src, int poolType, int indent)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrBufSetIndent(&buf, indent);
    vrBufAddLit(&buf, "<source>\n");
    vrBufAdjustIndent(&buf, 2);
    vrStoragePoolFormatSourceBody(&buf, src, poolType);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</source>\n");
    return vrBufContent(&buf);
}

char *
vrStoragePoolDefFormat(const vrStoragePoolDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAsprintf(&buf, "<pool type='%s'>\n", vrStoragePoolTypeToString(def->type));
    vrBufAdjustIndent(&buf, 2);
    vrConfEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->name);
    vrBufAsprintf(&buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    vrBufAsprintf(&buf, "<capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    vrBufAsprintf(&buf, "<allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    vrBufAsprintf(&buf, "<available unit='bytes'>%llu</available>\n", def->available);
    vrBufAddLit(&buf, "<source>\n");
    vrBufAdjustIndent(&buf, 2);
    vrStoragePoolFormatSourceBody(&buf, &def->source, def->type);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</source>\n");
    if (def->targetPath) {
        vrBufAddLit(&buf, "<target>\n");
        vrBufAdjustIndent(&buf, 2);
        vrConfEscapeXMLPrintf(&buf, "<path>%s</path>\n", def->targetPath);
        vrStoragePermsFormat(&buf, &def->perms);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</target>\n");
    }
    vrBufAdjustIndent(&buf, -2);
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

/* ---- pools: conflicts ---------------------------------------------- */

static bool
vrStoragePoolSharesDevice(const vrStoragePoolSource *a, const vrStoragePoolSource *b)
{
    size_t i, j;

    for (i = 0; i < a->ndevices; i++) {
        for (j = 0; j < b->ndevices; j++) {
            if (g_str_equal(a->devices[i].path, b->devices[j].path))
                return true;
        }
    }
    return false;
}

static bool
vrStoragePoolSameFirstHost(const vrStoragePoolSource *a, const vrStoragePoolSource *b)
{
    return a->nhosts && b->nhosts && g_str_equal(a->hosts[0].name, b->hosts[0].name);
}

static bool
vrStoragePoolSameAdapter(const vrStorageAdapterDef *a, const vrStorageAdapterDef *b)
{
    if (a->type != b->type)
        return false;
    if (a->type == VR_STORAGE_ADAPTER_FC_HOST)
        return g_strcmp0(a->wwnn, b->wwnn) == 0 && g_strcmp0(a->wwpn, b->wwpn) == 0;
    if (a->name || b->name)
        return g_strcmp0(a->name, b->name) == 0;
    return a->uniqueId == b->uniqueId && a->pciDomain == b->pciDomain &&
           a->pciBus == b->pciBus && a->pciSlot == b->pciSlot &&
           a->pciFunction == b->pciFunction;
}

static bool
vrStoragePoolIsBlockBacked(int type)
{
    return type == VR_STORAGE_POOL_FS || type == VR_STORAGE_POOL_LOGICAL ||
           type == VR_STORAGE_POOL_DISK || type == VR_STORAGE_POOL_ZFS;
}

bool
vrStoragePoolSourceConflicts(const vrStoragePoolDef *a, const vrStoragePoolDef *b)
{
    const vrStoragePoolSource *sa = &a->source, *sb = &b->source;

    /* pools on block devices clash with each other whatever their type */
    if (vrStoragePoolIsBlockBacked(a->type) && vrStoragePoolIsBlockBacked(b->type))
        return vrStoragePoolSharesDevice(sa, sb);
    if (a->type != b->type)
        return false;
    switch ((vrStoragePoolType)a->type) {
    case VR_STORAGE_POOL_DIR:
        return g_strcmp0(a->targetPath, b->targetPath) == 0;
    case VR_STORAGE_POOL_NETFS:
        return g_strcmp0(sa->dir, sb->dir) == 0 && vrStoragePoolSameFirstHost(sa, sb);
    case VR_STORAGE_POOL_ISCSI:
        return vrStoragePoolSharesDevice(sa, sb) && vrStoragePoolSameFirstHost(sa, sb);
    case VR_STORAGE_POOL_SCSI:
        return vrStoragePoolSameAdapter(&sa->adapter, &sb->adapter);
    case VR_STORAGE_POOL_SHEEPDOG:
    case VR_STORAGE_POOL_GLUSTER:
        return g_strcmp0(sa->name, sb->name) == 0 && vrStoragePoolSameFirstHost(sa, sb);
    case VR_STORAGE_POOL_VSTORAGE:
        return g_strcmp0(sa->name, sb->name) == 0;
    case VR_STORAGE_POOL_MPATH:
        /* there is only one multipath setup per host */
        return true;
    case VR_STORAGE_POOL_FS:
    case VR_STORAGE_POOL_LOGICAL:
    case VR_STORAGE_POOL_DISK:
    case VR_STORAGE_POOL_ZFS:
    case VR_STORAGE_POOL_ISCSI_DIRECT:
    case VR_STORAGE_POOL_RBD:
    case VR_STORAGE_POOL_LAST:
        break;
    }
    return false;
}

/* ---- volumes: lifetime --------------------------------------------- */

static void
vrStorageVolBackingFree(vrStorageVolBacking *b)
{
    if (!b)
        return;
    g_free(b->path);
    g_free(b->perms.label);
    g_free(b);
}

void
vrStorageVolDefFree(vrStorageVolDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->key);
    g_free(def->targetPath);
    g_free(def->perms.label);
    vrStorageEncryptionFree(def->encryption);
    g_free(def->compat);
    vrStorageVolBackingFree(def->backing);
    g_free(def);
}

/* ---- volumes: parse ------------------------------------------------ */

/* A volume's <format> name to its index for the pool, or -1 (reported). */
static int
vrStorageVolParseFormatName(volFormatKind kind, const char *name)
{
    int v = -1;

    if (kind == VOL_FORMAT_DISK)
        v = vrStrTableIndex(diskVolFormats, name);
    else if (kind == VOL_FORMAT_FILE && (v = vrStorageFileFormatTypeFromString(name)) == 0)
        v = -1;   /* "none" is no image format */
    if (v < 0)
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown volume format type %s", name);
    return v;
}

static int
vrStorageVolParseFormat(xmlNodePtr parent, volFormatKind kind, int *format)
{
    g_autofree char *name = vrPropNonEmpty(vrXMLChild(parent, "format"), "type");

    *format = kind == VOL_FORMAT_FILE ? VR_STORAGE_FILE_RAW : kind == VOL_FORMAT_DISK ? 0 : -1;
    if (!name || kind == VOL_FORMAT_NONE)
        return 0;
    return (*format = vrStorageVolParseFormatName(kind, name)) < 0 ? -1 : 0;
}

/* Every size error but the unit's names the capacity element, as
 * libvirt's do. */
static int
vrStorageVolParseSize(xmlNodePtr node, unsigned long long *bytes)
{
    g_autofree char *text = vrXMLContent(node);
    g_autofree char *unit = vrPropNonEmpty(node, "unit");
    unsigned long long v;

    if (!vrPropStrToNum(text, 10, true, 0, G_MAXUINT64, &v)) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "malformed capacity element");
        return -1;
    }
    *bytes = v;
    return vrScaleInteger(bytes, unit, 1, G_MAXUINT64);
}

static int
vrStorageVolParseSizes(xmlNodePtr root, unsigned int flags, vrStorageVolDef *def)
{
    g_autofree char *cap = vrPropChildText(root, "capacity");
    g_autofree char *alloc = vrPropChildText(root, "allocation");

    if (cap) {
        if (vrStorageVolParseSize(vrXMLChild(root, "capacity"), &def->capacity) < 0)
            return -1;
        def->hasCapacity = true;
    } else if (!(flags & VR_STORAGE_VOL_PARSE_NO_CAPACITY)) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing capacity element");
        return -1;
    }
    if (alloc) {
        if (vrStorageVolParseSize(vrXMLChild(root, "allocation"), &def->allocation) < 0)
            return -1;
        def->hasAllocation = true;
    } else {
        def->allocation = def->capacity;
    }
    return 0;
}

static int
vrStorageVolParseBacking(xmlNodePtr root, volFormatKind kind, vrStorageVolDef *def)
{
    xmlNodePtr node = vrXMLChild(root, "backingStore");
    g_autofree char *path = vrPropChildText(node, "path");

    /* a backing store without a path is ignored */
    if (!path)
        return 0;
    def->backing = g_new0(vrStorageVolBacking, 1);
    def->backing->path = g_steal_pointer(&path);
    if (vrStorageVolParseFormat(node, kind, &def->backing->format) < 0)
        return -1;
    return vrStoragePermsParse(node, &def->backing->perms);
}

/* "MAJOR.MINOR", each part a (possibly signed) number. */
static int
vrStorageVolCheckCompat(const char *compat)
{
    g_auto(GStrv) parts = g_strsplit(compat, ".", 0);
    long long major, minor;

    if (g_strv_length(parts) != 2 || vrStrToLLong(parts[0], 10, &major) < 0 ||
        vrStrToLLong(parts[1], 10, &minor) < 0 || major > G_MAXUINT || minor > G_MAXUINT ||
        major < -(long long)G_MAXUINT || minor < -(long long)G_MAXUINT) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "forbidden characters in 'compat' attribute");
        return -1;
    }
    return 0;
}

static int
vrStorageVolParseFeatures(xmlNodePtr features, vrStorageVolDef *def)
{
    def->hasFeatures = true;
    if (!def->compat)
        def->compat = g_strdup("1.1");
    vrXMLForEachChild(features, f) {
        int which = vrStorageVolFeatureTypeFromString((const char *)f->name);
        if (which < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unsupported feature %s",
                          (const char *)f->name);
            return -1;
        }
        def->features[which] = true;
    }
    return 0;
}

static int
vrStorageVolParseClusterSize(xmlNodePtr node, vrStorageVolDef *def)
{
    g_autofree char *text = vrXMLContent(node);
    g_autofree char *unit = vrPropNonEmpty(node, "unit");
    unsigned long long v;

    if (!vrPropStrToNum(text, 10, true, 0, G_MAXUINT64, &v)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value '%s' for element or attribute './target/clusterSize'", text);
        return -1;
    }
    if (vrScaleInteger(&v, unit, 1, G_MAXUINT64) < 0)
        return -1;
    def->clusterSize = v;
    return 0;
}

static int
vrStorageVolParseTarget(xmlNodePtr target, volFormatKind kind, vrStorageVolDef *def)
{
    xmlNodePtr node;

    def->targetPath = vrPropChildText(target, "path");
    if (vrStorageVolParseFormat(target, kind, &def->format) < 0 ||
        vrStoragePermsParse(target, &def->perms) < 0)
        return -1;
    if ((node = vrXMLChild(target, "encryption")) &&
        vrStorageEncryptionParse(node, &def->encryption) < 0)
        return -1;
    if ((def->compat = vrPropChildText(target, "compat")) &&
        vrStorageVolCheckCompat(def->compat) < 0)
        return -1;
    if ((node = vrXMLChild(target, "features")) && vrStorageVolParseFeatures(node, def) < 0)
        return -1;
    if ((node = vrXMLChild(target, "clusterSize")) && vrStorageVolParseClusterSize(node, def) < 0)
        return -1;
    return 0;
}

static int
vrStorageVolParseType(xmlNodePtr root, vrStorageVolDef *def)
{
    g_autofree char *type = vrPropNonEmpty(root, "type");
    size_t i;

    def->type = VR_STORAGE_VOL_FILE;
    if (!type)
        return 0;
    for (i = 0; i < G_N_ELEMENTS(volTypes); i++) {
        if (g_str_equal(volTypes[i], type)) {
            def->type = (int)i;
            return 0;
        }
    }
    vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown volume type '%s'", type);
    return -1;
}

vrStorageVolDef *
vrStorageVolDefParseString(const vrStoragePoolDef *pool, const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(storage_volume_definition)", "volume",
                                             VR_FROM_STORAGE);
    volFormatKind kind = poolTypes[pool ? pool->type : VR_STORAGE_POOL_DIR].volFormat;
    g_autoptr(vrStorageVolDef) def = NULL;
    xmlNodePtr root, target;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrStorageVolDef, 1);
    if (!(def->name = vrPropChildText(root, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing volume name element");
        return NULL;
    }
    /* the key is the driver's to choose: it is replaced on creation */
    def->key = vrPropChildText(root, "key");
    if (vrStorageVolParseType(root, def) < 0 ||
        vrStorageVolParseBacking(root, kind, def) < 0 ||
        vrStorageVolParseSizes(root, flags, def) < 0)
        return NULL;
    target = vrXMLChild(root, "target");
    if (vrStorageVolParseTarget(target, kind, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

/* ---- volumes: format ----------------------------------------------- */

static void
vrStorageVolFormatFormat(vrBuf *buf, volFormatKind kind, int format)
{
    if (kind == VOL_FORMAT_FILE)
        vrBufAsprintf(buf, "<format type='%s'/>\n", vrStorageFileFormatTypeToString(format));
    else if (kind == VOL_FORMAT_DISK)
        vrBufAsprintf(buf, "<format type='%s'/>\n", vrStrTableName(diskVolFormats, format));
}

static void
vrStorageVolFormatFeatures(vrBuf *buf, const vrStorageVolDef *def)
{
    size_t i;
    bool any = false;

    for (i = 0; i < VR_STORAGE_VOL_FEATURE_LAST; i++)
        any |= def->features[i];
    if (!any) {
        vrBufAddLit(buf, "<features/>\n");
        return;
    }
    vrBufAddLit(buf, "<features>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_STORAGE_VOL_FEATURE_LAST; i++) {
        if (def->features[i])
            vrBufAsprintf(buf, "<%s/>\n", vrStorageVolFeatureTypeToString((int)i));
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</features>\n");
}

static void
vrStorageVolFormatTarget(vrBuf *buf, volFormatKind kind, const vrStorageVolDef *def)
{
    vrBufAddLit(buf, "<target>\n");
    vrBufAdjustIndent(buf, 2);
    if (def->targetPath)
        vrConfEscapeXMLPrintf(buf, "<path>%s</path>\n", def->targetPath);
    vrStorageVolFormatFormat(buf, kind, def->format);
    vrStoragePermsFormat(buf, &def->perms);
    if (def->encryption)
        vrStorageEncryptionFormat(buf, def->encryption);
    if (def->compat)
        vrConfEscapeXMLPrintf(buf, "<compat>%s</compat>\n", def->compat);
    if (def->clusterSize)
        vrBufAsprintf(buf, "<clusterSize unit='B'>%llu</clusterSize>\n", def->clusterSize);
    if (def->hasFeatures)
        vrStorageVolFormatFeatures(buf, def);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</target>\n");
}

static void
vrStorageVolFormatBacking(vrBuf *buf, volFormatKind kind, const vrStorageVolBacking *b)
{
    vrBufAddLit(buf, "<backingStore>\n");
    vrBufAdjustIndent(buf, 2);
    vrConfEscapeXMLPrintf(buf, "<path>%s</path>\n", b->path);
    vrStorageVolFormatFormat(buf, kind, b->format);
    vrStoragePermsFormat(buf, &b->perms);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</backingStore>\n");
}

char *
vrStorageVolDefFormat(const vrStoragePoolDef *pool, const vrStorageVolDef *def)
{
    volFormatKind kind = poolTypes[pool ? pool->type : VR_STORAGE_POOL_DIR].volFormat;
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrBufAsprintf(&buf, "<volume type='%s'>\n", volTypes[def->type]);
    vrBufAdjustIndent(&buf, 2);
    vrConfEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->name);
    vrConfEscapeXMLPrintf(&buf, "<key>%s</key>\n", def->key ? def->key : "(null)");
    vrBufAsprintf(&buf, "<capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    vrBufAsprintf(&buf, "<allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    vrStorageVolFormatTarget(&buf, kind, def);
    if (def->backing)
        vrStorageVolFormatBacking(&buf, kind, def->backing);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</volume>\n");
    return vrBufContent(&buf);
}
