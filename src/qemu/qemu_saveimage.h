/*
 * qemu_saveimage.h: save images (virsh save, managedsave).
 *
 * An image is a fixed header, the guest's definition as XML (padded, so
 * save-image-define can replace it in place), then QEMU's migration
 * stream of the guest's memory and device state.
 */
#ifndef VR_QEMU_SAVEIMAGE_H
#define VR_QEMU_SAVEIMAGE_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct {
    char *xml;                 /* the definition stored in the image */
    bool running;              /* the guest was running when saved */
    off_t dataOffset;          /* where QEMU's stream starts */
} vrQemuSaveImage;

/* Creates @path (replacing it) with a header for @xml; returns the
 * descriptor positioned where QEMU's stream goes, or -1. */
int vrQemuSaveImageCreate(const char *path, const char *xml, bool running);
/* Marks a written image complete; an image that was never finished is
 * refused by Open (a save that died halfway leaves no usable image). */
int vrQemuSaveImageFinish(int fd);

/* Opens and checks an image; with @fd non-NULL returns a descriptor
 * positioned at QEMU's stream. */
int vrQemuSaveImageOpen(const char *path, vrQemuSaveImage *image, int *fd);
/* Replaces the definition (save-image-define); @running: 1 running,
 * 0 paused, -1 unchanged. */
int vrQemuSaveImageUpdate(const char *path, const char *xml, int running);
void vrQemuSaveImageClear(vrQemuSaveImage *image);

#endif
