/*
 * domain_cpu.c: <cpu> and its <numa> cells: parsing, validation and
 * formatting.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrCPUMode, VR_CPU_MODE_LAST,
             "custom", "host-model", "host-passthrough", "maximum");
VR_ENUM_IMPL(vrCPUMatch, VR_CPU_MATCH_LAST,
             "exact", "minimum", "strict");
VR_ENUM_IMPL(vrCPUFeaturePolicy, VR_CPU_FEATURE_LAST,
             "force", "require", "optional", "disable", "forbid");

#define VR_CPU_VENDOR_ID_LENGTH 12

/* An attribute that must be one of @values, reported libvirt's way. */
static int
cpuParseChoice(xmlNodePtr node, const char *attr, const char *const *values, char **out)
{
    g_autofree char *value = vrXMLProp(node, attr);
    size_t i;

    if (!value)
        return 0;
    for (i = 0; values[i]; i++) {
        if (g_str_equal(values[i], value)) {
            *out = g_steal_pointer(&value);
            return 1;
        }
    }
    vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.",
                  attr, (const char *)node->name, value);
    return -1;
}

/* ---- the CPU ------------------------------------------------------------ */

static int
cpuParseMode(xmlNodePtr cpu, vrDomainCPUDef *c)
{
    static const char *const checks[] = { "none", "partial", "full", NULL };
    static const char *const onoff[] = { "on", "off", NULL };
    g_autofree char *mode = vrXMLProp(cpu, "mode");
    g_autofree char *match = vrXMLProp(cpu, "match");

    c->mode = VR_CPU_MODE_CUSTOM;
    if (mode && (c->mode = vrCPUModeTypeFromString(mode)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid mode attribute '%s'", mode);
        return -1;
    }
    c->match = -1;
    if (match && (c->match = vrCPUMatchTypeFromString(match)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid match attribute for CPU specification: '%s'",
                      match);
        return -1;
    }
    if (cpuParseChoice(cpu, "check", checks, &c->check) < 0 ||
        cpuParseChoice(cpu, "migratable", onoff, &c->migratable) < 0)
        return -1;
    return 0;
}

static int
cpuParseModel(xmlNodePtr cpu, vrDomainCPUDef *c)
{
    static const char *const fallbacks[] = { "allow", "forbid", NULL };
    xmlNodePtr model = vrXMLChild(cpu, "model");

    if (!model)
        return 0;
    c->model = g_strstrip(vrXMLContent(model));
    if (!*c->model)
        g_clear_pointer(&c->model, g_free);
    if (cpuParseChoice(model, "fallback", fallbacks, &c->modelFallback) < 0)
        return -1;
    c->modelVendorId = vrXMLProp(model, "vendor_id");
    if (c->modelVendorId && strlen(c->modelVendorId) != VR_CPU_VENDOR_ID_LENGTH) {
        vrReportError(VR_ERR_XML_ERROR, "vendor_id must be exactly %d characters long",
                      VR_CPU_VENDOR_ID_LENGTH);
        return -1;
    }
    return 0;
}

static int
cpuParseTopology(xmlNodePtr cpu, vrDomainCPUDef *c)
{
    xmlNodePtr topo = vrXMLChild(cpu, "topology");

    if (!topo)
        return 0;
    c->hasTopology = true;
    c->dies = 1;
    if (vrXMLPropUInt(topo, "sockets", "topology", 10, &c->sockets) < 0 ||
        vrXMLPropUInt(topo, "dies", "topology", 10, &c->dies) < 0 ||
        vrXMLPropUInt(topo, "cores", "topology", 10, &c->cores) < 0 ||
        vrXMLPropUInt(topo, "threads", "topology", 10, &c->threads) < 0)
        return -1;
    if (!c->sockets || !c->dies || !c->cores || !c->threads) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Invalid CPU topology: sockets, dies, cores and threads must be "
                      "non-zero");
        return -1;
    }
    return 0;
}

static int
cpuParseCache(xmlNodePtr cpu, vrDomainCPUDef *c)
{
    static const char *const modes[] = { "emulate", "passthrough", "disable", NULL };
    xmlNodePtr cache = vrXMLChild(cpu, "cache");
    unsigned int level;
    int rc;

    c->cacheLevel = -1;
    if (!cache)
        return 0;
    c->hasCache = true;
    if ((rc = vrXMLPropUInt(cache, "level", "cache", 10, &level)) < 0)
        return -1;
    if (rc > 0) {
        if (level < 1 || level > 3) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid CPU cache level '%u'", level);
            return -1;
        }
        c->cacheLevel = (int)level;
    }
    if ((rc = cpuParseChoice(cache, "mode", modes, &c->cacheMode)) < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required attribute 'mode' in element 'cache'");
        return -1;
    }
    return 0;
}

static int
cpuParseFeatures(xmlNodePtr cpu, vrDomainCPUDef *c)
{
    vrXMLForEachNamed(cpu, "feature", node) {
        g_autofree char *policy = vrXMLProp(node, "policy");
        vrDomainCPUFeature f = { vrXMLProp(node, "name"), VR_CPU_FEATURE_REQUIRE };
        size_t i;

        if (!f.name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Invalid CPU feature name");
            return -1;
        }
        if (policy && (f.policy = vrCPUFeaturePolicyTypeFromString(policy)) < 0) {
            g_free(f.name);
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "Invalid CPU feature policy");
            return -1;
        }
        for (i = 0; i < c->nfeatures; i++) {
            if (g_str_equal(c->features[i].name, f.name)) {
                vrReportError(VR_ERR_INTERNAL_ERROR, "CPU feature '%s' specified more than once",
                              f.name);
                g_free(f.name);
                return -1;
            }
        }
        c->features = g_renew(vrDomainCPUFeature, c->features, c->nfeatures + 1);
        c->features[c->nfeatures++] = f;
    }
    return 0;
}

static int
cpuParseMaxphysaddr(xmlNodePtr cpu, vrDomainCPUDef *c)
{
    static const char *const modes[] = { "emulate", "passthrough", NULL };
    xmlNodePtr node = vrXMLChild(cpu, "maxphysaddr");
    unsigned int bits;
    int rc;

    c->maxphysaddrBits = -1;
    if (!node)
        return 0;
    if ((rc = cpuParseChoice(node, "mode", modes, &c->maxphysaddrMode)) < 0)
        return -1;
    if (rc == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Missing required attribute 'mode' in element 'maxphysaddr'");
        return -1;
    }
    if ((rc = vrXMLPropUInt(node, "bits", "maxphysaddr", 10, &bits)) < 0)
        return -1;
    if (rc > 0)
        c->maxphysaddrBits = (int)bits;
    return 0;
}

/* ---- NUMA cells ---------------------------------------------------------- */

static int
numaParseDistances(xmlNodePtr cellNode, vrDomainNumaCell *cell)
{
    xmlNodePtr dist = vrXMLChild(cellNode, "distances");

    vrXMLForEachNamed(dist, "sibling", s) {
        vrDomainNumaDistance d;
        if (vrXMLPropUInt(s, "id", "sibling", 10, &d.id) <= 0 ||
            vrXMLPropUInt(s, "value", "sibling", 10, &d.value) <= 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Invalid or missing sibling id or value");
            return -1;
        }
        if (d.value < 10 || d.value > 255) {
            vrReportError(VR_ERR_XML_ERROR,
                          "'value' attribute '%u' of NUMA distance is out of range [10,255]",
                          d.value);
            return -1;
        }
        cell->distances = g_renew(vrDomainNumaDistance, cell->distances, cell->ndistances + 1);
        cell->distances[cell->ndistances++] = d;
    }
    return 0;
}

static int
numaParseCacheSize(xmlNodePtr cache, const char *name, unsigned long long *value, char **unit)
{
    xmlNodePtr node = vrXMLChild(cache, name);

    if (!node)
        return 0;
    if (vrXMLPropULLong(node, "value", name, 10, value) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "Missing required attribute 'value' in element '%s'",
                      name);
        return -1;
    }
    *unit = vrXMLProp(node, "unit");
    return 0;
}

static int
numaParseCaches(xmlNodePtr cellNode, vrDomainNumaCell *cell)
{
    vrXMLForEachNamed(cellNode, "cache", node) {
        vrDomainNumaCache c = { 0 };
        if (vrXMLPropUInt(node, "level", "cache", 10, &c.level) <= 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required attribute 'level' in element 'cache'");
            return -1;
        }
        c.associativity = vrXMLProp(node, "associativity");
        c.policy = vrXMLProp(node, "policy");
        if (numaParseCacheSize(node, "size", &c.size, &c.sizeUnit) < 0 ||
            numaParseCacheSize(node, "line", &c.line, &c.lineUnit) < 0) {
            g_free(c.associativity);
            g_free(c.policy);
            g_free(c.sizeUnit);
            return -1;
        }
        cell->caches = g_renew(vrDomainNumaCache, cell->caches, cell->ncaches + 1);
        cell->caches[cell->ncaches++] = c;
    }
    return 0;
}

static int
numaParseCell(xmlNodePtr node, size_t index, vrDomainNumaDef *numa)
{
    static const char *const accesses[] = { "shared", "private", NULL };
    static const char *const yesno[] = { "yes", "no", NULL };
    vrDomainNumaCell *cell = &numa->cells[index];
    g_autofree char *cpus = vrXMLProp(node, "cpus");
    unsigned int id;
    int rc;

    if ((rc = vrXMLPropUInt(node, "id", "cell", 10, &id)) < 0)
        return -1;
    /* ids are positions: given ones must say so */
    if (rc > 0 && id != index) {
        vrReportError(VR_ERR_XML_ERROR, "Duplicate NUMA cell info for cell id '%u'", id);
        return -1;
    }
    if (cpus && vrConfBitmapParse(cpus, VR_DOMAIN_CPUMAP_BITS, &cell->cpus) < 0)
        return -1;
    /* a set naming no CPU is no set (libvirt then leaves cpus= out) */
    if (cell->cpus && vrBitmapIsAllClear(cell->cpus))
        g_clear_pointer(&cell->cpus, vrBitmapFree);
    {
        g_autofree char *mem = vrXMLProp(node, "memory");
        g_autofree char *unit = vrXMLProp(node, "unit");
        unsigned long long bytes;

        if (!mem) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'memory' attribute for NUMA cell");
            return -1;
        }
        if (vrStrToULLong(mem, 10, &bytes) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                          mem, "./@memory");
            return -1;
        }
        if (vrScaleInteger(&bytes, unit, 1024, G_MAXINT64) < 0)
            return -1;
        cell->memory = (bytes + 1023) / 1024;
    }
    if (cpuParseChoice(node, "memAccess", accesses, &cell->memAccess) < 0 ||
        cpuParseChoice(node, "discard", yesno, &cell->discard) < 0 ||
        numaParseDistances(node, cell) < 0 || numaParseCaches(node, cell) < 0)
        return -1;
    return 0;
}

static int
numaParseInterconnect(xmlNodePtr node, vrDomainNumaDef *numa)
{
    static const char *const types[] = { "access", "read", "write", NULL };
    vrDomainNumaInterconnect ic = { 0 };
    unsigned int cache;
    int rc;

    ic.bandwidth = g_str_equal((const char *)node->name, "bandwidth");
    ic.cache = -1;
    if (vrXMLPropUInt(node, "initiator", (const char *)node->name, 10, &ic.initiator) <= 0 ||
        vrXMLPropUInt(node, "target", (const char *)node->name, 10, &ic.target) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'initiator' or 'target' attribute");
        return -1;
    }
    if ((rc = vrXMLPropUInt(node, "cache", (const char *)node->name, 10, &cache)) < 0)
        return -1;
    if (rc > 0)
        ic.cache = (int)cache;
    if (cpuParseChoice(node, "type", types, &ic.type) <= 0) {
        if (!vrErrorIsSet())
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'type' attribute");
        return -1;
    }
    if (vrXMLPropULLong(node, "value", (const char *)node->name, 10, &ic.value) <= 0) {
        g_free(ic.type);
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing 'value' attribute");
        return -1;
    }
    if (ic.bandwidth) {
        g_autofree char *unit = vrXMLProp(node, "unit");
        unsigned long long bytes = ic.value;
        if (vrScaleInteger(&bytes, unit, 1024, G_MAXINT64) < 0) {
            g_free(ic.type);
            return -1;
        }
        ic.value = bytes / 1024;
    }
    numa->interconnects = g_renew(vrDomainNumaInterconnect, numa->interconnects,
                                  numa->ninterconnects + 1);
    numa->interconnects[numa->ninterconnects++] = ic;
    return 0;
}

static int
numaParse(xmlNodePtr numaNode, vrDomainNumaDef *numa)
{
    size_t n = vrXMLCountChildren(numaNode, "cell"), i = 0;
    xmlNodePtr ics;

    if (!numaNode)
        return 0;
    if (n == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "NUMA topology defined without NUMA cells");
        return -1;
    }
    numa->cells = g_new0(vrDomainNumaCell, n);
    numa->ncells = n;
    vrXMLForEachNamed(numaNode, "cell", cell) {
        if (numaParseCell(cell, i++, numa) < 0)
            return -1;
    }
    if ((ics = vrXMLChild(numaNode, "interconnects"))) {
        vrXMLForEachChild(ics, node) {
            if (numaParseInterconnect(node, numa) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- the whole element ---------------------------------------------------- */

int
vrDomainParseCPU(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr cpu = vrXMLChild(root, "cpu");
    vrDomainCPUDef *c = &def->cpu;

    c->cacheLevel = -1;
    c->maxphysaddrBits = -1;
    c->match = -1;
    if (!cpu)
        return 0;
    c->present = true;
    if (cpuParseMode(cpu, c) < 0 || cpuParseModel(cpu, c) < 0)
        return -1;
    c->vendor = vrXMLChildContentStrip(cpu, "vendor");
    if (cpuParseTopology(cpu, c) < 0 || cpuParseCache(cpu, c) < 0 ||
        cpuParseMaxphysaddr(cpu, c) < 0 || cpuParseFeatures(cpu, c) < 0 ||
        numaParse(vrXMLChild(cpu, "numa"), &def->numa) < 0)
        return -1;
    return 0;
}

unsigned long long
vrDomainNumaMemoryTotal(const vrDomainNumaDef *numa)
{
    unsigned long long total = 0;
    size_t i;

    for (i = 0; i < numa->ncells; i++)
        total += numa->cells[i].memory;
    return total;
}

int
vrDomainCPUValidate(const vrDomainDef *def)
{
    const vrDomainNumaDef *numa = &def->numa;
    ssize_t maxcpu = -1;
    size_t i, j;

    for (i = 0; i < numa->ncells; i++) {
        if (numa->cells[i].cpus)
            maxcpu = MAX(maxcpu, vrBitmapLastSetBit(numa->cells[i].cpus));
    }
    /* libvirt compares the highest id (0 without cells) with the count */
    if (def->maxvcpus == 0 || (maxcpu >= 0 && (size_t)maxcpu >= def->maxvcpus)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "CPU IDs in <numa> exceed the <vcpu> count");
        return -1;
    }
    for (i = 0; i < numa->ncells; i++) {
        for (j = 0; j < i; j++) {
            size_t bit;
            if (!numa->cells[i].cpus || !numa->cells[j].cpus)
                continue;
            for (bit = 0; bit < VR_DOMAIN_CPUMAP_BITS; bit++) {
                if (vrBitmapIsBitSet(numa->cells[i].cpus, bit) &&
                    vrBitmapIsBitSet(numa->cells[j].cpus, bit)) {
                    vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                                  "NUMA cells %zu and %zu have overlapping vCPU ids", i, j);
                    return -1;
                }
            }
        }
    }
    return 0;
}

static void
numaFormatCell(vrBuf *buf, size_t i, const vrDomainNumaCell *cell)
{
    size_t k;

    vrBufAsprintf(buf, "<cell id='%zu'", i);
    if (cell->cpus) {
        g_autofree char *cpus = vrBitmapFormat(cell->cpus);
        vrBufAsprintf(buf, " cpus='%s'", cpus);
    }
    vrBufAsprintf(buf, " memory='%llu' unit='KiB'", cell->memory);
    if (cell->memAccess)
        vrBufAsprintf(buf, " memAccess='%s'", cell->memAccess);
    if (cell->discard)
        vrBufAsprintf(buf, " discard='%s'", cell->discard);
    if (!cell->ndistances && !cell->ncaches) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (cell->ndistances) {
        vrBufAddLit(buf, "<distances>\n");
        vrBufAdjustIndent(buf, 2);
        for (k = 0; k < cell->ndistances; k++)
            vrBufAsprintf(buf, "<sibling id='%u' value='%u'/>\n", cell->distances[k].id,
                          cell->distances[k].value);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</distances>\n");
    }
    for (k = 0; k < cell->ncaches; k++) {
        const vrDomainNumaCache *c = &cell->caches[k];
        vrBufAsprintf(buf, "<cache level='%u'", c->level);
        if (c->associativity)
            vrConfEscapeXMLPrintf(buf, " associativity='%s'", c->associativity);
        if (c->policy)
            vrConfEscapeXMLPrintf(buf, " policy='%s'", c->policy);
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<size value='%llu'", c->size);
        if (c->sizeUnit)
            vrConfEscapeXMLPrintf(buf, " unit='%s'", c->sizeUnit);
        vrBufAddLit(buf, "/>\n");
        vrBufAsprintf(buf, "<line value='%llu'", c->line);
        if (c->lineUnit)
            vrConfEscapeXMLPrintf(buf, " unit='%s'", c->lineUnit);
        vrBufAddLit(buf, "/>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</cache>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cell>\n");
}

static void
numaFormat(vrBuf *buf, const vrDomainNumaDef *numa)
{
    size_t i;

    if (!numa->ncells)
        return;
    vrBufAddLit(buf, "<numa>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < numa->ncells; i++)
        numaFormatCell(buf, i, &numa->cells[i]);
    if (numa->ninterconnects) {
        vrBufAddLit(buf, "<interconnects>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < numa->ninterconnects; i++) {
            const vrDomainNumaInterconnect *ic = &numa->interconnects[i];
            vrBufAsprintf(buf, "<%s initiator='%u' target='%u'",
                          ic->bandwidth ? "bandwidth" : "latency", ic->initiator, ic->target);
            if (ic->cache >= 0)
                vrBufAsprintf(buf, " cache='%d'", ic->cache);
            vrBufAsprintf(buf, " type='%s' value='%llu'%s/>\n", ic->type, ic->value,
                          ic->bandwidth ? " unit='KiB'" : "");
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</interconnects>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</numa>\n");
}

static void
cpuFormatOpen(vrBuf *buf, const vrDomainCPUDef *c)
{
    vrBufAddLit(buf, "<cpu");
    /* a definition with only topology (or NUMA) states no mode */
    if (c->mode != VR_CPU_MODE_CUSTOM || c->model) {
        vrBufAsprintf(buf, " mode='%s'", vrCPUModeTypeToString(c->mode));
        if (c->mode == VR_CPU_MODE_CUSTOM)
            vrBufAsprintf(buf, " match='%s'",
                          vrCPUMatchTypeToString(c->match >= 0 ? c->match : VR_CPU_MATCH_EXACT));
    }
    if (c->check)
        vrBufAsprintf(buf, " check='%s'", c->check);
    if (c->migratable)
        vrBufAsprintf(buf, " migratable='%s'", c->migratable);
}

static bool
cpuHasContent(const vrDomainCPUDef *c, const vrDomainNumaDef *numa)
{
    return c->model || c->vendor || c->hasTopology || c->hasCache || c->maxphysaddrMode ||
           c->nfeatures || numa->ncells;
}

void
vrDomainFormatCPU(vrBuf *buf, const vrDomainDef *def)
{
    const vrDomainCPUDef *c = &def->cpu;
    size_t i;

    if (!c->present && !def->numa.ncells)
        return;
    cpuFormatOpen(buf, c);
    if (!cpuHasContent(c, &def->numa)) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (c->model) {
        vrBufAddLit(buf, "<model");
        if (c->mode == VR_CPU_MODE_CUSTOM || c->modelFallback)
            vrBufAsprintf(buf, " fallback='%s'", c->modelFallback ? c->modelFallback : "allow");
        if (c->modelVendorId)
            vrConfEscapeXMLPrintf(buf, " vendor_id='%s'", c->modelVendorId);
        vrConfEscapeXMLPrintf(buf, ">%s</model>\n", c->model);
    }
    if (c->vendor)
        vrConfEscapeXMLPrintf(buf, "<vendor>%s</vendor>\n", c->vendor);
    if (c->hasTopology)
        vrBufAsprintf(buf, "<topology sockets='%u' dies='%u' cores='%u' threads='%u'/>\n",
                      c->sockets, c->dies, c->cores, c->threads);
    if (c->hasCache) {
        vrBufAddLit(buf, "<cache");
        if (c->cacheLevel >= 0)
            vrBufAsprintf(buf, " level='%d'", c->cacheLevel);
        vrBufAsprintf(buf, " mode='%s'/>\n", c->cacheMode);
    }
    if (c->maxphysaddrMode) {
        vrBufAsprintf(buf, "<maxphysaddr mode='%s'", c->maxphysaddrMode);
        if (c->maxphysaddrBits >= 0)
            vrBufAsprintf(buf, " bits='%d'", c->maxphysaddrBits);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < c->nfeatures; i++) {
        vrBufAsprintf(buf, "<feature policy='%s'",
                      vrCPUFeaturePolicyTypeToString(c->features[i].policy));
        vrConfEscapeXMLPrintf(buf, " name='%s'/>\n", c->features[i].name);
    }
    numaFormat(buf, &def->numa);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cpu>\n");
}

void
vrDomainCPUClear(vrDomainCPUDef *c, vrDomainNumaDef *numa)
{
    size_t i, k;

    g_free(c->check);
    g_free(c->migratable);
    g_free(c->model);
    g_free(c->modelFallback);
    g_free(c->modelVendorId);
    g_free(c->vendor);
    g_free(c->cacheMode);
    g_free(c->maxphysaddrMode);
    for (i = 0; i < c->nfeatures; i++)
        g_free(c->features[i].name);
    g_free(c->features);
    for (i = 0; i < numa->ncells; i++) {
        vrDomainNumaCell *cell = &numa->cells[i];
        vrBitmapFree(cell->cpus);
        g_free(cell->memAccess);
        g_free(cell->discard);
        g_free(cell->distances);
        for (k = 0; k < cell->ncaches; k++) {
            g_free(cell->caches[k].associativity);
            g_free(cell->caches[k].policy);
            g_free(cell->caches[k].sizeUnit);
            g_free(cell->caches[k].lineUnit);
        }
        g_free(cell->caches);
    }
    g_free(numa->cells);
    for (i = 0; i < numa->ninterconnects; i++)
        g_free(numa->interconnects[i].type);
    g_free(numa->interconnects);
}
