/*
 * capabilities_conf.c: <capabilities> parsing, building and formatting.
 *
 * The layout follows what libvirt prints: a blank line after <capabilities>,
 * after </host> and after each </guest>; elements in a fixed order whatever
 * the input order; numbers in decimal.
 */
#include <config.h>

#include <string.h>

#include "capabilities_conf.h"
#include "conf_common.h"
#include "util/vrbitmap.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_CAPABILITIES

VR_ENUM_IMPL(vrCapsGuestFeature, VR_CAPS_GUEST_FEATURE_LAST,
             "pae", "nonpae", "ia64_be", "acpi", "apic", "cpuselection", "deviceboot",
             "disksnapshot", "hap", "externalSnapshot");

static const char *const osTypes[] = { "hvm", "xen", "linux", "exe", "uml", "xenpvh", NULL };
static const char *const virtTypes[] = {
    "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
    "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "ch", "hvf", NULL
};
static const char *const maxphysaddrModes[] = { "emulate", "passthrough", NULL };
static const char *const cacheTypes[] = { "both", "code", "data", NULL };
static const char *const associativities[] = { "none", "direct", "full", NULL };
static const char *const cachePolicies[] = { "none", "writeback", "writethrough", NULL };
static const char *const accessTypes[] = { "access", "read", "write", NULL };
static const char *const transports[] = { "vpxmigr", "tcp", "rdma", "vzmigr", NULL };

bool
vrCapsGuestFeatureIsToggle(int feature)
{
    return feature == VR_CAPS_GUEST_FEATURE_ACPI || feature == VR_CAPS_GUEST_FEATURE_APIC ||
           feature == VR_CAPS_GUEST_FEATURE_DISKSNAPSHOT || feature == VR_CAPS_GUEST_FEATURE_HAP;
}

/* ---- lifetime ------------------------------------------------------ */

static void
vrCapsPagesFree(vrCapsPages *pages, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        g_free(pages[i].unit);
    g_free(pages);
}

static void
vrCapsHostCPUClear(vrCapsHostCPU *cpu)
{
    g_free(cpu->arch);
    g_free(cpu->model);
    g_free(cpu->vendor);
    g_free(cpu->counterName);
    g_free(cpu->maxphysaddrMode);
    if (cpu->features)
        g_ptr_array_unref(cpu->features);
    vrCapsPagesFree(cpu->pages, cpu->npages);
}

static void
vrCapsNUMACellFree(vrCapsNUMACell *cell)
{
    size_t i;

    if (!cell)
        return;
    g_free(cell->memoryUnit);
    vrCapsPagesFree(cell->pages, cell->npages);
    g_free(cell->distances);
    for (i = 0; i < cell->ncaches; i++) {
        g_free(cell->caches[i].associativity);
        g_free(cell->caches[i].policy);
        g_free(cell->caches[i].sizeUnit);
        g_free(cell->caches[i].lineUnit);
    }
    g_free(cell->caches);
    for (i = 0; i < cell->ncpus; i++)
        g_free(cell->cpus[i].siblings);
    g_free(cell->cpus);
    g_free(cell);
}

static void
vrCapsBanksFree(vrCapsBank *banks, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        g_free(banks[i].type);
        g_free(banks[i].unit);
        g_free(banks[i].cpus);
        for (j = 0; j < banks[i].ncontrols; j++) {
            g_free(banks[i].controls[j].unit);
            g_free(banks[i].controls[j].type);
        }
        g_free(banks[i].controls);
    }
    g_free(banks);
}

static void
vrCapsSecModelFree(vrCapsSecModel *sec)
{
    size_t i;

    if (!sec)
        return;
    g_free(sec->model);
    g_free(sec->doi);
    for (i = 0; i < sec->nlabels; i++) {
        g_free(sec->labels[i].type);
        g_free(sec->labels[i].label);
    }
    g_free(sec->labels);
    g_free(sec);
}

static void
vrCapsMachinesFree(vrCapsMachine *machines, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        g_free(machines[i].name);
        g_free(machines[i].canonical);
    }
    g_free(machines);
}

static void
vrCapsGuestDomainFree(vrCapsGuestDomain *dom)
{
    if (!dom)
        return;
    g_free(dom->type);
    g_free(dom->emulator);
    vrCapsMachinesFree(dom->machines, dom->nmachines);
    g_free(dom);
}

static void
vrCapsGuestFree(vrCapsGuest *guest)
{
    size_t i;

    if (!guest)
        return;
    g_free(guest->osType);
    g_free(guest->arch);
    g_free(guest->emulator);
    g_free(guest->loader);
    vrCapsMachinesFree(guest->machines, guest->nmachines);
    for (i = 0; i < guest->ndomains; i++)
        vrCapsGuestDomainFree(guest->domains[i]);
    g_free(guest->domains);
    g_free(guest);
}

static void
vrCapsHostClear(vrCapsHost *host)
{
    size_t i;

    vrCapsHostCPUClear(&host->cpu);
    if (host->migrateTransports)
        g_ptr_array_unref(host->migrateTransports);
    g_free(host->netprefix);
    for (i = 0; i < host->ncells; i++)
        vrCapsNUMACellFree(host->cells[i]);
    g_free(host->cells);
    for (i = 0; i < host->ninterconnects; i++) {
        g_free(host->interconnects[i].type);
        g_free(host->interconnects[i].unit);
    }
    g_free(host->interconnects);
    vrCapsBanksFree(host->banks, host->nbanks);
    vrCapsBanksFree(host->membwNodes, host->nmembwNodes);
    if (host->cacheMonitor.features)
        g_ptr_array_unref(host->cacheMonitor.features);
    if (host->membwMonitor.features)
        g_ptr_array_unref(host->membwMonitor.features);
    for (i = 0; i < host->nsecModels; i++)
        vrCapsSecModelFree(host->secModels[i]);
    g_free(host->secModels);
}

void
vrCapsFree(vrCaps *caps)
{
    size_t i;

    if (!caps)
        return;
    vrCapsHostClear(&caps->host);
    for (i = 0; i < caps->nguests; i++)
        vrCapsGuestFree(caps->guests[i]);
    g_free(caps->guests);
    g_free(caps);
}

/* ---- parsing: host ------------------------------------------------- */

/* Text of child @name, stripped; NULL when absent. */
static char *
childText(xmlNodePtr parent, const char *name)
{
    return vrXMLChildContentStrip(parent, name);
}

static int
vrCapsParseUnit(xmlNodePtr node, const char *attr, bool required, char **unit)
{
    *unit = required ? vrConfPropRequired(node, attr) : vrXMLProp(node, attr);
    if (!*unit)
        return required ? -1 : 0;
    if (vrConfCheckUnit(*unit) < 0) {
        vrResetLastError();
        vrConfReportBadAttr(node, attr, *unit);
        return -1;
    }
    return 0;
}

static int
vrCapsParsePages(xmlNodePtr parent, bool withCount, vrCapsPages **pages, size_t *npages)
{
    vrXMLForEachNamed(parent, "pages", node) {
        vrCapsPages p = { 0 };

        VR_CONF_APPEND(*pages, *npages, p);
        if (vrCapsParseUnit(node, "unit", false, &(*pages)[*npages - 1].unit) < 0 ||
            vrConfPropUIntRequired(node, "size", 10, &(*pages)[*npages - 1].size) < 0)
            return -1;
        if (withCount) {
            g_autofree char *count = g_strstrip(vrXMLContent(node));
            if (vrStrToULLong(count, 10, &(*pages)[*npages - 1].count) < 0) {
                vrConfReportBadContent(node, count);
                return -1;
            }
        }
    }
    return 0;
}

static int
vrCapsParseCPUIdentity(xmlNodePtr node, vrCapsHostCPU *cpu)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "microcode"))) {
        cpu->hasMicrocode = true;
        if (vrConfPropULLongRequired(child, "version", 10, &cpu->microcode) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "signature"))) {
        cpu->hasSignature = true;
        if (vrConfPropUIntRequired(child, "family", 10, &cpu->sigFamily) < 0 ||
            vrConfPropUIntRequired(child, "model", 10, &cpu->sigModel) < 0 ||
            vrConfPropUIntRequired(child, "stepping", 10, &cpu->sigStepping) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "counter"))) {
        cpu->hasCounter = true;
        if (!(cpu->counterName = vrConfPropRequired(child, "name")) ||
            vrConfPropULLongRequired(child, "frequency", 10, &cpu->counterFrequency) < 0)
            return -1;
        if (vrConfPropYesNoRequired(child, "scaling", &cpu->counterScaling) < 0)
            return -1;
    }
    return 0;
}

static int
vrCapsParseCPUShape(xmlNodePtr node, vrCapsHostCPU *cpu)
{
    xmlNodePtr child;
    int rc;

    if ((child = vrXMLChild(node, "topology"))) {
        cpu->hasTopology = true;
        if (vrConfPropUIntRequired(child, "sockets", 10, &cpu->sockets) < 0 ||
            (rc = vrConfPropUInt(child, "dies", 10, &cpu->dies)) < 0)
            return -1;
        cpu->hasDies = rc > 0;
        if ((rc = vrConfPropUInt(child, "clusters", 10, &cpu->clusters)) < 0)
            return -1;
        cpu->hasClusters = rc > 0;
        if (vrConfPropUIntRequired(child, "cores", 10, &cpu->cores) < 0 ||
            vrConfPropUIntRequired(child, "threads", 10, &cpu->threads) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "maxphysaddr"))) {
        if (vrConfPropChoiceRequired(child, "mode", maxphysaddrModes, &cpu->maxphysaddrMode) < 0 ||
            (rc = vrConfPropUInt(child, "bits", 10, &cpu->maxphysaddrBits)) < 0)
            return -1;
        cpu->hasMaxphysaddrBits = rc > 0;
        if ((rc = vrConfPropUInt(child, "limit", 10, &cpu->maxphysaddrLimit)) < 0)
            return -1;
        cpu->hasMaxphysaddrLimit = rc > 0;
    }
    return 0;
}

static int
vrCapsParseHostCPU(xmlNodePtr node, vrCapsHostCPU *cpu)
{
    xmlNodePtr flags;

    if (!(cpu->arch = childText(node, "arch")) || !*cpu->arch) {
        vrConfReportMissingElement(node, "arch");
        return -1;
    }
    if ((flags = vrXMLChild(node, "features"))) {
        cpu->pae = vrXMLChild(flags, "pae") != NULL;
        cpu->nonpae = vrXMLChild(flags, "nonpae") != NULL;
        cpu->vmx = vrXMLChild(flags, "vmx") != NULL;
        cpu->svm = vrXMLChild(flags, "svm") != NULL;
    }
    cpu->model = childText(node, "model");
    cpu->vendor = childText(node, "vendor");
    if (vrCapsParseCPUIdentity(node, cpu) < 0 || vrCapsParseCPUShape(node, cpu) < 0)
        return -1;
    vrXMLForEachNamed(node, "feature", f) {
        g_autofree char *name = vrConfPropRequired(f, "name");
        if (!name)
            return -1;
        vrConfStrAppend(&cpu->features, name);
    }
    return vrCapsParsePages(node, false, &cpu->pages, &cpu->npages);
}

static int
vrCapsParseCellCPU(xmlNodePtr node, vrCapsCellCPU *cpu)
{
    int rc;

    if (vrConfPropUIntRequired(node, "id", 10, &cpu->id) < 0 ||
        (rc = vrConfPropUInt(node, "socket_id", 10, &cpu->socket)) < 0)
        return -1;
    cpu->hasSocket = rc > 0;
    if ((rc = vrConfPropUInt(node, "die_id", 10, &cpu->die)) < 0)
        return -1;
    cpu->hasDie = rc > 0;
    if ((rc = vrConfPropUInt(node, "cluster_id", 10, &cpu->cluster)) < 0)
        return -1;
    cpu->hasCluster = rc > 0;
    if ((rc = vrConfPropUInt(node, "core_id", 10, &cpu->core)) < 0)
        return -1;
    cpu->hasCore = rc > 0;
    if ((cpu->siblings = vrXMLProp(node, "siblings"))) {
        g_autoptr(vrBitmap) map = NULL;
        if (vrConfBitmapParse(cpu->siblings, 65536, &map) < 0) {
            vrResetLastError();
            vrConfReportBadAttr(node, "siblings", cpu->siblings);
            return -1;
        }
    }
    return 0;
}

static int
vrCapsParseNUMACache(xmlNodePtr node, vrCapsNUMACache *cache)
{
    xmlNodePtr size = vrXMLChild(node, "size");
    xmlNodePtr line = vrXMLChild(node, "line");

    if (vrConfPropUIntRequired(node, "level", 10, &cache->level) < 0 ||
        vrConfPropChoiceRequired(node, "associativity", associativities,
                                 &cache->associativity) < 0 ||
        vrConfPropChoiceRequired(node, "policy", cachePolicies, &cache->policy) < 0)
        return -1;
    if (!size || !line) {
        vrConfReportMissingElement(node, size ? "line" : "size");
        return -1;
    }
    if (vrConfPropULLongRequired(size, "value", 10, &cache->size) < 0 ||
        vrCapsParseUnit(size, "unit", true, &cache->sizeUnit) < 0 ||
        vrConfPropULLongRequired(line, "value", 10, &cache->line) < 0 ||
        vrCapsParseUnit(line, "unit", true, &cache->lineUnit) < 0)
        return -1;
    return 0;
}

static int
vrCapsParseCellMemory(xmlNodePtr node, vrCapsNUMACell *cell)
{
    xmlNodePtr mem = vrXMLChild(node, "memory");
    g_autofree char *value = NULL;

    if (!mem)
        return 0;
    cell->hasMemory = true;
    if (vrCapsParseUnit(mem, "unit", false, &cell->memoryUnit) < 0)
        return -1;
    value = g_strstrip(vrXMLContent(mem));
    if (vrStrToULLong(value, 10, &cell->memory) < 0) {
        vrConfReportBadContent(mem, value);
        return -1;
    }
    return 0;
}

static int
vrCapsParseCell(xmlNodePtr node, vrCapsNUMACell *cell)
{
    xmlNodePtr child;

    if (vrConfPropUIntRequired(node, "id", 10, &cell->id) < 0 ||
        vrCapsParseCellMemory(node, cell) < 0 ||
        vrCapsParsePages(node, true, &cell->pages, &cell->npages) < 0)
        return -1;
    vrXMLForEachNamed(vrXMLChild(node, "distances"), "sibling", s) {
        vrCapsDistance d = { 0 };
        if (vrConfPropUIntRequired(s, "id", 10, &d.id) < 0 ||
            vrConfPropUIntRequired(s, "value", 10, &d.value) < 0)
            return -1;
        VR_CONF_APPEND(cell->distances, cell->ndistances, d);
    }
    vrXMLForEachNamed(node, "cache", c) {
        vrCapsNUMACache cache = { 0 };
        VR_CONF_APPEND(cell->caches, cell->ncaches, cache);
        if (vrCapsParseNUMACache(c, &cell->caches[cell->ncaches - 1]) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "cpus"))) {
        cell->hasCpus = true;
        vrXMLForEachNamed(child, "cpu", c) {
            vrCapsCellCPU cpu = { 0 };
            VR_CONF_APPEND(cell->cpus, cell->ncpus, cpu);
            if (vrCapsParseCellCPU(c, &cell->cpus[cell->ncpus - 1]) < 0)
                return -1;
        }
    }
    return 0;
}

static int
vrCapsParseInterconnects(xmlNodePtr node, vrCapsHost *host)
{
    host->hasInterconnects = true;
    vrXMLForEachChild(node, child) {
        vrCapsInterconnect ic = { 0 };
        vrCapsInterconnect *p;
        int rc;

        if (!vrXMLIsElement(child, "latency") && !vrXMLIsElement(child, "bandwidth"))
            continue;
        ic.bandwidth = vrXMLIsElement(child, "bandwidth");
        VR_CONF_APPEND(host->interconnects, host->ninterconnects, ic);
        p = &host->interconnects[host->ninterconnects - 1];
        if (vrConfPropUIntRequired(child, "initiator", 10, &p->initiator) < 0 ||
            vrConfPropUIntRequired(child, "target", 10, &p->target) < 0 ||
            (rc = vrConfPropUInt(child, "cache", 10, &p->cache)) < 0)
            return -1;
        p->hasCache = rc > 0;
        if (vrConfPropChoiceRequired(child, "type", accessTypes, &p->type) < 0 ||
            vrConfPropULLongRequired(child, "value", 10, &p->value) < 0)
            return -1;
        if (p->bandwidth && vrCapsParseUnit(child, "unit", true, &p->unit) < 0)
            return -1;
    }
    return 0;
}

static int
vrCapsParseTopology(xmlNodePtr node, vrCapsHost *host)
{
    xmlNodePtr cells = vrXMLChild(node, "cells");
    xmlNodePtr ic;
    unsigned int num;

    host->hasTopology = true;
    if (!cells) {
        vrConfReportMissingElement(node, "cells");
        return -1;
    }
    if (vrConfPropUIntRequired(cells, "num", 10, &num) < 0)
        return -1;
    vrXMLForEachNamed(cells, "cell", c) {
        vrCapsNUMACell *cell = g_new0(vrCapsNUMACell, 1);
        VR_CONF_APPEND(host->cells, host->ncells, cell);
        if (vrCapsParseCell(c, cell) < 0)
            return -1;
    }
    if ((ic = vrXMLChild(node, "interconnects")) && vrCapsParseInterconnects(ic, host) < 0)
        return -1;
    return 0;
}

static int
vrCapsParseControl(xmlNodePtr node, bool cache, vrCapsControl *ctl)
{
    int rc;

    if (vrConfPropUIntRequired(node, "granularity", 10, &ctl->granularity) < 0 ||
        (rc = vrConfPropUInt(node, "min", 10, &ctl->min)) < 0)
        return -1;
    ctl->hasMin = rc > 0;
    if (cache && (vrCapsParseUnit(node, "unit", true, &ctl->unit) < 0 ||
                  vrConfPropChoiceRequired(node, "type", cacheTypes, &ctl->type) < 0))
        return -1;
    return vrConfPropUIntRequired(node, "maxAllocs", 10, &ctl->maxAllocs) < 0 ? -1 : 0;
}

static int
vrCapsParseBank(xmlNodePtr node, bool cache, vrCapsBank *bank)
{
    if (vrConfPropUIntRequired(node, "id", 10, &bank->id) < 0)
        return -1;
    if (cache &&
        (vrConfPropUIntRequired(node, "level", 10, &bank->level) < 0 ||
         vrConfPropChoiceRequired(node, "type", cacheTypes, &bank->type) < 0 ||
         vrConfPropULLongRequired(node, "size", 10, &bank->size) < 0 ||
         vrCapsParseUnit(node, "unit", true, &bank->unit) < 0))
        return -1;
    if (!(bank->cpus = vrConfPropRequired(node, "cpus")))
        return -1;
    vrXMLForEachNamed(node, "control", c) {
        vrCapsControl ctl = { 0 };
        VR_CONF_APPEND(bank->controls, bank->ncontrols, ctl);
        if (vrCapsParseControl(c, cache, &bank->controls[bank->ncontrols - 1]) < 0)
            return -1;
    }
    return 0;
}

static int
vrCapsParseMonitor(xmlNodePtr node, vrCapsMonitor *mon)
{
    int rc;

    if (!node)
        return 0;
    mon->present = true;
    if ((rc = vrConfPropUInt(node, "level", 10, &mon->level)) < 0)
        return -1;
    if ((mon->hasLevel = rc > 0) &&
        vrConfPropUIntRequired(node, "reuseThreshold", 10, &mon->reuseThreshold) < 0)
        return -1;
    if (vrConfPropUIntRequired(node, "maxMonitors", 10, &mon->maxMonitors) < 0)
        return -1;
    vrXMLForEachNamed(node, "feature", f) {
        g_autofree char *name = vrConfPropRequired(f, "name");
        if (!name)
            return -1;
        vrConfStrAppend(&mon->features, name);
    }
    return 0;
}

static int
vrCapsParseBanks(xmlNodePtr node, const char *name, bool cache, vrCapsBank **banks,
                 size_t *nbanks, vrCapsMonitor *mon)
{
    vrXMLForEachNamed(node, name, b) {
        vrCapsBank bank = { 0 };
        VR_CONF_APPEND(*banks, *nbanks, bank);
        if (vrCapsParseBank(b, cache, &(*banks)[*nbanks - 1]) < 0)
            return -1;
    }
    return vrCapsParseMonitor(vrXMLChild(node, "monitor"), mon);
}

static int
vrCapsParseSecModel(xmlNodePtr node, vrCapsSecModel *sec)
{
    if (!(sec->model = childText(node, "model"))) {
        vrConfReportMissingElement(node, "model");
        return -1;
    }
    if (!(sec->doi = childText(node, "doi")))
        sec->doi = g_strdup("");
    vrXMLForEachNamed(node, "baselabel", b) {
        vrCapsBaseLabel label = { vrConfPropRequired(b, "type"), NULL };
        if (!label.type)
            return -1;
        label.label = g_strstrip(vrXMLContent(b));
        VR_CONF_APPEND(sec->labels, sec->nlabels, label);
    }
    return 0;
}

static int
vrCapsParseHostMisc(xmlNodePtr node, vrCapsHost *host)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "power_management"))) {
        host->hasPowerMgmt = true;
        host->suspendMem = vrXMLChild(child, "suspend_mem") != NULL;
        host->suspendDisk = vrXMLChild(child, "suspend_disk") != NULL;
        host->suspendHybrid = vrXMLChild(child, "suspend_hybrid") != NULL;
    }
    if ((child = vrXMLChild(node, "iommu"))) {
        bool yes = false;
        if (vrConfPropYesNo(child, "support", &yes) < 0)
            return -1;
        host->iommu = yes ? VR_CAPS_IOMMU_YES : VR_CAPS_IOMMU_NO;
    }
    if ((child = vrXMLChild(node, "migration_features"))) {
        host->hasMigration = true;
        host->liveMigrate = vrXMLChild(child, "live") != NULL;
        vrXMLForEachNamed(vrXMLChild(child, "uri_transports"), "uri_transport", t) {
            g_autofree char *name = g_strstrip(vrXMLContent(t));
            if (!g_strv_contains(transports, name)) {
                vrConfReportBadContent(t, name);
                return -1;
            }
            vrConfStrAppend(&host->migrateTransports, name);
        }
    }
    host->netprefix = childText(node, "netprefix");
    return 0;
}

static int
vrCapsParseHost(xmlNodePtr node, vrCapsHost *host)
{
    xmlNodePtr child;
    g_autofree char *uuid = childText(node, "uuid");

    if (uuid) {
        if (vrUUIDParse(uuid, host->uuid) < 0) {
            vrConfReportBadContent(vrXMLChild(node, "uuid"), uuid);
            return -1;
        }
        host->hasUUID = true;
    }
    if (!(child = vrXMLChild(node, "cpu"))) {
        vrConfReportMissingElement(node, "cpu");
        return -1;
    }
    if (vrCapsParseHostCPU(child, &host->cpu) < 0 || vrCapsParseHostMisc(node, host) < 0)
        return -1;
    if ((child = vrXMLChild(node, "topology")) && vrCapsParseTopology(child, host) < 0)
        return -1;
    if ((child = vrXMLChild(node, "cache"))) {
        host->hasCache = true;
        if (vrCapsParseBanks(child, "bank", true, &host->banks, &host->nbanks,
                             &host->cacheMonitor) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "memory_bandwidth"))) {
        host->hasMemBW = true;
        if (vrCapsParseBanks(child, "node", false, &host->membwNodes, &host->nmembwNodes,
                             &host->membwMonitor) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "secmodel", s) {
        vrCapsSecModel *sec = g_new0(vrCapsSecModel, 1);
        VR_CONF_APPEND(host->secModels, host->nsecModels, sec);
        if (vrCapsParseSecModel(s, sec) < 0)
            return -1;
    }
    return 0;
}

/* ---- parsing: guests ----------------------------------------------- */

static int
vrCapsParseMachines(xmlNodePtr parent, vrCapsMachine **machines, size_t *nmachines)
{
    vrXMLForEachNamed(parent, "machine", m) {
        vrCapsMachine machine = { 0 };
        vrCapsMachine *p;

        VR_CONF_APPEND(*machines, *nmachines, machine);
        p = &(*machines)[*nmachines - 1];
        p->name = g_strstrip(vrXMLContent(m));
        p->canonical = vrXMLProp(m, "canonical");
        if (!*p->name) {
            vrConfReportBadContent(m, p->name);
            return -1;
        }
        if (vrConfPropUInt(m, "maxCpus", 10, &p->maxCpus) < 0 ||
            vrConfPropYesNo(m, "deprecated", &p->deprecated) < 0)
            return -1;
    }
    return 0;
}

static int
vrCapsParseGuestArch(xmlNodePtr arch, vrCapsGuest *guest)
{
    if (!(guest->arch = vrConfPropRequired(arch, "name")) ||
        vrConfChildUInt(arch, "wordsize", 10, &guest->wordsize) < 0)
        return -1;
    guest->emulator = childText(arch, "emulator");
    guest->loader = childText(arch, "loader");
    if (vrCapsParseMachines(arch, &guest->machines, &guest->nmachines) < 0)
        return -1;
    vrXMLForEachNamed(arch, "domain", d) {
        vrCapsGuestDomain *dom = g_new0(vrCapsGuestDomain, 1);

        VR_CONF_APPEND(guest->domains, guest->ndomains, dom);
        if (vrConfPropChoiceRequired(d, "type", virtTypes, &dom->type) < 0)
            return -1;
        dom->emulator = childText(d, "emulator");
        if (vrCapsParseMachines(d, &dom->machines, &dom->nmachines) < 0)
            return -1;
    }
    return 0;
}

static int
vrCapsParseGuestFeatures(xmlNodePtr node, vrCapsGuest *guest)
{
    vrXMLForEachChild(node, child) {
        int type = vrCapsGuestFeatureTypeFromString((const char *)child->name);
        vrCapsGuestFeature *f;

        if (type < 0) {
            vrReportError(VR_ERR_XML_ERROR, "unknown guest feature '%s'",
                          (const char *)child->name);
            return -1;
        }
        f = &guest->features[type];
        f->present = true;
        if (vrCapsGuestFeatureIsToggle(type)) {
            g_autofree char *def = vrConfPropRequired(child, "default");
            if (!def)
                return -1;
            if (!g_str_equal(def, "on") && !g_str_equal(def, "off")) {
                vrConfReportBadAttr(child, "default", def);
                return -1;
            }
            f->defaultOn = g_str_equal(def, "on");
            if (vrConfPropYesNoRequired(child, "toggle", &f->toggle) < 0)
                return -1;
        }
    }
    return 0;
}

static int
vrCapsParseGuest(xmlNodePtr node, vrCapsGuest *guest)
{
    xmlNodePtr arch = vrXMLChild(node, "arch");
    xmlNodePtr child;

    if (!(guest->osType = childText(node, "os_type"))) {
        vrConfReportMissingElement(node, "os_type");
        return -1;
    }
    if (!g_strv_contains(osTypes, guest->osType)) {
        vrConfReportBadContent(vrXMLChild(node, "os_type"), guest->osType);
        return -1;
    }
    if (!arch) {
        vrConfReportMissingElement(node, "arch");
        return -1;
    }
    if (vrCapsParseGuestArch(arch, guest) < 0)
        return -1;
    if ((child = vrXMLChild(node, "features")) && vrCapsParseGuestFeatures(child, guest) < 0)
        return -1;
    return 0;
}

vrCaps *
vrCapsParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(capabilities)", "capabilities",
                                             VR_FROM_CAPABILITIES);
    g_autoptr(vrCaps) caps = NULL;
    xmlNodePtr root, host;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    caps = g_new0(vrCaps, 1);
    if (!(host = vrXMLChild(root, "host"))) {
        vrConfReportMissingElement(root, "host");
        return NULL;
    }
    if (vrCapsParseHost(host, &caps->host) < 0)
        return NULL;
    vrXMLForEachNamed(root, "guest", g) {
        vrCapsGuest *guest = g_new0(vrCapsGuest, 1);
        VR_CONF_APPEND(caps->guests, caps->nguests, guest);
        if (vrCapsParseGuest(g, guest) < 0)
            return NULL;
    }
    return g_steal_pointer(&caps);
}

vrCaps *
vrCapsCopy(const vrCaps *caps)
{
    g_autofree char *xml = vrCapsFormat(caps);

    return vrCapsParseString(xml);
}

/* ---- formatting ---------------------------------------------------- */

static void
vrCapsFormatPages(vrBuf *buf, const vrCapsPages *pages, size_t n, bool withCount)
{
    size_t i;

    for (i = 0; i < n; i++) {
        vrBufAddLit(buf, "<pages");
        vrConfAttr(buf, "unit", pages[i].unit);
        vrBufAsprintf(buf, " size='%u'", pages[i].size);
        if (withCount)
            vrBufAsprintf(buf, ">%llu</pages>\n", pages[i].count);
        else
            vrBufAddLit(buf, "/>\n");
    }
}

static void
vrCapsFormatHostFlags(vrBuf *buf, const vrCapsHostCPU *cpu)
{
    if (!cpu->pae && !cpu->nonpae && !cpu->vmx && !cpu->svm)
        return;
    vrBufAddLit(buf, "<features>\n");
    vrBufAdjustIndent(buf, 2);
    if (cpu->pae)
        vrBufAddLit(buf, "<pae/>\n");
    if (cpu->nonpae)
        vrBufAddLit(buf, "<nonpae/>\n");
    if (cpu->vmx)
        vrBufAddLit(buf, "<vmx/>\n");
    if (cpu->svm)
        vrBufAddLit(buf, "<svm/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</features>\n");
}

static void
vrCapsFormatCPUShape(vrBuf *buf, const vrCapsHostCPU *cpu)
{
    if (cpu->hasTopology) {
        vrBufAsprintf(buf, "<topology sockets='%u'", cpu->sockets);
        if (cpu->hasDies)
            vrBufAsprintf(buf, " dies='%u'", cpu->dies);
        if (cpu->hasClusters)
            vrBufAsprintf(buf, " clusters='%u'", cpu->clusters);
        vrBufAsprintf(buf, " cores='%u' threads='%u'/>\n", cpu->cores, cpu->threads);
    }
    if (cpu->maxphysaddrMode) {
        vrBufAsprintf(buf, "<maxphysaddr mode='%s'", cpu->maxphysaddrMode);
        if (cpu->hasMaxphysaddrBits)
            vrBufAsprintf(buf, " bits='%u'", cpu->maxphysaddrBits);
        if (cpu->hasMaxphysaddrLimit)
            vrBufAsprintf(buf, " limit='%u'", cpu->maxphysaddrLimit);
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrCapsFormatHostCPU(vrBuf *buf, const vrCapsHostCPU *cpu)
{
    size_t i;

    vrBufAddLit(buf, "<cpu>\n");
    vrBufAdjustIndent(buf, 2);
    vrConfTextPrintf(buf, "<arch>%s</arch>\n", cpu->arch);
    vrCapsFormatHostFlags(buf, cpu);
    if (cpu->model)
        vrConfTextPrintf(buf, "<model>%s</model>\n", cpu->model);
    if (cpu->vendor)
        vrConfTextPrintf(buf, "<vendor>%s</vendor>\n", cpu->vendor);
    if (cpu->hasMicrocode)
        vrBufAsprintf(buf, "<microcode version='%llu'/>\n", cpu->microcode);
    if (cpu->hasSignature)
        vrBufAsprintf(buf, "<signature family='%u' model='%u' stepping='%u'/>\n",
                      cpu->sigFamily, cpu->sigModel, cpu->sigStepping);
    if (cpu->hasCounter) {
        vrBufAddLit(buf, "<counter");
        vrConfAttr(buf, "name", cpu->counterName);
        vrBufAsprintf(buf, " frequency='%llu' scaling='%s'/>\n", cpu->counterFrequency,
                      cpu->counterScaling ? "yes" : "no");
    }
    vrCapsFormatCPUShape(buf, cpu);
    for (i = 0; i < vrConfStrCount(cpu->features); i++)
        vrConfAttrPrintf(buf, "<feature name='%s'/>\n",
                             g_ptr_array_index(cpu->features, i));
    vrCapsFormatPages(buf, cpu->pages, cpu->npages, false);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cpu>\n");
}

static void
vrCapsFormatHostMisc(vrBuf *buf, const vrCapsHost *host)
{
    size_t i;

    if (host->hasPowerMgmt) {
        if (host->suspendMem || host->suspendDisk || host->suspendHybrid) {
            vrBufAddLit(buf, "<power_management>\n");
            vrBufAdjustIndent(buf, 2);
            if (host->suspendMem)
                vrBufAddLit(buf, "<suspend_mem/>\n");
            if (host->suspendDisk)
                vrBufAddLit(buf, "<suspend_disk/>\n");
            if (host->suspendHybrid)
                vrBufAddLit(buf, "<suspend_hybrid/>\n");
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</power_management>\n");
        } else {
            vrBufAddLit(buf, "<power_management/>\n");
        }
    }
    if (host->iommu != VR_CAPS_IOMMU_ABSENT)
        vrBufAsprintf(buf, "<iommu support='%s'/>\n",
                      host->iommu == VR_CAPS_IOMMU_YES ? "yes" : "no");
    if (host->hasMigration) {
        vrBufAddLit(buf, "<migration_features>\n");
        vrBufAdjustIndent(buf, 2);
        if (host->liveMigrate)
            vrBufAddLit(buf, "<live/>\n");
        if (vrConfStrCount(host->migrateTransports)) {
            vrBufAddLit(buf, "<uri_transports>\n");
            vrBufAdjustIndent(buf, 2);
            for (i = 0; i < host->migrateTransports->len; i++)
                vrConfTextPrintf(buf, "<uri_transport>%s</uri_transport>\n",
                                     g_ptr_array_index(host->migrateTransports, i));
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</uri_transports>\n");
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</migration_features>\n");
    }
    if (host->netprefix)
        vrConfTextPrintf(buf, "<netprefix>%s</netprefix>\n", host->netprefix);
}

static void
vrCapsFormatCellCPUs(vrBuf *buf, const vrCapsNUMACell *cell)
{
    size_t i;

    vrBufAsprintf(buf, "<cpus num='%zu'>\n", cell->ncpus);
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < cell->ncpus; i++) {
        const vrCapsCellCPU *cpu = &cell->cpus[i];
        vrBufAsprintf(buf, "<cpu id='%u'", cpu->id);
        if (cpu->hasSocket)
            vrBufAsprintf(buf, " socket_id='%u'", cpu->socket);
        if (cpu->hasDie)
            vrBufAsprintf(buf, " die_id='%u'", cpu->die);
        if (cpu->hasCluster)
            vrBufAsprintf(buf, " cluster_id='%u'", cpu->cluster);
        if (cpu->hasCore)
            vrBufAsprintf(buf, " core_id='%u'", cpu->core);
        vrConfAttr(buf, "siblings", cpu->siblings);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cpus>\n");
}

static void
vrCapsFormatCell(vrBuf *buf, const vrCapsNUMACell *cell)
{
    size_t i;

    vrBufAsprintf(buf, "<cell id='%u'>\n", cell->id);
    vrBufAdjustIndent(buf, 2);
    if (cell->hasMemory) {
        vrBufAddLit(buf, "<memory");
        vrConfAttr(buf, "unit", cell->memoryUnit);
        vrBufAsprintf(buf, ">%llu</memory>\n", cell->memory);
    }
    vrCapsFormatPages(buf, cell->pages, cell->npages, true);
    if (cell->ndistances) {
        vrBufAddLit(buf, "<distances>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < cell->ndistances; i++)
            vrBufAsprintf(buf, "<sibling id='%u' value='%u'/>\n",
                          cell->distances[i].id, cell->distances[i].value);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</distances>\n");
    }
    for (i = 0; i < cell->ncaches; i++) {
        const vrCapsNUMACache *c = &cell->caches[i];
        vrBufAsprintf(buf, "<cache level='%u' associativity='%s' policy='%s'>\n",
                      c->level, c->associativity, c->policy);
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<size value='%llu'", c->size);
        vrConfAttr(buf, "unit", c->sizeUnit);
        vrBufAddLit(buf, "/>\n");
        vrBufAsprintf(buf, "<line value='%llu'", c->line);
        vrConfAttr(buf, "unit", c->lineUnit);
        vrBufAddLit(buf, "/>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</cache>\n");
    }
    if (cell->hasCpus)
        vrCapsFormatCellCPUs(buf, cell);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cell>\n");
}

static void
vrCapsFormatTopology(vrBuf *buf, const vrCapsHost *host)
{
    size_t i;

    if (!host->hasTopology)
        return;
    vrBufAddLit(buf, "<topology>\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<cells num='%zu'>\n", host->ncells);
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < host->ncells; i++)
        vrCapsFormatCell(buf, host->cells[i]);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</cells>\n");
    if (host->hasInterconnects && host->ninterconnects) {
        vrBufAddLit(buf, "<interconnects>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < host->ninterconnects; i++) {
            const vrCapsInterconnect *ic = &host->interconnects[i];
            vrBufAsprintf(buf, "<%s initiator='%u' target='%u'",
                          ic->bandwidth ? "bandwidth" : "latency", ic->initiator, ic->target);
            if (ic->hasCache)
                vrBufAsprintf(buf, " cache='%u'", ic->cache);
            vrBufAsprintf(buf, " type='%s' value='%llu'", ic->type, ic->value);
            vrConfAttr(buf, "unit", ic->unit);
            vrBufAddLit(buf, "/>\n");
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</interconnects>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</topology>\n");
}

static void
vrCapsFormatMonitor(vrBuf *buf, const vrCapsMonitor *mon)
{
    size_t i;

    if (!mon->present)
        return;
    vrBufAddLit(buf, "<monitor");
    if (mon->hasLevel)
        vrBufAsprintf(buf, " level='%u' reuseThreshold='%u'", mon->level, mon->reuseThreshold);
    vrBufAsprintf(buf, " maxMonitors='%u'>\n", mon->maxMonitors);
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < vrConfStrCount(mon->features); i++)
        vrConfAttrPrintf(buf, "<feature name='%s'/>\n", g_ptr_array_index(mon->features, i));
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</monitor>\n");
}

static void
vrCapsFormatBanks(vrBuf *buf, const char *element, const char *item, bool cache,
                  const vrCapsBank *banks, size_t n, const vrCapsMonitor *mon)
{
    size_t i, j;

    vrBufAsprintf(buf, "<%s>\n", element);
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < n; i++) {
        const vrCapsBank *b = &banks[i];
        vrBufAsprintf(buf, "<%s id='%u'", item, b->id);
        if (cache)
            vrBufAsprintf(buf, " level='%u' type='%s' size='%llu' unit='%s'",
                          b->level, b->type, b->size, b->unit);
        vrConfAttr(buf, "cpus", b->cpus);
        if (!b->ncontrols) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        for (j = 0; j < b->ncontrols; j++) {
            const vrCapsControl *c = &b->controls[j];
            vrBufAsprintf(buf, "<control granularity='%u'", c->granularity);
            if (c->hasMin)
                vrBufAsprintf(buf, " min='%u'", c->min);
            if (cache)
                vrBufAsprintf(buf, " unit='%s' type='%s'", c->unit, c->type);
            vrBufAsprintf(buf, " maxAllocs='%u'/>\n", c->maxAllocs);
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAsprintf(buf, "</%s>\n", item);
    }
    vrCapsFormatMonitor(buf, mon);
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", element);
}

static void
vrCapsFormatSecModel(vrBuf *buf, const vrCapsSecModel *sec)
{
    size_t i;

    vrBufAddLit(buf, "<secmodel>\n");
    vrBufAdjustIndent(buf, 2);
    vrConfTextPrintf(buf, "<model>%s</model>\n", sec->model);
    vrConfTextPrintf(buf, "<doi>%s</doi>\n", sec->doi);
    for (i = 0; i < sec->nlabels; i++) {
        vrBufAddLit(buf, "<baselabel");
        vrConfAttr(buf, "type", sec->labels[i].type);
        vrConfTextPrintf(buf, ">%s</baselabel>\n", sec->labels[i].label);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</secmodel>\n");
}

static void
vrCapsFormatHost(vrBuf *buf, const vrCapsHost *host)
{
    char uuid[VR_UUID_STRING_BUFLEN];
    size_t i;

    vrBufAddLit(buf, "<host>\n");
    vrBufAdjustIndent(buf, 2);
    if (host->hasUUID)
        vrBufAsprintf(buf, "<uuid>%s</uuid>\n", vrUUIDFormat(host->uuid, uuid));
    vrCapsFormatHostCPU(buf, &host->cpu);
    vrCapsFormatHostMisc(buf, host);
    vrCapsFormatTopology(buf, host);
    if (host->hasCache)
        vrCapsFormatBanks(buf, "cache", "bank", true, host->banks, host->nbanks,
                          &host->cacheMonitor);
    if (host->hasMemBW)
        vrCapsFormatBanks(buf, "memory_bandwidth", "node", false, host->membwNodes,
                          host->nmembwNodes, &host->membwMonitor);
    for (i = 0; i < host->nsecModels; i++)
        vrCapsFormatSecModel(buf, host->secModels[i]);
    vrBufAdjustIndent(buf, -2);
    /* libvirt separates the host and each guest by a blank line; one call
     * keeps the blank line free of indentation. */
    vrBufAddLit(buf, "</host>\n\n");
}

static void
vrCapsFormatMachines(vrBuf *buf, const vrCapsMachine *machines, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        vrBufAddLit(buf, "<machine");
        vrConfAttr(buf, "canonical", machines[i].canonical);
        if (machines[i].maxCpus > 0)
            vrBufAsprintf(buf, " maxCpus='%u'", machines[i].maxCpus);
        if (machines[i].deprecated)
            vrBufAddLit(buf, " deprecated='yes'");
        vrConfTextPrintf(buf, ">%s</machine>\n", machines[i].name);
    }
}

static void
vrCapsFormatGuestArch(vrBuf *buf, const vrCapsGuest *guest)
{
    size_t i;

    vrConfAttrPrintf(buf, "<arch name='%s'>\n", guest->arch);
    vrBufAdjustIndent(buf, 2);
    if (guest->wordsize)
        vrBufAsprintf(buf, "<wordsize>%u</wordsize>\n", guest->wordsize);
    if (guest->emulator)
        vrConfTextPrintf(buf, "<emulator>%s</emulator>\n", guest->emulator);
    if (guest->loader)
        vrConfTextPrintf(buf, "<loader>%s</loader>\n", guest->loader);
    vrCapsFormatMachines(buf, guest->machines, guest->nmachines);
    for (i = 0; i < guest->ndomains; i++) {
        const vrCapsGuestDomain *dom = guest->domains[i];

        vrConfAttrPrintf(buf, "<domain type='%s'", dom->type);
        if (!dom->emulator && !dom->nmachines) {
            vrBufAddLit(buf, "/>\n");
            continue;
        }
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        if (dom->emulator)
            vrConfTextPrintf(buf, "<emulator>%s</emulator>\n", dom->emulator);
        vrCapsFormatMachines(buf, dom->machines, dom->nmachines);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</domain>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</arch>\n");
}

static void
vrCapsFormatGuestFeatures(vrBuf *buf, const vrCapsGuest *guest)
{
    bool any = false;
    int i;

    for (i = 0; i < VR_CAPS_GUEST_FEATURE_LAST; i++)
        any |= guest->features[i].present;
    if (!any)
        return;
    vrBufAddLit(buf, "<features>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_CAPS_GUEST_FEATURE_LAST; i++) {
        const vrCapsGuestFeature *f = &guest->features[i];
        if (!f->present)
            continue;
        if (vrCapsGuestFeatureIsToggle(i))
            vrBufAsprintf(buf, "<%s default='%s' toggle='%s'/>\n",
                          vrCapsGuestFeatureTypeToString(i), f->defaultOn ? "on" : "off",
                          f->toggle ? "yes" : "no");
        else
            vrBufAsprintf(buf, "<%s/>\n", vrCapsGuestFeatureTypeToString(i));
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</features>\n");
}

static void
vrCapsFormatGuest(vrBuf *buf, const vrCapsGuest *guest)
{
    vrBufAddLit(buf, "<guest>\n");
    vrBufAdjustIndent(buf, 2);
    vrConfTextPrintf(buf, "<os_type>%s</os_type>\n", guest->osType);
    vrCapsFormatGuestArch(buf, guest);
    vrCapsFormatGuestFeatures(buf, guest);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</guest>\n\n");
}

char *
vrCapsFormat(const vrCaps *caps)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    size_t i;

    vrBufAddLit(&buf, "<capabilities>\n\n");
    vrBufAdjustIndent(&buf, 2);
    vrCapsFormatHost(&buf, &caps->host);
    for (i = 0; i < caps->nguests; i++)
        vrCapsFormatGuest(&buf, caps->guests[i]);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</capabilities>\n");
    return vrBufContent(&buf);
}

/* ---- building ------------------------------------------------------ */

vrCaps *
vrCapsNew(const char *hostArch)
{
    vrCaps *caps = g_new0(vrCaps, 1);

    caps->host.cpu.arch = g_strdup(hostArch);
    caps->host.hasPowerMgmt = true;
    return caps;
}

void
vrCapsHostAddFeature(vrCaps *caps, const char *name)
{
    vrConfStrAppend(&caps->host.cpu.features, name);
}

void
vrCapsHostAddPages(vrCaps *caps, unsigned int sizeKiB)
{
    vrCapsPages p = { g_strdup("KiB"), sizeKiB, 0 };

    VR_CONF_APPEND(caps->host.cpu.pages, caps->host.cpu.npages, p);
}

vrCapsNUMACell *
vrCapsAddNUMACell(vrCaps *caps, unsigned int id, unsigned long long memoryKiB)
{
    vrCapsNUMACell *cell = g_new0(vrCapsNUMACell, 1);

    cell->id = id;
    cell->hasMemory = true;
    cell->memory = memoryKiB;
    cell->memoryUnit = g_strdup("KiB");
    cell->hasCpus = true;
    caps->host.hasTopology = true;
    VR_CONF_APPEND(caps->host.cells, caps->host.ncells, cell);
    return cell;
}

void
vrCapsCellAddPages(vrCapsNUMACell *cell, unsigned int sizeKiB, unsigned long long count)
{
    vrCapsPages p = { g_strdup("KiB"), sizeKiB, count };

    VR_CONF_APPEND(cell->pages, cell->npages, p);
}

void
vrCapsCellAddCPU(vrCapsNUMACell *cell, unsigned int id, unsigned int socket,
                 unsigned int die, unsigned int core, const char *siblings)
{
    vrCapsCellCPU cpu = { id, true, true, false, true, socket, die, 0, core,
                          g_strdup(siblings) };

    VR_CONF_APPEND(cell->cpus, cell->ncpus, cpu);
}

vrCapsSecModel *
vrCapsAddSecModel(vrCaps *caps, const char *model, const char *doi)
{
    vrCapsSecModel *sec = g_new0(vrCapsSecModel, 1);

    sec->model = g_strdup(model);
    sec->doi = g_strdup(doi ? doi : "");
    VR_CONF_APPEND(caps->host.secModels, caps->host.nsecModels, sec);
    return sec;
}

void
vrCapsSecModelAddBaseLabel(vrCapsSecModel *sec, const char *type, const char *label)
{
    vrCapsBaseLabel l = { g_strdup(type), g_strdup(label) };

    VR_CONF_APPEND(sec->labels, sec->nlabels, l);
}

vrCapsGuest *
vrCapsAddGuest(vrCaps *caps, const char *osType, const char *arch,
               unsigned int wordsize, const char *emulator)
{
    vrCapsGuest *guest = g_new0(vrCapsGuest, 1);

    guest->osType = g_strdup(osType);
    guest->arch = g_strdup(arch);
    guest->wordsize = wordsize;
    guest->emulator = g_strdup(emulator);
    VR_CONF_APPEND(caps->guests, caps->nguests, guest);
    return guest;
}

void
vrCapsGuestAddMachine(vrCapsGuest *guest, const char *name, const char *canonical,
                      unsigned int maxCpus)
{
    vrCapsMachine m = { g_strdup(name), g_strdup(canonical), maxCpus, false };

    VR_CONF_APPEND(guest->machines, guest->nmachines, m);
}

vrCapsGuestDomain *
vrCapsGuestAddDomain(vrCapsGuest *guest, const char *type, const char *emulator)
{
    vrCapsGuestDomain *dom = g_new0(vrCapsGuestDomain, 1);

    dom->type = g_strdup(type);
    dom->emulator = g_strdup(emulator);
    VR_CONF_APPEND(guest->domains, guest->ndomains, dom);
    return dom;
}

void
vrCapsGuestSetFeature(vrCapsGuest *guest, int feature, bool defaultOn, bool toggle)
{
    if (feature < 0 || feature >= VR_CAPS_GUEST_FEATURE_LAST)
        return;
    guest->features[feature].present = true;
    guest->features[feature].defaultOn = defaultOn;
    guest->features[feature].toggle = toggle;
}
