/*
 * datatypes.h: what a handle (connection, domain, network ...) holds.
 *
 * Handles are small, reference counted and immutable after creation
 * (except a domain's id, which follows the guest's life).  Drivers create
 * them with the *New functions and hand them to the caller, who owns one
 * reference.
 */
#ifndef VR_DATATYPES_H
#define VR_DATATYPES_H

#include <glib.h>

#include "vireo/vireo.h"
#include "driver.h"

struct _vrConnect {
    gint refs;
    unsigned int flags;              /* vrConnectFlags */
    char *uri;
    const vrConnectDriver *driver;
    void *privateData;               /* owned by the driver */
    GMutex lock;                     /* guards the fields below */
    vrConnectCloseFunc closeCb;
    void *closeOpaque;
    bool closing;
};

struct _vrDomain {
    gint refs;
    vrConnect *conn;
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
    int id;
};

struct _vrDomainSnapshot {
    gint refs;
    vrDomain *domain;
    char *name;
};

struct _vrNetwork {
    gint refs;
    vrConnect *conn;
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
};

struct _vrStoragePool {
    gint refs;
    vrConnect *conn;
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
};

struct _vrStorageVol {
    gint refs;
    vrConnect *conn;
    char *pool;
    char *name;
    char *key;
};

struct _vrInterface {
    gint refs;
    vrConnect *conn;
    char *name;
    char *mac;
};

struct _vrStream {
    gint refs;
    vrConnect *conn;
    unsigned int flags;
    const vrStreamDriver *driver;    /* set by the API that starts the stream */
    void *privateData;
    void (*privateFree)(void *data);
};

vrConnect *vrConnectNew(void);
vrDomain *vrDomainNew(vrConnect *conn, const char *name, const unsigned char *uuid, int id);
vrDomainSnapshot *vrDomainSnapshotNew(vrDomain *dom, const char *name);
vrNetwork *vrNetworkNew(vrConnect *conn, const char *name, const unsigned char *uuid);
vrStoragePool *vrStoragePoolNew(vrConnect *conn, const char *name, const unsigned char *uuid);
vrStorageVol *vrStorageVolNew(vrConnect *conn, const char *pool, const char *name,
                              const char *key);
vrInterface *vrInterfaceNew(vrConnect *conn, const char *name, const char *mac);

void vrConnectUnref(vrConnect *conn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrConnect, vrConnectUnref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomain, vrDomainFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainSnapshot, vrDomainSnapshotFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNetwork, vrNetworkFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStoragePool, vrStoragePoolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageVol, vrStorageVolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrInterface, vrInterfaceFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStream, vrStreamFree)

/* Calls the connection's close callback once (remote connections that die). */
void vrConnectNotifyClosed(vrConnect *conn, int reason);

#endif
