/*
 * capabilities_conf.h: the host and guest capabilities document
 * (<capabilities>) that drivers build and virConnectGetCapabilities
 * returns.
 *
 * Drivers fill a vrCaps with the builder helpers below and format it;
 * the parser reads the same document back (from a peer, a test corpus or
 * a saved file).  Optional parts carry a has* flag so that what was
 * absent stays absent.
 */
#ifndef VR_CAPABILITIES_CONF_H
#define VR_CAPABILITIES_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrenum.h"

/* <pages unit='KiB' size='4'>count</pages> */
typedef struct {
    char *unit;                  /* NULL: no unit attribute */
    unsigned int size;
    unsigned long long count;    /* NUMA cells only */
} vrCapsPages;

typedef struct {
    char *arch;
    /* <features><pae/>...</features>: old-style host flags */
    bool pae, nonpae, vmx, svm;
    char *model;
    char *vendor;
    bool hasMicrocode;
    unsigned long long microcode;
    bool hasSignature;
    unsigned int sigFamily, sigModel, sigStepping;
    bool hasCounter;
    char *counterName;
    unsigned long long counterFrequency;
    bool counterScaling;
    bool hasTopology, hasDies, hasClusters;
    unsigned int sockets, dies, clusters, cores, threads;
    char *maxphysaddrMode;       /* NULL: no <maxphysaddr> */
    bool hasMaxphysaddrBits, hasMaxphysaddrLimit;
    unsigned int maxphysaddrBits, maxphysaddrLimit;
    GPtrArray *features;         /* <feature name=> names */
    vrCapsPages *pages;
    size_t npages;
} vrCapsHostCPU;

typedef struct {
    unsigned int id;
    bool hasSocket, hasDie, hasCluster, hasCore;
    unsigned int socket, die, cluster, core;
    char *siblings;              /* cpuset text, NULL when absent */
} vrCapsCellCPU;

typedef struct {
    unsigned int id;
    unsigned int value;
} vrCapsDistance;

typedef struct {
    unsigned int level;
    char *associativity;         /* none / direct / full */
    char *policy;                /* none / writeback / writethrough */
    unsigned long long size, line;
    char *sizeUnit, *lineUnit;
} vrCapsNUMACache;

typedef struct {
    unsigned int id;
    bool hasMemory;
    unsigned long long memory;
    char *memoryUnit;
    vrCapsPages *pages;
    size_t npages;
    vrCapsDistance *distances;
    size_t ndistances;
    vrCapsNUMACache *caches;
    size_t ncaches;
    bool hasCpus;
    vrCapsCellCPU *cpus;
    size_t ncpus;
} vrCapsNUMACell;

/* <latency> and <bandwidth> under <interconnects>, in document order. */
typedef struct {
    bool bandwidth;
    unsigned int initiator, target;
    bool hasCache;
    unsigned int cache;
    char *type;                  /* access / read / write */
    unsigned long long value;
    char *unit;                  /* bandwidth only */
} vrCapsInterconnect;

typedef struct {
    unsigned int granularity;
    bool hasMin;
    unsigned int min;
    char *unit;                  /* cache controls only */
    char *type;                  /* cache controls only */
    unsigned int maxAllocs;
} vrCapsControl;

/* <monitor> of <cache> and <memory_bandwidth> */
typedef struct {
    bool present;
    bool hasLevel;               /* level and reuseThreshold go together */
    unsigned int level, reuseThreshold;
    unsigned int maxMonitors;
    GPtrArray *features;
} vrCapsMonitor;

/* A cache <bank> or a memory bandwidth <node>. */
typedef struct {
    unsigned int id;
    unsigned int level;          /* banks only */
    char *type;                  /* banks only */
    unsigned long long size;     /* banks only */
    char *unit;                  /* banks only */
    char *cpus;
    vrCapsControl *controls;
    size_t ncontrols;
} vrCapsBank;

typedef struct {
    char *type;
    char *label;
} vrCapsBaseLabel;

typedef struct {
    char *model;
    char *doi;
    vrCapsBaseLabel *labels;
    size_t nlabels;
} vrCapsSecModel;

typedef enum {
    VR_CAPS_IOMMU_ABSENT = 0,
    VR_CAPS_IOMMU_YES,
    VR_CAPS_IOMMU_NO,
} vrCapsIOMMU;

typedef struct {
    bool hasUUID;
    unsigned char uuid[VR_UUID_BUFLEN];
    vrCapsHostCPU cpu;
    bool hasPowerMgmt;
    bool suspendMem, suspendDisk, suspendHybrid;
    int iommu;                   /* vrCapsIOMMU */
    bool hasMigration;
    bool liveMigrate;
    GPtrArray *migrateTransports;
    char *netprefix;
    bool hasTopology;
    vrCapsNUMACell **cells;
    size_t ncells;
    bool hasInterconnects;
    vrCapsInterconnect *interconnects;
    size_t ninterconnects;
    bool hasCache;
    vrCapsBank *banks;
    size_t nbanks;
    vrCapsMonitor cacheMonitor;
    bool hasMemBW;
    vrCapsBank *membwNodes;
    size_t nmembwNodes;
    vrCapsMonitor membwMonitor;
    vrCapsSecModel **secModels;
    size_t nsecModels;
} vrCapsHost;

typedef struct {
    char *name;
    char *canonical;
    unsigned int maxCpus;        /* 0: not printed */
    bool deprecated;
} vrCapsMachine;

typedef struct {
    char *type;                  /* qemu, kvm, xen, test ... */
    char *emulator;
    vrCapsMachine *machines;
    size_t nmachines;
} vrCapsGuestDomain;

typedef enum {
    VR_CAPS_GUEST_FEATURE_PAE = 0,
    VR_CAPS_GUEST_FEATURE_NONPAE,
    VR_CAPS_GUEST_FEATURE_IA64_BE,
    VR_CAPS_GUEST_FEATURE_ACPI,
    VR_CAPS_GUEST_FEATURE_APIC,
    VR_CAPS_GUEST_FEATURE_CPUSELECTION,
    VR_CAPS_GUEST_FEATURE_DEVICEBOOT,
    VR_CAPS_GUEST_FEATURE_DISKSNAPSHOT,
    VR_CAPS_GUEST_FEATURE_HAP,
    VR_CAPS_GUEST_FEATURE_EXTERNAL_SNAPSHOT,
    VR_CAPS_GUEST_FEATURE_LAST
} vrCapsGuestFeatureType;
VR_ENUM_DECL(vrCapsGuestFeature);

typedef struct {
    bool present;
    bool defaultOn;              /* toggle features only */
    bool toggle;
} vrCapsGuestFeature;

typedef struct {
    char *osType;                /* hvm, xen, linux, exe, xenpvh */
    char *arch;
    unsigned int wordsize;
    char *emulator;
    char *loader;
    vrCapsMachine *machines;
    size_t nmachines;
    vrCapsGuestDomain **domains;
    size_t ndomains;
    vrCapsGuestFeature features[VR_CAPS_GUEST_FEATURE_LAST];
} vrCapsGuest;

typedef struct {
    vrCapsHost host;
    vrCapsGuest **guests;
    size_t nguests;
} vrCaps;

vrCaps *vrCapsParseString(const char *xml);
char *vrCapsFormat(const vrCaps *caps);
vrCaps *vrCapsCopy(const vrCaps *caps);
void vrCapsFree(vrCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrCaps, vrCapsFree)

/* Whether a guest feature carries default= and toggle= attributes. */
bool vrCapsGuestFeatureIsToggle(int feature);

/* ---- building capabilities in a driver ---------------------------- */

vrCaps *vrCapsNew(const char *hostArch);
void vrCapsHostAddFeature(vrCaps *caps, const char *name);
void vrCapsHostAddPages(vrCaps *caps, unsigned int sizeKiB);
vrCapsNUMACell *vrCapsAddNUMACell(vrCaps *caps, unsigned int id,
                                  unsigned long long memoryKiB);
void vrCapsCellAddPages(vrCapsNUMACell *cell, unsigned int sizeKiB, unsigned long long count);
void vrCapsCellAddCPU(vrCapsNUMACell *cell, unsigned int id, unsigned int socket,
                      unsigned int die, unsigned int core, const char *siblings);
vrCapsSecModel *vrCapsAddSecModel(vrCaps *caps, const char *model, const char *doi);
void vrCapsSecModelAddBaseLabel(vrCapsSecModel *sec, const char *type, const char *label);
vrCapsGuest *vrCapsAddGuest(vrCaps *caps, const char *osType, const char *arch,
                            unsigned int wordsize, const char *emulator);
void vrCapsGuestAddMachine(vrCapsGuest *guest, const char *name, const char *canonical,
                           unsigned int maxCpus);
vrCapsGuestDomain *vrCapsGuestAddDomain(vrCapsGuest *guest, const char *type,
                                        const char *emulator);
void vrCapsGuestSetFeature(vrCapsGuest *guest, int feature, bool defaultOn, bool toggle);

#endif
