/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-migration-resources.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-tables.h"
#include "pd-text.h"

G_DEFINE_FINAL_TYPE (PdDatabase, pd_database, G_TYPE_OBJECT)


enum {
  DAMAGED_CHANGED,
  CHANGED,
  STAFF_CHANGED,
  ONLINE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The migrations are data/migrations/NNN.sql, compiled into the program:
 * the one that brings a database to version N is N.sql. Each runs in one
 * transaction together with the version bump, so a database is always at
 * exactly one version. */
#define MIGRATIONS_PATH "/org/peerdesk/Peerdesk/migrations/"

/* The SQL of migration @version, NUL-terminated as resources are. */
GBytes *
pd_database_get_migration (int version)
{
  g_autofree char *path = g_strdup_printf (MIGRATIONS_PATH "%03d.sql", version);

  return g_resource_lookup_data (pd_migrations_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}


static void
pd_database_finalize (GObject *object)
{
  PdDatabase *self = (PdDatabase *)object;
  /* A program may still look at errno from its own last failed call (a
   * write to a closed pipe) after the database is gone. */
  int saved_errno = errno;

  g_clear_handle_id (&self->watch_source, g_source_remove);
  pd_database_file_closed (self);
  pd_database_use_server (self, NULL);
  g_clear_pointer (&self->server, pd_server_free);
  g_clear_pointer (&self->borrowed, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      g_autofree char *pages = NULL;

      /* The log goes into the file first, as closing would do, so that the
       * file alone holds what the stamp describes. */
      if (self->checked_at > 0 && !self->damaged && self->database_id != NULL &&
          sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) == SQLITE_OK)
        pages = pd_sqlite_dup_page_stamp (self->db, self->path);
      sqlite3_close (self->db);
      /* What was checked, and only this program's connections wrote to
       * since, through SQLite: the next opening of the file as it is now
       * need not check it again. */
      if (pages != NULL)
        pd_database_file_remember_checked (self->path, self->database_id, pages,
                                           self->checked_at);
    }
  g_clear_pointer (&self->database_id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->staff, pd_staff_free);
  g_clear_pointer (&self->os_user, g_free);
  errno = saved_errno;

  G_OBJECT_CLASS (pd_database_parent_class)->finalize (object);
}

static void
pd_database_class_init (PdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_database_finalize;

  /**
   * PdDatabase::damaged-changed:
   *
   * Emitted when SQLite has found damage in the file (from then on nothing
   * more is written to it), and when a restore makes it whole again: see
   * pd_database_is_damaged().
   */
  signals[DAMAGED_CHANGED] =
    g_signal_new ("damaged-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

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

  /**
   * PdDatabase::staff-changed:
   *
   * Emitted when someone signs in or out on this connection, so that what
   * the window shows can follow the new role.
   */
  /**
   * PdDatabase::online-changed:
   *
   * Emitted when the connection to a shared server is lost, and when it is
   * made again: see pd_database_is_online().
   */
  signals[ONLINE_CHANGED] =
    g_signal_new ("online-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[STAFF_CHANGED] =
    g_signal_new ("staff-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pd_database_init (PdDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->borrowed = g_hash_table_new (NULL, NULL);
}

/* Where the front-desk computer keeps its data unless told otherwise. */
char *
pd_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "peerdesk", "peerdesk.db", NULL);
}

void
pd_sqlite_set_error (sqlite3     *db,
                     const char  *path,
                     GError     **error)
{
  int code = sqlite3_extended_errcode (db);
  const char *message = sqlite3_errmsg (db);
  int primary = code & 0xff;

  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                 _("“%s” is damaged or is not a database (%s). Peerdesk saves nothing more to "
                   "it, so that nothing more is lost: restore the newest backup "
                   "(“peerdesk-cli restore”, or Preferences → Backups)."),
                 path, message);
  else if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, "%s", message);
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s", message);
  else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
           primary == SQLITE_PERM || primary == SQLITE_IOERR)
    g_set_error (error, PD_ERROR, PD_ERROR_IO, "%s: %s", path, message);
  else if (primary == SQLITE_BUSY)
    g_set_error (error, PD_ERROR, PD_ERROR_BUSY,
                 _("Another program is saving records in “%s”: %s"), path, message);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "%s", message);
}

/* Once SQLite has found a damaged page, the connection writes nothing
 * more: a write could spread the damage over records that are still
 * intact, and the backups hold a good copy to go back to. */
static void
mark_damaged (PdDatabase *self)
{
  if (self->damaged)
    return;

  self->damaged = TRUE;
  sqlite3_exec (self->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
  g_signal_emit (self, signals[DAMAGED_CHANGED], 0);
}

void
pd_database_set_error (PdDatabase  *self,
                       GError     **error)
{
  int primary = sqlite3_extended_errcode (self->db) & 0xff;

  pd_sqlite_set_error (self->db, self->path, error);
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    mark_damaged (self);
}

/* How long a write waits for another connection's to finish before it
 * fails with PD_ERROR_BUSY: the desk waits briefly and keeps the change to
 * save later, rather than freezing (PD_DATABASE_BUSY_TIMEOUT_MS restores
 * the usual wait). */
void
pd_database_set_busy_wait (PdDatabase *self,
                           guint       ms)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  if (self->server != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SET lock_timeout = %u", ms);

      pd_server_exec (self->server, sql, NULL);
      return;
    }
  sqlite3_busy_timeout (self->db, (int) MIN (ms, G_MAXINT));
}

/* SQLite's virtual machine instructions between two looks at the
 * cancellable. */
#define CANCEL_CHECK_STEPS 1000

static int
on_cancel_check_cb (void *data)
{
  /* Non-zero stops the statement running, which then fails. */
  return g_cancellable_is_cancelled (data);
}

/* Makes the statements of the connection stop soon after @cancellable is
 * cancelled (they fail, and the caller says it was cancelled), until it
 * is set again; NULL lets them run to their end. For a connection of its
 * own that one thread runs long queries on. */
void
pd_database_set_cancellable (PdDatabase   *self,
                             GCancellable *cancellable)
{
  g_return_if_fail (PD_IS_DATABASE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->server != NULL)
    return;
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, CANCEL_CHECK_STEPS, on_cancel_check_cb, cancellable);
  else
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
}

/* Whether SQLite has reported damage since the database was opened; then
 * every write is refused. */
/* The real time (g_get_real_time ()) of the full check the contents
 * passed, at this opening or an earlier one of the same unchanged file;
 * 0 when they were not checked in full. */
gint64
pd_database_get_checked_at (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), 0);
  return self->checked_at;
}

gboolean
pd_database_is_damaged (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  return self->damaged;
}

gboolean
pd_database_exec (PdDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  if (self->server != NULL)
    return pd_server_exec (self->server, sql, error);
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

/* The statement of pd_database_query(): the one kept for @sql, or a fresh
 * one (*owned) when that one is in use further up the stack. */
sqlite3_stmt *
pd_database_borrow (PdDatabase  *self,
                    const char  *sql,
                    gboolean    *owned,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL && g_hash_table_contains (self->borrowed, stmt))
    {
      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          pd_database_set_error (self, error);
          return NULL;
        }
      *owned = TRUE;
      return stmt;
    }

  stmt = pd_database_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  g_hash_table_add (self->borrowed, stmt);
  *owned = FALSE;
  return stmt;
}

void
pd_database_give_back (PdDatabase   *self,
                       sqlite3_stmt *stmt,
                       gboolean      owned)
{
  if (owned)
    {
      sqlite3_finalize (stmt);
      return;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  g_hash_table_remove (self->borrowed, stmt);
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
  g_autoptr(PdStatement) stmt = NULL;
  gint64 id = 0;

  g_return_val_if_fail (PD_IS_DATABASE (self), -1);

  stmt = pd_database_query (self, sql, error);
  if (stmt == NULL)
    return -1;
  while (pd_statement_next (stmt))
    {
      g_autofree char *folded = pd_text_fold_case (pd_statement_get_text (stmt, 1));

      if (strcmp (folded, wanted) == 0)
        {
          id = pd_statement_get_int64 (stmt, 0);
          break;
        }
    }
  if (!pd_statement_finish (stmt, error))
    return -1;
  return id;
}

gboolean
pd_database_begin (PdDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  if (self->damaged)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is damaged: Peerdesk saves nothing more to it, so that nothing more "
                     "is lost. Restore the newest backup (“peerdesk-cli restore”, or "
                     "Preferences → Backups)."),
                   self->path);
      return FALSE;
    }

  if (self->transaction_depth > 0)
    {
      if (!pd_database_exec (self, "SAVEPOINT pd", error))
        return FALSE;
      self->transaction_depth++;
      return TRUE;
    }

  if (self->server != NULL)
    {
      if (!pd_server_exec (self->server, "BEGIN", error))
        return FALSE;
      self->transaction_depth++;
      return TRUE;
    }

  if (!pd_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->transaction_depth++;

  /* Writes the page that holds the database's id, so that the log of every
   * transaction names its database (see check_wal_owner()). */
  if (self->version >= DATABASE_ID_VERSION &&
      !pd_database_exec (self, "UPDATE identity SET transactions = transactions + 1", error))
    {
      pd_database_rollback (self);
      return FALSE;
    }
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
  if (self->server != NULL)
    pd_server_exec (self->server,
                    self->transaction_depth == 0 ? "ROLLBACK" : "ROLLBACK TO pd; RELEASE pd",
                    NULL);
  else if (self->transaction_depth == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO pd; RELEASE pd", NULL, NULL, NULL);
}

char *
pd_database_get_meta (PdDatabase *self,
                      const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);

  stmt = pd_database_query (self, "SELECT value FROM meta WHERE key = :key", &error);
  if (stmt != NULL)
    {
      pd_statement_bind_text (stmt, "key", key);
      if (pd_statement_fetch (stmt, &found, &error) && found)
        return pd_statement_dup_text (stmt, 0);
    }
  /* Damage is said once, through the "damaged-changed" signal, and a
   * lost server through "online-changed"; anything else is unexpected. */
  if (error != NULL && (self->damaged || g_error_matches (error, PD_ERROR, PD_ERROR_OFFLINE)))
    g_debug ("Could not read the setting “%s”: %s", key, error->message);
  else if (error != NULL)
    g_warning ("Could not read the setting “%s”: %s", key, error->message);
  return NULL;
}

gboolean
pd_database_set_meta (PdDatabase  *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  stmt = pd_database_query (self,
                            "INSERT INTO meta (key, value) VALUES (:key, :value)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "key", key);
  pd_statement_bind_text (stmt, "value", value);
  return pd_statement_execute (stmt, error);
}

void
pd_database_notify_changed (PdDatabase *self,
                            const char *table)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

const PdStaff *
pd_database_get_staff (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), NULL);
  return self->staff;
}

void
pd_database_emit_online_changed (PdDatabase *self)
{
  g_signal_emit (self, signals[ONLINE_CHANGED], 0);
}

/* Takes @staff (NULL: nobody) as the one signed in, and says so. */
void
pd_database_take_staff (PdDatabase *self,
                        PdStaff    *staff)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  pd_database_forget_role (self);
  g_clear_pointer (&self->staff, pd_staff_free);
  self->staff = staff;
  g_signal_emit (self, signals[STAFF_CHANGED], 0);
}

void
pd_database_set_os_user (PdDatabase *self,
                         const char *os_user)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  g_free (self->os_user);
  self->os_user = g_strdup (os_user);
}

const char *
pd_database_get_os_user (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), "");
  return self->os_user != NULL ? self->os_user : "";
}

/* A database on a server, for pd_database_open_server(): its connection
 * and the schema version it holds. */
PdDatabase *
pd_database_new_shared (const char *location,
                        PdServer   *server,
                        int         version)
{
  PdDatabase *self = g_object_new (PD_TYPE_DATABASE, NULL);

  self->path = g_strdup (location);
  self->server = server;
  self->version = version;
  self->verified = TRUE;
  return self;
}

PdServer *
pd_database_get_server (PdDatabase *self)
{
  return self->server;
}

/* Whether the records are on a server several desks share, rather than in
 * a file on this computer. */
gboolean
pd_database_is_shared (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);
  return self->server != NULL;
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

static int
on_verify_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data);
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      pd_sqlite_set_error (db, path, &error);
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, PD_DATABASE_BUSY_TIMEOUT_MS);
  sqlite3_progress_handler (db, 100000, on_verify_progress_cb, cancellable);
  ok = pd_sqlite_check_integrity (db, path, &error);
  sqlite3_close (db);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * pd_database_verify_async:
 *
 * Checks every page and index of a database that was too large to check in
 * full when it was opened, on a thread with a connection of its own, so
 * that the desk goes on working meanwhile. Damage found marks the database
 * damaged (#PdDatabase::damaged-changed): nothing more is written to it.
 */
void
pd_database_verify_async (PdDatabase          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PD_IS_DATABASE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_database_verify_async);
  /* A server checks its own pages. */
  if (self->verified || self->server != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, verify_in_thread);
}

gboolean
pd_database_verify_finish (PdDatabase    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      self->verified = TRUE;
      if (self->checked_at == 0)
        self->checked_at = g_get_real_time ();
      return TRUE;
    }
  if (g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_DATABASE))
    mark_damaged (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
migrate (PdDatabase  *self,
         int          target,
         GError     **error)
{
  while (self->version < target)
    {
      g_autoptr(GBytes) migration = NULL;
      g_autofree char *bump = NULL;
      int next = self->version + 1;

      migration = pd_database_get_migration (next);
      g_return_val_if_fail (migration != NULL, FALSE);
      if (!pd_database_begin (self, error))
        return FALSE;

      bump = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                              next, PD_APPLICATION_ID);
      if (!pd_database_exec (self, g_bytes_get_data (migration, NULL), error) ||
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

static gboolean
make_folder (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* SQLite gives the -wal and -shm files the mode of the database file. A
 * new file is made private by the umask SQLite creates it under (nothing
 * of ours opens the file: closing any descriptor of it would drop the
 * locks every connection of the process holds); an older one by chmod,
 * which changes the mode without opening it. */
static void
make_private (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 0077) != 0)
        g_chmod (file, 0600);
    }
}

/* Opens @path and migrates it up to @version; tests use an older @version
 * to check each migration from every earlier schema. */
PdDatabase *
pd_database_open_full (const char           *path,
                       int                   version,
                       PdDatabaseOpenFlags   flags,
                       GError              **error)
{
  g_autoptr(PdDatabase) self = NULL;
  g_autofree char *database_id = NULL;
  gboolean exists;
  gboolean verified = TRUE;
  gint64 checked_at = 0;
  GStatBuf st;
  mode_t mask;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= PD_SCHEMA_VERSION, NULL);

  if (pd_database_location_is_server (path))
    return pd_database_open_server (path, version, flags, error);

  exists = g_stat (path, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is not a file that can hold a database; it was left as it is"), path);
      return NULL;
    }
  if (!exists && (flags & PD_DATABASE_OPEN_EXISTING))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no database at “%s”"), path);
      return NULL;
    }
  if (exists && st.st_size == 0 && (flags & PD_DATABASE_OPEN_EXISTING))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is empty: it holds no Peerdesk records, and was left as it is"), path);
      return NULL;
    }

  if (!exists)
    {
      if (!make_folder (path, error))
        return NULL;
    }
  else if (pd_database_file_is_open (&st))
    verified = FALSE;  /* the first connection's check, and its verdict, are its own */
  else if (!pd_database_file_check (path, &st, version, flags, FALSE, &verified, &database_id,
                                    &checked_at, error))
    return NULL;

  self = g_object_new (PD_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->verified = verified;
  self->database_id = g_steal_pointer (&database_id);
  self->checked_at = checked_at;

  /* One connection per thread, so SQLite need not lock around each call. */
  mask = umask (0077);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  umask (mask);
  if (rc != SQLITE_OK)
    {
      pd_database_set_error (self, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, PD_DATABASE_BUSY_TIMEOUT_MS);
  sqlite3_create_function (self->db, "pd_fold", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           pd_sqlite_fold_function, NULL, NULL);
  pd_database_file_opened (self, self->db);

  if (!pd_sqlite_query_int (self->db, path, "PRAGMA user_version", &self->version, error))
    return NULL;
  make_private (path);

  /* FULL syncs the log at every commit: a check-in the desk has confirmed
   * survives a power cut, which NORMAL does not promise in WAL mode. */
  if (!pd_database_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = FULL;"
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

  g_return_val_if_fail (g_hash_table_size (self->borrowed) == 0, FALSE);

  g_hash_table_remove_all (self->statements);
  if (!pd_sqlite_query_int (self->db, self->path, "PRAGMA user_version", &self->version, error))
    return FALSE;

  /* The contents were checked in full before they were copied in: a
   * database that was damaged is whole again, and may be written. */
  if (self->damaged)
    {
      sqlite3_exec (self->db, "PRAGMA query_only = 0", NULL, NULL, NULL);
      self->damaged = FALSE;
      g_signal_emit (self, signals[DAMAGED_CHANGED], 0);
    }
  self->verified = TRUE;
  /* The file on disk was checked as a copy, not here: opened next, it is
   * checked again. */
  self->checked_at = 0;

  pd_database_forget_role (self);
  if (!migrate (self, PD_SCHEMA_VERSION, error))
    return FALSE;

  /* The accounts are the restored ones now: whoever was signed in stays
   * signed in only if the same account is there, and otherwise signs in
   * again. */
  if (self->staff != NULL && pd_database_get_role (self) == PD_ROLE_NONE)
    pd_database_take_staff (self, NULL);
  return TRUE;
}

/**
 * pd_database_check_file:
 * @path: a database file
 *
 * Checks @path as opening it does, but in full whatever its size (every
 * page and index), and without ever writing to it: a refused or damaged
 * file, and a log beside it, are left exactly as they are.
 *
 * Returns: %TRUE when @path is a whole Peerdesk database this version reads
 */
gboolean
pd_database_check_file (const char  *path,
                        GError     **error)
{
  gboolean verified;
  gint64 checked_at;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no database at “%s”"), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” holds no Peerdesk records, and was left as it is"), path);
      return FALSE;
    }
  return pd_database_file_check (path, &st, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING, TRUE,
                                 &verified, NULL, &checked_at, error);
}

PdDatabase *
pd_database_open_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  return pd_database_open_full (path, version, PD_DATABASE_OPEN_DEFAULT, error);
}

PdDatabase *
pd_database_open (const char  *path,
                  GError     **error)
{
  return pd_database_open_at_version (path, PD_SCHEMA_VERSION, error);
}
