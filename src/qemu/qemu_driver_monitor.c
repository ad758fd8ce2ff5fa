/*
 * qemu_driver_monitor.c: QMP and HMP commands passed through to a guest's
 * monitor (virsh qemu-monitor-command), and commands to its guest agent
 * (qemu-agent-command), as libvirt's QEMU program offers.
 *
 * A QMP error from QEMU is an answer, not a failure: the caller gets the
 * reply with its "error" member, as it would from QEMU itself.
 */
#include <config.h>

#include <json-c/json.h>

#include "qemu_agent.h"
#include "qemu_driver.h"
#include "qemu_monitor.h"
#include "qemu_monitor_cmds.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* Splits {"execute": NAME, "arguments": {...}} into its parts. */
static int
vrQemuParseQMPCommand(const char *text, char **name, json_object **args)
{
    json_object *obj = json_tokener_parse(text);
    json_object *exec, *a;

    if (!obj || !json_object_is_type(obj, json_type_object) ||
        !json_object_object_get_ex(obj, "execute", &exec) ||
        !json_object_is_type(exec, json_type_string)) {
        vrReportError(VR_ERR_INVALID_ARG, "QMP command '%s' is not a JSON object with a "
                      "string 'execute' member", text);
        json_object_put(obj);
        return -1;
    }
    *name = g_strdup(json_object_get_string(exec));
    *args = NULL;
    if (json_object_object_get_ex(obj, "arguments", &a))
        *args = json_object_get(a);
    json_object_put(obj);
    return 0;
}

static char *
vrQemuMonitorPassQMP(vrQemuMonitor *mon, const char *text)
{
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;
    g_autofree char *name = NULL;
    g_autofree char *errorClass = NULL;
    json_object *args = NULL, *ret = NULL, *reply;
    char *out;

    if (vrQemuParseQMPCommand(text, &name, &args) < 0)
        return NULL;
    opts.errorClass = &errorClass;
    reply = json_object_new_object();
    if (vrQemuMonitorCommandFull(mon, name, args, &opts, &ret) == 0) {
        json_object_object_add(reply, "return", ret);
    } else if (errorClass) {
        json_object *err = json_object_new_object();
        json_object_object_add(err, "class", json_object_new_string(errorClass));
        json_object_object_add(err, "desc", json_object_new_string(vrGetLastErrorMessage()));
        json_object_object_add(reply, "error", err);
        vrResetLastError();
    } else {
        json_object_put(reply);
        return NULL;
    }
    out = g_strdup(json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN));
    json_object_put(reply);
    return out;
}

static int
vrQemuDomainQemuMonitorCommand(vrDomain *dom, const char *cmd, char **result,
                               unsigned int flags)
{
    int ret = -1;
    vrQemuDomainObj *obj;

    vrCheckFlags(VR_DOMAIN_QEMU_MONITOR_COMMAND_HMP, -1);
    if (!(obj = vrQemuDomObjFromDomain(dom)))
        return -1;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "qemu-monitor-command") < 0)
        goto out;
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto endjob;
    }
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        goto endjob;
    if (flags & VR_DOMAIN_QEMU_MONITOR_COMMAND_HMP) {
        ret = vrQemuMonitorHumanCommand(obj->mon, cmd, result);
    } else {
        *result = vrQemuMonitorPassQMP(obj->mon, cmd);
        ret = *result ? 0 : -1;
    }
    vrQemuDomainObjExitMonitor(obj);
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* libvirt's agent timeouts: -2 blocks, -1 and 0 take the default,
 * otherwise seconds. */
static int
vrQemuAgentTimeoutMs(int timeout)
{
    if (timeout == VR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK)
        return -1;
    return timeout > 0 ? timeout * 1000 : 0;
}

static char *
vrQemuDomainQemuAgentCommand(vrDomain *dom, const char *cmd, int timeout, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autofree char *name = NULL;
    json_object *args = NULL, *ret = NULL, *reply;
    vrQemuDomainObj *obj;
    vrQemuAgent *agent;
    char *out = NULL;
    int rc;

    vrCheckFlags(0, NULL);
    if (timeout < VR_DOMAIN_QEMU_AGENT_COMMAND_MIN) {
        vrReportError(VR_ERR_INVALID_ARG, "guest agent timeout '%d' is less than the minimum "
                      "'%d'", timeout, VR_DOMAIN_QEMU_AGENT_COMMAND_MIN);
        return NULL;
    }
    if (vrQemuParseQMPCommand(cmd, &name, &args) < 0)
        return NULL;
    if (!(obj = vrQemuDomObjFromDomain(dom))) {
        json_object_put(args);
        return NULL;
    }
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "qemu-agent-command") < 0)
        goto out;
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto endjob;
    }
    if (!(agent = vrQemuDomainAgentGet(driver, obj)))
        goto endjob;
    /* the agent may take its time: others may look at the guest meanwhile */
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    rc = vrQemuAgentCommand(agent, name, g_steal_pointer(&args), &ret,
                            vrQemuAgentTimeoutMs(timeout));
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
    if (rc == 0) {
        reply = json_object_new_object();
        json_object_object_add(reply, "return", ret);
        out = g_strdup(json_object_to_json_string_ext(reply, JSON_C_TO_STRING_PLAIN));
        json_object_put(reply);
    }
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    json_object_put(args);
    vrQemuDomainObjEndAPI(&obj);
    return out;
}

void
vrQemuMonitorDriverInit(vrHypervisorDriver *hv)
{
    hv->domainQemuMonitorCommand = vrQemuDomainQemuMonitorCommand;
    hv->domainQemuAgentCommand = vrQemuDomainQemuAgentCommand;
}
