/*
 * virsh-domain-event.c: the event command, which waits for domain events
 * and prints them as virsh does (waiting: virsh-event-wait.c).
 */
#include <config.h>

#include <string.h>

#include "virsh-event-wait.h"
#include "virsh.h"

typedef struct {
    virshEventWait *wait;
    const char *name;              /* the event kind as virsh names it */
    int eventID;
    int id;                        /* the registration, or -1 */
} virshEventData;

/* ---- texts --------------------------------------------------------- */

static const char *const virshEventNames[] = {
    "lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics",
    "io-error-reason", "control-error", "block-job", "disk-change", "tray-change",
    "pm-wakeup", "pm-suspend", "balloon-change", "pm-suspend-disk", "device-removed",
    "block-job-2", "tunable", "agent-lifecycle", "device-added", "migration-iteration",
    "job-completed", "device-removal-failed", "metadata-change", "block-threshold",
    "memory-failure", "memory-device-size-change",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virshEventNames) == VR_DOMAIN_EVENT_ID_LAST);

static const char *
virshEventText(const char *const *names, size_t n, int value, const char *fallback)
{
    return value >= 0 && (size_t)value < n ? names[value] : fallback;
}

#define VIRSH_EVENT_TEXT(names, value, fallback) \
    virshEventText(names, G_N_ELEMENTS(names), value, fallback)

static const char *const virshLifecycleEvents[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
    "PMSuspended", "Crashed",
};

static const char *
virshLifecycleDetail(int event, int detail)
{
    static const char *const defined[] = { "Added", "Updated", "Renamed", "Snapshot" };
    static const char *const undefined[] = { "Removed", "Renamed" };
    static const char *const started[] = { "Booted", "Migrated", "Restored", "Snapshot",
                                           "Event wakeup" };
    static const char *const suspended[] = { "Paused", "Migrated", "I/O Error", "Watchdog",
                                             "Restored", "Snapshot", "API error", "Post-copy",
                                             "Post-copy Error" };
    static const char *const resumed[] = { "Unpaused", "Migrated", "Snapshot", "Post-copy",
                                           "Post-copy Error" };
    static const char *const stopped[] = { "Shutdown", "Destroyed", "Crashed", "Migrated",
                                           "Saved", "Failed", "Snapshot" };
    static const char *const shutdown[] = { "Finished", "Finished after guest request",
                                            "Finished after host request" };
    static const char *const pmsuspended[] = { "Memory", "Disk" };
    static const char *const crashed[] = { "Panicked", "Crashloaded" };

    switch (event) {
    case VR_DOMAIN_EVENT_DEFINED: return VIRSH_EVENT_TEXT(defined, detail, "unknown");
    case VR_DOMAIN_EVENT_UNDEFINED: return VIRSH_EVENT_TEXT(undefined, detail, "unknown");
    case VR_DOMAIN_EVENT_STARTED: return VIRSH_EVENT_TEXT(started, detail, "unknown");
    case VR_DOMAIN_EVENT_SUSPENDED: return VIRSH_EVENT_TEXT(suspended, detail, "unknown");
    case VR_DOMAIN_EVENT_RESUMED: return VIRSH_EVENT_TEXT(resumed, detail, "unknown");
    case VR_DOMAIN_EVENT_STOPPED: return VIRSH_EVENT_TEXT(stopped, detail, "unknown");
    case VR_DOMAIN_EVENT_SHUTDOWN: return VIRSH_EVENT_TEXT(shutdown, detail, "unknown");
    case VR_DOMAIN_EVENT_PMSUSPENDED: return VIRSH_EVENT_TEXT(pmsuspended, detail, "unknown");
    case VR_DOMAIN_EVENT_CRASHED: return VIRSH_EVENT_TEXT(crashed, detail, "unknown");
    default: return "unknown";
    }
}

static const char *const virshBlockJobTypes[] = {
    "Unknown job", "Block Pull", "Block Copy", "Block Commit", "Active Block Commit", "Backup",
};
static const char *const virshBlockJobStatuses[] = { "completed", "failed", "canceled", "ready" };
static const char *const virshGraphicsPhases[] = { "connect", "initialize", "disconnect" };
static const char *const virshGraphicsFamilies[] = { "IPv4", "IPv6", "unix" };
static const char *const virshDiskChangeReasons[] = { "changed", "dropped" };
static const char *const virshWatchdogActions[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi",
};
static const char *const virshIOErrorActions[] = { "none", "pause", "report" };
static const char *const virshAgentStates[] = { "unknown", "connected", "disconnected" };
static const char *const virshAgentReasons[] = { "unknown", "domain started", "channel event" };
static const char *const virshMetadataTypes[] = { "description", "title", "element" };
static const char *const virshMemoryFailureRecipients[] = { "hypervisor", "guest" };
static const char *const virshMemoryFailureActions[] = { "ignore", "inject", "fatal", "reset" };

/* libvirt's virTypedParameterToString */
static char *
virshEventParamValue(const vrTypedParameter *p)
{
    switch (p->type) {
    case VR_TYPED_PARAM_INT: return g_strdup_printf("%d", p->value.i);
    case VR_TYPED_PARAM_UINT: return g_strdup_printf("%u", p->value.ui);
    case VR_TYPED_PARAM_LLONG: return g_strdup_printf("%lld", p->value.l);
    case VR_TYPED_PARAM_ULLONG: return g_strdup_printf("%llu", p->value.ul);
    case VR_TYPED_PARAM_DOUBLE: return g_strdup_printf("%g", p->value.d);
    case VR_TYPED_PARAM_BOOLEAN: return g_strdup_printf("%d", p->value.b ? 1 : 0);
    case VR_TYPED_PARAM_STRING: return g_strdup(p->value.s);
    default: return NULL;
    }
}

/* ---- printing ------------------------------------------------------ */

/* Prints one event (all of its lines) unless a one-shot wait already
 * has its event; wakes the waiting command. */
static void
virshEventEmit(virshEventData *data, GString *text)
{
    virshEventWaitPrint(data->wait, text->str);
    g_string_free(text, TRUE);
}

static GString *
virshEventStart(virshEventData *data, vrDomain *dom)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "event '%s' for domain '%s'", data->name, vrDomainGetName(dom));
    return s;
}

static void
virshEventGeneric(vrConnect *conn, vrDomain *dom, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append(s, "\n");
    virshEventEmit(opaque, s);
}

static int
virshEventLifecycle(vrConnect *conn, vrDomain *dom, int event, int detail, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": %s %s\n",
                           VIRSH_EVENT_TEXT(virshLifecycleEvents, event, "unknown"),
                           virshLifecycleDetail(event, detail));
    virshEventEmit(opaque, s);
    return 0;
}

static void
virshEventRTCChange(vrConnect *conn, vrDomain *dom, long long utcoffset, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": %lld\n", utcoffset);
    virshEventEmit(opaque, s);
}

static void
virshEventWatchdog(vrConnect *conn, vrDomain *dom, int action, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": %s\n", VIRSH_EVENT_TEXT(virshWatchdogActions, action,
                                                         "unknown"));
    virshEventEmit(opaque, s);
}

static void
virshEventIOError(vrConnect *conn, vrDomain *dom, const char *srcPath, const char *devAlias,
                  int action, void *opaque)
{
    g_autofree char *name = g_strdup_printf("event 'io-error' for domain '%s'",
                                            vrDomainGetName(dom));
    GString *s = g_string_new(name);

    (void)conn;
    g_string_append_printf(s, ": %s (%s) %s\n", srcPath, devAlias,
                           VIRSH_EVENT_TEXT(virshIOErrorActions, action, "unknown"));
    virshEventEmit(opaque, s);
}

static void
virshEventIOErrorReason(vrConnect *conn, vrDomain *dom, const char *srcPath,
                        const char *devAlias, int action, const char *reason, void *opaque)
{
    /* virsh names it io-error too */
    g_autofree char *name = g_strdup_printf("event 'io-error' for domain '%s'",
                                            vrDomainGetName(dom));
    GString *s = g_string_new(name);

    (void)conn;
    g_string_append_printf(s, ": %s (%s) %s due to %s\n", srcPath, devAlias,
                           VIRSH_EVENT_TEXT(virshIOErrorActions, action, "unknown"), reason);
    virshEventEmit(opaque, s);
}

static void
virshEventGraphics(vrConnect *conn, vrDomain *dom, int phase,
                   const vrDomainEventGraphicsAddress *local,
                   const vrDomainEventGraphicsAddress *remote, const char *authScheme,
                   const vrDomainEventGraphicsSubject *subject, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);
    int i;

    (void)conn;
    g_string_append_printf(s, ": %s local[%s %s %s] remote[%s %s %s] %s\n",
                           VIRSH_EVENT_TEXT(virshGraphicsPhases, phase, "unknown"),
                           VIRSH_EVENT_TEXT(virshGraphicsFamilies, local->family, "unknown"),
                           local->node, local->service,
                           VIRSH_EVENT_TEXT(virshGraphicsFamilies, remote->family, "unknown"),
                           remote->node, remote->service, authScheme);
    for (i = 0; subject && i < subject->nidentity; i++)
        g_string_append_printf(s, "\t%s=%s\n", subject->identities[i].type,
                               subject->identities[i].name);
    virshEventEmit(opaque, s);
}

static void
virshEventBlockJob(vrConnect *conn, vrDomain *dom, const char *disk, int type, int status,
                   void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": %s for %s %s\n",
                           VIRSH_EVENT_TEXT(virshBlockJobTypes, type, "Unknown job"), disk,
                           VIRSH_EVENT_TEXT(virshBlockJobStatuses, status, "unknown"));
    virshEventEmit(opaque, s);
}

static void
virshEventDiskChange(vrConnect *conn, vrDomain *dom, const char *oldSrc, const char *newSrc,
                     const char *alias, int reason, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, " disk %s: %s -> %s: %s\n", alias, oldSrc ? oldSrc : "<null>",
                           newSrc ? newSrc : "<null>",
                           VIRSH_EVENT_TEXT(virshDiskChangeReasons, reason, "unknown"));
    virshEventEmit(opaque, s);
}

static void
virshEventTrayChange(vrConnect *conn, vrDomain *dom, const char *alias, int reason,
                     void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, " disk %s: %s\n", alias,
                           reason == VR_DOMAIN_EVENT_TRAY_CHANGE_OPEN ? "opened"
                           : reason == VR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE ? "closed"
                           : "unknown");
    virshEventEmit(opaque, s);
}

static void
virshEventPM(vrConnect *conn, vrDomain *dom, int reason, void *opaque)
{
    (void)reason;
    virshEventGeneric(conn, dom, opaque);
}

static void
virshEventBalloonChange(vrConnect *conn, vrDomain *dom, unsigned long long actual,
                        void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": %lluKiB\n", actual);
    virshEventEmit(opaque, s);
}

/* device-removed, device-added, device-removal-failed */
static void
virshEventDevice(vrConnect *conn, vrDomain *dom, const char *alias, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": %s\n", alias);
    virshEventEmit(opaque, s);
}

/* tunable, job-completed */
static void
virshEventParams(vrConnect *conn, vrDomain *dom, vrTypedParameter *params, int nparams,
                 void *opaque)
{
    GString *s = virshEventStart(opaque, dom);
    int i;

    (void)conn;
    g_string_append(s, ":\n");
    for (i = 0; i < nparams; i++) {
        g_autofree char *value = virshEventParamValue(&params[i]);

        if (value)
            g_string_append_printf(s, "\t%s: %s\n", params[i].field, value);
    }
    virshEventEmit(opaque, s);
}

static void
virshEventAgentLifecycle(vrConnect *conn, vrDomain *dom, int state, int reason, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": state: '%s' reason: '%s'\n",
                           VIRSH_EVENT_TEXT(virshAgentStates, state, "unsupported value"),
                           VIRSH_EVENT_TEXT(virshAgentReasons, reason, "unsupported value"));
    virshEventEmit(opaque, s);
}

static void
virshEventMigrationIteration(vrConnect *conn, vrDomain *dom, int iteration, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": iteration: '%d'\n", iteration);
    virshEventEmit(opaque, s);
}

static void
virshEventMetadataChange(vrConnect *conn, vrDomain *dom, int type, const char *nsuri,
                         void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": type %s, uri %s\n",
                           VIRSH_EVENT_TEXT(virshMetadataTypes, type, "unsupported value"),
                           nsuri ? nsuri : "<null>");
    virshEventEmit(opaque, s);
}

static void
virshEventBlockThreshold(vrConnect *conn, vrDomain *dom, const char *dev, const char *path,
                         unsigned long long threshold, unsigned long long excess,
                         void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ": dev: %s(%s) %llu %llu\n", dev, path ? path : "<null>",
                           threshold, excess);
    virshEventEmit(opaque, s);
}

static void
virshEventMemoryFailure(vrConnect *conn, vrDomain *dom, int recipient, int action,
                        unsigned int flags, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ":\nrecipient: %s\naction: %s\n",
                           VIRSH_EVENT_TEXT(virshMemoryFailureRecipients, recipient,
                                            "unsupported value"),
                           VIRSH_EVENT_TEXT(virshMemoryFailureActions, action,
                                            "unsupported value"));
    g_string_append_printf(s, "flags:\n\taction required: %d\n\trecursive: %d\n",
                           !!(flags & VR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED),
                           !!(flags & VR_DOMAIN_MEMORY_FAILURE_RECURSIVE));
    virshEventEmit(opaque, s);
}

static void
virshEventMemoryDeviceSizeChange(vrConnect *conn, vrDomain *dom, const char *alias,
                                 unsigned long long size, void *opaque)
{
    GString *s = virshEventStart(opaque, dom);

    (void)conn;
    g_string_append_printf(s, ":\nalias: %s\nsize: %llu\n", alias, size);
    virshEventEmit(opaque, s);
}

static vrConnectDomainEventGenericCallback
virshEventCallback(int id)
{
    switch (id) {
    case VR_DOMAIN_EVENT_ID_LIFECYCLE: return VR_DOMAIN_EVENT_CALLBACK(virshEventLifecycle);
    case VR_DOMAIN_EVENT_ID_RTC_CHANGE: return VR_DOMAIN_EVENT_CALLBACK(virshEventRTCChange);
    case VR_DOMAIN_EVENT_ID_WATCHDOG: return VR_DOMAIN_EVENT_CALLBACK(virshEventWatchdog);
    case VR_DOMAIN_EVENT_ID_IO_ERROR: return VR_DOMAIN_EVENT_CALLBACK(virshEventIOError);
    case VR_DOMAIN_EVENT_ID_GRAPHICS: return VR_DOMAIN_EVENT_CALLBACK(virshEventGraphics);
    case VR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventIOErrorReason);
    case VR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VR_DOMAIN_EVENT_ID_BLOCK_JOB_2: return VR_DOMAIN_EVENT_CALLBACK(virshEventBlockJob);
    case VR_DOMAIN_EVENT_ID_DISK_CHANGE: return VR_DOMAIN_EVENT_CALLBACK(virshEventDiskChange);
    case VR_DOMAIN_EVENT_ID_TRAY_CHANGE: return VR_DOMAIN_EVENT_CALLBACK(virshEventTrayChange);
    case VR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VR_DOMAIN_EVENT_ID_PMSUSPEND_DISK: return VR_DOMAIN_EVENT_CALLBACK(virshEventPM);
    case VR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventBalloonChange);
    case VR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventDevice);
    case VR_DOMAIN_EVENT_ID_TUNABLE:
    case VR_DOMAIN_EVENT_ID_JOB_COMPLETED: return VR_DOMAIN_EVENT_CALLBACK(virshEventParams);
    case VR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventAgentLifecycle);
    case VR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventMigrationIteration);
    case VR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventMetadataChange);
    case VR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventBlockThreshold);
    case VR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventMemoryFailure);
    case VR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        return VR_DOMAIN_EVENT_CALLBACK(virshEventMemoryDeviceSizeChange);
    default:
        /* reboot, control-error */
        return virshEventGeneric;
    }
}

/* ---- the command ---------------------------------------------------- */

static const vshOptDef optsEvent[] = {
    { "domain", VSH_OPT_STRING, 0, "filter by domain name, id or uuid" },
    { "event", VSH_OPT_STRING, 0, "which event type to wait for" },
    { "all", VSH_OPT_BOOL, 0, "wait for all events instead of just one type" },
    { "loop", VSH_OPT_BOOL, 0, "loop until timeout or interrupt, rather than one-shot" },
    { "timeout", VSH_OPT_INT, 0, "timeout seconds" },
    { "list", VSH_OPT_BOOL, 0, "list valid event types" },
    { "timestamp", VSH_OPT_BOOL, 0, "show timestamp for each printed event" },
    VIRSH_OPT_END,
};

/* --timeout in milliseconds (0 when absent); -1 reported */
static bool
cmdEvent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree virshEventData *data = NULL;
    virshEventWait wait;
    const char *eventName = NULL;
    bool all = vshOptBool(cmd, "all");
    size_t ndata = 0, i;
    int timeout = 0;
    bool ret = false;

    if (!vshExclusiveOptions(ctl, cmd, "all", "event") ||
        !vshExclusiveOptions(ctl, cmd, "list", "all") ||
        !vshExclusiveOptions(ctl, cmd, "list", "event"))
        return false;

    if (vshOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(virshEventNames); i++)
            vshPrint(ctl, "%s\n", virshEventNames[i]);
        return true;
    }

    if (vshOptString(ctl, cmd, "event", &eventName) < 0)
        return false;
    if (!eventName && !all) {
        vshError(ctl, "%s", "one of --list, --all, or --event <type> is required");
        return false;
    }

    virshEventWaitInit(&wait, vshOptBool(cmd, "loop"), vshOptBool(cmd, "timestamp"));
    data = g_new0(virshEventData, G_N_ELEMENTS(virshEventNames));
    for (i = 0; i < G_N_ELEMENTS(virshEventNames); i++) {
        if (eventName && !g_str_equal(eventName, virshEventNames[i]))
            continue;
        data[ndata].wait = &wait;
        data[ndata].name = virshEventNames[i];
        data[ndata].eventID = (int)i;
        data[ndata].id = -1;
        ndata++;
    }
    if (ndata == 0) {
        vshError(ctl, "unknown event type %s", eventName);
        goto cleanup;
    }

    if (virshEventTimeout(ctl, cmd, &timeout) < 0)
        goto cleanup;
    if (vshOptGiven(cmd, "domain") && !(dom = virshCommandOptDomainBy(ctl, cmd, "domain", NULL,
                                                                      VIRSH_BYID | VIRSH_BYUUID |
                                                                      VIRSH_BYNAME)))
        goto cleanup;

    for (i = 0; i < ndata; i++) {
        data[i].id = vrConnectDomainEventRegisterAny(ctl->conn, dom, data[i].eventID,
                                                     virshEventCallback(data[i].eventID),
                                                     &data[i], NULL);
        if (data[i].id < 0) {
            /* with --all, a server that knows fewer events is fine once the
             * first registration worked */
            if (i == 0)
                goto cleanup;
            vshResetLibError();
        }
    }

    virshEventWaitReport(ctl, virshEventWaitFor(&wait, timeout));
    g_mutex_lock(&wait.lock);
    vshPrint(ctl, "events received: %d\n", wait.count);
    ret = wait.count > 0;
    g_mutex_unlock(&wait.lock);

 cleanup:
    for (i = 0; data && i < ndata; i++) {
        if (data[i].id >= 0 && vrConnectDomainEventDeregisterAny(ctl->conn, data[i].id) < 0)
            ret = false;
    }
    /* deregistration waited for running callbacks: nothing uses @wait now */
    virshEventWaitClear(&wait);
    return ret;
}

const vshCmdDef virshDomainEventCmds[] = {
    { "event", cmdEvent, optsEvent, "Domain Events",
      "List event types, or wait for domain events to occur", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
