/*
 * libvireo.h: library-internal entry points (initialisation and driver
 * registration), shared by the tools and the daemon.
 */
#ifndef VR_LIBVIREO_H
#define VR_LIBVIREO_H

#include "driver.h"

/* Registers the drivers built into the library (test, remote).  Called
 * once, on first use; safe to call again. */
void vrInitialize(void);

/* Defined by the library build: registers the built-in drivers. */
void vrRegisterBuiltinDrivers(void);

/* The daemon registers its stateful drivers before the first open and
 * stops local URIs from being forwarded to a socket. */
int vrRegisterDaemonDrivers(void);

#endif
