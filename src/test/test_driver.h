/*
 * test_driver.h: the in-memory test driver (test:///default).
 *
 * It reproduces libvirt's test driver: the same default objects (guest
 * "test", network "default", pool "default-pool", interface "eth1", a
 * fictional 16-CPU host) and the same behaviour, so scripts and recorded
 * virsh sessions can be run against it without a hypervisor.  Every
 * connection gets its own copy of the state.
 */
#ifndef VR_TEST_DRIVER_H
#define VR_TEST_DRIVER_H

#include <glib.h>

#include "conf/domain_conf.h"
#include "conf/interface_conf.h"
#include "conf/network_conf.h"
#include "conf/snapshot_conf.h"
#include "conf/storage_conf.h"
#include "libvireo/datatypes.h"
#include "libvireo/vrobjectevent.h"

typedef struct _testSnapshot testSnapshot;
struct _testSnapshot {
    vrSnapshotDef *def;
    testSnapshot *parent;
};

typedef struct {
    vrDomainDef *def;          /* live definition, or the config when inactive */
    vrDomainDef *newDef;       /* config to return to when a running guest stops */
    int state;
    int reason;
    bool persistent;
    bool autostart;
    bool hasManagedSave;
    GPtrArray *snapshots;      /* testSnapshot, creation order */
    testSnapshot *currentSnapshot;
    /* guest agent emulation, as libvirt's test driver keeps it */
    bool frozen[2];            /* "/" and "/boot" */
    long long seconds;         /* guest clock */
    unsigned int nseconds;
} testDomainObj;

/* The guest clock every test guest starts with (libvirt's value). */
#define TEST_DOMAIN_TIME 627319920LL

typedef struct {
    vrNetworkDef *def;
    vrNetworkDef *newDef;
    bool active;
    bool persistent;
    bool autostart;
} testNetworkObj;

typedef struct {
    vrStorageVolDef *def;
} testVolumeObj;

typedef struct {
    vrStoragePoolDef *def;
    bool active;
    bool persistent;
    bool autostart;
    GPtrArray *volumes;        /* testVolumeObj */
} testPoolObj;

typedef struct {
    vrInterfaceDef *def;
    bool active;
} testInterfaceObj;

typedef struct {
    GMutex lock;
    vrNodeInfo nodeInfo;
    int nextDomID;
    GPtrArray *domains;        /* testDomainObj */
    GPtrArray *networks;       /* testNetworkObj */
    GPtrArray *pools;          /* testPoolObj */
    GPtrArray *interfaces;     /* testInterfaceObj */
    GHashTable *savedImages;   /* path -> definition XML, for save/restore */
    vrObjectEventState *eventState;   /* domain events, for every connection */
} testDriver;

extern const vrDomainXMLOption testXMLOption;

/* test_defaults.c */
int testDriverLoadDefaults(testDriver *drv);
char *testDriverCapabilities(void);
const char *testDriverSysinfo(void);

/* Object helpers shared by the test_*.c files.  All take the driver lock
 * already held. */
testDomainObj *testDomainFind(testDriver *drv, vrDomain *dom);
testDomainObj *testDomainFindByName(testDriver *drv, const char *name);
testDomainObj *testDomainFindByUUID(testDriver *drv, const unsigned char *uuid);
void testDomainObjFree(testDomainObj *obj);
vrDomainDef *testDomainPersistentDef(testDomainObj *obj);
bool testDomainIsActive(const testDomainObj *obj);
void testDomainStart(testDriver *drv, testDomainObj *obj, int reason);
void testDomainStop(testDriver *drv, testDomainObj *obj, int reason);
void testDomainGenerateIfnames(vrDomainDef *def);

/* Queues a lifecycle event for a guest (driver lock held is fine). */
void testDomainEventLifecycle(testDriver *drv, testDomainObj *obj, int type, int detail);

#define testDriverFrom(conn) ((testDriver *)(conn)->privateData)

/* Per-kind tables, defined in test_*.c and bundled in test_driver.c. */
void testDomainDriverInit(vrHypervisorDriver *hv);
void testSnapshotDriverInit(vrHypervisorDriver *hv);
extern const vrNetworkDriver testNetworkDriver;
extern const vrStorageDriver testStorageDriver;
extern const vrInterfaceDriver testInterfaceDriver;

void testSnapshotFree(testSnapshot *snap);
void testNetworkObjFree(testNetworkObj *obj);
void testPoolObjFree(testPoolObj *obj);
void testInterfaceObjFree(testInterfaceObj *obj);

int testRegister(void);

#endif
