/*
 * vrbuf.c: indenting text buffer.
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include "vrbuf.h"

static void
vrBufEnsure(vrBuf *buf)
{
    if (!buf->str)
        buf->str = g_string_sized_new(256);
}

/* Indentation applies whenever text starts on a fresh line. */
static void
vrBufIndentIfLineStart(vrBuf *buf)
{
    if (buf->indent <= 0)
        return;
    if (buf->str->len == 0 || buf->str->str[buf->str->len - 1] == '\n')
        g_string_append_printf(buf->str, "%*s", buf->indent, "");
}

void
vrBufAdd(vrBuf *buf, const char *text, gssize len)
{
    if (!text)
        return;
    vrBufEnsure(buf);
    if (len < 0)
        len = strlen(text);
    if (len == 0)
        return;
    vrBufIndentIfLineStart(buf);
    g_string_append_len(buf->str, text, len);
}

void
vrBufAddLit(vrBuf *buf, const char *text)
{
    vrBufAdd(buf, text, -1);
}

void
vrBufAddChar(vrBuf *buf, char c)
{
    vrBufAdd(buf, &c, 1);
}

void
vrBufAsprintf(vrBuf *buf, const char *fmt, ...)
{
    g_autofree char *text = NULL;
    va_list ap;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vrBufAdd(buf, text, -1);
}

char *
vrXMLEscape(const char *text)
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
        default:
            /* Control characters other than tab and line breaks are not
             * allowed in XML 1.0 documents: drop them. */
            if ((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t' || *p == '\r')
                g_string_append_c(out, *p);
            break;
        }
    }
    return g_string_free(out, FALSE);
}

void
vrBufEscapeXML(vrBuf *buf, const char *text)
{
    g_autofree char *escaped = NULL;

    if (!text)
        return;
    escaped = vrXMLEscape(text);
    vrBufAdd(buf, escaped, -1);
}

void
vrBufEscapeXMLPrintf(vrBuf *buf, const char *fmt, const char *arg)
{
    g_autofree char *escaped = vrXMLEscape(arg ? arg : "");

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vrBufAsprintf(buf, fmt, escaped);
#pragma GCC diagnostic pop
}

void
vrBufAdjustIndent(vrBuf *buf, int delta)
{
    buf->indent += delta;
    if (buf->indent < 0)
        buf->indent = 0;
}

void
vrBufSetIndent(vrBuf *buf, int indent)
{
    buf->indent = indent < 0 ? 0 : indent;
}

const char *
vrBufCurrent(vrBuf *buf)
{
    vrBufEnsure(buf);
    return buf->str->str;
}

size_t
vrBufLength(vrBuf *buf)
{
    return buf->str ? buf->str->len : 0;
}

char *
vrBufContent(vrBuf *buf)
{
    char *content;

    vrBufEnsure(buf);
    content = g_string_free(buf->str, FALSE);
    buf->str = NULL;
    buf->indent = 0;
    return content;
}

void
vrBufClear(vrBuf *buf)
{
    if (buf->str)
        g_string_free(buf->str, TRUE);
    buf->str = NULL;
    buf->indent = 0;
}

void
vrBufTrimChars(vrBuf *buf, const char *chars)
{
    if (!buf->str)
        return;
    while (buf->str->len > 0 && strchr(chars, buf->str->str[buf->str->len - 1]))
        g_string_truncate(buf->str, buf->str->len - 1);
}
