/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-backup.h"
#include "pd-error.h"
#include "pd-safe-file.h"

/* "PDK1", as pd-database.c writes it: a backup must be one of ours. */
#define PD_APPLICATION_ID 0x50444b31

#define NAME_PREFIX "peerdesk-"
#define KEPT_PREFIX "peerdesk-before-restore-"
#define PLAIN_SUFFIX ".db"
#define ENCRYPTED_SUFFIX ".pdbackup"
/* YYYY-MM-DD-HHMMSS */
#define STAMP_LENGTH 17

/* Pages copied between two looks at the cancellable: 4 MiB at the usual
 * page size. */
#define PAGES_PER_STEP 1024

/* How long a backup or a restore waits for another connection's write to
 * end before it gives up: 10 s. */
#define BUSY_WAIT (50 * 1000)
#define MAX_BUSY_WAITS 200

/* How many backups of each kind the rotation keeps. */
#define KEEP_DAYS 7
#define KEEP_WEEKS 4
#define KEEP_MONTHS 12

/* The encrypted format: a header, then the database in chunks of
 * CHUNK_SIZE bytes (the last one shorter, maybe empty) sealed one by one
 * with libsodium's secretstream, the last tagged FINAL, each after its
 * sealed length (4 bytes, little-endian), so that bytes added after the
 * final chunk are told apart from a changed chunk.
 *
 *   magic     8 bytes  "PDBACKUP"
 *   version   1 byte   1
 *   algorithm 1 byte   1: Argon2id 1.3 + XChaCha20-Poly1305 secretstream
 *   reserved  2 bytes  0
 *   opslimit  4 bytes  little-endian
 *   memlimit  4 bytes  little-endian, bytes
 *   salt     16 bytes
 *   stream   24 bytes  the secretstream header
 *
 * The header up to the stream header is the additional data of the first
 * chunk, so that a changed byte anywhere is found. */
#define MAGIC "PDBACKUP"
#define MAGIC_LENGTH 8
#define FORMAT_VERSION 1
#define ALGORITHM_ARGON2ID_SECRETSTREAM 1
#define PARAMS_LENGTH (MAGIC_LENGTH + 4 + 4 + 4 + crypto_pwhash_SALTBYTES)
#define HEADER_LENGTH (PARAMS_LENGTH + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
#define CHUNK_SIZE (64 * 1024)
#define SEALED_CHUNK_SIZE (CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES)

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);

typedef struct
{
  char      *path;
  char      *dir;
  char      *passphrase;
} CreateData;

void
pd_backup_info_free (PdBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info);
}

char *
pd_backup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "peerdesk", "backups", NULL);
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }
  if (!ok)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                         _("The encryption library could not be started"));
  return ok;
}

typedef enum
{
  FILE_READ,
  FILE_WRITE,
  FILE_MAKE_DIR,
  FILE_MAKE_DIR_IN,
  FILE_REMOVE_BACKUP,
} FileAction;

static gboolean
set_errno_error (GError     **error,
                 FileAction   action,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);
  int code = g_file_error_from_errno (saved_errno);
  const char *why = g_strerror (saved_errno);

  switch (action)
    {
    case FILE_READ:
      g_set_error (error, G_FILE_ERROR, code, _("Could not read “%s”: %s"), display, why);
      break;
    case FILE_WRITE:
      g_set_error (error, G_FILE_ERROR, code, _("Could not write “%s”: %s"), display, why);
      break;
    case FILE_MAKE_DIR:
      g_set_error (error, G_FILE_ERROR, code, _("Could not create the folder “%s”: %s"),
                   display, why);
      break;
    case FILE_MAKE_DIR_IN:
      g_set_error (error, G_FILE_ERROR, code, _("Could not create a folder in “%s”: %s"),
                   display, why);
      break;
    case FILE_REMOVE_BACKUP:
    default:
      g_set_error (error, G_FILE_ERROR, code, _("Could not remove the old backup “%s”: %s"),
                   display, why);
      break;
    }
  return FALSE;
}

static gboolean
make_private_dir (const char  *dir,
                  GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, FILE_MAKE_DIR, dir, errno);
  return TRUE;
}

/* Removes a work folder and what SQLite or we left in it. */
static void
remove_work_dir (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  if (handle != NULL)
    {
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_unlink (path);
        }
    }
  g_rmdir (dir);
}

/* A folder of our own beside the backups, so that a copy appears under its
 * name only once it is whole and checked. */
static char *
make_work_dir (const char  *parent,
               GError     **error)
{
  g_autofree char *dir = g_build_filename (parent, ".peerdesk-work-XXXXXX", NULL);

  if (g_mkdtemp_full (dir, 0700) == NULL)
    {
      set_errno_error (error, FILE_MAKE_DIR_IN, parent, errno);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

/* Work folders a killed backup left behind. A folder younger than this may
 * belong to a backup under way in another process. */
#define STALE_WORK_AGE (6 * G_TIME_SPAN_HOUR)

static void
remove_stale_work_dirs (const char *parent)
{
  g_autoptr(GDir) handle = g_dir_open (parent, 0, NULL);
  gint64 now = g_get_real_time ();
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, ".peerdesk-work-") ||
          strlen (name) != strlen (".peerdesk-work-XXXXXX"))
        continue;
      path = g_build_filename (parent, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) &&
          now - (gint64) st.st_mtime * G_USEC_PER_SEC > STALE_WORK_AGE)
        remove_work_dir (path);
    }
}

/* A private folder for a plain copy that must not land beside an
 * encrypted one (which may be on a removable disk). */
static char *
make_private_tmp_dir (GError **error)
{
  return g_dir_make_tmp ("peerdesk-XXXXXX", error);
}

/* ---- Names ---- */

typedef struct
{
  char      *path;
  char      *key;        /* stamp and suffix, sorting as the times do */
  GDateTime *created;
  gboolean   kept;       /* a copy kept before a restore */
  gboolean   encrypted;
  int        year, month, day;
} BackupName;

static void
backup_name_free (BackupName *name)
{
  g_free (name->path);
  g_free (name->key);
  g_clear_pointer (&name->created, g_date_time_unref);
  g_free (name);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupName, backup_name_free)

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* "peerdesk-YYYY-MM-DD-HHMMSS[-N].db" or ".pdbackup", or the same with
 * "peerdesk-before-restore-": nothing else is ever taken for a backup. */
static BackupName *
parse_name (const char *dir,
            const char *basename)
{
  g_autoptr(BackupName) name = g_new0 (BackupName, 1);
  const char *p = basename;
  const char *stamp;
  guint suffix = 0;
  int hour, minute, second;

  if (g_str_has_prefix (p, KEPT_PREFIX))
    {
      name->kept = TRUE;
      p += strlen (KEPT_PREFIX);
    }
  else if (g_str_has_prefix (p, NAME_PREFIX))
    p += strlen (NAME_PREFIX);
  else
    return NULL;

  stamp = p;
  if (strlen (p) < STAMP_LENGTH ||
      !all_digits (p, 4) || p[4] != '-' || !all_digits (p + 5, 2) || p[7] != '-' ||
      !all_digits (p + 8, 2) || p[10] != '-' || !all_digits (p + 11, 6))
    return NULL;
  p += STAMP_LENGTH;

  if (*p == '-')
    {
      gsize n = 0;

      p++;
      while (g_ascii_isdigit (p[n]) && n < 7)
        n++;
      if (n == 0 || n > 6 || p[0] == '0')
        return NULL;
      suffix = (guint) g_ascii_strtoull (p, NULL, 10);
      if (suffix < 2)
        return NULL;
      p += n;
    }

  if (g_str_equal (p, PLAIN_SUFFIX))
    name->encrypted = FALSE;
  else if (g_str_equal (p, ENCRYPTED_SUFFIX))
    name->encrypted = TRUE;
  else
    return NULL;

  name->year = (int) g_ascii_strtoull (stamp, NULL, 10);
  name->month = (int) g_ascii_strtoull (stamp + 5, NULL, 10);
  name->day = (int) g_ascii_strtoull (stamp + 8, NULL, 10);
  hour = (stamp[11] - '0') * 10 + (stamp[12] - '0');
  minute = (stamp[13] - '0') * 10 + (stamp[14] - '0');
  second = (stamp[15] - '0') * 10 + (stamp[16] - '0');
  if (name->year < 1 || !g_date_valid_dmy (name->day, name->month, name->year) ||
      hour > 23 || minute > 59 || second > 59)
    return NULL;
  name->created = g_date_time_new_local (name->year, name->month, name->day,
                                         hour, minute, second);
  if (name->created == NULL)
    return NULL;

  name->key = g_strdup_printf ("%.*s-%06u", STAMP_LENGTH, stamp, suffix);
  name->path = g_build_filename (dir, basename, NULL);
  return g_steal_pointer (&name);
}

gboolean
pd_backup_is_backup_name (const char *basename)
{
  g_autoptr(BackupName) name = NULL;

  g_return_val_if_fail (basename != NULL, FALSE);

  name = parse_name (".", basename);
  return name != NULL;
}

static int
compare_names_newest_first (gconstpointer a,
                            gconstpointer b)
{
  const BackupName *name_a = *(BackupName **) a;
  const BackupName *name_b = *(BackupName **) b;
  int cmp = strcmp (name_b->key, name_a->key);

  if (cmp != 0)
    return cmp;
  /* The same time: a kept copy after a backup, as it was made last. */
  return (name_b->kept ? 1 : 0) - (name_a->kept ? 1 : 0);
}

/* Our backups in @dir, newest first; none when @dir does not exist. */
static GPtrArray *
read_names (const char  *dir,
            GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func ((GDestroyNotify) backup_name_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *basename;

  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&names);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((basename = g_dir_read_name (handle)) != NULL)
    {
      BackupName *name = parse_name (dir, basename);

      if (name != NULL && g_file_test (name->path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, name);
      else if (name != NULL)
        backup_name_free (name);
    }
  g_ptr_array_sort (names, compare_names_newest_first);
  return g_steal_pointer (&names);
}

/* Gives the file at @from the first free name “PREFIX-STAMP[-N]SUFFIX” in
 * @dir: a name already taken is never written over, even by another
 * backup made at the same time. */
static char *
publish (const char  *from,
         const char  *dir,
         const char  *prefix,
         GDateTime   *now,
         const char  *suffix,
         GError     **error)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *basename = NULL;
      g_autofree char *path = NULL;

      if (n == 1)
        basename = g_strconcat (prefix, stamp, suffix, NULL);
      else
        basename = g_strdup_printf ("%s%s-%u%s", prefix, stamp, n, suffix);
      path = g_build_filename (dir, basename, NULL);

      if (link (from, path) == 0)
        {
          g_unlink (from);
          return g_steal_pointer (&path);
        }
      if (errno == EEXIST)
        continue;

      /* Some disks (FAT) have no hard links: the name is checked first,
       * which leaves a narrow race instead of none. */
      if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == ENOSYS)
        {
          if (g_file_test (path, G_FILE_TEST_EXISTS))
            continue;
          if (g_rename (from, path) == 0)
            return g_steal_pointer (&path);
        }
      set_errno_error (error, FILE_WRITE, path, errno);
      return NULL;
    }

  g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Too many backups were made in the same second"));
  return NULL;
}

/* ---- SQLite ---- */

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

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (db, rc, path, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  return db;
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

static void
remove_database_files (const char *path)
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
static gboolean
copy_database (sqlite3       *source,
               const char    *source_path,
               const char    *copy_path,
               gboolean       check,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  gboolean own_transaction;
  gboolean ok = FALSE;
  guint n_busy = 0;
  int rc;

  copy = open_connection (copy_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (copy == NULL)
    return FALSE;
  if (g_chmod (copy_path, 0600) != 0)
    {
      set_errno_error (error, FILE_WRITE, copy_path, errno);
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
  if (!ok)
    remove_database_files (copy_path);
  return ok;
}

/* ---- Encryption ---- */

static void
cost_limits (PdBackupCost  cost,
             guint32      *opslimit,
             guint32      *memlimit)
{
  switch (cost)
    {
    case PD_BACKUP_COST_TEST:
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      break;
    case PD_BACKUP_COST_INTERACTIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case PD_BACKUP_COST_MODERATE:
    default:
      *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("The passphrase is empty"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
derive_key (guchar       key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            const char  *passphrase,
            const guchar salt[crypto_pwhash_SALTBYTES],
            guint32      opslimit,
            guint32      memlimit,
            GError     **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                     passphrase, strlen (passphrase), salt, opslimit, memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                           _("There is not enough memory to work out the key from the "
                             "passphrase"));
      return FALSE;
    }
  return TRUE;
}

static void
put_le32 (guchar  *p,
          guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = (value >> 24) & 0xff;
}

static guint32
get_le32 (const guchar *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

gboolean
pd_backup_encrypt_file (const char    *plain_path,
                        const char    *out_path,
                        const char    *passphrase,
                        PdBackupCost   cost,
                        GError       **error)
{
  g_autoptr(PdSafeFile) out = NULL;
  crypto_secretstream_xchacha20poly1305_state state;
  guchar key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar header[HEADER_LENGTH] = { 0, };
  g_autofree guchar *plain = NULL;
  g_autofree guchar *sealed = NULL;
  guint32 opslimit, memlimit;
  gboolean first = TRUE;
  gboolean ok = FALSE;
  FILE *in;

  g_return_val_if_fail (plain_path != NULL, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (!ensure_sodium (error) || !check_passphrase (passphrase, error))
    return FALSE;

  in = g_fopen (plain_path, "rbe");
  if (in == NULL)
    return set_errno_error (error, FILE_READ, plain_path, errno);
  out = pd_safe_file_new (out_path, error);
  if (out == NULL)
    {
      fclose (in);
      return FALSE;
    }

  cost_limits (cost, &opslimit, &memlimit);
  memcpy (header, MAGIC, MAGIC_LENGTH);
  header[MAGIC_LENGTH] = FORMAT_VERSION;
  header[MAGIC_LENGTH + 1] = ALGORITHM_ARGON2ID_SECRETSTREAM;
  put_le32 (header + MAGIC_LENGTH + 4, opslimit);
  put_le32 (header + MAGIC_LENGTH + 8, memlimit);
  randombytes_buf (header + MAGIC_LENGTH + 12, crypto_pwhash_SALTBYTES);

  if (!derive_key (key, passphrase, header + MAGIC_LENGTH + 12, opslimit, memlimit, error))
    goto out;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header + PARAMS_LENGTH, key);
  if (!pd_safe_file_write (out, (const char *) header, sizeof header, error))
    goto out;

  plain = g_malloc (CHUNK_SIZE);
  sealed = g_malloc (SEALED_CHUNK_SIZE);
  for (;;)
    {
      size_t n = fread (plain, 1, CHUNK_SIZE, in);
      gboolean eof = feof (in);
      unsigned long long sealed_length;
      guchar length_bytes[4];

      if (ferror (in))
        {
          set_errno_error (error, FILE_READ, plain_path, errno);
          goto out;
        }
      crypto_secretstream_xchacha20poly1305_push (&state, sealed, &sealed_length, plain, n,
                                                  first ? header : NULL,
                                                  first ? PARAMS_LENGTH : 0,
                                                  eof ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                      : 0);
      first = FALSE;
      put_le32 (length_bytes, (guint32) sealed_length);
      if (!pd_safe_file_write (out, (const char *) length_bytes, sizeof length_bytes, error) ||
          !pd_safe_file_write (out, (const char *) sealed, sealed_length, error))
        goto out;
      if (eof)
        break;
    }

  ok = pd_safe_file_commit (out, error);

out:
  sodium_memzero (key, sizeof key);
  sodium_memzero (&state, sizeof state);
  if (plain != NULL)
    sodium_memzero (plain, CHUNK_SIZE);
  fclose (in);
  return ok;
}

typedef enum
{
  REFUSED_NOT_BACKUP,
  REFUSED_NEWER,
  REFUSED_WRONG_KEY,
  REFUSED_CHANGED,
  REFUSED_CUT,
  REFUSED_TRAILING,
} Refusal;

/* Every refusal leaves the passphrase or the file in doubt, never shows
 * what was read. */
static gboolean
set_refused_error (const char  *path,
                   Refusal      refusal,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (refusal)
    {
    case REFUSED_NOT_BACKUP:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not an encrypted Peerdesk backup"), display);
      break;
    case REFUSED_NEWER:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” was encrypted by a newer version of Peerdesk: update Peerdesk to "
                     "read it"), display);
      break;
    case REFUSED_WRONG_KEY:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: wrong passphrase, or the file was changed"),
                   display);
      break;
    case REFUSED_CHANGED:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: the file was changed"), display);
      break;
    case REFUSED_CUT:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: the file is cut short"), display);
      break;
    case REFUSED_TRAILING:
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: there is data after its end, so the file "
                     "was changed"), display);
      break;
    }
  return FALSE;
}

gboolean
pd_backup_decrypt_file (const char    *in_path,
                        const char    *out_path,
                        const char    *passphrase,
                        PdBackupCost   max_cost,
                        GError       **error)
{
  g_autoptr(PdSafeFile) out = NULL;
  crypto_secretstream_xchacha20poly1305_state state;
  guchar key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar header[HEADER_LENGTH];
  g_autofree guchar *plain = NULL;
  g_autofree guchar *sealed = NULL;
  guint32 opslimit, memlimit, max_opslimit, max_memlimit;
  gboolean first = TRUE;
  gboolean ok = FALSE;
  size_t n;
  FILE *in;

  g_return_val_if_fail (in_path != NULL, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (!ensure_sodium (error) || !check_passphrase (passphrase, error))
    return FALSE;

  in = g_fopen (in_path, "rbe");
  if (in == NULL)
    return set_errno_error (error, FILE_READ, in_path, errno);

  n = fread (header, 1, sizeof header, in);
  if (ferror (in))
    {
      set_errno_error (error, FILE_READ, in_path, errno);
      fclose (in);
      return FALSE;
    }
  if (n < MAGIC_LENGTH || memcmp (header, MAGIC, MAGIC_LENGTH) != 0)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_NOT_BACKUP, error);
    }
  if (n < sizeof header)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_CUT, error);
    }
  if (header[MAGIC_LENGTH] != FORMAT_VERSION ||
      header[MAGIC_LENGTH + 1] != ALGORITHM_ARGON2ID_SECRETSTREAM)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_NEWER, error);
    }

  opslimit = get_le32 (header + MAGIC_LENGTH + 4);
  memlimit = get_le32 (header + MAGIC_LENGTH + 8);
  cost_limits (max_cost, &max_opslimit, &max_memlimit);
  if (header[MAGIC_LENGTH + 2] != 0 || header[MAGIC_LENGTH + 3] != 0 ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > max_opslimit ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > max_memlimit)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_WRONG_KEY, error);
    }

  out = pd_safe_file_new (out_path, error);
  if (out == NULL)
    {
      fclose (in);
      return FALSE;
    }

  if (!derive_key (key, passphrase, header + MAGIC_LENGTH + 12, opslimit, memlimit, error))
    goto out;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header + PARAMS_LENGTH, key) != 0)
    {
      set_refused_error (in_path, REFUSED_WRONG_KEY, error);
      goto out;
    }

  plain = g_malloc (CHUNK_SIZE);
  sealed = g_malloc (SEALED_CHUNK_SIZE);
  for (;;)
    {
      unsigned long long plain_length;
      guchar tag = 0;

      guchar length_bytes[4];
      guint32 length = 0;
      gboolean whole = FALSE;

      if (fread (length_bytes, 1, sizeof length_bytes, in) == sizeof length_bytes)
        {
          length = get_le32 (length_bytes);
          if (length < crypto_secretstream_xchacha20poly1305_ABYTES ||
              length > SEALED_CHUNK_SIZE)
            {
              set_refused_error (in_path, first ? REFUSED_WRONG_KEY : REFUSED_CHANGED, error);
              goto out;
            }
          whole = fread (sealed, 1, length, in) == length;
        }
      if (ferror (in))
        {
          set_errno_error (error, FILE_READ, in_path, errno);
          goto out;
        }
      if (!whole)
        {
          set_refused_error (in_path, REFUSED_CUT, error);
          goto out;
        }
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_length, &tag,
                                                      sealed, length,
                                                      first ? header : NULL,
                                                      first ? PARAMS_LENGTH : 0) != 0)
        {
          set_refused_error (in_path, first ? REFUSED_WRONG_KEY : REFUSED_CHANGED, error);
          goto out;
        }
      first = FALSE;

      if (tag != 0 && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          set_refused_error (in_path, REFUSED_CHANGED, error);
          goto out;
        }
      if (!pd_safe_file_write (out, (const char *) plain, plain_length, error))
        goto out;

      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          /* Nothing may follow the final chunk: it would have been added. */
          if (fgetc (in) != EOF)
            {
              set_refused_error (in_path, REFUSED_TRAILING, error);
              goto out;
            }
          break;
        }
    }

  ok = pd_safe_file_commit (out, error);

out:
  sodium_memzero (key, sizeof key);
  sodium_memzero (&state, sizeof state);
  if (plain != NULL)
    sodium_memzero (plain, CHUNK_SIZE);
  fclose (in);
  return ok;
}

/* ---- Rotation ---- */

static guint32
julian_day (int year,
            int month,
            int day)
{
  g_autoptr(GDate) date = g_date_new_dmy (day, month, year);

  return g_date_get_julian (date);
}

/* The Monday starting the week of a day, as a julian day. */
static guint32
week_start (int year,
            int month,
            int day)
{
  g_autoptr(GDate) date = g_date_new_dmy (day, month, year);

  return g_date_get_julian (date) - (g_date_get_weekday (date) - G_DATE_MONDAY);
}

/* Marks in @keep the newest backup of each period that @period_of places
 * in 0 … n_periods - 1, @names being newest first. */
static void
keep_newest_per_period (GPtrArray  *names,
                        gboolean   *keep,
                        int         n_periods,
                        int       (*period_of) (const BackupName *name, GDateTime *now),
                        GDateTime  *now)
{
  g_autofree gboolean *seen = g_new0 (gboolean, n_periods);

  for (guint i = 0; i < names->len; i++)
    {
      int period = period_of (g_ptr_array_index (names, i), now);

      if (period >= 0 && period < n_periods && !seen[period])
        {
          seen[period] = TRUE;
          keep[i] = TRUE;
        }
    }
}

static int
day_of (const BackupName *name,
        GDateTime        *now)
{
  return (int) julian_day (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now))
         - (int) julian_day (name->year, name->month, name->day);
}

static int
week_of (const BackupName *name,
         GDateTime        *now)
{
  int days = (int) week_start (g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now))
             - (int) week_start (name->year, name->month, name->day);

  return days < 0 ? -1 : days / 7;
}

static int
month_of (const BackupName *name,
          GDateTime        *now)
{
  return (g_date_time_get_year (now) * 12 + g_date_time_get_month (now) - 1)
         - (name->year * 12 + name->month - 1);
}

static gboolean
rotate_kind (GPtrArray  *all,
             gboolean    encrypted,
             GDateTime  *now,
             GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree gboolean *keep = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      BackupName *name = g_ptr_array_index (all, i);

      /* A copy kept before a restore is the way back: never rotated. */
      if (!name->kept && name->encrypted == encrypted)
        g_ptr_array_add (names, name);
    }
  if (names->len == 0)
    return TRUE;

  keep = g_new0 (gboolean, names->len);
  /* The newest backup stays whatever its age, and so does anything dated
   * after today (a clock set wrong is no reason to lose a backup). */
  keep[0] = TRUE;
  for (guint i = 0; i < names->len; i++)
    if (day_of (g_ptr_array_index (names, i), now) < 0)
      keep[i] = TRUE;
  keep_newest_per_period (names, keep, KEEP_DAYS, day_of, now);
  keep_newest_per_period (names, keep, KEEP_WEEKS, week_of, now);
  keep_newest_per_period (names, keep, KEEP_MONTHS, month_of, now);

  for (guint i = 0; i < names->len; i++)
    {
      BackupName *name = g_ptr_array_index (names, i);

      if (!keep[i] && g_unlink (name->path) != 0 && errno != ENOENT)
        return set_errno_error (error, FILE_REMOVE_BACKUP, name->path, errno);
    }
  return TRUE;
}

gboolean
pd_backup_rotate (const char  *dir,
                  GDateTime   *now,
                  GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  names = read_names (dir, error);
  if (names == NULL)
    return FALSE;
  return rotate_kind (names, FALSE, now, error) && rotate_kind (names, TRUE, now, error);
}

/* ---- Making a backup ---- */

static char *
create_backup (sqlite3       *source,
               const char    *source_path,
               const char    *dir,
               const char    *prefix,
               const char    *passphrase,
               gboolean       check,
               gboolean       rotate,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *work_dir = NULL;
  g_autofree char *plain_dir = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *sealed_path = NULL;
  g_autofree char *path = NULL;

  if (passphrase != NULL && (!ensure_sodium (error) || !check_passphrase (passphrase, error)))
    return NULL;
  if (!make_private_dir (dir, error))
    return NULL;
  remove_stale_work_dirs (dir);
  work_dir = make_work_dir (dir, error);
  if (work_dir == NULL)
    return NULL;

  if (passphrase != NULL)
    {
      plain_dir = make_private_tmp_dir (error);
      if (plain_dir == NULL)
        goto out;
      copy_path = g_build_filename (plain_dir, "peerdesk.db", NULL);
    }
  else
    copy_path = g_build_filename (work_dir, "peerdesk.db", NULL);

  if (!copy_database (source, source_path, copy_path, check, cancellable, error))
    goto out;

  if (passphrase != NULL)
    {
      sealed_path = g_build_filename (work_dir, "peerdesk.pdbackup", NULL);
      if (!pd_backup_encrypt_file (copy_path, sealed_path, passphrase, PD_BACKUP_COST_MODERATE,
                                   error))
        goto out;
      path = publish (sealed_path, dir, prefix, now, ENCRYPTED_SUFFIX, error);
    }
  else
    path = publish (copy_path, dir, prefix, now, PLAIN_SUFFIX, error);

  if (path != NULL && rotate)
    {
      g_autoptr(GError) rotate_error = NULL;

      /* The backup is made; a rotation that fails is for next time. */
      if (!pd_backup_rotate (dir, now, &rotate_error))
        g_warning ("%s", rotate_error->message);
    }

out:
  remove_work_dir (plain_dir);
  remove_work_dir (work_dir);
  return g_steal_pointer (&path);
}

char *
pd_backup_create (PdDatabase    *db,
                  const char    *dir,
                  const char    *passphrase,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (sqlite3_get_autocommit (pd_database_get_handle (db)), NULL);

  return create_backup (pd_database_get_handle (db), pd_database_get_path (db), dir,
                        NAME_PREFIX, passphrase, TRUE, TRUE, cancellable, error);
}

static void
create_data_free (CreateData *data)
{
  g_free (data->path);
  g_free (data->dir);
  if (data->passphrase != NULL)
    {
      sodium_memzero (data->passphrase, strlen (data->passphrase));
      g_free (data->passphrase);
    }
  g_free (data);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  sqlite3 *source;

  source = open_connection (data->path, SQLITE_OPEN_READONLY, &error);
  if (source == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = create_backup (source, data->path, data->dir, NAME_PREFIX, data->passphrase, TRUE, TRUE,
                        cancellable, &error);
  sqlite3_close (source);
  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

void
pd_backup_create_async (const char          *database_path,
                        const char          *dir,
                        const char          *passphrase,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (dir != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_backup_create_async);
  data = g_new0 (CreateData, 1);
  data->path = g_strdup (database_path);
  data->dir = g_strdup (dir);
  data->passphrase = g_strdup (passphrase);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

char *
pd_backup_create_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Listing ---- */

static void
read_counts (const char *path,
             gint64     *n_members,
             gint64     *n_visits)
{
  sqlite3 *db;

  *n_members = -1;
  *n_visits = -1;
  db = open_connection (path, SQLITE_OPEN_READONLY, NULL);
  if (db == NULL)
    return;
  if (!query_int (db, path, "SELECT count(*) FROM members", n_members, NULL))
    *n_members = -1;
  if (!query_int (db, path, "SELECT count(*) FROM visits", n_visits, NULL))
    *n_visits = -1;
  sqlite3_close (db);
}

GPtrArray *
pd_backup_list (const char  *dir,
                const char  *passphrase,
                GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *tmp_dir = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  names = read_names (dir, error);
  if (names == NULL)
    return NULL;

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_backup_info_free);
  for (guint i = 0; i < names->len; i++)
    {
      BackupName *name = g_ptr_array_index (names, i);
      PdBackupInfo *info = g_new0 (PdBackupInfo, 1);
      GStatBuf st;

      info->path = g_strdup (name->path);
      info->created = g_date_time_ref (name->created);
      info->encrypted = name->encrypted;
      info->size = g_stat (name->path, &st) == 0 ? st.st_size : 0;
      info->n_members = -1;
      info->n_visits = -1;

      if (!name->encrypted)
        read_counts (name->path, &info->n_members, &info->n_visits);
      else if (passphrase != NULL)
        {
          g_autofree char *plain_path = NULL;

          if (tmp_dir == NULL)
            tmp_dir = make_private_tmp_dir (NULL);
          if (tmp_dir != NULL)
            {
              plain_path = g_build_filename (tmp_dir, "peerdesk.db", NULL);
              if (pd_backup_decrypt_file (name->path, plain_path, passphrase,
                                          PD_BACKUP_COST_MODERATE, NULL))
                read_counts (plain_path, &info->n_members, &info->n_visits);
              remove_database_files (plain_path);
            }
        }
      g_ptr_array_add (infos, info);
    }
  remove_work_dir (tmp_dir);
  return g_steal_pointer (&infos);
}

GDateTime *
pd_backup_newest (const char *dir)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  BackupName *newest;

  g_return_val_if_fail (dir != NULL, NULL);

  /* A folder that cannot be read holds no backup the desk can count on,
   * which is what the caller warns about. */
  names = read_names (dir, &error);
  if (names == NULL)
    {
      g_debug ("%s", error->message);
      return NULL;
    }
  if (names->len == 0)
    return NULL;
  newest = g_ptr_array_index (names, 0);
  return g_date_time_ref (newest->created);
}

/* ---- Checking and restoring ---- */

/* Whether the backup open as @db is a copy of a Peerdesk database that
 * this version reads, and whole. */
static gboolean
check_peerdesk_database (sqlite3     *db,
                         const char  *path,
                         GError     **error)
{
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

gboolean
pd_backup_check_database (const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no database at “%s”"),
                   display);
      return FALSE;
    }
  /* The same checks as opening, in full and read-only: a log left beside
   * the database is read through, never copied into it, and refused when
   * it belongs to another database. */
  return pd_database_check_file (path, error);
}

/* A backup to restore, checked and open read-only; decrypted first into
 * a private folder (*tmp_dir, for the caller to remove) when encrypted. */
static sqlite3 *
open_backup (const char  *backup_path,
             const char  *passphrase,
             char       **tmp_dir,
             GError     **error)
{
  g_autofree char *plain_path = NULL;
  sqlite3 *db;

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no file “%s”"), display);
      return NULL;
    }

  if (g_str_has_suffix (backup_path, ENCRYPTED_SUFFIX))
    {
      if (passphrase == NULL)
        {
          g_autofree char *display = g_filename_display_name (backup_path);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is encrypted: its passphrase is needed to restore it"), display);
          return NULL;
        }
      *tmp_dir = make_private_tmp_dir (error);
      if (*tmp_dir == NULL)
        return NULL;
      plain_path = g_build_filename (*tmp_dir, "peerdesk.db", NULL);
      if (!pd_backup_decrypt_file (backup_path, plain_path, passphrase, PD_BACKUP_COST_MODERATE,
                                   error))
        return NULL;
    }

  db = open_connection (plain_path != NULL ? plain_path : backup_path, SQLITE_OPEN_READONLY,
                        error);
  if (db == NULL)
    return NULL;
  if (!check_peerdesk_database (db, backup_path, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Copies @source over the main database of @live in one write
 * transaction of @live. */
static gboolean
restore_into (sqlite3     *live,
              const char  *live_path,
              sqlite3     *source,
              const char  *source_path,
              GError     **error)
{
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

/* Keeps the live database as it is now in @keep_dir, unchecked: a damaged
 * database is kept too, as it may still hold records the backup lacks. */
static char *
keep_current (sqlite3     *live,
              const char  *live_path,
              const char  *keep_dir,
              GError     **error)
{
  return create_backup (live, live_path, keep_dir, KEPT_PREFIX, NULL, FALSE, FALSE, NULL, error);
}

static const char *tables[] = {
  "meta", "members", "visit_purposes", "visits", "groups", "sessions", "attendance",
  "volunteer_roles", "volunteers", "volunteer_role_links", "hours", "supervision",
  "training_domains", "courses", "course_domains", "completions", "credentials",
};

gboolean
pd_backup_restore (PdDatabase    *db,
                   const char    *backup_path,
                   const char    *passphrase,
                   const char    *keep_dir,
                   char         **kept_path,
                   GError       **error)
{
  g_autofree char *tmp_dir = NULL;
  g_autofree char *kept = NULL;
  sqlite3 *live;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (keep_dir != NULL, FALSE);

  live = pd_database_get_handle (db);
  g_return_val_if_fail (sqlite3_get_autocommit (live), FALSE);

  source = open_backup (backup_path, passphrase, &tmp_dir, error);
  if (source == NULL)
    {
      remove_work_dir (tmp_dir);
      return FALSE;
    }

  kept = keep_current (live, pd_database_get_path (db), keep_dir, error);
  ok = kept != NULL &&
       restore_into (live, pd_database_get_path (db), source, backup_path, error);
  sqlite3_close (source);
  remove_work_dir (tmp_dir);
  if (!ok)
    return FALSE;

  ok = pd_database_reload (db, error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    pd_database_notify_changed (db, tables[i]);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return ok;
}

/* Moves a database that SQLite cannot read at all (and so cannot copy)
 * into @keep_dir under the name a kept copy would have, its write-ahead
 * log beside it. Renaming opens nothing. */
static char *
move_aside (const char  *path,
            const char  *keep_dir,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *kept = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (!make_private_dir (keep_dir, error))
    return NULL;
  kept = publish (path, keep_dir, KEPT_PREFIX, now, PLAIN_SUFFIX, error);
  if (kept == NULL)
    return NULL;
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);

      g_rename (wal, kept_wal);
    }
  g_unlink (shm);
  return g_steal_pointer (&kept);
}

gboolean
pd_backup_restore_file (const char  *database_path,
                        const char  *backup_path,
                        const char  *passphrase,
                        const char  *keep_dir,
                        char       **kept_path,
                        GError     **error)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) keep_error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *kept = NULL;
  gboolean existed;
  sqlite3 *source;
  sqlite3 *live = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (keep_dir != NULL, FALSE);

  source = open_backup (backup_path, passphrase, &tmp_dir, error);
  if (source == NULL)
    {
      remove_work_dir (tmp_dir);
      return FALSE;
    }

  db_dir = g_path_get_dirname (database_path);
  existed = g_file_test (database_path, G_FILE_TEST_EXISTS);
  if (!make_private_dir (db_dir, error))
    goto out;
  live = open_connection (database_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (live == NULL)
    goto out;
  if (g_chmod (database_path, 0600) != 0)
    {
      set_errno_error (error, FILE_WRITE, database_path, errno);
      goto out;
    }

  if (existed)
    {
      kept = keep_current (live, database_path, keep_dir, &keep_error);
      if (kept == NULL)
        {
          if (!g_error_matches (keep_error, PD_ERROR, PD_ERROR_NOT_DATABASE))
            {
              g_propagate_error (error, g_steal_pointer (&keep_error));
              goto out;
            }
          /* Not even its first page can be read: the file itself is kept,
           * and the backup restored into a new one. */
          g_clear_pointer (&live, sqlite3_close);
          kept = move_aside (database_path, keep_dir, error);
          if (kept == NULL)
            goto out;
          live = open_connection (database_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                  error);
          if (live == NULL)
            goto out;
          g_chmod (database_path, 0600);
        }
    }

  if (!restore_into (live, database_path, source, backup_path, error))
    goto out;
  g_clear_pointer (&live, sqlite3_close);

  /* Opened as usual, the database is checked and an older one migrated. */
  db = pd_database_open (database_path, error);
  ok = db != NULL;

out:
  if (live != NULL)
    sqlite3_close (live);
  sqlite3_close (source);
  remove_work_dir (tmp_dir);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return ok;
}
