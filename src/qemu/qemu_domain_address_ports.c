/*
 * qemu_domain_address_ports.c: the addresses that are not PCI slots:
 * virtio-serial ports, USB ports and DIMM slots (see
 * qemu_domain_address.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "qemu_domain_address.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* ---- virtio-serial ------------------------------------------------------ */

#define VIOSERIAL_MAX_PORTS 31

static vrDomainControllerDef *
vrQemuVioSerialController(const vrDomainDef *def, unsigned int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL && c->idx == (int)idx)
            return c;
    }
    return NULL;
}

static unsigned int
vrQemuVioSerialPorts(const vrDomainControllerDef *c)
{
    return c->ports > 0 ? (unsigned int)c->ports : VIOSERIAL_MAX_PORTS;
}

static bool
vrQemuIsVirtioChannel(const vrDomainChrDef *chr)
{
    return chr->deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL &&
           chr->targetType == VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO;
}

static bool
vrQemuVioSerialPortUsed(const vrDomainDef *def, unsigned int ctrl, unsigned int port,
                        const vrDomainChrDef *self)
{
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        const vrDomainDeviceAddress *a = &def->channels[i]->info.addr;
        if (def->channels[i] != self && a->type == VR_DOMAIN_ADDRESS_VIRTIO_SERIAL &&
            a->u.vioserial.controller == ctrl && a->u.vioserial.bus == 0 &&
            a->u.vioserial.port == port)
            return true;
    }
    return false;
}

static int
vrQemuVioSerialCheck(const vrDomainDef *def, const vrDomainChrDef *chr)
{
    const vrDomainDeviceAddress *a = &chr->info.addr;
    const vrDomainControllerDef *c = vrQemuVioSerialController(def, a->u.vioserial.controller);

    if (!c) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "channel '%s' of guest '%s' names virtio-serial controller %u, which does not exist",
                      chr->targetName ? chr->targetName : "", def->name, a->u.vioserial.controller);
        return -1;
    }
    if (a->u.vioserial.port >= vrQemuVioSerialPorts(c)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "channel '%s' of guest '%s': port %u is beyond the %u ports of virtio-serial controller %u",
                      chr->targetName ? chr->targetName : "", def->name, a->u.vioserial.port,
                      vrQemuVioSerialPorts(c), a->u.vioserial.controller);
        return -1;
    }
    if (vrQemuVioSerialPortUsed(def, a->u.vioserial.controller, a->u.vioserial.port, chr)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "virtio serial port %u on controller %u is used by more than one channel of guest '%s'",
                      a->u.vioserial.port, a->u.vioserial.controller, def->name);
        return -1;
    }
    return 0;
}

/* The first free port (from 1: port 0 is the console's) of the first
 * controller that has one. */
static int
vrQemuVioSerialAssign(const vrDomainDef *def, vrDomainChrDef *chr)
{
    size_t i;
    unsigned int port;

    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL)
            continue;
        for (port = 1; port < vrQemuVioSerialPorts(c); port++) {
            if (vrQemuVioSerialPortUsed(def, (unsigned int)c->idx, port, chr))
                continue;
            memset(&chr->info.addr, 0, sizeof(chr->info.addr));
            chr->info.addr.type = VR_DOMAIN_ADDRESS_VIRTIO_SERIAL;
            chr->info.addr.u.vioserial.controller = (unsigned int)c->idx;
            chr->info.addr.u.vioserial.port = port;
            return 0;
        }
    }
    vrReportError(VR_ERR_INTERNAL_ERROR, "Unable to find a free virtio-serial port for channel '%s' of guest '%s'",
                  chr->targetName ? chr->targetName : "", def->name);
    return -1;
}

int
vrQemuDomainAssignVirtioSerialAddresses(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        vrDomainChrDef *chr = def->channels[i];
        if (vrQemuIsVirtioChannel(chr) && chr->info.addr.type == VR_DOMAIN_ADDRESS_VIRTIO_SERIAL &&
            vrQemuVioSerialCheck(def, chr) < 0)
            return -1;
    }
    for (i = 0; i < def->nchannels; i++) {
        vrDomainChrDef *chr = def->channels[i];
        if (vrQemuIsVirtioChannel(chr) && chr->info.addr.type == VR_DOMAIN_ADDRESS_NONE &&
            vrQemuVioSerialAssign(def, chr) < 0)
            return -1;
    }
    return 0;
}

/* ---- USB ------------------------------------------------------------ */

#define USB_HUB_PORTS 8

typedef struct _vrQemuUSBHub vrQemuUSBHub;
struct _vrQemuUSBHub {
    unsigned int nports;
    bool used[USB_HUB_PORTS > 16 ? USB_HUB_PORTS : 16];
    vrQemuUSBHub *child[16];       /* a hub plugged into that port */
};

typedef struct {
    vrQemuUSBHub **buses;          /* by controller index; NULL: no such bus */
    size_t nbuses;
} vrQemuUSBSet;

/* Ports of a controller model when ports= is not given. */
static unsigned int
vrQemuUSBModelPorts(int model)
{
    switch ((vrDomainControllerModelUSB)model) {
    case VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI:
        return 2;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_EHCI:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1:
        return 6;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI:
        return 3;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI:
        return 4;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_QUSB1:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_QUSB2:
        return 8;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_NONE:
    case VR_DOMAIN_CONTROLLER_MODEL_USB_LAST:
        break;
    }
    return 0;
}

static vrQemuUSBHub *
vrQemuUSBHubNew(unsigned int nports)
{
    vrQemuUSBHub *hub = g_new0(vrQemuUSBHub, 1);

    hub->nports = MIN(nports, 16);
    return hub;
}

static void
vrQemuUSBHubFree(vrQemuUSBHub *hub)
{
    size_t i;

    if (!hub)
        return;
    for (i = 0; i < G_N_ELEMENTS(hub->child); i++)
        vrQemuUSBHubFree(hub->child[i]);
    g_free(hub);
}

static void
vrQemuUSBSetFree(vrQemuUSBSet *set)
{
    size_t i;

    for (i = 0; i < set->nbuses; i++)
        vrQemuUSBHubFree(set->buses[i]);
    g_free(set->buses);
}

/* Buses from the USB controllers; companions add their master's ports. */
static void
vrQemuUSBSetInit(vrQemuUSBSet *set, const vrDomainDef *def)
{
    size_t i;

    memset(set, 0, sizeof(*set));
    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        unsigned int ports;
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_USB || c->idx < 0 || c->info.hasMaster)
            continue;
        ports = c->ports > 0 ? (unsigned int)c->ports : vrQemuUSBModelPorts(c->model);
        if (!ports)
            continue;
        if ((size_t)c->idx >= set->nbuses) {
            set->buses = g_renew(vrQemuUSBHub *, set->buses, c->idx + 1);
            memset(set->buses + set->nbuses, 0, (c->idx + 1 - set->nbuses) * sizeof(*set->buses));
            set->nbuses = c->idx + 1;
        }
        if (!set->buses[c->idx])
            set->buses[c->idx] = vrQemuUSBHubNew(ports);
    }
}

/* Parses "1.2.3" into port numbers. */
static int
vrQemuUSBParsePort(const char *str, unsigned int *path, size_t *depth)
{
    g_auto(GStrv) parts = g_strsplit(str, ".", 0);
    size_t i;

    *depth = 0;
    for (i = 0; parts[i]; i++) {
        char *end;
        unsigned long v = strtoul(parts[i], &end, 10);
        if (!*parts[i] || *end || v == 0 || v > 16 || i >= 5)
            return -1;
        path[(*depth)++] = (unsigned int)v;
    }
    return *depth ? 0 : -1;
}

/* The hub that holds the last element of @path, and that port's index. */
static vrQemuUSBHub *
vrQemuUSBFindHub(vrQemuUSBSet *set, unsigned int bus, const unsigned int *path, size_t depth,
                 unsigned int *port)
{
    vrQemuUSBHub *hub = bus < set->nbuses ? set->buses[bus] : NULL;
    size_t i;

    for (i = 0; hub && i + 1 < depth; i++) {
        if (path[i] > hub->nports)
            return NULL;
        hub = hub->child[path[i] - 1];
    }
    if (!hub || path[depth - 1] > hub->nports)
        return NULL;
    *port = path[depth - 1] - 1;
    return hub;
}

static int
vrQemuUSBReserve(vrQemuUSBSet *set, const vrDomainDef *def, const vrDomainDeviceInfo *info,
                 const char *what, bool isHub)
{
    const vrDomainDeviceAddress *a = &info->addr;
    unsigned int path[5], port;
    size_t depth;
    vrQemuUSBHub *hub;

    if (a->type != VR_DOMAIN_ADDRESS_USB || !a->u.usb.port[0])
        return 0;
    if (vrQemuUSBParsePort(a->u.usb.port, path, &depth) < 0 ||
        !(hub = vrQemuUSBFindHub(set, a->u.usb.bus, path, depth, &port))) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "USB address bus %u port '%s' of %s in guest '%s' does not exist",
                      a->u.usb.bus, a->u.usb.port, what, def->name);
        return -1;
    }
    if (hub->used[port]) {
        vrReportError(VR_ERR_XML_ERROR,
                      "USB address bus %u port '%s' of %s in guest '%s' is already in use",
                      a->u.usb.bus, a->u.usb.port, what, def->name);
        return -1;
    }
    hub->used[port] = true;
    if (isHub)
        hub->child[port] = vrQemuUSBHubNew(USB_HUB_PORTS);
    return 0;
}

/* A free port on @hub itself first, then on the hubs plugged into it. */
static vrQemuUSBHub *
vrQemuUSBFindFree(vrQemuUSBHub *hub, unsigned int *path, size_t level, size_t *depth)
{
    unsigned int p;

    if (level >= 5)
        return NULL;
    for (p = 0; p < hub->nports; p++) {
        if (!hub->used[p]) {
            path[level] = p + 1;
            *depth = level + 1;
            return hub;
        }
    }
    for (p = 0; p < hub->nports; p++) {
        vrQemuUSBHub *found;
        if (!hub->child[p])
            continue;
        path[level] = p + 1;
        if ((found = vrQemuUSBFindFree(hub->child[p], path, level + 1, depth)))
            return found;
    }
    return NULL;
}

static int
vrQemuUSBAssign(vrQemuUSBSet *set, const vrDomainDef *def, vrDomainDeviceInfo *info,
                const char *what, bool isHub)
{
    unsigned int path[5];
    size_t depth = 0, b, i;
    vrQemuUSBHub *hub = NULL;
    GString *port;

    if (info->addr.type == VR_DOMAIN_ADDRESS_USB && info->addr.u.usb.port[0])
        return 0;
    if (info->addr.type != VR_DOMAIN_ADDRESS_NONE && info->addr.type != VR_DOMAIN_ADDRESS_USB)
        return 0;
    for (b = 0; b < set->nbuses && !hub; b++) {
        if (set->buses[b])
            hub = vrQemuUSBFindFree(set->buses[b], path, 0, &depth);
    }
    if (!hub) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "No free USB ports for %s in guest '%s'",
                      what, def->name);
        return -1;
    }
    hub->used[path[depth - 1] - 1] = true;
    if (isHub)
        hub->child[path[depth - 1] - 1] = vrQemuUSBHubNew(USB_HUB_PORTS);
    port = g_string_new(NULL);
    for (i = 0; i < depth; i++)
        g_string_append_printf(port, "%s%u", i ? "." : "", path[i]);
    memset(&info->addr, 0, sizeof(info->addr));
    info->addr.type = VR_DOMAIN_ADDRESS_USB;
    info->addr.u.usb.bus = (unsigned int)(b - 1);
    g_strlcpy(info->addr.u.usb.port, port->str, sizeof(info->addr.u.usb.port));
    g_string_free(port, TRUE);
    return 0;
}

/* One USB device: its info and how to name it. */
typedef struct {
    vrDomainDeviceInfo *info;
    char *what;
    bool isHub;
} vrQemuUSBDev;

static void
vrQemuUSBDevAdd(GArray *devs, vrDomainDeviceInfo *info, char *what, bool isHub)
{
    vrQemuUSBDev d = { info, what, isHub };

    g_array_append_val(devs, d);
}

static void
vrQemuUSBDevClear(gpointer p)
{
    g_free(((vrQemuUSBDev *)p)->what);
}

/* USB devices in the order their ports are handed out: hubs, then host
 * devices, disks, CCID controllers, inputs, serial ports, sound cards
 * and redirected devices. */
static GArray *
vrQemuUSBDevices(vrDomainDef *def)
{
    GArray *devs = g_array_new(FALSE, FALSE, sizeof(vrQemuUSBDev));
    size_t i;

    g_array_set_clear_func(devs, vrQemuUSBDevClear);
    for (i = 0; i < def->nhubs; i++)
        vrQemuUSBDevAdd(devs, &def->hubs[i]->info, g_strdup_printf("hub %zu", i), true);
    for (i = 0; i < def->nhostdevs; i++) {
        vrDomainHostdevDef *h = def->hostdevs[i];
        if (h->mode == VR_DOMAIN_HOSTDEV_MODE_SUBSYS && h->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB)
            vrQemuUSBDevAdd(devs, &h->info, g_strdup_printf("hostdev %zu", i), false);
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->bus == VR_DOMAIN_DISK_BUS_USB)
            vrQemuUSBDevAdd(devs, &def->disks[i]->info,
                            g_strdup_printf("disk '%s'", def->disks[i]->dst), false);
    }
    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == VR_DOMAIN_CONTROLLER_TYPE_CCID)
            vrQemuUSBDevAdd(devs, &def->controllers[i]->info,
                            g_strdup_printf("controller 'ccid' index %d", def->controllers[i]->idx), false);
    }
    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == VR_DOMAIN_INPUT_BUS_USB)
            vrQemuUSBDevAdd(devs, &def->inputs[i]->info, g_strdup_printf("input %zu", i), false);
    }
    for (i = 0; i < def->nserials; i++) {
        if (def->serials[i]->targetType == VR_DOMAIN_CHR_SERIAL_TARGET_USB)
            vrQemuUSBDevAdd(devs, &def->serials[i]->info, g_strdup_printf("serial %zu", i), false);
    }
    for (i = 0; i < def->nsounds; i++) {
        if (def->sounds[i]->model == VR_DOMAIN_SOUND_MODEL_USB)
            vrQemuUSBDevAdd(devs, &def->sounds[i]->info, g_strdup_printf("sound %zu", i), false);
    }
    for (i = 0; i < def->nredirdevs; i++)
        vrQemuUSBDevAdd(devs, &def->redirdevs[i]->info, g_strdup_printf("redirdev %zu", i), false);
    return devs;
}

static bool
vrQemuUSBHasController(const vrQemuUSBSet *set)
{
    size_t i;

    for (i = 0; i < set->nbuses; i++) {
        if (set->buses[i])
            return true;
    }
    return false;
}

int
vrQemuDomainAssignUSBAddresses(vrDomainDef *def)
{
    g_autoptr(GArray) devs = vrQemuUSBDevices(def);
    vrQemuUSBSet set;
    int ret = -1;
    guint i;

    if (!devs->len)
        return 0;
    vrQemuUSBSetInit(&set, def);
    if (!vrQemuUSBHasController(&set)) {
        const vrQemuUSBDev *d = &g_array_index(devs, vrQemuUSBDev, 0);
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "%s of guest '%s' needs a USB bus, but USB is disabled", d->what, def->name);
        goto cleanup;
    }
    /* addresses the document gives, hubs among them first */
    for (i = 0; i < devs->len; i++) {
        vrQemuUSBDev *d = &g_array_index(devs, vrQemuUSBDev, i);
        if (d->isHub && vrQemuUSBReserve(&set, def, d->info, d->what, true) < 0)
            goto cleanup;
    }
    for (i = 0; i < devs->len; i++) {
        vrQemuUSBDev *d = &g_array_index(devs, vrQemuUSBDev, i);
        if (!d->isHub && vrQemuUSBReserve(&set, def, d->info, d->what, false) < 0)
            goto cleanup;
    }
    for (i = 0; i < devs->len; i++) {
        vrQemuUSBDev *d = &g_array_index(devs, vrQemuUSBDev, i);
        if (vrQemuUSBAssign(&set, def, d->info, d->what, d->isHub) < 0)
            goto cleanup;
    }
    ret = 0;
 cleanup:
    vrQemuUSBSetFree(&set);
    return ret;
}

/* ---- DIMM slots ------------------------------------------------------ */

static bool
vrQemuMemoryHasSlot(const vrDomainMemoryDef *m)
{
    return m->model == VR_DOMAIN_MEMORY_MODEL_DIMM || m->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM;
}

static bool
vrQemuDimmSlotUsed(const vrDomainDef *def, unsigned int slot, const vrDomainMemoryDef *self)
{
    size_t i;

    for (i = 0; i < def->nmemories; i++) {
        const vrDomainDeviceAddress *a = &def->memories[i]->info.addr;
        if (def->memories[i] != self && a->type == VR_DOMAIN_ADDRESS_DIMM && a->u.dimm.slot == slot)
            return true;
    }
    return false;
}

int
vrQemuDomainAssignDimmSlots(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nmemories; i++) {
        vrDomainMemoryDef *m = def->memories[i];
        const vrDomainDeviceAddress *a = &m->info.addr;
        if (!vrQemuMemoryHasSlot(m) || a->type != VR_DOMAIN_ADDRESS_DIMM)
            continue;
        if (def->maxMemorySlots && a->u.dimm.slot >= def->maxMemorySlots) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "memory device slot %u of guest '%s' is beyond the %u slots of <maxMemory>",
                          a->u.dimm.slot, def->name, def->maxMemorySlots);
            return -1;
        }
        if (vrQemuDimmSlotUsed(def, a->u.dimm.slot, m)) {
            vrReportError(VR_ERR_XML_ERROR, "memory device slot %u of guest '%s' is used twice",
                          a->u.dimm.slot, def->name);
            return -1;
        }
    }
    for (i = 0; i < def->nmemories; i++) {
        vrDomainMemoryDef *m = def->memories[i];
        unsigned int slot = 0;
        if (!vrQemuMemoryHasSlot(m) || m->info.addr.type != VR_DOMAIN_ADDRESS_NONE)
            continue;
        while (vrQemuDimmSlotUsed(def, slot, m))
            slot++;
        if (def->maxMemorySlots && slot >= def->maxMemorySlots) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "no free memory slot for memory device %zu of guest '%s' (<maxMemory> has %u)",
                          i, def->name, def->maxMemorySlots);
            return -1;
        }
        memset(&m->info.addr, 0, sizeof(m->info.addr));
        m->info.addr.type = VR_DOMAIN_ADDRESS_DIMM;
        m->info.addr.u.dimm.slot = slot;
    }
    return 0;
}
