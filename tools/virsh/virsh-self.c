/*
 * virsh-self.c: commands about the shell itself: help, quit, echo, cd, pwd.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "util/vrbuf.h"
#include "virsh.h"

/* ---- help ---------------------------------------------------------- */

static const vshOptDef optsHelp[] = {
    { "command", VSH_OPT_STRING, 0, "a command or a group keyword" },
    VIRSH_OPT_END,
};

static bool
cmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    const vshCmdGroup *grp;
    const vshCmdDef *def;

    if (vshOptString(ctl, cmd, "command", &name) < 0)
        return false;
    if (!name) {
        vshHelpAll(ctl);
        return true;
    }
    for (grp = ctl->groups; grp->name; grp++) {
        if (g_str_equal(grp->keyword, name))
            return vshGroupHelp(ctl, grp);
    }
    if ((def = vshCmdDefLookup(ctl, name)))
        return vshCmdHelp(ctl, def);
    vshError(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}

/* ---- quit / exit ---------------------------------------------------- */

static bool
cmdQuit(vshControl *ctl, const vshCmd *cmd)
{
    (void)ctl;
    (void)cmd;
    return true;
}

/* ---- echo ---------------------------------------------------------- */

static const vshOptDef optsEcho[] = {
    { "shell", VSH_OPT_BOOL, 0, "quote each word for a POSIX shell" },
    { "xml", VSH_OPT_BOOL, 0, "escape each word for XML" },
    { "split", VSH_OPT_BOOL, 0, "split words at commas, one per line" },
    { "err", VSH_OPT_BOOL, 0, "print to standard error" },
    { "string", VSH_OPT_ARGV, 0, "the words to print" },
    VIRSH_OPT_END,
};

/* Characters a shell would interpret; words holding none stay bare. */
static const char shellSpecial[] = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";

static void
echoAppendWord(GString *out, const char *word, bool shell, bool xml)
{
    g_autofree char *escaped = NULL;
    const char *p;

    if (xml) {
        escaped = vrXMLEscape(word);
        word = escaped;
    }
    if (!shell || (*word && !strpbrk(word, shellSpecial))) {
        g_string_append(out, word);
        return;
    }
    g_string_append_c(out, '\'');
    for (p = word; *p; p++) {
        if (*p == '\'')
            g_string_append(out, "'\\''");
        else
            g_string_append_c(out, *p);
    }
    g_string_append_c(out, '\'');
}

/* "a,b" -> "a", "b"; ",," stands for a literal comma. */
static GPtrArray *
echoSplit(const char *word)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    const char *p;

    for (p = word; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',') {
            g_ptr_array_add(parts, g_string_free(cur, FALSE));
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    return parts;
}

static bool
cmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    bool shell = vshOptBool(cmd, "shell");
    bool xml = vshOptBool(cmd, "xml");
    bool split = vshOptBool(cmd, "split");
    g_autoptr(GString) out = g_string_new(NULL);
    const vshCmdOpt *opt = NULL;
    size_t count = 0;

    while ((opt = vshOptArgv(cmd, opt))) {
        g_autoptr(GPtrArray) parts = NULL;
        size_t i;

        if (split) {
            parts = echoSplit(opt->value);
        } else {
            parts = g_ptr_array_new();
            g_ptr_array_add(parts, opt->value);
        }
        for (i = 0; i < parts->len; i++) {
            /* split output puts every piece on a line of its own */
            if (count++ && !split)
                g_string_append_c(out, ' ');
            echoAppendWord(out, g_ptr_array_index(parts, i), shell, xml);
            if (split)
                g_string_append_c(out, '\n');
        }
    }
    if (vshOptBool(cmd, "err"))
        vshError(ctl, "%s", out->str);
    else
        vshPrint(ctl, "%s", out->str);
    return true;
}

/* ---- cd / pwd ------------------------------------------------------ */

static const vshOptDef optsCd[] = {
    { "dir", VSH_OPT_STRING, 0, "directory to change to (default: home)" },
    VIRSH_OPT_END,
};

static bool
cmdCd(vshControl *ctl, const vshCmd *cmd)
{
    const char *dir = NULL;

    if (!ctl->interactive) {
        vshError(ctl, "%s", "cd: command valid only in interactive mode");
        return false;
    }
    if (vshOptString(ctl, cmd, "dir", &dir) < 0)
        return false;
    if (!dir)
        dir = g_get_home_dir();
    if (chdir(dir) < 0) {
        vshError(ctl, "cd: %s: %s", g_strerror(errno), dir);
        return false;
    }
    return true;
}

static bool
cmdPwd(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *cwd = g_get_current_dir();

    (void)cmd;
    vshPrint(ctl, "%s\n", cwd);
    return true;
}

const vshCmdDef virshSelfCmds[] = {
    { "cd", cmdCd, optsCd, "change the current directory",
      "Changes the shell's working directory (interactive mode only).", VSH_CMD_NOCONNECT,
      NULL },
    { "echo", cmdEcho, optsEcho, "print words",
      "Prints its arguments, optionally quoted for a shell or escaped for XML.",
      VSH_CMD_NOCONNECT, NULL },
    { "exit", cmdQuit, NULL, "leave the shell", "Leaves virsh.", VSH_CMD_NOCONNECT, NULL },
    { "help", cmdHelp, optsHelp, "print help",
      "Lists every command, the commands of one group, or describes one command.",
      VSH_CMD_NOCONNECT, NULL },
    { "pwd", cmdPwd, NULL, "print the current directory",
      "Prints the shell's working directory.", VSH_CMD_NOCONNECT, NULL },
    { "quit", cmdQuit, NULL, "leave the shell", "Leaves virsh.", VSH_CMD_NOCONNECT, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
