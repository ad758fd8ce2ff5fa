/*
 * conf_common.h: small parsing and formatting helpers shared by the
 * capability, node device, secret and network filter documents.
 *
 * Error texts are libvirt's generic ones ("Missing required attribute
 * ...", "Invalid value for attribute ..."), so that every document names
 * the offending element, attribute and value the same way.
 */
#ifndef VR_CONF_COMMON_H
#define VR_CONF_COMMON_H

#include <stdbool.h>
#include <string.h>
#include <libxml/tree.h>
#include <glib.h>

#include "util/vrbitmap.h"
#include "util/vrbuf.h"

/* XML escaping that survives a re-parse: on top of &, <, >, ' and " it
 * writes a carriage return as a character reference (the parser would
 * turn a literal one into a line feed) and, in attribute values, line
 * feeds and tabs too (attribute normalisation would turn them into
 * spaces).  libvirt writes them raw, which loses them on the next read. */
char *vrConfEscape(const char *text, bool attribute);
/* printf into the buffer with the single %s argument escaped as element
 * text, or as an attribute value. */
void vrConfTextPrintf(vrBuf *buf, const char *fmt, const char *arg);
void vrConfAttrPrintf(vrBuf *buf, const char *fmt, const char *arg);

/* The same, telling an attribute value from element text by the quote
 * before the %s in @fmt; and element text on its own.  Every formatter
 * here escapes through these rather than vrBufEscapeXML*, which write
 * line breaks raw (as libvirt does) and so lose them on the next read. */
void vrConfEscapeXMLPrintf(vrBuf *buf, const char *fmt, const char *arg);
void vrConfEscapeXMLText(vrBuf *buf, const char *text);

/* Adds formatted XML, indented to the buffer's level: each line that
 * starts markup, but not the lines that continue an element's text
 * (those stay as written, as a direct vrBufAdd leaves them). */
void vrConfAddFragment(vrBuf *buf, const char *fragment);

/* vrBitmapParse, refusing what libvirt's parser refuses besides (blanks
 * between '^' and its number). */
int vrConfBitmapParse(const char *str, size_t nbits, vrBitmap **map);

/* Adds a document kept as text, as libxml2 lays it out at the buffer's
 * level: element content indented, mixed content as written. */
void vrConfAddXMLDump(vrBuf *buf, const char *xml);

/* @node, its attributes and element children (text only where there are
 * none), written as the formatters here write, from column 0. */
char *vrConfFormatElement(xmlNodePtr node);

/* Appends " name='value'" (escaped) when @value is not NULL. */
void vrConfAttr(vrBuf *buf, const char *name, const char *value);

/* Element name of @node for messages. */
const char *vrConfNodeName(xmlNodePtr node);

void vrConfReportMissingAttr(xmlNodePtr node, const char *attr);
void vrConfReportBadAttr(xmlNodePtr node, const char *attr, const char *value);
void vrConfReportMissingElement(xmlNodePtr parent, const char *name);
void vrConfReportBadContent(xmlNodePtr node, const char *value);

/* A required attribute (owned by the caller), reported when missing. */
char *vrConfPropRequired(xmlNodePtr node, const char *attr);

/* Numeric attributes named by their element: 0 absent, 1 parsed, -1
 * invalid (reported).  The Required variants report a missing one. */
int vrConfPropUInt(xmlNodePtr node, const char *attr, int base, unsigned int *value);
int vrConfPropULLong(xmlNodePtr node, const char *attr, int base, unsigned long long *value);
int vrConfPropUIntRequired(xmlNodePtr node, const char *attr, int base, unsigned int *value);
int vrConfPropULLongRequired(xmlNodePtr node, const char *attr, int base,
                             unsigned long long *value);

/* An attribute whose value must be one of @choices (NULL terminated);
 * stores a copy in *value.  0 absent, 1 stored, -1 invalid. */
int vrConfPropChoice(xmlNodePtr node, const char *attr, const char *const *choices,
                     char **value);
int vrConfPropChoiceRequired(xmlNodePtr node, const char *attr, const char *const *choices,
                             char **value);
/* "yes"/"no": 0 absent, 1 parsed, -1 invalid. */
int vrConfPropYesNo(xmlNodePtr node, const char *attr, bool *value);
int vrConfPropYesNoRequired(xmlNodePtr node, const char *attr, bool *value);

/* The (whitespace stripped) text of child @name as a number: 0 absent,
 * 1 parsed, -1 invalid. */
int vrConfChildULLong(xmlNodePtr parent, const char *name, int base,
                      unsigned long long *value);
int vrConfChildUInt(xmlNodePtr parent, const char *name, int base, unsigned int *value);

/* Checks a size unit ("KiB", "MiB", "B" ...). */
int vrConfCheckUnit(const char *unit);

/* Growing arrays of structs: append or insert one element, keeping the
 * count in @n. */
#define VR_CONF_APPEND(arr, n, elem) \
    do { \
        (arr) = g_renew(__typeof__(*(arr)), (arr), (n) + 1); \
        (arr)[(n)++] = (elem); \
    } while (0)

#define VR_CONF_INSERT(arr, n, at, elem) \
    do { \
        size_t _at = (at); \
        (arr) = g_renew(__typeof__(*(arr)), (arr), (n) + 1); \
        memmove(&(arr)[_at + 1], &(arr)[_at], ((n) - _at) * sizeof(*(arr))); \
        (arr)[_at] = (elem); \
        (n)++; \
    } while (0)

/* Appends a copy of @str to a string array created on demand. */
void vrConfStrAppend(GPtrArray **arr, const char *str);
/* Number of strings in an array that may be NULL. */
size_t vrConfStrCount(const GPtrArray *arr);
GPtrArray *vrConfStrArrayCopy(const GPtrArray *arr);

#endif
