/*
 * qemu_saveimage.c: reading and writing save image headers.
 */
#include <config.h>

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "qemu_saveimage.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

#define VR_FROM_THIS VR_FROM_QEMU

#define VR_SAVE_MAGIC "VireoQemuSave1\n"
#define VR_SAVE_PARTIAL "VireoQemuPart1\n"
#define VR_SAVE_XML_ALIGN 4096

/* On disk, big-endian; 64 bytes. */
typedef struct {
    char magic[16];
    uint32_t version;
    uint32_t xmlSpace;       /* bytes reserved for the XML (NUL padded) */
    uint32_t running;
    uint32_t unused[9];
} vrSaveHeader;
G_STATIC_ASSERT(sizeof(vrSaveHeader) == 64);

static uint32_t
vrSaveXMLSpace(size_t len)
{
    /* room to grow: save-image-define may make the definition longer */
    return (uint32_t)((len + 1 + VR_SAVE_XML_ALIGN + VR_SAVE_XML_ALIGN - 1) /
                      VR_SAVE_XML_ALIGN * VR_SAVE_XML_ALIGN);
}

static int
vrSaveWriteHeader(int fd, const char *path, const char *magic, uint32_t space, bool running)
{
    vrSaveHeader h;

    memset(&h, 0, sizeof(h));
    memcpy(h.magic, magic, sizeof(h.magic));
    h.version = htobe32(1);
    h.xmlSpace = htobe32(space);
    h.running = htobe32(running ? 1 : 0);
    if (pwrite(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h)) {
        vrReportSystemError(errno, "cannot write save image header to '%s'", path);
        return -1;
    }
    return 0;
}

int
vrQemuSaveImageCreate(const char *path, const char *xml, bool running)
{
    size_t len = strlen(xml);
    uint32_t space = vrSaveXMLSpace(len);
    g_autofree char *buf = g_malloc0(space);
    int fd;

    if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
        vrReportSystemError(errno, "cannot create save image '%s'", path);
        return -1;
    }
    memcpy(buf, xml, len);
    /* Marked partial until QEMU's stream is complete. */
    if (vrSaveWriteHeader(fd, path, VR_SAVE_PARTIAL, space, running) < 0 ||
        pwrite(fd, buf, space, sizeof(vrSaveHeader)) != (ssize_t)space ||
        lseek(fd, sizeof(vrSaveHeader) + space, SEEK_SET) < 0) {
        if (!vrErrorIsSet())
            vrReportSystemError(errno, "cannot write save image '%s'", path);
        close(fd);
        unlink(path);
        return -1;
    }
    return fd;
}

int
vrQemuSaveImageFinish(int fd)
{
    if (fdatasync(fd) < 0 || pwrite(fd, VR_SAVE_MAGIC, 16, 0) != 16 || fdatasync(fd) < 0) {
        vrReportSystemError(errno, "%s", "cannot complete the save image");
        return -1;
    }
    return 0;
}

static int
vrSaveReadHeader(int fd, const char *path, vrSaveHeader *h)
{
    if (pread(fd, h, sizeof(*h), 0) != (ssize_t)sizeof(*h)) {
        vrReportError(VR_ERR_OPERATION_FAILED, "'%s' is not a save image (too short)", path);
        return -1;
    }
    if (memcmp(h->magic, VR_SAVE_PARTIAL, 16) == 0) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "save image '%s' is incomplete: the save did not finish", path);
        return -1;
    }
    if (memcmp(h->magic, VR_SAVE_MAGIC, 16) != 0 || be32toh(h->version) != 1) {
        vrReportError(VR_ERR_OPERATION_FAILED, "'%s' is not a save image", path);
        return -1;
    }
    h->xmlSpace = be32toh(h->xmlSpace);
    h->running = be32toh(h->running);
    if (h->xmlSpace == 0 || h->xmlSpace > (64u << 20)) {
        vrReportError(VR_ERR_OPERATION_FAILED, "save image '%s' has a corrupt header", path);
        return -1;
    }
    return 0;
}

int
vrQemuSaveImageOpen(const char *path, vrQemuSaveImage *image, int *fdret)
{
    vrSaveHeader h;
    int fd;

    memset(image, 0, sizeof(*image));
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "cannot open save image '%s'", path);
        return -1;
    }
    if (vrSaveReadHeader(fd, path, &h) < 0)
        goto error;
    image->xml = g_malloc0(h.xmlSpace + 1);
    if (pread(fd, image->xml, h.xmlSpace, sizeof(h)) != (ssize_t)h.xmlSpace) {
        vrReportError(VR_ERR_OPERATION_FAILED, "save image '%s' is truncated", path);
        goto error;
    }
    image->running = h.running != 0;
    image->dataOffset = (off_t)(sizeof(h) + h.xmlSpace);
    if (fdret) {
        if (lseek(fd, image->dataOffset, SEEK_SET) < 0) {
            vrReportSystemError(errno, "cannot seek in save image '%s'", path);
            goto error;
        }
        *fdret = fd;
    } else {
        close(fd);
    }
    return 0;

 error:
    close(fd);
    vrQemuSaveImageClear(image);
    return -1;
}

int
vrQemuSaveImageUpdate(const char *path, const char *xml, int running)
{
    vrSaveHeader h;
    size_t len = strlen(xml);
    g_autofree char *buf = NULL;
    int fd, ret = -1;

    if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "cannot open save image '%s'", path);
        return -1;
    }
    if (vrSaveReadHeader(fd, path, &h) < 0)
        goto out;
    if (len + 1 > h.xmlSpace) {
        vrReportError(VR_ERR_OPERATION_FAILED,
                      "new definition (%zu bytes) does not fit in save image '%s' (%u bytes)",
                      len, path, h.xmlSpace - 1);
        goto out;
    }
    buf = g_malloc0(h.xmlSpace);
    memcpy(buf, xml, len);
    if (pwrite(fd, buf, h.xmlSpace, sizeof(h)) != (ssize_t)h.xmlSpace ||
        (running >= 0 && vrSaveWriteHeader(fd, path, VR_SAVE_MAGIC, h.xmlSpace, running) < 0) ||
        fdatasync(fd) < 0) {
        if (!vrErrorIsSet())
            vrReportSystemError(errno, "cannot update save image '%s'", path);
        goto out;
    }
    ret = 0;
 out:
    close(fd);
    return ret;
}

void
vrQemuSaveImageClear(vrQemuSaveImage *image)
{
    g_free(image->xml);
    memset(image, 0, sizeof(*image));
}
