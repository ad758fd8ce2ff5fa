/*
 * storage_driver.c: storage pools and volumes for the QEMU connections.
 *
 * One state per root (the QEMU driver's root: "/" for vireod's
 * qemu:///system, DIR for vireod --root DIR and qemu:///embed?root=DIR),
 * created on the first storage call of a connection to that root:
 *   ROOT/etc/vireo/storage/NAME.xml            persistent definitions
 *   ROOT/etc/vireo/storage/autostart/NAME.xml  autostart links
 *   ROOT/run/vireo/storage/NAME.xml            pools that are running
 * What a pool type does is its backend's (storage_backend.h); volumes
 * of the file-based pools (dir, fs, netfs) are made, converted, resized
 * and inspected here with qemu-img, other volumes by their backend.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "storage_driver.h"
#include "storage_backend.h"
#include "storage_encryption.h"
#include "storage_inuse.h"
#include "storage_stream.h"
#include "storage_wipe.h"
#include "conf/storage_conf.h"
#include "libvireo/datatypes.h"
#include "libvireo/vrlocalstream.h"
#include "qemu/qemu_driver.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.driver"

#define QEMU_IMG "qemu-img"
#define VOL_FILE_MODE 0600

typedef struct {
    GMutex lock;
    char *configDir, *autostartDir, *stateDir, *imageDir;
    GPtrArray *pools;             /* vrStoragePoolObj */
    char *root;                   /* for the secret driver (pool <auth>) */
} vrStorageState;

static GMutex vrStorageStatesLock;
static GHashTable *vrStorageStates;   /* root -> vrStorageState, for the process */

/* ---- objects ------------------------------------------------------- */

static void
vrStoragePoolObjFree(gpointer data)
{
    vrStoragePoolObj *obj = data;

    vrStoragePoolDefFree(obj->def);
    vrStoragePoolDefFree(obj->newDef);
    g_hash_table_unref(obj->vols);
    g_free(obj);
}

static vrStoragePoolObj *
vrStoragePoolObjNew(vrStorageState *st, vrStoragePoolDef *def)
{
    vrStoragePoolObj *obj = g_new0(vrStoragePoolObj, 1);

    obj->def = def;
    obj->root = st->root;
    obj->vols = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify)vrStorageVolDefFree);
    g_ptr_array_add(st->pools, obj);
    return obj;
}

static vrStoragePoolObj *
vrStoragePoolFindByName(vrStorageState *st, const char *name)
{
    for (guint i = 0; i < st->pools->len; i++) {
        vrStoragePoolObj *obj = g_ptr_array_index(st->pools, i);
        if (g_str_equal(obj->def->name, name))
            return obj;
    }
    return NULL;
}

static vrStoragePoolObj *
vrStoragePoolFindByUUID(vrStorageState *st, const unsigned char *uuid)
{
    for (guint i = 0; i < st->pools->len; i++) {
        vrStoragePoolObj *obj = g_ptr_array_index(st->pools, i);
        if (memcmp(obj->def->uuid, uuid, VR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

static char *
vrStoragePoolConfigPath(vrStorageState *st, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    return g_build_filename(st->configDir, file, NULL);
}

static char *
vrStoragePoolAutostartPath(vrStorageState *st, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    return g_build_filename(st->autostartDir, file, NULL);
}

static char *
vrStoragePoolStatusPath(vrStorageState *st, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    return g_build_filename(st->stateDir, file, NULL);
}

static int
vrStorageWriteDef(const char *path, const vrStoragePoolDef *def)
{
    g_autofree char *xml = vrStoragePoolDefFormat(def);

    if (!xml)
        return -1;
    if (vrFileWriteAtomic(path, xml, strlen(xml), 0600) < 0) {
        vrReportSystemError(errno, "cannot write storage pool config '%s'", path);
        return -1;
    }
    return 0;
}

/* ---- qemu-img ------------------------------------------------------ */

/* qemu's option syntax doubles commas inside values. */
static char *
vrStorageQemuOptEscape(const char *value)
{
    g_auto(GStrv) parts = g_strsplit(value, ",", -1);
    return g_strjoinv(",,", parts);
}

static bool
vrStorageFormatIsImage(int format)
{
    switch (format) {
    case VR_STORAGE_FILE_QCOW2:
    case VR_STORAGE_FILE_QCOW:
    case VR_STORAGE_FILE_QED:
    case VR_STORAGE_FILE_VMDK:
    case VR_STORAGE_FILE_VDI:
    case VR_STORAGE_FILE_VPC:
        return true;
    default:
        return false;
    }
}

/* Whether the first bytes look like something qemu-img should identify;
 * anything else is raw (saves a qemu-img per file on refresh). */
static bool
vrStorageMaybeImage(const char *path)
{
    static const char *const magic[] = {
        "QFI\xfb", "QED", "KDMV", "# Disk Descriptor", "conectix", "<<< ", "#!/bin/sh",
        "LUKS\xba\xbe",
    };
    char buf[64] = { 0 };
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    ssize_t n;

    if (fd < 0)
        return true;
    n = read(fd, buf, sizeof(buf) - 1);
    vrFileClose(&fd);
    if (n <= 0)
        return false;
    for (size_t i = 0; i < G_N_ELEMENTS(magic); i++) {
        if ((size_t)n >= strlen(magic[i]) && memcmp(buf, magic[i], strlen(magic[i])) == 0)
            return true;
    }
    return false;
}

static json_object *
vrStorageQemuImgInfo(const char *path)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList(QEMU_IMG, "info", "-U", "--output=json",
                                                   path, NULL);
    g_autofree char *out = NULL;
    json_object *info;

    vrCommandSetOutputBuffer(cmd, &out);
    if (vrCommandRun(cmd, NULL) < 0)
        return NULL;
    if (!out || !(info = json_tokener_parse(out)) ||
        !json_object_is_type(info, json_type_object)) {
        vrReportError(VR_ERR_STORAGE_PROBE_FAILED, "cannot parse 'qemu-img info' output for '%s'",
                      path);
        return NULL;
    }
    return info;
}

static int
vrStorageFileFormatFromQemu(const char *name)
{
    int f;

    if (!name)
        return VR_STORAGE_FILE_RAW;
    if (g_str_equal(name, "vhdx"))
        return VR_STORAGE_FILE_VHD;
    f = vrStorageFileFormatTypeFromString(name);
    return f > 0 ? f : VR_STORAGE_FILE_RAW;
}

static unsigned long long
vrStorageJSONULL(json_object *obj, const char *key)
{
    json_object *v;

    if (!json_object_object_get_ex(obj, key, &v))
        return 0;
    return (unsigned long long)json_object_get_int64(v);
}

static const char *
vrStorageJSONStr(json_object *obj, const char *key)
{
    json_object *v;

    if (!obj || !json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

static void
vrStorageVolApplyInfo(vrStorageVolDef *def, json_object *info, const char *dir)
{
    json_object *spec = NULL, *data = NULL, *v;
    const char *backing = vrStorageJSONStr(info, "full-backing-filename");

    def->format = vrStorageFileFormatFromQemu(vrStorageJSONStr(info, "format"));
    def->capacity = vrStorageJSONULL(info, "virtual-size");
    if (!backing)
        backing = vrStorageJSONStr(info, "backing-filename");
    if (backing) {
        def->backing = g_new0(vrStorageVolBacking, 1);
        def->backing->path = g_path_is_absolute(backing) ? g_strdup(backing)
                                                         : g_build_filename(dir, backing, NULL);
        def->backing->format =
            vrStorageFileFormatFromQemu(vrStorageJSONStr(info, "backing-filename-format"));
        def->backing->perms.mode = -1;
        def->backing->perms.uid = -1;
        def->backing->perms.gid = -1;
    }
    if (json_object_object_get_ex(info, "format-specific", &spec) &&
        json_object_object_get_ex(spec, "data", &data) &&
        def->format == VR_STORAGE_FILE_QCOW2) {
        const char *compat = vrStorageJSONStr(data, "compat");
        if (compat)
            def->compat = g_strdup(compat);
        def->hasFeatures = true;
        if (json_object_object_get_ex(data, "lazy-refcounts", &v))
            def->features[VR_STORAGE_VOL_FEATURE_LAZY_REFCOUNTS] = json_object_get_boolean(v);
        if (json_object_object_get_ex(data, "extended-l2", &v))
            def->features[VR_STORAGE_VOL_FEATURE_EXTENDED_L2] = json_object_get_boolean(v);
    }
    vrStorageEncryptionFromInfo(def, info);   /* LUKS, or qcow2 with encrypt.* */
}

/* The definition of the file @name in the directory @dir, NULL (with an
 * error only when @report) for what is not a volume. */
vrStorageVolDef *
vrStorageVolProbe(const char *dir, const char *name, bool report)
{
    g_autoptr(vrStorageVolDef) def = g_new0(vrStorageVolDef, 1);
    g_autofree char *path = g_build_filename(dir, name, NULL);
    struct stat sb;

    if (stat(path, &sb) < 0) {
        if (report)
            vrReportSystemError(errno, "cannot stat file '%s'", path);
        return NULL;
    }
    def->name = g_strdup(name);
    def->targetPath = g_strdup(path);
    def->key = g_strdup(path);
    def->hasCapacity = def->hasAllocation = true;
    def->perms.mode = (int)(sb.st_mode & 07777);
    def->perms.uid = sb.st_uid;
    def->perms.gid = sb.st_gid;
    def->allocation = (unsigned long long)sb.st_blocks * 512;
    if (S_ISDIR(sb.st_mode)) {
        def->type = VR_STORAGE_VOL_DIR;
        def->format = VR_STORAGE_FILE_DIR;
        def->capacity = (unsigned long long)sb.st_size;
        return g_steal_pointer(&def);
    }
    if (!S_ISREG(sb.st_mode)) {
        if (report)
            vrReportError(VR_ERR_INVALID_STORAGE_VOL, "'%s' is neither a regular file nor a "
                          "directory", path);
        return NULL;
    }
    def->type = VR_STORAGE_VOL_FILE;
    def->format = VR_STORAGE_FILE_RAW;
    def->capacity = (unsigned long long)sb.st_size;
    if (vrStorageMaybeImage(path)) {
        g_autoptr(json_object) info = vrStorageQemuImgInfo(path);
        if (!info) {
            if (report)
                return NULL;
            VR_WARN("cannot probe volume '%s': %s", path, vrGetLastErrorMessage());
            vrResetLastError();
        } else {
            vrStorageVolApplyInfo(def, info, dir);
        }
    }
    return g_steal_pointer(&def);
}

/* ---- pools: backend ------------------------------------------------ */

static bool
vrStoragePoolFileVols(vrStoragePoolObj *obj)
{
    const vrStorageBackend *be = vrStorageBackendFind(obj->def->type);

    return be && be->fileVols;
}

/* Starts the pool's storage and lists its volumes; on failure the
 * storage is left as it was found. */
static int
vrStoragePoolStartBackend(vrStoragePoolObj *obj)
{
    const vrStorageBackend *be = vrStorageBackendFor(obj->def->type);

    if (!be || (be->start && be->start(obj) < 0))
        return -1;
    if (be->refresh(obj) < 0) {
        if (be->stop) {
            vrError *saved = vrErrorSave();
            if (be->stop(obj) < 0)
                VR_WARN("cannot stop storage pool '%s': %s", obj->def->name,
                        vrGetLastErrorMessage());
            vrErrorRestore(&saved);
        }
        return -1;
    }
    return 0;
}

static int
vrStoragePoolBuildBackend(vrStoragePoolObj *obj, unsigned int flags)
{
    const vrStorageBackend *be;

    if ((flags & VR_STORAGE_POOL_BUILD_OVERWRITE) && (flags & VR_STORAGE_POOL_BUILD_NO_OVERWRITE)) {
        vrReportInvalidArg("Flags 'VIR_STORAGE_POOL_BUILD_OVERWRITE' and "
                           "'VIR_STORAGE_POOL_BUILD_NO_OVERWRITE' are mutually exclusive");
        return -1;
    }
    if (!(be = vrStorageBackendFor(obj->def->type)))
        return -1;
    /* like libvirt, a type with nothing to build builds successfully */
    return be->build ? be->build(obj, flags) : 0;
}

static int
vrStoragePoolDoStart(vrStorageState *st, vrStoragePoolObj *obj)
{
    g_autofree char *status = vrStoragePoolStatusPath(st, obj->def->name);

    if (vrStoragePoolStartBackend(obj) < 0)
        return -1;
    obj->active = true;
    if (vrStorageWriteDef(status, obj->def) < 0)
        VR_WARN("%s", vrGetLastErrorMessage());
    return 0;
}

static void
vrStoragePoolDoStop(vrStorageState *st, vrStoragePoolObj *obj)
{
    g_autofree char *status = vrStoragePoolStatusPath(st, obj->def->name);
    const vrStorageBackend *be = vrStorageBackendFind(obj->def->type);

    if (obj->active && be && be->stop && be->stop(obj) < 0) {
        VR_WARN("storage pool '%s' stopped with an error: %s", obj->def->name,
                vrGetLastErrorMessage());
        vrResetLastError();
    }
    obj->active = false;
    g_hash_table_remove_all(obj->vols);
    vrFileRemoveIfExists(status);
    if (obj->newDef) {
        vrStoragePoolDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
}

/* ---- states -------------------------------------------------------- */

static void
vrStorageLoadDir(vrStorageState *st, const char *dirpath, bool status)
{
    g_autoptr(GDir) dir = g_dir_open(dirpath, 0, NULL);
    const char *entry;

    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;
        g_autofree char *xml = NULL;
        g_autofree char *stem = NULL;
        vrStoragePoolDef *def;
        vrStoragePoolObj *obj;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(dirpath, entry, NULL);
        stem = g_strndup(entry, strlen(entry) - 4);
        if (vrFileReadAll(path, 16 << 20, &xml) < 0 || !(def = vrStoragePoolDefParseString(xml))) {
            VR_WARN("ignoring storage pool file '%s': %s", path, vrGetLastErrorMessage());
            vrResetLastError();
            continue;
        }
        if (!g_str_equal(def->name, stem)) {
            VR_WARN("ignoring storage pool file '%s': it defines pool '%s'", path, def->name);
            vrStoragePoolDefFree(def);
            continue;
        }
        if (!status) {
            g_autofree char *link = vrStoragePoolAutostartPath(st, def->name);
            obj = vrStoragePoolObjNew(st, def);
            obj->persistent = true;
            obj->autostart = vrFileExists(link);
            continue;
        }
        /* a pool that was running when the daemon stopped */
        if ((obj = vrStoragePoolFindByName(st, def->name))) {
            obj->newDef = obj->def;
            obj->def = def;
        } else {
            obj = vrStoragePoolObjNew(st, def);
        }
        if (vrStoragePoolStartBackend(obj) < 0) {
            VR_WARN("storage pool '%s' is inactive: %s", def->name, vrGetLastErrorMessage());
            vrResetLastError();
            vrStoragePoolDoStop(st, obj);
            if (!obj->persistent)
                g_ptr_array_remove(st->pools, obj);
            continue;
        }
        obj->active = true;
        if (obj->newDef && obj->newDef->type == obj->def->type &&
            g_strcmp0(obj->newDef->targetPath, obj->def->targetPath) == 0)
            g_clear_pointer(&obj->newDef, vrStoragePoolDefFree);
    }
}

/* libvirt's packaging gives every host a 'dir' pool named default. */
static void
vrStorageDefineDefaultPool(vrStorageState *st)
{
    g_autofree char *xml = NULL;
    g_autofree char *config = NULL;
    g_autofree char *link = NULL;
    vrStoragePoolDef *def;
    vrStoragePoolObj *obj;

    if (vrStoragePoolFindByName(st, "default"))
        return;
    xml = g_markup_printf_escaped("<pool type='dir'>\n  <name>default</name>\n  <target>\n"
                                  "    <path>%s</path>\n  </target>\n</pool>\n", st->imageDir);
    if (!(def = vrStoragePoolDefParseString(xml)))
        goto error;
    obj = vrStoragePoolObjNew(st, def);
    obj->persistent = true;
    config = vrStoragePoolConfigPath(st, "default");
    link = vrStoragePoolAutostartPath(st, "default");
    if (vrStorageWriteDef(config, def) < 0)
        goto error;
    if (symlink(config, link) < 0) {
        vrReportSystemError(errno, "cannot create autostart link '%s'", link);
        goto error;
    }
    obj->autostart = true;
    if (vrStoragePoolBuildBackend(obj, 0) < 0)
        goto error;
    return;

 error:
    VR_WARN("cannot set up the default storage pool: %s", vrGetLastErrorMessage());
    vrResetLastError();
}

static vrStorageState *
vrStorageStateNew(const char *root, const char *imageDir)
{
    vrStorageState *st = g_new0(vrStorageState, 1);
    bool system = g_str_equal(root, "/");
    bool firstStart;

    g_mutex_init(&st->lock);
    st->root = g_strdup(root);
    st->pools = g_ptr_array_new_with_free_func(vrStoragePoolObjFree);
    st->configDir = g_build_filename(root, "etc", "vireo", "storage", NULL);
    st->autostartDir = g_build_filename(st->configDir, "autostart", NULL);
    st->stateDir = system ? g_strdup("/run/vireo/storage")
                          : g_build_filename(root, "run", "vireo", "storage", NULL);
    st->imageDir = g_strdup(imageDir);
    firstStart = !vrFileExists(st->configDir);
    if (vrFileMakePath(st->autostartDir, 0755) < 0 || vrFileMakePath(st->stateDir, 0755) < 0)
        VR_WARN("cannot create the storage driver's directories under '%s': %s", root,
                g_strerror(errno));
    vrStorageLoadDir(st, st->configDir, false);
    vrStorageLoadDir(st, st->stateDir, true);
    if (firstStart)
        vrStorageDefineDefaultPool(st);
    for (guint i = 0; i < st->pools->len; i++) {
        vrStoragePoolObj *obj = g_ptr_array_index(st->pools, i);
        if (obj->autostart && !obj->active && vrStoragePoolDoStart(st, obj) < 0) {
            VR_WARN("cannot autostart storage pool '%s': %s", obj->def->name,
                    vrGetLastErrorMessage());
            vrResetLastError();
        }
    }
    return st;
}

static vrStorageState *
vrStorageStateFromQemu(vrQemuDriver *qemu)
{
    vrStorageState *st;

    if (!qemu || !qemu->cfg) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "storage driver used without a QEMU connection");
        return NULL;
    }
    g_mutex_lock(&vrStorageStatesLock);
    if (!vrStorageStates)
        vrStorageStates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!(st = g_hash_table_lookup(vrStorageStates, qemu->cfg->root))) {
        st = vrStorageStateNew(qemu->cfg->root, qemu->cfg->imageDir);
        g_hash_table_insert(vrStorageStates, g_strdup(qemu->cfg->root), st);
    }
    g_mutex_unlock(&vrStorageStatesLock);
    return st;
}

static vrStorageState *
vrStorageStateFromConn(vrConnect *conn)
{
    return vrStorageStateFromQemu(conn ? vrQemuDriverFrom(conn) : NULL);
}

void
vrStorageStartupForQemu(struct _vrQemuDriver *driver)
{
    if (!vrStorageStateFromQemu(driver)) {
        VR_WARN("storage driver not started: %s", vrGetLastErrorMessage());
        vrResetLastError();
    }
}

/* ---- helpers for the slots ---------------------------------------- */

static vrStoragePoolObj *
vrStoragePoolFromHandle(vrStorageState *st, vrStoragePool *pool)
{
    vrStoragePoolObj *obj = vrStoragePoolFindByUUID(st, pool->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!obj)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s' (%s)",
                      vrUUIDFormat(pool->uuid, uuid), pool->name);
    return obj;
}

static int
vrStoragePoolCheckActive(vrStoragePoolObj *obj)
{
    if (!obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", obj->def->name);
        return -1;
    }
    return 0;
}

static int
vrStoragePoolCheckInactive(vrStoragePoolObj *obj)
{
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is already active",
                      obj->def->name);
        return -1;
    }
    return 0;
}

#define POOL_BEGIN(handle, st, obj, ret) \
    vrStorageState *st = vrStorageStateFromConn((handle)->conn); \
    vrStoragePoolObj *obj; \
    if (!st) \
        return ret; \
    g_mutex_lock(&st->lock); \
    if (!(obj = vrStoragePoolFromHandle(st, (handle)))) { \
        g_mutex_unlock(&st->lock); \
        return ret; \
    }

#define POOL_END(st, ret) \
    do { \
        g_mutex_unlock(&(st)->lock); \
        return ret; \
    } while (0)

static vrStoragePool *
vrStoragePoolHandle(vrConnect *conn, vrStoragePoolObj *obj)
{
    return vrStoragePoolNew(conn, obj->def->name, obj->def->uuid);
}

static vrStorageVol *
vrStorageVolHandle(vrConnect *conn, vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    return vrStorageVolNew(conn, obj->def->name, def->name, def->key);
}

/* ---- pools: slots -------------------------------------------------- */

static bool
vrStoragePoolMatch(vrStoragePoolObj *obj, unsigned int flags)
{
    unsigned int typeFlags = flags & ~(VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE |
                                       VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE |
                                       VR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT |
                                       VR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT |
                                       VR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART |
                                       VR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART);
#define FILTER(yes, no, cond) \
    if ((flags & ((yes) | (no))) && \
        !(((flags & (yes)) && (cond)) || ((flags & (no)) && !(cond)))) \
        return false
    FILTER(VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE, VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE,
           obj->active);
    FILTER(VR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT, VR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT,
           obj->persistent);
    FILTER(VR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART, VR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART,
           obj->autostart);
#undef FILTER
    if (typeFlags && !(typeFlags & (VR_CONNECT_LIST_STORAGE_POOLS_DIR << obj->def->type)))
        return false;
    return true;
}

static int
vrStorageConnectListAllStoragePools(vrConnect *conn, vrStoragePool ***pools, unsigned int flags)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();

    if (!st)
        return -1;
    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->pools->len; i++) {
        vrStoragePoolObj *obj = g_ptr_array_index(st->pools, i);
        if (vrStoragePoolMatch(obj, flags))
            g_ptr_array_add(list, obj);
    }
    if (pools) {
        *pools = g_new0(vrStoragePool *, list->len + 1);
        for (guint i = 0; i < list->len; i++)
            (*pools)[i] = vrStoragePoolHandle(conn, g_ptr_array_index(list, i));
    }
    g_mutex_unlock(&st->lock);
    return (int)list->len;
}

static int
vrStorageConnectNumOfStoragePools(vrConnect *conn)
{
    return vrStorageConnectListAllStoragePools(conn, NULL, VR_CONNECT_LIST_STORAGE_POOLS_ACTIVE);
}

static int
vrStorageConnectNumOfDefinedStoragePools(vrConnect *conn)
{
    return vrStorageConnectListAllStoragePools(conn, NULL,
                                               VR_CONNECT_LIST_STORAGE_POOLS_INACTIVE);
}

static int
vrStoragePoolListNames(vrConnect *conn, char **names, int maxnames, bool active)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    int n = 0;

    if (!st)
        return -1;
    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->pools->len && n < maxnames; i++) {
        vrStoragePoolObj *obj = g_ptr_array_index(st->pools, i);
        if (obj->active == active)
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&st->lock);
    return n;
}

static int
vrStorageConnectListStoragePools(vrConnect *conn, char **names, int maxnames)
{
    return vrStoragePoolListNames(conn, names, maxnames, true);
}

static int
vrStorageConnectListDefinedStoragePools(vrConnect *conn, char **names, int maxnames)
{
    return vrStoragePoolListNames(conn, names, maxnames, false);
}

static char *
vrStorageConnectFindStoragePoolSources(vrConnect *conn, const char *type, const char *srcSpec,
                                       unsigned int flags)
{
    const vrStorageBackend *be;
    int t;

    vrCheckFlags(0, NULL);
    if (!vrStorageStateFromConn(conn))
        return NULL;
    if ((t = vrStoragePoolTypeFromString(type)) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (!(be = vrStorageBackendFor(t)))
        return NULL;
    if (!be->findSources) {
        vrReportError(VR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery",
                      type);
        return NULL;
    }
    return be->findSources(srcSpec, flags);
}

static vrStoragePool *
vrStoragePoolLookupByNameImpl(vrConnect *conn, const char *name)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    vrStoragePoolObj *obj;
    vrStoragePool *pool = NULL;

    if (!st)
        return NULL;
    g_mutex_lock(&st->lock);
    if ((obj = vrStoragePoolFindByName(st, name)))
        pool = vrStoragePoolHandle(conn, obj);
    g_mutex_unlock(&st->lock);
    if (!pool)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return pool;
}

static vrStoragePool *
vrStoragePoolLookupByUUIDImpl(vrConnect *conn, const unsigned char *uuid)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    vrStoragePoolObj *obj;
    vrStoragePool *pool = NULL;
    char uuidstr[VR_UUID_STRING_BUFLEN];

    if (!st)
        return NULL;
    g_mutex_lock(&st->lock);
    if ((obj = vrStoragePoolFindByUUID(st, uuid)))
        pool = vrStoragePoolHandle(conn, obj);
    g_mutex_unlock(&st->lock);
    if (!pool)
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                      vrUUIDFormat(uuid, uuidstr));
    return pool;
}

static vrStoragePool *
vrStoragePoolLookupByVolumeImpl(vrStorageVol *vol)
{
    return vrStoragePoolLookupByNameImpl(vol->conn, vol->pool);
}

static int
vrStoragePoolCheckClash(vrStorageState *st, const vrStoragePoolDef *def, bool live,
                        vrStoragePoolObj **existing)
{
    vrStoragePoolObj *obj = vrStoragePoolFindByUUID(st, def->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    *existing = NULL;
    if (obj) {
        if (!g_str_equal(obj->def->name, def->name)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "pool '%s' is already defined with uuid %s",
                          obj->def->name, vrUUIDFormat(obj->def->uuid, uuid));
            return -1;
        }
        if (live && obj->active) {
            vrReportError(VR_ERR_OPERATION_INVALID, "pool is already active as '%s'",
                          obj->def->name);
            return -1;
        }
        *existing = obj;
        return 0;
    }
    if ((obj = vrStoragePoolFindByName(st, def->name))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "pool '%s' already exists with uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        return -1;
    }
    for (guint i = 0; i < st->pools->len; i++) {
        obj = g_ptr_array_index(st->pools, i);
        if (vrStoragePoolSourceConflicts(obj->def, def)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "Storage source conflict with pool: '%s'",
                          obj->def->name);
            return -1;
        }
    }
    return 0;
}

static int
vrStoragePoolCheckName(const vrStoragePoolDef *def)
{
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    return 0;
}

static vrStoragePool *
vrStoragePoolDefineXMLImpl(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    g_autoptr(vrStoragePoolDef) def = NULL;
    g_autofree char *config = NULL;
    vrStoragePoolObj *obj;
    vrStoragePool *ret = NULL;

    vrCheckFlags(0, NULL);
    if (!st || !(def = vrStoragePoolDefParseString(xml)) || vrStoragePoolCheckName(def) < 0)
        return NULL;
    g_mutex_lock(&st->lock);
    if (vrStoragePoolCheckClash(st, def, false, &obj) < 0)
        goto out;
    config = vrStoragePoolConfigPath(st, def->name);
    if (vrStorageWriteDef(config, def) < 0)
        goto out;
    if (!obj) {
        obj = vrStoragePoolObjNew(st, g_steal_pointer(&def));
    } else if (obj->active) {
        vrStoragePoolDefFree(obj->newDef);
        obj->newDef = g_steal_pointer(&def);
    } else {
        vrStoragePoolDefFree(obj->def);
        obj->def = g_steal_pointer(&def);
    }
    obj->persistent = true;
    ret = vrStoragePoolHandle(conn, obj);
 out:
    g_mutex_unlock(&st->lock);
    return ret;
}

static vrStoragePool *
vrStoragePoolCreateXMLImpl(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    g_autoptr(vrStoragePoolDef) def = NULL;
    vrStoragePoolObj *obj;
    vrStoragePool *ret = NULL;

    vrCheckFlags(VR_STORAGE_POOL_CREATE_WITH_BUILD | VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                 VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, NULL);
    if (!st || !(def = vrStoragePoolDefParseString(xml)) || vrStoragePoolCheckName(def) < 0)
        return NULL;
    g_mutex_lock(&st->lock);
    if (vrStoragePoolCheckClash(st, def, true, &obj) < 0)
        goto out;
    if (obj) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is already defined: use "
                      "pool-start", def->name);
        goto out;
    }
    obj = vrStoragePoolObjNew(st, g_steal_pointer(&def));
    if (flags) {
        unsigned int bflags = 0;
        if (flags & VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
            bflags |= VR_STORAGE_POOL_BUILD_OVERWRITE;
        if (flags & VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)
            bflags |= VR_STORAGE_POOL_BUILD_NO_OVERWRITE;
        if (vrStoragePoolBuildBackend(obj, bflags) < 0) {
            g_ptr_array_remove(st->pools, obj);
            goto out;
        }
    }
    if (vrStoragePoolDoStart(st, obj) < 0) {
        g_ptr_array_remove(st->pools, obj);
        goto out;
    }
    ret = vrStoragePoolHandle(conn, obj);
 out:
    g_mutex_unlock(&st->lock);
    return ret;
}

static int
vrStoragePoolBuildImpl(vrStoragePool *pool, unsigned int flags)
{
    int ret;

    vrCheckFlags(VR_STORAGE_POOL_BUILD_OVERWRITE | VR_STORAGE_POOL_BUILD_NO_OVERWRITE, -1);
    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckInactive(obj) < 0)
        POOL_END(st, -1);
    ret = vrStoragePoolBuildBackend(obj, flags);
    POOL_END(st, ret);
}

static int
vrStoragePoolCreateImpl(vrStoragePool *pool, unsigned int flags)
{
    int ret;

    vrCheckFlags(VR_STORAGE_POOL_CREATE_WITH_BUILD | VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE |
                 VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE, -1);
    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckInactive(obj) < 0)
        POOL_END(st, -1);
    if (flags) {
        unsigned int bflags = 0;
        if (flags & VR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE)
            bflags |= VR_STORAGE_POOL_BUILD_OVERWRITE;
        if (flags & VR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE)
            bflags |= VR_STORAGE_POOL_BUILD_NO_OVERWRITE;
        if (vrStoragePoolBuildBackend(obj, bflags) < 0)
            POOL_END(st, -1);
    }
    ret = vrStoragePoolDoStart(st, obj);
    POOL_END(st, ret);
}

static int
vrStoragePoolDestroyImpl(vrStoragePool *pool)
{
    const vrStorageBackend *be;

    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckActive(obj) < 0 || !(be = vrStorageBackendFor(obj->def->type)))
        POOL_END(st, -1);
    /* a busy mount or session keeps the pool running, as in libvirt */
    if (be->stop && be->stop(obj) < 0)
        POOL_END(st, -1);
    obj->active = false;
    vrStoragePoolDoStop(st, obj);
    if (!obj->persistent)
        g_ptr_array_remove(st->pools, obj);
    POOL_END(st, 0);
}

static int
vrStoragePoolDeleteImpl(vrStoragePool *pool, unsigned int flags)
{
    const vrStorageBackend *be;
    int ret;

    vrCheckFlags(0, -1);
    POOL_BEGIN(pool, st, obj, -1);
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is still active",
                      obj->def->name);
        POOL_END(st, -1);
    }
    if (!(be = vrStorageBackendFor(obj->def->type)))
        POOL_END(st, -1);
    if (!be->deletePool) {
        vrReportError(VR_ERR_NO_SUPPORT, "storage pool '%s': pool type '%s' does not support "
                      "pool deletion", obj->def->name, vrStoragePoolTypeToString(obj->def->type));
        POOL_END(st, -1);
    }
    ret = be->deletePool(obj, flags);
    POOL_END(st, ret);
}

static int
vrStoragePoolUndefineImpl(vrStoragePool *pool)
{
    g_autofree char *config = NULL;
    g_autofree char *link = NULL;

    POOL_BEGIN(pool, st, obj, -1);
    if (obj->active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is still active",
                      obj->def->name);
        POOL_END(st, -1);
    }
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s' is not persistent",
                      obj->def->name);
        POOL_END(st, -1);
    }
    config = vrStoragePoolConfigPath(st, obj->def->name);
    link = vrStoragePoolAutostartPath(st, obj->def->name);
    if (vrFileRemoveIfExists(config) < 0 || vrFileRemoveIfExists(link) < 0) {
        vrReportSystemError(errno, "cannot remove config for storage pool '%s'", obj->def->name);
        POOL_END(st, -1);
    }
    g_ptr_array_remove(st->pools, obj);
    POOL_END(st, 0);
}

static int
vrStoragePoolRefreshImpl(vrStoragePool *pool, unsigned int flags)
{
    int ret;

    vrCheckFlags(0, -1);
    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckActive(obj) < 0)
        POOL_END(st, -1);
    if ((ret = vrStorageBackendFor(obj->def->type)->refresh(obj)) < 0) {
        vrStoragePoolDoStop(st, obj);
        if (!obj->persistent)
            g_ptr_array_remove(st->pools, obj);
    }
    POOL_END(st, ret);
}

static int
vrStoragePoolGetInfoImpl(vrStoragePool *pool, vrStoragePoolInfo *info)
{
    POOL_BEGIN(pool, st, obj, -1);
    memset(info, 0, sizeof(*info));
    if (obj->active) {
        vrStoragePoolUpdateSizes(obj);
        info->state = VR_STORAGE_POOL_RUNNING;
        info->capacity = obj->def->capacity;
        info->allocation = obj->def->allocation;
        info->available = obj->def->available;
    } else {
        info->state = VR_STORAGE_POOL_INACTIVE;
    }
    POOL_END(st, 0);
}

static char *
vrStoragePoolGetXMLDescImpl(vrStoragePool *pool, unsigned int flags)
{
    g_autoptr(vrStoragePoolDef) copy = NULL;
    char *xml;

    vrCheckFlags(VR_STORAGE_XML_INACTIVE, NULL);
    POOL_BEGIN(pool, st, obj, NULL);
    if ((flags & VR_STORAGE_XML_INACTIVE) && obj->newDef) {
        copy = vrStoragePoolDefCopy(obj->newDef);
    } else {
        if (obj->active)
            vrStoragePoolUpdateSizes(obj);
        copy = vrStoragePoolDefCopy(obj->def);
    }
    if (!obj->active || (flags & VR_STORAGE_XML_INACTIVE))
        copy->capacity = copy->allocation = copy->available = 0;
    xml = vrStoragePoolDefFormat(copy);
    POOL_END(st, xml);
}

static int
vrStoragePoolGetAutostartImpl(vrStoragePool *pool, int *autostart)
{
    POOL_BEGIN(pool, st, obj, -1);
    *autostart = obj->autostart ? 1 : 0;
    POOL_END(st, 0);
}

static int
vrStoragePoolSetAutostartImpl(vrStoragePool *pool, int autostart)
{
    g_autofree char *config = NULL;
    g_autofree char *link = NULL;

    POOL_BEGIN(pool, st, obj, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "cannot set autostart for transient pool");
        POOL_END(st, -1);
    }
    config = vrStoragePoolConfigPath(st, obj->def->name);
    link = vrStoragePoolAutostartPath(st, obj->def->name);
    if (autostart && !obj->autostart) {
        if (vrFileMakePath(st->autostartDir, 0755) < 0 || symlink(config, link) < 0) {
            vrReportSystemError(errno, "Failed to create symlink '%s' to '%s'", link, config);
            POOL_END(st, -1);
        }
    } else if (!autostart && obj->autostart) {
        if (vrFileRemoveIfExists(link) < 0) {
            vrReportSystemError(errno, "Failed to delete symlink '%s'", link);
            POOL_END(st, -1);
        }
    }
    obj->autostart = autostart != 0;
    POOL_END(st, 0);
}

static int
vrStoragePoolIsActiveImpl(vrStoragePool *pool)
{
    int ret;

    POOL_BEGIN(pool, st, obj, -1);
    ret = obj->active ? 1 : 0;
    POOL_END(st, ret);
}

static int
vrStoragePoolIsPersistentImpl(vrStoragePool *pool)
{
    int ret;

    POOL_BEGIN(pool, st, obj, -1);
    ret = obj->persistent ? 1 : 0;
    POOL_END(st, ret);
}

static gint
vrStorageVolCompare(gconstpointer a, gconstpointer b)
{
    const vrStorageVolDef *va = *(vrStorageVolDef *const *)a;
    const vrStorageVolDef *vb = *(vrStorageVolDef *const *)b;
    return strcmp(va->name, vb->name);
}

/* The pool's volumes sorted by name. */
static GPtrArray *
vrStoragePoolSortedVols(vrStoragePoolObj *obj)
{
    GPtrArray *list = g_ptr_array_new();
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init(&iter, obj->vols);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(list, value);
    g_ptr_array_sort(list, vrStorageVolCompare);
    return list;
}

static int
vrStoragePoolNumOfVolumesImpl(vrStoragePool *pool)
{
    int ret;

    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckActive(obj) < 0)
        POOL_END(st, -1);
    ret = (int)g_hash_table_size(obj->vols);
    POOL_END(st, ret);
}

static int
vrStoragePoolListVolumesImpl(vrStoragePool *pool, char **names, int maxnames)
{
    g_autoptr(GPtrArray) list = NULL;
    int n = 0;

    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckActive(obj) < 0)
        POOL_END(st, -1);
    list = vrStoragePoolSortedVols(obj);
    for (guint i = 0; i < list->len && n < maxnames; i++)
        names[n++] = g_strdup(((vrStorageVolDef *)g_ptr_array_index(list, i))->name);
    POOL_END(st, n);
}

static int
vrStoragePoolListAllVolumesImpl(vrStoragePool *pool, vrStorageVol ***vols, unsigned int flags)
{
    g_autoptr(GPtrArray) list = NULL;
    int n;

    vrCheckFlags(0, -1);
    POOL_BEGIN(pool, st, obj, -1);
    if (vrStoragePoolCheckActive(obj) < 0)
        POOL_END(st, -1);
    list = vrStoragePoolSortedVols(obj);
    n = (int)list->len;
    if (vols) {
        *vols = g_new0(vrStorageVol *, list->len + 1);
        for (guint i = 0; i < list->len; i++)
            (*vols)[i] = vrStorageVolHandle(pool->conn, obj, g_ptr_array_index(list, i));
    }
    POOL_END(st, n);
}

/* ---- volumes ------------------------------------------------------- */

static vrStorageVolDef *
vrStorageVolFromHandle(vrStorageState *st, vrStorageVol *handle, vrStoragePoolObj **poolOut)
{
    vrStoragePoolObj *obj = vrStoragePoolFindByName(st, handle->pool);
    vrStorageVolDef *def;

    if (!obj) {
        vrReportError(VR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'",
                      handle->pool);
        return NULL;
    }
    if (vrStoragePoolCheckActive(obj) < 0)
        return NULL;
    if (!(def = g_hash_table_lookup(obj->vols, handle->name))) {
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                      handle->name);
        return NULL;
    }
    *poolOut = obj;
    return def;
}

#define VOL_BEGIN(handle, st, obj, def, ret) \
    vrStorageState *st = vrStorageStateFromConn((handle)->conn); \
    vrStoragePoolObj *obj = NULL; \
    vrStorageVolDef *def; \
    if (!st) \
        return ret; \
    g_mutex_lock(&st->lock); \
    if (!(def = vrStorageVolFromHandle(st, (handle), &obj))) { \
        g_mutex_unlock(&st->lock); \
        return ret; \
    }

/* Re-reads a volume from its file (after writes, for fresh sizes). */
static vrStorageVolDef *
vrStorageVolReprobe(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    vrStorageVolDef *fresh;

    /* other backends' volumes are as their last refresh found them */
    if (!vrStoragePoolFileVols(obj))
        return def;
    fresh = vrStorageVolProbe(obj->def->targetPath, def->name, true);

    if (!fresh) {
        if (!vrFileExists(def->targetPath))
            g_hash_table_remove(obj->vols, def->name);
        return NULL;
    }
    g_hash_table_replace(obj->vols, fresh->name, fresh);
    return fresh;
}

static vrStorageVol *
vrStorageVolLookupByNameImpl(vrStoragePool *pool, const char *name)
{
    vrStorageVolDef *def;
    vrStorageVol *ret;

    POOL_BEGIN(pool, st, obj, NULL);
    if (vrStoragePoolCheckActive(obj) < 0)
        POOL_END(st, NULL);
    if (!(def = g_hash_table_lookup(obj->vols, name))) {
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
        POOL_END(st, NULL);
    }
    ret = vrStorageVolHandle(pool->conn, obj, def);
    POOL_END(st, ret);
}

static vrStorageVol *
vrStorageVolLookupBy(vrConnect *conn, const char *what, bool byKey)
{
    vrStorageState *st = vrStorageStateFromConn(conn);
    g_autofree char *canon = g_canonicalize_filename(what, "/");
    g_autofree char *real = realpath(what, NULL);
    vrStorageVol *ret = NULL;

    if (!st)
        return NULL;
    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->pools->len && !ret; i++) {
        vrStoragePoolObj *obj = g_ptr_array_index(st->pools, i);
        GHashTableIter iter;
        gpointer value;

        if (!obj->active)
            continue;
        g_hash_table_iter_init(&iter, obj->vols);
        while (g_hash_table_iter_next(&iter, NULL, &value)) {
            vrStorageVolDef *def = value;
            const char *v = byKey ? def->key : def->targetPath;
            if (g_str_equal(v, what) || (!byKey && g_str_equal(v, canon)) ||
                (!byKey && real && g_str_equal(v, real))) {
                ret = vrStorageVolHandle(conn, obj, def);
                break;
            }
        }
    }
    g_mutex_unlock(&st->lock);
    if (!ret)
        vrReportError(VR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                      byKey ? "key" : "path", what);
    return ret;
}

static vrStorageVol *
vrStorageVolLookupByKeyImpl(vrConnect *conn, const char *key)
{
    return vrStorageVolLookupBy(conn, key, true);
}

static vrStorageVol *
vrStorageVolLookupByPathImpl(vrConnect *conn, const char *path)
{
    return vrStorageVolLookupBy(conn, path, false);
}

/* Checks a new volume's definition against its pool. */
static int
vrStorageVolCheckNew(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    g_autofree char *path = NULL;

    if (strchr(def->name, '/') || g_str_equal(def->name, ".") || g_str_equal(def->name, "..")) {
        vrReportError(VR_ERR_INVALID_ARG, "volume name '%s' cannot contain '/' or be '.' or '..'",
                      def->name);
        return -1;
    }
    path = g_build_filename(obj->def->targetPath, def->name, NULL);
    if (g_hash_table_contains(obj->vols, def->name) || vrFileExists(path)) {
        vrReportError(VR_ERR_STORAGE_VOL_EXIST, "'%s'", def->name);
        return -1;
    }
    /* like libvirt, a given <target><path> is ignored: the pool places its volumes */
    vrStoragePoolUpdateSizes(obj);
    if (def->allocation > obj->def->available) {
        vrReportError(VR_ERR_OPERATION_FAILED, "not enough space in storage pool '%s' for volume "
                      "'%s': %llu bytes requested, %llu available", obj->def->name, def->name,
                      def->allocation, obj->def->available);
        return -1;
    }
    g_free(def->targetPath);
    def->targetPath = g_steal_pointer(&path);
    return 0;
}

static int
vrStorageVolFallocate(const char *path, unsigned long long len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    int rc;

    if (fd < 0) {
        vrReportSystemError(errno, "cannot open volume '%s'", path);
        return -1;
    }
    rc = posix_fallocate(fd, 0, (off_t)len);
    vrFileClose(&fd);
    if (rc != 0) {
        vrReportSystemError(rc, "cannot allocate %llu bytes for volume '%s'", len, path);
        return -1;
    }
    return 0;
}

static void
vrStorageApplyPerms(const vrStorageVolDef *def)
{
    mode_t mode = def->perms.mode != -1 ? (mode_t)def->perms.mode : VOL_FILE_MODE;

    if (chmod(def->targetPath, mode) < 0)
        VR_WARN("cannot set mode of '%s': %s", def->targetPath, g_strerror(errno));
    if ((def->perms.uid != -1 || def->perms.gid != -1) &&
        chown(def->targetPath, (uid_t)def->perms.uid, (gid_t)def->perms.gid) < 0)
        VR_WARN("cannot set owner of '%s': %s", def->targetPath, g_strerror(errno));
}

/* -o options of qemu-img create/convert for @def. */
static char *
vrStorageQemuImgOptions(vrStorageVolDef *def, const char *backingPath, int backingFormat,
                        bool preallocMeta)
{
    GPtrArray *opts = g_ptr_array_new_with_free_func(g_free);
    char *ret;

    if (backingPath) {
        g_autofree char *esc = vrStorageQemuOptEscape(backingPath);
        g_ptr_array_add(opts, g_strdup_printf("backing_file=%s", esc));
        g_ptr_array_add(opts, g_strdup_printf("backing_fmt=%s",
                                              vrStorageFileFormatTypeToString(backingFormat)));
    }
    if (def->format == VR_STORAGE_FILE_QCOW2) {
        if (def->compat)
            g_ptr_array_add(opts, g_strdup_printf("compat=%s", def->compat));
        else
            g_ptr_array_add(opts, g_strdup("compat=1.1"));
        if (def->features[VR_STORAGE_VOL_FEATURE_LAZY_REFCOUNTS])
            g_ptr_array_add(opts, g_strdup("lazy_refcounts=on"));
        if (def->features[VR_STORAGE_VOL_FEATURE_EXTENDED_L2])
            g_ptr_array_add(opts, g_strdup("extended_l2=on"));
        if (def->clusterSize)
            g_ptr_array_add(opts, g_strdup_printf("cluster_size=%llu", def->clusterSize));
    }
    if (preallocMeta)
        g_ptr_array_add(opts, g_strdup("preallocation=metadata"));
    g_ptr_array_add(opts, NULL);
    ret = opts->len > 1 ? g_strjoinv(",", (char **)opts->pdata) : NULL;
    g_ptr_array_unref(opts);
    return ret;
}

static int
vrStorageVolBuild(vrStoragePoolObj *obj, vrStorageVolDef *def, unsigned int flags)
{
    g_autoptr(vrCommand) cmd = NULL;
    g_autofree char *opts = NULL;
    const char *backingPath = NULL;
    int backingFormat = VR_STORAGE_FILE_RAW;
    bool prealloc = flags & VR_STORAGE_VOL_CREATE_PREALLOC_METADATA;

    if (def->format == VR_STORAGE_FILE_DIR) {
        if (mkdir(def->targetPath, def->perms.mode != -1 ? (mode_t)def->perms.mode : 0755) < 0) {
            vrReportSystemError(errno, "cannot create directory volume '%s'", def->targetPath);
            return -1;
        }
        return 0;
    }
    if (def->format != VR_STORAGE_FILE_RAW && def->format != VR_STORAGE_FILE_ISO &&
        !vrStorageFormatIsImage(def->format)) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot create volume '%s': format '%s' is not "
                      "supported for creation in storage pool '%s'", def->name,
                      vrStorageFileFormatTypeToString(def->format), obj->def->name);
        return -1;
    }
    if (def->backing) {
        g_autoptr(json_object) info = NULL;
        if (!vrStorageFormatIsImage(def->format)) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': format '%s' cannot have a "
                          "backing store", def->name,
                          vrStorageFileFormatTypeToString(def->format));
            return -1;
        }
        if (prealloc) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': metadata preallocation "
                          "conflicts with backing store '%s'", def->name, def->backing->path);
            return -1;
        }
        if (!vrFileExists(def->backing->path)) {
            vrReportSystemError(ENOENT, "volume '%s': backing store '%s' is not accessible",
                                def->name, def->backing->path);
            return -1;
        }
        backingPath = def->backing->path;
        backingFormat = def->backing->format;
        if (backingFormat <= VR_STORAGE_FILE_NONE) {
            if (!(info = vrStorageQemuImgInfo(backingPath)))
                return -1;
            backingFormat = vrStorageFileFormatFromQemu(vrStorageJSONStr(info, "format"));
        }
    }
    if (prealloc && def->format != VR_STORAGE_FILE_QCOW2) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': metadata preallocation is only "
                      "supported with qcow2 volumes, not '%s'", def->name,
                      vrStorageFileFormatTypeToString(def->format));
        return -1;
    }
    cmd = vrCommandNewArgList(QEMU_IMG, "create", "-f",
                              vrStorageFormatIsImage(def->format)
                              ? vrStorageFileFormatTypeToString(def->format) : "raw", NULL);
    if ((opts = vrStorageQemuImgOptions(def, backingPath, backingFormat, prealloc)))
        vrCommandAddArgList(cmd, "-o", opts, NULL);
    vrCommandAddArg(cmd, def->targetPath);
    if (def->capacity || !backingPath)
        vrCommandAddArgFormat(cmd, "%llu", def->capacity);
    if (vrCommandRun(cmd, NULL) < 0)
        return -1;
    if (!vrStorageFormatIsImage(def->format) && def->allocation &&
        vrStorageVolFallocate(def->targetPath, MIN(def->allocation, def->capacity)) < 0) {
        unlink(def->targetPath);
        return -1;
    }
    vrStorageApplyPerms(def);
    return 0;
}

static vrStorageVol *
vrStorageVolAddBuilt(vrConnect *conn, vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    vrStorageVolDef *fresh = vrStorageVolProbe(obj->def->targetPath, def->name, true);

    if (!fresh)
        return NULL;
    g_hash_table_replace(obj->vols, fresh->name, fresh);
    vrStoragePoolUpdateSizes(obj);
    return vrStorageVolHandle(conn, obj, fresh);
}

/* A volume of a pool whose backend makes them (disk partitions, LUNs). */
static vrStorageVol *
vrStorageVolCreateBackend(vrConnect *conn, vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    const vrStorageBackend *be = vrStorageBackendFor(obj->def->type);

    if (g_hash_table_contains(obj->vols, def->name)) {
        vrReportError(VR_ERR_STORAGE_VOL_EXIST, "'%s'", def->name);
        vrStorageVolDefFree(def);
        return NULL;
    }
    if (!be->volCreate) {
        vrReportError(VR_ERR_NO_SUPPORT, "storage pool '%s' of type '%s' does not support "
                      "volume creation", obj->def->name,
                      vrStoragePoolTypeToString(obj->def->type));
        vrStorageVolDefFree(def);
        return NULL;
    }
    /* partitions and logical volumes are made without qemu-img, so an
     * encryption request would be dropped silently: refuse it */
    if (def->encryption) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "storage pool '%s' of type '%s' cannot "
                      "create encrypted volume '%s'", obj->def->name,
                      vrStoragePoolTypeToString(obj->def->type), def->name);
        vrStorageVolDefFree(def);
        return NULL;
    }
    if (be->volCreate(obj, def) < 0) {
        vrStorageVolDefFree(def);
        return NULL;
    }
    g_hash_table_replace(obj->vols, def->name, def);
    return vrStorageVolHandle(conn, obj, def);
}

/* Fails (reported) unless the pool's backend can delete its volumes. */
static int
vrStorageVolCheckDeletable(vrStoragePoolObj *obj)
{
    const vrStorageBackend *be = vrStorageBackendFor(obj->def->type);

    if (vrStoragePoolFileVols(obj) || (be && be->volDelete))
        return 0;
    vrReportError(VR_ERR_NO_SUPPORT, "storage pool '%s' of type '%s' does not support "
                  "volume deletion", obj->def->name, vrStoragePoolTypeToString(obj->def->type));
    return -1;
}

static int
vrStorageVolDeleteBackend(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    const vrStorageBackend *be = vrStorageBackendFor(obj->def->type);

    if (vrStorageVolCheckDeletable(obj) < 0)
        return -1;
    if (be->volDelete(obj, def) < 0)
        return -1;
    g_hash_table_remove(obj->vols, def->name);
    return 0;
}

static vrStorageVol *
vrStorageVolCreateXMLImpl(vrStoragePool *pool, const char *xml, unsigned int flags)
{
    g_autoptr(vrStorageVolDef) def = NULL;
    vrStorageVol *ret;

    vrCheckFlags(VR_STORAGE_VOL_CREATE_PREALLOC_METADATA | VR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    POOL_BEGIN(pool, st, obj, NULL);
    if (vrStoragePoolCheckActive(obj) < 0 ||
        !(def = vrStorageVolDefParseString(obj->def, xml, 0)))
        POOL_END(st, NULL);
    if (!vrStoragePoolFileVols(obj)) {
        ret = vrStorageVolCreateBackend(pool->conn, obj, g_steal_pointer(&def));
        POOL_END(st, ret);
    }
    if (vrStorageVolCheckNew(obj, def) < 0 ||
        (def->encryption ? vrStorageEncryptionBuildVol(pool->conn, obj->def->name, def)
                         : vrStorageVolBuild(obj, def, flags)) < 0)
        POOL_END(st, NULL);
    ret = vrStorageVolAddBuilt(pool->conn, obj, def);
    POOL_END(st, ret);
}

static vrStorageVol *
vrStorageVolCreateXMLFromImpl(vrStoragePool *pool, const char *xml, vrStorageVol *clonevol,
                              unsigned int flags)
{
    g_autoptr(vrStorageVolDef) def = NULL;
    g_autoptr(vrCommand) cmd = NULL;
    g_autofree char *opts = NULL;
    g_autofree char *srcPath = NULL;
    vrStoragePoolObj *srcPool = NULL;
    vrStorageVolDef *src;
    unsigned long long srcCapacity;
    int srcFormat;
    bool prealloc = flags & VR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    vrStorageVol *ret;

    vrCheckFlags(VR_STORAGE_VOL_CREATE_PREALLOC_METADATA | VR_STORAGE_VOL_CREATE_REFLINK |
                 VR_STORAGE_VOL_CREATE_VALIDATE, NULL);
    POOL_BEGIN(pool, st, obj, NULL);
    if (vrStoragePoolCheckActive(obj) < 0 ||
        !(def = vrStorageVolDefParseString(obj->def, xml, VR_STORAGE_VOL_PARSE_NO_CAPACITY)))
        POOL_END(st, NULL);
    if (!(src = vrStorageVolFromHandle(st, clonevol, &srcPool)) ||
        !(src = vrStorageVolReprobe(srcPool, src)))
        POOL_END(st, NULL);
    srcPath = g_strdup(src->targetPath);
    srcCapacity = src->capacity;
    srcFormat = src->format;
    if (src->type != VR_STORAGE_VOL_FILE) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot clone volume '%s': it is not a file",
                      src->name);
        POOL_END(st, NULL);
    }
    if (!def->hasCapacity || def->capacity < srcCapacity)
        def->capacity = srcCapacity;
    if (def->backing) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot create volume '%s' from '%s' with a backing "
                      "store", def->name, clonevol->name);
        POOL_END(st, NULL);
    }
    if (vrStorageVolCheckNew(obj, def) < 0)
        POOL_END(st, NULL);
    if (def->format != VR_STORAGE_FILE_RAW && !vrStorageFormatIsImage(def->format)) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot create volume '%s': format '%s' is not "
                      "supported for conversion", def->name,
                      vrStorageFileFormatTypeToString(def->format));
        POOL_END(st, NULL);
    }
    if (prealloc && def->format != VR_STORAGE_FILE_QCOW2) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': metadata preallocation is only "
                      "supported with qcow2 volumes, not '%s'", def->name,
                      vrStorageFileFormatTypeToString(def->format));
        POOL_END(st, NULL);
    }
    cmd = vrCommandNewArgList(QEMU_IMG, "convert", "-U", "-f",
                              vrStorageFormatIsImage(srcFormat)
                              ? vrStorageFileFormatTypeToString(srcFormat) : "raw",
                              "-O", vrStorageFileFormatTypeToString(def->format), NULL);
    if ((opts = vrStorageQemuImgOptions(def, NULL, 0, prealloc)))
        vrCommandAddArgList(cmd, "-o", opts, NULL);
    vrCommandAddArgList(cmd, srcPath, def->targetPath, NULL);
    if (vrCommandRun(cmd, NULL) < 0) {
        unlink(def->targetPath);
        POOL_END(st, NULL);
    }
    if (def->capacity > srcCapacity) {
        g_autoptr(vrCommand) resize = vrCommandNewArgList(QEMU_IMG, "resize", "-f",
            vrStorageFileFormatTypeToString(def->format), def->targetPath, NULL);
        vrCommandAddArgFormat(resize, "%llu", def->capacity);
        if (vrCommandRun(resize, NULL) < 0) {
            unlink(def->targetPath);
            POOL_END(st, NULL);
        }
    }
    vrStorageApplyPerms(def);
    ret = vrStorageVolAddBuilt(pool->conn, obj, def);
    POOL_END(st, ret);
}

static int
vrStorageVolDeleteImpl(vrStorageVol *handle, unsigned int flags)
{
    vrCheckFlags(VR_STORAGE_VOL_DELETE_ZEROED, -1);
    VOL_BEGIN(handle, st, obj, def, -1);
    /* checked before --zeroed: a LUN must not be wiped and then kept */
    if (vrStorageVolCheckUnused(handle->conn, obj->def->name, def, obj->vols, "delete") < 0 ||
        vrStorageVolCheckDeletable(obj) < 0)
        POOL_END(st, -1);
    /* --zeroed: the data does not outlive the file in free blocks */
    if ((flags & VR_STORAGE_VOL_DELETE_ZEROED) && vrStorageWipeBeforeDelete(def) < 0)
        POOL_END(st, -1);
    if (!vrStoragePoolFileVols(obj)) {
        int rc = vrStorageVolDeleteBackend(obj, def);
        POOL_END(st, rc);
    }
    if ((def->type == VR_STORAGE_VOL_DIR ? rmdir(def->targetPath) : unlink(def->targetPath)) < 0 &&
        errno != ENOENT) {
        vrReportSystemError(errno, "cannot delete volume '%s' at '%s'", def->name,
                            def->targetPath);
        POOL_END(st, -1);
    }
    g_hash_table_remove(obj->vols, def->name);
    vrStoragePoolUpdateSizes(obj);
    POOL_END(st, 0);
}

/* Zeroes a raw file: its blocks are punched or overwritten, its size kept. */
static int
vrStorageWipeZeroFile(const char *path, unsigned long long size)
{
    g_autofree char *zeros = g_malloc0(1 << 20);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    unsigned long long done = 0;

    if (fd < 0) {
        vrReportSystemError(errno, "cannot open volume '%s' for wiping", path);
        return -1;
    }
    while (done < size) {
        size_t n = (size_t)MIN(size - done, (unsigned long long)(1 << 20));
        if (vrFileWriteFull(fd, zeros, n) < 0) {
            vrReportSystemError(errno, "cannot write zeroes to volume '%s' at offset %llu",
                                path, done);
            vrFileClose(&fd);
            return -1;
        }
        done += n;
    }
    if (fdatasync(fd) < 0) {
        vrReportSystemError(errno, "cannot sync volume '%s'", path);
        vrFileClose(&fd);
        return -1;
    }
    vrFileClose(&fd);
    return 0;
}

static int
vrStorageVolWipePatternImpl(vrStorageVol *handle, unsigned int algorithm, unsigned int flags)
{
    int ret = -1;

    vrCheckFlags(0, -1);
    if (algorithm >= VR_STORAGE_VOL_WIPE_ALG_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "wiping algorithm %u not supported", algorithm);
        return -1;
    }
    VOL_BEGIN(handle, st, obj, def, -1);
    if (vrStorageVolCheckUnused(handle->conn, obj->def->name, def, obj->vols, "wipe") < 0 ||
        vrStorageWipeCheckAlgorithm(def->name, algorithm) < 0)
        POOL_END(st, -1);
    if (def->type != VR_STORAGE_VOL_FILE) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot wipe volume '%s': it is not a file", def->name);
        POOL_END(st, -1);
    }
    /* patterns overwrite the file (scrub); an image is then made anew, below */
    if (algorithm != VR_STORAGE_VOL_WIPE_ALG_ZERO &&
        vrStorageWipePatternFile(def->name, def->targetPath, algorithm) < 0)
        POOL_END(st, -1);
    if (vrStorageFormatIsImage(def->format)) {
        /* an image reads as zeroes when made anew with the same size and backing */
        g_autoptr(vrStorageVolDef) copy = g_new0(vrStorageVolDef, 1);
        g_autofree char *tmp = g_strdup_printf("%s.vireo-wipe", def->targetPath);
        copy->name = g_strdup(def->name);
        copy->targetPath = g_strdup(tmp);
        copy->format = def->format;
        copy->capacity = def->capacity;
        copy->compat = g_strdup(def->compat);
        memcpy(copy->features, def->features, sizeof(copy->features));
        copy->perms = def->perms;
        copy->perms.label = NULL;
        if (def->backing) {
            copy->backing = g_new0(vrStorageVolBacking, 1);
            copy->backing->path = g_strdup(def->backing->path);
            copy->backing->format = def->backing->format;
        }
        if (vrStorageVolBuild(obj, copy, 0) < 0) {
            unlink(tmp);
            POOL_END(st, -1);
        }
        if (rename(tmp, def->targetPath) < 0) {
            vrReportSystemError(errno, "cannot replace volume '%s' with its wiped copy",
                                def->targetPath);
            unlink(tmp);
            POOL_END(st, -1);
        }
        ret = 0;
    } else if (algorithm != VR_STORAGE_VOL_WIPE_ALG_ZERO) {
        ret = 0;                  /* a raw file keeps the pattern's last pass */
    } else {
        struct stat sb;
        if (stat(def->targetPath, &sb) < 0) {
            vrReportSystemError(errno, "cannot stat volume '%s'", def->targetPath);
            POOL_END(st, -1);
        }
        ret = vrStorageWipeZeroFile(def->targetPath, (unsigned long long)sb.st_size);
    }
    if (ret == 0 && !vrStorageVolReprobe(obj, def))
        vrResetLastError();
    POOL_END(st, ret);
}

static int
vrStorageVolWipeImpl(vrStorageVol *vol, unsigned int flags)
{
    return vrStorageVolWipePatternImpl(vol, VR_STORAGE_VOL_WIPE_ALG_ZERO, flags);
}

static int
vrStorageVolResizeImpl(vrStorageVol *handle, unsigned long long capacity, unsigned int flags)
{
    g_autoptr(vrCommand) cmd = NULL;
    unsigned long long newCap;

    vrCheckFlags(VR_STORAGE_VOL_RESIZE_ALLOCATE | VR_STORAGE_VOL_RESIZE_DELTA |
                 VR_STORAGE_VOL_RESIZE_SHRINK, -1);
    VOL_BEGIN(handle, st, obj, def, -1);
    if (!(def = vrStorageVolReprobe(obj, def)))
        POOL_END(st, -1);
    /* a guest's disk may shrink only under its own control (blockresize) */
    if ((flags & VR_STORAGE_VOL_RESIZE_SHRINK) &&
        vrStorageVolCheckUnused(handle->conn, obj->def->name, def, obj->vols, "shrink") < 0)
        POOL_END(st, -1);
    if (flags & VR_STORAGE_VOL_RESIZE_DELTA) {
        if (flags & VR_STORAGE_VOL_RESIZE_SHRINK) {
            if (capacity > def->capacity) {
                vrReportError(VR_ERR_INVALID_ARG, "Failed to shrink volume '%s' by %llu bytes: "
                              "it has only %llu", def->name, capacity, def->capacity);
                POOL_END(st, -1);
            }
            newCap = def->capacity - capacity;
        } else {
            newCap = def->capacity + capacity;
        }
    } else {
        newCap = capacity;
    }
    if (newCap < def->capacity && !(flags & VR_STORAGE_VOL_RESIZE_SHRINK)) {
        vrReportError(VR_ERR_INVALID_ARG, "Can't shrink capacity below current capacity unless "
                      "shrink flag explicitly specified (volume '%s', %llu < %llu bytes)",
                      def->name, newCap, def->capacity);
        POOL_END(st, -1);
    }
    if (newCap == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot resize volume '%s' to zero bytes", def->name);
        POOL_END(st, -1);
    }
    if ((flags & VR_STORAGE_VOL_RESIZE_ALLOCATE) && newCap > def->capacity) {
        vrStoragePoolUpdateSizes(obj);
        if (newCap - def->capacity > obj->def->available) {
            vrReportError(VR_ERR_OPERATION_FAILED, "Not enough space left in storage pool '%s' "
                          "to grow volume '%s' by %llu bytes", obj->def->name, def->name,
                          newCap - def->capacity);
            POOL_END(st, -1);
        }
    }
    if (def->type != VR_STORAGE_VOL_FILE ||
        (def->format != VR_STORAGE_FILE_RAW && !vrStorageFormatIsImage(def->format))) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot resize volume '%s' of format '%s'", def->name,
                      vrStorageFileFormatTypeToString(def->format));
        POOL_END(st, -1);
    }
    cmd = vrCommandNewArgList(QEMU_IMG, "resize", "-f",
                              vrStorageFormatIsImage(def->format)
                              ? vrStorageFileFormatTypeToString(def->format) : "raw", NULL);
    if (flags & VR_STORAGE_VOL_RESIZE_SHRINK)
        vrCommandAddArg(cmd, "--shrink");
    if ((flags & VR_STORAGE_VOL_RESIZE_ALLOCATE) && newCap > def->capacity)
        vrCommandAddArg(cmd, def->format == VR_STORAGE_FILE_RAW ? "--preallocation=falloc"
                                                                : "--preallocation=metadata");
    vrCommandAddArg(cmd, def->targetPath);
    vrCommandAddArgFormat(cmd, "%llu", newCap);
    if (vrCommandRun(cmd, NULL) < 0)
        POOL_END(st, -1);
    vrStorageVolReprobe(obj, def);
    vrStoragePoolUpdateSizes(obj);
    POOL_END(st, 0);
}

static int
vrStorageVolGetInfoImpl(vrStorageVol *handle, vrStorageVolInfo *info)
{
    VOL_BEGIN(handle, st, obj, def, -1);
    if (!(def = vrStorageVolReprobe(obj, def)))
        POOL_END(st, -1);
    memset(info, 0, sizeof(*info));
    info->type = def->type;
    info->capacity = def->capacity;
    info->allocation = def->allocation;
    POOL_END(st, 0);
}

static char *
vrStorageVolGetXMLDescImpl(vrStorageVol *handle, unsigned int flags)
{
    char *xml;

    vrCheckFlags(0, NULL);
    VOL_BEGIN(handle, st, obj, def, NULL);
    if (!(def = vrStorageVolReprobe(obj, def)))
        POOL_END(st, NULL);
    xml = vrStorageVolDefFormat(obj->def, def);
    POOL_END(st, xml);
}

static char *
vrStorageVolGetPathImpl(vrStorageVol *handle)
{
    char *path;

    VOL_BEGIN(handle, st, obj, def, NULL);
    (void)obj;
    path = g_strdup(def->targetPath);
    POOL_END(st, path);
}

static int
vrStorageVolStream(vrStorageVol *handle, vrStream *stream, unsigned long long offset,
                   unsigned long long length, bool upload, bool sparse)
{
    int ret;

    VOL_BEGIN(handle, st, obj, def, -1);
    (void)obj;
    if (def->type != VR_STORAGE_VOL_FILE) {
        vrReportError(VR_ERR_NO_SUPPORT, "cannot %s volume '%s': it is not a file",
                      upload ? "upload to" : "download", def->name);
        POOL_END(st, -1);
    }
    /* one transport for both: holes are only sent or made when the
     * client asked for --sparse; an aborted upload is logged with its range */
    (void)sparse;
    ret = vrStorageStreamOpen(stream, def->targetPath, offset, length, upload);
    POOL_END(st, ret);
}

static int
vrStorageVolUploadImpl(vrStorageVol *vol, vrStream *stream, unsigned long long offset,
                       unsigned long long length, unsigned int flags)
{
    vrCheckFlags(VR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, -1);
    return vrStorageVolStream(vol, stream, offset, length, true,
                              flags & VR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
}

static int
vrStorageVolDownloadImpl(vrStorageVol *vol, vrStream *stream, unsigned long long offset,
                         unsigned long long length, unsigned int flags)
{
    vrCheckFlags(VR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, -1);
    return vrStorageVolStream(vol, stream, offset, length, false,
                              flags & VR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM);
}

const vrStorageDriver vrStorageQemuDriver = {
    .connectListAllStoragePools = vrStorageConnectListAllStoragePools,
    .connectNumOfStoragePools = vrStorageConnectNumOfStoragePools,
    .connectListStoragePools = vrStorageConnectListStoragePools,
    .connectNumOfDefinedStoragePools = vrStorageConnectNumOfDefinedStoragePools,
    .connectListDefinedStoragePools = vrStorageConnectListDefinedStoragePools,
    .connectFindStoragePoolSources = vrStorageConnectFindStoragePoolSources,
    .storagePoolLookupByName = vrStoragePoolLookupByNameImpl,
    .storagePoolLookupByUUID = vrStoragePoolLookupByUUIDImpl,
    .storagePoolLookupByVolume = vrStoragePoolLookupByVolumeImpl,
    .storagePoolDefineXML = vrStoragePoolDefineXMLImpl,
    .storagePoolCreateXML = vrStoragePoolCreateXMLImpl,
    .storagePoolBuild = vrStoragePoolBuildImpl,
    .storagePoolCreate = vrStoragePoolCreateImpl,
    .storagePoolDestroy = vrStoragePoolDestroyImpl,
    .storagePoolDelete = vrStoragePoolDeleteImpl,
    .storagePoolUndefine = vrStoragePoolUndefineImpl,
    .storagePoolRefresh = vrStoragePoolRefreshImpl,
    .storagePoolGetInfo = vrStoragePoolGetInfoImpl,
    .storagePoolGetXMLDesc = vrStoragePoolGetXMLDescImpl,
    .storagePoolGetAutostart = vrStoragePoolGetAutostartImpl,
    .storagePoolSetAutostart = vrStoragePoolSetAutostartImpl,
    .storagePoolIsActive = vrStoragePoolIsActiveImpl,
    .storagePoolIsPersistent = vrStoragePoolIsPersistentImpl,
    .storagePoolNumOfVolumes = vrStoragePoolNumOfVolumesImpl,
    .storagePoolListVolumes = vrStoragePoolListVolumesImpl,
    .storagePoolListAllVolumes = vrStoragePoolListAllVolumesImpl,
    .storageVolLookupByName = vrStorageVolLookupByNameImpl,
    .storageVolLookupByKey = vrStorageVolLookupByKeyImpl,
    .storageVolLookupByPath = vrStorageVolLookupByPathImpl,
    .storageVolCreateXML = vrStorageVolCreateXMLImpl,
    .storageVolCreateXMLFrom = vrStorageVolCreateXMLFromImpl,
    .storageVolDelete = vrStorageVolDeleteImpl,
    .storageVolWipe = vrStorageVolWipeImpl,
    .storageVolWipePattern = vrStorageVolWipePatternImpl,
    .storageVolResize = vrStorageVolResizeImpl,
    .storageVolGetInfo = vrStorageVolGetInfoImpl,
    .storageVolGetXMLDesc = vrStorageVolGetXMLDescImpl,
    .storageVolGetPath = vrStorageVolGetPathImpl,
    .storageVolUpload = vrStorageVolUploadImpl,
    .storageVolDownload = vrStorageVolDownloadImpl,
};
