/*
 * daemon_config.c: vireod.conf, which uses libvirtd.conf's key names.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "daemon_config.h"
#include "util/vrconffile.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_CONF
#define VR_LOG_CATEGORY "daemon.config"

void
vrDaemonConfigDefaults(vrDaemonConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    vrNetServerConfigDefaults(&cfg->server);
    cfg->unixSockRwPerms = 0700;
    cfg->unixSockRoPerms = 0777;
}

void
vrDaemonConfigClear(vrDaemonConfig *cfg)
{
    g_free(cfg->logOutputs);
    g_free(cfg->unixSockGroup);
    memset(cfg, 0, sizeof(*cfg));
}

/* Keys libvirtd.conf has that vireod reads. */
static const char *const knownKeys[] = {
    "max_clients", "max_workers", "min_workers", "prio_workers", "max_client_requests",
    "keepalive_interval", "keepalive_count", "log_level", "log_outputs", "unix_sock_group",
    "unix_sock_ro_perms", "unix_sock_rw_perms",
};

static int
vrDaemonConfigPerms(vrConfFile *conf, const char *path, const char *key, mode_t *perms)
{
    g_autofree char *str = NULL;
    char *end;
    unsigned long v;
    int rc = vrConfGetString(conf, key, &str);

    if (rc <= 0)
        return rc;
    v = strtoul(str, &end, 8);
    if (!*str || *end || v > 07777) {
        vrReportError(VR_ERR_CONF_SYNTAX, "%s: %s: '%s' is not an octal permission mode",
                      path, key, str);
        return -1;
    }
    *perms = (mode_t)v;
    return 1;
}

static int
vrDaemonConfigRange(const char *path, const char *key, unsigned int value,
                    unsigned int min, unsigned int max)
{
    if (value < min || value > max) {
        vrReportError(VR_ERR_CONF_SYNTAX, "%s: %s: %u is out of range (%u..%u)",
                      path, key, value, min, max);
        return -1;
    }
    return 0;
}

int
vrDaemonConfigLoad(vrDaemonConfig *cfg, const char *path)
{
    g_autoptr(vrConfFile) conf = vrConfFileRead(path);
    g_autoptr(GPtrArray) keys = NULL;
    vrNetServerConfig *s = &cfg->server;
    long long ka = 0;
    unsigned int level = 0;
    guint i;

    if (!conf)
        return -1;
    keys = vrConfFileKeys(conf);
    for (i = 0; i < keys->len; i++) {
        const char *key = g_ptr_array_index(keys, i);
        size_t k;
        for (k = 0; k < G_N_ELEMENTS(knownKeys); k++) {
            if (g_str_equal(key, knownKeys[k]))
                break;
        }
        if (k == G_N_ELEMENTS(knownKeys))
            VR_WARN("%s: ignoring setting '%s', which vireod does not use", path, key);
    }
    if (vrConfGetUInt(conf, "max_clients", &s->maxClients) < 0 ||
        vrConfGetUInt(conf, "max_workers", &s->maxWorkers) < 0 ||
        vrConfGetUInt(conf, "min_workers", &s->minWorkers) < 0 ||
        vrConfGetUInt(conf, "prio_workers", &s->prioWorkers) < 0 ||
        vrConfGetUInt(conf, "max_client_requests", &s->maxClientRequests) < 0 ||
        vrConfGetUInt(conf, "keepalive_count", &s->keepaliveCount) < 0 ||
        vrConfGetInt(conf, "keepalive_interval", &ka) < 0 ||
        vrConfGetUInt(conf, "log_level", &level) < 0 ||
        vrConfGetString(conf, "log_outputs", &cfg->logOutputs) < 0 ||
        vrConfGetString(conf, "unix_sock_group", &cfg->unixSockGroup) < 0 ||
        vrDaemonConfigPerms(conf, path, "unix_sock_rw_perms", &cfg->unixSockRwPerms) < 0 ||
        vrDaemonConfigPerms(conf, path, "unix_sock_ro_perms", &cfg->unixSockRoPerms) < 0)
        return -1;
    if (vrConfGetInt(conf, "keepalive_interval", &ka) > 0)
        s->keepaliveInterval = (int)CLAMP(ka, -1, 3600);
    if (vrDaemonConfigRange(path, "max_clients", s->maxClients, 1, 1000000) < 0 ||
        vrDaemonConfigRange(path, "max_workers", s->maxWorkers, 1, 10000) < 0 ||
        vrDaemonConfigRange(path, "min_workers", s->minWorkers, 1, s->maxWorkers) < 0 ||
        vrDaemonConfigRange(path, "prio_workers", s->prioWorkers, 0, 10000) < 0 ||
        vrDaemonConfigRange(path, "max_client_requests", s->maxClientRequests, 1, 100000) < 0)
        return -1;
    if (level) {
        if (vrDaemonConfigRange(path, "log_level", level, 1, 4) < 0)
            return -1;
        cfg->logLevel = (int)level;
    }
    return 0;
}
