/*
 * test_qemu_monitor.c: the QMP client and the guest agent client against
 * a scripted fake server on a socketpair, the JSON helpers, and one run
 * against a real QEMU when qemu-system-x86_64 is installed.
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu/qemu_agent.h"
#include "qemu/qemu_monitor.h"
#include "qemu/qemu_monitor_cmds.h"
#include "testutils.h"
#include "util/vrerror.h"
#include "util/vrevent.h"
#include "util/vrfile.h"

#define VR_FROM_THIS VR_FROM_TEST

/* ---- event loop in its own thread ---- */

static vrEventLoop *loop;
static GThread *loopThread;

static gpointer
testLoopRun(gpointer opaque)
{
    vrEventLoopRun(opaque);
    return NULL;
}

static void
testLoopStart(void)
{
    loop = vrEventLoopNew();
    loopThread = g_thread_new("loop", testLoopRun, loop);
}

static void
testLoopStop(void)
{
    vrEventLoopQuit(loop);
    g_thread_join(loopThread);
    vrEventLoopFree(loop);
}

/* ---- what the callbacks saw ---- */

typedef struct {
    GMutex lock;
    GCond cond;
    int eofs;
    int errors;
    int events;
    char *lastEvent;
    long long lastSeconds;
    unsigned int lastMicros;
    char *lastData;
    bool freed;
} testSeen;

static void
testSeenInit(testSeen *seen)
{
    memset(seen, 0, sizeof(*seen));
    g_mutex_init(&seen->lock);
    g_cond_init(&seen->cond);
}

static void
testSeenClear(testSeen *seen)
{
    g_free(seen->lastEvent);
    g_free(seen->lastData);
    g_mutex_clear(&seen->lock);
    g_cond_clear(&seen->cond);
}

static void
testOnEOF(vrQemuMonitor *mon, void *opaque)
{
    testSeen *seen = opaque;

    g_mutex_lock(&seen->lock);
    seen->eofs++;
    g_cond_broadcast(&seen->cond);
    g_mutex_unlock(&seen->lock);
}

static void
testOnError(vrQemuMonitor *mon, void *opaque)
{
    testSeen *seen = opaque;

    g_mutex_lock(&seen->lock);
    seen->errors++;
    g_cond_broadcast(&seen->cond);
    g_mutex_unlock(&seen->lock);
}

static void
testOnEvent(vrQemuMonitor *mon, const char *name, json_object *data,
            long long seconds, unsigned int micros, void *opaque)
{
    testSeen *seen = opaque;

    g_mutex_lock(&seen->lock);
    seen->events++;
    g_free(seen->lastEvent);
    seen->lastEvent = g_strdup(name);
    g_free(seen->lastData);
    seen->lastData = data ? vrQemuJSONFormat(data) : NULL;
    seen->lastSeconds = seconds;
    seen->lastMicros = micros;
    g_cond_broadcast(&seen->cond);
    g_mutex_unlock(&seen->lock);
}

static void
testOnFree(void *opaque)
{
    testSeen *seen = opaque;

    g_mutex_lock(&seen->lock);
    seen->freed = true;
    g_cond_broadcast(&seen->cond);
    g_mutex_unlock(&seen->lock);
}

static const vrQemuMonitorCallbacks testCallbacks = {
    .eof = testOnEOF,
    .error = testOnError,
    .event = testOnEvent,
    .freeOpaque = testOnFree,
};

/* Waits up to 5 s for *@counter to reach @n. */
static bool
testSeenWait(testSeen *seen, int *counter, int n)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_TIME_SPAN_SECOND;
    bool ok = true;

    g_mutex_lock(&seen->lock);
    while (*counter < n && ok)
        ok = g_cond_wait_until(&seen->cond, &seen->lock, deadline);
    ok = *counter >= n;
    g_mutex_unlock(&seen->lock);
    return ok;
}

static bool
testSeenWaitFreed(testSeen *seen)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_TIME_SPAN_SECOND;
    bool ok = true;

    g_mutex_lock(&seen->lock);
    while (!seen->freed && ok)
        ok = g_cond_wait_until(&seen->cond, &seen->lock, deadline);
    ok = seen->freed;
    g_mutex_unlock(&seen->lock);
    return ok;
}

static bool
testErrorIs(int code, const char *message)
{
    const vrError *err = vrGetLastError();
    bool ok = err && err->code == code && err->domain == VR_FROM_QEMU &&
        (!message || (err->message && strstr(err->message, message)));

    if (!ok)
        printf("  unexpected error: code %d domain %d '%s'\n", err ? err->code : -1,
               err ? err->domain : -1, err && err->message ? err->message : "(none)");
    vrResetLastError();
    return ok;
}


/* ---- the fake server ---- */

typedef struct _testServer testServer;
typedef bool (*testScript)(testServer *srv);

struct _testServer {
    int fd;
    testScript script;
    GThread *thread;
    bool ok;
    void *data;         /* per test */
};

static bool
srvWrite(testServer *srv, const char *text)
{
    return vrFileWriteFull(srv->fd, text, strlen(text)) == (ssize_t)strlen(text);
}

/* Reads one line; also returns a descriptor passed along with it. */
static char *
srvReadLine(testServer *srv, int *passedFd)
{
    g_autoptr(GString) line = g_string_new(NULL);

    if (passedFd)
        *passedFd = -1;
    for (;;) {
        char c;
        union {
            char buf[CMSG_SPACE(sizeof(int))];
            struct cmsghdr align;
        } control;
        struct iovec iov = { .iov_base = &c, .iov_len = 1 };
        struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                              .msg_control = control.buf,
                              .msg_controllen = sizeof(control.buf) };
        struct cmsghdr *cm;
        ssize_t n = recvmsg(srv->fd, &msg, 0);

        if (n <= 0)
            return NULL;
        for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm)) {
            if (cm->cmsg_type == SCM_RIGHTS && passedFd)
                memcpy(passedFd, CMSG_DATA(cm), sizeof(int));
        }
        if (c == '\n')
            return g_strdup(line->str);
        if (c != '\r' && c != (char)0xFF)
            g_string_append_c(line, c);
    }
}

/* Reads a command, checks its name, returns it parsed. */
static json_object *
srvExpectFd(testServer *srv, const char *cmd, int *passedFd)
{
    g_autofree char *line = srvReadLine(srv, passedFd);
    json_object *msg = line ? vrQemuJSONParse(line) : NULL;
    const char *got = vrQemuJSONGetString(msg, "execute");

    if (!got || !g_str_equal(got, cmd)) {
        printf("  server expected '%s', got '%s'\n", cmd, line ? line : "(eof)");
        json_object_put(msg);
        return NULL;
    }
    return msg;
}

static json_object *
srvExpect(testServer *srv, const char *cmd)
{
    return srvExpectFd(srv, cmd, NULL);
}

/* Sends {"return": RET, "id": <the command's id>}. */
static bool
srvReply(testServer *srv, json_object *cmd, const char *ret)
{
    const char *id = vrQemuJSONGetString(cmd, "id");
    g_autofree char *text = g_strdup_printf("{\"return\": %s, \"id\": \"%s\"}\r\n",
                                            ret, id ? id : "");

    return srvWrite(srv, text);
}

/* Answers the next command @name with @ret. */
static bool
srvAnswer(testServer *srv, const char *name, const char *ret)
{
    g_autoptr(json_object) cmd = srvExpect(srv, name);

    return cmd && srvReply(srv, cmd, ret);
}

static bool
srvHandshake(testServer *srv)
{
    return srvWrite(srv, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
                         "\"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}\r\n") &&
        srvAnswer(srv, "qmp_capabilities", "{}");
}

static gpointer
srvThread(gpointer opaque)
{
    testServer *srv = opaque;

    srv->ok = srv->script(srv);
    return NULL;
}

/* Starts @script on one end of a socketpair; returns the other end. */
static int
srvStart(testServer *srv, testScript script, void *data)
{
    int sv[2];

    memset(srv, 0, sizeof(*srv));
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
        abort();
    srv->fd = sv[1];
    srv->script = script;
    srv->data = data;
    srv->thread = g_thread_new("fake-qemu", srvThread, srv);
    return sv[0];
}

static bool
srvJoin(testServer *srv)
{
    g_thread_join(srv->thread);
    vrFileClose(&srv->fd);
    return srv->ok;
}

/* Opens a monitor on a fake server running @script. */
static vrQemuMonitor *
testOpen(testServer *srv, testScript script, testSeen *seen)
{
    int fd = srvStart(srv, script, NULL);
    vrQemuMonitor *mon;

    testSeenInit(seen);
    mon = vrQemuMonitorOpenFd(loop, fd, 5000, &testCallbacks, seen);
    if (!mon)
        printf("  open failed: %s\n", vrGetLastErrorMessage());
    return mon;
}

static void
testClose(vrQemuMonitor *mon, testServer *srv, testSeen *seen)
{
    vrQemuMonitorClose(mon);
    CHECK(srvJoin(srv));
    CHECK(testSeenWaitFreed(seen));
    testSeenClear(seen);
}


/* ---- greeting, capabilities, matching ---- */

static bool
scriptBasic(testServer *srv)
{
    return srvHandshake(srv) &&
        srvAnswer(srv, "query-status",
                  "{\"running\": false, \"singlestep\": false, \"status\": \"prelaunch\"}") &&
        srvAnswer(srv, "query-balloon", "{\"actual\": 1073741824}") &&
        srvAnswer(srv, "query-cpus-fast",
                  "[{\"thread-id\": 4242, \"props\": {\"core-id\": 0, \"thread-id\": 0, "
                  "\"socket-id\": 1}, \"qom-path\": \"/machine/unattached/device[0]\", "
                  "\"cpu-index\": 0, \"target\": \"x86_64\"}]") &&
        srvAnswer(srv, "query-chardev",
                  "[{\"frontend-open\": true, \"filename\": \"pty:/dev/pts/7\", "
                  "\"label\": \"charserial0\"}, {\"frontend-open\": false, "
                  "\"filename\": \"unix:/run/x.sock,server=on\", \"label\": \"charmonitor\"}]") &&
        srvAnswer(srv, "query-version",
                  "{\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
                  "\"package\": \"Debian 1:7.2+dfsg-7\"}") &&
        srvReadLine(srv, NULL) == NULL;   /* the client closes */
}

static void
testBasic(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptBasic, &seen);
    g_autofree char *status = NULL;
    g_autofree char *package = NULL;
    g_autoptr(GPtrArray) cpus = NULL;
    g_autoptr(GHashTable) chardevs = NULL;
    vrQemuMonitorCPUInfo *cpu;
    vrQemuMonitorChardevInfo *ci;
    unsigned long long kib = 0;
    bool running = true;
    int major = 0, minor = 0, micro = 0, v = 0;

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuJSONGetInt(vrQemuJSONGetObject(vrQemuMonitorGetGreetingVersion(mon), "qemu"),
                           "major", &v) == 0 && v == 7);
    CHECK(vrQemuMonitorQueryStatus(mon, &running, &status) == 0);
    CHECK(!running);
    CHECK_STREQ(status, "prelaunch");
    CHECK(vrQemuMonitorQueryBalloon(mon, &kib) == 0 && kib == 1048576);
    CHECK(vrQemuMonitorQueryCPUs(mon, &cpus) == 0 && cpus && cpus->len == 1);
    if (cpus && cpus->len == 1) {
        cpu = g_ptr_array_index(cpus, 0);
        CHECK(cpu->cpuIndex == 0 && cpu->threadId == 4242 && cpu->socketId == 1 &&
              cpu->coreId == 0);
    }
    CHECK(vrQemuMonitorQueryChardev(mon, &chardevs) == 0 && chardevs);
    ci = chardevs ? g_hash_table_lookup(chardevs, "charserial0") : NULL;
    CHECK(ci && ci->ptyPath && g_str_equal(ci->ptyPath, "/dev/pts/7") && ci->frontendOpen);
    ci = chardevs ? g_hash_table_lookup(chardevs, "charmonitor") : NULL;
    CHECK(ci && !ci->ptyPath);
    CHECK(vrQemuMonitorQueryVersion(mon, &major, &minor, &micro, &package) == 0);
    CHECK(major == 7 && minor == 2 && micro == 22);
    CHECK_STREQ(package, "Debian 1:7.2+dfsg-7");
    testClose(mon, &srv, &seen);
}


/* ---- events interleaved with replies ---- */

static bool
scriptEvents(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;
    const char *id;
    g_autofree char *burst = NULL;

    if (!srvHandshake(srv) || !(cmd = srvExpect(srv, "stop")))
        return false;
    id = vrQemuJSONGetString(cmd, "id");
    /* two events alone, then one event and the reply in the same write */
    burst = g_strdup_printf(
        "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 123456}, "
        "\"event\": \"STOP\"}\r\n"
        "{\"timestamp\": {\"seconds\": 1700000001, \"microseconds\": 1}, "
        "\"event\": \"BLOCK_IO_ERROR\", \"data\": {\"device\": \"drive0\", \"nospace\": false}}\r\n"
        "{\"event\": \"RESUME\", \"timestamp\": {\"seconds\": 5, \"microseconds\": 6}}\r\n"
        "{\"return\": {}, \"id\": \"%s\"}\r\n"
        "{\"timestamp\": {\"seconds\": 1700000002, \"microseconds\": 7}, "
        "\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}\r\n",
        id);
    return srvWrite(srv, burst) && srvReadLine(srv, NULL) == NULL;
}

static void
testEvents(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptEvents, &seen);

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuMonitorStop(mon) == 0);
    CHECK(testSeenWait(&seen, &seen.events, 4));
    g_mutex_lock(&seen.lock);
    CHECK_STREQ(seen.lastEvent, "SHUTDOWN");
    CHECK(seen.lastSeconds == 1700000002 && seen.lastMicros == 7);
    CHECK_STREQ(seen.lastData, "{\"guest\":true,\"reason\":\"guest-shutdown\"}");
    g_mutex_unlock(&seen.lock);
    testClose(mon, &srv, &seen);
}


/* an event right behind the capabilities reply, before the owner even has
 * the monitor, is delivered all the same */
static bool
scriptEarlyEvent(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;
    g_autofree char *text = NULL;

    if (!srvWrite(srv, "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\r\n") ||
        !(cmd = srvExpect(srv, "qmp_capabilities")))
        return false;
    text = g_strdup_printf("{\"return\": {}, \"id\": \"%s\"}\r\n{\"event\": \"RESUME\", "
                           "\"timestamp\": {\"seconds\": 3, \"microseconds\": 4}}\r\n",
                           vrQemuJSONGetString(cmd, "id"));
    return srvWrite(srv, text) && srvReadLine(srv, NULL) == NULL;
}

static void
testEarlyEvent(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptEarlyEvent, &seen);

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(testSeenWait(&seen, &seen.events, 1));
    g_mutex_lock(&seen.lock);
    CHECK_STREQ(seen.lastEvent, "RESUME");
    g_mutex_unlock(&seen.lock);
    testClose(mon, &srv, &seen);
}


/* ---- error replies ---- */

static bool
scriptErrorReply(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;
    g_autofree char *text = NULL;

    if (!srvHandshake(srv) || !(cmd = srvExpect(srv, "device_add")))
        return false;
    text = g_strdup_printf("{\"id\": \"%s\", \"error\": {\"class\": \"GenericError\", "
                           "\"desc\": \"Duplicate device ID 'x'\"}}\r\n",
                           vrQemuJSONGetString(cmd, "id"));
    if (!srvWrite(srv, text))
        return false;
    json_object_put(g_steal_pointer(&cmd));
    if (!(cmd = srvExpect(srv, "device_del")))
        return false;
    g_free(text);
    text = g_strdup_printf("{\"error\": {\"class\": \"DeviceNotFound\", "
                           "\"desc\": \"Device 'nope' not found\"}, \"id\": \"%s\"}\r\n",
                           vrQemuJSONGetString(cmd, "id"));
    return srvWrite(srv, text) && srvReadLine(srv, NULL) == NULL;
}

static void
testErrorReply(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptErrorReply, &seen);
    vrQemuMonitorCommandOpts opts = VR_QEMU_MONITOR_COMMAND_OPTS_INIT;
    g_autofree char *errClass = NULL;
    json_object *props = NULL;

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuJSONMakeArgs(&props, "s:driver", "virtio-blk-pci", "s:id", "x", NULL) == 0);
    CHECK(vrQemuMonitorDeviceAdd(mon, props) < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR,
                      "internal error: unable to execute QEMU command 'device_add': "
                      "Duplicate device ID 'x'"));
    opts.errorClass = &errClass;
    CHECK(vrQemuMonitorCommandFull(mon, "device_del", json_object_new_object(), &opts,
                                   NULL) < 0);
    CHECK_STREQ(errClass, "DeviceNotFound");
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, "Device 'nope' not found"));
    testClose(mon, &srv, &seen);
}


/* ---- partial and coalesced writes, unknown ids, odd messages ---- */

static bool
scriptPartial(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;
    g_autofree char *text = NULL;
    size_t i;

    if (!srvHandshake(srv) || !(cmd = srvExpect(srv, "query-kvm")))
        return false;
    /* a late reply to someone else, a message that is neither reply nor
     * event, then ours one byte per write */
    text = g_strdup_printf("{\"return\": {\"enabled\": false, \"present\": false}, "
                           "\"id\": \"vireo-999\"}\r\n{\"greeting?\": 1}\r\n"
                           "{\"return\": {\"enabled\": true, \"present\": true}, "
                           "\"id\": \"%s\"}\r\n", vrQemuJSONGetString(cmd, "id"));
    for (i = 0; text[i]; i++) {
        if (write(srv->fd, text + i, 1) != 1)
            return false;
        if (i % 16 == 0)
            g_usleep(200);
    }
    json_object_put(g_steal_pointer(&cmd));
    /* and two replies coalesced with the start of a third message */
    if (!(cmd = srvExpect(srv, "query-name")))
        return false;
    g_free(text);
    text = g_strdup_printf("{\"return\": {\"name\": \"guest-1\"}, \"id\": \"%s\"}\r\n"
                           "{\"event\": \"POWER", vrQemuJSONGetString(cmd, "id"));
    if (!srvWrite(srv, text))
        return false;
    g_usleep(20000);
    return srvWrite(srv, "DOWN\", \"timestamp\": {\"seconds\": 1, \"microseconds\": 2}}\r\n") &&
        srvReadLine(srv, NULL) == NULL;
}

static void
testPartial(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptPartial, &seen);
    g_autofree char *name = NULL;
    bool enabled = false, present = false;

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuMonitorQueryKVM(mon, &enabled, &present) == 0);
    CHECK(enabled && present);
    CHECK(vrQemuMonitorQueryName(mon, &name) == 0);
    CHECK_STREQ(name, "guest-1");
    CHECK(testSeenWait(&seen, &seen.events, 1));
    g_mutex_lock(&seen.lock);
    CHECK_STREQ(seen.lastEvent, "POWERDOWN");
    g_mutex_unlock(&seen.lock);
    CHECK(seen.errors == 0 && seen.eofs == 0);
    testClose(mon, &srv, &seen);
}


/* ---- end of file while a command waits ---- */

static bool
scriptEOF(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;

    if (!srvHandshake(srv) || !(cmd = srvExpect(srv, "system_powerdown")))
        return false;
    vrFileClose(&srv->fd);
    return true;
}

static void
testEOF(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptEOF, &seen);

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuMonitorSystemPowerdown(mon) < 0);
    CHECK(testErrorIs(VR_ERR_OPERATION_FAILED, "operation failed: QEMU monitor was closed"));
    CHECK(testSeenWait(&seen, &seen.eofs, 1));
    CHECK(vrQemuMonitorCont(mon) < 0);
    CHECK(testErrorIs(VR_ERR_OPERATION_FAILED, "QEMU monitor was closed"));
    CHECK(seen.eofs == 1 && seen.errors == 0);
    testClose(mon, &srv, &seen);
}


/* ---- timeout, then the late reply is ignored ---- */

static bool
scriptTimeout(testServer *srv)
{
    g_autoptr(json_object) slow = NULL;

    if (!srvHandshake(srv) || !(slow = srvExpect(srv, "query-migrate")))
        return false;
    g_usleep(400 * 1000);   /* the client gave up after 100 ms */
    return srvReply(srv, slow, "{\"status\": \"failed\"}") &&
        srvAnswer(srv, "query-migrate",
                  "{\"status\": \"active\", \"total-time\": 1200, \"expected-downtime\": 300, "
                  "\"ram\": {\"transferred\": 1000, \"remaining\": 2000, \"total\": 3000, "
                  "\"mbps\": 268.5, \"dirty-pages-rate\": 10, \"page-size\": 4096}}") &&
        srvReadLine(srv, NULL) == NULL;
}

static void
testTimeout(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptTimeout, &seen);
    vrQemuMonitorMigrationStats stats;

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuMonitorCommand(mon, "query-migrate", NULL, NULL, 100) < 0);
    CHECK(testErrorIs(VR_ERR_OPERATION_TIMEOUT,
                      "Timed out during operation: no reply to 'query-migrate' within 100 ms"));
    CHECK(vrQemuMonitorQueryMigrate(mon, &stats) == 0);
    CHECK_STREQ(stats.status, "active");
    CHECK(stats.totalTimeMs == 1200 && stats.downtimeMs == -1 && stats.ramTotal == 3000 &&
          stats.ramMbps > 268 && stats.ramMbps < 269);
    vrQemuMonitorMigrationStatsClear(&stats);
    testClose(mon, &srv, &seen);
}


/* ---- protocol garbage ---- */

static bool
scriptGarbage(testServer *srv)
{
    const char *payload = srv->data;
    g_autoptr(json_object) cmd = NULL;

    if (!srvHandshake(srv) || !(cmd = srvExpect(srv, "query-block")))
        return false;
    /* the client may hang up in the middle of an oversized write */
    srvWrite(srv, payload);
    return srvReadLine(srv, NULL) == NULL;
}

static void
testGarbageCase(const char *payload, size_t maxMessage, const char *expect)
{
    testServer srv;
    testSeen seen;
    int fd = srvStart(&srv, scriptGarbage, (void *)payload);
    g_autoptr(GPtrArray) blocks = NULL;
    vrQemuMonitor *mon;

    testSeenInit(&seen);
    mon = vrQemuMonitorOpenFd(loop, fd, 5000, &testCallbacks, &seen);
    CHECK(mon != NULL);
    if (!mon)
        return;
    if (maxMessage)
        vrQemuMonitorSetMaxMessage(mon, maxMessage);
    CHECK(vrQemuMonitorQueryBlock(mon, &blocks) < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, expect));
    CHECK(testSeenWait(&seen, &seen.errors, 1));
    CHECK(seen.eofs == 0);
    testClose(mon, &srv, &seen);
}

static void
testGarbage(void)
{
    g_autoptr(GString) big = g_string_new("{\"return\": [{\"device\": \"");
    size_t i;

    testGarbageCase("{\"return\": [}\r\n", 0, "cannot parse JSON from QEMU");
    testGarbageCase("[1, 2]\r\n", 0, "QEMU sent a JSON array instead of an object");
    testGarbageCase("\xff\xfe garbage\r\n", 0, "cannot parse JSON from QEMU");
    for (i = 0; i < 256 * 1024; i++)
        g_string_append_c(big, 'a' + i % 26);
    g_string_append(big, "\"}]}\r\n");
    testGarbageCase(big->str, 64 * 1024, "QEMU sent a message larger than 65536 bytes");
}


/* ---- a reply far larger than a read, below the limit ---- */

static bool
scriptHuge(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;
    g_autoptr(GString) reply = g_string_new("[");
    size_t i;

    if (!srvHandshake(srv) || !(cmd = srvExpect(srv, "qom-list-types")))
        return false;
    for (i = 0; i < 100000; i++)
        g_string_append_printf(reply, "%s{\"name\": \"type-%zu-%s\"}", i ? ", " : "", i,
                               "padding-padding-padding-padding-padding");
    g_string_append(reply, "]");
    return srvReply(srv, cmd, reply->str) && srvReadLine(srv, NULL) == NULL;
}

static void
testHuge(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptHuge, &seen);
    g_auto(GStrv) types = NULL;

    CHECK(mon != NULL);
    if (!mon)
        return;
    CHECK(vrQemuMonitorQomListTypes(mon, NULL, false, &types) == 0);
    CHECK(types && g_strv_length(types) == 100000);
    CHECK(types && g_str_has_prefix(types[99999], "type-99999-"));
    testClose(mon, &srv, &seen);
}


/* ---- descriptor passing ---- */

static bool
scriptFd(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;
    int passed = -1;
    bool ok;

    if (!srvHandshake(srv) || !(cmd = srvExpectFd(srv, "getfd", &passed)))
        return false;
    ok = passed >= 0 && g_str_equal(vrQemuJSONGetString(vrQemuJSONGetObject(cmd, "arguments"),
                                                        "fdname") ?: "", "migrate");
    ok = ok && vrFileWriteFull(passed, "hello", 5) == 5;
    vrFileClose(&passed);
    if (!ok || !srvReply(srv, cmd, "{}"))
        return false;
    json_object_put(g_steal_pointer(&cmd));
    if (!(cmd = srvExpectFd(srv, "add-fd", &passed)) || passed < 0)
        return false;
    vrFileClose(&passed);
    return srvReply(srv, cmd, "{\"fdset-id\": 3, \"fd\": 27}") && srvReadLine(srv, NULL) == NULL;
}

static void
testFdPassing(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptFd, &seen);
    char buf[8] = { 0 };
    int pipefd[2];
    int set = -1, num = -1;

    CHECK(mon != NULL);
    if (!mon)
        return;
    if (pipe(pipefd) < 0)
        abort();
    CHECK(vrQemuMonitorGetFd(mon, "migrate", pipefd[1]) == 0);
    vrFileClose(&pipefd[1]);
    CHECK(vrFileReadFull(pipefd[0], buf, 5) == 5 && g_str_equal(buf, "hello"));
    vrFileClose(&pipefd[0]);
    CHECK(vrQemuMonitorAddFd(mon, -1, "rdonly:/x", STDIN_FILENO, &set, &num) == 0);
    CHECK(set == 3 && num == 27);
    testClose(mon, &srv, &seen);
}


/* ---- close while a command waits ---- */

static bool
scriptHang(testServer *srv)
{
    char *line;

    if (!srvHandshake(srv))
        return false;
    /* never answers (the command may or may not have gone out before the
     * close, depending on scheduling); sees the close */
    while ((line = srvReadLine(srv, NULL)))
        g_free(line);
    return true;
}

static gpointer
testCloseWorker(gpointer opaque)
{
    vrQemuMonitor *mon = opaque;
    g_auto(GStrv) cmds = NULL;
    bool ok;

    ok = vrQemuMonitorQueryCommands(mon, &cmds) < 0 &&
        testErrorIs(VR_ERR_OPERATION_FAILED, "QEMU monitor was closed");
    vrQemuMonitorUnref(mon);
    return GINT_TO_POINTER(ok);
}

static void
testCloseWhileWaiting(void)
{
    testServer srv;
    testSeen seen;
    vrQemuMonitor *mon = testOpen(&srv, scriptHang, &seen);
    GThread *worker;

    CHECK(mon != NULL);
    if (!mon)
        return;
    worker = g_thread_new("worker", testCloseWorker, vrQemuMonitorRef(mon));
    g_usleep(100 * 1000);
    vrQemuMonitorClose(mon);
    CHECK(GPOINTER_TO_INT(g_thread_join(worker)));
    CHECK(srvJoin(&srv));
    CHECK(testSeenWaitFreed(&seen));
    CHECK(seen.eofs == 0 && seen.errors == 0);   /* no callback after close */
    testSeenClear(&seen);
}


/* ---- opening by path while "QEMU" is still starting ---- */

typedef struct {
    char *path;
    testServer srv;
} testListener;

static gpointer
testListenLater(gpointer opaque)
{
    testListener *l = opaque;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_usleep(300 * 1000);
    g_strlcpy(addr.sun_path, l->path, sizeof(addr.sun_path));
    if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lfd, 1) < 0)
        return NULL;
    l->srv.fd = accept(lfd, NULL, NULL);
    close(lfd);
    l->srv.ok = l->srv.fd >= 0 && srvHandshake(&l->srv) && srvReadLine(&l->srv, NULL) == NULL;
    return NULL;
}

static void
testOpenPath(void)
{
    g_autofree char *dir = g_dir_make_tmp("vireo-qmp-XXXXXX", NULL);
    testListener l = { .path = g_build_filename(dir, "monitor.sock", NULL) };
    g_autofree char *missing = g_build_filename(dir, "missing.sock", NULL);
    GThread *thread = g_thread_new("listener", testListenLater, &l);
    testSeen seen;
    vrQemuMonitor *mon;
    gint64 start;

    testSeenInit(&seen);
    mon = vrQemuMonitorOpen(loop, l.path, 5000, &testCallbacks, &seen);
    CHECK(mon != NULL);
    vrQemuMonitorClose(mon);
    g_thread_join(thread);
    CHECK(l.srv.ok);
    vrFileClose(&l.srv.fd);
    CHECK(testSeenWaitFreed(&seen));
    testSeenClear(&seen);

    start = g_get_monotonic_time();
    CHECK(vrQemuMonitorOpen(loop, missing, 200, &testCallbacks, NULL) == NULL);
    CHECK(g_get_monotonic_time() - start >= 190 * 1000);
    CHECK(vrGetLastError() && vrGetLastError()->code == VR_ERR_SYSTEM_ERROR &&
          strstr(vrGetLastError()->message, "cannot connect to QEMU monitor socket"));
    vrResetLastError();
    unlink(l.path);
    rmdir(dir);
    g_free(l.path);
}


/* ---- the parser without a socket ---- */

static void
testFeed(void)
{
    testSeen seen;
    vrQemuMonitor *mon;
    const char *stream =
        "{\"QMP\": {\"version\": {\"qemu\": {\"major\": 7, \"minor\": 2, \"micro\": 0}}, "
        "\"capabilities\": []}}\r\n"
        "{\"event\": \"DEVICE_DELETED\", \"data\": {\"device\": \"net1\", \"path\": "
        "\"/machine/peripheral/net1\"}, \"timestamp\": {\"seconds\": 9, \"microseconds\": 8}}\r\n"
        "{\"return\": {}, \"id\": \"nobody\"}\r\n"
        "{\"event\": 5}\r\n";
    size_t i, len = strlen(stream);

    testSeenInit(&seen);
    mon = vrQemuMonitorNew(NULL, -1, VR_QEMU_MONITOR_PROTO_QMP, &testCallbacks, &seen);
    /* in three uneven pieces */
    for (i = 0; i < len; i += 37)
        CHECK(vrQemuMonitorFeed(mon, stream + i, MIN(37, len - i)) == 0);
    CHECK(seen.events == 1);
    CHECK_STREQ(seen.lastEvent, "DEVICE_DELETED");
    CHECK(seen.lastSeconds == 9 && seen.lastMicros == 8);
    CHECK(vrQemuMonitorGetGreetingVersion(mon) != NULL);
    CHECK(vrQemuMonitorFeed(mon, "}{", 2) < 0);
    CHECK(seen.errors == 1);
    CHECK(vrQemuMonitorFeed(mon, "{}", 2) < 0);   /* dead stays dead */
    vrResetLastError();
    vrQemuMonitorClose(mon);
    CHECK(seen.freed);
    testSeenClear(&seen);
}


static void
testCloseOnEvent(vrQemuMonitor *mon, const char *name, json_object *data,
                 long long seconds, unsigned int micros, void *opaque)
{
    (*(int *)opaque)++;
    vrQemuMonitorClose(mon);
}

/* closing from a callback drops the rest and frees the monitor safely */
static void
testCloseFromCallback(void)
{
    static const vrQemuMonitorCallbacks cb = { .event = testCloseOnEvent };
    const char *two = "{\"event\": \"STOP\"}\n{\"event\": \"RESUME\"}\n";
    int count = 0;
    vrQemuMonitor *mon = vrQemuMonitorNew(NULL, -1, VR_QEMU_MONITOR_PROTO_QMP, &cb, &count);

    CHECK(vrQemuMonitorFeed(mon, two, strlen(two)) == 0);
    CHECK(count == 1);
}


/* ---- JSON helpers ---- */

static void
testJSONArgs(void)
{
    g_autoptr(json_object) args = NULL;
    g_autofree char *text = NULL;
    json_object *props = json_object_new_object();
    json_object *bad = NULL;
    unsigned long long ull = 0;
    long long ll = 0;
    int i = 0;
    bool b = false;

    CHECK(vrQemuJSONMakeArgs(&args, "s:device", "virtio0", "S:skipped", NULL,
                             "U:size", 18446744073709551615ULL, "I:neg", -5LL, "b:force", true,
                             "B:skipped-bool", false, "P:skipped-zero", 0ULL, "i:n", 3,
                             "j:props", props, "J:skipped-obj", NULL, "d:ratio", 0.5,
                             "s:path", "/a/b", NULL) == 0);
    text = vrQemuJSONFormat(args);
    CHECK_STREQ(text, "{\"device\":\"virtio0\",\"size\":18446744073709551615,\"neg\":-5,"
                      "\"force\":true,\"n\":3,\"props\":{},\"ratio\":0.5,\"path\":\"/a/b\"}");
    CHECK(vrQemuJSONGetULongLong(args, "size", &ull) == 0 && ull == 18446744073709551615ULL);
    CHECK(vrQemuJSONGetLongLong(args, "size", &ll) < 0);     /* does not fit */
    CHECK(vrQemuJSONGetULongLong(args, "neg", &ull) < 0);
    CHECK(vrQemuJSONGetLongLong(args, "neg", &ll) == 0 && ll == -5);
    CHECK(vrQemuJSONGetInt(args, "n", &i) == 0 && i == 3);
    CHECK(vrQemuJSONGetBool(args, "n", &b) < 0);
    CHECK(vrQemuJSONGetString(args, "n") == NULL);
    CHECK(vrQemuJSONGetObject(NULL, "x") == NULL);
    CHECK(vrQemuJSONRequireInt(args, "query-x", "missing", &i) < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, "QEMU reply to 'query-x' lacks integer 'missing'"));

    CHECK(vrQemuJSONMakeArgs(&bad, "s:a", NULL, "j:b", json_object_new_object(), NULL) < 0);
    CHECK(bad == NULL && testErrorIs(VR_ERR_INTERNAL_ERROR, "argument 'a' must not be NULL"));
    CHECK(vrQemuJSONMakeArgs(&bad, "s:a", "x", "s:a", "y", NULL) < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, "duplicate JSON argument 'a'"));
    CHECK(vrQemuJSONMakeArgs(&bad, "x:a", 1, NULL) < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, "unknown JSON argument type 'x'"));

    CHECK(vrQemuJSONParse("{\"a\": 1} x") == NULL);
    vrResetLastError();
    CHECK(vrQemuJSONParse("{\"a\": ") == NULL);
    vrResetLastError();
}

static void
testParsers(void)
{
    g_autoptr(json_object) ok = vrQemuJSONParse(
        "[{\"device\": \"\", \"qdev\": \"/machine/peripheral/virtio-disk0/virtio-backend\", "
        "\"node-name\": \"libvirt-1-format\", \"stats\": {\"rd_bytes\": 512, \"wr_bytes\": 1024, "
        "\"rd_operations\": 1, \"wr_operations\": 2, \"flush_operations\": 3, "
        "\"rd_total_time_ns\": 4, \"wr_total_time_ns\": 5, \"flush_total_time_ns\": 6, "
        "\"wr_highest_offset\": 7}}]");
    g_autoptr(json_object) broken = vrQemuJSONParse("[{\"device\": \"x\", \"stats\": 5}]");
    g_autoptr(json_object) machines = vrQemuJSONParse(
        "[{\"hotpluggable-cpus\": true, \"name\": \"pc-q35-7.2\", \"numa-mem-supported\": false, "
        "\"default-cpu-type\": \"qemu64-x86_64-cpu\", \"cpu-max\": 288, \"deprecated\": false, "
        "\"alias\": \"q35\", \"default-ram-id\": \"pc.ram\"}, {\"name\": \"none\", "
        "\"cpu-max\": 1, \"is-default\": false}]");
    g_autoptr(json_object) defs = vrQemuJSONParse(
        "[{\"name\": \"Skylake-Client\", \"typename\": \"Skylake-Client-x86_64-cpu\", "
        "\"unavailable-features\": [\"hle\", \"rtm\"], \"static\": false, \"deprecated\": false},"
        " {\"name\": \"qemu64\", \"unavailable-features\": []}, {\"name\": \"max\"}]");
    g_autoptr(GPtrArray) list = NULL;
    vrQemuMonitorBlockStats *st;
    vrQemuMonitorMachineInfo *mi;
    vrQemuMonitorCPUDefinition *def;

    CHECK(vrQemuMonitorParseBlockStats(ok, &list) == 0 && list->len == 1);
    st = list ? g_ptr_array_index(list, 0) : NULL;
    CHECK(st && st->rdBytes == 512 && st->wrReq == 2 && st->flushReq == 3 &&
          st->flushTotalTimeNs == 6 && st->wrHighestOffset == 7 &&
          g_str_equal(st->nodeName, "libvirt-1-format"));
    g_clear_pointer(&list, g_ptr_array_unref);
    CHECK(vrQemuMonitorParseBlockStats(broken, &list) < 0 && list == NULL);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, "lacks object 'stats'"));
    CHECK(vrQemuMonitorParseBlockStats(machines, &list) < 0);
    vrResetLastError();

    CHECK(vrQemuMonitorParseMachines(machines, &list) == 0 && list->len == 2);
    mi = list ? g_ptr_array_index(list, 0) : NULL;
    CHECK(mi && mi->maxCpus == 288 && mi->hotplugCpus && g_str_equal(mi->alias, "q35") &&
          g_str_equal(mi->defaultRamId, "pc.ram"));
    g_clear_pointer(&list, g_ptr_array_unref);

    CHECK(vrQemuMonitorParseCPUDefinitions(defs, &list) == 0 && list->len == 3);
    if (list && list->len == 3) {
        def = g_ptr_array_index(list, 0);
        CHECK(def->usable == VR_QEMU_MONITOR_CPU_USABLE_NO && g_strv_length(def->blockers) == 2);
        def = g_ptr_array_index(list, 1);
        CHECK(def->usable == VR_QEMU_MONITOR_CPU_USABLE_YES);
        def = g_ptr_array_index(list, 2);
        CHECK(def->usable == VR_QEMU_MONITOR_CPU_USABLE_UNKNOWN);
    }
}


/* ---- the guest agent ---- */

/* Reads the client's sync, answers after stale output; returns false on
 * anything unexpected. */
static bool
agentSync(testServer *srv)
{
    g_autoptr(json_object) cmd = srvExpect(srv, "guest-sync-delimited");
    long long id = 0;
    g_autofree char *text = NULL;

    if (!cmd || vrQemuJSONGetLongLong(vrQemuJSONGetObject(cmd, "arguments"), "id", &id) < 0)
        return false;
    /* stale bytes, an older sync's answer after its own sentinel, then ours */
    text = g_strdup_printf("{\"return\": {}}\r\n{\"retu\xff{\"return\": %lld}\r\n"
                           "\xff{\"return\": %lld}\r\n", id + 1, id);
    return srvWrite(srv, text);
}

static bool
agentAnswer(testServer *srv, const char *name, const char *ret)
{
    g_autoptr(json_object) cmd = NULL;
    g_autofree char *text = g_strdup_printf("{\"return\": %s}\r\n", ret);

    return agentSync(srv) && (cmd = srvExpect(srv, name)) && srvWrite(srv, text);
}

static bool
scriptAgent(testServer *srv)
{
    g_autoptr(json_object) shutdown = NULL;

    return agentAnswer(srv, "guest-ping", "{}") &&
        agentAnswer(srv, "guest-network-get-interfaces",
                    "[{\"name\": \"lo\", \"ip-addresses\": [{\"ip-address-type\": \"ipv4\", "
                    "\"ip-address\": \"127.0.0.1\", \"prefix\": 8}, {\"ip-address-type\": "
                    "\"ipv6\", \"ip-address\": \"::1\", \"prefix\": 128}], \"hardware-address\": "
                    "\"00:00:00:00:00:00\"}, {\"name\": \"eth0\", \"ip-addresses\": "
                    "[{\"ip-address-type\": \"ipv4\", \"ip-address\": \"192.168.122.5\", "
                    "\"prefix\": 24}], \"hardware-address\": \"52:54:00:12:34:56\"}]") &&
        agentAnswer(srv, "guest-fsfreeze-freeze", "2") &&
        agentAnswer(srv, "guest-get-time", "1700000000123456789") &&
        agentAnswer(srv, "guest-info",
                    "{\"version\": \"7.2.0\", \"supported_commands\": [{\"enabled\": true, "
                    "\"name\": \"guest-ping\", \"success-response\": true}, {\"enabled\": "
                    "false, \"name\": \"guest-exec\", \"success-response\": true}]}") &&
        agentSync(srv) && (shutdown = srvExpect(srv, "guest-shutdown")) &&
        srvReadLine(srv, NULL) == NULL;
}

static void
testAgentOnEOF(vrQemuAgent *agent, void *opaque)
{
    testOnEOF(NULL, opaque);
}

static const vrQemuAgentCallbacks testAgentCallbacks = {
    .eof = testAgentOnEOF,
    .freeOpaque = testOnFree,
};

static void
testAgent(void)
{
    testServer srv;
    testSeen seen;
    vrQemuAgent *agent;
    g_autoptr(GPtrArray) ifaces = NULL;
    g_autofree char *version = NULL;
    g_auto(GStrv) commands = NULL;
    vrQemuAgentInterface *iface;
    vrQemuAgentIPAddress *addr;
    long long secs = 0;
    unsigned int nsecs = 0;

    testSeenInit(&seen);
    agent = vrQemuAgentOpenFd(loop, srvStart(&srv, scriptAgent, NULL), &testAgentCallbacks,
                              &seen);
    CHECK(vrQemuAgentPing(agent, 2000) == 0);
    CHECK(vrQemuAgentGetInterfaces(agent, &ifaces) == 0 && ifaces && ifaces->len == 2);
    if (ifaces && ifaces->len == 2) {
        iface = g_ptr_array_index(ifaces, 1);
        CHECK_STREQ(iface->name, "eth0");
        CHECK_STREQ(iface->hwaddr, "52:54:00:12:34:56");
        addr = iface->addrs->len ? g_ptr_array_index(iface->addrs, 0) : NULL;
        CHECK(addr && !addr->ipv6 && addr->prefix == 24 &&
              g_str_equal(addr->address, "192.168.122.5"));
        iface = g_ptr_array_index(ifaces, 0);
        CHECK(iface->addrs->len == 2 &&
              ((vrQemuAgentIPAddress *)g_ptr_array_index(iface->addrs, 1))->ipv6);
    }
    CHECK(vrQemuAgentFSFreeze(agent, NULL) == 2);
    CHECK(vrQemuAgentGetTime(agent, &secs, &nsecs) == 0);
    CHECK(secs == 1700000000 && nsecs == 123456789);
    CHECK(vrQemuAgentGetInfo(agent, &version, &commands) == 0);
    CHECK_STREQ(version, "7.2.0");
    CHECK(commands && g_strv_length(commands) == 1 && g_str_equal(commands[0], "guest-ping"));
    CHECK(vrQemuAgentShutdown(agent, VR_QEMU_AGENT_SHUTDOWN_POWERDOWN) == 0);
    vrQemuAgentClose(agent);
    CHECK(srvJoin(&srv));
    CHECK(testSeenWaitFreed(&seen));
    testSeenClear(&seen);
}

static bool
scriptAgentSilent(testServer *srv)
{
    char *line;

    /* a guest without an agent: bytes go in, nothing comes back */
    while ((line = srvReadLine(srv, NULL)))
        g_free(line);
    return true;
}

static bool
scriptAgentGarbage(testServer *srv)
{
    g_autoptr(json_object) cmd = NULL;

    return agentSync(srv) && (cmd = srvExpect(srv, "guest-fsfreeze-status")) &&
        srvWrite(srv, "{\"return\" \"frozen\"}\r\n") &&
        agentAnswer(srv, "guest-fsfreeze-status", "\"thawed\"") &&
        srvReadLine(srv, NULL) == NULL;
}

static void
testAgentUnresponsive(void)
{
    testServer srv;
    testSeen seen;
    vrQemuAgent *agent;
    gint64 start;
    bool frozen = true;

    testSeenInit(&seen);
    agent = vrQemuAgentOpenFd(loop, srvStart(&srv, scriptAgentSilent, NULL),
                              &testAgentCallbacks, &seen);
    start = g_get_monotonic_time();
    CHECK(vrQemuAgentPing(agent, 300) < 0);
    CHECK(g_get_monotonic_time() - start < 2 * G_TIME_SPAN_SECOND);
    CHECK(testErrorIs(VR_ERR_AGENT_UNRESPONSIVE,
                      "Guest agent is not responding: no reply to 'guest-sync-delimited'"));
    vrQemuAgentClose(agent);
    CHECK(srvJoin(&srv));
    CHECK(testSeenWaitFreed(&seen));
    testSeenClear(&seen);

    /* garbage fails the command, and the next sync recovers */
    testSeenInit(&seen);
    agent = vrQemuAgentOpenFd(loop, srvStart(&srv, scriptAgentGarbage, NULL),
                              &testAgentCallbacks, &seen);
    CHECK(vrQemuAgentFSFreezeStatus(agent, &frozen) < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR, "cannot parse JSON"));
    CHECK(vrQemuAgentFSFreezeStatus(agent, &frozen) == 0 && !frozen);
    vrQemuAgentClose(agent);
    CHECK(srvJoin(&srv));
    CHECK(testSeenWaitFreed(&seen));
    CHECK(seen.eofs == 0);
    testSeenClear(&seen);
}


/* ---- real QEMU ---- */

static bool
testHasMachine(GPtrArray *machines, const char *name)
{
    guint i;

    for (i = 0; machines && i < machines->len; i++) {
        vrQemuMonitorMachineInfo *mi = g_ptr_array_index(machines, i);
        if (g_str_equal(mi->name, name))
            return true;
    }
    return false;
}

static void
testRealQEMUQueries(vrQemuMonitor *mon)
{
    g_autofree char *status = NULL;
    g_autofree char *hmp = NULL;
    g_autoptr(GPtrArray) machines = NULL;
    g_auto(GStrv) commands = NULL;
    bool running = true;
    int major = 0, minor = 0, micro = 0;

    CHECK(vrQemuMonitorQueryVersion(mon, &major, &minor, &micro, NULL) == 0);
    CHECK(major == 7 && minor == 2);
    CHECK(vrQemuMonitorQueryStatus(mon, &running, &status) == 0);
    CHECK(!running);
    CHECK_STREQ(status, "prelaunch");
    CHECK(vrQemuMonitorQueryMachines(mon, &machines) == 0);
    CHECK(testHasMachine(machines, "pc-i440fx-7.2"));
    CHECK(testHasMachine(machines, "pc-q35-7.2"));
    CHECK(vrQemuMonitorQueryCommands(mon, &commands) == 0 &&
          g_strv_contains((const char *const *)commands, "query-status"));
    CHECK(vrQemuMonitorHumanCommand(mon, "info version", &hmp) == 0 &&
          hmp && g_str_has_prefix(hmp, "7.2"));
    CHECK(vrQemuMonitorDeviceDel(mon, "nosuchdev") < 0);
    CHECK(testErrorIs(VR_ERR_INTERNAL_ERROR,
                      "unable to execute QEMU command 'device_del': Device 'nosuchdev' not found"));
}

static void
testRealQEMU(void)
{
    g_autofree char *qemu = g_find_program_in_path("qemu-system-x86_64");
    g_autofree char *dir = NULL;
    g_autofree char *sock = NULL;
    g_autofree char *qmparg = NULL;
    GPid pid;
    testSeen seen;
    vrQemuMonitor *mon;
    int status = 0;

    if (!qemu) {
        printf("SKIP real QEMU: qemu-system-x86_64 not found\n");
        return;
    }
    dir = g_dir_make_tmp("vireo-qemu-XXXXXX", NULL);
    sock = g_build_filename(dir, "qmp.sock", NULL);
    qmparg = g_strdup_printf("unix:%s,server=on,wait=off", sock);
    {
        const char *argv[] = { qemu, "-machine", "none", "-accel", "tcg", "-nodefaults",
                               "-display", "none", "-S", "-qmp", qmparg, NULL };
        if (!g_spawn_async(NULL, (char **)argv, NULL,
                           G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                           NULL, NULL, &pid, NULL)) {
            CHECK(!"cannot start qemu-system-x86_64");
            return;
        }
    }
    testSeenInit(&seen);
    mon = vrQemuMonitorOpen(loop, sock, 10000, &testCallbacks, &seen);
    CHECK(mon != NULL);
    if (mon) {
        testRealQEMUQueries(mon);
        CHECK(vrQemuMonitorQuit(mon) == 0);
        CHECK(testSeenWait(&seen, &seen.eofs, 1));
        CHECK(vrQemuMonitorCont(mon) < 0);
        CHECK(testErrorIs(VR_ERR_OPERATION_FAILED, "QEMU monitor was closed"));
        vrQemuMonitorClose(mon);
    } else {
        printf("  %s\n", vrGetLastErrorMessage());
        kill(pid, SIGKILL);
    }
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(testSeenWaitFreed(&seen));
    testSeenClear(&seen);
    unlink(sock);
    rmdir(dir);
}


int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    testLoopStart();
    testJSONArgs();
    testParsers();
    testFeed();
    testCloseFromCallback();
    testBasic();
    testEvents();
    testEarlyEvent();
    testErrorReply();
    testPartial();
    testEOF();
    testTimeout();
    testGarbage();
    testHuge();
    testFdPassing();
    testCloseWhileWaiting();
    testOpenPath();
    testAgent();
    testAgentUnresponsive();
    testRealQEMU();
    testLoopStop();
    return testFinish();
}
