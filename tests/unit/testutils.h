/*
 * testutils.h: a tiny check counter for the C unit tests; each test ends
 * with the suite's "N passed, N failed" line.
 */
#ifndef VR_TEST_UTILS_H
#define VR_TEST_UTILS_H

#include <stdio.h>
#include <string.h>

static int testPassed, testFailed;

#define CHECK(cond) \
    do { \
        if (cond) { \
            testPassed++; \
        } else { \
            testFailed++; \
            fprintf(stdout, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        } \
    } while (0)

#define CHECK_STREQ(a, b) \
    do { \
        const char *_a = (a), *_b = (b); \
        if (_a && _b && strcmp(_a, _b) == 0) { \
            testPassed++; \
        } else { \
            testFailed++; \
            fprintf(stdout, "FAIL %s:%d: '%s' != '%s'\n", __FILE__, __LINE__, \
                    _a ? _a : "(null)", _b ? _b : "(null)"); \
        } \
    } while (0)

static inline int
testFinish(void)
{
    printf("%d passed, %d failed\n", testPassed, testFailed);
    return testFailed ? 1 : 0;
}

#endif
