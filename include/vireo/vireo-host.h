/*
 * vireo-host.h: the node a connection manages.
 */
#ifndef VIREO_HOST_H
#define VIREO_HOST_H

typedef struct {
    char model[32];          /* CPU model, NUL terminated */
    unsigned long memory;    /* KiB */
    unsigned int cpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
} vrNodeInfo;

int vrNodeGetInfo(vrConnect *conn, vrNodeInfo *info);

/* CPU maps: one bit per host CPU, CPU 0 in the lowest bit of byte 0. */
#define VR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)
#define VR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))
#define VR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))
#define VR_CPU_USED(cpumap, cpu) (((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8))) != 0)
/* The map of vCPU @vcpu within an array of maps @maplen bytes each. */
#define VR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))
#define VR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VR_CPU_USED(VR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)

/* Returns the number of host CPUs; optionally allocates the map of the
 * online ones (free with free()) and counts them. */
int vrNodeGetCPUMap(vrConnect *conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags);

#define VR_SECURITY_MODEL_BUFLEN (256 + 1)
#define VR_SECURITY_DOI_BUFLEN (256 + 1)
#define VR_SECURITY_LABEL_BUFLEN (4096 + 1)

typedef struct {
    char model[VR_SECURITY_MODEL_BUFLEN];
    char doi[VR_SECURITY_DOI_BUFLEN];
} vrSecurityModel;

typedef struct {
    char label[VR_SECURITY_LABEL_BUFLEN];
    int enforcing;
} vrSecurityLabel;

int vrNodeGetSecurityModel(vrConnect *conn, vrSecurityModel *secmodel);
int vrNodeGetCellsFreeMemory(vrConnect *conn, unsigned long long *freeMems,
                             int startCell, int maxCells);
unsigned long long vrNodeGetFreeMemory(vrConnect *conn);

#define VR_NODE_STATS_FIELD_LENGTH 80
#define VR_NODE_CPU_STATS_ALL_CPUS (-1)
#define VR_NODE_MEMORY_STATS_ALL_CELLS (-1)

typedef struct {
    char field[VR_NODE_STATS_FIELD_LENGTH];
    unsigned long long value;
} vrNodeCPUStats;

typedef struct {
    char field[VR_NODE_STATS_FIELD_LENGTH];
    unsigned long long value;
} vrNodeMemoryStats;

/* With *nparams == 0 and params NULL, sets *nparams to the number of
 * fields; otherwise fills at most *nparams of them. */
int vrNodeGetCPUStats(vrConnect *conn, int cpuNum, vrNodeCPUStats *params, int *nparams,
                      unsigned int flags);
int vrNodeGetMemoryStats(vrConnect *conn, int cellNum, vrNodeMemoryStats *params,
                         int *nparams, unsigned int flags);
int vrNodeGetMemoryParameters(vrConnect *conn, vrTypedParameter *params, int *nparams,
                              unsigned int flags);

#endif
