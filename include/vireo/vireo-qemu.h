/*
 * vireo-qemu.h: direct access to a QEMU guest's monitor and agent.
 *
 * These calls bypass the driver's model of the guest (libvirt keeps them in
 * a separate header and a separate wire program, 0x20008087, for that
 * reason); anything they change is unsupported.
 */
#ifndef VIREO_QEMU_H
#define VIREO_QEMU_H

#include "vireo.h"

typedef enum {
    VR_DOMAIN_QEMU_MONITOR_COMMAND_DEFAULT = 0,
    VR_DOMAIN_QEMU_MONITOR_COMMAND_HMP = 1 << 0,
} vrDomainQemuMonitorCommandFlags;

/* Agent response timeouts (seconds, or one of these). */
typedef enum {
    VR_DOMAIN_QEMU_AGENT_COMMAND_MIN = -2,
    VR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK = -2,
    VR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT = -1,
    VR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT = 0,
    VR_DOMAIN_QEMU_AGENT_COMMAND_SHUTDOWN = 60,
} vrDomainQemuAgentCommandTimeoutValues;

/* Sends @cmd (QMP JSON, or HMP text with the HMP flag) and stores the
 * reply in *result (free with free()). */
int vrDomainQemuMonitorCommand(vrDomain *dom, const char *cmd, char **result,
                               unsigned int flags);
/* Returns the agent's reply (free with free()), or NULL. */
char *vrDomainQemuAgentCommand(vrDomain *dom, const char *cmd, int timeout,
                               unsigned int flags);

#endif
