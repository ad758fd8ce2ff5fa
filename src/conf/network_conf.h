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

typedef enum {
    VR_NETWORK_LEASE_SECONDS = 0,
    VR_NETWORK_LEASE_MINUTES,
    VR_NETWORK_LEASE_HOURS,
    VR_NETWORK_LEASE_LAST
} vrNetworkLeaseUnit;
VR_ENUM_DECL(vrNetworkLeaseUnit);

/* Addresses are kept in the canonical numeric form libvirt prints. */
typedef struct {
    char *start;
    char *end;
    bool hasLease;
    unsigned long long leaseExpiry;
    int leaseUnit;        /* vrNetworkLeaseUnit */
} vrNetworkDHCPRange;

typedef struct {
    char *mac;            /* as written */
    char *id;
    char *name;
    char *ip;
    bool hasLease;
    unsigned long long leaseExpiry;
    int leaseUnit;
} vrNetworkDHCPHost;

typedef struct {
    char *family;         /* as written: NULL, "ipv4" or "ipv6" */
    char *address;
    char *netmask;
    unsigned int prefix;
    bool hasPrefix;       /* prefix > 0 */
    int localPtr;         /* tristate */
    char *tftproot;
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
    unsigned int metric;  /* 0 when absent */
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
    unsigned int port, priority, weight;   /* 0 when absent */
} vrNetworkDNSSrv;

typedef struct {
    char *addr;
    char *domain;
} vrNetworkDNSForwarder;

typedef struct {
    int enable;           /* tristate */
    int forwardPlainNames;
    vrNetworkDNSForwarder *forwarders;
    size_t nforwarders;
    vrNetworkDNSTxt *txts;
    size_t ntxts;
    vrNetworkDNSSrv *srvs;
    size_t nsrvs;
    vrNetworkDNSHost *hosts;
    size_t nhosts;
} vrNetworkDNSDef;

/* <bandwidth>: a rate is shown when it has an average or floor. */
typedef struct {
    unsigned long long average, peak, burst, floor;
} vrNetworkRate;

typedef struct {
    vrNetworkRate *in, *out;
} vrNetworkBandwidth;

typedef struct {
    unsigned int *tags;
    size_t ntags;
    bool trunk;
    int nativeMode;       /* 0 none, 1 tagged, 2 untagged */
    unsigned int nativeTag;
} vrNetworkVlan;

typedef enum {
    VR_NETWORK_VPORT_NONE = 0,
    VR_NETWORK_VPORT_8021QBG,
    VR_NETWORK_VPORT_8021QBH,
    VR_NETWORK_VPORT_OPENVSWITCH,
    VR_NETWORK_VPORT_MIDONET,
    VR_NETWORK_VPORT_LAST
} vrNetworkVPortType;
VR_ENUM_DECL(vrNetworkVPort);

typedef struct {
    int type;             /* vrNetworkVPortType */
    unsigned int managerID, typeID, typeIDVersion;
    bool hasManagerID, hasTypeID, hasTypeIDVersion;
    unsigned char instanceID[VR_UUID_BUFLEN];
    bool hasInstanceID;
    unsigned char interfaceID[VR_UUID_BUFLEN];
    bool hasInterfaceID;
    char *profileID;
} vrNetworkVirtPort;

typedef struct {
    char *name;
    bool isDefault;
    int trustGuestRxFilters;   /* tristate */
    vrNetworkVirtPort *virtPort;
    vrNetworkBandwidth bandwidth;
    vrNetworkVlan vlan;
} vrNetworkPortGroupDef;

/* One <forward> <interface> or <address>: hostdev VFs are PCI
 * addresses, every other mode names host devices. */
typedef struct {
    bool isPCI;
    char *dev;
    unsigned int domain, bus, slot, function;
} vrNetworkForwardIf;

typedef struct {
    unsigned char uuid[VR_UUID_BUFLEN];
    char *name;
    char *metadata;       /* the whole <metadata> element, serialised */
    int ipv6nogw;         /* tristate <network ipv6=> */
    int trustGuestRxFilters;
    int connections;      /* live only */

    int forwardType;      /* vrNetworkForwardType */
    bool forwardManaged;
    int forwardDriver;    /* 0 none, 1 kvm, 2 vfio */
    vrNetworkForwardIf *forwardIfs;
    size_t nforwardIfs;
    char *forwardPf;      /* at most one <pf> */
    char *natAddrStart, *natAddrEnd;
    unsigned int natPortStart, natPortEnd;
    int natIPv6;          /* tristate */

    char *bridge;
    char *bridgeZone;
    bool stpOff;
    unsigned long delay;
    int macTableManager;  /* 0 default, 1 kernel, 2 libvirt */
    unsigned int mtu;
    char *mac;
    char *domain;
    int domainLocalOnly;  /* tristate */
    vrNetworkDNSDef dns;
    vrNetworkVlan vlan;
    vrNetworkBandwidth bandwidth;
    int isolatedPort;     /* tristate <port isolated=> */
    vrNetworkIPDef *ips;
    size_t nips;
    vrNetworkRouteDef *routes;
    size_t nroutes;
    vrNetworkVirtPort *virtPort;
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

/* Single elements, for net-update; @ip is the <ip> they belong to. */
int vrNetworkDHCPHostParse(const vrNetworkDef *def, const vrNetworkIPDef *ip, xmlNodePtr node,
                           bool partial, vrNetworkDHCPHost *host);
int vrNetworkDHCPRangeParse(const vrNetworkDef *def, const vrNetworkIPDef *ip, xmlNodePtr node,
                            vrNetworkDHCPRange *range);
void vrNetworkDHCPHostClear(vrNetworkDHCPHost *host);
void vrNetworkDHCPRangeClear(vrNetworkDHCPRange *range);
int vrNetworkDNSHostParse(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                          vrNetworkDNSHost *host);
int vrNetworkDNSTxtParse(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                         vrNetworkDNSTxt *txt);
int vrNetworkDNSSrvParse(const vrNetworkDef *def, xmlNodePtr node, bool partial,
                         vrNetworkDNSSrv *srv);
void vrNetworkDNSHostClear(vrNetworkDNSHost *host);
void vrNetworkDNSTxtClear(vrNetworkDNSTxt *txt);
void vrNetworkDNSSrvClear(vrNetworkDNSSrv *srv);
int vrNetworkPortGroupParse(xmlNodePtr node, vrNetworkPortGroupDef *pg);
void vrNetworkPortGroupClear(vrNetworkPortGroupDef *pg);

/* Parsing helpers the domain's <interface> shares (domain_device_net.c). */
int vrNetBandwidthParse(xmlNodePtr node, vrNetBandwidth *bw);
void vrNetBandwidthFormat(vrBuf *buf, const vrNetBandwidth *bw);
int vrNetVlanParse(xmlNodePtr node, vrNetVlan *vlan);
void vrNetVlanFormat(vrBuf *buf, const vrNetVlan *vlan);

#endif
