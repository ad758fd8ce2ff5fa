/*
 * vrenum.c: enum tables.
 */
#include <config.h>

#include <string.h>

#include "vrenum.h"

int
vrEnumFromString(const char * const *table, size_t n, const char *str)
{
    size_t i;

    if (!str)
        return -1;
    for (i = 0; i < n; i++) {
        if (table[i] && strcmp(table[i], str) == 0)
            return (int)i;
    }
    return -1;
}

const char *
vrEnumToString(const char * const *table, size_t n, int value)
{
    if (value < 0 || (size_t)value >= n)
        return NULL;
    return table[value];
}
