/*
 * domain_parse.c: <domain> XML to vrDomainDef, top-level elements.
 *
 * Device elements are parsed in domain_device_parse.c; defaults that
 * depend on the whole definition are filled in domain_postparse.c.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf_common.h"
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

/* A whole decimal number as libvirt reads one: leading blanks and a plus
 * sign are fine, a minus sign or anything after the digits is not. */
int
vrDomainParseULLong(const char *str, unsigned long long *value)
{
    char *end = NULL;
    unsigned long long v;

    if (!str || strchr(str, '-'))
        return -1;
    errno = 0;
    v = strtoull(str, &end, 10);
    if (errno || end == str || *end)
        return -1;
    *value = v;
    return 0;
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
    text = vrXMLContent(node);
    unit = vrXMLProp(node, "unit");
    if (vrDomainParseULLong(text, &bytes) < 0) {
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
    return vrDomainParseMemtune(root, def);
}

/* Once the NUMA cells and memory devices are known.  <memory> is the
 * total: boot memory plus every memory device.  When <memory> is not
 * given the NUMA cells' sum is the boot memory; when it is given it is
 * kept as written, as libvirt keeps it outside ABI updates. */
static int
vrDomainFinishMemory(vrDomainDef *def)
{
    unsigned long long devices = 0;
    size_t i;

    for (i = 0; i < def->nmemories; i++)
        devices += def->memories[i]->size;
    if (def->memory == 0 && vrDomainNumaMemoryTotal(&def->numa)) {
        def->memory = vrDomainNumaMemoryTotal(&def->numa) + devices;
    } else if (devices > def->memory) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Total size of memory devices exceeds the total memory size");
        return -1;
    }
    if (def->memory - devices == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (def->currentMemory == 0 || def->currentMemory > def->memory)
        def->currentMemory = def->memory;
    return 0;
}

/* <vcpu placement= cpuset= current=>MAX</vcpu> */
static int
vrDomainParseVcpu(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr node = vrXMLChild(root, "vcpu");
    g_autofree char *text = NULL;
    g_autofree char *current = NULL;
    g_autofree char *cpuset = NULL;
    unsigned int max = 1, online = 0;
    int placement = VR_NUMATUNE_PLACEMENT_STATIC;

    if (node) {
        text = g_strstrip(vrXMLContent(node));
        if (vrStrToUInt(text, 10, &max) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "maximum vcpus count must be an integer");
            return -1;
        }
        /* stricter than libvirt, which allocates whatever count it is given
         * (a few billion exhaust its memory); no hypervisor runs this many */
        if (max > VR_DOMAIN_MAX_VCPUS) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "vcpu count '%u' in element 'vcpu' exceeds the maximum %u",
                          max, VR_DOMAIN_MAX_VCPUS);
            return -1;
        }
        if (vrDomainParseEnumAttr(node, "placement", vrDomainNumatunePlacementTypeFromString,
                                  false, &placement) < 0)
            return -1;
        if (placement == VR_NUMATUNE_PLACEMENT_DEFAULT) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Invalid value for attribute 'placement' in element 'vcpu': '%s'.",
                          "default");
            return -1;
        }
        current = vrXMLProp(node, "current");
        if (current && vrStrToUInt(current, 10, &online) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "current vcpus count must be an integer");
            return -1;
        }
        cpuset = vrXMLProp(node, "cpuset");
    }
    vrDomainDefSetMaxVcpus(def, max);
    def->vcpus = current ? online : max;
    if (def->vcpus > def->maxvcpus) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "maximum vCPU count must not be less than current vCPU count");
        return -1;
    }
    def->placementAuto = placement == VR_NUMATUNE_PLACEMENT_AUTO;
    if (cpuset && vrConfBitmapParse(cpuset, VR_DOMAIN_CPUMAP_BITS, &def->cpumask) < 0)
        return -1;
    if (def->cpumask && vrBitmapIsAllClear(def->cpumask)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid value of 'cpuset': %s", cpuset);
        return -1;
    }
    return 0;
}

/* vCPUs, I/O threads, their tuning, and what they are placed on. */
static int
vrDomainParseVcpus(xmlNodePtr root, vrDomainDef *def)
{
    if (vrDomainParseVcpu(root, def) < 0 ||
        vrDomainParseVcpuList(root, def) < 0 ||
        vrDomainParseIOThreads(root, def) < 0 ||
        vrDomainParseCputune(root, def) < 0 ||
        vrDomainParseNumatune(root, def) < 0 ||
        vrDomainParseBlkiotune(root, def) < 0 ||
        vrDomainParseMemoryBacking(root, def) < 0 ||
        vrDomainParseResource(root, def) < 0)
        return -1;
    return 0;
}

static void
vrDomainParseNamespaces(xmlNodePtr root, vrDomainDef *def, const vrDomainXMLOption *opt)
{
    if (!opt || !opt->qemuNamespace)
        return;
    vrXMLForEachChild(root, child) {
        if (child->ns && child->ns->href &&
            xmlStrEqual(child->ns->href, BAD_CAST "http://libvirt.org/schemas/domain/qemu/1.0") &&
            xmlStrEqual(child->name, BAD_CAST "commandline")) {
            def->qemuCommandlineXML = vrConfFormatElement(child);
        }
    }
}

vrDomainDef *
vrDomainDefParseNode(xmlDocPtr doc, xmlNodePtr root, const vrDomainXMLOption *opt,
                     unsigned int flags)
{
    g_autoptr(vrDomainDef) def = vrDomainDefNew();
    bool live = flags & VR_DOMAIN_PARSE_LIVE;

    (void)doc;
    if (vrDomainParseIdentity(root, def, flags) < 0 ||
        vrDomainParseMemory(root, def) < 0 ||
        vrDomainParseVcpus(root, def) < 0 ||
        vrDomainParseSysinfo(root, def, vrXMLChild(root, "uuid") != NULL) < 0 ||
        vrDomainParseBootloader(root, def) < 0 ||
        vrDomainParseOS(root, def) < 0 ||
        vrDomainParseIdMap(root, def) < 0 ||
        vrDomainParseFeatures(root, def) < 0 ||
        vrDomainParseCPU(root, def) < 0 ||
        vrDomainCPUValidate(def) < 0 ||
        vrDomainParseClock(root, def) < 0 ||
        vrDomainParseLifecycle(root, def) < 0 ||
        vrDomainParseDevices(vrXMLChild(root, "devices"), def, flags) < 0 ||
        vrDomainParseSecurity(root, def, live) < 0 ||
        vrDomainFinishMemory(def) < 0)
        return NULL;
    vrDomainParseNamespaces(root, def, opt);

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
