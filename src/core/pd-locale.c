/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pd-install-dirs.h"
#include "pd-locale.h"

static gboolean
has_catalogue (const char *dir)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (g_str_equal (languages[i], "C"))
        continue;
      path = g_build_filename (dir, languages[i], "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

/* The folder holding the translations in the user's language: the
 * installed one (found beside the program, see pd-install-dirs.h), or, for a program run from its build folder before it is
 * installed (as the tests and translators do), the catalogues the build
 * made, the way data files fall back to the source tree. */
const char *
pd_locale_dir (void)
{
  const char *installed = pd_install_dir_locale ();

  if (!has_catalogue (installed) && has_catalogue (PD_BUILD_LOCALEDIR))
    return PD_BUILD_LOCALEDIR;
  return installed;
}

/* Sets up the C library's locale and the message catalogue, once, at the
 * start of each program. */
void
pd_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pd_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
