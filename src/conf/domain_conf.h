/*
 * domain_conf.h: the domain (guest) definition.
 *
 * A vrDomainDef is what a <domain> document says, after defaults are
 * filled in.  Parsing, validation, post-parse defaults and formatting live
 * in the domain_*.c files beside this header; nothing here touches the
 * host.
 */
#ifndef VR_DOMAIN_CONF_H
#define VR_DOMAIN_CONF_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include "vireo/vireo.h"
#include "util/vrbuf.h"
#include "util/vrenum.h"

#include "domain_device_conf.h"
#include "domain_tune_conf.h"
#include "domain_cpu_conf.h"
#include "domain_system_conf.h"

/* ---- the domain ---------------------------------------------------- */

typedef enum {
    VR_DOMAIN_VIRT_NONE = 0,
    VR_DOMAIN_VIRT_QEMU,
    VR_DOMAIN_VIRT_KQEMU,
    VR_DOMAIN_VIRT_KVM,
    VR_DOMAIN_VIRT_XEN,
    VR_DOMAIN_VIRT_LXC,
    VR_DOMAIN_VIRT_UML,
    VR_DOMAIN_VIRT_OPENVZ,
    VR_DOMAIN_VIRT_TEST,
    VR_DOMAIN_VIRT_VMWARE,
    VR_DOMAIN_VIRT_HYPERV,
    VR_DOMAIN_VIRT_VBOX,
    VR_DOMAIN_VIRT_PHYP,
    VR_DOMAIN_VIRT_PARALLELS,
    VR_DOMAIN_VIRT_BHYVE,
    VR_DOMAIN_VIRT_VZ,
    VR_DOMAIN_VIRT_LAST
} vrDomainVirtType;
VR_ENUM_DECL(vrDomainVirt);

typedef struct _vrDomainDef vrDomainDef;
struct _vrDomainDef {
    int virtType;                  /* vrDomainVirtType */
    int id;                        /* -1 when inactive */
    char *name;
    unsigned char uuid[VR_UUID_BUFLEN];
    char *genid;
    bool hasGenid;
    char *title;
    char *description;
    char *metadata;                /* children of <metadata>, verbatim */

    unsigned long long maxMemory;  /* <maxMemory>, KiB */
    unsigned int maxMemorySlots;
    unsigned long long memory;     /* <memory>, KiB */
    unsigned long long currentMemory;
    char *memoryDumpCore;
    vrDomainMemoryBackingDef memoryBacking;
    unsigned long long hardLimit, softLimit, swapHardLimit, minGuarantee; /* KiB */
    bool hasHardLimit, hasSoftLimit, hasSwapHardLimit, hasMinGuarantee;
    vrDomainBlkiotuneDef blkiotune;
    vrDomainNumatuneDef numatune;
    vrDomainCputuneDef cputune;
    vrDomainResourceDef resource;
    vrDomainIOThreadDef **iothreadids;
    size_t niothreadids;
    unsigned int iothreads;

    unsigned int maxvcpus;         /* <vcpu>N</vcpu> */
    unsigned int vcpus;            /* online at boot (current=) */
    bool placementAuto;            /* placement='auto' */
    vrBitmap *cpumask;             /* cpuset= */
    bool hasVcpuList;              /* <vcpus> given */
    vrDomainVcpuDef *vcpuList;     /* maxvcpus entries */

    vrSysinfoDef **sysinfos;
    size_t nsysinfos;
    char *bootloader;
    char *bootloaderArgs;
    vrDomainOSDef os;
    vrDomainIdMapEntry *uidmap;
    size_t nuidmap;
    vrDomainIdMapEntry *gidmap;
    size_t ngidmap;
    vrDomainFeaturesDef features;
    vrDomainCPUDef cpu;
    vrDomainNumaDef numa;          /* <cpu><numa> */
    vrDomainClockDef clock;
    int onPoweroff, onReboot, onCrash; /* vrDomainLifecycleAction */
    int onLockfailure;             /* vrDomainLockFailureAction */
    int pmSuspendToMem, pmSuspendToDisk; /* vrTristate (yes/no) */
    int perf[VR_PERF_EVENT_LAST];  /* vrTristate (yes/no) */

    char *emulator;
    vrDomainDiskDef **disks;          size_t ndisks;
    vrDomainControllerDef **controllers; size_t ncontrollers;
    vrDomainLeaseDef **leases;        size_t nleases;
    vrDomainFSDef **filesystems;      size_t nfilesystems;
    vrDomainNetDef **nets;            size_t nnets;
    vrDomainSmartcardDef **smartcards; size_t nsmartcards;
    vrDomainChrDef **serials;         size_t nserials;
    vrDomainChrDef **parallels;       size_t nparallels;
    vrDomainChrDef **consoles;        size_t nconsoles;
    vrDomainChrDef **channels;        size_t nchannels;
    vrDomainInputDef **inputs;        size_t ninputs;
    vrDomainTPMDef **tpms;            size_t ntpms;
    vrDomainGraphicsDef **graphics;   size_t ngraphics;
    vrDomainSoundDef **sounds;        size_t nsounds;
    vrDomainAudioDef **audios;        size_t naudios;
    vrDomainVideoDef **videos;        size_t nvideos;
    vrDomainHostdevDef **hostdevs;    size_t nhostdevs;
    vrDomainRedirdevDef **redirdevs;  size_t nredirdevs;
    vrDomainRedirFilterDef *redirfilter;
    vrDomainHubDef **hubs;            size_t nhubs;
    vrDomainWatchdogDef *watchdog;
    vrDomainMemballoonDef *memballoon;
    vrDomainRNGDef **rngs;            size_t nrngs;
    vrDomainNVRAMDef *nvramDev;
    vrDomainPanicDef **panics;        size_t npanics;
    vrDomainShmemDef **shmems;        size_t nshmems;
    vrDomainMemoryDef **memories;     size_t nmemories;
    vrDomainIOMMUDef *iommu;
    vrDomainVsockDef *vsock;
    vrDomainCryptoDef **cryptos;      size_t ncryptos;

    vrDomainSeclabelDef *seclabels;
    size_t nseclabels;
    int keywrap[VR_DOMAIN_KEYWRAP_CIPHER_LAST]; /* vrTristate (on/off) */
    vrDomainLaunchSecurityDef *launchSecurity;

    char *qemuCommandlineXML;      /* <qemu:commandline> kept whole */
};

/* ---- parse / format ------------------------------------------------ */

typedef enum {
    /* The document is a live status: keep id=, aliases, live-only state. */
    VR_DOMAIN_PARSE_LIVE = 1 << 0,
    /* Skip post-parse defaults (for tests of the raw parser). */
    VR_DOMAIN_PARSE_SKIP_POSTPARSE = 1 << 1,
} vrDomainParseFlags;

typedef enum {
    VR_DOMAIN_FORMAT_INACTIVE = 1 << 0,   /* no id=, no live-only data */
    VR_DOMAIN_FORMAT_SECURE = 1 << 1,     /* include passwords */
    VR_DOMAIN_FORMAT_MIGRATABLE = 1 << 2,
} vrDomainFormatFlags;

/* Driver-specific defaults applied after parsing. */
typedef struct {
    const char *defaultArch;       /* when <type arch=> is missing */
    const char *defaultMachine;
    const char *defaultEmulator;
    bool assignPCIAddresses;       /* fill PCI slots (the QEMU driver does) */
    bool addDefaultControllers;    /* pci-root, usb (the QEMU driver does) */
    bool addDefaultMemballoon;
    bool addDefaultInputs;         /* ps2 mouse+keyboard for x86 */
    bool consoleFromSerial;        /* copy the first serial as console */
    /* Keep <qemu:commandline> (the QEMU driver); other drivers drop it,
     * as libvirt's do, having no namespace handler for it. */
    bool qemuNamespace;
} vrDomainXMLOption;

vrDomainDef *vrDomainDefNew(void);
void vrDomainDefFree(vrDomainDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainDef, vrDomainDefFree)

vrDomainDef *vrDomainDefParseString(const char *xml, const vrDomainXMLOption *opt,
                                    unsigned int flags);
vrDomainDef *vrDomainDefParseNode(xmlDocPtr doc, xmlNodePtr root,
                                  const vrDomainXMLOption *opt, unsigned int flags);
char *vrDomainDefFormat(const vrDomainDef *def, unsigned int flags);
void vrDomainDefFormatBuf(vrBuf *buf, const vrDomainDef *def, unsigned int flags);
/* The same under another root element name (a snapshot's <inactiveDomain>). */
void vrDomainDefFormatBufRoot(vrBuf *buf, const vrDomainDef *def, unsigned int flags,
                              const char *rootName);
vrDomainDef *vrDomainDefCopy(const vrDomainDef *def, const vrDomainXMLOption *opt);

/* Post-parse: defaults, implied controllers, addresses, validation. */
int vrDomainDefPostParse(vrDomainDef *def, const vrDomainXMLOption *opt);

/* Devices parsed on their own (attach-device / detach-device). */
typedef enum {
    VR_DOMAIN_DEVICE_NONE = 0,
    VR_DOMAIN_DEVICE_DISK,
    VR_DOMAIN_DEVICE_CONTROLLER,
    VR_DOMAIN_DEVICE_LEASE,
    VR_DOMAIN_DEVICE_FS,
    VR_DOMAIN_DEVICE_NET,
    VR_DOMAIN_DEVICE_SMARTCARD,
    VR_DOMAIN_DEVICE_CHR,
    VR_DOMAIN_DEVICE_INPUT,
    VR_DOMAIN_DEVICE_TPM,
    VR_DOMAIN_DEVICE_GRAPHICS,
    VR_DOMAIN_DEVICE_SOUND,
    VR_DOMAIN_DEVICE_AUDIO,
    VR_DOMAIN_DEVICE_VIDEO,
    VR_DOMAIN_DEVICE_HOSTDEV,
    VR_DOMAIN_DEVICE_REDIRDEV,
    VR_DOMAIN_DEVICE_REDIRFILTER,
    VR_DOMAIN_DEVICE_HUB,
    VR_DOMAIN_DEVICE_WATCHDOG,
    VR_DOMAIN_DEVICE_MEMBALLOON,
    VR_DOMAIN_DEVICE_RNG,
    VR_DOMAIN_DEVICE_NVRAM,
    VR_DOMAIN_DEVICE_PANIC,
    VR_DOMAIN_DEVICE_SHMEM,
    VR_DOMAIN_DEVICE_MEMORY,
    VR_DOMAIN_DEVICE_IOMMU,
    VR_DOMAIN_DEVICE_VSOCK,
    VR_DOMAIN_DEVICE_CRYPTO,
    VR_DOMAIN_DEVICE_LAST
} vrDomainDeviceType;

typedef struct {
    int type;                      /* vrDomainDeviceType */
    union {
        vrDomainDiskDef *disk;
        vrDomainControllerDef *controller;
        vrDomainLeaseDef *lease;
        vrDomainFSDef *fs;
        vrDomainNetDef *net;
        vrDomainSmartcardDef *smartcard;
        vrDomainChrDef *chr;
        vrDomainInputDef *input;
        vrDomainTPMDef *tpm;
        vrDomainGraphicsDef *graphics;
        vrDomainSoundDef *sound;
        vrDomainAudioDef *audio;
        vrDomainVideoDef *video;
        vrDomainHostdevDef *hostdev;
        vrDomainRedirdevDef *redirdev;
        vrDomainRedirFilterDef *redirfilter;
        vrDomainHubDef *hub;
        vrDomainWatchdogDef *watchdog;
        vrDomainMemballoonDef *memballoon;
        vrDomainRNGDef *rng;
        vrDomainNVRAMDef *nvram;
        vrDomainPanicDef *panic;
        vrDomainShmemDef *shmem;
        vrDomainMemoryDef *memory;
        vrDomainIOMMUDef *iommu;
        vrDomainVsockDef *vsock;
        vrDomainCryptoDef *crypto;
    } data;
} vrDomainDeviceDef;

vrDomainDeviceDef *vrDomainDeviceDefParse(const char *xml, const vrDomainDef *def,
                                          const vrDomainXMLOption *opt);
void vrDomainDeviceDefFree(vrDomainDeviceDef *dev);
/* Frees the device a wrapper holds, leaving the wrapper empty. */
void vrDomainDeviceDefClear(vrDomainDeviceDef *dev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainDeviceDef, vrDomainDeviceDefFree)

/* Moves a parsed device into a definition (the wrapper is left empty on
 * success) or finds and removes the matching one.  Errors name the device. */
int vrDomainDefAddDevice(vrDomainDef *def, vrDomainDeviceDef *dev);
int vrDomainDefRemoveDevice(vrDomainDef *def, const vrDomainDeviceDef *dev);

/* The free functions of each device kind are in domain_device_conf.h;
 * this one frees every device of a definition (for vrDomainDefFree). */
void vrDomainDefDevicesClear(vrDomainDef *def);

/* <metadata> children by namespace: the element for @uri formatted as a
 * document of its own, or NULL (no error) when absent. */
char *vrDomainMetadataGetElement(const vrDomainDef *def, const char *uri);
/* Replaces (or with NULL/empty @xml removes) the element for @uri, putting
 * it in namespace @key. */
int vrDomainMetadataSetElement(vrDomainDef *def, const char *xml, const char *key,
                               const char *uri);

/* Helpers shared by drivers. */
int vrDiskNameToIndex(const char *name);
vrDomainDiskDef *vrDomainDiskByName(const vrDomainDef *def, const char *name);
vrDomainNetDef *vrDomainNetByMAC(const vrDomainDef *def, const unsigned char *mac);
const char *vrDomainDiskSourcePath(const vrDomainDiskDef *disk);
void vrMacFormat(const unsigned char *mac, char *buf);   /* buf: 18 bytes */
int vrMacParse(const char *str, unsigned char *mac);
void vrMacGenerate(unsigned char *mac);

/* Generic array helpers for the device lists. */
#define VR_APPEND_ELEMENT(arr, n, elem) \
    do { \
        (arr) = g_renew(__typeof__(*(arr)), (arr), (n) + 1); \
        (arr)[(n)++] = (elem); \
    } while (0)

#define VR_INSERT_ELEMENT(arr, n, at, elem) \
    do { \
        size_t _at = (at); \
        (arr) = g_renew(__typeof__(*(arr)), (arr), (n) + 1); \
        memmove(&(arr)[_at + 1], &(arr)[_at], ((n) - _at) * sizeof(*(arr))); \
        (arr)[_at] = (elem); \
        (n)++; \
    } while (0)

#define VR_DELETE_ELEMENT(arr, n, at) \
    do { \
        size_t _at = (at); \
        memmove(&(arr)[_at], &(arr)[_at + 1], ((n) - _at - 1) * sizeof(*(arr))); \
        (n)--; \
    } while (0)

#endif
