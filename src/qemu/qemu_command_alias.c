/*
 * qemu_command_alias.c: device aliases, the id= of every device on the
 * command line and the <alias> of the live XML.
 *
 * The names follow the scheme libvirt users know from live XML and QMP
 * (virtio-disk0, ide0-1-0, net0, serial0, usb, pci.1, ...), so that what
 * people type at the QEMU monitor or read in `virsh dumpxml` works the
 * same with Vireo.
 */
#include <config.h>

#include "qemu_command_priv.h"

#define IDX(list, n, dev) vrQemuIndexOf((void *const *)(list), (n), (dev))

static char *
vrQemuDiskAlias(const vrDomainDiskDef *disk)
{
    const vrDomainDeviceAddress *a = &disk->info.addr;
    int idx = vrDiskNameToIndex(disk->dst);
    bool drive = a->type == VR_DOMAIN_ADDRESS_DRIVE;

    switch ((vrDomainDiskBus)disk->bus) {
    case VR_DOMAIN_DISK_BUS_IDE:
    case VR_DOMAIN_DISK_BUS_SATA:
    case VR_DOMAIN_DISK_BUS_FDC:
        if (drive)
            return g_strdup_printf("%s%u-%u-%u",
                                   disk->bus == VR_DOMAIN_DISK_BUS_IDE ? "ide"
                                   : disk->bus == VR_DOMAIN_DISK_BUS_SATA ? "sata" : "fdc",
                                   a->u.drive.controller, a->u.drive.bus, a->u.drive.unit);
        break;
    case VR_DOMAIN_DISK_BUS_SCSI:
        if (drive && a->u.drive.target)
            return g_strdup_printf("scsi%u-%u-%u-%u", a->u.drive.controller, a->u.drive.bus,
                                   a->u.drive.target, a->u.drive.unit);
        if (drive)
            return g_strdup_printf("scsi%u-%u-%u", a->u.drive.controller, a->u.drive.bus,
                                   a->u.drive.unit);
        break;
    case VR_DOMAIN_DISK_BUS_VIRTIO:
        return g_strdup_printf("virtio-disk%d", idx);
    case VR_DOMAIN_DISK_BUS_USB:
        return g_strdup_printf("usb-disk%d", idx);
    case VR_DOMAIN_DISK_BUS_SD:
        return g_strdup_printf("sd-disk%d", idx);
    default:
        break;
    }
    return g_strdup_printf("%s-disk%d", vrDomainDiskBusTypeToString(disk->bus), idx);
}

static char *
vrQemuControllerAlias(const vrDomainControllerDef *c)
{
    switch ((vrDomainControllerType)c->type) {
    case VR_DOMAIN_CONTROLLER_TYPE_PCI:
        if (c->idx == 0 && c->model == VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT)
            return g_strdup("pcie.0");
        return g_strdup_printf("pci.%d", c->idx);
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
        return c->idx == 0 ? g_strdup("usb") : g_strdup_printf("usb%d", c->idx);
    case VR_DOMAIN_CONTROLLER_TYPE_IDE:
        return c->idx == 0 ? g_strdup("ide") : g_strdup_printf("ide%d", c->idx);
    default:
        break;
    }
    return g_strdup_printf("%s%d", vrDomainControllerTypeTypeToString(c->type), c->idx);
}

static char *
vrQemuChrAlias(const vrDomainDef *def, const vrDomainChrDef *chr)
{
    switch ((vrDomainChrDeviceType)chr->deviceType) {
    case VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        return g_strdup_printf("serial%zu", IDX(def->serials, def->nserials, chr));
    case VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
        return g_strdup_printf("parallel%zu", IDX(def->parallels, def->nparallels, chr));
    case VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        /* a serial console is the first serial port itself */
        if (chr->targetType == VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL && def->nserials &&
            def->consoles[0] == chr)
            return g_strdup("serial0");
        return g_strdup_printf("console%zu", IDX(def->consoles, def->nconsoles, chr));
    case VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
    case VR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
    return g_strdup_printf("channel%zu", IDX(def->channels, def->nchannels, chr));
}

static char *
vrQemuMemoryAlias(const vrDomainDef *def, const vrDomainMemoryDef *m)
{
    size_t idx = IDX(def->memories, def->nmemories, m);

    switch ((vrDomainMemoryModel)m->model) {
    case VR_DOMAIN_MEMORY_MODEL_NVDIMM:
        return g_strdup_printf("nvdimm%zu", idx);
    case VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM:
        return g_strdup_printf("virtiopmem%zu", idx);
    case VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM:
        return g_strdup_printf("virtiomem%zu", idx);
    case VR_DOMAIN_MEMORY_MODEL_SGX_EPC:
        return g_strdup_printf("epc%zu", idx);
    default:
        break;
    }
    return g_strdup_printf("dimm%zu", idx);
}

char *
vrQemuDeviceAliasFor(const vrDomainDef *def, int devType, const void *dev)
{
    switch ((vrDomainDeviceType)devType) {
    case VR_DOMAIN_DEVICE_DISK:
        return vrQemuDiskAlias(dev);
    case VR_DOMAIN_DEVICE_CONTROLLER:
        return vrQemuControllerAlias(dev);
    case VR_DOMAIN_DEVICE_FS:
        return g_strdup_printf("fs%zu", IDX(def->filesystems, def->nfilesystems, dev));
    case VR_DOMAIN_DEVICE_NET:
        return g_strdup_printf("net%zu", IDX(def->nets, def->nnets, dev));
    case VR_DOMAIN_DEVICE_SMARTCARD:
        return g_strdup_printf("smartcard%zu", IDX(def->smartcards, def->nsmartcards, dev));
    case VR_DOMAIN_DEVICE_CHR:
        return vrQemuChrAlias(def, dev);
    case VR_DOMAIN_DEVICE_INPUT:
        return g_strdup_printf("input%zu", IDX(def->inputs, def->ninputs, dev));
    case VR_DOMAIN_DEVICE_TPM:
        return g_strdup_printf("tpm%zu", IDX(def->tpms, def->ntpms, dev));
    case VR_DOMAIN_DEVICE_SOUND:
        return g_strdup_printf("sound%zu", IDX(def->sounds, def->nsounds, dev));
    case VR_DOMAIN_DEVICE_VIDEO:
        return g_strdup_printf("video%zu", IDX(def->videos, def->nvideos, dev));
    case VR_DOMAIN_DEVICE_HOSTDEV:
        return g_strdup_printf("hostdev%zu", IDX(def->hostdevs, def->nhostdevs, dev));
    case VR_DOMAIN_DEVICE_REDIRDEV:
        return g_strdup_printf("redir%zu", IDX(def->redirdevs, def->nredirdevs, dev));
    case VR_DOMAIN_DEVICE_HUB:
        return g_strdup_printf("hub%zu", IDX(def->hubs, def->nhubs, dev));
    case VR_DOMAIN_DEVICE_WATCHDOG:
        return g_strdup("watchdog0");
    case VR_DOMAIN_DEVICE_MEMBALLOON:
        return g_strdup("balloon0");
    case VR_DOMAIN_DEVICE_RNG:
        return g_strdup_printf("rng%zu", IDX(def->rngs, def->nrngs, dev));
    case VR_DOMAIN_DEVICE_PANIC:
        return g_strdup_printf("panic%zu", IDX(def->panics, def->npanics, dev));
    case VR_DOMAIN_DEVICE_SHMEM:
        return g_strdup_printf("shmem%zu", IDX(def->shmems, def->nshmems, dev));
    case VR_DOMAIN_DEVICE_MEMORY:
        return vrQemuMemoryAlias(def, dev);
    case VR_DOMAIN_DEVICE_IOMMU:
        return g_strdup("iommu0");
    case VR_DOMAIN_DEVICE_VSOCK:
        return g_strdup("vsock0");
    case VR_DOMAIN_DEVICE_CRYPTO:
        return g_strdup_printf("crypto%zu", IDX(def->cryptos, def->ncryptos, dev));
    case VR_DOMAIN_DEVICE_NVRAM:
        return g_strdup("nvram");
    case VR_DOMAIN_DEVICE_NONE:
    case VR_DOMAIN_DEVICE_LEASE:
    case VR_DOMAIN_DEVICE_GRAPHICS:
    case VR_DOMAIN_DEVICE_AUDIO:
    case VR_DOMAIN_DEVICE_REDIRFILTER:
    case VR_DOMAIN_DEVICE_LAST:
        break;
    }
    return g_strdup("device");
}

static void
vrQemuSetAlias(const vrDomainDef *def, int devType, const void *dev, vrDomainDeviceInfo *info)
{
    if (!info->alias)
        info->alias = vrQemuDeviceAliasFor(def, devType, dev);
}

#define ALIAS_LIST(type, list, n) \
    for (i = 0; i < (n); i++) \
        vrQemuSetAlias(def, (type), (list)[i], &(list)[i]->info)

void
vrQemuAssignDeviceAliases(vrDomainDef *def)
{
    size_t i;

    ALIAS_LIST(VR_DOMAIN_DEVICE_DISK, def->disks, def->ndisks);
    ALIAS_LIST(VR_DOMAIN_DEVICE_CONTROLLER, def->controllers, def->ncontrollers);
    ALIAS_LIST(VR_DOMAIN_DEVICE_FS, def->filesystems, def->nfilesystems);
    ALIAS_LIST(VR_DOMAIN_DEVICE_NET, def->nets, def->nnets);
    ALIAS_LIST(VR_DOMAIN_DEVICE_SMARTCARD, def->smartcards, def->nsmartcards);
    ALIAS_LIST(VR_DOMAIN_DEVICE_CHR, def->serials, def->nserials);
    ALIAS_LIST(VR_DOMAIN_DEVICE_CHR, def->parallels, def->nparallels);
    ALIAS_LIST(VR_DOMAIN_DEVICE_CHR, def->channels, def->nchannels);
    ALIAS_LIST(VR_DOMAIN_DEVICE_CHR, def->consoles, def->nconsoles);
    ALIAS_LIST(VR_DOMAIN_DEVICE_INPUT, def->inputs, def->ninputs);
    ALIAS_LIST(VR_DOMAIN_DEVICE_TPM, def->tpms, def->ntpms);
    ALIAS_LIST(VR_DOMAIN_DEVICE_SOUND, def->sounds, def->nsounds);
    ALIAS_LIST(VR_DOMAIN_DEVICE_VIDEO, def->videos, def->nvideos);
    ALIAS_LIST(VR_DOMAIN_DEVICE_HOSTDEV, def->hostdevs, def->nhostdevs);
    ALIAS_LIST(VR_DOMAIN_DEVICE_REDIRDEV, def->redirdevs, def->nredirdevs);
    ALIAS_LIST(VR_DOMAIN_DEVICE_HUB, def->hubs, def->nhubs);
    ALIAS_LIST(VR_DOMAIN_DEVICE_RNG, def->rngs, def->nrngs);
    ALIAS_LIST(VR_DOMAIN_DEVICE_PANIC, def->panics, def->npanics);
    ALIAS_LIST(VR_DOMAIN_DEVICE_SHMEM, def->shmems, def->nshmems);
    ALIAS_LIST(VR_DOMAIN_DEVICE_MEMORY, def->memories, def->nmemories);
    ALIAS_LIST(VR_DOMAIN_DEVICE_CRYPTO, def->cryptos, def->ncryptos);
    if (def->watchdog)
        vrQemuSetAlias(def, VR_DOMAIN_DEVICE_WATCHDOG, def->watchdog, &def->watchdog->info);
    if (def->memballoon)
        vrQemuSetAlias(def, VR_DOMAIN_DEVICE_MEMBALLOON, def->memballoon, &def->memballoon->info);
    if (def->iommu)
        vrQemuSetAlias(def, VR_DOMAIN_DEVICE_IOMMU, def->iommu, &def->iommu->info);
    if (def->vsock)
        vrQemuSetAlias(def, VR_DOMAIN_DEVICE_VSOCK, def->vsock, &def->vsock->info);
}
