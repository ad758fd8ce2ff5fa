/*
 * vireod.c: the Vireo daemon.
 *
 *   vireod [--root DIR] [--daemon] [--pid-file FILE] [--config FILE] [--verbose]
 *
 * All state lives under the root (DESIGN.md's on-disk layout); the
 * sockets are ROOT/run/vireo/vireo-sock (read-write) and vireo-sock-ro.
 * SIGTERM and SIGINT stop it cleanly, SIGHUP re-reads the configuration.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "daemon_config.h"
#include "daemon_paths.h"
#include "libvireo/libvireo.h"
#include "qemu/qemu_driver.h"
#include "remote_dispatch.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_NONE
#define VR_LOG_CATEGORY "daemon"

typedef struct {
    char *root;
    char *configFile;
    char *pidFile;
    bool daemonize;
    bool verbose;
} vrDaemonOptions;

typedef struct {
    vrDaemonOptions opts;
    vrDaemonPaths paths;
    vrDaemonConfig config;
    vrNetServer *srv;
    int sigfd;
    int pidfd;
} vrDaemon;

static void
vrDaemonUsage(FILE *out, const char *argv0)
{
    fprintf(out,
            "Usage: %s [OPTION]...\n"
            "\n"
            "Runs the Vireo virtualization daemon.\n"
            "\n"
            "  -r, --root DIR       keep all state under DIR (default: the system, /)\n"
            "  -d, --daemon         detach and run in the background\n"
            "  -p, --pid-file FILE  write the process id to FILE\n"
            "  -f, --config FILE    read settings from FILE (libvirtd.conf keys)\n"
            "  -v, --verbose        log informational messages to stderr\n"
            "  -V, --version        print the version and exit\n"
            "  -h, --help           print this help and exit\n",
            argv0);
}

static int
vrDaemonParseArgs(vrDaemonOptions *opts, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "root", required_argument, NULL, 'r' },
        { "daemon", no_argument, NULL, 'd' },
        { "pid-file", required_argument, NULL, 'p' },
        { "config", required_argument, NULL, 'f' },
        { "verbose", no_argument, NULL, 'v' },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "r:dp:f:vVh", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            g_free(opts->root);
            opts->root = g_canonicalize_filename(optarg, NULL);
            break;
        case 'd':
            opts->daemonize = true;
            break;
        case 'p':
            g_free(opts->pidFile);
            opts->pidFile = g_canonicalize_filename(optarg, NULL);
            break;
        case 'f':
            g_free(opts->configFile);
            opts->configFile = g_canonicalize_filename(optarg, NULL);
            break;
        case 'v':
            opts->verbose = true;
            break;
        case 'V':
            printf("vireod (Vireo) %s\n", VIREO_VERSION);
            exit(EXIT_SUCCESS);
        case 'h':
            vrDaemonUsage(stdout, argv[0]);
            exit(EXIT_SUCCESS);
        default:
            vrDaemonUsage(stderr, argv[0]);
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]);
        return -1;
    }
    return 0;
}

/* Applies the configured logging; the command line's --verbose wins. */
static void
vrDaemonApplyLogging(vrDaemon *d)
{
    const char *outputs = d->config.logOutputs;

    if (d->config.logLevel)
        vrLogSetLevel(d->config.logLevel);
    if (d->opts.verbose)
        vrLogSetLevel(VR_LOG_INFO);
    if (outputs) {
        const char *file = strstr(outputs, ":file:");
        if (file && vrLogSetOutputFile(file + strlen(":file:")) < 0)
            fprintf(stderr, "vireod: cannot log to %s\n", file + strlen(":file:"));
    }
}

static int
vrDaemonLoadConfig(vrDaemon *d)
{
    vrDaemonConfigDefaults(&d->config);
    if (d->opts.configFile && vrDaemonConfigLoad(&d->config, d->opts.configFile) < 0)
        return -1;
    if (!d->opts.configFile && vrFileExists(d->paths.configFile) &&
        vrDaemonConfigLoad(&d->config, d->paths.configFile) < 0)
        return -1;
    vrDaemonApplyLogging(d);
    return 0;
}

static void
vrDaemonReload(vrDaemon *d)
{
    vrDaemonConfig old = d->config;

    VR_INFO("reloading configuration");
    if (vrDaemonLoadConfig(d) < 0) {
        VR_ERROR("keeping the old configuration: %s", vrGetLastErrorMessage());
        vrResetLastError();
        d->config = old;
        return;
    }
    vrDaemonConfigClear(&old);
    vrNetServerUpdateConfig(d->srv, &d->config.server);
}

static void
vrDaemonSignal(int watch, int fd, int events, void *opaque)
{
    vrDaemon *d = opaque;
    struct signalfd_siginfo info;

    (void)watch;
    (void)events;
    while (read(fd, &info, sizeof(info)) == (ssize_t)sizeof(info)) {
        switch (info.ssi_signo) {
        case SIGHUP:
            vrDaemonReload(d);
            break;
        case SIGTERM:
        case SIGINT:
            VR_INFO("signal %u: shutting down", info.ssi_signo);
            vrNetServerQuit(d->srv);
            break;
        default:
            break;
        }
    }
}

static int
vrDaemonSetupSignals(vrDaemon *d)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    /* blocked in every thread (workers inherit the mask), read by the loop */
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0 ||
        (d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "%s", "cannot set up signal handling");
        return -1;
    }
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

/* The pid file doubles as a lock: a second daemon on the same root fails. */
static int
vrDaemonWritePidFile(vrDaemon *d)
{
    g_autofree char *pid = NULL;
    const char *path = d->opts.pidFile ? d->opts.pidFile : d->paths.pidFile;

    if ((d->pidfd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0) {
        vrReportSystemError(errno, "cannot open pid file '%s'", path);
        return -1;
    }
    if (flock(d->pidfd, LOCK_EX | LOCK_NB) < 0) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "pid file '%s' is locked: is another vireod running on this root?", path);
        return -1;
    }
    pid = g_strdup_printf("%lld\n", (long long)getpid());
    if (ftruncate(d->pidfd, 0) < 0 || vrFileWriteFull(d->pidfd, pid, strlen(pid)) < 0) {
        vrReportSystemError(errno, "cannot write pid file '%s'", path);
        return -1;
    }
    return 0;
}

/* Classic double fork; the parent waits until the child is serving (or
 * failed) so `vireod --daemon && virsh ...` works. */
static int
vrDaemonDetach(void)
{
    int pipefd[2];
    pid_t pid;
    char status = 1;

    if (pipe2(pipefd, O_CLOEXEC) < 0)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid > 0) {
        close(pipefd[1]);
        if (read(pipefd[0], &status, 1) != 1)
            status = 1;
        _exit(status == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
    }
    close(pipefd[0]);
    if (setsid() < 0)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid > 0)
        _exit(EXIT_SUCCESS);
    if (chdir("/") < 0)
        return -1;
    return pipefd[1];
}

static void
vrDaemonDetachDone(int fd, bool ok)
{
    char status = ok ? 0 : 1;
    int devnull;

    if (fd < 0)
        return;
    if (write(fd, &status, 1) < 0)
        VR_WARN("cannot report start-up status to the parent");
    close(fd);
    if (ok && (devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
        dup2(devnull, STDERR_FILENO);
        close(devnull);
    }
}

static int
vrDaemonStart(vrDaemon *d)
{
    if (vrDaemonPathsMake(&d->paths) < 0 || vrDaemonWritePidFile(d) < 0 ||
        vrDaemonSetupSignals(d) < 0)
        return -1;
    if (!(d->srv = vrRemoteServerNew(&d->config.server)))
        return -1;
    if (vrNetServerAddUnixService(d->srv, d->paths.sockRw, d->config.unixSockRwPerms,
                                  false) < 0 ||
        vrNetServerAddUnixService(d->srv, d->paths.sockRo, d->config.unixSockRoPerms,
                                  true) < 0)
        return -1;
    if (vrEventLoopAddHandle(vrNetServerEventLoop(d->srv), d->sigfd, VR_EVENT_READABLE,
                         vrDaemonSignal, d, NULL) < 0)
        return -1;
    return 0;
}

int
main(int argc, char **argv)
{
    vrDaemon d = { .sigfd = -1, .pidfd = -1 };
    int detachfd = -1;
    int ret = EXIT_FAILURE;

    if (vrDaemonParseArgs(&d.opts, argc, argv) < 0)
        return EXIT_FAILURE;
    vrSetInsideDaemon(true);
    vrInitialize();
    vrDaemonPathsInit(&d.paths, d.opts.root);
    if (vrDaemonLoadConfig(&d) < 0)
        goto error;
    if (d.opts.daemonize && (detachfd = vrDaemonDetach()) < 0) {
        vrReportSystemError(errno, "%s", "cannot run in the background");
        goto error;
    }
    if (vrDaemonStart(&d) < 0 || vrQemuDriverStateInitialize(d.opts.root) < 0) {
        vrDaemonDetachDone(detachfd, false);
        goto error;
    }
    VR_INFO("vireod %s serving %s", VIREO_VERSION, d.paths.sockRw);
    vrDaemonDetachDone(detachfd, true);
    vrNetServerRun(d.srv);
    ret = EXIT_SUCCESS;
    goto cleanup;

 error:
    fprintf(stderr, "vireod: %s\n", vrGetLastErrorMessage());
 cleanup:
    if (d.srv) {
        vrNetServerShutdown(d.srv);
        vrNetServerFree(d.srv);
    }
    /* running guests outlive the daemon; the next one re-attaches */
    vrQemuDriverStateCleanup();
    if (d.pidfd >= 0) {
        unlink(d.opts.pidFile ? d.opts.pidFile : d.paths.pidFile);
        close(d.pidfd);
    }
    if (d.sigfd >= 0)
        close(d.sigfd);
    vrDaemonPathsClear(&d.paths);
    vrDaemonConfigClear(&d.config);
    g_free(d.opts.root);
    g_free(d.opts.configFile);
    g_free(d.opts.pidFile);
    return ret;
}
