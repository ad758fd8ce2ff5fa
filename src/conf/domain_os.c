/*
 * domain_os.c: <os> (guest type, firmware, loader, direct kernel boot,
 * container init, boot order and BIOS settings) and <bootloader>.
 *
 * Which children are read depends on the OS type, as in libvirt: a
 * 'linux' guest keeps only its type, 'xen'/'xenpvh'/'uml' guests no boot
 * order or ACPI tables, an 'exe' (container) guest only its init.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN
#include "conf_xmlprop.h"

VR_ENUM_IMPL(vrDomainOSType, VR_DOMAIN_OSTYPE_LAST,
             "hvm", "xen", "linux", "xenpvh", "exe", "uml");
VR_ENUM_IMPL(vrDomainBootDevice, VR_DOMAIN_BOOT_LAST,
             "fd", "cdrom", "hd", "network");
VR_ENUM_IMPL(vrDomainLoaderType, VR_DOMAIN_LOADER_TYPE_LAST,
             "none", "rom", "pflash");
VR_ENUM_IMPL(vrDomainFirmware, VR_DOMAIN_FIRMWARE_LAST,
             "none", "bios", "efi");
VR_ENUM_IMPL(vrDomainFirmwareFeature, VR_DOMAIN_FIRMWARE_FEATURE_LAST,
             "enrolled-keys", "secure-boot");
VR_ENUM_IMPL(vrDomainSmbiosMode, VR_DOMAIN_SMBIOS_LAST,
             "none", "emulate", "host", "sysinfo");

/* The architectures libvirt knows by name. */
static const char *const vrDomainArchNames[] = {
    "alpha", "armv6l", "armv7l", "armv7b", "aarch64", "cris", "i686", "ia64", "lm32",
    "loongarch64", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64",
    "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le",
    "ppcemb", "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64",
    "unicore32", "x86_64", "xtensa", "xtensaeb",
};

static bool
vrDomainArchIsKnown(const char *arch)
{
    for (size_t i = 0; i < G_N_ELEMENTS(vrDomainArchNames); i++) {
        if (g_str_equal(arch, vrDomainArchNames[i]))
            return true;
    }
    return false;
}

/* libvirt reads these through XPath string(): an empty element is absent. */
static char *
vrDomainOSText(xmlNodePtr os, const char *name)
{
    char *text = vrXMLChildContent(os, name);

    if (text && !*text)
        g_clear_pointer(&text, g_free);
    return text;
}

static int
vrDomainParseOSType(xmlNodePtr os, vrDomainOSDef *def)
{
    xmlNodePtr type = vrXMLChild(os, "type");

    if (!type || !(def->type = vrXMLContent(type)) || !*def->type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "an os <type> must be specified");
        return -1;
    }
    if (vrDomainOSTypeTypeFromString(def->type) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown OS type '%s'", def->type);
        return -1;
    }
    def->arch = vrPropNonEmpty(type, "arch");
    if (def->arch && !vrDomainArchIsKnown(def->arch)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Unknown architecture %s", def->arch);
        return -1;
    }
    def->machine = vrPropNonEmpty(type, "machine");
    return 0;
}

static int
vrDomainParseOSKernel(xmlNodePtr os, vrDomainOSDef *def)
{
    def->kernel = vrDomainOSText(os, "kernel");
    def->initrd = vrDomainOSText(os, "initrd");
    def->cmdline = vrDomainOSText(os, "cmdline");
    def->dtb = vrDomainOSText(os, "dtb");
    def->root = vrDomainOSText(os, "root");
    return 0;
}

static int
vrDomainParseOSFirmware(xmlNodePtr os, vrDomainOSDef *def)
{
    g_autofree char *firmware = vrPropNonEmpty(os, "firmware");
    xmlNodePtr node;

    if (!firmware)
        return 0;
    if ((def->firmware = vrDomainFirmwareTypeFromString(firmware)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown firmware value %s", firmware);
        return -1;
    }
    if (!(node = vrXMLChild(os, "firmware")))
        return 0;
    vrXMLForEachNamed(node, "feature", feat) {
        int name, enabled = VR_TRISTATE_ABSENT;

        if (vrPropTristate(feat, "enabled", &enabled) < 0)
            return -1;
        if (enabled == VR_TRISTATE_ABSENT) {
            vrPropReportMissing(feat, "enabled");
            return -1;
        }
        if (vrPropEnum(feat, "name", vrDomainFirmwareFeatureTypeFromString, true, false,
                       &name) < 0)
            return -1;
        def->firmwareFeatures[name] = enabled;
    }
    return 0;
}

static int
vrDomainParseOSLoader(xmlNodePtr os, vrDomainOSDef *def)
{
    xmlNodePtr node;

    if ((node = vrXMLChild(os, "loader"))) {
        def->hasLoader = true;
        def->loader = vrXMLContent(node);
        if (!*def->loader)
            g_clear_pointer(&def->loader, g_free);
        if (vrPropTristate(node, "readonly", &def->loaderReadonly) < 0 ||
            vrPropTristate(node, "secure", &def->loaderSecure) < 0 ||
            vrPropEnum(node, "type", vrDomainLoaderTypeTypeFromString, false, true,
                       &def->loaderType) < 0)
            return -1;
        /* libvirt gives a loader path the 'rom' type unless told otherwise. */
        if (def->loader && def->loaderType == VR_DOMAIN_LOADER_TYPE_NONE)
            def->loaderType = VR_DOMAIN_LOADER_TYPE_ROM;
    }
    if ((node = vrXMLChild(os, "nvram"))) {
        def->hasNvram = true;
        def->nvram = vrXMLContent(node);
        if (!*def->nvram)
            g_clear_pointer(&def->nvram, g_free);
        def->nvramTemplate = vrPropNonEmpty(node, "template");
    }
    return 0;
}

/* Firmware auto-selection picks the loader itself: a hand-written
 * loader type or NVRAM template would contradict it, and without it a
 * loader or NVRAM needs an explicit loader path. */
static int
vrDomainValidateOSLoader(const vrDomainOSDef *def)
{
    const char *attr = NULL;
    const char *elem = "loader";

    if (def->firmware == VR_DOMAIN_FIRMWARE_NONE) {
        if ((def->hasLoader || def->hasNvram) && !def->loader) {
            vrReportError(VR_ERR_XML_DETAIL, "%s",
                          "no loader path specified and firmware auto selection disabled");
            return -1;
        }
        return 0;
    }
    if (def->loaderType != VR_DOMAIN_LOADER_TYPE_NONE) {
        attr = "type";
    } else if (def->loaderReadonly != VR_TRISTATE_ABSENT) {
        attr = "readonly";
    } else if (def->nvramTemplate) {
        elem = "nvram";
        attr = "template";
    }
    if (attr) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "%s attribute '%s' cannot be specified when firmware autoselection "
                      "is enabled", elem, attr);
        return -1;
    }
    return 0;
}

static int
vrDomainParseOSInit(xmlNodePtr os, vrDomainOSDef *def)
{
    if (!(def->init = vrDomainOSText(os, "init"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "init binary must be specified");
        return -1;
    }
    vrXMLForEachNamed(os, "initarg", arg) {
        if (!def->initargs)
            def->initargs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(def->initargs, vrXMLContent(arg));
    }
    vrXMLForEachNamed(os, "initenv", env) {
        vrDomainOSEnv e = { 0 };

        if (!(e.name = vrPropNonEmpty(env, "name"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "No name supplied for <initenv> element");
            return -1;
        }
        e.value = vrXMLContent(env);
        if (!*e.value) {
            vrReportError(VR_ERR_XML_ERROR, "No value supplied for <initenv name='%s'> element",
                          e.name);
            g_free(e.name);
            g_free(e.value);
            return -1;
        }
        def->initenv = g_renew(vrDomainOSEnv, def->initenv, def->ninitenv + 1);
        def->initenv[def->ninitenv++] = e;
    }
    def->initdir = vrDomainOSText(os, "initdir");
    def->inituser = vrDomainOSText(os, "inituser");
    def->initgroup = vrDomainOSText(os, "initgroup");
    return 0;
}

static int
vrDomainParseOSAcpi(xmlNodePtr os, vrDomainOSDef *def)
{
    xmlNodePtr acpi = vrXMLChild(os, "acpi");
    xmlNodePtr table;
    g_autofree char *type = NULL;

    if (!acpi || !(table = vrXMLChild(acpi, "table")))
        return 0;
    if (vrXMLCountChildren(acpi, "table") > 1) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Only one acpi table is supported");
        return -1;
    }
    if (!(type = vrXMLProp(table, "type"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing acpi table type");
        return -1;
    }
    if (!g_str_equal(type, "slic")) {
        vrReportError(VR_ERR_XML_ERROR, "Unknown acpi table type: %s", type);
        return -1;
    }
    def->hasAcpiTable = true;
    def->acpiTable = vrXMLContent(table);
    return 0;
}

static int
vrDomainParseOSBootmenu(xmlNodePtr os, vrDomainOSDef *def)
{
    xmlNodePtr node = vrXMLChild(os, "bootmenu");

    if (!node)
        return 0;
    if (vrPropTristate(node, "enable", &def->bootmenuEnable) < 0)
        return -1;
    /* A timeout only means something for a menu that is shown. */
    if (def->bootmenuEnable != VR_TRISTATE_ON)
        return 0;
    switch (vrPropUInt(node, "timeout", 10, &def->bootmenuTimeout)) {
    case -1:
        return -1;
    case 1:
        if (def->bootmenuTimeout > 65535) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "invalid value for boot menu timeout, must be in range [0,65535]");
            return -1;
        }
        def->hasBootmenuTimeout = true;
        break;
    }
    return 0;
}

static int
vrDomainParseOSBios(xmlNodePtr os, vrDomainOSDef *def)
{
    xmlNodePtr node;

    if ((node = vrXMLChild(os, "smbios"))) {
        g_autofree char *mode = vrPropNonEmpty(node, "mode");

        if (mode && (def->smbiosMode = vrDomainSmbiosModeTypeFromString(mode)) <= 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown smbios mode '%s'", mode);
            return -1;
        }
    }
    if ((node = vrXMLChild(os, "bios"))) {
        g_autofree char *useserial = vrXMLProp(node, "useserial");
        int rc;

        /* libvirt treats any spelling but 'yes' as 'no' here. */
        if (useserial)
            def->biosUseserial = g_str_equal(useserial, "yes") ? VR_TRISTATE_ON
                                                                : VR_TRISTATE_OFF;
        if ((rc = vrPropInt(node, "rebootTimeout", 10, &def->biosRebootTimeout)) < 0)
            return -1;
        if (rc > 0) {
            if (def->biosRebootTimeout < -1 || def->biosRebootTimeout > 65535) {
                vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                              "invalid value for rebootTimeout, must be in range [-1,65535]");
                return -1;
            }
            def->hasBiosRebootTimeout = true;
        }
    }
    return 0;
}

static int
vrDomainParseOSBoot(xmlNodePtr os, vrDomainOSDef *def)
{
    vrXMLForEachNamed(os, "boot", boot) {
        int dev;

        if (vrPropEnum(boot, "dev", vrDomainBootDeviceTypeFromString, true, false, &dev) < 0)
            return -1;
        /* libvirt keeps the first four and ignores the rest. */
        if (def->nBootDevs < VR_DOMAIN_BOOT_LAST)
            def->bootDevs[def->nBootDevs++] = dev;
    }
    if (vrDomainParseOSBootmenu(os, def) < 0 || vrDomainParseOSBios(os, def) < 0)
        return -1;
    return 0;
}

int
vrDomainParseBootloader(xmlNodePtr root, vrDomainDef *def)
{
    def->bootloader = vrDomainOSText(root, "bootloader");
    def->bootloaderArgs = vrDomainOSText(root, "bootloader_args");
    return 0;
}

int
vrDomainParseOS(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr os = vrXMLChild(root, "os");
    vrDomainOSDef *o = &def->os;

    if (!os) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "an os <type> must be specified");
        return -1;
    }
    if (vrDomainParseOSType(os, o) < 0)
        return -1;

    switch ((vrDomainOSTypeKind)vrDomainOSTypeTypeFromString(o->type)) {
    case VR_DOMAIN_OSTYPE_HVM:
        if (vrDomainParseOSKernel(os, o) < 0 ||
            vrDomainParseOSFirmware(os, o) < 0 ||
            vrDomainParseOSLoader(os, o) < 0 ||
            vrDomainParseOSAcpi(os, o) < 0 ||
            vrDomainParseOSBoot(os, o) < 0)
            return -1;
        break;
    case VR_DOMAIN_OSTYPE_XEN:
    case VR_DOMAIN_OSTYPE_XENPVH:
    case VR_DOMAIN_OSTYPE_UML:
        if (vrDomainParseOSKernel(os, o) < 0 ||
            vrDomainParseOSFirmware(os, o) < 0 ||
            vrDomainParseOSLoader(os, o) < 0)
            return -1;
        break;
    case VR_DOMAIN_OSTYPE_EXE:
        if (vrDomainParseOSInit(os, o) < 0)
            return -1;
        break;
    case VR_DOMAIN_OSTYPE_LINUX:
    case VR_DOMAIN_OSTYPE_LAST:
        break;
    }
    return vrDomainValidateOSLoader(o);
}

/* ---- formatting ------------------------------------------------------ */

static void
vrDomainFormatOSText(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, "<%s>", name);
    vrConfEscapeXMLText(buf, value);
    vrBufAsprintf(buf, "</%s>\n", name);
}

static void
vrDomainFormatOSAttr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrConfEscapeXMLPrintf(buf, "'%s'", value);
}

/* An element whose text is optional: <loader .../> or <loader ...>P</loader>. */
static void
vrDomainFormatOSPathEnd(vrBuf *buf, const char *name, const char *path)
{
    if (!path) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">");
    vrConfEscapeXMLText(buf, path);
    vrBufAsprintf(buf, "</%s>\n", name);
}

void
vrDomainFormatBootloader(vrBuf *buf, const vrDomainDef *def)
{
    vrDomainFormatOSText(buf, "bootloader", def->bootloader);
    vrDomainFormatOSText(buf, "bootloader_args", def->bootloaderArgs);
}

static void
vrDomainFormatOSFirmware(vrBuf *buf, const vrDomainOSDef *os)
{
    bool any = false;
    size_t i;

    for (i = 0; i < VR_DOMAIN_FIRMWARE_FEATURE_LAST; i++)
        any |= os->firmwareFeatures[i] != VR_TRISTATE_ABSENT;
    if (!any)
        return;
    vrBufAddLit(buf, "<firmware>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMAIN_FIRMWARE_FEATURE_LAST; i++) {
        if (os->firmwareFeatures[i] == VR_TRISTATE_ABSENT)
            continue;
        vrBufAsprintf(buf, "<feature enabled='%s' name='%s'/>\n",
                      vrPropTristateString(os->firmwareFeatures[i]),
                      vrDomainFirmwareFeatureTypeToString(i));
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</firmware>\n");
}

static void
vrDomainFormatOSLoader(vrBuf *buf, const vrDomainOSDef *os)
{
    if (os->hasLoader) {
        vrBufAddLit(buf, "<loader");
        vrDomainFormatOSAttr(buf, "readonly", vrPropTristateString(os->loaderReadonly));
        vrDomainFormatOSAttr(buf, "secure", vrPropTristateString(os->loaderSecure));
        if (os->loaderType != VR_DOMAIN_LOADER_TYPE_NONE)
            vrDomainFormatOSAttr(buf, "type", vrDomainLoaderTypeTypeToString(os->loaderType));
        vrDomainFormatOSPathEnd(buf, "loader", os->loader);
    }
    if (os->hasNvram) {
        vrBufAddLit(buf, "<nvram");
        vrDomainFormatOSAttr(buf, "template", os->nvramTemplate);
        vrDomainFormatOSPathEnd(buf, "nvram", os->nvram);
    }
}

static void
vrDomainFormatOSInit(vrBuf *buf, const vrDomainOSDef *os)
{
    size_t i;

    vrDomainFormatOSText(buf, "init", os->init);
    for (i = 0; os->initargs && i < os->initargs->len; i++)
        vrDomainFormatOSText(buf, "initarg", g_ptr_array_index(os->initargs, i));
    for (i = 0; i < os->ninitenv; i++) {
        vrConfEscapeXMLPrintf(buf, "<initenv name='%s'>", os->initenv[i].name);
        vrConfEscapeXMLText(buf, os->initenv[i].value);
        vrBufAddLit(buf, "</initenv>\n");
    }
    vrDomainFormatOSText(buf, "initdir", os->initdir);
    vrDomainFormatOSText(buf, "inituser", os->inituser);
    vrDomainFormatOSText(buf, "initgroup", os->initgroup);
}

static void
vrDomainFormatOSBoot(vrBuf *buf, const vrDomainOSDef *os)
{
    size_t i;

    for (i = 0; i < os->nBootDevs; i++)
        vrBufAsprintf(buf, "<boot dev='%s'/>\n", vrDomainBootDeviceTypeToString(os->bootDevs[i]));
    if (os->bootmenuEnable != VR_TRISTATE_ABSENT) {
        vrBufAsprintf(buf, "<bootmenu enable='%s'", vrPropTristateString(os->bootmenuEnable));
        if (os->hasBootmenuTimeout)
            vrBufAsprintf(buf, " timeout='%u'", os->bootmenuTimeout);
        vrBufAddLit(buf, "/>\n");
    }
    if (os->smbiosMode != VR_DOMAIN_SMBIOS_NONE)
        vrBufAsprintf(buf, "<smbios mode='%s'/>\n", vrDomainSmbiosModeTypeToString(os->smbiosMode));
    if (os->biosUseserial != VR_TRISTATE_ABSENT || os->hasBiosRebootTimeout) {
        vrBufAddLit(buf, "<bios");
        vrDomainFormatOSAttr(buf, "useserial", vrPropTristateString(os->biosUseserial));
        if (os->hasBiosRebootTimeout)
            vrBufAsprintf(buf, " rebootTimeout='%d'", os->biosRebootTimeout);
        vrBufAddLit(buf, "/>\n");
    }
}

void
vrDomainFormatOS(vrBuf *buf, const vrDomainOSDef *os)
{
    vrBufAddLit(buf, "<os");
    if (os->firmware != VR_DOMAIN_FIRMWARE_NONE)
        vrDomainFormatOSAttr(buf, "firmware", vrDomainFirmwareTypeToString(os->firmware));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);

    vrBufAddLit(buf, "<type");
    vrDomainFormatOSAttr(buf, "arch", os->arch);
    vrDomainFormatOSAttr(buf, "machine", os->machine);
    vrBufAddLit(buf, ">");
    vrConfEscapeXMLText(buf, os->type);
    vrBufAddLit(buf, "</type>\n");

    vrDomainFormatOSFirmware(buf, os);
    vrDomainFormatOSInit(buf, os);
    vrDomainFormatOSLoader(buf, os);
    vrDomainFormatOSText(buf, "kernel", os->kernel);
    vrDomainFormatOSText(buf, "initrd", os->initrd);
    vrDomainFormatOSText(buf, "cmdline", os->cmdline);
    vrDomainFormatOSText(buf, "dtb", os->dtb);
    vrDomainFormatOSText(buf, "root", os->root);
    if (os->hasAcpiTable) {
        vrBufAddLit(buf, "<acpi>\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAddLit(buf, "<table type='slic'>");
        vrConfEscapeXMLText(buf, os->acpiTable ? os->acpiTable : "");
        vrBufAddLit(buf, "</table>\n");
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</acpi>\n");
    }
    vrDomainFormatOSBoot(buf, os);

    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</os>\n");
}

void
vrDomainOSDefClear(vrDomainOSDef *os)
{
    size_t i;

    g_free(os->type);
    g_free(os->arch);
    g_free(os->machine);
    g_free(os->loader);
    g_free(os->nvram);
    g_free(os->nvramTemplate);
    g_free(os->kernel);
    g_free(os->initrd);
    g_free(os->cmdline);
    g_free(os->dtb);
    g_free(os->root);
    g_free(os->init);
    if (os->initargs)
        g_ptr_array_unref(os->initargs);
    for (i = 0; i < os->ninitenv; i++) {
        g_free(os->initenv[i].name);
        g_free(os->initenv[i].value);
    }
    g_free(os->initenv);
    g_free(os->initdir);
    g_free(os->inituser);
    g_free(os->initgroup);
    g_free(os->acpiTable);
    memset(os, 0, sizeof(*os));
}
