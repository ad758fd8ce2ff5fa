/*
 * virsh-event-wait.c: printing and waiting for the event commands.
 *
 * Callbacks run in the library's event thread; the command's thread
 * sleeps on a condition until the first event (or, with --loop, until
 * the timeout or an interrupt), so nothing here needs an event loop.
 */
#include <config.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "virsh-event-wait.h"

void
virshEventWaitInit(virshEventWait *w, bool loop, bool timestamp)
{
    memset(w, 0, sizeof(*w));
    g_mutex_init(&w->lock);
    g_cond_init(&w->cond);
    w->loop = loop;
    w->timestamp = timestamp;
}

void
virshEventWaitClear(virshEventWait *w)
{
    g_cond_clear(&w->cond);
    g_mutex_clear(&w->lock);
}

void
virshEventWaitPrint(virshEventWait *w, const char *text)
{
    g_mutex_lock(&w->lock);
    if (w->loop || w->count == 0) {
        if (w->timestamp) {
            g_autoptr(GDateTime) now = g_date_time_new_now_utc();

            printf("%04d-%02d-%02d %02d:%02d:%02d.%03d+0000: ",
                   g_date_time_get_year(now), g_date_time_get_month(now),
                   g_date_time_get_day_of_month(now), g_date_time_get_hour(now),
                   g_date_time_get_minute(now), g_date_time_get_second(now),
                   g_date_time_get_microsecond(now) / 1000);
        }
        fputs(text, stdout);
        fflush(stdout);
        w->count++;
        if (!w->loop)
            w->done = true;
        g_cond_broadcast(&w->cond);
    }
    g_mutex_unlock(&w->lock);
}

static volatile sig_atomic_t virshEventInterrupted;

static void
virshEventSigint(int sig)
{
    (void)sig;
    virshEventInterrupted = 1;
}

virshEventWaitResult
virshEventWaitFor(virshEventWait *w, int timeoutMs)
{
    gint64 deadline = timeoutMs > 0 ? g_get_monotonic_time() + (gint64)timeoutMs * 1000 : 0;
    virshEventWaitResult res;
    struct sigaction sa, old;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = virshEventSigint;
    sigemptyset(&sa.sa_mask);
    virshEventInterrupted = 0;
    sigaction(SIGINT, &sa, &old);

    g_mutex_lock(&w->lock);
    for (;;) {
        /* a signal cannot wake a condition: look again every 100 ms */
        gint64 slice = g_get_monotonic_time() + 100 * G_TIME_SPAN_MILLISECOND;

        if (w->done) {
            res = VIRSH_EVENT_DONE;
            break;
        }
        if (virshEventInterrupted) {
            res = VIRSH_EVENT_INTERRUPT;
            break;
        }
        if (deadline && g_get_monotonic_time() >= deadline) {
            res = VIRSH_EVENT_TIMEOUT;
            break;
        }
        g_cond_wait_until(&w->cond, &w->lock, deadline ? MIN(slice, deadline) : slice);
    }
    g_mutex_unlock(&w->lock);
    sigaction(SIGINT, &old, NULL);
    return res;
}

void
virshEventWaitReport(vshControl *ctl, virshEventWaitResult result)
{
    switch (result) {
    case VIRSH_EVENT_INTERRUPT:
        vshPrint(ctl, "%s", "event loop interrupted\n");
        break;
    case VIRSH_EVENT_TIMEOUT:
        vshPrint(ctl, "%s", "event loop timed out\n");
        break;
    case VIRSH_EVENT_DONE:
        break;
    }
}

int
virshEventTimeout(vshControl *ctl, const vshCmd *cmd, int *ms)
{
    const char *raw = NULL;
    int value = 0;
    int rc;

    *ms = 0;
    if ((rc = vshOptInt(ctl, cmd, "timeout", &value)) < 0)
        return -1;
    if (rc == 0)
        return 0;
    /* 9.0's virsh refuses what does not fit in milliseconds the same way */
    if (value < 1 || value > INT_MAX / 1000) {
        vshOptString(ctl, cmd, "timeout", &raw);
        vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
                 raw ? raw : "", "timeout");
        return -1;
    }
    *ms = value * 1000;
    return 0;
}
