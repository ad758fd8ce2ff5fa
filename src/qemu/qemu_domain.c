/*
 * qemu_domain.c: guest objects, their jobs, and the list of guests.
 */
#include <config.h>

#include <string.h>

#include "qemu_domain.h"
#include "util/vrerror.h"
#include "util/vrlog.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.domain"

/* How long a job waits for the one before it (libvirt waits 30 s). */
#define VR_QEMU_JOB_WAIT_US (30 * G_USEC_PER_SEC)

static const char *const vrQemuJobNames[] = {
    "none", "query", "destroy", "modify", "async",
};
G_STATIC_ASSERT(G_N_ELEMENTS(vrQemuJobNames) == VR_QEMU_JOB_LAST);

vrQemuDomainObj *
vrQemuDomainObjNew(vrDomainDef *def)
{
    vrQemuDomainObj *obj = g_new0(vrQemuDomainObj, 1);

    obj->refs = 1;
    g_mutex_init(&obj->lock);
    g_cond_init(&obj->jobCond);
    obj->def = def;
    obj->state = VR_DOMAIN_SHUTOFF;
    obj->reason = VR_DOMAIN_SHUTOFF_UNKNOWN;
    obj->pid = 0;
    obj->removedDevices = g_ptr_array_new_with_free_func(g_free);
    return obj;
}

vrQemuDomainObj *
vrQemuDomainObjRef(vrQemuDomainObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
vrQemuDomainObjUnref(vrQemuDomainObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    vrDomainDefFree(obj->def);
    vrDomainDefFree(obj->newDef);
    g_free(obj->monitorPath);
    g_free(obj->logPath);
    g_ptr_array_unref(obj->removedDevices);
    g_cond_clear(&obj->jobCond);
    g_mutex_clear(&obj->lock);
    g_free(obj);
}

void
vrQemuDomainObjLock(vrQemuDomainObj *obj)
{
    g_mutex_lock(&obj->lock);
}

void
vrQemuDomainObjUnlock(vrQemuDomainObj *obj)
{
    g_mutex_unlock(&obj->lock);
}

void
vrQemuDomainObjEndAPI(vrQemuDomainObj **obj)
{
    if (!*obj)
        return;
    vrQemuDomainObjUnlock(*obj);
    vrQemuDomainObjUnref(*obj);
    *obj = NULL;
}

bool
vrQemuDomainObjIsActive(const vrQemuDomainObj *obj)
{
    return obj->def->id >= 0;
}

vrDomainDef *
vrQemuDomainObjPersistentDef(vrQemuDomainObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

int
vrQemuDomainObjSetDefTransient(vrQemuDomainObj *obj, const vrDomainXMLOption *opt)
{
    if (!obj->persistent || obj->newDef)
        return 0;
    if (!(obj->newDef = vrDomainDefCopy(obj->def, opt)))
        return -1;
    return 0;
}

void
vrQemuDomainObjRestoreConfig(vrQemuDomainObj *obj)
{
    obj->def->id = -1;
    if (obj->newDef) {
        vrDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
        obj->def->id = -1;
    }
}

void
vrQemuDomainObjSetState(vrQemuDomainObj *obj, int state, int reason)
{
    obj->state = state;
    obj->reason = reason;
}

/* ---- jobs ---------------------------------------------------------- */

/* Destroy kills QEMU before it asks for its job, so whatever job runs
 * ends quickly; the owner of an async job may run its own sync jobs. */
static bool
vrQemuJobAllowedNow(const vrQemuDomainObj *obj, vrQemuJob job)
{
    if (obj->job != VR_QEMU_JOB_NONE)
        return false;
    if (!obj->asyncJob || obj->asyncOwner == g_thread_self())
        return true;
    return job == VR_QEMU_JOB_QUERY || job == VR_QEMU_JOB_DESTROY;
}

int
vrQemuDomainObjBeginJob(vrQemuDomainObj *obj, vrQemuJob job, const char *name)
{
    gint64 deadline = g_get_monotonic_time() + VR_QEMU_JOB_WAIT_US;

    while (!vrQemuJobAllowedNow(obj, job) && !obj->removed) {
        if (!g_cond_wait_until(&obj->jobCond, &obj->lock, deadline)) {
            vrReportError(VR_ERR_OPERATION_TIMEOUT,
                          "cannot acquire state change lock (held by %s) for %s of guest '%s'",
                          obj->jobName ? obj->jobName : obj->progress.operation
                                                        ? obj->progress.operation : "a job",
                          name, obj->def->name);
            return -1;
        }
    }
    if (obj->removed) {
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching name '%s'", obj->def->name);
        return -1;
    }
    obj->job = job;
    obj->jobOwner = g_thread_self();
    obj->jobName = name;
    VR_DEBUG("guest %s: job %s (%s) started", obj->def->name, vrQemuJobNames[job], name);
    return 0;
}

void
vrQemuDomainObjEndJob(vrQemuDomainObj *obj)
{
    obj->job = VR_QEMU_JOB_NONE;
    obj->jobOwner = NULL;
    obj->jobName = NULL;
    g_cond_broadcast(&obj->jobCond);
}

int
vrQemuDomainObjBeginAsyncJob(vrQemuDomainObj *obj, const char *operation)
{
    gint64 deadline = g_get_monotonic_time() + VR_QEMU_JOB_WAIT_US;

    while ((obj->asyncJob || obj->job != VR_QEMU_JOB_NONE) && !obj->removed) {
        if (!g_cond_wait_until(&obj->jobCond, &obj->lock, deadline)) {
            vrReportError(VR_ERR_OPERATION_TIMEOUT,
                          "cannot acquire state change lock for %s of guest '%s'",
                          operation, obj->def->name);
            return -1;
        }
    }
    if (obj->removed) {
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching name '%s'", obj->def->name);
        return -1;
    }
    obj->asyncJob = true;
    obj->asyncOwner = g_thread_self();
    memset(&obj->progress, 0, sizeof(obj->progress));
    obj->progress.started = (unsigned long long)(g_get_real_time() / 1000);
    obj->progress.operation = operation;
    return 0;
}

void
vrQemuDomainObjEndAsyncJob(vrQemuDomainObj *obj)
{
    obj->asyncJob = false;
    obj->asyncOwner = NULL;
    obj->progress.operation = NULL;
    g_cond_broadcast(&obj->jobCond);
}

int
vrQemuDomainObjEnterMonitor(vrQemuDomainObj *obj)
{
    if (!vrQemuDomainObjIsActive(obj) || !obj->mon) {
        vrReportError(VR_ERR_OPERATION_INVALID, "domain '%s' is not running", obj->def->name);
        return -1;
    }
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    return 0;
}

void
vrQemuDomainObjExitMonitor(vrQemuDomainObj *obj)
{
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
}

/* ---- the list ------------------------------------------------------ */

struct _vrQemuDomainObjList {
    GMutex lock;
    GHashTable *byUUID;          /* uuid string -> obj (one reference) */
    GHashTable *byName;          /* name -> obj (borrowed) */
    int nextID;
};

vrQemuDomainObjList *
vrQemuDomainObjListNew(void)
{
    vrQemuDomainObjList *list = g_new0(vrQemuDomainObjList, 1);

    g_mutex_init(&list->lock);
    list->byUUID = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)vrQemuDomainObjUnref);
    list->byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    list->nextID = 1;
    return list;
}

void
vrQemuDomainObjListFree(vrQemuDomainObjList *list)
{
    if (!list)
        return;
    g_hash_table_destroy(list->byName);
    g_hash_table_destroy(list->byUUID);
    g_mutex_clear(&list->lock);
    g_free(list);
}

static vrQemuDomainObj *
vrQemuListLookupUUID(vrQemuDomainObjList *list, const unsigned char *uuid)
{
    char str[VR_UUID_STRING_BUFLEN];

    return g_hash_table_lookup(list->byUUID, vrUUIDFormat(uuid, str));
}

/* The name/UUID rules of libvirt's domain list; the caller holds the
 * list lock and @obj (if returned) is locked. */
static int
vrQemuListCheckClash(vrQemuDomainObjList *list, const vrDomainDef *def, bool live,
                     vrQemuDomainObj **existing)
{
    vrQemuDomainObj *obj = vrQemuListLookupUUID(list, def->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    *existing = NULL;
    if (obj) {
        vrQemuDomainObjLock(obj);
        if (!g_str_equal(obj->def->name, def->name)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                          obj->def->name, vrUUIDFormat(def->uuid, uuid));
            vrQemuDomainObjUnlock(obj);
            return -1;
        }
        if (live && vrQemuDomainObjIsActive(obj)) {
            vrReportError(VR_ERR_OPERATION_INVALID, "domain '%s' is already active",
                          obj->def->name);
            vrQemuDomainObjUnlock(obj);
            return -1;
        }
        *existing = obj;
        return 0;
    }
    if ((obj = g_hash_table_lookup(list->byName, def->name))) {
        vrQemuDomainObjLock(obj);
        vrReportError(VR_ERR_OPERATION_FAILED, "domain '%s' already exists with uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        vrQemuDomainObjUnlock(obj);
        return -1;
    }
    return 0;
}

/* An existing guest gets @def: as its new config (kept aside while it
 * runs), or, when it is being started from @def, as its live definition
 * with the config kept aside. */
static void
vrQemuListReplaceDef(vrQemuDomainObj *obj, vrDomainDef *def, bool live, vrDomainDef **oldDef)
{
    vrDomainDef *old = NULL;

    def->id = -1;
    if (live) {
        if (obj->persistent && !obj->newDef)
            obj->newDef = obj->def;
        else
            old = obj->def;
        obj->def = def;
    } else if (vrQemuDomainObjIsActive(obj)) {
        old = obj->newDef;
        obj->newDef = def;
    } else {
        old = obj->def;
        obj->def = def;
    }
    if (oldDef)
        *oldDef = old;
    else
        vrDomainDefFree(old);
}

int
vrQemuDomainObjListCheck(vrQemuDomainObjList *list, const vrDomainDef *def, bool live)
{
    vrQemuDomainObj *obj = NULL;
    int rc;

    g_mutex_lock(&list->lock);
    rc = vrQemuListCheckClash(list, def, live, &obj);
    g_mutex_unlock(&list->lock);
    return rc;
}

vrQemuDomainObj *
vrQemuDomainObjListAdd(vrQemuDomainObjList *list, vrDomainDef **def, bool live,
                       vrDomainDef **oldDef)
{
    vrQemuDomainObj *obj = NULL;
    char uuid[VR_UUID_STRING_BUFLEN];

    if (oldDef)
        *oldDef = NULL;
    g_mutex_lock(&list->lock);
    if (vrQemuListCheckClash(list, *def, live, &obj) < 0) {
        g_mutex_unlock(&list->lock);
        return NULL;
    }
    if (obj) {
        vrQemuListReplaceDef(obj, g_steal_pointer(def), live, oldDef);
        vrQemuDomainObjRef(obj);
        g_mutex_unlock(&list->lock);
        return obj;
    }
    obj = vrQemuDomainObjNew(g_steal_pointer(def));
    obj->def->id = -1;
    g_hash_table_insert(list->byUUID, g_strdup(vrUUIDFormat(obj->def->uuid, uuid)), obj);
    g_hash_table_insert(list->byName, g_strdup(obj->def->name), obj);
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjLock(obj);
    g_mutex_unlock(&list->lock);
    return obj;
}

/* Called with @obj locked; it stays locked and referenced by the caller. */
void
vrQemuDomainObjListRemove(vrQemuDomainObjList *list, vrQemuDomainObj *obj)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    obj->removed = true;
    g_cond_broadcast(&obj->jobCond);
    /* Lock order is list, then object: step out and back in. */
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    g_mutex_lock(&list->lock);
    if (g_hash_table_lookup(list->byName, obj->def->name) == obj)
        g_hash_table_remove(list->byName, obj->def->name);
    if (vrQemuListLookupUUID(list, obj->def->uuid) == obj)
        g_hash_table_remove(list->byUUID, vrUUIDFormat(obj->def->uuid, uuid));
    g_mutex_unlock(&list->lock);
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
}

static vrQemuDomainObj *
vrQemuListTake(vrQemuDomainObj *obj)
{
    if (!obj)
        return NULL;
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjLock(obj);
    if (obj->removed) {
        vrQemuDomainObjUnlock(obj);
        vrQemuDomainObjUnref(obj);
        return NULL;
    }
    return obj;
}

vrQemuDomainObj *
vrQemuDomainObjListFindByName(vrQemuDomainObjList *list, const char *name)
{
    vrQemuDomainObj *obj;

    g_mutex_lock(&list->lock);
    obj = g_hash_table_lookup(list->byName, name);
    if (obj)
        vrQemuDomainObjRef(obj);
    g_mutex_unlock(&list->lock);
    if (!obj)
        return NULL;
    vrQemuDomainObjUnref(obj);
    return vrQemuListTake(obj);
}

vrQemuDomainObj *
vrQemuDomainObjListFindByUUID(vrQemuDomainObjList *list, const unsigned char *uuid)
{
    vrQemuDomainObj *obj;

    g_mutex_lock(&list->lock);
    obj = vrQemuListLookupUUID(list, uuid);
    if (obj)
        vrQemuDomainObjRef(obj);
    g_mutex_unlock(&list->lock);
    if (!obj)
        return NULL;
    vrQemuDomainObjUnref(obj);
    return vrQemuListTake(obj);
}

vrQemuDomainObj *
vrQemuDomainObjListFindByID(vrQemuDomainObjList *list, int id)
{
    g_autoptr(GPtrArray) all = vrQemuDomainObjListCollect(list);

    for (size_t i = 0; i < all->len; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(all, i);

        vrQemuDomainObjLock(obj);
        if (!obj->removed && obj->def->id == id) {
            vrQemuDomainObjRef(obj);
            return obj;
        }
        vrQemuDomainObjUnlock(obj);
    }
    return NULL;
}

GPtrArray *
vrQemuDomainObjListCollect(vrQemuDomainObjList *list)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)vrQemuDomainObjUnref);
    GHashTableIter iter;
    gpointer value;

    g_mutex_lock(&list->lock);
    g_hash_table_iter_init(&iter, list->byUUID);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(all, vrQemuDomainObjRef(value));
    g_mutex_unlock(&list->lock);
    return all;
}

int
vrQemuDomainObjListNextID(vrQemuDomainObjList *list)
{
    int id;

    g_mutex_lock(&list->lock);
    id = list->nextID++;
    g_mutex_unlock(&list->lock);
    return id;
}

void
vrQemuDomainObjListReserveID(vrQemuDomainObjList *list, int id)
{
    g_mutex_lock(&list->lock);
    if (id >= list->nextID)
        list->nextID = id + 1;
    g_mutex_unlock(&list->lock);
}

size_t
vrQemuDomainObjListCount(vrQemuDomainObjList *list, bool active)
{
    g_autoptr(GPtrArray) all = vrQemuDomainObjListCollect(list);
    size_t n = 0;

    for (size_t i = 0; i < all->len; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(all, i);

        vrQemuDomainObjLock(obj);
        if (!obj->removed && vrQemuDomainObjIsActive(obj) == active)
            n++;
        vrQemuDomainObjUnlock(obj);
    }
    return n;
}
