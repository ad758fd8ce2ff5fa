/*
 * storage_wipe.c: vol-wipe's overwrite patterns.
 *
 * libvirt hands every algorithm but 'zero' to scrub(1) ("scrub -f -p
 * ALG PATH"; -f because scrub refuses a file that carries its signature
 * from an earlier wipe), so the passes and their order are scrub's, and
 * a volume wiped here looks like one wiped by libvirt.  scrub is a
 * Debian package (scripts/install-deps.sh); without it the wipe fails
 * with an error that says so, and the volume is untouched.
 *
 * vol-delete --zeroed writes zeroes itself (files and block volumes).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_wipe.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define VR_LOG_CATEGORY "storage.wipe"

#define SCRUB "scrub"

/* Indexed by vrStorageVolWipeAlgorithm; these are also scrub's -p names. */
static const char *const vrStorageWipeNames[] = {
    "zero", "nnsa", "dod", "bsi", "gutmann", "schneier",
    "pfitzner7", "pfitzner33", "random", "trim",
};
G_STATIC_ASSERT(G_N_ELEMENTS(vrStorageWipeNames) == VR_STORAGE_VOL_WIPE_ALG_LAST);

const char *
vrStorageWipeAlgorithmName(unsigned int algorithm)
{
    return algorithm < G_N_ELEMENTS(vrStorageWipeNames) ? vrStorageWipeNames[algorithm] : NULL;
}

int
vrStorageWipeCheckAlgorithm(const char *vol, unsigned int algorithm)
{
    if (algorithm >= VR_STORAGE_VOL_WIPE_ALG_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported algorithm %u (volume '%s')", algorithm,
                      vol);
        return -1;
    }
    /* a file has no discard command to send; libvirt only trims rbd */
    if (algorithm == VR_STORAGE_VOL_WIPE_ALG_TRIM) {
        vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "'trim' algorithm not supported (volume '%s' "
                      "is a file in a 'dir' pool)", vol);
        return -1;
    }
    return 0;
}

static bool
vrStorageWipeHaveScrub(void)
{
    g_autofree char *found = g_find_program_in_path(SCRUB);

    return found != NULL;
}

int
vrStorageWipePatternFile(const char *vol, const char *path, unsigned int algorithm)
{
    g_autoptr(vrCommand) cmd = NULL;
    const char *name = vrStorageWipeAlgorithmName(algorithm);
    struct stat sb;

    if (vrStorageWipeCheckAlgorithm(vol, algorithm) < 0)
        return -1;
    if (!vrStorageWipeHaveScrub()) {
        vrReportError(VR_ERR_OPERATION_FAILED, "cannot wipe volume '%s' with algorithm '%s': "
                      "'%s' is not installed", vol, name, SCRUB);
        return -1;
    }
    if (stat(path, &sb) < 0) {
        vrReportSystemError(errno, "cannot stat volume '%s' at '%s'", vol, path);
        return -1;
    }
    /* scrub refuses an empty file; there is nothing to overwrite */
    if (S_ISREG(sb.st_mode) && sb.st_size == 0)
        return 0;
    VR_INFO("wiping volume '%s' (%s) with scrub pattern '%s'", vol, path, name);
    cmd = vrCommandNewArgList(SCRUB, "-f", "-p", name, path, NULL);
    return vrCommandRun(cmd, NULL);
}

/* @len zero bytes from offset 0 of @path, synced. */
static int
vrStorageWipeZeroes(const char *vol, const char *path, unsigned long long len)
{
    g_autofree char *zeros = g_malloc0(1 << 20);
    unsigned long long done = 0;
    int fd = open(path, O_WRONLY | O_CLOEXEC);

    if (fd < 0) {
        vrReportSystemError(errno, "cannot open volume '%s' at '%s' to zero it", vol, path);
        return -1;
    }
    while (done < len) {
        size_t n = (size_t)MIN(len - done, (unsigned long long)(1 << 20));
        if (vrFileWriteFull(fd, zeros, n) < 0) {
            vrReportSystemError(errno, "cannot write zeroes to volume '%s' at offset %llu", vol,
                                done);
            vrFileClose(&fd);
            return -1;
        }
        done += n;
    }
    if (fdatasync(fd) < 0) {
        vrReportSystemError(errno, "cannot sync volume '%s'", vol);
        vrFileClose(&fd);
        return -1;
    }
    vrFileClose(&fd);
    return 0;
}

int
vrStorageWipeBeforeDelete(const vrStorageVolDef *def)
{
    struct stat sb;

    switch (def->type) {
    case VR_STORAGE_VOL_FILE:
        if (stat(def->targetPath, &sb) < 0) {
            if (errno == ENOENT)
                return 0;         /* already gone: the delete says so */
            vrReportSystemError(errno, "cannot stat volume '%s' at '%s'", def->name,
                                def->targetPath);
            return -1;
        }
        return vrStorageWipeZeroes(def->name, def->targetPath, (unsigned long long)sb.st_size);
    case VR_STORAGE_VOL_BLOCK:
        /* a partition or LV: its capacity, as the backend found it */
        return vrStorageWipeZeroes(def->name, def->targetPath, def->capacity);
    case VR_STORAGE_VOL_DIR:
        return 0;                 /* rmdir of an empty directory leaves nothing */
    default:
        vrReportError(VR_ERR_NO_SUPPORT, "cannot zero volume '%s' before deleting it: it is "
                      "neither a file nor a block device", def->name);
        return -1;
    }
}
