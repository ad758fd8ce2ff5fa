/*
 * vsh-table.c: aligned tables.
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include "vsh-table.h"

struct _vshTable {
    GPtrArray *rows;      /* GPtrArray of char* cells; row 0 is the header */
    size_t ncols;
};

static GPtrArray *
vshTableRowFromVa(const char *first, va_list ap)
{
    GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
    const char *cell = first;

    while (cell) {
        g_ptr_array_add(row, g_strdup(cell));
        cell = va_arg(ap, const char *);
    }
    return row;
}

vshTable *
vshTableNew(const char *first, ...)
{
    vshTable *table = g_new0(vshTable, 1);
    GPtrArray *header;
    va_list ap;

    va_start(ap, first);
    header = vshTableRowFromVa(first, ap);
    va_end(ap);
    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    table->ncols = header->len;
    g_ptr_array_add(table->rows, header);
    return table;
}

void
vshTableRowAppend(vshTable *table, const char *first, ...)
{
    va_list ap;
    GPtrArray *row;

    va_start(ap, first);
    row = vshTableRowFromVa(first, ap);
    va_end(ap);
    while (row->len < table->ncols)
        g_ptr_array_add(row, g_strdup(""));
    g_ptr_array_add(table->rows, row);
}

void
vshTableRowAppendArray(vshTable *table, const char *const *cells, size_t n)
{
    GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    for (i = 0; i < table->ncols; i++)
        g_ptr_array_add(row, g_strdup(i < n && cells[i] ? cells[i] : ""));
    g_ptr_array_add(table->rows, row);
}

void
vshTableFree(vshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}

static void
vshTablePrintRow(vshControl *ctl, GPtrArray *row, const size_t *widths, size_t ncols)
{
    GString *line = g_string_new(" ");
    size_t i;

    for (i = 0; i < ncols; i++) {
        const char *cell = g_ptr_array_index(row, i);
        g_string_append(line, cell);
        if (i + 1 < ncols) {
            size_t pad = widths[i] - vshStringWidth(cell) + 3;
            while (pad--)
                g_string_append_c(line, ' ');
        }
    }
    vshPrint(ctl, "%s\n", line->str);
    g_string_free(line, TRUE);
}

void
vshTablePrint(vshControl *ctl, vshTable *table, bool header)
{
    g_autofree size_t *widths = g_new0(size_t, table->ncols);
    size_t i, j, dashes = 0;

    for (i = 0; i < table->rows->len; i++) {
        GPtrArray *row = g_ptr_array_index(table->rows, i);
        for (j = 0; j < table->ncols; j++)
            widths[j] = MAX(widths[j], vshStringWidth(g_ptr_array_index(row, j)));
    }
    if (header) {
        vshTablePrintRow(ctl, g_ptr_array_index(table->rows, 0), widths, table->ncols);
        for (j = 0; j < table->ncols; j++)
            dashes += widths[j] + 3;
        {
            g_autofree char *line = g_strnfill(dashes, '-');
            vshPrint(ctl, "%s\n", line);
        }
    }
    for (i = 1; i < table->rows->len; i++)
        vshTablePrintRow(ctl, g_ptr_array_index(table->rows, i), widths, table->ncols);
}
