/*
 * remote_driver.h: the driver that talks to vireod (or libvirtd).
 */
#ifndef VR_REMOTE_DRIVER_H
#define VR_REMOTE_DRIVER_H

int remoteRegister(void);

#endif
