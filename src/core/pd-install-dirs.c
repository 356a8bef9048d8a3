/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-install-dirs.h"

char *
pd_install_dir_relocate (const char *program_path,
                         const char *relative_bindir,
                         const char *relative_dir)
{
  g_autofree char *program_dir = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (relative_bindir != NULL, NULL);
  g_return_val_if_fail (relative_dir != NULL, NULL);

  /* A folder given as an absolute path was set apart from the prefix when
   * configuring, and cannot move with it. */
  if (program_path == NULL || !g_path_is_absolute (program_path) ||
      *relative_bindir == '\0' || g_path_is_absolute (relative_bindir) ||
      *relative_dir == '\0' || g_path_is_absolute (relative_dir))
    return NULL;

  program_dir = g_path_get_dirname (program_path);
  suffix = g_strconcat (G_DIR_SEPARATOR_S, relative_bindir, NULL);
  if (!g_str_has_suffix (program_dir, suffix))
    return NULL;

  prefix = g_strndup (program_dir, strlen (program_dir) - strlen (suffix));
  dir = g_build_filename (*prefix != '\0' ? prefix : G_DIR_SEPARATOR_S, relative_dir, NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&dir);
}

/* The running program's path: /proc/self/exe names the file itself, with
 * the symbolic links that led to it resolved. */
static const char *
program_path (void)
{
  static char *path;

  if (g_once_init_enter (&path))
    {
      char *found = g_file_read_link ("/proc/self/exe", NULL);

      g_once_init_leave (&path, found != NULL ? found : g_strdup (""));
    }
  return path;
}

static const char *
find_dir (char       **cache,
          const char  *relative_dir,
          const char  *configured_dir)
{
  if (g_once_init_enter (cache))
    {
      char *dir = pd_install_dir_relocate (program_path (), PD_RELATIVE_BINDIR, relative_dir);

      g_once_init_leave (cache, dir != NULL ? dir : g_strdup (configured_dir));
    }
  return *cache;
}

const char *
pd_install_dir_pkgdata (void)
{
  static char *dir;

  return find_dir (&dir, PD_RELATIVE_PKGDATADIR, PKGDATADIR);
}

const char *
pd_install_dir_locale (void)
{
  static char *dir;

  return find_dir (&dir, PD_RELATIVE_LOCALEDIR, LOCALEDIR);
}

const char *
pd_install_dir_data (void)
{
  static char *dir;

  return find_dir (&dir, PD_RELATIVE_DATADIR, DATADIR);
}
