/*
 * qemu_domain_storage.c: guest disks meet the storage driver.
 *
 * A 'volume' disk is resolved through the storage driver's own slots on
 * a private connection object whose privateData is this QEMU driver
 * (the storage driver finds its per-root state from that), so guests
 * started without a client connection (autostart) resolve the same way.
 *
 * Lock order: the storage driver locks its state, then guests (in-use
 * checks).  So a guest's lock is never held while the storage driver is
 * called: resolution runs with the guest unlocked, inside its job (which
 * keeps its definition from changing), and stores the results after
 * locking it again.
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_domain_storage.h"
#include "qemu_driver.h"
#include "conf/storage_conf.h"
#include "libvireo/datatypes.h"
#include "storage/storage_driver.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.storage"

/* What a volume resolved to. */
typedef struct {
    char *path;                  /* file or device; "IQN/LUN" for iscsi-direct */
    int format;                  /* vrDiskImageFormat of the volume, NONE if unknown */
    bool network;                /* an iSCSI network source (iscsi-direct pool) */
    char *host;
    unsigned int port;
    char *initiator;
} vrQemuVolTarget;

static void
vrQemuVolTargetClear(vrQemuVolTarget *t)
{
    g_free(t->path);
    g_free(t->host);
    g_free(t->initiator);
    memset(t, 0, sizeof(*t));
}

/* The LUN of an iscsi-direct volume, named "unit:0:0:LUN". */
static int
vrQemuVolIscsiLun(const char *volName, unsigned int *lun)
{
    const char *colon = strrchr(volName, ':');
    char *end = NULL;
    unsigned long v;

    if (!colon || !g_str_has_prefix(volName, "unit:"))
        return -1;
    v = strtoul(colon + 1, &end, 10);
    if (!*(colon + 1) || *end)
        return -1;
    *lun = (unsigned int)v;
    return 0;
}

static int
vrQemuVolTargetIscsiDirect(const vrStoragePoolDef *pool, const char *volName,
                           vrQemuVolTarget *t)
{
    unsigned int lun;

    if (pool->source.nhosts < 1 || pool->source.ndevices < 1 || !pool->source.devices[0].path) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "storage pool '%s' has no source host and "
                      "target device for a direct iSCSI disk", pool->name);
        return -1;
    }
    if (vrQemuVolIscsiLun(volName, &lun) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s' of storage pool '%s' is not named "
                      "'unit:0:0:LUN' and cannot be reached as an iSCSI LUN", volName, pool->name);
        return -1;
    }
    t->network = true;
    t->path = g_strdup_printf("%s/%u", pool->source.devices[0].path, lun);
    t->host = g_strdup(pool->source.hosts[0].name);
    t->port = pool->source.hosts[0].port > 0 ? (unsigned int)pool->source.hosts[0].port : 3260;
    t->initiator = g_strdup(pool->source.initiatorIQN);
    return 0;
}

static int
vrQemuVolTargetLocal(const vrStoragePoolDef *pool, vrStorageVol *vol, vrQemuVolTarget *t)
{
    g_autofree char *xml = vrStorageQemuDriver.storageVolGetXMLDesc(vol, 0);
    g_autoptr(vrStorageVolDef) def = NULL;
    const char *fmt;

    if (!xml || !(def = vrStorageVolDefParseString(pool, xml, 0)))
        return -1;
    if (def->type != VR_STORAGE_VOL_FILE && def->type != VR_STORAGE_VOL_BLOCK) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s' of storage pool '%s' is neither a "
                      "file nor a block device and cannot back a disk", def->name, pool->name);
        return -1;
    }
    t->path = g_strdup(def->targetPath);
    /* Only file pools give image formats; a partition's or logical
     * volume's <format> is a filesystem type and the device is read raw. */
    if (pool->type != VR_STORAGE_POOL_DIR && pool->type != VR_STORAGE_POOL_FS &&
        pool->type != VR_STORAGE_POOL_NETFS) {
        t->format = VR_DISK_IMAGE_RAW;
        return 0;
    }
    fmt = def->format >= 0 ? vrStorageFileFormatTypeToString(def->format) : NULL;
    t->format = fmt ? vrDiskImageFormatTypeFromString(fmt) : -1;
    if (t->format < 0)
        t->format = VR_DISK_IMAGE_NONE;
    return 0;
}

/* A lookup's "not found" again, naming the disk and the other half of
 * its source too; other errors stay as the storage driver said them. */
static void G_GNUC_PRINTF(2, 3)
vrQemuVolNotFound(int code, const char *fmt, ...)
{
    const vrError *err = vrGetLastError();
    g_autofree char *msg = NULL;
    va_list ap;

    if (!err || err->code != code)
        return;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vrReportError(code, "%s", msg);
}

/* Resolves the volume source @src of disk @dst. */
static int
vrQemuVolResolve(vrQemuDriver *driver, const char *dst, const vrStorageSource *src,
                 vrQemuVolTarget *t)
{
    const char *poolName = src->pool, *volName = src->volume;
    const vrStorageDriver *sd = &vrStorageQemuDriver;
    vrConnect *conn = vrConnectNew();
    g_autoptr(vrStoragePool) pool = NULL;
    g_autoptr(vrStorageVol) vol = NULL;
    g_autoptr(vrStoragePoolDef) pdef = NULL;
    g_autofree char *pxml = NULL;
    int ret = -1;

    conn->privateData = driver;    /* no connect driver: unref closes nothing */
    if (!poolName || !volName) {
        vrReportError(VR_ERR_XML_ERROR, "disk '%s' of type 'volume' needs both 'pool' and "
                      "'volume' in its <source>", dst);
        goto out;
    }
    if (!(pool = sd->storagePoolLookupByName(conn, poolName))) {
        vrQemuVolNotFound(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s' "
                          "(disk '%s', volume '%s')", poolName, dst, volName);
        goto out;
    }
    if (sd->storagePoolIsActive(pool) != 1) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' containing volume '%s' is "
                      "not active (disk '%s')", poolName, volName, dst);
        goto out;
    }
    if (!(pxml = sd->storagePoolGetXMLDesc(pool, 0)) ||
        !(pdef = vrStoragePoolDefParseString(pxml)))
        goto out;
    if (!(vol = sd->storageVolLookupByName(pool, volName))) {
        vrQemuVolNotFound(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s' in "
                          "pool '%s' (disk '%s')", volName, poolName, dst);
        goto out;
    }
    switch ((vrStoragePoolType)pdef->type) {
    case VR_STORAGE_POOL_ISCSI:
        /* mode='direct': QEMU logs in itself, as to an iscsi-direct pool;
         * mode='host' (the default): the host's block device */
        if (src->volMode == 2)
            ret = vrQemuVolTargetIscsiDirect(pdef, volName, t);
        else
            ret = vrQemuVolTargetLocal(pdef, vol, t);
        break;
    case VR_STORAGE_POOL_ISCSI_DIRECT:
        ret = vrQemuVolTargetIscsiDirect(pdef, volName, t);
        break;
    case VR_STORAGE_POOL_RBD:
    case VR_STORAGE_POOL_SHEEPDOG:
    case VR_STORAGE_POOL_GLUSTER:
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "disk '%s': volumes of '%s' storage pools "
                      "('%s') cannot back a 'volume' disk yet", dst,
                      vrStoragePoolTypeToString(pdef->type), poolName);
        break;
    default:
        ret = vrQemuVolTargetLocal(pdef, vol, t);
        break;
    }
 out:
    if (ret < 0)
        vrQemuVolTargetClear(t);
    vrConnectUnref(conn);
    return ret;
}

/* Stores a resolution in the disk source (guest locked or private). */
static void
vrQemuVolTargetApply(vrStorageSource *src, vrQemuVolTarget *t)
{
    g_free(src->path);
    src->path = g_steal_pointer(&t->path);
    if (src->format == VR_DISK_IMAGE_NONE)
        src->format = t->format;
    if (t->network) {
        src->protocol = VR_STORAGE_NET_PROTOCOL_ISCSI;
        if (!src->nhosts) {
            src->hosts = g_new0(vrStorageNetHost, 1);
            src->nhosts = 1;
        }
        g_free(src->hosts[0].name);
        src->hosts[0].name = g_steal_pointer(&t->host);
        src->hosts[0].port = t->port;
        if (t->initiator && !src->initiatorIqn)
            src->initiatorIqn = g_steal_pointer(&t->initiator);
    }
    vrQemuVolTargetClear(t);
}

int
vrQemuDomainResolveVolumes(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    return vrQemuDomainResolveDefVolumes(driver, obj, obj->def);
}

int
vrQemuDomainResolveDefVolumes(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDef *def)
{
    g_autoptr(GPtrArray) want = g_ptr_array_new();   /* disks, in def order */
    vrQemuVolTarget *targets;
    int ret = 0;

    for (size_t i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->src && def->disks[i]->src->type == VR_STORAGE_TYPE_VOLUME)
            g_ptr_array_add(want, def->disks[i]);
    }
    if (!want->len)
        return 0;
    targets = g_new0(vrQemuVolTarget, want->len);
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    for (guint i = 0; i < want->len && ret == 0; i++) {
        const vrDomainDiskDef *disk = g_ptr_array_index(want, i);
        ret = vrQemuVolResolve(driver, disk->dst, disk->src, &targets[i]);
    }
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
    for (guint i = 0; i < want->len; i++) {
        vrDomainDiskDef *disk = g_ptr_array_index(want, i);
        if (ret == 0)
            vrQemuVolTargetApply(disk->src, &targets[i]);
        vrQemuVolTargetClear(&targets[i]);
    }
    g_free(targets);
    return ret;
}

/* ---- in-use checks ----------------------------------------------------- */

static bool
vrQemuSamePath(const char *a, const char *canonical)
{
    g_autofree char *real = NULL;

    if (!a || !canonical)
        return false;
    if (g_str_equal(a, canonical))
        return true;
    real = realpath(a, NULL);
    return real && g_str_equal(real, canonical);
}

static bool
vrQemuDiskUsesVolume(const vrDomainDiskDef *disk, const char *pool, const char *volume,
                     const char *canonical)
{
    for (const vrStorageSource *src = disk->src; src; src = src->backing) {
        if (src->type == VR_STORAGE_TYPE_VOLUME && src->pool && src->volume && pool && volume &&
            g_str_equal(src->pool, pool) && g_str_equal(src->volume, volume))
            return true;
        if ((src->type == VR_STORAGE_TYPE_FILE || src->type == VR_STORAGE_TYPE_BLOCK ||
             src->type == VR_STORAGE_TYPE_VOLUME) && vrQemuSamePath(src->path, canonical))
            return true;
    }
    return false;
}

char *
vrQemuDomainVolumeUser(vrQemuDriver *driver, const char *pool, const char *volume,
                       const char *path)
{
    g_autoptr(GPtrArray) all = vrQemuDomainObjListCollect(driver->domains);
    g_autofree char *canonical = path ? realpath(path, NULL) : NULL;
    char *user = NULL;

    if (path && !canonical)
        canonical = g_strdup(path);
    for (guint i = 0; i < all->len && !user; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(all, i);

        vrQemuDomainObjLock(obj);
        if (!obj->removed && vrQemuDomainObjIsActive(obj)) {
            for (size_t d = 0; d < obj->def->ndisks && !user; d++) {
                if (vrQemuDiskUsesVolume(obj->def->disks[d], pool, volume, canonical))
                    user = g_strdup(obj->def->name);
            }
        }
        vrQemuDomainObjUnlock(obj);
    }
    return user;
}
