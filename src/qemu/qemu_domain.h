/*
 * qemu_domain.h: a guest as the QEMU driver holds it, and the list of them.
 *
 * Locking: each object has a mutex held only for short, non-blocking
 * work.  Anything that talks to QEMU or waits takes the object's job
 * first (vrQemuDomainObjBeginJob), then drops the mutex around the
 * monitor call (vrQemuDomainObjEnterMonitor / ExitMonitor), so queries
 * of other guests, and of this guest's state, never wait behind it.
 *
 * One job runs at a time, except that a long asynchronous job (save,
 * dump, migration) admits short query and destroy jobs beside it, and
 * destroy never waits for anything but the mutex.
 */
#ifndef VR_QEMU_DOMAIN_H
#define VR_QEMU_DOMAIN_H

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

#include "conf/domain_conf.h"

typedef struct _vrQemuMonitor vrQemuMonitor;
typedef struct _vrQemuAgent vrQemuAgent;

typedef enum {
    VR_QEMU_JOB_NONE = 0,
    VR_QEMU_JOB_QUERY,         /* reads state from QEMU */
    VR_QEMU_JOB_DESTROY,       /* stops the guest; admitted beside anything */
    VR_QEMU_JOB_MODIFY,        /* changes the guest or its definition */
    VR_QEMU_JOB_ASYNC,         /* save, dump, managed save, migration */
    VR_QEMU_JOB_LAST
} vrQemuJob;

typedef struct {
    unsigned long long started;  /* ms since epoch */
    unsigned long long total;    /* bytes, 0 when unknown */
    unsigned long long processed;
    bool abortRequested;
    const char *operation;       /* "Save", "Dump", ... for domjobinfo */
} vrQemuJobProgress;

typedef struct _vrQemuDomainObj vrQemuDomainObj;
struct _vrQemuDomainObj {
    gint refs;
    GMutex lock;
    GCond jobCond;

    vrDomainDef *def;            /* live definition when running, else the config */
    vrDomainDef *newDef;         /* config to go back to when a running guest stops */
    int state;                   /* vrDomainState */
    int reason;
    bool persistent;
    bool autostart;
    bool removed;                /* undefined while someone held a reference */
    bool hasManagedSave;

    /* jobs */
    int job;                     /* vrQemuJob of the synchronous job */
    GThread *jobOwner;
    const char *jobName;
    bool asyncJob;               /* an ASYNC job is running */
    GThread *asyncOwner;
    vrQemuJobProgress progress;

    /* the running process */
    pid_t pid;
    unsigned long long pidStartTime; /* to tell our QEMU from a reused pid */
    vrQemuMonitor *mon;
    vrQemuAgent *agent;
    bool beingDestroyed;         /* EOF from a destroy is not a crash */
    bool fakeReboot;             /* a SHUTDOWN should reset the guest, not stop it */
    bool gotShutdown;            /* QEMU reported SHUTDOWN: EOF is a normal end */
    bool shutdownByGuest;        /* ... initiated inside the guest */
    bool gotPanic;               /* QEMU reported GUEST_PANICKED: EOF is a crash */
    bool autoDestroy;            /* stop when the connection that started it goes */
    void *autoDestroyConn;
    char *monitorPath;
    char *logPath;
    GPtrArray *removedDevices;   /* aliases QEMU reported DEVICE_DELETED for */
};

vrQemuDomainObj *vrQemuDomainObjNew(vrDomainDef *def);
vrQemuDomainObj *vrQemuDomainObjRef(vrQemuDomainObj *obj);
void vrQemuDomainObjUnref(vrQemuDomainObj *obj);
void vrQemuDomainObjLock(vrQemuDomainObj *obj);
void vrQemuDomainObjUnlock(vrQemuDomainObj *obj);
/* Unlock and unref, for g_autoptr-style "done with it". */
void vrQemuDomainObjEndAPI(vrQemuDomainObj **obj);

bool vrQemuDomainObjIsActive(const vrQemuDomainObj *obj);
/* The definition the next start uses. */
vrDomainDef *vrQemuDomainObjPersistentDef(vrQemuDomainObj *obj);
/* Keeps a copy of the config before the running definition diverges. */
int vrQemuDomainObjSetDefTransient(vrQemuDomainObj *obj, const vrDomainXMLOption *opt);
/* After the guest stopped: back to the config (or nothing, if transient). */
void vrQemuDomainObjRestoreConfig(vrQemuDomainObj *obj);
void vrQemuDomainObjSetState(vrQemuDomainObj *obj, int state, int reason);

/* Jobs: called with the object locked; they wait with it unlocked.
 * A job that cannot start within the timeout fails with libvirt's
 * "Timed out during operation: cannot acquire state change lock". */
int vrQemuDomainObjBeginJob(vrQemuDomainObj *obj, vrQemuJob job, const char *name);
void vrQemuDomainObjEndJob(vrQemuDomainObj *obj);
int vrQemuDomainObjBeginAsyncJob(vrQemuDomainObj *obj, const char *operation);
void vrQemuDomainObjEndAsyncJob(vrQemuDomainObj *obj);

/* Around a monitor call inside a job: unlock, keep a reference; relock.
 * Fails (reported) when the guest is no longer running. */
int vrQemuDomainObjEnterMonitor(vrQemuDomainObj *obj);
void vrQemuDomainObjExitMonitor(vrQemuDomainObj *obj);

/* ---- the list ------------------------------------------------------ */

typedef struct _vrQemuDomainObjList vrQemuDomainObjList;

vrQemuDomainObjList *vrQemuDomainObjListNew(void);
void vrQemuDomainObjListFree(vrQemuDomainObjList *list);

/* Adds a new guest or (with @replaceConfig) updates an existing one's
 * config.  Checks that the name and UUID do not belong to another guest;
 * takes ownership of @def on success.  Returns the object locked and
 * referenced, and whether it existed before in @old (may be NULL). */
vrQemuDomainObj *vrQemuDomainObjListAdd(vrQemuDomainObjList *list, vrDomainDef **def,
                                        bool live, vrDomainDef **oldDef);
/* The same name and UUID checks, without adding: 0 or -1 with the error. */
int vrQemuDomainObjListCheck(vrQemuDomainObjList *list, const vrDomainDef *def, bool live);
void vrQemuDomainObjListRemove(vrQemuDomainObjList *list, vrQemuDomainObj *obj);

/* Lookups return the object locked and referenced, or NULL (no error). */
vrQemuDomainObj *vrQemuDomainObjListFindByName(vrQemuDomainObjList *list, const char *name);
vrQemuDomainObj *vrQemuDomainObjListFindByUUID(vrQemuDomainObjList *list,
                                               const unsigned char *uuid);
vrQemuDomainObj *vrQemuDomainObjListFindByID(vrQemuDomainObjList *list, int id);

/* A referenced (unlocked) snapshot of every object, for listing. */
GPtrArray *vrQemuDomainObjListCollect(vrQemuDomainObjList *list);
int vrQemuDomainObjListNextID(vrQemuDomainObjList *list);
/* A re-attached guest keeps its id; later guests get higher ones. */
void vrQemuDomainObjListReserveID(vrQemuDomainObjList *list, int id);
size_t vrQemuDomainObjListCount(vrQemuDomainObjList *list, bool active);

#endif
