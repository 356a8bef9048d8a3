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

#include "pd-audit.h"
#include "pd-database-private.h"
#include "pd-backup.h"
#include "pd-backup-private.h"
#include "pd-error.h"
#include "pd-safe-file.h"
#include "pd-staff.h"
#include "pd-statement.h"


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

gboolean
pd_backup_set_errno_error (GError     **error,
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
    return pd_backup_set_errno_error (error, FILE_MAKE_DIR, dir, errno);
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
      pd_backup_set_errno_error (error, FILE_MAKE_DIR_IN, parent, errno);
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

/* ---- Making a backup ---- */

/* The schema version that brought the audit trail. */
#define AUDIT_VERSION 6

static char *
create_backup (PdConnection  *source,
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

  if (passphrase != NULL &&
      (!pd_backup_ensure_sodium (error) || !pd_backup_check_passphrase (passphrase, error)))
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

  if (!pd_connection_copy_to (source, copy_path, check, cancellable, error))
    goto out;

  if (passphrase != NULL)
    {
      sealed_path = g_build_filename (work_dir, "peerdesk.pdbackup", NULL);
      if (!pd_backup_encrypt_file (copy_path, sealed_path, passphrase, PD_BACKUP_COST_MODERATE,
                                   error))
        goto out;
      path = pd_backup_publish (sealed_path, dir, prefix, now, ENCRYPTED_SUFFIX, error);
    }
  else
    path = pd_backup_publish (copy_path, dir, prefix, now, PLAIN_SUFFIX, error);

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

/* In a transaction of its own, after the copy: the copy is made from an
 * idle connection, so it cannot hold its own entry. */
static gboolean
add_entry (PdDatabase   *db,
           PdAuditKind   kind,
           const char   *path,
           GError      **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autofree char *name = g_path_get_basename (path);

  /* A database kept at a version from before the audit trail has none. */
  if (pd_database_get_version (db) < AUDIT_VERSION)
    return TRUE;
  transaction = pd_database_begin_transaction (db, error);
  return transaction != NULL &&
         pd_audit_add (db, kind, 0, name, -1, error) &&
         pd_transaction_commit (transaction, error);
}

/* Backups copy a database file; the records on a shared server are kept
 * by its JSON export and the server's own tools. */
static gboolean
check_file (const char  *location,
            GError     **error)
{
  if (!pd_database_location_is_server (location))
    return TRUE;
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("The records are on a shared server, which Peerdesk’s backups do not copy: "
                 "keep them with “peerdesk-cli export --json” and the server’s own backups "
                 "(pg_dump)"));
  return FALSE;
}

gboolean
pd_backup_record (PdDatabase  *db,
                  const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return add_entry (db, PD_AUDIT_BACKUP, path, error);
}

char *
pd_backup_create (PdDatabase    *db,
                  const char    *dir,
                  const char    *passphrase,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(PdConnection) source = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (!check_file (pd_database_get_path (db), error) ||
      !pd_database_require (db, PD_RIGHT_BACKUPS, _("make backups"), error))
    return NULL;
  source = pd_connection_for_database (db);
  g_return_val_if_fail (pd_connection_is_idle (source), NULL);
  path = create_backup (source, dir, NAME_PREFIX, passphrase, TRUE, TRUE, cancellable, error);
  if (path == NULL)
    return NULL;
  /* A backup the audit trail does not know of is not kept. */
  if (!add_entry (db, PD_AUDIT_BACKUP, path, error))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
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
  g_autoptr(PdConnection) source = NULL;

  if (check_file (data->path, &error))
    source = pd_connection_open (data->path, PD_CONNECTION_READ_ONLY, &error);
  if (source == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = create_backup (source, data->dir, NAME_PREFIX, data->passphrase, TRUE, TRUE,
                        cancellable, &error);
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

GPtrArray *
pd_backup_list (const char  *dir,
                const char  *passphrase,
                GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *tmp_dir = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  names = pd_backup_names_read (dir, error);
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
        pd_connection_read_counts (name->path, &info->n_members, &info->n_visits);
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
                pd_connection_read_counts (plain_path, &info->n_members,
                                           &info->n_visits);
              pd_database_remove_files (plain_path);
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
  names = pd_backup_names_read (dir, &error);
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
static PdConnection *
open_backup (const char  *backup_path,
             const char  *passphrase,
             char       **tmp_dir,
             GError     **error)
{
  g_autofree char *plain_path = NULL;
  g_autoptr(PdConnection) db = NULL;

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

  db = pd_connection_open (plain_path != NULL ? plain_path : backup_path,
                           PD_CONNECTION_READ_ONLY, error);
  if (db == NULL || !pd_connection_check_backup (db, backup_path, error))
    return NULL;
  return g_steal_pointer (&db);
}

/* Keeps the live database as it is now in @keep_dir, unchecked: a damaged
 * database is kept too, as it may still hold records the backup lacks. */
static char *
keep_current (PdConnection  *live,
              const char    *keep_dir,
              GError       **error)
{
  return create_backup (live, keep_dir, KEPT_PREFIX, NULL, FALSE, FALSE, NULL, error);
}

static const char *tables[] = {
  "meta", "members", "visit_purposes", "visits", "groups", "sessions", "attendance",
  "volunteer_roles", "volunteers", "volunteer_role_links", "hours", "supervision",
  "training_domains", "courses", "course_domains", "completions", "credentials", "staff", "audit",
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
  g_autoptr(PdConnection) live = NULL;
  PdConnection *source;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (keep_dir != NULL, FALSE);

  /* A damaged file may not say who may restore it, and a restore is what
   * it needs: the backup's own accounts hold once it is back. */
  if (!check_file (pd_database_get_path (db), error) ||
      (!pd_database_is_damaged (db) &&
       !pd_database_require (db, PD_RIGHT_BACKUPS, _("restore backups"), error)))
    return FALSE;
  live = pd_connection_for_database (db);
  g_return_val_if_fail (pd_connection_is_idle (live), FALSE);

  source = open_backup (backup_path, passphrase, &tmp_dir, error);
  if (source == NULL)
    {
      remove_work_dir (tmp_dir);
      return FALSE;
    }

  kept = keep_current (live, keep_dir, error);
  ok = kept != NULL && pd_connection_restore_from (live, source, backup_path, error);
  pd_connection_close (source);
  remove_work_dir (tmp_dir);
  if (!ok)
    return FALSE;

  /* The restored trail is the backup's; the restore is recorded in it,
   * and the one it replaced stays in the kept copy. */
  ok = pd_database_reload (db, error) && add_entry (db, PD_AUDIT_RESTORE, backup_path, error);
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
  kept = pd_backup_publish (path, keep_dir, KEPT_PREFIX, now, PLAIN_SUFFIX, error);
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
  PdConnection *source;
  PdConnection *live = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (keep_dir != NULL, FALSE);

  if (!check_file (database_path, error))
    return FALSE;
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
  live = pd_connection_open (database_path, PD_CONNECTION_READ_WRITE, error);
  if (live == NULL)
    goto out;
  if (g_chmod (database_path, 0600) != 0)
    {
      pd_backup_set_errno_error (error, FILE_WRITE, database_path, errno);
      goto out;
    }

  if (existed)
    {
      kept = keep_current (live, keep_dir, &keep_error);
      if (kept == NULL)
        {
          if (!g_error_matches (keep_error, PD_ERROR, PD_ERROR_NOT_DATABASE))
            {
              g_propagate_error (error, g_steal_pointer (&keep_error));
              goto out;
            }
          /* Not even its first page can be read: the file itself is kept,
           * and the backup restored into a new one. */
          g_clear_pointer (&live, pd_connection_close);
          kept = move_aside (database_path, keep_dir, error);
          if (kept == NULL)
            goto out;
          live = pd_connection_open (database_path, PD_CONNECTION_READ_WRITE, error);
          if (live == NULL)
            goto out;
          g_chmod (database_path, 0600);
        }
    }

  if (!pd_connection_restore_from (live, source, backup_path, error))
    goto out;
  g_clear_pointer (&live, pd_connection_close);

  /* Opened as usual, the database is checked and an older one migrated. */
  db = pd_database_open (database_path, error);
  ok = db != NULL;

out:
  pd_connection_close (live);
  pd_connection_close (source);
  remove_work_dir (tmp_dir);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return ok;
}
