/*
 * network_gen.c: network definition -> dnsmasq configuration and
 * nftables rule set (pure: no host access).
 */
#include <config.h>

#include <arpa/inet.h>
#include <string.h>

#include "network_gen.h"
#include "util/vrbuf.h"

bool
vrNetworkIPIsV6(const vrNetworkIPDef *ip)
{
    if (ip->family)
        return g_str_equal(ip->family, "ipv6");
    return ip->address && strchr(ip->address, ':') != NULL;
}

int
vrNetworkIPPrefix(const vrNetworkIPDef *ip)
{
    struct in_addr mask;
    guint32 m;
    int n = 0;

    if (ip->hasPrefix || ip->prefix > 0)
        return (int)ip->prefix;
    if (vrNetworkIPIsV6(ip))
        return 64;
    if (!ip->netmask) {
        /* classful default, as libvirt does without netmask/prefix */
        struct in_addr a;
        guint32 h;

        if (!ip->address || inet_pton(AF_INET, ip->address, &a) != 1)
            return -1;
        h = ntohl(a.s_addr);
        if ((h >> 31) == 0)
            return 8;
        if ((h >> 30) == 2)
            return 16;
        return 24;
    }
    if (inet_pton(AF_INET, ip->netmask, &mask) != 1)
        return -1;
    m = ntohl(mask.s_addr);
    while (m & 0x80000000u) {
        n++;
        m <<= 1;
    }
    return m ? -1 : n;
}

char *
vrNetworkIPSubnet(const vrNetworkIPDef *ip)
{
    int prefix = vrNetworkIPPrefix(ip);
    char out[INET6_ADDRSTRLEN];

    if (prefix < 0 || !ip->address)
        return NULL;
    if (vrNetworkIPIsV6(ip)) {
        struct in6_addr a;

        if (inet_pton(AF_INET6, ip->address, &a) != 1 || prefix > 128)
            return NULL;
        for (int i = 0; i < 16; i++) {
            int bits = prefix - i * 8;
            if (bits <= 0)
                a.s6_addr[i] = 0;
            else if (bits < 8)
                a.s6_addr[i] &= (unsigned char)(0xff << (8 - bits));
        }
        inet_ntop(AF_INET6, &a, out, sizeof(out));
    } else {
        struct in_addr a;
        guint32 mask;

        if (inet_pton(AF_INET, ip->address, &a) != 1 || prefix > 32)
            return NULL;
        mask = prefix ? 0xffffffffu << (32 - prefix) : 0;
        a.s_addr = htonl(ntohl(a.s_addr) & mask);
        inet_ntop(AF_INET, &a, out, sizeof(out));
    }
    return g_strdup_printf("%s/%d", out, prefix);
}

static char *
vrNetworkIPv4Netmask(int prefix)
{
    struct in_addr a;
    char out[INET_ADDRSTRLEN];

    a.s_addr = htonl(prefix ? 0xffffffffu << (32 - prefix) : 0);
    inet_ntop(AF_INET, &a, out, sizeof(out));
    return g_strdup(out);
}

/* Number of addresses from @start to @end (the low 32 bits for IPv6). */
static unsigned long long
vrNetworkRangeSize(const char *start, const char *end, bool v6)
{
    guint32 s, e;

    if (v6) {
        struct in6_addr a, b;

        if (inet_pton(AF_INET6, start, &a) != 1 || inet_pton(AF_INET6, end, &b) != 1)
            return 0;
        memcpy(&s, a.s6_addr + 12, 4);
        memcpy(&e, b.s6_addr + 12, 4);
    } else {
        struct in_addr a, b;

        if (inet_pton(AF_INET, start, &a) != 1 || inet_pton(AF_INET, end, &b) != 1)
            return 0;
        s = a.s_addr;
        e = b.s_addr;
    }
    s = ntohl(s);
    e = ntohl(e);
    return e >= s ? (unsigned long long)e - s + 1 : 0;
}

bool
vrNetworkNeedsDnsmasq(const vrNetworkDef *def)
{
    bool dhcp = false;

    if (def->forwardType != VR_NETWORK_FORWARD_NONE &&
        def->forwardType != VR_NETWORK_FORWARD_NAT &&
        def->forwardType != VR_NETWORK_FORWARD_ROUTE &&
        def->forwardType != VR_NETWORK_FORWARD_OPEN)
        return false;
    if (def->nips == 0)
        return false;
    for (size_t i = 0; i < def->nips; i++)
        if (def->ips[i].nranges || def->ips[i].nhosts)
            dhcp = true;
    /* tristate: 2 is "no" */
    return dhcp || def->dns.enable != 2;
}

static void
vrNetworkLeaseFormat(vrBuf *buf, bool has, unsigned long long expiry, int unit)
{
    if (!has)
        return;
    if (expiry == 0) {
        vrBufAddLit(buf, ",infinite");
        return;
    }
    switch (unit) {
    case VR_NETWORK_LEASE_SECONDS:
        vrBufAsprintf(buf, ",%llu", expiry);
        break;
    case VR_NETWORK_LEASE_HOURS:
        vrBufAsprintf(buf, ",%lluh", expiry);
        break;
    default:
        vrBufAsprintf(buf, ",%llum", expiry);
        break;
    }
}

static void
vrNetworkDnsmasqIP(vrBuf *buf, const vrNetworkIPDef *ip, bool v6, bool *dhcp,
                   unsigned long long *leases)
{
    int prefix = vrNetworkIPPrefix(ip);
    g_autofree char *mask = v6 ? g_strdup_printf("%d", prefix) : vrNetworkIPv4Netmask(prefix);

    for (size_t r = 0; r < ip->nranges; r++) {
        const vrNetworkDHCPRange *range = &ip->ranges[r];

        vrBufAsprintf(buf, "dhcp-range=%s,%s,%s", range->start, range->end, mask);
        vrNetworkLeaseFormat(buf, range->hasLease, range->leaseExpiry, range->leaseUnit);
        vrBufAddLit(buf, "\n");
        *leases += vrNetworkRangeSize(range->start, range->end, v6);
    }
    /* Static hosts only: dnsmasq still needs to know the subnet. */
    if (ip->nranges == 0 && ip->nhosts > 0) {
        g_autofree char *subnet = vrNetworkIPSubnet(ip);
        char *slash = subnet ? strchr(subnet, '/') : NULL;

        if (slash)
            *slash = '\0';
        vrBufAsprintf(buf, "dhcp-range=%s,static", subnet ? subnet : ip->address);
        if (v6)
            vrBufAsprintf(buf, ",%d", prefix);
        vrBufAddLit(buf, "\n");
    }
    if (ip->nranges || ip->nhosts) {
        *dhcp = true;
    }
    if (!v6 && (ip->nranges || ip->nhosts))
        vrBufAddLit(buf, "dhcp-no-override\ndhcp-authoritative\n");
    if (ip->tftproot)
        vrBufAsprintf(buf, "enable-tftp\ntftp-root=%s\n", ip->tftproot);
    if (ip->bootpFile) {
        if (ip->bootpServer)
            vrBufAsprintf(buf, "dhcp-boot=%s,,%s\n", ip->bootpFile, ip->bootpServer);
        else
            vrBufAsprintf(buf, "dhcp-boot=%s\n", ip->bootpFile);
    }
}

char *
vrNetworkDnsmasqConf(const vrNetworkDef *def, const vrNetworkDnsmasqPaths *paths)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;
    bool dhcp = false, v6 = false;
    unsigned long long leases = 0;

    vrBufAsprintf(&buf,
                  "##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
                  "##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:\n"
                  "##    virsh net-edit %s\n"
                  "## or other application using the libvirt API.\n"
                  "##\n"
                  "## dnsmasq conf file created by vireo\n"
                  "strict-order\n", def->name);
    if (def->dns.forwardPlainNames == 2)
        vrBufAddLit(&buf, "domain-needed\nlocal=//\n");
    for (size_t i = 0; i < def->dns.nforwarders; i++) {
        const vrNetworkDNSForwarder *fw = &def->dns.forwarders[i];

        vrBufAddLit(&buf, "server=");
        if (fw->domain)
            vrBufAsprintf(&buf, "/%s/", fw->domain);
        vrBufAsprintf(&buf, "%s\n", fw->addr ? fw->addr : "#");
    }
    if (def->domain) {
        if (def->domainLocalOnly == 1)
            vrBufAsprintf(&buf, "local=/%s/\n", def->domain);
        vrBufAsprintf(&buf, "domain=%s\nexpand-hosts\n", def->domain);
    }
    if (def->dns.enable == 2)
        vrBufAddLit(&buf, "port=0\n");
    if (paths && paths->pidFile)
        vrBufAsprintf(&buf, "pid-file=%s\n", paths->pidFile);
    vrBufAddLit(&buf, "except-interface=lo\nbind-dynamic\n");
    if (def->bridge)
        vrBufAsprintf(&buf, "interface=%s\n", def->bridge);
    if (def->forwardType == VR_NETWORK_FORWARD_NONE)
        vrBufAddLit(&buf, "dhcp-option=3\nno-resolv\nra-param=*,0,0\n");
    for (size_t i = 0; i < def->dns.ntxts; i++)
        vrBufAsprintf(&buf, "txt-record=%s,%s\n", def->dns.txts[i].name,
                      def->dns.txts[i].value ? def->dns.txts[i].value : "");
    for (size_t i = 0; i < def->dns.nsrvs; i++) {
        const vrNetworkDNSSrv *srv = &def->dns.srvs[i];

        vrBufAsprintf(&buf, "srv-host=_%s._%s", srv->service, srv->protocol);
        if (srv->domain)
            vrBufAsprintf(&buf, ".%s", srv->domain);
        if (srv->target || srv->port || srv->priority || srv->weight)
            vrBufAsprintf(&buf, ",%s", srv->target ? srv->target : ".");
        if (srv->port || srv->priority || srv->weight)
            vrBufAsprintf(&buf, ",%u", srv->port);
        if (srv->priority || srv->weight)
            vrBufAsprintf(&buf, ",%u", srv->priority);
        if (srv->weight)
            vrBufAsprintf(&buf, ",%u", srv->weight);
        vrBufAddLit(&buf, "\n");
    }
    /* IPv4 first, then IPv6, as libvirt lays them out. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < def->nips; i++) {
            bool isv6 = vrNetworkIPIsV6(&def->ips[i]);

            if (isv6 != (pass == 1))
                continue;
            if (isv6)
                v6 = true;
            vrNetworkDnsmasqIP(&buf, &def->ips[i], isv6, &dhcp, &leases);
        }
    }
    if (dhcp) {
        vrBufAsprintf(&buf, "dhcp-lease-max=%llu\n", leases);
        if (paths && paths->hostsFile)
            vrBufAsprintf(&buf, "dhcp-hostsfile=%s\n", paths->hostsFile);
    }
    if (paths && paths->addnHostsFile)
        vrBufAsprintf(&buf, "addn-hosts=%s\n", paths->addnHostsFile);
    if (v6)
        vrBufAddLit(&buf, "enable-ra\n");
    return vrBufContent(&buf);
}

char *
vrNetworkDnsmasqHostsFile(const vrNetworkDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    for (size_t i = 0; i < def->nips; i++) {
        const vrNetworkIPDef *ip = &def->ips[i];
        bool v6 = vrNetworkIPIsV6(ip);

        for (size_t h = 0; h < ip->nhosts; h++) {
            const vrNetworkDHCPHost *host = &ip->hosts[h];
            bool first = true;

            if (v6 && host->id) {
                vrBufAsprintf(&buf, "id:%s", host->id);
                first = false;
            } else if (host->mac) {
                vrBufAsprintf(&buf, "%s", host->mac);
                first = false;
            }
            if (host->ip) {
                vrBufAsprintf(&buf, v6 ? "%s[%s]" : "%s%s", first ? "" : ",", host->ip);
                first = false;
            }
            if (host->name) {
                vrBufAsprintf(&buf, "%s%s", first ? "" : ",", host->name);
                first = false;
            }
            vrNetworkLeaseFormat(&buf, host->hasLease, host->leaseExpiry, host->leaseUnit);
            vrBufAddLit(&buf, "\n");
        }
    }
    return vrBufContent(&buf);
}

char *
vrNetworkDnsmasqAddnHosts(const vrNetworkDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    for (size_t i = 0; i < def->dns.nhosts; i++) {
        const vrNetworkDNSHost *host = &def->dns.hosts[i];

        vrBufAddLit(&buf, host->ip);
        for (guint n = 0; host->hostnames && n < host->hostnames->len; n++)
            vrBufAsprintf(&buf, "\t%s", (const char *)g_ptr_array_index(host->hostnames, n));
        vrBufAddLit(&buf, "\n");
    }
    return vrBufContent(&buf);
}

/* ---- nftables ----------------------------------------------------- */

static bool
vrNetworkNftMode(const vrNetworkDef *def)
{
    return def->bridge && (def->forwardType == VR_NETWORK_FORWARD_NONE ||
                           def->forwardType == VR_NETWORK_FORWARD_NAT ||
                           def->forwardType == VR_NETWORK_FORWARD_ROUTE);
}

static bool
vrNetworkHasFamily(const vrNetworkDef *def, bool v6)
{
    for (size_t i = 0; i < def->nips; i++)
        if (vrNetworkIPIsV6(&def->ips[i]) == v6)
            return true;
    return false;
}

/* The forward device (<forward dev=>) restricting outbound traffic. */
static const char *
vrNetworkForwardDev(const vrNetworkDef *def)
{
    if (def->nforwardIfs > 0 && !def->forwardIfs[0].isPCI)
        return def->forwardIfs[0].dev;
    return NULL;
}

static void
vrNetworkNftFamily(vrBuf *buf, const vrNetworkDef *def, bool v6)
{
    const char *fam = v6 ? "ip6" : "ip";
    const char *br = def->bridge;
    const char *dev = vrNetworkForwardDev(def);
    g_autofree char *odev = dev ? g_strdup_printf("oifname \"%s\" ", dev) : g_strdup("");
    g_autofree char *idev = dev ? g_strdup_printf("iifname \"%s\" ", dev) : g_strdup("");
    bool nat = def->forwardType == VR_NETWORK_FORWARD_NAT && (!v6 || def->natIPv6 == 1);

    vrBufAsprintf(buf, "table %s %s {\n", fam, VR_NETWORK_NFT_TABLE);
    vrBufAsprintf(buf, "\tchain fwd_%s {\n", br);
    vrBufAddLit(buf, "\t\ttype filter hook forward priority filter; policy accept;\n");
    vrBufAsprintf(buf, "\t\tiifname \"%s\" oifname \"%s\" accept\n", br, br);
    if (def->forwardType != VR_NETWORK_FORWARD_NONE) {
        for (size_t i = 0; i < def->nips; i++) {
            g_autofree char *subnet = NULL;

            if (vrNetworkIPIsV6(&def->ips[i]) != v6 ||
                !(subnet = vrNetworkIPSubnet(&def->ips[i])))
                continue;
            vrBufAsprintf(buf, "\t\tiifname \"%s\" %s%s saddr %s accept\n", br, odev, fam,
                          subnet);
            if (def->forwardType == VR_NETWORK_FORWARD_NAT && !(v6 && !nat))
                vrBufAsprintf(buf, "\t\t%soifname \"%s\" %s daddr %s ct state "
                              "established,related accept\n", idev, br, fam, subnet);
            else
                vrBufAsprintf(buf, "\t\t%soifname \"%s\" %s daddr %s accept\n", idev, br, fam,
                              subnet);
        }
    }
    vrBufAsprintf(buf, "\t\tiifname \"%s\" reject\n", br);
    vrBufAsprintf(buf, "\t\toifname \"%s\" reject\n", br);
    vrBufAddLit(buf, "\t}\n");
    if (nat) {
        vrBufAsprintf(buf, "\tchain nat_%s {\n", br);
        vrBufAddLit(buf, "\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
        for (size_t i = 0; i < def->nips; i++) {
            g_autofree char *subnet = NULL;
            g_autofree char *to = NULL;
            g_autofree char *ports = NULL;

            if (vrNetworkIPIsV6(&def->ips[i]) != v6 ||
                !(subnet = vrNetworkIPSubnet(&def->ips[i])))
                continue;
            if (!v6) {
                vrBufAsprintf(buf, "\t\t%sip saddr %s ip daddr 224.0.0.0/24 return\n", odev,
                              subnet);
                vrBufAsprintf(buf, "\t\t%sip saddr %s ip daddr 255.255.255.255 return\n", odev,
                              subnet);
            } else {
                vrBufAsprintf(buf, "\t\t%sip6 saddr %s ip6 daddr ff02::/16 return\n", odev,
                              subnet);
            }
            if (!v6 && def->natAddrStart) {
                if (def->natAddrEnd && !g_str_equal(def->natAddrStart, def->natAddrEnd))
                    to = g_strdup_printf("snat to %s-%s", def->natAddrStart, def->natAddrEnd);
                else
                    to = g_strdup_printf("snat to %s", def->natAddrStart);
            } else {
                to = g_strdup("masquerade");
            }
            if (!v6 && def->natPortStart)
                ports = g_strdup_printf("%s:%u-%u", def->natAddrStart ? "" : " to ",
                                        def->natPortStart, def->natPortEnd);
            else if (!v6)
                ports = g_strdup_printf("%s:1024-65535", def->natAddrStart ? "" : " to ");
            else
                ports = g_strdup("");
            vrBufAsprintf(buf, "\t\t%s%s saddr %s %s daddr != %s meta l4proto tcp %s%s\n", odev,
                          fam, subnet, fam, subnet, to, ports);
            vrBufAsprintf(buf, "\t\t%s%s saddr %s %s daddr != %s meta l4proto udp %s%s\n", odev,
                          fam, subnet, fam, subnet, to, ports);
            vrBufAsprintf(buf, "\t\t%s%s saddr %s %s daddr != %s %s\n", odev, fam, subnet, fam,
                          subnet, to);
        }
        vrBufAddLit(buf, "\t}\n");
    }
    vrBufAddLit(buf, "}\n");
}

char *
vrNetworkNftRules(const vrNetworkDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrBufAddLit(&buf, "");
    if (!vrNetworkNftMode(def))
        return vrBufContent(&buf);
    if (vrNetworkHasFamily(def, false) || def->nips == 0)
        vrNetworkNftFamily(&buf, def, false);
    if (vrNetworkHasFamily(def, true))
        vrNetworkNftFamily(&buf, def, true);
    return vrBufContent(&buf);
}

char *
vrNetworkNftDeleteRules(const vrNetworkDef *def)
{
    g_auto(vrBuf) buf = VR_BUF_INIT;

    vrBufAddLit(&buf, "");
    if (!vrNetworkNftMode(def))
        return vrBufContent(&buf);
    for (int v6 = 0; v6 < 2; v6++) {
        const char *fam = v6 ? "ip6" : "ip";

        if (v6 ? !vrNetworkHasFamily(def, true)
               : !(vrNetworkHasFamily(def, false) || def->nips == 0))
            continue;
        vrBufAsprintf(&buf, "delete chain %s %s fwd_%s\n", fam, VR_NETWORK_NFT_TABLE,
                      def->bridge);
        if (def->forwardType == VR_NETWORK_FORWARD_NAT && (!v6 || def->natIPv6 == 1))
            vrBufAsprintf(&buf, "delete chain %s %s nat_%s\n", fam, VR_NETWORK_NFT_TABLE,
                          def->bridge);
    }
    return vrBufContent(&buf);
}
