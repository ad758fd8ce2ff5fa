/*
 * vireo-domain.h: guests.
 */
#ifndef VIREO_DOMAIN_H
#define VIREO_DOMAIN_H

typedef enum {
    VR_DOMAIN_NOSTATE = 0,
    VR_DOMAIN_RUNNING = 1,
    VR_DOMAIN_BLOCKED = 2,
    VR_DOMAIN_PAUSED = 3,
    VR_DOMAIN_SHUTDOWN = 4,
    VR_DOMAIN_SHUTOFF = 5,
    VR_DOMAIN_CRASHED = 6,
    VR_DOMAIN_PMSUSPENDED = 7,
    VR_DOMAIN_LAST_STATE
} vrDomainState;

typedef enum {
    VR_DOMAIN_RUNNING_UNKNOWN = 0,
    VR_DOMAIN_RUNNING_BOOTED = 1,
    VR_DOMAIN_RUNNING_MIGRATED = 2,
    VR_DOMAIN_RUNNING_RESTORED = 3,
    VR_DOMAIN_RUNNING_FROM_SNAPSHOT = 4,
    VR_DOMAIN_RUNNING_UNPAUSED = 5,
    VR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,
    VR_DOMAIN_RUNNING_SAVE_CANCELED = 7,
    VR_DOMAIN_RUNNING_WAKEUP = 8,
    VR_DOMAIN_RUNNING_CRASHED = 9,
    VR_DOMAIN_RUNNING_POSTCOPY = 10,
    VR_DOMAIN_RUNNING_POSTCOPY_FAILED = 11,
    VR_DOMAIN_RUNNING_LAST
} vrDomainRunningReason;

typedef enum {
    VR_DOMAIN_PAUSED_UNKNOWN = 0,
    VR_DOMAIN_PAUSED_USER = 1,
    VR_DOMAIN_PAUSED_MIGRATION = 2,
    VR_DOMAIN_PAUSED_SAVE = 3,
    VR_DOMAIN_PAUSED_DUMP = 4,
    VR_DOMAIN_PAUSED_IOERROR = 5,
    VR_DOMAIN_PAUSED_WATCHDOG = 6,
    VR_DOMAIN_PAUSED_FROM_SNAPSHOT = 7,
    VR_DOMAIN_PAUSED_SHUTTING_DOWN = 8,
    VR_DOMAIN_PAUSED_SNAPSHOT = 9,
    VR_DOMAIN_PAUSED_CRASHED = 10,
    VR_DOMAIN_PAUSED_STARTING_UP = 11,
    VR_DOMAIN_PAUSED_POSTCOPY = 12,
    VR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13,
    VR_DOMAIN_PAUSED_LAST
} vrDomainPausedReason;

typedef enum {
    VR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VR_DOMAIN_SHUTDOWN_USER = 1,
    VR_DOMAIN_SHUTDOWN_LAST
} vrDomainShutdownReason;

typedef enum {
    VR_DOMAIN_SHUTOFF_UNKNOWN = 0,
    VR_DOMAIN_SHUTOFF_SHUTDOWN = 1,
    VR_DOMAIN_SHUTOFF_DESTROYED = 2,
    VR_DOMAIN_SHUTOFF_CRASHED = 3,
    VR_DOMAIN_SHUTOFF_MIGRATED = 4,
    VR_DOMAIN_SHUTOFF_SAVED = 5,
    VR_DOMAIN_SHUTOFF_FAILED = 6,
    VR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7,
    VR_DOMAIN_SHUTOFF_DAEMON = 8,
    VR_DOMAIN_SHUTOFF_LAST
} vrDomainShutoffReason;

typedef enum {
    VR_DOMAIN_CRASHED_UNKNOWN = 0,
    VR_DOMAIN_CRASHED_PANICKED = 1,
    VR_DOMAIN_CRASHED_LAST
} vrDomainCrashedReason;

typedef struct {
    unsigned char state;        /* vrDomainState */
    unsigned long maxMem;       /* KiB */
    unsigned long memory;       /* KiB */
    unsigned short nrVirtCpu;
    unsigned long long cpuTime; /* ns */
} vrDomainInfo;

/* Shared by most "modify" calls. */
typedef enum {
    VR_DOMAIN_AFFECT_CURRENT = 0,
    VR_DOMAIN_AFFECT_LIVE = 1 << 0,
    VR_DOMAIN_AFFECT_CONFIG = 1 << 1,
} vrDomainModificationImpact;

typedef enum {
    VR_DOMAIN_NONE = 0,
    VR_DOMAIN_START_PAUSED = 1 << 0,
    VR_DOMAIN_START_AUTODESTROY = 1 << 1,
    VR_DOMAIN_START_BYPASS_CACHE = 1 << 2,
    VR_DOMAIN_START_FORCE_BOOT = 1 << 3,
    VR_DOMAIN_START_VALIDATE = 1 << 4,
    VR_DOMAIN_START_RESET_NVRAM = 1 << 5,
} vrDomainCreateFlags;

typedef enum {
    VR_DOMAIN_DEFINE_VALIDATE = 1 << 0,
} vrDomainDefineFlags;

typedef enum {
    VR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1 << 0,
    VR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 1 << 1,
    VR_DOMAIN_UNDEFINE_NVRAM = 1 << 2,
    VR_DOMAIN_UNDEFINE_KEEP_NVRAM = 1 << 3,
    VR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 1 << 4,
    VR_DOMAIN_UNDEFINE_TPM = 1 << 5,
    VR_DOMAIN_UNDEFINE_KEEP_TPM = 1 << 6,
} vrDomainUndefineFlagsValues;

typedef enum {
    VR_DOMAIN_DESTROY_DEFAULT = 0,
    VR_DOMAIN_DESTROY_GRACEFUL = 1 << 0,
    VR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1,
} vrDomainDestroyFlagsValues;

typedef enum {
    VR_DOMAIN_SHUTDOWN_DEFAULT = 0,
    VR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = 1 << 0,
    VR_DOMAIN_SHUTDOWN_GUEST_AGENT = 1 << 1,
    VR_DOMAIN_SHUTDOWN_INITCTL = 1 << 2,
    VR_DOMAIN_SHUTDOWN_SIGNAL = 1 << 3,
    VR_DOMAIN_SHUTDOWN_PARAVIRT = 1 << 4,
} vrDomainShutdownFlagValues;

typedef enum {
    VR_DOMAIN_REBOOT_DEFAULT = 0,
    VR_DOMAIN_REBOOT_ACPI_POWER_BTN = 1 << 0,
    VR_DOMAIN_REBOOT_GUEST_AGENT = 1 << 1,
    VR_DOMAIN_REBOOT_INITCTL = 1 << 2,
    VR_DOMAIN_REBOOT_SIGNAL = 1 << 3,
    VR_DOMAIN_REBOOT_PARAVIRT = 1 << 4,
} vrDomainRebootFlags;

typedef enum {
    VR_DOMAIN_SAVE_BYPASS_CACHE = 1 << 0,
    VR_DOMAIN_SAVE_RUNNING = 1 << 1,
    VR_DOMAIN_SAVE_PAUSED = 1 << 2,
    VR_DOMAIN_SAVE_RESET_NVRAM = 1 << 3,
} vrDomainSaveRestoreFlags;

typedef enum {
    VR_DOMAIN_MEM_CURRENT = VR_DOMAIN_AFFECT_CURRENT,
    VR_DOMAIN_MEM_LIVE = VR_DOMAIN_AFFECT_LIVE,
    VR_DOMAIN_MEM_CONFIG = VR_DOMAIN_AFFECT_CONFIG,
    VR_DOMAIN_MEM_MAXIMUM = 1 << 2,
} vrDomainMemoryModFlags;

typedef enum {
    VR_DOMAIN_VCPU_CURRENT = VR_DOMAIN_AFFECT_CURRENT,
    VR_DOMAIN_VCPU_LIVE = VR_DOMAIN_AFFECT_LIVE,
    VR_DOMAIN_VCPU_CONFIG = VR_DOMAIN_AFFECT_CONFIG,
    VR_DOMAIN_VCPU_MAXIMUM = 1 << 2,
    VR_DOMAIN_VCPU_GUEST = 1 << 3,
    VR_DOMAIN_VCPU_HOTPLUGGABLE = 1 << 4,
} vrDomainVcpuFlags;

typedef enum {
    VR_DOMAIN_DEVICE_MODIFY_CURRENT = VR_DOMAIN_AFFECT_CURRENT,
    VR_DOMAIN_DEVICE_MODIFY_LIVE = VR_DOMAIN_AFFECT_LIVE,
    VR_DOMAIN_DEVICE_MODIFY_CONFIG = VR_DOMAIN_AFFECT_CONFIG,
    VR_DOMAIN_DEVICE_MODIFY_FORCE = 1 << 2,
} vrDomainDeviceModifyFlags;

typedef enum {
    VR_DOMAIN_XML_SECURE = 1 << 0,
    VR_DOMAIN_XML_INACTIVE = 1 << 1,
    VR_DOMAIN_XML_UPDATE_CPU = 1 << 2,
    VR_DOMAIN_XML_MIGRATABLE = 1 << 3,
} vrDomainXMLFlags;

typedef enum {
    VR_DOMAIN_METADATA_DESCRIPTION = 0,
    VR_DOMAIN_METADATA_TITLE = 1,
    VR_DOMAIN_METADATA_ELEMENT = 2,
} vrDomainMetadataType;

typedef enum {
    VR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
    VR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1,
    VR_CONNECT_LIST_DOMAINS_PERSISTENT = 1 << 2,
    VR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3,
    VR_CONNECT_LIST_DOMAINS_RUNNING = 1 << 4,
    VR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 5,
    VR_CONNECT_LIST_DOMAINS_SHUTOFF = 1 << 6,
    VR_CONNECT_LIST_DOMAINS_OTHER = 1 << 7,
    VR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8,
    VR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VR_CONNECT_LIST_DOMAINS_AUTOSTART = 1 << 10,
    VR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 1 << 11,
    VR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 12,
    VR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 1 << 13,
    VR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT = 1 << 15,
} vrConnectListAllDomainsFlags;

/* ---- block devices, control channel, guest agent ------------------- */

typedef struct {
    unsigned long long capacity;   /* guest-visible size, bytes */
    unsigned long long allocation; /* bytes in use on the host */
    unsigned long long physical;   /* size of the host container, bytes */
} vrDomainBlockInfo;

typedef enum {
    VR_DOMAIN_CONTROL_OK = 0,
    VR_DOMAIN_CONTROL_JOB = 1,
    VR_DOMAIN_CONTROL_OCCUPIED = 2,
    VR_DOMAIN_CONTROL_ERROR = 3,
    VR_DOMAIN_CONTROL_LAST
} vrDomainControlState;

/* Why the control channel is in VR_DOMAIN_CONTROL_ERROR (its "details"). */
typedef enum {
    VR_DOMAIN_CONTROL_ERROR_REASON_NONE = 0,
    VR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN = 1,
    VR_DOMAIN_CONTROL_ERROR_REASON_MONITOR = 2,
    VR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL = 3,
    VR_DOMAIN_CONTROL_ERROR_REASON_LAST
} vrDomainControlErrorReason;

typedef struct {
    unsigned int state;            /* vrDomainControlState */
    unsigned int details;          /* vrDomainControlErrorReason when ERROR */
    unsigned long long stateTime;  /* ms spent in the current state */
} vrDomainControlInfo;

typedef enum {
    VR_DOMAIN_GET_HOSTNAME_LEASE = 1 << 0,
    VR_DOMAIN_GET_HOSTNAME_AGENT = 1 << 1,
} vrDomainGetHostnameFlags;

typedef enum {
    VR_DOMAIN_DISK_ERROR_NONE = 0,
    VR_DOMAIN_DISK_ERROR_UNSPEC = 1,
    VR_DOMAIN_DISK_ERROR_NO_SPACE = 2,
    VR_DOMAIN_DISK_ERROR_LAST
} vrDomainDiskErrorCode;

typedef struct {
    char *disk;                    /* target, freed by the caller */
    int error;                     /* vrDomainDiskErrorCode */
} vrDomainDiskError;

typedef enum {
    VR_IP_ADDR_TYPE_IPV4 = 0,
    VR_IP_ADDR_TYPE_IPV6 = 1,
    VR_IP_ADDR_TYPE_LAST
} vrIPAddrType;

typedef enum {
    VR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE = 0,
    VR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT = 1,
    VR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP = 2,
    VR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST
} vrDomainInterfaceAddressesSource;

typedef struct {
    int type;                      /* vrIPAddrType */
    char *addr;
    unsigned int prefix;
} vrDomainIPAddress;

typedef struct {
    char *name;
    char *hwaddr;                  /* may be NULL */
    unsigned int naddrs;
    vrDomainIPAddress *addrs;
} vrDomainInterface;

void vrDomainInterfaceFree(vrDomainInterface *iface);

typedef struct {
    char *mountpoint;
    char *name;                    /* device name in the guest */
    char *fstype;
    size_t ndevAlias;
    char **devAlias;               /* disk targets backing the file system */
} vrDomainFSInfo;

void vrDomainFSInfoFree(vrDomainFSInfo *info);

/* ---- tuning -------------------------------------------------------- */

/* vrDomainGetNumaParameters / vrDomainSetNumaParameters fields */
#define VR_DOMAIN_NUMA_NODESET "numa_nodeset"
#define VR_DOMAIN_NUMA_MODE "numa_mode"

typedef enum {
    VR_DOMAIN_NUMATUNE_MEM_STRICT = 0,
    VR_DOMAIN_NUMATUNE_MEM_PREFERRED = 1,
    VR_DOMAIN_NUMATUNE_MEM_INTERLEAVE = 2,
    VR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE = 3,
    VR_DOMAIN_NUMATUNE_MEM_LAST
} vrDomainNumatuneMemMode;

/* vrDomainGetBlkioParameters / vrDomainSetBlkioParameters fields; the
 * device ones are "path,value[,path,value...]" strings. */
#define VR_DOMAIN_BLKIO_WEIGHT "weight"
#define VR_DOMAIN_BLKIO_DEVICE_WEIGHT "device_weight"
#define VR_DOMAIN_BLKIO_DEVICE_READ_IOPS "device_read_iops_sec"
#define VR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS "device_write_iops_sec"
#define VR_DOMAIN_BLKIO_DEVICE_READ_BPS "device_read_bytes_sec"
#define VR_DOMAIN_BLKIO_DEVICE_WRITE_BPS "device_write_bytes_sec"

/* ---- statistics of many guests at once ----------------------------- */

typedef enum {
    VR_DOMAIN_STATS_STATE = 1 << 0,
    VR_DOMAIN_STATS_CPU_TOTAL = 1 << 1,
    VR_DOMAIN_STATS_BALLOON = 1 << 2,
    VR_DOMAIN_STATS_VCPU = 1 << 3,
    VR_DOMAIN_STATS_INTERFACE = 1 << 4,
    VR_DOMAIN_STATS_BLOCK = 1 << 5,
    VR_DOMAIN_STATS_PERF = 1 << 6,
    VR_DOMAIN_STATS_IOTHREAD = 1 << 7,
    VR_DOMAIN_STATS_MEMORY = 1 << 8,
    VR_DOMAIN_STATS_DIRTYRATE = 1 << 9,
    VR_DOMAIN_STATS_VM = 1 << 10,
} vrDomainStatsTypes;

typedef enum {
    VR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE = VR_CONNECT_LIST_DOMAINS_ACTIVE,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE = VR_CONNECT_LIST_DOMAINS_INACTIVE,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT = VR_CONNECT_LIST_DOMAINS_PERSISTENT,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT = VR_CONNECT_LIST_DOMAINS_TRANSIENT,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING = VR_CONNECT_LIST_DOMAINS_RUNNING,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED = VR_CONNECT_LIST_DOMAINS_PAUSED,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF = VR_CONNECT_LIST_DOMAINS_SHUTOFF,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER = VR_CONNECT_LIST_DOMAINS_OTHER,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT = 1 << 29,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING = 1 << 30,
    VR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1U << 31,
} vrConnectGetAllDomainStatsFlags;

typedef struct {
    vrDomain *dom;
    vrTypedParameter *params;
    int nparams;
} vrDomainStatsRecord;

/* Frees a NULL-terminated record list and each record in it. */
void vrDomainStatsRecordListFree(vrDomainStatsRecord **stats);

/* Listing and lookup */
int vrConnectListAllDomains(vrConnect *conn, vrDomain ***domains, unsigned int flags);
int vrConnectNumOfDomains(vrConnect *conn);
int vrConnectListDomains(vrConnect *conn, int *ids, int maxids);
int vrConnectNumOfDefinedDomains(vrConnect *conn);
int vrConnectListDefinedDomains(vrConnect *conn, char **names, int maxnames);
vrDomain *vrDomainLookupByID(vrConnect *conn, int id);
vrDomain *vrDomainLookupByName(vrConnect *conn, const char *name);
vrDomain *vrDomainLookupByUUID(vrConnect *conn, const unsigned char *uuid);
vrDomain *vrDomainLookupByUUIDString(vrConnect *conn, const char *uuid);

int vrDomainRef(vrDomain *dom);
int vrDomainFree(vrDomain *dom);
vrConnect *vrDomainGetConnect(vrDomain *dom);
const char *vrDomainGetName(vrDomain *dom);
unsigned int vrDomainGetID(vrDomain *dom);
int vrDomainGetUUID(vrDomain *dom, unsigned char *uuid);
int vrDomainGetUUIDString(vrDomain *dom, char *buf);

/* Lifecycle */
vrDomain *vrDomainDefineXML(vrConnect *conn, const char *xml);
vrDomain *vrDomainDefineXMLFlags(vrConnect *conn, const char *xml, unsigned int flags);
vrDomain *vrDomainCreateXML(vrConnect *conn, const char *xml, unsigned int flags);
int vrDomainCreate(vrDomain *dom);
int vrDomainCreateWithFlags(vrDomain *dom, unsigned int flags);
int vrDomainDestroy(vrDomain *dom);
int vrDomainDestroyFlags(vrDomain *dom, unsigned int flags);
int vrDomainShutdown(vrDomain *dom);
int vrDomainShutdownFlags(vrDomain *dom, unsigned int flags);
int vrDomainReboot(vrDomain *dom, unsigned int flags);
int vrDomainReset(vrDomain *dom, unsigned int flags);
int vrDomainSuspend(vrDomain *dom);
int vrDomainResume(vrDomain *dom);
int vrDomainUndefine(vrDomain *dom);
int vrDomainUndefineFlags(vrDomain *dom, unsigned int flags);
int vrDomainSave(vrDomain *dom, const char *to);
int vrDomainSaveFlags(vrDomain *dom, const char *to, const char *dxml, unsigned int flags);
int vrDomainRestore(vrConnect *conn, const char *from);
int vrDomainRestoreFlags(vrConnect *conn, const char *from, const char *dxml, unsigned int flags);
int vrDomainManagedSave(vrDomain *dom, unsigned int flags);
int vrDomainHasManagedSaveImage(vrDomain *dom, unsigned int flags);
int vrDomainManagedSaveRemove(vrDomain *dom, unsigned int flags);

/* Information */
int vrDomainGetInfo(vrDomain *dom, vrDomainInfo *info);
int vrDomainGetState(vrDomain *dom, int *state, int *reason, unsigned int flags);
char *vrDomainGetXMLDesc(vrDomain *dom, unsigned int flags);
char *vrDomainGetOSType(vrDomain *dom);
unsigned long vrDomainGetMaxMemory(vrDomain *dom);
int vrDomainGetMaxVcpus(vrDomain *dom);
int vrDomainGetVcpusFlags(vrDomain *dom, unsigned int flags);
int vrDomainIsActive(vrDomain *dom);
int vrDomainIsPersistent(vrDomain *dom);
int vrDomainIsUpdated(vrDomain *dom);
int vrDomainGetAutostart(vrDomain *dom, int *autostart);
int vrDomainSetAutostart(vrDomain *dom, int autostart);
int vrDomainGetSecurityLabel(vrDomain *dom, vrSecurityLabel *seclabel);
char *vrDomainGetSchedulerType(vrDomain *dom, int *nparams);
int vrDomainGetSchedulerParameters(vrDomain *dom, vrTypedParameter *params, int *nparams);
int vrDomainGetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params,
                                        int *nparams, unsigned int flags);
int vrDomainSetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params,
                                        int nparams, unsigned int flags);
int vrDomainGetMemoryParameters(vrDomain *dom, vrTypedParameter *params,
                                int *nparams, unsigned int flags);
int vrDomainSetMemoryParameters(vrDomain *dom, vrTypedParameter *params,
                                int nparams, unsigned int flags);
char *vrDomainGetMetadata(vrDomain *dom, int type, const char *uri, unsigned int flags);
int vrDomainSetMetadata(vrDomain *dom, int type, const char *metadata,
                        const char *key, const char *uri, unsigned int flags);
int vrDomainGetMessages(vrDomain *dom, char ***msgs, unsigned int flags);

/* Devices, agent and control channel */
int vrDomainGetBlockInfo(vrDomain *dom, const char *disk, vrDomainBlockInfo *info,
                         unsigned int flags);
int vrDomainGetControlInfo(vrDomain *dom, vrDomainControlInfo *info, unsigned int flags);
char *vrDomainGetHostname(vrDomain *dom, unsigned int flags);
/* With errors NULL and maxerrors 0, returns how many entries there are. */
int vrDomainGetDiskErrors(vrDomain *dom, vrDomainDiskError *errors, unsigned int maxerrors,
                          unsigned int flags);
int vrDomainInterfaceAddresses(vrDomain *dom, vrDomainInterface ***ifaces,
                               unsigned int source, unsigned int flags);
int vrDomainGetFSInfo(vrDomain *dom, vrDomainFSInfo ***info, unsigned int flags);

/* CPU placement and resource tuning */
int vrDomainGetVcpuPinInfo(vrDomain *dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                           unsigned int flags);
int vrDomainPinVcpu(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen);
int vrDomainPinVcpuFlags(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                         unsigned int flags);
int vrDomainGetEmulatorPinInfo(vrDomain *dom, unsigned char *cpumap, int maplen,
                               unsigned int flags);
int vrDomainPinEmulator(vrDomain *dom, unsigned char *cpumap, int maplen, unsigned int flags);
int vrDomainGetNumaParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                              unsigned int flags);
int vrDomainSetNumaParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                              unsigned int flags);
int vrDomainGetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                               unsigned int flags);
int vrDomainSetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                               unsigned int flags);

/* Statistics; @stats is a mask of vrDomainStatsTypes (0: all the driver has). */
int vrConnectGetAllDomainStats(vrConnect *conn, unsigned int stats,
                               vrDomainStatsRecord ***retStats, unsigned int flags);
/* @doms is NULL-terminated and must name at least one guest. */
int vrDomainListGetStats(vrDomain **doms, unsigned int stats,
                         vrDomainStatsRecord ***retStats, unsigned int flags);

/* Changes */
int vrDomainSetMaxMemory(vrDomain *dom, unsigned long memory);
int vrDomainSetMemory(vrDomain *dom, unsigned long memory);
int vrDomainSetMemoryFlags(vrDomain *dom, unsigned long memory, unsigned int flags);
int vrDomainSetVcpus(vrDomain *dom, unsigned int nvcpus);
int vrDomainSetVcpusFlags(vrDomain *dom, unsigned int nvcpus, unsigned int flags);
int vrDomainAttachDevice(vrDomain *dom, const char *xml);
int vrDomainAttachDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags);
int vrDomainDetachDevice(vrDomain *dom, const char *xml);
int vrDomainDetachDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags);
int vrDomainUpdateDeviceFlags(vrDomain *dom, const char *xml, unsigned int flags);

/* Streams tied to a guest */
char *vrDomainScreenshot(vrDomain *dom, vrStream *stream, unsigned int screen,
                         unsigned int flags);
int vrDomainOpenConsole(vrDomain *dom, const char *devname, vrStream *st,
                        unsigned int flags);

/* ---- statistics and run-time information ---------------------------- */

typedef enum {
    VR_DOMAIN_MEMORY_STAT_SWAP_IN = 0,
    VR_DOMAIN_MEMORY_STAT_SWAP_OUT = 1,
    VR_DOMAIN_MEMORY_STAT_MAJOR_FAULT = 2,
    VR_DOMAIN_MEMORY_STAT_MINOR_FAULT = 3,
    VR_DOMAIN_MEMORY_STAT_UNUSED = 4,
    VR_DOMAIN_MEMORY_STAT_AVAILABLE = 5,
    VR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON = 6,
    VR_DOMAIN_MEMORY_STAT_RSS = 7,
    VR_DOMAIN_MEMORY_STAT_USABLE = 8,
    VR_DOMAIN_MEMORY_STAT_LAST_UPDATE = 9,
    VR_DOMAIN_MEMORY_STAT_DISK_CACHES = 10,
    VR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11,
    VR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL = 12,
    VR_DOMAIN_MEMORY_STAT_NR = 13,
    VR_DOMAIN_MEMORY_STAT_LAST = VR_DOMAIN_MEMORY_STAT_NR
} vrDomainMemoryStatTags;

typedef struct {
    int tag;                       /* vrDomainMemoryStatTags */
    unsigned long long val;
} vrDomainMemoryStatStruct;

/* Block and interface counters; -1 where the driver does not know one. */
typedef struct {
    long long rd_req;
    long long rd_bytes;
    long long wr_req;
    long long wr_bytes;
    long long errs;
} vrDomainBlockStatsStruct;

/* vrDomainBlockStatsFlags fields */
#define VR_DOMAIN_BLOCK_STATS_FIELD_LENGTH VR_TYPED_PARAM_FIELD_LENGTH
#define VR_DOMAIN_BLOCK_STATS_READ_BYTES "rd_bytes"
#define VR_DOMAIN_BLOCK_STATS_READ_REQ "rd_operations"
#define VR_DOMAIN_BLOCK_STATS_READ_TOTAL_TIMES "rd_total_times"
#define VR_DOMAIN_BLOCK_STATS_WRITE_BYTES "wr_bytes"
#define VR_DOMAIN_BLOCK_STATS_WRITE_REQ "wr_operations"
#define VR_DOMAIN_BLOCK_STATS_WRITE_TOTAL_TIMES "wr_total_times"
#define VR_DOMAIN_BLOCK_STATS_FLUSH_REQ "flush_operations"
#define VR_DOMAIN_BLOCK_STATS_FLUSH_TOTAL_TIMES "flush_total_times"
#define VR_DOMAIN_BLOCK_STATS_ERRS "errs"

typedef struct {
    long long rx_bytes;
    long long rx_packets;
    long long rx_errs;
    long long rx_drop;
    long long tx_bytes;
    long long tx_packets;
    long long tx_errs;
    long long tx_drop;
} vrDomainInterfaceStatsStruct;

typedef enum {
    VR_VCPU_OFFLINE = 0,
    VR_VCPU_RUNNING = 1,
    VR_VCPU_BLOCKED = 2,
    VR_VCPU_LAST
} vrVcpuState;

typedef struct {
    unsigned int number;
    int state;                     /* vrVcpuState */
    unsigned long long cpuTime;    /* ns */
    int cpu;                       /* host CPU it last ran on */
} vrVcpuInfo;

/* ---- keyboard, NMI -------------------------------------------------- */

typedef enum {
    VR_KEYCODE_SET_LINUX = 0,
    VR_KEYCODE_SET_XT = 1,
    VR_KEYCODE_SET_ATSET1 = 2,
    VR_KEYCODE_SET_ATSET2 = 3,
    VR_KEYCODE_SET_ATSET3 = 4,
    VR_KEYCODE_SET_OSX = 5,
    VR_KEYCODE_SET_XT_KBD = 6,
    VR_KEYCODE_SET_USB = 7,
    VR_KEYCODE_SET_WIN32 = 8,
    VR_KEYCODE_SET_QNUM = 9,
    VR_KEYCODE_SET_LAST
} vrKeycodeSet;

#define VR_KEYCODE_SET_RFB VR_KEYCODE_SET_QNUM
#define VR_DOMAIN_SEND_KEY_MAX_KEYS 16

/* ---- jobs ------------------------------------------------------------ */

typedef enum {
    VR_DOMAIN_JOB_NONE = 0,
    VR_DOMAIN_JOB_BOUNDED = 1,
    VR_DOMAIN_JOB_UNBOUNDED = 2,
    VR_DOMAIN_JOB_COMPLETED = 3,
    VR_DOMAIN_JOB_FAILED = 4,
    VR_DOMAIN_JOB_CANCELLED = 5,
    VR_DOMAIN_JOB_LAST
} vrDomainJobType;

typedef struct {
    int type;                      /* vrDomainJobType */
    unsigned long long timeElapsed;   /* ms */
    unsigned long long timeRemaining; /* ms */
    unsigned long long dataTotal;
    unsigned long long dataProcessed;
    unsigned long long dataRemaining;
    unsigned long long memTotal;
    unsigned long long memProcessed;
    unsigned long long memRemaining;
    unsigned long long fileTotal;
    unsigned long long fileProcessed;
    unsigned long long fileRemaining;
} vrDomainJobInfo;

typedef enum {
    VR_DOMAIN_JOB_STATS_COMPLETED = 1 << 0,
    VR_DOMAIN_JOB_STATS_KEEP_COMPLETED = 1 << 1,
} vrDomainGetJobStatsFlags;

typedef enum {
    VR_DOMAIN_ABORT_JOB_POSTCOPY = 1 << 0,
} vrDomainAbortJobFlagsValues;

typedef enum {
    VR_DOMAIN_JOB_OPERATION_UNKNOWN = 0,
    VR_DOMAIN_JOB_OPERATION_START = 1,
    VR_DOMAIN_JOB_OPERATION_SAVE = 2,
    VR_DOMAIN_JOB_OPERATION_RESTORE = 3,
    VR_DOMAIN_JOB_OPERATION_MIGRATION_IN = 4,
    VR_DOMAIN_JOB_OPERATION_MIGRATION_OUT = 5,
    VR_DOMAIN_JOB_OPERATION_SNAPSHOT = 6,
    VR_DOMAIN_JOB_OPERATION_SNAPSHOT_REVERT = 7,
    VR_DOMAIN_JOB_OPERATION_DUMP = 8,
    VR_DOMAIN_JOB_OPERATION_BACKUP = 9,
    VR_DOMAIN_JOB_OPERATION_SNAPSHOT_DELETE = 10,
    VR_DOMAIN_JOB_OPERATION_LAST
} vrDomainJobOperation;

/* vrDomainGetJobStats fields */
#define VR_DOMAIN_JOB_OPERATION "operation"
#define VR_DOMAIN_JOB_TIME_ELAPSED "time_elapsed"
#define VR_DOMAIN_JOB_TIME_ELAPSED_NET "time_elapsed_net"
#define VR_DOMAIN_JOB_TIME_REMAINING "time_remaining"
#define VR_DOMAIN_JOB_DOWNTIME "downtime"
#define VR_DOMAIN_JOB_DOWNTIME_NET "downtime_net"
#define VR_DOMAIN_JOB_SETUP_TIME "setup_time"
#define VR_DOMAIN_JOB_DATA_TOTAL "data_total"
#define VR_DOMAIN_JOB_DATA_PROCESSED "data_processed"
#define VR_DOMAIN_JOB_DATA_REMAINING "data_remaining"
#define VR_DOMAIN_JOB_MEMORY_TOTAL "memory_total"
#define VR_DOMAIN_JOB_MEMORY_PROCESSED "memory_processed"
#define VR_DOMAIN_JOB_MEMORY_REMAINING "memory_remaining"
#define VR_DOMAIN_JOB_MEMORY_CONSTANT "memory_constant"
#define VR_DOMAIN_JOB_MEMORY_NORMAL "memory_normal"
#define VR_DOMAIN_JOB_MEMORY_NORMAL_BYTES "memory_normal_bytes"
#define VR_DOMAIN_JOB_MEMORY_BPS "memory_bps"
#define VR_DOMAIN_JOB_MEMORY_DIRTY_RATE "memory_dirty_rate"
#define VR_DOMAIN_JOB_MEMORY_PAGE_SIZE "memory_page_size"
#define VR_DOMAIN_JOB_MEMORY_ITERATION "memory_iteration"
#define VR_DOMAIN_JOB_MEMORY_POSTCOPY_REQS "memory_postcopy_requests"
#define VR_DOMAIN_JOB_DISK_TOTAL "disk_total"
#define VR_DOMAIN_JOB_DISK_PROCESSED "disk_processed"
#define VR_DOMAIN_JOB_DISK_REMAINING "disk_remaining"
#define VR_DOMAIN_JOB_DISK_BPS "disk_bps"
#define VR_DOMAIN_JOB_COMPRESSION_CACHE "compression_cache"
#define VR_DOMAIN_JOB_COMPRESSION_BYTES "compression_bytes"
#define VR_DOMAIN_JOB_COMPRESSION_PAGES "compression_pages"
#define VR_DOMAIN_JOB_COMPRESSION_CACHE_MISSES "compression_cache_misses"
#define VR_DOMAIN_JOB_COMPRESSION_OVERFLOW "compression_overflow"
#define VR_DOMAIN_JOB_AUTO_CONVERGE_THROTTLE "auto_converge_throttle"
#define VR_DOMAIN_JOB_SUCCESS "success"
#define VR_DOMAIN_JOB_ERRMSG "errmsg"
#define VR_DOMAIN_JOB_DISK_TEMP_USED "disk_temp_used"
#define VR_DOMAIN_JOB_DISK_TEMP_TOTAL "disk_temp_total"

/* ---- core dumps, save images ---------------------------------------- */

typedef enum {
    VR_DUMP_CRASH = 1 << 0,
    VR_DUMP_LIVE = 1 << 1,
    VR_DUMP_BYPASS_CACHE = 1 << 2,
    VR_DUMP_RESET = 1 << 3,
    VR_DUMP_MEMORY_ONLY = 1 << 4,
} vrDomainCoreDumpFlags;

typedef enum {
    VR_DOMAIN_CORE_DUMP_FORMAT_RAW = 0,
    VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_ZLIB = 1,
    VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_LZO = 2,
    VR_DOMAIN_CORE_DUMP_FORMAT_KDUMP_SNAPPY = 3,
    VR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP = 4,
    VR_DOMAIN_CORE_DUMP_FORMAT_LAST
} vrDomainCoreDumpFormat;

typedef enum {
    VR_DOMAIN_SAVE_IMAGE_XML_SECURE = 1 << 0,
} vrDomainSaveImageXMLFlags;

/* ---- block devices and interfaces: tuning ---------------------------- */

typedef enum {
    VR_DOMAIN_BLOCK_RESIZE_BYTES = 1 << 0,
} vrDomainBlockResizeFlags;

#define VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC "total_bytes_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC "read_bytes_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC "write_bytes_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC "total_iops_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC "read_iops_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC "write_iops_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX "total_bytes_sec_max"
#define VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX "read_bytes_sec_max"
#define VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX "write_bytes_sec_max"
#define VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX "total_iops_sec_max"
#define VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX "read_iops_sec_max"
#define VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX "write_iops_sec_max"
#define VR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC "size_iops_sec"
#define VR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME "group_name"
#define VR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH "total_bytes_sec_max_length"
#define VR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH "read_bytes_sec_max_length"
#define VR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH "write_bytes_sec_max_length"
#define VR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH "total_iops_sec_max_length"
#define VR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH "read_iops_sec_max_length"
#define VR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH "write_iops_sec_max_length"

#define VR_DOMAIN_BANDWIDTH_IN_AVERAGE "inbound.average"
#define VR_DOMAIN_BANDWIDTH_IN_PEAK "inbound.peak"
#define VR_DOMAIN_BANDWIDTH_IN_BURST "inbound.burst"
#define VR_DOMAIN_BANDWIDTH_IN_FLOOR "inbound.floor"
#define VR_DOMAIN_BANDWIDTH_OUT_AVERAGE "outbound.average"
#define VR_DOMAIN_BANDWIDTH_OUT_PEAK "outbound.peak"
#define VR_DOMAIN_BANDWIDTH_OUT_BURST "outbound.burst"

/* ---- guest agent ------------------------------------------------------ */

typedef enum {
    VR_DOMAIN_TIME_SYNC = 1 << 0,
} vrDomainSetTimeFlags;

typedef enum {
    VR_DOMAIN_PASSWORD_ENCRYPTED = 1 << 0,
} vrDomainSetUserPasswordFlags;

typedef enum {
    VR_DOMAIN_GUEST_INFO_USERS = 1 << 0,
    VR_DOMAIN_GUEST_INFO_OS = 1 << 1,
    VR_DOMAIN_GUEST_INFO_TIMEZONE = 1 << 2,
    VR_DOMAIN_GUEST_INFO_HOSTNAME = 1 << 3,
    VR_DOMAIN_GUEST_INFO_FILESYSTEM = 1 << 4,
    VR_DOMAIN_GUEST_INFO_DISKS = 1 << 5,
    VR_DOMAIN_GUEST_INFO_INTERFACES = 1 << 6,
} vrDomainGuestInfoTypes;

typedef enum {
    VR_DOMAIN_GUEST_INFO_NO_QUERY = 1 << 0,
} vrDomainGuestInfoFlags;

/* Statistics and run-time information */
int vrDomainMemoryStats(vrDomain *dom, vrDomainMemoryStatStruct *stats, unsigned int nr_stats,
                        unsigned int flags);
int vrDomainSetMemoryStatsPeriod(vrDomain *dom, int period, unsigned int flags);
int vrDomainBlockStats(vrDomain *dom, const char *disk, vrDomainBlockStatsStruct *stats,
                       size_t size);
int vrDomainBlockStatsFlags(vrDomain *dom, const char *disk, vrTypedParameter *params,
                            int *nparams, unsigned int flags);
int vrDomainInterfaceStats(vrDomain *dom, const char *device,
                           vrDomainInterfaceStatsStruct *stats, size_t size);
/* Fills at most @maxinfo entries (and their CPU maps, @maplen bytes each,
 * when @cpumaps is given); returns how many. */
int vrDomainGetVcpus(vrDomain *dom, vrVcpuInfo *info, int maxinfo, unsigned char *cpumaps,
                     int maplen);

/* Keyboard and NMI */
int vrDomainSendKey(vrDomain *dom, unsigned int codeset, unsigned int holdtime,
                    unsigned int *keycodes, int nkeycodes, unsigned int flags);
int vrDomainInjectNMI(vrDomain *dom, unsigned int flags);

/* Jobs */
int vrDomainGetJobInfo(vrDomain *dom, vrDomainJobInfo *info);
/* Allocates *params (free with vrTypedParamsFree). */
int vrDomainGetJobStats(vrDomain *dom, int *type, vrTypedParameter **params, int *nparams,
                        unsigned int flags);
int vrDomainAbortJob(vrDomain *dom);
int vrDomainAbortJobFlags(vrDomain *dom, unsigned int flags);

/* Core dumps and save images */
int vrDomainCoreDump(vrDomain *dom, const char *to, unsigned int flags);
int vrDomainCoreDumpWithFormat(vrDomain *dom, const char *to, unsigned int dumpformat,
                               unsigned int flags);
char *vrDomainSaveImageGetXMLDesc(vrConnect *conn, const char *file, unsigned int flags);
int vrDomainSaveImageDefineXML(vrConnect *conn, const char *file, const char *dxml,
                               unsigned int flags);
char *vrDomainManagedSaveGetXMLDesc(vrDomain *dom, unsigned int flags);
int vrDomainManagedSaveDefineXML(vrDomain *dom, const char *dxml, unsigned int flags);

/* Block devices and interfaces */
int vrDomainBlockResize(vrDomain *dom, const char *disk, unsigned long long size,
                        unsigned int flags);
int vrDomainSetBlockIoTune(vrDomain *dom, const char *disk, vrTypedParameter *params,
                           int nparams, unsigned int flags);
int vrDomainGetBlockIoTune(vrDomain *dom, const char *disk, vrTypedParameter *params,
                           int *nparams, unsigned int flags);
int vrDomainSetInterfaceParameters(vrDomain *dom, const char *device,
                                   vrTypedParameter *params, int nparams, unsigned int flags);
int vrDomainGetInterfaceParameters(vrDomain *dom, const char *device,
                                   vrTypedParameter *params, int *nparams, unsigned int flags);

/* Guest agent */
int vrDomainGetTime(vrDomain *dom, long long *seconds, unsigned int *nseconds,
                    unsigned int flags);
int vrDomainSetTime(vrDomain *dom, long long seconds, unsigned int nseconds,
                    unsigned int flags);
int vrDomainFSTrim(vrDomain *dom, const char *mountPoint, unsigned long long minimum,
                   unsigned int flags);
int vrDomainFSFreeze(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                     unsigned int flags);
int vrDomainFSThaw(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                   unsigned int flags);
/* Allocates *params (free with vrTypedParamsFree). */
int vrDomainGetGuestInfo(vrDomain *dom, unsigned int types, vrTypedParameter **params,
                         int *nparams, unsigned int flags);
int vrDomainSetUserPassword(vrDomain *dom, const char *user, const char *password,
                            unsigned int flags);

/* Renaming an inactive guest */
int vrDomainRename(vrDomain *dom, const char *new_name, unsigned int flags);

#endif
