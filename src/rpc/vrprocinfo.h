/*
 * vrprocinfo.h: what the protocol file says about each procedure (its
 * name and payload layouts), independent of who implements it.
 */
#ifndef VR_PROC_INFO_H
#define VR_PROC_INFO_H

#include <stddef.h>
#include <glib.h>
#include <rpc/rpc.h>

typedef struct {
    int proc;
    const char *name;
    xdrproc_t argsFilter;   /* NULL: empty payload */
    size_t argsSize;
    xdrproc_t retFilter;    /* reply, or the event message of an event */
    size_t retSize;
} vrProcInfo;

const vrProcInfo *vrProcInfoLookup(int proc);
/* The i-th procedure in number order, NULL past the end. */
const vrProcInfo *vrProcInfoAt(size_t i);

#endif
