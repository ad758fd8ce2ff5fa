/*
 * vrkeycode.c: looking keys up in the code set table.
 */
#include <config.h>

#include <string.h>

#include "vireo/vireo.h"
#include "vrkeycode.h"

static const char *const vrKeycodeSetNames[VR_KEYCODE_SET_LAST] = {
    [VR_KEYCODE_SET_LINUX] = "linux",
    [VR_KEYCODE_SET_XT] = "xt",
    [VR_KEYCODE_SET_ATSET1] = "atset1",
    [VR_KEYCODE_SET_ATSET2] = "atset2",
    [VR_KEYCODE_SET_ATSET3] = "atset3",
    [VR_KEYCODE_SET_OSX] = "os_x",
    [VR_KEYCODE_SET_XT_KBD] = "xt_kbd",
    [VR_KEYCODE_SET_USB] = "usb",
    [VR_KEYCODE_SET_WIN32] = "win32",
    [VR_KEYCODE_SET_QNUM] = "qnum",
};

int
vrKeycodeSetFromString(const char *name)
{
    int i;

    if (!name)
        return -1;
    if (strcmp(name, "rfb") == 0)
        return VR_KEYCODE_SET_RFB;
    for (i = 0; i < VR_KEYCODE_SET_LAST; i++) {
        if (strcmp(name, vrKeycodeSetNames[i]) == 0)
            return i;
    }
    return -1;
}

const char *
vrKeycodeSetToString(int codeset)
{
    if (codeset < 0 || codeset >= VR_KEYCODE_SET_LAST)
        return NULL;
    return vrKeycodeSetNames[codeset];
}

/* Set 1 scancodes with the 0xe0 prefix become 0x100|code in the XT KBD
 * numbering and 0x80|code in QEMU's. */
static int
vrKeycodeFromSet1(int set1, int codeset)
{
    int low = set1 & 0xff;

    if (set1 < 0)
        return -1;
    if ((set1 & 0xff00) == 0xe000) {
        if (codeset == VR_KEYCODE_SET_XT)
            return -1;
        return codeset == VR_KEYCODE_SET_QNUM ? (low | 0x80) : (low | 0x100);
    }
    if (set1 > 0xff)
        return -1;
    /* the original XT keyboard had 83 keys */
    if (codeset == VR_KEYCODE_SET_XT && set1 > 0x53)
        return -1;
    return set1;
}

static int
vrKeycodeRowValue(const vrKeycodeRow *row, int codeset)
{
    switch (codeset) {
    case VR_KEYCODE_SET_LINUX:
        return row->linuxCode;
    case VR_KEYCODE_SET_OSX:
        return row->osxName ? row->osx : -1;
    case VR_KEYCODE_SET_ATSET1:
        return row->atset1;
    case VR_KEYCODE_SET_ATSET2:
        return row->atset2;
    case VR_KEYCODE_SET_ATSET3:
        return row->atset3;
    case VR_KEYCODE_SET_USB:
        return row->usb;
    case VR_KEYCODE_SET_WIN32:
        return row->win32;
    case VR_KEYCODE_SET_XT:
    case VR_KEYCODE_SET_XT_KBD:
    case VR_KEYCODE_SET_QNUM:
        return vrKeycodeFromSet1(row->atset1, codeset);
    default:
        return -1;
    }
}

static const char *
vrKeycodeRowName(const vrKeycodeRow *row, int codeset)
{
    switch (codeset) {
    case VR_KEYCODE_SET_LINUX:
        return row->linuxName;
    case VR_KEYCODE_SET_OSX:
        return row->osxName;
    case VR_KEYCODE_SET_WIN32:
        return row->win32Name;
    default:
        return NULL;
    }
}

int
vrKeycodeValueFromString(int codeset, const char *name)
{
    size_t i;

    for (i = 0; i < vrKeycodeNRows; i++) {
        const char *n = vrKeycodeRowName(&vrKeycodeRows[i], codeset);

        if (n && strcmp(n, name) == 0)
            return vrKeycodeRowValue(&vrKeycodeRows[i], codeset);
    }
    return -1;
}

int
vrKeycodeValueTranslate(int from, int to, int value)
{
    size_t i;

    if (value < 0 || from < 0 || from >= VR_KEYCODE_SET_LAST ||
        to < 0 || to >= VR_KEYCODE_SET_LAST)
        return -1;
    for (i = 0; i < vrKeycodeNRows; i++) {
        if (vrKeycodeRowValue(&vrKeycodeRows[i], from) == value) {
            int v = vrKeycodeRowValue(&vrKeycodeRows[i], to);

            if (v >= 0)
                return v;
        }
    }
    return -1;
}
