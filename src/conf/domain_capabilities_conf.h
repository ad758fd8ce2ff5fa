/*
 * domain_capabilities_conf.h: what one hypervisor binary offers a domain
 * of a given type, arch and machine (<domainCapabilities>).
 *
 * Most of the document is a tree of elements carrying supported='yes|no'
 * and <enum name=> lists of accepted values; those share
 * vrDomCapsElement.  Elements are printed in libvirt's fixed order and
 * enum values in the order the driver (or the input) gave them.
 */
#ifndef VR_DOMAIN_CAPABILITIES_CONF_H
#define VR_DOMAIN_CAPABILITIES_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "util/vrenum.h"

typedef struct {
    char *name;
    GPtrArray *values;           /* strings, may be NULL */
} vrDomCapsEnum;

/* <X supported='yes'> with enums; absent when !present. */
typedef struct {
    bool present;
    bool supported;
    vrDomCapsEnum *enums;
    size_t nenums;
} vrDomCapsElement;

typedef enum {
    VR_DOMCAPS_DEVICE_DISK = 0,
    VR_DOMCAPS_DEVICE_GRAPHICS,
    VR_DOMCAPS_DEVICE_VIDEO,
    VR_DOMCAPS_DEVICE_HOSTDEV,
    VR_DOMCAPS_DEVICE_RNG,
    VR_DOMCAPS_DEVICE_FILESYSTEM,
    VR_DOMCAPS_DEVICE_TPM,
    VR_DOMCAPS_DEVICE_REDIRDEV,
    VR_DOMCAPS_DEVICE_CHANNEL,
    VR_DOMCAPS_DEVICE_CRYPTO,
    VR_DOMCAPS_DEVICE_INTERFACE,
    VR_DOMCAPS_DEVICE_PANIC,
    VR_DOMCAPS_DEVICE_CONSOLE,
    VR_DOMCAPS_DEVICE_LAST
} vrDomCapsDevice;
VR_ENUM_DECL(vrDomCapsDevice);

/* Features that are only an element with supported= or enums. */
typedef enum {
    VR_DOMCAPS_FEATURE_GIC = 0,
    VR_DOMCAPS_FEATURE_VMCOREINFO,
    VR_DOMCAPS_FEATURE_GENID,
    VR_DOMCAPS_FEATURE_BACKING_STORE_INPUT,
    VR_DOMCAPS_FEATURE_BACKUP,
    VR_DOMCAPS_FEATURE_ASYNC_TEARDOWN,
    VR_DOMCAPS_FEATURE_PS2,
    VR_DOMCAPS_FEATURE_S390_PV,
    VR_DOMCAPS_FEATURE_LAST
} vrDomCapsFeature;
VR_ENUM_DECL(vrDomCapsFeature);

typedef enum {
    VR_DOMCAPS_CPU_HOST_PASSTHROUGH = 0,
    VR_DOMCAPS_CPU_MAXIMUM,
    VR_DOMCAPS_CPU_HOST_MODEL,
    VR_DOMCAPS_CPU_CUSTOM,
    VR_DOMCAPS_CPU_LAST
} vrDomCapsCPUMode;
VR_ENUM_DECL(vrDomCapsCPUMode);

typedef struct {
    char *policy;
    char *name;
} vrDomCapsCPUFeature;

typedef struct {
    char *name;
    char *usable;                /* yes / no / unknown */
    char *deprecated;            /* yes / no, NULL when absent */
    char *vendor;
    char *canonical;
} vrDomCapsCPUModel;

typedef struct {
    char *model;
    GPtrArray *features;
} vrDomCapsCPUBlockers;

typedef struct {
    vrDomCapsElement mode;    /* supported= and migratable enums */
    /* host-model */
    char *model;
    char *fallback;
    char *vendor;
    char *maxphysaddrMode;
    bool hasMaxphysaddrLimit;
    unsigned int maxphysaddrLimit;
    vrDomCapsCPUFeature *features;
    size_t nfeatures;
    /* custom */
    vrDomCapsCPUModel *models;
    size_t nmodels;
    vrDomCapsCPUBlockers *blockers;
    size_t nblockers;
} vrDomCapsCPU;

typedef struct {
    bool present;
    bool supported;
    bool hasCbitpos, hasReducedPhysBits, hasMaxGuests, hasMaxESGuests, hasCpu0Id;
    unsigned int cbitpos, reducedPhysBits, maxGuests, maxESGuests;
    char *cpu0Id;
} vrDomCapsSEV;

typedef struct {
    unsigned int node;
    unsigned long long size;
} vrDomCapsSGXSection;

typedef struct {
    bool present;
    bool supported;
    bool hasDetails;             /* flc, sgx1, sgx2 and section_size */
    bool flc, sgx1, sgx2;
    unsigned long long sectionSize;
    bool hasSections;
    vrDomCapsSGXSection *sections;
    size_t nsections;
} vrDomCapsSGX;

typedef struct {
    char *path;
    char *virttype;
    char *machine;
    char *arch;
    bool hasMaxvcpus;
    unsigned int maxvcpus;
    vrDomCapsElement iothreads;
    vrDomCapsElement os;
    vrDomCapsElement loader;
    GPtrArray *loaderValues;
    bool hasCPU;
    vrDomCapsCPU cpu[VR_DOMCAPS_CPU_LAST];
    vrDomCapsElement memoryBacking;
    bool hasDevices;
    vrDomCapsElement devices[VR_DOMCAPS_DEVICE_LAST];
    bool hasFeatures;
    vrDomCapsElement features[VR_DOMCAPS_FEATURE_LAST];
    vrDomCapsSEV sev;
    vrDomCapsSGX sgx;
    vrDomCapsElement hyperv;
    vrDomCapsElement launchSecurity;
} vrDomCaps;

vrDomCaps *vrDomCapsParseString(const char *xml);
char *vrDomCapsFormat(const vrDomCaps *caps);
vrDomCaps *vrDomCapsCopy(const vrDomCaps *caps);
void vrDomCapsFree(vrDomCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomCaps, vrDomCapsFree)

/* ---- building domain capabilities in a driver --------------------- */

vrDomCaps *vrDomCapsNew(const char *path, const char *virttype,
                              const char *machine, const char *arch);
/* Marks @elem present with @supported and returns it. */
vrDomCapsElement *vrDomCapsElementSet(vrDomCapsElement *elem, bool supported);
/* Adds an enum (its values NULL terminated) to a supported element. */
void vrDomCapsEnumAdd(vrDomCapsElement *elem, const char *name, ...)
    G_GNUC_NULL_TERMINATED;

#endif
