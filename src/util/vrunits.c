/*
 * vrunits.c: size units.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <glib.h>

#include "vrerror.h"
#include "vrunits.h"

#define VR_FROM_THIS VR_FROM_NONE

static int
vrUnitMultiplier(const char *suffix, unsigned long long *mult)
{
    unsigned long long base;
    int power;

    if (g_ascii_strcasecmp(suffix, "b") == 0 ||
        g_ascii_strcasecmp(suffix, "byte") == 0 ||
        g_ascii_strcasecmp(suffix, "bytes") == 0) {
        *mult = 1;
        return 0;
    }
    if (!suffix[1] || g_ascii_strcasecmp(suffix + 1, "iB") == 0)
        base = 1024;
    else if (tolower((unsigned char)suffix[1]) == 'b' && !suffix[2])
        base = 1000;
    else
        return -1;

    switch (tolower((unsigned char)suffix[0])) {
    case 'k': power = 1; break;
    case 'm': power = 2; break;
    case 'g': power = 3; break;
    case 't': power = 4; break;
    case 'p': power = 5; break;
    case 'e': power = 6; break;
    default: return -1;
    }
    *mult = 1;
    while (power--)
        *mult *= base;
    return 0;
}

int
vrScaleInteger(unsigned long long *value, const char *suffix,
               unsigned long long scale, unsigned long long limit)
{
    unsigned long long mult = scale;

    if (!suffix)
        suffix = "";
    if (*suffix && vrUnitMultiplier(suffix, &mult) < 0) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown suffix '%s'", suffix);
        return -1;
    }
    if (mult == 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "invalid scale %llu", scale);
        return -1;
    }
    if (*value && *value > limit / mult) {
        vrReportError(VR_ERR_OVERFLOW, "value too large: %llu%s", *value, suffix);
        return -1;
    }
    *value *= mult;
    return 0;
}

int
vrParseScaledString(const char *str, unsigned long long scale,
                    unsigned long long limit, unsigned long long *value)
{
    char *end;
    unsigned long long v;

    if (!str || !*str || *str == '-')
        return -1;
    errno = 0;
    v = strtoull(str, &end, 10);
    if (errno || end == str)
        return -1;
    if (vrScaleInteger(&v, end, scale, limit) < 0)
        return -1;
    *value = v;
    return 0;
}

double
vrPrettySize(unsigned long long bytes, const char **unit)
{
    static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double val = (double)bytes;
    size_t i = 0;

    /* virsh switches unit once the value reaches 1024 of the smaller one */
    while (i + 1 < G_N_ELEMENTS(units) && bytes >= (1ULL << (10 * (i + 1)))) {
        i++;
        val = (double)bytes / (double)(1ULL << (10 * i));
    }
    *unit = units[i];
    return val;
}

char *
vrFormatPrettySize(unsigned long long bytes)
{
    const char *unit;
    double val = vrPrettySize(bytes, &unit);

    return g_strdup_printf("%.2lf %s", val, unit);
}
