/*
 * virsh-volume.c: storage volume commands (vol-*).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/tree.h>

#include "util/vrbuf.h"
#include "util/vrunits.h"
#include "util/vrxml.h"
#include "virsh.h"

#define OPT_VOL { "vol", VSH_OPT_DATA, VSH_OPT_REQUIRED, "volume name, key or path" }

static const vshOptDef optsVolPool[] = {
    OPT_VOL,
    VIRSH_OPT_POOL_OPTIONAL,
    VIRSH_OPT_END,
};

/* Sizes on the command line: bytes unless a unit follows. */
static bool
volSize(vshControl *ctl, const char *str, unsigned long long *bytes)
{
    if (str[0] == '-' || vrParseScaledString(str, 1, ULLONG_MAX, bytes) < 0) {
        vshResetLibError();
        vshError(ctl, "Malformed size %s", str);
        return false;
    }
    return true;
}

static vrStoragePool *
volPoolOf(vshControl *ctl, vrStorageVol *vol)
{
    vrStoragePool *pool = vrStoragePoolLookupByVolume(vol);

    if (!pool)
        vshError(ctl, "%s", "failed to get parent pool");
    return pool;
}

/* ---- vol-create-as -------------------------------------------------- */

static const vshOptDef optsVolCreateAs[] = {
    { "pool", VSH_OPT_DATA, VSH_OPT_REQUIRED, "pool name" },
    { "name", VSH_OPT_DATA, VSH_OPT_REQUIRED, "name of the volume" },
    { "capacity", VSH_OPT_DATA, VSH_OPT_REQUIRED, "size of the volume (with optional unit)" },
    { "allocation", VSH_OPT_STRING, 0, "space to allocate up front (with optional unit)" },
    { "format", VSH_OPT_STRING, 0, "file format (raw, qcow2, ...)" },
    { "backing-vol", VSH_OPT_STRING, 0, "volume to use as the backing store" },
    { "backing-vol-format", VSH_OPT_STRING, 0, "format of the backing store" },
    { "prealloc-metadata", VSH_OPT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "print-xml", VSH_OPT_BOOL, 0, "print the XML instead of creating the volume" },
    VIRSH_OPT_END,
};

/* The backing volume's path, looked up in @pool, then by key or path. */
static char *
volBackingPath(vshControl *ctl, vrStoragePool *pool, const char *name)
{
    g_autoptr(vrStorageVol) vol = vrStorageVolLookupByName(pool, name);
    char *path;

    if (!vol)
        vol = vrStorageVolLookupByKey(ctl->conn, name);
    if (!vol)
        vol = vrStorageVolLookupByPath(ctl->conn, name);
    if (!vol) {
        vshError(ctl, "failed to get vol '%s'", name);
        return NULL;
    }
    if (!(path = vrStorageVolGetPath(vol)))
        vshError(ctl, "failed to get path of vol '%s'", name);
    vshResetLibError();
    return path;
}

static bool
cmdVolCreateAs(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autoptr(vrStorageVol) vol = NULL;
    g_auto(vrBuf) buf = VR_BUF_INIT;
    g_autofree char *xml = NULL;
    g_autofree char *backingPath = NULL;
    const char *name = NULL, *capStr = NULL, *allocStr = NULL, *format = NULL;
    const char *backing = NULL, *backingFormat = NULL;
    unsigned long long capacity, allocation = 0;
    unsigned int flags = 0;

    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "name", &name) < 0 ||
        vshOptStringReq(ctl, cmd, "capacity", &capStr) < 0 ||
        vshOptStringReq(ctl, cmd, "allocation", &allocStr) < 0 ||
        vshOptStringReq(ctl, cmd, "format", &format) < 0 ||
        vshOptStringReq(ctl, cmd, "backing-vol", &backing) < 0 ||
        vshOptStringReq(ctl, cmd, "backing-vol-format", &backingFormat) < 0)
        return false;
    if (!volSize(ctl, capStr, &capacity))
        return false;
    if (allocStr && !volSize(ctl, allocStr, &allocation))
        return false;
    if (vshOptBool(cmd, "prealloc-metadata"))
        flags |= VR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (backing && !(backingPath = volBackingPath(ctl, pool, backing)))
        return false;

    vrBufAddLit(&buf, "<volume>\n");
    vrBufAdjustIndent(&buf, 2);
    vrBufEscapeXMLPrintf(&buf, "<name>%s</name>\n", name);
    vrBufAsprintf(&buf, "<capacity>%llu</capacity>\n", capacity);
    if (allocStr)
        vrBufAsprintf(&buf, "<allocation>%llu</allocation>\n", allocation);
    if (format) {
        vrBufAddLit(&buf, "<target>\n");
        vrBufEscapeXMLPrintf(&buf, "  <format type='%s'/>\n", format);
        vrBufAddLit(&buf, "</target>\n");
    }
    if (backingPath) {
        vrBufAddLit(&buf, "<backingStore>\n");
        vrBufEscapeXMLPrintf(&buf, "  <path>%s</path>\n", backingPath);
        if (backingFormat)
            vrBufEscapeXMLPrintf(&buf, "  <format type='%s'/>\n", backingFormat);
        vrBufAddLit(&buf, "</backingStore>\n");
    }
    vrBufAdjustIndent(&buf, -2);
    vrBufAddLit(&buf, "</volume>\n");
    xml = vrBufContent(&buf);

    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(vol = vrStorageVolCreateXML(pool, xml, flags))) {
        vshError(ctl, "Failed to create vol %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s created\n", name);
    return true;
}

/* ---- vol-create / vol-create-from / vol-clone ----------------------- */

static const vshOptDef optsVolCreate[] = {
    { "pool", VSH_OPT_DATA, VSH_OPT_REQUIRED, "pool name" },
    VIRSH_OPT_FILE("file with the volume's XML description"),
    { "prealloc-metadata", VSH_OPT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    VIRSH_OPT_END,
};

static bool
cmdVolCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autoptr(vrStorageVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (vshOptBool(cmd, "prealloc-metadata"))
        flags |= VR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vshOptBool(cmd, "validate"))
        flags |= VR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(vol = vrStorageVolCreateXML(pool, xml, flags))) {
        vshError(ctl, "Failed to create vol from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s created from %s\n", vrStorageVolGetName(vol), file);
    return true;
}

static const vshOptDef optsVolCreateFrom[] = {
    { "pool", VSH_OPT_DATA, VSH_OPT_REQUIRED, "pool to create the volume in" },
    VIRSH_OPT_FILE("file with the new volume's XML description"),
    OPT_VOL,
    { "inputpool", VSH_OPT_STRING, 0, "pool of the input volume" },
    { "prealloc-metadata", VSH_OPT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "reflink", VSH_OPT_BOOL, 0, "copy with a copy-on-write clone where possible" },
    { "validate", VSH_OPT_BOOL, 0, "check the XML against the schema first" },
    VIRSH_OPT_END,
};

static bool
cmdVolCreateFrom(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autoptr(vrStorageVol) input = NULL;
    g_autoptr(vrStorageVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *file = NULL;
    unsigned int flags = 0;

    if (vshOptBool(cmd, "prealloc-metadata"))
        flags |= VR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vshOptBool(cmd, "reflink"))
        flags |= VR_STORAGE_VOL_CREATE_REFLINK;
    if (vshOptBool(cmd, "validate"))
        flags |= VR_STORAGE_VOL_CREATE_VALIDATE;
    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if (vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(input = virshCommandOptVol(ctl, cmd, "vol", "inputpool", NULL)))
        return false;
    if (!(xml = vshReadFile(ctl, file)))
        return false;
    if (!(vol = vrStorageVolCreateXMLFrom(pool, xml, input, flags))) {
        vshError(ctl, "Failed to create vol from %s", file);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s created from input vol %s\n", vrStorageVolGetName(vol),
                  vrStorageVolGetName(input));
    return true;
}

static const vshOptDef optsVolClone[] = {
    OPT_VOL,
    { "newname", VSH_OPT_DATA, VSH_OPT_REQUIRED, "name of the copy" },
    VIRSH_OPT_POOL_OPTIONAL,
    { "prealloc-metadata", VSH_OPT_BOOL, 0, "preallocate metadata (qcow2)" },
    { "reflink", VSH_OPT_BOOL, 0, "copy with a copy-on-write clone where possible" },
    { "print-xml", VSH_OPT_BOOL, 0, "print the XML instead of cloning" },
    VIRSH_OPT_END,
};

/* The original's XML with a new <name> (and no key: the pool picks it). */
static char *
volCloneXML(vshControl *ctl, const char *xml, const char *newname)
{
    g_autoptr(xmlDoc) doc = vrXMLParseString(xml, "(storage_volume_definition)", NULL,
                                             VR_FROM_NONE);
    xmlNodePtr root, name;
    xmlChar *out = NULL;
    char *ret;
    int len = 0;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (!(name = vrXMLChild(root, "name"))) {
        vshError(ctl, "%s", "failed to find the volume's name");
        return NULL;
    }
    xmlNodeSetContent(name, NULL);
    xmlNodeAddContent(name, BAD_CAST newname);
    xmlDocDumpMemory(doc, &out, &len);
    ret = g_strndup((const char *)out, len);
    xmlFree(out);
    return ret;
}

static bool
cmdVolClone(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) orig = NULL;
    g_autoptr(vrStoragePool) pool = NULL;
    g_autoptr(vrStorageVol) vol = NULL;
    g_autofree char *origXml = NULL;
    g_autofree char *xml = NULL;
    const char *newname = NULL;
    unsigned int flags = 0;

    if (vshOptBool(cmd, "prealloc-metadata"))
        flags |= VR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (vshOptBool(cmd, "reflink"))
        flags |= VR_STORAGE_VOL_CREATE_REFLINK;
    if (!(orig = virshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    if (!(pool = volPoolOf(ctl, orig)))
        return false;
    if (vshOptStringReq(ctl, cmd, "newname", &newname) < 0)
        return false;
    if (!(origXml = vrStorageVolGetXMLDesc(orig, 0)))
        return false;
    if (!(xml = volCloneXML(ctl, origXml, newname)))
        return false;
    if (vshOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    if (!(vol = vrStorageVolCreateXMLFrom(pool, xml, orig, flags))) {
        vshError(ctl, "Failed to clone vol from %s", vrStorageVolGetName(orig));
        return false;
    }
    vshPrintExtra(ctl, "Vol %s cloned from %s\n", vrStorageVolGetName(vol),
                  vrStorageVolGetName(orig));
    return true;
}

/* ---- vol-delete / vol-wipe / vol-resize ---------------------------- */

static const vshOptDef optsVolDelete[] = {
    OPT_VOL,
    VIRSH_OPT_POOL_OPTIONAL,
    { "delete-snapshots", VSH_OPT_BOOL, 0, "also delete the volume's snapshots" },
    VIRSH_OPT_END,
};

static bool
cmdVolDelete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    const char *name = NULL;
    unsigned int flags = 0;

    if (vshOptBool(cmd, "delete-snapshots"))
        flags |= VR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (vrStorageVolDelete(vol, flags) < 0) {
        vshError(ctl, "Failed to delete vol %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s deleted\n", name);
    return true;
}

static const vshOptDef optsVolWipe[] = {
    OPT_VOL,
    VIRSH_OPT_POOL_OPTIONAL,
    { "algorithm", VSH_OPT_STRING, 0,
      "zero, nnsa, dod, bsi, gutmann, schneier, pfitzner7, pfitzner33, random or trim" },
    VIRSH_OPT_END,
};

static int
volWipeAlgorithm(const char *name)
{
    static const char *const names[] = {
        "zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7", "pfitzner33",
        "random", "trim",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_str_equal(names[i], name))
            return (int)i;
    }
    return -1;
}

static bool
cmdVolWipe(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    const char *name = NULL, *algName = NULL;
    int alg = VR_STORAGE_VOL_WIPE_ALG_ZERO;
    int rc;

    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (vshOptStringReq(ctl, cmd, "algorithm", &algName) < 0)
        return false;
    if (algName && (alg = volWipeAlgorithm(algName)) < 0) {
        vshError(ctl, "Unsupported algorithm '%s'", algName);
        return false;
    }
    if (alg == VR_STORAGE_VOL_WIPE_ALG_ZERO)
        rc = vrStorageVolWipe(vol, 0);
    else
        rc = vrStorageVolWipePattern(vol, alg, 0);
    if (rc < 0) {
        vshError(ctl, "Failed to wipe vol %s", name);
        return false;
    }
    vshPrintExtra(ctl, "Vol %s wiped\n", name);
    return true;
}

static const vshOptDef optsVolResize[] = {
    OPT_VOL,
    { "capacity", VSH_OPT_DATA, VSH_OPT_REQUIRED, "new size (with optional unit)" },
    VIRSH_OPT_POOL_OPTIONAL,
    { "allocate", VSH_OPT_BOOL, 0, "allocate the new space" },
    { "delta", VSH_OPT_BOOL, 0, "change the size by the capacity instead of to it" },
    { "shrink", VSH_OPT_BOOL, 0, "allow the volume to get smaller" },
    VIRSH_OPT_END,
};

static bool
cmdVolResize(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    const char *name = NULL, *capStr = NULL, *num;
    unsigned long long capacity;
    unsigned int flags = 0;
    bool delta = vshOptBool(cmd, "delta");

    if (vshOptBool(cmd, "allocate"))
        flags |= VR_STORAGE_VOL_RESIZE_ALLOCATE;
    if (delta)
        flags |= VR_STORAGE_VOL_RESIZE_DELTA;
    if (vshOptBool(cmd, "shrink"))
        flags |= VR_STORAGE_VOL_RESIZE_SHRINK;
    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if (vshOptStringReq(ctl, cmd, "capacity", &capStr) < 0)
        return false;
    num = capStr;
    if (*num == '-') {
        /* a negative size is a shrinking delta, and must say so */
        if (!delta || !(flags & VR_STORAGE_VOL_RESIZE_SHRINK)) {
            vshError(ctl, "%s", "negative size requires --delta and --shrink");
            return false;
        }
        num++;
    }
    if (!volSize(ctl, num, &capacity))
        return false;
    if (vrStorageVolResize(vol, capacity, flags) < 0) {
        vshError(ctl, "Failed to change size of volume '%s' to %s", name, capStr);
        return false;
    }
    vshPrintExtra(ctl, delta ? "Size of volume '%s' successfully changed by %s\n"
                             : "Size of volume '%s' successfully changed to %s\n",
                  name, capStr);
    return true;
}

/* ---- vol-upload / vol-download -------------------------------------- */

static const vshOptDef optsVolTransfer[] = {
    OPT_VOL,
    VIRSH_OPT_FILE("local file"),
    VIRSH_OPT_POOL_OPTIONAL,
    { "offset", VSH_OPT_INT, 0, "where in the volume to start" },
    { "length", VSH_OPT_INT, 0, "how many bytes to transfer (0: to the end)" },
    { "sparse", VSH_OPT_BOOL, 0, "keep holes instead of sending zeroes" },
    VIRSH_OPT_END,
};

#define VOL_TRANSFER_CHUNK (256 * 1024)

/* Sends @fd's bytes, holes as holes when @sparse. */
static int
volUploadFrom(vrStream *st, int fd, bool sparse)
{
    g_autofree char *buf = g_malloc(VOL_TRANSFER_CHUNK);
    off_t pos = 0;

    for (;;) {
        ssize_t got;
        if (sparse) {
            off_t data = lseek(fd, pos, SEEK_DATA);
            if (data < 0 && errno == ENXIO) {
                off_t end = lseek(fd, 0, SEEK_END);
                if (end > pos && vrStreamSendHole(st, end - pos, 0) < 0)
                    return -1;
                return 0;
            }
            if (data > pos) {
                if (vrStreamSendHole(st, data - pos, 0) < 0)
                    return -1;
                pos = data;
            }
            if (lseek(fd, pos, SEEK_SET) < 0)
                return -1;
        }
        got = read(fd, buf, VOL_TRANSFER_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        if (sparse) {
            off_t hole = lseek(fd, pos, SEEK_HOLE);
            if (hole > pos && hole < pos + got)
                got = hole - pos;
        }
        if (vrStreamSend(st, buf, got) < 0)
            return -1;
        pos += got;
        if (sparse && lseek(fd, pos, SEEK_SET) < 0)
            return -1;
    }
}

static bool
cmdVolUpload(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    g_autoptr(vrStream) st = NULL;
    const char *name = NULL, *file = NULL;
    unsigned long long offset = 0, length = 0;
    bool sparse = vshOptBool(cmd, "sparse");
    int fd;
    bool ok = false;

    if (vshOptULongLong(ctl, cmd, "offset", &offset) < 0 ||
        vshOptULongLong(ctl, cmd, "length", &length) < 0 ||
        vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if ((fd = open(file, O_RDONLY)) < 0) {
        vshError(ctl, "cannot read %s", file);
        return false;
    }
    st = vrStreamNew(ctl->conn, 0);
    if (!st || vrStorageVolUpload(vol, st, offset, length,
                                  sparse ? VR_STORAGE_VOL_UPLOAD_SPARSE_STREAM : 0) < 0) {
        vshError(ctl, "cannot upload to volume %s", name);
        goto cleanup;
    }
    if (volUploadFrom(st, fd, sparse) < 0) {
        vshError(ctl, "cannot send data to volume %s", name);
        vrStreamAbort(st);
        goto cleanup;
    }
    if (vrStreamFinish(st) < 0) {
        vshError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ok = true;
 cleanup:
    close(fd);
    return ok;
}

static int
volWriteAll(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        buf += n;
        len -= n;
    }
    return 0;
}

/* Writes the stream to @fd; holes become holes when @sparse. */
static int
volDownloadTo(vrStream *st, int fd, bool sparse)
{
    g_autofree char *buf = g_malloc(VOL_TRANSFER_CHUNK);

    for (;;) {
        int got = vrStreamRecvFlags(st, buf, VOL_TRANSFER_CHUNK,
                                    sparse ? VR_STREAM_RECV_STOP_AT_HOLE : 0);
        if (got == -3) {
            long long hole = 0;
            off_t pos;
            if (vrStreamRecvHole(st, &hole, 0) < 0)
                return -1;
            if ((pos = lseek(fd, hole, SEEK_CUR)) < 0 || ftruncate(fd, pos) < 0)
                return -1;
            continue;
        }
        if (got < 0)
            return -1;
        if (got == 0)
            return 0;
        if (volWriteAll(fd, buf, got) < 0)
            return -1;
    }
}

static bool
cmdVolDownload(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    g_autoptr(vrStream) st = NULL;
    const char *name = NULL, *file = NULL;
    unsigned long long offset = 0, length = 0;
    bool sparse = vshOptBool(cmd, "sparse");
    bool created = false, ok = false;
    int fd;

    if (vshOptULongLong(ctl, cmd, "offset", &offset) < 0 ||
        vshOptULongLong(ctl, cmd, "length", &length) < 0 ||
        vshOptStringReq(ctl, cmd, "file", &file) < 0)
        return false;
    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", &name)))
        return false;
    if ((fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666)) >= 0) {
        created = true;
    } else if (errno != EEXIST || (fd = open(file, O_WRONLY | O_TRUNC, 0666)) < 0) {
        vshError(ctl, "cannot create %s", file);
        return false;
    }
    st = vrStreamNew(ctl->conn, 0);
    if (!st || vrStorageVolDownload(vol, st, offset, length,
                                    sparse ? VR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM : 0) < 0) {
        vshError(ctl, "cannot download from volume %s", name);
        goto cleanup;
    }
    if (volDownloadTo(st, fd, sparse) < 0) {
        vshError(ctl, "cannot receive data from volume %s", name);
        vrStreamAbort(st);
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        vshError(ctl, "Unable to close %s", file);
        vrStreamAbort(st);
        goto cleanup;
    }
    fd = -1;
    if (vrStreamFinish(st) < 0) {
        vshError(ctl, "cannot close volume %s", name);
        goto cleanup;
    }
    ok = true;
 cleanup:
    if (fd >= 0)
        close(fd);
    if (!ok && created)
        unlink(file);
    return ok;
}

/* ---- queries -------------------------------------------------------- */

static const char *
volTypeString(int type)
{
    static const char *const names[] = { "file", "block", "dir", "network", "netdir", "ploop" };

    return type >= 0 && (size_t)type < G_N_ELEMENTS(names) ? names[type] : "unknown";
}

static const vshOptDef optsVolInfo[] = {
    OPT_VOL,
    VIRSH_OPT_POOL_OPTIONAL,
    { "bytes", VSH_OPT_BOOL, 0, "print sizes in bytes" },
    VIRSH_OPT_END,
};

static bool
cmdVolInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    vrStorageVolInfo info;
    bool raw = vshOptBool(cmd, "bytes");

    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    virshPrintField(ctl, "Name:", "%s", vrStorageVolGetName(vol));
    if (vrStorageVolGetInfo(vol, &info) < 0)
        return false;
    virshPrintField(ctl, "Type:", "%s", volTypeString(info.type));
    if (raw) {
        virshPrintField(ctl, "Capacity:", "%llu bytes", info.capacity);
        virshPrintField(ctl, "Allocation:", "%llu bytes", info.allocation);
    } else {
        g_autofree char *cap = vshPrettyCapacity(info.capacity);
        g_autofree char *alloc = vshPrettyCapacity(info.allocation);
        virshPrintField(ctl, "Capacity:", "%s", cap);
        virshPrintField(ctl, "Allocation:", "%s", alloc);
    }
    return true;
}

static const vshOptDef optsVolDumpxml[] = {
    OPT_VOL,
    VIRSH_OPT_POOL_OPTIONAL,
    { "xpath", VSH_OPT_STRING, VSH_OPT_NAMED_ONLY, "print only what this XPath selects" },
    { "wrap", VSH_OPT_BOOL, 0, "wrap several XPath results in a <nodes> element" },
    VIRSH_OPT_END,
};

static bool
cmdVolDumpxml(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = NULL;
    g_autofree char *xml = NULL;
    const char *xpath = NULL;

    if (vshOptStringReq(ctl, cmd, "xpath", &xpath) < 0)
        return false;
    if (!(vol = virshCommandOptVol(ctl, cmd, "vol", "pool", NULL)))
        return false;
    if (!(xml = vrStorageVolGetXMLDesc(vol, 0)))
        return false;
    return virshDumpXML(ctl, xml, "(storage_volume_definition)", xpath,
                        vshOptBool(cmd, "wrap"));
}

static bool
cmdVolPath(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = virshCommandOptVol(ctl, cmd, "vol", "pool", NULL);
    g_autofree char *path = NULL;

    if (!vol || !(path = vrStorageVolGetPath(vol)))
        return false;
    vshPrint(ctl, "%s\n", path);
    return true;
}

static bool
cmdVolKey(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = virshCommandOptVol(ctl, cmd, "vol", "pool", NULL);
    const char *key;

    if (!vol || !(key = vrStorageVolGetKey(vol)))
        return false;
    vshPrint(ctl, "%s\n", key);
    return true;
}

static const vshOptDef optsVolOnly[] = {
    OPT_VOL,
    VIRSH_OPT_END,
};

static bool
cmdVolName(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = virshCommandOptVol(ctl, cmd, "vol", NULL, NULL);

    if (!vol)
        return false;
    vshPrint(ctl, "%s\n", vrStorageVolGetName(vol));
    return true;
}

static const vshOptDef optsVolPoolCmd[] = {
    OPT_VOL,
    { "uuid", VSH_OPT_BOOL, 0, "print the pool's UUID instead of its name" },
    VIRSH_OPT_END,
};

static bool
cmdVolPoolCmd(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStorageVol) vol = virshCommandOptVol(ctl, cmd, "vol", NULL, NULL);
    g_autoptr(vrStoragePool) pool = NULL;
    char uuid[VR_UUID_STRING_BUFLEN];

    if (!vol || !(pool = volPoolOf(ctl, vol)))
        return false;
    if (vshOptBool(cmd, "uuid")) {
        if (vrStoragePoolGetUUIDString(pool, uuid) < 0)
            return false;
        vshPrint(ctl, "%s\n", uuid);
    } else {
        vshPrint(ctl, "%s\n", vrStoragePoolGetName(pool));
    }
    return true;
}

static const vshOptDef optsVolList[] = {
    { "pool", VSH_OPT_DATA, VSH_OPT_REQUIRED, "pool name or UUID" },
    { "details", VSH_OPT_BOOL, 0, "show type and sizes" },
    VIRSH_OPT_END,
};

static int
volCompareName(const void *a, const void *b)
{
    vrStorageVol *const *va = a;
    vrStorageVol *const *vb = b;

    return strcmp(vrStorageVolGetName(*va), vrStorageVolGetName(*vb));
}

static void
volListRow(vshTable *table, vrStorageVol *vol, bool details)
{
    g_autofree char *path = vrStorageVolGetPath(vol);
    g_autofree char *cap = NULL, *alloc = NULL;
    vrStorageVolInfo info;

    if (!details) {
        vshTableRowAppend(table, vrStorageVolGetName(vol), path ? path : "", NULL);
        return;
    }
    if (vrStorageVolGetInfo(vol, &info) < 0) {
        vshTableRowAppend(table, vrStorageVolGetName(vol), path ? path : "", "unknown",
                          "unknown", "unknown", NULL);
        return;
    }
    cap = vshPrettyCapacity(info.capacity);
    alloc = vshPrettyCapacity(info.allocation);
    vshTableRowAppend(table, vrStorageVolGetName(vol), path ? path : "",
                      volTypeString(info.type), cap, alloc, NULL);
}

static bool
cmdVolList(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(vrStoragePool) pool = NULL;
    g_autoptr(vshTable) table = NULL;
    vrStorageVol **vols = NULL;
    bool details = vshOptBool(cmd, "details");
    int n, i;

    if (!(pool = virshCommandOptPool(ctl, cmd, "pool", NULL)))
        return false;
    if ((n = vrStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        vshError(ctl, "%s", "Failed to list volumes");
        return false;
    }
    qsort(vols, n, sizeof(*vols), volCompareName);
    if (details)
        table = vshTableNew("Name", "Path", "Type", "Capacity", "Allocation", NULL);
    else
        table = vshTableNew("Name", "Path", NULL);
    for (i = 0; i < n; i++) {
        volListRow(table, vols[i], details);
        vrStorageVolFree(vols[i]);
    }
    g_free(vols);
    vshTablePrint(ctl, table, true);
    vshResetLibError();
    return true;
}

const vshCmdDef virshVolumeCmds[] = {
    { "vol-clone", cmdVolClone, optsVolClone, "copy a volume",
      "Creates a copy of a volume, in the same pool, under a new name.", 0, NULL },
    { "vol-create-as", cmdVolCreateAs, optsVolCreateAs, "create a volume from options",
      "Creates a volume of the given name and size in a pool.", 0, NULL },
    { "vol-create", cmdVolCreate, optsVolCreate, "create a volume from an XML file",
      "Creates a volume in a pool from an XML description.", 0, NULL },
    { "vol-create-from", cmdVolCreateFrom, optsVolCreateFrom,
      "create a volume from another one",
      "Creates a volume from an XML description, filled with another volume's data.", 0,
      NULL },
    { "vol-delete", cmdVolDelete, optsVolDelete, "delete a volume",
      "Removes a volume and its data.", 0, NULL },
    { "vol-download", cmdVolDownload, optsVolTransfer, "copy a volume's data to a file",
      "Writes the content of a volume (or part of it) to a local file.", 0, NULL },
    { "vol-dumpxml", cmdVolDumpxml, optsVolDumpxml, "print a volume's XML description",
      "Prints the XML description of a volume.", 0, NULL },
    { "vol-info", cmdVolInfo, optsVolInfo, "show volume information",
      "Shows the type and sizes of a volume.", 0, NULL },
    { "vol-key", cmdVolKey, optsVolPool, "print a volume's key",
      "Prints the key that identifies a volume.", 0, NULL },
    { "vol-list", cmdVolList, optsVolList, "list the volumes of a pool",
      "Lists the volumes of a pool with their paths.", 0, NULL },
    { "vol-name", cmdVolName, optsVolOnly, "convert a volume key or path to its name",
      "Prints the name of the volume with the given key or path.", 0, NULL },
    { "vol-path", cmdVolPath, optsVolPool, "print a volume's path",
      "Prints the path of a volume.", 0, NULL },
    { "vol-pool", cmdVolPoolCmd, optsVolPoolCmd, "print the pool of a volume",
      "Prints the name (or UUID) of the pool that holds a volume.", 0, NULL },
    { "vol-resize", cmdVolResize, optsVolResize, "change a volume's size",
      "Grows (or, with --shrink, shrinks) a volume.", 0, NULL },
    { "vol-upload", cmdVolUpload, optsVolTransfer, "copy a file's data into a volume",
      "Writes the content of a local file into a volume (or part of it).", 0, NULL },
    { "vol-wipe", cmdVolWipe, optsVolWipe, "wipe a volume's data",
      "Overwrites a volume's data with the chosen pattern.", 0, NULL },
    { NULL, NULL, NULL, NULL, NULL, 0, NULL },
};
