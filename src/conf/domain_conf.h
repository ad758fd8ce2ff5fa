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

/* ---- device addresses ---------------------------------------------- */

typedef enum {
    VR_DOMAIN_ADDRESS_NONE = 0,
    VR_DOMAIN_ADDRESS_PCI,
    VR_DOMAIN_ADDRESS_DRIVE,
    VR_DOMAIN_ADDRESS_VIRTIO_SERIAL,
    VR_DOMAIN_ADDRESS_CCID,
    VR_DOMAIN_ADDRESS_USB,
    VR_DOMAIN_ADDRESS_SPAPRVIO,
    VR_DOMAIN_ADDRESS_CCW,
    VR_DOMAIN_ADDRESS_VIRTIO_MMIO,
    VR_DOMAIN_ADDRESS_ISA,
    VR_DOMAIN_ADDRESS_DIMM,
    VR_DOMAIN_ADDRESS_UNASSIGNED,
    VR_DOMAIN_ADDRESS_LAST
} vrDomainAddressType;
VR_ENUM_DECL(vrDomainAddress);

typedef struct {
    int type;                      /* vrDomainAddressType */
    union {
        struct {
            unsigned int domain, bus, slot, function;
            int multifunction;     /* 0 unset, 1 on, 2 off */
        } pci;
        struct {
            unsigned int controller, bus, target, unit;
        } drive;
        struct {
            unsigned int controller, bus, port;
        } vioserial;
        struct {
            unsigned int controller, slot;
        } ccid;
        struct {
            unsigned int bus;
            char port[32];         /* "1.2.3" */
        } usb;
        struct {
            unsigned long long reg;
            bool hasReg;
        } spaprvio;
        struct {
            unsigned int cssid, ssid, devno;
        } ccw;
        struct {
            unsigned int iobase, irq;
        } isa;
        struct {
            unsigned int slot;
            unsigned long long base;
        } dimm;
    } u;
} vrDomainDeviceAddress;

/* What every device carries besides its own settings. */
typedef struct {
    char *alias;                   /* <alias name=> (live only, or user "ua-") */
    vrDomainDeviceAddress addr;
    unsigned int bootIndex;        /* <boot order=>, 0 when unset */
    char *romFile;                 /* <rom file=> */
    int romBar;                    /* 0 unset, 1 on, 2 off */
    int romEnabled;                /* 0 unset, 1 yes, 2 no */
} vrDomainDeviceInfo;

/* ---- disks --------------------------------------------------------- */

typedef enum {
    VR_STORAGE_TYPE_NONE = 0,
    VR_STORAGE_TYPE_FILE,
    VR_STORAGE_TYPE_BLOCK,
    VR_STORAGE_TYPE_DIR,
    VR_STORAGE_TYPE_NETWORK,
    VR_STORAGE_TYPE_VOLUME,
    VR_STORAGE_TYPE_NVME,
    VR_STORAGE_TYPE_VHOST_USER,
    VR_STORAGE_TYPE_LAST
} vrStorageType;
VR_ENUM_DECL(vrStorageType);

typedef enum {
    VR_DOMAIN_DISK_DEVICE_DISK = 0,
    VR_DOMAIN_DISK_DEVICE_CDROM,
    VR_DOMAIN_DISK_DEVICE_FLOPPY,
    VR_DOMAIN_DISK_DEVICE_LUN,
    VR_DOMAIN_DISK_DEVICE_LAST
} vrDomainDiskDevice;
VR_ENUM_DECL(vrDomainDiskDevice);

typedef enum {
    VR_DOMAIN_DISK_BUS_NONE = 0,
    VR_DOMAIN_DISK_BUS_IDE,
    VR_DOMAIN_DISK_BUS_FDC,
    VR_DOMAIN_DISK_BUS_SCSI,
    VR_DOMAIN_DISK_BUS_VIRTIO,
    VR_DOMAIN_DISK_BUS_XEN,
    VR_DOMAIN_DISK_BUS_USB,
    VR_DOMAIN_DISK_BUS_UML,
    VR_DOMAIN_DISK_BUS_SATA,
    VR_DOMAIN_DISK_BUS_SD,
    VR_DOMAIN_DISK_BUS_LAST
} vrDomainDiskBus;
VR_ENUM_DECL(vrDomainDiskBus);

typedef struct {
    char *name;
    char *port;
    char *transport;               /* tcp, unix, rdma */
    char *socket;
} vrStorageNetHost;

/* The <source> (and recursively the <backingStore>) of a disk. */
typedef struct _vrStorageSource vrStorageSource;
struct _vrStorageSource {
    int type;                      /* vrStorageType */
    char *path;                    /* file / dev / dir, or network name */
    char *format;                  /* driver type / backingStore format */
    char *protocol;                /* network: nbd, iscsi, rbd, gluster, http ... */
    vrStorageNetHost *hosts;
    size_t nhosts;
    char *pool;                    /* volume: pool and volume */
    char *volume;
    char *mode;                    /* volume: host / direct */
    char *startupPolicy;
    char *seclabelModel;
    bool seclabelRelabelNo;
    char *authUsername;            /* <auth username=> */
    char *authSecretType;
    char *authSecretUUID;
    char *authSecretUsage;
    char *encryptionFormat;        /* <encryption format=> */
    char *encryptionSecretUUID;
    char *reservationsManaged;
    int index;                     /* backingStore index= */
    bool hasBackingStoreElement;   /* <backingStore/> present (even empty) */
    vrStorageSource *backing;
};

typedef struct {
    char *name;                    /* qemu */
    char *type;                    /* raw, qcow2 ... */
    char *cache;
    char *errorPolicy;
    char *rerrorPolicy;
    char *io;
    char *ioeventfd;
    char *eventIdx;
    char *copyOnRead;
    char *discard;
    char *detectZeroes;
    unsigned int iothread;
    unsigned int queues;
} vrDomainDiskDriver;

typedef struct {
    unsigned long long totalBytesSec, readBytesSec, writeBytesSec;
    unsigned long long totalIopsSec, readIopsSec, writeIopsSec;
    unsigned long long totalBytesSecMax, readBytesSecMax, writeBytesSecMax;
    unsigned long long totalIopsSecMax, readIopsSecMax, writeIopsSecMax;
    unsigned long long sizeIopsSec;
    char *groupName;
    bool set;
} vrDomainDiskIotune;

typedef struct {
    int device;                    /* vrDomainDiskDevice */
    vrStorageSource *src;
    vrDomainDiskDriver driver;
    char *dst;                     /* target dev */
    int bus;                       /* vrDomainDiskBus */
    char *tray;                    /* open / closed */
    char *removable;               /* on / off */
    bool readonly;
    bool shareable;
    bool transient;
    char *serial;
    char *wwn;
    char *vendor;
    char *product;
    char *snapshot;                /* internal / external / no */
    char *sgio;
    char *rawio;
    unsigned int blockioLogical;
    unsigned int blockioPhysical;
    unsigned int geometryCyls, geometryHeads, geometrySecs;
    char *geometryTrans;
    vrDomainDiskIotune iotune;
    char *mirrorXML;               /* <mirror> kept whole (live block jobs) */
    vrDomainDeviceInfo info;
} vrDomainDiskDef;

/* ---- controllers --------------------------------------------------- */

typedef enum {
    VR_DOMAIN_CONTROLLER_TYPE_IDE = 0,
    VR_DOMAIN_CONTROLLER_TYPE_FDC,
    VR_DOMAIN_CONTROLLER_TYPE_SCSI,
    VR_DOMAIN_CONTROLLER_TYPE_SATA,
    VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL,
    VR_DOMAIN_CONTROLLER_TYPE_CCID,
    VR_DOMAIN_CONTROLLER_TYPE_USB,
    VR_DOMAIN_CONTROLLER_TYPE_PCI,
    VR_DOMAIN_CONTROLLER_TYPE_XENBUS,
    VR_DOMAIN_CONTROLLER_TYPE_ISA,
    VR_DOMAIN_CONTROLLER_TYPE_LAST
} vrDomainControllerType;
VR_ENUM_DECL(vrDomainControllerType);

typedef struct {
    int type;                      /* vrDomainControllerType */
    int idx;
    char *model;
    unsigned int ports;            /* virtio-serial ports=, sata/usb ports= */
    unsigned int vectors;
    int hasPorts, hasVectors;
    int maxGrantFrames;
    char *masterStartport;         /* usb companion <master startport=> */
    char *driverQueues;
    char *driverIothread;
    char *targetChassisNr, *targetChassis, *targetPort, *targetBusNr, *targetIndex;
    char *targetHotplug, *targetNode;
    char *modelName;               /* pci <model name=> */
    vrDomainDeviceInfo info;
} vrDomainControllerDef;

/* ---- network interfaces ------------------------------------------- */

typedef enum {
    VR_DOMAIN_NET_TYPE_USER = 0,
    VR_DOMAIN_NET_TYPE_ETHERNET,
    VR_DOMAIN_NET_TYPE_VHOSTUSER,
    VR_DOMAIN_NET_TYPE_SERVER,
    VR_DOMAIN_NET_TYPE_CLIENT,
    VR_DOMAIN_NET_TYPE_MCAST,
    VR_DOMAIN_NET_TYPE_UDP,
    VR_DOMAIN_NET_TYPE_NETWORK,
    VR_DOMAIN_NET_TYPE_BRIDGE,
    VR_DOMAIN_NET_TYPE_INTERNAL,
    VR_DOMAIN_NET_TYPE_DIRECT,
    VR_DOMAIN_NET_TYPE_HOSTDEV,
    VR_DOMAIN_NET_TYPE_VDPA,
    VR_DOMAIN_NET_TYPE_NULL,
    VR_DOMAIN_NET_TYPE_VDS,
    VR_DOMAIN_NET_TYPE_LAST
} vrDomainNetType;
VR_ENUM_DECL(vrDomainNet);

typedef struct {
    unsigned long long average, peak, burst, floor;
    bool hasAverage, hasPeak, hasBurst, hasFloor;
} vrNetBandwidthRate;

typedef struct {
    vrNetBandwidthRate in, out;
    bool hasIn, hasOut;
} vrNetBandwidth;

typedef struct {
    unsigned int id;
    char *nativeMode;              /* tagged / untagged */
} vrNetVlanTag;

typedef struct {
    bool trunk;
    vrNetVlanTag *tags;
    size_t ntags;
} vrNetVlan;

typedef struct {
    int type;                      /* vrDomainNetType */
    unsigned char mac[6];
    bool macGenerated;
    char *macType;                 /* <mac type=> */
    char *sourceNetwork;           /* network */
    char *sourcePortgroup;
    char *sourceBridge;            /* bridge */
    char *sourceDev;               /* direct / ethernet */
    char *sourceMode;              /* direct mode, server/client mode */
    char *sourceAddress;           /* mcast/udp/server/client address */
    char *sourcePort;
    char *sourcePath;              /* vhostuser socket */
    char *sourceType;              /* vhostuser type=unix */
    char *localAddress, *localPort; /* udp <local> */
    char *hostdevXML;              /* hostdev <source> kept whole */
    char *ifname;                  /* <target dev=> */
    bool ifnameManaged;            /* <target managed='no'> */
    char *model;
    char *script;
    char *downscript;
    char *backendTap, *backendVhost;
    char *driverName, *driverQueues, *driverTxmode, *driverIoeventfd, *driverEventIdx;
    char *driverRxQueueSize, *driverTxQueueSize;
    char *linkState;               /* up / down */
    unsigned int mtu;
    char *filterref;
    GPtrArray *filterParams;       /* "NAME=VALUE" */
    vrNetBandwidth bandwidth;
    vrNetVlan vlan;
    char *virtualportType;
    GPtrArray *virtualportParams;  /* "attr=value" pairs as written */
    char *guestDev, *guestActual;
    GPtrArray *ips;                /* "address/prefix" */
    char *coalesceRxFrames;
    char *trustGuestRxFilters;
    vrDomainDeviceInfo info;
} vrDomainNetDef;

/* ---- character devices -------------------------------------------- */

typedef enum {
    VR_DOMAIN_CHR_DEVICE_TYPE_PARALLEL = 0,
    VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL,
    VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE,
    VR_DOMAIN_CHR_DEVICE_TYPE_CHANNEL,
    VR_DOMAIN_CHR_DEVICE_TYPE_LAST
} vrDomainChrDeviceType;
VR_ENUM_DECL(vrDomainChrDevice);

typedef enum {
    VR_DOMAIN_CHR_TYPE_NULL = 0,
    VR_DOMAIN_CHR_TYPE_VC,
    VR_DOMAIN_CHR_TYPE_PTY,
    VR_DOMAIN_CHR_TYPE_DEV,
    VR_DOMAIN_CHR_TYPE_FILE,
    VR_DOMAIN_CHR_TYPE_PIPE,
    VR_DOMAIN_CHR_TYPE_STDIO,
    VR_DOMAIN_CHR_TYPE_UDP,
    VR_DOMAIN_CHR_TYPE_TCP,
    VR_DOMAIN_CHR_TYPE_UNIX,
    VR_DOMAIN_CHR_TYPE_SPICEVMC,
    VR_DOMAIN_CHR_TYPE_SPICEPORT,
    VR_DOMAIN_CHR_TYPE_NMDM,
    VR_DOMAIN_CHR_TYPE_QEMU_VDAGENT,
    VR_DOMAIN_CHR_TYPE_DBUS,
    VR_DOMAIN_CHR_TYPE_LAST
} vrDomainChrType;
VR_ENUM_DECL(vrDomainChr);

/* Where a character device's host side goes. */
typedef struct {
    int type;                      /* vrDomainChrType */
    char *path;                    /* pty/dev/file/pipe/unix path (pty: live) */
    char *append;                  /* file append=on|off */
    char *mode;                    /* unix/tcp: bind / connect */
    char *host, *service;          /* tcp connect/bind, udp connect */
    char *bindHost, *bindService;  /* udp bind */
    char *protocol;                /* tcp: raw / telnet / tls */
    char *channel;                 /* spiceport channel */
    char *logFile;
    char *logAppend;
    char *reconnectEnabled;
    unsigned int reconnectTimeout;
    char *master, *slave;          /* nmdm */
} vrDomainChrSource;

typedef struct {
    int deviceType;                /* vrDomainChrDeviceType */
    vrDomainChrSource source;
    char *targetType;              /* console: serial/virtio/...; channel: virtio/guestfwd/xen */
    int targetPort;                /* -1 unset */
    char *targetName;              /* channel name= */
    char *targetAddress;           /* guestfwd address= port= */
    char *targetAddressPort;
    char *targetModel;             /* serial <target><model name=> */
    char *targetState;             /* channel state= (live) */
    vrDomainDeviceInfo info;
} vrDomainChrDef;

/* ---- other devices ------------------------------------------------- */

typedef struct {
    char *type;                    /* mouse, tablet, keyboard, passthrough, evdev */
    char *bus;                     /* ps2, usb, virtio, xen */
    char *model;
    char *sourceEvdev;
    vrDomainDeviceInfo info;
} vrDomainInputDef;

typedef struct {
    char *type;                    /* address, network, socket, none */
    char *address;
    char *network;
    char *socket;
    bool fromConfig;               /* written by the user, not derived */
} vrDomainGraphicsListen;

typedef struct {
    char *type;                    /* vnc, spice, sdl, rdp, desktop, egl-headless */
    int port;                      /* 0 when not chosen yet */
    int tlsPort;
    bool autoport;
    int websocket;
    bool hasWebsocket;
    char *passwd;
    char *passwdValidTo;
    char *keymap;
    char *sharePolicy;
    char *display, *xauth, *fullscreen; /* sdl / desktop */
    char *multiUser, *replaceUser;      /* rdp */
    char *defaultMode;             /* spice */
    GPtrArray *children;           /* spice <channel>, <image> ... kept as XML */
    vrDomainGraphicsListen *listens;
    size_t nlistens;
} vrDomainGraphicsDef;

typedef struct {
    char *type;                    /* cirrus, vga, qxl, virtio, bochs, ramfb, none ... */
    unsigned int ram, vram, vram64, vgamem, heads;
    bool hasRam, hasVram, hasVram64, hasVgamem, hasHeads;
    bool primary;
    char *accel3d, *accel2d;
    char *driverName;
    vrDomainDeviceInfo info;
} vrDomainVideoDef;

typedef struct {
    char *model;
    GPtrArray *codecs;             /* codec type strings */
    vrDomainDeviceInfo info;
} vrDomainSoundDef;

typedef struct {
    char *model;
    char *action;
    vrDomainDeviceInfo info;
} vrDomainWatchdogDef;

typedef struct {
    char *model;                   /* virtio, virtio-transitional, xen, none */
    char *autodeflate;
    char *freePageReporting;
    int statsPeriod;
    bool hasStatsPeriod;
    vrDomainDeviceInfo info;
} vrDomainMemballoonDef;

typedef struct {
    char *model;                   /* virtio */
    char *backendModel;            /* random, egd, builtin */
    char *backendPath;             /* random: device */
    vrDomainChrSource *backendChr; /* egd */
    char *backendChrType;
    unsigned int rateBytes, ratePeriod;
    bool hasRate;
    vrDomainDeviceInfo info;
} vrDomainRNGDef;

/* Devices this model keeps as validated XML: hostdev, filesystem, redirdev,
 * smartcard, hub, panic, tpm, shmem, memory, iommu, vsock, lease,
 * redirfilter.  Each is re-emitted exactly as its canonical form. */
typedef struct {
    char *name;                    /* element name */
    char *xml;                     /* canonical XML of the element */
    vrDomainDeviceInfo info;
} vrDomainOtherDeviceDef;

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
    VR_DOMAIN_BOOT_FLOPPY = 0,
    VR_DOMAIN_BOOT_CDROM,
    VR_DOMAIN_BOOT_DISK,
    VR_DOMAIN_BOOT_NET,
    VR_DOMAIN_BOOT_LAST
} vrDomainBootDevice;
VR_ENUM_DECL(vrDomainBootDevice);

typedef struct {
    char *name;
    char *state;                   /* on / off */
    GPtrArray *attrs;              /* extra "attr='v'" text, for hyperv/kvm sub-elements */
    char *xml;                     /* full element when it has children */
} vrDomainFeature;

typedef struct {
    char *name;
    char *policy;
} vrDomainCPUFeature;

typedef struct {
    char *mode;                    /* custom, host-model, host-passthrough, maximum */
    char *match;
    char *check;
    char *migratable;
    char *model;
    char *modelFallback;
    char *modelVendorId;
    char *vendor;
    unsigned int sockets, dies, cores, threads;
    bool hasTopology;
    vrDomainCPUFeature *features;
    size_t nfeatures;
    char *cacheXML;
    char *numaXML;                 /* <numa> kept whole */
    bool present;
} vrDomainCPUDef;

typedef struct {
    char *name;
    char *present;
    char *tickpolicy;
    char *track;
    char *frequency;
    char *mode;
    char *catchupThreshold, *catchupSlew, *catchupLimit;
} vrDomainTimerDef;

typedef struct {
    char *offset;                  /* utc, localtime, timezone, variable, absolute */
    char *adjustment;
    char *basis;
    char *timezone;
    char *start;
    vrDomainTimerDef *timers;
    size_t ntimers;
} vrDomainClockDef;

typedef struct {
    char *type;                    /* hvm, xen, linux, exe */
    char *arch;
    char *machine;
    char *loader;
    char *loaderReadonly, *loaderType, *loaderSecure;
    char *nvram;
    char *nvramTemplate;
    char *firmware;
    char *kernel;
    char *initrd;
    char *cmdline;
    char *dtb;
    char *root;
    char *init;
    GPtrArray *initargs;
    int bootDevs[VR_DOMAIN_BOOT_LAST];
    size_t nBootDevs;
    char *bootmenuEnable;
    unsigned int bootmenuTimeout;
    bool hasBootmenuTimeout;
    char *smbiosMode;
    char *bios_useserial;
    int biosRebootTimeout;
    bool hasBiosRebootTimeout;
    char *acpiTableXML;
} vrDomainOSDef;

typedef struct {
    char *type;                    /* none, dac, selinux, apparmor */
    char *model;
    char *relabel;
    char *label;
    char *imagelabel;
    char *baselabel;
} vrDomainSeclabelDef;

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
    char *memoryBackingXML;
    unsigned long long hardLimit, softLimit, swapHardLimit, minGuarantee; /* KiB */
    bool hasHardLimit, hasSoftLimit, hasSwapHardLimit, hasMinGuarantee;
    char *blkiotuneXML;
    char *numatuneXML;
    char *cputuneXML;
    char *resourcePartition;
    char *iothreadsXML;
    unsigned int iothreads;

    unsigned int maxvcpus;         /* <vcpu>N</vcpu> */
    unsigned int vcpus;            /* current= */
    char *placement;
    char *cpuset;
    char *vcpusXML;                /* <vcpus> kept whole */

    char *sysinfoXML;
    vrDomainOSDef os;
    vrDomainFeature *features;
    size_t nfeatures;
    vrDomainCPUDef cpu;
    vrDomainClockDef clock;
    int onPoweroff, onReboot, onCrash;
    char *onLockfailure;
    char *pmSuspendToMem, *pmSuspendToDisk;
    char *perfXML;

    char *emulator;
    vrDomainDiskDef **disks;          size_t ndisks;
    vrDomainControllerDef **controllers; size_t ncontrollers;
    vrDomainOtherDeviceDef **leases;  size_t nleases;
    vrDomainOtherDeviceDef **filesystems; size_t nfilesystems;
    vrDomainNetDef **nets;            size_t nnets;
    vrDomainOtherDeviceDef **smartcards; size_t nsmartcards;
    vrDomainChrDef **serials;         size_t nserials;
    vrDomainChrDef **parallels;       size_t nparallels;
    vrDomainChrDef **consoles;        size_t nconsoles;
    vrDomainChrDef **channels;        size_t nchannels;
    vrDomainInputDef **inputs;        size_t ninputs;
    vrDomainOtherDeviceDef **tpms;    size_t ntpms;
    vrDomainGraphicsDef **graphics;   size_t ngraphics;
    vrDomainSoundDef **sounds;        size_t nsounds;
    vrDomainOtherDeviceDef **audios;  size_t naudios;
    vrDomainVideoDef **videos;        size_t nvideos;
    vrDomainOtherDeviceDef **hostdevs; size_t nhostdevs;
    vrDomainOtherDeviceDef **redirdevs; size_t nredirdevs;
    vrDomainOtherDeviceDef *redirfilter;
    vrDomainOtherDeviceDef **hubs;    size_t nhubs;
    vrDomainWatchdogDef *watchdog;
    vrDomainMemballoonDef *memballoon;
    vrDomainRNGDef **rngs;            size_t nrngs;
    vrDomainOtherDeviceDef *nvramDev;
    vrDomainOtherDeviceDef **panics;  size_t npanics;
    vrDomainOtherDeviceDef **shmems;  size_t nshmems;
    vrDomainOtherDeviceDef **memories; size_t nmemories;
    vrDomainOtherDeviceDef *iommu;
    vrDomainOtherDeviceDef *vsock;

    vrDomainSeclabelDef *seclabels;
    size_t nseclabels;

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
vrDomainDef *vrDomainDefCopy(const vrDomainDef *def, const vrDomainXMLOption *opt);

/* Post-parse: defaults, implied controllers, addresses, validation. */
int vrDomainDefPostParse(vrDomainDef *def, const vrDomainXMLOption *opt);

/* Devices parsed on their own (attach-device / detach-device). */
typedef enum {
    VR_DOMAIN_DEVICE_NONE = 0,
    VR_DOMAIN_DEVICE_DISK,
    VR_DOMAIN_DEVICE_CONTROLLER,
    VR_DOMAIN_DEVICE_NET,
    VR_DOMAIN_DEVICE_CHR,
    VR_DOMAIN_DEVICE_INPUT,
    VR_DOMAIN_DEVICE_GRAPHICS,
    VR_DOMAIN_DEVICE_VIDEO,
    VR_DOMAIN_DEVICE_SOUND,
    VR_DOMAIN_DEVICE_WATCHDOG,
    VR_DOMAIN_DEVICE_MEMBALLOON,
    VR_DOMAIN_DEVICE_RNG,
    VR_DOMAIN_DEVICE_OTHER,
    VR_DOMAIN_DEVICE_LAST
} vrDomainDeviceType;

typedef struct {
    int type;                      /* vrDomainDeviceType */
    union {
        vrDomainDiskDef *disk;
        vrDomainControllerDef *controller;
        vrDomainNetDef *net;
        vrDomainChrDef *chr;
        vrDomainInputDef *input;
        vrDomainGraphicsDef *graphics;
        vrDomainVideoDef *video;
        vrDomainSoundDef *sound;
        vrDomainWatchdogDef *watchdog;
        vrDomainMemballoonDef *memballoon;
        vrDomainRNGDef *rng;
        vrDomainOtherDeviceDef *other;
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

/* Free functions for each device kind. */
void vrDomainDiskDefFree(vrDomainDiskDef *def);
void vrDomainControllerDefFree(vrDomainControllerDef *def);
void vrDomainNetDefFree(vrDomainNetDef *def);
void vrDomainChrDefFree(vrDomainChrDef *def);
void vrDomainChrSourceClear(vrDomainChrSource *src);
void vrDomainInputDefFree(vrDomainInputDef *def);
void vrDomainGraphicsDefFree(vrDomainGraphicsDef *def);
void vrDomainVideoDefFree(vrDomainVideoDef *def);
void vrDomainSoundDefFree(vrDomainSoundDef *def);
void vrDomainWatchdogDefFree(vrDomainWatchdogDef *def);
void vrDomainMemballoonDefFree(vrDomainMemballoonDef *def);
void vrDomainRNGDefFree(vrDomainRNGDef *def);
void vrDomainOtherDeviceDefFree(vrDomainOtherDeviceDef *def);
void vrStorageSourceFree(vrStorageSource *src);
void vrDomainDeviceInfoClear(vrDomainDeviceInfo *info);

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
