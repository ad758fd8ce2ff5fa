/*
 * network_update.c: net-update, one section of a <network> at a time.
 *
 * Each section's element is read with the same parser the whole
 * document uses, so an update accepts exactly what a definition would;
 * a deletion only needs enough of the element to find its entry.
 */
#include <config.h>

#include <string.h>

#include "network_conf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_NETWORK

enum {
    CMD_MODIFY = 1,
    CMD_DELETE = 2,
    CMD_ADD_LAST = 3,
    CMD_ADD_FIRST = 4,
};

enum {
    SEC_BRIDGE = 1,
    SEC_DOMAIN = 2,
    SEC_IP = 3,
    SEC_IP_DHCP_HOST = 4,
    SEC_IP_DHCP_RANGE = 5,
    SEC_FORWARD = 6,
    SEC_FORWARD_INTERFACE = 7,
    SEC_FORWARD_PF = 8,
    SEC_PORTGROUP = 9,
    SEC_DNS_HOST = 10,
    SEC_DNS_TXT = 11,
    SEC_DNS_SRV = 12,
};

static const char *const sectionNames[] = {
    "none", "bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward",
    "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv",
};

static bool
vrNetworkUpdateIsAdd(unsigned int command)
{
    return command == CMD_ADD_FIRST || command == CMD_ADD_LAST;
}

static int
vrNetworkUpdateUnsupported(const vrNetworkDef *def, const char *what)
{
    vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "can't update '%s' section of network '%s'",
                  what, def->name);
    return -1;
}

static int
vrNetworkUpdateCheckElement(const vrNetworkDef *def, xmlNodePtr node, const char *want)
{
    if (!xmlStrEqual(node->name, BAD_CAST want)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                      (const char *)node->name, want, def->name);
        return -1;
    }
    return 0;
}

/* Inserts @item (of @size bytes) into an array at the front or the end. */
static void *
vrNetworkUpdateInsert(void *items, size_t *n, size_t size, const void *item, bool first)
{
    char *arr = g_realloc(items, (*n + 1) * size);

    if (first) {
        memmove(arr + size, arr, *n * size);
        memcpy(arr, item, size);
    } else {
        memcpy(arr + *n * size, item, size);
    }
    (*n)++;
    return arr;
}

static void
vrNetworkUpdateRemove(void *items, size_t *n, size_t size, size_t at)
{
    char *arr = items;

    memmove(arr + at * size, arr + (at + 1) * size, (*n - at - 1) * size);
    (*n)--;
}

/* The <ip> a DHCP update applies to: by index, or the first that does
 * DHCP (else the first IPv4, else the first IPv6 address). */
static vrNetworkIPDef *
vrNetworkUpdateFindIP(vrNetworkDef *def, int parentIndex, const char *what)
{
    size_t i;

    if (parentIndex >= 0 && (size_t)parentIndex < def->nips)
        return &def->ips[parentIndex];
    for (i = 0; parentIndex < 0 && i < def->nips; i++) {
        if (def->ips[i].nranges || def->ips[i].nhosts)
            return &def->ips[i];
    }
    for (i = 0; parentIndex < 0 && i < def->nips; i++) {
        if (!def->ips[i].address || !strchr(def->ips[i].address, ':'))
            return &def->ips[i];
    }
    if (parentIndex < 0 && def->nips)
        return &def->ips[0];
    vrReportError(VR_ERR_OPERATION_INVALID,
                  "couldn't update %s entry - no <ip> element found at index %d in network '%s'",
                  what, parentIndex < 0 ? 0 : parentIndex, def->name);
    return NULL;
}

/* ---- ip-dhcp-host -------------------------------------------------- */

static bool
vrNetworkSameMAC(const char *a, const char *b)
{
    return a && b && g_ascii_strcasecmp(a, b) == 0;
}

static bool
vrNetworkDHCPHostClashes(const vrNetworkDHCPHost *a, const vrNetworkDHCPHost *b)
{
    return vrNetworkSameMAC(a->mac, b->mac) ||
           (a->name && b->name && g_str_equal(a->name, b->name)) ||
           (a->ip && b->ip && g_str_equal(a->ip, b->ip));
}

/* A deletion names a host by whichever fields it gives, all matching. */
static bool
vrNetworkDHCPHostMatches(const vrNetworkDHCPHost *want, const vrNetworkDHCPHost *h)
{
    return (!want->mac || vrNetworkSameMAC(want->mac, h->mac)) &&
           (!want->name || g_strcmp0(want->name, h->name) == 0) &&
           (!want->ip || g_strcmp0(want->ip, h->ip) == 0);
}

static size_t
vrNetworkDHCPHostFind(const vrNetworkIPDef *ip, const vrNetworkDHCPHost *host,
                      unsigned int command)
{
    size_t i;

    for (i = 0; i < ip->nhosts; i++) {
        const vrNetworkDHCPHost *h = &ip->hosts[i];
        if (command == CMD_DELETE ? vrNetworkDHCPHostMatches(host, h)
            : command == CMD_MODIFY ? vrNetworkSameMAC(host->mac, h->mac) ||
                                      (host->name && g_strcmp0(host->name, h->name) == 0)
            : vrNetworkDHCPHostClashes(host, h))
            break;
    }
    return i;
}

static int
vrNetworkUpdateDHCPHostApply(vrNetworkDef *def, vrNetworkIPDef *ip, unsigned int command,
                             vrNetworkDHCPHost *host)
{
    size_t i = vrNetworkDHCPHostFind(ip, host, command);

    if (vrNetworkUpdateIsAdd(command)) {
        if (i < ip->nhosts) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is an existing dhcp host entry in network '%s' that matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                          def->name, host->mac ? host->mac : "", host->name ? host->name : "",
                          host->ip ? host->ip : "");
            return -1;
        }
        ip->hosts = vrNetworkUpdateInsert(ip->hosts, &ip->nhosts, sizeof(*host), host,
                                          command == CMD_ADD_FIRST);
        memset(host, 0, sizeof(*host));
        return 0;
    }
    if (i == ip->nhosts) {
        if (command == CMD_MODIFY)
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "couldn't locate an existing dhcp host entry with \"mac='%s'\" \"name='%s'\" in network '%s'",
                          host->mac ? host->mac : "", host->name ? host->name : "", def->name);
        else
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "couldn't locate a matching dhcp host entry in network '%s'", def->name);
        return -1;
    }
    vrNetworkDHCPHostClear(&ip->hosts[i]);
    if (command == CMD_MODIFY) {
        ip->hosts[i] = *host;
        memset(host, 0, sizeof(*host));
    } else {
        vrNetworkUpdateRemove(ip->hosts, &ip->nhosts, sizeof(*host), i);
    }
    return 0;
}

static int
vrNetworkUpdateDHCPHost(vrNetworkDef *def, unsigned int command, int parentIndex,
                        xmlNodePtr node)
{
    vrNetworkIPDef *ip = vrNetworkUpdateFindIP(def, parentIndex, "dhcp host");
    vrNetworkDHCPHost host;
    int ret;

    if (!ip || vrNetworkUpdateCheckElement(def, node, "host") < 0)
        return -1;
    if (vrNetworkDHCPHostParse(def, ip, node, command == CMD_DELETE, &host) < 0) {
        vrNetworkDHCPHostClear(&host);
        return -1;
    }
    ret = vrNetworkUpdateDHCPHostApply(def, ip, command, &host);
    vrNetworkDHCPHostClear(&host);
    return ret;
}

/* ---- ip-dhcp-range ------------------------------------------------- */

static int
vrNetworkUpdateDHCPRangeApply(vrNetworkDef *def, vrNetworkIPDef *ip, unsigned int command,
                              vrNetworkDHCPRange *range)
{
    size_t i;

    for (i = 0; i < ip->nranges; i++) {
        if (g_str_equal(ip->ranges[i].start, range->start) &&
            g_str_equal(ip->ranges[i].end, range->end))
            break;
    }
    if (vrNetworkUpdateIsAdd(command)) {
        if (i < ip->nranges) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is an existing dhcp range entry in network '%s' that matches \"<range start='%s' end='%s'/>\"",
                          def->name, range->start, range->end);
            return -1;
        }
        ip->ranges = vrNetworkUpdateInsert(ip->ranges, &ip->nranges, sizeof(*range), range,
                                           command == CMD_ADD_FIRST);
        memset(range, 0, sizeof(*range));
        return 0;
    }
    if (i == ip->nranges) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      "couldn't locate a matching dhcp range entry in network '%s'", def->name);
        return -1;
    }
    vrNetworkDHCPRangeClear(&ip->ranges[i]);
    vrNetworkUpdateRemove(ip->ranges, &ip->nranges, sizeof(*range), i);
    return 0;
}

static int
vrNetworkUpdateDHCPRange(vrNetworkDef *def, unsigned int command, int parentIndex,
                         xmlNodePtr node)
{
    vrNetworkIPDef *ip = vrNetworkUpdateFindIP(def, parentIndex, "dhcp range");
    vrNetworkDHCPRange range;
    int ret;

    if (!ip || vrNetworkUpdateCheckElement(def, node, "range") < 0)
        return -1;
    if (command == CMD_MODIFY) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "dhcp ranges cannot be modified, only added or deleted");
        return -1;
    }
    if (vrNetworkDHCPRangeParse(def, ip, node, &range) < 0) {
        vrNetworkDHCPRangeClear(&range);
        return -1;
    }
    ret = vrNetworkUpdateDHCPRangeApply(def, ip, command, &range);
    vrNetworkDHCPRangeClear(&range);
    return ret;
}

/* ---- forward-interface --------------------------------------------- */

static int
vrNetworkUpdateForwardInterface(vrNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    vrNetworkForwardIf fi = { false, NULL, 0, 0, 0, 0 };
    size_t i;

    if (vrNetworkUpdateCheckElement(def, node, "interface") < 0)
        return -1;
    if (command == CMD_MODIFY) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "forward interface entries cannot be modified, only added or deleted");
        return -1;
    }
    if (!(fi.dev = vrXMLProp(node, "dev"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing dev attribute in <interface> element");
        return -1;
    }
    for (i = 0; i < def->nforwardIfs; i++) {
        if (!def->forwardIfs[i].isPCI && g_str_equal(def->forwardIfs[i].dev, fi.dev))
            break;
    }
    if (vrNetworkUpdateIsAdd(command)) {
        if (i < def->nforwardIfs) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is an existing interface entry in network '%s' that matches \"<interface dev='%s'>\"",
                          def->name, fi.dev);
            g_free(fi.dev);
            return -1;
        }
        def->forwardIfs = vrNetworkUpdateInsert(def->forwardIfs, &def->nforwardIfs, sizeof(fi),
                                                &fi, command == CMD_ADD_FIRST);
        return 0;
    }
    if (i == def->nforwardIfs) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      "couldn't find an interface entry in network '%s' matching <interface dev='%s'>",
                      def->name, fi.dev);
        g_free(fi.dev);
        return -1;
    }
    g_free(fi.dev);
    g_free(def->forwardIfs[i].dev);
    vrNetworkUpdateRemove(def->forwardIfs, &def->nforwardIfs, sizeof(fi), i);
    return 0;
}

/* ---- portgroup ----------------------------------------------------- */

static int
vrNetworkUpdatePortGroupCheck(const vrNetworkDef *def, unsigned int command,
                              const vrNetworkPortGroupDef *pg, size_t found)
{
    size_t i;

    if (vrNetworkUpdateIsAdd(command) && found < def->nportgroups) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      "there is an existing portgroup entry in network '%s' that matches \"<portgroup name='%s'>\"",
                      def->name, pg->name);
        return -1;
    }
    if (!vrNetworkUpdateIsAdd(command) && found == def->nportgroups) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      "couldn't find a portgroup entry in network '%s' matching <portgroup name='%s'>",
                      def->name, pg->name);
        return -1;
    }
    for (i = 0; command != CMD_DELETE && pg->isDefault && i < def->nportgroups; i++) {
        if (i != found && def->portgroups[i].isDefault) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "a different portgroup entry in network '%s' is already set as the default. Only one default is allowed.",
                          def->name);
            return -1;
        }
    }
    return 0;
}

static int
vrNetworkUpdatePortGroup(vrNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    vrNetworkPortGroupDef pg;
    size_t i;
    int ret = -1;

    if (vrNetworkUpdateCheckElement(def, node, "portgroup") < 0)
        return -1;
    if (vrNetworkPortGroupParse(node, &pg) < 0)
        goto cleanup;
    for (i = 0; i < def->nportgroups && !g_str_equal(def->portgroups[i].name, pg.name); i++)
        ;
    if (vrNetworkUpdatePortGroupCheck(def, command, &pg, i) < 0)
        goto cleanup;
    if (vrNetworkUpdateIsAdd(command)) {
        def->portgroups = vrNetworkUpdateInsert(def->portgroups, &def->nportgroups, sizeof(pg),
                                                &pg, command == CMD_ADD_FIRST);
        memset(&pg, 0, sizeof(pg));
    } else {
        vrNetworkPortGroupClear(&def->portgroups[i]);
        if (command == CMD_MODIFY) {
            def->portgroups[i] = pg;
            memset(&pg, 0, sizeof(pg));
        } else {
            vrNetworkUpdateRemove(def->portgroups, &def->nportgroups, sizeof(pg), i);
        }
    }
    ret = 0;

 cleanup:
    vrNetworkPortGroupClear(&pg);
    return ret;
}

/* ---- dns-host / dns-txt / dns-srv ---------------------------------- */

static bool
vrNetworkDNSHostOverlaps(const vrNetworkDNSHost *a, const vrNetworkDNSHost *b)
{
    guint i, j;

    if (a->ip && b->ip && g_str_equal(a->ip, b->ip))
        return true;
    for (i = 0; i < a->hostnames->len; i++) {
        for (j = 0; j < b->hostnames->len; j++) {
            if (g_str_equal(g_ptr_array_index(a->hostnames, i),
                            g_ptr_array_index(b->hostnames, j)))
                return true;
        }
    }
    return false;
}

static int
vrNetworkUpdateDNSHost(vrNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    vrNetworkDNSDef *dns = &def->dns;
    vrNetworkDNSHost host;
    size_t i;
    int ret = -1;

    if (vrNetworkUpdateCheckElement(def, node, "host") < 0)
        return -1;
    if (command == CMD_MODIFY)
        return vrNetworkUpdateUnsupported(def, "dns host");
    if (vrNetworkDNSHostParse(def, node, command == CMD_DELETE, &host) < 0)
        goto cleanup;
    for (i = 0; i < dns->nhosts && !vrNetworkDNSHostOverlaps(&host, &dns->hosts[i]); i++)
        ;
    if (vrNetworkUpdateIsAdd(command)) {
        if (i < dns->nhosts) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is already at least one DNS HOST record with a matching field in network %s",
                          def->name);
            goto cleanup;
        }
        dns->hosts = vrNetworkUpdateInsert(dns->hosts, &dns->nhosts, sizeof(host), &host,
                                           command == CMD_ADD_FIRST);
        memset(&host, 0, sizeof(host));
    } else if (i == dns->nhosts) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      "couldn't locate a matching DNS HOST record in network %s", def->name);
        goto cleanup;
    } else {
        vrNetworkDNSHostClear(&dns->hosts[i]);
        vrNetworkUpdateRemove(dns->hosts, &dns->nhosts, sizeof(host), i);
    }
    ret = 0;

 cleanup:
    vrNetworkDNSHostClear(&host);
    return ret;
}

static int
vrNetworkUpdateDNSTxt(vrNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    vrNetworkDNSDef *dns = &def->dns;
    vrNetworkDNSTxt txt;
    size_t i;
    int ret = -1;

    if (vrNetworkUpdateCheckElement(def, node, "txt") < 0)
        return -1;
    if (command == CMD_MODIFY)
        return vrNetworkUpdateUnsupported(def, "dns txt");
    if (vrNetworkDNSTxtParse(def, node, command == CMD_DELETE, &txt) < 0)
        goto cleanup;
    for (i = 0; i < dns->ntxts && !g_str_equal(dns->txts[i].name, txt.name); i++)
        ;
    if (vrNetworkUpdateIsAdd(command)) {
        if (i < dns->ntxts) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is already a DNS TXT record with name '%s' in network %s",
                          txt.name, def->name);
            goto cleanup;
        }
        dns->txts = vrNetworkUpdateInsert(dns->txts, &dns->ntxts, sizeof(txt), &txt,
                                          command == CMD_ADD_FIRST);
        memset(&txt, 0, sizeof(txt));
    } else if (i == dns->ntxts) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      "couldn't locate a matching DNS TXT record in network %s", def->name);
        goto cleanup;
    } else {
        vrNetworkDNSTxtClear(&dns->txts[i]);
        vrNetworkUpdateRemove(dns->txts, &dns->ntxts, sizeof(txt), i);
    }
    ret = 0;

 cleanup:
    vrNetworkDNSTxtClear(&txt);
    return ret;
}

/* Every field the update gives must match. */
static bool
vrNetworkDNSSrvMatches(const vrNetworkDNSSrv *want, const vrNetworkDNSSrv *s)
{
    return (!want->service || g_strcmp0(want->service, s->service) == 0) &&
           (!want->protocol || g_strcmp0(want->protocol, s->protocol) == 0) &&
           (!want->domain || g_strcmp0(want->domain, s->domain) == 0) &&
           (!want->target || g_strcmp0(want->target, s->target) == 0) &&
           (!want->port || want->port == s->port) &&
           (!want->priority || want->priority == s->priority) &&
           (!want->weight || want->weight == s->weight);
}

static int
vrNetworkUpdateDNSSrvApply(vrNetworkDef *def, unsigned int command, vrNetworkDNSSrv *srv)
{
    vrNetworkDNSDef *dns = &def->dns;
    size_t i, found = dns->nsrvs, matches = 0;

    for (i = 0; i < dns->nsrvs; i++) {
        if (vrNetworkDNSSrvMatches(srv, &dns->srvs[i])) {
            matches++;
            found = i;
        }
    }
    if (vrNetworkUpdateIsAdd(command)) {
        if (matches) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is already at least one DNS SRV record matching all specified fields in network %s",
                          def->name);
            return -1;
        }
        dns->srvs = vrNetworkUpdateInsert(dns->srvs, &dns->nsrvs, sizeof(*srv), srv,
                                          command == CMD_ADD_FIRST);
        memset(srv, 0, sizeof(*srv));
        return 0;
    }
    if (!matches || matches > 1) {
        vrReportError(VR_ERR_OPERATION_INVALID,
                      matches ? "multiple DNS SRV records matching all specified fields were found in network %s"
                              : "couldn't locate a matching DNS SRV record in network %s",
                      def->name);
        return -1;
    }
    vrNetworkDNSSrvClear(&dns->srvs[found]);
    vrNetworkUpdateRemove(dns->srvs, &dns->nsrvs, sizeof(*srv), found);
    return 0;
}

static int
vrNetworkUpdateDNSSrv(vrNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    vrNetworkDNSSrv srv;
    int ret = -1;

    if (vrNetworkUpdateCheckElement(def, node, "srv") < 0)
        return -1;
    if (command == CMD_MODIFY)
        return vrNetworkUpdateUnsupported(def, "dns srv");
    if (vrNetworkDNSSrvParse(def, node, command == CMD_DELETE, &srv) == 0)
        ret = vrNetworkUpdateDNSSrvApply(def, command, &srv);
    vrNetworkDNSSrvClear(&srv);
    return ret;
}

/* ---- dispatch ------------------------------------------------------ */

static int
vrNetworkUpdateDispatch(vrNetworkDef *def, unsigned int command, unsigned int section,
                        int parentIndex, xmlNodePtr node)
{
    switch (section) {
    case SEC_IP_DHCP_HOST:
        return vrNetworkUpdateDHCPHost(def, command, parentIndex, node);
    case SEC_IP_DHCP_RANGE:
        return vrNetworkUpdateDHCPRange(def, command, parentIndex, node);
    case SEC_FORWARD_INTERFACE:
        return vrNetworkUpdateForwardInterface(def, command, node);
    case SEC_PORTGROUP:
        return vrNetworkUpdatePortGroup(def, command, node);
    case SEC_DNS_HOST:
        return vrNetworkUpdateDNSHost(def, command, node);
    case SEC_DNS_TXT:
        return vrNetworkUpdateDNSTxt(def, command, node);
    case SEC_DNS_SRV:
        return vrNetworkUpdateDNSSrv(def, command, node);
    default:
        return vrNetworkUpdateUnsupported(def, sectionNames[section]);
    }
}

int
vrNetworkDefUpdateSection(vrNetworkDef *def, unsigned int command, unsigned int section,
                          int parentIndex, const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;

    if (section >= G_N_ELEMENTS(sectionNames) || section == 0) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s",
                      "can't update unrecognized section of network");
        return -1;
    }
    if (!(doc = vrXMLParseString(xml, "(network_definition)", NULL, VR_FROM_NETWORK)))
        return -1;
    if (command < CMD_MODIFY || command > CMD_ADD_FIRST) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "unrecognized network update command code %u",
                      command);
        return -1;
    }
    return vrNetworkUpdateDispatch(def, command, section, parentIndex,
                                   xmlDocGetRootElement(doc));
}
