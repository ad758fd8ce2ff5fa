/*
 * domain_device_util.c: attribute parsing, addresses and the common
 * <alias>/<boot>/<rom>/<address> part of every device.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrTristateBool, VR_DEV_TRISTATE_LAST, "default", "yes", "no");
VR_ENUM_IMPL(vrTristateSwitch, VR_DEV_TRISTATE_LAST, "default", "on", "off");

/* ---- attribute parsing --------------------------------------------- */

void
vrDevReportMissingAttr(xmlNodePtr node, const char *attr)
{
    vrReportError(VR_ERR_XML_ERROR, "Missing required attribute '%s' in element '%s'",
                  attr, (const char *)node->name);
}

void
vrDevReportBadAttr(xmlNodePtr node, const char *attr, const char *value)
{
    vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.",
                  attr, (const char *)node->name, value);
}

char *
vrDevPropRequired(xmlNodePtr node, const char *attr)
{
    char *value = vrXMLProp(node, attr);

    if (!value)
        vrDevReportMissingAttr(node, attr);
    return value;
}

/* Fetches an attribute, reporting a missing required one: NULL with
 * *rc set to 0 (absent) or -1 (error). */
static char *
vrDevPropGet(xmlNodePtr node, const char *attr, unsigned int flags, int *rc)
{
    char *str = node ? vrXMLProp(node, attr) : NULL;

    *rc = 0;
    if (!str && (flags & VR_DEV_PROP_REQUIRED)) {
        vrDevReportMissingAttr(node, attr);
        *rc = -1;
    }
    return str;
}

int
vrDevPropEnum(xmlNodePtr node, const char *attr, int (*fromString)(const char *),
              unsigned int flags, int *value)
{
    int rc;
    g_autofree char *str = vrDevPropGet(node, attr, flags, &rc);
    int v;

    if (!str)
        return rc;
    v = fromString(str);
    if (v < 0 || (v == 0 && (flags & VR_DEV_PROP_NONZERO))) {
        vrDevReportBadAttr(node, attr, str);
        return -1;
    }
    *value = v;
    return 1;
}

int
vrDevPropTristateBool(xmlNodePtr node, const char *attr, unsigned int flags, int *value)
{
    return vrDevPropEnum(node, attr, vrTristateBoolTypeFromString, flags | VR_DEV_PROP_NONZERO,
                         value);
}

int
vrDevPropTristateSwitch(xmlNodePtr node, const char *attr, unsigned int flags, int *value)
{
    return vrDevPropEnum(node, attr, vrTristateSwitchTypeFromString,
                         flags | VR_DEV_PROP_NONZERO, value);
}

static int
vrDevPropNumberError(xmlNodePtr node, const char *attr, const char *str, bool isSigned)
{
    vrReportError(VR_ERR_XML_ERROR,
                  "Invalid value for attribute '%s' in element '%s': '%s'. Expected %s value",
                  attr, (const char *)node->name, str,
                  isSigned ? "integer" : "non-negative integer");
    return -1;
}

static int
vrDevPropZeroError(xmlNodePtr node, const char *attr)
{
    vrReportError(VR_ERR_XML_ERROR,
                  "Invalid value for attribute '%s' in element '%s': Zero is not permitted",
                  attr, (const char *)node->name);
    return -1;
}

int
vrDevPropULLong(xmlNodePtr node, const char *attr, int base, unsigned int flags,
                unsigned long long *value)
{
    int rc;
    g_autofree char *str = vrDevPropGet(node, attr, flags, &rc);
    unsigned long long v;

    if (!str)
        return rc;
    if (vrStrToULLong(str, base, &v) < 0)
        return vrDevPropNumberError(node, attr, str, false);
    if (v == 0 && (flags & VR_DEV_PROP_NONZERO))
        return vrDevPropZeroError(node, attr);
    *value = v;
    return 1;
}

int
vrDevPropUInt(xmlNodePtr node, const char *attr, int base, unsigned int flags,
              unsigned int *value)
{
    int rc;
    g_autofree char *str = vrDevPropGet(node, attr, flags, &rc);
    unsigned int v;

    if (!str)
        return rc;
    if (vrStrToUInt(str, base, &v) < 0)
        return vrDevPropNumberError(node, attr, str, false);
    if (v == 0 && (flags & VR_DEV_PROP_NONZERO))
        return vrDevPropZeroError(node, attr);
    *value = v;
    return 1;
}

int
vrDevPropInt(xmlNodePtr node, const char *attr, int base, unsigned int flags, int *value)
{
    int rc;
    g_autofree char *str = vrDevPropGet(node, attr, flags, &rc);
    int v;

    if (!str)
        return rc;
    if (vrStrToInt(str, base, &v) < 0)
        return vrDevPropNumberError(node, attr, str, true);
    if (v == 0 && (flags & VR_DEV_PROP_NONZERO))
        return vrDevPropZeroError(node, attr);
    *value = v;
    return 1;
}

char *
vrDevChildText(xmlNodePtr parent, const char *name)
{
    return vrXMLChildContentStrip(parent, name);
}

int
vrDevParseScaledChild(xmlNodePtr parent, const char *name, const char *where,
                      unsigned long long defaultScale, unsigned long long scale,
                      unsigned long long *value)
{
    xmlNodePtr node = vrXMLChild(parent, name);
    g_autofree char *text = NULL;
    g_autofree char *unit = NULL;
    unsigned long long bytes;

    if (!node)
        return 0;
    text = vrXMLContent(node);
    /* an empty element reads as absent, as an XPath string() does */
    if (!*text)
        return 0;
    if (vrStrToULLong(text, 10, &bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                      text, where);
        return -1;
    }
    unit = vrXMLProp(node, "unit");
    if (vrScaleInteger(&bytes, unit, defaultScale, G_MAXUINT64) < 0)
        return -1;
    *value = scale > 1 ? (bytes + scale - 1) / scale : bytes;
    return 1;
}

/* ---- formatting ---------------------------------------------------- */

void
vrDevAttr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrConfEscapeXMLPrintf(buf, "'%s'", value);
}

void
vrDevAttrTristateBool(vrBuf *buf, const char *name, int value)
{
    if (value > VR_TRISTATE_ABSENT && value < VR_DEV_TRISTATE_LAST)
        vrBufAsprintf(buf, " %s='%s'", name, vrTristateBoolTypeToString(value));
}

void
vrDevAttrTristateSwitch(vrBuf *buf, const char *name, int value)
{
    if (value > VR_TRISTATE_ABSENT && value < VR_DEV_TRISTATE_LAST)
        vrBufAsprintf(buf, " %s='%s'", name, vrTristateSwitchTypeToString(value));
}

void
vrDevTextElement(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, "<%s>", name);
    vrConfEscapeXMLText(buf, value);
    vrBufAsprintf(buf, "</%s>\n", name);
}

void
vrDevFormatElement(vrBuf *buf, const char *name, vrBuf *attrs, vrBuf *children, bool always)
{
    bool hasAttrs = attrs && vrBufLength(attrs);
    bool hasChildren = children && vrBufLength(children);

    if (!hasAttrs && !hasChildren && !always)
        return;
    vrBufAsprintf(buf, "<%s%s", name, hasAttrs ? vrBufCurrent(attrs) : "");
    if (!hasChildren) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrConfAddFragment(buf, vrBufCurrent(children));
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", name);
}

/* ---- addresses ----------------------------------------------------- */

static int
vrDevPCIAddressCheck(unsigned int domain, unsigned int bus, unsigned int slot,
                     unsigned int function)
{
    if (domain > 0xffff) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address domain='0x%x', must be <= 0xFFFF",
                      domain);
        return -1;
    }
    if (bus > 0xff) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address bus='0x%x', must be <= 0xFF", bus);
        return -1;
    }
    if (slot > 0x1f) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address slot='0x%x', must be <= 0x1F",
                      slot);
        return -1;
    }
    if (function > 7) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address function=0x%x, must be <= 7",
                      function);
        return -1;
    }
    return 0;
}

int
vrDevPCIAddressParse(xmlNodePtr node, vrPCIAddress *addr)
{
    if (vrDevPropUInt(node, "domain", 0, 0, &addr->domain) < 0 ||
        vrDevPropUInt(node, "bus", 0, 0, &addr->bus) < 0 ||
        vrDevPropUInt(node, "slot", 0, 0, &addr->slot) < 0 ||
        vrDevPropUInt(node, "function", 0, 0, &addr->function) < 0)
        return -1;
    return vrDevPCIAddressCheck(addr->domain, addr->bus, addr->slot, addr->function);
}

void
vrDevPCIAddressFormat(vrBuf *buf, const vrPCIAddress *addr, bool withType)
{
    vrBufAsprintf(buf, "<address%s domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                  withType ? " type='pci'" : "", addr->domain, addr->bus, addr->slot,
                  addr->function);
}

static int
vrDevAddressParsePCI(xmlNodePtr node, vrDomainDeviceAddress *addr)
{
    xmlNodePtr zpci;

    if (vrDevPropUInt(node, "domain", 0, 0, &addr->u.pci.domain) < 0 ||
        vrDevPropUInt(node, "bus", 0, 0, &addr->u.pci.bus) < 0 ||
        vrDevPropUInt(node, "slot", 0, 0, &addr->u.pci.slot) < 0 ||
        vrDevPropUInt(node, "function", 0, 0, &addr->u.pci.function) < 0 ||
        vrDevPropTristateSwitch(node, "multifunction", 0, &addr->u.pci.multifunction) < 0)
        return -1;
    if (vrDevPCIAddressCheck(addr->u.pci.domain, addr->u.pci.bus, addr->u.pci.slot,
                             addr->u.pci.function) < 0)
        return -1;
    if ((zpci = vrXMLChild(node, "zpci"))) {
        if (vrDevPropUInt(zpci, "uid", 0, 0, &addr->u.pci.zpciUid) < 0 ||
            vrDevPropUInt(zpci, "fid", 0, 0, &addr->u.pci.zpciFid) < 0)
            return -1;
        addr->u.pci.hasZpci = true;
    }
    return 0;
}

/* "1.2.3": up to four port numbers below 1000 separated by dots. */
static int
vrDevAddressParseUSBPort(const char *port, char *out, size_t outlen)
{
    g_auto(GStrv) parts = g_strsplit(port, ".", -1);
    g_autoptr(GString) canon = g_string_new(NULL);
    size_t i;

    for (i = 0; parts[i]; i++) {
        unsigned int v;
        if (i >= 4 || vrStrToUInt(parts[i], 10, &v) < 0 || v >= 1000)
            goto error;
        g_string_append_printf(canon, "%s%u", i ? "." : "", v);
    }
    if (i == 0 || canon->len >= outlen)
        goto error;
    g_strlcpy(out, canon->str, outlen);
    return 0;

 error:
    vrReportError(VR_ERR_XML_ERROR, "Cannot parse <address> 'port' attribute");
    return -1;
}

static int
vrDevAddressParseCCW(xmlNodePtr node, vrDomainDeviceAddress *addr)
{
    int c = vrDevPropUInt(node, "cssid", 0, 0, &addr->u.ccw.cssid);
    int s = vrDevPropUInt(node, "ssid", 0, 0, &addr->u.ccw.ssid);
    int d = vrDevPropUInt(node, "devno", 0, 0, &addr->u.ccw.devno);

    if (c < 0 || s < 0 || d < 0)
        return -1;
    if (c == 0 && s == 0 && d == 0)
        return 0;
    if (c == 0 || s == 0 || d == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Invalid partial specification for virtio ccw address");
        return -1;
    }
    if (addr->u.ccw.cssid > 0xfe || addr->u.ccw.ssid > 3 || addr->u.ccw.devno > 0xffff) {
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "Invalid specification for virtio ccw address: cssid='0x%x' ssid='0x%x' devno='0x%04x'",
                      addr->u.ccw.cssid, addr->u.ccw.ssid, addr->u.ccw.devno);
        return -1;
    }
    addr->u.ccw.assigned = true;
    return 0;
}

static int
vrDevAddressParseBody(xmlNodePtr node, vrDomainDeviceAddress *addr)
{
    switch ((vrDomainAddressType)addr->type) {
    case VR_DOMAIN_ADDRESS_PCI:
        return vrDevAddressParsePCI(node, addr);
    case VR_DOMAIN_ADDRESS_DRIVE:
        return vrDevPropUInt(node, "controller", 10, 0, &addr->u.drive.controller) < 0 ||
               vrDevPropUInt(node, "bus", 10, 0, &addr->u.drive.bus) < 0 ||
               vrDevPropUInt(node, "target", 10, 0, &addr->u.drive.target) < 0 ||
               vrDevPropUInt(node, "unit", 10, 0, &addr->u.drive.unit) < 0 ? -1 : 0;
    case VR_DOMAIN_ADDRESS_VIRTIO_SERIAL:
        return vrDevPropUInt(node, "controller", 10, 0, &addr->u.vioserial.controller) < 0 ||
               vrDevPropUInt(node, "bus", 10, 0, &addr->u.vioserial.bus) < 0 ||
               vrDevPropUInt(node, "port", 10, 0, &addr->u.vioserial.port) < 0 ? -1 : 0;
    case VR_DOMAIN_ADDRESS_CCID:
        return vrDevPropUInt(node, "controller", 10, 0, &addr->u.ccid.controller) < 0 ||
               vrDevPropUInt(node, "slot", 10, 0, &addr->u.ccid.slot) < 0 ? -1 : 0;
    case VR_DOMAIN_ADDRESS_USB: {
        g_autofree char *port = vrXMLProp(node, "port");
        if (vrDevPropUInt(node, "bus", 10, 0, &addr->u.usb.bus) < 0)
            return -1;
        if (port && vrDevAddressParseUSBPort(port, addr->u.usb.port,
                                             sizeof(addr->u.usb.port)) < 0)
            return -1;
        return 0;
    }
    case VR_DOMAIN_ADDRESS_SPAPRVIO: {
        int rc = vrDevPropULLong(node, "reg", 16, 0, &addr->u.spaprvio.reg);
        if (rc < 0)
            return -1;
        addr->u.spaprvio.hasReg = rc > 0;
        return 0;
    }
    case VR_DOMAIN_ADDRESS_CCW:
        return vrDevAddressParseCCW(node, addr);
    case VR_DOMAIN_ADDRESS_ISA:
        return vrDevPropUInt(node, "iobase", 16, 0, &addr->u.isa.iobase) < 0 ||
               vrDevPropUInt(node, "irq", 16, 0, &addr->u.isa.irq) < 0 ? -1 : 0;
    case VR_DOMAIN_ADDRESS_DIMM:
        return vrDevPropUInt(node, "slot", 10, 0, &addr->u.dimm.slot) < 0 ||
               vrDevPropULLong(node, "base", 16, 0, &addr->u.dimm.base) < 0 ? -1 : 0;
    case VR_DOMAIN_ADDRESS_VIRTIO_MMIO:
    case VR_DOMAIN_ADDRESS_UNASSIGNED:
    case VR_DOMAIN_ADDRESS_NONE:
    case VR_DOMAIN_ADDRESS_LAST:
        break;
    }
    return 0;
}

int
vrDevAddressParse(xmlNodePtr node, vrDomainDeviceAddress *addr)
{
    g_autofree char *type = vrXMLProp(node, "type");

    memset(addr, 0, sizeof(*addr));
    if (!type) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "No type specified for device address");
        return -1;
    }
    if ((addr->type = vrDomainAddressTypeFromString(type)) <= 0) {
        addr->type = VR_DOMAIN_ADDRESS_NONE;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown address type '%s'", type);
        return -1;
    }
    return vrDevAddressParseBody(node, addr);
}

static bool
vrDevPCIAddrIsEmpty(const vrDomainDeviceAddress *addr)
{
    return !addr->u.pci.domain && !addr->u.pci.bus && !addr->u.pci.slot &&
           !addr->u.pci.function;
}

void
vrDevAddressFormat(vrBuf *buf, const vrDomainDeviceAddress *addr)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    if (addr->type == VR_DOMAIN_ADDRESS_NONE)
        return;
    vrBufAsprintf(&attrs, " type='%s'", vrDomainAddressTypeToString(addr->type));
    switch ((vrDomainAddressType)addr->type) {
    case VR_DOMAIN_ADDRESS_PCI:
        if (!vrDevPCIAddrIsEmpty(addr))
            vrBufAsprintf(&attrs, " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'",
                          addr->u.pci.domain, addr->u.pci.bus, addr->u.pci.slot,
                          addr->u.pci.function);
        vrDevAttrTristateSwitch(&attrs, "multifunction", addr->u.pci.multifunction);
        if (addr->u.pci.hasZpci)
            vrBufAsprintf(&children, "<zpci uid='0x%.4x' fid='0x%.8x'/>\n",
                          addr->u.pci.zpciUid, addr->u.pci.zpciFid);
        break;
    case VR_DOMAIN_ADDRESS_DRIVE:
        vrBufAsprintf(&attrs, " controller='%u' bus='%u' target='%u' unit='%u'",
                      addr->u.drive.controller, addr->u.drive.bus, addr->u.drive.target,
                      addr->u.drive.unit);
        break;
    case VR_DOMAIN_ADDRESS_VIRTIO_SERIAL:
        vrBufAsprintf(&attrs, " controller='%u' bus='%u' port='%u'",
                      addr->u.vioserial.controller, addr->u.vioserial.bus,
                      addr->u.vioserial.port);
        break;
    case VR_DOMAIN_ADDRESS_CCID:
        vrBufAsprintf(&attrs, " controller='%u' slot='%u'", addr->u.ccid.controller,
                      addr->u.ccid.slot);
        break;
    case VR_DOMAIN_ADDRESS_USB:
        vrBufAsprintf(&attrs, " bus='%u'", addr->u.usb.bus);
        if (addr->u.usb.port[0])
            vrBufAsprintf(&attrs, " port='%s'", addr->u.usb.port);
        break;
    case VR_DOMAIN_ADDRESS_SPAPRVIO:
        if (addr->u.spaprvio.hasReg)
            vrBufAsprintf(&attrs, " reg='0x%08llx'", addr->u.spaprvio.reg);
        break;
    case VR_DOMAIN_ADDRESS_CCW:
        if (addr->u.ccw.assigned)
            vrBufAsprintf(&attrs, " cssid='0x%x' ssid='0x%x' devno='0x%04x'",
                          addr->u.ccw.cssid, addr->u.ccw.ssid, addr->u.ccw.devno);
        break;
    case VR_DOMAIN_ADDRESS_ISA:
        if (addr->u.isa.iobase)
            vrBufAsprintf(&attrs, " iobase='0x%x'", addr->u.isa.iobase);
        if (addr->u.isa.irq)
            vrBufAsprintf(&attrs, " irq='0x%x'", addr->u.isa.irq);
        break;
    case VR_DOMAIN_ADDRESS_DIMM:
        vrBufAsprintf(&attrs, " slot='%u'", addr->u.dimm.slot);
        if (addr->u.dimm.base)
            vrBufAsprintf(&attrs, " base='0x%llx'", addr->u.dimm.base);
        break;
    case VR_DOMAIN_ADDRESS_VIRTIO_MMIO:
    case VR_DOMAIN_ADDRESS_UNASSIGNED:
    case VR_DOMAIN_ADDRESS_NONE:
    case VR_DOMAIN_ADDRESS_LAST:
        break;
    }
    vrDevFormatElement(buf, "address", &attrs, &children, true);
}

/* ---- device info --------------------------------------------------- */

static int
vrDevBootParse(xmlNodePtr node, vrDomainDeviceInfo *info)
{
    g_autofree char *loadparm = NULL;
    size_t i;

    if (vrDevPropUInt(node, "order", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO,
                      &info->bootIndex) < 0)
        return -1;
    if (!(loadparm = vrXMLProp(node, "loadparm")))
        return 0;
    /* s390 boot menus take up to 8 upper-case characters */
    if (!*loadparm || strlen(loadparm) > 8) {
        vrReportError(VR_ERR_XML_ERROR,
                      "loadparm value '%s' must be between 1 and 8 characters", loadparm);
        return -1;
    }
    for (i = 0; loadparm[i]; i++) {
        if (!g_ascii_isalnum(loadparm[i]) && loadparm[i] != '.' && loadparm[i] != ' ') {
            vrReportError(VR_ERR_XML_ERROR,
                          "invalid loadparm char '%c', expecting chars in set of [a-zA-Z0-9.] and blank spaces",
                          loadparm[i]);
            return -1;
        }
    }
    info->loadparm = g_ascii_strup(loadparm, -1);
    return 0;
}

static int
vrDevRomParse(xmlNodePtr node, vrDomainDeviceInfo *info)
{
    if (vrDevPropTristateBool(node, "enabled", 0, &info->romEnabled) < 0 ||
        vrDevPropTristateSwitch(node, "bar", 0, &info->romBar) < 0)
        return -1;
    info->romFile = vrXMLProp(node, "file");
    if (info->romEnabled == VR_TRISTATE_OFF && (info->romBar || info->romFile)) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "ROM tuning is not supported when ROM is disabled");
        return -1;
    }
    return 0;
}

int
vrDevInfoParse(xmlNodePtr node, vrDomainDeviceInfo *info, unsigned int parseFlags,
               unsigned int allow)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "alias"))) {
        g_autofree char *name = vrXMLProp(child, "name");
        /* Only user aliases ("ua-") survive an inactive definition. */
        if (name && ((parseFlags & VR_DOMAIN_PARSE_LIVE) || g_str_has_prefix(name, "ua-")))
            info->alias = g_steal_pointer(&name);
    }
    if ((child = vrXMLChild(node, "master"))) {
        if (vrDevPropUInt(child, "startport", 10, 0, &info->masterStartport) < 0)
            return -1;
        info->hasMaster = true;
    }
    if ((allow & VR_DEV_INFO_ALLOW_BOOT) && (child = vrXMLChild(node, "boot")) &&
        vrDevBootParse(child, info) < 0)
        return -1;
    if ((allow & VR_DEV_INFO_ALLOW_ROM) && (child = vrXMLChild(node, "rom")) &&
        vrDevRomParse(child, info) < 0)
        return -1;
    if ((child = vrXMLChild(node, "acpi")) &&
        vrDevPropUInt(child, "index", 10, 0, &info->acpiIndex) < 0)
        return -1;
    if ((child = vrXMLChild(node, "address")) && vrDevAddressParse(child, &info->addr) < 0)
        return -1;
    return 0;
}

static bool
vrDevInfoShowAlias(const vrDomainDeviceInfo *info, unsigned int formatFlags)
{
    return info->alias && (!(formatFlags & VR_DOMAIN_FORMAT_INACTIVE) ||
                           g_str_has_prefix(info->alias, "ua-"));
}

bool
vrDevInfoIsEmpty(const vrDomainDeviceInfo *info, unsigned int formatFlags, unsigned int allow)
{
    bool boot = (allow & VR_DEV_INFO_ALLOW_BOOT) && info->bootIndex;
    bool rom = (allow & VR_DEV_INFO_ALLOW_ROM) &&
               (info->romFile || info->romBar || info->romEnabled);

    return !boot && !rom && !vrDevInfoShowAlias(info, formatFlags) && !info->hasMaster &&
           !info->acpiIndex && info->addr.type == VR_DOMAIN_ADDRESS_NONE;
}

void
vrDevInfoFormat(vrBuf *buf, const vrDomainDeviceInfo *info, unsigned int formatFlags,
                unsigned int allow)
{
    if ((allow & VR_DEV_INFO_ALLOW_BOOT) && info->bootIndex) {
        vrBufAsprintf(buf, "<boot order='%u'", info->bootIndex);
        vrDevAttr(buf, "loadparm", info->loadparm);
        vrBufAddLit(buf, "/>\n");
    }
    if (vrDevInfoShowAlias(info, formatFlags))
        vrConfEscapeXMLPrintf(buf, "<alias name='%s'/>\n", info->alias);
    if (info->hasMaster)
        vrBufAsprintf(buf, "<master startport='%u'/>\n", info->masterStartport);
    if ((allow & VR_DEV_INFO_ALLOW_ROM) &&
        (info->romFile || info->romBar || info->romEnabled)) {
        vrBufAddLit(buf, "<rom");
        vrDevAttrTristateBool(buf, "enabled", info->romEnabled);
        vrDevAttrTristateSwitch(buf, "bar", info->romBar);
        vrDevAttr(buf, "file", info->romFile);
        vrBufAddLit(buf, "/>\n");
    }
    if (info->acpiIndex)
        vrBufAsprintf(buf, "<acpi index='%u'/>\n", info->acpiIndex);
    vrDevAddressFormat(buf, &info->addr);
}

void
vrDevInfoClear(vrDomainDeviceInfo *info)
{
    g_free(info->alias);
    g_free(info->loadparm);
    g_free(info->romFile);
    memset(info, 0, sizeof(*info));
}

void
vrDevInfoCopy(vrDomainDeviceInfo *dst, const vrDomainDeviceInfo *src)
{
    *dst = *src;
    dst->alias = g_strdup(src->alias);
    dst->loadparm = g_strdup(src->loadparm);
    dst->romFile = g_strdup(src->romFile);
}

/* ---- virtio options and seclabels ---------------------------------- */

int
vrDevVirtioOptionsParse(xmlNodePtr driver, vrDomainVirtioOptions *opts)
{
    if (!driver)
        return 0;
    if (vrDevPropTristateSwitch(driver, "iommu", 0, &opts->iommu) < 0 ||
        vrDevPropTristateSwitch(driver, "ats", 0, &opts->ats) < 0 ||
        vrDevPropTristateSwitch(driver, "packed", 0, &opts->packed) < 0 ||
        vrDevPropTristateSwitch(driver, "page_per_vq", 0, &opts->pagePerVq) < 0)
        return -1;
    return 0;
}

void
vrDevVirtioOptionsFormat(vrBuf *attrs, const vrDomainVirtioOptions *opts)
{
    vrDevAttrTristateSwitch(attrs, "iommu", opts->iommu);
    vrDevAttrTristateSwitch(attrs, "ats", opts->ats);
    vrDevAttrTristateSwitch(attrs, "packed", opts->packed);
    vrDevAttrTristateSwitch(attrs, "page_per_vq", opts->pagePerVq);
}

int
vrDevSeclabelsParse(xmlNodePtr source, vrDomainSeclabelDev **labels, size_t *nlabels,
                    unsigned int parseFlags)
{
    vrXMLForEachNamed(source, "seclabel", node) {
        vrDomainSeclabelDev l = { 0 };
        int relabel = VR_TRISTATE_ABSENT;
        int labelskip = VR_TRISTATE_ABSENT;

        if (vrDevPropTristateBool(node, "relabel", 0, &relabel) < 0)
            return -1;
        if ((parseFlags & VR_DOMAIN_PARSE_LIVE) &&
            vrDevPropTristateBool(node, "labelskip", 0, &labelskip) < 0)
            return -1;
        l.relabel = relabel != VR_TRISTATE_OFF;
        l.labelskip = labelskip == VR_TRISTATE_ON;
        l.model = vrXMLProp(node, "model");
        l.label = vrDevChildText(node, "label");
        if (l.label && !l.relabel) {
            g_free(l.model);
            vrReportError(VR_ERR_XML_ERROR,
                          "Cannot specify a label if relabelling is turned off. model=%s",
                          l.label);
            g_free(l.label);
            return -1;
        }
        *labels = g_renew(vrDomainSeclabelDev, *labels, *nlabels + 1);
        (*labels)[(*nlabels)++] = l;
    }
    return 0;
}

void
vrDevSeclabelsFormat(vrBuf *buf, const vrDomainSeclabelDev *labels, size_t nlabels)
{
    size_t i;

    for (i = 0; i < nlabels; i++) {
        const vrDomainSeclabelDev *l = &labels[i];

        vrBufAddLit(buf, "<seclabel");
        vrDevAttr(buf, "model", l->model);
        if (l->labelskip)
            vrBufAddLit(buf, " labelskip='yes'");
        else
            vrBufAsprintf(buf, " relabel='%s'", l->relabel ? "yes" : "no");
        if (!l->label) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrDevTextElement(buf, "label", l->label);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</seclabel>\n");
    }
}

void
vrDevSeclabelsClear(vrDomainSeclabelDev **labels, size_t *nlabels)
{
    size_t i;

    for (i = 0; i < *nlabels; i++) {
        g_free((*labels)[i].model);
        g_free((*labels)[i].label);
    }
    g_clear_pointer(labels, g_free);
    *nlabels = 0;
}
