/*
 * qemu_command_devices.c: the remaining devices: IOMMU, memory modules,
 * filesystems, smartcards, TPM, inputs, watchdog, USB redirection, host
 * devices, balloon, RNGs, shared memory, panic notifier, vsock, crypto
 * and the small platform devices (vmgenid, vmcoreinfo, sga).
 */
#include <config.h>

#include <string.h>

#include "qemu_command_priv.h"

/* Adds @dev at its address; consumes it either way. */
static int
vrQemuPlaceDevice(vrQemuBuild *b, json_object *dev, const vrDomainDeviceInfo *info)
{
    if (vrQemuDeviceAddress(b, dev, info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

/* ---- IOMMU -------------------------------------------------------- */

int
vrQemuBuildIOMMU(vrQemuBuild *b)
{
    const vrDomainIOMMUDef *iommu = b->def->iommu;
    json_object *dev;

    if (!iommu)
        return 0;
    switch ((vrDomainIOMMUModel)iommu->model) {
    case VR_DOMAIN_IOMMU_MODEL_INTEL:
        if (!b->q35) {
            vrQemuUnsupported(b, "%s", "iommu model 'intel' outside a q35 machine");
            return -1;
        }
        if (!(dev = vrQemuDeviceNew(b, "intel-iommu", "iommu model 'intel'")))
            return -1;
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_IOMMU, iommu, &iommu->info));
        vrQemuJSONTristateOnOff(dev, "intremap", iommu->intremap);
        vrQemuJSONTristate(dev, "caching-mode", iommu->cachingMode);
        vrQemuJSONTristateOnOff(dev, "eim", iommu->eim);
        vrQemuJSONTristate(dev, "device-iotlb", iommu->iotlb);
        if (iommu->awBits)
            vrQemuJSONUInt(dev, "aw-bits", iommu->awBits);
        vrQemuBuildDevice(b, dev);
        return 0;
    case VR_DOMAIN_IOMMU_MODEL_VIRTIO:
        if (!(dev = vrQemuDeviceNew(b, "virtio-iommu-pci", "iommu model 'virtio'")))
            return -1;
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_IOMMU, iommu, &iommu->info));
        return vrQemuPlaceDevice(b, dev, &iommu->info);
    case VR_DOMAIN_IOMMU_MODEL_SMMUV3:
    case VR_DOMAIN_IOMMU_MODEL_LAST:
        break;
    }
    vrQemuUnsupported(b, "iommu model '%s'", vrDomainIOMMUModelTypeToString(iommu->model));
    return -1;
}

/* ---- memory modules ----------------------------------------------------- */

static json_object *
vrQemuMemoryModuleBackend(vrQemuBuild *b, const vrDomainMemoryDef *m, const char *id)
{
    json_object *o;

    if (m->model != VR_DOMAIN_MEMORY_MODEL_NVDIMM && m->model != VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM)
        return vrQemuMemoryBackend(b, id, m->size, m->node, NULL);
    o = vrQemuJSONObj("qom-type", "memory-backend-file");
    vrQemuJSONStr(o, "id", id);
    vrQemuJSONStr(o, "mem-path", m->path);
    vrQemuJSONBool(o, "share", m->access != VR_DOMAIN_MEMORY_ACCESS_PRIVATE);
    if (m->pmem)
        vrQemuJSONBool(o, "pmem", true);
    if (m->alignsize)
        vrQemuJSONUInt(o, "align", m->alignsize * 1024);
    vrQemuJSONUInt(o, "size", m->size * 1024);
    return o;
}

static int
vrQemuBuildMemoryModule(vrQemuBuild *b, const vrDomainMemoryDef *m)
{
    static const char *const drivers[VR_DOMAIN_MEMORY_MODEL_LAST] = {
        [VR_DOMAIN_MEMORY_MODEL_DIMM] = "pc-dimm",
        [VR_DOMAIN_MEMORY_MODEL_NVDIMM] = "nvdimm",
        [VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM] = "virtio-pmem-pci",
        [VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM] = "virtio-mem-pci",
    };
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_MEMORY, m, &m->info);
    g_autofree char *backend = g_strdup_printf("mem%s", alias);
    const char *driver = m->model < VR_DOMAIN_MEMORY_MODEL_LAST ? drivers[m->model] : NULL;
    json_object *dev;

    if (!driver) {
        vrQemuUnsupported(b, "memory model '%s'", vrDomainMemoryModelTypeToString(m->model));
        return -1;
    }
    if ((m->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM || m->model == VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM) &&
        !m->path) {
        vrQemuRefuse(b, "memory model '%s' needs a source path", vrDomainMemoryModelTypeToString(m->model));
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, "memory device")))
        return -1;
    vrQemuBuildArgJSON(b, "-object", vrQemuMemoryModuleBackend(b, m, backend));
    if (m->node >= 0 && m->model != VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM)
        vrQemuJSONInt(dev, "node", m->node);
    if (m->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM && m->labelsize)
        vrQemuJSONUInt(dev, "label-size", m->labelsize * 1024);
    if (m->model == VR_DOMAIN_MEMORY_MODEL_NVDIMM && m->readonly)
        vrQemuJSONBool(dev, "unarmed", true);
    if (m->model == VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM) {
        if (m->blocksize)
            vrQemuJSONUInt(dev, "block-size", m->blocksize * 1024);
        vrQemuJSONUInt(dev, "requested-size", m->requestedsize * 1024);
    }
    vrQemuJSONStr(dev, "memdev", backend);
    vrQemuJSONStr(dev, "id", alias);
    if (m->info.addr.type == VR_DOMAIN_ADDRESS_DIMM)
        vrQemuJSONUInt(dev, "slot", m->info.addr.u.dimm.slot);
    return vrQemuPlaceDevice(b, dev, &m->info);
}

int
vrQemuBuildMemoryDevices(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nmemories; i++) {
        if (vrQemuBuildMemoryModule(b, b->def->memories[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- filesystems ---------------------------------------------------- */

static int
vrQemuBuildVirtiofs(vrQemuBuild *b, const vrDomainFSDef *fs, const char *alias)
{
    g_autofree char *chr = g_strdup_printf("chr-vu-%s", alias);
    vrDomainChrSource src = { .type = VR_DOMAIN_CHR_TYPE_UNIX };
    json_object *dev;

    if (!fs->socket) {
        vrQemuRefuse(b, "filesystem '%s' with driver 'virtiofs' needs a virtiofsd socket (<source socket=>): "
                     "this driver does not start virtiofsd", fs->dst);
        return -1;
    }
    src.path = fs->socket;
    if (vrQemuBuildChardev(b, &src, chr, "filesystem") < 0 ||
        !(dev = vrQemuDeviceNew(b, "vhost-user-fs-pci", "filesystem driver 'virtiofs'")))
        return -1;
    vrQemuJSONStr(dev, "id", alias);
    vrQemuJSONStr(dev, "chardev", chr);
    if (fs->queueSize)
        vrQemuJSONUInt(dev, "queue-size", fs->queueSize);
    vrQemuJSONStr(dev, "tag", fs->dst);
    return vrQemuPlaceDevice(b, dev, &fs->info);
}

static int
vrQemuBuildFilesystem(vrQemuBuild *b, const vrDomainFSDef *fs)
{
    static const char *const models[] = { "passthrough", "mapped", "none" };
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_FS, fs, &fs->info);
    g_autofree char *fsdev = g_strdup_printf("fsdev-%s", alias);
    g_autoptr(GString) s = g_string_new("local");
    json_object *dev;

    if (fs->driverType == VR_DOMAIN_FS_DRIVER_VIRTIOFS)
        return vrQemuBuildVirtiofs(b, fs, alias);
    if (fs->type != VR_DOMAIN_FS_TYPE_MOUNT ||
        (fs->driverType != VR_DOMAIN_FS_DRIVER_DEFAULT && fs->driverType != VR_DOMAIN_FS_DRIVER_PATH)) {
        vrQemuUnsupported(b, "filesystem type '%s' driver '%s'", vrDomainFSTypeToString(fs->type),
                          fs->driverType ? vrDomainFSDriverTypeToString(fs->driverType) : "default");
        return -1;
    }
    vrQemuKeyval(s, "security_model", models[fs->accessmode]);
    vrQemuKeyval(s, "id", fsdev);
    vrQemuKeyval(s, "path", fs->src);
    if (fs->readonly)
        vrQemuKeyval(s, "readonly", "on");
    /* the parser leaves 0 for "not given" (mode 0000 would make every
     * file the guest creates unusable), as libvirt does */
    if (fs->fmode > 0)
        vrQemuKeyvalFormat(s, "fmode", "%04o", (unsigned int)fs->fmode);
    if (fs->dmode > 0)
        vrQemuKeyvalFormat(s, "dmode", "%04o", (unsigned int)fs->dmode);
    if (fs->multidevs)
        vrQemuKeyval(s, "multidevs", vrDomainFSMultidevsTypeToString(fs->multidevs));
    if (!(dev = vrQemuDeviceNew(b, "virtio-9p-pci", "filesystem")))
        return -1;
    vrQemuBuildArgPair(b, "-fsdev", s->str);
    vrQemuJSONStr(dev, "id", alias);
    vrQemuJSONStr(dev, "fsdev", fsdev);
    vrQemuJSONStr(dev, "mount_tag", fs->dst);
    vrQemuDeviceVirtioOptions(dev, &fs->virtio);
    return vrQemuPlaceDevice(b, dev, &fs->info);
}

int
vrQemuBuildFilesystems(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nfilesystems; i++) {
        if (vrQemuBuildFilesystem(b, b->def->filesystems[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- smartcards -------------------------------------------------------- */

static char *
vrQemuCCIDBus(vrQemuBuild *b, const vrDomainSmartcardDef *sc)
{
    unsigned int ctrl = sc->info.addr.type == VR_DOMAIN_ADDRESS_CCID ? sc->info.addr.u.ccid.controller : 0;
    size_t i;

    for (i = 0; i < b->def->ncontrollers; i++) {
        const vrDomainControllerDef *c = b->def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_CCID && c->idx == (int)ctrl)
            return g_strdup_printf("%s.0", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info));
    }
    return NULL;
}

static int
vrQemuBuildSmartcard(vrQemuBuild *b, const vrDomainSmartcardDef *sc)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_SMARTCARD, sc, &sc->info);
    g_autofree char *bus = vrQemuCCIDBus(b, sc);
    json_object *dev;
    size_t i;

    if (!bus) {
        vrQemuRefuse(b, "smartcard %s names a CCID controller that does not exist", alias);
        return -1;
    }
    if (sc->type == VR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH) {
        g_autofree char *chr = g_strdup_printf("char%s", alias);
        vrDomainChrSource src = *sc->passthru;
        src.spicevmcName = VR_DOMAIN_CHR_SPICEVMC_SMARTCARD;
        if (vrQemuBuildChardev(b, &src, chr, "smartcard") < 0 ||
            !(dev = vrQemuDeviceNew(b, "ccid-card-passthru", "smartcard mode 'passthrough'")))
            return -1;
        vrQemuJSONStr(dev, "chardev", chr);
    } else {
        if (!(dev = vrQemuDeviceNew(b, "ccid-card-emulated", "smartcard mode 'host'")))
            return -1;
        vrQemuJSONStr(dev, "backend", sc->type == VR_DOMAIN_SMARTCARD_TYPE_HOST ? "nss-emulated"
                                                                                 : "certificates");
        for (i = 0; sc->type == VR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES && i < 3; i++) {
            g_autofree char *key = g_strdup_printf("cert%zu", i + 1);
            vrQemuJSONStr(dev, key, sc->certificates[i]);
        }
        if (sc->type == VR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES)
            vrQemuJSONStr(dev, "db", sc->database ? sc->database : "/etc/pki/nssdb");
    }
    vrQemuJSONStr(dev, "id", alias);
    vrQemuJSONStr(dev, "bus", bus);
    vrQemuBuildDevice(b, dev);
    return 0;
}

int
vrQemuBuildSmartcards(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nsmartcards; i++) {
        if (vrQemuBuildSmartcard(b, b->def->smartcards[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- TPM ---------------------------------------------------------------- */

static int
vrQemuTPMBackend(vrQemuBuild *b, const vrDomainTPMDef *tpm, const char *id)
{
    g_autoptr(GString) s = g_string_new(NULL);
    vrDomainChrSource src = { .type = VR_DOMAIN_CHR_TYPE_UNIX };
    g_autofree char *sock = NULL;

    switch ((vrDomainTPMBackendType)tpm->type) {
    case VR_DOMAIN_TPM_TYPE_PASSTHROUGH: {
        const char *dev = tpm->devicePath ? tpm->devicePath : "/dev/tpm0";
        g_autofree char *base = g_path_get_basename(dev);
        g_autofree char *cancel = g_strdup_printf("/sys/class/tpm/%s/device/cancel", base);
        vrQemuKeyvalBare(s, "passthrough");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "path", dev);
        vrQemuKeyval(s, "cancel-path", cancel);
        break;
    }
    case VR_DOMAIN_TPM_TYPE_EMULATOR:
    case VR_DOMAIN_TPM_TYPE_EXTERNAL:
        /* swtpm listens there: the driver starts it for 'emulator' */
        sock = tpm->type == VR_DOMAIN_TPM_TYPE_EXTERNAL && tpm->socketPath
               ? g_strdup(tpm->socketPath) : g_build_filename(b->domainDir, "swtpm.sock", NULL);
        src.path = sock;
        if (vrQemuBuildChardev(b, &src, "chrtpm", "TPM") < 0)
            return -1;
        vrQemuKeyvalBare(s, "emulator");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "chardev", "chrtpm");
        break;
    case VR_DOMAIN_TPM_TYPE_LAST:
        return -1;
    }
    vrQemuBuildArgPair(b, "-tpmdev", s->str);
    return 0;
}

int
vrQemuBuildTPM(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->ntpms; i++) {
        const vrDomainTPMDef *tpm = b->def->tpms[i];
        const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_TPM, tpm, &tpm->info);
        g_autofree char *id = g_strdup_printf("tpm-%s", alias);
        const char *driver = tpm->model == VR_DOMAIN_TPM_MODEL_CRB ? "tpm-crb"
                             : tpm->model == VR_DOMAIN_TPM_MODEL_TIS || !tpm->model ? "tpm-tis" : NULL;
        json_object *dev;

        if (!driver) {
            vrQemuUnsupported(b, "TPM model '%s'", vrDomainTPMModelTypeToString(tpm->model));
            return -1;
        }
        if (!(dev = vrQemuDeviceNew(b, driver, "TPM")))
            return -1;
        if (vrQemuTPMBackend(b, tpm, id) < 0) {
            json_object_put(dev);
            return -1;
        }
        vrQemuJSONStr(dev, "tpmdev", id);
        vrQemuJSONStr(dev, "id", alias);
        vrQemuBuildDevice(b, dev);
    }
    return 0;
}

/* ---- inputs ------------------------------------------------------------ */

static const char *
vrQemuInputDriver(const vrDomainInputDef *in)
{
    static const char *const usb[] = { "usb-mouse", "usb-tablet", "usb-kbd" };
    static const char *const virtio[] = { "virtio-mouse-pci", "virtio-tablet-pci", "virtio-keyboard-pci" };

    if (in->type == VR_DOMAIN_INPUT_TYPE_PASSTHROUGH)
        return in->bus == VR_DOMAIN_INPUT_BUS_VIRTIO ? "virtio-input-host-pci" : NULL;
    if (in->type > VR_DOMAIN_INPUT_TYPE_KBD)
        return NULL;
    if (in->bus == VR_DOMAIN_INPUT_BUS_USB)
        return usb[in->type];
    if (in->bus == VR_DOMAIN_INPUT_BUS_VIRTIO)
        return virtio[in->type];
    return NULL;
}

static int
vrQemuBuildEvdev(vrQemuBuild *b, const vrDomainInputDef *in)
{
    static const char *const toggles[] = { NULL, "ctrl-ctrl", "alt-alt", "shift-shift", "meta-meta",
                                           "scrolllock", "ctrl-scrolllock" };
    json_object *o = vrQemuJSONObj("qom-type", "input-linux");

    vrQemuJSONStr(o, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_INPUT, in, &in->info));
    vrQemuJSONStr(o, "evdev", in->evdev);
    if (in->repeat == VR_TRISTATE_ON)
        vrQemuJSONBool(o, "repeat", true);
    if (in->grab == VR_DOMAIN_INPUT_GRAB_ALL)
        vrQemuJSONBool(o, "grab_all", true);
    if (in->grabToggle)
        vrQemuJSONStr(o, "grab-toggle", toggles[in->grabToggle]);
    vrQemuBuildArgJSON(b, "-object", o);
    return 0;
}

int
vrQemuBuildInputs(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->ninputs; i++) {
        const vrDomainInputDef *in = b->def->inputs[i];
        const char *driver;
        json_object *dev;

        if (in->bus == VR_DOMAIN_INPUT_BUS_PS2 && (b->i440fx || b->q35))
            continue;         /* the i8042 of the chipset */
        if (in->type == VR_DOMAIN_INPUT_TYPE_EVDEV) {
            if (vrQemuBuildEvdev(b, in) < 0)
                return -1;
            continue;
        }
        if (!(driver = vrQemuInputDriver(in))) {
            vrQemuUnsupported(b, "input type '%s' bus '%s'", vrDomainInputTypeToString(in->type),
                              vrDomainInputBusTypeToString(in->bus));
            return -1;
        }
        if (!(dev = vrQemuDeviceNew(b, driver, "input device")))
            return -1;
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_INPUT, in, &in->info));
        vrQemuJSONStr(dev, "evdev", in->type == VR_DOMAIN_INPUT_TYPE_PASSTHROUGH ? in->evdev : NULL);
        if (in->bus == VR_DOMAIN_INPUT_BUS_VIRTIO)
            vrQemuDeviceVirtioOptions(dev, &in->virtio);
        if (vrQemuPlaceDevice(b, dev, &in->info) < 0)
            return -1;
    }
    return 0;
}

/* ---- watchdog ---------------------------------------------------------- */

int
vrQemuBuildWatchdog(vrQemuBuild *b)
{
    static const char *const actions[] = { "reset", "shutdown", "poweroff", "pause", NULL, "none",
                                            "inject-nmi" };
    const vrDomainWatchdogDef *w = b->def->watchdog;
    json_object *dev;

    if (!w)
        return 0;
    if (!actions[w->action]) {
        vrQemuRefuse(b, "watchdog action '%s' needs a core dump the driver does not write",
                     vrDomainWatchdogActionTypeToString(w->action));
        return -1;
    }
    switch ((vrDomainWatchdogModel)w->model) {
    case VR_DOMAIN_WATCHDOG_MODEL_I6300ESB:
    case VR_DOMAIN_WATCHDOG_MODEL_IB700:
        if (!(dev = vrQemuDeviceNew(b, w->model == VR_DOMAIN_WATCHDOG_MODEL_IB700 ? "ib700" : "i6300esb",
                                    "watchdog")))
            return -1;
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_WATCHDOG, w, &w->info));
        if (vrQemuPlaceDevice(b, dev, &w->info) < 0)
            return -1;
        break;
    case VR_DOMAIN_WATCHDOG_MODEL_ITCO:
        if (!b->q35) {
            vrQemuUnsupported(b, "%s", "watchdog model 'itco' outside a q35 machine");
            return -1;
        }
        /* the ICH9 TCO timer is always there; it only has to be armed */
        vrQemuBuildArgPair(b, "-global", "ICH9-LPC.noreboot=off");
        break;
    case VR_DOMAIN_WATCHDOG_MODEL_DIAG288:
    case VR_DOMAIN_WATCHDOG_MODEL_LAST:
        vrQemuUnsupported(b, "watchdog model '%s'", vrDomainWatchdogModelTypeToString(w->model));
        return -1;
    }
    vrQemuBuildArgFormat(b, "-action", "watchdog=%s", actions[w->action]);
    return 0;
}

/* ---- USB redirection ---------------------------------------------------- */

static char *
vrQemuRedirFilter(const vrDomainRedirFilterDef *f)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < f->nusbdevs; i++) {
        const vrDomainRedirFilterUSBDev *u = &f->usbdevs[i];
        g_string_append(s, i ? "|" : "");
        /* usbredir's filter syntax: numbers strtol() reads, the version
         * in BCD as the descriptor has it (2.00: 0x0200) */
        g_string_append_printf(s, u->usbClass >= 0 ? "0x%02X:" : "%d:", u->usbClass);
        g_string_append_printf(s, u->vendor >= 0 ? "0x%04X:" : "%d:", u->vendor);
        g_string_append_printf(s, u->product >= 0 ? "0x%04X:" : "%d:", u->product);
        g_string_append_printf(s, u->version >= 0 ? "0x%04X:" : "%d:", u->version);
        g_string_append_printf(s, "%d", u->allow ? 1 : 0);
    }
    return g_string_free(s, FALSE);
}

int
vrQemuBuildRedirdevs(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nredirdevs; i++) {
        const vrDomainRedirdevDef *r = b->def->redirdevs[i];
        const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_REDIRDEV, r, &r->info);
        g_autofree char *chr = g_strdup_printf("char%s", alias);
        vrDomainChrSource src = r->source;
        json_object *dev;
        unsigned int bi;

        src.spicevmcName = VR_DOMAIN_CHR_SPICEVMC_USBREDIR;
        if (vrQemuBuildChardev(b, &src, chr, "redirdev") < 0 ||
            !(dev = vrQemuDeviceNew(b, "usb-redir", "redirdev bus 'usb'")))
            return -1;
        vrQemuJSONStr(dev, "chardev", chr);
        vrQemuJSONStr(dev, "id", alias);
        if (b->def->redirfilter && b->def->redirfilter->nusbdevs) {
            g_autofree char *filter = vrQemuRedirFilter(b->def->redirfilter);
            vrQemuJSONStr(dev, "filter", filter);
        }
        if ((bi = vrQemuBootIndex(b, VR_DOMAIN_DEVICE_REDIRDEV, r, &r->info)))
            vrQemuJSONUInt(dev, "bootindex", bi);
        if (vrQemuPlaceDevice(b, dev, &r->info) < 0)
            return -1;
    }
    return 0;
}

/* USB hubs come before every USB device (libvirt's order): a device on
 * port "1.2" needs the hub on port 1 to exist already. */
int
vrQemuBuildHubs(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nhubs; i++) {
        const vrDomainHubDef *h = b->def->hubs[i];
        json_object *dev = vrQemuDeviceNew(b, "usb-hub", "hub type 'usb'");
        if (!dev)
            return -1;
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_HUB, h, &h->info));
        if (vrQemuPlaceDevice(b, dev, &h->info) < 0)
            return -1;
    }
    return 0;
}

/* ---- host devices ---------------------------------------------------- */

static json_object *
vrQemuHostdevUSB(vrQemuBuild *b, const vrDomainHostdevDef *h)
{
    json_object *dev = vrQemuDeviceNew(b, "usb-host", "hostdev type 'usb'");

    if (!dev)
        return NULL;
    if (h->hasUsbAddress) {
        vrQemuJSONUInt(dev, "hostbus", h->usbBus);
        vrQemuJSONUInt(dev, "hostaddr", h->usbDevice);
    } else {
        vrQemuJSONUInt(dev, "vendorid", h->vendor);
        vrQemuJSONUInt(dev, "productid", h->product);
    }
    if (h->guestReset == 1 || h->guestReset == 2)
        vrQemuJSONBool(dev, "guest-reset", false);
    else if (h->guestReset == 3)
        vrQemuJSONBool(dev, "guest-resets-all", true);
    return dev;
}

static json_object *
vrQemuHostdevPCI(vrQemuBuild *b, const vrDomainHostdevDef *h)
{
    const vrPCIAddress *a = &h->pciAddr;
    g_autofree char *host = g_strdup_printf("%04x:%02x:%02x.%x", a->domain, a->bus, a->slot, a->function);
    json_object *dev;

    if (h->pciBackend != VR_DOMAIN_HOSTDEV_PCI_BACKEND_DEFAULT &&
        h->pciBackend != VR_DOMAIN_HOSTDEV_PCI_BACKEND_VFIO) {
        vrQemuUnsupported(b, "hostdev driver '%s'", vrDomainHostdevPCIBackendTypeToString(h->pciBackend));
        return NULL;
    }
    if (!(dev = vrQemuDeviceNew(b, "vfio-pci", "hostdev type 'pci'")))
        return NULL;
    vrQemuJSONStr(dev, "host", host);
    vrQemuJSONTristateOnOff(dev, "display", h->display);
    return dev;
}

static json_object *
vrQemuHostdevDevice(vrQemuBuild *b, const vrDomainHostdevDef *h)
{
    json_object *dev;
    g_autofree char *sysfs = NULL;

    if (h->mode != VR_DOMAIN_HOSTDEV_MODE_SUBSYS) {
        vrQemuUnsupported(b, "hostdev mode '%s'", vrDomainHostdevModeTypeToString(h->mode));
        return NULL;
    }
    switch ((vrDomainHostdevSubsysType)h->type) {
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB:
        return vrQemuHostdevUSB(b, h);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI:
        return vrQemuHostdevPCI(b, h);
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV:
        if (h->mdevModel != VR_DOMAIN_MDEV_MODEL_VFIO_PCI)
            break;
        if (!(dev = vrQemuDeviceNew(b, "vfio-pci", "hostdev type 'mdev'")))
            return NULL;
        sysfs = g_strdup_printf("/sys/bus/mdev/devices/%s", h->mdevUUID);
        vrQemuJSONStr(dev, "sysfsdev", sysfs);
        vrQemuJSONTristateOnOff(dev, "display", h->display);
        vrQemuJSONTristate(dev, "ramfb", h->ramfb);
        return dev;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST:
        if (!(dev = vrQemuDeviceNew(b, "vhost-scsi-pci", "hostdev type 'scsi_host'")))
            return NULL;
        vrQemuJSONStr(dev, "wwpn", h->wwpn);
        return dev;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI:
        vrQemuRefuse(b, "hostdev type 'scsi' (adapter '%s') needs its SCSI generic device resolved by "
                     "the driver before the start", h->scsiAdapter ? h->scsiAdapter : "");
        return NULL;
    case VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST:
        break;
    }
    vrQemuUnsupported(b, "hostdev type '%s'", vrDomainHostdevSubsysTypeToString(h->type));
    return NULL;
}

int
vrQemuBuildHostdevs(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nhostdevs; i++) {
        const vrDomainHostdevDef *h = b->def->hostdevs[i];
        json_object *dev = vrQemuHostdevDevice(b, h);
        unsigned int bi;

        if (!dev)
            return -1;
        vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_HOSTDEV, h, &h->info));
        if ((bi = vrQemuBootIndex(b, VR_DOMAIN_DEVICE_HOSTDEV, h, &h->info)))
            vrQemuJSONUInt(dev, "bootindex", bi);
        vrQemuDeviceBootRom(b, dev, &h->info, h->type == VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI);
        if (vrQemuPlaceDevice(b, dev, &h->info) < 0)
            return -1;
    }
    return 0;
}

/* ---- balloon, RNG ---------------------------------------------------- */

int
vrQemuBuildMemballoon(vrQemuBuild *b)
{
    const vrDomainMemballoonDef *mb = b->def->memballoon;
    const char *driver;
    json_object *dev;

    if (!mb || mb->model == VR_DOMAIN_MEMBALLOON_MODEL_NONE)
        return 0;
    driver = mb->model == VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO ? "virtio-balloon-pci"
             : mb->model == VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL ? "virtio-balloon-pci-transitional"
             : mb->model == VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL
             ? "virtio-balloon-pci-non-transitional" : NULL;
    if (!driver) {
        vrQemuUnsupported(b, "memballoon model '%s'", vrDomainMemballoonModelTypeToString(mb->model));
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, driver, "memballoon")))
        return -1;
    vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_MEMBALLOON, mb, &mb->info));
    vrQemuJSONTristate(dev, "deflate-on-oom", mb->autodeflate);
    vrQemuJSONTristate(dev, "free-page-reporting", mb->freePageReporting);
    if (mb->hasStatsPeriod && mb->statsPeriod > 0)
        vrQemuJSONInt(dev, "guest-stats-polling-interval", mb->statsPeriod);
    vrQemuDeviceVirtioOptions(dev, &mb->virtio);
    return vrQemuPlaceDevice(b, dev, &mb->info);
}

static int
vrQemuBuildRNGBackend(vrQemuBuild *b, const vrDomainRNGDef *rng, const char *alias, const char *obj)
{
    json_object *o;

    switch ((vrDomainRNGBackend)rng->backend) {
    case VR_DOMAIN_RNG_BACKEND_RANDOM:
        o = vrQemuJSONObj("qom-type", "rng-random");
        vrQemuJSONStr(o, "id", obj);
        vrQemuJSONStr(o, "filename", rng->backendPath ? rng->backendPath : "/dev/urandom");
        break;
    case VR_DOMAIN_RNG_BACKEND_BUILTIN:
        o = vrQemuJSONObj("qom-type", "rng-builtin");
        vrQemuJSONStr(o, "id", obj);
        break;
    case VR_DOMAIN_RNG_BACKEND_EGD: {
        g_autofree char *chr = g_strdup_printf("char%s", alias);
        if (!rng->backendChr || vrQemuBuildChardev(b, rng->backendChr, chr, "rng backend 'egd'") < 0)
            return -1;
        o = vrQemuJSONObj("qom-type", "rng-egd");
        vrQemuJSONStr(o, "id", obj);
        vrQemuJSONStr(o, "chardev", chr);
        break;
    }
    case VR_DOMAIN_RNG_BACKEND_LAST:
    default:
        return -1;
    }
    vrQemuBuildArgJSON(b, "-object", o);
    return 0;
}

int
vrQemuBuildRNGs(vrQemuBuild *b)
{
    static const char *const drivers[] = { "virtio-rng-pci", "virtio-rng-pci-transitional",
                                           "virtio-rng-pci-non-transitional" };
    size_t i;

    for (i = 0; i < b->def->nrngs; i++) {
        const vrDomainRNGDef *rng = b->def->rngs[i];
        const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_RNG, rng, &rng->info);
        g_autofree char *obj = g_strdup_printf("obj%s", alias);
        json_object *dev;

        if (!(dev = vrQemuDeviceNew(b, drivers[rng->model], "rng")))
            return -1;
        if (vrQemuBuildRNGBackend(b, rng, alias, obj) < 0) {
            json_object_put(dev);
            return -1;
        }
        vrQemuJSONStr(dev, "rng", obj);
        vrQemuJSONStr(dev, "id", alias);
        if (rng->hasRate) {
            vrQemuJSONUInt(dev, "max-bytes", rng->rateBytes);
            vrQemuJSONUInt(dev, "period", rng->ratePeriod ? rng->ratePeriod : 1000);
        }
        vrQemuDeviceVirtioOptions(dev, &rng->virtio);
        if (vrQemuPlaceDevice(b, dev, &rng->info) < 0)
            return -1;
    }
    return 0;
}

/* ---- shared memory ---------------------------------------------------- */

static int
vrQemuBuildShmem(vrQemuBuild *b, const vrDomainShmemDef *shm)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_SHMEM, shm, &shm->info);
    json_object *dev;

    if (shm->model == VR_DOMAIN_SHMEM_MODEL_IVSHMEM_PLAIN) {
        g_autofree char *mem = g_strdup_printf("shmmem-%s", alias);
        g_autofree char *path = g_strdup_printf("/dev/shm/%s", shm->name);
        json_object *o;
        if (!(dev = vrQemuDeviceNew(b, "ivshmem-plain", "shmem model 'ivshmem-plain'")))
            return -1;
        o = vrQemuJSONObj("qom-type", "memory-backend-file");
        vrQemuJSONStr(o, "id", mem);
        vrQemuJSONStr(o, "mem-path", path);
        vrQemuJSONUInt(o, "size", shm->size ? shm->size : 4 * 1024 * 1024);
        vrQemuJSONBool(o, "share", true);
        vrQemuBuildArgJSON(b, "-object", o);
        vrQemuJSONStr(dev, "id", alias);
        vrQemuJSONStr(dev, "memdev", mem);
        if (shm->role)
            vrQemuJSONStr(dev, "master", shm->role == VR_DOMAIN_SHMEM_ROLE_MASTER ? "on" : "off");
        return vrQemuPlaceDevice(b, dev, &shm->info);
    }
    if (shm->model == VR_DOMAIN_SHMEM_MODEL_IVSHMEM_DOORBELL) {
        g_autofree char *chr = g_strdup_printf("char%s", alias);
        vrDomainChrSource src = { .type = VR_DOMAIN_CHR_TYPE_UNIX };
        src.path = shm->serverPath ? shm->serverPath : "/tmp/ivshmem_socket";
        if (!(dev = vrQemuDeviceNew(b, "ivshmem-doorbell", "shmem model 'ivshmem-doorbell'")))
            return -1;
        if (vrQemuBuildChardev(b, &src, chr, "shmem") < 0) {
            json_object_put(dev);
            return -1;
        }
        vrQemuJSONStr(dev, "id", alias);
        vrQemuJSONStr(dev, "chardev", chr);
        if (shm->hasMsi && shm->msiVectors)
            vrQemuJSONUInt(dev, "vectors", shm->msiVectors);
        vrQemuJSONTristate(dev, "ioeventfd", shm->msiIoeventfd);
        return vrQemuPlaceDevice(b, dev, &shm->info);
    }
    vrQemuUnsupported(b, "shmem model '%s'", vrDomainShmemModelTypeToString(shm->model));
    return -1;
}

int
vrQemuBuildShmems(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nshmems; i++) {
        if (vrQemuBuildShmem(b, b->def->shmems[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- panic, vsock, crypto -------------------------------------------- */

int
vrQemuBuildPanic(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->npanics; i++) {
        const vrDomainPanicDef *p = b->def->panics[i];
        json_object *dev;

        if (p->model == VR_DOMAIN_PANIC_MODEL_HYPERV)
            continue;         /* hv-crash on -cpu */
        if (p->model != VR_DOMAIN_PANIC_MODEL_ISA) {
            vrQemuUnsupported(b, "panic model '%s'", vrDomainPanicModelTypeToString(p->model));
            return -1;
        }
        if (!(dev = vrQemuDeviceNew(b, "pvpanic", "panic model 'isa'")))
            return -1;
        if (p->info.addr.type == VR_DOMAIN_ADDRESS_ISA && p->info.addr.u.isa.iobase)
            vrQemuJSONUInt(dev, "ioport", p->info.addr.u.isa.iobase);
        vrQemuBuildDevice(b, dev);
    }
    return 0;
}

int
vrQemuBuildVsock(vrQemuBuild *b)
{
    const vrDomainVsockDef *v = b->def->vsock;
    json_object *dev;

    if (!v)
        return 0;
    if (v->guestCid < 3) {
        vrQemuRefuse(b, "%s", "vsock needs a guest CID of 3 or more (an automatic one is chosen by the "
                     "driver before the start)");
        return -1;
    }
    if (!(dev = vrQemuDeviceNew(b, v->model == VR_DOMAIN_VSOCK_MODEL_VIRTIO_TRANSITIONAL
                                   ? "vhost-vsock-pci-transitional" : "vhost-vsock-pci", "vsock")))
        return -1;
    vrQemuJSONStr(dev, "id", vrQemuAlias(b, VR_DOMAIN_DEVICE_VSOCK, v, &v->info));
    vrQemuJSONUInt(dev, "guest-cid", v->guestCid);
    if (b->p->vsockFd >= 0) {
        g_autofree char *fd = g_strdup_printf("%d", b->p->vsockFd);
        vrQemuJSONStr(dev, "vhostfd", fd);
        vrQemuBuildPassFD(b, b->p->vsockFd);
    }
    return vrQemuPlaceDevice(b, dev, &v->info);
}

int
vrQemuBuildCrypto(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->ncryptos; i++) {
        const vrDomainCryptoDef *c = b->def->cryptos[i];
        const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_CRYPTO, c, &c->info);
        g_autofree char *obj = g_strdup_printf("obj%s", alias);
        json_object *o, *dev;

        if (!(dev = vrQemuDeviceNew(b, "virtio-crypto-pci", "crypto model 'virtio'")))
            return -1;
        o = vrQemuJSONObj("qom-type", c->backend == VR_DOMAIN_CRYPTO_BACKEND_LKCF
                                      ? "cryptodev-backend-lkcf" : "cryptodev-backend-builtin");
        vrQemuJSONStr(o, "id", obj);
        if (c->queues)
            vrQemuJSONUInt(o, "queues", c->queues);
        vrQemuBuildArgJSON(b, "-object", o);
        vrQemuJSONStr(dev, "cryptodev", obj);
        vrQemuJSONStr(dev, "id", alias);
        if (vrQemuPlaceDevice(b, dev, &c->info) < 0)
            return -1;
    }
    return 0;
}

/* ---- small platform devices ------------------------------------------ */

static int
vrQemuBuildPM(vrQemuBuild *b)
{
    const char *pm = b->q35 ? "ICH9-LPC" : "PIIX4_PM";

    if (b->def->pmSuspendToMem != VR_TRISTATE_ABSENT)
        vrQemuBuildArgFormat(b, "-global", "%s.disable_s3=%d", pm,
                             b->def->pmSuspendToMem == VR_TRISTATE_OFF ? 1 : 0);
    if (b->def->pmSuspendToDisk != VR_TRISTATE_ABSENT)
        vrQemuBuildArgFormat(b, "-global", "%s.disable_s4=%d", pm,
                             b->def->pmSuspendToDisk == VR_TRISTATE_OFF ? 1 : 0);
    return 0;
}

static int
vrQemuBuildPlatformChecks(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;

    if (def->launchSecurity) {
        vrQemuUnsupported(b, "launchSecurity type '%s'",
                          vrDomainLaunchSecurityTypeToString(def->launchSecurity->type));
        return -1;
    }
    if (def->nvramDev) {
        vrQemuUnsupported(b, "%s", "<nvram> device");
        return -1;
    }
    if (def->keywrap[VR_DOMAIN_KEYWRAP_CIPHER_AES] || def->keywrap[VR_DOMAIN_KEYWRAP_CIPHER_DEA]) {
        vrQemuUnsupported(b, "%s", "<keywrap>");
        return -1;
    }
    return 0;
}

int
vrQemuBuildMisc(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    json_object *dev;

    if (vrQemuBuildPlatformChecks(b) < 0 || vrQemuBuildPM(b) < 0)
        return -1;
    if (def->hasGenid) {
        if (!(dev = vrQemuDeviceNew(b, "vmgenid", "<genid>")))
            return -1;
        vrQemuJSONStr(dev, "guid", def->genid ? def->genid : "auto");
        vrQemuJSONStr(dev, "id", "vmgenid0");
        vrQemuBuildDevice(b, dev);
    }
    if (def->features.state[VR_DOMAIN_FEATURE_VMCOREINFO] == VR_TRISTATE_ON) {
        if (!(dev = vrQemuDeviceNew(b, "vmcoreinfo", "feature 'vmcoreinfo'")))
            return -1;
        vrQemuBuildDevice(b, dev);
    }
    /* PC machines: graphics=off on -machine (the sga device is deprecated) */
    if (def->os.biosUseserial == VR_TRISTATE_ON && !b->i440fx && !b->q35) {
        if (!(dev = vrQemuDeviceNew(b, "sga", "<bios useserial='yes'>")))
            return -1;
        vrQemuBuildDevice(b, dev);
    }
    return 0;
}
