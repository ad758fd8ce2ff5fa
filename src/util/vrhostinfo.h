/*
 * vrhostinfo.h: facts about the real host, read from /proc and /sys:
 * CPU topology and speed, memory, NUMA cells.  (The test driver has its
 * own fictional host; stateful drivers report this one.)
 */
#ifndef VR_HOSTINFO_H
#define VR_HOSTINFO_H

#include "vireo/vireo.h"

/* What `virsh nodeinfo` shows. */
int vrHostGetNodeInfo(vrNodeInfo *info);
/* Free memory in bytes, for the whole host or one NUMA cell. */
unsigned long long vrHostGetFreeMemory(void);
/* Free memory per cell from @startCell, at most @maxCells; returns how
 * many were filled (a host without NUMA is one cell). */
int vrHostGetCellsFreeMemory(unsigned long long *freeMems, int startCell, int maxCells);
/* Number of NUMA cells (1 without NUMA). */
int vrHostGetCellCount(void);

#endif
