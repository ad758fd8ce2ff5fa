/*
 * virsh-network.c: virtual network commands (net-*).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virsh-event-wait.h"
#include "virsh.h"

#define OPT_NETWORK { "network", VSH_OPT_DATA, VSH_OPT_REQUIRED, "network name or UUID" }

static const vshOptDef optsNetwork[] = {
    OPT_NETWORK,
    VIRSH_OPT_END,
};

static const vshOptDef optsNetFile[] = {
    VIRSH_OPT_FILE("file with the network's XML description"),
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    VIRSH_OPT_END,
};

/* ---- define / create / start / destroy / undefine ---------------- */

static bool
cmdNetDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;

    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(net = vrNetworkDefineXML(ctl->conn, xml))) {
        vshError(ctl, "Failed to define network from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Network %s defined from %s\n", vrNetworkGetName(net), file);
    return true;
}

static bool
cmdNetCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;

    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(net = vrNetworkCreateXML(ctl->conn, xml))) {
        vshError(ctl, "Failed to create network from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Network %s created from %s\n", vrNetworkGetName(net), file);
    return true;
}

static bool
cmdNetStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    const char *name = NULL;

    if (!(net = virshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if (vrNetworkCreate(net) < 0) {
        vshError(ctl, "Failed to start network %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Network %s started\n", name);
    return true;
}

static bool
cmdNetDestroy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    const char *name = NULL;

    if (!(net = virshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if (vrNetworkDestroy(net) < 0) {
        vshError(ctl, "Failed to destroy network %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Network %s destroyed\n", name);
    return true;
}

static bool
cmdNetUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    const char *name = NULL;

    if (!(net = virshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if (vrNetworkUndefine(net) < 0) {
        vshError(ctl, "Failed to undefine network %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Network %s has been undefined\n", name);
    return true;
}

static const vshOptDef optsNetAutostart[] = {
    OPT_NETWORK,
    { "disable", VSH_OPT_BOOL, 0, "stop starting the network with the host" },
    VIRSH_OPT_END,
};

static bool
cmdNetAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    const char *name = NULL;
    bool enable = !vshOptBool(cmd, "disable");

    if (!(net = virshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if (vrNetworkSetAutostart(net, enable) < 0) {
        vshError(ctl, enable ? "failed to mark network %s as autostarted"
                             : "failed to unmark network %s as autostarted", name);
        return false;
    }
    vshPrintExtra(ctl, enable ? "Network %s marked as autostarted\n"
                              : "Network %s unmarked as autostarted\n", name);
    return true;
}

/* ---- queries ------------------------------------------------------- */

static const vshOptDef optsNetDumpxml[] = {
    OPT_NETWORK,
    { "inactive", VSH_OPT_BOOL, 0, "show the configuration of the next start" },
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "print only what this XPath selects" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    VIRSH_OPT_END,
};

static bool
cmdNetDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(net = virshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    xml = vrNetworkGetXMLDesc(net, vshOptBool(cmd, "inactive") ? VR_NETWORK_XML_INACTIVE : 0);
    if (!xml)
        return false;
    return virshDumpXML(ctl, xml, "(network_definition)", xpath, vshOptBool(cmd, "wrap"));
}

static bool
cmdNetInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    g_autofree char *bridge = NULL;
    char uuid[VR_UUID_STRING_BUFLEN];
    int active, persistent, autostart = 0;

    if (!(net = virshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    virshPrintField(ctl, "Name:", "%s", vrNetworkGetName(net));
    if (vrNetworkGetUUIDString(net, uuid) == 0)
        virshPrintField(ctl, "UUID:", "%s", uuid);
    active = vrNetworkIsActive(net);
    if (active >= 0)
        virshPrintField(ctl, "Active:", "%s", virshYesNo(active));
    persistent = vrNetworkIsPersistent(net);
    if (persistent < 0)
        virshPrintField(ctl, "Persistent:", "%s", "unknown");
    else
        virshPrintField(ctl, "Persistent:", "%s", virshYesNo(persistent));
    if (vrNetworkGetAutostart(net, &autostart) < 0)
        virshPrintField(ctl, "Autostart:", "%s", "no autostart");
    else
        virshPrintField(ctl, "Autostart:", "%s", virshYesNo(autostart));
    if ((bridge = vrNetworkGetBridgeName(net)))
        virshPrintField(ctl, "Bridge:", "%s", bridge);
    vshResetLibError();
    return true;
}

static bool
cmdNetName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = virshCommandOptNetworkBy(ctl, cmd, NULL, VIRSH_BYUUID);

    if (!net)
        return false;
    vshPrint(ctl, "%s\n", vrNetworkGetName(net));
    return true;
}

static bool
cmdNetUuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = virshCommandOptNetworkBy(ctl, cmd, NULL, VIRSH_BYNAME);
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!net)
        return false;
    if (vrNetworkGetUUIDString(net, uuid) < 0) {
        vshError(ctl, "%s", "failed to get network UUID");
        return false;
    }
    vshPrint(ctl, "%s\n", uuid);
    return true;
}

/* ---- net-list ------------------------------------------------------ */

static const vshOptDef optsNetList[] = {
    { "inactive", VSH_OPT_BOOL, 0, "list inactive networks" },
    { "all", VSH_OPT_BOOL, 0, "list active and inactive networks" },
    { "persistent", VSH_OPT_BOOL, 0, "list persistent networks" },
    { "transient", VSH_OPT_BOOL, 0, "list transient networks" },
    { "autostart", VSH_OPT_BOOL, 0, "list networks that start with the host" },
    { "no-autostart", VSH_OPT_BOOL, 0, "list networks that do not start with the host" },
    { "uuid", VSH_OPT_BOOL, 0, "print only UUIDs" },
    { "name", VSH_OPT_BOOL, 0, "print only names" },
    { "table", VSH_OPT_BOOL, 0, "print a table (the default)" },
    VIRSH_OPT_END,
};

static int
netCompareName(const void *a, const void *b)
{
    vrNetwork *const *na = a;
    vrNetwork *const *nb = b;

    return strcmp(vrNetworkGetName(*na), vrNetworkGetName(*nb));
}

static unsigned int
netListFlags(const vshCmd *cmd)
{
    unsigned int flags = VR_CONNECT_LIST_NETWORKS_ACTIVE;

    if (vshOptBool(cmd, "inactive"))
        flags = VR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (vshOptBool(cmd, "all"))
        flags = VR_CONNECT_LIST_NETWORKS_ACTIVE | VR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (vshOptBool(cmd, "persistent"))
        flags |= VR_CONNECT_LIST_NETWORKS_PERSISTENT;
    if (vshOptBool(cmd, "transient"))
        flags |= VR_CONNECT_LIST_NETWORKS_TRANSIENT;
    if (vshOptBool(cmd, "autostart"))
        flags |= VR_CONNECT_LIST_NETWORKS_AUTOSTART;
    if (vshOptBool(cmd, "no-autostart"))
        flags |= VR_CONNECT_LIST_NETWORKS_NO_AUTOSTART;
    return flags;
}

static void
netListFree(vrNetwork **nets, int n)
{
    int i;

    for (i = 0; i < n; i++)
        vrNetworkFree(nets[i]);
    g_free(nets);
}

static bool
cmdNetList(vshControl *ctl, const vshCmd *cmd)
{
    bool optName = vshOptBool(cmd, "name");
    bool optUuid = vshOptBool(cmd, "uuid");
    bool optTable = vshOptBool(cmd, "table");
    vrNetwork **nets = NULL;
    g_autoptr(vshTable) table = NULL;
    int n, i;

    if (optName + optUuid + optTable > 1) {
        vshError(ctl, "%s", "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    if ((n = vrConnectListAllNetworks(ctl->conn, &nets, netListFlags(cmd))) < 0) {
        vshError(ctl, "%s", "Failed to list networks");
        return false;
    }
    qsort(nets, n, sizeof(*nets), netCompareName);
    if (!optName && !optUuid)
        table = vshTableNew("Name", "State", "Autostart", "Persistent", NULL);
    for (i = 0; i < n; i++) {
        char uuid[VR_UUID_STRING_BUFLEN];
        int autostart = 0, persistent;
        const char *autostr;

        if (optName) {
            vshPrint(ctl, "%s\n", vrNetworkGetName(nets[i]));
            continue;
        }
        if (optUuid) {
            if (vrNetworkGetUUIDString(nets[i], uuid) == 0)
                vshPrint(ctl, "%s\n", uuid);
            continue;
        }
        autostr = vrNetworkGetAutostart(nets[i], &autostart) < 0 ? "-" : virshYesNo(autostart);
        persistent = vrNetworkIsPersistent(nets[i]);
        vshTableRowAppend(table, vrNetworkGetName(nets[i]),
                          vrNetworkIsActive(nets[i]) == 1 ? "active" : "inactive", autostr,
                          persistent < 0 ? "-" : virshYesNo(persistent), NULL);
    }
    if (table)
        vshTablePrint(ctl, table, true);
    netListFree(nets, n);
    vshResetLibError();
    return true;
}

/* ---- net-update ---------------------------------------------------- */

static const vshOptDef optsNetUpdate[] = {
    OPT_NETWORK,
    { "command", VSH_OPT_DATA, VSH_OPT_REQUIRED,
      "add, add-first, add-last, delete or modify" },
    { "section", VSH_OPT_DATA, VSH_OPT_REQUIRED,
      "part of the network to change (ip-dhcp-host, dns-host, ...)" },
    { "xml", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the XML element, or a file holding it" },
    { "parent-index", VSH_OPT_INT, VSH_OPT_NAMED_ONLY, "which <ip> element to change" },
    VIRSH_OPT_CONFIG("change the persistent configuration"),
    VIRSH_OPT_LIVE("change the running network"),
    VIRSH_OPT_CURRENT("change the running network if active, else the configuration"),
    VIRSH_OPT_END,
};

static int
netUpdateCommand(const char *name)
{
    static const struct { const char *name; int cmd; } cmds[] = {
        { "add", VR_NETWORK_UPDATE_COMMAND_ADD_LAST },
        { "add-last", VR_NETWORK_UPDATE_COMMAND_ADD_LAST },
        { "add-first", VR_NETWORK_UPDATE_COMMAND_ADD_FIRST },
        { "delete", VR_NETWORK_UPDATE_COMMAND_DELETE },
        { "modify", VR_NETWORK_UPDATE_COMMAND_MODIFY },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cmds); i++) {
        if (g_str_equal(cmds[i].name, name))
            return cmds[i].cmd;
    }
    return -1;
}

static int
netUpdateSection(const char *name)
{
    static const char *const sections[] = {
        "none", "bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward",
        "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv",
    };
    size_t i;

    for (i = 1; i < G_N_ELEMENTS(sections); i++) {
        if (g_str_equal(sections[i], name))
            return (int)i;
    }
    return -1;
}

static bool
cmdNetUpdate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    const char *cmdName = NULL, *sectionName = NULL, *xmlArg = NULL;
    g_autofree char *fileXml = NULL;
    int command, section, parentIndex = -1;
    unsigned int flags = VR_NETWORK_UPDATE_AFFECT_CURRENT;
    bool config = vshOptBool(cmd, "config"), live = vshOptBool(cmd, "live");

    if (!vshExclusiveOptions(ctl, cmd, "current", "live") ||
        !vshExclusiveOptions(ctl, cmd, "current", "config"))
        return false;
    if (!(net = virshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "command", &cmdName) < 0 ||
        vshOptStringReq(ctl, cmd, "section", &sectionName) < 0 ||
        vshOptStringReq(ctl, cmd, "xml", &xmlArg) < 0 ||
        vshOptInt(ctl, cmd, "parent-index", &parentIndex) < 0)
        return false;
    if ((command = netUpdateCommand(cmdName)) < 0) {
        vshError(ctl, "unrecognized command name '%s'", cmdName);
        return false;
    }
    if ((section = netUpdateSection(sectionName)) < 0) {
        vshError(ctl, "unrecognized section name '%s'", sectionName);
        return false;
    }
    /* an argument that does not look like XML names a file holding it */
    if (*xmlArg != '<') {
        if (!(fileXml = vshReadFile(ctl, xmlArg)))
            return false;
        xmlArg = fileXml;
    }
    if (config)
        flags |= VR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (live)
        flags |= VR_NETWORK_UPDATE_AFFECT_LIVE;
    if (vrNetworkUpdate(net, command, section, parentIndex, xmlArg, flags) < 0) {
        vshError(ctl, "Failed to update network %s", vrNetworkGetName(net));
        return false;
    }
    if (config && live)
        vshPrintExtra(ctl, "Updated network %s persistent config and live state",
                      vrNetworkGetName(net));
    else if (config)
        vshPrintExtra(ctl, "Updated network %s persistent config", vrNetworkGetName(net));
    else if (live || vrNetworkIsActive(net) == 1)
        vshPrintExtra(ctl, "Updated network %s live state", vrNetworkGetName(net));
    else
        vshPrintExtra(ctl, "Updated network %s persistent config", vrNetworkGetName(net));
    return true;
}

/* ---- net-dhcp-leases ------------------------------------------------ */

static const vshOptDef optsNetDhcpLeases[] = {
    OPT_NETWORK,
    { "mac", VSH_OPT_STRING, 0, "MAC address" },
    VIRSH_OPT_END,
};

/* by MAC address, case-insensitively; leases without one first */
static int
netLeaseCompare(const void *a, const void *b)
{
    const vrNetworkDHCPLease *la = *(vrNetworkDHCPLease *const *)a;
    const vrNetworkDHCPLease *lb = *(vrNetworkDHCPLease *const *)b;

    if (!la->mac || !lb->mac)
        return (la->mac != NULL) - (lb->mac != NULL);
    return g_ascii_strcasecmp(la->mac, lb->mac);
}

#define NET_EMPTY(s) ((s) ? (s) : "-")

static bool
cmdNetDhcpLeases(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    g_autoptr(vshTable) table = NULL;
    vrNetworkDHCPLease **leases = NULL;
    const char *name = NULL;
    const char *mac = NULL;
    int n, i;

    if (vshOptStringReq(ctl, cmd, "mac", &mac) < 0)
        return false;
    if (!(net = virshCommandOptNetwork(ctl, cmd, &name)))
        return false;
    if ((n = vrNetworkGetDHCPLeases(net, mac, &leases, 0)) < 0) {
        vshError(ctl, "Failed to get leases info for %s", name);
        return false;
    }
    qsort(leases, n, sizeof(*leases), netLeaseCompare);
    table = vshTableNew("Expiry Time", "MAC address", "Protocol", "IP address", "Hostname",
                        "Client ID or DUID", NULL);
    for (i = 0; i < n; i++) {
        const vrNetworkDHCPLease *l = leases[i];
        g_autoptr(GDateTime) ts = g_date_time_new_from_unix_local(l->expirytime);
        g_autofree char *expiry = ts ? g_date_time_format(ts, "%Y-%m-%d %H:%M:%S") : NULL;
        g_autofree char *cidr = g_strdup_printf("%s/%u", l->ipaddr, l->prefix);

        vshTableRowAppend(table, NET_EMPTY(expiry), NET_EMPTY(l->mac),
                          l->type == VR_IP_ADDR_TYPE_IPV4 ? "ipv4" : "ipv6", cidr,
                          NET_EMPTY(l->hostname), NET_EMPTY(l->clientid), NULL);
    }
    vshTablePrint(ctl, table, true);
    for (i = 0; i < n; i++)
        vrNetworkDHCPLeaseFree(leases[i]);
    g_free(leases);
    return true;
}

/* ---- net-event ------------------------------------------------------ */
/* The callback runs in the library's event thread; the command sleeps on
 * a condition until the first event (or, with --loop, the timeout or ^C). */

static const char *const netEventNames[] = { "Defined", "Undefined", "Started", "Stopped" };

static void
netEventLifecycle(vrConnect *conn, vrNetwork *net, int event, int detail, void *opaque)
{
    g_autofree char *text = NULL;

    (void)conn;
    (void)detail;
    text = g_strdup_printf("event 'lifecycle' for network %s: %s\n", vrNetworkGetName(net),
                           event >= 0 && event < (int)G_N_ELEMENTS(netEventNames)
                           ? netEventNames[event] : "unknown");
    virshEventWaitPrint(opaque, text);
}

static const vshOptDef optsNetEvent[] = {
    { "network", VSH_OPT_STRING, 0, "filter by network name or uuid" },
    { "event", VSH_OPT_STRING, 0, "which event type to wait for" },
    { "loop", VSH_OPT_BOOL, 0, "loop until timeout or interrupt, rather than one-shot" },
    { "timeout", VSH_OPT_INT, 0, "timeout seconds" },
    { "list", VSH_OPT_BOOL, 0, "list valid event types" },
    { "timestamp", VSH_OPT_BOOL, 0, "show timestamp for each printed event" },
    VIRSH_OPT_END,
};

static bool
cmdNetEvent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrNetwork) net = NULL;
    virshEventWait wait;
    const char *eventName = NULL;
    int timeout = 0, id;
    bool ret;

    if (vshOptBool(cmd, "list")) {
        vshPrint(ctl, "%s\n", "lifecycle");
        return true;
    }
    if (vshOptString(ctl, cmd, "event", &eventName) < 0)
        return false;
    if (!eventName) {
        vshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    if (!g_str_equal(eventName, "lifecycle")) {
        vshError(ctl, "unknown event type %s", eventName);
        return false;
    }
    if (virshEventTimeout(ctl, cmd, &timeout) < 0)
        return false;
    if (vshOptGiven(cmd, "network") &&
        !(net = virshCommandOptNetwork(ctl, cmd, NULL)))
        return false;
    virshEventWaitInit(&wait, vshOptBool(cmd, "loop"), vshOptBool(cmd, "timestamp"));
    id = vrConnectNetworkEventRegisterAny(ctl->conn, net, VR_NETWORK_EVENT_ID_LIFECYCLE,
                                          VR_NETWORK_EVENT_CALLBACK(netEventLifecycle), &wait,
                                          NULL);
    if (id < 0) {
        virshEventWaitClear(&wait);
        return false;
    }
    virshEventWaitReport(ctl, virshEventWaitFor(&wait, timeout));
    ret = vrConnectNetworkEventDeregisterAny(ctl->conn, id) == 0;
    /* deregistration waited for a running callback: nothing uses @wait now */
    vshPrint(ctl, "events received: %d\n", wait.count);
    ret = ret && wait.count > 0;
    virshEventWaitClear(&wait);
    return ret;
}

const vshCmdDef virshNetworkCmds[] = {
    { "net-autostart", cmdNetAutostart, optsNetAutostart, "start a network with the host",
      "Marks a network to start when the host does (or, with --disable, not).", 0, NULL },
    { "net-create", cmdNetCreate, optsNetFile, "create a network from an XML file",
      "Starts a transient network from an XML description.", 0, NULL },
    { "net-define", cmdNetDefine, optsNetFile, "define a network from an XML file",
      "Defines (but does not start) a persistent network.", 0, NULL },
    { "net-destroy", cmdNetDestroy, optsNetwork, "stop a network",
      "Stops a running network; a transient one disappears.", 0, NULL },
    { "net-dhcp-leases", cmdNetDhcpLeases, optsNetDhcpLeases, "print lease info for a given network",
      "Print lease info for a given network", 0, NULL },
    { "net-dumpxml", cmdNetDumpxml, optsNetDumpxml, "print a network's XML description",
      "Prints the XML description of a network.", 0, NULL },
    { "net-event", cmdNetEvent, optsNetEvent, "Network Events",
      "List event types, or wait for network events to occur", 0, NULL },
    { "net-info", cmdNetInfo, optsNetwork, "show network information",
      "Shows the basic facts about a network.", 0, NULL },
    { "net-list", cmdNetList, optsNetList, "list networks",
      "Lists the networks of the connection; without options, the active ones.", 0, NULL },
    { "net-name", cmdNetName, optsNetwork, "convert a network UUID to its name",
      "Prints the name of the network with the given UUID.", 0, NULL },
    { "net-start", cmdNetStart, optsNetwork, "start a defined network",
      "Starts a network that is defined but not running.", 0, NULL },
    { "net-undefine", cmdNetUndefine, optsNetwork, "remove a network's definition",
      "Removes the definition of an inactive network.", 0, NULL },
    { "net-update", cmdNetUpdate, optsNetUpdate, "change part of a network's definition",
      "Adds, deletes or modifies one element of a network's definition.", 0, NULL },
    { "net-uuid", cmdNetUuid, optsNetwork, "convert a network name to its UUID",
      "Prints the UUID of the named network.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
