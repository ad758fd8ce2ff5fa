/*
 * fuzz_qmp_reply.c: arbitrary bytes as the stream QEMU writes on a QMP
 * monitor (greeting, replies, events) and on a guest agent channel.
 *
 * The input goes, split where its first byte says, into a QMP monitor's
 * parser and, whole, into a guest agent's parser (which resynchronises on
 * 0xFF); then every complete message is taken apart as a reply and its
 * "return" value handed to every typed reply parser.  Nothing may crash,
 * leak, hang or read out of bounds.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "qemu/qemu_agent.h"
#include "qemu/qemu_monitor_cmds.h"
#include "util/vrerror.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small enough that the fuzzer reaches the limit. */
#define FUZZ_MAX_MESSAGE 16384

static void
fuzzEvent(vrQemuMonitor *mon, const char *name, json_object *data,
          long long seconds, unsigned int micros, void *opaque)
{
    g_free(data ? vrQemuJSONFormat(data) : g_strdup(name));
}

static const vrQemuMonitorCallbacks fuzzCallbacks = { .event = fuzzEvent };

static void
fuzzLists(json_object *ret)
{
    int (*const parsers[])(json_object *, GPtrArray **) = {
        vrQemuMonitorParseCPUs, vrQemuMonitorParseBlockStats, vrQemuMonitorParseBlockInfo,
        vrQemuMonitorParseBlockNodes, vrQemuMonitorParseMachines,
        vrQemuMonitorParseCPUDefinitions, vrQemuAgentParseInterfaces, vrQemuAgentParseFSInfo,
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(parsers); i++) {
        GPtrArray *list = NULL;

        if (parsers[i](ret, &list) == 0)
            g_ptr_array_unref(list);
    }
}

static void
fuzzObjects(json_object *ret)
{
    vrQemuMonitorMigrationStats stats;
    GHashTable *chardevs = NULL;
    char *str = NULL;
    char **strv = NULL;
    unsigned long long ull;
    int a, b, c;
    bool x, y;

    if (vrQemuMonitorParseStatus(ret, &x, &str) == 0)
        g_free(str);
    vrQemuMonitorParseBalloon(ret, &ull);
    if (vrQemuMonitorParseVersion(ret, &a, &b, &c, &str) == 0)
        g_free(str);
    vrQemuMonitorParseKVM(ret, &x, &y);
    if (vrQemuMonitorParseMigrationStats(ret, &stats) == 0)
        vrQemuMonitorMigrationStatsClear(&stats);
    if (vrQemuMonitorParseChardevs(ret, &chardevs) == 0)
        g_hash_table_unref(chardevs);
    vrQemuMonitorParseAddFd(ret, &a, &b);
    if (vrQemuMonitorParseName(ret, &str) == 0)
        g_free(str);
    if (vrQemuAgentParseInfo(ret, &str, &strv) == 0) {
        g_free(str);
        g_strfreev(strv);
    }
    g_strfreev(vrQemuJSONStringList(ret, "name"));
}

static int
fuzzMessage(json_object *msg, void *opaque)
{
    json_object *ret = NULL;
    char *errorClass = NULL;

    if (msg && vrQemuMonitorParseReply("fuzz", msg, false, &ret, &errorClass) == 0) {
        fuzzLists(ret);
        fuzzObjects(ret);
        json_object_put(ret);
    }
    g_free(errorClass);
    vrResetLastError();
    return 0;
}

static void
fuzzMonitor(vrQemuMonitorProto proto, const char *data, size_t size, size_t split)
{
    vrQemuMonitor *mon = vrQemuMonitorNew(NULL, -1, proto, &fuzzCallbacks, NULL);

    vrQemuMonitorSetMaxMessage(mon, FUZZ_MAX_MESSAGE);
    if (vrQemuMonitorFeed(mon, data, split) == 0)
        vrQemuMonitorFeed(mon, data + split, size - split);
    vrQemuMonitorClose(mon);
    vrResetLastError();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data + 1;
    vrQemuJSONStream stream;
    size_t split;

    if (size < 1)
        return 0;
    size--;
    split = (size_t)data[0] * size / 255;
    fuzzMonitor(VR_QEMU_MONITOR_PROTO_QMP, text, size, split);
    fuzzMonitor(VR_QEMU_MONITOR_PROTO_AGENT, text, size, split);

    vrQemuJSONStreamInit(&stream, FUZZ_MAX_MESSAGE, true);
    vrQemuJSONStreamFeed(&stream, text, size, fuzzMessage, NULL);
    vrQemuJSONStreamClear(&stream);
    vrResetLastError();
    return 0;
}
