/*
 * remote_calls_secret.c: the secret API over the wire (procedures
 * 139-147 and 287, libvirt's numbers).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_driver_priv.h"
#include "remote_secret.h"

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
remoteConnectNumOfSecrets(vrConnect *conn)
{
    vrp_connect_num_of_secrets_ret ret = { 0 };

    if (remoteCall(conn, VRP_PROC_CONNECT_NUM_OF_SECRETS, NULL, NULL,
                   (xdrproc_t)xdr_vrp_connect_num_of_secrets_ret, &ret) < 0)
        return -1;
    return ret.num;
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

/* The calls whose reply is one secret reference. */
static vrSecret *
remoteSecretReply(vrConnect *conn, int proc, xdrproc_t argsFilter, void *args)
{
    vrp_secret_lookup_by_uuid_ret ret;   /* all three replies have this shape */
    vrSecret *secret;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, proc, argsFilter, args,
                   (xdrproc_t)xdr_vrp_secret_lookup_by_uuid_ret, &ret) < 0)
        return NULL;
    secret = vrRemoteGetSecret(conn, &ret.secret);
    xdr_free((xdrproc_t)xdr_vrp_secret_lookup_by_uuid_ret, (char *)&ret);
    return secret;
}

static vrSecret *
remoteSecretLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    vrp_secret_lookup_by_uuid_args args;

    memcpy(args.uuid, uuid, VR_UUID_BUFLEN);
    return remoteSecretReply(conn, VRP_PROC_SECRET_LOOKUP_BY_UUID,
                             (xdrproc_t)xdr_vrp_secret_lookup_by_uuid_args, &args);
}

static vrSecret *
remoteSecretLookupByUsage(vrConnect *conn, int usageType, const char *usageID)
{
    vrp_secret_lookup_by_usage_args args = { .usageType = usageType,
                                             .usageID = (char *)usageID };

    return remoteSecretReply(conn, VRP_PROC_SECRET_LOOKUP_BY_USAGE,
                             (xdrproc_t)xdr_vrp_secret_lookup_by_usage_args, &args);
}

static vrSecret *
remoteSecretDefineXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrp_secret_define_xml_args args = { .xml = (char *)xml, .flags = flags };

    return remoteSecretReply(conn, VRP_PROC_SECRET_DEFINE_XML,
                             (xdrproc_t)xdr_vrp_secret_define_xml_args, &args);
}

static char *
remoteSecretGetXMLDesc(vrSecret *secret, unsigned int flags)
{
    vrp_secret_get_xml_desc_args args = { .flags = flags };
    vrp_secret_get_xml_desc_ret ret;
    char *xml;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowSecret(&args.secret, secret);
    if (remoteCall(secret->conn, VRP_PROC_SECRET_GET_XML_DESC,
                   (xdrproc_t)xdr_vrp_secret_get_xml_desc_args, &args,
                   (xdrproc_t)xdr_vrp_secret_get_xml_desc_ret, &ret) < 0)
        return NULL;
    xml = g_strdup(ret.xml);
    xdr_free((xdrproc_t)xdr_vrp_secret_get_xml_desc_ret, (char *)&ret);
    return xml;
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

static int
remoteSecretUndefine(vrSecret *secret)
{
    vrp_secret_undefine_args args;

    vrRemoteBorrowSecret(&args.secret, secret);
    return remoteCall(secret->conn, VRP_PROC_SECRET_UNDEFINE,
                      (xdrproc_t)xdr_vrp_secret_undefine_args, &args, NULL, NULL);
}

void
remoteFillSecret(vrSecretDriver *sec)
{
    sec->connectListAllSecrets = remoteConnectListAllSecrets;
    sec->connectNumOfSecrets = remoteConnectNumOfSecrets;
    sec->connectListSecrets = remoteConnectListSecrets;
    sec->secretLookupByUUID = remoteSecretLookupByUUID;
    sec->secretLookupByUsage = remoteSecretLookupByUsage;
    sec->secretDefineXML = remoteSecretDefineXML;
    sec->secretGetXMLDesc = remoteSecretGetXMLDesc;
    sec->secretSetValue = remoteSecretSetValue;
    sec->secretGetValue = remoteSecretGetValue;
    sec->secretUndefine = remoteSecretUndefine;
}
