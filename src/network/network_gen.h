/*
 * network_gen.h: pure translations of a virtual network definition into
 * the files vireod hands to the host tools: dnsmasq's configuration (and
 * its hosts files) and the nftables rule set.  Nothing here touches the
 * host; tests/networkxml2conf and tests/networkxml2nft hold the goldens.
 */
#ifndef VR_NETWORK_GEN_H
#define VR_NETWORK_GEN_H

#include <stdbool.h>

#include "conf/network_conf.h"

/* The nftables table every network's chains live in (one per family). */
#define VR_NETWORK_NFT_TABLE "vireo"

/* Where the files dnsmasq reads live (NULL leaves a line out). */
typedef struct {
    const char *pidFile;       /* run/vireo/network/NAME.pid */
    const char *hostsFile;     /* lib/vireo/dnsmasq/NAME.hostsfile */
    const char *addnHostsFile; /* lib/vireo/dnsmasq/NAME.addnhosts */
} vrNetworkDnsmasqPaths;

/* Whether the network needs a dnsmasq at all (it has an address and
 * DNS is not disabled, or it serves DHCP). */
bool vrNetworkNeedsDnsmasq(const vrNetworkDef *def);

/* The IPv4/IPv6 prefix of @ip (from prefix= or netmask=), -1 if unusable. */
int vrNetworkIPPrefix(const vrNetworkIPDef *ip);
bool vrNetworkIPIsV6(const vrNetworkIPDef *ip);
/* "192.168.122.0/24": the network @ip belongs to. */
char *vrNetworkIPSubnet(const vrNetworkIPDef *ip);

/* dnsmasq's configuration file, libvirt's layout. */
char *vrNetworkDnsmasqConf(const vrNetworkDef *def, const vrNetworkDnsmasqPaths *paths);
/* --dhcp-hostsfile: "MAC,IP,NAME" lines of the static hosts. */
char *vrNetworkDnsmasqHostsFile(const vrNetworkDef *def);
/* --addn-hosts: "IP\tNAME..." lines of <dns><host>. */
char *vrNetworkDnsmasqAddnHosts(const vrNetworkDef *def);

/* The nft script (for `nft -f -`) adding the network's chains, "" when
 * the forward mode needs none (open, bridge, macvtap, hostdev). */
char *vrNetworkNftRules(const vrNetworkDef *def);
/* The nft script removing exactly those chains (tables stay; see
 * vrNetworkNftChains for the names). */
char *vrNetworkNftDeleteRules(const vrNetworkDef *def);

#endif
