/*
 * vsh.h: the shell machinery behind virsh: command tables, argument
 * parsing, option accessors and output helpers.
 *
 * Parsing follows virsh's rules, which scripts rely on: a whole line is
 * parsed before anything runs; options may be written --name value,
 * --name=value or (unless named-only) positionally in table order; an
 * unknown option, a missing required one or a stray word stops the line.
 */
#ifndef VSH_H
#define VSH_H

#include <stdbool.h>
#include <stdio.h>
#include <glib.h>

#include "vireo/vireo.h"

/* Handles the tools let go of automatically. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomain, vrDomainFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrDomainSnapshot, vrDomainSnapshotFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrNetwork, vrNetworkFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStoragePool, vrStoragePoolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageVol, vrStorageVolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrInterface, vrInterfaceFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStream, vrStreamFree)

typedef enum {
    VSH_OPT_BOOL,     /* --flag */
    VSH_OPT_STRING,   /* --name value, positional unless NAMED_ONLY */
    VSH_OPT_INT,      /* numeric value, positional unless NAMED_ONLY */
    VSH_OPT_DATA,     /* positional argument (shown as <name>) */
    VSH_OPT_ARGV,     /* rest of the words; must be the last option */
    VSH_OPT_ALIAS,    /* another name for the option in .help */
} vshOptType;

enum {
    VSH_OPT_REQUIRED = 1 << 0,
    VSH_OPT_NAMED_ONLY = 1 << 1,
    VSH_OPT_EMPTY_OK = 1 << 2,
};

typedef struct {
    const char *name;
    vshOptType type;
    unsigned int flags;
    const char *help;   /* for VSH_OPT_ALIAS: the real option, optionally "=value" */
} vshOptDef;

typedef struct _vshControl vshControl;
typedef struct _vshCmd vshCmd;

typedef bool (*vshCmdHandler)(vshControl *ctl, const vshCmd *cmd);

enum {
    VSH_CMD_NOCONNECT = 1 << 0,   /* runs without a hypervisor connection */
    VSH_CMD_ALIAS = 1 << 1,       /* hidden name of another command */
};

typedef struct {
    const char *name;
    vshCmdHandler handler;
    const vshOptDef *opts;
    const char *summary;
    const char *description;
    unsigned int flags;
    const char *alias;            /* VSH_CMD_ALIAS: the real command */
} vshCmdDef;

typedef struct {
    const char *name;             /* "Domain Management" */
    const char *keyword;          /* "domain" */
    const vshCmdDef *commands;
} vshCmdGroup;

typedef struct {
    const vshOptDef *def;
    char *value;                  /* NULL for booleans */
} vshCmdOpt;

struct _vshCmd {
    const vshCmdDef *def;
    vshCmdOpt *opts;
    size_t nopts;
    bool help;                    /* CMD --help: describe instead of run */
    vshCmd *next;
};

struct _vshControl {
    char *name;                   /* "virsh" */
    const vshCmdGroup *groups;
    char *connname;               /* URI asked for with -c or connect */
    vrConnect *conn;
    bool readonly;
    bool quiet;
    bool interactive;
    bool timing;
    int debug;                    /* -d level, -1 when off */
    char escapeChar;
    int keepaliveInterval;
    unsigned int keepaliveCount;
    /* Set by a handler that already printed its error, so the library's
     * message is not repeated. */
    bool errorReported;
    /* Connection hook: makes sure ctl->conn is usable. */
    bool (*connect)(vshControl *ctl);
};

/* ---- output ---- */
void vshPrint(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Like vshPrint but silent with -q. */
void vshPrintExtra(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vshError(vshControl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Prints the library's last error (if any) as "error: MESSAGE". */
void vshReportError(vshControl *ctl);
void vshResetLibError(void);
void vshDebug(vshControl *ctl, int level, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* ---- commands ---- */
const vshCmdDef *vshCmdDefLookup(vshControl *ctl, const char *name);
/* Parses a command line (one or more commands split by ';'). */
vshCmd *vshCommandParseString(vshControl *ctl, const char *line);
/* Parses argv words as one command. */
vshCmd *vshCommandParseArgv(vshControl *ctl, int argc, char **argv);
void vshCommandFree(vshCmd *cmd);
/* Runs each command; returns the last one's result. */
bool vshCommandRun(vshControl *ctl, const vshCmd *cmd);

/* ---- option values ---- */
bool vshOptBool(const vshCmd *cmd, const char *name);
/* 0 absent, 1 present (value set), -1 reported error */
int vshOptString(vshControl *ctl, const vshCmd *cmd, const char *name, const char **value);
int vshOptStringReq(vshControl *ctl, const vshCmd *cmd, const char *name, const char **value);
int vshOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value);
int vshOptUInt(vshControl *ctl, const vshCmd *cmd, const char *name, unsigned int *value);
int vshOptLongLong(vshControl *ctl, const vshCmd *cmd, const char *name, long long *value);
int vshOptULongLong(vshControl *ctl, const vshCmd *cmd, const char *name,
                    unsigned long long *value);
/* "1G", "512M", "1048576": scaled by @scale when no suffix. */
int vshOptScaledInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                    unsigned long long *value, int scale, unsigned long long max);
/* Successive values of an ARGV option; NULL at the end. */
const vshCmdOpt *vshOptArgv(const vshCmd *cmd, const vshCmdOpt *prev);
bool vshOptGiven(const vshCmd *cmd, const char *name);

/* Mutually exclusive options, as virsh reports them. */
bool vshExclusiveOptions(vshControl *ctl, const vshCmd *cmd, const char *a, const char *b);

/* ---- help ---- */
bool vshCmdHelp(vshControl *ctl, const vshCmdDef *def);
bool vshGroupHelp(vshControl *ctl, const vshCmdGroup *grp);
void vshHelpAll(vshControl *ctl);

/* ---- misc ---- */
/* Reads a file given on the command line; reports "Failed to open file". */
char *vshReadFile(vshControl *ctl, const char *path);
/* Pretty size for pool/vol tables: "1.00 GiB". */
char *vshPrettyCapacity(unsigned long long bytes);
/* Display width of a UTF-8 string (for tables and alignment). */
size_t vshStringWidth(const char *s);

#endif
