/*
 * virsh-console.c: the guest's text console on this terminal.
 *
 * The terminal goes raw; what the guest writes is copied to it and what is
 * typed is sent to the guest, until the escape character (^] unless -e says
 * otherwise) or the end of the console.  One thread does both: the stream
 * is non-blocking and the terminal is polled with a short timeout, so a
 * keystroke waits at most that long.
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "util/vrfile.h"
#include "virsh.h"

/* libvirt's virDomainConsoleFlags */
#define VIRSH_CONSOLE_FORCE (1 << 0)
#define VIRSH_CONSOLE_SAFE (1 << 1)

#define VIRSH_CONSOLE_POLL_MS 10

typedef enum {
    VIRSH_CONSOLE_RUNNING,
    VIRSH_CONSOLE_ESCAPED,      /* the user left */
    VIRSH_CONSOLE_CLOSED,       /* the guest's side ended */
    VIRSH_CONSOLE_FAILED,
} virshConsoleState;

/* Copies what the guest wrote to stdout. */
static virshConsoleState
virshConsoleDrain(vrStream *st)
{
    char buf[4096];

    for (;;) {
        int n = vrStreamRecv(st, buf, sizeof(buf));

        if (n == -2)
            return VIRSH_CONSOLE_RUNNING;
        if (n == 0)
            return VIRSH_CONSOLE_CLOSED;
        if (n < 0)
            return VIRSH_CONSOLE_FAILED;
        if (vrFileWriteFull(STDOUT_FILENO, buf, (size_t)n) < 0)
            return VIRSH_CONSOLE_FAILED;
    }
}

/* Sends what was typed, up to the escape character. */
static virshConsoleState
virshConsoleTyped(vshControl *ctl, vrStream *st)
{
    char buf[1024];
    ssize_t n, i;

    do {
        n = read(STDIN_FILENO, buf, sizeof(buf));
    } while (n < 0 && errno == EINTR);
    if (n <= 0)
        return VIRSH_CONSOLE_ESCAPED;
    for (i = 0; i < n; i++) {
        if (buf[i] == ctl->escapeChar)
            break;
    }
    if (i > 0 && vrStreamSend(st, buf, (size_t)i) < 0)
        return VIRSH_CONSOLE_FAILED;
    return i < n ? VIRSH_CONSOLE_ESCAPED : VIRSH_CONSOLE_RUNNING;
}

static virshConsoleState
virshConsoleLoop(vshControl *ctl, vrStream *st)
{
    virshConsoleState state = VIRSH_CONSOLE_RUNNING;

    while (state == VIRSH_CONSOLE_RUNNING) {
        struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
        int rc = poll(&pfd, 1, VIRSH_CONSOLE_POLL_MS);

        if (rc < 0 && errno != EINTR)
            return VIRSH_CONSOLE_FAILED;
        if (rc > 0 && (pfd.revents & (POLLIN | POLLHUP)))
            state = virshConsoleTyped(ctl, st);
        if (state == VIRSH_CONSOLE_RUNNING)
            state = virshConsoleDrain(st);
    }
    return state;
}

static void
virshPrintEscape(vshControl *ctl)
{
    unsigned char c = (unsigned char)ctl->escapeChar;

    if (c < 0x20)
        vshPrintExtra(ctl, "Escape character is ^%c (Ctrl + %c)\n", c + '@', c + '@');
    else
        vshPrintExtra(ctl, "Escape character is %c\n", c);
}

bool
virshRunConsole(vshControl *ctl, vrDomain *dom, const char *devname, unsigned int flags)
{
    g_autoptr(vrStream) st = NULL;
    struct termios saved, raw;
    virshConsoleState state;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved) < 0) {
        vshError(ctl, "%s", "Cannot run interactive console without a controlling TTY");
        return false;
    }
    if (!(st = vrStreamNew(ctl->conn, VR_STREAM_NONBLOCK)))
        return false;
    vshPrintExtra(ctl, "Connected to domain '%s'\n", vrDomainGetName(dom));
    virshPrintEscape(ctl);
    fflush(stdout);
    if (vrDomainOpenConsole(dom, devname, st, flags) < 0)
        return false;

    raw = saved;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
    state = virshConsoleLoop(ctl, st);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    vshPrintExtra(ctl, "\n");

    if (state == VIRSH_CONSOLE_FAILED) {
        vrStreamAbort(st);
        vshReportError(ctl);
        return false;
    }
    if (state == VIRSH_CONSOLE_ESCAPED)
        vrStreamAbort(st);
    else
        vrStreamFinish(st);
    vrResetLastError();
    return true;
}

static const vshOptDef optsConsole[] = {
    VIRSH_OPT_DOMAIN,
    { "devname", VSH_OPT_STRING, 0, "character device name (alias)" },
    { "force", VSH_OPT_BOOL, 0, "take over a console another client holds" },
    { "safe", VSH_OPT_BOOL, 0, "only connect if the driver guards the console against others" },
    { "resume", VSH_OPT_BOOL, 0, "resume a paused guest after connecting" },
    VIRSH_OPT_END,
};

static bool
cmdConsole(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *devname = NULL;
    unsigned int flags = 0;
    int state, reason;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptString(ctl, cmd, "devname", &devname) < 0)
        return false;
    if (vshOptBool(cmd, "force"))
        flags |= VIRSH_CONSOLE_FORCE;
    if (vshOptBool(cmd, "safe"))
        flags |= VIRSH_CONSOLE_SAFE;
    if (vrDomainGetState(dom, &state, &reason, 0) < 0)
        return false;
    if (state != VR_DOMAIN_RUNNING && state != VR_DOMAIN_PAUSED) {
        vshError(ctl, "%s", "The domain is not running");
        return false;
    }
    if (vshOptBool(cmd, "resume") && state == VR_DOMAIN_PAUSED && vrDomainResume(dom) < 0)
        return false;
    return virshRunConsole(ctl, dom, devname, flags);
}

const vshCmdDef virshConsoleCmds[] = {
    { "console", cmdConsole, optsConsole, "connect to the guest console",
      "Connects this terminal to the guest's serial console; the escape character "
      "(^] by default) leaves.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
