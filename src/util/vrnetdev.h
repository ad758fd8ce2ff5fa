/*
 * vrnetdev.h: host network devices for guest NICs: taps opened by us
 * (TUNSETIFF), macvtaps (created with iproute2, their character device
 * opened by us), link up/down, MTU, MAC, bridge ports, tc commands.
 *
 * Descriptors are opened here and handed to QEMU (-netdev tap,fd= or QMP
 * getfd), so QEMU never needs the privilege to create devices itself.
 * Every function reports an error naming the device and the reason.
 */
#ifndef VR_NETDEV_H
#define VR_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/* Tap flags. */
enum {
    VR_NETDEV_TAP_VNET_HDR = 1 << 0,   /* virtio-net header on every frame */
    VR_NETDEV_TAP_EXISTING = 1 << 1,   /* the device must exist already */
};

/* Opens @nfds queues of the tap @name ("vnet%d": the kernel picks the
 * lowest free number; a tap that does not exist is created and lives as
 * long as a descriptor is open).  @ifname gets the actual name. */
int vrNetDevTapOpen(const char *name, unsigned int flags, int *fds, size_t nfds, char **ifname);

bool vrNetDevExists(const char *ifname);
bool vrNetDevIsBridge(const char *ifname);
int vrNetDevSetOnline(const char *ifname, bool up);
int vrNetDevSetMTU(const char *ifname, unsigned int mtu);
int vrNetDevGetMTU(const char *ifname, unsigned int *mtu);
int vrNetDevSetMAC(const char *ifname, const unsigned char mac[6]);
/* Makes @ifname a port of @bridge. */
int vrNetDevBridgeAddPort(const char *bridge, const char *ifname);
/* The bridge @ifname is a port of, or NULL. */
char *vrNetDevBridgeOf(const char *ifname);
/* 1 when @bridge filters VLANs (vlan_filtering=1), 0 when not, -1 when
 * the kernel has no VLAN filtering at all (no such sysfs attribute). */
int vrNetDevBridgeVlanFiltering(const char *bridge);

/* Creates a macvtap on @link in @mode (vepa, bridge, private, passthru)
 * with @mac, named @name or the first free macvtapN, brings it up and
 * opens its character device.  On failure nothing is left behind. */
int vrNetDevMacvtapCreate(const char *link, const char *mode, const unsigned char mac[6],
                          const char *name, int *fd, char **ifname);
/* ip link del; a missing device is not an error. */
int vrNetDevDelete(const char *ifname);

/* Runs an iproute2 program (ip, tc, bridge) with the NULL-terminated
 * arguments; the error quotes its stderr and says what @what was. */
int vrNetDevRun(const char *what, const char *prog, ...) G_GNUC_NULL_TERMINATED;

#endif
