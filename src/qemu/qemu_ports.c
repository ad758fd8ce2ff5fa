/*
 * qemu_ports.c: the display port allocator.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>

#include "qemu_ports.h"
#include "util/vrerror.h"

#define VR_FROM_THIS VR_FROM_QEMU

struct _vrQemuPorts {
    GMutex lock;
    unsigned int min, max;
    GHashTable *held;            /* port -> port */
};

vrQemuPorts *
vrQemuPortsNew(unsigned int min, unsigned int max)
{
    vrQemuPorts *ports = g_new0(vrQemuPorts, 1);

    g_mutex_init(&ports->lock);
    ports->min = min;
    ports->max = max;
    ports->held = g_hash_table_new(g_direct_hash, g_direct_equal);
    return ports;
}

void
vrQemuPortsFree(vrQemuPorts *ports)
{
    if (!ports)
        return;
    g_hash_table_destroy(ports->held);
    g_mutex_clear(&ports->lock);
    g_free(ports);
}

/* Whether something on the host already listens on @port: try to bind it
 * (on every address when the display listens on all of them). */
static bool
vrQemuPortIsFree(int port, const char *listen)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    bool free_;

    if (fd < 0)
        return false;
    if (!listen || inet_pton(AF_INET, listen, &sa.sin_addr) != 1)
        sa.sin_addr.s_addr = htonl(INADDR_ANY);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    free_ = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return free_;
}

int
vrQemuPortsAcquire(vrQemuPorts *ports, const char *listen)
{
    unsigned int p;

    g_mutex_lock(&ports->lock);
    for (p = ports->min; p <= ports->max; p++) {
        if (g_hash_table_contains(ports->held, GUINT_TO_POINTER(p)))
            continue;
        if (!vrQemuPortIsFree((int)p, listen))
            continue;
        g_hash_table_add(ports->held, GUINT_TO_POINTER(p));
        g_mutex_unlock(&ports->lock);
        return (int)p;
    }
    g_mutex_unlock(&ports->lock);
    vrReportError(VR_ERR_INTERNAL_ERROR, "no free display port in %u..%u (remote_display_port_min"
                  "/max in qemu.conf)", ports->min, ports->max);
    return -1;
}

void
vrQemuPortsHold(vrQemuPorts *ports, int port)
{
    if (port <= 0)
        return;
    g_mutex_lock(&ports->lock);
    g_hash_table_add(ports->held, GINT_TO_POINTER(port));
    g_mutex_unlock(&ports->lock);
}

void
vrQemuPortsRelease(vrQemuPorts *ports, int port)
{
    if (port <= 0)
        return;
    g_mutex_lock(&ports->lock);
    g_hash_table_remove(ports->held, GINT_TO_POINTER(port));
    g_mutex_unlock(&ports->lock);
}
