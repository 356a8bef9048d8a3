/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "fuzz.h"

/* The main() of a fuzz target built without libFuzzer: feeds every file
 * of the corpus folders (or the files) given to LLVMFuzzerTestOneInput,
 * in the order of their names, so that the test suite checks on every
 * build that no seed and no input that once crashed crashes again. */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
collect (const char  *path,
         GPtrArray   *files,
         GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return TRUE;
    }
  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (files, g_build_filename (path, name, NULL));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      g_printerr ("usage: %s CORPUS_FOLDER_OR_FILE…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!collect (argv[i], files, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return 2;
        }
    }
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize size;

      if (!g_file_get_contents (path, &data, &size, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return 2;
        }
      g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
      LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
    }
  g_print ("Replayed %u inputs\n", files->len);
  return 0;
}
