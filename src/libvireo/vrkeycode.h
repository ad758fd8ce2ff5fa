/*
 * vrkeycode.h: key codes in the code sets of vrDomainSendKey.
 *
 * Shared by virsh (names and numbers on the command line), the test
 * driver (which checks codes like libvirt's does) and the QEMU driver
 * (which sends QEMU's "qnum" numbers).
 */
#ifndef VR_KEYCODE_H
#define VR_KEYCODE_H

#include <stddef.h>

typedef struct {
    const char *linuxName;
    int linuxCode;
    const char *osxName;
    int osx;
    int atset1, atset2, atset3;
    int usb;
    const char *win32Name;
    int win32;
} vrKeycodeRow;

extern const vrKeycodeRow vrKeycodeRows[];
extern const size_t vrKeycodeNRows;

/* libvirt's code set names ("linux", "xt", ..., "qnum"); "rfb" is also
 * accepted by FromString.  -1 / NULL when unknown. */
int vrKeycodeSetFromString(const char *name);
const char *vrKeycodeSetToString(int codeset);

/* The code of key @name in @codeset (only linux, os_x and win32 have
 * names), or -1. */
int vrKeycodeValueFromString(int codeset, const char *name);

/* The code in @to of the key that is @value in @from, or -1 when @from
 * has no such key or @to has no code for it. */
int vrKeycodeValueTranslate(int from, int to, int value);

#endif
