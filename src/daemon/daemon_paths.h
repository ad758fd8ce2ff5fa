/*
 * daemon_paths.h: where the daemon keeps things, relative to its root
 * (DESIGN.md's on-disk layout; the root is / for the system daemon).
 */
#ifndef VR_DAEMON_PATHS_H
#define VR_DAEMON_PATHS_H

typedef struct {
    char *root;          /* "/" or the --root directory */
    char *configDir;     /* etc/vireo */
    char *configFile;    /* etc/vireo/vireod.conf */
    char *runDir;        /* run/vireo */
    char *sockRw;        /* run/vireo/vireo-sock */
    char *sockRo;        /* run/vireo/vireo-sock-ro */
    char *pidFile;       /* run/vireo/vireod.pid */
    char *logDir;        /* log/vireo */
    char *libDir;        /* lib/vireo */
} vrDaemonPaths;

void vrDaemonPathsInit(vrDaemonPaths *paths, const char *root);
/* Creates the directories the daemon writes to. */
int vrDaemonPathsMake(const vrDaemonPaths *paths);
void vrDaemonPathsClear(vrDaemonPaths *paths);

#endif
