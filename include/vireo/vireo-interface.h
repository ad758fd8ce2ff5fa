/*
 * vireo-interface.h: host network interfaces.
 */
#ifndef VIREO_INTERFACE_H
#define VIREO_INTERFACE_H

typedef enum {
    VR_CONNECT_LIST_INTERFACES_INACTIVE = 1 << 0,
    VR_CONNECT_LIST_INTERFACES_ACTIVE = 1 << 1,
} vrConnectListAllInterfacesFlags;

typedef enum {
    VR_INTERFACE_XML_INACTIVE = 1 << 0,
} vrInterfaceXMLFlags;

int vrConnectListAllInterfaces(vrConnect *conn, vrInterface ***ifaces, unsigned int flags);
int vrConnectNumOfInterfaces(vrConnect *conn);
int vrConnectListInterfaces(vrConnect *conn, char **names, int maxnames);
int vrConnectNumOfDefinedInterfaces(vrConnect *conn);
int vrConnectListDefinedInterfaces(vrConnect *conn, char **names, int maxnames);
vrInterface *vrInterfaceLookupByName(vrConnect *conn, const char *name);
vrInterface *vrInterfaceLookupByMACString(vrConnect *conn, const char *mac);
char *vrInterfaceGetXMLDesc(vrInterface *iface, unsigned int flags);
vrInterface *vrInterfaceDefineXML(vrConnect *conn, const char *xml, unsigned int flags);
int vrInterfaceUndefine(vrInterface *iface);
int vrInterfaceCreate(vrInterface *iface, unsigned int flags);
int vrInterfaceDestroy(vrInterface *iface, unsigned int flags);
int vrInterfaceIsActive(vrInterface *iface);

const char *vrInterfaceGetName(vrInterface *iface);
const char *vrInterfaceGetMACString(vrInterface *iface);
vrConnect *vrInterfaceGetConnect(vrInterface *iface);
int vrInterfaceRef(vrInterface *iface);
int vrInterfaceFree(vrInterface *iface);

#endif
