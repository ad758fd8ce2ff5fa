/*
 * virsh-domain-edit.c: editing a guest's XML in the user's editor (edit),
 * and the editor helpers desc --edit and metadata --edit share.
 *
 * As in virsh, the text goes to $TMPDIR/virshXXXXXX.xml, $VISUAL or
 * $EDITOR (vi by default) runs on the terminal, and an unchanged file
 * changes nothing.  When redefining fails, an interactive user may edit
 * again; anyone else gets the error.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "util/vrfile.h"
#include "virsh.h"

/* An editor made of these alone runs directly, anything else through sh. */
#define VIRSH_EDIT_ACCEPTED_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@/"

char *
virshEditWriteToTempFile(vshControl *ctl, const char *doc)
{
    const char *tmpdir = g_getenv("TMPDIR");
    g_autofree char *path = g_strdup_printf("%s/virshXXXXXX.xml",
                                            tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = g_mkstemp_full(path, O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);

    if (fd < 0) {
        vshError(ctl, "g_mkstemp_full: failed to create temporary file: %s",
                 g_strerror(errno));
        return NULL;
    }
    if (vrFileWriteFull(fd, doc, strlen(doc)) < 0) {
        vshError(ctl, "write: %s: failed to write to temporary file: %s", path,
                 g_strerror(errno));
        close(fd);
        unlink(path);
        return NULL;
    }
    if (close(fd) < 0) {
        vshError(ctl, "close: %s: failed to write or close temporary file: %s", path,
                 g_strerror(errno));
        unlink(path);
        return NULL;
    }
    return g_steal_pointer(&path);
}

int
virshEditFile(vshControl *ctl, const char *path)
{
    const char *editor = g_getenv("VISUAL");
    g_autoptr(GError) err = NULL;
    g_autofree char *line = NULL;
    const char *argvDirect[3];
    const char *argvShell[4];
    const char **argv;
    int status = 0;

    if (!editor)
        editor = g_getenv("EDITOR");
    if (!editor)
        editor = "vi";
    if (strspn(editor, VIRSH_EDIT_ACCEPTED_CHARS) != strlen(editor)) {
        if (strspn(path, VIRSH_EDIT_ACCEPTED_CHARS) != strlen(path)) {
            vshError(ctl, "%s: temporary filename contains shell meta or other unacceptable "
                     "characters (is $TMPDIR wrong?)", path);
            return -1;
        }
        line = g_strdup_printf("%s %s", editor, path);
        argvShell[0] = "sh";
        argvShell[1] = "-c";
        argvShell[2] = line;
        argvShell[3] = NULL;
        argv = argvShell;
    } else {
        argvDirect[0] = editor;
        argvDirect[1] = path;
        argvDirect[2] = NULL;
        argv = argvDirect;
    }
    fflush(stdout);
    if (!g_spawn_sync(NULL, (char **)argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                      NULL, &status, &err)) {
        if (g_error_matches(err, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
            vshError(ctl, "Cannot find '%s' in path: %s", argv[0], g_strerror(ENOENT));
        else
            vshError(ctl, "internal error: cannot run %s: %s", argv[0], err->message);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_autoptr(GString) cmdline = g_string_new(NULL);
        size_t i;

        /* the command as libvirt prints it, shell-quoted where needed */
        for (i = 0; argv[i]; i++) {
            if (i)
                g_string_append_c(cmdline, ' ');
            if (*argv[i] && !strpbrk(argv[i], "\\ '\"`$;&<>|(){}[]*?#~!^\t\n")) {
                g_string_append(cmdline, argv[i]);
            } else {
                const char *c;

                g_string_append_c(cmdline, '\'');
                for (c = argv[i]; *c; c++) {
                    if (*c == '\'')
                        g_string_append(cmdline, "'\\''");
                    else
                        g_string_append_c(cmdline, *c);
                }
                g_string_append_c(cmdline, '\'');
            }
        }

        if (WIFEXITED(status))
            vshError(ctl, "internal error: Child process (%s) unexpected exit status %d",
                     cmdline->str, WEXITSTATUS(status));
        else
            vshError(ctl, "internal error: Child process (%s) unexpected fatal signal %d",
                     cmdline->str, WTERMSIG(status));
        return -1;
    }
    return 0;
}

char *
virshEditReadBackFile(vshControl *ctl, const char *path)
{
    char *doc = NULL;

    if (vrFileReadAll(path, 64 * 1024 * 1024, &doc) < 0) {
        vshError(ctl, "%s: failed to read temporary file: %s", path, g_strerror(errno));
        vshResetLibError();
        return NULL;
    }
    return doc;
}

/* What to do after a failed redefinition: 'y' edit again, 'n' give up,
 * 'f' try again as is, 'i' try again without validation (when @relax).
 * Without a terminal, the answer is "give up" (-1). */
int
virshEditAskReedit(vshControl *ctl, const char *msg, bool relax)
{
    if (!isatty(STDIN_FILENO))
        return -1;
    vshReportError(ctl);
    for (;;) {
        char buf[64];
        int c;

        vshPrint(ctl, "\r%s %s %s: ", msg, "Try again?", relax ? "[y,n,i,f,?]" : "[y,n,f,?]");
        fflush(stdout);
        if (!fgets(buf, sizeof(buf), stdin))
            return 'n';
        c = g_ascii_tolower(buf[0]);
        switch (c) {
        case 'y':
        case 'n':
        case 'f':
            return c;
        case 'i':
            if (relax)
                return c;
            break;
        case '?':
            vshPrint(ctl, "\n%s", "y - yes, start editor again\n"
                                  "n - no, throw away my changes\n"
                                  "f - force, try to redefine again\n");
            if (relax)
                vshPrint(ctl, "%s", "i - turn off validation and try to redefine again\n");
            vshPrint(ctl, "%s", "? - print this help\n");
            break;
        default:
            break;
        }
    }
}

/* ---- edit ------------------------------------------------------------ */

static const vshOptDef optsEdit[] = {
    VIRSH_OPT_DOMAIN,
    { "skip-validate", VSH_OPT_BOOL, 0, "skip validation of the XML against the schema" },
    VIRSH_OPT_END,
};

static vrDomain *
virshEditDefine(vrConnect *conn, const char *xml, unsigned int flags)
{
    vrDomain *dom;

    if (!flags)
        return vrDomainDefineXML(conn, xml);
    dom = vrDomainDefineXMLFlags(conn, xml, flags);
    /* a driver that cannot validate still takes the definition */
    if (!dom && flags == VR_DOMAIN_DEFINE_VALIDATE) {
        const vrError *err = vrGetLastError();

        if (err && err->code == VR_ERR_NO_SUPPORT)
            dom = vrDomainDefineXML(conn, xml);
    }
    return dom;
}

static bool
cmdEdit(vshControl *ctl, const vshCmd *cmd)
{
    const unsigned int query = VR_DOMAIN_XML_SECURE | VR_DOMAIN_XML_INACTIVE;
    unsigned int defineFlags = VR_DOMAIN_DEFINE_VALIDATE;
    g_autoptr(vrDomain) dom = NULL;
    g_autoptr(vrDomain) edited = NULL;
    g_autofree char *doc = NULL;
    g_autofree char *tmp = NULL;
    bool relax = true;
    bool ret = false;

    if (!(dom = virshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshOptBool(cmd, "skip-validate"))
        defineFlags &= ~VR_DOMAIN_DEFINE_VALIDATE;
    if (!(doc = vrDomainGetXMLDesc(dom, query)))
        return false;
    if (!(tmp = virshEditWriteToTempFile(ctl, doc)))
        return false;

    for (;;) {
        g_autofree char *docEdited = NULL;
        bool reedit = false;

        if (virshEditFile(ctl, tmp) < 0)
            goto cleanup;
        if (!(docEdited = virshEditReadBackFile(ctl, tmp)))
            goto cleanup;
        if (g_str_equal(doc, docEdited)) {
            vshPrintExtra(ctl, "Domain '%s' XML configuration not changed.\n",
                          vrDomainGetName(dom));
            ret = true;
            goto cleanup;
        }
        while (!reedit) {
            g_autofree char *reread = vrDomainGetXMLDesc(dom, query);
            const char *msg = NULL;
            int c;

            if (!reread)
                goto cleanup;
            if (!g_str_equal(doc, reread)) {
                msg = "The XML configuration was changed by another user.";
                g_free(doc);
                doc = g_steal_pointer(&reread);
            }
            if (!msg) {
                g_clear_pointer(&edited, vrDomainFree);
                if ((edited = virshEditDefine(ctl->conn, docEdited, defineFlags)))
                    break;
                msg = "Failed.";
            }
            c = virshEditAskReedit(ctl, msg, relax);
            switch (c) {
            case 'y':
                reedit = true;
                break;
            case 'f':
                break;
            case 'i':
                defineFlags &= ~VR_DOMAIN_DEFINE_VALIDATE;
                relax = false;
                break;
            default:
                /* virsh names the failure, then (unlike 9.0's virsh, which
                 * went on as if it had worked) we give the reason and fail */
                vshError(ctl, "%s", msg);
                vshReportError(ctl);
                goto cleanup;
            }
        }
        if (!reedit)
            break;
    }
    vshPrintExtra(ctl, "Domain '%s' XML configuration edited.\n", vrDomainGetName(edited));
    ret = true;

 cleanup:
    unlink(tmp);
    return ret;
}

const vshCmdDef virshDomainEditCmds[] = {
    { "edit", cmdEdit, optsEdit, "edit XML configuration for a domain",
      "Edit the XML configuration for a domain.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
