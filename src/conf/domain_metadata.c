/*
 * domain_metadata.c: application metadata kept under <metadata>, one
 * element per XML namespace.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

/* The stored children, wrapped so libxml2 can read them as one document. */
static xmlDocPtr
vrDomainMetadataParse(const vrDomainDef *def)
{
    g_autofree char *wrapped = g_strdup_printf("<metadata>%s</metadata>",
                                               def->metadata ? def->metadata : "");

    return xmlReadDoc(BAD_CAST wrapped, NULL, NULL,
                      XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                      XML_PARSE_NOWARNING);
}

static xmlNodePtr
vrDomainMetadataFind(xmlNodePtr root, const char *uri)
{
    for (xmlNodePtr child = root->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && child->ns && child->ns->href &&
            xmlStrEqual(child->ns->href, BAD_CAST uri))
            return child;
    }
    return NULL;
}

static char *
vrDomainMetadataDump(xmlDocPtr doc, xmlNodePtr node, int format)
{
    xmlBufferPtr xbuf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(xbuf, doc, node, 0, format);
    ret = g_strdup((const char *)xmlBufferContent(xbuf));
    xmlBufferFree(xbuf);
    return ret;
}

/* The caller asked by namespace URI, so the element comes back without
 * our prefix or declaration, as libvirt returns it. */
static void
vrDomainMetadataDropNamespace(xmlNodePtr node)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        xmlSetNs(node, NULL);
        if (node->nsDef) {
            xmlFreeNsList(node->nsDef);
            node->nsDef = NULL;
        }
        vrDomainMetadataDropNamespace(node->children);
    }
}

char *
vrDomainMetadataGetElement(const vrDomainDef *def, const char *uri)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlDoc) out = NULL;
    xmlNodePtr node, copy;

    if (!uri || !def->metadata)
        return NULL;
    if (!(doc = vrDomainMetadataParse(def)))
        return NULL;
    if (!(node = vrDomainMetadataFind(xmlDocGetRootElement(doc), uri)))
        return NULL;
    out = xmlNewDoc(BAD_CAST "1.0");
    copy = xmlDocCopyNode(node, out, 1);
    xmlDocSetRootElement(out, copy);
    vrDomainMetadataDropNamespace(copy);
    return vrDomainMetadataDump(out, copy, 1);
}

int
vrDomainMetadataSetElement(vrDomainDef *def, const char *xml, const char *key,
                           const char *uri)
{
    g_autoptr(xmlDoc) doc = vrDomainMetadataParse(def);
    g_autoptr(xmlDoc) newDoc = NULL;
    g_auto(vrBuf) buf = VR_BUF_INIT;
    xmlNodePtr root, old;

    if (!uri) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "namespace URI is required when modifying metadata");
        return -1;
    }
    if (!doc) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "stored metadata cannot be parsed");
        return -1;
    }
    root = xmlDocGetRootElement(doc);
    if ((old = vrDomainMetadataFind(root, uri))) {
        xmlUnlinkNode(old);
        xmlFreeNode(old);
    }
    if (xml && *xml) {
        xmlNodePtr node, copy;

        if (!key) {
            vrReportError(VR_ERR_INVALID_ARG, "%s", "namespace key is required when modifying metadata");
            return -1;
        }
        if (!(newDoc = vrXMLParseString(xml, "(metadata_xml)", NULL, VR_FROM_DOMAIN)))
            return -1;
        node = xmlDocGetRootElement(newDoc);
        copy = xmlDocCopyNode(node, doc, 1);
        xmlSetNs(copy, xmlNewNs(copy, BAD_CAST uri, BAD_CAST key));
        xmlAddChild(root, copy);
    }
    for (xmlNodePtr child = root->children; child; child = child->next) {
        g_autofree char *s = NULL;
        if (child->type != XML_ELEMENT_NODE)
            continue;
        s = vrDomainMetadataDump(doc, child, 0);
        vrBufAddLit(&buf, s);
        vrBufAddLit(&buf, "\n");
    }
    g_free(def->metadata);
    def->metadata = vrBufLength(&buf) ? vrBufContent(&buf) : NULL;
    return 0;
}
