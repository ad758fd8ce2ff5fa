/*
 * vrbitmap.c: fixed-size bit sets.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vireo/vireo.h"
#include "vrbitmap.h"
#include "vrerror.h"

#define VR_FROM_THIS VR_FROM_NONE

struct _vrBitmap {
    size_t nbits;
    unsigned char *bits;
};

vrBitmap *
vrBitmapNew(size_t nbits)
{
    vrBitmap *map = g_new0(vrBitmap, 1);

    map->nbits = nbits;
    map->bits = g_new0(unsigned char, (nbits + 7) / 8 + 1);
    return map;
}

void
vrBitmapFree(vrBitmap *map)
{
    if (!map)
        return;
    g_free(map->bits);
    g_free(map);
}

size_t
vrBitmapSize(const vrBitmap *map)
{
    return map->nbits;
}

void
vrBitmapSetBit(vrBitmap *map, size_t bit)
{
    if (bit < map->nbits)
        map->bits[bit / 8] |= (unsigned char)(1u << (bit % 8));
}

void
vrBitmapClearBit(vrBitmap *map, size_t bit)
{
    if (bit < map->nbits)
        map->bits[bit / 8] &= (unsigned char)~(1u << (bit % 8));
}

bool
vrBitmapIsBitSet(const vrBitmap *map, size_t bit)
{
    return bit < map->nbits && (map->bits[bit / 8] & (1u << (bit % 8)));
}

void
vrBitmapSetAll(vrBitmap *map)
{
    size_t i;

    for (i = 0; i < map->nbits; i++)
        vrBitmapSetBit(map, i);
}

bool
vrBitmapIsAllClear(const vrBitmap *map)
{
    return vrBitmapLastSetBit(map) < 0;
}

ssize_t
vrBitmapLastSetBit(const vrBitmap *map)
{
    size_t i;

    for (i = map->nbits; i > 0; i--) {
        if (vrBitmapIsBitSet(map, i - 1))
            return (ssize_t)(i - 1);
    }
    return -1;
}

/* One unsigned number at *p, spaces around it skipped. */
static bool
vrBitmapParseNumber(const char **p, size_t *value)
{
    const char *s = *p;
    char *end;
    unsigned long long v;

    while (g_ascii_isspace(*s))
        s++;
    if (!g_ascii_isdigit(*s))
        return false;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || v > G_MAXINT)
        return false;
    while (g_ascii_isspace(*end))
        end++;
    *value = (size_t)v;
    *p = end;
    return true;
}

int
vrBitmapParse(const char *str, size_t nbits, vrBitmap **map)
{
    g_autoptr(vrBitmap) out = vrBitmapNew(nbits);
    const char *p = str;

    *map = NULL;
    if (!str)
        goto error;
    while (g_ascii_isspace(*p))
        p++;
    if (!*p)
        goto error;
    for (;;) {
        bool exclude = false;
        size_t first, last, i;

        while (g_ascii_isspace(*p))
            p++;
        if (*p == '^') {
            exclude = true;
            p++;
        }
        if (!vrBitmapParseNumber(&p, &first) || first >= nbits)
            goto error;
        last = first;
        if (*p == '-') {
            /* an exclusion names single bits only */
            if (exclude)
                goto error;
            p++;
            if (!vrBitmapParseNumber(&p, &last) || last >= nbits || last < first)
                goto error;
        }
        for (i = first; i <= last; i++) {
            if (exclude)
                vrBitmapClearBit(out, i);
            else
                vrBitmapSetBit(out, i);
        }
        if (!*p)
            break;
        if (*p != ',')
            goto error;
        p++;
    }
    *map = g_steal_pointer(&out);
    return 0;

 error:
    vrReportError(VR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str ? str : "");
    return -1;
}

char *
vrBitmapFormat(const vrBitmap *map)
{
    GString *out = g_string_new(NULL);
    size_t i = 0;

    while (i < map->nbits) {
        size_t start;

        if (!vrBitmapIsBitSet(map, i)) {
            i++;
            continue;
        }
        start = i;
        while (i + 1 < map->nbits && vrBitmapIsBitSet(map, i + 1))
            i++;
        if (out->len)
            g_string_append_c(out, ',');
        if (start == i)
            g_string_append_printf(out, "%zu", start);
        else
            g_string_append_printf(out, "%zu-%zu", start, i);
        i++;
    }
    return g_string_free(out, FALSE);
}

vrBitmap *
vrBitmapNewData(const unsigned char *data, size_t len)
{
    vrBitmap *map = vrBitmapNew(len * 8);

    if (len)
        memcpy(map->bits, data, len);
    return map;
}

void
vrBitmapToDataBuf(const vrBitmap *map, unsigned char *data, size_t len)
{
    size_t i;

    memset(data, 0, len);
    for (i = 0; i < len * 8 && i < map->nbits; i++) {
        if (vrBitmapIsBitSet(map, i))
            data[i / 8] |= (unsigned char)(1u << (i % 8));
    }
}
