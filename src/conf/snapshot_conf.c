/*
 * snapshot_conf.c: <domainsnapshot> parsing and formatting.
 */
#include <config.h>

#include <string.h>

#include "domain_parse_internal.h"
#include "snapshot_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN_SNAPSHOT

void
vrSnapshotDefFree(vrSnapshotDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->description);
    g_free(def->state);
    g_free(def->parent);
    g_free(def->memorySnapshot);
    g_free(def->memoryFile);
    for (i = 0; i < def->ndisks; i++) {
        g_free(def->disks[i].name);
        g_free(def->disks[i].snapshot);
        g_free(def->disks[i].sourceType);
        g_free(def->disks[i].sourcePath);
        g_free(def->disks[i].driverType);
    }
    g_free(def->disks);
    vrDomainDefFree(def->dom);
    g_free(def);
}

static int
vrSnapshotParseDisks(xmlNodePtr disks, vrSnapshotDef *def)
{
    def->hasDisks = true;
    vrXMLForEachNamed(disks, "disk", node) {
        vrSnapshotDiskDef d = { 0 };
        xmlNodePtr source = vrXMLChild(node, "source");
        xmlNodePtr driver = vrXMLChild(node, "driver");

        d.name = vrXMLProp(node, "name");
        d.snapshot = vrXMLProp(node, "snapshot");
        d.sourceType = vrXMLProp(node, "type");
        if (source) {
            d.sourcePath = vrXMLProp(source, "file");
            if (!d.sourcePath)
                d.sourcePath = vrXMLProp(source, "dev");
        }
        if (driver)
            d.driverType = vrXMLProp(driver, "type");
        def->disks = g_renew(vrSnapshotDiskDef, def->disks, def->ndisks + 1);
        def->disks[def->ndisks++] = d;
        if (!d.name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing name from disk snapshot element");
            return -1;
        }
        if (d.snapshot && !g_str_equal(d.snapshot, "internal") &&
            !g_str_equal(d.snapshot, "external") && !g_str_equal(d.snapshot, "no") &&
            !g_str_equal(d.snapshot, "manual")) {
            vrReportError(VR_ERR_XML_ERROR, "unknown disk snapshot setting '%s'", d.snapshot);
            return -1;
        }
    }
    return 0;
}

vrSnapshotDef *
vrSnapshotDefParseString(const char *xml, const vrDomainXMLOption *opt, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(domain_snapshot)", "domainsnapshot",
                                             VR_FROM_DOMAIN_SNAPSHOT);
    g_autoptr(vrSnapshotDef) def = NULL;
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrSnapshotDef, 1);

    def->name = vrXMLChildContentStrip(root, "name");
    if (def->name && (!*def->name || strchr(def->name, '/'))) {
        vrReportError(VR_ERR_XML_ERROR, "invalid snapshot name '%s'", def->name);
        return NULL;
    }
    def->description = vrXMLChildContent(root, "description");
    if ((node = vrXMLChild(root, "memory"))) {
        def->memorySnapshot = vrXMLProp(node, "snapshot");
        def->memoryFile = vrXMLProp(node, "file");
        if (def->memorySnapshot && !g_str_equal(def->memorySnapshot, "internal") &&
            !g_str_equal(def->memorySnapshot, "external") &&
            !g_str_equal(def->memorySnapshot, "no")) {
            vrReportError(VR_ERR_XML_ERROR, "unknown memory snapshot setting '%s'",
                          def->memorySnapshot);
            return NULL;
        }
    }
    if ((node = vrXMLChild(root, "disks")) && vrSnapshotParseDisks(node, def) < 0)
        return NULL;

    if (flags & VR_SNAPSHOT_PARSE_REDEFINE) {
        g_autofree char *ctime = vrXMLChildContentStrip(root, "creationTime");
        xmlNodePtr parent = vrXMLChild(root, "parent");

        def->state = vrXMLChildContentStrip(root, "state");
        if (!def->state) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing state from existing snapshot");
            return NULL;
        }
        if (!ctime || vrStrToLLong(ctime, 10, &def->creationTime) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing creationTime from existing snapshot");
            return NULL;
        }
        def->hasCreationTime = true;
        if (parent)
            def->parent = vrXMLChildContentStrip(parent, "name");
        if ((node = vrXMLChild(root, "domain")) &&
            !(def->dom = vrDomainDefParseNode(doc, node, opt, VR_DOMAIN_PARSE_LIVE)))
            return NULL;
    }
    return g_steal_pointer(&def);
}

char *
vrSnapshotDefFormat(const vrSnapshotDef *def, unsigned int domainFlags)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    size_t i;

    vrBufAddLit(&buf, "<domainsnapshot>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->name);
    if (def->description)
        vrBufEscapeXMLPrintf(&buf, "<description>%s</description>\n", def->description);
    if (def->state)
        vrBufAsprintf(&buf, "<state>%s</state>\n", def->state);
    if (def->parent) {
        vrBufAddLit(&buf, "<parent>\n");
        vrBufAdjustIndent(&buf, 2);
        vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->parent);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</parent>\n");
    }
    if (def->hasCreationTime)
        vrBufAsprintf(&buf, "<creationTime>%lld</creationTime>\n", def->creationTime);
    if (def->memorySnapshot) {
        vrBufAsprintf(&buf, "<memory snapshot='%s'", def->memorySnapshot);
        if (def->memoryFile)
            vrBufEscapeXMLPrintf(&buf, " file='%s'", def->memoryFile);
        vrBufAddLit(&buf, "/>\n");
    }
    if (def->hasDisks) {
        vrBufAddLit(&buf, "<disks>\n");
        vrBufAdjustIndent(&buf, 2);
        for (i = 0; i < def->ndisks; i++) {
            const vrSnapshotDiskDef *d = &def->disks[i];
            vrBufEscapeXMLPrintf(&buf, "<disk name='%s'", d->name);
            if (d->snapshot)
                vrBufAsprintf(&buf, " snapshot='%s'", d->snapshot);
            if (d->sourceType)
                vrBufAsprintf(&buf, " type='%s'", d->sourceType);
            if (!d->sourcePath && !d->driverType) {
                vrBufAddLit(&buf, "/>\n");
                continue;
            }
            vrBufAddLit(&buf, ">\n");
            vrBufAdjustIndent(&buf, 2);
            if (d->driverType)
                vrBufAsprintf(&buf, "<driver type='%s'/>\n", d->driverType);
            if (d->sourcePath)
                vrBufEscapeXMLPrintf(&buf, "<source file='%s'/>\n", d->sourcePath);
            vrBufAdjustIndent(&buf, -2);
            vrBufAddLit(&buf, "</disk>\n");
        }
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</disks>\n");
    }
    if (def->dom)
        vrDomainDefFormatBuf(&buf, def->dom, domainFlags);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</domainsnapshot>\n");
    return vrBufContent(&buf);
}
