/*
 * qemu_process.c: the life of a QEMU process.
 *
 * QEMU is started daemonized (it must outlive vireod), stopped with -S
 * until the monitor is up, and watched through its QMP socket: end of
 * file on the monitor is how we learn that it died, whoever killed it.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "qemu_command.h"
#include "qemu_command_secret.h"
#include "qemu_domain_storage.h"
#include "qemu_events.h"
#include "qemu_interface.h"
#include "qemu_monitor_cmds.h"
#include "qemu_process.h"
#include "qemu_security.h"
#include "qemu_status.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vrprocess.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.process"

/* How long QEMU may take to bring up its monitor (TCG under load is slow). */
#define VR_QEMU_MONITOR_START_MS 30000
/* SIGTERM grace before SIGKILL: QEMU exits on SIGTERM within milliseconds. */
#define VR_QEMU_KILL_GRACE_MS 10
#define VR_QEMU_KILL_GRACEFUL_MS 3000

/* ---- the guest log ------------------------------------------------- */

static char *
vrQemuLogPath(vrQemuDriver *driver, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.log", name);

    return g_build_filename(driver->cfg->logDir, file, NULL);
}

static char *
vrQemuLogTimestamp(void)
{
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree char *base = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

    return g_strdup_printf("%s.%03d+0000", base, g_date_time_get_microsecond(now) / 1000);
}

void
vrQemuProcessLog(vrQemuDriver *driver, const char *name, const char *fmt, ...)
{
    g_autofree char *path = vrQemuLogPath(driver, name);
    g_autofree char *stamp = vrQemuLogTimestamp();
    g_autofree char *text = NULL;
    g_autofree char *line = NULL;
    va_list ap;
    int fd;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    line = g_strdup_printf("%s: %s\n", stamp, text);
    if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        VR_WARN("cannot write to guest log '%s': %s", path, g_strerror(errno));
        return;
    }
    if (vrFileWriteFull(fd, line, strlen(line)) < 0)
        VR_WARN("cannot write to guest log '%s': %s", path, g_strerror(errno));
    close(fd);
}

/* What QEMU printed since @offset, for start errors: its own message is
 * the most useful thing we can tell the user. */
static char *
vrQemuLogTail(vrQemuDriver *driver, const char *name, off_t offset)
{
    g_autofree char *path = vrQemuLogPath(driver, name);
    g_autofree char *all = NULL;
    g_autofree char *tail = NULL;
    int len;

    if ((len = vrFileReadAll(path, 1 << 20, &all)) < 0 || offset > len) {
        g_clear_pointer(&all, g_free);
        return g_strdup("");
    }
    tail = g_strstrip(g_strdup(all + offset));
    /* Keep the last few lines: the reason is at the end. */
    if (strlen(tail) > 2048)
        return g_strdup(tail + strlen(tail) - 2048);
    return g_steal_pointer(&tail);
}

/* ---- preparing a start --------------------------------------------- */

vrQemuCaps *
vrQemuProcessCaps(vrQemuDriver *driver, const vrDomainDef *def)
{
    if (def->emulator)
        return vrQemuCapsCacheLookup(driver->capsCache, def->emulator);
    return vrQemuCapsCacheLookupArch(driver->capsCache, def->os.arch ? def->os.arch : "x86_64");
}

/* type='kvm' on a host whose KVM cannot run guests would hang or die in
 * QEMU; say so before starting anything. */
static int
vrQemuProcessCheckAccel(const vrDomainDef *def, vrQemuCaps *caps)
{
    const char *why = NULL;

    if (def->virtType == VR_DOMAIN_VIRT_QEMU)
        return 0;
    if (def->virtType != VR_DOMAIN_VIRT_KVM) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "guest '%s': domain type '%s' cannot run on QEMU; use 'kvm' or 'qemu'",
                      def->name, vrDomainVirtTypeToString(def->virtType));
        return -1;
    }
    if (!vrQemuCapsKVMPresent(caps)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "guest '%s' asks for KVM (type='kvm') but this host has no usable "
                      "/dev/kvm; use type='qemu' to run it with TCG", def->name);
        return -1;
    }
    if (!vrQemuCapsKVMUsable(caps, &why)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "guest '%s' asks for KVM (type='kvm') but KVM cannot run guests on this "
                      "host: %s; use type='qemu' to run it with TCG", def->name,
                      why ? why : "the test guest did not run");
        return -1;
    }
    return 0;
}

/* UNIX socket paths are limited to 107 bytes; a deep --root would not
 * fit, so such guests get their sockets in a short per-root directory. */
static char *
vrQemuSocketPath(vrQemuDriver *driver, const char *name, const char *suffix)
{
    g_autofree char *file = g_strdup_printf("%s.%s", name, suffix);
    g_autofree char *path = g_build_filename(driver->cfg->stateDir, file, NULL);
    g_autofree char *hash = NULL;
    g_autofree char *dir = NULL;

    if (strlen(path) < sizeof(((struct sockaddr_un *)0)->sun_path))
        return g_steal_pointer(&path);
    hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, driver->cfg->stateDir, -1);
    hash[16] = '\0';
    dir = g_strdup_printf("/run/vireo-%u-%s", (unsigned int)geteuid(), hash);
    if (access("/run", W_OK) != 0)
        dir = g_strdup_printf("%s/vireo-%u-%s", g_get_tmp_dir(), (unsigned int)geteuid(), hash);
    vrFileMakePath(dir, 0700);
    return g_build_filename(dir, file, NULL);
}

static int
vrQemuProcessAllocPorts(vrQemuDriver *driver, vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ngraphics; i++) {
        vrDomainGraphicsDef *g = def->graphics[i];
        const char *listen = g->nlistens ? g->listens[0].address : NULL;

        if (g->type != VR_DOMAIN_GRAPHICS_TYPE_VNC && g->type != VR_DOMAIN_GRAPHICS_TYPE_SPICE)
            continue;
        if (g->nlistens && g->listens[0].socket)
            continue;
        if (!g->autoport && g->port > 0) {
            vrQemuPortsHold(driver->displayPorts, g->port);
            continue;
        }
        if (g->autoport || g->port <= 0) {
            int port = vrQemuPortsAcquire(driver->displayPorts,
                                          listen ? listen : driver->cfg->vncListen);
            if (port < 0)
                return -1;
            g->port = port;
            g->hasPort = true;
        }
    }
    return 0;
}

static void
vrQemuProcessReleasePorts(vrQemuDriver *driver, vrDomainDef *def)
{
    for (size_t i = 0; i < def->ngraphics; i++) {
        vrDomainGraphicsDef *g = def->graphics[i];
        if (g->type == VR_DOMAIN_GRAPHICS_TYPE_VNC || g->type == VR_DOMAIN_GRAPHICS_TYPE_SPICE)
            vrQemuPortsRelease(driver->displayPorts, g->port);
    }
}

/* virtio channels bound to a UNIX socket without a path (the guest agent
 * channel as virt-install writes it) get one in the channel directory. */
static int
vrQemuProcessPrepareChannels(vrQemuDriver *driver, vrDomainDef *def)
{
    g_autofree char *dir = g_build_filename(driver->cfg->channelDir, def->name, NULL);
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        vrDomainChrDef *chr = def->channels[i];

        if (chr->source.type != VR_DOMAIN_CHR_TYPE_UNIX || chr->source.path ||
            chr->targetType != VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO || !chr->targetName)
            continue;
        if (vrFileMakePath(dir, 0750) < 0)
            return -1;
        chr->source.path = g_build_filename(dir, chr->targetName, NULL);
        chr->source.listen = true;
    }
    return 0;
}

/* ---- spawning ------------------------------------------------------ */

static int
vrQemuProcessOpenLog(vrQemuDriver *driver, const char *name, off_t *offset)
{
    g_autofree char *path = vrQemuLogPath(driver, name);
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    struct stat st;

    if (fd < 0) {
        vrReportSystemError(errno, "cannot open log file '%s' for guest '%s'", path, name);
        return -1;
    }
    *offset = fstat(fd, &st) == 0 ? st.st_size : 0;
    return fd;
}

/* Connects to the monitor while watching the pid: a QEMU that refuses its
 * command line exits at once and must not make us wait 30 seconds. */
static int
vrQemuProcessConnectMonitor(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    gint64 deadline = g_get_monotonic_time() + VR_QEMU_MONITOR_START_MS * 1000LL;
    const char *path = obj->monitorPath;
    int fd = -1;

    while (fd < 0) {
        if (!vrProcessExists(obj->pid)) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "QEMU exited while starting");
            return -1;
        }
        if (g_get_monotonic_time() > deadline) {
            vrReportError(VR_ERR_OPERATION_TIMEOUT, "%s",
                          "QEMU did not open its monitor socket in time");
            return -1;
        }
        if ((fd = vrQemuMonitorConnectSocket(path, "QEMU monitor", 50)) < 0)
            g_usleep(10 * 1000);
    }
    obj->mon = vrQemuMonitorOpenFd(driver->loop, fd, VR_QEMU_MONITOR_START_MS,
                                   vrQemuEventsCallbacks(),
                                   vrQemuEventsContextNew(driver, obj));
    return obj->mon ? 0 : -1;
}

static int
vrQemuProcessSpawn(vrQemuDriver *driver, vrQemuDomainObj *obj, vrQemuCaps *caps,
                   int incomingFd, off_t *logOffset)
{
    g_autofree char *pidfile = NULL;
    g_autoptr(vrCommand) cmd = NULL;
    g_autofree char *cmdline = NULL;
    g_autoptr(vrQemuInterfaceHosts) nets = NULL;   /* our copies close after the spawn */
    vrQemuCommandParams params;
    int logfd;

    if ((logfd = vrQemuProcessOpenLog(driver, obj->def->name, logOffset)) < 0)
        return -1;
    pidfile = vrQemuSocketPath(driver, obj->def->name, "pid");
    vrQemuCommandParamsInit(&params);
    params.def = obj->def;
    params.caps = caps;
    params.cfg = driver->cfg;
    params.monitorPath = obj->monitorPath;
    params.incomingFd = incomingFd;
    if (!(nets = vrQemuInterfacePrepareAll(driver, obj->def))) {
        close(logfd);
        return -1;
    }
    params.nets = nets->sides;
    params.nnets = nets->nsides;
    if (!(cmd = vrQemuBuildCommandLine(&params))) {
        close(logfd);
        return -1;
    }
    cmdline = vrCommandToString(cmd, true);
    vrQemuProcessLog(driver, obj->def->name, "starting up vireo version: %s, qemu version: "
                     "%llu.%llu.%llu, hostname: %s", VIREO_VERSION,
                     vrQemuCapsVersion(caps) / 1000000, vrQemuCapsVersion(caps) / 1000 % 1000,
                     vrQemuCapsVersion(caps) % 1000, driver->hostname);
    vrFileWriteFull(logfd, cmdline, strlen(cmdline));
    vrFileWriteFull(logfd, "\n", 1);

    vrCommandSetOutputFD(cmd, logfd);
    vrCommandSetErrorFD(cmd, logfd);
    vrCommandDaemonize(cmd);
    vrCommandSetPidFile(cmd, pidfile);
    vrCommandSetUmask(cmd, 0007);
    if (driver->cfg->uid != geteuid() || driver->cfg->gid != getegid()) {
        vrCommandSetUID(cmd, driver->cfg->uid);
        vrCommandSetGID(cmd, driver->cfg->gid);
    }
    if (vrCommandRunAsync(cmd, &obj->pid) < 0) {
        close(logfd);
        return -1;
    }
    close(logfd);
    vrProcessGetStartTime(obj->pid, &obj->pidStartTime);
    return 0;
}

/* ---- after QEMU is up ---------------------------------------------- */

/* Pseudo terminals QEMU allocated become the live <source path=>. */
static int
vrQemuProcessReadPtys(vrQemuDomainObj *obj)
{
    g_autoptr(GHashTable) chardevs = NULL;
    vrDomainChrDef **lists[] = { obj->def->serials, obj->def->parallels, obj->def->channels,
                                 obj->def->consoles };
    size_t counts[] = { obj->def->nserials, obj->def->nparallels, obj->def->nchannels,
                        obj->def->nconsoles };
    size_t l, i;
    int rc;

    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorQueryChardev(obj->mon, &chardevs);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    for (l = 0; l < G_N_ELEMENTS(lists); l++) {
        for (i = 0; i < counts[l]; i++) {
            vrDomainChrDef *chr = lists[l][i];
            g_autofree char *id = NULL;
            vrQemuMonitorChardevInfo *info;

            if (chr->source.type != VR_DOMAIN_CHR_TYPE_PTY || !chr->info.alias)
                continue;
            id = g_strdup_printf("char%s", chr->info.alias);
            if ((info = g_hash_table_lookup(chardevs, id)) && info->ptyPath) {
                g_free(chr->source.path);
                chr->source.path = g_strdup(info->ptyPath);
            }
        }
    }
    return 0;
}

static int
vrQemuProcessLaunchVcpus(vrQemuDomainObj *obj, int runningReason, bool paused)
{
    int rc;

    if (paused) {
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_USER);
        return 0;
    }
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorCont(obj->mon);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, runningReason);
    return 0;
}

/* ---- start --------------------------------------------------------- */

static int
vrQemuProcessPrepare(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    if (vrQemuDomainObjSetDefTransient(obj, &driver->xmlopt) < 0)
        return -1;
    obj->def->id = vrQemuDomainObjListNextID(driver->domains);
    /* the live definition names every device as the command line does */
    vrQemuAssignDeviceAliases(obj->def);
    g_free(obj->monitorPath);
    obj->monitorPath = vrQemuSocketPath(driver, obj->def->name, "monitor");
    vrFileRemoveIfExists(obj->monitorPath);
    obj->beingDestroyed = false;
    obj->fakeReboot = false;
    obj->gotShutdown = false;
    obj->shutdownByGuest = false;
    obj->gotPanic = false;
    if (vrQemuProcessAllocPorts(driver, obj->def) < 0 ||
        vrQemuProcessPrepareChannels(driver, obj->def) < 0 ||
        vrQemuDomainResolveVolumes(driver, obj) < 0)
        return -1;
    return 0;
}

/* A failed start: nothing may be left running, and the error says what
 * QEMU said. */
static void
vrQemuProcessStartFailed(vrQemuDriver *driver, vrQemuDomainObj *obj, off_t logOffset)
{
    g_autoptr(vrError) saved = vrErrorSave();
    g_autofree char *tail = vrQemuLogTail(driver, obj->def->name, logOffset);
    g_autofree char *name = g_strdup(obj->def->name);
    bool destroyed = obj->beingDestroyed;
    /* QEMU exiting on its own (its monitor closing may come first): it
     * refused something, and said what in its log */
    bool exited = !destroyed && obj->pid > 0 && vrProcessWaitTimeout(obj->pid, 1000, NULL) == 1;

    obj->beingDestroyed = true;
    vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_FAILED);
    if (destroyed) {
        vrReportError(VR_ERR_OPERATION_FAILED, "guest '%s' was destroyed while it was starting",
                      name);
        return;
    }
    if (exited && *tail) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "guest '%s' failed to start: %s", name, tail);
        return;
    }
    vrErrorRestore(&saved);
}

int
vrQemuProcessStart(vrQemuDriver *driver, vrQemuDomainObj *obj, vrConnect *conn,
                   int runningReason, int incomingFd, unsigned int flags)
{
    g_autoptr(vrQemuCaps) caps = NULL;
    off_t logOffset = 0;

    if (vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "domain '%s' is already running",
                      obj->def->name);
        return -1;
    }
    if (!(caps = vrQemuProcessCaps(driver, obj->def)) ||
        vrQemuProcessCheckAccel(obj->def, caps) < 0)
        return -1;
    if (vrQemuProcessPrepare(driver, obj) < 0 ||
        vrQemuSecuritySetAllLabels(driver, obj) < 0 ||
        vrQemuProcessSpawn(driver, obj, caps, incomingFd, &logOffset) < 0)
        goto error;
    obj->autoDestroy = (flags & VR_QEMU_START_AUTODESTROY) != 0;
    obj->autoDestroyConn = obj->autoDestroy ? conn : NULL;

    /* Until the monitor answers, the guest is starting up. */
    vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_STARTING_UP);
    vrQemuDomainObjRef(obj);
    vrQemuDomainObjUnlock(obj);
    if (vrQemuProcessConnectMonitor(driver, obj) < 0) {
        vrQemuDomainObjLock(obj);
        vrQemuDomainObjUnref(obj);
        goto error;
    }
    vrQemuDomainObjLock(obj);
    vrQemuDomainObjUnref(obj);
    /* QEMU answers its monitor only after it has created its objects */
    vrQemuDiskSecretFilesRemove(driver->cfg->libDir, obj->def->name);

    if (vrQemuProcessReadPtys(obj) < 0 ||
        vrQemuInterfaceStartLinks(obj) < 0 ||
        vrQemuProcessLaunchVcpus(obj, runningReason, flags & VR_QEMU_START_PAUSED) < 0 ||
        vrQemuStatusSave(driver, obj) < 0)
        goto error;
    VR_INFO("guest %s started, pid %lld", obj->def->name, (long long)obj->pid);
    return 0;

 error:
    vrQemuProcessStartFailed(driver, obj, logOffset);
    return -1;
}

/* ---- stop ---------------------------------------------------------- */

int
vrQemuProcessKill(vrQemuDomainObj *obj, bool graceful)
{
    if (obj->pid <= 0)
        return 0;
    /* A pid whose start time changed is not our QEMU any more. */
    if (obj->pidStartTime) {
        unsigned long long start = 0;
        if (vrProcessGetStartTime(obj->pid, &start) < 0 || start != obj->pidStartTime)
            return 0;
    }
    if (vrProcessKillPainfully(obj->pid, graceful ? VR_QEMU_KILL_GRACEFUL_MS
                                                  : VR_QEMU_KILL_GRACE_MS) < 0)
        return -1;
    return 0;
}

static void
vrQemuProcessRemoveFiles(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    g_autofree char *pidfile = vrQemuSocketPath(driver, obj->def->name, "pid");

    if (obj->monitorPath)
        vrFileRemoveIfExists(obj->monitorPath);
    vrFileRemoveIfExists(pidfile);
    vrQemuDiskSecretFilesRemove(driver->cfg->libDir, obj->def->name);
    vrQemuStatusRemove(driver, obj->def->name);
}

static const char *
vrQemuShutoffReasonName(int reason)
{
    static const char *const names[] = {
        "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
        "from-snapshot", "daemon",
    };

    return reason >= 0 && reason < (int)G_N_ELEMENTS(names) ? names[reason] : "unknown";
}

void
vrQemuProcessStop(vrQemuDriver *driver, vrQemuDomainObj *obj, int reason)
{
    vrQemuMonitor *mon = g_steal_pointer(&obj->mon);

    /* Whoever stops a guest makes sure its QEMU is gone: a destroy that
     * found no process yet (the start had not spawned it) relies on this. */
    obj->beingDestroyed = true;
    vrQemuProcessKill(obj, false);
    vrQemuMonitorClose(mon);
    if (obj->agent) {
        /* the agent connection dies with QEMU's chardev */
        obj->agent = NULL;
    }
    vrQemuProcessLog(driver, obj->def->name, "shutting down, reason=%s",
                     vrQemuShutoffReasonName(reason));
    vrQemuProcessRemoveFiles(driver, obj);
    vrQemuInterfaceStopAll(driver, obj->def);
    vrQemuSecurityRestoreAllLabels(driver, obj);
    vrQemuProcessReleasePorts(driver, obj->def);
    g_ptr_array_set_size(obj->removedDevices, 0);
    obj->pid = 0;
    obj->pidStartTime = 0;
    obj->autoDestroy = false;
    obj->autoDestroyConn = NULL;
    vrQemuDomainObjSetState(obj, VR_DOMAIN_SHUTOFF, reason);
    vrQemuDomainObjRestoreConfig(obj);
    if (!obj->persistent)
        vrQemuDomainObjListRemove(driver->domains, obj);
}

/* ---- re-attach ----------------------------------------------------- */

static bool
vrQemuProcessIsOurs(const vrQemuStatus *st)
{
    unsigned long long start = 0;

    if (st->pid <= 1 || !vrProcessExists(st->pid))
        return false;
    return vrProcessGetStartTime(st->pid, &start) == 0 && start == st->pidStartTime;
}

/* The on_poweroff action for a guest found powered off at re-attach. */
static void
vrQemuProcessFinishShutdown(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    if (obj->def->onPoweroff == VR_DOMAIN_LIFECYCLE_PRESERVE) {
        vrQemuStatusSave(driver, obj);
        return;
    }
    obj->beingDestroyed = true;
    vrQemuProcessKill(obj, true);
    vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_SHUTDOWN);
}

/* 0 re-attached, 1 re-attached to a guest that has powered off, -1. */
static int
vrQemuProcessReattach(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    bool running = false;
    g_autofree char *status = NULL;
    int rc;

    if (vrQemuProcessConnectMonitor(driver, obj) < 0)
        return -1;
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        return -1;
    rc = vrQemuMonitorQueryStatus(obj->mon, &running, &status);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        return -1;
    /* A guest that powered off while nobody watched waits for us in
     * QEMU (-no-shutdown): finish its shutdown now. */
    if (g_str_equal(status, "shutdown")) {
        obj->gotShutdown = true;
        vrQemuDomainObjSetState(obj, VR_DOMAIN_SHUTDOWN, VR_DOMAIN_SHUTDOWN_USER);
        return 1;
    }
    /* The guest may have paused or resumed while nobody watched. */
    if (running && obj->state != VR_DOMAIN_RUNNING)
        vrQemuDomainObjSetState(obj, VR_DOMAIN_RUNNING, VR_DOMAIN_RUNNING_UNPAUSED);
    else if (!running && obj->state == VR_DOMAIN_RUNNING)
        vrQemuDomainObjSetState(obj, VR_DOMAIN_PAUSED, VR_DOMAIN_PAUSED_UNKNOWN);
    for (size_t i = 0; i < obj->def->ngraphics; i++)
        vrQemuPortsHold(driver->displayPorts, obj->def->graphics[i]->port);
    return vrQemuStatusSave(driver, obj) < 0 ? -1 : 0;
}

/* The status file's guest joins the list: as the running definition of a
 * known (persistent) guest, or as a transient guest of its own. */
static vrQemuDomainObj *
vrQemuProcessAdopt(vrQemuDriver *driver, vrQemuStatus *st)
{
    vrQemuDomainObj *obj = vrQemuDomainObjListFindByUUID(driver->domains, st->def->uuid);
    vrDomainDef *live = g_steal_pointer(&st->def);

    if (obj) {
        vrQemuDomainObjSetDefTransient(obj, &driver->xmlopt);
        vrDomainDefFree(obj->def);
        obj->def = live;
        return obj;
    }
    {
        int id = live->id;
        vrDomainDef *def = live;
        if (!(obj = vrQemuDomainObjListAdd(driver->domains, &def, true, NULL))) {
            vrDomainDefFree(def);
            return NULL;
        }
        obj->def->id = id;
        obj->persistent = false;
    }
    return obj;
}

static void
vrQemuProcessReconnectOne(vrQemuDriver *driver, const char *path)
{
    vrQemuStatus st;
    vrQemuDomainObj *obj;
    bool ours;
    int id, rc;

    if (vrQemuStatusLoad(driver, path, &st) < 0) {
        VR_WARN("ignoring status file '%s': %s", path, vrGetLastErrorMessage());
        return;
    }
    ours = vrQemuProcessIsOurs(&st);
    id = st.def->id;
    if (!(obj = vrQemuProcessAdopt(driver, &st))) {
        VR_WARN("cannot take back guest from '%s': %s", path, vrGetLastErrorMessage());
        vrQemuStatusClear(&st);
        return;
    }
    obj->def->id = id;
    obj->pid = st.pid;
    obj->pidStartTime = st.pidStartTime;
    obj->monitorPath = g_steal_pointer(&st.monitorPath);
    obj->fakeReboot = st.fakeReboot;
    vrQemuDomainObjSetState(obj, st.state, st.reason);
    vrQemuStatusClear(&st);

    /* its NICs' network connections and macvtaps are ours again (a stop
     * below releases them) */
    vrQemuInterfaceReattach(driver, obj->def);
    rc = ours ? vrQemuProcessReattach(driver, obj) : -1;
    if (rc < 0) {
        /* QEMU died while we were away (or is not ours any more): why is
         * not known. */
        VR_WARN("guest %s: its QEMU is gone: %s", obj->def->name,
                ours ? vrGetLastErrorMessage() : "process not running");
        obj->beingDestroyed = true;
        if (ours)
            vrQemuProcessKill(obj, false);
        vrQemuProcessStop(driver, obj, VR_DOMAIN_SHUTOFF_UNKNOWN);
    } else if (rc > 0) {
        vrQemuProcessFinishShutdown(driver, obj);
    } else {
        VR_INFO("guest %s re-attached, pid %lld", obj->def->name, (long long)obj->pid);
        vrQemuDomainObjListReserveID(driver->domains, id);
    }
    vrQemuDomainObjEndAPI(&obj);
}

void
vrQemuProcessReconnectAll(vrQemuDriver *driver)
{
    g_autoptr(GDir) dir = g_dir_open(driver->cfg->stateDir, 0, NULL);
    const char *entry;

    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *path = NULL;

        if (!g_str_has_suffix(entry, ".xml"))
            continue;
        path = g_build_filename(driver->cfg->stateDir, entry, NULL);
        vrQemuProcessReconnectOne(driver, path);
    }
}
