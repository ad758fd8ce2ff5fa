/*
 * driver.h: the interface every driver implements, one table per kind of
 * object.  The public API (libvireo-*.c) checks its arguments and calls
 * through these tables; a NULL entry means "not supported by this
 * driver" and is reported as such.
 */
#ifndef VR_DRIVER_H
#define VR_DRIVER_H

#include <stdbool.h>

#include "vireo/vireo.h"
#include "vireo/vireo-qemu.h"
#include "vruri.h"

typedef enum {
    VR_DRV_OPEN_SUCCESS = 0,
    VR_DRV_OPEN_ERROR = -1,
    VR_DRV_OPEN_DECLINED = -2,
} vrDrvOpenStatus;

typedef struct {
    const char *name;

    /* connection */
    int (*connectClose)(vrConnect *conn);
    const char *(*connectGetType)(vrConnect *conn);
    int (*connectGetVersion)(vrConnect *conn, unsigned long *version);
    int (*connectGetLibVersion)(vrConnect *conn, unsigned long *version);
    char *(*connectGetHostname)(vrConnect *conn);
    char *(*connectGetCapabilities)(vrConnect *conn);
    char *(*connectGetSysinfo)(vrConnect *conn, unsigned int flags);
    int (*connectGetMaxVcpus)(vrConnect *conn, const char *type);
    int (*connectIsAlive)(vrConnect *conn);
    int (*connectIsSecure)(vrConnect *conn);
    int (*connectIsEncrypted)(vrConnect *conn);
    int (*connectSupportsFeature)(vrConnect *conn, int feature);
    int (*connectSetKeepAlive)(vrConnect *conn, int interval, unsigned int count);
    char *(*connectGetDomainCapabilities)(vrConnect *conn, const char *emulator,
                                          const char *arch, const char *machine,
                                          const char *virttype, unsigned int flags);
    int (*nodeGetInfo)(vrConnect *conn, vrNodeInfo *info);
    int (*nodeGetSecurityModel)(vrConnect *conn, vrSecurityModel *secmodel);
    int (*nodeGetCellsFreeMemory)(vrConnect *conn, unsigned long long *freeMems,
                                  int startCell, int maxCells);
    unsigned long long (*nodeGetFreeMemory)(vrConnect *conn);
    int (*nodeGetCPUStats)(vrConnect *conn, int cpuNum, vrNodeCPUStats *params, int *nparams,
                           unsigned int flags);
    int (*nodeGetMemoryStats)(vrConnect *conn, int cellNum, vrNodeMemoryStats *params,
                              int *nparams, unsigned int flags);
    int (*nodeGetMemoryParameters)(vrConnect *conn, vrTypedParameter *params, int *nparams,
                                   unsigned int flags);
    int (*nodeGetCPUMap)(vrConnect *conn, unsigned char **cpumap, unsigned int *online,
                         unsigned int flags);

    /* domains: listing and lookup */
    int (*connectListAllDomains)(vrConnect *conn, vrDomain ***domains, unsigned int flags);
    int (*connectNumOfDomains)(vrConnect *conn);
    int (*connectListDomains)(vrConnect *conn, int *ids, int maxids);
    int (*connectNumOfDefinedDomains)(vrConnect *conn);
    int (*connectListDefinedDomains)(vrConnect *conn, char **names, int maxnames);
    vrDomain *(*domainLookupByID)(vrConnect *conn, int id);
    vrDomain *(*domainLookupByName)(vrConnect *conn, const char *name);
    vrDomain *(*domainLookupByUUID)(vrConnect *conn, const unsigned char *uuid);

    /* domains: lifecycle */
    vrDomain *(*domainDefineXMLFlags)(vrConnect *conn, const char *xml, unsigned int flags);
    vrDomain *(*domainCreateXML)(vrConnect *conn, const char *xml, unsigned int flags);
    int (*domainCreateWithFlags)(vrDomain *dom, unsigned int flags);
    int (*domainDestroyFlags)(vrDomain *dom, unsigned int flags);
    int (*domainShutdownFlags)(vrDomain *dom, unsigned int flags);
    int (*domainReboot)(vrDomain *dom, unsigned int flags);
    int (*domainReset)(vrDomain *dom, unsigned int flags);
    int (*domainSuspend)(vrDomain *dom);
    int (*domainResume)(vrDomain *dom);
    int (*domainUndefineFlags)(vrDomain *dom, unsigned int flags);
    int (*domainSaveFlags)(vrDomain *dom, const char *to, const char *dxml, unsigned int flags);
    int (*domainRestoreFlags)(vrConnect *conn, const char *from, const char *dxml,
                              unsigned int flags);
    int (*domainManagedSave)(vrDomain *dom, unsigned int flags);
    int (*domainHasManagedSaveImage)(vrDomain *dom, unsigned int flags);
    int (*domainManagedSaveRemove)(vrDomain *dom, unsigned int flags);

    /* domains: information */
    int (*domainGetInfo)(vrDomain *dom, vrDomainInfo *info);
    int (*domainGetState)(vrDomain *dom, int *state, int *reason, unsigned int flags);
    char *(*domainGetXMLDesc)(vrDomain *dom, unsigned int flags);
    char *(*domainGetOSType)(vrDomain *dom);
    unsigned long long (*domainGetMaxMemory)(vrDomain *dom);
    int (*domainGetMaxVcpus)(vrDomain *dom);
    int (*domainGetVcpusFlags)(vrDomain *dom, unsigned int flags);
    int (*domainIsActive)(vrDomain *dom);
    int (*domainIsPersistent)(vrDomain *dom);
    int (*domainIsUpdated)(vrDomain *dom);
    int (*domainGetAutostart)(vrDomain *dom, int *autostart);
    int (*domainSetAutostart)(vrDomain *dom, int autostart);
    int (*domainGetSecurityLabel)(vrDomain *dom, vrSecurityLabel *seclabel);
    char *(*domainGetSchedulerType)(vrDomain *dom, int *nparams);
    int (*domainGetSchedulerParameters)(vrDomain *dom, vrTypedParameter *params, int *nparams);
    int (*domainGetSchedulerParametersFlags)(vrDomain *dom, vrTypedParameter *params,
                                             int *nparams, unsigned int flags);
    int (*domainSetSchedulerParametersFlags)(vrDomain *dom, vrTypedParameter *params,
                                             int nparams, unsigned int flags);
    int (*domainGetMemoryParameters)(vrDomain *dom, vrTypedParameter *params,
                                     int *nparams, unsigned int flags);
    int (*domainSetMemoryParameters)(vrDomain *dom, vrTypedParameter *params,
                                     int nparams, unsigned int flags);
    char *(*domainGetMetadata)(vrDomain *dom, int type, const char *uri, unsigned int flags);
    int (*domainSetMetadata)(vrDomain *dom, int type, const char *metadata,
                             const char *key, const char *uri, unsigned int flags);
    int (*domainGetMessages)(vrDomain *dom, char ***msgs, unsigned int flags);
    int (*domainGetBlockInfo)(vrDomain *dom, const char *disk, vrDomainBlockInfo *info,
                              unsigned int flags);
    int (*domainGetControlInfo)(vrDomain *dom, vrDomainControlInfo *info, unsigned int flags);
    char *(*domainGetHostname)(vrDomain *dom, unsigned int flags);
    int (*domainGetDiskErrors)(vrDomain *dom, vrDomainDiskError *errors,
                               unsigned int maxerrors, unsigned int flags);
    int (*domainInterfaceAddresses)(vrDomain *dom, vrDomainInterface ***ifaces,
                                    unsigned int source, unsigned int flags);
    int (*domainGetFSInfo)(vrDomain *dom, vrDomainFSInfo ***info, unsigned int flags);
    int (*domainGetVcpuPinInfo)(vrDomain *dom, int ncpumaps, unsigned char *cpumaps,
                                int maplen, unsigned int flags);
    int (*domainGetEmulatorPinInfo)(vrDomain *dom, unsigned char *cpumap, int maplen,
                                    unsigned int flags);
    int (*domainGetNumaParameters)(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                   unsigned int flags);
    int (*domainGetBlkioParameters)(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                    unsigned int flags);
    /* @doms (ndoms entries) may be empty: every guest matching @flags */
    int (*connectGetAllDomainStats)(vrConnect *conn, vrDomain **doms, unsigned int ndoms,
                                    unsigned int stats, vrDomainStatsRecord ***retStats,
                                    unsigned int flags);

    /* domains: changes */
    int (*domainSetMaxMemory)(vrDomain *dom, unsigned long memory);
    int (*domainSetMemoryFlags)(vrDomain *dom, unsigned long memory, unsigned int flags);
    int (*domainSetVcpusFlags)(vrDomain *dom, unsigned int nvcpus, unsigned int flags);
    int (*domainPinVcpu)(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen);
    int (*domainPinVcpuFlags)(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap,
                              int maplen, unsigned int flags);
    int (*domainPinEmulator)(vrDomain *dom, unsigned char *cpumap, int maplen,
                             unsigned int flags);
    int (*domainSetNumaParameters)(vrDomain *dom, vrTypedParameter *params, int nparams,
                                   unsigned int flags);
    int (*domainSetBlkioParameters)(vrDomain *dom, vrTypedParameter *params, int nparams,
                                    unsigned int flags);
    /* the flag-less forms are optional: without them the flags form runs
     * with VR_DOMAIN_AFFECT_LIVE (the remote driver has both, as libvirt's) */
    int (*domainAttachDevice)(vrDomain *dom, const char *xml);
    int (*domainDetachDevice)(vrDomain *dom, const char *xml);
    int (*domainAttachDeviceFlags)(vrDomain *dom, const char *xml, unsigned int flags);
    int (*domainDetachDeviceFlags)(vrDomain *dom, const char *xml, unsigned int flags);
    int (*domainUpdateDeviceFlags)(vrDomain *dom, const char *xml, unsigned int flags);
    char *(*domainScreenshot)(vrDomain *dom, vrStream *st, unsigned int screen,
                              unsigned int flags);
    int (*domainOpenConsole)(vrDomain *dom, const char *devname, vrStream *st,
                             unsigned int flags);

    /* domains: statistics and run-time information */
    int (*domainMemoryStats)(vrDomain *dom, vrDomainMemoryStatStruct *stats,
                             unsigned int nr_stats, unsigned int flags);
    int (*domainSetMemoryStatsPeriod)(vrDomain *dom, int period, unsigned int flags);
    int (*domainBlockStats)(vrDomain *dom, const char *disk, vrDomainBlockStatsStruct *stats);
    int (*domainBlockStatsFlags)(vrDomain *dom, const char *disk, vrTypedParameter *params,
                                 int *nparams, unsigned int flags);
    int (*domainInterfaceStats)(vrDomain *dom, const char *device,
                                vrDomainInterfaceStatsStruct *stats);
    int (*domainGetVcpus)(vrDomain *dom, vrVcpuInfo *info, int maxinfo, unsigned char *cpumaps,
                          int maplen);

    /* domains: keyboard, NMI, jobs, dumps, save images */
    int (*domainSendKey)(vrDomain *dom, unsigned int codeset, unsigned int holdtime,
                         unsigned int *keycodes, int nkeycodes, unsigned int flags);
    int (*domainInjectNMI)(vrDomain *dom, unsigned int flags);
    int (*domainGetJobInfo)(vrDomain *dom, vrDomainJobInfo *info);
    int (*domainGetJobStats)(vrDomain *dom, int *type, vrTypedParameter **params, int *nparams,
                             unsigned int flags);
    int (*domainAbortJob)(vrDomain *dom);
    int (*domainAbortJobFlags)(vrDomain *dom, unsigned int flags);
    int (*domainCoreDump)(vrDomain *dom, const char *to, unsigned int flags);
    int (*domainCoreDumpWithFormat)(vrDomain *dom, const char *to, unsigned int dumpformat,
                                    unsigned int flags);
    char *(*domainSaveImageGetXMLDesc)(vrConnect *conn, const char *file, unsigned int flags);
    int (*domainSaveImageDefineXML)(vrConnect *conn, const char *file, const char *dxml,
                                    unsigned int flags);
    char *(*domainManagedSaveGetXMLDesc)(vrDomain *dom, unsigned int flags);
    int (*domainManagedSaveDefineXML)(vrDomain *dom, const char *dxml, unsigned int flags);

    /* domains: block devices and interfaces */
    int (*domainBlockResize)(vrDomain *dom, const char *disk, unsigned long long size,
                             unsigned int flags);
    int (*domainSetBlockIoTune)(vrDomain *dom, const char *disk, vrTypedParameter *params,
                                int nparams, unsigned int flags);
    int (*domainGetBlockIoTune)(vrDomain *dom, const char *disk, vrTypedParameter *params,
                                int *nparams, unsigned int flags);
    int (*domainSetInterfaceParameters)(vrDomain *dom, const char *device,
                                        vrTypedParameter *params, int nparams,
                                        unsigned int flags);
    int (*domainGetInterfaceParameters)(vrDomain *dom, const char *device,
                                        vrTypedParameter *params, int *nparams,
                                        unsigned int flags);

    /* domains: guest agent */
    int (*domainGetTime)(vrDomain *dom, long long *seconds, unsigned int *nseconds,
                         unsigned int flags);
    int (*domainSetTime)(vrDomain *dom, long long seconds, unsigned int nseconds,
                         unsigned int flags);
    int (*domainFSTrim)(vrDomain *dom, const char *mountPoint, unsigned long long minimum,
                        unsigned int flags);
    int (*domainFSFreeze)(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                          unsigned int flags);
    int (*domainFSThaw)(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                        unsigned int flags);
    int (*domainGetGuestInfo)(vrDomain *dom, unsigned int types, vrTypedParameter **params,
                              int *nparams, unsigned int flags);
    int (*domainSetUserPassword)(vrDomain *dom, const char *user, const char *password,
                                 unsigned int flags);
    int (*domainRename)(vrDomain *dom, const char *new_name, unsigned int flags);

    /* domains: QEMU monitor and agent pass-through (QEMU program) */
    int (*domainQemuMonitorCommand)(vrDomain *dom, const char *cmd, char **result,
                                    unsigned int flags);
    char *(*domainQemuAgentCommand)(vrDomain *dom, const char *cmd, int timeout,
                                    unsigned int flags);

    /* domain events (vrobjectevent.h helps drivers implement these) */
    int (*connectDomainEventRegister)(vrConnect *conn, vrConnectDomainEventCallback cb,
                                      void *opaque, vrFreeCallback freecb);
    int (*connectDomainEventDeregister)(vrConnect *conn, vrConnectDomainEventCallback cb);
    int (*connectDomainEventRegisterAny)(vrConnect *conn, vrDomain *dom, int eventID,
                                         vrConnectDomainEventGenericCallback cb, void *opaque,
                                         vrFreeCallback freecb);
    int (*connectDomainEventDeregisterAny)(vrConnect *conn, int callbackID);

    /* snapshots */
    vrDomainSnapshot *(*domainSnapshotCreateXML)(vrDomain *dom, const char *xml,
                                                 unsigned int flags);
    char *(*domainSnapshotGetXMLDesc)(vrDomainSnapshot *snap, unsigned int flags);
    int (*domainSnapshotNum)(vrDomain *dom, unsigned int flags);
    int (*domainListAllSnapshots)(vrDomain *dom, vrDomainSnapshot ***snaps, unsigned int flags);
    int (*domainSnapshotNumChildren)(vrDomainSnapshot *snap, unsigned int flags);
    int (*domainSnapshotListAllChildren)(vrDomainSnapshot *snap, vrDomainSnapshot ***snaps,
                                         unsigned int flags);
    vrDomainSnapshot *(*domainSnapshotLookupByName)(vrDomain *dom, const char *name,
                                                    unsigned int flags);
    int (*domainHasCurrentSnapshot)(vrDomain *dom, unsigned int flags);
    vrDomainSnapshot *(*domainSnapshotCurrent)(vrDomain *dom, unsigned int flags);
    vrDomainSnapshot *(*domainSnapshotGetParent)(vrDomainSnapshot *snap, unsigned int flags);
    int (*domainSnapshotIsCurrent)(vrDomainSnapshot *snap, unsigned int flags);
    int (*domainSnapshotHasMetadata)(vrDomainSnapshot *snap, unsigned int flags);
    int (*domainRevertToSnapshot)(vrDomainSnapshot *snap, unsigned int flags);
    int (*domainSnapshotDelete)(vrDomainSnapshot *snap, unsigned int flags);
} vrHypervisorDriver;

typedef struct {
    int (*connectListAllNetworks)(vrConnect *conn, vrNetwork ***nets, unsigned int flags);
    int (*connectNumOfNetworks)(vrConnect *conn);
    int (*connectListNetworks)(vrConnect *conn, char **names, int maxnames);
    int (*connectNumOfDefinedNetworks)(vrConnect *conn);
    int (*connectListDefinedNetworks)(vrConnect *conn, char **names, int maxnames);
    vrNetwork *(*networkLookupByName)(vrConnect *conn, const char *name);
    vrNetwork *(*networkLookupByUUID)(vrConnect *conn, const unsigned char *uuid);
    vrNetwork *(*networkDefineXML)(vrConnect *conn, const char *xml);
    vrNetwork *(*networkCreateXML)(vrConnect *conn, const char *xml);
    int (*networkCreate)(vrNetwork *net);
    int (*networkDestroy)(vrNetwork *net);
    int (*networkUndefine)(vrNetwork *net);
    int (*networkUpdate)(vrNetwork *net, unsigned int command, unsigned int section,
                         int parentIndex, const char *xml, unsigned int flags);
    char *(*networkGetXMLDesc)(vrNetwork *net, unsigned int flags);
    char *(*networkGetBridgeName)(vrNetwork *net);
    int (*networkGetAutostart)(vrNetwork *net, int *autostart);
    int (*networkSetAutostart)(vrNetwork *net, int autostart);
    int (*networkIsActive)(vrNetwork *net);
    int (*networkIsPersistent)(vrNetwork *net);
    int (*networkGetDHCPLeases)(vrNetwork *net, const char *mac, vrNetworkDHCPLease ***leases,
                                unsigned int flags);
    int (*connectNetworkEventRegisterAny)(vrConnect *conn, vrNetwork *net, int eventID,
                                          vrConnectNetworkEventGenericCallback cb, void *opaque,
                                          vrFreeCallback freecb);
    int (*connectNetworkEventDeregisterAny)(vrConnect *conn, int callbackID);
} vrNetworkDriver;

typedef struct {
    int (*connectListAllStoragePools)(vrConnect *conn, vrStoragePool ***pools, unsigned int flags);
    int (*connectNumOfStoragePools)(vrConnect *conn);
    int (*connectListStoragePools)(vrConnect *conn, char **names, int maxnames);
    int (*connectNumOfDefinedStoragePools)(vrConnect *conn);
    int (*connectListDefinedStoragePools)(vrConnect *conn, char **names, int maxnames);
    char *(*connectFindStoragePoolSources)(vrConnect *conn, const char *type,
                                           const char *srcSpec, unsigned int flags);
    vrStoragePool *(*storagePoolLookupByName)(vrConnect *conn, const char *name);
    vrStoragePool *(*storagePoolLookupByUUID)(vrConnect *conn, const unsigned char *uuid);
    vrStoragePool *(*storagePoolLookupByVolume)(vrStorageVol *vol);
    vrStoragePool *(*storagePoolDefineXML)(vrConnect *conn, const char *xml, unsigned int flags);
    vrStoragePool *(*storagePoolCreateXML)(vrConnect *conn, const char *xml, unsigned int flags);
    int (*storagePoolBuild)(vrStoragePool *pool, unsigned int flags);
    int (*storagePoolCreate)(vrStoragePool *pool, unsigned int flags);
    int (*storagePoolDestroy)(vrStoragePool *pool);
    int (*storagePoolDelete)(vrStoragePool *pool, unsigned int flags);
    int (*storagePoolUndefine)(vrStoragePool *pool);
    int (*storagePoolRefresh)(vrStoragePool *pool, unsigned int flags);
    int (*storagePoolGetInfo)(vrStoragePool *pool, vrStoragePoolInfo *info);
    char *(*storagePoolGetXMLDesc)(vrStoragePool *pool, unsigned int flags);
    int (*storagePoolGetAutostart)(vrStoragePool *pool, int *autostart);
    int (*storagePoolSetAutostart)(vrStoragePool *pool, int autostart);
    int (*storagePoolIsActive)(vrStoragePool *pool);
    int (*storagePoolIsPersistent)(vrStoragePool *pool);
    int (*storagePoolNumOfVolumes)(vrStoragePool *pool);
    int (*storagePoolListVolumes)(vrStoragePool *pool, char **names, int maxnames);
    int (*storagePoolListAllVolumes)(vrStoragePool *pool, vrStorageVol ***vols,
                                     unsigned int flags);

    vrStorageVol *(*storageVolLookupByName)(vrStoragePool *pool, const char *name);
    vrStorageVol *(*storageVolLookupByKey)(vrConnect *conn, const char *key);
    vrStorageVol *(*storageVolLookupByPath)(vrConnect *conn, const char *path);
    vrStorageVol *(*storageVolCreateXML)(vrStoragePool *pool, const char *xml, unsigned int flags);
    vrStorageVol *(*storageVolCreateXMLFrom)(vrStoragePool *pool, const char *xml,
                                             vrStorageVol *clonevol, unsigned int flags);
    int (*storageVolDelete)(vrStorageVol *vol, unsigned int flags);
    int (*storageVolWipe)(vrStorageVol *vol, unsigned int flags);
    int (*storageVolWipePattern)(vrStorageVol *vol, unsigned int algorithm, unsigned int flags);
    int (*storageVolResize)(vrStorageVol *vol, unsigned long long capacity, unsigned int flags);
    int (*storageVolGetInfo)(vrStorageVol *vol, vrStorageVolInfo *info);
    char *(*storageVolGetXMLDesc)(vrStorageVol *vol, unsigned int flags);
    char *(*storageVolGetPath)(vrStorageVol *vol);
    int (*storageVolUpload)(vrStorageVol *vol, vrStream *st, unsigned long long offset,
                            unsigned long long length, unsigned int flags);
    int (*storageVolDownload)(vrStorageVol *vol, vrStream *st, unsigned long long offset,
                              unsigned long long length, unsigned int flags);
} vrStorageDriver;

typedef struct {
    int (*connectListAllInterfaces)(vrConnect *conn, vrInterface ***ifaces, unsigned int flags);
    int (*connectNumOfInterfaces)(vrConnect *conn);
    int (*connectListInterfaces)(vrConnect *conn, char **names, int maxnames);
    int (*connectNumOfDefinedInterfaces)(vrConnect *conn);
    int (*connectListDefinedInterfaces)(vrConnect *conn, char **names, int maxnames);
    vrInterface *(*interfaceLookupByName)(vrConnect *conn, const char *name);
    vrInterface *(*interfaceLookupByMACString)(vrConnect *conn, const char *mac);
    char *(*interfaceGetXMLDesc)(vrInterface *iface, unsigned int flags);
    vrInterface *(*interfaceDefineXML)(vrConnect *conn, const char *xml, unsigned int flags);
    int (*interfaceUndefine)(vrInterface *iface);
    int (*interfaceCreate)(vrInterface *iface, unsigned int flags);
    int (*interfaceDestroy)(vrInterface *iface, unsigned int flags);
    int (*interfaceIsActive)(vrInterface *iface);
} vrInterfaceDriver;

/* Secrets: definitions and values (src/secret for QEMU connections). */
typedef struct {
    int (*connectListAllSecrets)(vrConnect *conn, vrSecret ***secrets, unsigned int flags);
    int (*connectNumOfSecrets)(vrConnect *conn);
    int (*connectListSecrets)(vrConnect *conn, char **uuids, int maxuuids);
    vrSecret *(*secretLookupByUUID)(vrConnect *conn, const unsigned char *uuid);
    vrSecret *(*secretLookupByUsage)(vrConnect *conn, int usageType, const char *usageID);
    vrSecret *(*secretDefineXML)(vrConnect *conn, const char *xml, unsigned int flags);
    char *(*secretGetXMLDesc)(vrSecret *secret, unsigned int flags);
    int (*secretSetValue)(vrSecret *secret, const unsigned char *value, size_t value_size,
                          unsigned int flags);
    unsigned char *(*secretGetValue)(vrSecret *secret, size_t *value_size, unsigned int flags);
    int (*secretUndefine)(vrSecret *secret);
    int (*connectSecretEventRegisterAny)(vrConnect *conn, vrSecret *secret, int eventID,
                                         vrConnectSecretEventGenericCallback cb, void *opaque,
                                         vrFreeCallback freecb);
    int (*connectSecretEventDeregisterAny)(vrConnect *conn, int callbackID);
} vrSecretDriver;

/* Byte transport behind a vrStream. */
typedef struct {
    /* bytes sent, -1 error, -2 would block */
    int (*streamSend)(vrStream *st, const char *data, size_t nbytes);
    /* bytes received, 0 end, -1 error, -2 would block, -3 at a hole (STOP_AT_HOLE) */
    int (*streamRecv)(vrStream *st, char *data, size_t nbytes, unsigned int flags);
    int (*streamSendHole)(vrStream *st, long long length, unsigned int flags);
    int (*streamRecvHole)(vrStream *st, long long *length, unsigned int flags);
    int (*streamFinish)(vrStream *st);
    int (*streamAbort)(vrStream *st);
} vrStreamDriver;

typedef struct {
    const char *name;
    /* DECLINED when the URI is not this driver's, SUCCESS or ERROR otherwise */
    int (*connectOpen)(vrConnect *conn, vrURI *uri, unsigned int flags);
    const vrHypervisorDriver *hypervisor;
    const vrNetworkDriver *network;
    const vrStorageDriver *storage;
    const vrInterfaceDriver *iface;
    const vrSecretDriver *secret;
} vrConnectDriver;

/* Drivers tried, in registration order, by vrConnectOpen. */
int vrRegisterConnectDriver(const vrConnectDriver *driver);

/* Inside the daemon, local URIs must never loop back to a socket. */
void vrSetInsideDaemon(bool inside);
bool vrIsInsideDaemon(void);

#endif
