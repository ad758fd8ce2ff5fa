/*
 * vrerror.c: the per-thread error slot and libvirt-compatible messages.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vrerror.h"
#include "vrlog.h"

static _Thread_local vrError *lastError;
static vrErrorFunc errorHandler;
static void *errorHandlerOpaque;

/* What each code says on its own, and how it frames a detail.  These
 * texts are part of the interface: virsh prints them and scripts (and
 * recorded sessions) match on them. */
typedef struct {
    const char *plain;
    const char *framed;
} vrErrorText;

static const vrErrorText errorTexts[VR_ERR_NUMBER_LAST] = {
    [VR_ERR_OK] = { NULL, NULL },
    [VR_ERR_INTERNAL_ERROR] = { "internal error", "internal error: %s" },
    [VR_ERR_NO_MEMORY] = { "out of memory", "out of memory: %s" },
    [VR_ERR_NO_SUPPORT] = { "this function is not supported by the connection driver",
                            "this function is not supported by the connection driver: %s" },
    [VR_ERR_UNKNOWN_HOST] = { "unknown host", "unknown host %s" },
    [VR_ERR_NO_CONNECT] = { "no connection driver available",
                            "no connection driver available for %s" },
    [VR_ERR_INVALID_CONN] = { "invalid connection pointer in",
                              "invalid connection pointer in %s" },
    [VR_ERR_INVALID_DOMAIN] = { "invalid domain pointer in", "invalid domain pointer in %s" },
    [VR_ERR_INVALID_ARG] = { "invalid argument", "invalid argument: %s" },
    [VR_ERR_OPERATION_FAILED] = { "operation failed", "operation failed: %s" },
    [10] = { "GET operation failed", "GET operation failed: %s" },
    [11] = { "POST operation failed", "POST operation failed: %s" },
    [12] = { "got unknown HTTP error code", "got unknown HTTP error code %s" },
    [13] = { "failed to serialize S-Expr", "failed to serialize S-Expr: %s" },
    [14] = { "could not use Xen hypervisor entry", "could not use Xen hypervisor entry %s" },
    [15] = { "failed Xen syscall", "failed Xen syscall %s" },
    [VR_ERR_OS_TYPE] = { "unknown OS type", "unknown OS type %s" },
    [VR_ERR_NO_KERNEL] = { "missing kernel information", "missing kernel information: %s" },
    [18] = { "missing root device information", "missing root device information in %s" },
    [VR_ERR_NO_SOURCE] = { "missing source information for device",
                           "missing source information for device %s" },
    [VR_ERR_NO_TARGET] = { "missing target information for device",
                           "missing target information for device %s" },
    [VR_ERR_NO_NAME] = { "missing name information", "missing name information in %s" },
    [VR_ERR_NO_OS] = { "missing operating system information",
                       "missing operating system information for %s" },
    [VR_ERR_NO_DEVICE] = { "missing devices information", "missing devices information for %s" },
    [24] = { "could not connect to Xen Store", "could not connect to Xen Store %s" },
    [25] = { "too many drivers registered", "too many drivers registered in %s" },
    [VR_ERR_CALL_FAILED] = { "library call failed", "library call failed: %s" },
    [VR_ERR_XML_ERROR] = { "XML description is invalid or not well formed", "XML error: %s" },
    [VR_ERR_DOM_EXIST] = { "this domain exists already", "domain %s exists already" },
    [VR_ERR_OPERATION_DENIED] = { "operation forbidden for read only access",
                                  "operation forbidden: %s" },
    [VR_ERR_OPEN_FAILED] = { "failed to open configuration file",
                             "failed to open configuration file %s" },
    [VR_ERR_READ_FAILED] = { "failed to read configuration file",
                             "failed to read configuration file %s" },
    [VR_ERR_PARSE_FAILED] = { "failed to parse configuration file",
                              "failed to parse configuration file %s" },
    [VR_ERR_CONF_SYNTAX] = { "configuration file syntax error",
                             "configuration file syntax error: %s" },
    [VR_ERR_WRITE_FAILED] = { "failed to write configuration file",
                              "failed to write configuration file: %s" },
    [VR_ERR_XML_DETAIL] = { "parser error", "%s" },
    [VR_ERR_INVALID_NETWORK] = { "invalid network pointer in", "invalid network pointer in %s" },
    [VR_ERR_NETWORK_EXIST] = { "this network exists already", "network %s exists already" },
    [VR_ERR_SYSTEM_ERROR] = { "system call error", "%s" },
    [VR_ERR_RPC] = { "RPC error", "%s" },
    [VR_ERR_GNUTLS_ERROR] = { "GNUTLS call error", "%s" },
    [VR_WAR_NO_NETWORK] = { "Failed to find the network", "Failed to find the network: %s" },
    [VR_ERR_NO_DOMAIN] = { "Domain not found", "Domain not found: %s" },
    [VR_ERR_NO_NETWORK] = { "Network not found", "Network not found: %s" },
    [VR_ERR_INVALID_MAC] = { "invalid MAC address", "invalid MAC address: %s" },
    [VR_ERR_AUTH_FAILED] = { "authentication failed", "authentication failed: %s" },
    [VR_ERR_INVALID_STORAGE_POOL] = { "invalid storage pool pointer in",
                                      "invalid storage pool pointer in %s" },
    [VR_ERR_INVALID_STORAGE_VOL] = { "invalid storage volume pointer in",
                                     "invalid storage volume pointer in %s" },
    [VR_WAR_NO_STORAGE] = { "Failed to find a storage driver",
                            "Failed to find a storage driver: %s" },
    [VR_ERR_NO_STORAGE_POOL] = { "Storage pool not found", "Storage pool not found: %s" },
    [VR_ERR_NO_STORAGE_VOL] = { "Storage volume not found", "Storage volume not found: %s" },
    [VR_WAR_NO_NODE] = { "Failed to find a node driver", "Failed to find a node driver: %s" },
    [VR_ERR_INVALID_NODE_DEVICE] = { "invalid node device pointer",
                                     "invalid node device pointer in %s" },
    [VR_ERR_NO_NODE_DEVICE] = { "Node device not found", "Node device not found: %s" },
    [VR_ERR_NO_SECURITY_MODEL] = { "Security model not found", "Security model not found: %s" },
    [VR_ERR_OPERATION_INVALID] = { "Requested operation is not valid",
                                   "Requested operation is not valid: %s" },
    [VR_WAR_NO_INTERFACE] = { "Failed to find the interface",
                              "Failed to find the interface: %s" },
    [VR_ERR_NO_INTERFACE] = { "Interface not found", "Interface not found: %s" },
    [VR_ERR_INVALID_INTERFACE] = { "invalid interface pointer in",
                                   "invalid interface pointer in %s" },
    [VR_ERR_MULTIPLE_INTERFACES] = { "multiple matching interfaces found",
                                     "multiple matching interfaces found: %s" },
    [VR_WAR_NO_NWFILTER] = { "Failed to start the nwfilter driver",
                             "Failed to start the nwfilter driver: %s" },
    [VR_ERR_INVALID_NWFILTER] = { "Invalid network filter", "Invalid network filter: %s" },
    [VR_ERR_NO_NWFILTER] = { "Network filter not found", "Network filter not found: %s" },
    [VR_ERR_BUILD_FIREWALL] = { "Error while building firewall",
                                "Error while building firewall: %s" },
    [VR_WAR_NO_SECRET] = { "Failed to find a secret storage driver",
                           "Failed to find a secret storage driver: %s" },
    [VR_ERR_INVALID_SECRET] = { "Invalid secret", "Invalid secret: %s" },
    [VR_ERR_NO_SECRET] = { "Secret not found", "Secret not found: %s" },
    [VR_ERR_CONFIG_UNSUPPORTED] = { "unsupported configuration", "unsupported configuration: %s" },
    [VR_ERR_OPERATION_TIMEOUT] = { "Timed out during operation",
                                   "Timed out during operation: %s" },
    [VR_ERR_MIGRATE_PERSIST_FAILED] = { "Failed to make domain persistent after migration",
                                        "Failed to make domain persistent after migration: %s" },
    [VR_ERR_HOOK_SCRIPT_FAILED] = { "Hook script execution failed",
                                    "Hook script execution failed: %s" },
    [VR_ERR_INVALID_DOMAIN_SNAPSHOT] = { "Invalid domain snapshot",
                                         "Invalid domain snapshot: %s" },
    [VR_ERR_NO_DOMAIN_SNAPSHOT] = { "Domain snapshot not found",
                                    "Domain snapshot not found: %s" },
    [VR_ERR_INVALID_STREAM] = { "invalid stream pointer", "invalid stream pointer in %s" },
    [VR_ERR_ARGUMENT_UNSUPPORTED] = { "argument unsupported", "argument unsupported: %s" },
    [VR_ERR_STORAGE_PROBE_FAILED] = { "Storage pool probe failed",
                                      "Storage pool probe failed: %s" },
    [VR_ERR_STORAGE_POOL_BUILT] = { "Storage pool already built",
                                    "Storage pool already built: %s" },
    [VR_ERR_SNAPSHOT_REVERT_RISKY] = { "revert requires force", "revert requires force: %s" },
    [VR_ERR_OPERATION_ABORTED] = { "operation aborted", "operation aborted: %s" },
    [VR_ERR_AUTH_CANCELLED] = { "authentication cancelled", "authentication cancelled: %s" },
    [VR_ERR_NO_DOMAIN_METADATA] = { "metadata not found", "metadata not found: %s" },
    [VR_ERR_MIGRATE_UNSAFE] = { "Unsafe migration", "Unsafe migration: %s" },
    [VR_ERR_OVERFLOW] = { "numerical overflow", "numerical overflow: %s" },
    [VR_ERR_BLOCK_COPY_ACTIVE] = { "block copy still active", "block copy still active: %s" },
    [VR_ERR_OPERATION_UNSUPPORTED] = { "Operation not supported", "Operation not supported: %s" },
    [VR_ERR_SSH] = { "SSH transport error", "SSH transport error: %s" },
    [VR_ERR_AGENT_UNRESPONSIVE] = { "Guest agent is not responding",
                                    "Guest agent is not responding: %s" },
    [VR_ERR_RESOURCE_BUSY] = { "resource busy", "resource busy: %s" },
    [VR_ERR_ACCESS_DENIED] = { "access denied", "access denied: %s" },
    [VR_ERR_DBUS_SERVICE] = { "error from service", "error from service: %s" },
    [VR_ERR_STORAGE_VOL_EXIST] = { "this storage volume exists already",
                                   "storage volume %s exists already" },
    [VR_ERR_CPU_INCOMPATIBLE] = { "the CPU is incompatible with host CPU",
                                  "the CPU is incompatible with host CPU: %s" },
    [VR_ERR_XML_INVALID_SCHEMA] = { "XML document failed to validate against schema",
                                    "XML document failed to validate against schema: %s" },
    [VR_ERR_MIGRATE_FINISH_OK] = { "migration successfully aborted",
                                   "migration successfully aborted: %s" },
    [VR_ERR_AUTH_UNAVAILABLE] = { "authentication unavailable",
                                  "authentication unavailable: %s" },
    [VR_ERR_NO_SERVER] = { "Server not found", "Server not found: %s" },
    [VR_ERR_NO_CLIENT] = { "Client not found", "Client not found: %s" },
    [VR_ERR_AGENT_UNSYNCED] = { "guest agent replied with wrong id to guest-sync command",
                                "guest agent replied with wrong id to guest-sync command: %s" },
    [VR_ERR_LIBSSH] = { "libssh transport error", "libssh transport error: %s" },
    [VR_ERR_DEVICE_MISSING] = { "device not found", "device not found: %s" },
    [VR_ERR_INVALID_NWFILTER_BINDING] = { "Invalid network filter binding",
                                          "Invalid network filter binding: %s" },
    [VR_ERR_NO_NWFILTER_BINDING] = { "Network filter binding not found",
                                     "Network filter binding not found: %s" },
    [VR_ERR_INVALID_DOMAIN_CHECKPOINT] = { "Invalid domain checkpoint",
                                           "Invalid domain checkpoint: %s" },
    [VR_ERR_NO_DOMAIN_CHECKPOINT] = { "Domain checkpoint not found",
                                      "Domain checkpoint not found: %s" },
    [VR_ERR_NO_DOMAIN_BACKUP] = { "Domain backup job id not found",
                                  "Domain backup job id not found: %s" },
    [VR_ERR_INVALID_NETWORK_PORT] = { "Invalid network port pointer",
                                      "Invalid network port pointer: %s" },
    [VR_ERR_NETWORK_PORT_EXIST] = { "this network port exists already",
                                    "network port %s exists already" },
    [VR_ERR_NO_NETWORK_PORT] = { "network port not found", "network port not found: %s" },
    [VR_ERR_NO_HOSTNAME] = { "no hostname found", "no hostname found: %s" },
    [VR_ERR_CHECKPOINT_INCONSISTENT] = { "checkpoint inconsistent",
                                         "checkpoint inconsistent: %s" },
    [VR_ERR_MULTIPLE_DOMAINS] = { "multiple matching domains found",
                                  "multiple matching domains found: %s" },
};

const char *
vrErrorCodeText(int code, bool withDetail)
{
    if (code < 0 || code >= VR_ERR_NUMBER_LAST || !errorTexts[code].plain)
        return withDetail ? "%s" : "unknown error";
    return withDetail ? errorTexts[code].framed : errorTexts[code].plain;
}

void
vrErrorClear(vrError *err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

void
vrErrorFree(vrError *err)
{
    vrErrorClear(err);
    g_free(err);
}

static vrError *
vrErrorCopy(const vrError *from)
{
    vrError *to = g_new0(vrError, 1);

    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
    return to;
}

static void
vrErrorInstall(vrError *err)
{
    vrErrorFree(lastError);
    lastError = err;
    vrLogMessage(VR_LOG_DEBUG, "error", "code=%d domain=%d: %s",
                 err->code, err->domain, err->message ? err->message : "");
    if (errorHandler)
        errorHandler(errorHandlerOpaque, err);
}

/* Builds the message from the code's frame and the caller's detail. */
static void
vrErrorRaise(int domain, int code, int int1, const char *detail)
{
    vrError *err = g_new0(vrError, 1);
    const char *frame = vrErrorCodeText(code, detail != NULL);

    err->code = code;
    err->domain = domain;
    err->level = VR_ERR_ERROR;
    err->int1 = int1;
    err->int2 = -1;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    err->message = detail ? g_strdup_printf(frame, detail) : g_strdup(frame);
#pragma GCC diagnostic pop
    err->str1 = g_strdup(frame);
    err->str2 = g_strdup(detail);
    vrErrorInstall(err);
}

void
vrErrorReportBare(int domain, int code, const char *fmt, ...)
{
    int saved = errno;
    vrError *err = g_new0(vrError, 1);
    va_list ap;

    va_start(ap, fmt);
    err->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    err->code = code;
    err->domain = domain;
    err->level = VR_ERR_ERROR;
    err->int1 = -1;
    err->int2 = -1;
    err->str2 = g_strdup(err->message);
    vrErrorInstall(err);
    errno = saved;
}

void
vrErrorReportFull(int domain, int code, const char *fmt, ...)
{
    int saved = errno;
    g_autofree char *detail = NULL;
    va_list ap;

    if (fmt) {
        va_start(ap, fmt);
        detail = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    vrErrorRaise(domain, code, -1, detail && *detail ? detail : NULL);
    errno = saved;
}

void
vrErrorReportPlain(int domain, int code)
{
    vrErrorRaise(domain, code, -1, NULL);
}

void
vrErrorReportSystemFull(int domain, int errnum, const char *fmt, ...)
{
    int saved = errno;
    g_autofree char *what = NULL;
    g_autofree char *detail = NULL;
    va_list ap;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    detail = g_strdup_printf("%s: %s", what, g_strerror(errnum));
    vrErrorRaise(domain, VR_ERR_SYSTEM_ERROR, errnum, detail);
    errno = saved;
}

void
vrErrorSetFrom(const vrError *err)
{
    vrErrorInstall(vrErrorCopy(err));
}

bool
vrErrorIsSet(void)
{
    return lastError != NULL;
}

vrError *
vrErrorSave(void)
{
    vrError *saved = lastError;

    lastError = NULL;
    return saved;
}

void
vrErrorRestore(vrError **saved)
{
    if (!*saved)
        return;
    vrErrorFree(lastError);
    lastError = *saved;
    *saved = NULL;
}

/* Public API */

void
vrSetErrorHandler(vrErrorFunc handler, void *opaque)
{
    errorHandler = handler;
    errorHandlerOpaque = opaque;
}

const vrError *
vrGetLastError(void)
{
    return lastError;
}

void
vrResetLastError(void)
{
    vrErrorFree(lastError);
    lastError = NULL;
}

const char *
vrGetLastErrorMessage(void)
{
    if (!lastError)
        return "no error";
    if (!lastError->message)
        return "unknown error";
    return lastError->message;
}

int
vrCopyLastError(vrError *to)
{
    vrError *copy;

    memset(to, 0, sizeof(*to));
    if (!lastError)
        return 0;
    copy = vrErrorCopy(lastError);
    *to = *copy;
    g_free(copy);
    return to->code;
}
