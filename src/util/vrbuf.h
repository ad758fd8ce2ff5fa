/*
 * vrbuf.h: a growing text buffer that indents every new line, used to
 * format XML documents and tables.
 */
#ifndef VR_BUF_H
#define VR_BUF_H

#include <glib.h>

typedef struct {
    GString *str;
    int indent;
} vrBuf;

#define VR_BUF_INIT { NULL, 0 }

void vrBufAdd(vrBuf *buf, const char *text, gssize len);
void vrBufAddLit(vrBuf *buf, const char *text);
void vrBufAsprintf(vrBuf *buf, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vrBufAddChar(vrBuf *buf, char c);
/* Appends text with &, <, >, ' and " escaped for XML. */
void vrBufEscapeXML(vrBuf *buf, const char *text);
/* printf into the buffer with every %s argument XML-escaped. */
void vrBufEscapeXMLPrintf(vrBuf *buf, const char *fmt, const char *arg);
void vrBufAdjustIndent(vrBuf *buf, int delta);
void vrBufSetIndent(vrBuf *buf, int indent);
const char *vrBufCurrent(vrBuf *buf);
size_t vrBufLength(vrBuf *buf);
/* Returns the content (never NULL) and empties the buffer. */
char *vrBufContent(vrBuf *buf);
void vrBufClear(vrBuf *buf);
/* Removes trailing characters in @chars. */
void vrBufTrimChars(vrBuf *buf, const char *chars);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vrBuf, vrBufClear)

/* The XML escape of a string as a new string. */
char *vrXMLEscape(const char *text);

#endif
