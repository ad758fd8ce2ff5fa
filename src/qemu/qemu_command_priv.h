/*
 * qemu_command_priv.h: what the qemu_command_*.c files share while one
 * command line is being built.
 *
 * Arguments are added in order to a vrQemuCommandLine.  -device,
 * -blockdev, -netdev, -object and -audiodev take JSON (no escaping
 * problems, QEMU checks types); the options that only take key=value
 * lists (-machine, -cpu, -chardev, -vnc, ...) are assembled with commas in
 * values doubled, as QEMU's option parser wants.
 */
#ifndef VR_QEMU_COMMAND_PRIV_H
#define VR_QEMU_COMMAND_PRIV_H

#include <json-c/json.h>

#include "qemu_command.h"

typedef struct {
    const vrQemuCommandParams *p;
    const vrDomainDef *def;
    vrQemuCommandLine *cl;
    bool q35;
    bool i440fx;
    bool kvm;                  /* accel=kvm */
    char *domainDir;
    char *channelDir;
    char *version;             /* "7.2", for messages */
    unsigned int nodeIndex;    /* block node names */
    GHashTable *aliases;       /* info -> alias computed for a device without one */
    GString *machineExtra;     /* ",pflash0=..." and the like, for -machine */
    int audioId;               /* the audiodev devices use, 0: none */
    GHashTable *throttleGroups; /* names of throttle-group objects made */
} vrQemuBuild;

/* ---- arguments ----------------------------------------------------- */

void vrQemuBuildArg(vrQemuBuild *b, const char *arg);
void vrQemuBuildArgPair(vrQemuBuild *b, const char *opt, const char *value);
void vrQemuBuildArgFormat(vrQemuBuild *b, const char *opt, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* "OPT" then the object as compact JSON; the object is consumed. */
void vrQemuBuildArgJSON(vrQemuBuild *b, const char *opt, json_object *obj);
void vrQemuBuildEnv(vrQemuBuild *b, const char *name, const char *value);
void vrQemuBuildPassFD(vrQemuBuild *b, int fd);

/* key=value lists: "key=value" appended with a comma before unless the
 * list is empty; commas inside @value are doubled. */
void vrQemuKeyval(GString *s, const char *key, const char *value);
void vrQemuKeyvalFormat(GString *s, const char *key, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* A bare value (first element, "pty", "127.0.0.1:0"), commas doubled. */
void vrQemuKeyvalBare(GString *s, const char *value);

/* ---- JSON -------------------------------------------------------- */

json_object *vrQemuJSONObj(const char *key, const char *value);
void vrQemuJSONStr(json_object *o, const char *key, const char *value);   /* NULL: skipped */
void vrQemuJSONInt(json_object *o, const char *key, long long value);
void vrQemuJSONUInt(json_object *o, const char *key, unsigned long long value);
void vrQemuJSONBool(json_object *o, const char *key, bool value);
void vrQemuJSONAdd(json_object *o, const char *key, json_object *value);
/* A vrTristate as a JSON boolean, skipped when absent. */
void vrQemuJSONTristate(json_object *o, const char *key, int value);
/* ... as "on"/"off" strings (properties of type OnOffAuto). */
void vrQemuJSONTristateOnOff(json_object *o, const char *key, int value);

/* ---- devices ------------------------------------------------------ */

/* A new {"driver": @driver} object after checking this QEMU has the
 * device type; NULL with an unsupported-configuration error naming
 * @what (the element and value: "disk bus 'sd'") otherwise. */
json_object *vrQemuDeviceNew(vrQemuBuild *b, const char *driver, const char *what);
/* "bus"/"addr" (PCI), "bus"/"port" (USB), nothing for other address
 * types.  Fails when the address names a controller that is missing. */
int vrQemuDeviceAddress(vrQemuBuild *b, json_object *dev, const vrDomainDeviceInfo *info);
/* "bootindex", "romfile"/"rombar", "acpi-index" from the device info. */
void vrQemuDeviceBootRom(vrQemuBuild *b, json_object *dev, const vrDomainDeviceInfo *info,
                         bool rom);
/* The virtio <driver> options (iommu_platform, ats, packed, page-per-vq). */
void vrQemuDeviceVirtioOptions(json_object *dev, const vrDomainVirtioOptions *opts);
/* Adds "-device" with @dev (consumed). */
void vrQemuBuildDevice(vrQemuBuild *b, json_object *dev);

/* "pci.0", "pcie.0", "pci.3": the bus name of the PCI controller index. */
const char *vrQemuPCIBusName(vrQemuBuild *b, unsigned int idx);
/* "usb.0" style bus of the USB controller index; NULL if missing. */
char *vrQemuUSBBusName(vrQemuBuild *b, unsigned int idx);

/* The alias of a device: its own, or the one vrQemuAssignDeviceAliases
 * would give it (kept for the rest of the build). */
const char *vrQemuAlias(vrQemuBuild *b, int devType, const void *dev, const vrDomainDeviceInfo *info);
/* Computes the alias rule for one device (qemu_command_alias.c). */
char *vrQemuDeviceAliasFor(const vrDomainDef *def, int devType, const void *dev);

/* "unsupported configuration: WHAT is not supported by QEMU 7.2 for guest 'NAME'" */
void vrQemuUnsupported(vrQemuBuild *b, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* "unsupported configuration: WHAT for guest 'NAME'" (a reason of our own) */
void vrQemuRefuse(vrQemuBuild *b, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Encrypted (LUKS) disks, qemu_command_secret.c: checks <encryption>;
 * adds the -object secret of format node @node (passphrase in a 0600
 * file of the guest's directory) and returns its id; points the format
 * node at it.  Errors reported. */
int vrQemuDiskEncryptionCheck(vrQemuBuild *b, const vrDomainDiskDef *disk,
                              const vrStorageSource *src);
char *vrQemuBuildDiskSecret(vrQemuBuild *b, const vrDomainDiskDef *disk,
                            const vrStorageSource *src, unsigned int node);
void vrQemuDiskEncryptionFormatNode(json_object *format, const vrStorageSource *src,
                                    const char *secretId);

/* A UNIX socket path must fit sockaddr_un (107 bytes and the NUL):
 * QEMU refuses longer ones.  -1 with an error naming @what otherwise. */
int vrQemuCheckSocketPath(vrQemuBuild *b, const char *path, const char *what);

/* Index of @dev in its definition list, for aliases. */
size_t vrQemuIndexOf(void *const *list, size_t n, const void *dev);

/* ---- the parts, in command-line order ------------------------------ */

int vrQemuBuildFirmware(vrQemuBuild *b);        /* pflash -blockdev, before -machine */
int vrQemuBuildMachine(vrQemuBuild *b);
int vrQemuBuildCPU(vrQemuBuild *b);
int vrQemuBuildMemory(vrQemuBuild *b);
int vrQemuBuildSMP(vrQemuBuild *b);
int vrQemuBuildIOThreads(vrQemuBuild *b);
int vrQemuBuildNuma(vrQemuBuild *b);
int vrQemuBuildSmbios(vrQemuBuild *b);
int vrQemuBuildClock(vrQemuBuild *b);
int vrQemuBuildBoot(vrQemuBuild *b);

int vrQemuBuildIOMMU(vrQemuBuild *b);
int vrQemuBuildControllers(vrQemuBuild *b);
int vrQemuBuildMemoryDevices(vrQemuBuild *b);
int vrQemuBuildHubs(vrQemuBuild *b);
int vrQemuBuildDisks(vrQemuBuild *b);
int vrQemuBuildFilesystems(vrQemuBuild *b);
int vrQemuBuildNets(vrQemuBuild *b);
int vrQemuBuildSmartcards(vrQemuBuild *b);
int vrQemuBuildChrDevices(vrQemuBuild *b);
int vrQemuBuildTPM(vrQemuBuild *b);
int vrQemuBuildInputs(vrQemuBuild *b);
int vrQemuBuildAudioAndGraphics(vrQemuBuild *b);
int vrQemuBuildVideos(vrQemuBuild *b);
int vrQemuBuildSounds(vrQemuBuild *b);
int vrQemuBuildWatchdog(vrQemuBuild *b);
int vrQemuBuildRedirdevs(vrQemuBuild *b);
int vrQemuBuildHostdevs(vrQemuBuild *b);
int vrQemuBuildMemballoon(vrQemuBuild *b);
int vrQemuBuildRNGs(vrQemuBuild *b);
int vrQemuBuildShmems(vrQemuBuild *b);
int vrQemuBuildPanic(vrQemuBuild *b);
int vrQemuBuildVsock(vrQemuBuild *b);
int vrQemuBuildCrypto(vrQemuBuild *b);
int vrQemuBuildMisc(vrQemuBuild *b);            /* vmgenid, vmcoreinfo, sga */

/* Character devices (qemu_command_chardev.c) used by other parts: adds
 * "-chardev" for @src with id @id.  @defaultPath is the socket path of a
 * UNIX source without one (NULL: none allowed). */
int vrQemuBuildChardev(vrQemuBuild *b, const vrDomainChrSource *src, const char *id,
                       const char *what);

/* A RAM backend object honouring <memoryBacking> and <numatune> for
 * guest NUMA node @node (-1: none) (qemu_command_machine.c). */
json_object *vrQemuMemoryBackend(vrQemuBuild *b, const char *id, unsigned long long sizeKiB,
                                 int node, const char *memAccess);

/* Boot order (qemu_command_machine.c): the bootindex of a device, from
 * its <boot order> or from <os><boot dev> order; 0: none. */
unsigned int vrQemuBootIndex(vrQemuBuild *b, int devType, const void *dev,
                             const vrDomainDeviceInfo *info);

#endif
