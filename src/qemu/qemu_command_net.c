/*
 * qemu_command_net.c: network interfaces, a -netdev for the host side
 * and a -device for the NIC the guest sees.
 *
 * Host sides the driver prepared (tap/macvtap descriptors, vhost-net
 * descriptors) are passed in vrQemuCommandParams.nets; without them QEMU
 * connects what it can on its own: the user stack, vhost-user and socket
 * back-ends, an existing tap device, a bridge through qemu-bridge-helper.
 */
#include <config.h>

#include <string.h>

#include "qemu_command_priv.h"

static const vrQemuNetHostSide *
vrQemuNetHost(vrQemuBuild *b, size_t idx)
{
    if (!b->p->nets || idx >= b->p->nnets)
        return NULL;
    return &b->p->nets[idx];
}

/* "12:13" for a list of descriptors, each passed to QEMU. */
static char *
vrQemuFDList(vrQemuBuild *b, const int *fds, size_t n)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < n; i++) {
        g_string_append_printf(s, "%s%d", i ? ":" : "", fds[i]);
        vrQemuBuildPassFD(b, fds[i]);
    }
    return g_string_free(s, FALSE);
}

static bool
vrQemuNetWantsVhost(const vrDomainNetDef *net)
{
    return net->model && g_str_has_prefix(net->model, "virtio") &&
           net->driverName != VR_DOMAIN_NET_DRIVER_QEMU;
}

static void
vrQemuNetdevTapFDs(vrQemuBuild *b, const vrDomainNetDef *net, const vrQemuNetHostSide *h,
                   json_object *o)
{
    g_autofree char *fds = h->fdnames ? g_strdup(h->fdnames)
                                      : vrQemuFDList(b, h->tapfds, h->ntapfds);

    vrQemuJSONStr(o, h->ntapfds > 1 ? "fds" : "fd", fds);
    if (h->nvhostfds && vrQemuNetWantsVhost(net)) {
        g_autofree char *vfds = vrQemuFDList(b, h->vhostfds, h->nvhostfds);
        vrQemuJSONBool(o, "vhost", true);
        vrQemuJSONStr(o, h->nvhostfds > 1 ? "vhostfds" : "vhostfd", vfds);
    }
}

/* The host side without prepared descriptors. */
static int
vrQemuNetdevOwnTap(vrQemuBuild *b, const vrDomainNetDef *net, const vrQemuNetHostSide *h,
                   json_object *o)
{
    const char *bridge = net->type == VR_DOMAIN_NET_TYPE_BRIDGE ? net->sourceBridge
                         : h ? h->bridge : NULL;

    if (net->type == VR_DOMAIN_NET_TYPE_ETHERNET) {
        vrQemuJSONStr(o, "type", "tap");
        if (net->ifname)
            vrQemuJSONStr(o, "ifname", net->ifname);
        vrQemuJSONStr(o, "script", net->script ? net->script : "no");
        vrQemuJSONStr(o, "downscript", net->downscript ? net->downscript : "no");
        if (vrQemuNetWantsVhost(net))
            vrQemuJSONBool(o, "vhost", true);
        if (net->queues > 1)
            vrQemuJSONUInt(o, "queues", net->queues);
        return 0;
    }
    if (net->type == VR_DOMAIN_NET_TYPE_NETWORK && !bridge) {
        vrQemuRefuse(b, "interface on network '%s' was not resolved to a bridge before the start",
                     net->sourceNetwork ? net->sourceNetwork : "");
        return -1;
    }
    vrQemuJSONStr(o, "type", "bridge");
    vrQemuJSONStr(o, "br", bridge);
    return 0;
}

static void
vrQemuNetdevSocket(const vrDomainNetDef *net, json_object *o)
{
    g_autofree char *addr = g_strdup_printf("%s:%u", net->sourceAddress ? net->sourceAddress : "",
                                            net->sourcePort);

    vrQemuJSONStr(o, "type", "socket");
    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_SERVER:
        vrQemuJSONStr(o, "listen", addr);
        break;
    case VR_DOMAIN_NET_TYPE_CLIENT:
        vrQemuJSONStr(o, "connect", addr);
        break;
    case VR_DOMAIN_NET_TYPE_MCAST:
        vrQemuJSONStr(o, "mcast", addr);
        break;
    case VR_DOMAIN_NET_TYPE_UDP: {
        g_autofree char *local = g_strdup_printf("%s:%u", net->localAddress ? net->localAddress : "",
                                                 net->localPort);
        vrQemuJSONStr(o, "udp", addr);
        vrQemuJSONStr(o, "localaddr", local);
        break;
    }
    default:
        break;
    }
}

static int
vrQemuNetdevVhostUser(vrQemuBuild *b, const vrDomainNetDef *net, const char *alias, json_object *o)
{
    g_autofree char *chr = g_strdup_printf("char%s", alias);

    if (!net->vhostuser || vrQemuBuildChardev(b, net->vhostuser, chr, "vhost-user interface") < 0)
        return -1;
    vrQemuJSONStr(o, "type", "vhost-user");
    vrQemuJSONStr(o, "chardev", chr);
    if (net->queues > 1)
        vrQemuJSONUInt(o, "queues", net->queues);
    return 0;
}

static int
vrQemuNetdevFill(vrQemuBuild *b, const vrDomainNetDef *net, size_t idx, const char *alias,
                 json_object *o)
{
    const vrQemuNetHostSide *h = vrQemuNetHost(b, idx);
    bool fds = h && h->ntapfds;

    switch ((vrDomainNetType)net->type) {
    case VR_DOMAIN_NET_TYPE_USER:
        vrQemuJSONStr(o, "type", "user");
        return 0;
    case VR_DOMAIN_NET_TYPE_ETHERNET:
    case VR_DOMAIN_NET_TYPE_BRIDGE:
    case VR_DOMAIN_NET_TYPE_NETWORK:
        if (!fds)
            return vrQemuNetdevOwnTap(b, net, h, o);
        vrQemuJSONStr(o, "type", "tap");
        vrQemuNetdevTapFDs(b, net, h, o);
        return 0;
    case VR_DOMAIN_NET_TYPE_DIRECT:
        if (!fds) {
            vrQemuRefuse(b, "interface type 'direct' on '%s' needs a macvtap device the driver "
                         "prepares", net->sourceDev ? net->sourceDev : "");
            return -1;
        }
        vrQemuJSONStr(o, "type", "tap");
        vrQemuNetdevTapFDs(b, net, h, o);
        return 0;
    case VR_DOMAIN_NET_TYPE_SERVER:
    case VR_DOMAIN_NET_TYPE_CLIENT:
    case VR_DOMAIN_NET_TYPE_MCAST:
    case VR_DOMAIN_NET_TYPE_UDP:
        vrQemuNetdevSocket(net, o);
        return 0;
    case VR_DOMAIN_NET_TYPE_VHOSTUSER:
        return vrQemuNetdevVhostUser(b, net, alias, o);
    case VR_DOMAIN_NET_TYPE_VDPA:
        vrQemuJSONStr(o, "type", "vhost-vdpa");
        vrQemuJSONStr(o, "vhostdev", net->sourceDev);
        return 0;
    case VR_DOMAIN_NET_TYPE_NULL:
    case VR_DOMAIN_NET_TYPE_INTERNAL:
    case VR_DOMAIN_NET_TYPE_VDS:
    case VR_DOMAIN_NET_TYPE_HOSTDEV:
    case VR_DOMAIN_NET_TYPE_LAST:
        break;
    }
    vrQemuUnsupported(b, "interface type '%s'", vrDomainNetTypeToString(net->type));
    return -1;
}

/* ---- the NIC --------------------------------------------------------- */

static const char *
vrQemuNICDriver(const vrDomainNetDef *net)
{
    const char *m = net->model;

    if (!m || g_str_equal(m, "virtio"))
        return "virtio-net-pci";
    if (g_str_equal(m, "virtio-transitional"))
        return "virtio-net-pci-transitional";
    if (g_str_equal(m, "virtio-non-transitional"))
        return "virtio-net-pci-non-transitional";
    if (g_str_equal(m, "usb-net"))
        return "usb-net";
    return m;               /* e1000, e1000e, rtl8139, vmxnet3, ne2k_pci, pcnet, ... */
}

static void
vrQemuNICVirtioProps(const vrDomainNetDef *net, json_object *dev)
{
    if (net->queues > 1) {
        vrQemuJSONBool(dev, "mq", true);
        vrQemuJSONUInt(dev, "vectors", 2 * net->queues + 2);
    }
    if (net->txmode)
        vrQemuJSONStr(dev, "tx", net->txmode == VR_DOMAIN_NET_TXMODE_TIMER ? "timer" : "bh");
    vrQemuJSONTristate(dev, "ioeventfd", net->ioeventfd);
    vrQemuJSONTristate(dev, "event_idx", net->eventIdx);
    if (net->rxQueueSize)
        vrQemuJSONUInt(dev, "rx_queue_size", net->rxQueueSize);
    if (net->txQueueSize)
        vrQemuJSONUInt(dev, "tx_queue_size", net->txQueueSize);
    if (net->mtu)
        vrQemuJSONUInt(dev, "host_mtu", net->mtu);
    vrQemuJSONTristate(dev, "csum", net->hostCsum);
    vrQemuJSONTristate(dev, "gso", net->hostGso);
    vrQemuJSONTristate(dev, "host_tso4", net->hostTso4);
    vrQemuJSONTristate(dev, "host_tso6", net->hostTso6);
    vrQemuJSONTristate(dev, "host_ecn", net->hostEcn);
    vrQemuJSONTristate(dev, "host_ufo", net->hostUfo);
    vrQemuJSONTristate(dev, "mrg_rxbuf", net->hostMrgRxbuf);
    vrQemuJSONTristate(dev, "guest_csum", net->guestCsum);
    vrQemuJSONTristate(dev, "guest_tso4", net->guestTso4);
    vrQemuJSONTristate(dev, "guest_tso6", net->guestTso6);
    vrQemuJSONTristate(dev, "guest_ecn", net->guestEcn);
    vrQemuJSONTristate(dev, "guest_ufo", net->guestUfo);
    vrQemuJSONTristate(dev, "rss", net->rss);
    vrQemuJSONTristate(dev, "hash", net->rssHashReport);
    if (net->teaming == VR_DOMAIN_NET_TEAMING_PERSISTENT)
        vrQemuJSONBool(dev, "failover", true);
    vrQemuDeviceVirtioOptions(dev, &net->virtio);
}

static int
vrQemuBuildNIC(vrQemuBuild *b, const vrDomainNetDef *net, const char *alias, const char *netdev)
{
    const char *driver = vrQemuNICDriver(net);
    g_autofree char *what = g_strdup_printf("interface model '%s'", net->model ? net->model : "virtio");
    char mac[18];
    json_object *dev;
    unsigned int bi;

    if (!(dev = vrQemuDeviceNew(b, driver, what)))
        return -1;
    /* <link state='down'> has no property: the driver sends QMP set_link
     * before the guest's CPUs run (qemu_interface.c) */
    vrMacFormat(net->mac, mac);
    vrQemuJSONStr(dev, "netdev", netdev);
    vrQemuJSONStr(dev, "id", alias);
    vrQemuJSONStr(dev, "mac", mac);
    if (g_str_has_prefix(driver, "virtio-net"))
        vrQemuNICVirtioProps(net, dev);
    if (vrQemuDeviceAddress(b, dev, &net->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    if ((bi = vrQemuBootIndex(b, VR_DOMAIN_DEVICE_NET, net, &net->info)))
        vrQemuJSONUInt(dev, "bootindex", bi);
    vrQemuDeviceBootRom(b, dev, &net->info, true);
    vrQemuBuildDevice(b, dev);
    return 0;
}

static int vrQemuBuildHostdevNet(vrQemuBuild *b, const vrDomainNetDef *net, const char *alias);

static int
vrQemuBuildNet(vrQemuBuild *b, const vrDomainNetDef *net, size_t idx)
{
    const char *alias = vrQemuAlias(b, VR_DOMAIN_DEVICE_NET, net, &net->info);
    g_autofree char *netdev = g_strdup_printf("host%s", alias);
    json_object *o;

    if (net->type == VR_DOMAIN_NET_TYPE_HOSTDEV)
        return vrQemuBuildHostdevNet(b, net, alias);
    o = json_object_new_object();
    if (vrQemuNetdevFill(b, net, idx, alias, o) < 0) {
        json_object_put(o);
        return -1;
    }
    vrQemuJSONStr(o, "id", netdev);
    vrQemuBuildArgJSON(b, "-netdev", o);
    return vrQemuBuildNIC(b, net, alias, netdev);
}

/* <interface type='hostdev'>: the PCI function itself goes to the guest
 * (its MAC is set on the host side by the driver). */
static int
vrQemuBuildHostdevNet(vrQemuBuild *b, const vrDomainNetDef *net, const char *alias)
{
    const vrPCIAddress *a = &net->hostdev.pciAddr;
    g_autofree char *host = g_strdup_printf("%04x:%02x:%02x.%x", a->domain, a->bus, a->slot, a->function);
    json_object *dev = vrQemuDeviceNew(b, "vfio-pci", "interface type 'hostdev'");
    unsigned int bi;

    if (!dev)
        return -1;
    vrQemuJSONStr(dev, "host", host);
    vrQemuJSONStr(dev, "id", alias);
    if (vrQemuDeviceAddress(b, dev, &net->info) < 0) {
        json_object_put(dev);
        return -1;
    }
    if ((bi = vrQemuBootIndex(b, VR_DOMAIN_DEVICE_NET, net, &net->info)))
        vrQemuJSONUInt(dev, "bootindex", bi);
    vrQemuDeviceBootRom(b, dev, &net->info, true);
    vrQemuBuildDevice(b, dev);
    return 0;
}

int
vrQemuBuildNets(vrQemuBuild *b)
{
    size_t i;

    for (i = 0; i < b->def->nnets; i++) {
        if (vrQemuBuildNet(b, b->def->nets[i], i) < 0)
            return -1;
    }
    return 0;
}
