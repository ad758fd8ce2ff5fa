/*
 * secret_conf.c: <secret> parsing and formatting.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "secret_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_SECRET

VR_ENUM_IMPL(vrSecretUsage, VR_SECRET_USAGE_LAST,
             "none", "volume", "ceph", "iscsi", "tls", "vtpm");

/* Per usage type: the child element holding the usage id and the
 * libvirt text naming a missing one. */
static const struct {
    const char *element;
    const char *missing;
} usageInfo[VR_SECRET_USAGE_LAST] = {
    [VR_SECRET_USAGE_VOLUME] = { "volume", "volume usage specified, but volume path is missing" },
    [VR_SECRET_USAGE_CEPH] = { "name", "Ceph usage specified, but name is missing" },
    [VR_SECRET_USAGE_ISCSI] = { "target", "iSCSI usage specified, but target is missing" },
    [VR_SECRET_USAGE_TLS] = { "name", "TLS usage specified, but name is missing" },
    [VR_SECRET_USAGE_VTPM] = { "name", "vTPM usage specified, but name is missing" },
};

const char *
vrSecretUsageElement(int usageType)
{
    if (usageType <= VR_SECRET_USAGE_NONE || usageType >= VR_SECRET_USAGE_LAST)
        return NULL;
    return usageInfo[usageType].element;
}

void
vrSecretDefFree(vrSecretDef *def)
{
    if (!def)
        return;
    g_free(def->description);
    g_free(def->usageID);
    g_free(def);
}

/* libvirt treats an empty attribute like a missing one. */
static int
vrSecretParseFlag(xmlNodePtr root, const char *attr, bool *value)
{
    g_autofree char *str = vrXMLProp(root, attr);

    if (!str || !*str)
        return 0;
    if (g_str_equal(str, "yes")) {
        *value = true;
    } else if (g_str_equal(str, "no")) {
        *value = false;
    } else {
        vrReportError(VR_ERR_XML_ERROR, "invalid value of '%s'", attr);
        return -1;
    }
    return 0;
}

static int
vrSecretParseUsage(xmlNodePtr usage, vrSecretDef *def)
{
    g_autofree char *type = vrXMLProp(usage, "type");
    char *id;

    if (!type || !*type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "unknown secret usage type");
        return -1;
    }
    def->usageType = vrSecretUsageTypeFromString(type);
    if (def->usageType <= VR_SECRET_USAGE_NONE) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown secret usage type %s", type);
        return -1;
    }
    id = vrXMLChildContent(usage, usageInfo[def->usageType].element);
    if (!id || !*id) {
        g_free(id);
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", usageInfo[def->usageType].missing);
        return -1;
    }
    def->usageID = id;
    return 0;
}

static int
vrSecretParseUUID(xmlNodePtr root, vrSecretDef *def)
{
    g_autofree char *uuid = vrXMLChildContent(root, "uuid");

    if (!uuid || !*uuid) {
        vrUUIDGenerate(def->uuid);
        return 0;
    }
    if (vrUUIDParse(uuid, def->uuid) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
        return -1;
    }
    return 0;
}

vrSecretDef *
vrSecretDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(definition_of_secret)", "secret",
                                             VR_FROM_SECRET);
    g_autoptr(vrSecretDef) def = NULL;
    xmlNodePtr root, usage;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrSecretDef, 1);
    if (vrSecretParseFlag(root, "ephemeral", &def->isEphemeral) < 0 ||
        vrSecretParseFlag(root, "private", &def->isPrivate) < 0 ||
        vrSecretParseUUID(root, def) < 0)
        return NULL;
    def->description = vrXMLChildContent(root, "description");
    if (def->description && !*def->description)
        g_clear_pointer(&def->description, g_free);
    if ((usage = vrXMLChild(root, "usage")) && vrSecretParseUsage(usage, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

char *
vrSecretDefFormat(const vrSecretDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAsprintf(&buf, "<secret ephemeral='%s' private='%s'>\n",
                  def->isEphemeral ? "yes" : "no", def->isPrivate ? "yes" : "no");
    vrBufAdjustIndent(&buf, 2);
    vrBufAsprintf(&buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    if (def->description)
        vrConfTextPrintf(&buf, "<description>%s</description>\n", def->description);
    if (def->usageType > VR_SECRET_USAGE_NONE && def->usageType < VR_SECRET_USAGE_LAST) {
        const char *element = usageInfo[def->usageType].element;
        /* One call for the whole line: an id spanning lines must not get
         * its closing tag indented. */
        g_autofree char *fmt = g_strdup_printf("<%s>%%s</%s>\n", element, element);

        vrBufAsprintf(&buf, "<usage type='%s'>\n", vrSecretUsageTypeToString(def->usageType));
        vrBufAdjustIndent(&buf, 2);
        vrConfTextPrintf(&buf, fmt, def->usageID);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</usage>\n");
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</secret>\n");
    return vrBufContent(&buf);
}

vrSecretDef *
vrSecretDefCopy(const vrSecretDef *def)
{
    vrSecretDef *copy = g_new0(vrSecretDef, 1);

    *copy = *def;
    copy->description = g_strdup(def->description);
    copy->usageID = g_strdup(def->usageID);
    return copy;
}
