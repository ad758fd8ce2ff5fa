/*
 * datatypes.c: handle creation, reference counting and accessors.
 */
#include <config.h>

#include <string.h>

#include "api_internal.h"
#include "util/vruuid.h"

vrConnect *
vrConnectNew(void)
{
    vrConnect *conn = g_new0(vrConnect, 1);

    conn->refs = 1;
    g_mutex_init(&conn->lock);
    return conn;
}

/* The driver side closes with the last reference, wherever it is dropped
 * (handles and event dispatch hold references too). */
static void
vrConnectDispose(vrConnect *conn)
{
    if (conn->driver && conn->driver->hypervisor && conn->driver->hypervisor->connectClose)
        conn->driver->hypervisor->connectClose(conn);
    g_free(conn->uri);
    g_mutex_clear(&conn->lock);
    g_free(conn);
}

void
vrConnectUnref(vrConnect *conn)
{
    if (conn && g_atomic_int_dec_and_test(&conn->refs))
        vrConnectDispose(conn);
}

int
vrConnectRef(vrConnect *conn)
{
    VR_API_CHECK_KEEP(conn, VR_ERR_INVALID_CONN, "virConnectRef", -1);
    g_atomic_int_inc(&conn->refs);
    return 0;
}

void
vrConnectNotifyClosed(vrConnect *conn, int reason)
{
    vrConnectCloseFunc cb;
    void *opaque;

    g_mutex_lock(&conn->lock);
    cb = conn->closeCb;
    opaque = conn->closeOpaque;
    conn->closeCb = NULL;
    g_mutex_unlock(&conn->lock);
    if (cb)
        cb(conn, reason, opaque);
}

/* ---- domains ------------------------------------------------------- */

vrDomain *
vrDomainNew(vrConnect *conn, const char *name, const unsigned char *uuid, int id)
{
    vrDomain *dom = g_new0(vrDomain, 1);

    dom->refs = 1;
    g_atomic_int_inc(&conn->refs);
    dom->conn = conn;
    dom->name = g_strdup(name);
    memcpy(dom->uuid, uuid, VR_UUID_BUFLEN);
    dom->id = id;
    return dom;
}

int
vrDomainRef(vrDomain *dom)
{
    VR_API_CHECK_KEEP(dom, VR_ERR_INVALID_DOMAIN, "virDomainRef", -1);
    g_atomic_int_inc(&dom->refs);
    return 0;
}

int
vrDomainFree(vrDomain *dom)
{
    VR_API_CHECK_KEEP(dom, VR_ERR_INVALID_DOMAIN, "virDomainFree", -1);
    if (g_atomic_int_dec_and_test(&dom->refs)) {
        vrConnectUnref(dom->conn);
        g_free(dom->name);
        g_free(dom);
    }
    return 0;
}

vrConnect *
vrDomainGetConnect(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainGetConnect", NULL);
    return dom->conn;
}

const char *
vrDomainGetName(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainGetName", NULL);
    return dom->name;
}

unsigned int
vrDomainGetID(vrDomain *dom)
{
    VR_API_DOMAIN(dom, "virDomainGetID", (unsigned int)-1);
    return (unsigned int)dom->id;
}

int
vrDomainGetUUID(vrDomain *dom, unsigned char *uuid)
{
    VR_API_DOMAIN(dom, "virDomainGetUUID", -1);
    memcpy(uuid, dom->uuid, VR_UUID_BUFLEN);
    return 0;
}

int
vrDomainGetUUIDString(vrDomain *dom, char *buf)
{
    VR_API_DOMAIN(dom, "virDomainGetUUIDString", -1);
    vrUUIDFormat(dom->uuid, buf);
    return 0;
}

/* ---- snapshots ----------------------------------------------------- */

vrDomainSnapshot *
vrDomainSnapshotNew(vrDomain *dom, const char *name)
{
    vrDomainSnapshot *snap = g_new0(vrDomainSnapshot, 1);

    snap->refs = 1;
    g_atomic_int_inc(&dom->refs);
    snap->domain = dom;
    snap->name = g_strdup(name);
    return snap;
}

int
vrDomainSnapshotRef(vrDomainSnapshot *snap)
{
    VR_API_CHECK_KEEP(snap, VR_ERR_INVALID_DOMAIN_SNAPSHOT, "virDomainSnapshotRef", -1);
    g_atomic_int_inc(&snap->refs);
    return 0;
}

int
vrDomainSnapshotFree(vrDomainSnapshot *snap)
{
    VR_API_CHECK_KEEP(snap, VR_ERR_INVALID_DOMAIN_SNAPSHOT, "virDomainSnapshotFree", -1);
    if (g_atomic_int_dec_and_test(&snap->refs)) {
        vrDomainFree(snap->domain);
        g_free(snap->name);
        g_free(snap);
    }
    return 0;
}

const char *
vrDomainSnapshotGetName(vrDomainSnapshot *snap)
{
    VR_API_SNAP(snap, "virDomainSnapshotGetName", NULL);
    return snap->name;
}

vrDomain *
vrDomainSnapshotGetDomain(vrDomainSnapshot *snap)
{
    VR_API_SNAP(snap, "virDomainSnapshotGetDomain", NULL);
    return snap->domain;
}

/* ---- networks ------------------------------------------------------ */

vrNetwork *
vrNetworkNew(vrConnect *conn, const char *name, const unsigned char *uuid)
{
    vrNetwork *net = g_new0(vrNetwork, 1);

    net->refs = 1;
    g_atomic_int_inc(&conn->refs);
    net->conn = conn;
    net->name = g_strdup(name);
    memcpy(net->uuid, uuid, VR_UUID_BUFLEN);
    return net;
}

int
vrNetworkRef(vrNetwork *net)
{
    VR_API_CHECK_KEEP(net, VR_ERR_INVALID_NETWORK, "virNetworkRef", -1);
    g_atomic_int_inc(&net->refs);
    return 0;
}

int
vrNetworkFree(vrNetwork *net)
{
    VR_API_CHECK_KEEP(net, VR_ERR_INVALID_NETWORK, "virNetworkFree", -1);
    if (g_atomic_int_dec_and_test(&net->refs)) {
        vrConnectUnref(net->conn);
        g_free(net->name);
        g_free(net);
    }
    return 0;
}

const char *
vrNetworkGetName(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkGetName", NULL);
    return net->name;
}

int
vrNetworkGetUUID(vrNetwork *net, unsigned char *uuid)
{
    VR_API_NETWORK(net, "virNetworkGetUUID", -1);
    memcpy(uuid, net->uuid, VR_UUID_BUFLEN);
    return 0;
}

int
vrNetworkGetUUIDString(vrNetwork *net, char *buf)
{
    VR_API_NETWORK(net, "virNetworkGetUUIDString", -1);
    vrUUIDFormat(net->uuid, buf);
    return 0;
}

vrConnect *
vrNetworkGetConnect(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkGetConnect", NULL);
    return net->conn;
}

/* ---- storage ------------------------------------------------------- */

vrStoragePool *
vrStoragePoolNew(vrConnect *conn, const char *name, const unsigned char *uuid)
{
    vrStoragePool *pool = g_new0(vrStoragePool, 1);

    pool->refs = 1;
    g_atomic_int_inc(&conn->refs);
    pool->conn = conn;
    pool->name = g_strdup(name);
    memcpy(pool->uuid, uuid, VR_UUID_BUFLEN);
    return pool;
}

int
vrStoragePoolRef(vrStoragePool *pool)
{
    VR_API_CHECK_KEEP(pool, VR_ERR_INVALID_STORAGE_POOL, "virStoragePoolRef", -1);
    g_atomic_int_inc(&pool->refs);
    return 0;
}

int
vrStoragePoolFree(vrStoragePool *pool)
{
    VR_API_CHECK_KEEP(pool, VR_ERR_INVALID_STORAGE_POOL, "virStoragePoolFree", -1);
    if (g_atomic_int_dec_and_test(&pool->refs)) {
        vrConnectUnref(pool->conn);
        g_free(pool->name);
        g_free(pool);
    }
    return 0;
}

const char *
vrStoragePoolGetName(vrStoragePool *pool)
{
    VR_API_POOL(pool, "virStoragePoolGetName", NULL);
    return pool->name;
}

int
vrStoragePoolGetUUID(vrStoragePool *pool, unsigned char *uuid)
{
    VR_API_POOL(pool, "virStoragePoolGetUUID", -1);
    memcpy(uuid, pool->uuid, VR_UUID_BUFLEN);
    return 0;
}

int
vrStoragePoolGetUUIDString(vrStoragePool *pool, char *buf)
{
    VR_API_POOL(pool, "virStoragePoolGetUUIDString", -1);
    vrUUIDFormat(pool->uuid, buf);
    return 0;
}

vrConnect *
vrStoragePoolGetConnect(vrStoragePool *pool)
{
    VR_API_POOL(pool, "virStoragePoolGetConnect", NULL);
    return pool->conn;
}

vrStorageVol *
vrStorageVolNew(vrConnect *conn, const char *pool, const char *name, const char *key)
{
    vrStorageVol *vol = g_new0(vrStorageVol, 1);

    vol->refs = 1;
    g_atomic_int_inc(&conn->refs);
    vol->conn = conn;
    vol->pool = g_strdup(pool);
    vol->name = g_strdup(name);
    vol->key = g_strdup(key);
    return vol;
}

int
vrStorageVolRef(vrStorageVol *vol)
{
    VR_API_CHECK_KEEP(vol, VR_ERR_INVALID_STORAGE_VOL, "virStorageVolRef", -1);
    g_atomic_int_inc(&vol->refs);
    return 0;
}

int
vrStorageVolFree(vrStorageVol *vol)
{
    VR_API_CHECK_KEEP(vol, VR_ERR_INVALID_STORAGE_VOL, "virStorageVolFree", -1);
    if (g_atomic_int_dec_and_test(&vol->refs)) {
        vrConnectUnref(vol->conn);
        g_free(vol->pool);
        g_free(vol->name);
        g_free(vol->key);
        g_free(vol);
    }
    return 0;
}

const char *
vrStorageVolGetName(vrStorageVol *vol)
{
    VR_API_VOL(vol, "virStorageVolGetName", NULL);
    return vol->name;
}

const char *
vrStorageVolGetKey(vrStorageVol *vol)
{
    VR_API_VOL(vol, "virStorageVolGetKey", NULL);
    return vol->key;
}

vrConnect *
vrStorageVolGetConnect(vrStorageVol *vol)
{
    VR_API_VOL(vol, "virStorageVolGetConnect", NULL);
    return vol->conn;
}

/* ---- interfaces ---------------------------------------------------- */

vrInterface *
vrInterfaceNew(vrConnect *conn, const char *name, const char *mac)
{
    vrInterface *iface = g_new0(vrInterface, 1);

    iface->refs = 1;
    g_atomic_int_inc(&conn->refs);
    iface->conn = conn;
    iface->name = g_strdup(name);
    iface->mac = g_strdup(mac ? mac : "");
    return iface;
}

int
vrInterfaceRef(vrInterface *iface)
{
    VR_API_CHECK_KEEP(iface, VR_ERR_INVALID_INTERFACE, "virInterfaceRef", -1);
    g_atomic_int_inc(&iface->refs);
    return 0;
}

int
vrInterfaceFree(vrInterface *iface)
{
    VR_API_CHECK_KEEP(iface, VR_ERR_INVALID_INTERFACE, "virInterfaceFree", -1);
    if (g_atomic_int_dec_and_test(&iface->refs)) {
        vrConnectUnref(iface->conn);
        g_free(iface->name);
        g_free(iface->mac);
        g_free(iface);
    }
    return 0;
}

const char *
vrInterfaceGetName(vrInterface *iface)
{
    VR_API_IFACE(iface, "virInterfaceGetName", NULL);
    return iface->name;
}

const char *
vrInterfaceGetMACString(vrInterface *iface)
{
    VR_API_IFACE(iface, "virInterfaceGetMACString", NULL);
    return iface->mac;
}

vrConnect *
vrInterfaceGetConnect(vrInterface *iface)
{
    VR_API_IFACE(iface, "virInterfaceGetConnect", NULL);
    return iface->conn;
}
