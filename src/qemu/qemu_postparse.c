/*
 * qemu_postparse.c: the QEMU driver's defaults for an accepted definition.
 *
 * The steps run in the order libvirt's QEMU driver runs them, because the
 * order shows in the result: controllers the driver implies (USB, SATA,
 * PCI root) are appended before the generic rules append the ones disks
 * and channels imply, and addresses are handed out last, in device order
 * (qemu_domain_address.c).
 */
#include <config.h>

#include <string.h>

#include "qemu_postparse.h"
#include "qemu_domain_address.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

const vrDomainXMLOption vrQemuXMLOption = {
    .qemuNamespace = true,
};

/* ---- machine families ---------------------------------------------- */

bool
vrQemuMachineIsQ35(const char *machine)
{
    return machine && (g_str_equal(machine, "q35") || g_str_has_prefix(machine, "pc-q35-"));
}

bool
vrQemuMachineIsI440fx(const char *machine)
{
    return machine && (g_str_equal(machine, "pc") || g_str_has_prefix(machine, "pc-i440fx-") ||
                       g_str_has_prefix(machine, "pc-0.") || g_str_has_prefix(machine, "pc-1."));
}

bool
vrQemuDomainIsQ35(const vrDomainDef *def)
{
    return vrQemuMachineIsQ35(def->os.machine);
}

bool
vrQemuDomainIsI440fx(const vrDomainDef *def)
{
    return vrQemuMachineIsI440fx(def->os.machine);
}

bool
vrQemuDomainIsX86(const vrDomainDef *def)
{
    return def->os.arch && (g_str_equal(def->os.arch, "x86_64") || g_str_equal(def->os.arch, "i686"));
}

/* ---- emulator, architecture, machine -------------------------------- */

static int
vrQemuPostParseMachine(vrDomainDef *def, vrQemuCaps *caps)
{
    const char *canonical;

    if (!def->os.machine) {
        const char *dflt = vrQemuCapsDefaultMachine(caps);
        if (!dflt) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "emulator '%s' has no default machine type for guest '%s'",
                          vrQemuCapsBinary(caps), def->name);
            return -1;
        }
        def->os.machine = g_strdup(dflt);
    }
    if (!(canonical = vrQemuCapsCanonicalMachine(caps, def->os.machine))) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "machine type '%s' is not supported by emulator '%s' for guest '%s'",
                      def->os.machine, vrQemuCapsBinary(caps), def->name);
        return -1;
    }
    if (!g_str_equal(canonical, def->os.machine)) {
        g_free(def->os.machine);
        def->os.machine = g_strdup(canonical);
    }
    return 0;
}

static int
vrQemuPostParseBasic(vrDomainDef *def, vrQemuCaps *caps)
{
    if (!def->emulator)
        def->emulator = g_strdup(vrQemuCapsBinary(caps));
    if (!def->os.arch)
        def->os.arch = g_strdup(vrQemuCapsArch(caps));
    if (!vrQemuCapsSupportsArch(caps, def->os.arch)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "No emulator found for arch '%s' (emulator '%s' is %s) for guest '%s'",
                      def->os.arch, vrQemuCapsBinary(caps), vrQemuCapsArch(caps), def->name);
        return -1;
    }
    return vrQemuPostParseMachine(def, caps);
}

/* ---- devices the driver implies ------------------------------------ */

static vrDomainControllerDef *
vrQemuFindController(const vrDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        if (c->type == type && (idx < 0 || c->idx == idx))
            return c;
    }
    return NULL;
}

/* Implied controllers are appended, as libvirt appends them (so they
 * follow the ones the document lists, whatever their type). */
static vrDomainControllerDef *
vrQemuAppendController(vrDomainDef *def, int type, int idx, int model)
{
    vrDomainControllerDef *c = vrDomainControllerDefNew(type);

    c->idx = idx;
    c->model = model;
    VR_APPEND_ELEMENT(def->controllers, def->ncontrollers, c);
    return c;
}

static int
vrQemuDefaultUSBModel(const vrDomainDef *def)
{
    if (vrQemuDomainIsQ35(def))
        return VR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI;
    if (vrQemuDomainIsI440fx(def))
        return VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI;
    return -1;
}

static void
vrQemuAddDefaultControllers(vrDomainDef *def)
{
    bool q35 = vrQemuDomainIsQ35(def);

    if (!vrQemuDomainIsX86(def) || (!q35 && !vrQemuDomainIsI440fx(def)))
        return;
    if (!vrQemuFindController(def, VR_DOMAIN_CONTROLLER_TYPE_USB, -1))
        vrQemuAppendController(def, VR_DOMAIN_CONTROLLER_TYPE_USB, 0, vrQemuDefaultUSBModel(def));
    if (q35 && !vrQemuFindController(def, VR_DOMAIN_CONTROLLER_TYPE_SATA, 0))
        vrQemuAppendController(def, VR_DOMAIN_CONTROLLER_TYPE_SATA, 0, -1);
    if (!vrQemuFindController(def, VR_DOMAIN_CONTROLLER_TYPE_PCI, 0))
        vrQemuAppendController(def, VR_DOMAIN_CONTROLLER_TYPE_PCI, 0,
                               q35 ? VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT
                                   : VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT);
}

static bool
vrQemuHasInput(const vrDomainDef *def, int type, int bus)
{
    size_t i;

    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->type == type && def->inputs[i]->bus == bus)
            return true;
    }
    return false;
}

static void
vrQemuAppendInput(vrDomainDef *def, int type, int bus)
{
    vrDomainInputDef *in = g_new0(vrDomainInputDef, 1);

    in->type = type;
    in->bus = bus;
    VR_APPEND_ELEMENT(def->inputs, def->ninputs, in);
}

/* An x86 PC always has the i8042 controller: its mouse and keyboard are
 * listed so that the definition says what the guest sees. */
static void
vrQemuAddImplicitInputs(vrDomainDef *def)
{
    if (!vrQemuDomainIsX86(def))
        return;
    if (!vrQemuHasInput(def, VR_DOMAIN_INPUT_TYPE_MOUSE, VR_DOMAIN_INPUT_BUS_PS2))
        vrQemuAppendInput(def, VR_DOMAIN_INPUT_TYPE_MOUSE, VR_DOMAIN_INPUT_BUS_PS2);
    if (!vrQemuHasInput(def, VR_DOMAIN_INPUT_TYPE_KBD, VR_DOMAIN_INPUT_BUS_PS2))
        vrQemuAppendInput(def, VR_DOMAIN_INPUT_TYPE_KBD, VR_DOMAIN_INPUT_BUS_PS2);
}

/* Sound and display need an audio backend: 'spice' when SPICE can carry
 * it, else 'none' (QEMU must not pick a host backend on its own). */
static void
vrQemuAddDefaultAudio(vrDomainDef *def)
{
    vrDomainAudioDef *audio;
    size_t i;

    if (def->naudios)
        return;
    audio = g_new0(vrDomainAudioDef, 1);
    audio->id = 1;
    audio->type = VR_DOMAIN_AUDIO_TYPE_NONE;
    for (i = 0; i < def->ngraphics; i++) {
        if (def->graphics[i]->type == VR_DOMAIN_GRAPHICS_TYPE_SPICE)
            audio->type = VR_DOMAIN_AUDIO_TYPE_SPICE;
    }
    VR_APPEND_ELEMENT(def->audios, def->naudios, audio);
}

static void
vrQemuAddDefaultDevices(vrDomainDef *def)
{
    vrQemuAddDefaultControllers(def);
    vrQemuAddImplicitInputs(def);
    if (!def->memballoon) {
        def->memballoon = g_new0(vrDomainMemballoonDef, 1);
        def->memballoon->model = VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO;
    }
    vrQemuAddDefaultAudio(def);
}

/* The generic post-parse may place controllers again by type and index
 * (for the ones the document gave without an index); the controllers the
 * QEMU driver implied keep libvirt's place all the same: after the
 * document's, in the order they were added, before the ones the generic
 * rules implied for disks and channels. */
static void
vrQemuKeepImpliedControllerOrder(vrDomainDef *def, GPtrArray *doc, GPtrArray *implied)
{
    g_autoptr(GPtrArray) order = g_ptr_array_new();
    size_t i;
    guint j;

    if (!implied->len)
        return;
    for (i = 0; i < def->ncontrollers; i++) {
        if (g_ptr_array_find(doc, def->controllers[i], NULL))
            g_ptr_array_add(order, def->controllers[i]);
    }
    for (j = 0; j < implied->len; j++) {
        for (i = 0; i < def->ncontrollers; i++) {
            if (def->controllers[i] == g_ptr_array_index(implied, j))
                g_ptr_array_add(order, def->controllers[i]);
        }
    }
    for (i = 0; i < def->ncontrollers; i++) {
        if (!g_ptr_array_find(doc, def->controllers[i], NULL) &&
            !g_ptr_array_find(implied, def->controllers[i], NULL))
            g_ptr_array_add(order, def->controllers[i]);
    }
    if (order->len != def->ncontrollers)
        return;             /* a controller went away: leave the order alone */
    for (i = 0; i < def->ncontrollers; i++)
        def->controllers[i] = g_ptr_array_index(order, i);
}

/* ---- CPU ------------------------------------------------------------ */

/* The machine's default CPU type ("qemu64-x86_64-cpu") as a model name;
 * a 32-bit guest gets the 32-bit flavour of QEMU's generic model. */
static char *
vrQemuDefaultCPUModel(const vrDomainDef *def, vrQemuCaps *caps)
{
    const vrQemuMachine *m = vrQemuCapsMachine(caps, def->os.machine);
    g_autofree char *model = NULL;
    const char *suffix;

    if (m && m->defaultCPUType) {
        model = g_strdup(m->defaultCPUType);
        suffix = strrchr(model, '-');
        if (suffix && g_str_equal(suffix, "-cpu")) {
            *(char *)suffix = '\0';
            if ((suffix = strrchr(model, '-')))
                *(char *)suffix = '\0';
        }
    } else {
        model = g_strdup("qemu64");
    }
    if (g_str_equal(def->os.arch, "i686") && g_str_equal(model, "qemu64")) {
        g_free(model);
        model = g_strdup("qemu32");
    }
    return g_steal_pointer(&model);
}

static void
vrQemuPostParseCPU(vrDomainDef *def, vrQemuCaps *caps)
{
    vrDomainCPUDef *cpu = &def->cpu;

    if (!vrQemuDomainIsX86(def))
        return;
    if (cpu->mode == VR_CPU_MODE_CUSTOM && !cpu->model) {
        cpu->present = true;
        cpu->model = vrQemuDefaultCPUModel(def, caps);
        if (!cpu->modelFallback)
            cpu->modelFallback = g_strdup("forbid");
        if (!cpu->check)
            cpu->check = g_strdup("none");
    }
    if (cpu->check)
        return;
    switch ((vrCPUMode)cpu->mode) {
    case VR_CPU_MODE_CUSTOM:
        cpu->check = g_strdup(def->virtType == VR_DOMAIN_VIRT_KVM ? "partial" : "none");
        break;
    case VR_CPU_MODE_HOST_MODEL:
        cpu->check = g_strdup("partial");
        break;
    case VR_CPU_MODE_HOST_PASSTHROUGH:
    case VR_CPU_MODE_MAXIMUM:
        cpu->check = g_strdup("none");
        if (!cpu->migratable)
            cpu->migratable = g_strdup("on");
        break;
    case VR_CPU_MODE_LAST:
        break;
    }
}

/* ---- memory ---------------------------------------------------------- */

/* A new definition with NUMA cells: the boot memory is what the cells
 * add up to, and <memory> that plus the memory modules. */
static void
vrQemuPostParseMemory(vrDomainDef *def)
{
    unsigned long long numa = vrDomainNumaMemoryTotal(&def->numa);
    unsigned long long devices = 0;
    unsigned long long old = def->memory;
    size_t i;

    if (!numa)
        return;
    for (i = 0; i < def->nmemories; i++)
        devices += def->memories[i]->size;
    def->memory = numa + devices;
    /* the parser filled a missing <currentMemory> with the old total */
    if (def->currentMemory == 0 || def->currentMemory == old || def->currentMemory > def->memory)
        def->currentMemory = def->memory;
}

/* ---- per-device defaults -------------------------------------------- */

static void
vrQemuPostParseDisk(vrDomainDiskDef *disk)
{
    vrStorageSource *src = disk->src;

    if (src && src->type == VR_STORAGE_TYPE_VHOST_USER)
        return;
    if (!disk->driver.name)
        disk->driver.name = g_strdup("qemu");
    if (src && src->format == VR_DISK_IMAGE_NONE && src->type != VR_STORAGE_TYPE_DIR)
        src->format = VR_DISK_IMAGE_RAW;
    if (disk->device == VR_DOMAIN_DISK_DEVICE_CDROM)
        disk->readonly = true;
}

static void
vrQemuPostParseController(const vrDomainDef *def, vrDomainControllerDef *c)
{
    switch ((vrDomainControllerType)c->type) {
    case VR_DOMAIN_CONTROLLER_TYPE_SCSI:
        if (c->model < 0 || c->model == VR_DOMAIN_CONTROLLER_MODEL_SCSI_AUTO)
            c->model = VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC;
        break;
    case VR_DOMAIN_CONTROLLER_TYPE_USB:
        if (c->model < 0)
            c->model = vrQemuDefaultUSBModel(def);
        break;
    default:
        break;
    }
}

static void
vrQemuPostParseNet(const vrDomainDef *def, vrDomainNetDef *net)
{
    if (net->model || net->type == VR_DOMAIN_NET_TYPE_HOSTDEV)
        return;
    if (net->type == VR_DOMAIN_NET_TYPE_VHOSTUSER)
        net->model = g_strdup("virtio");
    else if (vrQemuDomainIsX86(def))
        net->model = g_strdup("rtl8139");
}

static int
vrQemuSerialModelForTarget(int target)
{
    switch ((vrDomainChrSerialTarget)target) {
    case VR_DOMAIN_CHR_SERIAL_TARGET_ISA:
        return VR_DOMAIN_CHR_SERIAL_MODEL_ISA_SERIAL;
    case VR_DOMAIN_CHR_SERIAL_TARGET_USB:
        return VR_DOMAIN_CHR_SERIAL_MODEL_USB_SERIAL;
    case VR_DOMAIN_CHR_SERIAL_TARGET_PCI:
        return VR_DOMAIN_CHR_SERIAL_MODEL_PCI_SERIAL;
    case VR_DOMAIN_CHR_SERIAL_TARGET_ISA_DEBUG:
        return VR_DOMAIN_CHR_SERIAL_MODEL_ISA_DEBUGCON;
    default:
        break;
    }
    return VR_DOMAIN_CHR_SERIAL_MODEL_NONE;
}

static void
vrQemuPostParseSerial(const vrDomainDef *def, vrDomainChrDef *chr)
{
    if (chr->targetType == VR_DOMAIN_CHR_SERIAL_TARGET_NONE && vrQemuDomainIsX86(def))
        chr->targetType = VR_DOMAIN_CHR_SERIAL_TARGET_ISA;
    if (chr->targetModel == VR_DOMAIN_CHR_SERIAL_MODEL_NONE)
        chr->targetModel = vrQemuSerialModelForTarget(chr->targetType);
}

/* QEMU's qxl has 16 MiB of VGA memory unless told otherwise. */
static void
vrQemuPostParseVideo(vrDomainVideoDef *video)
{
    if (video->type == VR_DOMAIN_VIDEO_TYPE_QXL && !video->vgamem)
        video->vgamem = 16 * 1024;
}

static void
vrQemuPostParseDeviceModels(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nvideos; i++)
        vrQemuPostParseVideo(def->videos[i]);
    for (i = 0; i < def->ndisks; i++)
        vrQemuPostParseDisk(def->disks[i]);
    for (i = 0; i < def->ncontrollers; i++)
        vrQemuPostParseController(def, def->controllers[i]);
    for (i = 0; i < def->nnets; i++)
        vrQemuPostParseNet(def, def->nets[i]);
    for (i = 0; i < def->nserials; i++)
        vrQemuPostParseSerial(def, def->serials[i]);
    for (i = 0; i < def->npanics; i++) {
        if (def->panics[i]->model == VR_DOMAIN_PANIC_MODEL_DEFAULT && vrQemuDomainIsX86(def))
            def->panics[i]->model = VR_DOMAIN_PANIC_MODEL_ISA;
    }
    if (def->vsock && def->vsock->model == VR_DOMAIN_VSOCK_MODEL_DEFAULT)
        def->vsock->model = VR_DOMAIN_VSOCK_MODEL_VIRTIO;
}

/* ---- MAC addresses -------------------------------------------------- */

static bool
vrQemuMACUsedElsewhere(const vrDomainDef *def, size_t self)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (i != self && memcmp(def->nets[i]->mac, def->nets[self]->mac, 6) == 0)
            return true;
    }
    return false;
}

void
vrQemuDomainDefUniqueMACs(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        vrDomainNetDef *net = def->nets[i];
        while (net->macGenerated && vrQemuMACUsedElsewhere(def, i))
            vrMacGenerate(net->mac);
    }
}

/* ---- what QEMU cannot take at all ---------------------------------- */

static int
vrQemuValidateControllers(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_IDE)
            continue;
        if (vrQemuDomainIsQ35(def)) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "IDE controllers are unsupported for this QEMU binary or machine type");
            return -1;
        }
        if (c->idx > 0 && vrQemuDomainIsI440fx(def)) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "Only 1 IDE controller is supported");
            return -1;
        }
    }
    return 0;
}

static bool
vrQemuUSBDisabled(const vrDomainDef *def)
{
    size_t i;
    bool any = false;

    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type != VR_DOMAIN_CONTROLLER_TYPE_USB)
            continue;
        any = true;
        if (c->model != VR_DOMAIN_CONTROLLER_MODEL_USB_NONE)
            return false;
    }
    return any;
}

static int
vrQemuValidateUSBInputs(const vrDomainDef *def)
{
    size_t i;

    if (!vrQemuUSBDisabled(def))
        return 0;
    for (i = 0; i < def->ninputs; i++) {
        if (def->inputs[i]->bus == VR_DOMAIN_INPUT_BUS_USB) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "Can't add USB input device. USB bus is disabled");
            return -1;
        }
    }
    return 0;
}

static int
vrQemuPostParseValidate(const vrDomainDef *def)
{
    if (vrQemuValidateControllers(def) < 0 || vrQemuValidateUSBInputs(def) < 0)
        return -1;
    return 0;
}

/* ---- the whole ------------------------------------------------------ */

int
vrQemuDomainDefPostParse(vrDomainDef *def, vrQemuCaps *caps, const vrQemuDriverConfig *cfg)
{
    g_autoptr(GPtrArray) doc = g_ptr_array_new();
    g_autoptr(GPtrArray) implied = g_ptr_array_new();
    size_t i;

    (void)cfg;
    if (def->os.type && !g_str_equal(def->os.type, "hvm")) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "os type '%s' is not supported by the QEMU driver (guest '%s')",
                      def->os.type, def->name);
        return -1;
    }
    if (vrQemuPostParseBasic(def, caps) < 0)
        return -1;
    for (i = 0; i < def->ncontrollers; i++)
        g_ptr_array_add(doc, def->controllers[i]);
    vrQemuAddDefaultDevices(def);
    for (i = 0; i < def->ncontrollers; i++) {
        if (!g_ptr_array_find(doc, def->controllers[i], NULL))
            g_ptr_array_add(implied, def->controllers[i]);
    }
    if (vrDomainDefPostParse(def, &vrQemuXMLOption) < 0)
        return -1;
    vrQemuKeepImpliedControllerOrder(def, doc, implied);
    vrQemuPostParseDeviceModels(def);
    vrQemuPostParseCPU(def, caps);
    vrQemuPostParseMemory(def);
    vrQemuDomainDefUniqueMACs(def);
    if (vrQemuPostParseValidate(def) < 0)
        return -1;
    return vrQemuDomainAssignAddresses(def);
}

vrDomainDef *
vrQemuDomainDefParseString(const char *xml, vrQemuCaps *caps, const vrQemuDriverConfig *cfg)
{
    g_autoptr(vrDomainDef) def = vrDomainDefParseString(xml, &vrQemuXMLOption,
                                                        VR_DOMAIN_PARSE_SKIP_POSTPARSE);

    if (!def || vrQemuDomainDefPostParse(def, caps, cfg) < 0)
        return NULL;
    return g_steal_pointer(&def);
}
