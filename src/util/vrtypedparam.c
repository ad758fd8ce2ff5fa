/*
 * vrtypedparam.c: typed parameter lists.
 */
#include <config.h>

#include <string.h>
#include <glib.h>

#include "vrerror.h"
#include "vrtypedparam.h"

#define VR_FROM_THIS VR_FROM_NONE

static vrTypedParameter *
vrTypedParamListNext(vrTypedParamList *list, const char *field, int type)
{
    vrTypedParameter *p;

    if (strlen(field) >= VR_TYPED_PARAM_FIELD_LENGTH) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "parameter name '%s' too long", field);
        return NULL;
    }
    if (list->n == list->alloc) {
        list->alloc = list->alloc ? list->alloc * 2 : 8;
        list->params = g_renew(vrTypedParameter, list->params, list->alloc);
    }
    p = &list->params[list->n++];
    memset(p, 0, sizeof(*p));
    g_strlcpy(p->field, field, sizeof(p->field));
    p->type = type;
    return p;
}

#define VR_TYPED_PARAM_ADDER(fn, ctype, tag, member) \
    int fn(vrTypedParamList *list, const char *field, ctype value) \
    { \
        vrTypedParameter *p = vrTypedParamListNext(list, field, tag); \
        if (!p) \
            return -1; \
        p->value.member = value; \
        return 0; \
    }

VR_TYPED_PARAM_ADDER(vrTypedParamListAddInt, int, VR_TYPED_PARAM_INT, i)
VR_TYPED_PARAM_ADDER(vrTypedParamListAddUInt, unsigned int, VR_TYPED_PARAM_UINT, ui)
VR_TYPED_PARAM_ADDER(vrTypedParamListAddLLong, long long, VR_TYPED_PARAM_LLONG, l)
VR_TYPED_PARAM_ADDER(vrTypedParamListAddULLong, unsigned long long, VR_TYPED_PARAM_ULLONG, ul)
VR_TYPED_PARAM_ADDER(vrTypedParamListAddDouble, double, VR_TYPED_PARAM_DOUBLE, d)

int
vrTypedParamListAddBoolean(vrTypedParamList *list, const char *field, bool value)
{
    vrTypedParameter *p = vrTypedParamListNext(list, field, VR_TYPED_PARAM_BOOLEAN);

    if (!p)
        return -1;
    p->value.b = value ? 1 : 0;
    return 0;
}

int
vrTypedParamListAddString(vrTypedParamList *list, const char *field, const char *value)
{
    vrTypedParameter *p = vrTypedParamListNext(list, field, VR_TYPED_PARAM_STRING);

    if (!p)
        return -1;
    p->value.s = g_strdup(value ? value : "");
    return 0;
}

void
vrTypedParamListClear(vrTypedParamList *list)
{
    vrTypedParamsFree(list->params, list->n);
    list->params = NULL;
    list->n = list->alloc = 0;
}

int
vrTypedParamListExport(vrTypedParamList *list, vrTypedParameter *params, int *nparams)
{
    int i, n;

    if (*nparams == 0) {
        *nparams = list->n;
        return 0;
    }
    n = MIN(*nparams, list->n);
    for (i = 0; i < n; i++) {
        params[i] = list->params[i];
        if (params[i].type == VR_TYPED_PARAM_STRING)
            params[i].value.s = g_strdup(list->params[i].value.s);
    }
    *nparams = n;
    return 0;
}

const vrTypedParameter *
vrTypedParamsGet(const vrTypedParameter *params, int nparams, const char *field)
{
    int i;

    for (i = 0; i < nparams; i++) {
        if (g_str_equal(params[i].field, field))
            return &params[i];
    }
    return NULL;
}

char *
vrTypedParamToString(const vrTypedParameter *param)
{
    switch (param->type) {
    case VR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", param->value.i);
    case VR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", param->value.ui);
    case VR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", param->value.l);
    case VR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", param->value.ul);
    case VR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%f", param->value.d);
    case VR_TYPED_PARAM_BOOLEAN:
        return g_strdup(param->value.b ? "yes" : "no");
    case VR_TYPED_PARAM_STRING:
        return g_strdup(param->value.s ? param->value.s : "");
    }
    return g_strdup_printf("unknown type %d", param->type);
}

/* Public API */

void
vrTypedParamsClear(vrTypedParameter *params, int nparams)
{
    int i;

    if (!params)
        return;
    for (i = 0; i < nparams; i++) {
        if (params[i].type == VR_TYPED_PARAM_STRING)
            g_clear_pointer(&params[i].value.s, g_free);
    }
}

void
vrTypedParamsFree(vrTypedParameter *params, int nparams)
{
    vrTypedParamsClear(params, nparams);
    g_free(params);
}
