/*
 * domain_postparse.c: defaults and cross-element checks applied once a
 * whole <domain> has been read.
 *
 * These follow libvirt's generic post-parse rules (disk buses from target
 * names, drive addresses, implied controllers, console and serial
 * aliasing, video defaults) so that definitions look the same whichever
 * implementation accepted them.
 */
#include <config.h>

#include <string.h>

#include "domain_conf.h"
#include "domain_parse_internal.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_DOMAIN

/* ---- boot order ---------------------------------------------------- */

static bool
vrDomainHasDeviceBootOrder(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        if (def->disks[i]->info.bootIndex)
            return true;
    for (i = 0; i < def->nnets; i++)
        if (def->nets[i]->info.bootIndex)
            return true;
    for (i = 0; i < def->nhostdevs; i++)
        if (def->hostdevs[i]->info.bootIndex)
            return true;
    for (i = 0; i < def->nredirdevs; i++)
        if (def->redirdevs[i]->info.bootIndex)
            return true;
    return false;
}

static int
vrDomainPostParseBoot(vrDomainDef *def)
{
    bool perDevice = vrDomainHasDeviceBootOrder(def);

    if (!g_str_equal(def->os.type, "hvm"))
        return 0;
    if (perDevice && def->os.nBootDevs > 0) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                      "per-device boot elements cannot be used together with os/boot elements");
        return -1;
    }
    if (!perDevice && def->os.nBootDevs == 0) {
        def->os.bootDevs[0] = VR_DOMAIN_BOOT_DISK;
        def->os.nBootDevs = 1;
    }
    return 0;
}

/* ---- disks --------------------------------------------------------- */

static int
vrDomainDiskBusFromName(const char *dst)
{
    if (g_str_has_prefix(dst, "hd"))
        return VR_DOMAIN_DISK_BUS_IDE;
    if (g_str_has_prefix(dst, "sd"))
        return VR_DOMAIN_DISK_BUS_SCSI;
    if (g_str_has_prefix(dst, "vd"))
        return VR_DOMAIN_DISK_BUS_VIRTIO;
    if (g_str_has_prefix(dst, "xvd"))
        return VR_DOMAIN_DISK_BUS_XEN;
    if (g_str_has_prefix(dst, "ubd"))
        return VR_DOMAIN_DISK_BUS_UML;
    if (g_str_has_prefix(dst, "fd"))
        return VR_DOMAIN_DISK_BUS_FDC;
    return VR_DOMAIN_DISK_BUS_IDE;
}

/* Drive addresses for buses with controllers, from the target index. */
static int
vrDomainDiskAssignAddress(vrDomainDiskDef *disk)
{
    int idx = vrDiskNameToIndex(disk->dst);
    vrDomainDeviceAddress *a = &disk->info.addr;

    if (a->type != VR_DOMAIN_ADDRESS_NONE)
        return 0;
    if (disk->bus != VR_DOMAIN_DISK_BUS_IDE && disk->bus != VR_DOMAIN_DISK_BUS_FDC &&
        disk->bus != VR_DOMAIN_DISK_BUS_SCSI && disk->bus != VR_DOMAIN_DISK_BUS_SATA)
        return 0;
    if (idx < 0) {
        vrReportError(VR_ERR_XML_ERROR, "Unknown disk name '%s' and no address specified",
                      disk->dst);
        return -1;
    }
    a->type = VR_DOMAIN_ADDRESS_DRIVE;
    switch ((vrDomainDiskBus)disk->bus) {
    case VR_DOMAIN_DISK_BUS_IDE:
        a->u.drive.controller = idx / 4;
        a->u.drive.bus = (idx % 4) / 2;
        a->u.drive.unit = idx % 2;
        break;
    case VR_DOMAIN_DISK_BUS_FDC:
        a->u.drive.unit = idx;
        break;
    case VR_DOMAIN_DISK_BUS_SCSI:
        a->u.drive.controller = idx / 7;
        a->u.drive.unit = idx % 7;
        break;
    case VR_DOMAIN_DISK_BUS_SATA:
        a->u.drive.controller = idx / 6;
        a->u.drive.unit = idx % 6;
        break;
    default:
        break;
    }
    return 0;
}

static int
vrDomainPostParseDisks(vrDomainDef *def)
{
    size_t i, j;

    for (i = 0; i < def->ndisks; i++) {
        vrDomainDiskDef *disk = def->disks[i];

        if (disk->bus == VR_DOMAIN_DISK_BUS_NONE) {
            if (disk->device == VR_DOMAIN_DISK_DEVICE_FLOPPY)
                disk->bus = VR_DOMAIN_DISK_BUS_FDC;
            else
                disk->bus = vrDomainDiskBusFromName(disk->dst);
        }
        if (vrDomainDiskAssignAddress(disk) < 0)
            return -1;
    }
    for (i = 0; i < def->ndisks; i++) {
        for (j = i + 1; j < def->ndisks; j++) {
            if (g_str_equal(def->disks[i]->dst, def->disks[j]->dst)) {
                const char *a = vrDomainDiskSourcePath(def->disks[i]);
                const char *b = vrDomainDiskSourcePath(def->disks[j]);
                vrReportError(VR_ERR_XML_ERROR,
                              "target '%s' duplicated for disk sources '%s' and '%s'",
                              def->disks[i]->dst, a ? a : "<null>", b ? b : "<null>");
                return -1;
            }
        }
    }
    return 0;
}

/* ---- controllers --------------------------------------------------- */

static vrDomainControllerDef *
vrDomainFindController(const vrDomainDef *def, int type, int idx)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        if (def->controllers[i]->type == type && def->controllers[i]->idx == idx)
            return def->controllers[i];
    }
    return NULL;
}

static void
vrDomainAppendController(vrDomainDef *def, int type, int idx, const char *model)
{
    vrDomainControllerDef *c = g_new0(vrDomainControllerDef, 1);

    c->type = type;
    c->idx = idx;
    c->model = g_strdup(model);
    VR_APPEND_ELEMENT(def->controllers, def->ncontrollers, c);
}

/* Controllers written without an index take the lowest free one. */
static void
vrDomainPostParseControllerIndexes(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ncontrollers; i++) {
        vrDomainControllerDef *c = def->controllers[i];
        int idx = 0;

        if (c->idx >= 0)
            continue;
        while (vrDomainFindController(def, c->type, idx))
            idx++;
        c->idx = idx;
    }
}

static void
vrDomainAddDiskControllers(vrDomainDef *def, int ctrlType, int diskBus)
{
    int maxController = -1;
    size_t i;
    int idx;

    for (i = 0; i < def->ndisks; i++) {
        const vrDomainDiskDef *disk = def->disks[i];
        if (disk->bus == diskBus && disk->info.addr.type == VR_DOMAIN_ADDRESS_DRIVE &&
            (int)disk->info.addr.u.drive.controller > maxController)
            maxController = (int)disk->info.addr.u.drive.controller;
    }
    for (idx = 0; idx <= maxController; idx++) {
        if (!vrDomainFindController(def, ctrlType, idx))
            vrDomainAppendController(def, ctrlType, idx, NULL);
    }
}

static bool
vrDomainNeedsVirtioSerial(const vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nchannels; i++) {
        if (def->channels[i]->targetType && g_str_equal(def->channels[i]->targetType, "virtio"))
            return true;
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetType && g_str_equal(def->consoles[i]->targetType, "virtio"))
            return true;
    }
    return false;
}

static void
vrDomainPostParseImplicitControllers(vrDomainDef *def)
{
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_SCSI, VR_DOMAIN_DISK_BUS_SCSI);
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_FDC, VR_DOMAIN_DISK_BUS_FDC);
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_IDE, VR_DOMAIN_DISK_BUS_IDE);
    vrDomainAddDiskControllers(def, VR_DOMAIN_CONTROLLER_TYPE_SATA, VR_DOMAIN_DISK_BUS_SATA);
    if (vrDomainNeedsVirtioSerial(def) &&
        !vrDomainFindController(def, VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, 0))
        vrDomainAppendController(def, VR_DOMAIN_CONTROLLER_TYPE_VIRTIO_SERIAL, 0, NULL);
    if (def->nsmartcards && !vrDomainFindController(def, VR_DOMAIN_CONTROLLER_TYPE_CCID, 0))
        vrDomainAppendController(def, VR_DOMAIN_CONTROLLER_TYPE_CCID, 0, NULL);
}

/* ---- character devices -------------------------------------------- */

static void
vrDomainAssignChrPorts(vrDomainChrDef **chrs, size_t n)
{
    int maxPort = -1;
    size_t i;

    for (i = 0; i < n; i++) {
        if (chrs[i]->targetPort > maxPort)
            maxPort = chrs[i]->targetPort;
    }
    for (i = 0; i < n; i++) {
        if (chrs[i]->targetPort < 0)
            chrs[i]->targetPort = ++maxPort;
    }
}

static void
vrDomainChrSourceCopy(vrDomainChrSource *dst, const vrDomainChrSource *src)
{
    vrDomainChrSourceClear(dst);
    dst->type = src->type;
    dst->path = g_strdup(src->path);
    dst->append = g_strdup(src->append);
    dst->mode = g_strdup(src->mode);
    dst->host = g_strdup(src->host);
    dst->service = g_strdup(src->service);
    dst->bindHost = g_strdup(src->bindHost);
    dst->bindService = g_strdup(src->bindService);
    dst->protocol = g_strdup(src->protocol);
    dst->channel = g_strdup(src->channel);
    dst->logFile = g_strdup(src->logFile);
    dst->logAppend = g_strdup(src->logAppend);
    dst->reconnectEnabled = g_strdup(src->reconnectEnabled);
    dst->reconnectTimeout = src->reconnectTimeout;
    dst->master = g_strdup(src->master);
    dst->slave = g_strdup(src->slave);
}

static vrDomainChrDef *
vrDomainChrNewLike(int deviceType, const vrDomainChrDef *from)
{
    vrDomainChrDef *chr = g_new0(vrDomainChrDef, 1);

    chr->deviceType = deviceType;
    chr->targetPort = from->targetPort;
    vrDomainChrSourceCopy(&chr->source, &from->source);
    return chr;
}

/* A serial-type console is an alias of the first serial port: both must
 * exist and describe the same host side. */
static void
vrDomainPostParseConsoles(vrDomainDef *def)
{
    bool hvm = g_str_equal(def->os.type, "hvm");
    size_t i;

    for (i = 0; i < def->nconsoles; i++) {
        vrDomainChrDef *con = def->consoles[i];
        if (!con->targetType && hvm && i == 0)
            con->targetType = g_strdup("serial");
        else if (!con->targetType)
            con->targetType = g_strdup(hvm ? "virtio" : "xen");
    }

    if (!hvm)
        goto ports;

    if (def->nconsoles && g_str_equal(def->consoles[0]->targetType, "serial")) {
        vrDomainChrDef *con = def->consoles[0];
        if (def->nserials == 0) {
            vrDomainChrDef *serial = vrDomainChrNewLike(VR_DOMAIN_CHR_DEVICE_TYPE_SERIAL, con);
            VR_APPEND_ELEMENT(def->serials, def->nserials, serial);
        }
    } else if (def->nserials) {
        /* no serial console yet: the first serial port becomes console 0 */
        vrDomainChrDef *con = g_new0(vrDomainChrDef, 1);
        con->deviceType = VR_DOMAIN_CHR_DEVICE_TYPE_CONSOLE;
        con->targetType = g_strdup("serial");
        con->targetPort = -1;
        VR_INSERT_ELEMENT(def->consoles, def->nconsoles, 0, con);
    }

 ports:
    vrDomainAssignChrPorts(def->serials, def->nserials);
    vrDomainAssignChrPorts(def->parallels, def->nparallels);

    if (hvm && def->nconsoles && def->nserials &&
        g_str_equal(def->consoles[0]->targetType, "serial")) {
        vrDomainChrDef *con = def->consoles[0];
        const vrDomainChrDef *serial = def->serials[0];

        for (i = 0; i < def->nserials; i++) {
            if (con->targetPort >= 0 && def->serials[i]->targetPort == con->targetPort) {
                serial = def->serials[i];
                break;
            }
        }
        vrDomainChrSourceCopy(&con->source, &serial->source);
        con->targetPort = serial->targetPort;
    }
    for (i = 0; i < def->nconsoles; i++) {
        if (def->consoles[i]->targetPort < 0)
            def->consoles[i]->targetPort = 0;
    }
}

/* ---- video --------------------------------------------------------- */

static int
vrDomainPostParseVideo(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nvideos; i++) {
        vrDomainVideoDef *v = def->videos[i];

        if (g_str_equal(v->type, "none")) {
            if (def->nvideos > 1) {
                vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s",
                              "a 'none' video type must be the only video device defined for "
                              "the domain");
                return -1;
            }
            continue;
        }
        if (!v->hasVram) {
            if (g_str_equal(v->type, "vga") || g_str_equal(v->type, "cirrus") ||
                g_str_equal(v->type, "vmvga")) {
                v->vram = 16384;
                v->hasVram = true;
            } else if (g_str_equal(v->type, "qxl")) {
                v->vram = 65536;
                v->hasVram = true;
            } else if (g_str_equal(v->type, "xen")) {
                v->vram = 4096;
                v->hasVram = true;
            } else if (g_str_equal(v->type, "vbox")) {
                v->vram = 8192;
                v->hasVram = true;
            }
        }
        if (g_str_equal(v->type, "qxl") && !v->hasRam) {
            v->ram = 65536;
            v->hasRam = true;
        }
        if (!v->hasHeads) {
            v->heads = 1;
            v->hasHeads = true;
        }
    }
    if (def->nvideos && !g_str_equal(def->videos[0]->type, "none"))
        def->videos[0]->primary = true;
    return 0;
}

/* ---- misc ---------------------------------------------------------- */

static void
vrDomainPostParseRNG(vrDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->nrngs; i++) {
        if (g_str_equal(def->rngs[i]->backendModel, "random") && !def->rngs[i]->backendPath)
            def->rngs[i]->backendPath = g_strdup("/dev/random");
    }
}

static void
vrDomainPostParseDriverDefaults(vrDomainDef *def, const vrDomainXMLOption *opt)
{
    if (!opt)
        return;
    if (!def->os.arch && opt->defaultArch)
        def->os.arch = g_strdup(opt->defaultArch);
    if (!def->os.machine && opt->defaultMachine)
        def->os.machine = g_strdup(opt->defaultMachine);
    if (!def->emulator && opt->defaultEmulator)
        def->emulator = g_strdup(opt->defaultEmulator);
    if (opt->addDefaultMemballoon && !def->memballoon) {
        def->memballoon = g_new0(vrDomainMemballoonDef, 1);
        def->memballoon->model = g_strdup("virtio");
    }
}

int
vrDomainDefPostParse(vrDomainDef *def, const vrDomainXMLOption *opt)
{
    vrDomainPostParseDriverDefaults(def, opt);
    if (vrDomainPostParseBoot(def) < 0 || vrDomainPostParseDisks(def) < 0)
        return -1;
    vrDomainPostParseControllerIndexes(def);
    vrDomainPostParseConsoles(def);
    vrDomainPostParseImplicitControllers(def);
    if (vrDomainPostParseVideo(def) < 0)
        return -1;
    vrDomainPostParseRNG(def);
    return 0;
}
