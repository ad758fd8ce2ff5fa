/*
 * qemu_monitor.h: the QMP client.
 *
 * A monitor is one socket connection to QEMU's QMP server.  The socket is
 * serviced by a vrEventLoop (reads, writes, event delivery happen in the
 * loop thread and never block); commands are issued from worker threads,
 * which block until the reply, end of file, or a timeout.  One command is
 * in flight at a time per monitor; callers queue up behind each other
 * while events keep flowing.
 *
 * The same connection engine also carries the guest agent protocol
 * (qemu_agent.c): no greeting, no ids, and 0xFF resynchronisation.
 */
#ifndef VR_QEMU_MONITOR_H
#define VR_QEMU_MONITOR_H

#include <stdbool.h>
#include <stddef.h>

#include "qemu/qemu_json.h"
#include "util/vrevent.h"

typedef struct _vrQemuMonitor vrQemuMonitor;

/* Callbacks run in the event loop thread (or, with vrQemuMonitorFeed, in
 * the feeding thread) without any monitor lock held, so they may call
 * vrQemuMonitorClose, but they must never block and must never issue a
 * monitor command (that would wait for the very thread running them).
 * None starts once vrQemuMonitorClose has been called (one already
 * running in the loop thread may still be finishing), and none is called
 * for a monitor whose open failed.  All members may be NULL. */
typedef struct {
    /* QEMU closed the connection (it exited or was killed).  Called at
     * most once; afterwards every command fails. */
    void (*eof)(vrQemuMonitor *mon, void *opaque);
    /* The connection carried garbage (invalid JSON, a message over the
     * size limit, a read error) and was shut down.  Called at most once,
     * instead of eof; the thread's last error says what happened. */
    void (*error)(vrQemuMonitor *mon, void *opaque);
    /* An asynchronous QMP event.  @data is the event's "data" member or
     * NULL when it has none; it is borrowed (json_object_get it to keep
     * it).  @seconds/@micros are QEMU's timestamp (-1/0 if missing). */
    void (*event)(vrQemuMonitor *mon, const char *name, json_object *data,
                  long long seconds, unsigned int micros, void *opaque);
    /* Releases @opaque once the monitor itself is freed, that is after
     * the last callback has returned. */
    void (*freeOpaque)(void *opaque);
} vrQemuMonitorCallbacks;

typedef enum {
    VR_QEMU_MONITOR_PROTO_QMP = 0,  /* greeting, command ids, events */
    VR_QEMU_MONITOR_PROTO_AGENT,    /* guest agent: no greeting, no ids, 0xFF sync */
} vrQemuMonitorProto;

/* Largest message accepted before the connection is dropped. */
#define VR_QEMU_MONITOR_MAX_MESSAGE (64 * 1024 * 1024)
/* Timeout of commands issued with timeoutMs == 0. */
#define VR_QEMU_MONITOR_DEFAULT_TIMEOUT_MS 60000

/* Connects to the UNIX socket @path, retrying while it does not exist yet
 * or refuses connections (QEMU is still starting) until @timeoutMs has
 * passed (0: the default timeout, < 0: no limit).  @what names the socket
 * in errors ("QEMU monitor").  Returns a connected, non-blocking,
 * close-on-exec descriptor or -1. */
int vrQemuMonitorConnectSocket(const char *path, const char *what, int timeoutMs);

/* Connects to QEMU's QMP socket, reads the greeting and negotiates
 * capabilities, all within @timeoutMs (0: the default, < 0: no limit).
 * Returns NULL with an error reported on failure; the caller then still
 * owns @opaque, and no callback has been or will be called.  @cb is
 * copied.  Events QEMU sends from the end of the handshake on reach the
 * event callback. */
vrQemuMonitor *vrQemuMonitorOpen(vrEventLoop *loop, const char *path, int timeoutMs,
                                 const vrQemuMonitorCallbacks *cb, void *opaque);
/* The same over an already connected socket (re-attach after a daemon
 * restart, a socketpair); takes ownership of @fd even on failure. */
vrQemuMonitor *vrQemuMonitorOpenFd(vrEventLoop *loop, int fd, int timeoutMs,
                                   const vrQemuMonitorCallbacks *cb, void *opaque);

/* Lower level: a connection over @fd (owned from now on) with no
 * handshake at all.  With @loop NULL nothing is registered: the monitor is
 * then driven by vrQemuMonitorFeed only (tests, fuzzing).  Never fails. */
vrQemuMonitor *vrQemuMonitorNew(vrEventLoop *loop, int fd, vrQemuMonitorProto proto,
                                const vrQemuMonitorCallbacks *cb, void *opaque);

/* Shuts the connection down and drops the caller's reference.  Safe from
 * any thread, including from a callback and while another thread waits in
 * a command (that command then fails with "QEMU monitor was closed").
 * NULL is accepted. */
void vrQemuMonitorClose(vrQemuMonitor *mon);

/* Extra references for threads that use a monitor someone else may
 * close; every Ref needs an Unref. */
vrQemuMonitor *vrQemuMonitorRef(vrQemuMonitor *mon);
void vrQemuMonitorUnref(vrQemuMonitor *mon);

/* The opaque given at open time. */
void *vrQemuMonitorGetOpaque(vrQemuMonitor *mon);
/* The "version" member of QEMU's greeting ({"qemu": {"major": ...}}), or
 * NULL before the greeting; borrowed. */
json_object *vrQemuMonitorGetGreetingVersion(vrQemuMonitor *mon);
/* Default timeout for commands issued with timeoutMs == 0. */
void vrQemuMonitorSetDefaultTimeout(vrQemuMonitor *mon, int timeoutMs);
/* Lowers the message size limit (tests); only before any data arrived. */
void vrQemuMonitorSetMaxMessage(vrQemuMonitor *mon, size_t bytes);

/* Sends @cmd with @args (stolen; NULL for none) and waits for its reply.
 * On success returns 0 and, if @reply is not NULL, stores the reply's
 * "return" member there (the caller owns it; an empty object for commands
 * that return nothing).  Fails with:
 *   VR_ERR_INTERNAL_ERROR  "unable to execute QEMU command 'CMD': DESC"
 *                          when QEMU answers with an error;
 *   VR_ERR_OPERATION_FAILED "QEMU monitor was closed" on end of file or
 *                          after vrQemuMonitorClose;
 *   VR_ERR_OPERATION_TIMEOUT when @timeoutMs passes first (< 0 waits
 *                          forever, 0 uses the monitor's default).
 * Must not be called from the event loop thread. */
int vrQemuMonitorCommand(vrQemuMonitor *mon, const char *cmd, json_object *args,
                         json_object **reply, int timeoutMs);

/* The same, passing @fd (not consumed; a duplicate is sent) along with the
 * command over SCM_RIGHTS, for "getfd" and "add-fd". */
int vrQemuMonitorCommandWithFd(vrQemuMonitor *mon, const char *cmd, json_object *args,
                               int fd, json_object **reply, int timeoutMs);

typedef enum {
    /* Return once the command is written; no reply is awaited (the guest
     * agent's guest-shutdown never answers). */
    VR_QEMU_MONITOR_CMD_NO_REPLY = 1 << 0,
    /* End of file while waiting counts as success (quit). */
    VR_QEMU_MONITOR_CMD_EOF_OK = 1 << 1,
    /* Guest agent: send a 0xFF byte first and drop all input up to the
     * agent's own 0xFF (guest-sync-delimited). */
    VR_QEMU_MONITOR_CMD_RESYNC = 1 << 2,
} vrQemuMonitorCommandFlags;

/* Decides whether a reply belongs to the command in flight (the agent
 * skips stale replies until the one echoing its sync id). */
typedef bool (*vrQemuMonitorMatchFunc)(json_object *reply, void *opaque);

typedef struct {
    int timeoutMs;                /* as for vrQemuMonitorCommand */
    int fd;                       /* -1, or a descriptor to pass */
    unsigned int flags;           /* vrQemuMonitorCommandFlags */
    vrQemuMonitorMatchFunc match; /* NULL accepts the first reply */
    void *matchOpaque;
    char **errorClass;            /* if not NULL, gets QEMU's error class */
} vrQemuMonitorCommandOpts;

#define VR_QEMU_MONITOR_COMMAND_OPTS_INIT { .timeoutMs = 0, .fd = -1 }

int vrQemuMonitorCommandFull(vrQemuMonitor *mon, const char *cmd, json_object *args,
                             const vrQemuMonitorCommandOpts *opts, json_object **reply);

/* Builds the text of a command as it goes on the wire, without the
 * trailing newline.  @id may be NULL (the guest agent takes none). */
char *vrQemuMonitorFormatCommand(const char *cmd, json_object *args, const char *id);

/* Splits a complete reply message into its "return" member (0, *ret set
 * to a new reference) or its "error" (-1, reported as "unable to execute
 * QEMU command 'CMD': DESC"; *errorClass gets the class when asked).
 * @agent selects the guest agent wording. */
int vrQemuMonitorParseReply(const char *cmd, json_object *msg, bool agent,
                            json_object **ret, char **errorClass);

/* Hands @len bytes to the message parser exactly as if they had been read
 * from the socket: the greeting is recorded, events reach the callbacks,
 * replies go to the command in flight.  For tests and the fuzzer; the
 * monitor should not be registered with a loop.  Returns -1 once the
 * stream is broken (the error callback has run then). */
int vrQemuMonitorFeed(vrQemuMonitor *mon, const char *data, size_t len);

#endif
