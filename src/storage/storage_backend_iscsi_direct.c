/*
 * storage_backend_iscsi_direct.c: 'iscsi-direct' pools: an iSCSI target
 * reached with libiscsi from the daemon itself (no kernel initiator).
 * Like libvirt, no session is kept: start, refresh and discovery each
 * log in, ask and log out.  Volumes are the target's LUNs, named
 * unit:0:0:LUN, with the iscsi://HOST:PORT/IQN/LUN URL as path and key
 * and READ CAPACITY(16) as size; guests use them as network disks.
 */
#include <config.h>

#include <string.h>

#include "storage_backend.h"
#include "storage_backend_cmd.h"
#include "secret/secret_driver.h"
#include "util/vrerror.h"
#include "util/vrlog.h"

#ifdef WITH_LIBISCSI
# include <iscsi/iscsi.h>
# include <iscsi/scsi-lowlevel.h>
#endif

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.backend.iscsi-direct"

#ifdef WITH_LIBISCSI

# define ISCSI_TIMEOUT_SEC 10

static char *
directPortal(const char *host, int port)
{
    /* an IPv6 address goes in brackets */
    if (strchr(host, ':'))
        return g_strdup_printf("[%s]:%d", host, port);
    return g_strdup_printf("%s:%d", host, port);
}

static void
directClose(struct iscsi_context *ctx, bool loggedIn)
{
    if (loggedIn)
        iscsi_logout_sync(ctx);
    iscsi_disconnect(ctx);
    iscsi_destroy_context(ctx);
}

/* CHAP credentials from the pool's <auth type='chap' username=...>
 * and the secret it names (by UUID or by iscsi usage) of @root. */
static int
directSetChap(struct iscsi_context *ctx, const char *pool, const char *root,
              const vrStorageAuthDef *auth)
{
    g_autofree char *password = NULL;
    unsigned char *value;
    size_t len = 0;
    int ret;

    if (!auth || auth->authType == VR_STORAGE_AUTH_NONE)
        return 0;
    if (auth->authType != VR_STORAGE_AUTH_CHAP) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "storage pool '%s': iscsi-direct pools only "
                      "support 'chap' authentication, not '%s'", pool,
                      vrStorageAuthTypeToString(auth->authType));
        return -1;
    }
    if (!auth->username || !*auth->username) {
        vrReportError(VR_ERR_XML_ERROR, "storage pool '%s': <auth type='chap'> needs a username",
                      pool);
        return -1;
    }
    if (!(value = vrSecretValueForRoot(root, auth->secret.hasUUID ? auth->secret.uuid : NULL,
                                       VR_SECRET_USAGE_TYPE_ISCSI, auth->secret.usage, &len)))
        return -1;
    password = g_strndup((const char *)value, len);
    memset(value, 0, len);
    g_free(value);
    ret = iscsi_set_initiator_username_pwd(ctx, auth->username, password);
    memset(password, 0, len);
    if (ret < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "storage pool '%s': cannot set CHAP credentials "
                      "of user '%s': %s", pool, auth->username, iscsi_get_error(ctx));
        return -1;
    }
    return 0;
}

/* A logged-in context (normal session to @iqn, or discovery when NULL),
 * with CHAP when @auth asks for it. */
static struct iscsi_context *
directLogin(const char *pool, const char *initiator, const char *host, int port,
            const char *iqn, const char *root, const vrStorageAuthDef *auth)
{
    g_autofree char *portal = directPortal(host, port);
    struct iscsi_context *ctx;

    if (!initiator) {
        vrReportError(VR_ERR_INVALID_ARG, "storage pool '%s': an iscsi-direct pool needs "
                      "<initiator><iqn name='...'/></initiator>", pool);
        return NULL;
    }
    if (!(ctx = iscsi_create_context(initiator))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "storage pool '%s': cannot create an iSCSI "
                      "context for initiator '%s'", pool, initiator);
        return NULL;
    }
    iscsi_set_timeout(ctx, ISCSI_TIMEOUT_SEC);
    iscsi_set_session_type(ctx, iqn ? ISCSI_SESSION_NORMAL : ISCSI_SESSION_DISCOVERY);
    iscsi_set_header_digest(ctx, ISCSI_HEADER_DIGEST_NONE);
    if (directSetChap(ctx, pool, root, auth) < 0) {
        directClose(ctx, false);
        return NULL;
    }
    if ((iqn && iscsi_set_targetname(ctx, iqn) < 0) || iscsi_connect_sync(ctx, portal) < 0) {
        vrReportError(VR_ERR_OPERATION_FAILED, "storage pool '%s': cannot connect to iSCSI "
                      "portal %s: %s", pool, portal, iscsi_get_error(ctx));
        directClose(ctx, false);
        return NULL;
    }
    if (iscsi_login_sync(ctx) < 0) {
        vrReportError(VR_ERR_OPERATION_FAILED, "storage pool '%s': cannot log in to iSCSI "
                      "target '%s' at %s: %s", pool, iqn ? iqn : "(discovery)", portal,
                      iscsi_get_error(ctx));
        directClose(ctx, false);
        return NULL;
    }
    return ctx;
}

static struct iscsi_context *
directLoginPool(vrStoragePoolObj *obj)
{
    if (obj->def->source.nhosts == 0 || obj->def->source.ndevices == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "storage pool '%s': an iscsi-direct pool needs a "
                      "source host and device (target IQN)", obj->def->name);
        return NULL;
    }
    return directLogin(obj->def->name, obj->def->source.initiatorIQN,
                       obj->def->source.hosts[0].name, vrStoragePoolHostPort(obj->def),
                       obj->def->source.devices[0].path, obj->root, obj->def->source.auth);
}

static int
directStart(vrStoragePoolObj *obj)
{
    struct iscsi_context *ctx = directLoginPool(obj);

    if (!ctx)
        return -1;
    directClose(ctx, true);
    return 0;
}

/* READ CAPACITY(16) of @lun; the first command after a login reports
 * the UNIT ATTENTION of the new nexus, so that one is retried. */
static struct scsi_task *
directReadCapacity(struct iscsi_context *ctx, int lun)
{
    struct scsi_task *task = NULL;

    for (int attempt = 0; attempt < 3; attempt++) {
        if (task)
            scsi_free_scsi_task(task);
        task = iscsi_readcapacity16_sync(ctx, lun);
        if (!task || task->status == SCSI_STATUS_GOOD ||
            task->status != SCSI_STATUS_CHECK_CONDITION ||
            task->sense.key != SCSI_SENSE_UNIT_ATTENTION)
            break;
    }
    return task;
}

static void
directAddLun(vrStoragePoolObj *obj, struct iscsi_context *ctx, int lun)
{
    struct scsi_task *task = directReadCapacity(ctx, lun);
    struct scsi_readcapacity16 *rc16;
    vrStorageVolDef *vol;
    char *path;

    if (!task || task->status != SCSI_STATUS_GOOD ||
        !(rc16 = scsi_datain_unmarshall(task))) {
        /* e.g. tgt's LUN 0, its controller: no disk, no volume */
        VR_DEBUG("storage pool '%s': no capacity for LUN %d: %s", obj->def->name,
                 lun, iscsi_get_error(ctx));
        if (task)
            scsi_free_scsi_task(task);
        return;
    }
    path = g_strdup_printf("iscsi://%s:%d/%s/%d", obj->def->source.hosts[0].name,
                           vrStoragePoolHostPort(obj->def), obj->def->source.devices[0].path,
                           lun);
    vol = vrStorageDeviceVolNew(g_strdup_printf("unit:0:0:%d", lun), path, g_strdup(path),
                                VR_STORAGE_VOL_NETWORK,
                                (rc16->returned_lba + 1) * rc16->block_length);
    vrStoragePoolAddDeviceVol(obj, vol);
    scsi_free_scsi_task(task);
}

static int
directRefresh(vrStoragePoolObj *obj)
{
    struct iscsi_context *ctx = directLoginPool(obj);
    struct scsi_task *task;
    struct scsi_reportluns_list *list;

    if (!ctx)
        return -1;
    if (!(task = iscsi_reportluns_sync(ctx, 0, 16384)) || task->status != SCSI_STATUS_GOOD ||
        !(list = scsi_datain_unmarshall(task))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "storage pool '%s': REPORT LUNS failed: %s",
                      obj->def->name, iscsi_get_error(ctx));
        if (task)
            scsi_free_scsi_task(task);
        directClose(ctx, true);
        return -1;
    }
    g_hash_table_remove_all(obj->vols);
    obj->def->capacity = obj->def->allocation = obj->def->available = 0;
    for (uint32_t i = 0; i < list->num; i++) {
        directAddLun(obj, ctx, list->luns[i]);
        vrResetLastError();
    }
    scsi_free_scsi_task(task);
    directClose(ctx, true);
    return 0;
}

static char *
directFindSources(const char *srcSpec, unsigned int flags)
{
    g_autoptr(vrStorageSourceSpec) spec = vrStorageSourceSpecParse(srcSpec);
    struct iscsi_discovery_address *found, *a;
    struct iscsi_context *ctx;
    int port;
    GString *xml;

    (void)flags;
    if (!spec)
        return NULL;
    if (!spec->host) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "hostname must be specified for iscsi sources");
        return NULL;
    }
    port = spec->port > 0 ? spec->port : 3260;
    if (!(ctx = directLogin("(discovery)", spec->initiator, spec->host, port, NULL, NULL, NULL)))
        return NULL;
    if (!(found = iscsi_discovery_sync(ctx))) {
        vrReportError(VR_ERR_OPERATION_FAILED, "iSCSI discovery at %s:%d failed: %s",
                      spec->host, port, iscsi_get_error(ctx));
        directClose(ctx, true);
        return NULL;
    }
    xml = g_string_new("<sources>\n");
    for (a = found; a; a = a->next) {
        g_autofree char *h = g_markup_escape_text(spec->host, -1);
        g_autofree char *iqn = g_markup_escape_text(a->target_name, -1);
        g_autofree char *ini = g_markup_escape_text(spec->initiator, -1);
        g_string_append_printf(xml, "  <source>\n    <host name='%s' port='%d'/>\n"
                               "    <device path='%s'/>\n    <initiator>\n"
                               "      <iqn name='%s'/>\n    </initiator>\n  </source>\n",
                               h, port, iqn, ini);
    }
    g_string_append(xml, "</sources>\n");
    iscsi_free_discovery_data(ctx, found);
    directClose(ctx, true);
    return g_string_free(xml, FALSE);
}

#else /* !WITH_LIBISCSI */

static int
directStart(vrStoragePoolObj *obj)
{
    vrReportError(VR_ERR_NO_SUPPORT, "storage pool '%s': iscsi-direct pools need libiscsi, "
                  "which this build lacks", obj->def->name);
    return -1;
}

static int
directRefresh(vrStoragePoolObj *obj)
{
    return directStart(obj);
}

static char *
directFindSources(const char *srcSpec, unsigned int flags)
{
    (void)srcSpec;
    (void)flags;
    vrReportError(VR_ERR_NO_SUPPORT, "%s", "iscsi-direct discovery needs libiscsi, which this "
                  "build lacks");
    return NULL;
}

#endif

const vrStorageBackend vrStorageBackendISCSIDirect = {
    .type = VR_STORAGE_POOL_ISCSI_DIRECT,
    .start = directStart,
    .refresh = directRefresh,
    .findSources = directFindSources,
};
