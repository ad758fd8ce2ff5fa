/*
 * qemu_driver_console.c: streams out of a running guest: its text
 * consoles (the pty QEMU gave a serial port or console) and screenshots.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "libvireo/vrlocalstream.h"
#include "qemu_driver.h"
#include "qemu_monitor_cmds.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_QEMU

#define QEMU_DOMAIN_BEGIN(dom, obj, ret) \
    vrQemuDomainObj *obj = vrQemuDomObjFromDomain(dom); \
    if (!obj) \
        return ret

/* libvirt's console flags */
#define VR_CONSOLE_FORCE (1 << 0)
#define VR_CONSOLE_SAFE (1 << 1)

/* The device @devname names ("serial0", "console0", an alias), or the
 * first console, as virsh console does. */
static vrDomainChrDef *
vrQemuConsoleFind(vrDomainDef *def, const char *devname)
{
    vrDomainChrDef **lists[] = { def->consoles, def->serials, def->parallels, def->channels };
    size_t counts[] = { def->nconsoles, def->nserials, def->nparallels, def->nchannels };

    if (!devname)
        return def->nconsoles ? def->consoles[0] : def->nserials ? def->serials[0] : NULL;
    for (size_t l = 0; l < G_N_ELEMENTS(lists); l++) {
        for (size_t i = 0; i < counts[l]; i++) {
            vrDomainChrDef *chr = lists[l][i];
            if ((chr->info.alias && g_str_equal(chr->info.alias, devname)) ||
                (chr->targetName && g_str_equal(chr->targetName, devname)))
                return chr;
        }
    }
    return NULL;
}

/* Console streams in use, by device: a second client needs --force. */
static GMutex vrQemuConsolesLock;
static GHashTable *vrQemuConsoles;   /* "uuid/alias" -> vrStream (one reference) */

static void
vrQemuConsoleStreamUnref(gpointer st)
{
    vrStreamFree(st);
}

/* The stream a claim replaces comes back in @replaced, for the caller to
 * free once it holds no lock: dropping the last reference to a stream can
 * close its connection, whose autodestroy takes guest locks. */
static int
vrQemuConsoleClaim(vrQemuDomainObj *obj, const vrDomainChrDef *chr, vrStream *st, bool force,
                   vrStream **replaced)
{
    char uuid[VR_UUID_STRING_BUFLEN];
    g_autofree char *key = g_strdup_printf("%s/%s", vrUUIDFormat(obj->def->uuid, uuid),
                                           chr->info.alias ? chr->info.alias : "console");
    gpointer oldKey = NULL, old = NULL;

    g_mutex_lock(&vrQemuConsolesLock);
    if (!vrQemuConsoles)
        vrQemuConsoles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                               vrQemuConsoleStreamUnref);
    old = g_hash_table_lookup(vrQemuConsoles, key);
    /* Only our reference left means its client has gone. */
    if (old && g_atomic_int_get(&((vrStream *)old)->refs) > 1 && !force) {
        g_mutex_unlock(&vrQemuConsolesLock);
        vrReportError(VR_ERR_OPERATION_FAILED, "%s",
                      "Active console session exists for this domain");
        return -1;
    }
    if (g_hash_table_steal_extended(vrQemuConsoles, key, &oldKey, &old)) {
        g_free(oldKey);
        if (g_atomic_int_get(&((vrStream *)old)->refs) > 1)
            vrStreamAbort(old);
        *replaced = old;
    }
    vrStreamRef(st);
    g_hash_table_insert(vrQemuConsoles, g_steal_pointer(&key), st);
    g_mutex_unlock(&vrQemuConsolesLock);
    return 0;
}

static int
vrQemuDomainOpenConsole(vrDomain *dom, const char *devname, vrStream *st, unsigned int flags)
{
    vrDomainChrDef *chr;
    vrStream *replaced = NULL;
    int fd, ret = -1;

    vrCheckFlags(VR_CONSOLE_FORCE | VR_CONSOLE_SAFE, -1);
    QEMU_DOMAIN_BEGIN(dom, obj, -1);
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto out;
    }
    if (!(chr = vrQemuConsoleFind(obj->def, devname))) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot find character device %s",
                      devname ? devname : "<null>");
        goto out;
    }
    if (chr->source.type != VR_DOMAIN_CHR_TYPE_PTY || !chr->source.path) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "character device %s is not using a PTY",
                      devname ? devname : chr->info.alias ? chr->info.alias : "console");
        goto out;
    }
    if ((fd = open(chr->source.path, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "cannot open console '%s' of guest '%s'",
                            chr->source.path, obj->def->name);
        goto out;
    }
    if (vrStreamOpenFD(st, fd) < 0) {
        close(fd);
        goto out;
    }
    if (vrQemuConsoleClaim(obj, chr, st, flags & VR_CONSOLE_FORCE, &replaced) < 0) {
        vrStreamAbort(st);
        goto out;
    }
    ret = 0;
 out:
    vrQemuDomainObjEndAPI(&obj);
    if (replaced)
        vrStreamFree(replaced);
    return ret;
}

/* QEMU writes the screen as a PPM file; the client gets the file. */
static char *
vrQemuDomainScreenshot(vrDomain *dom, vrStream *st, unsigned int screen, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autofree char *file = NULL;
    g_autofree char *path = NULL;
    char *mime = NULL;
    int rc;

    vrCheckFlags(0, NULL);
    QEMU_DOMAIN_BEGIN(dom, obj, NULL);
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_QUERY, "screenshot") < 0)
        goto out;
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto endjob;
    }
    if (obj->def->nvideos == 0) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "no screens to take screenshot from");
        goto endjob;
    }
    if (screen >= obj->def->nvideos) {
        vrReportError(VR_ERR_INVALID_ARG, "invalid screen ID %u", screen);
        goto endjob;
    }
    file = g_strdup_printf("%s.screendump", obj->def->name);
    path = g_build_filename(driver->cfg->stateDir, file, NULL);
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        goto endjob;
    rc = vrQemuMonitorScreendump(obj->mon, path, NULL, screen ? (int)screen : -1, NULL);
    vrQemuDomainObjExitMonitor(obj);
    if (rc < 0)
        goto endjob;
    if (vrStreamOpenFile(st, path, 0, 0, O_RDONLY, false) == 0)
        mime = g_strdup("image/x-portable-pixmap");
    /* the open descriptor keeps the data; the name can go */
    vrFileRemoveIfExists(path);
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return mime;
}

void
vrQemuConsoleDriverInit(vrHypervisorDriver *hv)
{
    hv->domainOpenConsole = vrQemuDomainOpenConsole;
    hv->domainScreenshot = vrQemuDomainScreenshot;
}
