/*
 * interface_conf.h: host network interface definitions (<interface> as
 * netcf and the interface driver describe host NICs, bridges, bonds and
 * VLANs).
 */
#ifndef VR_INTERFACE_CONF_H
#define VR_INTERFACE_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "util/vrenum.h"

typedef enum {
    VR_INTERFACE_TYPE_ETHERNET = 0,
    VR_INTERFACE_TYPE_BRIDGE,
    VR_INTERFACE_TYPE_BOND,
    VR_INTERFACE_TYPE_VLAN,
    VR_INTERFACE_TYPE_LAST
} vrInterfaceType;
VR_ENUM_DECL(vrInterface);

typedef enum {
    VR_INTERFACE_START_UNSPECIFIED = 0,
    VR_INTERFACE_START_NONE,
    VR_INTERFACE_START_ONBOOT,
    VR_INTERFACE_START_HOTPLUG,
    VR_INTERFACE_START_LAST
} vrInterfaceStartMode;
VR_ENUM_DECL(vrInterfaceStartMode);

typedef enum {
    VR_INTERFACE_BOND_NONE = 0,
    VR_INTERFACE_BOND_BALRR,
    VR_INTERFACE_BOND_ABACKUP,
    VR_INTERFACE_BOND_BALXOR,
    VR_INTERFACE_BOND_BCAST,
    VR_INTERFACE_BOND_8023AD,
    VR_INTERFACE_BOND_BALTLB,
    VR_INTERFACE_BOND_BALALB,
    VR_INTERFACE_BOND_LAST
} vrInterfaceBondMode;
VR_ENUM_DECL(vrInterfaceBondMode);

typedef enum {
    VR_INTERFACE_BOND_MONIT_NONE = 0,
    VR_INTERFACE_BOND_MONIT_MII,
    VR_INTERFACE_BOND_MONIT_ARP,
} vrInterfaceBondMonit;

typedef enum {
    VR_INTERFACE_BOND_MII_NONE = 0,
    VR_INTERFACE_BOND_MII_IOCTL,
    VR_INTERFACE_BOND_MII_NETIF,
    VR_INTERFACE_BOND_MII_LAST
} vrInterfaceBondMiiCarrier;
VR_ENUM_DECL(vrInterfaceBondMiiCarrier);

typedef enum {
    VR_INTERFACE_BOND_ARP_NONE = 0,
    VR_INTERFACE_BOND_ARP_ACTIVE,
    VR_INTERFACE_BOND_ARP_BACKUP,
    VR_INTERFACE_BOND_ARP_ALL,
    VR_INTERFACE_BOND_ARP_LAST
} vrInterfaceBondArpValid;
VR_ENUM_DECL(vrInterfaceBondArpValid);

/* <link state=>: the first spelling is "unset". */
typedef enum {
    VR_INTERFACE_LINK_STATE_UNSET = 0,
    VR_INTERFACE_LINK_STATE_UNKNOWN,
    VR_INTERFACE_LINK_STATE_NOTPRESENT,
    VR_INTERFACE_LINK_STATE_DOWN,
    VR_INTERFACE_LINK_STATE_LOWERLAYERDOWN,
    VR_INTERFACE_LINK_STATE_TESTING,
    VR_INTERFACE_LINK_STATE_DORMANT,
    VR_INTERFACE_LINK_STATE_UP,
    VR_INTERFACE_LINK_STATE_LAST
} vrInterfaceLinkState;
VR_ENUM_DECL(vrInterfaceLinkState);

/* Addresses and gateways are kept as written: libvirt does not check
 * them (netcf would). */
typedef struct {
    char *address;
    int prefix;            /* 0 when absent */
} vrInterfaceIPDef;

typedef struct {
    char *family;          /* ipv4 / ipv6 */
    bool dhcp;
    int peerdns;           /* tristate: 0 unset, 1 yes, 2 no */
    bool autoconf;         /* ipv6 only */
    vrInterfaceIPDef *ips;
    size_t nips;
    char *gateway;
} vrInterfaceProtocolDef;

typedef struct _vrInterfaceDef vrInterfaceDef;
struct _vrInterfaceDef {
    int type;              /* vrInterfaceType */
    char *name;
    int startmode;         /* vrInterfaceStartMode, top level only */
    unsigned int mtu;      /* 0 when absent, top level only */
    char *mac;             /* ethernet only */
    unsigned int linkSpeed;
    int linkState;         /* vrInterfaceLinkState */
    vrInterfaceProtocolDef *protocols;
    size_t nprotocols;
    /* bridge */
    int bridgeStp;         /* tristate-like: 0 unset, 1 on, 2 off */
    char *bridgeDelay;
    /* bond */
    int bondMode;          /* vrInterfaceBondMode */
    int bondMonit;         /* vrInterfaceBondMonit */
    int miiFreq, miiDownDelay, miiUpDelay;
    int miiCarrier;        /* vrInterfaceBondMiiCarrier */
    int arpInterval;
    char *arpTarget;
    int arpValidate;       /* vrInterfaceBondArpValid */
    /* vlan */
    char *vlanTag;
    char *vlanDev;
    /* bridge and bond members */
    vrInterfaceDef **members;
    size_t nmembers;
};

vrInterfaceDef *vrInterfaceDefParseString(const char *xml);
char *vrInterfaceDefFormat(const vrInterfaceDef *def);
void vrInterfaceDefFree(vrInterfaceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrInterfaceDef, vrInterfaceDefFree)

#endif
