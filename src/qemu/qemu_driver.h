/*
 * qemu_driver.h: the QEMU driver's state, shared by its files.
 *
 * One driver state exists per root: the system driver inside vireod
 * (qemu:///system), and one per root directory for embedded use in any
 * process (qemu:///embed?root=DIR).  Connections point at a state; the
 * state outlives them and owns the guests.  Running guests are separate
 * QEMU processes and outlive the state: a new state for the same root
 * re-attaches to them from their status files.
 */
#ifndef VR_QEMU_DRIVER_H
#define VR_QEMU_DRIVER_H

#include <glib.h>

#include "conf/domain_conf.h"
#include "libvireo/datatypes.h"
#include "libvireo/vrobjectevent.h"
#include "qemu_agent.h"
#include "qemu_capabilities.h"
#include "qemu_conf.h"
#include "qemu_domain.h"
#include "qemu_ports.h"
#include "util/vrevent.h"

typedef struct _vrQemuDriver vrQemuDriver;
struct _vrQemuDriver {
    gint refs;
    GMutex lock;                 /* guards the fields marked (L) */
    vrQemuDriverConfig *cfg;
    vrQemuCapsCache *capsCache;
    vrQemuDomainObjList *domains;
    vrDomainXMLOption xmlopt;
    bool privileged;

    /* QMP traffic of every guest is serviced by one loop thread. */
    vrEventLoop *loop;
    GThread *loopThread;

    /* Work that must not run in the loop thread (a QEMU that died needs
     * its guest cleaned up, which takes locks and runs commands). */
    GThreadPool *workers;

    vrQemuPorts *displayPorts;   /* VNC/SPICE autoport */
    vrObjectEventState *eventState;  /* domain events to registered clients */
    char *hostname;
};

/* The state for @root (NULL = the system driver), created on first use.
 * Returns a new reference. */
vrQemuDriver *vrQemuDriverGet(const char *root, bool embed);
vrQemuDriver *vrQemuDriverRef(vrQemuDriver *driver);
void vrQemuDriverUnref(vrQemuDriver *driver);

/* vireod: bring the system driver up at start (autostart, re-attach) and
 * down at exit (running guests keep running). */
int vrQemuDriverStateInitialize(const char *root);
void vrQemuDriverStateCleanup(void);

#define vrQemuDriverFrom(conn) ((vrQemuDriver *)(conn)->privateData)

/* ---- helpers shared by the driver files ---------------------------- */

/* The guest a handle names, locked and referenced, or NULL with libvirt's
 * "no domain with matching uuid" error. */
vrQemuDomainObj *vrQemuDomObjFromDomain(vrDomain *dom);
vrDomain *vrQemuDomainHandle(vrConnect *conn, vrQemuDomainObj *obj);

/* Persistent config file of a guest, and writing/removing it. */
char *vrQemuDomainConfigPath(vrQemuDriver *driver, const char *name);
int vrQemuDomainSaveConfig(vrQemuDriver *driver, const vrDomainDef *def);
int vrQemuDomainDeleteConfig(vrQemuDriver *driver, const char *name);
int vrQemuDomainSetAutostartLink(vrQemuDriver *driver, const char *name, bool on);

/* Parses a definition with the driver's defaults and post-parse checks. */
vrDomainDef *vrQemuDomainParse(vrQemuDriver *driver, const char *xml, unsigned int parseFlags);

/* The definitions a change with VR_DOMAIN_AFFECT_* @flags works on
 * (CURRENT resolved against the guest's state); NULL where not affected. */
int vrQemuDomainGetDefs(vrQemuDomainObj *obj, unsigned int flags, vrDomainDef **live,
                        vrDomainDef **config);

/* The guest's agent, connected on first use; NULL with "QEMU guest agent
 * is not configured" or the connection error.  In a job, object locked. */
vrQemuAgent *vrQemuDomainAgentGet(vrQemuDriver *driver, vrQemuDomainObj *obj);

/* Runs @job in the worker pool (it owns @data). */
void vrQemuDriverQueueWork(vrQemuDriver *driver, GFunc job, void *data);

/* The driver tables. */
void vrQemuDomainDriverInit(vrHypervisorDriver *hv);
void vrQemuLifecycleDriverInit(vrHypervisorDriver *hv);
void vrQemuConsoleDriverInit(vrHypervisorDriver *hv);
void vrQemuSaveDriverInit(vrHypervisorDriver *hv);
void vrQemuHotplugDriverInit(vrHypervisorDriver *hv);
void vrQemuInfoDriverInit(vrHypervisorDriver *hv);
void vrQemuChangeDriverInit(vrHypervisorDriver *hv);
void vrQemuMonitorDriverInit(vrHypervisorDriver *hv);

/* Managed save images: lib/vireo/qemu/save/NAME.save. */
char *vrQemuManagedSavePath(vrQemuDriver *driver, const char *name);
/* Starts @obj from a save image: QEMU reads @fd, then the guest runs (or
 * stays paused, as the image or the VR_DOMAIN_SAVE_* @flags say).  In a
 * MODIFY job, object locked. */
int vrQemuRestoreFromImage(vrQemuDriver *driver, vrQemuDomainObj *obj, vrConnect *conn,
                           int fd, bool running, unsigned int flags);

int vrQemuRegister(void);

#endif
