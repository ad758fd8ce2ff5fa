/*
 * vrprocess.h: signalling, waiting for and identifying processes by pid,
 * and pid files.
 *
 * The daemon re-attaches to QEMU processes it did not fork (after a
 * restart), so every helper here works both for our own children and for
 * unrelated processes.  Children are reaped with waitpid() on their own
 * pid only, never waitpid(-1), so other waiters keep their statuses.
 */
#ifndef VR_PROCESS_H
#define VR_PROCESS_H

#include <stdbool.h>
#include <sys/types.h>

/* kill() that refuses pid <= 1 (process groups, init).  Returns 0, or -1
 * with an error reported and errno set (ESRCH when the process is gone). */
int vrProcessKill(pid_t pid, int sig);

/* Waits up to @timeoutMs (< 0: forever) for @pid to exit, without busy
 * looping (pidfd when the kernel has it, short sleeps otherwise).  When
 * @pid is our child it is reaped and @status (if not NULL) gets the raw
 * wait status; for other processes @status is set to -1.
 * Returns 1 when the process is gone, 0 on timeout, -1 on error. */
int vrProcessWaitTimeout(pid_t pid, int timeoutMs, int *status);

/* SIGTERM, then waits up to @graceMs for the process to exit, then
 * SIGKILL and waits again.  Returns as soon as the process is gone: 0 when
 * SIGTERM was enough (or it was already gone), 1 when SIGKILL was needed,
 * -1 on error (reported). */
int vrProcessKillPainfully(pid_t pid, int graceMs);

/* True when @pid names a live process (a zombie does not count). */
bool vrProcessExists(pid_t pid);

/* The start time of @pid in clock ticks since boot (/proc/PID/stat field
 * 22): a pid plus its start time identifies a process across pid reuse.
 * Returns 0, or -1 with an error reported. */
int vrProcessGetStartTime(pid_t pid, unsigned long long *start);

/* The argument vector of @pid (NULL-terminated, g_strfreev), empty for a
 * zombie or kernel thread; NULL with an error reported when unreadable. */
char **vrProcessReadCmdline(pid_t pid);

/* Writes "PID\n" to @path atomically (temporary file + rename).
 * Returns 0, or -1 with an error reported. */
int vrPidFileWrite(const char *path, pid_t pid);

/* Reads a pid file.  Returns 1 with *pid set, 0 when the file does not
 * exist (*pid = 0, nothing reported), -1 when it cannot be read or does
 * not hold a valid pid (reported). */
int vrPidFileRead(const char *path, pid_t *pid);

#endif
