/*
 * storage_encryption.c: LUKS volumes.
 *
 * The passphrase is read from the secret driver of the connection's root
 * and written to a private temporary file that qemu-img reads through
 * `--object secret,file=...`: a command line is visible to every user
 * of the host, a 0600 file is not.
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_encryption.h"
#include "qemu/qemu_driver.h"
#include "secret/secret_driver.h"
#include "util/vrcommand.h"
#include "util/vrerror.h"
#include "util/vrfile.h"

#define VR_FROM_THIS VR_FROM_STORAGE
#define QEMU_IMG "qemu-img"
#define SECRET_ID "vireo-luks-secret0"

/* The passphrase the volume's single <secret type='passphrase'> names. */
static unsigned char *
vrStorageEncryptionPassphrase(vrConnect *conn, const vrStorageVolDef *def, size_t *len)
{
    vrQemuDriver *qemu = conn ? vrQemuDriverFrom(conn) : NULL;
    const vrStorageSecretRef *ref;

    if (def->encryption->nsecrets != 1) {
        vrReportError(VR_ERR_XML_ERROR, "volume '%s': a single <secret type='passphrase' ...> "
                      "element is expected in encryption description", def->name);
        return NULL;
    }
    ref = &def->encryption->secrets[0];
    if (ref->type && !g_str_equal(ref->type, "passphrase")) {
        vrReportError(VR_ERR_XML_ERROR, "volume '%s': unsupported volume encryption secret "
                      "type '%s'", def->name, ref->type);
        return NULL;
    }
    return vrSecretValueForRoot(qemu && qemu->cfg ? qemu->cfg->root : NULL,
                                ref->hasUUID ? ref->uuid : NULL, VR_SECRET_USAGE_TYPE_VOLUME,
                                ref->usage, len);
}

/* A 0600 temporary file holding @value; its path, NULL reported. */
static char *
vrStorageEncryptionSecretFile(const unsigned char *value, size_t len)
{
    g_autoptr(GError) err = NULL;
    char *path = NULL;
    int fd = g_file_open_tmp("vireo-secret-XXXXXX", &path, &err);

    if (fd < 0) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "cannot create a file for the volume passphrase: %s",
                      err->message);
        return NULL;
    }
    fchmod(fd, 0600);
    if (vrFileWriteFull(fd, value, len) < 0) {
        vrReportSystemError(errno, "cannot write the volume passphrase to '%s'", path);
        vrFileClose(&fd);
        unlink(path);
        g_free(path);
        return NULL;
    }
    vrFileClose(&fd);
    return path;
}

/* -o options: the key secret and any <cipher>/<ivgen> (prefixed
 * "encrypt." inside qcow2). */
static char *
vrStorageEncryptionOptions(const vrStorageVolDef *def, bool qcow2)
{
    const vrStorageEncryption *enc = def->encryption;
    const char *p = qcow2 ? "encrypt." : "";
    GString *o = g_string_new(NULL);

    if (qcow2)
        g_string_append_printf(o, "compat=%s,encrypt.format=luks,",
                               def->compat ? def->compat : "1.1");
    g_string_append_printf(o, "%skey-secret=%s", p, SECRET_ID);
    if (enc->hasCipher) {
        if (enc->cipherName)
            g_string_append_printf(o, ",%scipher-alg=%s-%u", p, enc->cipherName, enc->cipherSize);
        if (enc->cipherMode)
            g_string_append_printf(o, ",%scipher-mode=%s", p, enc->cipherMode);
        if (enc->cipherHash)
            g_string_append_printf(o, ",%shash-alg=%s", p, enc->cipherHash);
    }
    if (enc->hasIvgen) {
        if (enc->ivgenName)
            g_string_append_printf(o, ",%sivgen-alg=%s", p, enc->ivgenName);
        if (enc->ivgenHash)
            g_string_append_printf(o, ",%sivgen-hash-alg=%s", p, enc->ivgenHash);
    }
    return g_string_free(o, FALSE);
}

/* The <cipher>/<ivgen> names become qemu-img -o values, where a comma
 * would start another option. */
static int
vrStorageEncryptionCheckNames(const vrStorageVolDef *def)
{
    const vrStorageEncryption *enc = def->encryption;
    const char *const names[] = { def->compat, enc->cipherName, enc->cipherMode,
                                  enc->cipherHash, enc->ivgenName, enc->ivgenHash };

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (names[i] && strchr(names[i], ',')) {
            vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': encryption parameter "
                          "'%s' must not contain ','", def->name, names[i]);
            return -1;
        }
    }
    return 0;
}

static int
vrStorageEncryptionCheck(const char *pool, const vrStorageVolDef *def)
{
    int fmt = def->encryption->format;

    if (fmt != VR_STORAGE_ENCRYPTION_FORMAT_LUKS && fmt != VR_STORAGE_ENCRYPTION_FORMAT_DEFAULT) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s' in storage pool '%s': encryption "
                      "format '%s' is not supported, only 'luks'", def->name, pool,
                      vrStorageEncryptionFormatTypeToString(fmt));
        return -1;
    }
    if (def->format != VR_STORAGE_FILE_RAW && def->format != VR_STORAGE_FILE_QCOW2) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s' in storage pool '%s': encryption "
                      "is only supported for 'raw' and 'qcow2' volumes, not '%s'", def->name,
                      pool, vrStorageFileFormatTypeToString(def->format));
        return -1;
    }
    if (def->backing) {
        vrReportError(VR_ERR_CONFIG_UNSUPPORTED, "volume '%s': an encrypted volume cannot have "
                      "a backing store", def->name);
        return -1;
    }
    return vrStorageEncryptionCheckNames(def);
}

#define LUKS_CREATE_ATTEMPTS 10

int
vrStorageEncryptionBuildVol(vrConnect *conn, const char *pool, vrStorageVolDef *def)
{
    g_autoptr(vrCommand) cmd = NULL;
    g_autofree char *file = NULL;
    g_autofree char *object = NULL;
    g_autofree char *opts = NULL;
    unsigned char *value;
    size_t len = 0;
    bool qcow2 = def->format == VR_STORAGE_FILE_QCOW2;
    int ret;

    if (vrStorageEncryptionCheck(pool, def) < 0 ||
        !(value = vrStorageEncryptionPassphrase(conn, def, &len)))
        return -1;
    file = vrStorageEncryptionSecretFile(value, len);
    memset(value, 0, len);
    g_free(value);
    if (!file)
        return -1;
    object = g_strdup_printf("secret,id=%s,file=%s,format=raw", SECRET_ID, file);
    opts = vrStorageEncryptionOptions(def, qcow2);
    for (int attempt = 0;; attempt++) {
        cmd = vrCommandNewArgList(QEMU_IMG, "create", "-f", qcow2 ? "qcow2" : "luks",
                                  "--object", object, "-o", opts, def->targetPath, NULL);
        vrCommandAddArgFormat(cmd, "%llu", def->capacity);
        ret = vrCommandRun(cmd, NULL);
        g_clear_pointer(&cmd, vrCommandFree);
        /* QEMU times PBKDF2 on CPU time to pick the iteration count; on a
         * loaded host the measure can come out empty (tick-based thread
         * CPU accounting), which is worth another try rather than a failed
         * vol-create; a failed try costs milliseconds */
        if (ret == 0 || attempt == LUKS_CREATE_ATTEMPTS - 1 ||
            !strstr(vrGetLastErrorMessage(), "Unable to get accurate CPU usage"))
            break;
        vrResetLastError();
        unlink(def->targetPath);
    }
    unlink(file);
    if (ret < 0) {
        /* the name was checked free before: what is there is our half-made image */
        unlink(def->targetPath);
        return -1;
    }
    /* best effort, as for other volumes: the image exists and is usable */
    if (chmod(def->targetPath, def->perms.mode != -1 ? (mode_t)def->perms.mode : 0600) < 0)
        errno = 0;
    if (def->encryption->format == VR_STORAGE_ENCRYPTION_FORMAT_DEFAULT)
        def->encryption->format = VR_STORAGE_ENCRYPTION_FORMAT_LUKS;
    return 0;
}

void
vrStorageEncryptionFromInfo(vrStorageVolDef *def, json_object *info)
{
    json_object *v, *spec, *data, *enc;
    const char *fmt = NULL;

    if (json_object_object_get_ex(info, "format", &v))
        fmt = json_object_get_string(v);
    if (fmt && g_str_equal(fmt, "luks")) {
        /* a LUKS file is a raw volume with encryption, as libvirt shows it */
        def->format = VR_STORAGE_FILE_RAW;
    } else if (!json_object_object_get_ex(info, "format-specific", &spec) ||
               !json_object_object_get_ex(spec, "data", &data) ||
               !json_object_object_get_ex(data, "encrypt", &enc)) {
        return;
    }
    if (def->encryption)
        return;
    def->encryption = g_new0(vrStorageEncryption, 1);
    def->encryption->format = VR_STORAGE_ENCRYPTION_FORMAT_LUKS;
}
