/*
 * libvireo-secret.c: the public secret API and the secret handle.
 */
#include <config.h>

#include <string.h>

#include "api_internal.h"
#include "datatypes_secret.h"
#include "util/vruuid.h"

#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_SECRET

#define VR_API_SECRET(s, fn, ret) VR_API_CHECK(s, VR_ERR_INVALID_SECRET, fn, ret)

/* ---- the handle ---------------------------------------------------- */

vrSecret *
vrSecretNew(vrConnect *conn, const unsigned char *uuid, int usageType, const char *usageID)
{
    vrSecret *s = g_new0(vrSecret, 1);

    s->refs = 1;
    g_atomic_int_inc(&conn->refs);
    s->conn = conn;
    memcpy(s->uuid, uuid, VR_UUID_BUFLEN);
    s->usageType = usageType;
    s->usageID = g_strdup(usageID ? usageID : "");
    return s;
}

int
vrSecretRef(vrSecret *secret)
{
    VR_API_CHECK_KEEP(secret, VR_ERR_INVALID_SECRET, "virSecretRef", -1);
    g_atomic_int_inc(&secret->refs);
    return 0;
}

int
vrSecretFree(vrSecret *secret)
{
    VR_API_CHECK_KEEP(secret, VR_ERR_INVALID_SECRET, "virSecretFree", -1);
    if (g_atomic_int_dec_and_test(&secret->refs)) {
        vrConnectUnref(secret->conn);
        g_free(secret->usageID);
        g_free(secret);
    }
    return 0;
}

int
vrSecretGetUUID(vrSecret *secret, unsigned char *uuid)
{
    VR_API_SECRET(secret, "virSecretGetUUID", -1);
    VR_API_NONNULL(uuid, "virSecretGetUUID", -1);
    memcpy(uuid, secret->uuid, VR_UUID_BUFLEN);
    return 0;
}

int
vrSecretGetUUIDString(vrSecret *secret, char *buf)
{
    VR_API_SECRET(secret, "virSecretGetUUIDString", -1);
    VR_API_NONNULL(buf, "virSecretGetUUIDString", -1);
    vrUUIDFormat(secret->uuid, buf);
    return 0;
}

int
vrSecretGetUsageType(vrSecret *secret)
{
    VR_API_SECRET(secret, "virSecretGetUsageType", -1);
    return secret->usageType;
}

const char *
vrSecretGetUsageID(vrSecret *secret)
{
    VR_API_SECRET(secret, "virSecretGetUsageID", NULL);
    return secret->usageID;
}

vrConnect *
vrSecretGetConnect(vrSecret *secret)
{
    VR_API_SECRET(secret, "virSecretGetConnect", NULL);
    return secret->conn;
}

/* ---- listing and lookup -------------------------------------------- */

int
vrConnectListAllSecrets(vrConnect *conn, vrSecret ***secrets, unsigned int flags)
{
    if (secrets)
        *secrets = NULL;
    VR_API_CONN(conn, "virConnectListAllSecrets", -1);
    VR_API_CALL(conn, secret, connectListAllSecrets, "virConnectListAllSecrets", -1,
                conn, secrets, flags);
}

int
vrConnectNumOfSecrets(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfSecrets", -1);
    VR_API_CALL(conn, secret, connectNumOfSecrets, "virConnectNumOfSecrets", -1, conn);
}

int
vrConnectListSecrets(vrConnect *conn, char **uuids, int maxuuids)
{
    VR_API_CONN(conn, "virConnectListSecrets", -1);
    VR_API_ARG(maxuuids >= 0 && (uuids || maxuuids == 0), "virConnectListSecrets", -1);
    VR_API_CALL(conn, secret, connectListSecrets, "virConnectListSecrets", -1,
                conn, uuids, maxuuids);
}

vrSecret *
vrSecretLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    VR_API_CONN(conn, "virSecretLookupByUUID", NULL);
    VR_API_NONNULL(uuid, "virSecretLookupByUUID", NULL);
    VR_API_CALL(conn, secret, secretLookupByUUID, "virSecretLookupByUUID", NULL, conn, uuid);
}

vrSecret *
vrSecretLookupByUUIDString(vrConnect *conn, const char *uuidstr)
{
    unsigned char uuid[VR_UUID_BUFLEN];

    VR_API_CONN(conn, "virSecretLookupByUUIDString", NULL);
    VR_API_NONNULL(uuidstr, "virSecretLookupByUUIDString", NULL);
    if (vrUUIDParse(uuidstr, uuid) < 0) {
        vrReportInvalidArg("%s", "uuidstr in virSecretLookupByUUIDString must be a valid UUID");
        return NULL;
    }
    return vrSecretLookupByUUID(conn, uuid);
}

vrSecret *
vrSecretLookupByUsage(vrConnect *conn, int usageType, const char *usageID)
{
    VR_API_CONN(conn, "virSecretLookupByUsage", NULL);
    VR_API_NONNULL(usageID, "virSecretLookupByUsage", NULL);
    VR_API_CALL(conn, secret, secretLookupByUsage, "virSecretLookupByUsage", NULL,
                conn, usageType, usageID);
}

/* ---- definition and values ----------------------------------------- */

vrSecret *
vrSecretDefineXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    VR_API_CONN(conn, "virSecretDefineXML", NULL);
    VR_API_WRITABLE(conn, "virSecretDefineXML", NULL);
    VR_API_NONNULL(xml, "virSecretDefineXML", NULL);
    VR_API_CALL(conn, secret, secretDefineXML, "virSecretDefineXML", NULL, conn, xml, flags);
}

char *
vrSecretGetXMLDesc(vrSecret *secret, unsigned int flags)
{
    VR_API_SECRET(secret, "virSecretGetXMLDesc", NULL);
    VR_API_CALL(secret->conn, secret, secretGetXMLDesc, "virSecretGetXMLDesc", NULL,
                secret, flags);
}

int
vrSecretSetValue(vrSecret *secret, const unsigned char *value, size_t value_size,
                 unsigned int flags)
{
    VR_API_SECRET(secret, "virSecretSetValue", -1);
    VR_API_WRITABLE(secret->conn, "virSecretSetValue", -1);
    VR_API_NONNULL(value, "virSecretSetValue", -1);
    VR_API_CALL(secret->conn, secret, secretSetValue, "virSecretSetValue", -1,
                secret, value, value_size, flags);
}

unsigned char *
vrSecretGetValue(vrSecret *secret, size_t *value_size, unsigned int flags)
{
    VR_API_SECRET(secret, "virSecretGetValue", NULL);
    VR_API_WRITABLE(secret->conn, "virSecretGetValue", NULL);
    VR_API_NONNULL(value_size, "virSecretGetValue", NULL);
    VR_API_CALL(secret->conn, secret, secretGetValue, "virSecretGetValue", NULL,
                secret, value_size, flags);
}

int
vrSecretUndefine(vrSecret *secret)
{
    VR_API_SECRET(secret, "virSecretUndefine", -1);
    VR_API_WRITABLE(secret->conn, "virSecretUndefine", -1);
    VR_API_CALL(secret->conn, secret, secretUndefine, "virSecretUndefine", -1, secret);
}

int
vrConnectSecretEventRegisterAny(vrConnect *conn, vrSecret *secret, int eventID,
                                vrConnectSecretEventGenericCallback cb, void *opaque,
                                vrFreeCallback freecb)
{
    VR_API_CONN(conn, "virConnectSecretEventRegisterAny", -1);
    VR_API_ARG(cb, "virConnectSecretEventRegisterAny", -1);
    if (secret && secret->conn != conn) {
        vrReportError(VR_ERR_INVALID_ARG, "%s",
                      "secret must belong to the connection the callback is registered on");
        return -1;
    }
    if (eventID < 0 || eventID >= VR_SECRET_EVENT_ID_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    VR_API_CALL(conn, secret, connectSecretEventRegisterAny,
                "virConnectSecretEventRegisterAny", -1, conn, secret, eventID, cb, opaque, freecb);
}

int
vrConnectSecretEventDeregisterAny(vrConnect *conn, int callbackID)
{
    VR_API_CONN(conn, "virConnectSecretEventDeregisterAny", -1);
    VR_API_ARG(callbackID >= 0, "virConnectSecretEventDeregisterAny", -1);
    VR_API_CALL(conn, secret, connectSecretEventDeregisterAny,
                "virConnectSecretEventDeregisterAny", -1, conn, callbackID);
}
