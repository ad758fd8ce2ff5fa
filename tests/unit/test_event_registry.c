/*
 * test_event_registry.c: the event registry behind network and secret
 * events: matching, order, deregistering from a callback, and a closing
 * connection waiting for a callback that is still running.
 */
#include <config.h>

#include <glib.h>

#include "testutils.h"
#include "util/vreventregistry.h"
#include "util/vrerror.h"

typedef struct {
    vrEventHeader hdr;
    int seq;
} testEvent;

typedef struct {
    GMutex lock;
    GCond cond;
    GString *log;             /* "tag:seq " per call */
    int calls;
    vrEventRegistry *reg;
    int selfID;               /* deregistered by its own callback */
    gint inSlow, releaseSlow;
} testState;

static testState ts;

static void
testEventFree(vrEventHeader *hdr)
{
    g_free(hdr->root);
    g_free(hdr);
}

static void
testInvoke(void *conn, vrEventFunc cb, void *opaque, const vrEventHeader *hdr)
{
    (void)conn;
    ((void (*)(const char *, int))cb)(opaque, ((const testEvent *)hdr)->seq);
}

static void
testRecord(const char *tag, int seq)
{
    g_mutex_lock(&ts.lock);
    g_string_append_printf(ts.log, "%s:%d ", tag, seq);
    ts.calls++;
    g_cond_broadcast(&ts.cond);
    g_mutex_unlock(&ts.lock);
}

static void
testSelfRemoving(const char *tag, int seq)
{
    testRecord(tag, seq);
    CHECK(vrEventRegistryRemove(ts.reg, &ts, ts.selfID) == 0);
}

/* Blocks until told: a closing connection must wait for it. */
static void
testSlow(const char *tag, int seq)
{
    g_atomic_int_set(&ts.inSlow, 1);
    while (!g_atomic_int_get(&ts.releaseSlow))
        g_usleep(1000);
    testRecord(tag, seq);
}

static void
testQueue(const char *root, unsigned char id, int eventID, int seq)
{
    testEvent *ev = g_new0(testEvent, 1);

    ev->hdr.root = g_strdup(root);
    ev->hdr.uuid[0] = id;
    ev->hdr.eventID = eventID;
    ev->hdr.target = -1;
    ev->seq = seq;
    vrEventRegistryQueue(ts.reg, &ev->hdr);
}

static void
testWaitCalls(int n)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    g_mutex_lock(&ts.lock);
    while (ts.calls < n && g_cond_wait_until(&ts.cond, &ts.lock, end))
        ;
    g_mutex_unlock(&ts.lock);
}

static void
testMatchingAndOrder(void)
{
    unsigned char only2[VR_UUID_BUFLEN] = { 2 };
    int conn1, conn2;
    vrEventFunc rec = (vrEventFunc)testRecord;

    vrEventRegistryAdd(ts.reg, &conn1, "/r", NULL, 0, rec, (void *)"all", NULL);
    vrEventRegistryAdd(ts.reg, &conn2, "/r", only2, 0, rec, (void *)"two", NULL);
    vrEventRegistryAdd(ts.reg, &conn2, "/other", NULL, 0, rec, (void *)"other", NULL);
    vrEventRegistryAdd(ts.reg, &conn2, "/r", NULL, 1, rec, (void *)"id1", NULL);
    testQueue("/r", 1, 0, 1);
    testQueue("/r", 2, 0, 2);
    testQueue("/r", 2, 1, 3);
    testWaitCalls(4);
    CHECK_STREQ(ts.log->str, "all:1 all:2 two:2 id1:3 ");
    vrEventRegistryRemoveConn(ts.reg, &conn1);
    vrEventRegistryRemoveConn(ts.reg, &conn2);
    CHECK(vrEventRegistryRemove(ts.reg, &conn1, 0) < 0 && vrGetLastError() != NULL);
    vrResetLastError();
}

static void
testSelfDeregistration(void)
{
    int conn;

    g_string_truncate(ts.log, 0);
    ts.calls = 0;
    ts.selfID = vrEventRegistryAdd(ts.reg, &ts, "/r", NULL, 0, (vrEventFunc)testSelfRemoving,
                                   (void *)"self", NULL);
    vrEventRegistryAdd(ts.reg, &conn, "/r", NULL, 0, (vrEventFunc)testRecord, (void *)"keep", NULL);
    testQueue("/r", 1, 0, 1);
    testQueue("/r", 1, 0, 2);
    testWaitCalls(3);
    CHECK_STREQ(ts.log->str, "self:1 keep:1 keep:2 ");
    vrEventRegistryRemoveConn(ts.reg, &conn);
}

static gpointer
testReleaseLater(gpointer data)
{
    (void)data;
    g_usleep(200 * 1000);
    g_atomic_int_set(&ts.releaseSlow, 1);
    return NULL;
}

static void
testRemoveConnWaits(void)
{
    int conn;
    GThread *t;

    g_string_truncate(ts.log, 0);
    ts.calls = 0;
    vrEventRegistryAdd(ts.reg, &conn, "/r", NULL, 0, (vrEventFunc)testSlow, (void *)"slow", NULL);
    testQueue("/r", 1, 0, 1);
    while (!g_atomic_int_get(&ts.inSlow))
        g_usleep(1000);
    t = g_thread_new("release", testReleaseLater, NULL);
    vrEventRegistryRemoveConn(ts.reg, &conn);
    /* returned only after the running callback finished */
    CHECK_STREQ(ts.log->str, "slow:1 ");
    g_thread_join(t);
}

/* Deregistering a running callback returns after it: its data may go. */
static void
testRemoveWaits(void)
{
    int conn;
    int id;
    GThread *t;

    g_string_truncate(ts.log, 0);
    ts.calls = 0;
    g_atomic_int_set(&ts.inSlow, 0);
    g_atomic_int_set(&ts.releaseSlow, 0);
    id = vrEventRegistryAdd(ts.reg, &conn, "/r", NULL, 0, (vrEventFunc)testSlow,
                            (void *)"slow2", NULL);
    testQueue("/r", 1, 0, 1);
    while (!g_atomic_int_get(&ts.inSlow))
        g_usleep(1000);
    t = g_thread_new("release", testReleaseLater, NULL);
    CHECK(vrEventRegistryRemove(ts.reg, &conn, id) == 0);
    CHECK_STREQ(ts.log->str, "slow2:1 ");
    g_thread_join(t);
}

int
main(void)
{
    g_mutex_init(&ts.lock);
    g_cond_init(&ts.cond);
    ts.log = g_string_new(NULL);
    ts.reg = vrEventRegistryNew("test-events", testInvoke, testEventFree);
    testMatchingAndOrder();
    testSelfDeregistration();
    testRemoveConnWaits();
    testRemoveWaits();
    return testFinish();
}
