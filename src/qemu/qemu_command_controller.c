/*
 * qemu_command_controller.c: -device lines for controllers: PCI bridges
 * and ports (by index, so every bus exists before it is used), then USB,
 * then the others in definition order.  Controllers the chipset has built
 * in (PCI root, PIIX3 IDE, the q35 SATA, the i440fx floppy controller)
 * have no line.
 */
#include <config.h>

#include "qemu_command_priv.h"

/* ---- PCI ------------------------------------------------------------ */

static const char *
vrQemuPCIControllerDriver(const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerPCIModelName)c->modelName) {
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE: return "pci-bridge";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE: return "i82801b11-bridge";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_IOH3420: return "ioh3420";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM: return "x3130-upstream";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM: return "xio3130-downstream";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB: return "pxb";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE: return "pxb-pcie";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT: return "pcie-root-port";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE: return "pcie-pci-bridge";
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_SPAPR_PCI_HOST_BRIDGE:
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_NONE:
    case VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_LAST:
        break;
    }
    return NULL;
}

static void
vrQemuPCIControllerProps(json_object *dev, const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerModelPCI)c->model) {
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE:
        if (c->chassisNr >= 0)
            vrQemuJSONInt(dev, "chassis_nr", c->chassisNr);
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT:
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        if (c->port >= 0)
            vrQemuJSONInt(dev, "port", c->port);
        if (c->chassis >= 0)
            vrQemuJSONInt(dev, "chassis", c->chassis);
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        if (c->busNr >= 0)
            vrQemuJSONInt(dev, "bus_nr", c->busNr);
        if (c->numaNode >= 0)
            vrQemuJSONInt(dev, "numa_node", c->numaNode);
        break;
    default:
        break;
    }
}

static int
vrQemuBuildPCIController(vrQemuBuild *b, const vrDomainControllerDef *c)
{
    const char *driver;
    json_object *dev;

    if (c->model == VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT || c->model == VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT)
        return 0;
    if (!(driver = vrQemuPCIControllerDriver(c))) {
        vrQemuUnsupported(b, "PCI controller model '%s'", vrDomainControllerModelPCITypeToString(c->model));
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, "PCI controller")))
        return -1;
    vrQemuPCIControllerProps(dev, c);
    vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info));
    if (c->hotplug == VR_TRISTATE_OFF)
        vrQemuJSONBool(dev, "hotplug", false);
    if (vrQemuDeviceAddress(b, dev, &c->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

static int
vrQemuBuildPCIControllers(vrQemuBuild *b)
{
    int maxIdx = -1, idx;
    size_t i;

    for (i = 0; i < b->def->ncontrollers; i++) {
        if (b->def->controllers[i]->type == VR_DOMAIN_CONTROLLER_TYPE_PCI)
            maxIdx = MAX(maxIdx, b->def->controllers[i]->idx);
    }
    for (idx = 0; idx <= maxIdx; idx++) {
        for (i = 0; i < b->def->ncontrollers; i++) {
            const vrDomainControllerDef *c = b->def->controllers[i];
            if (c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI && c->idx == idx &&
                vrQemuBuildPCIController(b, c) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- USB ------------------------------------------------------------ */

static const char *const vrQemuUSBDrivers[VR_DOMAIN_CONTROLLER_MODEL_USB_LAST] = {
    [VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI] = "piix3-usb-uhci",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI] = "piix4-usb-uhci",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_EHCI] = "usb-ehci",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1] = "ich9-usb-ehci1",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1] = "ich9-usb-uhci1",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2] = "ich9-usb-uhci2",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3] = "ich9-usb-uhci3",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI] = "vt82c686b-usb-uhci",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI] = "pci-ohci",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI] = "nec-usb-xhci",
    [VR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI] = "qemu-xhci",
};

static int
vrQemuBuildUSBController(vrQemuBuild *b, const vrDomainControllerDef *c)
{
    const char *driver = c->model >= 0 && c->model < VR_DOMAIN_CONTROLLER_MODEL_USB_LAST
                         ? vrQemuUSBDrivers[c->model] : NULL;
    json_object *dev;

    if (c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
        return 0;
    if (!driver) {
        vrQemuUnsupported(b, "USB controller model '%s'",
                          c->model >= 0 ? vrDomainControllerModelUSBTypeToString(c->model) : "default");
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, "USB controller")))
        return -1;
    if (c->info.hasMaster) {
        g_autofree char *master = vrQemuUSBBusName(b, (unsigned int)c->idx);
        vrQemuJSONStr(dev, "masterbus", master);
        vrQemuJSONUInt(dev, "firstport", c->info.masterStartport);
    } else {
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info));
    }
    if (c->ports > 0 && (c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI ||
                         c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI)) {
        vrQemuJSONInt(dev, "p2", c->ports);
        vrQemuJSONInt(dev, "p3", c->ports);
    }
    if (vrQemuDeviceAddress(b, dev, &c->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

/* ---- the others ------------------------------------------------------ */

static const char *
vrQemuSCSIDriver(int model)
{
    switch ((vrDomainControllerModelSCSI)model) {
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC: return "lsi53c895a";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1068: return "mptsas1068";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078: return "megasas";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI: return "virtio-scsi-pci";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL: return "virtio-scsi-pci-transitional";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL:
        return "virtio-scsi-pci-non-transitional";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI: return "pvscsi";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_AM53C974: return "am53c974";
    case VR_DOMAIN_CONTROLLER_MODEL_SCSI_DC390: return "dc390";
    default: break;
    }
    return NULL;
}

static bool
vrQemuSCSIIsVirtio(int model)
{
    return model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ||
           model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL ||
           model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL;
}

static void
vrQemuControllerDriverProps(const vrDomainControllerDef *c, json_object *dev)
{
    if (c->iothread) {
        g_autofree char *io = g_strdup_printf("iothread%u", c->iothread);
        vrQemuJSONStr(dev, "iothread", io);
    }
    if (c->queues)
        vrQemuJSONUInt(dev, "num_queues", c->queues);
    if (c->cmdPerLun)
        vrQemuJSONUInt(dev, "cmd_per_lun", c->cmdPerLun);
    if (c->maxSectors)
        vrQemuJSONUInt(dev, "max_sectors", c->maxSectors);
    vrQemuJSONTristate(dev, "ioeventfd", c->ioeventfd);
    vrQemuDeviceVirtioOptions(dev, &c->virtio);
}

/* The driver of a controller that is a -device of its own, NULL for
 * the chipset's, or "" when QEMU has nothing for it. */
static const char *
vrQemuOtherControllerDriver(vrQemuBuild *b, const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerType)c->type) {
    case VR_DOMAIN_CONTROLLER_TYPE_SCSI: {
        const char *d = vrQemuSCSIDriver(c->model);
        return d ? d : "";
    }
    case VR_DOMAIN_CONTROLLER_TYPE_SATA:
        return b->q35 && c->idx == 0 ? NULL : "ich9-ahci";
    case VR_DOMAIN_CONTROLLER_TYPE_IDE:
        return b->i440fx && c->idx == 0 ? NULL : "";
    case VR_DOMAIN_CONTROLLER_TYPE_FDC:
        return b->i440fx && c->idx == 0 ? NULL : b->q35 && c->idx == 0 ? "isa-fdc" : "";
    case VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return c->model == VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL
               ? "virtio-serial-pci-transitional"
               : c->model == VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL
               ? "virtio-serial-pci-non-transitional" : "virtio-serial-pci";
    case VR_DOMAIN_CONTROLLER_TYPE_CCID:
        return "usb-ccid";
    case VR_DOMAIN_CONTROLLER_TYPE_ISA:
        return NULL;
    case VR_DOMAIN_CONTROLLER_TYPE_XENBUS:
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
    case VR_DOMAIN_CONTROLLER_TYPE_PCI:
    case VR_DOMAIN_CONTROLLER_TYPE_LAST:
        break;
    }
    return "";
}

static int
vrQemuBuildOtherController(vrQemuBuild *b, const vrDomainControllerDef *c)
{
    const char *driver = vrQemuOtherControllerDriver(b, c);
    g_autofree char *what = g_strdup_printf("controller type '%s' index %d%s%s%s",
                                            vrDomainControllerTypeTypeToString(c->type), c->idx,
                                            c->type == VR_DOMAIN_CONTROLLER_TYPE_SCSI ? " model '" : "",
                                            c->type == VR_DOMAIN_CONTROLLER_TYPE_SCSI
                                            ? vrDomainControllerModelSCSITypeToString(c->model) : "",
                                            c->type == VR_DOMAIN_CONTROLLER_TYPE_SCSI ? "'" : "");
    json_object *dev;

    if (!driver)
        return 0;
    if (!*driver) {
        vrQemuUnsupported(b, "%s", what);
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, what)))
        return -1;
    vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info));
    if (c->type == VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL) {
        if (c->ports > 0)
            vrQemuJSONInt(dev, "max_ports", c->ports);
        if (c->vectors >= 0)
            vrQemuJSONInt(dev, "vectors", c->vectors);
        vrQemuDeviceVirtioOptions(dev, &c->virtio);
    } else if (c->type == VR_DOMAIN_CONTROLLER_TYPE_SCSI) {
        if (vrQemuSCSIIsVirtio(c->model))
            vrQemuControllerDriverProps(c, dev);
    }
    if (vrQemuDeviceAddress(b, dev, &c->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

int
vrQemuBuildControllers(vrQemuBuild *b)
{
    size_t i;

    if (vrQemuBuildPCIControllers(b) < 0)
        return -1;
    for (i = 0; i < b->def->ncontrollers; i++) {
        const vrDomainControllerDef *c = b->def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_USB && vrQemuBuildUSBController(b, c) < 0)
            return -1;
    }
    for (i = 0; i < b->def->ncontrollers; i++) {
        const vrDomainControllerDef *c = b->def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_USB || c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI)
            continue;
        if (vrQemuBuildOtherController(b, c) < 0)
            return -1;
    }
    return 0;
}
