/*
 * domain_capabilities_conf.c: <domainCapabilities> parsing, building and
 * formatting.
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include "conf_common.h"
#include "domain_capabilities_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_CAPABILITIES

VR_ENUM_IMPL(vrDomCapsDevice, VR_DOMCAPS_DEVICE_LAST,
             "disk", "graphics", "video", "hostdev", "rng", "filesystem", "tpm",
             "redirdev", "channel", "crypto", "interface", "panic", "console");

VR_ENUM_IMPL(vrDomCapsFeature, VR_DOMCAPS_FEATURE_LAST,
             "gic", "vmcoreinfo", "genid", "backingStoreInput", "backup",
             "async-teardown", "ps2", "s390-pv");

VR_ENUM_IMPL(vrDomCapsCPUMode, VR_DOMCAPS_CPU_LAST,
             "host-passthrough", "maximum", "host-model", "custom");

static const char *const usableValues[] = { "yes", "no", "unknown", NULL };
static const char *const fallbackValues[] = { "allow", "forbid", NULL };
static const char *const policyValues[] = { "force", "require", "optional", "disable",
                                            "forbid", NULL };
static const char *const maxphysaddrModes[] = { "emulate", "passthrough", NULL };

/* ---- lifetime ------------------------------------------------------ */

static void
vrDomCapsElementClear(vrDomCapsElement *elem)
{
    size_t i;

    for (i = 0; i < elem->nenums; i++) {
        g_free(elem->enums[i].name);
        if (elem->enums[i].values)
            g_ptr_array_unref(elem->enums[i].values);
    }
    g_free(elem->enums);
    memset(elem, 0, sizeof(*elem));
}

static void
vrDomCapsCPUClear(vrDomCapsCPU *cpu)
{
    size_t i;

    vrDomCapsElementClear(&cpu->mode);
    g_free(cpu->model);
    g_free(cpu->fallback);
    g_free(cpu->vendor);
    g_free(cpu->maxphysaddrMode);
    for (i = 0; i < cpu->nfeatures; i++) {
        g_free(cpu->features[i].policy);
        g_free(cpu->features[i].name);
    }
    g_free(cpu->features);
    for (i = 0; i < cpu->nmodels; i++) {
        g_free(cpu->models[i].name);
        g_free(cpu->models[i].usable);
        g_free(cpu->models[i].deprecated);
        g_free(cpu->models[i].vendor);
        g_free(cpu->models[i].canonical);
    }
    g_free(cpu->models);
    for (i = 0; i < cpu->nblockers; i++) {
        g_free(cpu->blockers[i].model);
        if (cpu->blockers[i].features)
            g_ptr_array_unref(cpu->blockers[i].features);
    }
    g_free(cpu->blockers);
    memset(cpu, 0, sizeof(*cpu));
}

void
vrDomCapsFree(vrDomCaps *caps)
{
    size_t i;

    if (!caps)
        return;
    g_free(caps->path);
    g_free(caps->virttype);
    g_free(caps->machine);
    g_free(caps->arch);
    vrDomCapsElementClear(&caps->iothreads);
    vrDomCapsElementClear(&caps->os);
    vrDomCapsElementClear(&caps->loader);
    if (caps->loaderValues)
        g_ptr_array_unref(caps->loaderValues);
    for (i = 0; i < VR_DOMCAPS_CPU_LAST; i++)
        vrDomCapsCPUClear(&caps->cpu[i]);
    vrDomCapsElementClear(&caps->memoryBacking);
    for (i = 0; i < VR_DOMCAPS_DEVICE_LAST; i++)
        vrDomCapsElementClear(&caps->devices[i]);
    for (i = 0; i < VR_DOMCAPS_FEATURE_LAST; i++)
        vrDomCapsElementClear(&caps->features[i]);
    g_free(caps->sev.cpu0Id);
    g_free(caps->sgx.sections);
    vrDomCapsElementClear(&caps->hyperv);
    vrDomCapsElementClear(&caps->launchSecurity);
    g_free(caps);
}

/* ---- parsing ------------------------------------------------------- */

static int
vrDomCapsParseSupported(xmlNodePtr node, bool *supported)
{
    return vrConfPropYesNoRequired(node, "supported", supported) < 0 ? -1 : 0;
}

static int
vrDomCapsParseEnums(xmlNodePtr node, vrDomCapsElement *elem)
{
    vrXMLForEachNamed(node, "enum", e) {
        vrDomCapsEnum en = { vrConfPropRequired(e, "name"), NULL };
        size_t i;

        if (!en.name)
            return -1;
        for (i = 0; i < elem->nenums; i++) {
            if (g_str_equal(elem->enums[i].name, en.name)) {
                vrReportError(VR_ERR_XML_ERROR, "duplicate enum '%s' in element '%s'",
                              en.name, vrConfNodeName(node));
                g_free(en.name);
                return -1;
            }
        }
        VR_CONF_APPEND(elem->enums, elem->nenums, en);
        vrXMLForEachNamed(e, "value", v) {
            g_autofree char *value = g_strstrip(vrXMLContent(v));
            vrConfStrAppend(&elem->enums[elem->nenums - 1].values, value);
        }
    }
    return 0;
}

/* A supported= element whose details, when supported, are enums. */
static int
vrDomCapsParseElement(xmlNodePtr node, vrDomCapsElement *elem)
{
    if (!node)
        return 0;
    elem->present = true;
    if (vrDomCapsParseSupported(node, &elem->supported) < 0)
        return -1;
    return elem->supported ? vrDomCapsParseEnums(node, elem) : 0;
}

static int
vrDomCapsParseOS(xmlNodePtr node, vrDomCaps *caps)
{
    xmlNodePtr loader;

    if (vrDomCapsParseElement(node, &caps->os) < 0)
        return -1;
    if (!caps->os.supported || !(loader = vrXMLChild(node, "loader")))
        return 0;
    if (vrDomCapsParseElement(loader, &caps->loader) < 0)
        return -1;
    if (!caps->loader.supported)
        return 0;
    vrXMLForEachNamed(loader, "value", v) {
        g_autofree char *value = g_strstrip(vrXMLContent(v));
        vrConfStrAppend(&caps->loaderValues, value);
    }
    return 0;
}

static int
vrDomCapsParseHostModel(xmlNodePtr node, vrDomCapsCPU *cpu)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "model"))) {
        cpu->model = g_strstrip(vrXMLContent(child));
        if (vrConfPropChoice(child, "fallback", fallbackValues, &cpu->fallback) < 0)
            return -1;
    }
    cpu->vendor = vrXMLChildContentStrip(node, "vendor");
    if ((child = vrXMLChild(node, "maxphysaddr"))) {
        int rc;
        if (vrConfPropChoiceRequired(child, "mode", maxphysaddrModes, &cpu->maxphysaddrMode) < 0 ||
            (rc = vrConfPropUInt(child, "limit", 10, &cpu->maxphysaddrLimit)) < 0)
            return -1;
        cpu->hasMaxphysaddrLimit = rc > 0;
    }
    vrXMLForEachNamed(node, "feature", f) {
        vrDomCapsCPUFeature feat = { 0 };
        VR_CONF_APPEND(cpu->features, cpu->nfeatures, feat);
        if (vrConfPropChoiceRequired(f, "policy", policyValues,
                                     &cpu->features[cpu->nfeatures - 1].policy) < 0 ||
            !(cpu->features[cpu->nfeatures - 1].name = vrConfPropRequired(f, "name")))
            return -1;
    }
    return 0;
}

static int
vrDomCapsParseCustom(xmlNodePtr node, vrDomCapsCPU *cpu)
{
    vrXMLForEachNamed(node, "model", m) {
        vrDomCapsCPUModel model = { 0 };
        vrDomCapsCPUModel *p;
        static const char *const yesno[] = { "yes", "no", NULL };

        VR_CONF_APPEND(cpu->models, cpu->nmodels, model);
        p = &cpu->models[cpu->nmodels - 1];
        p->name = g_strstrip(vrXMLContent(m));
        p->vendor = vrXMLProp(m, "vendor");
        p->canonical = vrXMLProp(m, "canonical");
        if (vrConfPropChoiceRequired(m, "usable", usableValues, &p->usable) < 0 ||
            vrConfPropChoice(m, "deprecated", yesno, &p->deprecated) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "blockers", b) {
        vrDomCapsCPUBlockers blk = { vrConfPropRequired(b, "model"), NULL };

        if (!blk.model)
            return -1;
        VR_CONF_APPEND(cpu->blockers, cpu->nblockers, blk);
        vrXMLForEachNamed(b, "feature", f) {
            g_autofree char *name = vrConfPropRequired(f, "name");
            if (!name)
                return -1;
            vrConfStrAppend(&cpu->blockers[cpu->nblockers - 1].features, name);
        }
    }
    return 0;
}

static int
vrDomCapsParseCPU(xmlNodePtr node, vrDomCaps *caps)
{
    caps->hasCPU = true;
    vrXMLForEachNamed(node, "mode", m) {
        g_autofree char *name = vrConfPropRequired(m, "name");
        vrDomCapsCPU *cpu;
        int mode;

        if (!name)
            return -1;
        if ((mode = vrDomCapsCPUModeTypeFromString(name)) < 0) {
            vrConfReportBadAttr(m, "name", name);
            return -1;
        }
        cpu = &caps->cpu[mode];
        vrDomCapsCPUClear(cpu);
        if (vrDomCapsParseElement(m, &cpu->mode) < 0)
            return -1;
        if (!cpu->mode.supported)
            continue;
        if (mode == VR_DOMCAPS_CPU_HOST_MODEL && vrDomCapsParseHostModel(m, cpu) < 0)
            return -1;
        if (mode == VR_DOMCAPS_CPU_CUSTOM && vrDomCapsParseCustom(m, cpu) < 0)
            return -1;
    }
    return 0;
}

static int
vrDomCapsParseDevices(xmlNodePtr node, vrDomCaps *caps)
{
    caps->hasDevices = true;
    vrXMLForEachChild(node, child) {
        int dev = vrDomCapsDeviceTypeFromString((const char *)child->name);

        if (dev < 0)
            continue;
        vrDomCapsElementClear(&caps->devices[dev]);
        if (vrDomCapsParseElement(child, &caps->devices[dev]) < 0)
            return -1;
    }
    return 0;
}

static int
vrDomCapsParseSEV(xmlNodePtr node, vrDomCapsSEV *sev)
{
    int rc;

    sev->present = true;
    if (vrDomCapsParseSupported(node, &sev->supported) < 0)
        return -1;
    if (!sev->supported)
        return 0;
    if ((rc = vrConfChildUInt(node, "cbitpos", 10, &sev->cbitpos)) < 0)
        return -1;
    sev->hasCbitpos = rc > 0;
    if ((rc = vrConfChildUInt(node, "reducedPhysBits", 10, &sev->reducedPhysBits)) < 0)
        return -1;
    sev->hasReducedPhysBits = rc > 0;
    if ((rc = vrConfChildUInt(node, "maxGuests", 10, &sev->maxGuests)) < 0)
        return -1;
    sev->hasMaxGuests = rc > 0;
    if ((rc = vrConfChildUInt(node, "maxESGuests", 10, &sev->maxESGuests)) < 0)
        return -1;
    sev->hasMaxESGuests = rc > 0;
    sev->cpu0Id = vrXMLChildContentStrip(node, "cpu0Id");
    sev->hasCpu0Id = sev->cpu0Id != NULL;
    return 0;
}

static int
vrDomCapsParseYesNoText(xmlNodePtr parent, const char *name, bool *value)
{
    xmlNodePtr node = vrXMLChild(parent, name);
    g_autofree char *text = NULL;

    if (!node) {
        vrConfReportMissingElement(parent, name);
        return -1;
    }
    text = g_strstrip(vrXMLContent(node));
    if (!g_str_equal(text, "yes") && !g_str_equal(text, "no")) {
        vrConfReportBadContent(node, text);
        return -1;
    }
    *value = g_str_equal(text, "yes");
    return 0;
}

static int
vrDomCapsParseSGX(xmlNodePtr node, vrDomCapsSGX *sgx)
{
    xmlNodePtr size, sections;

    sgx->present = true;
    if (vrDomCapsParseSupported(node, &sgx->supported) < 0)
        return -1;
    if (!sgx->supported || !(size = vrXMLChild(node, "section_size")))
        return 0;
    sgx->hasDetails = true;
    if (vrDomCapsParseYesNoText(node, "flc", &sgx->flc) < 0 ||
        vrDomCapsParseYesNoText(node, "sgx1", &sgx->sgx1) < 0 ||
        vrDomCapsParseYesNoText(node, "sgx2", &sgx->sgx2) < 0 ||
        vrConfChildULLong(node, "section_size", 10, &sgx->sectionSize) < 0)
        return -1;
    if (!(sections = vrXMLChild(node, "sections")))
        return 0;
    sgx->hasSections = true;
    vrXMLForEachNamed(sections, "section", s) {
        vrDomCapsSGXSection sec = { 0 };
        if (vrConfPropUIntRequired(s, "node", 10, &sec.node) < 0 ||
            vrConfPropULLongRequired(s, "size", 10, &sec.size) < 0)
            return -1;
        VR_CONF_APPEND(sgx->sections, sgx->nsections, sec);
    }
    return 0;
}

static int
vrDomCapsParseFeatures(xmlNodePtr node, vrDomCaps *caps)
{
    int i;

    caps->hasFeatures = true;
    for (i = 0; i < VR_DOMCAPS_FEATURE_LAST; i++) {
        xmlNodePtr child = vrXMLChild(node, vrDomCapsFeatureTypeToString(i));
        if (vrDomCapsParseElement(child, &caps->features[i]) < 0)
            return -1;
    }
    if (vrXMLChild(node, "sev") && vrDomCapsParseSEV(vrXMLChild(node, "sev"), &caps->sev) < 0)
        return -1;
    if (vrXMLChild(node, "sgx") && vrDomCapsParseSGX(vrXMLChild(node, "sgx"), &caps->sgx) < 0)
        return -1;
    if (vrDomCapsParseElement(vrXMLChild(node, "hyperv"), &caps->hyperv) < 0 ||
        vrDomCapsParseElement(vrXMLChild(node, "launchSecurity"), &caps->launchSecurity) < 0)
        return -1;
    return 0;
}

static int
vrDomCapsParseIdentity(xmlNodePtr root, vrDomCaps *caps)
{
    xmlNodePtr vcpu;

    caps->path = vrXMLChildContentStrip(root, "path");
    caps->virttype = vrXMLChildContentStrip(root, "domain");
    caps->machine = vrXMLChildContentStrip(root, "machine");
    caps->arch = vrXMLChildContentStrip(root, "arch");
    if (!caps->path || !caps->virttype || !caps->arch) {
        vrConfReportMissingElement(root, !caps->path ? "path" :
                                         !caps->virttype ? "domain" : "arch");
        return -1;
    }
    if ((vcpu = vrXMLChild(root, "vcpu"))) {
        caps->hasMaxvcpus = true;
        if (vrConfPropUIntRequired(vcpu, "max", 10, &caps->maxvcpus) < 0)
            return -1;
    }
    return 0;
}

vrDomCaps *
vrDomCapsParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(domain_capabilities)",
                                             "domainCapabilities", VR_FROM_CAPABILITIES);
    g_autoptr(vrDomCaps) caps = NULL;
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    caps = g_new0(vrDomCaps, 1);
    if (vrDomCapsParseIdentity(root, caps) < 0 ||
        vrDomCapsParseElement(vrXMLChild(root, "iothreads"), &caps->iothreads) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "os")) && vrDomCapsParseOS(node, caps) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "cpu")) && vrDomCapsParseCPU(node, caps) < 0)
        return NULL;
    if (vrDomCapsParseElement(vrXMLChild(root, "memoryBacking"), &caps->memoryBacking) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "devices")) && vrDomCapsParseDevices(node, caps) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "features")) && vrDomCapsParseFeatures(node, caps) < 0)
        return NULL;
    return g_steal_pointer(&caps);
}

vrDomCaps *
vrDomCapsCopy(const vrDomCaps *caps)
{
    g_autofree char *xml = vrDomCapsFormat(caps);

    return vrDomCapsParseString(xml);
}

/* ---- formatting ---------------------------------------------------- */

static void
vrDomCapsFormatEnums(vrBuf *buf, const vrDomCapsElement *elem)
{
    size_t i, j;

    for (i = 0; i < elem->nenums; i++) {
        const vrDomCapsEnum *e = &elem->enums[i];

        vrConfAttrPrintf(buf, "<enum name='%s'", e->name);
        if (!vrConfStrCount(e->values)) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        for (j = 0; j < e->values->len; j++)
            vrConfTextPrintf(buf, "<value>%s</value>\n", g_ptr_array_index(e->values, j));
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</enum>\n");
    }
}

/* Opens <@name@extra supported=...>; returns false (having closed it)
 * when there is nothing inside. */
static bool
vrDomCapsOpen(vrBuf *buf, const char *name, const char *extra, bool supported,
                 bool hasChildren)
{
    vrBufAsprintf(buf, "<%s%s supported='%s'", name, extra ? extra : "",
                  supported ? "yes" : "no");
    if (!supported || !hasChildren) {
        vrBufAddLit(buf, "/>\n");
        return false;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    return true;
}

static void
vrDomCapsClose(vrBuf *buf, const char *name)
{
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", name);
}

static void
vrDomCapsFormatElement(vrBuf *buf, const char *name, const vrDomCapsElement *elem)
{
    if (!elem->present)
        return;
    if (!vrDomCapsOpen(buf, name, NULL, elem->supported, elem->nenums > 0))
        return;
    vrDomCapsFormatEnums(buf, elem);
    vrDomCapsClose(buf, name);
}

static void
vrDomCapsFormatOS(vrBuf *buf, const vrDomCaps *caps)
{
    const vrDomCapsElement *loader = &caps->loader;
    size_t i;

    if (!caps->os.present)
        return;
    if (!vrDomCapsOpen(buf, "os", NULL, caps->os.supported,
                          caps->os.nenums > 0 || loader->present))
        return;
    vrDomCapsFormatEnums(buf, &caps->os);
    if (loader->present &&
        vrDomCapsOpen(buf, "loader", NULL, loader->supported,
                         loader->nenums > 0 || vrConfStrCount(caps->loaderValues))) {
        for (i = 0; i < vrConfStrCount(caps->loaderValues); i++)
            vrConfTextPrintf(buf, "<value>%s</value>\n",
                                 g_ptr_array_index(caps->loaderValues, i));
        vrDomCapsFormatEnums(buf, loader);
        vrDomCapsClose(buf, "loader");
    }
    vrDomCapsClose(buf, "os");
}

static void
vrDomCapsFormatHostModel(vrBuf *buf, const vrDomCapsCPU *cpu)
{
    size_t i;

    if (cpu->model) {
        vrBufAddLit(buf, "<model");
        vrConfAttr(buf, "fallback", cpu->fallback);
        vrConfTextPrintf(buf, ">%s</model>\n", cpu->model);
    }
    if (cpu->vendor)
        vrConfTextPrintf(buf, "<vendor>%s</vendor>\n", cpu->vendor);
    if (cpu->maxphysaddrMode) {
        vrBufAsprintf(buf, "<maxphysaddr mode='%s'", cpu->maxphysaddrMode);
        if (cpu->hasMaxphysaddrLimit)
            vrBufAsprintf(buf, " limit='%u'", cpu->maxphysaddrLimit);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < cpu->nfeatures; i++) {
        vrBufAsprintf(buf, "<feature policy='%s'", cpu->features[i].policy);
        vrConfAttr(buf, "name", cpu->features[i].name);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrDomCapsFormatCustom(vrBuf *buf, const vrDomCapsCPU *cpu)
{
    size_t i, j;

    for (i = 0; i < cpu->nmodels; i++) {
        const vrDomCapsCPUModel *m = &cpu->models[i];
        vrBufAsprintf(buf, "<model usable='%s'", m->usable);
        vrConfAttr(buf, "deprecated", m->deprecated);
        vrConfAttr(buf, "vendor", m->vendor);
        vrConfAttr(buf, "canonical", m->canonical);
        vrConfTextPrintf(buf, ">%s</model>\n", m->name);
    }
    for (i = 0; i < cpu->nblockers; i++) {
        const vrDomCapsCPUBlockers *b = &cpu->blockers[i];
        vrConfAttrPrintf(buf, "<blockers model='%s'", b->model);
        if (!vrConfStrCount(b->features)) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        for (j = 0; j < b->features->len; j++)
            vrConfAttrPrintf(buf, "<feature name='%s'/>\n",
                                 g_ptr_array_index(b->features, j));
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</blockers>\n");
    }
}

static bool
vrDomCapsCPUHasDetails(const vrDomCapsCPU *cpu)
{
    return cpu->mode.nenums || cpu->model || cpu->vendor || cpu->maxphysaddrMode ||
           cpu->nfeatures || cpu->nmodels || cpu->nblockers;
}

static void
vrDomCapsFormatCPU(vrBuf *buf, const vrDomCaps *caps)
{
    int i;

    if (!caps->hasCPU)
        return;
    vrBufAddLit(buf, "<cpu>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMCAPS_CPU_LAST; i++) {
        const vrDomCapsCPU *cpu = &caps->cpu[i];
        g_autofree char *extra = NULL;

        if (!cpu->mode.present)
            continue;
        extra = g_strdup_printf(" name='%s'", vrDomCapsCPUModeTypeToString(i));
        if (!vrDomCapsOpen(buf, "mode", extra, cpu->mode.supported,
                              vrDomCapsCPUHasDetails(cpu)))
            continue;
        vrDomCapsFormatEnums(buf, &cpu->mode);
        vrDomCapsFormatHostModel(buf, cpu);
        vrDomCapsFormatCustom(buf, cpu);
        vrDomCapsClose(buf, "mode");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cpu>\n");
}

static void
vrDomCapsFormatSEV(vrBuf *buf, const vrDomCapsSEV *sev)
{
    bool details = sev->hasCbitpos || sev->hasReducedPhysBits || sev->hasMaxGuests ||
                   sev->hasMaxESGuests || sev->hasCpu0Id;

    if (!sev->present || !vrDomCapsOpen(buf, "sev", NULL, sev->supported, details))
        return;
    if (sev->hasCbitpos)
        vrBufAsprintf(buf, "<cbitpos>%u</cbitpos>\n", sev->cbitpos);
    if (sev->hasReducedPhysBits)
        vrBufAsprintf(buf, "<reducedPhysBits>%u</reducedPhysBits>\n", sev->reducedPhysBits);
    if (sev->hasMaxGuests)
        vrBufAsprintf(buf, "<maxGuests>%u</maxGuests>\n", sev->maxGuests);
    if (sev->hasMaxESGuests)
        vrBufAsprintf(buf, "<maxESGuests>%u</maxESGuests>\n", sev->maxESGuests);
    if (sev->hasCpu0Id)
        vrConfTextPrintf(buf, "<cpu0Id>%s</cpu0Id>\n", sev->cpu0Id);
    vrDomCapsClose(buf, "sev");
}

static void
vrDomCapsFormatSGX(vrBuf *buf, const vrDomCapsSGX *sgx)
{
    size_t i;

    if (!sgx->present || !vrDomCapsOpen(buf, "sgx", NULL, sgx->supported, sgx->hasDetails))
        return;
    vrBufAsprintf(buf, "<flc>%s</flc>\n", sgx->flc ? "yes" : "no");
    vrBufAsprintf(buf, "<sgx1>%s</sgx1>\n", sgx->sgx1 ? "yes" : "no");
    vrBufAsprintf(buf, "<sgx2>%s</sgx2>\n", sgx->sgx2 ? "yes" : "no");
    vrBufAsprintf(buf, "<section_size unit='KiB'>%llu</section_size>\n", sgx->sectionSize);
    if (sgx->hasSections) {
        vrBufAddLit(buf, "<sections>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < sgx->nsections; i++)
            vrBufAsprintf(buf, "<section node='%u' size='%llu' unit='KiB'/>\n",
                          sgx->sections[i].node, sgx->sections[i].size);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</sections>\n");
    }
    vrDomCapsClose(buf, "sgx");
}

static void
vrDomCapsFormatFeatures(vrBuf *buf, const vrDomCaps *caps)
{
    int i;

    if (!caps->hasFeatures)
        return;
    vrBufAddLit(buf, "<features>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMCAPS_FEATURE_LAST; i++)
        vrDomCapsFormatElement(buf, vrDomCapsFeatureTypeToString(i), &caps->features[i]);
    vrDomCapsFormatSEV(buf, &caps->sev);
    vrDomCapsFormatSGX(buf, &caps->sgx);
    vrDomCapsFormatElement(buf, "hyperv", &caps->hyperv);
    vrDomCapsFormatElement(buf, "launchSecurity", &caps->launchSecurity);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</features>\n");
}

char *
vrDomCapsFormat(const vrDomCaps *caps)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    int i;

    vrBufAddLit(&buf, "<domainCapabilities>\n");
    vrBufAdjustIndent(&buf, 2);
    vrConfTextPrintf(&buf, "<path>%s</path>\n", caps->path);
    vrConfTextPrintf(&buf, "<domain>%s</domain>\n", caps->virttype);
    if (caps->machine)
        vrConfTextPrintf(&buf, "<machine>%s</machine>\n", caps->machine);
    vrConfTextPrintf(&buf, "<arch>%s</arch>\n", caps->arch);
    if (caps->hasMaxvcpus)
        vrBufAsprintf(&buf, "<vcpu max='%u'/>\n", caps->maxvcpus);
    vrDomCapsFormatElement(&buf, "iothreads", &caps->iothreads);
    vrDomCapsFormatOS(&buf, caps);
    vrDomCapsFormatCPU(&buf, caps);
    vrDomCapsFormatElement(&buf, "memoryBacking", &caps->memoryBacking);
    if (caps->hasDevices) {
        vrBufAddLit(&buf, "<devices>\n");
        vrBufAdjustIndent(&buf, 2);
        for (i = 0; i < VR_DOMCAPS_DEVICE_LAST; i++)
            vrDomCapsFormatElement(&buf, vrDomCapsDeviceTypeToString(i), &caps->devices[i]);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</devices>\n");
    }
    vrDomCapsFormatFeatures(&buf, caps);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</domainCapabilities>\n");
    return vrBufContent(&buf);
}

/* ---- building ------------------------------------------------------ */

vrDomCaps *
vrDomCapsNew(const char *path, const char *virttype, const char *machine, const char *arch)
{
    vrDomCaps *caps = g_new0(vrDomCaps, 1);

    caps->path = g_strdup(path);
    caps->virttype = g_strdup(virttype);
    caps->machine = g_strdup(machine);
    caps->arch = g_strdup(arch);
    return caps;
}

vrDomCapsElement *
vrDomCapsElementSet(vrDomCapsElement *elem, bool supported)
{
    elem->present = true;
    elem->supported = supported;
    return elem;
}

void
vrDomCapsEnumAdd(vrDomCapsElement *elem, const char *name, ...)
{
    vrDomCapsEnum en = { g_strdup(name), NULL };
    const char *value;
    va_list ap;

    va_start(ap, name);
    while ((value = va_arg(ap, const char *)))
        vrConfStrAppend(&en.values, value);
    va_end(ap);
    VR_CONF_APPEND(elem->enums, elem->nenums, en);
}
