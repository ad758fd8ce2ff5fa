/*
 * domain_cpu_conf.h: the guest CPU (<cpu>): mode, model, topology, cache,
 * features, and the guest NUMA layout described under it.
 */
#ifndef VR_DOMAIN_CPU_CONF_H
#define VR_DOMAIN_CPU_CONF_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "util/vrbitmap.h"
#include "util/vrbuf.h"
#include "util/vrenum.h"

typedef enum {
    VR_CPU_MODE_CUSTOM = 0,
    VR_CPU_MODE_HOST_MODEL,
    VR_CPU_MODE_HOST_PASSTHROUGH,
    VR_CPU_MODE_MAXIMUM,
    VR_CPU_MODE_LAST
} vrCPUMode;
VR_ENUM_DECL(vrCPUMode);

typedef enum {
    VR_CPU_MATCH_EXACT = 0,
    VR_CPU_MATCH_MINIMUM,
    VR_CPU_MATCH_STRICT,
    VR_CPU_MATCH_LAST
} vrCPUMatch;
VR_ENUM_DECL(vrCPUMatch);

typedef enum {
    VR_CPU_FEATURE_FORCE = 0,
    VR_CPU_FEATURE_REQUIRE,
    VR_CPU_FEATURE_OPTIONAL,
    VR_CPU_FEATURE_DISABLE,
    VR_CPU_FEATURE_FORBID,
    VR_CPU_FEATURE_LAST
} vrCPUFeaturePolicy;
VR_ENUM_DECL(vrCPUFeaturePolicy);

typedef struct {
    char *name;
    int policy;                    /* vrCPUFeaturePolicy */
} vrDomainCPUFeature;

typedef struct {
    bool present;
    int mode;                      /* vrCPUMode */
    int match;                     /* vrCPUMatch, -1 unset */
    char *check;                   /* none, partial, full */
    char *migratable;              /* on, off */
    char *model;
    char *modelFallback;           /* allow, forbid */
    char *modelVendorId;
    char *vendor;
    unsigned int sockets, dies, cores, threads;
    bool hasTopology;
    bool hasCache;
    int cacheLevel;                /* -1 unset */
    char *cacheMode;               /* emulate, passthrough, disable */
    char *maxphysaddrMode;         /* <maxphysaddr mode=> */
    int maxphysaddrBits;           /* -1 unset */
    vrDomainCPUFeature *features;
    size_t nfeatures;
} vrDomainCPUDef;

typedef struct {
    unsigned int id;
    unsigned int value;
} vrDomainNumaDistance;

typedef struct {
    unsigned int level;
    char *associativity;
    char *policy;
    unsigned long long size;       /* as written, with its unit */
    char *sizeUnit;
    unsigned long long line;
    char *lineUnit;
} vrDomainNumaCache;

typedef struct {
    vrBitmap *cpus;                /* NULL: a cell without CPUs */
    unsigned long long memory;     /* KiB */
    char *memAccess;               /* shared, private */
    char *discard;                 /* yes, no */
    vrDomainNumaDistance *distances;
    size_t ndistances;
    vrDomainNumaCache *caches;
    size_t ncaches;
} vrDomainNumaCell;

typedef struct {
    bool bandwidth;                /* <bandwidth>, else <latency> */
    unsigned int initiator, target;
    int cache;                     /* -1 unset */
    char *type;                    /* access, read, write */
    unsigned long long value;      /* latency ns, bandwidth KiB/s */
} vrDomainNumaInterconnect;

typedef struct {
    vrDomainNumaCell *cells;
    size_t ncells;
    vrDomainNumaInterconnect *interconnects;
    size_t ninterconnects;
} vrDomainNumaDef;

typedef struct _vrDomainDef vrDomainDef;

int vrDomainParseCPU(xmlNodePtr root, vrDomainDef *def);
void vrDomainFormatCPU(vrBuf *buf, const vrDomainDef *def);
/* Checks that need the vCPU count (NUMA cells against <vcpu>). */
int vrDomainCPUValidate(const vrDomainDef *def);
/* Memory of all NUMA cells, KiB (0 without NUMA). */
unsigned long long vrDomainNumaMemoryTotal(const vrDomainNumaDef *numa);
void vrDomainCPUClear(vrDomainCPUDef *cpu, vrDomainNumaDef *numa);

#endif
