/*
 * vireo-common.h: object handles, typed parameters and connections.
 */
#ifndef VIREO_COMMON_H
#define VIREO_COMMON_H

#define VR_UUID_BUFLEN 16
#define VR_UUID_STRING_BUFLEN 37

/* Handles are reference counted; every function returning one gives the
 * caller a reference to drop with the matching *Free function. */
typedef struct _vrConnect vrConnect;
typedef struct _vrDomain vrDomain;
typedef struct _vrDomainSnapshot vrDomainSnapshot;
typedef struct _vrNetwork vrNetwork;
typedef struct _vrStoragePool vrStoragePool;
typedef struct _vrStorageVol vrStorageVol;
typedef struct _vrInterface vrInterface;
typedef struct _vrStream vrStream;

/* Typed parameters (scheduler, memory tuning, statistics). */
typedef enum {
    VR_TYPED_PARAM_INT = 1,
    VR_TYPED_PARAM_UINT = 2,
    VR_TYPED_PARAM_LLONG = 3,
    VR_TYPED_PARAM_ULLONG = 4,
    VR_TYPED_PARAM_DOUBLE = 5,
    VR_TYPED_PARAM_BOOLEAN = 6,
    VR_TYPED_PARAM_STRING = 7,
} vrTypedParameterType;

/* Flag telling a driver the caller understands string parameters. */
#define VR_TYPED_PARAM_STRING_OKAY (1 << 2)

#define VR_TYPED_PARAM_FIELD_LENGTH 80

typedef struct {
    char field[VR_TYPED_PARAM_FIELD_LENGTH];
    int type;
    union {
        int i;
        unsigned int ui;
        long long l;
        unsigned long long ul;
        double d;
        char b;
        char *s;
    } value;
} vrTypedParameter;

void vrTypedParamsClear(vrTypedParameter *params, int nparams);
void vrTypedParamsFree(vrTypedParameter *params, int nparams);

/* Connections */
typedef enum {
    VR_CONNECT_RO = (1 << 0),
    VR_CONNECT_NO_ALIASES = (1 << 1),
} vrConnectFlags;

vrConnect *vrConnectOpen(const char *uri);
vrConnect *vrConnectOpenReadOnly(const char *uri);
vrConnect *vrConnectOpenFlags(const char *uri, unsigned int flags);
int vrConnectClose(vrConnect *conn);
int vrConnectRef(vrConnect *conn);
int vrConnectIsAlive(vrConnect *conn);
int vrConnectIsReadOnly(vrConnect *conn);

/* Keepalive: send a ping every @interval seconds of silence, give up after
 * @count unanswered ones.  Only meaningful for remote connections. */
int vrConnectSetKeepAlive(vrConnect *conn, int interval, unsigned int count);

typedef void (*vrConnectCloseFunc)(vrConnect *conn, int reason, void *opaque);
typedef enum {
    VR_CONNECT_CLOSE_REASON_ERROR = 0,
    VR_CONNECT_CLOSE_REASON_EOF = 1,
    VR_CONNECT_CLOSE_REASON_KEEPALIVE = 2,
    VR_CONNECT_CLOSE_REASON_CLIENT = 3,
} vrConnectCloseReason;
int vrConnectRegisterCloseCallback(vrConnect *conn, vrConnectCloseFunc cb, void *opaque);
int vrConnectUnregisterCloseCallback(vrConnect *conn, vrConnectCloseFunc cb);

char *vrConnectGetURI(vrConnect *conn);
char *vrConnectGetHostname(vrConnect *conn);
const char *vrConnectGetType(vrConnect *conn);
int vrConnectGetVersion(vrConnect *conn, unsigned long *hvVer);
int vrConnectGetLibVersion(vrConnect *conn, unsigned long *libVer);
int vrGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer);
char *vrConnectGetCapabilities(vrConnect *conn);
char *vrConnectGetSysinfo(vrConnect *conn, unsigned int flags);
int vrConnectGetMaxVcpus(vrConnect *conn, const char *type);
int vrConnectIsSecure(vrConnect *conn);
int vrConnectIsEncrypted(vrConnect *conn);
char *vrConnectGetDomainCapabilities(vrConnect *conn, const char *emulator,
                                     const char *arch, const char *machine,
                                     const char *virttype, unsigned int flags);

/* Driver features a client may ask about (libvirt's numbering). */
typedef enum {
    VR_DRV_FEATURE_MIGRATION_V1 = 1,
    VR_DRV_FEATURE_REMOTE = 2,
    VR_DRV_FEATURE_MIGRATION_V2 = 3,
    VR_DRV_FEATURE_MIGRATION_P2P = 4,
    VR_DRV_FEATURE_MIGRATION_DIRECT = 5,
    VR_DRV_FEATURE_MIGRATION_V3 = 6,
    VR_DRV_FEATURE_MIGRATE_CHANGE_PROTECTION = 7,
    VR_DRV_FEATURE_FD_PASSING = 8,
    VR_DRV_FEATURE_TYPED_PARAM_STRING = 9,
    VR_DRV_FEATURE_PROGRAM_KEEPALIVE = 10,
    VR_DRV_FEATURE_XML_MIGRATABLE = 11,
    VR_DRV_FEATURE_MIGRATION_OFFLINE = 12,
    VR_DRV_FEATURE_MIGRATION_PARAMS = 13,
    VR_DRV_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    VR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
    VR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16,
} vrDrvFeature;
int vrConnectSupportsFeature(vrConnect *conn, int feature);

#endif
