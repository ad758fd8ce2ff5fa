/*
 * libvireo-snapshot.c: the public domain snapshot API.
 */
#include <config.h>

#include "api_internal.h"

/* errors name the object kind, as libvirt's API files do */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_DOMAIN_SNAPSHOT

vrDomainSnapshot *
vrDomainSnapshotCreateXML(vrDomain *dom, const char *xml, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSnapshotCreateXML", NULL);
    VR_API_ARG(xml, "virDomainSnapshotCreateXML", NULL);
    VR_API_WRITABLE(dom->conn, "virDomainSnapshotCreateXML", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainSnapshotCreateXML, "virDomainSnapshotCreateXML",
                NULL, dom, xml, flags);
}

char *
vrDomainSnapshotGetXMLDesc(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainSnapshotGetXMLDesc", NULL);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotGetXMLDesc,
                "virDomainSnapshotGetXMLDesc", NULL, snap, flags);
}

int
vrDomainSnapshotNum(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSnapshotNum", -1);
    VR_API_CALL(dom->conn, hypervisor, domainSnapshotNum, "virDomainSnapshotNum", -1, dom, flags);
}

int
vrDomainListAllSnapshots(vrDomain *dom, vrDomainSnapshot ***snaps, unsigned int flags)
{
    if (snaps)
        *snaps = NULL;
    VR_API_DOMAIN(dom, "virDomainListAllSnapshots", -1);
    VR_API_CALL(dom->conn, hypervisor, domainListAllSnapshots, "virDomainListAllSnapshots", -1,
                dom, snaps, flags);
}

int
vrDomainSnapshotNumChildren(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainSnapshotNumChildren", -1);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotNumChildren,
                "virDomainSnapshotNumChildren", -1, snap, flags);
}

int
vrDomainSnapshotListAllChildren(vrDomainSnapshot *snap, vrDomainSnapshot ***snaps,
                                unsigned int flags)
{
    if (snaps)
        *snaps = NULL;
    VR_API_SNAP(snap, "virDomainSnapshotListAllChildren", -1);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotListAllChildren,
                "virDomainSnapshotListAllChildren", -1, snap, snaps, flags);
}

vrDomainSnapshot *
vrDomainSnapshotLookupByName(vrDomain *dom, const char *name, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSnapshotLookupByName", NULL);
    VR_API_ARG(name, "virDomainSnapshotLookupByName", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainSnapshotLookupByName,
                "virDomainSnapshotLookupByName", NULL, dom, name, flags);
}

int
vrDomainHasCurrentSnapshot(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainHasCurrentSnapshot", -1);
    VR_API_CALL(dom->conn, hypervisor, domainHasCurrentSnapshot, "virDomainHasCurrentSnapshot",
                -1, dom, flags);
}

vrDomainSnapshot *
vrDomainSnapshotCurrent(vrDomain *dom, unsigned int flags)
{
    VR_API_DOMAIN(dom, "virDomainSnapshotCurrent", NULL);
    VR_API_CALL(dom->conn, hypervisor, domainSnapshotCurrent, "virDomainSnapshotCurrent", NULL,
                dom, flags);
}

vrDomainSnapshot *
vrDomainSnapshotGetParent(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainSnapshotGetParent", NULL);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotGetParent,
                "virDomainSnapshotGetParent", NULL, snap, flags);
}

int
vrDomainSnapshotIsCurrent(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainSnapshotIsCurrent", -1);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotIsCurrent,
                "virDomainSnapshotIsCurrent", -1, snap, flags);
}

int
vrDomainSnapshotHasMetadata(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainSnapshotHasMetadata", -1);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotHasMetadata,
                "virDomainSnapshotHasMetadata", -1, snap, flags);
}

int
vrDomainRevertToSnapshot(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainRevertToSnapshot", -1);
    VR_API_WRITABLE(snap->domain->conn, "virDomainRevertToSnapshot", -1);
    VR_API_CALL(snap->domain->conn, hypervisor, domainRevertToSnapshot,
                "virDomainRevertToSnapshot", -1, snap, flags);
}

int
vrDomainSnapshotDelete(vrDomainSnapshot *snap, unsigned int flags)
{
    VR_API_SNAP(snap, "virDomainSnapshotDelete", -1);
    VR_API_WRITABLE(snap->domain->conn, "virDomainSnapshotDelete", -1);
    VR_API_CALL(snap->domain->conn, hypervisor, domainSnapshotDelete, "virDomainSnapshotDelete",
                -1, snap, flags);
}
