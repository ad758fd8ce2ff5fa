/*
 * vireo-event.h: domain events and the client event loop.
 *
 * A client registers callbacks for the kinds of events it wants (all
 * guests of the connection, or one); drivers report what happens to
 * guests and the library calls the callbacks from its own dispatch
 * thread, never from inside an API call, so a callback may call the API.
 * Event identifiers, event and detail numbers are libvirt's: they travel
 * over the wire unchanged.
 */
#ifndef VIREO_EVENT_H
#define VIREO_EVENT_H

typedef void (*vrFreeCallback)(void *opaque);

/* ---- the default event loop ----------------------------------------- */

typedef enum {
    VR_EVENT_HANDLE_READABLE = 1 << 0,
    VR_EVENT_HANDLE_WRITABLE = 1 << 1,
    VR_EVENT_HANDLE_ERROR = 1 << 2,
    VR_EVENT_HANDLE_HANGUP = 1 << 3,
} vrEventHandleType;

typedef void (*vrEventHandleCallback)(int watch, int fd, int events, void *opaque);
typedef void (*vrEventTimeoutCallback)(int timer, void *opaque);

/* Sets up the library's own event loop; call once before the others. */
int vrEventRegisterDefaultImpl(void);
/* Waits for the next activity of the loop and dispatches it. */
int vrEventRunDefaultImpl(void);

/* File handles and timers on the default loop.  A timeout of -1 is
 * disabled, 0 fires at every iteration, otherwise it is a period in ms. */
int vrEventAddHandle(int fd, int events, vrEventHandleCallback cb, void *opaque,
                     vrFreeCallback ff);
void vrEventUpdateHandle(int watch, int events);
int vrEventRemoveHandle(int watch);
int vrEventAddTimeout(int timeout, vrEventTimeoutCallback cb, void *opaque,
                      vrFreeCallback ff);
void vrEventUpdateTimeout(int timer, int timeout);
int vrEventRemoveTimeout(int timer);

/* ---- domain events -------------------------------------------------- */

typedef enum {
    VR_DOMAIN_EVENT_ID_LIFECYCLE = 0,
    VR_DOMAIN_EVENT_ID_REBOOT = 1,
    VR_DOMAIN_EVENT_ID_RTC_CHANGE = 2,
    VR_DOMAIN_EVENT_ID_WATCHDOG = 3,
    VR_DOMAIN_EVENT_ID_IO_ERROR = 4,
    VR_DOMAIN_EVENT_ID_GRAPHICS = 5,
    VR_DOMAIN_EVENT_ID_IO_ERROR_REASON = 6,
    VR_DOMAIN_EVENT_ID_CONTROL_ERROR = 7,
    VR_DOMAIN_EVENT_ID_BLOCK_JOB = 8,
    VR_DOMAIN_EVENT_ID_DISK_CHANGE = 9,
    VR_DOMAIN_EVENT_ID_TRAY_CHANGE = 10,
    VR_DOMAIN_EVENT_ID_PMWAKEUP = 11,
    VR_DOMAIN_EVENT_ID_PMSUSPEND = 12,
    VR_DOMAIN_EVENT_ID_BALLOON_CHANGE = 13,
    VR_DOMAIN_EVENT_ID_PMSUSPEND_DISK = 14,
    VR_DOMAIN_EVENT_ID_DEVICE_REMOVED = 15,
    VR_DOMAIN_EVENT_ID_BLOCK_JOB_2 = 16,
    VR_DOMAIN_EVENT_ID_TUNABLE = 17,
    VR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE = 18,
    VR_DOMAIN_EVENT_ID_DEVICE_ADDED = 19,
    VR_DOMAIN_EVENT_ID_MIGRATION_ITERATION = 20,
    VR_DOMAIN_EVENT_ID_JOB_COMPLETED = 21,
    VR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED = 22,
    VR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23,
    VR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD = 24,
    VR_DOMAIN_EVENT_ID_MEMORY_FAILURE = 25,
    VR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26,
    VR_DOMAIN_EVENT_ID_LAST
} vrDomainEventID;

/* VR_DOMAIN_EVENT_ID_LIFECYCLE: event and detail */
typedef enum {
    VR_DOMAIN_EVENT_DEFINED = 0,
    VR_DOMAIN_EVENT_UNDEFINED = 1,
    VR_DOMAIN_EVENT_STARTED = 2,
    VR_DOMAIN_EVENT_SUSPENDED = 3,
    VR_DOMAIN_EVENT_RESUMED = 4,
    VR_DOMAIN_EVENT_STOPPED = 5,
    VR_DOMAIN_EVENT_SHUTDOWN = 6,
    VR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VR_DOMAIN_EVENT_CRASHED = 8,
    VR_DOMAIN_EVENT_LAST
} vrDomainEventType;

typedef enum {
    VR_DOMAIN_EVENT_DEFINED_ADDED = 0,
    VR_DOMAIN_EVENT_DEFINED_UPDATED = 1,
    VR_DOMAIN_EVENT_DEFINED_RENAMED = 2,
    VR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3,
    VR_DOMAIN_EVENT_DEFINED_LAST
} vrDomainEventDefinedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0,
    VR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1,
    VR_DOMAIN_EVENT_UNDEFINED_LAST
} vrDomainEventUndefinedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_STARTED_BOOTED = 0,
    VR_DOMAIN_EVENT_STARTED_MIGRATED = 1,
    VR_DOMAIN_EVENT_STARTED_RESTORED = 2,
    VR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3,
    VR_DOMAIN_EVENT_STARTED_WAKEUP = 4,
    VR_DOMAIN_EVENT_STARTED_LAST
} vrDomainEventStartedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0,
    VR_DOMAIN_EVENT_SUSPENDED_MIGRATED = 1,
    VR_DOMAIN_EVENT_SUSPENDED_IOERROR = 2,
    VR_DOMAIN_EVENT_SUSPENDED_WATCHDOG = 3,
    VR_DOMAIN_EVENT_SUSPENDED_RESTORED = 4,
    VR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT = 5,
    VR_DOMAIN_EVENT_SUSPENDED_API_ERROR = 6,
    VR_DOMAIN_EVENT_SUSPENDED_POSTCOPY = 7,
    VR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8,
    VR_DOMAIN_EVENT_SUSPENDED_LAST
} vrDomainEventSuspendedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0,
    VR_DOMAIN_EVENT_RESUMED_MIGRATED = 1,
    VR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT = 2,
    VR_DOMAIN_EVENT_RESUMED_POSTCOPY = 3,
    VR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4,
    VR_DOMAIN_EVENT_RESUMED_LAST
} vrDomainEventResumedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,
    VR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,
    VR_DOMAIN_EVENT_STOPPED_CRASHED = 2,
    VR_DOMAIN_EVENT_STOPPED_MIGRATED = 3,
    VR_DOMAIN_EVENT_STOPPED_SAVED = 4,
    VR_DOMAIN_EVENT_STOPPED_FAILED = 5,
    VR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6,
    VR_DOMAIN_EVENT_STOPPED_LAST
} vrDomainEventStoppedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0,
    VR_DOMAIN_EVENT_SHUTDOWN_GUEST = 1,
    VR_DOMAIN_EVENT_SHUTDOWN_HOST = 2,
    VR_DOMAIN_EVENT_SHUTDOWN_LAST
} vrDomainEventShutdownDetailType;

typedef enum {
    VR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0,
    VR_DOMAIN_EVENT_PMSUSPENDED_DISK = 1,
    VR_DOMAIN_EVENT_PMSUSPENDED_LAST
} vrDomainEventPMSuspendedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_CRASHED_PANICKED = 0,
    VR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1,
    VR_DOMAIN_EVENT_CRASHED_LAST
} vrDomainEventCrashedDetailType;

typedef enum {
    VR_DOMAIN_EVENT_WATCHDOG_NONE = 0,
    VR_DOMAIN_EVENT_WATCHDOG_PAUSE = 1,
    VR_DOMAIN_EVENT_WATCHDOG_RESET = 2,
    VR_DOMAIN_EVENT_WATCHDOG_POWEROFF = 3,
    VR_DOMAIN_EVENT_WATCHDOG_SHUTDOWN = 4,
    VR_DOMAIN_EVENT_WATCHDOG_DEBUG = 5,
    VR_DOMAIN_EVENT_WATCHDOG_INJECTNMI = 6,
    VR_DOMAIN_EVENT_WATCHDOG_LAST
} vrDomainEventWatchdogAction;

typedef enum {
    VR_DOMAIN_EVENT_IO_ERROR_NONE = 0,
    VR_DOMAIN_EVENT_IO_ERROR_PAUSE = 1,
    VR_DOMAIN_EVENT_IO_ERROR_REPORT = 2,
    VR_DOMAIN_EVENT_IO_ERROR_LAST
} vrDomainEventIOErrorAction;

typedef enum {
    VR_DOMAIN_EVENT_GRAPHICS_CONNECT = 0,
    VR_DOMAIN_EVENT_GRAPHICS_INITIALIZE = 1,
    VR_DOMAIN_EVENT_GRAPHICS_DISCONNECT = 2,
    VR_DOMAIN_EVENT_GRAPHICS_LAST
} vrDomainEventGraphicsPhase;

typedef enum {
    VR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4 = 0,
    VR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6 = 1,
    VR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX = 2,
    VR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST
} vrDomainEventGraphicsAddressType;

typedef struct {
    int family;                    /* vrDomainEventGraphicsAddressType */
    char *node;
    char *service;
} vrDomainEventGraphicsAddress;

typedef struct {
    char *type;
    char *name;
} vrDomainEventGraphicsSubjectIdentity;

typedef struct {
    int nidentity;
    vrDomainEventGraphicsSubjectIdentity *identities;
} vrDomainEventGraphicsSubject;

typedef enum {
    VR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN = 0,
    VR_DOMAIN_BLOCK_JOB_TYPE_PULL = 1,
    VR_DOMAIN_BLOCK_JOB_TYPE_COPY = 2,
    VR_DOMAIN_BLOCK_JOB_TYPE_COMMIT = 3,
    VR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT = 4,
    VR_DOMAIN_BLOCK_JOB_TYPE_BACKUP = 5,
    VR_DOMAIN_BLOCK_JOB_TYPE_LAST
} vrDomainBlockJobType;

typedef enum {
    VR_DOMAIN_BLOCK_JOB_COMPLETED = 0,
    VR_DOMAIN_BLOCK_JOB_FAILED = 1,
    VR_DOMAIN_BLOCK_JOB_CANCELED = 2,
    VR_DOMAIN_BLOCK_JOB_READY = 3,
    VR_DOMAIN_BLOCK_JOB_LAST
} vrConnectDomainEventBlockJobStatus;

typedef enum {
    VR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START = 0,
    VR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START = 1,
    VR_DOMAIN_EVENT_DISK_CHANGE_LAST
} vrConnectDomainEventDiskChangeReason;

typedef enum {
    VR_DOMAIN_EVENT_TRAY_CHANGE_OPEN = 0,
    VR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE = 1,
    VR_DOMAIN_EVENT_TRAY_CHANGE_LAST
} vrDomainEventTrayChangeReason;

typedef enum {
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED = 1,
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED = 2,
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST
} vrConnectDomainEventAgentLifecycleState;

typedef enum {
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN = 0,
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED = 1,
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL = 2,
    VR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST
} vrConnectDomainEventAgentLifecycleReason;

typedef enum {
    VR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR = 0,
    VR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST = 1,
    VR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST
} vrDomainMemoryFailureRecipientType;

typedef enum {
    VR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_IGNORE = 0,
    VR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT = 1,
    VR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_FATAL = 2,
    VR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_RESET = 3,
    VR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST
} vrDomainMemoryFailureActionType;

typedef enum {
    VR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED = 1 << 0,
    VR_DOMAIN_MEMORY_FAILURE_RECURSIVE = 1 << 1,
} vrDomainMemoryFailureFlags;

/* VR_DOMAIN_EVENT_ID_TUNABLE fields beyond the cputune/blkiotune names */
#define VR_DOMAIN_TUNABLE_BLKDEV_DISK "blkdeviotune.disk"

/* Callbacks, by event identifier.  The generic one is what
 * vrConnectDomainEventRegisterAny takes; cast with VR_DOMAIN_EVENT_CALLBACK. */
typedef void (*vrConnectDomainEventGenericCallback)(vrConnect *conn, vrDomain *dom,
                                                    void *opaque);
/* (through void (*)(void), which compilers accept as a generic function type) */
#define VR_DOMAIN_EVENT_CALLBACK(cb) \
    ((vrConnectDomainEventGenericCallback)(void (*)(void))(cb))

/* LIFECYCLE, and the legacy vrConnectDomainEventRegister */
typedef int (*vrConnectDomainEventCallback)(vrConnect *conn, vrDomain *dom, int event,
                                            int detail, void *opaque);
typedef void (*vrConnectDomainEventRTCChangeCallback)(vrConnect *conn, vrDomain *dom,
                                                      long long utcoffset, void *opaque);
typedef void (*vrConnectDomainEventWatchdogCallback)(vrConnect *conn, vrDomain *dom,
                                                     int action, void *opaque);
typedef void (*vrConnectDomainEventIOErrorCallback)(vrConnect *conn, vrDomain *dom,
                                                    const char *srcPath, const char *devAlias,
                                                    int action, void *opaque);
typedef void (*vrConnectDomainEventIOErrorReasonCallback)(vrConnect *conn, vrDomain *dom,
                                                          const char *srcPath,
                                                          const char *devAlias, int action,
                                                          const char *reason, void *opaque);
typedef void (*vrConnectDomainEventGraphicsCallback)(vrConnect *conn, vrDomain *dom, int phase,
                                                     const vrDomainEventGraphicsAddress *local,
                                                     const vrDomainEventGraphicsAddress *remote,
                                                     const char *authScheme,
                                                     const vrDomainEventGraphicsSubject *subject,
                                                     void *opaque);
/* BLOCK_JOB (disk is a path) and BLOCK_JOB_2 (disk is a target) */
typedef void (*vrConnectDomainEventBlockJobCallback)(vrConnect *conn, vrDomain *dom,
                                                     const char *disk, int type, int status,
                                                     void *opaque);
typedef void (*vrConnectDomainEventDiskChangeCallback)(vrConnect *conn, vrDomain *dom,
                                                       const char *oldSrcPath,
                                                       const char *newSrcPath,
                                                       const char *devAlias, int reason,
                                                       void *opaque);
typedef void (*vrConnectDomainEventTrayChangeCallback)(vrConnect *conn, vrDomain *dom,
                                                       const char *devAlias, int reason,
                                                       void *opaque);
/* PMWAKEUP, PMSUSPEND, PMSUSPEND_DISK */
typedef void (*vrConnectDomainEventPMWakeupCallback)(vrConnect *conn, vrDomain *dom,
                                                     int reason, void *opaque);
typedef vrConnectDomainEventPMWakeupCallback vrConnectDomainEventPMSuspendCallback;
typedef vrConnectDomainEventPMWakeupCallback vrConnectDomainEventPMSuspendDiskCallback;
typedef void (*vrConnectDomainEventBalloonChangeCallback)(vrConnect *conn, vrDomain *dom,
                                                          unsigned long long actual,
                                                          void *opaque);
/* DEVICE_REMOVED, DEVICE_ADDED, DEVICE_REMOVAL_FAILED */
typedef void (*vrConnectDomainEventDeviceRemovedCallback)(vrConnect *conn, vrDomain *dom,
                                                          const char *devAlias, void *opaque);
typedef vrConnectDomainEventDeviceRemovedCallback vrConnectDomainEventDeviceAddedCallback;
typedef vrConnectDomainEventDeviceRemovedCallback
    vrConnectDomainEventDeviceRemovalFailedCallback;
/* TUNABLE, JOB_COMPLETED: the parameters belong to the library */
typedef void (*vrConnectDomainEventTunableCallback)(vrConnect *conn, vrDomain *dom,
                                                    vrTypedParameter *params, int nparams,
                                                    void *opaque);
typedef vrConnectDomainEventTunableCallback vrConnectDomainEventJobCompletedCallback;
typedef void (*vrConnectDomainEventAgentLifecycleCallback)(vrConnect *conn, vrDomain *dom,
                                                           int state, int reason,
                                                           void *opaque);
typedef void (*vrConnectDomainEventMigrationIterationCallback)(vrConnect *conn, vrDomain *dom,
                                                               int iteration, void *opaque);
typedef void (*vrConnectDomainEventMetadataChangeCallback)(vrConnect *conn, vrDomain *dom,
                                                           int type, const char *nsuri,
                                                           void *opaque);
typedef void (*vrConnectDomainEventBlockThresholdCallback)(vrConnect *conn, vrDomain *dom,
                                                           const char *dev, const char *path,
                                                           unsigned long long threshold,
                                                           unsigned long long excess,
                                                           void *opaque);
typedef void (*vrConnectDomainEventMemoryFailureCallback)(vrConnect *conn, vrDomain *dom,
                                                          int recipient, int action,
                                                          unsigned int flags, void *opaque);
typedef void (*vrConnectDomainEventMemoryDeviceSizeChangeCallback)(vrConnect *conn,
                                                                   vrDomain *dom,
                                                                   const char *alias,
                                                                   unsigned long long size,
                                                                   void *opaque);

/* Returns a callback id >= 0 for vrConnectDomainEventDeregisterAny.  With
 * @dom, only that guest's events are delivered.  @freecb, if given, frees
 * @opaque once the callback is deregistered and no longer running. */
int vrConnectDomainEventRegisterAny(vrConnect *conn, vrDomain *dom, int eventID,
                                    vrConnectDomainEventGenericCallback cb, void *opaque,
                                    vrFreeCallback freecb);
int vrConnectDomainEventDeregisterAny(vrConnect *conn, int callbackID);

/* The original lifecycle-only interface. */
int vrConnectDomainEventRegister(vrConnect *conn, vrConnectDomainEventCallback cb,
                                 void *opaque, vrFreeCallback freecb);
int vrConnectDomainEventDeregister(vrConnect *conn, vrConnectDomainEventCallback cb);

/* ---- network events (virConnectNetworkEventRegisterAny) ------------- */

typedef enum {
    VR_NETWORK_EVENT_ID_LIFECYCLE = 0,
    VR_NETWORK_EVENT_ID_LAST
} vrNetworkEventID;

typedef enum {
    VR_NETWORK_EVENT_DEFINED = 0,
    VR_NETWORK_EVENT_UNDEFINED = 1,
    VR_NETWORK_EVENT_STARTED = 2,
    VR_NETWORK_EVENT_STOPPED = 3,
    VR_NETWORK_EVENT_LAST
} vrNetworkEventLifecycleType;

typedef void (*vrConnectNetworkEventGenericCallback)(vrConnect *conn, vrNetwork *net,
                                                     void *opaque);
#define VR_NETWORK_EVENT_CALLBACK(cb) ((vrConnectNetworkEventGenericCallback)(void (*)(void))(cb))
/* VR_NETWORK_EVENT_ID_LIFECYCLE; @detail is always 0 */
typedef void (*vrConnectNetworkEventLifecycleCallback)(vrConnect *conn, vrNetwork *net,
                                                       int event, int detail, void *opaque);

/* Returns a callback id >= 0; with @net, only that network's events. */
int vrConnectNetworkEventRegisterAny(vrConnect *conn, vrNetwork *net, int eventID,
                                     vrConnectNetworkEventGenericCallback cb, void *opaque,
                                     vrFreeCallback freecb);
int vrConnectNetworkEventDeregisterAny(vrConnect *conn, int callbackID);

/* ---- secret events (virConnectSecretEventRegisterAny) --------------- */

typedef enum {
    VR_SECRET_EVENT_ID_LIFECYCLE = 0,
    VR_SECRET_EVENT_ID_VALUE_CHANGED = 1,
    VR_SECRET_EVENT_ID_LAST
} vrSecretEventID;

typedef enum {
    VR_SECRET_EVENT_DEFINED = 0,
    VR_SECRET_EVENT_UNDEFINED = 1,
    VR_SECRET_EVENT_LAST
} vrSecretEventLifecycleType;

typedef void (*vrConnectSecretEventGenericCallback)(vrConnect *conn, vrSecret *secret,
                                                    void *opaque);
#define VR_SECRET_EVENT_CALLBACK(cb) ((vrConnectSecretEventGenericCallback)(void (*)(void))(cb))
/* VR_SECRET_EVENT_ID_LIFECYCLE; @detail is always 0 */
typedef void (*vrConnectSecretEventLifecycleCallback)(vrConnect *conn, vrSecret *secret,
                                                      int event, int detail, void *opaque);
/* VR_SECRET_EVENT_ID_VALUE_CHANGED: the generic signature */

/* Returns a callback id >= 0; with @secret, only that secret's events. */
int vrConnectSecretEventRegisterAny(vrConnect *conn, vrSecret *secret, int eventID,
                                    vrConnectSecretEventGenericCallback cb, void *opaque,
                                    vrFreeCallback freecb);
int vrConnectSecretEventDeregisterAny(vrConnect *conn, int callbackID);

#endif
