/*
 * domain_tune_conf.h: how a domain uses the host's CPUs, memory and block
 * I/O: <vcpus>, <iothreadids>, <cputune>, <numatune>, <blkiotune>,
 * <memoryBacking> and <resource>.
 */
#ifndef VR_DOMAIN_TUNE_CONF_H
#define VR_DOMAIN_TUNE_CONF_H

#include <stdbool.h>
#include <libxml/tree.h>

#include "util/vrbitmap.h"
#include "util/vrbuf.h"
#include "util/vrenum.h"

/* The bitmaps below hold host CPU or NUMA node numbers. */
#define VR_DOMAIN_CPUMAP_BITS 4096
/* The most vCPUs a definition may have, well above what hypervisors run. */
#define VR_DOMAIN_MAX_VCPUS 16384
/* The most I/O threads a definition may have, likewise. */
#define VR_DOMAIN_MAX_IOTHREADS 16384

typedef enum {
    VR_PROC_POLICY_NONE = 0,
    VR_PROC_POLICY_BATCH,
    VR_PROC_POLICY_IDLE,
    VR_PROC_POLICY_FIFO,
    VR_PROC_POLICY_RR,
    VR_PROC_POLICY_LAST
} vrProcessSchedPolicy;
VR_ENUM_DECL(vrProcessSchedPolicy);

typedef struct {
    int policy;                   /* vrProcessSchedPolicy */
    int priority;                 /* fifo and rr only */
} vrDomainSched;

/* One vCPU as <vcpus> lists it, plus its pinning and scheduling. */
typedef struct {
    bool online;
    int hotpluggable;             /* -1 unset, 0 no, 1 yes */
    unsigned int order;           /* 0 unset */
    vrBitmap *cpumask;            /* <vcpupin> */
    vrDomainSched sched;          /* <vcpusched> */
} vrDomainVcpuDef;

typedef struct {
    unsigned int id;
    vrBitmap *cpumask;            /* <iothreadpin> */
    vrDomainSched sched;          /* <iothreadsched> */
    bool explicit;                /* listed in <iothreadids> */
    char *xmlExtra;               /* thread_pool_min/max and <poll>, formatted */
} vrDomainIOThreadDef;

typedef struct {
    unsigned long long shares;
    bool hasShares;
    unsigned long long period, globalPeriod, emulatorPeriod, iothreadPeriod;
    long long quota, globalQuota, emulatorQuota, iothreadQuota;
    vrBitmap *emulatorpin;
    vrDomainSched emulatorsched;
} vrDomainCputuneDef;

typedef enum {
    VR_NUMATUNE_MODE_STRICT = 0,
    VR_NUMATUNE_MODE_PREFERRED,
    VR_NUMATUNE_MODE_INTERLEAVE,
    VR_NUMATUNE_MODE_RESTRICTIVE,
    VR_NUMATUNE_MODE_LAST
} vrDomainNumatuneMode;
VR_ENUM_DECL(vrDomainNumatuneMode);

typedef enum {
    VR_NUMATUNE_PLACEMENT_DEFAULT = 0,
    VR_NUMATUNE_PLACEMENT_STATIC,
    VR_NUMATUNE_PLACEMENT_AUTO,
    VR_NUMATUNE_PLACEMENT_LAST
} vrDomainNumatunePlacement;
VR_ENUM_DECL(vrDomainNumatunePlacement);

typedef struct {
    unsigned int cellid;
    int mode;
    vrBitmap *nodeset;
} vrDomainNumatuneMemnode;

typedef struct {
    bool present;                 /* <memory> given (or implied) */
    int mode;                     /* vrDomainNumatuneMode */
    int placement;                /* vrDomainNumatunePlacement */
    vrBitmap *nodeset;
    vrDomainNumatuneMemnode *memnodes;
    size_t nmemnodes;
} vrDomainNumatuneDef;

typedef struct {
    char *path;
    unsigned int weight;
    unsigned long long riops, wiops, rbps, wbps;
} vrDomainBlkiotuneDevice;

typedef struct {
    unsigned int weight;
    vrDomainBlkiotuneDevice *devices;
    size_t ndevices;
} vrDomainBlkiotuneDef;

typedef struct {
    unsigned long long size;      /* KiB */
    vrBitmap *nodeset;            /* NULL: every node */
} vrDomainHugePage;

typedef struct {
    bool hugepages;
    vrDomainHugePage *pages;
    size_t npages;
    bool nosharepages;
    bool locked;
    char *source;                 /* file, anonymous, memfd */
    char *access;                 /* shared, private */
    char *allocation;             /* immediate, ondemand */
    unsigned int allocationThreads;
    bool discard;
} vrDomainMemoryBackingDef;

typedef struct {
    char *partition;
    char *appid;                  /* <fibrechannel appid=> */
} vrDomainResourceDef;

typedef struct _vrDomainDef vrDomainDef;

/* Parsing: each reads its element from <domain> (absent is fine). */
int vrDomainParseVcpuList(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseIOThreads(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseCputune(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseNumatune(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseBlkiotune(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseMemoryBacking(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseResource(xmlNodePtr root, vrDomainDef *def);

void vrDomainFormatBlkiotune(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatMemoryBacking(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatVcpuList(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatIOThreads(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatCputune(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatNumatune(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatResource(vrBuf *buf, const vrDomainDef *def);

/* Sizes the vCPU table for @maxvcpus, keeping what stays. */
void vrDomainDefSetMaxVcpus(vrDomainDef *def, unsigned int maxvcpus);
/* Puts the first @vcpus vCPUs online and the others offline. */
void vrDomainDefSetVcpus(vrDomainDef *def, unsigned int vcpus);
void vrDomainTuneClear(vrDomainDef *def);

#endif
