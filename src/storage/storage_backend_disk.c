/*
 * storage_backend_disk.c: 'disk' pools (a whole disk with a partition
 * table; volumes are its partitions), through parted.  New partitions
 * are placed and typed as libvirt does (diskPlace, diskPartType), so the
 * same requests give the same partition tables.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_backend.h"
#include "storage_backend_cmd.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.backend.disk"

#define DISK_FORMAT_DOS 1     /* <source><format type='dos'/> */
#define DISK_SECTOR 512ULL

#define DISK_VOL_FORMAT_EXTENDED 7   /* <format type='extended'/> of a volume */

typedef struct {
    unsigned long long start, end;   /* inclusive byte offsets */
    bool logical;                    /* inside the extended partition */
} diskExtent;

/* What volume creation needs to know of the partition table. */
typedef struct {
    GArray *extents;                 /* free diskExtent */
    bool dos;                        /* an msdos label */
    bool haveExtended;
    unsigned long long extStart, extEnd;
    unsigned int primaries;          /* numbers 1-4 in use */
    unsigned int lastLogical;        /* highest logical number, 4 when none */
} diskLayout;

static void
diskLayoutClear(diskLayout *l)
{
    if (l->extents)
        g_array_unref(l->extents);
    memset(l, 0, sizeof(*l));
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(diskLayout, diskLayoutClear)

/* loop0 + 1 -> loop0p1, sda + 1 -> sda1 (as the kernel names them). */
static char *
diskPartName(const char *dev, unsigned int n)
{
    g_autofree char *base = g_path_get_basename(dev);
    size_t len = strlen(base);
    bool digit = len && g_ascii_isdigit(base[len - 1]);

    return g_strdup_printf("%s%s%u", base, digit ? "p" : "", n);
}

static int
diskBuild(vrStoragePoolObj *obj, unsigned int flags)
{
    g_autoptr(GPtrArray) cmds = NULL;
    g_autofree char *found = NULL;
    const char *dev;

    if (vrStoragePoolCheckSourceDevice(obj, "build") < 0)
        return -1;
    dev = vrStoragePoolDevicePath(obj);
    if (vrStoragePoolCheckDeviceFree(obj, dev) < 0)
        return -1;
    /* like libvirt, only --overwrite replaces what is on the disk */
    if (!(flags & VR_STORAGE_POOL_BUILD_OVERWRITE) && (found = vrStorageProbeDeviceType(dev))) {
        vrReportError(VR_ERR_STORAGE_POOL_BUILT, "Device '%s' already formatted using '%s'",
                      dev, found);
        return -1;
    }
    cmds = vrStoragePoolCommands(obj->def, VR_STORAGE_CMD_BUILD, NULL);
    return vrStorageRunCommands(cmds);
}

static void
diskAddVol(vrStoragePoolObj *obj, unsigned int n, unsigned long long size, const char *fs,
           bool extended)
{
    g_autofree char *dir = g_path_get_dirname(vrStoragePoolDevicePath(obj));
    char *name = diskPartName(vrStoragePoolDevicePath(obj), n);
    char *path = g_build_filename(dir, name, NULL);
    vrStorageVolDef *vol = vrStorageDeviceVolNew(name, path, g_strdup(path),
                                                 VR_STORAGE_VOL_BLOCK, size);

    /* the disk volume formats: none, linux, fat16, fat32, linux-swap, ... */
    vol->format = extended ? DISK_VOL_FORMAT_EXTENDED
                  : !*fs ? 0 : g_str_has_prefix(fs, "fat16") ? 2 : g_str_has_prefix(fs, "fat32")
                  ? 3 : g_str_has_prefix(fs, "linux-swap") ? 4 : 1;
    g_hash_table_replace(obj->vols, vol->name, vol);
}

/* The numbers of a DOS label's extended partitions: only parted's
 * human output has the partition type column. */
static GHashTable *
diskExtendedNumbers(const char *dev)
{
    char *argv[] = { (char *)"parted", (char *)"--script", (char *)dev, (char *)"unit",
                     (char *)"B", (char *)"print", NULL };
    GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;

    if (vrStorageRunArgv(argv, &out) < 0) {
        vrResetLastError();
        return set;
    }
    lines = g_strsplit(out, "\n", -1);
    for (guint i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        GPtrArray *words = g_ptr_array_new();
        for (guint j = 0; f[j]; j++) {
            if (*f[j])
                g_ptr_array_add(words, f[j]);
        }
        /* "N START END SIZE TYPE [FS] [FLAGS]" */
        if (words->len >= 5 && g_ascii_isdigit(((char *)words->pdata[0])[0]) &&
            g_str_equal(words->pdata[4], "extended"))
            g_hash_table_add(set, GUINT_TO_POINTER(atoi(words->pdata[0])));
        g_ptr_array_free(words, TRUE);
    }
    return set;
}

/* Reads the table with parted into the pool's volumes and sizes, and
 * @layout (may be NULL) for placing new partitions. */
static int
diskRead(vrStoragePoolObj *obj, diskLayout *layout)
{
    g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(obj->def, VR_STORAGE_CMD_REFRESH, NULL);
    g_autoptr(GHashTable) extended = NULL;
    g_auto(diskLayout) scratch = { 0 };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;

    if (!layout)
        layout = &scratch;
    diskLayoutClear(layout);
    layout->extents = g_array_new(FALSE, FALSE, sizeof(diskExtent));
    layout->lastLogical = 4;
    if (vrStorageRunArgv(g_ptr_array_index(cmds, 0), &out) < 0)
        return -1;
    lines = g_strsplit(out ? out : "", "\n", -1);
    g_hash_table_remove_all(obj->vols);
    obj->def->capacity = obj->def->allocation = obj->def->available = 0;
    for (guint i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(g_strstrip(lines[i]), ":", -1);
        guint nf = g_strv_length(f);
        if (nf >= 6 && g_str_has_prefix(f[0], "/")) {
            obj->def->capacity = g_ascii_strtoull(f[1], NULL, 10);
            if (g_str_equal(f[5], "unknown") || g_str_equal(f[5], "loop")) {
                vrReportError(VR_ERR_OPERATION_INVALID, "storage pool '%s': device '%s' has no "
                              "partition table (use pool-build)", obj->def->name, vrStoragePoolDevicePath(obj));
                return -1;
            }
            if ((layout->dos = g_str_equal(f[5], "msdos")))
                extended = diskExtendedNumbers(vrStoragePoolDevicePath(obj));
        } else if (nf >= 5 && g_ascii_isdigit(f[0][0])) {
            unsigned int n = (unsigned int)atoi(f[0]);
            diskExtent e = { g_ascii_strtoull(f[1], NULL, 10), g_ascii_strtoull(f[2], NULL, 10),
                             false };
            unsigned long long size = g_ascii_strtoull(f[3], NULL, 10);
            bool isExt = extended && g_hash_table_contains(extended, GUINT_TO_POINTER(n));
            if (g_str_has_prefix(f[4], "free")) {
                obj->def->available += size;
                g_array_append_val(layout->extents, e);
                continue;
            }
            if (isExt) {
                /* its space is the logical partitions', not allocated itself */
                layout->haveExtended = true;
                layout->extStart = e.start;
                layout->extEnd = e.end;
            } else {
                obj->def->allocation += size;
            }
            if (n <= 4)
                layout->primaries++;
            else
                layout->lastLogical = MAX(layout->lastLogical, n);
            diskAddVol(obj, n, size, f[4], isExt);
        }
    }
    for (guint i = 0; i < layout->extents->len; i++) {
        diskExtent *e = &g_array_index(layout->extents, diskExtent, i);
        e->logical = layout->haveExtended && e->start >= layout->extStart &&
                     e->end <= layout->extEnd;
    }
    return 0;
}

static int
diskRefresh(vrStoragePoolObj *obj)
{
    return diskRead(obj, NULL);
}

static int
diskStart(vrStoragePoolObj *obj)
{
    g_autofree char *label = NULL;

    if (vrStoragePoolCheckSourceDevice(obj, "start") < 0)
        return -1;
    /* parted only says "unrecognised disk label" */
    if (!(label = vrStorageProbeDeviceType(vrStoragePoolDevicePath(obj)))) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot start storage pool '%s': device '%s' "
                      "has no partition table (use pool-build)", obj->def->name, vrStoragePoolDevicePath(obj));
        return -1;
    }
    return 0;
}

static int
diskDelete(vrStoragePoolObj *obj, unsigned int flags)
{
    g_autoptr(GPtrArray) cmds = NULL;

    (void)flags;
    if (vrStoragePoolCheckSourceDevice(obj, "delete") < 0)
        return -1;
    cmds = vrStoragePoolCommands(obj->def, VR_STORAGE_CMD_DELETE, NULL);
    return vrStorageRunCommands(cmds);
}

/* The lowest primary number not in use (1-4 on DOS labels). */
static unsigned int
diskNextPrimary(vrStoragePoolObj *obj)
{
    for (unsigned int n = 1;; n++) {
        g_autofree char *name = diskPartName(vrStoragePoolDevicePath(obj), n);
        if (!g_hash_table_contains(obj->vols, name))
            return n;
    }
}

/* The partition type (as parted names it) and number a new volume gets,
 * as libvirt chooses: primaries while a DOS label has room for one, then
 * logical partitions in the extended one. */
static const char *
diskPartType(vrStoragePoolObj *obj, const diskLayout *l, const vrStorageVolDef *def,
             unsigned int *number)
{
    if (def->format == DISK_VOL_FORMAT_EXTENDED) {
        if (!l->dos) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': extended partitions need a "
                          "'dos' partition table", def->name);
            return NULL;
        }
        if (l->haveExtended || l->primaries >= 4) {
            vrReportError(VR_ERR_OPERATION_INVALID, "volume '%s': %s", def->name,
                          l->haveExtended ? "extended partition already exists"
                                          : "no primary partition available");
            return NULL;
        }
        *number = diskNextPrimary(obj);
        return "extended";
    }
    if (!l->dos || l->primaries < 4) {
        *number = diskNextPrimary(obj);
        return "primary";
    }
    if (!l->haveExtended) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "no extended partition found and no primary partition available");
        return NULL;
    }
    *number = l->lastLogical + 1;
    return "logical";
}

/* The BIOS cylinder size parted reports for @dev (heads * sectors *
 * 512), 0 when unknown. */
static unsigned long long
diskCylinderSize(const char *dev)
{
    char *argv[] = { (char *)"parted", (char *)"--script", (char *)"--machine", (char *)dev,
                     (char *)"unit", (char *)"chs", (char *)"print", NULL };
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;

    if (vrStorageRunArgv(argv, &out) < 0) {
        vrResetLastError();
        return 0;
    }
    /* "CHS;", the device line, then "CYLINDERS:HEADS:SECTORS:CYLSIZE;" */
    lines = g_strsplit(out, "\n", -1);
    if (g_strv_length(lines) >= 3) {
        g_auto(GStrv) f = g_strsplit(lines[2], ":", -1);
        if (g_strv_length(f) >= 3)
            return g_ascii_strtoull(f[1], NULL, 10) * g_ascii_strtoull(f[2], NULL, 10) * 512;
    }
    return 0;
}

/* Where a partition of @size bytes goes, as libvirt places it: the
 * smallest free extent that fits; on a DOS label it ends on a cylinder
 * boundary (the extent's misalignment taken off), elsewhere it starts at
 * the extent and parted rounds its end to a sector. */
static bool
diskPlace(vrStoragePoolObj *obj, GArray *extents, unsigned long long size, bool logical,
          unsigned long long *start, unsigned long long *end)
{
    unsigned long long cyl = 0, best = 0, needed = 0;
    bool dos = obj->def->source.format == DISK_FORMAT_DOS;
    int pick = -1;

    if (dos && (cyl = diskCylinderSize(vrStoragePoolDevicePath(obj))) == 0)
        dos = false;
    for (guint i = 0; i < extents->len; i++) {
        diskExtent *e = &g_array_index(extents, diskExtent, i);
        unsigned long long avail = e->end - e->start;
        unsigned long long need = size;
        /* logical partitions live in the extended one, primaries outside */
        if (e->logical != logical)
            continue;
        /* a logical partition's table sector precedes it */
        if (logical)
            avail -= MIN(avail, DISK_SECTOR);
        if (dos) {
            unsigned long long extra = cyl - size % cyl;
            need += extra;
            if (e->start % cyl > extra)
                need += cyl;
        }
        if (avail > need && (best == 0 || avail < best)) {
            best = avail;
            pick = (int)i;
            needed = need;
        }
    }
    if (pick < 0)
        return false;
    *start = g_array_index(extents, diskExtent, pick).start + (logical ? DISK_SECTOR : 0);
    *end = *start + needed - (dos ? *start % cyl : 0) - 1;
    return true;
}

static int
diskVolCreate(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    g_auto(diskLayout) layout = { 0 };
    g_autofree char *expect = NULL;
    g_auto(GStrv) argv = NULL;
    unsigned long long start, end;
    const char *type;
    unsigned int number = 0;

    if (diskRead(obj, &layout) < 0 || !(type = diskPartType(obj, &layout, def, &number)))
        return -1;
    expect = diskPartName(vrStoragePoolDevicePath(obj), number);
    if (!g_str_equal(def->name, expect)) {
        vrReportError(VR_ERR_INVALID_ARG, "invalid partition name '%s', expected '%s'",
                      def->name, expect);
        return -1;
    }
    if (def->capacity == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "volume '%s': a partition needs a capacity",
                      def->name);
        return -1;
    }
    if (!diskPlace(obj, layout.extents, def->capacity, g_str_equal(type, "logical"), &start,
                   &end)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "no large enough free extent in storage pool "
                      "'%s' for volume '%s' of %llu bytes", obj->def->name, def->name,
                      def->capacity);
        return -1;
    }
    argv = vrStorageDiskMkpartArgv(vrStoragePoolDevicePath(obj), type, start, end);
    if (vrStorageRunArgv(argv, NULL) < 0 || diskRead(obj, NULL) < 0)
        return -1;
    return vrStorageVolAdoptRefreshed(obj, def, "partition");
}

static int
diskVolDelete(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(obj->def, VR_STORAGE_CMD_VOL_DELETE, def);

    if (cmds->len == 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse partition number from volume '%s' "
                      "of '%s'", def->name, vrStoragePoolDevicePath(obj));
        return -1;
    }
    if (vrStorageRunCommands(cmds) < 0)
        return -1;
    obj->def->allocation -= MIN(obj->def->allocation, def->capacity);
    obj->def->available += def->capacity;
    return 0;
}

const vrStorageBackend vrStorageBackendDisk = {
    .type = VR_STORAGE_POOL_DISK,
    .build = diskBuild,
    .start = diskStart,
    .refresh = diskRefresh,
    .deletePool = diskDelete,
    .volCreate = diskVolCreate,
    .volDelete = diskVolDelete,
};
