/*
 * network_conf.h: the virtual network definition (<network>).
 */
#ifndef VR_NETWORK_CONF_H
#define VR_NETWORK_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrbuf.h"
#include "util/vrenum.h"
#include "domain_conf.h"

typedef enum {
    VR_NETWORK_FORWARD_NONE = 0,
    VR_NETWORK_FORWARD_NAT,
    VR_NETWORK_FORWARD_ROUTE,
    VR_NETWORK_FORWARD_OPEN,
    VR_NETWORK_FORWARD_BRIDGE,
    VR_NETWORK_FORWARD_PRIVATE,
    VR_NETWORK_FORWARD_VEPA,
    VR_NETWORK_FORWARD_PASSTHROUGH,
    VR_NETWORK_FORWARD_HOSTDEV,
    VR_NETWORK_FORWARD_LAST
} vrNetworkForwardType;
VR_ENUM_DECL(vrNetworkForward);

typedef struct {
    char *start;
    char *end;
    char *leaseExpiry;
    char *leaseUnit;
} vrNetworkDHCPRange;

typedef struct {
    char *mac;
    char *id;
    char *name;
    char *ip;
    char *leaseExpiry;
    char *leaseUnit;
} vrNetworkDHCPHost;

typedef struct {
    char *family;         /* ipv4 (NULL) / ipv6 */
    char *address;
    char *netmask;
    unsigned int prefix;
    bool hasPrefix;
    char *localPtr;
    char *tftproot;
    bool hasDHCP;         /* <dhcp> present */
    vrNetworkDHCPRange *ranges;
    size_t nranges;
    vrNetworkDHCPHost *hosts;
    size_t nhosts;
    char *bootpFile;
    char *bootpServer;
} vrNetworkIPDef;

typedef struct {
    char *family;
    char *address;
    char *netmask;
    unsigned int prefix;
    bool hasPrefix;
    char *gateway;
    unsigned int metric;
    bool hasMetric;
} vrNetworkRouteDef;

typedef struct {
    char *ip;
    GPtrArray *hostnames;
} vrNetworkDNSHost;

typedef struct {
    char *name;
    char *value;
} vrNetworkDNSTxt;

typedef struct {
    char *service, *protocol, *domain, *target;
    char *port, *priority, *weight;
} vrNetworkDNSSrv;

typedef struct {
    char *addr;
    char *domain;
} vrNetworkDNSForwarder;

typedef struct {
    bool present;
    char *enable;
    char *forwardPlainNames;
    vrNetworkDNSForwarder *forwarders;
    size_t nforwarders;
    vrNetworkDNSTxt *txts;
    size_t ntxts;
    vrNetworkDNSSrv *srvs;
    size_t nsrvs;
    vrNetworkDNSHost *hosts;
    size_t nhosts;
} vrNetworkDNSDef;

typedef struct {
    char *name;
    char *isDefault;
    char *xml;            /* children (vlan, bandwidth, virtualport) kept whole */
} vrNetworkPortGroupDef;

typedef struct {
    unsigned char uuid[VR_UUID_BUFLEN];
    char *name;
    char *title;
    char *description;
    char *metadata;
    char *ipv6nogw;       /* <network ipv6='yes'> */
    char *trustGuestRxFilters;
    int connections;      /* live only */

    int forwardType;      /* vrNetworkForwardType */
    char *forwardDev;
    char *forwardManaged;
    char *natAddrStart, *natAddrEnd;
    unsigned int natPortStart, natPortEnd;
    char *natIPv6;
    GPtrArray *forwardIfs;   /* <interface dev=> */
    GPtrArray *forwardPfs;   /* <pf dev=> */
    char *forwardAddressesXML;

    char *bridge;
    char *bridgeZone;
    char *stp;            /* on / off; NULL when not printed */
    unsigned int delay;
    bool hasDelay;
    char *macTableManager;
    unsigned int mtu;
    char *mac;
    char *domain;
    char *domainLocalOnly;
    vrNetworkDNSDef dns;
    vrNetVlan vlan;
    vrNetBandwidth bandwidth;
    vrNetworkIPDef *ips;
    size_t nips;
    vrNetworkRouteDef *routes;
    size_t nroutes;
    char *virtualportXML;
    vrNetworkPortGroupDef *portgroups;
    size_t nportgroups;
} vrNetworkDef;

vrNetworkDef *vrNetworkDefParseString(const char *xml);
char *vrNetworkDefFormat(const vrNetworkDef *def, unsigned int flags);
void vrNetworkDefFree(vrNetworkDef *def);
vrNetworkDef *vrNetworkDefCopy(const vrNetworkDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNetworkDef, vrNetworkDefFree)

/* Applies a net-update command to one section (libvirt's numbering). */
int vrNetworkDefUpdateSection(vrNetworkDef *def, unsigned int command, unsigned int section,
                              int parentIndex, const char *xml);

/* The network's first IPv4 address, or NULL. */
const vrNetworkIPDef *vrNetworkDefIPv4(const vrNetworkDef *def);

/* Parsing helpers shared with domain interfaces. */
int vrNetBandwidthParse(xmlNodePtr node, vrNetBandwidth *bw);
void vrNetBandwidthFormat(vrBuf *buf, const vrNetBandwidth *bw);
int vrNetVlanParse(xmlNodePtr node, vrNetVlan *vlan);
void vrNetVlanFormat(vrBuf *buf, const vrNetVlan *vlan);

#endif
