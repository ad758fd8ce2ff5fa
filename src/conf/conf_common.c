/*
 * conf_common.c: helpers shared by the capability, node device, secret
 * and network filter documents.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_XML

char *
vrConfEscape(const char *text, bool attribute)
{
    GString *out = g_string_sized_new(strlen(text) + 16);
    const char *p;

    for (p = text; *p; p++) {
        switch (*p) {
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '&': g_string_append(out, "&amp;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\'': g_string_append(out, "&apos;"); break;
        case '\r': g_string_append(out, "&#13;"); break;
        case '\n':
            g_string_append(out, attribute ? "&#10;" : "\n");
            break;
        case '\t':
            g_string_append(out, attribute ? "&#9;" : "\t");
            break;
        default:
            /* Other control characters cannot appear in XML 1.0. */
            if ((unsigned char)*p >= 0x20)
                g_string_append_c(out, *p);
            break;
        }
    }
    return g_string_free(out, FALSE);
}

static void
vrConfEscapePrintf(vrBuf *buf, const char *fmt, const char *arg, bool attribute)
{
    g_autofree char *escaped = vrConfEscape(arg ? arg : "", attribute);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vrBufAsprintf(buf, fmt, escaped);
#pragma GCC diagnostic pop
}

void
vrConfTextPrintf(vrBuf *buf, const char *fmt, const char *arg)
{
    vrConfEscapePrintf(buf, fmt, arg, false);
}

void
vrConfAttrPrintf(vrBuf *buf, const char *fmt, const char *arg)
{
    vrConfEscapePrintf(buf, fmt, arg, true);
}

void
vrConfEscapeXMLPrintf(vrBuf *buf, const char *fmt, const char *arg)
{
    const char *pos = strstr(fmt, "%s");
    bool attribute = pos && pos > fmt && (pos[-1] == '\'' || pos[-1] == '"');

    vrConfEscapePrintf(buf, fmt, arg, attribute);
}

void
vrConfEscapeXMLText(vrBuf *buf, const char *text)
{
    g_autofree char *escaped = NULL;

    if (!text)
        return;
    escaped = vrConfEscape(text, false);
    vrBufAdd(buf, escaped, -1);
}

void
vrConfAddFragment(vrBuf *buf, const char *fragment)
{
    const char *line = fragment;
    int indent = buf->indent;
    bool markup = true;

    while (line && *line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);

        /* escaped text never holds a raw '>', so a line that does not
         * follow one ending in '>' continues an element's text */
        vrBufSetIndent(buf, markup ? indent : 0);
        vrBufAdd(buf, line, len);
        markup = len >= 2 && line[len - 1] == '\n' && line[len - 2] == '>';
        line += len;
    }
    vrBufSetIndent(buf, indent);
    if (fragment && *fragment && fragment[strlen(fragment) - 1] != '\n')
        vrBufAddLit(buf, "\n");
}

void
vrConfAddXMLDump(vrBuf *buf, const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;
    xmlBufferPtr xbuf;

    if (!xml || !(doc = xmlReadDoc(BAD_CAST xml, NULL, NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOBLANKS |
                                   XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) ||
        !(root = xmlDocGetRootElement(doc)))
        return;
    xbuf = xmlBufferCreate();
    xmlNodeDump(xbuf, doc, root, buf->indent / 2, 1);
    vrBufAddLit(buf, (const char *)xmlBufferContent(xbuf));
    vrBufAddLit(buf, "\n");
    xmlBufferFree(xbuf);
}

int
vrConfBitmapParse(const char *str, size_t nbits, vrBitmap **map)
{
    const char *p;

    /* as in libvirt, the number must follow an exclusion at once */
    for (p = str ? strchr(str, '^') : NULL; p; p = strchr(p + 1, '^')) {
        if (!g_ascii_isdigit(p[1])) {
            *map = NULL;
            vrReportError(VR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str);
            return -1;
        }
    }
    return vrBitmapParse(str, nbits, map);
}

static bool
vrConfHasElementChildren(xmlNodePtr node)
{
    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            return true;
    }
    return false;
}

static void
vrConfFormatName(vrBuf *buf, xmlNodePtr node)
{
    if (node->ns && node->ns->prefix)
        vrBufAsprintf(buf, "%s:", (const char *)node->ns->prefix);
    vrBufAddLit(buf, (const char *)node->name);
}

static void
vrConfFormatNode(vrBuf *buf, xmlNodePtr node)
{
    vrBufAddLit(buf, "<");
    vrConfFormatName(buf, node);
    for (xmlNsPtr ns = node->nsDef; ns; ns = ns->next) {
        if (ns->prefix)
            vrBufAsprintf(buf, " xmlns:%s=", (const char *)ns->prefix);
        else
            vrBufAddLit(buf, " xmlns=");
        vrConfAttrPrintf(buf, "'%s'", (const char *)ns->href);
    }
    for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) {
        xmlChar *val = xmlNodeListGetString(node->doc, attr->children, 1);
        vrBufAddLit(buf, " ");
        if (attr->ns && attr->ns->prefix)
            vrBufAsprintf(buf, "%s:", (const char *)attr->ns->prefix);
        vrBufAsprintf(buf, "%s=", (const char *)attr->name);
        vrConfAttrPrintf(buf, "'%s'", val ? (const char *)val : "");
        xmlFree(val);
    }
    if (!node->children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    if (!vrConfHasElementChildren(node)) {
        xmlChar *text = xmlNodeGetContent(node);
        vrBufAddLit(buf, ">");
        vrConfEscapeXMLText(buf, text ? (const char *)text : "");
        xmlFree(text);
        vrBufAddLit(buf, "</");
        vrConfFormatName(buf, node);
        vrBufAddLit(buf, ">\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            vrConfFormatNode(buf, cur);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</");
    vrConfFormatName(buf, node);
    vrBufAddLit(buf, ">\n");
}

char *
vrConfFormatElement(xmlNodePtr node)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrConfFormatNode(&buf, node);
    return vrBufContent(&buf);
}

void
vrConfAttr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrConfAttrPrintf(buf, "'%s'", value);
}

const char *
vrConfNodeName(xmlNodePtr node)
{
    return node ? (const char *)node->name : "";
}

void
vrConfReportMissingAttr(xmlNodePtr node, const char *attr)
{
    vrReportError(VR_ERR_XML_ERROR, "Missing required attribute '%s' in element '%s'",
                  attr, vrConfNodeName(node));
}

void
vrConfReportBadAttr(xmlNodePtr node, const char *attr, const char *value)
{
    vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.",
                  attr, vrConfNodeName(node), value);
}

void
vrConfReportMissingElement(xmlNodePtr parent, const char *name)
{
    vrReportError(VR_ERR_XML_ERROR, "Missing required element '%s' in element '%s'",
                  name, vrConfNodeName(parent));
}

void
vrConfReportBadContent(xmlNodePtr node, const char *value)
{
    vrReportError(VR_ERR_XML_ERROR, "Invalid value for element '%s': '%s'",
                  vrConfNodeName(node), value);
}

char *
vrConfPropRequired(xmlNodePtr node, const char *attr)
{
    char *value = vrXMLProp(node, attr);

    if (!value)
        vrConfReportMissingAttr(node, attr);
    return value;
}

/* libvirt's text for a bad unsigned number attribute. */
static void
vrConfReportBadNumber(xmlNodePtr node, const char *attr, const char *value)
{
    vrReportError(VR_ERR_XML_ERROR,
                  "Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative integer value",
                  attr, vrConfNodeName(node), value);
}

int
vrConfPropULLong(xmlNodePtr node, const char *attr, int base, unsigned long long *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToULLong(str, base, value) < 0) {
        vrConfReportBadNumber(node, attr, str);
        return -1;
    }
    return 1;
}

int
vrConfPropUInt(xmlNodePtr node, const char *attr, int base, unsigned int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToUInt(str, base, value) < 0) {
        vrConfReportBadNumber(node, attr, str);
        return -1;
    }
    return 1;
}

int
vrConfPropUIntRequired(xmlNodePtr node, const char *attr, int base, unsigned int *value)
{
    int rc = vrConfPropUInt(node, attr, base, value);

    if (rc == 0) {
        vrConfReportMissingAttr(node, attr);
        return -1;
    }
    return rc;
}

int
vrConfPropULLongRequired(xmlNodePtr node, const char *attr, int base,
                         unsigned long long *value)
{
    int rc = vrConfPropULLong(node, attr, base, value);

    if (rc == 0) {
        vrConfReportMissingAttr(node, attr);
        return -1;
    }
    return rc;
}

int
vrConfPropChoice(xmlNodePtr node, const char *attr, const char *const *choices, char **value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    size_t i;

    if (!str)
        return 0;
    for (i = 0; choices[i]; i++) {
        if (g_str_equal(choices[i], str)) {
            *value = g_steal_pointer(&str);
            return 1;
        }
    }
    vrConfReportBadAttr(node, attr, str);
    return -1;
}

int
vrConfPropChoiceRequired(xmlNodePtr node, const char *attr, const char *const *choices,
                         char **value)
{
    int rc = vrConfPropChoice(node, attr, choices, value);

    if (rc == 0) {
        vrConfReportMissingAttr(node, attr);
        return -1;
    }
    return rc;
}

int
vrConfPropYesNo(xmlNodePtr node, const char *attr, bool *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (g_str_equal(str, "yes")) {
        *value = true;
    } else if (g_str_equal(str, "no")) {
        *value = false;
    } else {
        vrConfReportBadAttr(node, attr, str);
        return -1;
    }
    return 1;
}

int
vrConfPropYesNoRequired(xmlNodePtr node, const char *attr, bool *value)
{
    int rc = vrConfPropYesNo(node, attr, value);

    if (rc == 0) {
        vrConfReportMissingAttr(node, attr);
        return -1;
    }
    return rc;
}

int
vrConfChildULLong(xmlNodePtr parent, const char *name, int base, unsigned long long *value)
{
    xmlNodePtr child = vrXMLChild(parent, name);
    g_autofree char *str = NULL;

    if (!child)
        return 0;
    str = g_strstrip(vrXMLContent(child));
    if (vrStrToULLong(str, base, value) < 0) {
        vrConfReportBadContent(child, str);
        return -1;
    }
    return 1;
}

int
vrConfChildUInt(xmlNodePtr parent, const char *name, int base, unsigned int *value)
{
    unsigned long long v = 0;
    int rc = vrConfChildULLong(parent, name, base, &v);

    if (rc <= 0)
        return rc;
    if (v > G_MAXUINT) {
        g_autofree char *str = vrXMLChildContentStrip(parent, name);
        vrConfReportBadContent(vrXMLChild(parent, name), str);
        return -1;
    }
    *value = (unsigned int)v;
    return 1;
}

int
vrConfCheckUnit(const char *unit)
{
    unsigned long long dummy = 0;

    return vrScaleInteger(&dummy, unit, 1, G_MAXUINT64);
}

void
vrConfStrAppend(GPtrArray **arr, const char *str)
{
    if (!*arr)
        *arr = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(*arr, g_strdup(str));
}

size_t
vrConfStrCount(const GPtrArray *arr)
{
    return arr ? arr->len : 0;
}

GPtrArray *
vrConfStrArrayCopy(const GPtrArray *arr)
{
    GPtrArray *copy = NULL;
    size_t i;

    for (i = 0; i < vrConfStrCount(arr); i++)
        vrConfStrAppend(&copy, g_ptr_array_index(arr, i));
    return copy;
}
