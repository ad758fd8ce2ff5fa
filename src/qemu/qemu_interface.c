/*
 * qemu_interface.c: the host side of guest NICs (see qemu_interface.h).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "qemu_interface.h"
#include "qemu_driver.h"
#include "qemu_monitor.h"
#include "qemu_monitor_cmds.h"
#include "qemu_status.h"
#include "network/network_driver.h"
#include "util/vrerror.h"
#include "util/vrlog.h"
#include "util/vrnetdev.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.interface"

#define VR_QEMU_MAX_QUEUES 16

/* ---- network connections ----------------------------------------------- */

/* Which interfaces hold a connection to a network ("ROOT|NET|UUID|MAC"):
 * a stop after a start that failed half-way must release only what
 * was taken, and a release must never happen twice. */
static GMutex vrQemuPortsLock;
static GHashTable *vrQemuNetPorts;

static char *
vrQemuPortKey(vrQemuDriver *driver, const vrDomainDef *def, const vrDomainNetDef *net)
{
    char uuid[VR_UUID_STRING_BUFLEN];
    char mac[18];

    vrUUIDFormat(def->uuid, uuid);
    vrMacFormat(net->mac, mac);
    return g_strdup_printf("%s|%s|%s|%s", driver->cfg->root, net->sourceNetwork, uuid, mac);
}

/* true when the key was newly added (@add) or removed (!@add) */
static bool
vrQemuPortMark(vrQemuDriver *driver, const vrDomainDef *def, const vrDomainNetDef *net, bool add)
{
    char *key = vrQemuPortKey(driver, def, net);
    bool changed;

    g_mutex_lock(&vrQemuPortsLock);
    if (!vrQemuNetPorts)
        vrQemuNetPorts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (add) {
        changed = g_hash_table_add(vrQemuNetPorts, key);
    } else {
        changed = g_hash_table_remove(vrQemuNetPorts, key);
        g_free(key);
    }
    g_mutex_unlock(&vrQemuPortsLock);
    return changed;
}

/* Macvtaps we created ("ROOT|UUID|IFNAME"): only those are deleted, never
 * a device of the same name someone else made. */
static GHashTable *vrQemuMacvtaps;

static bool
vrQemuMacvtapMark(vrQemuDriver *driver, const vrDomainDef *def, const char *ifname, bool add)
{
    char uuid[VR_UUID_STRING_BUFLEN];
    char *key;
    bool changed;

    vrUUIDFormat(def->uuid, uuid);
    key = g_strdup_printf("%s|%s|%s", driver->cfg->root, uuid, ifname);
    g_mutex_lock(&vrQemuPortsLock);
    if (!vrQemuMacvtaps)
        vrQemuMacvtaps = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (add) {
        changed = g_hash_table_add(vrQemuMacvtaps, key);
    } else {
        changed = g_hash_table_remove(vrQemuMacvtaps, key);
        g_free(key);
    }
    g_mutex_unlock(&vrQemuPortsLock);
    return changed;
}

static bool
vrQemuIsMacvtap(const char *ifname)
{
    g_autofree char *sys = g_strdup_printf("/sys/class/net/%s/macvtap", ifname);

    return access(sys, F_OK) == 0;
}

static void
vrQemuPortRelease(vrQemuDriver *driver, const vrDomainDef *def, const vrDomainNetDef *net)
{
    if (net->type == VR_DOMAIN_NET_TYPE_NETWORK && net->sourceNetwork &&
        vrQemuPortMark(driver, def, net, false))
        vrNetworkPortRelease(driver->cfg->root, net->sourceNetwork);
}

/* ---- QoS and VLANs ----------------------------------------------------- */

static void
vrQemuBandwidthClear(const char *ifname)
{
    /* either may be absent; errors are expected and ignored */
    vrNetDevRun("remove a qdisc", "tc", "qdisc", "del", "dev", ifname, "root", NULL);
    vrNetDevRun("remove a qdisc", "tc", "qdisc", "del", "dev", ifname, "ingress", NULL);
    vrResetLastError();
}

/* Traffic to the guest leaves the tap: an htb class limits the tap's
 * egress (rate = average, ceil = peak, burst). */
static int
vrQemuBandwidthInbound(const char *ifname, const vrNetBandwidthRate *r)
{
    g_autofree char *what = g_strdup_printf("set inbound bandwidth on '%s'", ifname);
    g_autofree char *rate = g_strdup_printf("%llukbps", r->average);
    g_autofree char *ceil = g_strdup_printf("%llukbps", r->hasPeak ? r->peak : r->average);
    g_autofree char *burst = r->hasBurst ? g_strdup_printf("%llukb", r->burst) : NULL;

    if (vrNetDevRun(what, "tc", "qdisc", "add", "dev", ifname, "root", "handle", "1:", "htb",
                    "default", "1", NULL) < 0)
        return -1;
    if (burst)
        return vrNetDevRun(what, "tc", "class", "add", "dev", ifname, "parent", "1:",
                           "classid", "1:1", "htb", "rate", rate, "ceil", ceil, "burst", burst,
                           NULL);
    return vrNetDevRun(what, "tc", "class", "add", "dev", ifname, "parent", "1:", "classid",
                       "1:1", "htb", "rate", rate, "ceil", ceil, NULL);
}

/* Traffic from the guest enters through the tap: it is policed on the
 * tap's ingress (burst defaults to one second's worth, as libvirt does). */
static int
vrQemuBandwidthOutbound(const char *ifname, const vrNetBandwidthRate *r)
{
    g_autofree char *what = g_strdup_printf("set outbound bandwidth on '%s'", ifname);
    g_autofree char *rate = g_strdup_printf("%llukbps", r->average);
    g_autofree char *burst = g_strdup_printf("%llukb", r->hasBurst ? r->burst : r->average);

    if (vrNetDevRun(what, "tc", "qdisc", "add", "dev", ifname, "ingress", NULL) < 0)
        return -1;
    return vrNetDevRun(what, "tc", "filter", "add", "dev", ifname, "parent", "ffff:",
                       "protocol", "all", "u32", "match", "u32", "0", "0", "police", "rate",
                       rate, "burst", burst, "mtu", "64kb", "drop", "flowid", ":1", NULL);
}

int
vrQemuInterfaceSetBandwidth(const char *ifname, const vrNetBandwidth *bw)
{
    vrQemuBandwidthClear(ifname);
    if (bw->hasIn && bw->in.hasAverage && bw->in.average &&
        vrQemuBandwidthInbound(ifname, &bw->in) < 0)
        goto error;
    if (bw->hasOut && bw->out.hasAverage && bw->out.average &&
        vrQemuBandwidthOutbound(ifname, &bw->out) < 0)
        goto error;
    return 0;
 error: {
        g_autoptr(vrError) saved = vrErrorSave();
        vrQemuBandwidthClear(ifname);
        vrErrorRestore(&saved);
    }
    return -1;
}

bool
vrQemuInterfaceHasBandwidth(const vrNetBandwidth *bw)
{
    return (bw->hasIn && bw->in.average) || (bw->hasOut && bw->out.average);
}

/* Access port (one tag) or trunk (several) on a VLAN-filtering bridge. */
static int
vrQemuVlanApply(const char *bridge, const char *ifname, const unsigned int *tags, size_t ntags,
                bool trunk)
{
    int filtering;

    if (!ntags)
        return 0;
    if (!bridge) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "interface '%s': <vlan> tag %u needs a bridge "
                      "with VLAN filtering; this interface is on no bridge", ifname, tags[0]);
        return -1;
    }
    if ((filtering = vrNetDevBridgeVlanFiltering(bridge)) != 1) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "cannot put interface '%s' on VLAN %u: bridge "
                      "'%s' %s", ifname, tags[0], bridge,
                      filtering < 0 ? "cannot filter VLANs (this kernel has no bridge VLAN "
                                      "filtering)"
                                    : "does not filter VLANs (vlan_filtering is 0)");
        return -1;
    }
    for (size_t i = 0; i < ntags; i++) {
        g_autofree char *vid = g_strdup_printf("%u", tags[i]);
        g_autofree char *what = g_strdup_printf("put '%s' on VLAN %u of bridge '%s'", ifname,
                                                tags[i], bridge);
        int rc = trunk || ntags > 1
                 ? vrNetDevRun(what, "bridge", "vlan", "add", "dev", ifname, "vid", vid, NULL)
                 : vrNetDevRun(what, "bridge", "vlan", "add", "dev", ifname, "vid", vid, "pvid",
                               "untagged", NULL);
        if (rc < 0)
            return -1;
    }
    if (!trunk && ntags == 1)
        vrNetDevRun("remove the default VLAN", "bridge", "vlan", "del", "dev", ifname, "vid", "1",
                    NULL);
    vrResetLastError();
    return 0;
}

/* ---- making the host side ---------------------------------------------- */

/* What one NIC's host side is made from. */
typedef struct {
    const char *bridge;           /* tap joins it */
    const char *macvtapLink;      /* macvtap on it */
    const char *macvtapMode;
    unsigned int mtu;
    const vrNetBandwidth *bandwidth;
    const unsigned int *vlanTags;
    size_t nvlanTags;
    bool vlanTrunk;
} vrQemuNetPlan;

static bool
vrQemuNetIsVirtio(const vrDomainNetDef *net)
{
    return !net->model || g_str_has_prefix(net->model, "virtio");
}

static size_t
vrQemuNetQueues(const vrDomainNetDef *net)
{
    size_t q = net->queues > 1 && vrQemuNetIsVirtio(net) ? net->queues : 1;

    return q > VR_QEMU_MAX_QUEUES ? VR_QEMU_MAX_QUEUES : q;
}

static const char *
vrQemuMacvtapMode(int mode)
{
    static const char *const names[] = { "vepa", "private", "bridge", "passthru" };

    return mode >= 0 && mode < (int)G_N_ELEMENTS(names) ? names[mode] : "vepa";
}

static int
vrQemuNetTap(const vrDomainNetDef *net, const vrQemuNetPlan *plan, unsigned int flags,
             int *fds, size_t nfds, char **ifname)
{
    /* names with our prefixes are handed out anew at every start */
    const char *want = net->ifname && !g_str_has_prefix(net->ifname, "vnet") &&
                       !g_str_has_prefix(net->ifname, "macvtap") ? net->ifname : "vnet%d";
    unsigned char hostmac[6];
    unsigned int mtu = plan->mtu;

    if (!(flags & VR_NETDEV_TAP_EXISTING) && !strchr(want, '%') && vrNetDevExists(want)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot create tap device '%s': a device of "
                      "that name exists (use <target dev='%s' managed='no'/> to use it)", want,
                      want);
        return -1;
    }
    if (vrQemuNetIsVirtio(net))
        flags |= VR_NETDEV_TAP_VNET_HDR;
    if (vrNetDevTapOpen(want, flags, fds, nfds, ifname) < 0)
        return -1;
    memcpy(hostmac, net->mac, 6);
    hostmac[0] = 0xfe;
    if (!mtu && plan->bridge)
        vrNetDevGetMTU(plan->bridge, &mtu);
    if ((!(flags & VR_NETDEV_TAP_EXISTING) && vrNetDevSetMAC(*ifname, hostmac) < 0) ||
        (mtu && vrNetDevSetMTU(*ifname, mtu) < 0) ||
        (plan->bridge && vrNetDevBridgeAddPort(plan->bridge, *ifname) < 0) ||
        vrNetDevSetOnline(*ifname, true) < 0 ||
        vrQemuVlanApply(plan->bridge, *ifname, plan->vlanTags, plan->nvlanTags,
                        plan->vlanTrunk) < 0)
        goto error;
    return 0;
 error:
    for (size_t i = 0; i < nfds; i++)
        close(fds[i]);
    g_clear_pointer(ifname, g_free);
    return -1;
}

static int
vrQemuNetMacvtap(const vrDomainNetDef *net, const vrQemuNetPlan *plan, int *fds, char **ifname)
{
    const char *want = net->ifname && !g_str_has_prefix(net->ifname, "vnet") &&
                       !g_str_has_prefix(net->ifname, "macvtap") ? net->ifname : NULL;

    if (plan->nvlanTags) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "interface on '%s': <vlan> tags are not "
                      "supported on a macvtap (type 'direct')", plan->macvtapLink);
        return -1;
    }
    if (vrNetDevMacvtapCreate(plan->macvtapLink, plan->macvtapMode, net->mac, want, fds,
                              ifname) < 0)
        return -1;
    if (plan->mtu && vrNetDevSetMTU(*ifname, plan->mtu) < 0) {
        close(fds[0]);
        vrNetDevDelete(*ifname);
        g_clear_pointer(ifname, g_free);
        return -1;
    }
    return 0;
}

/* The plan of a network NIC, from the network's port. */
static void
vrQemuNetPlanFromPort(const vrDomainNetDef *net, const vrNetworkPort *port, vrQemuNetPlan *plan)
{
    plan->bridge = port->bridge;
    if (!port->bridge) {
        plan->macvtapLink = port->forwardDevs[0];
        plan->macvtapMode = port->macvtapMode;
    }
    plan->mtu = net->mtu ? net->mtu : port->mtu;
    plan->bandwidth = vrQemuInterfaceHasBandwidth(&net->bandwidth) ? &net->bandwidth : &port->bandwidth;
    if (!net->vlan.ntags) {
        plan->vlanTags = port->vlanTags;
        plan->nvlanTags = port->nvlanTags;
        plan->vlanTrunk = port->vlanTrunk;
    }
}

static int
vrQemuNetPlanMake(vrQemuDriver *driver, const vrDomainDef *def, vrDomainNetDef *net,
                  vrQemuNetPlan *plan, vrNetworkPort *port, unsigned int **tags)
{
    memset(plan, 0, sizeof(*plan));
    plan->mtu = net->mtu;
    plan->bandwidth = &net->bandwidth;
    if (net->vlan.ntags) {
        *tags = g_new0(unsigned int, net->vlan.ntags);
        for (size_t i = 0; i < net->vlan.ntags; i++)
            (*tags)[i] = net->vlan.tags[i].id;
        plan->vlanTags = *tags;
        plan->nvlanTags = net->vlan.ntags;
        plan->vlanTrunk = net->vlan.trunk;
    }
    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_NETWORK:
        if (!net->sourceNetwork) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "interface of type 'network' names "
                          "no network");
            return -1;
        }
        if (vrNetworkPortAcquire(driver->cfg->root, net->sourceNetwork, net->sourcePortgroup,
                                 port) < 0)
            return -1;
        vrQemuPortMark(driver, def, net, true);
        vrQemuNetPlanFromPort(net, port, plan);
        return 0;
    case VR_DOMAIN_NET_TYPE_BRIDGE:
        if (!net->sourceBridge || !vrNetDevIsBridge(net->sourceBridge)) {
            vrReportError(VR_ERR_OPERATION_INVALID, "cannot attach interface to bridge '%s': %s",
                          net->sourceBridge ? net->sourceBridge : "",
                          net->sourceBridge && vrNetDevExists(net->sourceBridge)
                          ? "it is not a bridge" : "no such bridge");
            return -1;
        }
        plan->bridge = net->sourceBridge;
        return 0;
    case VR_DOMAIN_NET_TYPE_DIRECT:
        if (!net->sourceDev) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "interface of type 'direct' names no "
                          "<source dev>");
            return -1;
        }
        plan->macvtapLink = net->sourceDev;
        plan->macvtapMode = vrQemuMacvtapMode(net->sourceMode);
        return 0;
    case VR_DOMAIN_NET_TYPE_ETHERNET:
        if (net->script) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "interface of type 'ethernet': <script "
                          "path='%s'/> is not supported (the driver opens the tap itself)",
                          net->script);
            return -1;
        }
        return 0;
    default:
        return 1;           /* QEMU connects it itself */
    }
}

/* Makes @net's host side: descriptors appended to @fds (their count in
 * *@nfds), net->ifname set.  1: nothing to make for this type. */
static int
vrQemuNetPrepare(vrQemuDriver *driver, const vrDomainDef *def, vrDomainNetDef *net, int *fds,
                 size_t *nfds)
{
    g_auto(vrNetworkPort) port = { 0 };
    g_autofree unsigned int *tags = NULL;
    g_autofree char *ifname = NULL;
    vrQemuNetPlan plan;
    int rc;

    if ((rc = vrQemuNetPlanMake(driver, def, net, &plan, &port, &tags)) != 0)
        return rc;
    if (plan.macvtapLink) {
        *nfds = 1;
        rc = vrQemuNetMacvtap(net, &plan, fds, &ifname);
    } else {
        bool existing = net->type == VR_DOMAIN_NET_TYPE_ETHERNET && net->ifname &&
                        net->managedTap == VR_TRISTATE_OFF;
        *nfds = vrQemuNetQueues(net);
        rc = vrQemuNetTap(net, &plan, existing ? VR_NETDEV_TAP_EXISTING : 0, fds, *nfds,
                          &ifname);
    }
    if (rc == 0 && plan.bandwidth && vrQemuInterfaceHasBandwidth(plan.bandwidth) &&
        vrQemuInterfaceSetBandwidth(ifname, plan.bandwidth) < 0) {
        for (size_t i = 0; i < *nfds; i++)
            close(fds[i]);
        if (plan.macvtapLink)
            vrNetDevDelete(ifname);
        rc = -1;
    }
    if (rc < 0) {
        vrQemuPortRelease(driver, def, net);
        return -1;
    }
    if (plan.macvtapLink)
        vrQemuMacvtapMark(driver, def, ifname, true);
    g_free(net->ifname);
    net->ifname = g_steal_pointer(&ifname);
    VR_DEBUG("guest %s: interface %s on %s", def->name, net->ifname,
             plan.bridge ? plan.bridge : plan.macvtapLink ? plan.macvtapLink : "nothing");
    return 0;
}

/* ---- start and stop ---------------------------------------------------- */

void
vrQemuInterfaceHostsFree(vrQemuInterfaceHosts *h)
{
    if (!h)
        return;
    for (guint i = 0; h->fds && i < h->fds->len; i++)
        close(g_array_index(h->fds, int, i));
    if (h->fds)
        g_array_unref(h->fds);
    if (h->strings)
        g_ptr_array_unref(h->strings);
    g_free(h->sides);
    g_free(h);
}

static vrQemuInterfaceHosts *
vrQemuInterfaceHostsNew(size_t n)
{
    vrQemuInterfaceHosts *h = g_new0(vrQemuInterfaceHosts, 1);

    h->sides = g_new0(vrQemuNetHostSide, n ? n : 1);
    h->nsides = n;
    h->fds = g_array_new(FALSE, FALSE, sizeof(int));
    h->strings = g_ptr_array_new_with_free_func(g_free);
    return h;
}

static void
vrQemuNetUndo(vrQemuDriver *driver, const vrDomainDef *def, vrDomainNetDef *net)
{
    if (net->ifname && vrQemuMacvtapMark(driver, def, net->ifname, false) &&
        vrNetDevDelete(net->ifname) < 0)
        VR_WARN("guest %s: %s", def->name, vrGetLastErrorMessage());
    if (net->ifname && net->type == VR_DOMAIN_NET_TYPE_ETHERNET &&
        net->managedTap == VR_TRISTATE_OFF && vrNetDevExists(net->ifname) &&
        vrQemuInterfaceHasBandwidth(&net->bandwidth))
        vrQemuBandwidthClear(net->ifname);
    vrQemuPortRelease(driver, def, net);
}

vrQemuInterfaceHosts *
vrQemuInterfacePrepareAll(vrQemuDriver *driver, vrDomainDef *def)
{
    g_autoptr(vrQemuInterfaceHosts) h = vrQemuInterfaceHostsNew(def->nnets);
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        int fds[VR_QEMU_MAX_QUEUES];
        size_t nfds = 0;
        int rc = vrQemuNetPrepare(driver, def, def->nets[i], fds, &nfds);

        if (rc < 0)
            goto error;
        if (rc > 0)
            continue;
        for (size_t q = 0; q < nfds; q++)
            g_array_append_val(h->fds, fds[q]);
        h->sides[i].ntapfds = nfds;
    }
    /* the array no longer moves: point the sides at their descriptors */
    {
        guint at = 0;
        for (i = 0; i < def->nnets; i++) {
            if (!h->sides[i].ntapfds)
                continue;
            h->sides[i].tapfds = &g_array_index(h->fds, int, at);
            at += h->sides[i].ntapfds;
        }
    }
    return g_steal_pointer(&h);
 error: {
        g_autoptr(vrError) saved = vrErrorSave();
        while (i-- > 0)
            vrQemuNetUndo(driver, def, def->nets[i]);
        vrErrorRestore(&saved);
    }
    return NULL;
}

int
vrQemuInterfaceSetLink(vrQemuDomainObj *obj, const char *alias, bool up)
{
    json_object *args = json_object_new_object();
    int rc;

    json_object_object_add(args, "name", json_object_new_string(alias));
    json_object_object_add(args, "up", json_object_new_boolean(up));
    if (vrQemuDomainObjEnterMonitor(obj) < 0) {
        json_object_put(args);
        return -1;
    }
    rc = vrQemuMonitorCommand(obj->mon, "set_link", args, NULL, 0);
    vrQemuDomainObjExitMonitor(obj);
    return rc;
}

int
vrQemuInterfaceStartLinks(vrQemuDomainObj *obj)
{
    for (size_t i = 0; i < obj->def->nnets; i++) {
        vrDomainNetDef *net = obj->def->nets[i];

        if (net->linkState == VR_DOMAIN_NET_LINK_DOWN && net->info.alias &&
            vrQemuInterfaceSetLink(obj, net->info.alias, false) < 0)
            return -1;
    }
    return 0;
}

void
vrQemuInterfaceStopAll(vrQemuDriver *driver, vrDomainDef *def)
{
    for (size_t i = 0; i < def->nnets; i++)
        vrQemuNetUndo(driver, def, def->nets[i]);
}

/* A tap that lost its bridge while nobody watched (the network was
 * restarted, the bridge re-created) joins it again. */
static void
vrQemuTapRejoin(const vrDomainDef *def, const vrDomainNetDef *net, const char *bridge)
{
    g_autofree char *now = NULL;

    if (!bridge || !net->ifname || !vrNetDevExists(net->ifname) || !vrNetDevIsBridge(bridge))
        return;
    now = vrNetDevBridgeOf(net->ifname);
    if (now && g_str_equal(now, bridge))
        return;
    if (vrNetDevBridgeAddPort(bridge, net->ifname) < 0)
        VR_WARN("guest %s: %s", def->name, vrGetLastErrorMessage());
    else
        VR_INFO("guest %s: tap %s joined bridge %s again", def->name, net->ifname, bridge);
}

static void
vrQemuNetReattachNetwork(vrQemuDriver *driver, vrDomainDef *def, vrDomainNetDef *net)
{
    g_auto(vrNetworkPort) port = { 0 };

    if (!vrQemuPortMark(driver, def, net, true))
        return;
    if (vrNetworkPortAcquire(driver->cfg->root, net->sourceNetwork, net->sourcePortgroup,
                             &port) < 0) {
        /* the network is gone or down: the guest keeps its tap, unplugged */
        VR_WARN("guest %s: interface on network '%s': %s", def->name, net->sourceNetwork,
                vrGetLastErrorMessage());
        vrQemuPortMark(driver, def, net, false);
        return;
    }
    vrQemuTapRejoin(def, net, port.bridge);
}

void
vrQemuInterfaceReattach(vrQemuDriver *driver, vrDomainDef *def)
{
    for (size_t i = 0; i < def->nnets; i++) {
        vrDomainNetDef *net = def->nets[i];

        if (net->type == VR_DOMAIN_NET_TYPE_NETWORK && net->sourceNetwork)
            vrQemuNetReattachNetwork(driver, def, net);
        if (net->type == VR_DOMAIN_NET_TYPE_BRIDGE)
            vrQemuTapRejoin(def, net, net->sourceBridge);
        if ((net->type == VR_DOMAIN_NET_TYPE_NETWORK || net->type == VR_DOMAIN_NET_TYPE_DIRECT) &&
            net->ifname && vrQemuIsMacvtap(net->ifname))
            vrQemuMacvtapMark(driver, def, net->ifname, true);
    }
}

/* ---- hot-plug ---------------------------------------------------------- */

vrQemuInterfaceHosts *
vrQemuInterfaceHotplugPrepare(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDef *next,
                              vrDomainNetDef *net)
{
    g_autoptr(vrQemuInterfaceHosts) h = vrQemuInterfaceHostsNew(next->nnets);
    g_autoptr(GString) names = g_string_new(NULL);
    int fds[VR_QEMU_MAX_QUEUES];
    size_t nfds = 0, i, passed = 0;
    int rc;

    /* the other NICs' objects are built but not sent: any name will do */
    for (i = 0; i < next->nnets; i++) {
        h->sides[i].ntapfds = 1;
        h->sides[i].fdnames = "unused";
    }
    if ((rc = vrQemuNetPrepare(driver, next, net, fds, &nfds)) < 0)
        return NULL;
    for (i = 0; i < next->nnets; i++) {
        if (next->nets[i] != net)
            continue;
        h->sides[i].ntapfds = rc > 0 ? 0 : nfds;
        h->sides[i].fdnames = NULL;
        if (rc > 0)
            return g_steal_pointer(&h);
        break;
    }
    if (vrQemuDomainObjEnterMonitor(obj) < 0)
        goto error;
    for (passed = 0; passed < nfds; passed++) {
        g_autofree char *name = g_strdup_printf("fd-%s-%zu", net->info.alias, passed);
        if (vrQemuMonitorGetFd(obj->mon, name, fds[passed]) < 0)
            break;
        g_string_append_printf(names, "%s%s", passed ? ":" : "", name);
    }
    if (passed < nfds) {
        g_autoptr(vrError) saved = vrErrorSave();
        while (passed-- > 0) {
            g_autofree char *name = g_strdup_printf("fd-%s-%zu", net->info.alias, passed);
            vrQemuMonitorCloseFd(obj->mon, name);
        }
        vrErrorRestore(&saved);
        vrQemuDomainObjExitMonitor(obj);
        goto error;
    }
    vrQemuDomainObjExitMonitor(obj);
    for (size_t q = 0; q < nfds; q++)
        close(fds[q]);
    g_ptr_array_add(h->strings, g_string_free(g_steal_pointer(&names), FALSE));
    h->sides[i].fdnames = g_ptr_array_index(h->strings, h->strings->len - 1);
    return g_steal_pointer(&h);
 error:
    for (size_t q = 0; q < nfds; q++)
        close(fds[q]);
    vrQemuNetUndo(driver, next, net);
    return NULL;
}

int
vrQemuInterfaceHotplugDone(vrQemuDomainObj *obj, const vrDomainNetDef *net)
{
    if (net->linkState != VR_DOMAIN_NET_LINK_DOWN || !net->info.alias)
        return 0;
    return vrQemuInterfaceSetLink(obj, net->info.alias, false);
}

void
vrQemuInterfaceHotplugAbort(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDef *next,
                            vrDomainNetDef *net, const vrQemuInterfaceHosts *hosts)
{
    g_autoptr(vrError) saved = vrErrorSave();

    for (size_t i = 0; i < hosts->nsides && i < next->nnets; i++) {
        g_auto(GStrv) names = NULL;

        if (next->nets[i] != net || !hosts->sides[i].fdnames)
            continue;
        names = g_strsplit(hosts->sides[i].fdnames, ":", -1);
        /* descriptors netdev_add did not take stay with QEMU otherwise */
        if (vrQemuDomainObjEnterMonitor(obj) == 0) {
            for (size_t n = 0; names[n]; n++)
                vrQemuMonitorCloseFd(obj->mon, names[n]);
            vrQemuDomainObjExitMonitor(obj);
        }
    }
    vrQemuNetUndo(driver, next, net);
    vrErrorRestore(&saved);
}

void
vrQemuInterfaceUnplugged(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDef *def,
                         vrDomainNetDef *net)
{
    (void)obj;
    vrQemuNetUndo(driver, def, net);
}
