/*
 * domain_device_disk.c: <disk> and the storage sources behind it.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrStorageNetProtocol, VR_STORAGE_NET_PROTOCOL_LAST,
             "none", "nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp",
             "ftps", "tftp", "ssh", "vxhs", "nfs");
VR_ENUM_IMPL(vrStorageNetHostTransport, VR_STORAGE_NET_HOST_TRANS_LAST, "tcp", "unix", "rdma");
VR_ENUM_IMPL(vrDiskImageFormat, VR_DISK_IMAGE_LAST,
             "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat",
             "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");
VR_ENUM_IMPL(vrDomainDiskCache, VR_DOMAIN_DISK_CACHE_LAST,
             "default", "none", "writethrough", "writeback", "directsync", "unsafe");
VR_ENUM_IMPL(vrDomainDiskErrorPolicy, VR_DOMAIN_DISK_ERROR_POLICY_LAST,
             "default", "stop", "report", "ignore", "enospace");
VR_ENUM_IMPL(vrDomainDiskIo, VR_DOMAIN_DISK_IO_LAST, "default", "native", "threads", "io_uring");
VR_ENUM_IMPL(vrDomainDiskDiscard, VR_DOMAIN_DISK_DISCARD_LAST, "default", "unmap", "ignore");
VR_ENUM_IMPL(vrDomainDiskDetectZeroes, VR_DOMAIN_DISK_DETECT_ZEROES_LAST,
             "default", "off", "on", "unmap");
VR_ENUM_IMPL(vrDomainDiskModel, VR_DOMAIN_DISK_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainDiskSgio, VR_DOMAIN_DISK_SGIO_LAST, "default", "filtered", "unfiltered");
VR_ENUM_IMPL(vrDomainSnapshotLocation, VR_DOMAIN_SNAPSHOT_LOCATION_LAST,
             "default", "no", "internal", "external", "manual");
VR_ENUM_IMPL(vrDomainStartupPolicy, VR_DOMAIN_STARTUP_POLICY_LAST,
             "default", "mandatory", "requisite", "optional");
VR_ENUM_IMPL(vrDomainDiskGeometryTrans, VR_DOMAIN_DISK_GEOMETRY_TRANS_LAST,
             "default", "none", "auto", "lba");
VR_ENUM_IMPL(vrDomainDiskTray, VR_DOMAIN_DISK_TRAY_LAST, "closed", "open");
VR_ENUM_IMPL(vrDiskEncryptionFormat, VR_DISK_ENCRYPTION_FORMAT_LAST,
             "default", "qcow", "luks", "luks2", "luks-any");

vrStorageSource *
vrStorageSourceNew(void)
{
    return g_new0(vrStorageSource, 1);
}

/* ---- auth and encryption ------------------------------------------- */

static int
vrStorageSecretParse(xmlNodePtr node, char **uuid, char **usage)
{
    *uuid = vrXMLProp(node, "uuid");
    *usage = vrXMLProp(node, "usage");
    if (*uuid && *usage) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "either secret uuid or usage expected");
        return -1;
    }
    if (!*uuid && !*usage) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing secret uuid or usage attribute");
        return -1;
    }
    return 0;
}

/* The usage types of secrets. */
static bool
vrDiskSecretTypeIsValid(const char *type)
{
    static const char *const types[] = { "none", "volume", "ceph", "iscsi", "tls", "vtpm" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(types); i++) {
        if (g_str_equal(types[i], type))
            return true;
    }
    return false;
}

static vrDiskAuth *
vrDiskAuthParse(xmlNodePtr node)
{
    g_autoptr(vrDiskAuth) auth = g_new0(vrDiskAuth, 1);
    xmlNodePtr secret;

    if (!(auth->username = vrXMLProp(node, "username"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing username for auth");
        return NULL;
    }
    auth->authType = vrXMLProp(node, "type");
    if (auth->authType && !g_str_equal(auth->authType, "chap") &&
        !g_str_equal(auth->authType, "ceph")) {
        vrReportError(VR_ERR_XML_ERROR, "unknown auth type '%s'", auth->authType);
        return NULL;
    }
    if (!(secret = vrXMLChild(node, "secret"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <secret> element in auth");
        return NULL;
    }
    auth->secretType = vrXMLProp(secret, "type");
    if (auth->secretType && !vrDiskSecretTypeIsValid(auth->secretType)) {
        vrReportError(VR_ERR_XML_ERROR, "invalid secret type %s", auth->secretType);
        return NULL;
    }
    if (vrStorageSecretParse(secret, &auth->secretUUID, &auth->secretUsage) < 0)
        return NULL;
    return g_steal_pointer(&auth);
}

static void
vrDiskAuthFormat(vrBuf *buf, const vrDiskAuth *auth)
{
    vrBufAddLit(buf, "<auth");
    vrDevAttr(buf, "type", auth->authType);
    vrDevAttr(buf, "username", auth->username);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<secret");
    vrDevAttr(buf, "type", auth->secretType);
    vrDevAttr(buf, "uuid", auth->secretUUID);
    vrDevAttr(buf, "usage", auth->secretUsage);
    vrBufAddLit(buf, "/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</auth>\n");
}

static int
vrDiskEncryptionParseSecrets(xmlNodePtr node, vrDiskEncryption *enc)
{
    vrXMLForEachNamed(node, "secret", secret) {
        vrDiskEncryptionSecret s = { 0 };

        if (!(s.type = vrXMLProp(secret, "type"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing volume encryption secret type");
            return -1;
        }
        if (!g_str_equal(s.type, "passphrase")) {
            vrReportError(VR_ERR_XML_ERROR, "unknown volume encryption secret type %s", s.type);
            g_free(s.type);
            return -1;
        }
        if (vrStorageSecretParse(secret, &s.uuid, &s.usage) < 0) {
            g_free(s.type);
            g_free(s.uuid);
            g_free(s.usage);
            return -1;
        }
        enc->secrets = g_renew(vrDiskEncryptionSecret, enc->secrets, enc->nsecrets + 1);
        enc->secrets[enc->nsecrets++] = s;
    }
    return 0;
}

static int
vrDiskEncryptionParseInfo(xmlNodePtr node, vrDiskEncryption *enc)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "cipher"))) {
        if (!(enc->cipherName = vrDevPropRequired(child, "name")) ||
            vrDevPropUInt(child, "size", 10, VR_DEV_PROP_REQUIRED, &enc->cipherSize) < 0)
            return -1;
        enc->cipherMode = vrXMLProp(child, "mode");
        enc->cipherHash = vrXMLProp(child, "hash");
        enc->hasCipher = true;
    }
    if ((child = vrXMLChild(node, "ivgen"))) {
        if (!(enc->ivgenName = vrDevPropRequired(child, "name")))
            return -1;
        enc->ivgenHash = vrXMLProp(child, "hash");
        enc->hasIvgen = true;
    }
    return 0;
}

static vrDiskEncryption *
vrDiskEncryptionParse(xmlNodePtr node)
{
    g_autoptr(vrDiskEncryption) enc = g_new0(vrDiskEncryption, 1);
    g_autofree char *format = vrXMLProp(node, "format");

    if (!format) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "unknown volume encryption format type (null)");
        return NULL;
    }
    if ((enc->format = vrDiskEncryptionFormatTypeFromString(format)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown volume encryption format type %s",
                      format);
        return NULL;
    }
    enc->engine = vrXMLProp(node, "engine");
    if (enc->engine && !g_str_equal(enc->engine, "qemu") && !g_str_equal(enc->engine, "librbd")) {
        vrDevReportBadAttr(node, "engine", enc->engine);
        return NULL;
    }
    if (vrDiskEncryptionParseSecrets(node, enc) < 0 ||
        vrDiskEncryptionParseInfo(node, enc) < 0)
        return NULL;
    return g_steal_pointer(&enc);
}

static void
vrDiskEncryptionFormatXML(vrBuf *buf, const vrDiskEncryption *enc)
{
    size_t i;

    vrBufAsprintf(buf, "<encryption format='%s'",
                  vrDiskEncryptionFormatTypeToString(enc->format));
    vrDevAttr(buf, "engine", enc->engine);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < enc->nsecrets; i++) {
        vrBufAddLit(buf, "<secret");
        vrDevAttr(buf, "type", enc->secrets[i].type);
        vrDevAttr(buf, "uuid", enc->secrets[i].uuid);
        vrDevAttr(buf, "usage", enc->secrets[i].usage);
        vrBufAddLit(buf, "/>\n");
    }
    if (enc->hasCipher) {
        vrConfEscapeXMLPrintf(buf, "<cipher name='%s'", enc->cipherName);
        vrBufAsprintf(buf, " size='%u'", enc->cipherSize);
        vrDevAttr(buf, "mode", enc->cipherMode);
        vrDevAttr(buf, "hash", enc->cipherHash);
        vrBufAddLit(buf, "/>\n");
    }
    if (enc->hasIvgen) {
        vrConfEscapeXMLPrintf(buf, "<ivgen name='%s'", enc->ivgenName);
        vrDevAttr(buf, "hash", enc->ivgenHash);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</encryption>\n");
}

/* ---- storage source parsing ---------------------------------------- */

static int
vrStorageSourceParseHost(xmlNodePtr node, vrStorageNetHost *host)
{
    g_autofree char *transport = vrXMLProp(node, "transport");
    g_autofree char *port = NULL;

    if (transport && (host->transport = vrStorageNetHostTransportTypeFromString(transport)) < 0) {
        host->transport = VR_STORAGE_NET_HOST_TRANS_TCP;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown protocol transport type '%s'",
                      transport);
        return -1;
    }
    host->socket = vrXMLProp(node, "socket");
    if (host->transport == VR_STORAGE_NET_HOST_TRANS_UNIX && !host->socket) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing socket for unix transport");
        return -1;
    }
    if (host->transport != VR_STORAGE_NET_HOST_TRANS_UNIX && host->socket) {
        vrReportError(VR_ERR_XML_ERROR, "transport '%s' does not support socket attribute",
                      transport ? transport : "tcp");
        return -1;
    }
    if (host->transport == VR_STORAGE_NET_HOST_TRANS_UNIX)
        return 0;
    if (!(host->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing name for host");
        return -1;
    }
    if ((port = vrXMLProp(node, "port")) &&
        (vrStrToUInt(port, 10, &host->port) < 0 || host->port > 65535)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "failed to parse port number '%s'", port);
        return -1;
    }
    return 0;
}

int
vrStorageSourceParseNetworkHosts(xmlNodePtr source, vrStorageSource *src)
{
    vrXMLForEachNamed(source, "host", node) {
        vrStorageNetHost host = { 0 };

        if (vrStorageSourceParseHost(node, &host) < 0) {
            g_free(host.name);
            g_free(host.socket);
            return -1;
        }
        src->hosts = g_renew(vrStorageNetHost, src->hosts, src->nhosts + 1);
        src->hosts[src->nhosts++] = host;
    }
    return 0;
}

static unsigned int
vrStorageNetDefaultPort(int protocol)
{
    switch ((vrStorageNetProtocol)protocol) {
    case VR_STORAGE_NET_PROTOCOL_HTTP: return 80;
    case VR_STORAGE_NET_PROTOCOL_HTTPS: return 443;
    case VR_STORAGE_NET_PROTOCOL_FTP: return 21;
    case VR_STORAGE_NET_PROTOCOL_FTPS: return 990;
    case VR_STORAGE_NET_PROTOCOL_TFTP: return 69;
    case VR_STORAGE_NET_PROTOCOL_SHEEPDOG: return 7000;
    case VR_STORAGE_NET_PROTOCOL_NBD: return 10809;
    case VR_STORAGE_NET_PROTOCOL_SSH: return 22;
    case VR_STORAGE_NET_PROTOCOL_ISCSI: return 3260;
    case VR_STORAGE_NET_PROTOCOL_GLUSTER: return 24007;
    case VR_STORAGE_NET_PROTOCOL_VXHS: return 9999;
    case VR_STORAGE_NET_PROTOCOL_RBD:
    case VR_STORAGE_NET_PROTOCOL_NFS:
    case VR_STORAGE_NET_PROTOCOL_NONE:
    case VR_STORAGE_NET_PROTOCOL_LAST:
        break;
    }
    return 0;
}

static int
vrStorageSourceParseCookies(xmlNodePtr node, vrStorageSource *src)
{
    vrXMLForEachNamed(node, "cookie", cookie) {
        vrStorageNetCookie c = { 0 };

        if (!(c.name = vrDevPropRequired(cookie, "name")))
            return -1;
        c.value = vrXMLContent(cookie);
        src->cookies = g_renew(vrStorageNetCookie, src->cookies, src->ncookies + 1);
        src->cookies[src->ncookies++] = c;
    }
    return 0;
}

static bool
vrStorageNetIsHTTPLike(int protocol)
{
    return protocol == VR_STORAGE_NET_PROTOCOL_HTTP || protocol == VR_STORAGE_NET_PROTOCOL_HTTPS ||
           protocol == VR_STORAGE_NET_PROTOCOL_FTP || protocol == VR_STORAGE_NET_PROTOCOL_FTPS ||
           protocol == VR_STORAGE_NET_PROTOCOL_TFTP;
}

static int
vrStorageSourceParseCurl(xmlNodePtr node, vrStorageSource *src)
{
    xmlNodePtr child;
    bool http = src->protocol == VR_STORAGE_NET_PROTOCOL_HTTP ||
                src->protocol == VR_STORAGE_NET_PROTOCOL_HTTPS;
    bool tls = src->protocol == VR_STORAGE_NET_PROTOCOL_HTTPS ||
               src->protocol == VR_STORAGE_NET_PROTOCOL_FTPS;

    if (tls && (child = vrXMLChild(node, "ssl")) &&
        vrDevPropTristateBool(child, "verify", VR_DEV_PROP_REQUIRED, &src->sslverify) < 0)
        return -1;
    if (http && (child = vrXMLChild(node, "cookies")) && vrStorageSourceParseCookies(child, src) < 0)
        return -1;
    if (!vrStorageNetIsHTTPLike(src->protocol))
        return 0;
    if ((child = vrXMLChild(node, "readahead")) &&
        vrDevPropULLong(child, "size", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO,
                        &src->readahead) < 0)
        return -1;
    if ((child = vrXMLChild(node, "timeout")) &&
        vrDevPropULLong(child, "seconds", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO,
                        &src->timeout) < 0)
        return -1;
    return 0;
}

static int
vrStorageSourceParseNetwork(xmlNodePtr node, vrStorageSource *src)
{
    xmlNodePtr child;
    size_t i;

    if (vrDevPropEnum(node, "protocol", vrStorageNetProtocolTypeFromString,
                      VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO, &src->protocol) < 0)
        return -1;
    if (!(src->path = vrXMLProp(node, "name")) && src->protocol != VR_STORAGE_NET_PROTOCOL_NBD) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing name for disk source");
        return -1;
    }
    if (vrDevPropTristateBool(node, "tls", 0, &src->tls) < 0)
        return -1;
    src->tlsHostname = vrXMLProp(node, "tlsHostname");
    if (src->path && src->protocol == VR_STORAGE_NET_PROTOCOL_GLUSTER) {
        const char *slash = strchr(src->path, '/');
        if (!slash || slash == src->path) {
            vrReportError(VR_ERR_XML_ERROR, "can't split path '%s' into pool name and image name",
                          src->path);
            return -1;
        }
    }
    if ((child = vrXMLChild(node, "snapshot")))
        src->snapshot = vrXMLProp(child, "name");
    if ((child = vrXMLChild(node, "config")))
        src->configFile = vrXMLProp(child, "file");
    if (src->protocol == VR_STORAGE_NET_PROTOCOL_HTTP ||
        src->protocol == VR_STORAGE_NET_PROTOCOL_HTTPS)
        src->query = vrXMLProp(node, "query");
    if (vrStorageSourceParseNetworkHosts(node, src) < 0)
        return -1;
    for (i = 0; i < src->nhosts; i++) {
        if (src->hosts[i].transport == VR_STORAGE_NET_HOST_TRANS_TCP && !src->hosts[i].port)
            src->hosts[i].port = vrStorageNetDefaultPort(src->protocol);
    }
    if ((child = vrXMLChild(node, "initiator")) && (child = vrXMLChild(child, "iqn")))
        src->initiatorIqn = vrXMLProp(child, "name");
    return vrStorageSourceParseCurl(node, src);
}

static int
vrStorageSourceParseVolume(xmlNodePtr node, vrStorageSource *src)
{
    g_autofree char *mode = vrXMLProp(node, "mode");

    src->pool = vrXMLProp(node, "pool");
    src->volume = vrXMLProp(node, "volume");
    if (!src->pool && !src->volume)
        return 0;
    if (!src->pool || !src->volume) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "'pool' and 'volume' must be specified together");
        return -1;
    }
    if (!mode)
        return 0;
    if (g_str_equal(mode, "host"))
        src->volMode = 1;
    else if (g_str_equal(mode, "direct"))
        src->volMode = 2;
    else {
        vrReportError(VR_ERR_XML_ERROR, "unknown source mode '%s' for volume type disk", mode);
        return -1;
    }
    return 0;
}

static int
vrStorageSourceParseNVMe(xmlNodePtr node, vrStorageSource *src)
{
    g_autofree char *type = vrXMLProp(node, "type");
    g_autofree char *ns = NULL;
    xmlNodePtr address;

    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing 'type' attribute to disk source");
        return -1;
    }
    if (!g_str_equal(type, "pci")) {
        vrReportError(VR_ERR_XML_ERROR, "unsupported source type '%s'", type);
        return -1;
    }
    if (!(ns = vrXMLProp(node, "namespace"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing 'namespace' attribute to disk source");
        return -1;
    }
    if (vrStrToULLong(ns, 10, &src->nvmeNamespace) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "malformed namespace '%s'", ns);
        return -1;
    }
    if (vrDevPropTristateBool(node, "managed", 0, &src->nvmeManaged) < 0)
        return -1;
    if (!(address = vrXMLChild(node, "address"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "NVMe disk source is missing address");
        return -1;
    }
    return vrDevPCIAddressParse(address, &src->nvmeAddr);
}

static int
vrStorageSourceParseVhostUser(xmlNodePtr node, vrStorageSource *src)
{
    g_autofree char *type = vrXMLProp(node, "type");

    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing 'type' attribute for vhostuser disk source");
        return -1;
    }
    if (!g_str_equal(type, "unix")) {
        vrReportError(VR_ERR_XML_ERROR, "invalid 'type' attribute for vhostuser disk source '%s'",
                      type);
        return -1;
    }
    if (!(src->path = vrXMLProp(node, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing 'path' attribute for vhostuser disk source");
        return -1;
    }
    return vrDevReconnectParse(node, &src->reconnectEnabled, &src->reconnectTimeout);
}

/* <reservations managed=><source type='unix' path= mode=/></reservations> */
static int
vrStorageSourceParseReservationsSource(xmlNodePtr source, vrStorageSource *src)
{
    g_autofree char *type = vrXMLProp(source, "type");
    g_autofree char *mode = vrXMLProp(source, "mode");
    vrDomainChrSource *chr;

    if (!type || !g_str_equal(type, "unix")) {
        vrReportError(VR_ERR_XML_ERROR, "unsupported connection type for <reservations/>: %s",
                      type ? type : "(null)");
        return -1;
    }
    chr = src->reservationsSource = g_new0(vrDomainChrSource, 1);
    chr->type = VR_DOMAIN_CHR_TYPE_UNIX;
    if (!(chr->path = vrXMLProp(source, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing path for connection");
        return -1;
    }
    if (!mode || (!g_str_equal(mode, "server") && !g_str_equal(mode, "client"))) {
        vrReportError(VR_ERR_XML_ERROR, "unsupported connection mode for <reservations/>: %s",
                      mode ? mode : "(null)");
        return -1;
    }
    chr->listen = g_str_equal(mode, "server");
    return 0;
}

static int
vrStorageSourceParseReservations(xmlNodePtr node, vrStorageSource *src)
{
    xmlNodePtr source;

    if (vrDevPropTristateBool(node, "managed", VR_DEV_PROP_REQUIRED,
                              &src->reservationsManaged) < 0)
        return -1;
    if (!(source = vrXMLChild(node, "source")))
        return 0;
    return vrStorageSourceParseReservationsSource(source, src);
}

static int
vrStorageSourceParseSlices(xmlNodePtr node, vrStorageSource *src)
{
    xmlNodePtr slice = NULL;

    /* only storage slices exist so far; others are not looked at */
    vrXMLForEachNamed(node, "slice", cur) {
        g_autofree char *type = vrXMLProp(cur, "type");
        if (type && g_str_equal(type, "storage")) {
            slice = cur;
            break;
        }
    }
    if (!slice)
        return 0;
    if (vrDevPropULLong(slice, "offset", 10, VR_DEV_PROP_REQUIRED, &src->sliceOffset) < 0 ||
        vrDevPropULLong(slice, "size", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO,
                        &src->sliceSize) < 0)
        return -1;
    src->hasSlice = true;
    return 0;
}

/* The common children of a source element. */
static int
vrStorageSourceParseCommon(xmlNodePtr node, vrStorageSource *src, unsigned int flags)
{
    xmlNodePtr child;

    if (src->type != VR_STORAGE_TYPE_NETWORK &&
        vrDevSeclabelsParse(node, &src->seclabels, &src->nseclabels, flags) < 0)
        return -1;
    if (src->type == VR_STORAGE_TYPE_NETWORK &&
        vrDevSeclabelsParse(node, &src->seclabels, &src->nseclabels, flags) < 0)
        return -1;
    if ((child = vrXMLChild(node, "auth"))) {
        if (src->auth) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "an <auth> definition already found for disk source");
            return -1;
        }
        if (!(src->auth = vrDiskAuthParse(child)))
            return -1;
    }
    if ((child = vrXMLChild(node, "encryption"))) {
        if (src->encryption) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "an <encryption> definition already found for disk source");
            return -1;
        }
        if (!(src->encryption = vrDiskEncryptionParse(child)))
            return -1;
    }
    if ((child = vrXMLChild(node, "reservations")) &&
        vrStorageSourceParseReservations(child, src) < 0)
        return -1;
    if ((child = vrXMLChild(node, "slices")) && vrStorageSourceParseSlices(child, src) < 0)
        return -1;
    return 0;
}

static int
vrStorageSourceParse(xmlNodePtr node, vrStorageSource *src, unsigned int flags)
{
    int rc = 0;

    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        src->path = vrXMLProp(node, "file");
        break;
    case VR_STORAGE_TYPE_BLOCK:
        src->path = vrXMLProp(node, "dev");
        break;
    case VR_STORAGE_TYPE_DIR:
        src->path = vrXMLProp(node, "dir");
        break;
    case VR_STORAGE_TYPE_NETWORK:
        rc = vrStorageSourceParseNetwork(node, src);
        break;
    case VR_STORAGE_TYPE_VOLUME:
        rc = vrStorageSourceParseVolume(node, src);
        break;
    case VR_STORAGE_TYPE_NVME:
        rc = vrStorageSourceParseNVMe(node, src);
        break;
    case VR_STORAGE_TYPE_VHOST_USER:
        rc = vrStorageSourceParseVhostUser(node, src);
        break;
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
    if (rc < 0)
        return -1;
    /* an empty path reads as no path */
    if (src->path && !*src->path && src->type != VR_STORAGE_TYPE_NETWORK)
        g_clear_pointer(&src->path, g_free);
    return vrStorageSourceParseCommon(node, src, flags);
}

static int
vrStorageSourceParseBackingStore(xmlNodePtr parent, vrStorageSource *src, unsigned int flags)
{
    xmlNodePtr bs = vrXMLChild(parent, "backingStore");
    g_autofree char *type = NULL;
    g_autofree char *format = NULL;
    xmlNodePtr child;
    vrStorageSource *backing;

    if (!bs)
        return 0;
    src->hasBackingStoreElement = true;
    /* the chain terminator has no type */
    if (!(type = vrXMLProp(bs, "type")))
        return 0;
    backing = src->backing = vrStorageSourceNew();
    if ((backing->type = vrStorageTypeTypeFromString(type)) <= 0) {
        backing->type = VR_STORAGE_TYPE_NONE;
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown storage source type '%s'", type);
        return -1;
    }
    if ((flags & VR_DOMAIN_PARSE_LIVE) &&
        vrDevPropUInt(bs, "index", 10, 0, &backing->index) < 0)
        return -1;
    if (!(child = vrXMLChild(bs, "format")) || !(format = vrXMLProp(child, "type"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing disk backing store format");
        return -1;
    }
    if ((backing->format = vrDiskImageFormatTypeFromString(format)) <= 0) {
        backing->format = VR_DISK_IMAGE_NONE;
        vrReportError(VR_ERR_XML_ERROR, "unknown disk backing store format '%s'", format);
        return -1;
    }
    if (!(child = vrXMLChild(bs, "source"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing disk backing store source");
        return -1;
    }
    if (vrStorageSourceParse(child, backing, flags) < 0)
        return -1;
    return vrStorageSourceParseBackingStore(bs, backing, flags);
}

/* ---- storage source formatting ------------------------------------- */

static void
vrStorageSourceFormatNetwork(vrBuf *attrs, vrBuf *children, const vrStorageSource *src)
{
    size_t i;

    vrBufAsprintf(attrs, " protocol='%s'", vrStorageNetProtocolTypeToString(src->protocol));
    vrDevAttr(attrs, "name", src->path);
    vrDevAttr(attrs, "query", src->query);
    vrDevAttrTristateBool(attrs, "tls", src->tls);
    vrDevAttr(attrs, "tlsHostname", src->tlsHostname);
    for (i = 0; i < src->nhosts; i++) {
        const vrStorageNetHost *h = &src->hosts[i];
        vrBufAddLit(children, "<host");
        vrDevAttr(children, "name", h->name);
        if (h->port)
            vrBufAsprintf(children, " port='%u'", h->port);
        if (h->transport)
            vrBufAsprintf(children, " transport='%s'",
                          vrStorageNetHostTransportTypeToString(h->transport));
        vrDevAttr(children, "socket", h->socket);
        vrBufAddLit(children, "/>\n");
    }
    if (src->snapshot)
        vrConfEscapeXMLPrintf(children, "<snapshot name='%s'/>\n", src->snapshot);
    if (src->configFile)
        vrConfEscapeXMLPrintf(children, "<config file='%s'/>\n", src->configFile);
    if (src->initiatorIqn) {
        vrBufAddLit(children, "<initiator>\n");
        vrConfEscapeXMLPrintf(children, "  <iqn name='%s'/>\n", src->initiatorIqn);
        vrBufAddLit(children, "</initiator>\n");
    }
    if (src->sslverify)
        vrBufAsprintf(children, "<ssl verify='%s'/>\n", vrTristateBoolTypeToString(src->sslverify));
    if (src->ncookies) {
        vrBufAddLit(children, "<cookies>\n");
        for (i = 0; i < src->ncookies; i++) {
            vrConfEscapeXMLPrintf(children, "  <cookie name='%s'>", src->cookies[i].name);
            vrConfEscapeXMLText(children, src->cookies[i].value);
            vrBufAddLit(children, "</cookie>\n");
        }
        vrBufAddLit(children, "</cookies>\n");
    }
    if (src->readahead)
        vrBufAsprintf(children, "<readahead size='%llu'/>\n", src->readahead);
    if (src->timeout)
        vrBufAsprintf(children, "<timeout seconds='%llu'/>\n", src->timeout);
}

static void
vrStorageSourceFormatReservations(vrBuf *buf, const vrStorageSource *src)
{
    if (!src->reservationsManaged)
        return;
    vrBufAsprintf(buf, "<reservations managed='%s'",
                  vrTristateBoolTypeToString(src->reservationsManaged));
    if (!src->reservationsSource) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrConfEscapeXMLPrintf(buf, "  <source type='unix' path='%s'",
                         src->reservationsSource->path);
    vrBufAsprintf(buf, " mode='%s'/>\n", src->reservationsSource->listen ? "server" : "client");
    vrBufAddLit(buf, "</reservations>\n");
}

/* @startupPolicy, @skipAuth and @skipEnc come from the disk: the policy
 * belongs to it, and auth/encryption may have been written beside the
 * source rather than inside it.  @always writes an empty <source/>. */
static void
vrStorageSourceFormat(vrBuf *buf, const vrStorageSource *src, int startupPolicy,
                      bool skipAuth, bool skipEnc, bool always)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        vrDevAttr(&attrs, "file", src->path);
        break;
    case VR_STORAGE_TYPE_BLOCK:
        vrDevAttr(&attrs, "dev", src->path);
        break;
    case VR_STORAGE_TYPE_DIR:
        vrDevAttr(&attrs, "dir", src->path);
        break;
    case VR_STORAGE_TYPE_NETWORK:
        vrStorageSourceFormatNetwork(&attrs, &children, src);
        break;
    case VR_STORAGE_TYPE_VOLUME:
        if (src->pool) {
            vrDevAttr(&attrs, "pool", src->pool);
            vrDevAttr(&attrs, "volume", src->volume);
            if (src->volMode)
                vrBufAsprintf(&attrs, " mode='%s'", src->volMode == 1 ? "host" : "direct");
        }
        break;
    case VR_STORAGE_TYPE_NVME:
        vrBufAddLit(&attrs, " type='pci'");
        vrDevAttrTristateBool(&attrs, "managed", src->nvmeManaged);
        vrBufAsprintf(&attrs, " namespace='%llu'", src->nvmeNamespace);
        vrDevPCIAddressFormat(&children, &src->nvmeAddr, false);
        break;
    case VR_STORAGE_TYPE_VHOST_USER:
        vrBufAddLit(&attrs, " type='unix'");
        vrDevAttr(&attrs, "path", src->path);
        vrDevReconnectFormat(&children, src->reconnectEnabled, src->reconnectTimeout);
        break;
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
    if (src->hasSlice) {
        vrBufAddLit(&children, "<slices>\n");
        vrBufAsprintf(&children, "  <slice type='storage' offset='%llu' size='%llu'/>\n",
                      src->sliceOffset, src->sliceSize);
        vrBufAddLit(&children, "</slices>\n");
    }
    vrDevSeclabelsFormat(&children, src->seclabels, src->nseclabels);
    if (src->auth && !skipAuth)
        vrDiskAuthFormat(&children, src->auth);
    if (src->encryption && !skipEnc)
        vrDiskEncryptionFormatXML(&children, src->encryption);
    vrStorageSourceFormatReservations(&children, src);
    if (startupPolicy && src->type != VR_STORAGE_TYPE_NETWORK)
        vrBufAsprintf(&attrs, " startupPolicy='%s'",
                      vrDomainStartupPolicyTypeToString(startupPolicy));
    vrDevFormatElement(buf, "source", &attrs, &children, always);
}

static void
vrStorageSourceFormatBackingStore(vrBuf *buf, const vrStorageSource *src, unsigned int flags)
{
    const vrStorageSource *bs = src->backing;

    if (!bs) {
        if (src->hasBackingStoreElement)
            vrBufAddLit(buf, "<backingStore/>\n");
        return;
    }
    vrBufAsprintf(buf, "<backingStore type='%s'", vrStorageTypeTypeToString(bs->type));
    if (bs->index && !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrBufAsprintf(buf, " index='%u'", bs->index);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<format type='%s'/>\n", vrDiskImageFormatTypeToString(bs->format));
    /* a backing store needs its <source> to parse again, even an empty
     * one: libvirt drops it and then rejects its own output */
    vrStorageSourceFormat(buf, bs, 0, false, false, true);
    vrStorageSourceFormatBackingStore(buf, bs, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</backingStore>\n");
}

/* ---- disk ---------------------------------------------------------- */

static int
vrDomainDiskParseDriver(xmlNodePtr node, vrDomainDiskDef *disk)
{
    vrDomainDiskDriver *d = &disk->driver;
    g_autofree char *type = NULL;
    xmlNodePtr cache;

    d->name = vrXMLProp(node, "name");
    /* "aio" is an old Xen spelling of raw */
    if ((type = vrXMLProp(node, "type")) && g_str_equal(type, "aio"))
        disk->src->format = VR_DISK_IMAGE_RAW;
    else if (type && (disk->src->format = vrDiskImageFormatTypeFromString(type)) <= 0) {
        disk->src->format = VR_DISK_IMAGE_NONE;
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown driver format value '%s'", type);
        return -1;
    }
    if (vrDevPropEnum(node, "cache", vrDomainDiskCacheTypeFromString, 0, &d->cache) < 0 ||
        vrDevPropEnum(node, "error_policy", vrDomainDiskErrorPolicyTypeFromString,
                      VR_DEV_PROP_NONZERO, &d->errorPolicy) < 0 ||
        vrDevPropEnum(node, "rerror_policy", vrDomainDiskErrorPolicyTypeFromString,
                      VR_DEV_PROP_NONZERO, &d->rerrorPolicy) < 0 ||
        vrDevPropEnum(node, "io", vrDomainDiskIoTypeFromString, VR_DEV_PROP_NONZERO,
                      &d->io) < 0 ||
        vrDevPropTristateSwitch(node, "ioeventfd", 0, &d->ioeventfd) < 0 ||
        vrDevPropTristateSwitch(node, "event_idx", 0, &d->eventIdx) < 0 ||
        vrDevPropTristateSwitch(node, "copy_on_read", 0, &d->copyOnRead) < 0 ||
        vrDevPropEnum(node, "discard", vrDomainDiskDiscardTypeFromString, VR_DEV_PROP_NONZERO,
                      &d->discard) < 0 ||
        vrDevPropUInt(node, "iothread", 10, VR_DEV_PROP_NONZERO, &d->iothread) < 0 ||
        vrDevPropEnum(node, "detect_zeroes", vrDomainDiskDetectZeroesTypeFromString,
                      VR_DEV_PROP_NONZERO, &d->detectZeroes) < 0 ||
        vrDevPropUInt(node, "queues", 10, 0, &d->queues) < 0 ||
        vrDevPropUInt(node, "queue_size", 10, 0, &d->queueSize) < 0 ||
        vrDevVirtioOptionsParse(node, &d->virtio) < 0)
        return -1;
    if (d->rerrorPolicy == VR_DOMAIN_DISK_ERROR_POLICY_ENOSPACE) {
        vrDevReportBadAttr(node, "rerror_policy", "enospace");
        return -1;
    }
    if ((cache = vrXMLChild(node, "metadata_cache")) &&
        vrDevParseScaledChild(cache, "max_size", "./max_size[1]", 1, 1,
                              &d->metadataCacheMaxSize) < 0)
        return -1;
    return 0;
}

static int
vrDomainDiskParseTarget(xmlNodePtr target, vrDomainDiskDef *disk)
{
    disk->dst = vrXMLProp(target, "dev");
    if (vrDevPropEnum(target, "bus", vrDomainDiskBusTypeFromString, VR_DEV_PROP_NONZERO,
                      &disk->bus) < 0 ||
        vrDevPropEnum(target, "tray", vrDomainDiskTrayTypeFromString, 0, &disk->tray) < 0 ||
        vrDevPropTristateSwitch(target, "removable", 0, &disk->removable) < 0 ||
        vrDevPropUInt(target, "rotation_rate", 10, 0, &disk->rotationRate) < 0)
        return -1;
    return 0;
}

static int
vrDomainDiskParseIotune(xmlNodePtr node, vrDomainDiskIotune *io)
{
    struct {
        const char *name;
        unsigned long long *field;
    } fields[] = {
        { "total_bytes_sec", &io->totalBytesSec }, { "read_bytes_sec", &io->readBytesSec },
        { "write_bytes_sec", &io->writeBytesSec }, { "total_iops_sec", &io->totalIopsSec },
        { "read_iops_sec", &io->readIopsSec }, { "write_iops_sec", &io->writeIopsSec },
        { "total_bytes_sec_max", &io->totalBytesSecMax },
        { "read_bytes_sec_max", &io->readBytesSecMax },
        { "write_bytes_sec_max", &io->writeBytesSecMax },
        { "total_iops_sec_max", &io->totalIopsSecMax },
        { "read_iops_sec_max", &io->readIopsSecMax },
        { "write_iops_sec_max", &io->writeIopsSecMax },
        { "size_iops_sec", &io->sizeIopsSec },
        { "total_bytes_sec_max_length", &io->totalBytesSecMaxLength },
        { "read_bytes_sec_max_length", &io->readBytesSecMaxLength },
        { "write_bytes_sec_max_length", &io->writeBytesSecMaxLength },
        { "total_iops_sec_max_length", &io->totalIopsSecMaxLength },
        { "read_iops_sec_max_length", &io->readIopsSecMaxLength },
        { "write_iops_sec_max_length", &io->writeIopsSecMaxLength },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        g_autofree char *text = vrDevChildText(node, fields[i].name);
        if (text && *text && vrStrToULLong(text, 10, fields[i].field) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "disk iotune field '%s' must be an integer",
                          fields[i].name);
            return -1;
        }
    }
    io->groupName = vrDevChildText(node, "group_name");
#define VR_IOTUNE_EXCLUSIVE(total, rd, wr, what) \
    if (io->total && (io->rd || io->wr)) { \
        vrReportError(VR_ERR_XML_ERROR, "%s", \
                      "total and read/write " what " cannot be set at the same time"); \
        return -1; \
    }
    VR_IOTUNE_EXCLUSIVE(totalBytesSec, readBytesSec, writeBytesSec, "bytes_sec");
    VR_IOTUNE_EXCLUSIVE(totalIopsSec, readIopsSec, writeIopsSec, "iops_sec");
    VR_IOTUNE_EXCLUSIVE(totalBytesSecMax, readBytesSecMax, writeBytesSecMax, "bytes_sec_max");
    VR_IOTUNE_EXCLUSIVE(totalIopsSecMax, readIopsSecMax, writeIopsSecMax, "iops_sec_max");
#undef VR_IOTUNE_EXCLUSIVE
    return 0;
}

static int
vrDomainDiskParseGeometry(xmlNodePtr node, vrDomainDiskDef *disk)
{
    if (vrDevPropUInt(node, "cyls", 10, 0, &disk->geometryCyls) < 0 ||
        vrDevPropUInt(node, "heads", 10, 0, &disk->geometryHeads) < 0 ||
        vrDevPropUInt(node, "secs", 10, 0, &disk->geometrySecs) < 0 ||
        vrDevPropEnum(node, "trans", vrDomainDiskGeometryTransTypeFromString,
                      VR_DEV_PROP_NONZERO, &disk->geometryTrans) < 0)
        return -1;
    return 0;
}

/* 16 hex digits, optionally after "0x". */
static bool
vrDomainDiskWWNIsValid(const char *wwn)
{
    if (g_str_has_prefix(wwn, "0x"))
        wwn += 2;
    return strlen(wwn) == 16 && strspn(wwn, "0123456789abcdefABCDEF") == 16;
}

static int
vrDomainDiskParseIdentity(xmlNodePtr node, vrDomainDiskDef *disk)
{
    disk->serial = vrDevChildText(node, "serial");
    disk->wwn = vrDevChildText(node, "wwn");
    disk->vendor = vrDevChildText(node, "vendor");
    disk->product = vrDevChildText(node, "product");
    if (disk->wwn && !vrDomainDiskWWNIsValid(disk->wwn)) {
        vrReportError(VR_ERR_XML_ERROR, "Malformed wwn: %s", disk->wwn);
        return -1;
    }
    if (disk->vendor && strlen(disk->vendor) > 8) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "disk vendor is more than 8 characters");
        return -1;
    }
    if (disk->product && strlen(disk->product) > 16) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "disk product is more than 16 characters");
        return -1;
    }
    return 0;
}

/* The disk element's own attributes. */
static int
vrDomainDiskParseAttrs(xmlNodePtr node, vrDomainDiskDef *disk)
{
    int type = VR_STORAGE_TYPE_FILE;
    int snapshot = VR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT;

    if (vrDevPropEnum(node, "type", vrStorageTypeTypeFromString, VR_DEV_PROP_NONZERO,
                      &type) < 0 ||
        vrDevPropEnum(node, "device", vrDomainDiskDeviceTypeFromString, 0, &disk->device) < 0 ||
        vrDevPropEnum(node, "model", vrDomainDiskModelTypeFromString, VR_DEV_PROP_NONZERO,
                      &disk->model) < 0 ||
        vrDevPropEnum(node, "snapshot", vrDomainSnapshotLocationTypeFromString,
                      VR_DEV_PROP_NONZERO, &snapshot) < 0 ||
        vrDevPropTristateBool(node, "rawio", 0, &disk->rawio) < 0 ||
        vrDevPropEnum(node, "sgio", vrDomainDiskSgioTypeFromString, VR_DEV_PROP_NONZERO,
                      &disk->sgio) < 0)
        return -1;
    disk->src->type = type;
    if (snapshot)
        disk->snapshot = vrDomainSnapshotLocationTypeToString(snapshot);
    return 0;
}

static int
vrDomainDiskParseSource(xmlNodePtr node, vrDomainDiskDef *disk, unsigned int flags)
{
    xmlNodePtr source = vrXMLChild(node, "source");
    xmlNodePtr child;

    /* <auth> used to be written beside the source */
    if ((child = vrXMLChild(node, "auth"))) {
        if (!(disk->src->auth = vrDiskAuthParse(child)))
            return -1;
        disk->authAtDisk = true;
    }
    if ((child = vrXMLChild(node, "encryption"))) {
        if (!(disk->src->encryption = vrDiskEncryptionParse(child)))
            return -1;
        disk->encryptionAtDisk = true;
    }
    if (!source) {
        /* an empty drive is a file drive without media */
        disk->src->type = VR_STORAGE_TYPE_FILE;
        return 0;
    }
    if (vrStorageSourceParse(source, disk->src, flags) < 0)
        return -1;
    return vrDevPropEnum(source, "startupPolicy", vrDomainStartupPolicyTypeFromString,
                         VR_DEV_PROP_NONZERO, &disk->startupPolicy) < 0 ? -1 : 0;
}

static int
vrDomainDiskParseChildren(xmlNodePtr node, vrDomainDiskDef *disk, unsigned int flags)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "driver")) && vrDomainDiskParseDriver(child, disk) < 0)
        return -1;
    if ((child = vrXMLChild(node, "mirror")) && (flags & VR_DOMAIN_PARSE_LIVE))
        disk->mirrorXML = vrConfFormatElement(child);
    if ((child = vrXMLChild(node, "iotune")) && vrDomainDiskParseIotune(child, &disk->iotune) < 0)
        return -1;
    disk->readonly = vrXMLChild(node, "readonly") != NULL;
    disk->shareable = vrXMLChild(node, "shareable") != NULL;
    if ((child = vrXMLChild(node, "transient"))) {
        disk->transient = true;
        if (vrDevPropTristateBool(child, "shareBacking", 0, &disk->transientShareBacking) < 0)
            return -1;
    }
    if (vrDomainDiskParseIdentity(node, disk) < 0)
        return -1;
    if ((child = vrXMLChild(node, "geometry")) && vrDomainDiskParseGeometry(child, disk) < 0)
        return -1;
    if ((child = vrXMLChild(node, "blockio")) &&
        (vrDevPropUInt(child, "logical_block_size", 10, 0, &disk->blockioLogical) < 0 ||
         vrDevPropUInt(child, "physical_block_size", 10, 0, &disk->blockioPhysical) < 0))
        return -1;
    if ((child = vrXMLChild(node, "target")) && vrDomainDiskParseTarget(child, disk) < 0)
        return -1;
    if ((child = vrXMLChild(node, "backenddomain")))
        disk->backendDomain = vrXMLProp(child, "name");
    return vrStorageSourceParseBackingStore(node, disk->src, flags);
}

static void
vrDomainDiskReportNoTarget(const vrDomainDiskDef *disk)
{
    if (disk->src->pool) {
        vrReportError(VR_ERR_NO_TARGET, "pool = '%s', volume = '%s'", disk->src->pool,
                      disk->src->volume);
        return;
    }
    vrReportError(VR_ERR_NO_TARGET, "%s", disk->src->path ? disk->src->path : "");
}

vrDomainDiskDef *
vrDomainParseDisk(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainDiskDef) disk = g_new0(vrDomainDiskDef, 1);

    disk->src = vrStorageSourceNew();
    if (vrDomainDiskParseAttrs(node, disk) < 0 ||
        vrDomainDiskParseSource(node, disk, flags) < 0 ||
        vrDomainDiskParseChildren(node, disk, flags) < 0)
        return NULL;
    if (!disk->dst) {
        vrDomainDiskReportNoTarget(disk);
        return NULL;
    }
    if (vrDevInfoParse(node, &disk->info, flags, VR_DEV_INFO_ALLOW_BOOT) < 0)
        return NULL;
    return g_steal_pointer(&disk);
}

/* Checks libvirt makes while parsing, once the disk is complete. */
int
vrDomainDiskValidate(const vrDomainDiskDef *disk)
{
    if (disk->device != VR_DOMAIN_DISK_DEVICE_LUN) {
        if (disk->rawio) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "rawio can be used only with device='lun'");
            return -1;
        }
        if (disk->sgio) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "sgio can be used only with device='lun'");
            return -1;
        }
    }
    if (disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY && disk->bus != VR_DOMAIN_DISK_BUS_NONE &&
        disk->bus != VR_DOMAIN_DISK_BUS_FDC) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid bus type '%s' for floppy disk",
                      vrDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->device != VR_DOMAIN_DISK_DEVICE_FLOPPY && disk->bus == VR_DOMAIN_DISK_BUS_FDC) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid bus type '%s' for disk",
                      vrDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->startupPolicy && disk->src->type == VR_STORAGE_TYPE_NETWORK) {
        vrReportError(VR_ERR_XML_ERROR, "Setting disk %s is not allowed for disk of network type",
                      vrDomainStartupPolicyTypeToString(disk->startupPolicy));
        return -1;
    }
    if (disk->startupPolicy == VR_DOMAIN_STARTUP_POLICY_REQUISITE &&
        disk->device != VR_DOMAIN_DISK_DEVICE_CDROM &&
        disk->device != VR_DOMAIN_DISK_DEVICE_FLOPPY) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Setting disk 'requisite' is allowed only for cdrom or floppy");
        return -1;
    }
    return 0;
}

static void
vrDomainFormatDiskDriver(vrBuf *buf, const vrDomainDiskDef *disk)
{
    const vrDomainDiskDriver *d = &disk->driver;
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    vrDevAttr(&attrs, "name", d->name);
    if (disk->src->format > 0)
        vrBufAsprintf(&attrs, " type='%s'", vrDiskImageFormatTypeToString(disk->src->format));
    if (d->cache)
        vrBufAsprintf(&attrs, " cache='%s'", vrDomainDiskCacheTypeToString(d->cache));
    if (d->errorPolicy)
        vrBufAsprintf(&attrs, " error_policy='%s'",
                      vrDomainDiskErrorPolicyTypeToString(d->errorPolicy));
    if (d->rerrorPolicy)
        vrBufAsprintf(&attrs, " rerror_policy='%s'",
                      vrDomainDiskErrorPolicyTypeToString(d->rerrorPolicy));
    if (d->io)
        vrBufAsprintf(&attrs, " io='%s'", vrDomainDiskIoTypeToString(d->io));
    vrDevAttrTristateSwitch(&attrs, "ioeventfd", d->ioeventfd);
    vrDevAttrTristateSwitch(&attrs, "event_idx", d->eventIdx);
    vrDevAttrTristateSwitch(&attrs, "copy_on_read", d->copyOnRead);
    if (d->discard)
        vrBufAsprintf(&attrs, " discard='%s'", vrDomainDiskDiscardTypeToString(d->discard));
    if (d->iothread)
        vrBufAsprintf(&attrs, " iothread='%u'", d->iothread);
    if (d->detectZeroes)
        vrBufAsprintf(&attrs, " detect_zeroes='%s'",
                      vrDomainDiskDetectZeroesTypeToString(d->detectZeroes));
    if (d->queues)
        vrBufAsprintf(&attrs, " queues='%u'", d->queues);
    if (d->queueSize)
        vrBufAsprintf(&attrs, " queue_size='%u'", d->queueSize);
    vrDevVirtioOptionsFormat(&attrs, &d->virtio);
    if (d->metadataCacheMaxSize) {
        vrBufAddLit(&children, "<metadata_cache>\n");
        vrBufAsprintf(&children, "  <max_size unit='bytes'>%llu</max_size>\n",
                      d->metadataCacheMaxSize);
        vrBufAddLit(&children, "</metadata_cache>\n");
    }
    vrDevFormatElement(buf, "driver", &attrs, &children, false);
}

static void
vrDomainFormatDiskIotune(vrBuf *buf, const vrDomainDiskIotune *io)
{
    g_auto(vrBuf) children = VR_BUF_INIT;

#define IOTUNE(field, name) \
    if (io->field) vrBufAsprintf(&children, "<" name ">%llu</" name ">\n", io->field)
    IOTUNE(totalBytesSec, "total_bytes_sec");
    IOTUNE(readBytesSec, "read_bytes_sec");
    IOTUNE(writeBytesSec, "write_bytes_sec");
    IOTUNE(totalIopsSec, "total_iops_sec");
    IOTUNE(readIopsSec, "read_iops_sec");
    IOTUNE(writeIopsSec, "write_iops_sec");
    IOTUNE(totalBytesSecMax, "total_bytes_sec_max");
    IOTUNE(readBytesSecMax, "read_bytes_sec_max");
    IOTUNE(writeBytesSecMax, "write_bytes_sec_max");
    IOTUNE(totalIopsSecMax, "total_iops_sec_max");
    IOTUNE(readIopsSecMax, "read_iops_sec_max");
    IOTUNE(writeIopsSecMax, "write_iops_sec_max");
    IOTUNE(sizeIopsSec, "size_iops_sec");
    vrDevTextElement(&children, "group_name", io->groupName);
    IOTUNE(totalBytesSecMaxLength, "total_bytes_sec_max_length");
    IOTUNE(readBytesSecMaxLength, "read_bytes_sec_max_length");
    IOTUNE(writeBytesSecMaxLength, "write_bytes_sec_max_length");
    IOTUNE(totalIopsSecMaxLength, "total_iops_sec_max_length");
    IOTUNE(readIopsSecMaxLength, "read_iops_sec_max_length");
    IOTUNE(writeIopsSecMaxLength, "write_iops_sec_max_length");
#undef IOTUNE
    vrDevFormatElement(buf, "iotune", NULL, &children, false);
}

static void
vrDomainFormatDiskGeometry(vrBuf *buf, const vrDomainDiskDef *disk)
{
    if (disk->geometryCyls && disk->geometryHeads && disk->geometrySecs) {
        vrBufAsprintf(buf, "<geometry cyls='%u' heads='%u' secs='%u'", disk->geometryCyls,
                      disk->geometryHeads, disk->geometrySecs);
        if (disk->geometryTrans)
            vrBufAsprintf(buf, " trans='%s'",
                          vrDomainDiskGeometryTransTypeToString(disk->geometryTrans));
        vrBufAddLit(buf, "/>\n");
    }
    if (disk->blockioLogical || disk->blockioPhysical) {
        vrBufAddLit(buf, "<blockio");
        if (disk->blockioLogical)
            vrBufAsprintf(buf, " logical_block_size='%u'", disk->blockioLogical);
        if (disk->blockioPhysical)
            vrBufAsprintf(buf, " physical_block_size='%u'", disk->blockioPhysical);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrDomainFormatDiskTarget(vrBuf *buf, const vrDomainDiskDef *disk)
{
    vrConfEscapeXMLPrintf(buf, "<target dev='%s'", disk->dst);
    if (disk->bus)
        vrBufAsprintf(buf, " bus='%s'", vrDomainDiskBusTypeToString(disk->bus));
    if ((disk->device == VR_DOMAIN_DISK_DEVICE_CDROM ||
         disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY) && disk->tray == VR_DOMAIN_DISK_TRAY_OPEN)
        vrBufAddLit(buf, " tray='open'");
    if (disk->bus == VR_DOMAIN_DISK_BUS_USB)
        vrDevAttrTristateSwitch(buf, "removable", disk->removable);
    if (disk->rotationRate)
        vrBufAsprintf(buf, " rotation_rate='%u'", disk->rotationRate);
    vrBufAddLit(buf, "/>\n");
}

static void
vrDomainFormatDiskOpen(vrBuf *buf, const vrDomainDiskDef *disk)
{
    vrBufAsprintf(buf, "<disk type='%s' device='%s'", vrStorageTypeTypeToString(disk->src->type),
                  vrDomainDiskDeviceTypeToString(disk->device));
    if (disk->model)
        vrBufAsprintf(buf, " model='%s'", vrDomainDiskModelTypeToString(disk->model));
    vrDevAttrTristateBool(buf, "rawio", disk->rawio);
    if (disk->sgio)
        vrBufAsprintf(buf, " sgio='%s'", vrDomainDiskSgioTypeToString(disk->sgio));
    if (disk->snapshot && !(g_str_equal(disk->snapshot, "no") && disk->readonly))
        vrBufAsprintf(buf, " snapshot='%s'", disk->snapshot);
    vrBufAddLit(buf, ">\n");
}

void
vrDomainFormatDisk(vrBuf *buf, const vrDomainDiskDef *disk, unsigned int flags)
{
    vrDomainFormatDiskOpen(buf, disk);
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatDiskDriver(buf, disk);
    if (disk->src->auth && disk->authAtDisk)
        vrDiskAuthFormat(buf, disk->src->auth);
    /* an empty source of another type than file is written as <source/>:
     * without it the disk would read back as a file one (libvirt's does) */
    vrStorageSourceFormat(buf, disk->src, disk->startupPolicy, disk->authAtDisk,
                          disk->encryptionAtDisk, disk->src->type != VR_STORAGE_TYPE_FILE);
    vrStorageSourceFormatBackingStore(buf, disk->src, flags);
    if (disk->backendDomain)
        vrConfEscapeXMLPrintf(buf, "<backenddomain name='%s'/>\n", disk->backendDomain);
    vrDomainFormatDiskGeometry(buf, disk);
    if (disk->mirrorXML && !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrConfAddFragment(buf, disk->mirrorXML);
    vrDomainFormatDiskTarget(buf, disk);
    vrDomainFormatDiskIotune(buf, &disk->iotune);
    if (disk->readonly)
        vrBufAddLit(buf, "<readonly/>\n");
    if (disk->shareable)
        vrBufAddLit(buf, "<shareable/>\n");
    if (disk->transient) {
        vrBufAddLit(buf, "<transient");
        if (disk->transientShareBacking == VR_TRISTATE_ON)
            vrBufAddLit(buf, " shareBacking='yes'");
        vrBufAddLit(buf, "/>\n");
    }
    vrDevTextElement(buf, "serial", disk->serial);
    vrDevTextElement(buf, "wwn", disk->wwn);
    vrDevTextElement(buf, "vendor", disk->vendor);
    vrDevTextElement(buf, "product", disk->product);
    if (disk->src->encryption && disk->encryptionAtDisk)
        vrDiskEncryptionFormatXML(buf, disk->src->encryption);
    vrDevInfoFormat(buf, &disk->info, flags, VR_DEV_INFO_ALLOW_BOOT);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</disk>\n");
}
