/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-test-print-text.h"

char *
pd_test_print_squash (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* Read with pdftotext -raw: a table's cell that wraps to two lines keeps
 * its words together, where -layout would set them beside the next
 * cells' first lines. */
char *
pd_test_print_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-q", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &raw, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return pd_test_print_squash (raw);
}
