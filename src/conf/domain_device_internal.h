/*
 * domain_device_internal.h: helpers shared by the device parsers and
 * formatters (domain_device_*.c).  Nothing outside src/conf/domain_device*
 * and domain_devices.c / domain_postparse.c should need these.
 */
#ifndef VR_DOMAIN_DEVICE_INTERNAL_H
#define VR_DOMAIN_DEVICE_INTERNAL_H

#include "domain_conf.h"
#include "util/vrbuf.h"

/* The number of vrTristate values, for the "default"/yes/no tables. */
#define VR_DEV_TRISTATE_LAST 3

/* ---- attribute parsing with libvirt's messages ---------------------- */

typedef enum {
    VR_DEV_PROP_REQUIRED = 1 << 0,   /* missing: "Missing required attribute" */
    VR_DEV_PROP_NONZERO = 1 << 1,    /* value 0 (an enum's "default") refused */
} vrDevPropFlags;

/* All return 0 when absent (value untouched), 1 when parsed, -1 when
 * invalid (reported). */
int vrDevPropEnum(xmlNodePtr node, const char *attr, int (*fromString)(const char *),
                  unsigned int flags, int *value);
int vrDevPropTristateBool(xmlNodePtr node, const char *attr, unsigned int flags, int *value);
int vrDevPropTristateSwitch(xmlNodePtr node, const char *attr, unsigned int flags, int *value);
int vrDevPropUInt(xmlNodePtr node, const char *attr, int base, unsigned int flags,
                  unsigned int *value);
int vrDevPropInt(xmlNodePtr node, const char *attr, int base, unsigned int flags, int *value);
int vrDevPropULLong(xmlNodePtr node, const char *attr, int base, unsigned int flags,
                    unsigned long long *value);
/* A required string attribute, reported when missing. */
char *vrDevPropRequired(xmlNodePtr node, const char *attr);
void vrDevReportMissingAttr(xmlNodePtr node, const char *attr);
void vrDevReportBadAttr(xmlNodePtr node, const char *attr, const char *value);

/* <NAME unit='...'>N</NAME> (or an attribute pair) scaled to bytes and
 * divided by @scale, rounding up; @where names it in errors the way
 * libvirt's XPath does ("./size[1]"). 0 absent, 1 parsed, -1 invalid. */
int vrDevParseScaledChild(xmlNodePtr parent, const char *name, const char *where,
                          unsigned long long defaultScale, unsigned long long scale,
                          unsigned long long *value);

/* The stripped text content of the first child @name, or NULL. */
char *vrDevChildText(xmlNodePtr parent, const char *name);

/* ---- formatting ---------------------------------------------------- */

/* " name='value'" with escaping; nothing for NULL. */
void vrDevAttr(vrBuf *buf, const char *name, const char *value);
void vrDevAttrTristateBool(vrBuf *buf, const char *name, int value);
void vrDevAttrTristateSwitch(vrBuf *buf, const char *name, int value);
/* "<name>text</name>\n" escaped; nothing for NULL. */
void vrDevTextElement(vrBuf *buf, const char *name, const char *value);
/* <name attrs/> or <name attrs>children</name>; nothing when both are
 * empty unless @always. */
void vrDevFormatElement(vrBuf *buf, const char *name, vrBuf *attrs, vrBuf *children,
                        bool always);

/* ---- pieces shared by several devices ------------------------------ */

typedef enum {
    VR_DEV_INFO_ALLOW_BOOT = 1 << 0,
    VR_DEV_INFO_ALLOW_ROM = 1 << 1,
} vrDevInfoFlags;

int vrDevAddressParse(xmlNodePtr node, vrDomainDeviceAddress *addr);
void vrDevAddressFormat(vrBuf *buf, const vrDomainDeviceAddress *addr);
/* <alias>, <boot>, <rom>, <acpi>, <master>, <address> of a device. */
int vrDevInfoParse(xmlNodePtr node, vrDomainDeviceInfo *info, unsigned int parseFlags,
                   unsigned int allow);
void vrDevInfoFormat(vrBuf *buf, const vrDomainDeviceInfo *info, unsigned int formatFlags,
                     unsigned int allow);
bool vrDevInfoIsEmpty(const vrDomainDeviceInfo *info, unsigned int formatFlags,
                      unsigned int allow);
void vrDevInfoClear(vrDomainDeviceInfo *info);
void vrDevInfoCopy(vrDomainDeviceInfo *dst, const vrDomainDeviceInfo *src);

/* A host PCI address <address domain= bus= slot= function=/>. */
int vrDevPCIAddressParse(xmlNodePtr node, vrPCIAddress *addr);
void vrDevPCIAddressFormat(vrBuf *buf, const vrPCIAddress *addr, bool withType);

int vrDevVirtioOptionsParse(xmlNodePtr driver, vrDomainVirtioOptions *opts);
void vrDevVirtioOptionsFormat(vrBuf *attrs, const vrDomainVirtioOptions *opts);

int vrDevSeclabelsParse(xmlNodePtr source, vrDomainSeclabelDev **labels, size_t *nlabels,
                        unsigned int parseFlags);
void vrDevSeclabelsFormat(vrBuf *buf, const vrDomainSeclabelDev *labels, size_t nlabels);
void vrDevSeclabelsClear(vrDomainSeclabelDev **labels, size_t *nlabels);

/* Character device host sides (domain_device_chr.c). */
int vrDevChrSourceParse(xmlNodePtr node, vrDomainChrSource *src, unsigned int parseFlags,
                        bool withSeclabels);
int vrDevChrSourceValidate(const vrDomainChrSource *src);
void vrDevChrSourceFormat(vrBuf *buf, const vrDomainChrSource *src, unsigned int formatFlags);
void vrDevChrSourceCopy(vrDomainChrSource *dst, const vrDomainChrSource *src);
bool vrDevChrSourceEqual(const vrDomainChrSource *a, const vrDomainChrSource *b);
int vrDevReconnectParse(xmlNodePtr source, int *enabled, unsigned int *timeout);
void vrDevReconnectFormat(vrBuf *buf, int enabled, unsigned int timeout);

/* Host devices, also the source of <interface type='hostdev'>. */
int vrDevHostdevSubsysParse(xmlNodePtr node, vrDomainHostdevDef *hostdev,
                            unsigned int parseFlags, bool forInterface);
void vrDevHostdevSubsysFormat(vrBuf *buf, const vrDomainHostdevDef *hostdev,
                              unsigned int formatFlags, bool forInterface);
void vrDevHostdevClear(vrDomainHostdevDef *hostdev);

/* <ip> and <route> lists (domain_device_net.c). */
int vrDevNetIPInfoParse(xmlNodePtr node, vrDomainNetIPInfo *info);
void vrDevNetIPInfoFormat(vrBuf *buf, const vrDomainNetIPInfo *info);
void vrDevNetIPInfoClear(vrDomainNetIPInfo *info);

/* Storage sources (domain_device_disk.c). */
vrStorageSource *vrStorageSourceNew(void);
int vrStorageSourceParseNetworkHosts(xmlNodePtr source, vrStorageSource *src);

/* ---- per-kind parsers and formatters ------------------------------- */

#define VR_DEV_DECLARE(Kind, Type) \
    Type *vrDomainParse##Kind(xmlNodePtr node, unsigned int flags); \
    void vrDomainFormat##Kind(vrBuf *buf, const Type *def, unsigned int flags)

VR_DEV_DECLARE(Disk, vrDomainDiskDef);
VR_DEV_DECLARE(Controller, vrDomainControllerDef);
VR_DEV_DECLARE(Lease, vrDomainLeaseDef);
VR_DEV_DECLARE(FS, vrDomainFSDef);
VR_DEV_DECLARE(Net, vrDomainNetDef);
VR_DEV_DECLARE(Smartcard, vrDomainSmartcardDef);
VR_DEV_DECLARE(Input, vrDomainInputDef);
VR_DEV_DECLARE(TPM, vrDomainTPMDef);
VR_DEV_DECLARE(Graphics, vrDomainGraphicsDef);
VR_DEV_DECLARE(Sound, vrDomainSoundDef);
VR_DEV_DECLARE(Audio, vrDomainAudioDef);
VR_DEV_DECLARE(Video, vrDomainVideoDef);
VR_DEV_DECLARE(Hostdev, vrDomainHostdevDef);
VR_DEV_DECLARE(Redirdev, vrDomainRedirdevDef);
VR_DEV_DECLARE(RedirFilter, vrDomainRedirFilterDef);
VR_DEV_DECLARE(Hub, vrDomainHubDef);
VR_DEV_DECLARE(Watchdog, vrDomainWatchdogDef);
VR_DEV_DECLARE(Memballoon, vrDomainMemballoonDef);
VR_DEV_DECLARE(RNG, vrDomainRNGDef);
VR_DEV_DECLARE(NVRAM, vrDomainNVRAMDef);
VR_DEV_DECLARE(Panic, vrDomainPanicDef);
VR_DEV_DECLARE(Shmem, vrDomainShmemDef);
VR_DEV_DECLARE(MemoryDevice, vrDomainMemoryDef);
VR_DEV_DECLARE(IOMMU, vrDomainIOMMUDef);
VR_DEV_DECLARE(Vsock, vrDomainVsockDef);
VR_DEV_DECLARE(Crypto, vrDomainCryptoDef);

void vrDomainControllerInsert(vrDomainDef *def, vrDomainControllerDef *ctrl);
void vrDomainDefDevicesClear(vrDomainDef *def);

vrDomainChrDef *vrDomainParseChr(xmlNodePtr node, int deviceType, unsigned int flags);
void vrDomainFormatChr(vrBuf *buf, const vrDomainChrDef *def, unsigned int flags);

/* Checks that need the whole device (run before post-parse). */
int vrDomainDiskValidate(const vrDomainDiskDef *disk);

#endif
