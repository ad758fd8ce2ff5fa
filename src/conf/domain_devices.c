/*
 * domain_devices.c: adding, finding and removing devices of a definition.
 */
#include <config.h>

#include <string.h>

#include "domain_device_internal.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

void
vrDomainDeviceDefClear(vrDomainDeviceDef *dev)
{
    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_DISK: vrDomainDiskDefFree(dev->data.disk); break;
    case VR_DOMAIN_DEVICE_CONTROLLER: vrDomainControllerDefFree(dev->data.controller); break;
    case VR_DOMAIN_DEVICE_LEASE: vrDomainLeaseDefFree(dev->data.lease); break;
    case VR_DOMAIN_DEVICE_FS: vrDomainFSDefFree(dev->data.fs); break;
    case VR_DOMAIN_DEVICE_NET: vrDomainNetDefFree(dev->data.net); break;
    case VR_DOMAIN_DEVICE_SMARTCARD: vrDomainSmartcardDefFree(dev->data.smartcard); break;
    case VR_DOMAIN_DEVICE_CHR: vrDomainChrDefFree(dev->data.chr); break;
    case VR_DOMAIN_DEVICE_INPUT: vrDomainInputDefFree(dev->data.input); break;
    case VR_DOMAIN_DEVICE_TPM: vrDomainTPMDefFree(dev->data.tpm); break;
    case VR_DOMAIN_DEVICE_GRAPHICS: vrDomainGraphicsDefFree(dev->data.graphics); break;
    case VR_DOMAIN_DEVICE_SOUND: vrDomainSoundDefFree(dev->data.sound); break;
    case VR_DOMAIN_DEVICE_AUDIO: vrDomainAudioDefFree(dev->data.audio); break;
    case VR_DOMAIN_DEVICE_VIDEO: vrDomainVideoDefFree(dev->data.video); break;
    case VR_DOMAIN_DEVICE_HOSTDEV: vrDomainHostdevDefFree(dev->data.hostdev); break;
    case VR_DOMAIN_DEVICE_REDIRDEV: vrDomainRedirdevDefFree(dev->data.redirdev); break;
    case VR_DOMAIN_DEVICE_REDIRFILTER: vrDomainRedirFilterDefFree(dev->data.redirfilter); break;
    case VR_DOMAIN_DEVICE_HUB: vrDomainHubDefFree(dev->data.hub); break;
    case VR_DOMAIN_DEVICE_WATCHDOG: vrDomainWatchdogDefFree(dev->data.watchdog); break;
    case VR_DOMAIN_DEVICE_MEMBALLOON: vrDomainMemballoonDefFree(dev->data.memballoon); break;
    case VR_DOMAIN_DEVICE_RNG: vrDomainRNGDefFree(dev->data.rng); break;
    case VR_DOMAIN_DEVICE_NVRAM: vrDomainNVRAMDefFree(dev->data.nvram); break;
    case VR_DOMAIN_DEVICE_PANIC: vrDomainPanicDefFree(dev->data.panic); break;
    case VR_DOMAIN_DEVICE_SHMEM: vrDomainShmemDefFree(dev->data.shmem); break;
    case VR_DOMAIN_DEVICE_MEMORY: vrDomainMemoryDefFree(dev->data.memory); break;
    case VR_DOMAIN_DEVICE_IOMMU: vrDomainIOMMUDefFree(dev->data.iommu); break;
    case VR_DOMAIN_DEVICE_VSOCK: vrDomainVsockDefFree(dev->data.vsock); break;
    case VR_DOMAIN_DEVICE_CRYPTO: vrDomainCryptoDefFree(dev->data.crypto); break;
    case VR_DOMAIN_DEVICE_NONE:
    case VR_DOMAIN_DEVICE_LAST:
        break;
    }
    memset(dev, 0, sizeof(*dev));
}

void
vrDomainDeviceDefFree(vrDomainDeviceDef *dev)
{
    if (!dev)
        return;
    vrDomainDeviceDefClear(dev);
    g_free(dev);
}

/* Controllers stay grouped by type and ordered by index; a USB master
 * goes before its companions of the same index. */
void
vrDomainControllerInsert(vrDomainDef *def, vrDomainControllerDef *ctrl)
{
    ssize_t idx;
    ssize_t insertAt = -1;

    for (idx = (ssize_t)def->ncontrollers - 1; idx >= 0; idx--) {
        vrDomainControllerDef *cur = def->controllers[idx];
        if (cur->type != ctrl->type)
            continue;
        if (ctrl->idx == -1) {
            insertAt = idx + 1;
            break;
        }
        if (cur->idx > ctrl->idx)
            insertAt = idx;
        else if (!ctrl->info.hasMaster && cur->info.hasMaster && cur->idx == ctrl->idx)
            insertAt = idx;
        else if (insertAt == -1)
            insertAt = idx + 1;
    }
    if (insertAt == -1)
        insertAt = def->ncontrollers;
    VR_INSERT_ELEMENT(def->controllers, def->ncontrollers, (size_t)insertAt, ctrl);
}

static void
vrDomainChrAdd(vrDomainDef *def, vrDomainChrDef *chr)
{
    switch ((vrDomainChrDeviceType)chr->deviceType) {
    case VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        VR_APPEND_ELEMENT(def->serials, def->nserials, chr);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
        VR_APPEND_ELEMENT(def->parallels, def->nparallels, chr);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        VR_APPEND_ELEMENT(def->consoles, def->nconsoles, chr);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
    case VR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        VR_APPEND_ELEMENT(def->channels, def->nchannels, chr);
        break;
    }
}

/* A primary video card goes first. */
static int
vrDomainVideoAdd(vrDomainDef *def, vrDomainVideoDef *video)
{
    if (!video->primary) {
        VR_APPEND_ELEMENT(def->videos, def->nvideos, video);
        return 0;
    }
    if (def->nvideos && def->videos[0]->primary) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Only one primary video device is supported");
        return -1;
    }
    VR_INSERT_ELEMENT(def->videos, def->nvideos, 0, video);
    return 0;
}

/* Kinds a domain holds one of. */
static int
vrDomainSingleAdd(void **slot, void *dev, const char *what)
{
    if (*slot) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "only a single %s device is supported", what);
        return -1;
    }
    *slot = dev;
    return 0;
}

static int
vrDomainDefAddSingle(vrDomainDef *def, vrDomainDeviceDef *dev)
{
    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_WATCHDOG:
        return vrDomainSingleAdd((void **)&def->watchdog, dev->data.watchdog, "watchdog");
    case VR_DOMAIN_DEVICE_MEMBALLOON:
        return vrDomainSingleAdd((void **)&def->memballoon, dev->data.memballoon,
                                 "memory balloon");
    case VR_DOMAIN_DEVICE_NVRAM:
        return vrDomainSingleAdd((void **)&def->nvramDev, dev->data.nvram, "nvram");
    case VR_DOMAIN_DEVICE_IOMMU:
        return vrDomainSingleAdd((void **)&def->iommu, dev->data.iommu, "IOMMU");
    case VR_DOMAIN_DEVICE_VSOCK:
        return vrDomainSingleAdd((void **)&def->vsock, dev->data.vsock, "vsock");
    case VR_DOMAIN_DEVICE_REDIRFILTER:
        if (def->redirfilter) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "only one set of redir filter rules is supported");
            return -1;
        }
        def->redirfilter = dev->data.redirfilter;
        return 0;
    default:
        break;
    }
    vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "no device to add");
    return -1;
}

static int
vrDomainDefAddListed(vrDomainDef *def, vrDomainDeviceDef *dev)
{
    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_DISK: vrDomainDiskInsert(def, dev->data.disk); break;
    case VR_DOMAIN_DEVICE_CONTROLLER: vrDomainControllerInsert(def, dev->data.controller); break;
    case VR_DOMAIN_DEVICE_LEASE: VR_APPEND_ELEMENT(def->leases, def->nleases, dev->data.lease); break;
    case VR_DOMAIN_DEVICE_FS: VR_APPEND_ELEMENT(def->filesystems, def->nfilesystems, dev->data.fs); break;
    case VR_DOMAIN_DEVICE_NET: VR_APPEND_ELEMENT(def->nets, def->nnets, dev->data.net); break;
    case VR_DOMAIN_DEVICE_SMARTCARD:
        VR_APPEND_ELEMENT(def->smartcards, def->nsmartcards, dev->data.smartcard);
        break;
    case VR_DOMAIN_DEVICE_CHR: vrDomainChrAdd(def, dev->data.chr); break;
    case VR_DOMAIN_DEVICE_INPUT: VR_APPEND_ELEMENT(def->inputs, def->ninputs, dev->data.input); break;
    case VR_DOMAIN_DEVICE_TPM: VR_APPEND_ELEMENT(def->tpms, def->ntpms, dev->data.tpm); break;
    case VR_DOMAIN_DEVICE_GRAPHICS:
        VR_APPEND_ELEMENT(def->graphics, def->ngraphics, dev->data.graphics);
        break;
    case VR_DOMAIN_DEVICE_SOUND: VR_APPEND_ELEMENT(def->sounds, def->nsounds, dev->data.sound); break;
    case VR_DOMAIN_DEVICE_AUDIO: VR_APPEND_ELEMENT(def->audios, def->naudios, dev->data.audio); break;
    case VR_DOMAIN_DEVICE_VIDEO: return vrDomainVideoAdd(def, dev->data.video);
    case VR_DOMAIN_DEVICE_HOSTDEV:
        VR_APPEND_ELEMENT(def->hostdevs, def->nhostdevs, dev->data.hostdev);
        break;
    case VR_DOMAIN_DEVICE_REDIRDEV:
        VR_APPEND_ELEMENT(def->redirdevs, def->nredirdevs, dev->data.redirdev);
        break;
    case VR_DOMAIN_DEVICE_HUB: VR_APPEND_ELEMENT(def->hubs, def->nhubs, dev->data.hub); break;
    case VR_DOMAIN_DEVICE_RNG: VR_APPEND_ELEMENT(def->rngs, def->nrngs, dev->data.rng); break;
    case VR_DOMAIN_DEVICE_PANIC: VR_APPEND_ELEMENT(def->panics, def->npanics, dev->data.panic); break;
    case VR_DOMAIN_DEVICE_SHMEM: VR_APPEND_ELEMENT(def->shmems, def->nshmems, dev->data.shmem); break;
    case VR_DOMAIN_DEVICE_MEMORY:
        VR_APPEND_ELEMENT(def->memories, def->nmemories, dev->data.memory);
        break;
    case VR_DOMAIN_DEVICE_CRYPTO:
        VR_APPEND_ELEMENT(def->cryptos, def->ncryptos, dev->data.crypto);
        break;
    default:
        return vrDomainDefAddSingle(def, dev);
    }
    return 0;
}

int
vrDomainDefAddDevice(vrDomainDef *def, vrDomainDeviceDef *dev)
{
    if (vrDomainDefAddListed(def, dev) < 0)
        return -1;
    memset(dev, 0, sizeof(*dev));
    return 0;
}

static int
vrDomainRemoveDisk(vrDomainDef *def, const vrDomainDiskDef *disk)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (g_strcmp0(def->disks[i]->dst, disk->dst) == 0) {
            vrDomainDiskDefFree(def->disks[i]);
            VR_DELETE_ELEMENT(def->disks, def->ndisks, i);
            return 0;
        }
    }
    vrReportError(VR_ERR_DEVICE_MISSING, "no target device %s", disk->dst);
    return -1;
}

static int
vrDomainRemoveNet(vrDomainDef *def, const vrDomainNetDef *net)
{
    size_t i;
    char mac[18];

    for (i = 0; i < def->nnets; i++) {
        /* a MAC the user did not give matches any interface */
        if (!net->macGenerated && memcmp(def->nets[i]->mac, net->mac, 6) != 0)
            continue;
        vrDomainNetDefFree(def->nets[i]);
        VR_DELETE_ELEMENT(def->nets, def->nnets, i);
        return 0;
    }
    vrMacFormat(net->mac, mac);
    vrReportError(VR_ERR_DEVICE_MISSING, "no device matching MAC address %s found", mac);
    return -1;
}

/* The inactive XML of one device, to compare devices by. */
static char *
vrDomainDeviceFormatForMatch(const vrDomainDeviceDef *dev)
{
    g_autoptr(vrDomainDef) tmp = vrDomainDefNew();
    vrDomainDeviceDef copy = *dev;
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char *ret;

    /* Borrow the device into an empty definition to format it, then give
     * it back. */
    if (vrDomainDefAddDevice(tmp, &copy) < 0)
        return g_strdup("");
    vrDomainFormatDevices(&buf, tmp, VR_DOMAIN_FORMAT_INACTIVE);
    ret = vrBufContent(&buf);
    memset(tmp, 0, sizeof(*tmp));
    return ret;
}

/* Finds the entry of @arr formatted like @want, or -1. */
static ssize_t
vrDomainFindFormatted(void **arr, size_t n, int type, const char *want)
{
    size_t i;

    for (i = 0; i < n; i++) {
        vrDomainDeviceDef probe = { .type = type };
        g_autofree char *have = NULL;

        probe.data.disk = arr[i];
        have = vrDomainDeviceFormatForMatch(&probe);
        if (g_str_equal(have, want))
            return (ssize_t)i;
    }
    return -1;
}

#define VR_TRY_REMOVE(arr, n, fn) \
    do { \
        ssize_t _found = vrDomainFindFormatted((void **)def->arr, def->n, dev->type, want); \
        if (_found >= 0) { \
            fn(def->arr[_found]); \
            VR_DELETE_ELEMENT(def->arr, def->n, (size_t)_found); \
            return 0; \
        } \
    } while (0)

static int
vrDomainRemoveFormatted(vrDomainDef *def, const vrDomainDeviceDef *dev)
{
    g_autofree char *want = vrDomainDeviceFormatForMatch(dev);

    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_CONTROLLER: VR_TRY_REMOVE(controllers, ncontrollers, vrDomainControllerDefFree); break;
    case VR_DOMAIN_DEVICE_LEASE: VR_TRY_REMOVE(leases, nleases, vrDomainLeaseDefFree); break;
    case VR_DOMAIN_DEVICE_FS: VR_TRY_REMOVE(filesystems, nfilesystems, vrDomainFSDefFree); break;
    case VR_DOMAIN_DEVICE_SMARTCARD: VR_TRY_REMOVE(smartcards, nsmartcards, vrDomainSmartcardDefFree); break;
    case VR_DOMAIN_DEVICE_CHR:
        VR_TRY_REMOVE(serials, nserials, vrDomainChrDefFree);
        VR_TRY_REMOVE(parallels, nparallels, vrDomainChrDefFree);
        VR_TRY_REMOVE(consoles, nconsoles, vrDomainChrDefFree);
        VR_TRY_REMOVE(channels, nchannels, vrDomainChrDefFree);
        break;
    case VR_DOMAIN_DEVICE_INPUT: VR_TRY_REMOVE(inputs, ninputs, vrDomainInputDefFree); break;
    case VR_DOMAIN_DEVICE_TPM: VR_TRY_REMOVE(tpms, ntpms, vrDomainTPMDefFree); break;
    case VR_DOMAIN_DEVICE_GRAPHICS: VR_TRY_REMOVE(graphics, ngraphics, vrDomainGraphicsDefFree); break;
    case VR_DOMAIN_DEVICE_SOUND: VR_TRY_REMOVE(sounds, nsounds, vrDomainSoundDefFree); break;
    case VR_DOMAIN_DEVICE_AUDIO: VR_TRY_REMOVE(audios, naudios, vrDomainAudioDefFree); break;
    case VR_DOMAIN_DEVICE_VIDEO: VR_TRY_REMOVE(videos, nvideos, vrDomainVideoDefFree); break;
    case VR_DOMAIN_DEVICE_HOSTDEV: VR_TRY_REMOVE(hostdevs, nhostdevs, vrDomainHostdevDefFree); break;
    case VR_DOMAIN_DEVICE_REDIRDEV: VR_TRY_REMOVE(redirdevs, nredirdevs, vrDomainRedirdevDefFree); break;
    case VR_DOMAIN_DEVICE_HUB: VR_TRY_REMOVE(hubs, nhubs, vrDomainHubDefFree); break;
    case VR_DOMAIN_DEVICE_RNG: VR_TRY_REMOVE(rngs, nrngs, vrDomainRNGDefFree); break;
    case VR_DOMAIN_DEVICE_PANIC: VR_TRY_REMOVE(panics, npanics, vrDomainPanicDefFree); break;
    case VR_DOMAIN_DEVICE_SHMEM: VR_TRY_REMOVE(shmems, nshmems, vrDomainShmemDefFree); break;
    case VR_DOMAIN_DEVICE_MEMORY: VR_TRY_REMOVE(memories, nmemories, vrDomainMemoryDefFree); break;
    case VR_DOMAIN_DEVICE_CRYPTO: VR_TRY_REMOVE(cryptos, ncryptos, vrDomainCryptoDefFree); break;
    default:
        break;
    }
    vrReportError(VR_ERR_DEVICE_MISSING, "%s", "matching device was not found");
    return -1;
}
#undef VR_TRY_REMOVE

/* The single devices go whatever their settings. */
static int
vrDomainRemoveSingle(vrDomainDef *def, int type)
{
    switch ((vrDomainDeviceType)type) {
    case VR_DOMAIN_DEVICE_WATCHDOG:
        if (!def->watchdog)
            break;
        g_clear_pointer(&def->watchdog, vrDomainWatchdogDefFree);
        return 0;
    case VR_DOMAIN_DEVICE_MEMBALLOON:
        if (!def->memballoon)
            break;
        g_clear_pointer(&def->memballoon, vrDomainMemballoonDefFree);
        return 0;
    case VR_DOMAIN_DEVICE_VSOCK:
        if (!def->vsock)
            break;
        g_clear_pointer(&def->vsock, vrDomainVsockDefFree);
        return 0;
    default:
        break;
    }
    vrReportError(VR_ERR_DEVICE_MISSING, "%s", "matching device was not found");
    return -1;
}

int
vrDomainDefRemoveDevice(vrDomainDef *def, const vrDomainDeviceDef *dev)
{
    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_DISK:
        return vrDomainRemoveDisk(def, dev->data.disk);
    case VR_DOMAIN_DEVICE_NET:
        return vrDomainRemoveNet(def, dev->data.net);
    case VR_DOMAIN_DEVICE_WATCHDOG:
    case VR_DOMAIN_DEVICE_MEMBALLOON:
    case VR_DOMAIN_DEVICE_VSOCK:
        return vrDomainRemoveSingle(def, dev->type);
    default:
        return vrDomainRemoveFormatted(def, dev);
    }
}

vrDomainDeviceDef *
vrDomainDeviceDefParse(const char *xml, const vrDomainDef *def, const vrDomainXMLOption *opt)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(device_definition)", NULL, VR_FROM_DOMAIN);
    g_autoptr(vrDomainDeviceDef) dev = g_new0(vrDomainDeviceDef, 1);

    (void)def;
    (void)opt;
    if (!doc)
        return NULL;
    if (vrDomainParseDeviceNode(xmlDocGetRootElement(doc), dev, 0) < 0)
        return NULL;
    return g_steal_pointer(&dev);
}
