/*
 * domain_device_hostdev.c: <hostdev>, host devices given to the guest,
 * also the source of an <interface type='hostdev'>.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrDomainHostdevMode, VR_DOMAIN_HOSTDEV_MODE_LAST, "subsystem", "capabilities");
VR_ENUM_IMPL(vrDomainHostdevSubsys, VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST,
             "usb", "pci", "scsi", "scsi_host", "mdev");
VR_ENUM_IMPL(vrDomainHostdevCaps, VR_DOMAIN_HOSTDEV_CAPS_TYPE_LAST, "storage", "misc", "net");
VR_ENUM_IMPL(vrDomainHostdevPCIBackend, VR_DOMAIN_HOSTDEV_PCI_BACKEND_LAST,
             "default", "kvm", "vfio", "xen");
VR_ENUM_IMPL(vrDomainHostdevSCSIProtocol, VR_DOMAIN_HOSTDEV_SCSI_PROTOCOL_LAST, "adapter", "iscsi");
VR_ENUM_IMPL(vrDomainMdevModel, VR_DOMAIN_MDEV_MODEL_LAST, "vfio-pci", "vfio-ccw", "vfio-ap");
VR_ENUM_IMPL(vrDomainHostdevSCSIHostModel, VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");

static const char *const guestResetNames[] = { NULL, "off", "uninstall", "on" };

/* ---- subsystem sources --------------------------------------------- */

static int
vrHostdevUSBId(xmlNodePtr node, const char *what, unsigned int *value)
{
    g_autofree char *id = vrXMLProp(node, "id");

    if (!id) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "usb %s needs id", what);
        return -1;
    }
    if (vrStrToUInt(id, 0, value) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse %s %s",
                      g_str_equal(what, "vendor") ? "vendor id" : "product", id);
        return -1;
    }
    return 0;
}

static int
vrHostdevUSBAddress(xmlNodePtr node, vrDomainHostdevDef *hd)
{
    g_autofree char *bus = vrXMLProp(node, "bus");
    g_autofree char *device = vrXMLProp(node, "device");

    if (!bus) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "usb address needs bus id");
        return -1;
    }
    if (vrStrToUInt(bus, 0, &hd->usbBus) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse bus %s", bus);
        return -1;
    }
    if (!device) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "usb address needs device id");
        return -1;
    }
    if (vrStrToUInt(device, 0, &hd->usbDevice) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse device %s", device);
        return -1;
    }
    hd->hasUsbAddress = true;
    return 0;
}

static int
vrHostdevParseUSB(xmlNodePtr source, vrDomainHostdevDef *hd)
{
    g_autofree char *reset = vrXMLProp(source, "guestReset");
    xmlNodePtr child;
    size_t i;

    if (vrDevPropEnum(source, "startupPolicy", vrDomainStartupPolicyTypeFromString,
                      VR_DEV_PROP_NONZERO, &hd->startupPolicy) < 0)
        return -1;
    if (reset) {
        for (i = 1; i < G_N_ELEMENTS(guestResetNames) && !g_str_equal(reset, guestResetNames[i]); i++)
            ;
        if (i == G_N_ELEMENTS(guestResetNames)) {
            vrDevReportBadAttr(source, "guestReset", reset);
            return -1;
        }
        hd->guestReset = (int)i;
    }
    if ((child = vrXMLChild(source, "vendor"))) {
        if (vrHostdevUSBId(child, "vendor", &hd->vendor) < 0)
            return -1;
        hd->hasVendor = true;
    }
    if ((child = vrXMLChild(source, "product"))) {
        if (vrHostdevUSBId(child, "product", &hd->product) < 0)
            return -1;
        hd->hasProduct = true;
    }
    if ((child = vrXMLChild(source, "address")) && vrHostdevUSBAddress(child, hd) < 0)
        return -1;
    if (hd->hasVendor != hd->hasProduct) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      hd->hasVendor ? "missing product" : "missing vendor");
        return -1;
    }
    return 0;
}

static int
vrHostdevParsePCI(xmlNodePtr node, xmlNodePtr source, vrDomainHostdevDef *hd)
{
    xmlNodePtr child;
    g_autofree char *backend = NULL;

    if (vrDevPropTristateBool(source, "writeFiltering", 0, &hd->writeFiltering) < 0)
        return -1;
    if ((child = vrXMLChild(source, "address")) && vrDevPCIAddressParse(child, &hd->pciAddr) < 0)
        return -1;
    if ((child = vrXMLChild(node, "driver")) && (backend = vrXMLProp(child, "name")) &&
        (hd->pciBackend = vrDomainHostdevPCIBackendTypeFromString(backend)) <= 0) {
        hd->pciBackend = VR_DOMAIN_HOSTDEV_PCI_BACKEND_DEFAULT;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Unknown PCI device <driver name='%s'/> has been specified", backend);
        return -1;
    }
    return 0;
}

static int
vrHostdevParseISCSI(xmlNodePtr source, vrDomainHostdevDef *hd, unsigned int flags)
{
    vrStorageSource *src = hd->iscsiSrc = vrStorageSourceNew();
    xmlNodePtr child;

    (void)flags;
    src->type = VR_STORAGE_TYPE_NETWORK;
    src->protocol = VR_STORAGE_NET_PROTOCOL_ISCSI;
    if (!(src->path = vrXMLProp(source, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing iSCSI hostdev source path name");
        return -1;
    }
    if (vrStorageSourceParseNetworkHosts(source, src) < 0)
        return -1;
    if (src->nhosts == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing the host address for the iSCSI hostdev");
        return -1;
    }
    if (src->hosts[0].transport == VR_STORAGE_NET_HOST_TRANS_TCP && !src->hosts[0].port)
        src->hosts[0].port = 3260;
    if ((child = vrXMLChild(source, "auth"))) {
        src->auth = g_new0(vrDiskAuth, 1);
        src->auth->username = vrXMLProp(child, "username");
        if ((child = vrXMLChild(child, "secret"))) {
            src->auth->secretType = vrXMLProp(child, "type");
            src->auth->secretUUID = vrXMLProp(child, "uuid");
            src->auth->secretUsage = vrXMLProp(child, "usage");
        }
    }
    if ((child = vrXMLChild(source, "initiator")) && (child = vrXMLChild(child, "iqn")))
        src->initiatorIqn = vrXMLProp(child, "name");
    return 0;
}

static int
vrHostdevParseSCSI(xmlNodePtr source, vrDomainHostdevDef *hd, unsigned int flags)
{
    xmlNodePtr address, adapter;

    if (vrDevPropEnum(source, "protocol", vrDomainHostdevSCSIProtocolTypeFromString, 0,
                      &hd->scsiProtocol) < 0)
        return -1;
    if (hd->scsiProtocol == VR_DOMAIN_HOSTDEV_SCSI_PROTOCOL_ISCSI)
        return vrHostdevParseISCSI(source, hd, flags);
    if (!(address = vrXMLChild(source, "address"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing scsi source address");
        return -1;
    }
    if (vrDevPropUInt(address, "bus", 0, VR_DEV_PROP_REQUIRED, &hd->scsiBus) < 0 ||
        vrDevPropUInt(address, "target", 0, VR_DEV_PROP_REQUIRED, &hd->scsiTarget) < 0 ||
        vrDevPropULLong(address, "unit", 0, VR_DEV_PROP_REQUIRED, &hd->scsiUnit) < 0)
        return -1;
    if (!(adapter = vrXMLChild(source, "adapter"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing scsi source adapter");
        return -1;
    }
    if (!(hd->scsiAdapter = vrXMLProp(adapter, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing adapter name");
        return -1;
    }
    return 0;
}

static int
vrHostdevParseSCSIHost(xmlNodePtr source, vrDomainHostdevDef *hd)
{
    g_autofree char *protocol = vrXMLProp(source, "protocol");
    const char *p;

    if (!protocol) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing scsi_host subsystem protocol");
        return -1;
    }
    if (!g_str_equal(protocol, "vhost")) {
        vrReportError(VR_ERR_XML_ERROR, "Unknown scsi_host subsystem protocol '%s'", protocol);
        return -1;
    }
    if (!(hd->wwpn = vrXMLProp(source, "wwpn"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing vhost-scsi hostdev source wwpn");
        return -1;
    }
    p = hd->wwpn;
    if (!g_str_has_prefix(p, "naa.") || strlen(p + 4) != 16 ||
        strspn(p + 4, "0123456789abcdefABCDEF") != 16) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "malformed 'wwpn' value");
        return -1;
    }
    return 0;
}

static int
vrHostdevParseMdev(xmlNodePtr source, vrDomainHostdevDef *hd)
{
    xmlNodePtr address = vrXMLChild(source, "address");
    g_autofree char *uuid = address ? vrXMLProp(address, "uuid") : NULL;
    unsigned char raw[VR_UUID_BUFLEN];
    char buf[VR_UUID_STRING_BUFLEN];

    if (!uuid) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'uuid' attribute for element <address>");
        return -1;
    }
    if (vrUUIDParse(uuid, raw) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "Cannot parse UUID '%s'", uuid);
        return -1;
    }
    hd->mdevUUID = g_strdup(vrUUIDFormat(raw, buf));
    return 0;
}

/* Attributes of <hostdev> that only some subsystem types accept. */
static int
vrHostdevParseSubsysAttrs(xmlNodePtr node, vrDomainHostdevDef *hd)
{
    g_autofree char *sgio = vrXMLProp(node, "sgio");
    g_autofree char *rawio = vrXMLProp(node, "rawio");
    g_autofree char *model = vrXMLProp(node, "model");
    bool scsi = hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI;

    if (sgio) {
        if (!scsi) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "sgio is only supported for scsi host device");
            return -1;
        }
        if ((hd->sgio = vrDomainDiskSgioTypeFromString(sgio)) <= 0) {
            hd->sgio = 0;
            vrReportError(VR_ERR_XML_ERROR, "unknown sgio mode '%s'", sgio);
            return -1;
        }
    }
    if (rawio) {
        if (!scsi) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "rawio is only supported for scsi host device");
            return -1;
        }
        if ((hd->rawio = vrTristateBoolTypeFromString(rawio)) <= 0) {
            hd->rawio = 0;
            vrReportError(VR_ERR_XML_ERROR, "unknown hostdev rawio setting '%s'", rawio);
            return -1;
        }
    }
    if (hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST) {
        if (model && (hd->scsiHostModel = vrDomainHostdevSCSIHostModelTypeFromString(model)) < 0) {
            hd->scsiHostModel = 0;
            vrReportError(VR_ERR_XML_ERROR, "unknown hostdev model '%s'", model);
            return -1;
        }
    } else if (hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV) {
        if (!model) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'model' attribute in mdev device");
            return -1;
        }
        if ((hd->mdevModel = vrDomainMdevModelTypeFromString(model)) < 0) {
            hd->mdevModel = 0;
            vrReportError(VR_ERR_XML_ERROR, "unknown hostdev model '%s'", model);
            return -1;
        }
        if (vrDevPropTristateSwitch(node, "display", 0, &hd->display) < 0 ||
            vrDevPropTristateSwitch(node, "ramfb", 0, &hd->ramfb) < 0)
            return -1;
    } else if (model) {
        vrReportError(VR_ERR_XML_ERROR,
                      "'model' attribute in <hostdev> is only supported when type='mdev'");
        return -1;
    }
    return 0;
}

static int
vrHostdevParseSubsysSource(xmlNodePtr node, xmlNodePtr source, vrDomainHostdevDef *hd,
                           unsigned int flags)
{
    g_autofree char *policy = vrXMLProp(source, "startupPolicy");

    if (policy && hd->type != VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Setting startupPolicy is only allowed for USB devices");
        return -1;
    }
    switch ((vrDomainHostdevSubsysType)hd->type) {
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI:
        return vrHostdevParsePCI(node, source, hd);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB:
        return vrHostdevParseUSB(source, hd);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI:
        return vrHostdevParseSCSI(source, hd, flags);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST:
        return vrHostdevParseSCSIHost(source, hd);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV:
        return vrHostdevParseMdev(source, hd);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST:
        break;
    }
    return 0;
}

/* @node is the <hostdev>, or the <interface> whose <source><address>
 * carries the type. */
int
vrDevHostdevSubsysParse(xmlNodePtr node, vrDomainHostdevDef *hd, unsigned int flags,
                        bool forInterface)
{
    xmlNodePtr source = vrXMLChild(node, "source");
    g_autofree char *type = NULL;
    g_autofree char *managed = vrXMLProp(node, "managed");

    hd->mode = VR_DOMAIN_HOSTDEV_MODE_SUBSYS;
    hd->managed = managed && g_str_equal(managed, "yes");
    if (forInterface) {
        xmlNodePtr addr = vrXMLChild(source, "address");
        type = addr ? vrXMLProp(addr, "type") : NULL;
    } else {
        type = vrXMLProp(node, "type");
    }
    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing source address type");
        return -1;
    }
    if ((hd->type = vrDomainHostdevSubsysTypeFromString(type)) < 0) {
        hd->type = 0;
        vrReportError(VR_ERR_XML_ERROR, "unknown host device source address type '%s'", type);
        return -1;
    }
    if (!source) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <source> element in hostdev device");
        return -1;
    }
    if (vrHostdevParseSubsysAttrs(node, hd) < 0)
        return -1;
    return vrHostdevParseSubsysSource(node, source, hd, flags);
}

static int
vrHostdevParseCaps(xmlNodePtr node, vrDomainHostdevDef *hd)
{
    g_autofree char *type = vrXMLProp(node, "type");
    xmlNodePtr source = vrXMLChild(node, "source");
    g_autofree char *managed = vrXMLProp(node, "managed");

    hd->managed = managed && g_str_equal(managed, "yes");
    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing source address type");
        return -1;
    }
    if ((hd->type = vrDomainHostdevCapsTypeFromString(type)) < 0) {
        hd->type = 0;
        vrReportError(VR_ERR_XML_ERROR, "unknown host device source address type '%s'", type);
        return -1;
    }
    if (!source) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <source> element in hostdev device");
        return -1;
    }
    switch ((vrDomainHostdevCapsType)hd->type) {
    case VR_DOMAIN_HOSTDEV_CAPS_TYPE_STORAGE:
        if (!(hd->capsBlock = vrDevChildText(source, "block"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <block> element in hostdev storage device");
            return -1;
        }
        break;
    case VR_DOMAIN_HOSTDEV_CAPS_TYPE_MISC:
        if (!(hd->capsChar = vrDevChildText(source, "char"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <char> element in hostdev character device");
            return -1;
        }
        break;
    case VR_DOMAIN_HOSTDEV_CAPS_TYPE_NET:
        if (!(hd->capsIfname = vrDevChildText(source, "interface"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <interface> element in hostdev net device");
            return -1;
        }
        return vrDevNetIPInfoParse(node, &hd->capsIPInfo);
    case VR_DOMAIN_HOSTDEV_CAPS_TYPE_LAST:
        break;
    }
    return 0;
}

static int
vrHostdevCheckAddress(const vrDomainHostdevDef *hd)
{
    int t = hd->info.addr.type;

    if (hd->mode != VR_DOMAIN_HOSTDEV_MODE_SUBSYS || t == VR_DOMAIN_ADDRESS_NONE)
        return 0;
    switch ((vrDomainHostdevSubsysType)hd->type) {
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI:
        if (t != VR_DOMAIN_ADDRESS_PCI && t != VR_DOMAIN_ADDRESS_UNASSIGNED) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "PCI host devices must use 'pci' or 'unassigned' address type");
            return -1;
        }
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI:
        if (t != VR_DOMAIN_ADDRESS_DRIVE) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "SCSI host device must use 'drive' address type");
            return -1;
        }
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST:
        if (t != VR_DOMAIN_ADDRESS_PCI && t != VR_DOMAIN_ADDRESS_CCW) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "SCSI_host host device must use 'pci' or 'ccw' address type");
            return -1;
        }
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB:
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV:
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST:
        break;
    }
    return 0;
}

vrDomainHostdevDef *
vrDomainParseHostdev(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainHostdevDef) hd = g_new0(vrDomainHostdevDef, 1);
    g_autofree char *mode = vrXMLProp(node, "mode");

    if (mode && (hd->mode = vrDomainHostdevModeTypeFromString(mode)) < 0) {
        hd->mode = 0;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown hostdev mode '%s'", mode);
        return NULL;
    }
    if (hd->mode == VR_DOMAIN_HOSTDEV_MODE_SUBSYS) {
        if (vrDevHostdevSubsysParse(node, hd, flags, false) < 0)
            return NULL;
    } else if (vrHostdevParseCaps(node, hd) < 0) {
        return NULL;
    }
    if (vrDevInfoParse(node, &hd->info, flags, VR_DEV_INFO_ALLOW_BOOT | VR_DEV_INFO_ALLOW_ROM) < 0 ||
        vrHostdevCheckAddress(hd) < 0)
        return NULL;
    if (hd->mode == VR_DOMAIN_HOSTDEV_MODE_SUBSYS && hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI) {
        hd->readonly = vrXMLChild(node, "readonly") != NULL;
        hd->shareable = vrXMLChild(node, "shareable") != NULL;
    }
    return g_steal_pointer(&hd);
}

/* ---- formatting ---------------------------------------------------- */

static void
vrHostdevFormatSourceAttrs(vrBuf *attrs, const vrDomainHostdevDef *hd)
{
    if (hd->startupPolicy)
        vrBufAsprintf(attrs, " startupPolicy='%s'",
                      vrDomainStartupPolicyTypeToString(hd->startupPolicy));
    vrDevAttrTristateBool(attrs, "writeFiltering", hd->writeFiltering);
    if (hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI && hd->iscsiSrc) {
        vrBufAddLit(attrs, " protocol='iscsi'");
        vrDevAttr(attrs, "name", hd->iscsiSrc->path);
    }
    if (hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST) {
        vrBufAddLit(attrs, " protocol='vhost'");
        vrDevAttr(attrs, "wwpn", hd->wwpn);
    }
    if (hd->guestReset)
        vrBufAsprintf(attrs, " guestReset='%s'", guestResetNames[hd->guestReset]);
}

static void
vrHostdevFormatISCSI(vrBuf *children, const vrStorageSource *src)
{
    size_t i;

    for (i = 0; i < src->nhosts; i++) {
        vrBufAddLit(children, "<host");
        vrDevAttr(children, "name", src->hosts[i].name);
        if (src->hosts[i].port)
            vrBufAsprintf(children, " port='%u'", src->hosts[i].port);
        vrBufAddLit(children, "/>\n");
    }
    if (src->auth) {
        vrBufAddLit(children, "<auth");
        vrDevAttr(children, "username", src->auth->username);
        vrBufAddLit(children, ">\n  <secret");
        vrDevAttr(children, "type", src->auth->secretType);
        vrDevAttr(children, "uuid", src->auth->secretUUID);
        vrDevAttr(children, "usage", src->auth->secretUsage);
        vrBufAddLit(children, "/>\n</auth>\n");
    }
    if (src->initiatorIqn)
        vrConfEscapeXMLPrintf(children, "<initiator>\n  <iqn name='%s'/>\n</initiator>\n",
                             src->initiatorIqn);
}

static void
vrHostdevFormatSourceChildren(vrBuf *children, const vrDomainHostdevDef *hd, bool forInterface)
{
    switch ((vrDomainHostdevSubsysType)hd->type) {
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB:
        if (hd->vendor) {
            vrBufAsprintf(children, "<vendor id='0x%.4x'/>\n", hd->vendor);
            vrBufAsprintf(children, "<product id='0x%.4x'/>\n", hd->product);
        }
        if (hd->usbBus || hd->usbDevice)
            vrBufAsprintf(children, "<address %sbus='%u' device='%u'/>\n",
                          forInterface ? "type='usb' " : "", hd->usbBus, hd->usbDevice);
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI:
        vrDevPCIAddressFormat(children, &hd->pciAddr, forInterface);
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI:
        if (hd->iscsiSrc) {
            vrHostdevFormatISCSI(children, hd->iscsiSrc);
            break;
        }
        vrConfEscapeXMLPrintf(children, "<adapter name='%s'/>\n", hd->scsiAdapter);
        vrBufAsprintf(children, "<address %sbus='%u' target='%u' unit='%llu'/>\n",
                      forInterface ? "type='scsi' " : "", hd->scsiBus, hd->scsiTarget,
                      hd->scsiUnit);
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV:
        vrBufAsprintf(children, "<address uuid='%s'/>\n", hd->mdevUUID);
        break;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST:
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST:
        break;
    }
}

void
vrDevHostdevSubsysFormat(vrBuf *buf, const vrDomainHostdevDef *hd, unsigned int flags,
                         bool forInterface)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    (void)flags;
    if (hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI && hd->pciBackend)
        vrBufAsprintf(buf, "<driver name='%s'/>\n",
                      vrDomainHostdevPCIBackendTypeToString(hd->pciBackend));
    vrHostdevFormatSourceAttrs(&attrs, hd);
    vrHostdevFormatSourceChildren(&children, hd, forInterface);
    vrDevFormatElement(buf, "source", &attrs, &children, true);
}

static void
vrHostdevFormatCaps(vrBuf *buf, const vrDomainHostdevDef *hd)
{
    vrBufAddLit(buf, "<source>\n");
    vrBufAdjustIndent(buf, 2);
    vrDevTextElement(buf, "block", hd->capsBlock);
    vrDevTextElement(buf, "char", hd->capsChar);
    vrDevTextElement(buf, "interface", hd->capsIfname);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</source>\n");
    vrDevNetIPInfoFormat(buf, &hd->capsIPInfo);
}

static void
vrHostdevFormatOpen(vrBuf *buf, const vrDomainHostdevDef *hd)
{
    bool subsys = hd->mode == VR_DOMAIN_HOSTDEV_MODE_SUBSYS;

    vrBufAsprintf(buf, "<hostdev mode='%s' type='%s'", vrDomainHostdevModeTypeToString(hd->mode),
                  subsys ? vrDomainHostdevSubsysTypeToString(hd->type)
                         : vrDomainHostdevCapsTypeToString(hd->type));
    if (subsys)
        vrBufAsprintf(buf, " managed='%s'", hd->managed ? "yes" : "no");
    if (subsys && hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI) {
        if (hd->sgio)
            vrBufAsprintf(buf, " sgio='%s'", vrDomainDiskSgioTypeToString(hd->sgio));
        vrDevAttrTristateBool(buf, "rawio", hd->rawio);
    }
    if (subsys && hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV) {
        vrBufAsprintf(buf, " model='%s'", vrDomainMdevModelTypeToString(hd->mdevModel));
        vrDevAttrTristateSwitch(buf, "display", hd->display);
        vrDevAttrTristateSwitch(buf, "ramfb", hd->ramfb);
    }
    if (subsys && hd->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST && hd->scsiHostModel)
        vrBufAsprintf(buf, " model='%s'",
                      vrDomainHostdevSCSIHostModelTypeToString(hd->scsiHostModel));
    vrBufAddLit(buf, ">\n");
}

void
vrDomainFormatHostdev(vrBuf *buf, const vrDomainHostdevDef *hd, unsigned int flags)
{
    vrHostdevFormatOpen(buf, hd);
    vrBufAdjustIndent(buf, 2);
    if (hd->mode == VR_DOMAIN_HOSTDEV_MODE_SUBSYS)
        vrDevHostdevSubsysFormat(buf, hd, flags, false);
    else
        vrHostdevFormatCaps(buf, hd);
    if (hd->readonly)
        vrBufAddLit(buf, "<readonly/>\n");
    if (hd->shareable)
        vrBufAddLit(buf, "<shareable/>\n");
    vrDevInfoFormat(buf, &hd->info, flags, VR_DEV_INFO_ALLOW_BOOT | VR_DEV_INFO_ALLOW_ROM);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</hostdev>\n");
}
