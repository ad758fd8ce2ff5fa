/*
 * storage_backend_dir.c: the 'dir' backend (a directory of files), the
 * helpers the file-based backends share, and the table of backends.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "storage_backend.h"
#include "storage_backend_cmd.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.backend"

#define POOL_DIR_MODE 0711
#define STORAGE_COMMAND_TIMEOUT_MS (5 * 60 * 1000)

const vrStorageBackend *
vrStorageBackendFind(int type)
{
    static const vrStorageBackend *const table[] = {
        &vrStorageBackendDir, &vrStorageBackendFS, &vrStorageBackendNetFS,
        &vrStorageBackendDisk, &vrStorageBackendLogical, &vrStorageBackendISCSI,
        &vrStorageBackendISCSIDirect, &vrStorageBackendSCSI,
    };

    for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
        if (table[i]->type == type)
            return table[i];
    }
    return NULL;
}

const vrStorageBackend *
vrStorageBackendFor(int type)
{
    const vrStorageBackend *be = vrStorageBackendFind(type);

    if (be)
        return be;
    vrReportError(VR_ERR_NO_SUPPORT, "missing backend for pool type %d (%s)", type,
                  vrStoragePoolTypeToString(type) ? vrStoragePoolTypeToString(type) : "unknown");
    return NULL;
}

void
vrStoragePoolUpdateSizes(vrStoragePoolObj *obj)
{
    const vrStorageBackend *be = vrStorageBackendFind(obj->def->type);
    struct statvfs sv;

    /* the other backends set the sizes on refresh */
    if (!be || !be->fileVols || !obj->def->targetPath || statvfs(obj->def->targetPath, &sv) < 0)
        return;
    /* as libvirt counts: what is not allocated is available (root's
     * reserved blocks included) */
    obj->def->capacity = (unsigned long long)sv.f_frsize * sv.f_blocks;
    obj->def->available = (unsigned long long)sv.f_frsize * sv.f_bfree;
    obj->def->allocation = obj->def->capacity - obj->def->available;
}

int
vrStoragePoolRefreshFiles(vrStoragePoolObj *obj)
{
    g_autoptr(GError) gerr = NULL;
    g_autoptr(GDir) dir = g_dir_open(obj->def->targetPath, 0, &gerr);
    const char *entry;
    struct stat sb;

    if (!dir) {
        vrReportError(VR_ERR_OPERATION_FAILED, "cannot open directory '%s' of storage pool "
                      "'%s': %s", obj->def->targetPath, obj->def->name, gerr->message);
        return -1;
    }
    /* like libvirt, the pool shows the directory's actual owner and mode
     * from its first refresh on */
    if (stat(obj->def->targetPath, &sb) == 0) {
        obj->def->perms.mode = (int)(sb.st_mode & 07777);
        obj->def->perms.uid = sb.st_uid;
        obj->def->perms.gid = sb.st_gid;
    }
    g_hash_table_remove_all(obj->vols);
    while ((entry = g_dir_read_name(dir))) {
        vrStorageVolDef *def;
        /* like libvirt, an ext filesystem's lost+found is a (dir) volume */
        if ((def = vrStorageVolProbe(obj->def->targetPath, entry, false)))
            g_hash_table_insert(obj->vols, def->name, def);
    }
    vrStoragePoolUpdateSizes(obj);
    return 0;
}

int
vrStoragePoolMakeTargetDir(vrStoragePoolObj *obj)
{
    const char *path = obj->def->targetPath;
    mode_t mode = obj->def->perms.mode != -1 ? (mode_t)obj->def->perms.mode : POOL_DIR_MODE;

    if (vrFileExists(path) && !vrFileIsDir(path)) {
        vrReportError(VR_ERR_OPERATION_FAILED, "cannot build storage pool '%s': '%s' exists "
                      "and is not a directory", obj->def->name, path);
        return -1;
    }
    if (vrFileMakePath(path, mode) < 0) {
        vrReportSystemError(errno, "cannot create path '%s'", path);
        return -1;
    }
    if (chmod(path, mode) < 0) {
        vrReportSystemError(errno, "cannot set mode of '%s' to %04o", path, (unsigned int)mode);
        return -1;
    }
    if ((obj->def->perms.uid != -1 || obj->def->perms.gid != -1) &&
        chown(path, (uid_t)obj->def->perms.uid, (gid_t)obj->def->perms.gid) < 0) {
        vrReportSystemError(errno, "cannot set owner of '%s' to %lld:%lld", path,
                            obj->def->perms.uid, obj->def->perms.gid);
        return -1;
    }
    return 0;
}

int
vrStoragePoolCheckTargetDir(vrStoragePoolObj *obj, const char *action)
{
    if (!vrFileExists(obj->def->targetPath)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot %s storage pool '%s': target "
                      "directory '%s' does not exist (use pool-build)", action,
                      obj->def->name, obj->def->targetPath);
        return -1;
    }
    if (!vrFileIsDir(obj->def->targetPath)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot %s storage pool '%s': target '%s' "
                      "is not a directory", action, obj->def->name, obj->def->targetPath);
        return -1;
    }
    return 0;
}

int
vrStorageRunArgv(char **argv, char **out)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgv((const char *const *)argv);

    if (out)
        vrCommandSetOutputBuffer(cmd, out);
    /* the storage lock is held: a hung mount, iscsiadm or parted must not
     * freeze every storage call (and guest starts resolving volumes) */
    vrCommandSetTimeout(cmd, STORAGE_COMMAND_TIMEOUT_MS);
    VR_DEBUG("running %s", argv[0]);
    return vrCommandRun(cmd, NULL);
}

int
vrStorageRunCommands(GPtrArray *cmds)
{
    for (guint i = 0; i < cmds->len; i++) {
        if (vrStorageRunArgv(g_ptr_array_index(cmds, i), NULL) < 0)
            return -1;
    }
    return 0;
}

/* ---- the dir backend ---------------------------------------------- */

const char *
vrStoragePoolDevicePath(const vrStoragePoolObj *obj)
{
    return obj->def->source.ndevices ? obj->def->source.devices[0].path : NULL;
}

int
vrStoragePoolCheckSourceDevice(vrStoragePoolObj *obj, const char *action)
{
    const char *dev = vrStoragePoolDevicePath(obj);

    if (!dev) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot %s storage pool '%s': missing source device",
                      action, obj->def->name);
        return -1;
    }
    if (!vrFileExists(dev)) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot %s storage pool '%s': source device '%s' "
                      "does not exist", action, obj->def->name, dev);
        return -1;
    }
    return 0;
}

char *
vrStorageProbeDeviceType(const char *dev)
{
    char *argv[] = { (char *)"blkid", (char *)"--probe", (char *)"--output", (char *)"value",
                     (char *)"--match-tag", (char *)"TYPE", (char *)"--match-tag",
                     (char *)"PTTYPE", (char *)dev, NULL };
    g_autofree char *out = NULL;

    /* blkid exits 2 when it finds nothing: that is an answer, not an error */
    if (vrStorageRunArgv(argv, &out) < 0) {
        vrResetLastError();
        return NULL;
    }
    g_strstrip(out);
    return *out ? g_steal_pointer(&out) : NULL;
}

/* A block device that is mounted or held open exclusively refuses O_EXCL. */
int
vrStoragePoolCheckDeviceFree(vrStoragePoolObj *obj, const char *dev)
{
    struct stat sb;
    int fd;

    if (stat(dev, &sb) < 0 || !S_ISBLK(sb.st_mode))
        return 0;
    if ((fd = open(dev, O_RDONLY | O_EXCL | O_CLOEXEC)) < 0) {
        if (errno == EBUSY) {
            vrReportError(VR_ERR_OPERATION_INVALID, "cannot build storage pool '%s': device "
                          "'%s' is in use (mounted or held by another user)",
                          obj->def->name, dev);
            return -1;
        }
        return 0;
    }
    vrFileClose(&fd);
    return 0;
}

int
vrStorageDiscoverOnHost(int type, const vrStorageSourceSpec *spec, int *port, char **out)
{
    g_autoptr(vrStoragePoolDef) def = g_new0(vrStoragePoolDef, 1);
    g_autoptr(GPtrArray) cmds = NULL;

    if (!spec->host) {
        vrReportError(VR_ERR_INVALID_ARG, "hostname must be specified for %s sources",
                      vrStoragePoolTypeToString(type));
        return -1;
    }
    /* it is an argument of showmount/iscsiadm: never an option */
    if (spec->host[0] == '-') {
        vrReportError(VR_ERR_INVALID_ARG, "invalid host name '%s' for %s sources", spec->host,
                      vrStoragePoolTypeToString(type));
        return -1;
    }
    def->type = type;
    def->source.nhosts = 1;
    def->source.hosts = g_new0(vrStoragePoolSourceHost, 1);
    def->source.hosts[0].name = g_strdup(spec->host);
    def->source.hosts[0].port = spec->port;
    if (port)
        *port = vrStoragePoolHostPort(def);
    cmds = vrStoragePoolCommands(def, VR_STORAGE_CMD_FIND_SOURCES, NULL);
    return vrStorageRunArgv(g_ptr_array_index(cmds, 0), out);
}

void
vrStoragePoolAddDeviceVol(vrStoragePoolObj *obj, vrStorageVolDef *vol)
{
    obj->def->capacity += vol->capacity;
    obj->def->allocation += vol->capacity;
    g_hash_table_replace(obj->vols, vol->name, vol);
}

int
vrStorageVolAdoptRefreshed(vrStoragePoolObj *obj, vrStorageVolDef *def, const char *what)
{
    vrStorageVolDef *made = g_hash_table_lookup(obj->vols, def->name);

    if (!made) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s '%s' not found after creation", what,
                      def->name);
        return -1;
    }
    g_free(def->targetPath);
    g_free(def->key);
    def->targetPath = g_strdup(made->targetPath);
    def->key = g_strdup(made->key);
    def->type = made->type;
    def->format = made->format;
    def->capacity = def->allocation = made->capacity;
    def->hasCapacity = def->hasAllocation = true;
    return 0;
}

static int
dirBuild(vrStoragePoolObj *obj, unsigned int flags)
{
    (void)flags;
    return vrStoragePoolMakeTargetDir(obj);
}

static int
dirStart(vrStoragePoolObj *obj)
{
    return vrStoragePoolCheckTargetDir(obj, "start");
}

static int
dirDelete(vrStoragePoolObj *obj, unsigned int flags)
{
    (void)flags;
    if (rmdir(obj->def->targetPath) < 0 && errno != ENOENT) {
        vrReportSystemError(errno, "failed to remove pool '%s' directory '%s'", obj->def->name,
                            obj->def->targetPath);
        return -1;
    }
    return 0;
}

const vrStorageBackend vrStorageBackendDir = {
    .type = VR_STORAGE_POOL_DIR,
    .fileVols = true,
    .build = dirBuild,
    .start = dirStart,
    .refresh = vrStoragePoolRefreshFiles,
    .deletePool = dirDelete,
};
