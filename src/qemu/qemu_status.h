/*
 * qemu_status.h: a running guest's status file, run/vireo/qemu/NAME.xml.
 *
 * It holds what a restarted daemon needs to take the guest back: the live
 * definition (with the aliases, ptys and ports chosen at start), the QEMU
 * pid and start time (to tell our QEMU from a reused pid), the monitor
 * socket and the state.  It is replaced atomically on every change.
 */
#ifndef VR_QEMU_STATUS_H
#define VR_QEMU_STATUS_H

#include "qemu_driver.h"

typedef struct {
    int state;
    int reason;
    pid_t pid;
    unsigned long long pidStartTime;
    char *monitorPath;
    bool fakeReboot;
    bool autoDestroy;
    vrDomainDef *def;
} vrQemuStatus;

char *vrQemuStatusPath(vrQemuDriver *driver, const char *name);
/* Writes @obj's status (locked by the caller). */
int vrQemuStatusSave(vrQemuDriver *driver, vrQemuDomainObj *obj);
int vrQemuStatusRemove(vrQemuDriver *driver, const char *name);
/* Reads one status file; the definition is parsed as live state. */
int vrQemuStatusLoad(vrQemuDriver *driver, const char *path, vrQemuStatus *status);
void vrQemuStatusClear(vrQemuStatus *status);

#endif
