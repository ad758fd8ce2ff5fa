/*
 * vrtypedparam.h: building and reading typed parameter lists.
 */
#ifndef VR_TYPED_PARAM_H
#define VR_TYPED_PARAM_H

#include <glib.h>

#include "vireo/vireo.h"

/* A growable list, freed with vrTypedParamListFree. */
typedef struct {
    vrTypedParameter *params;
    int n;
    int alloc;
} vrTypedParamList;

int vrTypedParamListAddInt(vrTypedParamList *list, const char *field, int value);
int vrTypedParamListAddUInt(vrTypedParamList *list, const char *field, unsigned int value);
int vrTypedParamListAddLLong(vrTypedParamList *list, const char *field, long long value);
int vrTypedParamListAddULLong(vrTypedParamList *list, const char *field,
                              unsigned long long value);
int vrTypedParamListAddDouble(vrTypedParamList *list, const char *field, double value);
int vrTypedParamListAddBoolean(vrTypedParamList *list, const char *field, bool value);
int vrTypedParamListAddString(vrTypedParamList *list, const char *field, const char *value);
void vrTypedParamListClear(vrTypedParamList *list);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(vrTypedParamList, vrTypedParamListClear)

/* Copies up to *nparams entries of @list into @params (caller storage).
 * With *nparams == 0 it only reports the count, as libvirt's API does. */
int vrTypedParamListExport(vrTypedParamList *list, vrTypedParameter *params, int *nparams);

/* Lookup in a plain array. */
const vrTypedParameter *vrTypedParamsGet(const vrTypedParameter *params, int nparams,
                                         const char *field);

/* Formats a value the way virsh prints it. */
char *vrTypedParamToString(const vrTypedParameter *param);

#endif
