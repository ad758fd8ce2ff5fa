/*
 * daemon_paths.c: where the daemon keeps things.
 */
#include <config.h>

#include <string.h>
#include <glib.h>

#include "daemon_paths.h"
#include "util/vrfile.h"

/* The system daemon uses the usual places (/var/run is /run, /var/log and
 * /var/lib); a private root mirrors them as ROOT/run, ROOT/log, ROOT/lib. */
void
vrDaemonPathsInit(vrDaemonPaths *paths, const char *root)
{
    bool system = !root || g_str_equal(root, "/");
    const char *base = system ? "/" : root;

    paths->root = g_strdup(base);
    paths->configDir = g_build_filename(base, "etc", "vireo", NULL);
    paths->configFile = g_build_filename(paths->configDir, "vireod.conf", NULL);
    paths->runDir = g_build_filename(base, "run", "vireo", NULL);
    paths->sockRw = g_build_filename(paths->runDir, "vireo-sock", NULL);
    paths->sockRo = g_build_filename(paths->runDir, "vireo-sock-ro", NULL);
    paths->pidFile = g_build_filename(paths->runDir, "vireod.pid", NULL);
    paths->logDir = system ? g_strdup("/var/log/vireo")
                           : g_build_filename(base, "log", "vireo", NULL);
    paths->libDir = system ? g_strdup("/var/lib/vireo")
                           : g_build_filename(base, "lib", "vireo", NULL);
}

int
vrDaemonPathsMake(const vrDaemonPaths *paths)
{
    if (vrFileMakePath(paths->configDir, 0755) < 0 || vrFileMakePath(paths->runDir, 0755) < 0 ||
        vrFileMakePath(paths->logDir, 0700) < 0 || vrFileMakePath(paths->libDir, 0755) < 0)
        return -1;
    return 0;
}

void
vrDaemonPathsClear(vrDaemonPaths *paths)
{
    g_free(paths->root);
    g_free(paths->configDir);
    g_free(paths->configFile);
    g_free(paths->runDir);
    g_free(paths->sockRw);
    g_free(paths->sockRo);
    g_free(paths->pidFile);
    g_free(paths->logDir);
    g_free(paths->libDir);
    memset(paths, 0, sizeof(*paths));
}
