/*
 * vrevent.h: an epoll event loop with file handles and timers.
 *
 * One thread runs the loop; any thread may add, update or remove handles
 * and timers (the loop is woken through an eventfd).  Callbacks run in the
 * loop thread and must never block.
 */
#ifndef VR_EVENT_H
#define VR_EVENT_H

#include <stdbool.h>
#include <glib.h>

typedef enum {
    VR_EVENT_READABLE = 1 << 0,
    VR_EVENT_WRITABLE = 1 << 1,
    VR_EVENT_ERROR = 1 << 2,
    VR_EVENT_HANGUP = 1 << 3,
} vrEventMask;

typedef struct _vrEventLoop vrEventLoop;

typedef void (*vrEventHandleFunc)(int watch, int fd, int events, void *opaque);
typedef void (*vrEventTimerFunc)(int timer, void *opaque);
typedef void (*vrEventFreeFunc)(void *opaque);

vrEventLoop *vrEventLoopNew(void);
void vrEventLoopFree(vrEventLoop *loop);

/* The handle functions carry "Loop" in their names because the public API
 * (vireo-event.h) has libvirt's vrEventAddHandle & co for the default loop.
 * Returns a watch id > 0, or -1.  @ff, if given, frees @opaque once the
 * handle is removed and no callback is running. */
int vrEventLoopAddHandle(vrEventLoop *loop, int fd, int events,
                     vrEventHandleFunc cb, void *opaque, vrEventFreeFunc ff);
void vrEventLoopUpdateHandle(vrEventLoop *loop, int watch, int events);
int vrEventLoopRemoveHandle(vrEventLoop *loop, int watch);

/* @interval in ms; -1 disables the timer, 0 fires on every iteration. */
int vrEventAddTimer(vrEventLoop *loop, int interval, vrEventTimerFunc cb,
                    void *opaque, vrEventFreeFunc ff);
void vrEventUpdateTimer(vrEventLoop *loop, int timer, int interval);
int vrEventRemoveTimer(vrEventLoop *loop, int timer);

/* Runs one iteration: waits for activity, dispatches it. */
int vrEventRunOnce(vrEventLoop *loop);
/* Runs until vrEventLoopQuit. */
int vrEventLoopRun(vrEventLoop *loop);
void vrEventLoopQuit(vrEventLoop *loop);
/* Wakes the loop so it notices changes made from another thread. */
void vrEventLoopWake(vrEventLoop *loop);

#endif
