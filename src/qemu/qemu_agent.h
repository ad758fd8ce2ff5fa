/*
 * qemu_agent.h: the qemu-guest-agent client.
 *
 * The agent listens on the guest side of a virtio-serial port
 * (org.qemu.guest_agent.0) whose host side is a QEMU chardev socket.  Its
 * protocol is QMP without greeting, ids or events, and the guest may not
 * run the agent at all: every command is preceded by guest-sync-delimited
 * with a random id, stale output is skipped up to the agent's 0xFF
 * sentinel, and silence ends in VR_ERR_AGENT_UNRESPONSIVE
 * ("Guest agent is not responding: ...").
 *
 * Threads as for vrQemuMonitor: callbacks in the event loop thread,
 * commands from worker threads.
 */
#ifndef VR_QEMU_AGENT_H
#define VR_QEMU_AGENT_H

#include "qemu/qemu_monitor.h"

typedef struct _vrQemuAgent vrQemuAgent;

/* Run in the event loop thread, never after vrQemuAgentClose; all
 * members may be NULL. */
typedef struct {
    /* The socket was closed (QEMU exited or removed the chardev). */
    void (*eof)(vrQemuAgent *agent, void *opaque);
    /* A read or write on the socket failed. */
    void (*error)(vrQemuAgent *agent, void *opaque);
    /* Releases @opaque once the agent is freed. */
    void (*freeOpaque)(void *opaque);
} vrQemuAgentCallbacks;

/* How long guest-sync-delimited may take before the agent counts as
 * absent (a command's own timeout, if shorter, wins). */
#define VR_QEMU_AGENT_SYNC_TIMEOUT_MS 5000
/* Timeout of commands issued with timeoutMs == 0. */
#define VR_QEMU_AGENT_DEFAULT_TIMEOUT_MS 30000

/* Connects to the agent's chardev socket, retrying until @timeoutMs.
 * Nothing is exchanged yet: a guest without an agent only shows when a
 * command gets no answer. */
vrQemuAgent *vrQemuAgentOpen(vrEventLoop *loop, const char *path, int timeoutMs,
                             const vrQemuAgentCallbacks *cb, void *opaque);
/* The same over a connected socket (owned from now on).  Never fails. */
vrQemuAgent *vrQemuAgentOpenFd(vrEventLoop *loop, int fd, const vrQemuAgentCallbacks *cb,
                               void *opaque);
/* As vrQemuMonitorClose: from any thread, waiters get an error. */
void vrQemuAgentClose(vrQemuAgent *agent);

/* Synchronises, then runs @cmd with @args (stolen) and stores the
 * "return" member in @reply (caller owns; may be NULL).  @timeoutMs < 0
 * waits forever, 0 means the default.  Errors: VR_ERR_AGENT_UNRESPONSIVE
 * on silence or a closed socket, VR_ERR_INTERNAL_ERROR "unable to execute
 * QEMU agent command 'CMD': DESC" when the agent reports an error. */
int vrQemuAgentCommand(vrQemuAgent *agent, const char *cmd, json_object *args,
                       json_object **reply, int timeoutMs);

/* The monitor that carries the agent's traffic (tests). */
vrQemuMonitor *vrQemuAgentGetMonitor(vrQemuAgent *agent);


/* ---- wrappers ---- */

int vrQemuAgentPing(vrQemuAgent *agent, int timeoutMs);

typedef enum {
    VR_QEMU_AGENT_SHUTDOWN_POWERDOWN = 0,
    VR_QEMU_AGENT_SHUTDOWN_REBOOT,
    VR_QEMU_AGENT_SHUTDOWN_HALT,
} vrQemuAgentShutdownMode;

/* guest-shutdown: the agent does not answer it, so success means the
 * request was delivered after a successful sync. */
int vrQemuAgentShutdown(vrQemuAgent *agent, vrQemuAgentShutdownMode mode);

typedef struct {
    bool ipv6;
    char *address;
    unsigned int prefix;
} vrQemuAgentIPAddress;

typedef struct {
    char *name;
    char *hwaddr;             /* may be NULL (loopback on some guests) */
    GPtrArray *addrs;         /* vrQemuAgentIPAddress */
} vrQemuAgentInterface;

/* guest-network-get-interfaces. */
int vrQemuAgentGetInterfaces(vrQemuAgent *agent, GPtrArray **ifaces);

typedef struct {
    char *busType;            /* "virtio", "scsi", "ide", "sata", ... */
    int pciDomain, pciBus, pciSlot, pciFunction;
    int bus, target, unit;
    char *serial;             /* may be NULL */
    char *dev;                /* guest device node, may be NULL */
} vrQemuAgentFSDisk;

typedef struct {
    char *name;               /* guest block device, e.g. "vda1" */
    char *mountpoint;
    char *type;               /* file system type */
    bool hasSize;
    unsigned long long usedBytes;
    unsigned long long totalBytes;
    GPtrArray *disks;         /* vrQemuAgentFSDisk */
} vrQemuAgentFSInfo;

/* guest-get-fsinfo. */
int vrQemuAgentGetFSInfo(vrQemuAgent *agent, GPtrArray **fsinfo);

/* guest-fsfreeze-freeze (or -freeze-list with @mountpoints, a
 * NULL-terminated list): returns the number of file systems frozen. */
int vrQemuAgentFSFreeze(vrQemuAgent *agent, const char *const *mountpoints);
/* guest-fsfreeze-thaw: returns the number of file systems thawed. */
int vrQemuAgentFSThaw(vrQemuAgent *agent);
/* guest-fsfreeze-status. */
int vrQemuAgentFSFreezeStatus(vrQemuAgent *agent, bool *frozen);

/* guest-get-time, split into seconds and nanoseconds since the epoch. */
int vrQemuAgentGetTime(vrQemuAgent *agent, long long *seconds, unsigned int *nseconds);
/* guest-set-time; with @fromRTC the guest reads its own RTC instead. */
int vrQemuAgentSetTime(vrQemuAgent *agent, long long seconds, unsigned int nseconds,
                       bool fromRTC);

/* guest-info: the agent's version and its enabled commands
 * (NULL-terminated); either pointer may be NULL. */
int vrQemuAgentGetInfo(vrQemuAgent *agent, char **version, char ***commands);


/* ---- reply parsers (tests and the fuzzer) ---- */
int vrQemuAgentParseInterfaces(json_object *ret, GPtrArray **ifaces);
int vrQemuAgentParseFSInfo(json_object *ret, GPtrArray **fsinfo);
int vrQemuAgentParseInfo(json_object *ret, char **version, char ***commands);

#endif
