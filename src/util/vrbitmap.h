/*
 * vrbitmap.h: fixed-size bit sets, as used for CPU and NUMA node lists.
 *
 * The text form is libvirt's: comma separated entries, each a number, a
 * range "N-M" or an exclusion "^N", applied left to right ("0-7,^3").
 * The byte form is a CPU map: bit i is bit (i % 8) of byte (i / 8).
 */
#ifndef VR_BITMAP_H
#define VR_BITMAP_H

#include <stdbool.h>
#include <sys/types.h>
#include <glib.h>

typedef struct _vrBitmap vrBitmap;

vrBitmap *vrBitmapNew(size_t nbits);
void vrBitmapFree(vrBitmap *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrBitmap, vrBitmapFree)

size_t vrBitmapSize(const vrBitmap *map);
/* Out-of-range bits are ignored by the setters and read as clear. */
void vrBitmapSetBit(vrBitmap *map, size_t bit);
void vrBitmapClearBit(vrBitmap *map, size_t bit);
bool vrBitmapIsBitSet(const vrBitmap *map, size_t bit);
void vrBitmapSetAll(vrBitmap *map);
bool vrBitmapIsAllClear(const vrBitmap *map);
/* Highest set bit, -1 when none is. */
ssize_t vrBitmapLastSetBit(const vrBitmap *map);

/* Parses the text form into a map of @nbits bits.  A malformed list or a
 * number >= @nbits is reported as "Failed to parse bitmap '...'". */
int vrBitmapParse(const char *str, size_t nbits, vrBitmap **map);
/* The shortest text form ("0-3,6"); "" for an empty map. */
char *vrBitmapFormat(const vrBitmap *map);

/* Byte form: a map of len * 8 bits from @data, and the first @len bytes of
 * @map into @data (bits beyond the map are left clear). */
vrBitmap *vrBitmapNewData(const unsigned char *data, size_t len);
void vrBitmapToDataBuf(const vrBitmap *map, unsigned char *data, size_t len);

#endif
