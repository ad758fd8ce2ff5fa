/*
 * vrlog.h: leveled logging for the daemon and, when asked, the library.
 */
#ifndef VR_LOG_H
#define VR_LOG_H

#include <glib.h>

typedef enum {
    VR_LOG_DEBUG = 1,
    VR_LOG_INFO = 2,
    VR_LOG_WARN = 3,
    VR_LOG_ERROR = 4,
} vrLogPriority;

/* Messages below this level are dropped.  Defaults to VR_LOG_ERROR + 1
 * (silent) in the library; VIREO_DEBUG=1..4 in the environment lowers it. */
void vrLogSetLevel(int level);
int vrLogGetLevel(void);
/* Sends log lines to a file instead of stderr; NULL returns to stderr. */
int vrLogSetOutputFile(const char *path);

void vrLogMessage(vrLogPriority prio, const char *category, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

#define VR_DEBUG(...) vrLogMessage(VR_LOG_DEBUG, VR_LOG_CATEGORY, __VA_ARGS__)
#define VR_INFO(...) vrLogMessage(VR_LOG_INFO, VR_LOG_CATEGORY, __VA_ARGS__)
#define VR_WARN(...) vrLogMessage(VR_LOG_WARN, VR_LOG_CATEGORY, __VA_ARGS__)
#define VR_ERROR(...) vrLogMessage(VR_LOG_ERROR, VR_LOG_CATEGORY, __VA_ARGS__)

#endif
