/*
 * vrlog.c: leveled logging.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "vrlog.h"

static int logLevel = -1;
static FILE *logFile;
static GMutex logLock;

static int
vrLogInitialLevel(void)
{
    const char *env = getenv("VIREO_DEBUG");
    int level;

    if (!env || !*env)
        return VR_LOG_ERROR + 1;
    level = atoi(env);
    if (level < VR_LOG_DEBUG || level > VR_LOG_ERROR)
        level = VR_LOG_DEBUG;
    return level;
}

void
vrLogSetLevel(int level)
{
    logLevel = level;
}

int
vrLogGetLevel(void)
{
    if (logLevel < 0)
        logLevel = vrLogInitialLevel();
    return logLevel;
}

int
vrLogSetOutputFile(const char *path)
{
    FILE *f = NULL;

    if (path) {
        f = fopen(path, "ae");
        if (!f)
            return -1;
        setvbuf(f, NULL, _IOLBF, 0);
    }
    g_mutex_lock(&logLock);
    if (logFile)
        fclose(logFile);
    logFile = f;
    g_mutex_unlock(&logLock);
    return 0;
}

static const char *
vrLogPriorityName(vrLogPriority prio)
{
    switch (prio) {
    case VR_LOG_DEBUG: return "debug";
    case VR_LOG_INFO: return "info";
    case VR_LOG_WARN: return "warning";
    case VR_LOG_ERROR: return "error";
    }
    return "unknown";
}

void
vrLogMessage(vrLogPriority prio, const char *category, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    struct timeval tv;
    struct tm tm;
    char stamp[32];
    va_list ap;

    if ((int)prio < vrLogGetLevel())
        return;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);

    g_mutex_lock(&logLock);
    fprintf(logFile ? logFile : stderr, "%s.%03d+0000: %d: %s : %s: %s\n",
            stamp, (int)(tv.tv_usec / 1000), (int)gettid(),
            vrLogPriorityName(prio), category, msg);
    g_mutex_unlock(&logLock);
}
