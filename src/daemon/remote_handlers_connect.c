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
    case VR_DRV_FEATURE_TYPED_PARAM_STRING:
    /* NETWORK_UPDATE arguments arrive in their documented order */
    case VR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER:
        ret->supported = 1;
        return 0;
    case VR_DRV_FEATURE_REMOTE_EVENT_CALLBACK:
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
