/*
 * domain_device_parse.c: the elements inside <devices>.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

/* ---- disks --------------------------------------------------------- */

static int
vrDomainParseStorageHosts(xmlNodePtr source, vrStorageSource *src)
{
    vrXMLForEachNamed(source, "host", host) {
        vrStorageNetHost h = { 0 };

        h.name = vrXMLProp(host, "name");
        h.port = vrXMLProp(host, "port");
        h.transport = vrXMLProp(host, "transport");
        h.socket = vrXMLProp(host, "socket");
        src->hosts = g_renew(vrStorageNetHost, src->hosts, src->nhosts + 1);
        src->hosts[src->nhosts++] = h;
    }
    return 0;
}

static int
vrDomainParseStorageSource(xmlNodePtr source, vrStorageSource *src)
{
    xmlNodePtr node;

    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        src->path = vrXMLProp(source, "file");
        break;
    case VR_STORAGE_TYPE_BLOCK:
        src->path = vrXMLProp(source, "dev");
        break;
    case VR_STORAGE_TYPE_DIR:
        src->path = vrXMLProp(source, "dir");
        break;
    case VR_STORAGE_TYPE_NETWORK:
        src->protocol = vrXMLProp(source, "protocol");
        if (!src->protocol) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing network source protocol type");
            return -1;
        }
        src->path = vrXMLProp(source, "name");
        vrDomainParseStorageHosts(source, src);
        break;
    case VR_STORAGE_TYPE_VOLUME:
        src->pool = vrXMLProp(source, "pool");
        src->volume = vrXMLProp(source, "volume");
        src->mode = vrXMLProp(source, "mode");
        if (!src->pool || !src->volume) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "'pool' and 'volume' attributes are required for volume disk source");
            return -1;
        }
        break;
    case VR_STORAGE_TYPE_NVME:
    case VR_STORAGE_TYPE_VHOST_USER:
        src->path = vrXMLProp(source, "path");
        break;
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
    src->startupPolicy = vrXMLProp(source, "startupPolicy");
    if ((node = vrXMLChild(source, "seclabel"))) {
        g_autofree char *relabel = vrXMLProp(node, "relabel");
        src->seclabelModel = vrXMLProp(node, "model");
        src->seclabelRelabelNo = relabel && g_str_equal(relabel, "no");
    }
    if ((node = vrXMLChild(source, "auth"))) {
        xmlNodePtr secret = vrXMLChild(node, "secret");
        src->authUsername = vrXMLProp(node, "username");
        if (secret) {
            src->authSecretType = vrXMLProp(secret, "type");
            src->authSecretUUID = vrXMLProp(secret, "uuid");
            src->authSecretUsage = vrXMLProp(secret, "usage");
        }
    }
    if ((node = vrXMLChild(source, "reservations")))
        src->reservationsManaged = vrXMLProp(node, "managed");
    return 0;
}

/* <backingStore type=...><format type=.../><source .../><backingStore/></backingStore> */
static int
vrDomainParseBackingStore(xmlNodePtr parent, vrStorageSource *src)
{
    xmlNodePtr bs = vrXMLChild(parent, "backingStore");
    xmlNodePtr node;
    g_autofree char *index = NULL;
    vrStorageSource *backing;
    int type = VR_STORAGE_TYPE_NONE;

    if (!bs)
        return 0;
    src->hasBackingStoreElement = true;
    if (!bs->properties && !bs->children)
        return 0;

    if (vrDomainParseEnumAttr(bs, "type", vrStorageTypeTypeFromString, true, &type) < 0)
        return -1;
    backing = g_new0(vrStorageSource, 1);
    src->backing = backing;
    backing->type = type;
    if ((index = vrXMLProp(bs, "index")) && vrStrToInt(index, 10, &backing->index) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "invalid disk index '%s'", index);
        return -1;
    }
    if ((node = vrXMLChild(bs, "format")))
        backing->format = vrXMLProp(node, "type");
    if ((node = vrXMLChild(bs, "source")) && vrDomainParseStorageSource(node, backing) < 0)
        return -1;
    return vrDomainParseBackingStore(bs, backing);
}

static int
vrDomainParseDiskIotune(xmlNodePtr disk, vrDomainDiskIotune *io)
{
    xmlNodePtr node = vrXMLChild(disk, "iotune");
    struct {
        const char *name;
        unsigned long long *field;
    } fields[] = {
        { "total_bytes_sec", &io->totalBytesSec }, { "read_bytes_sec", &io->readBytesSec },
        { "write_bytes_sec", &io->writeBytesSec }, { "total_iops_sec", &io->totalIopsSec },
        { "read_iops_sec", &io->readIopsSec }, { "write_iops_sec", &io->writeIopsSec },
        { "total_bytes_sec_max", &io->totalBytesSecMax },
        { "read_bytes_sec_max", &io->readBytesSecMax },
        { "write_bytes_sec_max", &io->writeBytesSecMax },
        { "total_iops_sec_max", &io->totalIopsSecMax },
        { "read_iops_sec_max", &io->readIopsSecMax },
        { "write_iops_sec_max", &io->writeIopsSecMax },
        { "size_iops_sec", &io->sizeIopsSec },
    };
    size_t i;

    if (!node)
        return 0;
    io->set = true;
    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        g_autofree char *text = vrXMLChildContentStrip(node, fields[i].name);
        if (text && vrStrToULLong(text, 10, fields[i].field) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "disk iotune field '%s' must be an integer",
                          fields[i].name);
            return -1;
        }
    }
    io->groupName = vrXMLChildContentStrip(node, "group_name");
    if ((io->totalBytesSec && (io->readBytesSec || io->writeBytesSec)) ||
        (io->totalIopsSec && (io->readIopsSec || io->writeIopsSec))) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "total and read/write bytes_sec or iops_sec cannot be set at the same time");
        return -1;
    }
    return 0;
}

static void
vrDomainParseDiskDriver(xmlNodePtr driver, vrDomainDiskDriver *d)
{
    g_autofree char *iothread = NULL;
    g_autofree char *queues = NULL;

    if (!driver)
        return;
    d->name = vrXMLProp(driver, "name");
    d->type = vrXMLProp(driver, "type");
    d->cache = vrXMLProp(driver, "cache");
    d->errorPolicy = vrXMLProp(driver, "error_policy");
    d->rerrorPolicy = vrXMLProp(driver, "rerror_policy");
    d->io = vrXMLProp(driver, "io");
    d->ioeventfd = vrXMLProp(driver, "ioeventfd");
    d->eventIdx = vrXMLProp(driver, "event_idx");
    d->copyOnRead = vrXMLProp(driver, "copy_on_read");
    d->discard = vrXMLProp(driver, "discard");
    d->detectZeroes = vrXMLProp(driver, "detect_zeroes");
    if ((iothread = vrXMLProp(driver, "iothread")))
        vrStrToUInt(iothread, 10, &d->iothread);
    if ((queues = vrXMLProp(driver, "queues")))
        vrStrToUInt(queues, 10, &d->queues);
}

static int
vrDomainParseDiskTarget(xmlNodePtr target, vrDomainDiskDef *disk)
{
    if (!target)
        return 0;
    disk->dst = vrXMLProp(target, "dev");
    disk->tray = vrXMLProp(target, "tray");
    disk->removable = vrXMLProp(target, "removable");
    return vrDomainParseEnumAttr(target, "bus", vrDomainDiskBusTypeFromString, false,
                                 &disk->bus) < 0 ? -1 : 0;
}

static vrDomainDiskDef *
vrDomainParseDisk(xmlNodePtr node, unsigned int flags)
{
    vrDomainDiskDef *disk = g_new0(vrDomainDiskDef, 1);
    xmlNodePtr child;
    int type = VR_STORAGE_TYPE_FILE;

    disk->src = g_new0(vrStorageSource, 1);
    if (vrDomainParseEnumAttr(node, "type", vrStorageTypeTypeFromString, false, &type) < 0 ||
        vrDomainParseEnumAttr(node, "device", vrDomainDiskDeviceTypeFromString, false,
                              &disk->device) < 0)
        goto error;
    if (type == VR_STORAGE_TYPE_NONE) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Invalid value for attribute 'type' in element 'disk': 'none'.");
        goto error;
    }
    disk->src->type = type;
    disk->snapshot = vrXMLProp(node, "snapshot");
    disk->sgio = vrXMLProp(node, "sgio");
    disk->rawio = vrXMLProp(node, "rawio");

    if ((child = vrXMLChild(node, "source")) &&
        vrDomainParseStorageSource(child, disk->src) < 0)
        goto error;
    if (vrDomainParseBackingStore(node, disk->src) < 0)
        goto error;
    vrDomainParseDiskDriver(vrXMLChild(node, "driver"), &disk->driver);
    disk->src->format = g_strdup(disk->driver.type);
    if (vrDomainParseDiskTarget(vrXMLChild(node, "target"), disk) < 0)
        goto error;
    if (!disk->dst) {
        const char *what = disk->src->path ? disk->src->path : disk->src->volume;
        vrReportError(VR_ERR_NO_TARGET, "%s", what ? what : "");
        goto error;
    }

    disk->readonly = vrXMLChild(node, "readonly") != NULL;
    disk->shareable = vrXMLChild(node, "shareable") != NULL;
    disk->transient = vrXMLChild(node, "transient") != NULL;
    disk->serial = vrXMLChildContentStrip(node, "serial");
    disk->wwn = vrXMLChildContentStrip(node, "wwn");
    disk->vendor = vrXMLChildContentStrip(node, "vendor");
    disk->product = vrXMLChildContentStrip(node, "product");
    if ((child = vrXMLChild(node, "blockio"))) {
        if (vrXMLPropUInt(child, "logical_block_size", "blockio", 10, &disk->blockioLogical) < 0 ||
            vrXMLPropUInt(child, "physical_block_size", "blockio", 10,
                          &disk->blockioPhysical) < 0)
            goto error;
    }
    if ((child = vrXMLChild(node, "geometry"))) {
        if (vrXMLPropUInt(child, "cyls", "geometry", 10, &disk->geometryCyls) < 0 ||
            vrXMLPropUInt(child, "heads", "geometry", 10, &disk->geometryHeads) < 0 ||
            vrXMLPropUInt(child, "secs", "geometry", 10, &disk->geometrySecs) < 0)
            goto error;
        disk->geometryTrans = vrXMLProp(child, "trans");
    }
    if ((child = vrXMLChild(node, "encryption"))) {
        xmlNodePtr secret = vrXMLChild(child, "secret");
        disk->src->encryptionFormat = vrXMLProp(child, "format");
        if (secret)
            disk->src->encryptionSecretUUID = vrXMLProp(secret, "uuid");
    }
    if (vrDomainParseDiskIotune(node, &disk->iotune) < 0)
        goto error;
    if ((child = vrXMLChild(node, "mirror")) && (flags & VR_DOMAIN_PARSE_LIVE))
        disk->mirrorXML = vrXMLFormatElement(child);
    if (vrDomainParseDeviceInfo(node, &disk->info, flags) < 0)
        goto error;

    if (disk->device == VR_DOMAIN_DISK_DEVICE_CDROM ||
        disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY) {
        /* removable media may be empty */
    } else if (!disk->src->path && disk->src->type != VR_STORAGE_TYPE_VOLUME &&
               disk->src->type != VR_STORAGE_TYPE_NETWORK && vrXMLChild(node, "source")) {
        /* <source/> without a path on a disk: keep as empty, like libvirt */
    }
    return disk;

 error:
    vrDomainDiskDefFree(disk);
    return NULL;
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

/* ---- controllers --------------------------------------------------- */

static vrDomainControllerDef *
vrDomainParseController(xmlNodePtr node, unsigned int flags)
{
    vrDomainControllerDef *c = g_new0(vrDomainControllerDef, 1);
    g_autofree char *idx = NULL;
    xmlNodePtr child;

    c->idx = -1;
    c->type = VR_DOMAIN_CONTROLLER_TYPE_IDE;
    if (vrDomainParseEnumAttr(node, "type", vrDomainControllerTypeTypeFromString, false,
                              &c->type) < 0)
        goto error;
    if ((idx = vrXMLProp(node, "index"))) {
        unsigned int v;
        if (vrStrToUInt(idx, 10, &v) < 0 || v > G_MAXINT) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'index' in element 'controller': '%s'. "
                          "Expected non-negative integer value", idx);
            goto error;
        }
        c->idx = (int)v;
    }
    c->model = vrXMLProp(node, "model");
    if (vrXMLPropUInt(node, "ports", "controller", 10, &c->ports) < 0 ||
        vrXMLPropUInt(node, "vectors", "controller", 10, &c->vectors) < 0)
        goto error;
    {
        g_autofree char *p = vrXMLProp(node, "ports");
        g_autofree char *v = vrXMLProp(node, "vectors");
        c->hasPorts = p != NULL;
        c->hasVectors = v != NULL;
    }
    if ((child = vrXMLChild(node, "master")))
        c->masterStartport = vrXMLProp(child, "startport");
    if ((child = vrXMLChild(node, "driver"))) {
        c->driverQueues = vrXMLProp(child, "queues");
        c->driverIothread = vrXMLProp(child, "iothread");
    }
    if ((child = vrXMLChild(node, "model")))
        c->modelName = vrXMLProp(child, "name");
    if ((child = vrXMLChild(node, "target"))) {
        c->targetChassisNr = vrXMLProp(child, "chassisNr");
        c->targetChassis = vrXMLProp(child, "chassis");
        c->targetPort = vrXMLProp(child, "port");
        c->targetBusNr = vrXMLProp(child, "busNr");
        c->targetIndex = vrXMLProp(child, "index");
        c->targetHotplug = vrXMLProp(child, "hotplug");
        c->targetNode = vrXMLChildContentStrip(child, "node");
    }
    if (vrDomainParseDeviceInfo(node, &c->info, flags) < 0)
        goto error;
    return c;

 error:
    vrDomainControllerDefFree(c);
    return NULL;
}

/* ---- network interfaces ------------------------------------------- */

static int
vrDomainParseBandwidthRate(xmlNodePtr node, vrNetBandwidthRate *rate)
{
    struct {
        const char *attr;
        unsigned long long *value;
        bool *has;
    } fields[] = {
        { "average", &rate->average, &rate->hasAverage },
        { "peak", &rate->peak, &rate->hasPeak },
        { "burst", &rate->burst, &rate->hasBurst },
        { "floor", &rate->floor, &rate->hasFloor },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fields); i++) {
        int rc = vrXMLPropULLong(node, fields[i].attr, (const char *)node->name, 10,
                                 fields[i].value);
        if (rc < 0)
            return -1;
        *fields[i].has = rc > 0;
    }
    if (!rate->hasAverage && !rate->hasFloor) {
        vrReportError(VR_ERR_XML_DETAIL, "%s",
                      "Missing mandatory average or floor attributes");
        return -1;
    }
    return 0;
}

int
vrNetBandwidthParse(xmlNodePtr node, vrNetBandwidth *bw);
int
vrNetBandwidthParse(xmlNodePtr node, vrNetBandwidth *bw)
{
    xmlNodePtr child;

    if (!node)
        return 0;
    if ((child = vrXMLChild(node, "inbound"))) {
        bw->hasIn = true;
        if (vrDomainParseBandwidthRate(child, &bw->in) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "outbound"))) {
        bw->hasOut = true;
        if (vrDomainParseBandwidthRate(child, &bw->out) < 0)
            return -1;
    }
    return 0;
}

int
vrNetVlanParse(xmlNodePtr node, vrNetVlan *vlan);
int
vrNetVlanParse(xmlNodePtr node, vrNetVlan *vlan)
{
    g_autofree char *trunk = NULL;

    if (!node)
        return 0;
    trunk = vrXMLProp(node, "trunk");
    vlan->trunk = trunk && g_str_equal(trunk, "yes");
    vrXMLForEachNamed(node, "tag", tag) {
        vrNetVlanTag t = { 0 };
        g_autofree char *id = vrXMLProp(tag, "id");
        if (!id || vrStrToUInt(id, 10, &t.id) < 0 || t.id > 4095) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "vlan tag id must be between 0 and 4095");
            return -1;
        }
        t.nativeMode = vrXMLProp(tag, "nativeMode");
        vlan->tags = g_renew(vrNetVlanTag, vlan->tags, vlan->ntags + 1);
        vlan->tags[vlan->ntags++] = t;
    }
    if (vlan->ntags == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        return -1;
    }
    if (vlan->ntags > 1 && !trunk)
        vlan->trunk = true;
    return 0;
}

static GPtrArray *
vrDomainParseAttrList(xmlNodePtr node)
{
    GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
    xmlAttrPtr attr;

    for (attr = node ? node->properties : NULL; attr; attr = attr->next) {
        xmlChar *val = xmlNodeListGetString(node->doc, attr->children, 1);
        g_ptr_array_add(list, g_strdup_printf("%s=%s", (const char *)attr->name,
                                              val ? (const char *)val : ""));
        xmlFree(val);
    }
    return list;
}

static int
vrDomainParseNetSource(xmlNodePtr node, vrDomainNetDef *net)
{
    xmlNodePtr source = vrXMLChild(node, "source");

    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_NETWORK:
        net->sourceNetwork = vrXMLProp(source, "network");
        net->sourcePortgroup = vrXMLProp(source, "portgroup");
        if (!net->sourceNetwork) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "interface type='network' requires a 'source' element");
            return -1;
        }
        break;
    case VR_DOMAIN_NET_TYPE_BRIDGE:
        net->sourceBridge = vrXMLProp(source, "bridge");
        if (!net->sourceBridge) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing source bridge name");
            return -1;
        }
        break;
    case VR_DOMAIN_NET_TYPE_DIRECT:
        net->sourceDev = vrXMLProp(source, "dev");
        net->sourceMode = vrXMLProp(source, "mode");
        if (!net->sourceDev) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "No <source> 'dev' attribute specified with <interface type='direct'/>");
            return -1;
        }
        break;
    case VR_DOMAIN_NET_TYPE_ETHERNET:
        net->sourceDev = vrXMLProp(source, "dev");
        break;
    case VR_DOMAIN_NET_TYPE_VHOSTUSER:
        net->sourceType = vrXMLProp(source, "type");
        net->sourcePath = vrXMLProp(source, "path");
        net->sourceMode = vrXMLProp(source, "mode");
        if (!net->sourcePath) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing source path for vhostuser interface");
            return -1;
        }
        break;
    case VR_DOMAIN_NET_TYPE_SERVER:
    case VR_DOMAIN_NET_TYPE_CLIENT:
    case VR_DOMAIN_NET_TYPE_MCAST:
    case VR_DOMAIN_NET_TYPE_UDP: {
        xmlNodePtr local;
        net->sourceAddress = vrXMLProp(source, "address");
        net->sourcePort = vrXMLProp(source, "port");
        if (!net->sourcePort) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "No <source> 'port' attribute specified with socket interface");
            return -1;
        }
        if ((local = vrXMLChild(source, "local"))) {
            net->localAddress = vrXMLProp(local, "address");
            net->localPort = vrXMLProp(local, "port");
        }
        break;
    }
    case VR_DOMAIN_NET_TYPE_HOSTDEV:
        if (source)
            net->hostdevXML = vrXMLFormatElement(source);
        break;
    case VR_DOMAIN_NET_TYPE_VDPA:
        net->sourceDev = vrXMLProp(source, "dev");
        break;
    case VR_DOMAIN_NET_TYPE_INTERNAL:
        net->sourceNetwork = vrXMLProp(source, "name");
        break;
    case VR_DOMAIN_NET_TYPE_USER:
    case VR_DOMAIN_NET_TYPE_NULL:
    case VR_DOMAIN_NET_TYPE_VDS:
    case VR_DOMAIN_NET_TYPE_LAST:
        break;
    }
    return 0;
}

static int
vrDomainParseNetMac(xmlNodePtr node, vrDomainNetDef *net)
{
    xmlNodePtr mac = vrXMLChild(node, "mac");
    g_autofree char *addr = NULL;
    char buf[18];

    if (!mac || !(addr = vrXMLProp(mac, "address"))) {
        vrMacGenerate(net->mac);
        net->macGenerated = true;
        return 0;
    }
    net->macType = vrXMLProp(mac, "type");
    if (vrMacParse(addr, net->mac) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "unable to parse mac address '%s'", addr);
        return -1;
    }
    if (net->mac[0] & 1) {
        vrMacFormat(net->mac, buf);
        vrReportError(VR_ERR_XML_ERROR, "expected unicast mac address, found multicast '%s'", buf);
        return -1;
    }
    return 0;
}

static void
vrDomainParseNetDriver(xmlNodePtr node, vrDomainNetDef *net)
{
    xmlNodePtr driver = vrXMLChild(node, "driver");

    if (!driver)
        return;
    net->driverName = vrXMLProp(driver, "name");
    net->driverQueues = vrXMLProp(driver, "queues");
    net->driverTxmode = vrXMLProp(driver, "txmode");
    net->driverIoeventfd = vrXMLProp(driver, "ioeventfd");
    net->driverEventIdx = vrXMLProp(driver, "event_idx");
    net->driverRxQueueSize = vrXMLProp(driver, "rx_queue_size");
    net->driverTxQueueSize = vrXMLProp(driver, "tx_queue_size");
}

static vrDomainNetDef *
vrDomainParseNet(xmlNodePtr node, unsigned int flags)
{
    vrDomainNetDef *net = g_new0(vrDomainNetDef, 1);
    xmlNodePtr child;
    int type = VR_DOMAIN_NET_TYPE_USER;

    if (vrDomainParseEnumAttr(node, "type", vrDomainNetTypeFromString, false, &type) < 0)
        goto error;
    net->type = type;
    net->trustGuestRxFilters = vrXMLProp(node, "trustGuestRxFilters");
    if (vrDomainParseNetMac(node, net) < 0 || vrDomainParseNetSource(node, net) < 0)
        goto error;
    if ((child = vrXMLChild(node, "target"))) {
        g_autofree char *managed = vrXMLProp(child, "managed");
        net->ifname = vrXMLProp(child, "dev");
        net->ifnameManaged = managed && g_str_equal(managed, "no");
        /* Names the hypervisor generates are not kept in inactive configs. */
        if (net->ifname && !(flags & VR_DOMAIN_PARSE_LIVE) &&
            (g_str_has_prefix(net->ifname, "vnet") || g_str_has_prefix(net->ifname, "macvtap")) &&
            !net->ifnameManaged && net->type != VR_DOMAIN_NET_TYPE_ETHERNET)
            g_clear_pointer(&net->ifname, g_free);
    }
    if ((child = vrXMLChild(node, "model")))
        net->model = vrXMLProp(child, "type");
    if ((child = vrXMLChild(node, "script")))
        net->script = vrXMLProp(child, "path");
    if ((child = vrXMLChild(node, "downscript")))
        net->downscript = vrXMLProp(child, "path");
    if ((child = vrXMLChild(node, "backend"))) {
        net->backendTap = vrXMLProp(child, "tap");
        net->backendVhost = vrXMLProp(child, "vhost");
    }
    vrDomainParseNetDriver(node, net);
    if ((child = vrXMLChild(node, "link"))) {
        net->linkState = vrXMLProp(child, "state");
        if (net->linkState && !g_str_equal(net->linkState, "up") &&
            !g_str_equal(net->linkState, "down")) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'state' in element 'link': '%s'.",
                          net->linkState);
            goto error;
        }
    }
    if ((child = vrXMLChild(node, "mtu")) &&
        vrXMLPropUInt(child, "size", "mtu", 10, &net->mtu) < 0)
        goto error;
    if ((child = vrXMLChild(node, "filterref"))) {
        net->filterref = vrXMLProp(child, "filter");
        vrXMLForEachNamed(child, "parameter", param) {
            g_autofree char *name = vrXMLProp(param, "name");
            g_autofree char *value = vrXMLProp(param, "value");
            if (!net->filterParams)
                net->filterParams = g_ptr_array_new_with_free_func(g_free);
            g_ptr_array_add(net->filterParams, g_strdup_printf("%s=%s", name ? name : "",
                                                               value ? value : ""));
        }
    }
    if (vrNetBandwidthParse(vrXMLChild(node, "bandwidth"), &net->bandwidth) < 0 ||
        vrNetVlanParse(vrXMLChild(node, "vlan"), &net->vlan) < 0)
        goto error;
    if ((child = vrXMLChild(node, "virtualport"))) {
        net->virtualportType = vrXMLProp(child, "type");
        net->virtualportParams = vrDomainParseAttrList(vrXMLChild(child, "parameters"));
    }
    if ((child = vrXMLChild(node, "guest"))) {
        net->guestDev = vrXMLProp(child, "dev");
        net->guestActual = vrXMLProp(child, "actual");
    }
    vrXMLForEachNamed(node, "ip", ip) {
        g_autofree char *address = vrXMLProp(ip, "address");
        g_autofree char *prefix = vrXMLProp(ip, "prefix");
        if (!address)
            continue;
        if (!net->ips)
            net->ips = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(net->ips, prefix ? g_strdup_printf("%s/%s", address, prefix)
                                         : g_strdup(address));
    }
    if ((child = vrXMLChild(node, "coalesce"))) {
        xmlNodePtr rx = vrXMLChild(child, "rx");
        xmlNodePtr frames = vrXMLChild(rx, "frames");
        if (frames)
            net->coalesceRxFrames = vrXMLProp(frames, "max");
    }
    if (vrDomainParseDeviceInfo(node, &net->info, flags) < 0)
        goto error;
    return net;

 error:
    vrDomainNetDefFree(net);
    return NULL;
}

/* ---- character devices -------------------------------------------- */

int
vrDomainParseChrSource(xmlNodePtr node, vrDomainChrSource *src, unsigned int flags)
{
    xmlNodePtr child;

    vrXMLForEachNamed(node, "source", source) {
        g_autofree char *mode = vrXMLProp(source, "mode");

        switch ((vrDomainChrType)src->type) {
        case VR_DOMAIN_CHR_TYPE_PTY:
            if (!(flags & VR_DOMAIN_PARSE_LIVE))
                break;
            G_GNUC_FALLTHROUGH;
        case VR_DOMAIN_CHR_TYPE_DEV:
        case VR_DOMAIN_CHR_TYPE_FILE:
        case VR_DOMAIN_CHR_TYPE_PIPE:
        case VR_DOMAIN_CHR_TYPE_UNIX:
            if (!src->path)
                src->path = vrXMLProp(source, "path");
            src->append = vrXMLProp(source, "append");
            if (src->type == VR_DOMAIN_CHR_TYPE_UNIX) {
                g_free(src->mode);
                src->mode = g_steal_pointer(&mode);
                if ((child = vrXMLChild(source, "reconnect"))) {
                    src->reconnectEnabled = vrXMLProp(child, "enabled");
                    vrXMLPropUInt(child, "timeout", "reconnect", 10, &src->reconnectTimeout);
                }
            }
            break;
        case VR_DOMAIN_CHR_TYPE_TCP:
            g_free(src->mode);
            src->mode = g_steal_pointer(&mode);
            src->host = vrXMLProp(source, "host");
            src->service = vrXMLProp(source, "service");
            if ((child = vrXMLChild(source, "reconnect"))) {
                src->reconnectEnabled = vrXMLProp(child, "enabled");
                vrXMLPropUInt(child, "timeout", "reconnect", 10, &src->reconnectTimeout);
            }
            break;
        case VR_DOMAIN_CHR_TYPE_UDP:
            if (mode && g_str_equal(mode, "bind")) {
                src->bindHost = vrXMLProp(source, "host");
                src->bindService = vrXMLProp(source, "service");
            } else {
                src->host = vrXMLProp(source, "host");
                src->service = vrXMLProp(source, "service");
            }
            break;
        case VR_DOMAIN_CHR_TYPE_SPICEPORT:
            src->channel = vrXMLProp(source, "channel");
            break;
        case VR_DOMAIN_CHR_TYPE_NMDM:
            src->master = vrXMLProp(source, "master");
            src->slave = vrXMLProp(source, "slave");
            break;
        default:
            break;
        }
    }
    if ((child = vrXMLChild(node, "protocol")))
        src->protocol = vrXMLProp(child, "type");
    if ((child = vrXMLChild(node, "log"))) {
        src->logFile = vrXMLProp(child, "file");
        src->logAppend = vrXMLProp(child, "append");
    }
    if (src->type == VR_DOMAIN_CHR_TYPE_TCP && !src->mode)
        src->mode = g_strdup("connect");
    if ((src->type == VR_DOMAIN_CHR_TYPE_FILE || src->type == VR_DOMAIN_CHR_TYPE_PIPE ||
         src->type == VR_DOMAIN_CHR_TYPE_DEV) && !src->path) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "Missing source path attribute for char device");
        return -1;
    }
    if (src->type == VR_DOMAIN_CHR_TYPE_TCP && !src->service) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "Missing source service attribute for char device");
        return -1;
    }
    return 0;
}

static vrDomainChrDef *
vrDomainParseChr(xmlNodePtr node, int deviceType, unsigned int flags)
{
    vrDomainChrDef *chr = g_new0(vrDomainChrDef, 1);
    xmlNodePtr target;
    int type = VR_DOMAIN_CHR_TYPE_PTY;

    chr->deviceType = deviceType;
    chr->targetPort = -1;
    if (vrDomainParseEnumAttr(node, "type", vrDomainChrTypeFromString, false, &type) < 0)
        goto error;
    chr->source.type = type;
    if (vrDomainParseChrSource(node, &chr->source, flags) < 0)
        goto error;

    if ((target = vrXMLChild(node, "target"))) {
        g_autofree char *port = vrXMLProp(target, "port");
        xmlNodePtr model;

        chr->targetType = vrXMLProp(target, "type");
        chr->targetName = vrXMLProp(target, "name");
        chr->targetAddress = vrXMLProp(target, "address");
        chr->targetAddressPort = deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL ? g_strdup(port)
                                                                               : NULL;
        if (flags & VR_DOMAIN_PARSE_LIVE)
            chr->targetState = vrXMLProp(target, "state");
        if (port && deviceType != VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
            unsigned int p;
            if (vrStrToUInt(port, 10, &p) < 0 || p > G_MAXINT) {
                vrReportError(VR_ERR_XML_ERROR, "Invalid port number: %s", port);
                goto error;
            }
            chr->targetPort = (int)p;
        }
        if ((model = vrXMLChild(target, "model")))
            chr->targetModel = vrXMLProp(model, "name");
    }
    if (deviceType == VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL) {
        if (!chr->targetType) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "unknown target type '(null)' specified for character device");
            goto error;
        }
        if (g_str_equal(chr->targetType, "virtio") && !chr->targetName &&
            chr->source.type != VR_DOMAIN_CHR_TYPE_SPICEVMC) {
            /* libvirt accepts a nameless virtio channel */
        }
        if (g_str_equal(chr->targetType, "guestfwd") &&
            (!chr->targetAddress || !chr->targetAddressPort)) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "guestfwd channel target requires 'address' and 'port'");
            goto error;
        }
    }
    if (vrDomainParseDeviceInfo(node, &chr->info, flags) < 0)
        goto error;
    return chr;

 error:
    vrDomainChrDefFree(chr);
    return NULL;
}

/* ---- input, graphics, video, sound, watchdog, balloon, rng -------- */

static vrDomainInputDef *
vrDomainParseInput(xmlNodePtr node, unsigned int flags)
{
    vrDomainInputDef *input = g_new0(vrDomainInputDef, 1);
    xmlNodePtr source;
    static const char *const types[] = { "mouse", "tablet", "keyboard", "passthrough", "evdev" };
    static const char *const buses[] = { "ps2", "usb", "xen", "parallels", "virtio", "none" };
    size_t i;

    input->type = vrXMLProp(node, "type");
    input->bus = vrXMLProp(node, "bus");
    input->model = vrXMLProp(node, "model");
    if (!input->type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required attribute 'type' in element 'input'");
        goto error;
    }
    for (i = 0; i < G_N_ELEMENTS(types) && !g_str_equal(types[i], input->type); i++)
        ;
    if (i == G_N_ELEMENTS(types)) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute 'type' in element 'input': '%s'.",
                      input->type);
        goto error;
    }
    if (input->bus) {
        for (i = 0; i < G_N_ELEMENTS(buses) && !g_str_equal(buses[i], input->bus); i++)
            ;
        if (i == G_N_ELEMENTS(buses)) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'bus' in element 'input': '%s'.", input->bus);
            goto error;
        }
    }
    if ((source = vrXMLChild(node, "source")))
        input->sourceEvdev = vrXMLProp(source, "evdev");
    if (vrDomainParseDeviceInfo(node, &input->info, flags) < 0)
        goto error;
    return input;

 error:
    vrDomainInputDefFree(input);
    return NULL;
}

static int
vrDomainParseGraphicsPort(xmlNodePtr node, const char *attrName, const char *what, int *port,
                          bool *autoport)
{
    g_autofree char *str = vrXMLProp(node, attrName);

    if (!str)
        return 0;
    if (vrStrToInt(str, 10, port) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse %s %s", what, str);
        return -1;
    }
    /* -1 is the old spelling of "pick a port for me" */
    if (*port == -1) {
        *port = 0;
        *autoport = true;
    }
    return 1;
}

/* Port and autoport, with libvirt's defaults: VNC and RDP without a port
 * get one picked at start; a picked port is not part of the config. */
static int
vrDomainParseGraphicsPorts(xmlNodePtr node, vrDomainGraphicsDef *g, unsigned int flags)
{
    bool vncLike = g_str_equal(g->type, "vnc") || g_str_equal(g->type, "rdp");
    g_autofree char *autoport = vrXMLProp(node, "autoport");
    g_autofree char *websocket = vrXMLProp(node, "websocket");
    int rc;

    if ((rc = vrDomainParseGraphicsPort(node, "port", "graphics port", &g->port,
                                        &g->autoport)) < 0)
        return -1;
    if (rc == 0 && vncLike)
        g->autoport = true;
    if (vrDomainParseGraphicsPort(node, "tlsPort", "spice tlsPort", &g->tlsPort,
                                  &g->autoport) < 0)
        return -1;
    if (autoport) {
        if (g_str_equal(autoport, "yes"))
            g->autoport = true;
        else if (g_str_equal(autoport, "no"))
            g->autoport = false;
        else {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'autoport' in element 'graphics': '%s'.",
                          autoport);
            return -1;
        }
    }
    if (g->autoport && !(flags & VR_DOMAIN_PARSE_LIVE)) {
        g->port = 0;
        g->tlsPort = 0;
    }
    if (websocket) {
        if (vrStrToInt(websocket, 10, &g->websocket) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse vnc WebSocket port %s", websocket);
            return -1;
        }
        g->hasWebsocket = true;
    }
    return 0;
}

static vrDomainGraphicsDef *
vrDomainParseGraphics(xmlNodePtr node, unsigned int flags)
{
    vrDomainGraphicsDef *g = g_new0(vrDomainGraphicsDef, 1);
    g_autofree char *listen = NULL;
    static const char *const types[] = { "sdl", "vnc", "rdp", "desktop", "spice",
                                         "egl-headless", "dbus" };
    size_t i;

    g->type = vrXMLProp(node, "type");
    if (!g->type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing graphics device type");
        goto error;
    }
    for (i = 0; i < G_N_ELEMENTS(types) && !g_str_equal(types[i], g->type); i++)
        ;
    if (i == G_N_ELEMENTS(types)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown graphics device type '%s'", g->type);
        goto error;
    }
    if (vrDomainParseGraphicsPorts(node, g, flags) < 0)
        goto error;
    g->passwd = vrXMLProp(node, "passwd");
    g->passwdValidTo = vrXMLProp(node, "passwdValidTo");
    g->keymap = vrXMLProp(node, "keymap");
    g->sharePolicy = vrXMLProp(node, "sharePolicy");
    g->display = vrXMLProp(node, "display");
    g->xauth = vrXMLProp(node, "xauth");
    g->fullscreen = vrXMLProp(node, "fullscreen");
    g->multiUser = vrXMLProp(node, "multiUser");
    g->replaceUser = vrXMLProp(node, "replaceUser");
    g->defaultMode = vrXMLProp(node, "defaultMode");
    listen = vrXMLProp(node, "listen");

    vrXMLForEachNamed(node, "listen", l) {
        vrDomainGraphicsListen gl = { 0 };
        gl.type = vrXMLProp(l, "type");
        gl.address = vrXMLProp(l, "address");
        gl.network = vrXMLProp(l, "network");
        gl.socket = vrXMLProp(l, "socket");
        gl.fromConfig = true;
        if (!gl.type) {
            g_free(gl.address); g_free(gl.network); g_free(gl.socket);
            vrReportError(VR_ERR_XML_ERROR, "%s", "graphics listen type must be specified");
            goto error;
        }
        g->listens = g_renew(vrDomainGraphicsListen, g->listens, g->nlistens + 1);
        g->listens[g->nlistens++] = gl;
    }
    if (listen && g->nlistens == 0) {
        vrDomainGraphicsListen gl = { g_strdup("address"), g_strdup(listen), NULL, NULL, false };
        g->listens = g_new0(vrDomainGraphicsListen, 1);
        g->listens[0] = gl;
        g->nlistens = 1;
    } else if (listen && g->nlistens > 0 && g_str_equal(g->listens[0].type, "address") &&
               g->listens[0].address && !g_str_equal(g->listens[0].address, listen)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "graphics 'listen' attribute '%s' must match 'address' attribute of first listen element (found '%s')",
                      listen, g->listens[0].address);
        goto error;
    }
    if (g->nlistens == 0 && (g_str_equal(g->type, "vnc") || g_str_equal(g->type, "spice") ||
                             g_str_equal(g->type, "rdp"))) {
        vrDomainGraphicsListen gl = { g_strdup("address"), NULL, NULL, NULL, false };
        g->listens = g_new0(vrDomainGraphicsListen, 1);
        g->listens[0] = gl;
        g->nlistens = 1;
    }

    vrXMLForEachChild(node, child) {
        if (vrXMLIsElement(child, "listen"))
            continue;
        if (!g->children)
            g->children = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(g->children, vrXMLFormatElement(child));
    }
    return g;

 error:
    vrDomainGraphicsDefFree(g);
    return NULL;
}

static vrDomainVideoDef *
vrDomainParseVideo(xmlNodePtr node, unsigned int flags)
{
    vrDomainVideoDef *video = g_new0(vrDomainVideoDef, 1);
    xmlNodePtr model = vrXMLChild(node, "model");
    xmlNodePtr driver = vrXMLChild(node, "driver");
    static const char *const types[] = { "default", "vga", "cirrus", "vmvga", "xen", "vbox",
                                         "qxl", "parallels", "virtio", "gop", "none",
                                         "bochs", "ramfb" };
    size_t i;

    if (model) {
        g_autofree char *primary = vrXMLProp(model, "primary");
        xmlNodePtr accel = vrXMLChild(model, "acceleration");
        struct {
            const char *attr;
            unsigned int *value;
            bool *has;
        } fields[] = {
            { "ram", &video->ram, &video->hasRam },
            { "vram", &video->vram, &video->hasVram },
            { "vram64", &video->vram64, &video->hasVram64 },
            { "vgamem", &video->vgamem, &video->hasVgamem },
            { "heads", &video->heads, &video->hasHeads },
        };
        size_t f;

        video->type = vrXMLProp(model, "type");
        for (f = 0; f < G_N_ELEMENTS(fields); f++) {
            int rc = vrXMLPropUInt(model, fields[f].attr, "model", 10, fields[f].value);
            if (rc < 0)
                goto error;
            *fields[f].has = rc > 0;
        }
        video->primary = primary && g_str_equal(primary, "yes");
        if (accel) {
            video->accel3d = vrXMLProp(accel, "accel3d");
            video->accel2d = vrXMLProp(accel, "accel2d");
        }
    }
    if (driver)
        video->driverName = vrXMLProp(driver, "name");
    if (!video->type)
        video->type = g_strdup("default");
    for (i = 0; i < G_N_ELEMENTS(types) && !g_str_equal(types[i], video->type); i++)
        ;
    if (i == G_N_ELEMENTS(types)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown video model '%s'", video->type);
        goto error;
    }
    if (vrDomainParseDeviceInfo(node, &video->info, flags) < 0)
        goto error;
    return video;

 error:
    vrDomainVideoDefFree(video);
    return NULL;
}

static vrDomainSoundDef *
vrDomainParseSound(xmlNodePtr node, unsigned int flags)
{
    vrDomainSoundDef *sound = g_new0(vrDomainSoundDef, 1);
    static const char *const models[] = { "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9",
                                          "usb", "ich7" };
    size_t i;

    sound->model = vrXMLProp(node, "model");
    if (!sound->model) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required attribute 'model' in element 'sound'");
        goto error;
    }
    for (i = 0; i < G_N_ELEMENTS(models) && !g_str_equal(models[i], sound->model); i++)
        ;
    if (i == G_N_ELEMENTS(models)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute 'model' in element 'sound': '%s'.", sound->model);
        goto error;
    }
    vrXMLForEachNamed(node, "codec", codec) {
        if (!sound->codecs)
            sound->codecs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(sound->codecs, vrXMLProp(codec, "type"));
    }
    if (vrDomainParseDeviceInfo(node, &sound->info, flags) < 0)
        goto error;
    return sound;

 error:
    vrDomainSoundDefFree(sound);
    return NULL;
}

static vrDomainWatchdogDef *
vrDomainParseWatchdog(xmlNodePtr node, unsigned int flags)
{
    vrDomainWatchdogDef *wd = g_new0(vrDomainWatchdogDef, 1);
    static const char *const models[] = { "i6300esb", "ib700", "diag288", "itco" };
    static const char *const actions[] = { "reset", "shutdown", "poweroff", "pause", "dump",
                                           "none", "inject-nmi" };
    size_t i;

    wd->model = vrXMLProp(node, "model");
    wd->action = vrXMLProp(node, "action");
    if (!wd->model) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "watchdog must contain model name");
        goto error;
    }
    for (i = 0; i < G_N_ELEMENTS(models) && !g_str_equal(models[i], wd->model); i++)
        ;
    if (i == G_N_ELEMENTS(models)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown watchdog model '%s'", wd->model);
        goto error;
    }
    if (wd->action) {
        for (i = 0; i < G_N_ELEMENTS(actions) && !g_str_equal(actions[i], wd->action); i++)
            ;
        if (i == G_N_ELEMENTS(actions)) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "unknown watchdog action '%s'", wd->action);
            goto error;
        }
    } else {
        wd->action = g_strdup("reset");
    }
    if (vrDomainParseDeviceInfo(node, &wd->info, flags) < 0)
        goto error;
    return wd;

 error:
    vrDomainWatchdogDefFree(wd);
    return NULL;
}

static vrDomainMemballoonDef *
vrDomainParseMemballoon(xmlNodePtr node, unsigned int flags)
{
    vrDomainMemballoonDef *mb = g_new0(vrDomainMemballoonDef, 1);
    xmlNodePtr stats = vrXMLChild(node, "stats");

    mb->model = vrXMLProp(node, "model");
    if (!mb->model) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "balloon memory must contain model name");
        goto error;
    }
    if (!g_str_equal(mb->model, "virtio") && !g_str_equal(mb->model, "xen") &&
        !g_str_equal(mb->model, "none") && !g_str_equal(mb->model, "virtio-transitional") &&
        !g_str_equal(mb->model, "virtio-non-transitional")) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute 'model' in element 'memballoon': '%s'.",
                      mb->model);
        goto error;
    }
    mb->autodeflate = vrXMLProp(node, "autodeflate");
    mb->freePageReporting = vrXMLProp(node, "freePageReporting");
    if (stats) {
        int rc = vrXMLPropInt(stats, "period", "stats", 10, &mb->statsPeriod);
        if (rc < 0)
            goto error;
        mb->hasStatsPeriod = rc > 0;
    }
    if (vrDomainParseDeviceInfo(node, &mb->info, flags) < 0)
        goto error;
    return mb;

 error:
    vrDomainMemballoonDefFree(mb);
    return NULL;
}

static vrDomainRNGDef *
vrDomainParseRNG(xmlNodePtr node, unsigned int flags)
{
    vrDomainRNGDef *rng = g_new0(vrDomainRNGDef, 1);
    xmlNodePtr backend = vrXMLChild(node, "backend");
    xmlNodePtr rate = vrXMLChild(node, "rate");

    rng->model = vrXMLProp(node, "model");
    if (!rng->model) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing RNG device model");
        goto error;
    }
    if (!backend) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing RNG device backend");
        goto error;
    }
    rng->backendModel = vrXMLProp(backend, "model");
    if (!rng->backendModel) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing RNG device backend model");
        goto error;
    }
    if (g_str_equal(rng->backendModel, "random")) {
        rng->backendPath = g_strstrip(vrXMLContent(backend));
        if (!*rng->backendPath)
            g_clear_pointer(&rng->backendPath, g_free);
    } else if (g_str_equal(rng->backendModel, "egd")) {
        int type = VR_DOMAIN_CHR_TYPE_PTY;
        rng->backendChr = g_new0(vrDomainChrSource, 1);
        if (vrDomainParseEnumAttr(backend, "type", vrDomainChrTypeFromString, true, &type) < 0)
            goto error;
        rng->backendChr->type = type;
        if (vrDomainParseChrSource(backend, rng->backendChr, flags) < 0)
            goto error;
    } else if (!g_str_equal(rng->backendModel, "builtin")) {
        vrReportError(VR_ERR_XML_ERROR, "unknown backend model '%s'", rng->backendModel);
        goto error;
    }
    if (rate) {
        if (vrXMLPropUInt(rate, "bytes", "rate", 10, &rng->rateBytes) <= 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing RNG rate bytes");
            goto error;
        }
        if (vrXMLPropUInt(rate, "period", "rate", 10, &rng->ratePeriod) < 0)
            goto error;
        rng->hasRate = true;
    }
    if (vrDomainParseDeviceInfo(node, &rng->info, flags) < 0)
        goto error;
    return rng;

 error:
    vrDomainRNGDefFree(rng);
    return NULL;
}

/* Devices kept as their canonical XML (see domain_conf.h). */
static vrDomainOtherDeviceDef *
vrDomainParseOther(xmlNodePtr node, unsigned int flags)
{
    vrDomainOtherDeviceDef *dev = g_new0(vrDomainOtherDeviceDef, 1);

    dev->name = g_strdup((const char *)node->name);
    dev->xml = vrXMLFormatElement(node);
    if (vrDomainParseDeviceInfo(node, &dev->info, flags) < 0) {
        vrDomainOtherDeviceDefFree(dev);
        return NULL;
    }
    return dev;
}

/* ---- dispatch ------------------------------------------------------ */

static const char *const otherDevices[] = {
    "lease", "filesystem", "smartcard", "tpm", "audio", "hostdev", "redirdev",
    "redirfilter", "hub", "nvram", "panic", "shmem", "memory", "iommu", "vsock", "crypto",
};

int
vrDomainParseDeviceNode(xmlNodePtr node, vrDomainDeviceDef *dev, unsigned int flags)
{
    const char *name = (const char *)node->name;
    size_t i;

    memset(dev, 0, sizeof(*dev));
    if (g_str_equal(name, "disk")) {
        dev->type = VR_DOMAIN_DEVICE_DISK;
        dev->data.disk = vrDomainParseDisk(node, flags);
    } else if (g_str_equal(name, "controller")) {
        dev->type = VR_DOMAIN_DEVICE_CONTROLLER;
        dev->data.controller = vrDomainParseController(node, flags);
    } else if (g_str_equal(name, "interface")) {
        dev->type = VR_DOMAIN_DEVICE_NET;
        dev->data.net = vrDomainParseNet(node, flags);
    } else if (g_str_equal(name, "serial") || g_str_equal(name, "parallel") ||
               g_str_equal(name, "console") || g_str_equal(name, "channel")) {
        dev->type = VR_DOMAIN_DEVICE_CHR;
        dev->data.chr = vrDomainParseChr(node, vrDomainChrDeviceTypeFromString(name), flags);
    } else if (g_str_equal(name, "input")) {
        dev->type = VR_DOMAIN_DEVICE_INPUT;
        dev->data.input = vrDomainParseInput(node, flags);
    } else if (g_str_equal(name, "graphics")) {
        dev->type = VR_DOMAIN_DEVICE_GRAPHICS;
        dev->data.graphics = vrDomainParseGraphics(node, flags);
    } else if (g_str_equal(name, "video")) {
        dev->type = VR_DOMAIN_DEVICE_VIDEO;
        dev->data.video = vrDomainParseVideo(node, flags);
    } else if (g_str_equal(name, "sound")) {
        dev->type = VR_DOMAIN_DEVICE_SOUND;
        dev->data.sound = vrDomainParseSound(node, flags);
    } else if (g_str_equal(name, "watchdog")) {
        dev->type = VR_DOMAIN_DEVICE_WATCHDOG;
        dev->data.watchdog = vrDomainParseWatchdog(node, flags);
    } else if (g_str_equal(name, "memballoon")) {
        dev->type = VR_DOMAIN_DEVICE_MEMBALLOON;
        dev->data.memballoon = vrDomainParseMemballoon(node, flags);
    } else if (g_str_equal(name, "rng")) {
        dev->type = VR_DOMAIN_DEVICE_RNG;
        dev->data.rng = vrDomainParseRNG(node, flags);
    } else {
        for (i = 0; i < G_N_ELEMENTS(otherDevices); i++) {
            if (g_str_equal(name, otherDevices[i]))
                break;
        }
        if (i == G_N_ELEMENTS(otherDevices)) {
            vrReportError(VR_ERR_XML_ERROR, "unknown device type '%s'", name);
            return -1;
        }
        dev->type = VR_DOMAIN_DEVICE_OTHER;
        dev->data.other = vrDomainParseOther(node, flags);
    }
    /* every member of the union is a pointer: a NULL one means failure */
    return dev->data.disk ? 0 : -1;
}

int
vrDomainParseDevices(xmlNodePtr devices, vrDomainDef *def, unsigned int flags)
{
    if (!devices)
        return 0;
    vrXMLForEachChild(devices, node) {
        vrDomainDeviceDef dev;

        if (vrXMLIsElement(node, "emulator")) {
            g_free(def->emulator);
            def->emulator = g_strstrip(vrXMLContent(node));
            continue;
        }
        if (vrDomainParseDeviceNode(node, &dev, flags) < 0)
            return -1;
        if (dev.type == VR_DOMAIN_DEVICE_DISK) {
            vrDomainDiskInsert(def, dev.data.disk);
            continue;
        }
        if (dev.type == VR_DOMAIN_DEVICE_MEMBALLOON && def->memballoon) {
            vrDomainMemballoonDefFree(dev.data.memballoon);
            vrReportError(VR_ERR_XML_ERROR, "%s", "Only one balloon device is supported");
            return -1;
        }
        if (dev.type == VR_DOMAIN_DEVICE_WATCHDOG && def->watchdog) {
            /* libvirt 9.0 keeps the first watchdog only */
            vrDomainWatchdogDefFree(dev.data.watchdog);
            continue;
        }
        if (vrDomainDefAddDevice(def, &dev) < 0) {
            vrDomainDeviceDefClear(&dev);
            return -1;
        }
    }
    return 0;
}
