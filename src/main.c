/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pd-application.h"
#include "pd-install-dirs.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pd_install_dir_locale ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
