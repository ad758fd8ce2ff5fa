/*
 * network_update.c: net-update, one section of a <network> at a time.
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

static int
vrNetworkUpdateCheckElement(xmlNodePtr node, const char *want)
{
    if (!xmlStrEqual(node->name, BAD_CAST want)) {
        vrReportError(VR_ERR_XML_ERROR, "unexpected element <%s>, expecting <%s>, while updating network",
                      (const char *)node->name, want);
        return -1;
    }
    return 0;
}

static vrNetworkIPDef *
vrNetworkUpdateFindIP(vrNetworkDef *def, int parentIndex)
{
    size_t i;
    int n = 0;

    for (i = 0; i < def->nips; i++) {
        if (parentIndex < 0 ? def->ips[i].hasDHCP || !def->ips[i].family
                            : n++ == parentIndex)
            return &def->ips[i];
    }
    vrReportError(VR_ERR_OPERATION_INVALID,
                  "couldn't update dhcp host entry - no <ip> element found at index %d in network '%s'",
                  parentIndex < 0 ? 0 : parentIndex, def->name);
    return NULL;
}

static void
vrNetworkDHCPHostClear(vrNetworkDHCPHost *h)
{
    g_free(h->mac);
    g_free(h->id);
    g_free(h->name);
    g_free(h->ip);
    g_free(h->leaseExpiry);
    g_free(h->leaseUnit);
}

static bool
vrNetworkDHCPHostMatches(const vrNetworkDHCPHost *a, const vrNetworkDHCPHost *b)
{
    return (a->mac && b->mac && g_ascii_strcasecmp(a->mac, b->mac) == 0) ||
           (a->name && b->name && g_str_equal(a->name, b->name)) ||
           (a->ip && b->ip && g_str_equal(a->ip, b->ip));
}

static int
vrNetworkUpdateDHCPHost(vrNetworkDef *def, unsigned int command, int parentIndex,
                        xmlNodePtr node)
{
    vrNetworkIPDef *ip = vrNetworkUpdateFindIP(def, parentIndex);
    vrNetworkDHCPHost host = { 0 };
    xmlNodePtr lease;
    size_t i;

    if (!ip || vrNetworkUpdateCheckElement(node, "host") < 0)
        return -1;
    host.mac = vrXMLProp(node, "mac");
    host.id = vrXMLProp(node, "id");
    host.name = vrXMLProp(node, "name");
    host.ip = vrXMLProp(node, "ip");
    if ((lease = vrXMLChild(node, "lease"))) {
        host.leaseExpiry = vrXMLProp(lease, "expiry");
        host.leaseUnit = vrXMLProp(lease, "unit");
    }

    for (i = 0; i < ip->nhosts; i++) {
        if (vrNetworkDHCPHostMatches(&ip->hosts[i], &host))
            break;
    }
    switch (command) {
    case CMD_ADD_FIRST:
    case CMD_ADD_LAST:
        if (i < ip->nhosts) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is an existing dhcp host entry in network '%s' that matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                          def->name, host.mac ? host.mac : "", host.name ? host.name : "",
                          host.ip ? host.ip : "");
            vrNetworkDHCPHostClear(&host);
            return -1;
        }
        ip->hosts = g_renew(vrNetworkDHCPHost, ip->hosts, ip->nhosts + 1);
        if (command == CMD_ADD_FIRST) {
            memmove(&ip->hosts[1], &ip->hosts[0], ip->nhosts * sizeof(*ip->hosts));
            ip->hosts[0] = host;
        } else {
            ip->hosts[ip->nhosts] = host;
        }
        ip->nhosts++;
        ip->hasDHCP = true;
        return 0;
    case CMD_MODIFY:
    case CMD_DELETE:
        if (i == ip->nhosts) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "couldn't locate a matching dhcp host entry in network '%s'",
                          def->name);
            vrNetworkDHCPHostClear(&host);
            return -1;
        }
        vrNetworkDHCPHostClear(&ip->hosts[i]);
        if (command == CMD_MODIFY) {
            ip->hosts[i] = host;
        } else {
            memmove(&ip->hosts[i], &ip->hosts[i + 1], (ip->nhosts - i - 1) * sizeof(*ip->hosts));
            ip->nhosts--;
            vrNetworkDHCPHostClear(&host);
        }
        return 0;
    }
    vrNetworkDHCPHostClear(&host);
    vrReportError(VR_ERR_NO_SUPPORT, "can't update 'ip-dhcp-host' section of network '%s'",
                  def->name);
    return -1;
}

static int
vrNetworkUpdateDHCPRange(vrNetworkDef *def, unsigned int command, int parentIndex,
                         xmlNodePtr node)
{
    vrNetworkIPDef *ip = vrNetworkUpdateFindIP(def, parentIndex);
    g_autofree char *start = NULL;
    g_autofree char *end = NULL;
    size_t i;

    if (!ip || vrNetworkUpdateCheckElement(node, "range") < 0)
        return -1;
    start = vrXMLProp(node, "start");
    end = vrXMLProp(node, "end");
    if (!start || !end) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "dhcp range requires 'start' and 'end'");
        return -1;
    }
    for (i = 0; i < ip->nranges; i++) {
        if (g_str_equal(ip->ranges[i].start, start) && g_str_equal(ip->ranges[i].end, end))
            break;
    }
    if (command == CMD_ADD_FIRST || command == CMD_ADD_LAST) {
        vrNetworkDHCPRange r = { g_steal_pointer(&start), g_steal_pointer(&end), NULL, NULL };
        if (i < ip->nranges) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is an existing dhcp range entry in network '%s' that matches \"<range start='%s' end='%s'/>\"",
                          def->name, r.start, r.end);
            g_free(r.start);
            g_free(r.end);
            return -1;
        }
        ip->ranges = g_renew(vrNetworkDHCPRange, ip->ranges, ip->nranges + 1);
        if (command == CMD_ADD_FIRST) {
            memmove(&ip->ranges[1], &ip->ranges[0], ip->nranges * sizeof(*ip->ranges));
            ip->ranges[0] = r;
        } else {
            ip->ranges[ip->nranges] = r;
        }
        ip->nranges++;
        ip->hasDHCP = true;
        return 0;
    }
    if (command == CMD_DELETE) {
        if (i == ip->nranges) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "couldn't locate a matching dhcp range entry in network '%s'", def->name);
            return -1;
        }
        g_free(ip->ranges[i].start);
        g_free(ip->ranges[i].end);
        g_free(ip->ranges[i].leaseExpiry);
        g_free(ip->ranges[i].leaseUnit);
        memmove(&ip->ranges[i], &ip->ranges[i + 1], (ip->nranges - i - 1) * sizeof(*ip->ranges));
        ip->nranges--;
        return 0;
    }
    vrReportError(VR_ERR_NO_SUPPORT, "%s", "dhcp ranges cannot be modified, only added or deleted");
    return -1;
}

static int
vrNetworkUpdateForwardInterface(vrNetworkDef *def, unsigned int command, xmlNodePtr node)
{
    g_autofree char *dev = NULL;
    guint i;

    if (vrNetworkUpdateCheckElement(node, "interface") < 0)
        return -1;
    if (!(dev = vrXMLProp(node, "dev"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing dev attribute in <interface> element");
        return -1;
    }
    if (!def->forwardIfs)
        def->forwardIfs = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < def->forwardIfs->len; i++) {
        if (g_str_equal(g_ptr_array_index(def->forwardIfs, i), dev))
            break;
    }
    if (command == CMD_ADD_FIRST || command == CMD_ADD_LAST) {
        if (i < def->forwardIfs->len) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "there is an existing interface entry in network '%s' that matches \"<interface dev='%s'>\"",
                          def->name, dev);
            return -1;
        }
        if (command == CMD_ADD_FIRST)
            g_ptr_array_insert(def->forwardIfs, 0, g_steal_pointer(&dev));
        else
            g_ptr_array_add(def->forwardIfs, g_steal_pointer(&dev));
        return 0;
    }
    if (command == CMD_DELETE) {
        if (i == def->forwardIfs->len) {
            vrReportError(VR_ERR_OPERATION_INVALID,
                          "couldn't find an interface entry in network '%s' matching <interface dev='%s'>",
                          def->name, dev);
            return -1;
        }
        g_ptr_array_remove_index(def->forwardIfs, i);
        return 0;
    }
    vrReportError(VR_ERR_NO_SUPPORT, "%s", "forward interface entries cannot be modified, only added or deleted");
    return -1;
}

/* DNS host / txt / srv updates reuse the whole-network parser on a
 * one-record <dns> and splice the result in. */
static int
vrNetworkUpdateDNS(vrNetworkDef *def, unsigned int command, unsigned int section,
                   const char *xml)
{
    g_autofree char *wrapped = g_strdup_printf("<network><name>x</name><dns>%s</dns></network>", xml);
    g_autoptr(vrNetworkDef) tmp = vrNetworkDefParseString(wrapped);
    vrNetworkDNSDef *dns = &def->dns;
    size_t i;

    if (!tmp)
        return -1;
    if (section == SEC_DNS_HOST && tmp->dns.nhosts == 1) {
        vrNetworkDNSHost *h = &tmp->dns.hosts[0];
        for (i = 0; i < dns->nhosts && !g_str_equal(dns->hosts[i].ip, h->ip); i++)
            ;
        if (command == CMD_DELETE) {
            if (i == dns->nhosts) {
                vrReportError(VR_ERR_OPERATION_INVALID,
                              "couldn't locate a matching DNS HOST record in network '%s'", def->name);
                return -1;
            }
            g_free(dns->hosts[i].ip);
            g_ptr_array_unref(dns->hosts[i].hostnames);
            memmove(&dns->hosts[i], &dns->hosts[i + 1], (dns->nhosts - i - 1) * sizeof(*dns->hosts));
            dns->nhosts--;
            return 0;
        }
        if (command == CMD_ADD_FIRST || command == CMD_ADD_LAST) {
            if (i < dns->nhosts) {
                vrReportError(VR_ERR_OPERATION_INVALID,
                              "there is already at least one DNS HOST record with a matching field in network %s",
                              def->name);
                return -1;
            }
            dns->present = true;
            dns->hosts = g_renew(vrNetworkDNSHost, dns->hosts, dns->nhosts + 1);
            dns->hosts[dns->nhosts++] = *h;
            memset(h, 0, sizeof(*h));
            tmp->dns.nhosts = 0;
            return 0;
        }
    } else if (section == SEC_DNS_TXT && tmp->dns.ntxts == 1) {
        vrNetworkDNSTxt *t = &tmp->dns.txts[0];
        for (i = 0; i < dns->ntxts && !g_str_equal(dns->txts[i].name, t->name); i++)
            ;
        if (command == CMD_DELETE) {
            if (i == dns->ntxts) {
                vrReportError(VR_ERR_OPERATION_INVALID,
                              "couldn't locate a matching DNS TXT record in network '%s'", def->name);
                return -1;
            }
            g_free(dns->txts[i].name);
            g_free(dns->txts[i].value);
            memmove(&dns->txts[i], &dns->txts[i + 1], (dns->ntxts - i - 1) * sizeof(*dns->txts));
            dns->ntxts--;
            return 0;
        }
        if (command == CMD_ADD_FIRST || command == CMD_ADD_LAST) {
            if (i < dns->ntxts) {
                vrReportError(VR_ERR_OPERATION_INVALID,
                              "there is already a DNS TXT record with name '%s'", t->name);
                return -1;
            }
            dns->present = true;
            dns->txts = g_renew(vrNetworkDNSTxt, dns->txts, dns->ntxts + 1);
            dns->txts[dns->ntxts++] = *t;
            memset(t, 0, sizeof(*t));
            tmp->dns.ntxts = 0;
            return 0;
        }
    } else if (section == SEC_DNS_SRV && tmp->dns.nsrvs == 1) {
        vrNetworkDNSSrv *s = &tmp->dns.srvs[0];
        for (i = 0; i < dns->nsrvs &&
             !(g_str_equal(dns->srvs[i].service, s->service) &&
               g_strcmp0(dns->srvs[i].protocol, s->protocol) == 0); i++)
            ;
        if (command == CMD_DELETE) {
            vrNetworkDNSSrv *d;
            if (i == dns->nsrvs) {
                vrReportError(VR_ERR_OPERATION_INVALID,
                              "couldn't locate a matching DNS SRV record in network '%s'", def->name);
                return -1;
            }
            d = &dns->srvs[i];
            g_free(d->service); g_free(d->protocol); g_free(d->domain); g_free(d->target);
            g_free(d->port); g_free(d->priority); g_free(d->weight);
            memmove(&dns->srvs[i], &dns->srvs[i + 1], (dns->nsrvs - i - 1) * sizeof(*dns->srvs));
            dns->nsrvs--;
            return 0;
        }
        if (command == CMD_ADD_FIRST || command == CMD_ADD_LAST) {
            dns->present = true;
            dns->srvs = g_renew(vrNetworkDNSSrv, dns->srvs, dns->nsrvs + 1);
            dns->srvs[dns->nsrvs++] = *s;
            memset(s, 0, sizeof(*s));
            tmp->dns.nsrvs = 0;
            return 0;
        }
    }
    vrReportError(VR_ERR_NO_SUPPORT, "can't update '%s' section of network '%s'",
                  sectionNames[section], def->name);
    return -1;
}

int
vrNetworkDefUpdateSection(vrNetworkDef *def, unsigned int command, unsigned int section,
                          int parentIndex, const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr node;

    if (command < CMD_MODIFY || command > CMD_ADD_FIRST) {
        vrReportError(VR_ERR_NO_SUPPORT, "can't update network '%s' with command %u",
                      def->name, command);
        return -1;
    }
    if (section >= G_N_ELEMENTS(sectionNames) || section == 0) {
        vrReportError(VR_ERR_NO_SUPPORT, "can't update unrecognized section of network '%s'",
                      def->name);
        return -1;
    }
    if (!(doc = vrXMLParseString(xml, "(network_definition)", NULL, VR_FROM_NETWORK)))
        return -1;
    node = xmlDocGetRootElement(doc);

    switch (section) {
    case SEC_IP_DHCP_HOST:
        return vrNetworkUpdateDHCPHost(def, command, parentIndex, node);
    case SEC_IP_DHCP_RANGE:
        return vrNetworkUpdateDHCPRange(def, command, parentIndex, node);
    case SEC_FORWARD_INTERFACE:
        return vrNetworkUpdateForwardInterface(def, command, node);
    case SEC_DNS_HOST:
    case SEC_DNS_TXT:
    case SEC_DNS_SRV:
        return vrNetworkUpdateDNS(def, command, section, xml);
    default:
        vrReportError(VR_ERR_NO_SUPPORT, "can't update '%s' section of network '%s'",
                      sectionNames[section], def->name);
        return -1;
    }
}
