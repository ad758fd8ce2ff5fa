/*
 * vruuid.h: UUIDs in their 16-byte and 36-character forms.
 */
#ifndef VR_UUID_H
#define VR_UUID_H

#include <stdbool.h>
#include "vireo/vireo.h"

/* Accepts the canonical form and the forms libvirt accepts: hex digits
 * optionally separated by dashes, with surrounding blanks.  Returns 0 or -1
 * (without reporting: callers name the object in their own error). */
int vrUUIDParse(const char *str, unsigned char *uuid);
/* Writes the canonical lower-case form into buf (VR_UUID_STRING_BUFLEN). */
char *vrUUIDFormat(const unsigned char *uuid, char *buf);
/* A random version 4 UUID. */
void vrUUIDGenerate(unsigned char *uuid);
bool vrUUIDIsValidString(const char *str);

#endif
