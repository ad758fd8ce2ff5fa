/*
 * vrxml.c: XML parsing helpers.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlsave.h>

#include "vrbuf.h"
#include "vrerror.h"
#include "vrxml.h"

#define VR_FROM_THIS VR_FROM_XML

typedef struct {
    int domcode;
    bool reported;
} vrXMLParseState;

/* Shows the line libxml2 stopped on and a caret under the column, the
 * way libvirt's messages do:
 *   (domain_definition):5: Opening and ending tag mismatch: ...
 *   </domain>
 *   ---------^
 */
static void
vrXMLReportSyntaxError(xmlParserCtxtPtr ctxt)
{
    vrXMLParseState *state = ctxt->_private;
    const xmlChar *cur, *base, *lineStart;
    g_autoptr(GString) context = g_string_new(NULL);
    g_autoptr(GString) pointer = g_string_new(NULL);
    size_t col, i;

    if (!ctxt->input || ctxt->lastError.level != XML_ERR_FATAL ||
        !ctxt->lastError.message || state->reported)
        return;
    state->reported = true;

    cur = ctxt->input->cur;
    base = ctxt->input->base;
    while (cur > base && (*cur == '\n' || *cur == '\r'))
        cur--;
    while (cur > base && *cur != '\n' && *cur != '\r')
        cur--;
    if (*cur == '\n' || *cur == '\r')
        cur++;
    lineStart = cur;
    col = ctxt->input->cur - lineStart;

    while (*cur && *cur != '\n' && *cur != '\r')
        g_string_append_c(context, *cur++);
    for (i = 0; i < col && i < context->len; i++)
        g_string_append_c(pointer, context->str[i] == '\t' ? '\t' : '-');
    g_string_append_c(pointer, '^');

    /* An empty context line prints as "(null)" in libvirt; keep it so
     * recorded error texts match. */
    if (ctxt->lastError.file) {
        vrErrorReportFull(state->domcode, VR_ERR_XML_DETAIL, "%s:%d: %s%s\n%s",
                          ctxt->lastError.file, ctxt->lastError.line,
                          ctxt->lastError.message,
                          context->len ? context->str : "(null)", pointer->str);
    } else {
        vrErrorReportFull(state->domcode, VR_ERR_XML_DETAIL, "at line %d: %s%s\n%s",
                          ctxt->lastError.line, ctxt->lastError.message,
                          context->len ? context->str : "(null)", pointer->str);
    }
}

static void
vrXMLErrorHandler(void *ctx, const char *msg G_GNUC_UNUSED, ...)
{
    vrXMLReportSyntaxError(ctx);
}

xmlDocPtr
vrXMLParseString(const char *xml, const char *url, const char *root, int domcode)
{
    vrXMLParseState state = { domcode, false };
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    xmlNodePtr top;

    if (!(ctxt = xmlNewParserCtxt())) {
        vrErrorReportPlain(domcode, VR_ERR_NO_MEMORY);
        return NULL;
    }
    ctxt->_private = &state;
    ctxt->sax->error = vrXMLErrorHandler;
    ctxt->sax->warning = NULL;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;

    doc = xmlCtxtReadDoc(ctxt, BAD_CAST (xml ? xml : ""), url, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!doc && !state.reported) {
        /* xmlCtxtReadDoc can fail before the SAX error hook runs. */
        if (ctxt->lastError.message)
            vrXMLReportSyntaxError(ctxt);
        if (!state.reported)
            vrErrorReportFull(domcode, VR_ERR_XML_ERROR, "%s", "failed to parse xml document");
    }
    xmlFreeParserCtxt(ctxt);
    if (!doc)
        return NULL;

    top = xmlDocGetRootElement(doc);
    if (!top) {
        vrErrorReportFull(domcode, VR_ERR_INTERNAL_ERROR, "%s", "missing root element");
        xmlFreeDoc(doc);
        return NULL;
    }
    if (root && !xmlStrEqual(top->name, BAD_CAST root)) {
        vrErrorReportFull(domcode, VR_ERR_XML_ERROR,
                          "expecting root element of '%s', not '%s'", root, top->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

bool
vrXMLIsElement(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           xmlStrEqual(node->name, BAD_CAST name);
}

xmlNodePtr
vrXMLChild(xmlNodePtr parent, const char *name)
{
    xmlNodePtr cur;

    if (!parent)
        return NULL;
    for (cur = parent->children; cur; cur = cur->next) {
        if (vrXMLIsElement(cur, name))
            return cur;
    }
    return NULL;
}

xmlNodePtr
vrXMLNextNamed(xmlNodePtr node, const char *name)
{
    for (node = node->next; node; node = node->next) {
        if (vrXMLIsElement(node, name))
            return node;
    }
    return NULL;
}

size_t
vrXMLCountChildren(xmlNodePtr parent, const char *name)
{
    size_t n = 0;

    vrXMLForEachNamed(parent, name, child)
        n++;
    return n;
}

char *
vrXMLProp(xmlNodePtr node, const char *attr)
{
    xmlChar *val;
    char *ret;

    if (!node)
        return NULL;
    if (!(val = xmlGetNoNsProp(node, BAD_CAST attr)))
        return NULL;
    ret = g_strdup((const char *)val);
    xmlFree(val);
    return ret;
}

char *
vrXMLContent(xmlNodePtr node)
{
    xmlChar *val = xmlNodeGetContent(node);
    char *ret = g_strdup(val ? (const char *)val : "");

    xmlFree(val);
    return ret;
}

char *
vrXMLChildContent(xmlNodePtr parent, const char *name)
{
    xmlNodePtr child = vrXMLChild(parent, name);

    return child ? vrXMLContent(child) : NULL;
}

char *
vrXMLChildContentStrip(xmlNodePtr parent, const char *name)
{
    char *val = vrXMLChildContent(parent, name);

    return val ? g_strstrip(val) : NULL;
}

char *
vrXMLNodeToString(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr xbuf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(xbuf, doc, node, 0, 1);
    ret = g_strdup((const char *)xmlBufferContent(xbuf));
    xmlBufferFree(xbuf);
    return ret;
}

static bool
vrXMLHasElementChildren(xmlNodePtr node)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            return true;
    }
    return false;
}

static void
vrXMLFormatName(vrBuf *buf, xmlNodePtr node)
{
    if (node->ns && node->ns->prefix)
        vrBufAsprintf(buf, "%s:", (const char *)node->ns->prefix);
    vrBufAddLit(buf, (const char *)node->name);
}

static void
vrXMLFormatNode(vrBuf *buf, xmlNodePtr node)
{
    xmlAttrPtr attr;
    xmlNsPtr ns;
    xmlNodePtr cur;

    vrBufAddLit(buf, "<");
    vrXMLFormatName(buf, node);
    for (ns = node->nsDef; ns; ns = ns->next) {
        if (ns->prefix)
            vrBufAsprintf(buf, " xmlns:%s=", (const char *)ns->prefix);
        else
            vrBufAddLit(buf, " xmlns=");
        vrBufEscapeXMLPrintf(buf, "'%s'", (const char *)ns->href);
    }
    for (attr = node->properties; attr; attr = attr->next) {
        xmlChar *val = xmlNodeListGetString(node->doc, attr->children, 1);
        vrBufAddLit(buf, " ");
        if (attr->ns && attr->ns->prefix)
            vrBufAsprintf(buf, "%s:", (const char *)attr->ns->prefix);
        vrBufAsprintf(buf, "%s=", (const char *)attr->name);
        vrBufEscapeXMLPrintf(buf, "'%s'", val ? (const char *)val : "");
        xmlFree(val);
    }

    if (!node->children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    if (!vrXMLHasElementChildren(node)) {
        g_autofree char *text = vrXMLContent(node);
        vrBufAddLit(buf, ">");
        vrBufEscapeXML(buf, text);
        vrBufAddLit(buf, "</");
        vrXMLFormatName(buf, node);
        vrBufAddLit(buf, ">\n");
        return;
    }

    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE)
            vrXMLFormatNode(buf, cur);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</");
    vrXMLFormatName(buf, node);
    vrBufAddLit(buf, ">\n");
}

char *
vrXMLFormatElement(xmlNodePtr node)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrXMLFormatNode(&buf, node);
    return vrBufContent(&buf);
}

void
vrBufAddFragment(vrBuf *buf, const char *fragment)
{
    const char *line = fragment;

    while (line && *line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
        vrBufAdd(buf, line, len);
        line += len;
    }
    if (fragment && *fragment && fragment[strlen(fragment) - 1] != '\n')
        vrBufAddLit(buf, "\n");
}

int
vrStrToLLong(const char *str, int base, long long *value)
{
    char *end;
    long long v;

    if (!str || !*str)
        return -1;
    errno = 0;
    v = strtoll(str, &end, base);
    if (errno || end == str || *end)
        return -1;
    *value = v;
    return 0;
}

int
vrStrToULLong(const char *str, int base, unsigned long long *value)
{
    char *end;
    unsigned long long v;
    const char *p = str;

    if (!str || !*str)
        return -1;
    while (*p == ' ')
        p++;
    /* strtoull silently negates "-1": refuse a sign. */
    if (*p == '-')
        return -1;
    errno = 0;
    v = strtoull(str, &end, base);
    if (errno || end == str || *end)
        return -1;
    *value = v;
    return 0;
}

int
vrStrToUInt(const char *str, int base, unsigned int *value)
{
    unsigned long long v;

    if (vrStrToULLong(str, base, &v) < 0 || v > G_MAXUINT)
        return -1;
    *value = (unsigned int)v;
    return 0;
}

int
vrStrToInt(const char *str, int base, int *value)
{
    long long v;

    if (vrStrToLLong(str, base, &v) < 0 || v > G_MAXINT || v < G_MININT)
        return -1;
    *value = (int)v;
    return 0;
}

int
vrStrToDouble(const char *str, double *value)
{
    char *end;
    double v;

    if (!str || !*str)
        return -1;
    errno = 0;
    v = strtod(str, &end);
    if (errno || end == str || *end)
        return -1;
    *value = v;
    return 0;
}

static void
vrXMLReportBadValue(const char *where, const char *attr, const char *value)
{
    vrReportError(VR_ERR_XML_ERROR,
                  "Invalid value for attribute '%s' in element '%s': '%s'.",
                  attr, where, value);
}

int
vrXMLPropUInt(xmlNodePtr node, const char *attr, const char *where,
              int base, unsigned int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToUInt(str, base, value) < 0) {
        vrXMLReportBadValue(where, attr, str);
        return -1;
    }
    return 1;
}

int
vrXMLPropInt(xmlNodePtr node, const char *attr, const char *where,
             int base, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToInt(str, base, value) < 0) {
        vrXMLReportBadValue(where, attr, str);
        return -1;
    }
    return 1;
}

int
vrXMLPropULLong(xmlNodePtr node, const char *attr, const char *where,
                int base, unsigned long long *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (vrStrToULLong(str, base, value) < 0) {
        vrXMLReportBadValue(where, attr, str);
        return -1;
    }
    return 1;
}

static int
vrXMLPropBoolPair(xmlNodePtr node, const char *attr, const char *where,
                  const char *yes, const char *no, bool *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str)
        return 0;
    if (g_str_equal(str, yes)) {
        *value = true;
    } else if (g_str_equal(str, no)) {
        *value = false;
    } else {
        vrXMLReportBadValue(where, attr, str);
        return -1;
    }
    return 1;
}

int
vrXMLPropYesNo(xmlNodePtr node, const char *attr, const char *where, bool *value)
{
    return vrXMLPropBoolPair(node, attr, where, "yes", "no", value);
}

int
vrXMLPropOnOff(xmlNodePtr node, const char *attr, const char *where, bool *value)
{
    return vrXMLPropBoolPair(node, attr, where, "on", "off", value);
}
