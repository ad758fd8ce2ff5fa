/*
 * qemu_command_machine.c: the platform part of the command line:
 * firmware, -machine, -accel, -cpu, -m and memory backends, -smp, I/O
 * threads, -numa, -smbios, the clock and the boot options.
 */
#include <config.h>

#include <string.h>
#include <time.h>

#include "qemu_command_priv.h"
#include "qemu_json.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* ---- firmware ---------------------------------------------------------- */

static void
vrQemuBuildPflash(vrQemuBuild *b, unsigned int unit, const char *path, bool readonly)
{
    g_autofree char *storage = g_strdup_printf("vireo-pflash%u-storage", unit);
    g_autofree char *format = g_strdup_printf("vireo-pflash%u-format", unit);
    json_object *o = vrQemuJSONObj("driver", "file");

    vrQemuJSONStr(o, "filename", path);
    vrQemuJSONStr(o, "node-name", storage);
    vrQemuJSONBool(o, "auto-read-only", true);
    vrQemuJSONStr(o, "discard", "unmap");
    vrQemuBuildArgJSON(b, "-blockdev", o);
    o = vrQemuJSONObj("node-name", format);
    vrQemuJSONBool(o, "read-only", readonly);
    vrQemuJSONStr(o, "driver", "raw");
    vrQemuJSONStr(o, "file", storage);
    vrQemuBuildArgJSON(b, "-blockdev", o);
    vrQemuKeyval(b->machineExtra, unit ? "pflash1" : "pflash0", format);
}

int
vrQemuBuildFirmware(vrQemuBuild *b)
{
    const vrDomainOSDef *os = &b->def->os;

    if (!os->loader) {
        if (os->firmware == VR_DOMAIN_FIRMWARE_EFI) {
            vrQemuRefuse(b, "%s", "<os firmware='efi'> was not resolved to a loader before the start");
            return -1;
        }
        return 0;
    }
    if (os->loaderType != VR_DOMAIN_LOADER_TYPE_PFLASH) {
        vrQemuBuildArgPair(b, "-bios", os->loader);
        return 0;
    }
    vrQemuBuildPflash(b, 0, os->loader, os->loaderReadonly == VR_TRISTATE_ON);
    if (os->nvram)
        vrQemuBuildPflash(b, 1, os->nvram, false);
    return 0;
}

/* ---- -machine and -accel --------------------------------------------- */

static bool
vrQemuFeatureOn(const vrDomainDef *def, int feature)
{
    return def->features.state[feature] == VR_TRISTATE_ON;
}

static const vrDomainTimerDef *
vrQemuTimer(const vrDomainDef *def, int name)
{
    size_t i;

    for (i = 0; i < def->clock.ntimers; i++) {
        if (def->clock.timers[i].name == name)
            return &def->clock.timers[i];
    }
    return NULL;
}

static bool
vrQemuHasNVDIMM(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nmemories; i++) {
        if (def->memories[i]->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM)
            return true;
    }
    return false;
}

/* The audio back-end of the PC speaker, 0 without one. */
static int
vrQemuPCSpeakerAudio(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nsounds; i++) {
        const vrDomainSoundDef *s = b->def->sounds[i];
        if (s->model == VR_DOMAIN_SOUND_MODEL_PCSPK)
            return s->audioId ? (int)s->audioId : b->audioId;
    }
    return 0;
}

/* The RAM backend id the machine type expects ("pc.ram"), or NULL when
 * NUMA cells carry the memory. */
static const char *
vrQemuMainRAMId(vrQemuBuild *b)
{
    const vrQemuMachine *m = vrQemuCapsMachine(b->p->caps, b->def->os.machine);

    if (b->def->numa.ncells || !m)
        return NULL;
    return m->defaultRAMId;
}

static int
vrQemuMachineFeatures(vrQemuBuild *b, GString *s)
{
    const vrDomainDef *def = b->def;
    const vrDomainFeaturesDef *f = &def->features;
    const vrDomainTimerDef *hpet = vrQemuTimer(def, VR_DOMAIN_TIMER_NAME_HPET);

    if (f->state[VR_DOMAIN_FEATURE_VMPORT] != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "vmport", f->state[VR_DOMAIN_FEATURE_VMPORT] == VR_TRISTATE_ON ? "on" : "off");
    if (f->state[VR_DOMAIN_FEATURE_SMM] != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "smm", f->state[VR_DOMAIN_FEATURE_SMM] == VR_TRISTATE_ON ? "on" : "off");
    else if (def->os.loaderSecure == VR_TRISTATE_ON)
        vrQemuKeyval(s, "smm", "on");
    if (f->ioapicDriver == 2 || (def->iommu && def->iommu->intremap == VR_TRISTATE_ON))
        vrQemuKeyval(s, "kernel_irqchip", "split");
    else if (f->ioapicDriver == 1)
        vrQemuKeyval(s, "kernel_irqchip", "on");
    vrQemuKeyval(s, "dump-guest-core",
                 def->memoryDumpCore && g_str_equal(def->memoryDumpCore, "on") ? "on" : "off");
    if (def->memoryBacking.nosharepages)
        vrQemuKeyval(s, "mem-merge", "off");
    if (!vrQemuFeatureOn(def, VR_DOMAIN_FEATURE_ACPI) && (b->i440fx || b->q35))
        vrQemuKeyval(s, "acpi", "off");
    /* SeaBIOS writes to the first serial port (QEMU's replacement of
     * the deprecated sga device) */
    if (def->os.biosUseserial == VR_TRISTATE_ON && (b->i440fx || b->q35))
        vrQemuKeyval(s, "graphics", "off");
    if (hpet && hpet->present == VR_TRISTATE_OFF)
        vrQemuKeyval(s, "hpet", "off");
    else if (hpet && hpet->present == VR_TRISTATE_ON)
        vrQemuKeyval(s, "hpet", "on");
    return 0;
}

int
vrQemuBuildMachine(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    g_autoptr(GString) s = g_string_new(NULL);
    g_autoptr(GString) accel = g_string_new(b->kvm ? "kvm" : "tcg");
    const char *ram = vrQemuMainRAMId(b);

    vrQemuKeyvalBare(s, def->os.machine);
    vrQemuKeyval(s, "usb", "off");
    if (vrQemuMachineFeatures(b, s) < 0)
        return -1;
    if (ram)
        vrQemuKeyval(s, "memory-backend", ram);
    if (vrQemuHasNVDIMM(def))
        vrQemuKeyval(s, "nvdimm", "on");
    if (vrQemuPCSpeakerAudio(b))
        vrQemuKeyvalFormat(s, "pcspk-audiodev", "audio%d", vrQemuPCSpeakerAudio(b));
    if (b->machineExtra->len)
        g_string_append_printf(s, ",%s", b->machineExtra->str);
    vrQemuBuildArgPair(b, "-machine", s->str);

    if (def->features.tcgTbCache && !b->kvm)
        vrQemuKeyvalFormat(accel, "tb-size", "%llu", def->features.tcgTbCache / 1024);
    if (def->features.kvm[VR_DOMAIN_KVM_DIRTY_RING] == VR_TRISTATE_ON && b->kvm)
        vrQemuKeyvalFormat(accel, "dirty-ring-size", "%u", def->features.kvmDirtyRingSize);
    vrQemuBuildArgPair(b, "-accel", accel->str);
    return 0;
}

/* ---- -cpu ------------------------------------------------------------ */

static const char *const vrQemuHypervNames[VR_DOMAIN_HYPERV_LAST] = {
    "hv-relaxed", "hv-vapic", "hv-spinlocks", "hv-vpindex", "hv-runtime", "hv-synic",
    "hv-stimer", "hv-reset", "hv-vendor-id", "hv-frequencies", "hv-reenlightenment",
    "hv-tlbflush", "hv-ipi", "hv-evmcs", "hv-avic",
};

static void
vrQemuCPUHyperv(const vrDomainDef *def, GString *s)
{
    const vrDomainFeaturesDef *f = &def->features;
    size_t i;

    if (f->state[VR_DOMAIN_FEATURE_HYPERV] != VR_TRISTATE_ON)
        return;
    if (f->hypervMode == 1) {
        vrQemuKeyval(s, "hv-passthrough", "on");
        return;
    }
    for (i = 0; i < VR_DOMAIN_HYPERV_LAST; i++) {
        if (f->hyperv[i] != VR_TRISTATE_ON)
            continue;
        if (i == VR_DOMAIN_HYPERV_SPINLOCKS)
            vrQemuKeyvalFormat(s, vrQemuHypervNames[i], "0x%x", f->hypervSpinlocks);
        else if (i == VR_DOMAIN_HYPERV_VENDOR_ID)
            vrQemuKeyval(s, vrQemuHypervNames[i], f->hypervVendorId);
        else
            vrQemuKeyval(s, vrQemuHypervNames[i], "on");
        if (i == VR_DOMAIN_HYPERV_STIMER && f->hypervStimerDirect == VR_TRISTATE_ON)
            vrQemuKeyval(s, "hv-stimer-direct", "on");
    }
}

static void
vrQemuCPUFeatureFlags(const vrDomainDef *def, GString *s)
{
    const vrDomainFeaturesDef *f = &def->features;
    const vrDomainTimerDef *t;

    if (f->state[VR_DOMAIN_FEATURE_KVM] == VR_TRISTATE_ON) {
        if (f->kvm[VR_DOMAIN_KVM_HIDDEN] == VR_TRISTATE_ON)
            vrQemuKeyval(s, "kvm", "off");
        if (f->kvm[VR_DOMAIN_KVM_HINT_DEDICATED] == VR_TRISTATE_ON)
            vrQemuKeyval(s, "kvm-hint-dedicated", "on");
        if (f->kvm[VR_DOMAIN_KVM_POLL_CONTROL] == VR_TRISTATE_ON)
            vrQemuKeyval(s, "kvm-poll-control", "on");
        if (f->kvm[VR_DOMAIN_KVM_PV_IPI] != VR_TRISTATE_ABSENT)
            vrQemuKeyval(s, "kvm-pv-ipi", f->kvm[VR_DOMAIN_KVM_PV_IPI] == VR_TRISTATE_ON ? "on" : "off");
    }
    if (f->state[VR_DOMAIN_FEATURE_PVSPINLOCK] != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "kvm-pv-unhalt",
                     f->state[VR_DOMAIN_FEATURE_PVSPINLOCK] == VR_TRISTATE_ON ? "on" : "off");
    if (f->state[VR_DOMAIN_FEATURE_PMU] != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "pmu", f->state[VR_DOMAIN_FEATURE_PMU] == VR_TRISTATE_ON ? "on" : "off");
    if (f->apicEoi != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "kvm-pv-eoi", f->apicEoi == VR_TRISTATE_ON ? "on" : "off");
    vrQemuCPUHyperv(def, s);
    for (size_t i = 0; i < def->npanics; i++) {
        if (def->panics[i]->model == VR_DOMAIN_PANIC_MODEL_HYPERV)
            vrQemuKeyval(s, "hv-crash", "on");
    }
    if ((t = vrQemuTimer(def, VR_DOMAIN_TIMER_NAME_KVMCLOCK)) && t->present != VR_TRISTATE_ABSENT)
        vrQemuKeyval(s, "kvmclock", t->present == VR_TRISTATE_ON ? "on" : "off");
    if ((t = vrQemuTimer(def, VR_DOMAIN_TIMER_NAME_HYPERVCLOCK)) && t->present == VR_TRISTATE_ON)
        vrQemuKeyval(s, "hv-time", "on");
    if ((t = vrQemuTimer(def, VR_DOMAIN_TIMER_NAME_TSC)) && t->frequency)
        vrQemuKeyvalFormat(s, "tsc-frequency", "%llu", t->frequency);
}

static void
vrQemuCPUModelFeatures(const vrDomainCPUDef *cpu, GString *s)
{
    size_t i;

    for (i = 0; i < cpu->nfeatures; i++) {
        const vrDomainCPUFeature *feat = &cpu->features[i];
        bool on = feat->policy == VR_CPU_FEATURE_FORCE || feat->policy == VR_CPU_FEATURE_REQUIRE ||
                  feat->policy == VR_CPU_FEATURE_OPTIONAL;
        vrQemuKeyval(s, feat->name, on ? "on" : "off");
    }
}

static bool
vrQemuCPUModelKnown(vrQemuBuild *b, const char *model)
{
    const vrQemuCPUModel *models = NULL;
    size_t n = vrQemuCapsCPUModels(b->p->caps, b->kvm ? VR_QEMU_ACCEL_KVM : VR_QEMU_ACCEL_TCG,
                                   &models);
    size_t i;

    if (!n)
        return true;          /* nothing recorded: QEMU will judge */
    for (i = 0; i < n; i++) {
        if (g_str_equal(models[i].name, model))
            return true;
    }
    return false;
}

static int
vrQemuCPUBase(vrQemuBuild *b, GString *s)
{
    const vrDomainCPUDef *cpu = &b->def->cpu;

    switch ((vrCPUMode)cpu->mode) {
    case VR_CPU_MODE_HOST_PASSTHROUGH:
        if (!b->kvm) {
            vrQemuRefuse(b, "%s", "CPU mode 'host-passthrough' needs KVM (<domain type='kvm'>), "
                         "this guest runs under TCG");
            return -1;
        }
        vrQemuKeyvalBare(s, "host");
        if (cpu->migratable && g_str_equal(cpu->migratable, "off"))
            vrQemuKeyval(s, "migratable", "off");
        return 0;
    case VR_CPU_MODE_HOST_MODEL:
        /* TCG has no host CPU to model: 'max' is all it can offer */
        vrQemuKeyvalBare(s, b->kvm ? "host" : "max");
        return 0;
    case VR_CPU_MODE_MAXIMUM:
        vrQemuKeyvalBare(s, "max");
        return 0;
    case VR_CPU_MODE_CUSTOM:
    case VR_CPU_MODE_LAST:
        break;
    }
    if (!cpu->model)
        return 1;
    if (!vrQemuCPUModelKnown(b, cpu->model)) {
        vrQemuUnsupported(b, "CPU model '%s'", cpu->model);
        return -1;
    }
    vrQemuKeyvalBare(s, cpu->model);
    return 0;
}

int
vrQemuBuildCPU(vrQemuBuild *b)
{
    g_autoptr(GString) s = g_string_new(NULL);
    g_autoptr(GString) flags = g_string_new(NULL);
    int rc;

    if ((rc = vrQemuCPUBase(b, s)) < 0)
        return -1;
    vrQemuCPUModelFeatures(&b->def->cpu, flags);
    vrQemuCPUFeatureFlags(b->def, flags);
    if (rc > 0 && !flags->len)
        return 0;             /* QEMU's own default CPU */
    if (rc > 0) {
        vrQemuRefuse(b, "%s", "CPU features need a CPU model");
        return -1;
    }
    if (flags->len)
        g_string_append_printf(s, ",%s", flags->str);
    vrQemuBuildArgPair(b, "-cpu", s->str);
    return 0;
}

/* ---- memory ---------------------------------------------------------- */

/* The hugepage size for guest NUMA node @node (0 KiB: none). */
static unsigned long long
vrQemuHugepageSize(const vrDomainDef *def, int node)
{
    const vrDomainMemoryBackingDef *mb = &def->memoryBacking;
    size_t i;

    if (!mb->hugepages)
        return 0;
    for (i = 0; i < mb->npages; i++) {
        if (mb->pages[i].nodeset && node >= 0 && vrBitmapIsBitSet(mb->pages[i].nodeset, (size_t)node))
            return mb->pages[i].size;
    }
    for (i = 0; i < mb->npages; i++) {
        if (!mb->pages[i].nodeset)
            return mb->pages[i].size;
    }
    return 2048;
}

static void
vrQemuNumatuneBackend(vrQemuBuild *b, json_object *o, int node)
{
    const vrDomainNumatuneDef *nt = &b->def->numatune;
    const vrBitmap *nodes = nt->nodeset;
    int mode = nt->mode;
    static const char *const policies[] = { "bind", "preferred", "interleave", NULL };
    json_object *arr;
    size_t i;

    for (i = 0; node >= 0 && i < nt->nmemnodes; i++) {
        if (nt->memnodes[i].cellid == (unsigned int)node) {
            nodes = nt->memnodes[i].nodeset;
            mode = nt->memnodes[i].mode;
        }
    }
    if (!nt->present || !nodes || mode == VR_NUMATUNE_MODE_RESTRICTIVE ||
        nt->placement == VR_NUMATUNE_PLACEMENT_AUTO)
        return;
    arr = json_object_new_array();
    for (i = 0; i < vrBitmapSize(nodes); i++) {
        if (vrBitmapIsBitSet(nodes, i))
            json_object_array_add(arr, json_object_new_uint64(i));
    }
    vrQemuJSONAdd(o, "host-nodes", arr);
    vrQemuJSONStr(o, "policy", policies[mode]);
}

json_object *
vrQemuMemoryBackend(vrQemuBuild *b, const char *id, unsigned long long sizeKiB, int node,
                    const char *memAccess)
{
    const vrDomainMemoryBackingDef *mb = &b->def->memoryBacking;
    unsigned long long huge = vrQemuHugepageSize(b->def, node);
    const char *access = memAccess ? memAccess : mb->access;
    bool memfd = mb->source && g_str_equal(mb->source, "memfd");
    bool file = huge || (mb->source && g_str_equal(mb->source, "file"));
    json_object *o;

    if (memfd)
        o = vrQemuJSONObj("qom-type", "memory-backend-memfd");
    else if (file)
        o = vrQemuJSONObj("qom-type", "memory-backend-file");
    else
        o = vrQemuJSONObj("qom-type", "memory-backend-ram");
    vrQemuJSONStr(o, "id", id);
    if (memfd && huge) {
        vrQemuJSONBool(o, "hugetlb", true);
        vrQemuJSONUInt(o, "hugetlbsize", huge * 1024);
    } else if (file) {
        vrQemuJSONStr(o, "mem-path", huge ? "/dev/hugepages" : b->domainDir);
    }
    if (access && g_str_equal(access, "shared"))
        vrQemuJSONBool(o, "share", true);
    if (huge || (mb->allocation && g_str_equal(mb->allocation, "immediate")))
        vrQemuJSONBool(o, "prealloc", true);
    if (mb->allocationThreads)
        vrQemuJSONUInt(o, "prealloc-threads", mb->allocationThreads);
    /* only a file backend has a file to discard at exit */
    if (mb->discard && file && !memfd)
        vrQemuJSONBool(o, "discard-data", true);
    vrQemuJSONUInt(o, "size", sizeKiB * 1024);
    vrQemuNumatuneBackend(b, o, node);
    return o;
}

static unsigned long long
vrQemuInitialMemory(const vrDomainDef *def)
{
    unsigned long long mem = def->memory;
    size_t i;

    for (i = 0; i < def->nmemories; i++)
        mem -= MIN(mem, def->memories[i]->size);
    return mem;
}

int
vrQemuBuildMemory(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    g_autoptr(GString) s = g_string_new(NULL);
    unsigned long long initial = vrQemuInitialMemory(def);
    const char *ram = vrQemuMainRAMId(b);

    vrQemuKeyvalFormat(s, "size", "%lluk", initial);
    if (def->maxMemory) {
        vrQemuKeyvalFormat(s, "slots", "%u", def->maxMemorySlots);
        vrQemuKeyvalFormat(s, "maxmem", "%lluk", def->maxMemory);
    }
    vrQemuBuildArgPair(b, "-m", s->str);
    if (ram)
        vrQemuBuildArgJSON(b, "-object", vrQemuMemoryBackend(b, ram, initial, -1, NULL));
    vrQemuBuildArgPair(b, "-overcommit",
                       def->memoryBacking.locked ? "mem-lock=on" : "mem-lock=off");
    return 0;
}

/* ---- -smp, iothreads, -numa ------------------------------------------ */

int
vrQemuBuildSMP(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    const vrDomainCPUDef *cpu = &def->cpu;
    g_autoptr(GString) s = g_string_new(NULL);

    g_string_append_printf(s, "%u", def->vcpus);
    if (def->vcpus != def->maxvcpus)
        vrQemuKeyvalFormat(s, "maxcpus", "%u", def->maxvcpus);
    if (cpu->hasTopology) {
        if (cpu->sockets * cpu->dies * cpu->cores * cpu->threads != def->maxvcpus) {
            vrQemuRefuse(b, "CPU topology %u sockets x %u dies x %u cores x %u threads does not "
                         "match the %u vCPUs", cpu->sockets, cpu->dies, cpu->cores, cpu->threads,
                         def->maxvcpus);
            return -1;
        }
        vrQemuKeyvalFormat(s, "sockets", "%u", cpu->sockets);
        vrQemuKeyvalFormat(s, "dies", "%u", cpu->dies);
        vrQemuKeyvalFormat(s, "cores", "%u", cpu->cores);
        vrQemuKeyvalFormat(s, "threads", "%u", cpu->threads);
    } else {
        vrQemuKeyvalFormat(s, "sockets", "%u", def->maxvcpus);
        vrQemuKeyval(s, "cores", "1");
        vrQemuKeyval(s, "threads", "1");
    }
    vrQemuBuildArgPair(b, "-smp", s->str);
    return 0;
}

int
vrQemuBuildIOThreads(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    size_t i;

    for (i = 0; i < def->niothreadids; i++) {
        g_autofree char *id = g_strdup_printf("iothread%u", def->iothreadids[i]->id);
        json_object *o = vrQemuJSONObj("qom-type", "iothread");
        vrQemuJSONStr(o, "id", id);
        vrQemuBuildArgJSON(b, "-object", o);
    }
    return 0;
}

/* "cpus=0-1,cpus=4" of one cell: QEMU takes one range per key. */
static void
vrQemuNumaCPUs(GString *s, const vrBitmap *cpus)
{
    size_t n = vrBitmapSize(cpus), i = 0, j;

    while (i < n) {
        if (!vrBitmapIsBitSet(cpus, i)) {
            i++;
            continue;
        }
        for (j = i; j + 1 < n && vrBitmapIsBitSet(cpus, j + 1); j++)
            ;
        if (j == i)
            vrQemuKeyvalFormat(s, "cpus", "%zu", i);
        else
            vrQemuKeyvalFormat(s, "cpus", "%zu-%zu", i, j);
        i = j + 1;
    }
}

int
vrQemuBuildNuma(vrQemuBuild *b)
{
    const vrDomainNumaDef *numa = &b->def->numa;
    size_t i, j;

    for (i = 0; i < numa->ncells; i++) {
        const vrDomainNumaCell *cell = &numa->cells[i];
        g_autofree char *id = g_strdup_printf("ram-node%zu", i);
        g_autoptr(GString) s = g_string_new("node");

        vrQemuBuildArgJSON(b, "-object",
                           vrQemuMemoryBackend(b, id, cell->memory, (int)i, cell->memAccess));
        vrQemuKeyvalFormat(s, "nodeid", "%zu", i);
        if (cell->cpus)
            vrQemuNumaCPUs(s, cell->cpus);
        vrQemuKeyval(s, "memdev", id);
        vrQemuBuildArgPair(b, "-numa", s->str);
    }
    for (i = 0; i < numa->ncells; i++) {
        for (j = 0; j < numa->cells[i].ndistances; j++) {
            const vrDomainNumaDistance *d = &numa->cells[i].distances[j];
            vrQemuBuildArgFormat(b, "-numa", "dist,src=%zu,dst=%u,val=%u", i, d->id, d->value);
        }
    }
    return 0;
}

/* ---- -smbios, -fw_cfg ------------------------------------------------- */

static void
vrQemuSmbiosBlock(vrQemuBuild *b, unsigned int type, const vrSysinfoBlock *blk)
{
    g_autoptr(GString) s = g_string_new(NULL);
    size_t i;

    if (!blk->n)
        return;
    vrQemuKeyvalFormat(s, "type", "%u", type);
    for (i = 0; i < blk->n; i++)
        vrQemuKeyval(s, blk->entries[i].name, blk->entries[i].value ? blk->entries[i].value : "");
    vrQemuBuildArgPair(b, "-smbios", s->str);
}

static void
vrQemuBuildFwCfg(vrQemuBuild *b, const vrSysinfoDef *si)
{
    size_t i;

    for (i = 0; i < si->fwcfg.n; i++) {
        const vrSysinfoEntry *e = &si->fwcfg.entries[i];
        g_autoptr(GString) s = g_string_new(NULL);
        vrQemuKeyval(s, "name", e->name);
        if (e->file)
            vrQemuKeyval(s, "file", e->file);
        else
            vrQemuKeyval(s, "string", e->value ? e->value : "");
        vrQemuBuildArgPair(b, "-fw_cfg", s->str);
    }
}

int
vrQemuBuildSmbios(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    size_t i, j;

    if (def->os.smbiosMode == VR_DOMAIN_SMBIOS_HOST) {
        vrQemuUnsupported(b, "%s", "<smbios mode='host'>");
        return -1;
    }
    for (i = 0; i < def->nsysinfos; i++) {
        const vrSysinfoDef *si = def->sysinfos[i];
        if (si->type == VR_SYSINFO_FWCFG) {
            vrQemuBuildFwCfg(b, si);
            continue;
        }
        if (def->os.smbiosMode != VR_DOMAIN_SMBIOS_SYSINFO)
            continue;
        vrQemuSmbiosBlock(b, 0, &si->bios);
        vrQemuSmbiosBlock(b, 1, &si->system);
        for (j = 0; j < si->nbaseBoards; j++)
            vrQemuSmbiosBlock(b, 2, &si->baseBoards[j]);
        vrQemuSmbiosBlock(b, 3, &si->chassis);
        for (j = 0; si->oemStrings && j < si->oemStrings->len; j++) {
            g_autoptr(GString) s = g_string_new("type=11");
            vrQemuKeyval(s, "value", g_ptr_array_index(si->oemStrings, j));
            vrQemuBuildArgPair(b, "-smbios", s->str);
        }
    }
    return 0;
}

/* ---- clock ------------------------------------------------------------ */

static char *
vrQemuClockDate(time_t t, bool local)
{
    struct tm tm;

    if (local)
        localtime_r(&t, &tm);
    else
        gmtime_r(&t, &tm);
    return g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int
vrQemuRTCBase(vrQemuBuild *b, GString *s)
{
    const vrDomainClockDef *clock = &b->def->clock;

    switch ((vrDomainClockOffset)clock->offset) {
    case VR_DOMAIN_CLOCK_OFFSET_UTC:
        vrQemuKeyval(s, "base", "utc");
        return 0;
    case VR_DOMAIN_CLOCK_OFFSET_LOCALTIME:
        vrQemuKeyval(s, "base", "localtime");
        return 0;
    case VR_DOMAIN_CLOCK_OFFSET_TIMEZONE:
        vrQemuKeyval(s, "base", "localtime");
        vrQemuBuildEnv(b, "TZ", clock->timezone);
        return 0;
    case VR_DOMAIN_CLOCK_OFFSET_VARIABLE: {
        g_autofree char *date = vrQemuClockDate((b->p->now ? (time_t)b->p->now : time(NULL)) + clock->adjustment, clock->basis == 1);
        vrQemuKeyval(s, "base", date);
        return 0;
    }
    case VR_DOMAIN_CLOCK_OFFSET_ABSOLUTE: {
        g_autofree char *date = vrQemuClockDate((time_t)clock->start, false);
        vrQemuKeyval(s, "base", date);
        return 0;
    }
    case VR_DOMAIN_CLOCK_OFFSET_LAST:
        break;
    }
    return -1;
}

/* tickpolicy and track, as the timer tables spell them (1-based). */
static const char *const vrQemuTickPolicies[] = { NULL, "delay", "catchup", "merge", "discard" };
static const char *const vrQemuTimerTracks[] = { NULL, "boot", "guest", "wall", "realtime" };

static int
vrQemuRTCTimer(vrQemuBuild *b, GString *s)
{
    const vrDomainTimerDef *rtc = vrQemuTimer(b->def, VR_DOMAIN_TIMER_NAME_RTC);

    if (!rtc)
        return 0;
    if (rtc->track == 2)
        vrQemuKeyval(s, "clock", "vm");
    else if (rtc->track == 3)
        vrQemuKeyval(s, "clock", "host");
    else if (rtc->track == 4)
        vrQemuKeyval(s, "clock", "rt");
    else if (rtc->track) {
        vrQemuUnsupported(b, "timer 'rtc' track '%s'", vrQemuTimerTracks[rtc->track]);
        return -1;
    }
    if (rtc->tickpolicy == 2)
        vrQemuKeyval(s, "driftfix", "slew");
    else if (rtc->tickpolicy && rtc->tickpolicy != 1) {
        vrQemuUnsupported(b, "timer 'rtc' tickpolicy '%s'", vrQemuTickPolicies[rtc->tickpolicy]);
        return -1;
    }
    return 0;
}

static int
vrQemuPITTimer(vrQemuBuild *b)
{
    const vrDomainTimerDef *pit = vrQemuTimer(b->def, VR_DOMAIN_TIMER_NAME_PIT);
    static const char *const policies[] = { NULL, "delay", "slew", NULL, "discard" };

    if (!pit || !pit->tickpolicy)
        return 0;
    if (!b->kvm) {
        /* TCG's PIT delivers late ticks late: that is 'delay', nothing else */
        if (pit->tickpolicy == 1)
            return 0;
        vrQemuUnsupported(b, "timer 'pit' tickpolicy '%s' without KVM",
                          vrQemuTickPolicies[pit->tickpolicy]);
        return -1;
    }
    if (pit->tickpolicy >= (int)G_N_ELEMENTS(policies) || !policies[pit->tickpolicy]) {
        vrQemuUnsupported(b, "timer 'pit' tickpolicy '%s'", vrQemuTickPolicies[pit->tickpolicy]);
        return -1;
    }
    vrQemuBuildArgFormat(b, "-global", "kvm-pit.lost_tick_policy=%s", policies[pit->tickpolicy]);
    return 0;
}

int
vrQemuBuildClock(vrQemuBuild *b)
{
    g_autoptr(GString) s = g_string_new(NULL);
    size_t i;

    if (vrQemuRTCBase(b, s) < 0 || vrQemuRTCTimer(b, s) < 0)
        return -1;
    vrQemuBuildArgPair(b, "-rtc", s->str);
    for (i = 0; i < b->def->clock.ntimers; i++) {
        const vrDomainTimerDef *t = &b->def->clock.timers[i];
        if (t->name == VR_DOMAIN_TIMER_NAME_PLATFORM || t->name == VR_DOMAIN_TIMER_NAME_ARMVTIMER ||
            (t->name == VR_DOMAIN_TIMER_NAME_PIT && t->present == VR_TRISTATE_OFF) ||
            (t->name == VR_DOMAIN_TIMER_NAME_RTC && t->present == VR_TRISTATE_OFF)) {
            vrQemuUnsupported(b, "timer '%s'%s", vrDomainTimerNameTypeToString(t->name),
                              t->present == VR_TRISTATE_OFF ? " present='no'" : "");
            return -1;
        }
        if (t->name == VR_DOMAIN_TIMER_NAME_HPET && t->tickpolicy) {
            vrQemuUnsupported(b, "timer 'hpet' tickpolicy '%s'", vrQemuTickPolicies[t->tickpolicy]);
            return -1;
        }
    }
    return vrQemuPITTimer(b);
}

/* ---- boot ------------------------------------------------------------- */

static bool
vrQemuIsFirstOf(const vrDomainDef *def, int bootDev, int devType, const void *dev)
{
    size_t i;

    if (bootDev == VR_DOMAIN_BOOT_NET)
        return devType == VR_DOMAIN_DEVICE_NET && def->nnets && def->nets[0] == dev;
    if (devType != VR_DOMAIN_DEVICE_DISK)
        return false;
    for (i = 0; i < def->ndisks; i++) {
        const vrDomainDiskDef *d = def->disks[i];
        int want = bootDev == VR_DOMAIN_BOOT_CDROM ? VR_DOMAIN_DISK_DEVICE_CDROM
                   : bootDev == VR_DOMAIN_BOOT_FLOPPY ? VR_DOMAIN_DISK_DEVICE_FLOPPY
                   : VR_DOMAIN_DISK_DEVICE_DISK;
        if (d->device == want)
            return d == dev;
    }
    return false;
}

/* <boot dev> order becomes bootindex on the first device of each kind,
 * counting only kinds the guest has: -boot strict=on then boots only
 * what the definition lists. */
unsigned int
vrQemuBootIndex(vrQemuBuild *b, int devType, const void *dev, const vrDomainDeviceInfo *info)
{
    const vrDomainOSDef *os = &b->def->os;
    unsigned int idx = 0;
    size_t i, j;

    if (info->bootIndex)
        return info->bootIndex;
    for (i = 0; i < os->nBootDevs; i++) {
        bool present = false;
        for (j = 0; j < b->def->ndisks && !present; j++)
            present = vrQemuIsFirstOf(b->def, os->bootDevs[i], VR_DOMAIN_DEVICE_DISK, b->def->disks[j]);
        if (os->bootDevs[i] == VR_DOMAIN_BOOT_NET)
            present = b->def->nnets > 0;
        if (present)
            idx++;
        if (vrQemuIsFirstOf(b->def, os->bootDevs[i], devType, dev))
            return idx;
    }
    return 0;
}

int
vrQemuBuildBoot(vrQemuBuild *b)
{
    const vrDomainOSDef *os = &b->def->os;
    g_autoptr(GString) s = g_string_new(NULL);

    if (os->bootmenuEnable == VR_TRISTATE_ON) {
        vrQemuKeyval(s, "menu", "on");
        if (os->hasBootmenuTimeout)
            vrQemuKeyvalFormat(s, "splash-time", "%u", os->bootmenuTimeout);
    } else if (os->bootmenuEnable == VR_TRISTATE_OFF) {
        vrQemuKeyval(s, "menu", "off");
    }
    if (os->hasBiosRebootTimeout)
        vrQemuKeyvalFormat(s, "reboot-timeout", "%d", os->biosRebootTimeout);
    vrQemuKeyval(s, "strict", "on");
    vrQemuBuildArgPair(b, "-boot", s->str);
    if (os->kernel)
        vrQemuBuildArgPair(b, "-kernel", os->kernel);
    if (os->initrd)
        vrQemuBuildArgPair(b, "-initrd", os->initrd);
    if (os->cmdline)
        vrQemuBuildArgPair(b, "-append", os->cmdline);
    if (os->dtb)
        vrQemuBuildArgPair(b, "-dtb", os->dtb);
    if (os->hasAcpiTable && os->acpiTable) {
        g_autoptr(GString) t = g_string_new("sig=SLIC");
        vrQemuKeyval(t, "file", os->acpiTable);
        vrQemuBuildArgPair(b, "-acpitable", t->str);
    }
    return 0;
}
