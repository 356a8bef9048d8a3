/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads RFC 4180 CSV: fields separated by commas, rows ended by CRLF, LF or
 * CR, fields that hold commas, quotes or line breaks enclosed in quotes with
 * their quotes doubled. Text must be UTF-8; a byte order mark is skipped.
 * A field that starts with an apostrophe followed by what starts a
 * spreadsheet formula loses the apostrophe, which pd_csv_append_row() adds.
 * A row of more than 1 MB or 1000 fields is refused, so that memory stays
 * bounded whatever the input. */
typedef struct _PdCsvReader PdCsvReader;

PdCsvReader *pd_csv_reader_new              (GInputStream  *stream);
PdCsvReader *pd_csv_reader_new_for_path     (const char    *path,
                                             GError       **error);
void         pd_csv_reader_free             (PdCsvReader   *self);

gboolean     pd_csv_reader_next_row         (PdCsvReader   *self,
                                             GPtrArray    **fields,
                                             GError       **error);
guint        pd_csv_reader_get_row_number   (PdCsvReader   *self);
guint        pd_csv_reader_get_line_number  (PdCsvReader   *self);
void         pd_csv_reader_set_column_names (PdCsvReader   *self,
                                             const char    *const *names,
                                             guint          n_names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCsvReader, pd_csv_reader_free)

void         pd_csv_append_row              (GString       *out,
                                             const char    *const *fields,
                                             guint          n_fields);
gboolean     pd_csv_write_row               (GOutputStream *out,
                                             const char    *const *fields,
                                             guint          n_fields,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_END_DECLS
