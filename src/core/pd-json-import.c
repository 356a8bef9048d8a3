/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-json-check.h"
#include "pd-json-private.h"
#include "pd-json.h"
#include "pd-members.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-tables.h"
#include "pd-text.h"

/* The page cache of an import, in KiB when negative (SQLite's unit): the
 * member writer's. */
#define IMPORT_CACHE_SIZE -262144

typedef struct
{
  /* Borrowed */
  PdDatabase *db;
  const PdTable *tables;   /* in the order of the file */
  guint n_tables;

  /* Owned */
  PdJsonReader reader;
  PdTransaction *transaction;
  PdMembersWriter *writer;
  PdMember *member;        /* reused for every row */

  guint n_header;          /* of format, version, schema_version, read in this order */
  gint64 version;          /* of the file's format */
  guint next_table;        /* the index in tables of the next table to read */
  guint64 n_rows;
} Import;

static void set_import_error (Import      *import,
                              GError     **error,
                              gint         code,
                              const char  *path,
                              const char  *format,
                              ...) G_GNUC_PRINTF (5, 6);

/* "FILE: PATH: problem", or "FILE: problem" without a path. */
static void
set_import_error (Import      *import,
                  GError     **error,
                  gint         code,
                  const char  *path,
                  const char  *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  pd_json_reader_set_error_valist (&import->reader, error, code, path, format, args);
  va_end (args);
}

static void
set_unexpected_error (Import      *import,
                      int          c,
                      const char  *expected,
                      GError     **error)
{
  pd_json_reader_set_unexpected_error (&import->reader, c, expected, error);
}

static void
import_clear (Import *import)
{
  /* Freed inside the transaction, whose end its clean-up belongs to. */
  g_clear_pointer (&import->writer, pd_members_writer_free);
  g_clear_object (&import->member);
  pd_json_reader_clear (&import->reader);
}

/* For a reference to a row that is not there. */
static char *
missing_row_message (const char *table,
                     const char *id)
{
  if (g_str_equal (table, "members"))
    return g_strdup_printf (_("there is no member with id %s"), id);
  if (g_str_equal (table, "visit_purposes"))
    return g_strdup_printf (_("there is no visit purpose with id %s"), id);
  if (g_str_equal (table, "volunteer_roles"))
    return g_strdup_printf (_("there is no volunteer role with id %s"), id);
  if (g_str_equal (table, "volunteers"))
    return g_strdup_printf (_("there is no volunteer with id %s"), id);
  if (g_str_equal (table, "groups"))
    return g_strdup_printf (_("there is no group with id %s"), id);
  if (g_str_equal (table, "sessions"))
    return g_strdup_printf (_("there is no session with id %s"), id);
  if (g_str_equal (table, "training_domains"))
    return g_strdup_printf (_("there is no training domain with id %s"), id);
  if (g_str_equal (table, "courses"))
    return g_strdup_printf (_("there is no course with id %s"), id);
  g_assert_not_reached ();
}

typedef enum
{
  ROW_UNKNOWN,
  ROW_MISSING,
  ROW_EXISTS,
} RowState;

/* Whether the row of @table with @id is there, to say why an insert was
 * refused. @table is a name from the descriptions of the tables (a
 * table's own or the one a column references), never text from the file:
 * identifiers cannot be bound. */
static RowState
row_state (PdDatabase *db,
           const char *table,
           gint64      id)
{
  /* @table is a name from the descriptions of the tables (the table read,
   * or one a column references), never text from the file. */
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = :id", table);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, &error);
  gboolean exists;

  if (stmt != NULL)
    {
      pd_statement_bind_int64 (stmt, "id", id);
      if (pd_statement_fetch (stmt, &exists, &error))
        return exists ? ROW_EXISTS : ROW_MISSING;
    }
  /* A lost server is said by the import's own error. */
  if (g_error_matches (error, PD_ERROR, PD_ERROR_OFFLINE))
    g_debug ("Could not look for the row %" PRId64 " of %s: %s", id, table, error->message);
  else
    g_warning ("Could not look for the row %" PRId64 " of %s: %s", id, table, error->message);
  return ROW_UNKNOWN;
}

/* PostgreSQL names the constraint that failed, "duplicate key value
 * violates unique constraint "attendance_pkey"": its columns are in the
 * catalog, in their order; a name unique whatever its case is indexed as
 * lower (name), where SQLite names the column. */
static GStrv
server_unique_columns (PdDatabase *db,
                       const char *message)
{
  static const char prefix[] = "unique constraint \"";
  const char *name = strstr (message, prefix);
  g_autofree char *constraint = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n = 0;

  if (name == NULL || strchr (name + strlen (prefix), '"') == NULL)
    return NULL;
  name += strlen (prefix);
  constraint = g_strndup (name, strchr (name, '"') - name);

  stmt = pd_database_query (db,
                            "SELECT coalesce (a.attname, pg_get_indexdef (c.oid,"
                            "  CAST (k.n AS INTEGER), true))"
                            " FROM pg_class AS c"
                            " JOIN pg_index AS i ON i.indexrelid = c.oid"
                            " CROSS JOIN unnest (i.indkey) WITH ORDINALITY AS k (attnum, n)"
                            " LEFT JOIN pg_attribute AS a"
                            "  ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                            " WHERE c.relname = :name AND c.relnamespace = CAST (current_schema ()"
                            "  AS regnamespace)"
                            " ORDER BY k.n",
                            &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the columns of %s: %s", constraint, error->message);
      return NULL;
    }
  pd_statement_bind_text (stmt, "name", constraint);
  while (pd_statement_next (stmt))
    {
      const char *column = pd_statement_get_text (stmt, 0);
      g_autofree char *inner = NULL;

      if (g_str_has_prefix (column, "lower(") && g_str_has_suffix (column, ")"))
        column = inner = g_strndup (column + strlen ("lower("),
                                    strlen (column) - strlen ("lower()"));
      g_strv_builder_add (names, column);
      n++;
    }
  if (!pd_statement_finish (stmt, &error))
    {
      g_warning ("Could not read the columns of %s: %s", constraint, error->message);
      return NULL;
    }
  return n > 0 ? g_strv_builder_end (names) : NULL;
}

/* SQLite names the columns of a UNIQUE constraint that failed:
 * "UNIQUE constraint failed: sessions.group_id, sessions.starts_at". */
static GStrv
unique_columns (PdDatabase *db,
                const char *message)
{
  static const char prefix[] = "UNIQUE constraint failed: ";
  const char *list = strstr (message, prefix);
  g_auto(GStrv) names = NULL;

  if (pd_database_is_shared (db))
    return server_unique_columns (db, message);
  if (list == NULL)
    return NULL;
  names = g_strsplit (list + strlen (prefix), ", ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *dot = strchr (names[i], '.');

      if (dot != NULL)
        memmove (names[i], dot + 1, strlen (dot + 1) + 1);
    }
  return g_steal_pointer (&names);
}

/* The audit trail records what was done to this database too (the
 * command that imports, say): it need not be empty, and the file's
 * entries come after its own, with ids of their own, in the file's
 * order. */
static gboolean
is_trail (const PdTable *table)
{
  return g_str_equal (table->name, "audit");
}

/* Files of format 1, from before staff accounts, end before the staff
 * and audit tables. */
static gboolean
is_missing_from_older_file (const Import  *import,
                            const PdTable *table)
{
  return import->version < 2 &&
         (g_str_equal (table->name, "staff") || is_trail (table));
}

/* SQLite says a constraint failed, but not always which row or value
 * made it fail: a duplicate id, a reference to a row that is not there,
 * or a value that must be unique, each named here by its JSON path. */
static void
set_insert_error (Import         *import,
                  const PdTable  *table,
                  guint           index,
                  const PdValue  *values,
                  GError         *cause,
                  GError        **error)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) columns = NULL;
  int unique;

  if (table->columns[0].kind == PD_FIELD_ID &&
      g_error_matches (cause, PD_ERROR, PD_ERROR_DUPLICATE) &&
      row_state (import->db, table->name, values[0].number) == ROW_EXISTS)
    {
      path = pd_json_value_path (table, index, "id");
      set_import_error (import, error, PD_ERROR_DUPLICATE, path,
                        _("%" PRId64 " is the id of an earlier row too"),
                        values[0].number);
      return;
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      const PdColumn *column = &table->columns[i];
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;

      if (column->kind != PD_FIELD_REF || values[i].is_null ||
          row_state (import->db, column->references, values[i].number) != ROW_MISSING)
        continue;

      path = pd_json_value_path (table, index, column->name);
      id = g_strdup_printf ("%" PRId64, values[i].number);
      message = missing_row_message (column->references, id);
      set_import_error (import, error, PD_ERROR_INVALID, path, "%s", message);
      return;
    }

  columns = g_error_matches (cause, PD_ERROR, PD_ERROR_DUPLICATE)
            ? unique_columns (import->db, cause->message) : NULL;
  unique = columns != NULL && g_strv_length (columns) == 1
           ? pd_table_find_column (table, columns[0]) : -1;
  if (unique >= 0)
    {
      g_autofree char *value = pd_json_format_value (&table->columns[unique], &values[unique]);

      path = pd_json_value_path (table, index, columns[0]);
      set_import_error (import, error, PD_ERROR_DUPLICATE, path,
                        _("%s is in an earlier row too, and may be in one row only"), value);
      return;
    }

  path = pd_json_row_path (table, index);
  if (columns != NULL)
    {
      g_autofree char *list = g_strjoinv (" and ", columns);

      set_import_error (import, error, PD_ERROR_DUPLICATE, path,
                        _("an earlier row has the same %s"), list);
      return;
    }
  set_import_error (import, error, cause->domain == PD_ERROR ? cause->code : PD_ERROR_FAILED,
                    path, "%s", cause->message);
}

static gboolean
insert_row (Import         *import,
            const PdTable  *table,
            guint           index,
            const PdValue  *values,
            PdStatement    *stmt,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Bound by the names of the columns, as pd_table_insert_sql() names
   * the parameters. */
  for (guint i = is_trail (table) ? 1 : 0; i < table->n_columns; i++)
    {
      const char *name = table->columns[i].name;

      if (values[i].is_null)
        pd_statement_bind_null (stmt, name);
      else if (values[i].text != NULL)
        pd_statement_bind_text (stmt, name, values[i].text);
      else
        pd_statement_bind_int64 (stmt, name, values[i].number);
    }

  if (!pd_statement_execute (stmt, &local_error))
    {
      set_insert_error (import, table, index, values, local_error, error);
      return FALSE;
    }
  return TRUE;
}

/* The member writer validates every value and says what is wrong by the
 * field's label; only when it refuses a row are the values checked again
 * here, one by one, to name the path. */
static void
set_member_error (Import         *import,
                  const PdTable  *table,
                  guint           index,
                  const PdValue  *values,
                  GError         *cause,
                  GError        **error)
{
  /* The writer says which number is taken, and SQLite which id. */
  if (g_error_matches (cause, PD_ERROR, PD_ERROR_DUPLICATE) &&
      row_state (import->db, table->name, values[0].number) == ROW_MISSING)
    {
      g_autofree char *path = pd_json_value_path (table, index, "number");
      g_autofree char *number = pd_text_excerpt (values[1 + PD_MEMBER_FIELD_NUMBER].text, -1);

      set_import_error (import, error, PD_ERROR_DUPLICATE, path,
                        _("“%s” is in an earlier row too, and may be in one row only"), number);
      return;
    }

  if (g_error_matches (cause, PD_ERROR, PD_ERROR_INVALID))
    {
      for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autofree char *value = NULL;
          const char *text = values[i + 1].text;

          if (text == NULL)
            continue;
          value = pd_member_normalize_value (i, text);
          if (!pd_member_validate_value (i, value, &local_error))
            {
              const char *name = pd_member_field_info (i)->name;
              g_autofree char *path = pd_json_value_path (table, index, name);

              set_import_error (import, error, PD_ERROR_INVALID, path, "%s",
                                local_error->message);
              return;
            }
        }
    }
  set_insert_error (import, table, index, values, cause, error);
}

static gboolean
insert_member (Import         *import,
               const PdTable  *table,
               guint           index,
               const PdValue  *values,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *number = values[1 + PD_MEMBER_FIELD_NUMBER].text;

  /* A member without a number would be given the next free one, which is
   * not the member that was exported. */
  if (pd_text_is_blank (number))
    {
      g_autofree char *path = pd_json_value_path (table, index, "number");

      set_import_error (import, error, PD_ERROR_INVALID, path,
                        _("expected a member number, got an empty string"));
      return FALSE;
    }

  if (import->writer == NULL)
    {
      import->writer = pd_members_writer_new (import->db, error);
      if (import->writer == NULL)
        return FALSE;
      import->member = pd_member_new ();
    }

  pd_member_set_id (import->member, values[0].number);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      const PdValue *value = &values[i + 1];

      if (pd_member_field_info (i)->kind == PD_FIELD_FLAG)
        pd_member_set (import->member, i, value->number ? "1" : "0");
      else
        pd_member_set (import->member, i, value->text);
    }

  if (!pd_members_writer_restore (import->writer, import->member, &local_error))
    {
      set_member_error (import, table, index, values, local_error, error);
      return FALSE;
    }
  return TRUE;
}

/* Only the settings an export writes; anything else would be a setting
 * this version does not know, or one that belongs to another computer. */
static gboolean
check_meta_row (Import         *import,
                const PdTable  *table,
                guint           index,
                const PdValue  *values,
                GError        **error)
{
  const char *key = values[0].text;
  const char *value = values[1].text;

  if (g_str_equal (key, PD_META_NEXT_MEMBER_NUMBER))
    {
      gboolean ok = *value != '\0' && strlen (value) <= 10;

      for (const char *p = value; ok && *p != '\0'; p++)
        ok = g_ascii_isdigit (*p);
      if (!ok || g_ascii_strtoll (value, NULL, 10) < 1)
        {
          g_autofree char *path = pd_json_value_path (table, index, "value");
          g_autofree char *shown = pd_text_excerpt (value, -1);

          set_import_error (import, error, PD_ERROR_INVALID, path,
                            _("“%s” is not a member number to give next (a whole number, "
                              "1 or more)"),
                            shown);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_has_prefix (key, PD_META_REPORT_PREFIX))
    return TRUE;

  {
    g_autofree char *path = pd_json_value_path (table, index, "key");
    g_autofree char *shown = pd_text_excerpt (key, -1);

    set_import_error (import, error, PD_ERROR_INVALID, path,
                      _("“%s” is not a setting an export holds (%s, or one starting %s)"),
                      shown, PD_META_NEXT_MEMBER_NUMBER, PD_META_REPORT_PREFIX);
  }
  return FALSE;
}

/* The front desk checks people in with the default purpose. */
static gboolean
check_default_purpose (Import  *import,
                       GError **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gint64 n_purposes = 0, n_defaults = 0;
  gboolean found;

  stmt = pd_database_query (import->db,
                            "SELECT count (*), coalesce (sum (is_default), 0)"
                            " FROM visit_purposes", error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (found)
    {
      n_purposes = pd_statement_get_int64 (stmt, 0);
      n_defaults = pd_statement_get_int64 (stmt, 1);
    }

  if (n_purposes > 0 && n_defaults == 0)
    {
      set_import_error (import, error, PD_ERROR_INVALID, "visit_purposes",
                        _("no purpose is the default; one must have “is_default”: true"));
      return FALSE;
    }
  return TRUE;
}

/* The names of the tables that hold records, for a message; NULL if there
 * are none. */
static char *
dup_tables_in_use (PdDatabase  *db,
                   GError     **error)
{
  g_autoptr(GString) in_use = g_string_new (NULL);
  const PdTable *tables;
  guint n_tables;

  tables = pd_tables_get_exported (&n_tables);
  for (guint i = 1; i < n_tables; i++)
    {
      g_autofree char *sql = NULL;
      g_autoptr(PdStatement) stmt = NULL;
      gboolean found;

      if (tables[i].seeded || is_trail (&tables[i]))
        continue;

      /* A name from the descriptions of the tables, not from the file. */
      sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", tables[i].name);
      stmt = pd_database_query (db, sql, error);
      if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
        return NULL;
      if (found)
        g_string_append_printf (in_use, "%s%s", in_use->len > 0 ? ", " : "", tables[i].name);
    }

  if (in_use->len == 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_NOT_FOUND, "");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&in_use), FALSE);
}

/* A file is imported into an empty database only: merging two centres'
 * records would give two members the same id or number. */
static gboolean
check_empty (Import  *import,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *in_use = dup_tables_in_use (import->db, &local_error);
  g_autofree char *db_path = NULL;

  if (in_use == NULL)
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  db_path = g_filename_display_name (pd_database_get_path (import->db));
  set_import_error (import, error, PD_ERROR_INVALID, NULL,
                    _("the database “%s” already holds records (%s); an export is imported "
                      "only into a new, empty database"),
                    db_path, in_use);
  return FALSE;
}

/* The rows of a table come in the order of its key, but its other indexes
 * (attendance by member, visits by time, hours by date) are written all
 * over: a cache that holds them turns that into memory work instead of
 * disk reads and writes, as the member writer does for its rows. Given
 * back when the import ends. A server's cache is its own business. */
static void
set_cache_size (PdDatabase *db,
                const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (pd_database_is_shared (db))
    return;
  if (!pd_database_exec (db, sql, &error))
    g_warning ("Could not set the page cache: %s", error->message);
}

static void
set_import_cache (PdDatabase *db)
{
  set_cache_size (db, "PRAGMA cache_size = " G_STRINGIFY (IMPORT_CACHE_SIZE));
}

/* What a new database starts with gives way to the file's lists, and the
 * database's settings to the file's. */
static gboolean
begin_writing (Import  *import,
               GError **error)
{
  /* The meta table's own condition in its description, not text from the
   * file. */
  g_autofree char *sql = g_strdup_printf ("DELETE FROM meta WHERE %s", import->tables[0].where);

  import->transaction = pd_database_begin_transaction (import->db, error);
  if (import->transaction == NULL)
    return FALSE;
  set_import_cache (import->db);

  if (!check_empty (import, error) || !pd_database_exec (import->db, sql, error))
    return FALSE;

  for (guint i = 0; i < import->n_tables; i++)
    {
      g_autofree char *delete = NULL;

      if (!import->tables[i].seeded)
        continue;
      /* A name from the descriptions of the tables. */
      delete = g_strdup_printf ("DELETE FROM %s", import->tables[i].name);
      if (!pd_database_exec (import->db, delete, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_row (Import         *import,
            const PdTable  *table,
            guint           index,
            JsonNode       *node,
            PdStatement    *insert,
            GError        **error)
{
  PdValue values[PD_TABLE_MAX_COLUMNS];

  g_assert (table->n_columns <= PD_TABLE_MAX_COLUMNS);

  if (!pd_json_read_row (&import->reader, table, index, node, values, error))
    return FALSE;

  if (table == &import->tables[0] && !check_meta_row (import, table, index, values, error))
    return FALSE;

  if (insert == NULL)
    return insert_member (import, table, index, values, error);
  return insert_row (import, table, index, values, insert, error);
}

/* Reads the list of rows of @table, which the reader is at, inserting each
 * row as it comes. */
static gboolean
import_table (Import         *import,
              const PdTable  *table,
              GError        **error)
{
  g_autoptr(PdStatement) insert = NULL;
  guint index = 0;
  int c;

  c = pd_json_reader_peek (&import->reader, error);
  if (c != '[')
    {
      JsonNode *node;

      if (c == PD_JSON_READ_ERROR)
        return FALSE;
      node = pd_json_reader_read_node (&import->reader, 1, error);
      if (node != NULL)
        set_import_error (import, error, PD_ERROR_INVALID, table->name,
                          _("expected a list of rows ([ … ]), got %s"), pd_json_node_kind (node));
      return FALSE;
    }
  pd_json_reader_consume (&import->reader, 1);

  /* Members go through the member writer, which indexes their names. */
  if (table != pd_tables_get_members ())
    {
      g_autofree char *sql = pd_table_insert_sql (table, is_trail (table) ? 1 : 0, NULL);

      insert = pd_database_query (import->db, sql, error);
      if (insert == NULL)
        return FALSE;
    }

  c = pd_json_reader_peek (&import->reader, error);
  if (c == ']')
    pd_json_reader_consume (&import->reader, 1);
  else
    {
      for (;; index++)
        {
          JsonNode *node;

          if (c == PD_JSON_READ_ERROR)
            return FALSE;
          node = pd_json_reader_read_node (&import->reader, 2, error);
          if (node == NULL || !import_row (import, table, index, node, insert, error))
            return FALSE;

          c = pd_json_reader_peek (&import->reader, error);
          if (c == ']')
            {
              pd_json_reader_consume (&import->reader, 1);
              index++;
              break;
            }
          if (c != ',')
            {
              set_unexpected_error (import, c, _("“,” or “]”"), error);
              return FALSE;
            }
          pd_json_reader_consume (&import->reader, 1);
          c = pd_json_reader_peek (&import->reader, error);
        }
    }

  /* What follows needs the names indexed and the member count right, as
   * pd_members_writer_finish() leaves them. */
  if (import->writer != NULL)
    {
      if (!pd_members_writer_finish (import->writer, error))
        return FALSE;
      g_clear_pointer (&import->writer, pd_members_writer_free);
      set_import_cache (import->db);
    }
  if (g_str_equal (table->name, "visit_purposes") && !check_default_purpose (import, error))
    return FALSE;

  import->n_rows += index;
  return TRUE;
}

static const char *
json_value_kind (JsonNode *node)
{
  return node != NULL ? pd_json_node_kind (node) : _("nothing");
}

static gboolean
check_format (Import    *import,
              JsonNode  *node,
              GError   **error)
{
  if (!pd_json_node_is_type (node, G_TYPE_STRING))
    {
      set_import_error (import, error, PD_ERROR_INVALID, "format",
                        _("this is not a Peerdesk export: expected “%s”, got %s"),
                        PD_JSON_FORMAT_NAME, pd_json_node_kind (node));
      return FALSE;
    }
  if (!g_str_equal (json_node_get_string (node), PD_JSON_FORMAT_NAME))
    {
      g_autofree char *shown = pd_text_excerpt (json_node_get_string (node), -1);

      set_import_error (import, error, PD_ERROR_INVALID, "format",
                        _("this is not a Peerdesk export: expected “%s”, got “%s”"),
                        PD_JSON_FORMAT_NAME, shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_version (Import    *import,
               JsonNode  *node,
               GError   **error)
{
  gint64 version;

  if (node == NULL || !pd_json_node_is_type (node, G_TYPE_INT64))
    {
      set_import_error (import, error, PD_ERROR_INVALID, "version",
                        _("expected the version of the export format, a whole number, got %s"),
                        json_value_kind (node));
      return FALSE;
    }
  version = json_node_get_int (node);
  if (version > PD_JSON_FORMAT_VERSION)
    {
      set_import_error (import, error, PD_ERROR_NEWER_SCHEMA, "version",
                        _("the file is in version %" PRId64 " of the export format, "
                          "newer than this version of Peerdesk reads (up to %d); update "
                          "Peerdesk to import it"),
                        version, PD_JSON_FORMAT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      set_import_error (import, error, PD_ERROR_INVALID, "version",
                        _("%" PRId64 " is not a version of the export format "
                          "(1 to %d)"),
                        version, PD_JSON_FORMAT_VERSION);
      return FALSE;
    }
  import->version = version;
  import->reader.format_version = version;
  return TRUE;
}

static gboolean
check_schema_version (Import    *import,
                      JsonNode  *node,
                      GError   **error)
{
  if (node == NULL || !pd_json_node_is_type (node, G_TYPE_INT64) || json_node_get_int (node) < 1)
    {
      set_import_error (import, error, PD_ERROR_INVALID, "schema_version",
                        _("expected the version of the database, a whole number from 1 up, "
                          "got %s"),
                        json_value_kind (node));
      return FALSE;
    }
  return TRUE;
}

static char *
dup_key_list (Import *import)
{
  GString *list = g_string_new ("format, version, schema_version");

  for (guint i = 0; i < import->n_tables; i++)
    g_string_append_printf (list, ", %s", import->tables[i].name);
  return g_string_free (list, FALSE);
}

/* One key of the top-level object and its value. The format and its
 * version come first, so that a file that is not an export, or that a
 * newer Peerdesk wrote, is refused before anything is written; the tables
 * follow in their order, so that every reference names a row already
 * read. */
static gboolean
import_member (Import      *import,
               const char  *key,
               GError     **error)
{
  static const char *header[] = { "format", "version", "schema_version" };
  JsonNode *node;
  guint table;

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (!g_str_equal (key, header[i]))
        continue;
      if (import->n_header != i)
        {
          set_import_error (import, error, PD_ERROR_INVALID, key,
                            import->n_header > i
                            ? _("this key is in the file twice")
                            : _("expected after “format” and “version”, which come first"));
          return FALSE;
        }
      node = pd_json_reader_read_node (&import->reader, 1, error);
      if (node == NULL ||
          !(i == 0 ? check_format (import, node, error)
            : i == 1 ? check_version (import, node, error)
            : check_schema_version (import, node, error)))
        return FALSE;
      import->n_header++;
      return TRUE;
    }

  for (table = 0; table < import->n_tables; table++)
    if (g_str_equal (key, import->tables[table].name))
      break;
  if (table == import->n_tables)
    {
      g_autofree char *list = dup_key_list (import);
      g_autofree char *shown = pd_text_excerpt (key, -1);

      set_import_error (import, error, PD_ERROR_INVALID, shown,
                        _("unknown key (the keys of an export are %s)"), list);
      return FALSE;
    }

  if (import->n_header < G_N_ELEMENTS (header))
    {
      set_import_error (import, error, PD_ERROR_INVALID, header[import->n_header],
                        _("this key is missing, or comes after the tables"));
      return FALSE;
    }
  if (table < import->next_table)
    {
      set_import_error (import, error, PD_ERROR_INVALID, key, _("this key is in the file twice"));
      return FALSE;
    }
  if (table > import->next_table)
    {
      g_autofree char *list = dup_key_list (import);

      set_import_error (import, error, PD_ERROR_INVALID, import->tables[import->next_table].name,
                        _("this key is missing, or comes after “%s” (the keys come in the "
                          "order %s)"),
                        key, list);
      return FALSE;
    }

  if (import->transaction == NULL && !begin_writing (import, error))
    return FALSE;
  if (!import_table (import, &import->tables[table], error))
    return FALSE;
  import->next_table++;
  return TRUE;
}

static gboolean
import_file (Import  *import,
             GError **error)
{
  int c = pd_json_reader_peek (&import->reader, error);

  if (c == PD_JSON_READ_ERROR)
    return FALSE;
  if (c == PD_JSON_READ_EOF)
    {
      set_import_error (import, error, PD_ERROR_INVALID, NULL, _("the file is empty"));
      return FALSE;
    }
  if (c != '{')
    {
      JsonNode *node = pd_json_reader_read_node (&import->reader, 0, error);

      if (node != NULL)
        set_import_error (import, error, PD_ERROR_INVALID, NULL,
                          _("this is not a Peerdesk export: expected an object ({ … }), "
                            "got %s"),
                          pd_json_node_kind (node));
      return FALSE;
    }
  pd_json_reader_consume (&import->reader, 1);

  c = pd_json_reader_peek (&import->reader, error);
  while (c != '}')
    {
      JsonNode *node;
      g_autofree char *key = NULL;

      if (c != '"')
        {
          set_unexpected_error (import, c, _("a key in quotes"), error);
          return FALSE;
        }
      node = pd_json_reader_read_node (&import->reader, 1, error);
      if (node == NULL)
        return FALSE;
      key = g_strdup (json_node_get_string (node));

      if (import->n_header == 0 && !g_str_equal (key, "format"))
        {
          set_import_error (import, error, PD_ERROR_INVALID, NULL,
                            _("this is not a Peerdesk export: it does not start with a "
                              "“format” key"));
          return FALSE;
        }

      if (!pd_json_reader_expect (&import->reader, ':', _("“:”"), error) ||
          !import_member (import, key, error))
        return FALSE;

      c = pd_json_reader_peek (&import->reader, error);
      if (c == ',')
        {
          pd_json_reader_consume (&import->reader, 1);
          c = pd_json_reader_peek (&import->reader, error);
          if (c == '}')
            {
              set_unexpected_error (import, c, _("a key in quotes"), error);
              return FALSE;
            }
        }
      else if (c != '}')
        {
          set_unexpected_error (import, c, _("“,” or “}”"), error);
          return FALSE;
        }
    }
  pd_json_reader_consume (&import->reader, 1);

  c = pd_json_reader_peek (&import->reader, error);
  if (c != PD_JSON_READ_EOF)
    {
      set_unexpected_error (import, c, _("the end of the file"), error);
      return FALSE;
    }

  if (import->n_header == 0)
    {
      set_import_error (import, error, PD_ERROR_INVALID, NULL,
                        _("this is not a Peerdesk export: it has no “format” key"));
      return FALSE;
    }
  while (import->next_table < import->n_tables &&
         is_missing_from_older_file (import, &import->tables[import->next_table]))
    import->next_table++;
  if (import->n_header < 3 || import->next_table < import->n_tables)
    {
      set_import_error (import, error, PD_ERROR_INVALID,
                        import->n_header == 1 ? "version"
                        : import->n_header == 2 ? "schema_version"
                        : import->tables[import->next_table].name,
                        _("this key is missing"));
      return FALSE;
    }
  return TRUE;
}

/* The rows came with their ids, which PostgreSQL's identities do not
 * see: each is moved past the highest id, in the import's transaction, so
 * that the next row added gets a free one. SQLite takes the highest id
 * plus one by itself. */
static gboolean
move_identities (Import  *import,
                 GError **error)
{
  if (!pd_database_is_shared (import->db))
    return TRUE;

  for (guint i = 0; i < import->n_tables; i++)
    {
      const PdTable *table = &import->tables[i];
      g_autofree char *sql = NULL;

      if (table->columns[0].kind != PD_FIELD_ID)
        continue;
      /* A name from the descriptions of the tables, not from the file. */
      sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'),"
                             " coalesce (max (id), 0) + 1, false) FROM %s",
                             table->name, table->name);
      if (!pd_database_exec (import->db, sql, error))
        return FALSE;
    }
  return TRUE;
}

static void
notify_changed (Import *import)
{
  const char *notified[PD_TABLE_MAX_COLUMNS] = { NULL, };
  guint n_notified = 0;

  for (guint i = 0; i < import->n_tables; i++)
    {
      const char *changed = import->tables[i].changed;
      gboolean done = changed == NULL;

      for (guint j = 0; j < n_notified && !done; j++)
        done = g_str_equal (notified[j], changed);
      if (done)
        continue;
      g_assert (n_notified < G_N_ELEMENTS (notified));
      notified[n_notified++] = changed;
      pd_database_notify_changed (import->db, changed);
    }
}

gboolean
pd_json_import_full (PdDatabase  *db,
                     const char  *path,
                     guint64     *n_rows,
                     GError     **error)
{
  g_autofree char *display_path = NULL;
  Import import = { 0 };
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;
  if (!pd_database_require (db, PD_RIGHT_EXPORT, _("import records"), error))
    return FALSE;

  display_path = g_filename_display_name (path);
  import.db = db;
  import.tables = pd_tables_get_exported (&import.n_tables);
  import.reader.display_path = display_path;
  import.reader.fd = -1;

  /* Checked before the file is read, which can take a while, and again
   * in the transaction that writes. */
  if (!check_empty (&import, error) || !pd_database_check_source (path, error) ||
      !pd_json_reader_open (&import.reader, path, display_path, error))
    return FALSE;

  ok = import_file (&import, error) && move_identities (&import, error);
  import_clear (&import);
  set_cache_size (db, "PRAGMA cache_size = " G_STRINGIFY (PD_DATABASE_CACHE_SIZE));
  if (!ok)
    {
      g_clear_pointer (&import.transaction, pd_transaction_free);
      return FALSE;
    }
  /* The records move into an empty database with the audit trail the
   * file carries, which is kept as it came, not one entry more. */
  ok = pd_transaction_commit (import.transaction, error);
  g_clear_pointer (&import.transaction, pd_transaction_free);
  if (!ok)
    return FALSE;

  notify_changed (&import);
  if (n_rows != NULL)
    *n_rows = import.n_rows;
  return TRUE;
}

gboolean
pd_json_import (PdDatabase  *db,
                const char  *path,
                GError     **error)
{
  return pd_json_import_full (db, path, NULL, error);
}
