/*
 * qemu_command_util.c: argument, key=value and JSON helpers and device
 * addressing shared by the command line builder.
 */
#include <config.h>

#include <sys/un.h>

#include <stdarg.h>
#include <string.h>

#include "qemu_command_priv.h"
#include "qemu_json.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

/* ---- arguments ----------------------------------------------------- */

void
vrQemuBuildArg(vrQemuBuild *b, const char *arg)
{
    g_ptr_array_add(b->cl->args, g_strdup(arg));
}

void
vrQemuBuildArgPair(vrQemuBuild *b, const char *opt, const char *value)
{
    vrQemuBuildArg(b, opt);
    vrQemuBuildArg(b, value);
}

void
vrQemuBuildArgFormat(vrQemuBuild *b, const char *opt, const char *fmt, ...)
{
    va_list ap;

    vrQemuBuildArg(b, opt);
    va_start(ap, fmt);
    g_ptr_array_add(b->cl->args, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void
vrQemuBuildArgJSON(vrQemuBuild *b, const char *opt, json_object *obj)
{
    vrQemuBuildArg(b, opt);
    g_ptr_array_add(b->cl->args, vrQemuJSONFormat(obj));
    json_object_put(obj);
}

void
vrQemuBuildEnv(vrQemuBuild *b, const char *name, const char *value)
{
    guint i;
    size_t len = strlen(name);

    for (i = 0; i < b->cl->env->len; i++) {
        const char *e = g_ptr_array_index(b->cl->env, i);
        if (strncmp(e, name, len) == 0 && e[len] == '=') {
            g_ptr_array_remove_index(b->cl->env, i);
            break;
        }
    }
    g_ptr_array_add(b->cl->env, g_strdup_printf("%s=%s", name, value));
}

void
vrQemuBuildPassFD(vrQemuBuild *b, int fd)
{
    g_array_append_val(b->cl->fds, fd);
}

/* ---- key=value lists ----------------------------------------------- */

static void
vrQemuKeyvalEscaped(GString *s, const char *value)
{
    for (; *value; value++) {
        if (*value == ',')
            g_string_append_c(s, ',');
        g_string_append_c(s, *value);
    }
}

void
vrQemuKeyval(GString *s, const char *key, const char *value)
{
    if (s->len)
        g_string_append_c(s, ',');
    g_string_append_printf(s, "%s=", key);
    vrQemuKeyvalEscaped(s, value);
}

void
vrQemuKeyvalFormat(GString *s, const char *key, const char *fmt, ...)
{
    g_autofree char *value = NULL;
    va_list ap;

    va_start(ap, fmt);
    value = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vrQemuKeyval(s, key, value);
}

void
vrQemuKeyvalBare(GString *s, const char *value)
{
    if (s->len)
        g_string_append_c(s, ',');
    vrQemuKeyvalEscaped(s, value);
}

/* ---- JSON -------------------------------------------------------- */

json_object *
vrQemuJSONObj(const char *key, const char *value)
{
    json_object *o = json_object_new_object();

    if (key)
        vrQemuJSONStr(o, key, value);
    return o;
}

void
vrQemuJSONStr(json_object *o, const char *key, const char *value)
{
    if (value)
        json_object_object_add(o, key, json_object_new_string(value));
}

void
vrQemuJSONInt(json_object *o, const char *key, long long value)
{
    json_object_object_add(o, key, json_object_new_int64(value));
}

void
vrQemuJSONUInt(json_object *o, const char *key, unsigned long long value)
{
    json_object_object_add(o, key, json_object_new_uint64(value));
}

void
vrQemuJSONBool(json_object *o, const char *key, bool value)
{
    json_object_object_add(o, key, json_object_new_boolean(value));
}

void
vrQemuJSONAdd(json_object *o, const char *key, json_object *value)
{
    json_object_object_add(o, key, value);
}

void
vrQemuJSONTristate(json_object *o, const char *key, int value)
{
    if (value == VR_TRISTATE_ON || value == VR_TRISTATE_OFF)
        vrQemuJSONBool(o, key, value == VR_TRISTATE_ON);
}

void
vrQemuJSONTristateOnOff(json_object *o, const char *key, int value)
{
    if (value == VR_TRISTATE_ON || value == VR_TRISTATE_OFF)
        vrQemuJSONStr(o, key, value == VR_TRISTATE_ON ? "on" : "off");
}

/* ---- errors -------------------------------------------------------- */

void
vrQemuUnsupported(vrQemuBuild *b, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list ap;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s is not supported by QEMU %s for guest '%s'",
                  what, b->version, b->def->name);
}

void
vrQemuRefuse(vrQemuBuild *b, const char *fmt, ...)
{
    g_autofree char *what = NULL;
    va_list ap;

    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s for guest '%s'", what, b->def->name);
}

/* ---- devices ------------------------------------------------------ */

json_object *
vrQemuDeviceNew(vrQemuBuild *b, const char *driver, const char *what)
{
    if (!vrQemuCapsHasType(b->p->caps, driver)) {
        vrQemuUnsupported(b, "%s (device '%s')", what, driver);
        return NULL;
    }
    return vrQemuJSONObj("driver", driver);
}

void
vrQemuBuildDevice(vrQemuBuild *b, json_object *dev)
{
    vrQemuBuildArgJSON(b, "-device", dev);
}

static const vrDomainControllerDef *
vrQemuFindController(const vrDomainDef *def, int type, unsigned int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        const vrDomainControllerDef *c = def->controllers[i];
        if (c->type == type && c->idx == (int)idx && !c->info.hasMaster)
            return c;
    }
    return NULL;
}

const char *
vrQemuPCIBusName(vrQemuBuild *b, unsigned int idx)
{
    const vrDomainControllerDef *c = vrQemuFindController(b->def, VR_DOMAIN_CONTROLLER_TYPE_PCI, idx);

    if (!c)
        return NULL;
    return vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info);
}

char *
vrQemuUSBBusName(vrQemuBuild *b, unsigned int idx)
{
    const vrDomainControllerDef *c = vrQemuFindController(b->def, VR_DOMAIN_CONTROLLER_TYPE_USB, idx);

    if (!c)
        return NULL;
    return g_strdup_printf("%s.0", vrQemuAlias(b, VR_DOMAIN_DEVICE_CONTROLLER, c, &c->info));
}

static int
vrQemuDevicePCIAddress(vrQemuBuild *b, json_object *dev, const vrDomainDeviceAddress *a)
{
    const char *bus = vrQemuPCIBusName(b, a->u.pci.bus);
    g_autofree char *addr = NULL;

    if (!bus) {
        vrQemuRefuse(b, "PCI address bus %u names no PCI controller", a->u.pci.bus);
        return -1;
    }
    vrQemuJSONStr(dev, "bus", bus);
    if (a->u.pci.multifunction == VR_TRISTATE_ON || a->u.pci.multifunction == VR_TRISTATE_OFF)
        vrQemuJSONBool(dev, "multifunction", a->u.pci.multifunction == VR_TRISTATE_ON);
    addr = a->u.pci.function ? g_strdup_printf("0x%x.0x%x", a->u.pci.slot, a->u.pci.function)
                             : g_strdup_printf("0x%x", a->u.pci.slot);
    vrQemuJSONStr(dev, "addr", addr);
    return 0;
}

static int
vrQemuDeviceUSBAddress(vrQemuBuild *b, json_object *dev, const vrDomainDeviceAddress *a)
{
    g_autofree char *bus = vrQemuUSBBusName(b, a->u.usb.bus);

    if (!bus) {
        vrQemuRefuse(b, "USB address bus %u names no USB controller", a->u.usb.bus);
        return -1;
    }
    vrQemuJSONStr(dev, "bus", bus);
    if (a->u.usb.port[0])
        vrQemuJSONStr(dev, "port", a->u.usb.port);
    return 0;
}

int
vrQemuDeviceAddress(vrQemuBuild *b, json_object *dev, const vrDomainDeviceInfo *info)
{
    switch ((vrDomainAddressType)info->addr.type) {
    case VR_DOMAIN_ADDRESS_PCI:
        return vrQemuDevicePCIAddress(b, dev, &info->addr);
    case VR_DOMAIN_ADDRESS_USB:
        return vrQemuDeviceUSBAddress(b, dev, &info->addr);
    case VR_DOMAIN_ADDRESS_NONE:
    case VR_DOMAIN_ADDRESS_DRIVE:          /* the bus device's own props */
    case VR_DOMAIN_ADDRESS_VIRTIO_SERIAL:
    case VR_DOMAIN_ADDRESS_CCID:
    case VR_DOMAIN_ADDRESS_DIMM:
        return 0;
    case VR_DOMAIN_ADDRESS_ISA:
        if (info->addr.u.isa.iobase)
            vrQemuJSONUInt(dev, "iobase", info->addr.u.isa.iobase);
        if (info->addr.u.isa.irq)
            vrQemuJSONUInt(dev, "irq", info->addr.u.isa.irq);
        return 0;
    default:
        break;
    }
    vrQemuUnsupported(b, "address type '%s'", vrDomainAddressTypeToString(info->addr.type));
    return -1;
}

void
vrQemuDeviceBootRom(vrQemuBuild *b, json_object *dev, const vrDomainDeviceInfo *info, bool rom)
{
    (void)b;
    if (rom) {
        if (info->romEnabled == VR_TRISTATE_OFF)
            vrQemuJSONStr(dev, "romfile", "");
        else if (info->romFile)
            vrQemuJSONStr(dev, "romfile", info->romFile);
        if (info->romBar == VR_TRISTATE_ON || info->romBar == VR_TRISTATE_OFF)
            vrQemuJSONInt(dev, "rombar", info->romBar == VR_TRISTATE_ON ? 1 : 0);
    }
    if (info->acpiIndex)
        vrQemuJSONUInt(dev, "acpi-index", info->acpiIndex);
}

void
vrQemuDeviceVirtioOptions(json_object *dev, const vrDomainVirtioOptions *opts)
{
    vrQemuJSONTristate(dev, "iommu_platform", opts->iommu);
    vrQemuJSONTristate(dev, "ats", opts->ats);
    vrQemuJSONTristate(dev, "packed", opts->packed);
    vrQemuJSONTristate(dev, "page-per-vq", opts->pagePerVq);
}

size_t
vrQemuIndexOf(void *const *list, size_t n, const void *dev)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (list[i] == dev)
            return i;
    }
    return 0;
}

const char *
vrQemuAlias(vrQemuBuild *b, int devType, const void *dev, const vrDomainDeviceInfo *info)
{
    char *alias;

    if (info->alias)
        return info->alias;
    if ((alias = g_hash_table_lookup(b->aliases, info)))
        return alias;
    alias = vrQemuDeviceAliasFor(b->def, devType, dev);
    g_hash_table_insert(b->aliases, (gpointer)info, alias);
    return alias;
}

int
vrQemuCheckSocketPath(vrQemuBuild *b, const char *path, const char *what)
{
    struct sockaddr_un sa;

    if (path && strlen(path) >= sizeof(sa.sun_path)) {
        vrQemuRefuse(b, "%s: UNIX socket path '%s' is too long (%zu bytes, at most %zu)", what,
                     path, strlen(path), sizeof(sa.sun_path) - 1);
        return -1;
    }
    return 0;
}
