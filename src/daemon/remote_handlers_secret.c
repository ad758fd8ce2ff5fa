/*
 * remote_handlers_secret.c: the daemon's side of the secret procedures.
 * All hand-written: the secret reference is not one of the generator's
 * object kinds, and values travel as opaque bytes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_dispatch_gen.h"
#include "remote/remote_secret.h"

#define VR_FROM_THIS VR_FROM_REMOTE

/* The caller's handle for a wire reference: looked up again so that a
 * stale or forged reference gets libvirt's "no secret" error. */
static vrSecret *
remoteLookupSecret(vrConnect *conn, const vrp_nonnull_secret *ref)
{
    return vrSecretLookupByUUID(conn, (const unsigned char *)ref->uuid);
}

int
remoteDispatchConnectListSecrets(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_secrets_args *args = argsv;
    vrp_connect_list_secrets_ret *ret = retv;
    char **uuids;
    int n, max = args->maxuuids;

    (void)client;
    (void)hdr;
    if (max < 0 || max > VRP_SECRET_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxuuids > REMOTE_SECRET_LIST_MAX");
        return -1;
    }
    uuids = g_new0(char *, max + 1);
    if ((n = vrConnectListSecrets(priv->conn, uuids, max)) < 0) {
        g_free(uuids);
        return -1;
    }
    ret->uuids.uuids_val = calloc((size_t)(n ? n : 1), sizeof(char *));
    ret->uuids.uuids_len = (u_int)n;
    for (int i = 0; i < n; i++) {
        ret->uuids.uuids_val[i] = strdup(uuids[i]);
        g_free(uuids[i]);
    }
    g_free(uuids);
    return 0;
}

int
remoteDispatchConnectListAllSecrets(vrNetServerClient *client, vrRemoteClient *priv,
                                    const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_all_secrets_args *args = argsv;
    vrp_connect_list_all_secrets_ret *ret = retv;
    vrSecret **secrets = NULL;
    int n;

    (void)client;
    (void)hdr;
    if ((n = vrConnectListAllSecrets(priv->conn, args->need_results ? &secrets : NULL,
                                     args->flags)) < 0)
        return -1;
    if (secrets) {
        ret->secrets.secrets_val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_secret));
        ret->secrets.secrets_len = (u_int)n;
        for (int i = 0; i < n; i++) {
            vrRemoteCopySecret(&ret->secrets.secrets_val[i], secrets[i]);
            vrSecretFree(secrets[i]);
        }
        g_free(secrets);
    }
    ret->ret = (u_int)n;
    return 0;
}

int
remoteDispatchSecretSetValue(vrNetServerClient *client, vrRemoteClient *priv,
                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_secret_set_value_args *args = argsv;
    g_autoptr(vrSecret) secret = remoteLookupSecret(priv->conn, &args->secret);
    int r;

    (void)client;
    (void)hdr;
    (void)retv;
    if (!secret)
        return -1;
    r = vrSecretSetValue(secret, (const unsigned char *)args->value.value_val,
                         args->value.value_len, args->flags);
    /* the request buffer holds the value: do not leave it in freed memory */
    if (args->value.value_val)
        memset(args->value.value_val, 0, args->value.value_len);
    return r < 0 ? -1 : 0;
}

int
remoteDispatchSecretGetValue(vrNetServerClient *client, vrRemoteClient *priv,
                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_secret_get_value_args *args = argsv;
    vrp_secret_get_value_ret *ret = retv;
    g_autoptr(vrSecret) secret = remoteLookupSecret(priv->conn, &args->secret);
    unsigned char *value;
    size_t len = 0;

    (void)client;
    (void)hdr;
    if (!secret || !(value = vrSecretGetValue(secret, &len, args->flags)))
        return -1;
    ret->value.value_val = calloc(1, len ? len : 1);
    if (len)
        memcpy(ret->value.value_val, value, len);
    ret->value.value_len = (u_int)len;
    memset(value, 0, len);
    g_free(value);
    return 0;
}

/* ---- secret events ----------------------------------------------------- */

/* A client's secret event registration: it holds a reference on the
 * client until deregistered (by the client, or when the client goes:
 * remoteSecretEventsDeregisterAll). */
typedef struct {
    vrNetServerClient *client;
    int callbackID;                /* -1 until the registration returned */
} remoteSecEventCallback;

static GMutex remoteSecEventsLock;
static GHashTable *remoteSecEvents;   /* vrRemoteClient * -> GArray of callback ids */

static void
remoteSecEventCallbackFree(void *opaque)
{
    remoteSecEventCallback *cb = opaque;

    vrNetServerClientUnref(cb->client);
    g_free(cb);
}

static void
remoteRelaySecretLifecycle(vrConnect *conn, vrSecret *secret, int event, int detail,
                           void *opaque)
{
    remoteSecEventCallback *cb = opaque;
    vrp_secret_event_lifecycle_msg msg;

    (void)conn;
    memset(&msg, 0, sizeof(msg));
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    if (msg.callback_id < 0)
        return;
    vrRemoteBorrowSecret(&msg.secret, secret);
    msg.event = event;
    msg.detail = detail;
    if (vrNetServerClientSendEvent(cb->client, VRP_PROC_SECRET_EVENT_LIFECYCLE,
                                   (xdrproc_t)xdr_vrp_secret_event_lifecycle_msg, &msg) < 0)
        vrResetLastError();
}

static void
remoteRelaySecretValueChanged(vrConnect *conn, vrSecret *secret, void *opaque)
{
    remoteSecEventCallback *cb = opaque;
    vrp_secret_event_value_changed_msg msg;

    (void)conn;
    memset(&msg, 0, sizeof(msg));
    msg.callback_id = g_atomic_int_get(&cb->callbackID);
    if (msg.callback_id < 0)
        return;
    vrRemoteBorrowSecret(&msg.secret, secret);
    if (vrNetServerClientSendEvent(cb->client, VRP_PROC_SECRET_EVENT_VALUE_CHANGED,
                                   (xdrproc_t)xdr_vrp_secret_event_value_changed_msg, &msg) < 0)
        vrResetLastError();
}

static GArray *
remoteSecEventIDs(vrRemoteClient *priv, bool create)
{
    GArray *ids;

    if (!remoteSecEvents)
        remoteSecEvents = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                                (GDestroyNotify)g_array_unref);
    if (!(ids = g_hash_table_lookup(remoteSecEvents, priv)) && create) {
        ids = g_array_new(FALSE, FALSE, sizeof(int));
        g_hash_table_insert(remoteSecEvents, priv, ids);
    }
    return ids;
}

int
remoteDispatchConnectSecretEventRegisterAny(vrNetServerClient *client, vrRemoteClient *priv,
                                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_secret_event_register_any_args *args = argsv;
    vrp_connect_secret_event_register_any_ret *ret = retv;
    remoteSecEventCallback *cb;
    vrSecret *secret = NULL;
    vrConnectSecretEventGenericCallback relay;
    int id;

    (void)hdr;
    if (args->secret && !(secret = remoteLookupSecret(priv->conn, args->secret)))
        return -1;
    relay = args->event_id == VR_SECRET_EVENT_ID_VALUE_CHANGED
        ? VR_SECRET_EVENT_CALLBACK(remoteRelaySecretValueChanged)
        : VR_SECRET_EVENT_CALLBACK(remoteRelaySecretLifecycle);
    cb = g_new0(remoteSecEventCallback, 1);
    vrNetServerClientRef(client);
    cb->client = client;
    cb->callbackID = -1;
    g_mutex_lock(&remoteSecEventsLock);
    id = vrConnectSecretEventRegisterAny(priv->conn, secret, args->event_id, relay, cb,
                                         remoteSecEventCallbackFree);
    if (secret)
        vrSecretFree(secret);
    if (id < 0) {
        g_mutex_unlock(&remoteSecEventsLock);
        remoteSecEventCallbackFree(cb);
        return -1;
    }
    g_atomic_int_set(&cb->callbackID, id);
    g_array_append_val(remoteSecEventIDs(priv, true), id);
    g_mutex_unlock(&remoteSecEventsLock);
    ret->callback_id = id;
    return 0;
}

int
remoteDispatchConnectSecretEventDeregisterAny(vrNetServerClient *client, vrRemoteClient *priv,
                                              const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_secret_event_deregister_any_args *args = argsv;
    GArray *ids;
    guint i;

    (void)client;
    (void)hdr;
    (void)retv;
    g_mutex_lock(&remoteSecEventsLock);
    ids = remoteSecEventIDs(priv, false);
    for (i = 0; ids && i < ids->len; i++)
        if (g_array_index(ids, int, i) == args->callback_id)
            break;
    if (!ids || i == ids->len) {
        g_mutex_unlock(&remoteSecEventsLock);
        vrReportError(VR_ERR_RPC, "secret event callback %d not registered",
                      args->callback_id);
        return -1;
    }
    g_array_remove_index(ids, i);
    g_mutex_unlock(&remoteSecEventsLock);
    return vrConnectSecretEventDeregisterAny(priv->conn, args->callback_id) < 0 ? -1 : 0;
}

void
remoteSecretEventsDeregisterAll(vrRemoteClient *priv)
{
    GArray *ids = NULL;

    g_mutex_lock(&remoteSecEventsLock);
    if (remoteSecEvents && g_hash_table_steal_extended(remoteSecEvents, priv, NULL,
                                                       (gpointer *)&ids)) {
        g_mutex_unlock(&remoteSecEventsLock);
        for (guint i = 0; priv->conn && i < ids->len; i++)
            if (vrConnectSecretEventDeregisterAny(priv->conn, g_array_index(ids, int, i)) < 0)
                vrResetLastError();
        g_array_unref(ids);
        return;
    }
    g_mutex_unlock(&remoteSecEventsLock);
}
