/*
 * storage_backend_logical.c: 'logical' pools (an LVM2 volume group;
 * volumes are its logical volumes).  This machine has no device-mapper:
 * the commands are checked by goldens (tests/storagepool2argv), the
 * parsing of their output by recorded outputs.
 */
#include <config.h>

#include <string.h>

#include "storage_backend.h"
#include "storage_backend_cmd.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.backend.logical"

static int
lvmRun(const vrStoragePoolDef *def, int op, const vrStorageVolDef *vol)
{
    g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(def, op, vol);

    return vrStorageRunCommands(cmds);
}

static int
lvmBuild(vrStoragePoolObj *obj, unsigned int flags)
{
    if (obj->def->source.ndevices == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot build storage pool '%s': no source device "
                      "for the volume group", obj->def->name);
        return -1;
    }
    return lvmRun(obj->def, (flags & VR_STORAGE_POOL_BUILD_OVERWRITE)
                  ? VR_STORAGE_CMD_BUILD_OVERWRITE : VR_STORAGE_CMD_BUILD, NULL);
}

static int
lvmStart(vrStoragePoolObj *obj)
{
    return lvmRun(obj->def, VR_STORAGE_CMD_START, NULL);
}

static int
lvmStop(vrStoragePoolObj *obj)
{
    return lvmRun(obj->def, VR_STORAGE_CMD_STOP, NULL);
}

static int
lvmDelete(vrStoragePoolObj *obj, unsigned int flags)
{
    (void)flags;
    return lvmRun(obj->def, VR_STORAGE_CMD_DELETE, NULL);
}

static void
lvmParseLVs(vrStoragePoolObj *obj, const char *out)
{
    g_autoptr(GPtrArray) vols = vrStorageLogicalParseLVs(out);

    g_hash_table_remove_all(obj->vols);
    while (vols->len > 0) {
        vrStorageVolDef *vol = g_ptr_array_steal_index(vols, 0);
        g_hash_table_replace(obj->vols, vol->name, vol);
    }
}

static int
lvmRefresh(vrStoragePoolObj *obj)
{
    g_autoptr(GPtrArray) cmds = vrStoragePoolCommands(obj->def, VR_STORAGE_CMD_REFRESH, NULL);
    g_autofree char *vgs = NULL;
    g_autofree char *lvs = NULL;
    g_auto(GStrv) f = NULL;

    if (vrStorageRunArgv(g_ptr_array_index(cmds, 0), &vgs) < 0 ||
        vrStorageRunArgv(g_ptr_array_index(cmds, 1), &lvs) < 0)
        return -1;
    f = g_strsplit(g_strstrip(vgs), "#", -1);
    if (g_strv_length(f) >= 2) {
        obj->def->capacity = g_ascii_strtoull(f[0], NULL, 10);
        obj->def->available = g_ascii_strtoull(f[1], NULL, 10);
        obj->def->allocation = obj->def->capacity - obj->def->available;
    }
    lvmParseLVs(obj, lvs);
    return 0;
}

static char *
lvmFindSources(const char *srcSpec, unsigned int flags)
{
    g_autoptr(vrStoragePoolDef) def = g_new0(vrStoragePoolDef, 1);
    g_autoptr(GPtrArray) cmds = NULL;
    g_autofree char *out = NULL;

    (void)srcSpec;
    (void)flags;
    def->type = VR_STORAGE_POOL_LOGICAL;
    cmds = vrStoragePoolCommands(def, VR_STORAGE_CMD_FIND_SOURCES, NULL);
    /* vgscan only refreshes LVM's cache; its failure is not fatal */
    if (vrStorageRunArgv(g_ptr_array_index(cmds, 0), NULL) < 0)
        vrResetLastError();
    if (vrStorageRunArgv(g_ptr_array_index(cmds, 1), &out) < 0)
        return NULL;
    return vrStorageLogicalParsePVs(out);
}

static int
lvmVolCreate(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    if (lvmRun(obj->def, VR_STORAGE_CMD_VOL_CREATE, def) < 0 || lvmRefresh(obj) < 0)
        return -1;
    return vrStorageVolAdoptRefreshed(obj, def, "logical volume");
}

static int
lvmVolDelete(vrStoragePoolObj *obj, vrStorageVolDef *def)
{
    return lvmRun(obj->def, VR_STORAGE_CMD_VOL_DELETE, def);
}

const vrStorageBackend vrStorageBackendLogical = {
    .type = VR_STORAGE_POOL_LOGICAL,
    .build = lvmBuild,
    .start = lvmStart,
    .refresh = lvmRefresh,
    .stop = lvmStop,
    .deletePool = lvmDelete,
    .findSources = lvmFindSources,
    .volCreate = lvmVolCreate,
    .volDelete = lvmVolDelete,
};
