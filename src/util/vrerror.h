/*
 * vrerror.h: raising and carrying errors.
 *
 * Every failing function reports exactly one error into the calling
 * thread's slot and returns -1 or NULL.  The message is composed the way
 * libvirt composes it (a text fixed by the code, then the detail), since
 * tools and scripts match on those texts.
 */
#ifndef VR_ERROR_H
#define VR_ERROR_H

#include <glib.h>
#include "vireo/vireo.h"

void vrErrorReportFull(int domain, int code, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
void vrErrorReportSystemFull(int domain, int errnum, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Each source file defines VR_FROM_THIS to the domain it reports from. */
#define vrReportError(code, ...) \
    vrErrorReportFull(VR_FROM_THIS, (code), __VA_ARGS__)
#define vrReportSystemError(errnum, ...) \
    vrErrorReportSystemFull(VR_FROM_THIS, (errnum), __VA_ARGS__)

/* Reports an error whose message is exactly the formatted text, without
 * the code's frame: libvirt reports invalid arguments (bad flags, zero
 * sizes, exclusive flags) this way. */
void vrErrorReportBare(int domain, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
#define vrReportInvalidArg(...) \
    vrErrorReportBare(VR_FROM_THIS, VR_ERR_INVALID_ARG, __VA_ARGS__)

/* Reports an error whose message has no detail part. */
void vrErrorReportPlain(int domain, int code);

/* Installs a complete error (one received from a peer) as the last one. */
void vrErrorSetFrom(const vrError *err);

/* The "%s" part for a code: the text libvirt composes messages from. */
const char *vrErrorCodeText(int code, bool withDetail);

/* Error saving around cleanup code that may itself fail. */
vrError *vrErrorSave(void);
void vrErrorRestore(vrError **saved);
void vrErrorFree(vrError *err);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrError, vrErrorFree)

/* True when the calling thread holds an error. */
bool vrErrorIsSet(void);

/* Reports "this function is not supported by the connection driver: NAME". */
#define vrReportUnsupported(name) \
    vrErrorReportFull(VR_FROM_THIS, VR_ERR_NO_SUPPORT, "%s", (name))

/* Guard on unknown flag bits: every API checks the flags it understands. */
#define vrCheckFlags(supported, retval) \
    do { \
        unsigned int _unknown = flags & ~((unsigned int)(supported)); \
        if (_unknown) { \
            vrErrorReportBare(VR_FROM_THIS, VR_ERR_INVALID_ARG, \
                              "unsupported flags (0x%x) in function %s", _unknown, __func__); \
            return retval; \
        } \
    } while (0)

#endif
