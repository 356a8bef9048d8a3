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
#include "pd-text.h"
#include "pd-error.h"
#include "pd-migration-resources.h"
#include "pd-text.h"

/* The files of a database: what is checked before a connection may write
 * (whose file it is, its version, its log, its length and integrity), the
 * full checks remembered between openings, and the database files open in
 * this process, which no export may write over. */

gboolean
pd_sqlite_query_int (sqlite3     *db,
                     const char  *path,
                     const char  *sql,
                     int         *value,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      pd_sqlite_set_error (db, path, error);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int (stmt, 0);
  else if (rc != SQLITE_DONE)
    pd_sqlite_set_error (db, path, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The first column of the first row of @sql, or NULL when there is none or
 * it cannot be read. */
char *
pd_sqlite_query_text (sqlite3    *db,
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
char *
pd_sqlite_dup_page_stamp (sqlite3    *db,
                          const char *path)
{
  int page_size = 0, page_count = 0, freelist = 0, schema = 0;

  if (has_log (path) ||
      !pd_sqlite_query_int (db, path, "PRAGMA page_size", &page_size, NULL) ||
      !pd_sqlite_query_int (db, path, "PRAGMA page_count", &page_count, NULL) ||
      !pd_sqlite_query_int (db, path, "PRAGMA freelist_count", &freelist, NULL) ||
      !pd_sqlite_query_int (db, path, "PRAGMA schema_version", &schema, NULL))
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

void
pd_database_file_remember_checked (const char *path,
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
gboolean
pd_sqlite_check_integrity (sqlite3     *db,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      pd_sqlite_set_error (db, path, error);
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
    pd_sqlite_set_error (db, path, error);
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

  if (!pd_sqlite_query_int (db, path, "PRAGMA page_size", &page_size, error) ||
      !pd_sqlite_query_int (db, path, "PRAGMA page_count", &page_count, error))
    return FALSE;

  /* Pages not yet copied back from the write-ahead log make the header
   * count more than the main file holds, rightly. Another program may
   * have written and copied its log back since the file was first looked
   * at, which only ever makes the file longer: so the log and the length
   * are looked at after the count, the length afresh. A log emptied since
   * was copied back in full first. */
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return TRUE;
  if (g_stat (path, &st) == 0)
    size = MAX (size, (goffset) st.st_size);

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
    id = pd_sqlite_query_text (alone, ID_SQL);
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

  log_id = pd_sqlite_query_text (db, ID_SQL);
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
gboolean
pd_database_file_check (const char           *path,
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
  g_autofree char *main_id = pd_database_file_is_open (st) ? NULL : read_main_file_id (path);
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
      pd_sqlite_set_error (db, path, error);
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, PD_DATABASE_BUSY_TIMEOUT_MS);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!pd_sqlite_query_int (db, path, "PRAGMA application_id", &app_id, error) ||
      !pd_sqlite_query_int (db, path, "PRAGMA user_version", &version, error) ||
      !pd_sqlite_query_int (db, path, "SELECT count(*) FROM sqlite_master", &n_objects, error))
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
    id = pd_sqlite_query_text (db, ID_SQL);
  if (id != NULL)
    pages = pd_sqlite_dup_page_stamp (db, path);
  forced = full || version < MIN (target, LAST_REWRITING_MIGRATION);
  if (!forced && pages != NULL && (*checked_at = recall_checked (path, id, pages)) > 0)
    {
      *verified = TRUE;
      ok = check_length (db, path, size, error);
    }
  else if (forced || size <= FULL_CHECK_MAX_SIZE)
    {
      *verified = TRUE;
      ok = pd_sqlite_check_integrity (db, path, error);
      if (ok)
        {
          *checked_at = g_get_real_time ();
          if (pages != NULL)
            pd_database_file_remember_checked (path, id, pages, *checked_at);
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

void
pd_database_file_opened (PdDatabase *self,
                         sqlite3    *db)
{
  const char *path = sqlite3_db_filename (db, "main");
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

void
pd_database_file_closed (PdDatabase *self)
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

gboolean
pd_database_file_is_open (const GStatBuf *st)
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

/* pd_fold (text): the text as pd_text_fold() has it, case and accents
 * gone, so that a query can search and sort names the way people read
 * them ("Émile" beside "Emile", not after "Zoe" as NOCASE has it). Only in
 * queries, never in the schema, so that other SQLite programs still read
 * the file. */
void
pd_sqlite_fold_function (sqlite3_context  *context,
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
