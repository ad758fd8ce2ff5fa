/*
 * vrcommand.h: running child processes (QEMU, qemu-img, dnsmasq, nft...).
 *
 * A command is built first (binary, arguments, environment, descriptors,
 * credentials), then run once, synchronously or not.  Builder calls never
 * fail on their own: a bad argument is remembered and reported by the run
 * call, so callers check one return value.
 *
 * Between fork and exec the child only makes async-signal-safe calls:
 * everything it needs (argv, envp, resolved path, descriptor list, group
 * list) is prepared beforehand in the parent, so commands may be run from
 * any thread of the daemon.
 */
#ifndef VR_COMMAND_H
#define VR_COMMAND_H

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

typedef struct _vrCommand vrCommand;

/* Runs in the child just before privileges are dropped and exec is
 * called: only async-signal-safe calls are allowed (setpgid, prctl,
 * setrlimit...).  Returns 0, or -1 with errno set to abort the start. */
typedef int (*vrCommandPreExecHook)(void *opaque);

typedef enum {
    /* The parent's copy of the descriptor is closed once the child has
     * started (or when the command is freed without running). */
    VR_COMMAND_PASS_FD_CLOSE_PARENT = 1 << 0,
} vrCommandPassFDFlags;

/* @binary is a path, or a name looked up in PATH when the command runs. */
vrCommand *vrCommandNew(const char *binary);
/* argv[0] is the binary; the vector is copied. */
vrCommand *vrCommandNewArgv(const char *const *argv);
/* Binary and arguments, NULL-terminated. */
vrCommand *vrCommandNewArgList(const char *binary, ...) G_GNUC_NULL_TERMINATED;
/* Frees the command; a child started asynchronously keeps running. */
void vrCommandFree(vrCommand *cmd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrCommand, vrCommandFree)

void vrCommandAddArg(vrCommand *cmd, const char *arg);
void vrCommandAddArgFormat(vrCommand *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Two arguments: "-name" "value". */
void vrCommandAddArgPair(vrCommand *cmd, const char *name, const char *value);
/* Several arguments, NULL-terminated. */
void vrCommandAddArgList(vrCommand *cmd, ...) G_GNUC_NULL_TERMINATED;
/* Every string of a NULL-terminated vector. */
void vrCommandAddArgSet(vrCommand *cmd, const char *const *args);

/* The child starts from an empty environment holding only a safe PATH
 * and LANG=C (instead of a copy of ours); drops pairs added before. */
void vrCommandClearEnv(vrCommand *cmd);
/* Sets NAME=VALUE in the child (replacing an earlier value of NAME). */
void vrCommandAddEnvPair(vrCommand *cmd, const char *name, const char *value);
/* Copies our value of @name, if we have one, into the child. */
void vrCommandAddEnvPassthrough(vrCommand *cmd, const char *name);

/* The child's working directory (default: ours). */
void vrCommandSetWorkingDirectory(vrCommand *cmd, const char *dir);
/* The child's umask (default: ours). */
void vrCommandSetUmask(vrCommand *cmd, mode_t mask);
/* Credentials the child drops to before exec: supplementary groups (those
 * of the user when it has a passwd entry), then gid, then uid.  Failing to
 * drop is an error, the command does not run. */
void vrCommandSetUID(vrCommand *cmd, uid_t uid);
void vrCommandSetGID(vrCommand *cmd, gid_t gid);

/* Keeps @fd (> 2) open, at the same number, in the child.  Every other
 * descriptor beyond stdin/stdout/stderr is closed in the child. */
void vrCommandPassFD(vrCommand *cmd, int fd, unsigned int flags);

/* stdin: /dev/null unless one of these is called.  The buffer is copied
 * and fed through a pipe while the command runs (@len < 0: strlen). */
void vrCommandSetInputBuffer(vrCommand *cmd, const char *data, gssize len);
/* The caller's descriptor; it stays the caller's (not closed). */
void vrCommandSetInputFD(vrCommand *cmd, int fd);

/* stdout: /dev/null unless set.  stderr: for vrCommandRun, captured
 * internally so that a failure message can quote its tail; otherwise
 * /dev/null unless set.  A descriptor stays the caller's (an O_APPEND log
 * file, say); a buffer receives everything the child wrote, as a new
 * NUL-terminated string (never NULL after a run; g_free it). */
void vrCommandSetOutputFD(vrCommand *cmd, int fd);
void vrCommandSetErrorFD(vrCommand *cmd, int fd);
void vrCommandSetOutputBuffer(vrCommand *cmd, char **buf);
void vrCommandSetErrorBuffer(vrCommand *cmd, char **buf);
/* Sends stdout / stderr to /dev/null explicitly. */
void vrCommandDiscardOutput(vrCommand *cmd);
void vrCommandDiscardError(vrCommand *cmd);

void vrCommandSetPreExecHook(vrCommand *cmd, vrCommandPreExecHook hook, void *opaque);

/* Detaches the child: double fork, new session, re-parented away from us,
 * so it outlives this process (QEMU outlives a daemon restart).  Its
 * stdio cannot be captured in buffers.  vrCommandRunAsync returns the pid
 * of the detached process; vrCommandRun returns once it has exec'ed. */
void vrCommandDaemonize(vrCommand *cmd);
/* Writes the started process's pid to @path atomically once it has
 * exec'ed (mostly for daemonized commands). */
void vrCommandSetPidFile(vrCommand *cmd, const char *path);

/* Limit for vrCommandRun / vrCommandWait, counted from the start: past it
 * the child gets SIGTERM, then SIGKILL, and the call fails with a timeout
 * error.  0 (default) waits forever. */
void vrCommandSetTimeout(vrCommand *cmd, int timeoutMs);

/* Runs to completion, feeding stdin and collecting stdout/stderr without
 * deadlock.  With @exitstatus NULL, anything but exit status 0 is an error
 * naming the command and quoting the tail of its stderr.  With
 * @exitstatus, it receives the exit status (or 128 + signal number when a
 * signal killed the child) and only failures to run are errors.
 * Returns 0, or -1 with an error reported. */
int vrCommandRun(vrCommand *cmd, int *exitstatus);

/* Starts the child and returns at once (after it has exec'ed); @pid may be
 * NULL.  Buffers are fed and collected by vrCommandWait. */
int vrCommandRunAsync(vrCommand *cmd, pid_t *pid);
/* Waits for a child started by vrCommandRunAsync; same results as
 * vrCommandRun.  Immediate for a daemonized command. */
int vrCommandWait(vrCommand *cmd, int *exitstatus);
/* Kills (SIGTERM, then SIGKILL) and reaps a child started by
 * vrCommandRunAsync that has not been waited for.  No-op otherwise. */
void vrCommandAbort(vrCommand *cmd);

/* The pid of the started child, or 0. */
pid_t vrCommandGetPid(vrCommand *cmd);

/* One line, shell-quoted where needed: "[ENV=VAL ...] binary arg ...".
 * With @withEnv, the environment pairs set through this API are shown
 * (the whole environment after vrCommandClearEnv). */
char *vrCommandToString(vrCommand *cmd, bool withEnv);

#endif
