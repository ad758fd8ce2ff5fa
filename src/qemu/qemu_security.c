/*
 * qemu_security.c: DAC labelling of a guest's files for the user QEMU
 * runs as, and the check that this user can reach them.
 *
 * The rules follow libvirt's DAC driver:
 *  - the files QEMU opens itself are labelled: disk, cdrom and floppy
 *    sources that are local files or block devices and their backing
 *    files, kernel, initrd, dtb, ACPI table, loader and nvram, files and
 *    devices behind character devices and their log files, a TPM device;
 *  - read-only and shareable disks and backing files are labelled too;
 *    every labelling takes a reference, the owner is given back when the
 *    last reference goes, so two guests sharing an image do not pull it
 *    from under each other;
 *  - the original owner is remembered in extended attributes of the file
 *    (our own names, trusted.vireo.security.*) with the host's boot id,
 *    so that references left by a crash of the host are recognized as
 *    stale; a filesystem without them gets a small file per inode in the
 *    state directory instead;
 *  - a save image is read by QEMU through a descriptor vireod opened, so
 *    it needs no label.
 *
 * What a guest was given is written to STATEDIR/NAME.seclabels, so that
 * the restore gives back exactly that, also after vireod restarted.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "qemu_security.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.security"

#define VR_SEC_XATTR_OWNER "trusted.vireo.security.dac"
#define VR_SEC_XATTR_REF "trusted.vireo.security.ref_dac"
#define VR_SEC_XATTR_BOOT "trusted.vireo.security.timestamp_dac"

#define VR_SEC_NEED_R 4
#define VR_SEC_NEED_W 2
#define VR_SEC_NEED_X 1

/* Reference counts are read, changed and written back: one guest at a
 * time, whichever guest it is. */
static GMutex vrQemuSecurityLock;

/* ---- who QEMU runs as ------------------------------------------------- */

typedef struct {
    uid_t uid;
    gid_t gid;
    char *user;                /* name for messages, "+1234" without one */
    GArray *groups;            /* gid_t: the primary and supplementary groups */
} vrQemuSecIdentity;

static void
vrQemuSecIdentityClear(vrQemuSecIdentity *id)
{
    g_clear_pointer(&id->user, g_free);
    g_clear_pointer(&id->groups, g_array_unref);
}

/* The same groups vrCommand gives the child: the user's group list when
 * the user has a passwd entry, else the configured group alone. */
static void
vrQemuSecIdentityInit(vrQemuSecIdentity *id, const vrQemuDriverConfig *cfg)
{
    struct passwd pw, *found = NULL;
    char buf[16384];

    id->uid = cfg->uid;
    id->gid = cfg->gid;
    id->groups = g_array_new(FALSE, FALSE, sizeof(gid_t));
    g_array_append_val(id->groups, id->gid);
    if (getpwuid_r(id->uid, &pw, buf, sizeof(buf), &found) == 0 && found) {
        int n = 64;
        g_autofree gid_t *list = g_new0(gid_t, n);

        id->user = g_strdup(pw.pw_name);
        while (getgrouplist(pw.pw_name, id->gid, list, &n) < 0) {
            g_free(list);
            list = g_new0(gid_t, n);
        }
        g_array_append_vals(id->groups, list, n);
    } else {
        id->user = g_strdup_printf("+%u", (unsigned int)id->uid);
    }
}

static bool
vrQemuSecInGroup(const vrQemuSecIdentity *id, gid_t gid)
{
    for (guint i = 0; i < id->groups->len; i++) {
        if (g_array_index(id->groups, gid_t, i) == gid)
            return true;
    }
    return false;
}

/* Whether labels change anything at all: dac, dynamic_ownership, a QEMU
 * that is not root, and a vireod that may chown. */
static bool
vrQemuSecurityDynamic(const vrQemuDriverConfig *cfg)
{
    return cfg->uid != 0 && geteuid() == 0 && cfg->dynamicOwnership &&
        g_strcmp0(cfg->securityDriver, "dac") == 0;
}

/* QEMU runs as someone else than vireod: it needs directories of its own
 * for the sockets it creates. */
static bool
vrQemuSecurityOtherUser(const vrQemuDriverConfig *cfg)
{
    return cfg->uid != 0 && geteuid() == 0;
}

/* ---- the files a guest's QEMU opens ---------------------------------- */

typedef struct {
    char *path;
    char *tag;                 /* "dom", "disk:vda": what restores it */
    char *what;                /* for messages: "disk 'vda'" */
    int need;                  /* VR_SEC_NEED_*: what QEMU does with it */
    bool label;                /* give it to QEMU's user (relabel='no' is not) */
    bool shared;               /* other guests may use it at the same time */
    bool create;               /* QEMU would create it: we do, to label it */
} vrQemuSecItem;

static void
vrQemuSecItemFree(gpointer p)
{
    vrQemuSecItem *it = p;

    g_free(it->path);
    g_free(it->tag);
    g_free(it->what);
    g_free(it);
}

static vrQemuSecItem *
vrQemuSecAdd(GPtrArray *items, const char *path, const char *tag, int need, bool shared,
             const char *fmt, ...) G_GNUC_PRINTF(6, 7);

static vrQemuSecItem *
vrQemuSecAdd(GPtrArray *items, const char *path, const char *tag, int need, bool shared,
             const char *fmt, ...)
{
    vrQemuSecItem *it;
    va_list ap;

    if (!path || !*path)
        return NULL;
    it = g_new0(vrQemuSecItem, 1);
    it->path = g_strdup(path);
    it->tag = g_strdup(tag);
    va_start(ap, fmt);
    it->what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    it->need = need;
    it->label = true;
    it->shared = shared;
    g_ptr_array_add(items, it);
    return it;
}

/* <seclabel model='dac' relabel='no'/> (or without a model) on a source. */
static bool
vrQemuSecRelabel(const vrDomainSeclabelDev *labels, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((!labels[i].model || g_str_equal(labels[i].model, "dac")) && !labels[i].relabel)
            return false;
    }
    return true;
}

static uint32_t
vrQemuSecBE32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
vrQemuSecBE64(const unsigned char *p)
{
    return (uint64_t)vrQemuSecBE32(p) << 32 | vrQemuSecBE32(p + 4);
}

#define VR_QCOW2_HEADER_MAX 65536
#define VR_QCOW2_EXT_BACKING_FORMAT 0xE2792ACAu

/* The backing file a qcow2 image names in its header (as QEMU opens it:
 * relative to the image's directory) and the format the header gives for
 * it (VR_DISK_IMAGE_NONE when it gives none).  NULL when the image is no
 * qcow2, has no backing file or names one that is not a local file. */
static char *
vrQemuSecQcow2Backing(const char *path, int *format)
{
    g_autofree unsigned char *buf = g_malloc(VR_QCOW2_HEADER_MAX);
    g_autofree char *name = NULL;
    uint64_t off;
    uint32_t size, hdrlen, pos;
    ssize_t n;
    int fd;

    *format = VR_DISK_IMAGE_NONE;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
        return NULL;
    n = vrFileReadFull(fd, buf, VR_QCOW2_HEADER_MAX);
    close(fd);
    if (n < 72 || memcmp(buf, "QFI\xfb", 4) != 0)
        return NULL;
    off = vrQemuSecBE64(buf + 8);
    size = vrQemuSecBE32(buf + 16);
    if (!off || !size || size > 1023 || off + size > (uint64_t)n)
        return NULL;
    name = g_strndup((const char *)buf + off, size);
    hdrlen = vrQemuSecBE32(buf + 4) >= 3 && n >= 104 ? vrQemuSecBE32(buf + 100) : 72;
    for (pos = hdrlen; pos + 8 <= (uint64_t)n && pos < off;) {
        uint32_t type = vrQemuSecBE32(buf + pos), len = vrQemuSecBE32(buf + pos + 4);

        if (type == 0 || pos + 8 + (uint64_t)len > (uint64_t)n)
            break;
        if (type == VR_QCOW2_EXT_BACKING_FORMAT) {
            g_autofree char *fmt = g_strndup((const char *)buf + pos + 8, len);
            int f = vrDiskImageFormatTypeFromString(fmt);
            *format = f > 0 ? f : VR_DISK_IMAGE_NONE;
        }
        pos += 8 + ((len + 7) & ~7u);
    }
    /* "nbd:...", "json:{...}", "http://...": not a file of ours */
    if (!g_path_is_absolute(name)) {
        const char *colon = strchr(name, ':');
        g_autofree char *dir = NULL;

        if (colon && (!strchr(name, '/') || colon < strchr(name, '/')))
            return NULL;
        dir = g_path_get_dirname(path);
        return g_build_filename(dir, name, NULL);
    }
    return g_steal_pointer(&name);
}

static bool
vrQemuSecIsQcow2(const char *path)
{
    unsigned char magic[4];
    ssize_t n = -1;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) >= 0) {
        n = vrFileReadFull(fd, magic, sizeof(magic));
        close(fd);
    }
    return n == 4 && memcmp(magic, "QFI\xfb", 4) == 0;
}

/* Backing files QEMU opens by itself, following the images' headers. */
static void
vrQemuSecProbeChain(GPtrArray *items, const vrDomainDiskDef *disk, const char *top,
                    const char *tag, bool relabel)
{
    g_autofree char *cur = g_strdup(top);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int format = VR_DISK_IMAGE_QCOW2;

    for (unsigned int depth = 0; depth < 32 && cur; depth++) {
        g_autofree char *next = NULL;
        vrQemuSecItem *it;

        if (format == VR_DISK_IMAGE_NONE && !vrQemuSecIsQcow2(cur))
            break;
        if (format != VR_DISK_IMAGE_NONE && format != VR_DISK_IMAGE_QCOW2)
            break;
        if (!(next = vrQemuSecQcow2Backing(cur, &format)) ||
            !g_hash_table_add(seen, g_strdup(next)))
            break;
        if ((it = vrQemuSecAdd(items, next, tag, VR_SEC_NEED_R, true,
                               "backing file of disk '%s'", disk->dst)))
            it->label = relabel;
        g_free(cur);
        cur = g_steal_pointer(&next);
    }
}

static void
vrQemuSecCollectDisk(GPtrArray *items, const vrDomainDiskDef *disk)
{
    g_autofree char *tag = g_strdup_printf("disk:%s", disk->dst);
    bool writable = !disk->readonly && disk->device != VR_DOMAIN_DISK_DEVICE_CDROM;
    const vrStorageSource *src = disk->src;
    bool top = true;

    for (unsigned int depth = 0; src && depth < 64; depth++, src = src->backing) {
        bool relabel = vrQemuSecRelabel(src->seclabels, src->nseclabels);
        vrQemuSecItem *it;

        if (src->type != VR_STORAGE_TYPE_FILE && src->type != VR_STORAGE_TYPE_BLOCK)
            break;
        if (!src->path || !*src->path)
            break;
        if (top)
            it = vrQemuSecAdd(items, src->path, tag,
                              VR_SEC_NEED_R | (writable ? VR_SEC_NEED_W : 0),
                              disk->readonly || disk->shareable || !writable, "disk '%s'",
                              disk->dst);
        else
            it = vrQemuSecAdd(items, src->path, tag, VR_SEC_NEED_R, true,
                              "backing file of disk '%s'", disk->dst);
        if (it)
            it->label = relabel;
        top = false;
        /* the chain in the definition, or the one in the image headers */
        if (src->backing && src->backing->type != VR_STORAGE_TYPE_NONE)
            continue;
        if (!src->hasBackingStoreElement && src->format == VR_DISK_IMAGE_QCOW2)
            vrQemuSecProbeChain(items, disk, src->path, tag, relabel);
        break;
    }
}

static const char *
vrQemuSecChrName(const vrDomainChrDef *chr)
{
    return chr->info.alias ? chr->info.alias : "character device";
}

static void
vrQemuSecCollectChr(GPtrArray *items, const vrDomainChrDef *chr)
{
    const vrDomainChrSource *src = &chr->source;
    bool relabel = vrQemuSecRelabel(src->seclabels, src->nseclabels);
    const char *name = vrQemuSecChrName(chr);
    vrQemuSecItem *it = NULL;

    switch (src->type) {
    case VR_DOMAIN_CHR_TYPE_FILE:
        if ((it = vrQemuSecAdd(items, src->path, "dom", VR_SEC_NEED_W, false,
                               "output file of '%s'", name)))
            it->create = true;
        break;
    case VR_DOMAIN_CHR_TYPE_DEV:
        it = vrQemuSecAdd(items, src->path, "dom", VR_SEC_NEED_R | VR_SEC_NEED_W, false,
                          "device of '%s'", name);
        break;
    case VR_DOMAIN_CHR_TYPE_PIPE: {
        g_autofree char *in = g_strdup_printf("%s.in", src->path ? src->path : "");
        g_autofree char *out = g_strdup_printf("%s.out", src->path ? src->path : "");
        if (src->path && vrFileExists(in) && vrFileExists(out)) {
            if ((it = vrQemuSecAdd(items, in, "dom", VR_SEC_NEED_R, false, "pipe of '%s'", name)))
                it->label = relabel;
            it = vrQemuSecAdd(items, out, "dom", VR_SEC_NEED_W, false, "pipe of '%s'", name);
        } else {
            it = vrQemuSecAdd(items, src->path, "dom", VR_SEC_NEED_R | VR_SEC_NEED_W, false,
                              "pipe of '%s'", name);
        }
        break;
    }
    case VR_DOMAIN_CHR_TYPE_UNIX:
        /* QEMU connects to a socket someone else listens on */
        if (!src->listen)
            it = vrQemuSecAdd(items, src->path, "dom", VR_SEC_NEED_R | VR_SEC_NEED_W, false,
                              "socket of '%s'", name);
        break;
    default:
        break;
    }
    if (it)
        it->label = relabel;
    if ((it = vrQemuSecAdd(items, src->logFile, "dom", VR_SEC_NEED_W, false,
                           "log file of '%s'", name))) {
        it->create = true;
        it->label = relabel;
    }
}

static GPtrArray *
vrQemuSecCollect(const vrDomainDef *def)
{
    GPtrArray *items = g_ptr_array_new_with_free_func(vrQemuSecItemFree);
    const vrDomainOSDef *os = &def->os;
    vrDomainChrDef **lists[] = { def->serials, def->parallels, def->consoles, def->channels };
    size_t counts[] = { def->nserials, def->nparallels, def->nconsoles, def->nchannels };
    vrQemuSecItem *it;
    size_t i, l;

    /* QEMU's user runs the binary and, with KVM, opens /dev/kvm: checked,
     * never labelled */
    if ((it = vrQemuSecAdd(items, def->emulator, "dom", VR_SEC_NEED_X, true, "emulator")))
        it->label = false;
    if (def->virtType == VR_DOMAIN_VIRT_KVM &&
        (it = vrQemuSecAdd(items, "/dev/kvm", "dom", VR_SEC_NEED_R | VR_SEC_NEED_W, true, "KVM")))
        it->label = false;

    vrQemuSecAdd(items, os->kernel, "dom", VR_SEC_NEED_R, true, "kernel");
    vrQemuSecAdd(items, os->initrd, "dom", VR_SEC_NEED_R, true, "initrd");
    vrQemuSecAdd(items, os->dtb, "dom", VR_SEC_NEED_R, true, "device tree");
    vrQemuSecAdd(items, os->acpiTable, "dom", VR_SEC_NEED_R, true, "ACPI table");
    vrQemuSecAdd(items, os->loader, "dom",
                 VR_SEC_NEED_R | (os->loaderType == VR_DOMAIN_LOADER_TYPE_PFLASH &&
                                  os->loaderReadonly != VR_TRISTATE_ON ? VR_SEC_NEED_W : 0),
                 true, "loader");
    if (os->loader && os->loaderType == VR_DOMAIN_LOADER_TYPE_PFLASH)
        vrQemuSecAdd(items, os->nvram, "dom", VR_SEC_NEED_R | VR_SEC_NEED_W, false, "nvram");

    for (i = 0; i < def->ndisks; i++)
        vrQemuSecCollectDisk(items, def->disks[i]);
    for (l = 0; l < G_N_ELEMENTS(lists); l++) {
        for (i = 0; i < counts[l]; i++)
            vrQemuSecCollectChr(items, lists[l][i]);
    }
    for (i = 0; i < def->ntpms; i++) {
        const vrDomainTPMDef *tpm = def->tpms[i];
        if (tpm->type == VR_DOMAIN_TPM_TYPE_PASSTHROUGH)
            vrQemuSecAdd(items, tpm->devicePath ? tpm->devicePath : "/dev/tpm0", "dom",
                         VR_SEC_NEED_R | VR_SEC_NEED_W, false, "TPM device");
    }
    return items;
}

/* ---- the access check -------------------------------------------------- */

static bool
vrQemuSecHasACL(const char *path)
{
    ssize_t n = getxattr(path, "system.posix_acl_access", NULL, 0);

    return n > 0;
}

/* The permission bits that apply to @id for a file with that owner. */
static unsigned int
vrQemuSecBits(const vrQemuSecIdentity *id, mode_t mode, uid_t owner, gid_t group, char *who)
{
    if (owner == id->uid) {
        *who = 'u';
        return (mode >> 6) & 7;
    }
    if (vrQemuSecInGroup(id, group)) {
        *who = 'g';
        return (mode >> 3) & 7;
    }
    *who = 'o';
    return mode & 7;
}

static const char *
vrQemuSecNeedWords(int need, bool isFile)
{
    switch (need) {
    case VR_SEC_NEED_X: return isFile ? "execute" : "search";
    case VR_SEC_NEED_R: return "read";
    case VR_SEC_NEED_W: return "write";
    case VR_SEC_NEED_R | VR_SEC_NEED_W: return "read and write";
    case VR_SEC_NEED_W | VR_SEC_NEED_X: return "write and search";
    default: return "the needed";
    }
}

static char *
vrQemuSecLetters(int need)
{
    return g_strdup_printf("%s%s%s", need & VR_SEC_NEED_R ? "r" : "",
                           need & VR_SEC_NEED_W ? "w" : "", need & VR_SEC_NEED_X ? "x" : "");
}

static void
vrQemuSecDeny(const vrQemuDriverConfig *cfg, const vrQemuSecIdentity *id, const char *context,
              const char *kind, const char *path, const struct stat *st, int need, int missing,
              bool isFile, bool labelled, bool offerDynamic)
{
    g_autofree char *letters = vrQemuSecLetters(missing);
    g_autofree char *fix = NULL;
    g_autofree char *also = NULL;
    struct group gr, *grp = NULL;
    char buf[4096];
    char who;

    vrQemuSecBits(id, st->st_mode, labelled ? id->uid : st->st_uid,
                  labelled ? id->gid : st->st_gid, &who);
    /* a group that has the access: joining it is the better fix */
    if (who == 'o' && (int)(((unsigned int)st->st_mode >> 3) & (unsigned int)need) == need &&
        getgrgid_r(st->st_gid, &gr, buf, sizeof(buf), &grp) == 0 && grp && st->st_gid != 0)
        fix = g_strdup_printf("usermod -a -G %s %s", grp->gr_name, id->user);
    else
        fix = g_strdup_printf("chmod %c+%s %s", who, letters, path);
    if (offerDynamic)
        also = g_strdup_printf(", let vireo hand it to that user while the guest runs "
                               "(security_driver = \"dac\" and dynamic_ownership = 1 in %s)",
                               cfg->configFile);
    vrReportError(VR_ERR_ACCESS_DENIED,
                  "%s: user '%s' (uid %u, gid %u) has no %s permission on %s '%s': grant it "
                  "(%s)%s or set user = \"root\" in %s", context, id->user,
                  (unsigned int)id->uid, (unsigned int)id->gid,
                  vrQemuSecNeedWords(need, isFile), kind, path, fix, also ? also : "",
                  cfg->configFile);
}

/* Every directory from / down to @path's own must be searchable. */
static int
vrQemuSecCheckDirs(const vrQemuDriverConfig *cfg, const vrQemuSecIdentity *id,
                   const char *context, const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_auto(GStrv) parts = g_strsplit(dir, "/", -1);
    g_autoptr(GString) cur = g_string_new("/");

    for (size_t i = 0; parts[i]; i++) {
        struct stat st;
        char who;

        if (i > 0 && !*parts[i])
            continue;
        if (i > 0) {
            if (cur->len > 1)
                g_string_append_c(cur, '/');
            g_string_append(cur, parts[i]);
        }
        if (stat(cur->str, &st) < 0 || !S_ISDIR(st.st_mode))
            return 0;            /* QEMU will say what is missing */
        if (vrQemuSecHasACL(cur->str))
            continue;
        if (!(vrQemuSecBits(id, st.st_mode, st.st_uid, st.st_gid, &who) & VR_SEC_NEED_X)) {
            vrQemuSecDeny(cfg, id, context, "directory", cur->str, &st, VR_SEC_NEED_X,
                          VR_SEC_NEED_X, false, false, false);
            return -1;
        }
    }
    return 0;
}

static int
vrQemuSecCheckItem(const vrQemuDriverConfig *cfg, const vrQemuSecIdentity *id,
                   const char *context, const vrQemuSecItem *it)
{
    bool labelled = it->label && vrQemuSecurityDynamic(cfg);
    g_autofree char *real = NULL;
    g_autofree char *ctx = g_strdup_printf("%s (%s)", context, it->what);
    struct stat st;
    unsigned int bits;
    char who;
    int missing;

    if (!g_path_is_absolute(it->path))
        return 0;
    if (vrQemuSecCheckDirs(cfg, id, ctx, it->path) < 0)
        return -1;
    /* through symbolic links: the target's directories too */
    if ((real = realpath(it->path, NULL)) && !g_str_equal(real, it->path) &&
        vrQemuSecCheckDirs(cfg, id, ctx, real) < 0)
        return -1;
    if (stat(it->path, &st) < 0) {
        g_autofree char *dir = NULL;

        if (errno != ENOENT || !it->create || labelled)
            return 0;
        /* QEMU creates it */
        dir = g_path_get_dirname(it->path);
        if (stat(dir, &st) < 0 || vrQemuSecHasACL(dir))
            return 0;
        bits = vrQemuSecBits(id, st.st_mode, st.st_uid, st.st_gid, &who);
        if ((bits & (VR_SEC_NEED_W | VR_SEC_NEED_X)) != (VR_SEC_NEED_W | VR_SEC_NEED_X)) {
            vrQemuSecDeny(cfg, id, ctx, "directory", dir, &st, VR_SEC_NEED_W | VR_SEC_NEED_X,
                          ~bits & (VR_SEC_NEED_W | VR_SEC_NEED_X), false, false, false);
            return -1;
        }
        return 0;
    }
    if (S_ISDIR(st.st_mode) || vrQemuSecHasACL(it->path))
        return 0;
    /* a file we label will be the user's: its owner bits count */
    bits = vrQemuSecBits(id, st.st_mode, labelled ? id->uid : st.st_uid,
                         labelled ? id->gid : st.st_gid, &who);
    if ((missing = it->need & ~(int)bits)) {
        vrQemuSecDeny(cfg, id, ctx, S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode) ? "device" : "file",
                      it->path, &st, it->need, missing, true, labelled,
                      it->label && !vrQemuSecurityDynamic(cfg));
        return -1;
    }
    return 0;
}

static int
vrQemuSecCheckAll(const vrQemuDriverConfig *cfg, const char *context, GPtrArray *items)
{
    vrQemuSecIdentity id = { 0 };
    int ret = 0;

    vrQemuSecIdentityInit(&id, cfg);
    for (guint i = 0; i < items->len && ret == 0; i++)
        ret = vrQemuSecCheckItem(cfg, &id, context, g_ptr_array_index(items, i));
    vrQemuSecIdentityClear(&id);
    return ret;
}

/* ---- remembering owners ------------------------------------------------ */

typedef struct {
    uid_t uid;                 /* the owner before the first label */
    gid_t gid;
    unsigned int refs;
} vrQemuSecOwner;

static const char *
vrQemuSecBootId(void)
{
    static char *bootId;
    static gsize once;

    if (g_once_init_enter(&once)) {
        char *text = NULL;
        if (vrFileReadAll("/proc/sys/kernel/random/boot_id", 128, &text) < 0) {
            /* a fixed id only loses the detection of stale references */
            g_autoptr(vrError) ignored = vrErrorSave();
            g_free(text);
            text = g_strdup("unknown");
        }
        bootId = g_strstrip(text);
        g_once_init_leave(&once, 1);
    }
    return bootId;
}

static char *
vrQemuSecFallbackPath(const vrQemuDriverConfig *cfg, const struct stat *st)
{
    g_autofree char *file = g_strdup_printf("%llu-%llu", (unsigned long long)st->st_dev,
                                            (unsigned long long)st->st_ino);

    return g_build_filename(cfg->stateDir, "dac-owners", file, NULL);
}

static bool
vrQemuSecXattrUnsupported(int err)
{
    return err == ENOTSUP || err == EOPNOTSUPP || err == EPERM || err == EACCES;
}

static bool
vrQemuSecParseOwner(const char *text, const char *boot, vrQemuSecOwner *o)
{
    unsigned int uid, gid, refs;
    char bootid[64];

    if (sscanf(text, "%u:%u %u %63s", &uid, &gid, &refs, bootid) != 4 ||
        !g_str_equal(bootid, boot))
        return false;
    o->uid = uid;
    o->gid = gid;
    o->refs = refs;
    return true;
}

/* 1 and @o when an owner of this boot is remembered, 0 when none. */
static int
vrQemuSecRecall(const vrQemuDriverConfig *cfg, const char *path, const struct stat *st,
                vrQemuSecOwner *o)
{
    char owner[64] = "", refs[32] = "", boot[64] = "";
    g_autofree char *text = NULL;
    g_autofree char *fallback = NULL;
    g_autofree char *content = NULL;
    ssize_t n;

    if ((n = getxattr(path, VR_SEC_XATTR_OWNER, owner, sizeof(owner) - 1)) > 0) {
        owner[n] = '\0';
        if ((n = getxattr(path, VR_SEC_XATTR_REF, refs, sizeof(refs) - 1)) > 0)
            refs[n] = '\0';
        if ((n = getxattr(path, VR_SEC_XATTR_BOOT, boot, sizeof(boot) - 1)) > 0)
            boot[n] = '\0';
        text = g_strdup_printf("%s %s %s", owner, refs, boot);
        return vrQemuSecParseOwner(text, vrQemuSecBootId(), o) ? 1 : 0;
    }
    fallback = vrQemuSecFallbackPath(cfg, st);
    if (!vrFileExists(fallback))
        return 0;
    if (vrFileReadAll(fallback, 4096, &content) < 0) {
        g_autoptr(vrError) ignored = vrErrorSave();
        return 0;
    }
    return vrQemuSecParseOwner(content, vrQemuSecBootId(), o) ? 1 : 0;
}

static void
vrQemuSecForget(const vrQemuDriverConfig *cfg, const char *path, const struct stat *st)
{
    g_autofree char *fallback = vrQemuSecFallbackPath(cfg, st);

    removexattr(path, VR_SEC_XATTR_OWNER);
    removexattr(path, VR_SEC_XATTR_REF);
    removexattr(path, VR_SEC_XATTR_BOOT);
    unlink(fallback);
}

static int
vrQemuSecRemember(const vrQemuDriverConfig *cfg, const char *path, const struct stat *st,
                  const vrQemuSecOwner *o)
{
    g_autofree char *owner = g_strdup_printf("%u:%u", (unsigned int)o->uid, (unsigned int)o->gid);
    g_autofree char *refs = g_strdup_printf("%u", o->refs);
    const char *boot = vrQemuSecBootId();
    g_autofree char *fallback = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *content = NULL;

    if (setxattr(path, VR_SEC_XATTR_OWNER, owner, strlen(owner), 0) == 0 &&
        setxattr(path, VR_SEC_XATTR_REF, refs, strlen(refs), 0) == 0 &&
        setxattr(path, VR_SEC_XATTR_BOOT, boot, strlen(boot), 0) == 0)
        return 0;
    if (!vrQemuSecXattrUnsupported(errno)) {
        vrReportSystemError(errno, "cannot remember the owner of '%s' in its extended "
                            "attributes", path);
        return -1;
    }
    /* no trusted.* attributes there: a file of ours per inode */
    removexattr(path, VR_SEC_XATTR_OWNER);
    removexattr(path, VR_SEC_XATTR_REF);
    removexattr(path, VR_SEC_XATTR_BOOT);
    fallback = vrQemuSecFallbackPath(cfg, st);
    dir = g_path_get_dirname(fallback);
    content = g_strdup_printf("%s %s %s\n%s\n", owner, refs, boot, path);
    if (vrFileMakePath(dir, 0700) < 0 ||
        vrFileWriteAtomic(fallback, content, strlen(content), 0600) < 0)
        return -1;
    return 0;
}

/* ---- labelling one file ---------------------------------------------- */

static bool
vrQemuSecChownHarmless(int err)
{
    /* NFS with root squash, read-only media, filesystems without owners:
     * libvirt lets QEMU try as it is */
    return err == EPERM || err == EROFS || err == EOPNOTSUPP || err == EINVAL;
}

/* 1 labelled (a reference taken), 0 left alone, -1 error. */
static int
vrQemuSecLabelFile(const vrQemuDriverConfig *cfg, const vrQemuSecItem *it)
{
    vrQemuSecOwner o = { 0 };
    struct stat st;

    if (stat(it->path, &st) < 0 && errno == ENOENT && it->create) {
        int fd = open(it->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
        if (fd < 0) {
            vrReportSystemError(errno, "cannot create '%s' (%s) for QEMU", it->path, it->what);
            return -1;
        }
        close(fd);
    }
    if (stat(it->path, &st) < 0)
        return 0;                /* QEMU will say it is missing */
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode) && !S_ISCHR(st.st_mode) &&
        !S_ISSOCK(st.st_mode) && !S_ISFIFO(st.st_mode))
        return 0;
    if (!cfg->rememberOwner || vrQemuSecRecall(cfg, it->path, &st, &o) == 0 || o.refs == 0) {
        o.uid = st.st_uid;
        o.gid = st.st_gid;
        o.refs = 0;
    }
    if ((st.st_uid != cfg->uid || st.st_gid != cfg->gid) &&
        chown(it->path, cfg->uid, cfg->gid) < 0) {
        if (vrQemuSecChownHarmless(errno)) {
            VR_INFO("cannot give '%s' to %u:%u (%s); leaving it as it is", it->path,
                    (unsigned int)cfg->uid, (unsigned int)cfg->gid, g_strerror(errno));
            return 0;
        }
        vrReportSystemError(errno, "cannot give '%s' (%s) to QEMU's user %u:%u", it->path,
                            it->what, (unsigned int)cfg->uid, (unsigned int)cfg->gid);
        return -1;
    }
    if (cfg->rememberOwner) {
        o.refs++;
        if (vrQemuSecRemember(cfg, it->path, &st, &o) < 0) {
            if (chown(it->path, st.st_uid, st.st_gid) < 0)
                VR_WARN("cannot give '%s' back: %s", it->path, g_strerror(errno));
            return -1;
        }
    }
    VR_DEBUG("labelled '%s' %u:%u (owner %u:%u, %u users)", it->path, (unsigned int)cfg->uid,
             (unsigned int)cfg->gid, (unsigned int)o.uid, (unsigned int)o.gid, o.refs);
    return 1;
}

static void
vrQemuSecRestoreFile(const vrQemuDriverConfig *cfg, const char *path, bool shared)
{
    vrQemuSecOwner o = { 0 };
    struct stat st;

    if (stat(path, &st) < 0)
        return;
    if (vrQemuSecRecall(cfg, path, &st, &o) > 0) {
        if (o.refs > 1) {
            o.refs--;
            if (vrQemuSecRemember(cfg, path, &st, &o) < 0) {
                g_autoptr(vrError) ignored = NULL;
                VR_WARN("'%s': %s", path, vrGetLastErrorMessage());
                ignored = vrErrorSave();
            }
            VR_DEBUG("'%s' still used by %u guests", path, o.refs);
            return;
        }
        vrQemuSecForget(cfg, path, &st);
    } else if (cfg->rememberOwner) {
        VR_WARN("no remembered owner for '%s': leaving it as it is", path);
        return;
    } else if (shared) {
        /* without owner memory, others may still use it (libvirt) */
        return;
    } else {
        o.uid = 0;
        o.gid = 0;
    }
    if ((st.st_uid != o.uid || st.st_gid != o.gid) && chown(path, o.uid, o.gid) < 0)
        VR_WARN("cannot give '%s' back to %u:%u: %s", path, (unsigned int)o.uid,
                (unsigned int)o.gid, g_strerror(errno));
    else
        VR_DEBUG("gave '%s' back to %u:%u", path, (unsigned int)o.uid, (unsigned int)o.gid);
}

/* ---- what a guest holds: STATEDIR/NAME.seclabels ----------------------- */

/* One line per thing given: KIND TAG ARG PATH, tab-separated, the path
 * escaped.  KIND f: a labelled file (ARG s when shared); o: a directory
 * of ours lent to QEMU's user (ARG the owner to give it back to); d: a
 * directory made for QEMU, removed afterwards. */
typedef struct {
    char kind;
    char *tag;
    char *arg;
    char *path;
} vrQemuSecRecord;

static void
vrQemuSecRecordFree(gpointer p)
{
    vrQemuSecRecord *r = p;

    g_free(r->tag);
    g_free(r->arg);
    g_free(r->path);
    g_free(r);
}

static void
vrQemuSecRecordAdd(GPtrArray *records, char kind, const char *tag, const char *arg,
                   const char *path)
{
    vrQemuSecRecord *r = g_new0(vrQemuSecRecord, 1);

    r->kind = kind;
    r->tag = g_strdup(tag);
    r->arg = g_strdup(arg);
    r->path = g_strdup(path);
    g_ptr_array_add(records, r);
}

static char *
vrQemuSecRecordPath(const vrQemuDriver *driver, const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.seclabels", name);

    return g_build_filename(driver->cfg->stateDir, file, NULL);
}

static GPtrArray *
vrQemuSecRecordsLoad(const vrQemuDriver *driver, const char *name)
{
    GPtrArray *records = g_ptr_array_new_with_free_func(vrQemuSecRecordFree);
    g_autofree char *path = vrQemuSecRecordPath(driver, name);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!vrFileExists(path))
        return records;
    if (vrFileReadAll(path, 1 << 22, &text) < 0) {
        g_autoptr(vrError) ignored = NULL;
        VR_WARN("guest %s: %s", name, vrGetLastErrorMessage());
        ignored = vrErrorSave();
        return records;
    }
    lines = g_strsplit(text, "\n", -1);
    for (size_t i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], "\t", 4);
        g_autofree char *p = NULL;

        if (g_strv_length(f) != 4 || strlen(f[0]) != 1)
            continue;
        p = g_strcompress(f[3]);
        vrQemuSecRecordAdd(records, f[0][0], f[1], f[2], p);
    }
    return records;
}

static int
vrQemuSecRecordsSave(const vrQemuDriver *driver, const char *name, GPtrArray *records)
{
    g_autofree char *path = vrQemuSecRecordPath(driver, name);
    g_autoptr(GString) text = g_string_new(NULL);

    if (!records->len)
        return vrFileRemoveIfExists(path);
    for (guint i = 0; i < records->len; i++) {
        vrQemuSecRecord *r = g_ptr_array_index(records, i);
        g_autofree char *p = g_strescape(r->path, NULL);
        g_string_append_printf(text, "%c\t%s\t%s\t%s\n", r->kind, r->tag, r->arg, p);
    }
    return vrFileWriteAtomic(path, text->str, text->len, 0600);
}

static void
vrQemuSecRecordUndo(const vrQemuDriverConfig *cfg, const vrQemuSecRecord *r)
{
    unsigned int uid, gid;

    switch (r->kind) {
    case 'f':
        vrQemuSecRestoreFile(cfg, r->path, g_str_equal(r->arg, "s"));
        break;
    case 'o':
        if (sscanf(r->arg, "%u:%u", &uid, &gid) == 2 && chown(r->path, uid, gid) < 0 &&
            errno != ENOENT)
            VR_WARN("cannot give '%s' back to %u:%u: %s", r->path, uid, gid, g_strerror(errno));
        break;
    case 'd':
        if (rmdir(r->path) < 0 && errno != ENOENT)
            VR_WARN("cannot remove '%s': %s", r->path, g_strerror(errno));
        break;
    default:
        break;
    }
}

/* Undoes the records with @tag (all with NULL), newest first; the others
 * stay in @records. */
static void
vrQemuSecRecordsUndo(const vrQemuDriverConfig *cfg, GPtrArray *records, const char *tag)
{
    for (guint i = records->len; i-- > 0;) {
        vrQemuSecRecord *r = g_ptr_array_index(records, i);

        if (tag && !g_str_equal(r->tag, tag))
            continue;
        vrQemuSecRecordUndo(cfg, r);
        g_ptr_array_remove_index(records, i);
    }
}

/* ---- labelling a set --------------------------------------------------- */

static int
vrQemuSecLabelItems(const vrQemuDriverConfig *cfg, GPtrArray *items, GPtrArray *records)
{
    g_autoptr(GHashTable) done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    if (!vrQemuSecurityDynamic(cfg))
        return 0;
    for (guint i = 0; i < items->len; i++) {
        vrQemuSecItem *it = g_ptr_array_index(items, i);
        int rc;

        if (!it->label || !g_path_is_absolute(it->path))
            continue;
        /* a console that is the serial port, a log shared by two devices:
         * one reference per thing that gives it back */
        if (!g_hash_table_add(done, g_strdup_printf("%s\t%s", it->tag, it->path)))
            continue;
        if ((rc = vrQemuSecLabelFile(cfg, it)) < 0)
            return -1;
        if (rc > 0)
            vrQemuSecRecordAdd(records, 'f', it->tag, it->shared ? "s" : "-", it->path);
    }
    return 0;
}

/* Directories QEMU creates sockets in: the monitor's (a directory of the
 * guest's own next to where it would have been, so that the state
 * directory stays ours) and the guest agent channel directory. */
static int
vrQemuSecPrepareRuntime(vrQemuDriver *driver, vrQemuDomainObj *obj, GPtrArray *records)
{
    const vrQemuDriverConfig *cfg = driver->cfg;
    g_autofree char *parent = g_path_get_dirname(obj->monitorPath);
    g_autofree char *leaf = g_strdup_printf("%s.d", obj->def->name);
    g_autofree char *dir = g_build_filename(parent, leaf, NULL);
    g_autofree char *chan = g_build_filename(cfg->channelDir, obj->def->name, NULL);
    struct stat st;

    if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
        vrReportSystemError(errno, "cannot create '%s' for guest '%s'", dir, obj->def->name);
        return -1;
    }
    vrQemuSecRecordAdd(records, 'd', "run", "-", dir);
    if (chown(dir, cfg->uid, cfg->gid) < 0 || chmod(dir, 0750) < 0) {
        vrReportSystemError(errno, "cannot give '%s' to QEMU's user", dir);
        return -1;
    }
    g_free(obj->monitorPath);
    /* no longer than STATEDIR/NAME.monitor: fits where that did */
    obj->monitorPath = g_build_filename(dir, "qmp", NULL);
    vrFileRemoveIfExists(obj->monitorPath);

    if (stat(chan, &st) == 0 && S_ISDIR(st.st_mode)) {
        g_autofree char *owner = g_strdup_printf("%u:%u", (unsigned int)st.st_uid,
                                                 (unsigned int)st.st_gid);
        if (chown(chan, cfg->uid, cfg->gid) < 0) {
            vrReportSystemError(errno, "cannot give '%s' to QEMU's user", chan);
            return -1;
        }
        vrQemuSecRecordAdd(records, 'o', "run", owner, chan);
    }
    return 0;
}

/* QEMU must reach the directories its sockets go in. */
static int
vrQemuSecCheckRuntime(vrQemuDriver *driver, vrQemuDomainObj *obj, const char *context)
{
    g_autofree char *ctx = g_strdup_printf("%s (its monitor socket)", context);
    g_autofree char *chan = g_build_filename(driver->cfg->channelDir, obj->def->name, NULL);
    vrQemuSecIdentity id = { 0 };
    int ret;

    vrQemuSecIdentityInit(&id, driver->cfg);
    ret = vrQemuSecCheckDirs(driver->cfg, &id, ctx, obj->monitorPath);
    if (ret == 0 && vrFileIsDir(chan)) {
        g_free(ctx);
        ctx = g_strdup_printf("%s (its channel sockets)", context);
        ret = vrQemuSecCheckDirs(driver->cfg, &id, ctx, chan);
    }
    vrQemuSecIdentityClear(&id);
    return ret;
}

int
vrQemuSecuritySetAllLabels(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    const vrQemuDriverConfig *cfg = driver->cfg;
    g_autoptr(GPtrArray) items = NULL;
    g_autoptr(GPtrArray) records = NULL;
    g_autofree char *context = NULL;
    int ret = -1;

    if (cfg->uid == 0)
        return 0;                /* root opens anything; nothing to give */
    /* what a start that never reached its stop left behind */
    vrQemuSecurityRestoreAllLabels(driver, obj);

    items = vrQemuSecCollect(obj->def);
    context = g_strdup_printf("guest '%s' cannot start", obj->def->name);
    if (vrQemuSecCheckAll(cfg, context, items) < 0 ||
        (vrQemuSecurityOtherUser(cfg) && vrQemuSecCheckRuntime(driver, obj, context) < 0))
        return -1;

    records = g_ptr_array_new_with_free_func(vrQemuSecRecordFree);
    g_mutex_lock(&vrQemuSecurityLock);
    if ((vrQemuSecurityOtherUser(cfg) && vrQemuSecPrepareRuntime(driver, obj, records) < 0) ||
        vrQemuSecLabelItems(cfg, items, records) < 0 ||
        vrQemuSecRecordsSave(driver, obj->def->name, records) < 0) {
        g_autoptr(vrError) saved = vrErrorSave();
        vrQemuSecRecordsUndo(cfg, records, NULL);
        vrErrorRestore(&saved);
        goto out;
    }
    ret = 0;
 out:
    g_mutex_unlock(&vrQemuSecurityLock);
    return ret;
}

void
vrQemuSecurityRestoreAllLabels(vrQemuDriver *driver, vrQemuDomainObj *obj)
{
    g_autoptr(GPtrArray) records = NULL;

    g_mutex_lock(&vrQemuSecurityLock);
    records = vrQemuSecRecordsLoad(driver, obj->def->name);
    vrQemuSecRecordsUndo(driver->cfg, records, NULL);
    if (vrQemuSecRecordsSave(driver, obj->def->name, records) < 0) {
        g_autoptr(vrError) ignored = vrErrorSave();
    }
    g_mutex_unlock(&vrQemuSecurityLock);
}

int
vrQemuSecuritySetDeviceLabel(vrQemuDriver *driver, vrQemuDomainObj *obj,
                             const vrDomainDeviceDef *dev)
{
    const vrQemuDriverConfig *cfg = driver->cfg;
    g_autoptr(GPtrArray) items = NULL;
    g_autoptr(GPtrArray) added = NULL;
    g_autoptr(GPtrArray) records = NULL;
    g_autofree char *context = NULL;
    int ret = -1;

    if (cfg->uid == 0 || dev->type != VR_DOMAIN_DEVICE_DISK || !dev->data.disk)
        return 0;
    items = g_ptr_array_new_with_free_func(vrQemuSecItemFree);
    vrQemuSecCollectDisk(items, dev->data.disk);
    context = g_strdup_printf("guest '%s' cannot use disk '%s'", obj->def->name,
                              dev->data.disk->dst);
    if (vrQemuSecCheckAll(cfg, context, items) < 0)
        return -1;

    added = g_ptr_array_new_with_free_func(vrQemuSecRecordFree);
    g_mutex_lock(&vrQemuSecurityLock);
    records = vrQemuSecRecordsLoad(driver, obj->def->name);
    if (vrQemuSecLabelItems(cfg, items, added) < 0)
        goto undo;
    for (guint i = 0; i < added->len; i++) {
        vrQemuSecRecord *r = g_ptr_array_index(added, i);
        vrQemuSecRecordAdd(records, r->kind, r->tag, r->arg, r->path);
    }
    if (vrQemuSecRecordsSave(driver, obj->def->name, records) < 0)
        goto undo;
    ret = 0;
    goto out;
 undo: {
        g_autoptr(vrError) saved = vrErrorSave();
        vrQemuSecRecordsUndo(cfg, added, NULL);
        vrErrorRestore(&saved);
    }
 out:
    g_mutex_unlock(&vrQemuSecurityLock);
    return ret;
}

void
vrQemuSecurityRestoreDeviceLabel(vrQemuDriver *driver, vrQemuDomainObj *obj,
                                 const vrDomainDeviceDef *dev)
{
    g_autoptr(GPtrArray) records = NULL;
    g_autofree char *tag = NULL;

    if (dev->type != VR_DOMAIN_DEVICE_DISK || !dev->data.disk || !dev->data.disk->dst)
        return;
    tag = g_strdup_printf("disk:%s", dev->data.disk->dst);
    g_mutex_lock(&vrQemuSecurityLock);
    records = vrQemuSecRecordsLoad(driver, obj->def->name);
    vrQemuSecRecordsUndo(driver->cfg, records, tag);
    if (vrQemuSecRecordsSave(driver, obj->def->name, records) < 0) {
        g_autoptr(vrError) ignored = vrErrorSave();
    }
    g_mutex_unlock(&vrQemuSecurityLock);
}
