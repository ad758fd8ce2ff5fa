/*
 * virsh.h: what the virsh command files share.
 */
#ifndef VIRSH_H
#define VIRSH_H

#include "vsh.h"
#include "vsh-table.h"

/* Command tables, one per help group. */
extern const vshCmdDef virshDomainCmds[];
extern const vshCmdDef virshDomainMonitorCmds[];
extern const vshCmdDef virshHostCmds[];
extern const vshCmdDef virshInterfaceCmds[];
extern const vshCmdDef virshNetworkCmds[];
extern const vshCmdDef virshSecretCmds[];
extern const vshCmdDef virshSnapshotCmds[];
extern const vshCmdDef virshPoolCmds[];
extern const vshCmdDef virshVolumeCmds[];
extern const vshCmdDef virshDomainRuntimeCmds[];
extern const vshCmdDef virshConsoleCmds[];
/* Attaches the terminal to @dom's console until the escape character. */
bool virshRunConsole(vshControl *ctl, vrDomain *dom, const char *devname, unsigned int flags);
extern const vshCmdDef virshDomainStatsCmds[];
extern const vshCmdDef virshDomainDeviceCmds[];
extern const vshCmdDef virshDomainEditCmds[];
extern const vshCmdDef virshDomainEventCmds[];
extern const vshCmdDef virshSelfCmds[];

/* How a name may identify an object. */
enum {
    VIRSH_BYID = 1 << 0,
    VIRSH_BYUUID = 1 << 1,
    VIRSH_BYNAME = 1 << 2,
    VIRSH_BYMAC = 1 << 3,
};

/* Looks up the object named by option @optname; on failure prints
 * "failed to get ..." and returns NULL.  @name receives the word used. */
vrDomain *virshCommandOptDomainBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                                  const char **name, unsigned int flags);
vrDomain *virshCommandOptDomain(vshControl *ctl, const vshCmd *cmd, const char **name);
vrDomain *virshLookupDomainBy(vshControl *ctl, const char *name, unsigned int flags);
vrNetwork *virshCommandOptNetworkBy(vshControl *ctl, const vshCmd *cmd, const char **name,
                                    unsigned int flags);
vrStoragePool *virshCommandOptPoolBy(vshControl *ctl, const vshCmd *cmd, const char *optname,
                                     const char **name, unsigned int flags);
vrNetwork *virshCommandOptNetwork(vshControl *ctl, const vshCmd *cmd, const char **name);
vrStoragePool *virshCommandOptPool(vshControl *ctl, const vshCmd *cmd, const char *optname,
                                   const char **name);
vrStorageVol *virshCommandOptVol(vshControl *ctl, const vshCmd *cmd, const char *optname,
                                 const char *pooloptname, const char **name);
vrInterface *virshCommandOptInterfaceBy(vshControl *ctl, const vshCmd *cmd, const char **name,
                                        unsigned int flags);
vrInterface *virshCommandOptInterface(vshControl *ctl, const vshCmd *cmd, const char **name);

/* Shared option definitions. */
#define VIRSH_OPT_DOMAIN { "domain", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the guest: name, id or UUID" }
#define VIRSH_OPT_LIVE(h) { "live", VSH_OPT_BOOL, 0, h }
#define VIRSH_OPT_CONFIG(h) { "config", VSH_OPT_BOOL, 0, h }
#define VIRSH_OPT_CURRENT(h) { "current", VSH_OPT_BOOL, 0, h }
#define VIRSH_OPT_FILE(h) { "file", VSH_OPT_DATA, VSH_OPT_REQUIRED, h }
#define VIRSH_OPT_POOL_OPTIONAL { "pool", VSH_OPT_STRING, 0, "pool the volume is in (name or UUID)" }
#define VIRSH_OPT_END { NULL, 0, 0, NULL }

/* Maps --live/--config/--current to VR_DOMAIN_AFFECT_* and checks they are
 * not combined in ways virsh refuses.  Returns false (reported) on misuse. */
bool virshAffectFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags);

/* The user's editor on a temporary file (virsh-domain-edit.c): writes
 * @doc to $TMPDIR/virshXXXXXX.xml and returns the file's name, runs
 * $VISUAL/$EDITOR on it, reads it back.  All report their errors. */
char *virshEditWriteToTempFile(vshControl *ctl, const char *doc);
int virshEditFile(vshControl *ctl, const char *path);
char *virshEditReadBackFile(vshControl *ctl, const char *path);
/* After a failed redefinition: 'y' edit again, 'f' retry, 'i' retry
 * without validation (offered when @relax), anything else gives up.  -1
 * without a terminal. */
int virshEditAskReedit(vshControl *ctl, const char *msg, bool relax);

/* Domain state and reason texts as virsh prints them. */
const char *virshDomainStateToString(int state);
const char *virshDomainStateReasonToString(int state, int reason);

/* Prints "Name:" style lines of info commands ("%-15s %s"). */
void virshPrintField(vshControl *ctl, const char *label, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* "yes"/"no" */
static inline const char *
virshYesNo(bool b)
{
    return b ? "yes" : "no";
}

/* XPath filtering of XML output (dumpxml --xpath / --wrap). */
bool virshDumpXML(vshControl *ctl, const char *xml, const char *url, const char *xpath,
                  bool wrap);

/* Connection state for the current vshControl. */
bool virshConnect(vshControl *ctl, const char *uri, bool readonly);
void virshDisconnect(vshControl *ctl);

#endif
