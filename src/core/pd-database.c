/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-text.h"

/* "PDK1" in the database header marks a file as Peerdesk's, so that another
 * program's SQLite file is refused instead of being given our tables. */
#define PD_APPLICATION_ID 0x50444b31

/* Databases up to this size are checked page by page at every opening. */
#define FULL_CHECK_MAX_SIZE (64 * 1024 * 1024)

struct _PdDatabase
{
  GObject parent_instance;

  /* Owned */
  char *path;
  sqlite3 *db;
  GHashTable *statements;
  guint transaction_depth;
  int version;
};

G_DEFINE_FINAL_TYPE (PdDatabase, pd_database, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Each migration runs in one transaction together with the version bump,
 * so a database is always at exactly one version. */
static const char *migrations[] = {
  /* 1: members and their full-text index */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  /* Kept by the triggers below, so that the list knows its length without
   * counting a million rows. */
  "INSERT INTO meta (key, value) VALUES ('member_count', '0');"
  "CREATE TABLE members ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  first_name TEXT NOT NULL CHECK (first_name <> ''),"
  "  last_name TEXT NOT NULL DEFAULT '',"
  "  preferred_name TEXT NOT NULL DEFAULT '',"
  "  pronouns TEXT NOT NULL DEFAULT '',"
  "  birth_date TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  emergency_name TEXT NOT NULL DEFAULT '',"
  "  emergency_phone TEXT NOT NULL DEFAULT '',"
  "  joined_date TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),"
  "  gender TEXT NOT NULL DEFAULT 'not_collected',"
  "  race TEXT NOT NULL DEFAULT 'not_collected',"
  "  ethnicity TEXT NOT NULL DEFAULT 'not_collected',"
  "  veteran TEXT NOT NULL DEFAULT 'not_collected',"
  "  housing TEXT NOT NULL DEFAULT 'not_collected',"
  "  justice TEXT NOT NULL DEFAULT 'not_collected',"
  "  may_contact INTEGER NOT NULL DEFAULT 0 CHECK (may_contact IN (0, 1)),"
  "  report_consent INTEGER NOT NULL DEFAULT 1 CHECK (report_consent IN (0, 1)),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  sort_key TEXT NOT NULL,"
  "  phone_digits TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX members_by_sort_key ON members (sort_key, id);"
  "CREATE INDEX members_by_phone ON members (phone_digits) WHERE phone_digits <> '';"
  /* Names only: member numbers and phone numbers are found through their
   * own indexes. detail=none keeps the index small, as searches are only
   * ever prefixes of words, never phrases. */
  "CREATE VIRTUAL TABLE members_fts USING fts5 ("
  "  first_name, last_name, preferred_name,"
  "  content = 'members', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none"
  ");"
  /* While a bulk load is under way (a meta row "bulk_load" in the same
   * transaction), the loader indexes its rows in one statement at the end,
   * which is many times faster than a row at a time. */
  "CREATE TRIGGER members_fts_insert AFTER INSERT ON members"
  "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_load')"
  " BEGIN"
  "  INSERT INTO members_fts (rowid, first_name, last_name, preferred_name)"
  "  VALUES (new.id, new.first_name, new.last_name, new.preferred_name);"
  "  UPDATE meta SET value = value + 1 WHERE key = 'member_count';"
  "END;"
  "CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN"
  "  INSERT INTO members_fts (members_fts, rowid, first_name, last_name, preferred_name)"
  "  VALUES ('delete', old.id, old.first_name, old.last_name, old.preferred_name);"
  "  UPDATE meta SET value = value - 1 WHERE key = 'member_count';"
  "END;"
  "CREATE TRIGGER members_fts_update"
  "  AFTER UPDATE OF first_name, last_name, preferred_name ON members"
  " BEGIN"
  "  INSERT INTO members_fts (members_fts, rowid, first_name, last_name, preferred_name)"
  "  VALUES ('delete', old.id, old.first_name, old.last_name, old.preferred_name);"
  "  INSERT INTO members_fts (rowid, first_name, last_name, preferred_name)"
  "  VALUES (new.id, new.first_name, new.last_name, new.preferred_name);"
  "END;",

  /* 2: front-desk visits, groups, their sessions and attendance. Times are
   * local wall-clock times ("2026-03-08T18:00"): a weekly meeting at six
   * stays at six across a daylight-saving change. */
  "CREATE TABLE visit_purposes ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL UNIQUE CHECK (label <> ''),"
  "  position INTEGER NOT NULL,"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "CREATE UNIQUE INDEX visit_purposes_one_default ON visit_purposes (is_default)"
  "  WHERE is_default = 1;"
  "INSERT INTO visit_purposes (label, position, is_default) VALUES"
  "  ('Drop-in', 1, 1), ('One-to-one peer support', 2, 0), ('Group', 3, 0),"
  "  ('Resource referral', 4, 0), ('Naloxone kit', 5, 0), ('Phone or text support', 6, 0),"
  "  ('Other', 7, 0);"
  "CREATE TABLE visits ("
  "  id INTEGER PRIMARY KEY,"
  "  member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,"  /* NULL: anonymous */
  "  visited_at TEXT NOT NULL,"
  "  purpose_id INTEGER NOT NULL REFERENCES visit_purposes (id),"
  "  recorded_by TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX visits_by_time ON visits (visited_at);"
  "CREATE INDEX visits_by_member ON visits (member_id, visited_at) WHERE member_id IS NOT NULL;"
  "CREATE TABLE groups ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  kind TEXT NOT NULL CHECK (kind IN ('peer_support', 'all_recovery', 'mutual_aid', 'family',"
  "                                     'wellness', 'training', 'other')),"
  "  facilitator_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,"
  "  facilitator_name TEXT NOT NULL DEFAULT '',"
  "  room TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  weekdays INTEGER NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127),"  /* Mon = 1 … Sun = 64; 0: one-off */
  "  start_time TEXT NOT NULL DEFAULT '',"  /* HH:MM */
  "  duration_minutes INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 1 AND 1440),"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT NOT NULL DEFAULT '',"
  "  attendance_mode TEXT NOT NULL DEFAULT 'named'"
  "    CHECK (attendance_mode IN ('named', 'headcount', 'both')),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,"
  "  starts_at TEXT NOT NULL,"
  "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),"
  "  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),"
  "  cancel_reason TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),"
  "  UNIQUE (group_id, starts_at)"
  ");"
  "CREATE INDEX sessions_by_time ON sessions (starts_at);"
  "CREATE TABLE attendance ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE RESTRICT,"
  "  recorded_at TEXT NOT NULL,"
  "  PRIMARY KEY (session_id, member_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX attendance_by_member ON attendance (member_id, session_id);"
  /* Mutual-aid meetings keep their members anonymous: in a headcount-only
   * group no name can be recorded, whatever writes to the database. */
  "CREATE TRIGGER attendance_headcount_only BEFORE INSERT ON attendance"
  "  WHEN (SELECT g.attendance_mode FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
  "        WHERE s.id = new.session_id) = 'headcount'"
  " BEGIN"
  "  SELECT RAISE (ABORT, 'headcount-only group: no names are recorded');"
  "END;"
  "CREATE TRIGGER groups_headcount_only BEFORE UPDATE OF attendance_mode ON groups"
  "  WHEN new.attendance_mode = 'headcount' AND EXISTS ("
  "    SELECT 1 FROM attendance AS a JOIN sessions AS s ON s.id = a.session_id"
  "    WHERE s.group_id = new.id)"
  " BEGIN"
  "  SELECT RAISE (ABORT, 'the group has named attendance: it cannot become headcount-only');"
  "END;",

  /* 3: volunteer peers, their hours, supervision, training and credentials.
   * Hours are kept in quarter hours, the only steps they are logged in. */
  "CREATE TABLE volunteer_roles ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL UNIQUE CHECK (label <> ''),"
  "  position INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "INSERT INTO volunteer_roles (label, position) VALUES"
  "  ('Peer recovery coach', 1), ('Group facilitator', 2), ('Front desk', 3), ('Outreach', 4),"
  "  ('Driver', 5), ('Other', 6);"
  "CREATE TABLE volunteers ("
  "  id INTEGER PRIMARY KEY,"
  "  member_id INTEGER UNIQUE REFERENCES members (id) ON DELETE SET NULL,"
  "  display_name TEXT NOT NULL CHECK (display_name <> ''),"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  start_date TEXT NOT NULL,"
  "  background_check_date TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_leave', 'former')),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX volunteers_by_name ON volunteers (display_name COLLATE NOCASE);"
  "CREATE TABLE volunteer_role_links ("
  "  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,"
  "  role_id INTEGER NOT NULL REFERENCES volunteer_roles (id),"
  "  PRIMARY KEY (volunteer_id, role_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE hours ("
  "  id INTEGER PRIMARY KEY,"
  "  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  activity TEXT NOT NULL CHECK (activity <> ''),"
  "  quarter_hours INTEGER NOT NULL CHECK (quarter_hours > 0),"
  "  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,"
  "  approved_by TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX hours_by_volunteer ON hours (volunteer_id, date);"
  "CREATE INDEX hours_by_date ON hours (date);"
  "CREATE UNIQUE INDEX hours_once_per_session ON hours (volunteer_id, session_id)"
  "  WHERE session_id IS NOT NULL;"
  "CREATE TABLE supervision ("
  "  id INTEGER PRIMARY KEY,"
  "  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  supervisor TEXT NOT NULL CHECK (supervisor <> ''),"
  "  minutes INTEGER NOT NULL CHECK (minutes > 0),"
  "  kind TEXT NOT NULL CHECK (kind IN ('individual', 'group')),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX supervision_by_volunteer ON supervision (volunteer_id, date);"
  "CREATE TABLE training_domains ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (code <> ''),"
  "  label TEXT NOT NULL CHECK (label <> ''),"
  "  position INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "INSERT INTO training_domains (code, label, position) VALUES"
  "  ('advocacy', 'Advocacy', 1), ('mentoring_education', 'Mentoring and education', 2),"
  "  ('recovery_wellness', 'Recovery and wellness', 3), ('ethics', 'Ethics', 4),"
  "  ('confidentiality', 'Confidentiality', 5),"
  "  ('naloxone', 'Naloxone and overdose response', 6),"
  "  ('bloodborne_pathogens', 'Bloodborne pathogens', 7),"
  "  ('cultural_responsiveness', 'Cultural responsiveness', 8),"
  "  ('trauma_informed', 'Trauma-informed practice', 9), ('other', 'Other', 10);"
  "CREATE TABLE courses ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  provider TEXT NOT NULL DEFAULT '',"
  "  quarter_hours INTEGER NOT NULL CHECK (quarter_hours > 0),"
  "  delivery TEXT NOT NULL DEFAULT 'in_person' CHECK (delivery IN ('in_person', 'online')),"
  "  required_yearly INTEGER NOT NULL DEFAULT 0 CHECK (required_yearly IN (0, 1)),"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE course_domains ("
  "  course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
  "  domain_id INTEGER NOT NULL REFERENCES training_domains (id),"
  "  PRIMARY KEY (course_id, domain_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE completions ("
  "  id INTEGER PRIMARY KEY,"
  "  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,"
  "  course_id INTEGER NOT NULL REFERENCES courses (id),"
  "  date TEXT NOT NULL,"
  "  quarter_hours INTEGER NOT NULL CHECK (quarter_hours > 0),"
  "  certificate TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX completions_by_volunteer ON completions (volunteer_id, date);"
  "CREATE TABLE credentials ("
  "  id INTEGER PRIMARY KEY,"
  "  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,"
  "  template TEXT NOT NULL DEFAULT '',"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  issuing_body TEXT NOT NULL DEFAULT '',"
  "  number TEXT NOT NULL DEFAULT '',"
  "  issued_date TEXT NOT NULL DEFAULT '',"
  "  expiry_date TEXT NOT NULL DEFAULT '',"
  "  renewal_cycle_months INTEGER NOT NULL DEFAULT 0 CHECK (renewal_cycle_months >= 0),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX credentials_by_volunteer ON credentials (volunteer_id);"
  "CREATE INDEX credentials_by_expiry ON credentials (expiry_date);"
  "ALTER TABLE groups ADD COLUMN facilitator_volunteer_id INTEGER"
  "  REFERENCES volunteers (id) ON DELETE SET NULL;",

  /* 4: indexes for funder reports. The few members who did not consent are
   * looked up in a small partial index instead of every member row, new
   * members by their joining date, and hours read from the index alone. */
  "CREATE INDEX members_without_consent ON members (id) WHERE report_consent = 0;"
  "CREATE INDEX members_by_joined ON members (joined_date, report_consent);"
  "DROP INDEX hours_by_date;"
  "CREATE INDEX hours_by_date ON hours (date, activity, volunteer_id, quarter_hours);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PD_SCHEMA_VERSION);

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
pd_database_finalize (GObject *object)
{
  PdDatabase *self = (PdDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pd_database_parent_class)->finalize (object);
}

static void
pd_database_class_init (PdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_database_finalize;

  /**
   * PdDatabase::changed:
   * @table: the table whose rows changed
   *
   * Emitted after a committed change, with the table name as detail, so
   * that lists showing the table can refresh.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pd_database_init (PdDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

/* Where the front-desk computer keeps its data unless told otherwise. */
char *
pd_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "peerdesk", "peerdesk.db", NULL);
}

void
pd_database_set_error (PdDatabase  *self,
                       GError     **error)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *message = sqlite3_errmsg (self->db);
  int primary = code & 0xff;

  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                 _("“%s” is damaged or is not a database: %s"), self->path, message);
  else if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, "%s", message);
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s", message);
  else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
           primary == SQLITE_PERM || primary == SQLITE_IOERR)
    g_set_error (error, PD_ERROR, PD_ERROR_IO, "%s: %s", self->path, message);
  else if (primary == SQLITE_BUSY)
    g_set_error (error, PD_ERROR, PD_ERROR_BUSY,
                 _("Another program is saving records in “%s”: %s"), self->path, message);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "%s", message);
}

gboolean
pd_database_exec (PdDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      pd_database_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Statements are prepared once per connection and kept; the caller gets a
 * reset statement with no bindings, and must not hold it across another
 * call that might use the same SQL. */
sqlite3_stmt *
pd_database_prepare (PdDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      pd_database_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Steps a statement that returns no rows, and resets it. */
gboolean
pd_database_step_done (PdDatabase    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pd_database_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Steps a statement expected to return one row, or none. On an error the
 * statement is reset and FALSE returned; otherwise *found says whether
 * there was a row, which the caller reads and then resets. */
gboolean
pd_database_step_one (PdDatabase    *self,
                      sqlite3_stmt  *stmt,
                      gboolean      *found,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pd_database_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* A text column of the current row, copied. */
char *
pd_database_column_dup (sqlite3_stmt *stmt,
                        int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Runs @sql, "SELECT id, text FROM …", and returns the id of the first row
 * whose text is @text in any case, 0 if there is none, -1 on an error.
 * For short lists (purposes, roles, courses): SQLite's NOCASE only folds
 * ASCII letters, so the rows are compared here. */
gint64
pd_database_find_text (PdDatabase  *self,
                       const char  *sql,
                       const char  *text,
                       GError     **error)
{
  g_autofree char *wanted = pd_text_fold_case (text);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (self), -1);

  stmt = pd_database_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *folded = pd_text_fold_case ((const char *) sqlite3_column_text (stmt, 1));

      if (strcmp (folded, wanted) == 0)
        {
          id = sqlite3_column_int64 (stmt, 0);
          break;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pd_database_set_error (self, error);
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

gboolean
pd_database_begin (PdDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  if (!pd_database_exec (self, self->transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT pd",
                         error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
pd_database_commit (PdDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!pd_database_exec (self, self->transaction_depth == 1 ? "COMMIT" : "RELEASE pd", error))
    {
      pd_database_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
pd_database_rollback (PdDatabase *self)
{
  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  self->transaction_depth--;
  if (self->transaction_depth == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO pd; RELEASE pd", NULL, NULL, NULL);
}

char *
pd_database_get_meta (PdDatabase *self,
                      const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);

  stmt = pd_database_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
pd_database_set_meta (PdDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  stmt = pd_database_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return pd_database_step_done (self, stmt, error);
}

void
pd_database_notify_changed (PdDatabase *self,
                            const char *table)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

const char *
pd_database_get_path (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  return self->path;
}

sqlite3 *
pd_database_get_handle (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  return self->db;
}

int
pd_database_get_version (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), 0);
  return self->version;
}

static gboolean
query_int (PdDatabase  *self,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      pd_database_set_error (self, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int (stmt, 0);
  else if (rc != SQLITE_DONE)
    pd_database_set_error (self, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
check_integrity (PdDatabase  *self,
                 GError     **error)
{
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      pd_database_set_error (self, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_ROW)
    pd_database_set_error (self, error);
  sqlite3_finalize (stmt);

  if (problem != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is damaged and was left as it is: %s"), self->path, problem);
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

/* A file shorter than its header says was cut short in a copy. */
static gboolean
check_length (PdDatabase  *self,
              goffset      size,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  int page_size = 0, page_count = 0;
  GStatBuf st;

  /* Pages not yet copied back from the write-ahead log make the header
   * count more than the main file holds, rightly. */
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return TRUE;

  if (!query_int (self, "PRAGMA page_size", &page_size, error) ||
      !query_int (self, "PRAGMA page_count", &page_count, error))
    return FALSE;

  if (size < (goffset) page_size * page_count || size % page_size != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is damaged (it is shorter than it should be) and was left as it is"),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* Refuses, before anything is written, a file that is not ours or that a
 * newer Peerdesk wrote: a database is never rewritten by a program that
 * does not understand it. */
static gboolean
check_database (PdDatabase  *self,
                int          target,
                GError     **error)
{
  int app_id = 0, version = 0, n_objects = 0;

  if (!query_int (self, "PRAGMA application_id", &app_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if (app_id != PD_APPLICATION_ID && (app_id != 0 || version != 0 || n_objects != 0))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is not a Peerdesk database; it was left as it is"), self->path);
      return FALSE;
    }

  if (version > PD_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Peerdesk (database version %d; "
                     "this version reads up to %d). It was left as it is: update Peerdesk to "
                     "open it."),
                   self->path, version, PD_SCHEMA_VERSION);
      return FALSE;
    }

  /* The header and the schema can be intact while the pages holding the
   * members are not; such a file must be refused before the journal mode
   * or a migration writes to it. A full check reads every page, which is
   * instant for a centre's database but takes seconds at a million
   * members, so a large file is checked in full only before a migration
   * rewrites it; otherwise only for being cut short, and SQLite reports
   * (and never writes over) any other damaged page when it reads it. */
  if (n_objects > 0)
    {
      GStatBuf st;
      gboolean small = g_stat (self->path, &st) == 0 && st.st_size <= FULL_CHECK_MAX_SIZE;

      if ((small || version < target) ? !check_integrity (self, error)
                                      : !check_length (self, st.st_size, error))
        return FALSE;
    }

  self->version = version;
  return TRUE;
}

static gboolean
migrate (PdDatabase  *self,
         int          target,
         GError     **error)
{
  while (self->version < target)
    {
      g_autofree char *bump = NULL;
      int next = self->version + 1;

      if (!pd_database_begin (self, error))
        return FALSE;

      bump = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                              next, PD_APPLICATION_ID);
      if (!pd_database_exec (self, migrations[next - 1], error) ||
          !pd_database_exec (self, bump, error))
        {
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), next);
          pd_database_rollback (self);
          return FALSE;
        }

      if (!pd_database_commit (self, error))
        return FALSE;
      self->version = next;
    }

  return TRUE;
}

/* SQLite gives the -wal and -shm files the mode of the database file, so
 * creating that file 0600 keeps all three private. */
static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
make_private (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_chmod (file, 0600);
    }
}

/* Opens @path and migrates it up to @version; tests use an older @version
 * to check each migration from every earlier schema. */
PdDatabase *
pd_database_open_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  g_autoptr(PdDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= PD_SCHEMA_VERSION, NULL);

  if (!prepare_file (path, error))
    return NULL;

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  /* One connection per thread, so SQLite need not lock around each call. */
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      pd_database_set_error (self, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_database (self, version, error))
    return NULL;

  make_private (path);

  if (!pd_database_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;"
                         "PRAGMA cache_size = " G_STRINGIFY (PD_DATABASE_CACHE_SIZE) ";",
                         error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* After the file's contents were replaced under this connection (a
 * restore through SQLite's backup API), reads their version again and
 * brings them up to date, each migration in its own transaction as at
 * opening: a crash between two leaves a database the next opening
 * migrates. */
gboolean
pd_database_reload (PdDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  g_hash_table_remove_all (self->statements);
  if (!check_database (self, PD_SCHEMA_VERSION, error))
    return FALSE;
  return migrate (self, PD_SCHEMA_VERSION, error);
}

PdDatabase *
pd_database_open (const char  *path,
                  GError     **error)
{
  return pd_database_open_at_version (path, PD_SCHEMA_VERSION, error);
}
