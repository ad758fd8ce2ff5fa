/*
 * domain_devices.c: adding, finding and removing devices of a definition.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
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
    case VR_DOMAIN_DEVICE_NET: vrDomainNetDefFree(dev->data.net); break;
    case VR_DOMAIN_DEVICE_CHR: vrDomainChrDefFree(dev->data.chr); break;
    case VR_DOMAIN_DEVICE_INPUT: vrDomainInputDefFree(dev->data.input); break;
    case VR_DOMAIN_DEVICE_GRAPHICS: vrDomainGraphicsDefFree(dev->data.graphics); break;
    case VR_DOMAIN_DEVICE_VIDEO: vrDomainVideoDefFree(dev->data.video); break;
    case VR_DOMAIN_DEVICE_SOUND: vrDomainSoundDefFree(dev->data.sound); break;
    case VR_DOMAIN_DEVICE_WATCHDOG: vrDomainWatchdogDefFree(dev->data.watchdog); break;
    case VR_DOMAIN_DEVICE_MEMBALLOON: vrDomainMemballoonDefFree(dev->data.memballoon); break;
    case VR_DOMAIN_DEVICE_RNG: vrDomainRNGDefFree(dev->data.rng); break;
    case VR_DOMAIN_DEVICE_OTHER: vrDomainOtherDeviceDefFree(dev->data.other); break;
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

/* Controllers stay grouped by type and ordered by index. */
static void
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

static int
vrDomainOtherAdd(vrDomainDef *def, vrDomainOtherDeviceDef *dev)
{
    const char *n = dev->name;
    vrDomainOtherDeviceDef **single = NULL;

    if (g_str_equal(n, "lease"))
        VR_APPEND_ELEMENT(def->leases, def->nleases, dev);
    else if (g_str_equal(n, "filesystem"))
        VR_APPEND_ELEMENT(def->filesystems, def->nfilesystems, dev);
    else if (g_str_equal(n, "smartcard"))
        VR_APPEND_ELEMENT(def->smartcards, def->nsmartcards, dev);
    else if (g_str_equal(n, "tpm"))
        VR_APPEND_ELEMENT(def->tpms, def->ntpms, dev);
    else if (g_str_equal(n, "audio"))
        VR_APPEND_ELEMENT(def->audios, def->naudios, dev);
    else if (g_str_equal(n, "hostdev"))
        VR_APPEND_ELEMENT(def->hostdevs, def->nhostdevs, dev);
    else if (g_str_equal(n, "redirdev"))
        VR_APPEND_ELEMENT(def->redirdevs, def->nredirdevs, dev);
    else if (g_str_equal(n, "hub"))
        VR_APPEND_ELEMENT(def->hubs, def->nhubs, dev);
    else if (g_str_equal(n, "panic"))
        VR_APPEND_ELEMENT(def->panics, def->npanics, dev);
    else if (g_str_equal(n, "shmem"))
        VR_APPEND_ELEMENT(def->shmems, def->nshmems, dev);
    else if (g_str_equal(n, "memory"))
        VR_APPEND_ELEMENT(def->memories, def->nmemories, dev);
    else if (g_str_equal(n, "redirfilter"))
        single = &def->redirfilter;
    else if (g_str_equal(n, "nvram"))
        single = &def->nvramDev;
    else if (g_str_equal(n, "iommu"))
        single = &def->iommu;
    else if (g_str_equal(n, "vsock"))
        single = &def->vsock;
    else {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot add device '%s'", n);
        return -1;
    }
    if (single) {
        if (*single) {
            vrReportError(VR_ERR_XML_ERROR, "only a single <%s> device is supported", n);
            return -1;
        }
        *single = dev;
    }
    return 0;
}

int
vrDomainDefAddDevice(vrDomainDef *def, vrDomainDeviceDef *dev)
{
    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_DISK:
        vrDomainDiskInsert(def, dev->data.disk);
        break;
    case VR_DOMAIN_DEVICE_CONTROLLER:
        vrDomainControllerInsert(def, dev->data.controller);
        break;
    case VR_DOMAIN_DEVICE_NET:
        VR_APPEND_ELEMENT(def->nets, def->nnets, dev->data.net);
        break;
    case VR_DOMAIN_DEVICE_CHR:
        vrDomainChrAdd(def, dev->data.chr);
        break;
    case VR_DOMAIN_DEVICE_INPUT:
        VR_APPEND_ELEMENT(def->inputs, def->ninputs, dev->data.input);
        break;
    case VR_DOMAIN_DEVICE_GRAPHICS:
        VR_APPEND_ELEMENT(def->graphics, def->ngraphics, dev->data.graphics);
        break;
    case VR_DOMAIN_DEVICE_VIDEO:
        VR_APPEND_ELEMENT(def->videos, def->nvideos, dev->data.video);
        break;
    case VR_DOMAIN_DEVICE_SOUND:
        VR_APPEND_ELEMENT(def->sounds, def->nsounds, dev->data.sound);
        break;
    case VR_DOMAIN_DEVICE_WATCHDOG:
        if (def->watchdog) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain already has a watchdog");
            return -1;
        }
        def->watchdog = dev->data.watchdog;
        break;
    case VR_DOMAIN_DEVICE_MEMBALLOON:
        if (def->memballoon) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Only one balloon device is supported");
            return -1;
        }
        def->memballoon = dev->data.memballoon;
        break;
    case VR_DOMAIN_DEVICE_RNG:
        VR_APPEND_ELEMENT(def->rngs, def->nrngs, dev->data.rng);
        break;
    case VR_DOMAIN_DEVICE_OTHER:
        if (vrDomainOtherAdd(def, dev->data.other) < 0)
            return -1;
        break;
    case VR_DOMAIN_DEVICE_NONE:
    case VR_DOMAIN_DEVICE_LAST:
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "no device to add");
        return -1;
    }
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

static char *
vrDomainDeviceFormatForMatch(const vrDomainDeviceDef *dev)
{
    g_autoptr(vrDomainDef) tmp = vrDomainDefNew();
    vrDomainDeviceDef copy = *dev;
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char *ret;

    /* Borrow the device into an empty definition to format it, then give
     * it back. */
    vrDomainDefAddDevice(tmp, &copy);
    vrDomainFormatDevices(&buf, tmp, VR_DOMAIN_FORMAT_INACTIVE);
    ret = vrBufContent(&buf);
    memset(tmp, 0, sizeof(*tmp));
    return ret;
}

int
vrDomainDefRemoveDevice(vrDomainDef *def, const vrDomainDeviceDef *dev)
{
    g_autofree char *want = NULL;
    size_t i;

    if (dev->type == VR_DOMAIN_DEVICE_DISK)
        return vrDomainRemoveDisk(def, dev->data.disk);
    if (dev->type == VR_DOMAIN_DEVICE_NET)
        return vrDomainRemoveNet(def, dev->data.net);

    /* Every other kind matches on its formatted form. */
    want = vrDomainDeviceFormatForMatch(dev);
#define VR_TRY_REMOVE(arr, n, fn, kind, field) \
    for (i = 0; i < def->n; i++) { \
        vrDomainDeviceDef probe = { .type = kind }; \
        g_autofree char *have = NULL; \
        probe.data.field = def->arr[i]; \
        have = vrDomainDeviceFormatForMatch(&probe); \
        if (g_str_equal(have, want)) { \
            fn(def->arr[i]); \
            VR_DELETE_ELEMENT(def->arr, def->n, i); \
            return 0; \
        } \
    }
    switch ((vrDomainDeviceType)dev->type) {
    case VR_DOMAIN_DEVICE_CONTROLLER:
        VR_TRY_REMOVE(controllers, ncontrollers, vrDomainControllerDefFree,
                      VR_DOMAIN_DEVICE_CONTROLLER, controller);
        break;
    case VR_DOMAIN_DEVICE_INPUT:
        VR_TRY_REMOVE(inputs, ninputs, vrDomainInputDefFree, VR_DOMAIN_DEVICE_INPUT, input);
        break;
    case VR_DOMAIN_DEVICE_SOUND:
        VR_TRY_REMOVE(sounds, nsounds, vrDomainSoundDefFree, VR_DOMAIN_DEVICE_SOUND, sound);
        break;
    case VR_DOMAIN_DEVICE_VIDEO:
        VR_TRY_REMOVE(videos, nvideos, vrDomainVideoDefFree, VR_DOMAIN_DEVICE_VIDEO, video);
        break;
    case VR_DOMAIN_DEVICE_RNG:
        VR_TRY_REMOVE(rngs, nrngs, vrDomainRNGDefFree, VR_DOMAIN_DEVICE_RNG, rng);
        break;
    case VR_DOMAIN_DEVICE_CHR:
        VR_TRY_REMOVE(serials, nserials, vrDomainChrDefFree, VR_DOMAIN_DEVICE_CHR, chr);
        VR_TRY_REMOVE(parallels, nparallels, vrDomainChrDefFree, VR_DOMAIN_DEVICE_CHR, chr);
        VR_TRY_REMOVE(consoles, nconsoles, vrDomainChrDefFree, VR_DOMAIN_DEVICE_CHR, chr);
        VR_TRY_REMOVE(channels, nchannels, vrDomainChrDefFree, VR_DOMAIN_DEVICE_CHR, chr);
        break;
    case VR_DOMAIN_DEVICE_OTHER:
        VR_TRY_REMOVE(hostdevs, nhostdevs, vrDomainOtherDeviceDefFree, VR_DOMAIN_DEVICE_OTHER, other);
        VR_TRY_REMOVE(filesystems, nfilesystems, vrDomainOtherDeviceDefFree, VR_DOMAIN_DEVICE_OTHER, other);
        VR_TRY_REMOVE(redirdevs, nredirdevs, vrDomainOtherDeviceDefFree, VR_DOMAIN_DEVICE_OTHER, other);
        VR_TRY_REMOVE(shmems, nshmems, vrDomainOtherDeviceDefFree, VR_DOMAIN_DEVICE_OTHER, other);
        VR_TRY_REMOVE(memories, nmemories, vrDomainOtherDeviceDefFree, VR_DOMAIN_DEVICE_OTHER, other);
        break;
    case VR_DOMAIN_DEVICE_WATCHDOG:
        if (def->watchdog) {
            vrDomainWatchdogDefFree(def->watchdog);
            def->watchdog = NULL;
            return 0;
        }
        break;
    default:
        break;
    }
#undef VR_TRY_REMOVE
    vrReportError(VR_ERR_DEVICE_MISSING, "%s", "matching device was not found");
    return -1;
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
