/*
 * libvireo-network.c: the public virtual network API.
 */
#include <config.h>

#include "api_internal.h"
#include "util/vruuid.h"

/* errors name the object kind, as libvirt's API files do */
#undef VR_FROM_THIS
#define VR_FROM_THIS VR_FROM_NETWORK

int
vrConnectListAllNetworks(vrConnect *conn, vrNetwork ***nets, unsigned int flags)
{
    if (nets)
        *nets = NULL;
    VR_API_CONN(conn, "virConnectListAllNetworks", -1);
    VR_API_CALL(conn, network, connectListAllNetworks, "virConnectListAllNetworks", -1,
                conn, nets, flags);
}

int
vrConnectNumOfNetworks(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfNetworks", -1);
    VR_API_CALL(conn, network, connectNumOfNetworks, "virConnectNumOfNetworks", -1, conn);
}

int
vrConnectListNetworks(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListNetworks", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListNetworks", -1);
    VR_API_CALL(conn, network, connectListNetworks, "virConnectListNetworks", -1,
                conn, names, maxnames);
}

int
vrConnectNumOfDefinedNetworks(vrConnect *conn)
{
    VR_API_CONN(conn, "virConnectNumOfDefinedNetworks", -1);
    VR_API_CALL(conn, network, connectNumOfDefinedNetworks, "virConnectNumOfDefinedNetworks",
                -1, conn);
}

int
vrConnectListDefinedNetworks(vrConnect *conn, char **names, int maxnames)
{
    VR_API_CONN(conn, "virConnectListDefinedNetworks", -1);
    VR_API_ARG(maxnames >= 0 && (names || maxnames == 0), "virConnectListDefinedNetworks", -1);
    VR_API_CALL(conn, network, connectListDefinedNetworks, "virConnectListDefinedNetworks", -1,
                conn, names, maxnames);
}

vrNetwork *
vrNetworkLookupByName(vrConnect *conn, const char *name)
{
    VR_API_CONN(conn, "virNetworkLookupByName", NULL);
    VR_API_ARG(name, "virNetworkLookupByName", NULL);
    VR_API_CALL(conn, network, networkLookupByName, "virNetworkLookupByName", NULL, conn, name);
}

vrNetwork *
vrNetworkLookupByUUID(vrConnect *conn, const unsigned char *uuid)
{
    VR_API_CONN(conn, "virNetworkLookupByUUID", NULL);
    VR_API_ARG(uuid, "virNetworkLookupByUUID", NULL);
    VR_API_CALL(conn, network, networkLookupByUUID, "virNetworkLookupByUUID", NULL, conn, uuid);
}

vrNetwork *
vrNetworkLookupByUUIDString(vrConnect *conn, const char *uuidstr)
{
    unsigned char uuid[VR_UUID_BUFLEN];

    VR_API_CONN(conn, "virNetworkLookupByUUIDString", NULL);
    VR_API_ARG(uuidstr, "virNetworkLookupByUUIDString", NULL);
    if (vrUUIDParse(uuidstr, uuid) < 0) {
        vrReportInvalidArg("%s", "uuidstr in virNetworkLookupByUUIDString must be a valid UUID");
        return NULL;
    }
    return vrNetworkLookupByUUID(conn, uuid);
}

vrNetwork *
vrNetworkDefineXML(vrConnect *conn, const char *xml)
{
    VR_API_CONN(conn, "virNetworkDefineXML", NULL);
    VR_API_ARG(xml, "virNetworkDefineXML", NULL);
    VR_API_WRITABLE(conn, "virNetworkDefineXML", NULL);
    VR_API_CALL(conn, network, networkDefineXML, "virNetworkDefineXML", NULL, conn, xml);
}

vrNetwork *
vrNetworkCreateXML(vrConnect *conn, const char *xml)
{
    VR_API_CONN(conn, "virNetworkCreateXML", NULL);
    VR_API_ARG(xml, "virNetworkCreateXML", NULL);
    VR_API_WRITABLE(conn, "virNetworkCreateXML", NULL);
    VR_API_CALL(conn, network, networkCreateXML, "virNetworkCreateXML", NULL, conn, xml);
}

int
vrNetworkCreate(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkCreate", -1);
    VR_API_WRITABLE(net->conn, "virNetworkCreate", -1);
    VR_API_CALL(net->conn, network, networkCreate, "virNetworkCreate", -1, net);
}

int
vrNetworkDestroy(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkDestroy", -1);
    VR_API_WRITABLE(net->conn, "virNetworkDestroy", -1);
    VR_API_CALL(net->conn, network, networkDestroy, "virNetworkDestroy", -1, net);
}

int
vrNetworkUndefine(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkUndefine", -1);
    VR_API_WRITABLE(net->conn, "virNetworkUndefine", -1);
    VR_API_CALL(net->conn, network, networkUndefine, "virNetworkUndefine", -1, net);
}

int
vrNetworkUpdate(vrNetwork *net, unsigned int command, unsigned int section, int parentIndex,
                const char *xml, unsigned int flags)
{
    VR_API_NETWORK(net, "virNetworkUpdate", -1);
    VR_API_ARG(xml, "virNetworkUpdate", -1);
    VR_API_WRITABLE(net->conn, "virNetworkUpdate", -1);
    VR_API_CALL(net->conn, network, networkUpdate, "virNetworkUpdate", -1,
                net, command, section, parentIndex, xml, flags);
}

char *
vrNetworkGetXMLDesc(vrNetwork *net, unsigned int flags)
{
    VR_API_NETWORK(net, "virNetworkGetXMLDesc", NULL);
    VR_API_CALL(net->conn, network, networkGetXMLDesc, "virNetworkGetXMLDesc", NULL, net, flags);
}

char *
vrNetworkGetBridgeName(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkGetBridgeName", NULL);
    VR_API_CALL(net->conn, network, networkGetBridgeName, "virNetworkGetBridgeName", NULL, net);
}

int
vrNetworkGetAutostart(vrNetwork *net, int *autostart)
{
    VR_API_NETWORK(net, "virNetworkGetAutostart", -1);
    VR_API_ARG(autostart, "virNetworkGetAutostart", -1);
    VR_API_CALL(net->conn, network, networkGetAutostart, "virNetworkGetAutostart", -1,
                net, autostart);
}

int
vrNetworkSetAutostart(vrNetwork *net, int autostart)
{
    VR_API_NETWORK(net, "virNetworkSetAutostart", -1);
    VR_API_WRITABLE(net->conn, "virNetworkSetAutostart", -1);
    VR_API_CALL(net->conn, network, networkSetAutostart, "virNetworkSetAutostart", -1,
                net, autostart);
}

int
vrNetworkIsActive(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkIsActive", -1);
    VR_API_CALL(net->conn, network, networkIsActive, "virNetworkIsActive", -1, net);
}

int
vrNetworkIsPersistent(vrNetwork *net)
{
    VR_API_NETWORK(net, "virNetworkIsPersistent", -1);
    VR_API_CALL(net->conn, network, networkIsPersistent, "virNetworkIsPersistent", -1, net);
}

int
vrNetworkGetDHCPLeases(vrNetwork *net, const char *mac, vrNetworkDHCPLease ***leases,
                       unsigned int flags)
{
    if (leases)
        *leases = NULL;
    VR_API_NETWORK(net, "virNetworkGetDHCPLeases", -1);
    VR_API_CALL(net->conn, network, networkGetDHCPLeases, "virNetworkGetDHCPLeases", -1,
                net, mac, leases, flags);
}

int
vrConnectNetworkEventRegisterAny(vrConnect *conn, vrNetwork *net, int eventID,
                                 vrConnectNetworkEventGenericCallback cb, void *opaque,
                                 vrFreeCallback freecb)
{
    VR_API_CONN(conn, "virConnectNetworkEventRegisterAny", -1);
    VR_API_ARG(cb, "virConnectNetworkEventRegisterAny", -1);
    if (net && net->conn != conn) {
        vrReportError(VR_ERR_INVALID_ARG, "%s",
                      "network must belong to the connection the callback is registered on");
        return -1;
    }
    if (eventID < 0 || eventID >= VR_NETWORK_EVENT_ID_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "unsupported event ID %d", eventID);
        return -1;
    }
    VR_API_CALL(conn, network, connectNetworkEventRegisterAny,
                "virConnectNetworkEventRegisterAny", -1, conn, net, eventID, cb, opaque, freecb);
}

int
vrConnectNetworkEventDeregisterAny(vrConnect *conn, int callbackID)
{
    VR_API_CONN(conn, "virConnectNetworkEventDeregisterAny", -1);
    VR_API_ARG(callbackID >= 0, "virConnectNetworkEventDeregisterAny", -1);
    VR_API_CALL(conn, network, connectNetworkEventDeregisterAny,
                "virConnectNetworkEventDeregisterAny", -1, conn, callbackID);
}

void
vrNetworkDHCPLeaseFree(vrNetworkDHCPLease *lease)
{
    if (!lease)
        return;
    g_free(lease->iface);
    g_free(lease->mac);
    g_free(lease->iaid);
    g_free(lease->ipaddr);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
}
