/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-application.h"
#include "pd-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;

  pd_locale_init ();

  app = pd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
