/*
 * qemu_command_disk.c: disks.  Each source becomes a pair of -blockdev
 * nodes, the protocol node (file, host_device, nbd, iscsi, rbd, ...) and
 * the format node on it (raw, qcow2, ...); a <backingStore> chain is
 * built bottom up and linked with "backing".  I/O limits add a throttle
 * filter on top.  The -device line of the disk's bus then takes the top
 * node as its drive.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "qemu_command_priv.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* ---- cache modes ---------------------------------------------------- */

/* cache.direct / cache.no-flush of a cache mode; false when the mode
 * leaves QEMU's defaults. */
static bool
vrQemuDiskCacheFlags(int mode, bool *direct, bool *noflush)
{
    *direct = mode == VR_DOMAIN_DISK_CACHE_NONE || mode == VR_DOMAIN_DISK_CACHE_DIRECTSYNC;
    *noflush = mode == VR_DOMAIN_DISK_CACHE_UNSAFE;
    return mode != VR_DOMAIN_DISK_CACHE_DEFAULT;
}

static void
vrQemuBlockCache(json_object *o, const vrDomainDiskDef *disk)
{
    bool direct, noflush;
    json_object *cache;

    if (!vrQemuDiskCacheFlags(disk->driver.cache, &direct, &noflush))
        return;
    cache = json_object_new_object();
    vrQemuJSONBool(cache, "direct", direct);
    vrQemuJSONBool(cache, "no-flush", noflush);
    vrQemuJSONAdd(o, "cache", cache);
}

/* ---- protocol nodes ---------------------------------------------------- */

static json_object *
vrQemuInetServer(const vrStorageNetHost *h, unsigned int dflt)
{
    json_object *s = json_object_new_object();
    g_autofree char *port = g_strdup_printf("%u", h->port ? h->port : dflt);

    if (h->transport == VR_STORAGE_NET_HOST_TRANS_UNIX) {
        vrQemuJSONStr(s, "type", "unix");
        vrQemuJSONStr(s, "path", h->socket);
        return s;
    }
    vrQemuJSONStr(s, "type", "inet");
    vrQemuJSONStr(s, "host", h->name);
    vrQemuJSONStr(s, "port", port);
    return s;
}

static int
vrQemuISCSITarget(vrQemuBuild *b, const vrStorageSource *src, json_object *o)
{
    const char *slash = src->path ? strrchr(src->path, '/') : NULL;
    g_autofree char *target = slash ? g_strndup(src->path, slash - src->path) : g_strdup(src->path);
    unsigned long lun = slash ? strtoul(slash + 1, NULL, 10) : 0;
    g_autofree char *portal = NULL;

    if (!src->nhosts || !target) {
        vrQemuRefuse(b, "%s", "iSCSI disk source needs a host and a target name");
        return -1;
    }
    portal = g_strdup_printf("%s:%u", src->hosts[0].name, src->hosts[0].port ? src->hosts[0].port : 3260);
    vrQemuJSONStr(o, "portal", portal);
    vrQemuJSONStr(o, "target", target);
    vrQemuJSONInt(o, "lun", (long long)lun);
    vrQemuJSONStr(o, "transport", "tcp");
    vrQemuJSONStr(o, "initiator-name", src->initiatorIqn);
    return 0;
}

static int
vrQemuRBDSource(vrQemuBuild *b, const vrStorageSource *src, json_object *o)
{
    const char *slash = src->path ? strchr(src->path, '/') : NULL;
    g_autofree char *pool = slash ? g_strndup(src->path, slash - src->path) : NULL;
    json_object *servers;
    size_t i;

    if (!slash) {
        vrQemuRefuse(b, "RBD disk source name '%s' is not POOL/IMAGE", src->path ? src->path : "");
        return -1;
    }
    vrQemuJSONStr(o, "pool", pool);
    vrQemuJSONStr(o, "image", slash + 1);
    if (src->nhosts) {
        servers = json_object_new_array();
        for (i = 0; i < src->nhosts; i++) {
            json_object *s = vrQemuJSONObj("host", src->hosts[i].name);
            g_autofree char *port = g_strdup_printf("%u", src->hosts[i].port ? src->hosts[i].port : 6789);
            vrQemuJSONStr(s, "port", port);
            json_object_array_add(servers, s);
        }
        vrQemuJSONAdd(o, "server", servers);
    }
    vrQemuJSONStr(o, "snapshot", src->snapshot);
    vrQemuJSONStr(o, "conf", src->configFile);
    return 0;
}

static int
vrQemuCurlSource(vrQemuBuild *b, const vrStorageSource *src, json_object *o)
{
    const char *scheme = vrStorageNetProtocolTypeToString(src->protocol);
    g_autofree char *url = NULL;

    if (!src->nhosts) {
        vrQemuRefuse(b, "%s disk source needs a host", scheme);
        return -1;
    }
    url = src->hosts[0].port
        ? g_strdup_printf("%s://%s:%u/%s%s%s", scheme, src->hosts[0].name, src->hosts[0].port,
                          src->path ? src->path : "", src->query ? "?" : "", src->query ? src->query : "")
        : g_strdup_printf("%s://%s/%s%s%s", scheme, src->hosts[0].name, src->path ? src->path : "",
                          src->query ? "?" : "", src->query ? src->query : "");
    vrQemuJSONStr(o, "url", url);
    if (src->sslverify == VR_TRISTATE_OFF)
        vrQemuJSONBool(o, "sslverify", false);
    if (src->readahead)
        vrQemuJSONUInt(o, "readahead", src->readahead);
    if (src->timeout)
        vrQemuJSONUInt(o, "timeout", src->timeout);
    return 0;
}

static int
vrQemuNetworkSource(vrQemuBuild *b, const vrStorageSource *src, json_object *o)
{
    const char *proto = vrStorageNetProtocolTypeToString(src->protocol);

    switch ((vrStorageNetProtocol)src->protocol) {
    case VR_STORAGE_NET_PROTOCOL_NBD:
        vrQemuJSONStr(o, "driver", "nbd");
        if (src->nhosts)
            vrQemuJSONAdd(o, "server", vrQemuInetServer(&src->hosts[0], 10809));
        vrQemuJSONStr(o, "export", src->path);
        return 0;
    case VR_STORAGE_NET_PROTOCOL_ISCSI:
        vrQemuJSONStr(o, "driver", "iscsi");
        return vrQemuISCSITarget(b, src, o);
    case VR_STORAGE_NET_PROTOCOL_RBD:
        vrQemuJSONStr(o, "driver", "rbd");
        return vrQemuRBDSource(b, src, o);
    case VR_STORAGE_NET_PROTOCOL_HTTP:
    case VR_STORAGE_NET_PROTOCOL_HTTPS:
    case VR_STORAGE_NET_PROTOCOL_FTP:
    case VR_STORAGE_NET_PROTOCOL_FTPS:
        vrQemuJSONStr(o, "driver", proto);
        return vrQemuCurlSource(b, src, o);
    case VR_STORAGE_NET_PROTOCOL_GLUSTER: {
        const char *slash = src->path ? strchr(src->path, '/') : NULL;
        g_autofree char *volume = slash ? g_strndup(src->path, slash - src->path) : NULL;
        json_object *servers = json_object_new_array();
        size_t i;
        vrQemuJSONStr(o, "driver", "gluster");
        vrQemuJSONStr(o, "volume", volume ? volume : src->path);
        vrQemuJSONStr(o, "path", slash ? slash + 1 : "");
        for (i = 0; i < src->nhosts; i++)
            json_object_array_add(servers, vrQemuInetServer(&src->hosts[i], 24007));
        vrQemuJSONAdd(o, "server", servers);
        return 0;
    }
    case VR_STORAGE_NET_PROTOCOL_SSH:
        vrQemuJSONStr(o, "driver", "ssh");
        vrQemuJSONStr(o, "path", src->path);
        if (src->nhosts)
            vrQemuJSONAdd(o, "server", vrQemuInetServer(&src->hosts[0], 22));
        return 0;
    case VR_STORAGE_NET_PROTOCOL_NFS:
        vrQemuJSONStr(o, "driver", "nfs");
        if (src->nhosts)
            vrQemuJSONAdd(o, "server", vrQemuJSONObj("type", "inet"));
        if (src->nhosts)
            vrQemuJSONStr(json_object_object_get(o, "server"), "host", src->hosts[0].name);
        vrQemuJSONStr(o, "path", src->path);
        return 0;
    case VR_STORAGE_NET_PROTOCOL_NONE:
    case VR_STORAGE_NET_PROTOCOL_SHEEPDOG:
    case VR_STORAGE_NET_PROTOCOL_TFTP:
    case VR_STORAGE_NET_PROTOCOL_VXHS:
    case VR_STORAGE_NET_PROTOCOL_LAST:
        break;
    }
    vrQemuUnsupported(b, "disk source protocol '%s'", proto ? proto : "none");
    return -1;
}

static int
vrQemuStorageDriver(vrQemuBuild *b, const vrDomainDiskDef *disk, const vrStorageSource *src,
                    json_object *o)
{
    bool cdrom = disk->device == VR_DOMAIN_DISK_DEVICE_CDROM;
    g_autofree char *nvme = NULL;

    switch ((vrStorageType)src->type) {
    case VR_STORAGE_TYPE_FILE:
        vrQemuJSONStr(o, "driver", "file");
        vrQemuJSONStr(o, "filename", src->path);
        return 0;
    case VR_STORAGE_TYPE_BLOCK:
        vrQemuJSONStr(o, "driver", cdrom ? "host_cdrom" : "host_device");
        vrQemuJSONStr(o, "filename", src->path);
        return 0;
    case VR_STORAGE_TYPE_DIR:
        vrQemuJSONStr(o, "driver", "vvfat");
        vrQemuJSONStr(o, "dir", src->path);
        vrQemuJSONBool(o, "floppy", disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY);
        vrQemuJSONBool(o, "rw", !disk->readonly);
        return 0;
    case VR_STORAGE_TYPE_NETWORK:
        return vrQemuNetworkSource(b, src, o);
    case VR_STORAGE_TYPE_NVME:
        nvme = g_strdup_printf("%04x:%02x:%02x.%x", src->nvmeAddr.domain, src->nvmeAddr.bus,
                               src->nvmeAddr.slot, src->nvmeAddr.function);
        vrQemuJSONStr(o, "driver", "nvme");
        vrQemuJSONStr(o, "device", nvme);
        vrQemuJSONUInt(o, "namespace", src->nvmeNamespace ? src->nvmeNamespace : 1);
        return 0;
    case VR_STORAGE_TYPE_VOLUME:
        /* resolved at start/attach (qemu_domain_storage.c): a path, or an
         * iSCSI source for iscsi-direct pools */
        if (src->protocol == VR_STORAGE_NET_PROTOCOL_ISCSI && src->nhosts)
            return vrQemuNetworkSource(b, src, o);
        if (!src->path) {
            vrQemuRefuse(b, "disk '%s': a source of type 'volume' (pool '%s', volume '%s') must "
                         "be resolved by the storage driver before the start", disk->dst,
                         src->pool ? src->pool : "", src->volume ? src->volume : "");
            return -1;
        }
        vrQemuJSONStr(o, "driver", g_str_has_prefix(src->path, "/dev/")
                                   ? (cdrom ? "host_cdrom" : "host_device") : "file");
        vrQemuJSONStr(o, "filename", src->path);
        return 0;
    case VR_STORAGE_TYPE_NONE:
    case VR_STORAGE_TYPE_VHOST_USER:
    case VR_STORAGE_TYPE_LAST:
        break;
    }
    vrQemuUnsupported(b, "disk '%s' source type '%s'", disk->dst, vrStorageTypeTypeToString(src->type));
    return -1;
}

/* ---- format nodes and chains ------------------------------------------ */

static const char *
vrQemuFormatDriver(int format)
{
    switch ((vrDiskImageFormat)format) {
    case VR_DISK_IMAGE_NONE:
    case VR_DISK_IMAGE_RAW:
    case VR_DISK_IMAGE_ISO:
    case VR_DISK_IMAGE_FAT:
    case VR_DISK_IMAGE_DIR:
        return "raw";
    case VR_DISK_IMAGE_QCOW2: return "qcow2";
    case VR_DISK_IMAGE_QCOW: return "qcow";
    case VR_DISK_IMAGE_QED: return "qed";
    case VR_DISK_IMAGE_VMDK: return "vmdk";
    case VR_DISK_IMAGE_VPC:
    case VR_DISK_IMAGE_VHD: return "vpc";
    case VR_DISK_IMAGE_VDI: return "vdi";
    case VR_DISK_IMAGE_BOCHS: return "bochs";
    case VR_DISK_IMAGE_CLOOP: return "cloop";
    case VR_DISK_IMAGE_DMG: return "dmg";
    case VR_DISK_IMAGE_PLOOP: return "parallels";
    case VR_DISK_IMAGE_COW:
    case VR_DISK_IMAGE_LAST:
        break;
    }
    return NULL;
}

static int
vrQemuSourceCheck(vrQemuBuild *b, const vrDomainDiskDef *disk, const vrStorageSource *src)
{
    if (src->auth) {
        vrQemuRefuse(b, "disk '%s': <auth> needs secrets, which this driver cannot pass to QEMU yet",
                     disk->dst);
        return -1;
    }
    if (src->encryption && vrQemuDiskEncryptionCheck(b, disk, src) < 0)
        return -1;
    if (src->reservationsManaged) {
        vrQemuUnsupported(b, "disk '%s' <reservations>", disk->dst);
        return -1;
    }
    if (src->hasSlice) {
        vrQemuUnsupported(b, "disk '%s' <slices>", disk->dst);
        return -1;
    }
    if (!vrQemuFormatDriver(src->format)) {
        vrQemuUnsupported(b, "disk '%s' format '%s'", disk->dst, vrDiskImageFormatTypeToString(src->format));
        return -1;
    }
    return 0;
}

static const char *const vrQemuDetectZeroes[] = { NULL, "off", "on", "unmap" };

/* Adds the nodes of @src and its backing chain; returns the name of its
 * format node. */
static char *
vrQemuBuildSourceNodes(vrQemuBuild *b, const vrDomainDiskDef *disk, const vrStorageSource *src,
                       bool top)
{
    g_autofree char *backing = NULL;
    g_autofree char *storage = NULL;
    g_autofree char *secret = NULL;
    char *format;
    json_object *o;
    unsigned int n;

    if (vrQemuSourceCheck(b, disk, src) < 0)
        return NULL;
    if (src->backing && src->backing->type != VR_STORAGE_TYPE_NONE &&
        !(backing = vrQemuBuildSourceNodes(b, disk, src->backing, false)))
        return NULL;
    n = ++b->nodeIndex;
    if (src->encryption && !(secret = vrQemuBuildDiskSecret(b, disk, src, n)))
        return NULL;
    storage = g_strdup_printf("vireo-%u-storage", n);
    format = g_strdup_printf("vireo-%u-format", n);
    o = json_object_new_object();
    if (vrQemuStorageDriver(b, disk, src, o) < 0) {
        json_object_put(o);
        g_free(format);
        return NULL;
    }
    if (disk->driver.io && (src->type == VR_STORAGE_TYPE_FILE || src->type == VR_STORAGE_TYPE_BLOCK))
        vrQemuJSONStr(o, "aio", vrDomainDiskIoTypeToString(disk->driver.io));
    vrQemuJSONStr(o, "node-name", storage);
    vrQemuBlockCache(o, disk);
    vrQemuJSONBool(o, "auto-read-only", true);
    vrQemuJSONStr(o, "discard", "unmap");
    vrQemuBuildArgJSON(b, "-blockdev", o);

    o = vrQemuJSONObj("node-name", format);
    vrQemuJSONBool(o, "read-only", !top || disk->readonly);
    if (top && disk->driver.discard)
        vrQemuJSONStr(o, "discard", vrDomainDiskDiscardTypeToString(disk->driver.discard));
    if (top && disk->driver.detectZeroes)
        vrQemuJSONStr(o, "detect-zeroes", vrQemuDetectZeroes[disk->driver.detectZeroes]);
    vrQemuBlockCache(o, disk);
    vrQemuJSONStr(o, "driver", vrQemuFormatDriver(src->format));
    vrQemuJSONStr(o, "file", storage);
    if (backing)
        vrQemuJSONStr(o, "backing", backing);
    else if (src->hasBackingStoreElement)
        vrQemuJSONAdd(o, "backing", NULL);
    if (secret)
        vrQemuDiskEncryptionFormatNode(o, src, secret);
    vrQemuBuildArgJSON(b, "-blockdev", o);
    return format;
}

/* ---- I/O limits -------------------------------------------------------- */

static bool
vrQemuIotuneSet(const vrDomainDiskIotune *t)
{
    return t->totalBytesSec || t->readBytesSec || t->writeBytesSec || t->totalIopsSec ||
           t->readIopsSec || t->writeIopsSec || t->totalBytesSecMax || t->readBytesSecMax ||
           t->writeBytesSecMax || t->totalIopsSecMax || t->readIopsSecMax || t->writeIopsSecMax ||
           t->sizeIopsSec;
}

#define LIMIT(key, field) \
    do { \
        if (t->field) \
            vrQemuJSONUInt(o, key, t->field); \
    } while (0)

static void
vrQemuThrottleLimits(json_object *o, const vrDomainDiskIotune *t)
{
    LIMIT("x-bps-total", totalBytesSec);
    LIMIT("x-bps-read", readBytesSec);
    LIMIT("x-bps-write", writeBytesSec);
    LIMIT("x-iops-total", totalIopsSec);
    LIMIT("x-iops-read", readIopsSec);
    LIMIT("x-iops-write", writeIopsSec);
    LIMIT("x-bps-total-max", totalBytesSecMax);
    LIMIT("x-bps-read-max", readBytesSecMax);
    LIMIT("x-bps-write-max", writeBytesSecMax);
    LIMIT("x-iops-total-max", totalIopsSecMax);
    LIMIT("x-iops-read-max", readIopsSecMax);
    LIMIT("x-iops-write-max", writeIopsSecMax);
    LIMIT("x-iops-size", sizeIopsSec);
    LIMIT("x-bps-total-max-length", totalBytesSecMaxLength);
    LIMIT("x-bps-read-max-length", readBytesSecMaxLength);
    LIMIT("x-bps-write-max-length", writeBytesSecMaxLength);
    LIMIT("x-iops-total-max-length", totalIopsSecMaxLength);
    LIMIT("x-iops-read-max-length", readIopsSecMaxLength);
    LIMIT("x-iops-write-max-length", writeIopsSecMaxLength);
}

/* A throttle-group object (one per group name) and the filter node on
 * @top; returns the filter's name. */
static char *
vrQemuBuildThrottle(vrQemuBuild *b, const vrDomainDiskDef *disk, const char *alias, char *top)
{
    g_autofree char *group = disk->iotune.groupName ? g_strdup_printf("limits-%s", disk->iotune.groupName)
                                                    : g_strdup_printf("limits-%s", alias);
    char *node = g_strdup_printf("vireo-%u-throttle", ++b->nodeIndex);
    json_object *o;

    if (!g_hash_table_contains(b->throttleGroups, group)) {
        o = vrQemuJSONObj("qom-type", "throttle-group");
        vrQemuJSONStr(o, "id", group);
        vrQemuThrottleLimits(o, &disk->iotune);
        vrQemuBuildArgJSON(b, "-object", o);
        g_hash_table_add(b->throttleGroups, g_strdup(group));
    }
    o = vrQemuJSONObj("driver", "throttle");
    vrQemuJSONStr(o, "node-name", node);
    vrQemuJSONStr(o, "throttle-group", group);
    vrQemuJSONStr(o, "file", top);
    vrQemuBuildArgJSON(b, "-blockdev", o);
    g_free(top);
    return node;
}

static char *
vrQemuBuildCopyOnRead(vrQemuBuild *b, char *top)
{
    char *node = g_strdup_printf("vireo-%u-cor", ++b->nodeIndex);
    json_object *o = vrQemuJSONObj("driver", "copy-on-read");

    vrQemuJSONStr(o, "node-name", node);
    vrQemuJSONStr(o, "file", top);
    vrQemuBuildArgJSON(b, "-blockdev", o);
    g_free(top);
    return node;
}

/* ---- devices ------------------------------------------------------ */

static const char *const vrQemuErrorPolicies[] = { NULL, "stop", "report", "ignore", "enospc" };

static void
vrQemuDiskCommonProps(vrQemuBuild *b, json_object *dev, const vrDomainDiskDef *disk, bool cdrom)
{
    bool direct, noflush;

    if (disk->shareable)
        vrQemuJSONBool(dev, "share-rw", true);
    if (disk->serial)
        vrQemuJSONStr(dev, "serial", disk->serial);
    if (!cdrom && vrQemuDiskCacheFlags(disk->driver.cache, &direct, &noflush))
        vrQemuJSONStr(dev, "write-cache",
                      disk->driver.cache == VR_DOMAIN_DISK_CACHE_WRITETHRU ||
                      disk->driver.cache == VR_DOMAIN_DISK_CACHE_DIRECTSYNC ? "off" : "on");
    if (disk->driver.errorPolicy)
        vrQemuJSONStr(dev, "werror", vrQemuErrorPolicies[disk->driver.errorPolicy]);
    if (disk->driver.rerrorPolicy)
        vrQemuJSONStr(dev, "rerror", vrQemuErrorPolicies[disk->driver.rerrorPolicy]);
    if (disk->blockioLogical)
        vrQemuJSONUInt(dev, "logical_block_size", disk->blockioLogical);
    if (disk->blockioPhysical)
        vrQemuJSONUInt(dev, "physical_block_size", disk->blockioPhysical);
    if (disk->geometryCyls) {
        vrQemuJSONUInt(dev, "cyls", disk->geometryCyls);
        vrQemuJSONUInt(dev, "heads", disk->geometryHeads);
        vrQemuJSONUInt(dev, "secs", disk->geometrySecs);
    }
    (void)b;
}

static void
vrQemuDiskWWN(json_object *dev, const vrDomainDiskDef *disk)
{
    if (disk->wwn)
        vrQemuJSONUInt(dev, "wwn", g_ascii_strtoull(disk->wwn, NULL, 16));
    if (disk->rotationRate)
        vrQemuJSONUInt(dev, "rotation_rate", disk->rotationRate);
}

static json_object *
vrQemuDiskVirtioDevice(vrQemuBuild *b, const vrDomainDiskDef *disk)
{
    const char *driver = disk->model == VR_DOMAIN_DISK_MODEL_VIRTIO_TRANSITIONAL
                         ? "virtio-blk-pci-transitional"
                         : disk->model == VR_DOMAIN_DISK_MODEL_VIRTIO_NON_TRANSITIONAL
                         ? "virtio-blk-pci-non-transitional" : "virtio-blk-pci";
    json_object *dev = vrQemuDeviceNew(b, driver, "disk bus 'virtio'");

    if (!dev)
        return NULL;
    if (disk->driver.iothread) {
        g_autofree char *io = g_strdup_printf("iothread%u", disk->driver.iothread);
        vrQemuJSONStr(dev, "iothread", io);
    }
    vrQemuJSONTristate(dev, "ioeventfd", disk->driver.ioeventfd);
    vrQemuJSONTristate(dev, "event_idx", disk->driver.eventIdx);
    if (disk->driver.queues)
        vrQemuJSONUInt(dev, "num-queues", disk->driver.queues);
    if (disk->driver.queueSize)
        vrQemuJSONUInt(dev, "queue-size", disk->driver.queueSize);
    vrQemuDeviceVirtioOptions(dev, &disk->driver.virtio);
    return dev;
}

static const vrDomainControllerDef *
vrQemuDiskController(const vrQemuBuild *b, int type, unsigned int idx)
{
    size_t i;

    for (i = 0; i < b->def->ncontrollers; i++) {
        const vrDomainControllerDef *c = b->def->controllers[i];
        if (c->type == type && c->idx == (int)idx)
            return c;
    }
    return NULL;
}

static json_object *
vrQemuDiskIDEDevice(vrQemuBuild *b, const vrDomainDiskDef *disk)
{
    const vrDomainDeviceAddress *a = &disk->info.addr;
    bool cdrom = disk->device == VR_DOMAIN_DISK_DEVICE_CDROM;
    json_object *dev = vrQemuDeviceNew(b, cdrom ? "ide-cd" : "ide-hd",
                                       disk->bus == VR_DOMAIN_DISK_BUS_SATA ? "disk bus 'sata'"
                                                                           : "disk bus 'ide'");
    g_autofree char *bus = NULL;

    if (!dev)
        return NULL;
    if (disk->bus == VR_DOMAIN_DISK_BUS_IDE) {
        bus = g_strdup_printf("ide.%u", a->u.drive.bus);
        vrQemuJSONStr(dev, "bus", bus);
        vrQemuJSONUInt(dev, "unit", a->u.drive.unit);
    } else {
        const vrDomainControllerDef *c = vrQemuDiskController(b, VR_DOMAIN_CONTROLLER_TYPE_SATA,
                                                              a->u.drive.controller);
        if (!c) {
            vrQemuRefuse(b, "disk '%s' names SATA controller %u, which does not exist", disk->dst,
                         a->u.drive.controller);
            json_object_put(dev);
            return NULL;
        }
        /* the q35 chipset's AHCI is QEMU's "ide" bus */
        bus = b->q35 && c->idx == 0 ? g_strdup_printf("ide.%u", a->u.drive.unit)
                                    : g_strdup_printf("%s.%u", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER,
                                                                           c, &c->info), a->u.drive.unit);
        vrQemuJSONStr(dev, "bus", bus);
    }
    vrQemuDiskWWN(dev, disk);
    if (disk->geometryTrans)
        vrQemuJSONStr(dev, "bios-chs-trans", vrDomainDiskGeometryTransTypeToString(disk->geometryTrans));
    return dev;
}

static json_object *
vrQemuDiskSCSIDevice(vrQemuBuild *b, const vrDomainDiskDef *disk)
{
    const vrDomainDeviceAddress *a = &disk->info.addr;
    const vrDomainControllerDef *c = vrQemuDiskController(b, VR_DOMAIN_CONTROLLER_TYPE_SCSI,
                                                          a->u.drive.controller);
    const char *driver = disk->device == VR_DOMAIN_DISK_DEVICE_CDROM ? "scsi-cd"
                         : disk->device == VR_DOMAIN_DISK_DEVICE_LUN ? "scsi-block" : "scsi-hd";
    g_autofree char *bus = NULL;
    json_object *dev;
    bool virtio;

    if (!c) {
        vrQemuRefuse(b, "disk '%s' names SCSI controller %u, which does not exist", disk->dst,
                     a->u.drive.controller);
        return NULL;
    }
    if (disk->device == VR_DOMAIN_DISK_DEVICE_LUN && disk->src->type != VR_STORAGE_TYPE_BLOCK) {
        vrQemuUnsupported(b, "disk '%s' device='lun' on a '%s' source", disk->dst,
                          vrStorageTypeTypeToString(disk->src->type));
        return NULL;
    }
    virtio = c->model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI ||
             c->model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL ||
             c->model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL;
    if (!virtio && (a->u.drive.bus || a->u.drive.target)) {
        vrQemuUnsupported(b, "disk '%s' address bus %u target %u on SCSI controller model '%s'",
                          disk->dst, a->u.drive.bus, a->u.drive.target,
                          vrDomainControllerModelSCSITypeToString(c->model));
        return NULL;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, "disk bus 'scsi'")))
        return NULL;
    bus = g_strdup_printf("%s.0", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info));
    vrQemuJSONStr(dev, "bus", bus);
    if (virtio) {
        vrQemuJSONUInt(dev, "channel", a->u.drive.bus);
        vrQemuJSONUInt(dev, "scsi-id", a->u.drive.target);
        vrQemuJSONUInt(dev, "lun", a->u.drive.unit);
    } else {
        vrQemuJSONUInt(dev, "scsi-id", a->u.drive.unit);
    }
    vrQemuJSONStr(dev, "vendor", disk->vendor);
    vrQemuJSONStr(dev, "product", disk->product);
    vrQemuDiskWWN(dev, disk);
    return dev;
}

static json_object *
vrQemuDiskBusDevice(vrQemuBuild *b, const vrDomainDiskDef *disk)
{
    json_object *dev = NULL;

    switch ((vrDomainDiskBus)disk->bus) {
    case VR_DOMAIN_DISK_BUS_VIRTIO:
        return vrQemuDiskVirtioDevice(b, disk);
    case VR_DOMAIN_DISK_BUS_IDE:
    case VR_DOMAIN_DISK_BUS_SATA:
        return vrQemuDiskIDEDevice(b, disk);
    case VR_DOMAIN_DISK_BUS_SCSI:
        return vrQemuDiskSCSIDevice(b, disk);
    case VR_DOMAIN_DISK_BUS_FDC:
        if ((dev = vrQemuDeviceNew(b, "floppy", "disk bus 'fdc'")))
            vrQemuJSONUInt(dev, "unit", disk->info.addr.u.drive.unit);
        return dev;
    case VR_DOMAIN_DISK_BUS_USB:
        if ((dev = vrQemuDeviceNew(b, "usb-storage", "disk bus 'usb'")) &&
            disk->removable != VR_TRISTATE_ABSENT)
            vrQemuJSONBool(dev, "removable", disk->removable == VR_TRISTATE_ON);
        return dev;
    case VR_DOMAIN_DISK_BUS_NONE:
    case VR_DOMAIN_DISK_BUS_XEN:
    case VR_DOMAIN_DISK_BUS_UML:
    case VR_DOMAIN_DISK_BUS_SD:
    case VR_DOMAIN_DISK_BUS_LAST:
        break;
    }
    vrQemuUnsupported(b, "disk bus '%s'", vrDomainDiskBusTypeToString(disk->bus));
    return NULL;
}

/* The node the device reads, or NULL (no error) for an empty drive. */
static int
vrQemuBuildDiskNodes(vrQemuBuild *b, const vrDomainDiskDef *disk, const char *alias, char **top)
{
    *top = NULL;
    if (!disk->src || disk->src->type == VR_STORAGE_TYPE_NONE ||
        (disk->src->type != VR_STORAGE_TYPE_NETWORK && !disk->src->path &&
         disk->src->type != VR_STORAGE_TYPE_NVME &&
         disk->src->type != VR_STORAGE_TYPE_VOLUME)) {
        if (disk->device == VR_DOMAIN_DISK_DEVICE_CDROM || disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY)
            return 0;
        vrQemuRefuse(b, "disk '%s' has no source", disk->dst);
        return -1;
    }
    if (!(*top = vrQemuBuildSourceNodes(b, disk, disk->src, true)))
        return -1;
    if (disk->driver.copyOnRead == VR_TRISTATE_ON)
        *top = vrQemuBuildCopyOnRead(b, *top);
    if (vrQemuIotuneSet(&disk->iotune))
        *top = vrQemuBuildThrottle(b, disk, alias, *top);
    return 0;
}

static int
vrQemuBuildVhostUserDisk(vrQemuBuild *b, const vrDomainDiskDef *disk, const char *alias)
{
    g_autofree char *chr = g_strdup_printf("chr-vu-%s", alias);
    vrDomainChrSource src = { .type = VR_DOMAIN_CHR_TYPE_UNIX };
    json_object *dev;
    unsigned int bi;

    if (disk->bus != VR_DOMAIN_DISK_BUS_VIRTIO) {
        vrQemuUnsupported(b, "vhost-user disk '%s' on bus '%s'", disk->dst,
                          vrDomainDiskBusTypeToString(disk->bus));
        return -1;
    }
    src.path = disk->src->path;
    src.reconnectEnabled = disk->src->reconnectEnabled;
    src.reconnectTimeout = disk->src->reconnectTimeout;
    if (vrQemuBuildChardev(b, &src, chr, "vhost-user disk") < 0 ||
        !(dev = vrQemuDeviceNew(b, "vhost-user-blk-pci", "vhost-user disk")))
        return -1;
    vrQemuJSONStr(dev, "id", alias);
    vrQemuJSONStr(dev, "chardev", chr);
    if (disk->driver.queues)
        vrQemuJSONUInt(dev, "num-queues", disk->driver.queues);
    if ((bi = vrQemuBootIndex(b, VR_DOMAIN_DEVICE_DISK, disk, &disk->info)))
        vrQemuJSONUInt(dev, "bootindex", bi);
    if (vrQemuDeviceAddress(b, dev, &disk->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

static int
vrQemuBuildDisk(vrQemuBuild *b, const vrDomainDiskDef *disk)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_DISK, disk, &disk->info);
    g_autofree char *top = NULL;
    json_object *dev;
    unsigned int bi;

    if (disk->src && disk->src->type == VR_STORAGE_TYPE_VHOST_USER)
        return vrQemuBuildVhostUserDisk(b, disk, alias);
    if (disk->transient) {
        vrQemuUnsupported(b, "disk '%s' <transient>", disk->dst);
        return -1;
    }
    if (vrQemuBuildDiskNodes(b, disk, alias, &top) < 0 || !(dev = vrQemuDiskBusDevice(b, disk)))
        return -1;
    if (vrQemuDeviceAddress(b, dev, &disk->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuJSONStr(dev, "drive", top);
    vrQemuJSONStr(dev, "id", alias);
    if ((bi = vrQemuBootIndex(b, VR_DOMAIN_DEVICE_DISK, disk, &disk->info)))
        vrQemuJSONUInt(dev, "bootindex", bi);
    vrQemuDiskCommonProps(b, dev, disk, disk->device == VR_DOMAIN_DISK_DEVICE_CDROM);
    vrQemuBuildDevice(b, dev);
    return 0;
}

int
vrQemuBuildDisks(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->ndisks; i++) {
        if (vrQemuBuildDisk(b, b->def->disks[i]) < 0)
            return -1;
    }
    return 0;
}
