/*
 * virsh-domain-devices.c: adding, removing and changing guest devices
 * without writing XML: update-device, attach-disk, detach-disk,
 * attach-interface, detach-interface, change-media, domif-setlink.
 *
 * The XML these commands build, and the fragments they cut out of the
 * guest's definition (printed with --print-xml), are virsh's byte for
 * byte: scripts feed them to attach-device or compare them.
 */
#include <config.h>

#include <string.h>
#include <sys/stat.h>

#include "util/vrxml.h"
#include "virsh.h"

/* ---- live/config/current/persistent --------------------------------- */

typedef struct {
    unsigned int flags;            /* VR_DOMAIN_AFFECT_* */
    bool current;
    bool persistent;
} virshDeviceAffect;

/* virsh's checks and mapping for the device commands, where --persistent
 * means --config plus --live when the guest runs. */
static bool
virshDeviceAffectParse(vshControl *ctl, const vshCmd *cmd, virshDeviceAffect *aff)
{
    memset(aff, 0, sizeof(*aff));
    aff->current = vshOptBool(cmd, "current");
    aff->persistent = vshOptBool(cmd, "persistent");
    if (!vshExclusiveOptions(ctl, cmd, "persistent", "current") ||
        !vshExclusiveOptions(ctl, cmd, "current", "live") ||
        !vshExclusiveOptions(ctl, cmd, "current", "config"))
        return false;
    if (vshOptBool(cmd, "config") || aff->persistent)
        aff->flags |= VR_DOMAIN_AFFECT_CONFIG;
    if (vshOptBool(cmd, "live"))
        aff->flags |= VR_DOMAIN_AFFECT_LIVE;
    return true;
}

static void
virshDeviceAffectDomain(virshDeviceAffect *aff, vrDomain *dom)
{
    if (aff->persistent && vrDomainIsActive(dom) == 1)
        aff->flags |= VR_DOMAIN_AFFECT_LIVE;
}

static int
virshDeviceAttach(vrDomain *dom, const char *xml, const virshDeviceAffect *aff)
{
    if (aff->flags || aff->current)
        return vrDomainAttachDeviceFlags(dom, xml, aff->flags);
    return vrDomainAttachDevice(dom, xml);
}

static int
virshDeviceDetach(vrDomain *dom, const char *xml, const virshDeviceAffect *aff)
{
    if (aff->flags || aff->current)
        return vrDomainDetachDeviceFlags(dom, xml, aff->flags);
    return vrDomainDetachDevice(dom, xml);
}

/* Reads a device file as virsh reports it ("Failed to open file ..."). */
static char *
virshDeviceReadFile(vshControl *ctl, const char *path)
{
    char *xml = vshReadFile(ctl, path);

    if (!xml)
        vshReportError(ctl);
    return xml;
}

#define VIRSH_OPT_DEVICE_AFFECT \
    { "persistent", VSH_OPT_BOOL, 0, "make live change persistent" }, \
    VIRSH_OPT_CONFIG("affect next boot"), \
    VIRSH_OPT_LIVE("affect running domain"), \
    VIRSH_OPT_CURRENT("affect current domain")

/* "virsh: Option --%s is required by option --%s" */
static bool
virshRequireOption(vshControl *ctl, const vshCmd *cmd, const char *given, const char *needed)
{
    if (vshOptGiven(cmd, given) && !vshOptGiven(cmd, needed)) {
        vshError(ctl, "Option --%s is required by option --%s", needed, given);
        return false;
    }
    return true;
}

/* ---- attach-device, detach-device, update-device --------------------- */

static const vshOptDef optsDeviceFile[] = {
    VIRSH_OPT_DOMAIN,
    VIRSH_OPT_FILE("XML file"),
    VIRSH_OPT_DEVICE_AFFECT,
    VIRSH_OPT_END,
};

static bool
cmdAttachDevice(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    virshDeviceAffect aff;

    if (!virshDeviceAffectParse(ctl, cmd, &aff))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    virshDeviceAffectDomain(&aff, dom);
    if (!(xml = virshDeviceReadFile(ctl, from)))
        return false;
    if (virshDeviceAttach(dom, xml, &aff) < 0) {
        vshError(ctl, "Failed to attach device from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "%s", "Device attached successfully\n");
    return true;
}

static bool
cmdDetachDevice(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    virshDeviceAffect aff;

    if (!virshDeviceAffectParse(ctl, cmd, &aff))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    virshDeviceAffectDomain(&aff, dom);
    if (vshOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    if (!(xml = virshDeviceReadFile(ctl, from)))
        return false;
    if (virshDeviceDetach(dom, xml, &aff) < 0) {
        vshError(ctl, "Failed to detach device from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "%s", "Device detached successfully\n");
    return true;
}


static const vshOptDef optsUpdateDevice[] = {
    VIRSH_OPT_DOMAIN,
    VIRSH_OPT_FILE("XML file"),
    VIRSH_OPT_DEVICE_AFFECT,
    { "force", VSH_OPT_BOOL, 0, "force device update" },
    VIRSH_OPT_END,
};

static bool
cmdUpdateDevice(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *from = NULL;
    virshDeviceAffect aff;

    if (!virshDeviceAffectParse(ctl, cmd, &aff))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    virshDeviceAffectDomain(&aff, dom);
    if (!(xml = virshDeviceReadFile(ctl, from)))
        return false;
    if (vshOptBool(cmd, "force"))
        aff.flags |= VR_DOMAIN_DEVICE_MODIFY_FORCE;
    if (vrDomainUpdateDeviceFlags(dom, xml, aff.flags) < 0) {
        vshError(ctl, "Failed to update device from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "%s", "Device updated successfully\n");
    return true;
}

/* ---- addresses (attach-disk --address, attach-interface hostdev) ------ */

typedef enum {
    VIRSH_ADDRESS_PCI,
    VIRSH_ADDRESS_SATA,
    VIRSH_ADDRESS_IDE,
    VIRSH_ADDRESS_SCSI,
    VIRSH_ADDRESS_CCW,
    VIRSH_ADDRESS_USB,
} virshAddressType;

typedef struct {
    virshAddressType type;
    unsigned int a, b, c, d;       /* pci: domain bus slot function; drive: controller bus;
                                    * ccw: cssid ssid devno; usb: bus port */
    unsigned long long unit;
    bool multifunction;
} virshAddress;

/* One unsigned number after a one-character separator, as virsh reads
 * them (leading '-' refused, trailing text left for the next field). */
static int
virshAddressField(const char **p, int base, unsigned long long max, unsigned long long *out)
{
    const char *s;
    char *end = NULL;
    unsigned long long v;

    if (!**p)
        return -1;
    s = ++*p;
    while (g_ascii_isspace(*s))
        s++;
    if (*s == '-')
        return -1;
    errno = 0;
    v = g_ascii_strtoull(*p, &end, base);
    if (end == *p || errno || v > max)
        return -1;
    *p = end;
    *out = v;
    return 0;
}

static int
virshAddressParse(const char *str, bool multifunction, virshAddress *addr)
{
    static const char *const types[] = { "pci", "sata", "ide", "scsi", "ccw", "usb" };
    const char *colon = strchr(str, ':');
    const char *p;
    unsigned long long v[4] = { 0 };
    size_t i;
    int n, base;

    memset(addr, 0, sizeof(*addr));
    if (!colon)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(types); i++) {
        if (strlen(types[i]) == (size_t)(colon - str) && strncmp(str, types[i], colon - str) == 0)
            break;
    }
    if (i == G_N_ELEMENTS(types))
        return -1;
    addr->type = (virshAddressType)i;
    switch (addr->type) {
    case VIRSH_ADDRESS_PCI: n = 4; base = 16; break;
    case VIRSH_ADDRESS_CCW: n = 3; base = 16; break;
    case VIRSH_ADDRESS_USB: n = 2; base = 10; break;
    default: n = 3; base = 10; break;
    }
    p = colon;
    for (i = 0; i < (size_t)n; i++) {
        bool unit = addr->type != VIRSH_ADDRESS_PCI && addr->type != VIRSH_ADDRESS_CCW &&
                    addr->type != VIRSH_ADDRESS_USB && i == 2;

        if (virshAddressField(&p, base, unit ? G_MAXUINT64 : G_MAXUINT, &v[i]) < 0)
            return -1;
    }
    addr->a = (unsigned int)v[0];
    addr->b = (unsigned int)v[1];
    addr->c = (unsigned int)v[2];
    addr->d = (unsigned int)v[3];
    addr->unit = v[2];
    addr->multifunction = addr->type == VIRSH_ADDRESS_PCI && multifunction;
    return 0;
}

static void
virshAddressFormat(GString *buf, const char *indent, const virshAddress *addr)
{
    switch (addr->type) {
    case VIRSH_ADDRESS_PCI:
        g_string_append_printf(buf, "%s<address type='pci' domain='0x%04x' bus='0x%02x' "
                               "slot='0x%02x' function='0x%0x'%s/>\n", indent, addr->a,
                               addr->b, addr->c, addr->d,
                               addr->multifunction ? " multifunction='on'" : "");
        break;
    case VIRSH_ADDRESS_SATA:
    case VIRSH_ADDRESS_IDE:
    case VIRSH_ADDRESS_SCSI:
        g_string_append_printf(buf, "%s<address type='drive' controller='%u' bus='%u' "
                               "unit='%llu'/>\n", indent, addr->a, addr->b, addr->unit);
        break;
    case VIRSH_ADDRESS_CCW:
        g_string_append_printf(buf, "%s<address type='ccw' cssid='0x%02x' ssid='0x%01x' "
                               "devno='0x%04x'/>\n", indent, addr->a, addr->b, addr->c);
        break;
    case VIRSH_ADDRESS_USB:
        g_string_append_printf(buf, "%s<address type='usb' bus='%u' port='%u'/>\n", indent,
                               addr->a, addr->b);
        break;
    }
}

/* ---- attach-disk ---------------------------------------------------- */

static const vshOptDef optsAttachDisk[] = {
    VIRSH_OPT_DOMAIN,
    { "source", VSH_OPT_DATA, VSH_OPT_REQUIRED | VSH_OPT_EMPTY_OK,
      "source of disk device or name of network disk" },
    { "target", VSH_OPT_DATA, VSH_OPT_REQUIRED, "target of disk device" },
    { "targetbus", VSH_OPT_STRING, 0, "target bus of disk device" },
    { "driver", VSH_OPT_STRING, 0, "driver of disk device" },
    { "subdriver", VSH_OPT_STRING, 0, "subdriver of disk device" },
    { "iothread", VSH_OPT_STRING, 0, "IOThread to be used by supported device" },
    { "cache", VSH_OPT_STRING, 0, "cache mode of disk device" },
    { "io", VSH_OPT_STRING, 0, "io policy of disk device" },
    { "type", VSH_OPT_STRING, 0, "target device type" },
    { "shareable", VSH_OPT_ALIAS, 0, "mode=shareable" },
    { "mode", VSH_OPT_STRING, 0, "mode of device reading and writing" },
    { "sourcetype", VSH_OPT_STRING, 0, "type of source (block|file|network)" },
    { "serial", VSH_OPT_STRING, 0, "serial of disk device" },
    { "wwn", VSH_OPT_STRING, 0, "wwn of disk device" },
    { "alias", VSH_OPT_STRING, 0, "custom alias name of disk device" },
    { "rawio", VSH_OPT_BOOL, 0, "needs rawio capability" },
    { "address", VSH_OPT_STRING, 0, "address of disk device" },
    { "multifunction", VSH_OPT_BOOL, 0, "use multifunction pci under specified address" },
    { "print-xml", VSH_OPT_BOOL, 0, "print XML document rather than attach the disk" },
    { "source-protocol", VSH_OPT_STRING, 0, "protocol used by disk device source" },
    { "source-host-name", VSH_OPT_STRING, 0, "host name for source of disk device" },
    { "source-host-transport", VSH_OPT_STRING, 0, "host transport for source of disk device" },
    { "source-host-socket", VSH_OPT_STRING, 0, "host socket for source of disk device" },
    VIRSH_OPT_DEVICE_AFFECT,
    VIRSH_OPT_END,
};

/* An XML attribute with the value escaped as libvirt's buffer does. */
static void
virshAppendAttr(GString *buf, const char *name, const char *value)
{
    const char *p;

    if (!value)
        return;
    g_string_append_printf(buf, " %s='", name);
    for (p = value; *p; p++) {
        switch (*p) {
        case '<': g_string_append(buf, "&lt;"); break;
        case '>': g_string_append(buf, "&gt;"); break;
        case '&': g_string_append(buf, "&amp;"); break;
        case '\'': g_string_append(buf, "&apos;"); break;
        case '"': g_string_append(buf, "&quot;"); break;
        default:
            /* control characters are dropped, except tab and newlines */
            if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                break;
            g_string_append_c(buf, *p);
        }
    }
    g_string_append_c(buf, '\'');
}

/* libvirt's virValidateWWN */
static bool
virshValidWWN(const char *wwn)
{
    const char *p = g_str_has_prefix(wwn, "0x") ? wwn + 2 : wwn;
    size_t i;

    for (i = 0; p[i]; i++) {
        if (!g_ascii_isxdigit(p[i]))
            break;
    }
    return i == 16 && !p[i];
}

typedef enum {
    VIRSH_DISK_SOURCE_NONE,
    VIRSH_DISK_SOURCE_FILE,
    VIRSH_DISK_SOURCE_BLOCK,
    VIRSH_DISK_SOURCE_NETWORK,
} virshDiskSourceType;

static bool
cmdAttachDisk(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const sourceTypes[] = { "", "file", "block", "network" };
    g_autoptr(vrDomain) dom = NULL;
    const char *source = NULL, *target = NULL, *driver = NULL, *subdriver = NULL;
    const char *device = NULL, *mode = NULL, *iothread = NULL, *cache = NULL, *io = NULL;
    const char *serial = NULL, *straddr = NULL, *wwn = NULL, *targetbus = NULL;
    const char *alias = NULL, *stype = NULL, *protocol = NULL, *hostName = NULL;
    const char *hostTransport = NULL, *hostSocket = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autoptr(GString) driverAttrs = g_string_new(NULL);
    g_autoptr(GString) sourceAttrs = g_string_new(NULL);
    g_autoptr(GString) hostAttrs = g_string_new(NULL);
    virshDiskSourceType type = VIRSH_DISK_SOURCE_NONE;
    virshDeviceAffect aff;
    struct stat st;
    size_t i;

    if (!virshDeviceAffectParse(ctl, cmd, &aff))
        return false;
    if (!virshRequireOption(ctl, cmd, "source-host-name", "source-protocol") ||
        !virshRequireOption(ctl, cmd, "source-host-transport", "source-protocol") ||
        !virshRequireOption(ctl, cmd, "source-host-socket", "source-protocol") ||
        !virshRequireOption(ctl, cmd, "source-host-socket", "source-host-transport") ||
        !vshExclusiveOptions(ctl, cmd, "source-host-name", "source-host-socket"))
        return false;

    if (vshOptStringReq(ctl, cmd, "source", &source) < 0 ||
        vshOptStringReq(ctl, cmd, "target", &target) < 0 ||
        vshOptStringReq(ctl, cmd, "driver", &driver) < 0 ||
        vshOptStringReq(ctl, cmd, "subdriver", &subdriver) < 0 ||
        vshOptStringReq(ctl, cmd, "type", &device) < 0 ||
        vshOptStringReq(ctl, cmd, "mode", &mode) < 0 ||
        vshOptStringReq(ctl, cmd, "iothread", &iothread) < 0 ||
        vshOptStringReq(ctl, cmd, "cache", &cache) < 0 ||
        vshOptStringReq(ctl, cmd, "io", &io) < 0 ||
        vshOptStringReq(ctl, cmd, "serial", &serial) < 0 ||
        vshOptStringReq(ctl, cmd, "wwn", &wwn) < 0 ||
        vshOptStringReq(ctl, cmd, "address", &straddr) < 0 ||
        vshOptStringReq(ctl, cmd, "targetbus", &targetbus) < 0 ||
        vshOptStringReq(ctl, cmd, "alias", &alias) < 0 ||
        vshOptStringReq(ctl, cmd, "sourcetype", &stype) < 0 ||
        vshOptStringReq(ctl, cmd, "source-protocol", &protocol) < 0 ||
        vshOptStringReq(ctl, cmd, "source-host-name", &hostName) < 0 ||
        vshOptStringReq(ctl, cmd, "source-host-transport", &hostTransport) < 0 ||
        vshOptStringReq(ctl, cmd, "source-host-socket", &hostSocket) < 0)
        return false;

    if (stype) {
        for (i = 0; i < G_N_ELEMENTS(sourceTypes); i++) {
            if (g_str_equal(stype, sourceTypes[i]))
                break;
        }
        if (i == G_N_ELEMENTS(sourceTypes)) {
            vshError(ctl, "Unknown source type: '%s'", stype);
            return false;
        }
        type = (virshDiskSourceType)i;
    }
    if (type == VIRSH_DISK_SOURCE_NONE) {
        if (protocol)
            type = VIRSH_DISK_SOURCE_NETWORK;
        else if (g_strcmp0(driver, "file") != 0 && g_strcmp0(driver, "tap") != 0 && source &&
                 stat(source, &st) == 0 && S_ISBLK(st.st_mode))
            type = VIRSH_DISK_SOURCE_BLOCK;
        else
            type = VIRSH_DISK_SOURCE_FILE;
    }
    if ((type == VIRSH_DISK_SOURCE_NETWORK) != !!protocol) {
        vshError(ctl, "%s", "--source-protocol option requires --sourcetype network");
        return false;
    }
    if (mode && !g_str_equal(mode, "readonly") && !g_str_equal(mode, "shareable")) {
        vshError(ctl, "No support for %s in command 'attach-disk'", mode);
        return false;
    }
    if (wwn && !virshValidWWN(wwn)) {
        vshError(ctl, "internal error: Malformed wwn: %s", wwn);
        return false;
    }

    g_string_append_printf(xml, "<disk type='%s'", sourceTypes[type]);
    virshAppendAttr(xml, "device", device);
    if (vshOptBool(cmd, "rawio"))
        g_string_append(xml, " rawio='yes'");
    g_string_append(xml, ">\n");

    virshAppendAttr(driverAttrs, "name", driver);
    virshAppendAttr(driverAttrs, "type", subdriver);
    virshAppendAttr(driverAttrs, "iothread", iothread);
    virshAppendAttr(driverAttrs, "cache", cache);
    virshAppendAttr(driverAttrs, "io", io);
    if (driverAttrs->len)
        g_string_append_printf(xml, "  <driver%s/>\n", driverAttrs->str);

    switch (type) {
    case VIRSH_DISK_SOURCE_FILE:
        virshAppendAttr(sourceAttrs, "file", source);
        break;
    case VIRSH_DISK_SOURCE_BLOCK:
        virshAppendAttr(sourceAttrs, "dev", source);
        break;
    case VIRSH_DISK_SOURCE_NETWORK:
        virshAppendAttr(sourceAttrs, "protocol", protocol);
        virshAppendAttr(sourceAttrs, "name", source);
        virshAppendAttr(hostAttrs, "transport", hostTransport);
        virshAppendAttr(hostAttrs, "socket", hostSocket);
        if (hostName) {
            g_autofree char *name = g_strdup(hostName);
            char *port = strchr(name, ':');

            if (port)
                *port++ = '\0';
            virshAppendAttr(hostAttrs, "name", name);
            virshAppendAttr(hostAttrs, "port", port);
        }
        break;
    case VIRSH_DISK_SOURCE_NONE:
        break;
    }
    if (hostAttrs->len)
        g_string_append_printf(xml, "  <source%s>\n    <host%s/>\n  </source>\n",
                               sourceAttrs->str, hostAttrs->str);
    else if (sourceAttrs->len)
        g_string_append_printf(xml, "  <source%s/>\n", sourceAttrs->str);

    g_string_append_printf(xml, "  <target dev='%s'", target);
    if (targetbus)
        g_string_append_printf(xml, " bus='%s'", targetbus);
    g_string_append(xml, "/>\n");
    if (mode)
        g_string_append_printf(xml, "  <%s/>\n", mode);
    if (serial)
        g_string_append_printf(xml, "  <serial>%s</serial>\n", serial);
    if (alias)
        g_string_append_printf(xml, "  <alias name='%s'/>\n", alias);
    if (wwn)
        g_string_append_printf(xml, "  <wwn>%s</wwn>\n", wwn);
    if (straddr) {
        virshAddress addr;

        if (virshAddressParse(straddr, vshOptBool(cmd, "multifunction"), &addr) < 0) {
            vshError(ctl, "%s", "Invalid address.");
            return false;
        }
        if (g_str_has_prefix(target, "vd")) {
            if (addr.type != VIRSH_ADDRESS_PCI && addr.type != VIRSH_ADDRESS_CCW) {
                vshError(ctl, "%s", "expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.");
                return false;
            }
        } else if (g_str_has_prefix(target, "sd")) {
            if (addr.type != VIRSH_ADDRESS_SCSI && addr.type != VIRSH_ADDRESS_USB &&
                addr.type != VIRSH_ADDRESS_SATA) {
                vshError(ctl, "%s",
                         "expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.");
                return false;
            }
        } else if (g_str_has_prefix(target, "hd")) {
            if (addr.type != VIRSH_ADDRESS_IDE) {
                vshError(ctl, "%s", "expecting an ide:00.00.00 address.");
                return false;
            }
        }
        virshAddressFormat(xml, "  ", &addr);
    }
    g_string_append(xml, "</disk>\n");

    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml->str);
        return true;
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    virshDeviceAffectDomain(&aff, dom);
    if (virshDeviceAttach(dom, xml->str, &aff) < 0) {
        vshError(ctl, "%s", "Failed to attach disk");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Disk attached successfully\n");
    return true;
}

/* ---- attach-interface ----------------------------------------------- */

static const vshOptDef optsAttachInterface[] = {
    VIRSH_OPT_DOMAIN,
    { "type", VSH_OPT_DATA, VSH_OPT_REQUIRED, "network interface type" },
    { "source", VSH_OPT_DATA, VSH_OPT_REQUIRED, "source of network interface" },
    { "target", VSH_OPT_STRING, 0, "target network name" },
    { "mac", VSH_OPT_STRING, 0, "MAC address" },
    { "script", VSH_OPT_STRING, 0, "script used to bridge network interface" },
    { "model", VSH_OPT_STRING, 0, "model type" },
    { "alias", VSH_OPT_STRING, 0, "custom alias name of interface device" },
    { "inbound", VSH_OPT_STRING, 0, "control domain's incoming traffics" },
    { "outbound", VSH_OPT_STRING, 0, "control domain's outgoing traffics" },
    VIRSH_OPT_DEVICE_AFFECT,
    { "print-xml", VSH_OPT_BOOL, 0, "print XML document rather than attach the interface" },
    { "managed", VSH_OPT_BOOL, 0,
      "libvirt will automatically detach/attach the device from/to host" },
    { "source-mode", VSH_OPT_STRING, 0, "mode attribute of <source/> element" },
    VIRSH_OPT_END,
};

typedef struct {
    unsigned long long average, peak, burst, floor;
} virshRate;

/* "average,peak,burst,floor", any but the first may be empty */
static int
virshParseRate(vshControl *ctl, const char *str, virshRate *rate)
{
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    g_auto(GStrv) tok = g_strsplit(str, ",", 0);
    unsigned long long *fields[] = { &rate->average, &rate->peak, &rate->burst, &rate->floor };
    guint n = g_strv_length(tok), i;

    memset(rate, 0, sizeof(*rate));
    if (n > 4) {
        vshError(ctl, "Rate string '%s' has too many fields", str);
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (*tok[i] && (tok[i][0] == '-' || vrStrToULLong(tok[i], 10, fields[i]) < 0)) {
            vshError(ctl, "field '%s' is malformed", names[i]);
            return -1;
        }
    }
    return 0;
}

static bool
cmdAttachInterface(vshControl *ctl, const vshCmd *cmd)
{
    /* libvirt's interface types, in its order */
    static const char *const netTypes[] = {
        "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge",
        "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds",
    };
    g_autoptr(vrDomain) dom = NULL;
    const char *mac = NULL, *target = NULL, *script = NULL, *type = NULL, *source = NULL;
    const char *model = NULL, *inboundStr = NULL, *outboundStr = NULL, *alias = NULL;
    const char *sourceMode = NULL;
    virshRate inbound = { 0 }, outbound = { 0 };
    g_autoptr(GString) xml = g_string_new(NULL);
    virshDeviceAffect aff;
    size_t i;

    if (!virshDeviceAffectParse(ctl, cmd, &aff))
        return false;
    if (vshOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshOptStringReq(ctl, cmd, "source", &source) < 0 ||
        vshOptStringReq(ctl, cmd, "target", &target) < 0 ||
        vshOptStringReq(ctl, cmd, "mac", &mac) < 0 ||
        vshOptStringReq(ctl, cmd, "script", &script) < 0 ||
        vshOptStringReq(ctl, cmd, "model", &model) < 0 ||
        vshOptStringReq(ctl, cmd, "alias", &alias) < 0 ||
        vshOptStringReq(ctl, cmd, "inbound", &inboundStr) < 0 ||
        vshOptStringReq(ctl, cmd, "outbound", &outboundStr) < 0 ||
        vshOptStringReq(ctl, cmd, "source-mode", &sourceMode) < 0)
        return false;

    for (i = 0; i < G_N_ELEMENTS(netTypes); i++) {
        if (g_str_equal(type, netTypes[i]))
            break;
    }
    if (i == G_N_ELEMENTS(netTypes)) {
        vshError(ctl, "No support for %s in command 'attach-interface'", type);
        return false;
    }
    if (sourceMode && !g_str_equal(sourceMode, "server") && !g_str_equal(sourceMode, "client")) {
        vshError(ctl, "Invalid source mode: %s", sourceMode);
        return false;
    }
    if (inboundStr) {
        if (virshParseRate(ctl, inboundStr, &inbound) < 0)
            return false;
        if (!inbound.average && !inbound.floor) {
            vshError(ctl, "%s", "either inbound average or floor is mandatory");
            return false;
        }
    }
    if (outboundStr) {
        if (virshParseRate(ctl, outboundStr, &outbound) < 0)
            return false;
        if (outbound.average == 0) {
            vshError(ctl, "%s", "outbound average is mandatory");
            return false;
        }
        if (outbound.floor) {
            vshError(ctl, "%s", "outbound floor is unsupported yet");
            return false;
        }
    }

    g_string_append_printf(xml, "<interface type='%s'%s>\n", type,
                           vshOptBool(cmd, "managed") ? " managed='yes'" : "");
    if (g_str_equal(type, "network") || g_str_equal(type, "bridge")) {
        g_string_append_printf(xml, "  <source %s='%s'/>\n", type, source);
    } else if (g_str_equal(type, "direct")) {
        g_string_append_printf(xml, "  <source dev='%s'/>\n", source);
    } else if (g_str_equal(type, "hostdev")) {
        g_autofree char *pci = g_strdup_printf("pci:%s", source);
        virshAddress addr;

        if (virshAddressParse(pci, false, &addr) < 0) {
            vshError(ctl, "cannot parse pci address '%s' for network interface", source);
            return false;
        }
        g_string_append(xml, "  <source>\n");
        virshAddressFormat(xml, "    ", &addr);
        g_string_append(xml, "  </source>\n");
    } else if (g_str_equal(type, "vhostuser")) {
        if (!sourceMode) {
            vshError(ctl, "%s", "source-mode is mandatory");
            return false;
        }
        g_string_append_printf(xml, "  <source type='unix' path='%s' mode='%s'/>\n", source,
                               sourceMode);
    } else {
        vshError(ctl, "No support for %s in command 'attach-interface'", type);
        return false;
    }
    if (target)
        g_string_append_printf(xml, "  <target dev='%s'/>\n", target);
    if (mac)
        g_string_append_printf(xml, "  <mac address='%s'/>\n", mac);
    if (script)
        g_string_append_printf(xml, "  <script path='%s'/>\n", script);
    if (model)
        g_string_append_printf(xml, "  <model type='%s'/>\n", model);
    if (alias)
        g_string_append_printf(xml, "  <alias name='%s'/>\n", alias);
    if (inboundStr || outboundStr) {
        g_string_append(xml, "  <bandwidth>\n");
        if (inboundStr && (inbound.average || inbound.floor)) {
            g_string_append(xml, "    <inbound");
            if (inbound.average)
                g_string_append_printf(xml, " average='%llu'", inbound.average);
            if (inbound.peak)
                g_string_append_printf(xml, " peak='%llu'", inbound.peak);
            if (inbound.burst)
                g_string_append_printf(xml, " burst='%llu'", inbound.burst);
            if (inbound.floor)
                g_string_append_printf(xml, " floor='%llu'", inbound.floor);
            g_string_append(xml, "/>\n");
        }
        if (outboundStr && outbound.average) {
            g_string_append_printf(xml, "    <outbound average='%llu'", outbound.average);
            if (outbound.peak)
                g_string_append_printf(xml, " peak='%llu'", outbound.peak);
            if (outbound.burst)
                g_string_append_printf(xml, " burst='%llu'", outbound.burst);
            g_string_append(xml, "/>\n");
        }
        g_string_append(xml, "  </bandwidth>\n");
    }
    g_string_append(xml, "</interface>\n");

    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml->str);
        return true;
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    virshDeviceAffectDomain(&aff, dom);
    if (virshDeviceAttach(dom, xml->str, &aff) != 0) {
        vshError(ctl, "%s", "Failed to attach interface");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Interface attached successfully\n");
    return true;
}

/* ---- the guest's definition ----------------------------------------- */

static xmlDocPtr
virshDeviceParseDomain(const char *xml)
{
    return vrXMLParseString(xml, "(domain_definition)", NULL, VR_FROM_DOMAIN);
}

static xmlNodePtr
virshDevicesNode(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);

    if (!root || !vrXMLIsElement(root, "domain"))
        return NULL;
    return vrXMLChild(root, "devices");
}

/* ---- detach-interface ----------------------------------------------- */

static const vshOptDef optsDetachInterface[] = {
    VIRSH_OPT_DOMAIN,
    { "type", VSH_OPT_DATA, VSH_OPT_REQUIRED, "network interface type" },
    { "mac", VSH_OPT_STRING, 0, "MAC address" },
    VIRSH_OPT_DEVICE_AFFECT,
    { "print-xml", VSH_OPT_BOOL, 0, "print XML document rather than detach the interface" },
    VIRSH_OPT_END,
};

/* libvirt's virMacAddrCompare: case and leading zeros of each part do not
 * matter. */
static int
virshMacCompare(const char *p, const char *q)
{
    unsigned char c, d;

    for (;;) {
        while (*p == '0' && g_ascii_isxdigit(p[1]))
            p++;
        while (*q == '0' && g_ascii_isxdigit(q[1]))
            q++;
        c = (unsigned char)g_ascii_toupper(*p);
        d = (unsigned char)g_ascii_toupper(*q);
        if (c == 0 || d == 0 || c != d)
            break;
        p++;
        q++;
    }
    return (int)c - (int)d;
}

static bool
virshDetachInterfaceFrom(vshControl *ctl, vrDomain *dom, const char *doc, unsigned int flags,
                         bool current, const char *type, const char *mac, bool printxml)
{
    g_autoptr(xmlDoc) xml = NULL;
    g_autofree char *detach = NULL;
    xmlNodePtr devices, match = NULL;
    size_t nmatch = 0;

    if (!(xml = virshDeviceParseDomain(doc))) {
        vshError(ctl, "%s", "Failed to get interface information");
        return false;
    }
    devices = virshDevicesNode(xml);
    vrXMLForEachNamed(devices, "interface", iface) {
        g_autofree char *itype = vrXMLProp(iface, "type");

        if (g_strcmp0(itype, type) != 0)
            continue;
        nmatch++;
        if (mac) {
            xmlNodePtr macNode = vrXMLChild(iface, "mac");
            g_autofree char *addr = macNode ? vrXMLProp(macNode, "address") : NULL;

            if (addr && virshMacCompare(addr, mac) == 0) {
                if (match) {
                    vshError(ctl, "Domain has multiple interfaces matching MAC address %s. "
                             "You must use detach-device and specify the device pci address "
                             "to remove it.", mac);
                    return false;
                }
                match = iface;
            }
        } else if (!match) {
            match = iface;
        }
    }
    if (nmatch == 0) {
        vshError(ctl, "No interface found whose type is %s", type);
        return false;
    }
    if (!mac && nmatch > 1) {
        vshError(ctl, "Domain has %zu interfaces. Please specify which one to detach using "
                 "--mac", nmatch);
        return false;
    }
    if (!match) {
        vshError(ctl, "No interface with MAC address %s was found", mac);
        return false;
    }
    detach = vrXMLNodeToString(xml, match);
    if (printxml) {
        vshPrint(ctl, "%s", detach);
        return true;
    }
    if (flags != 0 || current)
        return vrDomainDetachDeviceFlags(dom, detach, flags) == 0;
    return vrDomainDetachDevice(dom, detach) == 0;
}

static bool
cmdDetachInterface(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *mac = NULL, *type = NULL;
    bool current = vshOptBool(cmd, "current");
    bool config = vshOptBool(cmd, "config");
    bool live = vshOptBool(cmd, "live");
    bool persistent = vshOptBool(cmd, "persistent");
    bool printxml = vshOptBool(cmd, "print-xml");
    bool ret = false, affectConfig, affectLive;

    if (!vshExclusiveOptions(ctl, cmd, "persistent", "current") ||
        !vshExclusiveOptions(ctl, cmd, "current", "live") ||
        !vshExclusiveOptions(ctl, cmd, "current", "config"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "type", &type) < 0 ||
        vshOptStringReq(ctl, cmd, "mac", &mac) < 0)
        goto cleanup;

    affectConfig = config || persistent;
    if (affectConfig) {
        g_autofree char *doc = vrDomainGetXMLDesc(dom, VR_DOMAIN_XML_INACTIVE);

        if (!doc || !(ret = virshDetachInterfaceFrom(ctl, dom, doc, VR_DOMAIN_AFFECT_CONFIG,
                                                     current, type, mac, printxml)))
            goto cleanup;
    }
    affectLive = live || (persistent && vrDomainIsActive(dom) == 1);
    if (affectLive || !affectConfig) {
        g_autofree char *doc = vrDomainGetXMLDesc(dom, 0);

        if (!doc) {
            ret = false;
            goto cleanup;
        }
        ret = virshDetachInterfaceFrom(ctl, dom, doc, affectLive ? VR_DOMAIN_AFFECT_LIVE : 0,
                                       current, type, mac, printxml);
    }
    if (printxml)
        return ret;

 cleanup:
    if (!ret)
        vshError(ctl, "%s", "Failed to detach interface");
    else
        vshPrintExtra(ctl, "%s", "Interface detached successfully\n");
    return ret;
}

/* ---- domif-setlink -------------------------------------------------- */

static const vshOptDef optsDomifSetlink[] = {
    VIRSH_OPT_DOMAIN,
    { "interface", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the interface: MAC address or target name" },
    { "state", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the new link state: up or down" },
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    { "persistent", VSH_OPT_ALIAS, 0, "config" },
    { "print-xml", VSH_OPT_BOOL, 0, "print the changed interface instead of updating it" },
    VIRSH_OPT_END,
};

/* Edits the guest's <interface> (the first one whose MAC, ignoring case,
 * or target name is @iface) to carry <link state>, and hands it to
 * update-device, as virsh does. */
static bool
cmdDomifSetlink(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(xmlDoc) xml = NULL;
    g_autofree char *doc = NULL;
    g_autofree char *device = NULL;
    const char *iface = NULL, *state = NULL;
    bool config = vshOptBool(cmd, "config");
    unsigned int flags;
    xmlNodePtr match = NULL, link;
    bool any = false;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "interface", &iface) < 0 ||
        vshOptStringReq(ctl, cmd, "state", &state) < 0)
        return false;
    if (!g_str_equal(state, "up") && !g_str_equal(state, "down")) {
        vshError(ctl, "invalid link state '%s'", state);
        return false;
    }
    flags = config ? VR_DOMAIN_AFFECT_CONFIG : VR_DOMAIN_AFFECT_LIVE;
    if (vrDomainIsActive(dom) == 0)
        flags = VR_DOMAIN_AFFECT_CONFIG;
    if (!(doc = vrDomainGetXMLDesc(dom, config ? VR_DOMAIN_XML_INACTIVE : 0)))
        return false;
    if (!(xml = virshDeviceParseDomain(doc))) {
        vshError(ctl, "%s", "Failed to extract interface information or no interfaces found");
        return false;
    }
    vrXMLForEachNamed(virshDevicesNode(xml), "interface", node) {
        g_autofree char *addr = vrXMLProp(vrXMLChild(node, "mac"), "address");
        g_autofree char *dev = vrXMLProp(vrXMLChild(node, "target"), "dev");

        any = true;
        if ((addr && g_ascii_strcasecmp(addr, iface) == 0) || g_strcmp0(dev, iface) == 0) {
            match = node;
            break;
        }
    }
    if (!any) {
        vshError(ctl, "%s", "Failed to extract interface information or no interfaces found");
        return false;
    }
    if (!match) {
        vshError(ctl, "interface '%s' not found", iface);
        return false;
    }
    if ((link = vrXMLChild(match, "link")))
        xmlSetProp(link, BAD_CAST "state", BAD_CAST state);
    else if (!(link = xmlNewChild(match, NULL, BAD_CAST "link", NULL)) ||
             !xmlNewProp(link, BAD_CAST "state", BAD_CAST state)) {
        vshError(ctl, "%s", "Failed to create or modify the state XML attribute");
        return false;
    }
    device = vrXMLNodeToString(xml, match);
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", device);
        return true;
    }
    if (vrDomainUpdateDeviceFlags(dom, device, flags) < 0) {
        vshError(ctl, "%s", "Failed to update interface link state");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Device updated successfully\n");
    return true;
}

/* ---- disks: detach-disk and change-media ---------------------------- */

/* The disk whose target, or source file, device, directory or name, is
 * @path (only CD-ROMs and floppies when @changeable), copied out of the
 * definition without its backing chain.  NULL (reported) if none. */
static xmlNodePtr
virshFindDisk(vshControl *ctl, const char *doc, const char *path, bool changeable)
{
    g_autoptr(xmlDoc) xml = NULL;
    xmlNodePtr devices;
    bool any = false;

    if (!(xml = virshDeviceParseDomain(doc))) {
        vshError(ctl, "%s", "Failed to get disk information");
        return NULL;
    }
    devices = virshDevicesNode(xml);
    vrXMLForEachNamed(devices, "disk", disk) {
        xmlNodePtr source = vrXMLChild(disk, "source");
        xmlNodePtr target = vrXMLChild(disk, "target");
        g_autofree char *targetDev = target ? vrXMLProp(target, "dev") : NULL;
        static const char *const attrs[] = { "file", "dev", "dir", "name" };
        bool found = g_strcmp0(targetDev, path) == 0;
        size_t i;

        any = true;
        if (changeable) {
            g_autofree char *device = vrXMLProp(disk, "device");

            if (device && !g_str_equal(device, "cdrom") && !g_str_equal(device, "floppy"))
                continue;
        }
        for (i = 0; source && !found && i < G_N_ELEMENTS(attrs); i++) {
            g_autofree char *value = vrXMLProp(source, attrs[i]);

            found = g_strcmp0(value, path) == 0;
        }
        if (found) {
            xmlNodePtr copy = xmlCopyNode(disk, 1);
            xmlNodePtr backing = vrXMLChild(copy, "backingStore");

            if (backing) {
                xmlUnlinkNode(backing);
                xmlFreeNode(backing);
            }
            return copy;
        }
    }
    if (!any) {
        vshError(ctl, "%s", "Failed to get disk information");
        return NULL;
    }
    vshError(ctl, "No disk found whose source path or target is %s", path);
    return NULL;
}

static const vshOptDef optsDetachDisk[] = {
    VIRSH_OPT_DOMAIN,
    { "target", VSH_OPT_DATA, VSH_OPT_REQUIRED, "target of disk device" },
    VIRSH_OPT_DEVICE_AFFECT,
    { "print-xml", VSH_OPT_BOOL, 0, "print XML document rather than detach the disk" },
    VIRSH_OPT_END,
};

static bool
cmdDetachDisk(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *doc = NULL;
    g_autofree char *diskXML = NULL;
    const char *target = NULL;
    virshDeviceAffect aff;
    xmlNodePtr disk;

    if (!virshDeviceAffectParse(ctl, cmd, &aff))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "target", &target) < 0)
        return false;
    doc = vrDomainGetXMLDesc(dom, aff.flags == VR_DOMAIN_AFFECT_CONFIG
                                  ? VR_DOMAIN_XML_INACTIVE : 0);
    if (!doc)
        return false;
    virshDeviceAffectDomain(&aff, dom);
    if (!(disk = virshFindDisk(ctl, doc, target, false)))
        return false;
    diskXML = vrXMLNodeToString(NULL, disk);
    xmlFreeNode(disk);
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", diskXML);
        return true;
    }
    if (virshDeviceDetach(dom, diskXML, &aff) != 0) {
        vshError(ctl, "%s", "Failed to detach disk");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Disk detached successfully\n");
    return true;
}

typedef enum {
    VIRSH_MEDIA_EJECT,
    VIRSH_MEDIA_INSERT,
    VIRSH_MEDIA_UPDATE,
} virshMediaAction;

/* Turns a CD-ROM or floppy element into the one with the new media (or
 * none); returns its XML, or NULL (reported). */
static char *
virshUpdateDiskXML(vshControl *ctl, xmlNodePtr disk, const char *newSource, bool block,
                   const char *target, virshMediaAction action)
{
    g_autofree char *device = vrXMLProp(disk, "device");
    g_autofree char *startupPolicy = NULL;
    xmlNodePtr source;

    if (g_strcmp0(device, "cdrom") != 0 && g_strcmp0(device, "floppy") != 0) {
        vshError(ctl, "The disk device '%s' is not removable", target);
        return NULL;
    }
    source = vrXMLChild(disk, "source");
    if (action == VIRSH_MEDIA_EJECT) {
        if (!source) {
            vshError(ctl, "The disk device '%s' doesn't have media", target);
            return NULL;
        }
        block = false;
        newSource = NULL;
    } else if (!newSource) {
        vshError(ctl, "%s", "New disk media source was not specified");
        return NULL;
    }
    if (source) {
        static const char *const attrs[] = { "file", "dev", "dir", "pool", "name" };
        g_autofree char *current = NULL;
        size_t i;

        for (i = 0; !current && i < G_N_ELEMENTS(attrs); i++)
            current = vrXMLProp(source, attrs[i]);
        if (current && action == VIRSH_MEDIA_INSERT) {
            vshError(ctl, "The disk device '%s' already has media", target);
            return NULL;
        }
        startupPolicy = vrXMLProp(source, "startupPolicy");
        xmlUnlinkNode(source);
        xmlFreeNode(source);
    }
    xmlSetProp(disk, BAD_CAST "type", BAD_CAST (block ? "block" : "file"));
    if (newSource) {
        source = xmlNewNode(NULL, BAD_CAST "source");
        xmlNewProp(source, BAD_CAST (block ? "dev" : "file"), BAD_CAST newSource);
        if (startupPolicy)
            xmlNewProp(source, BAD_CAST "startupPolicy", BAD_CAST startupPolicy);
        /* virsh puts it in front of <target>, indented like it */
        xmlNodePtr targetNode = vrXMLChild(disk, "target");

        if (targetNode) {
            xmlNodePtr indent = targetNode->prev && targetNode->prev->type == XML_TEXT_NODE
                                ? xmlCopyNode(targetNode->prev, 1) : NULL;

            xmlAddPrevSibling(targetNode, source);
            if (indent)
                xmlAddPrevSibling(targetNode, indent);
        } else {
            xmlAddChild(disk, source);
        }
    }
    return vrXMLNodeToString(NULL, disk);
}

static const vshOptDef optsChangeMedia[] = {
    VIRSH_OPT_DOMAIN,
    { "path", VSH_OPT_DATA, VSH_OPT_REQUIRED, "Fully-qualified path or target of disk device" },
    { "source", VSH_OPT_STRING, 0, "source of the media" },
    { "eject", VSH_OPT_BOOL, 0, "Eject the media" },
    { "insert", VSH_OPT_BOOL, 0, "Insert the media" },
    { "update", VSH_OPT_BOOL, 0, "Update the media" },
    VIRSH_OPT_CURRENT("can be either or both of --live and --config, depends on "
                      "implementation hypervisor driver"),
    VIRSH_OPT_LIVE("alter live configuration of running domain"),
    VIRSH_OPT_CONFIG("alter persistent configuration, effect observed on next boot"),
    { "force", VSH_OPT_BOOL, 0, "force media changing" },
    { "print-xml", VSH_OPT_BOOL, 0, "print XML document rather than change media" },
    { "block", VSH_OPT_BOOL, 0, "source media is a block device" },
    VIRSH_OPT_END,
};

static bool
cmdChangeMedia(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *doc = NULL;
    g_autofree char *diskXML = NULL;
    const char *source = NULL, *path = NULL, *action = NULL, *success = NULL;
    bool eject = vshOptBool(cmd, "eject");
    bool insert = vshOptBool(cmd, "insert");
    bool update = vshOptBool(cmd, "update");
    unsigned int flags = VR_DOMAIN_AFFECT_CURRENT;
    virshMediaAction type = VIRSH_MEDIA_UPDATE;
    xmlNodePtr disk;

    if (!vshExclusiveOptions(ctl, cmd, "eject", "insert") ||
        !vshExclusiveOptions(ctl, cmd, "eject", "update") ||
        !vshExclusiveOptions(ctl, cmd, "insert", "update") ||
        !vshExclusiveOptions(ctl, cmd, "eject", "block"))
        return false;
    if (vshOptStringReq(ctl, cmd, "source", &source) < 0)
        return false;
    /* an update without a source is an eject */
    if (update && !source) {
        update = false;
        eject = true;
    }
    if (eject) {
        type = VIRSH_MEDIA_EJECT;
        action = "eject";
        success = "Successfully ejected media.";
    }
    if (insert) {
        type = VIRSH_MEDIA_INSERT;
        action = "insert";
        success = "Successfully inserted media.";
    }
    if (update || (!eject && !insert)) {
        type = VIRSH_MEDIA_UPDATE;
        action = "update";
        success = "Successfully updated media.";
    }
    if (!vshExclusiveOptions(ctl, cmd, "current", "live") ||
        !vshExclusiveOptions(ctl, cmd, "current", "config"))
        return false;
    if (vshOptBool(cmd, "config"))
        flags |= VR_DOMAIN_AFFECT_CONFIG;
    if (vshOptBool(cmd, "live"))
        flags |= VR_DOMAIN_AFFECT_LIVE;
    if (vshOptBool(cmd, "force"))
        flags |= VR_DOMAIN_DEVICE_MODIFY_FORCE;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "path", &path) < 0)
        return false;
    doc = vrDomainGetXMLDesc(dom, (flags & VR_DOMAIN_AFFECT_CONFIG) ? VR_DOMAIN_XML_INACTIVE
                                                                     : 0);
    if (!doc)
        return false;
    if (!(disk = virshFindDisk(ctl, doc, path, true)))
        return false;
    diskXML = virshUpdateDiskXML(ctl, disk, source, vshOptBool(cmd, "block"), path, type);
    xmlFreeNode(disk);
    if (!diskXML)
        return false;
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", diskXML);
        return true;
    }
    if (vrDomainUpdateDeviceFlags(dom, diskXML, flags) != 0) {
        vshError(ctl, "Failed to complete action %s on media", action);
        return false;
    }
    vshPrint(ctl, "%s", success);
    return true;
}

const vshCmdDef virshDomainDeviceCmds[] = {
    { "attach-device", cmdAttachDevice, optsDeviceFile, "attach device from an XML file",
      "Attach device from an XML <file>.", 0, NULL },
    { "attach-disk", cmdAttachDisk, optsAttachDisk, "attach disk device",
      "Attach new disk device.", 0, NULL },
    { "attach-interface", cmdAttachInterface, optsAttachInterface, "attach network interface",
      "Attach new network interface.", 0, NULL },
    { "change-media", cmdChangeMedia, optsChangeMedia, "Change media of CD or floppy drive",
      "Change media of CD or floppy drive.", 0, NULL },
    { "detach-device", cmdDetachDevice, optsDeviceFile, "detach device from an XML file",
      "Detach device from an XML <file>", 0, NULL },
    { "detach-disk", cmdDetachDisk, optsDetachDisk, "detach disk device",
      "Detach disk device.", 0, NULL },
    { "detach-interface", cmdDetachInterface, optsDetachInterface, "detach network interface",
      "Detach network interface.", 0, NULL },
    { "domif-setlink", cmdDomifSetlink, optsDomifSetlink, "set an interface's link state",
      "Set the link state of a guest's network interface, through update-device.", 0, NULL },
    { "update-device", cmdUpdateDevice, optsUpdateDevice, "update device from an XML file",
      "Update device from an XML <file>.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
