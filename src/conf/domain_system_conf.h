/*
 * domain_system_conf.h: the guest's platform, as a <domain> describes it
 * outside its devices: <os> and boot, <features>, <clock>, lifecycle
 * actions, <pm>, <perf>, <sysinfo>, <idmap>, and the security elements
 * (<seclabel>, <keywrap>, <launchSecurity>).
 *
 * Parsing, validation and formatting of each live in domain_os.c,
 * domain_features.c, domain_clock.c, domain_lifecycle.c,
 * domain_sysinfo.c and domain_security.c.
 */
#ifndef VR_DOMAIN_SYSTEM_CONF_H
#define VR_DOMAIN_SYSTEM_CONF_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include "util/vrbuf.h"
#include "util/vrenum.h"

typedef struct _vrDomainDef vrDomainDef;

/* Two-valued settings that may also be absent.  The numbering matches
 * conf_xmlprop.h's vrPropTristate (yes/no) so both can share fields. */
typedef enum {
    VR_TRISTATE_ABSENT = 0,
    VR_TRISTATE_ON = 1,            /* "on" / "yes" */
    VR_TRISTATE_OFF = 2,           /* "off" / "no" */
} vrTristate;

/* ---- <os> -------------------------------------------------------------- */

typedef enum {
    VR_DOMAIN_OSTYPE_HVM = 0,
    VR_DOMAIN_OSTYPE_XEN,
    VR_DOMAIN_OSTYPE_LINUX,
    VR_DOMAIN_OSTYPE_XENPVH,
    VR_DOMAIN_OSTYPE_EXE,
    VR_DOMAIN_OSTYPE_UML,
    VR_DOMAIN_OSTYPE_LAST
} vrDomainOSTypeKind;
VR_ENUM_DECL(vrDomainOSType);

typedef enum {
    VR_DOMAIN_BOOT_FLOPPY = 0,
    VR_DOMAIN_BOOT_CDROM,
    VR_DOMAIN_BOOT_DISK,
    VR_DOMAIN_BOOT_NET,
    VR_DOMAIN_BOOT_LAST
} vrDomainBootDevice;
VR_ENUM_DECL(vrDomainBootDevice);

typedef enum {
    VR_DOMAIN_LOADER_TYPE_NONE = 0,
    VR_DOMAIN_LOADER_TYPE_ROM,
    VR_DOMAIN_LOADER_TYPE_PFLASH,
    VR_DOMAIN_LOADER_TYPE_LAST
} vrDomainLoaderType;
VR_ENUM_DECL(vrDomainLoaderType);

typedef enum {
    VR_DOMAIN_FIRMWARE_NONE = 0,
    VR_DOMAIN_FIRMWARE_BIOS,
    VR_DOMAIN_FIRMWARE_EFI,
    VR_DOMAIN_FIRMWARE_LAST
} vrDomainFirmware;
VR_ENUM_DECL(vrDomainFirmware);

typedef enum {
    VR_DOMAIN_FIRMWARE_FEATURE_ENROLLED_KEYS = 0,
    VR_DOMAIN_FIRMWARE_FEATURE_SECURE_BOOT,
    VR_DOMAIN_FIRMWARE_FEATURE_LAST
} vrDomainFirmwareFeature;
VR_ENUM_DECL(vrDomainFirmwareFeature);

typedef enum {
    VR_DOMAIN_SMBIOS_NONE = 0,
    VR_DOMAIN_SMBIOS_EMULATE,
    VR_DOMAIN_SMBIOS_HOST,
    VR_DOMAIN_SMBIOS_SYSINFO,
    VR_DOMAIN_SMBIOS_LAST
} vrDomainSmbiosMode;
VR_ENUM_DECL(vrDomainSmbiosMode);

typedef struct {
    char *name;
    char *value;
} vrDomainOSEnv;

typedef struct {
    char *type;                    /* "hvm", "xen", ... (vrDomainOSType spelling) */
    char *arch;
    char *machine;

    int firmware;                  /* vrDomainFirmware: auto-selection */
    int firmwareFeatures[VR_DOMAIN_FIRMWARE_FEATURE_LAST]; /* vrTristate */
    bool hasLoader;
    char *loader;                  /* path; NULL when auto-selected */
    int loaderReadonly;            /* vrTristate */
    int loaderSecure;              /* vrTristate */
    int loaderType;                /* vrDomainLoaderType */
    bool hasNvram;
    char *nvram;
    char *nvramTemplate;

    char *kernel;
    char *initrd;
    char *cmdline;
    char *dtb;
    char *root;

    char *init;                    /* os type 'exe' (containers) */
    GPtrArray *initargs;
    vrDomainOSEnv *initenv;
    size_t ninitenv;
    char *initdir;
    char *inituser;
    char *initgroup;

    int bootDevs[VR_DOMAIN_BOOT_LAST];
    size_t nBootDevs;
    int bootmenuEnable;            /* vrTristate */
    unsigned int bootmenuTimeout;
    bool hasBootmenuTimeout;
    int smbiosMode;                /* vrDomainSmbiosMode */
    int biosUseserial;             /* vrTristate */
    int biosRebootTimeout;
    bool hasBiosRebootTimeout;
    char *acpiTable;               /* <acpi><table type='slic'> path */
    bool hasAcpiTable;
} vrDomainOSDef;

/* ---- <features> -------------------------------------------------------- */

/* In libvirt's order, which is also the order they are formatted in. */
typedef enum {
    VR_DOMAIN_FEATURE_ACPI = 0,
    VR_DOMAIN_FEATURE_APIC,
    VR_DOMAIN_FEATURE_PAE,
    VR_DOMAIN_FEATURE_HAP,
    VR_DOMAIN_FEATURE_VIRIDIAN,
    VR_DOMAIN_FEATURE_PRIVNET,
    VR_DOMAIN_FEATURE_HYPERV,
    VR_DOMAIN_FEATURE_KVM,
    VR_DOMAIN_FEATURE_PVSPINLOCK,
    VR_DOMAIN_FEATURE_CAPABILITIES,
    VR_DOMAIN_FEATURE_PMU,
    VR_DOMAIN_FEATURE_VMPORT,
    VR_DOMAIN_FEATURE_GIC,
    VR_DOMAIN_FEATURE_SMM,
    VR_DOMAIN_FEATURE_IOAPIC,
    VR_DOMAIN_FEATURE_HPT,
    VR_DOMAIN_FEATURE_VMCOREINFO,
    VR_DOMAIN_FEATURE_HTM,
    VR_DOMAIN_FEATURE_NESTED_HV,
    VR_DOMAIN_FEATURE_MSRS,
    VR_DOMAIN_FEATURE_CCF_ASSIST,
    VR_DOMAIN_FEATURE_XEN,
    VR_DOMAIN_FEATURE_CFPC,
    VR_DOMAIN_FEATURE_SBBC,
    VR_DOMAIN_FEATURE_IBS,
    VR_DOMAIN_FEATURE_TCG,
    VR_DOMAIN_FEATURE_LAST
} vrDomainFeatureKind;
VR_ENUM_DECL(vrDomainFeature);

typedef enum {
    VR_DOMAIN_HYPERV_RELAXED = 0,
    VR_DOMAIN_HYPERV_VAPIC,
    VR_DOMAIN_HYPERV_SPINLOCKS,
    VR_DOMAIN_HYPERV_VPINDEX,
    VR_DOMAIN_HYPERV_RUNTIME,
    VR_DOMAIN_HYPERV_SYNIC,
    VR_DOMAIN_HYPERV_STIMER,
    VR_DOMAIN_HYPERV_RESET,
    VR_DOMAIN_HYPERV_VENDOR_ID,
    VR_DOMAIN_HYPERV_FREQUENCIES,
    VR_DOMAIN_HYPERV_REENLIGHTENMENT,
    VR_DOMAIN_HYPERV_TLBFLUSH,
    VR_DOMAIN_HYPERV_IPI,
    VR_DOMAIN_HYPERV_EVMCS,
    VR_DOMAIN_HYPERV_AVIC,
    VR_DOMAIN_HYPERV_LAST
} vrDomainHypervFeature;
VR_ENUM_DECL(vrDomainHyperv);

typedef enum {
    VR_DOMAIN_KVM_HIDDEN = 0,
    VR_DOMAIN_KVM_HINT_DEDICATED,
    VR_DOMAIN_KVM_POLL_CONTROL,
    VR_DOMAIN_KVM_PV_IPI,
    VR_DOMAIN_KVM_DIRTY_RING,
    VR_DOMAIN_KVM_LAST
} vrDomainKVMFeature;
VR_ENUM_DECL(vrDomainKVM);

typedef enum {
    VR_DOMAIN_XEN_E820_HOST = 0,
    VR_DOMAIN_XEN_PASSTHROUGH,
    VR_DOMAIN_XEN_LAST
} vrDomainXenFeature;
VR_ENUM_DECL(vrDomainXen);

/* Linux capabilities a container may be given or denied (audit_control
 * ... wake_alarm, see domain_features.c for the table). */
#define VR_DOMAIN_CAPS_FEATURE_LAST 37
VR_ENUM_DECL(vrDomainCapsFeature);

typedef struct {
    int state[VR_DOMAIN_FEATURE_LAST];          /* vrTristate; ABSENT = not given */

    int apicEoi;                                /* vrTristate */
    int gicVersion;                             /* 0 none, else index in "host","2","3" + 1 */
    int ioapicDriver;                           /* 0 none, 1 kvm, 2 qemu */
    int hptResizing;                            /* 0 none, enabled, disabled, required */
    unsigned long long hptMaxPageSize;          /* KiB, 0 = unset */
    int msrsUnknown;                            /* 0 ignore */
    int cfpc, sbbc, ibs;                        /* 0 none, else value index */
    unsigned long long tcgTbCache;              /* KiB, 0 = unset */
    unsigned long long smmTseg;                 /* bytes */
    bool hasSmmTseg;

    int hypervMode;                             /* 0 custom, 1 passthrough */
    int hyperv[VR_DOMAIN_HYPERV_LAST];          /* vrTristate */
    unsigned int hypervSpinlocks;
    char *hypervVendorId;
    int hypervStimerDirect;                     /* vrTristate */

    int kvm[VR_DOMAIN_KVM_LAST];                /* vrTristate */
    unsigned int kvmDirtyRingSize;

    int xen[VR_DOMAIN_XEN_LAST];                /* vrTristate */
    int xenPassthroughMode;                     /* 0 none, sync_pt, share_pt */

    int capsPolicy;                             /* 0 default, allow, deny */
    int caps[VR_DOMAIN_CAPS_FEATURE_LAST]; /* vrTristate */
} vrDomainFeaturesDef;

/* ---- <clock> ----------------------------------------------------------- */

typedef enum {
    VR_DOMAIN_CLOCK_OFFSET_UTC = 0,
    VR_DOMAIN_CLOCK_OFFSET_LOCALTIME,
    VR_DOMAIN_CLOCK_OFFSET_VARIABLE,
    VR_DOMAIN_CLOCK_OFFSET_TIMEZONE,
    VR_DOMAIN_CLOCK_OFFSET_ABSOLUTE,
    VR_DOMAIN_CLOCK_OFFSET_LAST
} vrDomainClockOffset;
VR_ENUM_DECL(vrDomainClockOffset);

typedef enum {
    VR_DOMAIN_TIMER_NAME_PLATFORM = 0,
    VR_DOMAIN_TIMER_NAME_PIT,
    VR_DOMAIN_TIMER_NAME_RTC,
    VR_DOMAIN_TIMER_NAME_HPET,
    VR_DOMAIN_TIMER_NAME_TSC,
    VR_DOMAIN_TIMER_NAME_KVMCLOCK,
    VR_DOMAIN_TIMER_NAME_HYPERVCLOCK,
    VR_DOMAIN_TIMER_NAME_ARMVTIMER,
    VR_DOMAIN_TIMER_NAME_LAST
} vrDomainTimerName;
VR_ENUM_DECL(vrDomainTimerName);

typedef struct {
    int name;                      /* vrDomainTimerName */
    int present;                   /* vrTristate (yes/no) */
    int tickpolicy;                /* 0 unset, delay, catchup, merge, discard */
    int track;                     /* 0 unset, boot, guest, wall, realtime */
    unsigned long long frequency;  /* 0 = unset */
    int mode;                      /* 0 unset, auto, native, emulate, paravirt, smpsafe */
    bool hasCatchup;
    unsigned long catchupThreshold, catchupSlew, catchupLimit;
} vrDomainTimerDef;

typedef struct {
    int offset;                    /* vrDomainClockOffset */
    bool adjustmentReset;          /* utc/localtime: adjustment='reset' */
    long long adjustment;          /* variable: seconds */
    int basis;                     /* variable: 0 utc, 1 localtime */
    char *timezone;
    unsigned long long start;      /* absolute: epoch seconds */
    vrDomainTimerDef *timers;
    size_t ntimers;
} vrDomainClockDef;

/* ---- lifecycle, pm, perf ---------------------------------------------- */

typedef enum {
    VR_DOMAIN_LIFECYCLE_DESTROY = 0,
    VR_DOMAIN_LIFECYCLE_RESTART,
    VR_DOMAIN_LIFECYCLE_RESTART_RENAME,
    VR_DOMAIN_LIFECYCLE_PRESERVE,
    VR_DOMAIN_LIFECYCLE_COREDUMP_DESTROY,
    VR_DOMAIN_LIFECYCLE_COREDUMP_RESTART,
    VR_DOMAIN_LIFECYCLE_LAST
} vrDomainLifecycleAction;
VR_ENUM_DECL(vrDomainLifecycleAction);

typedef enum {
    VR_DOMAIN_LOCKFAILURE_DEFAULT = 0,
    VR_DOMAIN_LOCKFAILURE_POWEROFF,
    VR_DOMAIN_LOCKFAILURE_RESTART,
    VR_DOMAIN_LOCKFAILURE_PAUSE,
    VR_DOMAIN_LOCKFAILURE_IGNORE,
    VR_DOMAIN_LOCKFAILURE_LAST
} vrDomainLockFailureAction;
VR_ENUM_DECL(vrDomainLockFailure);

/* cmt, mbmt, mbml, cpu_cycles, ... (see domain_lifecycle.c for the table) */
#define VR_PERF_EVENT_LAST 22
VR_ENUM_DECL(vrPerfEvent);

/* ---- <sysinfo> --------------------------------------------------------- */

typedef enum {
    VR_SYSINFO_SMBIOS = 0,
    VR_SYSINFO_FWCFG,
    VR_SYSINFO_LAST
} vrSysinfoType;
VR_ENUM_DECL(vrSysinfo);

/* An ordered set of name=value entries, as one SMBIOS block has them. */
typedef struct {
    char *name;
    char *value;
    char *file;                    /* fw_cfg only */
} vrSysinfoEntry;

typedef struct {
    vrSysinfoEntry *entries;
    size_t n;
} vrSysinfoBlock;

typedef struct {
    int type;                      /* vrSysinfoType */
    /* smbios: entries in libvirt's field order within each block */
    vrSysinfoBlock bios;
    vrSysinfoBlock system;
    vrSysinfoBlock *baseBoards;
    size_t nbaseBoards;
    vrSysinfoBlock chassis;
    GPtrArray *oemStrings;
    /* fwcfg: entries in document order */
    vrSysinfoBlock fwcfg;
} vrSysinfoDef;

/* ---- <idmap> ----------------------------------------------------------- */

typedef struct {
    unsigned int start, target, count;
} vrDomainIdMapEntry;

/* ---- security ---------------------------------------------------------- */

typedef enum {
    VR_DOMAIN_SECLABEL_DEFAULT = 0,
    VR_DOMAIN_SECLABEL_NONE,
    VR_DOMAIN_SECLABEL_DYNAMIC,
    VR_DOMAIN_SECLABEL_STATIC,
    VR_DOMAIN_SECLABEL_LAST
} vrDomainSeclabelType;
VR_ENUM_DECL(vrDomainSeclabel);

typedef struct {
    int type;                      /* vrDomainSeclabelType */
    char *model;
    bool relabel;
    char *label;
    char *imagelabel;
    char *baselabel;
} vrDomainSeclabelDef;

typedef enum {
    VR_DOMAIN_KEYWRAP_CIPHER_AES = 0,
    VR_DOMAIN_KEYWRAP_CIPHER_DEA,
    VR_DOMAIN_KEYWRAP_CIPHER_LAST
} vrDomainKeyWrapCipher;
VR_ENUM_DECL(vrDomainKeyWrapCipher);

typedef enum {
    VR_DOMAIN_LAUNCH_SECURITY_NONE = 0,
    VR_DOMAIN_LAUNCH_SECURITY_SEV,
    VR_DOMAIN_LAUNCH_SECURITY_PV,
    VR_DOMAIN_LAUNCH_SECURITY_LAST
} vrDomainLaunchSecurity;
VR_ENUM_DECL(vrDomainLaunchSecurity);

typedef struct {
    int type;                      /* vrDomainLaunchSecurity */
    int kernelHashes;              /* vrTristate (yes/no) */
    bool hasCbitpos, hasReducedPhysBits;
    unsigned int cbitpos, reducedPhysBits;
    unsigned int policy;
    char *dhCert;
    char *session;
} vrDomainLaunchSecurityDef;

/* Each parser reads its part of <domain> (@root), validates it and
 * reports libvirt's error text on failure.  Formatters write their part at
 * the buffer's current indentation, or nothing when the part is absent. */
int vrDomainParseBootloader(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseOS(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseFeatures(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseClock(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseLifecycle(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseSysinfo(xmlNodePtr root, vrDomainDef *def, bool uuidGiven);
int vrDomainParseIdMap(xmlNodePtr root, vrDomainDef *def);
int vrDomainParseSecurity(xmlNodePtr root, vrDomainDef *def, bool live);

void vrDomainFormatBootloader(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatOS(vrBuf *buf, const vrDomainOSDef *os);
void vrDomainFormatIdMap(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatFeatures(vrBuf *buf, const vrDomainFeaturesDef *features);
void vrDomainFormatClock(vrBuf *buf, const vrDomainClockDef *clock);
void vrDomainFormatLifecycle(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatSysinfo(vrBuf *buf, const vrDomainDef *def);
void vrDomainFormatSecurity(vrBuf *buf, const vrDomainDef *def, bool inactive);

void vrDomainOSDefClear(vrDomainOSDef *os);
void vrDomainFeaturesDefClear(vrDomainFeaturesDef *features);
void vrDomainClockDefClear(vrDomainClockDef *clock);
void vrSysinfoDefFree(vrSysinfoDef *sysinfo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrSysinfoDef, vrSysinfoDefFree)
void vrDomainSeclabelDefClear(vrDomainSeclabelDef *seclabel);
void vrDomainLaunchSecurityDefFree(vrDomainLaunchSecurityDef *sec);

#endif
