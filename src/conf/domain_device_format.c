/*
 * domain_device_format.c: writing <devices>, kind by kind in libvirt's
 * order.  Each kind's formatter lives beside its parser.
 */
#include <config.h>

#include <string.h>

#include "domain_device_internal.h"
#include "domain_parse_internal.h"

#define VR_FORMAT_LIST(buf, arr, n, fn, flags) \
    do { \
        for (size_t _i = 0; _i < (n); _i++) \
            fn((buf), (arr)[_i], (flags)); \
    } while (0)

/* A serial-type console of an HVM guest is written as a copy of the
 * serial port it stands for: the same host side, port and address. */
static void
vrDomainFormatConsoles(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    bool hvm = def->os.type && g_str_equal(def->os.type, "hvm");
    size_t i;

    for (i = 0; i < def->nconsoles; i++) {
        const vrDomainChrDef *con = def->consoles[i];
        vrDomainChrDef alias;

        if (!hvm || i >= def->nserials ||
            (con->targetType != VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL &&
             con->targetType != VR_DOMAIN_CHR_CONSOLE_TARGET_NONE)) {
            vrDomainFormatChr(buf, con, flags);
            continue;
        }
        alias = *def->serials[i];
        alias.deviceType = VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
        alias.targetType = VR_DOMAIN_CHR_CONSOLE_TARGET_SERIAL;
        alias.targetModel = 0;
        vrDomainFormatChr(buf, &alias, flags);
    }
}

static void
vrDomainFormatCharDevices(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    VR_FORMAT_LIST(buf, def->serials, def->nserials, vrDomainFormatChr, flags);
    VR_FORMAT_LIST(buf, def->parallels, def->nparallels, vrDomainFormatChr, flags);
    vrDomainFormatConsoles(buf, def, flags);
    VR_FORMAT_LIST(buf, def->channels, def->nchannels, vrDomainFormatChr, flags);
}

void
vrDomainFormatDevices(vrBuf *buf, const vrDomainDef *def, unsigned int flags)
{
    if (def->emulator)
        vrDevTextElement(buf, "emulator", def->emulator);
    VR_FORMAT_LIST(buf, def->disks, def->ndisks, vrDomainFormatDisk, flags);
    VR_FORMAT_LIST(buf, def->controllers, def->ncontrollers, vrDomainFormatController, flags);
    VR_FORMAT_LIST(buf, def->leases, def->nleases, vrDomainFormatLease, flags);
    VR_FORMAT_LIST(buf, def->filesystems, def->nfilesystems, vrDomainFormatFS, flags);
    VR_FORMAT_LIST(buf, def->nets, def->nnets, vrDomainFormatNet, flags);
    VR_FORMAT_LIST(buf, def->smartcards, def->nsmartcards, vrDomainFormatSmartcard, flags);
    vrDomainFormatCharDevices(buf, def, flags);
    VR_FORMAT_LIST(buf, def->inputs, def->ninputs, vrDomainFormatInput, flags);
    VR_FORMAT_LIST(buf, def->tpms, def->ntpms, vrDomainFormatTPM, flags);
    VR_FORMAT_LIST(buf, def->graphics, def->ngraphics, vrDomainFormatGraphics, flags);
    VR_FORMAT_LIST(buf, def->sounds, def->nsounds, vrDomainFormatSound, flags);
    VR_FORMAT_LIST(buf, def->audios, def->naudios, vrDomainFormatAudio, flags);
    VR_FORMAT_LIST(buf, def->videos, def->nvideos, vrDomainFormatVideo, flags);
    VR_FORMAT_LIST(buf, def->hostdevs, def->nhostdevs, vrDomainFormatHostdev, flags);
    VR_FORMAT_LIST(buf, def->redirdevs, def->nredirdevs, vrDomainFormatRedirdev, flags);
    if (def->redirfilter)
        vrDomainFormatRedirFilter(buf, def->redirfilter, flags);
    VR_FORMAT_LIST(buf, def->hubs, def->nhubs, vrDomainFormatHub, flags);
    if (def->watchdog)
        vrDomainFormatWatchdog(buf, def->watchdog, flags);
    if (def->memballoon)
        vrDomainFormatMemballoon(buf, def->memballoon, flags);
    VR_FORMAT_LIST(buf, def->rngs, def->nrngs, vrDomainFormatRNG, flags);
    if (def->nvramDev)
        vrDomainFormatNVRAM(buf, def->nvramDev, flags);
    VR_FORMAT_LIST(buf, def->panics, def->npanics, vrDomainFormatPanic, flags);
    VR_FORMAT_LIST(buf, def->shmems, def->nshmems, vrDomainFormatShmem, flags);
    VR_FORMAT_LIST(buf, def->memories, def->nmemories, vrDomainFormatMemoryDevice, flags);
    if (def->iommu)
        vrDomainFormatIOMMU(buf, def->iommu, flags);
    if (def->vsock)
        vrDomainFormatVsock(buf, def->vsock, flags);
    VR_FORMAT_LIST(buf, def->cryptos, def->ncryptos, vrDomainFormatCrypto, flags);
}
