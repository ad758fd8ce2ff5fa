/*
 * qemu_conf.c: the QEMU driver's paths and qemu.conf.
 *
 * qemu.conf uses libvirt's key names so that an administrator's existing
 * file means the same thing here.  Keys this driver does not act on are
 * ignored, as libvirt ignores keys for features it was built without;
 * a key it does act on with a bad value is an error naming the key.
 */
#include <config.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "qemu_conf.h"
#include "util/vrconffile.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.conf"

static void
vrQemuDriverConfigPaths(vrQemuDriverConfig *cfg, const char *root)
{
    bool system = !root || g_str_equal(root, "/");
    const char *base = system ? "/" : root;
    g_autofree char *lib = system ? g_strdup("/var/lib/vireo")
                                  : g_build_filename(base, "lib", "vireo", NULL);

    cfg->root = g_strdup(base);
    cfg->configDir = g_build_filename(base, "etc", "vireo", "qemu", NULL);
    cfg->autostartDir = g_build_filename(cfg->configDir, "autostart", NULL);
    cfg->configFile = g_build_filename(base, "etc", "vireo", "qemu.conf", NULL);
    cfg->stateDir = g_build_filename(base, "run", "vireo", "qemu", NULL);
    cfg->logDir = system ? g_strdup("/var/log/vireo/qemu")
                         : g_build_filename(base, "log", "vireo", "qemu", NULL);
    cfg->libDir = g_build_filename(lib, "qemu", NULL);
    cfg->saveDir = g_build_filename(cfg->libDir, "save", NULL);
    cfg->snapshotDir = g_build_filename(cfg->libDir, "snapshot", NULL);
    cfg->dumpDir = g_build_filename(cfg->libDir, "dump", NULL);
    cfg->channelDir = g_build_filename(cfg->libDir, "channel", NULL);
    cfg->nvramDir = g_build_filename(cfg->libDir, "nvram", NULL);
    cfg->imageDir = g_build_filename(lib, "images", NULL);
    cfg->cacheDir = system ? g_strdup("/var/cache/vireo/qemu")
                           : g_build_filename(base, "cache", "vireo", "qemu", NULL);
}

vrQemuDriverConfig *
vrQemuDriverConfigNew(const char *root, bool embed)
{
    vrQemuDriverConfig *cfg = g_new0(vrQemuDriverConfig, 1);

    vrQemuDriverConfigPaths(cfg, root);
    cfg->embed = embed;
    /* An embedded driver runs QEMU as whoever runs it; the system driver
     * as root unless qemu.conf names an unprivileged user. */
    cfg->uid = geteuid();
    cfg->gid = getegid();
    cfg->dynamicOwnership = !embed && cfg->uid == 0;
    cfg->rememberOwner = true;
    cfg->vncListen = g_strdup("127.0.0.1");
    cfg->spiceListen = g_strdup("127.0.0.1");
    cfg->remotePortMin = 5900;
    cfg->remotePortMax = 65535;
    cfg->securityDriver = g_strdup(cfg->uid == 0 && !embed ? "dac" : "none");
    cfg->seccompSandbox = -1;
    cfg->saveImageFormat = g_strdup("raw");
    cfg->dumpImageFormat = g_strdup("raw");
    return cfg;
}

void
vrQemuDriverConfigFree(vrQemuDriverConfig *cfg)
{
    if (!cfg)
        return;
    g_free(cfg->root);
    g_free(cfg->configDir);
    g_free(cfg->autostartDir);
    g_free(cfg->configFile);
    g_free(cfg->stateDir);
    g_free(cfg->logDir);
    g_free(cfg->libDir);
    g_free(cfg->saveDir);
    g_free(cfg->snapshotDir);
    g_free(cfg->dumpDir);
    g_free(cfg->channelDir);
    g_free(cfg->nvramDir);
    g_free(cfg->imageDir);
    g_free(cfg->cacheDir);
    g_free(cfg->user);
    g_free(cfg->group);
    g_free(cfg->vncListen);
    g_free(cfg->spiceListen);
    g_free(cfg->securityDriver);
    g_free(cfg->saveImageFormat);
    g_free(cfg->dumpImageFormat);
    g_strfreev(cfg->nvram);
    g_free(cfg);
}

/* "name" or "+123" (a numeric id), as qemu.conf allows. */
static int
vrQemuResolveUser(const char *path, const char *name, uid_t *uid, gid_t *defaultGid)
{
    struct passwd pw, *res = NULL;
    char buf[4096];
    int rc;

    if (name[0] == '+') {
        char *end;
        unsigned long v = strtoul(name + 1, &end, 10);
        if (!name[1] || *end) {
            vrReportError(VR_ERR_CONF_SYNTAX, "%s: user: '%s' is not a valid user id",
                          path, name);
            return -1;
        }
        *uid = (uid_t)v;
        return 0;
    }
    rc = getpwnam_r(name, &pw, buf, sizeof(buf), &res);
    if (rc != 0 || !res) {
        vrReportError(VR_ERR_CONF_SYNTAX,
                      "%s: user: there is no user '%s' on this host (create it, or set "
                      "user = \"root\")", path, name);
        return -1;
    }
    *uid = pw.pw_uid;
    *defaultGid = pw.pw_gid;
    return 0;
}

static int
vrQemuResolveGroup(const char *path, const char *name, gid_t *gid)
{
    struct group gr, *res = NULL;
    char buf[4096];
    int rc;

    if (name[0] == '+') {
        char *end;
        unsigned long v = strtoul(name + 1, &end, 10);
        if (!name[1] || *end) {
            vrReportError(VR_ERR_CONF_SYNTAX, "%s: group: '%s' is not a valid group id",
                          path, name);
            return -1;
        }
        *gid = (gid_t)v;
        return 0;
    }
    rc = getgrnam_r(name, &gr, buf, sizeof(buf), &res);
    if (rc != 0 || !res) {
        vrReportError(VR_ERR_CONF_SYNTAX, "%s: group: there is no group '%s' on this host",
                      path, name);
        return -1;
    }
    *gid = gr.gr_gid;
    return 0;
}

static int
vrQemuConfString(vrConfFile *conf, const char *key, char **field)
{
    g_autofree char *value = NULL;
    int rc = vrConfGetString(conf, key, &value);

    if (rc > 0) {
        g_free(*field);
        *field = g_steal_pointer(&value);
    }
    return rc < 0 ? -1 : 0;
}

static int
vrQemuConfChoice(vrConfFile *conf, const char *path, const char *key,
                 const char *const *choices, char **field)
{
    g_autofree char *value = NULL;
    int rc = vrConfGetString(conf, key, &value);

    if (rc <= 0)
        return rc;
    for (size_t i = 0; choices[i]; i++) {
        if (g_str_equal(value, choices[i])) {
            g_free(*field);
            *field = g_steal_pointer(&value);
            return 0;
        }
    }
    vrReportError(VR_ERR_CONF_SYNTAX, "%s: %s: unknown value '%s'", path, key, value);
    return -1;
}

static int
vrQemuConfLoadIdentity(vrQemuDriverConfig *cfg, vrConfFile *conf, const char *path)
{
    gid_t userGid = cfg->gid;

    if (vrQemuConfString(conf, "user", &cfg->user) < 0 ||
        vrQemuConfString(conf, "group", &cfg->group) < 0)
        return -1;
    if (cfg->user && vrQemuResolveUser(path, cfg->user, &cfg->uid, &userGid) < 0)
        return -1;
    cfg->gid = userGid;
    if (cfg->group && vrQemuResolveGroup(path, cfg->group, &cfg->gid) < 0)
        return -1;
    if (cfg->embed && (cfg->uid != geteuid() || cfg->gid != getegid())) {
        vrReportError(VR_ERR_CONF_SYNTAX,
                      "%s: user/group: an embedded driver runs QEMU as its own user and "
                      "cannot switch to '%s'", path, cfg->user ? cfg->user : cfg->group);
        return -1;
    }
    return 0;
}

static int
vrQemuConfLoadGraphics(vrQemuDriverConfig *cfg, vrConfFile *conf, const char *path)
{
    if (vrQemuConfString(conf, "vnc_listen", &cfg->vncListen) < 0 ||
        vrQemuConfString(conf, "spice_listen", &cfg->spiceListen) < 0 ||
        vrConfGetBool(conf, "vnc_auto_unix_socket", &cfg->vncAutoUnixSocket) < 0 ||
        vrConfGetUInt(conf, "remote_display_port_min", &cfg->remotePortMin) < 0 ||
        vrConfGetUInt(conf, "remote_display_port_max", &cfg->remotePortMax) < 0)
        return -1;
    if (cfg->remotePortMin < 5900 || cfg->remotePortMax > 65535 ||
        cfg->remotePortMin > cfg->remotePortMax) {
        vrReportError(VR_ERR_CONF_SYNTAX,
                      "%s: remote_display_port_min/max: %u..%u is not a range within "
                      "5900..65535", path, cfg->remotePortMin, cfg->remotePortMax);
        return -1;
    }
    return 0;
}

int
vrQemuDriverConfigLoad(vrQemuDriverConfig *cfg, const char *path)
{
    static const char *const securityDrivers[] = { "none", "dac", NULL };
    static const char *const imageFormats[] = { "raw", "gzip", "bzip2", "xz", "lzop", NULL };
    g_autoptr(vrConfFile) conf = NULL;
    long long sandbox = -1;
    int rc;

    if (!vrFileExists(path))
        return 0;
    if (!(conf = vrConfFileRead(path)))
        return -1;
    if (vrQemuConfLoadIdentity(cfg, conf, path) < 0 ||
        vrQemuConfLoadGraphics(cfg, conf, path) < 0 ||
        vrConfGetBool(conf, "dynamic_ownership", &cfg->dynamicOwnership) < 0 ||
        vrConfGetBool(conf, "remember_owner", &cfg->rememberOwner) < 0 ||
        vrConfGetBool(conf, "set_process_name", &cfg->setProcessName) < 0 ||
        vrConfGetUInt(conf, "max_processes", &cfg->maxProcesses) < 0 ||
        vrConfGetUInt(conf, "max_files", &cfg->maxFiles) < 0 ||
        vrConfGetUInt(conf, "max_queued", &cfg->maxQueuedJobs) < 0 ||
        vrConfGetBool(conf, "auto_start_bypass_cache", &cfg->autoStartBypassCache) < 0 ||
        vrConfGetBool(conf, "log_timestamp", &cfg->logTimestamp) < 0 ||
        vrQemuConfChoice(conf, path, "security_driver", securityDrivers,
                         &cfg->securityDriver) < 0 ||
        vrQemuConfChoice(conf, path, "save_image_format", imageFormats,
                         &cfg->saveImageFormat) < 0 ||
        vrQemuConfChoice(conf, path, "dump_image_format", imageFormats,
                         &cfg->dumpImageFormat) < 0 ||
        vrConfGetStringList(conf, "nvram", &cfg->nvram) < 0)
        return -1;
    if ((rc = vrConfGetInt(conf, "seccomp_sandbox", &sandbox)) < 0)
        return -1;
    if (rc > 0) {
        if (sandbox < -1 || sandbox > 1) {
            vrReportError(VR_ERR_CONF_SYNTAX, "%s: seccomp_sandbox: %lld is not -1, 0 or 1",
                          path, sandbox);
            return -1;
        }
        cfg->seccompSandbox = (int)sandbox;
    }
    return 0;
}

int
vrQemuDriverConfigMakeDirs(const vrQemuDriverConfig *cfg)
{
    const char *const dirs[] = {
        cfg->configDir, cfg->autostartDir, cfg->stateDir, cfg->logDir, cfg->libDir,
        cfg->saveDir, cfg->snapshotDir, cfg->dumpDir, cfg->channelDir, cfg->nvramDir,
        cfg->imageDir, cfg->cacheDir,
    };

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        /* Logs can hold guest output and secrets on command lines. */
        mode_t mode = dirs[i] == cfg->logDir ? 0700 : 0755;
        if (vrFileMakePath(dirs[i], mode) < 0)
            return -1;
    }
    return 0;
}
