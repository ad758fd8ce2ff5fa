/*
 * qemu_domain_address.c: PCI addresses of a QEMU guest's devices (see
 * qemu_domain_address.h for the rules), and the entry point that hands
 * out every kind of address.
 *
 * PCI assignment runs twice.  A dry run walks the devices on a copy of
 * the bus layout that may grow, to learn which bridges and root ports
 * are missing; those controllers are added to the definition, and the
 * real run then walks the devices again on the final layout, in the same
 * order, storing addresses.  Two runs are needed because the new
 * controllers are themselves PCI devices that come first in the order.
 */
#include <config.h>

#include <string.h>

#include "qemu_domain_address.h"
#include "qemu_postparse.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* What a device plugs into (and, for a bus, what it takes). */
typedef enum {
    PCI_CONN_PCI = 1 << 0,            /* conventional PCI endpoint */
    PCI_CONN_PCIE = 1 << 1,           /* PCI Express endpoint */
    PCI_CONN_PCI_BRIDGE = 1 << 2,
    PCI_CONN_ROOT_PORT = 1 << 3,
    PCI_CONN_PCIE_TO_PCI = 1 << 4,
    PCI_CONN_DMI_TO_PCI = 1 << 5,
    PCI_CONN_SWITCH_UP = 1 << 6,
    PCI_CONN_SWITCH_DOWN = 1 << 7,
    PCI_CONN_PXB = 1 << 8,
    PCI_CONN_PXB_PCIE = 1 << 9,
} vrQemuPCIConnect;

/* Root ports and switch downstream ports share slots, one per function. */
#define PCI_CONN_AGGREGATE (PCI_CONN_ROOT_PORT | PCI_CONN_SWITCH_DOWN)

typedef struct {
    int model;                     /* vrDomainControllerModelPCI */
    unsigned int minSlot, maxSlot;
    unsigned int accepts;          /* vrQemuPCIConnect */
    unsigned char used[32];        /* a bit per function */
    unsigned char aggregated[32];  /* functions taken by root/downstream ports */
    const char *owner[32][8];      /* who holds each function, for messages */
    char *ownerBuf[32][8];
} vrQemuPCIBus;

typedef struct {
    vrQemuPCIBus *buses;
    size_t nbuses;
    bool q35;
    bool dryRun;                   /* may grow; stores nothing in the definition */
    GArray *added;                 /* models of the buses the dry run added */
    GHashTable *placed;            /* dry run: infos it gave an address */
    /* where the first USB companion set of each index went (dry run too) */
    int usbSlot[8];
    int usbBus[8];
} vrQemuPCISet;

/* ---- buses ------------------------------------------------------------ */

static void
vrQemuPCIBusInit(vrQemuPCIBus *bus, int model)
{
    memset(bus, 0, sizeof(*bus));
    bus->model = model;
    bus->minSlot = 1;
    bus->maxSlot = 31;
    switch ((vrDomainControllerModelPCI)model) {
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT:
        bus->accepts = PCI_CONN_PCI | PCI_CONN_PCI_BRIDGE | PCI_CONN_PXB;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT:
        bus->accepts = PCI_CONN_ROOT_PORT | PCI_CONN_DMI_TO_PCI | PCI_CONN_PXB_PCIE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE:
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        bus->accepts = PCI_CONN_PCI | PCI_CONN_PCI_BRIDGE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        bus->minSlot = 0;
        bus->accepts = PCI_CONN_PCI_BRIDGE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT:
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        bus->minSlot = bus->maxSlot = 0;
        bus->accepts = PCI_CONN_PCIE | PCI_CONN_PCIE_TO_PCI | PCI_CONN_SWITCH_UP;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        bus->minSlot = 0;
        bus->accepts = PCI_CONN_SWITCH_DOWN;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
        bus->minSlot = 0;
        bus->accepts = PCI_CONN_PCI | PCI_CONN_PCI_BRIDGE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        bus->minSlot = 0;
        bus->accepts = PCI_CONN_ROOT_PORT;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_LAST:
        bus->accepts = 0;
        break;
    }
}

static void
vrQemuPCISetFree(vrQemuPCISet *set)
{
    size_t b, s, f;

    for (b = 0; b < set->nbuses; b++)
        for (s = 0; s < 32; s++)
            for (f = 0; f < 8; f++)
                g_free(set->buses[b].ownerBuf[s][f]);
    g_free(set->buses);
    if (set->added)
        g_array_unref(set->added);
    if (set->placed)
        g_hash_table_unref(set->placed);
    memset(set, 0, sizeof(*set));
}

static void
vrQemuPCISetAddBus(vrQemuPCISet *set, int model)
{
    set->buses = g_renew(vrQemuPCIBus, set->buses, set->nbuses + 1);
    vrQemuPCIBusInit(&set->buses[set->nbuses], model);
    set->nbuses++;
}

static int
vrQemuPCIControllerModel(const vrDomainControllerDef *c)
{
    return c->model >= 0 ? c->model : VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE;
}

/* The layout the PCI controllers of @def describe: bus N is the
 * controller with index N.  A missing index is an error. */
static int
vrQemuPCISetInit(vrQemuPCISet *set, const vrDomainDef *def, bool dryRun)
{
    int maxIdx = -1;
    size_t i;
    int idx;

    memset(set, 0, sizeof(*set));
    set->q35 = vrQemuDomainIsQ35(def);
    set->dryRun = dryRun;
    set->added = g_array_new(FALSE, FALSE, sizeof(int));
    set->placed = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (i = 0; i < G_N_ELEMENTS(set->usbSlot); i++)
        set->usbSlot[i] = set->usbBus[i] = -1;
    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI && c->idx > maxIdx)
            maxIdx = c->idx;
    }
    for (idx = 0; idx <= maxIdx; idx++) {
        const vrDomainControllerDef *found = NULL;
        for (i = 0; i < def->ncontrollers; i++) {
            if (def->controllers[i]->type == VR_DOMAIN_CONTROLLER_TYPE_PCI &&
                def->controllers[i]->idx == idx)
                found = def->controllers[i];
        }
        if (!found) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "PCI controller index %d is missing in guest '%s' (indexes must run from 0 without gaps)",
                          idx, def->name);
            return -1;
        }
        vrQemuPCISetAddBus(set, vrQemuPCIControllerModel(found));
    }
    return 0;
}

/* ---- describing devices ------------------------------------------ */

typedef enum {
    PCI_DEV_CONTROLLER,
    PCI_DEV_FS,
    PCI_DEV_NET,
    PCI_DEV_SOUND,
    PCI_DEV_DISK,
    PCI_DEV_HOSTDEV,
    PCI_DEV_MEMBALLOON,
    PCI_DEV_RNG,
    PCI_DEV_WATCHDOG,
    PCI_DEV_VIDEO,
    PCI_DEV_SHMEM,
    PCI_DEV_INPUT,
    PCI_DEV_SERIAL,
    PCI_DEV_VSOCK,
    PCI_DEV_IOMMU,
    PCI_DEV_CRYPTO,
    PCI_DEV_MEMORY,
} vrQemuPCIDevKind;

typedef struct {
    int kind;                      /* vrQemuPCIDevKind */
    const void *dev;
    vrDomainDeviceInfo *info;
    unsigned int flags;            /* vrQemuPCIConnect */
    size_t index;                  /* position among its kind */
} vrQemuPCIDev;

/* "disk 'vda'", "interface 52:54:00:12:34:56", ... */
static char *
vrQemuPCIDevDescribe(const vrQemuPCIDev *d)
{
    char mac[18];

    switch ((vrQemuPCIDevKind)d->kind) {
    case PCI_DEV_CONTROLLER: {
        const vrDomainControllerDef *c = d->dev;
        return g_strdup_printf("controller '%s' index %d",
                               vrDomainControllerTypeTypeToString(c->type), c->idx);
    }
    case PCI_DEV_FS:
        return g_strdup_printf("filesystem '%s'", ((const vrDomainFSDef *)d->dev)->dst);
    case PCI_DEV_NET:
        vrMacFormat(((const vrDomainNetDef *)d->dev)->mac, mac);
        return g_strdup_printf("interface %s", mac);
    case PCI_DEV_SOUND:
        return g_strdup_printf("sound '%s'",
                               vrDomainSoundModelTypeToString(((const vrDomainSoundDef *)d->dev)->model));
    case PCI_DEV_DISK:
        return g_strdup_printf("disk '%s'", ((const vrDomainDiskDef *)d->dev)->dst);
    case PCI_DEV_HOSTDEV: {
        const vrPCIAddress *a = &((const vrDomainHostdevDef *)d->dev)->pciAddr;
        return g_strdup_printf("hostdev %04x:%02x:%02x.%x", a->domain, a->bus, a->slot,
                               a->function);
    }
    case PCI_DEV_MEMBALLOON:
        return g_strdup("memballoon");
    case PCI_DEV_RNG:
        return g_strdup_printf("rng %zu", d->index);
    case PCI_DEV_WATCHDOG:
        return g_strdup("watchdog");
    case PCI_DEV_VIDEO:
        return g_strdup_printf("video %zu ('%s')", d->index,
                               vrDomainVideoTypeToString(((const vrDomainVideoDef *)d->dev)->type));
    case PCI_DEV_SHMEM:
        return g_strdup_printf("shmem '%s'", ((const vrDomainShmemDef *)d->dev)->name);
    case PCI_DEV_INPUT:
        return g_strdup_printf("input %zu ('%s')", d->index,
                               vrDomainInputTypeToString(((const vrDomainInputDef *)d->dev)->type));
    case PCI_DEV_SERIAL:
        return g_strdup_printf("serial %zu", d->index);
    case PCI_DEV_VSOCK:
        return g_strdup("vsock");
    case PCI_DEV_IOMMU:
        return g_strdup("iommu");
    case PCI_DEV_CRYPTO:
        return g_strdup_printf("crypto %zu", d->index);
    case PCI_DEV_MEMORY:
        return g_strdup_printf("memory %zu", d->index);
    }
    return g_strdup("device");
}

void
vrQemuPCIAddressFormat(const vrDomainDeviceAddress *addr, char *buf)
{
    g_snprintf(buf, 16, "%04x:%02x:%02x.%x", addr->u.pci.domain & 0xffff,
               addr->u.pci.bus & 0xff, addr->u.pci.slot & 0x1f, addr->u.pci.function & 0x7);
}

/* ---- connect flags ------------------------------------------------ */

/* A virtio device is PCI Express unless its model asks for the
 * transitional (conventional PCI) flavour. */
static unsigned int
vrQemuVirtioFlags(bool transitional)
{
    return transitional ? PCI_CONN_PCI : PCI_CONN_PCIE;
}

static unsigned int
vrQemuPCIControllerFlags(const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerModelPCI)vrQemuPCIControllerModel(c)) {
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE:
        return PCI_CONN_PCI_BRIDGE;
    case VR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        return PCI_CONN_DMI_TO_PCI;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        return PCI_CONN_ROOT_PORT;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        return PCI_CONN_SWITCH_UP;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        return PCI_CONN_SWITCH_DOWN;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
        return PCI_CONN_PXB;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        return PCI_CONN_PXB_PCIE;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        return PCI_CONN_PCIE_TO_PCI;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT:
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT:
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_LAST:
        break;
    }
    return 0;
}

/* 0 when the controller is not a PCI device of its own. */
static unsigned int
vrQemuControllerFlags(const vrDomainDef *def, const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerType)c->type) {
    case VR_DOMAIN_CONTROLLER_TYPE_PCI:
        return vrQemuPCIControllerFlags(c);
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
        if (c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NONE ||
            c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_QUSB1 ||
            c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_QUSB2)
            return 0;
        if (c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI ||
            c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI)
            return PCI_CONN_PCIE;
        return PCI_CONN_PCI;
    case VR_DOMAIN_CONTROLLER_TYPE_SCSI:
        switch ((vrDomainControllerModelSCSI)c->model) {
        case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI:
        case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL:
            return vrQemuVirtioFlags(false);
        case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL:
            return vrQemuVirtioFlags(true);
        case VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078:
        case VR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI:
            return PCI_CONN_PCIE;
        case VR_DOMAIN_CONTROLLER_MODEL_SCSI_IBMVSCSI:
            return 0;
        default:
            return PCI_CONN_PCI;
        }
    case VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL:
        return vrQemuVirtioFlags(c->model ==
                                 VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL);
    case VR_DOMAIN_CONTROLLER_TYPE_SATA:
        return PCI_CONN_PCI;
    case VR_DOMAIN_CONTROLLER_TYPE_IDE:
        /* the PIIX3 IDE function is part of the chipset */
        return vrQemuDomainIsI440fx(def) ? 0 : PCI_CONN_PCI;
    case VR_DOMAIN_CONTROLLER_TYPE_FDC:
    case VR_DOMAIN_CONTROLLER_TYPE_CCID:
    case VR_DOMAIN_CONTROLLER_TYPE_XENBUS:
    case VR_DOMAIN_CONTROLLER_TYPE_ISA:
    case VR_DOMAIN_CONTROLLER_TYPE_LAST:
        break;
    }
    return 0;
}

static unsigned int
vrQemuNetFlags(const vrDomainNetDef *net)
{
    const char *m = net->model;

    if (net->type == VR_DOMAIN_NET_TYPE_HOSTDEV)
        return PCI_CONN_PCIE;
    if (!m)
        return PCI_CONN_PCI;
    if (g_str_equal(m, "virtio") || g_str_equal(m, "virtio-non-transitional"))
        return vrQemuVirtioFlags(false);
    if (g_str_equal(m, "virtio-transitional"))
        return vrQemuVirtioFlags(true);
    if (g_str_equal(m, "e1000e") || g_str_equal(m, "vmxnet3") || g_str_equal(m, "igb"))
        return PCI_CONN_PCIE;
    if (g_str_equal(m, "usb-net") || g_str_equal(m, "spapr-vlan") || g_str_equal(m, "lan9118") ||
        g_str_equal(m, "smc91c111"))
        return 0;
    return PCI_CONN_PCI;
}

static unsigned int
vrQemuVideoFlags(const vrDomainVideoDef *v)
{
    switch ((vrDomainVideoType)v->type) {
    case VR_DOMAIN_VIDEO_TYPE_VIRTIO:
        return vrQemuVirtioFlags(false);
    case VR_DOMAIN_VIDEO_TYPE_NONE:
    case VR_DOMAIN_VIDEO_TYPE_RAMFB:
    case VR_DOMAIN_VIDEO_TYPE_DEFAULT:
        return 0;
    default:
        return PCI_CONN_PCI;
    }
}

static unsigned int
vrQemuHostdevFlags(const vrDomainHostdevDef *h)
{
    if (h->mode != VR_DOMAIN_HOSTDEV_MODE_SUBSYS)
        return 0;
    switch ((vrDomainHostdevSubsysType)h->type) {
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI:
        return PCI_CONN_PCIE;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV:
        return h->mdevModel == VR_DOMAIN_MDEV_MODEL_VFIO_PCI ? PCI_CONN_PCIE : 0;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST:
        return vrQemuVirtioFlags(h->scsiHostModel ==
                                 VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_TRANSITIONAL);
    default:
        return 0;
    }
}

static unsigned int
vrQemuSoundFlags(const vrDomainSoundDef *s)
{
    switch ((vrDomainSoundModel)s->model) {
    case VR_DOMAIN_SOUND_MODEL_SB16:
    case VR_DOMAIN_SOUND_MODEL_PCSPK:
    case VR_DOMAIN_SOUND_MODEL_USB:
    case VR_DOMAIN_SOUND_MODEL_LAST:
        return 0;
    default:
        return PCI_CONN_PCI;
    }
}

static unsigned int
vrQemuMemoryFlags(const vrDomainMemoryDef *m)
{
    if (m->model == VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM || m->model == VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM)
        return vrQemuVirtioFlags(false);
    return 0;
}

/* ---- walking the devices in libvirt's order ------------------------ */

typedef int (*vrQemuPCIDevFunc)(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d);

#define PCI_VISIT(k, devp, infop, fl, idx) \
    do { \
        vrQemuPCIDev _d = { (k), (devp), (infop), (fl), (idx) }; \
        if (_d.flags && fn(set, def, &_d) < 0) \
            return -1; \
    } while (0)

static int
vrQemuPCIWalkFront(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDevFunc fn)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI)
            PCI_VISIT(PCI_DEV_CONTROLLER, c, &c->info, vrQemuPCIControllerFlags(c), i);
    }
    for (i = 0; i < def->nfilesystems; i++) {
        vrDomainFSDef *fs = def->filesystems[i];
        PCI_VISIT(PCI_DEV_FS, fs, &fs->info,
                  vrQemuVirtioFlags(fs->model == VR_DOMAIN_FS_MODEL_VIRTIO_TRANSITIONAL), i);
    }
    for (i = 0; i < def->nnets; i++)
        PCI_VISIT(PCI_DEV_NET, def->nets[i], &def->nets[i]->info, vrQemuNetFlags(def->nets[i]), i);
    for (i = 0; i < def->nsounds; i++)
        PCI_VISIT(PCI_DEV_SOUND, def->sounds[i], &def->sounds[i]->info,
                  vrQemuSoundFlags(def->sounds[i]), i);
    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_PCI)
            PCI_VISIT(PCI_DEV_CONTROLLER, c, &c->info, vrQemuControllerFlags(def, c), i);
    }
    for (i = 0; i < def->ndisks; i++) {
        vrDomainDiskDef *disk = def->disks[i];
        if (disk->bus == VR_DOMAIN_DISK_BUS_VIRTIO)
            PCI_VISIT(PCI_DEV_DISK, disk, &disk->info,
                      vrQemuVirtioFlags(disk->model == VR_DOMAIN_DISK_MODEL_VIRTIO_TRANSITIONAL), i);
    }
    for (i = 0; i < def->nhostdevs; i++)
        PCI_VISIT(PCI_DEV_HOSTDEV, def->hostdevs[i], &def->hostdevs[i]->info,
                  vrQemuHostdevFlags(def->hostdevs[i]), i);
    return 0;
}

static int
vrQemuPCIWalkBack(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDevFunc fn)
{
    size_t i;

    if (def->memballoon && def->memballoon->model != VR_DOMAIN_MEMBALLOON_MODEL_NONE &&
        def->memballoon->model != VR_DOMAIN_MEMBALLOON_MODEL_XEN)
        PCI_VISIT(PCI_DEV_MEMBALLOON, def->memballoon, &def->memballoon->info,
                  vrQemuVirtioFlags(def->memballoon->model ==
                                    VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL), 0);
    for (i = 0; i < def->nrngs; i++)
        PCI_VISIT(PCI_DEV_RNG, def->rngs[i], &def->rngs[i]->info,
                  vrQemuVirtioFlags(def->rngs[i]->model == VR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL), i);
    if (def->watchdog && def->watchdog->model == VR_DOMAIN_WATCHDOG_MODEL_I6300ESB)
        PCI_VISIT(PCI_DEV_WATCHDOG, def->watchdog, &def->watchdog->info, PCI_CONN_PCI, 0);
    for (i = 0; i < def->nvideos; i++)
        PCI_VISIT(PCI_DEV_VIDEO, def->videos[i], &def->videos[i]->info,
                  vrQemuVideoFlags(def->videos[i]), i);
    for (i = 0; i < def->nshmems; i++)
        PCI_VISIT(PCI_DEV_SHMEM, def->shmems[i], &def->shmems[i]->info, PCI_CONN_PCI, i);
    for (i = 0; i < def->ninputs; i++) {
        vrDomainInputDef *in = def->inputs[i];
        if (in->bus == VR_DOMAIN_INPUT_BUS_VIRTIO)
            PCI_VISIT(PCI_DEV_INPUT, in, &in->info,
                      vrQemuVirtioFlags(in->model == VR_DOMAIN_INPUT_MODEL_VIRTIO_TRANSITIONAL), i);
    }
    for (i = 0; i < def->nserials; i++) {
        vrDomainChrDef *chr = def->serials[i];
        if (chr->targetType == VR_DOMAIN_CHR_SERIAL_TARGET_PCI)
            PCI_VISIT(PCI_DEV_SERIAL, chr, &chr->info, PCI_CONN_PCI, i);
    }
    if (def->vsock)
        PCI_VISIT(PCI_DEV_VSOCK, def->vsock, &def->vsock->info,
                  vrQemuVirtioFlags(def->vsock->model == VR_DOMAIN_VSOCK_MODEL_VIRTIO_TRANSITIONAL), 0);
    if (def->iommu && def->iommu->model == VR_DOMAIN_IOMMU_MODEL_VIRTIO)
        PCI_VISIT(PCI_DEV_IOMMU, def->iommu, &def->iommu->info, PCI_CONN_PCIE, 0);
    for (i = 0; i < def->ncryptos; i++)
        PCI_VISIT(PCI_DEV_CRYPTO, def->cryptos[i], &def->cryptos[i]->info, PCI_CONN_PCIE, i);
    for (i = 0; i < def->nmemories; i++)
        PCI_VISIT(PCI_DEV_MEMORY, def->memories[i], &def->memories[i]->info,
                  vrQemuMemoryFlags(def->memories[i]), i);
    return 0;
}

static int
vrQemuPCIWalk(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDevFunc fn)
{
    if (vrQemuPCIWalkFront(set, def, fn) < 0)
        return -1;
    return vrQemuPCIWalkBack(set, def, fn);
}

/* ---- marking slots ------------------------------------------------ */

/* An all-zero PCI address (<address type='pci'/>) asks for one. */
static bool
vrQemuPCIAddressWanted(const vrDomainDeviceAddress *a)
{
    if (a->type == VR_DOMAIN_ADDRESS_NONE)
        return true;
    return a->type == VR_DOMAIN_ADDRESS_PCI && !a->u.pci.domain && !a->u.pci.bus &&
           !a->u.pci.slot && !a->u.pci.function;
}

static bool
vrQemuPCIFunctionUsed(const vrQemuPCISet *set, unsigned int bus, unsigned int slot,
                      unsigned int fn)
{
    return set->buses[bus].used[slot] & (1u << fn);
}

static void
vrQemuPCIMark(vrQemuPCISet *set, unsigned int bus, unsigned int slot, unsigned int fn,
              unsigned int flags, const char *owner, char *ownerBuf)
{
    vrQemuPCIBus *b = &set->buses[bus];

    b->used[slot] |= 1u << fn;
    if (flags & PCI_CONN_AGGREGATE)
        b->aggregated[slot] |= 1u << fn;
    g_free(b->ownerBuf[slot][fn]);
    b->ownerBuf[slot][fn] = ownerBuf;
    b->owner[slot][fn] = ownerBuf ? ownerBuf : owner;
}

/* Whether @info still needs an address (a dry run remembers what it
 * placed, since it stores nothing). */
static bool
vrQemuPCIWanted(const vrQemuPCISet *set, const vrDomainDeviceInfo *info)
{
    return vrQemuPCIAddressWanted(&info->addr) && !g_hash_table_contains(set->placed, info);
}

static void
vrQemuPCIStore(vrQemuPCISet *set, vrDomainDeviceInfo *info, unsigned int bus, unsigned int slot,
               unsigned int fn)
{
    if (set->dryRun) {
        g_hash_table_add(set->placed, info);
        return;
    }
    memset(&info->addr, 0, sizeof(info->addr));
    info->addr.type = VR_DOMAIN_ADDRESS_PCI;
    info->addr.u.pci.bus = bus;
    info->addr.u.pci.slot = slot;
    info->addr.u.pci.function = fn;
}

/* ---- finding free slots --------------------------------------------- */

/* On i440fx there is no PCI Express: express devices are plain PCI. */
static unsigned int
vrQemuPCIEffectiveFlags(const vrQemuPCISet *set, unsigned int flags)
{
    if (!set->q35 && (flags & PCI_CONN_PCIE))
        flags = (flags & ~PCI_CONN_PCIE) | PCI_CONN_PCI;
    return flags;
}

static bool
vrQemuPCISlotFree(const vrQemuPCIBus *b, unsigned int slot, unsigned int flags, unsigned int *fn)
{
    unsigned int f;

    if (!b->used[slot]) {
        *fn = 0;
        return true;
    }
    /* ports fill the functions of a slot that only holds ports */
    if (!(flags & PCI_CONN_AGGREGATE) || b->used[slot] != b->aggregated[slot])
        return false;
    for (f = 0; f < 8; f++) {
        if (!(b->used[slot] & (1u << f))) {
            *fn = f;
            return true;
        }
    }
    return false;
}

static bool
vrQemuPCIFindFree(const vrQemuPCISet *set, unsigned int flags, unsigned int *bus,
                  unsigned int *slot, unsigned int *fn)
{
    size_t b;
    unsigned int s;

    for (b = 0; b < set->nbuses; b++) {
        const vrQemuPCIBus *pb = &set->buses[b];
        if (!(pb->accepts & flags))
            continue;
        for (s = pb->minSlot; s <= pb->maxSlot; s++) {
            if (vrQemuPCISlotFree(pb, s, flags, fn)) {
                *bus = b;
                *slot = s;
                return true;
            }
        }
    }
    return false;
}

static int vrQemuPCIGrow(vrQemuPCISet *set, unsigned int flags);

/* A free slot for a device of @flags, growing the layout in a dry run. */
static int
vrQemuPCIReserveNext(vrQemuPCISet *set, unsigned int flags, const char *name,
                     unsigned int *bus, unsigned int *slot, unsigned int *fn)
{
    flags = vrQemuPCIEffectiveFlags(set, flags);
    while (!vrQemuPCIFindFree(set, flags, bus, slot, fn)) {
        if (!set->dryRun) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "No more available PCI slots for %s", name);
            return -1;
        }
        if (vrQemuPCIGrow(set, flags) < 0)
            return -1;
    }
    vrQemuPCIMark(set, *bus, *slot, *fn, flags, NULL, g_strdup(name));
    return 0;
}

/* Adds the controller a device of @flags could plug into; the new
 * controller takes its own slot first, so a root port that a bridge
 * needs gets the lower index. */
static int
vrQemuPCIGrow(vrQemuPCISet *set, unsigned int flags)
{
    int model;
    unsigned int up, bus, slot, fn;

    if (flags & (PCI_CONN_PCI | PCI_CONN_PCI_BRIDGE)) {
        model = set->q35 ? VR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE
                         : VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE;
        up = set->q35 ? PCI_CONN_PCIE_TO_PCI : PCI_CONN_PCI_BRIDGE;
    } else if (set->q35 && (flags & (PCI_CONN_PCIE | PCI_CONN_PCIE_TO_PCI | PCI_CONN_SWITCH_UP))) {
        model = VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT;
        up = PCI_CONN_ROOT_PORT;
    } else {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "No more available PCI slots");
        return -1;
    }
    if (vrQemuPCIFindFree(set, up, &bus, &slot, &fn)) {
        vrQemuPCIMark(set, bus, slot, fn, up, NULL,
                      g_strdup(vrDomainControllerModelPCITypeToString(model)));
    } else if (up == PCI_CONN_PCIE_TO_PCI) {
        /* a pcie-to-pci-bridge first needs a root port of its own */
        if (vrQemuPCIReserveNext(set, up, vrDomainControllerModelPCITypeToString(model),
                                 &bus, &slot, &fn) < 0)
            return -1;
    } else if (up == PCI_CONN_ROOT_PORT) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "No more available PCI slots for pcie-root-port controllers");
        return -1;
    }
    /* else: a pci-bridge on a full bus 0 is placed by the real run, where
     * controllers come first and push one device onto the bridge */
    vrQemuPCISetAddBus(set, model);
    g_array_append_val(set->added, model);
    return 0;
}

/* ---- user addresses -------------------------------------------------- */

static int
vrQemuPCICheckUserAddress(const vrQemuPCISet *set, const vrDomainDef *def,
                          const vrQemuPCIDev *d)
{
    const vrDomainDeviceAddress *a = &d->info->addr;
    g_autofree char *what = vrQemuPCIDevDescribe(d);
    char addr[16];
    const vrQemuPCIBus *b;

    vrQemuPCIAddressFormat(a, addr);
    if (a->u.pci.domain != 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "PCI address %s of %s in guest '%s': only PCI domain 0 is available",
                      addr, what, def->name);
        return -1;
    }
    if (a->u.pci.bus >= set->nbuses) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "PCI address %s of %s in guest '%s': there is no PCI controller with index %u",
                      addr, what, def->name, a->u.pci.bus);
        return -1;
    }
    b = &set->buses[a->u.pci.bus];
    if (a->u.pci.slot > 31 || a->u.pci.function > 7 || a->u.pci.slot < b->minSlot ||
        a->u.pci.slot > b->maxSlot) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "PCI address %s of %s in guest '%s': the %s with index %u has slots %u-%u",
                      addr, what, def->name, vrDomainControllerModelPCITypeToString(b->model),
                      a->u.pci.bus, b->minSlot, b->maxSlot);
        return -1;
    }
    if (vrQemuPCIFunctionUsed(set, a->u.pci.bus, a->u.pci.slot, a->u.pci.function)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "PCI address %s of %s in guest '%s' is already used by %s",
                      addr, what, def->name, b->owner[a->u.pci.slot][a->u.pci.function]);
        return -1;
    }
    return 0;
}

static int
vrQemuPCIReserveUser(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d)
{
    const vrDomainDeviceAddress *a = &d->info->addr;

    if (a->type != VR_DOMAIN_ADDRESS_PCI || vrQemuPCIAddressWanted(a))
        return 0;
    if (vrQemuPCICheckUserAddress(set, def, d) < 0)
        return -1;
    vrQemuPCIMark(set, a->u.pci.bus, a->u.pci.slot, a->u.pci.function,
                  vrQemuPCIEffectiveFlags(set, d->flags), NULL, vrQemuPCIDevDescribe(d));
    return 0;
}

/* In a dry run, addresses on buses that do not exist yet make the layout
 * grow to them (libvirt adds the bridges such a document implies). */
static int
vrQemuPCIGrowToUser(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d)
{
    const vrDomainDeviceAddress *a = &d->info->addr;
    int model = set->q35 ? VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT
                         : VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE;

    if (a->type != VR_DOMAIN_ADDRESS_PCI || vrQemuPCIAddressWanted(a) || a->u.pci.domain)
        return 0;
    while (set->nbuses && a->u.pci.bus >= set->nbuses && a->u.pci.bus < 256) {
        vrQemuPCISetAddBus(set, model);
        g_array_append_val(set->added, model);
    }
    return 0;
}

/* ---- chipset functions ------------------------------------------------ */

static void
vrQemuPCIReserveChipset(vrQemuPCISet *set, const vrDomainDef *def)
{
    if (!set->nbuses)
        return;
    if (vrQemuDomainIsI440fx(def)) {
        vrQemuPCIMark(set, 0, 1, 0, 0, "the PIIX3 ISA bridge", NULL);
        vrQemuPCIMark(set, 0, 1, 1, 0, "the PIIX3 IDE controller", NULL);
        vrQemuPCIMark(set, 0, 1, 3, 0, "the PIIX3 power management function", NULL);
    } else if (set->q35) {
        vrQemuPCIMark(set, 0, 0x1f, 0, 0, "the ICH9 LPC bridge", NULL);
        vrQemuPCIMark(set, 0, 0x1f, 3, 0, "the ICH9 SMBus controller", NULL);
    }
}

/* Devices that live at a fixed function of the chipset when they have no
 * address: the first IDE and UHCI on i440fx, the first SATA on q35. */
static void
vrQemuPCIFixedController(vrQemuPCISet *set, vrDomainControllerDef *c, bool i440fx)
{
    unsigned int slot = 0, fn = 0;

    if (!vrQemuPCIWanted(set, &c->info) || c->idx != 0)
        return;
    if (i440fx && c->type == VR_DOMAIN_CONTROLLER_TYPE_IDE) {
        slot = 1, fn = 1;
    } else if (i440fx && c->type == VR_DOMAIN_CONTROLLER_TYPE_USB &&
               c->model == VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI) {
        slot = 1, fn = 2;
    } else if (set->q35 && c->type == VR_DOMAIN_CONTROLLER_TYPE_SATA) {
        slot = 0x1f, fn = 2;
    } else {
        return;
    }
    if (fn != 1 && vrQemuPCIFunctionUsed(set, 0, slot, fn))
        return;
    vrQemuPCIMark(set, 0, slot, fn, 0, NULL,
                  g_strdup_printf("controller '%s' index 0", vrDomainControllerTypeTypeToString(c->type)));
    vrQemuPCIStore(set, &c->info, 0, slot, fn);
}

/* The first ICH9 sound card of a q35 guest is the chipset's HDA at 0x1b. */
static void
vrQemuPCIFixedSound(vrQemuPCISet *set, vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nsounds; i++) {
        vrDomainSoundDef *s = def->sounds[i];
        if (s->model != VR_DOMAIN_SOUND_MODEL_ICH9 || !vrQemuPCIWanted(set, &s->info))
            continue;
        if (!set->buses[0].used[0x1b]) {
            vrQemuPCIMark(set, 0, 0x1b, 0, 0, NULL, g_strdup("sound 'ich9'"));
            vrQemuPCIStore(set, &s->info, 0, 0x1b, 0);
        }
        return;
    }
}

/* The primary video card takes slot 2 (i440fx) or 1 (q35) when free. */
static void
vrQemuPCIFixedVideo(vrQemuPCISet *set, vrDomainDef *def)
{
    vrDomainVideoDef *v = def->nvideos ? def->videos[0] : NULL;
    unsigned int slot = set->q35 ? 1 : 2;

    if (!v || !v->primary || !vrQemuVideoFlags(v) || !vrQemuPCIWanted(set, &v->info))
        return;
    if (!vrQemuDomainIsI440fx(def) && !set->q35)
        return;
    if (set->buses[0].used[slot])
        return;
    vrQemuPCIMark(set, 0, slot, 0, 0, NULL, g_strdup("video 0"));
    vrQemuPCIStore(set, &v->info, 0, slot, 0);
}

static void
vrQemuPCIReserveFixed(vrQemuPCISet *set, vrDomainDef *def)
{
    bool i440fx = vrQemuDomainIsI440fx(def);
    size_t i;

    if (!set->nbuses)
        return;
    for (i = 0; i < def->ncontrollers; i++)
        vrQemuPCIFixedController(set, def->controllers[i], i440fx);
    if (set->q35)
        vrQemuPCIFixedSound(set, def);
    vrQemuPCIFixedVideo(set, def);
}

/* ---- USB companion controllers ------------------------------------- */

/* ich9-ehci1 and its UHCI companions share one slot: EHCI at function 7,
 * UHCI1-3 at 0-2.  On q35 the first set is the chipset's, at 0x1d (and a
 * second at 0x1a). */
static int
vrQemuUSBCompanionFunction(int model)
{
    switch (model) {
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1: return 7;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1: return 0;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2: return 1;
    case VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3: return 2;
    default: return -1;
    }
}

static int
vrQemuPCIAssignUSBCompanion(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d, int fn)
{
    const vrDomainControllerDef *c = d->dev;
    int idx = c->idx >= 0 && c->idx < 8 ? c->idx : 7;
    unsigned int bus, slot, f;

    if (set->usbSlot[idx] < 0) {
        unsigned int fixed = idx == 0 ? 0x1d : idx == 1 ? 0x1a : 0;
        if (set->q35 && fixed && !set->buses[0].used[fixed]) {
            bus = 0;
            slot = fixed;
        } else if (vrQemuPCIReserveNext(set, PCI_CONN_PCI, "USB companion set", &bus, &slot, &f) < 0) {
            return -1;
        } else {
            set->buses[bus].used[slot] &= ~(1u << f);
        }
        set->usbBus[idx] = bus;
        set->usbSlot[idx] = slot;
    }
    bus = set->usbBus[idx];
    slot = set->usbSlot[idx];
    if (vrQemuPCIFunctionUsed(set, bus, slot, fn)) {
        g_autofree char *what = vrQemuPCIDevDescribe(d);
        vrReportError(VR_ERR_XML_ERROR, "USB companion %s of guest '%s' collides with %s",
                      what, def->name, set->buses[bus].owner[slot][fn]);
        return -1;
    }
    vrQemuPCIMark(set, bus, slot, fn, 0, NULL, vrQemuPCIDevDescribe(d));
    vrQemuPCIStore(set, d->info, bus, slot, fn);
    if (!set->dryRun && fn == 0 && set->buses[bus].used[slot] != 1)
        d->info->addr.u.pci.multifunction = VR_TRISTATE_ON;
    return 0;
}

/* ---- auto assignment ------------------------------------------------ */

static int
vrQemuPCIAssignOne(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d)
{
    unsigned int bus, slot, fn;
    g_autofree char *what = NULL;

    if (!vrQemuPCIWanted(set, d->info))
        return 0;
    if (d->kind == PCI_DEV_CONTROLLER) {
        const vrDomainControllerDef *c = d->dev;
        int compFn = c->type == VR_DOMAIN_CONTROLLER_TYPE_USB ? vrQemuUSBCompanionFunction(c->model) : -1;
        if (compFn >= 0)
            return vrQemuPCIAssignUSBCompanion(set, def, d, compFn);
    }
    what = vrQemuPCIDevDescribe(d);
    if (vrQemuPCIReserveNext(set, d->flags, what, &bus, &slot, &fn) < 0)
        return -1;
    vrQemuPCIStore(set, d->info, bus, slot, fn);
    return 0;
}

static int
vrQemuPCIReserveUserCb(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d)
{
    return vrQemuPCIReserveUser(set, def, d);
}

static int
vrQemuPCIGrowToUserCb(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d)
{
    return vrQemuPCIGrowToUser(set, def, d);
}

static int
vrQemuPCIAssignOneCb(vrQemuPCISet *set, vrDomainDef *def, vrQemuPCIDev *d)
{
    return vrQemuPCIAssignOne(set, def, d);
}

static int
vrQemuPCIRun(vrQemuPCISet *set, vrDomainDef *def)
{
    if (set->dryRun && vrQemuPCIWalk(set, def, vrQemuPCIGrowToUserCb) < 0)
        return -1;
    vrQemuPCIReserveChipset(set, def);
    if (vrQemuPCIWalk(set, def, vrQemuPCIReserveUserCb) < 0)
        return -1;
    vrQemuPCIReserveFixed(set, def);
    return vrQemuPCIWalk(set, def, vrQemuPCIAssignOneCb);
}

/* ---- after the real run --------------------------------------------- */

static bool
vrQemuDefHasPCIControllers(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == VR_DOMAIN_CONTROLLER_TYPE_PCI && def->controllers[i]->idx > 0)
            return true;
    }
    return false;
}

static void
vrQemuAddPCIControllers(vrDomainDef *def, GArray *models, int firstIdx)
{
    guint i;

    for (i = 0; i < models->len; i++) {
        vrDomainControllerDef *c = vrDomainControllerDefNew(VR_DOMAIN_CONTROLLER_TYPE_PCI);
        c->idx = firstIdx + (int)i;
        c->model = g_array_index(models, int, i);
        VR_APPEND_ELEMENT(def->controllers, def->ncontrollers, c);
    }
}

/* A slot whose function 0 we placed and that holds more than one
 * function needs multifunction='on' there. */
static void
vrQemuPCISetMultifunction(vrDomainDef *def, const vrQemuPCISet *set, const vrDomainDeviceAddress *before,
                          size_t nbefore)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainDeviceAddress *a = &def->controllers[i]->info.addr;
        const vrQemuPCIBus *b;
        if (a->type != VR_DOMAIN_ADDRESS_PCI || a->u.pci.function != 0 || a->u.pci.multifunction)
            continue;
        if (i < nbefore && before[i].type == VR_DOMAIN_ADDRESS_PCI)
            continue;
        if (a->u.pci.bus >= set->nbuses)
            continue;
        b = &set->buses[a->u.pci.bus];
        if (b->aggregated[a->u.pci.slot] != 1 && b->aggregated[a->u.pci.slot] == b->used[a->u.pci.slot])
            a->u.pci.multifunction = VR_TRISTATE_ON;
    }
}

/* Model names and chassis/port numbers of PCI controllers, once they have
 * their addresses. */
static void
vrQemuPCIControllerTargets(vrDomainControllerDef *c)
{
    const vrDomainDeviceAddress *a = &c->info.addr;
    bool placed = a->type == VR_DOMAIN_ADDRESS_PCI;

    switch ((vrDomainControllerModelPCI)c->model) {
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE;
        if (c->chassisNr < 0)
            c->chassisNr = c->idx;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT;
        if (c->chassis < 0)
            c->chassis = c->idx;
        if (c->port < 0 && placed)
            c->port = (int)((a->u.pci.slot << 3) + a->u.pci.function);
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM;
        if (c->chassis < 0)
            c->chassis = c->idx;
        if (c->port < 0 && placed)
            c->port = (int)a->u.pci.slot;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE:
        if (!c->modelName)
            c->modelName = VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE;
        break;
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT:
    case VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT:
    case VR_DOMAIN_CONTROLLER_MODEL_PCI_LAST:
        break;
    }
}

static void
vrQemuPCIFinish(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_PCI)
            vrQemuPCIControllerTargets(c);
    }
}

/* PCI controllers without a model: pci-root at 0 on i440fx, pcie-root
 * on q35, pci-bridge elsewhere. */
static void
vrQemuPCIControllerModels(vrDomainDef *def)
{
    bool q35 = vrQemuDomainIsQ35(def);
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_PCI || c->model >= 0)
            continue;
        if (c->idx == 0)
            c->model = q35 ? VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT : VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT;
        else
            c->model = q35 ? VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT
                           : VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE;
    }
}

int
vrQemuDomainAssignPCIAddresses(vrDomainDef *def)
{
    vrQemuPCISet set;
    g_autofree vrDomainDeviceAddress *before = NULL;
    size_t nbefore, i;
    bool hadControllers = vrQemuDefHasPCIControllers(def);
    int firstNew;
    int ret = -1;

    vrQemuPCIControllerModels(def);
    if (vrQemuPCISetInit(&set, def, true) < 0)
        goto cleanup;
    if (!set.nbuses) {
        ret = 0;
        goto cleanup;
    }
    firstNew = (int)set.nbuses;
    if (vrQemuPCIRun(&set, def) < 0)
        goto cleanup;
    /* a q35 guest that named no PCI controllers gets a spare root port */
    if (set.q35 && !hadControllers && set.added->len) {
        int model = VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT;
        g_array_append_val(set.added, model);
    }
    vrQemuAddPCIControllers(def, set.added, firstNew);
    vrQemuPCISetFree(&set);

    nbefore = def->ncontrollers;
    before = g_new0(vrDomainDeviceAddress, nbefore);
    for (i = 0; i < nbefore; i++)
        before[i] = def->controllers[i]->info.addr;
    if (vrQemuPCISetInit(&set, def, false) < 0 || vrQemuPCIRun(&set, def) < 0)
        goto cleanup;
    vrQemuPCISetMultifunction(def, &set, before, nbefore);
    vrQemuPCIFinish(def);
    ret = 0;

 cleanup:
    vrQemuPCISetFree(&set);
    return ret;
}

int
vrQemuDomainAssignAddresses(vrDomainDef *def)
{
    if (vrQemuDomainAssignVirtioSerialAddresses(def) < 0 ||
        vrQemuDomainAssignPCIAddresses(def) < 0 ||
        vrQemuDomainAssignUSBAddresses(def) < 0 ||
        vrQemuDomainAssignDimmSlots(def) < 0)
        return -1;
    return 0;
}
