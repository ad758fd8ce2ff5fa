/*
 * vrxml.h: reading XML documents with libvirt-style error reports.
 *
 * Parsers walk the tree directly (no XPath): it is faster and keeps each
 * parser explicit about which elements it reads.  Error messages still
 * name locations the way libvirt does ("./memory[1]").
 */
#ifndef VR_XML_H
#define VR_XML_H

#include <stdbool.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <glib.h>

#include "vrbuf.h"

/* Parses @xml.  @url names the document in syntax errors, as libvirt does
 * ("(domain_definition)"); @root, if given, is the required root element.
 * Reports VR_ERR_XML_DETAIL with the offending line and a caret. */
xmlDocPtr vrXMLParseString(const char *xml, const char *url, const char *root,
                           int domcode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)

/* First child element named @name, or NULL. */
xmlNodePtr vrXMLChild(xmlNodePtr parent, const char *name);
/* Next sibling element named @name after @node, or NULL. */
xmlNodePtr vrXMLNextNamed(xmlNodePtr node, const char *name);
/* Number of child elements named @name. */
size_t vrXMLCountChildren(xmlNodePtr parent, const char *name);
/* True when @node is an element named @name. */
bool vrXMLIsElement(xmlNodePtr node, const char *name);

#define vrXMLForEachChild(parent, child) \
    for (xmlNodePtr child = (parent) ? (parent)->children : NULL; child; child = child->next) \
        if (child->type == XML_ELEMENT_NODE)

#define vrXMLForEachNamed(parent, name, child) \
    for (xmlNodePtr child = vrXMLChild((parent), (name)); child; \
         child = vrXMLNextNamed(child, (name)))

/* Attribute value (owned by the caller), or NULL. */
char *vrXMLProp(xmlNodePtr node, const char *attr);
/* Text content of an element (owned by the caller), never NULL for a node. */
char *vrXMLContent(xmlNodePtr node);
/* Text content of child @name, or NULL when the child is absent. */
char *vrXMLChildContent(xmlNodePtr parent, const char *name);
/* Same, with surrounding whitespace removed. */
char *vrXMLChildContentStrip(xmlNodePtr parent, const char *name);

/* Serialises one node (with its children) as it appears in the document,
 * re-indented by @indent spaces.  Used to keep <metadata> verbatim. */
char *vrXMLNodeToString(xmlDocPtr doc, xmlNodePtr node);

/* Formats an element and its subtree in libvirt's style: two-space
 * indentation, single-quoted attributes, empty elements as <x/>.  Used for
 * elements a parser keeps whole. */
char *vrXMLFormatElement(xmlNodePtr node);
/* Appends a formatted fragment, re-indented to the buffer's level. */
void vrBufAddFragment(vrBuf *buf, const char *fragment);

/* Numeric parsing of attribute and element values.  Return 0 when absent
 * (leaving *value untouched), 1 when parsed, -1 (reported) when invalid. */
int vrXMLPropUInt(xmlNodePtr node, const char *attr, const char *where,
                  int base, unsigned int *value);
int vrXMLPropInt(xmlNodePtr node, const char *attr, const char *where,
                 int base, int *value);
int vrXMLPropULLong(xmlNodePtr node, const char *attr, const char *where,
                    int base, unsigned long long *value);

/* "yes"/"no" and "on"/"off" attributes: 0 absent, 1 parsed, -1 invalid. */
int vrXMLPropYesNo(xmlNodePtr node, const char *attr, const char *where, bool *value);
int vrXMLPropOnOff(xmlNodePtr node, const char *attr, const char *where, bool *value);

/* Strict number parsing helpers (whole string, no trailing junk). */
int vrStrToULLong(const char *str, int base, unsigned long long *value);
int vrStrToLLong(const char *str, int base, long long *value);
int vrStrToUInt(const char *str, int base, unsigned int *value);
int vrStrToInt(const char *str, int base, int *value);
int vrStrToDouble(const char *str, double *value);

#endif
