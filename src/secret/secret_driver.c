/*
 * secret_driver.c: secrets for QEMU connections.
 *
 * One state per root (like the network driver): definitions in
 * ROOT/etc/vireo/secrets/UUID.xml, values base64-encoded in
 * ROOT/etc/vireo/secrets/UUID.base64, both mode 0600.  Ephemeral secrets
 * never touch the disk.  Values are wiped from memory when replaced or
 * dropped, since they are passphrases.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "secret_driver.h"
#include "secret_event.h"
#include "conf/secret_conf.h"
#include "libvireo/datatypes_secret.h"
#include "qemu/qemu_driver.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_SECRET
#define VR_LOG_CATEGORY "secret.driver"

/* A value larger than the wire can carry is refused early. */
#define SECRET_VALUE_MAX 65536

typedef struct {
    vrSecretDef *def;
    unsigned char *value;   /* NULL until set */
    size_t len;
} vrSecretObj;

typedef struct {
    char *dir;
    char *root;             /* the events' key */
    GMutex lock;
    GPtrArray *objs;        /* vrSecretObj */
} vrSecretState;

static GMutex vrSecretStatesLock;
static GHashTable *vrSecretStates;   /* root -> vrSecretState, for the process's life */

/* ---- objects ------------------------------------------------------- */

/* memset that the compiler may not drop: the buffer holds a secret. */
static void
vrSecretWipe(unsigned char *buf, size_t len)
{
    volatile unsigned char *p = buf;

    while (len--)
        *p++ = 0;
}

static void
vrSecretObjClearValue(vrSecretObj *obj)
{
    if (obj->value) {
        vrSecretWipe(obj->value, obj->len);
        g_free(obj->value);
    }
    obj->value = NULL;
    obj->len = 0;
}

static void
vrSecretObjFree(gpointer data)
{
    vrSecretObj *obj = data;

    vrSecretObjClearValue(obj);
    vrSecretDefFree(obj->def);
    g_free(obj);
}

static char *
vrSecretPath(vrSecretState *st, const unsigned char *uuid, const char *ext)
{
    char uuidstr[VR_UUID_STRING_BUFLEN];

    vrUUIDFormat(uuid, uuidstr);
    return g_strdup_printf("%s/%s.%s", st->dir, uuidstr, ext);
}

static vrSecretObj *
vrSecretFindByUUID(vrSecretState *st, const unsigned char *uuid)
{
    for (guint i = 0; i < st->objs->len; i++) {
        vrSecretObj *obj = g_ptr_array_index(st->objs, i);
        if (memcmp(obj->def->uuid, uuid, VR_UUID_BUFLEN) == 0)
            return obj;
    }
    return NULL;
}

static vrSecretObj *
vrSecretFindByUsage(vrSecretState *st, int usageType, const char *usageID)
{
    for (guint i = 0; i < st->objs->len; i++) {
        vrSecretObj *obj = g_ptr_array_index(st->objs, i);
        if (obj->def->usageType == usageType && usageType != VR_SECRET_USAGE_NONE &&
            g_strcmp0(obj->def->usageID, usageID) == 0)
            return obj;
    }
    return NULL;
}

/* ---- disk ------------------------------------------------------------ */

static int
vrSecretSaveDef(vrSecretState *st, const vrSecretDef *def)
{
    g_autofree char *path = vrSecretPath(st, def->uuid, "xml");
    g_autofree char *xml = vrSecretDefFormat(def);

    if (vrFileMakePath(st->dir, 0700) < 0)
        return -1;
    return vrFileWriteAtomic(path, xml, strlen(xml), 0600);
}

static int
vrSecretSaveValue(vrSecretState *st, const vrSecretObj *obj)
{
    g_autofree char *path = vrSecretPath(st, obj->def->uuid, "base64");
    g_autofree char *b64 = g_base64_encode(obj->value, obj->len);
    int ret;

    if (vrFileMakePath(st->dir, 0700) < 0)
        return -1;
    ret = vrFileWriteAtomic(path, b64, strlen(b64), 0600);
    vrSecretWipe((unsigned char *)b64, strlen(b64));
    return ret;
}

static void
vrSecretDeleteFiles(vrSecretState *st, const unsigned char *uuid)
{
    g_autofree char *xml = vrSecretPath(st, uuid, "xml");
    g_autofree char *val = vrSecretPath(st, uuid, "base64");

    vrFileRemoveIfExists(val);
    vrFileRemoveIfExists(xml);
}

static void
vrSecretLoadValue(vrSecretState *st, vrSecretObj *obj)
{
    g_autofree char *path = vrSecretPath(st, obj->def->uuid, "base64");
    g_autofree char *b64 = NULL;
    gsize len = 0;

    if (!vrFileExists(path))
        return;
    if (vrFileReadAll(path, 4 * SECRET_VALUE_MAX, &b64) < 0) {
        VR_WARN("cannot read secret value %s: %s", path, vrGetLastErrorMessage());
        vrResetLastError();
        return;
    }
    {
        g_autofree unsigned char *raw = g_base64_decode(g_strstrip(b64), &len);
        obj->value = g_malloc0(len + 1);
        if (len)
            memcpy(obj->value, raw, len);
        obj->len = len;
        vrSecretWipe(raw, len);
    }
    vrSecretWipe((unsigned char *)b64, strlen(b64));
}

/* One UUID.xml; a broken file is logged and skipped, never deleted. */
static void
vrSecretLoadOne(vrSecretState *st, const char *name)
{
    g_autofree char *path = g_build_filename(st->dir, name, NULL);
    g_autofree char *xml = NULL;
    vrSecretDef *def;
    vrSecretObj *obj;

    if (vrFileReadAll(path, 1024 * 1024, &xml) < 0 || !(def = vrSecretDefParseString(xml))) {
        VR_WARN("ignoring secret file %s: %s", path, vrGetLastErrorMessage());
        vrResetLastError();
        return;
    }
    if (def->isEphemeral || vrSecretFindByUUID(st, def->uuid)) {
        vrSecretDefFree(def);
        return;
    }
    obj = g_new0(vrSecretObj, 1);
    obj->def = def;
    vrSecretLoadValue(st, obj);
    g_ptr_array_add(st->objs, obj);
}

static void
vrSecretLoadAll(vrSecretState *st)
{
    g_autoptr(GDir) dir = g_dir_open(st->dir, 0, NULL);
    const char *name;

    if (!dir)
        return;
    while ((name = g_dir_read_name(dir))) {
        if (g_str_has_suffix(name, ".xml"))
            vrSecretLoadOne(st, name);
    }
}

/* ---- states ------------------------------------------------------------ */

static vrSecretState *
vrSecretStateForRoot(const char *root)
{
    vrSecretState *st;

    if (!root || !*root)
        root = "/";
    g_mutex_lock(&vrSecretStatesLock);
    if (!vrSecretStates)
        vrSecretStates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!(st = g_hash_table_lookup(vrSecretStates, root))) {
        st = g_new0(vrSecretState, 1);
        st->dir = g_build_filename(root, "etc", "vireo", "secrets", NULL);
        st->root = g_strdup(root);
        g_mutex_init(&st->lock);
        st->objs = g_ptr_array_new_with_free_func(vrSecretObjFree);
        vrSecretLoadAll(st);
        g_hash_table_insert(vrSecretStates, g_strdup(root), st);
    }
    g_mutex_unlock(&vrSecretStatesLock);
    return st;
}

static vrSecretState *
vrSecretStateFrom(vrConnect *conn)
{
    vrQemuDriver *driver = vrQemuDriverFrom(conn);

    return vrSecretStateForRoot(driver && driver->cfg ? driver->cfg->root : NULL);
}

static vrSecret *
vrSecretHandle(vrConnect *conn, const vrSecretDef *def)
{
    return vrSecretNew(conn, def->uuid, def->usageType, def->usageID);
}

static void
vrSecretReportNoUUID(const unsigned char *uuid)
{
    char uuidstr[VR_UUID_STRING_BUFLEN];

    vrReportError(VR_ERR_NO_SECRET, "no secret with matching uuid '%s'",
                  vrUUIDFormat(uuid, uuidstr));
}

/* The object of a handle, with the state locked; NULL (reported) when
 * it went away. */
static vrSecretObj *
vrSecretObjFromHandle(vrSecretState *st, vrSecret *secret)
{
    vrSecretObj *obj = vrSecretFindByUUID(st, secret->uuid);

    if (!obj)
        vrSecretReportNoUUID(secret->uuid);
    return obj;
}

/* ---- listing and lookup ------------------------------------------------ */

static bool
vrSecretMatch(const vrSecretDef *def, unsigned int flags)
{
    if ((flags & VR_CONNECT_LIST_SECRETS_EPHEMERAL) && !def->isEphemeral &&
        !(flags & VR_CONNECT_LIST_SECRETS_NO_EPHEMERAL))
        return false;
    if ((flags & VR_CONNECT_LIST_SECRETS_NO_EPHEMERAL) && def->isEphemeral &&
        !(flags & VR_CONNECT_LIST_SECRETS_EPHEMERAL))
        return false;
    if ((flags & VR_CONNECT_LIST_SECRETS_PRIVATE) && !def->isPrivate &&
        !(flags & VR_CONNECT_LIST_SECRETS_NO_PRIVATE))
        return false;
    if ((flags & VR_CONNECT_LIST_SECRETS_NO_PRIVATE) && def->isPrivate &&
        !(flags & VR_CONNECT_LIST_SECRETS_PRIVATE))
        return false;
    return true;
}

static int
vrSecretListAll(vrConnect *conn, vrSecret ***secrets, unsigned int flags)
{
    vrSecretState *st = vrSecretStateFrom(conn);
    GPtrArray *out = g_ptr_array_new();
    int n;

    if (flags & ~0xfu) {
        g_ptr_array_free(out, TRUE);
        vrReportError(VR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                      flags & ~0xfu, "secretConnectListAllSecrets");
        return -1;
    }
    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->objs->len; i++) {
        vrSecretObj *obj = g_ptr_array_index(st->objs, i);
        if (vrSecretMatch(obj->def, flags))
            g_ptr_array_add(out, secrets ? vrSecretHandle(conn, obj->def) : NULL);
    }
    g_mutex_unlock(&st->lock);
    n = out->len;
    if (secrets) {
        g_ptr_array_add(out, NULL);
        *secrets = (vrSecret **)g_ptr_array_free(out, FALSE);
    } else {
        g_ptr_array_free(out, TRUE);
    }
    return n;
}

static int
vrSecretNumOf(vrConnect *conn)
{
    return vrSecretListAll(conn, NULL, 0);
}

static int
vrSecretListUUIDs(vrConnect *conn, char **uuids, int maxuuids)
{
    vrSecretState *st = vrSecretStateFrom(conn);
    int n = 0;

    g_mutex_lock(&st->lock);
    for (guint i = 0; i < st->objs->len && n < maxuuids; i++) {
        vrSecretObj *obj = g_ptr_array_index(st->objs, i);
        uuids[n] = g_malloc(VR_UUID_STRING_BUFLEN);
        vrUUIDFormat(obj->def->uuid, uuids[n++]);
    }
    g_mutex_unlock(&st->lock);
    return n;
}

static vrSecret *
vrSecretLookupUUID(vrConnect *conn, const unsigned char *uuid)
{
    vrSecretState *st = vrSecretStateFrom(conn);
    vrSecret *ret = NULL;
    vrSecretObj *obj;

    g_mutex_lock(&st->lock);
    if ((obj = vrSecretFindByUUID(st, uuid)))
        ret = vrSecretHandle(conn, obj->def);
    else
        vrSecretReportNoUUID(uuid);
    g_mutex_unlock(&st->lock);
    return ret;
}

static vrSecret *
vrSecretLookupUsage(vrConnect *conn, int usageType, const char *usageID)
{
    vrSecretState *st = vrSecretStateFrom(conn);
    vrSecret *ret = NULL;
    vrSecretObj *obj;

    g_mutex_lock(&st->lock);
    if ((obj = vrSecretFindByUsage(st, usageType, usageID)))
        ret = vrSecretHandle(conn, obj->def);
    else
        vrReportError(VR_ERR_NO_SECRET, "no secret with matching usage '%s'", usageID);
    g_mutex_unlock(&st->lock);
    return ret;
}

/* ---- define / undefine ------------------------------------------------- */

/* Whether @def may replace or join the state's secrets: the same UUID
 * keeps its usage and privacy, a usage belongs to one secret. */
static int
vrSecretCheckDefine(vrSecretState *st, const vrSecretDef *def, vrSecretObj **existing)
{
    char uuidstr[VR_UUID_STRING_BUFLEN];
    vrSecretObj *obj = vrSecretFindByUUID(st, def->uuid);

    *existing = obj;
    if (obj) {
        if (obj->def->usageType != def->usageType ||
            g_strcmp0(obj->def->usageID, def->usageID) != 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "a secret with UUID %s is already defined for use with %s",
                          vrUUIDFormat(obj->def->uuid, uuidstr),
                          obj->def->usageID ? obj->def->usageID : "");
            return -1;
        }
        if (obj->def->isPrivate && !def->isPrivate) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "cannot change private flag on existing secret");
            return -1;
        }
        return 0;
    }
    if ((obj = vrSecretFindByUsage(st, def->usageType, def->usageID))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "a secret with UUID %s already defined for use with %s",
                      vrUUIDFormat(obj->def->uuid, uuidstr), def->usageID);
        return -1;
    }
    return 0;
}

/* Writes (or, for an ephemeral secret, removes) the files of @obj. */
static int
vrSecretPersist(vrSecretState *st, vrSecretObj *obj)
{
    if (obj->def->isEphemeral) {
        vrSecretDeleteFiles(st, obj->def->uuid);
        return 0;
    }
    if (vrSecretSaveDef(st, obj->def) < 0)
        return -1;
    if (obj->value && vrSecretSaveValue(st, obj) < 0)
        return -1;
    return 0;
}

static vrSecret *
vrSecretDefine(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrSecretState *st = vrSecretStateFrom(conn);
    g_autoptr(vrSecretDef) def = NULL;
    vrSecretObj *obj = NULL;
    vrSecretDef *old = NULL;
    vrSecret *ret = NULL;

    /* VALIDATE (1): the parser is already strict; there is no schema pass */
    if (flags & ~1u) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s",
                      flags & ~1u, "secretDefineXML");
        return NULL;
    }
    if (!(def = vrSecretDefParseString(xml)))
        return NULL;
    g_mutex_lock(&st->lock);
    if (vrSecretCheckDefine(st, def, &obj) < 0)
        goto out;
    if (obj) {
        old = obj->def;
        obj->def = g_steal_pointer(&def);
    } else {
        obj = g_new0(vrSecretObj, 1);
        obj->def = g_steal_pointer(&def);
        g_ptr_array_add(st->objs, obj);
    }
    if (vrSecretPersist(st, obj) < 0) {
        /* keep what was there before, on disk too: a failed define
         * changes nothing (the definition may be written already) */
        if (old) {
            def = obj->def;
            obj->def = g_steal_pointer(&old);
            vrSecretPersist(st, obj);
        } else {
            vrSecretDeleteFiles(st, obj->def->uuid);
            g_ptr_array_remove(st->objs, obj);
        }
        goto out;
    }
    ret = vrSecretHandle(conn, obj->def);
    vrSecretEventQueueTarget(st->root, VR_SECRET_EVENT_ID_LIFECYCLE, obj->def->uuid,
                             obj->def->usageType, obj->def->usageID, VR_SECRET_EVENT_DEFINED, -1);
 out:
    g_mutex_unlock(&st->lock);
    vrSecretDefFree(old);
    return ret;
}

static int
vrSecretUndefineImpl(vrSecret *secret)
{
    vrSecretState *st = vrSecretStateFrom(secret->conn);
    vrSecretObj *obj;
    int ret = -1;

    g_mutex_lock(&st->lock);
    if ((obj = vrSecretObjFromHandle(st, secret))) {
        vrSecretDeleteFiles(st, obj->def->uuid);
        vrSecretEventQueueTarget(st->root, VR_SECRET_EVENT_ID_LIFECYCLE, obj->def->uuid,
                                 obj->def->usageType, obj->def->usageID,
                                 VR_SECRET_EVENT_UNDEFINED, -1);
        g_ptr_array_remove(st->objs, obj);
        ret = 0;
    }
    g_mutex_unlock(&st->lock);
    return ret;
}

static char *
vrSecretXMLDesc(vrSecret *secret, unsigned int flags)
{
    vrSecretState *st = vrSecretStateFrom(secret->conn);
    vrSecretObj *obj;
    char *ret = NULL;

    if (flags) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s", flags,
                      "secretGetXMLDesc");
        return NULL;
    }
    g_mutex_lock(&st->lock);
    if ((obj = vrSecretObjFromHandle(st, secret)))
        ret = vrSecretDefFormat(obj->def);
    g_mutex_unlock(&st->lock);
    return ret;
}

/* ---- values ---------------------------------------------------------------- */

static int
vrSecretSetValueImpl(vrSecret *secret, const unsigned char *value, size_t len,
                     unsigned int flags)
{
    vrSecretState *st = vrSecretStateFrom(secret->conn);
    vrSecretObj *obj;
    unsigned char *oldValue;
    size_t oldLen;
    int ret = -1;

    if (flags) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s", flags,
                      "secretSetValue");
        return -1;
    }
    /* the wire allows no more; in process the same bound keeps values
     * loadable at the next start */
    if (len > SECRET_VALUE_MAX) {
        vrReportError(VR_ERR_INVALID_ARG, "secret value of %zu bytes is larger than the "
                      "maximum of %d bytes", len, SECRET_VALUE_MAX);
        return -1;
    }
    g_mutex_lock(&st->lock);
    if (!(obj = vrSecretObjFromHandle(st, secret)))
        goto out;
    oldValue = obj->value;
    oldLen = obj->len;
    obj->value = g_malloc0(len + 1);    /* never a zero-size buffer */
    memcpy(obj->value, value, len);
    obj->len = len;
    if (!obj->def->isEphemeral && vrSecretSaveValue(st, obj) < 0) {
        vrSecretObjClearValue(obj);
        obj->value = oldValue;
        obj->len = oldLen;
        goto out;
    }
    if (oldValue) {
        vrSecretWipe(oldValue, oldLen);
        g_free(oldValue);
    }
    vrSecretEventQueueTarget(st->root, VR_SECRET_EVENT_ID_VALUE_CHANGED, obj->def->uuid,
                             obj->def->usageType, obj->def->usageID, 0, -1);
    ret = 0;
 out:
    g_mutex_unlock(&st->lock);
    return ret;
}

/* A copy of @obj's value; NULL (reported) when it has none. */
static unsigned char *
vrSecretCopyValue(const vrSecretObj *obj, size_t *len)
{
    char uuidstr[VR_UUID_STRING_BUFLEN];

    if (!obj->value) {
        vrReportError(VR_ERR_NO_SECRET, "secret '%s' does not have a value",
                      vrUUIDFormat(obj->def->uuid, uuidstr));
        return NULL;
    }
    *len = obj->len;
    return g_memdup2(obj->value, obj->len + 1);   /* allocated len + 1, NUL-ended */
}

static unsigned char *
vrSecretGetValueImpl(vrSecret *secret, size_t *len, unsigned int flags)
{
    vrSecretState *st = vrSecretStateFrom(secret->conn);
    vrSecretObj *obj;
    unsigned char *ret = NULL;

    if (flags) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported flags (0x%x) in function %s", flags,
                      "secretGetValue");
        return NULL;
    }
    g_mutex_lock(&st->lock);
    if (!(obj = vrSecretObjFromHandle(st, secret)))
        goto out;
    if (obj->def->isPrivate) {
        /* a private value is for the daemon's drivers, never for clients */
        vrReportError(VR_ERR_INVALID_SECRET, "%s", "secret is private");
        goto out;
    }
    ret = vrSecretCopyValue(obj, len);
 out:
    g_mutex_unlock(&st->lock);
    return ret;
}

unsigned char *
vrSecretValueForRoot(const char *root, const unsigned char *uuid, int usageType,
                     const char *usageID, size_t *len)
{
    vrSecretState *st = vrSecretStateForRoot(root);
    vrSecretObj *obj;
    unsigned char *ret = NULL;

    g_mutex_lock(&st->lock);
    if (uuid)
        obj = vrSecretFindByUUID(st, uuid);
    else
        obj = vrSecretFindByUsage(st, usageType, usageID);
    if (!obj) {
        if (uuid)
            vrSecretReportNoUUID(uuid);
        else
            vrReportError(VR_ERR_NO_SECRET, "no secret with matching usage '%s'",
                          usageID ? usageID : "");
    } else {
        ret = vrSecretCopyValue(obj, len);
    }
    g_mutex_unlock(&st->lock);
    return ret;
}

/* ---- events ---------------------------------------------------------------- */

static int
vrSecretEventRegisterAny(vrConnect *conn, vrSecret *secret, int eventID,
                         vrConnectSecretEventGenericCallback cb, void *opaque,
                         vrFreeCallback freecb)
{
    return vrSecretEventRegister(conn, vrSecretStateFrom(conn)->root, secret, eventID, cb,
                                 opaque, freecb);
}

static int
vrSecretEventDeregisterAny(vrConnect *conn, int callbackID)
{
    return vrSecretEventDeregister(conn, callbackID);
}

void
vrSecretConnectClosed(vrConnect *conn)
{
    vrSecretEventsRemoveConn(conn);
}

const vrSecretDriver vrSecretQemuDriver = {
    .connectListAllSecrets = vrSecretListAll,
    .connectNumOfSecrets = vrSecretNumOf,
    .connectListSecrets = vrSecretListUUIDs,
    .secretLookupByUUID = vrSecretLookupUUID,
    .secretLookupByUsage = vrSecretLookupUsage,
    .secretDefineXML = vrSecretDefine,
    .secretGetXMLDesc = vrSecretXMLDesc,
    .secretSetValue = vrSecretSetValueImpl,
    .secretGetValue = vrSecretGetValueImpl,
    .secretUndefine = vrSecretUndefineImpl,
    .connectSecretEventRegisterAny = vrSecretEventRegisterAny,
    .connectSecretEventDeregisterAny = vrSecretEventDeregisterAny,
};
