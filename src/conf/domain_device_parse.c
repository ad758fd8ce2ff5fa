/*
 * domain_device_parse.c: reading the children of <devices>.
 *
 * The device kinds have their parsers in domain_device_<kind>.c; this
 * file dispatches on the element name and collects the devices the way
 * libvirt does: kind by kind (so a document's first error is the one
 * libvirt reports), in document order within a kind.  Elements that name
 * no device are ignored, as libvirt ignores them.
 */
#include <config.h>

#include <string.h>

#include "domain_device_internal.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

/* The element of each device kind, in the order libvirt reads them. */
static const struct {
    const char *name;
    int type;                      /* vrDomainDeviceType */
} vrDeviceElements[] = {
    { "disk", VR_DOMAIN_DEVICE_DISK },
    { "controller", VR_DOMAIN_DEVICE_CONTROLLER },
    { "lease", VR_DOMAIN_DEVICE_LEASE },
    { "filesystem", VR_DOMAIN_DEVICE_FS },
    { "interface", VR_DOMAIN_DEVICE_NET },
    { "smartcard", VR_DOMAIN_DEVICE_SMARTCARD },
    { "parallel", VR_DOMAIN_DEVICE_CHR },
    { "serial", VR_DOMAIN_DEVICE_CHR },
    { "console", VR_DOMAIN_DEVICE_CHR },
    { "channel", VR_DOMAIN_DEVICE_CHR },
    { "input", VR_DOMAIN_DEVICE_INPUT },
    { "graphics", VR_DOMAIN_DEVICE_GRAPHICS },
    { "sound", VR_DOMAIN_DEVICE_SOUND },
    { "audio", VR_DOMAIN_DEVICE_AUDIO },
    { "video", VR_DOMAIN_DEVICE_VIDEO },
    { "hostdev", VR_DOMAIN_DEVICE_HOSTDEV },
    { "watchdog", VR_DOMAIN_DEVICE_WATCHDOG },
    { "memballoon", VR_DOMAIN_DEVICE_MEMBALLOON },
    { "rng", VR_DOMAIN_DEVICE_RNG },
    { "tpm", VR_DOMAIN_DEVICE_TPM },
    { "nvram", VR_DOMAIN_DEVICE_NVRAM },
    { "panic", VR_DOMAIN_DEVICE_PANIC },
    { "shmem", VR_DOMAIN_DEVICE_SHMEM },
    { "iommu", VR_DOMAIN_DEVICE_IOMMU },
    { "vsock", VR_DOMAIN_DEVICE_VSOCK },
    { "memory", VR_DOMAIN_DEVICE_MEMORY },
    { "hub", VR_DOMAIN_DEVICE_HUB },
    { "redirdev", VR_DOMAIN_DEVICE_REDIRDEV },
    { "redirfilter", VR_DOMAIN_DEVICE_REDIRFILTER },
    { "crypto", VR_DOMAIN_DEVICE_CRYPTO },
};

static int
vrDomainDeviceTypeByName(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vrDeviceElements); i++) {
        if (g_str_equal(vrDeviceElements[i].name, name))
            return vrDeviceElements[i].type;
    }
    return VR_DOMAIN_DEVICE_NONE;
}

/* Parses @node as a device of @type into the matching union member. */
static void *
vrDomainParseDeviceData(xmlNodePtr node, int type, unsigned int flags)
{
    const char *name = (const char *)node->name;

    switch ((vrDomainDeviceType)type) {
    case VR_DOMAIN_DEVICE_DISK: return vrDomainParseDisk(node, flags);
    case VR_DOMAIN_DEVICE_CONTROLLER: return vrDomainParseController(node, flags);
    case VR_DOMAIN_DEVICE_LEASE: return vrDomainParseLease(node, flags);
    case VR_DOMAIN_DEVICE_FS: return vrDomainParseFS(node, flags);
    case VR_DOMAIN_DEVICE_NET: return vrDomainParseNet(node, flags);
    case VR_DOMAIN_DEVICE_SMARTCARD: return vrDomainParseSmartcard(node, flags);
    case VR_DOMAIN_DEVICE_CHR:
        return vrDomainParseChr(node, vrDomainChrDeviceTypeFromString(name), flags);
    case VR_DOMAIN_DEVICE_INPUT: return vrDomainParseInput(node, flags);
    case VR_DOMAIN_DEVICE_TPM: return vrDomainParseTPM(node, flags);
    case VR_DOMAIN_DEVICE_GRAPHICS: return vrDomainParseGraphics(node, flags);
    case VR_DOMAIN_DEVICE_SOUND: return vrDomainParseSound(node, flags);
    case VR_DOMAIN_DEVICE_AUDIO: return vrDomainParseAudio(node, flags);
    case VR_DOMAIN_DEVICE_VIDEO: return vrDomainParseVideo(node, flags);
    case VR_DOMAIN_DEVICE_HOSTDEV: return vrDomainParseHostdev(node, flags);
    case VR_DOMAIN_DEVICE_REDIRDEV: return vrDomainParseRedirdev(node, flags);
    case VR_DOMAIN_DEVICE_REDIRFILTER: return vrDomainParseRedirFilter(node, flags);
    case VR_DOMAIN_DEVICE_HUB: return vrDomainParseHub(node, flags);
    case VR_DOMAIN_DEVICE_WATCHDOG: return vrDomainParseWatchdog(node, flags);
    case VR_DOMAIN_DEVICE_MEMBALLOON: return vrDomainParseMemballoon(node, flags);
    case VR_DOMAIN_DEVICE_RNG: return vrDomainParseRNG(node, flags);
    case VR_DOMAIN_DEVICE_NVRAM: return vrDomainParseNVRAM(node, flags);
    case VR_DOMAIN_DEVICE_PANIC: return vrDomainParsePanic(node, flags);
    case VR_DOMAIN_DEVICE_SHMEM: return vrDomainParseShmem(node, flags);
    case VR_DOMAIN_DEVICE_MEMORY: return vrDomainParseMemoryDevice(node, flags);
    case VR_DOMAIN_DEVICE_IOMMU: return vrDomainParseIOMMU(node, flags);
    case VR_DOMAIN_DEVICE_VSOCK: return vrDomainParseVsock(node, flags);
    case VR_DOMAIN_DEVICE_CRYPTO: return vrDomainParseCrypto(node, flags);
    case VR_DOMAIN_DEVICE_NONE:
    case VR_DOMAIN_DEVICE_LAST:
        break;
    }
    return NULL;
}

int
vrDomainParseDeviceNode(xmlNodePtr node, vrDomainDeviceDef *dev, unsigned int flags)
{
    int type = vrDomainDeviceTypeByName((const char *)node->name);
    void *data;

    memset(dev, 0, sizeof(*dev));
    if (type == VR_DOMAIN_DEVICE_NONE) {
        vrReportError(VR_ERR_XML_ERROR, "unknown device type '%s'", (const char *)node->name);
        return -1;
    }
    if (!(data = vrDomainParseDeviceData(node, type, flags)))
        return -1;
    if (type == VR_DOMAIN_DEVICE_DISK && vrDomainDiskValidate(data) < 0) {
        vrDomainDiskDefFree(data);
        return -1;
    }
    dev->type = type;
    /* every member of the union is a pointer */
    dev->data.disk = data;
    return 0;
}

/* libvirt keeps disks grouped by bus, ordered by target index within a
 * bus; disks whose bus is not given yet count as one more group. */
void
vrDomainDiskInsert(vrDomainDef *def, vrDomainDiskDef *disk)
{
    ssize_t idx;
    ssize_t insertAt = -1;
    int newIndex = vrDiskNameToIndex(disk->dst);

    for (idx = (ssize_t)def->ndisks - 1; idx >= 0; idx--) {
        vrDomainDiskDef *cur = def->disks[idx];
        if (cur->bus != disk->bus)
            continue;
        if (vrDiskNameToIndex(cur->dst) > newIndex)
            insertAt = idx;
        else if (insertAt == -1)
            insertAt = idx + 1;
    }
    if (insertAt == -1)
        insertAt = def->ndisks;
    VR_INSERT_ELEMENT(def->disks, def->ndisks, (size_t)insertAt, disk);
}

/* Devices a domain holds at most one of, checked when their turn comes. */
static int
vrDomainCheckSingle(xmlNodePtr devices, const char *name)
{
    static const struct {
        const char *name;
        const char *message;
    } singles[] = {
        { "watchdog", "only a single watchdog device is supported" },
        { "memballoon", "only a single memory balloon device is supported" },
        { "nvram", "only a single nvram device is supported" },
        { "iommu", "only a single IOMMU device is supported" },
        { "vsock", "only a single vsock device is supported" },
        { "redirfilter", "only one set of redir filter rules is supported" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(singles); i++) {
        if (g_str_equal(singles[i].name, name) && vrXMLCountChildren(devices, name) > 1) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", singles[i].message);
            return -1;
        }
    }
    return 0;
}

/* USB controllers: model='none' disables USB, so it must stand alone. */
static int
vrDomainCheckUSBNone(const vrDomainDef *def, const vrDomainControllerDef *ctrl)
{
    size_t i;

    if (ctrl->type != VR_DOMAIN_CONTROLLER_TYPE_USB)
        return 0;
    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_USB)
            continue;
        if (c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NONE ||
            ctrl->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NONE) {
            vrReportError(VR_ERR_XML_DETAIL, "%s",
                          "Can't add another USB controller: USB is disabled for this domain");
            return -1;
        }
    }
    return 0;
}

/* USB controllers that are all companions have no master to hang on. */
static int
vrDomainCheckUSBMaster(const vrDomainDef *def)
{
    bool usb = false;
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_USB ||
            c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
            continue;
        if (!c->info.hasMaster)
            return 0;
        usb = true;
    }
    if (usb) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "No master USB controller specified");
        return -1;
    }
    return 0;
}

/* Adds one parsed device; @dev is emptied in every case. */
static int
vrDomainParseAddParsed(vrDomainDef *def, vrDomainDeviceDef *dev)
{
    if (dev->type == VR_DOMAIN_DEVICE_DISK) {
        vrDomainDiskInsert(def, dev->data.disk);
        memset(dev, 0, sizeof(*dev));
        return 0;
    }
    if (dev->type == VR_DOMAIN_DEVICE_CONTROLLER &&
        vrDomainCheckUSBNone(def, dev->data.controller) < 0) {
        vrDomainDeviceDefClear(dev);
        return -1;
    }
    if (vrDomainDefAddDevice(def, dev) < 0) {
        vrDomainDeviceDefClear(dev);
        return -1;
    }
    return 0;
}

static int
vrDomainParseDevicesOfKind(xmlNodePtr devices, const char *name, vrDomainDef *def,
                           unsigned int flags)
{
    vrXMLForEachNamed(devices, name, node) {
        vrDomainDeviceDef dev;

        if (vrDomainParseDeviceNode(node, &dev, flags) < 0 ||
            vrDomainParseAddParsed(def, &dev) < 0)
            return -1;
    }
    return 0;
}

int
vrDomainParseDevices(xmlNodePtr devices, vrDomainDef *def, unsigned int flags)
{
    xmlNodePtr emulator;
    size_t i;

    if (!devices)
        return 0;
    if ((emulator = vrXMLChild(devices, "emulator"))) {
        g_free(def->emulator);
        def->emulator = g_strstrip(vrXMLContent(emulator));
    }
    for (i = 0; i < G_N_ELEMENTS(vrDeviceElements); i++) {
        if (vrDomainCheckSingle(devices, vrDeviceElements[i].name) < 0 ||
            vrDomainParseDevicesOfKind(devices, vrDeviceElements[i].name, def, flags) < 0)
            return -1;
    }
    return vrDomainCheckUSBMaster(def);
}
