/*
 * qemu_events.h: what QEMU tells us on its own, turned into guest state.
 *
 * The monitor's callbacks run in the event loop thread and must not
 * block, so they only queue the event; the driver's worker thread then
 * takes the guest's lock (and a job where QEMU must be told something)
 * and applies it, in the order QEMU sent the events.
 */
#ifndef VR_QEMU_EVENTS_H
#define VR_QEMU_EVENTS_H

#include "qemu_driver.h"
#include "qemu_monitor.h"

/* The callbacks every guest's monitor is opened with, and their opaque
 * (owning a reference to the driver and the guest). */
const vrQemuMonitorCallbacks *vrQemuEventsCallbacks(void);
void *vrQemuEventsContextNew(vrQemuDriver *driver, vrQemuDomainObj *obj);

/* Domain events for clients (lifecycle with libvirt's event/detail). */
void vrQemuEmitLifecycle(vrQemuDriver *driver, vrQemuDomainObj *obj, int event, int detail);
void vrQemuEmitReboot(vrQemuDriver *driver, vrQemuDomainObj *obj);

#endif
