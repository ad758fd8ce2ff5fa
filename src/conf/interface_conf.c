/*
 * interface_conf.c: host interface <interface> parsing and formatting.
 *
 * libvirt checks little here (netcf validates the rest when it applies a
 * definition): addresses, gateways, bridge delays and VLAN tags are kept
 * as written, and several of them are even formatted unescaped.  Vireo
 * follows it value for value so that a document reads back identically.
 */
#include <config.h>

#include <string.h>

#include "conf_common.h"
#include "interface_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_INTERFACE
#include "conf_xmlprop.h"  /* after VR_FROM_THIS: it reports under it */

/* libvirt refuses larger MTUs in every interface-like document */
#define VR_INTERFACE_MTU_MAX 100000

VR_ENUM_IMPL(vrInterface, VR_INTERFACE_TYPE_LAST, "ethernet", "bridge", "bond", "vlan");
VR_ENUM_IMPL(vrInterfaceStartMode, VR_INTERFACE_START_LAST, "", "none", "onboot", "hotplug");
VR_ENUM_IMPL(vrInterfaceBondMode, VR_INTERFACE_BOND_LAST, "none", "balance-rr", "active-backup",
             "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb");
VR_ENUM_IMPL(vrInterfaceBondMiiCarrier, VR_INTERFACE_BOND_MII_LAST, "none", "ioctl", "netif");
VR_ENUM_IMPL(vrInterfaceBondArpValid, VR_INTERFACE_BOND_ARP_LAST, "none", "active", "backup",
             "all");
VR_ENUM_IMPL(vrInterfaceLinkState, VR_INTERFACE_LINK_STATE_LAST, "", "unknown", "notpresent",
             "down", "lowerlayerdown", "testing", "dormant", "up");

/* ---- lifetime ------------------------------------------------------ */

static void
vrInterfaceProtocolClear(vrInterfaceProtocolDef *p)
{
    size_t i;

    g_free(p->family);
    for (i = 0; i < p->nips; i++)
        g_free(p->ips[i].address);
    g_free(p->ips);
    g_free(p->gateway);
}

void
vrInterfaceDefFree(vrInterfaceDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->mac);
    for (i = 0; i < def->nprotocols; i++)
        vrInterfaceProtocolClear(&def->protocols[i]);
    g_free(def->protocols);
    g_free(def->bridgeDelay);
    g_free(def->arpTarget);
    g_free(def->vlanTag);
    g_free(def->vlanDev);
    for (i = 0; i < def->nmembers; i++)
        vrInterfaceDefFree(def->members[i]);
    g_free(def->members);
    g_free(def);
}

/* ---- parsing ------------------------------------------------------- */

/* libvirt reads these numbers with its XPath helpers: an empty or
 * missing attribute is "absent" (0), a malformed one an error (-1,
 * reported by the caller, as the helper itself says nothing). */
static int
vrInterfaceXPathInt(xmlNodePtr node, const char *attr, int *value)
{
    g_autofree char *str = vrPropNonEmpty(node, attr);

    if (!str)
        return 0;
    return vrStrToInt(str, 10, value) < 0 ? -1 : 1;
}

static int
vrInterfaceParseStartMode(xmlNodePtr node, vrInterfaceDef *def)
{
    g_autofree char *mode = vrPropNonEmpty(vrXMLChild(node, "start"), "mode");

    if (!mode)
        return 0;
    if ((def->startmode = vrInterfaceStartModeTypeFromString(mode)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown interface startmode %s", mode);
        return -1;
    }
    return 0;
}

static int
vrInterfaceParseMTU(xmlNodePtr node, vrInterfaceDef *def)
{
    g_autofree char *size = vrPropNonEmpty(vrXMLChild(node, "mtu"), "size");
    unsigned long long v;

    if (!size)
        return 0;
    if (!vrPropStrToNum(size, 10, true, 0, G_MAXUINT, &v)) {
        vrPropReportUnknownCause();
        return -1;
    }
    if (v > VR_INTERFACE_MTU_MAX) {
        vrReportError(VR_ERR_XML_ERROR,
                      "value of the 'size' attribute of 'mtu' element must be at most %d",
                      VR_INTERFACE_MTU_MAX);
        return -1;
    }
    def->mtu = (unsigned int)v;
    return 0;
}

static int
vrInterfaceParseLink(xmlNodePtr node, vrInterfaceDef *def)
{
    xmlNodePtr link = vrXMLChild(node, "link");

    if (!link)
        return 0;
    if (vrPropUInt(link, "speed", 10, &def->linkSpeed) < 0 ||
        vrPropEnum(link, "state", vrInterfaceLinkStateTypeFromString, false, false,
                   &def->linkState) < 0)
        return -1;
    return 0;
}

static int
vrInterfaceParseIP(xmlNodePtr node, vrInterfaceProtocolDef *p)
{
    g_autofree char *address = vrXMLProp(node, "address");
    int prefix = 0;

    /* an <ip> without address is silently skipped */
    if (!address)
        return 0;
    if (vrPropInt(node, "prefix", 0, &prefix) < 0)
        return -1;
    p->ips = g_renew(vrInterfaceIPDef, p->ips, p->nips + 1);
    p->ips[p->nips].address = g_steal_pointer(&address);
    p->ips[p->nips++].prefix = prefix;
    return 0;
}

static int
vrInterfaceParseProtocol(xmlNodePtr node, vrInterfaceProtocolDef *p)
{
    xmlNodePtr dhcp = vrXMLChild(node, "dhcp");
    bool ipv6;

    p->family = vrXMLProp(node, "family");
    if (!p->family) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "protocol misses the family attribute");
        return -1;
    }
    if (!g_str_equal(p->family, "ipv4") && !g_str_equal(p->family, "ipv6")) {
        vrReportError(VR_ERR_XML_ERROR, "unsupported protocol family '%s'", p->family);
        return -1;
    }
    ipv6 = g_str_equal(p->family, "ipv6");
    if (dhcp) {
        p->dhcp = true;
        if (vrPropTristate(dhcp, "peerdns", &p->peerdns) < 0)
            return -1;
    }
    if (ipv6)
        p->autoconf = vrXMLChild(node, "autoconf") != NULL;
    vrXMLForEachNamed(node, "ip", ip) {
        if (vrInterfaceParseIP(ip, p) < 0)
            return -1;
    }
    p->gateway = vrPropNonEmpty(vrXMLChild(node, "route"), "gateway");
    return 0;
}

static int
vrInterfaceParseProtocols(xmlNodePtr node, vrInterfaceDef *def)
{
    vrXMLForEachNamed(node, "protocol", proto) {
        def->protocols = g_renew(vrInterfaceProtocolDef, def->protocols, def->nprotocols + 1);
        memset(&def->protocols[def->nprotocols], 0, sizeof(vrInterfaceProtocolDef));
        if (vrInterfaceParseProtocol(proto, &def->protocols[def->nprotocols++]) < 0)
            return -1;
    }
    return 0;
}

static vrInterfaceDef *vrInterfaceParseNode(xmlNodePtr node, int parentType);

static int
vrInterfaceParseMembers(xmlNodePtr parent, vrInterfaceDef *def)
{
    vrXMLForEachNamed(parent, "interface", child) {
        vrInterfaceDef *m = vrInterfaceParseNode(child, def->type);
        if (!m)
            return -1;
        def->members = g_renew(vrInterfaceDef *, def->members, def->nmembers + 1);
        def->members[def->nmembers++] = m;
    }
    return 0;
}

static int
vrInterfaceParseBridge(xmlNodePtr node, vrInterfaceDef *def)
{
    xmlNodePtr bridge = vrXMLChild(node, "bridge");
    g_autofree char *stp = NULL;

    if (!bridge) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bridge interface misses the bridge element");
        return -1;
    }
    /* anything but on/off is ignored rather than refused */
    if ((stp = vrXMLProp(bridge, "stp")))
        def->bridgeStp = g_str_equal(stp, "on") ? 1 : g_str_equal(stp, "off") ? 2 : 0;
    def->bridgeDelay = vrPropNonEmpty(bridge, "delay");
    return vrInterfaceParseMembers(bridge, def);
}

static int
vrInterfaceParseMiimon(xmlNodePtr mii, vrInterfaceDef *def)
{
    g_autofree char *carrier = vrPropNonEmpty(mii, "carrier");

    def->bondMonit = VR_INTERFACE_BOND_MONIT_MII;
    if (vrInterfaceXPathInt(mii, "freq", &def->miiFreq) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bond interface miimon freq missing or invalid");
        return -1;
    }
    if (vrInterfaceXPathInt(mii, "downdelay", &def->miiDownDelay) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bond interface miimon downdelay invalid");
        return -1;
    }
    if (vrInterfaceXPathInt(mii, "updelay", &def->miiUpDelay) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bond interface miimon updelay invalid");
        return -1;
    }
    if (carrier && (def->miiCarrier = vrInterfaceBondMiiCarrierTypeFromString(carrier)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown mii bonding carrier %s", carrier);
        return -1;
    }
    return 0;
}

static int
vrInterfaceParseArpmon(xmlNodePtr arp, vrInterfaceDef *def)
{
    g_autofree char *validate = vrPropNonEmpty(arp, "validate");

    def->bondMonit = VR_INTERFACE_BOND_MONIT_ARP;
    if (vrInterfaceXPathInt(arp, "interval", &def->arpInterval) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bond interface arpmon interval missing or invalid");
        return -1;
    }
    if (!(def->arpTarget = vrPropNonEmpty(arp, "target"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bond interface arpmon target missing");
        return -1;
    }
    if (validate &&
        (def->arpValidate = vrInterfaceBondArpValidTypeFromString(validate)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown arp bonding validate %s", validate);
        return -1;
    }
    return 0;
}

static int
vrInterfaceParseBond(xmlNodePtr node, vrInterfaceDef *def)
{
    xmlNodePtr bond = vrXMLChild(node, "bond");
    g_autofree char *mode = NULL;
    xmlNodePtr mon;

    if (!bond) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "bond interface misses the bond element");
        return -1;
    }
    if ((mode = vrPropNonEmpty(bond, "mode")) &&
        (def->bondMode = vrInterfaceBondModeTypeFromString(mode)) <= 0) {
        vrReportError(VR_ERR_XML_ERROR, "unknown bonding mode %s", mode);
        return -1;
    }
    if (vrInterfaceParseMembers(bond, def) < 0)
        return -1;
    /* one monitor only: miimon wins over arpmon */
    if ((mon = vrXMLChild(bond, "miimon")))
        return vrInterfaceParseMiimon(mon, def);
    if ((mon = vrXMLChild(bond, "arpmon")))
        return vrInterfaceParseArpmon(mon, def);
    return 0;
}

static int
vrInterfaceParseVlan(xmlNodePtr node, vrInterfaceDef *def)
{
    xmlNodePtr vlan = vrXMLChild(node, "vlan");

    if (!vlan) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "vlan interface misses the vlan element");
        return -1;
    }
    if (!(def->vlanTag = vrPropNonEmpty(vlan, "tag"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "vlan interface misses the tag attribute");
        return -1;
    }
    if (!(def->vlanDev = vrPropNonEmpty(vrXMLChild(vlan, "interface"), "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "vlan interface misses name attribute");
        return -1;
    }
    return 0;
}

/* Bridges take any port but another bridge, bonds only ethernet slaves. */
static bool
vrInterfaceTypeAllowed(int type, int parentType)
{
    switch (parentType) {
    case VR_INTERFACE_TYPE_BRIDGE:
        return type != VR_INTERFACE_TYPE_BRIDGE;
    case VR_INTERFACE_TYPE_BOND:
        return type == VR_INTERFACE_TYPE_ETHERNET;
    default:
        return true;
    }
}

/* start mode, MTU and addressing belong to the top level only */
static int
vrInterfaceParseTopLevel(xmlNodePtr node, vrInterfaceDef *def)
{
    if (vrInterfaceParseStartMode(node, def) < 0 ||
        vrInterfaceParseMTU(node, def) < 0 ||
        vrInterfaceParseProtocols(node, def) < 0)
        return -1;
    return 0;
}

static int
vrInterfaceParseTypeData(xmlNodePtr node, vrInterfaceDef *def)
{
    switch ((vrInterfaceType)def->type) {
    case VR_INTERFACE_TYPE_ETHERNET:
        def->mac = vrPropNonEmpty(vrXMLChild(node, "mac"), "address");
        return 0;
    case VR_INTERFACE_TYPE_BRIDGE:
        return vrInterfaceParseBridge(node, def);
    case VR_INTERFACE_TYPE_BOND:
        return vrInterfaceParseBond(node, def);
    case VR_INTERFACE_TYPE_VLAN:
        return vrInterfaceParseVlan(node, def);
    case VR_INTERFACE_TYPE_LAST:
        break;
    }
    return 0;
}

static vrInterfaceDef *
vrInterfaceParseNode(xmlNodePtr node, int parentType)
{
    g_autoptr(vrInterfaceDef) def = g_new0(vrInterfaceDef, 1);

    if (vrPropEnum(node, "type", vrInterfaceTypeFromString, true, false, &def->type) < 0)
        return NULL;
    if (!vrInterfaceTypeAllowed(def->type, parentType)) {
        vrReportError(VR_ERR_XML_ERROR, "interface has unsupported type '%s'",
                      vrInterfaceTypeToString(def->type));
        return NULL;
    }
    if (!(def->name = vrXMLProp(node, "name"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "interface has no name");
        return NULL;
    }
    if (parentType == VR_INTERFACE_TYPE_LAST && vrInterfaceParseTopLevel(node, def) < 0)
        return NULL;
    if (def->type != VR_INTERFACE_TYPE_BRIDGE && vrInterfaceParseLink(node, def) < 0)
        return NULL;
    if (vrInterfaceParseTypeData(node, def) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

vrInterfaceDef *
vrInterfaceDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(interface_definition)", "interface",
                                             VR_FROM_INTERFACE);

    if (!doc)
        return NULL;
    return vrInterfaceParseNode(xmlDocGetRootElement(doc), VR_INTERFACE_TYPE_LAST);
}

/* ---- formatting ---------------------------------------------------- */

/* libvirt writes these values without escaping them; so does Vireo, or
 * the document would not read back the way libvirt's does. */
static void
vrInterfaceRawAttr(vrBuf *buf, const char *name, const char *value)
{
    if (value)
        vrBufAsprintf(buf, " %s='%s'", name, value);
}

static void vrInterfaceFormatNode(vrBuf *buf, const vrInterfaceDef *def, bool top);

static void
vrInterfaceFormatProtocol(vrBuf *buf, const vrInterfaceProtocolDef *p)
{
    size_t i;

    vrBufAsprintf(buf, "<protocol family='%s'>\n", p->family);
    vrBufAdjustIndent(buf, 2);
    if (p->autoconf)
        vrBufAddLit(buf, "<autoconf/>\n");
    if (p->dhcp) {
        vrBufAddLit(buf, "<dhcp");
        vrInterfaceRawAttr(buf, "peerdns", vrPropTristateString(p->peerdns));
        vrBufAddLit(buf, "/>\n");
    }
    for (i = 0; i < p->nips; i++) {
        vrBufAddLit(buf, "<ip");
        vrInterfaceRawAttr(buf, "address", p->ips[i].address);
        if (p->ips[i].prefix != 0)
            vrBufAsprintf(buf, " prefix='%d'", p->ips[i].prefix);
        vrBufAddLit(buf, "/>\n");
    }
    if (p->gateway) {
        vrBufAddLit(buf, "<route");
        vrInterfaceRawAttr(buf, "gateway", p->gateway);
        vrBufAddLit(buf, "/>\n");
    }
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</protocol>\n");
}

static void
vrInterfaceFormatLink(vrBuf *buf, const vrInterfaceDef *def)
{
    if (!def->linkSpeed && !def->linkState)
        return;
    vrBufAddLit(buf, "<link");
    if (def->linkSpeed)
        vrBufAsprintf(buf, " speed='%u'", def->linkSpeed);
    if (def->linkState)
        vrBufAsprintf(buf, " state='%s'", vrInterfaceLinkStateTypeToString(def->linkState));
    vrBufAddLit(buf, "/>\n");
}

static void
vrInterfaceFormatMembers(vrBuf *buf, const vrInterfaceDef *def)
{
    size_t i;

    for (i = 0; i < def->nmembers; i++)
        vrInterfaceFormatNode(buf, def->members[i], false);
}

static void
vrInterfaceFormatBridge(vrBuf *buf, const vrInterfaceDef *def)
{
    vrBufAddLit(buf, "<bridge");
    if (def->bridgeStp)
        vrBufAsprintf(buf, " stp='%s'", def->bridgeStp == 1 ? "on" : "off");
    vrInterfaceRawAttr(buf, "delay", def->bridgeDelay);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrInterfaceFormatMembers(buf, def);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</bridge>\n");
}

static void
vrInterfaceFormatMonitor(vrBuf *buf, const vrInterfaceDef *def)
{
    if (def->bondMonit == VR_INTERFACE_BOND_MONIT_MII) {
        vrBufAsprintf(buf, "<miimon freq='%d'", def->miiFreq);
        if (def->miiDownDelay > 0)
            vrBufAsprintf(buf, " downdelay='%d'", def->miiDownDelay);
        if (def->miiUpDelay > 0)
            vrBufAsprintf(buf, " updelay='%d'", def->miiUpDelay);
        if (def->miiCarrier)
            vrBufAsprintf(buf, " carrier='%s'",
                          vrInterfaceBondMiiCarrierTypeToString(def->miiCarrier));
        vrBufAddLit(buf, "/>\n");
    } else if (def->bondMonit == VR_INTERFACE_BOND_MONIT_ARP) {
        vrBufAsprintf(buf, "<arpmon interval='%d'", def->arpInterval);
        vrInterfaceRawAttr(buf, "target", def->arpTarget);
        if (def->arpValidate)
            vrBufAsprintf(buf, " validate='%s'",
                          vrInterfaceBondArpValidTypeToString(def->arpValidate));
        vrBufAddLit(buf, "/>\n");
    }
}

static void
vrInterfaceFormatBond(vrBuf *buf, const vrInterfaceDef *def)
{
    vrBufAddLit(buf, "<bond");
    if (def->bondMode)
        vrBufAsprintf(buf, " mode='%s'", vrInterfaceBondModeTypeToString(def->bondMode));
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrInterfaceFormatMonitor(buf, def);
    vrInterfaceFormatMembers(buf, def);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</bond>\n");
}

static void
vrInterfaceFormatVlan(vrBuf *buf, const vrInterfaceDef *def)
{
    vrBufAddLit(buf, "<vlan");
    vrInterfaceRawAttr(buf, "tag", def->vlanTag);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    vrBufAddLit(buf, "<interface");
    vrInterfaceRawAttr(buf, "name", def->vlanDev);
    vrBufAddLit(buf, "/>\n");
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</vlan>\n");
}

static void
vrInterfaceFormatTypeData(vrBuf *buf, const vrInterfaceDef *def)
{
    switch ((vrInterfaceType)def->type) {
    case VR_INTERFACE_TYPE_ETHERNET:
        if (def->mac) {
            vrBufAddLit(buf, "<mac");
            vrInterfaceRawAttr(buf, "address", def->mac);
            vrBufAddLit(buf, "/>\n");
        }
        break;
    case VR_INTERFACE_TYPE_BRIDGE:
        vrInterfaceFormatBridge(buf, def);
        break;
    case VR_INTERFACE_TYPE_BOND:
        vrInterfaceFormatBond(buf, def);
        break;
    case VR_INTERFACE_TYPE_VLAN:
        vrInterfaceFormatVlan(buf, def);
        break;
    case VR_INTERFACE_TYPE_LAST:
        break;
    }
}

static void
vrInterfaceFormatNode(vrBuf *buf, const vrInterfaceDef *def, bool top)
{
    size_t i;

    vrBufAsprintf(buf, "<interface type='%s'", vrInterfaceTypeToString(def->type));
    if (def->name)
        vrConfEscapeXMLPrintf(buf, " name='%s'", def->name);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (top && def->startmode)
        vrBufAsprintf(buf, "<start mode='%s'/>\n",
                      vrInterfaceStartModeTypeToString(def->startmode));
    if (top && def->mtu)
        vrBufAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
    for (i = 0; top && i < def->nprotocols; i++)
        vrInterfaceFormatProtocol(buf, &def->protocols[i]);
    if (def->type != VR_INTERFACE_TYPE_BRIDGE)
        vrInterfaceFormatLink(buf, def);
    vrInterfaceFormatTypeData(buf, def);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</interface>\n");
}

char *
vrInterfaceDefFormat(const vrInterfaceDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrInterfaceFormatNode(&buf, def, true);
    return vrBufContent(&buf);
}
