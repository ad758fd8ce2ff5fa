/*
 * vrunits.h: size units as libvirt understands them.
 *
 * "k", "KiB" are powers of 1024; "KB" powers of 1000; "b", "bytes" are
 * bytes; no suffix means @scale bytes.
 */
#ifndef VR_UNITS_H
#define VR_UNITS_H

/* Multiplies *value by the unit; reports an error naming the suffix or
 * the overflow.  Returns 0 or -1. */
int vrScaleInteger(unsigned long long *value, const char *suffix,
                   unsigned long long scale, unsigned long long limit);

/* Parses "NUMBER[SUFFIX]" into bytes. */
int vrParseScaledString(const char *str, unsigned long long scale,
                        unsigned long long limit, unsigned long long *value);

/* "10.00 MiB" style rendering used by virsh (vol-info, pool-info). */
char *vrFormatPrettySize(unsigned long long bytes);
/* Splits bytes into a value and a unit the way virsh's pretty printer does. */
double vrPrettySize(unsigned long long bytes, const char **unit);

#endif
