/*
 * vrnetdev.c: host network devices for guest NICs.
 *
 * Taps are made with the tun driver's TUNSETIFF (no helper program: the
 * descriptor itself is what QEMU needs).  Plain link settings use the
 * classic SIOCSIF* ioctls.  Macvtaps need an rtnetlink "newlink" with
 * nested attributes; iproute2 already speaks it, so `ip link add` makes
 * them and we open the tap character device the kernel registers for
 * them (making the device node ourselves when no udev does).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>

#include "vrnetdev.h"
#include "vrcommand.h"
#include "vrerror.h"
#include "vrfile.h"
#include "vrlog.h"

#define VR_FROM_THIS VR_FROM_NONE
#define VR_LOG_CATEGORY "util.netdev"

/* Serialises "pick a free name, create it" for macvtaps. */
static GMutex vrNetDevNameLock;

static int
vrNetDevSocket(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        vrReportSystemError(errno, "%s", "cannot open a socket for network device control");
    return fd;
}

static int
vrNetDevIfreq(const char *ifname, struct ifreq *ifr)
{
    memset(ifr, 0, sizeof(*ifr));
    if (!ifname || strlen(ifname) >= IFNAMSIZ) {
        vrReportError(VR_ERR_INVALID_ARG, "network device name '%s' is empty or longer than %d "
                      "characters", ifname ? ifname : "", IFNAMSIZ - 1);
        return -1;
    }
    g_strlcpy(ifr->ifr_name, ifname, IFNAMSIZ);
    return 0;
}

/* ---- taps -------------------------------------------------------------- */

static int
vrNetDevTapOpenOne(const char *name, unsigned int flags, bool multi, char *actual)
{
    struct ifreq ifr;
    int fd;

    if (vrNetDevIfreq(name, &ifr) < 0)
        return -1;
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (flags & VR_NETDEV_TAP_VNET_HDR)
        ifr.ifr_flags |= IFF_VNET_HDR;
    if (multi)
        ifr.ifr_flags |= IFF_MULTI_QUEUE;
    if ((fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC)) < 0) {
        vrReportSystemError(errno, "cannot open /dev/net/tun for tap device '%s'", name);
        return -1;
    }
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        vrReportSystemError(errno, "cannot %s tap device '%s'",
                            flags & VR_NETDEV_TAP_EXISTING ? "open" : "create", name);
        close(fd);
        return -1;
    }
    g_strlcpy(actual, ifr.ifr_name, IFNAMSIZ);
    return fd;
}

int
vrNetDevTapOpen(const char *name, unsigned int flags, int *fds, size_t nfds, char **ifname)
{
    char actual[IFNAMSIZ] = "";
    size_t i;

    if (nfds == 0)
        nfds = 1;
    if ((flags & VR_NETDEV_TAP_EXISTING) && !vrNetDevExists(name)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "tap device '%s' does not exist (it must be "
                      "created beforehand with managed='no')", name);
        return -1;
    }
    for (i = 0; i < nfds; i++) {
        /* later queues attach to the name the first one got */
        if ((fds[i] = vrNetDevTapOpenOne(i ? actual : name, flags, nfds > 1, actual)) < 0) {
            while (i-- > 0)
                close(fds[i]);
            return -1;
        }
    }
    *ifname = g_strdup(actual);
    return 0;
}

/* ---- link settings ----------------------------------------------------- */

bool
vrNetDevExists(const char *ifname)
{
    return ifname && if_nametoindex(ifname) != 0;
}

bool
vrNetDevIsBridge(const char *ifname)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/bridge", ifname);

    return !strchr(ifname, '/') && access(path, F_OK) == 0;
}

int
vrNetDevSetOnline(const char *ifname, bool up)
{
    struct ifreq ifr;
    int s, rc = -1;

    if (vrNetDevIfreq(ifname, &ifr) < 0 || (s = vrNetDevSocket()) < 0)
        return -1;
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
        vrReportSystemError(errno, "cannot read the flags of network device '%s'", ifname);
        goto out;
    }
    ifr.ifr_flags = up ? (ifr.ifr_flags | IFF_UP) : (ifr.ifr_flags & ~IFF_UP);
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) {
        vrReportSystemError(errno, "cannot set network device '%s' %s", ifname, up ? "up" : "down");
        goto out;
    }
    rc = 0;
 out:
    close(s);
    return rc;
}

int
vrNetDevSetMTU(const char *ifname, unsigned int mtu)
{
    struct ifreq ifr;
    int s, rc = 0;

    if (vrNetDevIfreq(ifname, &ifr) < 0 || (s = vrNetDevSocket()) < 0)
        return -1;
    ifr.ifr_mtu = (int)mtu;
    if (ioctl(s, SIOCSIFMTU, &ifr) < 0) {
        vrReportSystemError(errno, "cannot set MTU %u on network device '%s'", mtu, ifname);
        rc = -1;
    }
    close(s);
    return rc;
}

int
vrNetDevGetMTU(const char *ifname, unsigned int *mtu)
{
    struct ifreq ifr;
    int s, rc = 0;

    if (vrNetDevIfreq(ifname, &ifr) < 0 || (s = vrNetDevSocket()) < 0)
        return -1;
    if (ioctl(s, SIOCGIFMTU, &ifr) < 0) {
        vrReportSystemError(errno, "cannot read the MTU of network device '%s'", ifname);
        rc = -1;
    } else {
        *mtu = (unsigned int)ifr.ifr_mtu;
    }
    close(s);
    return rc;
}

int
vrNetDevSetMAC(const char *ifname, const unsigned char mac[6])
{
    struct ifreq ifr;
    int s, rc = 0;

    if (vrNetDevIfreq(ifname, &ifr) < 0 || (s = vrNetDevSocket()) < 0)
        return -1;
    ifr.ifr_hwaddr.sa_family = 1;   /* ARPHRD_ETHER */
    memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
    if (ioctl(s, SIOCSIFHWADDR, &ifr) < 0) {
        vrReportSystemError(errno, "cannot set the MAC address of network device '%s'", ifname);
        rc = -1;
    }
    close(s);
    return rc;
}

/* ---- bridges ----------------------------------------------------------- */

int
vrNetDevBridgeAddPort(const char *bridge, const char *ifname)
{
    struct ifreq ifr;
    int s, rc = 0;

    if (!vrNetDevIsBridge(bridge)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot add '%s' to bridge '%s': %s", ifname,
                      bridge, vrNetDevExists(bridge) ? "it is not a bridge" : "no such bridge");
        return -1;
    }
    if (vrNetDevIfreq(bridge, &ifr) < 0 || (s = vrNetDevSocket()) < 0)
        return -1;
    ifr.ifr_ifindex = (int)if_nametoindex(ifname);
    if (ioctl(s, SIOCBRADDIF, &ifr) < 0) {
        vrReportSystemError(errno, "cannot add '%s' to bridge '%s'", ifname, bridge);
        rc = -1;
    }
    close(s);
    return rc;
}

char *
vrNetDevBridgeOf(const char *ifname)
{
    g_autofree char *link = g_strdup_printf("/sys/class/net/%s/brport/bridge", ifname);
    g_autofree char *target = g_file_read_link(link, NULL);

    return target ? g_path_get_basename(target) : NULL;
}

int
vrNetDevBridgeVlanFiltering(const char *bridge)
{
    g_autofree char *path = g_strdup_printf("/sys/class/net/%s/bridge/vlan_filtering", bridge);
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    return atoi(text) == 1 ? 1 : 0;
}

/* ---- commands ---------------------------------------------------------- */

static char *
vrNetDevProgram(const char *name)
{
    static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };

    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autofree char *p = g_build_filename(dirs[i], name, NULL);
        if (access(p, X_OK) == 0)
            return g_steal_pointer(&p);
    }
    return g_find_program_in_path(name);
}

static int
vrNetDevRunV(const char *what, const char *prog, va_list ap)
{
    g_autofree char *path = vrNetDevProgram(prog);
    g_autofree char *err = NULL;
    g_autoptr(vrCommand) cmd = NULL;
    const char *arg;
    int status = 0;

    if (!path) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot %s: program '%s' not found", what, prog);
        return -1;
    }
    cmd = vrCommandNew(path);
    while ((arg = va_arg(ap, const char *)))
        vrCommandAddArg(cmd, arg);
    vrCommandSetErrorBuffer(cmd, &err);
    vrCommandDiscardOutput(cmd);
    vrCommandSetTimeout(cmd, 30000);
    if (vrCommandRun(cmd, &status) < 0)
        return -1;
    if (status != 0) {
        vrReportError(VR_ERR_SYSTEM_ERROR, "cannot %s: %s", what,
                      err && *err ? g_strstrip(err) : "the command failed");
        return -1;
    }
    return 0;
}

int
vrNetDevRun(const char *what, const char *prog, ...)
{
    va_list ap;
    int rc;

    va_start(ap, prog);
    rc = vrNetDevRunV(what, prog, ap);
    va_end(ap);
    return rc;
}

int
vrNetDevDelete(const char *ifname)
{
    g_autofree char *what = g_strdup_printf("delete network device '%s'", ifname);

    if (!vrNetDevExists(ifname))
        return 0;
    return vrNetDevRun(what, "ip", "link", "del", "dev", ifname, NULL);
}

/* ---- macvtap ----------------------------------------------------------- */

/* "MAJOR:MINOR" of the macvtap's character device. */
static int
vrNetDevMacvtapDevno(const char *ifname, dev_t *devno)
{
    g_autofree char *dir = g_strdup_printf("/sys/class/net/%s/macvtap", ifname);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry = d ? g_dir_read_name(d) : NULL;
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    unsigned int maj, min;

    if (!entry) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "macvtap '%s' has no character device", ifname);
        return -1;
    }
    path = g_strdup_printf("%s/%s/dev", dir, entry);
    if (!g_file_get_contents(path, &text, NULL, NULL) || sscanf(text, "%u:%u", &maj, &min) != 2) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot read '%s' of macvtap '%s'", path, ifname);
        return -1;
    }
    *devno = makedev(maj, min);
    return 0;
}

/* /dev/tapIFINDEX where udev made it; otherwise a node of our own in a
 * private temporary directory, removed once open. */
static int
vrNetDevMacvtapOpen(const char *ifname)
{
    g_autofree char *node = g_strdup_printf("/dev/tap%u", if_nametoindex(ifname));
    g_autofree char *tmpdir = NULL;
    g_autofree char *own = NULL;
    dev_t devno;
    int fd;

    if ((fd = open(node, O_RDWR | O_CLOEXEC)) >= 0)
        return fd;
    if (vrNetDevMacvtapDevno(ifname, &devno) < 0)
        return -1;
    if (!(tmpdir = g_dir_make_tmp("vireo-macvtap-XXXXXX", NULL))) {
        vrReportSystemError(errno, "cannot open the device of macvtap '%s'", ifname);
        return -1;
    }
    own = g_build_filename(tmpdir, "tap", NULL);
    if (mknod(own, S_IFCHR | 0600, devno) < 0 ||
        (fd = open(own, O_RDWR | O_CLOEXEC)) < 0)
        vrReportSystemError(errno, "cannot open the device of macvtap '%s'", ifname);
    unlink(own);
    rmdir(tmpdir);
    return fd;
}

/* QEMU expects the virtio-net header on tap descriptors it is given. */
static int
vrNetDevTapSetVnetHdr(int fd, const char *ifname)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof(ifr));
    if (ioctl(fd, TUNGETIFF, &ifr) < 0) {
        vrReportSystemError(errno, "cannot read the flags of macvtap '%s'", ifname);
        return -1;
    }
    ifr.ifr_flags |= IFF_VNET_HDR;
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        vrReportSystemError(errno, "cannot set the flags of macvtap '%s'", ifname);
        return -1;
    }
    return 0;
}

static char *
vrNetDevFreeName(const char *prefix)
{
    for (unsigned int i = 0; i < 4096; i++) {
        g_autofree char *name = g_strdup_printf("%s%u", prefix, i);
        if (!vrNetDevExists(name))
            return g_steal_pointer(&name);
    }
    vrReportError(VR_ERR_INTERNAL_ERROR, "no free name '%sN' for a network device", prefix);
    return NULL;
}

int
vrNetDevMacvtapCreate(const char *link, const char *mode, const unsigned char mac[6],
                      const char *name, int *fd, char **ifname)
{
    g_autofree char *actual = NULL;
    g_autofree char *what = NULL;
    char macstr[18];
    int rc;

    if (!vrNetDevExists(link)) {
        vrReportError(VR_ERR_OPERATION_INVALID, "cannot create a macvtap on '%s': no such "
                      "network device", link);
        return -1;
    }
    snprintf(macstr, sizeof(macstr), "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    g_mutex_lock(&vrNetDevNameLock);
    actual = name ? g_strdup(name) : vrNetDevFreeName("macvtap");
    what = g_strdup_printf("create macvtap '%s' on '%s' in mode '%s'", actual ? actual : "",
                           link, mode);
    rc = actual ? vrNetDevRun(what, "ip", "link", "add", "link", link, "name", actual,
                              "address", macstr, "type", "macvtap", "mode", mode, NULL) : -1;
    g_mutex_unlock(&vrNetDevNameLock);
    if (rc < 0)
        return -1;
    if (vrNetDevSetOnline(actual, true) < 0 ||
        (*fd = vrNetDevMacvtapOpen(actual)) < 0) {
        vrNetDevDelete(actual);
        return -1;
    }
    if (vrNetDevTapSetVnetHdr(*fd, actual) < 0) {
        close(*fd);
        vrNetDevDelete(actual);
        return -1;
    }
    *ifname = g_steal_pointer(&actual);
    return 0;
}
