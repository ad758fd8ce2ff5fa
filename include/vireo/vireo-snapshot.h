/*
 * vireo-snapshot.h: domain snapshots.
 */
#ifndef VIREO_SNAPSHOT_H
#define VIREO_SNAPSHOT_H

typedef enum {
    VR_DOMAIN_SNAPSHOT_CREATE_REDEFINE = 1 << 0,
    VR_DOMAIN_SNAPSHOT_CREATE_CURRENT = 1 << 1,
    VR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA = 1 << 2,
    VR_DOMAIN_SNAPSHOT_CREATE_HALT = 1 << 3,
    VR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY = 1 << 4,
    VR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT = 1 << 5,
    VR_DOMAIN_SNAPSHOT_CREATE_QUIESCE = 1 << 6,
    VR_DOMAIN_SNAPSHOT_CREATE_ATOMIC = 1 << 7,
    VR_DOMAIN_SNAPSHOT_CREATE_LIVE = 1 << 8,
    VR_DOMAIN_SNAPSHOT_CREATE_VALIDATE = 1 << 9,
} vrDomainSnapshotCreateFlags;

/* ROOTS and DESCENDANTS share a bit: its meaning depends on whether the
 * listing starts at the domain or at a snapshot. */
typedef enum {
    VR_DOMAIN_SNAPSHOT_LIST_ROOTS = 1 << 0,
    VR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS = 1 << 0,
    VR_DOMAIN_SNAPSHOT_LIST_METADATA = 1 << 1,
    VR_DOMAIN_SNAPSHOT_LIST_LEAVES = 1 << 2,
    VR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES = 1 << 3,
    VR_DOMAIN_SNAPSHOT_LIST_NO_METADATA = 1 << 4,
    VR_DOMAIN_SNAPSHOT_LIST_INACTIVE = 1 << 5,
    VR_DOMAIN_SNAPSHOT_LIST_ACTIVE = 1 << 6,
    VR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY = 1 << 7,
    VR_DOMAIN_SNAPSHOT_LIST_INTERNAL = 1 << 8,
    VR_DOMAIN_SNAPSHOT_LIST_EXTERNAL = 1 << 9,
    VR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL = 1 << 10,
} vrDomainSnapshotListFlags;

typedef enum {
    VR_DOMAIN_SNAPSHOT_REVERT_RUNNING = 1 << 0,
    VR_DOMAIN_SNAPSHOT_REVERT_PAUSED = 1 << 1,
    VR_DOMAIN_SNAPSHOT_REVERT_FORCE = 1 << 2,
    VR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM = 1 << 3,
} vrDomainSnapshotRevertFlags;

typedef enum {
    VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN = 1 << 0,
    VR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY = 1 << 1,
    VR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY = 1 << 2,
} vrDomainSnapshotDeleteFlags;

vrDomainSnapshot *vrDomainSnapshotCreateXML(vrDomain *dom, const char *xml, unsigned int flags);
char *vrDomainSnapshotGetXMLDesc(vrDomainSnapshot *snap, unsigned int flags);
int vrDomainSnapshotNum(vrDomain *dom, unsigned int flags);
int vrDomainListAllSnapshots(vrDomain *dom, vrDomainSnapshot ***snaps, unsigned int flags);
int vrDomainSnapshotNumChildren(vrDomainSnapshot *snap, unsigned int flags);
int vrDomainSnapshotListAllChildren(vrDomainSnapshot *snap, vrDomainSnapshot ***snaps,
                                    unsigned int flags);
vrDomainSnapshot *vrDomainSnapshotLookupByName(vrDomain *dom, const char *name,
                                               unsigned int flags);
int vrDomainHasCurrentSnapshot(vrDomain *dom, unsigned int flags);
vrDomainSnapshot *vrDomainSnapshotCurrent(vrDomain *dom, unsigned int flags);
vrDomainSnapshot *vrDomainSnapshotGetParent(vrDomainSnapshot *snap, unsigned int flags);
int vrDomainSnapshotIsCurrent(vrDomainSnapshot *snap, unsigned int flags);
int vrDomainSnapshotHasMetadata(vrDomainSnapshot *snap, unsigned int flags);
int vrDomainRevertToSnapshot(vrDomainSnapshot *snap, unsigned int flags);
int vrDomainSnapshotDelete(vrDomainSnapshot *snap, unsigned int flags);

const char *vrDomainSnapshotGetName(vrDomainSnapshot *snap);
vrDomain *vrDomainSnapshotGetDomain(vrDomainSnapshot *snap);
int vrDomainSnapshotRef(vrDomainSnapshot *snap);
int vrDomainSnapshotFree(vrDomainSnapshot *snap);

#endif
