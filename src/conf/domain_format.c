/*
 * domain_format.c: vrDomainDef to <domain> XML, top-level elements.
 *
 * Element order, attribute order and units follow libvirt's output so
 * that documents round-trip byte for byte through either implementation.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrbuf.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

static void
vrDomainFormatAttr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrConfEscapeXMLPrintf(buf, "'%s'", value);
}

static void
vrDomainFormatTextElement(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, "<%s>", name);
    vrConfEscapeXMLText(buf, value);
    vrBufAsprintf(buf, "</%s>\n", name);
}

/* Metadata keeps the user's namespaced elements as libxml2 dumps them. */
static void
vrDomainFormatMetadata(vrBuf *buf, const char *metadata)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *wrapped = NULL;
    xmlNodePtr root;

    if (!metadata)
        return;
    wrapped = g_strdup_printf("<metadata>%s</metadata>", metadata);
    doc = xmlReadDoc(BAD_CAST wrapped, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS |
                     XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !(root = xmlDocGetRootElement(doc)))
        return;
    vrBufAddLit(buf, "<metadata>\n");
    vrBufAdjustIndent(buf, 2);
    for (xmlNodePtr child = root->children; child; child = child->next) {
        xmlBufferPtr xbuf;
        if (child->type != XML_ELEMENT_NODE)
            continue;
        xbuf = xmlBufferCreate();
        /* libxml2 indents the inner lines itself, and leaves an element
         * with text in it as written: indenting those lines again would
         * grow them on every round trip */
        xmlNodeDump(xbuf, doc, child, buf->indent / 2, 1);
        vrBufAddLit(buf, (const char *)xmlBufferContent(xbuf));
        vrBufAddLit(buf, "\n");
        xmlBufferFree(xbuf);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</metadata>\n");
}

static void
vrDomainFormatMemory(vrBuf *buf, const vrDomainDef *def)
{
    if (def->maxMemory) {
        vrBufAsprintf(buf, "<maxMemory slots='%u' unit='KiB'>%llu</maxMemory>\n",
                      def->maxMemorySlots, def->maxMemory);
    }
    vrBufAddLit(buf, "<memory");
    vrDomainFormatAttr(buf, "dumpCore", def->memoryDumpCore);
    vrBufAsprintf(buf, " unit='KiB'>%llu</memory>\n", def->memory);
    vrBufAsprintf(buf, "<currentMemory unit='KiB'>%llu</currentMemory>\n", def->currentMemory);

    vrDomainFormatBlkiotune(buf, def);
    if (def->hasHardLimit || def->hasSoftLimit || def->hasSwapHardLimit ||
        def->hasMinGuarantee) {
        vrBufAddLit(buf, "<memtune>\n");
        vrBufAdjustIndent(buf, 2);
        if (def->hasHardLimit)
            vrBufAsprintf(buf, "<hard_limit unit='KiB'>%llu</hard_limit>\n", def->hardLimit);
        if (def->hasSoftLimit)
            vrBufAsprintf(buf, "<soft_limit unit='KiB'>%llu</soft_limit>\n", def->softLimit);
        if (def->hasMinGuarantee)
            vrBufAsprintf(buf, "<min_guarantee unit='KiB'>%llu</min_guarantee>\n",
                          def->minGuarantee);
        if (def->hasSwapHardLimit)
            vrBufAsprintf(buf, "<swap_hard_limit unit='KiB'>%llu</swap_hard_limit>\n",
                          def->swapHardLimit);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</memtune>\n");
    }
    vrDomainFormatMemoryBacking(buf, def);
}

static void
vrDomainFormatVcpus(vrBuf *buf, const vrDomainDef *def)
{
    vrBufAsprintf(buf, "<vcpu placement='%s'", def->placementAuto ? "auto" : "static");
    if (def->cpumask && !def->placementAuto) {
        g_autofree char *cpuset = vrBitmapFormat(def->cpumask);
        vrBufAsprintf(buf, " cpuset='%s'", cpuset);
    }
    if (def->vcpus != def->maxvcpus)
        vrBufAsprintf(buf, " current='%u'", def->vcpus);
    vrBufAsprintf(buf, ">%u</vcpu>\n", def->maxvcpus);
    vrDomainFormatVcpuList(buf, def);
    vrDomainFormatIOThreads(buf, def);
    vrDomainFormatCputune(buf, def);
    vrDomainFormatNumatune(buf, def);
    vrDomainFormatResource(buf, def);
}

void
vrDomainDefFormatBuf(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    vrDomainDefFormatBufRoot(buf, def, flags, "domain");
}

void
vrDomainDefFormatBufRoot(vrBuf *buf, const vrDomainDef *def, unsigned int flags,
                         const char *rootName)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAsprintf(buf, "<%s type='%s'", rootName, vrDomainVirtTypeToString(def->virtType));
    if (def->id >= 0 && !(flags & VR_DOMAIN_FORMAT_INACTIVE))
        vrBufAsprintf(buf, " id='%d'", def->id);
    if (def->qemuCommandlineXML)
        vrBufAddLit(buf, " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'");
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);

    vrDomainFormatTextElement(buf, "name", def->name);
    vrBufAsprintf(buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    if (def->hasGenid) {
        if (def->genid)
            vrBufAsprintf(buf, "<genid>%s</genid>\n", def->genid);
        else
            vrBufAddLit(buf, "<genid/>\n");
    }
    vrDomainFormatTextElement(buf, "title", def->title);
    vrDomainFormatTextElement(buf, "description", def->description);
    vrDomainFormatMetadata(buf, def->metadata);
    vrDomainFormatMemory(buf, def);
    vrDomainFormatVcpus(buf, def);
    vrDomainFormatSysinfo(buf, def);
    vrDomainFormatBootloader(buf, def);
    vrDomainFormatOS(buf, &def->os);
    vrDomainFormatIdMap(buf, def);
    vrDomainFormatFeatures(buf, &def->features);
    vrDomainFormatCPU(buf, def);
    vrDomainFormatClock(buf, &def->clock);
    vrDomainFormatLifecycle(buf, def);

    vrBufAddLit(buf, "<devices>\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatDevices(buf, def, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</devices>\n");

    vrDomainFormatSecurity(buf, def, flags & VR_DOMAIN_FORMAT_INACTIVE);
    if (def->qemuCommandlineXML)
        vrConfAddFragment(buf, def->qemuCommandlineXML);

    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", rootName);
}

char *
vrDomainDefFormat(const vrDomainDef *def, unsigned int flags)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrDomainDefFormatBuf(&buf, def, flags);
    return vrBufContent(&buf);
}
