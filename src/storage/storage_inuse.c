/*
 * storage_inuse.c: is a volume used by a running guest?
 *
 * The QEMU driver answers for one volume (qemu_domain_storage.c: a
 * 'volume' disk naming it, or a disk at its path).  A volume is also in
 * use when it is the backing file of another volume of the pool that a
 * guest uses: deleting or wiping a qcow2 overlay's base would corrupt
 * the guest's disk just the same.  The chain is followed through the
 * volumes' <backingStore> paths as the driver last probed them.
 *
 * Called with the storage state locked; the QEMU driver then locks each
 * guest briefly (the lock order the QEMU side keeps: storage, guests).
 */
#include <config.h>

#include "storage_inuse.h"
#include "qemu/qemu_domain_storage.h"
#include "qemu/qemu_driver.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.inuse"

/* The guest using @vol, or any overlay built on it (depth first). */
static char *
vrStorageVolUser(vrQemuDriver *qemu, const char *pool, const vrStorageVolDef *vol,
                 GHashTable *vols, GHashTable *seen, const char **via)
{
    char *user;
    GHashTableIter iter;
    gpointer value;

    g_hash_table_add(seen, vol->name);
    if ((user = vrQemuDomainVolumeUser(qemu, pool, vol->name, vol->targetPath)))
        return user;
    if (!vols || !vol->targetPath)
        return NULL;
    g_hash_table_iter_init(&iter, vols);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        const vrStorageVolDef *over = value;
        if (!over->backing || !over->backing->path ||
            !g_str_equal(over->backing->path, vol->targetPath) ||
            g_hash_table_contains(seen, over->name))
            continue;
        if ((user = vrStorageVolUser(qemu, pool, over, vols, seen, via))) {
            if (!*via)
                *via = over->name;
            return user;
        }
    }
    return NULL;
}

int
vrStorageVolCheckUnused(vrConnect *conn, const char *pool, const vrStorageVolDef *vol,
                        GHashTable *vols, const char *what)
{
    vrQemuDriver *qemu = conn ? vrQemuDriverFrom(conn) : NULL;
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    g_autofree char *user = NULL;
    const char *via = NULL;

    if (!qemu || !qemu->domains)
        return 0;
    if (!(user = vrStorageVolUser(qemu, pool, vol, vols, seen, &via)))
        return 0;
    VR_INFO("refused to %s volume '%s' of pool '%s': used by running guest '%s'", what,
            vol->name, pool, user);
    if (via)
        vrReportError(VR_ERR_OPERATION_INVALID, "storage volume '%s' is in use by domain '%s' "
                      "(it backs volume '%s')", vol->name, user, via);
    else
        vrReportError(VR_ERR_OPERATION_INVALID, "storage volume '%s' is in use by domain '%s'",
                      vol->name, user);
    return -1;
}
