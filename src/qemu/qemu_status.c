/*
 * qemu_status.c: reading and writing guests' status files.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "qemu_status.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_QEMU

char *
vrQemuStatusPath(vrQemuDriver *driver, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(driver->cfg->stateDir, file, NULL);
}

int
vrQemuStatusSave(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    g_autofree char *path = vrQemuStatusPath(driver, obj->def->name);
    g_auto(vrBuf) buf = VR_BUF_INIT;
    g_autofree char *xml = NULL;

    vrBufAsprintf(&buf, "<domstatus state='%d' reason='%d' pid='%lld' pidstart='%llu'",
                  obj->state, obj->reason, (long long)obj->pid, obj->pidStartTime);
    vrBufAsprintf(&buf, " fakereboot='%d' autodestroy='%d'>\n", obj->fakeReboot,
                  obj->autoDestroy);
    vrBufAdjustIndent(&buf, 2);
    if (obj->monitorPath)
        vrBufEscapeXMLPrintf(&buf, "<monitor path='%s'/>\n", obj->monitorPath);
    vrDomainDefFormatBuf(&buf, obj->def, VR_DOMAIN_FORMAT_SECURE);
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</domstatus>\n");
    xml = vrBufContent(&buf);
    return vrFileWriteAtomic(path, xml, strlen(xml), 0600);
}

int
vrQemuStatusRemove(vrQemuDriver *driver, const char *name)
{
    g_autofree char *path = vrQemuStatusPath(driver, name);

    return vrFileRemoveIfExists(path);
}

static int
vrQemuStatusNumber(xmlNodePtr root, const char *attr, const char *path, long long *value)
{
    g_autofree char *str = vrXMLProp(root, attr);

    if (!str || vrStrToLLong(str, 10, value) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "status file '%s' has no valid '%s'", path, attr);
        return -1;
    }
    return 0;
}

int
vrQemuStatusLoad(vrQemuDriver *driver, const char *path, vrQemuStatus *status)
{
    g_autofree char *xml = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root, node;
    long long state, reason, pid, start, fake = 0, autod = 0;

    memset(status, 0, sizeof(*status));
    if (vrFileReadAll(path, 16 << 20, &xml) < 0 ||
        !(doc = vrXMLParseString(xml, path, "domstatus", VR_FROM_QEMU)))
        return -1;
    root = xmlDocGetRootElement(doc);
    if (vrQemuStatusNumber(root, "state", path, &state) < 0 ||
        vrQemuStatusNumber(root, "reason", path, &reason) < 0 ||
        vrQemuStatusNumber(root, "pid", path, &pid) < 0 ||
        vrQemuStatusNumber(root, "pidstart", path, &start) < 0)
        return -1;
    vrQemuStatusNumber(root, "fakereboot", path, &fake);
    vrQemuStatusNumber(root, "autodestroy", path, &autod);
    status->state = (int)state;
    status->reason = (int)reason;
    status->pid = (pid_t)pid;
    status->pidStartTime = (unsigned long long)start;
    status->fakeReboot = fake != 0;
    status->autoDestroy = autod != 0;
    if ((node = vrXMLChild(root, "monitor")))
        status->monitorPath = vrXMLProp(node, "path");
    if (!(node = vrXMLChild(root, "domain"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "status file '%s' has no <domain>", path);
        return -1;
    }
    status->def = vrDomainDefParseNode(doc, node, &driver->xmlopt,
                                       VR_DOMAIN_PARSE_LIVE | VR_DOMAIN_PARSE_SKIP_POSTPARSE);
    if (!status->def) {
        vrQemuStatusClear(status);
        return -1;
    }
    return 0;
}

void
vrQemuStatusClear(vrQemuStatus *status)
{
    g_free(status->monitorPath);
    vrDomainDefFree(status->def);
    memset(status, 0, sizeof(*status));
}
