/*
 * qemu_driver_save.c: saving a guest's memory to a file and restoring it
 * (virsh save/restore, managedsave and the start that resumes from it).
 *
 * The guest is paused, QEMU streams its state into the image through a
 * descriptor we opened (so QEMU's user need not be able to write there),
 * and the QEMU process ends; restoring starts a new QEMU that reads the
 * stream back with -incoming.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

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
#define VR_LOG_CATEGORY "qemu.save"

enum { EV_STARTED = 2, EV_SUSPENDED = 3, EV_STOPPED = 5 };
enum { EV_STARTED_RESTORED = 2, EV_SUSPENDED_PAUSED = 0, EV_STOPPED_SAVED = 4 };

#define QEMU_DOMAIN_BEGIN(dom, obj, ret) \
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom); \
    if (!obj) \
        return ret

/* How often a running migration is polled for progress and completion. */
#define VR_QEMU_MIGRATION_POLL_US (50 * 1000)

char *
vrQemuManagedSavePath(vrQemuDriver *driver, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.save", name);

    return g_build_filename(driver->cfg->saveDir, file, NULL);
}

/* ---- save ---------------------------------------------------------- */

static int
vrQemuPauseForSave(vrQemuDomainObj *obj, bool *wasRunning)
{
    int rc;

    *wasRunning = obj->state == VR_DOMAIN_RUNNING;
    if (!*wasRunning)
        return 0;
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorStop(obj->mon);
    vrQemuDomainObjExitMonitor(obj);
    if (rc == 0)
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_SAVE);
    return rc;
}

/* Polls QEMU until the migration ends; progress goes to domjobinfo and
 * domjobabort (progress.abortRequested) cancels it. */
static int
vrQemuWaitMigration(vrQemuDomainObj *obj, const char *what)
{
    for (;;) {
        vrQemuMonitorMigrationStats stats = { 0 };
        int rc;

        if (obj->progress.abortRequested) {
            if (vrQemuDomainObjEnterMonitor(obj) == 0) {
                vrQemuMonitorMigrateCancel(obj->mon);
                vrQemuDomainObjExitMonitor(obj);
            }
        }
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            return -1;
        rc = vrQemuMonitorQueryMigrate(obj->mon, &stats);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            return -1;
        obj->progress.total = stats.ramTotal;
        obj->progress.processed = stats.ramTransferred;
        if (g_str_equal(stats.status, "completed")) {
            vrQemuMonitorMigrationStatsClear(&stats);
            return 0;
        }
        if (g_str_equal(stats.status, "failed") || g_str_equal(stats.status, "cancelled")) {
            if (obj->progress.abortRequested)
                vrReportError(VR_ERR_OPERATION_ABORTED, "%s: %s", what, "canceled by client");
            else
                vrReportError(VR_ERR_OPERATION_FAILED, "%s failed: %s", what,
                              stats.errorDesc ? stats.errorDesc : stats.status);
            vrQemuMonitorMigrationStatsClear(&stats);
            return -1;
        }
        vrQemuMonitorMigrationStatsClear(&stats);
        vrQemuDomainObjRef(obj);
        vrQemuDomainObjUnlock(obj);
        g_usleep(VR_QEMU_MIGRATION_POLL_US);
        vrQemuDomainObjLock(obj);
        vrQemuDomainObjUnref(obj);
    }
}

static int
vrQemuMigrateToFd(vrQemuDomainObj *obj, int fd)
{
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorGetFd(obj->mon, "migrate", fd);
    if (rc == 0)
        rc = vrQemuMonitorMigrate(obj->mon, "fd:migrate");
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    return vrQemuWaitMigration(obj, "saving guest state");
}

/* Puts a guest back as it was after a failed save. */
static void
vrQemuSaveUndo(vrQemuDomainObj *obj, bool wasRunning)
{
    if (!wasRunning || !vrQemuDomainObjIsActive(obj))
        return;
    if (vrQemuDomainObjEnterMonitor(obj) == 0) {
        if (vrQemuMonitorCont(obj->mon) == 0)
            vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_SAVE_CANCELED);
        vrQemuDomainObjExitMonitor(obj);
    }
}

static int
vrQemuSaveInternal(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *path,
                   const char *dxml, unsigned int flags)
{
    g_autofree char *xml = NULL;
    bool wasRunning = false;
    bool runAfter;
    int fd = -1;
    int ret = -1;

    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    if (vrQemuDomainObjBeginAsyncJob(obj, "Save") < 0)
        return -1;
    if (vrQemuPauseForSave(obj, &wasRunning) < 0)
        goto endjob;
    runAfter = (flags & VR_DOMAIN_SAVE_RUNNING) ? true :
               (flags & VR_DOMAIN_SAVE_PAUSED) ? false : wasRunning;
    xml = dxml ? g_strdup(dxml)
               : vrDomainDefFormat(obj->def, VR_DOMAIN_FORMAT_SECURE | VR_DOMAIN_FORMAT_INACTIVE |
                                             VR_DOMAIN_FORMAT_MIGRATABLE);
    if ((fd = vrQemuSaveImageCreate(path, xml, runAfter)) < 0)
        goto undo;
    if (vrQemuMigrateToFd(obj, fd) < 0 || vrQemuSaveImageFinish(fd) < 0) {
        unlink(path);
        goto undo;
    }
    obj->beingDestroyed = true;
    vrQemuProcessKill(obj, false);
    vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_SAVED);
    vrQemuEmitLifecycle(driver, obj, EV_STOPPED, EV_STOPPED_SAVED);
    ret = 0;
    goto endjob;

 undo:
    vrQemuSaveUndo(obj, wasRunning);
 endjob:
    if (fd >= 0)
        close(fd);
    vrQemuDomainObjEndAsyncJob(obj);
    return ret;
}

static int
vrQemuDomainSaveFlags(vrDomain *dom, const char *to, const char *dxml, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    int ret;

    vrCheckFlags(VR_DOMAIN_SAVE_BYPASS_CACHE | VR_DOMAIN_SAVE_RUNNING | VR_DOMAIN_SAVE_PAUSED, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    ret = vrQemuSaveInternal(driver, obj, to, dxml, flags);
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainManagedSave(vrDomain *dom, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autofree char *path = NULL;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_SAVE_BYPASS_CACHE | VR_DOMAIN_SAVE_RUNNING | VR_DOMAIN_SAVE_PAUSED, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!obj->persistent) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s",
                      "cannot do managed save for transient domain");
        goto out;
    }
    path = vrQemuManagedSavePath(driver, obj->def->name);
    if (vrQemuSaveInternal(driver, obj, path, NULL, flags) == 0) {
        obj->hasManagedSave = true;
        ret = 0;
    }
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainHasManagedSaveImage(vrDomain *dom, unsigned int flags)
{
    int ret;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    ret = obj->hasManagedSave;
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainManagedSaveRemove(vrDomain *dom, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autofree char *path = NULL;
    int ret = -1;

    vrCheckFlags(0, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    path = vrQemuManagedSavePath(driver, obj->def->name);
    if (vrFileRemoveIfExists(path) == 0) {
        obj->hasManagedSave = false;
        ret = 0;
    }
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- restore ------------------------------------------------------- */

/* With -incoming, QEMU loads the stream before anything runs; the guest
 * may continue once QEMU has left the "inmigrate" state. */
static int
vrQemuWaitIncoming(vrQemuDomainObj *obj)
{
    for (;;) {
        g_autofree char *status = NULL;
        bool running = false;
        int rc;

        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            return -1;
        rc = vrQemuMonitorQueryStatus(obj->mon, &running, &status);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            return -1;
        if (g_str_equal(status, "inmigrate")) {
            vrQemuDomainObjRef(obj);
            vrQemuDomainObjUnlock(obj);
            g_usleep(VR_QEMU_MIGRATION_POLL_US);
            vrQemuDomainObjLock(obj);
            vrQemuDomainObjUnref(obj);
            continue;
        }
        if (g_str_equal(status, "restore-vm") || g_str_equal(status, "internal-error") ||
            g_str_equal(status, "io-error")) {
            vrReportError(VR_ERR_OPERATION_FAILED, "QEMU could not load the saved state: %s",
                          status);
            return -1;
        }
        return 0;
    }
}

int
vrQemuRestoreFromImage(vrQemuDriver *driver, vrQemuDomainObj *obj, vrConnect *conn, int fd,
                       bool running, unsigned int flags)
{
    int rc;

    if (flags & VR_DOMAIN_SAVE_RUNNING)
        running = true;
    else if (flags & VR_DOMAIN_SAVE_PAUSED)
        running = false;
    if (vrQemuProcessStart(driver, obj, conn, VR_DOMAIN_RUNNING_RESTORED, fd,
                           VR_QEMU_START_PAUSED) < 0)
        return -1;
    if (vrQemuWaitIncoming(obj) < 0)
        goto error;
    if (running) {
        if (vrQemuDomainObjEnterMonitor(obj) < 0)
            goto error;
        rc = vrQemuMonitorCont(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
        if (rc < 0)
            goto error;
        vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_RESTORED);
    } else {
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_USER);
    }
    vrQemuStatusSave(driver, obj);
    vrQemuEmitLifecycle(driver, obj, EV_STARTED, EV_STARTED_RESTORED);
    if (!running)
        vrQemuEmitLifecycle(driver, obj, EV_SUSPENDED, EV_SUSPENDED_PAUSED);
    return 0;

 error:
    obj->beingDestroyed = true;
    vrQemuProcessKill(obj, false);
    vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_FAILED);
    return -1;
}

static int
vrQemuDomainRestoreFlags(vrConnect *conn, const char *from, const char *dxml,
                         unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);
    vrQemuSaveImage image;
    vrDomainDef *def = NULL;
    vrQemuDomainObj *obj = NULL;
    int fd = -1, ret = -1;

    vrCheckFlags(VR_DOMAIN_SAVE_BYPASS_CACHE | VR_DOMAIN_SAVE_RUNNING | VR_DOMAIN_SAVE_PAUSED, -1);
    if (vrQemuSaveImageOpen(from, &image, &fd) < 0)
        return -1;
    if (!(def = vrQemuDomainParse(driver, dxml ? dxml : image.xml, 0)))
        goto out;
    if (!(obj = vrQemuDomainObjListAdd(driver->domains, &def, true, NULL)))
        goto out;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "restore") < 0)
        goto out;
    ret = vrQemuRestoreFromImage(driver, obj, conn, fd, image.running, flags);
    vrQemuDomainObjEndJob(obj);

 out:
    if (obj && ret < 0 && !obj->persistent && !vrQemuDomainObjIsActive(obj))
        vrQemuDomainObjListRemove(driver->domains, obj);
    if (obj)
        vrQemuDomainObjEndAPI(&obj);
    vrDomainDefFree(def);
    if (fd >= 0)
        close(fd);
    vrQemuSaveImageClear(&image);
    return ret;
}

void
vrQemuSaveDriverInit(vrHypervisorDriver *hv)
{
    hv->domainSaveFlags = vrQemuDomainSaveFlags;
    hv->domainRestoreFlags = vrQemuDomainRestoreFlags;
    hv->domainManagedSave = vrQemuDomainManagedSave;
    hv->domainHasManagedSaveImage = vrQemuDomainHasManagedSaveImage;
    hv->domainManagedSaveRemove = vrQemuDomainManagedSaveRemove;
}
