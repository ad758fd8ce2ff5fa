/*
 * test_domain.c: guests of the test driver.
 *
 * Functions keep the names libvirt's test driver uses: its "unsupported
 * flags ... in function testDomainXxx" errors name them, and recorded
 * sessions contain those texts.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "libvireo/vrkeycode.h"
#include "libvireo/vrlocalstream.h"
#include "test_driver.h"
#include "test_png.h"
#include "util/vrbitmap.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrtypedparam.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_TEST

/* libvirt's "no limit" value for memory tuning parameters */
#define TEST_MEMORY_UNLIMITED 9007199254740991ULL

/* ---- object helpers ------------------------------------------------ */

void
testDomainObjFree(testDomainObj *obj)
{
    if (!obj)
        return;
    vrDomainDefFree(obj->def);
    vrDomainDefFree(obj->newDef);
    if (obj->snapshots)
        g_ptr_array_unref(obj->snapshots);
    g_free(obj);
}

bool
testDomainIsActive(const testDomainObj *obj)
{
    return obj->def->id >= 0;
}

vrDomainDef *
testDomainPersistentDef(testDomainObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

testDomainObj *
testDomainFindByUUID(testDriver *drv, const unsigned char *uuid)
{
    guint i;

    for (i = 0; i < drv->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(drv->domains, i);
        if (memcmp(obj->def->uuid, uuid, VR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

testDomainObj *
testDomainFindByName(testDriver *drv, const char *name)
{
    guint i;

    for (i = 0; i < drv->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(drv->domains, i);
        if (g_str_equal(obj->def->name, name))
            return obj;
    }
    return NULL;
}

testDomainObj *
testDomainFind(testDriver *drv, vrDomain *dom)
{
    testDomainObj *obj = testDomainFindByUUID(drv, dom->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!obj) {
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                      vrUUIDFormat(dom->uuid, uuid), dom->name);
    }
    return obj;
}

static void
testDomainRemove(testDriver *drv, testDomainObj *obj)
{
    g_ptr_array_remove(drv->domains, obj);
}

void
testDomainGenerateIfnames(vrDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->nnets; i++) {
        int n;

        if (def->nets[i]->ifname)
            continue;
        for (n = 0; n < 1024; n++) {
            g_autofree char *name = g_strdup_printf("testnet%d", n);
            bool used = false;
            for (j = 0; j < def->nnets && !used; j++)
                used = def->nets[j]->ifname && g_str_equal(def->nets[j]->ifname, name);
            if (!used) {
                def->nets[i]->ifname = g_steal_pointer(&name);
                break;
            }
        }
    }
}

void
testDomainStart(testDriver *drv, testDomainObj *obj, int reason)
{
    obj->def->id = drv->nextDomID++;
    obj->state = VR_DOMAIN_RUNNING;
    obj->reason = reason;
    obj->hasManagedSave = false;
    if (obj->persistent && !obj->newDef)
        obj->newDef = vrDomainDefCopy(obj->def, &testXMLOption);
}

void
testDomainStop(testDriver *drv, testDomainObj *obj, int reason)
{
    (void)drv;
    obj->state = VR_DOMAIN_SHUTOFF;
    obj->reason = reason;
    obj->def->id = -1;
    if (obj->newDef) {
        vrDomainDefFree(obj->def);
        obj->def = obj->newDef;
        obj->newDef = NULL;
        obj->def->id = -1;
    }
}

/* Stops a guest and forgets it if it was transient. */
static void
testDomainShutoff(testDriver *drv, testDomainObj *obj, int reason)
{
    testDomainStop(drv, obj, reason);
    if (!obj->persistent)
        testDomainRemove(drv, obj);
}

void
testDomainEventLifecycle(testDriver *drv, testDomainObj *obj, int type, int detail)
{
    vrObjectEventStateQueue(drv->eventState,
                            vrDomainEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                      obj->def->id, type, detail));
}

static vrDomain *
testDomainHandle(vrConnect *conn, testDomainObj *obj)
{
    return vrDomainNew(conn, obj->def->name, obj->def->uuid, obj->def->id);
}

/* libvirt's virDomainObjCheckActive: reported as a domain error */
static int
testDomainCheckRunning(testDomainObj *obj)
{
    if (!testDomainIsActive(obj)) {
        vrErrorReportFull(VR_FROM_DOMAIN, VR_ERR_OPERATION_INVALID, "%s",
                          "domain is not running");
        return -1;
    }
    return 0;
}

/* Resolves AFFECT_CURRENT and checks the request makes sense for the
 * guest's state, then returns the live and/or config definition. */
static int
testDomainGetDefs(testDomainObj *obj, unsigned int flags, vrDomainDef **live,
                  vrDomainDef **config)
{
    bool active = testDomainIsActive(obj);

    if (live)
        *live = NULL;
    if (config)
        *config = NULL;
    if ((flags & (VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG)) == 0)
        flags |= active ? VR_DOMAIN_AFFECT_LIVE : VR_DOMAIN_AFFECT_CONFIG;
    /* virDomainObjUpdateModificationImpact's errors are domain errors */
    if ((flags & VR_DOMAIN_AFFECT_LIVE) && !active) {
        vrErrorReportFull(VR_FROM_DOMAIN, VR_ERR_OPERATION_INVALID, "%s",
                          "domain is not running");
        return -1;
    }
    if ((flags & VR_DOMAIN_AFFECT_CONFIG) && !obj->persistent) {
        vrErrorReportFull(VR_FROM_DOMAIN, VR_ERR_OPERATION_INVALID, "%s",
                          "transient domains do not have any persistent config");
        return -1;
    }
    if ((flags & VR_DOMAIN_AFFECT_LIVE) && live)
        *live = obj->def;
    if ((flags & VR_DOMAIN_AFFECT_CONFIG) && config)
        *config = testDomainPersistentDef(obj);
    return 0;
}

static vrDomainDef *
testDomainGetOneDef(testDomainObj *obj, unsigned int flags)
{
    vrDomainDef *live, *config;

    if ((flags & VR_DOMAIN_AFFECT_LIVE) && (flags & VR_DOMAIN_AFFECT_CONFIG)) {
        vrReportInvalidArg("%s",
                      "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        return NULL;
    }
    if (testDomainGetDefs(obj, flags, &live, &config) < 0)
        return NULL;
    return live ? live : config;
}

/* Every call that names a guest starts the same way. */
#define TEST_DOMAIN_BEGIN(dom, drv, obj, ret) \
    testDriver *drv = testDriverFrom((dom)->conn); \
    testDomainObj *obj; \
    g_mutex_lock(&drv->lock); \
    if (!(obj = testDomainFind(drv, (dom)))) { \
        g_mutex_unlock(&drv->lock); \
        return ret; \
    }

#define TEST_DOMAIN_END(drv, ret) \
    do { \
        g_mutex_unlock(&(drv)->lock); \
        return ret; \
    } while (0)

/* ---- listing and lookup -------------------------------------------- */

static bool
testDomainMatchFilter(testDomainObj *obj, unsigned int flags)
{
    bool active = testDomainIsActive(obj);

#define FILTER(yes, no, cond) \
    if ((flags & ((yes) | (no))) && \
        !(((flags & (yes)) && (cond)) || ((flags & (no)) && !(cond)))) \
        return false
    FILTER(VR_CONNECT_LIST_DOMAINS_ACTIVE, VR_CONNECT_LIST_DOMAINS_INACTIVE, active);
    FILTER(VR_CONNECT_LIST_DOMAINS_PERSISTENT, VR_CONNECT_LIST_DOMAINS_TRANSIENT, obj->persistent);
    FILTER(VR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
           obj->hasManagedSave);
    FILTER(VR_CONNECT_LIST_DOMAINS_AUTOSTART, VR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
           obj->autostart);
    FILTER(VR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
           obj->snapshots->len > 0);
    FILTER(VR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, VR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, true);
#undef FILTER
    if (flags & (VR_CONNECT_LIST_DOMAINS_RUNNING | VR_CONNECT_LIST_DOMAINS_PAUSED |
                 VR_CONNECT_LIST_DOMAINS_SHUTOFF | VR_CONNECT_LIST_DOMAINS_OTHER)) {
        bool ok = ((flags & VR_CONNECT_LIST_DOMAINS_RUNNING) && obj->state == VR_DOMAIN_RUNNING) ||
                  ((flags & VR_CONNECT_LIST_DOMAINS_PAUSED) && obj->state == VR_DOMAIN_PAUSED) ||
                  ((flags & VR_CONNECT_LIST_DOMAINS_SHUTOFF) && obj->state == VR_DOMAIN_SHUTOFF) ||
                  ((flags & VR_CONNECT_LIST_DOMAINS_OTHER) &&
                   obj->state != VR_DOMAIN_RUNNING && obj->state != VR_DOMAIN_PAUSED &&
                   obj->state != VR_DOMAIN_SHUTOFF);
        if (!ok)
            return false;
    }
    return true;
}

static int
testConnectListAllDomains(vrConnect *conn, vrDomain ***domains, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();
    guint i;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(drv->domains, i);
        if (testDomainMatchFilter(obj, flags))
            g_ptr_array_add(list, obj);
    }
    if (domains) {
        *domains = g_new0(vrDomain *, list->len + 1);
        for (i = 0; i < list->len; i++)
            (*domains)[i] = testDomainHandle(conn, g_ptr_array_index(list, i));
    }
    g_mutex_unlock(&drv->lock);
    return (int)list->len;
}

static int
testConnectNumOfDomains(vrConnect *conn)
{
    return testConnectListAllDomains(conn, NULL, VR_CONNECT_LIST_DOMAINS_ACTIVE);
}

static int
testConnectNumOfDefinedDomains(vrConnect *conn)
{
    return testConnectListAllDomains(conn, NULL, VR_CONNECT_LIST_DOMAINS_INACTIVE);
}

static int
testConnectListDomains(vrConnect *conn, int *ids, int maxids)
{
    testDriver *drv = testDriverFrom(conn);
    guint i;
    int n = 0;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->domains->len && n < maxids; i++) {
        testDomainObj *obj = g_ptr_array_index(drv->domains, i);
        if (testDomainIsActive(obj))
            ids[n++] = obj->def->id;
    }
    g_mutex_unlock(&drv->lock);
    return n;
}

static int
testConnectListDefinedDomains(vrConnect *conn, char **names, int maxnames)
{
    testDriver *drv = testDriverFrom(conn);
    guint i;
    int n = 0;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->domains->len && n < maxnames; i++) {
        testDomainObj *obj = g_ptr_array_index(drv->domains, i);
        if (!testDomainIsActive(obj))
            names[n++] = g_strdup(obj->def->name);
    }
    g_mutex_unlock(&drv->lock);
    return n;
}

static vrDomain *
testDomainLookupByID(vrConnect *conn, int id)
{
    testDriver *drv = testDriverFrom(conn);
    vrDomain *dom = NULL;
    guint i;

    g_mutex_lock(&drv->lock);
    for (i = 0; i < drv->domains->len; i++) {
        testDomainObj *obj = g_ptr_array_index(drv->domains, i);
        if (obj->def->id == id) {
            dom = testDomainHandle(conn, obj);
            break;
        }
    }
    g_mutex_unlock(&drv->lock);
    if (!dom)
        /* libvirt's test driver names nothing: "Domain not found" */
        vrErrorReportPlain(VR_FROM_TEST, VR_ERR_NO_DOMAIN);
    return dom;
}

static vrDomain *
testDomainLookupByName(vrConnect *conn, const char *name)
{
    testDriver *drv = testDriverFrom(conn);
    testDomainObj *obj;
    vrDomain *dom = NULL;

    g_mutex_lock(&drv->lock);
    if ((obj = testDomainFindByName(drv, name)))
        dom = testDomainHandle(conn, obj);
    g_mutex_unlock(&drv->lock);
    if (!dom)
        /* libvirt's test driver names nothing: "Domain not found" */
        vrErrorReportPlain(VR_FROM_TEST, VR_ERR_NO_DOMAIN);
    return dom;
}

static vrDomain *
testDomainLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    testDriver *drv = testDriverFrom(conn);
    testDomainObj *obj;
    vrDomain *dom = NULL;

    g_mutex_lock(&drv->lock);
    if ((obj = testDomainFindByUUID(drv, uuid)))
        dom = testDomainHandle(conn, obj);
    g_mutex_unlock(&drv->lock);
    if (!dom)
        /* libvirt's test driver names nothing: "Domain not found" */
        vrErrorReportPlain(VR_FROM_TEST, VR_ERR_NO_DOMAIN);
    return dom;
}

/* ---- define / create ----------------------------------------------- */

/* Finds where a new definition goes, refusing name/UUID clashes the way
 * libvirt's domain list does. */
static int
testDomainCheckClash(testDriver *drv, const vrDomainDef *def, bool startingLive,
                     testDomainObj **existing)
{
    testDomainObj *obj = testDomainFindByUUID(drv, def->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    *existing = NULL;
    if (obj) {
        if (!g_str_equal(obj->def->name, def->name)) {
            vrReportError(VR_ERR_OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                          obj->def->name, vrUUIDFormat(def->uuid, uuid));
            return -1;
        }
        if (startingLive) {
            if (testDomainIsActive(obj)) {
                vrReportError(VR_ERR_OPERATION_INVALID, "domain '%s' is already active",
                              obj->def->name);
                return -1;
            }
            if (!obj->persistent) {
                vrReportError(VR_ERR_OPERATION_INVALID, "domain '%s' is already being started",
                              obj->def->name);
                return -1;
            }
        }
        *existing = obj;
        return 0;
    }
    if ((obj = testDomainFindByName(drv, def->name))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "domain '%s' already exists with uuid %s",
                      def->name, vrUUIDFormat(obj->def->uuid, uuid));
        return -1;
    }
    return 0;
}

static testDomainObj *
testDomainObjNew(testDriver *drv, vrDomainDef *def)
{
    testDomainObj *obj = g_new0(testDomainObj, 1);

    obj->def = def;
    obj->state = VR_DOMAIN_SHUTOFF;
    obj->reason = VR_DOMAIN_SHUTOFF_UNKNOWN;
    obj->seconds = TEST_DOMAIN_TIME;
    obj->snapshots = g_ptr_array_new_with_free_func((GDestroyNotify)testSnapshotFree);
    g_ptr_array_add(drv->domains, obj);
    return obj;
}

static vrDomain *
testDomainDefineXMLFlags(vrConnect *conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(vrDomainDef) def = NULL;
    testDomainObj *obj;
    vrDomain *dom;
    bool updated = false;

    vrCheckFlags(VR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = vrDomainDefParseString(xml, &testXMLOption, 0)))
        return NULL;
    testDomainGenerateIfnames(def);

    g_mutex_lock(&drv->lock);
    if (testDomainCheckClash(drv, def, false, &obj) < 0) {
        g_mutex_unlock(&drv->lock);
        return NULL;
    }
    if (obj && testDomainIsActive(obj)) {
        vrDomainDefFree(obj->newDef);
        obj->newDef = g_steal_pointer(&def);
        updated = true;
    } else if (obj) {
        vrDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&def);
        updated = true;
    } else {
        obj = testDomainObjNew(drv, g_steal_pointer(&def));
    }
    obj->persistent = true;
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_DEFINED,
                             updated ? VR_DOMAIN_EVENT_DEFINED_UPDATED
                                     : VR_DOMAIN_EVENT_DEFINED_ADDED);
    dom = testDomainHandle(conn, obj);
    g_mutex_unlock(&drv->lock);
    return dom;
}

static vrDomain *
testDomainCreateXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autoptr(vrDomainDef) def = NULL;
    testDomainObj *obj;
    vrDomain *dom;

    vrCheckFlags(VR_DOMAIN_START_PAUSED | VR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = vrDomainDefParseString(xml, &testXMLOption, 0)))
        return NULL;
    testDomainGenerateIfnames(def);

    g_mutex_lock(&drv->lock);
    if (testDomainCheckClash(drv, def, true, &obj) < 0) {
        g_mutex_unlock(&drv->lock);
        return NULL;
    }
    if (obj) {
        /* a persistent, inactive guest runs with the given definition */
        obj->newDef = obj->def;
        obj->def = g_steal_pointer(&def);
    } else {
        obj = testDomainObjNew(drv, g_steal_pointer(&def));
    }
    testDomainStart(drv, obj, VR_DOMAIN_RUNNING_BOOTED);
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STARTED, VR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VR_DOMAIN_START_PAUSED) {
        obj->state = VR_DOMAIN_PAUSED;
        obj->reason = VR_DOMAIN_PAUSED_USER;
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_SUSPENDED,
                                 VR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
    dom = testDomainHandle(conn, obj);
    g_mutex_unlock(&drv->lock);
    return dom;
}

static int
testDomainCreateWithFlags(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(VR_DOMAIN_START_PAUSED, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "Domain '%s' is already running",
                      obj->def->name);
        TEST_DOMAIN_END(drv, -1);
    }
    testDomainStart(drv, obj, VR_DOMAIN_RUNNING_BOOTED);
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STARTED, VR_DOMAIN_EVENT_STARTED_BOOTED);
    if (flags & VR_DOMAIN_START_PAUSED) {
        obj->state = VR_DOMAIN_PAUSED;
        obj->reason = VR_DOMAIN_PAUSED_USER;
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_SUSPENDED,
                                 VR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    }
    dom->id = obj->def->id;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainDestroyFlags(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(VR_DOMAIN_DESTROY_GRACEFUL, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED,
                             VR_DOMAIN_EVENT_STOPPED_DESTROYED);
    testDomainShutoff(drv, obj, VR_DOMAIN_SHUTOFF_DESTROYED);
    dom->id = -1;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainShutdownFlags(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    /* a paused guest shuts down too: only a stopped one refuses */
    if (obj->state == VR_DOMAIN_SHUTOFF) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "domain '%s' not running", obj->def->name);
        TEST_DOMAIN_END(drv, -1);
    }
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED, VR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
    testDomainShutoff(drv, obj, VR_DOMAIN_SHUTOFF_SHUTDOWN);
    TEST_DOMAIN_END(drv, 0);
}

/* The test driver's guest follows its on_reboot action. */
static int
testDomainReboot(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(VR_DOMAIN_REBOOT_ACPI_POWER_BTN | VR_DOMAIN_REBOOT_GUEST_AGENT |
                 VR_DOMAIN_REBOOT_INITCTL | VR_DOMAIN_REBOOT_SIGNAL |
                 VR_DOMAIN_REBOOT_PARAVIRT, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    obj->state = VR_DOMAIN_SHUTDOWN;
    obj->reason = VR_DOMAIN_SHUTDOWN_USER;
    switch (obj->def->onReboot) {
    case VR_DOMAIN_LIFECYCLE_DESTROY:
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED,
                                 VR_DOMAIN_EVENT_STOPPED_SHUTDOWN);
        testDomainShutoff(drv, obj, VR_DOMAIN_SHUTOFF_SHUTDOWN);
        break;
    case VR_DOMAIN_LIFECYCLE_PRESERVE:
        obj->state = VR_DOMAIN_SHUTDOWN;
        obj->reason = VR_DOMAIN_SHUTDOWN_USER;
        break;
    default:
        obj->state = VR_DOMAIN_RUNNING;
        obj->reason = VR_DOMAIN_RUNNING_BOOTED;
        break;
    }
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainReset(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainSuspend(vrDomain *dom)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (obj->state == VR_DOMAIN_SHUTOFF || obj->state == VR_DOMAIN_PAUSED) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "domain '%s' not running", obj->def->name);
        TEST_DOMAIN_END(drv, -1);
    }
    obj->state = VR_DOMAIN_PAUSED;
    obj->reason = VR_DOMAIN_PAUSED_USER;
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_SUSPENDED,
                             VR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainResume(vrDomain *dom)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (obj->state != VR_DOMAIN_PAUSED) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "domain '%s' not paused", obj->def->name);
        TEST_DOMAIN_END(drv, -1);
    }
    obj->state = VR_DOMAIN_RUNNING;
    obj->reason = VR_DOMAIN_RUNNING_UNPAUSED;
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_RESUMED,
                             VR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainUndefineFlags(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(VR_DOMAIN_UNDEFINE_MANAGED_SAVE | VR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                 VR_DOMAIN_UNDEFINE_NVRAM | VR_DOMAIN_UNDEFINE_KEEP_NVRAM, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (obj->hasManagedSave) {
        if (!(flags & VR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "Refusing to undefine while domain managed save image exists");
            TEST_DOMAIN_END(drv, -1);
        }
        obj->hasManagedSave = false;
    }
    if (obj->snapshots->len && !testDomainIsActive(obj)) {
        if (!(flags & VR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "cannot delete inactive domain with %u snapshots",
                          obj->snapshots->len);
            TEST_DOMAIN_END(drv, -1);
        }
    }
    if (flags & VR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA) {
        g_ptr_array_set_size(obj->snapshots, 0);
        obj->currentSnapshot = NULL;
    }
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_UNDEFINED,
                             VR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (testDomainIsActive(obj)) {
        /* a running guest carries on, transient */
        obj->persistent = false;
        vrDomainDefFree(obj->newDef);
        obj->newDef = NULL;
    } else {
        testDomainRemove(drv, obj);
    }
    TEST_DOMAIN_END(drv, 0);
}

/* ---- save / restore ------------------------------------------------ */

/* Save images are small files: a magic line, then the definition. */
static const char testSaveMagic[] = "VireoTestSave\n";

static int
testDomainSaveFlags(vrDomain *dom, const char *to, const char *dxml, unsigned int flags)
{
    g_autofree char *xml = NULL;
    g_autofree char *content = NULL;

    vrCheckFlags(0, -1);
    if (dxml) {
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                      "xml modification unsupported");
        return -1;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    xml = vrDomainDefFormat(obj->def, VR_DOMAIN_FORMAT_SECURE);
    content = g_strconcat(testSaveMagic, xml, NULL);
    if (vrFileWriteAtomic(to, content, strlen(content), 0600) < 0) {
        vrErrorSave();
        vrReportSystemError(errno, "cannot create domain image '%s'", to);
        TEST_DOMAIN_END(drv, -1);
    }
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED, VR_DOMAIN_EVENT_STOPPED_SAVED);
    testDomainShutoff(drv, obj, VR_DOMAIN_SHUTOFF_SAVED);
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainRestoreFlags(vrConnect *conn, const char *from, const char *dxml, unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    g_autofree char *content = NULL;
    g_autoptr(vrDomainDef) def = NULL;
    testDomainObj *obj;
    int rc;

    vrCheckFlags(0, -1);
    if (dxml) {
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "%s", "xml modification unsupported");
        return -1;
    }
    if ((rc = vrFileReadAll(from, 10 * 1024 * 1024, &content)) < 0) {
        int err = vrGetLastError() ? vrGetLastError()->int1 : EIO;
        g_autofree char *abs = g_path_is_absolute(from) ? g_strdup(from)
                                                        : g_build_filename(".", from, NULL);
        vrReportSystemError(err, "cannot read domain image '%s'", abs);
        return -1;
    }
    if (!g_str_has_prefix(content, testSaveMagic)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "mismatched header magic");
        return -1;
    }
    if (!(def = vrDomainDefParseString(content + strlen(testSaveMagic), &testXMLOption,
                                       VR_DOMAIN_PARSE_LIVE)))
        return -1;
    def->id = -1;

    g_mutex_lock(&drv->lock);
    if (testDomainCheckClash(drv, def, true, &obj) < 0) {
        g_mutex_unlock(&drv->lock);
        return -1;
    }
    if (obj) {
        vrDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&def);
    } else {
        obj = testDomainObjNew(drv, g_steal_pointer(&def));
    }
    testDomainStart(drv, obj, VR_DOMAIN_RUNNING_RESTORED);
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STARTED,
                             VR_DOMAIN_EVENT_STARTED_RESTORED);
    g_mutex_unlock(&drv->lock);
    return 0;
}

static int
testDomainManagedSave(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(VR_DOMAIN_SAVE_BYPASS_CACHE | VR_DOMAIN_SAVE_RUNNING |
                 VR_DOMAIN_SAVE_PAUSED, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot do managed save for transient domain");
        TEST_DOMAIN_END(drv, -1);
    }
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED, VR_DOMAIN_EVENT_STOPPED_SAVED);
    testDomainStop(drv, obj, VR_DOMAIN_SHUTOFF_SAVED);
    obj->hasManagedSave = true;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainHasManagedSaveImage(vrDomain *dom, unsigned int flags)
{
    int ret;

    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    ret = obj->hasManagedSave ? 1 : 0;
    TEST_DOMAIN_END(drv, ret);
}

static int
testDomainManagedSaveRemove(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    obj->hasManagedSave = false;
    TEST_DOMAIN_END(drv, 0);
}

/* ---- information --------------------------------------------------- */

static int
testDomainGetInfo(vrDomain *dom, vrDomainInfo *info)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    info->state = (unsigned char)obj->state;
    info->maxMem = obj->def->memory;
    info->memory = obj->def->currentMemory;
    info->nrVirtCpu = (unsigned short)obj->def->vcpus;
    /* libvirt's test driver reports the wall clock as CPU time, running or not */
    info->cpuTime = (unsigned long long)g_get_real_time() * 1000;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetState(vrDomain *dom, int *state, int *reason, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    TEST_DOMAIN_END(drv, 0);
}

static char *
testDomainGetXMLDesc(vrDomain *dom, unsigned int flags)
{
    const vrDomainDef *def;
    unsigned int fmt = 0;
    char *xml;

    vrCheckFlags(VR_DOMAIN_XML_SECURE | VR_DOMAIN_XML_INACTIVE | VR_DOMAIN_XML_MIGRATABLE |
                 VR_DOMAIN_XML_UPDATE_CPU, NULL);
    TEST_DOMAIN_BEGIN(dom, drv, obj, NULL);
    if (flags & VR_DOMAIN_XML_INACTIVE) {
        def = testDomainPersistentDef(obj);
        fmt |= VR_DOMAIN_FORMAT_INACTIVE;
    } else {
        def = obj->def;
    }
    if (flags & VR_DOMAIN_XML_SECURE)
        fmt |= VR_DOMAIN_FORMAT_SECURE;
    if (flags & VR_DOMAIN_XML_MIGRATABLE)
        fmt |= VR_DOMAIN_FORMAT_MIGRATABLE;
    xml = vrDomainDefFormat(def, fmt);
    TEST_DOMAIN_END(drv, xml);
}

static char *
testDomainGetOSType(vrDomain *dom)
{
    char *type;

    /* libvirt's test driver answers "linux" whatever the definition says */
    TEST_DOMAIN_BEGIN(dom, drv, obj, NULL);
    type = g_strdup("linux");
    TEST_DOMAIN_END(drv, type);
}

static unsigned long long
testDomainGetMaxMemory(vrDomain *dom)
{
    unsigned long long mem;

    TEST_DOMAIN_BEGIN(dom, drv, obj, 0);
    mem = obj->def->memory;
    TEST_DOMAIN_END(drv, mem);
}

static int
testDomainGetVcpusFlags(vrDomain *dom, unsigned int flags)
{
    vrDomainDef *def;
    int ret;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_VCPU_MAXIMUM, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, -1);
    ret = (flags & VR_DOMAIN_VCPU_MAXIMUM) ? (int)def->maxvcpus : (int)def->vcpus;
    TEST_DOMAIN_END(drv, ret);
}

static int
testDomainGetMaxVcpus(vrDomain *dom)
{
    return testDomainGetVcpusFlags(dom, VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_VCPU_MAXIMUM);
}

static int
testDomainIsActiveAPI(vrDomain *dom)
{
    int ret;

    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    ret = testDomainIsActive(obj) ? 1 : 0;
    TEST_DOMAIN_END(drv, ret);
}

static int
testDomainIsPersistent(vrDomain *dom)
{
    int ret;

    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    ret = obj->persistent ? 1 : 0;
    TEST_DOMAIN_END(drv, ret);
}

static int
testDomainIsUpdated(vrDomain *dom)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    (void)obj;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetAutostart(vrDomain *dom, int *autostart)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    *autostart = obj->autostart ? 1 : 0;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainSetAutostart(vrDomain *dom, int autostart)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    obj->autostart = autostart != 0;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetSecurityLabel(vrDomain *dom, vrSecurityLabel *seclabel)
{
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    memset(seclabel, 0, sizeof(*seclabel));
    if (testDomainIsActive(obj)) {
        g_strlcpy(seclabel->label, "libvirt-test", sizeof(seclabel->label));
        seclabel->enforcing = 1;
    }
    TEST_DOMAIN_END(drv, 0);
}

static char *
testDomainGetSchedulerType(vrDomain *dom, int *nparams)
{
    (void)dom;
    if (nparams)
        *nparams = 1;
    return g_strdup("fair");
}

static int
testDomainGetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                      unsigned int flags)
{
    /* libvirt's test driver accepts no flags here, not even STRING_OKAY */
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    (void)obj;
    memset(&params[0], 0, sizeof(params[0]));
    g_strlcpy(params[0].field, "weight", sizeof(params[0].field));
    params[0].type = VR_TYPED_PARAM_UINT;
    params[0].value.ui = 50;
    *nparams = 1;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetSchedulerParameters(vrDomain *dom, vrTypedParameter *params, int *nparams)
{
    return testDomainGetSchedulerParametersFlags(dom, params, nparams, 0);
}

static int
testDomainSetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params, int nparams,
                                      unsigned int flags)
{
    int i;

    vrCheckFlags(0, -1);
    for (i = 0; i < nparams; i++) {
        if (!g_str_equal(params[i].field, "weight") || params[i].type != VR_TYPED_PARAM_UINT) {
            vrReportError(VR_ERR_INVALID_ARG, "parameter '%s' not supported", params[i].field);
            return -1;
        }
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    (void)obj;
    TEST_DOMAIN_END(drv, 0);
}

static unsigned long long
testMemtuneValue(bool set, unsigned long long value)
{
    return set ? value : TEST_MEMORY_UNLIMITED;
}

static int
testDomainGetMemoryParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                              unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    vrDomainDef *def;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_TYPED_PARAM_STRING_OKAY, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags & ~VR_TYPED_PARAM_STRING_OKAY)))
        TEST_DOMAIN_END(drv, -1);
    vrTypedParamListAddULLong(&list, "hard_limit", testMemtuneValue(def->hasHardLimit,
                                                                    def->hardLimit));
    vrTypedParamListAddULLong(&list, "soft_limit", testMemtuneValue(def->hasSoftLimit,
                                                                    def->softLimit));
    vrTypedParamListAddULLong(&list, "swap_hard_limit",
                              testMemtuneValue(def->hasSwapHardLimit, def->swapHardLimit));
    vrTypedParamListExport(&list, params, nparams);
    TEST_DOMAIN_END(drv, 0);
}

static void
testDomainApplyMemtune(vrDomainDef *def, const vrTypedParameter *p)
{
    bool set = p->value.ul != TEST_MEMORY_UNLIMITED;

    if (g_str_equal(p->field, "hard_limit")) {
        def->hardLimit = p->value.ul;
        def->hasHardLimit = set;
    } else if (g_str_equal(p->field, "soft_limit")) {
        def->softLimit = p->value.ul;
        def->hasSoftLimit = set;
    } else if (g_str_equal(p->field, "swap_hard_limit")) {
        def->swapHardLimit = p->value.ul;
        def->hasSwapHardLimit = set;
    }
}

static int
testDomainSetMemoryParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                              unsigned int flags)
{
    vrDomainDef *live, *config;
    int i;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    for (i = 0; i < nparams; i++) {
        if ((!g_str_equal(params[i].field, "hard_limit") &&
             !g_str_equal(params[i].field, "soft_limit") &&
             !g_str_equal(params[i].field, "swap_hard_limit")) ||
            params[i].type != VR_TYPED_PARAM_ULLONG) {
            vrReportError(VR_ERR_INVALID_ARG, "invalid argument: parameter '%s'", params[i].field);
            return -1;
        }
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainGetDefs(obj, flags, &live, &config) < 0)
        TEST_DOMAIN_END(drv, -1);
    for (i = 0; i < nparams; i++) {
        if (live)
            testDomainApplyMemtune(live, &params[i]);
        if (config)
            testDomainApplyMemtune(config, &params[i]);
    }
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetMessages(vrDomain *dom, char ***msgs, unsigned int flags)
{
    (void)flags;
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    (void)obj;
    *msgs = NULL;
    TEST_DOMAIN_END(drv, 0);
}

/* ---- changes ------------------------------------------------------- */

static int
testDomainSetMemoryFlags(vrDomain *dom, unsigned long memory, unsigned int flags)
{
    vrDomainDef *live, *config;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_MEM_MAXIMUM, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    /* libvirt's test driver changes one definition: live or config */
    if (!testDomainGetOneDef(obj, flags & ~VR_DOMAIN_MEM_MAXIMUM) ||
        testDomainGetDefs(obj, flags & ~VR_DOMAIN_MEM_MAXIMUM, &live, &config) < 0)
        TEST_DOMAIN_END(drv, -1);
    if (flags & VR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                          "cannot resize the maximum memory on an active domain");
            TEST_DOMAIN_END(drv, -1);
        }
        config->memory = memory;
        if (config->currentMemory > memory)
            config->currentMemory = memory;
        TEST_DOMAIN_END(drv, 0);
    }
    if ((live && memory > live->memory) || (config && memory > config->memory)) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
        TEST_DOMAIN_END(drv, -1);
    }
    if (live)
        live->currentMemory = memory;
    if (config)
        config->currentMemory = memory;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainSetMaxMemory(vrDomain *dom, unsigned long memory)
{
    return testDomainSetMemoryFlags(dom, memory, VR_DOMAIN_MEM_MAXIMUM);
}

static int
testDomainSetVcpusFlags(vrDomain *dom, unsigned int nvcpus, unsigned int flags)
{
    vrDomainDef *live, *config;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_VCPU_MAXIMUM, -1);
    if (nvcpus > 32) {
        vrReportError(VR_ERR_INVALID_ARG,
                      "requested cpu amount exceeds maximum supported amount (%u > %d)",
                      nvcpus, 32);
        return -1;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainGetDefs(obj, flags & ~VR_DOMAIN_VCPU_MAXIMUM, &live, &config) < 0)
        TEST_DOMAIN_END(drv, -1);
    if (live && (flags & VR_DOMAIN_VCPU_MAXIMUM)) {
        vrReportError(VR_ERR_INVALID_ARG, "%s",
                      "cannot change maximum vCPU count of a running domain");
        TEST_DOMAIN_END(drv, -1);
    }
    if (live && nvcpus > live->maxvcpus) {
        vrReportError(VR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                      nvcpus, live->maxvcpus);
        TEST_DOMAIN_END(drv, -1);
    }
    if (config && !(flags & VR_DOMAIN_VCPU_MAXIMUM) && nvcpus > config->maxvcpus) {
        vrReportError(VR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                      nvcpus, config->maxvcpus);
        TEST_DOMAIN_END(drv, -1);
    }
    if (live)
        vrDomainDefSetVcpus(live, nvcpus);
    if (config) {
        if (flags & VR_DOMAIN_VCPU_MAXIMUM)
            vrDomainDefSetMaxVcpus(config, nvcpus);
        else
            vrDomainDefSetVcpus(config, nvcpus);
    }
    TEST_DOMAIN_END(drv, 0);
}

/* ---- metadata ------------------------------------------------------ */

static char **
testDomainMetadataField(vrDomainDef *def, int type)
{
    if (type == VR_DOMAIN_METADATA_DESCRIPTION)
        return &def->description;
    if (type == VR_DOMAIN_METADATA_TITLE)
        return &def->title;
    return &def->metadata;
}

static char *
testDomainGetMetadata(vrDomain *dom, int type, const char *uri, unsigned int flags)
{
    vrDomainDef *def;
    char *ret;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, NULL);
    if (type < VR_DOMAIN_METADATA_DESCRIPTION || type > VR_DOMAIN_METADATA_ELEMENT) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        return NULL;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, NULL);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, NULL);
    if (type == VR_DOMAIN_METADATA_ELEMENT)
        ret = vrDomainMetadataGetElement(def, uri);
    else
        ret = g_strdup(*testDomainMetadataField(def, type));
    if (!ret && !vrErrorIsSet())
        vrReportError(VR_ERR_NO_DOMAIN_METADATA, "%s", "Requested metadata element is not present");
    TEST_DOMAIN_END(drv, ret);
}

static int
testDomainSetMetadata(vrDomain *dom, int type, const char *metadata, const char *key,
                      const char *uri, unsigned int flags)
{
    vrDomainDef *defs[2];
    size_t i;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    if (type < VR_DOMAIN_METADATA_DESCRIPTION || type > VR_DOMAIN_METADATA_ELEMENT) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        return -1;
    }
    if (type == VR_DOMAIN_METADATA_TITLE && metadata && strchr(metadata, '\n')) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Domain title can't contain newlines");
        return -1;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainGetDefs(obj, flags, &defs[0], &defs[1]) < 0)
        TEST_DOMAIN_END(drv, -1);
    for (i = 0; i < 2; i++) {
        if (!defs[i])
            continue;
        if (type == VR_DOMAIN_METADATA_ELEMENT) {
            if (vrDomainMetadataSetElement(defs[i], metadata, key, uri) < 0)
                TEST_DOMAIN_END(drv, -1);
            continue;
        }
        {
            char **field = testDomainMetadataField(defs[i], type);
            g_free(*field);
            *field = metadata && *metadata ? g_strdup(metadata) : NULL;
        }
    }
    vrObjectEventStateQueue(drv->eventState,
                            vrDomainEventMetadataChangeNew(obj->def->name, obj->def->uuid,
                                                           obj->def->id, type,
                                                           type == VR_DOMAIN_METADATA_ELEMENT
                                                               ? uri : NULL));
    TEST_DOMAIN_END(drv, 0);
}

/* ---- streams ------------------------------------------------------- */

static char *
testDomainScreenshot(vrDomain *dom, vrStream *st, unsigned int screen, unsigned int flags)
{
    g_autofree unsigned char *png = NULL;
    size_t len;

    vrCheckFlags(0, NULL);
    if (screen != 0) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "invalid screen ID");
        return NULL;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, NULL);
    (void)obj;
    png = testScreenshotPNG(&len);
    if (vrStreamOpenMemory(st, png, len) < 0)
        TEST_DOMAIN_END(drv, NULL);
    TEST_DOMAIN_END(drv, g_strdup("image/png"));
}

/* ---- devices, agent and control channel ----------------------------- */

/* A disk by target ("vda") or, for names starting with '/', by source
 * path; a path shared by several disks names none of them. */
static vrDomainDiskDef *
testDomainDiskByName(vrDomainDef *def, const char *name)
{
    vrDomainDiskDef *found = NULL;
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        vrDomainDiskDef *disk = def->disks[i];

        if (name[0] != '/') {
            if (disk->dst && g_str_equal(disk->dst, name))
                return disk;
        } else if (g_strcmp0(vrDomainDiskSourcePath(disk), name) == 0) {
            if (found)
                return NULL;
            found = disk;
        }
    }
    return found;
}

static bool
testDomainDiskIsEmpty(const vrDomainDiskDef *disk)
{
    if (!disk->src || disk->src->type == VR_STORAGE_TYPE_NONE)
        return true;
    return disk->src->type != VR_STORAGE_TYPE_NETWORK && !disk->src->path;
}

static int
testDomainGetBlockInfo(vrDomain *dom, const char *path, vrDomainBlockInfo *info,
                       unsigned int flags)
{
    vrDomainDiskDef *disk;

    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(disk = testDomainDiskByName(obj->def, path))) {
        vrReportError(VR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", path);
        TEST_DOMAIN_END(drv, -1);
    }
    if (testDomainDiskIsEmpty(disk)) {
        vrReportError(VR_ERR_INVALID_ARG, "disk '%s' does not currently have a source assigned",
                      path);
        TEST_DOMAIN_END(drv, -1);
    }
    /* libvirt's fictional 1 TiB image, slightly smaller inside than out */
    info->capacity = 1099506450432ULL;
    info->allocation = 1099511627776ULL;
    info->physical = 1099511627776ULL;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetControlInfo(vrDomain *dom, vrDomainControlInfo *info, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    memset(info, 0, sizeof(*info));
    info->state = VR_DOMAIN_CONTROL_OK;
    TEST_DOMAIN_END(drv, 0);
}

static char *
testDomainGetHostname(vrDomain *dom, unsigned int flags)
{
    char *name;

    vrCheckFlags(0, NULL);
    TEST_DOMAIN_BEGIN(dom, drv, obj, NULL);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, NULL);
    name = g_strdup_printf("%shost", obj->def->name);
    TEST_DOMAIN_END(drv, name);
}

static int
testDomainGetDiskErrors(vrDomain *dom, vrDomainDiskError *errors, unsigned int maxerrors,
                        unsigned int flags)
{
    size_t i, n;

    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    if (!errors)
        TEST_DOMAIN_END(drv, (int)obj->def->ndisks);
    n = MIN(obj->def->ndisks, (size_t)maxerrors);
    /* every disk is in trouble, alternating between the two kinds */
    for (i = 0; i < n; i++) {
        errors[i].disk = g_strdup(obj->def->disks[i]->dst);
        errors[i].error = (int)(i % (VR_DOMAIN_DISK_ERROR_LAST - 1)) + 1;
    }
    TEST_DOMAIN_END(drv, (int)n);
}

static unsigned int
testNetmaskPrefix(const vrNetworkIPDef *ip, uint32_t addr)
{
    struct in_addr mask;

    if (ip->hasPrefix)
        return ip->prefix;
    if (ip->netmask && inet_pton(AF_INET, ip->netmask, &mask) == 1) {
        uint32_t m = ntohl(mask.s_addr);
        unsigned int n = 0;

        while (m & 0x80000000u) {
            n++;
            m <<= 1;
        }
        return n;
    }
    /* no mask given: the address class decides */
    if ((addr >> 31) == 0)
        return 8;
    if ((addr >> 30) == 2)
        return 16;
    return 24;
}

/* The address a guest interface on network @netname "leased": the
 * network's first DHCP address (or its own), stepped by guest id and by
 * interface, so different guests never collide. */
static int
testDomainNetworkAddress(testDriver *drv, const char *netname, int id, size_t idx,
                         char **addr, unsigned int *prefix)
{
    const vrNetworkIPDef *ip = NULL;
    const char *base;
    struct in_addr in;
    char buf[INET_ADDRSTRLEN];
    uint32_t value;
    guint i;

    for (i = 0; i < drv->networks->len; i++) {
        testNetworkObj *net = g_ptr_array_index(drv->networks, i);

        if (g_str_equal(net->def->name, netname)) {
            ip = vrNetworkDefIPv4(net->def);
            break;
        }
    }
    if (i == drv->networks->len) {
        vrReportError(VR_ERR_NO_NETWORK, "no network with matching name '%s'", netname);
        return -1;
    }
    if (!ip || !ip->address)
        return 0;
    base = ip->nranges && ip->ranges[0].start ? ip->ranges[0].start : ip->address;
    if (inet_pton(AF_INET, base, &in) != 1)
        return 0;
    value = ntohl(in.s_addr) + 1 + 20 * (uint32_t)(id - 1) + (uint32_t)idx;
    *prefix = testNetmaskPrefix(ip, ntohl(in.s_addr));
    in.s_addr = htonl(value);
    inet_ntop(AF_INET, &in, buf, sizeof(buf));
    *addr = g_strdup(buf);
    return 1;
}

static void
testDomainInterfacesFree(vrDomainInterface **ifaces, size_t n)
{
    size_t i;

    for (i = 0; ifaces && i < n; i++)
        vrDomainInterfaceFree(ifaces[i]);
    g_free(ifaces);
}

static int
testDomainInterfaceAddresses(vrDomain *dom, vrDomainInterface ***ifaces, unsigned int source,
                             unsigned int flags)
{
    vrDomainInterface **list;
    size_t i;

    vrCheckFlags(0, -1);
    if (source >= VR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "Unknown IP address data source %u", source);
        return -1;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    list = g_new0(vrDomainInterface *, obj->def->nnets + 1);
    for (i = 0; i < obj->def->nnets; i++) {
        const vrDomainNetDef *net = obj->def->nets[i];
        vrDomainInterface *iface = g_new0(vrDomainInterface, 1);
        char mac[18];
        int rc = 0;

        list[i] = iface;
        iface->name = g_strdup(net->ifname);
        vrMacFormat(net->mac, mac);
        iface->hwaddr = g_strdup(mac);
        iface->addrs = g_new0(vrDomainIPAddress, 1);
        iface->naddrs = 1;
        iface->addrs[0].type = VR_IP_ADDR_TYPE_IPV4;
        if (net->type == VR_DOMAIN_NET_TYPE_NETWORK && net->sourceNetwork &&
            (rc = testDomainNetworkAddress(drv, net->sourceNetwork, obj->def->id, i,
                                           &iface->addrs[0].addr,
                                           &iface->addrs[0].prefix)) < 0) {
            testDomainInterfacesFree(list, i + 1);
            TEST_DOMAIN_END(drv, -1);
        }
        if (rc == 0) {
            /* not on a network with an IPv4 range: a private address */
            iface->addrs[0].addr = g_strdup_printf("192.168.0.%zu", i + 1);
            iface->addrs[0].prefix = 24;
        }
    }
    *ifaces = list;
    TEST_DOMAIN_END(drv, (int)obj->def->nnets);
}

static vrDomainFSInfo *
testDomainFSInfoNew(const char *mountpoint, const char *disk, int part)
{
    vrDomainFSInfo *info = g_new0(vrDomainFSInfo, 1);

    info->mountpoint = g_strdup(mountpoint);
    info->name = g_strdup_printf("%s%d", disk, part);
    info->fstype = g_strdup("ext4");
    info->ndevAlias = 1;
    info->devAlias = g_new0(char *, 1);
    info->devAlias[0] = g_strdup(disk);
    return info;
}

static int
testDomainGetFSInfo(vrDomain *dom, vrDomainFSInfo ***info, unsigned int flags)
{
    size_t i;

    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    /* the guest mounts / and /boot from the first hard disk, if any */
    for (i = 0; i < obj->def->ndisks; i++) {
        const vrDomainDiskDef *disk = obj->def->disks[i];

        if (disk->device != VR_DOMAIN_DISK_DEVICE_DISK)
            continue;
        *info = g_new0(vrDomainFSInfo *, 3);
        (*info)[0] = testDomainFSInfoNew("/", disk->dst, 1);
        (*info)[1] = testDomainFSInfoNew("/boot", disk->dst, 2);
        TEST_DOMAIN_END(drv, 2);
    }
    TEST_DOMAIN_END(drv, 0);
}

/* ---- CPU placement and resource tuning ------------------------------ */


/* Every CPU the host has, as the test host describes itself. */
static vrBitmap *
testHostCPUs(testDriver *drv)
{
    const vrNodeInfo *ni = &drv->nodeInfo;
    vrBitmap *map = vrBitmapNew(ni->nodes * ni->sockets * ni->cores * ni->threads);

    vrBitmapSetAll(map);
    return map;
}

/* <vcpu cpuset=>: where vCPUs without their own pinning run. */
static vrBitmap *
testDomainDefaultCPUs(testDriver *drv, const vrDomainDef *def)
{
    if (def->cpumask) {
        g_autofree char *str = vrBitmapFormat(def->cpumask);
        vrBitmap *map = NULL;
        if (vrBitmapParse(str, VR_DOMAIN_CPUMAP_BITS, &map) == 0)
            return map;
        vrResetLastError();
    }
    return testHostCPUs(drv);
}

/* A copy of the pinning of vCPU @vcpu, or of the emulator when @vcpu is
 * -1; NULL when the guest does not pin it. */
static vrBitmap *
testDomainCputunePin(const vrDomainDef *def, int vcpu)
{
    const vrBitmap *pin = vcpu < 0 ? def->cputune.emulatorpin
                                   : (unsigned int)vcpu < def->maxvcpus
                                         ? def->vcpuList[vcpu].cpumask : NULL;
    g_autofree char *str = NULL;
    vrBitmap *map = NULL;

    if (!pin)
        return NULL;
    str = vrBitmapFormat(pin);
    if (vrBitmapParse(str, VR_DOMAIN_CPUMAP_BITS, &map) < 0)
        vrResetLastError();
    return map;
}

static int
testDomainGetVcpuPinInfo(vrDomain *dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                         unsigned int flags)
{
    g_autoptr(vrBitmap) fallback = NULL;
    vrDomainDef *def;
    int i;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, -1);
    fallback = testDomainDefaultCPUs(drv, def);
    for (i = 0; i < ncpumaps && i < (int)def->maxvcpus; i++) {
        g_autoptr(vrBitmap) pinned = testDomainCputunePin(def, i);

        vrBitmapToDataBuf(pinned ? pinned : fallback, VR_GET_CPUMAP(cpumaps, maplen, i),
                          (size_t)maplen);
    }
    TEST_DOMAIN_END(drv, i);
}

static int
testDomainGetEmulatorPinInfo(vrDomain *dom, unsigned char *cpumap, int maplen,
                             unsigned int flags)
{
    g_autoptr(vrBitmap) map = NULL;
    vrDomainDef *def;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, -1);
    if (!(map = testDomainCputunePin(def, -1)))
        map = testDomainDefaultCPUs(drv, def);
    vrBitmapToDataBuf(map, cpumap, (size_t)maplen);
    TEST_DOMAIN_END(drv, 1);
}

static int
testDomainGetNumaParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                            unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    g_autofree char *nodeset = NULL;
    int mode = VR_DOMAIN_NUMATUNE_MEM_STRICT;
    vrDomainDef *def;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_TYPED_PARAM_STRING_OKAY, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    /* libvirt's test driver answers the count without looking at the
     * guest's state: only fetching the values can fail on it */
    if (*nparams == 0) {
        *nparams = 2;
        TEST_DOMAIN_END(drv, 0);
    }
    if (!(def = testDomainGetOneDef(obj, flags & ~VR_TYPED_PARAM_STRING_OKAY)))
        TEST_DOMAIN_END(drv, -1);
    if (def->numatune.present) {
        mode = def->numatune.mode;
        if (def->numatune.nodeset)
            nodeset = vrBitmapFormat(def->numatune.nodeset);
    }
    vrTypedParamListAddInt(&list, VR_DOMAIN_NUMA_MODE, mode);
    vrTypedParamListAddString(&list, VR_DOMAIN_NUMA_NODESET, nodeset ? nodeset : "");
    vrTypedParamListExport(&list, params, nparams);
    TEST_DOMAIN_END(drv, 0);
}

/* The "path,value,path,value" form of one per-device blkio setting. */
static char *
testBlkioDeviceList(const vrDomainBlkiotuneDef *bt, size_t field)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < bt->ndevices; i++) {
        const vrDomainBlkiotuneDevice *d = &bt->devices[i];
        unsigned long long values[] = { d->weight, d->riops, d->wiops, d->rbps, d->wbps };

        if (!values[field])
            continue;
        g_string_append_printf(out, "%s%s,%llu", out->len ? "," : "", d->path, values[field]);
    }
    return g_string_free(out, FALSE);
}

static int
testDomainGetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                             unsigned int flags)
{
    static const char *const devices[] = {
        VR_DOMAIN_BLKIO_DEVICE_WEIGHT, VR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
        VR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VR_DOMAIN_BLKIO_DEVICE_READ_BPS,
        VR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
    };
    g_auto(vrTypedParamList) list = { 0 };
    vrDomainDef *def;
    size_t i;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_TYPED_PARAM_STRING_OKAY, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    /* as for NUMA: the count needs no definition */
    if (*nparams == 0) {
        *nparams = 1 + (int)G_N_ELEMENTS(devices);
        TEST_DOMAIN_END(drv, 0);
    }
    if (!(def = testDomainGetOneDef(obj, flags & ~VR_TYPED_PARAM_STRING_OKAY)))
        TEST_DOMAIN_END(drv, -1);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BLKIO_WEIGHT, def->blkiotune.weight);
    for (i = 0; i < G_N_ELEMENTS(devices); i++) {
        g_autofree char *value = testBlkioDeviceList(&def->blkiotune, i);

        vrTypedParamListAddString(&list, devices[i], value);
    }
    vrTypedParamListExport(&list, params, nparams);
    TEST_DOMAIN_END(drv, 0);
}

/* ---- statistics ------------------------------------------------------ */

/* The groups this driver can report; asking for others is not an error
 * unless the caller insists (ENFORCE_STATS). */
#define TEST_DOMAIN_STATS_SUPPORTED (VR_DOMAIN_STATS_STATE | VR_DOMAIN_STATS_IOTHREAD)

#define TEST_DOMAIN_STATS_FILTERS \
    (VR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE | \
     VR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | VR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT | \
     VR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED | \
     VR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)

static vrDomainStatsRecord *
testDomainStatsRecord(vrConnect *conn, testDomainObj *obj, unsigned int stats)
{
    g_auto(vrTypedParamList) list = { 0 };
    vrDomainStatsRecord *record = g_new0(vrDomainStatsRecord, 1);

    record->dom = testDomainHandle(conn, obj);
    if (stats & VR_DOMAIN_STATS_STATE) {
        vrTypedParamListAddInt(&list, "state.state", obj->state);
        vrTypedParamListAddInt(&list, "state.reason", obj->reason);
    }
    /* IOTHREAD: the test guests report no polling data */
    record->params = g_steal_pointer(&list.params);
    record->nparams = list.n;
    list.n = list.alloc = 0;
    return record;
}

static int
testConnectGetAllDomainStats(vrConnect *conn, vrDomain **doms, unsigned int ndoms,
                             unsigned int stats, vrDomainStatsRecord ***retStats,
                             unsigned int flags)
{
    testDriver *drv = testDriverFrom(conn);
    unsigned int filters = flags & TEST_DOMAIN_STATS_FILTERS;
    GPtrArray *records;
    guint i;
    int n;

    vrCheckFlags(TEST_DOMAIN_STATS_FILTERS | VR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
                 VR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                 VR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS, -1);
    if (stats == 0) {
        stats = TEST_DOMAIN_STATS_SUPPORTED;
    } else if ((flags & VR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
               (stats & ~TEST_DOMAIN_STATS_SUPPORTED)) {
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED,
                      "Stats types bits 0x%x are not supported by this daemon",
                      stats & ~TEST_DOMAIN_STATS_SUPPORTED);
        return -1;
    }
    stats &= TEST_DOMAIN_STATS_SUPPORTED;

    records = g_ptr_array_new();
    g_mutex_lock(&drv->lock);
    if (ndoms) {
        /* guests that vanished or do not pass the filters are skipped */
        for (i = 0; i < ndoms; i++) {
            testDomainObj *obj = testDomainFindByUUID(drv, doms[i]->uuid);

            if (obj && testDomainMatchFilter(obj, filters))
                g_ptr_array_add(records, testDomainStatsRecord(conn, obj, stats));
        }
    } else {
        for (i = 0; i < drv->domains->len; i++) {
            testDomainObj *obj = g_ptr_array_index(drv->domains, i);

            if (testDomainMatchFilter(obj, filters))
                g_ptr_array_add(records, testDomainStatsRecord(conn, obj, stats));
        }
    }
    g_mutex_unlock(&drv->lock);
    n = (int)records->len;
    g_ptr_array_add(records, NULL);
    *retStats = (vrDomainStatsRecord **)g_ptr_array_free(records, FALSE);
    return n;
}

/* ---- statistics and run-time information ------------------------------ */

static bool
testDomainHasMemballoon(const vrDomainDef *def)
{
    return def->memballoon && def->memballoon->model != VR_DOMAIN_MEMBALLOON_MODEL_NONE;
}

static int
testDomainMemoryStats(vrDomain *dom, vrDomainMemoryStatStruct *stats, unsigned int nr_stats,
                      unsigned int flags)
{
    unsigned long long cur;
    unsigned int n = 0;

    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    cur = obj->def->currentMemory;
    if (testDomainHasMemballoon(obj->def)) {
        /* libvirt's made-up figures, derived from the balloon size */
        const struct {
            int tag;
            unsigned long long val;
        } fake[] = {
            { VR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur },
            { VR_DOMAIN_MEMORY_STAT_SWAP_IN, 0 },
            { VR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0 },
            { VR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0 },
            { VR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0 },
            { VR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2 },
            { VR_DOMAIN_MEMORY_STAT_AVAILABLE, cur },
            { VR_DOMAIN_MEMORY_STAT_USABLE, cur / 2 },
            { VR_DOMAIN_MEMORY_STAT_LAST_UPDATE, TEST_DOMAIN_TIME },
            { VR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8 },
            { VR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0 },
            { VR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0 },
            { VR_DOMAIN_MEMORY_STAT_RSS, cur / 2 },
        };
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(fake) && n < nr_stats; i++, n++) {
            stats[n].tag = fake[i].tag;
            stats[n].val = fake[i].val;
        }
    }
    TEST_DOMAIN_END(drv, (int)n);
}

static int
testDomainSetMemoryStatsPeriod(vrDomain *dom, int period, unsigned int flags)
{
    vrDomainDef *def;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, -1);
    if (!testDomainHasMemballoon(def)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "No memory balloon device configured, can not set the collection period");
        TEST_DOMAIN_END(drv, -1);
    }
    def->memballoon->statsPeriod = period;
    def->memballoon->hasStatsPeriod = period != 0;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainBlockStats(vrDomain *dom, const char *path, vrDomainBlockStatsStruct *stats)
{
    long long base;

    if (!*path) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "summary statistics are not supported yet");
        return -1;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    if (!testDomainDiskByName(obj->def, path)) {
        vrReportError(VR_ERR_INVALID_ARG, "invalid path: %s", path);
        TEST_DOMAIN_END(drv, -1);
    }
    /* numbers that only grow, from the clock, as libvirt's test driver */
    base = g_get_real_time();
    stats->rd_req = base / 10;
    stats->rd_bytes = base / 20;
    stats->wr_req = base / 30;
    stats->wr_bytes = base / 40;
    stats->errs = base / (1000LL * 1000LL * 2);
    TEST_DOMAIN_END(drv, 0);
}

/* A network interface by MAC address or host-side name, reported as
 * libvirt reports an unknown one. */
static vrDomainNetDef *
testDomainNetFind(vrDomainDef *def, const char *device)
{
    unsigned char mac[6];
    bool byMac = vrMacParse(device, mac) == 0;
    size_t i;

    vrResetLastError();
    for (i = 0; i < def->nnets; i++) {
        vrDomainNetDef *net = def->nets[i];

        if (byMac ? memcmp(net->mac, mac, sizeof(mac)) == 0
                  : (net->ifname && g_str_equal(net->ifname, device)))
            return net;
    }
    /* virDomainNetFind's error */
    vrErrorReportFull(VR_FROM_DOMAIN, VR_ERR_INVALID_ARG, "'%s' is not a known interface",
                      device);
    return NULL;
}

static int
testDomainInterfaceStats(vrDomain *dom, const char *device, vrDomainInterfaceStatsStruct *stats)
{
    long long base;

    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0 || !testDomainNetFind(obj->def, device))
        TEST_DOMAIN_END(drv, -1);
    base = g_get_real_time();
    stats->rx_bytes = base / 10;
    stats->rx_packets = base / 100;
    stats->rx_errs = base / (1000LL * 1000LL);
    stats->rx_drop = base / (1000LL * 1000LL * 2);
    stats->tx_bytes = base / 20;
    stats->tx_packets = base / 110;
    stats->tx_errs = base / (1000LL * 1000LL * 3);
    stats->tx_drop = base / (1000LL * 1000LL * 4);
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetVcpus(vrDomain *dom, vrVcpuInfo *info, int maxinfo, unsigned char *cpumaps,
                   int maplen)
{
    g_autoptr(vrBitmap) fallback = NULL;
    long long base;
    vrDomainDef *def;
    int i;

    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!testDomainIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot list vcpus for an inactive domain");
        TEST_DOMAIN_END(drv, -1);
    }
    def = obj->def;
    base = g_get_real_time();
    fallback = testDomainDefaultCPUs(drv, def);
    if (maxinfo > (int)def->vcpus)
        maxinfo = (int)def->vcpus;
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
    for (i = 0; i < maxinfo; i++) {
        g_autoptr(vrBitmap) pinned = NULL;
        const vrBitmap *map;

        if ((unsigned int)i < def->maxvcpus && !def->vcpuList[i].online)
            continue;
        pinned = testDomainCputunePin(def, i);
        map = pinned ? pinned : fallback;
        if (cpumaps)
            vrBitmapToDataBuf(map, VR_GET_CPUMAP(cpumaps, maplen, i), (size_t)maplen);
        info[i].number = i;
        info[i].state = VR_VCPU_RUNNING;
        info[i].cpu = (int)vrBitmapLastSetBit(map);
        /* a CPU time that keeps growing */
        info[i].cpuTime = base / 10;
    }
    TEST_DOMAIN_END(drv, maxinfo);
}

/* ---- keyboard, NMI ----------------------------------------------------- */

static int
testDomainSendKey(vrDomain *dom, unsigned int codeset, unsigned int holdtime,
                  unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    int i;

    (void)holdtime;
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    for (i = 0; i < nkeycodes; i++) {
        if (vrKeycodeValueTranslate(codeset, codeset, (int)keycodes[i]) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "invalid keycode %u of %s codeset",
                          keycodes[i], vrKeycodeSetToString(codeset));
            TEST_DOMAIN_END(drv, -1);
        }
    }
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainInjectNMI(vrDomain *dom, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    TEST_DOMAIN_END(drv, 0);
}

/* ---- core dumps and save images ------------------------------------------ */

static int
testDomainCoreDumpWithFormat(vrDomain *dom, const char *to, unsigned int dumpformat,
                             unsigned int flags)
{
    vrCheckFlags(VR_DUMP_CRASH, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    /* the dump is a marker file: the magic, NUL-terminated */
    if (vrFileWriteAtomic(to, "TestGuestMagic", sizeof("TestGuestMagic"), 0600) < 0) {
        int err = vrGetLastError() ? vrGetLastError()->int1 : EIO;

        vrReportSystemError(err, "domain '%s' coredump: failed to open %s", dom->name, to);
        TEST_DOMAIN_END(drv, -1);
    }
    if (dumpformat != VR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "kdump-compressed format is not supported here");
        TEST_DOMAIN_END(drv, -1);
    }
    if (flags & VR_DUMP_CRASH) {
        testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_STOPPED,
                                 VR_DOMAIN_EVENT_STOPPED_CRASHED);
        testDomainShutoff(drv, obj, VR_DOMAIN_SHUTOFF_CRASHED);
        dom->id = -1;
    }
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainCoreDump(vrDomain *dom, const char *to, unsigned int flags)
{
    return testDomainCoreDumpWithFormat(dom, to, VR_DOMAIN_CORE_DUMP_FORMAT_RAW, flags);
}

/* Reads a save image: the definition it holds, parsed. */
static vrDomainDef *
testDomainSaveImageOpen(const char *path)
{
    g_autofree char *content = NULL;

    if (vrFileReadAll(path, 10 * 1024 * 1024, &content) < 0) {
        int err = vrGetLastError() ? vrGetLastError()->int1 : EIO;

        vrReportSystemError(err, "cannot read domain image '%s'", path);
        return NULL;
    }
    if (!g_str_has_prefix(content, testSaveMagic)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "mismatched header magic");
        return NULL;
    }
    return vrDomainDefParseString(content + strlen(testSaveMagic), &testXMLOption, 0);
}

static int
testDomainSaveImageWrite(const char *path, const vrDomainDef *def)
{
    g_autofree char *xml = vrDomainDefFormat(def, VR_DOMAIN_FORMAT_SECURE);
    g_autofree char *content = NULL;

    if (!xml)
        return -1;
    content = g_strconcat(testSaveMagic, xml, NULL);
    if (vrFileWriteAtomic(path, content, strlen(content), 0600) < 0) {
        int err = vrGetLastError() ? vrGetLastError()->int1 : EIO;

        vrReportSystemError(err, "saving domain '%s' to '%s': write failed", def->name, path);
        return -1;
    }
    return 0;
}

static char *
testDomainSaveImageGetXMLDesc(vrConnect *conn, const char *path, unsigned int flags)
{
    g_autoptr(vrDomainDef) def = NULL;

    (void)conn;
    vrCheckFlags(VR_DOMAIN_SAVE_IMAGE_XML_SECURE, NULL);
    if (!(def = testDomainSaveImageOpen(path)))
        return NULL;
    return vrDomainDefFormat(def, VR_DOMAIN_FORMAT_SECURE);
}

static int
testDomainSaveImageDefineXML(vrConnect *conn, const char *path, const char *dxml,
                             unsigned int flags)
{
    g_autoptr(vrDomainDef) old = NULL;
    g_autoptr(vrDomainDef) def = NULL;

    (void)conn;
    vrCheckFlags(VR_DOMAIN_SAVE_RUNNING | VR_DOMAIN_SAVE_PAUSED, -1);
    if (!(old = testDomainSaveImageOpen(path)))
        return -1;
    if (!(def = vrDomainDefParseString(dxml, &testXMLOption, 0)))
        return -1;
    return testDomainSaveImageWrite(path, def);
}

/* ---- block devices and interfaces: tuning ------------------------------- */

#define TEST_BLOCK_IOTUNE_MAX 1000000000000000ULL

static const struct {
    const char *field;
    size_t offset;
} testIotuneFields[] = {
#define IOTUNE(name, member) { name, G_STRUCT_OFFSET(vrDomainDiskIotune, member) }
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, totalBytesSec),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, readBytesSec),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, writeBytesSec),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, totalIopsSec),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, readIopsSec),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, writeIopsSec),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, totalBytesSecMax),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, readBytesSecMax),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, writeBytesSecMax),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, totalIopsSecMax),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, readIopsSecMax),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, writeIopsSecMax),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, sizeIopsSec),
    { VR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, 0 },
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, totalBytesSecMaxLength),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, readBytesSecMaxLength),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, writeBytesSecMaxLength),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, totalIopsSecMaxLength),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, readIopsSecMaxLength),
    IOTUNE(VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, writeIopsSecMaxLength),
#undef IOTUNE
};

#define IOTUNE_VAL(tune, i) \
    (*(unsigned long long *)((char *)(tune) + testIotuneFields[i].offset))

/* A disk of the definition by target name only, as libvirt's
 * virDomainDiskByName with allow_null_path. */
static vrDomainDiskDef *
testDomainDiskByTarget(vrDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (def->disks[i]->dst && g_str_equal(def->disks[i]->dst, name))
            return def->disks[i];
    }
    return testDomainDiskByName(def, name);
}

static int
testIotuneCheckPair(unsigned long long total, unsigned long long rd, unsigned long long wr,
                    const char *what)
{
    if ((total && rd) || (total && wr)) {
        vrReportError(VR_ERR_INVALID_ARG, "total and read/write of %s cannot be set at the "
                      "same time", what);
        return -1;
    }
    return 0;
}

static int
testDomainSetBlockIoTune(vrDomain *dom, const char *path, vrTypedParameter *params,
                         int nparams, unsigned int flags)
{
    vrDomainDiskIotune info;
    g_autofree char *group = NULL;
    vrDomainDiskDef *disk;
    vrDomainDef *def;
    int i;
    size_t f;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    for (i = 0; i < nparams; i++) {
        bool known = false;

        for (f = 0; f < G_N_ELEMENTS(testIotuneFields); f++) {
            if (g_str_equal(params[i].field, testIotuneFields[f].field)) {
                int want = g_str_equal(params[i].field, VR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME)
                               ? VR_TYPED_PARAM_STRING : VR_TYPED_PARAM_ULLONG;
                if (params[i].type != want) {
                    vrReportInvalidArg("invalid type for parameter '%s'", params[i].field);
                    return -1;
                }
                known = true;
            }
        }
        if (!known) {
            vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "parameter '%s' not supported",
                          params[i].field);
            return -1;
        }
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, -1);
    if (!(disk = testDomainDiskByTarget(def, path))) {
        vrReportError(VR_ERR_INVALID_ARG, "missing persistent configuration for disk '%s'",
                      path);
        TEST_DOMAIN_END(drv, -1);
    }
    info = disk->iotune;
    group = g_strdup(disk->iotune.groupName);
    for (i = 0; i < nparams; i++) {
        if (g_str_equal(params[i].field, VR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME)) {
            g_free(group);
            group = g_strdup(params[i].value.s);
            continue;
        }
        if (params[i].value.ul > TEST_BLOCK_IOTUNE_MAX) {
            vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED,
                          "block I/O throttle limit value must be no more than %llu",
                          TEST_BLOCK_IOTUNE_MAX);
            TEST_DOMAIN_END(drv, -1);
        }
        for (f = 0; f < G_N_ELEMENTS(testIotuneFields); f++) {
            if (g_str_equal(params[i].field, testIotuneFields[f].field))
                IOTUNE_VAL(&info, f) = params[i].value.ul;
        }
    }
    if (testIotuneCheckPair(info.totalBytesSec, info.readBytesSec, info.writeBytesSec,
                            "bytes_sec") < 0 ||
        testIotuneCheckPair(info.totalIopsSec, info.readIopsSec, info.writeIopsSec,
                            "iops_sec") < 0 ||
        testIotuneCheckPair(info.totalBytesSecMax, info.readBytesSecMax, info.writeBytesSecMax,
                            "bytes_sec_max") < 0 ||
        testIotuneCheckPair(info.totalIopsSecMax, info.readIopsSecMax, info.writeIopsSecMax,
                            "iops_sec_max") < 0)
        TEST_DOMAIN_END(drv, -1);
    /* libvirt's test driver compares each limit with its burst, which is
     * 0 unless set too (its message ends with a space) */
    for (f = 0; f < 6; f++) {
        if (IOTUNE_VAL(&info, f) > IOTUNE_VAL(&info, f + 6)) {
            vrReportError(VR_ERR_INVALID_ARG, "%s cannot be set higher than %s_max ",
                          testIotuneFields[f].field, testIotuneFields[f].field);
            TEST_DOMAIN_END(drv, -1);
        }
    }
    info.groupName = g_steal_pointer(&group);
    g_free(disk->iotune.groupName);
    disk->iotune = info;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetBlockIoTune(vrDomain *dom, const char *path, vrTypedParameter *params,
                         int *nparams, unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    vrDomainDiskDef *disk;
    vrDomainDef *def;
    size_t f;
    int rc;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_TYPED_PARAM_STRING_OKAY,
                 -1);
    flags &= ~VR_TYPED_PARAM_STRING_OKAY;
    if (*nparams == 0) {
        *nparams = (int)G_N_ELEMENTS(testIotuneFields);
        return 0;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)))
        TEST_DOMAIN_END(drv, -1);
    if (!(disk = testDomainDiskByTarget(def, path))) {
        vrReportError(VR_ERR_INVALID_ARG, "disk '%s' was not found in the domain config", path);
        TEST_DOMAIN_END(drv, -1);
    }
    for (f = 0; f < G_N_ELEMENTS(testIotuneFields); f++) {
        if (g_str_equal(testIotuneFields[f].field, VR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME))
            vrTypedParamListAddString(&list, testIotuneFields[f].field,
                                      disk->iotune.groupName ? disk->iotune.groupName : "");
        else
            vrTypedParamListAddULLong(&list, testIotuneFields[f].field,
                                      IOTUNE_VAL(&disk->iotune, f));
    }
    rc = vrTypedParamListExport(&list, params, nparams);
    TEST_DOMAIN_END(drv, rc);
}

static const char *const testBandwidthFields[] = {
    VR_DOMAIN_BANDWIDTH_IN_AVERAGE, VR_DOMAIN_BANDWIDTH_IN_PEAK, VR_DOMAIN_BANDWIDTH_IN_BURST,
    VR_DOMAIN_BANDWIDTH_IN_FLOOR, VR_DOMAIN_BANDWIDTH_OUT_AVERAGE,
    VR_DOMAIN_BANDWIDTH_OUT_PEAK, VR_DOMAIN_BANDWIDTH_OUT_BURST,
};

static void
testBandwidthRateSet(vrNetBandwidthRate *rate, unsigned long long average,
                     unsigned long long peak, unsigned long long burst, unsigned long long floor)
{
    memset(rate, 0, sizeof(*rate));
    rate->average = average;
    rate->hasAverage = average != 0;
    rate->peak = peak;
    rate->hasPeak = peak != 0;
    rate->burst = burst;
    rate->hasBurst = burst != 0;
    rate->floor = floor;
    rate->hasFloor = floor != 0;
}

static int
testDomainSetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                                 int nparams, unsigned int flags)
{
    unsigned long long v[G_N_ELEMENTS(testBandwidthFields)] = { 0 };
    bool inSpecified = false, outSpecified = false;
    vrDomainNetDef *net;
    vrDomainDef *def;
    bool hasIn, hasOut;
    int i;
    size_t f;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    for (i = 0; i < nparams; i++) {
        for (f = 0; f < G_N_ELEMENTS(testBandwidthFields); f++) {
            if (g_str_equal(params[i].field, testBandwidthFields[f]))
                break;
        }
        if (f == G_N_ELEMENTS(testBandwidthFields)) {
            vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "parameter '%s' not supported",
                          params[i].field);
            return -1;
        }
        if (params[i].type != VR_TYPED_PARAM_UINT) {
            vrReportInvalidArg("invalid type for parameter '%s'", params[i].field);
            return -1;
        }
        v[f] = params[i].value.ui;
        if (f == 0 || f == 3)
            inSpecified = true;
        if (f == 4)
            outSpecified = true;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)) || !(net = testDomainNetFind(def, device)))
        TEST_DOMAIN_END(drv, -1);
    /* average (or floor) is what makes a direction set; 0 clears it */
    hasIn = v[0] || v[3];
    hasOut = v[4] != 0;
    if (hasIn) {
        testBandwidthRateSet(&net->bandwidth.in, v[0], v[1], v[2], v[3]);
        net->bandwidth.hasIn = true;
    } else if (inSpecified) {
        memset(&net->bandwidth.in, 0, sizeof(net->bandwidth.in));
        net->bandwidth.hasIn = false;
    }
    if (hasOut) {
        testBandwidthRateSet(&net->bandwidth.out, v[4], v[5], v[6], 0);
        net->bandwidth.hasOut = true;
    } else if (outSpecified) {
        memset(&net->bandwidth.out, 0, sizeof(net->bandwidth.out));
        net->bandwidth.hasOut = false;
    }
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainGetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                                 int *nparams, unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    const vrNetBandwidthRate *in, *out;
    vrDomainNetDef *net;
    vrDomainDef *def;
    int rc;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_TYPED_PARAM_STRING_OKAY,
                 -1);
    flags &= ~VR_TYPED_PARAM_STRING_OKAY;
    if (*nparams == 0) {
        *nparams = (int)G_N_ELEMENTS(testBandwidthFields);
        return 0;
    }
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (!(def = testDomainGetOneDef(obj, flags)) || !(net = testDomainNetFind(def, device)))
        TEST_DOMAIN_END(drv, -1);
    in = &net->bandwidth.in;
    out = &net->bandwidth.out;
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_AVERAGE, (unsigned int)in->average);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_PEAK, (unsigned int)in->peak);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_BURST, (unsigned int)in->burst);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_FLOOR, (unsigned int)in->floor);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_AVERAGE, (unsigned int)out->average);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_PEAK, (unsigned int)out->peak);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_BURST, (unsigned int)out->burst);
    rc = vrTypedParamListExport(&list, params, nparams);
    TEST_DOMAIN_END(drv, rc);
}

/* ---- guest agent emulation ------------------------------------------------ */

static int
testDomainGetTime(vrDomain *dom, long long *seconds, unsigned int *nseconds,
                  unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (obj->state != VR_DOMAIN_RUNNING) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        TEST_DOMAIN_END(drv, -1);
    }
    *seconds = obj->seconds;
    *nseconds = obj->nseconds;
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainSetTime(vrDomain *dom, long long seconds, unsigned int nseconds, unsigned int flags)
{
    vrCheckFlags(VR_DOMAIN_TIME_SYNC, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    obj->seconds = seconds;
    obj->nseconds = nseconds;
    TEST_DOMAIN_END(drv, 0);
}

/* The test guest has two file systems: "/" and "/boot". */
static int
testDomainFSIndex(const char *mountpoint)
{
    if (g_str_equal(mountpoint, "/"))
        return 0;
    if (g_str_equal(mountpoint, "/boot"))
        return 1;
    vrReportError(VR_ERR_OPERATION_INVALID, "mount point not found: %s", mountpoint);
    return -1;
}

static int
testDomainFSTrim(vrDomain *dom, const char *mountPoint, unsigned long long minimum,
                 unsigned int flags)
{
    (void)minimum;
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0 || (mountPoint && testDomainFSIndex(mountPoint) < 0))
        TEST_DOMAIN_END(drv, -1);
    TEST_DOMAIN_END(drv, 0);
}

static int
testDomainFSFreezeThaw(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                       bool freeze)
{
    bool state[2];
    unsigned int i;
    int n = 0;

    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    memcpy(state, obj->frozen, sizeof(state));
    if (nmountpoints == 0) {
        for (i = 0; i < 2; i++) {
            n += state[i] != freeze;
            state[i] = freeze;
        }
    }
    for (i = 0; i < nmountpoints; i++) {
        int idx = testDomainFSIndex(mountpoints[i]);

        if (idx < 0)
            TEST_DOMAIN_END(drv, -1);
        if (state[idx] != freeze) {
            state[idx] = freeze;
            n++;
        }
    }
    memcpy(obj->frozen, state, sizeof(state));
    TEST_DOMAIN_END(drv, n);
}

static int
testDomainFSFreeze(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                   unsigned int flags)
{
    vrCheckFlags(0, -1);
    return testDomainFSFreezeThaw(dom, mountpoints, nmountpoints, true);
}

static int
testDomainFSThaw(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                 unsigned int flags)
{
    vrCheckFlags(0, -1);
    return testDomainFSFreezeThaw(dom, mountpoints, nmountpoints, false);
}

static int
testDomainSetUserPassword(vrDomain *dom, const char *user, const char *password,
                          unsigned int flags)
{
    (void)user;
    (void)password;
    vrCheckFlags(VR_DOMAIN_PASSWORD_ENCRYPTED, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainCheckRunning(obj) < 0)
        TEST_DOMAIN_END(drv, -1);
    TEST_DOMAIN_END(drv, 0);
}

/* ---- renaming ------------------------------------------------------------ */

static int
testDomainRename(vrDomain *dom, const char *new_name, unsigned int flags)
{
    vrCheckFlags(0, -1);
    TEST_DOMAIN_BEGIN(dom, drv, obj, -1);
    if (testDomainIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "cannot rename active domain");
        TEST_DOMAIN_END(drv, -1);
    }
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "cannot rename a transient domain");
        TEST_DOMAIN_END(drv, -1);
    }
    if (obj->state != VR_DOMAIN_SHUTOFF) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "domain has to be shutoff before renaming");
        TEST_DOMAIN_END(drv, -1);
    }
    if (g_str_equal(obj->def->name, new_name)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "Can't rename domain to itself");
        TEST_DOMAIN_END(drv, -1);
    }
    if (testDomainFindByName(drv, new_name)) {
        vrResetLastError();
        vrReportError(VR_ERR_OPERATION_INVALID, "domain with name '%s' already exists",
                      new_name);
        TEST_DOMAIN_END(drv, -1);
    }
    vrResetLastError();
    if (strchr(new_name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "name %s cannot contain '/'", new_name);
        TEST_DOMAIN_END(drv, -1);
    }
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_UNDEFINED,
                             VR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    g_free(obj->def->name);
    obj->def->name = g_strdup(new_name);
    testDomainEventLifecycle(drv, obj, VR_DOMAIN_EVENT_DEFINED, VR_DOMAIN_EVENT_DEFINED_RENAMED);
    TEST_DOMAIN_END(drv, 0);
}

/* ---- events ------------------------------------------------------------- */

static int
testConnectDomainEventRegisterAny(vrConnect *conn, vrDomain *dom, int eventID,
                                  vrConnectDomainEventGenericCallback cb, void *opaque,
                                  vrFreeCallback freecb)
{
    return vrObjectEventStateRegisterAny(testDriverFrom(conn)->eventState, conn, dom, eventID,
                                         cb, opaque, freecb);
}

static int
testConnectDomainEventDeregisterAny(vrConnect *conn, int callbackID)
{
    return vrObjectEventStateDeregisterID(testDriverFrom(conn)->eventState, conn, callbackID);
}

static int
testConnectDomainEventRegister(vrConnect *conn, vrConnectDomainEventCallback cb, void *opaque,
                               vrFreeCallback freecb)
{
    return vrObjectEventStateRegisterLegacy(testDriverFrom(conn)->eventState, conn, cb, opaque,
                                            freecb);
}

static int
testConnectDomainEventDeregister(vrConnect *conn, vrConnectDomainEventCallback cb)
{
    return vrObjectEventStateDeregisterLegacy(testDriverFrom(conn)->eventState, conn, cb);
}

void
testDomainDriverInit(vrHypervisorDriver *hv)
{
    hv->connectListAllDomains = testConnectListAllDomains;
    hv->connectNumOfDomains = testConnectNumOfDomains;
    hv->connectListDomains = testConnectListDomains;
    hv->connectNumOfDefinedDomains = testConnectNumOfDefinedDomains;
    hv->connectListDefinedDomains = testConnectListDefinedDomains;
    hv->domainLookupByID = testDomainLookupByID;
    hv->domainLookupByName = testDomainLookupByName;
    hv->domainLookupByUUID = testDomainLookupByUUID;
    hv->domainDefineXMLFlags = testDomainDefineXMLFlags;
    hv->domainCreateXML = testDomainCreateXML;
    hv->domainCreateWithFlags = testDomainCreateWithFlags;
    hv->domainDestroyFlags = testDomainDestroyFlags;
    hv->domainShutdownFlags = testDomainShutdownFlags;
    hv->domainReboot = testDomainReboot;
    hv->domainReset = testDomainReset;
    hv->domainSuspend = testDomainSuspend;
    hv->domainResume = testDomainResume;
    hv->domainUndefineFlags = testDomainUndefineFlags;
    hv->domainSaveFlags = testDomainSaveFlags;
    hv->domainRestoreFlags = testDomainRestoreFlags;
    hv->domainManagedSave = testDomainManagedSave;
    hv->domainHasManagedSaveImage = testDomainHasManagedSaveImage;
    hv->domainManagedSaveRemove = testDomainManagedSaveRemove;
    hv->domainGetInfo = testDomainGetInfo;
    hv->domainGetState = testDomainGetState;
    hv->domainGetXMLDesc = testDomainGetXMLDesc;
    hv->domainGetOSType = testDomainGetOSType;
    hv->domainGetMaxMemory = testDomainGetMaxMemory;
    hv->domainGetMaxVcpus = testDomainGetMaxVcpus;
    hv->domainGetVcpusFlags = testDomainGetVcpusFlags;
    hv->domainIsActive = testDomainIsActiveAPI;
    hv->domainIsPersistent = testDomainIsPersistent;
    hv->domainIsUpdated = testDomainIsUpdated;
    hv->domainGetAutostart = testDomainGetAutostart;
    hv->domainSetAutostart = testDomainSetAutostart;
    hv->domainGetSecurityLabel = testDomainGetSecurityLabel;
    hv->domainGetSchedulerType = testDomainGetSchedulerType;
    hv->domainGetSchedulerParameters = testDomainGetSchedulerParameters;
    hv->domainGetSchedulerParametersFlags = testDomainGetSchedulerParametersFlags;
    hv->domainSetSchedulerParametersFlags = testDomainSetSchedulerParametersFlags;
    hv->domainGetMemoryParameters = testDomainGetMemoryParameters;
    hv->domainSetMemoryParameters = testDomainSetMemoryParameters;
    hv->domainGetMetadata = testDomainGetMetadata;
    hv->domainSetMetadata = testDomainSetMetadata;
    hv->domainGetMessages = testDomainGetMessages;
    hv->domainSetMaxMemory = testDomainSetMaxMemory;
    hv->domainSetMemoryFlags = testDomainSetMemoryFlags;
    hv->domainSetVcpusFlags = testDomainSetVcpusFlags;
    hv->domainScreenshot = testDomainScreenshot;
    hv->domainGetBlockInfo = testDomainGetBlockInfo;
    hv->domainGetControlInfo = testDomainGetControlInfo;
    hv->domainGetHostname = testDomainGetHostname;
    hv->domainGetDiskErrors = testDomainGetDiskErrors;
    hv->domainInterfaceAddresses = testDomainInterfaceAddresses;
    hv->domainGetFSInfo = testDomainGetFSInfo;
    hv->domainGetVcpuPinInfo = testDomainGetVcpuPinInfo;
    hv->domainGetEmulatorPinInfo = testDomainGetEmulatorPinInfo;
    hv->domainGetNumaParameters = testDomainGetNumaParameters;
    hv->domainGetBlkioParameters = testDomainGetBlkioParameters;
    hv->connectGetAllDomainStats = testConnectGetAllDomainStats;
    hv->domainMemoryStats = testDomainMemoryStats;
    hv->domainSetMemoryStatsPeriod = testDomainSetMemoryStatsPeriod;
    hv->domainBlockStats = testDomainBlockStats;
    hv->domainInterfaceStats = testDomainInterfaceStats;
    hv->domainGetVcpus = testDomainGetVcpus;
    hv->domainSendKey = testDomainSendKey;
    hv->domainInjectNMI = testDomainInjectNMI;
    hv->domainCoreDump = testDomainCoreDump;
    hv->domainCoreDumpWithFormat = testDomainCoreDumpWithFormat;
    hv->domainSaveImageGetXMLDesc = testDomainSaveImageGetXMLDesc;
    hv->domainSaveImageDefineXML = testDomainSaveImageDefineXML;
    hv->domainSetBlockIoTune = testDomainSetBlockIoTune;
    hv->domainGetBlockIoTune = testDomainGetBlockIoTune;
    hv->domainSetInterfaceParameters = testDomainSetInterfaceParameters;
    hv->domainGetInterfaceParameters = testDomainGetInterfaceParameters;
    hv->domainGetTime = testDomainGetTime;
    hv->domainSetTime = testDomainSetTime;
    hv->domainFSTrim = testDomainFSTrim;
    hv->domainFSFreeze = testDomainFSFreeze;
    hv->domainFSThaw = testDomainFSThaw;
    hv->domainSetUserPassword = testDomainSetUserPassword;
    hv->domainRename = testDomainRename;
    hv->connectDomainEventRegisterAny = testConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = testConnectDomainEventDeregisterAny;
    hv->connectDomainEventRegister = testConnectDomainEventRegister;
    hv->connectDomainEventDeregister = testConnectDomainEventDeregister;
}
