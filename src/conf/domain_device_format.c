/*
 * domain_device_format.c: the elements inside <devices>.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrbuf.h"
#include "util/vrxml.h"

static void
attr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrBufEscapeXMLPrintf(buf, "'%s'", value);
}

static void
textElement(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, "<%s>", name);
    vrBufEscapeXML(buf, value);
    vrBufAsprintf(buf, "</%s>\n", name);
}

/* ---- addresses and device info ------------------------------------- */

void
vrDomainFormatAddress(vrBuf *buf, const vrDomainDeviceAddress *addr)
{
    if (addr->type == VR_DOMAIN_ADDRESS_NONE)
        return;
    vrBufAsprintf(buf, "<address type='%s'", vrDomainAddressTypeToString(addr->type));
    switch ((vrDomainAddressType)addr->type) {
    case VR_DOMAIN_ADDRESS_PCI:
        vrBufAsprintf(buf, " domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'",
                      addr->u.pci.domain, addr->u.pci.bus, addr->u.pci.slot,
                      addr->u.pci.function);
        if (addr->u.pci.multifunction)
            vrBufAsprintf(buf, " multifunction='%s'",
                          addr->u.pci.multifunction == 1 ? "on" : "off");
        break;
    case VR_DOMAIN_ADDRESS_DRIVE:
        vrBufAsprintf(buf, " controller='%u' bus='%u' target='%u' unit='%u'",
                      addr->u.drive.controller, addr->u.drive.bus, addr->u.drive.target,
                      addr->u.drive.unit);
        break;
    case VR_DOMAIN_ADDRESS_VIRTIO_SERIAL:
        vrBufAsprintf(buf, " controller='%u' bus='%u' port='%u'",
                      addr->u.vioserial.controller, addr->u.vioserial.bus,
                      addr->u.vioserial.port);
        break;
    case VR_DOMAIN_ADDRESS_CCID:
        vrBufAsprintf(buf, " controller='%u' slot='%u'", addr->u.ccid.controller,
                      addr->u.ccid.slot);
        break;
    case VR_DOMAIN_ADDRESS_USB:
        vrBufAsprintf(buf, " bus='%u'", addr->u.usb.bus);
        if (addr->u.usb.port[0])
            vrBufAsprintf(buf, " port='%s'", addr->u.usb.port);
        break;
    case VR_DOMAIN_ADDRESS_SPAPRVIO:
        if (addr->u.spaprvio.hasReg)
            vrBufAsprintf(buf, " reg='0x%08llx'", addr->u.spaprvio.reg);
        break;
    case VR_DOMAIN_ADDRESS_CCW:
        vrBufAsprintf(buf, " cssid='0x%x' ssid='0x%x' devno='0x%04x'", addr->u.ccw.cssid,
                      addr->u.ccw.ssid, addr->u.ccw.devno);
        break;
    case VR_DOMAIN_ADDRESS_ISA:
        if (addr->u.isa.iobase)
            vrBufAsprintf(buf, " iobase='0x%x'", addr->u.isa.iobase);
        if (addr->u.isa.irq)
            vrBufAsprintf(buf, " irq='0x%x'", addr->u.isa.irq);
        break;
    case VR_DOMAIN_ADDRESS_DIMM:
        vrBufAsprintf(buf, " slot='%u'", addr->u.dimm.slot);
        if (addr->u.dimm.base)
            vrBufAsprintf(buf, " base='0x%llx'", addr->u.dimm.base);
        break;
    case VR_DOMAIN_ADDRESS_VIRTIO_MMIO:
    case VR_DOMAIN_ADDRESS_UNASSIGNED:
    case VR_DOMAIN_ADDRESS_NONE:
    case VR_DOMAIN_ADDRESS_LAST:
        break;
    }
    vrBufAddLit(buf, "/>\n");
}

void
vrDomainFormatDeviceInfo(vrBuf *buf, const vrDomainDeviceInfo *info, unsigned int flags)
{
    if (info->bootIndex)
        vrBufAsprintf(buf, "<boot order='%u'/>\n", info->bootIndex);
    if (info->alias && (!(flags & VR_DOMAIN_FORMAT_INACTIVE) ||
                        g_str_has_prefix(info->alias, "ua-")))
        vrBufAsprintf(buf, "<alias name='%s'/>\n", info->alias);
    if (info->romFile || info->romBar || info->romEnabled) {
        vrBufAddLit(buf, "<rom");
        if (info->romEnabled)
            vrBufAsprintf(buf, " enabled='%s'", info->romEnabled == 1 ? "yes" : "no");
        if (info->romBar)
            vrBufAsprintf(buf, " bar='%s'", info->romBar == 1 ? "on" : "off");
        attr(buf, "file", info->romFile);
        vrBufAddLit(buf, "/>\n");
    }
    vrDomainFormatAddress(buf, &info->addr);
}

static bool
vrDomainDeviceInfoIsEmpty(const vrDomainDeviceInfo *info, unsigned int flags)
{
    bool alias = info->alias && (!(flags & VR_DOMAIN_FORMAT_INACTIVE) ||
                                 g_str_has_prefix(info->alias, "ua-"));
    return !info->bootIndex && !alias && !info->romFile && !info->romBar &&
           !info->romEnabled && info->addr.type == VR_DOMAIN_ADDRESS_NONE;
}

/* ---- disks --------------------------------------------------------- */

static void
vrDomainFormatStorageSourceAttrs(vrBuf *buf, const vrStorageSource *src)
{
    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        attr(buf, "file", src->path);
        break;
    case VR_STORAGE_TYPE_BLOCK:
        attr(buf, "dev", src->path);
        break;
    case VR_STORAGE_TYPE_DIR:
        attr(buf, "dir", src->path);
        break;
    case VR_STORAGE_TYPE_NETWORK:
        attr(buf, "protocol", src->protocol);
        attr(buf, "name", src->path);
        break;
    case VR_STORAGE_TYPE_VOLUME:
        attr(buf, "pool", src->pool);
        attr(buf, "volume", src->volume);
        attr(buf, "mode", src->mode);
        break;
    case VR_STORAGE_TYPE_NVME:
    case VR_STORAGE_TYPE_VHOST_USER:
        attr(buf, "path", src->path);
        break;
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
    attr(buf, "startupPolicy", src->startupPolicy);
}

static void
vrDomainFormatStorageSourceChildren(vrBuf *buf, const vrStorageSource *src)
{
    size_t i;

    for (i = 0; i < src->nhosts; i++) {
        vrBufAddLit(buf, "<host");
        attr(buf, "transport", src->hosts[i].transport);
        attr(buf, "name", src->hosts[i].name);
        attr(buf, "port", src->hosts[i].port);
        attr(buf, "socket", src->hosts[i].socket);
        vrBufAddLit(buf, "/>\n");
    }
    if (src->seclabelModel || src->seclabelRelabelNo) {
        vrBufAddLit(buf, "<seclabel");
        attr(buf, "model", src->seclabelModel);
        if (src->seclabelRelabelNo)
            vrBufAddLit(buf, " relabel='no'");
        vrBufAddLit(buf, "/>\n");
    }
    if (src->authUsername || src->authSecretType) {
        vrBufAddLit(buf, "<auth");
        attr(buf, "username", src->authUsername);
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAddLit(buf, "<secret");
        attr(buf, "type", src->authSecretType);
        attr(buf, "uuid", src->authSecretUUID);
        attr(buf, "usage", src->authSecretUsage);
        vrBufAddLit(buf, "/>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</auth>\n");
    }
    if (src->encryptionFormat) {
        vrBufAsprintf(buf, "<encryption format='%s'", src->encryptionFormat);
        if (src->encryptionSecretUUID) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            vrBufAsprintf(buf, "<secret type='passphrase' uuid='%s'/>\n",
                          src->encryptionSecretUUID);
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</encryption>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
    }
    if (src->reservationsManaged)
        vrBufAsprintf(buf, "<reservations managed='%s'/>\n", src->reservationsManaged);
}

static bool
vrStorageSourceHasChildren(const vrStorageSource *src)
{
    return src->nhosts || src->seclabelModel || src->seclabelRelabelNo ||
           src->authUsername || src->authSecretType || src->encryptionFormat ||
           src->reservationsManaged;
}

static void
vrDomainFormatStorageSource(vrBuf *buf, const vrStorageSource *src)
{
    bool hasAttrs = src->path || src->protocol || src->pool || src->startupPolicy;

    if (!hasAttrs && !vrStorageSourceHasChildren(src))
        return;
    vrBufAddLit(buf, "<source");
    vrDomainFormatStorageSourceAttrs(buf, src);
    if (!vrStorageSourceHasChildren(src)) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatStorageSourceChildren(buf, src);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</source>\n");
}

static void
vrDomainFormatBackingStore(vrBuf *buf, const vrStorageSource *src)
{
    const vrStorageSource *bs = src->backing;

    if (!bs) {
        if (src->hasBackingStoreElement)
            vrBufAddLit(buf, "<backingStore/>\n");
        return;
    }
    vrBufAsprintf(buf, "<backingStore type='%s'", vrStorageTypeTypeToString(bs->type));
    if (bs->index)
        vrBufAsprintf(buf, " index='%d'", bs->index);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (bs->format)
        vrBufAsprintf(buf, "<format type='%s'/>\n", bs->format);
    vrDomainFormatStorageSource(buf, bs);
    vrDomainFormatBackingStore(buf, bs);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</backingStore>\n");
}

static void
vrDomainFormatDiskDriver(vrBuf *buf, const vrDomainDiskDriver *d)
{
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    attr(&attrs, "name", d->name);
    attr(&attrs, "type", d->type);
    attr(&attrs, "cache", d->cache);
    attr(&attrs, "error_policy", d->errorPolicy);
    attr(&attrs, "rerror_policy", d->rerrorPolicy);
    attr(&attrs, "io", d->io);
    attr(&attrs, "ioeventfd", d->ioeventfd);
    attr(&attrs, "event_idx", d->eventIdx);
    attr(&attrs, "copy_on_read", d->copyOnRead);
    attr(&attrs, "discard", d->discard);
    if (d->iothread)
        vrBufAsprintf(&attrs, " iothread='%u'", d->iothread);
    attr(&attrs, "detect_zeroes", d->detectZeroes);
    if (d->queues)
        vrBufAsprintf(&attrs, " queues='%u'", d->queues);
    if (vrBufLength(&attrs))
        vrBufAsprintf(buf, "<driver%s/>\n", vrBufCurrent(&attrs));
}

static void
vrDomainFormatIotune(vrBuf *buf, const vrDomainDiskIotune *io)
{
    if (!io->set)
        return;
    vrBufAddLit(buf, "<iotune>\n");
    vrBufAdjustIndent(buf, 2);
#define IOTUNE(field, name) \
    if (io->field) vrBufAsprintf(buf, "<" name ">%llu</" name ">\n", io->field)
    IOTUNE(totalBytesSec, "total_bytes_sec");
    IOTUNE(readBytesSec, "read_bytes_sec");
    IOTUNE(writeBytesSec, "write_bytes_sec");
    IOTUNE(totalIopsSec, "total_iops_sec");
    IOTUNE(readIopsSec, "read_iops_sec");
    IOTUNE(writeIopsSec, "write_iops_sec");
    IOTUNE(totalBytesSecMax, "total_bytes_sec_max");
    IOTUNE(readBytesSecMax, "read_bytes_sec_max");
    IOTUNE(writeBytesSecMax, "write_bytes_sec_max");
    IOTUNE(totalIopsSecMax, "total_iops_sec_max");
    IOTUNE(readIopsSecMax, "read_iops_sec_max");
    IOTUNE(writeIopsSecMax, "write_iops_sec_max");
    IOTUNE(sizeIopsSec, "size_iops_sec");
#undef IOTUNE
    textElement(buf, "group_name", io->groupName);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</iotune>\n");
}

static void
vrDomainFormatDisk(vrBuf *buf, const vrDomainDiskDef *disk, unsigned int flags)
{
    vrBufAsprintf(buf, "<disk type='%s' device='%s'", vrStorageTypeTypeToString(disk->src->type),
                  vrDomainDiskDeviceTypeToString(disk->device));
    attr(buf, "rawio", disk->rawio);
    attr(buf, "sgio", disk->sgio);
    attr(buf, "snapshot", disk->snapshot);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);

    vrDomainFormatDiskDriver(buf, &disk->driver);
    vrDomainFormatStorageSource(buf, disk->src);
    vrDomainFormatBackingStore(buf, disk->src);
    if (disk->geometryCyls || disk->geometryHeads || disk->geometrySecs) {
        vrBufAsprintf(buf, "<geometry cyls='%u' heads='%u' secs='%u'", disk->geometryCyls,
                      disk->geometryHeads, disk->geometrySecs);
        attr(buf, "trans", disk->geometryTrans);
        vrBufAddLit(buf, "/>\n");
    }
    if (disk->blockioLogical || disk->blockioPhysical) {
        vrBufAddLit(buf, "<blockio");
        if (disk->blockioLogical)
            vrBufAsprintf(buf, " logical_block_size='%u'", disk->blockioLogical);
        if (disk->blockioPhysical)
            vrBufAsprintf(buf, " physical_block_size='%u'", disk->blockioPhysical);
        vrBufAddLit(buf, "/>\n");
    }
    if (disk->mirrorXML && !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrBufAddFragment(buf, disk->mirrorXML);
    vrBufAddLit(buf, "<target");
    attr(buf, "dev", disk->dst);
    if (disk->bus != VR_DOMAIN_DISK_BUS_NONE)
        vrBufAsprintf(buf, " bus='%s'", vrDomainDiskBusTypeToString(disk->bus));
    attr(buf, "tray", disk->tray);
    attr(buf, "removable", disk->removable);
    vrBufAddLit(buf, "/>\n");
    vrDomainFormatIotune(buf, &disk->iotune);
    if (disk->readonly)
        vrBufAddLit(buf, "<readonly/>\n");
    if (disk->shareable)
        vrBufAddLit(buf, "<shareable/>\n");
    if (disk->transient)
        vrBufAddLit(buf, "<transient/>\n");
    textElement(buf, "serial", disk->serial);
    textElement(buf, "wwn", disk->wwn);
    textElement(buf, "vendor", disk->vendor);
    textElement(buf, "product", disk->product);
    vrDomainFormatDeviceInfo(buf, &disk->info, flags);

    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</disk>\n");
}

/* ---- controllers --------------------------------------------------- */

static void
vrDomainFormatController(vrBuf *buf, const vrDomainControllerDef *c, unsigned int flags)
{
    bool target = c->targetChassisNr || c->targetChassis || c->targetPort || c->targetBusNr ||
                  c->targetIndex || c->targetHotplug || c->targetNode;
    bool driver = c->driverQueues || c->driverIothread;
    bool children = target || driver || c->modelName || c->masterStartport ||
                    !vrDomainDeviceInfoIsEmpty(&c->info, flags);

    vrBufAsprintf(buf, "<controller type='%s' index='%d'",
                  vrDomainControllerTypeTypeToString(c->type), c->idx);
    attr(buf, "model", c->model);
    if (c->hasPorts)
        vrBufAsprintf(buf, " ports='%u'", c->ports);
    if (c->hasVectors)
        vrBufAsprintf(buf, " vectors='%u'", c->vectors);
    if (!children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (c->modelName)
        vrBufAsprintf(buf, "<model name='%s'/>\n", c->modelName);
    if (target) {
        vrBufAddLit(buf, "<target");
        attr(buf, "chassisNr", c->targetChassisNr);
        attr(buf, "chassis", c->targetChassis);
        attr(buf, "port", c->targetPort);
        attr(buf, "busNr", c->targetBusNr);
        attr(buf, "index", c->targetIndex);
        attr(buf, "hotplug", c->targetHotplug);
        if (c->targetNode) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            textElement(buf, "node", c->targetNode);
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</target>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
    }
    if (driver) {
        vrBufAddLit(buf, "<driver");
        attr(buf, "queues", c->driverQueues);
        attr(buf, "iothread", c->driverIothread);
        vrBufAddLit(buf, "/>\n");
    }
    if (c->info.alias && !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrBufAsprintf(buf, "<alias name='%s'/>\n", c->info.alias);
    if (c->masterStartport)
        vrBufAsprintf(buf, "<master startport='%s'/>\n", c->masterStartport);
    {
        vrDomainDeviceInfo noAlias = c->info;
        noAlias.alias = NULL;
        vrDomainFormatDeviceInfo(buf, &noAlias, flags);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</controller>\n");
}

/* ---- interfaces ---------------------------------------------------- */

static void
vrDomainFormatBandwidthRate(vrBuf *buf, const char *name, const vrNetBandwidthRate *rate)
{
    vrBufAsprintf(buf, "<%s", name);
    if (rate->hasAverage)
        vrBufAsprintf(buf, " average='%llu'", rate->average);
    if (rate->hasPeak)
        vrBufAsprintf(buf, " peak='%llu'", rate->peak);
    if (rate->hasFloor)
        vrBufAsprintf(buf, " floor='%llu'", rate->floor);
    if (rate->hasBurst)
        vrBufAsprintf(buf, " burst='%llu'", rate->burst);
    vrBufAddLit(buf, "/>\n");
}

void vrNetBandwidthFormat(vrBuf *buf, const vrNetBandwidth *bw);
void
vrNetBandwidthFormat(vrBuf *buf, const vrNetBandwidth *bw)
{
    if (!bw->hasIn && !bw->hasOut)
        return;
    vrBufAddLit(buf, "<bandwidth>\n");
    vrBufAdjustIndent(buf, 2);
    if (bw->hasIn)
        vrDomainFormatBandwidthRate(buf, "inbound", &bw->in);
    if (bw->hasOut)
        vrDomainFormatBandwidthRate(buf, "outbound", &bw->out);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</bandwidth>\n");
}

void vrNetVlanFormat(vrBuf *buf, const vrNetVlan *vlan);
void
vrNetVlanFormat(vrBuf *buf, const vrNetVlan *vlan)
{
    size_t i;

    if (!vlan->ntags)
        return;
    vrBufAsprintf(buf, "<vlan%s>\n", vlan->trunk ? " trunk='yes'" : "");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < vlan->ntags; i++) {
        vrBufAsprintf(buf, "<tag id='%u'", vlan->tags[i].id);
        attr(buf, "nativeMode", vlan->tags[i].nativeMode);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</vlan>\n");
}

static void
vrDomainFormatNetSource(vrBuf *buf, const vrDomainNetDef *net)
{
    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_NETWORK:
        vrBufAddLit(buf, "<source");
        attr(buf, "network", net->sourceNetwork);
        attr(buf, "portgroup", net->sourcePortgroup);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_NET_TYPE_BRIDGE:
        vrBufAddLit(buf, "<source");
        attr(buf, "bridge", net->sourceBridge);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_NET_TYPE_DIRECT:
        vrBufAddLit(buf, "<source");
        attr(buf, "dev", net->sourceDev);
        attr(buf, "mode", net->sourceMode ? net->sourceMode : "vepa");
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_NET_TYPE_ETHERNET:
    case VR_DOMAIN_NET_TYPE_VDPA:
        if (net->sourceDev) {
            vrBufAddLit(buf, "<source");
            attr(buf, "dev", net->sourceDev);
            vrBufAddLit(buf, "/>\n");
        }
        break;
    case VR_DOMAIN_NET_TYPE_VHOSTUSER:
        vrBufAddLit(buf, "<source");
        attr(buf, "type", net->sourceType ? net->sourceType : "unix");
        attr(buf, "path", net->sourcePath);
        attr(buf, "mode", net->sourceMode);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_NET_TYPE_SERVER:
    case VR_DOMAIN_NET_TYPE_CLIENT:
    case VR_DOMAIN_NET_TYPE_MCAST:
    case VR_DOMAIN_NET_TYPE_UDP:
        vrBufAddLit(buf, "<source");
        attr(buf, "address", net->sourceAddress);
        attr(buf, "port", net->sourcePort);
        if (net->localAddress || net->localPort) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            vrBufAddLit(buf, "<local");
            attr(buf, "address", net->localAddress);
            attr(buf, "port", net->localPort);
            vrBufAddLit(buf, "/>\n");
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</source>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
        break;
    case VR_DOMAIN_NET_TYPE_HOSTDEV:
        if (net->hostdevXML)
            vrBufAddFragment(buf, net->hostdevXML);
        break;
    case VR_DOMAIN_NET_TYPE_INTERNAL:
        vrBufAddLit(buf, "<source");
        attr(buf, "name", net->sourceNetwork);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_NET_TYPE_USER:
    case VR_DOMAIN_NET_TYPE_NULL:
    case VR_DOMAIN_NET_TYPE_VDS:
    case VR_DOMAIN_NET_TYPE_LAST:
        break;
    }
}

static void
vrDomainFormatNetVirtualport(vrBuf *buf, const vrDomainNetDef *net)
{
    size_t i;

    if (!net->virtualportType)
        return;
    vrBufAsprintf(buf, "<virtualport type='%s'", net->virtualportType);
    if (!net->virtualportParams || !net->virtualportParams->len) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<parameters");
    for (i = 0; i < net->virtualportParams->len; i++) {
        const char *kv = g_ptr_array_index(net->virtualportParams, i);
        const char *eq = strchr(kv, '=');
        g_autofree char *key = g_strndup(kv, eq - kv);
        attr(buf, key, eq + 1);
    }
    vrBufAddLit(buf, "/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</virtualport>\n");
}

static void
vrDomainFormatNet(vrBuf *buf, const vrDomainNetDef *net, unsigned int flags)
{
    char mac[18];
    size_t i;

    vrBufAsprintf(buf, "<interface type='%s'", vrDomainNetTypeToString(net->type));
    attr(buf, "trustGuestRxFilters", net->trustGuestRxFilters);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);

    vrMacFormat(net->mac, mac);
    vrBufAsprintf(buf, "<mac address='%s'", mac);
    attr(buf, "type", net->macType);
    vrBufAddLit(buf, "/>\n");
    vrDomainFormatNetSource(buf, net);
    vrNetVlanFormat(buf, &net->vlan);
    vrDomainFormatNetVirtualport(buf, net);
    vrNetBandwidthFormat(buf, &net->bandwidth);
    for (i = 0; net->ips && i < net->ips->len; i++) {
        const char *ip = g_ptr_array_index(net->ips, i);
        const char *slash = strchr(ip, '/');
        if (slash) {
            g_autofree char *addr = g_strndup(ip, slash - ip);
            vrBufAsprintf(buf, "<ip address='%s' prefix='%s'/>\n", addr, slash + 1);
        } else {
            vrBufAsprintf(buf, "<ip address='%s'/>\n", ip);
        }
    }
    if (net->script)
        vrBufEscapeXMLPrintf(buf, "<script path='%s'/>\n", net->script);
    if (net->downscript)
        vrBufEscapeXMLPrintf(buf, "<downscript path='%s'/>\n", net->downscript);
    if (net->ifname) {
        vrBufEscapeXMLPrintf(buf, "<target dev='%s'", net->ifname);
        if (net->ifnameManaged)
            vrBufAddLit(buf, " managed='no'");
        vrBufAddLit(buf, "/>\n");
    }
    if (net->guestDev || net->guestActual) {
        vrBufAddLit(buf, "<guest");
        attr(buf, "dev", net->guestDev);
        attr(buf, "actual", net->guestActual);
        vrBufAddLit(buf, "/>\n");
    }
    if (net->model)
        vrBufEscapeXMLPrintf(buf, "<model type='%s'/>\n", net->model);
    if (net->driverName || net->driverQueues || net->driverTxmode || net->driverIoeventfd ||
        net->driverEventIdx || net->driverRxQueueSize || net->driverTxQueueSize) {
        vrBufAddLit(buf, "<driver");
        attr(buf, "name", net->driverName);
        attr(buf, "txmode", net->driverTxmode);
        attr(buf, "ioeventfd", net->driverIoeventfd);
        attr(buf, "event_idx", net->driverEventIdx);
        attr(buf, "queues", net->driverQueues);
        attr(buf, "rx_queue_size", net->driverRxQueueSize);
        attr(buf, "tx_queue_size", net->driverTxQueueSize);
        vrBufAddLit(buf, "/>\n");
    }
    if (net->backendTap || net->backendVhost) {
        vrBufAddLit(buf, "<backend");
        attr(buf, "tap", net->backendTap);
        attr(buf, "vhost", net->backendVhost);
        vrBufAddLit(buf, "/>\n");
    }
    if (net->filterref) {
        vrBufEscapeXMLPrintf(buf, "<filterref filter='%s'", net->filterref);
        if (net->filterParams && net->filterParams->len) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            for (i = 0; i < net->filterParams->len; i++) {
                const char *kv = g_ptr_array_index(net->filterParams, i);
                const char *eq = strchr(kv, '=');
                g_autofree char *key = g_strndup(kv, eq - kv);
                vrBufAddLit(buf, "<parameter");
                attr(buf, "name", key);
                attr(buf, "value", eq + 1);
                vrBufAddLit(buf, "/>\n");
            }
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</filterref>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
    }
    if (net->linkState)
        vrBufAsprintf(buf, "<link state='%s'/>\n", net->linkState);
    if (net->mtu)
        vrBufAsprintf(buf, "<mtu size='%u'/>\n", net->mtu);
    if (net->coalesceRxFrames) {
        vrBufAddLit(buf, "<coalesce>\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAddLit(buf, "<rx>\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<frames max='%s'/>\n", net->coalesceRxFrames);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</rx>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</coalesce>\n");
    }
    vrDomainFormatDeviceInfo(buf, &net->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</interface>\n");
}

/* ---- character devices -------------------------------------------- */

void
vrDomainFormatChrSource(vrBuf *buf, const vrDomainChrSource *src, unsigned int flags)
{
    switch ((vrDomainChrType)src->type) {
    case VR_DOMAIN_CHR_TYPE_PTY:
        if (!src->path || (flags & VR_DOMAIN_FORMAT_INACTIVE))
            break;
        G_GNUC_FALLTHROUGH;
    case VR_DOMAIN_CHR_TYPE_DEV:
    case VR_DOMAIN_CHR_TYPE_FILE:
    case VR_DOMAIN_CHR_TYPE_PIPE:
        vrBufAddLit(buf, "<source");
        attr(buf, "path", src->path);
        attr(buf, "append", src->append);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_CHR_TYPE_NMDM:
        vrBufAddLit(buf, "<source");
        attr(buf, "master", src->master);
        attr(buf, "slave", src->slave);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_CHR_TYPE_UDP:
        if (src->bindHost || src->bindService) {
            vrBufAddLit(buf, "<source mode='bind'");
            attr(buf, "host", src->bindHost);
            attr(buf, "service", src->bindService);
            vrBufAddLit(buf, "/>\n");
        }
        if (src->host || src->service) {
            vrBufAddLit(buf, "<source mode='connect'");
            attr(buf, "host", src->host);
            attr(buf, "service", src->service);
            vrBufAddLit(buf, "/>\n");
        }
        break;
    case VR_DOMAIN_CHR_TYPE_TCP:
    case VR_DOMAIN_CHR_TYPE_UNIX:
        vrBufAddLit(buf, "<source");
        attr(buf, "mode", src->mode ? src->mode : "connect");
        if (src->type == VR_DOMAIN_CHR_TYPE_TCP) {
            attr(buf, "host", src->host);
            attr(buf, "service", src->service);
        } else {
            attr(buf, "path", src->path);
        }
        if (src->reconnectEnabled) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            vrBufAsprintf(buf, "<reconnect enabled='%s'", src->reconnectEnabled);
            if (src->reconnectTimeout)
                vrBufAsprintf(buf, " timeout='%u'", src->reconnectTimeout);
            vrBufAddLit(buf, "/>\n");
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</source>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
        if (src->type == VR_DOMAIN_CHR_TYPE_TCP && src->protocol)
            vrBufAsprintf(buf, "<protocol type='%s'/>\n", src->protocol);
        break;
    case VR_DOMAIN_CHR_TYPE_SPICEPORT:
        vrBufAddLit(buf, "<source");
        attr(buf, "channel", src->channel);
        vrBufAddLit(buf, "/>\n");
        break;
    default:
        break;
    }
    if (src->logFile) {
        vrBufAddLit(buf, "<log");
        attr(buf, "file", src->logFile);
        attr(buf, "append", src->logAppend);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrDomainFormatChrTarget(vrBuf *buf, const vrDomainChrDef *chr)
{
    switch ((vrDomainChrDeviceType)chr->deviceType) {
    case VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL:
        vrBufAddLit(buf, "<target");
        attr(buf, "type", chr->targetType);
        vrBufAsprintf(buf, " port='%d'", chr->targetPort);
        if (chr->targetModel) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            vrBufAsprintf(buf, "<model name='%s'/>\n", chr->targetModel);
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</target>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE:
        vrBufAddLit(buf, "<target");
        attr(buf, "type", chr->targetType);
        vrBufAsprintf(buf, " port='%d'/>\n", chr->targetPort);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL:
        vrBufAsprintf(buf, "<target port='%d'/>\n", chr->targetPort);
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL:
        vrBufAddLit(buf, "<target");
        attr(buf, "type", chr->targetType);
        if (chr->targetType && g_str_equal(chr->targetType, "guestfwd")) {
            attr(buf, "address", chr->targetAddress);
            attr(buf, "port", chr->targetAddressPort);
        } else {
            attr(buf, "name", chr->targetName);
            attr(buf, "state", chr->targetState);
        }
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_CHR_DEVICE_TYPE_LAST:
        break;
    }
}

static void
vrDomainFormatChr(vrBuf *buf, const vrDomainChrDef *chr, unsigned int flags)
{
    const char *elem = vrDomainChrDeviceTypeToString(chr->deviceType);

    vrBufAsprintf(buf, "<%s type='%s'", elem, vrDomainChrTypeToString(chr->source.type));
    if (chr->source.type == VR_DOMAIN_CHR_TYPE_PTY && chr->source.path &&
        !(flags & VR_DOMAIN_FORMAT_INACTIVE) &&
        chr->deviceType != VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL)
        attr(buf, "tty", chr->source.path);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatChrSource(buf, &chr->source, flags);
    vrDomainFormatChrTarget(buf, chr);
    vrDomainFormatDeviceInfo(buf, &chr->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", elem);
}

/* ---- the rest ------------------------------------------------------ */

static void
vrDomainFormatInput(vrBuf *buf, const vrDomainInputDef *input, unsigned int flags)
{
    vrBufAsprintf(buf, "<input type='%s'", input->type);
    attr(buf, "bus", input->bus);
    attr(buf, "model", input->model);
    if (!input->sourceEvdev && vrDomainDeviceInfoIsEmpty(&input->info, flags)) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (input->sourceEvdev)
        vrBufEscapeXMLPrintf(buf, "<source evdev='%s'/>\n", input->sourceEvdev);
    vrDomainFormatDeviceInfo(buf, &input->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</input>\n");
}

static void
vrDomainFormatGraphics(vrBuf *buf, const vrDomainGraphicsDef *g, unsigned int flags)
{
    bool vnc = g_str_equal(g->type, "vnc");
    bool spice = g_str_equal(g->type, "spice");
    bool rdp = g_str_equal(g->type, "rdp");
    const char *firstAddress = NULL;
    size_t i;

    if (g->nlistens && g->listens[0].type && g_str_equal(g->listens[0].type, "address"))
        firstAddress = g->listens[0].address;

    vrBufAsprintf(buf, "<graphics type='%s'", g->type);
    if (vnc || spice || rdp) {
        if (spice) {
            if (g->port)
                vrBufAsprintf(buf, " port='%d'", g->port);
            if (g->tlsPort)
                vrBufAsprintf(buf, " tlsPort='%d'", g->tlsPort);
        } else if (g->port && (!g->autoport || !(flags & VR_DOMAIN_FORMAT_INACTIVE))) {
            vrBufAsprintf(buf, " port='%d'", g->port);
        } else if (g->autoport) {
            vrBufAddLit(buf, " port='-1'");
        }
        vrBufAsprintf(buf, " autoport='%s'", g->autoport ? "yes" : "no");
        if (vnc && g->hasWebsocket)
            vrBufAsprintf(buf, " websocket='%d'", g->websocket);
        attr(buf, "listen", firstAddress);
        if (rdp) {
            attr(buf, "multiUser", g->multiUser);
            attr(buf, "replaceUser", g->replaceUser);
        }
        attr(buf, "keymap", g->keymap);
        if (vnc)
            attr(buf, "sharePolicy", g->sharePolicy);
        if (spice)
            attr(buf, "defaultMode", g->defaultMode);
        if (flags & VR_DOMAIN_FORMAT_SECURE)
            attr(buf, "passwd", g->passwd);
        attr(buf, "passwdValidTo", g->passwdValidTo);
    } else {
        attr(buf, "display", g->display);
        attr(buf, "xauth", g->xauth);
        attr(buf, "fullscreen", g->fullscreen);
    }

    if (!g->nlistens && !g->children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < g->nlistens; i++) {
        vrBufAddLit(buf, "<listen");
        attr(buf, "type", g->listens[i].type);
        attr(buf, "address", g->listens[i].address);
        attr(buf, "network", g->listens[i].network);
        attr(buf, "socket", g->listens[i].socket);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; g->children && i < g->children->len; i++)
        vrBufAddFragment(buf, g_ptr_array_index(g->children, i));
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</graphics>\n");
}

static void
vrDomainFormatVideo(vrBuf *buf, const vrDomainVideoDef *v, unsigned int flags)
{
    vrBufAddLit(buf, "<video>\n");
    vrBufAdjustIndent(buf, 2);
    if (v->driverName)
        vrBufAsprintf(buf, "<driver name='%s'/>\n", v->driverName);
    vrBufAsprintf(buf, "<model type='%s'", v->type);
    if (v->hasRam)
        vrBufAsprintf(buf, " ram='%u'", v->ram);
    if (v->hasVram)
        vrBufAsprintf(buf, " vram='%u'", v->vram);
    if (v->hasVram64)
        vrBufAsprintf(buf, " vram64='%u'", v->vram64);
    if (v->hasVgamem)
        vrBufAsprintf(buf, " vgamem='%u'", v->vgamem);
    if (v->hasHeads)
        vrBufAsprintf(buf, " heads='%u'", v->heads);
    if (v->primary)
        vrBufAddLit(buf, " primary='yes'");
    if (v->accel3d || v->accel2d) {
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAddLit(buf, "<acceleration");
        attr(buf, "accel3d", v->accel3d);
        attr(buf, "accel2d", v->accel2d);
        vrBufAddLit(buf, "/>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</model>\n");
    } else {
        vrBufAddLit(buf, "/>\n");
    }
    vrDomainFormatDeviceInfo(buf, &v->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</video>\n");
}

static void
vrDomainFormatSound(vrBuf *buf, const vrDomainSoundDef *s, unsigned int flags)
{
    size_t i;

    vrBufAsprintf(buf, "<sound model='%s'", s->model);
    if ((!s->codecs || !s->codecs->len) && vrDomainDeviceInfoIsEmpty(&s->info, flags)) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; s->codecs && i < s->codecs->len; i++)
        vrBufAsprintf(buf, "<codec type='%s'/>\n", (char *)g_ptr_array_index(s->codecs, i));
    vrDomainFormatDeviceInfo(buf, &s->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</sound>\n");
}

static void
vrDomainFormatWatchdog(vrBuf *buf, const vrDomainWatchdogDef *w, unsigned int flags)
{
    vrBufAsprintf(buf, "<watchdog model='%s' action='%s'", w->model, w->action);
    if (vrDomainDeviceInfoIsEmpty(&w->info, flags)) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatDeviceInfo(buf, &w->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</watchdog>\n");
}

static void
vrDomainFormatMemballoon(vrBuf *buf, const vrDomainMemballoonDef *m, unsigned int flags)
{
    vrBufAsprintf(buf, "<memballoon model='%s'", m->model);
    attr(buf, "autodeflate", m->autodeflate);
    attr(buf, "freePageReporting", m->freePageReporting);
    if (!m->hasStatsPeriod && vrDomainDeviceInfoIsEmpty(&m->info, flags)) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (m->hasStatsPeriod)
        vrBufAsprintf(buf, "<stats period='%d'/>\n", m->statsPeriod);
    vrDomainFormatDeviceInfo(buf, &m->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</memballoon>\n");
}

static void
vrDomainFormatRNG(vrBuf *buf, const vrDomainRNGDef *r, unsigned int flags)
{
    vrBufAsprintf(buf, "<rng model='%s'>\n", r->model);
    vrBufAdjustIndent(buf, 2);
    if (r->hasRate) {
        vrBufAsprintf(buf, "<rate bytes='%u'", r->rateBytes);
        if (r->ratePeriod)
            vrBufAsprintf(buf, " period='%u'", r->ratePeriod);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAsprintf(buf, "<backend model='%s'", r->backendModel);
    if (g_str_equal(r->backendModel, "random") && r->backendPath) {
        vrBufAddLit(buf, ">");
        vrBufEscapeXML(buf, r->backendPath);
        vrBufAddLit(buf, "</backend>\n");
    } else if (r->backendChr) {
        vrBufAsprintf(buf, " type='%s'>\n", vrDomainChrTypeToString(r->backendChr->type));
        vrBufAdjustIndent(buf, 2);
        vrDomainFormatChrSource(buf, r->backendChr, flags);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</backend>\n");
    } else {
        vrBufAddLit(buf, "/>\n");
    }
    vrDomainFormatDeviceInfo(buf, &r->info, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</rng>\n");
}

static void
vrDomainFormatOthers(vrBuf *buf, vrDomainOtherDeviceDef *const *devs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        vrBufAddFragment(buf, devs[i]->xml);
}

void
vrDomainFormatDevices(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    size_t i;

    if (def->emulator)
        textElement(buf, "emulator", def->emulator);
    for (i = 0; i < def->ndisks; i++)
        vrDomainFormatDisk(buf, def->disks[i], flags);
    for (i = 0; i < def->ncontrollers; i++)
        vrDomainFormatController(buf, def->controllers[i], flags);
    vrDomainFormatOthers(buf, def->leases, def->nleases);
    vrDomainFormatOthers(buf, def->filesystems, def->nfilesystems);
    for (i = 0; i < def->nnets; i++)
        vrDomainFormatNet(buf, def->nets[i], flags);
    vrDomainFormatOthers(buf, def->smartcards, def->nsmartcards);
    for (i = 0; i < def->nserials; i++)
        vrDomainFormatChr(buf, def->serials[i], flags);
    for (i = 0; i < def->nparallels; i++)
        vrDomainFormatChr(buf, def->parallels[i], flags);
    for (i = 0; i < def->nconsoles; i++)
        vrDomainFormatChr(buf, def->consoles[i], flags);
    for (i = 0; i < def->nchannels; i++)
        vrDomainFormatChr(buf, def->channels[i], flags);
    for (i = 0; i < def->ninputs; i++)
        vrDomainFormatInput(buf, def->inputs[i], flags);
    vrDomainFormatOthers(buf, def->tpms, def->ntpms);
    for (i = 0; i < def->ngraphics; i++)
        vrDomainFormatGraphics(buf, def->graphics[i], flags);
    for (i = 0; i < def->nsounds; i++)
        vrDomainFormatSound(buf, def->sounds[i], flags);
    vrDomainFormatOthers(buf, def->audios, def->naudios);
    for (i = 0; i < def->nvideos; i++)
        vrDomainFormatVideo(buf, def->videos[i], flags);
    vrDomainFormatOthers(buf, def->hostdevs, def->nhostdevs);
    vrDomainFormatOthers(buf, def->redirdevs, def->nredirdevs);
    if (def->redirfilter)
        vrBufAddFragment(buf, def->redirfilter->xml);
    vrDomainFormatOthers(buf, def->hubs, def->nhubs);
    if (def->watchdog)
        vrDomainFormatWatchdog(buf, def->watchdog, flags);
    if (def->memballoon)
        vrDomainFormatMemballoon(buf, def->memballoon, flags);
    for (i = 0; i < def->nrngs; i++)
        vrDomainFormatRNG(buf, def->rngs[i], flags);
    if (def->nvramDev)
        vrBufAddFragment(buf, def->nvramDev->xml);
    vrDomainFormatOthers(buf, def->panics, def->npanics);
    vrDomainFormatOthers(buf, def->shmems, def->nshmems);
    vrDomainFormatOthers(buf, def->memories, def->nmemories);
    if (def->iommu)
        vrBufAddFragment(buf, def->iommu->xml);
    if (def->vsock)
        vrBufAddFragment(buf, def->vsock->xml);
}
