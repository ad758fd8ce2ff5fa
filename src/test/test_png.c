/*
 * test_png.c: writes a minimal PNG without a compression library, using
 * stored (uncompressed) deflate blocks.
 */
#include <config.h>

#include <string.h>
#include <glib.h>

#include "test_png.h"

#define PNG_WIDTH 160
#define PNG_HEIGHT 100

static guint32
pngCRC(const unsigned char *data, size_t len, guint32 crc)
{
    size_t i;
    int k;

    crc = ~crc;
    for (i = 0; i < len; i++) {
        crc ^= data[i];
        for (k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static void
putBE32(GByteArray *out, guint32 v)
{
    unsigned char b[4] = { v >> 24, v >> 16, v >> 8, v };

    g_byte_array_append(out, b, 4);
}

static void
pngChunk(GByteArray *out, const char *type, const unsigned char *data, size_t len)
{
    guint32 crc;

    putBE32(out, (guint32)len);
    g_byte_array_append(out, (const guint8 *)type, 4);
    g_byte_array_append(out, data, (guint)len);
    crc = pngCRC((const unsigned char *)type, 4, 0);
    crc = pngCRC(data, len, crc);
    putBE32(out, crc);
}

/* zlib stream of stored blocks around @raw */
static GByteArray *
zlibStored(const unsigned char *raw, size_t len)
{
    GByteArray *z = g_byte_array_new();
    unsigned char hdr[2] = { 0x78, 0x01 };
    guint32 a = 1, b = 0;
    size_t i, off = 0;

    g_byte_array_append(z, hdr, 2);
    do {
        size_t n = MIN(len - off, 65535);
        unsigned char blk[5] = { off + n == len ? 1 : 0, n & 0xff, n >> 8,
                                 ~n & 0xff, (~n >> 8) & 0xff };
        g_byte_array_append(z, blk, 5);
        g_byte_array_append(z, raw + off, (guint)n);
        off += n;
    } while (off < len);
    for (i = 0; i < len; i++) {
        a = (a + raw[i]) % 65521;
        b = (b + a) % 65521;
    }
    putBE32(z, (b << 16) | a);
    return z;
}

unsigned char *
testScreenshotPNG(size_t *len)
{
    static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    unsigned char ihdr[13] = { 0 };
    size_t rowlen = PNG_WIDTH + 1;
    g_autofree unsigned char *raw = g_malloc(rowlen * PNG_HEIGHT);
    g_autoptr(GByteArray) z = NULL;
    GByteArray *out = g_byte_array_new();
    int x, y;

    for (y = 0; y < PNG_HEIGHT; y++) {
        raw[y * rowlen] = 0;  /* filter: none */
        for (x = 0; x < PNG_WIDTH; x++)
            raw[y * rowlen + 1 + x] = (unsigned char)((x * 255 / PNG_WIDTH) ^ (y * 2));
    }
    ihdr[0] = 0; ihdr[1] = 0; ihdr[2] = PNG_WIDTH >> 8; ihdr[3] = PNG_WIDTH & 0xff;
    ihdr[4] = 0; ihdr[5] = 0; ihdr[6] = PNG_HEIGHT >> 8; ihdr[7] = PNG_HEIGHT & 0xff;
    ihdr[8] = 8;   /* bit depth */
    ihdr[9] = 0;   /* grayscale */

    g_byte_array_append(out, signature, sizeof(signature));
    pngChunk(out, "IHDR", ihdr, sizeof(ihdr));
    z = zlibStored(raw, rowlen * PNG_HEIGHT);
    pngChunk(out, "IDAT", z->data, z->len);
    pngChunk(out, "IEND", NULL, 0);
    *len = out->len;
    return g_byte_array_free(out, FALSE);
}
