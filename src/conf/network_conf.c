/*
 * network_conf.c: <network> parsing, validation and formatting.
 */
#include <config.h>

#include <arpa/inet.h>
#include <string.h>

#include "network_conf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_NETWORK

VR_ENUM_IMPL(vrNetworkForward, VR_NETWORK_FORWARD_LAST,
             "none", "nat", "route", "open", "bridge", "private", "vepa",
             "passthrough", "hostdev");

/* ---- lifetime ------------------------------------------------------ */

static void
vrNetworkIPDefClear(vrNetworkIPDef *ip)
{
    size_t i;

    g_free(ip->family);
    g_free(ip->address);
    g_free(ip->netmask);
    g_free(ip->localPtr);
    g_free(ip->tftproot);
    for (i = 0; i < ip->nranges; i++) {
        g_free(ip->ranges[i].start);
        g_free(ip->ranges[i].end);
        g_free(ip->ranges[i].leaseExpiry);
        g_free(ip->ranges[i].leaseUnit);
    }
    g_free(ip->ranges);
    for (i = 0; i < ip->nhosts; i++) {
        g_free(ip->hosts[i].mac);
        g_free(ip->hosts[i].id);
        g_free(ip->hosts[i].name);
        g_free(ip->hosts[i].ip);
        g_free(ip->hosts[i].leaseExpiry);
        g_free(ip->hosts[i].leaseUnit);
    }
    g_free(ip->hosts);
    g_free(ip->bootpFile);
    g_free(ip->bootpServer);
}

static void
vrNetworkDNSClear(vrNetworkDNSDef *dns)
{
    size_t i;

    g_free(dns->enable);
    g_free(dns->forwardPlainNames);
    for (i = 0; i < dns->nforwarders; i++) {
        g_free(dns->forwarders[i].addr);
        g_free(dns->forwarders[i].domain);
    }
    g_free(dns->forwarders);
    for (i = 0; i < dns->ntxts; i++) {
        g_free(dns->txts[i].name);
        g_free(dns->txts[i].value);
    }
    g_free(dns->txts);
    for (i = 0; i < dns->nsrvs; i++) {
        vrNetworkDNSSrv *s = &dns->srvs[i];
        g_free(s->service); g_free(s->protocol); g_free(s->domain); g_free(s->target);
        g_free(s->port); g_free(s->priority); g_free(s->weight);
    }
    g_free(dns->srvs);
    for (i = 0; i < dns->nhosts; i++) {
        g_free(dns->hosts[i].ip);
        if (dns->hosts[i].hostnames)
            g_ptr_array_unref(dns->hosts[i].hostnames);
    }
    g_free(dns->hosts);
}

void
vrNetworkDefFree(vrNetworkDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->title);
    g_free(def->description);
    g_free(def->metadata);
    g_free(def->ipv6nogw);
    g_free(def->trustGuestRxFilters);
    g_free(def->forwardDev);
    g_free(def->forwardManaged);
    g_free(def->natAddrStart);
    g_free(def->natAddrEnd);
    g_free(def->natIPv6);
    if (def->forwardIfs)
        g_ptr_array_unref(def->forwardIfs);
    if (def->forwardPfs)
        g_ptr_array_unref(def->forwardPfs);
    g_free(def->forwardAddressesXML);
    g_free(def->bridge);
    g_free(def->bridgeZone);
    g_free(def->stp);
    g_free(def->macTableManager);
    g_free(def->mac);
    g_free(def->domain);
    g_free(def->domainLocalOnly);
    vrNetworkDNSClear(&def->dns);
    for (i = 0; i < def->vlan.ntags; i++)
        g_free(def->vlan.tags[i].nativeMode);
    g_free(def->vlan.tags);
    for (i = 0; i < def->nips; i++)
        vrNetworkIPDefClear(&def->ips[i]);
    g_free(def->ips);
    for (i = 0; i < def->nroutes; i++) {
        g_free(def->routes[i].family);
        g_free(def->routes[i].address);
        g_free(def->routes[i].netmask);
        g_free(def->routes[i].gateway);
    }
    g_free(def->routes);
    g_free(def->virtualportXML);
    for (i = 0; i < def->nportgroups; i++) {
        g_free(def->portgroups[i].name);
        g_free(def->portgroups[i].isDefault);
        g_free(def->portgroups[i].xml);
    }
    g_free(def->portgroups);
    g_free(def);
}

/* ---- parsing ------------------------------------------------------- */

static bool
vrNetworkIsIPv6(const char *family)
{
    return family && g_str_equal(family, "ipv6");
}

static int
vrNetworkCheckAddress(const char *addr, bool ipv6, const char *what, const char *netname)
{
    unsigned char buf[sizeof(struct in6_addr)];

    if (inet_pton(ipv6 ? AF_INET6 : AF_INET, addr, buf) != 1) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid %s '%s' in network '%s'", what, addr, netname);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseDHCP(xmlNodePtr dhcp, vrNetworkIPDef *ip, const char *netname)
{
    bool ipv6 = vrNetworkIsIPv6(ip->family);
    xmlNodePtr bootp;

    ip->hasDHCP = true;
    vrXMLForEachNamed(dhcp, "range", r) {
        vrNetworkDHCPRange range = { vrXMLProp(r, "start"), vrXMLProp(r, "end"), NULL, NULL };
        xmlNodePtr lease = vrXMLChild(r, "lease");
        if (!range.start || !range.end) {
            g_free(range.start);
            g_free(range.end);
            vrReportError(VR_ERR_XML_ERROR, "Missing 'start' or 'end' attribute in dhcp range for network '%s'",
                          netname);
            return -1;
        }
        ip->ranges = g_renew(vrNetworkDHCPRange, ip->ranges, ip->nranges + 1);
        ip->ranges[ip->nranges++] = range;
        if (lease) {
            ip->ranges[ip->nranges - 1].leaseExpiry = vrXMLProp(lease, "expiry");
            ip->ranges[ip->nranges - 1].leaseUnit = vrXMLProp(lease, "unit");
        }
        if (vrNetworkCheckAddress(range.start, ipv6, "dhcp range start address", netname) < 0 ||
            vrNetworkCheckAddress(range.end, ipv6, "dhcp range end address", netname) < 0)
            return -1;
    }
    vrXMLForEachNamed(dhcp, "host", h) {
        vrNetworkDHCPHost host = { vrXMLProp(h, "mac"), vrXMLProp(h, "id"), vrXMLProp(h, "name"),
                                   vrXMLProp(h, "ip"), NULL, NULL };
        xmlNodePtr lease = vrXMLChild(h, "lease");
        unsigned char mac[6];

        ip->hosts = g_renew(vrNetworkDHCPHost, ip->hosts, ip->nhosts + 1);
        ip->hosts[ip->nhosts++] = host;
        if (lease) {
            ip->hosts[ip->nhosts - 1].leaseExpiry = vrXMLProp(lease, "expiry");
            ip->hosts[ip->nhosts - 1].leaseUnit = vrXMLProp(lease, "unit");
        }
        if (host.mac && vrMacParse(host.mac, mac) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Cannot parse MAC address '%s' in network '%s'",
                          host.mac, netname);
            return -1;
        }
        if (!host.mac && !host.id && !host.name) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Static host definition in IPv4 network '%s' must have mac or name attribute",
                          netname);
            return -1;
        }
        if (host.ip && vrNetworkCheckAddress(host.ip, ipv6, "IP address in static host definition",
                                             netname) < 0)
            return -1;
    }
    if ((bootp = vrXMLChild(dhcp, "bootp"))) {
        ip->bootpFile = vrXMLProp(bootp, "file");
        ip->bootpServer = vrXMLProp(bootp, "server");
        if (!ip->bootpFile) {
            vrReportError(VR_ERR_XML_ERROR, "Missing required file attribute in dhcp bootp specification in network '%s'",
                          netname);
            return -1;
        }
    }
    return 0;
}

static int
vrNetworkParseIP(xmlNodePtr node, vrNetworkIPDef *ip, const char *netname)
{
    g_autofree char *prefix = vrXMLProp(node, "prefix");
    xmlNodePtr child;
    bool ipv6;

    ip->family = vrXMLProp(node, "family");
    ip->address = vrXMLProp(node, "address");
    ip->netmask = vrXMLProp(node, "netmask");
    ip->localPtr = vrXMLProp(node, "localPtr");
    if (ip->family && !g_str_equal(ip->family, "ipv4") && !g_str_equal(ip->family, "ipv6")) {
        vrReportError(VR_ERR_XML_ERROR, "Unrecognized family '%s' in network '%s'", ip->family,
                      netname);
        return -1;
    }
    ipv6 = vrNetworkIsIPv6(ip->family);
    if (prefix) {
        if (vrStrToUInt(prefix, 10, &ip->prefix) < 0 || ip->prefix > (ipv6 ? 128u : 32u)) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid ip address prefix value '%s' in network '%s'",
                          prefix, netname);
            return -1;
        }
        ip->hasPrefix = true;
    }
    if (ip->address && vrNetworkCheckAddress(ip->address, ipv6, "address", netname) < 0)
        return -1;
    if (ip->netmask) {
        if (ipv6) {
            vrReportError(VR_ERR_XML_ERROR, "netmask not allowed for IPv6 address '%s' in network '%s'",
                          ip->address ? ip->address : "", netname);
            return -1;
        }
        if (ip->hasPrefix) {
            vrReportError(VR_ERR_XML_ERROR, "Network '%s' IP address cannot have both a prefix and a netmask",
                          netname);
            return -1;
        }
        if (vrNetworkCheckAddress(ip->netmask, false, "netmask", netname) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "tftp")))
        ip->tftproot = vrXMLProp(child, "root");
    if ((child = vrXMLChild(node, "dhcp")) && vrNetworkParseDHCP(child, ip, netname) < 0)
        return -1;
    return 0;
}

static int
vrNetworkParseRoute(xmlNodePtr node, vrNetworkRouteDef *route, const char *netname)
{
    g_autofree char *prefix = vrXMLProp(node, "prefix");
    g_autofree char *metric = vrXMLProp(node, "metric");

    route->family = vrXMLProp(node, "family");
    route->address = vrXMLProp(node, "address");
    route->netmask = vrXMLProp(node, "netmask");
    route->gateway = vrXMLProp(node, "gateway");
    if (!route->address || !route->gateway) {
        vrReportError(VR_ERR_XML_ERROR, "Missing required address or gateway attribute in route definition of network '%s'",
                      netname);
        return -1;
    }
    if (prefix) {
        if (vrStrToUInt(prefix, 10, &route->prefix) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid prefix '%s' in route of network '%s'", prefix,
                          netname);
            return -1;
        }
        route->hasPrefix = true;
    }
    if (metric) {
        if (vrStrToUInt(metric, 10, &route->metric) < 0 || route->metric == 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid metric '%s' in route of network '%s'", metric,
                          netname);
            return -1;
        }
        route->hasMetric = true;
    }
    return 0;
}

static int
vrNetworkParseDNS(xmlNodePtr node, vrNetworkDNSDef *dns)
{
    dns->present = true;
    dns->enable = vrXMLProp(node, "enable");
    dns->forwardPlainNames = vrXMLProp(node, "forwardPlainNames");
    vrXMLForEachNamed(node, "forwarder", f) {
        vrNetworkDNSForwarder fw = { vrXMLProp(f, "addr"), vrXMLProp(f, "domain") };
        dns->forwarders = g_renew(vrNetworkDNSForwarder, dns->forwarders, dns->nforwarders + 1);
        dns->forwarders[dns->nforwarders++] = fw;
    }
    vrXMLForEachNamed(node, "txt", t) {
        vrNetworkDNSTxt txt = { vrXMLProp(t, "name"), vrXMLProp(t, "value") };
        dns->txts = g_renew(vrNetworkDNSTxt, dns->txts, dns->ntxts + 1);
        dns->txts[dns->ntxts++] = txt;
        if (!txt.name) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing required name attribute in DNS TXT record");
            return -1;
        }
    }
    vrXMLForEachNamed(node, "srv", s) {
        vrNetworkDNSSrv srv = { vrXMLProp(s, "service"), vrXMLProp(s, "protocol"),
                                vrXMLProp(s, "domain"), vrXMLProp(s, "target"),
                                vrXMLProp(s, "port"), vrXMLProp(s, "priority"),
                                vrXMLProp(s, "weight") };
        dns->srvs = g_renew(vrNetworkDNSSrv, dns->srvs, dns->nsrvs + 1);
        dns->srvs[dns->nsrvs++] = srv;
        if (!srv.service) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing required service attribute in DNS SRV record");
            return -1;
        }
    }
    vrXMLForEachNamed(node, "host", h) {
        vrNetworkDNSHost host = { vrXMLProp(h, "ip"), g_ptr_array_new_with_free_func(g_free) };
        vrXMLForEachNamed(h, "hostname", hn)
            g_ptr_array_add(host.hostnames, g_strstrip(vrXMLContent(hn)));
        dns->hosts = g_renew(vrNetworkDNSHost, dns->hosts, dns->nhosts + 1);
        dns->hosts[dns->nhosts++] = host;
        if (!host.ip) {
            vrReportError(VR_ERR_XML_DETAIL, "%s", "Missing IP address in network DNS HOST record");
            return -1;
        }
    }
    return 0;
}

static int
vrNetworkParseForward(xmlNodePtr node, vrNetworkDef *def)
{
    g_autofree char *mode = vrXMLProp(node, "mode");
    xmlNodePtr nat;

    def->forwardType = VR_NETWORK_FORWARD_NAT;
    if (mode && (def->forwardType = vrNetworkForwardTypeFromString(mode)) <= 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "unknown forwarding type '%s'", mode);
        return -1;
    }
    def->forwardDev = vrXMLProp(node, "dev");
    def->forwardManaged = vrXMLProp(node, "managed");
    if ((nat = vrXMLChild(node, "nat"))) {
        xmlNodePtr addr = vrXMLChild(nat, "address");
        xmlNodePtr port = vrXMLChild(nat, "port");
        def->natIPv6 = vrXMLProp(nat, "ipv6");
        if (addr) {
            def->natAddrStart = vrXMLProp(addr, "start");
            def->natAddrEnd = vrXMLProp(addr, "end");
        }
        if (port) {
            if (vrXMLPropUInt(port, "start", "port", 10, &def->natPortStart) < 0 ||
                vrXMLPropUInt(port, "end", "port", 10, &def->natPortEnd) < 0)
                return -1;
            if (def->natPortStart > 65535 || def->natPortEnd > 65535 ||
                def->natPortStart > def->natPortEnd) {
                vrReportError(VR_ERR_XML_ERROR, "Invalid port range '%u-%u'.", def->natPortStart,
                              def->natPortEnd);
                return -1;
            }
        }
    }
    vrXMLForEachNamed(node, "interface", iface) {
        char *dev = vrXMLProp(iface, "dev");
        if (!dev) {
            vrReportError(VR_ERR_XML_ERROR, "Missing required dev attribute in <forward> <interface> element of network %s",
                          def->name);
            return -1;
        }
        if (!def->forwardIfs)
            def->forwardIfs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(def->forwardIfs, dev);
    }
    vrXMLForEachNamed(node, "pf", pf) {
        if (!def->forwardPfs)
            def->forwardPfs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(def->forwardPfs, vrXMLProp(pf, "dev"));
    }
    if (vrXMLChild(node, "address")) {
        g_auto(vrBuf) buf = VR_BUF_INIT;
        vrXMLForEachNamed(node, "address", a) {
            g_autofree char *x = vrXMLFormatElement(a);
            vrBufAddLit(&buf, x);
        }
        def->forwardAddressesXML = vrBufContent(&buf);
    }
    /* libvirt lists a forward dev as the first usable interface */
    if (def->forwardDev && !def->forwardIfs &&
        (def->forwardType == VR_NETWORK_FORWARD_NAT || def->forwardType == VR_NETWORK_FORWARD_ROUTE)) {
        def->forwardIfs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(def->forwardIfs, g_strdup(def->forwardDev));
    }
    return 0;
}

static bool
vrNetworkHasOwnBridge(const vrNetworkDef *def)
{
    return def->forwardType == VR_NETWORK_FORWARD_NONE ||
           def->forwardType == VR_NETWORK_FORWARD_NAT ||
           def->forwardType == VR_NETWORK_FORWARD_ROUTE ||
           def->forwardType == VR_NETWORK_FORWARD_OPEN;
}

static int
vrNetworkParseBridge(xmlNodePtr node, vrNetworkDef *def)
{
    g_autofree char *delay = NULL;

    if (!node)
        return 0;
    def->bridge = vrXMLProp(node, "name");
    def->bridgeZone = vrXMLProp(node, "zone");
    def->stp = vrXMLProp(node, "stp");
    def->macTableManager = vrXMLProp(node, "macTableManager");
    if (def->stp && !g_str_equal(def->stp, "on") && !g_str_equal(def->stp, "off")) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid value for attribute 'stp' in element 'bridge': '%s'.",
                      def->stp);
        return -1;
    }
    if ((delay = vrXMLProp(node, "delay"))) {
        if (vrStrToUInt(delay, 10, &def->delay) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid delay value in network '%s'", def->name);
            return -1;
        }
        def->hasDelay = true;
    }
    return 0;
}

static int
vrNetworkParsePortgroups(xmlNodePtr root, vrNetworkDef *def)
{
    vrXMLForEachNamed(root, "portgroup", pg) {
        vrNetworkPortGroupDef p = { vrXMLProp(pg, "name"), vrXMLProp(pg, "default"), NULL };
        g_auto(vrBuf) buf = VR_BUF_INIT;

        vrXMLForEachChild(pg, child) {
            g_autofree char *x = vrXMLFormatElement(child);
            vrBufAddLit(&buf, x);
        }
        p.xml = vrBufContent(&buf);
        def->portgroups = g_renew(vrNetworkPortGroupDef, def->portgroups, def->nportgroups + 1);
        def->portgroups[def->nportgroups++] = p;
        if (!p.name) {
            vrReportError(VR_ERR_XML_ERROR, "Missing required name attribute in portgroup of network '%s'",
                          def->name);
            return -1;
        }
    }
    return 0;
}

static int
vrNetworkParseIdentity(xmlNodePtr root, vrNetworkDef *def)
{
    g_autofree char *uuid = NULL;
    xmlNodePtr node;

    def->name = vrXMLChildContentStrip(root, "name");
    if (!def->name || !*def->name) {
        vrErrorReportPlain(VR_FROM_THIS, VR_ERR_NO_NAME);
        return -1;
    }
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return -1;
    }
    if ((uuid = vrXMLChildContentStrip(root, "uuid"))) {
        if (vrUUIDParse(uuid, def->uuid) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "malformed uuid element");
            return -1;
        }
    } else {
        vrUUIDGenerate(def->uuid);
    }
    def->title = vrXMLChildContent(root, "title");
    def->description = vrXMLChildContent(root, "description");
    if ((node = vrXMLChild(root, "metadata"))) {
        g_auto(vrBuf) buf = VR_BUF_INIT;
        vrXMLForEachChild(node, child) {
            g_autofree char *xml = vrXMLNodeToString(root->doc, child);
            vrBufAddLit(&buf, xml);
            vrBufAddLit(&buf, "\n");
        }
        def->metadata = vrBufContent(&buf);
    }
    def->ipv6nogw = vrXMLProp(root, "ipv6");
    def->trustGuestRxFilters = vrXMLProp(root, "trustGuestRxFilters");
    return 0;
}

static int
vrNetworkParseAddressing(xmlNodePtr root, vrNetworkDef *def)
{
    xmlNodePtr node;

    if ((node = vrXMLChild(root, "mtu")) && vrXMLPropUInt(node, "size", "mtu", 10, &def->mtu) < 0)
        return -1;
    if ((node = vrXMLChild(root, "mac"))) {
        unsigned char mac[6];
        def->mac = vrXMLProp(node, "address");
        if (def->mac && vrMacParse(def->mac, mac) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid bridge mac address '%s' in network '%s'",
                          def->mac, def->name);
            return -1;
        }
    }
    if ((node = vrXMLChild(root, "domain"))) {
        def->domain = vrXMLProp(node, "name");
        def->domainLocalOnly = vrXMLProp(node, "localOnly");
    }
    if ((node = vrXMLChild(root, "dns")) && vrNetworkParseDNS(node, &def->dns) < 0)
        return -1;
    if (vrNetVlanParse(vrXMLChild(root, "vlan"), &def->vlan) < 0 ||
        vrNetBandwidthParse(vrXMLChild(root, "bandwidth"), &def->bandwidth) < 0)
        return -1;
    vrXMLForEachNamed(root, "ip", ipnode) {
        def->ips = g_renew(vrNetworkIPDef, def->ips, def->nips + 1);
        memset(&def->ips[def->nips], 0, sizeof(vrNetworkIPDef));
        if (vrNetworkParseIP(ipnode, &def->ips[def->nips++], def->name) < 0)
            return -1;
    }
    vrXMLForEachNamed(root, "route", rnode) {
        def->routes = g_renew(vrNetworkRouteDef, def->routes, def->nroutes + 1);
        memset(&def->routes[def->nroutes], 0, sizeof(vrNetworkRouteDef));
        if (vrNetworkParseRoute(rnode, &def->routes[def->nroutes++], def->name) < 0)
            return -1;
    }
    if ((node = vrXMLChild(root, "virtualport")))
        def->virtualportXML = vrXMLFormatElement(node);
    return vrNetworkParsePortgroups(root, def);
}

/* Checks that depend on several elements at once. */
static int
vrNetworkValidate(vrNetworkDef *def)
{
    size_t i, nDHCP = 0;

    for (i = 0; i < def->nips; i++) {
        if (def->ips[i].hasDHCP && !vrNetworkIsIPv6(def->ips[i].family))
            nDHCP++;
    }
    if (nDHCP > 1) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Multiple IPv4 dhcp sections found -- dhcp is supported only for a single IPv4 address on each network");
        return -1;
    }
    if (!vrNetworkHasOwnBridge(def) && def->nips) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Unsupported <ip> element in network %s with forward mode='%s'",
                      def->name, vrNetworkForwardTypeToString(def->forwardType));
        return -1;
    }
    if (vrNetworkHasOwnBridge(def)) {
        if (!def->stp)
            def->stp = g_strdup("on");
        if (!def->hasDelay)
            def->hasDelay = true;
    }
    return 0;
}

vrNetworkDef *
vrNetworkDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(network_definition)", "network",
                                             VR_FROM_NETWORK);
    g_autoptr(vrNetworkDef) def = NULL;
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrNetworkDef, 1);
    if (vrNetworkParseIdentity(root, def) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "forward")) && vrNetworkParseForward(node, def) < 0)
        return NULL;
    if (vrNetworkParseBridge(vrXMLChild(root, "bridge"), def) < 0 ||
        vrNetworkParseAddressing(root, def) < 0 ||
        vrNetworkValidate(def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

vrNetworkDef *
vrNetworkDefCopy(const vrNetworkDef *def)
{
    g_autofree char *xml = vrNetworkDefFormat(def, 0);
    vrNetworkDef *copy = vrNetworkDefParseString(xml);

    if (copy)
        copy->connections = def->connections;
    return copy;
}

const vrNetworkIPDef *
vrNetworkDefIPv4(const vrNetworkDef *def)
{
    size_t i;

    for (i = 0; i < def->nips; i++) {
        if (!vrNetworkIsIPv6(def->ips[i].family))
            return &def->ips[i];
    }
    return NULL;
}

/* ---- formatting ---------------------------------------------------- */

static void
attr(vrBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    vrBufAsprintf(buf, " %s=", name);
    vrBufEscapeXMLPrintf(buf, "'%s'", value);
}

static void
vrNetworkFormatForward(vrBuf *buf, const vrNetworkDef *def)
{
    bool nat = def->natAddrStart || def->natPortStart || def->natPortEnd || def->natIPv6;
    bool children = nat || (def->forwardIfs && def->forwardIfs->len) ||
                    (def->forwardPfs && def->forwardPfs->len) || def->forwardAddressesXML;
    size_t i;

    if (def->forwardType == VR_NETWORK_FORWARD_NONE)
        return;
    vrBufAddLit(buf, "<forward");
    attr(buf, "dev", def->forwardDev);
    vrBufAsprintf(buf, " mode='%s'", vrNetworkForwardTypeToString(def->forwardType));
    attr(buf, "managed", def->forwardManaged);
    if (!children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (nat) {
        vrBufAddLit(buf, "<nat");
        attr(buf, "ipv6", def->natIPv6);
        if (def->natAddrStart || def->natPortStart || def->natPortEnd) {
            vrBufAddLit(buf, ">\n");
            vrBufAdjustIndent(buf, 2);
            if (def->natAddrStart) {
                vrBufAddLit(buf, "<address");
                attr(buf, "start", def->natAddrStart);
                attr(buf, "end", def->natAddrEnd);
                vrBufAddLit(buf, "/>\n");
            }
            if (def->natPortStart || def->natPortEnd)
                vrBufAsprintf(buf, "<port start='%u' end='%u'/>\n", def->natPortStart,
                              def->natPortEnd);
            vrBufAdjustIndent(buf, -2);
            vrBufAddLit(buf, "</nat>\n");
        } else {
            vrBufAddLit(buf, "/>\n");
        }
    }
    for (i = 0; def->forwardPfs && i < def->forwardPfs->len; i++)
        vrBufEscapeXMLPrintf(buf, "<pf dev='%s'/>\n", g_ptr_array_index(def->forwardPfs, i));
    for (i = 0; def->forwardIfs && i < def->forwardIfs->len; i++)
        vrBufEscapeXMLPrintf(buf, "<interface dev='%s'/>\n", g_ptr_array_index(def->forwardIfs, i));
    if (def->forwardAddressesXML)
        vrBufAddFragment(buf, def->forwardAddressesXML);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</forward>\n");
}

static void
vrNetworkFormatDNS(vrBuf *buf, const vrNetworkDNSDef *dns)
{
    size_t i, j;
    bool children = dns->nforwarders || dns->ntxts || dns->nsrvs || dns->nhosts;

    if (!dns->present)
        return;
    vrBufAddLit(buf, "<dns");
    attr(buf, "enable", dns->enable);
    attr(buf, "forwardPlainNames", dns->forwardPlainNames);
    if (!children) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < dns->nforwarders; i++) {
        vrBufAddLit(buf, "<forwarder");
        attr(buf, "domain", dns->forwarders[i].domain);
        attr(buf, "addr", dns->forwarders[i].addr);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < dns->ntxts; i++) {
        vrBufAddLit(buf, "<txt");
        attr(buf, "name", dns->txts[i].name);
        attr(buf, "value", dns->txts[i].value);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < dns->nsrvs; i++) {
        const vrNetworkDNSSrv *s = &dns->srvs[i];
        vrBufAddLit(buf, "<srv");
        attr(buf, "service", s->service);
        attr(buf, "protocol", s->protocol);
        attr(buf, "domain", s->domain);
        attr(buf, "target", s->target);
        attr(buf, "port", s->port);
        attr(buf, "priority", s->priority);
        attr(buf, "weight", s->weight);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < dns->nhosts; i++) {
        vrBufAddLit(buf, "<host");
        attr(buf, "ip", dns->hosts[i].ip);
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        for (j = 0; j < dns->hosts[i].hostnames->len; j++)
            vrBufEscapeXMLPrintf(buf, "<hostname>%s</hostname>\n",
                                 g_ptr_array_index(dns->hosts[i].hostnames, j));
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</host>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</dns>\n");
}

static void
vrNetworkFormatLease(vrBuf *buf, const char *expiry, const char *unit)
{
    if (!expiry)
        return;
    vrBufAddLit(buf, "<lease");
    attr(buf, "expiry", expiry);
    attr(buf, "unit", unit);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatIP(vrBuf *buf, const vrNetworkIPDef *ip)
{
    size_t i;

    vrBufAddLit(buf, "<ip");
    attr(buf, "family", ip->family);
    attr(buf, "address", ip->address);
    attr(buf, "netmask", ip->netmask);
    if (ip->hasPrefix)
        vrBufAsprintf(buf, " prefix='%u'", ip->prefix);
    attr(buf, "localPtr", ip->localPtr);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (ip->tftproot)
        vrBufEscapeXMLPrintf(buf, "<tftp root='%s'/>\n", ip->tftproot);
    if (ip->hasDHCP) {
        vrBufAddLit(buf, "<dhcp>\n");
        vrBufAdjustIndent(buf, 2);
        for (i = 0; i < ip->nranges; i++) {
            const vrNetworkDHCPRange *r = &ip->ranges[i];
            vrBufAddLit(buf, "<range");
            attr(buf, "start", r->start);
            attr(buf, "end", r->end);
            if (r->leaseExpiry) {
                vrBufAddLit(buf, ">\n");
                vrBufAdjustIndent(buf, 2);
                vrNetworkFormatLease(buf, r->leaseExpiry, r->leaseUnit);
                vrBufAdjustIndent(buf, -2);
                vrBufAddLit(buf, "</range>\n");
            } else {
                vrBufAddLit(buf, "/>\n");
            }
        }
        for (i = 0; i < ip->nhosts; i++) {
            const vrNetworkDHCPHost *h = &ip->hosts[i];
            vrBufAddLit(buf, "<host");
            attr(buf, "mac", h->mac);
            attr(buf, "id", h->id);
            attr(buf, "name", h->name);
            attr(buf, "ip", h->ip);
            if (h->leaseExpiry) {
                vrBufAddLit(buf, ">\n");
                vrBufAdjustIndent(buf, 2);
                vrNetworkFormatLease(buf, h->leaseExpiry, h->leaseUnit);
                vrBufAdjustIndent(buf, -2);
                vrBufAddLit(buf, "</host>\n");
            } else {
                vrBufAddLit(buf, "/>\n");
            }
        }
        if (ip->bootpFile) {
            vrBufAddLit(buf, "<bootp");
            attr(buf, "file", ip->bootpFile);
            attr(buf, "server", ip->bootpServer);
            vrBufAddLit(buf, "/>\n");
        }
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</dhcp>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</ip>\n");
}

static void
vrNetworkFormatRoute(vrBuf *buf, const vrNetworkRouteDef *r)
{
    vrBufAddLit(buf, "<route");
    attr(buf, "family", r->family);
    attr(buf, "address", r->address);
    attr(buf, "netmask", r->netmask);
    if (r->hasPrefix)
        vrBufAsprintf(buf, " prefix='%u'", r->prefix);
    attr(buf, "gateway", r->gateway);
    if (r->hasMetric)
        vrBufAsprintf(buf, " metric='%u'", r->metric);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatBridge(vrBuf *buf, const vrNetworkDef *def)
{
    if (!def->bridge && !def->stp && !def->macTableManager && !def->bridgeZone)
        return;
    vrBufAddLit(buf, "<bridge");
    attr(buf, "name", def->bridge);
    attr(buf, "zone", def->bridgeZone);
    if (vrNetworkHasOwnBridge(def)) {
        attr(buf, "stp", def->stp);
        if (def->hasDelay)
            vrBufAsprintf(buf, " delay='%u'", def->delay);
    }
    attr(buf, "macTableManager", def->macTableManager);
    vrBufAddLit(buf, "/>\n");
}

char *
vrNetworkDefFormat(const vrNetworkDef *def, unsigned int flags)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    char uuid[VR_UUID_STRING_BUFLEN];
    size_t i;

    (void)flags;
    vrBufAddLit(&buf, "<network");
    if (def->connections > 0 && !(flags & VR_NETWORK_XML_INACTIVE))
        vrBufAsprintf(&buf, " connections='%d'", def->connections);
    attr(&buf, "ipv6", def->ipv6nogw);
    attr(&buf, "trustGuestRxFilters", def->trustGuestRxFilters);
    vrBufAddLit(&buf, ">\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", def->name);
    vrBufAsprintf(&buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    if (def->title)
        vrBufEscapeXMLPrintf(&buf, "<title>%s</title>\n", def->title);
    if (def->description)
        vrBufEscapeXMLPrintf(&buf, "<description>%s</description>\n", def->description);
    if (def->metadata) {
        vrBufAddLit(&buf, "<metadata>\n");
        vrBufAdjustIndent(&buf, 2);
        vrBufAddFragment(&buf, def->metadata);
        vrBufAdjustIndent(&buf, -2);
        vrBufAddLit(&buf, "</metadata>\n");
    }
    vrNetworkFormatForward(&buf, def);
    vrNetworkFormatBridge(&buf, def);
    if (def->mtu)
        vrBufAsprintf(&buf, "<mtu size='%u'/>\n", def->mtu);
    if (def->mac)
        vrBufAsprintf(&buf, "<mac address='%s'/>\n", def->mac);
    if (def->domain) {
        vrBufAddLit(&buf, "<domain");
        attr(&buf, "name", def->domain);
        attr(&buf, "localOnly", def->domainLocalOnly);
        vrBufAddLit(&buf, "/>\n");
    }
    vrNetworkFormatDNS(&buf, &def->dns);
    vrNetVlanFormat(&buf, &def->vlan);
    vrNetBandwidthFormat(&buf, &def->bandwidth);
    for (i = 0; i < def->nips; i++)
        vrNetworkFormatIP(&buf, &def->ips[i]);
    for (i = 0; i < def->nroutes; i++)
        vrNetworkFormatRoute(&buf, &def->routes[i]);
    if (def->virtualportXML)
        vrBufAddFragment(&buf, def->virtualportXML);
    for (i = 0; i < def->nportgroups; i++) {
        const vrNetworkPortGroupDef *pg = &def->portgroups[i];
        vrBufAddLit(&buf, "<portgroup");
        attr(&buf, "name", pg->name);
        attr(&buf, "default", pg->isDefault);
        if (pg->xml && *pg->xml) {
            vrBufAddLit(&buf, ">\n");
            vrBufAdjustIndent(&buf, 2);
            vrBufAddFragment(&buf, pg->xml);
            vrBufAdjustIndent(&buf, -2);
            vrBufAddLit(&buf, "</portgroup>\n");
        } else {
            vrBufAddLit(&buf, "/>\n");
        }
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</network>\n");
    return vrBufContent(&buf);
}
