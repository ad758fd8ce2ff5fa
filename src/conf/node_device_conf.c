/*
 * node_device_conf.c: <device> parsing and formatting.
 *
 * Error texts, number bases and output layout follow libvirt's node
 * device code, quirks included: PCI and USB ids are read as hex and
 * bus numbers as decimal, a USB id without a name prints "<product
 * id='0x0001' />", an empty <firmware> prints open and close tags.
 * Elements only the udev backend fills (<driver>, block sizes) and the
 * capabilities libvirt can print but not read (scsi_generic, vdpa) are
 * read as well, so that what a host reports reads back unchanged; VPD
 * values are escaped where libvirt writes them raw.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "node_device_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_NODEDEV

VR_ENUM_IMPL(vrNodeDevCap, VR_NODE_DEV_CAP_LAST,
             "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target",
             "scsi", "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types",
             "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd");

VR_ENUM_IMPL(vrNodeDevDRM, VR_NODE_DEV_DRM_LAST, "primary", "control", "render");

VR_ENUM_IMPL(vrNodeDevNetFeature, VR_NODE_DEV_NET_LAST,
             "rx", "tx", "sg", "tso", "gso", "gro", "lro", "rxvlan", "txvlan", "ntuple",
             "rxhash", "rdma", "txudptnl", "switchdev");

VR_ENUM_IMPL(vrNodeDevLinkState, VR_NODE_DEV_LINK_LAST,
             "", "unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up");

/* PCIe link speeds libvirt knows, in GT/s. */
static const char *const pcieSpeeds[] = { "2.5", "5", "8", "16", "32", "64", NULL };

/* ---- lifetime ------------------------------------------------------ */

static void
vrNodeDevMdevTypesFree(vrNodeDevMdevType *types, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        g_free(types[i].id);
        g_free(types[i].name);
        g_free(types[i].deviceAPI);
    }
    g_free(types);
}

static void
vrNodeDevVPDFieldsFree(vrNodeDevVPDField *fields, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        g_free(fields[i].value);
    g_free(fields);
}

static void
vrNodeDevVPDFree(vrNodeDevVPD *vpd)
{
    if (!vpd)
        return;
    g_free(vpd->name);
    g_free(vpd->changeLevel);
    g_free(vpd->manufactureId);
    g_free(vpd->partNumber);
    g_free(vpd->serialNumber);
    vrNodeDevVPDFieldsFree(vpd->roVendor, vpd->nroVendor);
    g_free(vpd->assetTag);
    vrNodeDevVPDFieldsFree(vpd->rwVendor, vpd->nrwVendor);
    vrNodeDevVPDFieldsFree(vpd->rwSystem, vpd->nrwSystem);
    g_free(vpd);
}

static void
vrNodeDevCapPCIClear(vrNodeDevCapPCI *pci)
{
    g_free(pci->productName);
    g_free(pci->vendorName);
    g_free(pci->virtFunctions);
    vrNodeDevMdevTypesFree(pci->mdevTypes, pci->nmdevTypes);
    vrNodeDevVPDFree(pci->vpd);
    g_free(pci->iommuAddrs);
    g_free(pci->linkCap.speed);
    g_free(pci->linkSta.speed);
}

static void
vrNodeDevCapSystemClear(vrNodeDevCapSystem *sys)
{
    g_free(sys->product);
    g_free(sys->hwVendor);
    g_free(sys->hwVersion);
    g_free(sys->hwSerial);
    g_free(sys->fwVendor);
    g_free(sys->fwVersion);
    g_free(sys->fwReleaseDate);
}

static void
vrNodeDevCapStorageClear(vrNodeDevCapStorage *st)
{
    g_free(st->block);
    g_free(st->bus);
    g_free(st->driveType);
    g_free(st->model);
    g_free(st->vendor);
    g_free(st->serial);
    g_free(st->mediaLabel);
}

static void
vrNodeDevCapMdevClear(vrNodeDevCapMdev *mdev)
{
    size_t i;

    g_free(mdev->type);
    for (i = 0; i < mdev->nattrs; i++) {
        g_free(mdev->attrs[i].name);
        g_free(mdev->attrs[i].value);
    }
    g_free(mdev->attrs);
    g_free(mdev->parentAddr);
}

static void
vrNodeDevCapClear(vrNodeDevCapDef *cap)
{
    switch (cap->type) {
    case VR_NODE_DEV_CAP_SYSTEM:
        vrNodeDevCapSystemClear(&cap->u.system);
        break;
    case VR_NODE_DEV_CAP_PCI_DEV:
        vrNodeDevCapPCIClear(&cap->u.pci);
        break;
    case VR_NODE_DEV_CAP_USB_DEV:
        g_free(cap->u.usbDev.productName);
        g_free(cap->u.usbDev.vendorName);
        break;
    case VR_NODE_DEV_CAP_USB_INTERFACE:
        g_free(cap->u.usbIf.description);
        break;
    case VR_NODE_DEV_CAP_NET:
        g_free(cap->u.net.ifname);
        g_free(cap->u.net.address);
        break;
    case VR_NODE_DEV_CAP_SCSI_HOST:
        g_free(cap->u.scsiHost.wwnn);
        g_free(cap->u.scsiHost.wwpn);
        g_free(cap->u.scsiHost.fabricWWN);
        break;
    case VR_NODE_DEV_CAP_SCSI_TARGET:
        g_free(cap->u.scsiTarget.name);
        g_free(cap->u.scsiTarget.rport);
        g_free(cap->u.scsiTarget.wwpn);
        break;
    case VR_NODE_DEV_CAP_SCSI:
        g_free(cap->u.scsi.type);
        break;
    case VR_NODE_DEV_CAP_STORAGE:
        vrNodeDevCapStorageClear(&cap->u.storage);
        break;
    case VR_NODE_DEV_CAP_SCSI_GENERIC:
    case VR_NODE_DEV_CAP_VDPA:
        g_free(cap->u.path);
        break;
    case VR_NODE_DEV_CAP_MDEV:
        vrNodeDevCapMdevClear(&cap->u.mdev);
        break;
    case VR_NODE_DEV_CAP_CCW_DEV:
    case VR_NODE_DEV_CAP_CSS_DEV:
        vrNodeDevMdevTypesFree(cap->u.ccw.mdevTypes, cap->u.ccw.nmdevTypes);
        break;
    case VR_NODE_DEV_CAP_AP_MATRIX:
        vrNodeDevMdevTypesFree(cap->u.apMatrix.types, cap->u.apMatrix.ntypes);
        break;
    default:
        break;
    }
}

void
vrNodeDeviceDefFree(vrNodeDeviceDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->sysfsPath);
    g_free(def->devnode);
    if (def->devlinks)
        g_ptr_array_unref(def->devlinks);
    g_free(def->parent);
    g_free(def->parentWWNN);
    g_free(def->parentWWPN);
    g_free(def->parentFabricWWN);
    g_free(def->driver);
    for (i = 0; i < def->ncaps; i++)
        vrNodeDevCapClear(&def->caps[i]);
    g_free(def->caps);
    g_free(def);
}

const vrNodeDevCapDef *
vrNodeDeviceDefFindCap(const vrNodeDeviceDef *def, int type)
{
    size_t i;

    for (i = 0; i < def->ncaps; i++) {
        if (def->caps[i].type == type)
            return &def->caps[i];
    }
    return NULL;
}

/* ---- parsing helpers ----------------------------------------------- */

/* Text of child @name; an empty one counts as absent, as in libvirt. */
static char *
childString(xmlNodePtr parent, const char *name)
{
    char *value = vrXMLChildContent(parent, name);

    if (value && !*value)
        g_clear_pointer(&value, g_free);
    return value;
}

static int
parseULLong(const char *str, int base, unsigned long long *value)
{
    /* libvirt's number readers skip leading blanks and take a sign. */
    while (str && (*str == ' ' || *str == '\t' || *str == '\n'))
        str++;
    return vrStrToULLong(str, base, value);
}

/* A numeric child element: "no %s supplied for '%s'" when absent,
 * "invalid %s supplied for '%s'" when malformed or above @max. */
static int
parseNumber(xmlNodePtr parent, const char *name, int base, unsigned long long max,
            const char *what, const char *dev, unsigned long long *value)
{
    g_autofree char *str = childString(parent, name);

    if (!str) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no %s supplied for '%s'", what, dev);
        return -1;
    }
    if (parseULLong(str, base, value) < 0 || *value > max) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "invalid %s supplied for '%s'", what, dev);
        return -1;
    }
    return 0;
}

static int
parseUInt(xmlNodePtr parent, const char *name, int base, const char *what, const char *dev,
          unsigned int *value)
{
    unsigned long long v;

    if (parseNumber(parent, name, base, G_MAXUINT, what, dev, &v) < 0)
        return -1;
    *value = (unsigned int)v;
    return 0;
}

/* An id attribute read as hex, with the same texts as parseNumber. */
static int
parseHexId(xmlNodePtr node, const char *what, const char *dev, unsigned int *value)
{
    g_autofree char *str = vrXMLProp(node, "id");
    unsigned long long v;

    if (!node || !str || !*str) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no %s supplied for '%s'", what, dev);
        return -1;
    }
    if (parseULLong(str, 16, &v) < 0 || v > G_MAXUINT) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "invalid %s supplied for '%s'", what, dev);
        return -1;
    }
    *value = (unsigned int)v;
    return 0;
}

/* libvirt's attribute texts with the expected kind of number. */
static int
propUInt(xmlNodePtr node, const char *attr, int base, unsigned int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    unsigned long long v;

    if (!str)
        return 0;
    if (parseULLong(str, base, &v) < 0 || v > G_MAXUINT) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative integer value",
                      attr, vrConfNodeName(node), str);
        return -1;
    }
    *value = (unsigned int)v;
    return 1;
}

static int
propInt(xmlNodePtr node, const char *attr, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToInt(str, 10, value) < 0) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute '%s' in element '%s': '%s'. Expected integer value",
                      attr, vrConfNodeName(node), str);
        return -1;
    }
    return 1;
}

/* ---- capabilities -------------------------------------------------- */

static int
vrNodeDevParseSystem(xmlNodePtr node, const char *dev, vrNodeDevCapSystem *sys)
{
    xmlNodePtr hw = vrXMLChild(node, "hardware");
    xmlNodePtr fw = vrXMLChild(node, "firmware");
    g_autofree char *uuid = childString(hw, "uuid");

    sys->product = childString(node, "product");
    sys->hwVendor = childString(hw, "vendor");
    sys->hwVersion = childString(hw, "version");
    sys->hwSerial = childString(hw, "serial");
    sys->fwVendor = childString(fw, "vendor");
    sys->fwVersion = childString(fw, "version");
    sys->fwReleaseDate = childString(fw, "release_date");
    if (!uuid) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no system UUID supplied for '%s'", dev);
        return -1;
    }
    if (vrUUIDParse(uuid, sys->hwUUID) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "malformed uuid element for '%s'", dev);
        return -1;
    }
    return 0;
}

static int
vrNodeDevParsePCIAddress(xmlNodePtr node, vrNodeDevPCIAddress *addr)
{
    if (propUInt(node, "domain", 0, &addr->domain) < 0 ||
        propUInt(node, "bus", 0, &addr->bus) < 0 ||
        propUInt(node, "slot", 0, &addr->slot) < 0 ||
        propUInt(node, "function", 0, &addr->function) < 0)
        return -1;
    /* libvirt bounds the bus and the slot only. */
    if (addr->bus > 0xff) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address bus='0x%x', must be <= 0xFF",
                      addr->bus);
        return -1;
    }
    if (addr->slot > 0x1f) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address slot='0x%x', must be <= 0x1F",
                      addr->slot);
        return -1;
    }
    return 0;
}

static int
vrNodeDevParseAddresses(xmlNodePtr node, vrNodeDevPCIAddress **addrs, size_t *naddrs)
{
    vrXMLForEachNamed(node, "address", a) {
        vrNodeDevPCIAddress addr = { 0 };
        if (vrNodeDevParsePCIAddress(a, &addr) < 0)
            return -1;
        VR_CONF_APPEND(*addrs, *naddrs, addr);
    }
    return 0;
}

static int
vrNodeDevParseMdevTypes(xmlNodePtr node, vrNodeDevMdevType **types, size_t *ntypes)
{
    vrXMLForEachNamed(node, "type", t) {
        vrNodeDevMdevType type = { vrXMLProp(t, "id"), NULL, NULL, 0 };
        g_autofree char *avail = NULL;
        vrNodeDevMdevType *p;

        if (!type.id) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "missing 'id' attribute for mediated device's <type> element");
            return -1;
        }
        VR_CONF_APPEND(*types, *ntypes, type);
        p = &(*types)[*ntypes - 1];
        p->name = childString(t, "name");
        if (!(p->deviceAPI = childString(t, "deviceAPI"))) {
            vrReportError(VR_ERR_XML_ERROR, "missing device API for mediated device type '%s'",
                          p->id);
            return -1;
        }
        avail = childString(t, "availableInstances");
        if (!avail || vrStrToUInt(avail, 10, &p->availableInstances) < 0) {
            vrReportError(VR_ERR_XML_ERROR,
                          "missing number of available instances for mediated device type '%s'",
                          p->id);
            return -1;
        }
    }
    return 0;
}

static bool
vrNodeDevVPDIndexValid(const char *index, bool system)
{
    if (!index || strlen(index) != 1)
        return false;
    if (index[0] >= '0' && index[0] <= '9')
        return true;
    return index[0] >= (system ? 'B' : 'A') && index[0] <= 'Z';
}

/* A later field with the same index replaces the earlier value. */
static void
vrNodeDevVPDSetField(vrNodeDevVPDField **fields, size_t *n, char index, const char *value)
{
    vrNodeDevVPDField field = { index, g_strdup(value) };
    size_t i;

    for (i = 0; i < *n; i++) {
        if ((*fields)[i].index == index) {
            g_free((*fields)[i].value);
            (*fields)[i].value = field.value;
            return;
        }
    }
    VR_CONF_APPEND(*fields, *n, field);
}

static void
vrNodeDevParseVPDIndexed(xmlNodePtr node, const char *name, bool system,
                         vrNodeDevVPDField **fields, size_t *n, char **assetTag)
{
    vrXMLForEachNamed(node, name, f) {
        g_autofree char *index = vrXMLProp(f, "index");
        g_autofree char *value = vrXMLContent(f);

        /* libvirt stores the system field "A" as the asset tag keyword. */
        if (system && index && g_str_equal(index, "A")) {
            g_free(*assetTag);
            *assetTag = g_steal_pointer(&value);
            continue;
        }
        if (!vrNodeDevVPDIndexValid(index, system))
            continue;
        vrNodeDevVPDSetField(fields, n, index[0], value);
    }
}

static int
vrNodeDevParseVPD(xmlNodePtr node, vrNodeDevVPD *vpd)
{
    if (!(vpd->name = childString(node, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Could not read a device name from the <name> element");
        return -1;
    }
    vrXMLForEachNamed(node, "fields", f) {
        g_autofree char *access = vrXMLProp(f, "access");

        if (access && g_str_equal(access, "readonly")) {
            vpd->hasReadOnly = true;
            g_free(vpd->changeLevel);
            vpd->changeLevel = childString(f, "change_level");
            g_free(vpd->manufactureId);
            vpd->manufactureId = childString(f, "manufacture_id");
            g_free(vpd->partNumber);
            vpd->partNumber = childString(f, "part_number");
            g_free(vpd->serialNumber);
            vpd->serialNumber = childString(f, "serial_number");
            vrNodeDevParseVPDIndexed(f, "vendor_field", false, &vpd->roVendor,
                                     &vpd->nroVendor, NULL);
        } else if (access && g_str_equal(access, "readwrite")) {
            g_autofree char *tag = childString(f, "asset_tag");
            vpd->hasReadWrite = true;
            if (tag) {
                g_free(vpd->assetTag);
                vpd->assetTag = g_steal_pointer(&tag);
            }
            vrNodeDevParseVPDIndexed(f, "vendor_field", false, &vpd->rwVendor,
                                     &vpd->nrwVendor, NULL);
            vrNodeDevParseVPDIndexed(f, "system_field", true, &vpd->rwSystem,
                                     &vpd->nrwSystem, &vpd->assetTag);
        } else {
            vrReportError(VR_ERR_XML_ERROR, "Unsupported VPD field access type specified %s",
                          access ? access : "(null)");
            return -1;
        }
    }
    return 0;
}

static int
vrNodeDevParsePCILink(xmlNodePtr node, vrNodeDevCapPCI *pci)
{
    g_autofree char *validity = vrXMLProp(node, "validity");
    g_autofree char *speed = NULL;
    vrNodeDevPCIeLink *link;
    int rc;

    if (validity && g_str_equal(validity, "cap"))
        link = &pci->linkCap;
    else if (validity && g_str_equal(validity, "sta"))
        link = &pci->linkSta;
    else
        return 0;
    if (link->present)
        return 0;
    link->present = true;
    link->port = -1;
    if ((rc = propInt(node, "port", &link->port)) < 0)
        return -1;
    if ((speed = vrXMLProp(node, "speed")) && *speed) {
        if (!g_strv_contains(pcieSpeeds, speed)) {
            vrConfReportBadAttr(node, "speed", speed);
            return -1;
        }
        link->speed = g_steal_pointer(&speed);
    }
    if ((rc = propUInt(node, "width", 10, &link->width)) < 0)
        return -1;
    if (rc == 0) {
        vrConfReportMissingAttr(node, "width");
        return -1;
    }
    return 0;
}

static int
vrNodeDevParsePCISubCaps(xmlNodePtr node, vrNodeDevCapPCI *pci)
{
    vrXMLForEachNamed(node, "capability", c) {
        g_autofree char *type = vrXMLProp(c, "type");

        if (!type)
            continue;
        if (g_str_equal(type, "phys_function")) {
            xmlNodePtr addr = vrXMLChild(c, "address");
            if (!addr) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "Missing address in 'phys_function' capability");
                return -1;
            }
            pci->hasPhysFunction = true;
            if (vrNodeDevParsePCIAddress(addr, &pci->physFunction) < 0)
                return -1;
        } else if (g_str_equal(type, "virt_functions")) {
            g_autofree char *max = vrXMLProp(c, "maxCount");
            if (max && vrStrToUInt(max, 10, &pci->maxVirtFunctions) < 0) {
                vrReportError(VR_ERR_XML_ERROR, "%s", "Malformed 'maxCount' parameter");
                return -1;
            }
            pci->hasVirtFunctions = true;
            if (vrNodeDevParseAddresses(c, &pci->virtFunctions, &pci->nvirtFunctions) < 0)
                return -1;
        } else if (g_str_equal(type, "pci-bridge") || g_str_equal(type, "cardbus-bridge")) {
            if (pci->bridge == VR_NODE_DEV_PCI_BRIDGE_NONE)
                pci->bridge = g_str_equal(type, "pci-bridge") ? VR_NODE_DEV_PCI_BRIDGE_PCI
                                                               : VR_NODE_DEV_PCI_BRIDGE_CARDBUS;
        } else if (g_str_equal(type, "mdev_types")) {
            if (vrNodeDevParseMdevTypes(c, &pci->mdevTypes, &pci->nmdevTypes) < 0)
                return -1;
        } else if (g_str_equal(type, "vpd")) {
            vrNodeDevVPDFree(pci->vpd);
            pci->vpd = g_new0(vrNodeDevVPD, 1);
            if (vrNodeDevParseVPD(c, pci->vpd) < 0)
                return -1;
        }
    }
    return 0;
}

static int
vrNodeDevParsePCIExtras(xmlNodePtr node, const char *dev, vrNodeDevCapPCI *pci)
{
    xmlNodePtr child;
    int rc;

    if ((child = vrXMLChild(node, "iommuGroup"))) {
        if ((rc = propUInt(child, "number", 10, &pci->iommuGroup)) < 0)
            return -1;
        if (rc == 0) {
            vrConfReportMissingAttr(child, "number");
            return -1;
        }
        pci->hasIOMMUGroup = true;
        if (vrNodeDevParseAddresses(child, &pci->iommuAddrs, &pci->niommuAddrs) < 0)
            return -1;
    }
    pci->numaNode = -1;
    if ((child = vrXMLChild(node, "numa"))) {
        g_autofree char *str = vrXMLProp(child, "node");
        if (str && vrStrToInt(str, 10, &pci->numaNode) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "invalid NUMA node ID supplied for '%s'", dev);
            return -1;
        }
    }
    if ((child = vrXMLChild(node, "pci-express"))) {
        pci->hasPCIExpress = true;
        vrXMLForEachNamed(child, "link", l) {
            if (vrNodeDevParsePCILink(l, pci) < 0)
                return -1;
        }
    }
    return 0;
}

static int
vrNodeDevParsePCI(xmlNodePtr node, const char *dev, vrNodeDevCapPCI *pci)
{
    g_autofree char *klass = childString(node, "class");
    xmlNodePtr product = vrXMLChild(node, "product");
    xmlNodePtr vendor = vrXMLChild(node, "vendor");
    unsigned long long v;

    if (klass) {
        if (parseULLong(klass, 16, &v) < 0 || v > 0xffffff) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "invalid PCI class supplied for '%s'", dev);
            return -1;
        }
        pci->hasClass = true;
        pci->klass = (unsigned int)v;
    }
    if (parseUInt(node, "domain", 10, "PCI domain ID", dev, &pci->domain) < 0 ||
        parseUInt(node, "bus", 10, "PCI bus ID", dev, &pci->bus) < 0 ||
        parseUInt(node, "slot", 10, "PCI slot ID", dev, &pci->slot) < 0 ||
        parseUInt(node, "function", 10, "PCI function ID", dev, &pci->function) < 0 ||
        parseHexId(vendor, "PCI vendor ID", dev, &pci->vendor) < 0 ||
        parseHexId(product, "PCI product ID", dev, &pci->product) < 0)
        return -1;
    pci->productName = childString(node, "product");
    pci->vendorName = childString(node, "vendor");
    if (vrNodeDevParsePCISubCaps(node, pci) < 0)
        return -1;
    return vrNodeDevParsePCIExtras(node, dev, pci);
}

static int
vrNodeDevParseUSBDev(xmlNodePtr node, const char *dev, vrNodeDevCapUSBDev *usb)
{
    if (parseUInt(node, "bus", 10, "USB bus number", dev, &usb->bus) < 0 ||
        parseUInt(node, "device", 10, "USB device number", dev, &usb->device) < 0 ||
        parseHexId(vrXMLChild(node, "vendor"), "USB vendor ID", dev, &usb->vendor) < 0 ||
        parseHexId(vrXMLChild(node, "product"), "USB product ID", dev, &usb->product) < 0)
        return -1;
    usb->productName = childString(node, "product");
    usb->vendorName = childString(node, "vendor");
    return 0;
}

static int
vrNodeDevParseUSBIf(xmlNodePtr node, const char *dev, vrNodeDevCapUSBIf *usb)
{
    if (parseUInt(node, "number", 10, "USB interface number", dev, &usb->number) < 0 ||
        parseUInt(node, "class", 10, "USB interface class", dev, &usb->klass) < 0 ||
        parseUInt(node, "subclass", 10, "USB interface subclass", dev, &usb->subclass) < 0 ||
        parseUInt(node, "protocol", 10, "USB interface protocol", dev, &usb->protocol) < 0)
        return -1;
    usb->description = childString(node, "description");
    return 0;
}

static int
vrNodeDevParseNetLink(xmlNodePtr node, vrNodeDevCapNet *net)
{
    g_autofree char *state = NULL;

    if (!node)
        return 0;
    if (propUInt(node, "speed", 10, &net->speed) < 0)
        return -1;
    if ((state = vrXMLProp(node, "state"))) {
        int s = vrNodeDevLinkStateTypeFromString(state);
        if (s <= VR_NODE_DEV_LINK_NONE) {
            vrConfReportBadAttr(node, "state", state);
            return -1;
        }
        net->state = s;
    }
    return 0;
}

static int
vrNodeDevParseNet(xmlNodePtr node, const char *dev, vrNodeDevCapNet *net)
{
    if (!(net->ifname = childString(node, "interface"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no network interface supplied for '%s'", dev);
        return -1;
    }
    net->address = childString(node, "address");
    vrXMLForEachNamed(node, "feature", f) {
        g_autofree char *name = vrXMLProp(f, "name");
        int feature;

        if (!name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing network device feature name");
            return -1;
        }
        if ((feature = vrNodeDevNetFeatureTypeFromString(name)) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "unknown network device feature '%s'", name);
            return -1;
        }
        net->features |= 1u << feature;
    }
    if (vrXMLChild(node, "capability")) {
        g_autofree char *type = vrXMLProp(vrXMLChild(node, "capability"), "type");
        if (!type || (!g_str_equal(type, "80203") && !g_str_equal(type, "80211"))) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "invalid network type supplied for '%s'",
                          dev);
            return -1;
        }
        net->subtype = g_str_equal(type, "80203") ? 80203 : 80211;
    }
    /* The link comes last in libvirt's order of checks. */
    return vrNodeDevParseNetLink(vrXMLChild(node, "link"), net);
}

static int
vrNodeDevParseFCHost(xmlNodePtr node, const char *dev, vrNodeDevCapSCSIHost *host)
{
    host->hasFCHost = true;
    g_free(host->wwnn);
    g_free(host->wwpn);
    g_free(host->fabricWWN);
    host->wwnn = childString(node, "wwnn");
    host->wwpn = childString(node, "wwpn");
    host->fabricWWN = childString(node, "fabric_wwn");
    if (!host->wwnn || !host->wwpn) {
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "no %s supplied for '%s', and auto-generation failed",
                      host->wwnn ? "WWPN" : "WWNN", dev);
        return -1;
    }
    return 0;
}

static int
vrNodeDevParseVports(xmlNodePtr node, const char *dev, vrNodeDevCapSCSIHost *host)
{
    host->hasVports = true;
    if (vrConfChildUInt(node, "max_vports", 10, &host->maxVports) < 0 ||
        vrConfChildUInt(node, "vports", 10, &host->vports) < 0)
        return -1;
    return 0;
}

static int
vrNodeDevParseSCSIHost(xmlNodePtr node, const char *dev, unsigned int flags,
                       vrNodeDevCapSCSIHost *host)
{
    g_autofree char *uid = childString(node, "unique_id");
    g_autofree char *hostnum = childString(node, "host");
    unsigned long long v;

    host->uniqueId = -1;
    if (hostnum || !(flags & VR_NODE_DEVICE_PARSE_CREATE)) {
        if (parseNumber(node, "host", 10, G_MAXUINT, "SCSI host ID", dev, &v) < 0)
            return -1;
        host->hasHost = true;
        host->host = (unsigned int)v;
    }
    if (uid && vrStrToInt(uid, 10, &host->uniqueId) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "invalid unique_id supplied for '%s'", dev);
        return -1;
    }
    vrXMLForEachNamed(node, "capability", c) {
        g_autofree char *type = vrXMLProp(c, "type");

        if (!type) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "missing SCSI host capability type for '%s'",
                          dev);
            return -1;
        }
        if (g_str_equal(type, "fc_host")) {
            if (vrNodeDevParseFCHost(c, dev, host) < 0)
                return -1;
        } else if (g_str_equal(type, "vport_ops")) {
            if (vrNodeDevParseVports(c, dev, host) < 0)
                return -1;
        } else {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "unknown SCSI host capability type '%s' for '%s'", type, dev);
            return -1;
        }
    }
    return 0;
}

static int
vrNodeDevParseSCSITarget(xmlNodePtr node, const char *dev, vrNodeDevCapSCSITarget *tgt)
{
    if (!(tgt->name = childString(node, "target"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no target name supplied for '%s'", dev);
        return -1;
    }
    vrXMLForEachNamed(node, "capability", c) {
        g_autofree char *type = vrXMLProp(c, "type");

        if (!type || !g_str_equal(type, "fc_remote_port")) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "unknown SCSI target capability type '%s' for '%s'",
                          type ? type : "(null)", dev);
            return -1;
        }
        tgt->hasRport = true;
        g_free(tgt->rport);
        g_free(tgt->wwpn);
        tgt->rport = childString(c, "rport");
        tgt->wwpn = childString(c, "wwpn");
        if (!tgt->rport) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "missing rport name for '%s'", dev);
            return -1;
        }
        if (!tgt->wwpn) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "missing wwpn identifier for '%s'", dev);
            return -1;
        }
    }
    return 0;
}

static int
vrNodeDevParseSCSI(xmlNodePtr node, const char *dev, vrNodeDevCapSCSI *scsi)
{
    if (parseUInt(node, "host", 10, "SCSI host ID", dev, &scsi->host) < 0 ||
        parseUInt(node, "bus", 10, "SCSI bus ID", dev, &scsi->bus) < 0 ||
        parseUInt(node, "target", 10, "SCSI target ID", dev, &scsi->target) < 0 ||
        parseUInt(node, "lun", 10, "SCSI LUN ID", dev, &scsi->lun) < 0)
        return -1;
    scsi->type = childString(node, "type");
    return 0;
}

static int
vrNodeDevParseBlockData(xmlNodePtr node, vrNodeDevCapStorage *st)
{
    if (vrConfChildULLong(node, "logical_block_size", 10, &st->logicalBlockSize) < 0 ||
        vrConfChildULLong(node, "num_blocks", 10, &st->numBlocks) < 0)
        return -1;
    return 0;
}

static int
vrNodeDevParseRemovable(xmlNodePtr node, const char *dev, vrNodeDevCapStorage *st)
{
    g_autofree char *avail = childString(node, "media_available");

    st->removable = true;
    st->mediaAvailable = avail && g_str_equal(avail, "1");
    if (parseNumber(node, "media_size", 10, G_MAXUINT64, "removable media size", dev,
                    &st->mediaSize) < 0)
        return -1;
    g_free(st->mediaLabel);
    st->mediaLabel = childString(node, "media_label");
    return vrNodeDevParseBlockData(node, st);
}

static int
vrNodeDevParseStorage(xmlNodePtr node, const char *dev, vrNodeDevCapStorage *st)
{
    if (!(st->block = childString(node, "block"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no block device path supplied for '%s'", dev);
        return -1;
    }
    st->bus = childString(node, "bus");
    st->driveType = childString(node, "drive_type");
    st->model = childString(node, "model");
    st->vendor = childString(node, "vendor");
    st->serial = childString(node, "serial");
    vrXMLForEachNamed(node, "capability", c) {
        g_autofree char *type = vrXMLProp(c, "type");

        if (type && g_str_equal(type, "hotpluggable")) {
            st->hotpluggable = true;
        } else if (type && g_str_equal(type, "removable")) {
            if (vrNodeDevParseRemovable(c, dev, st) < 0)
                return -1;
        } else {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "unknown storage capability type '%s' for '%s'",
                          type ? type : "(null)", dev);
            return -1;
        }
    }
    if (st->removable)
        return 0;
    if (parseNumber(node, "size", 10, G_MAXUINT64, "size", dev, &st->size) < 0)
        return -1;
    return vrNodeDevParseBlockData(node, st);
}

static int
vrNodeDevParseMdev(xmlNodePtr node, const char *dev, vrNodeDevCapMdev *mdev)
{
    g_autofree char *uuid = childString(node, "uuid");
    xmlNodePtr group = vrXMLChild(node, "iommuGroup");

    if (!(mdev->type = vrXMLProp(vrXMLChild(node, "type"), "id"))) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "missing type id attribute for '%s'", dev);
        return -1;
    }
    if (uuid) {
        if (vrUUIDParse(uuid, mdev->uuid) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "Invalid uuid '%s' for new mdev device", uuid);
            return -1;
        }
        mdev->hasUUID = true;
    }
    if (group) {
        g_autofree char *num = vrXMLProp(group, "number");
        if (num && vrStrToUInt(num, 10, &mdev->iommuGroup) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "invalid iommuGroup number attribute for '%s'", dev);
            return -1;
        }
    }
    vrXMLForEachNamed(node, "attr", a) {
        vrNodeDevMdevAttr attr = { vrXMLProp(a, "name"), vrXMLProp(a, "value") };
        if (!attr.name || !attr.value) {
            g_free(attr.name);
            g_free(attr.value);
            continue;
        }
        VR_CONF_APPEND(mdev->attrs, mdev->nattrs, attr);
    }
    mdev->parentAddr = childString(node, "parent_addr");
    return 0;
}

/* CCW numbers: "missing %s value" / "invalid %s value '%s'". */
static int
vrNodeDevParseCCWNumber(xmlNodePtr node, const char *name, int base, unsigned long long max,
                        const char *dev, unsigned int *value)
{
    g_autofree char *str = childString(node, name);
    unsigned long long v;

    if (!str) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "missing %s value for '%s'", name, dev);
        return -1;
    }
    if (parseULLong(str, base, &v) < 0 || v > G_MAXUINT) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "invalid %s value '%s' for '%s'",
                      name, str, dev);
        return -1;
    }
    if (v > max) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s value '%s' is out of range for '%s'",
                      name, str, dev);
        return -1;
    }
    *value = (unsigned int)v;
    return 0;
}

static int
vrNodeDevParseCCWAddress(xmlNodePtr node, const char *dev, unsigned int *cssid,
                         unsigned int *ssid, unsigned int *devno)
{
    if (vrNodeDevParseCCWNumber(node, "cssid", 0, G_MAXUINT, dev, cssid) < 0 ||
        vrNodeDevParseCCWNumber(node, "ssid", 0, G_MAXUINT, dev, ssid) < 0 ||
        vrNodeDevParseCCWNumber(node, "devno", 16, G_MAXUINT, dev, devno) < 0)
        return -1;
    return 0;
}

static int
vrNodeDevParseCCW(xmlNodePtr node, const char *dev, bool css, vrNodeDevCapCCW *ccw)
{
    xmlNodePtr channel;

    if (vrNodeDevParseCCWAddress(node, dev, &ccw->cssid, &ccw->ssid, &ccw->devno) < 0)
        return -1;
    if (!css)
        return 0;
    if ((channel = vrXMLChild(node, "channel_dev_addr"))) {
        ccw->hasChannel = true;
        if (vrNodeDevParseCCWAddress(channel, dev, &ccw->chCssid, &ccw->chSsid,
                                     &ccw->chDevno) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "capability", c) {
        g_autofree char *type = vrXMLProp(c, "type");
        if (type && g_str_equal(type, "mdev_types") &&
            vrNodeDevParseMdevTypes(c, &ccw->mdevTypes, &ccw->nmdevTypes) < 0)
            return -1;
    }
    return 0;
}

static int
vrNodeDevParseAP(xmlNodePtr node, const char *dev, bool queue, vrNodeDevCapAP *ap)
{
    if (vrNodeDevParseCCWNumber(node, "ap-adapter", 0, G_MAXUINT, dev, &ap->adapter) < 0)
        return -1;
    if (queue && vrNodeDevParseCCWNumber(node, "ap-domain", 0, 0xff, dev, &ap->domain) < 0)
        return -1;
    return 0;
}

static int
vrNodeDevParsePath(xmlNodePtr node, const char *name, const char *dev, char **path)
{
    if (!(*path = childString(node, name))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no %s path supplied for '%s'", name, dev);
        return -1;
    }
    return 0;
}

static int
vrNodeDevParseDRM(xmlNodePtr node, const char *dev, int *drm)
{
    g_autofree char *type = childString(node, "type");

    if ((*drm = type ? vrNodeDevDRMTypeFromString(type) : -1) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown drm type '%s' for '%s'",
                      type ? type : "(null)", dev);
        return -1;
    }
    return 0;
}

static int
vrNodeDevParseCap(xmlNodePtr node, const char *dev, unsigned int flags, vrNodeDevCapDef *cap)
{
    switch (cap->type) {
    case VR_NODE_DEV_CAP_SYSTEM:
        return vrNodeDevParseSystem(node, dev, &cap->u.system);
    case VR_NODE_DEV_CAP_PCI_DEV:
        return vrNodeDevParsePCI(node, dev, &cap->u.pci);
    case VR_NODE_DEV_CAP_USB_DEV:
        return vrNodeDevParseUSBDev(node, dev, &cap->u.usbDev);
    case VR_NODE_DEV_CAP_USB_INTERFACE:
        return vrNodeDevParseUSBIf(node, dev, &cap->u.usbIf);
    case VR_NODE_DEV_CAP_NET:
        return vrNodeDevParseNet(node, dev, &cap->u.net);
    case VR_NODE_DEV_CAP_SCSI_HOST:
        return vrNodeDevParseSCSIHost(node, dev, flags, &cap->u.scsiHost);
    case VR_NODE_DEV_CAP_SCSI_TARGET:
        return vrNodeDevParseSCSITarget(node, dev, &cap->u.scsiTarget);
    case VR_NODE_DEV_CAP_SCSI:
        return vrNodeDevParseSCSI(node, dev, &cap->u.scsi);
    case VR_NODE_DEV_CAP_STORAGE:
        return vrNodeDevParseStorage(node, dev, &cap->u.storage);
    case VR_NODE_DEV_CAP_SCSI_GENERIC:
        return vrNodeDevParsePath(node, "char", dev, &cap->u.path);
    case VR_NODE_DEV_CAP_VDPA:
        return vrNodeDevParsePath(node, "chardev", dev, &cap->u.path);
    case VR_NODE_DEV_CAP_DRM:
        return vrNodeDevParseDRM(node, dev, &cap->u.drm);
    case VR_NODE_DEV_CAP_MDEV:
        return vrNodeDevParseMdev(node, dev, &cap->u.mdev);
    case VR_NODE_DEV_CAP_CCW_DEV:
    case VR_NODE_DEV_CAP_CSS_DEV:
        return vrNodeDevParseCCW(node, dev, cap->type == VR_NODE_DEV_CAP_CSS_DEV, &cap->u.ccw);
    case VR_NODE_DEV_CAP_AP_CARD:
    case VR_NODE_DEV_CAP_AP_QUEUE:
        return vrNodeDevParseAP(node, dev, cap->type == VR_NODE_DEV_CAP_AP_QUEUE, &cap->u.ap);
    case VR_NODE_DEV_CAP_AP_MATRIX:
        vrXMLForEachNamed(node, "capability", c) {
            g_autofree char *type = vrXMLProp(c, "type");
            if (type && g_str_equal(type, "mdev_types") &&
                vrNodeDevParseMdevTypes(c, &cap->u.apMatrix.types, &cap->u.apMatrix.ntypes) < 0)
                return -1;
        }
        return 0;
    default:
        /* Sub-capabilities (fc_host, vports, mdev_types, vpd) only live
         * inside another capability. */
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown capability type '%d' for '%s'",
                      cap->type, dev);
        return -1;
    }
}

/* ---- device -------------------------------------------------------- */

static int
vrNodeDevParseDevnodes(xmlNodePtr root, vrNodeDeviceDef *def)
{
    vrXMLForEachNamed(root, "devnode", d) {
        g_autofree char *type = vrXMLProp(d, "type");
        g_autofree char *path = vrXMLContent(d);

        if (!type) {
            vrConfReportMissingAttr(d, "type");
            return -1;
        }
        if (g_str_equal(type, "dev")) {
            g_free(def->devnode);
            def->devnode = g_steal_pointer(&path);
        } else if (g_str_equal(type, "link")) {
            vrConfStrAppend(&def->devlinks, path);
        } else {
            vrConfReportBadAttr(d, "type", type);
            return -1;
        }
    }
    return 0;
}

static void
vrNodeDevParseParent(xmlNodePtr root, vrNodeDeviceDef *def)
{
    xmlNodePtr parent = vrXMLChild(root, "parent");

    if (!parent)
        return;
    def->parent = childString(root, "parent");
    def->parentWWNN = vrXMLProp(parent, "wwnn");
    def->parentWWPN = vrXMLProp(parent, "wwpn");
    def->parentFabricWWN = vrXMLProp(parent, "fabric_wwn");
}

static int
vrNodeDevParseCaps(xmlNodePtr root, unsigned int flags, vrNodeDeviceDef *def)
{
    vrXMLForEachNamed(root, "capability", c) {
        g_autofree char *type = vrXMLProp(c, "type");
        vrNodeDevCapDef cap = { 0 };

        if (!type) {
            vrConfReportMissingAttr(c, "type");
            return -1;
        }
        if ((cap.type = vrNodeDevCapTypeFromString(type)) < 0) {
            vrConfReportBadAttr(c, "type", type);
            return -1;
        }
        VR_CONF_APPEND(def->caps, def->ncaps, cap);
        if (vrNodeDevParseCap(c, def->name, flags, &def->caps[def->ncaps - 1]) < 0)
            return -1;
    }
    if (!def->ncaps) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no device capabilities for '%s'", def->name);
        return -1;
    }
    return 0;
}

vrNodeDeviceDef *
vrNodeDeviceDefParseStringFlags(const char *xml, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(node_device_definition)", "device",
                                             VR_FROM_NODEDEV);
    g_autoptr(vrNodeDeviceDef) def = NULL;
    xmlNodePtr root;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrNodeDeviceDef, 1);
    if (!(def->name = childString(root, "name"))) {
        vrErrorReportPlain(VR_FROM_NODEDEV, VR_ERR_NO_NAME);
        return NULL;
    }
    def->sysfsPath = childString(root, "path");
    if (vrNodeDevParseDevnodes(root, def) < 0)
        return NULL;
    vrNodeDevParseParent(root, def);
    def->driver = childString(vrXMLChild(root, "driver"), "name");
    if (vrNodeDevParseCaps(root, flags, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

vrNodeDeviceDef *
vrNodeDeviceDefParseString(const char *xml)
{
    return vrNodeDeviceDefParseStringFlags(xml, 0);
}

vrNodeDeviceDef *
vrNodeDeviceDefCopy(const vrNodeDeviceDef *def)
{
    g_autofree char *xml = vrNodeDeviceDefFormat(def);
    vrNodeDeviceDef *copy = vrNodeDeviceDefParseStringFlags(xml, VR_NODE_DEVICE_PARSE_CREATE);

    if (copy) {
        copy->parentWWNN = g_strdup(def->parentWWNN);
        copy->parentWWPN = g_strdup(def->parentWWPN);
        copy->parentFabricWWN = g_strdup(def->parentFabricWWN);
    }
    return copy;
}

/* ---- formatting ---------------------------------------------------- */

static void
element(vrBuf *buf, const char *name, const char *value)
{
    g_autofree char *fmt = NULL;

    if (!value)
        return;
    fmt = g_strdup_printf("<%s>%%s</%s>\n", name, name);
    vrConfTextPrintf(buf, fmt, value);
}

static void
vrNodeDevFormatSystem(vrBuf *buf, const vrNodeDevCapSystem *sys)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    element(buf, "product", sys->product);
    vrBufAddLit(buf, "<hardware>\n");
    vrBufAdjustIndent(buf, 2);
    element(buf, "vendor", sys->hwVendor);
    element(buf, "version", sys->hwVersion);
    element(buf, "serial", sys->hwSerial);
    vrBufAsprintf(buf, "<uuid>%s</uuid>\n", vrUUIDFormat(sys->hwUUID, uuid));
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</hardware>\n");
    vrBufAddLit(buf, "<firmware>\n");
    vrBufAdjustIndent(buf, 2);
    element(buf, "vendor", sys->fwVendor);
    element(buf, "version", sys->fwVersion);
    element(buf, "release_date", sys->fwReleaseDate);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</firmware>\n");
}

static void
vrNodeDevFormatAddress(vrBuf *buf, const vrNodeDevPCIAddress *a)
{
    vrBufAsprintf(buf, "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                  a->domain, a->bus, a->slot, a->function);
}

static void
vrNodeDevFormatMdevTypes(vrBuf *buf, const vrNodeDevMdevType *types, size_t n)
{
    size_t i;

    if (!n)
        return;
    vrBufAddLit(buf, "<capability type='mdev_types'>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < n; i++) {
        vrConfAttrPrintf(buf, "<type id='%s'>\n", types[i].id);
        vrBufAdjustIndent(buf, 2);
        element(buf, "name", types[i].name);
        element(buf, "deviceAPI", types[i].deviceAPI);
        vrBufAsprintf(buf, "<availableInstances>%u</availableInstances>\n",
                      types[i].availableInstances);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</type>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</capability>\n");
}

static void
vrNodeDevFormatVPDFields(vrBuf *buf, const char *name, const vrNodeDevVPDField *fields,
                         size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        g_autofree char *fmt = g_strdup_printf("<%s index='%c'>%%s</%s>\n",
                                               name, fields[i].index, name);
        vrConfTextPrintf(buf, fmt, fields[i].value);
    }
}

static void
vrNodeDevFormatVPD(vrBuf *buf, const vrNodeDevVPD *vpd)
{
    vrBufAddLit(buf, "<capability type='vpd'>\n");
    vrBufAdjustIndent(buf, 2);
    element(buf, "name", vpd->name);
    if (vpd->hasReadOnly) {
        vrBufAddLit(buf, "<fields access='readonly'>\n");
        vrBufAdjustIndent(buf, 2);
        element(buf, "change_level", vpd->changeLevel);
        element(buf, "manufacture_id", vpd->manufactureId);
        element(buf, "part_number", vpd->partNumber);
        element(buf, "serial_number", vpd->serialNumber);
        vrNodeDevFormatVPDFields(buf, "vendor_field", vpd->roVendor, vpd->nroVendor);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</fields>\n");
    }
    if (vpd->hasReadWrite) {
        vrBufAddLit(buf, "<fields access='readwrite'>\n");
        vrBufAdjustIndent(buf, 2);
        element(buf, "asset_tag", vpd->assetTag);
        vrNodeDevFormatVPDFields(buf, "vendor_field", vpd->rwVendor, vpd->nrwVendor);
        vrNodeDevFormatVPDFields(buf, "system_field", vpd->rwSystem, vpd->nrwSystem);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</fields>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</capability>\n");
}

static void
vrNodeDevFormatPCILink(vrBuf *buf, const char *validity, const vrNodeDevPCIeLink *link)
{
    if (!link->present)
        return;
    vrBufAsprintf(buf, "<link validity='%s'", validity);
    if (link->port >= 0)
        vrBufAsprintf(buf, " port='%d'", link->port);
    vrConfAttr(buf, "speed", link->speed);
    vrBufAsprintf(buf, " width='%u'/>\n", link->width);
}

static void
vrNodeDevFormatPCIExtras(vrBuf *buf, const vrNodeDevCapPCI *pci)
{
    size_t i;

    if (pci->hasIOMMUGroup) {
        vrBufAsprintf(buf, "<iommuGroup number='%u'>\n", pci->iommuGroup);
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < pci->niommuAddrs; i++)
            vrNodeDevFormatAddress(buf, &pci->iommuAddrs[i]);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</iommuGroup>\n");
    }
    if (pci->numaNode >= 0)
        vrBufAsprintf(buf, "<numa node='%d'/>\n", pci->numaNode);
    if (!pci->hasPCIExpress)
        return;
    if (!pci->linkCap.present && !pci->linkSta.present) {
        vrBufAddLit(buf, "<pci-express/>\n");
        return;
    }
    vrBufAddLit(buf, "<pci-express>\n");
    vrBufAdjustIndent(buf, 2);
    vrNodeDevFormatPCILink(buf, "cap", &pci->linkCap);
    vrNodeDevFormatPCILink(buf, "sta", &pci->linkSta);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</pci-express>\n");
}

/* <product id='0x1234'>name</product>; @space reproduces the USB form
 * of an unnamed id. */
static void
vrNodeDevFormatId(vrBuf *buf, const char *name, unsigned int id, const char *text, bool space)
{
    g_autofree char *fmt = NULL;

    if (!text) {
        vrBufAsprintf(buf, "<%s id='0x%04x'%s/>\n", name, id, space ? " " : "");
        return;
    }
    fmt = g_strdup_printf("<%s id='0x%04x'>%%s</%s>\n", name, id, name);
    vrConfTextPrintf(buf, fmt, text);
}

static void
vrNodeDevFormatPCI(vrBuf *buf, const vrNodeDevCapPCI *pci)
{
    size_t i;

    if (pci->hasClass)
        vrBufAsprintf(buf, "<class>0x%06x</class>\n", pci->klass);
    vrBufAsprintf(buf, "<domain>%u</domain>\n", pci->domain);
    vrBufAsprintf(buf, "<bus>%u</bus>\n", pci->bus);
    vrBufAsprintf(buf, "<slot>%u</slot>\n", pci->slot);
    vrBufAsprintf(buf, "<function>%u</function>\n", pci->function);
    vrNodeDevFormatId(buf, "product", pci->product, pci->productName, false);
    vrNodeDevFormatId(buf, "vendor", pci->vendor, pci->vendorName, false);
    if (pci->hasPhysFunction) {
        vrBufAddLit(buf, "<capability type='phys_function'>\n");
        vrBufAdjustIndent(buf, 2);
        vrNodeDevFormatAddress(buf, &pci->physFunction);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</capability>\n");
    }
    if (pci->hasVirtFunctions) {
        vrBufAddLit(buf, "<capability type='virt_functions'");
        if (pci->maxVirtFunctions)
            vrBufAsprintf(buf, " maxCount='%u'", pci->maxVirtFunctions);
        if (!pci->nvirtFunctions) {
            vrBufAddLit(buf, "/>\n");
        } else {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            for (i = 0; i < pci->nvirtFunctions; i++)
                vrNodeDevFormatAddress(buf, &pci->virtFunctions[i]);
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</capability>\n");
        }
    }
    if (pci->bridge == VR_NODE_DEV_PCI_BRIDGE_PCI)
        vrBufAddLit(buf, "<capability type='pci-bridge'/>\n");
    else if (pci->bridge == VR_NODE_DEV_PCI_BRIDGE_CARDBUS)
        vrBufAddLit(buf, "<capability type='cardbus-bridge'/>\n");
    vrNodeDevFormatMdevTypes(buf, pci->mdevTypes, pci->nmdevTypes);
    if (pci->vpd)
        vrNodeDevFormatVPD(buf, pci->vpd);
    vrNodeDevFormatPCIExtras(buf, pci);
}

static void
vrNodeDevFormatNet(vrBuf *buf, const vrNodeDevCapNet *net)
{
    int i;

    element(buf, "interface", net->ifname);
    element(buf, "address", net->address);
    if (net->speed || net->state) {
        vrBufAddLit(buf, "<link");
        if (net->speed)
            vrBufAsprintf(buf, " speed='%u'", net->speed);
        if (net->state)
            vrBufAsprintf(buf, " state='%s'", vrNodeDevLinkStateTypeToString(net->state));
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < VR_NODE_DEV_NET_LAST; i++) {
        if (net->features & (1u << i))
            vrBufAsprintf(buf, "<feature name='%s'/>\n", vrNodeDevNetFeatureTypeToString(i));
    }
    if (net->subtype)
        vrBufAsprintf(buf, "<capability type='%d'/>\n", net->subtype);
}

static void
vrNodeDevFormatSCSIHost(vrBuf *buf, const vrNodeDevCapSCSIHost *host)
{
    if (host->hasHost)
        vrBufAsprintf(buf, "<host>%u</host>\n", host->host);
    if (host->uniqueId != -1)
        vrBufAsprintf(buf, "<unique_id>%d</unique_id>\n", host->uniqueId);
    if (host->hasFCHost) {
        vrBufAddLit(buf, "<capability type='fc_host'>\n");
        vrBufAdjustIndent(buf, 2);
        element(buf, "wwnn", host->wwnn);
        element(buf, "wwpn", host->wwpn);
        element(buf, "fabric_wwn", host->fabricWWN);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</capability>\n");
    }
    if (host->hasVports) {
        vrBufAddLit(buf, "<capability type='vport_ops'>\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<max_vports>%u</max_vports>\n", host->maxVports);
        vrBufAsprintf(buf, "<vports>%u</vports>\n", host->vports);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</capability>\n");
    }
}

static void
vrNodeDevFormatBlockData(vrBuf *buf, const vrNodeDevCapStorage *st)
{
    if (st->logicalBlockSize)
        vrBufAsprintf(buf, "<logical_block_size>%llu</logical_block_size>\n",
                      st->logicalBlockSize);
    if (st->numBlocks)
        vrBufAsprintf(buf, "<num_blocks>%llu</num_blocks>\n", st->numBlocks);
}

static void
vrNodeDevFormatStorage(vrBuf *buf, const vrNodeDevCapStorage *st)
{
    element(buf, "block", st->block);
    element(buf, "bus", st->bus);
    element(buf, "drive_type", st->driveType);
    element(buf, "model", st->model);
    element(buf, "vendor", st->vendor);
    element(buf, "serial", st->serial);
    if (st->removable) {
        vrBufAddLit(buf, "<capability type='removable'>\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<media_available>%d</media_available>\n", st->mediaAvailable);
        vrBufAsprintf(buf, "<media_size>%llu</media_size>\n", st->mediaSize);
        element(buf, "media_label", st->mediaLabel);
        vrNodeDevFormatBlockData(buf, st);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</capability>\n");
    } else {
        vrBufAsprintf(buf, "<size>%llu</size>\n", st->size);
        vrNodeDevFormatBlockData(buf, st);
    }
    if (st->hotpluggable)
        vrBufAddLit(buf, "<capability type='hotpluggable'/>\n");
}

static void
vrNodeDevFormatMdev(vrBuf *buf, const vrNodeDevCapMdev *mdev)
{
    char uuid[VR_UUID_STRING_BUFLEN];
    size_t i;

    vrConfAttrPrintf(buf, "<type id='%s'/>\n", mdev->type);
    if (mdev->hasUUID)
        vrBufAsprintf(buf, "<uuid>%s</uuid>\n", vrUUIDFormat(mdev->uuid, uuid));
    vrBufAsprintf(buf, "<iommuGroup number='%u'/>\n", mdev->iommuGroup);
    for (i = 0; i < mdev->nattrs; i++) {
        vrBufAddLit(buf, "<attr");
        vrConfAttr(buf, "name", mdev->attrs[i].name);
        vrConfAttr(buf, "value", mdev->attrs[i].value);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrNodeDevFormatCCWAddress(vrBuf *buf, unsigned int cssid, unsigned int ssid,
                          unsigned int devno)
{
    vrBufAsprintf(buf, "<cssid>0x%x</cssid>\n", cssid);
    vrBufAsprintf(buf, "<ssid>0x%x</ssid>\n", ssid);
    vrBufAsprintf(buf, "<devno>0x%04x</devno>\n", devno);
}

static void
vrNodeDevFormatCCW(vrBuf *buf, const vrNodeDevCapCCW *ccw)
{
    vrNodeDevFormatCCWAddress(buf, ccw->cssid, ccw->ssid, ccw->devno);
    if (ccw->hasChannel) {
        vrBufAddLit(buf, "<channel_dev_addr>\n");
        vrBufAdjustIndent(buf, 2);
        vrNodeDevFormatCCWAddress(buf, ccw->chCssid, ccw->chSsid, ccw->chDevno);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</channel_dev_addr>\n");
    }
    vrNodeDevFormatMdevTypes(buf, ccw->mdevTypes, ccw->nmdevTypes);
}

static void
vrNodeDevFormatUSB(vrBuf *buf, const vrNodeDevCapUSBDev *usb)
{
    vrBufAsprintf(buf, "<bus>%u</bus>\n", usb->bus);
    vrBufAsprintf(buf, "<device>%u</device>\n", usb->device);
    vrNodeDevFormatId(buf, "product", usb->product, usb->productName, true);
    vrNodeDevFormatId(buf, "vendor", usb->vendor, usb->vendorName, true);
}

static void
vrNodeDevFormatUSBIf(vrBuf *buf, const vrNodeDevCapUSBIf *uif)
{
    vrBufAsprintf(buf, "<number>%u</number>\n", uif->number);
    vrBufAsprintf(buf, "<class>%u</class>\n", uif->klass);
    vrBufAsprintf(buf, "<subclass>%u</subclass>\n", uif->subclass);
    vrBufAsprintf(buf, "<protocol>%u</protocol>\n", uif->protocol);
    element(buf, "description", uif->description);
}

static void
vrNodeDevFormatSCSITarget(vrBuf *buf, const vrNodeDevCapSCSITarget *tgt)
{
    element(buf, "target", tgt->name);
    if (!tgt->hasRport)
        return;
    vrBufAddLit(buf, "<capability type='fc_remote_port'>\n");
    vrBufAdjustIndent(buf, 2);
    element(buf, "rport", tgt->rport);
    element(buf, "wwpn", tgt->wwpn);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</capability>\n");
}

static void
vrNodeDevFormatSCSI(vrBuf *buf, const vrNodeDevCapSCSI *scsi)
{
    vrBufAsprintf(buf, "<host>%u</host>\n", scsi->host);
    vrBufAsprintf(buf, "<bus>%u</bus>\n", scsi->bus);
    vrBufAsprintf(buf, "<target>%u</target>\n", scsi->target);
    vrBufAsprintf(buf, "<lun>%u</lun>\n", scsi->lun);
    element(buf, "type", scsi->type);
}

static void
vrNodeDevFormatAP(vrBuf *buf, const vrNodeDevCapAP *ap, bool queue)
{
    vrBufAsprintf(buf, "<ap-adapter>0x%02x</ap-adapter>\n", ap->adapter);
    if (queue)
        vrBufAsprintf(buf, "<ap-domain>0x%04x</ap-domain>\n", ap->domain);
}

static void
vrNodeDevFormatCap(vrBuf *buf, const vrNodeDevCapDef *cap)
{
    switch (cap->type) {
    case VR_NODE_DEV_CAP_SYSTEM:
        vrNodeDevFormatSystem(buf, &cap->u.system);
        break;
    case VR_NODE_DEV_CAP_PCI_DEV:
        vrNodeDevFormatPCI(buf, &cap->u.pci);
        break;
    case VR_NODE_DEV_CAP_USB_DEV:
        vrNodeDevFormatUSB(buf, &cap->u.usbDev);
        break;
    case VR_NODE_DEV_CAP_USB_INTERFACE:
        vrNodeDevFormatUSBIf(buf, &cap->u.usbIf);
        break;
    case VR_NODE_DEV_CAP_NET:
        vrNodeDevFormatNet(buf, &cap->u.net);
        break;
    case VR_NODE_DEV_CAP_SCSI_HOST:
        vrNodeDevFormatSCSIHost(buf, &cap->u.scsiHost);
        break;
    case VR_NODE_DEV_CAP_SCSI_TARGET:
        vrNodeDevFormatSCSITarget(buf, &cap->u.scsiTarget);
        break;
    case VR_NODE_DEV_CAP_SCSI:
        vrNodeDevFormatSCSI(buf, &cap->u.scsi);
        break;
    case VR_NODE_DEV_CAP_STORAGE:
        vrNodeDevFormatStorage(buf, &cap->u.storage);
        break;
    case VR_NODE_DEV_CAP_SCSI_GENERIC:
        element(buf, "char", cap->u.path);
        break;
    case VR_NODE_DEV_CAP_VDPA:
        element(buf, "chardev", cap->u.path);
        break;
    case VR_NODE_DEV_CAP_DRM:
        vrBufAsprintf(buf, "<type>%s</type>\n", vrNodeDevDRMTypeToString(cap->u.drm));
        break;
    case VR_NODE_DEV_CAP_MDEV:
        vrNodeDevFormatMdev(buf, &cap->u.mdev);
        break;
    case VR_NODE_DEV_CAP_CCW_DEV:
    case VR_NODE_DEV_CAP_CSS_DEV:
        vrNodeDevFormatCCW(buf, &cap->u.ccw);
        break;
    case VR_NODE_DEV_CAP_AP_CARD:
    case VR_NODE_DEV_CAP_AP_QUEUE:
        vrNodeDevFormatAP(buf, &cap->u.ap, cap->type == VR_NODE_DEV_CAP_AP_QUEUE);
        break;
    case VR_NODE_DEV_CAP_AP_MATRIX:
        vrNodeDevFormatMdevTypes(buf, cap->u.apMatrix.types, cap->u.apMatrix.ntypes);
        break;
    default:
        break;
    }
}

char *
vrNodeDeviceDefFormat(const vrNodeDeviceDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    size_t i;

    vrBufAddLit(&buf, "<device>\n");
    vrBufAdjustIndent(&buf, 2);
    element(&buf, "name", def->name);
    element(&buf, "path", def->sysfsPath);
    if (def->devnode)
        vrConfTextPrintf(&buf, "<devnode type='dev'>%s</devnode>\n", def->devnode);
    for (i = 0; i < vrConfStrCount(def->devlinks); i++)
        vrConfTextPrintf(&buf, "<devnode type='link'>%s</devnode>\n",
                             g_ptr_array_index(def->devlinks, i));
    element(&buf, "parent", def->parent);
    if (def->driver) {
        vrBufAddLit(&buf, "<driver>\n");
        vrBufAdjustIndent(&buf, 2);
        element(&buf, "name", def->driver);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</driver>\n");
    }
    for (i = 0; i < def->ncaps; i++) {
        vrBufAsprintf(&buf, "<capability type='%s'>\n",
                      vrNodeDevCapTypeToString(def->caps[i].type));
        vrBufAdjustIndent(&buf, 2);
        vrNodeDevFormatCap(&buf, &def->caps[i]);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</capability>\n");
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</device>\n");
    return vrBufContent(&buf);
}
