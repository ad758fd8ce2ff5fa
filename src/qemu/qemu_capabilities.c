/*
 * qemu_capabilities.c: probing QEMU binaries, the KVM test guest, the
 * capabilities cache, and the <capabilities> / <domainCapabilities>
 * documents built from them.
 *
 * Probing.  A binary is started once with "-machine none -S -accel tcg"
 * and a QMP socket in a private directory below the cache's runDir, as
 * the user QEMU runs as; the answers to a fixed list of queries are kept
 * (see capsProbeQueries), then QEMU is told to quit and is reaped.
 * When the host has /dev/kvm and the binary can use it, a second QEMU
 * runs a tiny test guest under KVM (see "KVM test guest" below) to tell
 * a KVM that merely exists from one that runs guests.
 *
 * Threads.  A vrQemuCapsCache may be used from any thread.  The first
 * thread that needs a binary probes it with the cache's lock dropped;
 * others asking for the same binary wait on the cache's condition and
 * share the result (or the error).  The QMP connections of probes are
 * serviced by a private event loop thread that the cache starts with its
 * first probe and stops in vrQemuCapsCacheFree, so callers need no loop
 * of their own.  A vrQemuCaps never changes once built: readers need no
 * lock, only a reference.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "qemu/qemu_capabilities.h"
#include "qemu/qemu_json.h"
#include "qemu/qemu_monitor.h"
#include "qemu/qemu_monitor_cmds.h"
#include "conf/capabilities_conf.h"
#include "conf/domain_capabilities_conf.h"
#include "util/vrbitmap.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrevent.h"
#include "util/vrfile.h"
#include "util/vrlog.h"
#include "util/vrprocess.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_QEMU
#define VR_LOG_CATEGORY "qemu.caps"

/* Bumped whenever the cache file changes shape; older files are probed
 * again rather than misread. */
#define CAPS_FORMAT 1
/* Limits of one probe: QEMU's whole life, connecting, each command.  A
 * probe runs once per binary, so they are generous: on a loaded host QEMU
 * can take seconds to open its monitor, and a probe that gives up too
 * early is simply run again by the next caller. */
#define CAPS_PROCESS_TIMEOUT_MS 60000
#define CAPS_CONNECT_TIMEOUT_MS 30000
#define CAPS_COMMAND_TIMEOUT_MS 20000
/* The KVM test guest must finish within this, counted from "cont". */
#define CAPS_KVM_DEADLINE_MS 3000
#define CAPS_KVM_QUERY_TIMEOUT_MS 1000
/* What QEMU exits with when the guest writes 0x2a to isa-debug-exit. */
#define CAPS_KVM_EXIT_STATUS ((0x2a << 1) | 1)
#define CAPS_STDERR_MAX (64 * 1024)
#define CAPS_FILE_MAX (16 * 1024 * 1024)

/* What identifies a file for the cache: a changed binary (upgrade,
 * rebuild, touch) or a changed /dev/kvm (module loaded, permissions
 * changed, reboot) means probing again. */
typedef struct {
    bool exists;
    unsigned long long ino;
    unsigned long long size;
    long long mtime, mtimeNs;
    long long ctime, ctimeNs;
    unsigned int mode;
} vrQemuCapsStamp;

struct _vrQemuCaps {
    gint refs;
    char *binary;
    vrQemuCapsStamp binStamp;
    vrQemuCapsStamp kvmStamp;
    char *producer;               /* Vireo version that probed */
    long long probedAt;           /* seconds since the epoch */
    unsigned int probeMs;         /* the whole probe, KVM test included */
    unsigned int kvmCheckMs;

    char *target;                 /* QEMU's name: "x86_64", "i386" */
    char *arch;                   /* libvirt's name: "x86_64", "i686" */
    unsigned long long version;
    char *package;

    bool kvmPresent;
    bool kvmUsable;
    char *kvmWhy;

    vrQemuMachine *machines;      /* the default first, then QEMU's order */
    size_t nmachines;
    vrQemuCPUModel *cpuModels[VR_QEMU_ACCEL_LAST];
    size_t ncpuModels[VR_QEMU_ACCEL_LAST];

    bool hasSEV;
    unsigned int sevCbitpos, sevReducedPhysBits;
    bool hasSGX;
    bool sgxFlc, sgx1, sgx2;
    unsigned long long sgxSectionSize;
    GPtrArray *gicVersions;       /* "2", "3" */

    GPtrArray *commands;          /* sorted string arrays, as saved */
    GPtrArray *events;
    GPtrArray *options;
    GPtrArray *displayTypes;
    GPtrArray *types;
    GHashTable *typeSet;          /* lookups over the arrays above */
    GHashTable *commandSet;
    GHashTable *optionSet;
};

typedef struct {
    vrQemuCaps *caps;             /* current result, may be NULL */
    bool busy;                    /* a thread is probing this binary */
    unsigned int generation;      /* probes finished so far */
    vrError *err;                 /* error of the last probe, for waiters */
} vrQemuCapsEntry;

struct _vrQemuCapsCache {
    char *cacheDir;
    char *runDir;
    uid_t uid;
    gid_t gid;
    char *secDriver;
    GMutex lock;
    GCond cond;
    GHashTable *entries;          /* binary path -> vrQemuCapsEntry */
    vrEventLoop *loop;            /* started with the first probe */
    GThread *loopThread;
    unsigned int nprobes;
};

/* QEMU targets and libvirt's names for them, in libvirt's order of
 * architectures (the order of <guest>s in the capabilities).
 * @fallback: the target whose binary also serves this arch when its
 * own binary is not installed (qemu-system-x86_64 runs i686 guests). */
typedef struct {
    const char *arch;
    const char *target;           /* NULL: no binary of its own */
    unsigned int wordsize;
    const char *fallback;
} vrQemuCapsArchInfo;

static const vrQemuCapsArchInfo capsArchTable[] = {
    { "armv7l", "arm", 32, "aarch64" },
    { "aarch64", "aarch64", 64, NULL },
    { "i686", "i386", 32, "x86_64" },
    { "mips", "mips", 32, NULL },
    { "mipsel", "mipsel", 32, NULL },
    { "mips64", "mips64", 64, NULL },
    { "mips64el", "mips64el", 64, NULL },
    { "ppc", "ppc", 32, "ppc64" },
    { "ppc64", "ppc64", 64, NULL },
    { "ppc64le", NULL, 64, "ppc64" },
    { "riscv32", "riscv32", 32, NULL },
    { "riscv64", "riscv64", 64, NULL },
    { "s390x", "s390x", 64, NULL },
    { "sparc", "sparc", 32, NULL },
    { "sparc64", "sparc64", 64, NULL },
    { "x86_64", "x86_64", 64, NULL },
};

static const vrQemuCapsArchInfo *
capsArchByName(const char *arch)
{
    size_t i;

    for (i = 0; arch && i < G_N_ELEMENTS(capsArchTable); i++) {
        if (g_str_equal(capsArchTable[i].arch, arch))
            return &capsArchTable[i];
    }
    return NULL;
}

static const vrQemuCapsArchInfo *
capsArchByTarget(const char *target)
{
    size_t i;

    for (i = 0; target && i < G_N_ELEMENTS(capsArchTable); i++) {
        if (capsArchTable[i].target && g_str_equal(capsArchTable[i].target, target))
            return &capsArchTable[i];
    }
    return NULL;
}

static bool
capsIsX86(const char *arch)
{
    return arch && (g_str_equal(arch, "x86_64") || g_str_equal(arch, "i686"));
}

/* The host's architecture in libvirt's naming. */
static char *
capsHostArch(void)
{
    struct utsname u;

    if (uname(&u) < 0)
        return g_strdup("x86_64");
    if (g_str_equal(u.machine, "i386") || g_str_equal(u.machine, "i486") ||
        g_str_equal(u.machine, "i586"))
        return g_strdup("i686");
    if (g_str_equal(u.machine, "arm64"))
        return g_strdup("aarch64");
    return g_strdup(u.machine);
}

/* ---- small helpers ------------------------------------------------- */

static void
capsStrAppend(GPtrArray **arr, const char *str)
{
    if (!*arr)
        *arr = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(*arr, g_strdup(str));
}

static size_t
capsStrCount(const GPtrArray *arr)
{
    return arr ? arr->len : 0;
}

static gint
capsStrCompare(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A sorted copy of a NULL-terminated vector, duplicates dropped. */
static GPtrArray *
capsSortedFromStrv(char **strv)
{
    GPtrArray *arr = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    for (i = 0; strv && strv[i]; i++)
        g_ptr_array_add(arr, g_strdup(strv[i]));
    g_ptr_array_sort(arr, capsStrCompare);
    for (i = 1; i < arr->len;) {
        if (g_str_equal(g_ptr_array_index(arr, i - 1), g_ptr_array_index(arr, i)))
            g_ptr_array_remove_index(arr, i);
        else
            i++;
    }
    return arr;
}

static GHashTable *
capsSetFrom(const GPtrArray *arr)
{
    GHashTable *set = g_hash_table_new(g_str_hash, g_str_equal);
    size_t i;

    for (i = 0; i < capsStrCount(arr); i++)
        g_hash_table_add(set, g_ptr_array_index(arr, i));
    return set;
}

static bool
capsStrArrayHas(const GPtrArray *arr, const char *str)
{
    size_t i;

    for (i = 0; i < capsStrCount(arr); i++) {
        if (g_str_equal(g_ptr_array_index(arr, i), str))
            return true;
    }
    return false;
}

static void
capsStampOf(const char *path, vrQemuCapsStamp *st)
{
    struct stat sb;

    memset(st, 0, sizeof(*st));
    if (stat(path, &sb) < 0)
        return;
    st->exists = true;
    st->ino = sb.st_ino;
    st->size = sb.st_size;
    st->mtime = sb.st_mtim.tv_sec;
    st->mtimeNs = sb.st_mtim.tv_nsec;
    st->ctime = sb.st_ctim.tv_sec;
    st->ctimeNs = sb.st_ctim.tv_nsec;
    st->mode = sb.st_mode & 07777;
}

static bool
capsStampEqual(const vrQemuCapsStamp *a, const vrQemuCapsStamp *b)
{
    if (a->exists != b->exists)
        return false;
    if (!a->exists)
        return true;
    return a->ino == b->ino && a->size == b->size && a->mtime == b->mtime &&
           a->mtimeNs == b->mtimeNs && a->ctime == b->ctime && a->ctimeNs == b->ctimeNs &&
           a->mode == b->mode;
}

/* Reads a small sysfs/procfs file, stripped; NULL when unreadable. */
static char *
capsReadSys(const char *path)
{
    g_autofree char *buf = NULL;

    if (!g_file_get_contents(path, &buf, NULL, NULL))
        return NULL;
    return g_strdup(g_strstrip(buf));
}

static bool
capsReadSysUInt(const char *path, unsigned long long *val)
{
    g_autofree char *s = capsReadSys(path);
    char *end;

    if (!s || !*s)
        return false;
    errno = 0;
    *val = strtoull(s, &end, 10);
    return errno == 0 && end != s;
}

/* Puts back the error state saved by vrErrorSave, also when there was
 * none (vrErrorRestore keeps newer errors then). */
static void
capsErrorRestore(vrError **saved)
{
    if (*saved)
        vrErrorRestore(saved);
    else
        vrResetLastError();
}

/* @dir/@name as a number; 0 when unreadable (topology ids default to 0). */
static unsigned int
capsSysUInt(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    unsigned long long v;

    return capsReadSysUInt(path, &v) ? (unsigned int)v : 0;
}

static gint
capsUIntCompare(gconstpointer a, gconstpointer b)
{
    unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

    return x < y ? -1 : x > y;
}

/* ---- lifetime and accessors ---------------------------------------- */

static void
capsMachineClear(vrQemuMachine *m)
{
    g_free(m->name);
    g_free(m->alias);
    g_free(m->defaultCPUType);
    g_free(m->defaultRAMId);
}

static void
capsCPUModelClear(vrQemuCPUModel *m)
{
    g_free(m->name);
    g_free(m->typename);
    g_strfreev(m->blockers);
}

static void
capsPtrArrayUnref(GPtrArray *arr)
{
    if (arr)
        g_ptr_array_unref(arr);
}

static void
capsHashUnref(GHashTable *set)
{
    if (set)
        g_hash_table_unref(set);
}

static void
capsFree(vrQemuCaps *caps)
{
    size_t i, a;

    g_free(caps->binary);
    g_free(caps->producer);
    g_free(caps->target);
    g_free(caps->arch);
    g_free(caps->package);
    g_free(caps->kvmWhy);
    for (i = 0; i < caps->nmachines; i++)
        capsMachineClear(&caps->machines[i]);
    g_free(caps->machines);
    for (a = 0; a < VR_QEMU_ACCEL_LAST; a++) {
        for (i = 0; i < caps->ncpuModels[a]; i++)
            capsCPUModelClear(&caps->cpuModels[a][i]);
        g_free(caps->cpuModels[a]);
    }
    capsPtrArrayUnref(caps->gicVersions);
    capsHashUnref(caps->typeSet);
    capsHashUnref(caps->commandSet);
    capsHashUnref(caps->optionSet);
    capsPtrArrayUnref(caps->commands);
    capsPtrArrayUnref(caps->events);
    capsPtrArrayUnref(caps->options);
    capsPtrArrayUnref(caps->displayTypes);
    capsPtrArrayUnref(caps->types);
    g_free(caps);
}

static vrQemuCaps *
capsNew(void)
{
    vrQemuCaps *caps = g_new0(vrQemuCaps, 1);

    caps->refs = 1;
    return caps;
}

/* Builds the lookup sets once the arrays are final. */
static void
capsIndex(vrQemuCaps *caps)
{
    GPtrArray *cmds = g_ptr_array_new();
    size_t i;

    for (i = 0; i < capsStrCount(caps->commands); i++)
        g_ptr_array_add(cmds, g_ptr_array_index(caps->commands, i));
    for (i = 0; i < capsStrCount(caps->events); i++)
        g_ptr_array_add(cmds, g_ptr_array_index(caps->events, i));
    caps->commandSet = capsSetFrom(cmds);
    g_ptr_array_unref(cmds);
    caps->typeSet = capsSetFrom(caps->types);
    caps->optionSet = capsSetFrom(caps->options);
}

vrQemuCaps *
vrQemuCapsRef(vrQemuCaps *caps)
{
    if (caps)
        g_atomic_int_inc(&caps->refs);
    return caps;
}

void
vrQemuCapsUnref(vrQemuCaps *caps)
{
    if (caps && g_atomic_int_dec_and_test(&caps->refs))
        capsFree(caps);
}

const char *
vrQemuCapsBinary(const vrQemuCaps *caps)
{
    return caps->binary;
}

const char *
vrQemuCapsArch(const vrQemuCaps *caps)
{
    return caps->arch;
}

bool
vrQemuCapsSupportsArch(const vrQemuCaps *caps, const char *arch)
{
    const vrQemuCapsArchInfo *info;

    if (!arch || g_str_equal(arch, caps->arch))
        return true;
    info = capsArchByName(arch);
    return info && info->fallback && g_str_equal(info->fallback, caps->target);
}

unsigned long long
vrQemuCapsVersion(const vrQemuCaps *caps)
{
    return caps->version;
}

const char *
vrQemuCapsPackage(const vrQemuCaps *caps)
{
    return caps->package ? caps->package : "";
}

bool
vrQemuCapsKVMPresent(const vrQemuCaps *caps)
{
    return caps->kvmPresent;
}

bool
vrQemuCapsKVMUsable(const vrQemuCaps *caps, const char **why)
{
    if (why)
        *why = caps->kvmUsable ? NULL : caps->kvmWhy;
    return caps->kvmPresent && caps->kvmUsable;
}

size_t
vrQemuCapsMachines(const vrQemuCaps *caps, const vrQemuMachine **machines)
{
    if (machines)
        *machines = caps->machines;
    return caps->nmachines;
}

const vrQemuMachine *
vrQemuCapsMachine(const vrQemuCaps *caps, const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < caps->nmachines; i++) {
        if (g_str_equal(caps->machines[i].name, name))
            return &caps->machines[i];
    }
    for (i = 0; i < caps->nmachines; i++) {
        if (caps->machines[i].alias && g_str_equal(caps->machines[i].alias, name))
            return &caps->machines[i];
    }
    return NULL;
}

const char *
vrQemuCapsCanonicalMachine(const vrQemuCaps *caps, const char *name)
{
    const vrQemuMachine *m = vrQemuCapsMachine(caps, name);

    return m ? m->name : NULL;
}

const char *
vrQemuCapsDefaultMachine(const vrQemuCaps *caps)
{
    size_t i;

    for (i = 0; i < caps->nmachines; i++) {
        if (caps->machines[i].isDefault)
            return caps->machines[i].name;
    }
    return NULL;
}

bool
vrQemuCapsMachineIsQ35(const char *canonical)
{
    return canonical && (g_str_has_prefix(canonical, "pc-q35-") || g_str_equal(canonical, "q35"));
}

size_t
vrQemuCapsCPUModels(const vrQemuCaps *caps, vrQemuAccel accel, const vrQemuCPUModel **models)
{
    if (accel < 0 || accel >= VR_QEMU_ACCEL_LAST) {
        if (models)
            *models = NULL;
        return 0;
    }
    if (models)
        *models = caps->cpuModels[accel];
    return caps->ncpuModels[accel];
}

bool
vrQemuCapsHasType(const vrQemuCaps *caps, const char *type)
{
    return type && caps->typeSet && g_hash_table_contains(caps->typeSet, type);
}

bool
vrQemuCapsHasCommand(const vrQemuCaps *caps, const char *command)
{
    return command && caps->commandSet && g_hash_table_contains(caps->commandSet, command);
}

bool
vrQemuCapsHasOption(const vrQemuCaps *caps, const char *option)
{
    return option && caps->optionSet && g_hash_table_contains(caps->optionSet, option);
}

/* ---- one QEMU process for probing ------------------------------------ */

typedef struct {
    const char *binary;
    char *dir;                    /* private, below runDir */
    char *sockPath;
    char *errPath;
    int errFd;
    vrCommand *cmd;
    pid_t pid;
    vrQemuMonitor *mon;
} vrQemuCapsProc;

#define CAPS_PROC_INIT { NULL, NULL, NULL, NULL, -1, NULL, 0, NULL }

/* The last few lines QEMU wrote to stderr, on one line; "" if none. */
static char *
capsProcStderr(vrQemuCapsProc *proc)
{
    g_autofree char *buf = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GPtrArray) keep = g_ptr_array_new();
    int n;

    if (!proc->errPath || vrFileReadAll(proc->errPath, CAPS_STDERR_MAX, &buf) < 0) {
        vrResetLastError();
        return g_strdup("");
    }
    lines = g_strsplit(buf, "\n", -1);
    for (n = (int)g_strv_length(lines) - 1; n >= 0 && keep->len < 3; n--) {
        char *line = g_strstrip(lines[n]);
        if (*line)
            g_ptr_array_insert(keep, 0, line);
    }
    g_ptr_array_add(keep, NULL);
    return g_strjoinv("; ", (char **)keep->pdata);
}

/* Reports "cannot probe BINARY: STEP: DETAIL; QEMU said: STDERR", the
 * detail being the error that made the step fail. */
static void
capsProcReport(vrQemuCapsProc *proc, const char *step)
{
    const vrError *last = vrGetLastError();
    g_autofree char *detail = NULL;
    g_autofree char *tail = capsProcStderr(proc);

    if (last)
        detail = g_strdup(last->str2 ? last->str2 : last->message);
    vrReportError(VR_ERR_INTERNAL_ERROR, "cannot probe %s: %s%s%s%s%s", proc->binary, step,
                  detail ? ": " : "", detail ? detail : "", *tail ? "; QEMU said: " : "",
                  tail);
}

/* A directory only this probe uses, owned by the user QEMU runs as so
 * that it can create its socket there. */
static int
capsProcMakeDir(vrQemuCapsProc *proc, const char *runDir, uid_t uid, gid_t gid)
{
    g_autofree char *tmpl = g_build_filename(runDir, "caps-probe-XXXXXX", NULL);

    if (vrFileMakePath(runDir, 0755) < 0)
        return -1;
    if (!g_mkdtemp_full(tmpl, 0700)) {
        vrReportSystemError(errno, "cannot create a directory in '%s'", runDir);
        return -1;
    }
    proc->dir = g_steal_pointer(&tmpl);
    if (geteuid() == 0 && (uid != 0 || gid != 0) && chown(proc->dir, uid, gid) < 0) {
        vrReportSystemError(errno, "cannot give '%s' to %u:%u", proc->dir, (unsigned)uid,
                            (unsigned)gid);
        return -1;
    }
    proc->sockPath = g_build_filename(proc->dir, "qmp.sock", NULL);
    proc->errPath = g_build_filename(proc->dir, "stderr.log", NULL);
    proc->errFd = open(proc->errPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (proc->errFd < 0) {
        vrReportSystemError(errno, "cannot create '%s'", proc->errPath);
        return -1;
    }
    return 0;
}

/* Starts @proc->binary with @args plus the QMP socket. */
static int
capsProcStart(vrQemuCapsProc *proc, const char *const *args, uid_t uid, gid_t gid)
{
    proc->cmd = vrCommandNew(proc->binary);
    vrCommandAddArgSet(proc->cmd, args);
    vrCommandAddArg(proc->cmd, "-qmp");
    vrCommandAddArgFormat(proc->cmd, "unix:%s,server=on,wait=off", proc->sockPath);
    vrCommandClearEnv(proc->cmd);
    /* Only root can switch users; a session daemon probes as itself. */
    if (geteuid() == 0) {
        vrCommandSetUID(proc->cmd, uid);
        vrCommandSetGID(proc->cmd, gid);
    }
    vrCommandSetErrorFD(proc->cmd, proc->errFd);
    vrCommandSetTimeout(proc->cmd, CAPS_PROCESS_TIMEOUT_MS);
    if (vrCommandRunAsync(proc->cmd, &proc->pid) < 0) {
        capsProcReport(proc, "cannot start QEMU");
        return -1;
    }
    return 0;
}

/* Connects to QMP, giving up at once if QEMU exits before its socket
 * is up (a bad option, an unusable accelerator). */
static int
capsProcConnect(vrQemuCapsProc *proc, vrEventLoop *loop)
{
    static const vrQemuMonitorCallbacks cb = { 0 };
    gint64 deadline = g_get_monotonic_time() + CAPS_CONNECT_TIMEOUT_MS * 1000LL;
    int fd;

    for (;;) {
        if ((fd = vrQemuMonitorConnectSocket(proc->sockPath, "QEMU monitor", 20)) >= 0)
            break;
        if (!vrProcessExists(proc->pid)) {
            vrResetLastError();
            vrReportError(VR_ERR_OPERATION_FAILED, "%s",
                          "QEMU exited before its monitor was up");
            capsProcReport(proc, "cannot start QEMU");
            return -1;
        }
        if (g_get_monotonic_time() >= deadline) {
            capsProcReport(proc, "QEMU's monitor did not come up");
            return -1;
        }
    }
    proc->mon = vrQemuMonitorOpenFd(loop, fd, CAPS_CONNECT_TIMEOUT_MS, &cb, NULL);
    if (!proc->mon) {
        capsProcReport(proc, "cannot talk to QEMU's monitor");
        return -1;
    }
    vrQemuMonitorSetDefaultTimeout(proc->mon, CAPS_COMMAND_TIMEOUT_MS);
    return 0;
}

/* Reaps a process expected to exit by itself within @graceMs, killing
 * it when it does not. */
static void
capsProcReap(vrQemuCapsProc *proc, int graceMs)
{
    gint64 deadline = g_get_monotonic_time() + graceMs * 1000LL;
    int status;

    while (vrProcessExists(proc->pid) && g_get_monotonic_time() < deadline)
        g_usleep(5 * 1000);
    if (vrProcessExists(proc->pid)) {
        VR_WARN("QEMU %s did not exit in time: killing it", proc->binary);
        vrCommandAbort(proc->cmd);
    } else if (vrCommandWait(proc->cmd, &status) < 0) {
        vrResetLastError();
    }
}

/* Ends the process: "quit" when it still listens, killing otherwise,
 * and always reaping it.  Never fails: the probe's answers are in. */
static void
capsProcStop(vrQemuCapsProc *proc, bool polite)
{
    g_autoptr(vrError) saved = vrErrorSave();

    if (proc->mon) {
        if (polite && vrQemuMonitorQuit(proc->mon) < 0)
            polite = false;
        vrQemuMonitorClose(proc->mon);
        proc->mon = NULL;
    }
    if (proc->cmd && proc->pid > 0) {
        if (polite)
            capsProcReap(proc, 2000);
        else
            vrCommandAbort(proc->cmd);
    }
    capsErrorRestore(&saved);
}

/* Stops the process if needed and removes its files. */
static void
capsProcClear(vrQemuCapsProc *proc)
{
    g_autoptr(GDir) dir = NULL;
    const char *name;

    capsProcStop(proc, false);
    vrCommandFree(proc->cmd);
    proc->cmd = NULL;
    vrFileClose(&proc->errFd);
    if (proc->dir && (dir = g_dir_open(proc->dir, 0, NULL))) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *path = g_build_filename(proc->dir, name, NULL);
            unlink(path);
        }
    }
    if (proc->dir)
        rmdir(proc->dir);
    g_clear_pointer(&proc->dir, g_free);
    g_clear_pointer(&proc->sockPath, g_free);
    g_clear_pointer(&proc->errPath, g_free);
}

/* ---- what the probe asks ------------------------------------------ */

static int
capsQueryVersion(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    int major, minor, micro;

    if (vrQemuMonitorQueryVersion(mon, &major, &minor, &micro, &caps->package) < 0)
        return -1;
    caps->version = major * 1000000ULL + minor * 1000ULL + micro;
    return 0;
}

static int
capsQueryTarget(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    const vrQemuCapsArchInfo *info;
    const char *target;

    if (vrQemuMonitorCommand(mon, "query-target", NULL, &ret, 0) < 0 ||
        !(target = vrQemuJSONRequireString(ret, "query-target", "arch")))
        return -1;
    caps->target = g_strdup(target);
    info = capsArchByTarget(target);
    caps->arch = g_strdup(info ? info->arch : target);
    return 0;
}

static void
capsMachineFromInfo(vrQemuMachine *m, const vrQemuMonitorMachineInfo *info)
{
    m->name = g_strdup(info->name);
    m->alias = g_strdup(info->alias);
    m->maxCpus = info->maxCpus > 0 ? (unsigned int)info->maxCpus : 1;
    m->isDefault = info->isDefault;
    m->deprecated = info->deprecated;
    m->hotplugCpus = info->hotplugCpus;
    m->defaultCPUType = g_strdup(info->defaultCpuType);
    m->defaultRAMId = g_strdup(info->defaultRamId);
}

/* Keeps QEMU's order but puts the default machine first, as libvirt
 * lists them. */
static int
capsQueryMachines(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    g_autoptr(GPtrArray) list = NULL;
    size_t i, n = 0;
    int pass;

    if (vrQemuMonitorQueryMachines(mon, &list) < 0)
        return -1;
    caps->machines = g_new0(vrQemuMachine, list->len);
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < list->len; i++) {
            const vrQemuMonitorMachineInfo *info = g_ptr_array_index(list, i);
            if (info->isDefault == (pass == 0))
                capsMachineFromInfo(&caps->machines[n++], info);
        }
    }
    caps->nmachines = n;
    return 0;
}

static int
capsQueryCPUModels(vrQemuCaps *caps, vrQemuMonitor *mon, vrQemuAccel accel)
{
    g_autoptr(GPtrArray) defs = NULL;
    size_t i;

    if (vrQemuMonitorQueryCPUDefinitions(mon, &defs) < 0)
        return -1;
    caps->cpuModels[accel] = g_new0(vrQemuCPUModel, defs->len);
    caps->ncpuModels[accel] = defs->len;
    for (i = 0; i < defs->len; i++) {
        const vrQemuMonitorCPUDefinition *d = g_ptr_array_index(defs, i);
        vrQemuCPUModel *m = &caps->cpuModels[accel][i];

        m->name = g_strdup(d->name);
        m->typename = g_strdup(d->typeName);
        m->usable = d->usable != VR_QEMU_MONITOR_CPU_USABLE_NO;
        m->blockers = d->blockers && d->blockers[0] ? g_strdupv(d->blockers) : NULL;
        m->deprecated = d->deprecated;
    }
    return 0;
}

static int
capsQueryStrings(vrQemuMonitor *mon, const char *cmd, json_object *args, const char *key,
                 GPtrArray **out)
{
    g_autoptr(json_object) ret = NULL;
    g_auto(GStrv) list = NULL;

    if (vrQemuMonitorCommand(mon, cmd, args, &ret, 0) < 0 ||
        vrQemuJSONCheckType(ret, json_type_array, cmd) < 0)
        return -1;
    list = vrQemuJSONStringList(ret, key);
    *out = capsSortedFromStrv(list);
    return 0;
}

static int
capsQueryTypes(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    json_object *args = json_object_new_object();

    json_object_object_add(args, "abstract", json_object_new_boolean(0));
    return capsQueryStrings(mon, "qom-list-types", args, "name", &caps->types);
}

/* Events and the display types come from the QMP schema (QEMU 7
 * dropped query-events). */
static int
capsQuerySchema(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    g_autoptr(GPtrArray) events = g_ptr_array_new();
    size_t i, n;

    if (vrQemuMonitorCommand(mon, "query-qmp-schema", NULL, &ret, 0) < 0 ||
        vrQemuJSONCheckType(ret, json_type_array, "query-qmp-schema") < 0)
        return -1;
    n = json_object_array_length(ret);
    for (i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(ret, i);
        const char *meta = vrQemuJSONGetString(item, "meta-type");
        const char *name = vrQemuJSONGetString(item, "name");
        json_object *values = vrQemuJSONGetArray(item, "values");
        g_auto(GStrv) strv = NULL;

        if (meta && name && g_str_equal(meta, "event"))
            g_ptr_array_add(events, (char *)name);
        if (!caps->displayTypes && meta && g_str_equal(meta, "enum") && values &&
            (strv = vrQemuJSONStringList(values, NULL)) &&
            g_strv_contains((const char *const *)strv, "egl-headless"))
            caps->displayTypes = capsSortedFromStrv(strv);
    }
    g_ptr_array_add(events, NULL);
    caps->events = capsSortedFromStrv((char **)events->pdata);
    return 0;
}

/* Optional answers: QEMU without SEV/SGX/GIC support says so with an
 * error, which only means "not supported". */
static void
capsQuerySEV(vrQemuCaps *caps, vrQemuMonitor *mon, int timeoutMs)
{
    g_autoptr(json_object) ret = NULL;

    if (vrQemuMonitorCommand(mon, "query-sev-capabilities", NULL, &ret, timeoutMs) < 0) {
        vrResetLastError();
        return;
    }
    caps->hasSEV = vrQemuJSONGetUInt(ret, "cbitpos", &caps->sevCbitpos) == 0 &&
                   vrQemuJSONGetUInt(ret, "reduced-phys-bits", &caps->sevReducedPhysBits) == 0;
}

static void
capsQuerySGX(vrQemuCaps *caps, vrQemuMonitor *mon, int timeoutMs)
{
    g_autoptr(json_object) ret = NULL;
    json_object *sections;

    if (vrQemuMonitorCommand(mon, "query-sgx-capabilities", NULL, &ret, timeoutMs) < 0) {
        vrResetLastError();
        return;
    }
    vrQemuJSONGetBool(ret, "sgx", &caps->hasSGX);
    vrQemuJSONGetBool(ret, "sgx1", &caps->sgx1);
    vrQemuJSONGetBool(ret, "sgx2", &caps->sgx2);
    vrQemuJSONGetBool(ret, "flc", &caps->sgxFlc);
    if ((sections = vrQemuJSONGetArray(ret, "sections"))) {
        size_t i, n = json_object_array_length(sections);
        for (i = 0; i < n; i++) {
            unsigned long long size = 0;
            vrQemuJSONGetULongLong(json_object_array_get_idx(sections, i), "size", &size);
            caps->sgxSectionSize += size / 1024;
        }
    }
}

static void
capsQueryGIC(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    g_autoptr(json_object) ret = NULL;
    size_t i, n;

    if (vrQemuMonitorCommand(mon, "query-gic-capabilities", NULL, &ret, 0) < 0 ||
        vrQemuJSONCheckType(ret, json_type_array, "query-gic-capabilities") < 0) {
        vrResetLastError();
        return;
    }
    n = json_object_array_length(ret);
    for (i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(ret, i);
        bool emulated = false, kernel = false;
        unsigned int version;

        vrQemuJSONGetBool(item, "emulated", &emulated);
        vrQemuJSONGetBool(item, "kernel", &kernel);
        if (vrQemuJSONGetUInt(item, "version", &version) == 0 && (emulated || kernel)) {
            g_autofree char *v = g_strdup_printf("%u", version);
            capsStrAppend(&caps->gicVersions, v);
        }
    }
}

/* Runs the fixed list of queries; @step names the one that failed. */
static int
capsProbeQueries(vrQemuCaps *caps, vrQemuMonitor *mon, bool *kvmCompiled, const char **step)
{
    bool kvmEnabled = false;

    if ((*step = "query-version", capsQueryVersion(caps, mon) < 0) ||
        (*step = "query-target", capsQueryTarget(caps, mon) < 0) ||
        (*step = "query-kvm", vrQemuMonitorQueryKVM(mon, &kvmEnabled, kvmCompiled) < 0) ||
        (*step = "query-machines", capsQueryMachines(caps, mon) < 0) ||
        (*step = "query-cpu-definitions",
         capsQueryCPUModels(caps, mon, VR_QEMU_ACCEL_TCG) < 0) ||
        (*step = "qom-list-types", capsQueryTypes(caps, mon) < 0) ||
        (*step = "query-commands",
         capsQueryStrings(mon, "query-commands", NULL, "name", &caps->commands) < 0) ||
        (*step = "query-command-line-options",
         capsQueryStrings(mon, "query-command-line-options", NULL, "option",
                          &caps->options) < 0) ||
        (*step = "query-qmp-schema", capsQuerySchema(caps, mon) < 0))
        return -1;
    /* Without KVM enabled QEMU cannot say anything about SEV/SGX; the
     * KVM test guest asks again. */
    capsQuerySEV(caps, mon, 0);
    capsQueryGIC(caps, mon);
    return 0;
}

/* The TCG probe: everything but the KVM verdict. */
static int
capsProbeTCG(vrQemuCaps *caps, vrQemuCapsCache *cache, bool *kvmCompiled)
{
    static const char *const args[] = {
        "-machine", "none", "-nodefaults", "-nographic", "-display", "none", "-S",
        "-no-user-config", "-accel", "tcg", NULL
    };
    vrQemuCapsProc proc = CAPS_PROC_INIT;
    const char *step = NULL;
    int ret = -1;

    proc.binary = caps->binary;
    if (capsProcMakeDir(&proc, cache->runDir, cache->uid, cache->gid) < 0) {
        capsProcReport(&proc, "cannot prepare the probe");
        goto cleanup;
    }
    if (capsProcStart(&proc, args, cache->uid, cache->gid) < 0 ||
        capsProcConnect(&proc, cache->loop) < 0)
        goto cleanup;
    if (capsProbeQueries(caps, proc.mon, kvmCompiled, &step) < 0) {
        g_autofree char *what = g_strdup_printf("QEMU failed to answer %s", step);
        capsProcReport(&proc, what);
        goto cleanup;
    }
    capsProcStop(&proc, true);
    ret = 0;
 cleanup:
    capsProcClear(&proc);
    return ret;
}

/* ---- KVM test guest -------------------------------------------------
 *
 * /dev/kvm opening and QEMU accepting "-accel kvm" do not prove that a
 * guest can run: a nested or emulated KVM may stall in mode switches or
 * run guest code thousands of times slower than hardware.  So a 64 KiB
 * firmware image is generated that QEMU loads with -bios; its code
 * walks through what every OS does early and reports each step on the
 * isa-debugcon port 0x402 (collected in a file):
 *
 *   reset vector (ROM, F000:FFF0)    jmp F000:0000
 *   stub (ROM, F000:0000)            copy the payload to 0x7C00, jump there
 *   'R' real mode                    load a GDT, set CR0.PE, far jump
 *   'P' protected mode, flat 4 GiB   write one byte in each page of 2..14 MiB
 *   'M' memory touched               count down from 50,000,000
 *   'C' computed                     if CPUID says long mode: PAE, EFER.LME,
 *                                    identity map of 2 MiB, CR0.PG, far jump
 *   'L' long mode                    write 0x2a to isa-debug-exit (port 0x501)
 *
 * QEMU then exits with status (0x2a << 1) | 1.  On hardware KVM the whole
 * run takes a few milliseconds; the loop alone takes a fraction of a
 * second under TCG.  The test passes when QEMU exits so within
 * CAPS_KVM_DEADLINE_MS; otherwise the last step reached, QEMU's run state
 * ("internal-error") and its stderr make up the reason.
 *
 * The payload was assembled from this source (GNU as, linked at 0x7C00):
 *
 *         .code16
 *         cli; xor %ax,%ax; mov %ax,%ds; mov %ax,%ss; mov $0x7000,%sp
 *         mov $0x402,%dx; mov $'R',%al; out %al,%dx
 *         lgdtl gdtdesc
 *         mov %cr0,%eax; or $1,%eax; mov %eax,%cr0
 *         ljmpl $0x08,$pm32
 *         .code32
 * pm32:   mov $0x10,%ax; mov %ax,%ds; mov %ax,%es; mov %ax,%ss
 *         mov $0x402,%dx; mov $'P',%al; out %al,%dx
 *         mov $0x200000,%edi; mov $3072,%ecx
 * 1:      movb %al,(%edi); add $4096,%edi; loop 1b
 *         mov $'M',%al; out %al,%dx
 *         mov $50000000,%ecx
 * 2:      dec %ecx; jnz 2b
 *         mov $'C',%al; out %al,%dx
 *         mov $0x80000000,%eax; cpuid; cmp $0x80000001,%eax; jb exit32
 *         mov $0x80000001,%eax; cpuid; bt $29,%edx; jnc exit32
 *         mov $0x1000,%edi; xor %eax,%eax; mov $0xc00,%ecx; rep stosl
 *         movl $0x2003,0x1000; movl $0x3003,0x2000; movl $0x83,0x3000
 *         mov $0x1000,%eax; mov %eax,%cr3
 *         mov %cr4,%eax; or $0x20,%eax; mov %eax,%cr4
 *         mov $0xC0000080,%ecx; rdmsr; or $0x100,%eax; wrmsr
 *         mov %cr0,%eax; or $0x80000000,%eax; mov %eax,%cr0
 *         ljmp $0x18,$lm64
 * exit32: mov $0x501,%dx; mov $0x2a,%al; out %al,%dx
 * 3:      hlt; jmp 3b
 *         .code64
 * lm64:   mov $0x402,%dx; mov $'L',%al; out %al,%dx
 *         mov $0x501,%dx; mov $0x2a,%al; out %al,%dx
 * 4:      hlt; jmp 4b
 *         .p2align 3
 * gdt:    .quad 0, 0x00CF9A000000FFFF, 0x00CF92000000FFFF, 0x00AF9A000000FFFF
 * gdtdesc: .word gdtdesc - gdt - 1; .long gdt
 *
 * and the stub, run in place from the ROM:
 *
 *         cli; mov $0xF000,%ax; mov %ax,%ds; xor %ax,%ax; mov %ax,%es
 *         mov $0x100,%si; mov $0x7C00,%di; mov $0x200,%cx; cld; rep movsb
 *         ljmp $0,$0x7C00
 *
 * The GDT lives in RAM on purpose: the CPU sets descriptors' accessed
 * bits, and a GDT in ROM would test QEMU's ROM write handling instead.
 */
static const unsigned char capsKVMStub[] = {
    0xfa, 0xb8, 0x00, 0xf0, 0x8e, 0xd8, 0x31, 0xc0, 0x8e, 0xc0, 0xbe, 0x00,
    0x01, 0xbf, 0x00, 0x7c, 0xb9, 0x00, 0x02, 0xfc, 0xf3, 0xa4, 0xea, 0x00,
    0x7c, 0x00, 0x00
};

static const unsigned char capsKVMPayload[] = {
    0xfa, 0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xd0, 0xbc, 0x00, 0x70, 0xba, 0x02,
    0x04, 0xb0, 0x52, 0xee, 0x66, 0x0f, 0x01, 0x16, 0x10, 0x7d, 0x0f, 0x20,
    0xc0, 0x66, 0x83, 0xc8, 0x01, 0x0f, 0x22, 0xc0, 0x66, 0xea, 0x28, 0x7c,
    0x00, 0x00, 0x08, 0x00, 0x66, 0xb8, 0x10, 0x00, 0x8e, 0xd8, 0x8e, 0xc0,
    0x8e, 0xd0, 0x66, 0xba, 0x02, 0x04, 0xb0, 0x50, 0xee, 0xbf, 0x00, 0x00,
    0x20, 0x00, 0xb9, 0x00, 0x0c, 0x00, 0x00, 0x88, 0x07, 0x81, 0xc7, 0x00,
    0x10, 0x00, 0x00, 0xe2, 0xf6, 0xb0, 0x4d, 0xee, 0xb9, 0x80, 0xf0, 0xfa,
    0x02, 0x49, 0x75, 0xfd, 0xb0, 0x43, 0xee, 0xb8, 0x00, 0x00, 0x00, 0x80,
    0x0f, 0xa2, 0x3d, 0x01, 0x00, 0x00, 0x80, 0x72, 0x6a, 0xb8, 0x01, 0x00,
    0x00, 0x80, 0x0f, 0xa2, 0x0f, 0xba, 0xe2, 0x1d, 0x73, 0x5d, 0xbf, 0x00,
    0x10, 0x00, 0x00, 0x31, 0xc0, 0xb9, 0x00, 0x0c, 0x00, 0x00, 0xf3, 0xab,
    0xc7, 0x05, 0x00, 0x10, 0x00, 0x00, 0x03, 0x20, 0x00, 0x00, 0xc7, 0x05,
    0x00, 0x20, 0x00, 0x00, 0x03, 0x30, 0x00, 0x00, 0xc7, 0x05, 0x00, 0x30,
    0x00, 0x00, 0x83, 0x00, 0x00, 0x00, 0xb8, 0x00, 0x10, 0x00, 0x00, 0x0f,
    0x22, 0xd8, 0x0f, 0x20, 0xe0, 0x83, 0xc8, 0x20, 0x0f, 0x22, 0xe0, 0xb9,
    0x80, 0x00, 0x00, 0xc0, 0x0f, 0x32, 0x0d, 0x00, 0x01, 0x00, 0x00, 0x0f,
    0x30, 0x0f, 0x20, 0xc0, 0x0d, 0x00, 0x00, 0x00, 0x80, 0x0f, 0x22, 0xc0,
    0xea, 0xdd, 0x7c, 0x00, 0x00, 0x18, 0x00, 0x66, 0xba, 0x01, 0x05, 0xb0,
    0x2a, 0xee, 0xf4, 0xeb, 0xfd, 0x66, 0xba, 0x02, 0x04, 0xb0, 0x4c, 0xee,
    0x66, 0xba, 0x01, 0x05, 0xb0, 0x2a, 0xee, 0xf4, 0xeb, 0xfd, 0x66, 0x90,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00,
    0x00, 0x9a, 0xcf, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x92, 0xcf, 0x00,
    0xff, 0xff, 0x00, 0x00, 0x00, 0x9a, 0xaf, 0x00, 0x1f, 0x00, 0xf0, 0x7c,
    0x00, 0x00
};

#define CAPS_KVM_ROM_SIZE 0x10000
#define CAPS_KVM_PAYLOAD_AT 0x100
#define CAPS_KVM_RESET_AT 0xFFF0

G_STATIC_ASSERT(sizeof(capsKVMStub) <= CAPS_KVM_PAYLOAD_AT);
G_STATIC_ASSERT(sizeof(capsKVMPayload) <= 0x200);

static int
capsKVMWriteROM(const char *path)
{
    static const unsigned char reset[] = { 0xea, 0x00, 0x00, 0x00, 0xf0 };
    g_autofree unsigned char *rom = g_malloc(CAPS_KVM_ROM_SIZE);

    memset(rom, 0xf4, CAPS_KVM_ROM_SIZE);       /* hlt everywhere else */
    memcpy(rom, capsKVMStub, sizeof(capsKVMStub));
    memcpy(rom + CAPS_KVM_PAYLOAD_AT, capsKVMPayload, sizeof(capsKVMPayload));
    memcpy(rom + CAPS_KVM_RESET_AT, reset, sizeof(reset));
    return vrFileWriteAtomic(path, (const char *)rom, CAPS_KVM_ROM_SIZE, 0644);
}

/* Why the guest did not finish, from the last step it reported. */
static const char *
capsKVMStallText(const char *progress)
{
    char last = progress && *progress ? progress[strlen(progress) - 1] : 0;

    switch (last) {
    case 0:
        return "it did not run its first instructions";
    case 'R':
        return "it stalled in real mode, switching to protected mode";
    case 'P':
        return "it stalled in protected mode, touching 12 MiB of its memory";
    case 'M':
        return "guest code runs far too slowly: a loop of 50 million iterations, "
               "a matter of milliseconds on working KVM, did not finish";
    case 'C':
        return "it stalled switching to long mode";
    default:
        return "it finished but QEMU did not exit";
    }
}

/* The steps the guest reported, in words: "real mode, protected mode". */
static char *
capsKVMStepsText(const char *progress)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new();
    const char *p;

    for (p = progress; p && *p; p++) {
        const char *w = *p == 'R' ? "real mode" : *p == 'P' ? "protected mode" :
                        *p == 'M' ? "memory touched" : *p == 'C' ? "loop done" :
                        *p == 'L' ? "long mode" : NULL;
        if (w)
            g_ptr_array_add(words, (char *)w);
    }
    if (!words->len)
        return g_strdup("none");
    g_ptr_array_add(words, NULL);
    return g_strjoinv(", ", (char **)words->pdata);
}

typedef struct {
    vrQemuCapsProc proc;
    char *romPath;
    char *progressPath;
} vrQemuCapsKVMTest;

static char *
capsKVMProgress(vrQemuCapsKVMTest *t)
{
    g_autofree char *buf = NULL;

    if (!g_file_get_contents(t->progressPath, &buf, NULL, NULL))
        return g_strdup("");
    return g_steal_pointer(&buf);
}

static int
capsKVMStart(vrQemuCapsKVMTest *t, vrQemuCapsCache *cache, const char *accel)
{
    g_autofree char *chardev = NULL;
    const char *args[] = {
        "-machine", "pc", "-accel", "kvm", "-nodefaults", "-nographic", "-display", "none",
        "-m", "16", "-no-user-config", "-S", "-bios", NULL,
        "-device", "isa-debug-exit,iobase=0x501,iosize=2",
        "-device", "isa-debugcon,iobase=0x402,chardev=progress",
        "-chardev", NULL, NULL
    };

    if (capsProcMakeDir(&t->proc, cache->runDir, cache->uid, cache->gid) < 0)
        return -1;
    t->romPath = g_build_filename(t->proc.dir, "kvm-test.rom", NULL);
    t->progressPath = g_build_filename(t->proc.dir, "progress", NULL);
    if (capsKVMWriteROM(t->romPath) < 0)
        return -1;
    chardev = g_strdup_printf("file,id=progress,path=%s", t->progressPath);
    args[3] = accel;
    args[13] = t->romPath;
    args[19] = chardev;
    return capsProcStart(&t->proc, args, cache->uid, cache->gid);
}

/* What QEMU says only with KVM enabled: CPU models runnable under KVM,
 * SEV and SGX.  Failures here do not decide the verdict. */
static void
capsKVMQueries(vrQemuCaps *caps, vrQemuMonitor *mon)
{
    vrQemuMonitorSetDefaultTimeout(mon, CAPS_KVM_QUERY_TIMEOUT_MS);
    if (capsQueryCPUModels(caps, mon, VR_QEMU_ACCEL_KVM) < 0) {
        VR_WARN("no KVM CPU models from %s", caps->binary);
        vrResetLastError();
    }
    capsQuerySEV(caps, mon, 0);
    capsQuerySGX(caps, mon, 0);
}

/* Waits for the guest to make QEMU exit; returns its exit status, or -1
 * with *state set to QEMU's run state when the deadline passed or the
 * guest was stopped by an error. */
static int
capsKVMWait(vrQemuCapsKVMTest *t, char **state)
{
    gint64 start = g_get_monotonic_time();
    gint64 deadline = start + CAPS_KVM_DEADLINE_MS * 1000LL;
    gint64 nextStatus = start + 200 * 1000;
    int status = -1;

    while (vrProcessExists(t->proc.pid)) {
        gint64 now = g_get_monotonic_time();
        bool running = true;

        if (now >= nextStatus || now >= deadline) {
            g_clear_pointer(state, g_free);
            if (vrQemuMonitorQueryStatus(t->proc.mon, &running, state) < 0)
                vrResetLastError();
            nextStatus = now + 200 * 1000;
            /* internal-error, guest-panicked, shutdown...: no need to wait */
            if (!running && *state && !g_str_equal(*state, "running"))
                return -1;
        }
        if (now >= deadline)
            return -1;
        g_usleep(10 * 1000);
    }
    vrQemuMonitorClose(t->proc.mon);
    t->proc.mon = NULL;
    if (vrCommandWait(t->proc.cmd, &status) < 0)
        vrResetLastError();
    return status;
}

static void
capsKVMSetVerdict(vrQemuCaps *caps, bool usable, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
capsKVMSetVerdict(vrQemuCaps *caps, bool usable, const char *fmt, ...)
{
    va_list ap;

    caps->kvmUsable = usable;
    g_clear_pointer(&caps->kvmWhy, g_free);
    if (!fmt)
        return;
    va_start(ap, fmt);
    caps->kvmWhy = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

/* The verdict once QEMU is up with KVM. */
static void
capsKVMJudge(vrQemuCaps *caps, vrQemuCapsKVMTest *t)
{
    g_autofree char *state = NULL;
    g_autofree char *progress = NULL;
    g_autofree char *steps = NULL;
    g_autofree char *tail = NULL;
    int status;

    if (vrQemuMonitorCont(t->proc.mon) < 0) {
        tail = capsProcStderr(&t->proc);
        capsKVMSetVerdict(caps, false, "KVM is present but a test guest did not run: QEMU "
                          "could not start it%s%s", *tail ? ": " : "", tail);
        return;
    }
    status = capsKVMWait(t, &state);
    progress = capsKVMProgress(t);
    steps = capsKVMStepsText(progress);
    tail = capsProcStderr(&t->proc);
    if (status == CAPS_KVM_EXIT_STATUS) {
        capsKVMSetVerdict(caps, true, NULL);
    } else if (status >= 0) {
        capsKVMSetVerdict(caps, false, "KVM is present but a test guest did not run: QEMU "
                          "exited with status %d (guest steps done: %s)%s%s", status, steps,
                          *tail ? ": " : "", tail);
    } else if (state && g_str_equal(state, "internal-error")) {
        capsKVMSetVerdict(caps, false, "KVM is present but a test guest did not run: KVM "
                          "internal error (guest steps done: %s)%s%s", steps,
                          *tail ? ": " : "", tail);
    } else {
        capsKVMSetVerdict(caps, false, "KVM is present but a test guest did not run: %s "
                          "within %d s (guest steps done: %s; QEMU state '%s')",
                          capsKVMStallText(progress), CAPS_KVM_DEADLINE_MS / 1000, steps,
                          state ? state : "unknown");
    }
}

/* Runs the test guest under @accel ("kvm"; "tcg" checks the test
 * itself); sets kvmPresent (QEMU could enable the accelerator) and the
 * usability verdict. */
static void
capsKVMTest(vrQemuCaps *caps, vrQemuCapsCache *cache, const char *accel)
{
    vrQemuCapsKVMTest t = { CAPS_PROC_INIT, NULL, NULL };
    g_autoptr(vrError) saved = vrErrorSave();

    t.proc.binary = caps->binary;
    if (capsKVMStart(&t, cache, accel) < 0 || capsProcConnect(&t.proc, cache->loop) < 0) {
        const vrError *err = vrGetLastError();
        /* QEMU could not even enable KVM: not present for this binary */
        caps->kvmPresent = false;
        capsKVMSetVerdict(caps, false, "QEMU cannot use KVM: %s",
                          err && err->str2 ? err->str2 : "unknown error");
        goto cleanup;
    }
    caps->kvmPresent = true;
    capsKVMQueries(caps, t.proc.mon);
    capsKVMJudge(caps, &t);
 cleanup:
    capsProcClear(&t.proc);
    g_free(t.romPath);
    g_free(t.progressPath);
    capsErrorRestore(&saved);
}

/* The KVM side of a probe: which of present/usable holds and why not. */
static void
capsProbeKVM(vrQemuCaps *caps, vrQemuCapsCache *cache, bool kvmCompiled)
{
    g_autofree char *hostArch = capsHostArch();
    gint64 start = g_get_monotonic_time();
    int fd;

    caps->kvmPresent = false;
    if (!kvmCompiled) {
        capsKVMSetVerdict(caps, false, "%s was built without KVM support", caps->binary);
        return;
    }
    if (!vrQemuCapsSupportsArch(caps, hostArch) && !(g_str_equal(hostArch, "x86_64") &&
                                                     g_str_equal(caps->arch, "i686"))) {
        capsKVMSetVerdict(caps, false, "KVM cannot run %s guests on this %s host",
                          caps->arch, hostArch);
        return;
    }
    if ((fd = open("/dev/kvm", O_RDWR | O_CLOEXEC)) < 0) {
        capsKVMSetVerdict(caps, false, "cannot open /dev/kvm: %s", g_strerror(errno));
        return;
    }
    close(fd);
    if (capsIsX86(caps->arch)) {
        capsKVMTest(caps, cache, "kvm");
    } else {
        /* no test guest for this architecture: trust /dev/kvm */
        caps->kvmPresent = true;
        capsKVMSetVerdict(caps, true, NULL);
    }
    caps->kvmCheckMs = (unsigned int)((g_get_monotonic_time() - start) / 1000);
    VR_INFO("KVM for %s: %s (%u ms)", caps->binary,
            caps->kvmUsable ? "usable" : caps->kvmWhy, caps->kvmCheckMs);
}

/* ---- the cache's event loop ------------------------------------------ */

static gpointer
capsLoopRun(gpointer opaque)
{
    vrEventLoopRun(opaque);
    return NULL;
}

/* Called with the cache's lock held. */
static void
capsCacheEnsureLoop(vrQemuCapsCache *cache)
{
    if (cache->loop)
        return;
    cache->loop = vrEventLoopNew();
    cache->loopThread = g_thread_new("qemu-caps", capsLoopRun, cache->loop);
}

static int capsCheckBinary(const char *binary);

/* A full probe of @binary. */
static vrQemuCaps *
capsProbe(vrQemuCapsCache *cache, const char *binary)
{
    g_autoptr(vrQemuCaps) caps = capsNew();
    gint64 start = g_get_monotonic_time();
    bool kvmCompiled = false;

    caps->binary = g_strdup(binary);
    capsStampOf(binary, &caps->binStamp);
    capsStampOf("/dev/kvm", &caps->kvmStamp);
    caps->producer = g_strdup(VIREO_VERSION);
    caps->probedAt = (long long)time(NULL);
    if (capsProbeTCG(caps, cache, &kvmCompiled) < 0)
        return NULL;
    capsProbeKVM(caps, cache, kvmCompiled);
    capsIndex(caps);
    caps->probeMs = (unsigned int)((g_get_monotonic_time() - start) / 1000);
    VR_INFO("probed %s (QEMU %llu) in %u ms", binary, caps->version, caps->probeMs);
    return g_steal_pointer(&caps);
}

int
vrQemuCapsRunTestGuest(vrQemuCapsCache *cache, const char *binary, const char *accel,
                       char **why)
{
    g_autoptr(vrQemuCaps) caps = capsNew();

    *why = NULL;
    if (!accel || (!g_str_equal(accel, "kvm") && !g_str_equal(accel, "tcg"))) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown accelerator '%s'", accel ? accel : "");
        return -1;
    }
    if (capsCheckBinary(binary) < 0)
        return -1;
    caps->binary = g_strdup(binary);
    g_mutex_lock(&cache->lock);
    capsCacheEnsureLoop(cache);
    g_mutex_unlock(&cache->lock);
    capsKVMTest(caps, cache, accel);
    if (caps->kvmPresent && caps->kvmUsable)
        return 1;
    *why = g_steal_pointer(&caps->kvmWhy);
    return 0;
}

/* ---- the cache file ------------------------------------------------ */

static json_object *
capsJSONStrings(const GPtrArray *arr)
{
    json_object *list = json_object_new_array();
    size_t i;

    for (i = 0; i < capsStrCount(arr); i++)
        json_object_array_add(list, json_object_new_string(g_ptr_array_index(arr, i)));
    return list;
}

static json_object *
capsJSONStrv(char **strv)
{
    json_object *list = json_object_new_array();
    size_t i;

    for (i = 0; strv && strv[i]; i++)
        json_object_array_add(list, json_object_new_string(strv[i]));
    return list;
}

static json_object *
capsJSONStamp(const vrQemuCapsStamp *st)
{
    json_object *obj;

    if (!st->exists)
        return NULL;
    obj = json_object_new_object();
    json_object_object_add(obj, "inode", json_object_new_uint64(st->ino));
    json_object_object_add(obj, "size", json_object_new_uint64(st->size));
    json_object_object_add(obj, "mtime", json_object_new_int64(st->mtime));
    json_object_object_add(obj, "mtime-ns", json_object_new_int64(st->mtimeNs));
    json_object_object_add(obj, "ctime", json_object_new_int64(st->ctime));
    json_object_object_add(obj, "ctime-ns", json_object_new_int64(st->ctimeNs));
    json_object_object_add(obj, "mode", json_object_new_int(st->mode));
    return obj;
}

static void
capsJSONAddString(json_object *obj, const char *key, const char *val)
{
    json_object_object_add(obj, key, val ? json_object_new_string(val) : NULL);
}

static json_object *
capsJSONMachines(const vrQemuCaps *caps)
{
    json_object *list = json_object_new_array();
    size_t i;

    for (i = 0; i < caps->nmachines; i++) {
        const vrQemuMachine *m = &caps->machines[i];
        json_object *obj = json_object_new_object();

        capsJSONAddString(obj, "name", m->name);
        capsJSONAddString(obj, "alias", m->alias);
        json_object_object_add(obj, "cpu-max", json_object_new_int64(m->maxCpus));
        json_object_object_add(obj, "default", json_object_new_boolean(m->isDefault));
        json_object_object_add(obj, "deprecated", json_object_new_boolean(m->deprecated));
        json_object_object_add(obj, "hotplug-cpus", json_object_new_boolean(m->hotplugCpus));
        capsJSONAddString(obj, "default-cpu-type", m->defaultCPUType);
        capsJSONAddString(obj, "default-ram-id", m->defaultRAMId);
        json_object_array_add(list, obj);
    }
    return list;
}

static json_object *
capsJSONCPUModels(const vrQemuCPUModel *models, size_t n)
{
    json_object *list = json_object_new_array();
    size_t i;

    for (i = 0; i < n; i++) {
        json_object *obj = json_object_new_object();

        capsJSONAddString(obj, "name", models[i].name);
        capsJSONAddString(obj, "typename", models[i].typename);
        json_object_object_add(obj, "usable", json_object_new_boolean(models[i].usable));
        json_object_object_add(obj, "blockers", capsJSONStrv(models[i].blockers));
        json_object_object_add(obj, "deprecated", json_object_new_boolean(models[i].deprecated));
        json_object_array_add(list, obj);
    }
    return list;
}

static json_object *
capsJSONHeader(const vrQemuCaps *caps)
{
    json_object *obj = json_object_new_object();
    g_autofree char *version = g_strdup_printf("%llu.%llu.%llu", caps->version / 1000000,
                                               caps->version / 1000 % 1000,
                                               caps->version % 1000);

    json_object_object_add(obj, "format", json_object_new_int(CAPS_FORMAT));
    capsJSONAddString(obj, "producer", caps->producer);
    capsJSONAddString(obj, "binary", caps->binary);
    json_object_object_add(obj, "binary-stamp", capsJSONStamp(&caps->binStamp));
    json_object_object_add(obj, "kvm-device-stamp", capsJSONStamp(&caps->kvmStamp));
    json_object_object_add(obj, "probed-at", json_object_new_int64(caps->probedAt));
    json_object_object_add(obj, "probe-ms", json_object_new_int64(caps->probeMs));
    json_object_object_add(obj, "kvm-check-ms", json_object_new_int64(caps->kvmCheckMs));
    capsJSONAddString(obj, "target", caps->target);
    capsJSONAddString(obj, "arch", caps->arch);
    capsJSONAddString(obj, "version", version);
    capsJSONAddString(obj, "package", caps->package);
    return obj;
}

static json_object *
capsJSONFeatures(const vrQemuCaps *caps)
{
    json_object *obj = json_object_new_object();
    json_object *kvm = json_object_new_object();
    json_object *sev = NULL, *sgx = NULL;

    json_object_object_add(kvm, "present", json_object_new_boolean(caps->kvmPresent));
    json_object_object_add(kvm, "usable", json_object_new_boolean(caps->kvmUsable));
    capsJSONAddString(kvm, "reason", caps->kvmWhy);
    json_object_object_add(obj, "kvm", kvm);
    if (caps->hasSEV) {
        sev = json_object_new_object();
        json_object_object_add(sev, "cbitpos", json_object_new_int64(caps->sevCbitpos));
        json_object_object_add(sev, "reduced-phys-bits",
                               json_object_new_int64(caps->sevReducedPhysBits));
    }
    json_object_object_add(obj, "sev", sev);
    if (caps->hasSGX) {
        sgx = json_object_new_object();
        json_object_object_add(sgx, "flc", json_object_new_boolean(caps->sgxFlc));
        json_object_object_add(sgx, "sgx1", json_object_new_boolean(caps->sgx1));
        json_object_object_add(sgx, "sgx2", json_object_new_boolean(caps->sgx2));
        json_object_object_add(sgx, "section-size-kib",
                               json_object_new_uint64(caps->sgxSectionSize));
    }
    json_object_object_add(obj, "sgx", sgx);
    json_object_object_add(obj, "gic-versions", capsJSONStrings(caps->gicVersions));
    return obj;
}

/* Merges the members of @from into @into (both objects). */
static void
capsJSONMerge(json_object *into, json_object *from)
{
    json_object_object_foreach(from, key, val)
        json_object_object_add(into, key, json_object_get(val));
    json_object_put(from);
}

static char *
capsToJSON(const vrQemuCaps *caps)
{
    g_autoptr(json_object) obj = capsJSONHeader(caps);
    json_object *models = json_object_new_object();

    capsJSONMerge(obj, capsJSONFeatures(caps));
    json_object_object_add(obj, "machines", capsJSONMachines(caps));
    json_object_object_add(models, "tcg", capsJSONCPUModels(caps->cpuModels[VR_QEMU_ACCEL_TCG],
                                                          caps->ncpuModels[VR_QEMU_ACCEL_TCG]));
    json_object_object_add(models, "kvm", capsJSONCPUModels(caps->cpuModels[VR_QEMU_ACCEL_KVM],
                                                          caps->ncpuModels[VR_QEMU_ACCEL_KVM]));
    json_object_object_add(obj, "cpu-models", models);
    json_object_object_add(obj, "commands", capsJSONStrings(caps->commands));
    json_object_object_add(obj, "events", capsJSONStrings(caps->events));
    json_object_object_add(obj, "options", capsJSONStrings(caps->options));
    json_object_object_add(obj, "display-types", capsJSONStrings(caps->displayTypes));
    json_object_object_add(obj, "types", capsJSONStrings(caps->types));
    return g_strdup_printf("%s\n", json_object_to_json_string_ext(obj,
                           JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                           JSON_C_TO_STRING_NOSLASHESCAPE));
}

int
vrQemuCapsSaveFile(const vrQemuCaps *caps, const char *path)
{
    g_autofree char *text = capsToJSON(caps);

    return vrFileWriteAtomic(path, text, strlen(text), 0644);
}

/* Loading: every member is checked; an error names the file and the
 * member ("machines[3].cpu-max"), as files may be edited by hand. */
typedef struct {
    const char *path;
    bool failed;
} vrQemuCapsLoad;

static void
capsLoadError(vrQemuCapsLoad *ld, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
capsLoadError(vrQemuCapsLoad *ld, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    if (ld->failed)
        return;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ld->failed = true;
    vrReportError(VR_ERR_INTERNAL_ERROR, "cannot load QEMU capabilities from '%s': %s",
                  ld->path, msg);
}

/* The member @key of @obj with type @type; NULL when absent or null
 * (an error when @required) or of the wrong type (always an error). */
static json_object *
capsLoadMember(vrQemuCapsLoad *ld, json_object *obj, const char *where, const char *key,
               json_type type, bool required)
{
    static const char *const names[] = {
        [json_type_null] = "null", [json_type_boolean] = "a boolean",
        [json_type_double] = "a number", [json_type_int] = "an integer",
        [json_type_object] = "an object", [json_type_array] = "an array",
        [json_type_string] = "a string",
    };
    json_object *val = NULL;

    if (!json_object_object_get_ex(obj, key, &val) || !val) {
        if (required)
            capsLoadError(ld, "member '%s%s%s' is missing", where, *where ? "." : "", key);
        return NULL;
    }
    if (!json_object_is_type(val, type)) {
        capsLoadError(ld, "member '%s%s%s' must be %s", where, *where ? "." : "", key,
                      names[type]);
        return NULL;
    }
    return val;
}

static char *
capsLoadString(vrQemuCapsLoad *ld, json_object *obj, const char *where, const char *key,
               bool required)
{
    json_object *val = capsLoadMember(ld, obj, where, key, json_type_string, required);

    return val ? g_strdup(json_object_get_string(val)) : NULL;
}

static bool
capsLoadBool(vrQemuCapsLoad *ld, json_object *obj, const char *where, const char *key)
{
    json_object *val = capsLoadMember(ld, obj, where, key, json_type_boolean, false);

    return val && json_object_get_boolean(val);
}

static unsigned long long
capsLoadUInt(vrQemuCapsLoad *ld, json_object *obj, const char *where, const char *key,
             bool required)
{
    json_object *val = capsLoadMember(ld, obj, where, key, json_type_int, required);
    int64_t v;

    if (!val)
        return 0;
    v = json_object_get_int64(val);
    if (v < 0) {
        capsLoadError(ld, "member '%s%s%s' must not be negative", where, *where ? "." : "",
                      key);
        return 0;
    }
    return (unsigned long long)v;
}

/* A list of strings, sorted (for sets) or as written (@keepOrder);
 * NULL for an absent member. */
static GPtrArray *
capsLoadStrings(vrQemuCapsLoad *ld, json_object *obj, const char *where, const char *key,
                bool required, bool keepOrder)
{
    json_object *arr = capsLoadMember(ld, obj, where, key, json_type_array, required);
    g_autoptr(GPtrArray) list = NULL;
    size_t i, n;

    if (!arr)
        return NULL;
    list = g_ptr_array_new();
    n = json_object_array_length(arr);
    for (i = 0; i < n; i++) {
        json_object *item = json_object_array_get_idx(arr, i);
        if (!json_object_is_type(item, json_type_string)) {
            capsLoadError(ld, "member '%s%s%s[%zu]' must be a string", where,
                          *where ? "." : "", key, i);
            return NULL;
        }
        g_ptr_array_add(list, (char *)json_object_get_string(item));
    }
    g_ptr_array_add(list, NULL);
    if (keepOrder) {
        GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
        for (i = 0; i < n; i++)
            g_ptr_array_add(out, g_strdup(g_ptr_array_index(list, i)));
        return out;
    }
    return capsSortedFromStrv((char **)list->pdata);
}

static void
capsLoadStamp(vrQemuCapsLoad *ld, json_object *obj, const char *key, vrQemuCapsStamp *st)
{
    json_object *s = capsLoadMember(ld, obj, "", key, json_type_object, false);

    memset(st, 0, sizeof(*st));
    if (!s)
        return;
    st->exists = true;
    st->ino = capsLoadUInt(ld, s, key, "inode", true);
    st->size = capsLoadUInt(ld, s, key, "size", true);
    st->mtime = (long long)capsLoadUInt(ld, s, key, "mtime", true);
    st->mtimeNs = (long long)capsLoadUInt(ld, s, key, "mtime-ns", false);
    st->ctime = (long long)capsLoadUInt(ld, s, key, "ctime", true);
    st->ctimeNs = (long long)capsLoadUInt(ld, s, key, "ctime-ns", false);
    st->mode = (unsigned int)capsLoadUInt(ld, s, key, "mode", false);
}

static void
capsLoadVersion(vrQemuCapsLoad *ld, vrQemuCaps *caps, json_object *obj)
{
    g_autofree char *text = capsLoadString(ld, obj, "", "version", true);
    unsigned int major, minor, micro;
    char extra;

    if (!text)
        return;
    if (sscanf(text, "%u.%u.%u%c", &major, &minor, &micro, &extra) != 3 || minor > 999 ||
        micro > 999) {
        capsLoadError(ld, "member 'version' must look like \"7.2.0\", not \"%s\"", text);
        return;
    }
    caps->version = major * 1000000ULL + minor * 1000ULL + micro;
}

static void
capsLoadHeader(vrQemuCapsLoad *ld, vrQemuCaps *caps, json_object *obj)
{
    unsigned long long format = capsLoadUInt(ld, obj, "", "format", true);
    const vrQemuCapsArchInfo *info;

    if (!ld->failed && format != CAPS_FORMAT)
        capsLoadError(ld, "format %llu is not the supported format %d", format, CAPS_FORMAT);
    caps->producer = capsLoadString(ld, obj, "", "producer", false);
    caps->binary = capsLoadString(ld, obj, "", "binary", true);
    capsLoadStamp(ld, obj, "binary-stamp", &caps->binStamp);
    capsLoadStamp(ld, obj, "kvm-device-stamp", &caps->kvmStamp);
    caps->probedAt = (long long)capsLoadUInt(ld, obj, "", "probed-at", false);
    caps->probeMs = (unsigned int)capsLoadUInt(ld, obj, "", "probe-ms", false);
    caps->kvmCheckMs = (unsigned int)capsLoadUInt(ld, obj, "", "kvm-check-ms", false);
    caps->target = capsLoadString(ld, obj, "", "target", true);
    caps->arch = capsLoadString(ld, obj, "", "arch", false);
    if (!caps->arch && caps->target) {
        info = capsArchByTarget(caps->target);
        caps->arch = g_strdup(info ? info->arch : caps->target);
    }
    capsLoadVersion(ld, caps, obj);
    caps->package = capsLoadString(ld, obj, "", "package", false);
}

static void
capsLoadFeatures(vrQemuCapsLoad *ld, vrQemuCaps *caps, json_object *obj)
{
    json_object *kvm = capsLoadMember(ld, obj, "", "kvm", json_type_object, true);
    json_object *sev = capsLoadMember(ld, obj, "", "sev", json_type_object, false);
    json_object *sgx = capsLoadMember(ld, obj, "", "sgx", json_type_object, false);

    if (kvm) {
        caps->kvmPresent = capsLoadBool(ld, kvm, "kvm", "present");
        caps->kvmUsable = capsLoadBool(ld, kvm, "kvm", "usable");
        caps->kvmWhy = capsLoadString(ld, kvm, "kvm", "reason", false);
    }
    if ((caps->hasSEV = sev != NULL)) {
        caps->sevCbitpos = (unsigned int)capsLoadUInt(ld, sev, "sev", "cbitpos", true);
        caps->sevReducedPhysBits = (unsigned int)capsLoadUInt(ld, sev, "sev",
                                                              "reduced-phys-bits", true);
    }
    if ((caps->hasSGX = sgx != NULL)) {
        caps->sgxFlc = capsLoadBool(ld, sgx, "sgx", "flc");
        caps->sgx1 = capsLoadBool(ld, sgx, "sgx", "sgx1");
        caps->sgx2 = capsLoadBool(ld, sgx, "sgx", "sgx2");
        caps->sgxSectionSize = capsLoadUInt(ld, sgx, "sgx", "section-size-kib", false);
    }
    caps->gicVersions = capsLoadStrings(ld, obj, "", "gic-versions", false, true);
}

static void
capsLoadMachine(vrQemuCapsLoad *ld, vrQemuMachine *m, json_object *item, size_t i)
{
    g_autofree char *where = g_strdup_printf("machines[%zu]", i);

    if (!json_object_is_type(item, json_type_object)) {
        capsLoadError(ld, "member '%s' must be an object", where);
        return;
    }
    m->name = capsLoadString(ld, item, where, "name", true);
    m->alias = capsLoadString(ld, item, where, "alias", false);
    m->maxCpus = (unsigned int)capsLoadUInt(ld, item, where, "cpu-max", true);
    m->isDefault = capsLoadBool(ld, item, where, "default");
    m->deprecated = capsLoadBool(ld, item, where, "deprecated");
    m->hotplugCpus = capsLoadBool(ld, item, where, "hotplug-cpus");
    m->defaultCPUType = capsLoadString(ld, item, where, "default-cpu-type", false);
    m->defaultRAMId = capsLoadString(ld, item, where, "default-ram-id", false);
    if (!ld->failed && m->maxCpus == 0)
        capsLoadError(ld, "member '%s.cpu-max' must be at least 1", where);
}

static void
capsLoadMachines(vrQemuCapsLoad *ld, vrQemuCaps *caps, json_object *obj)
{
    json_object *arr = capsLoadMember(ld, obj, "", "machines", json_type_array, true);
    size_t i, j, n;

    if (!arr)
        return;
    n = json_object_array_length(arr);
    if (n == 0)
        capsLoadError(ld, "%s", "member 'machines' lists no machine");
    caps->machines = g_new0(vrQemuMachine, n);
    caps->nmachines = n;
    for (i = 0; i < n && !ld->failed; i++)
        capsLoadMachine(ld, &caps->machines[i], json_object_array_get_idx(arr, i), i);
    for (i = 0; i < n && !ld->failed; i++) {
        for (j = 0; j < i; j++) {
            if (g_str_equal(caps->machines[i].name, caps->machines[j].name))
                capsLoadError(ld, "machine '%s' is listed twice", caps->machines[i].name);
        }
    }
}

static void
capsLoadCPUModel(vrQemuCapsLoad *ld, vrQemuCPUModel *m, json_object *item, const char *where)
{
    g_autoptr(GPtrArray) blockers = NULL;

    if (!json_object_is_type(item, json_type_object)) {
        capsLoadError(ld, "member '%s' must be an object", where);
        return;
    }
    m->name = capsLoadString(ld, item, where, "name", true);
    m->typename = capsLoadString(ld, item, where, "typename", false);
    m->usable = capsLoadBool(ld, item, where, "usable");
    m->deprecated = capsLoadBool(ld, item, where, "deprecated");
    blockers = capsLoadStrings(ld, item, where, "blockers", false, true);
    if (capsStrCount(blockers)) {
        g_ptr_array_add(blockers, NULL);
        m->blockers = g_strdupv((char **)blockers->pdata);
    }
}

static void
capsLoadCPUModels(vrQemuCapsLoad *ld, vrQemuCaps *caps, json_object *obj)
{
    static const char *const accels[VR_QEMU_ACCEL_LAST] = { "tcg", "kvm" };
    json_object *models = capsLoadMember(ld, obj, "", "cpu-models", json_type_object, false);
    size_t a, i, n;

    for (a = 0; models && a < VR_QEMU_ACCEL_LAST; a++) {
        json_object *arr = capsLoadMember(ld, models, "cpu-models", accels[a],
                                          json_type_array, false);
        if (!arr)
            continue;
        n = json_object_array_length(arr);
        caps->cpuModels[a] = g_new0(vrQemuCPUModel, n);
        caps->ncpuModels[a] = n;
        for (i = 0; i < n && !ld->failed; i++) {
            g_autofree char *where = g_strdup_printf("cpu-models.%s[%zu]", accels[a], i);
            capsLoadCPUModel(ld, &caps->cpuModels[a][i], json_object_array_get_idx(arr, i),
                             where);
        }
    }
}

static vrQemuCaps *
capsFromJSON(const char *path, const char *text)
{
    g_autoptr(vrQemuCaps) caps = capsNew();
    g_autoptr(json_object) obj = NULL;
    vrQemuCapsLoad ld = { path, false };
    enum json_tokener_error jerr = json_tokener_success;

    obj = json_tokener_parse_verbose(text, &jerr);
    if (!obj || !json_object_is_type(obj, json_type_object)) {
        capsLoadError(&ld, "not a JSON object (%s)",
                      obj ? "another JSON value" : json_tokener_error_desc(jerr));
        return NULL;
    }
    capsLoadHeader(&ld, caps, obj);
    capsLoadFeatures(&ld, caps, obj);
    capsLoadMachines(&ld, caps, obj);
    capsLoadCPUModels(&ld, caps, obj);
    caps->commands = capsLoadStrings(&ld, obj, "", "commands", true, false);
    caps->events = capsLoadStrings(&ld, obj, "", "events", false, false);
    caps->options = capsLoadStrings(&ld, obj, "", "options", false, false);
    caps->displayTypes = capsLoadStrings(&ld, obj, "", "display-types", false, false);
    caps->types = capsLoadStrings(&ld, obj, "", "types", true, false);
    if (ld.failed)
        return NULL;
    capsIndex(caps);
    return g_steal_pointer(&caps);
}

vrQemuCaps *
vrQemuCapsLoadFile(const char *path)
{
    g_autofree char *text = NULL;

    if (vrFileReadAll(path, CAPS_FILE_MAX, &text) < 0)
        return NULL;
    return capsFromJSON(path, text);
}

/* ---- the cache ------------------------------------------------------- */

static void
capsEntryFree(gpointer p)
{
    vrQemuCapsEntry *e = p;

    vrQemuCapsUnref(e->caps);
    vrErrorFree(e->err);
    g_free(e);
}

vrQemuCapsCache *
vrQemuCapsCacheNew(const char *cacheDir, const char *runDir, uid_t uid, gid_t gid)
{
    vrQemuCapsCache *cache = g_new0(vrQemuCapsCache, 1);

    cache->cacheDir = g_strdup(cacheDir);
    cache->runDir = g_strdup(runDir ? runDir : g_get_tmp_dir());
    cache->uid = uid;
    cache->gid = gid;
    g_mutex_init(&cache->lock);
    g_cond_init(&cache->cond);
    cache->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, capsEntryFree);
    return cache;
}

void
vrQemuCapsCacheFree(vrQemuCapsCache *cache)
{
    if (!cache)
        return;
    if (cache->loop) {
        vrEventLoopQuit(cache->loop);
        g_thread_join(cache->loopThread);
        vrEventLoopFree(cache->loop);
    }
    g_hash_table_unref(cache->entries);
    g_cond_clear(&cache->cond);
    g_mutex_clear(&cache->lock);
    g_free(cache->cacheDir);
    g_free(cache->runDir);
    g_free(cache->secDriver);
    g_free(cache);
}

void
vrQemuCapsCacheSetSecurityDriver(vrQemuCapsCache *cache, const char *secDriver)
{
    g_mutex_lock(&cache->lock);
    g_free(cache->secDriver);
    cache->secDriver = g_strdup(secDriver);
    g_mutex_unlock(&cache->lock);
}

unsigned int
vrQemuCapsCacheProbeCount(vrQemuCapsCache *cache)
{
    unsigned int n;

    g_mutex_lock(&cache->lock);
    n = cache->nprobes;
    g_mutex_unlock(&cache->lock);
    return n;
}

/* cacheDir/qemu-system-x86_64-<hash of the path>.json: readable, and
 * unique per path. */
static char *
capsCacheFilePath(vrQemuCapsCache *cache, const char *binary)
{
    g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, binary, -1);
    g_autofree char *base = g_path_get_basename(binary);
    g_autofree char *name = g_strdup_printf("%s-%.16s.json", base, sum);

    return g_build_filename(cache->cacheDir, name, NULL);
}

/* Whether @caps still describes @binary and this host's /dev/kvm. */
static bool
capsIsCurrent(const vrQemuCaps *caps, const char *binary)
{
    vrQemuCapsStamp bin, kvm;

    capsStampOf(binary, &bin);
    capsStampOf("/dev/kvm", &kvm);
    return bin.exists && caps->binary && g_str_equal(caps->binary, binary) &&
           capsStampEqual(&bin, &caps->binStamp) && capsStampEqual(&kvm, &caps->kvmStamp);
}

static vrQemuCaps *
capsCacheLoadCurrent(vrQemuCapsCache *cache, const char *binary)
{
    g_autofree char *path = NULL;
    g_autoptr(vrQemuCaps) caps = NULL;

    if (!cache->cacheDir)
        return NULL;
    path = capsCacheFilePath(cache, binary);
    if (!vrFileExists(path))
        return NULL;
    if (!(caps = vrQemuCapsLoadFile(path))) {
        VR_WARN("ignoring the capabilities cache: %s", vrGetLastError()->message);
        vrResetLastError();
        return NULL;
    }
    if (!caps->producer || !g_str_equal(caps->producer, VIREO_VERSION) ||
        !capsIsCurrent(caps, binary))
        return NULL;
    return g_steal_pointer(&caps);
}

static void
capsCacheStore(vrQemuCapsCache *cache, const vrQemuCaps *caps)
{
    g_autofree char *path = NULL;

    if (!cache->cacheDir)
        return;
    path = capsCacheFilePath(cache, caps->binary);
    if (vrFileMakePath(cache->cacheDir, 0755) < 0 || vrQemuCapsSaveFile(caps, path) < 0) {
        VR_WARN("cannot save QEMU capabilities: %s", vrGetLastError()->message);
        vrResetLastError();
    }
}

/* The slow part of a lookup, run without the cache's lock. */
static vrQemuCaps *
capsCacheFill(vrQemuCapsCache *cache, const char *binary)
{
    vrQemuCaps *caps;

    if ((caps = capsCacheLoadCurrent(cache, binary)))
        return caps;
    g_mutex_lock(&cache->lock);
    capsCacheEnsureLoop(cache);
    cache->nprobes++;
    g_mutex_unlock(&cache->lock);
    if ((caps = capsProbe(cache, binary)))
        capsCacheStore(cache, caps);
    return caps;
}

static int
capsCheckBinary(const char *binary)
{
    struct stat sb;

    if (stat(binary, &sb) < 0) {
        vrReportSystemError(errno, "cannot probe %s", binary);
        return -1;
    }
    if (!S_ISREG(sb.st_mode) || access(binary, X_OK) < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot probe %s: not an executable file", binary);
        return -1;
    }
    return 0;
}

/* Waits for a probe of @e by another thread; returns false (with the
 * prober's error reported) when that probe failed. */
static bool
capsCacheWaitBusy(vrQemuCapsCache *cache, vrQemuCapsEntry *e)
{
    unsigned int gen = e->generation;

    if (!e->busy)
        return true;
    while (e->busy)
        g_cond_wait(&cache->cond, &cache->lock);
    if (e->generation != gen && !e->caps && e->err) {
        vrErrorSetFrom(e->err);
        return false;
    }
    return true;
}

vrQemuCaps *
vrQemuCapsCacheLookup(vrQemuCapsCache *cache, const char *binary)
{
    vrQemuCapsEntry *e;
    vrQemuCaps *caps;

    if (!binary || !g_path_is_absolute(binary)) {
        vrReportError(VR_ERR_INVALID_ARG, "emulator path '%s' is not absolute",
                      binary ? binary : "");
        return NULL;
    }
    if (capsCheckBinary(binary) < 0)
        return NULL;
    g_mutex_lock(&cache->lock);
    if (!(e = g_hash_table_lookup(cache->entries, binary))) {
        e = g_new0(vrQemuCapsEntry, 1);
        g_hash_table_insert(cache->entries, g_strdup(binary), e);
    }
    if (!capsCacheWaitBusy(cache, e)) {
        g_mutex_unlock(&cache->lock);
        return NULL;
    }
    if (e->caps && capsIsCurrent(e->caps, binary)) {
        caps = vrQemuCapsRef(e->caps);
        g_mutex_unlock(&cache->lock);
        return caps;
    }
    e->busy = true;
    g_mutex_unlock(&cache->lock);

    caps = capsCacheFill(cache, binary);

    g_mutex_lock(&cache->lock);
    e->busy = false;
    e->generation++;
    g_clear_pointer(&e->err, vrErrorFree);
    vrQemuCapsUnref(e->caps);
    e->caps = vrQemuCapsRef(caps);
    if (!caps) {
        /* kept for the threads that waited for this probe */
        e->err = vrErrorSave();
        vrErrorSetFrom(e->err);
    }
    g_cond_broadcast(&cache->cond);
    g_mutex_unlock(&cache->lock);
    return caps;
}

/* The binary that runs @info's guests: its own, else its fallback's. */
static char *
capsFindBinary(const vrQemuCapsArchInfo *info)
{
    const vrQemuCapsArchInfo *fb;
    char *path = NULL;

    if (info->target) {
        g_autofree char *name = g_strdup_printf("qemu-system-%s", info->target);
        path = g_find_program_in_path(name);
    }
    if (!path && info->fallback && (fb = capsArchByTarget(info->fallback)))
        return capsFindBinary(fb);
    return path;
}

vrQemuCaps *
vrQemuCapsCacheLookupArch(vrQemuCapsCache *cache, const char *arch)
{
    const vrQemuCapsArchInfo *info = capsArchByName(arch);
    g_autofree char *binary = NULL;

    if (!info) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown architecture '%s'", arch ? arch : "");
        return NULL;
    }
    if (!(binary = capsFindBinary(info))) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED,
                      "no QEMU binary for architecture '%s' (qemu-system-%s is not in PATH)",
                      arch, info->target ? info->target : info->fallback);
        return NULL;
    }
    return vrQemuCapsCacheLookup(cache, binary);
}

vrQemuCaps *
vrQemuCapsCacheLookupDefault(vrQemuCapsCache *cache)
{
    g_autofree char *arch = capsHostArch();

    return vrQemuCapsCacheLookupArch(cache, arch);
}

/* ---- <capabilities>: the host ------------------------------------------ */

static void
capsHostUUID(vrCaps *caps)
{
    g_autofree char *text = capsReadSys("/sys/class/dmi/id/product_uuid");

    if (!text)
        text = capsReadSys("/etc/machine-id");
    if (text && vrUUIDParse(text, caps->host.uuid) == 0)
        caps->host.hasUUID = true;
    vrResetLastError();
}

/* "key : value" of the first processor in /proc/cpuinfo. */
static char *
capsCPUInfoField(const char *cpuinfo, const char *key)
{
    g_auto(GStrv) lines = g_strsplit(cpuinfo, "\n", -1);
    size_t i;

    for (i = 0; lines[i] && *lines[i]; i++) {
        char *colon = strchr(lines[i], ':');
        if (!colon)
            continue;
        *colon = '\0';
        if (g_str_equal(g_strstrip(lines[i]), key))
            return g_strdup(g_strstrip(colon + 1));
    }
    return NULL;
}

static void
capsHostCPUIdentity(vrCapsHostCPU *cpu)
{
    g_autofree char *info = NULL;
    g_autofree char *vendor = NULL, *micro = NULL, *family = NULL, *model = NULL;
    g_autofree char *stepping = NULL, *addr = NULL;
    unsigned int bits;

    if (!g_file_get_contents("/proc/cpuinfo", &info, NULL, NULL))
        return;
    vendor = capsCPUInfoField(info, "vendor_id");
    if (vendor)
        cpu->vendor = g_strdup(g_str_equal(vendor, "AuthenticAMD") ? "AMD" :
                               g_str_equal(vendor, "GenuineIntel") ? "Intel" :
                               g_str_equal(vendor, "HygonGenuine") ? "Hygon" : vendor);
    if ((micro = capsCPUInfoField(info, "microcode"))) {
        cpu->microcode = g_ascii_strtoull(micro, NULL, 0);
        cpu->hasMicrocode = true;
    }
    family = capsCPUInfoField(info, "cpu family");
    model = capsCPUInfoField(info, "model");
    stepping = capsCPUInfoField(info, "stepping");
    if (family && model && stepping) {
        cpu->hasSignature = true;
        cpu->sigFamily = (unsigned int)g_ascii_strtoull(family, NULL, 10);
        cpu->sigModel = (unsigned int)g_ascii_strtoull(model, NULL, 10);
        cpu->sigStepping = (unsigned int)g_ascii_strtoull(stepping, NULL, 10);
    }
    if ((addr = capsCPUInfoField(info, "address sizes")) &&
        sscanf(addr, "%u bits physical", &bits) == 1) {
        cpu->maxphysaddrMode = g_strdup("emulate");
        cpu->hasMaxphysaddrBits = true;
        cpu->maxphysaddrBits = bits;
    }
}

typedef struct {
    unsigned int id;
    unsigned int socket, die, core;
    char *siblings;
} vrQemuCapsHostCPU;

/* Online CPUs with their topology from sysfs. */
static GArray *
capsHostCPUs(void)
{
    g_autofree char *online = capsReadSys("/sys/devices/system/cpu/online");
    g_autoptr(vrBitmap) map = NULL;
    GArray *cpus = g_array_new(FALSE, TRUE, sizeof(vrQemuCapsHostCPU));
    size_t i;

    if (!online || vrBitmapParse(online, 8192, &map) < 0) {
        vrResetLastError();
        return cpus;
    }
    for (i = 0; i < vrBitmapSize(map); i++) {
        vrQemuCapsHostCPU c = { (unsigned int)i, 0, 0, 0, NULL };
        g_autofree char *dir = NULL;
        g_autofree char *path = NULL;

        if (!vrBitmapIsBitSet(map, i))
            continue;
        dir = g_strdup_printf("/sys/devices/system/cpu/cpu%zu/topology", i);
        c.socket = capsSysUInt(dir, "physical_package_id");
        c.die = capsSysUInt(dir, "die_id");
        c.core = capsSysUInt(dir, "core_id");
        path = g_build_filename(dir, "thread_siblings_list", NULL);
        c.siblings = capsReadSys(path);
        g_array_append_val(cpus, c);
    }
    return cpus;
}

static void
capsHostCPUsFree(GArray *cpus)
{
    size_t i;

    for (i = 0; i < cpus->len; i++)
        g_free(g_array_index(cpus, vrQemuCapsHostCPU, i).siblings);
    g_array_unref(cpus);
}

/* sockets/dies/cores/threads as counts per level, from distinct ids. */
static void
capsHostTopology(vrCapsHostCPU *cpu, GArray *cpus)
{
    g_autoptr(GHashTable) sockets = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GHashTable) dies = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GHashTable) cores = g_hash_table_new(g_direct_hash, g_direct_equal);
    size_t i;

    if (!cpus->len)
        return;
    for (i = 0; i < cpus->len; i++) {
        vrQemuCapsHostCPU *c = &g_array_index(cpus, vrQemuCapsHostCPU, i);
        g_hash_table_add(sockets, GUINT_TO_POINTER(c->socket));
        g_hash_table_add(dies, GUINT_TO_POINTER(c->socket << 16 | c->die));
        g_hash_table_add(cores, GUINT_TO_POINTER(c->socket << 24 | c->die << 16 | c->core));
    }
    cpu->hasTopology = cpu->hasDies = true;
    cpu->sockets = g_hash_table_size(sockets);
    cpu->dies = MAX(1, g_hash_table_size(dies) / cpu->sockets);
    cpu->cores = MAX(1, g_hash_table_size(cores) / g_hash_table_size(dies));
    cpu->threads = MAX(1, cpus->len / g_hash_table_size(cores));
}

/* Page sizes: the base page and the huge page sizes the kernel offers. */
static GArray *
capsHostPageSizes(void)
{
    GArray *sizes = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    g_autoptr(GDir) dir = g_dir_open("/sys/kernel/mm/hugepages", 0, NULL);
    unsigned int base = (unsigned int)(sysconf(_SC_PAGESIZE) / 1024);
    const char *name;

    g_array_append_val(sizes, base);
    while (dir && (name = g_dir_read_name(dir))) {
        unsigned int kib;
        if (sscanf(name, "hugepages-%ukB", &kib) == 1)
            g_array_append_val(sizes, kib);
    }
    g_array_sort(sizes, (GCompareFunc)capsUIntCompare);
    return sizes;
}

static void
capsHostCPU(vrCaps *caps, GArray *cpus, GArray *pageSizes)
{
    size_t i;

    capsHostCPUIdentity(&caps->host.cpu);
    capsHostTopology(&caps->host.cpu, cpus);
    for (i = 0; i < pageSizes->len; i++)
        vrCapsHostAddPages(caps, g_array_index(pageSizes, unsigned int, i));
}

/* "Node 0 MemTotal:  8874188 kB" from a node's meminfo, or MemTotal
 * from /proc/meminfo for @node NULL. */
static unsigned long long
capsMemTotalKiB(const char *nodeDir)
{
    g_autofree char *path = nodeDir ? g_build_filename(nodeDir, "meminfo", NULL)
                                    : g_strdup("/proc/meminfo");
    g_autofree char *text = NULL;
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(p = strstr(text, "MemTotal:")))
        return 0;
    return g_ascii_strtoull(p + strlen("MemTotal:"), NULL, 10);
}

static unsigned long long
capsNodeHugePages(const char *nodeDir, unsigned int kib)
{
    g_autofree char *path = NULL;
    unsigned long long n = 0;

    if (nodeDir)
        path = g_strdup_printf("%s/hugepages/hugepages-%ukB/nr_hugepages", nodeDir, kib);
    else
        path = g_strdup_printf("/sys/kernel/mm/hugepages/hugepages-%ukB/nr_hugepages", kib);
    return capsReadSysUInt(path, &n) ? n : 0;
}

/* Pages per size; the base size gets what huge pages leave. */
static void
capsCellPages(vrCapsNUMACell *cell, const char *nodeDir, GArray *pageSizes)
{
    unsigned long long rest = cell->memory;
    size_t i;

    for (i = 1; i < pageSizes->len; i++) {
        unsigned int kib = g_array_index(pageSizes, unsigned int, i);
        unsigned long long used = capsNodeHugePages(nodeDir, kib) * kib;
        rest = used < rest ? rest - used : 0;
    }
    for (i = 0; i < pageSizes->len; i++) {
        unsigned int kib = g_array_index(pageSizes, unsigned int, i);
        vrCapsCellAddPages(cell, kib, i == 0 ? rest / kib : capsNodeHugePages(nodeDir, kib));
    }
}

static void
capsCellDistances(vrCapsNUMACell *cell, const char *nodeDir, GArray *nodes)
{
    g_autofree char *path = g_build_filename(nodeDir, "distance", NULL);
    g_autofree char *text = capsReadSys(path);
    g_auto(GStrv) values = text ? g_strsplit_set(text, " \t", -1) : NULL;
    size_t i, n = 0;

    for (i = 0; values && values[i] && n < nodes->len; i++) {
        vrCapsDistance d;

        if (!*values[i])
            continue;
        d.id = g_array_index(nodes, unsigned int, n++);
        d.value = (unsigned int)g_ascii_strtoull(values[i], NULL, 10);
        cell->distances = g_renew(vrCapsDistance, cell->distances, cell->ndistances + 1);
        cell->distances[cell->ndistances++] = d;
    }
}

/* The CPUs of a cell: those in @cpulist (NULL: all). */
static void
capsCellCPUs(vrCapsNUMACell *cell, const char *cpulist, GArray *cpus)
{
    g_autoptr(vrBitmap) map = NULL;
    size_t i;

    if (cpulist && vrBitmapParse(cpulist, 8192, &map) < 0) {
        vrResetLastError();
        return;
    }
    for (i = 0; i < cpus->len; i++) {
        vrQemuCapsHostCPU *c = &g_array_index(cpus, vrQemuCapsHostCPU, i);
        if (map && (c->id >= vrBitmapSize(map) || !vrBitmapIsBitSet(map, c->id)))
            continue;
        vrCapsCellAddCPU(cell, c->id, c->socket, c->die, c->core, c->siblings);
    }
}

static GArray *
capsHostNodes(void)
{
    g_autofree char *online = capsReadSys("/sys/devices/system/node/online");
    g_autoptr(vrBitmap) map = NULL;
    GArray *nodes = g_array_new(FALSE, FALSE, sizeof(unsigned int));
    size_t i;

    if (!online || vrBitmapParse(online, 4096, &map) < 0) {
        vrResetLastError();
        return nodes;
    }
    for (i = 0; i < vrBitmapSize(map); i++) {
        unsigned int id = (unsigned int)i;
        if (vrBitmapIsBitSet(map, i))
            g_array_append_val(nodes, id);
    }
    return nodes;
}

/* NUMA cells from /sys/devices/system/node; one cell holding the whole
 * host when the kernel has no NUMA support. */
static void
capsHostNUMA(vrCaps *caps, GArray *cpus, GArray *pageSizes)
{
    g_autoptr(GArray) nodes = capsHostNodes();
    size_t i;

    if (!nodes->len) {
        vrCapsNUMACell *cell = vrCapsAddNUMACell(caps, 0, capsMemTotalKiB(NULL));
        capsCellPages(cell, NULL, pageSizes);
        capsCellCPUs(cell, NULL, cpus);
        return;
    }
    for (i = 0; i < nodes->len; i++) {
        unsigned int id = g_array_index(nodes, unsigned int, i);
        g_autofree char *dir = g_strdup_printf("/sys/devices/system/node/node%u", id);
        g_autofree char *listPath = g_build_filename(dir, "cpulist", NULL);
        g_autofree char *cpulist = capsReadSys(listPath);
        vrCapsNUMACell *cell = vrCapsAddNUMACell(caps, id, capsMemTotalKiB(dir));

        capsCellPages(cell, dir, pageSizes);
        capsCellDistances(cell, dir, nodes);
        capsCellCPUs(cell, cpulist ? cpulist : "", cpus);
    }
}

/* "32768K" -> 32 MiB: the largest unit that keeps the number whole. */
static void
capsCacheSize(const char *text, unsigned long long *size, char **unit)
{
    unsigned long long kib = g_ascii_strtoull(text, NULL, 10);

    if (strchr(text, 'M'))
        kib *= 1024;
    if (kib && kib % (1024 * 1024) == 0) {
        *size = kib / (1024 * 1024);
        *unit = g_strdup("GiB");
    } else if (kib && kib % 1024 == 0) {
        *size = kib / 1024;
        *unit = g_strdup("MiB");
    } else {
        *size = kib;
        *unit = g_strdup("KiB");
    }
}

static bool
capsHasBank(const vrCapsHost *host, unsigned int id, unsigned int level, const char *type)
{
    size_t i;

    for (i = 0; i < host->nbanks; i++) {
        if (host->banks[i].id == id && host->banks[i].level == level &&
            g_str_equal(host->banks[i].type, type))
            return true;
    }
    return false;
}

/* One cache directory of one CPU (level 3 and up only, as libvirt). */
static void
capsHostCacheIndex(vrCapsHost *host, const char *dir)
{
    g_autofree char *type = NULL, *size = NULL, *cpus = NULL, *path = NULL;
    unsigned int level = capsSysUInt(dir, "level");
    unsigned int id = capsSysUInt(dir, "id");
    const char *t;
    vrCapsBank bank = { 0 };

    path = g_build_filename(dir, "type", NULL);
    if (level < 3 || !(type = capsReadSys(path)))
        return;
    t = g_str_equal(type, "Data") ? "data" : g_str_equal(type, "Instruction") ? "code" : "both";
    if (capsHasBank(host, id, level, t))
        return;
    g_free(path);
    path = g_build_filename(dir, "size", NULL);
    size = capsReadSys(path);
    g_free(path);
    path = g_build_filename(dir, "shared_cpu_list", NULL);
    cpus = capsReadSys(path);
    if (!size || !cpus)
        return;
    bank.id = id;
    bank.level = level;
    bank.type = g_strdup(t);
    bank.cpus = g_steal_pointer(&cpus);
    capsCacheSize(size, &bank.size, &bank.unit);
    host->banks = g_renew(vrCapsBank, host->banks, host->nbanks + 1);
    host->banks[host->nbanks++] = bank;
    host->hasCache = true;
}

static void
capsHostCaches(vrCaps *caps, GArray *cpus)
{
    size_t i, j;

    for (i = 0; i < cpus->len; i++) {
        unsigned int id = g_array_index(cpus, vrQemuCapsHostCPU, i).id;
        for (j = 0; j < 16; j++) {
            g_autofree char *dir = g_strdup_printf("/sys/devices/system/cpu/cpu%u/cache/index%zu",
                                                   id, j);
            if (!vrFileIsDir(dir))
                break;
            capsHostCacheIndex(&caps->host, dir);
        }
    }
}

static void
capsHostMisc(vrCaps *caps, bool rdma)
{
    g_autofree char *power = capsReadSys("/sys/power/state");
    g_autoptr(GDir) groups = g_dir_open("/sys/kernel/iommu_groups", 0, NULL);

    if (power) {
        caps->host.suspendMem = strstr(power, "mem") != NULL;
        caps->host.suspendDisk = strstr(power, "disk") != NULL;
        caps->host.suspendHybrid = caps->host.suspendMem && caps->host.suspendDisk;
    }
    caps->host.iommu = groups && g_dir_read_name(groups) ? VR_CAPS_IOMMU_YES : VR_CAPS_IOMMU_NO;
    caps->host.hasMigration = true;
    caps->host.liveMigrate = true;
    capsStrAppend(&caps->host.migrateTransports, "tcp");
    if (rdma)
        capsStrAppend(&caps->host.migrateTransports, "rdma");
}

/* Security models as a privileged libvirt stacks them: the MAC driver
 * ("none" here: no SELinux/AppArmor driver) and DAC, whose base label
 * is the user and group QEMU runs as. */
static void
capsHostSecModels(vrCaps *caps, vrQemuCapsCache *cache)
{
    g_autofree char *label = g_strdup_printf("+%u:+%u", (unsigned)cache->uid,
                                             (unsigned)cache->gid);
    g_autofree char *secDriver = NULL;
    vrCapsSecModel *dac;

    g_mutex_lock(&cache->lock);
    secDriver = g_strdup(cache->secDriver);
    g_mutex_unlock(&cache->lock);
    if (!secDriver || !g_str_equal(secDriver, "dac"))
        vrCapsAddSecModel(caps, "none", "0");
    dac = vrCapsAddSecModel(caps, "dac", "0");
    vrCapsSecModelAddBaseLabel(dac, "kvm", label);
    vrCapsSecModelAddBaseLabel(dac, "qemu", label);
}

static void
capsHost(vrCaps *caps, vrQemuCapsCache *cache, bool rdma)
{
    GArray *cpus = capsHostCPUs();
    g_autoptr(GArray) pageSizes = capsHostPageSizes();

    capsHostUUID(caps);
    capsHostCPU(caps, cpus, pageSizes);
    capsHostMisc(caps, rdma);
    capsHostNUMA(caps, cpus, pageSizes);
    capsHostCaches(caps, cpus);
    capsHostSecModels(caps, cache);
    capsHostCPUsFree(cpus);
}

/* ---- <capabilities>: the guests ----------------------------------------- */

static void
capsGuestMachines(vrCapsGuest *guest, const vrQemuCaps *qc)
{
    size_t i;

    for (i = 0; i < qc->nmachines; i++) {
        const vrQemuMachine *m = &qc->machines[i];

        /* "none" runs nothing; libvirt leaves it out too */
        if (g_str_equal(m->name, "none"))
            continue;
        vrCapsGuestAddMachine(guest, m->name, NULL, m->maxCpus);
        guest->machines[guest->nmachines - 1].deprecated = m->deprecated;
        if (m->alias)
            vrCapsGuestAddMachine(guest, m->alias, m->name, m->maxCpus);
    }
}

static void
capsGuestFeatures(vrCapsGuest *guest, const char *arch)
{
    if (g_str_equal(arch, "i686")) {
        vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_PAE, false, false);
        vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_NONPAE, false, false);
    }
    if (capsIsX86(arch) || g_str_equal(arch, "aarch64")) {
        vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_ACPI, true, true);
        if (capsIsX86(arch))
            vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_APIC, true, false);
    }
    vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_CPUSELECTION, false, false);
    vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_DEVICEBOOT, false, false);
    vrCapsGuestSetFeature(guest, VR_CAPS_GUEST_FEATURE_DISKSNAPSHOT, true, false);
}

/* One <guest> for @info's architecture, served by @qc.
 * Domain type 'kvm' is listed whenever KVM is present, also when the
 * test guest showed it unusable: libvirt lists it as soon as /dev/kvm
 * is accessible, and tools that pick 'kvm' from here then get the
 * usability reason when the guest starts (qemu_process.c refuses it)
 * instead of a KVM type that silently vanished. */
static void
capsAddGuest(vrCaps *caps, const vrQemuCapsArchInfo *info, const vrQemuCaps *qc)
{
    vrCapsGuest *guest = vrCapsAddGuest(caps, "hvm", info->arch, info->wordsize, qc->binary);

    capsGuestMachines(guest, qc);
    vrCapsGuestAddDomain(guest, "qemu", NULL);
    if (qc->kvmPresent)
        vrCapsGuestAddDomain(guest, "kvm", NULL);
    capsGuestFeatures(guest, info->arch);
}

typedef struct {
    vrQemuCapsCache *cache;
    char *binary;
    vrQemuCaps *caps;
    GThread *thread;
} vrQemuCapsGuestJob;

/* A binary that cannot be probed is left out, as libvirt does. */
static gpointer
capsGuestLookup(gpointer opaque)
{
    vrQemuCapsGuestJob *job = opaque;

    if (!(job->caps = vrQemuCapsCacheLookup(job->cache, job->binary))) {
        VR_WARN("leaving %s out of the capabilities: %s", job->binary,
                vrGetLastError()->message);
        vrResetLastError();
    }
    return NULL;
}

char *
vrQemuCapsFormatCapabilities(vrQemuCapsCache *cache)
{
    g_autofree char *hostArch = capsHostArch();
    g_autoptr(vrCaps) caps = vrCapsNew(hostArch);
    vrQemuCapsGuestJob jobs[G_N_ELEMENTS(capsArchTable)] = { { 0 } };
    bool rdma = false;
    size_t i;

    /* binaries not probed yet are probed side by side (their KVM tests
     * take seconds each) */
    for (i = 0; i < G_N_ELEMENTS(capsArchTable); i++) {
        jobs[i].cache = cache;
        if ((jobs[i].binary = capsFindBinary(&capsArchTable[i])))
            jobs[i].thread = g_thread_new("qemu-caps-lookup", capsGuestLookup, &jobs[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(capsArchTable); i++) {
        if (jobs[i].thread)
            g_thread_join(jobs[i].thread);
        if (jobs[i].caps) {
            capsAddGuest(caps, &capsArchTable[i], jobs[i].caps);
            rdma |= vrQemuCapsHasType(jobs[i].caps, "qio-channel-rdma");
        }
        vrQemuCapsUnref(jobs[i].caps);
        g_free(jobs[i].binary);
    }
    capsHost(caps, cache, rdma);
    return vrCapsFormat(caps);
}

/* ---- <domainCapabilities> ----------------------------------------------- */

/* Appends string values to an enum added with no values. */
static void
capsEnumAppend(vrDomCapsElement *elem, const char *value)
{
    capsStrAppend(&elem->enums[elem->nenums - 1].values, value);
}

/* Adds enum @name with each of @values (NULL-terminated pairs of value
 * and QOM type) whose type QEMU has; a NULL type is always there. */
static void
capsEnumTypes(vrDomCapsElement *elem, const vrQemuCaps *qc, const char *name,
              const char *const *pairs)
{
    size_t i;

    vrDomCapsEnumAdd(elem, name, NULL);
    for (i = 0; pairs[i]; i += 2) {
        if (!pairs[i + 1] || vrQemuCapsHasType(qc, pairs[i + 1]))
            capsEnumAppend(elem, pairs[i]);
    }
}

/* Firmware descriptors (QEMU's interop JSON) that fit @arch/@machine. */
typedef struct {
    char *executable;
    bool uefi, bios;
    bool secure;
    bool flash;
} vrQemuCapsFirmware;

static bool
capsFirmwareTargets(json_object *obj, const char *target, const char *machine)
{
    json_object *targets = vrQemuJSONGetArray(obj, "targets");
    size_t i, j, n = targets ? json_object_array_length(targets) : 0;

    for (i = 0; i < n; i++) {
        json_object *t = json_object_array_get_idx(targets, i);
        const char *arch = vrQemuJSONGetString(t, "architecture");
        json_object *machines = vrQemuJSONGetArray(t, "machines");
        size_t m = machines ? json_object_array_length(machines) : 0;

        if (!arch || !g_str_equal(arch, target))
            continue;
        for (j = 0; j < m; j++) {
            const char *glob = json_object_get_string(json_object_array_get_idx(machines, j));
            if (glob && fnmatch(glob, machine, 0) == 0)
                return true;
        }
    }
    return false;
}

static bool
capsJSONArrayHas(json_object *arr, const char *value)
{
    size_t i, n = arr ? json_object_array_length(arr) : 0;

    for (i = 0; i < n; i++) {
        const char *s = json_object_get_string(json_object_array_get_idx(arr, i));
        if (s && g_str_equal(s, value))
            return true;
    }
    return false;
}

static bool
capsFirmwareParse(const char *path, const char *target, const char *machine,
                  vrQemuCapsFirmware *fw)
{
    g_autoptr(json_object) obj = NULL;
    g_autofree char *text = NULL;
    json_object *mapping, *exec, *iface, *features;
    const char *device, *file = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL) ||
        !(obj = json_tokener_parse(text)) || !capsFirmwareTargets(obj, target, machine) ||
        !(mapping = vrQemuJSONGetObject(obj, "mapping")) ||
        !(device = vrQemuJSONGetString(mapping, "device")))
        return false;
    if (g_str_equal(device, "flash") && (exec = vrQemuJSONGetObject(mapping, "executable")))
        file = vrQemuJSONGetString(exec, "filename");
    else if (g_str_equal(device, "memory"))
        file = vrQemuJSONGetString(mapping, "filename");
    if (!file)
        return false;
    iface = vrQemuJSONGetArray(obj, "interface-types");
    features = vrQemuJSONGetArray(obj, "features");
    fw->executable = g_strdup(file);
    fw->flash = g_str_equal(device, "flash");
    fw->uefi = capsJSONArrayHas(iface, "uefi");
    fw->bios = capsJSONArrayHas(iface, "bios");
    fw->secure = capsJSONArrayHas(features, "secure-boot");
    return true;
}

/* Descriptor file names, /etc/qemu/firmware overriding (or, when
 * empty, masking) those of the same name in /usr/share/qemu/firmware;
 * sorted by name as QEMU's interop spec orders them. */
static GPtrArray *
capsFirmwarePaths(void)
{
    static const char *const dirs[] = { "/etc/qemu/firmware", "/usr/share/qemu/firmware" };
    g_autoptr(GHashTable) byName = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GList) names = NULL;
    GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autoptr(GDir) dir = g_dir_open(dirs[i], 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
            if (g_str_has_suffix(name, ".json") && !g_hash_table_contains(byName, name))
                g_hash_table_insert(byName, g_strdup(name), g_build_filename(dirs[i], name, NULL));
        }
    }
    names = g_list_sort(g_hash_table_get_keys(byName), (GCompareFunc)strcmp);
    for (GList *l = names; l; l = l->next) {
        const char *path = g_hash_table_lookup(byName, l->data);
        struct stat sb;
        if (stat(path, &sb) == 0 && sb.st_size > 0)
            g_ptr_array_add(paths, g_strdup(path));
    }
    return paths;
}

static void
capsDomCapsOS(vrDomCaps *dc, const vrQemuCaps *qc, const char *machine)
{
    g_autoptr(GPtrArray) paths = capsFirmwarePaths();
    bool efi = false, bios = false, secure = false, insecure = false;
    size_t i;

    vrDomCapsElementSet(&dc->os, true);
    vrDomCapsElementSet(&dc->loader, true);
    for (i = 0; i < paths->len; i++) {
        vrQemuCapsFirmware fw = { 0 };

        if (!capsFirmwareParse(g_ptr_array_index(paths, i), qc->target, machine, &fw))
            continue;
        efi |= fw.uefi;
        bios |= fw.bios;
        secure |= fw.secure;
        insecure |= !fw.secure;
        if (!capsStrArrayHas(dc->loaderValues, fw.executable))
            capsStrAppend(&dc->loaderValues, fw.executable);
        g_free(fw.executable);
    }
    if (efi || bios) {
        vrDomCapsEnumAdd(&dc->os, "firmware", NULL);
        if (bios)
            capsEnumAppend(&dc->os, "bios");
        if (efi)
            capsEnumAppend(&dc->os, "efi");
    }
    vrDomCapsEnumAdd(&dc->loader, "type", "rom", "pflash", NULL);
    vrDomCapsEnumAdd(&dc->loader, "readonly", "yes", "no", NULL);
    vrDomCapsEnumAdd(&dc->loader, "secure", NULL);
    if (secure)
        capsEnumAppend(&dc->loader, "yes");
    if (insecure || !secure)
        capsEnumAppend(&dc->loader, "no");
}

/* libvirt's vendor of QEMU's x86 models (a fact of the CPUs they model;
 * generic models have none). */
static const char *
capsCPUVendor(const char *name)
{
    static const char *const amd[] = { "phenom", "athlon", "Opteron_", "EPYC", NULL };
    static const char *const intel[] = {
        "n270", "coreduo", "core2duo", "Conroe", "Penryn", "Nehalem", "Westmere",
        "SandyBridge", "IvyBridge", "Haswell", "Broadwell", "Skylake", "Cascadelake",
        "Cooperlake", "Icelake", "Snowridge", "KnightsMill", "Denverton", "SapphireRapids",
        "GraniteRapids", "SierraForest", NULL
    };
    size_t i;

    for (i = 0; amd[i]; i++) {
        if (g_str_has_prefix(name, amd[i]))
            return "AMD";
    }
    for (i = 0; intel[i]; i++) {
        if (g_str_has_prefix(name, intel[i]))
            return "Intel";
    }
    return g_str_has_prefix(name, "Dhyana") ? "Hygon" : "unknown";
}

/* Versioned names ("Skylake-Client-v2") and the special models stand
 * for others; libvirt lists the plain names only. */
static bool
capsCPUModelListed(const char *name)
{
    const char *v = strrchr(name, '-');

    if (g_str_equal(name, "max") || g_str_equal(name, "host") || g_str_equal(name, "base"))
        return false;
    if (v && v[1] == 'v' && v[2] && strspn(v + 2, "0123456789") == strlen(v + 2))
        return false;
    return true;
}

static void
capsDomCapsCustom(vrDomCapsCPU *cpu, const vrQemuCaps *qc, vrQemuAccel accel)
{
    size_t i;

    vrDomCapsElementSet(&cpu->mode, true);
    for (i = 0; i < qc->ncpuModels[accel]; i++) {
        const vrQemuCPUModel *m = &qc->cpuModels[accel][i];
        vrDomCapsCPUModel dm = { 0 };

        if (!capsCPUModelListed(m->name))
            continue;
        dm.name = g_strdup(m->name);
        dm.usable = g_strdup(m->usable ? "yes" : "no");
        dm.deprecated = m->deprecated ? g_strdup("yes") : NULL;
        dm.vendor = capsIsX86(qc->arch) ? g_strdup(capsCPUVendor(m->name)) : NULL;
        cpu->models = g_renew(vrDomCapsCPUModel, cpu->models, cpu->nmodels + 1);
        cpu->models[cpu->nmodels++] = dm;
    }
}

/* host-passthrough and host-model need a KVM that runs guests; under
 * TCG the 'maximum' model stands in for the host.  host-model's model
 * and features are not computed (no CPU map): it is offered bare. */
static void
capsDomCapsCPU(vrDomCaps *dc, const vrQemuCaps *qc, bool kvm)
{
    bool hostOK = kvm && qc->kvmPresent && qc->kvmUsable;
    vrQemuAccel accel = kvm && qc->ncpuModels[VR_QEMU_ACCEL_KVM] ? VR_QEMU_ACCEL_KVM
                                                                 : VR_QEMU_ACCEL_TCG;

    dc->hasCPU = true;
    vrDomCapsElementSet(&dc->cpu[VR_DOMCAPS_CPU_HOST_PASSTHROUGH].mode, hostOK);
    if (hostOK)
        vrDomCapsEnumAdd(&dc->cpu[VR_DOMCAPS_CPU_HOST_PASSTHROUGH].mode,
                         "hostPassthroughMigratable", "on", "off", NULL);
    vrDomCapsElementSet(&dc->cpu[VR_DOMCAPS_CPU_MAXIMUM].mode, true);
    vrDomCapsEnumAdd(&dc->cpu[VR_DOMCAPS_CPU_MAXIMUM].mode, "maximumMigratable", "on", "off",
                     NULL);
    vrDomCapsElementSet(&dc->cpu[VR_DOMCAPS_CPU_HOST_MODEL].mode, hostOK);
    capsDomCapsCustom(&dc->cpu[VR_DOMCAPS_CPU_CUSTOM], qc, accel);
}

static void
capsDomCapsMemory(vrDomCaps *dc, const vrQemuCaps *qc)
{
    static const char *const sources[] = {
        "file", "memory-backend-file", "anonymous", "memory-backend-ram",
        "memfd", "memory-backend-memfd", NULL
    };

    vrDomCapsElementSet(&dc->memoryBacking, true);
    capsEnumTypes(&dc->memoryBacking, qc, "sourceType", sources);
}

static void
capsDomCapsDisk(vrDomCaps *dc, const vrQemuCaps *qc, const char *machine)
{
    vrDomCapsElement *disk = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_DISK], true);
    bool ide = !vrQemuCapsMachineIsQ35(machine) && !g_str_equal(machine, "microvm") &&
               (vrQemuCapsHasType(qc, "piix3-ide") || vrQemuCapsHasType(qc, "piix4-ide"));
    bool scsi = vrQemuCapsHasType(qc, "virtio-scsi-pci") || vrQemuCapsHasType(qc, "lsi53c895a");
    static const char *const models[] = {
        "virtio", "virtio-blk-pci", "virtio-transitional", "virtio-blk-pci-transitional",
        "virtio-non-transitional", "virtio-blk-pci-non-transitional", NULL
    };

    vrDomCapsEnumAdd(disk, "diskDevice", "disk", "cdrom", "floppy", "lun", NULL);
    vrDomCapsEnumAdd(disk, "bus", NULL);
    if (ide)
        capsEnumAppend(disk, "ide");
    if (vrQemuCapsHasType(qc, "isa-fdc") && !g_str_equal(machine, "microvm"))
        capsEnumAppend(disk, "fdc");
    if (scsi)
        capsEnumAppend(disk, "scsi");
    if (vrQemuCapsHasType(qc, "virtio-blk-pci") || vrQemuCapsHasType(qc, "virtio-blk-device"))
        capsEnumAppend(disk, "virtio");
    if (vrQemuCapsHasType(qc, "usb-storage"))
        capsEnumAppend(disk, "usb");
    if (vrQemuCapsHasType(qc, "ich9-ahci"))
        capsEnumAppend(disk, "sata");
    capsEnumTypes(disk, qc, "model", models);
}

static void
capsDomCapsGraphics(vrDomCaps *dc, const vrQemuCaps *qc)
{
    vrDomCapsElement *g = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_GRAPHICS], true);

    vrDomCapsEnumAdd(g, "type", NULL);
    if (capsStrArrayHas(qc->displayTypes, "sdl"))
        capsEnumAppend(g, "sdl");
    if (vrQemuCapsHasCommand(qc, "query-vnc"))
        capsEnumAppend(g, "vnc");
    if (vrQemuCapsHasCommand(qc, "query-spice"))
        capsEnumAppend(g, "spice");
    if (capsStrArrayHas(qc->displayTypes, "egl-headless"))
        capsEnumAppend(g, "egl-headless");
    if (capsStrArrayHas(qc->displayTypes, "dbus"))
        capsEnumAppend(g, "dbus");
}

static void
capsDomCapsVideo(vrDomCaps *dc, const vrQemuCaps *qc)
{
    static const char *const models[] = {
        "vga", "VGA", "cirrus", "cirrus-vga", "vmvga", "vmware-svga", "qxl", "qxl-vga",
        "virtio", "virtio-gpu-pci", "none", NULL, "bochs", "bochs-display",
        "ramfb", "ramfb", NULL
    };

    capsEnumTypes(vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_VIDEO], true), qc,
                  "modelType", models);
}

static void
capsDomCapsHostdev(vrDomCaps *dc, const vrQemuCaps *qc)
{
    vrDomCapsElement *h = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_HOSTDEV], true);
    static const char *const subsys[] = {
        "usb", "usb-host", "pci", "vfio-pci", "scsi", "scsi-generic", NULL
    };

    vrDomCapsEnumAdd(h, "mode", "subsystem", NULL);
    vrDomCapsEnumAdd(h, "startupPolicy", "default", "mandatory", "requisite", "optional",
                     NULL);
    capsEnumTypes(h, qc, "subsysType", subsys);
    vrDomCapsEnumAdd(h, "capsType", NULL);
    vrDomCapsEnumAdd(h, "pciBackend", NULL);
    /* device assignment needs the host's VFIO driver */
    if (vrQemuCapsHasType(qc, "vfio-pci") && vrFileExists("/dev/vfio/vfio")) {
        capsEnumAppend(h, "default");
        capsEnumAppend(h, "vfio");
    }
}

static void
capsDomCapsBackends(vrDomCaps *dc, const vrQemuCaps *qc)
{
    static const char *const rngModels[] = {
        "virtio", "virtio-rng-pci", "virtio-transitional", "virtio-rng-pci-transitional",
        "virtio-non-transitional", "virtio-rng-pci-non-transitional", NULL
    };
    static const char *const rngBackends[] = {
        "random", "rng-random", "egd", "rng-egd", "builtin", "rng-builtin", NULL
    };
    static const char *const fsDrivers[] = {
        "path", "virtio-9p-pci", "handle", "virtio-9p-pci", "virtiofs", "vhost-user-fs-pci",
        NULL
    };
    vrDomCapsElement *rng = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_RNG], true);
    vrDomCapsElement *fs = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_FILESYSTEM], true);

    capsEnumTypes(rng, qc, "model", rngModels);
    capsEnumTypes(rng, qc, "backendModel", rngBackends);
    capsEnumTypes(fs, qc, "driverType", fsDrivers);
}

static void
capsDomCapsTPM(vrDomCaps *dc, const vrQemuCaps *qc)
{
    static const char *const models[] = {
        "tpm-tis", "tpm-tis", "tpm-crb", "tpm-crb", "tpm-spapr", "tpm-spapr", NULL
    };
    static const char *const backends[] = {
        "passthrough", "tpm-passthrough", "emulator", "tpm-emulator",
        "external", "tpm-emulator", NULL
    };
    vrDomCapsElement *tpm = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_TPM], true);
    g_autofree char *swtpm = g_find_program_in_path("swtpm");

    capsEnumTypes(tpm, qc, "model", models);
    capsEnumTypes(tpm, qc, "backendModel", backends);
    /* the emulator backend's versions are those of swtpm, when installed */
    vrDomCapsEnumAdd(tpm, "backendVersion", NULL);
    if (swtpm && vrQemuCapsHasType(qc, "tpm-emulator")) {
        capsEnumAppend(tpm, "1.2");
        capsEnumAppend(tpm, "2.0");
    }
}

static void
capsDomCapsChannels(vrDomCaps *dc, const vrQemuCaps *qc)
{
    static const char *const redir[] = { "usb", "usb-redir", NULL };
    static const char *const channels[] = {
        "pty", NULL, "unix", NULL, "spicevmc", "chardev-spicevmc", NULL
    };
    static const char *const cryptoModels[] = { "virtio", "virtio-crypto-pci", NULL };
    static const char *const cryptoBackends[] = {
        "builtin", "cryptodev-backend-builtin", "lkcf", "cryptodev-backend-lkcf", NULL
    };
    vrDomCapsElement *crypto;

    capsEnumTypes(vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_REDIRDEV],
                                      vrQemuCapsHasType(qc, "usb-redir")), qc, "bus", redir);
    capsEnumTypes(vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_CHANNEL], true), qc,
                  "type", channels);
    crypto = vrDomCapsElementSet(&dc->devices[VR_DOMCAPS_DEVICE_CRYPTO],
                                 vrQemuCapsHasType(qc, "virtio-crypto-pci"));
    capsEnumTypes(crypto, qc, "model", cryptoModels);
    vrDomCapsEnumAdd(crypto, "type", "qemu", NULL);
    capsEnumTypes(crypto, qc, "backendModel", cryptoBackends);
}

static void
capsDomCapsDevices(vrDomCaps *dc, const vrQemuCaps *qc, const char *machine)
{
    dc->hasDevices = true;
    capsDomCapsDisk(dc, qc, machine);
    capsDomCapsGraphics(dc, qc);
    capsDomCapsVideo(dc, qc);
    capsDomCapsHostdev(dc, qc);
    capsDomCapsBackends(dc, qc);
    capsDomCapsTPM(dc, qc);
    capsDomCapsChannels(dc, qc);
}

static void
capsDomCapsSecurity(vrDomCaps *dc, const vrQemuCaps *qc, bool kvm)
{
    dc->sev.present = true;
    dc->sev.supported = kvm && qc->hasSEV;
    if (dc->sev.supported) {
        dc->sev.hasCbitpos = dc->sev.hasReducedPhysBits = true;
        dc->sev.cbitpos = qc->sevCbitpos;
        dc->sev.reducedPhysBits = qc->sevReducedPhysBits;
    }
    dc->sgx.present = true;
    dc->sgx.supported = kvm && qc->hasSGX;
    if (dc->sgx.supported) {
        dc->sgx.hasDetails = true;
        dc->sgx.flc = qc->sgxFlc;
        dc->sgx.sgx1 = qc->sgx1;
        dc->sgx.sgx2 = qc->sgx2;
        dc->sgx.sectionSize = qc->sgxSectionSize;
    }
}

static void
capsDomCapsFeatures(vrDomCaps *dc, const vrQemuCaps *qc, bool kvm)
{
    vrDomCapsElement *f = dc->features;
    vrDomCapsElement *gic;

    dc->hasFeatures = true;
    gic = vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_GIC], capsStrCount(qc->gicVersions) > 0);
    if (gic->supported) {
        size_t i;
        vrDomCapsEnumAdd(gic, "version", NULL);
        for (i = 0; i < qc->gicVersions->len; i++)
            capsEnumAppend(gic, g_ptr_array_index(qc->gicVersions, i));
    }
    vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_VMCOREINFO], vrQemuCapsHasType(qc, "vmcoreinfo"));
    vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_GENID], vrQemuCapsHasType(qc, "vmgenid"));
    vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_BACKING_STORE_INPUT],
                        vrQemuCapsHasCommand(qc, "blockdev-add"));
    vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_BACKUP],
                        vrQemuCapsHasCommand(qc, "blockdev-backup") &&
                        vrQemuCapsHasCommand(qc, "block-dirty-bitmap-merge"));
    /* QEMU 8.1 moved it to -run-with; older ones: not offered, and the
     * element is left out as libvirt 9.0 does */
    if (vrQemuCapsHasOption(qc, "run-with"))
        vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_ASYNC_TEARDOWN], true);
    if (g_str_equal(qc->arch, "s390x"))
        vrDomCapsElementSet(&f[VR_DOMCAPS_FEATURE_S390_PV], false);
    capsDomCapsSecurity(dc, qc, kvm);
    if (capsIsX86(qc->arch)) {
        vrDomCapsElementSet(&dc->hyperv, true);
        vrDomCapsEnumAdd(&dc->hyperv, "features", "spinlocks", "vendor_id", NULL);
    }
}

/* Checks and resolves the arguments of a domain capabilities request. */
static int
capsDomCapsArgs(vrQemuCaps *qc, const char *machine, const char *virttype,
                const char **canonical, bool *kvm)
{
    if (!virttype)
        virttype = qc->kvmPresent && qc->kvmUsable ? "kvm" : "qemu";
    if (!g_str_equal(virttype, "qemu") && !g_str_equal(virttype, "kvm")) {
        vrReportError(VR_ERR_INVALID_ARG, "unknown virttype: %s", virttype);
        return -1;
    }
    *kvm = g_str_equal(virttype, "kvm");
    if (*kvm && !qc->kvmPresent) {
        vrReportError(VR_ERR_INVALID_ARG, "KVM is not supported by '%s' on this host%s%s",
                      qc->binary, qc->kvmWhy ? ": " : "", qc->kvmWhy ? qc->kvmWhy : "");
        return -1;
    }
    *canonical = machine ? vrQemuCapsCanonicalMachine(qc, machine)
                         : vrQemuCapsDefaultMachine(qc);
    if (!*canonical && !machine && qc->nmachines)
        *canonical = qc->machines[0].name;
    if (!*canonical) {
        vrReportError(VR_ERR_INVALID_ARG, "the machine '%s' is not supported by emulator '%s'",
                      machine ? machine : "", qc->binary);
        return -1;
    }
    return 0;
}

char *
vrQemuCapsFormatDomainCapabilities(vrQemuCaps *caps, const char *machine,
                                   const char *virttype)
{
    g_autoptr(vrDomCaps) dc = NULL;
    const vrQemuMachine *m;
    const char *canonical = NULL;
    bool kvm = false;

    if (capsDomCapsArgs(caps, machine, virttype, &canonical, &kvm) < 0)
        return NULL;
    m = vrQemuCapsMachine(caps, canonical);
    dc = vrDomCapsNew(caps->binary, kvm ? "kvm" : "qemu", canonical, caps->arch);
    dc->hasMaxvcpus = true;
    dc->maxvcpus = m->maxCpus;
    vrDomCapsElementSet(&dc->iothreads, vrQemuCapsHasType(caps, "iothread"));
    capsDomCapsOS(dc, caps, canonical);
    capsDomCapsCPU(dc, caps, kvm);
    capsDomCapsMemory(dc, caps);
    capsDomCapsDevices(dc, caps, canonical);
    capsDomCapsFeatures(dc, caps, kvm);
    return vrDomCapsFormat(dc);
}
