/*
 * qemu_ports.h: TCP ports handed to guests (VNC and SPICE displays with
 * autoport, websockets), each one checked free on the host and held until
 * the guest stops.
 */
#ifndef VR_QEMU_PORTS_H
#define VR_QEMU_PORTS_H

#include <stdbool.h>

typedef struct _vrQemuPorts vrQemuPorts;

vrQemuPorts *vrQemuPortsNew(unsigned int min, unsigned int max);
void vrQemuPortsFree(vrQemuPorts *ports);

/* A free port (bindable on @listen, not held by another guest), or -1
 * with an error naming the range. */
int vrQemuPortsAcquire(vrQemuPorts *ports, const char *listen);
/* Marks a port as held (a re-attached guest's, or one the user chose). */
void vrQemuPortsHold(vrQemuPorts *ports, int port);
void vrQemuPortsRelease(vrQemuPorts *ports, int port);

#endif
