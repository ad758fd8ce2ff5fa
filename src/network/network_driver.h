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

#endif
