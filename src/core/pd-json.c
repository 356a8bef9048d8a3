/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-json-check.h"
#include "pd-json.h"
#include "pd-members.h"
#include "pd-safe-file.h"
#include "pd-text.h"
#include "pd-volunteers.h"

#define FORMAT_NAME "peerdesk-export"

#define EXPORT_FLUSH_SIZE (256 * 1024)

/* The page cache of an import, in KiB when negative (SQLite's unit): the
 * member writer's. */
#define IMPORT_CACHE_SIZE -262144

/* The settings of the meta table that are records, as opposed to what is
 * worked out from the records (member_count), what lasts only as long as a
 * transaction (bulk_load) and what belongs to one computer (welcomed). */
#define NEXT_NUMBER_KEY "next_member_number"
#define REPORT_KEY_PREFIX "report_"

#define MAX_COLUMNS 32

typedef enum
{
  COLUMN_ID,              /* the row's id, 1 or more */
  COLUMN_REF,             /* the id of a row of another table */
  COLUMN_OPTIONAL_REF,    /* the same, or null */
  COLUMN_INTEGER,         /* a whole number from min to max */
  COLUMN_FLAG,            /* true or false; 1 or 0 in the database */
  COLUMN_TEXT,            /* any string */
  COLUMN_LABEL,           /* a string that is not blank */
  COLUMN_CODE,            /* one of a list of codes */
  COLUMN_DATE,            /* YYYY-MM-DD */
  COLUMN_OPTIONAL_DATE,   /* YYYY-MM-DD or "" */
  COLUMN_CLOCK,           /* HH:MM or "" */
  COLUMN_LOCAL_MINUTE,    /* YYYY-MM-DDTHH:MM, local */
  COLUMN_LOCAL_SECOND,    /* YYYY-MM-DDTHH:MM:SS, local */
  COLUMN_TIMESTAMP,       /* YYYY-MM-DDTHH:MM:SSZ */
  COLUMN_MEMBER_FIELD,    /* a string the member field table validates */
} ColumnKind;

typedef struct
{
  const char    *name;
  ColumnKind     kind;
  const char    *references;       /* COLUMN_REF, COLUMN_OPTIONAL_REF: the table */
  gint64         min;              /* COLUMN_INTEGER */
  gint64         max;
  const PdCode *(*codes) (void);   /* COLUMN_CODE */
} Column;

typedef struct _Import Import;

typedef struct
{
  gboolean    is_null;
  gint64      number;              /* whole numbers and flags */
  const char *text;                /* strings, owned by the parsed file */
} Value;

typedef struct _Table Table;

/* Checks a row with the project's own validator for such records, which
 * knows rules that span columns; the message names the row. */
typedef gboolean (*RowCheck) (const Table  *table,
                              const Value  *values,
                              GError      **error);

struct _Table
{
  const char   *name;
  const Column *columns;
  guint         n_columns;
  const char   *key;               /* the primary key, which the rows are ordered by */
  const char   *where;             /* the rows exported, or NULL for all */
  const char   *changed;           /* for pd_database_notify_changed () */
  gboolean      seeded;            /* filled by a new database, and replaced by an import */
  RowCheck      check;
};

#define ID { "id", COLUMN_ID }
#define REF(name, table) { name, COLUMN_REF, table }
#define OPTIONAL_REF(name, table) { name, COLUMN_OPTIONAL_REF, table }
#define INTEGER(name, min, max) { name, COLUMN_INTEGER, NULL, min, max }
#define FLAG(name) { name, COLUMN_FLAG }
#define TEXT(name) { name, COLUMN_TEXT }
#define LABEL(name) { name, COLUMN_LABEL }
#define CODE(name, codes) { name, COLUMN_CODE, NULL, 0, 0, codes }
#define DATE(name) { name, COLUMN_DATE }
#define OPTIONAL_DATE(name) { name, COLUMN_OPTIONAL_DATE }
#define CLOCK(name) { name, COLUMN_CLOCK }
#define LOCAL_MINUTE(name) { name, COLUMN_LOCAL_MINUTE }
#define LOCAL_SECOND(name) { name, COLUMN_LOCAL_SECOND }
#define TIMESTAMP(name) { name, COLUMN_TIMESTAMP }
#define MEMBER_FIELD(name) { name, COLUMN_MEMBER_FIELD }

static const PdCode delivery_codes[] = {
  { "in_person", N_("In person") },
  { "online", N_("Online") },
  { NULL, NULL }
};

static const PdCode *
course_deliveries (void)
{
  return delivery_codes;
}

static const Column meta_columns[] = {
  LABEL ("key"), TEXT ("value"),
};

/* In the order of the member fields after the id, which the import relies
 * on; the flags are true or false in the file like every other flag. */
static const Column member_columns[] = {
  ID,
  MEMBER_FIELD ("number"), MEMBER_FIELD ("first_name"), MEMBER_FIELD ("last_name"),
  MEMBER_FIELD ("preferred_name"), MEMBER_FIELD ("pronouns"), MEMBER_FIELD ("birth_date"),
  MEMBER_FIELD ("phone"), MEMBER_FIELD ("email"), MEMBER_FIELD ("emergency_name"),
  MEMBER_FIELD ("emergency_phone"), MEMBER_FIELD ("joined_date"), MEMBER_FIELD ("status"),
  MEMBER_FIELD ("gender"), MEMBER_FIELD ("race"), MEMBER_FIELD ("ethnicity"),
  MEMBER_FIELD ("veteran"), MEMBER_FIELD ("housing"), MEMBER_FIELD ("justice"),
  FLAG ("may_contact"), FLAG ("report_consent"), MEMBER_FIELD ("notes"),
  TIMESTAMP ("created_at"), TIMESTAMP ("updated_at"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (member_columns) == PD_MEMBER_N_FIELDS + 1);

static const Column visit_purpose_columns[] = {
  ID, LABEL ("label"), INTEGER ("position", G_MININT64, G_MAXINT64), FLAG ("is_default"),
  FLAG ("archived"),
};

static const Column visit_columns[] = {
  ID, OPTIONAL_REF ("member_id", "members"), LOCAL_SECOND ("visited_at"),
  REF ("purpose_id", "visit_purposes"), TEXT ("recorded_by"), TIMESTAMP ("created_at"),
};

static const Column volunteer_role_columns[] = {
  ID, LABEL ("label"), INTEGER ("position", G_MININT64, G_MAXINT64), FLAG ("archived"),
};

static const Column volunteer_columns[] = {
  ID, OPTIONAL_REF ("member_id", "members"), LABEL ("display_name"), TEXT ("phone"),
  TEXT ("email"), DATE ("start_date"), OPTIONAL_DATE ("background_check_date"),
  CODE ("status", pd_volunteer_statuses), TEXT ("notes"), TIMESTAMP ("created_at"),
  TIMESTAMP ("updated_at"),
};

static const Column volunteer_role_link_columns[] = {
  REF ("volunteer_id", "volunteers"), REF ("role_id", "volunteer_roles"),
};

static const Column group_columns[] = {
  ID, LABEL ("name"), CODE ("kind", pd_group_kinds),
  OPTIONAL_REF ("facilitator_member_id", "members"), TEXT ("facilitator_name"), TEXT ("room"),
  TEXT ("description"), INTEGER ("weekdays", 0, 127), CLOCK ("start_time"),
  INTEGER ("duration_minutes", 1, 1440), DATE ("start_date"), OPTIONAL_DATE ("end_date"),
  CODE ("attendance_mode", pd_attendance_modes), FLAG ("archived"), TIMESTAMP ("created_at"),
  TIMESTAMP ("updated_at"), OPTIONAL_REF ("facilitator_volunteer_id", "volunteers"),
};

static const Column session_columns[] = {
  ID, REF ("group_id", "groups"), LOCAL_MINUTE ("starts_at"),
  INTEGER ("duration_minutes", 1, 1440), FLAG ("cancelled"), TEXT ("cancel_reason"),
  TEXT ("notes"), INTEGER ("headcount", 0, G_MAXINT64),
};

static const Column attendance_columns[] = {
  REF ("session_id", "sessions"), REF ("member_id", "members"), TIMESTAMP ("recorded_at"),
};

static const Column hours_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), DATE ("date"), LABEL ("activity"),
  INTEGER ("quarter_hours", 1, G_MAXINT64), OPTIONAL_REF ("session_id", "sessions"),
  TEXT ("approved_by"), TIMESTAMP ("created_at"),
};

static const Column supervision_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), DATE ("date"), LABEL ("supervisor"),
  INTEGER ("minutes", 1, G_MAXINT64), CODE ("kind", pd_supervision_kinds), TEXT ("notes"),
  TIMESTAMP ("created_at"),
};

static const Column training_domain_columns[] = {
  ID, LABEL ("code"), LABEL ("label"), INTEGER ("position", G_MININT64, G_MAXINT64),
  FLAG ("archived"),
};

static const Column course_columns[] = {
  ID, LABEL ("title"), TEXT ("provider"), INTEGER ("quarter_hours", 1, G_MAXINT64),
  CODE ("delivery", course_deliveries), FLAG ("required_yearly"), TIMESTAMP ("created_at"),
};

static const Column course_domain_columns[] = {
  REF ("course_id", "courses"), REF ("domain_id", "training_domains"),
};

static const Column completion_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), REF ("course_id", "courses"), DATE ("date"),
  INTEGER ("quarter_hours", 1, G_MAXINT64), TEXT ("certificate"), TIMESTAMP ("created_at"),
};

static const Column credential_columns[] = {
  ID, REF ("volunteer_id", "volunteers"), TEXT ("template"), LABEL ("name"),
  TEXT ("issuing_body"), TEXT ("number"), OPTIONAL_DATE ("issued_date"),
  OPTIONAL_DATE ("expiry_date"), INTEGER ("renewal_cycle_months", 0, G_MAXINT64),
  TIMESTAMP ("created_at"), TIMESTAMP ("updated_at"),
};

static gboolean check_volunteer (const Table *table, const Value *values, GError **error);
static gboolean check_group (const Table *table, const Value *values, GError **error);
static gboolean check_hours (const Table *table, const Value *values, GError **error);

#define COLUMNS(array) array, G_N_ELEMENTS (array)

/* In the order of the file, which is an order the rows can be inserted in:
 * every table comes after the tables it refers to. */
static const Table tables[] = {
  { "meta", COLUMNS (meta_columns), "key",
    "key = '" NEXT_NUMBER_KEY "' OR key GLOB '" REPORT_KEY_PREFIX "*'" },
  { "members", COLUMNS (member_columns), "id", NULL, "members" },
  { "visit_purposes", COLUMNS (visit_purpose_columns), "id", NULL, "visit_purposes", TRUE },
  { "visits", COLUMNS (visit_columns), "id", NULL, "visits" },
  { "volunteer_roles", COLUMNS (volunteer_role_columns), "id", NULL, "volunteer_roles", TRUE },
  { "volunteers", COLUMNS (volunteer_columns), "id", NULL, "volunteers", FALSE,
    check_volunteer },
  { "volunteer_role_links", COLUMNS (volunteer_role_link_columns), "volunteer_id, role_id",
    NULL, "volunteers" },
  { "groups", COLUMNS (group_columns), "id", NULL, "groups", FALSE, check_group },
  { "sessions", COLUMNS (session_columns), "id", NULL, "sessions" },
  { "attendance", COLUMNS (attendance_columns), "session_id, member_id", NULL, "attendance" },
  { "hours", COLUMNS (hours_columns), "id", NULL, "volunteers", FALSE, check_hours },
  { "supervision", COLUMNS (supervision_columns), "id", NULL, "volunteers" },
  { "training_domains", COLUMNS (training_domain_columns), "id", NULL, "training", TRUE },
  { "courses", COLUMNS (course_columns), "id", NULL, "training" },
  { "course_domains", COLUMNS (course_domain_columns), "course_id, domain_id", NULL,
    "training" },
  { "completions", COLUMNS (completion_columns), "id", NULL, "training" },
  { "credentials", COLUMNS (credential_columns), "id", NULL, "training" },
};

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

static int
find_column (const Table *table,
             const char  *name)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (g_str_equal (table->columns[i].name, name))
      return i;
  return -1;
}

static guint
column_index (const Table *table,
              const char  *name)
{
  int i = find_column (table, name);

  g_assert (i >= 0);
  return i;
}

static const char *
value_text (const Table *table,
            const Value *values,
            const char  *name)
{
  return values[column_index (table, name)].text;
}

static gint64
value_number (const Table *table,
              const Value *values,
              const char  *name)
{
  return values[column_index (table, name)].number;
}

/* "SELECT a, b FROM t ORDER BY k": names from the tables above only, never
 * from a file. */
static char *
select_sql (const Table *table)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", table->columns[i].name);
  g_string_append_printf (sql, " FROM %s", table->name);
  if (table->where != NULL)
    g_string_append_printf (sql, " WHERE %s", table->where);
  g_string_append_printf (sql, " ORDER BY %s", table->key);
  return g_string_free (sql, FALSE);
}

static char *
insert_sql (const Table *table)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", table->columns[i].name);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < table->n_columns; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

/* Export */

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
flush_output (Export   *export,
              gboolean  all,
              GError  **error)
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
set_value_error (Export       *export,
                 const Table  *table,
                 guint64       index,
                 const Column *column,
                 const char   *problem,
                 GError      **error)
{
  g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
               _("Could not export to “%s”: %s[%" PRIu64 "].%s: %s; the database may "
                 "be damaged"),
               export->display_path, table->name, index, column->name, problem);
}

static gboolean
append_value (Export        *export,
              const Table   *table,
              guint64        index,
              guint          i,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  const Column *column = &table->columns[i];
  int type = sqlite3_column_type (stmt, i);
  const char *text;

  switch (column->kind)
    {
    case COLUMN_OPTIONAL_REF:
      if (type == SQLITE_NULL)
        {
          g_string_append (export->out, "null");
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case COLUMN_ID:
    case COLUMN_REF:
    case COLUMN_INTEGER:
      if (type != SQLITE_INTEGER)
        {
          set_value_error (export, table, index, column, _("the value is not a whole number"),
                           error);
          return FALSE;
        }
      append_integer (export->out, sqlite3_column_int64 (stmt, i));
      return TRUE;

    case COLUMN_FLAG:
      if (type != SQLITE_INTEGER || (sqlite3_column_int64 (stmt, i) & ~1) != 0)
        {
          set_value_error (export, table, index, column, _("the value is not 1 or 0"), error);
          return FALSE;
        }
      g_string_append (export->out, sqlite3_column_int (stmt, i) ? "true" : "false");
      return TRUE;

    case COLUMN_TEXT:
    case COLUMN_LABEL:
    case COLUMN_CODE:
    case COLUMN_DATE:
    case COLUMN_OPTIONAL_DATE:
    case COLUMN_CLOCK:
    case COLUMN_LOCAL_MINUTE:
    case COLUMN_LOCAL_SECOND:
    case COLUMN_TIMESTAMP:
    case COLUMN_MEMBER_FIELD:
    default:
      text = (const char *) sqlite3_column_text (stmt, i);
      if (type == SQLITE_NULL || text == NULL)
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
export_table (Export       *export,
              const Table  *table,
              GError      **error)
{
  g_autofree char *sql = select_sql (table);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint64 index = 0;
  int rc;

  g_string_append_printf (export->out, ",\n  \"%s\": [", table->name);

  /* What goes before each value, made once: `"id": ` then `, "number": `. */
  for (guint i = 0; i < table->n_columns; i++)
    g_ptr_array_add (keys, g_strdup_printf ("%s\"%s\": ", i > 0 ? ", " : "",
                                            table->columns[i].name));

  stmt = pd_database_prepare (export->db, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* One row at a time, so that memory does not grow with the records. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (export->out, index > 0 ? ",\n    {" : "\n    {");
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_string_append (export->out, keys->pdata[i]);
          if (!append_value (export, table, index, i, stmt, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
      g_string_append_c (export->out, '}');
      index++;

      if (!flush_output (export, FALSE, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      pd_database_set_error (export->db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  g_string_append (export->out, index > 0 ? "\n  ]" : "]");
  export->n_rows += index;
  return TRUE;
}

static gboolean
export_tables (Export  *export,
               GError **error)
{
  g_string_append_printf (export->out,
                          "{\n"
                          "  \"format\": \"" FORMAT_NAME "\",\n"
                          "  \"version\": %d,\n"
                          "  \"schema_version\": %d",
                          PD_JSON_FORMAT_VERSION, pd_database_get_version (export->db));

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!export_table (export, &tables[i], error))
      return FALSE;

  g_string_append (export->out, "\n}\n");
  return flush_output (export, TRUE, error);
}

/* A read transaction, so that every table is read at the same moment
 * while the front desk goes on writing; BEGIN IMMEDIATE would hold off
 * every writer for as long as the export takes. */
static gboolean
export_consistent (Export  *export,
                   GError **error)
{
  sqlite3 *handle = pd_database_get_handle (export->db);
  gboolean own_transaction = sqlite3_get_autocommit (handle);
  gboolean ok;

  if (own_transaction && !pd_database_exec (export->db, "BEGIN DEFERRED", error))
    return FALSE;

  ok = export_tables (export, error);

  if (own_transaction)
    {
      if (ok)
        ok = pd_database_exec (export->db, "COMMIT", error);
      else
        sqlite3_exec (handle, "ROLLBACK", NULL, NULL, NULL);
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
  if (!ok || !pd_safe_file_commit (file, error))
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

/* Import */

typedef struct
{
  int fd;
  char *data;
  gsize size;              /* allocated */
  gsize start;             /* the first byte not yet read */
  gsize end;               /* the end of what the file gave */
  gboolean eof;
  guint64 total;           /* bytes read from the file */
  guint64 line;            /* where data[start] is in the file, from 1 */
  guint64 column;          /* in bytes, from 1 */
} Reader;

struct _Import
{
  /* Borrowed */
  PdDatabase *db;
  const char *display_path;

  /* Owned */
  Reader reader;
  JsonParser *parser;      /* reused for every value */
  PdMembersWriter *writer;
  PdMember *member;        /* reused for every row */

  guint n_header;          /* of format, version, schema_version, read in this order */
  guint next_table;        /* the index in tables[] of the next table to read */
  gboolean in_transaction;
  guint64 n_rows;
};

static void
import_clear (Import *import)
{
  /* Freed inside the transaction, whose end its clean-up belongs to. */
  g_clear_pointer (&import->writer, pd_members_writer_free);
  g_clear_object (&import->member);
  g_clear_object (&import->parser);
  g_clear_pointer (&import->reader.data, g_free);
  if (import->reader.fd >= 0)
    close (import->reader.fd);
  import->reader.fd = -1;
}

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
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_set_error (error, PD_ERROR, code, "%s: %s: %s", import->display_path, path, message);
  else
    g_set_error (error, PD_ERROR, code, "%s: %s", import->display_path, message);
}

static char *
row_path (const Table *table,
          guint        index)
{
  return g_strdup_printf ("%s[%u]", table->name, index);
}

static char *
value_path (const Table *table,
            guint        index,
            const char  *column)
{
  return g_strdup_printf ("%s[%u].%s", table->name, index, column);
}

/* What a JSON value is, for a message: "got a string". */
static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
      return _("a whole number");
    default:
      return _("a number with a fraction");
    }
}

static gboolean
node_is_type (JsonNode *node,
              GType     type)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE && json_node_get_value_type (node) == type;
}

static gboolean
two_digits (const char *text,
            int         max)
{
  return g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         (text[0] - '0') * 10 + (text[1] - '0') <= max;
}

/* "HH:MM" from 00:00 to 23:59, and, with @seconds, ":SS" after it. */
static gboolean
is_clock (const char *text,
          gboolean    seconds)
{
  return two_digits (text, 23) && text[2] == ':' && two_digits (text + 3, 59) &&
         (!seconds || (text[5] == ':' && two_digits (text + 6, 59)));
}

static gboolean
is_date (const char *text)
{
  GDate date;

  return pd_date_parse (text, &date);
}

/* A date, a "T", then a time of @time_length characters, then @suffix. */
static gboolean
is_date_time (const char *text,
              gsize       time_length,
              const char *suffix)
{
  char date[11];

  if (strlen (text) != 11 + time_length + strlen (suffix) || text[10] != 'T' ||
      !g_str_equal (text + 11 + time_length, suffix))
    return FALSE;
  memcpy (date, text, 10);
  date[10] = '\0';
  return is_date (date) && is_clock (text + 11, time_length == 8);
}

/* Reads one value of a row, checking its type and its form; the path is
 * made only for a message, as most values are right. */
static gboolean
read_value (Import       *import,
            const Table  *table,
            guint         index,
            const Column *column,
            JsonNode     *node,
            Value        *value,
            GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *shown = NULL;
  const char *text = NULL;

  value->is_null = FALSE;
  value->number = 0;
  value->text = NULL;

  switch (column->kind)
    {
    case COLUMN_OPTIONAL_REF:
      if (JSON_NODE_HOLDS_NULL (node))
        {
          value->is_null = TRUE;
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case COLUMN_ID:
    case COLUMN_REF:
      if (!node_is_type (node, G_TYPE_INT64))
        problem = column->kind == COLUMN_OPTIONAL_REF
                  ? g_strdup_printf (_("expected an id or null, got %s"), node_kind (node))
                  : g_strdup_printf (_("expected an id, got %s"), node_kind (node));
      else if ((value->number = json_node_get_int (node)) < 1)
        problem = g_strdup_printf (_("%" PRId64 " is not an id (1 or more)"),
                                   value->number);
      break;

    case COLUMN_INTEGER:
      if (!node_is_type (node, G_TYPE_INT64))
        problem = g_strdup_printf (_("expected a whole number, got %s"), node_kind (node));
      else if ((value->number = json_node_get_int (node)) < column->min)
        problem = g_strdup_printf (_("%" PRId64 " is less than %" PRId64),
                                   value->number, column->min);
      else if (value->number > column->max)
        problem = g_strdup_printf (_("%" PRId64 " is more than %" PRId64),
                                   value->number, column->max);
      break;

    case COLUMN_FLAG:
      if (!node_is_type (node, G_TYPE_BOOLEAN))
        problem = g_strdup_printf (_("expected true or false, got %s"), node_kind (node));
      else
        value->number = json_node_get_boolean (node) ? 1 : 0;
      break;

    case COLUMN_TEXT:
    case COLUMN_LABEL:
    case COLUMN_CODE:
    case COLUMN_DATE:
    case COLUMN_OPTIONAL_DATE:
    case COLUMN_CLOCK:
    case COLUMN_LOCAL_MINUTE:
    case COLUMN_LOCAL_SECOND:
    case COLUMN_TIMESTAMP:
    case COLUMN_MEMBER_FIELD:
    default:
      if (!node_is_type (node, G_TYPE_STRING))
        problem = g_strdup_printf (_("expected a string, got %s"), node_kind (node));
      else
        text = value->text = json_node_get_string (node);
      break;
    }

  if (problem == NULL && text != NULL)
    {
      /* Only a wrong value is shown, and only the start of it. */
      switch (column->kind)
        {
        case COLUMN_LABEL:
          if (pd_text_is_blank (text))
            problem = g_strdup (_("expected some text, got an empty string"));
          break;
        case COLUMN_CODE:
          if (pd_code_label (column->codes (), text) == NULL)
            {
              g_autofree char *known = pd_codes_list (column->codes ());

              problem = g_strdup_printf (_("“%s” is not a known code (one of: %s)"),
                                         (shown = pd_text_excerpt (text, -1)), known);
            }
          break;
        case COLUMN_DATE:
          if (!is_date (text))
            problem = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"),
                                       (shown = pd_text_excerpt (text, -1)));
          break;
        case COLUMN_OPTIONAL_DATE:
          if (*text != '\0' && !is_date (text))
            problem = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD) or empty"),
                                       (shown = pd_text_excerpt (text, -1)));
          break;
        case COLUMN_CLOCK:
          if (*text != '\0' && (strlen (text) != 5 || !is_clock (text, FALSE)))
            problem = g_strdup_printf (_("“%s” is not a time (HH:MM) or empty"),
                                       (shown = pd_text_excerpt (text, -1)));
          break;
        case COLUMN_LOCAL_MINUTE:
          if (!is_date_time (text, 5, ""))
            problem = g_strdup_printf (_("“%s” is not a local date and time "
                                         "(YYYY-MM-DDTHH:MM)"),
                                       (shown = pd_text_excerpt (text, -1)));
          break;
        case COLUMN_LOCAL_SECOND:
          if (!is_date_time (text, 8, ""))
            problem = g_strdup_printf (_("“%s” is not a local date and time "
                                         "(YYYY-MM-DDTHH:MM:SS)"),
                                       (shown = pd_text_excerpt (text, -1)));
          break;
        case COLUMN_TIMESTAMP:
          if (!is_date_time (text, 8, "Z"))
            problem = g_strdup_printf (_("“%s” is not a UTC date and time "
                                         "(YYYY-MM-DDTHH:MM:SSZ)"),
                                       (shown = pd_text_excerpt (text, -1)));
          break;
        case COLUMN_ID:
        case COLUMN_REF:
        case COLUMN_OPTIONAL_REF:
        case COLUMN_INTEGER:
        case COLUMN_FLAG:
        case COLUMN_TEXT:
        case COLUMN_MEMBER_FIELD:
        default:
          break;
        }
    }

  if (problem != NULL)
    {
      path = value_path (table, index, column->name);
      set_import_error (import, error, PD_ERROR_INVALID, path, "%s", problem);
      return FALSE;
    }
  return TRUE;
}

static char *
column_list (const Table *table)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < table->n_columns; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", table->columns[i].name);
  return g_string_free (list, FALSE);
}

/* Every column, and nothing else: a misspelt key must not pass for a
 * column left out. Unknown keys are named first, as a misspelt one is the
 * likelier reason for a column that seems to be missing. */
static gboolean
read_row (Import       *import,
          const Table  *table,
          guint         index,
          JsonNode     *node,
          Value        *values,
          GError      **error)
{
  JsonObject *row;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = row_path (table, index);

      set_import_error (import, error, PD_ERROR_INVALID, path,
                        _("expected a row ({ … }), got %s"), node_kind (node));
      return FALSE;
    }
  row = json_node_get_object (node);

  if (json_object_get_size (row) != table->n_columns)
    {
      g_autoptr(GList) keys = json_object_get_members (row);

      for (GList *l = keys; l != NULL; l = l->next)
        {
          gboolean known = FALSE;

          for (guint i = 0; i < table->n_columns && !known; i++)
            known = g_str_equal (table->columns[i].name, l->data);
          if (!known)
            {
              g_autofree char *key = pd_text_excerpt (l->data, -1);
              g_autofree char *path = value_path (table, index, key);
              g_autofree char *list = column_list (table);

              set_import_error (import, error, PD_ERROR_INVALID, path,
                                _("unknown key (the keys of a row of %s are %s)"),
                                table->name, list);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      JsonNode *member = json_object_get_member (row, table->columns[i].name);

      if (member == NULL)
        {
          g_autofree char *path = value_path (table, index, table->columns[i].name);

          set_import_error (import, error, PD_ERROR_INVALID, path, _("this key is missing"));
          return FALSE;
        }
      if (!read_value (import, table, index, &table->columns[i], member, &values[i], error))
        return FALSE;
    }

  if (table->check != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!table->check (table, values, &local_error))
        {
          g_autofree char *path = row_path (table, index);

          set_import_error (import, error, PD_ERROR_INVALID, path, "%s", local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_volunteer (const Table  *table,
                 const Value  *values,
                 GError      **error)
{
  PdVolunteer volunteer = {
    .display_name = (char *) value_text (table, values, "display_name"),
    .phone = (char *) value_text (table, values, "phone"),
    .email = (char *) value_text (table, values, "email"),
    .start_date = (char *) value_text (table, values, "start_date"),
    .background_check_date = (char *) value_text (table, values, "background_check_date"),
    .status = (char *) value_text (table, values, "status"),
    .notes = (char *) value_text (table, values, "notes"),
  };

  return pd_volunteer_validate (&volunteer, error);
}

static gboolean
check_group (const Table  *table,
             const Value  *values,
             GError      **error)
{
  PdGroup group = {
    .name = (char *) value_text (table, values, "name"),
    .kind = (char *) value_text (table, values, "kind"),
    .facilitator_name = (char *) value_text (table, values, "facilitator_name"),
    .room = (char *) value_text (table, values, "room"),
    .description = (char *) value_text (table, values, "description"),
    .weekdays = value_number (table, values, "weekdays"),
    .start_time = (char *) value_text (table, values, "start_time"),
    .duration_minutes = value_number (table, values, "duration_minutes"),
    .start_date = (char *) value_text (table, values, "start_date"),
    .end_date = (char *) value_text (table, values, "end_date"),
    .attendance_mode = (char *) value_text (table, values, "attendance_mode"),
  };

  return pd_group_validate (&group, error);
}

static gboolean
check_hours (const Table  *table,
             const Value  *values,
             GError      **error)
{
  gint64 quarter_hours = value_number (table, values, "quarter_hours");
  PdHours hours = {
    .date = (char *) value_text (table, values, "date"),
    .activity = (char *) value_text (table, values, "activity"),
    .quarter_hours = (guint) MIN (quarter_hours, G_MAXUINT),
    .approved_by = (char *) value_text (table, values, "approved_by"),
  };

  return pd_hours_validate (&hours, error);
}

/* @table is a name from tables[] below (a table's own or the one a column
 * references), never text from the file: identifiers cannot be bound. */
static gboolean
row_exists (PdDatabase  *db,
            const char  *table,
            gint64       id,
            gboolean    *exists,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = pd_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_one (db, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
format_value (const Column *column,
              const Value  *value)
{
  switch (column->kind)
    {
    case COLUMN_FLAG:
      return g_strdup (value->number ? "true" : "false");
    case COLUMN_ID:
    case COLUMN_REF:
    case COLUMN_OPTIONAL_REF:
    case COLUMN_INTEGER:
      return g_strdup_printf ("%" PRId64, value->number);
    case COLUMN_TEXT:
    case COLUMN_LABEL:
    case COLUMN_CODE:
    case COLUMN_DATE:
    case COLUMN_OPTIONAL_DATE:
    case COLUMN_CLOCK:
    case COLUMN_LOCAL_MINUTE:
    case COLUMN_LOCAL_SECOND:
    case COLUMN_TIMESTAMP:
    case COLUMN_MEMBER_FIELD:
    default:
      {
        g_autofree char *shown = pd_text_excerpt (value->text, -1);

        return g_strdup_printf ("“%s”", shown);
      }
    }
}

/* SQLite names the columns of a UNIQUE constraint that failed:
 * "UNIQUE constraint failed: sessions.group_id, sessions.starts_at". */
static GStrv
unique_columns (const char *message)
{
  static const char prefix[] = "UNIQUE constraint failed: ";
  const char *list = strstr (message, prefix);
  g_auto(GStrv) names = NULL;

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

/* SQLite says a constraint failed, but not always which row or value
 * made it fail: a duplicate id, a reference to a row that is not there,
 * or a value that must be unique, each named here by its JSON path. */
static void
set_insert_error (Import       *import,
                  const Table  *table,
                  guint         index,
                  const Value  *values,
                  GError       *cause,
                  GError      **error)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) columns = NULL;
  gboolean exists;

  if (table->columns[0].kind == COLUMN_ID &&
      g_error_matches (cause, PD_ERROR, PD_ERROR_DUPLICATE) &&
      row_exists (import->db, table->name, values[0].number, &exists, NULL) && exists)
    {
      path = value_path (table, index, "id");
      set_import_error (import, error, PD_ERROR_DUPLICATE, path,
                        _("%" PRId64 " is the id of an earlier row too"),
                        values[0].number);
      return;
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      const Column *column = &table->columns[i];
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;

      if ((column->kind != COLUMN_REF && column->kind != COLUMN_OPTIONAL_REF) ||
          values[i].is_null ||
          !row_exists (import->db, column->references, values[i].number, &exists, NULL) ||
          exists)
        continue;

      path = value_path (table, index, column->name);
      id = g_strdup_printf ("%" PRId64, values[i].number);
      message = missing_row_message (column->references, id);
      set_import_error (import, error, PD_ERROR_INVALID, path, "%s", message);
      return;
    }

  columns = g_error_matches (cause, PD_ERROR, PD_ERROR_DUPLICATE)
            ? unique_columns (cause->message) : NULL;
  if (columns != NULL && g_strv_length (columns) == 1 && find_column (table, columns[0]) >= 0)
    {
      int i = find_column (table, columns[0]);
      g_autofree char *value = format_value (&table->columns[i], &values[i]);

      path = value_path (table, index, columns[0]);
      set_import_error (import, error, PD_ERROR_DUPLICATE, path,
                        _("%s is in an earlier row too, and may be in one row only"), value);
      return;
    }

  path = row_path (table, index);
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
insert_row (Import        *import,
            const Table   *table,
            guint          index,
            const Value   *values,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* The values point into the parsed file, which outlives the statement's
   * use of them. */
  sqlite3_reset (stmt);
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (values[i].is_null)
        sqlite3_bind_null (stmt, i + 1);
      else if (values[i].text != NULL)
        sqlite3_bind_text (stmt, i + 1, values[i].text, -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, i + 1, values[i].number);
    }

  if (!pd_database_step_done (import->db, stmt, &local_error))
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
set_member_error (Import       *import,
                  const Table  *table,
                  guint         index,
                  const Value  *values,
                  GError       *cause,
                  GError      **error)
{
  gboolean exists;

  /* The writer says which number is taken, and SQLite which id. */
  if (g_error_matches (cause, PD_ERROR, PD_ERROR_DUPLICATE) &&
      row_exists (import->db, table->name, values[0].number, &exists, NULL) && !exists)
    {
      g_autofree char *path = value_path (table, index, "number");
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
              g_autofree char *path = value_path (table, index, pd_member_field_info (i)->name);

              set_import_error (import, error, PD_ERROR_INVALID, path, "%s",
                                local_error->message);
              return;
            }
        }
    }
  set_insert_error (import, table, index, values, cause, error);
}

static gboolean
insert_member (Import       *import,
               const Table  *table,
               guint         index,
               const Value  *values,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *number = values[1 + PD_MEMBER_FIELD_NUMBER].text;

  /* A member without a number would be given the next free one, which is
   * not the member that was exported. */
  if (pd_text_is_blank (number))
    {
      g_autofree char *path = value_path (table, index, "number");

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
      const Value *value = &values[i + 1];

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
check_meta_row (Import       *import,
                const Table  *table,
                guint         index,
                const Value  *values,
                GError      **error)
{
  const char *key = values[0].text;
  const char *value = values[1].text;

  if (g_str_equal (key, NEXT_NUMBER_KEY))
    {
      gboolean ok = *value != '\0' && strlen (value) <= 10;

      for (const char *p = value; ok && *p != '\0'; p++)
        ok = g_ascii_isdigit (*p);
      if (!ok || g_ascii_strtoll (value, NULL, 10) < 1)
        {
          g_autofree char *path = value_path (table, index, "value");
          g_autofree char *shown = pd_text_excerpt (value, -1);

          set_import_error (import, error, PD_ERROR_INVALID, path,
                            _("“%s” is not a member number to give next (a whole number, "
                              "1 or more)"),
                            shown);
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_has_prefix (key, REPORT_KEY_PREFIX))
    return TRUE;

  {
    g_autofree char *path = value_path (table, index, "key");
    g_autofree char *shown = pd_text_excerpt (key, -1);

    set_import_error (import, error, PD_ERROR_INVALID, path,
                      _("“%s” is not a setting an export holds (%s, or one starting %s)"),
                      shown, NEXT_NUMBER_KEY, REPORT_KEY_PREFIX);
  }
  return FALSE;
}

/* The front desk checks people in with the default purpose. */
static gboolean
check_default_purpose (Import  *import,
                       GError **error)
{
  sqlite3_stmt *stmt;
  gint64 n_purposes = 0, n_defaults = 0;
  gboolean found;

  stmt = pd_database_prepare (import->db,
                              "SELECT count (*), total (is_default) FROM visit_purposes", error);
  if (stmt == NULL || !pd_database_step_one (import->db, stmt, &found, error))
    return FALSE;
  if (found)
    {
      n_purposes = sqlite3_column_int64 (stmt, 0);
      n_defaults = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

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

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      gboolean found;

      if (tables[i].seeded || &tables[i] == &tables[0])
        continue;

      /* A name from tables[], not from the file. */
      sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", tables[i].name);
      stmt = pd_database_prepare (db, sql, error);
      if (stmt == NULL || !pd_database_step_one (db, stmt, &found, error))
        return NULL;
      sqlite3_reset (stmt);
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

/* The file is read as it goes, one row at a time: json-glib 1.6 has no
 * streaming parser, and its JsonParser builds a tree about ten times the
 * size of the file, so the reader here only finds where each row of a
 * table starts and ends, and JsonParser reads the row. Memory then stays
 * the size of a row, however many rows the file holds. */

#define READ_CHUNK (1024 * 1024)
#define READ_EOF (-1)
#define READ_ERROR (-2)

static void
set_too_large_error (Import  *import,
                     GError **error)
{
  g_autofree char *max = g_format_size_full (PD_JSON_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  set_import_error (import, error, PD_ERROR_INVALID, NULL,
                    _("the file is larger than the %s an import reads"), max);
}

/* Returns the byte @offset bytes after the current position, reading more
 * of the file if needed, READ_EOF after its end, or READ_ERROR. */
static int
reader_at (Import  *import,
           gsize    offset,
           GError **error)
{
  Reader *reader = &import->reader;

  while (reader->start + offset >= reader->end)
    {
      gssize n;

      if (reader->eof)
        return READ_EOF;

      /* What is not yet read moves to the front, so that the buffer grows
       * only for a value larger than it. */
      if (reader->start > 0)
        {
          memmove (reader->data, reader->data + reader->start, reader->end - reader->start);
          reader->end -= reader->start;
          reader->start = 0;
        }
      if (reader->end + READ_CHUNK > reader->size)
        {
          reader->size = MAX (reader->size * 2, reader->end + READ_CHUNK);
          reader->data = g_realloc (reader->data, reader->size);
        }

      do
        n = read (reader->fd, reader->data + reader->end, reader->size - reader->end);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not read “%s”: %s"), import->display_path,
                       g_strerror (saved_errno));
          return READ_ERROR;
        }
      if (n == 0)
        reader->eof = TRUE;
      reader->end += n;
      reader->total += n;

      /* Checked before reading too, but a file can grow, and a device or
       * a pipe has no size. */
      if (reader->total > PD_JSON_MAX_FILE_SIZE)
        {
          set_too_large_error (import, error);
          return READ_ERROR;
        }
    }
  return (guchar) reader->data[reader->start + offset];
}

static void
reader_consume (Reader *reader,
                gsize   length)
{
  const char *p = reader->data + reader->start;
  const char *end = p + length;
  const char *newline;

  while ((newline = memchr (p, '\n', end - p)) != NULL)
    {
      reader->line++;
      reader->column = 1;
      p = newline + 1;
    }
  reader->column += end - p;
  reader->start += length;
}

/* The next byte after any white space, READ_EOF or READ_ERROR. */
static int
reader_peek (Import  *import,
             GError **error)
{
  for (;;)
    {
      int c = reader_at (import, 0, error);

      if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return c;
      reader_consume (&import->reader, 1);
    }
}

static void set_syntax_error (Import      *import,
                              GError     **error,
                              guint64      line,
                              guint64      column,
                              const char  *format,
                              ...) G_GNUC_PRINTF (5, 6);

static void
set_syntax_error (Import      *import,
                  GError     **error,
                  guint64      line,
                  guint64      column,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_import_error (import, error, PD_ERROR_INVALID, NULL,
                    _("not valid JSON: line %" PRIu64 ", column %" PRIu64
                      ": %s"),
                    line, column, message);
}

/* Says what is at the reader where something else was expected. */
static void
set_unexpected_error (Import      *import,
                      int          c,
                      const char  *expected,
                      GError     **error)
{
  Reader *reader = &import->reader;

  if (c == READ_ERROR)
    return;
  if (c == READ_EOF)
    set_syntax_error (import, error, reader->line, reader->column,
                      _("the file ends where %s was expected"), expected);
  else if (g_ascii_isprint (c))
    set_syntax_error (import, error, reader->line, reader->column,
                      _("“%c” where %s was expected"), c, expected);
  else
    set_syntax_error (import, error, reader->line, reader->column,
                      _("an unexpected character where %s was expected"), expected);
}

/* Takes @c, which must be next, or says what is there instead. */
static gboolean
reader_expect (Import      *import,
               char         c,
               const char  *expected,
               GError     **error)
{
  int next = reader_peek (import, error);

  if (next != c)
    {
      set_unexpected_error (import, next, expected, error);
      return FALSE;
    }
  reader_consume (&import->reader, 1);
  return TRUE;
}

/* A row is a few hundred bytes; what is read of one value is kept in
 * memory, and JsonParser makes a tree ten times its size. */
static void
set_value_too_large_error (Import  *import,
                           GError **error)
{
  g_autofree char *max = g_format_size_full (PD_JSON_MAX_VALUE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  set_syntax_error (import, error, import->reader.line, import->reader.column,
                    _("the value that starts here is larger than %s"), max);
}

/* Finds the end of the JSON value that starts at the reader: its brackets
 * are counted and its strings skipped, which is all it takes to know where
 * it ends; JsonParser then checks all of it. */
static gboolean
scan_value (Import  *import,
            gsize   *length,
            GError **error)
{
  Reader *reader = &import->reader;
  int first = reader_at (import, 0, error);
  gboolean in_string = first == '"';
  guint depth = 0;
  gsize k;

  if (first == READ_ERROR)
    return FALSE;

  if (first != '{' && first != '[' && first != '"')
    {
      /* A number, true, false or null: up to the next delimiter. */
      for (k = 0;; k++)
        {
          int c = reader_at (import, k, error);

          if (c == READ_ERROR)
            return FALSE;
          if (c == READ_EOF || strchr (" \t\r\n,:[]{}\"", c) != NULL)
            break;
          if (k >= PD_JSON_MAX_VALUE_SIZE)
            {
              set_value_too_large_error (import, error);
              return FALSE;
            }
        }
      if (k == 0)
        {
          set_unexpected_error (import, first, _("a value"), error);
          return FALSE;
        }
      *length = k;
      return TRUE;
    }

  for (k = 1;; k++)
    {
      int c;

      if (reader->start + k < reader->end)
        c = (guchar) reader->data[reader->start + k];
      else if ((c = reader_at (import, k, error)) == READ_ERROR)
        return FALSE;

      if (c == READ_EOF)
        {
          set_syntax_error (import, error, reader->line, reader->column,
                            _("the file ends inside the value that starts here"));
          return FALSE;
        }
      if (k >= PD_JSON_MAX_VALUE_SIZE)
        {
          set_value_too_large_error (import, error);
          return FALSE;
        }

      if (in_string)
        {
          if (c == '\\')
            k++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (first == '"')
                break;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            break;
          depth--;
        }
    }
  *length = k + 1;
  return TRUE;
}

/* json-glib says "<data>:2:7: Parse error: unexpected …" of the value it
 * was given; a person is told where that is in the file. */
static void
set_parse_error (Import  *import,
                 GError  *parse_error,
                 GError **error)
{
  Reader *reader = &import->reader;
  const char *p = parse_error->message;
  guint64 line, column;
  char *end;

  if (!g_str_has_prefix (p, "<data>:"))
    goto unknown;
  p += strlen ("<data>:");
  line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    goto unknown;
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    goto unknown;
  p = end + 1;
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");

  if (line <= 1)
    set_syntax_error (import, error, reader->line, reader->column + column - 1, "%s", p);
  else
    set_syntax_error (import, error, reader->line + line - 1, column, "%s", p);
  return;

unknown:
  set_syntax_error (import, error, reader->line, reader->column, "%s", parse_error->message);
}

/* Reads the value at the reader, whole, @depth lists or objects deep in
 * the file; it lasts until the next one. */
static JsonNode *
read_node (Import  *import,
           guint    depth,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  Reader *reader = &import->reader;
  const char *text;
  JsonNode *node;
  gsize length;

  if (reader_peek (import, error) == READ_ERROR || !scan_value (import, &length, error))
    return NULL;
  text = reader->data + reader->start;
  if (!pd_json_check_text (text, length, import->display_path, reader->line, reader->column,
                           depth, error))
    return NULL;
  if (!json_parser_load_from_data (import->parser, text, length, &local_error))
    {
      set_parse_error (import, local_error, error);
      return NULL;
    }
  node = json_parser_get_root (import->parser);
  if (node == NULL)
    {
      set_syntax_error (import, error, reader->line, reader->column, _("expected a value"));
      return NULL;
    }
  reader_consume (reader, length);
  return node;
}

/* The rows of a table come in the order of its key, but its other indexes
 * (attendance by member, visits by time, hours by date) are written all
 * over: a cache that holds them turns that into memory work instead of
 * disk reads and writes, as the member writer does for its rows. Given
 * back when the import ends. */
static void
set_import_cache (PdDatabase *db)
{
  pd_database_exec (db, "PRAGMA cache_size = " G_STRINGIFY (IMPORT_CACHE_SIZE), NULL);
}

/* What a new database starts with gives way to the file's lists, and the
 * database's settings to the file's. */
static gboolean
begin_writing (Import  *import,
               GError **error)
{
  /* The meta table's own condition in tables[], not text from the file. */
  g_autofree char *sql = g_strdup_printf ("DELETE FROM meta WHERE %s", tables[0].where);

  if (!pd_database_begin (import->db, error))
    return FALSE;
  import->in_transaction = TRUE;
  set_import_cache (import->db);

  if (!check_empty (import, error) || !pd_database_exec (import->db, sql, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *delete = NULL;

      if (!tables[i].seeded)
        continue;
      delete = g_strdup_printf ("DELETE FROM %s", tables[i].name);  /* from tables[] */
      if (!pd_database_exec (import->db, delete, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_row (Import        *import,
            const Table   *table,
            guint          index,
            JsonNode      *node,
            sqlite3_stmt  *insert,
            GError       **error)
{
  Value values[MAX_COLUMNS];

  g_assert (table->n_columns <= MAX_COLUMNS);

  if (!read_row (import, table, index, node, values, error))
    return FALSE;

  if (table == &tables[0] && !check_meta_row (import, table, index, values, error))
    return FALSE;

  if (insert == NULL)
    return insert_member (import, table, index, values, error);
  return insert_row (import, table, index, values, insert, error);
}

/* Reads the list of rows of @table, which the reader is at, inserting each
 * row as it comes. */
static gboolean
import_table (Import       *import,
              const Table  *table,
              GError      **error)
{
  sqlite3_stmt *insert = NULL;
  guint index = 0;
  int c;

  c = reader_peek (import, error);
  if (c != '[')
    {
      JsonNode *node;

      if (c == READ_ERROR)
        return FALSE;
      node = read_node (import, 1, error);
      if (node != NULL)
        set_import_error (import, error, PD_ERROR_INVALID, table->name,
                          _("expected a list of rows ([ … ]), got %s"), node_kind (node));
      return FALSE;
    }
  reader_consume (&import->reader, 1);

  if (!g_str_equal (table->name, "members"))
    {
      g_autofree char *sql = insert_sql (table);

      insert = pd_database_prepare (import->db, sql, error);
      if (insert == NULL)
        return FALSE;
    }

  c = reader_peek (import, error);
  if (c == ']')
    reader_consume (&import->reader, 1);
  else
    {
      for (;; index++)
        {
          JsonNode *node;

          if (c == READ_ERROR)
            return FALSE;
          node = read_node (import, 2, error);
          if (node == NULL || !import_row (import, table, index, node, insert, error))
            return FALSE;

          c = reader_peek (import, error);
          if (c == ']')
            {
              reader_consume (&import->reader, 1);
              index++;
              break;
            }
          if (c != ',')
            {
              set_unexpected_error (import, c, _("“,” or “]”"), error);
              return FALSE;
            }
          reader_consume (&import->reader, 1);
          c = reader_peek (import, error);
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
  return node != NULL ? node_kind (node) : _("nothing");
}

static gboolean
check_format (Import    *import,
              JsonNode  *node,
              GError   **error)
{
  if (!node_is_type (node, G_TYPE_STRING))
    {
      set_import_error (import, error, PD_ERROR_INVALID, "format",
                        _("this is not a Peerdesk export: expected “%s”, got %s"),
                        FORMAT_NAME, node_kind (node));
      return FALSE;
    }
  if (!g_str_equal (json_node_get_string (node), FORMAT_NAME))
    {
      g_autofree char *shown = pd_text_excerpt (json_node_get_string (node), -1);

      set_import_error (import, error, PD_ERROR_INVALID, "format",
                        _("this is not a Peerdesk export: expected “%s”, got “%s”"),
                        FORMAT_NAME, shown);
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

  if (node == NULL || !node_is_type (node, G_TYPE_INT64))
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
  return TRUE;
}

static gboolean
check_schema_version (Import    *import,
                      JsonNode  *node,
                      GError   **error)
{
  if (node == NULL || !node_is_type (node, G_TYPE_INT64) || json_node_get_int (node) < 1)
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
dup_key_list (void)
{
  GString *list = g_string_new ("format, version, schema_version");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (list, ", %s", tables[i].name);
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
      node = read_node (import, 1, error);
      if (node == NULL ||
          !(i == 0 ? check_format (import, node, error)
                   : i == 1 ? check_version (import, node, error)
                            : check_schema_version (import, node, error)))
        return FALSE;
      import->n_header++;
      return TRUE;
    }

  for (table = 0; table < G_N_ELEMENTS (tables); table++)
    if (g_str_equal (key, tables[table].name))
      break;
  if (table == G_N_ELEMENTS (tables))
    {
      g_autofree char *list = dup_key_list ();
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
      g_autofree char *list = dup_key_list ();

      set_import_error (import, error, PD_ERROR_INVALID, tables[import->next_table].name,
                        _("this key is missing, or comes after “%s” (the keys come in the "
                          "order %s)"),
                        key, list);
      return FALSE;
    }

  if (!import->in_transaction && !begin_writing (import, error))
    return FALSE;
  if (!import_table (import, &tables[table], error))
    return FALSE;
  import->next_table++;
  return TRUE;
}

static gboolean
import_file (Import  *import,
             GError **error)
{
  int c = reader_peek (import, error);

  if (c == READ_ERROR)
    return FALSE;
  if (c == READ_EOF)
    {
      set_import_error (import, error, PD_ERROR_INVALID, NULL, _("the file is empty"));
      return FALSE;
    }
  if (c != '{')
    {
      JsonNode *node = read_node (import, 0, error);

      if (node != NULL)
        set_import_error (import, error, PD_ERROR_INVALID, NULL,
                          _("this is not a Peerdesk export: expected an object ({ … }), "
                            "got %s"),
                          node_kind (node));
      return FALSE;
    }
  reader_consume (&import->reader, 1);

  c = reader_peek (import, error);
  while (c != '}')
    {
      JsonNode *node;
      g_autofree char *key = NULL;

      if (c != '"')
        {
          set_unexpected_error (import, c, _("a key in quotes"), error);
          return FALSE;
        }
      node = read_node (import, 1, error);
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

      if (!reader_expect (import, ':', _("“:”"), error) ||
          !import_member (import, key, error))
        return FALSE;

      c = reader_peek (import, error);
      if (c == ',')
        {
          reader_consume (&import->reader, 1);
          c = reader_peek (import, error);
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
  reader_consume (&import->reader, 1);

  c = reader_peek (import, error);
  if (c != READ_EOF)
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
  if (import->n_header < 3 || import->next_table < G_N_ELEMENTS (tables))
    {
      set_import_error (import, error, PD_ERROR_INVALID,
                        import->n_header == 1 ? "version"
                        : import->n_header == 2 ? "schema_version"
                        : tables[import->next_table].name,
                        _("this key is missing"));
      return FALSE;
    }
  return TRUE;
}

static void
notify_changed (PdDatabase *db)
{
  const char *notified[G_N_ELEMENTS (tables)] = { NULL, };
  guint n_notified = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const char *changed = tables[i].changed;
      gboolean done = changed == NULL;

      for (guint j = 0; j < n_notified && !done; j++)
        done = g_str_equal (notified[j], changed);
      if (done)
        continue;
      notified[n_notified++] = changed;
      pd_database_notify_changed (db, changed);
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
  struct stat info;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;

  display_path = g_filename_display_name (path);
  import.db = db;
  import.display_path = display_path;
  import.reader.fd = -1;

  /* Checked before the file is read, which can take a while, and again
   * in the transaction that writes. */
  if (!check_empty (&import, error) || !pd_database_check_source (path, error))
    return FALSE;

  import.reader.fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (import.reader.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read “%s”: %s"), display_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (import.reader.fd, &info) == 0 && S_ISREG (info.st_mode) &&
      (guint64) info.st_size > PD_JSON_MAX_FILE_SIZE)
    {
      set_too_large_error (&import, error);
      close (import.reader.fd);
      return FALSE;
    }
  import.reader.line = 1;
  import.reader.column = 1;
  import.parser = json_parser_new_immutable ();

  ok = import_file (&import, error);
  import_clear (&import);
  pd_database_exec (db, "PRAGMA cache_size = " G_STRINGIFY (PD_DATABASE_CACHE_SIZE), NULL);
  if (!ok)
    {
      if (import.in_transaction)
        pd_database_rollback (db);
      return FALSE;
    }
  if (!pd_database_commit (db, error))
    return FALSE;

  notify_changed (db);
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
