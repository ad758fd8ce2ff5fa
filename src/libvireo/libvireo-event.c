/*
 * libvireo-event.c: the public event API: the default event loop and
 * domain event registration.
 */
#include <config.h>

#include "api_internal.h"
#include "util/vrevent.h"

/* ---- the default event loop ------------------------------------------ */

static GMutex defaultLock;
static vrEventLoop *defaultLoop;

static vrEventLoop *
vrEventDefaultLoop(const char *fn)
{
    vrEventLoop *loop;

    g_mutex_lock(&defaultLock);
    loop = defaultLoop;
    g_mutex_unlock(&defaultLock);
    if (!loop)
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s: no event implementation registered", fn);
    return loop;
}

int
vrEventRegisterDefaultImpl(void)
{
    vrResetLastError();
    g_mutex_lock(&defaultLock);
    if (!defaultLoop && !(defaultLoop = vrEventLoopNew())) {
        g_mutex_unlock(&defaultLock);
        return -1;
    }
    g_mutex_unlock(&defaultLock);
    return 0;
}

int
vrEventRunDefaultImpl(void)
{
    vrEventLoop *loop;

    vrResetLastError();
    if (!(loop = vrEventDefaultLoop("virEventRunDefaultImpl")))
        return -1;
    return vrEventRunOnce(loop);
}

int
vrEventAddHandle(int fd, int events, vrEventHandleCallback cb, void *opaque, vrFreeCallback ff)
{
    vrEventLoop *loop = vrEventDefaultLoop("virEventAddHandle");

    if (!loop)
        return -1;
    /* the public mask values are the loop's own */
    return vrEventLoopAddHandle(loop, fd, events, cb, opaque, ff);
}

void
vrEventUpdateHandle(int watch, int events)
{
    vrEventLoop *loop = vrEventDefaultLoop("virEventUpdateHandle");

    if (loop)
        vrEventLoopUpdateHandle(loop, watch, events);
}

int
vrEventRemoveHandle(int watch)
{
    vrEventLoop *loop = vrEventDefaultLoop("virEventRemoveHandle");

    if (!loop)
        return -1;
    return vrEventLoopRemoveHandle(loop, watch);
}

int
vrEventAddTimeout(int timeout, vrEventTimeoutCallback cb, void *opaque, vrFreeCallback ff)
{
    vrEventLoop *loop = vrEventDefaultLoop("virEventAddTimeout");

    if (!loop)
        return -1;
    return vrEventAddTimer(loop, timeout, cb, opaque, ff);
}

void
vrEventUpdateTimeout(int timer, int timeout)
{
    vrEventLoop *loop = vrEventDefaultLoop("virEventUpdateTimeout");

    if (loop)
        vrEventUpdateTimer(loop, timer, timeout);
}

int
vrEventRemoveTimeout(int timer)
{
    vrEventLoop *loop = vrEventDefaultLoop("virEventRemoveTimeout");

    if (!loop)
        return -1;
    return vrEventRemoveTimer(loop, timer);
}

/* ---- domain events ----------------------------------------------------- */

int
vrConnectDomainEventRegisterAny(vrConnect *conn, vrDomain *dom, int eventID,
                                vrConnectDomainEventGenericCallback cb, void *opaque,
                                vrFreeCallback freecb)
{
    VR_API_CONN(conn, "virConnectDomainEventRegisterAny", -1);
    if (dom && dom->conn != conn) {
        vrReportInvalidArg("domain '%s' in %s must match connection", dom->name,
                           "virConnectDomainEventRegisterAny");
        return -1;
    }
    VR_API_NONNULL(cb, "virConnectDomainEventRegisterAny", -1);
    if (eventID < 0 || eventID >= VR_DOMAIN_EVENT_ID_LAST) {
        vrReportInvalidArg("eventID in %s must be less than %d",
                           "virConnectDomainEventRegisterAny", VR_DOMAIN_EVENT_ID_LAST);
        return -1;
    }
    VR_API_CALL(conn, hypervisor, connectDomainEventRegisterAny,
                "virConnectDomainEventRegisterAny", -1, conn, dom, eventID, cb, opaque, freecb);
}

int
vrConnectDomainEventDeregisterAny(vrConnect *conn, int callbackID)
{
    VR_API_CONN(conn, "virConnectDomainEventDeregisterAny", -1);
    VR_API_NONNEGATIVE(callbackID, "virConnectDomainEventDeregisterAny", -1);
    VR_API_CALL(conn, hypervisor, connectDomainEventDeregisterAny,
                "virConnectDomainEventDeregisterAny", -1, conn, callbackID);
}

int
vrConnectDomainEventRegister(vrConnect *conn, vrConnectDomainEventCallback cb, void *opaque,
                             vrFreeCallback freecb)
{
    VR_API_CONN(conn, "virConnectDomainEventRegister", -1);
    VR_API_NONNULL(cb, "virConnectDomainEventRegister", -1);
    VR_API_CALL(conn, hypervisor, connectDomainEventRegister, "virConnectDomainEventRegister",
                -1, conn, cb, opaque, freecb);
}

int
vrConnectDomainEventDeregister(vrConnect *conn, vrConnectDomainEventCallback cb)
{
    VR_API_CONN(conn, "virConnectDomainEventDeregister", -1);
    VR_API_NONNULL(cb, "virConnectDomainEventDeregister", -1);
    VR_API_CALL(conn, hypervisor, connectDomainEventDeregister,
                "virConnectDomainEventDeregister", -1, conn, cb);
}
