/*
 * qemu_json.c: JSON helpers for the QMP monitor and the guest agent.
 */
#include <config.h>

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "qemu/qemu_json.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* QEMU's replies nest a few levels (block node chains nest deepest);
 * json-c's default of 32 is too tight for long backing chains, and a
 * bound is still needed so hostile input cannot nest without end. */
#define VR_QEMU_JSON_MAX_DEPTH 256

/* Strict JSON, valid UTF-8, and a stream of values one after another. */
#define VR_QEMU_JSON_TOKENER_FLAGS \
    (JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS | JSON_TOKENER_VALIDATE_UTF8)


/* ---- building arguments ---- */

/* Reads one value for @type from @ap.  Sets *val (NULL when the member is
 * to be skipped).  Returns -1 for a NULL mandatory value, -2 for an unknown
 * type letter (the remaining arguments cannot be walked then). */
static int
vrQemuJSONTakeValue(char type, const char *key, va_list *ap, json_object **val)
{
    *val = NULL;
    switch (type) {
    case 's':
    case 'S': {
        const char *s = va_arg(*ap, const char *);
        if (s)
            *val = json_object_new_string(s);
        else if (type == 's')
            goto null_value;
        return 0;
    }
    case 'i':
        *val = json_object_new_int(va_arg(*ap, int));
        return 0;
    case 'I':
        *val = json_object_new_int64(va_arg(*ap, long long));
        return 0;
    case 'u':
        *val = json_object_new_uint64(va_arg(*ap, unsigned int));
        return 0;
    case 'U':
    case 'P': {
        unsigned long long u = va_arg(*ap, unsigned long long);
        if (u != 0 || type == 'U')
            *val = json_object_new_uint64(u);
        return 0;
    }
    case 'b':
    case 'B': {
        int b = va_arg(*ap, int);
        if (b || type == 'b')
            *val = json_object_new_boolean(b);
        return 0;
    }
    case 'd':
        *val = json_object_new_double(va_arg(*ap, double));
        return 0;
    case 'j':
    case 'J':
        *val = va_arg(*ap, json_object *);
        if (!*val && type == 'j')
            goto null_value;
        return 0;
    default:
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "unknown JSON argument type '%c' for '%s'", type, key);
        return -2;
    }

 null_value:
    vrReportError(VR_ERR_INTERNAL_ERROR, "argument '%s' must not be NULL", key);
    return -1;
}

/* Adds one "t:key" argument.  With @discard (an earlier argument failed)
 * the value is only consumed, so stolen objects are not leaked. */
static int
vrQemuJSONAddOne(json_object *obj, const char *spec, va_list *ap, bool discard)
{
    json_object *val = NULL;
    const char *key = spec + 2;
    int rc;

    if (strlen(spec) < 3 || spec[1] != ':') {
        vrReportError(VR_ERR_INTERNAL_ERROR, "invalid JSON argument specification '%s'", spec);
        return -2;
    }
    if ((rc = vrQemuJSONTakeValue(spec[0], key, ap, &val)) < 0)
        return rc;
    if (discard || !val) {
        json_object_put(val);
        return 0;
    }
    if (json_object_object_get_ex(obj, key, NULL)) {
        json_object_put(val);
        vrReportError(VR_ERR_INTERNAL_ERROR, "duplicate JSON argument '%s'", key);
        return -1;
    }
    json_object_object_add(obj, key, val);
    return 0;
}

static int
vrQemuJSONAppendArgsV(json_object *obj, va_list ap)
{
    const char *spec;
    va_list args;
    int rc = 0;

    va_copy(args, ap);
    while ((spec = va_arg(args, const char *))) {
        int r = vrQemuJSONAddOne(obj, spec, &args, rc < 0);
        if (r == -2) {
            rc = -1;
            break;
        }
        if (r < 0)
            rc = -1;
    }
    va_end(args);
    return rc;
}

int
vrQemuJSONMakeArgsV(json_object **obj, va_list ap)
{
    g_autoptr(json_object) args = json_object_new_object();

    *obj = NULL;
    if (vrQemuJSONAppendArgsV(args, ap) < 0)
        return -1;
    *obj = g_steal_pointer(&args);
    return 0;
}

int
vrQemuJSONMakeArgs(json_object **obj, ...)
{
    va_list ap;
    int rc;

    va_start(ap, obj);
    rc = vrQemuJSONMakeArgsV(obj, ap);
    va_end(ap);
    return rc;
}

int
vrQemuJSONAppendArgs(json_object *obj, ...)
{
    va_list ap;
    int rc;

    va_start(ap, obj);
    rc = vrQemuJSONAppendArgsV(obj, ap);
    va_end(ap);
    return rc;
}


/* ---- getters ---- */

/* The member @key of @obj when it has @type, else NULL. */
static json_object *
vrQemuJSONMember(json_object *obj, const char *key, json_type type)
{
    json_object *val = NULL;

    if (!obj || !json_object_is_type(obj, json_type_object) ||
        !json_object_object_get_ex(obj, key, &val) || !val ||
        !json_object_is_type(val, type))
        return NULL;
    return val;
}

json_object *
vrQemuJSONGetObject(json_object *obj, const char *key)
{
    return vrQemuJSONMember(obj, key, json_type_object);
}

json_object *
vrQemuJSONGetArray(json_object *obj, const char *key)
{
    return vrQemuJSONMember(obj, key, json_type_array);
}

const char *
vrQemuJSONGetString(json_object *obj, const char *key)
{
    json_object *val = vrQemuJSONMember(obj, key, json_type_string);

    return val ? json_object_get_string(val) : NULL;
}

int
vrQemuJSONGetBool(json_object *obj, const char *key, bool *val)
{
    json_object *v = vrQemuJSONMember(obj, key, json_type_boolean);

    if (!v)
        return -1;
    *val = json_object_get_boolean(v);
    return 0;
}

/* json-c keeps integers as int64 or uint64 and clamps when asked for the
 * other; these two tell a clamped value from a real one. */
static bool
vrQemuJSONIntFitsSigned(json_object *v)
{
    return json_object_get_int64(v) != INT64_MAX || json_object_get_uint64(v) == INT64_MAX;
}

int
vrQemuJSONGetLongLong(json_object *obj, const char *key, long long *val)
{
    json_object *v = vrQemuJSONMember(obj, key, json_type_int);

    if (!v || !vrQemuJSONIntFitsSigned(v))
        return -1;
    *val = json_object_get_int64(v);
    return 0;
}

int
vrQemuJSONGetULongLong(json_object *obj, const char *key, unsigned long long *val)
{
    json_object *v = vrQemuJSONMember(obj, key, json_type_int);

    if (!v || json_object_get_int64(v) < 0)
        return -1;
    *val = json_object_get_uint64(v);
    return 0;
}

int
vrQemuJSONGetInt(json_object *obj, const char *key, int *val)
{
    long long ll;

    if (vrQemuJSONGetLongLong(obj, key, &ll) < 0 || ll < INT_MIN || ll > INT_MAX)
        return -1;
    *val = (int)ll;
    return 0;
}

int
vrQemuJSONGetUInt(json_object *obj, const char *key, unsigned int *val)
{
    unsigned long long ull;

    if (vrQemuJSONGetULongLong(obj, key, &ull) < 0 || ull > UINT_MAX)
        return -1;
    *val = (unsigned int)ull;
    return 0;
}

int
vrQemuJSONGetDouble(json_object *obj, const char *key, double *val)
{
    json_object *v = vrQemuJSONMember(obj, key, json_type_double);

    if (!v)
        v = vrQemuJSONMember(obj, key, json_type_int);
    if (!v)
        return -1;
    *val = json_object_get_double(v);
    return 0;
}

static void
vrQemuJSONReportLacks(const char *what, const char *type, const char *key)
{
    vrReportError(VR_ERR_INTERNAL_ERROR, "QEMU reply to '%s' lacks %s '%s'",
                  what ? what : "command", type, key);
}

json_object *
vrQemuJSONRequireObject(json_object *obj, const char *what, const char *key)
{
    json_object *v = vrQemuJSONGetObject(obj, key);

    if (!v)
        vrQemuJSONReportLacks(what, "object", key);
    return v;
}

json_object *
vrQemuJSONRequireArray(json_object *obj, const char *what, const char *key)
{
    json_object *v = vrQemuJSONGetArray(obj, key);

    if (!v)
        vrQemuJSONReportLacks(what, "array", key);
    return v;
}

const char *
vrQemuJSONRequireString(json_object *obj, const char *what, const char *key)
{
    const char *v = vrQemuJSONGetString(obj, key);

    if (!v)
        vrQemuJSONReportLacks(what, "string", key);
    return v;
}

int
vrQemuJSONRequireBool(json_object *obj, const char *what, const char *key, bool *val)
{
    if (vrQemuJSONGetBool(obj, key, val) < 0) {
        vrQemuJSONReportLacks(what, "boolean", key);
        return -1;
    }
    return 0;
}

int
vrQemuJSONRequireLongLong(json_object *obj, const char *what, const char *key, long long *val)
{
    if (vrQemuJSONGetLongLong(obj, key, val) < 0) {
        vrQemuJSONReportLacks(what, "integer", key);
        return -1;
    }
    return 0;
}

int
vrQemuJSONRequireULongLong(json_object *obj, const char *what, const char *key,
                           unsigned long long *val)
{
    if (vrQemuJSONGetULongLong(obj, key, val) < 0) {
        vrQemuJSONReportLacks(what, "unsigned integer", key);
        return -1;
    }
    return 0;
}

int
vrQemuJSONRequireInt(json_object *obj, const char *what, const char *key, int *val)
{
    if (vrQemuJSONGetInt(obj, key, val) < 0) {
        vrQemuJSONReportLacks(what, "integer", key);
        return -1;
    }
    return 0;
}

int
vrQemuJSONCheckType(json_object *val, json_type type, const char *what)
{
    if (val && json_object_is_type(val, type))
        return 0;
    vrReportError(VR_ERR_INTERNAL_ERROR, "QEMU reply to '%s' is not %s",
                  what ? what : "command",
                  type == json_type_array ? "an array" :
                  type == json_type_object ? "an object" : json_type_to_name(type));
    return -1;
}


/* ---- text ---- */

char *
vrQemuJSONFormat(json_object *obj)
{
    return g_strdup(json_object_to_json_string_ext(obj,
        JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
}

json_object *
vrQemuJSONParse(const char *text)
{
    json_tokener *tok = json_tokener_new_ex(VR_QEMU_JSON_MAX_DEPTH);
    size_t len = strlen(text);
    json_object *obj;
    enum json_tokener_error err;

    json_tokener_set_flags(tok, VR_QEMU_JSON_TOKENER_FLAGS);
    obj = json_tokener_parse_ex(tok, text, (int)MIN(len, (size_t)INT_MAX));
    err = json_tokener_get_error(tok);
    if (err == json_tokener_success && json_tokener_get_parse_end(tok) != len)
        err = json_tokener_error_parse_unexpected;
    if (err != json_tokener_success) {
        json_object_put(obj);
        obj = NULL;
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse JSON '%s': %s", text,
                      err == json_tokener_continue ? "unexpected end of data" :
                      json_tokener_error_desc(err));
    }
    json_tokener_free(tok);
    return obj;
}

char **
vrQemuJSONStringList(json_object *array, const char *key)
{
    g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
    size_t i, n;

    n = json_object_is_type(array, json_type_array) ? json_object_array_length(array) : 0;
    for (i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(array, i);
        const char *s = NULL;

        if (key)
            s = vrQemuJSONGetString(item, key);
        else if (json_object_is_type(item, json_type_string))
            s = json_object_get_string(item);
        if (s)
            g_ptr_array_add(list, g_strdup(s));
    }
    g_ptr_array_add(list, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
}


/* ---- the message stream ---- */

void
vrQemuJSONStreamInit(vrQemuJSONStream *stream, size_t maxMessage, bool syncByte)
{
    memset(stream, 0, sizeof(*stream));
    stream->tok = json_tokener_new_ex(VR_QEMU_JSON_MAX_DEPTH);
    json_tokener_set_flags(stream->tok, VR_QEMU_JSON_TOKENER_FLAGS);
    stream->maxMessage = maxMessage;
    stream->syncByte = syncByte;
}

void
vrQemuJSONStreamClear(vrQemuJSONStream *stream)
{
    if (stream->tok)
        json_tokener_free(stream->tok);
    stream->tok = NULL;
}

void
vrQemuJSONStreamReset(vrQemuJSONStream *stream, bool skipToSync)
{
    json_tokener_reset(stream->tok);
    stream->pending = 0;
    stream->skipToSync = skipToSync;
}

/* Accounts for @used more bytes of the current message. */
static int
vrQemuJSONStreamGrow(vrQemuJSONStream *stream, size_t used)
{
    stream->pending += used;
    if (stream->pending <= stream->maxMessage)
        return 0;
    vrReportError(VR_ERR_INTERNAL_ERROR,
                  "QEMU sent a message larger than %zu bytes", stream->maxMessage);
    return -1;
}

/* Hands one complete value to the callback. */
static int
vrQemuJSONStreamDeliver(json_object *obj, vrQemuJSONStreamFunc func, void *opaque)
{
    if (!obj || !json_object_is_type(obj, json_type_object)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "QEMU sent a JSON %s instead of an object",
                      json_type_to_name(json_object_get_type(obj)));
        return -1;
    }
    return func(obj, opaque);
}

/* Parses bytes that contain no sync byte. */
static int
vrQemuJSONStreamParse(vrQemuJSONStream *stream, const char *data, size_t len,
                      vrQemuJSONStreamFunc func, void *opaque)
{
    while (len > 0) {
        int n = (int)MIN(len, (size_t)INT_MAX);
        g_autoptr(json_object) obj = json_tokener_parse_ex(stream->tok, data, n);
        enum json_tokener_error err = json_tokener_get_error(stream->tok);
        size_t used = json_tokener_get_parse_end(stream->tok);

        if (err != json_tokener_success && err != json_tokener_continue) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "cannot parse JSON from QEMU: %s",
                          json_tokener_error_desc(err));
            return -1;
        }
        if (used == 0 || used > len) {
            /* json-c always makes progress; never loop if it ever did not */
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "JSON parser made no progress");
            return -1;
        }
        if (vrQemuJSONStreamGrow(stream, used) < 0)
            return -1;
        data += used;
        len -= used;
        if (err == json_tokener_continue)
            continue;
        stream->pending = 0;
        if (vrQemuJSONStreamDeliver(obj, func, opaque) < 0)
            return -1;
    }
    return 0;
}

int
vrQemuJSONStreamFeed(vrQemuJSONStream *stream, const char *data, size_t len,
                     vrQemuJSONStreamFunc func, void *opaque)
{
    while (len > 0) {
        const char *sync = stream->syncByte ? memchr(data, 0xFF, len) : NULL;
        size_t chunk = sync ? (size_t)(sync - data) : len;

        if (!stream->skipToSync && chunk > 0 &&
            vrQemuJSONStreamParse(stream, data, chunk, func, opaque) < 0) {
            if (!stream->syncByte)
                return -1;
            /* a guest agent stream recovers at the next sentinel */
            vrQemuJSONStreamReset(stream, true);
            if (func(NULL, opaque) < 0)
                return -1;
        }
        if (sync) {
            /* the agent's sentinel: whatever came before it is stale */
            vrQemuJSONStreamReset(stream, false);
            chunk++;
        }
        data += chunk;
        len -= chunk;
    }
    return 0;
}
