/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"

/* Whole copies of a database, for backups and restores: SQLite's online
 * backup API copies one moment's pages while others keep writing, and
 * restores a copy over the live database in one transaction. */

/* Pages copied between two looks at the cancellable: 4 MiB at the usual
 * page size. */
#define PAGES_PER_STEP 1024

/* How long a copy or a restore waits for another connection's write to
 * end before it gives up: 10 s. */
#define BUSY_WAIT (50 * 1000)
#define MAX_BUSY_WAITS 200

struct _PdConnection
{
  sqlite3 *db;
  char *path;
  gboolean borrowed;
};

static gboolean
set_sqlite_error (sqlite3     *db,
                  int          rc,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int primary = rc & 0xff;

  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                 _("“%s” is damaged or is not a database: %s"), display, message);
  else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL ||
           primary == SQLITE_PERM || primary == SQLITE_IOERR)
    g_set_error (error, PD_ERROR, PD_ERROR_IO, "%s: %s", display, message);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "%s: %s", display, message);
  return FALSE;
}

/* A connection of its own to the database at @path: read-only, or
 * read-write and made when missing. */
PdConnection *
pd_connection_open (const char        *path,
                    PdConnectionMode   mode,
                    GError           **error)
{
  PdConnection *self;
  sqlite3 *db = NULL;
  int flags = mode == PD_CONNECTION_READ_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                               : SQLITE_OPEN_READONLY;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, rc, path, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, PD_DATABASE_BUSY_TIMEOUT_MS);

  self = g_new0 (PdConnection, 1);
  self->db = db;
  self->path = g_strdup (path);
  return self;
}

/* The connection of @database itself, borrowed: closing it leaves the
 * database open. */
PdConnection *
pd_connection_for_database (PdDatabase *database)
{
  PdConnection *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  self = g_new0 (PdConnection, 1);
  self->db = pd_database_get_handle (database);
  self->path = g_strdup (pd_database_get_path (database));
  self->borrowed = TRUE;
  return self;
}

void
pd_connection_close (PdConnection *self)
{
  if (self == NULL)
    return;

  if (!self->borrowed)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self);
}

/* Whether no transaction is open on the connection. */
gboolean
pd_connection_is_idle (PdConnection *self)
{
  return sqlite3_get_autocommit (self->db) != 0;
}

static gboolean
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (db, rc, path, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *value = 0;
  else
    set_sqlite_error (db, rc, path, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Runs integrity_check: NULL when the file is intact, otherwise what is
 * wrong (the first few problems SQLite names). */
static char *
integrity_problems (sqlite3 *db)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(5)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "?", "\n", -1);

      if (g_strcmp0 (text, "ok") == 0)
        continue;
      /* One line for each problem, without SQLite's heading. */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "*** "))
            continue;
          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append (problems, lines[i]);
        }
    }
  if (rc != SQLITE_DONE)
    {
      if (problems->len > 0)
        g_string_append (problems, "; ");
      g_string_append (problems, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
  if (problems->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&problems), FALSE);
}

/* Removes a database file and those SQLite keeps beside it. */
void
pd_database_remove_files (const char *path)
{
  static const char *suffixes[] = { "-journal", "-wal", "-shm", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Copies @source's main database into a new file at @copy_path with the
 * backup API, in one read transaction of @source (so one moment's records,
 * whatever is written meanwhile), the new file made 0600 before any page
 * is copied, and leaves it in rollback-journal mode: one file, whole by
 * itself. With @check, the copy counts only when integrity_check passes. */
gboolean
pd_connection_copy_to (PdConnection  *connection,
                       const char    *copy_path,
                       gboolean       check,
                       GCancellable  *cancellable,
                       GError       **error)
{
  sqlite3 *source = connection->db;
  const char *source_path = connection->path;
  g_autoptr(PdConnection) copy_connection = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  gboolean own_transaction;
  gboolean ok = FALSE;
  guint n_busy = 0;
  int rc;

  copy_connection = pd_connection_open (copy_path, PD_CONNECTION_READ_WRITE, error);
  if (copy_connection == NULL)
    return FALSE;
  copy = copy_connection->db;
  if (g_chmod (copy_path, 0600) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (copy_path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      goto out;
    }

  own_transaction = sqlite3_get_autocommit (source);
  if (own_transaction)
    {
      /* A read of the header alone starts the snapshot every step copies
       * from: reading the schema would fail on a damaged database, which
       * must still be kept before a restore replaces it. */
      rc = sqlite3_exec (source, "BEGIN DEFERRED; PRAGMA schema_version;", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (source, rc, source_path, error);
          if (!sqlite3_get_autocommit (source))
            sqlite3_exec (source, "ROLLBACK", NULL, NULL, NULL);
          goto out;
        }
    }

  backup = sqlite3_backup_init (copy, "main", source, "main");
  if (backup == NULL)
    {
      set_sqlite_error (copy, sqlite3_errcode (copy), copy_path, error);
      if (own_transaction)
        sqlite3_exec (source, "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }
  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          if (++n_busy > MAX_BUSY_WAITS)
            break;
          g_usleep (BUSY_WAIT);
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (own_transaction)
    sqlite3_exec (source, "ROLLBACK", NULL, NULL, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      if (error != NULL && *error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      goto out;
    }
  if (rc != SQLITE_DONE)
    {
      /* The source's error, if it is the source that failed. */
      int source_rc = sqlite3_extended_errcode (copy);

      if ((source_rc & 0xff) == SQLITE_OK || (rc & 0xff) == SQLITE_NOTADB ||
          (rc & 0xff) == SQLITE_CORRUPT)
        set_sqlite_error (NULL, rc, source_path, error);
      else
        set_sqlite_error (copy, source_rc, copy_path, error);
      goto out;
    }

  /* A copy kept unchecked before a restore may be of a damaged database,
   * whose schema SQLite cannot read to change the journal mode: it is
   * kept as it is, damage and all. */
  rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK && check)
    {
      set_sqlite_error (copy, rc, copy_path, error);
      goto out;
    }

  if (check)
    {
      g_autofree char *problems = integrity_problems (copy);

      if (problems != NULL)
        {
          g_autofree char *display = g_filename_display_name (source_path);

          g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                       _("The copy of “%s” failed its check, so no backup was made: %s"),
                       display, problems);
          goto out;
        }
    }
  ok = TRUE;

out:
  if (sqlite3_close (copy) != SQLITE_OK && ok)
    ok = set_sqlite_error (copy, sqlite3_errcode (copy), copy_path, error);
  copy_connection->borrowed = TRUE;  /* closed above */
  if (!ok)
    pd_database_remove_files (copy_path);
  return ok;
}


/* How many members and visits the database at @path holds, -1 for what
 * cannot be read (a list of backups shows what it can). */
void
pd_connection_read_counts (const char *path,
                           gint64     *n_members,
                           gint64     *n_visits)
{
  g_autoptr(PdConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  *n_members = -1;
  *n_visits = -1;
  connection = pd_connection_open (path, PD_CONNECTION_READ_ONLY, &error);
  if (connection == NULL)
    {
      g_debug ("%s", error->message);
      return;
    }
  /* Each count on its own: a table that cannot be read leaves the other
   * shown. */
  if (!query_int (connection->db, path, "SELECT count(*) FROM members", n_members, &error))
    {
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }
  if (!query_int (connection->db, path, "SELECT count(*) FROM visits", n_visits, &error))
    g_debug ("%s", error->message);
}


/* Whether the backup open as @db is a copy of a Peerdesk database that
 * this version reads, and whole. */
gboolean
pd_connection_check_backup (PdConnection  *connection,
                            const char    *path,
                            GError       **error)
{
  sqlite3 *db = connection->db;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *problems = NULL;
  gint64 app_id = 0, version = 0;

  if (!query_int (db, path, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, path, "PRAGMA user_version", &version, error))
    return FALSE;

  if (app_id != PD_APPLICATION_ID || version < 1)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is not a backup of a Peerdesk database"), display);
      return FALSE;
    }
  if (version > PD_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Peerdesk (database version %d; "
                     "this version reads up to %d): update Peerdesk to use it"),
                   display, (int) version, PD_SCHEMA_VERSION);
      return FALSE;
    }

  problems = integrity_problems (db);
  if (problems != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE, _("“%s” is damaged: %s"),
                   display, problems);
      return FALSE;
    }
  return TRUE;
}


/* Copies @source over the main database of @live in one write
 * transaction of @live. */
gboolean
pd_connection_restore_from (PdConnection  *live_connection,
                            PdConnection  *source_connection,
                            const char    *source_path,
                            GError       **error)
{
  sqlite3 *live = live_connection->db;
  const char *live_path = live_connection->path;
  sqlite3 *source = source_connection->db;
  sqlite3_backup *backup;
  guint n_busy = 0;
  int rc;

  backup = sqlite3_backup_init (live, "main", source, "main");
  if (backup == NULL)
    return set_sqlite_error (live, sqlite3_extended_errcode (live), live_path, error);
  do
    {
      /* All pages in one step: one transaction on the live database. */
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          if (++n_busy > MAX_BUSY_WAITS)
            break;
          g_usleep (BUSY_WAIT);
        }
    }
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED || rc == SQLITE_OK);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      int live_rc = sqlite3_extended_errcode (live);

      if ((live_rc & 0xff) != SQLITE_OK)
        return set_sqlite_error (live, live_rc, live_path, error);
      return set_sqlite_error (source, rc, source_path, error);
    }

  /* The whole database went through the write-ahead log; give the space
   * back. A checkpoint that cannot run now runs later. */
  sqlite3_wal_checkpoint_v2 (live, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;
}
