/*
 * domain_postparse.c: defaults and cross-device checks applied once a
 * whole <domain> has been read.
 *
 * These follow libvirt's generic post-parse and validation rules (disk
 * buses from target names, drive addresses, implied controllers, console
 * and serial aliasing, video defaults) so that definitions look the same
 * whichever implementation accepted them.
 */
#include <config.h>

#include <string.h>

#include "domain_device_internal.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

static bool
vrDomainIsHVM(const vrDomainDef *def)
{
    return def->os.type && g_str_equal(def->os.type, "hvm");
}

static bool
vrDomainArchIsX86(const vrDomainDef *def)
{
    return !def->os.arch || g_str_equal(def->os.arch, "i686") ||
           g_str_equal(def->os.arch, "x86_64");
}

/* ---- boot order ---------------------------------------------------- */

/* Checks one device's <boot order>, remembering the orders seen. */
static int
vrDomainCollectBootOrder(const vrDomainDeviceInfo *info, GHashTable *seen, bool *any)
{
    if (!info->bootIndex)
        return 0;
    *any = true;
    if (!g_hash_table_add(seen, GUINT_TO_POINTER(info->bootIndex))) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "boot order '%u' used for more than one device",
                      info->bootIndex);
        return -1;
    }
    return 0;
}

static int
vrDomainCollectBootOrders(const vrDomainDef *def, bool *any)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        if (vrDomainCollectBootOrder(&def->disks[i]->info, seen, any) < 0)
            return -1;
    for (i = 0; i < def->nnets; i++)
        if (vrDomainCollectBootOrder(&def->nets[i]->info, seen, any) < 0)
            return -1;
    for (i = 0; i < def->nhostdevs; i++)
        if (vrDomainCollectBootOrder(&def->hostdevs[i]->info, seen, any) < 0)
            return -1;
    for (i = 0; i < def->nredirdevs; i++)
        if (vrDomainCollectBootOrder(&def->redirdevs[i]->info, seen, any) < 0)
            return -1;
    return 0;
}

static bool
vrDomainHasDeviceBootOrder(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        if (def->disks[i]->info.bootIndex)
            return true;
    for (i = 0; i < def->nnets; i++)
        if (def->nets[i]->info.bootIndex)
            return true;
    for (i = 0; i < def->nhostdevs; i++)
        if (def->hostdevs[i]->info.bootIndex)
            return true;
    for (i = 0; i < def->nredirdevs; i++)
        if (def->redirdevs[i]->info.bootIndex)
            return true;
    return false;
}

static int
vrDomainPostParseBoot(vrDomainDef *def)
{
    bool perDevice = vrDomainHasDeviceBootOrder(def);

    if (!vrDomainIsHVM(def))
        return 0;
    if (perDevice && def->os.nBootDevs > 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "per-device boot elements cannot be used together with os/boot elements");
        return -1;
    }
    if (vrDomainCollectBootOrders(def, &perDevice) < 0)
        return -1;
    if (!perDevice && def->os.nBootDevs == 0) {
        def->os.bootDevs[0] = VR_DOMAIN_BOOT_DISK;
        def->os.nBootDevs = 1;
    }
    return 0;
}

/* ---- disks --------------------------------------------------------- */

static int
vrDomainDiskBusFromName(const vrDomainDiskDef *disk)
{
    const char *dst = disk->dst;

    if (disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY)
        return VR_DOMAIN_DISK_BUS_FDC;
    if (g_str_has_prefix(dst, "hd"))
        return VR_DOMAIN_DISK_BUS_IDE;
    if (g_str_has_prefix(dst, "sd"))
        return VR_DOMAIN_DISK_BUS_SCSI;
    if (g_str_has_prefix(dst, "vd"))
        return VR_DOMAIN_DISK_BUS_VIRTIO;
    if (g_str_has_prefix(dst, "xvd"))
        return VR_DOMAIN_DISK_BUS_XEN;
    if (g_str_has_prefix(dst, "ubd"))
        return VR_DOMAIN_DISK_BUS_UML;
    return VR_DOMAIN_DISK_BUS_IDE;
}

/* Drive addresses for buses with controllers, from the target index. */
static int
vrDomainDiskAssignAddress(vrDomainDiskDef *disk)
{
    int idx = vrDiskNameToIndex(disk->dst);
    vrDomainDeviceAddress *a = &disk->info.addr;

    if (a->type != VR_DOMAIN_ADDRESS_NONE)
        return 0;
    /* libvirt wants a target name it can number on every bus when no
     * address is given, not only where it derives a drive address */
    if (idx < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Unknown disk name '%s' and no address specified",
                      disk->dst);
        return -1;
    }
    if (disk->bus != VR_DOMAIN_DISK_BUS_IDE && disk->bus != VR_DOMAIN_DISK_BUS_FDC &&
        disk->bus != VR_DOMAIN_DISK_BUS_SCSI && disk->bus != VR_DOMAIN_DISK_BUS_SATA)
        return 0;
    a->type = VR_DOMAIN_ADDRESS_DRIVE;
    switch ((vrDomainDiskBus)disk->bus) {
    case VR_DOMAIN_DISK_BUS_IDE:
        a->u.drive.controller = idx / 4;
        a->u.drive.bus = (idx % 4) / 2;
        a->u.drive.unit = idx % 2;
        break;
    case VR_DOMAIN_DISK_BUS_FDC:
        a->u.drive.controller = idx / 2;
        a->u.drive.unit = idx % 2;
        break;
    case VR_DOMAIN_DISK_BUS_SCSI:
        a->u.drive.controller = idx / 7;
        a->u.drive.unit = idx % 7;
        break;
    case VR_DOMAIN_DISK_BUS_SATA:
        a->u.drive.controller = idx / 6;
        a->u.drive.unit = idx % 6;
        break;
    default:
        break;
    }
    return 0;
}

static int
vrDomainDiskPostParse(vrDomainDiskDef *disk)
{
    const vrStorageSource *src = disk->src;

    if (disk->bus == VR_DOMAIN_DISK_BUS_NONE)
        disk->bus = vrDomainDiskBusFromName(disk);
    if (src->type != VR_STORAGE_TYPE_NETWORK || src->protocol != VR_STORAGE_NET_PROTOCOL_RBD) {
        if (src->snapshot) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "<snapshot> element is currently supported only with 'rbd' disks");
            return -1;
        }
        if (src->configFile) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "<config> element is currently supported only with 'rbd' disks");
            return -1;
        }
    }
    /* a vhost-user disk cannot be snapshotted */
    if (src->type == VR_STORAGE_TYPE_VHOST_USER && !disk->snapshot)
        disk->snapshot = vrDomainSnapshotLocationTypeToString(VR_DOMAIN_SNAPSHOT_LOCATION_NO);
    return vrDomainDiskAssignAddress(disk);
}

static bool
vrDomainDiskAddressCompatible(const vrDomainDiskDef *disk)
{
    int t = disk->info.addr.type;

    if (t == VR_DOMAIN_ADDRESS_NONE)
        return true;
    switch ((vrDomainDiskBus)disk->bus) {
    case VR_DOMAIN_DISK_BUS_IDE:
    case VR_DOMAIN_DISK_BUS_FDC:
    case VR_DOMAIN_DISK_BUS_SCSI:
    case VR_DOMAIN_DISK_BUS_SATA:
        return t == VR_DOMAIN_ADDRESS_DRIVE;
    case VR_DOMAIN_DISK_BUS_USB:
        return t == VR_DOMAIN_ADDRESS_USB;
    case VR_DOMAIN_DISK_BUS_VIRTIO:
        return t != VR_DOMAIN_ADDRESS_DRIVE;
    default:
        break;
    }
    return true;
}

static bool
vrDomainDiskSourceIsEmpty(const vrStorageSource *src)
{
    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
    case VR_STORAGE_TYPE_BLOCK:
    case VR_STORAGE_TYPE_DIR:
        return !src->path;
    case VR_STORAGE_TYPE_NETWORK:
        return src->protocol == VR_STORAGE_NET_PROTOCOL_NONE;
    case VR_STORAGE_TYPE_NONE:
        return true;
    default:
        break;
    }
    return false;
}

static int
vrDomainDiskValidateLun(const vrDomainDiskDef *disk)
{
    const vrStorageSource *src = disk->src;

    if (disk->device != VR_DOMAIN_DISK_DEVICE_LUN)
        return 0;
    if (src->type != VR_STORAGE_TYPE_BLOCK && src->type != VR_STORAGE_TYPE_NETWORK &&
        src->type != VR_STORAGE_TYPE_VOLUME) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "disk device='lun' is only valid for block type disk source");
        return -1;
    }
    if (src->type == VR_STORAGE_TYPE_NETWORK && src->protocol != VR_STORAGE_NET_PROTOCOL_ISCSI) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "disk device='lun' is not supported for protocol='%s'",
                      vrStorageNetProtocolTypeToString(src->protocol));
        return -1;
    }
    return 0;
}

static int
vrDomainDiskValidateDef(const vrDomainDiskDef *disk)
{
    if (disk->sgio == VR_DOMAIN_DISK_SGIO_UNFILTERED) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "unfiltered sgio is no longer supported");
        return -1;
    }
    if (vrDomainDiskValidateLun(disk) < 0)
        return -1;
    /* only removable media may be empty */
    if (disk->device == VR_DOMAIN_DISK_DEVICE_DISK && vrDomainDiskSourceIsEmpty(disk->src)) {
        vrReportError(VR_ERR_NO_SOURCE, "%s", disk->dst);
        return -1;
    }
    if (!vrDomainDiskAddressCompatible(disk)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                      vrDomainAddressTypeToString(disk->info.addr.type), disk->dst,
                      vrDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    if (disk->model && disk->bus != VR_DOMAIN_DISK_BUS_VIRTIO) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "disk model '%s' not supported for bus '%s'",
                      vrDomainDiskModelTypeToString(disk->model),
                      vrDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    return 0;
}

static bool
vrDomainDriveAddressEqual(const vrDomainDeviceAddress *a, const vrDomainDeviceAddress *b)
{
    return a->u.drive.controller == b->u.drive.controller && a->u.drive.bus == b->u.drive.bus &&
           a->u.drive.target == b->u.drive.target && a->u.drive.unit == b->u.drive.unit;
}

static int
vrDomainCheckDuplicateDriveAddresses(const vrDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        const vrDomainDiskDef *a = def->disks[i];

        if (a->info.addr.type != VR_DOMAIN_ADDRESS_DRIVE)
            continue;
        for (j = i + 1; j < def->ndisks; j++) {
            const vrDomainDiskDef *b = def->disks[j];
            if (a->bus != b->bus || b->info.addr.type != VR_DOMAIN_ADDRESS_DRIVE ||
                !vrDomainDriveAddressEqual(&a->info.addr, &b->info.addr))
                continue;
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "Found duplicate drive address for disk with target name '%s' controller='%u' bus='%u' target='%u' unit='%u'",
                          a->dst, a->info.addr.u.drive.controller, a->info.addr.u.drive.bus,
                          a->info.addr.u.drive.target, a->info.addr.u.drive.unit);
            return -1;
        }
    }
    return 0;
}

static int
vrDomainCheckDuplicateDiskTargets(const vrDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        for (j = i + 1; j < def->ndisks; j++) {
            const char *a, *b;
            if (!g_str_equal(def->disks[i]->dst, def->disks[j]->dst))
                continue;
            a = vrDomainDiskSourcePath(def->disks[i]);
            b = vrDomainDiskSourcePath(def->disks[j]);
            vrReportError(VR_ERR_XML_ERROR, "target '%s' duplicated for disk sources '%s' and '%s'",
                          def->disks[i]->dst, a ? a : "<null>", b ? b : "<null>");
            return -1;
        }
    }
    return 0;
}

static int
vrDomainPostParseDisks(vrDomainDef *def)
{
    size_t i;

    vrDomainDiskDef **disks;
    size_t ndisks;

    for (i = 0; i < def->ndisks; i++) {
        if (vrDomainDiskPostParse(def->disks[i]) < 0)
            return -1;
    }
    /* Disks were placed by bus and target index while parsing, when a
     * disk without a bus attribute had none yet; placing them again now
     * that every bus is known gives the order a second parse of the
     * formatted document gives (libvirt skips this and so reorders such
     * disks on every define). */
    disks = g_steal_pointer(&def->disks);
    ndisks = def->ndisks;
    def->ndisks = 0;
    for (i = 0; i < ndisks; i++)
        vrDomainDiskInsert(def, disks[i]);
    g_free(disks);
    return vrDomainCheckDuplicateDriveAddresses(def);
}

/* ---- controllers --------------------------------------------------- */

static vrDomainControllerDef *
vrDomainFindController(const vrDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type && def->controllers[i]->idx == idx)
            return def->controllers[i];
    }
    return NULL;
}

static void
vrDomainMaybeAddController(vrDomainDef *def, int type, int idx)
{
    vrDomainControllerDef *c;

    if (vrDomainFindController(def, type, idx))
        return;
    c = vrDomainControllerDefNew(type);
    c->idx = idx;
    /* placed in order, where libvirt appends: its order then changes on the next define */
    vrDomainControllerInsert(def, c);
}

/* Controllers written without an index, in document order: an ICH9
 * UHCI companion takes the index of the USB controller just before it,
 * the others the lowest free index.  The controllers are then placed again by their final
 * indexes: libvirt leaves them where the index-less parse put them, so
 * that it reorders them on every define. */
static void
vrDomainPostParseControllerIndexes(vrDomainDef *def)
{
    vrDomainControllerDef **ctrls;
    size_t i, n;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        const vrDomainControllerDef *prev = i > 0 ? def->controllers[i - 1] : NULL;
        int idx = 0;

        if (c->idx >= 0)
            continue;
        if (prev && prev->idx >= 0 && c->type == VR_DOMAIN_CONTROLLER_TYPE_USB &&
            c->model >= VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1 &&
            c->model <= VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3 &&
            prev->type == c->type) {
            c->idx = prev->idx;
            continue;
        }
        while (vrDomainFindController(def, c->type, idx))
            idx++;
        c->idx = idx;
    }
    ctrls = g_steal_pointer(&def->controllers);
    n = def->ncontrollers;
    def->ncontrollers = 0;
    for (i = 0; i < n; i++)
        vrDomainControllerInsert(def, ctrls[i]);
    g_free(ctrls);
}

static int
vrDomainCheckDuplicateControllers(const vrDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *a = def->controllers[i];
        if (a->type == VR_DOMAIN_CONTROLLER_TYPE_USB && a->info.hasMaster)
            continue;
        for (j = 0; j < i; j++) {
            const vrDomainControllerDef *b = def->controllers[j];
            if (b->type != a->type || b->idx != a->idx ||
                (b->type == VR_DOMAIN_CONTROLLER_TYPE_USB && b->info.hasMaster))
                continue;
            vrReportError(VR_ERR_XML_ERROR, "Multiple '%s' controllers with index '%d'",
                          vrDomainControllerTypeTypeToString(a->type), a->idx);
            return -1;
        }
    }
    return 0;
}

static void
vrDomainAddDiskControllers(vrDomainDef *def, int ctrlType, int diskBus)
{
    int maxController = -1;
    size_t i;
    int idx;

    for (i = 0; i < def->ndisks; i++) {
        const vrDomainDiskDef *disk = def->disks[i];
        if (disk->bus == diskBus && disk->info.addr.type == VR_DOMAIN_ADDRESS_DRIVE &&
            (int)disk->info.addr.u.drive.controller > maxController)
            maxController = (int)disk->info.addr.u.drive.controller;
    }
    for (idx = 0; idx <= maxController; idx++)
        vrDomainMaybeAddController(def, ctrlType, idx);
}

static void
vrDomainAddVirtioSerialController(vrDomainDef *def, const vrDomainChrDef *chr, int virtioType)
{
    int idx = 0;

    if (chr->targetType != virtioType)
        return;
    if (chr->info.addr.type == VR_DOMAIN_ADDRESS_VIRTIO_SERIAL)
        idx = (int)chr->info.addr.u.vioserial.controller;
    vrDomainMaybeAddController(def, VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, idx);
}

/* Smartcards sit on a CCID bus: free slots on controller 0 are handed out
 * in order. */
static void
vrDomainAddSmartcardControllers(vrDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->nsmartcards; i++) {
        vrDomainDeviceAddress *a = &def->smartcards[i]->info.addr;
        int idx = 0;

        if (a->type == VR_DOMAIN_ADDRESS_CCID) {
            idx = (int)a->u.ccid.controller;
        } else if (a->type == VR_DOMAIN_ADDRESS_NONE) {
            int max = -1;
            for (j = 0; j < def->nsmartcards; j++) {
                const vrDomainDeviceAddress *b = &def->smartcards[j]->info.addr;
                if (b->type == VR_DOMAIN_ADDRESS_CCID && b->u.ccid.controller == 0 &&
                    (int)b->u.ccid.slot > max)
                    max = (int)b->u.ccid.slot;
            }
            a->type = VR_DOMAIN_ADDRESS_CCID;
            a->u.ccid.controller = 0;
            a->u.ccid.slot = (unsigned int)(max + 1);
        }
        vrDomainMaybeAddController(def, VR_DOMAIN_CONTROLLER_TYPE_CCID, idx);
    }
}

static bool
vrDomainSCSIDriveUsed(const vrDomainDef *def, const vrDomainDeviceAddress *addr, size_t self)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const vrDomainDiskDef *d = def->disks[i];
        if (d->bus == VR_DOMAIN_DISK_BUS_SCSI && d->info.addr.type == VR_DOMAIN_ADDRESS_DRIVE &&
            vrDomainDriveAddressEqual(&d->info.addr, addr))
            return true;
    }
    for (i = 0; i < def->nhostdevs; i++) {
        const vrDomainHostdevDef *h = def->hostdevs[i];
        if (i != self && h->info.addr.type == VR_DOMAIN_ADDRESS_DRIVE &&
            vrDomainDriveAddressEqual(&h->info.addr, addr))
            return true;
    }
    return false;
}

/* SCSI host devices take the first free unit of the first SCSI bus. */
static void
vrDomainAddHostdevSCSIControllers(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nhostdevs; i++) {
        vrDomainHostdevDef *h = def->hostdevs[i];
        vrDomainDeviceAddress *a = &h->info.addr;

        if (h->mode != VR_DOMAIN_HOSTDEV_MODE_SUBSYS || h->type != VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI)
            continue;
        if (a->type == VR_DOMAIN_ADDRESS_NONE) {
            memset(a, 0, sizeof(*a));
            a->type = VR_DOMAIN_ADDRESS_DRIVE;
            while (vrDomainSCSIDriveUsed(def, a, i)) {
                if (++a->u.drive.unit == 7) {
                    a->u.drive.unit = 0;
                    a->u.drive.controller++;
                }
            }
        }
        if (a->type == VR_DOMAIN_ADDRESS_DRIVE) {
            unsigned int c;
            for (c = 0; c <= a->u.drive.controller; c++)
                vrDomainMaybeAddController(def, VR_DOMAIN_CONTROLLER_TYPE_SCSI, (int)c);
        }
    }
}

/* Every controller up to the one a drive address names is added, so a
 * huge controller number (written, or derived from a target such as
 * 'sdzzzz') would add millions of them: libvirt then runs out of time or
 * memory. Stricter than libvirt: such addresses are refused. */
#define VR_DOMAIN_DRIVE_CONTROLLER_MAX 1023

static int
vrDomainCheckDriveControllers(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        const vrDomainDiskDef *d = def->disks[i];
        if (d->info.addr.type != VR_DOMAIN_ADDRESS_DRIVE ||
            d->info.addr.u.drive.controller <= VR_DOMAIN_DRIVE_CONTROLLER_MAX)
            continue;
        if (d->bus != VR_DOMAIN_DISK_BUS_SCSI && d->bus != VR_DOMAIN_DISK_BUS_FDC &&
            d->bus != VR_DOMAIN_DISK_BUS_IDE && d->bus != VR_DOMAIN_DISK_BUS_SATA)
            continue;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "drive address controller '%u' of disk '%s' is above the maximum %d",
                      d->info.addr.u.drive.controller, d->dst, VR_DOMAIN_DRIVE_CONTROLLER_MAX);
        return -1;
    }
    for (i = 0; i < def->nhostdevs; i++) {
        const vrDomainHostdevDef *h = def->hostdevs[i];
        if (h->mode != VR_DOMAIN_HOSTDEV_MODE_SUBSYS || h->type != VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI ||
            h->info.addr.type != VR_DOMAIN_ADDRESS_DRIVE ||
            h->info.addr.u.drive.controller <= VR_DOMAIN_DRIVE_CONTROLLER_MAX)
            continue;
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "drive address controller '%u' of a SCSI hostdev is above the maximum %d",
                      h->info.addr.u.drive.controller, VR_DOMAIN_DRIVE_CONTROLLER_MAX);
        return -1;
    }
    return 0;
}

static void
vrDomainPostParseImplicitControllers(vrDomainDef *def)
{
    size_t i;

    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_SCSI, VR_DOMAIN_DISK_BUS_SCSI);
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_FDC, VR_DOMAIN_DISK_BUS_FDC);
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_IDE, VR_DOMAIN_DISK_BUS_IDE);
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_SATA, VR_DOMAIN_DISK_BUS_SATA);
    for (i = 0; i < def->nchannels; i++)
        vrDomainAddVirtioSerialController(def, def->channels[i],
                                          VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO);
    for (i = 0; i < def->nconsoles; i++)
        vrDomainAddVirtioSerialController(def, def->consoles[i],
                                          VR_DOMAIN_CHR_CONSOLE_TARGET_VIRTIO);
    vrDomainAddSmartcardControllers(def);
    vrDomainAddHostdevSCSIControllers(def);
}

/* ---- character devices -------------------------------------------- */

/* Serial and parallel ports without a number follow the highest one
 * before them. */
static void
vrDomainAssignChrPorts(vrDomainChrDef **chrs, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        int maxPort = -1;
        if (chrs[i]->targetPort >= 0)
            continue;
        for (j = 0; j < i; j++) {
            if (chrs[j]->targetPort > maxPort)
                maxPort = chrs[j]->targetPort;
        }
        chrs[i]->targetPort = maxPort + 1;
    }
}

static bool
vrDomainSerialIsConsoleCapable(const vrDomainChrDef *serial)
{
    switch ((vrDomainChrSerialTarget)serial->targetType) {
    case VR_DOMAIN_CHR_SERIAL_TARGET_NONE:
    case VR_DOMAIN_CHR_SERIAL_TARGET_ISA:
    case VR_DOMAIN_CHR_SERIAL_TARGET_SPAPR_VIO:
    case VR_DOMAIN_CHR_SERIAL_TARGET_SYSTEM:
    case VR_DOMAIN_CHR_SERIAL_TARGET_SCLP:
        return true;
    default:
        break;
    }
    return false;
}

static vrDomainChrDef *
vrDomainConsoleStub(void)
{
    vrDomainChrDef *con = g_new0(vrDomainChrDef, 1);

    con->deviceType = VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
    con->targetType = VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL;
    con->targetPort = -1;
    con->source.type = VR_DOMAIN_CHR_TYPE_PTY;
    return con;
}

/* An HVM guest's first console, when of the serial kind, is an alias of
 * the first serial port: the port is made from the console if there is
 * none, and a console that disagrees with the port gives way. */
static void
vrDomainConsoleCompat(vrDomainDef *def)
{
    vrDomainChrDef *con = def->nconsoles ? def->consoles[0] : NULL;

    if (con && (con->targetType == VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL ||
                con->targetType == VR_DOMAIN_CHR_CONSOLE_TARGET_NONE)) {
        if (def->nserials == 0) {
            con->deviceType = VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL;
            con->targetType = VR_DOMAIN_CHR_SERIAL_TARGET_NONE;
            con->targetPort = 0;
            VR_APPEND_ELEMENT(def->serials, def->nserials, con);
            def->consoles[0] = vrDomainConsoleStub();
        } else if (!vrDevChrSourceEqual(&def->serials[0]->source, &con->source)) {
            vrDomainChrDefFree(con);
            def->consoles[0] = vrDomainConsoleStub();
        }
        return;
    }
    if (def->nserials && vrDomainSerialIsConsoleCapable(def->serials[0]))
        VR_INSERT_ELEMENT(def->consoles, def->nconsoles, 0, vrDomainConsoleStub());
}

static int
vrDomainPostParseConsoles(vrDomainDef *def)
{
    size_t i;

    vrDomainAssignChrPorts(def->serials, def->nserials);
    vrDomainAssignChrPorts(def->parallels, def->nparallels);
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetPort < 0)
            def->consoles[i]->targetPort = (int)i;
    }
    if (vrDomainIsHVM(def))
        vrDomainConsoleCompat(def);
    for (i = 0; i < def->nconsoles; i++) {
        vrDomainChrDef *con = def->consoles[i];
        if (con->targetType == VR_DOMAIN_CHR_CONSOLE_TARGET_NONE)
            con->targetType = VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL;
        if (con->targetPort < 0)
            con->targetPort = (int)i;
    }
    /* checked once the target types are defaulted: a later console
     * without a target type is a serial one too */
    for (i = 1; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetType == VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "Only the first console can be a serial port");
            return -1;
        }
    }
    return 0;
}

/* ---- video --------------------------------------------------------- */

static int
vrDomainVideoDefaultType(const vrDomainDef *def)
{
    switch ((vrDomainVirtType)def->virtType) {
    case VR_DOMAIN_VIRT_VBOX:
        return VR_DOMAIN_VIDEO_TYPE_VBOX;
    case VR_DOMAIN_VIRT_VMWARE:
        return VR_DOMAIN_VIDEO_TYPE_VMVGA;
    case VR_DOMAIN_VIRT_PARALLELS:
    case VR_DOMAIN_VIRT_VZ:
        return vrDomainIsHVM(def) ? VR_DOMAIN_VIDEO_TYPE_VGA : VR_DOMAIN_VIDEO_TYPE_PARALLELS;
    case VR_DOMAIN_VIRT_BHYVE:
        return VR_DOMAIN_VIDEO_TYPE_GOP;
    default:
        break;
    }
    if (def->os.type && (g_str_equal(def->os.type, "xen") || g_str_equal(def->os.type, "linux")))
        return VR_DOMAIN_VIDEO_TYPE_XEN;
    if (def->os.arch && g_str_has_prefix(def->os.arch, "ppc64"))
        return VR_DOMAIN_VIDEO_TYPE_VGA;
    return VR_DOMAIN_VIDEO_TYPE_CIRRUS;
}

static unsigned int
vrDomainVideoDefaultRAM(const vrDomainDef *def, int type)
{
    switch ((vrDomainVideoType)type) {
    case VR_DOMAIN_VIDEO_TYPE_VGA:
    case VR_DOMAIN_VIDEO_TYPE_CIRRUS:
    case VR_DOMAIN_VIDEO_TYPE_VMVGA:
        if (def->virtType == VR_DOMAIN_VIRT_VBOX)
            return 8 * 1024;
        if (def->virtType == VR_DOMAIN_VIRT_VMWARE)
            return 4 * 1024;
        return 16 * 1024;
    case VR_DOMAIN_VIDEO_TYPE_BOCHS:
        return 16 * 1024;
    case VR_DOMAIN_VIDEO_TYPE_XEN:
        return 4 * 1024;
    case VR_DOMAIN_VIDEO_TYPE_QXL:
        return 64 * 1024;
    case VR_DOMAIN_VIDEO_TYPE_VBOX:
        return 8 * 1024;
    default:
        break;
    }
    return 0;
}

static unsigned int
vrRoundUpPowerOfTwo(unsigned int v)
{
    unsigned int p = 1;

    if (v == 0)
        return 0;
    while (p < v && p < (1u << 31))
        p <<= 1;
    return p;
}

static void
vrDomainVideoPostParse(const vrDomainDef *def, vrDomainVideoDef *v)
{
    if (v->type == VR_DOMAIN_VIDEO_TYPE_DEFAULT)
        v->type = vrDomainVideoDefaultType(def);
    if (v->type == VR_DOMAIN_VIDEO_TYPE_NONE) {
        /* nothing of what is filled in by default is shown for 'none' */
        g_autofree char *alias = g_steal_pointer(&v->info.alias);
        vrDevInfoClear(&v->info);
        memset(v, 0, sizeof(*v));
        v->type = VR_DOMAIN_VIDEO_TYPE_NONE;
        v->info.alias = g_steal_pointer(&alias);
        return;
    }
    if (v->ram == 0 && v->type == VR_DOMAIN_VIDEO_TYPE_QXL)
        v->ram = vrDomainVideoDefaultRAM(def, v->type);
    if (v->vram == 0)
        v->vram = vrDomainVideoDefaultRAM(def, v->type);
    v->ram = vrRoundUpPowerOfTwo(v->ram);
    v->vram = vrRoundUpPowerOfTwo(v->vram);
}

static int
vrDomainVideoValidate(const vrDomainDef *def, const vrDomainVideoDef *v)
{
    if (v->type == VR_DOMAIN_VIDEO_TYPE_NONE && def->nvideos > 1) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "a 'none' video type must be the only video device defined for the domain");
        return -1;
    }
    if (v->backend == VR_DOMAIN_VIDEO_BACKEND_VHOSTUSER && v->type != VR_DOMAIN_VIDEO_TYPE_VIRTIO) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "'vhostuser' driver is only supported with 'virtio' device");
        return -1;
    }
    if (v->backend != VR_DOMAIN_VIDEO_BACKEND_VHOSTUSER && v->rendernode) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "unsupported rendernode accel attribute without 'vhostuser'");
        return -1;
    }
    if (v->type != VR_DOMAIN_VIDEO_TYPE_QXL) {
        const char *what = v->ram ? "ram" : v->vram64 ? "vram64" : v->vgamem ? "vgamem" : NULL;
        if (what) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "%s attribute only supported for video type qxl", what);
            return -1;
        }
    }
    return 0;
}

/* A SPICE display with no port, no TLS port and no autoport listens
 * nowhere: its address listen becomes a 'none' one, as in libvirt. */
static void
vrDomainPostParseGraphics(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        vrDomainGraphicsDef *g = def->graphics[i];
        vrDomainGraphicsListenDef *l = g->nlistens ? &g->listens[0] : NULL;

        if (g->type != VR_DOMAIN_GRAPHICS_TYPE_SPICE || !l ||
            l->type != VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS ||
            g->port != 0 || g->tlsPort != 0 || g->autoport)
            continue;
        g_clear_pointer(&l->address, g_free);
        l->type = VR_DOMAIN_GRAPHICS_LISTEN_NONE;
    }
}

static int
vrDomainPostParseVideo(vrDomainDef *def)
{
    size_t i;

    /* an old config with graphics and no video card gets the default one */
    if (def->ngraphics && !def->nvideos) {
        vrDomainVideoDef *v = g_new0(vrDomainVideoDef, 1);
        v->heads = 1;
        VR_APPEND_ELEMENT(def->videos, def->nvideos, v);
    }
    for (i = 0; i < def->nvideos; i++)
        vrDomainVideoPostParse(def, def->videos[i]);
    if (def->nvideos && def->videos[0]->type != VR_DOMAIN_VIDEO_TYPE_NONE)
        def->videos[0]->primary = true;
    for (i = 0; i < def->nvideos; i++) {
        if (vrDomainVideoValidate(def, def->videos[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- input --------------------------------------------------------- */

static int
vrDomainInputCheckBus(const vrDomainDef *def, const vrDomainInputDef *in)
{
    bool mouseOrKbd = in->type == VR_DOMAIN_INPUT_TYPE_MOUSE || in->type == VR_DOMAIN_INPUT_TYPE_KBD;

    if (vrDomainIsHVM(def)) {
        if (in->bus == VR_DOMAIN_INPUT_BUS_PS2 && !mouseOrKbd) {
            vrReportError(VR_ERR_XML_ERROR, "ps2 bus does not support %s input device",
                          vrDomainInputTypeToString(in->type));
            return -1;
        }
        if (in->bus == VR_DOMAIN_INPUT_BUS_XEN) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "unsupported input bus %s",
                          vrDomainInputBusTypeToString(in->bus));
            return -1;
        }
        return 0;
    }
    if (in->bus != VR_DOMAIN_INPUT_BUS_XEN && in->bus != VR_DOMAIN_INPUT_BUS_PARALLELS) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unsupported input bus %s",
                      vrDomainInputBusTypeToString(in->bus));
        return -1;
    }
    if (!mouseOrKbd) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "xen bus does not support %s input device",
                      vrDomainInputTypeToString(in->type));
        return -1;
    }
    return 0;
}

static int
vrDomainInputDefaultBus(const vrDomainDef *def, const vrDomainInputDef *in)
{
    bool mouseOrKbd = in->type == VR_DOMAIN_INPUT_TYPE_MOUSE || in->type == VR_DOMAIN_INPUT_TYPE_KBD;

    if (vrDomainIsHVM(def)) {
        if (mouseOrKbd && vrDomainArchIsX86(def))
            return VR_DOMAIN_INPUT_BUS_PS2;
        if ((def->os.arch && g_str_has_prefix(def->os.arch, "s390")) ||
            in->type == VR_DOMAIN_INPUT_TYPE_PASSTHROUGH)
            return VR_DOMAIN_INPUT_BUS_VIRTIO;
        if (in->type == VR_DOMAIN_INPUT_TYPE_EVDEV)
            return VR_DOMAIN_INPUT_BUS_NONE;
        return VR_DOMAIN_INPUT_BUS_USB;
    }
    if (def->os.type && (g_str_equal(def->os.type, "xen") || g_str_equal(def->os.type, "linux")))
        return VR_DOMAIN_INPUT_BUS_XEN;
    if (def->virtType == VR_DOMAIN_VIRT_PARALLELS || def->virtType == VR_DOMAIN_VIRT_VZ)
        return VR_DOMAIN_INPUT_BUS_PARALLELS;
    return VR_DOMAIN_INPUT_BUS_DEFAULT;
}

static int
vrDomainPostParseInputs(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        vrDomainInputDef *in = def->inputs[i];

        if (in->bus == VR_DOMAIN_INPUT_BUS_DEFAULT)
            in->bus = vrDomainInputDefaultBus(def, in);
        else if (vrDomainInputCheckBus(def, in) < 0)
            return -1;
    }
    return 0;
}

/* ---- misc ---------------------------------------------------------- */

static void
vrDomainPostParseVsock(vrDomainDef *def)
{
    if (def->vsock && def->vsock->autoCid == VR_TRISTATE_ABSENT)
        def->vsock->autoCid = def->vsock->guestCid ? VR_TRISTATE_OFF : VR_TRISTATE_ON;
}

static void
vrDomainPostParseDriverDefaults(vrDomainDef *def, const vrDomainXMLOption *opt)
{
    if (!opt)
        return;
    if (!def->os.arch && opt->defaultArch)
        def->os.arch = g_strdup(opt->defaultArch);
    if (!def->os.machine && opt->defaultMachine)
        def->os.machine = g_strdup(opt->defaultMachine);
    if (!def->emulator && opt->defaultEmulator)
        def->emulator = g_strdup(opt->defaultEmulator);
    if (opt->addDefaultMemballoon && !def->memballoon) {
        def->memballoon = g_new0(vrDomainMemballoonDef, 1);
        def->memballoon->model = VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
    }
}

static int
vrDomainValidateDevices(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (vrDomainDiskValidateDef(def->disks[i]) < 0)
            return -1;
    }
    return vrDomainCheckDuplicateDiskTargets(def);
}

int
vrDomainDefPostParse(vrDomainDef *def, const vrDomainXMLOption *opt)
{
    vrDomainPostParseDriverDefaults(def, opt);
    if (vrDomainPostParseBoot(def) < 0 ||
        vrDomainPostParseConsoles(def) < 0 ||
        vrDomainPostParseDisks(def) < 0 ||
        vrDomainPostParseInputs(def) < 0)
        return -1;
    vrDomainPostParseControllerIndexes(def);
    if (vrDomainCheckDriveControllers(def) < 0)
        return -1;
    vrDomainPostParseImplicitControllers(def);
    vrDomainPostParseGraphics(def);
    if (vrDomainCheckDuplicateControllers(def) < 0 ||
        vrDomainPostParseVideo(def) < 0)
        return -1;
    vrDomainPostParseVsock(def);
    return vrDomainValidateDevices(def);
}
