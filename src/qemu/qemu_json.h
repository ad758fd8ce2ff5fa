/*
 * qemu_json.h: small helpers over json-c for talking to QEMU: building
 * argument objects, typed getters that say what is missing, and the
 * incremental parser that cuts a QMP byte stream into messages.
 */
#ifndef VR_QEMU_JSON_H
#define VR_QEMU_JSON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <json-c/json.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_object, json_object_put)

/* Builds a new JSON object from (type:key, value) pairs ended by NULL:
 *
 *   s:KEY  const char *          (a NULL value is an error)
 *   S:KEY  const char *          (member skipped when the value is NULL)
 *   i:KEY  int
 *   I:KEY  long long
 *   u:KEY  unsigned int
 *   U:KEY  unsigned long long
 *   P:KEY  unsigned long long    (member skipped when the value is 0)
 *   b:KEY  bool (passed as int)
 *   B:KEY  bool                  (member skipped when false)
 *   d:KEY  double
 *   j:KEY  json_object *, stolen (a NULL value is an error)
 *   J:KEY  json_object *, stolen (member skipped when NULL)
 *
 * Every j/J value is consumed even when the call fails.  Returns 0 and
 * sets *obj, or -1 with an error reported (unknown type letter, NULL
 * value for s or j, duplicate key). */
int vrQemuJSONMakeArgs(json_object **obj, ...) G_GNUC_NULL_TERMINATED;
int vrQemuJSONMakeArgsV(json_object **obj, va_list ap);

/* Adds the same (type:key, value) pairs to an existing object. */
int vrQemuJSONAppendArgs(json_object *obj, ...) G_GNUC_NULL_TERMINATED;

/* Optional getters: return the member when present with the right type,
 * NULL / -1 otherwise.  They never report an error: for members that QEMU
 * may or may not send. */
json_object *vrQemuJSONGetObject(json_object *obj, const char *key);
json_object *vrQemuJSONGetArray(json_object *obj, const char *key);
const char *vrQemuJSONGetString(json_object *obj, const char *key);
int vrQemuJSONGetBool(json_object *obj, const char *key, bool *val);
int vrQemuJSONGetLongLong(json_object *obj, const char *key, long long *val);
int vrQemuJSONGetULongLong(json_object *obj, const char *key, unsigned long long *val);
int vrQemuJSONGetInt(json_object *obj, const char *key, int *val);
int vrQemuJSONGetUInt(json_object *obj, const char *key, unsigned int *val);
int vrQemuJSONGetDouble(json_object *obj, const char *key, double *val);

/* Required getters: like the optional ones, but a missing or mistyped
 * member is reported as "QEMU reply to 'WHAT' lacks <type> 'KEY'"
 * (VR_ERR_INTERNAL_ERROR).  @what names the command for the message. */
json_object *vrQemuJSONRequireObject(json_object *obj, const char *what, const char *key);
json_object *vrQemuJSONRequireArray(json_object *obj, const char *what, const char *key);
const char *vrQemuJSONRequireString(json_object *obj, const char *what, const char *key);
int vrQemuJSONRequireBool(json_object *obj, const char *what, const char *key, bool *val);
int vrQemuJSONRequireLongLong(json_object *obj, const char *what, const char *key,
                              long long *val);
int vrQemuJSONRequireULongLong(json_object *obj, const char *what, const char *key,
                               unsigned long long *val);
int vrQemuJSONRequireInt(json_object *obj, const char *what, const char *key, int *val);

/* Checks that a whole reply value has the expected type; reports
 * "QEMU reply to 'WHAT' is not <type>" otherwise. */
int vrQemuJSONCheckType(json_object *val, json_type type, const char *what);

/* Compact serialisation without "\/" escapes, as a new string. */
char *vrQemuJSONFormat(json_object *obj);

/* Parses one complete JSON text (tests, configuration).  Reports and
 * returns NULL on error. */
json_object *vrQemuJSONParse(const char *text);

/* A NULL-terminated string array from a JSON array of strings (members
 * that are not strings are skipped), or from the @key member of each
 * object in the array when @key is not NULL. */
char **vrQemuJSONStringList(json_object *array, const char *key);


/* Incremental parser for a stream of JSON messages (QMP or guest agent).
 * Messages may be split across reads or coalesced in one read; separators
 * between them (QEMU sends "\r\n") are whitespace to the parser. */
typedef struct {
    json_tokener *tok;
    size_t pending;       /* bytes of the message being assembled */
    size_t maxMessage;    /* larger messages are an error */
    bool syncByte;        /* guest agent: a 0xFF byte resets the parser */
    bool skipToSync;      /* guest agent: drop input until the next 0xFF */
} vrQemuJSONStream;

/* Called for each complete message, always a JSON object (the stream
 * itself rejects any other value).  The object is borrowed.  Returning -1
 * (with an error reported) stops the feed and makes it return -1.
 * On a sync-byte stream, garbage does not fail the feed: the callback gets
 * @msg NULL (with the error reported) and the stream skips to the next
 * 0xFF byte. */
typedef int (*vrQemuJSONStreamFunc)(json_object *msg, void *opaque);

void vrQemuJSONStreamInit(vrQemuJSONStream *stream, size_t maxMessage, bool syncByte);
void vrQemuJSONStreamClear(vrQemuJSONStream *stream);
/* Forgets any partial message; with @skipToSync, also drops everything
 * up to and including the next 0xFF byte. */
void vrQemuJSONStreamReset(vrQemuJSONStream *stream, bool skipToSync);
/* Returns 0, or -1 with an error reported on invalid JSON, a message that
 * is not an object, a message over the size limit (all three only without
 * sync byte), or a callback failure.  After an error the stream must be
 * reset before it is fed again. */
int vrQemuJSONStreamFeed(vrQemuJSONStream *stream, const char *data, size_t len,
                         vrQemuJSONStreamFunc func, void *opaque);

#endif
