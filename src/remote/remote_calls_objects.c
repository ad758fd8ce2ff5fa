/*
 * remote_calls_objects.c: hand-written calls for networks, storage and
 * host interfaces (lists, structured results, volume transfers).
 */
#include <config.h>

#include <string.h>

#include "remote_driver_priv.h"
#include "network/network_event.h"

#define VR_FROM_THIS VR_FROM_REMOTE

/* The "list names" calls share one shape: max in, names out. */
typedef struct {
    int max_names;
} remoteListNamesArgs;

typedef struct {
    struct {
        u_int names_len;
        char **names_val;
    } names;
} remoteListNamesRet;

static int
remoteListNames(vrConnect *conn, int proc, xdrproc_t argsFilter, xdrproc_t retFilter,
                char **names, int maxnames)
{
    remoteListNamesArgs args = { .max_names = maxnames };
    remoteListNamesRet ret;
    u_int i;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, proc, argsFilter, &args, retFilter, &ret) < 0)
        return -1;
    for (i = 0; i < ret.names.names_len && (int)i < maxnames; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free(retFilter, (char *)&ret);
    return (int)i;
}

/* The layouts above must be the generated ones. */
G_STATIC_ASSERT(sizeof(remoteListNamesArgs) == sizeof(vrp_connect_list_networks_args));
G_STATIC_ASSERT(sizeof(remoteListNamesRet) == sizeof(vrp_connect_list_networks_ret));

#define REMOTE_LIST_NAMES(func, PROC, low) \
    static int \
    func(vrConnect *conn, char **names, int maxnames) \
    { \
        return remoteListNames(conn, VRP_PROC_##PROC, (xdrproc_t)xdr_vrp_##low##_args, \
                               (xdrproc_t)xdr_vrp_##low##_ret, names, maxnames); \
    }

REMOTE_LIST_NAMES(remoteConnectListNetworks, CONNECT_LIST_NETWORKS, connect_list_networks)
REMOTE_LIST_NAMES(remoteConnectListDefinedNetworks, CONNECT_LIST_DEFINED_NETWORKS,
                  connect_list_defined_networks)
REMOTE_LIST_NAMES(remoteConnectListStoragePools, CONNECT_LIST_STORAGE_POOLS,
                  connect_list_storage_pools)
REMOTE_LIST_NAMES(remoteConnectListDefinedStoragePools, CONNECT_LIST_DEFINED_STORAGE_POOLS,
                  connect_list_defined_storage_pools)
REMOTE_LIST_NAMES(remoteConnectListInterfaces, CONNECT_LIST_INTERFACES,
                  connect_list_interfaces)
REMOTE_LIST_NAMES(remoteConnectListDefinedInterfaces, CONNECT_LIST_DEFINED_INTERFACES,
                  connect_list_defined_interfaces)

/* ---- networks -------------------------------------------------------- */

static int
remoteConnectListAllNetworks(vrConnect *conn, vrNetwork ***nets, unsigned int flags)
{
    vrp_connect_list_all_networks_args args = { .need_results = nets != NULL, .flags = flags };
    vrp_connect_list_all_networks_ret ret;
    u_int i;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_ALL_NETWORKS,
                   (xdrproc_t)xdr_vrp_connect_list_all_networks_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_all_networks_ret, &ret) < 0)
        return -1;
    if (nets) {
        *nets = g_new0(vrNetwork *, ret.nets.nets_len + 1);
        for (i = 0; i < ret.nets.nets_len; i++)
            (*nets)[i] = vrRemoteGetNetwork(conn, &ret.nets.nets_val[i]);
    }
    n = nets ? (int)ret.nets.nets_len : (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_connect_list_all_networks_ret, (char *)&ret);
    return n;
}

static int
remoteNetworkGetAutostart(vrNetwork *net, int *autostart)
{
    vrp_network_get_autostart_args args;
    vrp_network_get_autostart_ret ret = { 0 };

    vrRemoteBorrowNetwork(&args.net, net);
    if (remoteCall(net->conn, VRP_PROC_NETWORK_GET_AUTOSTART,
                   (xdrproc_t)xdr_vrp_network_get_autostart_args, &args,
                   (xdrproc_t)xdr_vrp_network_get_autostart_ret, &ret) < 0)
        return -1;
    *autostart = ret.autostart;
    return 0;
}

static int
remoteNetworkGetDHCPLeases(vrNetwork *net, const char *mac, vrNetworkDHCPLease ***leases,
                           unsigned int flags)
{
    vrp_network_get_dhcp_leases_args args;
    vrp_network_get_dhcp_leases_ret ret;
    const char *macSlot;
    u_int i;
    int n;

    memset(&args, 0, sizeof(args));
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowNetwork(&args.net, net);
    args.mac = vrRemoteStringBorrow(&macSlot, mac);
    args.need_results = leases != NULL;
    args.flags = flags;
    if (remoteCall(net->conn, VRP_PROC_NETWORK_GET_DHCP_LEASES,
                   (xdrproc_t)xdr_vrp_network_get_dhcp_leases_args, &args,
                   (xdrproc_t)xdr_vrp_network_get_dhcp_leases_ret, &ret) < 0)
        return -1;
    if (leases) {
        *leases = g_new0(vrNetworkDHCPLease *, ret.leases.leases_len + 1);
        for (i = 0; i < ret.leases.leases_len; i++) {
            const vrp_network_dhcp_lease *w = &ret.leases.leases_val[i];
            vrNetworkDHCPLease *l = g_new0(vrNetworkDHCPLease, 1);

            l->iface = g_strdup(w->iface);
            l->expirytime = w->expiry_time;
            l->type = w->type;
            l->mac = g_strdup(vrRemoteString(w->mac));
            l->iaid = g_strdup(vrRemoteString(w->iaid));
            l->ipaddr = g_strdup(w->ipaddr);
            l->prefix = w->prefix;
            l->hostname = g_strdup(vrRemoteString(w->hostname));
            l->clientid = g_strdup(vrRemoteString(w->client_id));
            (*leases)[i] = l;
        }
    }
    /* callers walk the array: its length, not the server's count, bounds them */
    n = leases ? (int)ret.leases.leases_len : (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_network_get_dhcp_leases_ret, (char *)&ret);
    return n;
}

/* ---- network events --------------------------------------------------- */

/* Each of our registrations is one on the daemon; its events name the
 * daemon's callback id, which maps to ours.  Our callbacks live in
 * network_event.c under a key of their own per connection. */
typedef struct {
    vrConnect *conn;
    int localID;
    int remoteID;
} remoteNetEventReg;

static GMutex remoteNetEventsLock;
static GArray *remoteNetEventRegs;    /* remoteNetEventReg */

static char *
remoteNetEventKey(vrConnect *conn)
{
    return g_strdup_printf("remote:%p", (void *)conn);
}

static int
remoteConnectNetworkEventRegisterAny(vrConnect *conn, vrNetwork *net, int eventID,
                                     vrConnectNetworkEventGenericCallback cb, void *opaque,
                                     vrFreeCallback freecb)
{
    vrp_connect_network_event_register_any_args args = { .event_id = eventID };
    vrp_connect_network_event_register_any_ret ret = { 0 };
    vrp_connect_network_event_deregister_any_args dargs;
    g_autofree char *key = remoteNetEventKey(conn);
    remoteNetEventReg reg = { .conn = conn };
    vrp_nonnull_network ref;
    vrError *err;

    if (net) {
        vrRemoteBorrowNetwork(&ref, net);
        args.net = &ref;
    }
    if (remoteCall(conn, VRP_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_network_event_register_any_args, &args,
                   (xdrproc_t)xdr_vrp_connect_network_event_register_any_ret, &ret) < 0)
        return -1;
    reg.remoteID = ret.callback_id;
    g_mutex_lock(&remoteNetEventsLock);
    reg.localID = vrNetworkEventRegister(conn, key, net, eventID, cb, opaque, freecb);
    if (reg.localID >= 0) {
        if (!remoteNetEventRegs)
            remoteNetEventRegs = g_array_new(FALSE, FALSE, sizeof(remoteNetEventReg));
        g_array_append_val(remoteNetEventRegs, reg);
    }
    g_mutex_unlock(&remoteNetEventsLock);
    if (reg.localID < 0) {
        err = vrErrorSave();
        dargs.callback_id = reg.remoteID;
        remoteCall(conn, VRP_PROC_CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_network_event_deregister_any_args, &dargs, NULL,
                   NULL);
        vrErrorRestore(&err);
        return -1;
    }
    return reg.localID;
}

/* Forgets registration @localID of @conn (or, with -1, all of them);
 * the daemon ids go to @remoteIDs. */
static void
remoteNetEventTake(vrConnect *conn, int localID, GArray *remoteIDs, GArray *localIDs)
{
    g_mutex_lock(&remoteNetEventsLock);
    for (guint i = 0; remoteNetEventRegs && i < remoteNetEventRegs->len;) {
        remoteNetEventReg *reg = &g_array_index(remoteNetEventRegs, remoteNetEventReg, i);

        if (reg->conn == conn && (localID < 0 || reg->localID == localID)) {
            g_array_append_val(remoteIDs, reg->remoteID);
            g_array_append_val(localIDs, reg->localID);
            g_array_remove_index(remoteNetEventRegs, i);
        } else {
            i++;
        }
    }
    g_mutex_unlock(&remoteNetEventsLock);
}

static int
remoteConnectNetworkEventDeregisterAny(vrConnect *conn, int callbackID)
{
    g_autoptr(GArray) remoteIDs = g_array_new(FALSE, FALSE, sizeof(int));
    g_autoptr(GArray) localIDs = g_array_new(FALSE, FALSE, sizeof(int));
    vrp_connect_network_event_deregister_any_args args;

    remoteNetEventTake(conn, callbackID, remoteIDs, localIDs);
    if (remoteIDs->len == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    args.callback_id = g_array_index(remoteIDs, int, 0);
    if (remoteCall(conn, VRP_PROC_CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_network_event_deregister_any_args, &args, NULL,
                   NULL) < 0)
        vrResetLastError();   /* ours goes anyway: its events are dropped */
    return vrNetworkEventDeregister(conn, callbackID);
}

void
remoteNetworkEventMessage(vrConnect *conn, const vrNetMessage *msg)
{
    vrp_network_event_lifecycle_msg m;
    g_autofree char *key = remoteNetEventKey(conn);
    size_t len;
    const char *payload = vrNetMessagePayload(msg, &len);
    int localID = -1;
    XDR xdr;
    bool ok;

    memset(&m, 0, sizeof(m));
    xdrmem_create(&xdr, (char *)payload, (u_int)len, XDR_DECODE);
    ok = xdr_vrp_network_event_lifecycle_msg(&xdr, &m);
    xdr_destroy(&xdr);
    if (ok) {
        g_mutex_lock(&remoteNetEventsLock);
        for (guint i = 0; remoteNetEventRegs && i < remoteNetEventRegs->len; i++) {
            remoteNetEventReg *reg = &g_array_index(remoteNetEventRegs, remoteNetEventReg, i);

            if (reg->conn == conn && reg->remoteID == m.callback_id)
                localID = reg->localID;
        }
        g_mutex_unlock(&remoteNetEventsLock);
        if (localID >= 0)
            vrNetworkEventQueueTarget(key, m.net.name, (const unsigned char *)m.net.uuid,
                                      m.event, localID);
    }
    xdr_free((xdrproc_t)xdr_vrp_network_event_lifecycle_msg, (char *)&m);
}

void
remoteNetworkEventsClose(vrConnect *conn)
{
    g_autoptr(GArray) remoteIDs = g_array_new(FALSE, FALSE, sizeof(int));
    g_autoptr(GArray) localIDs = g_array_new(FALSE, FALSE, sizeof(int));

    remoteNetEventTake(conn, -1, remoteIDs, localIDs);
    vrNetworkEventsRemoveConn(conn);
}

/* ---- storage --------------------------------------------------------- */

static int
remoteConnectListAllStoragePools(vrConnect *conn, vrStoragePool ***pools, unsigned int flags)
{
    vrp_connect_list_all_storage_pools_args args = { .need_results = pools != NULL,
                                                     .flags = flags };
    vrp_connect_list_all_storage_pools_ret ret;
    u_int i;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_ALL_STORAGE_POOLS,
                   (xdrproc_t)xdr_vrp_connect_list_all_storage_pools_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_all_storage_pools_ret, &ret) < 0)
        return -1;
    if (pools) {
        *pools = g_new0(vrStoragePool *, ret.pools.pools_len + 1);
        for (i = 0; i < ret.pools.pools_len; i++)
            (*pools)[i] = vrRemoteGetStoragePool(conn, &ret.pools.pools_val[i]);
    }
    n = pools ? (int)ret.pools.pools_len : (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_connect_list_all_storage_pools_ret, (char *)&ret);
    return n;
}

static int
remoteStoragePoolGetInfo(vrStoragePool *pool, vrStoragePoolInfo *info)
{
    vrp_storage_pool_get_info_args args;
    vrp_storage_pool_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowStoragePool(&args.pool, pool);
    if (remoteCall(pool->conn, VRP_PROC_STORAGE_POOL_GET_INFO,
                   (xdrproc_t)xdr_vrp_storage_pool_get_info_args, &args,
                   (xdrproc_t)xdr_vrp_storage_pool_get_info_ret, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    info->available = ret.available;
    return 0;
}

static int
remoteStoragePoolGetAutostart(vrStoragePool *pool, int *autostart)
{
    vrp_storage_pool_get_autostart_args args;
    vrp_storage_pool_get_autostart_ret ret = { 0 };

    vrRemoteBorrowStoragePool(&args.pool, pool);
    if (remoteCall(pool->conn, VRP_PROC_STORAGE_POOL_GET_AUTOSTART,
                   (xdrproc_t)xdr_vrp_storage_pool_get_autostart_args, &args,
                   (xdrproc_t)xdr_vrp_storage_pool_get_autostart_ret, &ret) < 0)
        return -1;
    *autostart = ret.autostart;
    return 0;
}

static int
remoteStoragePoolListVolumes(vrStoragePool *pool, char **names, int maxnames)
{
    vrp_storage_pool_list_volumes_args args = { .max_names = maxnames };
    vrp_storage_pool_list_volumes_ret ret;
    u_int i;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowStoragePool(&args.pool, pool);
    if (remoteCall(pool->conn, VRP_PROC_STORAGE_POOL_LIST_VOLUMES,
                   (xdrproc_t)xdr_vrp_storage_pool_list_volumes_args, &args,
                   (xdrproc_t)xdr_vrp_storage_pool_list_volumes_ret, &ret) < 0)
        return -1;
    for (i = 0; i < ret.names.names_len && (int)i < maxnames; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_vrp_storage_pool_list_volumes_ret, (char *)&ret);
    return (int)i;
}

static int
remoteStoragePoolListAllVolumes(vrStoragePool *pool, vrStorageVol ***vols, unsigned int flags)
{
    vrp_storage_pool_list_all_volumes_args args = { .need_results = vols != NULL,
                                                    .flags = flags };
    vrp_storage_pool_list_all_volumes_ret ret;
    u_int i;
    int n;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowStoragePool(&args.pool, pool);
    if (remoteCall(pool->conn, VRP_PROC_STORAGE_POOL_LIST_ALL_VOLUMES,
                   (xdrproc_t)xdr_vrp_storage_pool_list_all_volumes_args, &args,
                   (xdrproc_t)xdr_vrp_storage_pool_list_all_volumes_ret, &ret) < 0)
        return -1;
    if (vols) {
        *vols = g_new0(vrStorageVol *, ret.vols.vols_len + 1);
        for (i = 0; i < ret.vols.vols_len; i++)
            (*vols)[i] = vrRemoteGetStorageVol(pool->conn, &ret.vols.vols_val[i]);
    }
    n = vols ? (int)ret.vols.vols_len : (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_storage_pool_list_all_volumes_ret, (char *)&ret);
    return n;
}

static int
remoteStorageVolGetInfo(vrStorageVol *vol, vrStorageVolInfo *info)
{
    vrp_storage_vol_get_info_args args;
    vrp_storage_vol_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowStorageVol(&args.vol, vol);
    if (remoteCall(vol->conn, VRP_PROC_STORAGE_VOL_GET_INFO,
                   (xdrproc_t)xdr_vrp_storage_vol_get_info_args, &args,
                   (xdrproc_t)xdr_vrp_storage_vol_get_info_ret, &ret) < 0)
        return -1;
    info->type = ret.type;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    return 0;
}

static int
remoteStorageVolUpload(vrStorageVol *vol, vrStream *st, unsigned long long offset,
                       unsigned long long length, unsigned int flags)
{
    vrp_storage_vol_upload_args args = { .offset = offset, .length = length, .flags = flags };

    vrRemoteBorrowStorageVol(&args.vol, vol);
    return remoteCallStream(vol->conn, st, VRP_PROC_STORAGE_VOL_UPLOAD,
                            (xdrproc_t)xdr_vrp_storage_vol_upload_args, &args, NULL, NULL);
}

static int
remoteStorageVolDownload(vrStorageVol *vol, vrStream *st, unsigned long long offset,
                         unsigned long long length, unsigned int flags)
{
    vrp_storage_vol_download_args args = { .offset = offset, .length = length, .flags = flags };

    vrRemoteBorrowStorageVol(&args.vol, vol);
    return remoteCallStream(vol->conn, st, VRP_PROC_STORAGE_VOL_DOWNLOAD,
                            (xdrproc_t)xdr_vrp_storage_vol_download_args, &args, NULL, NULL);
}

/* ---- interfaces ------------------------------------------------------ */

static int
remoteConnectListAllInterfaces(vrConnect *conn, vrInterface ***ifaces, unsigned int flags)
{
    vrp_connect_list_all_interfaces_args args = { .need_results = ifaces != NULL,
                                                  .flags = flags };
    vrp_connect_list_all_interfaces_ret ret;
    u_int i;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_ALL_INTERFACES,
                   (xdrproc_t)xdr_vrp_connect_list_all_interfaces_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_all_interfaces_ret, &ret) < 0)
        return -1;
    if (ifaces) {
        *ifaces = g_new0(vrInterface *, ret.ifaces.ifaces_len + 1);
        for (i = 0; i < ret.ifaces.ifaces_len; i++)
            (*ifaces)[i] = vrRemoteGetInterface(conn, &ret.ifaces.ifaces_val[i]);
    }
    n = ifaces ? (int)ret.ifaces.ifaces_len : (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_connect_list_all_interfaces_ret, (char *)&ret);
    return n;
}

void
remoteFillObjects(vrNetworkDriver *net, vrStorageDriver *st, vrInterfaceDriver *iface)
{
    net->connectListAllNetworks = remoteConnectListAllNetworks;
    net->connectListNetworks = remoteConnectListNetworks;
    net->connectListDefinedNetworks = remoteConnectListDefinedNetworks;
    net->networkGetAutostart = remoteNetworkGetAutostart;
    net->networkGetDHCPLeases = remoteNetworkGetDHCPLeases;
    net->connectNetworkEventRegisterAny = remoteConnectNetworkEventRegisterAny;
    net->connectNetworkEventDeregisterAny = remoteConnectNetworkEventDeregisterAny;

    st->connectListAllStoragePools = remoteConnectListAllStoragePools;
    st->connectListStoragePools = remoteConnectListStoragePools;
    st->connectListDefinedStoragePools = remoteConnectListDefinedStoragePools;
    st->storagePoolGetInfo = remoteStoragePoolGetInfo;
    st->storagePoolGetAutostart = remoteStoragePoolGetAutostart;
    st->storagePoolListVolumes = remoteStoragePoolListVolumes;
    st->storagePoolListAllVolumes = remoteStoragePoolListAllVolumes;
    st->storageVolGetInfo = remoteStorageVolGetInfo;
    st->storageVolUpload = remoteStorageVolUpload;
    st->storageVolDownload = remoteStorageVolDownload;

    iface->connectListAllInterfaces = remoteConnectListAllInterfaces;
    iface->connectListInterfaces = remoteConnectListInterfaces;
    iface->connectListDefinedInterfaces = remoteConnectListDefinedInterfaces;
}
