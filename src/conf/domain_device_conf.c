/*
 * domain_device_conf.c: lifetime of device definitions.
 */
#include <config.h>

#include <string.h>

#include "domain_device_internal.h"

void
vrDomainDeviceInfoClear(vrDomainDeviceInfo *info)
{
    vrDevInfoClear(info);
}

void
vrDomainChrSourceClear(vrDomainChrSource *src)
{
    if (!src)
        return;
    g_free(src->path);
    g_free(src->host);
    g_free(src->service);
    g_free(src->bindHost);
    g_free(src->bindService);
    g_free(src->channel);
    g_free(src->master);
    g_free(src->slave);
    g_free(src->dbusName);
    g_free(src->logFile);
    vrDevSeclabelsClear(&src->seclabels, &src->nseclabels);
    memset(src, 0, sizeof(*src));
}

static void
vrDomainChrSourceFree(vrDomainChrSource *src)
{
    vrDomainChrSourceClear(src);
    g_free(src);
}

void
vrDiskAuthFree(vrDiskAuth *auth)
{
    if (!auth)
        return;
    g_free(auth->username);
    g_free(auth->authType);
    g_free(auth->secretType);
    g_free(auth->secretUUID);
    g_free(auth->secretUsage);
    g_free(auth);
}

void
vrDiskEncryptionFree(vrDiskEncryption *enc)
{
    size_t i;

    if (!enc)
        return;
    for (i = 0; i < enc->nsecrets; i++) {
        g_free(enc->secrets[i].type);
        g_free(enc->secrets[i].uuid);
        g_free(enc->secrets[i].usage);
    }
    g_free(enc->secrets);
    g_free(enc->engine);
    g_free(enc->cipherName);
    g_free(enc->cipherMode);
    g_free(enc->cipherHash);
    g_free(enc->ivgenName);
    g_free(enc->ivgenHash);
    g_free(enc);
}

static void
vrStorageSourceFreeNetwork(vrStorageSource *src)
{
    size_t i;

    for (i = 0; i < src->nhosts; i++) {
        g_free(src->hosts[i].name);
        g_free(src->hosts[i].socket);
    }
    g_free(src->hosts);
    for (i = 0; i < src->ncookies; i++) {
        g_free(src->cookies[i].name);
        g_free(src->cookies[i].value);
    }
    g_free(src->cookies);
    g_free(src->query);
    g_free(src->tlsHostname);
    g_free(src->snapshot);
    g_free(src->configFile);
    g_free(src->initiatorIqn);
}

void
vrStorageSourceFree(vrStorageSource *src)
{
    if (!src)
        return;
    vrStorageSourceFreeNetwork(src);
    g_free(src->path);
    g_free(src->pool);
    g_free(src->volume);
    vrDevSeclabelsClear(&src->seclabels, &src->nseclabels);
    vrDiskAuthFree(src->auth);
    vrDiskEncryptionFree(src->encryption);
    vrDomainChrSourceFree(src->reservationsSource);
    vrStorageSourceFree(src->backing);
    g_free(src);
}

void
vrDomainDiskDefFree(vrDomainDiskDef *def)
{
    if (!def)
        return;
    vrStorageSourceFree(def->src);
    g_free(def->driver.name);
    g_free(def->dst);
    g_free(def->serial);
    g_free(def->wwn);
    g_free(def->vendor);
    g_free(def->product);
    g_free(def->backendDomain);
    g_free(def->iotune.groupName);
    g_free(def->mirrorXML);
    vrDevInfoClear(&def->info);
    g_free(def);
}

vrDomainControllerDef *
vrDomainControllerDefNew(int type)
{
    vrDomainControllerDef *def = g_new0(vrDomainControllerDef, 1);

    def->type = type;
    def->idx = -1;
    def->model = -1;
    def->ports = def->vectors = -1;
    def->maxGrantFrames = def->maxEventChannels = -1;
    def->chassisNr = def->chassis = def->port = def->busNr = def->targetIndex = -1;
    def->numaNode = -1;
    return def;
}

void
vrDomainControllerDefFree(vrDomainControllerDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainLeaseDefFree(vrDomainLeaseDef *def)
{
    if (!def)
        return;
    g_free(def->lockspace);
    g_free(def->key);
    g_free(def->path);
    g_free(def);
}

void
vrDevHostdevClear(vrDomainHostdevDef *def)
{
    g_free(def->scsiAdapter);
    vrStorageSourceFree(def->iscsiSrc);
    g_free(def->wwpn);
    g_free(def->mdevUUID);
    g_free(def->capsBlock);
    g_free(def->capsChar);
    g_free(def->capsIfname);
    vrDevNetIPInfoClear(&def->capsIPInfo);
    vrDevInfoClear(&def->info);
    memset(def, 0, sizeof(*def));
}

void
vrDomainHostdevDefFree(vrDomainHostdevDef *def)
{
    if (!def)
        return;
    vrDevHostdevClear(def);
    g_free(def);
}

void
vrDomainFSDefFree(vrDomainFSDef *def)
{
    if (!def)
        return;
    g_free(def->binaryPath);
    g_free(def->src);
    g_free(def->srcVolume);
    g_free(def->socket);
    g_free(def->dst);
    vrDevInfoClear(&def->info);
    g_free(def);
}

static void
vrDomainNetDefFreeParams(vrDomainNetDef *def)
{
    size_t i;

    for (i = 0; i < def->nfilterParams; i++) {
        g_free(def->filterParams[i].name);
        g_free(def->filterParams[i].value);
    }
    g_free(def->filterParams);
    for (i = 0; i < def->vlan.ntags; i++)
        g_free(def->vlan.tags[i].nativeMode);
    g_free(def->vlan.tags);
    if (def->virtualport) {
        g_free(def->virtualport->instanceID);
        g_free(def->virtualport->interfaceID);
        g_free(def->virtualport->profileID);
        g_free(def->virtualport);
    }
}

void
vrDomainNetDefFree(vrDomainNetDef *def)
{
    if (!def)
        return;
    g_free(def->sourceNetwork);
    g_free(def->sourcePortgroup);
    g_free(def->portid);
    g_free(def->sourceBridge);
    g_free(def->sourceDev);
    g_free(def->sourceAddress);
    g_free(def->localAddress);
    vrDomainChrSourceFree(def->vhostuser);
    vrDevHostdevClear(&def->hostdev);
    vrDevNetIPInfoClear(&def->ipInfo);
    g_free(def->ifname);
    g_free(def->ifnameGuest);
    g_free(def->ifnameGuestActual);
    g_free(def->model);
    g_free(def->script);
    g_free(def->downscript);
    g_free(def->backendDomain);
    g_free(def->backendTap);
    g_free(def->backendVhost);
    g_free(def->filterref);
    g_free(def->teamingPersistent);
    vrDomainNetDefFreeParams(def);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainChrDefFree(vrDomainChrDef *def)
{
    if (!def)
        return;
    vrDomainChrSourceClear(&def->source);
    g_free(def->targetName);
    g_free(def->targetAddress);
    g_free(def->targetState);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainSmartcardDefFree(vrDomainSmartcardDef *def)
{
    size_t i;

    if (!def)
        return;
    for (i = 0; i < G_N_ELEMENTS(def->certificates); i++)
        g_free(def->certificates[i]);
    g_free(def->database);
    vrDomainChrSourceFree(def->passthru);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainRedirdevDefFree(vrDomainRedirdevDef *def)
{
    if (!def)
        return;
    vrDomainChrSourceClear(&def->source);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainRedirFilterDefFree(vrDomainRedirFilterDef *def)
{
    if (!def)
        return;
    g_free(def->usbdevs);
    g_free(def);
}

void
vrDomainHubDefFree(vrDomainHubDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainInputDefFree(vrDomainInputDef *def)
{
    if (!def)
        return;
    g_free(def->evdev);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainGraphicsDefFree(vrDomainGraphicsDef *def)
{
    size_t i;

    if (!def)
        return;
    g_free(def->keymap);
    g_free(def->passwd);
    g_free(def->passwdValidTo);
    g_free(def->display);
    g_free(def->xauth);
    g_free(def->rendernode);
    g_free(def->dbusAddress);
    for (i = 0; i < def->nlistens; i++) {
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
    g_free(def->rendernode);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainSoundDefFree(vrDomainSoundDef *def)
{
    if (!def)
        return;
    g_free(def->codecs);
    vrDevInfoClear(&def->info);
    g_free(def);
}

static void
vrDomainAudioIOClear(vrDomainAudioIOCommon *io)
{
    g_free(io->dev);
    g_free(io->serverName);
    g_free(io->clientName);
    g_free(io->connectPorts);
    g_free(io->name);
    g_free(io->streamName);
}

void
vrDomainAudioDefFree(vrDomainAudioDef *def)
{
    if (!def)
        return;
    g_free(def->serverName);
    g_free(def->sdlDriver);
    g_free(def->path);
    vrDomainAudioIOClear(&def->input);
    vrDomainAudioIOClear(&def->output);
    g_free(def);
}

void
vrDomainTPMDefFree(vrDomainTPMDef *def)
{
    if (!def)
        return;
    g_free(def->devicePath);
    g_free(def->socketPath);
    g_free(def->secretUUID);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainWatchdogDefFree(vrDomainWatchdogDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainMemballoonDefFree(vrDomainMemballoonDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainRNGDefFree(vrDomainRNGDef *def)
{
    if (!def)
        return;
    g_free(def->backendPath);
    vrDomainChrSourceFree(def->backendChr);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainPanicDefFree(vrDomainPanicDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainNVRAMDefFree(vrDomainNVRAMDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainShmemDefFree(vrDomainShmemDef *def)
{
    if (!def)
        return;
    g_free(def->name);
    g_free(def->serverPath);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainMemoryDefFree(vrDomainMemoryDef *def)
{
    if (!def)
        return;
    g_free(def->nodemask);
    g_free(def->path);
    g_free(def->uuid);
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainIOMMUDefFree(vrDomainIOMMUDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainVsockDefFree(vrDomainVsockDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

void
vrDomainCryptoDefFree(vrDomainCryptoDef *def)
{
    if (!def)
        return;
    vrDevInfoClear(&def->info);
    g_free(def);
}

#define VR_DEVICE_FREE_LIST(arr, n, fn) \
    do { \
        for (size_t _i = 0; _i < (n); _i++) \
            fn((arr)[_i]); \
        g_clear_pointer(&(arr), g_free); \
        (n) = 0; \
    } while (0)

/* Every device of @def, for vrDomainDefFree. */
void
vrDomainDefDevicesClear(vrDomainDef *def)
{
    g_clear_pointer(&def->emulator, g_free);
    VR_DEVICE_FREE_LIST(def->disks, def->ndisks, vrDomainDiskDefFree);
    VR_DEVICE_FREE_LIST(def->controllers, def->ncontrollers, vrDomainControllerDefFree);
    VR_DEVICE_FREE_LIST(def->leases, def->nleases, vrDomainLeaseDefFree);
    VR_DEVICE_FREE_LIST(def->filesystems, def->nfilesystems, vrDomainFSDefFree);
    VR_DEVICE_FREE_LIST(def->nets, def->nnets, vrDomainNetDefFree);
    VR_DEVICE_FREE_LIST(def->smartcards, def->nsmartcards, vrDomainSmartcardDefFree);
    VR_DEVICE_FREE_LIST(def->serials, def->nserials, vrDomainChrDefFree);
    VR_DEVICE_FREE_LIST(def->parallels, def->nparallels, vrDomainChrDefFree);
    VR_DEVICE_FREE_LIST(def->consoles, def->nconsoles, vrDomainChrDefFree);
    VR_DEVICE_FREE_LIST(def->channels, def->nchannels, vrDomainChrDefFree);
    VR_DEVICE_FREE_LIST(def->inputs, def->ninputs, vrDomainInputDefFree);
    VR_DEVICE_FREE_LIST(def->tpms, def->ntpms, vrDomainTPMDefFree);
    VR_DEVICE_FREE_LIST(def->graphics, def->ngraphics, vrDomainGraphicsDefFree);
    VR_DEVICE_FREE_LIST(def->sounds, def->nsounds, vrDomainSoundDefFree);
    VR_DEVICE_FREE_LIST(def->audios, def->naudios, vrDomainAudioDefFree);
    VR_DEVICE_FREE_LIST(def->videos, def->nvideos, vrDomainVideoDefFree);
    VR_DEVICE_FREE_LIST(def->hostdevs, def->nhostdevs, vrDomainHostdevDefFree);
    VR_DEVICE_FREE_LIST(def->redirdevs, def->nredirdevs, vrDomainRedirdevDefFree);
    g_clear_pointer(&def->redirfilter, vrDomainRedirFilterDefFree);
    VR_DEVICE_FREE_LIST(def->hubs, def->nhubs, vrDomainHubDefFree);
    g_clear_pointer(&def->watchdog, vrDomainWatchdogDefFree);
    g_clear_pointer(&def->memballoon, vrDomainMemballoonDefFree);
    VR_DEVICE_FREE_LIST(def->rngs, def->nrngs, vrDomainRNGDefFree);
    g_clear_pointer(&def->nvramDev, vrDomainNVRAMDefFree);
    VR_DEVICE_FREE_LIST(def->panics, def->npanics, vrDomainPanicDefFree);
    VR_DEVICE_FREE_LIST(def->shmems, def->nshmems, vrDomainShmemDefFree);
    VR_DEVICE_FREE_LIST(def->memories, def->nmemories, vrDomainMemoryDefFree);
    g_clear_pointer(&def->iommu, vrDomainIOMMUDefFree);
    g_clear_pointer(&def->vsock, vrDomainVsockDefFree);
    VR_DEVICE_FREE_LIST(def->cryptos, def->ncryptos, vrDomainCryptoDefFree);
}
