/*
 * domain_conf.c: domain definition lifetime, enum tables and small helpers.
 */
#include <config.h>

#include <limits.h>

#include <stdio.h>
#include <string.h>

#include "domain_conf.h"
#include "util/vrerror.h"
#include "util/vrxml.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

VR_ENUM_IMPL(vrDomainAddress, VR_DOMAIN_ADDRESS_LAST,
             "none", "pci", "drive", "virtio-serial", "ccid", "usb", "spapr-vio",
             "ccw", "virtio-mmio", "isa", "dimm", "unassigned");

VR_ENUM_IMPL(vrStorageType, VR_STORAGE_TYPE_LAST,
             "none", "file", "block", "dir", "network", "volume", "nvme", "vhostuser");

VR_ENUM_IMPL(vrDomainDiskDevice, VR_DOMAIN_DISK_DEVICE_LAST,
             "disk", "cdrom", "floppy", "lun");

VR_ENUM_IMPL(vrDomainDiskBus, VR_DOMAIN_DISK_BUS_LAST,
             "none", "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd");

VR_ENUM_IMPL(vrDomainControllerType, VR_DOMAIN_CONTROLLER_TYPE_LAST,
             "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci",
             "xenbus", "isa");

VR_ENUM_IMPL(vrDomainNet, VR_DOMAIN_NET_TYPE_LAST,
             "user", "ethernet", "vhostuser", "server", "client", "mcast", "udp",
             "network", "bridge", "internal", "direct", "hostdev", "vdpa", "null", "vds");

VR_ENUM_IMPL(vrDomainChrDevice, VR_DOMAIN_CHR_DEVICE_TYPE_LAST,
             "parallel", "serial", "console", "channel");

VR_ENUM_IMPL(vrDomainChr, VR_DOMAIN_CHR_TYPE_LAST,
             "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp",
             "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus");

VR_ENUM_IMPL(vrDomainVirt, VR_DOMAIN_VIRT_LAST,
             "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test",
             "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz");

vrDomainDef *
vrDomainDefNew(void)
{
    vrDomainDef *def = g_new0(vrDomainDef, 1);

    def->id = -1;
    def->onPoweroff = VR_DOMAIN_LIFECYCLE_DESTROY;
    def->onReboot = VR_DOMAIN_LIFECYCLE_RESTART;
    def->onCrash = VR_DOMAIN_LIFECYCLE_DESTROY;
    return def;
}

#define VR_FREE_LIST(arr, n, fn) \
    do { \
        for (size_t _i = 0; _i < (n); _i++) \
            fn((arr)[_i]); \
        g_free(arr); \
    } while (0)

void
vrDomainDefFree(vrDomainDef *def)
{
    size_t i;

    if (!def)
        return;
    vrDomainTuneClear(def);
    g_free(def->name);
    g_free(def->genid);
    g_free(def->title);
    g_free(def->description);
    g_free(def->metadata);
    g_free(def->memoryDumpCore);
    VR_FREE_LIST(def->sysinfos, def->nsysinfos, vrSysinfoDefFree);
    g_free(def->bootloader);
    g_free(def->bootloaderArgs);
    vrDomainOSDefClear(&def->os);
    g_free(def->uidmap);
    g_free(def->gidmap);
    vrDomainFeaturesDefClear(&def->features);
    vrDomainCPUClear(&def->cpu, &def->numa);
    vrDomainClockDefClear(&def->clock);

    vrDomainDefDevicesClear(def);

    for (i = 0; i < def->nseclabels; i++)
        vrDomainSeclabelDefClear(&def->seclabels[i]);
    g_free(def->seclabels);
    vrDomainLaunchSecurityDefFree(def->launchSecurity);
    g_free(def->qemuCommandlineXML);
    g_free(def);
}

/* Copying goes through the XML form: it is the one representation that is
 * guaranteed complete, and definitions are small. */
vrDomainDef *
vrDomainDefCopy(const vrDomainDef *def, const vrDomainXMLOption *opt)
{
    g_autofree char *xml = vrDomainDefFormat(def, VR_DOMAIN_FORMAT_SECURE);
    vrDomainDef *copy = vrDomainDefParseString(xml, opt,
                                               VR_DOMAIN_PARSE_LIVE |
                                               VR_DOMAIN_PARSE_SKIP_POSTPARSE);

    if (copy)
        copy->id = def->id;
    return copy;
}

/* "vda" -> 0, "hdc" -> 2, "sdaa" -> 26, "vdb3" -> 1: the index encoded in
 * a target name (a known prefix, lower-case letters, then optionally a
 * partition number, as libvirt reads them), as the disk sorting and drive
 * addressing rules need it; -1 for a name that encodes none or an index
 * beyond int (libvirt lets that overflow). */
int
vrDiskNameToIndex(const char *name)
{
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    const char *p = NULL;
    const char *letters;
    int idx = 0;
    size_t i;

    if (!name)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(prefixes) && !p; i++) {
        if (g_str_has_prefix(name, prefixes[i]))
            p = name + strlen(prefixes[i]);
    }
    if (!p)
        return -1;
    for (letters = p; *p >= 'a' && *p <= 'z'; p++) {
        int step = p == letters ? 0 : 1;
        if (idx > (INT_MAX - 25) / 26 - step)
            return -1;
        idx = (idx + step) * 26 + (*p - 'a');
    }
    if (p == letters)
        return -1;
    for (; *p; p++) {
        if (!g_ascii_isdigit(*p))
            return -1;
    }
    return idx;
}

vrDomainDiskDef *
vrDomainDiskByName(const vrDomainDef *def, const char *name)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        vrDomainDiskDef *disk = def->disks[i];
        const char *src = vrDomainDiskSourcePath(disk);
        if (g_strcmp0(disk->dst, name) == 0 || (src && g_strcmp0(src, name) == 0))
            return disk;
    }
    return NULL;
}

vrDomainNetDef *
vrDomainNetByMAC(const vrDomainDef *def, const unsigned char *mac)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (memcmp(def->nets[i]->mac, mac, 6) == 0)
            return def->nets[i];
    }
    return NULL;
}

const char *
vrDomainDiskSourcePath(const vrDomainDiskDef *disk)
{
    if (!disk->src)
        return NULL;
    if (disk->src->type == VR_STORAGE_TYPE_VOLUME)
        return disk->src->path;
    return disk->src->path;
}

void
vrMacFormat(const unsigned char *mac, char *buf)
{
    snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

int
vrMacParse(const char *str, unsigned char *mac)
{
    size_t i;
    const char *p = str;

    for (i = 0; i < 6; i++) {
        unsigned int v;
        char *end;

        if (!g_ascii_isxdigit(*p))
            return -1;
        v = (unsigned int)strtoul(p, &end, 16);
        if (end - p > 2 || v > 0xff)
            return -1;
        mac[i] = (unsigned char)v;
        p = end;
        if (i < 5) {
            if (*p != ':' && *p != '-')
                return -1;
            p++;
        }
    }
    return *p ? -1 : 0;
}

void
vrMacGenerate(unsigned char *mac)
{
    mac[0] = 0x52;
    mac[1] = 0x54;
    mac[2] = 0x00;
    mac[3] = (unsigned char)g_random_int_range(0, 256);
    mac[4] = (unsigned char)g_random_int_range(0, 256);
    mac[5] = (unsigned char)g_random_int_range(0, 256);
}
