/*
 * qemu_command.h: the QEMU command line of a guest.
 *
 * The command line states the whole machine: every device is created
 * with -device (JSON) at the PCI/USB/drive address the definition holds,
 * with id= its alias, storage through -blockdev node pairs, networks
 * through -netdev, host sides of character devices through -chardev.
 * QEMU starts paused (-S), without defaults (-nodefaults,
 * -no-user-config) and with the QMP monitor on a UNIX socket; everything
 * after that goes through QMP.
 *
 * What the definition asks for and this QEMU cannot express is refused
 * with VR_ERR_CONFIG_UNSUPPORTED naming the element and value; nothing is
 * silently left out.
 */
#ifndef VR_QEMU_COMMAND_H
#define VR_QEMU_COMMAND_H

#include <stdbool.h>
#include <glib.h>

#include "conf/domain_conf.h"
#include "qemu_capabilities.h"
#include "qemu_conf.h"
#include "util/vrcommand.h"

/* Host side of one <interface> prepared by the driver before the start:
 * tap (or macvtap) descriptors, one per queue, and vhost-net descriptors,
 * or the bridge a network resolved to.  An interface without prepared
 * descriptors is connected by QEMU itself where it can be (user,
 * vhost-user, sockets, an existing tap named by <target dev>, a bridge
 * through qemu-bridge-helper). */
typedef struct {
    const int *tapfds;
    size_t ntapfds;
    const int *vhostfds;
    size_t nvhostfds;
    const char *bridge;        /* <interface type='network'>: its bridge */
    /* hot-plug: the descriptors were handed over with QMP getfd under
     * these names (':'-joined, ntapfds of them; tapfds unused) */
    const char *fdnames;
} vrQemuNetHostSide;

typedef struct {
    const vrDomainDef *def;    /* the live definition: addresses assigned */
    vrQemuCaps *caps;
    const vrQemuDriverConfig *cfg;   /* may be NULL: built-in defaults */

    const char *monitorPath;   /* QMP socket */
    /* The guest's private directory (HOME and XDG_* of QEMU, default
     * place of sockets it creates); NULL: <cfg libDir>/domain-NAME. */
    const char *domainDir;
    /* Where virtio channels bound to a UNIX socket without a path get
     * theirs; NULL: <cfg channelDir>/NAME. */
    const char *channelDir;
    /* PATH for QEMU (NULL: a fixed safe one, so that the command line
     * does not depend on who started the daemon). */
    const char *path;

    int incomingFd;            /* -incoming fd:N for restore/migration, -1: none */
    bool incomingDefer;        /* -incoming defer */

    /* -sandbox: 1 on, 0 off, -1 as cfg->seccompSandbox says (default on) */
    int sandbox;

    /* per <interface> in definition order, NULL or nnets entries */
    const vrQemuNetHostSide *nets;
    size_t nnets;
    /* vhost-vsock descriptor, -1: QEMU opens /dev/vhost-vsock itself */
    int vsockFd;
    /* Host-side ports the driver picked for autoport graphics: used when
     * a <graphics> has autoport and no port yet (-1: none picked). */
    int vncPort;
    int spicePort;
    int spiceTLSPort;
    /* The current time in seconds since the epoch, where the command
     * line depends on it (<clock offset='variable'>); 0: time(NULL).
     * Tests fix it. */
    long long now;
} vrQemuCommandParams;

/* Fills the fields that have a "none" value other than 0. */
void vrQemuCommandParamsInit(vrQemuCommandParams *p);

/* The command line as lists, before it becomes a vrCommand: tests
 * compare these with their goldens, the driver logs them. */
typedef struct {
    char *binary;
    GPtrArray *env;            /* "NAME=VALUE", in order */
    GPtrArray *args;           /* after the binary */
    GArray *fds;               /* int: descriptors QEMU must inherit */
} vrQemuCommandLine;

void vrQemuCommandLineFree(vrQemuCommandLine *cl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrQemuCommandLine, vrQemuCommandLineFree)

/* Builds the command line, or NULL with an error. */
vrQemuCommandLine *vrQemuBuildCommandLineArgs(const vrQemuCommandParams *p);

/* The command to run: clean environment plus ours, the arguments, the
 * descriptors to pass.  The caller adds credentials, daemonizing, output.
 * NULL with an error. */
vrCommand *vrQemuBuildCommandLine(const vrQemuCommandParams *p);
vrCommand *vrQemuCommandLineToCommand(const vrQemuCommandLine *cl);

/* One line, shell-quoted, environment first: what the guest's log shows. */
char *vrQemuCommandLineString(const vrQemuCommandLine *cl);
/* One element per line (environment, binary, arguments), for goldens. */
char *vrQemuCommandLineFormatLines(const vrQemuCommandLine *cl);

/* Gives every device its alias (id= on the command line, <alias> in the
 * live XML) where it has none: virtio-disk0, net0, serial0, ... */
void vrQemuAssignDeviceAliases(vrDomainDef *def);

#endif
