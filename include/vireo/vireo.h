/*
 * vireo.h: the public API of libvireo.
 *
 * The API follows libvirt's object model (connections, domains, networks,
 * storage pools and volumes, snapshots, host interfaces, streams) and uses
 * libvirt's numeric values for every enum and flag, because those numbers
 * travel unchanged over the libvirt wire protocol.
 */
#ifndef VIREO_H
#define VIREO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "vireo-error.h"
#include "vireo-common.h"
#include "vireo-host.h"
#include "vireo-domain.h"
#include "vireo-snapshot.h"
#include "vireo-network.h"
#include "vireo-secret.h"
#include "vireo-storage.h"
#include "vireo-interface.h"
#include "vireo-stream.h"
#include "vireo-event.h"

#ifdef __cplusplus
}
#endif

#endif
