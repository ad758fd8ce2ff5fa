/*
 * qemu_postparse.h: what the QEMU driver does to a definition when it
 * accepts it (define, create, the config half of attach).
 *
 * On top of the generic post-parse rules of src/conf, the QEMU driver
 * fills in what depends on the emulator: the architecture and canonical
 * machine type, the emulator path, the default CPU model, implied
 * controllers (USB, PCI root, SATA on q35), the default memory balloon,
 * PS/2 inputs and audio backend, per-device models QEMU would otherwise
 * choose for itself (NIC, SCSI controller, serial port), then device
 * addresses (qemu_domain_address.h).  The result is what `virsh dumpxml
 * --inactive` shows and what the command line is built from.
 */
#ifndef VR_QEMU_POSTPARSE_H
#define VR_QEMU_POSTPARSE_H

#include <stdbool.h>

#include "conf/domain_conf.h"
#include "qemu_capabilities.h"
#include "qemu_conf.h"

/* The generic parsing options of the QEMU driver (it keeps
 * <qemu:commandline>; its own defaults are applied by the functions
 * below, not through the option table). */
extern const vrDomainXMLOption vrQemuXMLOption;

/* Applies the QEMU driver's defaults and addresses to @def, a new
 * definition (define, create, the config of attach) parsed with
 * VR_DOMAIN_PARSE_SKIP_POSTPARSE: the generic post-parse runs inside,
 * between the QEMU driver's own steps, in libvirt's order (implied
 * controllers come out in libvirt's order only then; a definition whose
 * generic post-parse already ran is still accepted, its implied disk
 * controllers merely listed before the USB and PCI root ones).  @caps
 * describes the emulator the guest will run with; @cfg (may be NULL) is
 * the driver's configuration.  A live status document needs none of
 * this: it is complete.  Returns 0, or -1 with an error naming the
 * element and value. */
int vrQemuDomainDefPostParse(vrDomainDef *def, vrQemuCaps *caps, const vrQemuDriverConfig *cfg);

/* Parses @xml as the QEMU driver accepts a new definition: generic parse
 * without post-parse, then vrQemuDomainDefPostParse. */
vrDomainDef *vrQemuDomainDefParseString(const char *xml, vrQemuCaps *caps,
                                        const vrQemuDriverConfig *cfg);

/* Machine type families, from a canonical or alias name. */
bool vrQemuMachineIsI440fx(const char *machine);
bool vrQemuMachineIsQ35(const char *machine);
bool vrQemuDomainIsQ35(const vrDomainDef *def);
bool vrQemuDomainIsI440fx(const vrDomainDef *def);
bool vrQemuDomainIsX86(const vrDomainDef *def);

/* Gives every interface without a user-written MAC one that no other
 * interface of @def uses (52:54:00 prefix, random). */
void vrQemuDomainDefUniqueMACs(vrDomainDef *def);

#endif
