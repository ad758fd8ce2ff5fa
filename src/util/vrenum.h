/*
 * vrenum.h: tables mapping enum values to their XML spellings.
 *
 *   VR_ENUM_DECL(vrDomainDiskDevice);
 *   VR_ENUM_IMPL(vrDomainDiskDevice, VR_DOMAIN_DISK_DEVICE_LAST,
 *                "disk", "cdrom", "floppy", "lun");
 *
 * gives vrDomainDiskDeviceTypeToString(int) and
 * vrDomainDiskDeviceTypeFromString(const char *) (-1 when unknown).
 */
#ifndef VR_ENUM_H
#define VR_ENUM_H

#include <stddef.h>

int vrEnumFromString(const char * const *table, size_t n, const char *str);
const char *vrEnumToString(const char * const *table, size_t n, int value);

#define VR_ENUM_DECL(name) \
    const char *name##TypeToString(int value); \
    int name##TypeFromString(const char *str)

#define VR_ENUM_IMPL(name, last, ...) \
    static const char *const name##TypeTable[] = { __VA_ARGS__ }; \
    _Static_assert(sizeof(name##TypeTable) / sizeof(name##TypeTable[0]) == (last), \
                   "table " #name " has the wrong size"); \
    const char *name##TypeToString(int value) \
    { \
        return vrEnumToString(name##TypeTable, (last), value); \
    } \
    int name##TypeFromString(const char *str) \
    { \
        return vrEnumFromString(name##TypeTable, (last), str); \
    }

#endif
