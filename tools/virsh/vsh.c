/*
 * vsh.c: command parsing, running and output for virsh.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/vrfile.h"
#include "util/vrunits.h"
#include "util/vrxml.h"
#include "vsh.h"

/* ---- output -------------------------------------------------------- */

static void
vshVPrint(const char *fmt, va_list ap)
{
    g_autofree char *s = g_strdup_vprintf(fmt, ap);

    fputs(s, stdout);
}

void
vshPrint(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    (void)ctl;
    va_start(ap, fmt);
    vshVPrint(fmt, ap);
    va_end(ap);
}

void
vshPrintExtra(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    if (ctl && ctl->quiet)
        return;
    va_start(ap, fmt);
    vshVPrint(fmt, ap);
    va_end(ap);
}

void
vshError(vshControl *ctl, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /* stdout and stderr interleave in the order things happened */
    fflush(stdout);
    fprintf(stderr, "error: %s\n", msg);
    fflush(stderr);
    if (ctl)
        ctl->errorReported = true;
}

void
vshDebug(vshControl *ctl, int level, const char *fmt, ...)
{
    va_list ap;

    if (!ctl || ctl->debug < 0 || level < ctl->debug)
        return;
    va_start(ap, fmt);
    fflush(stdout);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* The library error virsh will report: the last one raised, kept even
 * when later calls succeed (as libvirt's error callback keeps it). */
static vrError savedError;
static bool haveSavedError;

static void
vshErrorHandler(void *opaque, const vrError *err)
{
    (void)opaque;
    vrErrorClear(&savedError);
    savedError.code = err->code;
    savedError.domain = err->domain;
    savedError.message = g_strdup(err->message);
    haveSavedError = true;
}

void
vshResetLibError(void)
{
    vrErrorClear(&savedError);
    haveSavedError = false;
    vrResetLastError();
}

void
vshReportError(vshControl *ctl)
{
    if (!haveSavedError)
        return;
    if (savedError.code == VR_ERR_OK)
        vshError(ctl, "%s", "unknown error");
    else
        vshError(ctl, "%s", savedError.message ? savedError.message : "unknown error");
    vshResetLibError();
}

/* ---- command lookup ------------------------------------------------ */

const vshCmdDef *
vshCmdDefLookup(vshControl *ctl, const char *name)
{
    const vshCmdGroup *grp;
    const vshCmdDef *def;

    for (grp = ctl->groups; grp->name; grp++) {
        for (def = grp->commands; def->name; def++) {
            if (g_str_equal(def->name, name)) {
                if (def->flags & VSH_CMD_ALIAS)
                    return vshCmdDefLookup(ctl, def->alias);
                return def;
            }
        }
    }
    return NULL;
}

static const vshOptDef *
vshCmdDefOpt(const vshCmdDef *def, const char *name, const char **aliasValue)
{
    const vshOptDef *opt;

    *aliasValue = NULL;
    for (opt = def->opts; opt && opt->name; opt++) {
        if (!g_str_equal(opt->name, name))
            continue;
        if (opt->type == VSH_OPT_ALIAS) {
            const char *eq = strchr(opt->help, '=');
            g_autofree char *target = eq ? g_strndup(opt->help, eq - opt->help)
                                         : g_strdup(opt->help);
            const vshOptDef *real = vshCmdDefOpt(def, target, aliasValue);
            if (eq)
                *aliasValue = eq + 1;
            return real;
        }
        return opt;
    }
    return NULL;
}

/* ---- tokenizer ----------------------------------------------------- */

typedef struct {
    const char *pos;
} vshTokenizer;

typedef enum {
    VSH_TK_ERROR = -1,
    VSH_TK_ARG,
    VSH_TK_SUBCMD_END,   /* ';' or newline */
    VSH_TK_END,
} vshTokenType;

/* One word of a command line, with virsh's quoting: backslash escapes,
 * '...' literal, "..." with escapes, '#' starts a comment, ';' ends a
 * command. */
static vshTokenType
vshTokenNext(vshControl *ctl, vshTokenizer *tk, char **word)
{
    GString *out = g_string_new(NULL);
    const char *p = tk->pos;
    bool single = false, dbl = false, any = false;

    *word = NULL;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0') {
        tk->pos = p;
        g_string_free(out, TRUE);
        return VSH_TK_END;
    }
    if (*p == ';' || *p == '\n') {
        tk->pos = p + 1;
        g_string_free(out, TRUE);
        return VSH_TK_SUBCMD_END;
    }
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
        tk->pos = p;
        g_string_free(out, TRUE);
        return vshTokenNext(ctl, tk, word);
    }

    while (*p) {
        if (!single && !dbl && (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n'))
            break;
        if (!single && *p == '\\') {
            p++;
            if (!*p) {
                vshError(ctl, "%s", "dangling \\");
                g_string_free(out, TRUE);
                return VSH_TK_ERROR;
            }
        } else if (!dbl && *p == '\'') {
            single = !single;
            p++;
            any = true;
            continue;
        } else if (!single && *p == '"') {
            dbl = !dbl;
            p++;
            any = true;
            continue;
        }
        g_string_append_c(out, *p++);
        any = true;
    }
    if (single || dbl) {
        vshError(ctl, "%s", "missing \"");
        g_string_free(out, TRUE);
        return VSH_TK_ERROR;
    }
    (void)any;
    tk->pos = p;
    *word = g_string_free(out, FALSE);
    return VSH_TK_ARG;
}

/* ---- parser -------------------------------------------------------- */

void
vshCommandFree(vshCmd *cmd)
{
    while (cmd) {
        vshCmd *next = cmd->next;
        size_t i;

        for (i = 0; i < cmd->nopts; i++)
            g_free(cmd->opts[i].value);
        g_free(cmd->opts);
        g_free(cmd);
        cmd = next;
    }
}

static void
vshCmdAddOpt(vshCmd *cmd, const vshOptDef *def, char *value)
{
    cmd->opts = g_renew(vshCmdOpt, cmd->opts, cmd->nopts + 1);
    cmd->opts[cmd->nopts].def = def;
    cmd->opts[cmd->nopts].value = value;
    cmd->nopts++;
}

static bool
vshCmdOptSeen(const vshCmd *cmd, const vshOptDef *def)
{
    size_t i;

    for (i = 0; i < cmd->nopts; i++) {
        if (cmd->opts[i].def == def)
            return true;
    }
    return false;
}

/* The next option a positional word fills: options that are not
 * booleans and not named-only, in table order, not yet given. */
static const vshOptDef *
vshCmdNextPositional(const vshCmd *cmd)
{
    const vshOptDef *opt;

    for (opt = cmd->def->opts; opt && opt->name; opt++) {
        if (opt->type == VSH_OPT_BOOL || opt->type == VSH_OPT_ALIAS ||
            (opt->flags & VSH_OPT_NAMED_ONLY))
            continue;
        if (opt->type == VSH_OPT_ARGV)
            return opt;
        if (!vshCmdOptSeen(cmd, opt))
            return opt;
    }
    return NULL;
}

static int
vshCmdCheckRequired(vshControl *ctl, const vshCmd *cmd)
{
    const vshOptDef *opt;
    int missing = 0;

    for (opt = cmd->def->opts; opt && opt->name; opt++) {
        if (!(opt->flags & VSH_OPT_REQUIRED) || vshCmdOptSeen(cmd, opt))
            continue;
        if (opt->type == VSH_OPT_DATA || opt->type == VSH_OPT_ARGV)
            vshError(ctl, "command '%s' requires <%s> option", cmd->def->name, opt->name);
        else
            vshError(ctl, "command '%s' requires --%s option", cmd->def->name, opt->name);
        missing++;
    }
    return missing ? -1 : 0;
}

/* One "--name[=value]" word; @next supplies the value when needed. */
static int
vshCmdParseOption(vshControl *ctl, vshCmd *cmd, const char *word, vshTokenizer *tk)
{
    g_autofree char *name = NULL;
    const char *eq = strchr(word + 2, '=');
    const char *aliasValue;
    const vshOptDef *opt;
    char *value = NULL;

    name = eq ? g_strndup(word + 2, eq - word - 2) : g_strdup(word + 2);
    if (!(opt = vshCmdDefOpt(cmd->def, name, &aliasValue))) {
        vshError(ctl, "command '%s' doesn't support option --%s", cmd->def->name, name);
        return -1;
    }
    if (vshCmdOptSeen(cmd, opt) && opt->type != VSH_OPT_ARGV) {
        vshError(ctl, "option --%s already seen", opt->name);
        return -1;
    }
    if (opt->type == VSH_OPT_BOOL) {
        if (eq) {
            vshError(ctl, "invalid '=' after option --%s", opt->name);
            return -1;
        }
        vshCmdAddOpt(cmd, opt, NULL);
        return 0;
    }
    if (aliasValue) {
        value = g_strdup(aliasValue);
    } else if (eq) {
        value = g_strdup(eq + 1);
    } else if (vshTokenNext(ctl, tk, &value) != VSH_TK_ARG) {
        g_free(value);
        vshError(ctl, "expected syntax: --%s <%s>", opt->name,
                 opt->type == VSH_OPT_INT ? "number" : "string");
        return -1;
    }
    vshCmdAddOpt(cmd, opt, value);
    return 0;
}

/* Parses one command from the tokenizer.  *more says whether another
 * command follows on the line. */
static vshCmd *
vshCommandParseOne(vshControl *ctl, vshTokenizer *tk, bool *more, bool *empty)
{
    vshCmd *cmd = NULL;
    bool dataOnly = false;

    *more = false;
    *empty = true;
    for (;;) {
        g_autofree char *word = NULL;
        vshTokenType t = vshTokenNext(ctl, tk, &word);

        if (t == VSH_TK_ERROR)
            goto error;
        if (t == VSH_TK_END || t == VSH_TK_SUBCMD_END) {
            *more = t == VSH_TK_SUBCMD_END;
            break;
        }
        *empty = false;
        if (!cmd) {
            const vshCmdDef *def = vshCmdDefLookup(ctl, word);
            if (!def) {
                vshError(ctl, "unknown command: '%s'", word);
                goto error;
            }
            cmd = g_new0(vshCmd, 1);
            cmd->def = def;
            continue;
        }
        if (!dataOnly && g_str_equal(word, "--")) {
            dataOnly = true;
            continue;
        }
        if (!dataOnly && g_str_equal(word, "--help")) {
            cmd->help = true;
            continue;
        }
        if (!dataOnly && g_str_has_prefix(word, "--") && word[2]) {
            if (vshCmdParseOption(ctl, cmd, word, tk) < 0)
                goto error;
            continue;
        }
        {
            const vshOptDef *opt = vshCmdNextPositional(cmd);
            if (!opt) {
                vshError(ctl, "unexpected data '%s'", word);
                goto error;
            }
            vshCmdAddOpt(cmd, opt, g_steal_pointer(&word));
        }
    }
    if (cmd && !cmd->help && vshCmdCheckRequired(ctl, cmd) < 0)
        goto error;
    return cmd;

 error:
    vshCommandFree(cmd);
    *empty = false;
    return NULL;
}

vshCmd *
vshCommandParseString(vshControl *ctl, const char *line)
{
    vshTokenizer tk = { line };
    vshCmd *first = NULL, *last = NULL;
    bool more = true;

    while (more) {
        bool empty;
        vshCmd *cmd = vshCommandParseOne(ctl, &tk, &more, &empty);

        if (!cmd) {
            if (empty)
                continue;
            vshCommandFree(first);
            return NULL;
        }
        if (last)
            last->next = cmd;
        else
            first = cmd;
        last = cmd;
    }
    return first;
}

/* Words from argv are taken as they are (no quoting, no ';'). */
vshCmd *
vshCommandParseArgv(vshControl *ctl, int argc, char **argv)
{
    g_autoptr(GString) line = g_string_new(NULL);
    int i;

    for (i = 0; i < argc; i++) {
        const char *p;
        if (i)
            g_string_append_c(line, ' ');
        g_string_append_c(line, '\'');
        for (p = argv[i]; *p; p++) {
            if (*p == '\'')
                g_string_append(line, "'\\''");
            else
                g_string_append_c(line, *p);
        }
        g_string_append_c(line, '\'');
    }
    return vshCommandParseString(ctl, line->str);
}

/* ---- running ------------------------------------------------------- */

bool
vshCommandRun(vshControl *ctl, const vshCmd *cmd)
{
    bool ret = true;

    for (; cmd; cmd = cmd->next) {
        gint64 before = g_get_monotonic_time();

        ctl->errorReported = false;
        if (cmd->help)
            ret = vshCmdHelp(ctl, cmd->def);
        else if ((cmd->def->flags & VSH_CMD_NOCONNECT) || ctl->connect(ctl))
            ret = cmd->def->handler(ctl, cmd);
        else
            ret = false;
        if (!ret)
            vshReportError(ctl);
        else
            vshResetLibError();

        if (g_str_equal(cmd->def->name, "quit") || g_str_equal(cmd->def->name, "exit"))
            return ret;
        if (ctl->timing)
            vshPrint(ctl, "\n(Time: %.3f ms)\n\n",
                     (double)(g_get_monotonic_time() - before) / 1000.0);
        else
            vshPrintExtra(ctl, "\n");
        fflush(stdout);
    }
    return ret;
}

/* ---- option accessors ---------------------------------------------- */

static const vshCmdOpt *
vshCmdFindOpt(const vshCmd *cmd, const char *name)
{
    size_t i;

    for (i = 0; i < cmd->nopts; i++) {
        if (g_str_equal(cmd->opts[i].def->name, name))
            return &cmd->opts[i];
    }
    return NULL;
}

bool
vshOptGiven(const vshCmd *cmd, const char *name)
{
    return vshCmdFindOpt(cmd, name) != NULL;
}

bool
vshOptBool(const vshCmd *cmd, const char *name)
{
    return vshCmdFindOpt(cmd, name) != NULL;
}

int
vshOptString(vshControl *ctl, const vshCmd *cmd, const char *name, const char **value)
{
    const vshCmdOpt *opt = vshCmdFindOpt(cmd, name);

    (void)ctl;
    *value = NULL;
    if (!opt)
        return 0;
    if (!*opt->value && !(opt->def->flags & VSH_OPT_EMPTY_OK))
        return -1;
    *value = opt->value;
    return 1;
}

int
vshOptStringReq(vshControl *ctl, const vshCmd *cmd, const char *name, const char **value)
{
    int rc = vshOptString(ctl, cmd, name, value);

    if (rc < 0)
        vshError(ctl, "Failed to get option '%s': %s", name, "Option argument is empty");
    return rc;
}

static int
vshOptNumberFail(vshControl *ctl, const char *name, const char *value)
{
    vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
             value, name);
    return -1;
}

int
vshOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value)
{
    const vshCmdOpt *opt = vshCmdFindOpt(cmd, name);

    if (!opt)
        return 0;
    if (vrStrToInt(opt->value, 10, value) < 0)
        return vshOptNumberFail(ctl, name, opt->value);
    return 1;
}

int
vshOptUInt(vshControl *ctl, const vshCmd *cmd, const char *name, unsigned int *value)
{
    const vshCmdOpt *opt = vshCmdFindOpt(cmd, name);

    if (!opt)
        return 0;
    if (vrStrToUInt(opt->value, 10, value) < 0)
        return vshOptNumberFail(ctl, name, opt->value);
    return 1;
}

int
vshOptLongLong(vshControl *ctl, const vshCmd *cmd, const char *name, long long *value)
{
    const vshCmdOpt *opt = vshCmdFindOpt(cmd, name);

    if (!opt)
        return 0;
    if (vrStrToLLong(opt->value, 10, value) < 0)
        return vshOptNumberFail(ctl, name, opt->value);
    return 1;
}

int
vshOptULongLong(vshControl *ctl, const vshCmd *cmd, const char *name, unsigned long long *value)
{
    const vshCmdOpt *opt = vshCmdFindOpt(cmd, name);

    if (!opt)
        return 0;
    if (vrStrToULLong(opt->value, 10, value) < 0)
        return vshOptNumberFail(ctl, name, opt->value);
    return 1;
}

int
vshOptScaledInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                unsigned long long *value, int scale, unsigned long long max)
{
    const vshCmdOpt *opt = vshCmdFindOpt(cmd, name);

    if (!opt)
        return 0;
    if (vrParseScaledString(opt->value, scale, max, value) < 0) {
        vrResetLastError();
        vshError(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                 opt->value, name);
        return -1;
    }
    return 1;
}

const vshCmdOpt *
vshOptArgv(const vshCmd *cmd, const vshCmdOpt *prev)
{
    size_t i = prev ? (size_t)(prev - cmd->opts) + 1 : 0;

    for (; i < cmd->nopts; i++) {
        if (cmd->opts[i].def->type == VSH_OPT_ARGV)
            return &cmd->opts[i];
    }
    return NULL;
}

bool
vshExclusiveOptions(vshControl *ctl, const vshCmd *cmd, const char *a, const char *b)
{
    if (vshOptGiven(cmd, a) && vshOptGiven(cmd, b)) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", a, b);
        return false;
    }
    return true;
}

/* ---- help ---------------------------------------------------------- */

static const char *
vshOptTypeWord(const vshOptDef *opt)
{
    return opt->type == VSH_OPT_INT ? "<number>" : "<string>";
}

bool
vshCmdHelp(vshControl *ctl, const vshCmdDef *def)
{
    const vshOptDef *opt;
    g_autoptr(GString) syn = g_string_new(def->name);

    for (opt = def->opts; opt && opt->name; opt++) {
        bool positional = !(opt->flags & VSH_OPT_NAMED_ONLY);
        bool required = opt->flags & VSH_OPT_REQUIRED;

        switch (opt->type) {
        case VSH_OPT_BOOL:
            g_string_append_printf(syn, " [--%s]", opt->name);
            break;
        case VSH_OPT_ARGV:
            g_string_append_printf(syn, required ? " <%s>..." : " [<%s>]...", opt->name);
            break;
        case VSH_OPT_DATA:
        case VSH_OPT_STRING:
        case VSH_OPT_INT:
            if (required && positional)
                g_string_append_printf(syn, " <%s>", opt->name);
            else if (required)
                g_string_append_printf(syn, " --%s %s", opt->name, vshOptTypeWord(opt));
            else
                g_string_append_printf(syn, " [--%s %s]", opt->name, vshOptTypeWord(opt));
            break;
        case VSH_OPT_ALIAS:
            break;
        }
    }
    vshPrint(ctl, "  NAME\n    %s - %s\n\n", def->name, def->summary);
    vshPrint(ctl, "  SYNOPSIS\n    %s\n\n", syn->str);
    if (def->description && *def->description)
        vshPrint(ctl, "  DESCRIPTION\n    %s\n\n", def->description);
    if (def->opts && def->opts->name) {
        vshPrint(ctl, "  OPTIONS\n");
        for (opt = def->opts; opt->name; opt++) {
            g_autofree char *head = NULL;
            if (opt->type == VSH_OPT_ALIAS)
                continue;
            if (opt->type == VSH_OPT_BOOL)
                head = g_strdup_printf("--%s", opt->name);
            else if (opt->flags & VSH_OPT_NAMED_ONLY)
                head = g_strdup_printf("--%s %s", opt->name, vshOptTypeWord(opt));
            else
                head = g_strdup_printf("[--%s] %s", opt->name, vshOptTypeWord(opt));
            vshPrint(ctl, "    %-15s  %s\n", head, opt->help ? opt->help : "");
        }
        vshPrint(ctl, "\n");
    }
    return true;
}

bool
vshGroupHelp(vshControl *ctl, const vshCmdGroup *grp)
{
    const vshCmdDef *def;

    vshPrint(ctl, " %s (help keyword '%s'):\n", grp->name, grp->keyword);
    for (def = grp->commands; def->name; def++) {
        if (def->flags & VSH_CMD_ALIAS)
            continue;
        vshPrint(ctl, "    %-30s %s\n", def->name, def->summary);
    }
    vshPrint(ctl, "\n");
    return true;
}

void
vshHelpAll(vshControl *ctl)
{
    const vshCmdGroup *grp;

    vshPrint(ctl, "Grouped commands:\n\n");
    for (grp = ctl->groups; grp->name; grp++)
        vshGroupHelp(ctl, grp);
}

/* ---- misc ---------------------------------------------------------- */

char *
vshReadFile(vshControl *ctl, const char *path)
{
    char *buf = NULL;

    (void)ctl;
    if (vrFileReadAll(path, 64 * 1024 * 1024, &buf) < 0)
        return NULL;
    return buf;
}

char *
vshPrettyCapacity(unsigned long long bytes)
{
    return vrFormatPrettySize(bytes);
}

size_t
vshStringWidth(const char *s)
{
    size_t width = 0;

    if (!g_utf8_validate(s, -1, NULL))
        return strlen(s);
    for (; *s; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        if (g_unichar_iszerowidth(c))
            continue;
        width += g_unichar_iswide(c) ? 2 : 1;
    }
    return width;
}

/* Hooked up by virsh's main: keeps library errors for vshReportError. */
void vshInstallErrorHandler(void);
void
vshInstallErrorHandler(void)
{
    vrSetErrorHandler(vshErrorHandler, NULL);
}
