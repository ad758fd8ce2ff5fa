/*
 * qemu_domain_address.h: where each device of a QEMU guest sits.
 *
 * Addresses are handed out the way libvirt's QEMU driver hands them out,
 * so that a definition gets the same slots whichever implementation
 * accepted it:
 *
 *  - PCI: the chipset's fixed functions are reserved first (i440fx: host
 *    bridge at 0, PIIX3 at 1 with IDE 1.1 and UHCI 1.2, primary video at
 *    2; q35: primary video at 1, ICH9 audio 0x1b, USB 0x1d/0x1a, LPC, SATA
 *    and SMBus at 0x1f), then every device without an address takes the
 *    first free slot that can hold it, device kind by device kind in
 *    libvirt's order (PCI controllers, filesystems, interfaces, sound,
 *    other controllers, disks, host devices, balloon, RNGs, watchdog,
 *    secondary video, shared memory, inputs, serial ports, vsock, IOMMU,
 *    crypto, memory).  When a bus runs out, a pci-bridge (i440fx) or a
 *    pcie-root-port (q35; plus a pcie-to-pci-bridge for conventional PCI
 *    devices) is added; a q35 guest that had no PCI controllers of its
 *    own also gets one empty root port to hotplug into.
 *  - virtio-serial ports (port 0 stays for a console), USB ports (hubs
 *    first, breadth first), DIMM slots.
 *
 * Addresses the document gives are kept and checked: a bus that does not
 * exist, a reserved slot or an address used twice is an error naming
 * both devices.
 */
#ifndef VR_QEMU_DOMAIN_ADDRESS_H
#define VR_QEMU_DOMAIN_ADDRESS_H

#include "conf/domain_conf.h"

/* Assigns every missing address of @def.  Returns 0, or -1 with an
 * error. */
int vrQemuDomainAssignAddresses(vrDomainDef *def);

/* The parts, for callers that need one kind (hotplug). */
int vrQemuDomainAssignPCIAddresses(vrDomainDef *def);
int vrQemuDomainAssignVirtioSerialAddresses(vrDomainDef *def);
int vrQemuDomainAssignUSBAddresses(vrDomainDef *def);
int vrQemuDomainAssignDimmSlots(vrDomainDef *def);

/* "0000:00:05.0" for messages (@buf: 16 bytes). */
void vrQemuPCIAddressFormat(const vrDomainDeviceAddress *addr, char *buf);

#endif
