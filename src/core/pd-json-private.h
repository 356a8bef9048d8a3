/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-table.h"

G_BEGIN_DECLS

/* Shared by the parts of the JSON export and import (pd-json.h). */

#define PD_JSON_FORMAT_NAME "peerdesk-export"

/* The reader of an import: it finds where each value of the file starts
 * and ends, and has JsonParser read one value at a time. */
typedef struct
{
  /* Borrowed */
  const char *display_path;

  /* Owned */
  int fd;
  JsonParser *parser;      /* reused for every value */
  char *data;
  gsize size;              /* allocated */
  gsize start;             /* the first byte not yet read */
  gsize end;               /* the end of what the file gave */
  gboolean eof;
  guint64 total;           /* bytes read from the file */
  guint64 line;            /* where data[start] is in the file, from 1 */
  guint64 column;          /* in bytes, from 1 */
  gint64 format_version;   /* the file's export format, once read */
} PdJsonReader;

/* What pd_json_reader_peek() gives after the end of the file, and on an
 * error. */
#define PD_JSON_READ_EOF (-1)
#define PD_JSON_READ_ERROR (-2)

gboolean  pd_json_reader_open                 (PdJsonReader  *reader,
                                               const char    *path,
                                               const char    *display_path,
                                               GError       **error);
void      pd_json_reader_clear                (PdJsonReader  *reader);
int       pd_json_reader_peek                 (PdJsonReader  *reader,
                                               GError       **error);
void      pd_json_reader_consume              (PdJsonReader  *reader,
                                               gsize          length);
gboolean  pd_json_reader_expect               (PdJsonReader  *reader,
                                               char           c,
                                               const char    *expected,
                                               GError       **error);
JsonNode *pd_json_reader_read_node            (PdJsonReader  *reader,
                                               guint          depth,
                                               GError       **error);

void      pd_json_reader_set_error            (PdJsonReader  *reader,
                                               GError       **error,
                                               gint           code,
                                               const char    *path,
                                               const char    *format,
                                               ...) G_GNUC_PRINTF (5, 6);
void      pd_json_reader_set_error_valist     (PdJsonReader  *reader,
                                               GError       **error,
                                               gint           code,
                                               const char    *path,
                                               const char    *format,
                                               va_list        args) G_GNUC_PRINTF (5, 0);
void      pd_json_reader_set_unexpected_error (PdJsonReader  *reader,
                                               int            c,
                                               const char    *expected,
                                               GError       **error);
void      pd_json_reader_set_too_large_error  (PdJsonReader  *reader,
                                               GError       **error);

/* The rows of a table in the file (pd-json-row.c). */
char     *pd_json_row_path                    (const PdTable  *table,
                                               guint           index);
char     *pd_json_value_path                  (const PdTable  *table,
                                               guint           index,
                                               const char     *column);
char     *pd_json_format_value                (const PdColumn *column,
                                               const PdValue  *value);
gboolean  pd_json_read_row                    (PdJsonReader   *reader,
                                               const PdTable  *table,
                                               guint           index,
                                               JsonNode       *node,
                                               PdValue        *values,
                                               GError        **error);

G_END_DECLS
