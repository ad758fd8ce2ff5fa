/*
 * domain_parse.c: <domain> XML to vrDomainDef, top-level elements.
 *
 * Device elements are parsed in domain_device_parse.c; defaults that
 * depend on the whole definition are filled in domain_postparse.c.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

/* ---- helpers shared with the device parsers ------------------------ */

int
vrDomainParseEnumAttr(xmlNodePtr node, const char *attr, int (*fromString)(const char *),
                      bool required, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);

    if (!str) {
        if (required) {
            vrReportError(VR_ERR_XML_ERROR, "Missing required attribute '%s' in element '%s'",
                          attr, (const char *)node->name);
            return -1;
        }
        return 0;
    }
    if ((*value = fromString(str)) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute '%s' in element '%s': '%s'.",
                      attr, (const char *)node->name, str);
        return -1;
    }
    return 1;
}

/* Reads a size element ("<memory unit='MiB'>512</memory>") into KiB,
 * rounding up as libvirt does. */
int
vrDomainParseMemoryElement(xmlNodePtr node, const char *where, unsigned long long *kib)
{
    g_autofree char *text = NULL;
    g_autofree char *unit = NULL;
    unsigned long long bytes;

    if (!node)
        return 0;
    text = g_strstrip(vrXMLContent(node));
    unit = vrXMLProp(node, "unit");
    if (vrStrToULLong(text, 10, &bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                      text, where);
        return -1;
    }
    if (vrScaleInteger(&bytes, unit, 1024, G_MAXINT64) < 0)
        return -1;
    *kib = (bytes + 1023) / 1024;
    return 1;
}

static int
vrDomainParseAddressPCI(xmlNodePtr node, vrDomainDeviceAddress *addr)
{
    g_autofree char *mf = vrXMLProp(node, "multifunction");

    if (vrXMLPropUInt(node, "domain", "address", 0, &addr->u.pci.domain) < 0 ||
        vrXMLPropUInt(node, "bus", "address", 0, &addr->u.pci.bus) < 0 ||
        vrXMLPropUInt(node, "slot", "address", 0, &addr->u.pci.slot) < 0 ||
        vrXMLPropUInt(node, "function", "address", 0, &addr->u.pci.function) < 0)
        return -1;
    if (addr->u.pci.domain > 0xffff) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address domain='0x%x', must be <= 0xFFFF",
                      addr->u.pci.domain);
        return -1;
    }
    if (addr->u.pci.bus > 0xff) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address bus='0x%x', must be <= 0xFF",
                      addr->u.pci.bus);
        return -1;
    }
    if (addr->u.pci.slot > 0x1f) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address slot='0x%x', must be <= 0x1F",
                      addr->u.pci.slot);
        return -1;
    }
    if (addr->u.pci.function > 7) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address function=0x%x, must be <= 7",
                      addr->u.pci.function);
        return -1;
    }
    if (mf) {
        if (g_str_equal(mf, "on"))
            addr->u.pci.multifunction = 1;
        else if (g_str_equal(mf, "off"))
            addr->u.pci.multifunction = 2;
        else {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'multifunction' in element 'address': '%s'.",
                          mf);
            return -1;
        }
    }
    return 0;
}

int
vrDomainParseAddress(xmlNodePtr node, vrDomainDeviceAddress *addr)
{
    int type = VR_DOMAIN_ADDRESS_NONE;

    memset(addr, 0, sizeof(*addr));
    if (vrDomainParseEnumAttr(node, "type", vrDomainAddressTypeFromString, false, &type) < 0)
        return -1;
    if (type == VR_DOMAIN_ADDRESS_NONE) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "No type specified for device address");
        return -1;
    }
    addr->type = type;

    switch ((vrDomainAddressType)type) {
    case VR_DOMAIN_ADDRESS_PCI:
        return vrDomainParseAddressPCI(node, addr);
    case VR_DOMAIN_ADDRESS_DRIVE:
        if (vrXMLPropUInt(node, "controller", "address", 10, &addr->u.drive.controller) < 0 ||
            vrXMLPropUInt(node, "bus", "address", 10, &addr->u.drive.bus) < 0 ||
            vrXMLPropUInt(node, "target", "address", 10, &addr->u.drive.target) < 0 ||
            vrXMLPropUInt(node, "unit", "address", 10, &addr->u.drive.unit) < 0)
            return -1;
        return 0;
    case VR_DOMAIN_ADDRESS_VIRTIO_SERIAL:
        if (vrXMLPropUInt(node, "controller", "address", 10, &addr->u.vioserial.controller) < 0 ||
            vrXMLPropUInt(node, "bus", "address", 10, &addr->u.vioserial.bus) < 0 ||
            vrXMLPropUInt(node, "port", "address", 10, &addr->u.vioserial.port) < 0)
            return -1;
        return 0;
    case VR_DOMAIN_ADDRESS_CCID:
        if (vrXMLPropUInt(node, "controller", "address", 10, &addr->u.ccid.controller) < 0 ||
            vrXMLPropUInt(node, "slot", "address", 10, &addr->u.ccid.slot) < 0)
            return -1;
        return 0;
    case VR_DOMAIN_ADDRESS_USB: {
        g_autofree char *port = vrXMLProp(node, "port");
        if (vrXMLPropUInt(node, "bus", "address", 10, &addr->u.usb.bus) < 0)
            return -1;
        if (port) {
            if (strlen(port) >= sizeof(addr->u.usb.port) ||
                strspn(port, "0123456789.") != strlen(port)) {
                vrReportError(VR_ERR_XML_ERROR, "Cannot parse <address> 'port' attribute '%s'",
                              port);
                return -1;
            }
            g_strlcpy(addr->u.usb.port, port, sizeof(addr->u.usb.port));
        }
        return 0;
    }
    case VR_DOMAIN_ADDRESS_SPAPRVIO: {
        int rc = vrXMLPropULLong(node, "reg", "address", 16, &addr->u.spaprvio.reg);
        if (rc < 0)
            return -1;
        addr->u.spaprvio.hasReg = rc > 0;
        return 0;
    }
    case VR_DOMAIN_ADDRESS_CCW:
        if (vrXMLPropUInt(node, "cssid", "address", 0, &addr->u.ccw.cssid) < 0 ||
            vrXMLPropUInt(node, "ssid", "address", 0, &addr->u.ccw.ssid) < 0 ||
            vrXMLPropUInt(node, "devno", "address", 0, &addr->u.ccw.devno) < 0)
            return -1;
        return 0;
    case VR_DOMAIN_ADDRESS_ISA:
        if (vrXMLPropUInt(node, "iobase", "address", 0, &addr->u.isa.iobase) < 0 ||
            vrXMLPropUInt(node, "irq", "address", 0, &addr->u.isa.irq) < 0)
            return -1;
        return 0;
    case VR_DOMAIN_ADDRESS_DIMM:
        if (vrXMLPropUInt(node, "slot", "address", 10, &addr->u.dimm.slot) < 0 ||
            vrXMLPropULLong(node, "base", "address", 16, &addr->u.dimm.base) < 0)
            return -1;
        return 0;
    case VR_DOMAIN_ADDRESS_VIRTIO_MMIO:
    case VR_DOMAIN_ADDRESS_UNASSIGNED:
    case VR_DOMAIN_ADDRESS_NONE:
    case VR_DOMAIN_ADDRESS_LAST:
        return 0;
    }
    return 0;
}

/* <alias>, <address>, <boot order>, <rom> inside any device element. */
int
vrDomainParseDeviceInfo(xmlNodePtr node, vrDomainDeviceInfo *info, unsigned int flags)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "alias"))) {
        g_autofree char *name = vrXMLProp(child, "name");
        /* Only user aliases ("ua-") survive an inactive definition. */
        if (name && ((flags & VR_DOMAIN_PARSE_LIVE) || g_str_has_prefix(name, "ua-")))
            info->alias = g_steal_pointer(&name);
    }
    if ((child = vrXMLChild(node, "address")) &&
        vrDomainParseAddress(child, &info->addr) < 0)
        return -1;
    if ((child = vrXMLChild(node, "boot"))) {
        g_autofree char *order = vrXMLProp(child, "order");
        if (!order) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing boot order attribute");
            return -1;
        }
        if (vrStrToUInt(order, 10, &info->bootIndex) < 0 || info->bootIndex == 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "incorrect boot order '%s', expecting positive integer",
                          order);
            return -1;
        }
    }
    if ((child = vrXMLChild(node, "rom"))) {
        g_autofree char *bar = vrXMLProp(child, "bar");
        g_autofree char *enabled = vrXMLProp(child, "enabled");
        info->romFile = vrXMLProp(child, "file");
        if (bar)
            info->romBar = g_str_equal(bar, "on") ? 1 : 2;
        if (enabled)
            info->romEnabled = g_str_equal(enabled, "yes") ? 1 : 2;
    }
    return 0;
}

/* ---- top-level sections -------------------------------------------- */

static int
vrDomainParseIdentity(xmlNodePtr root, vrDomainDef *def, unsigned int flags)
{
    g_autofree char *type = vrXMLProp(root, "type");
    g_autofree char *uuid = NULL;
    xmlNodePtr node;

    if (!type) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing domain type attribute");
        return -1;
    }
    if ((def->virtType = vrDomainVirtTypeFromString(type)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "invalid domain type %s", type);
        return -1;
    }
    if (flags & VR_DOMAIN_PARSE_LIVE) {
        g_autofree char *id = vrXMLProp(root, "id");
        if (id && vrStrToInt(id, 10, &def->id) < 0)
            def->id = -1;
    }

    def->name = vrXMLChildContentStrip(root, "name");
    if (!def->name || !*def->name) {
        vrErrorReportPlain(VR_FROM_THIS, VR_ERR_NO_NAME);
        return -1;
    }
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }

    if ((uuid = vrXMLChildContentStrip(root, "uuid"))) {
        if (vrUUIDParse(uuid, def->uuid) < 0) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
            return -1;
        }
    } else {
        vrUUIDGenerate(def->uuid);
    }

    if ((node = vrXMLChild(root, "genid"))) {
        g_autofree char *genid = g_strstrip(vrXMLContent(node));
        def->hasGenid = true;
        if (*genid) {
            if (!vrUUIDIsValidString(genid)) {
                vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "malformed genid element");
                return -1;
            }
            def->genid = g_steal_pointer(&genid);
        }
    }

    def->title = vrXMLChildContent(root, "title");
    if (def->title && strchr(def->title, '\n')) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Domain title can't contain newlines");
        return -1;
    }
    def->description = vrXMLChildContent(root, "description");

    if ((node = vrXMLChild(root, "metadata"))) {
        g_auto(vrBuf) buf = VR_BUF_INIT;
        vrXMLForEachChild(node, child) {
            g_autofree char *xml = vrXMLNodeToString(root->doc, child);
            vrBufAddLit(&buf, xml);
            vrBufAddLit(&buf, "\n");
        }
        def->metadata = vrBufContent(&buf);
        if (!*def->metadata)
            g_clear_pointer(&def->metadata, g_free);
    }
    return 0;
}

static int
vrDomainParseMemtune(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr mt = vrXMLChild(root, "memtune");
    int rc;

    if (!mt)
        return 0;
    if ((rc = vrDomainParseMemoryElement(vrXMLChild(mt, "hard_limit"),
                                         "./memtune/hard_limit[1]", &def->hardLimit)) < 0)
        return -1;
    def->hasHardLimit = rc > 0;
    if ((rc = vrDomainParseMemoryElement(vrXMLChild(mt, "soft_limit"),
                                         "./memtune/soft_limit[1]", &def->softLimit)) < 0)
        return -1;
    def->hasSoftLimit = rc > 0;
    if ((rc = vrDomainParseMemoryElement(vrXMLChild(mt, "swap_hard_limit"),
                                         "./memtune/swap_hard_limit[1]",
                                         &def->swapHardLimit)) < 0)
        return -1;
    def->hasSwapHardLimit = rc > 0;
    if ((rc = vrDomainParseMemoryElement(vrXMLChild(mt, "min_guarantee"),
                                         "./memtune/min_guarantee[1]",
                                         &def->minGuarantee)) < 0)
        return -1;
    def->hasMinGuarantee = rc > 0;
    return 0;
}

static int
vrDomainParseMemory(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr node;

    if ((node = vrXMLChild(root, "maxMemory"))) {
        g_autofree char *slots = vrXMLProp(node, "slots");
        if (vrDomainParseMemoryElement(node, "./maxMemory[1]", &def->maxMemory) < 0)
            return -1;
        if (slots && vrStrToUInt(slots, 10, &def->maxMemorySlots) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                          slots, "./maxMemory[1]/@slots");
            return -1;
        }
    }
    if ((node = vrXMLChild(root, "memory"))) {
        def->memoryDumpCore = vrXMLProp(node, "dumpCore");
        if (vrDomainParseMemoryElement(node, "./memory[1]", &def->memory) < 0)
            return -1;
    }
    if (vrDomainParseMemoryElement(vrXMLChild(root, "currentMemory"), "./currentMemory[1]",
                                   &def->currentMemory) < 0)
        return -1;
    if (def->memory == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (def->currentMemory == 0 || def->currentMemory > def->memory)
        def->currentMemory = def->memory;

    if ((node = vrXMLChild(root, "memoryBacking")))
        def->memoryBackingXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(root, "blkiotune")))
        def->blkiotuneXML = vrXMLFormatElement(node);
    return vrDomainParseMemtune(root, def);
}

static int
vrDomainParseVcpus(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr node = vrXMLChild(root, "vcpu");

    def->maxvcpus = 1;
    if (node) {
        g_autofree char *text = g_strstrip(vrXMLContent(node));
        g_autofree char *current = vrXMLProp(node, "current");

        if (vrStrToUInt(text, 10, &def->maxvcpus) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "maximum vcpus count must be an integer");
            return -1;
        }
        if (def->maxvcpus == 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "maximum vcpus count must be greater than 0");
            return -1;
        }
        def->placement = vrXMLProp(node, "placement");
        def->cpuset = vrXMLProp(node, "cpuset");
        if (def->placement && !g_str_equal(def->placement, "static") &&
            !g_str_equal(def->placement, "auto")) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'placement' in element 'vcpu': '%s'.",
                          def->placement);
            return -1;
        }
        if (current) {
            if (vrStrToUInt(current, 10, &def->vcpus) < 0) {
                vrReportError(VR_ERR_XML_ERROR, "%s", "current vcpus count must be an integer");
                return -1;
            }
            if (def->vcpus > def->maxvcpus) {
                vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                              "maximum vCPU count must not be less than current vCPU count");
                return -1;
            }
        }
    }
    if (def->vcpus == 0)
        def->vcpus = def->maxvcpus;
    if (!def->placement)
        def->placement = g_strdup("static");

    if ((node = vrXMLChild(root, "vcpus")))
        def->vcpusXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(root, "iothreads"))) {
        g_autofree char *n = g_strstrip(vrXMLContent(node));
        if (vrStrToUInt(n, 10, &def->iothreads) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                          n, "./iothreads[1]");
            return -1;
        }
    }
    if ((node = vrXMLChild(root, "iothreadids")))
        def->iothreadsXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(root, "cputune")))
        def->cputuneXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(root, "numatune")))
        def->numatuneXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(root, "resource")))
        def->resourcePartition = vrXMLChildContentStrip(node, "partition");
    if ((node = vrXMLChild(root, "sysinfo")))
        def->sysinfoXML = vrXMLFormatElement(node);
    return 0;
}

static int
vrDomainParseOS(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr os = vrXMLChild(root, "os");
    xmlNodePtr type, node;
    static const char *const osTypes[] = { "hvm", "xen", "linux", "xenpvh", "exe", "uml" };
    size_t i;

    type = vrXMLChild(os, "type");
    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "an os <type> must be specified");
        return -1;
    }
    def->os.type = g_strstrip(vrXMLContent(type));
    for (i = 0; i < G_N_ELEMENTS(osTypes); i++) {
        if (g_str_equal(def->os.type, osTypes[i]))
            break;
    }
    if (i == G_N_ELEMENTS(osTypes)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown OS type '%s'", def->os.type);
        return -1;
    }
    def->os.arch = vrXMLProp(type, "arch");
    def->os.machine = vrXMLProp(type, "machine");
    def->os.firmware = vrXMLProp(os, "firmware");

    if ((node = vrXMLChild(os, "loader"))) {
        def->os.loader = g_strstrip(vrXMLContent(node));
        def->os.loaderReadonly = vrXMLProp(node, "readonly");
        def->os.loaderType = vrXMLProp(node, "type");
        def->os.loaderSecure = vrXMLProp(node, "secure");
    }
    if ((node = vrXMLChild(os, "nvram"))) {
        def->os.nvram = g_strstrip(vrXMLContent(node));
        def->os.nvramTemplate = vrXMLProp(node, "template");
    }
    def->os.kernel = vrXMLChildContentStrip(os, "kernel");
    def->os.initrd = vrXMLChildContentStrip(os, "initrd");
    def->os.cmdline = vrXMLChildContent(os, "cmdline");
    def->os.dtb = vrXMLChildContentStrip(os, "dtb");
    def->os.root = vrXMLChildContentStrip(os, "root");
    def->os.init = vrXMLChildContentStrip(os, "init");
    vrXMLForEachNamed(os, "initarg", arg) {
        if (!def->os.initargs)
            def->os.initargs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(def->os.initargs, vrXMLContent(arg));
    }

    vrXMLForEachNamed(os, "boot", boot) {
        int dev;
        if (vrDomainParseEnumAttr(boot, "dev", vrDomainBootDeviceTypeFromString, true, &dev) < 0)
            return -1;
        if (def->os.nBootDevs < VR_DOMAIN_BOOT_LAST)
            def->os.bootDevs[def->os.nBootDevs++] = dev;
    }
    if ((node = vrXMLChild(os, "bootmenu"))) {
        g_autofree char *timeout = vrXMLProp(node, "timeout");
        def->os.bootmenuEnable = vrXMLProp(node, "enable");
        if (timeout) {
            if (vrStrToUInt(timeout, 10, &def->os.bootmenuTimeout) < 0 ||
                def->os.bootmenuTimeout > 65535) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "invalid value for boot menu timeout, must be in range [0,65535]");
                return -1;
            }
            def->os.hasBootmenuTimeout = true;
        }
    }
    if ((node = vrXMLChild(os, "smbios")))
        def->os.smbiosMode = vrXMLProp(node, "mode");
    if ((node = vrXMLChild(os, "bios"))) {
        g_autofree char *rt = vrXMLProp(node, "rebootTimeout");
        def->os.bios_useserial = vrXMLProp(node, "useserial");
        if (rt) {
            if (vrStrToInt(rt, 10, &def->os.biosRebootTimeout) < 0 ||
                def->os.biosRebootTimeout < -1 || def->os.biosRebootTimeout > 65535) {
                vrReportError(VR_ERR_XML_ERROR, "%s",
                              "invalid value for rebootTimeout, must be in range [-1,65535]");
                return -1;
            }
            def->os.hasBiosRebootTimeout = true;
        }
    }
    if ((node = vrXMLChild(os, "acpi")))
        def->os.acpiTableXML = vrXMLFormatElement(node);
    return 0;
}

static int
vrDomainParseFeatures(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr features = vrXMLChild(root, "features");

    vrXMLForEachChild(features, child) {
        vrDomainFeature f = { 0 };
        bool hasChildren = false;

        vrXMLForEachChild(child, sub) {
            (void)sub;
            hasChildren = true;
            break;
        }
        f.name = g_strdup((const char *)child->name);
        f.state = vrXMLProp(child, "state");
        if (hasChildren || child->properties)
            f.xml = vrXMLFormatElement(child);
        def->features = g_renew(vrDomainFeature, def->features, def->nfeatures + 1);
        def->features[def->nfeatures++] = f;
    }
    return 0;
}

static int
vrDomainParseCPU(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr cpu = vrXMLChild(root, "cpu");
    xmlNodePtr node;

    if (!cpu)
        return 0;
    def->cpu.present = true;
    def->cpu.mode = vrXMLProp(cpu, "mode");
    def->cpu.match = vrXMLProp(cpu, "match");
    def->cpu.check = vrXMLProp(cpu, "check");
    def->cpu.migratable = vrXMLProp(cpu, "migratable");
    if (def->cpu.mode && !g_str_equal(def->cpu.mode, "custom") &&
        !g_str_equal(def->cpu.mode, "host-model") &&
        !g_str_equal(def->cpu.mode, "host-passthrough") &&
        !g_str_equal(def->cpu.mode, "maximum")) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute 'mode' in element 'cpu': '%s'.",
                      def->cpu.mode);
        return -1;
    }
    if ((node = vrXMLChild(cpu, "model"))) {
        def->cpu.model = g_strstrip(vrXMLContent(node));
        def->cpu.modelFallback = vrXMLProp(node, "fallback");
        def->cpu.modelVendorId = vrXMLProp(node, "vendor_id");
    }
    def->cpu.vendor = vrXMLChildContentStrip(cpu, "vendor");
    if ((node = vrXMLChild(cpu, "topology"))) {
        def->cpu.hasTopology = true;
        def->cpu.dies = 1;
        if (vrXMLPropUInt(node, "sockets", "topology", 10, &def->cpu.sockets) < 0 ||
            vrXMLPropUInt(node, "dies", "topology", 10, &def->cpu.dies) < 0 ||
            vrXMLPropUInt(node, "cores", "topology", 10, &def->cpu.cores) < 0 ||
            vrXMLPropUInt(node, "threads", "topology", 10, &def->cpu.threads) < 0)
            return -1;
        if (!def->cpu.sockets || !def->cpu.cores || !def->cpu.threads || !def->cpu.dies) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "Invalid CPU topology: sockets, dies, cores and threads must be "
                          "positive integers");
            return -1;
        }
    }
    vrXMLForEachNamed(cpu, "feature", feat) {
        vrDomainCPUFeature f = { vrXMLProp(feat, "name"), vrXMLProp(feat, "policy") };
        if (!f.name) {
            g_free(f.policy);
            vrReportError(VR_ERR_XML_ERROR, "%s", "Invalid CPU feature name");
            return -1;
        }
        def->cpu.features = g_renew(vrDomainCPUFeature, def->cpu.features, def->cpu.nfeatures + 1);
        def->cpu.features[def->cpu.nfeatures++] = f;
    }
    if ((node = vrXMLChild(cpu, "cache")))
        def->cpu.cacheXML = vrXMLFormatElement(node);
    if ((node = vrXMLChild(cpu, "numa")))
        def->cpu.numaXML = vrXMLFormatElement(node);
    return 0;
}

static int
vrDomainParseClock(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr clock = vrXMLChild(root, "clock");

    if (!clock) {
        def->clock.offset = g_strdup("utc");
        return 0;
    }
    def->clock.offset = vrXMLProp(clock, "offset");
    if (!def->clock.offset)
        def->clock.offset = g_strdup("utc");
    if (!g_str_equal(def->clock.offset, "utc") && !g_str_equal(def->clock.offset, "localtime") &&
        !g_str_equal(def->clock.offset, "variable") && !g_str_equal(def->clock.offset, "timezone") &&
        !g_str_equal(def->clock.offset, "absolute")) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown clock offset '%s'", def->clock.offset);
        return -1;
    }
    def->clock.adjustment = vrXMLProp(clock, "adjustment");
    def->clock.basis = vrXMLProp(clock, "basis");
    def->clock.timezone = vrXMLProp(clock, "timezone");
    def->clock.start = vrXMLProp(clock, "start");
    vrXMLForEachNamed(clock, "timer", tnode) {
        vrDomainTimerDef t = { 0 };
        xmlNodePtr catchup = vrXMLChild(tnode, "catchup");

        t.name = vrXMLProp(tnode, "name");
        if (!t.name) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "missing timer name");
            return -1;
        }
        t.present = vrXMLProp(tnode, "present");
        t.tickpolicy = vrXMLProp(tnode, "tickpolicy");
        t.track = vrXMLProp(tnode, "track");
        t.frequency = vrXMLProp(tnode, "frequency");
        t.mode = vrXMLProp(tnode, "mode");
        if (catchup) {
            t.catchupThreshold = vrXMLProp(catchup, "threshold");
            t.catchupSlew = vrXMLProp(catchup, "slew");
            t.catchupLimit = vrXMLProp(catchup, "limit");
        }
        def->clock.timers = g_renew(vrDomainTimerDef, def->clock.timers, def->clock.ntimers + 1);
        def->clock.timers[def->clock.ntimers++] = t;
    }
    return 0;
}

static int
vrDomainParseLifecycle(xmlNodePtr root, const char *name, int *action)
{
    g_autofree char *text = vrXMLChildContentStrip(root, name);

    if (!text)
        return 0;
    if ((*action = vrDomainLifecycleActionTypeFromString(text)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown %s action: %s", name, text);
        return -1;
    }
    if (g_str_equal(name, "on_poweroff") && *action != VR_DOMAIN_LIFECYCLE_DESTROY &&
        *action != VR_DOMAIN_LIFECYCLE_RESTART && *action != VR_DOMAIN_LIFECYCLE_PRESERVE &&
        *action != VR_DOMAIN_LIFECYCLE_RESTART_RENAME) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown %s action: %s", name, text);
        return -1;
    }
    return 0;
}

static int
vrDomainParseEvents(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr pm;

    if (vrDomainParseLifecycle(root, "on_poweroff", &def->onPoweroff) < 0 ||
        vrDomainParseLifecycle(root, "on_reboot", &def->onReboot) < 0 ||
        vrDomainParseLifecycle(root, "on_crash", &def->onCrash) < 0)
        return -1;
    def->onLockfailure = vrXMLChildContentStrip(root, "on_lockfailure");
    if ((pm = vrXMLChild(root, "pm"))) {
        xmlNodePtr n;
        if ((n = vrXMLChild(pm, "suspend-to-mem")))
            def->pmSuspendToMem = vrXMLProp(n, "enabled");
        if ((n = vrXMLChild(pm, "suspend-to-disk")))
            def->pmSuspendToDisk = vrXMLProp(n, "enabled");
    }
    if ((pm = vrXMLChild(root, "perf")))
        def->perfXML = vrXMLFormatElement(pm);
    return 0;
}

static int
vrDomainParseSeclabels(xmlNodePtr root, vrDomainDef *def)
{
    vrXMLForEachNamed(root, "seclabel", node) {
        vrDomainSeclabelDef s = { 0 };

        s.type = vrXMLProp(node, "type");
        s.model = vrXMLProp(node, "model");
        s.relabel = vrXMLProp(node, "relabel");
        s.label = vrXMLChildContentStrip(node, "label");
        s.imagelabel = vrXMLChildContentStrip(node, "imagelabel");
        s.baselabel = vrXMLChildContentStrip(node, "baselabel");
        if (s.type && !g_str_equal(s.type, "dynamic") && !g_str_equal(s.type, "static") &&
            !g_str_equal(s.type, "none")) {
            vrReportError(VR_ERR_XML_ERROR, "invalid security type '%s'", s.type);
            g_free(s.type); g_free(s.model); g_free(s.relabel);
            g_free(s.label); g_free(s.imagelabel); g_free(s.baselabel);
            return -1;
        }
        def->seclabels = g_renew(vrDomainSeclabelDef, def->seclabels, def->nseclabels + 1);
        def->seclabels[def->nseclabels++] = s;
    }
    return 0;
}

static void
vrDomainParseNamespaces(xmlNodePtr root, vrDomainDef *def)
{
    vrXMLForEachChild(root, child) {
        if (child->ns && child->ns->href &&
            xmlStrEqual(child->ns->href, BAD_CAST "http://libvirt.org/schemas/domain/qemu/1.0") &&
            xmlStrEqual(child->name, BAD_CAST "commandline")) {
            def->qemuCommandlineXML = vrXMLFormatElement(child);
        }
    }
}

vrDomainDef *
vrDomainDefParseNode(xmlDocPtr doc, xmlNodePtr root, const vrDomainXMLOption *opt,
                     unsigned int flags)
{
    g_autoptr(vrDomainDef) def = vrDomainDefNew();

    (void)doc;
    if (vrDomainParseIdentity(root, def, flags) < 0 ||
        vrDomainParseMemory(root, def) < 0 ||
        vrDomainParseVcpus(root, def) < 0 ||
        vrDomainParseOS(root, def) < 0 ||
        vrDomainParseFeatures(root, def) < 0 ||
        vrDomainParseCPU(root, def) < 0 ||
        vrDomainParseClock(root, def) < 0 ||
        vrDomainParseEvents(root, def) < 0 ||
        vrDomainParseDevices(vrXMLChild(root, "devices"), def, flags) < 0 ||
        vrDomainParseSeclabels(root, def) < 0)
        return NULL;
    vrDomainParseNamespaces(root, def);

    if (!(flags & VR_DOMAIN_PARSE_SKIP_POSTPARSE) && vrDomainDefPostParse(def, opt) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

vrDomainDef *
vrDomainDefParseString(const char *xml, const vrDomainXMLOption *opt, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(domain_definition)", "domain",
                                             VR_FROM_DOMAIN);

    if (!doc)
        return NULL;
    return vrDomainDefParseNode(doc, xmlDocGetRootElement(doc), opt, flags);
}
