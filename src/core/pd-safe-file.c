/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-safe-file.h"
#include "pd-statement.h"

/* What follows ".NAME" in a temporary file's name, before the PID. */
#define TMP_MARK ".peerdesk-"

/* Leaves room in a file name (255 bytes at most) for the rest. */
#define TMP_BASE_MAX 200

struct _PdSafeFile
{
  int   fd;             /* -1 once closed */
  char *path;
  char *dir;
  char *tmp_path;       /* NULL once renamed into place */
  char *display_path;
};

static gboolean
set_errno_error (PdSafeFile  *file,
                 int          saved_errno,
                 GError     **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), file->display_path, g_strerror (saved_errno));
  return FALSE;
}

/* Whether @path starts as every SQLite database does. A database open in
 * another program (the app, while a script exports with another
 * --database) is not in this process's list; reading its first bytes is
 * safe, as this process holds no lock on it that closing could drop (one
 * it has open is refused before this is asked). */
static gboolean
is_sqlite_database (const char *path)
{
  static const char header[16] = "SQLite format 3";
  char start[sizeof header];
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  n = read (fd, start, sizeof start);
  close (fd);
  return n == sizeof start && memcmp (start, header, sizeof header) == 0;
}

/* rename() would put a regular file in place of a device, a pipe or an
 * empty folder, and an export must never replace the records. */
static gboolean
check_destination (PdSafeFile  *file,
                   GError     **error)
{
  struct stat st;

  if (!pd_database_check_destination (file->path, error))
    return FALSE;

  if (g_stat (file->path, &st) != 0)
    return TRUE;  /* a new file, or one rename() will report */
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("“%s” is a folder; choose a file name"), file->display_path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not an ordinary file (it is a device, a pipe or a socket); "
                     "choose another file name"),
                   file->display_path);
      return FALSE;
    }
  if (is_sqlite_database (file->path))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is a database, perhaps Peerdesk's own open in another program; "
                     "choose another file name"),
                   file->display_path);
      return FALSE;
    }
  return TRUE;
}

/* The PID in a name of our own making, ".NAME.peerdesk-PID-XXXXXX", or 0. */
static pid_t
parse_tmp_name (const char *name)
{
  const char *mark;
  const char *end;
  char *digits_end;
  long pid;

  if (name[0] != '.')
    return 0;
  mark = g_strrstr (name, TMP_MARK);
  if (mark == NULL || mark == name)
    return 0;
  mark += strlen (TMP_MARK);
  if (!g_ascii_isdigit (*mark))
    return 0;
  errno = 0;
  pid = strtol (mark, &digits_end, 10);
  if (errno != 0 || pid <= 0 || pid != (pid_t) pid || *digits_end != '-')
    return 0;
  end = digits_end + 1;
  if (strlen (end) != 6)
    return 0;
  for (const char *p = end; *p; p++)
    if (!g_ascii_isalnum (*p))
      return 0;
  return (pid_t) pid;
}

/* A process killed while it wrote an export left its temporary file behind:
 * a hidden copy of confidential records. Only our own regular files whose
 * process is gone are removed; one whose process lives may still be in
 * the making. */
static void
remove_stale_files (const char *dir)
{
  DIR *d = opendir (dir);
  struct dirent *entry;

  if (d == NULL)
    return;  /* creating the temporary file will say why */

  while ((entry = readdir (d)) != NULL)
    {
      pid_t pid = parse_tmp_name (entry->d_name);
      struct stat st;

      if (pid == 0 || pid == getpid ())
        continue;
      if (kill (pid, 0) == 0 || errno != ESRCH)
        continue;
      if (fstatat (dirfd (d), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
          !S_ISREG (st.st_mode) || st.st_uid != geteuid ())
        continue;
      if (unlinkat (dirfd (d), entry->d_name, 0) != 0)
        g_debug ("Could not remove %s/%s: %s", dir, entry->d_name, g_strerror (errno));
    }
  closedir (d);
}

PdSafeFile *
pd_safe_file_new (const char  *path,
                  GError     **error)
{
  g_autoptr(PdSafeFile) file = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_new0 (PdSafeFile, 1);
  file->fd = -1;
  file->path = g_strdup (path);
  file->dir = g_path_get_dirname (path);
  file->display_path = g_filename_display_name (path);

  if (!check_destination (file, error))
    return NULL;
  remove_stale_files (file->dir);

  base = g_path_get_basename (path);
  if (strlen (base) > TMP_BASE_MAX)
    base[TMP_BASE_MAX] = '\0';
  template = g_strdup_printf (".%s" TMP_MARK "%ld-XXXXXX", base, (long) getpid ());
  file->tmp_path = g_build_filename (file->dir, template, NULL);
  file->fd = g_mkstemp_full (file->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (file->fd < 0)
    {
      set_errno_error (file, errno, error);
      g_clear_pointer (&file->tmp_path, g_free);  /* nothing to remove */
      return NULL;
    }
  return g_steal_pointer (&file);
}

const char *
pd_safe_file_display_path (PdSafeFile *file)
{
  return file->display_path;
}

gboolean
pd_safe_file_write (PdSafeFile  *file,
                    const char  *data,
                    gsize        len,
                    GError     **error)
{
  g_return_val_if_fail (file->fd >= 0, FALSE);

  while (len > 0)
    {
      gssize n = write (file->fd, data, len);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          return set_errno_error (file, saved_errno, error);
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* A new name is only on disk once its folder is: without this, a power cut
 * after the rename can bring back the old file, or no file at all. */
static gboolean
sync_dir (PdSafeFile  *file,
          GError     **error)
{
  int fd = g_open (file->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    return set_errno_error (file, errno, error);
  /* Some file systems cannot sync a folder, and say so with EINVAL. */
  if (g_fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      return set_errno_error (file, saved_errno, error);
    }
  close (fd);
  return TRUE;
}

gboolean
pd_safe_file_commit_checked (PdSafeFile       *file,
                             PdSafeFileCheck   check,
                             gpointer          user_data,
                             GError          **error)
{
  int fd = file->fd;

  g_return_val_if_fail (file->fd >= 0 && file->tmp_path != NULL, FALSE);

  /* The data must be on disk before the name points at it, or a crash
   * could leave an empty file where the old one was. */
  file->fd = -1;
  if (g_fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (file, saved_errno, error);
    }
  if (close (fd) != 0)
    return set_errno_error (file, errno, error);
  if (check != NULL && !check (file->tmp_path, user_data, error))
    return FALSE;
  /* Checked again: the destination may have changed while we wrote. */
  if (!check_destination (file, error))
    return FALSE;
  if (g_rename (file->tmp_path, file->path) != 0)
    return set_errno_error (file, errno, error);
  g_clear_pointer (&file->tmp_path, g_free);
  return sync_dir (file, error);
}

gboolean
pd_safe_file_commit (PdSafeFile  *file,
                     GError     **error)
{
  return pd_safe_file_commit_checked (file, NULL, NULL, error);
}

gboolean
pd_safe_file_commit_recorded (PdSafeFile   *file,
                              PdDatabase   *db,
                              PdAuditKind   kind,
                              const char   *what,
                              gint64        count,
                              GError      **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  name = g_path_get_basename (file->path);
  detail = g_strdup_printf ("%s %s", what, name);
  transaction = pd_database_begin_transaction (db, error);
  return transaction != NULL &&
         pd_audit_add (db, kind, 0, detail, count, error) &&
         pd_safe_file_commit (file, error) &&
         pd_transaction_commit (transaction, error);
}

void
pd_safe_file_free (PdSafeFile *file)
{
  if (file == NULL)
    return;

  if (file->fd >= 0)
    close (file->fd);
  if (file->tmp_path != NULL)
    g_unlink (file->tmp_path);
  g_free (file->tmp_path);
  g_free (file->path);
  g_free (file->dir);
  g_free (file->display_path);
  g_free (file);
}
