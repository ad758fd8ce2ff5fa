/*
 * vrcommand.c: building, starting and watching child processes.
 *
 * Start-up protocol: the parent prepares a vrChildPlan (everything the
 * child needs, already allocated), blocks signals and forks.  The child
 * sets itself up with async-signal-safe calls only and execs; a
 * close-on-exec "status pipe" tells the parent how that went: EOF means
 * the exec succeeded, a vrChildMsg names the step that failed and its
 * errno.  A daemonized child forks once more and the middle process sends
 * the grandchild's pid through the same pipe before exiting.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vrcommand.h"
#include "vrerror.h"
#include "vrfile.h"
#include "vrlog.h"
#include "vrprocess.h"

#define VR_FROM_THIS VR_FROM_NONE
#define VR_LOG_CATEGORY "util.command"

/* PATH of a child whose environment was cleared. */
#define VR_COMMAND_SAFE_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* How much of stderr a failure message quotes, and how much an internal
 * capture keeps. */
#define VR_COMMAND_ERR_TAIL 1024
/* Time a timed-out child gets between SIGTERM and SIGKILL. */
#define VR_COMMAND_KILL_GRACE_MS 1000
#define VR_COMMAND_IO_CHUNK 65536

typedef enum {
    VR_COMMAND_IO_DEFAULT,
    VR_COMMAND_IO_NULL,
    VR_COMMAND_IO_FD,
    VR_COMMAND_IO_BUFFER,
} vrCommandIOKind;

/* One of stdin, stdout, stderr. */
typedef struct {
    vrCommandIOKind kind;
    int fd;             /* VR_COMMAND_IO_FD: the caller's descriptor */
    char **buf;         /* VR_COMMAND_IO_BUFFER on output: the caller's
                         * string, NULL for the internal stderr capture */
    GString *data;      /* input to feed, or output collected */
    bool tailOnly;      /* internal capture: keep only the end */
    int pipefd;         /* parent's end of the pipe while running */
} vrCommandStream;

typedef struct {
    int fd;
    unsigned int flags;
} vrCommandFD;

struct _vrCommand {
    char *buildError;   /* first builder mistake, reported by the run */
    GPtrArray *args;    /* binary and arguments, NULL-terminated */
    GPtrArray *env;     /* "NAME=VALUE" set through the API */
    bool clearEnv;
    char *cwd;
    bool setMask;
    mode_t mask;
    bool setUID, setGID;
    uid_t uid;
    gid_t gid;
    GArray *fds;        /* vrCommandFD */
    bool fdsClosed;
    vrCommandStream io[3];
    size_t inputOff;
    vrCommandPreExecHook hook;
    void *hookOpaque;
    bool daemonize;
    char *pidfile;
    int timeoutMs;

    bool sync;          /* started by vrCommandRun */
    bool started, finished;
    pid_t pid;
    gint64 deadline;    /* monotonic, -1: none */
};

/* Steps of the child's start-up, as reported through the status pipe. */
typedef enum {
    VR_CHILD_MSG_PID = 1,
    VR_CHILD_STEP_STDIO,
    VR_CHILD_STEP_FDS,
    VR_CHILD_STEP_SESSION,
    VR_CHILD_STEP_FORK,
    VR_CHILD_STEP_CWD,
    VR_CHILD_STEP_HOOK,
    VR_CHILD_STEP_GROUPS,
    VR_CHILD_STEP_GID,
    VR_CHILD_STEP_UID,
    VR_CHILD_STEP_EXEC,
} vrChildStep;

typedef struct {
    int kind;           /* vrChildStep */
    int value;          /* errno, or the pid for VR_CHILD_MSG_PID */
} vrChildMsg;

/* Everything the child uses, prepared by the parent before fork. */
typedef struct {
    char *path;
    char **argv;        /* borrowed from cmd->args, NULL-terminated */
    char **envp;
    int stdio[3];       /* descriptors that become 0, 1 and 2 */
    bool ownStdio[3];   /* opened for this run: the parent closes them */
    int *keep;          /* sorted, unique descriptors > 2 to keep */
    size_t nkeep;
    int statusfd[2];
    gid_t *groups;
    size_t ngroups;
    bool dropIds;
    int maxfd;
} vrChildPlan;


/* ---- building ---- */

static void
vrCommandSetBuildError(vrCommand *cmd, const char *msg)
{
    if (!cmd->buildError)
        cmd->buildError = g_strdup(msg);
}

static vrCommand *
vrCommandAlloc(void)
{
    vrCommand *cmd = g_new0(vrCommand, 1);
    size_t i;

    cmd->args = g_ptr_array_new_with_free_func(g_free);
    cmd->env = g_ptr_array_new_with_free_func(g_free);
    cmd->fds = g_array_new(FALSE, FALSE, sizeof(vrCommandFD));
    for (i = 0; i < G_N_ELEMENTS(cmd->io); i++) {
        cmd->io[i].fd = -1;
        cmd->io[i].pipefd = -1;
    }
    cmd->deadline = -1;
    return cmd;
}

vrCommand *
vrCommandNew(const char *binary)
{
    vrCommand *cmd = vrCommandAlloc();

    if (!binary || !*binary)
        vrCommandSetBuildError(cmd, "no binary given for the command");
    g_ptr_array_add(cmd->args, g_strdup(binary ? binary : ""));
    return cmd;
}

vrCommand *
vrCommandNewArgv(const char *const *argv)
{
    vrCommand *cmd = vrCommandNew(argv ? argv[0] : NULL);

    if (argv && argv[0])
        vrCommandAddArgSet(cmd, argv + 1);
    return cmd;
}

vrCommand *
vrCommandNewArgList(const char *binary, ...)
{
    vrCommand *cmd = vrCommandNew(binary);
    const char *arg;
    va_list ap;

    va_start(ap, binary);
    while ((arg = va_arg(ap, const char *)))
        vrCommandAddArg(cmd, arg);
    va_end(ap);
    return cmd;
}

void
vrCommandAddArg(vrCommand *cmd, const char *arg)
{
    if (!arg) {
        vrCommandSetBuildError(cmd, "NULL argument given to the command");
        return;
    }
    g_ptr_array_add(cmd->args, g_strdup(arg));
}

void
vrCommandAddArgFormat(vrCommand *cmd, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(cmd->args, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void
vrCommandAddArgPair(vrCommand *cmd, const char *name, const char *value)
{
    vrCommandAddArg(cmd, name);
    vrCommandAddArg(cmd, value);
}

void
vrCommandAddArgList(vrCommand *cmd, ...)
{
    const char *arg;
    va_list ap;

    va_start(ap, cmd);
    while ((arg = va_arg(ap, const char *)))
        vrCommandAddArg(cmd, arg);
    va_end(ap);
}

void
vrCommandAddArgSet(vrCommand *cmd, const char *const *args)
{
    for (; args && *args; args++)
        vrCommandAddArg(cmd, *args);
}

void
vrCommandClearEnv(vrCommand *cmd)
{
    g_ptr_array_set_size(cmd->env, 0);
    cmd->clearEnv = true;
    vrCommandAddEnvPair(cmd, "PATH", VR_COMMAND_SAFE_PATH);
    vrCommandAddEnvPair(cmd, "LANG", "C");
}

void
vrCommandAddEnvPair(vrCommand *cmd, const char *name, const char *value)
{
    size_t len, i;
    char *pair;

    if (!name || !*name || strchr(name, '=') || !value) {
        vrCommandSetBuildError(cmd, "invalid environment variable given to the command");
        return;
    }
    len = strlen(name);
    pair = g_strdup_printf("%s=%s", name, value);
    for (i = 0; i < cmd->env->len; i++) {
        char *old = g_ptr_array_index(cmd->env, i);
        if (strncmp(old, name, len) == 0 && old[len] == '=') {
            g_free(old);
            g_ptr_array_index(cmd->env, i) = pair;
            return;
        }
    }
    g_ptr_array_add(cmd->env, pair);
}

void
vrCommandAddEnvPassthrough(vrCommand *cmd, const char *name)
{
    const char *value = name ? g_getenv(name) : NULL;

    if (value)
        vrCommandAddEnvPair(cmd, name, value);
}

void
vrCommandSetWorkingDirectory(vrCommand *cmd, const char *dir)
{
    g_free(cmd->cwd);
    cmd->cwd = g_strdup(dir);
}

void
vrCommandSetUmask(vrCommand *cmd, mode_t mask)
{
    cmd->setMask = true;
    cmd->mask = mask;
}

void
vrCommandSetUID(vrCommand *cmd, uid_t uid)
{
    cmd->setUID = true;
    cmd->uid = uid;
}

void
vrCommandSetGID(vrCommand *cmd, gid_t gid)
{
    cmd->setGID = true;
    cmd->gid = gid;
}

void
vrCommandPassFD(vrCommand *cmd, int fd, unsigned int flags)
{
    vrCommandFD entry = { fd, flags };

    if (fd <= STDERR_FILENO || fcntl(fd, F_GETFD) < 0) {
        g_autofree char *msg = g_strdup_printf("cannot pass descriptor %d to the command", fd);
        vrCommandSetBuildError(cmd, msg);
        return;
    }
    g_array_append_val(cmd->fds, entry);
}

static void
vrCommandSetStream(vrCommand *cmd, int which, vrCommandIOKind kind, int fd, char **buf)
{
    vrCommandStream *s = &cmd->io[which];

    if (kind == VR_COMMAND_IO_FD && fd < 0) {
        vrCommandSetBuildError(cmd, "invalid descriptor given for the command's stdio");
        return;
    }
    s->kind = kind;
    s->fd = fd;
    s->buf = buf;
    if (buf)
        *buf = NULL;
}

void
vrCommandSetInputBuffer(vrCommand *cmd, const char *data, gssize len)
{
    vrCommandStream *s = &cmd->io[STDIN_FILENO];

    vrCommandSetStream(cmd, STDIN_FILENO, VR_COMMAND_IO_BUFFER, -1, NULL);
    if (s->data)
        g_string_free(s->data, TRUE);
    s->data = g_string_new_len(data ? data : "", data ? len : 0);
}

void
vrCommandSetInputFD(vrCommand *cmd, int fd)
{
    vrCommandSetStream(cmd, STDIN_FILENO, VR_COMMAND_IO_FD, fd, NULL);
}

void
vrCommandSetOutputFD(vrCommand *cmd, int fd)
{
    vrCommandSetStream(cmd, STDOUT_FILENO, VR_COMMAND_IO_FD, fd, NULL);
}

void
vrCommandSetErrorFD(vrCommand *cmd, int fd)
{
    vrCommandSetStream(cmd, STDERR_FILENO, VR_COMMAND_IO_FD, fd, NULL);
}

void
vrCommandSetOutputBuffer(vrCommand *cmd, char **buf)
{
    if (!buf)
        vrCommandSetBuildError(cmd, "NULL output buffer given to the command");
    else
        vrCommandSetStream(cmd, STDOUT_FILENO, VR_COMMAND_IO_BUFFER, -1, buf);
}

void
vrCommandSetErrorBuffer(vrCommand *cmd, char **buf)
{
    if (!buf)
        vrCommandSetBuildError(cmd, "NULL error buffer given to the command");
    else
        vrCommandSetStream(cmd, STDERR_FILENO, VR_COMMAND_IO_BUFFER, -1, buf);
}

void
vrCommandDiscardOutput(vrCommand *cmd)
{
    vrCommandSetStream(cmd, STDOUT_FILENO, VR_COMMAND_IO_NULL, -1, NULL);
}

void
vrCommandDiscardError(vrCommand *cmd)
{
    vrCommandSetStream(cmd, STDERR_FILENO, VR_COMMAND_IO_NULL, -1, NULL);
}

void
vrCommandSetPreExecHook(vrCommand *cmd, vrCommandPreExecHook hook, void *opaque)
{
    cmd->hook = hook;
    cmd->hookOpaque = opaque;
}

void
vrCommandDaemonize(vrCommand *cmd)
{
    cmd->daemonize = true;
}

void
vrCommandSetPidFile(vrCommand *cmd, const char *path)
{
    g_free(cmd->pidfile);
    cmd->pidfile = g_strdup(path);
}

void
vrCommandSetTimeout(vrCommand *cmd, int timeoutMs)
{
    cmd->timeoutMs = timeoutMs > 0 ? timeoutMs : 0;
}

pid_t
vrCommandGetPid(vrCommand *cmd)
{
    return cmd->started ? cmd->pid : 0;
}


/* ---- rendering ---- */

static void
vrCommandAppendQuoted(GString *out, const char *s)
{
    const char *p;
    bool plain = *s != '\0';

    for (p = s; *p && plain; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("@%+=:,./-_", *p))
            plain = false;
    }
    if (plain) {
        g_string_append(out, s);
        return;
    }
    /* Single quotes keep everything literal except the quote itself,
     * which closes, is escaped, and reopens. */
    g_string_append_c(out, '\'');
    for (p = s; *p; p++) {
        if (*p == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *p);
    }
    g_string_append_c(out, '\'');
}

char *
vrCommandToString(vrCommand *cmd, bool withEnv)
{
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; withEnv && i < cmd->env->len; i++) {
        const char *pair = g_ptr_array_index(cmd->env, i);
        const char *eq = strchr(pair, '=');

        g_string_append_len(out, pair, eq - pair + 1);
        vrCommandAppendQuoted(out, eq + 1);
        g_string_append_c(out, ' ');
    }
    for (i = 0; i < cmd->args->len; i++) {
        if (i > 0)
            g_string_append_c(out, ' ');
        vrCommandAppendQuoted(out, g_ptr_array_index(cmd->args, i));
    }
    return g_string_free(out, FALSE);
}


/* ---- the child side: async-signal-safe calls only ---- */

static void G_GNUC_NORETURN
vrChildFail(const vrChildPlan *plan, vrChildStep step, int err)
{
    vrChildMsg msg = { step, err ? err : EINVAL };

    if (write(plan->statusfd[1], &msg, sizeof(msg)) < 0) {
        /* Nothing more can be done; the exit status still says it. */
    }
    _exit(127);
}

static void
vrChildResetSignals(void)
{
    struct sigaction dfl;
    int sig;

    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    /* Handlers and ignored signals (a daemon ignores SIGPIPE) must not
     * leak into the program we run; errors are for signals that cannot
     * be changed. */
    for (sig = 1; sig < NSIG; sig++)
        sigaction(sig, &dfl, NULL);
}

/* Moves the three stdio sources above 2 first, so that dup2 never
 * overwrites a source still needed (the parent may run with 0-2 closed). */
static int
vrChildSetupStdio(const vrChildPlan *plan)
{
    int tmp[3];
    int i;

    for (i = 0; i < 3; i++) {
        if ((tmp[i] = fcntl(plan->stdio[i], F_DUPFD_CLOEXEC, 3)) < 0)
            return -1;
    }
    for (i = 0; i < 3; i++) {
        if (dup2(tmp[i], i) < 0)
            return -1;
    }
    return 0;
}

static bool
vrChildKeeps(const vrChildPlan *plan, int fd)
{
    size_t i;

    for (i = 0; i < plan->nkeep; i++) {
        if (plan->keep[i] == fd)
            return true;
    }
    return false;
}

static int
vrChildParseFd(const char *name)
{
    int fd = 0;

    if (!*name)
        return -1;
    for (; *name; name++) {
        if (*name < '0' || *name > '9' || fd > INT32_MAX / 10 - 1)
            return -1;
        fd = fd * 10 + (*name - '0');
    }
    return fd;
}

/* The layout of the records getdents64 returns. */
struct vrChildDirent {
    uint64_t ino;
    int64_t off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

/* Fallback for kernels without close_range: walk /proc/self/fd with the
 * raw syscall (opendir would allocate), or try every number. */
static int
vrChildCloseWalk(const vrChildPlan *plan)
{
    char buf[4096] __attribute__((aligned(8)));
    int dirfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    long n;
    int fd;

    if (dirfd < 0) {
        for (fd = 3; fd < plan->maxfd; fd++) {
            if (!vrChildKeeps(plan, fd))
                close(fd);
        }
        return 0;
    }
    while ((n = syscall(SYS_getdents64, dirfd, buf, sizeof(buf))) > 0) {
        long off = 0;
        while (off < n) {
            struct vrChildDirent *d = (struct vrChildDirent *)(buf + off);
            fd = vrChildParseFd(d->name);
            if (fd > 2 && fd != dirfd && !vrChildKeeps(plan, fd))
                close(fd);
            off += d->reclen;
        }
    }
    close(dirfd);
    return n < 0 ? -1 : 0;
}

/* Closes every descriptor above 2 except the kept ones. */
static int
vrChildCloseFds(const vrChildPlan *plan)
{
#ifdef SYS_close_range
    unsigned int next = 3;
    size_t i;

    for (i = 0; i <= plan->nkeep; i++) {
        unsigned int stop = i < plan->nkeep ? (unsigned int)plan->keep[i] : ~0U;
        if (stop > next && syscall(SYS_close_range, next, stop - 1, 0) < 0)
            return vrChildCloseWalk(plan);
        next = stop + 1;
    }
    return 0;
#else
    return vrChildCloseWalk(plan);
#endif
}

static int
vrChildPassFds(vrCommand *cmd)
{
    size_t i;

    for (i = 0; i < cmd->fds->len; i++) {
        if (fcntl(g_array_index(cmd->fds, vrCommandFD, i).fd, F_SETFD, 0) < 0)
            return -1;
    }
    return 0;
}

static void
vrChildDropIds(vrCommand *cmd, const vrChildPlan *plan)
{
    if (!plan->dropIds)
        return;
    if (setgroups(plan->ngroups, plan->groups) < 0)
        vrChildFail(plan, VR_CHILD_STEP_GROUPS, errno);
    if (cmd->setGID && setgid(cmd->gid) < 0)
        vrChildFail(plan, VR_CHILD_STEP_GID, errno);
    if (cmd->setUID && setuid(cmd->uid) < 0)
        vrChildFail(plan, VR_CHILD_STEP_UID, errno);
}

/* Second fork of a daemonized child: the middle process leaves a new
 * session behind it and exits, so the grandchild is re-parented. */
static void
vrChildDetach(const vrChildPlan *plan)
{
    vrChildMsg msg = { VR_CHILD_MSG_PID, 0 };
    pid_t pid;

    if (setsid() < 0)
        vrChildFail(plan, VR_CHILD_STEP_SESSION, errno);
    if ((pid = fork()) < 0)
        vrChildFail(plan, VR_CHILD_STEP_FORK, errno);
    if (pid > 0) {
        msg.value = pid;
        _exit(write(plan->statusfd[1], &msg, sizeof(msg)) == sizeof(msg) ? 0 : 1);
    }
}

static void G_GNUC_NORETURN
vrChildRun(vrCommand *cmd, const vrChildPlan *plan)
{
    sigset_t none;

    vrChildResetSignals();
    if (vrChildSetupStdio(plan) < 0)
        vrChildFail(plan, VR_CHILD_STEP_STDIO, errno);
    if (vrChildPassFds(cmd) < 0 || vrChildCloseFds(plan) < 0)
        vrChildFail(plan, VR_CHILD_STEP_FDS, errno);
    if (cmd->daemonize)
        vrChildDetach(plan);
    if (cmd->setMask)
        umask(cmd->mask);
    if (cmd->cwd && chdir(cmd->cwd) < 0)
        vrChildFail(plan, VR_CHILD_STEP_CWD, errno);
    errno = 0;
    if (cmd->hook && cmd->hook(cmd->hookOpaque) < 0)
        vrChildFail(plan, VR_CHILD_STEP_HOOK, errno);
    vrChildDropIds(cmd, plan);

    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(plan->path, plan->argv, plan->envp);
    vrChildFail(plan, VR_CHILD_STEP_EXEC, errno);
}


/* ---- the parent side: preparing the plan ---- */

static void
vrChildPlanClear(vrChildPlan *plan)
{
    int i;

    for (i = 0; i < 3; i++) {
        if (plan->ownStdio[i])
            vrFileClose(&plan->stdio[i]);
    }
    vrFileClose(&plan->statusfd[0]);
    vrFileClose(&plan->statusfd[1]);
    g_free(plan->path);
    g_free(plan->argv);
    g_strfreev(plan->envp);
    g_free(plan->keep);
    g_free(plan->groups);
}

static int
vrCommandResolve(vrCommand *cmd, vrChildPlan *plan)
{
    const char *binary = g_ptr_array_index(cmd->args, 0);

    if (strchr(binary, '/'))
        plan->path = g_strdup(binary);
    else if (!(plan->path = g_find_program_in_path(binary))) {
        vrReportSystemError(ENOENT, "Cannot find '%s' in path", binary);
        return -1;
    }
    return 0;
}

static void
vrCommandBuildEnv(vrCommand *cmd, vrChildPlan *plan)
{
    char **envp = cmd->clearEnv ? g_new0(char *, 1) : g_get_environ();
    size_t i;

    for (i = 0; i < cmd->env->len; i++) {
        const char *pair = g_ptr_array_index(cmd->env, i);
        const char *eq = strchr(pair, '=');
        g_autofree char *name = g_strndup(pair, eq - pair);

        envp = g_environ_setenv(envp, name, eq + 1, TRUE);
    }
    plan->envp = envp;
}

static vrCommandIOKind
vrCommandStreamKind(vrCommand *cmd, int which)
{
    vrCommandStream *s = &cmd->io[which];

    if (s->kind != VR_COMMAND_IO_DEFAULT)
        return s->kind;
    /* A synchronous run keeps the end of stderr for its error message. */
    if (which == STDERR_FILENO && cmd->sync && !cmd->daemonize) {
        s->tailOnly = true;
        return VR_COMMAND_IO_BUFFER;
    }
    return VR_COMMAND_IO_NULL;
}

static int
vrCommandOpenStream(vrCommand *cmd, vrChildPlan *plan, int which)
{
    vrCommandStream *s = &cmd->io[which];
    int pipefd[2];

    switch (vrCommandStreamKind(cmd, which)) {
    case VR_COMMAND_IO_FD:
        plan->stdio[which] = s->fd;
        return 0;
    case VR_COMMAND_IO_BUFFER:
        if (pipe2(pipefd, O_CLOEXEC) < 0) {
            vrReportSystemError(errno, "%s", "cannot create pipe for child process");
            return -1;
        }
        /* stdin: the child reads from [0]; outputs: the child writes [1]. */
        plan->stdio[which] = pipefd[which == STDIN_FILENO ? 0 : 1];
        s->pipefd = pipefd[which == STDIN_FILENO ? 1 : 0];
        plan->ownStdio[which] = true;
        if (which != STDIN_FILENO) {
            if (s->data)
                g_string_free(s->data, TRUE);
            s->data = g_string_new(NULL);
        }
        if (vrFileSetNonBlock(s->pipefd, true) < 0) {
            vrReportSystemError(errno, "%s", "cannot set up pipe for child process");
            return -1;
        }
        return 0;
    default:
        if ((plan->stdio[which] = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0) {
            vrReportSystemError(errno, "%s", "cannot open /dev/null");
            return -1;
        }
        plan->ownStdio[which] = true;
        return 0;
    }
}

static int
vrCommandCompareInt(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

static void
vrCommandBuildKeepList(vrCommand *cmd, vrChildPlan *plan)
{
    size_t i, n = 0;
    struct rlimit rl;

    plan->keep = g_new0(int, cmd->fds->len + 1);
    for (i = 0; i < cmd->fds->len; i++)
        plan->keep[n++] = g_array_index(cmd->fds, vrCommandFD, i).fd;
    plan->keep[n++] = plan->statusfd[1];
    qsort(plan->keep, n, sizeof(int), vrCommandCompareInt);
    plan->nkeep = 0;
    for (i = 0; i < n; i++) {
        if (plan->nkeep == 0 || plan->keep[plan->nkeep - 1] != plan->keep[i])
            plan->keep[plan->nkeep++] = plan->keep[i];
    }
    plan->maxfd = 65536;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        plan->maxfd = MIN(rl.rlim_cur, (rlim_t)1 << 20);
}

/* Supplementary groups the child takes: the user's when it has a passwd
 * entry, otherwise just the requested group. */
static void
vrCommandBuildGroups(vrCommand *cmd, vrChildPlan *plan)
{
    gid_t primary = cmd->setGID ? cmd->gid : getegid();
    struct passwd pw, *found = NULL;
    char pwbuf[16384];
    int n = 32;

    plan->dropIds = (cmd->setUID || cmd->setGID) &&
        (geteuid() == 0 || (cmd->setUID && cmd->uid != geteuid()) ||
         (cmd->setGID && cmd->gid != getegid()));
    if (!plan->dropIds)
        return;
    if (cmd->setUID && getpwuid_r(cmd->uid, &pw, pwbuf, sizeof(pwbuf), &found) == 0 && found) {
        if (!cmd->setGID)
            primary = pw.pw_gid;
        plan->groups = g_new0(gid_t, n);
        while (getgrouplist(pw.pw_name, primary, plan->groups, &n) < 0)
            plan->groups = g_renew(gid_t, plan->groups, n);
        plan->ngroups = n;
        return;
    }
    if (cmd->setGID) {
        plan->groups = g_new0(gid_t, 1);
        plan->groups[0] = cmd->gid;
        plan->ngroups = 1;
    }
}

static int
vrCommandPreparePlan(vrCommand *cmd, vrChildPlan *plan)
{
    int i;

    for (i = 0; i < 3; i++)
        plan->stdio[i] = -1;
    plan->statusfd[0] = plan->statusfd[1] = -1;
    if (vrCommandResolve(cmd, plan) < 0)
        return -1;
    plan->argv = g_new0(char *, cmd->args->len + 1);
    memcpy(plan->argv, cmd->args->pdata, cmd->args->len * sizeof(char *));
    vrCommandBuildEnv(cmd, plan);
    for (i = 0; i < 3; i++) {
        if (vrCommandOpenStream(cmd, plan, i) < 0)
            return -1;
    }
    if (pipe2(plan->statusfd, O_CLOEXEC) < 0) {
        vrReportSystemError(errno, "%s", "cannot create pipe for child process");
        return -1;
    }
    vrCommandBuildKeepList(cmd, plan);
    vrCommandBuildGroups(cmd, plan);
    return 0;
}


/* ---- the parent side: starting ---- */

static void
vrCommandClosePipes(vrCommand *cmd)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cmd->io); i++)
        vrFileClose(&cmd->io[i].pipefd);
}

static void
vrCommandCloseParentFds(vrCommand *cmd)
{
    size_t i;

    if (cmd->fdsClosed)
        return;
    cmd->fdsClosed = true;
    for (i = 0; i < cmd->fds->len; i++) {
        vrCommandFD *e = &g_array_index(cmd->fds, vrCommandFD, i);
        if (e->flags & VR_COMMAND_PASS_FD_CLOSE_PARENT)
            vrFileClose(&e->fd);
    }
}

static const char *
vrCommandStepText(vrChildStep step)
{
    switch (step) {
    case VR_CHILD_STEP_STDIO: return "cannot set up its stdin, stdout and stderr";
    case VR_CHILD_STEP_FDS: return "cannot set up its descriptors";
    case VR_CHILD_STEP_SESSION: return "cannot start a new session";
    case VR_CHILD_STEP_FORK: return "cannot fork to detach";
    case VR_CHILD_STEP_CWD: return "cannot change to its working directory";
    case VR_CHILD_STEP_HOOK: return "its pre-exec hook failed";
    case VR_CHILD_STEP_GROUPS: return "cannot set its supplementary groups";
    case VR_CHILD_STEP_GID: return "cannot set its group id";
    case VR_CHILD_STEP_UID: return "cannot set its user id";
    case VR_CHILD_STEP_EXEC: return "cannot execute the binary";
    default: return "unknown failure";
    }
}

/* Reads the status pipe to EOF: the daemon's pid, or the failed step. */
static void
vrCommandReadStatus(int fd, pid_t *daemonPid, vrChildMsg *failure)
{
    vrChildMsg msg;

    while (vrFileReadFull(fd, &msg, sizeof(msg)) == sizeof(msg)) {
        if (msg.kind == VR_CHILD_MSG_PID)
            *daemonPid = msg.value;
        else if (!failure->kind)
            *failure = msg;
    }
}

static int
vrCommandWaitRaw(pid_t pid)
{
    int status = -1;

    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

/* What happened after fork, in the parent: returns 0 once the program
 * has exec'ed, -1 with an error reported otherwise. */
static int
vrCommandFinishStart(vrCommand *cmd, vrChildPlan *plan, pid_t child)
{
    vrChildMsg failure = { 0, 0 };
    pid_t daemonPid = 0;
    int status = 0;
    g_autofree char *str = NULL;

    vrCommandReadStatus(plan->statusfd[0], &daemonPid, &failure);
    if (cmd->daemonize || failure.kind)
        status = vrCommandWaitRaw(child);
    if (cmd->daemonize && !failure.kind && (!daemonPid || status != 0))
        failure.kind = VR_CHILD_STEP_FORK;
    if (failure.kind) {
        str = vrCommandToString(cmd, false);
        vrReportSystemError(failure.value ? failure.value : EIO,
                            "Child process (%s) could not start: %s (%s)",
                            str, vrCommandStepText(failure.kind), plan->path);
        return -1;
    }
    cmd->pid = cmd->daemonize ? daemonPid : child;
    if (cmd->pidfile && vrPidFileWrite(cmd->pidfile, cmd->pid) < 0)
        return -1;
    return 0;
}

static pid_t
vrCommandFork(vrCommand *cmd, vrChildPlan *plan)
{
    sigset_t all, old;
    pid_t pid;
    int saved;

    /* No handler of ours may run in the child before it resets them. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid = fork();
    if (pid == 0)
        vrChildRun(cmd, plan);
    saved = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return pid;
}

static void
vrCommandLogStart(vrCommand *cmd)
{
    g_autofree char *str = NULL;

    if (vrLogGetLevel() > VR_LOG_DEBUG)
        return;
    str = vrCommandToString(cmd, true);
    VR_DEBUG("running %s%s", str, cmd->daemonize ? " (daemonized)" : "");
}

static int
vrCommandStart(vrCommand *cmd)
{
    vrChildPlan plan = { 0 };
    pid_t child;
    int ret = -1, i;

    if (cmd->buildError) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", cmd->buildError);
        return -1;
    }
    if (cmd->started) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "command has already been run");
        return -1;
    }
    if (cmd->daemonize && (cmd->io[1].kind == VR_COMMAND_IO_BUFFER ||
                           cmd->io[2].kind == VR_COMMAND_IO_BUFFER ||
                           cmd->io[0].kind == VR_COMMAND_IO_BUFFER)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "the stdio of a daemonized command cannot use buffers");
        return -1;
    }
    if (vrCommandPreparePlan(cmd, &plan) < 0)
        goto cleanup;
    vrCommandLogStart(cmd);

    if ((child = vrCommandFork(cmd, &plan)) < 0) {
        vrReportSystemError(errno, "%s", "cannot fork child process");
        goto cleanup;
    }
    /* Only the child may hold these now: EOF on the status pipe then
     * means exec, and the output pipes close when the child is done. */
    vrFileClose(&plan.statusfd[1]);
    for (i = 0; i < 3; i++) {
        if (plan.ownStdio[i])
            vrFileClose(&plan.stdio[i]);
    }
    cmd->started = true;
    ret = vrCommandFinishStart(cmd, &plan, child);
    if (ret < 0)
        cmd->finished = true;
    if (cmd->timeoutMs > 0)
        cmd->deadline = g_get_monotonic_time() + (gint64)cmd->timeoutMs * 1000;

 cleanup:
    if (ret < 0)
        vrCommandClosePipes(cmd);
    vrCommandCloseParentFds(cmd);
    vrChildPlanClear(&plan);
    return ret;
}

int
vrCommandRunAsync(vrCommand *cmd, pid_t *pid)
{
    if (vrCommandStart(cmd) < 0)
        return -1;
    if (pid)
        *pid = cmd->pid;
    return 0;
}


/* ---- the parent side: feeding and collecting ---- */

/* write() without dying of SIGPIPE when the child closed its stdin: the
 * signal is blocked in this thread and consumed if we raised it. */
static ssize_t
vrCommandWriteNoSigpipe(int fd, const void *buf, size_t len)
{
    sigset_t pipeset, old, pending;
    struct timespec zero = { 0, 0 };
    bool wasPending;
    ssize_t n;
    int saved;

    sigemptyset(&pipeset);
    sigaddset(&pipeset, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeset, &old);
    sigpending(&pending);
    wasPending = sigismember(&pending, SIGPIPE);
    n = write(fd, buf, len);
    saved = errno;
    if (n < 0 && saved == EPIPE && !wasPending) {
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE))
            sigtimedwait(&pipeset, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return n;
}

static void
vrCommandFeedInput(vrCommand *cmd)
{
    vrCommandStream *s = &cmd->io[STDIN_FILENO];
    size_t left = s->data->len - cmd->inputOff;
    ssize_t n = 0;

    if (left > 0)
        n = vrCommandWriteNoSigpipe(s->pipefd, s->data->str + cmd->inputOff,
                                    MIN(left, VR_COMMAND_IO_CHUNK));
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n > 0)
        cmd->inputOff += n;
    /* Done, or the child does not read any more (EPIPE): EOF for it. */
    if (n < 0 || cmd->inputOff >= s->data->len)
        vrFileClose(&s->pipefd);
}

/* Reads what is available.  Returns the read() result: > 0 data, 0 EOF
 * (the pipe is then closed), < 0 nothing now (or an error: closed). */
static ssize_t
vrCommandCollectOutput(vrCommandStream *s)
{
    char buf[VR_COMMAND_IO_CHUNK];
    ssize_t n = read(s->pipefd, buf, sizeof(buf));

    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return -1;
    if (n <= 0) {
        vrFileClose(&s->pipefd);
        return n;
    }
    g_string_append_len(s->data, buf, n);
    if (s->tailOnly && s->data->len > 2 * VR_COMMAND_ERR_TAIL)
        g_string_erase(s->data, 0, s->data->len - VR_COMMAND_ERR_TAIL);
    return n;
}

static int
vrCommandPidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    return syscall(SYS_pidfd_open, pid, 0);
#else
    return -1;
#endif
}

static int
vrCommandRemainingMs(vrCommand *cmd)
{
    gint64 left;

    if (cmd->deadline < 0)
        return -1;
    left = cmd->deadline - g_get_monotonic_time();
    return left <= 0 ? 0 : (int)((left + 999) / 1000);
}

/* Without pidfds (old kernels, valgrind): peek whether the child has
 * exited, leaving it to be reaped by the wait that follows. */
static bool
vrCommandChildExited(vrCommand *cmd)
{
    siginfo_t info;

    memset(&info, 0, sizeof(info));
    return waitid(P_PID, cmd->pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == cmd->pid;
}

/* The poll timeout: until the deadline, but in short slices when only
 * peeking can tell that the child has exited. */
static int
vrCommandPollTimeout(vrCommand *cmd, int pidfd)
{
    int left = vrCommandRemainingMs(cmd);

    if (pidfd >= 0)
        return left;
    return left < 0 ? 100 : MIN(left, 100);
}

/* One poll round over the pipes (and the pidfd, so that a grandchild
 * holding a pipe open does not keep us waiting after the child exited).
 * Returns 1 to go on, 0 when done, -2 on timeout, -1 on error. */
static int
vrCommandPollOnce(vrCommand *cmd, int pidfd)
{
    struct pollfd pfd[4];
    int which[4];
    int n = 0, r, i;

    for (i = 0; i < 3; i++) {
        if (cmd->io[i].pipefd < 0)
            continue;
        pfd[n].fd = cmd->io[i].pipefd;
        pfd[n].events = i == STDIN_FILENO ? POLLOUT : POLLIN;
        which[n++] = i;
    }
    if (n == 0)
        return 0;
    if (pidfd >= 0) {
        pfd[n].fd = pidfd;
        pfd[n].events = POLLIN;
        which[n++] = -1;
    }
    if ((r = poll(pfd, n, vrCommandPollTimeout(cmd, pidfd))) < 0) {
        if (errno == EINTR)
            return 1;
        vrReportSystemError(errno, "%s", "cannot poll child process pipes");
        return -1;
    }
    if (r == 0 && vrCommandRemainingMs(cmd) == 0)
        return -2;
    if (r == 0)
        return pidfd < 0 && vrCommandChildExited(cmd) ? 0 : 1;
    for (i = 0; i < n; i++) {
        if (!pfd[i].revents)
            continue;
        if (which[i] == STDIN_FILENO)
            vrCommandFeedInput(cmd);
        else if (which[i] > 0)
            vrCommandCollectOutput(&cmd->io[which[i]]);
        else
            return 0;
    }
    return 1;
}

/* After the child exited: take what is already in the pipes and stop
 * there, even if a grandchild still holds their write ends. */
static void
vrCommandDrain(vrCommand *cmd)
{
    int i;

    for (i = 1; i < 3; i++) {
        while (cmd->io[i].pipefd >= 0 && vrCommandCollectOutput(&cmd->io[i]) > 0) {
        }
    }
    vrCommandClosePipes(cmd);
}

static int
vrCommandProcessIO(vrCommand *cmd)
{
    int pidfd = vrCommandPidfd(cmd->pid);
    int r;

    while ((r = vrCommandPollOnce(cmd, pidfd)) == 1) {
    }
    if (r == 0)
        vrCommandDrain(cmd);
    if (pidfd >= 0)
        close(pidfd);
    return r;
}


/* ---- the parent side: waiting and results ---- */

/* The end of what the child wrote on stderr, for error messages. */
static char *
vrCommandErrorTail(vrCommand *cmd)
{
    GString *data = cmd->io[STDERR_FILENO].data;
    const char *start;
    size_t len;

    if (!data)
        return NULL;
    len = data->len;
    while (len > 0 && g_ascii_isspace(data->str[len - 1]))
        len--;
    if (len == 0)
        return NULL;
    start = data->str + (len > VR_COMMAND_ERR_TAIL ? len - VR_COMMAND_ERR_TAIL : 0);
    if (start != data->str && memchr(start, '\n', data->str + len - start))
        start = (const char *)memchr(start, '\n', data->str + len - start) + 1;
    return g_strndup(start, data->str + len - start);
}

static void
vrCommandHandOverBuffers(vrCommand *cmd)
{
    int i;

    for (i = 1; i < 3; i++) {
        vrCommandStream *s = &cmd->io[i];
        if (s->kind == VR_COMMAND_IO_BUFFER && s->buf && s->data) {
            *s->buf = g_string_free(s->data, FALSE);
            s->data = NULL;
        } else if (s->kind == VR_COMMAND_IO_BUFFER && s->buf) {
            *s->buf = g_strdup("");
        }
    }
}

static int
vrCommandReportStatus(vrCommand *cmd, int status, int *exitstatus)
{
    g_autofree char *str = NULL;
    g_autofree char *tail = NULL;

    if (status == -1) {
        str = vrCommandToString(cmd, false);
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "Child process (%s) was reaped elsewhere: its exit status is lost", str);
        return -1;
    }
    if (exitstatus) {
        *exitstatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    str = vrCommandToString(cmd, false);
    tail = vrCommandErrorTail(cmd);
    if (WIFEXITED(status))
        vrReportError(VR_ERR_INTERNAL_ERROR, "Child process (%s) unexpected exit status %d%s%s",
                      str, WEXITSTATUS(status), tail ? ": " : "", tail ? tail : "");
    else
        vrReportError(VR_ERR_INTERNAL_ERROR, "Child process (%s) unexpected fatal signal %d%s%s",
                      str, WTERMSIG(status), tail ? ": " : "", tail ? tail : "");
    return -1;
}

static void
vrCommandReportTimeout(vrCommand *cmd)
{
    g_autofree char *str = vrCommandToString(cmd, false);

    vrReportError(VR_ERR_OPERATION_TIMEOUT,
                  "Child process (%s) did not finish within %d ms and was killed",
                  str, cmd->timeoutMs);
}

int
vrCommandWait(vrCommand *cmd, int *exitstatus)
{
    int status = -1;
    int r;

    if (!cmd->started || cmd->finished) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "no running child process to wait for");
        return -1;
    }
    if (cmd->daemonize) {
        cmd->finished = true;
        if (exitstatus)
            *exitstatus = 0;
        return 0;
    }
    r = vrCommandProcessIO(cmd);
    if (r >= 0) {
        r = vrProcessWaitTimeout(cmd->pid, vrCommandRemainingMs(cmd), &status);
        r = r == 1 ? 0 : r == 0 ? -2 : -1;
    }
    if (r < 0) {
        vrCommandAbort(cmd);
        if (r == -2)
            vrCommandReportTimeout(cmd);
        vrCommandHandOverBuffers(cmd);
        return -1;
    }
    cmd->finished = true;
    r = vrCommandReportStatus(cmd, status, exitstatus);
    vrCommandHandOverBuffers(cmd);
    return r;
}

int
vrCommandRun(vrCommand *cmd, int *exitstatus)
{
    cmd->sync = true;
    if (vrCommandStart(cmd) < 0)
        return -1;
    return vrCommandWait(cmd, exitstatus);
}

void
vrCommandAbort(vrCommand *cmd)
{
    g_autoptr(vrError) saved = NULL;

    if (!cmd->started || cmd->finished || cmd->daemonize)
        return;
    cmd->finished = true;
    vrCommandClosePipes(cmd);
    saved = vrErrorSave();
    if (vrProcessKillPainfully(cmd->pid, VR_COMMAND_KILL_GRACE_MS) < 0)
        VR_WARN("could not kill child process %lld", (long long)cmd->pid);
    vrErrorRestore(&saved);
}

void
vrCommandFree(vrCommand *cmd)
{
    size_t i;

    if (!cmd)
        return;
    vrCommandClosePipes(cmd);
    vrCommandCloseParentFds(cmd);
    for (i = 0; i < G_N_ELEMENTS(cmd->io); i++) {
        if (cmd->io[i].data)
            g_string_free(cmd->io[i].data, TRUE);
    }
    g_ptr_array_unref(cmd->args);
    g_ptr_array_unref(cmd->env);
    g_array_unref(cmd->fds);
    g_free(cmd->buildError);
    g_free(cmd->cwd);
    g_free(cmd->pidfile);
    g_free(cmd);
}
