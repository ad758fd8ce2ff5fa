/*
 * vrconffile.h: the key = value configuration syntax of libvirtd.conf and
 * qemu.conf: integers, "strings" and [ "lists", "of strings" ], # comments.
 */
#ifndef VR_CONF_FILE_H
#define VR_CONF_FILE_H

#include <stdbool.h>
#include <glib.h>

typedef enum {
    VR_CONF_INT,
    VR_CONF_STRING,
    VR_CONF_LIST,
} vrConfType;

typedef struct {
    vrConfType type;
    long long num;
    char *str;
    char **list;   /* NULL terminated */
    int line;
} vrConfValue;

typedef struct _vrConfFile vrConfFile;

/* Parses text; @name appears in syntax errors. */
vrConfFile *vrConfFileParse(const char *name, const char *text);
vrConfFile *vrConfFileRead(const char *path);
void vrConfFileFree(vrConfFile *conf);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrConfFile, vrConfFileFree)

/* Typed getters: 0 when absent (value untouched), 1 when set, -1 (reported)
 * when present with the wrong type. */
int vrConfGetInt(vrConfFile *conf, const char *key, long long *value);
int vrConfGetUInt(vrConfFile *conf, const char *key, unsigned int *value);
int vrConfGetString(vrConfFile *conf, const char *key, char **value);
int vrConfGetStringList(vrConfFile *conf, const char *key, char ***value);
int vrConfGetBool(vrConfFile *conf, const char *key, bool *value);

/* Keys the file sets, in file order. */
GPtrArray *vrConfFileKeys(vrConfFile *conf);

#endif
