/*
 * snapshot_conf.c: <domainsnapshot> parsing, disk alignment and
 * formatting.
 *
 * A snapshot document names a few disks; alignment against the domain it
 * was taken from completes the list, settles each disk's mode and names
 * the new external images, so that what is stored (and shown) describes
 * every disk of the domain.
 */
#include <config.h>

#include <string.h>
#include <sys/stat.h>

#include "conf_common.h"
#include "snapshot_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN_SNAPSHOT
#include "conf_xmlprop.h"  /* after VR_FROM_THIS: it reports under it */

VR_ENUM_IMPL(vrSnapshotLocation, VR_SNAPSHOT_LOCATION_LAST,
             "default", "no", "internal", "external", "manual");
VR_ENUM_IMPL(vrSnapshotState, VR_SNAPSHOT_STATE_LAST,
             "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
             "pmsuspended", "disk-snapshot");
VR_ENUM_IMPL(vrSnapshotNetProtocol, VR_SNAPSHOT_NET_LAST,
             "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp",
             "ftps", "tftp", "ssh", "vxhs", "nfs");
VR_ENUM_IMPL(vrSnapshotTransport, VR_SNAPSHOT_TRANSPORT_LAST, "tcp", "unix", "rdma");

/* Ports a host of each protocol gets when none is given (0: none). */
static const unsigned int netDefaultPorts[VR_SNAPSHOT_NET_LAST] = {
    [VR_SNAPSHOT_NET_NBD] = 10809,
    [VR_SNAPSHOT_NET_SHEEPDOG] = 7000,
    [VR_SNAPSHOT_NET_GLUSTER] = 24007,
    [VR_SNAPSHOT_NET_ISCSI] = 3260,
    [VR_SNAPSHOT_NET_HTTP] = 80,
    [VR_SNAPSHOT_NET_HTTPS] = 443,
    [VR_SNAPSHOT_NET_FTP] = 21,
    [VR_SNAPSHOT_NET_FTPS] = 990,
    [VR_SNAPSHOT_NET_TFTP] = 69,
    [VR_SNAPSHOT_NET_SSH] = 22,
    [VR_SNAPSHOT_NET_VXHS] = 9999,
};

/* ---- lifetime ------------------------------------------------------ */

static void
vrSnapshotDiskSourceClear(vrSnapshotDiskSource *src)
{
    size_t i;

    g_free(src->path);
    g_free(src->tlsHostname);
    g_free(src->query);
    for (i = 0; i < src->nhosts; i++) {
        g_free(src->hosts[i].name);
        g_free(src->hosts[i].socket);
    }
    g_free(src->hosts);
    g_free(src->rbdSnapshot);
    g_free(src->configFile);
    g_free(src->initiatorIQN);
    for (i = 0; i < src->nseclabels; i++) {
        g_free(src->seclabels[i].model);
        g_free(src->seclabels[i].label);
    }
    g_free(src->seclabels);
    vrStorageAuthFree(src->auth);
    vrStorageEncryptionFree(src->encryption);
    g_free(src->prPath);
}

static void
vrSnapshotDiskClear(vrSnapshotDiskDef *disk)
{
    g_free(disk->name);
    vrSnapshotDiskSourceClear(&disk->src);
}

void
vrSnapshotDefFree(vrSnapshotDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->description);
    g_free(def->parent);
    g_free(def->memoryFile);
    for (i = 0; i < def->ndisks; i++)
        vrSnapshotDiskClear(&def->disks[i]);
    g_free(def->disks);
    vrDomainDefFree(def->dom);
    vrDomainDefFree(def->inactiveDom);
    g_free(def);
}

/* ---- disk sources -------------------------------------------------- */

static int
vrSnapshotParsePort(const char *str, unsigned int *port)
{
    unsigned long long v;

    if (!vrPropStrToNum(str, 10, true, 0, G_MAXUINT, &v)) {
        vrReportError(VR_ERR_INVALID_ARG, "failed to parse port number '%s'", str);
        return -1;
    }
    if (v > 65535) {
        vrReportError(VR_ERR_INVALID_ARG, "port '%s' out of range", str);
        return -1;
    }
    *port = (unsigned int)v;
    return 0;
}

static int
vrSnapshotParseHost(xmlNodePtr node, vrSnapshotDiskHost *host)
{
    g_autofree char *transport = vrXMLProp(node, "transport");
    g_autofree char *port = NULL;

    if (transport && (host->transport = vrSnapshotTransportTypeFromString(transport)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown protocol transport type '%s'",
                      transport);
        return -1;
    }
    host->socket = vrXMLProp(node, "socket");
    if (host->transport == VR_SNAPSHOT_TRANSPORT_UNIX && !host->socket) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing socket for unix transport");
        return -1;
    }
    if (host->transport != VR_SNAPSHOT_TRANSPORT_UNIX && host->socket) {
        vrReportError(VR_ERR_XML_ERROR, "transport '%s' does not support socket attribute",
                      transport ? transport : "tcp");
        return -1;
    }
    if (host->transport == VR_SNAPSHOT_TRANSPORT_UNIX)
        return 0;
    if (!(host->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing name for host");
        return -1;
    }
    if ((port = vrXMLProp(node, "port")) && vrSnapshotParsePort(port, &host->port) < 0)
        return -1;
    return 0;
}

static int
vrSnapshotParseHosts(xmlNodePtr source, vrSnapshotDiskSource *src)
{
    vrXMLForEachNamed(source, "host", h) {
        src->hosts = g_renew(vrSnapshotDiskHost, src->hosts, src->nhosts + 1);
        memset(&src->hosts[src->nhosts], 0, sizeof(vrSnapshotDiskHost));
        if (vrSnapshotParseHost(h, &src->hosts[src->nhosts++]) < 0)
            return -1;
        if (!src->hosts[src->nhosts - 1].port && !src->hosts[src->nhosts - 1].transport)
            src->hosts[src->nhosts - 1].port = netDefaultPorts[src->protocol];
    }
    return 0;
}

/* libvirt keeps a gluster volume or rbd pool in front of the image
 * name; both halves must be there. */
static int
vrSnapshotCheckPoolImage(const vrSnapshotDiskSource *src)
{
    const char *slash;

    if (!src->path || (src->protocol != VR_SNAPSHOT_NET_GLUSTER &&
                       src->protocol != VR_SNAPSHOT_NET_RBD))
        return 0;
    if (!(slash = strchr(src->path, '/')) || slash == src->path) {
        vrReportError(VR_ERR_XML_ERROR, "can't split path '%s' into pool name and image name",
                      src->path);
        return -1;
    }
    return 0;
}

/* readahead and timeout: absent or empty is fine, junk is not. */
static int
vrSnapshotParseCurlKnob(xmlNodePtr source, const char *elem, const char *attr,
                        unsigned long long *value)
{
    g_autofree char *str = vrPropNonEmpty(vrXMLChild(source, elem), attr);

    if (!str)
        return 0;
    if (!vrPropStrToNum(str, 10, true, 0, G_MAXUINT64, value)) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "invalid readahead size or timeout");
        return -1;
    }
    return 0;
}

static bool
vrSnapshotIsHTTP(int protocol)
{
    return protocol == VR_SNAPSHOT_NET_HTTP || protocol == VR_SNAPSHOT_NET_HTTPS;
}

/* RFC 6265 cookie syntax; the value may be quoted as a whole. */
static int
vrSnapshotCheckCookie(const char *name, const char *value)
{
    static const char nameBad[] = "()<>@,;:\\\"/[]?={} \t";
    static const char valueBad[] = " \",;\\";
    g_autofree char *inner = NULL;
    const char *p;

    for (p = name; *p; p++) {
        if (strchr(nameBad, *p) || (unsigned char)*p < 0x20 || *p == 0x7f) {
            vrReportError(VR_ERR_XML_ERROR, "cookie name '%s' contains invalid characters", name);
            return -1;
        }
    }
    if (value[0] == '"') {
        size_t len = strlen(value);
        if (len < 2 || value[len - 1] != '"')
            goto invalid;
        value = inner = g_strndup(value + 1, len - 2);
    }
    for (p = value; *p; p++) {
        if (strchr(valueBad, *p) || (unsigned char)*p < 0x20 || *p == 0x7f)
            goto invalid;
    }
    return 0;

 invalid:
    vrReportError(VR_ERR_XML_ERROR, "value of cookie '%s' contains invalid characters", name);
    return -1;
}

/* Cookies are checked but never shown: they are secrets of the guest's
 * live configuration, not of its snapshots. */
static int
vrSnapshotCheckCookies(xmlNodePtr source)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    vrXMLForEachNamed(vrXMLChild(source, "cookies"), "cookie", c) {
        g_autofree char *name = vrPropNonEmpty(c, "name");
        g_autofree char *value = vrXMLContent(c);

        if (!name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing cookie name");
            return -1;
        }
        if (!*value) {
            vrReportError(VR_ERR_XML_ERROR, "missing value for cookie '%s'", name);
            return -1;
        }
        if (vrSnapshotCheckCookie(name, value) < 0)
            return -1;
        if (!g_hash_table_add(seen, g_strdup(name))) {
            vrReportError(VR_ERR_XML_ERROR, "duplicate cookie '%s'", name);
            return -1;
        }
    }
    return 0;
}

static int
vrSnapshotParseNetwork(xmlNodePtr source, vrSnapshotDiskSource *src)
{
    xmlNodePtr node;

    if (vrPropEnum(source, "protocol", vrSnapshotNetProtocolTypeFromString, true, true,
                   &src->protocol) < 0 ||
        vrPropTristate(source, "tls", &src->tls) < 0)
        return -1;
    if (!(src->path = vrXMLProp(source, "name")) && src->protocol != VR_SNAPSHOT_NET_NBD) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing name for disk source");
        return -1;
    }
    src->tlsHostname = vrXMLProp(source, "tlsHostname");
    if (vrSnapshotIsHTTP(src->protocol))
        src->query = vrXMLProp(source, "query");
    if (vrSnapshotCheckPoolImage(src) < 0)
        return -1;
    if ((src->protocol == VR_SNAPSHOT_NET_HTTPS || src->protocol == VR_SNAPSHOT_NET_FTPS) &&
        vrPropTristate(vrXMLChild(source, "ssl"), "verify", &src->sslVerify) < 0)
        return -1;
    if (vrSnapshotIsHTTP(src->protocol) && vrSnapshotCheckCookies(source) < 0)
        return -1;
    src->rbdSnapshot = vrPropNonEmpty(vrXMLChild(source, "snapshot"), "name");
    src->configFile = vrPropNonEmpty(vrXMLChild(source, "config"), "file");
    if (vrSnapshotParseCurlKnob(source, "readahead", "size", &src->readahead) < 0 ||
        vrSnapshotParseCurlKnob(source, "timeout", "seconds", &src->timeout) < 0 ||
        vrSnapshotParseHosts(source, src) < 0)
        return -1;
    if ((node = vrXMLChild(source, "initiator")))
        src->initiatorIQN = vrPropNonEmpty(vrXMLChild(node, "iqn"), "name");
    return 0;
}

static int
vrSnapshotParseSeclabels(xmlNodePtr source, vrSnapshotDiskSource *src)
{
    vrXMLForEachNamed(source, "seclabel", node) {
        vrSnapshotDiskSeclabel sl = { vrXMLProp(node, "model"), false, NULL };
        int relabel = 0;

        src->seclabels = g_renew(vrSnapshotDiskSeclabel, src->seclabels, src->nseclabels + 1);
        src->seclabels[src->nseclabels++] = sl;
        if (vrPropTristate(node, "relabel", &relabel) < 0)
            return -1;
        src->seclabels[src->nseclabels - 1].norelabel = relabel == 2;
        src->seclabels[src->nseclabels - 1].label = vrPropChildText(node, "label");
        if (relabel == 2 && src->seclabels[src->nseclabels - 1].label) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Cannot specify a label if relabelling is turned off. model=%s",
                          sl.model ? sl.model : "<null>");
            return -1;
        }
    }
    return 0;
}

/* <reservations managed='no'> needs the helper's socket. */
static int
vrSnapshotParseReservations(xmlNodePtr node, vrSnapshotDiskSource *src)
{
    xmlNodePtr source = vrXMLChild(node, "source");
    g_autofree char *type = vrPropNonEmpty(source, "type");
    g_autofree char *mode = vrPropNonEmpty(source, "mode");
    int rc = vrPropTristate(node, "managed", &src->prManaged);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        vrPropReportMissing(node, "managed");
        return -1;
    }
    if (src->prManaged == 1)
        return 0;
    src->prPath = vrPropNonEmpty(source, "path");
    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing connection type for <reservations/>");
        return -1;
    }
    if (!src->prPath) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing path for <reservations/>");
        return -1;
    }
    if (!mode) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing connection mode for <reservations/>");
        return -1;
    }
    if (!g_str_equal(type, "unix")) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "unsupported connection type for <reservations/>: %s", type);
        return -1;
    }
    if (!g_str_equal(mode, "client")) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "unsupported connection mode for <reservations/>: %s", mode);
        return -1;
    }
    return 0;
}

static int
vrSnapshotParseSource(xmlNodePtr source, vrSnapshotDiskSource *src)
{
    xmlNodePtr node;

    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        src->path = vrXMLProp(source, "file");
        break;
    case VR_STORAGE_TYPE_BLOCK:
        src->path = vrXMLProp(source, "dev");
        break;
    case VR_STORAGE_TYPE_NETWORK:
        if (vrSnapshotParseNetwork(source, src) < 0)
            return -1;
        break;
    /* NVMe and vhost-user sources have no image a snapshot could name */
    case VR_STORAGE_TYPE_NVME:
    case VR_STORAGE_TYPE_VHOST_USER:
    case VR_STORAGE_TYPE_DIR:
    case VR_STORAGE_TYPE_VOLUME:
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
    /* an empty path means no path, as for an empty CD-ROM */
    if (src->path && !*src->path)
        g_clear_pointer(&src->path, g_free);
    if (vrSnapshotParseSeclabels(source, src) < 0)
        return -1;
    if ((node = vrXMLChild(source, "auth")) && !(src->auth = vrStorageAuthParse(node)))
        return -1;
    if ((node = vrXMLChild(source, "encryption")) &&
        vrStorageEncryptionParse(node, &src->encryption) < 0)
        return -1;
    if ((node = vrXMLChild(source, "reservations")) && vrSnapshotParseReservations(node, src) < 0)
        return -1;
    return 0;
}

/* ---- disks --------------------------------------------------------- */

static int
vrSnapshotParseDriver(xmlNodePtr driver, vrSnapshotDiskDef *disk)
{
    g_autofree char *type = vrPropNonEmpty(driver, "type");
    xmlNodePtr cache = vrXMLChild(vrXMLChild(driver, "metadata_cache"), "max_size");

    if (type && (disk->format = vrStorageFileFormatTypeFromString(type)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown disk snapshot driver '%s'", type);
        return -1;
    }
    if (cache) {
        g_autofree char *text = vrXMLContent(cache);
        g_autofree char *unit = vrPropNonEmpty(cache, "unit");
        if (!vrPropStrToNum(text, 10, true, 0, G_MAXUINT64, &disk->metadataCacheMax)) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value '%s' for element or attribute './driver/metadata_cache/max_size'",
                          text);
            return -1;
        }
        if (vrScaleInteger(&disk->metadataCacheMax, unit, 1, G_MAXUINT64) < 0)
            return -1;
    }
    return 0;
}

static bool
vrSnapshotPathIsRelative(const vrSnapshotDiskSource *src)
{
    return src->type != VR_STORAGE_TYPE_NETWORK && src->path && src->path[0] != '/';
}

static int
vrSnapshotParseDisk(xmlNodePtr node, vrSnapshotDiskDef *disk)
{
    xmlNodePtr child;

    if (!(disk->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing name from disk snapshot element");
        return -1;
    }
    disk->src.type = VR_STORAGE_TYPE_FILE;
    if (vrPropEnum(node, "snapshot", vrSnapshotLocationTypeFromString, false, true,
                   &disk->snapshot) < 0 ||
        vrPropEnum(node, "type", vrStorageTypeTypeFromString, false, true, &disk->src.type) < 0)
        return -1;
    if (disk->src.type == VR_STORAGE_TYPE_VOLUME || disk->src.type == VR_STORAGE_TYPE_DIR) {
        vrReportError(VR_ERR_XML_ERROR, "unsupported disk snapshot type '%s'",
                      vrStorageTypeTypeToString(disk->src.type));
        return -1;
    }
    if ((child = vrXMLChild(node, "source")) && vrSnapshotParseSource(child, &disk->src) < 0)
        return -1;
    if ((child = vrXMLChild(node, "driver")) && vrSnapshotParseDriver(child, disk) < 0)
        return -1;
    if (vrSnapshotPathIsRelative(&disk->src)) {
        vrReportError(VR_ERR_XML_ERROR, "disk snapshot image path '%s' must be absolute",
                      disk->src.path);
        return -1;
    }
    /* naming an image asks for an external snapshot */
    if (!disk->snapshot && (disk->src.path || disk->format))
        disk->snapshot = VR_SNAPSHOT_LOCATION_EXTERNAL;
    return 0;
}

/* Every child of <disks> is a disk request, whatever its name. */
static int
vrSnapshotParseDisks(xmlNodePtr disks, vrSnapshotDef *def)
{
    vrXMLForEachChild(disks, node) {
        def->disks = g_renew(vrSnapshotDiskDef, def->disks, def->ndisks + 1);
        memset(&def->disks[def->ndisks], 0, sizeof(vrSnapshotDiskDef));
        if (vrSnapshotParseDisk(node, &def->disks[def->ndisks++]) < 0)
            return -1;
    }
    return 0;
}

/* ---- the snapshot -------------------------------------------------- */

static int
vrSnapshotParseMemory(xmlNodePtr node, vrSnapshotDef *def)
{
    if (vrPropEnum(node, "snapshot", vrSnapshotLocationTypeFromString, false, true,
                   &def->memory) < 0)
        return -1;
    def->memoryFile = vrXMLProp(node, "file");
    if (def->memoryFile) {
        if (!def->memory) {
            def->memory = VR_SNAPSHOT_LOCATION_EXTERNAL;
        } else if (def->memory != VR_SNAPSHOT_LOCATION_EXTERNAL) {
            vrReportError(VR_ERR_XML_ERROR, "memory filename '%s' requires external snapshot",
                          def->memoryFile);
            return -1;
        }
    } else if (def->memory == VR_SNAPSHOT_LOCATION_EXTERNAL) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "external memory snapshots require a filename");
        return -1;
    }
    if (def->memory == VR_SNAPSHOT_LOCATION_MANUAL) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "'manual' memory snapshot mode not supported");
        return -1;
    }
    return 0;
}

/* Memory defaults and checks once the state is known. */
static int
vrSnapshotSettleMemory(vrSnapshotDef *def, bool offline)
{
    if (offline && def->memory && def->memory != VR_SNAPSHOT_LOCATION_NO) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "memory state cannot be saved with offline or disk-only snapshot");
        return -1;
    }
    if (def->memoryFile && def->memoryFile[0] != '/') {
        vrReportError(VR_ERR_XML_ERROR, "memory snapshot file path (%s) must be absolute",
                      def->memoryFile);
        return -1;
    }
    if (!def->memory)
        def->memory = offline ? VR_SNAPSHOT_LOCATION_NO : VR_SNAPSHOT_LOCATION_INTERNAL;
    return 0;
}

/* A <domain> without type= is an old-style uuid-only stub: ignored. */
static int
vrSnapshotParseDomains(xmlDocPtr doc, xmlNodePtr root, const vrDomainXMLOption *opt,
                       vrSnapshotDef *def)
{
    xmlNodePtr node = vrXMLChild(root, "domain");
    g_autofree char *type = vrPropNonEmpty(node, "type");

    if (type && !(def->dom = vrDomainDefParseNode(doc, node, opt, 0)))
        return -1;
    if ((node = vrXMLChild(root, "inactiveDomain")) &&
        !(def->inactiveDom = vrDomainDefParseNode(doc, node, opt, 0)))
        return -1;
    return 0;
}

static int
vrSnapshotParseRedefine(xmlDocPtr doc, xmlNodePtr root, const vrDomainXMLOption *opt,
                        vrSnapshotDef *def)
{
    g_autofree char *ctime = vrPropChildText(root, "creationTime");
    g_autofree char *state = NULL;

    if (!def->name) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "a redefined snapshot must have a name");
        return -1;
    }
    if (!ctime || vrStrToLLong(ctime, 10, &def->creationTime) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing creationTime from existing snapshot");
        return -1;
    }
    /* 0 is "no time yet" and is not written back, so the output would lack
     * the element a redefinition needs (libvirt's does) */
    if (def->creationTime == 0) {
        vrReportError(VR_ERR_XML_ERROR, "invalid value '%s' in element 'creationTime'", ctime);
        return -1;
    }
    def->parent = vrPropChildText(vrXMLChild(root, "parent"), "name");
    if (!(state = vrPropChildText(root, "state"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing state from existing snapshot");
        return -1;
    }
    if ((def->state = vrSnapshotStateTypeFromString(state)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid state '%s' in domain snapshot XML",
                      state);
        return -1;
    }
    return vrSnapshotParseDomains(doc, root, opt, def);
}

vrSnapshotDef *
vrSnapshotDefParseString(const char *xml, const vrDomainXMLOption *opt, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(domain_snapshot)", "domainsnapshot",
                                             VR_FROM_DOMAIN_SNAPSHOT);
    g_autoptr(vrSnapshotDef) def = NULL;
    bool redefine = flags & VR_SNAPSHOT_PARSE_REDEFINE;
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrSnapshotDef, 1);
    def->name = vrPropChildText(root, "name");
    def->description = vrPropChildText(root, "description");
    if (redefine && vrSnapshotParseRedefine(doc, root, opt, def) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "memory")) && vrSnapshotParseMemory(node, def) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "disks")) && vrSnapshotParseDisks(node, def) < 0)
        return NULL;
    /* a new snapshot learns its state from the domain later */
    if (redefine && vrSnapshotSettleMemory(def, def->state == VR_SNAPSHOT_STATE_SHUTOFF ||
                                           def->state == VR_SNAPSHOT_STATE_DISK_SNAPSHOT) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

bool
vrSnapshotDefIsActive(const vrSnapshotDef *def)
{
    return def->state == VR_SNAPSHOT_STATE_RUNNING || def->state == VR_SNAPSHOT_STATE_PAUSED;
}

bool
vrSnapshotDefIsExternal(const vrSnapshotDef *def)
{
    size_t i;

    if (def->memory == VR_SNAPSHOT_LOCATION_EXTERNAL)
        return true;
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i].snapshot == VR_SNAPSHOT_LOCATION_EXTERNAL)
            return true;
    }
    return false;
}

/* ---- alignment with the domain ------------------------------------- */

static int
vrSnapshotDomainDiskLocation(const vrDomainDiskDef *disk)
{
    int loc = disk->snapshot ? vrSnapshotLocationTypeFromString(disk->snapshot) : 0;

    return loc > 0 ? loc : VR_SNAPSHOT_LOCATION_DEFAULT;
}

static bool
vrSnapshotDomainDiskIsEmpty(const vrDomainDiskDef *disk)
{
    const vrStorageSource *src = disk->src;

    if (!src || src->type == VR_STORAGE_TYPE_NONE)
        return true;
    if (src->type == VR_STORAGE_TYPE_NETWORK)
        return !src->protocol;
    return src->type != VR_STORAGE_TYPE_NVME && src->type != VR_STORAGE_TYPE_VHOST_USER &&
           src->type != VR_STORAGE_TYPE_VOLUME && !src->path;
}

/* What a domain disk nobody asked about gets: nothing for empty and
 * read-only drives, else its own setting or the snapshot's default. */
static int
vrSnapshotImplicitLocation(const vrDomainDiskDef *disk, int defaultLocation)
{
    int own = vrSnapshotDomainDiskLocation(disk);

    if (vrSnapshotDomainDiskIsEmpty(disk) || (!own && disk->readonly))
        return VR_SNAPSHOT_LOCATION_NO;
    return own ? own : defaultLocation;
}

static int
vrSnapshotSettleRequested(vrSnapshotDiskDef *snapdisk, const vrDomainDiskDef *domdisk,
                          int defaultLocation, bool uniformInternal)
{
    int own = vrSnapshotDomainDiskLocation(domdisk);

    if (!snapdisk->snapshot) {
        if (vrSnapshotDomainDiskIsEmpty(domdisk))
            snapdisk->snapshot = VR_SNAPSHOT_LOCATION_NO;
        else if (own && (!uniformInternal || own == VR_SNAPSHOT_LOCATION_NO))
            snapdisk->snapshot = own;
        else
            snapdisk->snapshot = defaultLocation;
    } else if (uniformInternal && snapdisk->snapshot != defaultLocation &&
               !(snapdisk->snapshot == VR_SNAPSHOT_LOCATION_NO &&
                 own == VR_SNAPSHOT_LOCATION_NO)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "disk '%s' must use snapshot mode '%s'",
                      snapdisk->name, vrSnapshotLocationTypeToString(defaultLocation));
        return -1;
    }
    if (snapdisk->src.path && snapdisk->snapshot != VR_SNAPSHOT_LOCATION_EXTERNAL) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "file '%s' for disk '%s' requires use of external snapshot mode",
                      snapdisk->src.path, snapdisk->name);
        return -1;
    }
    return 0;
}

static int
vrSnapshotMatchRequests(vrSnapshotDef *def, bool *seen, int defaultLocation,
                        bool uniformInternal)
{
    size_t i, idx;

    for (i = 0; i < def->ndisks; i++) {
        vrSnapshotDiskDef *snapdisk = &def->disks[i];
        const vrDomainDiskDef *domdisk = vrDomainDiskByName(def->dom, snapdisk->name);

        if (!domdisk) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", snapdisk->name);
            return -1;
        }
        for (idx = 0; def->dom->disks[idx] != domdisk; idx++)
            ;
        if (seen[idx]) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "disk '%s' specified twice",
                          snapdisk->name);
            return -1;
        }
        seen[idx] = true;
        snapdisk->domIndex = idx;
        if (vrSnapshotSettleRequested(snapdisk, domdisk, defaultLocation, uniformInternal) < 0)
            return -1;
        /* a disk asked for by its image path is known by its target */
        if (!g_str_equal(snapdisk->name, domdisk->dst)) {
            g_free(snapdisk->name);
            snapdisk->name = g_strdup(domdisk->dst);
        }
    }
    return 0;
}

static void
vrSnapshotAddImplicitDisks(vrSnapshotDef *def, const bool *seen, int defaultLocation)
{
    size_t i;

    for (i = 0; i < def->dom->ndisks; i++) {
        vrSnapshotDiskDef *disk;

        if (seen[i])
            continue;
        def->disks = g_renew(vrSnapshotDiskDef, def->disks, def->ndisks + 1);
        disk = &def->disks[def->ndisks++];
        memset(disk, 0, sizeof(*disk));
        disk->name = g_strdup(def->dom->disks[i]->dst);
        disk->snapshot = vrSnapshotImplicitLocation(def->dom->disks[i], defaultLocation);
        disk->src.type = VR_STORAGE_TYPE_FILE;
        disk->domIndex = i;
    }
}

static int
vrSnapshotCompareDisks(const void *a, const void *b)
{
    const vrSnapshotDiskDef *da = a, *db = b;

    return da->domIndex < db->domIndex ? -1 : da->domIndex > db->domIndex;
}

/* "IMAGE.NAME" next to the original, its extension (if any) dropped;
 * only a regular file of the host can be followed that way. */
static char *
vrSnapshotExternalName(const vrSnapshotDef *def, const vrSnapshotDiskDef *disk)
{
    const vrDomainDiskDef *domdisk = def->dom->disks[disk->domIndex];
    const char *orig = domdisk->src ? domdisk->src->path : NULL;
    g_autofree char *base = NULL;
    struct stat sb;
    char *dot;

    if (disk->src.type != VR_STORAGE_TYPE_FILE) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "cannot generate external snapshot name for disk '%s' on a '%s' device",
                      disk->name, vrStorageTypeTypeToString(disk->src.type));
        return NULL;
    }
    if (!orig) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "cannot generate external snapshot name for disk '%s' without source",
                      disk->name);
        return NULL;
    }
    if (stat(orig, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "source for disk '%s' is not a regular file; refusing to generate external snapshot name",
                      disk->name);
        return NULL;
    }
    base = g_strdup(orig);
    if ((dot = strrchr(base, '.')) && !strchr(dot, '/'))
        *dot = '\0';
    return g_strdup_printf("%s.%s", base, def->name);
}

static int
vrSnapshotAssignExternalNames(vrSnapshotDef *def)
{
    g_autoptr(GHashTable) used = g_hash_table_new(g_str_hash, g_str_equal);
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        vrSnapshotDiskDef *disk = &def->disks[i];
        const char *other;

        if (disk->snapshot != VR_SNAPSHOT_LOCATION_EXTERNAL)
            continue;
        if (!disk->src.path) {
            if (!(disk->src.path = vrSnapshotExternalName(def, disk)))
                return -1;
            if ((other = g_hash_table_lookup(used, disk->src.path))) {
                vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                              "cannot generate external snapshot name for disk '%s': collision with disk '%s'",
                              disk->name, other);
                return -1;
            }
        }
        g_hash_table_insert(used, disk->src.path, disk->name);
    }
    return 0;
}

int
vrSnapshotAlignDisks(vrSnapshotDef *def, int defaultLocation, bool uniformInternal)
{
    g_autofree bool *seen = NULL;

    if (!def->dom) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing domain in snapshot");
        return -1;
    }
    if (def->ndisks > def->dom->ndisks) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "too many disk snapshot requests for domain");
        return -1;
    }
    if (!def->dom->ndisks)
        return 0;
    /* external memory drags the disks along, their state must match it */
    if (def->memory == VR_SNAPSHOT_LOCATION_EXTERNAL)
        defaultLocation = VR_SNAPSHOT_LOCATION_EXTERNAL;
    seen = g_new0(bool, def->dom->ndisks);
    if (vrSnapshotMatchRequests(def, seen, defaultLocation, uniformInternal) < 0)
        return -1;
    vrSnapshotAddImplicitDisks(def, seen, defaultLocation);
    qsort(def->disks, def->ndisks, sizeof(def->disks[0]), vrSnapshotCompareDisks);
    return vrSnapshotAssignExternalNames(def);
}

/* ---- formatting ---------------------------------------------------- */

static void
attr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrConfEscapeXMLPrintf(buf, "'%s'", value);
}

static void
vrSnapshotFormatSourceAttrs(vrBuf *buf, const vrSnapshotDiskSource *src)
{
    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        attr(buf, "file", src->path);
        break;
    case VR_STORAGE_TYPE_BLOCK:
        attr(buf, "dev", src->path);
        break;
    case VR_STORAGE_TYPE_NETWORK:
        vrBufAsprintf(buf, " protocol='%s'", vrSnapshotNetProtocolTypeToString(src->protocol));
        attr(buf, "name", src->path);
        if (src->tls)
            vrBufAsprintf(buf, " tls='%s'", vrPropTristateString(src->tls));
        attr(buf, "tlsHostname", src->tlsHostname);
        attr(buf, "query", src->query);
        break;
    case VR_STORAGE_TYPE_NVME:
    case VR_STORAGE_TYPE_VHOST_USER:
    case VR_STORAGE_TYPE_DIR:
    case VR_STORAGE_TYPE_VOLUME:
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
}

static void
vrSnapshotFormatNetworkChildren(vrBuf *buf, const vrSnapshotDiskSource *src)
{
    size_t i;

    for (i = 0; i < src->nhosts; i++) {
        const vrSnapshotDiskHost *h = &src->hosts[i];
        vrBufAddLit(buf, "<host");
        attr(buf, "name", h->name);
        if (h->port)
            vrBufAsprintf(buf, " port='%u'", h->port);
        if (h->transport)
            vrBufAsprintf(buf, " transport='%s'", vrSnapshotTransportTypeToString(h->transport));
        attr(buf, "socket", h->socket);
        vrBufAddLit(buf, "/>\n");
    }
    if (src->rbdSnapshot)
        vrConfEscapeXMLPrintf(buf, "<snapshot name='%s'/>\n", src->rbdSnapshot);
    if (src->configFile)
        vrConfEscapeXMLPrintf(buf, "<config file='%s'/>\n", src->configFile);
    if (src->initiatorIQN) {
        vrBufAddLit(buf, "<initiator>\n");
        vrBufAdjustIndent(buf, 2);
        vrConfEscapeXMLPrintf(buf, "<iqn name='%s'/>\n", src->initiatorIQN);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</initiator>\n");
    }
    if (src->sslVerify)
        vrBufAsprintf(buf, "<ssl verify='%s'/>\n", vrPropTristateString(src->sslVerify));
    if (src->readahead)
        vrBufAsprintf(buf, "<readahead size='%llu'/>\n", src->readahead);
    if (src->timeout)
        vrBufAsprintf(buf, "<timeout seconds='%llu'/>\n", src->timeout);
}

static void
vrSnapshotFormatSeclabels(vrBuf *buf, const vrSnapshotDiskSource *src)
{
    size_t i;

    for (i = 0; i < src->nseclabels; i++) {
        const vrSnapshotDiskSeclabel *sl = &src->seclabels[i];
        vrBufAddLit(buf, "<seclabel");
        attr(buf, "model", sl->model);
        vrBufAsprintf(buf, " relabel='%s'", sl->norelabel ? "no" : "yes");
        if (!sl->label) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrConfEscapeXMLPrintf(buf, "<label>%s</label>\n", sl->label);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</seclabel>\n");
    }
}

static void
vrSnapshotFormatReservations(vrBuf *buf, const vrSnapshotDiskSource *src)
{
    if (!src->prManaged)
        return;
    vrBufAsprintf(buf, "<reservations managed='%s'", vrPropTristateString(src->prManaged));
    if (!src->prPath) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrConfEscapeXMLPrintf(buf, "<source type='unix' path='%s' mode='client'/>\n", src->prPath);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</reservations>\n");
}

static void
vrSnapshotFormatSource(vrBuf *buf, const vrSnapshotDiskSource *src)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_autofree char *body = NULL;

    vrBufSetIndent(&children, 2);
    if (src->type == VR_STORAGE_TYPE_NETWORK)
        vrSnapshotFormatNetworkChildren(&children, src);
    vrSnapshotFormatSeclabels(&children, src);
    if (src->auth)
        vrStorageAuthFormat(&children, src->auth);
    if (src->encryption)
        vrStorageEncryptionFormat(&children, src->encryption);
    vrSnapshotFormatReservations(&children, src);
    body = vrBufContent(&children);

    vrBufAddLit(buf, "<source");
    vrSnapshotFormatSourceAttrs(buf, src);
    if (!body || !*body) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrConfAddFragment(buf, body);
    vrBufAddLit(buf, "</source>\n");
}

static void
vrSnapshotFormatDriver(vrBuf *buf, const vrSnapshotDiskDef *disk)
{
    vrBufAsprintf(buf, "<driver type='%s'", vrStorageFileFormatTypeToString(disk->format));
    if (!disk->metadataCacheMax) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<metadata_cache>\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<max_size unit='bytes'>%llu</max_size>\n", disk->metadataCacheMax);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</metadata_cache>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</driver>\n");
}

static void
vrSnapshotFormatDisk(vrBuf *buf, const vrSnapshotDiskDef *disk)
{
    vrBufAddLit(buf, "<disk");
    attr(buf, "name", disk->name);
    if (disk->snapshot)
        vrBufAsprintf(buf, " snapshot='%s'", vrSnapshotLocationTypeToString(disk->snapshot));
    if (!disk->src.path && !disk->format) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAsprintf(buf, " type='%s'>\n", vrStorageTypeTypeToString(disk->src.type));
    vrBufAdjustIndent(buf, 2);
    if (disk->format)
        vrSnapshotFormatDriver(buf, disk);
    vrSnapshotFormatSource(buf, &disk->src);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</disk>\n");
}

/* The next-boot definition is a <domain> under another element name,
 * formatted in place (re-indenting a formatted copy would shift the text
 * of mixed-content metadata). */
static void
vrSnapshotFormatInactiveDomain(vrBuf *buf, const vrDomainDef *dom, unsigned int flags)
{
    vrDomainDefFormatBufRoot(buf, dom, flags, "inactiveDomain");
}

static void
vrSnapshotFormatHeader(vrBuf *buf, const vrSnapshotDef *def)
{
    vrConfEscapeXMLPrintf(buf, "<name>%s</name>\n", def->name);
    if (def->description)
        vrConfEscapeXMLPrintf(buf, "<description>%s</description>\n", def->description);
    if (def->state)
        vrBufAsprintf(buf, "<state>%s</state>\n", vrSnapshotStateTypeToString(def->state));
    if (def->parent) {
        vrBufAddLit(buf, "<parent>\n");
        vrBufAdjustIndent(buf, 2);
        vrConfEscapeXMLPrintf(buf, "<name>%s</name>\n", def->parent);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</parent>\n");
    }
    if (def->creationTime)
        vrBufAsprintf(buf, "<creationTime>%lld</creationTime>\n", def->creationTime);
    if (def->memory) {
        vrBufAsprintf(buf, "<memory snapshot='%s'", vrSnapshotLocationTypeToString(def->memory));
        attr(buf, "file", def->memoryFile);
        vrBufAddLit(buf, "/>\n");
    }
}

char *
vrSnapshotDefFormat(const vrSnapshotDef *def, unsigned int domainFlags)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    size_t i;

    vrBufAddLit(&buf, "<domainsnapshot>\n");
    vrBufAdjustIndent(&buf, 2);
    vrSnapshotFormatHeader(&buf, def);
    if (def->ndisks) {
        vrBufAddLit(&buf, "<disks>\n");
        vrBufAdjustIndent(&buf, 2);
        for (i = 0; i < def->ndisks; i++)
            vrSnapshotFormatDisk(&buf, &def->disks[i]);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</disks>\n");
    }
    if (def->dom)
        vrDomainDefFormatBuf(&buf, def->dom, domainFlags);
    if (def->inactiveDom)
        vrSnapshotFormatInactiveDomain(&buf, def->inactiveDom, domainFlags);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</domainsnapshot>\n");
    return vrBufContent(&buf);
}
