/*
 * vireo-network.h: virtual networks.
 */
#ifndef VIREO_NETWORK_H
#define VIREO_NETWORK_H

typedef enum {
    VR_NETWORK_XML_INACTIVE = 1 << 0,
} vrNetworkXMLFlags;

typedef enum {
    VR_CONNECT_LIST_NETWORKS_INACTIVE = 1 << 0,
    VR_CONNECT_LIST_NETWORKS_ACTIVE = 1 << 1,
    VR_CONNECT_LIST_NETWORKS_PERSISTENT = 1 << 2,
    VR_CONNECT_LIST_NETWORKS_TRANSIENT = 1 << 3,
    VR_CONNECT_LIST_NETWORKS_AUTOSTART = 1 << 4,
    VR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 1 << 5,
} vrConnectListAllNetworksFlags;

int vrConnectListAllNetworks(vrConnect *conn, vrNetwork ***nets, unsigned int flags);
int vrConnectNumOfNetworks(vrConnect *conn);
int vrConnectListNetworks(vrConnect *conn, char **names, int maxnames);
int vrConnectNumOfDefinedNetworks(vrConnect *conn);
int vrConnectListDefinedNetworks(vrConnect *conn, char **names, int maxnames);
vrNetwork *vrNetworkLookupByName(vrConnect *conn, const char *name);
vrNetwork *vrNetworkLookupByUUID(vrConnect *conn, const unsigned char *uuid);
vrNetwork *vrNetworkLookupByUUIDString(vrConnect *conn, const char *uuid);
vrNetwork *vrNetworkDefineXML(vrConnect *conn, const char *xml);
vrNetwork *vrNetworkCreateXML(vrConnect *conn, const char *xml);
int vrNetworkCreate(vrNetwork *net);
int vrNetworkDestroy(vrNetwork *net);
int vrNetworkUndefine(vrNetwork *net);
char *vrNetworkGetXMLDesc(vrNetwork *net, unsigned int flags);

typedef enum {
    VR_NETWORK_UPDATE_COMMAND_NONE = 0,
    VR_NETWORK_UPDATE_COMMAND_MODIFY = 1,
    VR_NETWORK_UPDATE_COMMAND_DELETE = 2,
    VR_NETWORK_UPDATE_COMMAND_ADD_LAST = 3,
    VR_NETWORK_UPDATE_COMMAND_ADD_FIRST = 4,
} vrNetworkUpdateCommand;

typedef enum {
    VR_NETWORK_SECTION_NONE = 0,
    VR_NETWORK_SECTION_BRIDGE = 1,
    VR_NETWORK_SECTION_DOMAIN = 2,
    VR_NETWORK_SECTION_IP = 3,
    VR_NETWORK_SECTION_IP_DHCP_HOST = 4,
    VR_NETWORK_SECTION_IP_DHCP_RANGE = 5,
    VR_NETWORK_SECTION_FORWARD = 6,
    VR_NETWORK_SECTION_FORWARD_INTERFACE = 7,
    VR_NETWORK_SECTION_FORWARD_PF = 8,
    VR_NETWORK_SECTION_PORTGROUP = 9,
    VR_NETWORK_SECTION_DNS_HOST = 10,
    VR_NETWORK_SECTION_DNS_TXT = 11,
    VR_NETWORK_SECTION_DNS_SRV = 12,
} vrNetworkUpdateSection;

typedef enum {
    VR_NETWORK_UPDATE_AFFECT_CURRENT = 0,
    VR_NETWORK_UPDATE_AFFECT_LIVE = 1 << 0,
    VR_NETWORK_UPDATE_AFFECT_CONFIG = 1 << 1,
} vrNetworkUpdateFlags;

int vrNetworkUpdate(vrNetwork *net, unsigned int command, unsigned int section,
                    int parentIndex, const char *xml, unsigned int flags);
char *vrNetworkGetBridgeName(vrNetwork *net);
int vrNetworkGetAutostart(vrNetwork *net, int *autostart);
int vrNetworkSetAutostart(vrNetwork *net, int autostart);
int vrNetworkIsActive(vrNetwork *net);
int vrNetworkIsPersistent(vrNetwork *net);

/* virNetworkGetDHCPLeases: the leases dnsmasq handed out on a network
 * (all of them, or those of one MAC address when @mac is given). */
typedef struct {
    char *iface;            /* the network's bridge */
    long long expirytime;   /* seconds since the epoch; 0: never expires */
    int type;               /* VR_IP_ADDR_TYPE_IPV4 / _IPV6 */
    char *mac;              /* may be NULL for an IPv6 lease */
    char *iaid;             /* IPv6 only */
    char *ipaddr;
    unsigned int prefix;
    char *hostname;         /* NULL when the client sent none */
    char *clientid;         /* client id (IPv4) or DUID (IPv6), may be NULL */
} vrNetworkDHCPLease;

int vrNetworkGetDHCPLeases(vrNetwork *net, const char *mac, vrNetworkDHCPLease ***leases,
                           unsigned int flags);
void vrNetworkDHCPLeaseFree(vrNetworkDHCPLease *lease);

const char *vrNetworkGetName(vrNetwork *net);
int vrNetworkGetUUID(vrNetwork *net, unsigned char *uuid);
int vrNetworkGetUUIDString(vrNetwork *net, char *buf);
vrConnect *vrNetworkGetConnect(vrNetwork *net);
int vrNetworkRef(vrNetwork *net);
int vrNetworkFree(vrNetwork *net);

#endif
