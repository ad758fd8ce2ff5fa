/*
 * remote_handlers_connect.c: hand-written handlers for the connection and
 * the host (open, features, node information and statistics).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_dispatch_gen.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_REMOTE
#define VR_LOG_CATEGORY "daemon.connect"

/* A client without a URI gets the daemon's own hypervisor. */
#define REMOTE_DEFAULT_URI "qemu:///system"

int
remoteDispatchConnectOpen(vrNetServerClient *client, vrRemoteClient *priv,
                          const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_open_args *args = argsv;
    const char *name = vrRemoteString(args->name);
    unsigned int flags = args->flags;
    vrConnect *conn;

    (void)hdr;
    (void)retv;
    if (!name || !*name)
        name = REMOTE_DEFAULT_URI;
    /* the read-only socket only ever gets read-only connections */
    if (vrNetServerClientIsReadonly(client))
        flags |= VR_CONNECT_RO;
    g_mutex_lock(&priv->lock);
    if (priv->conn) {
        g_mutex_unlock(&priv->lock);
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "connection already open");
        return -1;
    }
    g_mutex_unlock(&priv->lock);
    if (!(conn = vrConnectOpenFlags(name, flags)))
        return -1;
    g_mutex_lock(&priv->lock);
    priv->conn = conn;
    g_mutex_unlock(&priv->lock);
    VR_INFO("client opened %s%s", name, (flags & VR_CONNECT_RO) ? " (read-only)" : "");
    return 0;
}

int
remoteDispatchConnectClose(vrNetServerClient *client, vrRemoteClient *priv,
                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrConnect *conn;

    (void)client;
    (void)hdr;
    (void)argsv;
    (void)retv;
    remoteEventsDeregisterAll(priv);
    g_mutex_lock(&priv->lock);
    conn = g_steal_pointer(&priv->conn);
    g_mutex_unlock(&priv->lock);
    if (conn)
        vrConnectClose(conn);
    return 0;
}

int
remoteDispatchConnectGetType(vrNetServerClient *client, vrRemoteClient *priv,
                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_get_type_ret *ret = retv;
    const char *type = vrConnectGetType(priv->conn);

    (void)client;
    (void)hdr;
    (void)argsv;
    if (!type)
        return -1;
    ret->type = strdup(type);
    return 0;
}

int
remoteDispatchConnectGetVersion(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_get_version_ret *ret = retv;
    unsigned long v = 0;

    (void)client;
    (void)hdr;
    (void)argsv;
    if (vrConnectGetVersion(priv->conn, &v) < 0)
        return -1;
    ret->hv_ver = v;
    return 0;
}

int
remoteDispatchConnectGetLibVersion(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_get_lib_version_ret *ret = retv;
    unsigned long v = 0;

    (void)client;
    (void)hdr;
    (void)argsv;
    if (vrConnectGetLibVersion(priv->conn, &v) < 0)
        return -1;
    ret->lib_ver = v;
    return 0;
}

int
remoteDispatchConnectSupportsFeature(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_supports_feature_args *args = argsv;
    vrp_connect_supports_feature_ret *ret = retv;
    int rc;

    (void)hdr;
    switch (args->feature) {
    case VR_DRV_FEATURE_PROGRAM_KEEPALIVE:
        /* asking means the client answers pings: start sending them */
        vrNetServerClientStartKeepAlive(client);
        ret->supported = 1;
        return 0;
    case VR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK:
    /* domain events go out with the client's callback ids */
    case VR_DRV_FEATURE_REMOTE_EVENT_CALLBACK:
    case VR_DRV_FEATURE_TYPED_PARAM_STRING:
    /* NETWORK_UPDATE arguments arrive in their documented order */
    case VR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER:
        ret->supported = 1;
        return 0;
    case VR_DRV_FEATURE_FD_PASSING:
        ret->supported = 0;
        return 0;
    default:
        break;
    }
    if (!priv->conn) {
        ret->supported = 0;
        return 0;
    }
    if ((rc = vrConnectSupportsFeature(priv->conn, args->feature)) < 0)
        return -1;
    ret->supported = rc;
    return 0;
}

int
remoteDispatchAuthList(vrNetServerClient *client, vrRemoteClient *priv,
                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_auth_list_ret *ret = retv;

    (void)client;
    (void)priv;
    (void)hdr;
    (void)argsv;
    /* UNIX socket permissions are the access control */
    ret->types.types_val = calloc(1, sizeof(vrp_auth_type));
    ret->types.types_val[0] = VRP_AUTH_NONE;
    ret->types.types_len = 1;
    return 0;
}

int
remoteDispatchConnectRegisterCloseCallback(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    (void)client;
    (void)hdr;
    (void)argsv;
    (void)retv;
    g_mutex_lock(&priv->lock);
    priv->closeCallback = true;
    g_mutex_unlock(&priv->lock);
    return 0;
}

int
remoteDispatchConnectUnregisterCloseCallback(vrNetServerClient *client, vrRemoteClient *priv,
                                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    (void)client;
    (void)hdr;
    (void)argsv;
    (void)retv;
    g_mutex_lock(&priv->lock);
    priv->closeCallback = false;
    g_mutex_unlock(&priv->lock);
    return 0;
}

/* ---- the node -------------------------------------------------------- */

int
remoteDispatchNodeGetInfo(vrNetServerClient *client, vrRemoteClient *priv,
                          const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_info_ret *ret = retv;
    vrNodeInfo info;

    (void)client;
    (void)hdr;
    (void)argsv;
    if (vrNodeGetInfo(priv->conn, &info) < 0)
        return -1;
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->memory = info.memory;
    ret->cpus = (int)info.cpus;
    ret->mhz = (int)info.mhz;
    ret->nodes = (int)info.nodes;
    ret->sockets = (int)info.sockets;
    ret->cores = (int)info.cores;
    ret->threads = (int)info.threads;
    return 0;
}

/* libvirt sends these C strings with their terminating NUL. */
static void
remoteCharArray(const char *s, u_int *len, char **val)
{
    *len = (u_int)strlen(s) + 1;
    *val = strdup(s);
}

int
remoteDispatchNodeGetSecurityModel(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_security_model_ret *ret = retv;
    vrSecurityModel model;

    (void)client;
    (void)hdr;
    (void)argsv;
    memset(&model, 0, sizeof(model));
    if (vrNodeGetSecurityModel(priv->conn, &model) < 0)
        return -1;
    remoteCharArray(model.model, &ret->model.model_len, &ret->model.model_val);
    remoteCharArray(model.doi, &ret->doi.doi_len, &ret->doi.doi_val);
    return 0;
}

int
remoteDispatchNodeGetCellsFreeMemory(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_cells_free_memory_args *args = argsv;
    vrp_node_get_cells_free_memory_ret *ret = retv;
    int n;

    (void)client;
    (void)hdr;
    if (args->max_cells <= 0 || args->max_cells > VRP_NODE_MAX_CELLS) {
        vrReportError(VR_ERR_RPC, "%s", "maxCells > REMOTE_NODE_MAX_CELLS");
        return -1;
    }
    ret->cells.cells_val = calloc((size_t)args->max_cells, sizeof(u_quad_t));
    n = vrNodeGetCellsFreeMemory(priv->conn, (unsigned long long *)ret->cells.cells_val,
                                 args->start_cell, args->max_cells);
    if (n < 0)
        return -1;
    ret->cells.cells_len = (u_int)n;
    return 0;
}

int
remoteDispatchNodeGetCpuStats(vrNetServerClient *client, vrRemoteClient *priv,
                              const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_cpu_stats_args *args = argsv;
    vrp_node_get_cpu_stats_ret *ret = retv;
    g_autofree vrNodeCPUStats *stats = NULL;
    int n = args->nparams, i;

    (void)client;
    (void)hdr;
    if (n < 0 || n > VRP_NODE_CPU_STATS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "nparams too large");
        return -1;
    }
    stats = g_new0(vrNodeCPUStats, n ? n : 1);
    if (vrNodeGetCPUStats(priv->conn, args->cpu_num, n ? stats : NULL, &n, args->flags) < 0)
        return -1;
    ret->nparams = n;
    if (args->nparams == 0)
        return 0;
    ret->params.params_val = calloc((size_t)n ? (size_t)n : 1, sizeof(vrp_node_cpu_stat));
    ret->params.params_len = (u_int)n;
    for (i = 0; i < n; i++) {
        ret->params.params_val[i].field = strdup(stats[i].field);
        ret->params.params_val[i].value = stats[i].value;
    }
    return 0;
}

int
remoteDispatchNodeGetMemoryStats(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_memory_stats_args *args = argsv;
    vrp_node_get_memory_stats_ret *ret = retv;
    g_autofree vrNodeMemoryStats *stats = NULL;
    int n = args->nparams, i;

    (void)client;
    (void)hdr;
    if (n < 0 || n > VRP_NODE_MEMORY_STATS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "nparams too large");
        return -1;
    }
    stats = g_new0(vrNodeMemoryStats, n ? n : 1);
    if (vrNodeGetMemoryStats(priv->conn, args->cell_num, n ? stats : NULL, &n,
                             args->flags) < 0)
        return -1;
    ret->nparams = n;
    if (args->nparams == 0)
        return 0;
    ret->params.params_val = calloc((size_t)n ? (size_t)n : 1, sizeof(vrp_node_memory_stat));
    ret->params.params_len = (u_int)n;
    for (i = 0; i < n; i++) {
        ret->params.params_val[i].field = strdup(stats[i].field);
        ret->params.params_val[i].value = stats[i].value;
    }
    return 0;
}

int
remoteDispatchNodeGetMemoryParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                      const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_memory_parameters_args *args = argsv;
    vrp_node_get_memory_parameters_ret *ret = retv;
    g_autofree vrTypedParameter *params = NULL;
    int n = args->nparams, rc;

    (void)client;
    (void)hdr;
    if (n < 0 || n > VRP_NODE_MEMORY_PARAMETERS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "nparams too large");
        return -1;
    }
    params = g_new0(vrTypedParameter, n ? n : 1);
    if (vrNodeGetMemoryParameters(priv->conn, n ? params : NULL, &n, args->flags) < 0)
        return -1;
    ret->nparams = n;
    if (args->nparams == 0)
        return 0;
    rc = vrRemoteSerializeTypedParams(params, n, VRP_NODE_MEMORY_PARAMETERS_MAX,
                                      &ret->params.params_val, &ret->params.params_len);
    vrTypedParamsClear(params, n);
    return rc;
}

int
remoteDispatchNodeGetCpuMap(vrNetServerClient *client, vrRemoteClient *priv,
                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_node_get_cpu_map_args *args = argsv;
    vrp_node_get_cpu_map_ret *ret = retv;
    unsigned char *map = NULL;
    unsigned int online = 0;
    int n;

    (void)client;
    (void)hdr;
    n = vrNodeGetCPUMap(priv->conn, args->need_map ? &map : NULL,
                        args->need_online ? &online : NULL, args->flags);
    if (n < 0)
        return -1;
    if (map) {
        size_t len = VR_CPU_MAPLEN(n);

        /* the reply is freed with xdr_free, hence malloc'd memory */
        ret->cpumap.cpumap_val = calloc(len ? len : 1, 1);
        memcpy(ret->cpumap.cpumap_val, map, len);
        ret->cpumap.cpumap_len = (u_int)len;
        g_free(map);
    }
    ret->online = online;
    ret->ret = n;
    return 0;
}

/* ---- domain events ---------------------------------------------------- */

/* One registration a client made: the daemon's callback on the client's
 * connection sends each event to the client as a MESSAGE frame. */
typedef struct {
    vrNetServerClient *client;     /* a reference, dropped with the registration */
    int eventID;
    int callbackID;                /* what the client knows it by; -1 until known */
    bool legacy;                   /* REGISTER/REGISTER_ANY: the bare message forms */
} remoteEventCallback;

static void
remoteEventCallbackFree(void *opaque)
{
    remoteEventCallback *cb = opaque;

    vrNetServerClientUnref(cb->client);
    g_free(cb);
}

/* Sends one event; a callback whose registration has not finished yet
 * (no id) drops it, as libvirt does. */
static void
remoteEventSend(remoteEventCallback *cb, int proc, xdrproc_t filter, void *msg)
{
    if (g_atomic_int_get(&cb->callbackID) < 0 && !cb->legacy)
        return;
    if (vrNetServerClientSendEvent(cb->client, proc, filter, msg) < 0)
        vrResetLastError();
}

/* Events 0-15 exist in a bare (legacy) and a callback form that wraps
 * the bare one after the callback id. */
#define REMOTE_RELAY_WRAPPED(cb, bare, legacyProc, legacyType, proc, type) \
    do { \
        if ((cb)->legacy) { \
            remoteEventSend((cb), (legacyProc), (xdrproc_t)xdr_##legacyType, &(bare)); \
        } else { \
            type wrapped = { .callback_id = g_atomic_int_get(&(cb)->callbackID), \
                             .msg = (bare) }; \
            remoteEventSend((cb), (proc), (xdrproc_t)xdr_##type, &wrapped); \
        } \
    } while (0)

static int
remoteRelayLifecycle(vrConnect *conn, vrDomain *dom, int event, int detail, void *opaque)
{
    vrp_domain_event_lifecycle_msg bare = { .event = event, .detail = detail };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_LIFECYCLE,
                         vrp_domain_event_lifecycle_msg, VRP_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                         vrp_domain_event_callback_lifecycle_msg);
    return 0;
}

static void
remoteRelayReboot(vrConnect *conn, vrDomain *dom, void *opaque)
{
    vrp_domain_event_reboot_msg bare;

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_REBOOT,
                         vrp_domain_event_reboot_msg, VRP_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
                         vrp_domain_event_callback_reboot_msg);
}

static void
remoteRelayRTCChange(vrConnect *conn, vrDomain *dom, long long offset, void *opaque)
{
    vrp_domain_event_rtc_change_msg bare = { .offset = offset };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_RTC_CHANGE,
                         vrp_domain_event_rtc_change_msg,
                         VRP_PROC_DOMAIN_EVENT_CALLBACK_RTC_CHANGE,
                         vrp_domain_event_callback_rtc_change_msg);
}

static void
remoteRelayWatchdog(vrConnect *conn, vrDomain *dom, int action, void *opaque)
{
    vrp_domain_event_watchdog_msg bare = { .action = action };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_WATCHDOG,
                         vrp_domain_event_watchdog_msg, VRP_PROC_DOMAIN_EVENT_CALLBACK_WATCHDOG,
                         vrp_domain_event_callback_watchdog_msg);
}

static char *
remoteEventStr(const char *s)
{
    return (char *)(s ? s : "");
}

static void
remoteRelayIOError(vrConnect *conn, vrDomain *dom, const char *srcPath, const char *devAlias,
                   int action, void *opaque)
{
    vrp_domain_event_io_error_msg bare = { .src_path = remoteEventStr(srcPath),
                                           .dev_alias = remoteEventStr(devAlias),
                                           .action = action };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_IO_ERROR,
                         vrp_domain_event_io_error_msg, VRP_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR,
                         vrp_domain_event_callback_io_error_msg);
}

static void
remoteRelayIOErrorReason(vrConnect *conn, vrDomain *dom, const char *srcPath,
                         const char *devAlias, int action, const char *reason, void *opaque)
{
    vrp_domain_event_io_error_reason_msg bare = { .src_path = remoteEventStr(srcPath),
                                                  .dev_alias = remoteEventStr(devAlias),
                                                  .action = action,
                                                  .reason = remoteEventStr(reason) };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare,
                         VRP_PROC_DOMAIN_EVENT_IO_ERROR_REASON,
                         vrp_domain_event_io_error_reason_msg,
                         VRP_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON,
                         vrp_domain_event_callback_io_error_reason_msg);
}

static void
remoteGraphicsAddress(vrp_domain_event_graphics_address *w,
                      const vrDomainEventGraphicsAddress *a)
{
    w->family = a ? a->family : 0;
    w->node = remoteEventStr(a ? a->node : NULL);
    w->service = remoteEventStr(a ? a->service : NULL);
}

static void
remoteRelayGraphics(vrConnect *conn, vrDomain *dom, int phase,
                    const vrDomainEventGraphicsAddress *local,
                    const vrDomainEventGraphicsAddress *remote, const char *authScheme,
                    const vrDomainEventGraphicsSubject *subject, void *opaque)
{
    vrp_domain_event_graphics_msg bare = { .phase = phase,
                                           .auth_scheme = remoteEventStr(authScheme) };
    g_autofree vrp_domain_event_graphics_identity *ids = NULL;
    int i, n = subject ? MIN(subject->nidentity, VRP_DOMAIN_EVENT_GRAPHICS_IDENTITY_MAX) : 0;

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    remoteGraphicsAddress(&bare.local, local);
    remoteGraphicsAddress(&bare.remote, remote);
    ids = g_new0(vrp_domain_event_graphics_identity, n > 0 ? n : 1);
    for (i = 0; i < n; i++) {
        ids[i].type = remoteEventStr(subject->identities[i].type);
        ids[i].name = remoteEventStr(subject->identities[i].name);
    }
    bare.subject.subject_val = ids;
    bare.subject.subject_len = (u_int)n;
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_GRAPHICS,
                         vrp_domain_event_graphics_msg, VRP_PROC_DOMAIN_EVENT_CALLBACK_GRAPHICS,
                         vrp_domain_event_callback_graphics_msg);
}

static void
remoteRelayControlError(vrConnect *conn, vrDomain *dom, void *opaque)
{
    vrp_domain_event_control_error_msg bare;

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare,
                         VRP_PROC_DOMAIN_EVENT_CONTROL_ERROR,
                         vrp_domain_event_control_error_msg,
                         VRP_PROC_DOMAIN_EVENT_CALLBACK_CONTROL_ERROR,
                         vrp_domain_event_callback_control_error_msg);
}

static void
remoteRelayBlockJob(vrConnect *conn, vrDomain *dom, const char *disk, int type, int status,
                    void *opaque)
{
    remoteEventCallback *cb = opaque;

    (void)conn;
    if (cb->eventID == VR_DOMAIN_EVENT_ID_BLOCK_JOB_2) {
        vrp_domain_event_block_job_2_msg msg = { .callback_id = g_atomic_int_get(&cb->callbackID),
                                                 .dst = remoteEventStr(disk), .type = type,
                                                 .status = status };
        if (cb->legacy)
            return;
        vrRemoteBorrowDomain(&msg.dom, dom);
        remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_BLOCK_JOB_2,
                        (xdrproc_t)xdr_vrp_domain_event_block_job_2_msg, &msg);
    } else {
        vrp_domain_event_block_job_msg bare = { .path = remoteEventStr(disk), .type = type,
                                                .status = status };

        vrRemoteBorrowDomain(&bare.dom, dom);
        REMOTE_RELAY_WRAPPED(cb, bare, VRP_PROC_DOMAIN_EVENT_BLOCK_JOB,
                             vrp_domain_event_block_job_msg,
                             VRP_PROC_DOMAIN_EVENT_CALLBACK_BLOCK_JOB,
                             vrp_domain_event_callback_block_job_msg);
    }
}

static void
remoteRelayDiskChange(vrConnect *conn, vrDomain *dom, const char *oldSrcPath,
                      const char *newSrcPath, const char *devAlias, int reason, void *opaque)
{
    const char *oldSlot, *newSlot;
    vrp_domain_event_disk_change_msg bare = { .dev_alias = remoteEventStr(devAlias),
                                              .reason = reason };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    bare.old_src_path = vrRemoteStringBorrow(&oldSlot, oldSrcPath);
    bare.new_src_path = vrRemoteStringBorrow(&newSlot, newSrcPath);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_DISK_CHANGE,
                         vrp_domain_event_disk_change_msg,
                         VRP_PROC_DOMAIN_EVENT_CALLBACK_DISK_CHANGE,
                         vrp_domain_event_callback_disk_change_msg);
}

static void
remoteRelayTrayChange(vrConnect *conn, vrDomain *dom, const char *devAlias, int reason,
                      void *opaque)
{
    vrp_domain_event_tray_change_msg bare = { .dev_alias = remoteEventStr(devAlias),
                                              .reason = reason };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare, VRP_PROC_DOMAIN_EVENT_TRAY_CHANGE,
                         vrp_domain_event_tray_change_msg,
                         VRP_PROC_DOMAIN_EVENT_CALLBACK_TRAY_CHANGE,
                         vrp_domain_event_callback_tray_change_msg);
}

/* PMWAKEUP, PMSUSPEND, PMSUSPEND_DISK: the reason only exists in the
 * callback form, where it comes before the bare message. */
static void
remoteRelayPM(vrConnect *conn, vrDomain *dom, int reason, void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_pmwakeup_msg bare;
    vrp_domain_event_callback_pmwakeup_msg wrapped = { .reason = reason };
    int legacyProc, proc;

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    switch (cb->eventID) {
    case VR_DOMAIN_EVENT_ID_PMWAKEUP:
        legacyProc = VRP_PROC_DOMAIN_EVENT_PMWAKEUP;
        proc = VRP_PROC_DOMAIN_EVENT_CALLBACK_PMWAKEUP;
        break;
    case VR_DOMAIN_EVENT_ID_PMSUSPEND:
        legacyProc = VRP_PROC_DOMAIN_EVENT_PMSUSPEND;
        proc = VRP_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND;
        break;
    default:
        legacyProc = VRP_PROC_DOMAIN_EVENT_PMSUSPEND_DISK;
        proc = VRP_PROC_DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK;
        break;
    }
    /* the three messages share one layout */
    if (cb->legacy) {
        remoteEventSend(cb, legacyProc, (xdrproc_t)xdr_vrp_domain_event_pmwakeup_msg, &bare);
        return;
    }
    wrapped.callback_id = g_atomic_int_get(&cb->callbackID);
    wrapped.msg = bare;
    remoteEventSend(cb, proc, (xdrproc_t)xdr_vrp_domain_event_callback_pmwakeup_msg, &wrapped);
}

static void
remoteRelayBalloonChange(vrConnect *conn, vrDomain *dom, unsigned long long actual,
                         void *opaque)
{
    vrp_domain_event_balloon_change_msg bare = { .actual = actual };

    (void)conn;
    vrRemoteBorrowDomain(&bare.dom, dom);
    REMOTE_RELAY_WRAPPED((remoteEventCallback *)opaque, bare,
                         VRP_PROC_DOMAIN_EVENT_BALLOON_CHANGE,
                         vrp_domain_event_balloon_change_msg,
                         VRP_PROC_DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE,
                         vrp_domain_event_callback_balloon_change_msg);
}

/* DEVICE_REMOVED, DEVICE_ADDED, DEVICE_REMOVAL_FAILED */
static void
remoteRelayDevice(vrConnect *conn, vrDomain *dom, const char *devAlias, void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_callback_device_added_msg msg = { .dev_alias = remoteEventStr(devAlias) };

    (void)conn;
    if (cb->eventID == VR_DOMAIN_EVENT_ID_DEVICE_REMOVED) {
        vrp_domain_event_device_removed_msg bare = { .dev_alias = remoteEventStr(devAlias) };

        vrRemoteBorrowDomain(&bare.dom, dom);
        REMOTE_RELAY_WRAPPED(cb, bare, VRP_PROC_DOMAIN_EVENT_DEVICE_REMOVED,
                             vrp_domain_event_device_removed_msg,
                             VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED,
                             vrp_domain_event_callback_device_removed_msg);
        return;
    }
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    /* DEVICE_ADDED and DEVICE_REMOVAL_FAILED share one layout */
    remoteEventSend(cb, cb->eventID == VR_DOMAIN_EVENT_ID_DEVICE_ADDED
                        ? VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_ADDED
                        : VRP_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED,
                    (xdrproc_t)xdr_vrp_domain_event_callback_device_added_msg, &msg);
}

/* TUNABLE and JOB_COMPLETED */
static void
remoteRelayParams(vrConnect *conn, vrDomain *dom, vrTypedParameter *params, int nparams,
                  void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_callback_tunable_msg msg;
    bool tunable = cb->eventID == VR_DOMAIN_EVENT_ID_TUNABLE;

    (void)conn;
    if (cb->legacy)
        return;
    memset(&msg, 0, sizeof(msg));
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    if (vrRemoteSerializeTypedParams(params, nparams,
                                     tunable ? VRP_DOMAIN_EVENT_TUNABLE_MAX
                                             : VRP_DOMAIN_JOB_STATS_MAX,
                                     &msg.params.params_val, &msg.params.params_len) == 0) {
        /* the two messages share one layout */
        remoteEventSend(cb, tunable ? VRP_PROC_DOMAIN_EVENT_CALLBACK_TUNABLE
                                    : VRP_PROC_DOMAIN_EVENT_CALLBACK_JOB_COMPLETED,
                        (xdrproc_t)xdr_vrp_domain_event_callback_tunable_msg, &msg);
    } else {
        vrResetLastError();
    }
    vrRemoteFreeWireParams(msg.params.params_val, msg.params.params_len);
}

static void
remoteRelayAgentLifecycle(vrConnect *conn, vrDomain *dom, int state, int reason, void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_callback_agent_lifecycle_msg msg = { .state = state, .reason = reason };

    (void)conn;
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE,
                    (xdrproc_t)xdr_vrp_domain_event_callback_agent_lifecycle_msg, &msg);
}

static void
remoteRelayMigrationIteration(vrConnect *conn, vrDomain *dom, int iteration, void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_callback_migration_iteration_msg msg = { .iteration = iteration };

    (void)conn;
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION,
                    (xdrproc_t)xdr_vrp_domain_event_callback_migration_iteration_msg, &msg);
}

static void
remoteRelayMetadataChange(vrConnect *conn, vrDomain *dom, int type, const char *nsuri,
                          void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_callback_metadata_change_msg msg = { .type = type };
    const char *slot;

    (void)conn;
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    msg.nsuri = vrRemoteStringBorrow(&slot, nsuri);
    remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE,
                    (xdrproc_t)xdr_vrp_domain_event_callback_metadata_change_msg, &msg);
}

static void
remoteRelayBlockThreshold(vrConnect *conn, vrDomain *dom, const char *dev, const char *path,
                          unsigned long long threshold, unsigned long long excess,
                          void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_block_threshold_msg msg = { .dev = remoteEventStr(dev),
                                                 .threshold = threshold, .excess = excess };
    const char *slot;

    (void)conn;
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    msg.path = vrRemoteStringBorrow(&slot, path);
    remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_BLOCK_THRESHOLD,
                    (xdrproc_t)xdr_vrp_domain_event_block_threshold_msg, &msg);
}

static void
remoteRelayMemoryFailure(vrConnect *conn, vrDomain *dom, int recipient, int action,
                         unsigned int flags, void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_memory_failure_msg msg = { .recipient = recipient, .action = action,
                                                .flags = flags };

    (void)conn;
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_MEMORY_FAILURE,
                    (xdrproc_t)xdr_vrp_domain_event_memory_failure_msg, &msg);
}

static void
remoteRelayMemoryDeviceSizeChange(vrConnect *conn, vrDomain *dom, const char *alias,
                                  unsigned long long size, void *opaque)
{
    remoteEventCallback *cb = opaque;
    vrp_domain_event_memory_device_size_change_msg msg = { .alias = remoteEventStr(alias),
                                                           .size = size };

    (void)conn;
    if (cb->legacy)
        return;
    vrRemoteBorrowDomain(&msg.dom, dom);
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    remoteEventSend(cb, VRP_PROC_DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE,
                    (xdrproc_t)xdr_vrp_domain_event_memory_device_size_change_msg, &msg);
}

static vrConnectDomainEventGenericCallback
remoteRelayFor(int eventID)
{
    switch (eventID) {
    case VR_DOMAIN_EVENT_ID_LIFECYCLE: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayLifecycle);
    case VR_DOMAIN_EVENT_ID_REBOOT: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayReboot);
    case VR_DOMAIN_EVENT_ID_RTC_CHANGE: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayRTCChange);
    case VR_DOMAIN_EVENT_ID_WATCHDOG: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayWatchdog);
    case VR_DOMAIN_EVENT_ID_IO_ERROR: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayIOError);
    case VR_DOMAIN_EVENT_ID_GRAPHICS: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayGraphics);
    case VR_DOMAIN_EVENT_ID_IO_ERROR_REASON:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayIOErrorReason);
    case VR_DOMAIN_EVENT_ID_CONTROL_ERROR:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayControlError);
    case VR_DOMAIN_EVENT_ID_BLOCK_JOB:
    case VR_DOMAIN_EVENT_ID_BLOCK_JOB_2: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayBlockJob);
    case VR_DOMAIN_EVENT_ID_DISK_CHANGE: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayDiskChange);
    case VR_DOMAIN_EVENT_ID_TRAY_CHANGE: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayTrayChange);
    case VR_DOMAIN_EVENT_ID_PMWAKEUP:
    case VR_DOMAIN_EVENT_ID_PMSUSPEND:
    case VR_DOMAIN_EVENT_ID_PMSUSPEND_DISK: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayPM);
    case VR_DOMAIN_EVENT_ID_BALLOON_CHANGE:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayBalloonChange);
    case VR_DOMAIN_EVENT_ID_DEVICE_REMOVED:
    case VR_DOMAIN_EVENT_ID_DEVICE_ADDED:
    case VR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayDevice);
    case VR_DOMAIN_EVENT_ID_TUNABLE:
    case VR_DOMAIN_EVENT_ID_JOB_COMPLETED: return VR_DOMAIN_EVENT_CALLBACK(remoteRelayParams);
    case VR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayAgentLifecycle);
    case VR_DOMAIN_EVENT_ID_MIGRATION_ITERATION:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayMigrationIteration);
    case VR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayMetadataChange);
    case VR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayBlockThreshold);
    case VR_DOMAIN_EVENT_ID_MEMORY_FAILURE:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayMemoryFailure);
    case VR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE:
        return VR_DOMAIN_EVENT_CALLBACK(remoteRelayMemoryDeviceSizeChange);
    default:
        return NULL;
    }
}

/* Registers a relay on the client's connection and records it.  Returns
 * the connection's callback id, or -1 (reported). */
static int
remoteEventRegister(vrNetServerClient *client, vrRemoteClient *priv, vrp_nonnull_domain *ref,
                    int eventID, bool legacy)
{
    vrConnectDomainEventGenericCallback relay = remoteRelayFor(eventID);
    remoteEventCallback *cb;
    vrRemoteEventReg reg;
    vrDomain *dom = NULL;
    guint i;
    int id;

    if (!relay) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unsupported event ID %d", eventID);
        return -1;
    }
    g_mutex_lock(&priv->lock);
    if (legacy) {
        for (i = 0; i < priv->domainEvents->len; i++) {
            vrRemoteEventReg *old = &g_array_index(priv->domainEvents, vrRemoteEventReg, i);

            if (old->legacy && old->eventID == eventID) {
                g_mutex_unlock(&priv->lock);
                vrReportError(VR_ERR_INTERNAL_ERROR, "domain event %d already registered",
                              eventID);
                return -1;
            }
        }
    }
    cb = g_new0(remoteEventCallback, 1);
    vrNetServerClientRef(client);
    cb->client = client;
    cb->eventID = eventID;
    cb->callbackID = -1;
    cb->legacy = legacy;
    if (ref)
        dom = vrRemoteGetDomain(priv->conn, ref);
    id = vrConnectDomainEventRegisterAny(priv->conn, dom, eventID, relay, cb,
                                         remoteEventCallbackFree);
    vrDomainFree(dom);
    if (id < 0) {
        g_mutex_unlock(&priv->lock);
        remoteEventCallbackFree(cb);
        return -1;
    }
    g_atomic_int_set(&cb->callbackID, id);
    reg.callbackID = id;
    reg.eventID = eventID;
    reg.legacy = legacy;
    g_array_append_val(priv->domainEvents, reg);
    g_mutex_unlock(&priv->lock);
    return id;
}

/* Finds and forgets the registration that matches; -1 if there is none. */
static int
remoteEventTake(vrRemoteClient *priv, int callbackID, int legacyEventID)
{
    int id = -1;
    guint i;

    g_mutex_lock(&priv->lock);
    for (i = 0; i < priv->domainEvents->len; i++) {
        vrRemoteEventReg *reg = &g_array_index(priv->domainEvents, vrRemoteEventReg, i);

        if (legacyEventID >= 0 ? (reg->legacy && reg->eventID == legacyEventID)
                               : (!reg->legacy && reg->callbackID == callbackID)) {
            id = reg->callbackID;
            g_array_remove_index(priv->domainEvents, i);
            break;
        }
    }
    g_mutex_unlock(&priv->lock);
    return id;
}

void
remoteEventsDeregisterAll(vrRemoteClient *priv)
{
    g_autoptr(GArray) regs = NULL;
    vrConnect *conn;
    guint i;

    g_mutex_lock(&priv->lock);
    regs = priv->domainEvents;
    priv->domainEvents = g_array_new(FALSE, FALSE, sizeof(vrRemoteEventReg));
    conn = priv->conn;
    if (conn)
        vrConnectRef(conn);
    g_mutex_unlock(&priv->lock);
    for (i = 0; conn && i < regs->len; i++) {
        if (vrConnectDomainEventDeregisterAny(
                conn, g_array_index(regs, vrRemoteEventReg, i).callbackID) < 0)
            vrResetLastError();
    }
    if (conn)
        vrConnectUnref(conn);
}

int
remoteDispatchConnectDomainEventCallbackRegisterAny(vrNetServerClient *client,
                                                    vrRemoteClient *priv,
                                                    const vrNetHeader *hdr, void *argsv,
                                                    void *retv)
{
    vrp_connect_domain_event_callback_register_any_args *args = argsv;
    vrp_connect_domain_event_callback_register_any_ret *ret = retv;
    int id;

    (void)hdr;
    if ((id = remoteEventRegister(client, priv, args->dom, args->event_id, false)) < 0)
        return -1;
    ret->callback_id = id;
    return 0;
}

int
remoteDispatchConnectDomainEventCallbackDeregisterAny(vrNetServerClient *client,
                                                      vrRemoteClient *priv,
                                                      const vrNetHeader *hdr, void *argsv,
                                                      void *retv)
{
    vrp_connect_domain_event_callback_deregister_any_args *args = argsv;
    int id;

    (void)client;
    (void)hdr;
    (void)retv;
    if ((id = remoteEventTake(priv, args->callback_id, -1)) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "domain event callback %d not registered",
                      args->callback_id);
        return -1;
    }
    return vrConnectDomainEventDeregisterAny(priv->conn, id) < 0 ? -1 : 0;
}

int
remoteDispatchConnectDomainEventRegisterAny(vrNetServerClient *client, vrRemoteClient *priv,
                                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_domain_event_register_any_args *args = argsv;

    (void)hdr;
    (void)retv;
    return remoteEventRegister(client, priv, NULL, args->event_id, true) < 0 ? -1 : 0;
}

int
remoteDispatchConnectDomainEventDeregisterAny(vrNetServerClient *client, vrRemoteClient *priv,
                                              const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_domain_event_deregister_any_args *args = argsv;
    int id;

    (void)client;
    (void)hdr;
    (void)retv;
    if (args->event_id < 0 || (id = remoteEventTake(priv, -1, args->event_id)) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "domain event %d not registered", args->event_id);
        return -1;
    }
    return vrConnectDomainEventDeregisterAny(priv->conn, id) < 0 ? -1 : 0;
}

int
remoteDispatchConnectDomainEventRegister(vrNetServerClient *client, vrRemoteClient *priv,
                                         const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_domain_event_register_ret *ret = retv;

    (void)hdr;
    (void)argsv;
    if (remoteEventRegister(client, priv, NULL, VR_DOMAIN_EVENT_ID_LIFECYCLE, true) < 0)
        return -1;
    ret->cb_registered = 1;
    return 0;
}

int
remoteDispatchConnectDomainEventDeregister(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_domain_event_deregister_ret *ret = retv;
    int id;

    (void)client;
    (void)hdr;
    (void)argsv;
    if ((id = remoteEventTake(priv, -1, VR_DOMAIN_EVENT_ID_LIFECYCLE)) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "domain event %d not registered",
                      VR_DOMAIN_EVENT_ID_LIFECYCLE);
        return -1;
    }
    if (vrConnectDomainEventDeregisterAny(priv->conn, id) < 0)
        return -1;
    ret->cb_registered = 0;
    return 0;
}
