/*
 * qemu_command_secret.c: the QEMU side of encrypted (LUKS) disks.
 *
 * The passphrase comes from the secret driver of the connection's root
 * and reaches QEMU as a `secret` object reading a mode-0600 file in the
 * guest's private directory: a command line is readable by every user
 * of the host (/proc/PID/cmdline), that file only by us and QEMU.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "qemu_command_priv.h"
#include "qemu_command_secret.h"
#include "util/vrerror.h"
#include "util/vrfile.h"
#include "util/vruuid.h"

#define VR_FROM_THIS VR_FROM_QEMU

static vrQemuSecretLookup secretLookup;

void
vrQemuCommandSetSecretLookup(vrQemuSecretLookup lookup)
{
    secretLookup = lookup;
}

int
vrQemuDiskEncryptionCheck(vrQemuBuild *b, const vrDomainDiskDef *disk,
                          const vrStorageSource *src)
{
    const vrDiskEncryption *enc = src->encryption;

    if (enc->format != VR_DISK_ENCRYPTION_FORMAT_LUKS) {
        vrQemuUnsupported(b, "disk '%s' <encryption format='%s'>", disk->dst,
                          vrDiskEncryptionFormatTypeToString(enc->format));
        return -1;
    }
    if (enc->engine && !g_str_equal(enc->engine, "qemu")) {
        vrQemuUnsupported(b, "disk '%s' <encryption engine='%s'>", disk->dst, enc->engine);
        return -1;
    }
    if (enc->nsecrets != 1 || (!enc->secrets[0].uuid && !enc->secrets[0].usage)) {
        vrQemuRefuse(b, "disk '%s': <encryption> needs one <secret type='passphrase' "
                     "uuid=.../>", disk->dst);
        return -1;
    }
    if (src->format != VR_DISK_IMAGE_QCOW2 && src->format != VR_DISK_IMAGE_RAW &&
        src->format != VR_DISK_IMAGE_NONE) {
        vrQemuRefuse(b, "disk '%s': LUKS encryption needs a 'raw' or 'qcow2' image, not '%s'",
                     disk->dst, vrDiskImageFormatTypeToString(src->format));
        return -1;
    }
    return 0;
}

/* The passphrase, NULL reported. */
static unsigned char *
vrQemuDiskPassphrase(vrQemuBuild *b, const vrDomainDiskDef *disk, const vrStorageSource *src,
                     size_t *len)
{
    const vrDiskEncryptionSecret *s = &src->encryption->secrets[0];
    const vrQemuDriverConfig *cfg = b->p->cfg;
    unsigned char uuid[VR_UUID_BUFLEN];

    if (s->uuid && vrUUIDParse(s->uuid, uuid) < 0) {
        vrReportError(VR_ERR_XML_ERROR, "disk '%s': malformed secret uuid '%s'", disk->dst,
                      s->uuid);
        return NULL;
    }
    if (!secretLookup) {
        vrReportError(VR_ERR_NO_SECRET, "disk '%s': no secret driver to read its passphrase",
                      disk->dst);
        return NULL;
    }
    return secretLookup(cfg ? cfg->root : NULL, s->uuid ? uuid : NULL,
                        VR_SECRET_USAGE_TYPE_VOLUME, s->usage, len);
}

#define DISK_SECRET_PREFIX "vireo-"
#define DISK_SECRET_SUFFIX "-luks-secret.key"

void
vrQemuDiskSecretFilesRemove(const char *libDir, const char *name)
{
    g_autofree char *dir = g_strdup_printf("%s/domain-%s", libDir, name);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    while (d && (entry = g_dir_read_name(d))) {
        g_autofree char *path = NULL;

        if (!g_str_has_prefix(entry, DISK_SECRET_PREFIX) ||
            !g_str_has_suffix(entry, DISK_SECRET_SUFFIX))
            continue;
        path = g_build_filename(dir, entry, NULL);
        vrFileRemoveIfExists(path);
    }
}

char *
vrQemuBuildDiskSecret(vrQemuBuild *b, const vrDomainDiskDef *disk, const vrStorageSource *src,
                      unsigned int node)
{
    g_autofree char *id = g_strdup_printf(DISK_SECRET_PREFIX "%u-luks-secret", node);
    g_autofree char *path = NULL;
    unsigned char *value;
    size_t len = 0;
    json_object *o;
    int r;

    if (!(value = vrQemuDiskPassphrase(b, disk, src, &len)))
        return NULL;
    path = g_strdup_printf("%s/%s.key", b->domainDir, id);
    r = vrFileMakePath(b->domainDir, 0700);
    if (r == 0)
        r = vrFileWriteAtomic(path, (const char *)value, len, 0600);
    memset(value, 0, len);
    g_free(value);
    if (r < 0)
        return NULL;
    o = vrQemuJSONObj("qom-type", "secret");
    vrQemuJSONStr(o, "id", id);
    vrQemuJSONStr(o, "file", path);
    vrQemuJSONStr(o, "format", "raw");
    vrQemuBuildArgJSON(b, "-object", o);
    return g_steal_pointer(&id);
}

void
vrQemuDiskEncryptionFormatNode(json_object *format, const vrStorageSource *src,
                               const char *secretId)
{
    json_object *enc;

    if (src->format == VR_DISK_IMAGE_QCOW2) {
        enc = vrQemuJSONObj("format", "luks");
        vrQemuJSONStr(enc, "key-secret", secretId);
        vrQemuJSONAdd(format, "encrypt", enc);
        return;
    }
    /* a raw LUKS file: the luks driver is the format layer */
    json_object_object_del(format, "driver");
    vrQemuJSONStr(format, "driver", "luks");
    vrQemuJSONStr(format, "key-secret", secretId);
}
