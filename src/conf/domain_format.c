/*
 * domain_format.c: vrDomainDef to <domain> XML, top-level elements.
 *
 * Element order, attribute order and units follow libvirt's output so
 * that documents round-trip byte for byte through either implementation.
 */
#include <config.h>

#include <string.h>

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
    vrBufEscapeXMLPrintf(buf, "'%s'", value);
}

static void
vrDomainFormatTextElement(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, "<%s>", name);
    vrBufEscapeXML(buf, value);
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
        xmlNodeDump(xbuf, doc, child, 0, 1);
        vrBufAddFragment(buf, (const char *)xmlBufferContent(xbuf));
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

    if (def->blkiotuneXML)
        vrBufAddFragment(buf, def->blkiotuneXML);
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
    if (def->memoryBackingXML)
        vrBufAddFragment(buf, def->memoryBackingXML);
}

static void
vrDomainFormatVcpus(vrBuf *buf, const vrDomainDef *def)
{
    vrBufAddLit(buf, "<vcpu");
    vrDomainFormatAttr(buf, "placement", def->placement);
    vrDomainFormatAttr(buf, "cpuset", def->cpuset);
    if (def->vcpus != def->maxvcpus)
        vrBufAsprintf(buf, " current='%u'", def->vcpus);
    vrBufAsprintf(buf, ">%u</vcpu>\n", def->maxvcpus);
    if (def->vcpusXML)
        vrBufAddFragment(buf, def->vcpusXML);
    if (def->iothreads)
        vrBufAsprintf(buf, "<iothreads>%u</iothreads>\n", def->iothreads);
    if (def->iothreadsXML)
        vrBufAddFragment(buf, def->iothreadsXML);
    if (def->cputuneXML)
        vrBufAddFragment(buf, def->cputuneXML);
    if (def->numatuneXML)
        vrBufAddFragment(buf, def->numatuneXML);
    if (def->resourcePartition) {
        vrBufAddLit(buf, "<resource>\n");
        vrBufAdjustIndent(buf, 2);
        vrDomainFormatTextElement(buf, "partition", def->resourcePartition);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</resource>\n");
    }
    if (def->sysinfoXML)
        vrBufAddFragment(buf, def->sysinfoXML);
}

static void
vrDomainFormatOS(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainOSDef *os = &def->os;
    size_t i;

    vrBufAddLit(buf, "<os");
    vrDomainFormatAttr(buf, "firmware", os->firmware);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);

    vrBufAddLit(buf, "<type");
    vrDomainFormatAttr(buf, "arch", os->arch);
    vrDomainFormatAttr(buf, "machine", os->machine);
    vrBufAsprintf(buf, ">%s</type>\n", os->type);

    if (os->loader) {
        vrBufAddLit(buf, "<loader");
        vrDomainFormatAttr(buf, "readonly", os->loaderReadonly);
        vrDomainFormatAttr(buf, "secure", os->loaderSecure);
        vrDomainFormatAttr(buf, "type", os->loaderType);
        if (*os->loader) {
            vrBufAddLit(buf, ">");
            vrBufEscapeXML(buf, os->loader);
            vrBufAddLit(buf, "</loader>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
    }
    if (os->nvram || os->nvramTemplate) {
        vrBufAddLit(buf, "<nvram");
        vrDomainFormatAttr(buf, "template", os->nvramTemplate);
        if (os->nvram && *os->nvram) {
            vrBufAddLit(buf, ">");
            vrBufEscapeXML(buf, os->nvram);
            vrBufAddLit(buf, "</nvram>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
    }
    vrDomainFormatTextElement(buf, "init", os->init);
    for (i = 0; os->initargs && i < os->initargs->len; i++)
        vrDomainFormatTextElement(buf, "initarg", g_ptr_array_index(os->initargs, i));
    vrDomainFormatTextElement(buf, "kernel", os->kernel);
    vrDomainFormatTextElement(buf, "initrd", os->initrd);
    vrDomainFormatTextElement(buf, "cmdline", os->cmdline);
    vrDomainFormatTextElement(buf, "dtb", os->dtb);
    vrDomainFormatTextElement(buf, "root", os->root);
    for (i = 0; i < os->nBootDevs; i++)
        vrBufAsprintf(buf, "<boot dev='%s'/>\n", vrDomainBootDeviceTypeToString(os->bootDevs[i]));
    if (os->bootmenuEnable || os->hasBootmenuTimeout) {
        vrBufAddLit(buf, "<bootmenu");
        vrDomainFormatAttr(buf, "enable", os->bootmenuEnable);
        if (os->hasBootmenuTimeout)
            vrBufAsprintf(buf, " timeout='%u'", os->bootmenuTimeout);
        vrBufAddLit(buf, "/>\n");
    }
    if (os->smbiosMode)
        vrBufAsprintf(buf, "<smbios mode='%s'/>\n", os->smbiosMode);
    if (os->bios_useserial || os->hasBiosRebootTimeout) {
        vrBufAddLit(buf, "<bios");
        vrDomainFormatAttr(buf, "useserial", os->bios_useserial);
        if (os->hasBiosRebootTimeout)
            vrBufAsprintf(buf, " rebootTimeout='%d'", os->biosRebootTimeout);
        vrBufAddLit(buf, "/>\n");
    }
    if (os->acpiTableXML)
        vrBufAddFragment(buf, os->acpiTableXML);

    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</os>\n");
}

static void
vrDomainFormatFeatures(vrBuf *buf, const vrDomainDef *def)
{
    size_t i;

    if (!def->nfeatures)
        return;
    vrBufAddLit(buf, "<features>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < def->nfeatures; i++) {
        if (def->features[i].xml)
            vrBufAddFragment(buf, def->features[i].xml);
        else
            vrBufAsprintf(buf, "<%s/>\n", def->features[i].name);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</features>\n");
}

static void
vrDomainFormatCPU(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainCPUDef *cpu = &def->cpu;
    bool children = cpu->model || cpu->vendor || cpu->hasTopology || cpu->nfeatures ||
                    cpu->cacheXML || cpu->numaXML;
    size_t i;

    if (!cpu->present)
        return;
    vrBufAddLit(buf, "<cpu");
    vrDomainFormatAttr(buf, "mode", cpu->mode);
    vrDomainFormatAttr(buf, "match", cpu->match);
    vrDomainFormatAttr(buf, "check", cpu->check);
    vrDomainFormatAttr(buf, "migratable", cpu->migratable);
    if (!children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (cpu->model) {
        vrBufAddLit(buf, "<model");
        vrDomainFormatAttr(buf, "fallback", cpu->modelFallback);
        vrDomainFormatAttr(buf, "vendor_id", cpu->modelVendorId);
        vrBufAddLit(buf, ">");
        vrBufEscapeXML(buf, cpu->model);
        vrBufAddLit(buf, "</model>\n");
    }
    vrDomainFormatTextElement(buf, "vendor", cpu->vendor);
    if (cpu->hasTopology)
        vrBufAsprintf(buf, "<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                      cpu->sockets, cpu->dies, cpu->cores, cpu->threads);
    if (cpu->cacheXML)
        vrBufAddFragment(buf, cpu->cacheXML);
    for (i = 0; i < cpu->nfeatures; i++) {
        vrBufAddLit(buf, "<feature");
        vrDomainFormatAttr(buf, "policy", cpu->features[i].policy);
        vrDomainFormatAttr(buf, "name", cpu->features[i].name);
        vrBufAddLit(buf, "/>\n");
    }
    if (cpu->numaXML)
        vrBufAddFragment(buf, cpu->numaXML);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cpu>\n");
}

static void
vrDomainFormatClock(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainClockDef *clock = &def->clock;
    size_t i;

    vrBufAddLit(buf, "<clock");
    vrDomainFormatAttr(buf, "offset", clock->offset);
    vrDomainFormatAttr(buf, "adjustment", clock->adjustment);
    vrDomainFormatAttr(buf, "basis", clock->basis);
    vrDomainFormatAttr(buf, "timezone", clock->timezone);
    vrDomainFormatAttr(buf, "start", clock->start);
    if (!clock->ntimers) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < clock->ntimers; i++) {
        const vrDomainTimerDef *t = &clock->timers[i];
        bool catchup = t->catchupThreshold || t->catchupSlew || t->catchupLimit;

        vrBufAddLit(buf, "<timer");
        vrDomainFormatAttr(buf, "name", t->name);
        vrDomainFormatAttr(buf, "present", t->present);
        vrDomainFormatAttr(buf, "tickpolicy", t->tickpolicy);
        vrDomainFormatAttr(buf, "track", t->track);
        vrDomainFormatAttr(buf, "frequency", t->frequency);
        vrDomainFormatAttr(buf, "mode", t->mode);
        if (!catchup) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAddLit(buf, "<catchup");
        vrDomainFormatAttr(buf, "threshold", t->catchupThreshold);
        vrDomainFormatAttr(buf, "slew", t->catchupSlew);
        vrDomainFormatAttr(buf, "limit", t->catchupLimit);
        vrBufAddLit(buf, "/>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</timer>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</clock>\n");
}

static void
vrDomainFormatEvents(vrBuf *buf, const vrDomainDef *def)
{
    vrBufAsprintf(buf, "<on_poweroff>%s</on_poweroff>\n",
                  vrDomainLifecycleActionTypeToString(def->onPoweroff));
    vrBufAsprintf(buf, "<on_reboot>%s</on_reboot>\n",
                  vrDomainLifecycleActionTypeToString(def->onReboot));
    vrBufAsprintf(buf, "<on_crash>%s</on_crash>\n",
                  vrDomainLifecycleActionTypeToString(def->onCrash));
    vrDomainFormatTextElement(buf, "on_lockfailure", def->onLockfailure);
    if (def->pmSuspendToMem || def->pmSuspendToDisk) {
        vrBufAddLit(buf, "<pm>\n");
        vrBufAdjustIndent(buf, 2);
        if (def->pmSuspendToMem)
            vrBufAsprintf(buf, "<suspend-to-mem enabled='%s'/>\n", def->pmSuspendToMem);
        if (def->pmSuspendToDisk)
            vrBufAsprintf(buf, "<suspend-to-disk enabled='%s'/>\n", def->pmSuspendToDisk);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</pm>\n");
    }
    if (def->perfXML)
        vrBufAddFragment(buf, def->perfXML);
}

static void
vrDomainFormatSeclabels(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    size_t i;

    for (i = 0; i < def->nseclabels; i++) {
        const vrDomainSeclabelDef *s = &def->seclabels[i];
        bool dynamic = s->type && g_str_equal(s->type, "dynamic");
        const char *label = s->label;
        const char *imagelabel = s->imagelabel;

        /* Labels a dynamic seclabel was given at start are live state. */
        if (dynamic && (flags & VR_DOMAIN_FORMAT_INACTIVE)) {
            label = NULL;
            imagelabel = NULL;
        }
        vrBufAddLit(buf, "<seclabel");
        vrDomainFormatAttr(buf, "type", s->type);
        vrDomainFormatAttr(buf, "model", s->model);
        vrDomainFormatAttr(buf, "relabel", s->relabel);
        if (!label && !imagelabel && !s->baselabel) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrDomainFormatTextElement(buf, "label", label);
        vrDomainFormatTextElement(buf, "imagelabel", imagelabel);
        vrDomainFormatTextElement(buf, "baselabel", s->baselabel);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</seclabel>\n");
    }
}

void
vrDomainDefFormatBuf(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAsprintf(buf, "<domain type='%s'", vrDomainVirtTypeToString(def->virtType));
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
    vrDomainFormatOS(buf, def);
    vrDomainFormatFeatures(buf, def);
    vrDomainFormatCPU(buf, def);
    vrDomainFormatClock(buf, def);
    vrDomainFormatEvents(buf, def);

    vrBufAddLit(buf, "<devices>\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatDevices(buf, def, flags);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</devices>\n");

    vrDomainFormatSeclabels(buf, def, flags);
    if (def->qemuCommandlineXML)
        vrBufAddFragment(buf, def->qemuCommandlineXML);

    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</domain>\n");
}

char *
vrDomainDefFormat(const vrDomainDef *def, unsigned int flags)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrDomainDefFormatBuf(&buf, def, flags);
    return vrBufContent(&buf);
}
