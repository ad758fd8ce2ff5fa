/*
 * node_device_conf.h: host device descriptions (<device>) as the node
 * device driver reports them and nodedev-create/define accept them.
 */
#ifndef VR_NODE_DEVICE_CONF_H
#define VR_NODE_DEVICE_CONF_H

#include <stdbool.h>
#include <glib.h>

#include "vireo/vireo.h"
#include "util/vrenum.h"

/* Capability types, in libvirt's numbering (messages print the number). */
typedef enum {
    VR_NODE_DEV_CAP_SYSTEM = 0,
    VR_NODE_DEV_CAP_PCI_DEV,
    VR_NODE_DEV_CAP_USB_DEV,
    VR_NODE_DEV_CAP_USB_INTERFACE,
    VR_NODE_DEV_CAP_NET,
    VR_NODE_DEV_CAP_SCSI_HOST,
    VR_NODE_DEV_CAP_SCSI_TARGET,
    VR_NODE_DEV_CAP_SCSI,
    VR_NODE_DEV_CAP_STORAGE,
    VR_NODE_DEV_CAP_FC_HOST,
    VR_NODE_DEV_CAP_VPORTS,
    VR_NODE_DEV_CAP_SCSI_GENERIC,
    VR_NODE_DEV_CAP_DRM,
    VR_NODE_DEV_CAP_MDEV_TYPES,
    VR_NODE_DEV_CAP_MDEV,
    VR_NODE_DEV_CAP_CCW_DEV,
    VR_NODE_DEV_CAP_CSS_DEV,
    VR_NODE_DEV_CAP_VDPA,
    VR_NODE_DEV_CAP_AP_CARD,
    VR_NODE_DEV_CAP_AP_QUEUE,
    VR_NODE_DEV_CAP_AP_MATRIX,
    VR_NODE_DEV_CAP_VPD,
    VR_NODE_DEV_CAP_LAST
} vrNodeDevCapType;
VR_ENUM_DECL(vrNodeDevCap);

typedef enum {
    VR_NODE_DEV_DRM_PRIMARY = 0,
    VR_NODE_DEV_DRM_CONTROL,
    VR_NODE_DEV_DRM_RENDER,
    VR_NODE_DEV_DRM_LAST
} vrNodeDevDRMType;
VR_ENUM_DECL(vrNodeDevDRM);

/* Offload features of network devices, in libvirt's order. */
typedef enum {
    VR_NODE_DEV_NET_RX = 0,
    VR_NODE_DEV_NET_TX,
    VR_NODE_DEV_NET_SG,
    VR_NODE_DEV_NET_TSO,
    VR_NODE_DEV_NET_GSO,
    VR_NODE_DEV_NET_GRO,
    VR_NODE_DEV_NET_LRO,
    VR_NODE_DEV_NET_RXVLAN,
    VR_NODE_DEV_NET_TXVLAN,
    VR_NODE_DEV_NET_NTUPLE,
    VR_NODE_DEV_NET_RXHASH,
    VR_NODE_DEV_NET_RDMA,
    VR_NODE_DEV_NET_TXUDPTNL,
    VR_NODE_DEV_NET_SWITCHDEV,
    VR_NODE_DEV_NET_LAST
} vrNodeDevNetFeature;
VR_ENUM_DECL(vrNodeDevNetFeature);

/* Link states; 0 means no state was given. */
typedef enum {
    VR_NODE_DEV_LINK_NONE = 0,
    VR_NODE_DEV_LINK_UNKNOWN,
    VR_NODE_DEV_LINK_NOTPRESENT,
    VR_NODE_DEV_LINK_DOWN,
    VR_NODE_DEV_LINK_LOWERLAYERDOWN,
    VR_NODE_DEV_LINK_TESTING,
    VR_NODE_DEV_LINK_DORMANT,
    VR_NODE_DEV_LINK_UP,
    VR_NODE_DEV_LINK_LAST
} vrNodeDevLinkState;
VR_ENUM_DECL(vrNodeDevLinkState);

typedef struct {
    unsigned int domain, bus, slot, function;
} vrNodeDevPCIAddress;

typedef struct {
    char *id;
    char *name;
    char *deviceAPI;
    unsigned int availableInstances;
} vrNodeDevMdevType;

typedef struct {
    char index;                  /* '0'-'9', 'A'-'Z' */
    char *value;
} vrNodeDevVPDField;

typedef struct {
    char *name;
    bool hasReadOnly;
    char *changeLevel, *manufactureId, *partNumber, *serialNumber;
    vrNodeDevVPDField *roVendor;
    size_t nroVendor;
    bool hasReadWrite;
    char *assetTag;
    vrNodeDevVPDField *rwVendor;
    size_t nrwVendor;
    vrNodeDevVPDField *rwSystem;
    size_t nrwSystem;
} vrNodeDevVPD;

typedef struct {
    bool present;
    int port;                    /* -1: not given */
    char *speed;                 /* "2.5", "5", "8" ... or NULL */
    unsigned int width;
} vrNodeDevPCIeLink;

typedef enum {
    VR_NODE_DEV_PCI_BRIDGE_NONE = 0,
    VR_NODE_DEV_PCI_BRIDGE_PCI,
    VR_NODE_DEV_PCI_BRIDGE_CARDBUS,
} vrNodeDevPCIBridge;

typedef struct {
    bool hasClass;
    unsigned int klass;
    unsigned int domain, bus, slot, function;
    unsigned int product, vendor;
    char *productName, *vendorName;
    bool hasPhysFunction;
    vrNodeDevPCIAddress physFunction;
    bool hasVirtFunctions;
    unsigned int maxVirtFunctions;
    vrNodeDevPCIAddress *virtFunctions;
    size_t nvirtFunctions;
    int bridge;                  /* vrNodeDevPCIBridge */
    vrNodeDevMdevType *mdevTypes;
    size_t nmdevTypes;
    vrNodeDevVPD *vpd;
    bool hasIOMMUGroup;
    unsigned int iommuGroup;
    vrNodeDevPCIAddress *iommuAddrs;
    size_t niommuAddrs;
    int numaNode;                /* -1: none */
    bool hasPCIExpress;
    vrNodeDevPCIeLink linkCap, linkSta;
} vrNodeDevCapPCI;

typedef struct {
    char *product;
    char *hwVendor, *hwVersion, *hwSerial;
    unsigned char hwUUID[VR_UUID_BUFLEN];
    char *fwVendor, *fwVersion, *fwReleaseDate;
} vrNodeDevCapSystem;

typedef struct {
    unsigned int bus, device;
    unsigned int product, vendor;
    char *productName, *vendorName;
} vrNodeDevCapUSBDev;

typedef struct {
    unsigned int number, klass, subclass, protocol;
    char *description;
} vrNodeDevCapUSBIf;

typedef struct {
    char *ifname;
    char *address;
    unsigned int speed;          /* Mbit/s, 0: unknown */
    int state;                   /* vrNodeDevLinkState */
    unsigned int features;       /* bit per vrNodeDevNetFeature */
    int subtype;                 /* 0, 80203 or 80211 */
} vrNodeDevCapNet;

typedef struct {
    bool hasHost;
    unsigned int host;
    int uniqueId;                /* -1: none */
    bool hasFCHost;
    char *wwnn, *wwpn, *fabricWWN;
    bool hasVports;
    unsigned int maxVports, vports;
} vrNodeDevCapSCSIHost;

typedef struct {
    char *name;
    bool hasRport;
    char *rport, *wwpn;
} vrNodeDevCapSCSITarget;

typedef struct {
    unsigned int host, bus, target, lun;
    char *type;
} vrNodeDevCapSCSI;

typedef struct {
    char *block, *bus, *driveType, *model, *vendor, *serial;
    unsigned long long size;
    bool removable;
    bool mediaAvailable;
    unsigned long long mediaSize;
    char *mediaLabel;
    unsigned long long logicalBlockSize, numBlocks;  /* 0: not printed */
    bool hotpluggable;
} vrNodeDevCapStorage;

typedef struct {
    char *name;
    char *value;
} vrNodeDevMdevAttr;

typedef struct {
    char *type;
    bool hasUUID;
    unsigned char uuid[VR_UUID_BUFLEN];
    unsigned int iommuGroup;
    vrNodeDevMdevAttr *attrs;
    size_t nattrs;
    char *parentAddr;
} vrNodeDevCapMdev;

typedef struct {
    unsigned int cssid, ssid, devno;
    bool hasChannel;
    unsigned int chCssid, chSsid, chDevno;
    vrNodeDevMdevType *mdevTypes;
    size_t nmdevTypes;
} vrNodeDevCapCCW;

typedef struct {
    unsigned int adapter;
    unsigned int domain;
} vrNodeDevCapAP;

typedef struct {
    int type;                    /* vrNodeDevCapType */
    union {
        vrNodeDevCapSystem system;
        vrNodeDevCapPCI pci;
        vrNodeDevCapUSBDev usbDev;
        vrNodeDevCapUSBIf usbIf;
        vrNodeDevCapNet net;
        vrNodeDevCapSCSIHost scsiHost;
        vrNodeDevCapSCSITarget scsiTarget;
        vrNodeDevCapSCSI scsi;
        vrNodeDevCapStorage storage;
        char *path;              /* scsi_generic char, vdpa chardev */
        int drm;                 /* vrNodeDevDRMType */
        vrNodeDevCapMdev mdev;
        vrNodeDevCapCCW ccw;     /* ccw and css */
        vrNodeDevCapAP ap;       /* ap_card, ap_queue */
        struct {
            vrNodeDevMdevType *types;
            size_t ntypes;
        } apMatrix;
    } u;
} vrNodeDevCapDef;

typedef struct {
    char *name;
    char *sysfsPath;
    char *devnode;
    GPtrArray *devlinks;
    char *parent;
    char *parentWWNN, *parentWWPN, *parentFabricWWN;  /* input only */
    char *driver;
    vrNodeDevCapDef *caps;
    size_t ncaps;
} vrNodeDeviceDef;

typedef enum {
    /* nodedev-create input: a vHBA need not say which SCSI host it is */
    VR_NODE_DEVICE_PARSE_CREATE = 1 << 0,
} vrNodeDeviceParseFlags;

vrNodeDeviceDef *vrNodeDeviceDefParseString(const char *xml);
vrNodeDeviceDef *vrNodeDeviceDefParseStringFlags(const char *xml, unsigned int flags);
char *vrNodeDeviceDefFormat(const vrNodeDeviceDef *def);
vrNodeDeviceDef *vrNodeDeviceDefCopy(const vrNodeDeviceDef *def);
void vrNodeDeviceDefFree(vrNodeDeviceDef *def);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNodeDeviceDef, vrNodeDeviceDefFree)

/* The first capability of @type, or NULL. */
const vrNodeDevCapDef *vrNodeDeviceDefFindCap(const vrNodeDeviceDef *def, int type);

#endif
