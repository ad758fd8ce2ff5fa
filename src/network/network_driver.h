/*
 * network_driver.h: the virtual network driver of QEMU connections
 * (qemu:///system inside vireod, qemu:///embed?root=DIR anywhere).
 *
 * One state per root directory, created on the first network call of a
 * connection to that root (the root comes from the connection's QEMU
 * driver state, vrQemuDriverFrom(conn)->cfg->root):
 *   ROOT/etc/vireo/network/NAME.xml          persistent definitions
 *   ROOT/etc/vireo/network/autostart/NAME.xml  autostart links
 *   ROOT/run/vireo/network/NAME.xml, NAME.pid  live status, dnsmasq pid
 *   LIB/dnsmasq/NAME.conf, .hostsfile, .addnhosts, .leases
 * (LIB is /var/lib/vireo for the system root, ROOT/lib/vireo otherwise).
 */
#ifndef VR_NETWORK_DRIVER_H
#define VR_NETWORK_DRIVER_H

#include "libvireo/driver.h"

extern const vrNetworkDriver vrNetworkQemuDriver;

struct _vrQemuDriver;

/* The current DHCP leases of network @network of the root @root ("/" for
 * the system one), only those of @mac when it is not NULL, as
 * virNetworkGetDHCPLeases returns them: for `domifaddr --source lease`.
 * @leases (NULL-terminated, each freed with vrNetworkDHCPLeaseFree) may
 * be NULL to only count.  Returns the number of leases, or -1 with an
 * error (no such network, unreadable lease file). */
int vrNetworkLeasesGet(const char *root, const char *network, const char *mac,
                       vrNetworkDHCPLease ***leases);

/* Makes the network state of @driver's root now rather than on the first
 * network call: `default` defined on the root's first start, networks
 * left running by an earlier vireod adopted, autostart networks started
 * (a failure is logged).  Called from the QEMU driver's daemon start
 * before guests autostart, so their networks are up; later calls (and
 * later connections) reuse the state. */
void vrNetworkStartupForQemu(struct _vrQemuDriver *driver);

/* A QEMU connection closes: its network event callbacks go. */
void vrNetworkConnectClosed(vrConnect *conn);


/* ---- ports: guest interfaces (QEMU driver, src/qemu/qemu_interface.c) ---- */
#include "network_port.h"

/* A guest interface joins network @network of the root @root ("/" for
 * the system one): fills @port from the ACTIVE network and counts the
 * connection (the live XML's connections='N').  Fails naming the network
 * when it does not exist or is not active (VR_ERR_NO_NETWORK /
 * VR_ERR_OPERATION_INVALID, libvirt's codes).  Also how a restarted
 * daemon counts the connections of guests it found running. */
int vrNetworkPortAcquire(const char *root, const char *network, const char *portgroup,
                         vrNetworkPort *port);
/* The interface left the network. */
void vrNetworkPortRelease(const char *root, const char *network);
/* dnsmasq's lease file of @network under @root (it may not exist). */
char *vrNetworkPortLeaseFile(const char *root, const char *network);

#endif
