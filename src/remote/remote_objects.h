/*
 * remote_objects.h: object references on the wire and handles in memory.
 *
 * A reference carries what identifies an object (name, UUID, id; a
 * volume's pool, name and key), never its state.  "Borrow" fills a wire
 * reference with pointers into a handle (for arguments we never free);
 * "Copy" duplicates the strings (for replies freed with xdr_free); "Get"
 * makes a new handle from a received reference.
 */
#ifndef VR_REMOTE_OBJECTS_H
#define VR_REMOTE_OBJECTS_H

#include "libvireo/datatypes.h"
#include "rpc/vireo_protocol.h"

vrDomain *vrRemoteGetDomain(vrConnect *conn, const vrp_nonnull_domain *ref);
vrNetwork *vrRemoteGetNetwork(vrConnect *conn, const vrp_nonnull_network *ref);
vrStoragePool *vrRemoteGetStoragePool(vrConnect *conn, const vrp_nonnull_storage_pool *ref);
vrStorageVol *vrRemoteGetStorageVol(vrConnect *conn, const vrp_nonnull_storage_vol *ref);
vrInterface *vrRemoteGetInterface(vrConnect *conn, const vrp_nonnull_interface *ref);
vrDomainSnapshot *vrRemoteGetDomainSnapshot(vrConnect *conn,
                                            const vrp_nonnull_domain_snapshot *ref);

void vrRemoteBorrowDomain(vrp_nonnull_domain *ref, vrDomain *dom);
void vrRemoteBorrowNetwork(vrp_nonnull_network *ref, vrNetwork *net);
void vrRemoteBorrowStoragePool(vrp_nonnull_storage_pool *ref, vrStoragePool *pool);
void vrRemoteBorrowStorageVol(vrp_nonnull_storage_vol *ref, vrStorageVol *vol);
void vrRemoteBorrowInterface(vrp_nonnull_interface *ref, vrInterface *iface);
void vrRemoteBorrowDomainSnapshot(vrp_nonnull_domain_snapshot *ref, vrDomainSnapshot *snap);

void vrRemoteCopyDomain(vrp_nonnull_domain *ref, vrDomain *dom);
void vrRemoteCopyNetwork(vrp_nonnull_network *ref, vrNetwork *net);
void vrRemoteCopyStoragePool(vrp_nonnull_storage_pool *ref, vrStoragePool *pool);
void vrRemoteCopyStorageVol(vrp_nonnull_storage_vol *ref, vrStorageVol *vol);
void vrRemoteCopyInterface(vrp_nonnull_interface *ref, vrInterface *iface);
void vrRemoteCopyDomainSnapshot(vrp_nonnull_domain_snapshot *ref, vrDomainSnapshot *snap);

/* Nullable strings (vrp_string) as plain C strings and back. */
static inline const char *
vrRemoteString(char **s)
{
    return s ? *s : NULL;
}
char **vrRemoteStringNew(const char *s);
/* For arguments: points at @s without copying. */
char **vrRemoteStringBorrow(const char **slot, const char *s);

#endif
