/*
 * virsh-domain.c: commands that manage guests.
 */
#include <config.h>

#include <string.h>
#include <unistd.h>

#include "util/vrbitmap.h"
#include "util/vrtypedparam.h"
#include "util/vrxml.h"
#include "util/vrunits.h"
#include "virsh.h"

#define VR_MEMORY_PARAM_UNLIMITED 9007199254740991ULL

/* ---- define, create, undefine --------------------------------------- */

static const vshOptDef optsDefine[] = {
    VIRSH_OPT_FILE("file holding the guest's XML description"),
    { "validate", VSH_OPT_BOOL, 0, "check the document against the schema" },
    VIRSH_OPT_END,
};

static bool
cmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *xml = NULL;
    g_autoptr(vrDomain) dom = NULL;
    const char *from = NULL;
    unsigned int flags = vshOptBool(cmd, "validate") ? VR_DOMAIN_DEFINE_VALIDATE : 0;

    if (vshOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, from)))
        return false;
    dom = flags ? vrDomainDefineXMLFlags(ctl->conn, xml, flags)
                : vrDomainDefineXML(ctl->conn, xml);
    if (!dom) {
        vshError(ctl, "Failed to define domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' defined from %s\n", vrDomainGetName(dom), from);
    return true;
}

static const vshOptDef optsCreate[] = {
    VIRSH_OPT_FILE("file holding the guest's XML description"),
    { "console", VSH_OPT_BOOL, 0, "attach to the console once started" },
    { "paused", VSH_OPT_BOOL, 0, "leave the guest paused after creating it" },
    { "autodestroy", VSH_OPT_BOOL, 0, "destroy the guest when this connection closes" },
    { "pass-fds", VSH_OPT_STRING, 0, "file descriptors to hand to the guest" },
    { "validate", VSH_OPT_BOOL, 0, "check the document against the schema" },
    VIRSH_OPT_END,
};

static bool
cmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *xml = NULL;
    g_autoptr(vrDomain) dom = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (vshOptStringReq(ctl, cmd, "file", &from) < 0)
        return false;
    if (vshOptBool(cmd, "paused"))
        flags |= VR_DOMAIN_START_PAUSED;
    if (vshOptBool(cmd, "autodestroy"))
        flags |= VR_DOMAIN_START_AUTODESTROY;
    if (vshOptBool(cmd, "validate"))
        flags |= VR_DOMAIN_START_VALIDATE;
    if (!(xml = vshReadFile(ctl, from)))
        return false;
    if (!(dom = vrDomainCreateXML(ctl->conn, xml, flags))) {
        vshError(ctl, "Failed to create domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' created from %s\n", vrDomainGetName(dom), from);
    if (vshOptBool(cmd, "console"))
        return virshRunConsole(ctl, dom, NULL, 0);
    return true;
}

static const vshOptDef optsUndefine[] = {
    VIRSH_OPT_DOMAIN,
    { "managed-save", VSH_OPT_BOOL, 0, "remove the managed save image too" },
    { "storage", VSH_OPT_STRING, 0, "also remove these volumes (targets or sources, comma separated)" },
    { "remove-all-storage", VSH_OPT_BOOL, 0, "also remove every volume of the guest" },
    { "delete-storage-volume-snapshots", VSH_OPT_BOOL, 0, "remove volume snapshots with the volumes" },
    { "wipe-storage", VSH_OPT_BOOL, 0, "wipe the data of removed volumes" },
    { "snapshots-metadata", VSH_OPT_BOOL, 0, "remove snapshot metadata too" },
    { "checkpoints-metadata", VSH_OPT_BOOL, 0, "remove checkpoint metadata too" },
    { "nvram", VSH_OPT_BOOL, 0, "remove the UEFI variable store" },
    { "keep-nvram", VSH_OPT_BOOL, 0, "keep the UEFI variable store" },
    { "tpm", VSH_OPT_BOOL, 0, "remove the TPM state" },
    { "keep-tpm", VSH_OPT_BOOL, 0, "keep the TPM state" },
    VIRSH_OPT_END,
};

static bool
cmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    bool managedSave = vshOptBool(cmd, "managed-save");

    if (!vshExclusiveOptions(ctl, cmd, "nvram", "keep-nvram") ||
        !vshExclusiveOptions(ctl, cmd, "tpm", "keep-tpm"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (managedSave)
        flags |= VR_DOMAIN_UNDEFINE_MANAGED_SAVE;
    if (vshOptBool(cmd, "snapshots-metadata"))
        flags |= VR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
    if (vshOptBool(cmd, "checkpoints-metadata"))
        flags |= VR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
    if (vshOptBool(cmd, "nvram"))
        flags |= VR_DOMAIN_UNDEFINE_NVRAM;
    if (vshOptBool(cmd, "keep-nvram"))
        flags |= VR_DOMAIN_UNDEFINE_KEEP_NVRAM;
    if (vshOptBool(cmd, "tpm"))
        flags |= VR_DOMAIN_UNDEFINE_TPM;
    if (vshOptBool(cmd, "keep-tpm"))
        flags |= VR_DOMAIN_UNDEFINE_KEEP_TPM;

    if (!managedSave && vrDomainHasManagedSaveImage(dom, 0) > 0) {
        vshError(ctl, "%s", "Refusing to undefine while domain managed save image exists");
        return false;
    }
    if (vrDomainUndefineFlags(dom, flags) < 0) {
        vshError(ctl, "Failed to undefine domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' has been undefined\n", name);
    return true;
}

/* ---- lifecycle ------------------------------------------------------ */

static const vshOptDef optsStart[] = {
    { "domain", VSH_OPT_DATA, VSH_OPT_REQUIRED, "name or UUID of the inactive guest" },
    { "console", VSH_OPT_BOOL, 0, "attach to the console once started" },
    { "paused", VSH_OPT_BOOL, 0, "leave the guest paused after starting it" },
    { "autodestroy", VSH_OPT_BOOL, 0, "destroy the guest when this connection closes" },
    { "bypass-cache", VSH_OPT_BOOL, 0, "avoid the file system cache when restoring" },
    { "force-boot", VSH_OPT_BOOL, 0, "boot afresh, ignoring a managed save image" },
    { "pass-fds", VSH_OPT_STRING, 0, "file descriptors to hand to the guest" },
    { "reset-nvram", VSH_OPT_BOOL, 0, "start with a fresh UEFI variable store" },
    VIRSH_OPT_END,
};

static bool
cmdStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!(dom = virshCommandOptDomainBy(ctl, cmd, "domain", &name,
                                        VIRSH_BYNAME | VIRSH_BYUUID)))
        return false;
    if (vrDomainGetID(dom) != (unsigned int)-1) {
        vshError(ctl, "%s", "Domain is already active");
        return false;
    }
    if (vshOptBool(cmd, "paused"))
        flags |= VR_DOMAIN_START_PAUSED;
    if (vshOptBool(cmd, "autodestroy"))
        flags |= VR_DOMAIN_START_AUTODESTROY;
    if (vshOptBool(cmd, "bypass-cache"))
        flags |= VR_DOMAIN_START_BYPASS_CACHE;
    if (vshOptBool(cmd, "force-boot"))
        flags |= VR_DOMAIN_START_FORCE_BOOT;
    if (vshOptBool(cmd, "reset-nvram"))
        flags |= VR_DOMAIN_START_RESET_NVRAM;
    if ((flags ? vrDomainCreateWithFlags(dom, flags) : vrDomainCreate(dom)) < 0) {
        vshError(ctl, "Failed to start domain '%s'", vrDomainGetName(dom));
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' started\n", vrDomainGetName(dom));
    if (vshOptBool(cmd, "console"))
        return virshRunConsole(ctl, dom, NULL, 0);
    return true;
}

static const vshOptDef optsDestroy[] = {
    VIRSH_OPT_DOMAIN,
    { "graceful", VSH_OPT_BOOL, 0, "ask the guest to stop, but never force it" },
    { "remove-logs", VSH_OPT_BOOL, 0, "remove the guest's log files" },
    VIRSH_OPT_END,
};

static bool
cmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    int rc;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vshOptBool(cmd, "graceful"))
        flags |= VR_DOMAIN_DESTROY_GRACEFUL;
    if (vshOptBool(cmd, "remove-logs"))
        flags |= VR_DOMAIN_DESTROY_REMOVE_LOGS;
    rc = flags ? vrDomainDestroyFlags(dom, flags) : vrDomainDestroy(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to destroy domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' destroyed\n", name);
    return true;
}

static const vshOptDef optsDomainOnly[] = {
    VIRSH_OPT_DOMAIN,
    VIRSH_OPT_END,
};

static bool
cmdSuspend(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vrDomainSuspend(dom) < 0) {
        vshError(ctl, "Failed to suspend domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' suspended\n", name);
    return true;
}

static bool
cmdResume(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vrDomainResume(dom) < 0) {
        vshError(ctl, "Failed to resume domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' resumed\n", name);
    return true;
}

static const vshOptDef optsShutdown[] = {
    VIRSH_OPT_DOMAIN,
    { "mode", VSH_OPT_STRING, 0, "how: acpi, agent, initctl, signal or paravirt (comma separated)" },
    VIRSH_OPT_END,
};

/* --mode for shutdown and reboot: the two flag sets share values. */
static int
virshShutdownModeFlags(vshControl *ctl, const char *mode, unsigned int *flags)
{
    g_auto(GStrv) modes = NULL;
    size_t i;

    *flags = 0;
    if (!mode)
        return 0;
    modes = g_strsplit(mode, ",", -1);
    for (i = 0; modes[i]; i++) {
        const char *m = modes[i];
        if (g_str_equal(m, "acpi"))
            *flags |= VR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN;
        else if (g_str_equal(m, "agent"))
            *flags |= VR_DOMAIN_SHUTDOWN_GUEST_AGENT;
        else if (g_str_equal(m, "initctl"))
            *flags |= VR_DOMAIN_SHUTDOWN_INITCTL;
        else if (g_str_equal(m, "signal"))
            *flags |= VR_DOMAIN_SHUTDOWN_SIGNAL;
        else if (g_str_equal(m, "paravirt"))
            *flags |= VR_DOMAIN_SHUTDOWN_PARAVIRT;
        else {
            vshError(ctl, "Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', "
                     "'signal' or 'paravirt'", m);
            return -1;
        }
    }
    return 0;
}

static bool
cmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    const char *mode = NULL;
    unsigned int flags;

    if (vshOptStringReq(ctl, cmd, "mode", &mode) < 0 ||
        virshShutdownModeFlags(ctl, mode, &flags) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if ((flags ? vrDomainShutdownFlags(dom, flags) : vrDomainShutdown(dom)) < 0) {
        vshError(ctl, "Failed to shutdown domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' is being shutdown\n", name);
    return true;
}

static bool
cmdReboot(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    const char *mode = NULL;
    unsigned int flags;

    if (vshOptStringReq(ctl, cmd, "mode", &mode) < 0 ||
        virshShutdownModeFlags(ctl, mode, &flags) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vrDomainReboot(dom, flags) < 0) {
        vshError(ctl, "Failed to reboot domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' is being rebooted\n", name);
    return true;
}

static bool
cmdReset(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vrDomainReset(dom, 0) < 0) {
        vshError(ctl, "Failed to reset domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' was reset\n", name);
    return true;
}

static const vshOptDef optsAutostart[] = {
    VIRSH_OPT_DOMAIN,
    { "disable", VSH_OPT_BOOL, 0, "stop starting the guest with the host" },
    VIRSH_OPT_END,
};

static bool
cmdAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    bool disable = vshOptBool(cmd, "disable");

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vrDomainSetAutostart(dom, disable ? 0 : 1) < 0) {
        if (disable)
            vshError(ctl, "Failed to unmark domain '%s' as autostarted", name);
        else
            vshError(ctl, "Failed to mark domain '%s' as autostarted", name);
        return false;
    }
    if (disable)
        vshPrintExtra(ctl, "Domain '%s' unmarked as autostarted\n", name);
    else
        vshPrintExtra(ctl, "Domain '%s' marked as autostarted\n", name);
    return true;
}

/* ---- save / restore ------------------------------------------------- */

static const vshOptDef optsSave[] = {
    VIRSH_OPT_DOMAIN,
    { "file", VSH_OPT_DATA, VSH_OPT_REQUIRED, "where to write the saved state" },
    { "bypass-cache", VSH_OPT_BOOL, 0, "avoid the file system cache" },
    { "xml", VSH_OPT_STRING, 0, "file with a replacement XML description" },
    { "running", VSH_OPT_BOOL, 0, "restore into a running guest" },
    { "paused", VSH_OPT_BOOL, 0, "restore into a paused guest" },
    { "verbose", VSH_OPT_BOOL, 0, "show progress" },
    VIRSH_OPT_END,
};

static bool
cmdSave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL;
    const char *to = NULL;
    const char *xmlfile = NULL;
    unsigned int flags = 0;
    int rc;

    if (vshOptStringReq(ctl, cmd, "file", &to) < 0 ||
        vshOptStringReq(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    if (!vshExclusiveOptions(ctl, cmd, "running", "paused"))
        return false;
    if (vshOptBool(cmd, "bypass-cache"))
        flags |= VR_DOMAIN_SAVE_BYPASS_CACHE;
    if (vshOptBool(cmd, "running"))
        flags |= VR_DOMAIN_SAVE_RUNNING;
    if (vshOptBool(cmd, "paused"))
        flags |= VR_DOMAIN_SAVE_PAUSED;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (xmlfile && !(xml = vshReadFile(ctl, xmlfile)))
        return false;
    rc = (flags || xml) ? vrDomainSaveFlags(dom, to, xml, flags) : vrDomainSave(dom, to);
    if (rc < 0) {
        vshError(ctl, "Failed to save domain '%s' to %s", name, to);
        return false;
    }
    vshPrintExtra(ctl, "\nDomain '%s' saved to %s\n", name, to);
    return true;
}

static const vshOptDef optsRestore[] = {
    { "file", VSH_OPT_DATA, VSH_OPT_REQUIRED, "the saved state to restore" },
    { "bypass-cache", VSH_OPT_BOOL, 0, "avoid the file system cache" },
    { "xml", VSH_OPT_STRING, 0, "file with a replacement XML description" },
    { "running", VSH_OPT_BOOL, 0, "restore into a running guest" },
    { "paused", VSH_OPT_BOOL, 0, "restore into a paused guest" },
    { "reset-nvram", VSH_OPT_BOOL, 0, "start with a fresh UEFI variable store" },
    VIRSH_OPT_END,
};

static bool
cmdRestore(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *xml = NULL;
    const char *from = NULL;
    const char *xmlfile = NULL;
    unsigned int flags = 0;
    int rc;

    if (vshOptStringReq(ctl, cmd, "file", &from) < 0 ||
        vshOptStringReq(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    if (!vshExclusiveOptions(ctl, cmd, "running", "paused"))
        return false;
    if (vshOptBool(cmd, "bypass-cache"))
        flags |= VR_DOMAIN_SAVE_BYPASS_CACHE;
    if (vshOptBool(cmd, "running"))
        flags |= VR_DOMAIN_SAVE_RUNNING;
    if (vshOptBool(cmd, "paused"))
        flags |= VR_DOMAIN_SAVE_PAUSED;
    if (vshOptBool(cmd, "reset-nvram"))
        flags |= VR_DOMAIN_SAVE_RESET_NVRAM;
    if (xmlfile && !(xml = vshReadFile(ctl, xmlfile)))
        return false;
    rc = (flags || xml) ? vrDomainRestoreFlags(ctl->conn, from, xml, flags)
                        : vrDomainRestore(ctl->conn, from);
    if (rc < 0) {
        vshError(ctl, "Failed to restore domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain restored from %s\n", from);
    return true;
}

static const vshOptDef optsManagedsave[] = {
    VIRSH_OPT_DOMAIN,
    { "bypass-cache", VSH_OPT_BOOL, 0, "avoid the file system cache" },
    { "running", VSH_OPT_BOOL, 0, "restore into a running guest" },
    { "paused", VSH_OPT_BOOL, 0, "restore into a paused guest" },
    { "verbose", VSH_OPT_BOOL, 0, "show progress" },
    VIRSH_OPT_END,
};

static bool
cmdManagedsave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (!vshExclusiveOptions(ctl, cmd, "running", "paused"))
        return false;
    if (vshOptBool(cmd, "bypass-cache"))
        flags |= VR_DOMAIN_SAVE_BYPASS_CACHE;
    if (vshOptBool(cmd, "running"))
        flags |= VR_DOMAIN_SAVE_RUNNING;
    if (vshOptBool(cmd, "paused"))
        flags |= VR_DOMAIN_SAVE_PAUSED;
    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (vrDomainManagedSave(dom, flags) < 0) {
        vshError(ctl, "Failed to save domain '%s' state", name);
        return false;
    }
    vshPrintExtra(ctl, "\nDomain '%s' state saved by libvirt\n", name);
    return true;
}

static bool
cmdManagedsaveRemove(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *name = NULL;
    int has;

    if (!(dom = virshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if ((has = vrDomainHasManagedSaveImage(dom, 0)) < 0) {
        vshError(ctl, "%s", "Failed to check for domain managed save image");
        return false;
    }
    if (!has) {
        vshPrintExtra(ctl, "Domain '%s' has no manage save image; removal skipped", name);
        return true;
    }
    if (vrDomainManagedSaveRemove(dom, 0) < 0) {
        vshError(ctl, "Failed to remove managed save image for domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Removed managedsave image for domain '%s'", name);
    return true;
}

/* ---- XML ------------------------------------------------------------ */

static const vshOptDef optsDumpxml[] = {
    VIRSH_OPT_DOMAIN,
    { "inactive", VSH_OPT_BOOL, 0, "show the configuration of the next boot" },
    { "security-info", VSH_OPT_BOOL, 0, "include passwords and other secrets" },
    { "update-cpu", VSH_OPT_BOOL, 0, "refresh the CPU description from the host" },
    { "migratable", VSH_OPT_BOOL, 0, "show the XML a migration would send" },
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "print only what this XPath selects" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    VIRSH_OPT_END,
};

static bool
cmdDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;
    unsigned int flags = 0;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (vshOptBool(cmd, "inactive"))
        flags |= VR_DOMAIN_XML_INACTIVE;
    if (vshOptBool(cmd, "security-info"))
        flags |= VR_DOMAIN_XML_SECURE;
    if (vshOptBool(cmd, "update-cpu"))
        flags |= VR_DOMAIN_XML_UPDATE_CPU;
    if (vshOptBool(cmd, "migratable"))
        flags |= VR_DOMAIN_XML_MIGRATABLE;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(xml = vrDomainGetXMLDesc(dom, flags)))
        return false;
    return virshDumpXML(ctl, xml, "(domain_definition)", xpath, vshOptBool(cmd, "wrap"));
}

/* ---- description and metadata --------------------------------------- */

static const vshOptDef optsDesc[] = {
    VIRSH_OPT_DOMAIN,
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_CURRENT("change the guest as it is now"),
    { "title", VSH_OPT_BOOL, 0, "work on the short title instead of the description" },
    { "edit", VSH_OPT_BOOL, 0, "edit the text in an editor" },
    { "new-desc", VSH_OPT_ARGV, 0, "the new text" },
    VIRSH_OPT_END,
};

static bool
cmdDesc(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(GString) text = NULL;
    const vshCmdOpt *opt = NULL;
    bool title = vshOptBool(cmd, "title");
    int type = title ? VR_DOMAIN_METADATA_TITLE : VR_DOMAIN_METADATA_DESCRIPTION;
    unsigned int flags;
    g_autofree char *current = NULL;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    while ((opt = vshOptArgv(cmd, opt))) {
        if (!text)
            text = g_string_new(opt->value);
        else
            g_string_append_printf(text, " %s", opt->value);
    }

    if (vshOptBool(cmd, "edit")) {
        g_autofree char *tmp = NULL;
        g_autofree char *edited = NULL;
        g_autofree char *base = NULL;
        char *nl;
        bool ok;

        /* the text given, or the current one, goes to the editor */
        if (text) {
            base = g_strdup(text->str);
        } else if (!(base = vrDomainGetMetadata(dom, type, NULL, flags))) {
            const vrError *err = vrGetLastError();

            if (!err || err->code != VR_ERR_NO_DOMAIN_METADATA)
                return false;
            vshResetLibError();
            base = g_strdup("");
        }
        if (!(tmp = virshEditWriteToTempFile(ctl, base)))
            return false;
        ok = virshEditFile(ctl, tmp) == 0 && (edited = virshEditReadBackFile(ctl, tmp));
        unlink(tmp);
        if (!ok)
            return false;
        /* editors like to end files with a newline: not wanted in a title */
        if (title && (nl = strrchr(edited, '\n')) && nl[1] == '\0')
            *nl = '\0';
        if (g_str_equal(base, edited)) {
            vshPrintExtra(ctl, "%s", title ? "Domain title not changed\n"
                                           : "Domain description not changed\n");
            return true;
        }
        if (!text)
            text = g_string_new(NULL);
        g_string_assign(text, edited);
    }

    if (text) {
        if (vrDomainSetMetadata(dom, type, text->str, NULL, NULL, flags) < 0) {
            vshError(ctl, "%s", title ? "Failed to set new domain title"
                                      : "Failed to set new domain description");
            return false;
        }
        vshPrintExtra(ctl, "%s", title ? "Domain title updated successfully"
                                       : "Domain description updated successfully");
        return true;
    }
    if (!(current = vrDomainGetMetadata(dom, type, NULL, flags))) {
        const vrError *err = vrGetLastError();
        if (err && err->code == VR_ERR_NO_DOMAIN_METADATA) {
            vshResetLibError();
            vshPrintExtra(ctl, "No %s for domain: %s", title ? "title" : "description",
                          vrDomainGetName(dom));
            return true;
        }
        return false;
    }
    vshPrint(ctl, "%s", current);
    return true;
}

/* The element's current text (a lone newline when there is none). */
static char *
virshMetadataEditText(vrDomain *dom, const char *uri, unsigned int flags)
{
    char *text = vrDomainGetMetadata(dom, VR_DOMAIN_METADATA_ELEMENT, uri, flags);

    if (!text) {
        vshResetLibError();
        text = g_strdup("\n");
    }
    return text;
}

/* metadata --edit: the element in the editor, stored back under @key. */
static bool
virshMetadataEdit(vshControl *ctl, vrDomain *dom, const char *uri, const char *key,
                  unsigned int flags)
{
    g_autofree char *doc = virshMetadataEditText(dom, uri, flags);
    g_autofree char *tmp = NULL;
    bool ret = false;

    if (!(tmp = virshEditWriteToTempFile(ctl, doc)))
        return false;
    for (;;) {
        g_autofree char *edited = NULL;
        bool reedit = false;

        if (virshEditFile(ctl, tmp) < 0 || !(edited = virshEditReadBackFile(ctl, tmp)))
            goto cleanup;
        if (g_str_equal(doc, edited)) {
            vshPrintExtra(ctl, "%s", "Metadata not changed");
            ret = true;
            goto cleanup;
        }
        while (!reedit) {
            g_autofree char *reread = virshMetadataEditText(dom, uri, flags);
            const char *msg = NULL;

            if (!g_str_equal(doc, reread)) {
                msg = "The XML configuration was changed by another user.";
                g_free(doc);
                doc = g_steal_pointer(&reread);
            } else if (vrDomainSetMetadata(dom, VR_DOMAIN_METADATA_ELEMENT, edited, key, uri,
                                           flags) == 0) {
                break;
            } else {
                msg = "Failed.";
            }
            switch (virshEditAskReedit(ctl, msg, false)) {
            case 'y':
                reedit = true;
                break;
            case 'f':
                break;
            default:
                vshError(ctl, "%s", msg);
                vshReportError(ctl);
                goto cleanup;
            }
        }
        if (!reedit)
            break;
    }
    vshPrintExtra(ctl, "%s\n", "Metadata modified");
    ret = true;

 cleanup:
    unlink(tmp);
    return ret;
}

static const vshOptDef optsMetadata[] = {
    VIRSH_OPT_DOMAIN,
    { "uri", VSH_OPT_DATA, VSH_OPT_REQUIRED, "namespace URI of the metadata element" },
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_CURRENT("change the guest as it is now"),
    { "edit", VSH_OPT_BOOL, 0, "edit the element in an editor" },
    { "key", VSH_OPT_STRING, 0, "namespace prefix to store the element under" },
    { "set", VSH_OPT_STRING, 0, "new element (XML)" },
    { "remove", VSH_OPT_BOOL, 0, "remove the element" },
    VIRSH_OPT_END,
};

static bool
cmdMetadata(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    const char *uri = NULL, *key = NULL, *set = NULL;
    unsigned int flags;
    bool remove = vshOptBool(cmd, "remove");

    if (!vshExclusiveOptions(ctl, cmd, "edit", "set") ||
        !vshExclusiveOptions(ctl, cmd, "remove", "set") ||
        !vshExclusiveOptions(ctl, cmd, "remove", "edit"))
        return false;
    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshOptStringReq(ctl, cmd, "uri", &uri) < 0 ||
        vshOptStringReq(ctl, cmd, "key", &key) < 0 ||
        vshOptStringReq(ctl, cmd, "set", &set) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((set || vshOptBool(cmd, "edit")) && !key) {
        vshError(ctl, "%s", "namespace key is required when modifying metadata");
        return false;
    }
    if (set || remove) {
        if (vrDomainSetMetadata(dom, VR_DOMAIN_METADATA_ELEMENT, set, key, uri, flags) < 0)
            return false;
        if (remove)
            vshPrintExtra(ctl, "%s\n", "Metadata removed");
        else
            vshPrintExtra(ctl, "%s\n", "Metadata modified");
        return true;
    }
    if (vshOptBool(cmd, "edit"))
        return virshMetadataEdit(ctl, dom, uri, key, flags);
    {
        g_autofree char *data = vrDomainGetMetadata(dom, VR_DOMAIN_METADATA_ELEMENT, uri, flags);
        if (!data)
            return false;
        vshPrint(ctl, "%s\n", data);
    }
    return true;
}

/* ---- memory and vCPUs ----------------------------------------------- */

static const vshOptDef optsSetmem[] = {
    VIRSH_OPT_DOMAIN,
    { "size", VSH_OPT_INT, VSH_OPT_REQUIRED, "new memory size (scaled integer, KiB by default)" },
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CURRENT("change the guest as it is now"),
    VIRSH_OPT_END,
};

static bool
cmdSetmem(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    unsigned long long bytes = 0;
    unsigned long kib;
    unsigned int flags;
    int rc;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshOptScaledInt(ctl, cmd, "size", &bytes, 1024, (unsigned long long)G_MAXULONG * 1024) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    kib = (unsigned long)((bytes + 1023) / 1024);
    rc = flags == VR_DOMAIN_AFFECT_CURRENT ? vrDomainSetMemory(dom, kib)
                                           : vrDomainSetMemoryFlags(dom, kib, flags);
    return rc == 0;
}

static bool
cmdSetmaxmem(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    unsigned long long bytes = 0;
    unsigned long kib;
    unsigned int flags;
    int rc;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshOptScaledInt(ctl, cmd, "size", &bytes, 1024, (unsigned long long)G_MAXULONG * 1024) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    kib = (unsigned long)((bytes + 1023) / 1024);
    rc = flags == VR_DOMAIN_AFFECT_CURRENT
             ? vrDomainSetMaxMemory(dom, kib)
             : vrDomainSetMemoryFlags(dom, kib, flags | VR_DOMAIN_MEM_MAXIMUM);
    if (rc < 0) {
        vshError(ctl, "%s", "Unable to change MaxMemorySize");
        return false;
    }
    return true;
}

static const vshOptDef optsSetvcpus[] = {
    VIRSH_OPT_DOMAIN,
    { "count", VSH_OPT_INT, VSH_OPT_REQUIRED, "number of virtual CPUs" },
    { "maximum", VSH_OPT_BOOL, 0, "set the maximum instead of the current count" },
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CURRENT("change the guest as it is now"),
    { "guest", VSH_OPT_BOOL, 0, "ask the guest agent to change the count" },
    { "hotpluggable", VSH_OPT_BOOL, 0, "make added vCPUs hot-unpluggable" },
    VIRSH_OPT_END,
};

static bool
cmdSetvcpus(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    unsigned int count = 0;
    unsigned int flags;
    int rc;

    if (!virshAffectFlags(ctl, cmd, &flags) ||
        !vshExclusiveOptions(ctl, cmd, "guest", "config"))
        return false;
    if (vshOptBool(cmd, "maximum") && !vshOptBool(cmd, "config")) {
        vshError(ctl, "Option --%s is required by option --%s", "config", "maximum");
        return false;
    }
    if (vshOptBool(cmd, "maximum"))
        flags |= VR_DOMAIN_VCPU_MAXIMUM;
    if (vshOptBool(cmd, "guest"))
        flags |= VR_DOMAIN_VCPU_GUEST;
    if (vshOptBool(cmd, "hotpluggable"))
        flags |= VR_DOMAIN_VCPU_HOTPLUGGABLE;
    if (vshOptUInt(ctl, cmd, "count", &count) < 0)
        return false;
    if (count == 0) {
        vshError(ctl, "Can't set 0 processors for a VM");
        return false;
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    rc = flags == VR_DOMAIN_AFFECT_CURRENT ? vrDomainSetVcpus(dom, count)
                                           : vrDomainSetVcpusFlags(dom, count, flags);
    return rc == 0;
}

static const vshOptDef optsVcpucount[] = {
    VIRSH_OPT_DOMAIN,
    { "maximum", VSH_OPT_BOOL, 0, "show the maximum count" },
    { "active", VSH_OPT_BOOL, 0, "show the number of active vCPUs" },
    VIRSH_OPT_LIVE("show the running guest's count"),
    VIRSH_OPT_CONFIG("show the count of the next boot"),
    VIRSH_OPT_CURRENT("show the count of the guest as it is now"),
    { "guest", VSH_OPT_BOOL, 0, "ask the guest agent" },
    VIRSH_OPT_END,
};

static bool
cmdVcpucount(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    bool maximum = vshOptBool(cmd, "maximum");
    bool active = vshOptBool(cmd, "active");
    bool live = vshOptBool(cmd, "live");
    bool config = vshOptBool(cmd, "config");
    bool current = vshOptBool(cmd, "current");
    bool guest = vshOptBool(cmd, "guest");
    unsigned int flags = 0;
    int count, i;

    /* --current here means "whichever the state is", so it goes with --live */
    if (!vshExclusiveOptions(ctl, cmd, "live", "config") ||
        !vshExclusiveOptions(ctl, cmd, "active", "maximum") ||
        !vshExclusiveOptions(ctl, cmd, "guest", "config"))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    if (maximum)
        flags |= VR_DOMAIN_VCPU_MAXIMUM;
    if (live)
        flags |= VR_DOMAIN_AFFECT_LIVE;
    if (config)
        flags |= VR_DOMAIN_AFFECT_CONFIG;
    if (guest)
        flags |= VR_DOMAIN_VCPU_GUEST;

    if (maximum || active || live || config || current || guest) {
        if ((count = vrDomainGetVcpusFlags(dom, flags)) < 0) {
            if (guest)
                vshError(ctl, "%s", "Failed to retrieve vCPU count from the guest");
            return false;
        }
        vshPrint(ctl, "%d\n", count);
        return true;
    }

    /* the full table: every line the guest's state allows */
    for (i = 0; i < 4; i++) {
        bool max = i < 2;
        bool isLive = i % 2 == 1;
        unsigned int f = (max ? VR_DOMAIN_VCPU_MAXIMUM : 0) |
                         (isLive ? VR_DOMAIN_AFFECT_LIVE : VR_DOMAIN_AFFECT_CONFIG);
        if ((count = vrDomainGetVcpusFlags(dom, f)) < 0) {
            vshResetLibError();
            continue;
        }
        vshPrint(ctl, "%-12s %-12s %3d\n", max ? "maximum" : "current",
                 isLive ? "live" : "config", count);
    }
    return true;
}

/* ---- tuning --------------------------------------------------------- */

static const vshOptDef optsMemtune[] = {
    VIRSH_OPT_DOMAIN,
    { "hard-limit", VSH_OPT_INT, 0, "maximum memory the guest may use (scaled, KiB default)" },
    { "soft-limit", VSH_OPT_INT, 0, "memory the guest is held to under contention" },
    { "swap-hard-limit", VSH_OPT_INT, 0, "maximum memory plus swap the guest may use" },
    { "min-guarantee", VSH_OPT_INT, 0, "minimum memory guaranteed to the guest" },
    VIRSH_OPT_CONFIG("change the configuration of the next boot"),
    VIRSH_OPT_LIVE("change the running guest"),
    VIRSH_OPT_CURRENT("change the guest as it is now"),
    VIRSH_OPT_END,
};

static bool
cmdMemtune(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_auto(vrTypedParamList) list = { 0 };
    static const char *const opts[][2] = {
        { "hard-limit", "hard_limit" },
        { "soft-limit", "soft_limit" },
        { "swap-hard-limit", "swap_hard_limit" },
        { "min-guarantee", "min_guarantee" },
    };
    unsigned int flags;
    size_t i;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    for (i = 0; i < G_N_ELEMENTS(opts); i++) {
        unsigned long long bytes = 0;
        const char *raw = NULL;
        vshOptString(ctl, cmd, opts[i][0], &raw);
        if (!raw)
            continue;
        if (vrParseScaledString(raw, 1024, G_MAXINT64, &bytes) < 0) {
            vrResetLastError();
            vshError(ctl, "Unable to parse integer parameter %s", opts[i][0]);
            return false;
        }
        vrTypedParamListAddULLong(&list, opts[i][1], (bytes + 1023) / 1024);
    }

    if (list.n) {
        if (vrDomainSetMemoryParameters(dom, list.params, list.n, flags) < 0) {
            vshError(ctl, "%s", "Unable to change memory parameters");
            return false;
        }
        return true;
    }
    {
        vrTypedParameter params[16];
        int nparams = G_N_ELEMENTS(params);
        int j;

        memset(params, 0, sizeof(params));
        if (vrDomainGetMemoryParameters(dom, params, &nparams, flags) < 0) {
            vshError(ctl, "%s", "Unable to get memory parameters");
            return false;
        }
        for (j = 0; j < nparams; j++) {
            if (params[j].type == VR_TYPED_PARAM_ULLONG &&
                params[j].value.ul == VR_MEMORY_PARAM_UNLIMITED) {
                vshPrint(ctl, "%-15s: %s\n", params[j].field, "unlimited");
            } else {
                g_autofree char *v = vrTypedParamToString(&params[j]);
                vshPrint(ctl, "%-15s: %s\n", params[j].field, v);
            }
        }
        vrTypedParamsClear(params, nparams);
    }
    return true;
}

static const vshOptDef optsSchedinfo[] = {
    VIRSH_OPT_DOMAIN,
    { "weight", VSH_OPT_INT, 0, "Xen credit scheduler weight (obsolete form of --set)" },
    { "cap", VSH_OPT_INT, 0, "Xen credit scheduler cap (obsolete form of --set)" },
    VIRSH_OPT_CURRENT("the guest as it is now"),
    VIRSH_OPT_CONFIG("the configuration of the next boot"),
    VIRSH_OPT_LIVE("the running guest"),
    { "set", VSH_OPT_ARGV, 0, "parameter=value pairs to change" },
    VIRSH_OPT_END,
};

static int
virshSchedinfoParse(vshControl *ctl, const vshCmd *cmd, const vrTypedParameter *avail,
                    int navail, vrTypedParamList *out)
{
    const vshCmdOpt *opt = NULL;
    int i;

    while ((opt = vshOptArgv(cmd, opt))) {
        const char *eq = strchr(opt->value, '=');
        g_autofree char *name = NULL;

        if (!eq) {
            vshError(ctl, "%s", "Invalid syntax for --set, expecting name=value");
            return -1;
        }
        name = g_strndup(opt->value, eq - opt->value);
        for (i = 0; i < navail && !g_str_equal(avail[i].field, name); i++)
            ;
        if (i == navail) {
            vshError(ctl, "invalid scheduler option: %s", name);
            return -1;
        }
        switch (avail[i].type) {
        case VR_TYPED_PARAM_UINT: {
            unsigned int v;
            if (vrStrToUInt(eq + 1, 10, &v) < 0) {
                vshError(ctl, "invalid value of %s for parameter %s", eq + 1, name);
                return -1;
            }
            vrTypedParamListAddUInt(out, name, v);
            break;
        }
        case VR_TYPED_PARAM_ULLONG: {
            unsigned long long v;
            if (vrStrToULLong(eq + 1, 10, &v) < 0) {
                vshError(ctl, "invalid value of %s for parameter %s", eq + 1, name);
                return -1;
            }
            vrTypedParamListAddULLong(out, name, v);
            break;
        }
        case VR_TYPED_PARAM_LLONG: {
            long long v;
            if (vrStrToLLong(eq + 1, 10, &v) < 0) {
                vshError(ctl, "invalid value of %s for parameter %s", eq + 1, name);
                return -1;
            }
            vrTypedParamListAddLLong(out, name, v);
            break;
        }
        default: {
            int v;
            if (vrStrToInt(eq + 1, 10, &v) < 0) {
                vshError(ctl, "invalid value of %s for parameter %s", eq + 1, name);
                return -1;
            }
            vrTypedParamListAddInt(out, name, v);
            break;
        }
        }
    }
    return 0;
}

/* Without --live/--config/--current virsh uses the flag-less call, as
 * libvirt's does (older daemons lack the other). */
static int
virshSchedinfoGet(vrDomain *dom, vrTypedParameter *params, int *nparams, unsigned int flags,
                  bool useFlags)
{
    if (useFlags)
        return vrDomainGetSchedulerParametersFlags(dom, params, nparams, flags);
    return vrDomainGetSchedulerParameters(dom, params, nparams);
}

static bool
cmdSchedinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *type = NULL;
    g_auto(vrTypedParamList) set = { 0 };
    vrTypedParameter params[16];
    unsigned int flags;
    int nparams = 0, i;
    bool useFlags;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    useFlags = flags != VR_DOMAIN_AFFECT_CURRENT || vshOptBool(cmd, "current");
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(type = vrDomainGetSchedulerType(dom, &nparams)))
        return false;
    vshPrint(ctl, "%-15s: %s\n", "Scheduler", type);
    if (nparams <= 0)
        return true;
    nparams = MIN(nparams, (int)G_N_ELEMENTS(params));
    memset(params, 0, sizeof(params));
    if (virshSchedinfoGet(dom, params, &nparams, flags, useFlags) < 0)
        return false;
    if (virshSchedinfoParse(ctl, cmd, params, nparams, &set) < 0) {
        vrTypedParamsClear(params, nparams);
        return false;
    }
    if (set.n) {
        vrTypedParamsClear(params, nparams);
        if (vrDomainSetSchedulerParametersFlags(dom, set.params, set.n, flags) < 0)
            return false;
        nparams = G_N_ELEMENTS(params);
        memset(params, 0, sizeof(params));
        if (virshSchedinfoGet(dom, params, &nparams, flags, useFlags) < 0)
            return false;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *v = vrTypedParamToString(&params[i]);
        vshPrint(ctl, "%-15s: %s\n", params[i].field, v);
    }
    vrTypedParamsClear(params, nparams);
    return true;
}

/* ---- guest agent queries -------------------------------------------- */

static const vshOptDef optsDomhostname[] = {
    VIRSH_OPT_DOMAIN,
    { "source", VSH_OPT_STRING, 0, "where to ask: lease or agent (default: the driver's choice)" },
    VIRSH_OPT_END,
};

static bool
cmdDomhostname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree char *hostname = NULL;
    const char *source = NULL;
    unsigned int flags = 0;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "source", &source) < 0)
        return false;
    if (source) {
        if (g_str_equal(source, "agent")) {
            flags |= VR_DOMAIN_GET_HOSTNAME_AGENT;
        } else if (g_str_equal(source, "lease")) {
            flags |= VR_DOMAIN_GET_HOSTNAME_LEASE;
        } else {
            vshError(ctl, "Unknown data source '%s'", source);
            return false;
        }
    }
    if (!(hostname = vrDomainGetHostname(dom, flags))) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    vshPrint(ctl, "%s\n", hostname);
    return true;
}

static bool
cmdDomfsinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vshTable) table = NULL;
    vrDomainFSInfo **info = NULL;
    int n, i;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((n = vrDomainGetFSInfo(dom, &info, 0)) < 0) {
        vshError(ctl, "%s", "Unable to get filesystem information");
        return false;
    }
    if (n == 0) {
        vshPrintExtra(ctl, "%s", "No filesystems are mounted in the domain");
        g_free(info);
        return true;
    }
    table = vshTableNew("Mountpoint", "Name", "Type", "Target", NULL);
    for (i = 0; info && i < n; i++) {
        g_autofree char *targets = NULL;
        g_autoptr(GString) joined = g_string_new(NULL);
        size_t j;

        for (j = 0; j < info[i]->ndevAlias; j++)
            g_string_append_printf(joined, "%s%s", j ? "," : "", info[i]->devAlias[j]);
        targets = g_strdup(joined->str);
        vshTableRowAppend(table, info[i]->mountpoint, info[i]->name, info[i]->fstype, targets,
                          NULL);
    }
    vshTablePrint(ctl, table, true);
    for (i = 0; info && i < n; i++)
        vrDomainFSInfoFree(info[i]);
    g_free(info);
    return true;
}

/* ---- CPU placement -------------------------------------------------- */

/* How many host CPUs maps must cover: the host's CPU map when the driver
 * has one, else the topology's product. */
static int
virshNodeCPUCount(vshControl *ctl)
{
    vrNodeInfo info;
    int n;

    if ((n = vrNodeGetCPUMap(ctl->conn, NULL, NULL, 0)) >= 0)
        return n;
    vshResetLibError();
    if (vrNodeGetInfo(ctl->conn, &info) < 0)
        return -1;
    return (int)(info.nodes * info.sockets * info.cores * info.threads);
}

/* A CPU list ("0-3,^2", or "r" for every host CPU) as a map just long
 * enough for its highest CPU. */
static unsigned char *
virshParseCPUList(vshControl *ctl, const char *cpulist, int maxcpu, int *maplen)
{
    g_autoptr(vrBitmap) map = NULL;
    unsigned char *data;
    ssize_t last;

    if (cpulist[0] == 'r') {
        map = vrBitmapNew((size_t)maxcpu);
        vrBitmapSetAll(map);
    } else {
        if (vrBitmapParse(cpulist, 1024, &map) < 0 || vrBitmapIsAllClear(map)) {
            vshError(ctl, "Invalid cpulist '%s'", cpulist);
            return NULL;
        }
        if ((last = vrBitmapLastSetBit(map)) >= maxcpu) {
            vshError(ctl, "CPU %zd in cpulist '%s' exceed the maxcpu %d", last, cpulist,
                     maxcpu);
            return NULL;
        }
    }
    last = vrBitmapLastSetBit(map);
    *maplen = last < 0 ? 1 : (int)(last / 8 + 1);
    data = g_new0(unsigned char, *maplen);
    vrBitmapToDataBuf(map, data, (size_t)*maplen);
    return data;
}

static char *
virshFormatCPUMap(const unsigned char *cpumap, int maplen)
{
    g_autoptr(vrBitmap) map = vrBitmapNewData(cpumap, (size_t)maplen);

    return vrBitmapFormat(map);
}

static const vshOptDef optsVcpupin[] = {
    VIRSH_OPT_DOMAIN,
    { "vcpu", VSH_OPT_INT, 0, "the virtual CPU (all of them when only showing)" },
    { "cpulist", VSH_OPT_STRING, VSH_OPT_EMPTY_OK,
      "host CPUs to allow, e.g. 1,3-5,^4, or r for all; without it, show the pinning" },
    VIRSH_OPT_CONFIG("the configuration of the next boot"),
    VIRSH_OPT_LIVE("the running guest"),
    VIRSH_OPT_CURRENT("the guest as it is now"),
    VIRSH_OPT_END,
};

static bool
virshVcpuPinQuery(vshControl *ctl, vrDomain *dom, unsigned int vcpu, bool gotVcpu,
                  int maxcpu, unsigned int flags)
{
    g_autofree unsigned char *cpumaps = NULL;
    g_autoptr(vshTable) table = NULL;
    int ncpus, maplen, i;

    /* the state is checked first, so the message can say why */
    if (((flags & VR_DOMAIN_AFFECT_LIVE) && vrDomainIsActive(dom) < 1) ||
        ((flags & VR_DOMAIN_AFFECT_CONFIG) && vrDomainIsPersistent(dom) < 1)) {
        if (flags & VR_DOMAIN_AFFECT_LIVE)
            vshError(ctl, "%s", "cannot get vcpupin for offline domain");
        else
            vshError(ctl, "%s", "cannot get vcpupin for transient domain");
        return false;
    }
    if ((ncpus = vrDomainGetVcpusFlags(dom, flags | VR_DOMAIN_VCPU_MAXIMUM)) < 0)
        return false;
    if (gotVcpu && vcpu >= (unsigned int)ncpus) {
        if ((flags & VR_DOMAIN_AFFECT_LIVE) ||
            (!(flags & VR_DOMAIN_AFFECT_CONFIG) && vrDomainIsActive(dom) == 1))
            vshError(ctl, "vcpu %u is out of range of live cpu count %d", vcpu, ncpus);
        else
            vshError(ctl, "vcpu %u is out of range of persistent cpu count %d", vcpu, ncpus);
        return false;
    }
    maplen = VR_CPU_MAPLEN(maxcpu);
    cpumaps = g_new0(unsigned char, (size_t)ncpus * (size_t)maplen);
    if ((ncpus = vrDomainGetVcpuPinInfo(dom, ncpus, cpumaps, maplen, flags)) < 0)
        return true;
    table = vshTableNew("VCPU", "CPU Affinity", NULL);
    for (i = 0; i < ncpus; i++) {
        g_autofree char *id = NULL;
        g_autofree char *cpus = NULL;

        if (gotVcpu && (unsigned int)i != vcpu)
            continue;
        id = g_strdup_printf("%d", i);
        cpus = virshFormatCPUMap(VR_GET_CPUMAP(cpumaps, maplen, i), maplen);
        vshTableRowAppend(table, id, cpus, NULL);
    }
    vshTablePrint(ctl, table, true);
    return true;
}

static bool
cmdVcpupin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree unsigned char *cpumap = NULL;
    const char *cpulist = NULL;
    bool current = vshOptBool(cmd, "current");
    unsigned int vcpu = 0;
    unsigned int flags;
    int gotVcpu, maxcpu, maplen = 0;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (vshOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (!cpulist && !vshExclusiveOptions(ctl, cmd, "live", "config"))
        return false;
    if ((gotVcpu = vshOptUInt(ctl, cmd, "vcpu", &vcpu)) < 0)
        return false;
    if (cpulist && !gotVcpu) {
        vshError(ctl, "%s", "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((maxcpu = virshNodeCPUCount(ctl)) < 0)
        return false;

    if (!cpulist)
        return virshVcpuPinQuery(ctl, dom, vcpu, gotVcpu > 0, maxcpu, flags);

    if (!(cpumap = virshParseCPUList(ctl, cpulist, maxcpu, &maplen)))
        return false;
    /* without any of --live/--config/--current, the flag-less call */
    if (flags == VR_DOMAIN_AFFECT_CURRENT && !current)
        return vrDomainPinVcpu(dom, vcpu, cpumap, maplen) == 0;
    return vrDomainPinVcpuFlags(dom, vcpu, cpumap, maplen, flags) == 0;
}

static const vshOptDef optsEmulatorpin[] = {
    VIRSH_OPT_DOMAIN,
    { "cpulist", VSH_OPT_STRING, VSH_OPT_EMPTY_OK,
      "host CPUs to allow, e.g. 1,3-5,^4, or r for all; without it, show the pinning" },
    VIRSH_OPT_CONFIG("the configuration of the next boot"),
    VIRSH_OPT_LIVE("the running guest"),
    VIRSH_OPT_CURRENT("the guest as it is now"),
    VIRSH_OPT_END,
};

static bool
cmdEmulatorpin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autofree unsigned char *cpumap = NULL;
    const char *cpulist = NULL;
    bool given = vshOptBool(cmd, "current") || vshOptBool(cmd, "live") ||
                 vshOptBool(cmd, "config");
    unsigned int flags;
    int maxcpu, maplen = 0;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if ((maxcpu = virshNodeCPUCount(ctl)) < 0)
        return false;

    if (!cpulist) {
        g_autofree char *cpus = NULL;

        maplen = VR_CPU_MAPLEN(maxcpu);
        cpumap = g_new0(unsigned char, maplen);
        if (vrDomainGetEmulatorPinInfo(dom, cpumap, maplen, flags) < 0)
            return false;
        cpus = virshFormatCPUMap(cpumap, maplen);
        vshPrintExtra(ctl, "%s %s\n", "emulator:", "CPU Affinity");
        vshPrintExtra(ctl, "%s\n", "----------------------------------");
        vshPrintExtra(ctl, "%s", "       *: ");
        vshPrint(ctl, "%s\n", cpus);
        return true;
    }

    if (!(cpumap = virshParseCPUList(ctl, cpulist, maxcpu, &maplen)))
        return false;
    /* pinning with no flag at all means the running guest */
    if (!given)
        flags = VR_DOMAIN_AFFECT_LIVE;
    return vrDomainPinEmulator(dom, cpumap, maplen, flags) == 0;
}

/* ---- NUMA and block I/O tuning -------------------------------------- */

static const char *const virshNumatuneModes[] = {
    "strict", "preferred", "interleave", "restrictive",
};

static const vshOptDef optsNumatune[] = {
    VIRSH_OPT_DOMAIN,
    { "mode", VSH_OPT_STRING, 0,
      "memory policy: strict, preferred, interleave, restrictive (or its number)" },
    { "nodeset", VSH_OPT_STRING, 0, "host NUMA nodes to take memory from, e.g. 0-1,^1" },
    VIRSH_OPT_CONFIG("the configuration of the next boot"),
    VIRSH_OPT_LIVE("the running guest"),
    VIRSH_OPT_CURRENT("the guest as it is now"),
    VIRSH_OPT_END,
};

/* Prints typed parameters as "name           : value". */
static void
virshPrintTuning(vshControl *ctl, const vrTypedParameter *params, int nparams)
{
    int i;

    for (i = 0; i < nparams; i++) {
        g_autofree char *value = NULL;

        if (params[i].type == VR_TYPED_PARAM_INT &&
            g_str_equal(params[i].field, VR_DOMAIN_NUMA_MODE) && params[i].value.i >= 0 &&
            params[i].value.i < (int)G_N_ELEMENTS(virshNumatuneModes))
            value = g_strdup(virshNumatuneModes[params[i].value.i]);
        else
            value = vrTypedParamToString(&params[i]);
        vshPrint(ctl, "%-15s: %s\n", params[i].field, value);
    }
}

typedef int (*virshGetTuningFunc)(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                  unsigned int flags);

/* Asks how many parameters there are, then fetches and prints them. */
static bool
virshShowTuning(vshControl *ctl, vrDomain *dom, unsigned int flags, virshGetTuningFunc get,
                const char *what)
{
    g_autofree vrTypedParameter *params = NULL;
    int nparams = 0;

    if (get(dom, NULL, &nparams, flags) != 0) {
        vshError(ctl, "Unable to get number of %s parameters", what);
        return false;
    }
    if (nparams == 0)
        return true;
    params = g_new0(vrTypedParameter, nparams);
    if (get(dom, params, &nparams, flags) != 0) {
        vshError(ctl, "Unable to get %s parameters", what);
        return false;
    }
    virshPrintTuning(ctl, params, nparams);
    vrTypedParamsClear(params, nparams);
    return true;
}

static bool
cmdNumatune(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_auto(vrTypedParamList) list = { 0 };
    const char *nodeset = NULL;
    const char *mode = NULL;
    unsigned int flags;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "nodeset", &nodeset) < 0)
        return false;
    if (nodeset)
        vrTypedParamListAddString(&list, VR_DOMAIN_NUMA_NODESET, nodeset);
    if (vshOptStringReq(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (mode) {
        int m;

        /* a number passes through, for modes newer than this virsh */
        for (m = 0; m < (int)G_N_ELEMENTS(virshNumatuneModes); m++) {
            if (g_str_equal(mode, virshNumatuneModes[m]))
                break;
        }
        if (m == (int)G_N_ELEMENTS(virshNumatuneModes) && vrStrToInt(mode, 0, &m) < 0) {
            vshError(ctl, "Invalid mode: %s", mode);
            return false;
        }
        vrTypedParamListAddInt(&list, VR_DOMAIN_NUMA_MODE, m);
    }

    if (list.n == 0)
        return virshShowTuning(ctl, dom, flags, vrDomainGetNumaParameters, "numa");
    if (vrDomainSetNumaParameters(dom, list.params, list.n, flags) != 0) {
        vshError(ctl, "%s", "Unable to change numa parameters");
        return false;
    }
    return true;
}

static const vshOptDef optsBlkiotune[] = {
    VIRSH_OPT_DOMAIN,
    { "weight", VSH_OPT_INT, 0, "I/O weight of the guest (100-1000)" },
    { "device-weights", VSH_OPT_STRING, 0,
      "per-device weights: path,weight[,path,weight...]" },
    { "device-read-iops-sec", VSH_OPT_STRING, 0,
      "per-device read limits in operations a second: path,limit[,...]" },
    { "device-write-iops-sec", VSH_OPT_STRING, 0,
      "per-device write limits in operations a second: path,limit[,...]" },
    { "device-read-bytes-sec", VSH_OPT_STRING, 0,
      "per-device read limits in bytes a second: path,limit[,...]" },
    { "device-write-bytes-sec", VSH_OPT_STRING, 0,
      "per-device write limits in bytes a second: path,limit[,...]" },
    VIRSH_OPT_CONFIG("the configuration of the next boot"),
    VIRSH_OPT_LIVE("the running guest"),
    VIRSH_OPT_CURRENT("the guest as it is now"),
    VIRSH_OPT_END,
};

static bool
cmdBlkiotune(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const devices[][2] = {
        { "device-weights", VR_DOMAIN_BLKIO_DEVICE_WEIGHT },
        { "device-read-iops-sec", VR_DOMAIN_BLKIO_DEVICE_READ_IOPS },
        { "device-write-iops-sec", VR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS },
        { "device-read-bytes-sec", VR_DOMAIN_BLKIO_DEVICE_READ_BPS },
        { "device-write-bytes-sec", VR_DOMAIN_BLKIO_DEVICE_WRITE_BPS },
    };
    g_autoptr(vrDomain) dom = NULL;
    g_auto(vrTypedParamList) list = { 0 };
    unsigned int flags;
    int weight = 0, rc;
    size_t i;

    if (!virshAffectFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((rc = vshOptInt(ctl, cmd, "weight", &weight)) < 0)
        return false;
    if (rc > 0) {
        if (weight <= 0) {
            vshError(ctl, "Invalid value of %d for I/O weight", weight);
            return false;
        }
        vrTypedParamListAddUInt(&list, VR_DOMAIN_BLKIO_WEIGHT, (unsigned int)weight);
    }
    for (i = 0; i < G_N_ELEMENTS(devices); i++) {
        const char *value = NULL;

        if (vshOptString(ctl, cmd, devices[i][0], &value) < 0) {
            vshError(ctl, "%s", "Unable to parse string parameter");
            return false;
        }
        if (value)
            vrTypedParamListAddString(&list, devices[i][1], value);
    }

    if (list.n == 0)
        return virshShowTuning(ctl, dom, flags, vrDomainGetBlkioParameters, "blkio");
    if (vrDomainSetBlkioParameters(dom, list.params, list.n, flags) < 0) {
        vshError(ctl, "%s", "Unable to change blkio parameters");
        return false;
    }
    return true;
}

/* ---- screenshot ----------------------------------------------------- */

static const vshOptDef optsScreenshot[] = {
    VIRSH_OPT_DOMAIN,
    { "file", VSH_OPT_STRING, 0, "where to write the image" },
    { "screen", VSH_OPT_INT, 0, "which screen to capture" },
    VIRSH_OPT_END,
};

static bool
cmdScreenshot(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrStream) st = NULL;
    g_autofree char *mime = NULL;
    g_autofree char *file = NULL;
    const char *filearg = NULL;
    unsigned int screen = 0;
    FILE *out;
    char buf[65536];
    int n;

    if (vshOptStringReq(ctl, cmd, "file", &filearg) < 0 ||
        vshOptUInt(ctl, cmd, "screen", &screen) < 0)
        return false;
    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    st = vrStreamNew(ctl->conn, 0);
    if (!(mime = vrDomainScreenshot(dom, st, screen, 0))) {
        vshError(ctl, "could not take a screenshot of %s", vrDomainGetName(dom));
        return false;
    }
    if (filearg) {
        file = g_strdup(filearg);
    } else {
        const char *ext = g_str_equal(mime, "image/png") ? "png" : "ppm";
        g_autoptr(GDateTime) now = g_date_time_new_now_local();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
        file = g_strdup_printf("%s-%s.%s", vrDomainGetName(dom), stamp, ext);
    }
    if (!(out = fopen(file, "wbx"))) {
        vshError(ctl, "cannot create file %s", file);
        vrStreamAbort(st);
        return false;
    }
    while ((n = vrStreamRecv(st, buf, sizeof(buf))) > 0) {
        if (fwrite(buf, 1, n, out) != (size_t)n) {
            vshError(ctl, "cannot write to file %s", file);
            fclose(out);
            vrStreamAbort(st);
            return false;
        }
    }
    if (fclose(out) != 0 || n < 0) {
        vshError(ctl, "could not receive data from domain '%s'", vrDomainGetName(dom));
        vrStreamAbort(st);
        return false;
    }
    if (vrStreamFinish(st) < 0) {
        vshError(ctl, "cannot close stream on domain '%s'", vrDomainGetName(dom));
        return false;
    }
    vshPrint(ctl, "Screenshot saved to %s, with type of %s", file, mime);
    return true;
}

/* ---- devices -------------------------------------------------------- */

const vshCmdDef virshDomainCmds[] = {
    { "autostart", cmdAutostart, optsAutostart, "start a guest with the host",
      "Marks a guest to start when the host does (or, with --disable, not).", 0, NULL },
    { "blkiotune", cmdBlkiotune, optsBlkiotune, "show or set block I/O tuning",
      "Without values, prints the guest's block I/O weights and limits; with them, sets "
      "them.", 0, NULL },
    { "create", cmdCreate, optsCreate, "create a guest from an XML file",
      "Starts a transient guest from an XML description.", 0, NULL },
    { "define", cmdDefine, optsDefine, "define a guest from an XML file",
      "Defines (but does not start) a persistent guest.", 0, NULL },
    { "desc", cmdDesc, optsDesc, "show or set a guest's description or title",
      "Prints the description (or title) of a guest, or replaces it with the given text.",
      0, NULL },
    { "destroy", cmdDestroy, optsDestroy, "stop a guest at once",
      "Stops a guest immediately, without asking it to shut down.", 0, NULL },
    { "domfsinfo", cmdDomfsinfo, optsDomainOnly, "list the file systems of a guest",
      "Asks the guest agent which file systems are mounted and on which disks.", 0, NULL },
    { "domhostname", cmdDomhostname, optsDomhostname, "print a guest's host name",
      "Prints the host name a running guest calls itself.", 0, NULL },
    { "dumpxml", cmdDumpxml, optsDumpxml, "print a guest's XML description",
      "Prints the XML description of a guest.", 0, NULL },
    { "emulatorpin", cmdEmulatorpin, optsEmulatorpin, "show or set emulator thread pinning",
      "Without a CPU list, prints the host CPUs the emulator threads may use; with one, "
      "restricts them to it.", 0, NULL },
    { "managedsave", cmdManagedsave, optsManagedsave, "save a guest's state for the next start",
      "Saves a guest's memory and stops it; the next start resumes from there.", 0, NULL },
    { "managedsave-remove", cmdManagedsaveRemove, optsDomainOnly,
      "drop a guest's managed save image", "Removes the managed save image of a guest.",
      0, NULL },
    { "memtune", cmdMemtune, optsMemtune, "show or set memory tuning limits",
      "Without limits, prints the guest's memory limits; with them, sets them.", 0, NULL },
    { "metadata", cmdMetadata, optsMetadata, "show or set application metadata",
      "Prints, sets or removes the metadata element of the given XML namespace.", 0, NULL },
    { "numatune", cmdNumatune, optsNumatune, "show or set NUMA memory policy",
      "Without values, prints the guest's NUMA memory mode and node set; with them, sets "
      "them.", 0, NULL },
    { "reboot", cmdReboot, optsShutdown, "reboot a guest",
      "Asks a guest to reboot.", 0, NULL },
    { "reset", cmdReset, optsDomainOnly, "reset a guest",
      "Resets a guest at once, as the reset button of a machine would.", 0, NULL },
    { "restore", cmdRestore, optsRestore, "restore a guest from a saved state",
      "Starts a guest again from a state saved with 'save'.", 0, NULL },
    { "resume", cmdResume, optsDomainOnly, "resume a paused guest",
      "Lets a suspended guest run again.", 0, NULL },
    { "save", cmdSave, optsSave, "save a guest's state to a file",
      "Saves a running guest's memory to a file and stops it.", 0, NULL },
    { "schedinfo", cmdSchedinfo, optsSchedinfo, "show or set scheduler parameters",
      "Prints a guest's scheduler parameters, or changes them with --set name=value.",
      0, NULL },
    { "screenshot", cmdScreenshot, optsScreenshot, "capture a guest's screen",
      "Writes an image of the guest's screen to a file.", 0, NULL },
    { "setmaxmem", cmdSetmaxmem, optsSetmem, "change the maximum memory",
      "Changes the most memory a guest may have.", 0, NULL },
    { "setmem", cmdSetmem, optsSetmem, "change the memory allocation",
      "Changes how much memory a guest has, up to its maximum.", 0, NULL },
    { "setvcpus", cmdSetvcpus, optsSetvcpus, "change the number of virtual CPUs",
      "Changes how many virtual CPUs a guest has.", 0, NULL },
    { "shutdown", cmdShutdown, optsShutdown, "shut a guest down",
      "Asks a guest to shut down.", 0, NULL },
    { "start", cmdStart, optsStart, "start a defined guest",
      "Starts a guest that is defined but not running.", 0, NULL },
    { "suspend", cmdSuspend, optsDomainOnly, "pause a guest",
      "Pauses a running guest, keeping it in memory.", 0, NULL },
    { "undefine", cmdUndefine, optsUndefine, "remove a guest's definition",
      "Removes a guest's definition; a running guest carries on as transient.", 0, NULL },
    { "vcpucount", cmdVcpucount, optsVcpucount, "show the number of virtual CPUs",
      "Prints the current and maximum numbers of virtual CPUs.", 0, NULL },
    { "vcpupin", cmdVcpupin, optsVcpupin, "show or set virtual CPU pinning",
      "Without a CPU list, prints the host CPUs each virtual CPU may run on; with one, "
      "restricts the given virtual CPU to it.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
