/*
 * qemu_events.c: QMP events and monitor end-of-file, applied to guests.
 */
#include <config.h>

#include <string.h>

#include "qemu_events.h"
#include "qemu_monitor_cmds.h"
#include "qemu_process.h"
#include "qemu_status.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.events"

/* libvirt's lifecycle event numbers (virDomainEventType and details). */
enum {
    EV_STARTED = 2, EV_SUSPENDED = 3, EV_RESUMED = 4, EV_STOPPED = 5, EV_SHUTDOWN = 6,
    EV_CRASHED = 8,
};
enum { EV_SUSPENDED_PAUSED = 0, EV_SUSPENDED_IOERROR = 2, EV_SUSPENDED_WATCHDOG = 3 };
enum { EV_RESUMED_UNPAUSED = 0 };
enum { EV_STOPPED_SHUTDOWN = 0, EV_STOPPED_CRASHED = 2 };
enum { EV_SHUTDOWN_FINISHED = 0, EV_SHUTDOWN_GUEST = 1, EV_SHUTDOWN_HOST = 2 };
enum { EV_CRASHED_PANICKED = 0 };

typedef struct {
    vrQemuDriver *driver;
    vrQemuDomainObj *obj;
} vrQemuEventsContext;

typedef enum {
    VR_QEMU_EVENT_EOF,
    VR_QEMU_EVENT_ERROR,
    VR_QEMU_EVENT_QMP,
} vrQemuEventKind;

/* One queued event. */
typedef struct {
    vrQemuEventKind kind;
    vrQemuDriver *driver;
    vrQemuDomainObj *obj;
    vrQemuMonitor *mon;          /* the monitor it came from (stale ones are dropped) */
    char *name;
    json_object *data;
} vrQemuEvent;

void
vrQemuEmitLifecycle(vrQemuDriver *driver, vrQemuDomainObj *obj, int event, int detail)
{
    VR_DEBUG("guest %s: lifecycle event %d detail %d", obj->def->name, event, detail);
    vrObjectEventStateQueue(driver->eventState,
                            vrDomainEventLifecycleNew(obj->def->name, obj->def->uuid,
                                                      obj->def->id, event, detail));
}

void
vrQemuEmitReboot(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    VR_DEBUG("guest %s: reboot event", obj->def->name);
    vrObjectEventStateQueue(driver->eventState,
                            vrDomainEventRebootNew(obj->def->name, obj->def->uuid,
                                                   obj->def->id));
}

/* ---- queueing (event loop thread) ---------------------------------- */

static void vrQemuEventRun(gpointer data, gpointer unused);

static void
vrQemuEventQueue(vrQemuMonitor *mon, void *opaque, vrQemuEventKind kind, const char *name,
                 json_object *data)
{
    vrQemuEventsContext *ctx = opaque;
    vrQemuEvent *ev = g_new0(vrQemuEvent, 1);

    ev->kind = kind;
    ev->driver = vrQemuDriverRef(ctx->driver);
    ev->obj = vrQemuDomainObjRef(ctx->obj);
    ev->mon = mon;
    ev->name = g_strdup(name);
    ev->data = data ? json_object_get(data) : NULL;
    vrQemuDriverQueueWork(ctx->driver, vrQemuEventRun, ev);
}

static void
vrQemuEventsOnEOF(vrQemuMonitor *mon, void *opaque)
{
    vrQemuEventQueue(mon, opaque, VR_QEMU_EVENT_EOF, "EOF", NULL);
}

static void
vrQemuEventsOnError(vrQemuMonitor *mon, void *opaque)
{
    VR_WARN("monitor error: %s", vrGetLastErrorMessage());
    vrQemuEventQueue(mon, opaque, VR_QEMU_EVENT_ERROR, "ERROR", NULL);
}

static void
vrQemuEventsOnEvent(vrQemuMonitor *mon, const char *name, json_object *data, long long seconds,
                    unsigned int micros, void *opaque)
{
    (void)seconds;
    (void)micros;
    vrQemuEventQueue(mon, opaque, VR_QEMU_EVENT_QMP, name, data);
}

static void
vrQemuEventsContextFree(void *opaque)
{
    vrQemuEventsContext *ctx = opaque;

    vrQemuDomainObjUnref(ctx->obj);
    vrQemuDriverUnref(ctx->driver);
    g_free(ctx);
}

const vrQemuMonitorCallbacks *
vrQemuEventsCallbacks(void)
{
    static const vrQemuMonitorCallbacks callbacks = {
        .eof = vrQemuEventsOnEOF,
        .error = vrQemuEventsOnError,
        .event = vrQemuEventsOnEvent,
        .freeOpaque = vrQemuEventsContextFree,
    };

    return &callbacks;
}

void *
vrQemuEventsContextNew(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    vrQemuEventsContext *ctx = g_new0(vrQemuEventsContext, 1);

    ctx->driver = vrQemuDriverRef(driver);
    ctx->obj = vrQemuDomainObjRef(obj);
    return ctx;
}

/* ---- handling (worker thread, guest locked) ------------------------ */

static bool
vrQemuEventBool(json_object *data, const char *key)
{
    json_object *v;

    return data && json_object_object_get_ex(data, key, &v) && json_object_get_boolean(v);
}

static const char *
vrQemuEventString(json_object *data, const char *key)
{
    json_object *v;

    if (!data || !json_object_object_get_ex(data, key, &v))
        return NULL;
    return json_object_get_string(v);
}

/* QEMU is gone.  Unless we killed it ourselves (destroy cleans up), this
 * is a guest that shut down or a QEMU that crashed. */
static void
vrQemuHandleEOF(vrQemuDriver *driver, vrQemuDomainObj *obj, bool protocolError)
{
    int reason;

    if (obj->beingDestroyed || !vrQemuDomainObjIsActive(obj))
        return;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_DESTROY, "monitor EOF") < 0)
        return;
    if (obj->beingDestroyed || !vrQemuDomainObjIsActive(obj)) {
        vrQemuDomainObjEndJob(obj);
        return;
    }
    reason = obj->gotShutdown && !obj->gotPanic ? VR_DOMAIN_SHUTOFF_SHUTDOWN
                                                : VR_DOMAIN_SHUTOFF_CRASHED;
    if (protocolError) {
        obj->beingDestroyed = true;
        vrQemuProcessKill(obj, false);
    }
    if (reason == VR_DOMAIN_SHUTOFF_CRASHED && !obj->gotPanic)
        vrQemuProcessLog(driver, obj->def->name, "QEMU (pid %lld) exited unexpectedly%s",
                         (long long)obj->pid, protocolError ? " (monitor protocol error)" : "");
    vrQemuProcessStop(driver, obj, reason);
    vrQemuEmitLifecycle(driver, obj, EV_STOPPED,
                        reason == VR_DOMAIN_SHUTOFF_SHUTDOWN ? EV_STOPPED_SHUTDOWN
                                                             : EV_STOPPED_CRASHED);
    vrQemuDomainObjEndJob(obj);
}

/* Resets a guest that stopped for a reboot and lets it run again. */
static void
vrQemuRestartGuest(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    int rc;

    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "reboot") < 0)
        return;
    if (vrQemuDomainObjEnterMonitor(obj) == 0) {
        rc = vrQemuMonitorSystemReset(obj->mon);
        if (rc == 0)
            rc = vrQemuMonitorCont(obj->mon);
        vrQemuDomainObjExitMonitor(obj);
        if (rc == 0) {
            obj->gotShutdown = false;
            obj->gotPanic = false;
            vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_BOOTED);
            vrQemuStatusSave(driver, obj);
            vrQemuEmitReboot(driver, obj);
        }
    }
    vrQemuDomainObjEndJob(obj);
}

static void
vrQemuHandleShutdown(vrQemuDriver *driver, vrQemuDomainObj *obj, json_object *data)
{
    const char *why = vrQemuEventString(data, "reason");
    bool guest = vrQemuEventBool(data, "guest");
    int action = obj->def->onPoweroff;

    /* QEMU's own panic action: GUEST_PANICKED decides what happens */
    if (why && g_str_equal(why, "guest-panic"))
        return;
    obj->gotShutdown = true;
    obj->shutdownByGuest = guest;
    vrQemuEmitLifecycle(driver, obj, EV_SHUTDOWN, guest ? EV_SHUTDOWN_GUEST : EV_SHUTDOWN_HOST);
    /* A reboot asked through ACPI, or a guest reboot with -no-reboot. */
    if (obj->fakeReboot) {
        obj->fakeReboot = false;
        vrQemuRestartGuest(driver, obj);
        return;
    }
    if (why && g_str_equal(why, "guest-reset"))
        action = obj->def->onReboot;
    vrQemuDomainObjSetState(obj, VR_DOMAIN_SHUTDOWN, VR_DOMAIN_SHUTDOWN_USER);
    switch (action) {
    case VR_DOMAIN_LIFECYCLE_RESTART:
    case VR_DOMAIN_LIFECYCLE_RESTART_RENAME:
        vrQemuRestartGuest(driver, obj);
        break;
    case VR_DOMAIN_LIFECYCLE_PRESERVE:
        vrQemuStatusSave(driver, obj);
        break;
    default:
        /* QEMU waits (-no-shutdown); end it.  The EOF that follows does
         * the cleanup, with gotShutdown telling it this was no crash. */
        vrQemuProcessKill(obj, true);
        break;
    }
}

static void
vrQemuHandlePanic(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    vrQemuProcessLog(driver, obj->def->name, "guest reported a panic (GUEST_PANICKED)");
    obj->gotPanic = true;
    vrQemuEmitLifecycle(driver, obj, EV_CRASHED, EV_CRASHED_PANICKED);
    switch (obj->def->onCrash) {
    case VR_DOMAIN_LIFECYCLE_RESTART:
    case VR_DOMAIN_LIFECYCLE_RESTART_RENAME:
    case VR_DOMAIN_LIFECYCLE_COREDUMP_RESTART:
        vrQemuRestartGuest(driver, obj);
        break;
    case VR_DOMAIN_LIFECYCLE_PRESERVE:
        vrQemuDomainObjSetState(obj, VR_DOMAIN_CRASHED, VR_DOMAIN_CRASHED_PANICKED);
        vrQemuStatusSave(driver, obj);
        break;
    default:
        obj->gotShutdown = false;
        vrQemuProcessKill(obj, false);
        break;
    }
}

static void
vrQemuHandleStop(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    /* Our own suspend, save and shutdown paths set the state and send
     * the event themselves, inside their job; this event may arrive while
     * they wait for the monitor's answer. */
    if (obj->state != VR_DOMAIN_RUNNING || obj->job == VR_QEMU_JOB_MODIFY || obj->asyncJob)
        return;
    vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_UNKNOWN);
    vrQemuStatusSave(driver, obj);
    vrQemuEmitLifecycle(driver, obj, EV_SUSPENDED, EV_SUSPENDED_PAUSED);
}

static void
vrQemuHandleResume(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    if (obj->state != VR_DOMAIN_PAUSED || obj->job == VR_QEMU_JOB_MODIFY || obj->asyncJob)
        return;
    vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_UNPAUSED);
    vrQemuStatusSave(driver, obj);
    vrQemuEmitLifecycle(driver, obj, EV_RESUMED, EV_RESUMED_UNPAUSED);
}

static void
vrQemuHandleIOError(vrQemuDriver *driver, vrQemuDomainObj *obj, json_object *data)
{
    const char *action = vrQemuEventString(data, "action");

    if (action && g_str_equal(action, "stop") && obj->state == VR_DOMAIN_RUNNING) {
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_IOERROR);
        vrQemuStatusSave(driver, obj);
        vrQemuEmitLifecycle(driver, obj, EV_SUSPENDED, EV_SUSPENDED_IOERROR);
    }
}

static void
vrQemuHandleBalloon(vrQemuDomainObj *obj, json_object *data)
{
    json_object *v;

    if (data && json_object_object_get_ex(data, "actual", &v))
        obj->def->currentMemory = (unsigned long long)json_object_get_int64(v) / 1024;
}

static void
vrQemuHandleDeviceDeleted(vrQemuDomainObj *obj, json_object *data)
{
    const char *dev = vrQemuEventString(data, "device");

    if (!dev)
        return;
    g_ptr_array_add(obj->removedDevices, g_strdup(dev));
    /* hot-unplug waits on the job condition for this */
    g_cond_broadcast(&obj->jobCond);
}

static void
vrQemuHandleQMP(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *name, json_object *data)
{
    VR_DEBUG("guest %s: QMP event %s", obj->def->name, name);
    if (g_str_equal(name, "SHUTDOWN"))
        vrQemuHandleShutdown(driver, obj, data);
    else if (g_str_equal(name, "RESET"))
        vrQemuEmitReboot(driver, obj);
    else if (g_str_equal(name, "STOP"))
        vrQemuHandleStop(driver, obj);
    else if (g_str_equal(name, "RESUME"))
        vrQemuHandleResume(driver, obj);
    else if (g_str_equal(name, "GUEST_PANICKED"))
        vrQemuHandlePanic(driver, obj);
    else if (g_str_equal(name, "BLOCK_IO_ERROR"))
        vrQemuHandleIOError(driver, obj, data);
    else if (g_str_equal(name, "BALLOON_CHANGE"))
        vrQemuHandleBalloon(obj, data);
    else if (g_str_equal(name, "DEVICE_DELETED"))
        vrQemuHandleDeviceDeleted(obj, data);
}

static void
vrQemuEventFree(vrQemuEvent *ev)
{
    vrQemuDomainObjUnref(ev->obj);
    vrQemuDriverUnref(ev->driver);
    g_free(ev->name);
    if (ev->data)
        json_object_put(ev->data);
    g_free(ev);
}

static void
vrQemuEventRun(gpointer data, gpointer unused)
{
    vrQemuEvent *ev = data;
    vrQemuDomainObj *obj = ev->obj;

    (void)unused;
    vrQemuDomainObjLock(obj);
    /* Events of a QEMU that has since been replaced mean nothing. */
    if (obj->mon == ev->mon && !obj->removed) {
        if (ev->kind == VR_QEMU_EVENT_QMP)
            vrQemuHandleQMP(ev->driver, obj, ev->name, ev->data);
        else
            vrQemuHandleEOF(ev->driver, obj, ev->kind == VR_QEMU_EVENT_ERROR);
    }
    vrQemuDomainObjUnlock(obj);
    vrQemuEventFree(ev);
}
