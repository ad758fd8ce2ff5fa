/*
 * vireo-error.h: errors as libvirt numbers them.
 *
 * Codes and domains keep libvirt's values: they cross the wire in the
 * remote_error structure and clients key their behaviour on them.
 */
#ifndef VIREO_ERROR_H
#define VIREO_ERROR_H

typedef enum {
    VR_ERR_NONE = 0,
    VR_ERR_WARNING = 1,
    VR_ERR_ERROR = 2,
} vrErrorLevel;

typedef enum {
    VR_FROM_NONE = 0,
    VR_FROM_XML = 5,
    VR_FROM_DOM = 6,
    VR_FROM_RPC = 7,
    VR_FROM_CONF = 9,
    VR_FROM_QEMU = 10,
    VR_FROM_NET = 11,
    VR_FROM_TEST = 12,
    VR_FROM_REMOTE = 13,
    VR_FROM_STORAGE = 18,
    VR_FROM_NETWORK = 19,
    VR_FROM_DOMAIN = 20,
    VR_FROM_NODEDEV = 22,
    VR_FROM_SECURITY = 24,
    VR_FROM_INTERFACE = 26,
    VR_FROM_SECRET = 30,
    VR_FROM_CPU = 31,
    VR_FROM_NWFILTER = 33,
    VR_FROM_DOMAIN_SNAPSHOT = 35,
    VR_FROM_SYSINFO = 37,
    VR_FROM_STREAMS = 38,
    VR_FROM_EVENT = 40,
    VR_FROM_CAPABILITIES = 44,
    VR_FROM_URI = 45,
    VR_FROM_AUTH = 46,
    VR_FROM_DEVICE = 49,
    VR_FROM_THREAD = 61,
    VR_FROM_FIREWALL = 59,
    VR_FROM_LOGGING = 63,
} vrErrorDomain;

typedef enum {
    VR_ERR_OK = 0,
    VR_ERR_INTERNAL_ERROR = 1,
    VR_ERR_NO_MEMORY = 2,
    VR_ERR_NO_SUPPORT = 3,
    VR_ERR_UNKNOWN_HOST = 4,
    VR_ERR_NO_CONNECT = 5,
    VR_ERR_INVALID_CONN = 6,
    VR_ERR_INVALID_DOMAIN = 7,
    VR_ERR_INVALID_ARG = 8,
    VR_ERR_OPERATION_FAILED = 9,
    VR_ERR_OS_TYPE = 16,
    VR_ERR_NO_KERNEL = 17,
    VR_ERR_NO_SOURCE = 19,
    VR_ERR_NO_TARGET = 20,
    VR_ERR_NO_NAME = 21,
    VR_ERR_NO_OS = 22,
    VR_ERR_NO_DEVICE = 23,
    VR_ERR_CALL_FAILED = 26,
    VR_ERR_XML_ERROR = 27,
    VR_ERR_DOM_EXIST = 28,
    VR_ERR_OPERATION_DENIED = 29,
    VR_ERR_OPEN_FAILED = 30,
    VR_ERR_READ_FAILED = 31,
    VR_ERR_PARSE_FAILED = 32,
    VR_ERR_CONF_SYNTAX = 33,
    VR_ERR_WRITE_FAILED = 34,
    VR_ERR_XML_DETAIL = 35,
    VR_ERR_INVALID_NETWORK = 36,
    VR_ERR_NETWORK_EXIST = 37,
    VR_ERR_SYSTEM_ERROR = 38,
    VR_ERR_RPC = 39,
    VR_ERR_GNUTLS_ERROR = 40,
    VR_WAR_NO_NETWORK = 41,
    VR_ERR_NO_DOMAIN = 42,
    VR_ERR_NO_NETWORK = 43,
    VR_ERR_INVALID_MAC = 44,
    VR_ERR_AUTH_FAILED = 45,
    VR_ERR_INVALID_STORAGE_POOL = 46,
    VR_ERR_INVALID_STORAGE_VOL = 47,
    VR_WAR_NO_STORAGE = 48,
    VR_ERR_NO_STORAGE_POOL = 49,
    VR_ERR_NO_STORAGE_VOL = 50,
    VR_WAR_NO_NODE = 51,
    VR_ERR_INVALID_NODE_DEVICE = 52,
    VR_ERR_NO_NODE_DEVICE = 53,
    VR_ERR_NO_SECURITY_MODEL = 54,
    VR_ERR_OPERATION_INVALID = 55,
    VR_WAR_NO_INTERFACE = 56,
    VR_ERR_NO_INTERFACE = 57,
    VR_ERR_INVALID_INTERFACE = 58,
    VR_ERR_MULTIPLE_INTERFACES = 59,
    VR_WAR_NO_NWFILTER = 60,
    VR_ERR_INVALID_NWFILTER = 61,
    VR_ERR_NO_NWFILTER = 62,
    VR_ERR_BUILD_FIREWALL = 63,
    VR_WAR_NO_SECRET = 64,
    VR_ERR_INVALID_SECRET = 65,
    VR_ERR_NO_SECRET = 66,
    VR_ERR_CONFIG_UNSUPPORTED = 67,
    VR_ERR_OPERATION_TIMEOUT = 68,
    VR_ERR_MIGRATE_PERSIST_FAILED = 69,
    VR_ERR_HOOK_SCRIPT_FAILED = 70,
    VR_ERR_INVALID_DOMAIN_SNAPSHOT = 71,
    VR_ERR_NO_DOMAIN_SNAPSHOT = 72,
    VR_ERR_INVALID_STREAM = 73,
    VR_ERR_ARGUMENT_UNSUPPORTED = 74,
    VR_ERR_STORAGE_PROBE_FAILED = 75,
    VR_ERR_STORAGE_POOL_BUILT = 76,
    VR_ERR_SNAPSHOT_REVERT_RISKY = 77,
    VR_ERR_OPERATION_ABORTED = 78,
    VR_ERR_AUTH_CANCELLED = 79,
    VR_ERR_NO_DOMAIN_METADATA = 80,
    VR_ERR_MIGRATE_UNSAFE = 81,
    VR_ERR_OVERFLOW = 82,
    VR_ERR_BLOCK_COPY_ACTIVE = 83,
    VR_ERR_OPERATION_UNSUPPORTED = 84,
    VR_ERR_SSH = 85,
    VR_ERR_AGENT_UNRESPONSIVE = 86,
    VR_ERR_RESOURCE_BUSY = 87,
    VR_ERR_ACCESS_DENIED = 88,
    VR_ERR_DBUS_SERVICE = 89,
    VR_ERR_STORAGE_VOL_EXIST = 90,
    VR_ERR_CPU_INCOMPATIBLE = 91,
    VR_ERR_XML_INVALID_SCHEMA = 92,
    VR_ERR_MIGRATE_FINISH_OK = 93,
    VR_ERR_AUTH_UNAVAILABLE = 94,
    VR_ERR_NO_SERVER = 95,
    VR_ERR_NO_CLIENT = 96,
    VR_ERR_AGENT_UNSYNCED = 97,
    VR_ERR_LIBSSH = 98,
    VR_ERR_DEVICE_MISSING = 99,
    VR_ERR_INVALID_NWFILTER_BINDING = 100,
    VR_ERR_NO_NWFILTER_BINDING = 101,
    VR_ERR_INVALID_DOMAIN_CHECKPOINT = 102,
    VR_ERR_NO_DOMAIN_CHECKPOINT = 103,
    VR_ERR_NO_DOMAIN_BACKUP = 104,
    VR_ERR_INVALID_NETWORK_PORT = 105,
    VR_ERR_NETWORK_PORT_EXIST = 106,
    VR_ERR_NO_NETWORK_PORT = 107,
    VR_ERR_NO_HOSTNAME = 108,
    VR_ERR_CHECKPOINT_INCONSISTENT = 109,
    VR_ERR_MULTIPLE_DOMAINS = 110,
    VR_ERR_NUMBER_LAST
} vrErrorNumber;

/* One error, as the library and the wire describe it. */
typedef struct {
    int code;          /* vrErrorNumber */
    int domain;        /* vrErrorDomain */
    char *message;     /* human readable, already prefixed by the code's text */
    int level;         /* vrErrorLevel */
    char *str1;
    char *str2;
    char *str3;
    int int1;
    int int2;
} vrError;

/* The last error raised in the calling thread, or NULL. */
const vrError *vrGetLastError(void);
/* Frees the calling thread's last error. */
void vrResetLastError(void);
/* Message of the last error, or a generic text when there is none. */
const char *vrGetLastErrorMessage(void);
/* Copies the calling thread's last error into @to (which the caller clears
 * with vrErrorClear); returns the code, 0 when there is no error. */
int vrCopyLastError(vrError *to);
void vrErrorClear(vrError *err);

/* Called (in the raising thread) every time the library raises an error;
 * NULL removes the handler. */
typedef void (*vrErrorFunc)(void *opaque, const vrError *err);
void vrSetErrorHandler(vrErrorFunc handler, void *opaque);

#endif
