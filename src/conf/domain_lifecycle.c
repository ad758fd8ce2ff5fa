/*
 * domain_lifecycle.c: what happens when the guest powers off, reboots,
 * crashes or loses its lock (<on_*>), its power management (<pm>) and
 * the perf events collected for it (<perf>).
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN
#include "conf_xmlprop.h"

VR_ENUM_IMPL(vrDomainLifecycleAction, VR_DOMAIN_LIFECYCLE_LAST,
             "destroy", "restart", "rename-restart", "preserve",
             "coredump-destroy", "coredump-restart");
VR_ENUM_IMPL(vrDomainLockFailure, VR_DOMAIN_LOCKFAILURE_LAST,
             "default", "poweroff", "restart", "pause", "ignore");
VR_ENUM_IMPL(vrPerfEvent, VR_PERF_EVENT_LAST,
             "cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references",
             "cache_misses", "branch_instructions", "branch_misses", "bus_cycles",
             "stalled_cycles_frontend", "stalled_cycles_backend", "ref_cpu_cycles",
             "cpu_clock", "task_clock", "page_faults", "context_switches", "cpu_migrations",
             "page_faults_min", "page_faults_maj", "alignment_faults", "emulation_faults");

/* <on_EVENT>ACTION</on_EVENT>; @crash events may also dump core. */
static int
vrDomainParseLifecycleAction(xmlNodePtr root, const char *event, bool crash, int *action)
{
    g_autofree char *elem = g_strdup_printf("on_%s", event);
    g_autofree char *text = vrXMLChildContent(root, elem);

    if (!text || !*text)
        return 0;
    if ((*action = vrDomainLifecycleActionTypeFromString(text)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown %s action: %s", elem, text);
        return -1;
    }
    if (!crash && (*action == VR_DOMAIN_LIFECYCLE_COREDUMP_DESTROY ||
                   *action == VR_DOMAIN_LIFECYCLE_COREDUMP_RESTART)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Lifecycle event '%s' doesn't support '%s' action", event, text);
        return -1;
    }
    return 0;
}

static int
vrDomainParsePM(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr pm = vrXMLChild(root, "pm");
    xmlNodePtr node;

    if (!pm)
        return 0;
    if ((node = vrXMLChild(pm, "suspend-to-mem")) &&
        vrPropTristate(node, "enabled", &def->pmSuspendToMem) < 0)
        return -1;
    if ((node = vrXMLChild(pm, "suspend-to-disk")) &&
        vrPropTristate(node, "enabled", &def->pmSuspendToDisk) < 0)
        return -1;
    return 0;
}

static int
vrDomainParsePerf(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr perf = vrXMLChild(root, "perf");

    vrXMLForEachNamed(perf, "event", event) {
        int name, enabled = VR_TRISTATE_ABSENT;

        if (vrPropEnum(event, "name", vrPerfEventTypeFromString, true, false, &name) < 0)
            return -1;
        if (vrPropTristate(event, "enabled", &enabled) < 0)
            return -1;
        if (enabled == VR_TRISTATE_ABSENT) {
            vrPropReportMissing(event, "enabled");
            return -1;
        }
        if (def->perf[name] != VR_TRISTATE_ABSENT) {
            vrReportError(VR_ERR_XML_ERROR, "perf event '%s' was already specified",
                          vrPerfEventTypeToString(name));
            return -1;
        }
        def->perf[name] = enabled;
    }
    return 0;
}

int
vrDomainParseLifecycle(xmlNodePtr root, vrDomainDef *def)
{
    g_autofree char *lockfailure = NULL;

    def->onPoweroff = VR_DOMAIN_LIFECYCLE_DESTROY;
    def->onReboot = VR_DOMAIN_LIFECYCLE_RESTART;
    def->onCrash = VR_DOMAIN_LIFECYCLE_DESTROY;
    if (vrDomainParseLifecycleAction(root, "poweroff", false, &def->onPoweroff) < 0 ||
        vrDomainParseLifecycleAction(root, "reboot", false, &def->onReboot) < 0 ||
        vrDomainParseLifecycleAction(root, "crash", true, &def->onCrash) < 0)
        return -1;

    lockfailure = vrXMLChildContent(root, "on_lockfailure");
    if (lockfailure && *lockfailure &&
        (def->onLockfailure = vrDomainLockFailureTypeFromString(lockfailure)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown on_lockfailure action: %s",
                      lockfailure);
        return -1;
    }
    if (vrDomainParsePM(root, def) < 0 || vrDomainParsePerf(root, def) < 0)
        return -1;
    return 0;
}

void
vrDomainFormatLifecycle(vrBuf *buf, const vrDomainDef *def)
{
    size_t i;
    bool anyPerf = false;

    vrBufAsprintf(buf, "<on_poweroff>%s</on_poweroff>\n",
                  vrDomainLifecycleActionTypeToString(def->onPoweroff));
    vrBufAsprintf(buf, "<on_reboot>%s</on_reboot>\n",
                  vrDomainLifecycleActionTypeToString(def->onReboot));
    vrBufAsprintf(buf, "<on_crash>%s</on_crash>\n",
                  vrDomainLifecycleActionTypeToString(def->onCrash));
    if (def->onLockfailure != VR_DOMAIN_LOCKFAILURE_DEFAULT)
        vrBufAsprintf(buf, "<on_lockfailure>%s</on_lockfailure>\n",
                      vrDomainLockFailureTypeToString(def->onLockfailure));

    if (def->pmSuspendToMem || def->pmSuspendToDisk) {
        vrBufAddLit(buf, "<pm>\n");
        vrBufAdjustIndent(buf, 2);
        if (def->pmSuspendToMem)
            vrBufAsprintf(buf, "<suspend-to-mem enabled='%s'/>\n",
                          vrPropTristateString(def->pmSuspendToMem));
        if (def->pmSuspendToDisk)
            vrBufAsprintf(buf, "<suspend-to-disk enabled='%s'/>\n",
                          vrPropTristateString(def->pmSuspendToDisk));
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</pm>\n");
    }

    for (i = 0; i < VR_PERF_EVENT_LAST; i++)
        anyPerf |= def->perf[i] != VR_TRISTATE_ABSENT;
    if (!anyPerf)
        return;
    vrBufAddLit(buf, "<perf>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_PERF_EVENT_LAST; i++) {
        if (def->perf[i] != VR_TRISTATE_ABSENT)
            vrBufAsprintf(buf, "<event name='%s' enabled='%s'/>\n", vrPerfEventTypeToString(i),
                          vrPropTristateString(def->perf[i]));
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</perf>\n");
}
