/*
 * virsh-interface.c: host network interface commands (iface-*).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "virsh.h"

#define OPT_INTERFACE { "interface", VSH_OPT_DATA, VSH_OPT_REQUIRED, "interface name or MAC" }

static const vshOptDef optsInterface[] = {
    OPT_INTERFACE,
    VIRSH_OPT_END,
};

static const vshOptDef optsIfaceList[] = {
    { "inactive", VSH_OPT_BOOL, 0, "list inactive interfaces" },
    { "all", VSH_OPT_BOOL, 0, "list active and inactive interfaces" },
    VIRSH_OPT_END,
};

static int
ifaceCompareName(const void *a, const void *b)
{
    vrInterface *const *ia = a;
    vrInterface *const *ib = b;

    return strcmp(vrInterfaceGetName(*ia), vrInterfaceGetName(*ib));
}

static bool
cmdIfaceList(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vshTable) table = NULL;
    vrInterface **ifaces = NULL;
    unsigned int flags = VR_CONNECT_LIST_INTERFACES_ACTIVE;
    int n, i;

    if (vshOptBool(cmd, "inactive"))
        flags = VR_CONNECT_LIST_INTERFACES_INACTIVE;
    if (vshOptBool(cmd, "all"))
        flags = VR_CONNECT_LIST_INTERFACES_ACTIVE | VR_CONNECT_LIST_INTERFACES_INACTIVE;
    if ((n = vrConnectListAllInterfaces(ctl->conn, &ifaces, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list interfaces");
        return false;
    }
    qsort(ifaces, n, sizeof(*ifaces), ifaceCompareName);
    table = vshTableNew("Name", "State", "MAC Address", NULL);
    for (i = 0; i < n; i++) {
        const char *mac = vrInterfaceGetMACString(ifaces[i]);
        vshTableRowAppend(table, vrInterfaceGetName(ifaces[i]),
                          vrInterfaceIsActive(ifaces[i]) == 1 ? "active" : "inactive",
                          mac ? mac : "", NULL);
        vrInterfaceFree(ifaces[i]);
    }
    g_free(ifaces);
    vshTablePrint(ctl, table, true);
    vshResetLibError();
    return true;
}

static bool
cmdIfaceName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrInterface) iface = virshCommandOptInterfaceBy(ctl, cmd, NULL, VIRSH_BYMAC);

    if (!iface)
        return false;
    vshPrint(ctl, "%s\n", vrInterfaceGetName(iface));
    return true;
}

static bool
cmdIfaceMac(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrInterface) iface = virshCommandOptInterfaceBy(ctl, cmd, NULL, VIRSH_BYNAME);
    const char *mac;

    if (!iface || !(mac = vrInterfaceGetMACString(iface)))
        return false;
    vshPrint(ctl, "%s\n", mac);
    return true;
}

static const vshOptDef optsIfaceDumpxml[] = {
    OPT_INTERFACE,
    { "inactive", VSH_OPT_BOOL, 0, "show the configuration of the next start" },
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "print only what this XPath selects" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    VIRSH_OPT_END,
};

static bool
cmdIfaceDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrInterface) iface = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(iface = virshCommandOptInterface(ctl, cmd, NULL)))
        return false;
    xml = vrInterfaceGetXMLDesc(iface, vshOptBool(cmd, "inactive") ? VR_INTERFACE_XML_INACTIVE
                                                                    : 0);
    if (!xml)
        return false;
    return virshDumpXML(ctl, xml, "(interface_definition)", xpath, vshOptBool(cmd, "wrap"));
}

static const vshOptDef optsIfaceDefine[] = {
    VIRSH_OPT_FILE("file with the interface's XML description"),
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    VIRSH_OPT_END,
};

static bool
cmdIfaceDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrInterface) iface = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;

    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(iface = vrInterfaceDefineXML(ctl->conn, xml, 0))) {
        vshError(ctl, "Failed to define interface from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s defined from %s\n", vrInterfaceGetName(iface), file);
    return true;
}

static int
ifaceStart(vrInterface *iface)
{
    return vrInterfaceCreate(iface, 0);
}

static int
ifaceStop(vrInterface *iface)
{
    return vrInterfaceDestroy(iface, 0);
}

/* The shape of iface-start, -destroy and -undefine. */
static bool
ifaceSimpleCommand(vshControl *ctl, const vshCmd *cmd, int (*op)(vrInterface *),
                   const char *verb, const char *done)
{
    g_autoptr(vrInterface) iface = NULL;
    const char *name = NULL;

    if (!(iface = virshCommandOptInterface(ctl, cmd, &name)))
        return false;
    if (op(iface) < 0) {
        vshError(ctl, "Failed to %s interface %s", verb, name);
        return false;
    }
    vshPrintExtra(ctl, "Interface %s %s\n", name, done);
    return true;
}

static bool
cmdIfaceStart(vshControl *ctl, const vshCmd *cmd)
{
    return ifaceSimpleCommand(ctl, cmd, ifaceStart, "start", "started");
}

static bool
cmdIfaceDestroy(vshControl *ctl, const vshCmd *cmd)
{
    return ifaceSimpleCommand(ctl, cmd, ifaceStop, "destroy", "destroyed");
}

static bool
cmdIfaceUndefine(vshControl *ctl, const vshCmd *cmd)
{
    return ifaceSimpleCommand(ctl, cmd, vrInterfaceUndefine, "undefine", "undefined");
}

const vshCmdDef virshInterfaceCmds[] = {
    { "iface-define", cmdIfaceDefine, optsIfaceDefine, "define an interface from an XML file",
      "Defines (but does not start) a host interface.", 0, NULL },
    { "iface-destroy", cmdIfaceDestroy, optsInterface, "stop an interface",
      "Brings a host interface down.", 0, NULL },
    { "iface-dumpxml", cmdIfaceDumpxml, optsIfaceDumpxml, "print an interface's XML",
      "Prints the XML description of a host interface.", 0, NULL },
    { "iface-list", cmdIfaceList, optsIfaceList, "list host interfaces",
      "Lists the host's network interfaces; without options, the active ones.", 0, NULL },
    { "iface-mac", cmdIfaceMac, optsInterface, "convert an interface name to its MAC",
      "Prints the MAC address of the named interface.", 0, NULL },
    { "iface-name", cmdIfaceName, optsInterface, "convert a MAC address to its interface",
      "Prints the name of the interface with the given MAC address.", 0, NULL },
    { "iface-start", cmdIfaceStart, optsInterface, "start an interface",
      "Brings a defined host interface up.", 0, NULL },
    { "iface-undefine", cmdIfaceUndefine, optsInterface, "remove an interface's definition",
      "Removes the definition of a host interface.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
