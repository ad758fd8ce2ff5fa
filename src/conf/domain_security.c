/*
 * domain_security.c: the guest's security settings outside its devices:
 * <seclabel> (one per security driver), <keywrap> (s390 key wrapping),
 * <launchSecurity> (AMD SEV, s390 protected virtualization) and <idmap>
 * (container user and group mapping).
 *
 * A dynamic label is chosen by the security driver when the guest
 * starts, so an inactive definition keeps only its base label; a static
 * label is the user's and is always kept.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "conf_common.h"
#include "domain_conf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN
#include "conf_xmlprop.h"

VR_ENUM_IMPL(vrDomainSeclabel, VR_DOMAIN_SECLABEL_LAST,
             "default", "none", "dynamic", "static");
VR_ENUM_IMPL(vrDomainKeyWrapCipher, VR_DOMAIN_KEYWRAP_CIPHER_LAST, "aes", "dea");
VR_ENUM_IMPL(vrDomainLaunchSecurity, VR_DOMAIN_LAUNCH_SECURITY_LAST, "none", "sev", "s390-pv");

/* ---- <seclabel> ------------------------------------------------------ */

static int
vrDomainSeclabelRelabel(xmlNodePtr node, vrDomainSeclabelDef *s)
{
    int relabel = VR_TRISTATE_ABSENT;

    if (vrPropTristate(node, "relabel", &relabel) < 0)
        return -1;
    switch ((vrDomainSeclabelType)s->type) {
    case VR_DOMAIN_SECLABEL_DYNAMIC:
        if (relabel == VR_TRISTATE_OFF) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "dynamic label type must use resource relabeling");
            return -1;
        }
        s->relabel = true;
        break;
    case VR_DOMAIN_SECLABEL_NONE:
        if (relabel == VR_TRISTATE_ON) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "resource relabeling is not compatible with 'none' label type");
            return -1;
        }
        s->relabel = false;
        break;
    case VR_DOMAIN_SECLABEL_STATIC:
        s->relabel = relabel == VR_TRISTATE_ON;
        break;
    case VR_DOMAIN_SECLABEL_DEFAULT:
    case VR_DOMAIN_SECLABEL_LAST:
        s->relabel = relabel != VR_TRISTATE_OFF;
        break;
    }
    return 0;
}

static char *
vrDomainSeclabelText(xmlNodePtr node, const char *name)
{
    char *text = vrXMLChildContent(node, name);

    if (text && !*text)
        g_clear_pointer(&text, g_free);
    return text;
}

static int
vrDomainParseSeclabel(xmlNodePtr node, vrDomainSeclabelDef *s, bool live)
{
    if (vrPropEnum(node, "type", vrDomainSeclabelTypeFromString, false, true, &s->type) < 0)
        return -1;
    s->model = vrXMLProp(node, "model");
    if (vrDomainSeclabelRelabel(node, s) < 0)
        return -1;

    if (s->type == VR_DOMAIN_SECLABEL_STATIC ||
        (s->type == VR_DOMAIN_SECLABEL_DYNAMIC && live)) {
        if (!(s->label = vrDomainSeclabelText(node, "label")) &&
            s->type == VR_DOMAIN_SECLABEL_STATIC) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "security label is missing");
            return -1;
        }
    }
    if (live && s->relabel && s->type != VR_DOMAIN_SECLABEL_NONE)
        s->imagelabel = vrDomainSeclabelText(node, "imagelabel");
    if (s->type == VR_DOMAIN_SECLABEL_DYNAMIC)
        s->baselabel = vrDomainSeclabelText(node, "baselabel");
    return 0;
}

static int
vrDomainCheckSeclabels(const vrDomainDef *def)
{
    size_t i, j;

    if (def->nseclabels < 2)
        return 0;
    for (i = 0; i < def->nseclabels; i++) {
        if (!def->seclabels[i].model) {
            vrReportError(VR_ERR_XML_ERROR, "%s",
                          "missing security model when using multiple labels");
            return -1;
        }
        for (j = 0; j < i; j++) {
            if (g_str_equal(def->seclabels[i].model, def->seclabels[j].model)) {
                vrReportError(VR_ERR_XML_DETAIL, "seclabel for model %s is already provided",
                              def->seclabels[i].model);
                return -1;
            }
        }
    }
    return 0;
}

static int
vrDomainParseSeclabels(xmlNodePtr root, vrDomainDef *def, bool live)
{
    size_t n = vrXMLCountChildren(root, "seclabel");

    if (!n)
        return 0;
    def->seclabels = g_new0(vrDomainSeclabelDef, n);
    vrXMLForEachNamed(root, "seclabel", node) {
        if (vrDomainParseSeclabel(node, &def->seclabels[def->nseclabels++], live) < 0)
            return -1;
    }
    return vrDomainCheckSeclabels(def);
}

/* ---- <keywrap> ------------------------------------------------------- */

static int
vrDomainParseKeywrap(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr keywrap = vrXMLChild(root, "keywrap");

    vrXMLForEachNamed(keywrap, "cipher", cipher) {
        g_autofree char *state = NULL;
        int name;

        if (vrPropEnum(cipher, "name", vrDomainKeyWrapCipherTypeFromString, true, false,
                       &name) < 0)
            return -1;
        if (!(state = vrXMLProp(cipher, "state"))) {
            vrPropReportMissing(cipher, "state");
            return -1;
        }
        if (!g_str_equal(state, "on") && !g_str_equal(state, "off")) {
            vrPropReportInvalid(cipher, "state", state, "");
            return -1;
        }
        if (def->keywrap[name] != VR_TRISTATE_ABSENT) {
            vrReportError(VR_ERR_INTERNAL_ERROR,
                          "A domain definition can have no more than one cipher node with "
                          "name %s", vrDomainKeyWrapCipherTypeToString(name));
            return -1;
        }
        def->keywrap[name] = g_str_equal(state, "on") ? VR_TRISTATE_ON : VR_TRISTATE_OFF;
    }
    return 0;
}

/* ---- <launchSecurity> ------------------------------------------------ */

static int
vrDomainParseSevNumber(xmlNodePtr node, const char *name, const char *what, bool *has,
                       unsigned int *value)
{
    g_autofree char *text = vrXMLChildContent(node, name);

    if (!text)
        return 0;
    if (vrStrToUInt(text, 10, value) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid format for launch security %s", what);
        return -1;
    }
    *has = true;
    return 0;
}

static int
vrDomainParseSev(xmlNodePtr node, vrDomainLaunchSecurityDef *sec)
{
    g_autofree char *policy = NULL;
    unsigned long long v;

    if (vrPropTristate(node, "kernelHashes", &sec->kernelHashes) < 0 ||
        vrDomainParseSevNumber(node, "cbitpos", "cbitpos", &sec->hasCbitpos,
                               &sec->cbitpos) < 0 ||
        vrDomainParseSevNumber(node, "reducedPhysBits", "reduced-phys-bits",
                               &sec->hasReducedPhysBits, &sec->reducedPhysBits) < 0)
        return -1;
    policy = vrXMLChildContent(node, "policy");
    if (!policy || vrStrToULLong(policy, 16, &v) < 0 || v > G_MAXUINT32) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "failed to get launch security policy");
        return -1;
    }
    sec->policy = (unsigned int)v;
    sec->dhCert = vrXMLChildContent(node, "dhCert");
    sec->session = vrXMLChildContent(node, "session");
    return 0;
}

static int
vrDomainParseLaunchSecurity(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr node = vrXMLChild(root, "launchSecurity");

    if (!node)
        return 0;
    def->launchSecurity = g_new0(vrDomainLaunchSecurityDef, 1);
    if (vrPropEnum(node, "type", vrDomainLaunchSecurityTypeFromString, true, true,
                   &def->launchSecurity->type) < 0)
        return -1;
    if (def->launchSecurity->type == VR_DOMAIN_LAUNCH_SECURITY_SEV)
        return vrDomainParseSev(node, def->launchSecurity);
    return 0;
}

/* ---- <idmap> --------------------------------------------------------- */

static int
vrDomainIdMapCompare(const void *a, const void *b)
{
    const vrDomainIdMapEntry *x = a, *y = b;

    return x->start < y->start ? -1 : x->start > y->start;
}

static int
vrDomainParseIdMapList(xmlNodePtr idmap, const char *name, vrDomainIdMapEntry **list,
                       size_t *n)
{
    vrXMLForEachNamed(idmap, name, node) {
        vrDomainIdMapEntry e;

        if (vrPropUInt(node, "start", 10, &e.start) <= 0 ||
            vrPropUInt(node, "target", 10, &e.target) <= 0 ||
            vrPropUInt(node, "count", 10, &e.count) <= 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "invalid idmap start/target/count settings");
            return -1;
        }
        *list = g_renew(vrDomainIdMapEntry, *list, *n + 1);
        (*list)[(*n)++] = e;
    }
    if (*n)
        qsort(*list, *n, sizeof(**list), vrDomainIdMapCompare);
    return 0;
}

int
vrDomainParseIdMap(xmlNodePtr root, vrDomainDef *def)
{
    xmlNodePtr idmap = vrXMLChild(root, "idmap");

    if (!idmap)
        return 0;
    if (vrDomainParseIdMapList(idmap, "uid", &def->uidmap, &def->nuidmap) < 0 ||
        vrDomainParseIdMapList(idmap, "gid", &def->gidmap, &def->ngidmap) < 0)
        return -1;
    if (!def->nuidmap != !def->ngidmap) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "uid and gid should be mapped both");
        return -1;
    }
    if (def->nuidmap && (def->uidmap[0].start != 0 || def->gidmap[0].start != 0)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "You must map the root user of container");
        return -1;
    }
    return 0;
}

int
vrDomainParseSecurity(xmlNodePtr root, vrDomainDef *def, bool live)
{
    if (vrDomainParseSeclabels(root, def, live) < 0 ||
        vrDomainParseKeywrap(root, def) < 0 ||
        vrDomainParseLaunchSecurity(root, def) < 0)
        return -1;
    return 0;
}

/* ---- formatting ------------------------------------------------------ */

static void
vrDomainFormatSecText(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, "<%s>", name);
    vrConfEscapeXMLText(buf, value);
    vrBufAsprintf(buf, "</%s>\n", name);
}

static void
vrDomainFormatSeclabel(vrBuf *buf, const vrDomainSeclabelDef *s, bool inactive)
{
    const char *label = s->label;
    const char *imagelabel = s->imagelabel;

    if (s->type == VR_DOMAIN_SECLABEL_DEFAULT)
        return;
    /* What the driver picked at start is live state. */
    if (s->type == VR_DOMAIN_SECLABEL_DYNAMIC && inactive)
        label = NULL;
    if (inactive)
        imagelabel = NULL;

    vrBufAsprintf(buf, "<seclabel type='%s'", vrDomainSeclabelTypeToString(s->type));
    if (s->model)
        vrConfEscapeXMLPrintf(buf, " model='%s'", s->model);
    if (s->type != VR_DOMAIN_SECLABEL_NONE)
        vrBufAsprintf(buf, " relabel='%s'", s->relabel ? "yes" : "no");
    if (!label && !imagelabel && !s->baselabel) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrDomainFormatSecText(buf, "label", label);
    vrDomainFormatSecText(buf, "imagelabel", imagelabel);
    vrDomainFormatSecText(buf, "baselabel", s->baselabel);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</seclabel>\n");
}

static void
vrDomainFormatKeywrap(vrBuf *buf, const vrDomainDef *def)
{
    bool any = false;
    size_t i;

    for (i = 0; i < VR_DOMAIN_KEYWRAP_CIPHER_LAST; i++)
        any |= def->keywrap[i] != VR_TRISTATE_ABSENT;
    if (!any)
        return;
    vrBufAddLit(buf, "<keywrap>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < VR_DOMAIN_KEYWRAP_CIPHER_LAST; i++) {
        if (def->keywrap[i] != VR_TRISTATE_ABSENT)
            vrBufAsprintf(buf, "<cipher name='%s' state='%s'/>\n",
                          vrDomainKeyWrapCipherTypeToString(i),
                          def->keywrap[i] == VR_TRISTATE_ON ? "on" : "off");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</keywrap>\n");
}

static void
vrDomainFormatLaunchSecurity(vrBuf *buf, const vrDomainLaunchSecurityDef *sec)
{
    if (!sec)
        return;
    vrBufAsprintf(buf, "<launchSecurity type='%s'", vrDomainLaunchSecurityTypeToString(sec->type));
    if (sec->type != VR_DOMAIN_LAUNCH_SECURITY_SEV) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    if (sec->kernelHashes)
        vrBufAsprintf(buf, " kernelHashes='%s'", vrPropTristateString(sec->kernelHashes));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (sec->hasCbitpos)
        vrBufAsprintf(buf, "<cbitpos>%u</cbitpos>\n", sec->cbitpos);
    if (sec->hasReducedPhysBits)
        vrBufAsprintf(buf, "<reducedPhysBits>%u</reducedPhysBits>\n", sec->reducedPhysBits);
    vrBufAsprintf(buf, "<policy>0x%04x</policy>\n", sec->policy);
    vrDomainFormatSecText(buf, "dhCert", sec->dhCert);
    vrDomainFormatSecText(buf, "session", sec->session);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</launchSecurity>\n");
}

void
vrDomainFormatSecurity(vrBuf *buf, const vrDomainDef *def, bool inactive)
{
    for (size_t i = 0; i < def->nseclabels; i++)
        vrDomainFormatSeclabel(buf, &def->seclabels[i], inactive);
    vrDomainFormatKeywrap(buf, def);
    vrDomainFormatLaunchSecurity(buf, def->launchSecurity);
}

void
vrDomainFormatIdMap(vrBuf *buf, const vrDomainDef *def)
{
    size_t i;

    if (!def->nuidmap)
        return;
    vrBufAddLit(buf, "<idmap>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < def->nuidmap; i++)
        vrBufAsprintf(buf, "<uid start='%u' target='%u' count='%u'/>\n",
                      def->uidmap[i].start, def->uidmap[i].target, def->uidmap[i].count);
    for (i = 0; i < def->ngidmap; i++)
        vrBufAsprintf(buf, "<gid start='%u' target='%u' count='%u'/>\n",
                      def->gidmap[i].start, def->gidmap[i].target, def->gidmap[i].count);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</idmap>\n");
}

void
vrDomainSeclabelDefClear(vrDomainSeclabelDef *s)
{
    g_free(s->model);
    g_free(s->label);
    g_free(s->imagelabel);
    g_free(s->baselabel);
    memset(s, 0, sizeof(*s));
}

void
vrDomainLaunchSecurityDefFree(vrDomainLaunchSecurityDef *sec)
{
    if (!sec)
        return;
    g_free(sec->dhCert);
    g_free(sec->session);
    g_free(sec);
}
