/*
 * qemu_driver_lifecycle.c: starting and stopping QEMU guests, pausing,
 * shutdown and reboot (ACPI or guest agent), reset.
 */
#include <config.h>

#include <string.h>
#include <unistd.h>

#include "qemu_agent.h"
#include "qemu_driver.h"
#include "qemu_events.h"
#include "qemu_monitor_cmds.h"
#include "qemu_process.h"
#include "qemu_saveimage.h"
#include "qemu_status.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.lifecycle"

/* libvirt's lifecycle event numbers. */
enum { EV_STARTED = 2, EV_SUSPENDED = 3, EV_RESUMED = 4, EV_STOPPED = 5 };
enum { EV_STARTED_BOOTED = 0 };
enum { EV_SUSPENDED_PAUSED = 0 };
enum { EV_RESUMED_UNPAUSED = 0 };
enum { EV_STOPPED_DESTROYED = 1 };

#define QEMU_DOMAIN_BEGIN(dom, obj, ret) \
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom); \
    if (!obj) \
        return ret

static int
vrQemuCheckActive(vrQemuDomainObj *obj)
{
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    return 0;
}

static unsigned int
vrQemuStartFlagsFromAPI(unsigned int flags)
{
    unsigned int start = 0;

    if (flags & VR_DOMAIN_START_PAUSED)
        start |= VR_QEMU_START_PAUSED;
    if (flags & VR_DOMAIN_START_AUTODESTROY)
        start |= VR_QEMU_START_AUTODESTROY;
    if (flags & VR_DOMAIN_START_BYPASS_CACHE)
        start |= VR_QEMU_START_BYPASS_CACHE;
    return start;
}

static void
vrQemuEmitStarted(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    vrQemuEmitLifecycle(driver, obj, EV_STARTED, EV_STARTED_BOOTED);
    if (obj->state == VR_DOMAIN_PAUSED)
        vrQemuEmitLifecycle(driver, obj, EV_SUSPENDED, EV_SUSPENDED_PAUSED);
}

/* ---- start --------------------------------------------------------- */

static vrDomain *
vrQemuDomainCreateXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    vrDomainDef *def;
    vrQemuDomainObj *obj;
    vrDomain *dom = NULL;

    vrCheckFlags(VR_DOMAIN_START_PAUSED | VR_DOMAIN_START_AUTODESTROY |
                 VR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = vrQemuDomainParse(driver, xml, 0)))
        return NULL;
    if (!(obj = vrQemuDomainObjListAdd(driver->domains, &def, true, NULL))) {
        vrDomainDefFree(def);
        return NULL;
    }
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "create") < 0) {
        if (!obj->persistent)
            vrQemuDomainObjListRemove(driver->domains, obj);
        vrQemuDomainObjEndAPI(&obj);
        return NULL;
    }
    if (vrQemuProcessStart(driver, obj, conn, VR_DOMAIN_RUNNING_BOOTED, -1,
                           vrQemuStartFlagsFromAPI(flags)) == 0) {
        vrQemuEmitStarted(driver, obj);
        dom = vrQemuDomainHandle(conn, obj);
    } else if (!obj->persistent) {
        vrQemuDomainObjListRemove(driver->domains, obj);
    }
    vrQemuDomainObjEndJob(obj);
    vrQemuDomainObjEndAPI(&obj);
    return dom;
}

/* A guest with a managed save image resumes from it (and the image goes);
 * --force-boot throws the image away and boots afresh. */
static int
vrQemuStartFromManagedSave(vrQemuDriver *driver, vrQemuDomainObj *obj, vrConnect *conn,
                           unsigned int flags)
{
    g_autofree char *path = vrQemuManagedSavePath(driver, obj->def->name);
    vrQemuSaveImage image;
    int fd = -1, rc;

    if (flags & VR_DOMAIN_START_FORCE_BOOT) {
        if (vrFileRemoveIfExists(path) < 0)
            return -1;
        obj->hasManagedSave = false;
        if (vrQemuProcessStart(driver, obj, conn, VR_DOMAIN_RUNNING_BOOTED, -1,
                               vrQemuStartFlagsFromAPI(flags)) < 0)
            return -1;
        vrQemuEmitStarted(driver, obj);
        return 0;
    }
    if (vrQemuSaveImageOpen(path, &image, &fd) < 0)
        return -1;
    rc = vrQemuRestoreFromImage(driver, obj, conn, fd, image.running,
                                (flags & VR_DOMAIN_START_PAUSED) ? VR_DOMAIN_SAVE_PAUSED : 0);
    close(fd);
    vrQemuSaveImageClear(&image);
    if (rc < 0)
        return -1;
    /* Resumed: the image has served its purpose. */
    vrFileRemoveIfExists(path);
    obj->hasManagedSave = false;
    return 0;
}

static int
vrQemuDomainCreateWithFlags(vrDomain *dom, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_START_PAUSED | VR_DOMAIN_START_AUTODESTROY |
                 VR_DOMAIN_START_BYPASS_CACHE | VR_DOMAIN_START_FORCE_BOOT, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "start") < 0)
        goto out;
    if (vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "domain is already running");
        goto endjob;
    }
    if (obj->hasManagedSave) {
        if (vrQemuStartFromManagedSave(driver, obj, dom->conn, flags) < 0)
            goto endjob;
    } else {
        if (vrQemuProcessStart(driver, obj, dom->conn, VR_DOMAIN_RUNNING_BOOTED, -1,
                               vrQemuStartFlagsFromAPI(flags)) < 0)
            goto endjob;
        vrQemuEmitStarted(driver, obj);
    }
    dom->id = obj->def->id;
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- destroy ------------------------------------------------------- */

static int
vrQemuDomainDestroyFlags(vrDomain *dom, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_DESTROY_GRACEFUL, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuCheckActive(obj) < 0)
        goto out;
    /* Kill first: whatever job runs then fails fast instead of holding
     * destroy up (a guest that hangs is why people destroy it). */
    obj->beingDestroyed = true;
    if (vrQemuProcessKill(obj, flags & VR_DOMAIN_DESTROY_GRACEFUL) < 0) {
        obj->beingDestroyed = false;
        goto out;
    }
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_DESTROY, "destroy") < 0)
        goto out;
    if (vrQemuDomainObjIsActive(obj)) {
        vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_DESTROYED);
        vrQemuEmitLifecycle(driver, obj, EV_STOPPED, EV_STOPPED_DESTROYED);
    }
    dom->id = -1;
    ret = 0;
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- guest agent --------------------------------------------------- */

/* The guest's agent channel socket, or NULL when it has none. */
static const char *
vrQemuAgentConfigured(vrQemuDomainObj *obj)
{
    for (size_t i = 0; i < obj->def->nchannels; i++) {
        vrDomainChrDef *chr = obj->def->channels[i];

        if (chr->targetName && g_str_equal(chr->targetName, "org.qemu.guest_agent.0") &&
            chr->source.type == VR_DOMAIN_CHR_TYPE_UNIX && chr->source.path)
            return chr->source.path;
    }
    return NULL;
}

static const char *
vrQemuAgentPath(vrQemuDomainObj *obj)
{
    const char *path = vrQemuAgentConfigured(obj);

    if (!path)
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "%s", "QEMU guest agent is not configured");
    return path;
}

vrQemuAgent *
vrQemuDomainAgentGet(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    const char *path;

    if (obj->agent)
        return obj->agent;
    if (!(path = vrQemuAgentPath(obj)))
        return NULL;
    obj->agent = vrQemuAgentOpen(driver->loop, path, 5000, NULL, NULL);
    return obj->agent;
}

static int
vrQemuAgentShutdownGuest(vrQemuDriver *driver, vrQemuDomainObj *obj, bool reboot)
{
    vrQemuAgent *agent;
    int rc;

    if (!(agent = vrQemuDomainAgentGet(driver, obj)))
        return -1;
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    rc = vrQemuAgentPing(agent, 5000);
    if (rc == 0)
        rc = vrQemuAgentShutdown(agent, reboot ? VR_QEMU_AGENT_SHUTDOWN_REBOOT
                                               : VR_QEMU_AGENT_SHUTDOWN_POWERDOWN);
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
    if (rc < 0) {
        /* a broken connection is no use next time either */
        vrQemuAgentClose(g_steal_pointer(&obj->agent));
    }
    return rc;
}

/* ---- shutdown / reboot --------------------------------------------- */

#define VR_QEMU_MODE_ACPI (1 << 0)
#define VR_QEMU_MODE_AGENT (1 << 1)
#define VR_QEMU_MODE_OTHERS ((1 << 2) | (1 << 3) | (1 << 4))

static int
vrQemuCheckModes(unsigned int modes)
{
    if (modes & VR_QEMU_MODE_OTHERS) {
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                      "only the 'acpi' and 'agent' modes are supported by the QEMU driver");
        return -1;
    }
    return 0;
}

/* ACPI power button; with @reboot the SHUTDOWN event resets instead. */
static int
vrQemuPowerdown(vrQemuDomainObj *obj, bool reboot)
{
    int rc;

    obj->fakeReboot = reboot;
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorSystemPowerdown(obj->mon);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        obj->fakeReboot = false;
    return rc;
}

static int
vrQemuShutdownOrReboot(vrDomain *dom, unsigned int modes, bool reboot)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    bool useAgent;
    int ret = -1;

    if (vrQemuCheckModes(modes) < 0)
        return -1;
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, reboot ? "reboot" : "shutdown") < 0)
        goto out;
    if (vrQemuCheckActive(obj) < 0)
        goto endjob;
    /* With no mode asked for, a configured agent is tried first and the
     * ACPI button is the fallback, as in libvirt. */
    useAgent = (modes & VR_QEMU_MODE_AGENT) || (!modes && vrQemuAgentConfigured(obj));
    if (useAgent)
        ret = vrQemuAgentShutdownGuest(driver, obj, reboot);
    if (!useAgent || (ret < 0 && ((modes & VR_QEMU_MODE_ACPI) || !modes))) {
        ret = vrQemuPowerdown(obj, reboot);
        if (ret == 0)
            vrQemuStatusSave(driver, obj);
    }
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainShutdownFlags(vrDomain *dom, unsigned int flags)
{
    return vrQemuShutdownOrReboot(dom, flags, false);
}

static int
vrQemuDomainReboot(vrDomain *dom, unsigned int flags)
{
    return vrQemuShutdownOrReboot(dom, flags, true);
}

static int
vrQemuDomainReset(vrDomain *dom, unsigned int flags)
{
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "reset") < 0)
        goto out;
    if (vrQemuCheckActive(obj) == 0 && vrQemuDomainObjEnterMonitor(obj) == 0) {
        ret = vrQemuMonitorSystemReset(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
    }
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- suspend / resume ---------------------------------------------- */

static int
vrQemuDomainSuspend(vrDomain *dom)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "suspend") < 0)
        goto out;
    if (vrQemuCheckActive(obj) < 0)
        goto endjob;
    if (obj->state != VR_DOMAIN_PAUSED) {
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            goto endjob;
        ret = vrQemuMonitorStop(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
        if (ret < 0)
            goto endjob;
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_USER);
        vrQemuEmitLifecycle(driver, obj, EV_SUSPENDED, EV_SUSPENDED_PAUSED);
        vrQemuStatusSave(driver, obj);
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainResume(vrDomain *dom)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret = -1;

    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "resume") < 0)
        goto out;
    if (vrQemuCheckActive(obj) < 0)
        goto endjob;
    if (obj->state == VR_DOMAIN_CRASHED || obj->state == VR_DOMAIN_SHUTDOWN) {
        vrReportError(VR_ERR_OPERATION_INVALID, "domain '%s' cannot be resumed: it is %s",
                      obj->def->name, obj->state == VR_DOMAIN_CRASHED ? "crashed"
                                                                       : "shutting down");
        goto endjob;
    }
    if (obj->state != VR_DOMAIN_RUNNING) {
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            goto endjob;
        ret = vrQemuMonitorCont(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
        if (ret < 0)
            goto endjob;
        vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_UNPAUSED);
        vrQemuEmitLifecycle(driver, obj, EV_RESUMED, EV_RESUMED_UNPAUSED);
        vrQemuStatusSave(driver, obj);
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

void
vrQemuLifecycleDriverInit(vrHypervisorDriver *hv)
{
    hv->domainCreateXML = vrQemuDomainCreateXML;
    hv->domainCreateWithFlags = vrQemuDomainCreateWithFlags;
    hv->domainDestroyFlags = vrQemuDomainDestroyFlags;
    hv->domainShutdownFlags = vrQemuDomainShutdownFlags;
    hv->domainReboot = vrQemuDomainReboot;
    hv->domainReset = vrQemuDomainReset;
    hv->domainSuspend = vrQemuDomainSuspend;
    hv->domainResume = vrQemuDomainResume;
}
