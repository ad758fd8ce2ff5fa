/*
 * qemu_capabilities.h: what a QEMU binary can do, probed once.
 *
 * Each emulator binary is started once with -machine none under QMP and
 * asked for its version, machine types, CPU models, QOM types, commands
 * and command-line options; whether KVM is not only present but able to
 * run a guest is tested separately (a nested or broken KVM can hang).
 * The result is kept in memory and in the cache directory, keyed by the
 * binary's identity (path, inode, size, mtime, ctime) and our version, so
 * a daemon restart does not probe again and an upgraded QEMU is probed
 * anew.
 */
#ifndef VR_QEMU_CAPABILITIES_H
#define VR_QEMU_CAPABILITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <glib.h>

typedef struct _vrQemuCaps vrQemuCaps;
typedef struct _vrQemuCapsCache vrQemuCapsCache;

typedef struct {
    char *name;                /* "pc-i440fx-7.2" */
    char *alias;               /* "pc", or NULL */
    unsigned int maxCpus;
    bool isDefault;
    bool deprecated;
    bool hotplugCpus;
    char *defaultCPUType;      /* "qemu64-x86_64-cpu", or NULL */
    char *defaultRAMId;        /* "pc.ram", or NULL */
} vrQemuMachine;

typedef struct {
    char *name;                /* "Skylake-Client" */
    char *typename;            /* QOM type */
    bool usable;               /* runnable with this accelerator */
    char **blockers;           /* features that make it unusable, NULL-terminated */
    bool deprecated;
} vrQemuCPUModel;

typedef enum {
    VR_QEMU_ACCEL_TCG = 0,
    VR_QEMU_ACCEL_KVM,
    VR_QEMU_ACCEL_LAST
} vrQemuAccel;

/* ---- the cache ----------------------------------------------------- */

/* @cacheDir keeps probe results (NULL: memory only); @runDir holds the
 * probes' QMP sockets (in private directories given to @uid/@gid);
 * probes run as @uid/@gid (the user QEMU will run as) when we are root.
 * The cache may be used from any thread: a binary is probed once while
 * concurrent lookups wait for that result.  It runs its own event loop
 * thread for the probes' monitors (started with the first probe). */
vrQemuCapsCache *vrQemuCapsCacheNew(const char *cacheDir, const char *runDir, uid_t uid,
                                    gid_t gid);
void vrQemuCapsCacheFree(vrQemuCapsCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrQemuCapsCache, vrQemuCapsCacheFree)

/* The security driver of qemu.conf ("none", "dac"; NULL: default), for
 * the <secmodel>s of the capabilities. */
void vrQemuCapsCacheSetSecurityDriver(vrQemuCapsCache *cache, const char *secDriver);
/* How many times this cache started probing a binary (tests, logs). */
unsigned int vrQemuCapsCacheProbeCount(vrQemuCapsCache *cache);

/* The capabilities of @binary (an absolute path), probing it when the
 * cache has nothing current for it (in memory, then in cacheDir).
 * Returns a new reference, or NULL with an error naming the binary and
 * what failed ("cannot probe /usr/bin/qemu-system-x86_64: ..."). */
vrQemuCaps *vrQemuCapsCacheLookup(vrQemuCapsCache *cache, const char *binary);
/* The emulator for a guest architecture, searched in PATH as
 * qemu-system-TARGET (x86_64 -> qemu-system-x86_64, i686 ->
 * qemu-system-i386, as libvirt picks them); an architecture a bigger
 * binary also runs falls back to it when its own is missing (i686 ->
 * qemu-system-x86_64).  NULL (reported) when none is installed. */
vrQemuCaps *vrQemuCapsCacheLookupArch(vrQemuCapsCache *cache, const char *arch);
/* The host's default emulator (its own architecture). */
vrQemuCaps *vrQemuCapsCacheLookupDefault(vrQemuCapsCache *cache);

/* A probe result as the cache stores it (one text file per binary);
 * tests load recorded ones (tests/qemucaps/) instead of probing. */
vrQemuCaps *vrQemuCapsLoadFile(const char *path);
int vrQemuCapsSaveFile(const vrQemuCaps *caps, const char *path);

vrQemuCaps *vrQemuCapsRef(vrQemuCaps *caps);
void vrQemuCapsUnref(vrQemuCaps *caps);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrQemuCaps, vrQemuCapsUnref)

/* ---- what a binary offers ----------------------------------------- */

const char *vrQemuCapsBinary(const vrQemuCaps *caps);
/* Guest architectures it emulates ("x86_64" offers "i686" too). */
const char *vrQemuCapsArch(const vrQemuCaps *caps);
bool vrQemuCapsSupportsArch(const vrQemuCaps *caps, const char *arch);
/* major * 1000000 + minor * 1000 + micro, e.g. 7002000. */
unsigned long long vrQemuCapsVersion(const vrQemuCaps *caps);
/* QEMU's package string ("Debian 1:7.2+dfsg-7+deb12u18"), may be "". */
const char *vrQemuCapsPackage(const vrQemuCaps *caps);

/* KVM: present means /dev/kvm opens and QEMU accepts -accel kvm; usable
 * means a guest actually ran.  @why (may be NULL) gets a sentence for
 * errors when it is not usable ("KVM is present but a test guest did not
 * run: KVM internal error ..."). */
bool vrQemuCapsKVMPresent(const vrQemuCaps *caps);
bool vrQemuCapsKVMUsable(const vrQemuCaps *caps, const char **why);

/* Runs the guest that decides KVM usability (qemu_capabilities.c, "KVM
 * test guest") with @binary under @accel: "kvm", or "tcg" to check the
 * test itself (virt-host-validate, tests).  Returns 1 when it ran to its
 * end in time, 0 when not (*why, to free, says why), -1 on error. */
int vrQemuCapsRunTestGuest(vrQemuCapsCache *cache, const char *binary, const char *accel,
                           char **why);

size_t vrQemuCapsMachines(const vrQemuCaps *caps, const vrQemuMachine **machines);
/* "pc" -> "pc-i440fx-7.2"; a full name is returned as is; NULL when the
 * binary has no such machine type. */
const char *vrQemuCapsCanonicalMachine(const vrQemuCaps *caps, const char *name);
const vrQemuMachine *vrQemuCapsMachine(const vrQemuCaps *caps, const char *name);
const char *vrQemuCapsDefaultMachine(const vrQemuCaps *caps);
bool vrQemuCapsMachineIsQ35(const char *canonical);

size_t vrQemuCapsCPUModels(const vrQemuCaps *caps, vrQemuAccel accel,
                           const vrQemuCPUModel **models);

/* QOM types (devices, objects, backends): "virtio-blk-pci", "memory-backend-file". */
bool vrQemuCapsHasType(const vrQemuCaps *caps, const char *type);
/* QMP commands and events. */
bool vrQemuCapsHasCommand(const vrQemuCaps *caps, const char *command);
/* Command-line options (query-command-line-options): "sandbox". */
bool vrQemuCapsHasOption(const vrQemuCaps *caps, const char *option);

/* ---- documents ----------------------------------------------------- */

/* `virsh capabilities`: the host (CPU, NUMA, caches, security models)
 * and one <guest> per installed qemu-system-* in PATH, with its machines
 * and domain types ('kvm' whenever KVM is present, even if unusable).
 * Binaries not probed yet are probed in parallel; one that cannot be
 * probed is left out (logged). */
char *vrQemuCapsFormatCapabilities(vrQemuCapsCache *cache);
/* `virsh domcapabilities` for one emulator/machine/virt type.  @machine
 * NULL: the default machine (an alias is resolved); @virttype NULL:
 * "kvm" when KVM is usable, else "qemu".  "kvm" is refused only when
 * KVM is not present; present but unusable KVM gets a document without
 * host-passthrough / host-model. */
char *vrQemuCapsFormatDomainCapabilities(vrQemuCaps *caps, const char *machine,
                                         const char *virttype);

#endif
