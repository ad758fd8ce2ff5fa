/*
 * daemon_config.h: vireod.conf, which uses libvirtd.conf's key names.
 */
#ifndef VR_DAEMON_CONFIG_H
#define VR_DAEMON_CONFIG_H

#include <sys/types.h>

#include "rpc/vrnetserver.h"

typedef struct {
    vrNetServerConfig server;
    int logLevel;              /* 1 debug .. 4 error; 0 leaves the default */
    char *logOutputs;          /* "LEVEL:file:PATH" or "LEVEL:stderr" */
    mode_t unixSockRwPerms;
    mode_t unixSockRoPerms;
    char *unixSockGroup;
} vrDaemonConfig;

void vrDaemonConfigDefaults(vrDaemonConfig *cfg);
/* Loads @path over the defaults; reports an error naming the file, key
 * and value on a bad entry.  Returns 0 or -1. */
int vrDaemonConfigLoad(vrDaemonConfig *cfg, const char *path);
void vrDaemonConfigClear(vrDaemonConfig *cfg);

#endif
