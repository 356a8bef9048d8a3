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

#include "pd-backup.h"
#include "pd-backup-private.h"
#include "pd-error.h"
#include "pd-safe-file.h"

/* Backups' names (peerdesk-YYYY-MM-DD-HHMMSS[-N].db or .pdbackup), giving
 * a copy its name without overwriting anything, and the rotation that keeps
 * the newest of each day, week and month. */

/* ---- Names ---- */


void
pd_backup_name_free (BackupName *name)
{
  g_free (name->path);
  g_free (name->key);
  g_clear_pointer (&name->created, g_date_time_unref);
  g_free (name);
}


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
BackupName *
pd_backup_name_parse (const char *dir,
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

  name = pd_backup_name_parse (".", basename);
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
GPtrArray *
pd_backup_names_read (const char  *dir,
                      GError     **error)
{
  g_autoptr(GPtrArray) names =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_backup_name_free);
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
      BackupName *name = pd_backup_name_parse (dir, basename);

      if (name != NULL && g_file_test (name->path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, name);
      else if (name != NULL)
        pd_backup_name_free (name);
    }
  g_ptr_array_sort (names, compare_names_newest_first);
  return g_steal_pointer (&names);
}

/* Gives the file at @from the first free name “PREFIX-STAMP[-N]SUFFIX” in
 * @dir: a name already taken is never written over, even by another
 * backup made at the same time. */
char *
pd_backup_publish (const char  *from,
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
      pd_backup_set_errno_error (error, FILE_WRITE, path, errno);
      return NULL;
    }

  g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Too many backups were made in the same second"));
  return NULL;
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
        return pd_backup_set_errno_error (error, FILE_REMOVE_BACKUP, name->path, errno);
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

  names = pd_backup_names_read (dir, error);
  if (names == NULL)
    return FALSE;
  return rotate_kind (names, FALSE, now, error) && rotate_kind (names, TRUE, now, error);
}
