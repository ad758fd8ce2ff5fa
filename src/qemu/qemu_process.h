/*
 * qemu_process.h: starting, stopping and re-attaching to QEMU processes.
 *
 * All functions take the guest's object locked, inside a job (start and
 * stop need a MODIFY or DESTROY job); they drop the lock while they wait
 * for QEMU.
 */
#ifndef VR_QEMU_PROCESS_H
#define VR_QEMU_PROCESS_H

#include "qemu_driver.h"

typedef enum {
    VR_QEMU_START_PAUSED = 1 << 0,       /* leave the vCPUs stopped */
    VR_QEMU_START_AUTODESTROY = 1 << 1,  /* stop it when @conn closes */
    VR_QEMU_START_BYPASS_CACHE = 1 << 2,
} vrQemuStartFlags;

/* Starts @obj's definition.  @incomingFd >= 0 restores guest memory from
 * a save image read through that descriptor (it is passed to QEMU).
 * @runningReason is the vrDomainRunningReason reported once it runs.
 * On failure nothing is left running and the error carries QEMU's own
 * message and the guest's name. */
int vrQemuProcessStart(vrQemuDriver *driver, vrQemuDomainObj *obj, vrConnect *conn,
                       int runningReason, int incomingFd, unsigned int flags);

/* Kills QEMU: SIGTERM, then SIGKILL if it has not gone after a short
 * grace period (@graceful waits longer, for a clean QEMU exit). */
int vrQemuProcessKill(vrQemuDomainObj *obj, bool graceful);

/* Cleans up after a QEMU that is gone or was killed: monitor, files,
 * state, the config the guest returns to; removes a transient guest from
 * the list.  @reason is the vrDomainShutoffReason. */
void vrQemuProcessStop(vrQemuDriver *driver, vrQemuDomainObj *obj, int reason);

/* At driver start: takes back every guest whose status file names a
 * QEMU that is still ours; the others are cleaned up as shut off. */
void vrQemuProcessReconnectAll(vrQemuDriver *driver);

/* Appends "TIMESTAMP: TEXT" to the guest's log. */
void vrQemuProcessLog(vrQemuDriver *driver, const char *name, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* The QEMU binary a definition runs with. */
vrQemuCaps *vrQemuProcessCaps(vrQemuDriver *driver, const vrDomainDef *def);

#endif
