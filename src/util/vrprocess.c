/*
 * vrprocess.c: process signalling, waiting and identification.
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

#include "vrerror.h"
#include "vrfile.h"
#include "vrlog.h"
#include "vrprocess.h"

#define VR_FROM_THIS VR_FROM_NONE
#define VR_LOG_CATEGORY "util.process"

/* How long SIGKILL may take to finish a process (one stuck in an
 * uninterruptible disk wait can take a while). */
#define VR_PROCESS_KILL_WAIT_MS 10000

int
vrProcessKill(pid_t pid, int sig)
{
    if (pid <= 1) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "refusing to send signal %d to pid %lld",
                      sig, (long long)pid);
        errno = EINVAL;
        return -1;
    }
    if (kill(pid, sig) < 0) {
        vrReportSystemError(errno, "cannot send signal %d to process %lld",
                            sig, (long long)pid);
        return -1;
    }
    return 0;
}

/* Reads /proc/PID/stat and returns the fields after the command name
 * (which may itself hold spaces and parentheses), starting at the state. */
static char *
vrProcessReadStat(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/stat", (long long)pid);
    g_autofree char *data = NULL;
    char *end;

    if (!g_file_get_contents(path, &data, NULL, NULL))
        return NULL;
    if (!(end = strrchr(data, ')')) || end[1] != ' ')
        return NULL;
    return g_strdup(end + 2);
}

bool
vrProcessExists(pid_t pid)
{
    g_autofree char *stat = NULL;

    if (pid <= 0)
        return false;
    if (kill(pid, 0) < 0 && errno != EPERM)
        return false;
    /* kill() succeeds on zombies: look at the state too. */
    if (!(stat = vrProcessReadStat(pid)))
        return true;
    return stat[0] != 'Z' && stat[0] != 'X';
}

int
vrProcessGetStartTime(pid_t pid, unsigned long long *start)
{
    g_autofree char *stat = vrProcessReadStat(pid);
    g_auto(GStrv) fields = NULL;
    char *end = NULL;

    /* Field 22 of the file is the 20th after the command name. */
    if (stat)
        fields = g_strsplit(stat, " ", 21);
    if (!fields || g_strv_length(fields) < 21) {
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "cannot read the start time of process %lld", (long long)pid);
        return -1;
    }
    errno = 0;
    *start = strtoull(fields[19], &end, 10);
    if (errno || end == fields[19] || *end) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "malformed start time '%s' for process %lld",
                      fields[19], (long long)pid);
        return -1;
    }
    return 0;
}

char **
vrProcessReadCmdline(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%lld/cmdline", (long long)pid);
    g_autofree char *data = NULL;
    g_autoptr(GError) gerr = NULL;
    GPtrArray *args = g_ptr_array_new();
    gsize len = 0, off = 0;

    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot read command line of process %lld: %s",
                      (long long)pid, gerr->message);
        g_ptr_array_free(args, TRUE);
        return NULL;
    }
    /* Arguments are NUL-terminated; the last one may lack its NUL when a
     * process rewrote its own argv. */
    while (off < len) {
        gsize n = strnlen(data + off, len - off);
        g_ptr_array_add(args, g_strndup(data + off, n));
        off += n + 1;
    }
    g_ptr_array_add(args, NULL);
    return (char **)g_ptr_array_free(args, FALSE);
}

/* One non-blocking waitpid on exactly @pid.  Returns 1 when reaped, 0 when
 * still running, -1 with errno (ECHILD: not our child, or already reaped
 * by someone else). */
static int
vrProcessReap(pid_t pid, int *status)
{
    int st;
    pid_t r;

    do {
        r = waitpid(pid, &st, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid) {
        if (status)
            *status = st;
        return 1;
    }
    return r == 0 ? 0 : -1;
}

static int
vrProcessPidfdOpen(pid_t pid)
{
#ifdef SYS_pidfd_open
    return syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

static int
vrProcessRemainingMs(gint64 deadline)
{
    gint64 left;

    if (deadline < 0)
        return -1;
    left = deadline - g_get_monotonic_time();
    return left <= 0 ? 0 : (int)((left + 999) / 1000);
}

/* Polls the pidfd until the process exits or the deadline passes. */
static int
vrProcessWaitPidfd(int pidfd, gint64 deadline)
{
    struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

    for (;;) {
        int r = poll(&pfd, 1, vrProcessRemainingMs(deadline));

        if (r > 0)
            return 1;
        if (r == 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

/* Without pidfds: check with growing sleeps (1 ms up to 10 ms), so a
 * quick exit is still noticed within a couple of milliseconds. */
static int
vrProcessWaitSleeping(pid_t pid, bool child, gint64 deadline, int *status)
{
    gulong sleepUs = 1000;

    for (;;) {
        int left;

        if (child) {
            int r = vrProcessReap(pid, status);
            if (r != 0)
                return 1;
        } else if (!vrProcessExists(pid)) {
            return 1;
        }
        if ((left = vrProcessRemainingMs(deadline)) == 0)
            return 0;
        g_usleep(left < 0 ? sleepUs : MIN(sleepUs, (gulong)left * 1000));
        sleepUs = MIN(sleepUs * 2, 10000);
    }
}

int
vrProcessWaitTimeout(pid_t pid, int timeoutMs, int *status)
{
    gint64 deadline = timeoutMs < 0 ? -1 : g_get_monotonic_time() + (gint64)timeoutMs * 1000;
    bool child;
    int pidfd, r;

    if (status)
        *status = -1;
    if ((r = vrProcessReap(pid, status)) == 1)
        return 1;
    if (r < 0 && errno != ECHILD) {
        vrReportSystemError(errno, "cannot wait for process %lld", (long long)pid);
        return -1;
    }
    child = r == 0;
    if (!child && !vrProcessExists(pid))
        return 1;

    if ((pidfd = vrProcessPidfdOpen(pid)) < 0) {
        if (errno == ESRCH)
            return 1;
        return vrProcessWaitSleeping(pid, child, deadline, status);
    }
    r = vrProcessWaitPidfd(pidfd, deadline);
    close(pidfd);
    if (r < 0) {
        vrReportSystemError(errno, "cannot wait for process %lld", (long long)pid);
        return -1;
    }
    if (r == 1 && child) {
        /* It has exited: this waitpid returns at once. */
        pid_t w;
        int st;
        do {
            w = waitpid(pid, &st, 0);
        } while (w < 0 && errno == EINTR);
        if (w == pid && status)
            *status = st;
    }
    return r;
}

int
vrProcessKillPainfully(pid_t pid, int graceMs)
{
    int r;

    if (pid <= 1) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "refusing to kill pid %lld", (long long)pid);
        return -1;
    }
    if (kill(pid, SIGTERM) < 0) {
        if (errno == ESRCH)
            return 0;
        vrReportSystemError(errno, "cannot send SIGTERM to process %lld", (long long)pid);
        return -1;
    }
    if ((r = vrProcessWaitTimeout(pid, graceMs, NULL)) != 0)
        return r < 0 ? -1 : 0;

    VR_DEBUG("process %lld ignored SIGTERM for %d ms, sending SIGKILL", (long long)pid, graceMs);
    if (kill(pid, SIGKILL) < 0 && errno != ESRCH) {
        vrReportSystemError(errno, "cannot send SIGKILL to process %lld", (long long)pid);
        return -1;
    }
    if ((r = vrProcessWaitTimeout(pid, VR_PROCESS_KILL_WAIT_MS, NULL)) == 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "process %lld is still alive %d ms after SIGKILL",
                      (long long)pid, VR_PROCESS_KILL_WAIT_MS);
        return -1;
    }
    return r < 0 ? -1 : 1;
}

int
vrPidFileWrite(const char *path, pid_t pid)
{
    g_autofree char *text = g_strdup_printf("%lld\n", (long long)pid);

    return vrFileWriteAtomic(path, text, strlen(text), 0644);
}

int
vrPidFileRead(const char *path, pid_t *pid)
{
    g_autofree char *data = NULL;
    char *end = NULL;
    long long val;

    *pid = 0;
    if (!vrFileExists(path))
        return 0;
    if (vrFileReadAll(path, 64, &data) < 0)
        return -1;
    errno = 0;
    val = strtoll(data, &end, 10);
    if (errno || end == data || (*end && *end != '\n') || val <= 1 || val != (pid_t)val) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "pid file '%s' does not hold a valid pid", path);
        return -1;
    }
    *pid = (pid_t)val;
    return 1;
}
