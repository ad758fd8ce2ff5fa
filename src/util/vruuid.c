/*
 * vruuid.c: UUID parsing, formatting and generation.
 */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "vruuid.h"

static int
hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
vrUUIDParse(const char *str, unsigned char *uuid)
{
    size_t i = 0;

    if (!str)
        return -1;
    while (isspace((unsigned char)*str))
        str++;

    while (i < VR_UUID_BUFLEN) {
        int hi, lo;

        if (*str == '-') {
            str++;
            continue;
        }
        if ((hi = hexValue(str[0])) < 0 || (lo = hexValue(str[1])) < 0)
            return -1;
        uuid[i++] = (unsigned char)(hi << 4 | lo);
        str += 2;
    }

    while (isspace((unsigned char)*str))
        str++;
    return *str ? -1 : 0;
}

char *
vrUUIDFormat(const unsigned char *uuid, char *buf)
{
    snprintf(buf, VR_UUID_STRING_BUFLEN,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
             uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
    return buf;
}

void
vrUUIDGenerate(unsigned char *uuid)
{
    size_t i;

    for (i = 0; i < VR_UUID_BUFLEN; i += 4) {
        guint32 r = g_random_int();
        memcpy(uuid + i, &r, 4);
    }
    uuid[6] = (uuid[6] & 0x0f) | 0x40;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;
}

bool
vrUUIDIsValidString(const char *str)
{
    unsigned char uuid[VR_UUID_BUFLEN];

    return vrUUIDParse(str, uuid) == 0;
}
