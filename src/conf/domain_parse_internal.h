/*
 * domain_parse_internal.h: helpers shared by the domain parser files.
 */
#ifndef VR_DOMAIN_PARSE_INTERNAL_H
#define VR_DOMAIN_PARSE_INTERNAL_H

#include "domain_conf.h"

/* 0 absent, 1 parsed, -1 invalid (reported with libvirt's wording). */
int vrDomainParseEnumAttr(xmlNodePtr node, const char *attr,
                          int (*fromString)(const char *), bool required, int *value);
/* strtoull as libvirt applies it to numbers in elements: 0 or -1. */
int vrDomainParseULLong(const char *str, unsigned long long *value);
int vrDomainParseMemoryElement(xmlNodePtr node, const char *where, unsigned long long *kib);
int vrDomainParseAddress(xmlNodePtr node, vrDomainDeviceAddress *addr);
int vrDomainParseDeviceInfo(xmlNodePtr node, vrDomainDeviceInfo *info, unsigned int flags);

/* Every child of <devices>, in document order. */
int vrDomainParseDevices(xmlNodePtr devices, vrDomainDef *def, unsigned int flags);
/* One device element into @dev. */
int vrDomainParseDeviceNode(xmlNodePtr node, vrDomainDeviceDef *dev, unsigned int flags);

/* Disks are kept ordered by bus and target index, as libvirt orders them. */
void vrDomainDiskInsert(vrDomainDef *def, vrDomainDiskDef *disk);

/* Formatting helpers shared by the format files. */
void vrDomainFormatDeviceInfo(vrBuf *buf, const vrDomainDeviceInfo *info, unsigned int flags);
void vrDomainFormatAddress(vrBuf *buf, const vrDomainDeviceAddress *addr);
void vrDomainFormatDevices(vrBuf *buf, const vrDomainDef *def, unsigned int flags);
void vrDomainFormatChrSource(vrBuf *buf, const vrDomainChrSource *src, unsigned int flags);
int vrDomainParseChrSource(xmlNodePtr node, vrDomainChrSource *src, unsigned int flags);

#endif
