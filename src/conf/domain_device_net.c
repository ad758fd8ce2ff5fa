/*
 * domain_device_net.c: <interface>, with the bandwidth, VLAN and virtual
 * port settings network definitions share.
 */
#include <config.h>

#include <arpa/inet.h>
#include <string.h>

#include "conf_common.h"
#include "domain_device_internal.h"
#include "network_conf.h"
#include "util/vrerror.h"
#include "util/vruuid.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrNetDevMacVLanMode, VR_NETDEV_MACVLAN_MODE_LAST,
             "vepa", "private", "bridge", "passthrough");
VR_ENUM_IMPL(vrDomainNetDriverName, VR_DOMAIN_NET_DRIVER_LAST, "default", "qemu", "vhost");
VR_ENUM_IMPL(vrDomainNetTxmode, VR_DOMAIN_NET_TXMODE_LAST, "default", "iothread", "timer");
VR_ENUM_IMPL(vrDomainNetLinkState, VR_DOMAIN_NET_LINK_LAST, "default", "up", "down");
VR_ENUM_IMPL(vrDomainNetTeaming, VR_DOMAIN_NET_TEAMING_LAST, "none", "persistent", "transient");
VR_ENUM_IMPL(vrDomainNetMacType, VR_DOMAIN_NET_MAC_TYPE_LAST, "default", "generated", "static");
VR_ENUM_IMPL(vrNetDevVPortProfile, VR_NETDEV_VPORT_PROFILE_LAST,
             "none", "802.1Qbg", "802.1Qbh", "openvswitch", "midonet");

/* ---- bandwidth ----------------------------------------------------- */

static int
vrNetBandwidthRateValue(xmlNodePtr node, const char *attr, unsigned long long *value,
                        bool *has)
{
    g_autofree char *str = vrXMLProp(node, attr);

    *has = false;
    if (!str)
        return 0;
    if (vrStrToULLong(str, 10, value) < 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "could not convert bandwidth %s value '%s'",
                      attr, str);
        return -1;
    }
    *has = true;
    return 0;
}

static int
vrNetBandwidthParseRate(xmlNodePtr node, vrNetBandwidthRate *rate, bool allowFloor)
{
    g_autofree char *average = vrXMLProp(node, "average");
    g_autofree char *peak = vrXMLProp(node, "peak");
    g_autofree char *burst = vrXMLProp(node, "burst");
    g_autofree char *floor = vrXMLProp(node, "floor");

    if (!average && !floor) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "Missing mandatory average or floor attributes");
        return -1;
    }
    if ((peak || burst) && !average) {
        vrReportError(VR_ERR_XML_DETAIL, "%s", "'peak' and 'burst' require 'average' attribute");
        return -1;
    }
    if (vrNetBandwidthRateValue(node, "average", &rate->average, &rate->hasAverage) < 0 ||
        vrNetBandwidthRateValue(node, "peak", &rate->peak, &rate->hasPeak) < 0 ||
        vrNetBandwidthRateValue(node, "burst", &rate->burst, &rate->hasBurst) < 0)
        return -1;
    if (floor && !allowFloor) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "floor attribute is not supported for this config");
        return -1;
    }
    return vrNetBandwidthRateValue(node, "floor", &rate->floor, &rate->hasFloor);
}

static int
vrNetBandwidthParseFull(xmlNodePtr node, vrNetBandwidth *bw, bool allowFloor)
{
    xmlNodePtr child;

    if (!node)
        return 0;
    if (vrXMLCountChildren(node, "inbound") > 1) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Only one child <inbound> element allowed");
        return -1;
    }
    if (vrXMLCountChildren(node, "outbound") > 1) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Only one child <outbound> element allowed");
        return -1;
    }
    if ((child = vrXMLChild(node, "inbound"))) {
        bw->hasIn = true;
        if (vrNetBandwidthParseRate(child, &bw->in, allowFloor) < 0)
            return -1;
    }
    if ((child = vrXMLChild(node, "outbound"))) {
        bw->hasOut = true;
        if (vrNetBandwidthParseRate(child, &bw->out, allowFloor) < 0)
            return -1;
        if (bw->out.hasFloor) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                          "'floor' attribute allowed only in <inbound> element");
            return -1;
        }
    }
    return 0;
}

int
vrNetBandwidthParse(xmlNodePtr node, vrNetBandwidth *bw)
{
    return vrNetBandwidthParseFull(node, bw, false);
}

static void
vrNetBandwidthFormatRate(vrBuf *buf, const char *name, const vrNetBandwidthRate *rate)
{
    vrBufAsprintf(buf, "<%s", name);
    if (rate->hasAverage)
        vrBufAsprintf(buf, " average='%llu'", rate->average);
    if (rate->hasPeak)
        vrBufAsprintf(buf, " peak='%llu'", rate->peak);
    if (rate->hasFloor)
        vrBufAsprintf(buf, " floor='%llu'", rate->floor);
    if (rate->hasBurst)
        vrBufAsprintf(buf, " burst='%llu'", rate->burst);
    vrBufAddLit(buf, "/>\n");
}

void
vrNetBandwidthFormat(vrBuf *buf, const vrNetBandwidth *bw)
{
    if (!bw->hasIn && !bw->hasOut)
        return;
    vrBufAddLit(buf, "<bandwidth>\n");
    vrBufAdjustIndent(buf, 2);
    if (bw->hasIn)
        vrNetBandwidthFormatRate(buf, "inbound", &bw->in);
    if (bw->hasOut)
        vrNetBandwidthFormatRate(buf, "outbound", &bw->out);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</bandwidth>\n");
}

/* ---- vlan ---------------------------------------------------------- */

static int
vrNetVlanParseTag(xmlNodePtr tag, vrNetVlan *vlan, bool *hasNative)
{
    vrNetVlanTag t = { 0 };
    g_autofree char *id = vrXMLProp(tag, "id");
    unsigned long long v;

    if (!id || vrStrToULLong(id, 10, &v) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "missing or invalid vlan tag id attribute");
        return -1;
    }
    if (v > 4095) {
        vrReportError(VR_ERR_XML_ERROR, "vlan tag id %llu too large (maximum 4095)", v);
        return -1;
    }
    t.id = (unsigned int)v;
    if ((t.nativeMode = vrXMLProp(tag, "nativeMode"))) {
        if (*hasNative) {
            g_free(t.nativeMode);
            vrReportError(VR_ERR_XML_ERROR, "%s", "duplicate native vlan setting");
            return -1;
        }
        if (!g_str_equal(t.nativeMode, "tagged") && !g_str_equal(t.nativeMode, "untagged")) {
            vrReportError(VR_ERR_XML_ERROR, "Attribute \"nativeMode='%s'\" is invalid",
                          t.nativeMode);
            g_free(t.nativeMode);
            return -1;
        }
        *hasNative = true;
    }
    vlan->tags = g_renew(vrNetVlanTag, vlan->tags, vlan->ntags + 1);
    vlan->tags[vlan->ntags++] = t;
    return 0;
}

static int
vrNetVlanParseTrunk(xmlNodePtr node, vrNetVlan *vlan, bool hasNative)
{
    g_autofree char *trunk = vrXMLProp(node, "trunk");

    if (!trunk)
        return 0;
    vlan->trunk = g_ascii_strcasecmp(trunk, "yes") == 0;
    if (vlan->trunk)
        return 0;
    if (vlan->ntags > 1) {
        vrReportError(VR_ERR_XML_ERROR,
                      "invalid \"trunk='%s'\" in <vlan> - trunk='yes' is required for more than one vlan tag",
                      trunk);
        return -1;
    }
    if (hasNative) {
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

int
vrNetVlanParse(xmlNodePtr node, vrNetVlan *vlan)
{
    bool hasNative = false;

    if (!node)
        return 0;
    vrXMLForEachNamed(node, "tag", tag) {
        if (vrNetVlanParseTag(tag, vlan, &hasNative) < 0)
            return -1;
    }
    if (vlan->ntags == 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
        return -1;
    }
    if (vlan->ntags > 1)
        vlan->trunk = true;
    return vrNetVlanParseTrunk(node, vlan, hasNative);
}

void
vrNetVlanFormat(vrBuf *buf, const vrNetVlan *vlan)
{
    size_t i;

    if (!vlan->ntags)
        return;
    vrBufAsprintf(buf, "<vlan%s>\n", vlan->trunk ? " trunk='yes'" : "");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < vlan->ntags; i++) {
        vrBufAsprintf(buf, "<tag id='%u'", vlan->tags[i].id);
        vrDevAttr(buf, "nativeMode", vlan->tags[i].nativeMode);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</vlan>\n");
}

/* ---- virtual port profiles ----------------------------------------- */

static int
vrNetVPortParseUUID(xmlNodePtr params, const char *attr, char **value)
{
    g_autofree char *str = vrXMLProp(params, attr);
    unsigned char uuid[VR_UUID_BUFLEN];
    char buf[VR_UUID_STRING_BUFLEN];

    if (!str)
        return 0;
    if (vrUUIDParse(str, uuid) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "cannot parse %s parameter as a uuid", attr);
        return -1;
    }
    *value = g_strdup(vrUUIDFormat(uuid, buf));
    return 0;
}

static int
vrNetVPortParseNumber(xmlNodePtr params, const char *attr, unsigned int max,
                      unsigned int *value, bool *has)
{
    g_autofree char *str = vrXMLProp(params, attr);

    if (!str)
        return 0;
    if (vrStrToUInt(str, 10, value) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "cannot parse value of %s parameter", attr);
        return -1;
    }
    if (*value > max) {
        vrReportError(VR_ERR_XML_ERROR, "value of %s out of range", attr);
        return -1;
    }
    *has = true;
    return 0;
}

static int
vrNetVPortParseParams(xmlNodePtr params, vrNetDevVPortProfile *vp)
{
    if (!params)
        return 0;
    if (vrNetVPortParseNumber(params, "managerid", 0xff, &vp->managerID, &vp->hasManagerID) < 0 ||
        vrNetVPortParseNumber(params, "typeid", 0xffffff, &vp->typeID, &vp->hasTypeID) < 0 ||
        vrNetVPortParseNumber(params, "typeidversion", 0xff, &vp->typeIDVersion,
                              &vp->hasTypeIDVersion) < 0 ||
        vrNetVPortParseUUID(params, "instanceid", &vp->instanceID) < 0 ||
        vrNetVPortParseUUID(params, "interfaceid", &vp->interfaceID) < 0)
        return -1;
    vp->profileID = vrXMLProp(params, "profileid");
    if (vp->profileID && strlen(vp->profileID) >= 40) {
        vrReportError(VR_ERR_XML_ERROR, "profileid parameter too long: %s", vp->profileID);
        return -1;
    }
    return 0;
}

static char *
vrNetVPortGenerateUUID(void)
{
    unsigned char uuid[VR_UUID_BUFLEN];
    char buf[VR_UUID_STRING_BUFLEN];

    vrUUIDGenerate(uuid);
    return g_strdup(vrUUIDFormat(uuid, buf));
}

static vrNetDevVPortProfile *
vrNetVPortParse(xmlNodePtr node)
{
    g_autofree vrNetDevVPortProfile *vp = g_new0(vrNetDevVPortProfile, 1);
    g_autofree char *type = vrXMLProp(node, "type");

    if (type && (vp->type = vrNetDevVPortProfileTypeFromString(type)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown virtualport type %s", type);
        return NULL;
    }
    if (vrNetVPortParseParams(vrXMLChild(node, "parameters"), vp) < 0) {
        g_free(vp->instanceID);
        g_free(vp->interfaceID);
        g_free(vp->profileID);
        return NULL;
    }
    /* ids the switch needs are made up when missing */
    if ((vp->type == VR_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
         vp->type == VR_NETDEV_VPORT_PROFILE_MIDONET) && !vp->interfaceID)
        vp->interfaceID = vrNetVPortGenerateUUID();
    if (vp->type == VR_NETDEV_VPORT_PROFILE_8021QBG && !vp->instanceID)
        vp->instanceID = vrNetVPortGenerateUUID();
    return g_steal_pointer(&vp);
}

static void
vrNetVPortFormat(vrBuf *buf, const vrNetDevVPortProfile *vp)
{
    int t = vp->type;
    bool any = t == VR_NETDEV_VPORT_PROFILE_NONE;

    if (any)
        vrBufAddLit(buf, "<virtualport>\n");
    else
        vrBufAsprintf(buf, "<virtualport type='%s'>\n", vrNetDevVPortProfileTypeToString(t));
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<parameters");
    if (vp->hasManagerID && (any || t == VR_NETDEV_VPORT_PROFILE_8021QBG))
        vrBufAsprintf(buf, " managerid='%u'", vp->managerID);
    if (vp->hasTypeID && (any || t == VR_NETDEV_VPORT_PROFILE_8021QBG))
        vrBufAsprintf(buf, " typeid='%u'", vp->typeID);
    if (vp->hasTypeIDVersion && (any || t == VR_NETDEV_VPORT_PROFILE_8021QBG))
        vrBufAsprintf(buf, " typeidversion='%u'", vp->typeIDVersion);
    if (vp->instanceID && (any || t == VR_NETDEV_VPORT_PROFILE_8021QBG))
        vrBufAsprintf(buf, " instanceid='%s'", vp->instanceID);
    if (vp->interfaceID && (any || t == VR_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
                            t == VR_NETDEV_VPORT_PROFILE_MIDONET))
        vrBufAsprintf(buf, " interfaceid='%s'", vp->interfaceID);
    if (vp->profileID && (any || t == VR_NETDEV_VPORT_PROFILE_OPENVSWITCH ||
                          t == VR_NETDEV_VPORT_PROFILE_8021QBH))
        vrDevAttr(buf, "profileid", vp->profileID);
    vrBufAddLit(buf, "/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</virtualport>\n");
}

/* ---- ip addresses and routes --------------------------------------- */

/* Canonical text of an address of @family (0: either), or NULL. */
static char *
vrNetCanonicalAddress(const char *str, int *family)
{
    unsigned char bin[sizeof(struct in6_addr)];
    char out[INET6_ADDRSTRLEN];

    if ((*family == 0 || *family == 4) && inet_pton(AF_INET, str, bin) == 1) {
        *family = 4;
        return g_strdup(inet_ntop(AF_INET, bin, out, sizeof(out)));
    }
    if ((*family == 0 || *family == 6) && inet_pton(AF_INET6, str, bin) == 1) {
        *family = 6;
        return g_strdup(inet_ntop(AF_INET6, bin, out, sizeof(out)));
    }
    return NULL;
}

static int
vrNetIPParse(xmlNodePtr node, vrNetDevIPAddr *ip)
{
    g_autofree char *address = vrXMLProp(node, "address");
    g_autofree char *family = vrXMLProp(node, "family");
    g_autofree char *peer = vrXMLProp(node, "peer");

    if (!address) {
        vrReportError(VR_ERR_INVALID_ARG, "%s", "Missing required address in <ip>");
        return -1;
    }
    ip->family = family && g_str_equal(family, "ipv4") ? 4 :
                 family && g_str_equal(family, "ipv6") ? 6 : 0;
    if (!(ip->address = vrNetCanonicalAddress(address, &ip->family))) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid address '%s' in <ip>", address);
        return -1;
    }
    if (vrDevPropUInt(node, "prefix", 10, 0, &ip->prefix) < 0)
        return -1;
    if ((ip->family == 4 && ip->prefix > 32) || ip->prefix > 128) {
        g_autofree char *prefix = vrXMLProp(node, "prefix");
        vrReportError(VR_ERR_XML_ERROR, "Invalid prefix value '%s' in <ip>", prefix);
        return -1;
    }
    if (peer && !(ip->peer = vrNetCanonicalAddress(peer, &ip->family))) {
        vrReportError(VR_ERR_INVALID_ARG, "Invalid peer '%s' in <ip>", peer);
        return -1;
    }
    return 0;
}

static int
vrNetRouteParse(xmlNodePtr node, vrNetDevIPRoute *route)
{
    int family = 0;
    g_autofree char *address = vrXMLProp(node, "address");
    g_autofree char *gateway = vrXMLProp(node, "gateway");
    g_autofree char *netmask = vrXMLProp(node, "netmask");
    int rc;

    route->family = vrXMLProp(node, "family");
    if (route->family)
        family = g_str_equal(route->family, "ipv6") ? 6 : 4;
    if (!address || !(route->address = vrNetCanonicalAddress(address, &family))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing or invalid 'address' in route definition");
        return -1;
    }
    if (!gateway || !(route->gateway = vrNetCanonicalAddress(gateway, &family))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing or invalid 'gateway' in route definition");
        return -1;
    }
    if (netmask && !(route->netmask = vrNetCanonicalAddress(netmask, &family))) {
        vrReportError(VR_ERR_XML_ERROR, "Invalid netmask '%s' in route definition", netmask);
        return -1;
    }
    if ((rc = vrDevPropUInt(node, "prefix", 10, 0, &route->prefix)) < 0)
        return -1;
    route->hasPrefix = rc > 0;
    if ((rc = vrDevPropUInt(node, "metric", 10, 0, &route->metric)) < 0)
        return -1;
    route->hasMetric = rc > 0;
    return 0;
}

int
vrDevNetIPInfoParse(xmlNodePtr node, vrDomainNetIPInfo *info)
{
    vrXMLForEachNamed(node, "ip", ipnode) {
        vrNetDevIPAddr ip = { 0 };
        if (vrNetIPParse(ipnode, &ip) < 0) {
            g_free(ip.address);
            g_free(ip.peer);
            return -1;
        }
        info->ips = g_renew(vrNetDevIPAddr, info->ips, info->nips + 1);
        info->ips[info->nips++] = ip;
    }
    vrXMLForEachNamed(node, "route", rnode) {
        vrNetDevIPRoute route = { 0 };
        int rc = vrNetRouteParse(rnode, &route);
        info->routes = g_renew(vrNetDevIPRoute, info->routes, info->nroutes + 1);
        info->routes[info->nroutes++] = route;
        if (rc < 0)
            return -1;
    }
    return 0;
}

void
vrDevNetIPInfoFormat(vrBuf *buf, const vrDomainNetIPInfo *info)
{
    size_t i;

    for (i = 0; i < info->nips; i++) {
        const vrNetDevIPAddr *ip = &info->ips[i];
        vrBufAsprintf(buf, "<ip address='%s'", ip->address);
        if (ip->family)
            vrBufAsprintf(buf, " family='%s'", ip->family == 6 ? "ipv6" : "ipv4");
        if (ip->prefix)
            vrBufAsprintf(buf, " prefix='%u'", ip->prefix);
        vrDevAttr(buf, "peer", ip->peer);
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < info->nroutes; i++) {
        const vrNetDevIPRoute *r = &info->routes[i];
        vrBufAddLit(buf, "<route");
        vrDevAttr(buf, "family", r->family);
        vrDevAttr(buf, "address", r->address);
        vrDevAttr(buf, "netmask", r->netmask);
        if (r->hasPrefix)
            vrBufAsprintf(buf, " prefix='%u'", r->prefix);
        vrDevAttr(buf, "gateway", r->gateway);
        if (r->hasMetric && r->metric)
            vrBufAsprintf(buf, " metric='%u'", r->metric);
        vrBufAddLit(buf, "/>\n");
    }
}

void
vrDevNetIPInfoClear(vrDomainNetIPInfo *info)
{
    size_t i;

    for (i = 0; i < info->nips; i++) {
        g_free(info->ips[i].address);
        g_free(info->ips[i].peer);
    }
    g_free(info->ips);
    for (i = 0; i < info->nroutes; i++) {
        g_free(info->routes[i].family);
        g_free(info->routes[i].address);
        g_free(info->routes[i].netmask);
        g_free(info->routes[i].gateway);
    }
    g_free(info->routes);
    memset(info, 0, sizeof(*info));
}

/* ---- source -------------------------------------------------------- */

static int
vrNetSourceRequired(const char *value, const char *attr, const char *what)
{
    if (value)
        return 0;
    vrReportError(VR_ERR_INTERNAL_ERROR, "No <source> '%s' attribute specified with %s",
                  attr, what);
    return -1;
}

static int
vrNetParseVhostuser(xmlNodePtr source, vrDomainNetDef *net)
{
    g_autofree char *type = vrXMLProp(source, "type");
    g_autofree char *mode = vrXMLProp(source, "mode");
    vrDomainChrSource *chr;

    if (!type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing source type attribute for vhostuser interface");
        return -1;
    }
    if (!g_str_equal(type, "unix")) {
        vrReportError(VR_ERR_XML_ERROR, "Type='%s' unsupported for <interface type='vhostuser'>",
                      type);
        return -1;
    }
    chr = net->vhostuser = g_new0(vrDomainChrSource, 1);
    chr->type = VR_DOMAIN_CHR_TYPE_UNIX;
    if (!(chr->path = vrXMLProp(source, "path"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing source path attribute for vhostuser interface");
        return -1;
    }
    if (!mode) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "Missing source mode attribute for vhostuser interface");
        return -1;
    }
    if (g_str_equal(mode, "server")) {
        chr->listen = true;
    } else if (!g_str_equal(mode, "client")) {
        vrReportError(VR_ERR_XML_ERROR, "Unknown source mode '%s' for vhostuser interface", mode);
        return -1;
    }
    if (vrDevReconnectParse(source, &chr->reconnectEnabled, &chr->reconnectTimeout) < 0)
        return -1;
    if (chr->listen && chr->reconnectEnabled) {
        vrReportError(VR_ERR_XML_ERROR, "%s",
                      "'reconnect' attribute unsupported 'server' mode for <interface type='vhostuser'>");
        return -1;
    }
    return 0;
}

static int
vrNetParseSocket(xmlNodePtr source, vrDomainNetDef *net)
{
    xmlNodePtr local;

    net->sourceAddress = vrXMLProp(source, "address");
    if (!net->sourceAddress && net->type != VR_DOMAIN_NET_TYPE_SERVER) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "No <source> 'address' attribute specified with socket interface");
        return -1;
    }
    if (vrDevPropUInt(source, "port", 10, 0, &net->sourcePort) <= 0) {
        if (vrErrorIsSet())
            return -1;
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "No <source> 'port' attribute specified with socket interface");
        return -1;
    }
    if (net->type != VR_DOMAIN_NET_TYPE_UDP || !(local = vrXMLChild(source, "local")))
        return 0;
    if (!(net->localAddress = vrXMLProp(local, "address"))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                      "No <local> 'address' attribute specified with socket interface");
        return -1;
    }
    if (vrDevPropUInt(local, "port", 10, VR_DEV_PROP_REQUIRED, &net->localPort) < 0)
        return -1;
    return 0;
}

static int
vrNetParsePortid(xmlNodePtr source, vrDomainNetDef *net)
{
    g_autofree char *portid = vrXMLProp(source, "portid");
    unsigned char uuid[VR_UUID_BUFLEN];
    char buf[VR_UUID_STRING_BUFLEN];

    if (!portid)
        return 0;
    if (vrUUIDParse(portid, uuid) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Unable to parse port id '%s'", portid);
        return -1;
    }
    net->portid = g_strdup(vrUUIDFormat(uuid, buf));
    return 0;
}

static int
vrNetParseSource(xmlNodePtr node, vrDomainNetDef *net, unsigned int flags)
{
    xmlNodePtr source = vrXMLChild(node, "source");

    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_NETWORK:
        net->sourceNetwork = vrXMLProp(source, "network");
        net->sourcePortgroup = vrXMLProp(source, "portgroup");
        if (vrNetSourceRequired(net->sourceNetwork, "network", "<interface type='network'/>") < 0)
            return -1;
        return vrNetParsePortid(source, net);
    case VR_DOMAIN_NET_TYPE_INTERNAL:
        net->sourceNetwork = vrXMLProp(source, "name");
        return vrNetSourceRequired(net->sourceNetwork, "name", "<interface type='internal'/>");
    case VR_DOMAIN_NET_TYPE_BRIDGE:
        net->sourceBridge = vrXMLProp(source, "bridge");
        return vrNetSourceRequired(net->sourceBridge, "bridge", "<interface type='bridge'/>");
    case VR_DOMAIN_NET_TYPE_DIRECT:
        net->sourceDev = vrXMLProp(source, "dev");
        if (vrNetSourceRequired(net->sourceDev, "dev", "<interface type='direct'/>") < 0)
            return -1;
        return vrDevPropEnum(source, "mode", vrNetDevMacVLanModeTypeFromString, 0,
                             &net->sourceMode) < 0 ? -1 : 0;
    case VR_DOMAIN_NET_TYPE_VDPA:
        net->sourceDev = vrXMLProp(source, "dev");
        return vrNetSourceRequired(net->sourceDev, "dev", "type='vdpa'");
    case VR_DOMAIN_NET_TYPE_VHOSTUSER:
        if (!source) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "Missing <source> element for vhostuser interface");
            return -1;
        }
        return vrNetParseVhostuser(source, net);
    case VR_DOMAIN_NET_TYPE_SERVER:
    case VR_DOMAIN_NET_TYPE_CLIENT:
    case VR_DOMAIN_NET_TYPE_MCAST:
    case VR_DOMAIN_NET_TYPE_UDP:
        if (!source) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s",
                          "No <source> 'port' attribute specified with socket interface");
            return -1;
        }
        return vrNetParseSocket(source, net);
    case VR_DOMAIN_NET_TYPE_HOSTDEV:
        if (vrDevPropTristateBool(node, "managed", 0, &net->hostdevManaged) < 0)
            return -1;
        net->hostdev.managed = net->hostdevManaged == VR_TRISTATE_ON;
        return vrDevHostdevSubsysParse(node, &net->hostdev, flags, true);
    case VR_DOMAIN_NET_TYPE_ETHERNET:
    case VR_DOMAIN_NET_TYPE_USER:
    case VR_DOMAIN_NET_TYPE_NULL:
    case VR_DOMAIN_NET_TYPE_VDS:
    case VR_DOMAIN_NET_TYPE_LAST:
        break;
    }
    return 0;
}

static void
vrNetFormatSource(vrBuf *buf, const vrDomainNetDef *net, unsigned int flags)
{
    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_NETWORK:
        vrConfEscapeXMLPrintf(buf, "<source network='%s'", net->sourceNetwork);
        vrDevAttr(buf, "portgroup", net->sourcePortgroup);
        vrDevAttr(buf, "portid", net->portid);
        vrBufAddLit(buf, "/>\n");
        break;
    case VR_DOMAIN_NET_TYPE_INTERNAL:
        vrConfEscapeXMLPrintf(buf, "<source name='%s'/>\n", net->sourceNetwork);
        break;
    case VR_DOMAIN_NET_TYPE_BRIDGE:
        vrConfEscapeXMLPrintf(buf, "<source bridge='%s'/>\n", net->sourceBridge);
        break;
    case VR_DOMAIN_NET_TYPE_DIRECT:
        vrConfEscapeXMLPrintf(buf, "<source dev='%s'", net->sourceDev);
        vrBufAsprintf(buf, " mode='%s'/>\n", vrNetDevMacVLanModeTypeToString(net->sourceMode));
        break;
    case VR_DOMAIN_NET_TYPE_VDPA:
        vrConfEscapeXMLPrintf(buf, "<source dev='%s'/>\n", net->sourceDev);
        break;
    case VR_DOMAIN_NET_TYPE_VHOSTUSER: {
        g_auto(vrBuf) children = VR_BUF_INIT;
        g_auto(vrBuf) attrs = VR_BUF_INIT;
        vrBufAddLit(&attrs, " type='unix'");
        vrDevAttr(&attrs, "path", net->vhostuser->path);
        vrBufAsprintf(&attrs, " mode='%s'", net->vhostuser->listen ? "server" : "client");
        vrDevReconnectFormat(&children, net->vhostuser->reconnectEnabled,
                             net->vhostuser->reconnectTimeout);
        vrDevFormatElement(buf, "source", &attrs, &children, true);
        break;
    }
    case VR_DOMAIN_NET_TYPE_SERVER:
    case VR_DOMAIN_NET_TYPE_CLIENT:
    case VR_DOMAIN_NET_TYPE_MCAST:
    case VR_DOMAIN_NET_TYPE_UDP:
        vrBufAddLit(buf, "<source");
        vrDevAttr(buf, "address", net->sourceAddress);
        vrBufAsprintf(buf, " port='%u'", net->sourcePort);
        if (!net->localAddress) {
            vrBufAddLit(buf, "/>\n");
            break;
        }
        vrBufAddLit(buf, ">\n");
        vrConfEscapeXMLPrintf(buf, "  <local address='%s'", net->localAddress);
        vrBufAsprintf(buf, " port='%u'/>\n", net->localPort);
        vrBufAddLit(buf, "</source>\n");
        break;
    case VR_DOMAIN_NET_TYPE_HOSTDEV:
        vrDevHostdevSubsysFormat(buf, &net->hostdev, flags, true);
        break;
    case VR_DOMAIN_NET_TYPE_ETHERNET:
    case VR_DOMAIN_NET_TYPE_USER:
    case VR_DOMAIN_NET_TYPE_NULL:
    case VR_DOMAIN_NET_TYPE_VDS:
    case VR_DOMAIN_NET_TYPE_LAST:
        break;
    }
}

/* ---- mac, target, driver ------------------------------------------- */

static int
vrNetParseMac(xmlNodePtr node, vrDomainNetDef *net)
{
    xmlNodePtr mac = vrXMLChild(node, "mac");
    g_autofree char *addr = NULL;
    char buf[18];

    if (mac && (vrDevPropEnum(mac, "type", vrDomainNetMacTypeTypeFromString, VR_DEV_PROP_NONZERO,
                              &net->macType) < 0 ||
                vrDevPropTristateBool(mac, "check", 0, &net->macCheck) < 0))
        return -1;
    if (!mac || !(addr = vrXMLProp(mac, "address"))) {
        vrMacGenerate(net->mac);
        net->macGenerated = true;
        return 0;
    }
    if (vrMacParse(addr, net->mac) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "unable to parse mac address '%s'", addr);
        return -1;
    }
    if (net->mac[0] & 1) {
        vrMacFormat(net->mac, buf);
        vrReportError(VR_ERR_XML_ERROR, "expected unicast mac address, found multicast '%s'", buf);
        return -1;
    }
    return 0;
}

static int
vrNetParseTarget(xmlNodePtr target, vrDomainNetDef *net, unsigned int flags)
{
    if (vrDevPropTristateBool(target, "managed", 0, &net->managedTap) < 0)
        return -1;
    net->ifnameManaged = net->managedTap == VR_TRISTATE_OFF;
    net->ifname = vrXMLProp(target, "dev");
    /* Names the hypervisor generates are not kept in inactive configs. */
    if (net->ifname && !(flags & VR_DOMAIN_PARSE_LIVE) && net->managedTap != VR_TRISTATE_OFF &&
        (g_str_has_prefix(net->ifname, "vnet") || g_str_has_prefix(net->ifname, "macvtap") ||
         g_str_has_prefix(net->ifname, "macvlan")))
        g_clear_pointer(&net->ifname, g_free);
    return 0;
}

static bool
vrNetIsVirtioModel(const vrDomainNetDef *net)
{
    return net->model && (g_str_equal(net->model, "virtio") ||
                          g_str_equal(net->model, "virtio-transitional") ||
                          g_str_equal(net->model, "virtio-non-transitional"));
}

static int
vrNetParseOffloads(xmlNodePtr driver, vrDomainNetDef *net)
{
    xmlNodePtr host = vrXMLChild(driver, "host");
    xmlNodePtr guest = vrXMLChild(driver, "guest");

    if (host &&
        (vrDevPropTristateSwitch(host, "csum", 0, &net->hostCsum) < 0 ||
         vrDevPropTristateSwitch(host, "gso", 0, &net->hostGso) < 0 ||
         vrDevPropTristateSwitch(host, "tso4", 0, &net->hostTso4) < 0 ||
         vrDevPropTristateSwitch(host, "tso6", 0, &net->hostTso6) < 0 ||
         vrDevPropTristateSwitch(host, "ecn", 0, &net->hostEcn) < 0 ||
         vrDevPropTristateSwitch(host, "ufo", 0, &net->hostUfo) < 0 ||
         vrDevPropTristateSwitch(host, "mrg_rxbuf", 0, &net->hostMrgRxbuf) < 0))
        return -1;
    if (guest &&
        (vrDevPropTristateSwitch(guest, "csum", 0, &net->guestCsum) < 0 ||
         vrDevPropTristateSwitch(guest, "tso4", 0, &net->guestTso4) < 0 ||
         vrDevPropTristateSwitch(guest, "tso6", 0, &net->guestTso6) < 0 ||
         vrDevPropTristateSwitch(guest, "ecn", 0, &net->guestEcn) < 0 ||
         vrDevPropTristateSwitch(guest, "ufo", 0, &net->guestUfo) < 0))
        return -1;
    return 0;
}

static int
vrNetParseDriver(xmlNodePtr driver, vrDomainNetDef *net)
{
    /* a hostdev interface's driver names the PCI backend instead */
    if (net->type == VR_DOMAIN_NET_TYPE_HOSTDEV || !vrNetIsVirtioModel(net))
        return 0;
    if (vrDevPropEnum(driver, "name", vrDomainNetDriverNameTypeFromString, VR_DEV_PROP_NONZERO,
                      &net->driverName) < 0 ||
        vrDevPropEnum(driver, "txmode", vrDomainNetTxmodeTypeFromString, VR_DEV_PROP_NONZERO,
                      &net->txmode) < 0 ||
        vrDevPropTristateSwitch(driver, "ioeventfd", 0, &net->ioeventfd) < 0 ||
        vrDevPropTristateSwitch(driver, "event_idx", 0, &net->eventIdx) < 0 ||
        vrDevPropUInt(driver, "queues", 10, 0, &net->queues) < 0 ||
        vrDevPropUInt(driver, "rx_queue_size", 10, 0, &net->rxQueueSize) < 0 ||
        vrDevPropUInt(driver, "tx_queue_size", 10, 0, &net->txQueueSize) < 0 ||
        vrDevPropTristateSwitch(driver, "rss", 0, &net->rss) < 0 ||
        vrDevPropTristateSwitch(driver, "rss_hash_report", 0, &net->rssHashReport) < 0 ||
        vrDevVirtioOptionsParse(driver, &net->virtio) < 0)
        return -1;
    /* a single queue is the same as none */
    if (net->queues == 1)
        net->queues = 0;
    return vrNetParseOffloads(driver, net);
}

static void
vrNetFormatOffloads(vrBuf *buf, const vrDomainNetDef *net)
{
    g_auto(vrBuf) host = VR_BUF_INIT;
    g_auto(vrBuf) guest = VR_BUF_INIT;

    vrDevAttrTristateSwitch(&host, "csum", net->hostCsum);
    vrDevAttrTristateSwitch(&host, "gso", net->hostGso);
    vrDevAttrTristateSwitch(&host, "tso4", net->hostTso4);
    vrDevAttrTristateSwitch(&host, "tso6", net->hostTso6);
    vrDevAttrTristateSwitch(&host, "ecn", net->hostEcn);
    vrDevAttrTristateSwitch(&host, "ufo", net->hostUfo);
    vrDevAttrTristateSwitch(&host, "mrg_rxbuf", net->hostMrgRxbuf);
    vrDevFormatElement(buf, "host", &host, NULL, false);
    vrDevAttrTristateSwitch(&guest, "csum", net->guestCsum);
    vrDevAttrTristateSwitch(&guest, "tso4", net->guestTso4);
    vrDevAttrTristateSwitch(&guest, "tso6", net->guestTso6);
    vrDevAttrTristateSwitch(&guest, "ecn", net->guestEcn);
    vrDevAttrTristateSwitch(&guest, "ufo", net->guestUfo);
    vrDevFormatElement(buf, "guest", &guest, NULL, false);
}

static void
vrNetFormatDriver(vrBuf *buf, const vrDomainNetDef *net)
{
    g_auto(vrBuf) children = VR_BUF_INIT;
    g_auto(vrBuf) attrs = VR_BUF_INIT;

    if (!vrNetIsVirtioModel(net))
        return;
    if (net->driverName)
        vrBufAsprintf(&attrs, " name='%s'", vrDomainNetDriverNameTypeToString(net->driverName));
    if (net->txmode)
        vrBufAsprintf(&attrs, " txmode='%s'", vrDomainNetTxmodeTypeToString(net->txmode));
    vrDevAttrTristateSwitch(&attrs, "ioeventfd", net->ioeventfd);
    vrDevAttrTristateSwitch(&attrs, "event_idx", net->eventIdx);
    if (net->queues)
        vrBufAsprintf(&attrs, " queues='%u'", net->queues);
    if (net->rxQueueSize)
        vrBufAsprintf(&attrs, " rx_queue_size='%u'", net->rxQueueSize);
    if (net->txQueueSize)
        vrBufAsprintf(&attrs, " tx_queue_size='%u'", net->txQueueSize);
    vrDevAttrTristateSwitch(&attrs, "rss", net->rss);
    vrDevAttrTristateSwitch(&attrs, "rss_hash_report", net->rssHashReport);
    vrDevVirtioOptionsFormat(&attrs, &net->virtio);
    vrNetFormatOffloads(&children, net);
    vrDevFormatElement(buf, "driver", &attrs, &children, false);
}

/* ---- filterref and the rest ---------------------------------------- */

static int
vrNetFilterParamCompare(const void *a, const void *b)
{
    return strcmp(((const vrDomainNetFilterParam *)a)->name, ((const vrDomainNetFilterParam *)b)->name);
}

static int
vrNetParseFilterref(xmlNodePtr node, vrDomainNetDef *net)
{
    net->filterref = vrXMLProp(node, "filter");
    vrXMLForEachNamed(node, "parameter", param) {
        vrDomainNetFilterParam p = { vrXMLProp(param, "name"), vrXMLProp(param, "value") };

        if (!p.name || !p.value) {
            g_free(p.name);
            g_free(p.value);
            continue;
        }
        net->filterParams = g_renew(vrDomainNetFilterParam, net->filterParams, net->nfilterParams + 1);
        net->filterParams[net->nfilterParams++] = p;
    }
    /* libvirt keeps filter parameters in a table sorted by name; values
     * of one name keep their order */
    if (net->nfilterParams > 1) {
        size_t i, j;
        for (i = 1; i < net->nfilterParams; i++) {
            vrDomainNetFilterParam cur = net->filterParams[i];
            for (j = i; j > 0 && vrNetFilterParamCompare(&net->filterParams[j - 1], &cur) > 0; j--)
                net->filterParams[j] = net->filterParams[j - 1];
            net->filterParams[j] = cur;
        }
    }
    return 0;
}

static void
vrNetFormatFilterref(vrBuf *buf, const vrDomainNetDef *net)
{
    size_t i;

    if (!net->filterref)
        return;
    vrConfEscapeXMLPrintf(buf, "<filterref filter='%s'", net->filterref);
    if (!net->nfilterParams) {
        vrBufAddLit(buf, "/>\n");
        return;
    }
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    for (i = 0; i < net->nfilterParams; i++) {
        vrConfEscapeXMLPrintf(buf, "<parameter name='%s'", net->filterParams[i].name);
        vrConfEscapeXMLPrintf(buf, " value='%s'/>\n", net->filterParams[i].value);
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</filterref>\n");
}

static int
vrNetParseModel(xmlNodePtr node, vrDomainNetDef *net)
{
    if (!(net->model = vrXMLProp(node, "type")))
        return 0;
    if (!*net->model || strspn(net->model, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                           "0123456789_-") != strlen(net->model)) {
        vrReportError(VR_ERR_INVALID_ARG, "%s",
                      "Model name contains invalid characters");
        return -1;
    }
    return 0;
}

static int
vrNetParseTuning(xmlNodePtr node, vrDomainNetDef *net)
{
    xmlNodePtr child;
    int rc;

    if ((child = vrXMLChild(node, "tune"))) {
        g_autofree char *sndbuf = vrDevChildText(child, "sndbuf");
        if (sndbuf) {
            if (vrStrToULLong(sndbuf, 10, &net->sndbuf) < 0) {
                vrReportError(VR_ERR_XML_ERROR, "%s", "sndbuf must be a positive integer");
                return -1;
            }
            net->hasSndbuf = true;
        }
    }
    if ((child = vrXMLChild(node, "teaming"))) {
        if (vrDevPropEnum(child, "type", vrDomainNetTeamingTypeFromString, VR_DEV_PROP_NONZERO,
                          &net->teaming) < 0)
            return -1;
        net->teamingPersistent = vrXMLProp(child, "persistent");
    }
    if ((child = vrXMLChild(node, "link")) &&
        vrDevPropEnum(child, "state", vrDomainNetLinkStateTypeFromString, VR_DEV_PROP_NONZERO,
                      &net->linkState) < 0)
        return -1;
    if ((child = vrXMLChild(node, "mtu")) &&
        vrDevPropUInt(child, "size", 10, VR_DEV_PROP_NONZERO, &net->mtu) < 0)
        return -1;
    if ((child = vrXMLChild(node, "coalesce")) && (child = vrXMLChild(child, "rx")) &&
        (child = vrXMLChild(child, "frames"))) {
        if ((rc = vrDevPropULLong(child, "max", 10, 0, &net->coalesceRxFrames)) < 0)
            return -1;
        net->hasCoalesceRxFrames = rc > 0;
    }
    return 0;
}

static int
vrNetParseMisc(xmlNodePtr node, vrDomainNetDef *net, unsigned int flags)
{
    xmlNodePtr child;

    if ((child = vrXMLChild(node, "target")) && vrNetParseTarget(child, net, flags) < 0)
        return -1;
    if ((child = vrXMLChild(node, "guest"))) {
        net->ifnameGuest = vrXMLProp(child, "dev");
        net->ifnameGuestActual = vrXMLProp(child, "actual");
    }
    if ((child = vrXMLChild(node, "model")) && vrNetParseModel(child, net) < 0)
        return -1;
    if ((child = vrXMLChild(node, "backend"))) {
        g_autofree char *type = vrXMLProp(child, "type");
        /* libvirt 9.0 knows no alternative user-mode backend yet */
        if (type) {
            vrDevReportBadAttr(child, "type", type);
            return -1;
        }
        net->backendTap = vrXMLProp(child, "tap");
        net->backendVhost = vrXMLProp(child, "vhost");
    }
    if ((child = vrXMLChild(node, "driver")) && vrNetParseDriver(child, net) < 0)
        return -1;
    if ((child = vrXMLChild(node, "script")))
        net->script = vrXMLProp(child, "path");
    if ((child = vrXMLChild(node, "downscript")))
        net->downscript = vrXMLProp(child, "path");
    if ((child = vrXMLChild(node, "backenddomain")))
        net->backendDomain = vrXMLProp(child, "name");
    if ((child = vrXMLChild(node, "filterref")) && vrNetParseFilterref(child, net) < 0)
        return -1;
    if ((child = vrXMLChild(node, "port")) &&
        vrDevPropTristateBool(child, "isolated", 0, &net->isolatedPort) < 0)
        return -1;
    return vrNetParseTuning(node, net);
}

vrDomainNetDef *
vrDomainParseNet(xmlNodePtr node, unsigned int flags)
{
    g_autoptr(vrDomainNetDef) net = g_new0(vrDomainNetDef, 1);
    xmlNodePtr child;

    if (vrDevPropEnum(node, "type", vrDomainNetTypeFromString, 0, &net->type) < 0 ||
        vrDevPropTristateBool(node, "trustGuestRxFilters", 0, &net->trustGuestRxFilters) < 0 ||
        vrNetParseMac(node, net) < 0 ||
        vrNetParseSource(node, net, flags) < 0 ||
        vrDevNetIPInfoParse(node, &net->ipInfo) < 0 ||
        vrNetParseMisc(node, net, flags) < 0)
        return NULL;
    if (vrNetBandwidthParseFull(vrXMLChild(node, "bandwidth"), &net->bandwidth,
                                net->type == VR_DOMAIN_NET_TYPE_NETWORK) < 0 ||
        vrNetVlanParse(vrXMLChild(node, "vlan"), &net->vlan) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "virtualport")) && !(net->virtualport = vrNetVPortParse(child)))
        return NULL;
    if (vrDevInfoParse(node, &net->info, flags,
                       VR_DEV_INFO_ALLOW_BOOT | VR_DEV_INFO_ALLOW_ROM) < 0)
        return NULL;
    return g_steal_pointer(&net);
}

static void
vrNetFormatTarget(vrBuf *buf, const vrDomainNetDef *net)
{
    if (!net->ifname && !net->managedTap)
        return;
    vrBufAddLit(buf, "<target");
    vrDevAttr(buf, "dev", net->ifname);
    vrDevAttrTristateBool(buf, "managed", net->managedTap);
    vrBufAddLit(buf, "/>\n");
}

static void
vrNetFormatTuning(vrBuf *buf, const vrDomainNetDef *net)
{
    if (net->backendTap || net->backendVhost) {
        vrBufAddLit(buf, "<backend");
        vrDevAttr(buf, "tap", net->backendTap);
        vrDevAttr(buf, "vhost", net->backendVhost);
        vrBufAddLit(buf, "/>\n");
    }
    vrNetFormatFilterref(buf, net);
    if (net->hasSndbuf) {
        vrBufAddLit(buf, "<tune>\n");
        vrBufAsprintf(buf, "  <sndbuf>%llu</sndbuf>\n", net->sndbuf);
        vrBufAddLit(buf, "</tune>\n");
    }
    if (net->teaming) {
        vrBufAsprintf(buf, "<teaming type='%s'", vrDomainNetTeamingTypeToString(net->teaming));
        vrDevAttr(buf, "persistent", net->teamingPersistent);
        vrBufAddLit(buf, "/>\n");
    }
    if (net->linkState)
        vrBufAsprintf(buf, "<link state='%s'/>\n", vrDomainNetLinkStateTypeToString(net->linkState));
    if (net->mtu)
        vrBufAsprintf(buf, "<mtu size='%u'/>\n", net->mtu);
    if (net->hasCoalesceRxFrames) {
        vrBufAddLit(buf, "<coalesce>\n");
        vrBufAddLit(buf, "  <rx>\n");
        vrBufAsprintf(buf, "    <frames max='%llu'/>\n", net->coalesceRxFrames);
        vrBufAddLit(buf, "  </rx>\n");
        vrBufAddLit(buf, "</coalesce>\n");
    }
}

void
vrDomainFormatNet(vrBuf *buf, const vrDomainNetDef *net, unsigned int flags)
{
    char mac[18];

    vrBufAsprintf(buf, "<interface type='%s'", vrDomainNetTypeToString(net->type));
    if (net->type == VR_DOMAIN_NET_TYPE_HOSTDEV && net->hostdev.managed)
        vrBufAddLit(buf, " managed='yes'");
    vrDevAttrTristateBool(buf, "trustGuestRxFilters", net->trustGuestRxFilters);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrMacFormat(net->mac, mac);
    vrBufAsprintf(buf, "<mac address='%s'", mac);
    if (net->macType)
        vrBufAsprintf(buf, " type='%s'", vrDomainNetMacTypeTypeToString(net->macType));
    vrDevAttrTristateBool(buf, "check", net->macCheck);
    vrBufAddLit(buf, "/>\n");
    vrNetFormatSource(buf, net, flags);
    vrNetVlanFormat(buf, &net->vlan);
    if (net->virtualport)
        vrNetVPortFormat(buf, net->virtualport);
    vrNetBandwidthFormat(buf, &net->bandwidth);
    if (net->isolatedPort)
        vrBufAsprintf(buf, "<port isolated='%s'/>\n", vrTristateBoolTypeToString(net->isolatedPort));
    vrDevNetIPInfoFormat(buf, &net->ipInfo);
    if (net->script)
        vrConfEscapeXMLPrintf(buf, "<script path='%s'/>\n", net->script);
    if (net->downscript)
        vrConfEscapeXMLPrintf(buf, "<downscript path='%s'/>\n", net->downscript);
    if (net->backendDomain)
        vrConfEscapeXMLPrintf(buf, "<backenddomain name='%s'/>\n", net->backendDomain);
    vrNetFormatTarget(buf, net);
    if (net->ifnameGuest || net->ifnameGuestActual) {
        vrBufAddLit(buf, "<guest");
        vrDevAttr(buf, "dev", net->ifnameGuest);
        vrDevAttr(buf, "actual", net->ifnameGuestActual);
        vrBufAddLit(buf, "/>\n");
    }
    if (net->model)
        vrConfEscapeXMLPrintf(buf, "<model type='%s'/>\n", net->model);
    vrNetFormatDriver(buf, net);
    vrNetFormatTuning(buf, net);
    vrDevInfoFormat(buf, &net->info, flags, VR_DEV_INFO_ALLOW_BOOT | VR_DEV_INFO_ALLOW_ROM);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</interface>\n");
}
