/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz.h"

static char *dir;

static void
remove_dir (void)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

const char *
fuzz_dir (void)
{
  g_autoptr(GError) error = NULL;

  if (dir != NULL)
    return dir;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  dir = g_dir_make_tmp ("peerdesk-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_dir);
  return dir;
}

const char *
fuzz_write_input (const char    *name,
                  const uint8_t *data,
                  size_t         size)
{
  static GHashTable *paths;
  g_autoptr(GError) error = NULL;
  char *path;

  if (paths == NULL)
    paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  path = g_hash_table_lookup (paths, name);
  if (path == NULL)
    {
      path = g_build_filename (fuzz_dir (), name, NULL);
      g_hash_table_insert (paths, g_strdup (name), path);
    }

  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return path;
}

PdDatabase *
fuzz_open_database (const char *name)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fuzz_dir (), name, NULL);
  PdDatabase *db;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  db = pd_database_open (path, &error);
  g_assert_no_error (error);
  return db;
}

void
fuzz_check_refusal (gboolean      ok,
                    const GError *error,
                    glong         max_chars)
{
  if (ok)
    {
      g_assert_null (error);
      return;
    }
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (max_chars > 0 && g_utf8_strlen (error->message, -1) > max_chars)
    g_error ("message of %ld characters: %.200s…", g_utf8_strlen (error->message, -1),
             error->message);
}
