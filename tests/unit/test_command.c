/*
 * test_command.c: child processes (vrcommand) and process helpers
 * (vrprocess).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutils.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrprocess.h"

static char *tmpdir;
static const char *argv0;

static const char *
lastMessage(void)
{
    const vrError *err = vrGetLastError();

    return err && err->message ? err->message : "";
}

static int
lastCode(void)
{
    const vrError *err = vrGetLastError();

    return err ? err->code : 0;
}

static gint64
nowMs(void)
{
    return g_get_monotonic_time() / 1000;
}

static void
testExitCodes(void)
{
    g_autoptr(vrCommand) t = vrCommandNew("true");
    g_autoptr(vrCommand) f = vrCommandNew("false");
    g_autoptr(vrCommand) f2 = vrCommandNew("false");
    g_autoptr(vrCommand) s = vrCommandNewArgList("sh", "-c", "exit 42", NULL);
    g_autoptr(vrCommand) k = vrCommandNewArgList("sh", "-c", "kill -9 $$", NULL);
    int status = -1;

    CHECK(vrCommandRun(t, NULL) == 0);
    CHECK(vrCommandRun(f, &status) == 0 && status == 1);
    CHECK(vrCommandRun(s, &status) == 0 && status == 42);
    CHECK(vrCommandRun(k, &status) == 0 && status == 128 + SIGKILL);

    vrResetLastError();
    CHECK(vrCommandRun(f2, NULL) == -1);
    CHECK_STREQ(lastMessage(), "internal error: Child process (false) unexpected exit status 1");
    /* A command runs once. */
    CHECK(vrCommandRun(t, NULL) == -1);
    vrResetLastError();
}

/* The failure message names the command and quotes its stderr. */
static void
testErrorMessage(void)
{
    g_autofree char *script = g_build_filename(tmpdir, "qemu-img", NULL);
    g_autofree char *expect = NULL;
    g_autoptr(vrCommand) cmd = NULL;
    g_autoptr(vrCommand) sig = vrCommandNewArgList("sh", "-c", "echo dying >&2; kill -TERM $$", NULL);
    const char *text = "#!/bin/sh\necho noise >&2\necho \"qemu-img: $4: Permission denied\" >&2\nexit 1\n";

    CHECK(g_file_set_contents(script, text, -1, NULL));
    CHECK(chmod(script, 0755) == 0);
    cmd = vrCommandNewArgList(script, "create", "-f", "qcow2", "/x", "1G", NULL);
    CHECK(vrCommandRun(cmd, NULL) == -1);
    expect = g_strdup_printf("internal error: Child process (%s create -f qcow2 /x 1G) "
                             "unexpected exit status 1: noise\nqemu-img: /x: Permission denied",
                             script);
    CHECK_STREQ(lastMessage(), expect);
    CHECK(lastCode() == VR_ERR_INTERNAL_ERROR);

    CHECK(vrCommandRun(sig, NULL) == -1);
    CHECK_STREQ(lastMessage(), "internal error: Child process (sh -c 'echo dying >&2; kill -TERM $$') "
                "unexpected fatal signal 15: dying");
    vrResetLastError();
}

static void
testStartFailures(void)
{
    g_autoptr(vrCommand) missing = vrCommandNew("no-such-binary-vireo");
    g_autoptr(vrCommand) bad = vrCommandNewArgList("/nonexistent/vireo", "x", NULL);
    g_autoptr(vrCommand) cwd = vrCommandNew("true");
    g_autoptr(vrCommand) nul = vrCommandNew("true");

    CHECK(vrCommandRun(missing, NULL) == -1);
    CHECK_STREQ(lastMessage(), "Cannot find 'no-such-binary-vireo' in path: No such file or directory");
    CHECK(vrCommandRun(bad, NULL) == -1);
    CHECK_STREQ(lastMessage(), "Child process (/nonexistent/vireo x) could not start: cannot execute "
                "the binary (/nonexistent/vireo): No such file or directory");
    vrCommandSetWorkingDirectory(cwd, "/nonexistent-dir");
    CHECK(vrCommandRun(cwd, NULL) == -1);
    CHECK(strstr(lastMessage(), "cannot change to its working directory") != NULL);
    vrCommandAddArg(nul, NULL);
    CHECK(vrCommandRun(nul, NULL) == -1);
    CHECK_STREQ(lastMessage(), "internal error: NULL argument given to the command");
    vrResetLastError();
}

/* More than a pipe's worth on both outputs, in alternation, plus a large
 * stdin: a reader that does not poll both pipes would deadlock. */
static void
testChatty(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c",
        "yes e | head -c 1200000 >&2; yes o | head -c 1300000; yes e | head -c 1200000 >&2; "
        "tr i I", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *input = g_malloc(2 * 1024 * 1024 + 1);
    size_t inlen = 2 * 1024 * 1024;

    memset(input, 'i', inlen);
    input[inlen] = '\0';
    vrCommandSetInputBuffer(cmd, input, -1);
    vrCommandSetOutputBuffer(cmd, &out);
    vrCommandSetErrorBuffer(cmd, &err);
    vrCommandSetTimeout(cmd, 20000);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    CHECK(out && strlen(out) == 1300000 + inlen);
    CHECK(err && strlen(err) == 2400000);
    CHECK(out && strspn(out + 1300000, "I") == inlen);
}

static void
testStdin(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("tr", "a-z", "A-Z", NULL);
    g_autoptr(vrCommand) none = vrCommandNewArgList("wc", "-c", NULL);
    g_autoptr(vrCommand) ignore = vrCommandNewArgList("true", NULL);
    g_autoptr(vrCommand) fromfd = vrCommandNewArgList("cat", NULL);
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;
    g_autofree char *out3 = NULL;
    g_autofree char *big = g_malloc0(1024 * 1024 + 1);
    g_autofree char *path = g_build_filename(tmpdir, "input", NULL);
    int fd;

    vrCommandSetInputBuffer(cmd, "hello, world\n", -1);
    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    CHECK_STREQ(out, "HELLO, WORLD\n");

    /* stdin defaults to /dev/null. */
    vrCommandSetOutputBuffer(none, &out2);
    CHECK(vrCommandRun(none, NULL) == 0);
    CHECK_STREQ(out2, "0\n");

    /* A child that never reads its stdin: no SIGPIPE for us. */
    memset(big, 'x', 1024 * 1024);
    vrCommandSetInputBuffer(ignore, big, -1);
    CHECK(vrCommandRun(ignore, NULL) == 0);

    CHECK(g_file_set_contents(path, "from a file\n", -1, NULL));
    fd = open(path, O_RDONLY | O_CLOEXEC);
    vrCommandSetInputFD(fromfd, fd);
    vrCommandSetOutputBuffer(fromfd, &out3);
    CHECK(vrCommandRun(fromfd, NULL) == 0);
    CHECK_STREQ(out3, "from a file\n");
    close(fd);
}

static int
compareStrPtr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
sortLines(const char *text)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    guint n = 0, i;

    for (i = 0; lines[i]; i++) {
        if (*lines[i])
            lines[n++] = lines[i];
        else
            g_free(lines[i]);
    }
    lines[n] = NULL;
    qsort(lines, n, sizeof(char *), compareStrPtr);
    return g_strjoinv(",", lines);
}

static void
testEnv(void)
{
    g_autoptr(vrCommand) clean = vrCommandNew("/usr/bin/env");
    g_autoptr(vrCommand) inherit = vrCommandNew("/usr/bin/env");
    g_autofree char *out = NULL;
    g_autofree char *out2 = NULL;
    g_autofree char *sorted = NULL;

    g_setenv("VIREO_TEST_PASS", "passed through", TRUE);
    g_setenv("VIREO_TEST_PARENT", "inherited", TRUE);
    g_unsetenv("VIREO_TEST_UNSET");

    vrCommandAddEnvPair(clean, "DROPPED", "by ClearEnv");
    vrCommandClearEnv(clean);
    vrCommandAddEnvPair(clean, "FOO", "bar baz");
    vrCommandAddEnvPair(clean, "FOO", "replaced");
    vrCommandAddEnvPassthrough(clean, "VIREO_TEST_PASS");
    vrCommandAddEnvPassthrough(clean, "VIREO_TEST_UNSET");
    vrCommandSetOutputBuffer(clean, &out);
    CHECK(vrCommandRun(clean, NULL) == 0);
    sorted = sortLines(out ? out : "");
    CHECK_STREQ(sorted, "FOO=replaced,LANG=C,"
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin,"
                "VIREO_TEST_PASS=passed through");

    vrCommandAddEnvPair(inherit, "VIREO_TEST_ADDED", "1");
    vrCommandSetOutputBuffer(inherit, &out2);
    CHECK(vrCommandRun(inherit, NULL) == 0);
    CHECK(out2 && strstr(out2, "\nVIREO_TEST_PARENT=inherited\n"));
    CHECK(out2 && strstr(out2, "\nVIREO_TEST_ADDED=1\n"));
}

/* Only stdio and the passed descriptor reach the child, even a
 * descriptor we left without close-on-exec. */
static void
testPassFD(void)
{
    g_autoptr(vrCommand) cmd = NULL;
    g_autofree char *out = NULL;
    g_autofree char *expect = NULL;
    g_autofree char *script = NULL;
    char buf[64] = "";
    int leak = open("/dev/null", O_RDONLY);
    int pipefd[2];
    ssize_t n;

    CHECK(leak > 2);
    CHECK(pipe2(pipefd, O_CLOEXEC) == 0);
    script = g_strdup_printf("ls /proc/$$/fd; echo through >&%d", pipefd[1]);
    cmd = vrCommandNewArgList("sh", "-c", script, NULL);
    vrCommandPassFD(cmd, pipefd[1], VR_COMMAND_PASS_FD_CLOSE_PARENT);
    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    expect = g_strdup_printf("0,1,%d,2", pipefd[1]);
    if (pipefd[1] < 10) {
        g_free(expect);
        expect = g_strdup_printf("0,1,2,%d", pipefd[1]);
    }
    {
        g_autofree char *sorted = sortLines(out ? out : "");
        CHECK_STREQ(sorted, expect);
    }
    /* The parent's copy was closed: EOF after the child's line. */
    n = read(pipefd[0], buf, sizeof(buf) - 1);
    CHECK(n == 8 && memcmp(buf, "through\n", 8) == 0);
    CHECK(read(pipefd[0], buf, sizeof(buf)) == 0);
    close(pipefd[0]);
    close(leak);
}

static void
testOutputFD(void)
{
    g_autofree char *path = g_build_filename(tmpdir, "guest.log", NULL);
    g_autofree char *content = NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    int i;

    CHECK(write(fd, "start\n", 6) == 6);
    for (i = 0; i < 2; i++) {
        g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c", "echo out; echo err >&2", NULL);
        vrCommandSetOutputFD(cmd, fd);
        vrCommandSetErrorFD(cmd, fd);
        CHECK(vrCommandRun(cmd, NULL) == 0);
    }
    close(fd);
    CHECK(g_file_get_contents(path, &content, NULL, NULL));
    CHECK_STREQ(content, "start\nout\nerr\nout\nerr\n");
}

static void
testCwdUmask(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c", "pwd; umask", NULL);
    g_autofree char *out = NULL;

    vrCommandSetWorkingDirectory(cmd, "/");
    vrCommandSetUmask(cmd, 027);
    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    CHECK_STREQ(out, "/\n0027\n");
}

static int
hookNewGroup(void *opaque)
{
    return setpgid(0, 0);
}

static int
hookFail(void *opaque)
{
    errno = EPERM;
    return -1;
}

static void
testHook(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c",
        "read pid comm state ppid pgrp rest < /proc/$$/stat; echo $pid $pgrp", NULL);
    g_autoptr(vrCommand) bad = vrCommandNew("true");
    g_autofree char *out = NULL;
    g_auto(GStrv) ids = NULL;

    vrCommandSetPreExecHook(cmd, hookNewGroup, NULL);
    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    ids = g_strsplit(g_strstrip(out), " ", -1);
    CHECK(g_strv_length(ids) == 2 && g_str_equal(ids[0], ids[1]));
    CHECK(getpgrp() != atoi(ids[0]));

    vrCommandSetPreExecHook(bad, hookFail, NULL);
    CHECK(vrCommandRun(bad, NULL) == -1);
    CHECK_STREQ(lastMessage(), "Child process (true) could not start: its pre-exec hook failed "
                "(/usr/bin/true): Operation not permitted");
    vrResetLastError();
}

static void
testCredentials(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c", "id -u; id -g; id -G", NULL);
    g_autofree char *out = NULL;

    if (geteuid() != 0) {
        g_autoptr(vrCommand) root = vrCommandNew("true");
        vrCommandSetUID(root, 0);
        CHECK(vrCommandRun(root, NULL) == -1);
        vrResetLastError();
        return;
    }
    vrCommandSetUID(cmd, 65534);
    vrCommandSetGID(cmd, 65534);
    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    CHECK_STREQ(out, "65534\n65534\n65534\n");
}

static void
testTimeout(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sleep", "30", NULL);
    g_autoptr(vrCommand) stubborn = vrCommandNewArgList("sh", "-c", "trap '' TERM; exec sleep 30", NULL);
    gint64 start = nowMs(), took;

    vrCommandSetTimeout(cmd, 200);
    CHECK(vrCommandRun(cmd, NULL) == -1);
    took = nowMs() - start;
    CHECK(took >= 200 && took < 1000);
    CHECK(lastCode() == VR_ERR_OPERATION_TIMEOUT);
    CHECK_STREQ(lastMessage(), "Timed out during operation: Child process (sleep 30) "
                "did not finish within 200 ms and was killed");

    /* Ignoring SIGTERM earns SIGKILL after the grace period. */
    start = nowMs();
    vrCommandSetTimeout(stubborn, 200);
    CHECK(vrCommandRun(stubborn, NULL) == -1);
    took = nowMs() - start;
    CHECK(took >= 1200 && took < 3000);
    CHECK(lastCode() == VR_ERR_OPERATION_TIMEOUT);
    vrResetLastError();
}

/* A background grandchild holding stdout open does not keep a
 * synchronous run waiting once the child itself has exited. */
static void
testLeakedPipe(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c", "sleep 3 & echo done", NULL);
    g_autofree char *out = NULL;
    gint64 start = nowMs();

    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRun(cmd, NULL) == 0);
    CHECK(nowMs() - start < 2000);
    CHECK_STREQ(out, "done\n");
}

static void
testAsync(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("sh", "-c", "read x; echo got $x; exit 3", NULL);
    g_autoptr(vrCommand) longer = vrCommandNewArgList("sleep", "30", NULL);
    g_autofree char *out = NULL;
    pid_t pid = 0;
    int status = -1;

    vrCommandSetInputBuffer(cmd, "line\n", -1);
    vrCommandSetOutputBuffer(cmd, &out);
    CHECK(vrCommandRunAsync(cmd, &pid) == 0 && pid > 0);
    CHECK(vrCommandGetPid(cmd) == pid);
    CHECK(vrCommandWait(cmd, &status) == 0 && status == 3);
    CHECK_STREQ(out, "got line\n");
    CHECK(vrCommandWait(cmd, &status) == -1);
    vrResetLastError();

    CHECK(vrCommandRunAsync(longer, &pid) == 0);
    CHECK(vrProcessExists(pid));
    vrCommandAbort(longer);
    CHECK(!vrProcessExists(pid));
    CHECK(waitpid(pid, NULL, WNOHANG) == -1 && errno == ECHILD);
}

static bool
waitForExec(pid_t pid, const char *name)
{
    int i;

    for (i = 0; i < 2000; i++) {
        g_auto(GStrv) argv = vrProcessReadCmdline(pid);
        if (argv && argv[0] && g_str_equal(argv[0], name))
            return true;
        g_usleep(1000);
    }
    return false;
}

static void
testKillPainfully(void)
{
    g_autoptr(vrCommand) quick = vrCommandNewArgList("sleep", "30", NULL);
    g_autoptr(vrCommand) stubborn = vrCommandNewArgList("sh", "-c", "trap '' TERM; exec sleep 30", NULL);
    pid_t pid;
    gint64 start, took;

    CHECK(vrCommandRunAsync(quick, &pid) == 0);
    CHECK(waitForExec(pid, "sleep"));
    start = g_get_monotonic_time();
    CHECK(vrProcessKillPainfully(pid, 5000) == 0);
    took = g_get_monotonic_time() - start;
    printf("kill of a process exiting on SIGTERM: %.3f ms\n", took / 1000.0);
    CHECK(took < 50000);
    CHECK(!vrProcessExists(pid));

    CHECK(vrCommandRunAsync(stubborn, &pid) == 0);
    CHECK(waitForExec(pid, "sleep"));
    start = nowMs();
    CHECK(vrProcessKillPainfully(pid, 300) == 1);
    took = nowMs() - start;
    CHECK(took >= 300 && took < 1500);
    CHECK(!vrProcessExists(pid));
    /* Reaped on the way: no zombie left. */
    CHECK(waitpid(pid, NULL, WNOHANG) == -1 && errno == ECHILD);

    CHECK(vrProcessKill(1, SIGTERM) == -1);
    CHECK(vrProcessKillPainfully(0, 10) == -1);
    vrResetLastError();
}

/* The daemon is started from a helper process that then exits: the
 * daemon must live on, re-parented, in its own session. */
static void
testDaemonize(void)
{
    g_autofree char *pidfile = g_build_filename(tmpdir, "daemon.pid", NULL);
    g_autofree char *pidfile2 = g_build_filename(tmpdir, "daemon2.pid", NULL);
    g_autofree char *statpath = NULL;
    g_autofree char *stat = NULL;
    pid_t helper, pid = 0, pid2 = 0;
    int status = -1;
    unsigned long long t1 = 0, t2 = 0;

    fflush(stdout);
    if ((helper = fork()) == 0) {
        g_autoptr(vrCommand) cmd = vrCommandNewArgList("sleep", "30", NULL);
        pid_t dpid;
        vrCommandDaemonize(cmd);
        vrCommandSetPidFile(cmd, pidfile);
        _exit(vrCommandRunAsync(cmd, &dpid) == 0 && dpid > 0 ? 0 : 1);
    }
    CHECK(helper > 0 && waitpid(helper, &status, 0) == helper);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(vrPidFileRead(pidfile, &pid) == 1 && pid > 0);
    CHECK(vrProcessExists(pid));
    CHECK(waitForExec(pid, "sleep"));
    statpath = g_strdup_printf("/proc/%d/stat", (int)pid);
    CHECK(g_file_get_contents(statpath, &stat, NULL, NULL));
    {
        g_auto(GStrv) f = g_strsplit(strrchr(stat, ')') + 2, " ", 5);
        CHECK(atoi(f[1]) != helper && atoi(f[1]) != getpid());
    }
    CHECK(getsid(pid) != getsid(0));
    CHECK(vrProcessGetStartTime(pid, &t1) == 0 && vrProcessGetStartTime(pid, &t2) == 0 && t1 == t2);
    CHECK(vrProcessKillPainfully(pid, 2000) == 0);
    CHECK(!vrProcessExists(pid));

    /* Synchronous form: returns once the daemon has exec'ed. */
    {
        g_autoptr(vrCommand) cmd = vrCommandNewArgList("sleep", "30", NULL);
        g_autoptr(vrCommand) bad = vrCommandNewArgList("/nonexistent/daemon", NULL);
        char *buf = NULL;
        vrCommandDaemonize(cmd);
        vrCommandSetPidFile(cmd, pidfile2);
        CHECK(vrCommandRun(cmd, &status) == 0 && status == 0);
        CHECK(vrPidFileRead(pidfile2, &pid2) == 1 && pid2 == vrCommandGetPid(cmd));
        CHECK(vrProcessKillPainfully(pid2, 2000) == 0);
        vrCommandDaemonize(bad);
        CHECK(vrCommandRun(bad, NULL) == -1);
        CHECK(strstr(lastMessage(), "cannot execute the binary") != NULL);
        vrResetLastError();
        g_clear_pointer(&bad, vrCommandFree);
        bad = vrCommandNew("true");
        vrCommandDaemonize(bad);
        vrCommandSetOutputBuffer(bad, &buf);
        CHECK(vrCommandRun(bad, NULL) == -1);
        vrResetLastError();
    }
}

static void
testToString(void)
{
    g_autoptr(vrCommand) cmd = vrCommandNewArgList("echo", "a b", "it's", "plain-arg,x=1:/p", "", NULL);
    g_autoptr(vrCommand) q = vrCommandNew("/usr/bin/qemu-system-x86_64");
    g_autofree char *s1 = NULL;
    g_autofree char *s2 = NULL;
    g_autofree char *s3 = NULL;

    vrCommandClearEnv(cmd);
    vrCommandAddEnvPair(cmd, "FOO", "x y");
    vrCommandAddArgFormat(cmd, "$HOME;%d", 7);
    s1 = vrCommandToString(cmd, false);
    CHECK_STREQ(s1, "echo 'a b' 'it'\\''s' plain-arg,x=1:/p '' '$HOME;7'");
    s2 = vrCommandToString(cmd, true);
    CHECK_STREQ(s2, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C "
                "FOO='x y' echo 'a b' 'it'\\''s' plain-arg,x=1:/p '' '$HOME;7'");

    vrCommandAddEnvPair(q, "LC_ALL", "C");
    vrCommandAddArgPair(q, "-name", "guest=x,debug-threads=on");
    vrCommandAddArgList(q, "-S", "-nodefaults", NULL);
    s3 = vrCommandToString(q, true);
    CHECK_STREQ(s3, "LC_ALL=C /usr/bin/qemu-system-x86_64 -name guest=x,debug-threads=on -S -nodefaults");
}

static void
testProcessHelpers(void)
{
    g_autofree char *pidfile = g_build_filename(tmpdir, "x.pid", NULL);
    g_autofree char *missing = g_build_filename(tmpdir, "missing.pid", NULL);
    g_auto(GStrv) argv = vrProcessReadCmdline(getpid());
    unsigned long long start = 0;
    pid_t pid = 0;

    CHECK(argv && argv[0] && g_str_equal(argv[0], argv0));
    CHECK(vrProcessGetStartTime(getpid(), &start) == 0 && start > 0);
    CHECK(vrProcessExists(getpid()));
    CHECK(!vrProcessExists(0));
    CHECK(vrProcessGetStartTime(999999999, &start) == -1);
    CHECK(vrProcessReadCmdline(999999999) == NULL);
    vrResetLastError();

    CHECK(vrPidFileWrite(pidfile, 4242) == 0);
    CHECK(vrPidFileRead(pidfile, &pid) == 1 && pid == 4242);
    CHECK(vrPidFileRead(missing, &pid) == 0 && pid == 0);
    CHECK(g_file_set_contents(pidfile, "garbage\n", -1, NULL));
    CHECK(vrPidFileRead(pidfile, &pid) == -1);
    CHECK(strstr(lastMessage(), "does not hold a valid pid") != NULL);
    vrResetLastError();
}

int
main(int argc, char **argv)
{
    g_autofree char *dir = g_dir_make_tmp("vireo-command-XXXXXX", NULL);
    g_autoptr(vrCommand) rm = NULL;

    tmpdir = dir;
    argv0 = argv[0];
    testExitCodes();
    testErrorMessage();
    testStartFailures();
    testChatty();
    testStdin();
    testEnv();
    testPassFD();
    testOutputFD();
    testCwdUmask();
    testHook();
    testCredentials();
    testTimeout();
    testLeakedPipe();
    testAsync();
    testKillPainfully();
    testDaemonize();
    testToString();
    testProcessHelpers();

    rm = vrCommandNewArgList("rm", "-rf", dir, NULL);
    if (vrCommandRun(rm, NULL) < 0)
        fprintf(stderr, "%s\n", lastMessage());
    return testFinish();
}
