/*
 * qemu_conf.h: the QEMU driver's configuration: where it keeps things and
 * what qemu.conf says.
 *
 * The system driver (vireod without --root) uses the host's usual places;
 * a driver with a root (vireod --root DIR, qemu:///embed?root=DIR) keeps
 * everything below DIR, laid out as DESIGN.md's state-on-disk table.
 */
#ifndef VR_QEMU_CONF_H
#define VR_QEMU_CONF_H

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

typedef struct {
    char *root;                /* "/" for the system driver */
    bool embed;                /* in-process (qemu:///embed) */

    char *configDir;           /* persistent definitions: etc/vireo/qemu */
    char *autostartDir;        /* configDir/autostart */
    char *configFile;          /* etc/vireo/qemu.conf */
    char *stateDir;            /* live status, QMP sockets, pid files: run/vireo/qemu */
    char *logDir;              /* log/vireo/qemu */
    char *libDir;              /* lib/vireo/qemu */
    char *saveDir;             /* libDir/save (managed save images) */
    char *snapshotDir;         /* libDir/snapshot */
    char *dumpDir;             /* libDir/dump */
    char *channelDir;          /* libDir/channel (guest agent sockets) */
    char *nvramDir;            /* libDir/nvram */
    char *imageDir;            /* lib/vireo/images (the default pool) */
    char *cacheDir;            /* cache/vireo/qemu (capabilities) */

    /* qemu.conf */
    char *user;                /* user QEMU runs as */
    char *group;
    uid_t uid;
    gid_t gid;
    bool dynamicOwnership;     /* chown images to uid:gid while in use */
    bool rememberOwner;        /* and give them back afterwards */
    char *vncListen;
    char *spiceListen;
    bool vncAutoUnixSocket;
    unsigned int remotePortMin;
    unsigned int remotePortMax;
    char *securityDriver;      /* "none" or "dac" */
    int seccompSandbox;        /* -1 default (on), 0 off, 1 on */
    bool setProcessName;
    unsigned int maxProcesses;
    unsigned int maxFiles;
    char *saveImageFormat;     /* raw, gzip, ... */
    char *dumpImageFormat;
    bool autoStartBypassCache;
    unsigned int maxQueuedJobs;
    bool logTimestamp;
    char **nvram;              /* "loader:template" pairs */
} vrQemuDriverConfig;

/* Fills paths for @root (NULL or "/" = system) and qemu.conf's defaults. */
vrQemuDriverConfig *vrQemuDriverConfigNew(const char *root, bool embed);
void vrQemuDriverConfigFree(vrQemuDriverConfig *cfg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrQemuDriverConfig, vrQemuDriverConfigFree)

/* Reads @path (a missing file is fine) over the defaults; resolves the
 * user and group.  Errors name the file, the key and the value. */
int vrQemuDriverConfigLoad(vrQemuDriverConfig *cfg, const char *path);

/* Creates the directories the driver writes to. */
int vrQemuDriverConfigMakeDirs(const vrQemuDriverConfig *cfg);

#endif
