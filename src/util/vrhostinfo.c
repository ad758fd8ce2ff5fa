/*
 * vrhostinfo.c: reading the host's CPU, memory and NUMA facts.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <glib.h>

#include "vrerror.h"
#include "vrfile.h"
#include "vrhostinfo.h"

#define VR_FROM_THIS VR_FROM_NONE

/* "Key:   value kB" from a meminfo-style file, in KiB; 0 when absent. */
static unsigned long long
vrHostMeminfoValue(const char *path, const char *key)
{
    g_autofree char *text = NULL;
    const char *p;
    size_t keylen = strlen(key);

    if (vrFileReadAll(path, 1 << 20, &text) < 0)
        return 0;
    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        const char *k = strstr(p, key);
        /* per-node files prefix lines with "Node N " */
        if (k && (!strchr(p, '\n') || k < strchr(p, '\n')) && k[keylen] == ':')
            return strtoull(k + keylen + 1, NULL, 10);
    }
    return 0;
}

static unsigned int
vrHostCPUMhz(void)
{
    g_autofree char *text = NULL;
    const char *p;

    if (vrFileReadAll("/proc/cpuinfo", 4 << 20, &text) < 0 || !(p = strstr(text, "cpu MHz")))
        return 0;
    if (!(p = strchr(p, ':')))
        return 0;
    return (unsigned int)strtod(p + 1, NULL);
}

/* Distinct values of a topology file over all online CPUs. */
static unsigned int
vrHostCountDistinct(const char *file)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    long ncpu = sysconf(_SC_NPROCESSORS_CONF);

    for (long i = 0; i < ncpu; i++) {
        g_autofree char *path = g_strdup_printf("/sys/devices/system/cpu/cpu%ld/topology/%s",
                                                i, file);
        g_autofree char *val = NULL;
        if (vrFileReadAll(path, 4096, &val) >= 0)
            g_hash_table_add(seen, g_strdup(g_strstrip(val)));
    }
    return g_hash_table_size(seen);
}

int
vrHostGetCellCount(void)
{
    int n = 0;

    while (n < 1024) {
        g_autofree char *path = g_strdup_printf("/sys/devices/system/node/node%d", n);
        if (!vrFileIsDir(path))
            break;
        n++;
    }
    return n ? n : 1;
}

int
vrHostGetNodeInfo(vrNodeInfo *info)
{
    struct utsname uts;
    unsigned int cpus = (unsigned int)sysconf(_SC_NPROCESSORS_ONLN);
    unsigned int sockets = vrHostCountDistinct("physical_package_id");
    unsigned int cores = vrHostCountDistinct("core_id");
    unsigned int nodes = (unsigned int)vrHostGetCellCount();

    memset(info, 0, sizeof(*info));
    if (uname(&uts) == 0)
        g_strlcpy(info->model, uts.machine, sizeof(info->model));
    info->memory = (unsigned long)vrHostMeminfoValue("/proc/meminfo", "MemTotal");
    info->cpus = cpus;
    info->mhz = vrHostCPUMhz();
    info->nodes = nodes;
    /* libvirt reports sockets per node, cores per socket, threads per core */
    info->sockets = MAX(1u, sockets / nodes);
    info->cores = MAX(1u, cores);
    info->threads = MAX(1u, cpus / MAX(1u, info->nodes * info->sockets * info->cores));
    if (!info->memory) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "cannot read the host's memory size from "
                      "/proc/meminfo");
        return -1;
    }
    return 0;
}

unsigned long long
vrHostGetFreeMemory(void)
{
    return vrHostMeminfoValue("/proc/meminfo", "MemFree") * 1024ULL;
}

int
vrHostGetCellsFreeMemory(unsigned long long *freeMems, int startCell, int maxCells)
{
    int ncells = vrHostGetCellCount();
    int i, n = 0;

    if (startCell < 0 || startCell >= ncells) {
        vrReportError(VR_ERR_INVALID_ARG, "start cell %d out of range (0-%d)", startCell,
                      ncells - 1);
        return -1;
    }
    for (i = startCell; i < ncells && n < maxCells; i++) {
        g_autofree char *path = g_strdup_printf("/sys/devices/system/node/node%d/meminfo", i);
        unsigned long long kib = vrFileExists(path) ? vrHostMeminfoValue(path, "MemFree")
                                                    : vrHostGetFreeMemory() / 1024;
        freeMems[n++] = kib * 1024ULL;
    }
    return n;
}
