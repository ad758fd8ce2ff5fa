/*
 * libvireo-interface.c: the public host interface API.
 */
#include <config.h>

#include "api_internal.h"

/* errors name the object kind, as libvirt's API files do */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_INTERFACE

int
vrConnectListAllInterfaces(vrConnect *conn, vrInterface ***ifaces, unsigned int flags)
{
    if (ifaces)
        *ifaces = NULL;
    VR_API_CONN(conn, "virConnectListAllInterfaces", -1);
    VR_API_CALL(conn, iface, connectListAllInterfaces, "virConnectListAllInterfaces", -1,
                conn, ifaces, flags);
}

int
vrConnectNumOfInterfaces(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfInterfaces", -1);
    VR_API_CALL(conn, iface, connectNumOfInterfaces, "virConnectNumOfInterfaces", -1, conn);
}

int
vrConnectListInterfaces(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListInterfaces", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListInterfaces", -1);
    VR_API_CALL(conn, iface, connectListInterfaces, "virConnectListInterfaces", -1,
                conn, names, maxnames);
}

int
vrConnectNumOfDefinedInterfaces(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfDefinedInterfaces", -1);
    VR_API_CALL(conn, iface, connectNumOfDefinedInterfaces, "virConnectNumOfDefinedInterfaces",
                -1, conn);
}

int
vrConnectListDefinedInterfaces(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListDefinedInterfaces", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListDefinedInterfaces", -1);
    VR_API_CALL(conn, iface, connectListDefinedInterfaces, "virConnectListDefinedInterfaces",
                -1, conn, names, maxnames);
}

vrInterface *
vrInterfaceLookupByName(vrConnect *conn, const char *name)
{
    VR_API_CONN(conn, "virInterfaceLookupByName", NULL);
    VR_API_ARG(name, "virInterfaceLookupByName", NULL);
    VR_API_CALL(conn, iface, interfaceLookupByName, "virInterfaceLookupByName", NULL, conn, name);
}

vrInterface *
vrInterfaceLookupByMACString(vrConnect *conn, const char *mac)
{
    VR_API_CONN(conn, "virInterfaceLookupByMACString", NULL);
    VR_API_ARG(mac, "virInterfaceLookupByMACString", NULL);
    VR_API_CALL(conn, iface, interfaceLookupByMACString, "virInterfaceLookupByMACString", NULL,
                conn, mac);
}

char *
vrInterfaceGetXMLDesc(vrInterface *iface, unsigned int flags)
{
    VR_API_IFACE(iface, "virInterfaceGetXMLDesc", NULL);
    VR_API_CALL(iface->conn, iface, interfaceGetXMLDesc, "virInterfaceGetXMLDesc", NULL,
                iface, flags);
}

vrInterface *
vrInterfaceDefineXML(vrConnect *conn, const char *xml, unsigned int flags)
{
    VR_API_CONN(conn, "virInterfaceDefineXML", NULL);
    VR_API_ARG(xml, "virInterfaceDefineXML", NULL);
    VR_API_WRITABLE(conn, "virInterfaceDefineXML", NULL);
    VR_API_CALL(conn, iface, interfaceDefineXML, "virInterfaceDefineXML", NULL, conn, xml, flags);
}

int
vrInterfaceUndefine(vrInterface *iface)
{
    VR_API_IFACE(iface, "virInterfaceUndefine", -1);
    VR_API_WRITABLE(iface->conn, "virInterfaceUndefine", -1);
    VR_API_CALL(iface->conn, iface, interfaceUndefine, "virInterfaceUndefine", -1, iface);
}

int
vrInterfaceCreate(vrInterface *iface, unsigned int flags)
{
    VR_API_IFACE(iface, "virInterfaceCreate", -1);
    VR_API_WRITABLE(iface->conn, "virInterfaceCreate", -1);
    VR_API_CALL(iface->conn, iface, interfaceCreate, "virInterfaceCreate", -1, iface, flags);
}

int
vrInterfaceDestroy(vrInterface *iface, unsigned int flags)
{
    VR_API_IFACE(iface, "virInterfaceDestroy", -1);
    VR_API_WRITABLE(iface->conn, "virInterfaceDestroy", -1);
    VR_API_CALL(iface->conn, iface, interfaceDestroy, "virInterfaceDestroy", -1, iface, flags);
}

int
vrInterfaceIsActive(vrInterface *iface)
{
    VR_API_IFACE(iface, "virInterfaceIsActive", -1);
    VR_API_CALL(iface->conn, iface, interfaceIsActive, "virInterfaceIsActive", -1, iface);
}
