/*
 * domain_conf.c: domain definition lifetime, enum tables and small helpers.
 */
#include <config.h>

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

VR_ENUM_IMPL(vrDomainLifecycleAction, VR_DOMAIN_LIFECYCLE_LAST,
             "destroy", "restart", "rename-restart", "preserve",
             "coredump-destroy", "coredump-restart");

VR_ENUM_IMPL(vrDomainBootDevice, VR_DOMAIN_BOOT_LAST,
             "fd", "cdrom", "hd", "network");

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

void
vrDomainDeviceInfoClear(vrDomainDeviceInfo *info)
{
    g_free(info->alias);
    g_free(info->romFile);
    memset(info, 0, sizeof(*info));
}

void
vrStorageSourceFree(vrStorageSource *src)
{
    size_t i;

    if (!src)
        return;
    for (i = 0; i < src->nhosts; i++) {
        g_free(src->hosts[i].name);
        g_free(src->hosts[i].port);
        g_free(src->hosts[i].transport);
        g_free(src->hosts[i].socket);
    }
    g_free(src->hosts);
    g_free(src->path);
    g_free(src->format);
    g_free(src->protocol);
    g_free(src->pool);
    g_free(src->volume);
    g_free(src->mode);
    g_free(src->startupPolicy);
    g_free(src->seclabelModel);
    g_free(src->authUsername);
    g_free(src->authSecretType);
    g_free(src->authSecretUUID);
    g_free(src->authSecretUsage);
    g_free(src->encryptionFormat);
    g_free(src->encryptionSecretUUID);
    g_free(src->reservationsManaged);
    vrStorageSourceFree(src->backing);
    g_free(src);
}

static void
vrDomainDiskDriverClear(vrDomainDiskDriver *d)
{
    g_free(d->name);
    g_free(d->type);
    g_free(d->cache);
    g_free(d->errorPolicy);
    g_free(d->rerrorPolicy);
    g_free(d->io);
    g_free(d->ioeventfd);
    g_free(d->eventIdx);
    g_free(d->copyOnRead);
    g_free(d->discard);
    g_free(d->detectZeroes);
}

void
vrDomainDiskDefFree(vrDomainDiskDef *def)
{
    if (!def)
        return;
    vrStorageSourceFree(def->src);
    vrDomainDiskDriverClear(&def->driver);
    g_free(def->dst);
    g_free(def->tray);
    g_free(def->removable);
    g_free(def->serial);
    g_free(def->wwn);
    g_free(def->vendor);
    g_free(def->product);
    g_free(def->snapshot);
    g_free(def->sgio);
    g_free(def->rawio);
    g_free(def->geometryTrans);
    g_free(def->iotune.groupName);
    g_free(def->mirrorXML);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainControllerDefFree(vrDomainControllerDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->masterStartport);
    g_free(def->driverQueues);
    g_free(def->driverIothread);
    g_free(def->targetChassisNr);
    g_free(def->targetChassis);
    g_free(def->targetPort);
    g_free(def->targetBusNr);
    g_free(def->targetIndex);
    g_free(def->targetHotplug);
    g_free(def->targetNode);
    g_free(def->modelName);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainNetDefFree(vrDomainNetDef *def)
{
    if (!def)
        return;
    g_free(def->macType);
    g_free(def->sourceNetwork);
    g_free(def->sourcePortgroup);
    g_free(def->sourceBridge);
    g_free(def->sourceDev);
    g_free(def->sourceMode);
    g_free(def->sourceAddress);
    g_free(def->sourcePort);
    g_free(def->sourcePath);
    g_free(def->sourceType);
    g_free(def->localAddress);
    g_free(def->localPort);
    g_free(def->hostdevXML);
    g_free(def->ifname);
    g_free(def->model);
    g_free(def->script);
    g_free(def->downscript);
    g_free(def->backendTap);
    g_free(def->backendVhost);
    g_free(def->driverName);
    g_free(def->driverQueues);
    g_free(def->driverTxmode);
    g_free(def->driverIoeventfd);
    g_free(def->driverEventIdx);
    g_free(def->driverRxQueueSize);
    g_free(def->driverTxQueueSize);
    g_free(def->linkState);
    g_free(def->filterref);
    if (def->filterParams)
        g_ptr_array_unref(def->filterParams);
    for (size_t i = 0; i < def->vlan.ntags; i++)
        g_free(def->vlan.tags[i].nativeMode);
    g_free(def->vlan.tags);
    g_free(def->virtualportType);
    if (def->virtualportParams)
        g_ptr_array_unref(def->virtualportParams);
    g_free(def->guestDev);
    g_free(def->guestActual);
    if (def->ips)
        g_ptr_array_unref(def->ips);
    g_free(def->coalesceRxFrames);
    g_free(def->trustGuestRxFilters);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainChrSourceClear(vrDomainChrSource *src)
{
    g_free(src->path);
    g_free(src->append);
    g_free(src->mode);
    g_free(src->host);
    g_free(src->service);
    g_free(src->bindHost);
    g_free(src->bindService);
    g_free(src->protocol);
    g_free(src->channel);
    g_free(src->logFile);
    g_free(src->logAppend);
    g_free(src->reconnectEnabled);
    g_free(src->master);
    g_free(src->slave);
    memset(src, 0, sizeof(*src));
}

void
vrDomainChrDefFree(vrDomainChrDef *def)
{
    if (!def)
        return;
    vrDomainChrSourceClear(&def->source);
    g_free(def->targetType);
    g_free(def->targetName);
    g_free(def->targetAddress);
    g_free(def->targetAddressPort);
    g_free(def->targetModel);
    g_free(def->targetState);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainInputDefFree(vrDomainInputDef *def)
{
    if (!def)
        return;
    g_free(def->type);
    g_free(def->bus);
    g_free(def->model);
    g_free(def->sourceEvdev);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainGraphicsDefFree(vrDomainGraphicsDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->type);
    g_free(def->passwd);
    g_free(def->passwdValidTo);
    g_free(def->keymap);
    g_free(def->sharePolicy);
    g_free(def->display);
    g_free(def->xauth);
    g_free(def->fullscreen);
    g_free(def->multiUser);
    g_free(def->replaceUser);
    g_free(def->defaultMode);
    if (def->children)
        g_ptr_array_unref(def->children);
    for (i = 0; i < def->nlistens; i++) {
        g_free(def->listens[i].type);
        g_free(def->listens[i].address);
        g_free(def->listens[i].network);
        g_free(def->listens[i].socket);
    }
    g_free(def->listens);
    g_free(def);
}

void
vrDomainVideoDefFree(vrDomainVideoDef *def)
{
    if (!def)
        return;
    g_free(def->type);
    g_free(def->accel3d);
    g_free(def->accel2d);
    g_free(def->driverName);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainSoundDefFree(vrDomainSoundDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    if (def->codecs)
        g_ptr_array_unref(def->codecs);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainWatchdogDefFree(vrDomainWatchdogDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->action);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainMemballoonDefFree(vrDomainMemballoonDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->autodeflate);
    g_free(def->freePageReporting);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainRNGDefFree(vrDomainRNGDef *def)
{
    if (!def)
        return;
    g_free(def->model);
    g_free(def->backendModel);
    g_free(def->backendPath);
    if (def->backendChr) {
        vrDomainChrSourceClear(def->backendChr);
        g_free(def->backendChr);
    }
    g_free(def->backendChrType);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

void
vrDomainOtherDeviceDefFree(vrDomainOtherDeviceDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->xml);
    vrDomainDeviceInfoClear(&def->info);
    g_free(def);
}

#define VR_FREE_LIST(arr, n, fn) \
    do { \
        for (size_t _i = 0; _i < (n); _i++) \
            fn((arr)[_i]); \
        g_free(arr); \
    } while (0)

static void
vrDomainOSDefClear(vrDomainOSDef *os)
{
    g_free(os->type);
    g_free(os->arch);
    g_free(os->machine);
    g_free(os->loader);
    g_free(os->loaderReadonly);
    g_free(os->loaderType);
    g_free(os->loaderSecure);
    g_free(os->nvram);
    g_free(os->nvramTemplate);
    g_free(os->firmware);
    g_free(os->kernel);
    g_free(os->initrd);
    g_free(os->cmdline);
    g_free(os->dtb);
    g_free(os->root);
    g_free(os->init);
    if (os->initargs)
        g_ptr_array_unref(os->initargs);
    g_free(os->bootmenuEnable);
    g_free(os->smbiosMode);
    g_free(os->bios_useserial);
    g_free(os->acpiTableXML);
}

static void
vrDomainCPUDefClear(vrDomainCPUDef *cpu)
{
    size_t i;

    g_free(cpu->mode);
    g_free(cpu->match);
    g_free(cpu->check);
    g_free(cpu->migratable);
    g_free(cpu->model);
    g_free(cpu->modelFallback);
    g_free(cpu->modelVendorId);
    g_free(cpu->vendor);
    for (i = 0; i < cpu->nfeatures; i++) {
        g_free(cpu->features[i].name);
        g_free(cpu->features[i].policy);
    }
    g_free(cpu->features);
    g_free(cpu->cacheXML);
    g_free(cpu->numaXML);
}

static void
vrDomainClockDefClear(vrDomainClockDef *clock)
{
    size_t i;

    g_free(clock->offset);
    g_free(clock->adjustment);
    g_free(clock->basis);
    g_free(clock->timezone);
    g_free(clock->start);
    for (i = 0; i < clock->ntimers; i++) {
        vrDomainTimerDef *t = &clock->timers[i];
        g_free(t->name);
        g_free(t->present);
        g_free(t->tickpolicy);
        g_free(t->track);
        g_free(t->frequency);
        g_free(t->mode);
        g_free(t->catchupThreshold);
        g_free(t->catchupSlew);
        g_free(t->catchupLimit);
    }
    g_free(clock->timers);
}

void
vrDomainDefFree(vrDomainDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->name);
    g_free(def->genid);
    g_free(def->title);
    g_free(def->description);
    g_free(def->metadata);
    g_free(def->memoryDumpCore);
    g_free(def->memoryBackingXML);
    g_free(def->blkiotuneXML);
    g_free(def->numatuneXML);
    g_free(def->cputuneXML);
    g_free(def->resourcePartition);
    g_free(def->iothreadsXML);
    g_free(def->placement);
    g_free(def->cpuset);
    g_free(def->vcpusXML);
    g_free(def->sysinfoXML);
    vrDomainOSDefClear(&def->os);
    for (i = 0; i < def->nfeatures; i++) {
        g_free(def->features[i].name);
        g_free(def->features[i].state);
        if (def->features[i].attrs)
            g_ptr_array_unref(def->features[i].attrs);
        g_free(def->features[i].xml);
    }
    g_free(def->features);
    vrDomainCPUDefClear(&def->cpu);
    vrDomainClockDefClear(&def->clock);
    g_free(def->onLockfailure);
    g_free(def->pmSuspendToMem);
    g_free(def->pmSuspendToDisk);
    g_free(def->perfXML);
    g_free(def->emulator);

    VR_FREE_LIST(def->disks, def->ndisks, vrDomainDiskDefFree);
    VR_FREE_LIST(def->controllers, def->ncontrollers, vrDomainControllerDefFree);
    VR_FREE_LIST(def->leases, def->nleases, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->filesystems, def->nfilesystems, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->nets, def->nnets, vrDomainNetDefFree);
    VR_FREE_LIST(def->smartcards, def->nsmartcards, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->serials, def->nserials, vrDomainChrDefFree);
    VR_FREE_LIST(def->parallels, def->nparallels, vrDomainChrDefFree);
    VR_FREE_LIST(def->consoles, def->nconsoles, vrDomainChrDefFree);
    VR_FREE_LIST(def->channels, def->nchannels, vrDomainChrDefFree);
    VR_FREE_LIST(def->inputs, def->ninputs, vrDomainInputDefFree);
    VR_FREE_LIST(def->tpms, def->ntpms, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->graphics, def->ngraphics, vrDomainGraphicsDefFree);
    VR_FREE_LIST(def->sounds, def->nsounds, vrDomainSoundDefFree);
    VR_FREE_LIST(def->audios, def->naudios, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->videos, def->nvideos, vrDomainVideoDefFree);
    VR_FREE_LIST(def->hostdevs, def->nhostdevs, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->redirdevs, def->nredirdevs, vrDomainOtherDeviceDefFree);
    vrDomainOtherDeviceDefFree(def->redirfilter);
    VR_FREE_LIST(def->hubs, def->nhubs, vrDomainOtherDeviceDefFree);
    vrDomainWatchdogDefFree(def->watchdog);
    vrDomainMemballoonDefFree(def->memballoon);
    VR_FREE_LIST(def->rngs, def->nrngs, vrDomainRNGDefFree);
    vrDomainOtherDeviceDefFree(def->nvramDev);
    VR_FREE_LIST(def->panics, def->npanics, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->shmems, def->nshmems, vrDomainOtherDeviceDefFree);
    VR_FREE_LIST(def->memories, def->nmemories, vrDomainOtherDeviceDefFree);
    vrDomainOtherDeviceDefFree(def->iommu);
    vrDomainOtherDeviceDefFree(def->vsock);

    for (i = 0; i < def->nseclabels; i++) {
        vrDomainSeclabelDef *s = &def->seclabels[i];
        g_free(s->type);
        g_free(s->model);
        g_free(s->relabel);
        g_free(s->label);
        g_free(s->imagelabel);
        g_free(s->baselabel);
    }
    g_free(def->seclabels);
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

/* "vda" -> 0, "hdc" -> 2, "sdaa" -> 26: the index encoded in a target
 * name, as the disk sorting and drive addressing rules need it. */
int
vrDiskNameToIndex(const char *name)
{
    const char *p;
    int idx = 0;
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd" };
    size_t i;

    if (!name)
        return -1;
    for (i = 0; i < G_N_ELEMENTS(prefixes); i++) {
        if (g_str_has_prefix(name, prefixes[i]))
            break;
    }
    if (i == G_N_ELEMENTS(prefixes))
        return -1;
    p = name + strlen(prefixes[i]);
    if (!*p)
        return -1;
    for (; *p; p++) {
        if (*p < 'a' || *p > 'z')
            return -1;
        idx = (idx + (p == name + strlen(prefixes[i]) ? 0 : 1)) * 26 + (*p - 'a');
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
