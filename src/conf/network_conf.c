/*
 * network_conf.c: <network> parsing, validation and formatting.
 *
 * Addresses are read the way libvirt reads them (the C library's numeric
 * host parser, which also takes "10.1" or octal parts) and kept in the
 * canonical form it prints them in.  Which bridge settings, forward
 * devices and addresses make sense depends on the forward mode; those
 * checks run once the whole document is read.
 */
#include <config.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>

#include "conf_common.h"
#include "network_conf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_NETWORK
#include "conf_xmlprop.h"  /* after VR_FROM_THIS: it reports under it */

VR_ENUM_IMPL(vrNetworkForward, VR_NETWORK_FORWARD_LAST,
             "none", "nat", "route", "open", "bridge", "private", "vepa",
             "passthrough", "hostdev");
VR_ENUM_IMPL(vrNetworkLeaseUnit, VR_NETWORK_LEASE_LAST, "seconds", "minutes", "hours");
VR_ENUM_IMPL(vrNetworkVPort, VR_NETWORK_VPORT_LAST,
             "none", "802.1Qbg", "802.1Qbh", "openvswitch", "midonet");

static const char *const macTableManagers[] = { "default", "kernel", "libvirt", NULL };
static const char *const forwardDrivers[] = { "default", "kvm", "vfio", NULL };
static const char *const nativeVlanModes[] = { "default", "tagged", "untagged", NULL };

static int
vrNetworkTableIndex(const char *const *table, const char *str)
{
    int i;

    for (i = 0; table[i]; i++) {
        if (g_str_equal(table[i], str))
            return i;
    }
    return -1;
}

/* ---- lifetime ------------------------------------------------------ */

void
vrNetworkDHCPRangeClear(vrNetworkDHCPRange *range)
{
    g_free(range->start);
    g_free(range->end);
    memset(range, 0, sizeof(*range));
}

void
vrNetworkDHCPHostClear(vrNetworkDHCPHost *host)
{
    g_free(host->mac);
    g_free(host->id);
    g_free(host->name);
    g_free(host->ip);
    memset(host, 0, sizeof(*host));
}

static void
vrNetworkIPDefClear(vrNetworkIPDef *ip)
{
    size_t i;

    g_free(ip->family);
    g_free(ip->address);
    g_free(ip->netmask);
    g_free(ip->tftproot);
    for (i = 0; i < ip->nranges; i++)
        vrNetworkDHCPRangeClear(&ip->ranges[i]);
    g_free(ip->ranges);
    for (i = 0; i < ip->nhosts; i++)
        vrNetworkDHCPHostClear(&ip->hosts[i]);
    g_free(ip->hosts);
    g_free(ip->bootpFile);
    g_free(ip->bootpServer);
}

void
vrNetworkDNSHostClear(vrNetworkDNSHost *host)
{
    g_free(host->ip);
    if (host->hostnames)
        g_ptr_array_unref(host->hostnames);
    memset(host, 0, sizeof(*host));
}

void
vrNetworkDNSTxtClear(vrNetworkDNSTxt *txt)
{
    g_free(txt->name);
    g_free(txt->value);
    memset(txt, 0, sizeof(*txt));
}

void
vrNetworkDNSSrvClear(vrNetworkDNSSrv *srv)
{
    g_free(srv->service);
    g_free(srv->protocol);
    g_free(srv->domain);
    g_free(srv->target);
    memset(srv, 0, sizeof(*srv));
}

static void
vrNetworkDNSClear(vrNetworkDNSDef *dns)
{
    size_t i;

    for (i = 0; i < dns->nforwarders; i++) {
        g_free(dns->forwarders[i].addr);
        g_free(dns->forwarders[i].domain);
    }
    g_free(dns->forwarders);
    for (i = 0; i < dns->ntxts; i++)
        vrNetworkDNSTxtClear(&dns->txts[i]);
    g_free(dns->txts);
    for (i = 0; i < dns->nsrvs; i++)
        vrNetworkDNSSrvClear(&dns->srvs[i]);
    g_free(dns->srvs);
    for (i = 0; i < dns->nhosts; i++)
        vrNetworkDNSHostClear(&dns->hosts[i]);
    g_free(dns->hosts);
}

static void
vrNetworkBandwidthClear(vrNetworkBandwidth *bw)
{
    g_clear_pointer(&bw->in, g_free);
    g_clear_pointer(&bw->out, g_free);
}

static void
vrNetworkVirtPortFree(vrNetworkVirtPort *vp)
{
    if (!vp)
        return;
    g_free(vp->profileID);
    g_free(vp);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNetworkVirtPort, vrNetworkVirtPortFree)

void
vrNetworkPortGroupClear(vrNetworkPortGroupDef *pg)
{
    g_free(pg->name);
    vrNetworkVirtPortFree(pg->virtPort);
    vrNetworkBandwidthClear(&pg->bandwidth);
    g_free(pg->vlan.tags);
    memset(pg, 0, sizeof(*pg));
}

static void
vrNetworkRouteClear(vrNetworkRouteDef *r)
{
    g_free(r->family);
    g_free(r->address);
    g_free(r->netmask);
    g_free(r->gateway);
}

void
vrNetworkDefFree(vrNetworkDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->metadata);
    for (i = 0; i < def->nforwardIfs; i++)
        g_free(def->forwardIfs[i].dev);
    g_free(def->forwardIfs);
    g_free(def->forwardPf);
    g_free(def->natAddrStart);
    g_free(def->natAddrEnd);
    g_free(def->bridge);
    g_free(def->bridgeZone);
    g_free(def->mac);
    g_free(def->domain);
    vrNetworkDNSClear(&def->dns);
    g_free(def->vlan.tags);
    vrNetworkBandwidthClear(&def->bandwidth);
    for (i = 0; i < def->nips; i++)
        vrNetworkIPDefClear(&def->ips[i]);
    g_free(def->ips);
    for (i = 0; i < def->nroutes; i++)
        vrNetworkRouteClear(&def->routes[i]);
    g_free(def->routes);
    vrNetworkVirtPortFree(def->virtPort);
    for (i = 0; i < def->nportgroups; i++)
        vrNetworkPortGroupClear(&def->portgroups[i]);
    g_free(def->portgroups);
    g_free(def);
}

/* ---- addresses ----------------------------------------------------- */

typedef struct {
    int family;                    /* AF_INET / AF_INET6 */
    unsigned char bytes[16];       /* network order, 4 used for IPv4 */
} vrNetAddr;

/* Reads a numeric address of @family (AF_UNSPEC: either).  When
 * @report, a failure is reported as libvirt's socket address parser
 * does; callers with their own message pass false. */
static int
vrNetAddrParse(const char *str, int family, vrNetAddr *addr, bool report)
{
    struct addrinfo hints = { .ai_family = family, .ai_flags = AI_NUMERICHOST };
    struct addrinfo *res = NULL;
    int rc;

    if (!str || (rc = getaddrinfo(str, NULL, &hints, &res)) != 0 || !res) {
        if (report)
            vrReportError(VR_ERR_SYSTEM_ERROR, "Cannot parse socket address '%s': %s",
                          str ? str : "", str ? gai_strerror(rc) : "");
        return -1;
    }
    memset(addr, 0, sizeof(*addr));
    addr->family = res->ai_family;
    if (res->ai_family == AF_INET)
        memcpy(addr->bytes, &((struct sockaddr_in *)res->ai_addr)->sin_addr, 4);
    else
        memcpy(addr->bytes, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, 16);
    freeaddrinfo(res);
    return 0;
}

static char *
vrNetAddrFormat(const vrNetAddr *addr)
{
    char buf[INET6_ADDRSTRLEN];

    if (!inet_ntop(addr->family, addr->bytes, buf, sizeof(buf)))
        return g_strdup("");
    return g_strdup(buf);
}

/* Parses and rewrites *@str in canonical form; -1 when it is no address. */
static int
vrNetAddrCanonicalize(char **str, int family, bool report)
{
    vrNetAddr addr;

    if (vrNetAddrParse(*str, family, &addr, report) < 0)
        return -1;
    g_free(*str);
    *str = vrNetAddrFormat(&addr);
    return 0;
}

static size_t
vrNetAddrLen(const vrNetAddr *addr)
{
    return addr->family == AF_INET ? 4 : 16;
}

/* Number of leading one bits of a contiguous mask, else -1. */
static int
vrNetAddrMaskBits(const vrNetAddr *mask)
{
    size_t i, len = vrNetAddrLen(mask);
    int bits = 0;
    bool ended = false;

    for (i = 0; i < len * 8; i++) {
        bool set = mask->bytes[i / 8] & (0x80 >> (i % 8));
        if (set && ended)
            return -1;
        if (!set)
            ended = true;
        else
            bits++;
    }
    return bits;
}

/* Whether @a and @b agree on their first @prefix bits. */
static bool
vrNetAddrSamePrefix(const vrNetAddr *a, const vrNetAddr *b, int prefix)
{
    int i;

    if (a->family != b->family)
        return false;
    for (i = 0; i < prefix; i++) {
        unsigned char bit = 0x80 >> (i % 8);
        if ((a->bytes[i / 8] & bit) != (b->bytes[i / 8] & bit))
            return false;
    }
    return true;
}

static bool
vrNetworkIsIPv6(const vrNetworkIPDef *ip)
{
    return ip->address && strchr(ip->address, ':');
}

/* The prefix a network's <ip> stands for: its prefix or netmask, else
 * the IPv4 address class (or 64 for IPv6); -1 when none applies. */
static int
vrNetworkIPPrefix(const vrNetworkIPDef *ip)
{
    vrNetAddr addr;

    if (ip->prefix > 0)
        return (int)ip->prefix;
    if (ip->netmask && vrNetAddrParse(ip->netmask, AF_UNSPEC, &addr, false) == 0)
        return vrNetAddrMaskBits(&addr);
    if (vrNetworkIsIPv6(ip))
        return 64;
    if (vrNetAddrParse(ip->address, AF_INET, &addr, false) < 0)
        return -1;
    if (!(addr.bytes[0] & 0x80))
        return 8;
    if ((addr.bytes[0] & 0xC0) == 0x80)
        return 16;
    if ((addr.bytes[0] & 0xE0) == 0xC0)
        return 24;
    return -1;
}

/* The size of a start-end range; @network (with @prefix) must contain
 * it when given. */
static int
vrNetAddrCheckRange(const vrNetAddr *start, const vrNetAddr *end, const vrNetAddr *network,
                    int prefix)
{
    g_autofree char *s = vrNetAddrFormat(start);
    g_autofree char *e = vrNetAddrFormat(end);
    g_autofree char *n = network ? vrNetAddrFormat(network) : NULL;
    const unsigned char *a = start->bytes, *b = end->bytes;
    long long size;
    size_t i;

    if (start->family != end->family) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "mismatch of address family in range %s - %s", s, e);
        return -1;
    }
    if (network && network->family != start->family) {
        vrReportError(VR_ERR_INTERNAL_ERROR,
                      "mismatch of address family in range %s - %s for network %s", s, e, n);
        return -1;
    }
    if (network && prefix < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "bad prefix %d for network %s when  checking range %s - %s",
                      prefix, n, s, e);
        return -1;
    }
    if (network && (!vrNetAddrSamePrefix(start, network, prefix) ||
                    !vrNetAddrSamePrefix(end, network, prefix))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "range %s - %s is not entirely within network %s/%d",
                      s, e, n, prefix);
        return -1;
    }
    /* IPv4 ranges may span the last two bytes, IPv6 ones the last word */
    for (i = 0; i < (start->family == AF_INET ? 2 : 14); i++) {
        if (a[i] != b[i]) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "range %s - %s is too large (> 65535)", s, e);
            return -1;
        }
    }
    i = start->family == AF_INET ? 2 : 14;
    size = (b[i] << 8 | b[i + 1]) - (a[i] << 8 | a[i + 1]) + 1;
    if (size < 1) {
        vrReportError(VR_ERR_INTERNAL_ERROR, start->family == AF_INET ? "range %s - %s is reversed "
                      : "range %s - %s start larger than end", s, e);
        return -1;
    }
    return 0;
}

/* ---- shared pieces: bandwidth, vlan, virtual port ------------------ */

static int
vrNetworkRateValue(const char *str, const char *what, unsigned long long *value)
{
    if (!vrPropStrToNum(str, 10, true, 0, G_MAXUINT64, value)) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "could not convert bandwidth %s value '%s'",
                      what, str);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseRate(xmlNodePtr node, bool allowFloor, vrNetworkRate **ratep)
{
    g_autofree vrNetworkRate *rate = g_new0(vrNetworkRate, 1);
    g_autofree char *average = vrXMLProp(node, "average");
    g_autofree char *peak = vrXMLProp(node, "peak");
    g_autofree char *burst = vrXMLProp(node, "burst");
    g_autofree char *floor = vrXMLProp(node, "floor");

    if (average) {
        if (vrNetworkRateValue(average, "average", &rate->average) < 0)
            return -1;
    } else if (!floor) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "Missing mandatory average or floor attributes");
        return -1;
    }
    if ((peak || burst) && !average) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "'peak' and 'burst' require 'average' attribute");
        return -1;
    }
    if ((peak && vrNetworkRateValue(peak, "peak", &rate->peak) < 0) ||
        (burst && vrNetworkRateValue(burst, "burst", &rate->burst) < 0))
        return -1;
    if (floor) {
        if (!allowFloor) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "'floor' attribute allowed only in <inbound> element");
            return -1;
        }
        if (vrNetworkRateValue(floor, "floor", &rate->floor) < 0)
            return -1;
    }
    *ratep = g_steal_pointer(&rate);
    return 0;
}

/* Networks (and their port groups) cannot reserve bandwidth: floor is a
 * property of a guest's connection to them. */
static int
vrNetworkParseBandwidth(xmlNodePtr node, vrNetworkBandwidth *bw)
{
    xmlNodePtr in = vrXMLChild(node, "inbound");
    xmlNodePtr out = vrXMLChild(node, "outbound");

    if (!node)
        return 0;
    if (vrXMLCountChildren(node, "inbound") > 1) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "Only one child <inbound> element allowed");
        return -1;
    }
    if (vrXMLCountChildren(node, "outbound") > 1) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "Only one child <outbound> element allowed");
        return -1;
    }
    if ((in && vrNetworkParseRate(in, true, &bw->in) < 0) ||
        (out && vrNetworkParseRate(out, false, &bw->out) < 0))
        return -1;
    /* a rate of average 0 without floor limits nothing and is not written
     * back; dropped now, or an empty <bandwidth> would be (libvirt's is) */
    if (bw->in && !bw->in->average && !bw->in->floor)
        g_clear_pointer(&bw->in, g_free);
    if (bw->out && !bw->out->average && !bw->out->floor)
        g_clear_pointer(&bw->out, g_free);
    if (bw->in && bw->in->floor) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "floor attribute is not supported for this config");
        return -1;
    }
    return 0;
}

static int
vrNetworkParseVlanTag(xmlNodePtr tag, vrNetworkVlan *vlan)
{
    unsigned int id = 0;
    int mode = 0;
    g_autofree char *modeStr = vrXMLProp(tag, "nativeMode");
    int rc = vrPropUInt(tag, "id", 10, &id);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        vrPropReportMissing(tag, "id");
        return -1;
    }
    if (id > 4095) {
        vrReportError(VR_ERR_XML_ERROR, "vlan tag id %u too large (maximum 4095)", id);
        return -1;
    }
    if (modeStr && (mode = vrNetworkTableIndex(nativeVlanModes, modeStr)) <= 0) {
        vrPropReportInvalid(tag, "nativeMode", modeStr, "");
        return -1;
    }
    if (mode) {
        if (vlan->nativeMode) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "duplicate native vlan setting");
            return -1;
        }
        vlan->nativeMode = mode;
        vlan->nativeTag = id;
    }
    vlan->tags = g_renew(unsigned int, vlan->tags, vlan->ntags + 1);
    vlan->tags[vlan->ntags++] = id;
    return 0;
}

static int
vrNetworkParseVlan(xmlNodePtr node, vrNetworkVlan *vlan)
{
    g_autofree char *trunk = NULL;

    if (!node)
        return 0;
    if (!vrXMLChild(node, "tag")) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        return -1;
    }
    vrXMLForEachNamed(node, "tag", tag) {
        if (vrNetworkParseVlanTag(tag, vlan) < 0)
            return -1;
    }
    vlan->trunk = vlan->ntags > 1;
    if (!(trunk = vrPropNonEmpty(node, "trunk")))
        return 0;
    if ((vlan->trunk = g_ascii_strcasecmp(trunk, "yes") == 0))
        return 0;
    if (vlan->ntags > 1) {
        vrReportError(VR_ERR_XML_ERROR,
                      "invalid \"trunk='%s'\" in <vlan> - trunk='yes' is required for more than one vlan tag",
                      trunk);
        return -1;
    }
    if (vlan->nativeMode) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "invalid configuration in <vlan> - \"trunk='no'\" is not allowed with a native vlan id");
        return -1;
    }
    if (g_ascii_strcasecmp(trunk, "no") != 0) {
        vrReportError(VR_ERR_XML_ERROR, "invalid \"trunk='%s'\" in <vlan> - must be yes or no",
                      trunk);
        return -1;
    }
    return 0;
}

static int
vrNetworkVPortNumber(xmlNodePtr params, const char *attr, unsigned int max, const char *range,
                     unsigned int *value, bool *has)
{
    g_autofree char *str = vrXMLProp(params, attr);
    unsigned long long v;

    if (!str)
        return 0;
    if (!vrPropStrToNum(str, 10, true, 0, G_MAXUINT, &v)) {
        vrReportError(VR_ERR_XML_ERROR, "cannot parse value of %s parameter", attr);
        return -1;
    }
    if (v > max) {
        vrReportError(VR_ERR_XML_ERROR, "%s", range);
        return -1;
    }
    *value = (unsigned int)v;
    *has = true;
    return 0;
}

static int
vrNetworkVPortUUID(xmlNodePtr params, const char *attr, unsigned char *uuid, bool *has)
{
    g_autofree char *str = vrXMLProp(params, attr);

    if (!str)
        return 0;
    if (vrUUIDParse(str, uuid) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "cannot parse %s parameter as a uuid", attr);
        return -1;
    }
    *has = true;
    return 0;
}

static int
vrNetworkVPortParams(xmlNodePtr params, vrNetworkVirtPort *vp)
{
    if (!params)
        return 0;
    if (vrNetworkVPortNumber(params, "managerid", 0xff, "value of managerid out of range",
                             &vp->managerID, &vp->hasManagerID) < 0 ||
        vrNetworkVPortNumber(params, "typeid", 0xffffff, "value for typeid out of range",
                             &vp->typeID, &vp->hasTypeID) < 0 ||
        vrNetworkVPortNumber(params, "typeidversion", 0xff, "value of typeidversion out of range",
                             &vp->typeIDVersion, &vp->hasTypeIDVersion) < 0 ||
        vrNetworkVPortUUID(params, "instanceid", vp->instanceID, &vp->hasInstanceID) < 0)
        return -1;
    if ((vp->profileID = vrXMLProp(params, "profileid")) && strlen(vp->profileID) >= 40) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "profileid parameter too long");
        return -1;
    }
    return vrNetworkVPortUUID(params, "interfaceid", vp->interfaceID, &vp->hasInterfaceID);
}

/* Each type takes only some of the parameters. */
static int
vrNetworkVPortCheckExtras(const vrNetworkVirtPort *vp)
{
    struct {
        const char *name;
        bool set;
        unsigned int refusedBy;    /* bit per vrNetworkVPortType */
    } params[] = {
        { "managerid", vp->hasManagerID,
          1 << VR_NETWORK_VPORT_8021QBH | 1 << VR_NETWORK_VPORT_OPENVSWITCH |
          1 << VR_NETWORK_VPORT_MIDONET },
        { "typeid", vp->hasTypeID,
          1 << VR_NETWORK_VPORT_8021QBH | 1 << VR_NETWORK_VPORT_OPENVSWITCH |
          1 << VR_NETWORK_VPORT_MIDONET },
        { "typeidversion", vp->hasTypeIDVersion,
          1 << VR_NETWORK_VPORT_8021QBH | 1 << VR_NETWORK_VPORT_OPENVSWITCH |
          1 << VR_NETWORK_VPORT_MIDONET },
        { "instanceid", vp->hasInstanceID,
          1 << VR_NETWORK_VPORT_8021QBH | 1 << VR_NETWORK_VPORT_OPENVSWITCH |
          1 << VR_NETWORK_VPORT_MIDONET },
        { "profileid", vp->profileID != NULL, 1 << VR_NETWORK_VPORT_8021QBG },
        { "interfaceid", vp->hasInterfaceID,
          1 << VR_NETWORK_VPORT_8021QBG | 1 << VR_NETWORK_VPORT_8021QBH },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(params); i++) {
        if (params[i].set && (params[i].refusedBy & (1u << vp->type))) {
            vrReportError(VR_ERR_XML_ERROR, "extra %s unsupported in <virtualport type='%s'>",
                          params[i].name, vrNetworkVPortTypeToString(vp->type));
            return -1;
        }
    }
    return 0;
}

static int
vrNetworkParseVirtPort(xmlNodePtr node, bool requireType, vrNetworkVirtPort **vpp)
{
    g_autoptr(vrNetworkVirtPort) vp = g_new0(vrNetworkVirtPort, 1);
    g_autofree char *type = vrXMLProp(node, "type");

    if (!type && requireType) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing required virtualport type");
        return -1;
    }
    if (type && (vp->type = vrNetworkVPortTypeFromString(type)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown virtualport type %s", type);
        return -1;
    }
    if (vrNetworkVPortParams(vrXMLChild(node, "parameters"), vp) < 0 ||
        vrNetworkVPortCheckExtras(vp) < 0)
        return -1;
    *vpp = g_steal_pointer(&vp);
    return 0;
}

/* ---- DHCP ---------------------------------------------------------- */

static int
vrNetworkParseLease(xmlNodePtr node, bool *has, unsigned long long *expiry, int *unit)
{
    unsigned long long seconds;
    int rc;

    *unit = VR_NETWORK_LEASE_MINUTES;
    if (!node || (rc = vrPropULLong(node, "expiry", 10, expiry)) == 0)
        return 0;
    if (rc < 0 ||
        vrPropEnum(node, "unit", vrNetworkLeaseUnitTypeFromString, false, false, unit) < 0)
        return -1;
    seconds = *expiry * (*unit == VR_NETWORK_LEASE_HOURS ? 3600 :
                         *unit == VR_NETWORK_LEASE_MINUTES ? 60 : 1);
    /* 0 is an infinite lease */
    if (*expiry > 0 && seconds < 120) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "The minimum lease time should be greater than 2 minutes");
        return -1;
    }
    *has = true;
    return 0;
}

int
vrNetworkDHCPRangeParse(const vrNetworkDef *def, const vrNetworkIPDef *ip, xmlNodePtr node,
                        vrNetworkDHCPRange *range)
{
    vrNetAddr start, end, network;

    memset(range, 0, sizeof(*range));
    if (!(range->start = vrXMLProp(node, "start"))) {
        vrReportError(VR_ERR_XML_ERROR, "Missing 'start' attribute in dhcp range for network '%s'",
                      def->name);
        return -1;
    }
    if (vrNetAddrParse(range->start, AF_UNSPEC, &start, true) < 0)
        return -1;
    if (!(range->end = vrXMLProp(node, "end"))) {
        vrReportError(VR_ERR_XML_ERROR, "Missing 'end' attribute in dhcp range for network '%s'",
                      def->name);
        return -1;
    }
    if (vrNetAddrParse(range->end, AF_UNSPEC, &end, true) < 0 ||
        vrNetAddrParse(ip->address, AF_UNSPEC, &network, true) < 0 ||
        vrNetAddrCheckRange(&start, &end, &network, vrNetworkIPPrefix(ip)) < 0)
        return -1;
    g_free(range->start);
    g_free(range->end);
    range->start = vrNetAddrFormat(&start);
    range->end = vrNetAddrFormat(&end);
    return vrNetworkParseLease(vrXMLChild(node, "lease"), &range->hasLease,
                               &range->leaseExpiry, &range->leaseUnit);
}

static int
vrNetworkDHCPHostCheckMAC(const vrNetworkDef *def, const vrNetworkIPDef *ip,
                          const char *mac)
{
    unsigned char bytes[6];

    if (vrNetworkIsIPv6(ip)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid to specify MAC address '%s' in network '%s' IPv6 static host definition",
                      mac, def->name);
        return -1;
    }
    if (vrMacParse(mac, bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Cannot parse MAC address '%s' in network '%s'", mac,
                      def->name);
        return -1;
    }
    if (bytes[0] & 1) {
        vrReportError(VR_ERR_XML_ERROR,
                      "expected unicast mac address, found multicast '%s' in network '%s'", mac,
                      def->name);
        return -1;
    }
    return 0;
}

/* Every id, name and address check of a static host; @partial (for
 * deletions) lets a host be named by any one of them. */
static int
vrNetworkDHCPHostCheck(const vrNetworkDef *def, const vrNetworkIPDef *ip,
                       vrNetworkDHCPHost *host, bool partial)
{
    size_t bad;

    if (host->mac && vrNetworkDHCPHostCheckMAC(def, ip, host->mac) < 0)
        return -1;
    if (host->id && host->id[bad = strspn(host->id, "0123456789abcdefABCDEF:")]) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid character '%c' in id '%s' of network '%s'",
                      host->id[bad], host->id, def->name);
        return -1;
    }
    if (host->name && !g_ascii_isalnum(host->name[0])) {
        vrReportError(VR_ERR_XML_ERROR, "Cannot use host name '%s' in network '%s'", host->name,
                      def->name);
        return -1;
    }
    if (host->ip && vrNetAddrCanonicalize(&host->ip, AF_UNSPEC, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid IP address in static host definition for network '%s'",
                      def->name);
        return -1;
    }
    if (partial)
        return 0;
    if (vrNetworkIsIPv6(ip) ? !host->id && !host->name : !host->mac && !host->name) {
        vrReportError(VR_ERR_XML_ERROR,
                      vrNetworkIsIPv6(ip)
                      ? "Static host definition in IPv6 network '%s' must have id or name attribute"
                      : "Static host definition in IPv4 network '%s' must have mac or name attribute",
                      def->name);
        return -1;
    }
    if (!host->ip) {
        vrReportError(VR_ERR_XML_ERROR, "Missing IP address in static host definition for network '%s'",
                      def->name);
        return -1;
    }
    return 0;
}

int
vrNetworkDHCPHostParse(const vrNetworkDef *def, const vrNetworkIPDef *ip, xmlNodePtr node,
                       bool partial, vrNetworkDHCPHost *host)
{
    memset(host, 0, sizeof(*host));
    host->mac = vrXMLProp(node, "mac");
    host->id = vrXMLProp(node, "id");
    host->name = vrXMLProp(node, "name");
    host->ip = vrXMLProp(node, "ip");
    if (vrNetworkDHCPHostCheck(def, ip, host, partial) < 0)
        return -1;
    return vrNetworkParseLease(vrXMLChild(node, "lease"), &host->hasLease,
                               &host->leaseExpiry, &host->leaseUnit);
}

static int
vrNetworkParseBootp(xmlNodePtr node, vrNetworkIPDef *ip)
{
    g_autofree char *file = vrXMLProp(node, "file");
    g_autofree char *server = vrXMLProp(node, "server");

    /* without a file there is nothing to boot: ignored */
    if (!file)
        return 0;
    if (server && vrNetAddrCanonicalize(&server, AF_UNSPEC, true) < 0)
        return -1;
    g_free(ip->bootpFile);
    g_free(ip->bootpServer);
    ip->bootpFile = g_steal_pointer(&file);
    ip->bootpServer = g_steal_pointer(&server);
    return 0;
}

static int
vrNetworkParseDHCP(const vrNetworkDef *def, xmlNodePtr dhcp, vrNetworkIPDef *ip)
{
    vrXMLForEachChild(dhcp, child) {
        if (vrXMLIsElement(child, "range")) {
            ip->ranges = g_renew(vrNetworkDHCPRange, ip->ranges, ip->nranges + 1);
            if (vrNetworkDHCPRangeParse(def, ip, child, &ip->ranges[ip->nranges++]) < 0)
                return -1;
        } else if (vrXMLIsElement(child, "host")) {
            ip->hosts = g_renew(vrNetworkDHCPHost, ip->hosts, ip->nhosts + 1);
            if (vrNetworkDHCPHostParse(def, ip, child, false, &ip->hosts[ip->nhosts++]) < 0)
                return -1;
        } else if (vrXMLIsElement(child, "bootp") && !vrNetworkIsIPv6(ip) &&
                   vrNetworkParseBootp(child, ip) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- <ip> ---------------------------------------------------------- */

static int
vrNetworkIPCheckIPv4(const vrNetworkDef *def, vrNetworkIPDef *ip, const vrNetAddr *addr,
                     const vrNetAddr *mask)
{
    if (addr->family != AF_INET) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "%s family specified for non-IPv4 address '%s' in network '%s'",
                      ip->family ? "ipv4" : "no", ip->address, def->name);
        return -1;
    }
    if (ip->netmask) {
        if (mask->family != AF_INET) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "Invalid netmask '%s' for address '%s' in network '%s' (both must be IPv4)",
                          ip->netmask, ip->address, def->name);
            return -1;
        }
        if (ip->prefix > 0) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "Network '%s' IP address cannot have both a prefix and a netmask",
                          def->name);
            return -1;
        }
    } else if (ip->prefix > 32) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid IPv4 prefix '%u' in network '%s'",
                      ip->prefix, def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkIPCheckFamily(const vrNetworkDef *def, vrNetworkIPDef *ip, const vrNetAddr *addr,
                       const vrNetAddr *mask)
{
    if (!ip->family || g_str_equal(ip->family, "ipv4"))
        return vrNetworkIPCheckIPv4(def, ip, addr, mask);
    if (!g_str_equal(ip->family, "ipv6")) {
        vrReportError(VR_ERR_XML_ERROR, "Unrecognized family '%s' in network '%s'", ip->family,
                      def->name);
        return -1;
    }
    if (addr->family != AF_INET6) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "Family 'ipv6' specified for non-IPv6 address '%s' in network '%s'",
                      ip->address, def->name);
        return -1;
    }
    if (ip->netmask) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "netmask not allowed for IPv6 address '%s' in network '%s'",
                      ip->address, def->name);
        return -1;
    }
    if (ip->prefix > 128) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Invalid IPv6 prefix '%u' in network '%s'",
                      ip->prefix, def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseIPAddresses(const vrNetworkDef *def, xmlNodePtr node, vrNetworkIPDef *ip,
                          vrNetAddr *addr, vrNetAddr *mask)
{
    if (!(ip->address = vrXMLProp(node, "address"))) {
        vrReportError(VR_ERR_XML_ERROR, "Missing required address attribute in network '%s'",
                      def->name);
        return -1;
    }
    if (vrNetAddrParse(ip->address, AF_UNSPEC, addr, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid address '%s' in network '%s'", ip->address,
                      def->name);
        return -1;
    }
    if ((ip->netmask = vrXMLProp(node, "netmask")) &&
        vrNetAddrParse(ip->netmask, AF_UNSPEC, mask, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid netmask '%s' in network '%s'", ip->netmask,
                      def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseIP(const vrNetworkDef *def, xmlNodePtr node, vrNetworkIPDef *ip)
{
    vrNetAddr addr, mask;
    xmlNodePtr child;

    ip->family = vrXMLProp(node, "family");
    if (vrNetworkParseIPAddresses(def, node, ip, &addr, &mask) < 0 ||
        vrPropUInt(node, "prefix", 10, &ip->prefix) < 0 ||
        vrPropTristate(node, "localPtr", &ip->localPtr) < 0 ||
        vrNetworkIPCheckFamily(def, ip, &addr, &mask) < 0)
        return -1;
    ip->hasPrefix = ip->prefix > 0;
    g_free(ip->address);
    ip->address = vrNetAddrFormat(&addr);
    if (ip->netmask) {
        g_free(ip->netmask);
        ip->netmask = vrNetAddrFormat(&mask);
    }
    if ((child = vrXMLChild(node, "dhcp")) && vrNetworkParseDHCP(def, child, ip) < 0)
        return -1;
    if ((child = vrXMLChild(node, "tftp"))) {
        if (addr.family != AF_INET) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "Unsupported <tftp> element in an IPv6 element in network '%s'",
                          def->name);
            return -1;
        }
        ip->tftproot = vrXMLProp(child, "root");
    }
    return 0;
}

/* ---- <route> ------------------------------------------------------- */

static int
vrNetworkRouteCheckIPv4(const vrNetworkDef *def, vrNetworkRouteDef *r, const vrNetAddr *addr,
                        const vrNetAddr *gw, vrNetAddr *mask)
{
    if (addr->family != AF_INET || gw->family != AF_INET) {
        vrReportError(VR_ERR_XML_ERROR,
                      "%s: %s family specified for non-IPv4 address '%s' in route definition",
                      def->name, r->family ? "ipv4" : "No", r->address);
        return -1;
    }
    if (r->netmask) {
        if (vrNetAddrParse(r->netmask, AF_UNSPEC, mask, false) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "%s: Bad netmask address '%s' in route definition",
                          def->name, r->netmask);
            return -1;
        }
        if (mask->family != AF_INET) {
            vrReportError(VR_ERR_XML_ERROR,
                          "%s: Invalid netmask '%s' for address '%s' (both must be IPv4)",
                          def->name, r->netmask, r->address);
            return -1;
        }
        if (r->hasPrefix) {
            vrReportError(VR_ERR_XML_ERROR,
                          "%s: Route definition cannot have both a prefix and a netmask",
                          def->name);
            return -1;
        }
    }
    if (r->prefix > 32) {
        vrReportError(VR_ERR_XML_ERROR,
                      "%s: Invalid prefix %u specified in route definition, must be 0 - 32",
                      def->name, r->prefix);
        return -1;
    }
    return 0;
}

static int
vrNetworkRouteCheckFamily(const vrNetworkDef *def, vrNetworkRouteDef *r, const vrNetAddr *addr,
                          const vrNetAddr *gw, vrNetAddr *mask)
{
    if (!r->family || g_str_equal(r->family, "ipv4"))
        return vrNetworkRouteCheckIPv4(def, r, addr, gw, mask);
    if (!g_str_equal(r->family, "ipv6")) {
        vrReportError(VR_ERR_XML_ERROR, "%s: Unrecognized family '%s' in route definition",
                      def->name, r->family);
        return -1;
    }
    if (addr->family != AF_INET6 || gw->family != AF_INET6) {
        vrReportError(VR_ERR_XML_ERROR,
                      "%s: ipv6 family specified for non-IPv6 address '%s' in route definition",
                      def->name, r->address);
        return -1;
    }
    if (r->netmask) {
        vrReportError(VR_ERR_XML_ERROR,
                      "%s: Specifying netmask invalid for IPv6 address '%s' in route definition",
                      def->name, r->address);
        return -1;
    }
    if (r->prefix > 128) {
        vrReportError(VR_ERR_XML_ERROR,
                      "%s: Invalid prefix %u specified in route definition, must be 0 - 128",
                      def->name, r->prefix);
        return -1;
    }
    return 0;
}

/* A route names a network: no bit outside its mask may be set. */
static int
vrNetworkRouteCheckNetwork(const vrNetworkDef *def, const vrNetworkRouteDef *r,
                           const vrNetAddr *addr, const vrNetAddr *mask)
{
    size_t i, len = vrNetAddrLen(addr);

    for (i = 0; i < len; i++) {
        unsigned char keep = r->netmask ? mask->bytes[i]
                             : i * 8 >= r->prefix ? 0
                             : i * 8 + 8 <= r->prefix ? 0xff
                             : (unsigned char)(0xff << (8 - (r->prefix - i * 8)));
        if (addr->bytes[i] & ~keep) {
            vrReportError(VR_ERR_XML_ERROR,
                          "%s: Address '%s' in route definition is not a network address",
                          def->name, r->address);
            return -1;
        }
    }
    return 0;
}

static int
vrNetworkParseRoute(const vrNetworkDef *def, xmlNodePtr node, vrNetworkRouteDef *r)
{
    vrNetAddr addr, gw, mask;
    int rc;

    r->family = vrXMLProp(node, "family");
    r->address = vrXMLProp(node, "address");
    r->netmask = vrXMLProp(node, "netmask");
    r->gateway = vrXMLProp(node, "gateway");
    if ((rc = vrPropUInt(node, "prefix", 10, &r->prefix)) < 0)
        return -1;
    r->hasPrefix = rc > 0;
    if ((rc = vrPropUInt(node, "metric", 10, &r->metric)) < 0)
        return -1;
    if (rc > 0 && r->metric == 0) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Invalid value for attribute 'metric' in element 'route': Zero is not permitted");
        return -1;
    }
    if (!r->address) {
        vrReportError(VR_ERR_XML_ERROR, "%s: Missing required address attribute in route definition",
                      def->name);
        return -1;
    }
    if (!r->gateway) {
        vrReportError(VR_ERR_XML_ERROR, "%s: Missing required gateway attribute in route definition",
                      def->name);
        return -1;
    }
    if (vrNetAddrParse(r->address, AF_UNSPEC, &addr, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s: Bad network address '%s' in route definition",
                      def->name, r->address);
        return -1;
    }
    if (vrNetAddrParse(r->gateway, AF_UNSPEC, &gw, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s: Bad gateway address '%s' in route definition",
                      def->name, r->gateway);
        return -1;
    }
    if (vrNetworkRouteCheckFamily(def, r, &addr, &gw, &mask) < 0 ||
        vrNetworkRouteCheckNetwork(def, r, &addr, &mask) < 0)
        return -1;
    g_free(r->address);
    g_free(r->gateway);
    r->address = vrNetAddrFormat(&addr);
    r->gateway = vrNetAddrFormat(&gw);
    if (r->netmask) {
        g_free(r->netmask);
        r->netmask = vrNetAddrFormat(&mask);
    }
    return 0;
}

/* A static route must go through a host on one of the network's own
 * subnets. */
static int
vrNetworkCheckRouteGateways(const vrNetworkDef *def)
{
    size_t i, j;

    for (i = 0; i < def->nroutes; i++) {
        vrNetAddr gw, net;
        bool reachable = false;

        if (vrNetAddrParse(def->routes[i].gateway, AF_UNSPEC, &gw, false) < 0)
            continue;
        for (j = 0; j < def->nips && !reachable; j++) {
            int prefix = vrNetworkIPPrefix(&def->ips[j]);
            reachable = vrNetAddrParse(def->ips[j].address, AF_UNSPEC, &net, false) == 0 &&
                        prefix >= 0 && vrNetAddrSamePrefix(&gw, &net, prefix);
        }
        if (!reachable) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                          "unreachable static route gateway '%s' specified for network '%s'",
                          def->routes[i].gateway, def->name);
            return -1;
        }
    }
    return 0;
}

/* ---- <dns> --------------------------------------------------------- */

int
vrNetworkDNSHostParse(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                      vrNetworkDNSHost *host)
{
    memset(host, 0, sizeof(*host));
    host->hostnames = g_ptr_array_new_with_free_func(g_free);
    if (!(host->ip = vrXMLProp(node, "ip")) && !partial) {
        vrReportError(VR_ERR_XML_DETAIL, "Missing IP address in network '%s' DNS HOST record",
                      def->name);
        return -1;
    }
    if (host->ip && vrNetAddrCanonicalize(&host->ip, AF_UNSPEC, false) < 0) {
        vrReportError(VR_ERR_XML_DETAIL, "Invalid IP address in network '%s' DNS HOST record",
                      def->name);
        return -1;
    }
    vrXMLForEachNamed(node, "hostname", hn) {
        g_autofree char *name = vrXMLContent(hn);
        if (!*name) {
            vrReportError(VR_ERR_XML_DETAIL, "Missing hostname in network '%s' DNS HOST record",
                          def->name);
            return -1;
        }
        g_ptr_array_add(host->hostnames, g_steal_pointer(&name));
    }
    if (!host->hostnames->len && !partial) {
        vrReportError(VR_ERR_XML_DETAIL, "Missing hostname in network '%s' DNS HOST record",
                      def->name);
        return -1;
    }
    return 0;
}

int
vrNetworkDNSTxtParse(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                     vrNetworkDNSTxt *txt)
{
    memset(txt, 0, sizeof(*txt));
    if (!(txt->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "missing required name attribute in DNS TXT record of network %s",
                      def->name);
        return -1;
    }
    /* a TXT name is a single DNS label */
    if (strcspn(txt->name, " ,") != strlen(txt->name)) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "prohibited character in DNS TXT record name '%s' of network %s",
                      txt->name, def->name);
        return -1;
    }
    if (!(txt->value = vrXMLProp(node, "value")) && !partial) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "missing required value attribute in DNS TXT record named '%s' of network %s",
                      txt->name, def->name);
        return -1;
    }
    return 0;
}

/* port, priority and weight: 0 absent, 1 read, -1 malformed. */
static int
vrNetworkSrvNumber(xmlNodePtr node, const char *attr, unsigned int *value)
{
    g_autofree char *str = vrPropNonEmpty(node, attr);
    unsigned long long v;

    if (!str)
        return 0;
    if (!vrPropStrToNum(str, 10, true, 0, G_MAXUINT, &v))
        return -1;
    *value = (unsigned int)v;
    return 1;
}

static int
vrNetworkSrvCheckNumber(const vrNetworkDef *def, xmlNodePtr node, const vrNetworkDNSSrv *srv,
                        const char *attr, unsigned int min, const char *invalid,
                        unsigned int *value)
{
    int rc = vrNetworkSrvNumber(node, attr, value);

    if (rc > 0 && !srv->target) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "DNS SRV %s attribute not permitted without target for service '%s' in network '%s'",
                      attr, srv->service, def->name);
        return -1;
    }
    if (rc < 0 || (rc > 0 && (*value < min || *value > 65535))) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        vrReportError(VR_ERR_XML_DETAIL, invalid, srv->service, def->name);
#pragma GCC diagnostic pop
        return -1;
    }
    return 0;
}

static bool
vrNetworkSrvCharsOK(const char *str, const char *extra)
{
    for (; *str; str++) {
        if (!g_ascii_isalnum(*str) && !strchr(extra, *str))
            return false;
    }
    return true;
}

static int
vrNetworkDNSSrvNames(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                     vrNetworkDNSSrv *srv)
{
    if (!(srv->service = vrXMLProp(node, "service")) && !partial) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "missing required service attribute in DNS SRV record of network '%s'",
                      def->name);
        return -1;
    }
    if (srv->service && !vrNetworkSrvCharsOK(srv->service, "_-+")) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "invalid character in service attribute '%s' in DNS SRV record of network '%s'",
                      srv->service, def->name);
        return -1;
    }
    if (!(srv->protocol = vrXMLProp(node, "protocol")) && !partial) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "missing required protocol attribute in DNS SRV record '%s' of network '%s'",
                      srv->service, def->name);
        return -1;
    }
    if (srv->protocol && !vrNetworkSrvCharsOK(srv->protocol, "-+")) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "invalid character in protocol attribute '%s' in DNS SRV record of network '%s'",
                      srv->protocol, def->name);
        return -1;
    }
    return 0;
}

int
vrNetworkDNSSrvParse(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                     vrNetworkDNSSrv *srv)
{
    memset(srv, 0, sizeof(*srv));
    if (vrNetworkDNSSrvNames(def, node, partial, srv) < 0)
        return -1;
    srv->domain = vrXMLProp(node, "domain");
    srv->target = vrXMLProp(node, "target");
    if (vrNetworkSrvCheckNumber(def, node, srv, "port", 1,
                                "invalid DNS SRV port attribute for service '%s' in network '%s'",
                                &srv->port) < 0 ||
        vrNetworkSrvCheckNumber(def, node, srv, "priority", 0,
                                "Invalid DNS SRV priority attribute for service '%s' in network '%s'",
                                &srv->priority) < 0 ||
        vrNetworkSrvCheckNumber(def, node, srv, "weight", 0,
                                "invalid DNS SRV weight attribute for service '%s' in network '%s'",
                                &srv->weight) < 0)
        return -1;
    return 0;
}

static int
vrNetworkParseForwarder(const vrNetworkDef *def, xmlNodePtr node, vrNetworkDNSForwarder *fw)
{
    fw->addr = vrXMLProp(node, "addr");
    fw->domain = vrXMLProp(node, "domain");
    if (fw->addr && vrNetAddrCanonicalize(&fw->addr, AF_UNSPEC, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid forwarder IP address '%s' in network '%s'",
                      fw->addr, def->name);
        return -1;
    }
    if (!fw->addr && !fw->domain) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "Invalid forwarder element, must contain at least one of addr or domain");
        return -1;
    }
    return 0;
}

/* Appends a zeroed element to a (items, n) array and returns it. */
#define VR_NETWORK_APPEND(items, n) \
    ((items) = g_renew(__typeof__(*(items)), (items), (n) + 1), \
     memset(&(items)[(n)], 0, sizeof(*(items))), &(items)[(n)++])

static int
vrNetworkParseDNSRecords(const vrNetworkDef *def, xmlNodePtr node, vrNetworkDNSDef *dns)
{
    vrXMLForEachNamed(node, "forwarder", f) {
        if (vrNetworkParseForwarder(def, f, VR_NETWORK_APPEND(dns->forwarders,
                                                              dns->nforwarders)) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "host", h) {
        if (vrNetworkDNSHostParse(def, h, false, VR_NETWORK_APPEND(dns->hosts, dns->nhosts)) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "srv", s) {
        if (vrNetworkDNSSrvParse(def, s, false, VR_NETWORK_APPEND(dns->srvs, dns->nsrvs)) < 0)
            return -1;
    }
    vrXMLForEachNamed(node, "txt", t) {
        if (vrNetworkDNSTxtParse(def, t, false, VR_NETWORK_APPEND(dns->txts, dns->ntxts)) < 0)
            return -1;
    }
    return 0;
}

static int
vrNetworkParseDNS(const vrNetworkDef *def, xmlNodePtr node, vrNetworkDNSDef *dns)
{
    if (vrPropTristate(node, "enable", &dns->enable) < 0 ||
        vrPropTristate(node, "forwardPlainNames", &dns->forwardPlainNames) < 0 ||
        vrNetworkParseDNSRecords(def, node, dns) < 0)
        return -1;
    if (dns->enable == 2 && (dns->nforwarders || dns->nhosts || dns->nsrvs || dns->ntxts)) {
        vrReportError(VR_ERR_XML_ERROR, "Extra data in disabled network '%s'", def->name);
        return -1;
    }
    return 0;
}

/* ---- <forward> ----------------------------------------------------- */

static int
vrNetworkParseNatAddress(const vrNetworkDef *def, xmlNodePtr node, vrNetworkDef *out)
{
    vrNetAddr start, end;

    if (!(out->natAddrStart = vrXMLProp(node, "start"))) {
        vrReportError(VR_ERR_XML_ERROR,
                      "missing 'start' attribute in <address> element in <nat> in <forward> in network %s",
                      def->name);
        return -1;
    }
    if (!(out->natAddrEnd = vrXMLProp(node, "end"))) {
        vrReportError(VR_ERR_XML_ERROR,
                      "missing 'end' attribute in <address> element in <nat> in <forward> in network %s",
                      def->name);
        return -1;
    }
    if (vrNetAddrParse(out->natAddrStart, AF_INET, &start, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Bad ipv4 start address '%s' in <nat> in <forward> in network '%s'",
                      out->natAddrStart, def->name);
        return -1;
    }
    if (vrNetAddrParse(out->natAddrEnd, AF_INET, &end, false) < 0) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Bad ipv4 end address '%s' in <nat> in <forward> in network '%s'",
                      out->natAddrEnd, def->name);
        return -1;
    }
    if (vrNetAddrCheckRange(&start, &end, NULL, 0) < 0)
        return -1;
    g_free(out->natAddrStart);
    g_free(out->natAddrEnd);
    out->natAddrStart = vrNetAddrFormat(&start);
    out->natAddrEnd = vrNetAddrFormat(&end);
    return 0;
}

/* A NAT port range: both ends, in order, within 0-65535. */
static int
vrNetworkParseNatPort(vrNetworkDef *def, xmlNodePtr port)
{
    g_autofree char *start = vrPropNonEmpty(port, "start");
    g_autofree char *end = vrPropNonEmpty(port, "end");
    unsigned long long s = 0, e = 0;

    if (!start || !vrPropStrToNum(start, 10, true, 0, G_MAXUINT, &s) || s > 65535) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network %s",
                      def->name);
        return -1;
    }
    if (!end || !vrPropStrToNum(end, 10, true, 0, G_MAXUINT, &e) || e > 65535 || e < s) {
        vrReportError(VR_ERR_XML_DETAIL,
                      "Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network %s",
                      def->name);
        return -1;
    }
    def->natPortStart = (unsigned int)s;
    def->natPortEnd = (unsigned int)e;
    return 0;
}

static int
vrNetworkParseNat(vrNetworkDef *def, xmlNodePtr nat)
{
    if (vrPropTristate(nat, "ipv6", &def->natIPv6) < 0)
        return -1;
    if (vrXMLCountChildren(nat, "address") > 1) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Only one <address> element is allowed in <nat> in <forward> in network %s",
                      def->name);
        return -1;
    }
    if (vrXMLChild(nat, "address") &&
        vrNetworkParseNatAddress(def, vrXMLChild(nat, "address"), def) < 0)
        return -1;
    if (vrXMLCountChildren(nat, "port") > 1) {
        vrReportError(VR_ERR_XML_ERROR,
                      "Only one <port> element is allowed in <nat> in <forward> in network %s",
                      def->name);
        return -1;
    }
    if (vrXMLChild(nat, "port") && vrNetworkParseNatPort(def, vrXMLChild(nat, "port")) < 0)
        return -1;
    return 0;
}

static int
vrNetworkParsePCIAddress(const vrNetworkDef *def, xmlNodePtr node, vrNetworkForwardIf *fi)
{
    g_autofree char *type = vrXMLProp(node, "type");

    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "missing address type in network %s", def->name);
        return -1;
    }
    if (g_str_equal(type, "netdev")) {
        vrReportError(VR_ERR_XML_ERROR, "unsupported address type '%s' in network %s", type,
                      def->name);
        return -1;
    }
    if (!g_str_equal(type, "pci")) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown address type '%s' in network %s", type,
                      def->name);
        return -1;
    }
    fi->isPCI = true;
    if (vrPropUInt(node, "domain", 0, &fi->domain) < 0 ||
        vrPropUInt(node, "bus", 0, &fi->bus) < 0 ||
        vrPropUInt(node, "slot", 0, &fi->slot) < 0 ||
        vrPropUInt(node, "function", 0, &fi->function) < 0)
        return -1;
    if (fi->bus > 0xFF) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address bus='0x%x', must be <= 0xFF", fi->bus);
        return -1;
    }
    if (fi->slot > 0x1F) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid PCI address slot='0x%x', must be <= 0x1F",
                      fi->slot);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseForwardIfs(vrNetworkDef *def, xmlNodePtr forward, const char *dev)
{
    vrXMLForEachNamed(forward, "interface", iface) {
        vrNetworkForwardIf *fi = VR_NETWORK_APPEND(def->forwardIfs, def->nforwardIfs);
        if (!(fi->dev = vrXMLProp(iface, "dev"))) {
            vrReportError(VR_ERR_XML_ERROR,
                          "Missing required dev attribute in <forward> <interface> element of network %s",
                          def->name);
            return -1;
        }
        if (def->nforwardIfs == 1 && dev && !g_str_equal(dev, fi->dev)) {
            vrReportError(VR_ERR_XML_ERROR,
                          "<forward dev='%s'> must match first <interface dev='%s'/> in network %s",
                          dev, fi->dev, def->name);
            return -1;
        }
    }
    /* a lone dev= stands for the only interface */
    if (!def->nforwardIfs && dev)
        VR_NETWORK_APPEND(def->forwardIfs, def->nforwardIfs)->dev = g_strdup(dev);
    return 0;
}

/* Interfaces win over VF addresses, which win over a PF: the others are
 * ignored when several kinds are given. */
static int
vrNetworkParseForwardDevices(vrNetworkDef *def, xmlNodePtr forward, const char *dev)
{
    bool hasAddrs = vrXMLChild(forward, "address") != NULL;
    bool hasPfs = vrXMLChild(forward, "pf") != NULL;

    if (dev && (hasAddrs || hasPfs)) {
        /* libvirt's message leaves its %s unexpanded */
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements are present in network %s");
        return -1;
    }
    if (vrXMLChild(forward, "interface") || dev)
        return vrNetworkParseForwardIfs(def, forward, dev);
    if (hasAddrs) {
        vrXMLForEachNamed(forward, "address", a) {
            if (vrNetworkParsePCIAddress(def, a, VR_NETWORK_APPEND(def->forwardIfs,
                                                                   def->nforwardIfs)) < 0)
                return -1;
        }
        return 0;
    }
    if (vrXMLCountChildren(forward, "pf") > 1) {
        vrReportError(VR_ERR_XML_ERROR, "Only one <pf> element is allowed in <forward> of network %s",
                      def->name);
        return -1;
    }
    if (hasPfs && !(def->forwardPf = vrXMLProp(vrXMLChild(forward, "pf"), "dev"))) {
        vrReportError(VR_ERR_XML_ERROR, "Missing required dev attribute in <pf> element of network '%s'",
                      def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseForwardMode(vrNetworkDef *def, xmlNodePtr forward)
{
    g_autofree char *mode = vrPropNonEmpty(forward, "mode");
    g_autofree char *managed = vrPropNonEmpty(forward, "managed");
    g_autofree char *driver = vrPropNonEmpty(vrXMLChild(forward, "driver"), "name");

    def->forwardType = VR_NETWORK_FORWARD_NAT;
    if (mode && (def->forwardType = vrNetworkForwardTypeFromString(mode)) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "unknown forwarding type '%s'", mode);
        return -1;
    }
    def->forwardManaged = managed && g_ascii_strcasecmp(managed, "yes") == 0;
    if (driver && (def->forwardDriver = vrNetworkTableIndex(forwardDrivers, driver)) <= 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "Unknown forward <driver name='%s'/> in network %s",
                      driver, def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseForward(vrNetworkDef *def, xmlNodePtr forward)
{
    g_autofree char *dev = vrPropNonEmpty(forward, "dev");
    xmlNodePtr nat = vrXMLChild(forward, "nat");

    if (vrNetworkParseForwardMode(def, forward) < 0)
        return -1;
    if (vrXMLCountChildren(forward, "nat") > 1) {
        vrReportError(VR_ERR_XML_ERROR, "Only one <nat> element is allowed in <forward> of network %s",
                      def->name);
        return -1;
    }
    if (nat && def->forwardType != VR_NETWORK_FORWARD_NAT) {
        vrReportError(VR_ERR_XML_ERROR,
                      "The <nat> element can only be used when <forward> 'mode' is 'nat' in network %s",
                      def->name);
        return -1;
    }
    if (nat && vrNetworkParseNat(def, nat) < 0)
        return -1;
    return vrNetworkParseForwardDevices(def, forward, dev);
}

/* ---- port groups --------------------------------------------------- */

int
vrNetworkPortGroupParse(xmlNodePtr node, vrNetworkPortGroupDef *pg)
{
    g_autofree char *isDefault = vrXMLProp(node, "default");
    xmlNodePtr child;

    memset(pg, 0, sizeof(*pg));
    if (!(pg->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing required name attribute in portgroup");
        return -1;
    }
    pg->isDefault = isDefault && g_ascii_strcasecmp(isDefault, "yes") == 0;
    if (vrPropTristate(node, "trustGuestRxFilters", &pg->trustGuestRxFilters) < 0)
        return -1;
    if ((child = vrXMLChild(node, "virtualport")) &&
        vrNetworkParseVirtPort(child, false, &pg->virtPort) < 0)
        return -1;
    if (vrNetworkParseBandwidth(vrXMLChild(node, "bandwidth"), &pg->bandwidth) < 0 ||
        vrNetworkParseVlan(vrXMLChild(node, "vlan"), &pg->vlan) < 0)
        return -1;
    return 0;
}

/* ---- the network --------------------------------------------------- */

static int
vrNetworkParseName(xmlNodePtr root, vrNetworkDef *def)
{
    g_autofree char *uuid = NULL;

    if (!(def->name = vrPropChildText(root, "name"))) {
        vrErrorReportPlain(VR_FROM_THIS, VR_ERR_NO_NAME);
        return -1;
    }
    if (strchr(def->name, '/')) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "invalid char in name: /");
        return -1;
    }
    if (!(uuid = vrPropChildText(root, "uuid"))) {
        vrUUIDGenerate(def->uuid);
    } else if (vrUUIDParse(uuid, def->uuid) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
        return -1;
    }
    return 0;
}

/* Each application owns one namespace: elements without one, and any
 * but the first of a namespace, are dropped (so is the blank text
 * between them). */
static void
vrNetworkMetadataSanitize(xmlNodePtr metadata)
{
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    xmlNodePtr child = metadata->children;

    while (child) {
        xmlNodePtr next = child->next;
        bool drop = xmlIsBlankNode(child);

        if (child->type == XML_ELEMENT_NODE) {
            const char *href = child->ns ? (const char *)child->ns->href : NULL;
            drop = !href || g_hash_table_contains(seen, href);
            if (!drop)
                g_hash_table_add(seen, g_strdup(href));
        }
        if (drop) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        }
        child = next;
    }
}

static char *
vrNetworkDumpNode(xmlDocPtr doc, xmlNodePtr node, int format)
{
    xmlBufferPtr xbuf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(xbuf, doc, node, 0, format);
    ret = g_strdup((const char *)xmlBufferContent(xbuf));
    xmlBufferFree(xbuf);
    return ret;
}

/* <metadata> is kept whole, as libvirt keeps it: a copy carrying the
 * namespace declarations it needs, laid out afresh without the
 * document's blank text. */
static char *
vrNetworkCopyMetadata(xmlNodePtr node)
{
    g_autoptr(xmlDoc) copy = xmlNewDoc(BAD_CAST "1.0");
    g_autoptr(xmlDoc) relaid = NULL;
    g_autofree char *raw = NULL;
    xmlNodePtr root = xmlDocCopyNode(node, copy, 1);

    if (!root)
        return NULL;
    xmlDocSetRootElement(copy, root);
    vrNetworkMetadataSanitize(root);
    raw = vrNetworkDumpNode(copy, root, 0);
    relaid = xmlReadDoc(BAD_CAST raw, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS |
                        XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!relaid || !xmlDocGetRootElement(relaid))
        return NULL;
    return vrNetworkDumpNode(relaid, xmlDocGetRootElement(relaid), 1);
}

static int
vrNetworkParseIdentity(xmlNodePtr root, vrNetworkDef *def)
{
    g_autofree char *ipv6 = vrPropNonEmpty(root, "ipv6");
    xmlNodePtr node;

    if (vrNetworkParseName(root, def) < 0 ||
        vrPropTristate(root, "trustGuestRxFilters", &def->trustGuestRxFilters) < 0)
        return -1;
    if ((node = vrXMLChild(root, "metadata")))
        def->metadata = vrNetworkCopyMetadata(node);
    if (ipv6) {
        if (!g_str_equal(ipv6, "yes") && !g_str_equal(ipv6, "no")) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid ipv6 setting '%s' in network '%s'", ipv6,
                          def->name);
            return -1;
        }
        def->ipv6nogw = g_str_equal(ipv6, "yes") ? 1 : 2;
    }
    if ((node = vrXMLChild(root, "domain"))) {
        def->domain = vrXMLProp(node, "name");
        if (vrPropTristate(node, "localOnly", &def->domainLocalOnly) < 0)
            return -1;
    }
    return 0;
}

/* Which bridge attributes the document gave, for the forward mode checks. */
typedef struct {
    bool stp, delay;
} vrNetworkBridgeSeen;

static int
vrNetworkParseBridge(xmlNodePtr node, vrNetworkDef *def, vrNetworkBridgeSeen *seen)
{
    g_autofree char *stp = vrPropNonEmpty(node, "stp");
    g_autofree char *delay = vrPropNonEmpty(node, "delay");
    g_autofree char *mtm = vrPropNonEmpty(node, "macTableManager");
    unsigned long long v;

    def->bridge = vrPropNonEmpty(node, "name");
    def->bridgeZone = vrPropNonEmpty(node, "zone");
    def->stpOff = stp && g_str_equal(stp, "off");
    seen->stp = stp != NULL;
    if (delay) {
        if (!vrPropStrToNum(delay, 10, true, 0, G_MAXULONG, &v)) {
            vrReportError(VR_ERR_XML_ERROR, "Invalid delay value in network '%s'", def->name);
            return -1;
        }
        def->delay = (unsigned long)v;
        seen->delay = true;
    }
    if (mtm && (def->macTableManager = vrNetworkTableIndex(macTableManagers, mtm)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid macTableManager setting '%s' in network '%s'",
                      mtm, def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkParseMAC(xmlNodePtr node, vrNetworkDef *def)
{
    g_autofree char *mac = vrPropNonEmpty(node, "address");
    unsigned char bytes[6];

    if (!mac)
        return 0;
    if (vrMacParse(mac, bytes) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid bridge mac address '%s' in network '%s'", mac,
                      def->name);
        return -1;
    }
    if (bytes[0] & 1) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid multicast bridge mac address '%s' in network '%s'",
                      mac, def->name);
        return -1;
    }
    def->mac = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2],
                               bytes[3], bytes[4], bytes[5]);
    return 0;
}

/* "-1" reads as the largest value, as C's unsigned conversion has it. */
static int
vrNetworkParseMTU(xmlNodePtr node, vrNetworkDef *def)
{
    g_autofree char *size = vrPropNonEmpty(node, "size");
    long long neg;
    unsigned long long v;

    if (!size)
        return 0;
    if (strchr(size, '-')) {
        if (vrStrToLLong(size, 10, &neg) < 0 || neg < -(long long)G_MAXUINT || neg > 0)
            goto invalid;
        def->mtu = (unsigned int)neg;
        return 0;
    }
    if (!vrPropStrToNum(size, 10, true, 0, G_MAXUINT, &v))
        goto invalid;
    def->mtu = (unsigned int)v;
    return 0;

 invalid:
    vrReportError(VR_ERR_XML_ERROR, "Invalid mtu size '%s' in network '%s'", size, def->name);
    return -1;
}

static int
vrNetworkParseHost(xmlNodePtr root, vrNetworkDef *def, vrNetworkBridgeSeen *seen)
{
    xmlNodePtr node;

    if (vrNetworkParseBandwidth(vrXMLChild(root, "bandwidth"), &def->bandwidth) < 0 ||
        vrNetworkParseVlan(vrXMLChild(root, "vlan"), &def->vlan) < 0 ||
        vrPropTristate(vrXMLChild(root, "port"), "isolated", &def->isolatedPort) < 0 ||
        vrNetworkParseBridge(vrXMLChild(root, "bridge"), def, seen) < 0 ||
        vrNetworkParseMAC(vrXMLChild(root, "mac"), def) < 0 ||
        vrNetworkParseMTU(vrXMLChild(root, "mtu"), def) < 0)
        return -1;
    if ((node = vrXMLChild(root, "dns")) && vrNetworkParseDNS(def, node, &def->dns) < 0)
        return -1;
    if ((node = vrXMLChild(root, "virtualport")) &&
        vrNetworkParseVirtPort(node, true, &def->virtPort) < 0)
        return -1;
    vrXMLForEachNamed(root, "portgroup", pg) {
        if (vrNetworkPortGroupParse(pg, VR_NETWORK_APPEND(def->portgroups, def->nportgroups)) < 0)
            return -1;
    }
    return 0;
}

static int
vrNetworkParseAddressing(xmlNodePtr root, vrNetworkDef *def)
{
    vrXMLForEachNamed(root, "ip", ip) {
        if (vrNetworkParseIP(def, ip, VR_NETWORK_APPEND(def->ips, def->nips)) < 0)
            return -1;
    }
    vrXMLForEachNamed(root, "route", r) {
        if (vrNetworkParseRoute(def, r, VR_NETWORK_APPEND(def->routes, def->nroutes)) < 0)
            return -1;
    }
    return vrNetworkCheckRouteGateways(def);
}

static bool
vrNetworkHasOwnBridge(int forwardType)
{
    return forwardType == VR_NETWORK_FORWARD_NONE || forwardType == VR_NETWORK_FORWARD_NAT ||
           forwardType == VR_NETWORK_FORWARD_ROUTE || forwardType == VR_NETWORK_FORWARD_OPEN;
}

/* Routed networks need an address to route for, and one uplink. */
static int
vrNetworkCheckRoutedMode(const vrNetworkDef *def, const char *mode)
{
    if (!def->nips) {
        vrReportError(VR_ERR_XML_ERROR,
                      "%s forwarding requested, but no IP address provided for network '%s'",
                      mode, def->name);
        return -1;
    }
    if (def->nforwardIfs > 1) {
        vrReportError(VR_ERR_XML_ERROR,
                      "multiple forwarding interfaces specified for network '%s', only one is supported",
                      def->name);
        return -1;
    }
    if (def->forwardType == VR_NETWORK_FORWARD_OPEN && def->nforwardIfs) {
        vrReportError(VR_ERR_XML_ERROR, "forward dev not allowed for network '%s' with forward mode='%s'",
                      def->name, mode);
        return -1;
    }
    return 0;
}

/* Direct (macvtap and hostdev) modes have no bridge of their own. */
static int
vrNetworkCheckDirectMode(const vrNetworkDef *def, const char *mode)
{
    if (def->bridge) {
        vrReportError(VR_ERR_XML_ERROR, "bridge name not allowed in %s mode (network '%s')", mode,
                      def->name);
        return -1;
    }
    if (def->bridgeZone) {
        vrReportError(VR_ERR_XML_ERROR, "bridge zone not allowed in %s mode (network '%s')", mode,
                      def->name);
        return -1;
    }
    if (def->macTableManager) {
        vrReportError(VR_ERR_XML_ERROR,
                      "bridge macTableManager setting not allowed in %s mode (network '%s')",
                      mode, def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkCheckBridgedMode(const vrNetworkDef *def, const char *mode,
                          const vrNetworkBridgeSeen *seen)
{
    if (seen->delay || seen->stp || def->bridgeZone) {
        vrReportError(VR_ERR_XML_ERROR,
                      "bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in %s (network '%s')",
                      mode, def->name);
        return -1;
    }
    if (def->bridge && (def->nforwardIfs || def->forwardPf)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "A network with forward mode='%s' can specify a bridge name or a forward dev, but not both (network '%s')",
                      mode, def->name);
        return -1;
    }
    return 0;
}

static int
vrNetworkCheckForwardMode(const vrNetworkDef *def, const vrNetworkBridgeSeen *seen)
{
    const char *mode = vrNetworkForwardTypeToString(def->forwardType);

    switch ((vrNetworkForwardType)def->forwardType) {
    case VR_NETWORK_FORWARD_NAT:
    case VR_NETWORK_FORWARD_ROUTE:
    case VR_NETWORK_FORWARD_OPEN:
        if (vrNetworkCheckRoutedMode(def, mode) < 0)
            return -1;
        break;
    case VR_NETWORK_FORWARD_PRIVATE:
    case VR_NETWORK_FORWARD_VEPA:
    case VR_NETWORK_FORWARD_PASSTHROUGH:
    case VR_NETWORK_FORWARD_HOSTDEV:
        if (vrNetworkCheckDirectMode(def, mode) < 0)
            return -1;
        G_GNUC_FALLTHROUGH;
    case VR_NETWORK_FORWARD_BRIDGE:
        if (vrNetworkCheckBridgedMode(def, mode, seen) < 0)
            return -1;
        break;
    case VR_NETWORK_FORWARD_NONE:
    case VR_NETWORK_FORWARD_LAST:
        break;
    }
    if (def->mtu && !vrNetworkHasOwnBridge(def->forwardType)) {
        vrReportError(VR_ERR_XML_ERROR,
                      "mtu size only allowed in open, route, nat, and isolated mode, not in %s (network '%s')",
                      mode, def->name);
        return -1;
    }
    return 0;
}

vrNetworkDef *
vrNetworkDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(network_definition)", "network",
                                             VR_FROM_NETWORK);
    g_autoptr(vrNetworkDef) def = NULL;
    vrNetworkBridgeSeen seen = { false, false };
    xmlNodePtr root, node;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    def = g_new0(vrNetworkDef, 1);
    if (vrNetworkParseIdentity(root, def) < 0 ||
        vrNetworkParseHost(root, def, &seen) < 0 ||
        vrNetworkParseAddressing(root, def) < 0)
        return NULL;
    if ((node = vrXMLChild(root, "forward")) && vrNetworkParseForward(def, node) < 0)
        return NULL;
    if (vrNetworkCheckForwardMode(def, &seen) < 0)
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
        if (!vrNetworkIsIPv6(&def->ips[i]))
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
    vrConfEscapeXMLPrintf(buf, "'%s'", value);
}

/* A few names libvirt writes unescaped; matching its output means doing
 * the same. */
static void
rawAttr(vrBuf *buf, const char *name, const char *value)
{
    if (value)
        vrBufAsprintf(buf, " %s='%s'", name, value);
}

static void
vrNetworkFormatOpen(vrBuf *buf, bool empty)
{
    vrBufAddLit(buf, empty ? "/>\n" : ">\n");
    if (!empty)
        vrBufAdjustIndent(buf, 2);
}

static void
vrNetworkFormatClose(vrBuf *buf, const char *name)
{
    vrBufAdjustIndent(buf, -2);
    vrBufAsprintf(buf, "</%s>\n", name);
}

static void
vrNetworkFormatRate(vrBuf *buf, const char *name, const vrNetworkRate *rate)
{
    if (!rate || (!rate->average && !rate->floor))
        return;
    vrBufAsprintf(buf, "<%s average='%llu'", name, rate->average);
    if (rate->peak)
        vrBufAsprintf(buf, " peak='%llu'", rate->peak);
    if (rate->floor)
        vrBufAsprintf(buf, " floor='%llu'", rate->floor);
    if (rate->burst)
        vrBufAsprintf(buf, " burst='%llu'", rate->burst);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatBandwidth(vrBuf *buf, const vrNetworkBandwidth *bw)
{
    if (!bw->in && !bw->out)
        return;
    vrBufAddLit(buf, "<bandwidth>\n");
    vrBufAdjustIndent(buf, 2);
    vrNetworkFormatRate(buf, "inbound", bw->in);
    vrNetworkFormatRate(buf, "outbound", bw->out);
    vrNetworkFormatClose(buf, "bandwidth");
}

static void
vrNetworkFormatVlan(vrBuf *buf, const vrNetworkVlan *vlan)
{
    size_t i;
    bool nativeDone = false;

    if (!vlan->ntags)
        return;
    vrBufAsprintf(buf, "<vlan%s>\n", vlan->trunk ? " trunk='yes'" : "");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < vlan->ntags; i++) {
        vrBufAsprintf(buf, "<tag id='%u'", vlan->tags[i]);
        /* The native mode is written on the first tag with the native id
         * only: libvirt writes it on every tag repeating that id, which
         * its own parser then rejects as a duplicate native setting. */
        if (vlan->nativeMode && !nativeDone && vlan->nativeTag == vlan->tags[i]) {
            vrBufAsprintf(buf, " nativeMode='%s'", nativeVlanModes[vlan->nativeMode]);
            nativeDone = true;
        }
        vrBufAddLit(buf, "/>\n");
    }
    vrNetworkFormatClose(buf, "vlan");
}

/* Only the parameters a type uses are shown. */
static void
vrNetworkFormatVPortParams(vrBuf *buf, const vrNetworkVirtPort *vp)
{
    bool any = vp->type == VR_NETWORK_VPORT_NONE;
    bool qbg = any || vp->type == VR_NETWORK_VPORT_8021QBG;
    bool ifid = any || vp->type == VR_NETWORK_VPORT_OPENVSWITCH ||
                vp->type == VR_NETWORK_VPORT_MIDONET;
    bool prof = any || vp->type == VR_NETWORK_VPORT_OPENVSWITCH ||
                vp->type == VR_NETWORK_VPORT_8021QBH;
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAddLit(buf, "<parameters");
    if (qbg && vp->hasManagerID)
        vrBufAsprintf(buf, " managerid='%u'", vp->managerID);
    if (qbg && vp->hasTypeID)
        vrBufAsprintf(buf, " typeid='%u'", vp->typeID);
    if (qbg && vp->hasTypeIDVersion)
        vrBufAsprintf(buf, " typeidversion='%u'", vp->typeIDVersion);
    if (qbg && vp->hasInstanceID)
        vrBufAsprintf(buf, " instanceid='%s'", vrUUIDFormat(vp->instanceID, uuid));
    if (ifid && vp->hasInterfaceID)
        vrBufAsprintf(buf, " interfaceid='%s'", vrUUIDFormat(vp->interfaceID, uuid));
    if (prof)
        rawAttr(buf, "profileid", vp->profileID);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatVirtPort(vrBuf *buf, const vrNetworkVirtPort *vp)
{
    bool params;

    if (!vp)
        return;
    params = vp->hasManagerID || vp->hasTypeID || vp->hasTypeIDVersion || vp->hasInstanceID ||
             vp->hasInterfaceID || vp->profileID;
    vrBufAddLit(buf, "<virtualport");
    if (vp->type)
        vrBufAsprintf(buf, " type='%s'", vrNetworkVPortTypeToString(vp->type));
    vrNetworkFormatOpen(buf, !params);
    if (!params)
        return;
    vrNetworkFormatVPortParams(buf, vp);
    vrNetworkFormatClose(buf, "virtualport");
}

static void
vrNetworkFormatNat(vrBuf *buf, const vrNetworkDef *def)
{
    bool children = def->natAddrStart || def->natPortStart || def->natPortEnd;

    if (!children && !def->natIPv6)
        return;
    vrBufAddLit(buf, "<nat");
    if (def->natIPv6)
        vrBufAsprintf(buf, " ipv6='%s'", vrPropTristateString(def->natIPv6));
    vrNetworkFormatOpen(buf, !children);
    if (!children)
        return;
    if (def->natAddrStart) {
        vrBufAddLit(buf, "<address");
        attr(buf, "start", def->natAddrStart);
        attr(buf, "end", def->natAddrEnd);
        vrBufAddLit(buf, "/>\n");
    }
    if (def->natPortStart || def->natPortEnd)
        vrBufAsprintf(buf, "<port start='%u' end='%u'/>\n", def->natPortStart, def->natPortEnd);
    vrNetworkFormatClose(buf, "nat");
}

static void
vrNetworkFormatForwardIfs(vrBuf *buf, const vrNetworkDef *def)
{
    size_t i;

    for (i = 0; i < def->nforwardIfs; i++) {
        const vrNetworkForwardIf *fi = &def->forwardIfs[i];
        if (!fi->isPCI) {
            vrConfEscapeXMLPrintf(buf, "<interface dev='%s'/>\n", fi->dev);
            continue;
        }
        vrBufAsprintf(buf, "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n",
                      fi->domain, fi->bus, fi->slot, fi->function);
    }
}

static void
vrNetworkFormatForward(vrBuf *buf, const vrNetworkDef *def)
{
    bool nat = def->natAddrStart || def->natPortStart || def->natPortEnd || def->natIPv6;
    bool children = nat || def->nforwardIfs || def->forwardPf || def->forwardDriver;

    if (def->forwardType == VR_NETWORK_FORWARD_NONE)
        return;
    vrBufAddLit(buf, "<forward");
    /* dev= repeats the first host interface */
    if (!def->forwardPf && def->nforwardIfs && !def->forwardIfs[0].isPCI)
        attr(buf, "dev", def->forwardIfs[0].dev);
    vrBufAsprintf(buf, " mode='%s'", vrNetworkForwardTypeToString(def->forwardType));
    if (def->forwardType == VR_NETWORK_FORWARD_HOSTDEV)
        vrBufAsprintf(buf, " managed='%s'", def->forwardManaged ? "yes" : "no");
    vrNetworkFormatOpen(buf, !children);
    if (!children)
        return;
    if (def->forwardDriver)
        vrBufAsprintf(buf, "<driver name='%s'/>\n", forwardDrivers[def->forwardDriver]);
    if (def->forwardType == VR_NETWORK_FORWARD_NAT)
        vrNetworkFormatNat(buf, def);
    if (def->forwardPf)
        vrConfEscapeXMLPrintf(buf, "<pf dev='%s'/>\n", def->forwardPf);
    vrNetworkFormatForwardIfs(buf, def);
    vrNetworkFormatClose(buf, "forward");
}

static void
vrNetworkFormatBridge(vrBuf *buf, const vrNetworkDef *def)
{
    bool own = vrNetworkHasOwnBridge(def->forwardType);

    if (!own && !def->bridge && !def->bridgeZone && !def->macTableManager)
        return;
    vrBufAddLit(buf, "<bridge");
    attr(buf, "name", def->bridge);
    attr(buf, "zone", def->bridgeZone);
    if (own)
        vrBufAsprintf(buf, " stp='%s' delay='%lu'", def->stpOff ? "off" : "on", def->delay);
    if (def->macTableManager)
        vrBufAsprintf(buf, " macTableManager='%s'", macTableManagers[def->macTableManager]);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatDNSHost(vrBuf *buf, const vrNetworkDNSHost *host)
{
    size_t i;

    vrBufAddLit(buf, "<host");
    attr(buf, "ip", host->ip);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < host->hostnames->len; i++)
        vrConfEscapeXMLPrintf(buf, "<hostname>%s</hostname>\n",
                             g_ptr_array_index(host->hostnames, i));
    vrNetworkFormatClose(buf, "host");
}

static void
vrNetworkFormatDNSSrv(vrBuf *buf, const vrNetworkDNSSrv *s)
{
    vrBufAddLit(buf, "<srv");
    attr(buf, "service", s->service);
    attr(buf, "protocol", s->protocol);
    attr(buf, "domain", s->domain);
    attr(buf, "target", s->target);
    if (s->port)
        vrBufAsprintf(buf, " port='%u'", s->port);
    if (s->priority)
        vrBufAsprintf(buf, " priority='%u'", s->priority);
    if (s->weight)
        vrBufAsprintf(buf, " weight='%u'", s->weight);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatDNS(vrBuf *buf, const vrNetworkDNSDef *dns)
{
    bool children = dns->nforwarders || dns->ntxts || dns->nsrvs || dns->nhosts;
    size_t i;

    if (!children && !dns->enable && !dns->forwardPlainNames)
        return;
    vrBufAddLit(buf, "<dns");
    rawAttr(buf, "enable", vrPropTristateString(dns->enable));
    rawAttr(buf, "forwardPlainNames", vrPropTristateString(dns->forwardPlainNames));
    vrNetworkFormatOpen(buf, !children);
    if (!children)
        return;
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
    for (i = 0; i < dns->nsrvs; i++)
        vrNetworkFormatDNSSrv(buf, &dns->srvs[i]);
    for (i = 0; i < dns->nhosts; i++)
        vrNetworkFormatDNSHost(buf, &dns->hosts[i]);
    vrNetworkFormatClose(buf, "dns");
}

static void
vrNetworkFormatLease(vrBuf *buf, bool has, unsigned long long expiry, int unit)
{
    if (!has)
        return;
    vrBufAsprintf(buf, "<lease expiry='%llu'", expiry);
    if (expiry)
        vrBufAsprintf(buf, " unit='%s'", vrNetworkLeaseUnitTypeToString(unit));
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatDHCPRange(vrBuf *buf, const vrNetworkDHCPRange *r)
{
    vrBufAddLit(buf, "<range");
    attr(buf, "start", r->start);
    attr(buf, "end", r->end);
    vrNetworkFormatOpen(buf, !r->hasLease);
    if (!r->hasLease)
        return;
    vrNetworkFormatLease(buf, r->hasLease, r->leaseExpiry, r->leaseUnit);
    vrNetworkFormatClose(buf, "range");
}

static void
vrNetworkFormatDHCPHost(vrBuf *buf, const vrNetworkDHCPHost *h)
{
    vrBufAddLit(buf, "<host");
    rawAttr(buf, "mac", h->mac);
    rawAttr(buf, "id", h->id);
    rawAttr(buf, "name", h->name);
    attr(buf, "ip", h->ip);
    vrNetworkFormatOpen(buf, !h->hasLease);
    if (!h->hasLease)
        return;
    vrNetworkFormatLease(buf, h->hasLease, h->leaseExpiry, h->leaseUnit);
    vrNetworkFormatClose(buf, "host");
}

static void
vrNetworkFormatDHCP(vrBuf *buf, const vrNetworkIPDef *ip)
{
    size_t i;

    if (!ip->nranges && !ip->nhosts && !ip->bootpFile)
        return;
    vrBufAddLit(buf, "<dhcp>\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < ip->nranges; i++)
        vrNetworkFormatDHCPRange(buf, &ip->ranges[i]);
    for (i = 0; i < ip->nhosts; i++)
        vrNetworkFormatDHCPHost(buf, &ip->hosts[i]);
    if (ip->bootpFile) {
        vrBufAddLit(buf, "<bootp");
        attr(buf, "file", ip->bootpFile);
        attr(buf, "server", ip->bootpServer);
        vrBufAddLit(buf, "/>\n");
    }
    vrNetworkFormatClose(buf, "dhcp");
}

static void
vrNetworkFormatIP(vrBuf *buf, const vrNetworkIPDef *ip)
{
    vrBufAddLit(buf, "<ip");
    attr(buf, "family", ip->family);
    attr(buf, "address", ip->address);
    attr(buf, "netmask", ip->netmask);
    if (ip->prefix > 0)
        vrBufAsprintf(buf, " prefix='%u'", ip->prefix);
    rawAttr(buf, "localPtr", vrPropTristateString(ip->localPtr));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (ip->tftproot)
        vrConfEscapeXMLPrintf(buf, "<tftp root='%s'/>\n", ip->tftproot);
    vrNetworkFormatDHCP(buf, ip);
    vrNetworkFormatClose(buf, "ip");
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
    if (r->metric)
        vrBufAsprintf(buf, " metric='%u'", r->metric);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetworkFormatPortGroup(vrBuf *buf, const vrNetworkPortGroupDef *pg)
{
    vrBufAddLit(buf, "<portgroup");
    rawAttr(buf, "name", pg->name);
    if (pg->isDefault)
        vrBufAddLit(buf, " default='yes'");
    rawAttr(buf, "trustGuestRxFilters", vrPropTristateString(pg->trustGuestRxFilters));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrNetworkFormatVlan(buf, &pg->vlan);
    vrNetworkFormatVirtPort(buf, pg->virtPort);
    vrNetworkFormatBandwidth(buf, &pg->bandwidth);
    vrNetworkFormatClose(buf, "portgroup");
}

static void
vrNetworkFormatHeader(vrBuf *buf, const vrNetworkDef *def, unsigned int flags)
{
    char uuid[VR_UUID_STRING_BUFLEN];

    vrBufAddLit(buf, "<network");
    if (def->connections > 0 && !(flags & VR_NETWORK_XML_INACTIVE))
        vrBufAsprintf(buf, " connections='%d'", def->connections);
    if (def->ipv6nogw == 1)
        vrBufAddLit(buf, " ipv6='yes'");
    rawAttr(buf, "trustGuestRxFilters", vrPropTristateString(def->trustGuestRxFilters));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrConfEscapeXMLPrintf(buf, "<name>%s</name>\n", def->name);
    vrBufAsprintf(buf, "<uuid>%s</uuid>\n", vrUUIDFormat(def->uuid, uuid));
    /* laid out by libxml2 at this depth: re-indenting its lines would
     * shift the text of mixed content on every round trip */
    if (def->metadata)
        vrConfAddXMLDump(buf, def->metadata);
}

static void
vrNetworkFormatHostSide(vrBuf *buf, const vrNetworkDef *def)
{
    vrNetworkFormatForward(buf, def);
    vrNetworkFormatBridge(buf, def);
    if (def->mtu)
        vrBufAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
    if (def->mac)
        vrBufAsprintf(buf, "<mac address='%s'/>\n", def->mac);
    if (def->domain) {
        vrBufAddLit(buf, "<domain");
        rawAttr(buf, "name", def->domain);
        rawAttr(buf, "localOnly", vrPropTristateString(def->domainLocalOnly));
        vrBufAddLit(buf, "/>\n");
    }
    vrNetworkFormatDNS(buf, &def->dns);
    vrNetworkFormatVlan(buf, &def->vlan);
    vrNetworkFormatBandwidth(buf, &def->bandwidth);
    if (def->isolatedPort)
        vrBufAsprintf(buf, "<port isolated='%s'/>\n", vrPropTristateString(def->isolatedPort));
}

char *
vrNetworkDefFormat(const vrNetworkDef *def, unsigned int flags)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    size_t i;

    vrNetworkFormatHeader(&buf, def, flags);
    vrNetworkFormatHostSide(&buf, def);
    for (i = 0; i < def->nips; i++)
        vrNetworkFormatIP(&buf, &def->ips[i]);
    for (i = 0; i < def->nroutes; i++)
        vrNetworkFormatRoute(&buf, &def->routes[i]);
    vrNetworkFormatVirtPort(&buf, def->virtPort);
    for (i = 0; i < def->nportgroups; i++)
        vrNetworkFormatPortGroup(&buf, &def->portgroups[i]);
    vrNetworkFormatClose(&buf, "network");
    return vrBufContent(&buf);
}
