/*
 * virsh-secret.c: secret commands (secret-*).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "virsh-event-wait.h"
#include "virsh.h"
#include "vsh-table.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrSecret, vrSecretFree)

#define OPT_SECRET { "secret", VSH_OPT_DATA, VSH_OPT_REQUIRED, "secret UUID" }

/* Secrets are named by UUID only, as in libvirt's virsh. */
static vrSecret *
virshCommandOptSecret(vshControl *ctl, const vshCmd *cmd, const char **name)
{
    vrSecret *secret;
    const char *n = NULL;

    if (vshOptStringReq(ctl, cmd, "secret", &n) < 0 || !n)
        return NULL;
    if (name)
        *name = n;
    if (!(secret = vrSecretLookupByUUIDString(ctl->conn, n)))
        vshError(ctl, "failed to get secret '%s'", n);
    return secret;
}

/* A value is wiped before it is freed: it is a passphrase. */
static void
virshSecretFree(unsigned char *value, size_t len)
{
    if (!value)
        return;
    memset(value, 0, len);
    g_free(value);
}

static const vshOptDef optsSecretDefine[] = {
    VIRSH_OPT_FILE("file containing secret attributes in XML"),
    { "validate", VSH_OPT_BOOL, 0, "validate the XML against the schema" },
    VIRSH_OPT_END,
};

static bool
cmdSecretDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrSecret) secret = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    char uuid[VR_UUID_STRING_BUFLEN];

    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    /* VIR_SECRET_DEFINE_VALIDATE */
    if (!(secret = vrSecretDefineXML(ctl->conn, xml, vshOptBool(cmd, "validate") ? 1 : 0))) {
        vshError(ctl, "Failed to set attributes from %s", file);
        return false;
    }
    if (vrSecretGetUUIDString(secret, uuid) < 0)
        return false;
    vshPrintExtra(ctl, "Secret %s created\n", uuid);
    return true;
}

static const vshOptDef optsSecretDumpxml[] = {
    OPT_SECRET,
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "xpath expression to filter the XML document" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap xpath results in an common root element" },
    VIRSH_OPT_END,
};

static bool
cmdSecretDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrSecret) secret = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(secret = virshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(xml = vrSecretGetXMLDesc(secret, 0)))
        return false;
    return virshDumpXML(ctl, xml, "(secret_definition)", xpath, vshOptBool(cmd, "wrap"));
}

static const vshOptDef optsSecretSetValue[] = {
    OPT_SECRET,
    { "file", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "read secret from file" },
    { "plain", VSH_OPT_BOOL, 0, "read the secret from file without converting from base64" },
    { "interactive", VSH_OPT_BOOL, 0, "read the secret from the terminal" },
    { "base64", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "base64-encoded secret value" },
    VIRSH_OPT_END,
};

/* One line from the terminal with echo off (stdin when it is not one). */
static char *
virshSecretReadTerminal(vshControl *ctl)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    char buf[8192];
    char *ret = NULL;

    vshPrint(ctl, "%s", "Enter new value for secret:");
    fflush(stdout);
    if (tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    if (fgets(buf, sizeof(buf), stdin)) {
        buf[strcspn(buf, "\r\n")] = 0;
        ret = g_strdup(buf);
    }
    memset(buf, 0, sizeof(buf));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        vshPrint(ctl, "\n");
    }
    if (!ret)
        vshError(ctl, "%s", "Failed to read secret");
    return ret;
}

/* A whole file with its length: a --plain value may hold NUL bytes. */
static char *
virshSecretReadFile(vshControl *ctl, const char *file, size_t *len)
{
    char *buf = NULL;
    gsize n = 0;

    if (!g_file_get_contents(file, &buf, &n, NULL))
        return vshReadFile(ctl, file);   /* reports the error in libvirt's words */
    *len = n;
    return buf;
}

/* The raw text the user gave: --base64, the file, or the terminal; its
 * length in @len. */
static char *
virshSecretInput(vshControl *ctl, const vshCmd *cmd, bool *isBase64, size_t *len)
{
    char *text = NULL;

    const char *base64 = NULL, *file = NULL;

    if (vshOptString(ctl, cmd, "base64", &base64) < 0 ||
        vshOptString(ctl, cmd, "file", &file) < 0)
        return NULL;
    *isBase64 = !vshOptBool(cmd, "plain") && !vshOptBool(cmd, "interactive");
    if (base64) {
        /* stock virsh says so too, on stderr, and goes on */
        vshError(ctl, "%s", "Passing secret value as command-line argument is insecure!");
        text = g_strdup(base64);
    } else if (file) {
        return virshSecretReadFile(ctl, file, len);
    } else if (vshOptBool(cmd, "interactive")) {
        text = virshSecretReadTerminal(ctl);
    } else {
        vshError(ctl, "%s", "Input secret value is missing");
    }
    if (text)
        *len = strlen(text);
    return text;
}

/* Strict base64: g_base64_decode would silently skip bad characters. */
static unsigned char *
virshSecretDecode(char *text, size_t *len)
{
    gsize outlen = 0;
    unsigned char *value;
    size_t n;

    g_strstrip(text);
    n = strlen(text);
    if (n % 4 != 0 || strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789+/=") != n ||
        (strchr(text, '=') && strspn(strchr(text, '='), "=") != strlen(strchr(text, '=')))) {
        return NULL;
    }
    value = g_base64_decode(text, &outlen);
    *len = outlen;
    return value;
}

static bool
cmdSecretSetValue(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrSecret) secret = NULL;
    g_autofree char *text = NULL;
    unsigned char *value;
    bool isBase64 = true;
    size_t textLen = 0, len;
    int r;

    if (!vshExclusiveOptions(ctl, cmd, "file", "base64") ||
        !vshExclusiveOptions(ctl, cmd, "plain", "base64") ||
        !vshExclusiveOptions(ctl, cmd, "interactive", "base64") ||
        !vshExclusiveOptions(ctl, cmd, "interactive", "plain") ||
        !vshExclusiveOptions(ctl, cmd, "interactive", "file"))
        return false;
    if (!(secret = virshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(text = virshSecretInput(ctl, cmd, &isBase64, &textLen)))
        return false;
    if (isBase64) {
        if (!(value = virshSecretDecode(text, &len))) {
            memset(text, 0, textLen);
            vshError(ctl, "%s", "Failed to set secret value");
            vshError(ctl, "%s", "Invalid base64 data");
            return false;
        }
    } else {
        len = textLen;
        value = g_memdup2(text, textLen + 1);
    }
    memset(text, 0, textLen);
    r = vrSecretSetValue(secret, value, len, 0);
    virshSecretFree(value, len);
    if (r < 0) {
        vshError(ctl, "%s", "Failed to set secret value");
        return false;
    }
    vshPrintExtra(ctl, "%s", "Secret value set\n");
    return true;
}

static const vshOptDef optsSecretGetValue[] = {
    OPT_SECRET,
    { "plain", VSH_OPT_BOOL, 0, "get value without converting to base64" },
    VIRSH_OPT_END,
};

static bool
cmdSecretGetValue(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrSecret) secret = NULL;
    unsigned char *value;
    size_t len = 0;

    if (!(secret = virshCommandOptSecret(ctl, cmd, NULL)))
        return false;
    if (!(value = vrSecretGetValue(secret, &len, 0)))
        return false;
    if (vshOptBool(cmd, "plain")) {
        fwrite(value, 1, len, stdout);
        fflush(stdout);
    } else {
        g_autofree char *b64 = g_base64_encode(value, len);
        vshPrint(ctl, "%s", b64);   /* the shell ends the line, as libvirt's does */
        memset(b64, 0, strlen(b64));
    }
    virshSecretFree(value, len);
    return true;
}

static const vshOptDef optsSecretUndefine[] = {
    OPT_SECRET,
    VIRSH_OPT_END,
};

static bool
cmdSecretUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrSecret) secret = NULL;
    const char *uuid = NULL;

    if (!(secret = virshCommandOptSecret(ctl, cmd, &uuid)))
        return false;
    if (vrSecretUndefine(secret) < 0) {
        vshError(ctl, "Failed to delete secret %s", uuid);
        return false;
    }
    vshPrintExtra(ctl, "Secret %s deleted\n", uuid);
    return true;
}

static const vshOptDef optsSecretList[] = {
    { "ephemeral", VSH_OPT_BOOL, 0, "list ephemeral secrets" },
    { "no-ephemeral", VSH_OPT_BOOL, 0, "list non-ephemeral secrets" },
    { "private", VSH_OPT_BOOL, 0, "list private secrets" },
    { "no-private", VSH_OPT_BOOL, 0, "list non-private secrets" },
    VIRSH_OPT_END,
};

static const char *const virshSecretUsageNames[] = {
    "none", "volume", "ceph", "iscsi", "tls", "vtpm",
};

static int
virshSecretCompare(const void *a, const void *b)
{
    char ua[VR_UUID_STRING_BUFLEN], ub[VR_UUID_STRING_BUFLEN];

    vrSecretGetUUIDString(*(vrSecret *const *)a, ua);
    vrSecretGetUUIDString(*(vrSecret *const *)b, ub);
    return strcmp(ua, ub);
}

static bool
cmdSecretList(vshControl *ctl, const vshCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } opts[] = {
        { "ephemeral", VR_CONNECT_LIST_SECRETS_EPHEMERAL },
        { "no-ephemeral", VR_CONNECT_LIST_SECRETS_NO_EPHEMERAL },
        { "private", VR_CONNECT_LIST_SECRETS_PRIVATE },
        { "no-private", VR_CONNECT_LIST_SECRETS_NO_PRIVATE },
    };
    g_autoptr(vshTable) table = NULL;
    vrSecret **secrets = NULL;
    unsigned int flags = 0;
    int n;

    for (size_t i = 0; i < G_N_ELEMENTS(opts); i++) {
        if (vshOptBool(cmd, opts[i].opt))
            flags |= opts[i].flag;
    }
    if ((n = vrConnectListAllSecrets(ctl->conn, &secrets, flags)) < 0) {
        vshError(ctl, "%s", "Failed to list secrets");
        return false;
    }
    qsort(secrets, n, sizeof(*secrets), virshSecretCompare);
    table = vshTableNew("UUID", "Usage", NULL);
    for (int i = 0; i < n; i++) {
        char uuid[VR_UUID_STRING_BUFLEN];
        int type = vrSecretGetUsageType(secrets[i]);
        g_autofree char *usage = NULL;

        vrSecretGetUUIDString(secrets[i], uuid);
        if (type >= 0 && type < (int)G_N_ELEMENTS(virshSecretUsageNames))
            usage = g_strdup_printf("%s %s", virshSecretUsageNames[type],
                                    vrSecretGetUsageID(secrets[i]));
        vshTableRowAppend(table, uuid, usage ? usage : "Unused", NULL);
        vrSecretFree(secrets[i]);
    }
    g_free(secrets);
    vshTablePrint(ctl, table, true);
    return true;
}

/* ---- secret-event ----------------------------------------------------- */
/* As net-event: the callbacks run in the library's event thread, the
 * command sleeps on a condition until the first event (or, with --loop,
 * the timeout or ^C). */

static const char *const secretEventNames[] = { "Defined", "Undefined" };

static void
secretEventLifecycle(vrConnect *conn, vrSecret *secret, int event, int detail, void *opaque)
{
    char uuid[VR_UUID_STRING_BUFLEN] = "";
    g_autofree char *what = NULL;

    (void)conn;
    (void)detail;
    vrSecretGetUUIDString(secret, uuid);
    what = g_strdup_printf("event 'lifecycle' for secret %s: %s\n", uuid,
                           event >= 0 && event < (int)G_N_ELEMENTS(secretEventNames)
                           ? secretEventNames[event] : "unknown");
    virshEventWaitPrint(opaque, what);
}

static void
secretEventValueChanged(vrConnect *conn, vrSecret *secret, void *opaque)
{
    char uuid[VR_UUID_STRING_BUFLEN] = "";
    g_autofree char *what = NULL;

    (void)conn;
    vrSecretGetUUIDString(secret, uuid);
    what = g_strdup_printf("event 'value-changed' for secret %s\n", uuid);
    virshEventWaitPrint(opaque, what);
}

static const vshOptDef optsSecretEvent[] = {
    { "secret", VSH_OPT_STRING, 0, "filter by secret name or uuid" },
    { "event", VSH_OPT_STRING, 0, "which event type to wait for" },
    { "loop", VSH_OPT_BOOL, 0, "loop until timeout or interrupt, rather than one-shot" },
    { "timeout", VSH_OPT_INT, 0, "timeout seconds" },
    { "list", VSH_OPT_BOOL, 0, "list valid event types" },
    { "timestamp", VSH_OPT_BOOL, 0, "show timestamp for each printed event" },
    VIRSH_OPT_END,
};

static bool
cmdSecretEvent(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const types[] = { "lifecycle", "value-changed" };
    g_autoptr(vrSecret) secret = NULL;
    virshEventWait wait;
    const char *eventName = NULL;
    int timeout = 0, id, eventID = -1;
    bool ret;
    size_t i;

    if (vshOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(types); i++)
            vshPrint(ctl, "%s\n", types[i]);
        return true;
    }
    if (vshOptString(ctl, cmd, "event", &eventName) < 0)
        return false;
    if (!eventName) {
        vshError(ctl, "%s", "either --list or --event <type> is required");
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(types); i++)
        if (g_str_equal(eventName, types[i]))
            eventID = (int)i;
    if (eventID < 0) {
        vshError(ctl, "unknown event type %s", eventName);
        return false;
    }
    if (virshEventTimeout(ctl, cmd, &timeout) < 0)
        return false;
    /* as virsh: a secret that cannot be found is reported, and the
     * command then waits for every secret's events */
    if (vshOptGiven(cmd, "secret"))
        secret = virshCommandOptSecret(ctl, cmd, NULL);
    virshEventWaitInit(&wait, vshOptBool(cmd, "loop"), vshOptBool(cmd, "timestamp"));
    id = vrConnectSecretEventRegisterAny(ctl->conn, secret, eventID,
                                         eventID == VR_SECRET_EVENT_ID_LIFECYCLE
                                         ? VR_SECRET_EVENT_CALLBACK(secretEventLifecycle)
                                         : VR_SECRET_EVENT_CALLBACK(secretEventValueChanged),
                                         &wait, NULL);
    if (id < 0) {
        virshEventWaitClear(&wait);
        return false;
    }
    virshEventWaitReport(ctl, virshEventWaitFor(&wait, timeout));
    ret = vrConnectSecretEventDeregisterAny(ctl->conn, id) == 0;
    /* deregistration waited for a running callback: nothing uses @wait now */
    vshPrint(ctl, "events received: %d\n", wait.count);
    ret = ret && wait.count > 0;
    virshEventWaitClear(&wait);
    return ret;
}

const vshCmdDef virshSecretCmds[] = {
    { "secret-define", cmdSecretDefine, optsSecretDefine,
      "define or modify a secret from an XML file", "Define or modify a secret.", 0, NULL },
    { "secret-dumpxml", cmdSecretDumpxml, optsSecretDumpxml, "secret attributes in XML",
      "Output attributes of a secret as an XML dump to stdout.", 0, NULL },
    { "secret-event", cmdSecretEvent, optsSecretEvent, "Secret Events",
      "List event types, or wait for secret events to occur", 0, NULL },
    { "secret-get-value", cmdSecretGetValue, optsSecretGetValue, "Output a secret value",
      "Output a secret value to stdout.", 0, NULL },
    { "secret-list", cmdSecretList, optsSecretList, "list secrets",
      "Returns a list of secrets", 0, NULL },
    { "secret-set-value", cmdSecretSetValue, optsSecretSetValue, "set a secret value",
      "Set a secret value.", 0, NULL },
    { "secret-undefine", cmdSecretUndefine, optsSecretUndefine, "undefine a secret",
      "Undefine a secret.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
