/*
 * remote_objects.c: object references on the wire and handles in memory.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_objects.h"

vrDomain *
vrRemoteGetDomain(vrConnect *conn, const vrp_nonnull_domain *ref)
{
    return vrDomainNew(conn, ref->name, (const unsigned char *)ref->uuid, ref->id);
}

vrNetwork *
vrRemoteGetNetwork(vrConnect *conn, const vrp_nonnull_network *ref)
{
    return vrNetworkNew(conn, ref->name, (const unsigned char *)ref->uuid);
}

vrStoragePool *
vrRemoteGetStoragePool(vrConnect *conn, const vrp_nonnull_storage_pool *ref)
{
    return vrStoragePoolNew(conn, ref->name, (const unsigned char *)ref->uuid);
}

vrStorageVol *
vrRemoteGetStorageVol(vrConnect *conn, const vrp_nonnull_storage_vol *ref)
{
    return vrStorageVolNew(conn, ref->pool, ref->name, ref->key);
}

vrInterface *
vrRemoteGetInterface(vrConnect *conn, const vrp_nonnull_interface *ref)
{
    return vrInterfaceNew(conn, ref->name, ref->mac);
}

vrDomainSnapshot *
vrRemoteGetDomainSnapshot(vrConnect *conn, const vrp_nonnull_domain_snapshot *ref)
{
    vrDomain *dom = vrRemoteGetDomain(conn, &ref->dom);
    vrDomainSnapshot *snap = vrDomainSnapshotNew(dom, ref->name);

    vrDomainFree(dom);
    return snap;
}

void
vrRemoteBorrowDomain(vrp_nonnull_domain *ref, vrDomain *dom)
{
    ref->name = dom->name;
    memcpy(ref->uuid, dom->uuid, VR_UUID_BUFLEN);
    ref->id = dom->id;
}

void
vrRemoteBorrowNetwork(vrp_nonnull_network *ref, vrNetwork *net)
{
    ref->name = net->name;
    memcpy(ref->uuid, net->uuid, VR_UUID_BUFLEN);
}

void
vrRemoteBorrowStoragePool(vrp_nonnull_storage_pool *ref, vrStoragePool *pool)
{
    ref->name = pool->name;
    memcpy(ref->uuid, pool->uuid, VR_UUID_BUFLEN);
}

void
vrRemoteBorrowStorageVol(vrp_nonnull_storage_vol *ref, vrStorageVol *vol)
{
    ref->pool = vol->pool;
    ref->name = vol->name;
    ref->key = vol->key;
}

void
vrRemoteBorrowInterface(vrp_nonnull_interface *ref, vrInterface *iface)
{
    ref->name = iface->name;
    ref->mac = iface->mac;
}

void
vrRemoteBorrowDomainSnapshot(vrp_nonnull_domain_snapshot *ref, vrDomainSnapshot *snap)
{
    ref->name = snap->name;
    vrRemoteBorrowDomain(&ref->dom, snap->domain);
}

void
vrRemoteCopyDomain(vrp_nonnull_domain *ref, vrDomain *dom)
{
    vrRemoteBorrowDomain(ref, dom);
    ref->name = strdup(dom->name);
}

void
vrRemoteCopyNetwork(vrp_nonnull_network *ref, vrNetwork *net)
{
    vrRemoteBorrowNetwork(ref, net);
    ref->name = strdup(net->name);
}

void
vrRemoteCopyStoragePool(vrp_nonnull_storage_pool *ref, vrStoragePool *pool)
{
    vrRemoteBorrowStoragePool(ref, pool);
    ref->name = strdup(pool->name);
}

void
vrRemoteCopyStorageVol(vrp_nonnull_storage_vol *ref, vrStorageVol *vol)
{
    ref->pool = strdup(vol->pool);
    ref->name = strdup(vol->name);
    ref->key = strdup(vol->key);
}

void
vrRemoteCopyInterface(vrp_nonnull_interface *ref, vrInterface *iface)
{
    ref->name = strdup(iface->name);
    ref->mac = strdup(iface->mac);
}

void
vrRemoteCopyDomainSnapshot(vrp_nonnull_domain_snapshot *ref, vrDomainSnapshot *snap)
{
    ref->name = strdup(snap->name);
    vrRemoteCopyDomain(&ref->dom, snap->domain);
}

char **
vrRemoteStringNew(const char *s)
{
    char **p;

    if (!s)
        return NULL;
    p = malloc(sizeof(*p));
    *p = strdup(s);
    return p;
}

char **
vrRemoteStringBorrow(const char **slot, const char *s)
{
    if (!s)
        return NULL;
    *slot = s;
    return (char **)slot;
}
