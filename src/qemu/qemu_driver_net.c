/*
 * qemu_driver_net.c: the driver calls about guest NICs: update-device of
 * an <interface> (domif-setlink: link state, bandwidth), domiftune
 * (Set/GetInterfaceParameters) and domifaddr (lease, arp).  The host
 * side itself is qemu_interface.c.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_interface.h"
#include "qemu_driver.h"
#include "qemu_status.h"
#include "libvireo/datatypes.h"
#include "network/network_driver.h"
#include "util/vrerror.h"
#include "util/vrlog.h"
#include "util/vrtypedparam.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.driver_net"

/* ---- update-device: link state, bandwidth ------------------------------ */

bool
vrQemuInterfaceIsUpdate(const char *xml)
{
    const char *p = xml;

    while (p && *p && g_ascii_isspace(*p))
        p++;
    return p && g_str_has_prefix(p, "<interface");
}

static bool
vrQemuBandwidthEqual(const vrNetBandwidth *a, const vrNetBandwidth *b)
{
    return a->hasIn == b->hasIn && a->hasOut == b->hasOut &&
           (!a->hasIn || (a->in.average == b->in.average && a->in.peak == b->in.peak &&
                          a->in.burst == b->in.burst && a->in.floor == b->in.floor)) &&
           (!a->hasOut || (a->out.average == b->out.average && a->out.peak == b->out.peak &&
                           a->out.burst == b->out.burst));
}

/* What update-device may change; anything else must stay as it is. */
static int
vrQemuInterfaceCheckChange(const vrDomainNetDef *old, const vrDomainNetDef *new, char *mac)
{
    const char *what = NULL;

    if (old->type != new->type)
        what = "type";
    else if (g_strcmp0(old->model, new->model) != 0 && new->model)
        what = "model";
    else if (g_strcmp0(old->sourceNetwork, new->sourceNetwork) != 0 ||
             g_strcmp0(old->sourceBridge, new->sourceBridge) != 0 ||
             g_strcmp0(old->sourceDev, new->sourceDev) != 0)
        what = "source";
    if (!what)
        return 0;
    vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "cannot change the %s of interface '%s' with "
                  "update-device (only link state and bandwidth)", what, mac);
    return -1;
}

static int
vrQemuInterfaceUpdateLive(vrQemuDomainObj *obj, vrDomainNetDef *cur, const vrDomainNetDef *new)
{
    if (cur->linkState != new->linkState) {
        bool up = new->linkState != VR_DOMAIN_NET_LINK_DOWN;
        if (!cur->info.alias) {
            vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "interface has no alias");
            return -1;
        }
        if (vrQemuInterfaceSetLink(obj, cur->info.alias, up) < 0)
            return -1;
        cur->linkState = new->linkState;
    }
    if (!vrQemuBandwidthEqual(&cur->bandwidth, &new->bandwidth)) {
        if (!cur->ifname) {
            vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "interface of type '%s' has no host "
                          "device to shape", vrDomainNetTypeToString(cur->type));
            return -1;
        }
        if (vrQemuInterfaceSetBandwidth(cur->ifname, &new->bandwidth) < 0)
            return -1;
        cur->bandwidth = new->bandwidth;
    }
    return 0;
}

static int
vrQemuInterfaceUpdateOne(vrQemuDriver *driver, vrQemuDomainObj *obj, vrDomainDef *def,
                         const char *xml, bool live)
{
    g_autoptr(vrDomainDeviceDef) dev = NULL;
    vrDomainNetDef *cur;
    char mac[18];

    if (!(dev = vrDomainDeviceDefParse(xml, def, &driver->xmlopt)))
        return -1;
    if (dev->type != VR_DOMAIN_DEVICE_NET) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "not an interface");
        return -1;
    }
    vrMacFormat(dev->data.net->mac, mac);
    if (!(cur = vrDomainNetByMAC(def, dev->data.net->mac))) {
        vrReportError(VR_ERR_DEVICE_MISSING, "no interface with MAC address '%s' in guest '%s'",
                      mac, def->name);
        return -1;
    }
    if (vrQemuInterfaceCheckChange(cur, dev->data.net, mac) < 0)
        return -1;
    if (live)
        return vrQemuInterfaceUpdateLive(obj, cur, dev->data.net);
    cur->linkState = dev->data.net->linkState;
    cur->bandwidth = dev->data.net->bandwidth;
    return 0;
}

int
vrQemuInterfaceUpdateDevice(vrDomain *dom, const char *xml, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    vrDomainDef *live, *config;
    vrQemuDomainObj *obj;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_DOMAIN_DEVICE_MODIFY_FORCE,
                 -1);
    if (!(obj = vrQemuDomObjFromDomain(dom)))
        return -1;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "update-interface") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags & ~VR_DOMAIN_DEVICE_MODIFY_FORCE, &live, &config) < 0)
        goto endjob;
    if (live && vrQemuInterfaceUpdateOne(driver, obj, live, xml, true) < 0)
        goto endjob;
    if (live)
        vrQemuStatusSave(driver, obj);
    if (config && (vrQemuInterfaceUpdateOne(driver, obj, config, xml, false) < 0 ||
                   vrQemuDomainSaveConfig(driver, config) < 0))
        goto endjob;
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- domiftune --------------------------------------------------------- */

static const char *const vrQemuBandwidthFields[] = {
    VR_DOMAIN_BANDWIDTH_IN_AVERAGE, VR_DOMAIN_BANDWIDTH_IN_PEAK, VR_DOMAIN_BANDWIDTH_IN_BURST,
    VR_DOMAIN_BANDWIDTH_IN_FLOOR, VR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VR_DOMAIN_BANDWIDTH_OUT_PEAK,
    VR_DOMAIN_BANDWIDTH_OUT_BURST,
};

static vrDomainNetDef *
vrQemuInterfaceFind(vrDomainDef *def, const char *device)
{
    unsigned char mac[6];
    bool byMac = vrMacParse(device, mac) == 0;

    vrResetLastError();
    for (size_t i = 0; i < def->nnets; i++) {
        vrDomainNetDef *net = def->nets[i];
        if (byMac ? memcmp(net->mac, mac, 6) == 0
                  : (net->ifname && g_str_equal(net->ifname, device)))
            return net;
    }
    vrReportError(VR_ERR_INVALID_ARG, "Can't find interface '%s'", device);
    return NULL;
}

static void
vrQemuRateSet(vrNetBandwidthRate *r, bool *has, const unsigned long long *v, const bool *set)
{
    unsigned long long *dst[] = { &r->average, &r->peak, &r->burst, &r->floor };
    bool *flag[] = { &r->hasAverage, &r->hasPeak, &r->hasBurst, &r->hasFloor };

    for (size_t i = 0; i < 4; i++) {
        if (!set[i])
            continue;
        *dst[i] = v[i];
        *flag[i] = v[i] != 0;
    }
    /* an average of 0 removes the direction's limit, as in libvirt */
    if (set[0] && v[0] == 0)
        memset(r, 0, sizeof(*r));
    *has = r->average != 0 || r->floor != 0;
}

static int
vrQemuTuneParse(vrTypedParameter *params, int nparams, unsigned long long *v, bool *set)
{
    for (int i = 0; i < nparams; i++) {
        size_t f;

        for (f = 0; f < G_N_ELEMENTS(vrQemuBandwidthFields); f++) {
            if (g_str_equal(params[i].field, vrQemuBandwidthFields[f]))
                break;
        }
        if (f == G_N_ELEMENTS(vrQemuBandwidthFields)) {
            vrReportError(VR_ERR_ARGUMENT_UNSUPPORTED, "parameter '%s' not supported",
                          params[i].field);
            return -1;
        }
        if (params[i].type != VR_TYPED_PARAM_UINT) {
            vrReportError(VR_ERR_INVALID_ARG, "invalid type for parameter '%s'",
                          params[i].field);
            return -1;
        }
        v[f] = params[i].value.ui;
        set[f] = true;
    }
    if (set[3] && v[3]) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "%s", "'floor' is only supported for "
                      "interfaces on a network with a bandwidth limit, not by this driver yet");
        return -1;
    }
    return 0;
}

static void
vrQemuTuneApply(vrNetBandwidth *bw, const unsigned long long *v, const bool *set)
{
    bool outSet[4] = { set[4], set[5], set[6], false };
    unsigned long long outV[4] = { v[4], v[5], v[6], 0 };

    if (set[0] || set[1] || set[2] || set[3])
        vrQemuRateSet(&bw->in, &bw->hasIn, v, set);
    if (set[4] || set[5] || set[6])
        vrQemuRateSet(&bw->out, &bw->hasOut, outV, outSet);
}

static int
vrQemuDomainSetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                                   int nparams, unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    unsigned long long v[G_N_ELEMENTS(vrQemuBandwidthFields)] = { 0 };
    bool set[G_N_ELEMENTS(vrQemuBandwidthFields)] = { false };
    vrDomainDef *live, *config;
    vrDomainNetDef *net;
    vrQemuDomainObj *obj;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG, -1);
    if (vrQemuTuneParse(params, nparams, v, set) < 0 || !(obj = vrQemuDomObjFromDomain(dom)))
        return -1;
    if (vrQemuDomainObjBeginJob(obj, VR_QEMU_JOB_MODIFY, "domiftune") < 0)
        goto out;
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        goto endjob;
    if (live) {
        vrNetBandwidth bw;
        if (!(net = vrQemuInterfaceFind(live, device)))
            goto endjob;
        bw = net->bandwidth;
        vrQemuTuneApply(&bw, v, set);
        if (!net->ifname || net->type == VR_DOMAIN_NET_TYPE_USER) {
            vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "interface '%s' of type '%s' has no "
                          "host device to shape", device, vrDomainNetTypeToString(net->type));
            goto endjob;
        }
        if (vrQemuInterfaceSetBandwidth(net->ifname, &bw) < 0)
            goto endjob;
        net->bandwidth = bw;
        vrQemuStatusSave(driver, obj);
    }
    if (config) {
        /* a tap name is only in the live definition: go by its MAC */
        vrDomainNetDef *running = live ? net : vrQemuDomainObjIsActive(obj)
                                              ? vrQemuInterfaceFind(obj->def, device) : NULL;
        char mac[18];
        if (running)
            vrMacFormat(running->mac, mac);
        if (!(net = vrQemuInterfaceFind(config, running ? mac : device)))
            goto endjob;
        vrQemuTuneApply(&net->bandwidth, v, set);
        if (vrQemuDomainSaveConfig(driver, config) < 0)
            goto endjob;
    }
    ret = 0;
 endjob:
    vrQemuDomainObjEndJob(obj);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

static int
vrQemuDomainGetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                                   int *nparams, unsigned int flags)
{
    g_auto(vrTypedParamList) list = { 0 };
    vrDomainDef *live, *config;
    const vrNetBandwidthRate *in, *out;
    vrDomainNetDef *net;
    vrQemuDomainObj *obj;
    int ret = -1;

    vrCheckFlags(VR_DOMAIN_AFFECT_LIVE | VR_DOMAIN_AFFECT_CONFIG | VR_TYPED_PARAM_STRING_OKAY, -1);
    flags &= ~VR_TYPED_PARAM_STRING_OKAY;
    if (*nparams == 0) {
        *nparams = (int)G_N_ELEMENTS(vrQemuBandwidthFields);
        return 0;
    }
    if (!(obj = vrQemuDomObjFromDomain(dom)))
        return -1;
    if (vrQemuDomainGetDefs(obj, flags, &live, &config) < 0)
        goto out;
    if (!live && vrQemuDomainObjIsActive(obj) &&
        (net = vrQemuInterfaceFind(obj->def, device))) {
        /* a tap name is only in the live definition: go by its MAC */
        char mac[18];
        vrMacFormat(net->mac, mac);
        net = vrQemuInterfaceFind(config, mac);
    } else {
        net = vrQemuInterfaceFind(live ? live : config, device);
    }
    if (!net)
        goto out;
    in = &net->bandwidth.in;
    out = &net->bandwidth.out;
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_AVERAGE, (unsigned int)in->average);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_PEAK, (unsigned int)in->peak);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_BURST, (unsigned int)in->burst);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_IN_FLOOR, (unsigned int)in->floor);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_AVERAGE, (unsigned int)out->average);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_PEAK, (unsigned int)out->peak);
    vrTypedParamListAddUInt(&list, VR_DOMAIN_BANDWIDTH_OUT_BURST, (unsigned int)out->burst);
    ret = vrTypedParamListExport(&list, params, nparams);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

/* ---- domifaddr --------------------------------------------------------- */

static vrDomainInterface *
vrQemuIfaceNew(const vrDomainNetDef *net)
{
    vrDomainInterface *iface = g_new0(vrDomainInterface, 1);
    char mac[18];

    vrMacFormat(net->mac, mac);
    iface->name = g_strdup(net->ifname ? net->ifname : net->info.alias);
    iface->hwaddr = g_strdup(mac);
    return iface;
}

static void
vrQemuIfaceAddIP(vrDomainInterface *iface, const char *ip, unsigned int prefix)
{
    iface->addrs = g_renew(vrDomainIPAddress, iface->addrs, iface->naddrs + 1);
    iface->addrs[iface->naddrs].type = strchr(ip, ':') ? VR_IP_ADDR_TYPE_IPV6
                                                       : VR_IP_ADDR_TYPE_IPV4;
    iface->addrs[iface->naddrs].addr = g_strdup(ip);
    iface->addrs[iface->naddrs].prefix = prefix;
    iface->naddrs++;
}

/* The kernel's neighbour table of vireod's network namespace. */
static void
vrQemuIfaceFromArp(vrDomainInterface *iface)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/net/arp", &text, NULL, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (size_t i = 1; lines[i]; i++) {
        char ip[64], hw[64], flags[16];

        if (sscanf(lines[i], "%63s %*s %15s %63s", ip, flags, hw) != 3)
            continue;
        /* flags 0x0: an incomplete entry */
        if (g_ascii_strcasecmp(hw, iface->hwaddr) == 0 && strtol(flags, NULL, 16) != 0)
            vrQemuIfaceAddIP(iface, ip, 0);
    }
}

/* The network driver's view of dnsmasq's leases (with the subnet's
 * prefix); its lease file read directly when the driver cannot answer. */
static void
vrQemuIfaceFromLeases(vrQemuDriver *driver, const vrDomainNetDef *net, vrDomainInterface *iface)
{
    g_autofree char *path = NULL;
    g_autoptr(GPtrArray) leases = NULL;
    vrNetworkDHCPLease **found = NULL;
    long long now = g_get_real_time() / G_USEC_PER_SEC;
    int n;

    if (net->type != VR_DOMAIN_NET_TYPE_NETWORK || !net->sourceNetwork)
        return;
    if ((n = vrNetworkLeasesGet(driver->cfg->root, net->sourceNetwork, iface->hwaddr,
                                &found)) >= 0) {
        for (int i = 0; i < n; i++) {
            vrQemuIfaceAddIP(iface, found[i]->ipaddr, found[i]->prefix);
            vrNetworkDHCPLeaseFree(found[i]);
        }
        g_free(found);
        return;
    }
    vrResetLastError();
    path = vrNetworkPortLeaseFile(driver->cfg->root, net->sourceNetwork);
    leases = vrNetworkLeasesRead(path);
    for (guint i = 0; i < leases->len; i++) {
        vrNetworkLease *l = g_ptr_array_index(leases, i);
        if (g_ascii_strcasecmp(l->mac, iface->hwaddr) == 0 && (!l->expiry || l->expiry > now))
            vrQemuIfaceAddIP(iface, l->ip, strchr(l->ip, ':') ? 64 : 24);
    }
}

static int
vrQemuDomainInterfaceAddresses(vrDomain *dom, vrDomainInterface ***ifaces, unsigned int source,
                               unsigned int flags)
{
    vrQemuDriver *driver = vrQemuDriverFrom(dom->conn);
    g_autoptr(GPtrArray) list = g_ptr_array_new();
    vrQemuDomainObj *obj;
    int ret = -1;

    vrCheckFlags(0, -1);
    if (source == VR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT) {
        vrReportError(VR_ERR_OPERATION_UNSUPPORTED, "%s", "interface addresses from the guest "
                      "agent are not supported by this driver yet; use --source lease or arp");
        return -1;
    }
    if (source >= VR_DOMAIN_INTERFACE_ADDRESSES_SRC_LAST) {
        vrReportError(VR_ERR_INVALID_ARG, "Unknown IP address data source %u", source);
        return -1;
    }
    if (!(obj = vrQemuDomObjFromDomain(dom)))
        return -1;
    if (!vrQemuDomainObjIsActive(obj)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto out;
    }
    for (size_t i = 0; i < obj->def->nnets; i++) {
        const vrDomainNetDef *net = obj->def->nets[i];
        vrDomainInterface *iface = vrQemuIfaceNew(net);

        if (source == VR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP)
            vrQemuIfaceFromArp(iface);
        else
            vrQemuIfaceFromLeases(driver, net, iface);
        if (iface->naddrs)
            g_ptr_array_add(list, iface);
        else
            vrDomainInterfaceFree(iface);
    }
    ret = (int)list->len;
    g_ptr_array_add(list, NULL);
    *ifaces = (vrDomainInterface **)g_ptr_array_free(g_steal_pointer(&list), FALSE);
 out:
    vrQemuDomainObjEndAPI(&obj);
    return ret;
}

void
vrQemuInterfaceDriverInit(vrHypervisorDriver *hv)
{
    hv->domainSetInterfaceParameters = vrQemuDomainSetInterfaceParameters;
    hv->domainGetInterfaceParameters = vrQemuDomainGetInterfaceParameters;
    hv->domainInterfaceAddresses = vrQemuDomainInterfaceAddresses;
}
