/*
 * qemu_hotplug.c: adding and removing disks and network interfaces of a
 * running guest, and of its persistent definition.
 *
 * A live attach builds the command line of the running definition plus the
 * new device, and sends QMP exactly the -blockdev / -netdev / -device
 * objects that command line holds for it: a hot-plugged device is the one
 * a cold boot would have created.  A detach asks the guest to let go
 * (device_del), waits for QEMU's DEVICE_DELETED, then removes the host
 * side (blockdev-del, netdev_del).
 */
#include <config.h>

#include <string.h>
#include <json-c/json.h>

#include "qemu_command.h"
#include "qemu_command_secret.h"
#include "qemu_domain_address.h"
#include "qemu_domain_storage.h"
#include "qemu_driver.h"
#include "qemu_interface.h"
#include "qemu_monitor_cmds.h"
#include "qemu_process.h"
#include "qemu_security.h"
#include "qemu_status.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.hotplug"

/* How long a detach waits for the guest to release the device; libvirt
 * waits as long. */
#define VR_QEMU_UNPLUG_TIMEOUT_US (5 * G_USEC_PER_SEC)

/* ---- what the command line holds for one device ---------------------- */

typedef struct {
    GPtrArray *blockdevs;      /* json_object *, backing nodes first */
    json_object *netdev;
    json_object *device;
} vrQemuHotplugObjects;

static void
vrQemuJSONPut(gpointer o)
{
    json_object_put(o);
}

static void
vrQemuHotplugObjectsClear(vrQemuHotplugObjects *o)
{
    g_clear_pointer(&o->blockdevs, g_ptr_array_unref);
    g_clear_pointer(&o->netdev, json_object_put);
    g_clear_pointer(&o->device, json_object_put);
}

static const char *
vrQemuJSONGetStr(json_object *o, const char *key)
{
    json_object *v;

    if (!o || !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* The argument after @opt whose @key is @value, parsed; NULL if none. */
static json_object *
vrQemuCommandLineFind(const vrQemuCommandLine *cl, const char *opt, const char *key,
                      const char *value)
{
    for (guint i = 0; i + 1 < cl->args->len; i++) {
        const char *arg = g_ptr_array_index(cl->args, i + 1);
        json_object *o;

        if (!g_str_equal(g_ptr_array_index(cl->args, i), opt) || arg[0] != '{')
            continue;
        if (!(o = json_tokener_parse(arg)))
            continue;
        if (g_strcmp0(vrQemuJSONGetStr(o, key), value) == 0)
            return o;
        json_object_put(o);
    }
    return NULL;
}

/* Adds the node @name and the nodes it stands on, those first. */
static int
vrQemuHotplugCollectNodes(const vrQemuCommandLine *cl, const char *name, GPtrArray *out,
                          unsigned int depth)
{
    json_object *node;
    const char *child;

    if (depth > 64 || !(node = vrQemuCommandLineFind(cl, "-blockdev", "node-name", name))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "block node '%s' missing from the command line",
                      name);
        return -1;
    }
    if ((child = vrQemuJSONGetStr(node, "file")) &&
        vrQemuHotplugCollectNodes(cl, child, out, depth + 1) < 0)
        goto error;
    if ((child = vrQemuJSONGetStr(node, "backing")) &&
        vrQemuHotplugCollectNodes(cl, child, out, depth + 1) < 0)
        goto error;
    g_ptr_array_add(out, node);
    return 0;
 error:
    json_object_put(node);
    return -1;
}

static int
vrQemuHotplugExtract(const vrQemuCommandLine *cl, const char *alias, vrQemuHotplugObjects *o)
{
    const char *ref;

    o->blockdevs = g_ptr_array_new_with_free_func(vrQemuJSONPut);
    if (!(o->device = vrQemuCommandLineFind(cl, "-device", "id", alias))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "device '%s' missing from the command line", alias);
        return -1;
    }
    if ((ref = vrQemuJSONGetStr(o->device, "drive")) &&
        vrQemuHotplugCollectNodes(cl, ref, o->blockdevs, 0) < 0)
        return -1;
    for (guint i = 0; i < o->blockdevs->len; i++) {
        json_object *node = g_ptr_array_index(o->blockdevs, i);
        /* the -object secret a LUKS node needs is not sent yet (src/secret) */
        if (json_object_object_get_ex(node, "key-secret", NULL) ||
            json_object_object_get_ex(node, "encrypt", NULL)) {
            vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "hot-plug of encrypted disk '%s' is "
                          "not supported yet: attach it with --config", alias);
            return -1;
        }
    }
    if ((ref = vrQemuJSONGetStr(o->device, "netdev")) &&
        !(o->netdev = vrQemuCommandLineFind(cl, "-netdev", "id", ref))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "netdev '%s' missing from the command line", ref);
        return -1;
    }
    return 0;
}

/* Boot-time nodes are numbered in command-line order, which a rebuilt
 * command line does not keep: hot-plugged nodes are named after the
 * device instead ("vireo-ALIAS-N-storage"), so they cannot collide. */
static void
vrQemuHotplugRenameNodes(vrQemuHotplugObjects *o, const char *alias)
{
    g_autoptr(GHashTable) renames = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

    for (guint i = 0; i < o->blockdevs->len; i++) {
        json_object *node = g_ptr_array_index(o->blockdevs, i);
        const char *old = vrQemuJSONGetStr(node, "node-name");
        const char *kind = strrchr(old, '-');
        char *name = g_strdup_printf("h%u-%s%s", i / 2, alias, kind ? kind : "");

        g_hash_table_insert(renames, g_strdup(old), name);
        json_object_object_add(node, "node-name", json_object_new_string(name));
    }
    for (guint i = 0; i < o->blockdevs->len; i++) {
        json_object *node = g_ptr_array_index(o->blockdevs, i);
        const char *keys[] = { "file", "backing" };

        for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
            const char *ref = vrQemuJSONGetStr(node, keys[k]);
            const char *to = ref ? g_hash_table_lookup(renames, ref) : NULL;
            if (to)
                json_object_object_add(node, keys[k], json_object_new_string(to));
        }
    }
    {
        const char *drive = vrQemuJSONGetStr(o->device, "drive");
        const char *to = drive ? g_hash_table_lookup(renames, drive) : NULL;
        if (to)
            json_object_object_add(o->device, "drive", json_object_new_string(to));
    }
}

/* ---- finding devices --------------------------------------------------- */

static const char *
vrQemuHotplugAlias(const vrDomainDeviceDef *dev)
{
    if (dev->type == VR_DOMAIN_DEVICE_DISK)
        return dev->data.disk->info.alias;
    return dev->data.net->info.alias;
}

/* The device of @def that @dev names: a disk by target, an interface by
 * MAC address. */
static void *
vrQemuHotplugFind(const vrDomainDef *def, const vrDomainDeviceDef *dev)
{
    if (dev->type == VR_DOMAIN_DEVICE_DISK)
        return vrDomainDiskByName(def, dev->data.disk->dst);
    return vrDomainNetByMAC(def, dev->data.net->mac);
}

static int
vrQemuHotplugCheckType(const vrDomainDeviceDef *dev, const char *what)
{
    if (dev->type == VR_DOMAIN_DEVICE_DISK) {
        const vrDomainDiskDef *disk = dev->data.disk;
        if (disk->bus == VR_DOMAIN_DISK_BUS_VIRTIO || disk->bus == VR_DOMAIN_DISK_BUS_SCSI ||
            disk->bus == VR_DOMAIN_DISK_BUS_USB)
            return 0;
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED,
                      "disk '%s' on bus '%s' cannot be %s while the guest runs: use "
                      "bus 'virtio', 'scsi' or 'usb'", disk->dst,
                      vrDomainDiskBusTypeToString(disk->bus), what);
        return -1;
    }
    if (dev->type == VR_DOMAIN_DEVICE_NET)
        return 0;
    /* the device's own element name is in the caller's XML */
    vrReportError(VR_ERR_OPERATION_UNSUPPORTED,
                  "only disks and interfaces can be %s while the guest runs", what);
    return -1;
}

/* ---- live ------------------------------------------------------------ */

static int
vrQemuHotplugSend(vrQemuDomainObj *obj, vrQemuHotplugObjects *o)
{
    guint added = 0;
    bool netdevAdded = false;
    int rc = -1;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    for (; added < o->blockdevs->len; added++) {
        if (vrQemuMonitorBlockdevAdd(obj->mon,
                                     json_object_get(g_ptr_array_index(o->blockdevs, added))) < 0)
            goto rollback;
    }
    if (o->netdev) {
        if (vrQemuMonitorNetdevAdd(obj->mon, json_object_get(o->netdev)) < 0)
            goto rollback;
        netdevAdded = true;
    }
    if (vrQemuMonitorDeviceAdd(obj->mon, json_object_get(o->device)) < 0)
        goto rollback;
    rc = 0;
    goto out;

 rollback: {
        g_autoptr(vrError) saved = vrErrorSave();
        if (netdevAdded)
            vrQemuMonitorNetdevDel(obj->mon, vrQemuJSONGetStr(o->netdev, "id"));
        while (added-- > 0)
            vrQemuMonitorBlockdevDel(obj->mon, vrQemuJSONGetStr(g_ptr_array_index(o->blockdevs,
                                                                                 added),
                                                                "node-name"));
        vrErrorRestore(&saved);
    }
 out:
    vrQemuDomainObjExitMonitor(obj);
    return rc;
}

static int
vrQemuHotplugAttachLive(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *xml)
{
    g_autoptr(vrDomainDeviceDef) dev = NULL;
    g_autoptr(vrDomainDef) next = NULL;
    g_autoptr(vrQemuCaps) caps = NULL;
    g_autoptr(vrQemuCommandLine) cl = NULL;
    vrQemuHotplugObjects o = { 0 };
    g_autoptr(vrQemuInterfaceHosts) hosts = NULL;
    vrQemuCommandParams params;
    vrDomainDeviceDef added;
    const char *alias;
    int ret = -1;

    if (!(dev = vrDomainDeviceDefParse(xml, obj->def, &driver->xmlopt)) ||
        vrQemuHotplugCheckType(dev, "attached") < 0)
        return -1;
    if (vrQemuHotplugFind(obj->def, dev)) {
        char mac[18];

        if (dev->type == VR_DOMAIN_DEVICE_DISK) {
            vrReportError(VR_ERR_OPERATION_FAILED, "guest '%s' already has a disk '%s'",
                          obj->def->name, dev->data.disk->dst);
        } else {
            vrMacFormat(dev->data.net->mac, mac);
            vrReportError(VR_ERR_OPERATION_FAILED,
                          "guest '%s' already has an interface with MAC address '%s'",
                          obj->def->name, mac);
        }
        return -1;
    }
    added = *dev;
    if (!(next = vrDomainDefCopy(obj->def, &driver->xmlopt)) ||
        vrDomainDefAddDevice(next, dev) < 0 ||
        vrQemuDomainAssignAddresses(next) < 0 ||
        vrQemuDomainResolveDefVolumes(driver, obj, next) < 0)
        return -1;
    vrQemuAssignDeviceAliases(next);
    /* the copy's device: the wrapper was emptied into it */
    added.data.disk = vrQemuHotplugFind(next, &added);
    if (!added.data.disk || !(alias = vrQemuHotplugAlias(&added))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "new device of guest '%s' got no alias",
                      obj->def->name);
        return -1;
    }

    if (!(caps = vrQemuProcessCaps(driver, next)))
        return -1;
    vrQemuCommandParamsInit(&params);
    params.def = next;
    params.caps = caps;
    params.cfg = driver->cfg;
    params.monitorPath = obj->monitorPath;
    /* a NIC's tap/macvtap is made now and handed to QEMU (getfd) */
    if (added.type == VR_DOMAIN_DEVICE_NET) {
        if (!(hosts = vrQemuInterfaceHotplugPrepare(driver, obj, next, added.data.net)))
            return -1;
        params.nets = hosts->sides;
        params.nnets = hosts->nsides;
    }
    cl = vrQemuBuildCommandLineArgs(&params);
    /* the whole command line was built again, with the disks' key files */
    vrQemuDiskSecretFilesRemove(driver->cfg->libDir, obj->def->name);
    if (!cl || vrQemuHotplugExtract(cl, alias, &o) < 0)
        goto out;
    vrQemuHotplugRenameNodes(&o, alias);
    if (vrQemuSecuritySetDeviceLabel(driver, obj, &added) < 0)
        goto out;
    if (vrQemuHotplugSend(obj, &o) < 0) {
        vrQemuSecurityRestoreDeviceLabel(driver, obj, &added);
        goto out;
    }
    if (added.type == VR_DOMAIN_DEVICE_NET && vrQemuInterfaceHotplugDone(obj, added.data.net) < 0)
        VR_WARN("guest %s: %s: %s", obj->def->name, alias, vrGetLastErrorMessage());
    vrDomainDefFree(obj->def);
    obj->def = g_steal_pointer(&next);
    vrQemuStatusSave(driver, obj);
    VR_INFO("guest %s: attached %s", obj->def->name, alias);
    ret = 0;
 out:
    if (ret < 0 && hosts)
        vrQemuInterfaceHotplugAbort(driver, obj, next, added.data.net, hosts);
    vrQemuHotplugObjectsClear(&o);
    return ret;
}

static bool
vrQemuHotplugRemoved(vrQemuDomainObj *obj, const char *alias)
{
    for (guint i = 0; i < obj->removedDevices->len; i++) {
        if (g_str_equal(g_ptr_array_index(obj->removedDevices, i), alias)) {
            g_ptr_array_remove_index(obj->removedDevices, i);
            return true;
        }
    }
    return false;
}

/* The nodes under a disk, from what QEMU reports for it. */
static char *
vrQemuHotplugDiskNode(vrQemuDomainObj *obj, const char *alias)
{
    g_autoptr(GPtrArray) blocks = NULL;
    char *node = NULL;

    if (vrQemuMonitorQueryBlock(obj->mon, &blocks) < 0)
        return NULL;
    for (guint i = 0; i < blocks->len; i++) {
        vrQemuMonitorBlockInfo *b = g_ptr_array_index(blocks, i);
        if (b->qdev && b->hasMedium && b->nodeName &&
            (g_str_equal(b->qdev, alias) || strstr(b->qdev, alias))) {
            node = g_strdup(b->nodeName);
            break;
        }
    }
    return node;
}

static void
vrQemuHotplugRemoveHostSide(vrQemuDomainObj *obj, int type, const char *alias, char *formatNode)
{
    if (type == VR_DOMAIN_DEVICE_NET) {
        g_autofree char *netdev = g_strdup_printf("host%s", alias);
        vrQemuMonitorNetdevDel(obj->mon, netdev);
        return;
    }
    if (formatNode) {
        /* by our naming, "X-format" stands on "X-storage" */
        g_autofree char *storage = NULL;
        size_t len = strlen(formatNode);
        vrQemuMonitorBlockdevDel(obj->mon, formatNode);
        if (len > 7 && g_str_has_suffix(formatNode, "-format")) {
            storage = g_strdup_printf("%.*s-storage", (int)(len - 7), formatNode);
            vrQemuMonitorBlockdevDel(obj->mon, storage);
        }
    }
}

static int
vrQemuHotplugDetachLive(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *xml)
{
    g_autoptr(vrDomainDeviceDef) dev = NULL;
    g_autofree char *alias = NULL;
    g_autofree char *formatNode = NULL;
    vrDomainDeviceDef found;
    gint64 deadline;
    bool gone = false;

    if (!(dev = vrDomainDeviceDefParse(xml, obj->def, &driver->xmlopt)) ||
        vrQemuHotplugCheckType(dev, "detached") < 0)
        return -1;
    found = *dev;
    if (!(found.data.disk = vrQemuHotplugFind(obj->def, dev))) {
        vrReportError(VR_ERR_DEVICE_MISSING, "no %s '%s' in guest '%s'",
                      dev->type == VR_DOMAIN_DEVICE_DISK ? "disk" : "interface matching",
                      dev->type == VR_DOMAIN_DEVICE_DISK ? dev->data.disk->dst : "that MAC",
                      obj->def->name);
        return -1;
    }
    if (!vrQemuHotplugAlias(&found)) {
        vrReportError(VR_ERR_OPERATION_FAILED, "%s", "device has no alias to unplug it by");
        return -1;
    }
    alias = g_strdup(vrQemuHotplugAlias(&found));

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    if (dev->type == VR_DOMAIN_DEVICE_DISK)
        formatNode = vrQemuHotplugDiskNode(obj, alias);
    if (vrQemuMonitorDeviceDel(obj->mon, alias) < 0) {
        vrQemuDomainObjExitMonitor(obj);
        return -1;
    }
    vrQemuDomainObjExitMonitor(obj);

    deadline = g_get_monotonic_time() + VR_QEMU_UNPLUG_TIMEOUT_US;
    while (!(gone = vrQemuHotplugRemoved(obj, alias)) && vrQemuDomainObjIsActive(obj)) {
        if (!g_cond_wait_until(&obj->jobCond, &obj->lock, deadline))
            break;
    }
    if (!gone) {
        vrReportError(VR_ERR_OPERATION_TIMEOUT,
                      "guest '%s' did not release device '%s' within %d seconds; it may "
                      "still do so", obj->def->name, alias,
                      (int)(VR_QEMU_UNPLUG_TIMEOUT_US / G_USEC_PER_SEC));
        return -1;
    }
    if (vrQemuDomainObjEnterMonitor(obj) == 0) {
        vrQemuHotplugRemoveHostSide(obj, dev->type, alias, formatNode);
        vrQemuDomainObjExitMonitor(obj);
    }
    vrQemuSecurityRestoreDeviceLabel(driver, obj, dev);
    found.data.disk = vrQemuHotplugFind(obj->def, dev);
    if (found.data.disk && dev->type == VR_DOMAIN_DEVICE_NET)
        vrQemuInterfaceUnplugged(driver, obj, obj->def, found.data.net);
    if (found.data.disk)
        vrDomainDefRemoveDevice(obj->def, &found);
    vrQemuStatusSave(driver, obj);
    VR_INFO("guest %s: detached %s", obj->def->name, alias);
    return 0;
}

/* ---- persistent -------------------------------------------------------- */

/* The config with the change made, through a full parse so the result
 * carries the addresses and checks any definition gets; nothing is
 * changed yet. */
static vrDomainDef *
vrQemuHotplugConfigPrepare(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *xml,
                           bool attach)
{
    vrDomainDef *config = vrQemuDomainObjPersistentDef(obj);
    g_autoptr(vrDomainDeviceDef) dev = NULL;
    g_autoptr(vrDomainDef) edited = NULL;
    g_autofree char *text = NULL;

    if (!(dev = vrDomainDeviceDefParse(xml, config, &driver->xmlopt)) ||
        !(edited = vrDomainDefCopy(config, &driver->xmlopt)))
        return NULL;
    if ((attach ? vrDomainDefAddDevice(edited, dev) : vrDomainDefRemoveDevice(edited, dev)) < 0)
        return NULL;
    text = vrDomainDefFormat(edited, VR_DOMAIN_FORMAT_INACTIVE | VR_DOMAIN_FORMAT_SECURE);
    return vrQemuDomainParse(driver, text, 0);
}

static int
vrQemuHotplugConfigCommit(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDef *next)
{
    if (vrQemuDomainSaveConfig(driver, next) < 0) {
        vrDomainDefFree(next);
        return -1;
    }
    if (vrQemuDomainObjIsActive(obj)) {
        vrDomainDefFree(obj->newDef);
        obj->newDef = next;
    } else {
        vrDomainDefFree(obj->def);
        obj->def = next;
    }
    return 0;
}

/* ---- the driver calls ------------------------------------------------- */

static int
vrQemuDomainChangeDevice(vrDomain *dom, const char *xml, unsigned int flags, bool attach)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    vrQemuDomainObj *obj;
    vrDomainDef *live, *config;
    vrDomainDef *nextConfig = NULL;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = vrQemuDomObjFromDomain(dom)))
        return -1;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, attach ? "attach" : "detach") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    /* the config change is checked first and kept only if the live one
     * also worked */
    if (config && !(nextConfig = vrQemuHotplugConfigPrepare(driver, obj, xml, attach)))
        goto endjob;
    if (live && (attach ? vrQemuHotplugAttachLive(driver, obj, xml) :
                 vrQemuHotplugDetachLive(driver, obj, xml)) < 0)
        goto endjob;
    if (nextConfig && vrQemuHotplugConfigCommit(driver, obj, g_steal_pointer(&nextConfig)) < 0)
        goto endjob;
    ret = 0;
 endjob:
    vrDomainDefFree(nextConfig);
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainAttachDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags)
{
    return vrQemuDomainChangeDevice(dom, xml, flags, true);
}

static int
vrQemuDomainDetachDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags)
{
    return vrQemuDomainChangeDevice(dom, xml, flags, false);
}

void
vrQemuHotplugDriverInit(vrHypervisorDriver *hv)
{
    hv->domainAttachDeviceFlags = vrQemuDomainAttachDeviceFlags;
    hv->domainDetachDeviceFlags = vrQemuDomainDetachDeviceFlags;
}
