/*
 * domain_device_misc.c: controllers, leases, filesystems and the small
 * devices: tpm, watchdog, memballoon, rng, panic, nvram, shmem, memory,
 * iommu, vsock, crypto.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "util/vrbitmap.h"
#include "util/vrunits.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrDomainControllerModelSCSI, VR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST,
             "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi", "ibmvscsi", "virtio-scsi",
             "lsisas1078", "virtio-transitional", "virtio-non-transitional", "ncr53c90",
             "am53c974", "dc390");
VR_ENUM_IMPL(vrDomainControllerModelUSB, VR_DOMAIN_CONTROLLER_MODEL_USB_LAST,
             "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1", "ich9-uhci2",
             "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci", "qusb1", "qusb2",
             "qemu-xhci", "none");
VR_ENUM_IMPL(vrDomainControllerModelPCI, VR_DOMAIN_CONTROLLER_MODEL_PCI_LAST,
             "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge", "pcie-root-port",
             "pcie-switch-upstream-port", "pcie-switch-downstream-port", "pci-expander-bus",
             "pcie-expander-bus", "pcie-to-pci-bridge");
VR_ENUM_IMPL(vrDomainControllerPCIModelName, VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_LAST,
             "none", "pci-bridge", "i82801b11-bridge", "ioh3420", "x3130-upstream",
             "xio3130-downstream", "pxb", "pxb-pcie", "pcie-root-port",
             "spapr-pci-host-bridge", "pcie-pci-bridge");
VR_ENUM_IMPL(vrDomainControllerModelIDE, VR_DOMAIN_CONTROLLER_MODEL_IDE_LAST,
             "piix3", "piix4", "ich6");
VR_ENUM_IMPL(vrDomainControllerModelVirtioSerial, VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST,
             "virtio", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainFS, VR_DOMAIN_FS_TYPE_LAST,
             "mount", "block", "file", "template", "ram", "bind", "volume");
VR_ENUM_IMPL(vrDomainFSDriver, VR_DOMAIN_FS_DRIVER_LAST,
             "default", "path", "handle", "loop", "nbd", "ploop", "virtiofs");
VR_ENUM_IMPL(vrDomainFSAccessMode, VR_DOMAIN_FS_ACCESS_LAST, "passthrough", "mapped", "squash");
VR_ENUM_IMPL(vrDomainFSWrpolicy, VR_DOMAIN_FS_WRPOLICY_LAST, "default", "immediate");
VR_ENUM_IMPL(vrDomainFSMultidevs, VR_DOMAIN_FS_MULTIDEVS_LAST, "default", "remap", "forbid", "warn");
VR_ENUM_IMPL(vrDomainFSModel, VR_DOMAIN_FS_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainFSCacheMode, VR_DOMAIN_FS_CACHE_MODE_LAST, "default", "none", "always");
VR_ENUM_IMPL(vrDomainFSSandboxMode, VR_DOMAIN_FS_SANDBOX_MODE_LAST, "default", "namespace", "chroot");
VR_ENUM_IMPL(vrDomainTPMModel, VR_DOMAIN_TPM_MODEL_LAST,
             "default", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");
VR_ENUM_IMPL(vrDomainTPMBackend, VR_DOMAIN_TPM_TYPE_LAST, "passthrough", "emulator", "external");
VR_ENUM_IMPL(vrDomainTPMVersion, VR_DOMAIN_TPM_VERSION_LAST, "default", "1.2", "2.0");
VR_ENUM_IMPL(vrDomainTPMPcrBank, VR_DOMAIN_TPM_PCR_BANK_LAST, "sha1", "sha256", "sha384", "sha512");
VR_ENUM_IMPL(vrDomainWatchdogModel, VR_DOMAIN_WATCHDOG_MODEL_LAST,
             "i6300esb", "ib700", "diag288", "itco");
VR_ENUM_IMPL(vrDomainWatchdogAction, VR_DOMAIN_WATCHDOG_ACTION_LAST,
             "reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi");
VR_ENUM_IMPL(vrDomainMemballoonModel, VR_DOMAIN_MEMBALLOON_MODEL_LAST,
             "virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainRNGModel, VR_DOMAIN_RNG_MODEL_LAST,
             "virtio", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainRNGBackend, VR_DOMAIN_RNG_BACKEND_LAST, "random", "egd", "builtin");
VR_ENUM_IMPL(vrDomainPanicModel, VR_DOMAIN_PANIC_MODEL_LAST,
             "default", "isa", "pseries", "hyperv", "s390");
VR_ENUM_IMPL(vrDomainShmemModel, VR_DOMAIN_SHMEM_MODEL_LAST,
             "ivshmem", "ivshmem-plain", "ivshmem-doorbell");
VR_ENUM_IMPL(vrDomainShmemRole, VR_DOMAIN_SHMEM_ROLE_LAST, "default", "master", "peer");
VR_ENUM_IMPL(vrDomainMemoryModel, VR_DOMAIN_MEMORY_MODEL_LAST,
             "", "dimm", "nvdimm", "virtio-pmem", "virtio-mem", "sgx-epc");
VR_ENUM_IMPL(vrDomainMemoryAccess, VR_DOMAIN_MEMORY_ACCESS_LAST, "default", "shared", "private");
VR_ENUM_IMPL(vrDomainIOMMUModel, VR_DOMAIN_IOMMU_MODEL_LAST, "intel", "smmuv3", "virtio");
VR_ENUM_IMPL(vrDomainVsockModel, VR_DOMAIN_VSOCK_MODEL_LAST,
             "default", "virtio", "virtio-transitional", "virtio-non-transitional");
VR_ENUM_IMPL(vrDomainCryptoModel, VR_DOMAIN_CRYPTO_MODEL_LAST, "virtio");
VR_ENUM_IMPL(vrDomainCryptoType, VR_DOMAIN_CRYPTO_TYPE_LAST, "qemu");
VR_ENUM_IMPL(vrDomainCryptoBackend, VR_DOMAIN_CRYPTO_BACKEND_LAST, "builtin", "lkcf");

/* ---- controllers --------------------------------------------------- */

static int
vrControllerModelFromString(int type, const char *str)
{
    switch ((vrDomainControllerType)type) {
    case VR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return vrDomainControllerModelSCSITypeFromString(str);
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
        return vrDomainControllerModelUSBTypeFromString(str);
    case VR_DOMAIN_CONTROLLER_TYPE_PCI:
        return vrDomainControllerModelPCITypeFromString(str);
    case VR_DOMAIN_CONTROLLER_TYPE_IDE:
        return vrDomainControllerModelIDETypeFromString(str);
    case VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return vrDomainControllerModelVirtioSerialTypeFromString(str);
    case VR_DOMAIN_CONTROLLER_TYPE_FDC:
    case VR_DOMAIN_CONTROLLER_TYPE_SATA:
    case VR_DOMAIN_CONTROLLER_TYPE_CCID:
    case VR_DOMAIN_CONTROLLER_TYPE_XENBUS:
    case VR_DOMAIN_CONTROLLER_TYPE_ISA:
    case VR_DOMAIN_CONTROLLER_TYPE_LAST:
        break;
    }
    return -1;
}

static const char *
vrControllerModelToString(const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerType)c->type) {
    case VR_DOMAIN_CONTROLLER_TYPE_SCSI:
        return vrDomainControllerModelSCSITypeToString(c->model);
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
        return vrDomainControllerModelUSBTypeToString(c->model);
    case VR_DOMAIN_CONTROLLER_TYPE_PCI:
        return vrDomainControllerModelPCITypeToString(c->model);
    case VR_DOMAIN_CONTROLLER_TYPE_IDE:
        return vrDomainControllerModelIDETypeToString(c->model);
    case VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return vrDomainControllerModelVirtioSerialTypeToString(c->model);
    default:
        break;
    }
    return NULL;
}

/* A PCI <target> number with its range. */
static int
vrControllerTargetInt(xmlNodePtr target, const char *attr, int min, int max, int *value)
{
    g_autofree char *str = vrXMLProp(target, attr);
    int v;

    if (!str)
        return 0;
    if (vrStrToInt(str, 0, &v) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid %s '%s' in PCI controller", attr, str);
        return -1;
    }
    if (v < min || v > max) {
        vrReportError(VR_ERR_XML_ERROR, "PCI controller %s '%s' out of range - must be %d-%d",
                      attr, str, min, max);
        return -1;
    }
    *value = v;
    return 0;
}

static int
vrControllerParseTarget(xmlNodePtr target, vrDomainControllerDef *c)
{
    g_autofree char *node = NULL;

    if (vrControllerTargetInt(target, "chassisNr", 1, 255, &c->chassisNr) < 0 ||
        vrControllerTargetInt(target, "chassis", 0, 255, &c->chassis) < 0 ||
        vrControllerTargetInt(target, "port", 0, 255, &c->port) < 0 ||
        vrControllerTargetInt(target, "busNr", 1, 254, &c->busNr) < 0 ||
        vrControllerTargetInt(target, "index", 0, 31, &c->targetIndex) < 0 ||
        vrDevPropTristateSwitch(target, "hotplug", 0, &c->hotplug) < 0)
        return -1;
    if ((node = vrDevChildText(target, "node"))) {
        if (vrStrToInt(node, 10, &c->numaNode) < 0 || c->numaNode < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid target NUMA node '%s' in PCI controller", node);
            return -1;
        }
    }
    return 0;
}

static int
vrControllerParseDriver(xmlNodePtr driver, vrDomainControllerDef *c)
{
    if (vrDevPropUInt(driver, "queues", 10, 0, &c->queues) < 0 ||
        vrDevPropUInt(driver, "cmd_per_lun", 10, 0, &c->cmdPerLun) < 0 ||
        vrDevPropUInt(driver, "max_sectors", 10, 0, &c->maxSectors) < 0 ||
        vrDevPropTristateSwitch(driver, "ioeventfd", 0, &c->ioeventfd) < 0 ||
        vrDevPropUInt(driver, "iothread", 10, 0, &c->iothread) < 0 ||
        vrDevVirtioOptionsParse(driver, &c->virtio) < 0)
        return -1;
    return 0;
}

static int
vrControllerParseAttrs(xmlNodePtr node, vrDomainControllerDef *c)
{
    g_autofree char *model = vrXMLProp(node, "model");
    g_autofree char *idx = vrXMLProp(node, "index");

    if (vrDevPropEnum(node, "type", vrDomainControllerTypeTypeFromString, 0, &c->type) < 0)
        return -1;
    if (model && (c->model = vrControllerModelFromString(c->type, model)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Unknown model type '%s'", model);
        return -1;
    }
    if (idx && (vrStrToInt(idx, 10, &c->idx) < 0 || c->idx < 0)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute 'index' in element 'controller': '%s'. "
                      "Expected non-negative integer value", idx);
        return -1;
    }
    switch ((vrDomainControllerType)c->type) {
    case VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        if (vrDevPropInt(node, "vectors", 10, 0, &c->vectors) < 0)
            return -1;
        G_GNUC_FALLTHROUGH;
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
        return vrDevPropInt(node, "ports", 10, 0, &c->ports) < 0 ? -1 : 0;
    case VR_DOMAIN_CONTROLLER_TYPE_XENBUS:
        if (vrDevPropInt(node, "maxGrantFrames", 10, 0, &c->maxGrantFrames) < 0 ||
            vrDevPropInt(node, "maxEventChannels", 10, 0, &c->maxEventChannels) < 0)
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

vrDomainControllerDef *
vrDomainParseController(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainControllerDef) c = vrDomainControllerDefNew(VR_DOMAIN_CONTROLLER_TYPE_IDE);
    xmlNodePtr child;
    int rc;

    if (vrControllerParseAttrs(node, c) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "driver")) && vrControllerParseDriver(child, c) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "model"))) {
        g_autofree char *name = vrXMLProp(child, "name");
        if (name && (c->modelName = vrDomainControllerPCIModelNameTypeFromString(name)) <= 0) {
            c->modelName = 0;
            vrReportError(VR_ERR_XML_ERROR, "Unknown PCI model name '%s'", name);
            return NULL;
        }
    }
    if ((child = vrXMLChild(node, "target")) && vrControllerParseTarget(child, c) < 0)
        return NULL;
    if (c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI) {
        if ((rc = vrDevParseScaledChild(node, "pcihole64", "./pcihole64[1]", 1024, 1024,
                                        &c->pcihole64)) < 0)
            return NULL;
        c->hasPcihole64 = rc > 0;
    }
    if (vrDevInfoParse(node, &c->info, flags, 0) < 0)
        return NULL;
    /* An ICH9 UHCI companion without <master> gets its usual ports on
     * the EHCI master, as libvirt gives it. */
    if (c->type == VR_DOMAIN_CONTROLLER_TYPE_USB && !c->info.hasMaster &&
        c->model >= VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1 &&
        c->model <= VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3) {
        c->info.hasMaster = true;
        c->info.masterStartport = (unsigned int)(c->model - VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1) * 2;
    }
    return g_steal_pointer(&c);
}

static void
vrControllerFormatPCI(vrBuf *buf, const vrDomainControllerDef *c)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;

    if (c->modelName)
        vrBufAsprintf(buf, "<model name='%s'/>\n",
                      vrDomainControllerPCIModelNameTypeToString(c->modelName));
    if (c->chassisNr != -1)
        vrBufAsprintf(&attrs, " chassisNr='%d'", c->chassisNr);
    if (c->chassis != -1)
        vrBufAsprintf(&attrs, " chassis='%d'", c->chassis);
    if (c->port != -1)
        vrBufAsprintf(&attrs, " port='0x%x'", c->port);
    if (c->busNr != -1)
        vrBufAsprintf(&attrs, " busNr='%d'", c->busNr);
    if (c->targetIndex != -1)
        vrBufAsprintf(&attrs, " index='%d'", c->targetIndex);
    vrDevAttrTristateSwitch(&attrs, "hotplug", c->hotplug);
    if (c->numaNode != -1)
        vrBufAsprintf(&children, "<node>%d</node>\n", c->numaNode);
    vrDevFormatElement(buf, "target", &attrs, &children, false);
}

static void
vrControllerFormatDriver(vrBuf *buf, const vrDomainControllerDef *c)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    if (c->queues)
        vrBufAsprintf(&attrs, " queues='%u'", c->queues);
    if (c->cmdPerLun)
        vrBufAsprintf(&attrs, " cmd_per_lun='%u'", c->cmdPerLun);
    if (c->maxSectors)
        vrBufAsprintf(&attrs, " max_sectors='%u'", c->maxSectors);
    vrDevAttrTristateSwitch(&attrs, "ioeventfd", c->ioeventfd);
    if (c->iothread)
        vrBufAsprintf(&attrs, " iothread='%u'", c->iothread);
    vrDevVirtioOptionsFormat(&attrs, &c->virtio);
    vrDevFormatElement(buf, "driver", &attrs, NULL, false);
}

void
vrDomainFormatController(vrBuf *buf, const vrDomainControllerDef *c, unsigned int flags)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;
    const char *model = c->model >= 0 ? vrControllerModelToString(c) : NULL;

    vrBufAsprintf(&attrs, " type='%s' index='%d'", vrDomainControllerTypeTypeToString(c->type),
                  c->idx);
    if (model)
        vrBufAsprintf(&attrs, " model='%s'", model);
    if (c->type == VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL ||
        c->type == VR_DOMAIN_CONTROLLER_TYPE_USB) {
        if (c->ports != -1)
            vrBufAsprintf(&attrs, " ports='%d'", c->ports);
        if (c->vectors != -1)
            vrBufAsprintf(&attrs, " vectors='%d'", c->vectors);
    }
    if (c->type == VR_DOMAIN_CONTROLLER_TYPE_XENBUS) {
        if (c->maxGrantFrames != -1)
            vrBufAsprintf(&attrs, " maxGrantFrames='%d'", c->maxGrantFrames);
        if (c->maxEventChannels != -1)
            vrBufAsprintf(&attrs, " maxEventChannels='%d'", c->maxEventChannels);
    }
    if (c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI)
        vrControllerFormatPCI(&children, c);
    vrControllerFormatDriver(&children, c);
    vrDevInfoFormat(&children, &c->info, flags, 0);
    if (c->hasPcihole64)
        vrBufAsprintf(&children, "<pcihole64 unit='KiB'>%llu</pcihole64>\n", c->pcihole64);
    vrDevFormatElement(buf, "controller", &attrs, &children, true);
}

/* ---- leases -------------------------------------------------------- */

vrDomainLeaseDef *
vrDomainParseLease(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainLeaseDef) lease = g_new0(vrDomainLeaseDef, 1);
    xmlNodePtr target = vrXMLChild(node, "target");
    g_autofree char *offset = NULL;

    (void)flags;
    lease->lockspace = vrDevChildText(node, "lockspace");
    if (!(lease->key = vrDevChildText(node, "key"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'key' element for lease");
        return NULL;
    }
    if (!target || !(lease->path = vrXMLProp(target, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'target' element for lease");
        return NULL;
    }
    if ((offset = vrXMLProp(target, "offset"))) {
        if (vrStrToULLong(offset, 10, &lease->offset) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Malformed lease target offset %s", offset);
            return NULL;
        }
        lease->hasOffset = true;
    }
    return g_steal_pointer(&lease);
}

void
vrDomainFormatLease(vrBuf *buf, const vrDomainLeaseDef *lease, unsigned int flags)
{
    (void)flags;
    vrBufAddLit(buf, "<lease>\n");
    vrBufAdjustIndent(buf, 2);
    vrDevTextElement(buf, "lockspace", lease->lockspace);
    vrDevTextElement(buf, "key", lease->key);
    vrConfEscapeXMLPrintf(buf, "<target path='%s'", lease->path);
    if (lease->offset)
        vrBufAsprintf(buf, " offset='%llu'", lease->offset);
    vrBufAddLit(buf, "/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</lease>\n");
}

/* ---- filesystems --------------------------------------------------- */

static int
vrFSParseDriver(xmlNodePtr driver, vrDomainFSDef *fs)
{
    g_autofree char *type = vrXMLProp(driver, "type");
    g_autofree char *format = vrXMLProp(driver, "format");

    if (type && (fs->driverType = vrDomainFSDriverTypeFromString(type)) <= 0) {
        fs->driverType = 0;
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown fs driver type '%s'", type);
        return -1;
    }
    if (format && (fs->driverFormat = vrDiskImageFormatTypeFromString(format)) <= 0) {
        fs->driverFormat = 0;
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown driver format value '%s'", format);
        return -1;
    }
    if (vrDevPropEnum(driver, "wrpolicy", vrDomainFSWrpolicyTypeFromString, VR_DEV_PROP_NONZERO,
                      &fs->wrpolicy) < 0 ||
        vrDevPropUInt(driver, "queue", 10, 0, &fs->queueSize) < 0 ||
        vrDevVirtioOptionsParse(driver, &fs->virtio) < 0)
        return -1;
    return 0;
}

static int
vrFSParseBinary(xmlNodePtr binary, vrDomainFSDef *fs)
{
    xmlNodePtr child;

    fs->hasBinary = true;
    fs->binaryPath = vrXMLProp(binary, "path");
    if (vrDevPropTristateSwitch(binary, "xattr", 0, &fs->xattr) < 0)
        return -1;
    if ((child = vrXMLChild(binary, "cache")) &&
        vrDevPropEnum(child, "mode", vrDomainFSCacheModeTypeFromString, VR_DEV_PROP_NONZERO,
                      &fs->cacheMode) < 0)
        return -1;
    if ((child = vrXMLChild(binary, "sandbox")) &&
        vrDevPropEnum(child, "mode", vrDomainFSSandboxModeTypeFromString, VR_DEV_PROP_NONZERO,
                      &fs->sandboxMode) < 0)
        return -1;
    if ((child = vrXMLChild(binary, "lock")) &&
        (vrDevPropTristateSwitch(child, "posix", 0, &fs->posixLock) < 0 ||
         vrDevPropTristateSwitch(child, "flock", 0, &fs->flock) < 0))
        return -1;
    if ((child = vrXMLChild(binary, "thread_pool")) &&
        vrDevPropInt(child, "size", 10, 0, &fs->threadPoolSize) < 0)
        return -1;
    return 0;
}

static int
vrFSParseRAMUsage(xmlNodePtr source, vrDomainFSDef *fs)
{
    g_autofree char *usage = vrXMLProp(source, "usage");
    g_autofree char *units = vrXMLProp(source, "units");

    if (!usage) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing 'usage' attribute for RAM filesystem");
        return -1;
    }
    if (vrStrToULLong(usage, 10, &fs->usage) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "cannot parse usage '%s' for RAM filesystem", usage);
        return -1;
    }
    return vrScaleInteger(&fs->usage, units, 1024, G_MAXUINT64);
}

static int
vrFSParseSource(xmlNodePtr source, vrDomainFSDef *fs)
{
    fs->socket = vrXMLProp(source, "socket");
    switch ((vrDomainFSType)fs->type) {
    case VR_DOMAIN_FS_TYPE_MOUNT:
    case VR_DOMAIN_FS_TYPE_BIND:
        fs->src = vrXMLProp(source, "dir");
        break;
    case VR_DOMAIN_FS_TYPE_FILE:
        fs->src = vrXMLProp(source, "file");
        break;
    case VR_DOMAIN_FS_TYPE_BLOCK:
        fs->src = vrXMLProp(source, "dev");
        break;
    case VR_DOMAIN_FS_TYPE_TEMPLATE:
        fs->src = vrXMLProp(source, "name");
        break;
    case VR_DOMAIN_FS_TYPE_RAM:
        return vrFSParseRAMUsage(source, fs);
    case VR_DOMAIN_FS_TYPE_VOLUME:
        fs->src = vrXMLProp(source, "pool");
        fs->srcVolume = vrXMLProp(source, "volume");
        break;
    case VR_DOMAIN_FS_TYPE_LAST:
        break;
    }
    return 0;
}

static int
vrFSParseChildren(xmlNodePtr node, vrDomainFSDef *fs)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "source")) && vrFSParseSource(child, fs) < 0)
        return -1;
    if ((child = vrXMLChild(node, "target")))
        fs->dst = vrXMLProp(child, "dir");
    fs->readonly = vrXMLChild(node, "readonly") != NULL;
    if ((child = vrXMLChild(node, "driver")) && vrFSParseDriver(child, fs) < 0)
        return -1;
    if ((child = vrXMLChild(node, "binary")) && vrFSParseBinary(child, fs) < 0)
        return -1;
    return 0;
}

static int
vrFSParseMode(xmlNodePtr node, const char *attr, int *mode)
{
    g_autofree char *str = vrXMLProp(node, attr);
    unsigned int v;

    if (!str)
        return 0;
    if (vrStrToUInt(str, 8, &v) < 0 || v > 0777) {
        vrReportError(VR_ERR_XML_ERROR, "invalid %s: '%s'", attr, str);
        return -1;
    }
    *mode = (int)v;
    return 0;
}

vrDomainFSDef *
vrDomainParseFS(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainFSDef) fs = g_new0(vrDomainFSDef, 1);
    int rc;

    fs->threadPoolSize = -1;
    if (vrDevPropEnum(node, "type", vrDomainFSTypeFromString, 0, &fs->type) < 0 ||
        vrDevPropEnum(node, "accessmode", vrDomainFSAccessModeTypeFromString, 0,
                      &fs->accessmode) < 0 ||
        vrFSParseMode(node, "fmode", &fs->fmode) < 0 ||
        vrFSParseMode(node, "dmode", &fs->dmode) < 0 ||
        vrDevPropEnum(node, "model", vrDomainFSModelTypeFromString, VR_DEV_PROP_NONZERO,
                      &fs->model) < 0 ||
        vrDevPropEnum(node, "multidevs", vrDomainFSMultidevsTypeFromString, VR_DEV_PROP_NONZERO,
                      &fs->multidevs) < 0)
        return NULL;
    if ((rc = vrDevParseScaledChild(node, "space_hard_limit", "./space_hard_limit[1]", 1, 1,
                                    &fs->spaceHardLimit)) < 0 ||
        vrDevParseScaledChild(node, "space_soft_limit", "./space_soft_limit[1]", 1, 1,
                              &fs->spaceSoftLimit) < 0 ||
        vrFSParseChildren(node, fs) < 0)
        return NULL;
    if (!fs->src && !fs->socket && fs->type != VR_DOMAIN_FS_TYPE_RAM &&
        fs->type != VR_DOMAIN_FS_TYPE_VOLUME) {
        vrReportError(VR_ERR_NO_SOURCE, "%s", fs->dst ? fs->dst : "");
        return NULL;
    }
    if (!fs->dst) {
        vrReportError(VR_ERR_NO_TARGET, "%s", fs->src ? fs->src : "");
        return NULL;
    }
    if (vrDevInfoParse(node, &fs->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&fs);
}

static void
vrFSFormatBinary(vrBuf *buf, const vrDomainFSDef *fs)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;

    vrDevAttr(&attrs, "path", fs->binaryPath);
    vrDevAttrTristateSwitch(&attrs, "xattr", fs->xattr);
    if (fs->cacheMode)
        vrBufAsprintf(&children, "<cache mode='%s'/>\n",
                      vrDomainFSCacheModeTypeToString(fs->cacheMode));
    if (fs->sandboxMode)
        vrBufAsprintf(&children, "<sandbox mode='%s'/>\n",
                      vrDomainFSSandboxModeTypeToString(fs->sandboxMode));
    if (fs->posixLock || fs->flock) {
        vrBufAddLit(&children, "<lock");
        vrDevAttrTristateSwitch(&children, "posix", fs->posixLock);
        vrDevAttrTristateSwitch(&children, "flock", fs->flock);
        vrBufAddLit(&children, "/>\n");
    }
    if (fs->threadPoolSize >= 0)
        vrBufAsprintf(&children, "<thread_pool size='%d'/>\n", fs->threadPoolSize);
    vrDevFormatElement(buf, "binary", &attrs, &children, false);
}

static void
vrFSFormatSource(vrBuf *buf, const vrDomainFSDef *fs)
{
    switch ((vrDomainFSType)fs->type) {
    case VR_DOMAIN_FS_TYPE_MOUNT:
    case VR_DOMAIN_FS_TYPE_BIND:
        if (fs->socket)
            vrConfEscapeXMLPrintf(buf, "<source socket='%s'/>\n", fs->socket);
        else
            vrConfEscapeXMLPrintf(buf, "<source dir='%s'/>\n", fs->src);
        break;
    case VR_DOMAIN_FS_TYPE_BLOCK:
        vrConfEscapeXMLPrintf(buf, "<source dev='%s'/>\n", fs->src);
        break;
    case VR_DOMAIN_FS_TYPE_FILE:
        vrConfEscapeXMLPrintf(buf, "<source file='%s'/>\n", fs->src);
        break;
    case VR_DOMAIN_FS_TYPE_TEMPLATE:
        vrConfEscapeXMLPrintf(buf, "<source name='%s'/>\n", fs->src);
        break;
    case VR_DOMAIN_FS_TYPE_RAM:
        vrBufAsprintf(buf, "<source usage='%llu' units='KiB'/>\n", fs->usage / 1024);
        break;
    case VR_DOMAIN_FS_TYPE_VOLUME:
        vrBufAddLit(buf, "<source");
        vrDevAttr(buf, "pool", fs->src);
        vrDevAttr(buf, "volume", fs->srcVolume);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_FS_TYPE_LAST:
        break;
    }
}

void
vrDomainFormatFS(vrBuf *buf, const vrDomainFSDef *fs, unsigned int flags)
{
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAsprintf(buf, "<filesystem type='%s' accessmode='%s'", vrDomainFSTypeToString(fs->type),
                  vrDomainFSAccessModeTypeToString(fs->accessmode));
    if (fs->model)
        vrBufAsprintf(buf, " model='%s'", vrDomainFSModelTypeToString(fs->model));
    if (fs->multidevs)
        vrBufAsprintf(buf, " multidevs='%s'", vrDomainFSMultidevsTypeToString(fs->multidevs));
    if (fs->fmode)
        vrBufAsprintf(buf, " fmode='%04o'", (unsigned int)fs->fmode);
    if (fs->dmode)
        vrBufAsprintf(buf, " dmode='%04o'", (unsigned int)fs->dmode);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (fs->driverType) {
        vrBufAsprintf(&driver, " type='%s'", vrDomainFSDriverTypeToString(fs->driverType));
        if (fs->driverFormat)
            vrBufAsprintf(&driver, " format='%s'", vrDiskImageFormatTypeToString(fs->driverFormat));
        if (fs->wrpolicy)
            vrBufAsprintf(&driver, " wrpolicy='%s'", vrDomainFSWrpolicyTypeToString(fs->wrpolicy));
        if (fs->queueSize)
            vrBufAsprintf(&driver, " queue='%u'", fs->queueSize);
    }
    vrDevVirtioOptionsFormat(&driver, &fs->virtio);
    vrDevFormatElement(buf, "driver", &driver, NULL, false);
    if (fs->driverType == VR_DOMAIN_FS_DRIVER_VIRTIOFS)
        vrFSFormatBinary(buf, fs);
    vrFSFormatSource(buf, fs);
    vrConfEscapeXMLPrintf(buf, "<target dir='%s'/>\n", fs->dst);
    if (fs->readonly)
        vrBufAddLit(buf, "<readonly/>\n");
    vrDevInfoFormat(buf, &fs->info, flags, 0);
    if (fs->spaceHardLimit)
        vrBufAsprintf(buf, "<space_hard_limit unit='bytes'>%llu</space_hard_limit>\n",
                      fs->spaceHardLimit);
    if (fs->spaceSoftLimit)
        vrBufAsprintf(buf, "<space_soft_limit unit='bytes'>%llu</space_soft_limit>\n",
                      fs->spaceSoftLimit);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</filesystem>\n");
}

/* ---- tpm ----------------------------------------------------------- */

static int
vrTPMParsePcrBanks(xmlNodePtr node, vrDomainTPMDef *tpm)
{
    tpm->hasActivePcrBanks = true;
    vrXMLForEachChild(node, bank) {
        int b = vrDomainTPMPcrBankTypeFromString((const char *)bank->name);
        if (b < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Unsupported PCR banks '%s'", (const char *)bank->name);
            return -1;
        }
        tpm->activePcrBanks |= 1u << b;
    }
    return 0;
}

static int
vrTPMParseEmulator(xmlNodePtr backend, vrDomainTPMDef *tpm)
{
    g_autofree char *version = vrXMLProp(backend, "version");
    g_autofree char *persistent = vrXMLProp(backend, "persistent_state");
    xmlNodePtr child;

    if (version && (tpm->version = vrDomainTPMVersionTypeFromString(version)) <= 0) {
        tpm->version = 0;
        vrReportError(VR_ERR_XML_ERROR, "Unsupported TPM version '%s'", version);
        return -1;
    }
    if (persistent) {
        if (!g_str_equal(persistent, "yes") && !g_str_equal(persistent, "no")) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "Invalid persistent_state value, either 'yes' or 'no'");
            return -1;
        }
        tpm->persistentState = g_str_equal(persistent, "yes");
    }
    if ((child = vrXMLChild(backend, "encryption"))) {
        unsigned char uuid[VR_UUID_BUFLEN];
        char buf[VR_UUID_STRING_BUFLEN];
        g_autofree char *secret = vrXMLProp(child, "secret");
        if (!secret) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing required 'secret' attribute");
            return -1;
        }
        if (vrUUIDParse(secret, uuid) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Unable to parse secret uuid '%s'", secret);
            return -1;
        }
        tpm->secretUUID = g_strdup(vrUUIDFormat(uuid, buf));
    }
    if ((child = vrXMLChild(backend, "active_pcr_banks")) && vrTPMParsePcrBanks(child, tpm) < 0)
        return -1;
    return 0;
}

/* An external emulator is reached over a unix socket. */
static int
vrTPMParseExternal(xmlNodePtr backend, vrDomainTPMDef *tpm)
{
    xmlNodePtr source = vrXMLChild(backend, "source");
    g_autofree char *type = NULL;

    if (!source) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing TPM source");
        return -1;
    }
    if (!(type = vrXMLProp(source, "type")) || !g_str_equal(type, "unix")) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing/invalid source type for external TPM");
        return -1;
    }
    if (!(tpm->socketPath = vrXMLProp(source, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing socket path for external TPM");
        return -1;
    }
    return 0;
}

vrDomainTPMDef *
vrDomainParseTPM(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainTPMDef) tpm = g_new0(vrDomainTPMDef, 1);
    size_t nbackends = vrXMLCountChildren(node, "backend");
    xmlNodePtr backend = vrXMLChild(node, "backend");
    xmlNodePtr child;

    if (vrDevPropEnum(node, "model", vrDomainTPMModelTypeFromString, 0, &tpm->model) < 0)
        return NULL;
    if (nbackends > 1) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "only one TPM backend is supported");
        return NULL;
    }
    if (!backend) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing TPM device backend");
        return NULL;
    }
    if (vrDevPropEnum(backend, "type", vrDomainTPMBackendTypeFromString, VR_DEV_PROP_REQUIRED,
                      &tpm->type) < 0)
        return NULL;
    switch ((vrDomainTPMBackendType)tpm->type) {
    case VR_DOMAIN_TPM_TYPE_PASSTHROUGH:
        if ((child = vrXMLChild(backend, "device")))
            tpm->devicePath = vrXMLProp(child, "path");
        if (!tpm->devicePath)
            tpm->devicePath = g_strdup("/dev/tpm0");
        break;
    case VR_DOMAIN_TPM_TYPE_EMULATOR:
        if (vrTPMParseEmulator(backend, tpm) < 0)
            return NULL;
        break;
    case VR_DOMAIN_TPM_TYPE_EXTERNAL:
        if (vrTPMParseExternal(backend, tpm) < 0)
            return NULL;
        break;
    case VR_DOMAIN_TPM_TYPE_LAST:
        break;
    }
    if (vrDevInfoParse(node, &tpm->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&tpm);
}

static void
vrTPMFormatEmulator(vrBuf *buf, const vrDomainTPMDef *tpm)
{
    size_t i;

    if (tpm->version)
        vrBufAsprintf(buf, " version='%s'", vrDomainTPMVersionTypeToString(tpm->version));
    if (tpm->persistentState)
        vrBufAddLit(buf, " persistent_state='yes'");
    if (!tpm->secretUUID && !tpm->hasActivePcrBanks) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (tpm->secretUUID)
        vrBufAsprintf(buf, "<encryption secret='%s'/>\n", tpm->secretUUID);
    if (tpm->hasActivePcrBanks) {
        vrBufAddLit(buf, "<active_pcr_banks>\n");
        for (i = 0; i < VR_DOMAIN_TPM_PCR_BANK_LAST; i++) {
            if (tpm->activePcrBanks & (1u << i))
                vrBufAsprintf(buf, "  <%s/>\n", vrDomainTPMPcrBankTypeToString(i));
        }
        vrBufAddLit(buf, "</active_pcr_banks>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</backend>\n");
}

void
vrDomainFormatTPM(vrBuf *buf, const vrDomainTPMDef *tpm, unsigned int flags)
{
    vrBufAsprintf(buf, "<tpm model='%s'>\n", vrDomainTPMModelTypeToString(tpm->model));
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<backend type='%s'", vrDomainTPMBackendTypeToString(tpm->type));
    switch ((vrDomainTPMBackendType)tpm->type) {
    case VR_DOMAIN_TPM_TYPE_PASSTHROUGH:
        vrBufAddLit(buf, ">\n");
        vrConfEscapeXMLPrintf(buf, "  <device path='%s'/>\n", tpm->devicePath);
        vrBufAddLit(buf, "</backend>\n");
        break;
    case VR_DOMAIN_TPM_TYPE_EMULATOR:
        vrTPMFormatEmulator(buf, tpm);
        break;
    case VR_DOMAIN_TPM_TYPE_EXTERNAL:
        vrBufAddLit(buf, ">\n");
        vrConfEscapeXMLPrintf(buf, "  <source type='unix' mode='connect' path='%s'/>\n",
                             tpm->socketPath);
        vrBufAddLit(buf, "</backend>\n");
        break;
    case VR_DOMAIN_TPM_TYPE_LAST:
        vrBufAddLit(buf, "/>\n");
        break;
    }
    vrDevInfoFormat(buf, &tpm->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</tpm>\n");
}

/* ---- watchdog and balloon ------------------------------------------ */

vrDomainWatchdogDef *
vrDomainParseWatchdog(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainWatchdogDef) wd = g_new0(vrDomainWatchdogDef, 1);
    g_autofree char *model = vrXMLProp(node, "model");
    g_autofree char *action = vrXMLProp(node, "action");

    if (!model) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "watchdog must contain model name");
        return NULL;
    }
    if ((wd->model = vrDomainWatchdogModelTypeFromString(model)) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown watchdog model '%s'", model);
        return NULL;
    }
    if (action && (wd->action = vrDomainWatchdogActionTypeFromString(action)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown watchdog action '%s'", action);
        return NULL;
    }
    if (vrDevInfoParse(node, &wd->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&wd);
}

void
vrDomainFormatWatchdog(vrBuf *buf, const vrDomainWatchdogDef *wd, unsigned int flags)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;

    vrBufAsprintf(&attrs, " model='%s' action='%s'", vrDomainWatchdogModelTypeToString(wd->model),
                  vrDomainWatchdogActionTypeToString(wd->action));
    vrDevInfoFormat(&children, &wd->info, flags, 0);
    vrDevFormatElement(buf, "watchdog", &attrs, &children, true);
}

vrDomainMemballoonDef *
vrDomainParseMemballoon(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainMemballoonDef) mb = g_new0(vrDomainMemballoonDef, 1);
    xmlNodePtr child;
    int rc;

    if (vrDevPropEnum(node, "model", vrDomainMemballoonModelTypeFromString, VR_DEV_PROP_REQUIRED,
                      &mb->model) < 0 ||
        vrDevPropTristateSwitch(node, "autodeflate", 0, &mb->autodeflate) < 0 ||
        vrDevPropTristateSwitch(node, "freePageReporting", 0, &mb->freePageReporting) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "stats"))) {
        if ((rc = vrDevPropInt(child, "period", 10, 0, &mb->statsPeriod)) < 0)
            return NULL;
        if (mb->statsPeriod < 0)
            mb->statsPeriod = 0;
        mb->hasStatsPeriod = rc > 0;
    }
    if ((child = vrXMLChild(node, "driver")) && vrDevVirtioOptionsParse(child, &mb->virtio) < 0)
        return NULL;
    if (vrDevInfoParse(node, &mb->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&mb);
}

void
vrDomainFormatMemballoon(vrBuf *buf, const vrDomainMemballoonDef *mb, unsigned int flags)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAsprintf(&attrs, " model='%s'", vrDomainMemballoonModelTypeToString(mb->model));
    vrDevAttrTristateSwitch(&attrs, "autodeflate", mb->autodeflate);
    vrDevAttrTristateSwitch(&attrs, "freePageReporting", mb->freePageReporting);
    if (mb->statsPeriod)
        vrBufAsprintf(&children, "<stats period='%d'/>\n", mb->statsPeriod);
    vrDevInfoFormat(&children, &mb->info, flags, 0);
    vrDevVirtioOptionsFormat(&driver, &mb->virtio);
    vrDevFormatElement(&children, "driver", &driver, NULL, false);
    vrDevFormatElement(buf, "memballoon", &attrs, &children, true);
}

/* ---- rng ----------------------------------------------------------- */

static int
vrRNGParseBackend(xmlNodePtr backend, vrDomainRNGDef *rng, unsigned int flags)
{
    g_autofree char *model = vrXMLProp(backend, "model");
    g_autofree char *type = NULL;

    if (!model) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing RNG device backend model");
        return -1;
    }
    if ((rng->backend = vrDomainRNGBackendTypeFromString(model)) < 0) {
        rng->backend = 0;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown RNG backend model '%s'", model);
        return -1;
    }
    switch ((vrDomainRNGBackend)rng->backend) {
    case VR_DOMAIN_RNG_BACKEND_RANDOM:
        rng->backendPath = g_strstrip(vrXMLContent(backend));
        if (!*rng->backendPath) {
            g_free(rng->backendPath);
            rng->backendPath = g_strdup("/dev/random");
        }
        break;
    case VR_DOMAIN_RNG_BACKEND_EGD:
        if (!(type = vrXMLProp(backend, "type"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing EGD backend type");
            return -1;
        }
        rng->backendChr = g_new0(vrDomainChrSource, 1);
        if ((rng->backendChr->type = vrDomainChrTypeFromString(type)) < 0) {
            rng->backendChr->type = 0;
            vrReportError(VR_ERR_XML_ERROR, "unknown backend type '%s' for egd", type);
            return -1;
        }
        if (vrDevChrSourceParse(backend, rng->backendChr, flags, false) < 0 ||
            vrDevChrSourceValidate(rng->backendChr) < 0)
            return -1;
        break;
    case VR_DOMAIN_RNG_BACKEND_BUILTIN:
    case VR_DOMAIN_RNG_BACKEND_LAST:
        break;
    }
    return 0;
}

vrDomainRNGDef *
vrDomainParseRNG(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainRNGDef) rng = g_new0(vrDomainRNGDef, 1);
    size_t nbackends = vrXMLCountChildren(node, "backend");
    xmlNodePtr child;

    if (vrDevPropEnum(node, "model", vrDomainRNGModelTypeFromString, VR_DEV_PROP_REQUIRED,
                      &rng->model) < 0)
        return NULL;
    if (nbackends == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing RNG device backend");
        return NULL;
    }
    if (nbackends > 1) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "only one RNG backend is supported");
        return NULL;
    }
    if ((child = vrXMLChild(node, "rate"))) {
        if (vrDevPropUInt(child, "bytes", 10, VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO,
                          &rng->rateBytes) < 0 ||
            vrDevPropUInt(child, "period", 10, VR_DEV_PROP_NONZERO, &rng->ratePeriod) < 0)
            return NULL;
        rng->hasRate = true;
    }
    if (vrRNGParseBackend(vrXMLChild(node, "backend"), rng, flags) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "driver")) && vrDevVirtioOptionsParse(child, &rng->virtio) < 0)
        return NULL;
    if (vrDevInfoParse(node, &rng->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&rng);
}

void
vrDomainFormatRNG(vrBuf *buf, const vrDomainRNGDef *rng, unsigned int flags)
{
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAsprintf(buf, "<rng model='%s'>\n", vrDomainRNGModelTypeToString(rng->model));
    vrBufAdjustIndent(buf, 2);
    if (rng->hasRate) {
        vrBufAsprintf(buf, "<rate bytes='%u'", rng->rateBytes);
        if (rng->ratePeriod)
            vrBufAsprintf(buf, " period='%u'", rng->ratePeriod);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAsprintf(buf, "<backend model='%s'", vrDomainRNGBackendTypeToString(rng->backend));
    switch ((vrDomainRNGBackend)rng->backend) {
    case VR_DOMAIN_RNG_BACKEND_RANDOM:
        vrConfEscapeXMLPrintf(buf, ">%s</backend>\n", rng->backendPath);
        break;
    case VR_DOMAIN_RNG_BACKEND_EGD:
        vrBufAsprintf(buf, " type='%s'>\n", vrDomainChrTypeToString(rng->backendChr->type));
        vrBufAdjustIndent(buf, 2);
        vrDevChrSourceFormat(buf, rng->backendChr, flags);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</backend>\n");
        break;
    case VR_DOMAIN_RNG_BACKEND_BUILTIN:
    case VR_DOMAIN_RNG_BACKEND_LAST:
        vrBufAddLit(buf, "/>\n");
        break;
    }
    vrDevVirtioOptionsFormat(&driver, &rng->virtio);
    vrDevFormatElement(buf, "driver", &driver, NULL, false);
    vrDevInfoFormat(buf, &rng->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</rng>\n");
}

/* ---- panic and nvram ----------------------------------------------- */

vrDomainPanicDef *
vrDomainParsePanic(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainPanicDef) panic = g_new0(vrDomainPanicDef, 1);
    g_autofree char *model = vrXMLProp(node, "model");

    if (model && (panic->model = vrDomainPanicModelTypeFromString(model)) < 0) {
        panic->model = 0;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown panic model '%s'", model);
        return NULL;
    }
    if (vrDevInfoParse(node, &panic->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&panic);
}

void
vrDomainFormatPanic(vrBuf *buf, const vrDomainPanicDef *panic, unsigned int flags)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;

    if (panic->model)
        vrBufAsprintf(&attrs, " model='%s'", vrDomainPanicModelTypeToString(panic->model));
    vrDevInfoFormat(&children, &panic->info, flags, 0);
    /* a panic device with nothing to say is not written at all */
    vrDevFormatElement(buf, "panic", &attrs, &children, false);
}

vrDomainNVRAMDef *
vrDomainParseNVRAM(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainNVRAMDef) nvram = g_new0(vrDomainNVRAMDef, 1);

    if (vrDevInfoParse(node, &nvram->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&nvram);
}

void
vrDomainFormatNVRAM(vrBuf *buf, const vrDomainNVRAMDef *nvram, unsigned int flags)
{
    g_auto(vrBuf) children = VR_BUF_INIT;

    vrDevInfoFormat(&children, &nvram->info, flags, 0);
    vrDevFormatElement(buf, "nvram", NULL, &children, true);
}

/* ---- shared memory ------------------------------------------------- */

vrDomainShmemDef *
vrDomainParseShmem(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainShmemDef) shmem = g_new0(vrDomainShmemDef, 1);
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "model")) &&
        vrDevPropEnum(child, "type", vrDomainShmemModelTypeFromString, VR_DEV_PROP_REQUIRED,
                      &shmem->model) < 0)
        return NULL;
    if (!(shmem->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "shmem element must contain 'name' attribute");
        return NULL;
    }
    /* the legacy model has no roles */
    if (shmem->model != VR_DOMAIN_SHMEM_MODEL_IVSHMEM &&
        vrDevPropEnum(node, "role", vrDomainShmemRoleTypeFromString, VR_DEV_PROP_NONZERO,
                      &shmem->role) < 0)
        return NULL;
    if (vrDevParseScaledChild(node, "size", "./size[1]", 1, 1, &shmem->size) < 0)
        return NULL;
    /* kept in whole MiB, as it is written: a size under 1 MiB would be
     * written as 0 and then read as no size (libvirt's is) */
    shmem->size &= ~((1ULL << 20) - 1);
    if ((child = vrXMLChild(node, "server"))) {
        shmem->hasServer = true;
        shmem->serverPath = vrXMLProp(child, "path");
    }
    if ((child = vrXMLChild(node, "msi"))) {
        shmem->hasMsi = true;
        if (vrDevPropUInt(child, "vectors", 0, VR_DEV_PROP_NONZERO, &shmem->msiVectors) < 0 ||
            vrDevPropTristateSwitch(child, "ioeventfd", 0, &shmem->msiIoeventfd) < 0)
            return NULL;
    }
    if (shmem->hasMsi && !shmem->hasServer) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "msi option is only supported with a server");
        return NULL;
    }
    if (vrDevInfoParse(node, &shmem->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&shmem);
}

void
vrDomainFormatShmem(vrBuf *buf, const vrDomainShmemDef *shmem, unsigned int flags)
{
    vrConfEscapeXMLPrintf(buf, "<shmem name='%s'", shmem->name);
    if (shmem->role)
        vrBufAsprintf(buf, " role='%s'", vrDomainShmemRoleTypeToString(shmem->role));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<model type='%s'/>\n", vrDomainShmemModelTypeToString(shmem->model));
    if (shmem->size)
        vrBufAsprintf(buf, "<size unit='M'>%llu</size>\n", shmem->size >> 20);
    if (shmem->hasServer) {
        vrBufAddLit(buf, "<server");
        vrDevAttr(buf, "path", shmem->serverPath);
        vrBufAddLit(buf, "/>\n");
    }
    if (shmem->hasMsi) {
        vrBufAddLit(buf, "<msi");
        if (shmem->msiVectors)
            vrBufAsprintf(buf, " vectors='%u'", shmem->msiVectors);
        vrDevAttrTristateSwitch(buf, "ioeventfd", shmem->msiIoeventfd);
        vrBufAddLit(buf, "/>\n");
    }
    vrDevInfoFormat(buf, &shmem->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</shmem>\n");
}

/* ---- memory modules ------------------------------------------------ */

static int
vrMemoryParseNodemask(xmlNodePtr source, vrDomainMemoryDef *mem)
{
    g_autofree char *text = vrDevChildText(source, "nodemask");
    g_autoptr(vrBitmap) map = NULL;

    if (!text)
        return 0;
    if (vrConfBitmapParse(text, 4096, &map) < 0)
        return -1;
    if (vrBitmapIsAllClear(map)) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value of 'nodemask': %s", text);
        return -1;
    }
    mem->nodemask = vrBitmapFormat(map);
    return 0;
}

static int
vrMemoryParsePath(xmlNodePtr source, vrDomainMemoryDef *mem)
{
    if (!(mem->path = vrDevChildText(source, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "path is required for model '%s'",
                      vrDomainMemoryModelTypeToString(mem->model));
        return -1;
    }
    return 0;
}

static int
vrMemoryParseSource(xmlNodePtr source, vrDomainMemoryDef *mem)
{
    mem->hasSource = true;
    switch ((vrDomainMemoryModel)mem->model) {
    case VR_DOMAIN_MEMORY_MODEL_DIMM:
    case VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM:
        if (vrDevParseScaledChild(source, "pagesize", "./pagesize", 1024, 1024,
                                  &mem->pagesize) < 0)
            return -1;
        return vrMemoryParseNodemask(source, mem);
    case VR_DOMAIN_MEMORY_MODEL_NVDIMM:
        if (vrMemoryParsePath(source, mem) < 0 ||
            vrDevParseScaledChild(source, "alignsize", "./alignsize", 1024, 1024,
                                  &mem->alignsize) < 0)
            return -1;
        mem->pmem = vrXMLChild(source, "pmem") != NULL;
        return 0;
    case VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM:
        return vrMemoryParsePath(source, mem);
    case VR_DOMAIN_MEMORY_MODEL_SGX_EPC:
        return vrMemoryParseNodemask(source, mem);
    case VR_DOMAIN_MEMORY_MODEL_NONE:
    case VR_DOMAIN_MEMORY_MODEL_LAST:
        break;
    }
    return 0;
}

static int
vrMemoryParseLabel(xmlNodePtr target, vrDomainMemoryDef *mem)
{
    xmlNodePtr label = vrXMLChild(target, "label");

    if (!label)
        return 0;
    if (vrDevParseScaledChild(label, "size", "./label/size", 1024, 1024, &mem->labelsize) < 0)
        return -1;
    if (mem->labelsize && mem->labelsize < 128) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "nvdimm label must be at least 128KiB");
        return -1;
    }
    if (mem->labelsize >= mem->size) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "label size must be smaller than NVDIMM size");
        return -1;
    }
    return 0;
}

static int
vrMemoryParseTarget(xmlNodePtr target, vrDomainMemoryDef *mem)
{
    g_autofree char *node = NULL;
    int rc;

    if ((rc = vrDevParseScaledChild(target, "size", "./size", 1024, 1024, &mem->size)) < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing element or attribute './size'");
        return -1;
    }
    if ((node = vrDevChildText(target, "node"))) {
        if (vrStrToInt(node, 10, &mem->node) < 0 || mem->node < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "invalid value of memory device node");
            return -1;
        }
    }
    if (mem->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM) {
        if (vrMemoryParseLabel(target, mem) < 0)
            return -1;
        mem->readonly = vrXMLChild(target, "readonly") != NULL;
    }
    if (mem->model == VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM &&
        (vrDevParseScaledChild(target, "block", "./block", 1024, 1024, &mem->blocksize) < 0 ||
         vrDevParseScaledChild(target, "requested", "./requested", 1024, 1024,
                               &mem->requestedsize) < 0 ||
         vrDevParseScaledChild(target, "current", "./current", 1024, 1024,
                               &mem->currentsize) < 0))
        return -1;
    return 0;
}

vrDomainMemoryDef *
vrDomainParseMemoryDevice(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainMemoryDef) mem = g_new0(vrDomainMemoryDef, 1);
    xmlNodePtr child;

    mem->node = -1;
    if (vrDevPropEnum(node, "model", vrDomainMemoryModelTypeFromString,
                      VR_DEV_PROP_REQUIRED | VR_DEV_PROP_NONZERO, &mem->model) < 0 ||
        vrDevPropEnum(node, "access", vrDomainMemoryAccessTypeFromString, VR_DEV_PROP_NONZERO,
                      &mem->access) < 0 ||
        vrDevPropTristateBool(node, "discard", 0, &mem->discard) < 0)
        return NULL;
    if (mem->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM)
        mem->uuid = vrDevChildText(node, "uuid");
    if ((child = vrXMLChild(node, "source")) && vrMemoryParseSource(child, mem) < 0)
        return NULL;
    if (!(child = vrXMLChild(node, "target"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing <target> element for <memory> device");
        return NULL;
    }
    if (vrMemoryParseTarget(child, mem) < 0 || vrDevInfoParse(node, &mem->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&mem);
}

static void
vrMemoryFormatSource(vrBuf *buf, const vrDomainMemoryDef *mem)
{
    g_auto(vrBuf) children = VR_BUF_INIT;

    vrDevTextElement(&children, "nodemask", mem->nodemask);
    if (mem->pagesize)
        vrBufAsprintf(&children, "<pagesize unit='KiB'>%llu</pagesize>\n", mem->pagesize);
    vrDevTextElement(&children, "path", mem->path);
    if (mem->alignsize)
        vrBufAsprintf(&children, "<alignsize unit='KiB'>%llu</alignsize>\n", mem->alignsize);
    if (mem->pmem)
        vrBufAddLit(&children, "<pmem/>\n");
    vrDevFormatElement(buf, "source", NULL, &children, false);
}

static void
vrMemoryFormatTarget(vrBuf *buf, const vrDomainMemoryDef *mem, unsigned int flags)
{
    vrBufAddLit(buf, "<target>\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<size unit='KiB'>%llu</size>\n", mem->size);
    if (mem->node >= 0)
        vrBufAsprintf(buf, "<node>%d</node>\n", mem->node);
    if (mem->labelsize) {
        vrBufAddLit(buf, "<label>\n");
        vrBufAsprintf(buf, "  <size unit='KiB'>%llu</size>\n", mem->labelsize);
        vrBufAddLit(buf, "</label>\n");
    }
    if (mem->readonly)
        vrBufAddLit(buf, "<readonly/>\n");
    if (mem->blocksize)
        vrBufAsprintf(buf, "<block unit='KiB'>%llu</block>\n", mem->blocksize);
    if (mem->requestedsize)
        vrBufAsprintf(buf, "<requested unit='KiB'>%llu</requested>\n", mem->requestedsize);
    if (mem->currentsize && !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrBufAsprintf(buf, "<current unit='KiB'>%llu</current>\n", mem->currentsize);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</target>\n");
}

void
vrDomainFormatMemoryDevice(vrBuf *buf, const vrDomainMemoryDef *mem, unsigned int flags)
{
    vrBufAsprintf(buf, "<memory model='%s'", vrDomainMemoryModelTypeToString(mem->model));
    if (mem->access)
        vrBufAsprintf(buf, " access='%s'", vrDomainMemoryAccessTypeToString(mem->access));
    vrDevAttrTristateBool(buf, "discard", mem->discard);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDevTextElement(buf, "uuid", mem->uuid);
    vrMemoryFormatSource(buf, mem);
    vrMemoryFormatTarget(buf, mem, flags);
    vrDevInfoFormat(buf, &mem->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</memory>\n");
}

/* ---- iommu, vsock, crypto ------------------------------------------ */

vrDomainIOMMUDef *
vrDomainParseIOMMU(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainIOMMUDef) iommu = g_new0(vrDomainIOMMUDef, 1);
    xmlNodePtr driver;

    if (vrDevPropEnum(node, "model", vrDomainIOMMUModelTypeFromString, VR_DEV_PROP_REQUIRED,
                      &iommu->model) < 0)
        return NULL;
    if ((driver = vrXMLChild(node, "driver")) &&
        (vrDevPropTristateSwitch(driver, "intremap", 0, &iommu->intremap) < 0 ||
         vrDevPropTristateSwitch(driver, "caching_mode", 0, &iommu->cachingMode) < 0 ||
         vrDevPropTristateSwitch(driver, "eim", 0, &iommu->eim) < 0 ||
         vrDevPropTristateSwitch(driver, "iotlb", 0, &iommu->iotlb) < 0 ||
         vrDevPropUInt(driver, "aw_bits", 10, VR_DEV_PROP_NONZERO, &iommu->awBits) < 0))
        return NULL;
    if (vrDevInfoParse(node, &iommu->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&iommu);
}

void
vrDomainFormatIOMMU(vrBuf *buf, const vrDomainIOMMUDef *iommu, unsigned int flags)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAsprintf(&attrs, " model='%s'", vrDomainIOMMUModelTypeToString(iommu->model));
    vrDevAttrTristateSwitch(&driver, "intremap", iommu->intremap);
    vrDevAttrTristateSwitch(&driver, "caching_mode", iommu->cachingMode);
    vrDevAttrTristateSwitch(&driver, "eim", iommu->eim);
    vrDevAttrTristateSwitch(&driver, "iotlb", iommu->iotlb);
    if (iommu->awBits)
        vrBufAsprintf(&driver, " aw_bits='%u'", iommu->awBits);
    vrDevFormatElement(&children, "driver", &driver, NULL, false);
    vrDevInfoFormat(&children, &iommu->info, flags, 0);
    vrDevFormatElement(buf, "iommu", &attrs, &children, true);
}

vrDomainVsockDef *
vrDomainParseVsock(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainVsockDef) vsock = g_new0(vrDomainVsockDef, 1);
    xmlNodePtr child;

    if (vrDevPropEnum(node, "model", vrDomainVsockModelTypeFromString, 0, &vsock->model) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "cid"))) {
        if (vrDevPropUInt(child, "address", 10, 0, &vsock->guestCid) < 0 ||
            vrDevPropTristateBool(child, "auto", 0, &vsock->autoCid) < 0)
            return NULL;
        if (vsock->guestCid != 0 && vsock->guestCid < 3) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "guest CIDs must be >= 3");
            return NULL;
        }
    }
    if ((child = vrXMLChild(node, "driver")) && vrDevVirtioOptionsParse(child, &vsock->virtio) < 0)
        return NULL;
    if (vrDevInfoParse(node, &vsock->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&vsock);
}

void
vrDomainFormatVsock(vrBuf *buf, const vrDomainVsockDef *vsock, unsigned int flags)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) cid = VR_BUF_INIT;
    g_auto(vrBuf) driver = VR_BUF_INIT;

    if (vsock->model)
        vrBufAsprintf(&attrs, " model='%s'", vrDomainVsockModelTypeToString(vsock->model));
    vrDevAttrTristateBool(&cid, "auto", vsock->autoCid);
    if (vsock->guestCid)
        vrBufAsprintf(&cid, " address='%u'", vsock->guestCid);
    vrDevFormatElement(&children, "cid", &cid, NULL, false);
    vrDevInfoFormat(&children, &vsock->info, flags, 0);
    vrDevVirtioOptionsFormat(&driver, &vsock->virtio);
    vrDevFormatElement(&children, "driver", &driver, NULL, false);
    vrDevFormatElement(buf, "vsock", &attrs, &children, true);
}

vrDomainCryptoDef *
vrDomainParseCrypto(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainCryptoDef) crypto = g_new0(vrDomainCryptoDef, 1);
    xmlNodePtr child;

    if (vrDevPropEnum(node, "model", vrDomainCryptoModelTypeFromString, VR_DEV_PROP_REQUIRED,
                      &crypto->model) < 0 ||
        vrDevPropEnum(node, "type", vrDomainCryptoTypeTypeFromString, VR_DEV_PROP_REQUIRED,
                      &crypto->type) < 0)
        return NULL;
    if (!(child = vrXMLChild(node, "backend"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing crypto device backend");
        return NULL;
    }
    if (vrDevPropEnum(child, "model", vrDomainCryptoBackendTypeFromString, VR_DEV_PROP_REQUIRED,
                      &crypto->backend) < 0 ||
        vrDevPropUInt(child, "queues", 10, 0, &crypto->queues) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "driver")) && vrDevVirtioOptionsParse(child, &crypto->virtio) < 0)
        return NULL;
    if (vrDevInfoParse(node, &crypto->info, flags, 0) < 0)
        return NULL;
    return g_steal_pointer(&crypto);
}

void
vrDomainFormatCrypto(vrBuf *buf, const vrDomainCryptoDef *crypto, unsigned int flags)
{
    g_auto(vrBuf) driver = VR_BUF_INIT;

    vrBufAsprintf(buf, "<crypto model='%s' type='%s'>\n",
                  vrDomainCryptoModelTypeToString(crypto->model),
                  vrDomainCryptoTypeTypeToString(crypto->type));
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<backend model='%s'", vrDomainCryptoBackendTypeToString(crypto->backend));
    if (crypto->queues)
        vrBufAsprintf(buf, " queues='%u'", crypto->queues);
    vrBufAddLit(buf, "/>\n");
    vrDevVirtioOptionsFormat(&driver, &crypto->virtio);
    vrDevFormatElement(buf, "driver", &driver, NULL, false);
    vrDevInfoFormat(buf, &crypto->info, flags, 0);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</crypto>\n");
}
