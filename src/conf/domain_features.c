/*
 * domain_features.c: <features>, the hypervisor features a guest sees.
 *
 * Each feature is stored by kind, so documents are formatted in libvirt's
 * fixed order whatever order they were written in.  A feature given twice
 * takes the later element's settings, as in libvirt.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"
#include "util/vrunits.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN
#include "conf_xmlprop.h"

VR_ENUM_IMPL(vrDomainFeature, VR_DOMAIN_FEATURE_LAST,
             "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm",
             "pvspinlock", "capabilities", "pmu", "vmport", "gic", "smm", "ioapic", "hpt",
             "vmcoreinfo", "htm", "nested-hv", "msrs", "ccf-assist", "xen", "cfpc", "sbbc",
             "ibs", "tcg");
VR_ENUM_IMPL(vrDomainHyperv, VR_DOMAIN_HYPERV_LAST,
             "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer",
             "reset", "vendor_id", "frequencies", "reenlightenment", "tlbflush", "ipi",
             "evmcs", "avic");
VR_ENUM_IMPL(vrDomainKVM, VR_DOMAIN_KVM_LAST,
             "hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring");
VR_ENUM_IMPL(vrDomainXen, VR_DOMAIN_XEN_LAST,
             "e820_host", "passthrough");
VR_ENUM_IMPL(vrDomainCapsFeature, VR_DOMAIN_CAPS_FEATURE_LAST,
             "audit_control", "audit_write", "block_suspend", "chown", "dac_override",
             "dac_read_search", "fowner", "fsetid", "ipc_lock", "ipc_owner", "kill", "lease",
             "linux_immutable", "mac_admin", "mac_override", "mknod", "net_admin",
             "net_bind_service", "net_broadcast", "net_raw", "setgid", "setfcap", "setpcap",
             "setuid", "sys_admin", "sys_boot", "sys_chroot", "sys_module", "sys_nice",
             "sys_pacct", "sys_ptrace", "sys_rawio", "sys_resource", "sys_time",
             "sys_tty_config", "syslog", "wake_alarm");

/* Value spellings; index 0 is the "not set" spelling, never accepted. */
#define VR_CHOICES(name, ...) \
    static const char *const name[] = { __VA_ARGS__ }
VR_CHOICES(vrGicVersions, "none", "host", "2", "3");
VR_CHOICES(vrIoapicDrivers, "none", "kvm", "qemu");
VR_CHOICES(vrHptResizings, "none", "enabled", "disabled", "required");
VR_CHOICES(vrMsrsUnknowns, "ignore");
VR_CHOICES(vrCfpcValues, "none", "broken", "workaround", "fixed");
VR_CHOICES(vrIbsValues, "none", "broken", "workaround", "fixed-ibs", "fixed-ccd", "fixed-na");
VR_CHOICES(vrHypervModes, "custom", "passthrough");
VR_CHOICES(vrXenPassthroughModes, "none", "sync_pt", "share_pt");
VR_CHOICES(vrCapsPolicies, "default", "allow", "deny");
VR_CHOICES(vrOnOff, "", "on", "off");

/* 0 absent, 1 parsed, -1 invalid.  @first is the lowest accepted index. */
static int
vrFeatureChoice(xmlNodePtr node, const char *attr, const char *const *choices, size_t n,
                size_t first, bool required, int *value)
{
    g_autofree char *str = vrXMLProp(node, attr);
    size_t i;

    if (!str) {
        if (required) {
            vrPropReportMissing(node, attr);
            return -1;
        }
        return 0;
    }
    for (i = first; i < n; i++) {
        if (g_str_equal(str, choices[i])) {
            *value = (int)i;
            return 1;
        }
    }
    vrPropReportInvalid(node, attr, str, "");
    return -1;
}

#define VR_FEATURE_CHOICE(node, attr, table, first, required, value) \
    vrFeatureChoice(node, attr, table, G_N_ELEMENTS(table), first, required, value)

/* state='on|off': absent gives @dflt (or an error when @dflt is ABSENT). */
static int
vrFeatureState(xmlNodePtr node, int dflt, int *state)
{
    int rc = VR_FEATURE_CHOICE(node, "state", vrOnOff, 1, dflt == VR_TRISTATE_ABSENT, state);

    if (rc == 0)
        *state = dflt;
    return rc < 0 ? -1 : 0;
}

/* A size element read as libvirt does: whole decimal number, unit
 * suffix, @scale bytes when no unit is given. */
static int
vrFeatureSize(xmlNodePtr node, const char *where, unsigned long long scale,
              unsigned long long *bytes)
{
    g_autofree char *text = vrXMLContent(node);
    g_autofree char *unit = vrXMLProp(node, "unit");

    if (vrDomainParseULLong(text, bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value '%s' for element or attribute '%s'",
                      text, where);
        return -1;
    }
    if (!unit)
        return vrScaleInteger(bytes, NULL, scale, G_MAXUINT64);
    return vrScaleInteger(bytes, unit, 1, G_MAXUINT64);
}

static int
vrDomainParseSmm(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    xmlNodePtr tseg;

    if (vrFeatureState(node, VR_TRISTATE_ON, &f->state[VR_DOMAIN_FEATURE_SMM]) < 0)
        return -1;
    f->hasSmmTseg = false;
    if (f->state[VR_DOMAIN_FEATURE_SMM] != VR_TRISTATE_ON || !(tseg = vrXMLChild(node, "tseg")))
        return 0;
    if (vrFeatureSize(tseg, "string(./features/smm/tseg)", 1024 * 1024, &f->smmTseg) < 0)
        return -1;
    f->hasSmmTseg = true;
    return 0;
}

static int
vrDomainParseHpt(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    xmlNodePtr size = vrXMLChild(node, "maxpagesize");

    f->hptResizing = 0;
    f->hptMaxPageSize = 0;
    if (VR_FEATURE_CHOICE(node, "resizing", vrHptResizings, 1, false, &f->hptResizing) < 0)
        return -1;
    if (size) {
        g_autofree char *text = vrXMLContent(size);
        g_autofree char *unit = vrXMLProp(size, "unit");
        unsigned long long bytes;

        if (vrDomainParseULLong(text, &bytes) < 0 ||
            vrScaleInteger(&bytes, unit, unit ? 1 : 1024, G_MAXUINT64) < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "Unable to parse HPT maxpagesize setting");
            return -1;
        }
        f->hptMaxPageSize = (bytes + 1023) / 1024;
    }
    if (f->hptResizing || f->hptMaxPageSize)
        f->state[VR_DOMAIN_FEATURE_HPT] = VR_TRISTATE_ON;
    return 0;
}

static int
vrDomainParseTcg(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    xmlNodePtr cache = vrXMLChild(node, "tb-cache");
    unsigned long long bytes;

    if (!cache)
        return 0;
    if (vrFeatureSize(cache, "./tb-cache", 1024, &bytes) < 0)
        return -1;
    f->tcgTbCache = (bytes + 1023) / 1024;
    f->state[VR_DOMAIN_FEATURE_TCG] = VR_TRISTATE_ON;
    return 0;
}

static int
vrDomainParseCapabilities(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    bool any = false;

    f->capsPolicy = 0;
    if (VR_FEATURE_CHOICE(node, "policy", vrCapsPolicies, 0, false, &f->capsPolicy) < 0)
        return -1;
    vrXMLForEachChild(node, child) {
        int cap = vrDomainCapsFeatureTypeFromString((const char *)child->name);

        if (cap < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unexpected capability feature '%s'",
                          (const char *)child->name);
            return -1;
        }
        if (vrFeatureState(child, VR_TRISTATE_ON, &f->caps[cap]) < 0)
            return -1;
        any = true;
    }
    if (any || f->capsPolicy != 0)
        f->state[VR_DOMAIN_FEATURE_CAPABILITIES] = VR_TRISTATE_ON;
    return 0;
}

static int
vrDomainParseHypervFeature(xmlNodePtr child, int which, vrDomainFeaturesDef *f)
{
    int *state = &f->hyperv[which];
    xmlNodePtr direct;
    int rc;

    if (vrFeatureState(child, VR_TRISTATE_ABSENT, state) < 0)
        return -1;
    if (*state != VR_TRISTATE_ON)
        return 0;
    switch ((vrDomainHypervFeature)which) {
    case VR_DOMAIN_HYPERV_SPINLOCKS:
        if ((rc = vrPropUInt(child, "retries", 10, &f->hypervSpinlocks)) < 0)
            return -1;
        if (rc == 0) {
            vrPropReportMissing(child, "retries");
            return -1;
        }
        if (f->hypervSpinlocks < 0xFFF) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "HyperV spinlock retry count must be at least 4095");
            return -1;
        }
        break;
    case VR_DOMAIN_HYPERV_VENDOR_ID:
        g_clear_pointer(&f->hypervVendorId, g_free);
        if (!(f->hypervVendorId = vrPropNonEmpty(child, "value"))) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "missing 'value' attribute for HyperV feature 'vendor_id'");
            return -1;
        }
        if (strlen(f->hypervVendorId) > 12) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "HyperV vendor_id value must not be more than 12 characters.");
            return -1;
        }
        break;
    case VR_DOMAIN_HYPERV_STIMER:
        f->hypervStimerDirect = VR_TRISTATE_ABSENT;
        if ((direct = vrXMLChild(child, "direct")) &&
            vrFeatureState(direct, VR_TRISTATE_ABSENT, &f->hypervStimerDirect) < 0)
            return -1;
        break;
    default:
        break;
    }
    return 0;
}

static int
vrDomainParseHyperv(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    f->hypervMode = 0;
    if (VR_FEATURE_CHOICE(node, "mode", vrHypervModes, 0, false, &f->hypervMode) < 0)
        return -1;
    f->state[VR_DOMAIN_FEATURE_HYPERV] = VR_TRISTATE_ON;
    vrXMLForEachChild(node, child) {
        int which = vrDomainHypervTypeFromString((const char *)child->name);

        if (which < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "unsupported HyperV Enlightenment feature: %s",
                          (const char *)child->name);
            return -1;
        }
        if (vrDomainParseHypervFeature(child, which, f) < 0)
            return -1;
    }
    return 0;
}

static int
vrDomainParseKVM(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    f->state[VR_DOMAIN_FEATURE_KVM] = VR_TRISTATE_ON;
    vrXMLForEachChild(node, child) {
        int which = vrDomainKVMTypeFromString((const char *)child->name);
        unsigned int size;
        int rc;

        if (which < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unsupported KVM feature: %s",
                          (const char *)child->name);
            return -1;
        }
        if (vrFeatureState(child, VR_TRISTATE_ABSENT, &f->kvm[which]) < 0)
            return -1;
        if (which != VR_DOMAIN_KVM_DIRTY_RING || f->kvm[which] != VR_TRISTATE_ON)
            continue;
        if ((rc = vrPropUInt(child, "size", 10, &size)) < 0)
            return -1;
        if (rc == 0) {
            vrPropReportMissing(child, "size");
            return -1;
        }
        if (size < 1024 || size > 65536 || (size & (size - 1))) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "dirty ring must be power of 2 and ranges [1024, 65536]");
            return -1;
        }
        f->kvmDirtyRingSize = size;
    }
    return 0;
}

static int
vrDomainParseXen(xmlNodePtr node, vrDomainFeaturesDef *f)
{
    f->state[VR_DOMAIN_FEATURE_XEN] = VR_TRISTATE_ON;
    vrXMLForEachChild(node, child) {
        int which = vrDomainXenTypeFromString((const char *)child->name);

        if (which < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unsupported Xen feature: %s",
                          (const char *)child->name);
            return -1;
        }
        if (vrFeatureState(child, VR_TRISTATE_ABSENT, &f->xen[which]) < 0)
            return -1;
        if (which == VR_DOMAIN_XEN_PASSTHROUGH) {
            f->xenPassthroughMode = 0;
            if (f->xen[which] == VR_TRISTATE_ON &&
                VR_FEATURE_CHOICE(child, "mode", vrXenPassthroughModes, 1, false,
                                  &f->xenPassthroughMode) < 0)
                return -1;
        }
    }
    return 0;
}

/* A feature that is there or not; libvirt ignores any state= on these. */
static void
vrDomainParsePresentFeature(vrDomainFeaturesDef *f, int which)
{
    f->state[which] = VR_TRISTATE_ON;
}

/* A feature set by one valued attribute is present only when it is given. */
static int
vrDomainParseValued(xmlNodePtr node, vrDomainFeaturesDef *f, int which, const char *attr,
                    const char *const *choices, size_t n, size_t first, int *value)
{
    int rc;

    *value = 0;
    f->state[which] = VR_TRISTATE_ABSENT;
    if ((rc = vrFeatureChoice(node, attr, choices, n, first, first == 0, value)) < 0)
        return -1;
    if (rc > 0)
        f->state[which] = VR_TRISTATE_ON;
    return 0;
}

#define VR_PARSE_VALUED(node, f, which, attr, table, first, value) \
    vrDomainParseValued(node, f, which, attr, table, G_N_ELEMENTS(table), first, value)

static int
vrDomainParseFeature(xmlNodePtr node, int which, vrDomainFeaturesDef *f)
{
    int *state = &f->state[which];

    switch ((vrDomainFeatureKind)which) {
    case VR_DOMAIN_FEATURE_ACPI:
    case VR_DOMAIN_FEATURE_PAE:
    case VR_DOMAIN_FEATURE_VIRIDIAN:
    case VR_DOMAIN_FEATURE_PRIVNET:
        vrDomainParsePresentFeature(f, which);
        return 0;
    case VR_DOMAIN_FEATURE_APIC:
        f->apicEoi = VR_TRISTATE_ABSENT;
        *state = VR_TRISTATE_ON;
        return VR_FEATURE_CHOICE(node, "eoi", vrOnOff, 1, false, &f->apicEoi) < 0 ? -1 : 0;
    case VR_DOMAIN_FEATURE_HAP:
    case VR_DOMAIN_FEATURE_PVSPINLOCK:
    case VR_DOMAIN_FEATURE_PMU:
    case VR_DOMAIN_FEATURE_VMPORT:
    case VR_DOMAIN_FEATURE_VMCOREINFO:
        return vrFeatureState(node, VR_TRISTATE_ON, state);
    case VR_DOMAIN_FEATURE_HTM:
    case VR_DOMAIN_FEATURE_NESTED_HV:
    case VR_DOMAIN_FEATURE_CCF_ASSIST:
        return vrFeatureState(node, VR_TRISTATE_ABSENT, state);
    case VR_DOMAIN_FEATURE_SMM:
        return vrDomainParseSmm(node, f);
    case VR_DOMAIN_FEATURE_GIC:
        f->gicVersion = 0;
        *state = VR_TRISTATE_ON;
        return VR_FEATURE_CHOICE(node, "version", vrGicVersions, 1, false,
                                 &f->gicVersion) < 0 ? -1 : 0;
    case VR_DOMAIN_FEATURE_IOAPIC:
        return VR_PARSE_VALUED(node, f, which, "driver", vrIoapicDrivers, 1, &f->ioapicDriver);
    case VR_DOMAIN_FEATURE_HPT:
        return vrDomainParseHpt(node, f);
    case VR_DOMAIN_FEATURE_MSRS:
        return VR_PARSE_VALUED(node, f, which, "unknown", vrMsrsUnknowns, 0, &f->msrsUnknown);
    case VR_DOMAIN_FEATURE_CFPC:
        return VR_PARSE_VALUED(node, f, which, "value", vrCfpcValues, 1, &f->cfpc);
    case VR_DOMAIN_FEATURE_SBBC:
        return VR_PARSE_VALUED(node, f, which, "value", vrCfpcValues, 1, &f->sbbc);
    case VR_DOMAIN_FEATURE_IBS:
        return VR_PARSE_VALUED(node, f, which, "value", vrIbsValues, 1, &f->ibs);
    case VR_DOMAIN_FEATURE_TCG:
        return vrDomainParseTcg(node, f);
    case VR_DOMAIN_FEATURE_CAPABILITIES:
        return vrDomainParseCapabilities(node, f);
    case VR_DOMAIN_FEATURE_HYPERV:
        return vrDomainParseHyperv(node, f);
    case VR_DOMAIN_FEATURE_KVM:
        return vrDomainParseKVM(node, f);
    case VR_DOMAIN_FEATURE_XEN:
        return vrDomainParseXen(node, f);
    case VR_DOMAIN_FEATURE_LAST:
        break;
    }
    return 0;
}

int
vrDomainParseFeatures(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr features = vrXMLChild(root, "features");

    vrXMLForEachChild(features, child) {
        int which = vrDomainFeatureTypeFromString((const char *)child->name);

        if (which < 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unexpected feature '%s'",
                          (const char *)child->name);
            return -1;
        }
        if (vrDomainParseFeature(child, which, &def->features) < 0)
            return -1;
    }
    return 0;
}

/* ---- formatting ------------------------------------------------------ */

static const char *
vrOnOffString(int state)
{
    return state == VR_TRISTATE_ON ? "on" : "off";
}

/* libvirt writes the SMM TSEG size in the largest unit that divides it. */
static void
vrDomainFormatTseg(vrBuf *buf, unsigned long long bytes)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    size_t unit = 0;

    while (bytes && bytes % 1024 == 0 && unit + 1 < G_N_ELEMENTS(units)) {
        bytes /= 1024;
        unit++;
    }
    vrBufAsprintf(buf, "<tseg unit='%s'>%llu</tseg>\n", units[unit], bytes);
}

static void
vrDomainFormatSmm(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    int state = f->state[VR_DOMAIN_FEATURE_SMM];

    if (state != VR_TRISTATE_ON || !f->hasSmmTseg) {
        vrBufAsprintf(buf, "<smm state='%s'/>\n", vrOnOffString(state));
        return;
    }
    vrBufAddLit(buf, "<smm state='on'>\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatTseg(buf, f->smmTseg);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</smm>\n");
}

static void
vrDomainFormatHpt(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    /* nothing left to say (a later bare <hpt/> cleared the settings): no
     * element, as in libvirt; <hpt/> alone would not turn the feature on */
    if (!f->hptResizing && !f->hptMaxPageSize)
        return;
    vrBufAddLit(buf, "<hpt");
    if (f->hptResizing)
        vrBufAsprintf(buf, " resizing='%s'", vrHptResizings[f->hptResizing]);
    if (!f->hptMaxPageSize) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAsprintf(buf, "<maxpagesize unit='KiB'>%llu</maxpagesize>\n", f->hptMaxPageSize);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</hpt>\n");
}

static void
vrDomainFormatCapabilities(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    bool any = false;
    size_t i;

    for (i = 0; i < VR_DOMAIN_CAPS_FEATURE_LAST; i++)
        any |= f->caps[i] != VR_TRISTATE_ABSENT;
    vrBufAsprintf(buf, "<capabilities policy='%s'", vrCapsPolicies[f->capsPolicy]);
    if (!any) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMAIN_CAPS_FEATURE_LAST; i++) {
        if (f->caps[i] != VR_TRISTATE_ABSENT)
            vrBufAsprintf(buf, "<%s state='%s'/>\n", vrDomainCapsFeatureTypeToString(i),
                          vrOnOffString(f->caps[i]));
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</capabilities>\n");
}

static void
vrDomainFormatHypervFeature(vrBuf *buf, const vrDomainFeaturesDef *f, int which)
{
    int state = f->hyperv[which];
    const char *name = vrDomainHypervTypeToString(which);

    vrBufAsprintf(buf, "<%s state='%s'", name, vrOnOffString(state));
    if (state == VR_TRISTATE_ON) {
        if (which == VR_DOMAIN_HYPERV_SPINLOCKS)
            vrBufAsprintf(buf, " retries='%u'", f->hypervSpinlocks);
        if (which == VR_DOMAIN_HYPERV_VENDOR_ID)
            vrConfEscapeXMLPrintf(buf, " value='%s'", f->hypervVendorId);
        if (which == VR_DOMAIN_HYPERV_STIMER && f->hypervStimerDirect != VR_TRISTATE_ABSENT) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            vrBufAsprintf(buf, "<direct state='%s'/>\n", vrOnOffString(f->hypervStimerDirect));
            vrBufAdjustIndent(buf, -2);
            vrBufAsprintf(buf, "</%s>\n", name);
            return;
        }
    }
    vrBufAddLit(buf, "/>\n");
}

static void
vrDomainFormatHyperv(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    size_t i;

    vrBufAsprintf(buf, "<hyperv mode='%s'>\n", vrHypervModes[f->hypervMode]);
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMAIN_HYPERV_LAST; i++) {
        if (f->hyperv[i] != VR_TRISTATE_ABSENT)
            vrDomainFormatHypervFeature(buf, f, i);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</hyperv>\n");
}

static void
vrDomainFormatKVM(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    size_t i;

    vrBufAddLit(buf, "<kvm>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMAIN_KVM_LAST; i++) {
        if (f->kvm[i] == VR_TRISTATE_ABSENT)
            continue;
        vrBufAsprintf(buf, "<%s state='%s'", vrDomainKVMTypeToString(i), vrOnOffString(f->kvm[i]));
        if (i == VR_DOMAIN_KVM_DIRTY_RING && f->kvm[i] == VR_TRISTATE_ON)
            vrBufAsprintf(buf, " size='%u'", f->kvmDirtyRingSize);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</kvm>\n");
}

static void
vrDomainFormatXen(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    size_t i;

    vrBufAddLit(buf, "<xen>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMAIN_XEN_LAST; i++) {
        if (f->xen[i] == VR_TRISTATE_ABSENT)
            continue;
        vrBufAsprintf(buf, "<%s state='%s'", vrDomainXenTypeToString(i), vrOnOffString(f->xen[i]));
        if (i == VR_DOMAIN_XEN_PASSTHROUGH && f->xen[i] == VR_TRISTATE_ON && f->xenPassthroughMode)
            vrBufAsprintf(buf, " mode='%s'", vrXenPassthroughModes[f->xenPassthroughMode]);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</xen>\n");
}

static void
vrDomainFormatFeature(vrBuf *buf, const vrDomainFeaturesDef *f, int which)
{
    const char *name = vrDomainFeatureTypeToString(which);

    switch ((vrDomainFeatureKind)which) {
    case VR_DOMAIN_FEATURE_ACPI:
    case VR_DOMAIN_FEATURE_PAE:
    case VR_DOMAIN_FEATURE_VIRIDIAN:
    case VR_DOMAIN_FEATURE_PRIVNET:
        vrBufAsprintf(buf, "<%s/>\n", name);
        break;
    case VR_DOMAIN_FEATURE_APIC:
        if (f->apicEoi != VR_TRISTATE_ABSENT)
            vrBufAsprintf(buf, "<apic eoi='%s'/>\n", vrOnOffString(f->apicEoi));
        else
            vrBufAddLit(buf, "<apic/>\n");
        break;
    case VR_DOMAIN_FEATURE_HAP:
    case VR_DOMAIN_FEATURE_PVSPINLOCK:
    case VR_DOMAIN_FEATURE_PMU:
    case VR_DOMAIN_FEATURE_VMPORT:
    case VR_DOMAIN_FEATURE_VMCOREINFO:
    case VR_DOMAIN_FEATURE_HTM:
    case VR_DOMAIN_FEATURE_NESTED_HV:
    case VR_DOMAIN_FEATURE_CCF_ASSIST:
        vrBufAsprintf(buf, "<%s state='%s'/>\n", name, vrOnOffString(f->state[which]));
        break;
    case VR_DOMAIN_FEATURE_SMM:
        vrDomainFormatSmm(buf, f);
        break;
    case VR_DOMAIN_FEATURE_GIC:
        if (f->gicVersion)
            vrBufAsprintf(buf, "<gic version='%s'/>\n", vrGicVersions[f->gicVersion]);
        else
            vrBufAddLit(buf, "<gic/>\n");
        break;
    case VR_DOMAIN_FEATURE_IOAPIC:
        vrBufAsprintf(buf, "<ioapic driver='%s'/>\n", vrIoapicDrivers[f->ioapicDriver]);
        break;
    case VR_DOMAIN_FEATURE_HPT:
        vrDomainFormatHpt(buf, f);
        break;
    case VR_DOMAIN_FEATURE_MSRS:
        vrBufAsprintf(buf, "<msrs unknown='%s'/>\n", vrMsrsUnknowns[f->msrsUnknown]);
        break;
    case VR_DOMAIN_FEATURE_CFPC:
        vrBufAsprintf(buf, "<cfpc value='%s'/>\n", vrCfpcValues[f->cfpc]);
        break;
    case VR_DOMAIN_FEATURE_SBBC:
        vrBufAsprintf(buf, "<sbbc value='%s'/>\n", vrCfpcValues[f->sbbc]);
        break;
    case VR_DOMAIN_FEATURE_IBS:
        vrBufAsprintf(buf, "<ibs value='%s'/>\n", vrIbsValues[f->ibs]);
        break;
    case VR_DOMAIN_FEATURE_TCG:
        vrBufAddLit(buf, "<tcg>\n");
        vrBufAdjustIndent(buf, 2);
        vrBufAsprintf(buf, "<tb-cache unit='KiB'>%llu</tb-cache>\n", f->tcgTbCache);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</tcg>\n");
        break;
    case VR_DOMAIN_FEATURE_CAPABILITIES:
        vrDomainFormatCapabilities(buf, f);
        break;
    case VR_DOMAIN_FEATURE_HYPERV:
        vrDomainFormatHyperv(buf, f);
        break;
    case VR_DOMAIN_FEATURE_KVM:
        vrDomainFormatKVM(buf, f);
        break;
    case VR_DOMAIN_FEATURE_XEN:
        vrDomainFormatXen(buf, f);
        break;
    case VR_DOMAIN_FEATURE_LAST:
        break;
    }
}

void
vrDomainFormatFeatures(vrBuf *buf, const vrDomainFeaturesDef *f)
{
    g_auto(vrBuf) inner = VR_BUF_INIT;
    size_t i;

    vrBufSetIndent(&inner, buf->indent + 2);
    for (i = 0; i < VR_DOMAIN_FEATURE_LAST; i++) {
        if (f->state[i] != VR_TRISTATE_ABSENT)
            vrDomainFormatFeature(&inner, f, i);
    }
    /* a feature may have nothing to write (an <hpt> whose settings a
     * later bare <hpt/> cleared): no empty <features>, as in libvirt */
    if (!vrBufLength(&inner))
        return;
    vrBufAddLit(buf, "<features>\n");
    vrBufSetIndent(buf, 0);
    vrBufAddLit(buf, vrBufCurrent(&inner));
    vrBufSetIndent(buf, inner.indent - 2);
    vrBufAddLit(buf, "</features>\n");
}

void
vrDomainFeaturesDefClear(vrDomainFeaturesDef *features)
{
    g_free(features->hypervVendorId);
    memset(features, 0, sizeof(*features));
}
