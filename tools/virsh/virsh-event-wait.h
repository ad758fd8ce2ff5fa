/*
 * virsh-event-wait.h: what the event commands (event, net-event,
 * secret-event) share: printing events from the library's event thread
 * and waiting for them in the command's thread.
 */
#ifndef VIRSH_EVENT_WAIT_H
#define VIRSH_EVENT_WAIT_H

#include <stdbool.h>
#include <glib.h>

#include "virsh.h"

typedef struct {
    GMutex lock;
    GCond cond;
    bool loop;
    bool timestamp;
    bool done;                     /* one-shot mode saw its event */
    int count;
} virshEventWait;

typedef enum {
    VIRSH_EVENT_DONE,
    VIRSH_EVENT_TIMEOUT,
    VIRSH_EVENT_INTERRUPT,
} virshEventWaitResult;

void virshEventWaitInit(virshEventWait *w, bool loop, bool timestamp);
void virshEventWaitClear(virshEventWait *w);

/* Prints @text (whole lines) unless a one-shot wait already has its
 * event, with a timestamp when asked; wakes the waiting command. */
void virshEventWaitPrint(virshEventWait *w, const char *text);

/* Waits for the one-shot event, the timeout (ms, 0: none) or ^C. */
virshEventWaitResult virshEventWaitFor(virshEventWait *w, int timeoutMs);
/* Prints what ended the wait ("event loop timed out", ...). */
void virshEventWaitReport(vshControl *ctl, virshEventWaitResult result);

/* --timeout in seconds as milliseconds (0: none); errors like 9.0's virsh. */
int virshEventTimeout(vshControl *ctl, const vshCmd *cmd, int *ms);

#endif
