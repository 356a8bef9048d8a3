/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pd-test-pdf.h"

/* PDFs are read back with poppler's tools, so that a test checks what a
 * reader of the file sees rather than what the code meant to draw. */

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

char *
pd_test_pdf_text (const char *path,
                  guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);

  if (page == 0)
    {
      const char *argv[] = { "pdftotext", "-q", "-layout", "-enc", "UTF-8", path, "-", NULL };

      return run (argv);
    }
  else
    {
      const char *argv[] = { "pdftotext", "-q", "-layout", "-enc", "UTF-8", "-f", first,
                             "-l", first, path, "-", NULL };

      return run (argv);
    }
}

static char *
info_field (const char *path,
            const char *field)
{
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", path, NULL };
  g_autofree char *out = run (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("%s:", field);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  g_error ("pdfinfo gave no %s for %s", field, path);
  return NULL;
}

guint
pd_test_pdf_n_pages (const char *path)
{
  g_autofree char *pages = info_field (path, "Pages");

  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

void
pd_test_pdf_page_size (const char *path,
                       double     *width,
                       double     *height)
{
  g_autofree char *size = info_field (path, "Page size");
  char *end = NULL;

  /* "595.276 x 841.89 pts (A4)" */
  *width = g_ascii_strtod (size, &end);
  g_assert_true (g_str_has_prefix (end, " x "));
  *height = g_ascii_strtod (end + 3, NULL);
}

char *
pd_test_pdf_title (const char *path)
{
  return info_field (path, "Title");
}
