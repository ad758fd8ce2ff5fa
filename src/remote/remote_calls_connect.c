/*
 * remote_calls_connect.c: hand-written calls about the connection and the
 * host, whose results are structures or arrays.
 */
#include <config.h>

#include <string.h>

#include "remote_driver_priv.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_REMOTE
#define VR_LOG_CATEGORY "remote.events"

static const char *
remoteConnectGetType(vrConnect *conn)
{
    vrRemotePriv *priv = remotePriv(conn);
    vrp_connect_get_type_ret ret = { 0 };
    const char *type;

    /* the API returns a string the caller does not free: keep one copy */
    g_mutex_lock(&priv->lock);
    type = priv->type;
    g_mutex_unlock(&priv->lock);
    if (type)
        return type;
    if (remoteCall(conn, VRP_PROC_CONNECT_GET_TYPE, NULL, NULL,
                   (xdrproc_t)xdr_vrp_connect_get_type_ret, &ret) < 0)
        return NULL;
    g_mutex_lock(&priv->lock);
    if (!priv->type)
        priv->type = g_strdup(ret.type);
    type = priv->type;
    g_mutex_unlock(&priv->lock);
    xdr_free((xdrproc_t)xdr_vrp_connect_get_type_ret, (char *)&ret);
    return type;
}

static int
remoteConnectGetVersion(vrConnect *conn, unsigned long *version)
{
    vrp_connect_get_version_ret ret = { 0 };

    if (remoteCall(conn, VRP_PROC_CONNECT_GET_VERSION, NULL, NULL,
                   (xdrproc_t)xdr_vrp_connect_get_version_ret, &ret) < 0)
        return -1;
    *version = (unsigned long)ret.hv_ver;
    return 0;
}

static int
remoteConnectGetLibVersion(vrConnect *conn, unsigned long *version)
{
    vrp_connect_get_lib_version_ret ret = { 0 };

    if (remoteCall(conn, VRP_PROC_CONNECT_GET_LIB_VERSION, NULL, NULL,
                   (xdrproc_t)xdr_vrp_connect_get_lib_version_ret, &ret) < 0)
        return -1;
    *version = (unsigned long)ret.lib_ver;
    return 0;
}

static int
remoteNodeGetInfo(vrConnect *conn, vrNodeInfo *info)
{
    vrp_node_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_INFO, NULL, NULL,
                   (xdrproc_t)xdr_vrp_node_get_info_ret, &ret) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    memcpy(info->model, ret.model, MIN(sizeof(info->model), sizeof(ret.model)));
    info->model[sizeof(info->model) - 1] = '\0';
    info->memory = (unsigned long)ret.memory;
    info->cpus = (unsigned int)ret.cpus;
    info->mhz = (unsigned int)ret.mhz;
    info->nodes = (unsigned int)ret.nodes;
    info->sockets = (unsigned int)ret.sockets;
    info->cores = (unsigned int)ret.cores;
    info->threads = (unsigned int)ret.threads;
    return 0;
}

/* Copies a counted char array (sent with or without its NUL). */
static void
remoteCopyCharArray(char *dst, size_t size, const char *val, u_int len)
{
    size_t n = MIN((size_t)len, size - 1);

    memset(dst, 0, size);
    if (val)
        memcpy(dst, val, n);
}

static int
remoteNodeGetSecurityModel(vrConnect *conn, vrSecurityModel *secmodel)
{
    vrp_node_get_security_model_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_SECURITY_MODEL, NULL, NULL,
                   (xdrproc_t)xdr_vrp_node_get_security_model_ret, &ret) < 0)
        return -1;
    remoteCopyCharArray(secmodel->model, sizeof(secmodel->model), ret.model.model_val,
                        ret.model.model_len);
    remoteCopyCharArray(secmodel->doi, sizeof(secmodel->doi), ret.doi.doi_val,
                        ret.doi.doi_len);
    xdr_free((xdrproc_t)xdr_vrp_node_get_security_model_ret, (char *)&ret);
    return 0;
}

static int
remoteNodeGetCellsFreeMemory(vrConnect *conn, unsigned long long *freeMems, int startCell,
                             int maxCells)
{
    vrp_node_get_cells_free_memory_args args = { .start_cell = startCell,
                                                 .max_cells = maxCells };
    vrp_node_get_cells_free_memory_ret ret;
    u_int i;

    if (maxCells > VRP_NODE_MAX_CELLS) {
        vrReportError(VR_ERR_RPC, "too many NUMA cells: %d > %d", maxCells, VRP_NODE_MAX_CELLS);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_CELLS_FREE_MEMORY,
                   (xdrproc_t)xdr_vrp_node_get_cells_free_memory_args, &args,
                   (xdrproc_t)xdr_vrp_node_get_cells_free_memory_ret, &ret) < 0)
        return -1;
    for (i = 0; i < ret.cells.cells_len && (int)i < maxCells; i++)
        freeMems[i] = ret.cells.cells_val[i];
    xdr_free((xdrproc_t)xdr_vrp_node_get_cells_free_memory_ret, (char *)&ret);
    return (int)i;
}

static int
remoteNodeGetCPUStats(vrConnect *conn, int cpuNum, vrNodeCPUStats *params, int *nparams,
                      unsigned int flags)
{
    vrp_node_get_cpu_stats_args args = { .cpu_num = cpuNum, .nparams = *nparams,
                                         .flags = flags };
    vrp_node_get_cpu_stats_ret ret;
    u_int i;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_CPU_STATS,
                   (xdrproc_t)xdr_vrp_node_get_cpu_stats_args, &args,
                   (xdrproc_t)xdr_vrp_node_get_cpu_stats_ret, &ret) < 0)
        return -1;
    if (*nparams == 0) {
        *nparams = ret.nparams;
    } else {
        for (i = 0; i < ret.params.params_len && (int)i < *nparams; i++) {
            g_strlcpy(params[i].field, ret.params.params_val[i].field, sizeof(params[i].field));
            params[i].value = ret.params.params_val[i].value;
        }
        *nparams = (int)i;
    }
    xdr_free((xdrproc_t)xdr_vrp_node_get_cpu_stats_ret, (char *)&ret);
    return 0;
}

static int
remoteNodeGetMemoryStats(vrConnect *conn, int cellNum, vrNodeMemoryStats *params,
                         int *nparams, unsigned int flags)
{
    vrp_node_get_memory_stats_args args = { .cell_num = cellNum, .nparams = *nparams,
                                            .flags = flags };
    vrp_node_get_memory_stats_ret ret;
    u_int i;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_MEMORY_STATS,
                   (xdrproc_t)xdr_vrp_node_get_memory_stats_args, &args,
                   (xdrproc_t)xdr_vrp_node_get_memory_stats_ret, &ret) < 0)
        return -1;
    if (*nparams == 0) {
        *nparams = ret.nparams;
    } else {
        for (i = 0; i < ret.params.params_len && (int)i < *nparams; i++) {
            g_strlcpy(params[i].field, ret.params.params_val[i].field, sizeof(params[i].field));
            params[i].value = ret.params.params_val[i].value;
        }
        *nparams = (int)i;
    }
    xdr_free((xdrproc_t)xdr_vrp_node_get_memory_stats_ret, (char *)&ret);
    return 0;
}

static int
remoteNodeGetMemoryParameters(vrConnect *conn, vrTypedParameter *params, int *nparams,
                              unsigned int flags)
{
    vrp_node_get_memory_parameters_args args = { .nparams = *nparams, .flags = flags };
    vrp_node_get_memory_parameters_ret ret;
    int rc = 0;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_MEMORY_PARAMETERS,
                   (xdrproc_t)xdr_vrp_node_get_memory_parameters_args, &args,
                   (xdrproc_t)xdr_vrp_node_get_memory_parameters_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_NODE_MEMORY_PARAMETERS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_node_get_memory_parameters_ret, (char *)&ret);
    return rc;
}

static int
remoteNodeGetCPUMap(vrConnect *conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    vrp_node_get_cpu_map_args args = { .need_map = cpumap != NULL,
                                       .need_online = online != NULL, .flags = flags };
    vrp_node_get_cpu_map_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_NODE_GET_CPU_MAP,
                   (xdrproc_t)xdr_vrp_node_get_cpu_map_args, &args,
                   (xdrproc_t)xdr_vrp_node_get_cpu_map_ret, &ret) < 0)
        return -1;
    if (ret.ret < 0)
        goto done;
    if (cpumap)
        *cpumap = g_memdup2(ret.cpumap.cpumap_val, ret.cpumap.cpumap_len);
    if (online)
        *online = ret.online;

 done:
    n = ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_node_get_cpu_map_ret, (char *)&ret);
    return n;
}

/* ---- domain events ---------------------------------------------------- */

/* Each of our registrations is one registration on the daemon (the
 * callback form, REMOTE_EVENT_CALLBACK); the daemon names it in every
 * event it sends, and our state delivers the event to that callback only. */

static int
remoteEventRegisterRemote(vrConnect *conn, vrDomain *dom, int eventID)
{
    vrp_connect_domain_event_callback_register_any_args args = { .event_id = eventID };
    vrp_connect_domain_event_callback_register_any_ret ret = { 0 };
    vrp_nonnull_domain ref;

    if (dom) {
        vrRemoteBorrowDomain(&ref, dom);
        args.dom = &ref;
    }
    if (remoteCall(conn, VRP_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_domain_event_callback_register_any_args, &args,
                   (xdrproc_t)xdr_vrp_connect_domain_event_callback_register_any_ret,
                   &ret) < 0)
        return -1;
    return ret.callback_id;
}

static int
remoteEventDeregisterRemote(vrConnect *conn, int remoteID)
{
    vrp_connect_domain_event_callback_deregister_any_args args = { .callback_id = remoteID };

    return remoteCall(conn, VRP_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                      (xdrproc_t)xdr_vrp_connect_domain_event_callback_deregister_any_args,
                      &args, NULL, NULL);
}

static int
remoteEventRegister(vrConnect *conn, vrDomain *dom, int eventID,
                    vrConnectDomainEventGenericCallback cb, void *opaque, vrFreeCallback freecb,
                    vrConnectDomainEventCallback legacyCb)
{
    vrRemotePriv *priv = remotePriv(conn);
    vrRemoteEventReg reg = { .legacyCb = legacyCb };
    vrError *err;

    if ((reg.remoteID = remoteEventRegisterRemote(conn, dom, eventID)) < 0)
        return -1;
    g_mutex_lock(&priv->lock);
    reg.localID = vrObjectEventStateRegisterID(priv->events, conn, dom, eventID, cb, opaque,
                                               freecb, legacyCb != NULL);
    if (reg.localID >= 0)
        g_array_append_val(priv->eventRegs, reg);
    g_mutex_unlock(&priv->lock);
    if (reg.localID < 0) {
        err = vrErrorSave();
        remoteEventDeregisterRemote(conn, reg.remoteID);
        vrErrorRestore(&err);
        return -1;
    }
    return reg.localID;
}

/* Forgets the registration with @localID (or of @legacyCb); returns the
 * daemon's id for it, or -1. */
static int
remoteEventTake(vrRemotePriv *priv, int localID, vrConnectDomainEventCallback legacyCb,
                int *localOut)
{
    int remoteID = -1;
    guint i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->eventRegs->len; i++) {
        vrRemoteEventReg *reg = &g_array_index(priv->eventRegs, vrRemoteEventReg, i);

        if (legacyCb ? reg->legacyCb == legacyCb : (!reg->legacyCb && reg->localID == localID)) {
            remoteID = reg->remoteID;
            *localOut = reg->localID;
            g_array_remove_index(priv->eventRegs, i);
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    return remoteID;
}

static int
remoteConnectDomainEventRegisterAny(vrConnect *conn, vrDomain *dom, int eventID,
                                    vrConnectDomainEventGenericCallback cb, void *opaque,
                                    vrFreeCallback freecb)
{
    return remoteEventRegister(conn, dom, eventID, cb, opaque, freecb, NULL);
}

static int
remoteConnectDomainEventDeregisterAny(vrConnect *conn, int callbackID)
{
    vrRemotePriv *priv = remotePriv(conn);
    int localID = -1;
    int remoteID = remoteEventTake(priv, callbackID, NULL, &localID);

    if (remoteID < 0) {
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    if (remoteEventDeregisterRemote(conn, remoteID) < 0) {
        /* keep our side: the daemon still sends these events */
        vrRemoteEventReg reg = { .localID = localID, .remoteID = remoteID };

        g_mutex_lock(&priv->lock);
        g_array_append_val(priv->eventRegs, reg);
        g_mutex_unlock(&priv->lock);
        return -1;
    }
    return vrObjectEventStateDeregisterID(priv->events, conn, localID);
}

static int
remoteConnectDomainEventRegister(vrConnect *conn, vrConnectDomainEventCallback cb, void *opaque,
                                 vrFreeCallback freecb)
{
    if (remoteEventRegister(conn, NULL, VR_DOMAIN_EVENT_ID_LIFECYCLE,
                            VR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb, cb) < 0)
        return -1;
    return 0;
}

static int
remoteConnectDomainEventDeregister(vrConnect *conn, vrConnectDomainEventCallback cb)
{
    vrRemotePriv *priv = remotePriv(conn);
    int localID = -1;
    int remoteID = remoteEventTake(priv, -1, cb, &localID);

    if (remoteID < 0) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "could not find event callback for removal");
        return -1;
    }
    if (remoteEventDeregisterRemote(conn, remoteID) < 0)
        vrResetLastError();
    return vrObjectEventStateDeregisterLegacy(priv->events, conn, cb);
}

/* ---- events arriving from the daemon ---------------------------------- */

static bool
remoteEventDecode(const vrNetMessage *msg, xdrproc_t filter, void *data)
{
    size_t len;
    const char *payload = vrNetMessagePayload(msg, &len);
    XDR xdr;
    bool ok;

    xdrmem_create(&xdr, (char *)payload, (u_int)len, XDR_DECODE);
    ok = filter(&xdr, data, 0);
    xdr_destroy(&xdr);
    if (!ok)
        xdr_free(filter, data);
    return ok;
}

static void
remoteEventQueue(vrConnect *conn, int remoteID, vrObjectEvent *ev)
{
    vrRemotePriv *priv = remotePriv(conn);
    int localID = -1;
    guint i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->eventRegs->len; i++) {
        vrRemoteEventReg *reg = &g_array_index(priv->eventRegs, vrRemoteEventReg, i);

        if (reg->remoteID == remoteID) {
            localID = reg->localID;
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    if (localID < 0) {
        /* deregistered while it was on its way */
        vrObjectEventFree(ev);
        return;
    }
    vrObjectEventSetTarget(ev, localID);
    vrObjectEventStateQueue(priv->events, ev);
}

#define REMOTE_EV_DOM(d) (d).name, (const unsigned char *)(d).uuid, (d).id

/* Decodes message @type into @var, or returns. */
#define REMOTE_EV_DECODE(type, var) \
    type var; \
    memset(&var, 0, sizeof(var)); \
    if (!remoteEventDecode(msg, (xdrproc_t)xdr_##type, &var)) \
        goto bad

#define REMOTE_EV_DONE(type, var, remoteID, ev) \
    do { \
        remoteEventQueue(conn, (remoteID), (ev)); \
        xdr_free((xdrproc_t)xdr_##type, (char *)&var); \
    } while (0)

static vrDomainEventGraphicsAddress
remoteGraphicsAddressFromWire(const vrp_domain_event_graphics_address *w)
{
    vrDomainEventGraphicsAddress a = { .family = w->family, .node = w->node,
                                       .service = w->service };
    return a;
}

void
remoteDispatchEventMessage(vrConnect *conn, const vrNetMessage *msg)
{
    switch (msg->header.proc) {
    case VRP_PROC_NETWORK_EVENT_LIFECYCLE:
        remoteNetworkEventMessage(conn, msg);
        return;
    case VRP_PROC_SECRET_EVENT_LIFECYCLE:
    case VRP_PROC_SECRET_EVENT_VALUE_CHANGED:
        remoteSecretEventMessage(conn, msg);
        return;
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_lifecycle_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_lifecycle_msg, m, m.callback_id,
                       vrDomainEventLifecycleNew(REMOTE_EV_DOM(m.msg.dom), m.msg.event,
                                                 m.msg.detail));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_REBOOT: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_reboot_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_reboot_msg, m, m.callback_id,
                       vrDomainEventRebootNew(REMOTE_EV_DOM(m.msg.dom)));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_RTC_CHANGE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_rtc_change_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_rtc_change_msg, m, m.callback_id,
                       vrDomainEventRTCChangeNew(REMOTE_EV_DOM(m.msg.dom), m.msg.offset));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_WATCHDOG: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_watchdog_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_watchdog_msg, m, m.callback_id,
                       vrDomainEventWatchdogNew(REMOTE_EV_DOM(m.msg.dom), m.msg.action));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_io_error_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_io_error_msg, m, m.callback_id,
                       vrDomainEventIOErrorNew(REMOTE_EV_DOM(m.msg.dom), m.msg.src_path,
                                               m.msg.dev_alias, m.msg.action));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_io_error_reason_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_io_error_reason_msg, m, m.callback_id,
                       vrDomainEventIOErrorReasonNew(REMOTE_EV_DOM(m.msg.dom), m.msg.src_path,
                                                     m.msg.dev_alias, m.msg.action,
                                                     m.msg.reason));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_GRAPHICS: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_graphics_msg, m);
        vrDomainEventGraphicsAddress local = remoteGraphicsAddressFromWire(&m.msg.local);
        vrDomainEventGraphicsAddress remote = remoteGraphicsAddressFromWire(&m.msg.remote);
        g_autofree vrDomainEventGraphicsSubjectIdentity *ids =
            g_new0(vrDomainEventGraphicsSubjectIdentity, m.msg.subject.subject_len + 1);
        vrDomainEventGraphicsSubject subject = { .nidentity = (int)m.msg.subject.subject_len,
                                                 .identities = ids };
        u_int i;

        for (i = 0; i < m.msg.subject.subject_len; i++) {
            ids[i].type = m.msg.subject.subject_val[i].type;
            ids[i].name = m.msg.subject.subject_val[i].name;
        }
        REMOTE_EV_DONE(vrp_domain_event_callback_graphics_msg, m, m.callback_id,
                       vrDomainEventGraphicsNew(REMOTE_EV_DOM(m.msg.dom), m.msg.phase, &local,
                                                &remote, m.msg.auth_scheme, &subject));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_CONTROL_ERROR: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_control_error_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_control_error_msg, m, m.callback_id,
                       vrDomainEventControlErrorNew(REMOTE_EV_DOM(m.msg.dom)));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_BLOCK_JOB: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_block_job_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_block_job_msg, m, m.callback_id,
                       vrDomainEventBlockJobNew(VR_DOMAIN_EVENT_ID_BLOCK_JOB,
                                                REMOTE_EV_DOM(m.msg.dom), m.msg.path,
                                                m.msg.type, m.msg.status));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_BLOCK_JOB_2: {
        REMOTE_EV_DECODE(vrp_domain_event_block_job_2_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_block_job_2_msg, m, m.callback_id,
                       vrDomainEventBlockJobNew(VR_DOMAIN_EVENT_ID_BLOCK_JOB_2,
                                                REMOTE_EV_DOM(m.dom), m.dst, m.type,
                                                m.status));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_DISK_CHANGE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_disk_change_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_disk_change_msg, m, m.callback_id,
                       vrDomainEventDiskChangeNew(REMOTE_EV_DOM(m.msg.dom),
                                                  vrRemoteString(m.msg.old_src_path),
                                                  vrRemoteString(m.msg.new_src_path),
                                                  m.msg.dev_alias, m.msg.reason));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_TRAY_CHANGE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_tray_change_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_tray_change_msg, m, m.callback_id,
                       vrDomainEventTrayChangeNew(REMOTE_EV_DOM(m.msg.dom), m.msg.dev_alias,
                                                  m.msg.reason));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_PMWAKEUP:
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND:
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK: {
        /* one layout for the three */
        int id = msg->header.proc == VRP_PROC_DOMAIN_EVENT_CALLBACK_PMWAKEUP
                 ? VR_DOMAIN_EVENT_ID_PMWAKEUP
                 : msg->header.proc == VRP_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND
                 ? VR_DOMAIN_EVENT_ID_PMSUSPEND : VR_DOMAIN_EVENT_ID_PMSUSPEND_DISK;
        REMOTE_EV_DECODE(vrp_domain_event_callback_pmwakeup_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_pmwakeup_msg, m, m.callback_id,
                       vrDomainEventPMNew(id, REMOTE_EV_DOM(m.msg.dom), m.reason));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_balloon_change_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_balloon_change_msg, m, m.callback_id,
                       vrDomainEventBalloonChangeNew(REMOTE_EV_DOM(m.msg.dom), m.msg.actual));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_device_removed_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_device_removed_msg, m, m.callback_id,
                       vrDomainEventDeviceNew(VR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
                                              REMOTE_EV_DOM(m.msg.dom), m.msg.dev_alias));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_ADDED:
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED: {
        int id = msg->header.proc == VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_ADDED
                 ? VR_DOMAIN_EVENT_ID_DEVICE_ADDED : VR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED;
        REMOTE_EV_DECODE(vrp_domain_event_callback_device_added_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_device_added_msg, m, m.callback_id,
                       vrDomainEventDeviceNew(id, REMOTE_EV_DOM(m.dom), m.dev_alias));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_TUNABLE:
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_JOB_COMPLETED: {
        bool tunable = msg->header.proc == VRP_PROC_DOMAIN_EVENT_CALLBACK_TUNABLE;
        vrTypedParameter *params = NULL;
        int n = 0;
        REMOTE_EV_DECODE(vrp_domain_event_callback_tunable_msg, m);
        if (vrRemoteDeserializeTypedParamsAlloc(m.params.params_val, m.params.params_len,
                                                tunable ? VRP_DOMAIN_EVENT_TUNABLE_MAX
                                                        : VRP_DOMAIN_JOB_STATS_MAX,
                                                &params, &n) < 0) {
            vrResetLastError();
            xdr_free((xdrproc_t)xdr_vrp_domain_event_callback_tunable_msg, (char *)&m);
            return;
        }
        REMOTE_EV_DONE(vrp_domain_event_callback_tunable_msg, m, m.callback_id,
                       vrDomainEventParamsNew(tunable ? VR_DOMAIN_EVENT_ID_TUNABLE
                                                      : VR_DOMAIN_EVENT_ID_JOB_COMPLETED,
                                              REMOTE_EV_DOM(m.dom), params, n));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_agent_lifecycle_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_agent_lifecycle_msg, m, m.callback_id,
                       vrDomainEventAgentLifecycleNew(REMOTE_EV_DOM(m.dom), m.state, m.reason));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_migration_iteration_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_migration_iteration_msg, m, m.callback_id,
                       vrDomainEventMigrationIterationNew(REMOTE_EV_DOM(m.dom), m.iteration));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE: {
        REMOTE_EV_DECODE(vrp_domain_event_callback_metadata_change_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_callback_metadata_change_msg, m, m.callback_id,
                       vrDomainEventMetadataChangeNew(REMOTE_EV_DOM(m.dom), m.type,
                                                      vrRemoteString(m.nsuri)));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_BLOCK_THRESHOLD: {
        REMOTE_EV_DECODE(vrp_domain_event_block_threshold_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_block_threshold_msg, m, m.callback_id,
                       vrDomainEventBlockThresholdNew(REMOTE_EV_DOM(m.dom), m.dev,
                                                      vrRemoteString(m.path), m.threshold,
                                                      m.excess));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_MEMORY_FAILURE: {
        REMOTE_EV_DECODE(vrp_domain_event_memory_failure_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_memory_failure_msg, m, m.callback_id,
                       vrDomainEventMemoryFailureNew(REMOTE_EV_DOM(m.dom), m.recipient,
                                                     m.action, m.flags));
        return;
    }
    case VRP_PROC_DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE: {
        REMOTE_EV_DECODE(vrp_domain_event_memory_device_size_change_msg, m);
        REMOTE_EV_DONE(vrp_domain_event_memory_device_size_change_msg, m, m.callback_id,
                       vrDomainEventMemoryDeviceSizeChangeNew(REMOTE_EV_DOM(m.dom), m.alias,
                                                              m.size));
        return;
    }
    default:
        /* network, pool and legacy domain events: nobody here asked for them */
        return;
    }

 bad:
    VR_WARN("cannot decode event message %d", msg->header.proc);
}

void
remoteFillConnect(vrHypervisorDriver *hv)
{
    hv->connectDomainEventRegisterAny = remoteConnectDomainEventRegisterAny;
    hv->connectDomainEventDeregisterAny = remoteConnectDomainEventDeregisterAny;
    hv->connectDomainEventRegister = remoteConnectDomainEventRegister;
    hv->connectDomainEventDeregister = remoteConnectDomainEventDeregister;
    hv->connectGetType = remoteConnectGetType;
    hv->connectGetVersion = remoteConnectGetVersion;
    hv->connectGetLibVersion = remoteConnectGetLibVersion;
    hv->nodeGetInfo = remoteNodeGetInfo;
    hv->nodeGetSecurityModel = remoteNodeGetSecurityModel;
    hv->nodeGetCellsFreeMemory = remoteNodeGetCellsFreeMemory;
    hv->nodeGetCPUStats = remoteNodeGetCPUStats;
    hv->nodeGetMemoryStats = remoteNodeGetMemoryStats;
    hv->nodeGetMemoryParameters = remoteNodeGetMemoryParameters;
    hv->nodeGetCPUMap = remoteNodeGetCPUMap;
}
