/*
 * interface_conf.h: host network interface definitions (<interface> as
 * netcf and the interface driver describe host NICs, bridges, bonds and
 * VLANs).
 */
#ifndef VR_INTERFACE_CONF_H
#define VR_INTERFACE_CONF_H

#include <stdbool.h>
#include <glib.h>

typedef struct {
    char *address;
    unsigned int prefix;
    bool hasPrefix;
} vrInterfaceIPDef;

typedef struct {
    char *family;          /* ipv4 / ipv6 */
    bool dhcp;
    char *dhcpPeerdns;
    bool autoconf;
    vrInterfaceIPDef *ips;
    size_t nips;
    char *gateway;
} vrInterfaceProtocolDef;

typedef struct _vrInterfaceDef vrInterfaceDef;
struct _vrInterfaceDef {
    char *type;            /* ethernet, bridge, bond, vlan */
    char *name;
    char *startmode;       /* onboot, none, hotplug */
    unsigned int mtu;
    char *mac;
    vrInterfaceProtocolDef *protocols;
    size_t nprotocols;
    /* bridge */
    char *bridgeStp;
    char *bridgeDelay;
    /* bond */
    char *bondMode;
    char *bondMiimonXML;   /* <miimon>/<arpmon> kept whole */
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
