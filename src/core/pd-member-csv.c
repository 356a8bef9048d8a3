/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-csv.h"
#include "pd-error.h"
#include "pd-member-csv.h"
#include "pd-members.h"
#include "pd-safe-file.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-tables.h"
#include "pd-text.h"

#define EXPORT_FLUSH_SIZE (256 * 1024)

typedef struct
{
  /* Borrowed */
  PdDatabase *db;
  const char *display_path;

  /* Owned */
  PdCsvReader *reader;
  PdMembersWriter *writer;
  PdMember *member;       /* reused for every row */
  PdMember *defaults;     /* values for the columns the file does not have */
  GArray *added_ids;      /* gint64, in the order the rows were added */
  GArray *added_rows;     /* guint: row number << 1 | whether the row had a number */

  int columns[PD_MEMBER_N_FIELDS];  /* the file's column for each field, or -1 */
  guint n_columns;
  gint64 last_id_before;
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->reader, pd_csv_reader_free);
  g_clear_pointer (&import->writer, pd_members_writer_free);
  g_clear_object (&import->member);
  g_clear_object (&import->defaults);
  g_clear_pointer (&import->added_ids, g_array_unref);
  g_clear_pointer (&import->added_rows, g_array_unref);
}

static gboolean
value_is_blank (const char *value)
{
  for (const char *p = value; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Spreadsheets write rows of empty cells below the last row that was ever
 * formatted; such rows, like blank lines, carry no member. */
static gboolean
row_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!value_is_blank (fields->pdata[i]))
      return FALSE;
  return TRUE;
}

static char *
known_columns (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", pd_member_field_info (i)->name);
  return g_string_free (s, FALSE);
}

static gboolean
read_header (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree const char **column_names = NULL;
  GPtrArray *fields = NULL;
  guint row;

  do
    {
      if (!pd_csv_reader_next_row (import->reader, &fields, &local_error))
        {
          if (local_error != NULL)
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                        import->display_path);
          else
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: the file is empty"),
                         import->display_path);
          return FALSE;
        }
    }
  while (row_is_blank (fields));

  row = pd_csv_reader_get_row_number (import->reader);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    import->columns[i] = -1;
  import->n_columns = fields->len;
  column_names = g_new0 (const char *, fields->len);

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *given = g_strstrip (g_strdup (fields->pdata[i]));
      g_autofree char *name = g_ascii_strdown (given, -1);
      PdMemberField field;

      if (*name == '\0')
        {
          g_autofree char *known = known_columns ();

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("%s: row %u: column %u of the header has no name; columns are named "
                         "by one of: %s"),
                       import->display_path, row, i + 1, known);
          return FALSE;
        }

      if (!pd_member_field_from_name (name, &field))
        {
          g_autofree char *known = known_columns ();
          g_autofree char *excerpt = pd_text_excerpt (given, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("%s: row %u: unknown column “%s”; the known columns are: %s"),
                       import->display_path, row, excerpt, known);
          return FALSE;
        }

      if (import->columns[field] >= 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("%s: row %u: the column %s appears twice (columns %d and %u)"),
                       import->display_path, row, pd_member_field_info (field)->name,
                       import->columns[field] + 1, i + 1);
          return FALSE;
        }

      import->columns[field] = i;
      column_names[i] = pd_member_field_info (field)->name;
    }

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      const PdFieldInfo *info = pd_member_field_info (i);

      if (info->required && import->columns[i] < 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("%s: missing required column %s"), import->display_path, info->name);
          return FALSE;
        }
    }

  pd_csv_reader_set_column_names (import->reader, column_names, fields->len);
  return TRUE;
}

/* The value the member gets from a row: a blank cell means the field's
 * default (so "not collected" for demographics left empty), and a column
 * the file does not have keeps what a new member starts with. */
static const char *
row_value (Import        *import,
           GPtrArray     *fields,
           PdMemberField  field)
{
  const PdFieldInfo *info = pd_member_field_info (field);
  const char *value;

  /* The database sets these; a file's values would only pretend. */
  if (info->kind == PD_FIELD_TIMESTAMP)
    return "";

  if (import->columns[field] < 0)
    return pd_member_get (import->defaults, field);

  /* A blank cell means the default, as a missing column does: a member
   * with no joining date joined on the day of the import, as one added at
   * the desk joins on that day, and so counts as new in that day's
   * reports instead of never. */
  value = fields->pdata[import->columns[field]];
  if ((info->default_value != NULL || field == PD_MEMBER_FIELD_JOINED_DATE) &&
      value_is_blank (value))
    return pd_member_get (import->defaults, field);
  return value;
}

/* The member writer normalizes and validates every value already and says
 * what is wrong by the field's label; only when it refuses a row are the
 * values checked again here, one by one, to name the row and column. */
static void
set_invalid_value_error (Import     *import,
                         GPtrArray  *fields,
                         guint       row,
                         GError     *writer_error,
                         GError    **error)
{
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;

      if (import->columns[i] < 0)
        continue;

      value = pd_member_normalize_value (i, row_value (import, fields, i));
      if (!pd_member_validate_value (i, value, &local_error))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: row %u, column %s: %s"),
                       import->display_path, row, pd_member_field_info (i)->name,
                       local_error->message);
          return;
        }
    }

  g_set_error (error, writer_error->domain, writer_error->code, _("%s: row %u: %s"),
               import->display_path, row, writer_error->message);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Says who holds the number already: an earlier row of the file (perhaps
 * given the number because it had none) or a member in the database. */
static void
set_duplicate_error (Import     *import,
                     guint       row,
                     GError     *writer_error,
                     GError    **error)
{
  const char *number = pd_member_get (import->member, PD_MEMBER_FIELD_NUMBER);
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id = 0;
  gint64 *found = NULL;
  gboolean holder;

  stmt = pd_database_query (import->db, "SELECT id FROM members WHERE number = :number",
                            &local_error);
  if (stmt != NULL)
    {
      pd_statement_bind_text (stmt, "number", number);
      if (pd_statement_fetch (stmt, &holder, &local_error) && holder)
        id = pd_statement_get_int64 (stmt, 0);
    }
  if (local_error != NULL)
    g_warning ("Could not look up who holds member number %s: %s", number,
               local_error->message);

  if (id > import->last_id_before)
    found = bsearch (&id, import->added_ids->data, import->added_ids->len, sizeof (gint64),
                     compare_ids);

  if (found != NULL)
    {
      guint other = g_array_index (import->added_rows, guint,
                                   found - (gint64 *) import->added_ids->data);

      if (other & 1)
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("%s: row %u, column number: %s (by row %u of this file)"),
                     import->display_path, row, writer_error->message, other >> 1);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("%s: row %u, column number: %s (by row %u of this file, which had no "
                       "number and was given the next free one; number every row or put the "
                       "rows without a number last)"),
                     import->display_path, row, writer_error->message, other >> 1);
    }
  else if (id != 0)
    g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                 _("%s: row %u, column number: %s (by a member already in the database)"),
                 import->display_path, row, writer_error->message);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, _("%s: row %u, column number: %s"),
                 import->display_path, row, writer_error->message);
}

static gboolean
import_row (Import     *import,
            GPtrArray  *fields,
            GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  guint row = pd_csv_reader_get_row_number (import->reader);
  gboolean had_number;
  gint64 id;
  guint row_info;

  if (fields->len != import->n_columns)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: row %u has %u field, the header has %u",
                                "%s: row %u has %u fields, the header has %u",
                                fields->len),
                   import->display_path, row, fields->len, import->n_columns);
      return FALSE;
    }

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    pd_member_set (import->member, i, row_value (import, fields, i));
  had_number = !value_is_blank (pd_member_get (import->member, PD_MEMBER_FIELD_NUMBER));

  if (!pd_members_writer_add (import->writer, import->member, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        set_duplicate_error (import, row, local_error, error);
      else if (g_error_matches (local_error, PD_ERROR, PD_ERROR_INVALID))
        set_invalid_value_error (import, fields, row, local_error, error);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), _("%s: row %u: "),
                                    import->display_path, row);
      return FALSE;
    }

  id = pd_member_get_id (import->member);
  row_info = row << 1 | (had_number ? 1 : 0);
  g_array_append_val (import->added_ids, id);
  g_array_append_val (import->added_rows, row_info);
  return TRUE;
}

static gboolean
query_last_id (PdDatabase  *db,
               gint64      *id,
               GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db,
                                                   "SELECT coalesce (max (id), 0) FROM members",
                                                   error);
  gboolean found;

  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  *id = found ? pd_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Writes every row in the member writer's transaction, which
 * pd_members_writer_finish() commits and import_clear() rolls back if it
 * was not. */
static gboolean
import_rows (Import  *import,
             guint   *n_imported,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields;
  guint n = 0;

  import->writer = pd_members_writer_new (import->db, error);
  if (import->writer == NULL || !query_last_id (import->db, &import->last_id_before, error))
    return FALSE;

  while (pd_csv_reader_next_row (import->reader, &fields, &local_error))
    {
      if (row_is_blank (fields))
        continue;
      if (!import_row (import, fields, error))
        return FALSE;
      n++;
    }

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                  import->display_path);
      return FALSE;
    }

  if (!pd_members_writer_finish (import->writer, error))
    return FALSE;

  *n_imported = n;
  return TRUE;
}

/**
 * pd_member_csv_import:
 * @path: a CSV file whose first row names its columns by the field names
 *   (in any order, in any case); only first_name is required
 * @n_imported: (out) (optional): how many members were added
 *
 * Adds every member of the file, or none: the first wrong value stops the
 * import and leaves the database as it was. Messages name the row, which is
 * the CSV record number with the header as row 1; a field holding a line
 * break does not count as two rows, so in such files it can differ from the
 * line number. Rows without a member number are given the next free one.
 */
gboolean
pd_member_csv_import (PdDatabase  *db,
                      const char  *path,
                      guint       *n_imported,
                      GError     **error)
{
  g_autofree char *display_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  Import import = { 0 };
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (!pd_database_require (db, PD_RIGHT_EXPORT, _("import records"), error))
    return FALSE;

  display_path = g_filename_display_name (path);
  import.db = db;
  import.display_path = display_path;
  import.reader = pd_csv_reader_new_for_path (path, error);
  if (import.reader == NULL)
    return FALSE;

  if (!read_header (&import, error))
    {
      import_clear (&import);
      return FALSE;
    }

  import.member = pd_member_new ();
  import.defaults = pd_member_new ();
  import.added_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  import.added_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The members and the audit entry that records them land together. */
  transaction = pd_database_begin_transaction (db, error);
  ok = transaction != NULL && import_rows (&import, &n, error);
  import_clear (&import);
  if (!ok)
    return FALSE;
  name = g_path_get_basename (path);
  detail = g_strdup_printf ("csv %s", name);
  if (!pd_audit_add (db, PD_AUDIT_IMPORT, 0, detail, n, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;

  if (n > 0)
    pd_database_notify_changed (db, "members");
  if (n_imported != NULL)
    *n_imported = n;
  return TRUE;
}

static gboolean
write_members (PdDatabase  *db,
               PdSafeFile  *file,
               guint       *n_exported,
               GError     **error)
{
  g_autofree char *sql = pd_table_select_sql (pd_tables_get_members ());
  const char *values[PD_MEMBER_N_FIELDS];
  g_autoptr(GString) out = g_string_sized_new (EXPORT_FLUSH_SIZE + 64 * 1024);
  g_autoptr(PdStatement) stmt = NULL;
  guint n = 0;

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    values[i] = pd_member_field_info (i)->name;
  pd_csv_append_row (out, values, PD_MEMBER_N_FIELDS);

  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* One row at a time, so that memory does not grow with the members. */
  while (pd_statement_next (stmt))
    {
      for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
        {
          const char *value = pd_statement_get_text (stmt, i + 1);

          if (value == NULL)
            value = "";
          /* Spreadsheet users read yes and no better than 1 and 0; the
           * import reads both. */
          if (pd_member_field_info (i)->kind == PD_FIELD_FLAG)
            value = strcmp (value, "1") == 0 ? "yes" : "no";
          values[i] = value;
        }
      pd_csv_append_row (out, values, PD_MEMBER_N_FIELDS);
      n++;

      if (out->len >= EXPORT_FLUSH_SIZE)
        {
          if (!pd_safe_file_write (file, out->str, out->len, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }

  if (!pd_statement_finish (stmt, error))
    return FALSE;

  if (!pd_safe_file_write (file, out->str, out->len, error))
    return FALSE;

  *n_exported = n;
  return TRUE;
}

/**
 * pd_member_csv_export:
 * @path: the file to write; it is replaced if it exists
 * @n_exported: (out) (optional): how many members were written
 *
 * Writes every member, in the order they were added, with a header of the
 * field names; the file can be imported again into an empty database. The
 * file is written beside @path and renamed into place only when complete,
 * so a failure leaves no partial file; it is readable by its owner only,
 * since it holds confidential notes.
 */
gboolean
pd_member_csv_export (PdDatabase  *db,
                      const char  *path,
                      guint       *n_exported,
                      GError     **error)
{
  g_autoptr(PdSafeFile) file = NULL;
  guint n = 0;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  if (!pd_database_require (db, PD_RIGHT_EXPORT, _("export records"), error))
    return FALSE;

  file = pd_safe_file_new (path, error);
  if (file == NULL ||
      !write_members (db, file, &n, error) ||
      !pd_safe_file_commit_recorded (file, db, PD_AUDIT_EXPORT, "csv", n, error))
    return FALSE;

  if (n_exported != NULL)
    *n_exported = n;
  return TRUE;
}
