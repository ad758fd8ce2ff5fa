/*
 * vrconffile.c: configuration file parser.
 */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "vrconffile.h"
#include "vrerror.h"
#include "vrfile.h"

#define VR_FROM_THIS VR_FROM_CONF

struct _vrConfFile {
    char *name;
    GHashTable *values;  /* key -> vrConfValue */
    GPtrArray *order;    /* keys in file order */
};

typedef struct {
    const char *name;
    const char *p;
    int line;
} vrConfCursor;

static void
vrConfValueFree(gpointer data)
{
    vrConfValue *v = data;

    g_free(v->str);
    g_strfreev(v->list);
    g_free(v);
}

void
vrConfFileFree(vrConfFile *conf)
{
    if (!conf)
        return;
    g_hash_table_unref(conf->values);
    g_ptr_array_unref(conf->order);
    g_free(conf->name);
    g_free(conf);
}

static int
vrConfSyntaxError(vrConfCursor *c, const char *what)
{
    vrReportError(VR_ERR_CONF_SYNTAX, "%s:%d: %s", c->name, c->line, what);
    return -1;
}

/* Skips blanks, comments and (when @lines) newlines. */
static void
vrConfSkip(vrConfCursor *c, bool lines)
{
    for (;;) {
        if (*c->p == '#') {
            while (*c->p && *c->p != '\n')
                c->p++;
        } else if (*c->p == ' ' || *c->p == '\t' || *c->p == '\r') {
            c->p++;
        } else if (lines && *c->p == '\n') {
            c->line++;
            c->p++;
        } else {
            return;
        }
    }
}

static char *
vrConfParseString(vrConfCursor *c)
{
    char quote = *c->p++;
    const char *start = c->p;

    while (*c->p && *c->p != quote && *c->p != '\n')
        c->p++;
    if (*c->p != quote) {
        vrConfSyntaxError(c, "unterminated string");
        return NULL;
    }
    return g_strndup(start, c->p++ - start);
}

static int
vrConfParseList(vrConfCursor *c, vrConfValue *v)
{
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);

    c->p++;  /* '[' */
    for (;;) {
        char *item;

        vrConfSkip(c, true);
        if (*c->p == ']') {
            c->p++;
            break;
        }
        if (*c->p != '"' && *c->p != '\'')
            return vrConfSyntaxError(c, "expecting a string in list");
        if (!(item = vrConfParseString(c)))
            return -1;
        g_ptr_array_add(items, item);
        vrConfSkip(c, true);
        if (*c->p == ',') {
            c->p++;
        } else if (*c->p != ']') {
            return vrConfSyntaxError(c, "expecting a separator in list");
        }
    }
    g_ptr_array_add(items, NULL);
    v->type = VR_CONF_LIST;
    v->list = (char **)g_ptr_array_steal(items, NULL);
    return 0;
}

static int
vrConfParseValue(vrConfCursor *c, vrConfValue *v)
{
    v->line = c->line;
    if (*c->p == '"' || *c->p == '\'') {
        v->type = VR_CONF_STRING;
        return (v->str = vrConfParseString(c)) ? 0 : -1;
    }
    if (*c->p == '[')
        return vrConfParseList(c, v);
    if (*c->p == '-' || isdigit((unsigned char)*c->p)) {
        char *end;
        v->type = VR_CONF_INT;
        v->num = g_ascii_strtoll(c->p, &end, 10);
        if (end == c->p)
            return vrConfSyntaxError(c, "expecting a value");
        c->p = end;
        return 0;
    }
    return vrConfSyntaxError(c, "expecting a value");
}

static int
vrConfParseEntry(vrConfFile *conf, vrConfCursor *c)
{
    const char *start = c->p;
    g_autofree char *key = NULL;
    vrConfValue *v;

    while (isalnum((unsigned char)*c->p) || *c->p == '_' || *c->p == '.')
        c->p++;
    if (c->p == start)
        return vrConfSyntaxError(c, "expecting a name");
    key = g_strndup(start, c->p - start);
    vrConfSkip(c, false);
    if (*c->p++ != '=')
        return vrConfSyntaxError(c, "expecting an assignment");
    vrConfSkip(c, false);

    v = g_new0(vrConfValue, 1);
    if (vrConfParseValue(c, v) < 0) {
        vrConfValueFree(v);
        return -1;
    }
    vrConfSkip(c, false);
    if (*c->p && *c->p != '\n' && *c->p != ';') {
        vrConfValueFree(v);
        return vrConfSyntaxError(c, "expecting a separator");
    }
    if (*c->p == ';')
        c->p++;
    if (!g_hash_table_contains(conf->values, key))
        g_ptr_array_add(conf->order, g_strdup(key));
    g_hash_table_replace(conf->values, g_steal_pointer(&key), v);
    return 0;
}

vrConfFile *
vrConfFileParse(const char *name, const char *text)
{
    g_autoptr(vrConfFile) conf = g_new0(vrConfFile, 1);
    vrConfCursor c = { name, text, 1 };

    conf->name = g_strdup(name);
    conf->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vrConfValueFree);
    conf->order = g_ptr_array_new_with_free_func(g_free);

    for (;;) {
        vrConfSkip(&c, true);
        if (!*c.p)
            break;
        if (vrConfParseEntry(conf, &c) < 0)
            return NULL;
    }
    return g_steal_pointer(&conf);
}

vrConfFile *
vrConfFileRead(const char *path)
{
    g_autofree char *text = NULL;

    if (vrFileReadAll(path, 1024 * 1024, &text) < 0)
        return NULL;
    return vrConfFileParse(path, text);
}

static vrConfValue *
vrConfLookup(vrConfFile *conf, const char *key, vrConfType type, const char *what)
{
    vrConfValue *v = g_hash_table_lookup(conf->values, key);

    if (v && v->type != type) {
        vrReportError(VR_ERR_CONF_SYNTAX, "%s:%d: %s: expected %s",
                      conf->name, v->line, key, what);
        return (vrConfValue *)-1;
    }
    return v;
}

int
vrConfGetInt(vrConfFile *conf, const char *key, long long *value)
{
    vrConfValue *v = vrConfLookup(conf, key, VR_CONF_INT, "an integer");

    if (v == (vrConfValue *)-1)
        return -1;
    if (!v)
        return 0;
    *value = v->num;
    return 1;
}

int
vrConfGetUInt(vrConfFile *conf, const char *key, unsigned int *value)
{
    long long n;
    int rc = vrConfGetInt(conf, key, &n);

    if (rc <= 0)
        return rc;
    if (n < 0 || n > G_MAXUINT) {
        vrReportError(VR_ERR_CONF_SYNTAX, "%s: %s: value %lld out of range",
                      conf->name, key, n);
        return -1;
    }
    *value = (unsigned int)n;
    return 1;
}

int
vrConfGetBool(vrConfFile *conf, const char *key, bool *value)
{
    long long n;
    int rc = vrConfGetInt(conf, key, &n);

    if (rc <= 0)
        return rc;
    if (n != 0 && n != 1) {
        vrReportError(VR_ERR_CONF_SYNTAX, "%s: %s: expected 0 or 1", conf->name, key);
        return -1;
    }
    *value = n == 1;
    return 1;
}

int
vrConfGetString(vrConfFile *conf, const char *key, char **value)
{
    vrConfValue *v = vrConfLookup(conf, key, VR_CONF_STRING, "a string");

    if (v == (vrConfValue *)-1)
        return -1;
    if (!v)
        return 0;
    g_free(*value);
    *value = g_strdup(v->str);
    return 1;
}

int
vrConfGetStringList(vrConfFile *conf, const char *key, char ***value)
{
    vrConfValue *v = vrConfLookup(conf, key, VR_CONF_LIST, "a list of strings");

    if (v == (vrConfValue *)-1)
        return -1;
    if (!v)
        return 0;
    g_strfreev(*value);
    *value = g_strdupv(v->list);
    return 1;
}

GPtrArray *
vrConfFileKeys(vrConfFile *conf)
{
    return conf->order;
}
