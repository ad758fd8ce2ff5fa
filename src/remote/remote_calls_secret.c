/*
 * remote_calls_secret.c: the secret API over the wire (procedures
 * 139-147 and 287, libvirt's numbers).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_driver_priv.h"
#include "remote_secret.h"
#include "secret/secret_event.h"

#define VR_FROM_THIS VR_FROM_REMOTE

vrSecret *
vrRemoteGetSecret(vrConnect *conn, const vrp_nonnull_secret *ref)
{
    return vrSecretNew(conn, (const unsigned char *)ref->uuid, ref->usage_type, ref->usage_id);
}

void
vrRemoteBorrowSecret(vrp_nonnull_secret *ref, vrSecret *secret)
{
    memcpy(ref->uuid, secret->uuid, VR_UUID_BUFLEN);
    ref->usage_type = secret->usageType;
    ref->usage_id = secret->usageID;
}

void
vrRemoteCopySecret(vrp_nonnull_secret *ref, vrSecret *secret)
{
    vrRemoteBorrowSecret(ref, secret);
    ref->usage_id = strdup(secret->usageID);
}

static int
remoteConnectListAllSecrets(vrConnect *conn, vrSecret ***secrets, unsigned int flags)
{
    vrp_connect_list_all_secrets_args args = { .need_results = secrets != NULL, .flags = flags };
    vrp_connect_list_all_secrets_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_ALL_SECRETS,
                   (xdrproc_t)xdr_vrp_connect_list_all_secrets_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_all_secrets_ret, &ret) < 0)
        return -1;
    if (secrets) {
        *secrets = g_new0(vrSecret *, ret.secrets.secrets_len + 1);
        for (u_int i = 0; i < ret.secrets.secrets_len; i++)
            (*secrets)[i] = vrRemoteGetSecret(conn, &ret.secrets.secrets_val[i]);
    }
    n = (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_connect_list_all_secrets_ret, (char *)&ret);
    return n;
}

static int
remoteConnectListSecrets(vrConnect *conn, char **uuids, int maxuuids)
{
    vrp_connect_list_secrets_args args = { .maxuuids = maxuuids };
    vrp_connect_list_secrets_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_SECRETS,
                   (xdrproc_t)xdr_vrp_connect_list_secrets_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_secrets_ret, &ret) < 0)
        return -1;
    n = MIN((int)ret.uuids.uuids_len, maxuuids);
    for (int i = 0; i < n; i++)
        uuids[i] = g_strdup(ret.uuids.uuids_val[i]);
    xdr_free((xdrproc_t)xdr_vrp_connect_list_secrets_ret, (char *)&ret);
    return n;
}

static int
remoteSecretSetValue(vrSecret *secret, const unsigned char *value, size_t len,
                     unsigned int flags)
{
    vrp_secret_set_value_args args = { .flags = flags };

    vrRemoteBorrowSecret(&args.secret, secret);
    args.value.value_val = (char *)value;
    args.value.value_len = len;
    return remoteCall(secret->conn, VRP_PROC_SECRET_SET_VALUE,
                      (xdrproc_t)xdr_vrp_secret_set_value_args, &args, NULL, NULL);
}

static unsigned char *
remoteSecretGetValue(vrSecret *secret, size_t *len, unsigned int flags)
{
    vrp_secret_get_value_args args = { .flags = flags };
    vrp_secret_get_value_ret ret;
    unsigned char *value;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowSecret(&args.secret, secret);
    if (remoteCall(secret->conn, VRP_PROC_SECRET_GET_VALUE,
                   (xdrproc_t)xdr_vrp_secret_get_value_args, &args,
                   (xdrproc_t)xdr_vrp_secret_get_value_ret, &ret) < 0)
        return NULL;
    *len = ret.value.value_len;
    value = g_malloc0(*len + 1);
    if (*len) {
        memcpy(value, ret.value.value_val, *len);
        memset(ret.value.value_val, 0, ret.value.value_len);
    }
    xdr_free((xdrproc_t)xdr_vrp_secret_get_value_ret, (char *)&ret);
    return value;
}

/* ---- secret events ---------------------------------------------------- */

/* As for network events: each registration is one on the daemon, whose
 * callback id maps to ours; ours live in secret_event.c under a key of
 * their own per connection. */
typedef struct {
    vrConnect *conn;
    int localID;
    int remoteID;
} remoteSecEventReg;

static GMutex remoteSecEventsLock;
static GArray *remoteSecEventRegs;    /* remoteSecEventReg */

static char *
remoteSecEventKey(vrConnect *conn)
{
    return g_strdup_printf("remote:%p", (void *)conn);
}

static int
remoteConnectSecretEventRegisterAny(vrConnect *conn, vrSecret *secret, int eventID,
                                    vrConnectSecretEventGenericCallback cb, void *opaque,
                                    vrFreeCallback freecb)
{
    vrp_connect_secret_event_register_any_args args = { .event_id = eventID };
    vrp_connect_secret_event_register_any_ret ret = { 0 };
    vrp_connect_secret_event_deregister_any_args dargs;
    g_autofree char *key = remoteSecEventKey(conn);
    remoteSecEventReg reg = { .conn = conn };
    vrp_nonnull_secret ref;
    vrError *err;

    if (secret) {
        vrRemoteBorrowSecret(&ref, secret);
        args.secret = &ref;
    }
    if (remoteCall(conn, VRP_PROC_CONNECT_SECRET_EVENT_REGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_secret_event_register_any_args, &args,
                   (xdrproc_t)xdr_vrp_connect_secret_event_register_any_ret, &ret) < 0)
        return -1;
    reg.remoteID = ret.callback_id;
    g_mutex_lock(&remoteSecEventsLock);
    reg.localID = vrSecretEventRegister(conn, key, secret, eventID, cb, opaque, freecb);
    if (reg.localID >= 0) {
        if (!remoteSecEventRegs)
            remoteSecEventRegs = g_array_new(FALSE, FALSE, sizeof(remoteSecEventReg));
        g_array_append_val(remoteSecEventRegs, reg);
    }
    g_mutex_unlock(&remoteSecEventsLock);
    if (reg.localID < 0) {
        err = vrErrorSave();
        dargs.callback_id = reg.remoteID;
        remoteCall(conn, VRP_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_secret_event_deregister_any_args, &dargs, NULL,
                   NULL);
        vrErrorRestore(&err);
        return -1;
    }
    return reg.localID;
}

/* Forgets registration @localID of @conn (or, with -1, all of them); the
 * daemon's ids go to @remoteIDs. */
static void
remoteSecEventTake(vrConnect *conn, int localID, GArray *remoteIDs)
{
    g_mutex_lock(&remoteSecEventsLock);
    for (guint i = 0; remoteSecEventRegs && i < remoteSecEventRegs->len;) {
        remoteSecEventReg *reg = &g_array_index(remoteSecEventRegs, remoteSecEventReg, i);

        if (reg->conn == conn && (localID < 0 || reg->localID == localID)) {
            g_array_append_val(remoteIDs, reg->remoteID);
            g_array_remove_index(remoteSecEventRegs, i);
        } else {
            i++;
        }
    }
    g_mutex_unlock(&remoteSecEventsLock);
}

static int
remoteConnectSecretEventDeregisterAny(vrConnect *conn, int callbackID)
{
    g_autoptr(GArray) remoteIDs = g_array_new(FALSE, FALSE, sizeof(int));
    vrp_connect_secret_event_deregister_any_args args;

    remoteSecEventTake(conn, callbackID, remoteIDs);
    if (remoteIDs->len == 0) {
        vrReportError(VR_ERR_INVALID_ARG, "could not find event callback %d for deregistration",
                      callbackID);
        return -1;
    }
    args.callback_id = g_array_index(remoteIDs, int, 0);
    if (remoteCall(conn, VRP_PROC_CONNECT_SECRET_EVENT_DEREGISTER_ANY,
                   (xdrproc_t)xdr_vrp_connect_secret_event_deregister_any_args, &args, NULL,
                   NULL) < 0)
        vrResetLastError();   /* ours goes anyway: its events are dropped */
    return vrSecretEventDeregister(conn, callbackID);
}

static int
remoteSecEventLocalID(vrConnect *conn, int remoteID)
{
    int localID = -1;

    g_mutex_lock(&remoteSecEventsLock);
    for (guint i = 0; remoteSecEventRegs && i < remoteSecEventRegs->len; i++) {
        remoteSecEventReg *reg = &g_array_index(remoteSecEventRegs, remoteSecEventReg, i);

        if (reg->conn == conn && reg->remoteID == remoteID)
            localID = reg->localID;
    }
    g_mutex_unlock(&remoteSecEventsLock);
    return localID;
}

void
remoteSecretEventMessage(vrConnect *conn, const vrNetMessage *msg)
{
    bool lifecycle = msg->header.proc == VRP_PROC_SECRET_EVENT_LIFECYCLE;
    vrp_secret_event_lifecycle_msg lm;
    vrp_secret_event_value_changed_msg vm;
    g_autofree char *key = remoteSecEventKey(conn);
    size_t len;
    const char *payload = vrNetMessagePayload(msg, &len);
    vrp_nonnull_secret *ref;
    int callbackID, localID;
    XDR xdr;
    bool ok;

    memset(&lm, 0, sizeof(lm));
    memset(&vm, 0, sizeof(vm));
    xdrmem_create(&xdr, (char *)payload, (u_int)len, XDR_DECODE);
    ok = lifecycle ? xdr_vrp_secret_event_lifecycle_msg(&xdr, &lm)
                   : xdr_vrp_secret_event_value_changed_msg(&xdr, &vm);
    xdr_destroy(&xdr);
    ref = lifecycle ? &lm.secret : &vm.secret;
    callbackID = lifecycle ? lm.callback_id : vm.callback_id;
    if (ok && (localID = remoteSecEventLocalID(conn, callbackID)) >= 0)
        vrSecretEventQueueTarget(key, lifecycle ? VR_SECRET_EVENT_ID_LIFECYCLE
                                                : VR_SECRET_EVENT_ID_VALUE_CHANGED,
                                 (const unsigned char *)ref->uuid, ref->usage_type,
                                 ref->usage_id, lifecycle ? lm.event : 0, localID);
    if (lifecycle)
        xdr_free((xdrproc_t)xdr_vrp_secret_event_lifecycle_msg, (char *)&lm);
    else
        xdr_free((xdrproc_t)xdr_vrp_secret_event_value_changed_msg, (char *)&vm);
}

void
remoteSecretEventsClose(vrConnect *conn)
{
    g_autoptr(GArray) remoteIDs = g_array_new(FALSE, FALSE, sizeof(int));

    remoteSecEventTake(conn, -1, remoteIDs);
    vrSecretEventsRemoveConn(conn);
}

void
remoteFillSecret(vrSecretDriver *sec)
{
    sec->connectListAllSecrets = remoteConnectListAllSecrets;
    sec->connectListSecrets = remoteConnectListSecrets;
    sec->secretSetValue = remoteSecretSetValue;
    sec->secretGetValue = remoteSecretGetValue;
    sec->connectSecretEventRegisterAny = remoteConnectSecretEventRegisterAny;
    sec->connectSecretEventDeregisterAny = remoteConnectSecretEventDeregisterAny;
}
