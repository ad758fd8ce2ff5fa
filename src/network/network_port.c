/*
 * network_port.c: a guest's port on a virtual network, and dnsmasq's
 * lease file.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "network_port.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_NETWORK

void
vrNetworkPortClear(vrNetworkPort *port)
{
    g_free(port->network);
    g_free(port->bridge);
    g_strfreev(port->forwardDevs);
    g_free(port->macvtapMode);
    g_free(port->portgroup);
    g_free(port->vlanTags);
    memset(port, 0, sizeof(*port));
}

static const vrNetworkPortGroupDef *
vrNetworkPortGroupFind(const vrNetworkDef *def, const char *name)
{
    for (size_t i = 0; i < def->nportgroups; i++) {
        const vrNetworkPortGroupDef *pg = &def->portgroups[i];
        if (name ? g_str_equal(pg->name, name) : pg->isDefault)
            return pg;
    }
    return NULL;
}

/* The network's rate (KiB/s, KiB) in the domain interface's form. */
static void
vrNetworkPortRate(const vrNetworkRate *in, vrNetBandwidthRate *out, bool *has)
{
    if (!in || (!in->average && !in->floor))
        return;
    *has = true;
    out->average = in->average;
    out->hasAverage = in->average != 0;
    out->peak = in->peak;
    out->hasPeak = in->peak != 0;
    out->burst = in->burst;
    out->hasBurst = in->burst != 0;
    out->floor = in->floor;
    out->hasFloor = in->floor != 0;
}

static void
vrNetworkPortSettings(vrNetworkPort *port, const vrNetworkBandwidth *bw, const vrNetworkVlan *vlan)
{
    vrNetworkPortRate(bw->in, &port->bandwidth.in, &port->bandwidth.hasIn);
    vrNetworkPortRate(bw->out, &port->bandwidth.out, &port->bandwidth.hasOut);
    if (vlan->ntags) {
        port->vlanTags = g_memdup2(vlan->tags, vlan->ntags * sizeof(*vlan->tags));
        port->nvlanTags = vlan->ntags;
        port->vlanTrunk = vlan->trunk;
    }
}

static const char *
vrNetworkPortMacvtapMode(int forwardType)
{
    switch (forwardType) {
    case VR_NETWORK_FORWARD_BRIDGE:
        return "bridge";
    case VR_NETWORK_FORWARD_PRIVATE:
        return "private";
    case VR_NETWORK_FORWARD_VEPA:
        return "vepa";
    case VR_NETWORK_FORWARD_PASSTHROUGH:
        return "passthru";
    default:
        return NULL;
    }
}

int
vrNetworkPortFill(const vrNetworkDef *def, const char *portgroup, vrNetworkPort *port)
{
    const vrNetworkPortGroupDef *pg = vrNetworkPortGroupFind(def, portgroup);

    memset(port, 0, sizeof(*port));
    if (portgroup && !pg) {
        vrReportError(VR_ERR_INVALID_ARG, "no portgroup '%s' in network '%s'", portgroup,
                      def->name);
        return -1;
    }
    if (def->forwardType == VR_NETWORK_FORWARD_HOSTDEV) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "network '%s' hands out host PCI devices "
                      "(forward mode 'hostdev'); this driver cannot attach them yet", def->name);
        return -1;
    }
    port->network = g_strdup(def->name);
    port->forwardType = def->forwardType;
    port->mtu = def->mtu;
    if (def->bridge) {
        /* own bridge (nat, route, open, none) or a host bridge (mode bridge) */
        port->bridge = g_strdup(def->bridge);
    } else if ((port->macvtapMode = g_strdup(vrNetworkPortMacvtapMode(def->forwardType)))) {
        port->forwardDevs = g_new0(char *, def->nforwardIfs + 1);
        for (size_t i = 0; i < def->nforwardIfs; i++)
            port->forwardDevs[i] = g_strdup(def->forwardIfs[i].dev);
        if (!def->nforwardIfs) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "network '%s' (forward mode '%s') has no "
                          "<forward> interface to put a macvtap on", def->name,
                          vrNetworkForwardTypeToString(def->forwardType));
            vrNetworkPortClear(port);
            return -1;
        }
    } else {
        vrReportError(VR_ERR_INTERNAL_ERROR, "network '%s' has no bridge", def->name);
        vrNetworkPortClear(port);
        return -1;
    }
    vrNetworkPortSettings(port, &def->bandwidth, &def->vlan);
    if (pg) {
        port->portgroup = g_strdup(pg->name);
        if (pg->bandwidth.in || pg->bandwidth.out)
            memset(&port->bandwidth, 0, sizeof(port->bandwidth));
        if (pg->vlan.ntags) {
            g_clear_pointer(&port->vlanTags, g_free);
            port->nvlanTags = 0;
        }
        vrNetworkPortSettings(port, &pg->bandwidth, &pg->vlan);
    }
    return 0;
}

/* ---- leases ------------------------------------------------------------ */

void
vrNetworkLeaseFree(vrNetworkLease *lease)
{
    if (!lease)
        return;
    g_free(lease->mac);
    g_free(lease->ip);
    g_free(lease->hostname);
    g_free(lease->clientid);
    g_free(lease);
}

GPtrArray *
vrNetworkLeasesRead(const char *path)
{
    GPtrArray *leases = g_ptr_array_new_with_free_func((GDestroyNotify)vrNetworkLeaseFree);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return leases;
    lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        vrNetworkLease *l;

        /* DHCPv6 files have a "duid" line; every lease has 4-5 fields */
        if (g_strv_length(f) < 4 || g_str_equal(f[0], "duid"))
            continue;
        l = g_new0(vrNetworkLease, 1);
        l->expiry = g_ascii_strtoll(f[0], NULL, 10);
        l->mac = g_ascii_strdown(f[1], -1);
        l->ip = g_strdup(f[2]);
        l->hostname = g_str_equal(f[3], "*") ? NULL : g_strdup(f[3]);
        l->clientid = f[4] && !g_str_equal(f[4], "*") ? g_strdup(f[4]) : NULL;
        g_ptr_array_add(leases, l);
    }
    return leases;
}
