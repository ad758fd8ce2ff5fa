/*
 * interface_conf.c: host interface <interface> parsing and formatting.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "interface_conf.h"
#include "util/vrbuf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_INTERFACE

void
vrInterfaceDefFree(vrInterfaceDef *def)
{
    size_t i, j;

    if (!def)
        return;
    g_free(def->type);
    g_free(def->name);
    g_free(def->startmode);
    g_free(def->mac);
    for (i = 0; i < def->nprotocols; i++) {
        vrInterfaceProtocolDef *p = &def->protocols[i];
        g_free(p->family);
        g_free(p->dhcpPeerdns);
        for (j = 0; j < p->nips; j++)
            g_free(p->ips[j].address);
        g_free(p->ips);
        g_free(p->gateway);
    }
    g_free(def->protocols);
    g_free(def->bridgeStp);
    g_free(def->bridgeDelay);
    g_free(def->bondMode);
    g_free(def->bondMiimonXML);
    g_free(def->vlanTag);
    g_free(def->vlanDev);
    for (i = 0; i < def->nmembers; i++)
        vrInterfaceDefFree(def->members[i]);
    g_free(def->members);
    g_free(def);
}

static int
vrInterfaceParseProtocol(xmlNodePtr node, vrInterfaceProtocolDef *p)
{
    xmlNodePtr child;

    p->family = vrXMLProp(node, "family");
    if (!p->family || (!g_str_equal(p->family, "ipv4") && !g_str_equal(p->family, "ipv6"))) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "protocol misses the family attribute");
        return -1;
    }
    if ((child = vrXMLChild(node, "dhcp"))) {
        p->dhcp = true;
        p->dhcpPeerdns = vrXMLProp(child, "peerdns");
    }
    p->autoconf = vrXMLChild(node, "autoconf") != NULL;
    vrXMLForEachNamed(node, "ip", ipnode) {
        vrInterfaceIPDef ip = { vrXMLProp(ipnode, "address"), 0, false };
        int rc;

        p->ips = g_renew(vrInterfaceIPDef, p->ips, p->nips + 1);
        p->ips[p->nips++] = ip;
        if (!ip.address) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "missing address in ip element");
            return -1;
        }
        if ((rc = vrXMLPropUInt(ipnode, "prefix", "ip", 10, &p->ips[p->nips - 1].prefix)) < 0)
            return -1;
        p->ips[p->nips - 1].hasPrefix = rc > 0;
    }
    if ((child = vrXMLChild(node, "route")))
        p->gateway = vrXMLProp(child, "gateway");
    return 0;
}

static vrInterfaceDef *vrInterfaceParseNode(xmlNodePtr node, bool member);

static int
vrInterfaceParseMembers(xmlNodePtr parent, vrInterfaceDef *def)
{
    vrXMLForEachNamed(parent, "interface", child) {
        vrInterfaceDef *m = vrInterfaceParseNode(child, true);
        if (!m)
            return -1;
        def->members = g_renew(vrInterfaceDef *, def->members, def->nmembers + 1);
        def->members[def->nmembers++] = m;
    }
    return 0;
}

static vrInterfaceDef *
vrInterfaceParseNode(xmlNodePtr node, bool member)
{
    g_autoptr(vrInterfaceDef) def = g_new0(vrInterfaceDef, 1);
    xmlNodePtr child;

    def->type = vrXMLProp(node, "type");
    def->name = vrXMLProp(node, "name");
    if (!def->type) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "interface misses the type attribute");
        return NULL;
    }
    if (!g_str_equal(def->type, "ethernet") && !g_str_equal(def->type, "bridge") &&
        !g_str_equal(def->type, "bond") && !g_str_equal(def->type, "vlan")) {
        vrReportError(VR_ERR_XML_ERROR, "unknown interface type %s", def->type);
        return NULL;
    }
    if (!def->name && !g_str_equal(def->type, "vlan")) {
        vrReportError(VR_ERR_XML_ERROR, "%s", "interface has no name");
        return NULL;
    }
    if ((child = vrXMLChild(node, "start")) && !member)
        def->startmode = vrXMLProp(child, "mode");
    if ((child = vrXMLChild(node, "mtu")) &&
        vrXMLPropUInt(child, "size", "mtu", 10, &def->mtu) < 0)
        return NULL;
    if ((child = vrXMLChild(node, "mac"))) {
        unsigned char mac[6];
        def->mac = vrXMLProp(child, "address");
        if (def->mac && vrMacParse(def->mac, mac) < 0) {
            vrReportError(VR_ERR_XML_ERROR, "unable to parse mac address '%s'", def->mac);
            return NULL;
        }
    }
    vrXMLForEachNamed(node, "protocol", proto) {
        def->protocols = g_renew(vrInterfaceProtocolDef, def->protocols, def->nprotocols + 1);
        memset(&def->protocols[def->nprotocols], 0, sizeof(vrInterfaceProtocolDef));
        if (vrInterfaceParseProtocol(proto, &def->protocols[def->nprotocols++]) < 0)
            return NULL;
    }
    if ((child = vrXMLChild(node, "bridge"))) {
        def->bridgeStp = vrXMLProp(child, "stp");
        def->bridgeDelay = vrXMLProp(child, "delay");
        if (vrInterfaceParseMembers(child, def) < 0)
            return NULL;
    }
    if ((child = vrXMLChild(node, "bond"))) {
        xmlNodePtr mon;
        def->bondMode = vrXMLProp(child, "mode");
        if ((mon = vrXMLChild(child, "miimon")) || (mon = vrXMLChild(child, "arpmon")))
            def->bondMiimonXML = vrXMLFormatElement(mon);
        if (vrInterfaceParseMembers(child, def) < 0)
            return NULL;
    }
    if ((child = vrXMLChild(node, "vlan"))) {
        xmlNodePtr dev = vrXMLChild(child, "interface");
        def->vlanTag = vrXMLProp(child, "tag");
        if (dev)
            def->vlanDev = vrXMLProp(dev, "name");
        if (!def->vlanTag) {
            vrReportError(VR_ERR_XML_ERROR, "%s", "vlan interface misses the tag attribute");
            return NULL;
        }
    }
    return g_steal_pointer(&def);
}

vrInterfaceDef *
vrInterfaceDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(interface_definition)", "interface",
                                             VR_FROM_INTERFACE);

    if (!doc)
        return NULL;
    return vrInterfaceParseNode(xmlDocGetRootElement(doc), false);
}

static void vrInterfaceFormatNode(vrBuf *buf, const vrInterfaceDef *def);

static void
vrInterfaceFormatProtocols(vrBuf *buf, const vrInterfaceDef *def)
{
    size_t i, j;

    for (i = 0; i < def->nprotocols; i++) {
        const vrInterfaceProtocolDef *p = &def->protocols[i];
        vrBufAsprintf(buf, "<protocol family='%s'>\n", p->family);
        vrBufAdjustIndent(buf, 2);
        if (p->autoconf)
            vrBufAddLit(buf, "<autoconf/>\n");
        if (p->dhcp) {
            if (p->dhcpPeerdns)
                vrBufAsprintf(buf, "<dhcp peerdns='%s'/>\n", p->dhcpPeerdns);
            else
                vrBufAddLit(buf, "<dhcp/>\n");
        }
        for (j = 0; j < p->nips; j++) {
            vrBufEscapeXMLPrintf(buf, "<ip address='%s'", p->ips[j].address);
            if (p->ips[j].hasPrefix)
                vrBufAsprintf(buf, " prefix='%u'", p->ips[j].prefix);
            vrBufAddLit(buf, "/>\n");
        }
        if (p->gateway)
            vrBufEscapeXMLPrintf(buf, "<route gateway='%s'/>\n", p->gateway);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</protocol>\n");
    }
}

static void
vrInterfaceFormatMembers(vrBuf *buf, const vrInterfaceDef *def)
{
    size_t i;

    for (i = 0; i < def->nmembers; i++)
        vrInterfaceFormatNode(buf, def->members[i]);
}

static void
vrInterfaceFormatNode(vrBuf *buf, const vrInterfaceDef *def)
{
    vrBufAsprintf(buf, "<interface type='%s'", def->type);
    if (def->name)
        vrBufEscapeXMLPrintf(buf, " name='%s'", def->name);
    vrBufAddLit(buf, ">\n");
    vrBufAdjustIndent(buf, 2);
    if (def->startmode)
        vrBufAsprintf(buf, "<start mode='%s'/>\n", def->startmode);
    if (def->mtu)
        vrBufAsprintf(buf, "<mtu size='%u'/>\n", def->mtu);
    vrInterfaceFormatProtocols(buf, def);
    if (g_str_equal(def->type, "bridge")) {
        vrBufAddLit(buf, "<bridge");
        if (def->bridgeStp)
            vrBufAsprintf(buf, " stp='%s'", def->bridgeStp);
        if (def->bridgeDelay)
            vrBufAsprintf(buf, " delay='%s'", def->bridgeDelay);
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        vrInterfaceFormatMembers(buf, def);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</bridge>\n");
    } else if (g_str_equal(def->type, "bond")) {
        vrBufAddLit(buf, "<bond");
        if (def->bondMode)
            vrBufAsprintf(buf, " mode='%s'", def->bondMode);
        vrBufAddLit(buf, ">\n");
        vrBufAdjustIndent(buf, 2);
        if (def->bondMiimonXML)
            vrBufAddFragment(buf, def->bondMiimonXML);
        vrInterfaceFormatMembers(buf, def);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</bond>\n");
    } else if (g_str_equal(def->type, "vlan")) {
        vrBufAsprintf(buf, "<vlan tag='%s'>\n", def->vlanTag);
        vrBufAdjustIndent(buf, 2);
        if (def->vlanDev)
            vrBufEscapeXMLPrintf(buf, "<interface name='%s'/>\n", def->vlanDev);
        vrBufAdjustIndent(buf, -2);
        vrBufAddLit(buf, "</vlan>\n");
    }
    if (def->mac)
        vrBufAsprintf(buf, "<mac address='%s'/>\n", def->mac);
    vrBufAdjustIndent(buf, -2);
    vrBufAddLit(buf, "</interface>\n");
}

char *
vrInterfaceDefFormat(const vrInterfaceDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrInterfaceFormatNode(&buf, def);
    return vrBufContent(&buf);
}
