/*
 * test_snapshot.c: snapshots of test driver guests (metadata only).
 */
#include <config.h>

#include <string.h>

#include "test_driver.h"
#include "util/vrerror.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_DOMAIN_SNAPSHOT

void
testSnapshotFree(testSnapshot *snap)
{
    if (!snap)
        return;
    vrSnapshotDefFree(snap->def);
    g_free(snap);
}

/* The snapshot state recording a domain state. */
static int
testSnapshotStateOf(int state)
{
    switch (state) {
    case VR_DOMAIN_RUNNING: return VR_SNAPSHOT_STATE_RUNNING;
    case VR_DOMAIN_BLOCKED: return VR_SNAPSHOT_STATE_BLOCKED;
    case VR_DOMAIN_PAUSED: return VR_SNAPSHOT_STATE_PAUSED;
    case VR_DOMAIN_SHUTDOWN: return VR_SNAPSHOT_STATE_SHUTDOWN;
    case VR_DOMAIN_CRASHED: return VR_SNAPSHOT_STATE_CRASHED;
    case VR_DOMAIN_PMSUSPENDED: return VR_SNAPSHOT_STATE_PMSUSPENDED;
    default: return VR_SNAPSHOT_STATE_SHUTOFF;
    }
}

static testSnapshot *
testSnapshotFindByName(testDomainObj *obj, const char *name)
{
    guint i;

    for (i = 0; i < obj->snapshots->len; i++) {
        testSnapshot *s = g_ptr_array_index(obj->snapshots, i);
        if (g_str_equal(s->def->name, name))
            return s;
    }
    return NULL;
}

static testSnapshot *
testSnapshotFind(testDomainObj *obj, vrDomainSnapshot *snap)
{
    testSnapshot *s = testSnapshotFindByName(obj, snap->name);

    if (!s)
        vrReportError(VR_ERR_NO_DOMAIN_SNAPSHOT, "no domain snapshot with matching name '%s'",
                      snap->name);
    return s;
}

static bool
testSnapshotIsDescendant(const testSnapshot *s, const testSnapshot *ancestor)
{
    for (s = s->parent; s; s = s->parent) {
        if (s == ancestor)
            return true;
    }
    return false;
}

static size_t
testSnapshotCountChildren(testDomainObj *obj, const testSnapshot *parent, bool descendants)
{
    size_t n = 0;
    guint i;

    for (i = 0; i < obj->snapshots->len; i++) {
        testSnapshot *s = g_ptr_array_index(obj->snapshots, i);
        if (descendants ? testSnapshotIsDescendant(s, parent) : s->parent == parent)
            n++;
    }
    return n;
}

static bool
testSnapshotIsActiveState(const testSnapshot *s)
{
    return vrSnapshotDefIsActive(s->def);
}

static bool
testSnapshotMatch(testDomainObj *obj, const testSnapshot *s, unsigned int flags)
{
    bool leaf = testSnapshotCountChildren(obj, s, false) == 0;

    if ((flags & (VR_DOMAIN_SNAPSHOT_LIST_LEAVES | VR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES)) &&
        !(((flags & VR_DOMAIN_SNAPSHOT_LIST_LEAVES) && leaf) ||
          ((flags & VR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES) && !leaf)))
        return false;
    if ((flags & VR_DOMAIN_SNAPSHOT_LIST_NO_METADATA) && !(flags & VR_DOMAIN_SNAPSHOT_LIST_METADATA))
        return false;
    if (flags & (VR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VR_DOMAIN_SNAPSHOT_LIST_ACTIVE |
                 VR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)) {
        bool active = testSnapshotIsActiveState(s);
        bool diskOnly = s->def->state == VR_SNAPSHOT_STATE_DISK_SNAPSHOT;
        if (!(((flags & VR_DOMAIN_SNAPSHOT_LIST_ACTIVE) && active) ||
              ((flags & VR_DOMAIN_SNAPSHOT_LIST_INACTIVE) && !active && !diskOnly) ||
              ((flags & VR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) && diskOnly)))
            return false;
    }
    if (flags & (VR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)) {
        bool external = vrSnapshotDefIsExternal(s->def);
        if (!(((flags & VR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) && external) ||
              ((flags & VR_DOMAIN_SNAPSHOT_LIST_INTERNAL) && !external)))
            return false;
    }
    return true;
}

#define TEST_SNAP_FLAGS_FILTERS \
    (VR_DOMAIN_SNAPSHOT_LIST_LEAVES | VR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES | \
     VR_DOMAIN_SNAPSHOT_LIST_METADATA | VR_DOMAIN_SNAPSHOT_LIST_NO_METADATA | \
     VR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY | VR_DOMAIN_SNAPSHOT_LIST_INTERNAL | \
     VR_DOMAIN_SNAPSHOT_LIST_EXTERNAL | VR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)

/* Collects matching snapshots under @from (NULL: the whole domain). */
static GPtrArray *
testSnapshotCollect(testDomainObj *obj, const testSnapshot *from, unsigned int flags)
{
    GPtrArray *list = g_ptr_array_new();
    bool recurse = flags & VR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS;
    guint i;

    for (i = 0; i < obj->snapshots->len; i++) {
        testSnapshot *s = g_ptr_array_index(obj->snapshots, i);
        if (from) {
            if (!(recurse ? testSnapshotIsDescendant(s, from) : s->parent == from))
                continue;
        } else if ((flags & VR_DOMAIN_SNAPSHOT_LIST_ROOTS) && s->parent) {
            continue;
        }
        if (testSnapshotMatch(obj, s, flags))
            g_ptr_array_add(list, s);
    }
    return list;
}

#define TEST_SNAP_BEGIN(domptr, drv, obj, ret) \
    testDriver *drv = testDriverFrom((domptr)->conn); \
    testDomainObj *obj; \
    g_mutex_lock(&drv->lock); \
    if (!(obj = testDomainFind(drv, (domptr)))) { \
        g_mutex_unlock(&drv->lock); \
        return ret; \
    }

#define TEST_SNAP_END(drv, ret) \
    do { \
        g_mutex_unlock(&(drv)->lock); \
        return ret; \
    } while (0)

static vrDomainSnapshot **
testSnapshotHandles(vrDomain *dom, GPtrArray *list)
{
    vrDomainSnapshot **snaps = g_new0(vrDomainSnapshot *, list->len + 1);
    guint i;

    for (i = 0; i < list->len; i++)
        snaps[i] = vrDomainSnapshotNew(dom, ((testSnapshot *)g_ptr_array_index(list, i))->def->name);
    return snaps;
}

/* ---- create -------------------------------------------------------- */

static int
testSnapshotCheckCycles(testDomainObj *obj, const vrSnapshotDef *def)
{
    testSnapshot *parent;

    if (!def->parent)
        return 0;
    if (g_str_equal(def->name, def->parent)) {
        vrReportError(VR_ERR_INVALID_ARG, "cannot set moment %s as its own parent", def->name);
        return -1;
    }
    if (!(parent = testSnapshotFindByName(obj, def->parent))) {
        vrReportError(VR_ERR_INVALID_ARG, "parent %s for moment %s not found", def->parent,
                      def->name);
        return -1;
    }
    for (; parent; parent = parent->def->parent ? testSnapshotFindByName(obj, parent->def->parent)
                                                 : NULL) {
        if (g_strcmp0(parent->def->parent, def->name) == 0) {
            vrReportError(VR_ERR_INVALID_ARG, "parent %s would create cycle to %s",
                          parent->def->name, def->name);
            return -1;
        }
    }
    return 0;
}

/* A redefinition may not turn a snapshot into another kind of one. */
static int
testSnapshotCheckReplacement(vrSnapshotDef *def, testSnapshot *other)
{
    if (vrSnapshotDefIsActive(other->def) != vrSnapshotDefIsActive(def)) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "cannot change between online and offline snapshot state in snapshot %s",
                      def->name);
        return -1;
    }
    if ((other->def->state == VR_SNAPSHOT_STATE_DISK_SNAPSHOT) !=
        (def->state == VR_SNAPSHOT_STATE_DISK_SNAPSHOT)) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "cannot change between disk only and full system in snapshot %s",
                      def->name);
        return -1;
    }
    /* a redefinition without <domain> keeps the one already known */
    if (!def->dom)
        def->dom = g_steal_pointer(&other->def->dom);
    return 0;
}

static int
testSnapshotPrepRedefine(testDomainObj *obj, vrSnapshotDef *def, testSnapshot **other)
{
    char uuid[VR_UUID_STRING_BUFLEN];
    bool external = def->state == VR_SNAPSHOT_STATE_DISK_SNAPSHOT ||
                    vrSnapshotDefIsExternal(def);

    if (testSnapshotCheckCycles(obj, def) < 0)
        return -1;
    *other = testSnapshotFindByName(obj, def->name);
    if (def->dom && memcmp(def->dom->uuid, obj->def->uuid, VR_UUID_BUFLEN) != 0) {
        vrReportError(VR_ERR_INVALID_ARG, "definition for snapshot %s must use uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        return -1;
    }
    if (*other && testSnapshotCheckReplacement(def, *other) < 0)
        return -1;
    return vrSnapshotAlignDisks(def, external ? VR_SNAPSHOT_LOCATION_EXTERNAL
                                             : VR_SNAPSHOT_LOCATION_INTERNAL, !external);
}

/* A new snapshot records the domain as it is now. */
static int
testSnapshotPrepNew(testDomainObj *obj, vrSnapshotDef *def)
{
    size_t i;

    if (!def->name)
        def->name = g_strdup_printf("%lld", (long long)(g_get_real_time() / G_USEC_PER_SEC));
    if (testSnapshotFindByName(obj, def->name)) {
        vrReportError(VR_ERR_OPERATION_FAILED, "domain moment %s already exists", def->name);
        return -1;
    }
    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i].snapshot == VR_SNAPSHOT_LOCATION_MANUAL) {
            vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                          "'manual' snapshot mode is not supported by the test driver");
            return -1;
        }
    }
    if (!(def->dom = vrDomainDefCopy(obj->def, &testXMLOption)) ||
        vrSnapshotAlignDisks(def, VR_SNAPSHOT_LOCATION_INTERNAL, true) < 0)
        return -1;
    def->state = testSnapshotStateOf(obj->state);
    def->creationTime = g_get_real_time() / G_USEC_PER_SEC;
    def->memory = testDomainIsActive(obj) ? VR_SNAPSHOT_LOCATION_INTERNAL
                                          : VR_SNAPSHOT_LOCATION_NO;
    g_clear_pointer(&def->memoryFile, g_free);
    if (obj->currentSnapshot)
        def->parent = g_strdup(obj->currentSnapshot->def->name);
    return 0;
}

static vrDomainSnapshot *
testDomainSnapshotCreateXML(vrDomain *domain, const char *xml, unsigned int flags)
{
    g_autoptr(vrSnapshotDef) def = NULL;
    testSnapshot *snap, *existing = NULL;
    bool redefine = flags & VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    vrDomainSnapshot *ret;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VR_DOMAIN_SNAPSHOT_CREATE_CURRENT |
                 VR_DOMAIN_SNAPSHOT_CREATE_HALT | VR_DOMAIN_SNAPSHOT_CREATE_QUIESCE |
                 VR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VR_DOMAIN_SNAPSHOT_CREATE_LIVE |
                 VR_DOMAIN_SNAPSHOT_CREATE_VALIDATE, NULL);
    if (!(def = vrSnapshotDefParseString(xml, &testXMLOption,
                                         redefine ? VR_SNAPSHOT_PARSE_REDEFINE : 0)))
        return NULL;

    TEST_SNAP_BEGIN(domain, drv, obj, NULL);
    if ((redefine ? testSnapshotPrepRedefine(obj, def, &existing)
                  : testSnapshotPrepNew(obj, def)) < 0)
        TEST_SNAP_END(drv, NULL);

    /* redefining an existing snapshot replaces its metadata in place */
    if (existing) {
        snap = existing;
        vrSnapshotDefFree(snap->def);
    } else {
        snap = g_new0(testSnapshot, 1);
        g_ptr_array_add(obj->snapshots, snap);
    }
    snap->def = g_steal_pointer(&def);
    snap->parent = snap->def->parent ? testSnapshotFindByName(obj, snap->def->parent) : NULL;
    if (!redefine || (flags & VR_DOMAIN_SNAPSHOT_CREATE_CURRENT))
        obj->currentSnapshot = snap;

    if ((flags & VR_DOMAIN_SNAPSHOT_CREATE_HALT) && testDomainIsActive(obj)) {
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED,
                                 VR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        testDomainStop(drv, obj, VR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        if (!obj->persistent)
            g_ptr_array_remove(drv->domains, obj);
    }
    ret = vrDomainSnapshotNew(domain, snap->def->name);
    TEST_SNAP_END(drv, ret);
}

/* ---- queries ------------------------------------------------------- */

static char *
testDomainSnapshotGetXMLDesc(vrDomainSnapshot *snapshot, unsigned int flags)
{
    testSnapshot *snap;
    char *xml;

    vrCheckFlags(VR_DOMAIN_XML_SECURE, NULL);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, NULL);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, NULL);
    xml = vrSnapshotDefFormat(snap->def, VR_DOMAIN_FORMAT_INACTIVE |
                              ((flags & VR_DOMAIN_XML_SECURE) ? VR_DOMAIN_FORMAT_SECURE : 0));
    TEST_SNAP_END(drv, xml);
}

static int
testDomainSnapshotNum(vrDomain *domain, unsigned int flags)
{
    g_autoptr(GPtrArray) list = NULL;
    int n;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_LIST_ROOTS | TEST_SNAP_FLAGS_FILTERS, -1);
    TEST_SNAP_BEGIN(domain, drv, obj, -1);
    list = testSnapshotCollect(obj, NULL, flags);
    n = (int)list->len;
    TEST_SNAP_END(drv, n);
}

static int
testDomainListAllSnapshots(vrDomain *domain, vrDomainSnapshot ***snaps, unsigned int flags)
{
    g_autoptr(GPtrArray) list = NULL;
    int n;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_LIST_ROOTS | TEST_SNAP_FLAGS_FILTERS, -1);
    TEST_SNAP_BEGIN(domain, drv, obj, -1);
    list = testSnapshotCollect(obj, NULL, flags);
    n = (int)list->len;
    if (snaps)
        *snaps = testSnapshotHandles(domain, list);
    TEST_SNAP_END(drv, n);
}

static int
testDomainSnapshotNumChildren(vrDomainSnapshot *snapshot, unsigned int flags)
{
    g_autoptr(GPtrArray) list = NULL;
    testSnapshot *snap;
    int n;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | TEST_SNAP_FLAGS_FILTERS, -1);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, -1);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, -1);
    list = testSnapshotCollect(obj, snap, flags);
    n = (int)list->len;
    TEST_SNAP_END(drv, n);
}

static int
testDomainSnapshotListAllChildren(vrDomainSnapshot *snapshot, vrDomainSnapshot ***snaps,
                                  unsigned int flags)
{
    g_autoptr(GPtrArray) list = NULL;
    testSnapshot *snap;
    int n;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS | TEST_SNAP_FLAGS_FILTERS, -1);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, -1);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, -1);
    list = testSnapshotCollect(obj, snap, flags);
    n = (int)list->len;
    if (snaps)
        *snaps = testSnapshotHandles(snapshot->domain, list);
    TEST_SNAP_END(drv, n);
}

static vrDomainSnapshot *
testDomainSnapshotLookupByName(vrDomain *domain, const char *name, unsigned int flags)
{
    testSnapshot *snap;
    vrDomainSnapshot *ret;

    vrCheckFlags(0, NULL);
    TEST_SNAP_BEGIN(domain, drv, obj, NULL);
    if (!(snap = testSnapshotFindByName(obj, name))) {
        vrReportError(VR_ERR_NO_DOMAIN_SNAPSHOT, "no domain snapshot with matching name '%s'",
                      name);
        TEST_SNAP_END(drv, NULL);
    }
    ret = vrDomainSnapshotNew(domain, snap->def->name);
    TEST_SNAP_END(drv, ret);
}

static int
testDomainHasCurrentSnapshot(vrDomain *domain, unsigned int flags)
{
    int ret;

    vrCheckFlags(0, -1);
    TEST_SNAP_BEGIN(domain, drv, obj, -1);
    ret = obj->currentSnapshot ? 1 : 0;
    TEST_SNAP_END(drv, ret);
}

static vrDomainSnapshot *
testDomainSnapshotCurrent(vrDomain *domain, unsigned int flags)
{
    vrDomainSnapshot *ret;

    vrCheckFlags(0, NULL);
    TEST_SNAP_BEGIN(domain, drv, obj, NULL);
    if (!obj->currentSnapshot) {
        vrReportError(VR_ERR_NO_DOMAIN_SNAPSHOT, "%s", "the domain does not have a current snapshot");
        TEST_SNAP_END(drv, NULL);
    }
    ret = vrDomainSnapshotNew(domain, obj->currentSnapshot->def->name);
    TEST_SNAP_END(drv, ret);
}

static vrDomainSnapshot *
testDomainSnapshotGetParent(vrDomainSnapshot *snapshot, unsigned int flags)
{
    testSnapshot *snap;
    vrDomainSnapshot *ret;

    vrCheckFlags(0, NULL);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, NULL);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, NULL);
    if (!snap->parent) {
        vrReportError(VR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent",
                      snap->def->name);
        TEST_SNAP_END(drv, NULL);
    }
    ret = vrDomainSnapshotNew(snapshot->domain, snap->parent->def->name);
    TEST_SNAP_END(drv, ret);
}

static int
testDomainSnapshotIsCurrent(vrDomainSnapshot *snapshot, unsigned int flags)
{
    testSnapshot *snap;
    int ret;

    vrCheckFlags(0, -1);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, -1);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, -1);
    ret = obj->currentSnapshot == snap ? 1 : 0;
    TEST_SNAP_END(drv, ret);
}

static int
testDomainSnapshotHasMetadata(vrDomainSnapshot *snapshot, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, -1);
    if (!testSnapshotFind(obj, snapshot))
        TEST_SNAP_END(drv, -1);
    TEST_SNAP_END(drv, 1);
}

/* ---- revert / delete ----------------------------------------------- */

/* The lifecycle events libvirt's test driver sends for a revert, from
 * the guest's state before and after it. */
static void
testSnapshotRevertEvents(testDriver *drv, testDomainObj *obj, testSnapshot *snap,
                         bool wasActive, int wasState)
{
    bool paused = obj->state == VR_DOMAIN_PAUSED;

    if (testSnapshotIsActiveState(snap)) {
        if (!wasActive) {
            testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STARTED,
                                     VR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
            if (paused)
                testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_SUSPENDED,
                                         VR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
        } else if (wasState == VR_DOMAIN_RUNNING) {
            /* libvirt reports a running guest that stays running with the
             * event number as detail */
            if (paused)
                testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_SUSPENDED,
                                         VR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
            else
                testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_RESUMED,
                                         VR_DOMAIN_EVENT_RESUMED);
        }
        return;
    }
    if (wasActive)
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED,
                                 VR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    if (testDomainIsActive(obj)) {
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STARTED,
                                 VR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
        if (paused)
            testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_SUSPENDED,
                                     VR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
}

static int
testDomainRevertToSnapshot(vrDomainSnapshot *snapshot, unsigned int flags)
{
    testSnapshot *snap;
    bool wantRunning;
    bool wasActive;
    int wasState;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                 VR_DOMAIN_SNAPSHOT_REVERT_FORCE, -1);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, -1);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, -1);

    wantRunning = testSnapshotIsActiveState(snap) ||
                  (flags & (VR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VR_DOMAIN_SNAPSHOT_REVERT_PAUSED));
    wasActive = testDomainIsActive(obj);
    wasState = obj->state;
    if (wasActive)
        testDomainStop(drv, obj, VR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
    if (snap->def->dom) {
        vrDomainDef *copy = vrDomainDefCopy(snap->def->dom, &testXMLOption);
        if (!copy)
            TEST_SNAP_END(drv, -1);
        copy->id = -1;
        vrDomainDefFree(obj->def);
        obj->def = copy;
    }
    if (wantRunning) {
        testDomainStart(drv, obj, VR_DOMAIN_RUNNING_FROM_SNAPSHOT);
        if ((flags & VR_DOMAIN_SNAPSHOT_REVERT_PAUSED) ||
            (snap->def->state == VR_SNAPSHOT_STATE_PAUSED &&
             !(flags & VR_DOMAIN_SNAPSHOT_REVERT_RUNNING))) {
            obj->state = VR_DOMAIN_PAUSED;
            obj->reason = VR_DOMAIN_PAUSED_FROM_SNAPSHOT;
        }
    } else {
        obj->state = VR_DOMAIN_SHUTOFF;
        obj->reason = VR_DOMAIN_SHUTOFF_FROM_SNAPSHOT;
    }
    testSnapshotRevertEvents(drv, obj, snap, wasActive, wasState);
    snapshot->domain->id = obj->def->id;
    obj->currentSnapshot = snap;
    TEST_SNAP_END(drv, 0);
}

static void
testSnapshotRemove(testDomainObj *obj, testSnapshot *snap)
{
    guint i;

    for (i = 0; i < obj->snapshots->len; i++) {
        testSnapshot *s = g_ptr_array_index(obj->snapshots, i);
        if (s->parent == snap) {
            s->parent = snap->parent;
            g_free(s->def->parent);
            s->def->parent = snap->parent ? g_strdup(snap->parent->def->name) : NULL;
        }
    }
    if (obj->currentSnapshot == snap)
        obj->currentSnapshot = snap->parent;
    g_ptr_array_remove(obj->snapshots, snap);
}

static void
testSnapshotRemoveDescendants(testDomainObj *obj, testSnapshot *snap)
{
    g_autoptr(GPtrArray) doomed = g_ptr_array_new();
    guint i;

    /* decide first, free after: descendants point at each other */
    for (i = 0; i < obj->snapshots->len; i++) {
        testSnapshot *s = g_ptr_array_index(obj->snapshots, i);
        if (testSnapshotIsDescendant(s, snap))
            g_ptr_array_add(doomed, s);
    }
    for (i = 0; i < doomed->len; i++) {
        testSnapshot *s = g_ptr_array_index(doomed, i);
        if (obj->currentSnapshot == s)
            obj->currentSnapshot = snap;
        g_ptr_array_remove(obj->snapshots, s);
    }
}

static int
testDomainSnapshotDelete(vrDomainSnapshot *snapshot, unsigned int flags)
{
    testSnapshot *snap;

    vrCheckFlags(VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);
    TEST_SNAP_BEGIN(snapshot->domain, drv, obj, -1);
    if (!(snap = testSnapshotFind(obj, snapshot)))
        TEST_SNAP_END(drv, -1);
    if (flags & (VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        testSnapshotRemoveDescendants(obj, snap);
    if (!(flags & VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY))
        testSnapshotRemove(obj, snap);
    TEST_SNAP_END(drv, 0);
}

void
testSnapshotDriverInit(vrHypervisorDriver *hv)
{
    hv->domainSnapshotCreateXML = testDomainSnapshotCreateXML;
    hv->domainSnapshotGetXMLDesc = testDomainSnapshotGetXMLDesc;
    hv->domainSnapshotNum = testDomainSnapshotNum;
    hv->domainListAllSnapshots = testDomainListAllSnapshots;
    hv->domainSnapshotNumChildren = testDomainSnapshotNumChildren;
    hv->domainSnapshotListAllChildren = testDomainSnapshotListAllChildren;
    hv->domainSnapshotLookupByName = testDomainSnapshotLookupByName;
    hv->domainHasCurrentSnapshot = testDomainHasCurrentSnapshot;
    hv->domainSnapshotCurrent = testDomainSnapshotCurrent;
    hv->domainSnapshotGetParent = testDomainSnapshotGetParent;
    hv->domainSnapshotIsCurrent = testDomainSnapshotIsCurrent;
    hv->domainSnapshotHasMetadata = testDomainSnapshotHasMetadata;
    hv->domainRevertToSnapshot = testDomainRevertToSnapshot;
    hv->domainSnapshotDelete = testDomainSnapshotDelete;
}
