/*
 * storage_backend_fs.c: 'fs' pools (a block device or image with a
 * filesystem, mounted on the target directory) and 'netfs' pools (an
 * NFS/CIFS/GlusterFS export mounted there).  Volumes are files, as in
 * 'dir' pools.  The commands come from storage_backend_cmd.c.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "storage_backend.h"
#include "storage_backend_cmd.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.backend.fs"

/* Whether something is mounted on @target. */
static bool
fsIsMounted(const char *target)
{
    g_autofree char *real = realpath(target, NULL);
    FILE *f = setmntent("/proc/self/mounts", "r");
    struct mntent *ent;
    bool found = false;

    if (!f || !real) {
        if (f)
            endmntent(f);
        return false;
    }
    while (!found && (ent = getmntent(f)))
        found = g_str_equal(ent->mnt_dir, real);
    endmntent(f);
    return found;
}

static int
fsRun(const vrStoragePoolDef *def, int op)
{
    g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(def, op, NULL);

    return vrStorageRunCommands(cmds);
}

static int
fsBuild(vrStoragePoolObj *obj, unsigned int flags)
{
    const char *dev;
    g_autofree char *found = NULL;

    if (vrStoragePoolCheckSourceDevice(obj, "build") < 0)
        return -1;
    dev = obj->def->source.devices[0].path;
    if (vrStoragePoolMakeTargetDir(obj) < 0)
        return -1;
    /* like libvirt, a plain build only makes the directory */
    if (!(flags & (VR_STORAGE_POOL_BUILD_OVERWRITE | VR_STORAGE_POOL_BUILD_NO_OVERWRITE)))
        return 0;
    if (vrStoragePoolCheckDeviceFree(obj, dev) < 0)
        return -1;
    if (obj->def->source.format == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot build storage pool '%s': no source format "
                      "given (<format type='auto'/> cannot be made by mkfs)", obj->def->name);
        return -1;
    }
    if ((flags & VR_STORAGE_POOL_BUILD_NO_OVERWRITE) && (found = vrStorageProbeDeviceType(dev))) {
        vrReportError(VR_ERR_STORAGE_POOL_BUILT, "Device '%s' already formatted using '%s'",
                      dev, found);
        return -1;
    }
    return fsRun(obj->def, (flags & VR_STORAGE_POOL_BUILD_OVERWRITE)
                 ? VR_STORAGE_CMD_BUILD_OVERWRITE : VR_STORAGE_CMD_BUILD);
}

static int
fsStart(vrStoragePoolObj *obj)
{
    if (obj->def->type == VR_STORAGE_POOL_FS && vrStoragePoolCheckSourceDevice(obj, "start") < 0)
        return -1;
    if (vrStoragePoolCheckTargetDir(obj, "start") < 0)
        return -1;
    /* restored after a daemon restart: still mounted */
    if (fsIsMounted(obj->def->targetPath))
        return 0;
    return fsRun(obj->def, VR_STORAGE_CMD_START);
}

static int
fsStop(vrStoragePoolObj *obj)
{
    if (!fsIsMounted(obj->def->targetPath))
        return 0;
    return fsRun(obj->def, VR_STORAGE_CMD_STOP);
}

static int
fsDelete(vrStoragePoolObj *obj, unsigned int flags)
{
    (void)flags;
    if (fsIsMounted(obj->def->targetPath)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot delete storage pool '%s': '%s' is "
                      "still mounted", obj->def->name, obj->def->targetPath);
        return -1;
    }
    if (rmdir(obj->def->targetPath) < 0 && errno != ENOENT) {
        vrReportSystemError(errno, "failed to remove pool '%s' directory '%s'", obj->def->name,
                            obj->def->targetPath);
        return -1;
    }
    return 0;
}

/* Appends /dev/NAME of each device in /proc/partitions to the command. */
static void
fsAddBlockDevices(GPtrArray *cmds)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    char **old = g_ptr_array_index(cmds, 0);

    if (!g_file_get_contents("/proc/partitions", &text, NULL, NULL))
        return;
    for (guint i = 0; old[i]; i++)
        g_ptr_array_add(argv, g_strdup(old[i]));
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        guint n = g_strv_length(f);
        /* "major minor #blocks name" rows; the header has no number first */
        if (n >= 4 && g_ascii_isdigit(f[0][0]) && *f[n - 1])
            g_ptr_array_add(argv, g_strdup_printf("/dev/%s", f[n - 1]));
    }
    g_ptr_array_add(argv, NULL);
    cmds->pdata[0] = g_ptr_array_steal(argv, NULL);
    g_strfreev(old);
}

static char *
fsFindSources(const char *srcSpec, unsigned int flags)
{
    g_autoptr(vrStorageSourceSpec) spec = vrStorageSourceSpecParse(srcSpec);
    g_autoptr(vrStoragePoolDef) def = g_new0(vrStoragePoolDef, 1);
    g_autoptr(GPtrArray) cmds = NULL;
    g_autofree char *out = NULL;

    (void)flags;
    if (!spec)
        return NULL;
    def->type = VR_STORAGE_POOL_FS;
    cmds = vrStoragePoolCommands(def, VR_STORAGE_CMD_FIND_SOURCES, NULL);
    /* every block device by name: blkid's own scan skips a whole disk
     * that has (even stale) partitions */
    fsAddBlockDevices(cmds);
    /* blkid exits 2 when no device has a filesystem */
    if (vrStorageRunArgv(g_ptr_array_index(cmds, 0), &out) < 0) {
        vrResetLastError();
        g_clear_pointer(&out, g_free);
    }
    return vrStorageFSParseBlkid(out, spec->format);
}

const vrStorageBackend vrStorageBackendFS = {
    .type = VR_STORAGE_POOL_FS,
    .fileVols = true,
    .build = fsBuild,
    .start = fsStart,
    .refresh = vrStoragePoolRefreshFiles,
    .stop = fsStop,
    .deletePool = fsDelete,
    .findSources = fsFindSources,
};

/* ---- netfs --------------------------------------------------------- */

static int
netfsBuild(vrStoragePoolObj *obj, unsigned int flags)
{
    (void)flags;
    return vrStoragePoolMakeTargetDir(obj);
}

static char *
netfsFindSources(const char *srcSpec, unsigned int flags)
{
    g_autoptr(vrStorageSourceSpec) spec = vrStorageSourceSpecParse(srcSpec);
    g_autofree char *out = NULL;

    (void)flags;
    if (!spec || vrStorageDiscoverOnHost(VR_STORAGE_POOL_NETFS, spec, NULL, &out) < 0)
        return NULL;
    return vrStorageNetFSParseShowmount(out, spec->host, 1);
}

const vrStorageBackend vrStorageBackendNetFS = {
    .type = VR_STORAGE_POOL_NETFS,
    .fileVols = true,
    .build = netfsBuild,
    .start = fsStart,
    .refresh = vrStoragePoolRefreshFiles,
    .stop = fsStop,
    .deletePool = fsDelete,
    .findSources = netfsFindSources,
};
