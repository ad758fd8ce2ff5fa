/*
 * test_png.h: the test driver's screenshot, a small generated PNG.
 */
#ifndef VR_TEST_PNG_H
#define VR_TEST_PNG_H

#include <stddef.h>

/* A grayscale PNG of a gradient; the caller frees it with g_free. */
unsigned char *testScreenshotPNG(size_t *len);

#endif
