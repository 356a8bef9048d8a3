/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-json-private.h"
#include "pd-json.h"
#include "pd-safe-file.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-tables.h"

#define EXPORT_FLUSH_SIZE (256 * 1024)

typedef struct
{
  /* Borrowed */
  PdDatabase *db;
  PdSafeFile *file;
  const char *display_path;

  /* Owned */
  GString *out;

  guint64 n_rows;
} Export;

static gboolean
flush_output (Export    *export,
              gboolean   all,
              GError   **error)
{
  if (!all && export->out->len < EXPORT_FLUSH_SIZE)
    return TRUE;
  if (!pd_safe_file_write (export->file, export->out->str, export->out->len, error))
    return FALSE;
  g_string_truncate (export->out, 0);
  return TRUE;
}

/* JSON needs only the quote, the backslash and the control characters
 * escaped; everything else, as UTF-8, is copied as it is, which keeps names
 * readable in the file. */
static void
append_string (GString    *out,
               const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* Called for most values of a large export, where printf would be the
 * slowest part of it. */
static void
append_integer (GString *out,
                gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, digits + sizeof digits - p);
}

/* A value the schema does not allow can only come from a damaged file;
 * writing it anyway would make an export that cannot be imported. */
static void
set_value_error (Export          *export,
                 const PdTable   *table,
                 guint64          index,
                 const PdColumn  *column,
                 const char      *problem,
                 GError         **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
               _("Could not export to “%s”: %s[%" PRIu64 "].%s: %s; the database may "
                 "be damaged"),
               export->display_path, table->name, index, column->name, problem);
}

/* A damaged value that is no whole number, such as a text, reads as 0
 * when read as one; its own text then gives it away. */
static gboolean
get_whole_number (PdStatement *stmt,
                  guint        i,
                  gint64      *value)
{
  if (pd_statement_is_null (stmt, i))
    return FALSE;
  *value = pd_statement_get_int64 (stmt, i);
  return *value != 0 || g_str_equal (pd_statement_get_text (stmt, i), "0");
}

static gboolean
append_value (Export         *export,
              const PdTable  *table,
              guint64         index,
              guint           i,
              PdStatement    *stmt,
              GError        **error)
{
  const PdColumn *column = &table->columns[i];
  const char *text;
  gint64 value;

  switch (pd_column_value_type (column))
    {
    case PD_VALUE_INTEGER:
      if (column->optional && pd_statement_is_null (stmt, i))
        {
          g_string_append (export->out, "null");
          return TRUE;
        }
      if (!get_whole_number (stmt, i, &value))
        {
          set_value_error (export, table, index, column, _("the value is not a whole number"),
                           error);
          return FALSE;
        }
      append_integer (export->out, value);
      return TRUE;

    case PD_VALUE_FLAG:
      if (!get_whole_number (stmt, i, &value) || (value & ~1) != 0)
        {
          set_value_error (export, table, index, column, _("the value is not 1 or 0"), error);
          return FALSE;
        }
      g_string_append (export->out, value ? "true" : "false");
      return TRUE;

    case PD_VALUE_TEXT:
    default:
      text = pd_statement_get_text (stmt, i);
      if (text == NULL)
        {
          set_value_error (export, table, index, column, _("the value is missing"), error);
          return FALSE;
        }
      if (!g_utf8_validate (text, -1, NULL))
        {
          set_value_error (export, table, index, column, _("the text is not valid UTF-8"),
                           error);
          return FALSE;
        }
      append_string (export->out, text);
      return TRUE;
    }
}

static gboolean
export_table (Export         *export,
              const PdTable  *table,
              GError        **error)
{
  g_autofree char *sql = pd_table_select_sql (table);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PdStatement) stmt = NULL;
  guint64 index = 0;

  g_string_append_printf (export->out, ",\n  \"%s\": [", table->name);

  /* What goes before each value, made once: `"id": ` then `, "number": `. */
  for (guint i = 0; i < table->n_columns; i++)
    g_ptr_array_add (keys, g_strdup_printf ("%s\"%s\": ", i > 0 ? ", " : "",
                                            table->columns[i].name));

  stmt = pd_database_query (export->db, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* One row at a time, so that memory does not grow with the records. */
  while (pd_statement_next (stmt))
    {
      g_string_append (export->out, index > 0 ? ",\n    {" : "\n    {");
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_string_append (export->out, keys->pdata[i]);
          if (!append_value (export, table, index, i, stmt, error))
            return FALSE;
        }
      g_string_append_c (export->out, '}');
      index++;

      if (!flush_output (export, FALSE, error))
        return FALSE;
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  g_string_append (export->out, index > 0 ? "\n  ]" : "]");
  export->n_rows += index;
  return TRUE;
}

static gboolean
export_tables (Export  *export,
               GError **error)
{
  const PdTable *tables;
  guint n_tables;

  g_string_append_printf (export->out,
                          "{\n"
                          "  \"format\": \"" PD_JSON_FORMAT_NAME "\",\n"
                          "  \"version\": %d,\n"
                          "  \"schema_version\": %d",
                          PD_JSON_FORMAT_VERSION, pd_database_get_version (export->db));

  tables = pd_tables_get_exported (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    if (!export_table (export, &tables[i], error))
      return FALSE;

  g_string_append (export->out, "\n}\n");
  return flush_output (export, TRUE, error);
}

/* A read transaction, so that every table is read at the same moment
 * while the front desk goes on writing: on SQLite a savepoint begins a
 * deferred transaction, or nests in the caller's, where BEGIN IMMEDIATE
 * would hold off every writer for as long as the export takes. On
 * PostgreSQL a repeatable read sees every table as it was at its first
 * query; in the caller's transaction, which may have written already, the
 * export reads what that one sees. It writes nothing, so ending it either
 * way keeps everything. */
static gboolean
export_consistent (Export  *export,
                   GError **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *begin = "SAVEPOINT pd_json_export";
  const char *end = "RELEASE pd_json_export";
  gboolean ok;

  if (pd_database_is_shared (export->db))
    {
      if (export->db->transaction_depth > 0)
        return export_tables (export, error);
      begin = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
      end = "COMMIT";
    }

  if (!pd_database_exec (export->db, begin, error))
    return FALSE;

  ok = export_tables (export, error);

  if (!pd_database_exec (export->db, end, ok ? error : &local_error))
    {
      if (!ok)
        g_warning ("Could not end the export's read transaction: %s", local_error->message);
      return FALSE;
    }
  return ok;
}

gboolean
pd_json_export_full (PdDatabase  *db,
                     const char  *path,
                     guint64     *n_rows,
                     GError     **error)
{
  g_autoptr(PdSafeFile) file = NULL;
  Export export = { 0 };
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;
  if (!pd_database_require (db, PD_RIGHT_EXPORT, _("export records"), error))
    return FALSE;

  /* Private from the start: the records must never be readable by others,
   * not even while the file is being written. */
  file = pd_safe_file_new (path, error);
  if (file == NULL)
    return FALSE;

  export.db = db;
  export.file = file;
  export.display_path = pd_safe_file_display_path (file);
  export.out = g_string_sized_new (EXPORT_FLUSH_SIZE + 64 * 1024);
  ok = export_consistent (&export, error);
  g_string_free (export.out, TRUE);
  if (!ok || !pd_safe_file_commit_recorded (file, db, PD_AUDIT_EXPORT, "json", export.n_rows,
                                            error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = export.n_rows;
  return TRUE;
}

gboolean
pd_json_export (PdDatabase  *db,
                const char  *path,
                GError     **error)
{
  return pd_json_export_full (db, path, NULL, error);
}
