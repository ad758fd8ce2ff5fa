/*
 * storage_backend_iscsi.c: 'iscsi' pools through the kernel initiator
 * (iscsiadm log in; the LUNs show up as /dev/disk/by-path links) and
 * 'scsi' pools (an HBA's LUNs after a sysfs rescan).  This machine has
 * neither kernel iSCSI nor SCSI hosts: the commands are checked by
 * goldens (tests/storagepool2argv); running them fails with iscsiadm's
 * or our own error.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "storage_backend.h"
#include "storage_backend_cmd.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.backend.iscsi"

static int
iscsiRun(const vrStoragePoolDef *def, int op)
{
    g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(def, op, NULL);

    for (guint i = 0; i < cmds->len; i++) {
        char **argv = g_ptr_array_index(cmds, i);
        /* the pseudo command of a sysfs write */
        if (g_str_equal(argv[0], "#write")) {
            int fd = open(argv[1], O_WRONLY | O_CLOEXEC);
            if (fd < 0 || vrFileWriteFull(fd, argv[2], strlen(argv[2])) < 0) {
                vrReportSystemError(errno, "cannot write '%s' to '%s'", argv[2], argv[1]);
                vrFileClose(&fd);
                return -1;
            }
            vrFileClose(&fd);
            continue;
        }
        if (vrStorageRunArgv(argv, NULL) < 0)
            return -1;
    }
    return 0;
}

static unsigned long long
blockSize(const char *path)
{
    unsigned long long size = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd >= 0) {
        if (ioctl(fd, BLKGETSIZE64, &size) < 0)
            size = 0;
        vrFileClose(&fd);
    }
    return size;
}

static void
addBlockVol(vrStoragePoolObj *obj, const char *name, const char *path)
{
    vrStoragePoolAddDeviceVol(obj, vrStorageDeviceVolNew(g_strdup(name), g_strdup(path),
                                                         g_strdup(path), VR_STORAGE_VOL_BLOCK,
                                                         blockSize(path)));
}

static int
iscsiStart(vrStoragePoolObj *obj)
{
    if (obj->def->source.nhosts == 0 || obj->def->source.ndevices == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot start storage pool '%s': an iSCSI pool needs "
                      "a source host and device (target IQN)", obj->def->name);
        return -1;
    }
    /* a login without the CHAP the definition asks for must not happen
     * silently; iscsi-direct pools do CHAP */
    if (obj->def->source.auth) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "cannot start storage pool '%s': CHAP "
                      "authentication is not supported for kernel iSCSI pools (use an "
                      "iscsi-direct pool)", obj->def->name);
        return -1;
    }
    return iscsiRun(obj->def, VR_STORAGE_CMD_START);
}

/* The session's LUNs: /dev/disk/by-path/ip-HOST:PORT-iscsi-IQN-lun-N */
static int
iscsiRefresh(vrStoragePoolObj *obj)
{
    g_autofree char *prefix = g_strdup_printf("ip-%s:%d-iscsi-%s-lun-",
                                              obj->def->source.hosts[0].name,
                                              vrStoragePoolHostPort(obj->def),
                                              obj->def->source.devices[0].path);
    g_autoptr(GDir) dir = NULL;
    const char *entry;

    if (iscsiRun(obj->def, VR_STORAGE_CMD_REFRESH) < 0)
        return -1;
    g_hash_table_remove_all(obj->vols);
    obj->def->capacity = obj->def->allocation = obj->def->available = 0;
    dir = g_dir_open("/dev/disk/by-path", 0, NULL);
    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *name = NULL;
        g_autofree char *path = NULL;
        if (!g_str_has_prefix(entry, prefix))
            continue;
        name = g_strdup_printf("unit:0:0:%s", entry + strlen(prefix));
        path = g_build_filename("/dev/disk/by-path", entry, NULL);
        addBlockVol(obj, name, path);
    }
    return 0;
}

static int
iscsiStop(vrStoragePoolObj *obj)
{
    return iscsiRun(obj->def, VR_STORAGE_CMD_STOP);
}

static char *
iscsiFindSources(const char *srcSpec, unsigned int flags)
{
    g_autoptr(vrStorageSourceSpec) spec = vrStorageSourceSpecParse(srcSpec);
    g_autofree char *out = NULL;
    int port = 0;

    (void)flags;
    if (!spec || vrStorageDiscoverOnHost(VR_STORAGE_POOL_ISCSI, spec, &port, &out) < 0)
        return NULL;
    return vrStorageISCSIParseSendTargets(out, spec->host, port);
}

const vrStorageBackend vrStorageBackendISCSI = {
    .type = VR_STORAGE_POOL_ISCSI,
    .start = iscsiStart,
    .refresh = iscsiRefresh,
    .stop = iscsiStop,
    .findSources = iscsiFindSources,
};

/* ---- scsi ---------------------------------------------------------- */

static int
scsiStart(vrStoragePoolObj *obj)
{
    const char *host = obj->def->source.adapter.name;
    g_autofree char *sys = NULL;

    if (obj->def->source.adapter.type != VR_STORAGE_ADAPTER_SCSI_HOST || !host) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "cannot start storage pool '%s': only "
                      "<adapter type='scsi_host' name='hostN'/> is supported", obj->def->name);
        return -1;
    }
    sys = g_strdup_printf("/sys/class/scsi_host/%s", host);
    if (!vrFileExists(sys)) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot start storage pool '%s': SCSI host '%s' "
                      "does not exist", obj->def->name, host);
        return -1;
    }
    return iscsiRun(obj->def, VR_STORAGE_CMD_START);
}

/* LUNs of the host: .../hostN/device/targetH:B:T/H:B:T:L/block/sdX */
static int
scsiRefresh(vrStoragePoolObj *obj)
{
    g_autofree char *devdir = g_strdup_printf("/sys/class/scsi_host/%s/device",
                                              obj->def->source.adapter.name);
    g_autoptr(GDir) targets = g_dir_open(devdir, 0, NULL);
    const char *t;

    g_hash_table_remove_all(obj->vols);
    obj->def->capacity = obj->def->allocation = obj->def->available = 0;
    while (targets && (t = g_dir_read_name(targets))) {
        g_autofree char *tdir = g_build_filename(devdir, t, NULL);
        g_autoptr(GDir) luns = NULL;
        const char *l;
        if (!g_str_has_prefix(t, "target") || !(luns = g_dir_open(tdir, 0, NULL)))
            continue;
        while ((l = g_dir_read_name(luns))) {
            g_autofree char *bdir = g_build_filename(tdir, l, "block", NULL);
            g_autoptr(GDir) blocks = g_dir_open(bdir, 0, NULL);
            const char *b = blocks ? g_dir_read_name(blocks) : NULL;
            const char *hbtl = strchr(l, ':');
            g_autofree char *name = NULL;
            g_autofree char *path = NULL;
            if (!b || !hbtl)
                continue;
            name = g_strdup_printf("unit:%s", hbtl + 1);
            path = g_build_filename("/dev", b, NULL);
            addBlockVol(obj, name, path);
        }
    }
    return 0;
}

const vrStorageBackend vrStorageBackendSCSI = {
    .type = VR_STORAGE_POOL_SCSI,
    .start = scsiStart,
    .refresh = scsiRefresh,
};
