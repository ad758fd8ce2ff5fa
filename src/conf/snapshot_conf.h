/*
 * snapshot_conf.h: domain snapshot definitions (<domainsnapshot>).
 */
#ifndef VR_SNAPSHOT_CONF_H
#define VR_SNAPSHOT_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "domain_conf.h"
#include "storage_conf.h"

/* Where a disk's or the memory's state goes; "default" is unset. */
typedef enum {
    VR_SNAPSHOT_LOCATION_DEFAULT = 0,
    VR_SNAPSHOT_LOCATION_NO,
    VR_SNAPSHOT_LOCATION_INTERNAL,
    VR_SNAPSHOT_LOCATION_EXTERNAL,
    VR_SNAPSHOT_LOCATION_MANUAL,
    VR_SNAPSHOT_LOCATION_LAST
} vrSnapshotLocation;
VR_ENUM_DECL(vrSnapshotLocation);

/* The domain state a snapshot captured; "nostate" is not valid. */
typedef enum {
    VR_SNAPSHOT_STATE_NOSTATE = 0,
    VR_SNAPSHOT_STATE_RUNNING,
    VR_SNAPSHOT_STATE_BLOCKED,
    VR_SNAPSHOT_STATE_PAUSED,
    VR_SNAPSHOT_STATE_SHUTDOWN,
    VR_SNAPSHOT_STATE_SHUTOFF,
    VR_SNAPSHOT_STATE_CRASHED,
    VR_SNAPSHOT_STATE_PMSUSPENDED,
    VR_SNAPSHOT_STATE_DISK_SNAPSHOT,
    VR_SNAPSHOT_STATE_LAST
} vrSnapshotState;
VR_ENUM_DECL(vrSnapshotState);

typedef enum {
    VR_SNAPSHOT_NET_NONE = 0,
    VR_SNAPSHOT_NET_NBD,
    VR_SNAPSHOT_NET_RBD,
    VR_SNAPSHOT_NET_SHEEPDOG,
    VR_SNAPSHOT_NET_GLUSTER,
    VR_SNAPSHOT_NET_ISCSI,
    VR_SNAPSHOT_NET_HTTP,
    VR_SNAPSHOT_NET_HTTPS,
    VR_SNAPSHOT_NET_FTP,
    VR_SNAPSHOT_NET_FTPS,
    VR_SNAPSHOT_NET_TFTP,
    VR_SNAPSHOT_NET_SSH,
    VR_SNAPSHOT_NET_VXHS,
    VR_SNAPSHOT_NET_NFS,
    VR_SNAPSHOT_NET_LAST
} vrSnapshotNetProtocol;
VR_ENUM_DECL(vrSnapshotNetProtocol);

typedef enum {
    VR_SNAPSHOT_TRANSPORT_TCP = 0,
    VR_SNAPSHOT_TRANSPORT_UNIX,
    VR_SNAPSHOT_TRANSPORT_RDMA,
    VR_SNAPSHOT_TRANSPORT_LAST
} vrSnapshotTransport;
VR_ENUM_DECL(vrSnapshotTransport);

typedef struct {
    char *name;
    unsigned int port;         /* 0: the protocol's default */
    int transport;             /* vrSnapshotTransport */
    char *socket;
} vrSnapshotDiskHost;

typedef struct {
    char *model;
    bool norelabel;
    char *label;
} vrSnapshotDiskSeclabel;

/* The new image of an external disk snapshot (a disk <source>). */
typedef struct {
    int type;                  /* vrStorageType */
    char *path;                /* file, dev, or the network image name */
    int protocol;              /* vrSnapshotNetProtocol */
    int tls;                   /* tristate */
    char *tlsHostname;
    char *query;
    int sslVerify;             /* tristate, https and ftps */
    vrSnapshotDiskHost *hosts;
    size_t nhosts;
    char *rbdSnapshot;
    char *configFile;
    char *initiatorIQN;
    unsigned long long readahead, timeout;
    vrSnapshotDiskSeclabel *seclabels;
    size_t nseclabels;
    vrStorageAuthDef *auth;
    vrStorageEncryption *encryption;
    int prManaged;             /* tristate; 0 when no <reservations> */
    char *prPath;
} vrSnapshotDiskSource;

typedef struct {
    char *name;                /* the disk's target once aligned */
    int snapshot;              /* vrSnapshotLocation */
    int format;                /* vrStorageFileFormat */
    unsigned long long metadataCacheMax;
    vrSnapshotDiskSource src;
    size_t domIndex;           /* its disk in the domain, once aligned */
} vrSnapshotDiskDef;

typedef struct {
    char *name;
    char *description;
    int state;                 /* vrSnapshotState */
    char *parent;
    long long creationTime;    /* 0 is not shown */
    int memory;                /* vrSnapshotLocation */
    char *memoryFile;
    vrSnapshotDiskDef *disks;
    size_t ndisks;
    vrDomainDef *dom;          /* the domain as it was */
    vrDomainDef *inactiveDom;  /* its next-boot definition, if it differed */
} vrSnapshotDef;

typedef enum {
    /* Redefinition: state, creationTime and <domain> come from the input. */
    VR_SNAPSHOT_PARSE_REDEFINE = 1 << 0,
} vrSnapshotParseFlags;

vrSnapshotDef *vrSnapshotDefParseString(const char *xml, const vrDomainXMLOption *opt,
                                        unsigned int flags);
char *vrSnapshotDefFormat(const vrSnapshotDef *def, unsigned int domainFlags);
void vrSnapshotDefFree(vrSnapshotDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrSnapshotDef, vrSnapshotDefFree)

/* Whether memory or any requested disk goes to a new external file. */
bool vrSnapshotDefIsExternal(const vrSnapshotDef *def);
/* Whether the snapshot captured a running (or paused) guest. */
bool vrSnapshotDefIsActive(const vrSnapshotDef *def);

/* Completes the disk list from def->dom: every domain disk, in domain
 * order, with its mode settled (@defaultLocation unless the request or
 * the domain says otherwise) and external image names generated next to
 * the originals.  @uniformInternal refuses any requested mode but
 * internal (or "no" for a disk the domain already excludes). */
int vrSnapshotAlignDisks(vrSnapshotDef *def, int defaultLocation, bool uniformInternal);

#endif
