/*
 * network_port.h: what a guest interface needs from a virtual network
 * (libvirt's "network port"): where to plug in, and the network's and
 * port group's settings that apply to the port.  Plus dnsmasq's lease
 * file, read for `domifaddr --source lease`.
 *
 * The network driver fills vrNetworkPort from an active network
 * (vrNetworkPortLookup in network_driver.h); the QEMU driver makes the
 * host side from it (src/qemu/qemu_interface.c).
 */
#ifndef VR_NETWORK_PORT_H
#define VR_NETWORK_PORT_H

#include <stdbool.h>
#include <glib.h>

#include "conf/network_conf.h"

typedef struct {
    char *network;
    int forwardType;          /* vrNetworkForwardType */
    char *bridge;             /* the bridge a tap joins (NULL for macvtap modes) */
    char **forwardDevs;       /* macvtap modes: the <forward> devices, NULL-terminated */
    char *macvtapMode;        /* "bridge", "vepa", "private", "passthru" or NULL */
    unsigned int mtu;         /* 0: not set */
    /* from the port group asked for (or the default one), else the network */
    char *portgroup;
    vrNetBandwidth bandwidth;
    unsigned int *vlanTags;
    size_t nvlanTags;
    bool vlanTrunk;
} vrNetworkPort;

void vrNetworkPortClear(vrNetworkPort *port);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vrNetworkPort, vrNetworkPortClear)

/* Fills @port from @def (an active network); @portgroup may be NULL.
 * Fails naming the network when the port group does not exist or the
 * forward mode has nothing a guest can join. */
int vrNetworkPortFill(const vrNetworkDef *def, const char *portgroup, vrNetworkPort *port);

typedef struct {
    long long expiry;         /* seconds since the epoch, 0: infinite */
    char *mac;
    char *ip;
    char *hostname;           /* NULL when dnsmasq wrote "*" */
    char *clientid;
} vrNetworkLease;

void vrNetworkLeaseFree(vrNetworkLease *lease);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNetworkLease, vrNetworkLeaseFree)

/* dnsmasq's lease file (LIB/dnsmasq/NAME.leases): one lease per line,
 * "EXPIRY MAC IP HOSTNAME CLIENTID".  A missing file is no leases. */
GPtrArray *vrNetworkLeasesRead(const char *path);

#endif
