/*
 * virsh-util.c: object lookups and small helpers shared by commands.
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "util/vrxml.h"
#include "virsh.h"

/* ---- domains ------------------------------------------------------- */

vrDomain *
virshLookupDomainBy(vshControl *ctl, const char *name, unsigned int flags)
{
    vrDomain *dom = NULL;
    int id;

    if ((flags & VIRSH_BYID) && vrStrToInt(name, 10, &id) == 0 && id >= 0)
        dom = vrDomainLookupByID(ctl->conn, id);
    if (!dom && (flags & VIRSH_BYUUID) && strlen(name) == VR_UUID_STRING_BUFLEN - 1)
        dom = vrDomainLookupByUUIDString(ctl->conn, name);
    if (!dom && (flags & VIRSH_BYNAME))
        dom = vrDomainLookupByName(ctl->conn, name);

    /* the "failed to get domain" line says it all: drop the library's */
    vshResetLibError();
    if (!dom)
        vshError(ctl, "failed to get domain '%s'", name);
    return dom;
}

vrDomain *
virshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                        const char **name, unsigned int flags)
{
    const char *n = NULL;

    if (name)
        *name = NULL;
    if (vshOptStringReq(ctl, cmd, optname, &n) < 0)
        return NULL;
    if (!n)
        return NULL;
    if (name)
        *name = n;
    return virshLookupDomainBy(ctl, n, flags);
}

vrDomain *
virshCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    return virshCommandOptDomainBy(ctl, cmd, "domain", name,
                                   VIRSH_BYID | VIRSH_BYUUID | VIRSH_BYNAME);
}

/* ---- networks, pools, volumes, interfaces -------------------------- */

vrNetwork *
virshCommandOptNetworkBy(vshControl *ctl, const vshCmd *cmd, const char **name,
                         unsigned int flags)
{
    vrNetwork *net = NULL;
    const char *n = NULL;

    if (vshOptStringReq(ctl, cmd, "network", &n) < 0 || !n)
        return NULL;
    if (name)
        *name = n;
    if ((flags & VIRSH_BYUUID) && strlen(n) == VR_UUID_STRING_BUFLEN - 1)
        net = vrNetworkLookupByUUIDString(ctl->conn, n);
    if (!net && (flags & VIRSH_BYNAME))
        net = vrNetworkLookupByName(ctl->conn, n);
    if (!net)
        vshError(ctl, "failed to get network '%s'", n);
    return net;
}

vrNetwork *
virshCommandOptNetwork(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    return virshCommandOptNetworkBy(ctl, cmd, name, VIRSH_BYUUID | VIRSH_BYNAME);
}

vrStoragePool *
virshCommandOptPoolBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                      const char **name, unsigned int flags)
{
    vrStoragePool *pool = NULL;
    const char *n = NULL;

    if (vshOptStringReq(ctl, cmd, optname, &n) < 0 || !n)
        return NULL;
    if (name)
        *name = n;
    if ((flags & VIRSH_BYUUID) && strlen(n) == VR_UUID_STRING_BUFLEN - 1)
        pool = vrStoragePoolLookupByUUIDString(ctl->conn, n);
    if (!pool && (flags & VIRSH_BYNAME))
        pool = vrStoragePoolLookupByName(ctl->conn, n);
    if (!pool)
        vshError(ctl, "failed to get pool '%s'", n);
    return pool;
}

vrStoragePool *
virshCommandOptPool(vshControl *ctl, const vshCmd *cmd, const char *optname, const char **name)
{
    return virshCommandOptPoolBy(ctl, cmd, optname, name, VIRSH_BYUUID | VIRSH_BYNAME);
}

/* A volume by name within --pool, else by key, else by path. */
vrStorageVol *
virshCommandOptVol(vshControl *ctl, const vshCmd *cmd, const char *optname,
                   const char *pooloptname, const char **name)
{
    g_autoptr(vrStoragePool) pool = NULL;
    vrStorageVol *vol = NULL;
    const char *n = NULL;
    const char *p = NULL;

    if (vshOptStringReq(ctl, cmd, optname, &n) < 0 || !n)
        return NULL;
    if (pooloptname && vshOptStringReq(ctl, cmd, pooloptname, &p) < 0)
        return NULL;
    if (name)
        *name = n;
    if (p) {
        if (!(pool = virshCommandOptPool(ctl, cmd, pooloptname, NULL)))
            return NULL;
        if (vrStoragePoolIsActive(pool) != 1) {
            vshError(ctl, "pool '%s' is not active", p);
            return NULL;
        }
        vol = vrStorageVolLookupByName(pool, n);
    }
    if (!vol)
        vol = vrStorageVolLookupByKey(ctl->conn, n);
    if (!vol)
        vol = vrStorageVolLookupByPath(ctl->conn, n);
    if (!vol) {
        if (pool || !pooloptname)
            vshError(ctl, "failed to get vol '%s'", n);
        else
            vshError(ctl, "failed to get vol '%s', specifying --%s might help", n, pooloptname);
    } else {
        vshResetLibError();
    }
    return vol;
}

vrInterface *
virshCommandOptInterfaceBy(vshControl *ctl, const vshCmd *cmd, const char **name,
                           unsigned int flags)
{
    vrInterface *iface = NULL;
    const char *n = NULL;
    bool looksLikeMAC;

    if (vshOptStringReq(ctl, cmd, "interface", &n) < 0 || !n)
        return NULL;
    if (name)
        *name = n;
    looksLikeMAC = strlen(n) == 17 && n[2] == ':' && n[5] == ':' && n[8] == ':';
    if ((flags & VIRSH_BYNAME) && !((flags & VIRSH_BYMAC) && looksLikeMAC))
        iface = vrInterfaceLookupByName(ctl->conn, n);
    else if ((flags & VIRSH_BYMAC) && (looksLikeMAC || !(flags & VIRSH_BYNAME)))
        iface = vrInterfaceLookupByMACString(ctl->conn, n);
    if (!iface)
        vshError(ctl, "failed to get interface '%s'", n);
    return iface;
}

vrInterface *
virshCommandOptInterface(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    return virshCommandOptInterfaceBy(ctl, cmd, name, VIRSH_BYNAME | VIRSH_BYMAC);
}

/* ---- flags and names ----------------------------------------------- */

bool
virshAffectFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    bool current = vshOptBool(cmd, "current");
    bool live = vshOptBool(cmd, "live");
    bool config = vshOptBool(cmd, "config");

    if (current && live) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "current", "live");
        return false;
    }
    if (current && config) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", "current", "config");
        return false;
    }
    *flags = VR_DOMAIN_AFFECT_CURRENT;
    if (live)
        *flags |= VR_DOMAIN_AFFECT_LIVE;
    if (config)
        *flags |= VR_DOMAIN_AFFECT_CONFIG;
    return true;
}

const char *
virshDomainStateToString(int state)
{
    switch (state) {
    case VR_DOMAIN_RUNNING: return "running";
    case VR_DOMAIN_BLOCKED: return "idle";
    case VR_DOMAIN_PAUSED: return "paused";
    case VR_DOMAIN_SHUTDOWN: return "in shutdown";
    case VR_DOMAIN_SHUTOFF: return "shut off";
    case VR_DOMAIN_CRASHED: return "crashed";
    case VR_DOMAIN_PMSUSPENDED: return "pmsuspended";
    default: return "no state";
    }
}

static const char *
virshRunningReason(int reason)
{
    static const char *const names[] = {
        "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
        "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy",
        "post-copy failed",
    };
    return reason >= 0 && (size_t)reason < G_N_ELEMENTS(names) ? names[reason] : "unknown";
}

static const char *
virshPausedReason(int reason)
{
    static const char *const names[] = {
        "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
        "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
        "post-copy", "post-copy failed",
    };
    return reason >= 0 && (size_t)reason < G_N_ELEMENTS(names) ? names[reason] : "unknown";
}

static const char *
virshShutoffReason(int reason)
{
    static const char *const names[] = {
        "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
        "from snapshot", "daemon",
    };
    return reason >= 0 && (size_t)reason < G_N_ELEMENTS(names) ? names[reason] : "unknown";
}

const char *
virshDomainStateReasonToString(int state, int reason)
{
    switch (state) {
    case VR_DOMAIN_RUNNING:
        return virshRunningReason(reason);
    case VR_DOMAIN_PAUSED:
        return virshPausedReason(reason);
    case VR_DOMAIN_SHUTDOWN:
        return reason == VR_DOMAIN_SHUTDOWN_USER ? "user" : "unknown";
    case VR_DOMAIN_SHUTOFF:
        return virshShutoffReason(reason);
    case VR_DOMAIN_CRASHED:
        return reason == VR_DOMAIN_CRASHED_PANICKED ? "panicked" : "unknown";
    default:
        return "unknown";
    }
}

void
virshPrintField(vshControl *ctl, const char *label, const char *fmt, ...)
{
    g_autofree char *value = NULL;
    va_list ap;

    va_start(ap, fmt);
    value = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vshPrint(ctl, "%-15s %s\n", label, value);
}

/* ---- XML output ---------------------------------------------------- */

bool
virshDumpXML(vshControl *ctl, const char *xml, const char *url, const char *xpath, bool wrap)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlXPathContextPtr xctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    bool ret = false;
    int i;

    if (!xpath) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(doc = vrXMLParseString(xml, url, NULL, VR_FROM_NONE)))
        return false;
    xctxt = xmlXPathNewContext(doc);
    if (!(obj = xmlXPathEval(BAD_CAST xpath, xctxt))) {
        vshError(ctl, "Failed to evaluate XPath '%s'", xpath);
        goto cleanup;
    }
    if (obj->type == XPATH_STRING || obj->type == XPATH_NUMBER || obj->type == XPATH_BOOLEAN) {
        xmlChar *s = xmlXPathCastToString(obj);
        vshPrint(ctl, "%s\n", (const char *)s);
        xmlFree(s);
        ret = true;
        goto cleanup;
    }
    if (wrap)
        vshPrint(ctl, "<nodes>\n");
    for (i = 0; obj->nodesetval && i < obj->nodesetval->nodeNr; i++) {
        xmlBufferPtr xbuf = xmlBufferCreate();
        xmlNodeDump(xbuf, doc, obj->nodesetval->nodeTab[i], wrap ? 1 : 0, 1);
        vshPrint(ctl, "%s%s\n", wrap ? "  " : "", (const char *)xmlBufferContent(xbuf));
        xmlBufferFree(xbuf);
    }
    if (wrap)
        vshPrint(ctl, "</nodes>\n");
    ret = true;

 cleanup:
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(xctxt);
    return ret;
}
