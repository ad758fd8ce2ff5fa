/*
 * conf_xmlprop.h: libvirt's generic attribute readers, as used by the
 * network, storage, interface and snapshot documents.
 *
 * libvirt phrases a bad number as "Invalid value for attribute 'A' in
 * element 'E': 'V'. Expected integer value" (signed) or "... Expected
 * non-negative integer value" (unsigned), and a bad enum value without
 * the second sentence; clients match on these texts, so every document
 * of these kinds reports them alike.  Header only: each including file
 * reports under its own VR_FROM_THIS, which must be defined first.
 */
#ifndef VR_CONF_XMLPROP_H
#define VR_CONF_XMLPROP_H

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <glib.h>

#include "util/vrerror.h"
#include "util/vrxml.h"

static inline void
vrPropReportInvalid(xmlNodePtr node, const char *attr, const char *value, const char *expected)
{
    vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.%s",
                  attr, (const char *)node->name, value, expected);
}

static inline void
vrPropReportMissing(xmlNodePtr node, const char *attr)
{
    vrReportError(VR_ERR_XML_ERROR, "Missing required attribute '%s' in element '%s'",
                  attr, (const char *)node->name);
}

/* strtoll/strtoull over the whole string, leading blanks and a sign
 * allowed as C does; @unsignedOnly refuses a minus sign anywhere in the
 * number (strtoull would silently negate it). */
static inline bool
vrPropStrToNum(const char *str, int base, bool unsignedOnly, long long min,
               unsigned long long max, unsigned long long *out)
{
    char *end = NULL;

    if (!str || !*str)
        return false;
    errno = 0;
    if (unsignedOnly) {
        unsigned long long v = strtoull(str, &end, base);
        if (errno || end == str || *end || memchr(str, '-', end - str) || v > max)
            return false;
        *out = v;
    } else {
        long long v = strtoll(str, &end, base);
        if (errno || end == str || *end || v < min || (v > 0 && (unsigned long long)v > max))
            return false;
        *out = (unsigned long long)v;
    }
    return true;
}

/* 0 absent, 1 parsed, -1 invalid (reported). */
static inline int
vrPropInt(xmlNodePtr node, const char *attr, int base, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    unsigned long long v;

    if (!str)
        return 0;
    if (!vrPropStrToNum(str, base, false, G_MININT, G_MAXINT, &v)) {
        vrPropReportInvalid(node, attr, str, " Expected integer value");
        return -1;
    }
    *value = (int)(long long)v;
    return 1;
}

static inline int
vrPropUInt(xmlNodePtr node, const char *attr, int base, unsigned int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    unsigned long long v;

    if (!str)
        return 0;
    if (!vrPropStrToNum(str, base, true, 0, G_MAXUINT, &v)) {
        vrPropReportInvalid(node, attr, str, " Expected non-negative integer value");
        return -1;
    }
    *value = (unsigned int)v;
    return 1;
}

static inline int
vrPropULLong(xmlNodePtr node, const char *attr, int base, unsigned long long *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (!vrPropStrToNum(str, base, true, 0, G_MAXUINT64, value)) {
        vrPropReportInvalid(node, attr, str, " Expected non-negative integer value");
        return -1;
    }
    return 1;
}

/* An enum attribute; @nonzero refuses the table's first entry (the
 * "unset" spelling, often "default" or "none").  0 absent, 1 parsed, -1
 * invalid; @required reports a missing one. */
static inline int
vrPropEnum(xmlNodePtr node, const char *attr, int (*fromString)(const char *), bool required,
           bool nonzero, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    int v;

    if (!str) {
        if (required) {
            vrPropReportMissing(node, attr);
            return -1;
        }
        return 0;
    }
    if ((v = fromString(str)) < 0 || (nonzero && v == 0)) {
        vrPropReportInvalid(node, attr, str, "");
        return -1;
    }
    *value = v;
    return 1;
}

/* libvirt's tristate yes/no attributes: 0 absent (or unset), 1 yes, 2 no. */
static inline int
vrPropTristate(xmlNodePtr node, const char *attr, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (g_str_equal(str, "yes")) {
        *value = 1;
    } else if (g_str_equal(str, "no")) {
        *value = 2;
    } else {
        vrPropReportInvalid(node, attr, str, "");
        return -1;
    }
    return 1;
}

static inline const char *
vrPropTristateString(int value)
{
    return value == 1 ? "yes" : value == 2 ? "no" : NULL;
}

/* libvirt reads many values through XPath string(), for which an empty
 * attribute is the same as a missing one. */
static inline char *
vrPropNonEmpty(xmlNodePtr node, const char *attr)
{
    char *str = node ? vrXMLProp(node, attr) : NULL;

    if (str && !*str)
        g_clear_pointer(&str, g_free);
    return str;
}

/* The text of child @name as XPath string() gives it (unstripped), or
 * NULL when the child is absent or empty. */
static inline char *
vrPropChildText(xmlNodePtr parent, const char *name)
{
    char *str = parent ? vrXMLChildContent(parent, name) : NULL;

    if (str && !*str)
        g_clear_pointer(&str, g_free);
    return str;
}

/* What libvirt's public entry points report when a driver failed without
 * saying why (its XPath number readers fail silently). */
static inline void
vrPropReportUnknownCause(void)
{
    vrErrorReportBare(VR_FROM_NONE, VR_ERR_INTERNAL_ERROR, "%s",
                      "An error occurred, but the cause is unknown");
}

#endif
