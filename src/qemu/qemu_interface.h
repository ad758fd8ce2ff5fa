/*
 * qemu_interface.h: the host side of guest NICs.
 *
 * Before QEMU starts (and before a NIC is hot-plugged) the driver makes
 * the host side itself and hands QEMU descriptors:
 *   network  a tap on the network's bridge (nat/route/open/isolated, or the
 *            host bridge of forward mode 'bridge'), or a macvtap on a
 *            forward device (modes private/vepa/passthrough/bridge without
 *            a bridge); the network must be active
 *   bridge   a tap on an existing host bridge
 *   ethernet a tap of its own (created, or the existing one <target
 *            managed='no'> names); no script
 *   direct   a macvtap on <source dev> in <source mode>
 * Taps are named vnetN unless <target dev> says otherwise, carry the
 * guest's MAC with fe: in front (so a bridge never takes the guest's
 * address), the <mtu> (else the bridge's), <vlan> tags (bridge VLAN
 * filtering) and <bandwidth> (tc: htb on the tap's egress for inbound,
 * ingress policing for outbound).  Taps vanish with QEMU's descriptors;
 * macvtaps are deleted at stop and unplug; network connections are
 * counted.  A restarted vireod re-attaches without touching them.
 */
#ifndef VR_QEMU_INTERFACE_H
#define VR_QEMU_INTERFACE_H

#include "libvireo/driver.h"
#include "qemu_command.h"
#include "qemu_domain.h"

struct _vrQemuDriver;

/* Host sides of all NICs of a definition, for vrQemuCommandParams. */
typedef struct {
    vrQemuNetHostSide *sides;  /* def->nnets entries */
    size_t nsides;
    GArray *fds;               /* int: every descriptor we opened */
    GPtrArray *strings;        /* storage for sides[].bridge / fdnames */
} vrQemuInterfaceHosts;

void vrQemuInterfaceHostsFree(vrQemuInterfaceHosts *h);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrQemuInterfaceHosts, vrQemuInterfaceHostsFree)

/* Makes the host side of every NIC of the live @def (setting each
 * net's <target dev>).  On failure what was made is undone. */
vrQemuInterfaceHosts *vrQemuInterfacePrepareAll(struct _vrQemuDriver *driver, vrDomainDef *def);

/* After the monitor is up, before the CPUs run: <link state='down'>. */
int vrQemuInterfaceStartLinks(vrQemuDomainObj *obj);

/* The guest stopped: macvtaps deleted, QoS of taps we did not make
 * removed, network connections released. */
void vrQemuInterfaceStopAll(struct _vrQemuDriver *driver, vrDomainDef *def);

/* A restarted daemon found the guest running: its connections counted,
 * macvtaps taken back, taps that lost their bridge put on it again. */
void vrQemuInterfaceReattach(struct _vrQemuDriver *driver, vrDomainDef *def);

/* Hot-plug: the host side of @net (in @next, the definition being
 * built) handed to QEMU with getfd; @hosts gets nnets entries where
 * only @net's is real, for building the hot-plugged objects.  Object
 * locked, in a job; the monitor is entered here.  Undo with
 * vrQemuInterfaceUnplugged when the attach fails later. */
vrQemuInterfaceHosts *vrQemuInterfaceHotplugPrepare(struct _vrQemuDriver *driver,
                                                    vrQemuDomainObj *obj, vrDomainDef *next,
                                                    vrDomainNetDef *net);
/* The NIC is in the guest: <link state='down'> applied. */
int vrQemuInterfaceHotplugDone(vrQemuDomainObj *obj, const vrDomainNetDef *net);
/* The attach failed after vrQemuInterfaceHotplugPrepare: descriptors
 * QEMU got are closed, the host side removed. */
void vrQemuInterfaceHotplugAbort(struct _vrQemuDriver *driver, vrQemuDomainObj *obj,
                                 vrDomainDef *next, vrDomainNetDef *net,
                                 const vrQemuInterfaceHosts *hosts);
/* The NIC left the guest (or its hot-plug failed): host side removed. */
void vrQemuInterfaceUnplugged(struct _vrQemuDriver *driver, vrQemuDomainObj *obj,
                              vrDomainDef *def, vrDomainNetDef *net);

/* QMP set_link of the NIC @alias (object locked, in a job). */
int vrQemuInterfaceSetLink(vrQemuDomainObj *obj, const char *alias, bool up);
/* Replaces the tc rules of @ifname by @bw's (none: just removed). */
int vrQemuInterfaceSetBandwidth(const char *ifname, const vrNetBandwidth *bw);
bool vrQemuInterfaceHasBandwidth(const vrNetBandwidth *bw);

/* qemu_driver_net.c: virsh update-device for an <interface> (domif-setlink, ...): link state
 * and bandwidth, live and/or config. */
bool vrQemuInterfaceIsUpdate(const char *xml);
int vrQemuInterfaceUpdateDevice(vrDomain *dom, const char *xml, unsigned int flags);

/* qemu_driver_net.c: domiftune, domifaddr. */
void vrQemuInterfaceDriverInit(vrHypervisorDriver *hv);

#endif
