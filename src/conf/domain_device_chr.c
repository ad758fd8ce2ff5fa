/*
 * domain_device_chr.c: character devices (serial, parallel, console,
 * channel) and the devices built on a character device host side:
 * smartcards, USB redirection.
 */
#include <config.h>

#include <arpa/inet.h>
#include <string.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrDomainChrTcpProtocol, VR_DOMAIN_CHR_TCP_PROTOCOL_LAST,
             "raw", "telnet", "telnets", "tls");
VR_ENUM_IMPL(vrDomainChrSpicevmc, VR_DOMAIN_CHR_SPICEVMC_LAST,
             "vdagent", "smartcard", "usbredir");
VR_ENUM_IMPL(vrDomainMouseMode, VR_DOMAIN_MOUSE_MODE_LAST, "default", "server", "client");
VR_ENUM_IMPL(vrDomainChrSerialTarget, VR_DOMAIN_CHR_SERIAL_TARGET_LAST,
             "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vio-serial",
             "system-serial", "sclp-serial", "isa-debug");
VR_ENUM_IMPL(vrDomainChrSerialModel, VR_DOMAIN_CHR_SERIAL_MODEL_LAST,
             "none", "isa-serial", "usb-serial", "pci-serial", "spapr-vty", "pl011",
             "sclpconsole", "sclplmconsole", "16550a", "isa-debugcon");
VR_ENUM_IMPL(vrDomainChrConsoleTarget, VR_DOMAIN_CHR_CONSOLE_TARGET_LAST,
             "none", "serial", "xen", "uml", "virtio", "lxc", "openvz", "sclp", "sclplm");
VR_ENUM_IMPL(vrDomainChrChannelTarget, VR_DOMAIN_CHR_CHANNEL_TARGET_LAST,
             "none", "guestfwd", "virtio", "xen");
VR_ENUM_IMPL(vrDomainSmartcard, VR_DOMAIN_SMARTCARD_TYPE_LAST,
             "host", "host-certificates", "passthrough");

/* ---- the host side ------------------------------------------------- */

int
vrDevReconnectParse(xmlNodePtr source, int *enabled, unsigned int *timeout)
{
    xmlNodePtr node = vrXMLChild(source, "reconnect");
    int rc;

    if (!node)
        return 0;
    if (vrDevPropTristateBool(node, "enabled", VR_DEV_PROP_REQUIRED, enabled) < 0)
        return -1;
    if ((rc = vrDevPropUInt(node, "timeout", 10, 0, timeout)) < 0)
        return -1;
    if (*enabled == VR_TRISTATE_ON && rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "missing timeout for chardev with reconnect enabled");
        return -1;
    }
    if (*enabled == VR_TRISTATE_OFF && rc > 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "reconnect attribute 'timeout' is invalid for disabled reconnect");
        return -1;
    }
    return 0;
}

void
vrDevReconnectFormat(vrBuf *buf, int enabled, unsigned int timeout)
{
    if (enabled == VR_TRISTATE_ABSENT)
        return;
    vrBufAsprintf(buf, "<reconnect enabled='%s'", vrTristateBoolTypeToString(enabled));
    if (enabled == VR_TRISTATE_ON)
        vrBufAsprintf(buf, " timeout='%u'", timeout);
    vrBufAddLit(buf, "/>\n");
}

/* mode='bind' or 'connect' (the default). */
static int
vrDevChrSourceMode(xmlNodePtr source, bool *bind)
{
    g_autofree char *mode = vrXMLProp(source, "mode");

    *bind = false;
    if (!mode || g_str_equal(mode, "connect"))
        return 0;
    if (g_str_equal(mode, "bind")) {
        *bind = true;
        return 0;
    }
    vrReportError(VR_ERR_XML_ERROR, "Unknown source mode '%s'", mode);
    return -1;
}

static int
vrDevChrSourceParseTCP(xmlNodePtr source, vrDomainChrSource *src)
{
    g_autofree char *tls = NULL;

    if (vrDevChrSourceMode(source, &src->listen) < 0)
        return -1;
    g_free(src->host);
    g_free(src->service);
    src->host = vrXMLProp(source, "host");
    src->service = vrXMLProp(source, "service");
    if ((tls = vrXMLProp(source, "tls")) &&
        (src->tls = vrTristateBoolTypeFromString(tls)) <= 0) {
        src->tls = VR_TRISTATE_ABSENT;
        vrReportError(VR_ERR_XML_ERROR, "unknown chardev TLS setting '%s'", tls);
        return -1;
    }
    return vrDevReconnectParse(source, &src->reconnectEnabled, &src->reconnectTimeout);
}

static int
vrDevChrSourceParseUDP(xmlNodePtr source, vrDomainChrSource *src)
{
    bool bind;

    if (vrDevChrSourceMode(source, &bind) < 0)
        return -1;
    if (!bind && !src->host && !src->service) {
        src->host = vrXMLProp(source, "host");
        src->service = vrXMLProp(source, "service");
    } else if (bind && !src->bindHost && !src->bindService) {
        src->bindHost = vrXMLProp(source, "host");
        src->bindService = vrXMLProp(source, "service");
    }
    return 0;
}

static int
vrDevChrSourceParseVdagent(xmlNodePtr source, vrDomainChrSource *src)
{
    xmlNodePtr node;

    if ((node = vrXMLChild(source, "clipboard")) &&
        vrDevPropTristateBool(node, "copypaste", VR_DEV_PROP_REQUIRED,
                              &src->clipboardCopypaste) < 0)
        return -1;
    if ((node = vrXMLChild(source, "mouse")) &&
        vrDevPropEnum(node, "mode", vrDomainMouseModeTypeFromString,
                      VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO, &src->mouseMode) < 0)
        return -1;
    return 0;
}

static int
vrDevChrSourceParseOne(xmlNodePtr source, vrDomainChrSource *src, unsigned int parseFlags)
{
    switch ((vrDomainChrType)src->type) {
    case VR_DOMAIN_CHR_TYPE_FILE:
        src->path = vrXMLProp(source, "path");
        return vrDevPropTristateSwitch(source, "append", 0, &src->append) < 0 ? -1 : 0;
    case VR_DOMAIN_CHR_TYPE_PTY:
        /* the pty name is chosen at start: only a live status keeps it */
        if (parseFlags & VR_DOMAIN_PARSE_LIVE)
            src->path = vrXMLProp(source, "path");
        return 0;
    case VR_DOMAIN_CHR_TYPE_DEV:
    case VR_DOMAIN_CHR_TYPE_PIPE:
        src->path = vrXMLProp(source, "path");
        return 0;
    case VR_DOMAIN_CHR_TYPE_UNIX:
        if (vrDevChrSourceMode(source, &src->listen) < 0)
            return -1;
        src->path = vrXMLProp(source, "path");
        return vrDevReconnectParse(source, &src->reconnectEnabled, &src->reconnectTimeout);
    case VR_DOMAIN_CHR_TYPE_UDP:
        return vrDevChrSourceParseUDP(source, src);
    case VR_DOMAIN_CHR_TYPE_TCP:
        return vrDevChrSourceParseTCP(source, src);
    case VR_DOMAIN_CHR_TYPE_SPICEPORT:
        src->channel = vrXMLProp(source, "channel");
        return 0;
    case VR_DOMAIN_CHR_TYPE_NMDM:
        src->master = vrXMLProp(source, "master");
        src->slave = vrXMLProp(source, "slave");
        return 0;
    case VR_DOMAIN_CHR_TYPE_QEMU_VDAGENT:
        return vrDevChrSourceParseVdagent(source, src);
    case VR_DOMAIN_CHR_TYPE_DBUS:
        src->dbusName = vrXMLProp(source, "channel");
        return 0;
    case VR_DOMAIN_CHR_TYPE_NULL:
    case VR_DOMAIN_CHR_TYPE_VC:
    case VR_DOMAIN_CHR_TYPE_STDIO:
    case VR_DOMAIN_CHR_TYPE_SPICEVMC:
    case VR_DOMAIN_CHR_TYPE_LAST:
        break;
    }
    return 0;
}

static int
vrDevChrSourceParseLog(xmlNodePtr node, vrDomainChrSource *src)
{
    if (!(src->logFile = vrXMLProp(node, "file"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing log file path");
        return -1;
    }
    return vrDevPropTristateSwitch(node, "append", 0, &src->logAppend) < 0 ? -1 : 0;
}

static int
vrDevChrSourceParseProtocol(xmlNodePtr node, vrDomainChrSource *src)
{
    g_autofree char *type = vrXMLProp(node, "type");

    if (!type)
        return 0;
    if ((src->protocol = vrDomainChrTcpProtocolTypeFromString(type)) < 0) {
        src->protocol = VR_DOMAIN_CHR_TCP_PROTOCOL_RAW;
        vrReportError(VR_ERR_XML_ERROR, "Unknown protocol '%s'", type);
        return -1;
    }
    return 0;
}

/* The <source>, <log> and <protocol> children of @node, for a source
 * whose type is already set. */
int
vrDevChrSourceParse(xmlNodePtr node, vrDomainChrSource *src, unsigned int parseFlags,
                    bool withSeclabels)
{
    int sources = 0;
    bool log = false, protocol = false;

    vrXMLForEachChild(node, cur) {
        if (vrXMLIsElement(cur, "source")) {
            if (sources >= 1 && src->type != VR_DOMAIN_CHR_TYPE_UDP) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "only one source element is allowed for character device");
                return -1;
            }
            if (sources >= 2) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "only two source elements are allowed for character device");
                return -1;
            }
            sources++;
            if (vrDevChrSourceParseOne(cur, src, parseFlags) < 0)
                return -1;
            if (withSeclabels &&
                vrDevSeclabelsParse(cur, &src->seclabels, &src->nseclabels, parseFlags) < 0)
                return -1;
        } else if (vrXMLIsElement(cur, "log")) {
            if (log) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "only one log element is allowed for character device");
                return -1;
            }
            log = true;
            if (vrDevChrSourceParseLog(cur, src) < 0)
                return -1;
        } else if (vrXMLIsElement(cur, "protocol")) {
            if (protocol) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "only one protocol element is allowed for character device");
                return -1;
            }
            protocol = true;
            if (src->type == VR_DOMAIN_CHR_TYPE_TCP && vrDevChrSourceParseProtocol(cur, src) < 0)
                return -1;
        }
    }
    return 0;
}

static int
vrDevChrSourceMissing(const char *what)
{
    vrReportError(VR_ERR_XML_ERROR, "Missing source %s attribute for char device", what);
    return -1;
}

int
vrDevChrSourceValidate(const vrDomainChrSource *src)
{
    switch ((vrDomainChrType)src->type) {
    case VR_DOMAIN_CHR_TYPE_FILE:
    case VR_DOMAIN_CHR_TYPE_DEV:
    case VR_DOMAIN_CHR_TYPE_PIPE:
        if (!src->path)
            return vrDevChrSourceMissing("path");
        break;
    case VR_DOMAIN_CHR_TYPE_NMDM:
        if (!src->master) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing master path attribute for nmdm device");
            return -1;
        }
        if (!src->slave) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing slave path attribute for nmdm device");
            return -1;
        }
        break;
    case VR_DOMAIN_CHR_TYPE_TCP:
        if (!src->host)
            return vrDevChrSourceMissing("host");
        if (!src->service)
            return vrDevChrSourceMissing("service");
        G_GNUC_FALLTHROUGH;
    case VR_DOMAIN_CHR_TYPE_UNIX:
        if (src->listen && src->reconnectEnabled == VR_TRISTATE_ON) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "chardev reconnect is possible only for connect mode");
            return -1;
        }
        break;
    case VR_DOMAIN_CHR_TYPE_UDP:
        if (!src->service)
            return vrDevChrSourceMissing("service");
        break;
    case VR_DOMAIN_CHR_TYPE_SPICEPORT:
        if (!src->channel)
            return vrDevChrSourceMissing("channel");
        break;
    default:
        break;
    }
    return 0;
}

static void
vrDevChrSourcePathFormat(vrBuf *buf, const vrDomainChrSource *src, unsigned int formatFlags)
{
    if (src->type == VR_DOMAIN_CHR_TYPE_PTY &&
        (!src->path || (formatFlags & VR_DOMAIN_FORMAT_INACTIVE)))
        return;
    vrBufAddLit(buf, "<source");
    vrDevAttr(buf, "path", src->path);
    if (src->type == VR_DOMAIN_CHR_TYPE_FILE)
        vrDevAttrTristateSwitch(buf, "append", src->append);
    if (!src->nseclabels) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDevSeclabelsFormat(buf, src->seclabels, src->nseclabels);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</source>\n");
}

static void
vrDevChrSourceSocketFormat(vrBuf *buf, const vrDomainChrSource *src)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    if (src->type == VR_DOMAIN_CHR_TYPE_UNIX && !src->path)
        return;
    vrBufAsprintf(&attrs, " mode='%s'", src->listen ? "bind" : "connect");
    if (src->type == VR_DOMAIN_CHR_TYPE_TCP) {
        vrDevAttr(&attrs, "host", src->host);
        vrDevAttr(&attrs, "service", src->service);
        vrDevAttrTristateBool(&attrs, "tls", src->tls);
    } else {
        vrDevAttr(&attrs, "path", src->path);
    }
    vrDevReconnectFormat(&children, src->reconnectEnabled, src->reconnectTimeout);
    vrDevSeclabelsFormat(&children, src->seclabels, src->nseclabels);
    vrDevFormatElement(buf, "source", &attrs, &children, true);
    if (src->type == VR_DOMAIN_CHR_TYPE_TCP)
        vrBufAsprintf(buf, "<protocol type='%s'/>\n",
                      vrDomainChrTcpProtocolTypeToString(src->protocol));
}

static void
vrDevChrSourceUDPFormat(vrBuf *buf, const vrDomainChrSource *src)
{
    if (src->bindHost || src->bindService) {
        vrBufAddLit(buf, "<source mode='bind'");
        vrDevAttr(buf, "host", src->bindHost);
        vrDevAttr(buf, "service", src->bindService);
        vrBufAddLit(buf, "/>\n");
    }
    if (src->host || src->service) {
        vrBufAddLit(buf, "<source mode='connect'");
        vrDevAttr(buf, "host", src->host);
        vrDevAttr(buf, "service", src->service);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrDevChrSourceVdagentFormat(vrBuf *buf, const vrDomainChrSource *src)
{
    if (!src->clipboardCopypaste && !src->mouseMode)
        return;
    vrBufAddLit(buf, "<source>\n");
    vrBufAdjustIndent(buf, 2);
    if (src->clipboardCopypaste)
        vrBufAsprintf(buf, "<clipboard copypaste='%s'/>\n",
                      vrTristateBoolTypeToString(src->clipboardCopypaste));
    if (src->mouseMode)
        vrBufAsprintf(buf, "<mouse mode='%s'/>\n", vrDomainMouseModeTypeToString(src->mouseMode));
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</source>\n");
}

void
vrDevChrSourceFormat(vrBuf *buf, const vrDomainChrSource *src, unsigned int formatFlags)
{
    switch ((vrDomainChrType)src->type) {
    case VR_DOMAIN_CHR_TYPE_PTY:
    case VR_DOMAIN_CHR_TYPE_DEV:
    case VR_DOMAIN_CHR_TYPE_FILE:
    case VR_DOMAIN_CHR_TYPE_PIPE:
        vrDevChrSourcePathFormat(buf, src, formatFlags);
        break;
    case VR_DOMAIN_CHR_TYPE_NMDM:
        vrBufAddLit(buf, "<source");
        vrDevAttr(buf, "master", src->master);
        vrDevAttr(buf, "slave", src->slave);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_CHR_TYPE_UDP:
        vrDevChrSourceUDPFormat(buf, src);
        break;
    case VR_DOMAIN_CHR_TYPE_TCP:
    case VR_DOMAIN_CHR_TYPE_UNIX:
        vrDevChrSourceSocketFormat(buf, src);
        break;
    case VR_DOMAIN_CHR_TYPE_SPICEPORT:
        if (src->channel)
            vrConfEscapeXMLPrintf(buf, "<source channel='%s'/>\n", src->channel);
        break;
    case VR_DOMAIN_CHR_TYPE_QEMU_VDAGENT:
        vrDevChrSourceVdagentFormat(buf, src);
        break;
    case VR_DOMAIN_CHR_TYPE_DBUS:
        if (src->dbusName)
            vrConfEscapeXMLPrintf(buf, "<source channel='%s'/>\n", src->dbusName);
        break;
    case VR_DOMAIN_CHR_TYPE_NULL:
    case VR_DOMAIN_CHR_TYPE_VC:
    case VR_DOMAIN_CHR_TYPE_STDIO:
    case VR_DOMAIN_CHR_TYPE_SPICEVMC:
    case VR_DOMAIN_CHR_TYPE_LAST:
        break;
    }
    if (src->logFile) {
        vrBufAddLit(buf, "<log");
        vrDevAttr(buf, "file", src->logFile);
        vrDevAttrTristateSwitch(buf, "append", src->logAppend);
        vrBufAddLit(buf, "/>\n");
    }
}

void
vrDevChrSourceCopy(vrDomainChrSource *dst, const vrDomainChrSource *src)
{
    size_t i;

    vrDomainChrSourceClear(dst);
    *dst = *src;
    dst->path = g_strdup(src->path);
    dst->host = g_strdup(src->host);
    dst->service = g_strdup(src->service);
    dst->bindHost = g_strdup(src->bindHost);
    dst->bindService = g_strdup(src->bindService);
    dst->channel = g_strdup(src->channel);
    dst->master = g_strdup(src->master);
    dst->slave = g_strdup(src->slave);
    dst->dbusName = g_strdup(src->dbusName);
    dst->logFile = g_strdup(src->logFile);
    dst->seclabels = src->nseclabels ? g_new0(vrDomainSeclabelDev, src->nseclabels) : NULL;
    for (i = 0; i < src->nseclabels; i++) {
        dst->seclabels[i] = src->seclabels[i];
        dst->seclabels[i].model = g_strdup(src->seclabels[i].model);
        dst->seclabels[i].label = g_strdup(src->seclabels[i].label);
    }
}

/* The comparison libvirt makes between a console and the serial port it
 * may alias: the host side only, without logging or labels. */
bool
vrDevChrSourceEqual(const vrDomainChrSource *a, const vrDomainChrSource *b)
{
    if (a->type != b->type)
        return false;
    switch ((vrDomainChrType)a->type) {
    case VR_DOMAIN_CHR_TYPE_PTY:
    case VR_DOMAIN_CHR_TYPE_DEV:
    case VR_DOMAIN_CHR_TYPE_FILE:
    case VR_DOMAIN_CHR_TYPE_PIPE:
        return g_strcmp0(a->path, b->path) == 0 && a->append == b->append;
    case VR_DOMAIN_CHR_TYPE_UDP:
        return g_strcmp0(a->host, b->host) == 0 && g_strcmp0(a->service, b->service) == 0 &&
               g_strcmp0(a->bindHost, b->bindHost) == 0 &&
               g_strcmp0(a->bindService, b->bindService) == 0;
    case VR_DOMAIN_CHR_TYPE_TCP:
        return a->listen == b->listen && a->protocol == b->protocol &&
               g_strcmp0(a->host, b->host) == 0 && g_strcmp0(a->service, b->service) == 0;
    case VR_DOMAIN_CHR_TYPE_UNIX:
        return a->listen == b->listen && g_strcmp0(a->path, b->path) == 0;
    case VR_DOMAIN_CHR_TYPE_NMDM:
        return g_strcmp0(a->master, b->master) == 0 && g_strcmp0(a->slave, b->slave) == 0;
    case VR_DOMAIN_CHR_TYPE_SPICEPORT:
        return g_strcmp0(a->channel, b->channel) == 0;
    case VR_DOMAIN_CHR_TYPE_QEMU_VDAGENT:
        return a->clipboardCopypaste == b->clipboardCopypaste && a->mouseMode == b->mouseMode;
    case VR_DOMAIN_CHR_TYPE_DBUS:
        return g_strcmp0(a->dbusName, b->dbusName) == 0;
    case VR_DOMAIN_CHR_TYPE_NULL:
    case VR_DOMAIN_CHR_TYPE_VC:
    case VR_DOMAIN_CHR_TYPE_STDIO:
    case VR_DOMAIN_CHR_TYPE_SPICEVMC:
    case VR_DOMAIN_CHR_TYPE_LAST:
        break;
    }
    return true;
}

/* type= of a character device element, pty when absent. */
static int
vrDevChrTypeParse(xmlNodePtr node, int *type)
{
    g_autofree char *str = vrXMLProp(node, "type");

    *type = VR_DOMAIN_CHR_TYPE_PTY;
    if (!str)
        return 0;
    if ((*type = vrDomainChrTypeFromString(str)) < 0) {
        vrReportError(VR_ERR_XML_ERROR,
                      "unknown type presented to host for character device: %s", str);
        return -1;
    }
    return 0;
}

/* ---- serial, parallel, console, channel ---------------------------- */

static int
vrDomainChrTargetTypeFromString(int deviceType, const char *str)
{
    switch ((vrDomainChrDeviceType)deviceType) {
    case VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        return vrDomainChrSerialTargetTypeFromString(str);
    case VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        return vrDomainChrConsoleTargetTypeFromString(str);
    case VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        return vrDomainChrChannelTargetTypeFromString(str);
    case VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
    case VR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
    return 0;
}

static int
vrDomainChrParseGuestfwd(xmlNodePtr target, vrDomainChrDef *chr)
{
    struct in_addr in4;
    struct in6_addr in6;

    if (!(chr->targetAddress = vrDevPropRequired(target, "address")))
        return -1;
    if (inet_pton(AF_INET, chr->targetAddress, &in4) != 1) {
        if (inet_pton(AF_INET6, chr->targetAddress, &in6) == 1)
            vrReportError(VR_ERR_XML_ERROR, "%s", "guestfwd channel only supports IPv4 addresses");
        else
            vrReportError(VR_ERR_INTERNAL_ERROR, "Cannot parse socket address '%s'",
                          chr->targetAddress);
        return -1;
    }
    return vrDevPropUInt(target, "port", 10, VR_DEV_PROP_REQUIRED,
                         &chr->targetAddressPort) < 0 ? -1 : 0;
}

static int
vrDomainChrParseTarget(xmlNodePtr target, vrDomainChrDef *chr, unsigned int flags)
{
    g_autofree char *type = vrXMLProp(target, "type");
    xmlNodePtr model = vrXMLChild(target, "model");
    unsigned int port;
    int rc;

    if (type && (chr->targetType = vrDomainChrTargetTypeFromString(chr->deviceType, type)) < 0) {
        chr->targetType = 0;
        vrReportError(VR_ERR_XML_ERROR,
                      "unknown target type '%s' specified for character device", type);
        return -1;
    }
    if (model && chr->deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL) {
        g_autofree char *name = vrXMLProp(model, "name");
        if (name && (chr->targetModel = vrDomainChrSerialModelTypeFromString(name)) <= 0) {
            chr->targetModel = 0;
            vrReportError(VR_ERR_XML_ERROR,
                          "unknown target model '%s' specified for character device", name);
            return -1;
        }
    }
    if (chr->deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        if (chr->targetType == VR_DOMAIN_CHR_CHANNEL_TARGET_GUESTFWD)
            return vrDomainChrParseGuestfwd(target, chr);
        chr->targetName = vrXMLProp(target, "name");
        if (chr->targetType == VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO &&
            (flags & VR_DOMAIN_PARSE_LIVE))
            chr->targetState = vrXMLProp(target, "state");
        return 0;
    }
    if ((rc = vrDevPropUInt(target, "port", 10, 0, &port)) < 0)
        return -1;
    chr->targetPort = rc > 0 ? (int)port : -1;
    return 0;
}

vrDomainChrDef *
vrDomainParseChr(xmlNodePtr node, int deviceType, unsigned int flags)
{
    g_autoptr(vrDomainChrDef) chr = g_new0(vrDomainChrDef, 1);
    xmlNodePtr target = vrXMLChild(node, "target");

    chr->deviceType = deviceType;
    chr->targetPort = -1;
    if (vrDevChrTypeParse(node, &chr->source.type) < 0)
        return NULL;
    if (target && vrDomainChrParseTarget(target, chr, flags) < 0)
        return NULL;
    if (deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
        chr->targetType == VR_DOMAIN_CHR_CHANNEL_TARGET_NONE) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "target type must be specified for channel device");
        return NULL;
    }
    if (vrDevChrSourceParse(node, &chr->source, flags, true) < 0)
        return NULL;
    if (chr->source.type == VR_DOMAIN_CHR_TYPE_SPICEVMC &&
        !(deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
          chr->targetType == VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO)) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "spicevmc device type only supports virtio");
        return NULL;
    }
    if (vrDevInfoParse(node, &chr->info, flags, 0) < 0 ||
        vrDevChrSourceValidate(&chr->source) < 0)
        return NULL;
    return g_steal_pointer(&chr);
}

static const char *
vrDomainChrTargetTypeToString(const vrDomainChrDef *chr)
{
    switch ((vrDomainChrDeviceType)chr->deviceType) {
    case VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        return vrDomainChrSerialTargetTypeToString(chr->targetType);
    case VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        /* a console without a type is the serial console */
        return vrDomainChrConsoleTargetTypeToString(chr->targetType ? chr->targetType
                                                    : VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL);
    case VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        return vrDomainChrChannelTargetTypeToString(chr->targetType);
    case VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
    case VR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
    return NULL;
}

static void
vrDomainFormatChrTarget(vrBuf *buf, const vrDomainChrDef *chr)
{
    switch ((vrDomainChrDeviceType)chr->deviceType) {
    case VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        vrBufAsprintf(buf, "<target type='%s'", vrDomainChrTargetTypeToString(chr));
        if (chr->targetType == VR_DOMAIN_CHR_CHANNEL_TARGET_GUESTFWD) {
            vrDevAttr(buf, "address", chr->targetAddress);
            vrBufAsprintf(buf, " port='%u'", chr->targetAddressPort);
        } else {
            vrDevAttr(buf, "name", chr->targetName);
            vrDevAttr(buf, "state", chr->targetState);
        }
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        vrBufAsprintf(buf, "<target type='%s' port='%d'/>\n",
                      vrDomainChrTargetTypeToString(chr), chr->targetPort);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        vrBufAddLit(buf, "<target");
        if (chr->targetType)
            vrBufAsprintf(buf, " type='%s'", vrDomainChrTargetTypeToString(chr));
        vrBufAsprintf(buf, " port='%d'", chr->targetPort);
        if (!chr->targetModel) {
            vrBufAddLit(buf, "/>\n");
            break;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<model name='%s'/>\n",
                      vrDomainChrSerialModelTypeToString(chr->targetModel));
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</target>\n");
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
        vrBufAsprintf(buf, "<target port='%d'/>\n", chr->targetPort);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
}

void
vrDomainFormatChr(vrBuf *buf, const vrDomainChrDef *chr, unsigned int flags)
{
    const char *elem = vrDomainChrDeviceTypeToString(chr->deviceType);

    vrBufAsprintf(buf, "<%s type='%s'", elem, vrDomainChrTypeToString(chr->source.type));
    /* the old spelling of a live console's pty */
    if (chr->deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE && chr->targetPort == 0 &&
        chr->source.type == VR_DOMAIN_CHR_TYPE_PTY && chr->source.path &&
        !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrDevAttr(buf, "tty", chr->source.path);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDevChrSourceFormat(buf, &chr->source, flags);
    vrDomainFormatChrTarget(buf, chr);
    vrDevInfoFormat(buf, &chr->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", elem);
}

/* ---- smartcards ---------------------------------------------------- */

static int
vrDomainSmartcardParseCertificates(xmlNodePtr node, vrDomainSmartcardDef *sc)
{
    size_t n = 0;

    vrXMLForEachNamed(node, "certificate", cert) {
        g_autofree char *text = vrXMLContent(cert);
        if (n >= 3 || !*text) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "host-certificates mode needs exactly three certificates");
            return -1;
        }
        sc->certificates[n++] = g_steal_pointer(&text);
    }
    if (n != 3) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "host-certificates mode needs exactly three certificates");
        return -1;
    }
    if ((sc->database = vrDevChildText(node, "database")) && sc->database[0] != '/') {
        vrReportError(VR_ERR_XML_ERROR, "expecting absolute path: %s", sc->database);
        return -1;
    }
    return 0;
}

static int
vrDomainSmartcardParsePassthrough(xmlNodePtr node, vrDomainSmartcardDef *sc,
                                  unsigned int flags)
{
    g_autofree char *type = vrXMLProp(node, "type");

    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "passthrough mode requires a character device type attribute");
        return -1;
    }
    sc->passthru = g_new0(vrDomainChrSource, 1);
    if ((sc->passthru->type = vrDomainChrTypeFromString(type)) < 0) {
        sc->passthru->type = VR_DOMAIN_CHR_TYPE_NULL;
        vrReportError(VR_ERR_XML_ERROR,
                      "unknown type presented to host for character device: %s", type);
        return -1;
    }
    if (vrDevChrSourceParse(node, sc->passthru, flags, false) < 0)
        return -1;
    return vrDevChrSourceValidate(sc->passthru);
}

vrDomainSmartcardDef *
vrDomainParseSmartcard(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainSmartcardDef) sc = g_new0(vrDomainSmartcardDef, 1);

    if (vrDevPropEnum(node, "mode", vrDomainSmartcardTypeFromString, VR_DEV_PROP_REQUIRED,
                      &sc->type) < 0)
        return NULL;
    if (sc->type == VR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES &&
        vrDomainSmartcardParseCertificates(node, sc) < 0)
        return NULL;
    if (sc->type == VR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH &&
        vrDomainSmartcardParsePassthrough(node, sc, flags) < 0)
        return NULL;
    if (vrDevInfoParse(node, &sc->info, flags, 0) < 0)
        return NULL;
    if (sc->info.addr.type != VR_DOMAIN_ADDRESS_NONE &&
        sc->info.addr.type != VR_DOMAIN_ADDRESS_CCID) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Controllers must use the 'ccid' address type");
        return NULL;
    }
    return g_steal_pointer(&sc);
}

void
vrDomainFormatSmartcard(vrBuf *buf, const vrDomainSmartcardDef *sc, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    size_t i;

    vrBufAsprintf(&attrs, " mode='%s'", vrDomainSmartcardTypeToString(sc->type));
    if (sc->type == VR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES) {
        for (i = 0; i < 3; i++)
            vrDevTextElement(&children, "certificate", sc->certificates[i]);
        vrDevTextElement(&children, "database", sc->database);
    } else if (sc->type == VR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH && sc->passthru) {
        vrBufAsprintf(&attrs, " type='%s'", vrDomainChrTypeToString(sc->passthru->type));
        vrDevChrSourceFormat(&children, sc->passthru, flags);
    }
    vrDevInfoFormat(&children, &sc->info, flags, 0);
    vrDevFormatElement(buf, "smartcard", &attrs, &children, true);
}

/* ---- USB redirection ----------------------------------------------- */

/* bus= and type= of a <redirdev>. */
static int
vrDomainRedirdevParseAttrs(xmlNodePtr node, vrDomainRedirdevDef *rd)
{
    g_autofree char *bus = vrXMLProp(node, "bus");
    g_autofree char *type = vrXMLProp(node, "type");

    if (bus && !g_str_equal(bus, "usb")) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown redirdev bus '%s'", bus);
        return -1;
    }
    if (!type) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing type in redirdev");
        return -1;
    }
    if ((rd->source.type = vrDomainChrTypeFromString(type)) < 0) {
        rd->source.type = VR_DOMAIN_CHR_TYPE_NULL;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "unknown redirdev character device type '%s'", type);
        return -1;
    }
    return 0;
}

vrDomainRedirdevDef *
vrDomainParseRedirdev(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainRedirdevDef) rd = g_new0(vrDomainRedirdevDef, 1);

    if (vrDomainRedirdevParseAttrs(node, rd) < 0 ||
        vrDevChrSourceParse(node, &rd->source, flags, false) < 0)
        return NULL;
    if (rd->source.type == VR_DOMAIN_CHR_TYPE_SPICEVMC)
        rd->source.spicevmcName = VR_DOMAIN_CHR_SPICEVMC_USBREDIR;
    if (vrDevInfoParse(node, &rd->info, flags, VR_DEV_INFO_ALLOW_BOOT) < 0 ||
        vrDevChrSourceValidate(&rd->source) < 0)
        return NULL;
    if (rd->info.addr.type != VR_DOMAIN_ADDRESS_NONE &&
        rd->info.addr.type != VR_DOMAIN_ADDRESS_USB) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Redirected devices must use the 'usb' address type");
        return NULL;
    }
    return g_steal_pointer(&rd);
}

void
vrDomainFormatRedirdev(vrBuf *buf, const vrDomainRedirdevDef *rd, unsigned int flags)
{
    /* always written open and closed, even when empty, as libvirt does */
    vrBufAsprintf(buf, "<redirdev bus='usb' type='%s'>\n",
                  vrDomainChrTypeToString(rd->source.type));
    vrBufAdjustIndent(buf, 2);
    vrDevChrSourceFormat(buf, &rd->source, flags);
    vrDevInfoFormat(buf, &rd->info, flags, VR_DEV_INFO_ALLOW_BOOT);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</redirdev>\n");
}

/* class/vendor/product: a hex number or -1 for "any". */
static int
vrDomainRedirFilterProp(xmlNodePtr node, const char *attr, int max, const char *what, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    unsigned int v;

    *value = -1;
    if (!str || g_str_equal(str, "-1"))
        return 0;
    if (vrStrToUInt(str, 0, &v) < 0 || (int)v > max) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Cannot parse USB %s %s", what, str);
        return -1;
    }
    *value = (int)v;
    return 0;
}

/* "2.00" or "2.0": BCD major and minor version */
static int
vrDomainRedirFilterVersion(xmlNodePtr node, int *value)
{
    g_autofree char *str = vrXMLProp(node, "version");
    g_auto(GStrv) parts = NULL;
    unsigned int major, minor = 0;

    *value = -1;
    if (!str || g_str_equal(str, "-1"))
        return 0;
    parts = g_strsplit(str, ".", 2);
    if (vrStrToUInt(parts[0], 16, &major) < 0 || major > 0xff ||
        (parts[1] && (vrStrToUInt(parts[1], 16, &minor) < 0 || minor > 0xff))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Cannot parse USB device version %s", str);
        return -1;
    }
    *value = (int)((major << 8) | minor);
    return 0;
}

vrDomainRedirFilterDef *
vrDomainParseRedirFilter(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainRedirFilterDef) rf = g_new0(vrDomainRedirFilterDef, 1);

    (void)flags;
    vrXMLForEachNamed(node, "usbdev", usbdev) {
        vrDomainRedirFilterUSBDev d = { 0 };
        int allow = VR_TRISTATE_ABSENT;

        if (vrDomainRedirFilterProp(usbdev, "class", 0xff, "class", &d.usbClass) < 0 ||
            vrDomainRedirFilterProp(usbdev, "vendor", 0xffff, "vendor", &d.vendor) < 0 ||
            vrDomainRedirFilterProp(usbdev, "product", 0xffff, "product", &d.product) < 0 ||
            vrDomainRedirFilterVersion(usbdev, &d.version) < 0 ||
            vrDevPropEnum(usbdev, "allow", vrTristateBoolTypeFromString,
                          VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO, &allow) < 0)
            return NULL;
        d.allow = allow == VR_TRISTATE_ON;
        rf->usbdevs = g_renew(vrDomainRedirFilterUSBDev, rf->usbdevs, rf->nusbdevs + 1);
        rf->usbdevs[rf->nusbdevs++] = d;
    }
    return g_steal_pointer(&rf);
}

void
vrDomainFormatRedirFilter(vrBuf *buf, const vrDomainRedirFilterDef *rf, unsigned int flags)
{
    size_t i;

    (void)flags;
    vrBufAddLit(buf, "<redirfilter>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < rf->nusbdevs; i++) {
        const vrDomainRedirFilterUSBDev *d = &rf->usbdevs[i];

        vrBufAddLit(buf, "<usbdev");
        if (d->usbClass >= 0)
            vrBufAsprintf(buf, " class='0x%02X'", d->usbClass);
        if (d->vendor >= 0)
            vrBufAsprintf(buf, " vendor='0x%04X'", d->vendor);
        if (d->product >= 0)
            vrBufAsprintf(buf, " product='0x%04X'", d->product);
        if (d->version >= 0)
            vrBufAsprintf(buf, " version='%x.%02x'", (unsigned int)d->version >> 8,
                          (unsigned int)d->version & 0xff);
        vrBufAsprintf(buf, " allow='%s'/>\n", d->allow ? "yes" : "no");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</redirfilter>\n");
}

/* ---- hub ----------------------------------------------------------- */

vrDomainHubDef *
vrDomainParseHub(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainHubDef) hub = g_new0(vrDomainHubDef, 1);
    g_autofree char *type = vrXMLProp(node, "type");

    if (!type) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing hub device type");
        return NULL;
    }
    if (!g_str_equal(type, "usb")) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown hub device type '%s'", type);
        return NULL;
    }
    if (vrDevInfoParse(node, &hub->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&hub);
}

void
vrDomainFormatHub(vrBuf *buf, const vrDomainHubDef *hub, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    vrBufAddLit(&attrs, " type='usb'");
    vrDevInfoFormat(&children, &hub->info, flags, 0);
    vrDevFormatElement(buf, "hub", &attrs, &children, true);
}
