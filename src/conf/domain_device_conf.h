/*
 * domain_device_conf.h: the devices of a domain definition (<devices>
 * children): addresses, disks, controllers, interfaces, character devices
 * and the rest.  Included by domain_conf.h.
 *
 * Every enumerated setting is kept as its enum value (0 meaning "not
 * given" wherever libvirt has a default), so that drivers read typed
 * fields and the formatter writes libvirt's canonical spelling back.
 */
#ifndef VR_DOMAIN_DEVICE_CONF_H
#define VR_DOMAIN_DEVICE_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrenum.h"

/* ---- shared small types -------------------------------------------- */

/* yes/no and on/off settings are kept as a vrTristate (domain_system_conf.h):
 * VR_TRISTATE_ABSENT when the attribute was not given, VR_TRISTATE_ON for
 * "yes"/"on", VR_TRISTATE_OFF for "no"/"off". */
VR_ENUM_DECL(vrTristateBool);      /* "default", "yes", "no" */
VR_ENUM_DECL(vrTristateSwitch);    /* "default", "on", "off" */

/* The <driver> attributes every virtio device accepts. */
typedef struct {
    int iommu;                     /* vrTristate (on/off) */
    int ats;
    int packed;
    int pagePerVq;
} vrDomainVirtioOptions;

/* A host PCI address (hostdev and NVMe sources, <address> without type). */
typedef struct {
    unsigned int domain, bus, slot, function;
} vrPCIAddress;

typedef struct {
    char *address;
    char *peer;
    unsigned int prefix;
    int family;                    /* 0 unknown, 4, 6 */
} vrNetDevIPAddr;

typedef struct {
    char *family;
    char *address;
    char *netmask;
    char *gateway;
    unsigned int prefix;
    bool hasPrefix;
    unsigned int metric;
    bool hasMetric;
} vrNetDevIPRoute;

/* The <ip> and <route> elements of an interface or a host network device. */
typedef struct {
    vrNetDevIPAddr *ips;
    size_t nips;
    vrNetDevIPRoute *routes;
    size_t nroutes;
} vrDomainNetIPInfo;

/* <seclabel> inside a source. */
typedef struct {
    char *model;
    char *label;
    bool relabel;                  /* relabel='yes' (the default) */
    bool labelskip;                /* live only */
} vrDomainSeclabelDev;

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
            int multifunction;     /* vrTristate: 1 on, 2 off */
            bool hasZpci;
            unsigned int zpciUid, zpciFid;
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
            char port[32];         /* "1.2.3", empty when not given */
        } usb;
        struct {
            unsigned long long reg;
            bool hasReg;
        } spaprvio;
        struct {
            unsigned int cssid, ssid, devno;
            bool assigned;
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
    char *loadparm;                /* <boot loadparm=> */
    char *romFile;                 /* <rom file=> */
    int romBar;                    /* vrTristate (on/off) */
    int romEnabled;                /* vrTristate (yes/no) */
    unsigned int acpiIndex;        /* <acpi index=> */
    bool hasMaster;                /* USB companion: <master startport=> */
    unsigned int masterStartport;
} vrDomainDeviceInfo;

/* ---- character device sources (serial, channel, rng, redirdev ...) -- */

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

typedef enum {
    VR_DOMAIN_CHR_TCP_PROTOCOL_RAW = 0,
    VR_DOMAIN_CHR_TCP_PROTOCOL_TELNET,
    VR_DOMAIN_CHR_TCP_PROTOCOL_TELNETS,
    VR_DOMAIN_CHR_TCP_PROTOCOL_TLS,
    VR_DOMAIN_CHR_TCP_PROTOCOL_LAST
} vrDomainChrTcpProtocol;
VR_ENUM_DECL(vrDomainChrTcpProtocol);

typedef enum {
    VR_DOMAIN_CHR_SPICEVMC_VDAGENT = 0,
    VR_DOMAIN_CHR_SPICEVMC_SMARTCARD,
    VR_DOMAIN_CHR_SPICEVMC_USBREDIR,
    VR_DOMAIN_CHR_SPICEVMC_LAST
} vrDomainChrSpicevmcName;
VR_ENUM_DECL(vrDomainChrSpicevmc);

typedef enum {
    VR_DOMAIN_MOUSE_MODE_DEFAULT = 0,
    VR_DOMAIN_MOUSE_MODE_SERVER,
    VR_DOMAIN_MOUSE_MODE_CLIENT,
    VR_DOMAIN_MOUSE_MODE_LAST
} vrDomainMouseMode;
VR_ENUM_DECL(vrDomainMouseMode);

/* Where a character device's host side goes. */
typedef struct {
    int type;                      /* vrDomainChrType */
    char *path;                    /* pty (live), dev, file, pipe, unix */
    int append;                    /* vrTristate (on/off), file */
    bool listen;                   /* tcp/unix mode='bind' */
    char *host, *service;          /* tcp, udp connect */
    char *bindHost, *bindService;  /* udp bind */
    int protocol;                  /* vrDomainChrTcpProtocol */
    int tls;                       /* vrTristate (yes/no), tcp */
    int spicevmcName;              /* channel name of a spicevmc source (unused in XML) */
    char *channel;                 /* spiceport */
    char *master, *slave;          /* nmdm */
    int clipboardCopypaste;        /* qemu-vdagent/dbus: vrTristate (yes/no) */
    int mouseMode;                 /* qemu-vdagent: vrDomainMouseMode */
    char *dbusName;                /* dbus channel */
    char *logFile;
    int logAppend;                 /* vrTristate (on/off) */
    int reconnectEnabled;          /* vrTristate (yes/no) */
    unsigned int reconnectTimeout;
    vrDomainSeclabelDev *seclabels;
    size_t nseclabels;
} vrDomainChrSource;

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
    VR_STORAGE_NET_PROTOCOL_NONE = 0,
    VR_STORAGE_NET_PROTOCOL_NBD,
    VR_STORAGE_NET_PROTOCOL_RBD,
    VR_STORAGE_NET_PROTOCOL_SHEEPDOG,
    VR_STORAGE_NET_PROTOCOL_GLUSTER,
    VR_STORAGE_NET_PROTOCOL_ISCSI,
    VR_STORAGE_NET_PROTOCOL_HTTP,
    VR_STORAGE_NET_PROTOCOL_HTTPS,
    VR_STORAGE_NET_PROTOCOL_FTP,
    VR_STORAGE_NET_PROTOCOL_FTPS,
    VR_STORAGE_NET_PROTOCOL_TFTP,
    VR_STORAGE_NET_PROTOCOL_SSH,
    VR_STORAGE_NET_PROTOCOL_VXHS,
    VR_STORAGE_NET_PROTOCOL_NFS,
    VR_STORAGE_NET_PROTOCOL_LAST
} vrStorageNetProtocol;
VR_ENUM_DECL(vrStorageNetProtocol);

typedef enum {
    VR_STORAGE_NET_HOST_TRANS_TCP = 0,
    VR_STORAGE_NET_HOST_TRANS_UNIX,
    VR_STORAGE_NET_HOST_TRANS_RDMA,
    VR_STORAGE_NET_HOST_TRANS_LAST
} vrStorageNetHostTransport;
VR_ENUM_DECL(vrStorageNetHostTransport);

/* Image formats of <driver type=> and <format type=>. */
typedef enum {
    VR_DISK_IMAGE_NONE = 0,
    VR_DISK_IMAGE_RAW,
    VR_DISK_IMAGE_DIR,
    VR_DISK_IMAGE_BOCHS,
    VR_DISK_IMAGE_CLOOP,
    VR_DISK_IMAGE_DMG,
    VR_DISK_IMAGE_ISO,
    VR_DISK_IMAGE_VPC,
    VR_DISK_IMAGE_VDI,
    VR_DISK_IMAGE_FAT,
    VR_DISK_IMAGE_VHD,
    VR_DISK_IMAGE_PLOOP,
    VR_DISK_IMAGE_COW,
    VR_DISK_IMAGE_QCOW,
    VR_DISK_IMAGE_QCOW2,
    VR_DISK_IMAGE_QED,
    VR_DISK_IMAGE_VMDK,
    VR_DISK_IMAGE_LAST
} vrDiskImageFormat;
VR_ENUM_DECL(vrDiskImageFormat);

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

typedef enum {
    VR_DOMAIN_DISK_CACHE_DEFAULT = 0,
    VR_DOMAIN_DISK_CACHE_NONE,
    VR_DOMAIN_DISK_CACHE_WRITETHRU,
    VR_DOMAIN_DISK_CACHE_WRITEBACK,
    VR_DOMAIN_DISK_CACHE_DIRECTSYNC,
    VR_DOMAIN_DISK_CACHE_UNSAFE,
    VR_DOMAIN_DISK_CACHE_LAST
} vrDomainDiskCache;
VR_ENUM_DECL(vrDomainDiskCache);

typedef enum {
    VR_DOMAIN_DISK_ERROR_POLICY_DEFAULT = 0,
    VR_DOMAIN_DISK_ERROR_POLICY_STOP,
    VR_DOMAIN_DISK_ERROR_POLICY_REPORT,
    VR_DOMAIN_DISK_ERROR_POLICY_IGNORE,
    VR_DOMAIN_DISK_ERROR_POLICY_ENOSPACE,
    VR_DOMAIN_DISK_ERROR_POLICY_LAST
} vrDomainDiskErrorPolicy;
VR_ENUM_DECL(vrDomainDiskErrorPolicy);

typedef enum {
    VR_DOMAIN_DISK_IO_DEFAULT = 0,
    VR_DOMAIN_DISK_IO_NATIVE,
    VR_DOMAIN_DISK_IO_THREADS,
    VR_DOMAIN_DISK_IO_URING,
    VR_DOMAIN_DISK_IO_LAST
} vrDomainDiskIo;
VR_ENUM_DECL(vrDomainDiskIo);

typedef enum {
    VR_DOMAIN_DISK_DISCARD_DEFAULT = 0,
    VR_DOMAIN_DISK_DISCARD_UNMAP,
    VR_DOMAIN_DISK_DISCARD_IGNORE,
    VR_DOMAIN_DISK_DISCARD_LAST
} vrDomainDiskDiscard;
VR_ENUM_DECL(vrDomainDiskDiscard);

typedef enum {
    VR_DOMAIN_DISK_DETECT_ZEROES_DEFAULT = 0,
    VR_DOMAIN_DISK_DETECT_ZEROES_OFF,
    VR_DOMAIN_DISK_DETECT_ZEROES_ON,
    VR_DOMAIN_DISK_DETECT_ZEROES_UNMAP,
    VR_DOMAIN_DISK_DETECT_ZEROES_LAST
} vrDomainDiskDetectZeroes;
VR_ENUM_DECL(vrDomainDiskDetectZeroes);

typedef enum {
    VR_DOMAIN_DISK_MODEL_DEFAULT = 0,
    VR_DOMAIN_DISK_MODEL_VIRTIO,
    VR_DOMAIN_DISK_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_DISK_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_DISK_MODEL_LAST
} vrDomainDiskModel;
VR_ENUM_DECL(vrDomainDiskModel);

typedef enum {
    VR_DOMAIN_DISK_SGIO_DEFAULT = 0,
    VR_DOMAIN_DISK_SGIO_FILTERED,
    VR_DOMAIN_DISK_SGIO_UNFILTERED,
    VR_DOMAIN_DISK_SGIO_LAST
} vrDomainDiskSgio;
VR_ENUM_DECL(vrDomainDiskSgio);

typedef enum {
    VR_DOMAIN_SNAPSHOT_LOCATION_DEFAULT = 0,
    VR_DOMAIN_SNAPSHOT_LOCATION_NO,
    VR_DOMAIN_SNAPSHOT_LOCATION_INTERNAL,
    VR_DOMAIN_SNAPSHOT_LOCATION_EXTERNAL,
    VR_DOMAIN_SNAPSHOT_LOCATION_MANUAL,
    VR_DOMAIN_SNAPSHOT_LOCATION_LAST
} vrDomainSnapshotLocation;
VR_ENUM_DECL(vrDomainSnapshotLocation);

typedef enum {
    VR_DOMAIN_STARTUP_POLICY_DEFAULT = 0,
    VR_DOMAIN_STARTUP_POLICY_MANDATORY,
    VR_DOMAIN_STARTUP_POLICY_REQUISITE,
    VR_DOMAIN_STARTUP_POLICY_OPTIONAL,
    VR_DOMAIN_STARTUP_POLICY_LAST
} vrDomainStartupPolicy;
VR_ENUM_DECL(vrDomainStartupPolicy);

typedef enum {
    VR_DOMAIN_DISK_GEOMETRY_TRANS_DEFAULT = 0,
    VR_DOMAIN_DISK_GEOMETRY_TRANS_NONE,
    VR_DOMAIN_DISK_GEOMETRY_TRANS_AUTO,
    VR_DOMAIN_DISK_GEOMETRY_TRANS_LBA,
    VR_DOMAIN_DISK_GEOMETRY_TRANS_LAST
} vrDomainDiskGeometryTrans;
VR_ENUM_DECL(vrDomainDiskGeometryTrans);

typedef enum {
    VR_DOMAIN_DISK_TRAY_CLOSED = 0,
    VR_DOMAIN_DISK_TRAY_OPEN,
    VR_DOMAIN_DISK_TRAY_LAST
} vrDomainDiskTray;
VR_ENUM_DECL(vrDomainDiskTray);

typedef enum {
    VR_DISK_ENCRYPTION_FORMAT_DEFAULT = 0,
    VR_DISK_ENCRYPTION_FORMAT_QCOW,
    VR_DISK_ENCRYPTION_FORMAT_LUKS,
    VR_DISK_ENCRYPTION_FORMAT_LUKS2,
    VR_DISK_ENCRYPTION_FORMAT_LUKS_ANY,
    VR_DISK_ENCRYPTION_FORMAT_LAST
} vrDiskEncryptionFormat;
VR_ENUM_DECL(vrDiskEncryptionFormat);

typedef struct {
    char *name;
    unsigned int port;             /* 0 when not given */
    int transport;                 /* vrStorageNetHostTransport */
    char *socket;
} vrStorageNetHost;

typedef struct {
    char *name;
    char *value;
} vrStorageNetCookie;

/* <auth> of a disk source (or of the disk, the legacy place). */
typedef struct {
    char *username;
    char *authType;                /* type='chap' (rare) */
    char *secretType;              /* iscsi, ceph, ... */
    char *secretUUID;
    char *secretUsage;
} vrDiskAuth;

typedef struct {
    char *type;                    /* passphrase */
    char *uuid;
    char *usage;
} vrDiskEncryptionSecret;

typedef struct {
    int format;                    /* vrDiskEncryptionFormat */
    char *engine;                  /* qemu, librbd */
    vrDiskEncryptionSecret *secrets;
    size_t nsecrets;
    char *cipherName, *cipherMode, *cipherHash;
    unsigned int cipherSize;
    bool hasCipher;
    char *ivgenName, *ivgenHash;
    bool hasIvgen;
} vrDiskEncryption;

/* The <source> (and recursively the <backingStore>) of a disk. */
typedef struct _vrStorageSource vrStorageSource;
struct _vrStorageSource {
    int type;                      /* vrStorageType */
    char *path;                    /* file / dev / dir; network name= */
    int format;                    /* vrDiskImageFormat (driver type=, format type=) */
    /* network */
    int protocol;                  /* vrStorageNetProtocol */
    char *query;
    vrStorageNetHost *hosts;
    size_t nhosts;
    int tls;                       /* vrTristate (yes/no) */
    char *tlsHostname;
    char *snapshot;                /* rbd <snapshot name=> */
    char *configFile;              /* rbd <config file=> */
    char *initiatorIqn;            /* iscsi <initiator><iqn name=> */
    int sslverify;                 /* vrTristate (yes/no) */
    vrStorageNetCookie *cookies;
    size_t ncookies;
    unsigned long long readahead, timeout;
    /* volume */
    char *pool;
    char *volume;
    int volMode;                   /* 0 unset, 1 host, 2 direct */
    /* nvme */
    int nvmeManaged;               /* vrTristate (yes/no) */
    unsigned long long nvmeNamespace;
    vrPCIAddress nvmeAddr;
    /* vhostuser: a unix socket */
    int reconnectEnabled;          /* vrTristate (yes/no) */
    unsigned int reconnectTimeout;
    /* common */
    vrDomainSeclabelDev *seclabels;
    size_t nseclabels;
    vrDiskAuth *auth;
    vrDiskEncryption *encryption;
    int reservationsManaged;       /* vrTristate (yes/no); 0 no <reservations> */
    vrDomainChrSource *reservationsSource;
    bool hasSlice;
    unsigned long long sliceOffset, sliceSize;
    /* backing chain */
    unsigned int index;            /* backingStore index= (live) */
    bool hasBackingStoreElement;   /* <backingStore/> present (even empty) */
    vrStorageSource *backing;
};

typedef struct {
    char *name;                    /* qemu */
    int cache;                     /* vrDomainDiskCache */
    int errorPolicy;               /* vrDomainDiskErrorPolicy */
    int rerrorPolicy;
    int io;                        /* vrDomainDiskIo */
    int ioeventfd;                 /* vrTristate (on/off) */
    int eventIdx;
    int copyOnRead;
    int discard;                   /* vrDomainDiskDiscard */
    unsigned int iothread;
    int detectZeroes;              /* vrDomainDiskDetectZeroes */
    unsigned int queues;
    unsigned int queueSize;
    vrDomainVirtioOptions virtio;
    unsigned long long metadataCacheMaxSize; /* bytes, 0 unset */
} vrDomainDiskDriver;

typedef struct {
    unsigned long long totalBytesSec, readBytesSec, writeBytesSec;
    unsigned long long totalIopsSec, readIopsSec, writeIopsSec;
    unsigned long long totalBytesSecMax, readBytesSecMax, writeBytesSecMax;
    unsigned long long totalIopsSecMax, readIopsSecMax, writeIopsSecMax;
    unsigned long long sizeIopsSec;
    char *groupName;
    unsigned long long totalBytesSecMaxLength, readBytesSecMaxLength, writeBytesSecMaxLength;
    unsigned long long totalIopsSecMaxLength, readIopsSecMaxLength, writeIopsSecMaxLength;
} vrDomainDiskIotune;

typedef struct {
    int device;                    /* vrDomainDiskDevice */
    vrStorageSource *src;
    vrDomainDiskDriver driver;
    int model;                     /* vrDomainDiskModel */
    char *dst;                     /* target dev */
    int bus;                       /* vrDomainDiskBus */
    int tray;                      /* vrDomainDiskTray */
    int removable;                 /* vrTristate (on/off) */
    unsigned int rotationRate;
    int startupPolicy;             /* vrDomainStartupPolicy */
    bool readonly;
    bool shareable;
    bool transient;
    int transientShareBacking;     /* vrTristate (yes/no) */
    char *serial;
    char *wwn;
    char *vendor;
    char *product;
    /* vrDomainSnapshotLocation as its canonical spelling (a static
     * string), NULL when not given; snapshot_conf.c reads it as text. */
    const char *snapshot;
    int sgio;                      /* vrDomainDiskSgio */
    int rawio;                     /* vrTristate (yes/no) */
    char *backendDomain;           /* <backenddomain name=> */
    unsigned int geometryCyls, geometryHeads, geometrySecs;
    int geometryTrans;             /* vrDomainDiskGeometryTrans */
    unsigned int blockioLogical;
    unsigned int blockioPhysical;
    vrDomainDiskIotune iotune;
    bool authAtDisk;               /* <auth> was a child of <disk> */
    bool encryptionAtDisk;         /* <encryption> was a child of <disk> */
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

typedef enum {
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_AUTO = 0,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_BUSLOGIC,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSILOGIC,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1068,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_VMPVSCSI,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_IBMVSCSI,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_SCSI,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_LSISAS1078,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_NCR53C90,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_AM53C974,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_DC390,
    VR_DOMAIN_CONTROLLER_MODEL_SCSI_LAST
} vrDomainControllerModelSCSI;
VR_ENUM_DECL(vrDomainControllerModelSCSI);

typedef enum {
    VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX3_UHCI = 0,
    VR_DOMAIN_CONTROLLER_MODEL_USB_PIIX4_UHCI,
    VR_DOMAIN_CONTROLLER_MODEL_USB_EHCI,
    VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_EHCI1,
    VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI1,
    VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI2,
    VR_DOMAIN_CONTROLLER_MODEL_USB_ICH9_UHCI3,
    VR_DOMAIN_CONTROLLER_MODEL_USB_VT82C686B_UHCI,
    VR_DOMAIN_CONTROLLER_MODEL_USB_PCI_OHCI,
    VR_DOMAIN_CONTROLLER_MODEL_USB_NEC_XHCI,
    VR_DOMAIN_CONTROLLER_MODEL_USB_QUSB1,
    VR_DOMAIN_CONTROLLER_MODEL_USB_QUSB2,
    VR_DOMAIN_CONTROLLER_MODEL_USB_QEMU_XHCI,
    VR_DOMAIN_CONTROLLER_MODEL_USB_NONE,
    VR_DOMAIN_CONTROLLER_MODEL_USB_LAST
} vrDomainControllerModelUSB;
VR_ENUM_DECL(vrDomainControllerModelUSB);

typedef enum {
    VR_DOMAIN_CONTROLLER_MODEL_PCI_ROOT = 0,
    VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT,
    VR_DOMAIN_CONTROLLER_MODEL_PCI_BRIDGE,
    VR_DOMAIN_CONTROLLER_MODEL_DMI_TO_PCI_BRIDGE,
    VR_DOMAIN_CONTROLLER_MODEL_PCIE_ROOT_PORT,
    VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_UPSTREAM_PORT,
    VR_DOMAIN_CONTROLLER_MODEL_PCIE_SWITCH_DOWNSTREAM_PORT,
    VR_DOMAIN_CONTROLLER_MODEL_PCI_EXPANDER_BUS,
    VR_DOMAIN_CONTROLLER_MODEL_PCIE_EXPANDER_BUS,
    VR_DOMAIN_CONTROLLER_MODEL_PCIE_TO_PCI_BRIDGE,
    VR_DOMAIN_CONTROLLER_MODEL_PCI_LAST
} vrDomainControllerModelPCI;
VR_ENUM_DECL(vrDomainControllerModelPCI);

typedef enum {
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_NONE = 0,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCI_BRIDGE,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_I82801B11_BRIDGE,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_IOH3420,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_X3130_UPSTREAM,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_XIO3130_DOWNSTREAM,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PXB_PCIE,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_ROOT_PORT,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_SPAPR_PCI_HOST_BRIDGE,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_PCIE_PCI_BRIDGE,
    VR_DOMAIN_CONTROLLER_PCI_MODEL_NAME_LAST
} vrDomainControllerPCIModelName;
VR_ENUM_DECL(vrDomainControllerPCIModelName);

typedef enum {
    VR_DOMAIN_CONTROLLER_MODEL_IDE_PIIX3 = 0,
    VR_DOMAIN_CONTROLLER_MODEL_IDE_PIIX4,
    VR_DOMAIN_CONTROLLER_MODEL_IDE_ICH6,
    VR_DOMAIN_CONTROLLER_MODEL_IDE_LAST
} vrDomainControllerModelIDE;
VR_ENUM_DECL(vrDomainControllerModelIDE);

typedef enum {
    VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO = 0,
    VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_CONTROLLER_MODEL_VIRTIO_SERIAL_LAST
} vrDomainControllerModelVirtioSerial;
VR_ENUM_DECL(vrDomainControllerModelVirtioSerial);

typedef enum {
    VR_DOMAIN_CONTROLLER_MODEL_ISA_DEFAULT = 0,
    VR_DOMAIN_CONTROLLER_MODEL_ISA_LAST
} vrDomainControllerModelISA;
VR_ENUM_DECL(vrDomainControllerModelISA);

typedef struct {
    int type;                      /* vrDomainControllerType */
    int idx;                       /* -1 until assigned */
    int model;                     /* per-type model enum, -1 when not given */
    int ports;                     /* virtio-serial, usb: -1 when not given */
    int vectors;                   /* virtio-serial: -1 when not given */
    int maxGrantFrames;            /* xenbus: -1 when not given */
    int maxEventChannels;
    /* pci */
    int modelName;                 /* vrDomainControllerPCIModelName */
    int chassisNr, chassis, port, busNr, targetIndex; /* -1 when not given */
    int hotplug;                   /* vrTristate (on/off) */
    int numaNode;                  /* -1 when not given */
    bool hasPcihole64;
    unsigned long long pcihole64;  /* KiB */
    /* driver */
    unsigned int queues, cmdPerLun, maxSectors, iothread;
    int ioeventfd;                 /* vrTristate (on/off) */
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainControllerDef;

/* ---- leases -------------------------------------------------------- */

typedef struct {
    char *lockspace;
    char *key;
    char *path;
    unsigned long long offset;
    bool hasOffset;
} vrDomainLeaseDef;

/* ---- host devices -------------------------------------------------- */

typedef enum {
    VR_DOMAIN_HOSTDEV_MODE_SUBSYS = 0,
    VR_DOMAIN_HOSTDEV_MODE_CAPABILITIES,
    VR_DOMAIN_HOSTDEV_MODE_LAST
} vrDomainHostdevMode;
VR_ENUM_DECL(vrDomainHostdevMode);

typedef enum {
    VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_USB = 0,
    VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_PCI,
    VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI,
    VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_SCSI_HOST,
    VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_MDEV,
    VR_DOMAIN_HOSTDEV_SUBSYS_TYPE_LAST
} vrDomainHostdevSubsysType;
VR_ENUM_DECL(vrDomainHostdevSubsys);

typedef enum {
    VR_DOMAIN_HOSTDEV_CAPS_TYPE_STORAGE = 0,
    VR_DOMAIN_HOSTDEV_CAPS_TYPE_MISC,
    VR_DOMAIN_HOSTDEV_CAPS_TYPE_NET,
    VR_DOMAIN_HOSTDEV_CAPS_TYPE_LAST
} vrDomainHostdevCapsType;
VR_ENUM_DECL(vrDomainHostdevCaps);

typedef enum {
    VR_DOMAIN_HOSTDEV_PCI_BACKEND_DEFAULT = 0,
    VR_DOMAIN_HOSTDEV_PCI_BACKEND_KVM,
    VR_DOMAIN_HOSTDEV_PCI_BACKEND_VFIO,
    VR_DOMAIN_HOSTDEV_PCI_BACKEND_XEN,
    VR_DOMAIN_HOSTDEV_PCI_BACKEND_LAST
} vrDomainHostdevPCIBackend;
VR_ENUM_DECL(vrDomainHostdevPCIBackend);

typedef enum {
    VR_DOMAIN_HOSTDEV_SCSI_PROTOCOL_NONE = 0,
    VR_DOMAIN_HOSTDEV_SCSI_PROTOCOL_ISCSI,
    VR_DOMAIN_HOSTDEV_SCSI_PROTOCOL_LAST
} vrDomainHostdevSCSIProtocol;
VR_ENUM_DECL(vrDomainHostdevSCSIProtocol);

typedef enum {
    VR_DOMAIN_MDEV_MODEL_VFIO_PCI = 0,
    VR_DOMAIN_MDEV_MODEL_VFIO_CCW,
    VR_DOMAIN_MDEV_MODEL_VFIO_AP,
    VR_DOMAIN_MDEV_MODEL_LAST
} vrDomainMdevModel;
VR_ENUM_DECL(vrDomainMdevModel);

typedef enum {
    VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_DEFAULT = 0,
    VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_VIRTIO,
    VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_HOSTDEV_SCSI_HOST_MODEL_LAST
} vrDomainHostdevSCSIHostModel;
VR_ENUM_DECL(vrDomainHostdevSCSIHostModel);

typedef struct {
    int mode;                      /* vrDomainHostdevMode */
    int type;                      /* subsys or caps type, per mode */
    bool managed;
    /* usb */
    int startupPolicy;             /* vrDomainStartupPolicy */
    int guestReset;                /* 0 unset, 1 off, 2 uninstall, 3 on */
    bool hasVendor, hasProduct;
    unsigned int vendor, product;
    bool hasUsbAddress;
    unsigned int usbBus, usbDevice;
    /* pci */
    int pciBackend;                /* vrDomainHostdevPCIBackend */
    vrPCIAddress pciAddr;
    int writeFiltering;            /* vrTristate (yes/no) */
    int display;                   /* vrTristate (on/off), pci and mdev */
    int ramfb;                     /* vrTristate (on/off), mdev */
    /* scsi */
    int scsiProtocol;              /* vrDomainHostdevSCSIProtocol */
    char *scsiAdapter;
    unsigned int scsiBus, scsiTarget;
    unsigned long long scsiUnit;
    vrStorageSource *iscsiSrc;     /* protocol='iscsi' */
    int sgio;                      /* vrDomainDiskSgio */
    int rawio;                     /* vrTristate (yes/no) */
    bool readonly, shareable;
    /* scsi_host */
    char *wwpn;
    int scsiHostModel;             /* vrDomainHostdevSCSIHostModel */
    /* mdev */
    char *mdevUUID;
    int mdevModel;                 /* vrDomainMdevModel */
    /* capabilities */
    char *capsBlock, *capsChar, *capsIfname;
    vrDomainNetIPInfo capsIPInfo;  /* net: addresses given to the device */
    vrDomainDeviceInfo info;
} vrDomainHostdevDef;

/* ---- filesystems --------------------------------------------------- */

typedef enum {
    VR_DOMAIN_FS_TYPE_MOUNT = 0,
    VR_DOMAIN_FS_TYPE_BLOCK,
    VR_DOMAIN_FS_TYPE_FILE,
    VR_DOMAIN_FS_TYPE_TEMPLATE,
    VR_DOMAIN_FS_TYPE_RAM,
    VR_DOMAIN_FS_TYPE_BIND,
    VR_DOMAIN_FS_TYPE_VOLUME,
    VR_DOMAIN_FS_TYPE_LAST
} vrDomainFSType;
VR_ENUM_DECL(vrDomainFS);

typedef enum {
    VR_DOMAIN_FS_DRIVER_DEFAULT = 0,
    VR_DOMAIN_FS_DRIVER_PATH,
    VR_DOMAIN_FS_DRIVER_HANDLE,
    VR_DOMAIN_FS_DRIVER_LOOP,
    VR_DOMAIN_FS_DRIVER_NBD,
    VR_DOMAIN_FS_DRIVER_PLOOP,
    VR_DOMAIN_FS_DRIVER_VIRTIOFS,
    VR_DOMAIN_FS_DRIVER_LAST
} vrDomainFSDriver;
VR_ENUM_DECL(vrDomainFSDriver);

typedef enum {
    VR_DOMAIN_FS_ACCESS_PASSTHROUGH = 0,
    VR_DOMAIN_FS_ACCESS_MAPPED,
    VR_DOMAIN_FS_ACCESS_SQUASH,
    VR_DOMAIN_FS_ACCESS_LAST
} vrDomainFSAccessMode;
VR_ENUM_DECL(vrDomainFSAccessMode);

typedef enum {
    VR_DOMAIN_FS_WRPOLICY_DEFAULT = 0,
    VR_DOMAIN_FS_WRPOLICY_IMMEDIATE,
    VR_DOMAIN_FS_WRPOLICY_LAST
} vrDomainFSWrpolicy;
VR_ENUM_DECL(vrDomainFSWrpolicy);

typedef enum {
    VR_DOMAIN_FS_MULTIDEVS_DEFAULT = 0,
    VR_DOMAIN_FS_MULTIDEVS_REMAP,
    VR_DOMAIN_FS_MULTIDEVS_FORBID,
    VR_DOMAIN_FS_MULTIDEVS_WARN,
    VR_DOMAIN_FS_MULTIDEVS_LAST
} vrDomainFSMultidevs;
VR_ENUM_DECL(vrDomainFSMultidevs);

typedef enum {
    VR_DOMAIN_FS_MODEL_DEFAULT = 0,
    VR_DOMAIN_FS_MODEL_VIRTIO,
    VR_DOMAIN_FS_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_FS_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_FS_MODEL_LAST
} vrDomainFSModel;
VR_ENUM_DECL(vrDomainFSModel);

typedef enum {
    VR_DOMAIN_FS_CACHE_MODE_DEFAULT = 0,
    VR_DOMAIN_FS_CACHE_MODE_NONE,
    VR_DOMAIN_FS_CACHE_MODE_ALWAYS,
    VR_DOMAIN_FS_CACHE_MODE_LAST
} vrDomainFSCacheMode;
VR_ENUM_DECL(vrDomainFSCacheMode);

typedef enum {
    VR_DOMAIN_FS_SANDBOX_MODE_DEFAULT = 0,
    VR_DOMAIN_FS_SANDBOX_MODE_NAMESPACE,
    VR_DOMAIN_FS_SANDBOX_MODE_CHROOT,
    VR_DOMAIN_FS_SANDBOX_MODE_LAST
} vrDomainFSSandboxMode;
VR_ENUM_DECL(vrDomainFSSandboxMode);

typedef struct {
    int type;                      /* vrDomainFSType */
    int accessmode;                /* vrDomainFSAccessMode */
    int model;                     /* vrDomainFSModel */
    int multidevs;                 /* vrDomainFSMultidevs */
    int fmode, dmode;              /* octal, -1 when not given */
    int driverType;                /* vrDomainFSDriver */
    int driverFormat;              /* vrDiskImageFormat */
    int wrpolicy;                  /* vrDomainFSWrpolicy */
    unsigned int queueSize;
    vrDomainVirtioOptions virtio;
    /* virtiofs <binary> */
    char *binaryPath;
    bool hasBinary;
    int xattr;                     /* vrTristate (on/off) */
    int cacheMode;                 /* vrDomainFSCacheMode */
    int sandboxMode;               /* vrDomainFSSandboxMode */
    int posixLock, flock;          /* vrTristate (on/off) */
    int threadPoolSize;            /* -1 when not given */
    /* source */
    char *src;                     /* dir, dev, file, name, pool */
    char *srcVolume;               /* volume type */
    char *socket;                  /* virtiofs socket= */
    unsigned long long usage;      /* ram, KiB */
    char *dst;
    bool readonly;
    unsigned long long spaceHardLimit, spaceSoftLimit; /* bytes */
    vrDomainDeviceInfo info;
} vrDomainFSDef;

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

typedef enum {
    VR_NETDEV_MACVLAN_MODE_VEPA = 0,
    VR_NETDEV_MACVLAN_MODE_PRIVATE,
    VR_NETDEV_MACVLAN_MODE_BRIDGE,
    VR_NETDEV_MACVLAN_MODE_PASSTHRU,
    VR_NETDEV_MACVLAN_MODE_LAST
} vrNetDevMacVLanMode;
VR_ENUM_DECL(vrNetDevMacVLanMode);

typedef enum {
    VR_DOMAIN_NET_DRIVER_DEFAULT = 0,
    VR_DOMAIN_NET_DRIVER_QEMU,
    VR_DOMAIN_NET_DRIVER_VHOST,
    VR_DOMAIN_NET_DRIVER_LAST
} vrDomainNetDriverName;
VR_ENUM_DECL(vrDomainNetDriverName);

typedef enum {
    VR_DOMAIN_NET_TXMODE_DEFAULT = 0,
    VR_DOMAIN_NET_TXMODE_IOTHREAD,
    VR_DOMAIN_NET_TXMODE_TIMER,
    VR_DOMAIN_NET_TXMODE_LAST
} vrDomainNetTxmode;
VR_ENUM_DECL(vrDomainNetTxmode);

typedef enum {
    VR_DOMAIN_NET_LINK_DEFAULT = 0,
    VR_DOMAIN_NET_LINK_UP,
    VR_DOMAIN_NET_LINK_DOWN,
    VR_DOMAIN_NET_LINK_LAST
} vrDomainNetLinkState;
VR_ENUM_DECL(vrDomainNetLinkState);

typedef enum {
    VR_DOMAIN_NET_TEAMING_NONE = 0,
    VR_DOMAIN_NET_TEAMING_PERSISTENT,
    VR_DOMAIN_NET_TEAMING_TRANSIENT,
    VR_DOMAIN_NET_TEAMING_LAST
} vrDomainNetTeaming;
VR_ENUM_DECL(vrDomainNetTeaming);

typedef enum {
    VR_DOMAIN_NET_MAC_TYPE_DEFAULT = 0,
    VR_DOMAIN_NET_MAC_TYPE_GENERATED,
    VR_DOMAIN_NET_MAC_TYPE_STATIC,
    VR_DOMAIN_NET_MAC_TYPE_LAST
} vrDomainNetMacType;
VR_ENUM_DECL(vrDomainNetMacType);

typedef enum {
    VR_NETDEV_VPORT_PROFILE_NONE = 0,
    VR_NETDEV_VPORT_PROFILE_8021QBG,
    VR_NETDEV_VPORT_PROFILE_8021QBH,
    VR_NETDEV_VPORT_PROFILE_OPENVSWITCH,
    VR_NETDEV_VPORT_PROFILE_MIDONET,
    VR_NETDEV_VPORT_PROFILE_LAST
} vrNetDevVPortProfileType;
VR_ENUM_DECL(vrNetDevVPortProfile);

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
    int type;                      /* vrNetDevVPortProfileType */
    bool hasManagerID, hasTypeID, hasTypeIDVersion;
    unsigned int managerID, typeID, typeIDVersion;
    char *instanceID;
    char *interfaceID;
    char *profileID;
} vrNetDevVPortProfile;


typedef struct {
    char *name;
    char *value;
} vrDomainNetFilterParam;

typedef struct {
    int type;                      /* vrDomainNetType */
    unsigned char mac[6];
    bool macGenerated;
    int macType;                   /* vrDomainNetMacType */
    int macCheck;                  /* vrTristate (yes/no) */
    char *sourceNetwork;           /* network; internal name= */
    char *sourcePortgroup;
    char *portid;
    char *sourceBridge;            /* bridge */
    char *sourceDev;               /* direct, vdpa */
    int sourceMode;                /* direct: vrNetDevMacVLanMode */
    char *sourceAddress;           /* mcast/udp/server/client */
    unsigned int sourcePort;
    char *localAddress;            /* udp <local> */
    unsigned int localPort;
    vrDomainChrSource *vhostuser;  /* vhostuser: unix socket */
    vrDomainHostdevDef hostdev;    /* hostdev: the PCI device */
    int hostdevManaged;            /* vrTristate (yes/no) */
    vrDomainNetIPInfo ipInfo;
    char *ifname;                  /* <target dev=> */
    int managedTap;                /* vrTristate (yes/no) */
    bool ifnameManaged;            /* <target managed='no'> */
    char *ifnameGuest, *ifnameGuestActual;
    char *model;
    char *script;
    char *downscript;
    char *backendDomain;
    char *backendTap, *backendVhost;
    int driverName;                /* vrDomainNetDriverName */
    int txmode;                    /* vrDomainNetTxmode */
    int ioeventfd, eventIdx;       /* vrTristate (on/off) */
    unsigned int queues, rxQueueSize, txQueueSize;
    int rss, rssHashReport;        /* vrTristate (on/off) */
    vrDomainVirtioOptions virtio;
    int hostCsum, hostGso, hostTso4, hostTso6, hostEcn, hostUfo, hostMrgRxbuf;
    int guestCsum, guestTso4, guestTso6, guestEcn, guestUfo;
    int linkState;                 /* vrDomainNetLinkState */
    unsigned int mtu;
    char *filterref;
    vrDomainNetFilterParam *filterParams;
    size_t nfilterParams;
    bool hasSndbuf;
    unsigned long long sndbuf;
    int teaming;                   /* vrDomainNetTeaming */
    char *teamingPersistent;
    bool hasCoalesceRxFrames;
    unsigned long long coalesceRxFrames;
    vrNetBandwidth bandwidth;
    vrNetVlan vlan;
    vrNetDevVPortProfile *virtualport;
    int isolatedPort;              /* vrTristate (yes/no) */
    int trustGuestRxFilters;       /* vrTristate (yes/no) */
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
    VR_DOMAIN_CHR_SERIAL_TARGET_NONE = 0,
    VR_DOMAIN_CHR_SERIAL_TARGET_ISA,
    VR_DOMAIN_CHR_SERIAL_TARGET_USB,
    VR_DOMAIN_CHR_SERIAL_TARGET_PCI,
    VR_DOMAIN_CHR_SERIAL_TARGET_SPAPR_VIO,
    VR_DOMAIN_CHR_SERIAL_TARGET_SYSTEM,
    VR_DOMAIN_CHR_SERIAL_TARGET_SCLP,
    VR_DOMAIN_CHR_SERIAL_TARGET_ISA_DEBUG,
    VR_DOMAIN_CHR_SERIAL_TARGET_LAST
} vrDomainChrSerialTarget;
VR_ENUM_DECL(vrDomainChrSerialTarget);

typedef enum {
    VR_DOMAIN_CHR_SERIAL_MODEL_NONE = 0,
    VR_DOMAIN_CHR_SERIAL_MODEL_ISA_SERIAL,
    VR_DOMAIN_CHR_SERIAL_MODEL_USB_SERIAL,
    VR_DOMAIN_CHR_SERIAL_MODEL_PCI_SERIAL,
    VR_DOMAIN_CHR_SERIAL_MODEL_SPAPR_VTY,
    VR_DOMAIN_CHR_SERIAL_MODEL_PL011,
    VR_DOMAIN_CHR_SERIAL_MODEL_SCLPCONSOLE,
    VR_DOMAIN_CHR_SERIAL_MODEL_SCLPLMCONSOLE,
    VR_DOMAIN_CHR_SERIAL_MODEL_16550A,
    VR_DOMAIN_CHR_SERIAL_MODEL_ISA_DEBUGCON,
    VR_DOMAIN_CHR_SERIAL_MODEL_LAST
} vrDomainChrSerialModel;
VR_ENUM_DECL(vrDomainChrSerialModel);

typedef enum {
    VR_DOMAIN_CHR_CONSOLE_TARGET_NONE = 0,
    VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL,
    VR_DOMAIN_CHR_CONSOLE_TARGET_XEN,
    VR_DOMAIN_CHR_CONSOLE_TARGET_UML,
    VR_DOMAIN_CHR_CONSOLE_TARGET_VIRTIO,
    VR_DOMAIN_CHR_CONSOLE_TARGET_LXC,
    VR_DOMAIN_CHR_CONSOLE_TARGET_OPENVZ,
    VR_DOMAIN_CHR_CONSOLE_TARGET_SCLP,
    VR_DOMAIN_CHR_CONSOLE_TARGET_SCLPLM,
    VR_DOMAIN_CHR_CONSOLE_TARGET_LAST
} vrDomainChrConsoleTarget;
VR_ENUM_DECL(vrDomainChrConsoleTarget);

typedef enum {
    VR_DOMAIN_CHR_CHANNEL_TARGET_NONE = 0,
    VR_DOMAIN_CHR_CHANNEL_TARGET_GUESTFWD,
    VR_DOMAIN_CHR_CHANNEL_TARGET_VIRTIO,
    VR_DOMAIN_CHR_CHANNEL_TARGET_XEN,
    VR_DOMAIN_CHR_CHANNEL_TARGET_LAST
} vrDomainChrChannelTarget;
VR_ENUM_DECL(vrDomainChrChannelTarget);

typedef struct {
    int deviceType;                /* vrDomainChrDeviceType */
    vrDomainChrSource source;
    int targetType;                /* serial/console/channel target enum */
    int targetPort;                /* -1 unset (serial, parallel, console) */
    int targetModel;               /* vrDomainChrSerialModel */
    char *targetName;              /* channel name= (virtio, xen) */
    char *targetAddress;           /* guestfwd address= */
    unsigned int targetAddressPort;/* guestfwd port= */
    char *targetState;             /* virtio channel state= (live) */
    vrDomainDeviceInfo info;
} vrDomainChrDef;

/* ---- smartcards, USB redirection ----------------------------------- */

typedef enum {
    VR_DOMAIN_SMARTCARD_TYPE_HOST = 0,
    VR_DOMAIN_SMARTCARD_TYPE_HOST_CERTIFICATES,
    VR_DOMAIN_SMARTCARD_TYPE_PASSTHROUGH,
    VR_DOMAIN_SMARTCARD_TYPE_LAST
} vrDomainSmartcardType;
VR_ENUM_DECL(vrDomainSmartcard);

typedef struct {
    int type;                      /* vrDomainSmartcardType */
    char *certificates[3];
    char *database;
    vrDomainChrSource *passthru;   /* passthrough */
    vrDomainDeviceInfo info;
} vrDomainSmartcardDef;

typedef struct {
    int bus;                       /* only usb */
    vrDomainChrSource source;      /* spicevmc or tcp */
    vrDomainDeviceInfo info;
} vrDomainRedirdevDef;

typedef struct {
    int usbClass;                  /* -1 any */
    int vendor;
    int product;
    int version;                   /* BCD major.minor, -1 any */
    bool allow;
} vrDomainRedirFilterUSBDev;

typedef struct {
    vrDomainRedirFilterUSBDev *usbdevs;
    size_t nusbdevs;
} vrDomainRedirFilterDef;

typedef struct {
    vrDomainDeviceInfo info;       /* type='usb' is the only kind */
} vrDomainHubDef;

/* ---- input --------------------------------------------------------- */

typedef enum {
    VR_DOMAIN_INPUT_TYPE_MOUSE = 0,
    VR_DOMAIN_INPUT_TYPE_TABLET,
    VR_DOMAIN_INPUT_TYPE_KBD,
    VR_DOMAIN_INPUT_TYPE_PASSTHROUGH,
    VR_DOMAIN_INPUT_TYPE_EVDEV,
    VR_DOMAIN_INPUT_TYPE_LAST
} vrDomainInputType;
VR_ENUM_DECL(vrDomainInput);

typedef enum {
    VR_DOMAIN_INPUT_BUS_DEFAULT = 0,
    VR_DOMAIN_INPUT_BUS_PS2,
    VR_DOMAIN_INPUT_BUS_USB,
    VR_DOMAIN_INPUT_BUS_XEN,
    VR_DOMAIN_INPUT_BUS_PARALLELS,
    VR_DOMAIN_INPUT_BUS_VIRTIO,
    VR_DOMAIN_INPUT_BUS_NONE,
    VR_DOMAIN_INPUT_BUS_LAST
} vrDomainInputBus;
VR_ENUM_DECL(vrDomainInputBus);

typedef enum {
    VR_DOMAIN_INPUT_MODEL_DEFAULT = 0,
    VR_DOMAIN_INPUT_MODEL_VIRTIO,
    VR_DOMAIN_INPUT_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_INPUT_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_INPUT_MODEL_LAST
} vrDomainInputModel;
VR_ENUM_DECL(vrDomainInputModel);

typedef enum {
    VR_DOMAIN_INPUT_GRAB_DEFAULT = 0,
    VR_DOMAIN_INPUT_GRAB_ALL,
    VR_DOMAIN_INPUT_GRAB_LAST
} vrDomainInputGrab;
VR_ENUM_DECL(vrDomainInputGrab);

typedef enum {
    VR_DOMAIN_INPUT_GRAB_TOGGLE_DEFAULT = 0,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_CTRL_CTRL,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_ALT_ALT,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_SHIFT_SHIFT,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_META_META,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_SCROLLLOCK,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_CTRL_SCROLLLOCK,
    VR_DOMAIN_INPUT_GRAB_TOGGLE_LAST
} vrDomainInputGrabToggle;
VR_ENUM_DECL(vrDomainInputGrabToggle);

typedef struct {
    int type;                      /* vrDomainInputType */
    int bus;                       /* vrDomainInputBus */
    int model;                     /* vrDomainInputModel */
    char *evdev;                   /* passthrough: <source evdev=>; evdev: dev= */
    int grab;                      /* vrDomainInputGrab */
    int grabToggle;                /* vrDomainInputGrabToggle */
    int repeat;                    /* vrTristate (on/off) */
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainInputDef;

/* ---- graphics ------------------------------------------------------ */

typedef enum {
    VR_DOMAIN_GRAPHICS_TYPE_SDL = 0,
    VR_DOMAIN_GRAPHICS_TYPE_VNC,
    VR_DOMAIN_GRAPHICS_TYPE_RDP,
    VR_DOMAIN_GRAPHICS_TYPE_DESKTOP,
    VR_DOMAIN_GRAPHICS_TYPE_SPICE,
    VR_DOMAIN_GRAPHICS_TYPE_EGL_HEADLESS,
    VR_DOMAIN_GRAPHICS_TYPE_DBUS,
    VR_DOMAIN_GRAPHICS_TYPE_LAST
} vrDomainGraphicsType;
VR_ENUM_DECL(vrDomainGraphics);

typedef enum {
    VR_DOMAIN_GRAPHICS_LISTEN_NONE = 0,    /* type='none' */
    VR_DOMAIN_GRAPHICS_LISTEN_ADDRESS,
    VR_DOMAIN_GRAPHICS_LISTEN_NETWORK,
    VR_DOMAIN_GRAPHICS_LISTEN_SOCKET,
    VR_DOMAIN_GRAPHICS_LISTEN_LAST
} vrDomainGraphicsListenType;
VR_ENUM_DECL(vrDomainGraphicsListen);

typedef enum {
    VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_DEFAULT = 0,
    VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_FAIL,
    VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_DISCONNECT,
    VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_KEEP,
    VR_DOMAIN_GRAPHICS_AUTH_CONNECTED_LAST
} vrDomainGraphicsAuthConnected;
VR_ENUM_DECL(vrDomainGraphicsAuthConnected);

typedef enum {
    VR_DOMAIN_GRAPHICS_VNC_SHARE_DEFAULT = 0,
    VR_DOMAIN_GRAPHICS_VNC_SHARE_ALLOW_EXCLUSIVE,
    VR_DOMAIN_GRAPHICS_VNC_SHARE_FORCE_SHARED,
    VR_DOMAIN_GRAPHICS_VNC_SHARE_IGNORE,
    VR_DOMAIN_GRAPHICS_VNC_SHARE_LAST
} vrDomainGraphicsVNCSharePolicy;
VR_ENUM_DECL(vrDomainGraphicsVNCSharePolicy);

typedef enum {
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MAIN = 0,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_DISPLAY,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_INPUTS,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_CURSOR,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_PLAYBACK,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_RECORD,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_SMARTCARD,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_USBREDIR,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_LAST
} vrDomainGraphicsSpiceChannelName;
VR_ENUM_DECL(vrDomainGraphicsSpiceChannelName);

typedef enum {
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_ANY = 0,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_SECURE,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_INSECURE,
    VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_MODE_LAST
} vrDomainGraphicsSpiceChannelMode;
VR_ENUM_DECL(vrDomainGraphicsSpiceChannelMode);

typedef enum {
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_DEFAULT = 0,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_AUTO_GLZ,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_AUTO_LZ,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_QUIC,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_GLZ,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_LZ,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_OFF,
    VR_DOMAIN_GRAPHICS_SPICE_IMAGE_COMPRESSION_LAST
} vrDomainGraphicsSpiceImageCompression;
VR_ENUM_DECL(vrDomainGraphicsSpiceImageCompression);

typedef enum {
    VR_DOMAIN_GRAPHICS_SPICE_JPEG_COMPRESSION_DEFAULT = 0,
    VR_DOMAIN_GRAPHICS_SPICE_JPEG_COMPRESSION_AUTO,
    VR_DOMAIN_GRAPHICS_SPICE_JPEG_COMPRESSION_NEVER,
    VR_DOMAIN_GRAPHICS_SPICE_JPEG_COMPRESSION_ALWAYS,
    VR_DOMAIN_GRAPHICS_SPICE_JPEG_COMPRESSION_LAST
} vrDomainGraphicsSpiceJpegCompression;
VR_ENUM_DECL(vrDomainGraphicsSpiceJpegCompression);

typedef enum {
    VR_DOMAIN_GRAPHICS_SPICE_ZLIB_COMPRESSION_DEFAULT = 0,
    VR_DOMAIN_GRAPHICS_SPICE_ZLIB_COMPRESSION_AUTO,
    VR_DOMAIN_GRAPHICS_SPICE_ZLIB_COMPRESSION_NEVER,
    VR_DOMAIN_GRAPHICS_SPICE_ZLIB_COMPRESSION_ALWAYS,
    VR_DOMAIN_GRAPHICS_SPICE_ZLIB_COMPRESSION_LAST
} vrDomainGraphicsSpiceZlibCompression;
VR_ENUM_DECL(vrDomainGraphicsSpiceZlibCompression);

typedef enum {
    VR_DOMAIN_GRAPHICS_SPICE_STREAMING_MODE_DEFAULT = 0,
    VR_DOMAIN_GRAPHICS_SPICE_STREAMING_MODE_FILTER,
    VR_DOMAIN_GRAPHICS_SPICE_STREAMING_MODE_ALL,
    VR_DOMAIN_GRAPHICS_SPICE_STREAMING_MODE_OFF,
    VR_DOMAIN_GRAPHICS_SPICE_STREAMING_MODE_LAST
} vrDomainGraphicsSpiceStreamingMode;
VR_ENUM_DECL(vrDomainGraphicsSpiceStreamingMode);

typedef struct {
    int type;                      /* vrDomainGraphicsListenType */
    char *address;
    char *network;
    char *socket;
    bool fromConfig;               /* written by the user, not derived */
} vrDomainGraphicsListenDef;

typedef struct {
    int type;                      /* vrDomainGraphicsType */
    /* vnc, spice, rdp */
    int port;                      /* -1 when autoport, 0 not chosen */
    bool hasPort;
    int tlsPort;
    bool hasTLSPort;
    bool autoport;
    int websocket;
    bool hasWebsocket;
    char *keymap;
    char *passwd;
    char *passwdValidTo;           /* as written, validated */
    int connected;                 /* vrDomainGraphicsAuthConnected */
    int sharePolicy;               /* vnc: vrDomainGraphicsVNCSharePolicy */
    int powerControl;              /* vnc: vrTristate (yes/no) */
    int audioId;                   /* vnc <audio id=>, 0 none */
    /* sdl, desktop */
    char *display;
    char *xauth;
    bool fullscreen;
    /* rdp */
    bool multiUser;
    bool replaceUser;
    /* spice */
    int defaultMode;               /* vrDomainGraphicsSpiceChannelMode */
    int channels[VR_DOMAIN_GRAPHICS_SPICE_CHANNEL_LAST]; /* mode, 0 (any) unset */
    int image, jpeg, zlib;         /* compression enums */
    int playback;                  /* vrTristate (on/off) */
    int streaming;                 /* vrDomainGraphicsSpiceStreamingMode */
    int copypaste;                 /* vrTristate (yes/no) */
    int mousemode;                 /* vrDomainMouseMode */
    int filetransfer;              /* vrTristate (yes/no) */
    /* spice, sdl, egl-headless, dbus */
    int gl;                        /* vrTristate (yes/no) */
    char *rendernode;
    bool hasGL;
    /* dbus */
    char *dbusAddress;
    bool dbusP2P;
    vrDomainGraphicsListenDef *listens;
    size_t nlistens;
} vrDomainGraphicsDef;

/* ---- video --------------------------------------------------------- */

typedef enum {
    VR_DOMAIN_VIDEO_TYPE_DEFAULT = 0,
    VR_DOMAIN_VIDEO_TYPE_VGA,
    VR_DOMAIN_VIDEO_TYPE_CIRRUS,
    VR_DOMAIN_VIDEO_TYPE_VMVGA,
    VR_DOMAIN_VIDEO_TYPE_XEN,
    VR_DOMAIN_VIDEO_TYPE_VBOX,
    VR_DOMAIN_VIDEO_TYPE_QXL,
    VR_DOMAIN_VIDEO_TYPE_PARALLELS,
    VR_DOMAIN_VIDEO_TYPE_VIRTIO,
    VR_DOMAIN_VIDEO_TYPE_GOP,
    VR_DOMAIN_VIDEO_TYPE_NONE,
    VR_DOMAIN_VIDEO_TYPE_BOCHS,
    VR_DOMAIN_VIDEO_TYPE_RAMFB,
    VR_DOMAIN_VIDEO_TYPE_LAST
} vrDomainVideoType;
VR_ENUM_DECL(vrDomainVideo);

typedef enum {
    VR_DOMAIN_VIDEO_BACKEND_DEFAULT = 0,
    VR_DOMAIN_VIDEO_BACKEND_QEMU,
    VR_DOMAIN_VIDEO_BACKEND_VHOSTUSER,
    VR_DOMAIN_VIDEO_BACKEND_LAST
} vrDomainVideoBackend;
VR_ENUM_DECL(vrDomainVideoBackend);

typedef enum {
    VR_DOMAIN_VIDEO_VGACONF_IO = 0,
    VR_DOMAIN_VIDEO_VGACONF_ON,
    VR_DOMAIN_VIDEO_VGACONF_OFF,
    VR_DOMAIN_VIDEO_VGACONF_LAST
} vrDomainVideoVGAConf;
VR_ENUM_DECL(vrDomainVideoVGAConf);

typedef struct {
    int type;                      /* vrDomainVideoType */
    unsigned int ram, vram, vram64, vgamem, heads;
    bool primary;
    int accel3d, accel2d;          /* vrTristate (yes/no) */
    char *rendernode;
    bool hasAccel;
    unsigned int resolutionX, resolutionY;
    int backend;                   /* vrDomainVideoBackend */
    int vgaconf;                   /* vrDomainVideoVGAConf + 1, 0 unset */
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainVideoDef;

/* ---- sound and audio ----------------------------------------------- */

typedef enum {
    VR_DOMAIN_SOUND_MODEL_SB16 = 0,
    VR_DOMAIN_SOUND_MODEL_ES1370,
    VR_DOMAIN_SOUND_MODEL_PCSPK,
    VR_DOMAIN_SOUND_MODEL_AC97,
    VR_DOMAIN_SOUND_MODEL_ICH6,
    VR_DOMAIN_SOUND_MODEL_ICH9,
    VR_DOMAIN_SOUND_MODEL_USB,
    VR_DOMAIN_SOUND_MODEL_ICH7,
    VR_DOMAIN_SOUND_MODEL_LAST
} vrDomainSoundModel;
VR_ENUM_DECL(vrDomainSoundModel);

typedef enum {
    VR_DOMAIN_SOUND_CODEC_DUPLEX = 0,
    VR_DOMAIN_SOUND_CODEC_MICRO,
    VR_DOMAIN_SOUND_CODEC_OUTPUT,
    VR_DOMAIN_SOUND_CODEC_LAST
} vrDomainSoundCodecType;
VR_ENUM_DECL(vrDomainSoundCodec);

typedef struct {
    int model;                     /* vrDomainSoundModel */
    int *codecs;                   /* vrDomainSoundCodecType */
    size_t ncodecs;
    int multichannel;              /* usb: vrTristate (yes/no) */
    unsigned int audioId;          /* <audio id=>, 0 none */
    vrDomainDeviceInfo info;
} vrDomainSoundDef;

typedef enum {
    VR_DOMAIN_AUDIO_TYPE_NONE = 0,
    VR_DOMAIN_AUDIO_TYPE_ALSA,
    VR_DOMAIN_AUDIO_TYPE_COREAUDIO,
    VR_DOMAIN_AUDIO_TYPE_JACK,
    VR_DOMAIN_AUDIO_TYPE_OSS,
    VR_DOMAIN_AUDIO_TYPE_PULSEAUDIO,
    VR_DOMAIN_AUDIO_TYPE_SDL,
    VR_DOMAIN_AUDIO_TYPE_SPICE,
    VR_DOMAIN_AUDIO_TYPE_FILE,
    VR_DOMAIN_AUDIO_TYPE_DBUS,
    VR_DOMAIN_AUDIO_TYPE_LAST
} vrDomainAudioType;
VR_ENUM_DECL(vrDomainAudio);

typedef enum {
    VR_DOMAIN_AUDIO_FORMAT_DEFAULT = 0,
    VR_DOMAIN_AUDIO_FORMAT_U8,
    VR_DOMAIN_AUDIO_FORMAT_S8,
    VR_DOMAIN_AUDIO_FORMAT_U16,
    VR_DOMAIN_AUDIO_FORMAT_S16,
    VR_DOMAIN_AUDIO_FORMAT_U32,
    VR_DOMAIN_AUDIO_FORMAT_S32,
    VR_DOMAIN_AUDIO_FORMAT_F32,
    VR_DOMAIN_AUDIO_FORMAT_LAST
} vrDomainAudioFormat;
VR_ENUM_DECL(vrDomainAudioFormat);

/* One direction (<input> or <output>) of an audio backend. */
typedef struct {
    int mixingEngine;              /* vrTristate (yes/no) */
    int fixedSettings;             /* vrTristate (yes/no) */
    unsigned int frequency, channels;
    int format;                    /* vrDomainAudioFormat */
    unsigned int voices, bufferLength;
    /* backend specific */
    char *dev;                     /* alsa, oss */
    unsigned int bufferCount;      /* coreaudio, oss */
    char *serverName, *clientName, *connectPorts; /* jack */
    int exactName;                 /* jack: vrTristate (yes/no) */
    int tryPoll;                   /* oss: vrTristate (yes/no) */
    char *name, *streamName;       /* pulseaudio */
    unsigned int latency;          /* pulseaudio */
} vrDomainAudioIOCommon;

typedef struct {
    int type;                      /* vrDomainAudioType */
    unsigned int id;
    unsigned int timerPeriod;
    char *serverName;              /* jack/pulseaudio server; alsa, oss none */
    /* oss */
    int tryMMap, exclusive, dspPolicySet;
    int dspPolicy;
    /* sdl */
    char *sdlDriver;
    /* file */
    char *path;
    vrDomainAudioIOCommon input, output;
    bool hasInput, hasOutput;
} vrDomainAudioDef;

/* ---- tpm ----------------------------------------------------------- */

typedef enum {
    VR_DOMAIN_TPM_MODEL_DEFAULT = 0,
    VR_DOMAIN_TPM_MODEL_TIS,
    VR_DOMAIN_TPM_MODEL_CRB,
    VR_DOMAIN_TPM_MODEL_SPAPR,
    VR_DOMAIN_TPM_MODEL_SPAPR_PROXY,
    VR_DOMAIN_TPM_MODEL_LAST
} vrDomainTPMModel;
VR_ENUM_DECL(vrDomainTPMModel);

typedef enum {
    VR_DOMAIN_TPM_TYPE_PASSTHROUGH = 0,
    VR_DOMAIN_TPM_TYPE_EMULATOR,
    VR_DOMAIN_TPM_TYPE_EXTERNAL,
    VR_DOMAIN_TPM_TYPE_LAST
} vrDomainTPMBackendType;
VR_ENUM_DECL(vrDomainTPMBackend);

typedef enum {
    VR_DOMAIN_TPM_VERSION_DEFAULT = 0,
    VR_DOMAIN_TPM_VERSION_1_2,
    VR_DOMAIN_TPM_VERSION_2_0,
    VR_DOMAIN_TPM_VERSION_LAST
} vrDomainTPMVersion;
VR_ENUM_DECL(vrDomainTPMVersion);

typedef enum {
    VR_DOMAIN_TPM_PCR_BANK_SHA1 = 0,
    VR_DOMAIN_TPM_PCR_BANK_SHA256,
    VR_DOMAIN_TPM_PCR_BANK_SHA384,
    VR_DOMAIN_TPM_PCR_BANK_SHA512,
    VR_DOMAIN_TPM_PCR_BANK_LAST
} vrDomainTPMPcrBank;
VR_ENUM_DECL(vrDomainTPMPcrBank);

typedef struct {
    int model;                     /* vrDomainTPMModel */
    int type;                      /* vrDomainTPMBackendType */
    char *devicePath;              /* passthrough */
    char *socketPath;              /* external: <source type='unix' path=> */
    int version;                   /* vrDomainTPMVersion */
    char *secretUUID;              /* emulator <encryption secret=> */
    bool persistentState;
    unsigned int activePcrBanks;   /* bit per vrDomainTPMPcrBank */
    bool hasActivePcrBanks;
    vrDomainDeviceInfo info;
} vrDomainTPMDef;

/* ---- watchdog, balloon, rng, panic, nvram ---------------------------- */

typedef enum {
    VR_DOMAIN_WATCHDOG_MODEL_I6300ESB = 0,
    VR_DOMAIN_WATCHDOG_MODEL_IB700,
    VR_DOMAIN_WATCHDOG_MODEL_DIAG288,
    VR_DOMAIN_WATCHDOG_MODEL_ITCO,
    VR_DOMAIN_WATCHDOG_MODEL_LAST
} vrDomainWatchdogModel;
VR_ENUM_DECL(vrDomainWatchdogModel);

typedef enum {
    VR_DOMAIN_WATCHDOG_ACTION_RESET = 0,
    VR_DOMAIN_WATCHDOG_ACTION_SHUTDOWN,
    VR_DOMAIN_WATCHDOG_ACTION_POWEROFF,
    VR_DOMAIN_WATCHDOG_ACTION_PAUSE,
    VR_DOMAIN_WATCHDOG_ACTION_DUMP,
    VR_DOMAIN_WATCHDOG_ACTION_NONE,
    VR_DOMAIN_WATCHDOG_ACTION_INJECTNMI,
    VR_DOMAIN_WATCHDOG_ACTION_LAST
} vrDomainWatchdogAction;
VR_ENUM_DECL(vrDomainWatchdogAction);

typedef struct {
    int model;                     /* vrDomainWatchdogModel */
    int action;                    /* vrDomainWatchdogAction */
    vrDomainDeviceInfo info;
} vrDomainWatchdogDef;

typedef enum {
    VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO = 0,
    VR_DOMAIN_MEMBALLOON_MODEL_XEN,
    VR_DOMAIN_MEMBALLOON_MODEL_NONE,
    VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_MEMBALLOON_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_MEMBALLOON_MODEL_LAST
} vrDomainMemballoonModel;
VR_ENUM_DECL(vrDomainMemballoonModel);

typedef struct {
    int model;                     /* vrDomainMemballoonModel */
    int autodeflate;               /* vrTristate (on/off) */
    int freePageReporting;         /* vrTristate (on/off) */
    int statsPeriod;
    bool hasStatsPeriod;
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainMemballoonDef;

typedef enum {
    VR_DOMAIN_RNG_MODEL_VIRTIO = 0,
    VR_DOMAIN_RNG_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_RNG_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_RNG_MODEL_LAST
} vrDomainRNGModel;
VR_ENUM_DECL(vrDomainRNGModel);

typedef enum {
    VR_DOMAIN_RNG_BACKEND_RANDOM = 0,
    VR_DOMAIN_RNG_BACKEND_EGD,
    VR_DOMAIN_RNG_BACKEND_BUILTIN,
    VR_DOMAIN_RNG_BACKEND_LAST
} vrDomainRNGBackend;
VR_ENUM_DECL(vrDomainRNGBackend);

typedef struct {
    int model;                     /* vrDomainRNGModel */
    int backend;                   /* vrDomainRNGBackend */
    char *backendPath;             /* random: device */
    vrDomainChrSource *backendChr; /* egd */
    unsigned int rateBytes, ratePeriod;
    bool hasRate;
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainRNGDef;

typedef enum {
    VR_DOMAIN_PANIC_MODEL_DEFAULT = 0,
    VR_DOMAIN_PANIC_MODEL_ISA,
    VR_DOMAIN_PANIC_MODEL_PSERIES,
    VR_DOMAIN_PANIC_MODEL_HYPERV,
    VR_DOMAIN_PANIC_MODEL_S390,
    VR_DOMAIN_PANIC_MODEL_LAST
} vrDomainPanicModel;
VR_ENUM_DECL(vrDomainPanicModel);

typedef struct {
    int model;                     /* vrDomainPanicModel */
    vrDomainDeviceInfo info;
} vrDomainPanicDef;

typedef struct {
    vrDomainDeviceInfo info;       /* a spapr-vio address */
} vrDomainNVRAMDef;

/* ---- shared memory, memory modules --------------------------------- */

typedef enum {
    VR_DOMAIN_SHMEM_MODEL_IVSHMEM = 0,
    VR_DOMAIN_SHMEM_MODEL_IVSHMEM_PLAIN,
    VR_DOMAIN_SHMEM_MODEL_IVSHMEM_DOORBELL,
    VR_DOMAIN_SHMEM_MODEL_LAST
} vrDomainShmemModel;
VR_ENUM_DECL(vrDomainShmemModel);

typedef enum {
    VR_DOMAIN_SHMEM_ROLE_DEFAULT = 0,
    VR_DOMAIN_SHMEM_ROLE_MASTER,
    VR_DOMAIN_SHMEM_ROLE_PEER,
    VR_DOMAIN_SHMEM_ROLE_LAST
} vrDomainShmemRole;
VR_ENUM_DECL(vrDomainShmemRole);

typedef struct {
    char *name;
    int model;                     /* vrDomainShmemModel */
    int role;                      /* vrDomainShmemRole */
    unsigned long long size;       /* bytes, 0 unset */
    bool hasServer;
    char *serverPath;
    bool hasMsi;
    unsigned int msiVectors;
    int msiIoeventfd;              /* vrTristate (on/off) */
    vrDomainDeviceInfo info;
} vrDomainShmemDef;

typedef enum {
    VR_DOMAIN_MEMORY_MODEL_NONE = 0,
    VR_DOMAIN_MEMORY_MODEL_DIMM,
    VR_DOMAIN_MEMORY_MODEL_NVDIMM,
    VR_DOMAIN_MEMORY_MODEL_VIRTIO_PMEM,
    VR_DOMAIN_MEMORY_MODEL_VIRTIO_MEM,
    VR_DOMAIN_MEMORY_MODEL_SGX_EPC,
    VR_DOMAIN_MEMORY_MODEL_LAST
} vrDomainMemoryModel;
VR_ENUM_DECL(vrDomainMemoryModel);

typedef enum {
    VR_DOMAIN_MEMORY_ACCESS_DEFAULT = 0,
    VR_DOMAIN_MEMORY_ACCESS_SHARED,
    VR_DOMAIN_MEMORY_ACCESS_PRIVATE,
    VR_DOMAIN_MEMORY_ACCESS_LAST
} vrDomainMemoryAccess;
VR_ENUM_DECL(vrDomainMemoryAccess);

typedef struct {
    int model;                     /* vrDomainMemoryModel */
    int access;                    /* vrDomainMemoryAccess */
    int discard;                   /* vrTristate (yes/no) */
    /* source */
    char *nodemask;                /* as a canonical range list */
    unsigned long long pagesize;   /* KiB */
    char *path;
    unsigned long long alignsize;  /* KiB */
    bool pmem;
    bool hasSource;
    /* target */
    unsigned long long size;       /* KiB */
    int node;                      /* -1 when not given */
    unsigned long long labelsize;  /* KiB */
    bool readonly;
    unsigned long long blocksize;  /* KiB */
    unsigned long long requestedsize;
    unsigned long long currentsize;/* live */
    char *uuid;
    vrDomainDeviceInfo info;
} vrDomainMemoryDef;

/* ---- iommu, vsock, crypto ------------------------------------------ */

typedef enum {
    VR_DOMAIN_IOMMU_MODEL_INTEL = 0,
    VR_DOMAIN_IOMMU_MODEL_SMMUV3,
    VR_DOMAIN_IOMMU_MODEL_VIRTIO,
    VR_DOMAIN_IOMMU_MODEL_LAST
} vrDomainIOMMUModel;
VR_ENUM_DECL(vrDomainIOMMUModel);

typedef struct {
    int model;                     /* vrDomainIOMMUModel */
    int intremap, cachingMode, eim, iotlb;  /* vrTristate (on/off) */
    unsigned int awBits;
    vrDomainDeviceInfo info;
} vrDomainIOMMUDef;

typedef enum {
    VR_DOMAIN_VSOCK_MODEL_DEFAULT = 0,
    VR_DOMAIN_VSOCK_MODEL_VIRTIO,
    VR_DOMAIN_VSOCK_MODEL_VIRTIO_TRANSITIONAL,
    VR_DOMAIN_VSOCK_MODEL_VIRTIO_NON_TRANSITIONAL,
    VR_DOMAIN_VSOCK_MODEL_LAST
} vrDomainVsockModel;
VR_ENUM_DECL(vrDomainVsockModel);

typedef struct {
    int model;                     /* vrDomainVsockModel */
    int autoCid;                   /* vrTristate (yes/no) */
    unsigned int guestCid;
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainVsockDef;

typedef enum {
    VR_DOMAIN_CRYPTO_MODEL_VIRTIO = 0,
    VR_DOMAIN_CRYPTO_MODEL_LAST
} vrDomainCryptoModel;
VR_ENUM_DECL(vrDomainCryptoModel);

typedef enum {
    VR_DOMAIN_CRYPTO_TYPE_QEMU = 0,
    VR_DOMAIN_CRYPTO_TYPE_LAST
} vrDomainCryptoType;
VR_ENUM_DECL(vrDomainCryptoType);

typedef enum {
    VR_DOMAIN_CRYPTO_BACKEND_BUILTIN = 0,
    VR_DOMAIN_CRYPTO_BACKEND_LKCF,
    VR_DOMAIN_CRYPTO_BACKEND_LAST
} vrDomainCryptoBackend;
VR_ENUM_DECL(vrDomainCryptoBackend);

typedef struct {
    int model;                     /* vrDomainCryptoModel */
    int type;                      /* vrDomainCryptoType */
    int backend;                   /* vrDomainCryptoBackend */
    unsigned int queues;
    vrDomainVirtioOptions virtio;
    vrDomainDeviceInfo info;
} vrDomainCryptoDef;

/* ---- lifetime ------------------------------------------------------ */

void vrDomainDeviceInfoClear(vrDomainDeviceInfo *info);
void vrDomainChrSourceClear(vrDomainChrSource *src);
void vrStorageSourceFree(vrStorageSource *src);
void vrDiskAuthFree(vrDiskAuth *auth);
void vrDiskEncryptionFree(vrDiskEncryption *enc);
/* A controller of @type with every optional number unset (-1). */
vrDomainControllerDef *vrDomainControllerDefNew(int type);

void vrDomainDiskDefFree(vrDomainDiskDef *def);
void vrDomainControllerDefFree(vrDomainControllerDef *def);
void vrDomainLeaseDefFree(vrDomainLeaseDef *def);
void vrDomainHostdevDefFree(vrDomainHostdevDef *def);
void vrDomainFSDefFree(vrDomainFSDef *def);
void vrDomainNetDefFree(vrDomainNetDef *def);
void vrDomainChrDefFree(vrDomainChrDef *def);
void vrDomainSmartcardDefFree(vrDomainSmartcardDef *def);
void vrDomainRedirdevDefFree(vrDomainRedirdevDef *def);
void vrDomainRedirFilterDefFree(vrDomainRedirFilterDef *def);
void vrDomainHubDefFree(vrDomainHubDef *def);
void vrDomainInputDefFree(vrDomainInputDef *def);
void vrDomainGraphicsDefFree(vrDomainGraphicsDef *def);
void vrDomainVideoDefFree(vrDomainVideoDef *def);
void vrDomainSoundDefFree(vrDomainSoundDef *def);
void vrDomainAudioDefFree(vrDomainAudioDef *def);
void vrDomainTPMDefFree(vrDomainTPMDef *def);
void vrDomainWatchdogDefFree(vrDomainWatchdogDef *def);
void vrDomainMemballoonDefFree(vrDomainMemballoonDef *def);
void vrDomainRNGDefFree(vrDomainRNGDef *def);
void vrDomainPanicDefFree(vrDomainPanicDef *def);
void vrDomainNVRAMDefFree(vrDomainNVRAMDef *def);
void vrDomainShmemDefFree(vrDomainShmemDef *def);
void vrDomainMemoryDefFree(vrDomainMemoryDef *def);
void vrDomainIOMMUDefFree(vrDomainIOMMUDef *def);
void vrDomainVsockDefFree(vrDomainVsockDef *def);
void vrDomainCryptoDefFree(vrDomainCryptoDef *def);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageSource, vrStorageSourceFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDiskAuth, vrDiskAuthFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDiskEncryption, vrDiskEncryptionFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainDiskDef, vrDomainDiskDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainControllerDef, vrDomainControllerDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainLeaseDef, vrDomainLeaseDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainHostdevDef, vrDomainHostdevDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainFSDef, vrDomainFSDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainNetDef, vrDomainNetDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainChrDef, vrDomainChrDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainSmartcardDef, vrDomainSmartcardDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainRedirdevDef, vrDomainRedirdevDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainRedirFilterDef, vrDomainRedirFilterDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainHubDef, vrDomainHubDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainInputDef, vrDomainInputDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainGraphicsDef, vrDomainGraphicsDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainVideoDef, vrDomainVideoDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainSoundDef, vrDomainSoundDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainAudioDef, vrDomainAudioDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainTPMDef, vrDomainTPMDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainWatchdogDef, vrDomainWatchdogDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainMemballoonDef, vrDomainMemballoonDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainRNGDef, vrDomainRNGDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainPanicDef, vrDomainPanicDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainNVRAMDef, vrDomainNVRAMDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainShmemDef, vrDomainShmemDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainMemoryDef, vrDomainMemoryDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainIOMMUDef, vrDomainIOMMUDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainVsockDef, vrDomainVsockDefFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainCryptoDef, vrDomainCryptoDefFree)

#endif
