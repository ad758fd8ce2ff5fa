/*
 * storage_backend.h: what a storage pool type does (one backend per pool
 * type, one file each), and the pool object the driver and the backends
 * share.  The driver (storage_driver.c) owns the state, the locking and
 * the API slots; a backend only touches the pool it is handed.
 */
#ifndef VR_STORAGE_BACKEND_H
#define VR_STORAGE_BACKEND_H

#include <glib.h>

#include "conf/storage_conf.h"
#include "storage_backend_cmd.h"

typedef struct {
    vrStoragePoolDef *def;
    vrStoragePoolDef *newDef;     /* next definition of a running pool */
    bool active, persistent, autostart;
    GHashTable *vols;             /* name -> vrStorageVolDef */
    const char *root;             /* the state's root: whose secrets <auth> names */
} vrStoragePoolObj;

typedef struct {
    int type;                     /* vrStoragePoolType */
    /* Volumes are files in the target directory, made with qemu-img by
     * the driver (dir, fs, netfs).  Otherwise the backend's refresh fills
     * obj->vols and volCreate/volDelete make and remove volumes. */
    bool fileVols;
    /* pool-build with VR_STORAGE_POOL_BUILD_* flags (already checked) */
    int (*build)(vrStoragePoolObj *obj, unsigned int flags);
    /* pool-start: mount, activate, log in...; errors name the pool */
    int (*start)(vrStoragePoolObj *obj);
    /* fills obj->vols and the pool's capacity/allocation/available */
    int (*refresh)(vrStoragePoolObj *obj);
    /* pool-destroy: undoes start (NULL: nothing to undo) */
    int (*stop)(vrStoragePoolObj *obj);
    /* pool-delete of an inactive pool */
    int (*deletePool)(vrStoragePoolObj *obj, unsigned int flags);
    /* find-storage-pool-sources: a <sources> document */
    char *(*findSources)(const char *srcSpec, unsigned int flags);
    /* volumes of !fileVols pools: @def has name and capacity; on success
     * it is complete (path, key, sizes) */
    int (*volCreate)(vrStoragePoolObj *obj, vrStorageVolDef *def);
    int (*volDelete)(vrStoragePoolObj *obj, vrStorageVolDef *def);
} vrStorageBackend;

/* The backend of a pool type, or NULL (reported) for types we lack. */
const vrStorageBackend *vrStorageBackendFor(int type);
/* The same without an error. */
const vrStorageBackend *vrStorageBackendFind(int type);

extern const vrStorageBackend vrStorageBackendDir;
extern const vrStorageBackend vrStorageBackendFS;
extern const vrStorageBackend vrStorageBackendNetFS;
extern const vrStorageBackend vrStorageBackendDisk;
extern const vrStorageBackend vrStorageBackendLogical;
extern const vrStorageBackend vrStorageBackendISCSI;
extern const vrStorageBackend vrStorageBackendISCSIDirect;
extern const vrStorageBackend vrStorageBackendSCSI;

/* ---- shared by the backends (storage_backend_dir.c) ----------------- */

/* statvfs of the target directory into the pool's sizes. */
void vrStoragePoolUpdateSizes(vrStoragePoolObj *obj);
/* Lists the files of the target directory as volumes. */
int vrStoragePoolRefreshFiles(vrStoragePoolObj *obj);
/* Creates the target directory with the pool's <permissions>. */
int vrStoragePoolMakeTargetDir(vrStoragePoolObj *obj);
/* Fails unless the target directory exists (naming the pool). */
int vrStoragePoolCheckTargetDir(vrStoragePoolObj *obj, const char *action);
/* Runs a list of argv (GStrv) in order; stops at the first failure. */
int vrStorageRunCommands(GPtrArray *cmds);
/* Runs one argv, its stdout into @out when not NULL. */
int vrStorageRunArgv(char **argv, char **out);

/* The pool's first <source><device path>, or NULL. */
const char *vrStoragePoolDevicePath(const vrStoragePoolObj *obj);
/* Fails unless the pool names a source device that exists. */
int vrStoragePoolCheckSourceDevice(vrStoragePoolObj *obj, const char *action);
/* The filesystem or partition table type blkid finds on @dev, or NULL. */
char *vrStorageProbeDeviceType(const char *dev);
/* Fails (naming the pool and device) when a block device is in use. */
int vrStoragePoolCheckDeviceFree(vrStoragePoolObj *obj, const char *dev);

/* Runs the discovery command of a network pool @type for the host of
 * @spec (refused without one); the port it uses into @port if not NULL. */
int vrStorageDiscoverOnHost(int type, const vrStorageSourceSpec *spec, int *port, char **out);

/* Adds a device volume to a pool being refreshed, counting its size in
 * the pool's capacity and allocation. */
void vrStoragePoolAddDeviceVol(vrStoragePoolObj *obj, vrStorageVolDef *vol);
/* After a backend made volume @def and refreshed the pool: @def takes
 * the path, key, type, format and size the refresh found (@what names
 * the kind of volume in the error when it is missing). */
int vrStorageVolAdoptRefreshed(vrStoragePoolObj *obj, vrStorageVolDef *def, const char *what);

/* In storage_driver.c: the definition of the file @name in @dir. */
vrStorageVolDef *vrStorageVolProbe(const char *dir, const char *name, bool report);

#endif
