/*
 * qemu_command_chardev.c: host sides of character devices (-chardev) and
 * the guest sides that use them: serial and parallel ports, consoles,
 * channels.
 */
#include <config.h>

#include <string.h>

#include "qemu_command_priv.h"

/* ---- -chardev ---------------------------------------------------------- */

static void
vrQemuChardevSocketMode(GString *s, const vrDomainChrSource *src)
{
    if (src->listen) {
        vrQemuKeyval(s, "server", "on");
        vrQemuKeyval(s, "wait", "off");
    } else if (src->reconnectEnabled == VR_TRISTATE_ON) {
        vrQemuKeyvalFormat(s, "reconnect", "%u", src->reconnectTimeout);
    }
}

static int
vrQemuChardevTCP(vrQemuBuild *b, GString *s, const vrDomainChrSource *src, const char *what)
{
    if (src->tls == VR_TRISTATE_ON || src->protocol == VR_DOMAIN_CHR_TCP_PROTOCOL_TLS ||
        src->protocol == VR_DOMAIN_CHR_TCP_PROTOCOL_TELNETS) {
        vrQemuRefuse(b, "%s: TLS on a TCP character device needs certificates this driver does not "
                     "configure", what);
        return -1;
    }
    vrQemuKeyval(s, "host", src->host ? src->host : "");
    vrQemuKeyval(s, "port", src->service ? src->service : "");
    if (src->protocol == VR_DOMAIN_CHR_TCP_PROTOCOL_TELNET)
        vrQemuKeyval(s, "telnet", "on");
    vrQemuChardevSocketMode(s, src);
    return 0;
}

static int
vrQemuChardevBackend(vrQemuBuild *b, GString *s, const vrDomainChrSource *src, const char *id,
                     const char *what)
{
    static const char *const spicevmcNames[] = { "vdagent", "smartcard", "usbredir" };

    switch ((vrDomainChrType)src->type) {
    case VR_DOMAIN_CHR_TYPE_NULL:
    case VR_DOMAIN_CHR_TYPE_VC:
    case VR_DOMAIN_CHR_TYPE_PTY:
    case VR_DOMAIN_CHR_TYPE_STDIO:
        vrQemuKeyvalBare(s, vrDomainChrTypeToString(src->type));
        vrQemuKeyval(s, "id", id);
        return 0;
    case VR_DOMAIN_CHR_TYPE_DEV:
        vrQemuKeyvalBare(s, src->path && g_str_has_prefix(src->path, "/dev/parport") ? "parallel" : "serial");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "path", src->path);
        return 0;
    case VR_DOMAIN_CHR_TYPE_FILE:
    case VR_DOMAIN_CHR_TYPE_PIPE:
        vrQemuKeyvalBare(s, vrDomainChrTypeToString(src->type));
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "path", src->path);
        if (src->type == VR_DOMAIN_CHR_TYPE_FILE && src->append != VR_TRISTATE_ABSENT)
            vrQemuKeyval(s, "append", src->append == VR_TRISTATE_ON ? "on" : "off");
        return 0;
    case VR_DOMAIN_CHR_TYPE_UDP:
        vrQemuKeyvalBare(s, "udp");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "host", src->host ? src->host : "");
        vrQemuKeyval(s, "port", src->service ? src->service : "");
        if (src->bindHost)
            vrQemuKeyval(s, "localaddr", src->bindHost);
        if (src->bindService)
            vrQemuKeyval(s, "localport", src->bindService);
        return 0;
    case VR_DOMAIN_CHR_TYPE_TCP:
        vrQemuKeyvalBare(s, "socket");
        vrQemuKeyval(s, "id", id);
        return vrQemuChardevTCP(b, s, src, what);
    case VR_DOMAIN_CHR_TYPE_UNIX:
        vrQemuKeyvalBare(s, "socket");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "path", src->path);
        vrQemuChardevSocketMode(s, src);
        return 0;
    case VR_DOMAIN_CHR_TYPE_SPICEVMC:
        vrQemuKeyvalBare(s, "spicevmc");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "name", spicevmcNames[src->spicevmcName]);
        return 0;
    case VR_DOMAIN_CHR_TYPE_SPICEPORT:
        vrQemuKeyvalBare(s, "spiceport");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "name", src->channel ? src->channel : "");
        return 0;
    case VR_DOMAIN_CHR_TYPE_QEMU_VDAGENT:
        vrQemuKeyvalBare(s, "qemu-vdagent");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "name", "vdagent");
        if (src->clipboardCopypaste != VR_TRISTATE_ABSENT)
            vrQemuKeyval(s, "clipboard", src->clipboardCopypaste == VR_TRISTATE_ON ? "on" : "off");
        if (src->mouseMode)
            vrQemuKeyval(s, "mouse", src->mouseMode == VR_DOMAIN_MOUSE_MODE_CLIENT ? "on" : "off");
        return 0;
    case VR_DOMAIN_CHR_TYPE_DBUS:
        vrQemuKeyvalBare(s, "dbus");
        vrQemuKeyval(s, "id", id);
        vrQemuKeyval(s, "name", src->dbusName ? src->dbusName : "");
        return 0;
    case VR_DOMAIN_CHR_TYPE_NMDM:
    case VR_DOMAIN_CHR_TYPE_LAST:
        break;
    }
    vrQemuUnsupported(b, "%s source type '%s'", what, vrDomainChrTypeToString(src->type));
    return -1;
}

int
vrQemuBuildChardev(vrQemuBuild *b, const vrDomainChrSource *src, const char *id, const char *what)
{
    g_autoptr(GString) s = g_string_new(NULL);

    if ((src->type == VR_DOMAIN_CHR_TYPE_UNIX || src->type == VR_DOMAIN_CHR_TYPE_FILE ||
         src->type == VR_DOMAIN_CHR_TYPE_PIPE || src->type == VR_DOMAIN_CHR_TYPE_DEV) && !src->path) {
        vrQemuRefuse(b, "%s: a '%s' source needs a path", what, vrDomainChrTypeToString(src->type));
        return -1;
    }
    if (src->type == VR_DOMAIN_CHR_TYPE_UNIX && vrQemuCheckSocketPath(b, src->path, what) < 0)
        return -1;
    if (vrQemuChardevBackend(b, s, src, id, what) < 0)
        return -1;
    if (src->logFile) {
        vrQemuKeyval(s, "logfile", src->logFile);
        if (src->logAppend != VR_TRISTATE_ABSENT)
            vrQemuKeyval(s, "logappend", src->logAppend == VR_TRISTATE_ON ? "on" : "off");
    }
    vrQemuBuildArgPair(b, "-chardev", s->str);
    return 0;
}

/* ---- serial and parallel ports -------------------------------------- */

static const char *
vrQemuSerialDriver(const vrDomainChrDef *chr)
{
    switch ((vrDomainChrSerialModel)chr->targetModel) {
    case VR_DOMAIN_CHR_SERIAL_MODEL_ISA_SERIAL: return "isa-serial";
    case VR_DOMAIN_CHR_SERIAL_MODEL_USB_SERIAL: return "usb-serial";
    case VR_DOMAIN_CHR_SERIAL_MODEL_PCI_SERIAL: return "pci-serial";
    case VR_DOMAIN_CHR_SERIAL_MODEL_ISA_DEBUGCON: return "isa-debugcon";
    default: break;
    }
    return NULL;
}

static int
vrQemuBuildSerial(vrQemuBuild *b, const vrDomainChrDef *chr)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_CHR, chr, &chr->info);
    g_autofree char *id = g_strdup_printf("char%s", alias);
    const char *driver = vrQemuSerialDriver(chr);
    json_object *dev;

    if (!driver) {
        vrQemuUnsupported(b, "serial target type '%s'",
                          vrDomainChrSerialTargetTypeToString(chr->targetType));
        return -1;
    }
    if (vrQemuBuildChardev(b, &chr->source, id, "serial port") < 0 ||
        !(dev = vrQemuDeviceNew(b, driver, "serial port")))
        return -1;
    vrQemuJSONStr(dev, "chardev", id);
    vrQemuJSONStr(dev, "id", alias);
    if (chr->targetModel == VR_DOMAIN_CHR_SERIAL_MODEL_ISA_SERIAL)
        vrQemuJSONInt(dev, "index", chr->targetPort);
    else if (chr->targetModel == VR_DOMAIN_CHR_SERIAL_MODEL_ISA_DEBUGCON)
        vrQemuJSONStr(dev, "iobase", "0x402");
    if (vrQemuDeviceAddress(b, dev, &chr->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    vrQemuBuildDevice(b, dev);
    return 0;
}

static int
vrQemuBuildParallel(vrQemuBuild *b, const vrDomainChrDef *chr)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_CHR, chr, &chr->info);
    g_autofree char *id = g_strdup_printf("char%s", alias);
    json_object *dev;

    if (vrQemuBuildChardev(b, &chr->source, id, "parallel port") < 0 ||
        !(dev = vrQemuDeviceNew(b, "isa-parallel", "parallel port")))
        return -1;
    vrQemuJSONStr(dev, "chardev", id);
    vrQemuJSONStr(dev, "id", alias);
    vrQemuBuildDevice(b, dev);
    return 0;
}

/* ---- channels and consoles ------------------------------------------ */

/* A virtio channel bound to a UNIX socket without a path gets one in the
 * guest's channel directory, named after the channel. */
static int
vrQemuChannelSource(vrQemuBuild *b, const vrDomainChrDef *chr, vrDomainChrSource *src,
                    char **pathOut)
{
    *src = chr->source;
    *pathOut = NULL;
    if (src->type == VR_DOMAIN_CHR_TYPE_UNIX && !src->path) {
        if (!chr->targetName) {
            vrQemuRefuse(b, "%s", "a UNIX channel without a path needs a target name");
            return -1;
        }
        *pathOut = g_build_filename(b->channelDir, chr->targetName, NULL);
        src->path = *pathOut;
        src->listen = true;
    }
    return 0;
}

static char *
vrQemuVioSerialBus(vrQemuBuild *b, const vrDomainDeviceAddress *a)
{
    size_t i;

    for (i = 0; i < b->def->ncontrollers; i++) {
        const vrDomainControllerDef *c = b->def->controllers[i];
        if (c->type == VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL && c->idx == (int)a->u.vioserial.controller)
            return g_strdup_printf("%s.%u", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info),
                                   a->u.vioserial.bus);
    }
    return NULL;
}

static int
vrQemuBuildVirtioPort(vrQemuBuild *b, const vrDomainChrDef *chr, const char *driver, const char *what)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_CHR, chr, &chr->info);
    g_autofree char *id = g_strdup_printf("char%s", alias);
    g_autofree char *path = NULL;
    g_autofree char *bus = NULL;
    vrDomainChrSource src;
    json_object *dev;

    if (vrQemuChannelSource(b, chr, &src, &path) < 0 || vrQemuBuildChardev(b, &src, id, what) < 0 ||
        !(dev = vrQemuDeviceNew(b, driver, what)))
        return -1;
    if (chr->info.addr.type == VR_DOMAIN_ADDRESS_VIRTIO_SERIAL) {
        if (!(bus = vrQemuVioSerialBus(b, &chr->info.addr))) {
            vrQemuRefuse(b, "%s '%s' names virtio-serial controller %u, which does not exist", what,
                         alias, chr->info.addr.u.vioserial.controller);
            json_object_put(dev);
            return -1;
        }
        vrQemuJSONStr(dev, "bus", bus);
        vrQemuJSONUInt(dev, "nr", chr->info.addr.u.vioserial.port);
    }
    vrQemuJSONStr(dev, "chardev", id);
    vrQemuJSONStr(dev, "id", alias);
    vrQemuJSONStr(dev, "name", chr->targetName);
    vrQemuBuildDevice(b, dev);
    return 0;
}

/* guestfwd: the user network stack forwards a guest TCP address to the
 * channel's chardev. */
static int
vrQemuBuildGuestfwd(vrQemuBuild *b, const vrDomainChrDef *chr)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_CHR, chr, &chr->info);
    g_autofree char *id = g_strdup_printf("char%s", alias);
    g_autofree char *fwd = NULL;
    json_object *net, *arr, *entry;

    if (vrQemuBuildChardev(b, &chr->source, id, "guestfwd channel") < 0)
        return -1;
    fwd = g_strdup_printf("tcp:%s:%u-chardev:%s", chr->targetAddress, chr->targetAddressPort, id);
    net = vrQemuJSONObj("type", "user");
    arr = json_object_new_array();
    entry = vrQemuJSONObj("str", fwd);
    json_object_array_add(arr, entry);
    vrQemuJSONAdd(net, "guestfwd", arr);
    vrQemuJSONStr(net, "id", alias);
    vrQemuBuildArgJSON(b, "-netdev", net);
    return 0;
}

static int
vrQemuBuildChannel(vrQemuBuild *b, const vrDomainChrDef *chr)
{
    switch ((vrDomainChrChannelTarget)chr->targetType) {
    case VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO:
        return vrQemuBuildVirtioPort(b, chr, "virtserialport", "channel");
    case VR_DOMAIN_CHR_CHANNEL_TARGET_GUESTFWD:
        return vrQemuBuildGuestfwd(b, chr);
    case VR_DOMAIN_CHR_CHANNEL_TARGET_NONE:
    case VR_DOMAIN_CHR_CHANNEL_TARGET_XEN:
    case VR_DOMAIN_CHR_CHANNEL_TARGET_LAST:
        break;
    }
    vrQemuUnsupported(b, "channel target type '%s'",
                      vrDomainChrChannelTargetTypeToString(chr->targetType));
    return -1;
}

static int
vrQemuBuildConsole(vrQemuBuild *b, const vrDomainChrDef *chr, size_t idx)
{
    switch ((vrDomainChrConsoleTarget)chr->targetType) {
    case VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL:
        /* the first console is the first serial port, built with it */
        if (idx == 0 && b->def->nserials)
            return 0;
        break;
    case VR_DOMAIN_CHR_CONSOLE_TARGET_VIRTIO:
        return vrQemuBuildVirtioPort(b, chr, "virtconsole", "console");
    default:
        break;
    }
    vrQemuUnsupported(b, "console target type '%s'",
                      vrDomainChrConsoleTargetTypeToString(chr->targetType));
    return -1;
}

int
vrQemuBuildChrDevices(vrQemuBuild *b)
{
    const vrDomainDef *def = b->def;
    size_t i;

    for (i = 0; i < def->nserials; i++) {
        if (vrQemuBuildSerial(b, def->serials[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->nparallels; i++) {
        if (vrQemuBuildParallel(b, def->parallels[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->nchannels; i++) {
        if (vrQemuBuildChannel(b, def->channels[i]) < 0)
            return -1;
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (vrQemuBuildConsole(b, def->consoles[i], i) < 0)
            return -1;
    }
    return 0;
}
