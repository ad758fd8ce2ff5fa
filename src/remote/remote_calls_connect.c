/*
 * remote_calls_connect.c: hand-written calls about the connection and the
 * host, whose results are structures or arrays.
 */
#include <config.h>

#include <string.h>

#include "remote_driver_priv.h"

#define VR_FROM_THIS VR_FROM_REMOTE

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

void
remoteFillConnect(vrHypervisorDriver *hv)
{
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
