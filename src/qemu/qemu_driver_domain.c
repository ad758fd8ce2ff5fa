/*
 * qemu_driver_domain.c: QEMU guests' definitions: listing, lookup,
 * define/undefine, XML and simple information.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "qemu_driver.h"
#include "qemu_events.h"
#include "qemu_postparse.h"
#include "qemu_process.h"
#include "qemu_status.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.domain"

/* libvirt's lifecycle event numbers for definitions. */
enum { EV_DEFINED = 0, EV_UNDEFINED = 1 };
enum { EV_DEFINED_ADDED = 0, EV_DEFINED_UPDATED = 1 };
enum { EV_UNDEFINED_REMOVED = 0 };

/* ---- helpers ------------------------------------------------------- */

vrQemuDomainObj *
vrQemuDomObjFromDomain(vrDomain *dom)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    vrQemuDomainObj *obj = vrQemuDomainObjListFindByUUID(driver->domains, dom->uuid);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!obj)
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                      vrUUIDFormat(dom->uuid, uuid), dom->name);
    return obj;
}

vrDomain *
vrQemuDomainHandle(vrConnect *conn, vrQemuDomainObj *obj)
{
    return vrDomainNew(conn, obj->def->name, obj->def->uuid, obj->def->id);
}

char *
vrQemuDomainConfigPath(vrQemuDriver *driver, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(driver->cfg->configDir, file, NULL);
}

int
vrQemuDomainSaveConfig(vrQemuDriver *driver, const vrDomainDef *def)
{
    g_autofree char *path = vrQemuDomainConfigPath(driver, def->name);
    g_autofree char *xml = vrDomainDefFormat(def, VR_DOMAIN_FORMAT_INACTIVE |
                                                  VR_DOMAIN_FORMAT_SECURE);

    return vrFileWriteAtomic(path, xml, strlen(xml), 0600);
}

int
vrQemuDomainDeleteConfig(vrQemuDriver *driver, const char *name)
{
    g_autofree char *path = vrQemuDomainConfigPath(driver, name);

    if (vrQemuDomainSetAutostartLink(driver, name, false) < 0)
        return -1;
    return vrFileRemoveIfExists(path);
}

int
vrQemuDomainSetAutostartLink(vrQemuDriver *driver, const char *name, bool on)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);
    g_autofree char *link = g_build_filename(driver->cfg->autostartDir, file, NULL);
    g_autofree char *target = vrQemuDomainConfigPath(driver, name);

    if (!on)
        return vrFileRemoveIfExists(link);
    if (vrFileMakePath(driver->cfg->autostartDir, 0755) < 0)
        return -1;
    vrFileRemoveIfExists(link);
    if (symlink(target, link) < 0) {
        vrReportSystemError(errno, "cannot create autostart link '%s' to '%s'", link, target);
        return -1;
    }
    return 0;
}

vrDomainDef *
vrQemuDomainParse(vrQemuDriver *driver, const char *xml, unsigned int parseFlags)
{
    g_autoptr(vrDomainDef) def = vrDomainDefParseString(xml, &driver->xmlopt, parseFlags);
    g_autoptr(vrQemuCaps) caps = NULL;

    if (!def)
        return NULL;
    if (def->virtType != VR_DOMAIN_VIRT_QEMU && def->virtType != VR_DOMAIN_VIRT_KVM) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "domain type '%s' of guest '%s' is not one QEMU runs: use 'qemu' or 'kvm'",
                      vrDomainVirtTypeToString(def->virtType), def->name);
        return NULL;
    }
    if (!(caps = vrQemuProcessCaps(driver, def)) ||
        vrQemuDomainDefPostParse(def, caps, driver->cfg) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

#define QEMU_DOMAIN_BEGIN(dom, obj, ret) \
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom); \
    if (!obj) \
        return ret

int
vrQemuDomainGetDefs(vrQemuDomainObj *obj, unsigned int flags, vrDomainDef **live,
                    vrDomainDef **config)
{
    bool active = vrQemuDomainObjIsActive(obj);

    *live = *config = NULL;
    if ((flags & (VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG)) == 0)
        flags |= active ? VR_DOMAIN_AFFECT_LIVE : VR_DOMAIN_AFFECT_CONFIG;
    if ((flags & VR_DOMAIN_AFFECT_LIVE) && !active) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    if ((flags & VR_DOMAIN_AFFECT_CONFIG) && !obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "transient domains do not have any persistent config");
        return -1;
    }
    if (flags & VR_DOMAIN_AFFECT_LIVE)
        *live = obj->def;
    if (flags & VR_DOMAIN_AFFECT_CONFIG)
        *config = vrQemuDomainObjPersistentDef(obj);
    return 0;
}

/* ---- listing and lookup -------------------------------------------- */

static void
vrQemuDomainHandleFree(gpointer dom)
{
    vrDomainFree(dom);
}

static bool
vrQemuDomainMatchFilter(vrQemuDomainObj *obj, unsigned int flags)
{
    bool active = vrQemuDomainObjIsActive(obj);

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
    FILTER(VR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, VR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, false);
    FILTER(VR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, VR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, false);
#undef FILTER
    if (flags & (VR_CONNECT_LIST_DOMAINS_RUNNING | VR_CONNECT_LIST_DOMAINS_PAUSED |
                 VR_CONNECT_LIST_DOMAINS_SHUTOFF | VR_CONNECT_LIST_DOMAINS_OTHER)) {
        int st = obj->state;
        bool ok = ((flags & VR_CONNECT_LIST_DOMAINS_RUNNING) && st == VR_DOMAIN_RUNNING) ||
                  ((flags & VR_CONNECT_LIST_DOMAINS_PAUSED) && st == VR_DOMAIN_PAUSED) ||
                  ((flags & VR_CONNECT_LIST_DOMAINS_SHUTOFF) && st == VR_DOMAIN_SHUTOFF) ||
                  ((flags & VR_CONNECT_LIST_DOMAINS_OTHER) && st != VR_DOMAIN_RUNNING &&
                   st != VR_DOMAIN_PAUSED && st != VR_DOMAIN_SHUTOFF);
        if (!ok)
            return false;
    }
    return true;
}

static int
vrQemuConnectListAllDomains(vrConnect *conn, vrDomain ***domains, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    g_autoptr(GPtrArray) all = vrQemuDomainObjListCollect(driver->domains);
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(vrQemuDomainHandleFree);

    for (guint i = 0; i < all->len; i++) {
        vrQemuDomainObj *obj = g_ptr_array_index(all, i);

        vrQemuDomainObjLock(obj);
        if (!obj->removed && vrQemuDomainMatchFilter(obj, flags))
            g_ptr_array_add(found, vrQemuDomainHandle(conn, obj));
        vrQemuDomainObjUnlock(obj);
    }
    if (domains) {
        *domains = g_new0(vrDomain *, found->len + 1);
        for (guint i = 0; i < found->len; i++)
            (*domains)[i] = g_ptr_array_index(found, i);
        /* the handles now belong to the caller */
        g_ptr_array_set_free_func(found, NULL);
    }
    return (int)found->len;
}

static int
vrQemuConnectNumOfDomains(vrConnect *conn)
{
    return (int)vrQemuDomainObjListCount(vrQemuDriverFrom(conn)->domains, true);
}

static int
vrQemuConnectNumOfDefinedDomains(vrConnect *conn)
{
    return (int)vrQemuDomainObjListCount(vrQemuDriverFrom(conn)->domains, false);
}

static int
vrQemuConnectListDomains(vrConnect *conn, int *ids, int maxids)
{
    vrDomain **doms = NULL;
    int n = vrQemuConnectListAllDomains(conn, &doms, VR_CONNECT_LIST_DOMAINS_ACTIVE);
    int i, count = 0;

    for (i = 0; i < n; i++) {
        if (count < maxids)
            ids[count++] = doms[i]->id;
        vrDomainFree(doms[i]);
    }
    g_free(doms);
    return n < 0 ? -1 : count;
}

static int
vrQemuConnectListDefinedDomains(vrConnect *conn, char **names, int maxnames)
{
    vrDomain **doms = NULL;
    int n = vrQemuConnectListAllDomains(conn, &doms, VR_CONNECT_LIST_DOMAINS_INACTIVE);
    int i, count = 0;

    for (i = 0; i < n; i++) {
        if (count < maxnames)
            names[count++] = g_strdup(doms[i]->name);
        vrDomainFree(doms[i]);
    }
    g_free(doms);
    return n < 0 ? -1 : count;
}

static vrDomain *
vrQemuDomainLookupByID(vrConnect *conn, int id)
{
    vrQemuDomainObj *obj = vrQemuDomainObjListFindByID(vrQemuDriverFrom(conn)->domains, id);
    vrDomain *dom;

    if (!obj) {
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching id %d", id);
        return NULL;
    }
    dom = vrQemuDomainHandle(conn, obj);
    vrQemuDomainObjEndAPI(&obj);
    return dom;
}

static vrDomain *
vrQemuDomainLookupByName(vrConnect *conn, const char *name)
{
    vrQemuDomainObj *obj = vrQemuDomainObjListFindByName(vrQemuDriverFrom(conn)->domains, name);
    vrDomain *dom;

    if (!obj) {
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching name '%s'", name);
        return NULL;
    }
    dom = vrQemuDomainHandle(conn, obj);
    vrQemuDomainObjEndAPI(&obj);
    return dom;
}

static vrDomain *
vrQemuDomainLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    vrQemuDomainObj *obj = vrQemuDomainObjListFindByUUID(vrQemuDriverFrom(conn)->domains, uuid);
    char str[VR_UUID_STRING_BUFLEN];
    vrDomain *dom;

    if (!obj) {
        vrReportError(VR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                      vrUUIDFormat(uuid, str));
        return NULL;
    }
    dom = vrQemuDomainHandle(conn, obj);
    vrQemuDomainObjEndAPI(&obj);
    return dom;
}

/* ---- define / undefine --------------------------------------------- */

static vrDomain *
vrQemuDomainDefineXMLFlags(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    vrDomainDef *def;
    vrDomainDef *oldDef = NULL;
    vrQemuDomainObj *obj;
    vrDomain *dom;
    bool existed;

    vrCheckFlags(VR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = vrQemuDomainParse(driver, xml, 0)))
        return NULL;
    /* A clash with another guest is refused before anything is written;
     * then the file: a definition we cannot keep is refused too. */
    if (vrQemuDomainObjListCheck(driver->domains, def, false) < 0 ||
        vrQemuDomainSaveConfig(driver, def) < 0) {
        vrDomainDefFree(def);
        return NULL;
    }
    if (!(obj = vrQemuDomainObjListAdd(driver->domains, &def, false, &oldDef))) {
        vrDomainDefFree(def);
        return NULL;
    }
    existed = oldDef != NULL || obj->persistent;
    vrDomainDefFree(oldDef);
    obj->persistent = true;
    vrQemuEmitLifecycle(driver, obj, EV_DEFINED, existed ? EV_DEFINED_UPDATED : EV_DEFINED_ADDED);
    VR_INFO("guest %s defined", obj->def->name);
    dom = vrQemuDomainHandle(conn, obj);
    vrQemuDomainObjEndAPI(&obj);
    return dom;
}

static int
vrQemuDomainUndefineFlags(vrDomain *dom, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_UNDEFINE_MANAGED_SAVE | VR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                 VR_DOMAIN_UNDEFINE_NVRAM | VR_DOMAIN_UNDEFINE_KEEP_NVRAM, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "undefine") < 0)
        goto out;
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "cannot undefine transient domain");
        goto endjob;
    }
    if (obj->hasManagedSave && !(flags & VR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "Refusing to undefine while domain managed save image exists");
        goto endjob;
    }
    if (vrQemuDomainDeleteConfig(driver, obj->def->name) < 0)
        goto endjob;
    obj->autostart = false;
    vrQemuEmitLifecycle(driver, obj, EV_UNDEFINED, EV_UNDEFINED_REMOVED);
    VR_INFO("guest %s undefined", obj->def->name);
    if (vrQemuDomainObjIsActive(obj)) {
        /* A running guest carries on, transient, until it stops. */
        obj->persistent = false;
        g_clear_pointer(&obj->newDef, vrDomainDefFree);
        vrQemuStatusSave(driver, obj);
    } else {
        vrQemuDomainObjListRemove(driver->domains, obj);
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- information --------------------------------------------------- */

static int
vrQemuDomainGetInfo(vrDomain *dom, vrDomainInfo *info)
{
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    memset(info, 0, sizeof(*info));
    info->state = (unsigned char)obj->state;
    info->maxMem = obj->def->memory;
    info->memory = vrQemuDomainObjIsActive(obj) ? obj->def->currentMemory : obj->def->memory;
    info->nrVirtCpu = (unsigned short)obj->def->vcpus;
    info->cpuTime = 0;
    if (vrQemuDomainObjIsActive(obj) && obj->pid > 0) {
        g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)obj->pid);
        g_autofree char *stat = NULL;
        const char *p;
        unsigned long long utime = 0, stime = 0;

        /* utime and stime are fields 14 and 15, after the ")" of the name */
        if (vrFileReadAll(path, 4096, &stat) >= 0 && (p = strrchr(stat, ')')) &&
            sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                   &utime, &stime) == 2)
            info->cpuTime = (utime + stime) * (1000000000ULL / (unsigned long long)
                                               sysconf(_SC_CLK_TCK));
    }
    vrQemuDomainObjEndAPI(&obj);
    return 0;
}

static int
vrQemuDomainGetState(vrDomain *dom, int *state, int *reason, unsigned int flags)
{
    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    vrQemuDomainObjEndAPI(&obj);
    return 0;
}

static char *
vrQemuDomainGetXMLDesc(vrDomain *dom, unsigned int flags)
{
    unsigned int fmt = 0;
    const vrDomainDef *def;
    char *xml;

    vrCheckFlags(VR_DOMAIN_XML_SECURE | VR_DOMAIN_XML_INACTIVE | VR_DOMAIN_XML_MIGRATABLE |
                 VR_DOMAIN_XML_UPDATE_CPU, NULL);
    QEMU_DOMAIN_BEGIN(dom, obj, NULL);
    if (flags & VR_DOMAIN_XML_INACTIVE) {
        def = vrQemuDomainObjPersistentDef(obj);
        fmt |= VR_DOMAIN_FORMAT_INACTIVE;
    } else {
        def = obj->def;
    }
    if (flags & VR_DOMAIN_XML_SECURE)
        fmt |= VR_DOMAIN_FORMAT_SECURE;
    if (flags & VR_DOMAIN_XML_MIGRATABLE)
        fmt |= VR_DOMAIN_FORMAT_MIGRATABLE | VR_DOMAIN_FORMAT_INACTIVE;
    xml = vrDomainDefFormat(def, fmt);
    vrQemuDomainObjEndAPI(&obj);
    return xml;
}

static char *
vrQemuDomainGetOSType(vrDomain *dom)
{
    char *type;

    QEMU_DOMAIN_BEGIN(dom, obj, NULL);
    type = g_strdup(obj->def->os.type);
    vrQemuDomainObjEndAPI(&obj);
    return type;
}

static unsigned long long
vrQemuDomainGetMaxMemory(vrDomain *dom)
{
    unsigned long long mem;

    QEMU_DOMAIN_BEGIN(dom, obj, 0);
    mem = obj->def->memory;
    vrQemuDomainObjEndAPI(&obj);
    return mem;
}

static int
vrQemuDomainGetVcpusFlags(vrDomain *dom, unsigned int flags)
{
    vrDomainDef *live, *config;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_VCPU_MAXIMUM, -1);
    if ((flags & VR_DOMAIN_AFFECT_LIVE) && (flags & VR_DOMAIN_AFFECT_CONFIG)) {
        vrReportInvalidArg("%s", "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG'"
                           " are mutually exclusive");
        return -1;
    }
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) == 0) {
        vrDomainDef *def = live ? live : config;
        ret = (flags & VR_DOMAIN_VCPU_MAXIMUM) ? (int)def->maxvcpus : (int)def->vcpus;
    }
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetMaxVcpus(vrDomain *dom)
{
    return vrQemuDomainGetVcpusFlags(dom, VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_VCPU_MAXIMUM);
}

static int
vrQemuDomainIsActiveAPI(vrDomain *dom)
{
    int ret;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    ret = vrQemuDomainObjIsActive(obj);
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainIsPersistent(vrDomain *dom)
{
    int ret;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    ret = obj->persistent;
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainIsUpdated(vrDomain *dom)
{
    int ret;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    ret = obj->newDef != NULL && vrQemuDomainObjIsActive(obj);
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetAutostart(vrDomain *dom, int *autostart)
{
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    *autostart = obj->autostart;
    vrQemuDomainObjEndAPI(&obj);
    return 0;
}

static int
vrQemuDomainSetAutostart(vrDomain *dom, int autostart)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "cannot set autostart for transient domain");
    } else if (vrQemuDomainSetAutostartLink(driver, obj->def->name, autostart != 0) == 0) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

void
vrQemuDomainDriverInit(vrHypervisorDriver *hv)
{
    hv->connectListAllDomains = vrQemuConnectListAllDomains;
    hv->connectNumOfDomains = vrQemuConnectNumOfDomains;
    hv->connectListDomains = vrQemuConnectListDomains;
    hv->connectNumOfDefinedDomains = vrQemuConnectNumOfDefinedDomains;
    hv->connectListDefinedDomains = vrQemuConnectListDefinedDomains;
    hv->domainLookupByID = vrQemuDomainLookupByID;
    hv->domainLookupByName = vrQemuDomainLookupByName;
    hv->domainLookupByUUID = vrQemuDomainLookupByUUID;
    hv->domainDefineXMLFlags = vrQemuDomainDefineXMLFlags;
    hv->domainUndefineFlags = vrQemuDomainUndefineFlags;
    hv->domainGetInfo = vrQemuDomainGetInfo;
    hv->domainGetState = vrQemuDomainGetState;
    hv->domainGetXMLDesc = vrQemuDomainGetXMLDesc;
    hv->domainGetOSType = vrQemuDomainGetOSType;
    hv->domainGetMaxMemory = vrQemuDomainGetMaxMemory;
    hv->domainGetVcpusFlags = vrQemuDomainGetVcpusFlags;
    hv->domainGetMaxVcpus = vrQemuDomainGetMaxVcpus;
    hv->domainIsActive = vrQemuDomainIsActiveAPI;
    hv->domainIsPersistent = vrQemuDomainIsPersistent;
    hv->domainIsUpdated = vrQemuDomainIsUpdated;
    hv->domainGetAutostart = vrQemuDomainGetAutostart;
    hv->domainSetAutostart = vrQemuDomainSetAutostart;
}
