/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "pd-context.h"
#include "pd-visits.h"
#include "pd-volunteers-page.h"

/* What the Volunteers section costs the window, measured in-process on a
 * demo database:
 *
 * - making the section, as the window does at start-up whatever section
 *   it opens on;
 * - showing it: from presenting a window with it to the main loop being
 *   idle again (its list and alerts on screen);
 * - the stall after a check-in: from writing a visit to the main loop
 *   being idle again, what the front desk waits for while the section
 *   reacts (it should not: a visit is none of its business).
 *
 * The check-ins are deleted again at the end. Needs a display (xvfb-run)
 * and GSETTINGS_SCHEMA_DIR pointing at the build's data folder. */

#define N_CHECKINS 20
#define RECORDED_BY "bench-volunteers"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Runs the main loop until nothing is left to do. */
static void
run_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop for @ms, whatever is pending: threads finish, frames
 * are drawn. */
static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-volunteers: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PdContext) context = NULL;
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWindow *window;
  gint64 start;

  if (argc != 2)
    {
      g_printerr ("usage: bench-volunteers DATABASE\n");
      return 2;
    }
  gtk_init ();
  adw_init ();

  db = pd_database_open (argv[1], &error);
  if (db == NULL)
    fail ("opening the database", error);
  settings = g_settings_new (APPLICATION_ID);
  context = pd_context_new (db, settings);

  start = g_get_monotonic_time ();
  page = pd_volunteers_page_new (context);
  g_print ("making the section: %.1f ms\n", elapsed_ms (start));

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  start = g_get_monotonic_time ();
  gtk_window_present (window);
  run_until_idle ();
  g_print ("showing it: %.1f ms\n", elapsed_ms (start));
  /* The alerts, on a thread, and the first frames. */
  settle (3000);

  for (guint i = 0; i < N_CHECKINS; i++)
    {
      gint64 visit;

      start = g_get_monotonic_time ();
      visit = pd_visits_check_in (db, 1 + i, 0, NULL, RECORDED_BY, &error);
      if (visit <= 0)
        fail ("checking in", error);
      run_until_idle ();
      {
        double ms = elapsed_ms (start);

        g_array_append_val (stalls, ms);
      }
      g_array_append_val (visits, visit);
      settle (100);
    }

  for (guint i = 0; i < visits->len; i++)
    if (!pd_visits_delete (db, g_array_index (visits, gint64, i), &error))
      fail ("deleting a check-in", error);
  run_until_idle ();

  g_array_sort (stalls, compare_doubles);
  g_print ("stall after a check-in (%u): p50 %.1f ms, max %.1f ms\n", stalls->len,
           g_array_index (stalls, double, stalls->len / 2),
           g_array_index (stalls, double, stalls->len - 1));

  gtk_window_destroy (window);
  run_until_idle ();
  return 0;
}
