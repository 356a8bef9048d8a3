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
#include "pd-text.h"

/* "PDK1" in the database header marks a file as Peerdesk's, so that another
 * program's SQLite file is refused instead of being given our tables. */
#define PD_APPLICATION_ID 0x50444b31

/* Databases up to this size are checked in full when they are opened,
 * unless the file is the one a full check passed and this program last
 * closed, unchanged since, and that check is less than RECHECK_AFTER old. */
#define FULL_CHECK_MAX_SIZE (64 * 1024 * 1024)
#define RECHECK_AFTER (7 * G_TIME_SPAN_DAY)
#define MAX_CHECKED_RECORDS 16

/* The last migration that rewrites rows a database already holds (one that
 * only adds tables need not wait for a full check of a large file). */
#define LAST_REWRITING_MIGRATION 4

/* The schema version that brought the database's random id. */
#define DATABASE_ID_VERSION 5

struct _PdDatabase
{
  GObject parent_instance;

  /* Owned */
  char *path;
  sqlite3 *db;
  GHashTable *statements;
  GHashTable *borrowed;  /* the cached statements in use */
  guint transaction_depth;
  int version;
  gboolean damaged;
  gboolean verified;    /* checked in full since it was opened */
  char *database_id;    /* the random id, when the file has one */
  gint64 checked_at;    /* real time of the full check the contents passed, or 0 */
};

G_DEFINE_FINAL_TYPE (PdDatabase, pd_database, G_TYPE_OBJECT)


enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_DAMAGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static char    *dup_page_stamp     (sqlite3        *db,
                                    const char     *path);
static void     remember_checked   (const char     *path,
                                    const char     *database_id,
                                    const char     *pages,
                                    gint64          checked_at);
static void     remember_open_file (PdDatabase     *self);
static void     forget_open_file   (PdDatabase     *self);
static gboolean is_open_in_process (const GStatBuf *st);

static void
pd_database_finalize (GObject *object)
{
  PdDatabase *self = (PdDatabase *)object;
  /* A program may still look at errno from its own last failed call (a
   * write to a closed pipe) after the database is gone. */
  int saved_errno = errno;

  forget_open_file (self);
  g_clear_pointer (&self->borrowed, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      g_autofree char *pages = NULL;

      /* The log goes into the file first, as closing would do, so that the
       * file alone holds what the stamp describes. */
      if (self->checked_at > 0 && !self->damaged && self->database_id != NULL &&
          sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) == SQLITE_OK)
        pages = dup_page_stamp (self->db, self->path);
      sqlite3_close (self->db);
      /* What was checked, and only this program's connections wrote to
       * since, through SQLite: the next opening of the file as it is now
       * need not check it again. */
      if (pages != NULL)
        remember_checked (self->path, self->database_id, pages, self->checked_at);
    }
  g_clear_pointer (&self->database_id, g_free);
  g_clear_pointer (&self->path, g_free);
  errno = saved_errno;

  G_OBJECT_CLASS (pd_database_parent_class)->finalize (object);
}

static void
pd_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdDatabase *self = PD_DATABASE (object);

  switch (prop_id)
    {
    case PROP_DAMAGED:
      g_value_set_boolean (value, self->damaged);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_database_class_init (PdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_database_finalize;
  object_class->get_property = pd_database_get_property;

  /**
   * PdDatabase:damaged:
   *
   * Whether SQLite has found damage in the file; from then on nothing more
   * is written to it.
   */
  properties[PROP_DAMAGED] =
    g_param_spec_boolean ("damaged", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->borrowed = g_hash_table_new (NULL, NULL);
}

/* Where the front-desk computer keeps its data unless told otherwise. */
char *
pd_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "peerdesk", "peerdesk.db", NULL);
}

static void
set_error_from (sqlite3     *db,
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
}

void
pd_database_set_error (PdDatabase  *self,
                       GError     **error)
{
  int primary = sqlite3_extended_errcode (self->db) & 0xff;

  set_error_from (self->db, self->path, error);
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

  sqlite3_busy_timeout (self->db, (int) MIN (ms, G_MAXINT));
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
query_int (sqlite3     *db,
           const char  *path,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from (db, path, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_error_from (db, path, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The first column of the first row of @sql, or NULL when there is none or
 * it cannot be read. */
static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Full checks passed, remembered outside the database (a damaged or
 * forged file cannot vouch for itself): for each database id, what the
 * file was like when this program last closed it or checked it, and when
 * its contents last passed a full check. */
static char *
dup_checked_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "peerdesk", "checked-databases", NULL);
}

static gboolean
has_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* What SQLite's header says of the file; NULL while a log beside it holds
 * pages the main file does not, which the file's size and times do not
 * show. */
static char *
dup_page_stamp (sqlite3    *db,
                const char *path)
{
  int page_size = 0, page_count = 0, freelist = 0, schema = 0;

  if (has_log (path) ||
      !query_int (db, path, "PRAGMA page_size", &page_size, NULL) ||
      !query_int (db, path, "PRAGMA page_count", &page_count, NULL) ||
      !query_int (db, path, "PRAGMA freelist_count", &freelist, NULL) ||
      !query_int (db, path, "PRAGMA schema_version", &schema, NULL))
    return NULL;
  return g_strdup_printf ("%d %d %d %d", page_size, page_count, freelist, schema);
}

/* The file as the system sees it: a copy or a replacement has another
 * inode, and any write, even one that sets the modification time back,
 * moves the change time, which no program can set. */
static char *
dup_file_stamp (const char *path,
                const char *pages)
{
  GStatBuf st;

  if (pages == NULL || has_log (path) || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  return g_strdup_printf ("%ju %ju %jd %jd.%09ld %jd.%09ld %s",
                          (uintmax_t) st.st_dev, (uintmax_t) st.st_ino, (intmax_t) st.st_size,
                          (intmax_t) st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                          (intmax_t) st.st_ctim.tv_sec, st.st_ctim.tv_nsec, pages);
}

static void
remember_checked (const char *path,
                  const char *database_id,
                  const char *pages,
                  gint64      checked_at)
{
  g_autofree char *file = dup_checked_path ();
  g_autofree char *folder = g_path_get_dirname (file);
  g_autofree char *stamp = dup_file_stamp (path, pages);
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) records = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gsize length;

  if (stamp == NULL)
    return;
  g_key_file_load_from_file (records, file, G_KEY_FILE_NONE, NULL);
  /* A handful of databases at most, the ones checked last. */
  for (;;)
    {
      g_auto(GStrv) ids = g_key_file_get_groups (records, NULL);
      const char *oldest = NULL;
      gint64 oldest_at = G_MAXINT64;

      if (g_strv_length (ids) < MAX_CHECKED_RECORDS)
        break;
      for (guint i = 0; ids[i] != NULL; i++)
        {
          gint64 at = g_key_file_get_int64 (records, ids[i], "checked", NULL);

          if (strcmp (ids[i], database_id) != 0 && at < oldest_at)
            {
              oldest = ids[i];
              oldest_at = at;
            }
        }
      if (oldest == NULL)
        break;
      g_key_file_remove_group (records, oldest, NULL);
    }
  g_key_file_set_string (records, database_id, "file", stamp);
  g_key_file_set_int64 (records, database_id, "checked", checked_at);
  data = g_key_file_to_data (records, &length, NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !g_file_set_contents_full (file, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    g_warning ("Could not remember that “%s” was checked: %s", path,
               error ? error->message : g_strerror (errno));
}

/* When the file is as this program last left it after a full check that
 * is recent enough, the time of that check; 0 otherwise. */
static gint64
recall_checked (const char *path,
                const char *database_id,
                const char *pages)
{
  g_autofree char *file = dup_checked_path ();
  g_autofree char *stamp = dup_file_stamp (path, pages);
  g_autofree char *known = NULL;
  g_autoptr(GKeyFile) records = g_key_file_new ();
  gint64 checked_at, now = g_get_real_time ();

  if (stamp == NULL || !g_key_file_load_from_file (records, file, G_KEY_FILE_NONE, NULL))
    return 0;
  known = g_key_file_get_string (records, database_id, "file", NULL);
  checked_at = g_key_file_get_int64 (records, database_id, "checked", NULL);
  if (g_strcmp0 (known, stamp) != 0 || checked_at <= 0 || checked_at > now ||
      now - checked_at >= RECHECK_AFTER)
    return 0;
  return checked_at;
}

/* SQLite's integrity_check, the full one: quick_check skips comparing each
 * index with its table, and a damaged index silently hides rows (a member
 * drops out of the list while the table still holds them). */
static gboolean
check_integrity (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from (db, path, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_auto(GStrv) lines = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), "\n", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;

      /* One line, without SQLite's "*** in database main ***" heading. */
      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "*** "))
          g_strv_builder_add (kept, lines[i]);
      parts = g_strv_builder_end (kept);
      problem = g_strjoinv ("; ", parts);
    }
  else if (rc != SQLITE_ROW)
    set_error_from (db, path, error);
  sqlite3_finalize (stmt);

  if (problem != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is damaged and was left as it is (%s). Restore a backup: "
                     "“peerdesk-cli backups list” shows them, “peerdesk-cli restore FILE” puts "
                     "one back, and so does Preferences → Backups."),
                   path, problem);
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

/* A file shorter than its header says was cut short in a copy. */
static gboolean
check_length (sqlite3     *db,
              const char  *path,
              goffset      size,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  int page_size = 0, page_count = 0;
  GStatBuf st;

  /* Pages not yet copied back from the write-ahead log make the header
   * count more than the main file holds, rightly. */
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return TRUE;

  if (!query_int (db, path, "PRAGMA page_size", &page_size, error) ||
      !query_int (db, path, "PRAGMA page_count", &page_count, error))
    return FALSE;

  if (size < (goffset) page_size * page_count || size % page_size != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is damaged (it is shorter than it should be) and was left as it is"),
                   path);
      return FALSE;
    }
  return TRUE;
}

#define ID_SQL "SELECT database_id FROM identity"

/* The id in the main file alone, or NULL when there is no log beside it,
 * or nothing in the file to compare with (a database from before the id,
 * or one whose every page is still in the log). immutable=1 reads the file
 * without the log and without locks; SQLite then closes its descriptor at
 * once, which drops every lock the process holds on the file, so this
 * runs before any other connection of the process has the file open. */
static char *
read_main_file_id (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  char *id = NULL;
  sqlite3 *alone = NULL;
  GStatBuf st;

  if (g_stat (wal, &st) != 0 || st.st_size == 0)
    return NULL;

  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);
  if (sqlite3_open_v2 (uri, &alone, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) == SQLITE_OK)
    id = query_text (alone, ID_SQL);
  sqlite3_close (alone);
  return id;
}

/* A write-ahead log is only ever replayed into the database that wrote it.
 * SQLite cannot tell: a -wal left beside a database by another one (a copy
 * of two files that did not belong together) would be replayed into it,
 * mixing two centres' records. Every Peerdesk database holds a random id,
 * and every transaction through pd_database_begin() writes the page that
 * holds it, so a log carries its own database's id: the id read through
 * the log must be the one in the main file alone. */
static gboolean
check_wal_owner (sqlite3     *db,
                 const char  *path,
                 const char  *main_id,
                 GError     **error)
{
  g_autofree char *log_id = NULL;

  if (main_id == NULL)
    return TRUE;

  log_id = query_text (db, ID_SQL);
  if (g_strcmp0 (main_id, log_id) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s-wal”, the file of unsaved changes beside “%s”, belongs to another "
                     "database; both were left as they are. Move “%s-wal” and “%s-shm” out of "
                     "the folder, then open the database again."),
                   path, path, path, path);
      return FALSE;
    }
  return TRUE;
}

/* Refuses, before anything can write, a file that is not ours, that a newer
 * Peerdesk wrote, that is damaged or that has another database's log
 * beside it: a database is never rewritten by a program that does not
 * understand it. The checks read through a read-only connection, which
 * never copies a log into the database when it closes; only then does a
 * connection that can write open the file. */
static gboolean
check_file (const char           *path,
            const GStatBuf       *st,
            int                   target,
            PdDatabaseOpenFlags   flags,
            gboolean              full,
            gboolean             *verified,
            char                **database_id,
            gint64               *checked_at,
            GError              **error)
{
  /* A log the process has open already is its own database's: reading
   * the main file alone would drop the locks of its connections. */
  g_autofree char *main_id = is_open_in_process (st) ? NULL : read_main_file_id (path);
  g_autofree char *id = NULL;
  g_autofree char *pages = NULL;
  goffset size = st->st_size;
  int app_id = 0, version = 0, n_objects = 0;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  gboolean forced;

  *verified = FALSE;
  *checked_at = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_error_from (db, path, error);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, PD_DATABASE_BUSY_TIMEOUT_MS);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!query_int (db, path, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, path, "PRAGMA user_version", &version, error) ||
      !query_int (db, path, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    goto out;

  if (app_id != PD_APPLICATION_ID && (app_id != 0 || version != 0 || n_objects != 0))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is not a Peerdesk database; it was left as it is"), path);
      goto out;
    }

  if (version > PD_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Peerdesk (database version %d; "
                     "this version reads up to %d). It was left as it is: update Peerdesk to "
                     "open it."),
                   path, version, PD_SCHEMA_VERSION);
      goto out;
    }

  if (n_objects == 0)
    {
      if (flags & PD_DATABASE_OPEN_EXISTING)
        g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                     _("“%s” is empty: it holds no Peerdesk records, and was left as it is"),
                     path);
      else
        ok = *verified = TRUE;
      goto out;
    }

  if (!check_wal_owner (db, path, main_id, error))
    goto out;

  /* The header and the schema can be intact while the pages holding the
   * members are not. A full check reads every page and index, which is
   * instant for a centre's database but takes a minute or more at a
   * million members: a large file is checked in full before a migration
   * rewrites its rows, and otherwise for having been cut short here and
   * in full by pd_database_verify_async() while the desk works.
   *
   * A file this program checked in full and then closed, unchanged since
   * (same inode, size, times and header) and checked less than a week
   * ago, is not read in full again: that took a tenth of a second at
   * every opening of a 37 MB database. Any change behind the program's
   * back, or a log left beside the file, brings the full check back. */
  if (version >= DATABASE_ID_VERSION)
    id = query_text (db, ID_SQL);
  if (id != NULL)
    pages = dup_page_stamp (db, path);
  forced = full || version < MIN (target, LAST_REWRITING_MIGRATION);
  if (!forced && pages != NULL && (*checked_at = recall_checked (path, id, pages)) > 0)
    {
      *verified = TRUE;
      ok = check_length (db, path, size, error);
    }
  else if (forced || size <= FULL_CHECK_MAX_SIZE)
    {
      *verified = TRUE;
      ok = check_integrity (db, path, error);
      if (ok)
        {
          *checked_at = g_get_real_time ();
          if (pages != NULL)
            remember_checked (path, id, pages, *checked_at);
        }
    }
  else
    ok = check_length (db, path, size, error);

out:
  sqlite3_close (db);
  if (ok && database_id != NULL)
    *database_id = g_steal_pointer (&id);
  return ok;
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
      set_error_from (db, path, &error);
      sqlite3_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, PD_DATABASE_BUSY_TIMEOUT_MS);
  sqlite3_progress_handler (db, 100000, on_verify_progress_cb, cancellable);
  ok = check_integrity (db, path, &error);
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
 * damaged (#PdDatabase:damaged): nothing more is written to it.
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
  if (self->verified)
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

/* pd_fold (text): the text as pd_text_fold() has it, case and accents
 * gone, so that a query can search and sort names the way people read
 * them ("Émile" beside "Emile", not after "Zoe" as NOCASE has it). Only in
 * queries, never in the schema, so that other SQLite programs still read
 * the file. */
static void
fold_function (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  int length = sqlite3_value_bytes (argv[0]);
  char *folded;
  int i;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  /* A list sorts every name of a table this way for each page it reads:
   * most names are ASCII, which folds to lower case and nothing else, as
   * pd_text_fold() has it, without its normalising. */
  for (i = 0; i < length && (guchar) text[i] < 0x80; i++)
    ;
  if (i < length)
    {
      sqlite3_result_text (context, pd_text_fold (text), -1, g_free);
      return;
    }
  folded = g_malloc (length + 1);
  for (i = 0; i < length; i++)
    folded[i] = g_ascii_tolower (text[i]);
  folded[length] = '\0';
  sqlite3_result_text (context, folded, length, g_free);
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
  else if (is_open_in_process (&st))
    verified = FALSE;  /* the first connection's check, and its verdict, are its own */
  else if (!check_file (path, &st, version, flags, FALSE, &verified, &database_id, &checked_at,
                        error))
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
                           fold_function, NULL, NULL);
  remember_open_file (self);

  if (!query_int (self->db, path, "PRAGMA user_version", &self->version, error))
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
  if (!query_int (self->db, self->path, "PRAGMA user_version", &self->version, error))
    return FALSE;

  /* The contents were checked in full before they were copied in: a
   * database that was damaged is whole again, and may be written. */
  if (self->damaged)
    {
      sqlite3_exec (self->db, "PRAGMA query_only = 0", NULL, NULL, NULL);
      self->damaged = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAMAGED]);
    }
  self->verified = TRUE;
  /* The file on disk was checked as a copy, not here: opened next, it is
   * checked again. */
  self->checked_at = 0;

  return migrate (self, PD_SCHEMA_VERSION, error);
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
  return check_file (path, &st, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING, TRUE, &verified,
                     NULL, &checked_at, error);
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

/* Open databases */

/* The database files open in this process, so that no export is ever
 * written over one of them or over a file SQLite keeps beside it, and so
 * that a second connection to a file (the report worker's, a backup's)
 * skips the checks the first one passed: they read the file without the
 * locks a connection holds, and SQLite closing such a descriptor would
 * drop the locks of every connection of the process. */
typedef struct
{
  PdDatabase *database;  /* not a reference: forgotten in its finalize */
  char       *path;      /* as SQLite names it: absolute, links resolved */
  dev_t       dev;
  ino_t       ino;
} OpenFile;

static const char *const sibling_suffixes[] = { "", "-wal", "-shm", "-journal" };

G_LOCK_DEFINE_STATIC (open_files);
static GArray *open_files;

static void
remember_open_file (PdDatabase *self)
{
  const char *path = sqlite3_db_filename (self->db, "main");
  OpenFile file = { self, NULL, 0, 0 };
  struct stat st;

  if (path == NULL || *path == '\0')
    return;  /* in memory */

  /* stat() by name leaves SQLite's locks alone; the identity is kept too in
   * case the name is later taken by another file. */
  file.path = g_strdup (path);
  if (g_stat (path, &st) == 0)
    {
      file.dev = st.st_dev;
      file.ino = st.st_ino;
    }

  G_LOCK (open_files);
  if (open_files == NULL)
    open_files = g_array_new (FALSE, FALSE, sizeof (OpenFile));
  g_array_append_val (open_files, file);
  G_UNLOCK (open_files);
}

static void
forget_open_file (PdDatabase *self)
{
  G_LOCK (open_files);
  for (guint i = 0; open_files != NULL && i < open_files->len; i++)
    {
      OpenFile *file = &g_array_index (open_files, OpenFile, i);

      if (file->database == self)
        {
          g_free (file->path);
          g_array_remove_index_fast (open_files, i);
          break;
        }
    }
  G_UNLOCK (open_files);
}

static gboolean
same_file (const struct stat *a,
           dev_t              dev,
           ino_t              ino)
{
  return a->st_dev == dev && a->st_ino == ino;
}

static gboolean
is_open_in_process (const GStatBuf *st)
{
  gboolean found = FALSE;

  G_LOCK (open_files);
  for (guint i = 0; open_files != NULL && i < open_files->len && !found; i++)
    {
      OpenFile *file = &g_array_index (open_files, OpenFile, i);

      found = same_file (st, file->dev, file->ino);
    }
  G_UNLOCK (open_files);
  return found;
}

/* Which file of a database open in this process @path is: the database
 * (0) or one of the files SQLite keeps beside it (the index in
 * sibling_suffixes), whatever name it is given by: files are compared by
 * device and inode, and a name that does not exist yet by its folder's
 * device and inode and its own name. -1 when it is none of them. */
static int
find_open_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  struct stat target;
  struct stat target_dir;
  gboolean target_exists = g_stat (path, &target) == 0;
  gboolean target_dir_exists = g_stat (dir, &target_dir) == 0;
  int found = -1;

  G_LOCK (open_files);
  for (guint i = 0; open_files != NULL && i < open_files->len && found < 0; i++)
    {
      OpenFile *file = &g_array_index (open_files, OpenFile, i);
      g_autofree char *file_dir = g_path_get_dirname (file->path);
      g_autofree char *file_base = g_path_get_basename (file->path);
      struct stat st;
      gboolean same_dir;

      if (target_exists && same_file (&target, file->dev, file->ino))
        {
          found = 0;
          break;
        }
      same_dir = target_dir_exists && g_stat (file_dir, &st) == 0 &&
                 same_file (&target_dir, st.st_dev, st.st_ino);

      for (guint j = 0; j < G_N_ELEMENTS (sibling_suffixes); j++)
        {
          g_autofree char *sibling = g_strconcat (file->path, sibling_suffixes[j], NULL);
          g_autofree char *sibling_base = g_strconcat (file_base, sibling_suffixes[j], NULL);

          if ((target_exists && g_stat (sibling, &st) == 0 &&
               same_file (&target, st.st_dev, st.st_ino)) ||
              (same_dir && strcmp (base, sibling_base) == 0))
            {
              found = j;
              break;
            }
        }
    }
  G_UNLOCK (open_files);
  return found;
}

/* Refuses @path when it is one of the files of a database open in this
 * process, with a message for a file about to be written, or read. */
static gboolean
check_not_open_file (const char  *path,
                     gboolean     reading,
                     GError     **error)
{
  g_autofree char *display = NULL;
  int found = find_open_file (path);

  if (found < 0)
    return TRUE;

  display = g_filename_display_name (path);
  if (found == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 reading ? _("“%s” is the Peerdesk database itself, not a file to import")
                         : _("“%s” is the Peerdesk database itself; choose another file name"),
                 display);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 reading ? _("“%s” is the Peerdesk database’s “%s” file, not a file to import")
                         : _("“%s” is the Peerdesk database’s “%s” file; choose another file "
                             "name"),
                 display, sibling_suffixes[found]);
  return FALSE;
}

/**
 * pd_database_check_destination:
 * @path: a file about to be written or replaced
 *
 * Refuses @path when it is a database open in this process or one of the
 * files SQLite keeps beside it (-wal, -shm, -journal), whatever name it is
 * given by.
 *
 * Returns: %FALSE with a %PD_ERROR_INVALID error when @path must be left alone
 */
gboolean
pd_database_check_destination (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return check_not_open_file (path, FALSE, error);
}

/**
 * pd_database_check_source:
 * @path: a file about to be read by our own code, not SQLite's
 *
 * Refuses to read @path when it is a database open in this process or one
 * of the files SQLite keeps beside it: closing a descriptor of it would
 * drop the locks SQLite holds on it, and it holds no import anyway.
 *
 * Returns: %FALSE with a %PD_ERROR_INVALID error when @path must be left alone
 */
gboolean
pd_database_check_source (const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return check_not_open_file (path, TRUE, error);
}
