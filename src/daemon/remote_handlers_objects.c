/*
 * remote_handlers_objects.c: hand-written handlers for networks, storage
 * pools and volumes, and host interfaces (lists, structured results, and
 * volume transfers).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_dispatch_gen.h"
#include "remote_streams.h"

#define VR_FROM_THIS VR_FROM_REMOTE

/* Names from a legacy list call, handed to the wire (frees @names'
 * strings). */
static char **
remoteNames(char **names, int n)
{
    char **out = calloc((size_t)(n > 0 ? n : 1), sizeof(char *));
    int i;

    for (i = 0; i < n; i++) {
        out[i] = strdup(names[i]);
        g_free(names[i]);
    }
    return out;
}

typedef int (*remoteListNamesFunc)(vrConnect *conn, char **names, int maxnames);

static int
remoteListNames(vrConnect *conn, int max, int limit, remoteListNamesFunc func,
                char ***val, u_int *len)
{
    g_autofree char **names = NULL;
    int n;

    if (max < 0 || max > limit) {
        vrReportError(VR_ERR_RPC, "maxnames %d out of range (0..%d)", max, limit);
        return -1;
    }
    names = g_new0(char *, max ? max : 1);
    if ((n = func(conn, names, max)) < 0)
        return -1;
    *val = remoteNames(names, n);
    *len = (u_int)n;
    return 0;
}

/* ---- networks -------------------------------------------------------- */

int
remoteDispatchConnectListAllNetworks(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_all_networks_args *args = argsv;
    vrp_connect_list_all_networks_ret *ret = retv;
    vrNetwork **nets = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    if ((n = vrConnectListAllNetworks(priv->conn, args->need_results ? &nets : NULL,
                                      args->flags)) < 0)
        return -1;
    if (nets) {
        ret->nets.nets_val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_network));
        ret->nets.nets_len = (u_int)n;
        for (i = 0; i < n; i++) {
            vrRemoteCopyNetwork(&ret->nets.nets_val[i], nets[i]);
            vrNetworkFree(nets[i]);
        }
        g_free(nets);
    }
    ret->ret = (u_int)n;
    return 0;
}

int
remoteDispatchConnectListNetworks(vrNetServerClient *client, vrRemoteClient *priv,
                                  const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_networks_args *args = argsv;
    vrp_connect_list_networks_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteListNames(priv->conn, args->max_names, VRP_NETWORK_LIST_MAX,
                           vrConnectListNetworks, &ret->names.names_val, &ret->names.names_len);
}

int
remoteDispatchConnectListDefinedNetworks(vrNetServerClient *client, vrRemoteClient *priv,
                                         const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_defined_networks_args *args = argsv;
    vrp_connect_list_defined_networks_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteListNames(priv->conn, args->max_names, VRP_NETWORK_LIST_MAX,
                           vrConnectListDefinedNetworks, &ret->names.names_val,
                           &ret->names.names_len);
}

int
remoteDispatchNetworkGetAutostart(vrNetServerClient *client, vrRemoteClient *priv,
                                  const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_network_get_autostart_args *args = argsv;
    vrp_network_get_autostart_ret *ret = retv;
    vrNetwork *net = vrRemoteGetNetwork(priv->conn, &args->net);
    int rc;

    (void)client;
    (void)hdr;
    rc = vrNetworkGetAutostart(net, &ret->autostart);
    vrNetworkFree(net);
    return rc < 0 ? -1 : 0;
}

/* The leases go out in libvirt's order; need_results 0 only counts. */
int
remoteDispatchNetworkGetDhcpLeases(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_network_get_dhcp_leases_args *args = argsv;
    vrp_network_get_dhcp_leases_ret *ret = retv;
    vrNetwork *net = vrRemoteGetNetwork(priv->conn, &args->net);
    vrNetworkDHCPLease **leases = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    n = vrNetworkGetDHCPLeases(net, vrRemoteString(args->mac),
                               args->need_results ? &leases : NULL, args->flags);
    vrNetworkFree(net);
    if (n < 0)
        return -1;
    if (n > VRP_NETWORK_DHCP_LEASES_MAX) {
        vrReportError(VR_ERR_RPC, "Number of leases is %d, which exceeds max limit: %d", n,
                      VRP_NETWORK_DHCP_LEASES_MAX);
        for (i = 0; leases && i < n; i++)
            vrNetworkDHCPLeaseFree(leases[i]);
        g_free(leases);
        return -1;
    }
    if (leases) {
        ret->leases.leases_val = calloc((size_t)(n ? n : 1), sizeof(vrp_network_dhcp_lease));
        ret->leases.leases_len = (u_int)n;
        for (i = 0; i < n; i++) {
            vrp_network_dhcp_lease *w = &ret->leases.leases_val[i];
            vrNetworkDHCPLease *l = leases[i];

            w->iface = strdup(l->iface ? l->iface : "");
            w->expiry_time = l->expirytime;
            w->type = l->type;
            w->mac = vrRemoteStringNew(l->mac);
            w->iaid = vrRemoteStringNew(l->iaid);
            w->ipaddr = strdup(l->ipaddr ? l->ipaddr : "");
            w->prefix = l->prefix;
            w->hostname = vrRemoteStringNew(l->hostname);
            w->client_id = vrRemoteStringNew(l->clientid);
            vrNetworkDHCPLeaseFree(l);
        }
        g_free(leases);
    }
    ret->ret = (u_int)n;
    return 0;
}

/* ---- network events --------------------------------------------------- */

/* A client's network event registration: the relay holds a reference on
 * the client until it is deregistered (by the client, or when the client
 * goes: remoteNetworkEventsDeregisterAll). */
typedef struct {
    vrNetServerClient *client;
    int callbackID;                /* -1 until the registration returned */
} remoteNetEventCallback;

static GMutex remoteNetEventsLock;
static GHashTable *remoteNetEvents;   /* vrRemoteClient * -> GArray of callback ids */

static void
remoteNetEventCallbackFree(void *opaque)
{
    remoteNetEventCallback *cb = opaque;

    vrNetServerClientUnref(cb->client);
    g_free(cb);
}

static void
remoteRelayNetworkLifecycle(vrConnect *conn, vrNetwork *net, int event, int detail,
                            void *opaque)
{
    remoteNetEventCallback *cb = opaque;
    vrp_network_event_lifecycle_msg msg;

    (void)conn;
    memset(&msg, 0, sizeof(msg));
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    if (msg.callback_id < 0)
        return;
    vrRemoteBorrowNetwork(&msg.net, net);
    msg.event = event;
    msg.detail = detail;
    if (vrNetServerClientSendEvent(cb->client, VRP_PROC_NETWORK_EVENT_LIFECYCLE,
                                   (xdrproc_t)xdr_vrp_network_event_lifecycle_msg, &msg) < 0)
        vrResetLastError();
}

static GArray *
remoteNetEventIDs(vrRemoteClient *priv, bool create)
{
    GArray *ids;

    if (!remoteNetEvents)
        remoteNetEvents = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                (GDestroyNotify)g_array_unref);
    if (!(ids = g_hash_table_lookup(remoteNetEvents, priv)) && create) {
        ids = g_array_new(FALSE, FALSE, sizeof(int));
        g_hash_table_insert(remoteNetEvents, priv, ids);
    }
    return ids;
}

int
remoteDispatchConnectNetworkEventRegisterAny(vrNetServerClient *client, vrRemoteClient *priv,
                                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_network_event_register_any_args *args = argsv;
    vrp_connect_network_event_register_any_ret *ret = retv;
    remoteNetEventCallback *cb = g_new0(remoteNetEventCallback, 1);
    vrNetwork *net = args->net ? vrRemoteGetNetwork(priv->conn, args->net) : NULL;
    int id;

    (void)hdr;
    vrNetServerClientRef(client);
    cb->client = client;
    cb->callbackID = -1;
    g_mutex_lock(&remoteNetEventsLock);
    id = vrConnectNetworkEventRegisterAny(priv->conn, net, args->event_id,
                                          VR_NETWORK_EVENT_CALLBACK(remoteRelayNetworkLifecycle),
                                          cb, remoteNetEventCallbackFree);
    if (net)
        vrNetworkFree(net);
    if (id < 0) {
        g_mutex_unlock(&remoteNetEventsLock);
        remoteNetEventCallbackFree(cb);
        return -1;
    }
    g_atomic_int_set(&cb->callbackID, id);
    g_array_append_val(remoteNetEventIDs(priv, true), id);
    g_mutex_unlock(&remoteNetEventsLock);
    ret->callback_id = id;
    return 0;
}

int
remoteDispatchConnectNetworkEventDeregisterAny(vrNetServerClient *client, vrRemoteClient *priv,
                                               const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_network_event_deregister_any_args *args = argsv;
    GArray *ids;
    guint i;

    (void)client;
    (void)hdr;
    (void)retv;
    g_mutex_lock(&remoteNetEventsLock);
    ids = remoteNetEventIDs(priv, false);
    for (i = 0; ids && i < ids->len; i++)
        if (g_array_index(ids, int, i) == args->callback_id)
            break;
    if (!ids || i == ids->len) {
        g_mutex_unlock(&remoteNetEventsLock);
        vrReportError(VR_ERR_RPC, "network event callback %d not registered",
                      args->callback_id);
        return -1;
    }
    g_array_remove_index(ids, i);
    g_mutex_unlock(&remoteNetEventsLock);
    return vrConnectNetworkEventDeregisterAny(priv->conn, args->callback_id) < 0 ? -1 : 0;
}

void
remoteNetworkEventsDeregisterAll(vrRemoteClient *priv)
{
    GArray *ids = NULL;

    g_mutex_lock(&remoteNetEventsLock);
    if (remoteNetEvents && g_hash_table_steal_extended(remoteNetEvents, priv, NULL,
                                                       (gpointer *)&ids)) {
        g_mutex_unlock(&remoteNetEventsLock);
        for (guint i = 0; priv->conn && i < ids->len; i++)
            if (vrConnectNetworkEventDeregisterAny(priv->conn, g_array_index(ids, int, i)) < 0)
                vrResetLastError();
        g_array_unref(ids);
        return;
    }
    g_mutex_unlock(&remoteNetEventsLock);
}

/* ---- storage pools ---------------------------------------------------- */

int
remoteDispatchConnectListAllStoragePools(vrNetServerClient *client, vrRemoteClient *priv,
                                         const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_all_storage_pools_args *args = argsv;
    vrp_connect_list_all_storage_pools_ret *ret = retv;
    vrStoragePool **pools = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    if ((n = vrConnectListAllStoragePools(priv->conn, args->need_results ? &pools : NULL,
                                          args->flags)) < 0)
        return -1;
    if (pools) {
        ret->pools.pools_val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_storage_pool));
        ret->pools.pools_len = (u_int)n;
        for (i = 0; i < n; i++) {
            vrRemoteCopyStoragePool(&ret->pools.pools_val[i], pools[i]);
            vrStoragePoolFree(pools[i]);
        }
        g_free(pools);
    }
    ret->ret = (u_int)n;
    return 0;
}

int
remoteDispatchConnectListStoragePools(vrNetServerClient *client, vrRemoteClient *priv,
                                      const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_storage_pools_args *args = argsv;
    vrp_connect_list_storage_pools_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteListNames(priv->conn, args->max_names, VRP_STORAGE_POOL_LIST_MAX,
                           vrConnectListStoragePools, &ret->names.names_val,
                           &ret->names.names_len);
}

int
remoteDispatchConnectListDefinedStoragePools(vrNetServerClient *client, vrRemoteClient *priv,
                                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_defined_storage_pools_args *args = argsv;
    vrp_connect_list_defined_storage_pools_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteListNames(priv->conn, args->max_names, VRP_STORAGE_POOL_LIST_MAX,
                           vrConnectListDefinedStoragePools, &ret->names.names_val,
                           &ret->names.names_len);
}

int
remoteDispatchStoragePoolGetInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_pool_get_info_args *args = argsv;
    vrp_storage_pool_get_info_ret *ret = retv;
    vrStoragePool *pool = vrRemoteGetStoragePool(priv->conn, &args->pool);
    vrStoragePoolInfo info;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrStoragePoolGetInfo(pool, &info);
    vrStoragePoolFree(pool);
    if (rc < 0)
        return -1;
    ret->state = (u_char)info.state;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    ret->available = info.available;
    return 0;
}

int
remoteDispatchStoragePoolGetAutostart(vrNetServerClient *client, vrRemoteClient *priv,
                                      const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_pool_get_autostart_args *args = argsv;
    vrp_storage_pool_get_autostart_ret *ret = retv;
    vrStoragePool *pool = vrRemoteGetStoragePool(priv->conn, &args->pool);
    int rc;

    (void)client;
    (void)hdr;
    rc = vrStoragePoolGetAutostart(pool, &ret->autostart);
    vrStoragePoolFree(pool);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchStoragePoolListAllVolumes(vrNetServerClient *client, vrRemoteClient *priv,
                                        const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_pool_list_all_volumes_args *args = argsv;
    vrp_storage_pool_list_all_volumes_ret *ret = retv;
    vrStoragePool *pool = vrRemoteGetStoragePool(priv->conn, &args->pool);
    vrStorageVol **vols = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    n = vrStoragePoolListAllVolumes(pool, args->need_results ? &vols : NULL, args->flags);
    vrStoragePoolFree(pool);
    if (n < 0)
        return -1;
    if (vols) {
        ret->vols.vols_val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_storage_vol));
        ret->vols.vols_len = (u_int)n;
        for (i = 0; i < n; i++) {
            vrRemoteCopyStorageVol(&ret->vols.vols_val[i], vols[i]);
            vrStorageVolFree(vols[i]);
        }
        g_free(vols);
    }
    ret->ret = (u_int)n;
    return 0;
}

int
remoteDispatchStoragePoolListVolumes(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_pool_list_volumes_args *args = argsv;
    vrp_storage_pool_list_volumes_ret *ret = retv;
    vrStoragePool *pool = vrRemoteGetStoragePool(priv->conn, &args->pool);
    g_autofree char **names = NULL;
    int n;

    (void)client;
    (void)hdr;
    if (args->max_names < 0 || args->max_names > VRP_STORAGE_VOL_LIST_MAX) {
        vrStoragePoolFree(pool);
        vrReportError(VR_ERR_RPC, "%s", "maxnames > REMOTE_STORAGE_VOL_LIST_MAX");
        return -1;
    }
    names = g_new0(char *, args->max_names ? args->max_names : 1);
    n = vrStoragePoolListVolumes(pool, names, args->max_names);
    vrStoragePoolFree(pool);
    if (n < 0)
        return -1;
    ret->names.names_val = remoteNames(names, n);
    ret->names.names_len = (u_int)n;
    return 0;
}

/* ---- storage volumes -------------------------------------------------- */

int
remoteDispatchStorageVolGetInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_vol_get_info_args *args = argsv;
    vrp_storage_vol_get_info_ret *ret = retv;
    vrStorageVol *vol = vrRemoteGetStorageVol(priv->conn, &args->vol);
    vrStorageVolInfo info;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrStorageVolGetInfo(vol, &info);
    vrStorageVolFree(vol);
    if (rc < 0)
        return -1;
    ret->type = (char)info.type;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    return 0;
}

int
remoteDispatchStorageVolUpload(vrNetServerClient *client, vrRemoteClient *priv,
                               const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_vol_upload_args *args = argsv;
    vrStorageVol *vol = vrRemoteGetStorageVol(priv->conn, &args->vol);
    vrStream *st = vrStreamNew(priv->conn, 0);
    unsigned int flags = VR_REMOTE_STREAM_FROM_CLIENT;
    int rc = -1;

    (void)retv;
    if (args->flags & VR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
        flags |= VR_REMOTE_STREAM_SPARSE;
    if (vrStorageVolUpload(vol, st, args->offset, args->length, args->flags) == 0)
        rc = vrRemoteStreamStart(client, priv, hdr, st, flags, NULL, NULL);
    vrStorageVolFree(vol);
    vrStreamFree(st);
    return rc;
}

int
remoteDispatchStorageVolDownload(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_storage_vol_download_args *args = argsv;
    vrStorageVol *vol = vrRemoteGetStorageVol(priv->conn, &args->vol);
    vrStream *st = vrStreamNew(priv->conn, 0);
    unsigned int flags = VR_REMOTE_STREAM_TO_CLIENT;
    int rc = -1;

    (void)retv;
    if (args->flags & VR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
        flags |= VR_REMOTE_STREAM_SPARSE;
    if (vrStorageVolDownload(vol, st, args->offset, args->length, args->flags) == 0)
        rc = vrRemoteStreamStart(client, priv, hdr, st, flags, NULL, NULL);
    vrStorageVolFree(vol);
    vrStreamFree(st);
    return rc;
}

/* ---- host interfaces -------------------------------------------------- */

int
remoteDispatchConnectListAllInterfaces(vrNetServerClient *client, vrRemoteClient *priv,
                                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_all_interfaces_args *args = argsv;
    vrp_connect_list_all_interfaces_ret *ret = retv;
    vrInterface **ifaces = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    if ((n = vrConnectListAllInterfaces(priv->conn, args->need_results ? &ifaces : NULL,
                                        args->flags)) < 0)
        return -1;
    if (ifaces) {
        ret->ifaces.ifaces_val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_interface));
        ret->ifaces.ifaces_len = (u_int)n;
        for (i = 0; i < n; i++) {
            vrRemoteCopyInterface(&ret->ifaces.ifaces_val[i], ifaces[i]);
            vrInterfaceFree(ifaces[i]);
        }
        g_free(ifaces);
    }
    ret->ret = (u_int)n;
    return 0;
}

int
remoteDispatchConnectListInterfaces(vrNetServerClient *client, vrRemoteClient *priv,
                                    const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_interfaces_args *args = argsv;
    vrp_connect_list_interfaces_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteListNames(priv->conn, args->max_names, VRP_INTERFACE_LIST_MAX,
                           vrConnectListInterfaces, &ret->names.names_val,
                           &ret->names.names_len);
}

int
remoteDispatchConnectListDefinedInterfaces(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_defined_interfaces_args *args = argsv;
    vrp_connect_list_defined_interfaces_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteListNames(priv->conn, args->max_names, VRP_INTERFACE_LIST_MAX,
                           vrConnectListDefinedInterfaces, &ret->names.names_val,
                           &ret->names.names_len);
}
