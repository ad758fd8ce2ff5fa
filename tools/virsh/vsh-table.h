/*
 * vsh-table.h: aligned tables as virsh prints them.
 *
 *  " Id   Name   State"      columns joined by three spaces, one leading
 *  "----------------------"   (width + 3) dashes per column
 *  " 1    test   running"     cells padded to the column width, the last
 *                             one left unpadded
 */
#ifndef VSH_TABLE_H
#define VSH_TABLE_H

#include "vsh.h"

typedef struct _vshTable vshTable;

vshTable *vshTableNew(const char *first, ...) G_GNUC_NULL_TERMINATED;
void vshTableRowAppend(vshTable *table, const char *first, ...) G_GNUC_NULL_TERMINATED;
void vshTableRowAppendArray(vshTable *table, const char *const *cells, size_t n);
void vshTablePrint(vshControl *ctl, vshTable *table, bool header);
void vshTableFree(vshTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vshTable, vshTableFree)

#endif
