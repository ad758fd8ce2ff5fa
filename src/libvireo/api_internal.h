/*
 * api_internal.h: the checks every public entry point makes before it
 * hands a call to the connection's driver.
 *
 * Error texts name the libvirt function a call corresponds to ("read only
 * access prevents virDomainDestroy"): tools and scripts written against
 * libvirt match on them.
 */
#ifndef VR_API_INTERNAL_H
#define VR_API_INTERNAL_H

#include "datatypes.h"
#include "util/vrerror.h"

#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_NONE

#define VR_API_CHECK(obj, code, fn, ret) \
    do { \
        vrResetLastError(); \
        if (!(obj)) { \
            vrErrorReportFull(VR_FROM_THIS, (code), "%s", (fn)); \
            return ret; \
        } \
    } while (0)

/* For Free/Ref: dropping a handle must not erase the error a caller is
 * about to report (the daemon frees handles before it answers). */
#define VR_API_CHECK_KEEP(obj, code, fn, ret) \
    do { \
        if (!(obj)) { \
            vrErrorReportFull(VR_FROM_THIS, (code), "%s", (fn)); \
            return ret; \
        } \
    } while (0)

#define VR_API_CONN(conn, fn, ret) VR_API_CHECK(conn, VR_ERR_INVALID_CONN, fn, ret)
#define VR_API_DOMAIN(dom, fn, ret) VR_API_CHECK(dom, VR_ERR_INVALID_DOMAIN, fn, ret)
#define VR_API_NETWORK(net, fn, ret) VR_API_CHECK(net, VR_ERR_INVALID_NETWORK, fn, ret)
#define VR_API_POOL(pool, fn, ret) VR_API_CHECK(pool, VR_ERR_INVALID_STORAGE_POOL, fn, ret)
#define VR_API_VOL(vol, fn, ret) VR_API_CHECK(vol, VR_ERR_INVALID_STORAGE_VOL, fn, ret)
#define VR_API_IFACE(iface, fn, ret) VR_API_CHECK(iface, VR_ERR_INVALID_INTERFACE, fn, ret)
#define VR_API_SNAP(snap, fn, ret) VR_API_CHECK(snap, VR_ERR_INVALID_DOMAIN_SNAPSHOT, fn, ret)
#define VR_API_STREAM(st, fn, ret) VR_API_CHECK(st, VR_ERR_INVALID_STREAM, fn, ret)

#define VR_API_ARG(cond, fn, ret) \
    do { \
        if (!(cond)) { \
            vrErrorReportFull(VR_FROM_THIS, VR_ERR_INVALID_ARG, \
                              "%s: %s", (fn), "argument " #cond " failed"); \
            return ret; \
        } \
    } while (0)

/* Argument checks whose messages name the argument and the function, as
 * libvirt's do ("cpumap in virDomainPinEmulator must not be NULL"). */
#define VR_API_NONNULL(arg, fn, ret) \
    do { \
        if (!(arg)) { \
            vrReportInvalidArg("%s in %s must not be NULL", #arg, (fn)); \
            return ret; \
        } \
    } while (0)

#define VR_API_POSITIVE(arg, fn, ret) \
    do { \
        if ((arg) <= 0) { \
            vrReportInvalidArg("%s in %s must be greater than zero", #arg, (fn)); \
            return ret; \
        } \
    } while (0)

#define VR_API_NONNEGATIVE(arg, fn, ret) \
    do { \
        if ((arg) < 0) { \
            vrReportInvalidArg("%s in %s must be zero or greater", #arg, (fn)); \
            return ret; \
        } \
    } while (0)

/* AFFECT_LIVE and AFFECT_CONFIG together make no sense for a query. */
#define VR_API_LIVE_XOR_CONFIG(flags, ret) \
    do { \
        if (((flags) & VR_DOMAIN_AFFECT_LIVE) && ((flags) & VR_DOMAIN_AFFECT_CONFIG)) { \
            vrReportInvalidArg("%s", "Flags 'VIR_DOMAIN_AFFECT_LIVE' and " \
                               "'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive"); \
            return ret; \
        } \
    } while (0)

#define VR_API_WRITABLE(conn, fn, ret) \
    do { \
        if ((conn)->flags & VR_CONNECT_RO) { \
            vrErrorReportFull(VR_FROM_THIS, VR_ERR_OPERATION_DENIED, \
                              "read only access prevents %s", (fn)); \
            return ret; \
        } \
    } while (0)

/* Calls conn->driver->TABLE->METHOD(args...) or reports it unsupported. */
#define VR_API_CALL(conn, table, method, fn, ret, ...) \
    do { \
        const vrConnectDriver *_drv = (conn)->driver; \
        if (_drv->table && _drv->table->method) \
            return _drv->table->method(__VA_ARGS__); \
        vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", (fn)); \
        return ret; \
    } while (0)

/* Whether the connection's driver claims @feature (VR_DRV_FEATURE_*);
 * false on error, leaving no error set. */
bool vrDriverSupportsFeature(vrConnect *conn, int feature);

#endif
