/*
 * snapshot_conf.h: domain snapshot definitions (<domainsnapshot>).
 */
#ifndef VR_SNAPSHOT_CONF_H
#define VR_SNAPSHOT_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "domain_conf.h"

typedef struct {
    char *name;            /* disk target */
    char *snapshot;        /* internal / external / no / manual */
    char *sourceType;      /* file / block */
    char *sourcePath;
    char *driverType;
} vrSnapshotDiskDef;

typedef struct {
    char *name;
    char *description;
    char *state;           /* running, paused, shutoff, disk-snapshot ... */
    char *parent;
    long long creationTime;
    bool hasCreationTime;
    char *memorySnapshot;  /* internal / external / no */
    char *memoryFile;
    vrSnapshotDiskDef *disks;
    size_t ndisks;
    bool hasDisks;         /* <disks> present in the input */
    vrDomainDef *dom;      /* the domain as it was */
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

#endif
