/*
 * qemu_monitor_cmds.h: typed wrappers over the QMP commands the QEMU
 * driver issues, as QEMU 7.2 defines them.
 *
 * Every wrapper blocks its (worker) thread for at most the monitor's
 * default timeout and returns 0, or -1 with an error reported (see
 * vrQemuMonitorCommand for the error codes).  Arguments documented as
 * "stolen" are released even on failure.  Output arrays are GPtrArrays that
 * free their elements.
 */
#ifndef VR_QEMU_MONITOR_CMDS_H
#define VR_QEMU_MONITOR_CMDS_H

#include "qemu/qemu_monitor.h"

/* ---- run state ---- */

int vrQemuMonitorCont(vrQemuMonitor *mon);
int vrQemuMonitorStop(vrQemuMonitor *mon);
int vrQemuMonitorSystemPowerdown(vrQemuMonitor *mon);
int vrQemuMonitorSystemReset(vrQemuMonitor *mon);
/* QEMU answers and exits; end of file before the answer is success too. */
int vrQemuMonitorQuit(vrQemuMonitor *mon);
int vrQemuMonitorInjectNMI(vrQemuMonitor *mon);

/* query-status: @running, and QEMU's RunState name ("running", "paused",
 * "shutdown", "inmigrate", "io-error", "guest-panicked", ...). */
int vrQemuMonitorQueryStatus(vrQemuMonitor *mon, bool *running, char **status);

/* set-action: each NULL leaves that action alone (QEMU's names:
 * reboot "reset"/"shutdown", shutdown "poweroff"/"pause",
 * panic "pause"/"shutdown"/"none", watchdog "reset"/"pause"/...). */
int vrQemuMonitorSetAction(vrQemuMonitor *mon, const char *reboot, const char *shutdown,
                           const char *panic, const char *watchdog);

/* query-name: the -name given to QEMU, NULL when it has none. */
int vrQemuMonitorQueryName(vrQemuMonitor *mon, char **name);


/* ---- vCPUs and memory ---- */

typedef struct {
    int cpuIndex;
    long long threadId;       /* host thread id of the vCPU */
    char *qomPath;
    int socketId;             /* topology from "props", -1 when absent */
    int coreId;
    int threadIndex;
} vrQemuMonitorCPUInfo;

/* query-cpus-fast, in QEMU's order. */
int vrQemuMonitorQueryCPUs(vrQemuMonitor *mon, GPtrArray **cpus);

/* query-balloon / balloon, in KiB (QMP speaks bytes). */
int vrQemuMonitorQueryBalloon(vrQemuMonitor *mon, unsigned long long *actualKiB);
int vrQemuMonitorSetBalloon(vrQemuMonitor *mon, unsigned long long targetKiB);


/* ---- block devices ---- */

typedef struct {
    char *device;             /* -drive name, "" for -blockdev disks */
    char *qdev;               /* device id or QOM path, may be NULL */
    char *nodeName;           /* may be NULL */
    long long rdBytes;
    long long wrBytes;
    long long rdReq;
    long long wrReq;
    long long flushReq;
    long long rdTotalTimeNs;
    long long wrTotalTimeNs;
    long long flushTotalTimeNs;
    long long wrHighestOffset;
} vrQemuMonitorBlockStats;

int vrQemuMonitorQueryBlockStats(vrQemuMonitor *mon, GPtrArray **stats);

typedef struct {
    char *device;
    char *qdev;               /* may be NULL */
    bool removable;
    bool locked;
    bool trayOpen;            /* false when QEMU does not say */
    char *ioStatus;           /* "ok", "failed", "nospace", or NULL */
    bool hasMedium;           /* "inserted" was present; below only then */
    char *nodeName;
    char *file;
    char *format;             /* the top driver, e.g. "qcow2" */
    bool readonly;
    unsigned long long virtualSize;
    unsigned long long actualSize;   /* 0 when unknown */
} vrQemuMonitorBlockInfo;

int vrQemuMonitorQueryBlock(vrQemuMonitor *mon, GPtrArray **blocks);

typedef struct {
    char *nodeName;
    char *file;
    char *driver;
    bool readonly;
    unsigned long long virtualSize;
    unsigned long long actualSize;   /* 0 when unknown */
    char *backingFile;               /* may be NULL */
} vrQemuMonitorBlockNode;

/* query-named-block-nodes with "flat": one entry per node. */
int vrQemuMonitorQueryNamedBlockNodes(vrQemuMonitor *mon, GPtrArray **nodes);

/* block_resize by @device or @nodeName (one of them NULL). */
int vrQemuMonitorBlockResize(vrQemuMonitor *mon, const char *device, const char *nodeName,
                             unsigned long long sizeBytes);
/* blockdev-add with the node's options (stolen); blockdev-del. */
int vrQemuMonitorBlockdevAdd(vrQemuMonitor *mon, json_object *props);
int vrQemuMonitorBlockdevDel(vrQemuMonitor *mon, const char *nodeName);


/* ---- devices, backends, objects ---- */

/* device_add with {"driver": ..., "id": ..., ...} (stolen); device_del
 * only starts the unplug: DEVICE_DELETED tells when it is done. */
int vrQemuMonitorDeviceAdd(vrQemuMonitor *mon, json_object *props);
int vrQemuMonitorDeviceDel(vrQemuMonitor *mon, const char *id);
/* netdev_add with {"type": ..., "id": ..., ...} (stolen). */
int vrQemuMonitorNetdevAdd(vrQemuMonitor *mon, json_object *props);
int vrQemuMonitorNetdevDel(vrQemuMonitor *mon, const char *id);
/* chardev-add with a ChardevBackend ({"type": ..., "data": {...}},
 * stolen); *ptyPath (if asked) gets the pty QEMU opened, or NULL. */
int vrQemuMonitorChardevAdd(vrQemuMonitor *mon, const char *id, json_object *backend,
                            char **ptyPath);
int vrQemuMonitorChardevRemove(vrQemuMonitor *mon, const char *id);
/* object-add with {"qom-type": ..., "id": ..., ...} (stolen). */
int vrQemuMonitorObjectAdd(vrQemuMonitor *mon, json_object *props);
int vrQemuMonitorObjectDel(vrQemuMonitor *mon, const char *id);
/* qom-get: *value is whatever QEMU returns (caller owns). */
int vrQemuMonitorQomGet(vrQemuMonitor *mon, const char *path, const char *property,
                        json_object **value);
/* qom-set: @value stolen. */
int vrQemuMonitorQomSet(vrQemuMonitor *mon, const char *path, const char *property,
                        json_object *value);

typedef struct {
    char *filename;           /* QEMU's description, e.g. "pty:/dev/pts/3" */
    char *ptyPath;            /* "/dev/pts/3" for pty chardevs, else NULL */
    bool frontendOpen;
} vrQemuMonitorChardevInfo;

/* query-chardev: chardev id (label) -> vrQemuMonitorChardevInfo. */
int vrQemuMonitorQueryChardev(vrQemuMonitor *mon, GHashTable **chardevs);


/* ---- descriptors ---- */

/* getfd: hands @fd (not consumed) to QEMU under @fdname; closefd. */
int vrQemuMonitorGetFd(vrQemuMonitor *mon, const char *fdname, int fd);
int vrQemuMonitorCloseFd(vrQemuMonitor *mon, const char *fdname);
/* add-fd: puts @fd into fd set @fdsetId (-1: QEMU picks one); reports the
 * set and QEMU's descriptor number (either pointer may be NULL). */
int vrQemuMonitorAddFd(vrQemuMonitor *mon, int fdsetId, const char *opaque, int fd,
                       int *fdsetIdOut, int *fdOut);
/* remove-fd: @fd -1 removes the whole set. */
int vrQemuMonitorRemoveFd(vrQemuMonitor *mon, int fdsetId, int fd);


/* ---- console, keyboard, screen ---- */

/* human-monitor-command: the HMP output text. */
int vrQemuMonitorHumanCommand(vrQemuMonitor *mon, const char *cmdline, char **output);
/* screendump to @filename; @device NULL for the primary console, @head
 * < 0 to leave it out, @format NULL (ppm) or "png". */
int vrQemuMonitorScreendump(vrQemuMonitor *mon, const char *filename, const char *device,
                            int head, const char *format);
/* send-key with QEMU key numbers ("qnum", XT scancodes), held for
 * @holdtimeMs (0: QEMU's default). */
int vrQemuMonitorSendKey(vrQemuMonitor *mon, const unsigned int *keycodes, size_t nkeycodes,
                         unsigned int holdtimeMs);


/* ---- host and QEMU capabilities ---- */

/* query-version; @package may be NULL. */
int vrQemuMonitorQueryVersion(vrQemuMonitor *mon, int *major, int *minor, int *micro,
                              char **package);
int vrQemuMonitorQueryKVM(vrQemuMonitor *mon, bool *enabled, bool *present);

typedef struct {
    char *name;
    char *alias;              /* e.g. "pc" for the default i440fx, or NULL */
    bool isDefault;
    int maxCpus;
    bool hotplugCpus;
    bool numaMemSupported;
    bool deprecated;
    char *defaultCpuType;     /* may be NULL */
    char *defaultRamId;       /* may be NULL */
} vrQemuMonitorMachineInfo;

int vrQemuMonitorQueryMachines(vrQemuMonitor *mon, GPtrArray **machines);

typedef enum {
    VR_QEMU_MONITOR_CPU_USABLE_UNKNOWN = 0,  /* QEMU did not say */
    VR_QEMU_MONITOR_CPU_USABLE_YES,
    VR_QEMU_MONITOR_CPU_USABLE_NO,
} vrQemuMonitorCPUUsable;

typedef struct {
    char *name;
    char *typeName;           /* QOM type, may be NULL */
    char *aliasOf;            /* may be NULL */
    vrQemuMonitorCPUUsable usable;
    char **blockers;          /* features missing on this host (NULL-terminated) */
    bool migrationSafe;
    bool isStatic;
    bool deprecated;
} vrQemuMonitorCPUDefinition;

int vrQemuMonitorQueryCPUDefinitions(vrQemuMonitor *mon, GPtrArray **defs);

/* qom-list-types: NULL-terminated type names; @implements may be NULL. */
int vrQemuMonitorQomListTypes(vrQemuMonitor *mon, const char *implements, bool abstract,
                              char ***types);
/* query-commands: NULL-terminated command names. */
int vrQemuMonitorQueryCommands(vrQemuMonitor *mon, char ***commands);


/* ---- migration ---- */

int vrQemuMonitorMigrate(vrQemuMonitor *mon, const char *uri);
int vrQemuMonitorMigrateCancel(vrQemuMonitor *mon);
/* migrate-set-capabilities for @n (name, state) pairs. */
int vrQemuMonitorMigrateSetCapabilities(vrQemuMonitor *mon, const char *const *caps,
                                        const bool *states, size_t n);
/* migrate-set-parameters with {"max-bandwidth": ..., ...} (stolen). */
int vrQemuMonitorMigrateSetParameters(vrQemuMonitor *mon, json_object *params);

typedef struct {
    char *status;             /* "none", "setup", "active", "completed", "failed", ... */
    char *errorDesc;          /* with "failed", may be NULL */
    long long totalTimeMs;    /* -1 when absent, also for those below */
    long long expectedDowntimeMs;
    long long downtimeMs;
    long long setupTimeMs;
    unsigned long long ramTransferred;
    unsigned long long ramRemaining;
    unsigned long long ramTotal;
    unsigned long long ramDuplicate;
    unsigned long long ramNormal;
    unsigned long long ramNormalBytes;
    unsigned long long ramDirtyRate;  /* pages per second */
    unsigned long long ramDirtySyncCount;
    unsigned long long ramPageSize;
    double ramMbps;
    unsigned long long diskTransferred;
    unsigned long long diskRemaining;
    unsigned long long diskTotal;
} vrQemuMonitorMigrationStats;

/* query-migrate; free the strings with vrQemuMonitorMigrationStatsClear. */
int vrQemuMonitorQueryMigrate(vrQemuMonitor *mon, vrQemuMonitorMigrationStats *stats);
void vrQemuMonitorMigrationStatsClear(vrQemuMonitorMigrationStats *stats);


/* ---- reply parsers ----
 * Turn a command's "return" value into the types above; the wrappers use
 * them and tests and the fuzzer drive them directly.  They never trust the
 * shape of @ret. */
int vrQemuMonitorParseStatus(json_object *ret, bool *running, char **status);
int vrQemuMonitorParseCPUs(json_object *ret, GPtrArray **cpus);
int vrQemuMonitorParseBalloon(json_object *ret, unsigned long long *actualKiB);
int vrQemuMonitorParseBlockStats(json_object *ret, GPtrArray **stats);
int vrQemuMonitorParseBlockInfo(json_object *ret, GPtrArray **blocks);
int vrQemuMonitorParseBlockNodes(json_object *ret, GPtrArray **nodes);
int vrQemuMonitorParseVersion(json_object *ret, int *major, int *minor, int *micro,
                              char **package);
int vrQemuMonitorParseKVM(json_object *ret, bool *enabled, bool *present);
int vrQemuMonitorParseMachines(json_object *ret, GPtrArray **machines);
int vrQemuMonitorParseCPUDefinitions(json_object *ret, GPtrArray **defs);
int vrQemuMonitorParseMigrationStats(json_object *ret, vrQemuMonitorMigrationStats *stats);
int vrQemuMonitorParseChardevs(json_object *ret, GHashTable **chardevs);
int vrQemuMonitorParseAddFd(json_object *ret, int *fdsetId, int *fd);
int vrQemuMonitorParseName(json_object *ret, char **name);


/* ---- CPU hotplug, guest memory dumps, removable media ---- */

typedef struct {
    char *type;               /* QOM type to device_add, e.g. "qemu64-x86_64-cpu" */
    int vcpusCount;
    int socketId;             /* topology from "props", -1 when absent */
    int dieId;
    int coreId;
    int threadId;
    char *qomPath;            /* set when the CPU is plugged */
} vrQemuMonitorHotpluggableCPU;

/* query-hotpluggable-cpus, in QEMU's order (highest slot first). */
int vrQemuMonitorQueryHotpluggableCPUs(vrQemuMonitor *mon, GPtrArray **cpus);
int vrQemuMonitorParseHotpluggableCPUs(json_object *ret, GPtrArray **cpus);

/* dump-guest-memory (detached, no paging) to @protocol ("fd:NAME");
 * @format NULL dumps ELF. */
int vrQemuMonitorDumpGuestMemory(vrQemuMonitor *mon, const char *protocol, const char *format);
/* query-dump: *status is "none", "active", "completed" or "failed". */
int vrQemuMonitorQueryDump(vrQemuMonitor *mon, char **status, unsigned long long *total,
                           unsigned long long *completed);
int vrQemuMonitorParseDump(json_object *ret, char **status, unsigned long long *total,
                           unsigned long long *completed);
/* query-dump-guest-memory-capability: NULL-terminated format names. */
int vrQemuMonitorQueryDumpFormats(vrQemuMonitor *mon, char ***formats);

/* Removable media of the guest device @id: blockdev-open-tray (@force
 * ejects even a tray the guest locked), blockdev-close-tray,
 * blockdev-remove-medium, blockdev-insert-medium of node @nodeName. */
int vrQemuMonitorBlockdevTrayOpen(vrQemuMonitor *mon, const char *id, bool force);
int vrQemuMonitorBlockdevTrayClose(vrQemuMonitor *mon, const char *id);
int vrQemuMonitorBlockdevMediumRemove(vrQemuMonitor *mon, const char *id);
int vrQemuMonitorBlockdevMediumInsert(vrQemuMonitor *mon, const char *id, const char *nodeName);

#endif
