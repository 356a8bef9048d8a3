/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "pd-database-private.h"
#include "pd-attendance.h"
#include "pd-context.h"
#include "pd-groups.h"
#include "pd-meetings-page.h"
#include "pd-text.h"
#include "pd-visits.h"

/* The Meetings section on a demo database, in-process, on the display:
 *
 * - from making the page (today's sessions and the groups of the sidebar)
 *   to its first frame in a window;
 * - how long the main loop is busy after a check-in at the front desk, and
 *   after a member is marked present at one of today's sessions: from the
 *   write to the main loop idle again, the sidebar and the page redrawn.
 *
 * The check-ins and marks are taken back at the end. Run it on a copy of
 * the database: showing the page adds the sessions of the coming weeks. */

#define N_CHANGES 15

static gboolean painted;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  painted = TRUE;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Runs the main loop until nothing is left to do, and a little more. */
static void
drain (void)
{
  gint64 quiet_until = g_get_monotonic_time () + 50000;

  while (g_get_monotonic_time () < quiet_until)
    if (g_main_context_iteration (NULL, FALSE))
      quiet_until = MAX (quiet_until, g_get_monotonic_time () + 20000);
}

/* Like drain(), but returns when the work that @change queued is done:
 * the time of the last event handled. */
static double
busy_after (double start)
{
  double last = now_ms ();
  gint64 quiet_until = g_get_monotonic_time () + 200000;

  while (g_get_monotonic_time () < quiet_until)
    if (g_main_context_iteration (NULL, FALSE))
      {
        last = now_ms ();
        quiet_until = g_get_monotonic_time () + 200000;
      }
  return last - start;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        double     *times,
        guint       n)
{
  qsort (times, n, sizeof (double), compare_doubles);
  g_print ("%s: median %.1f ms, max %.1f ms (%u)\n", what, times[n / 2], times[n - 1], n);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdContext) context = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) purposes = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *today = NULL;
  gint64 visits[N_CHANGES];
  gint64 members[N_CHANGES];
  double times[N_CHANGES];
  gint64 purpose = 0, session = 0;
  GtkWidget *window;
  GtkWidget *page;
  sqlite3_stmt *stmt;
  double start;
  guint n;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE (a copy: it is written to)\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  db = pd_database_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  settings = g_settings_new (APPLICATION_ID);
  context = pd_context_new (db, settings);

  start = now_ms ();
  page = pd_meetings_page_new (context);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_print ("meetings page: first frame %.1f ms after the page was made\n", now_ms () - start);
  drain ();

  purposes = pd_purposes_list (db, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < purposes->len; i++)
    if (((PdPurpose *) g_ptr_array_index (purposes, i))->is_default)
      purpose = ((PdPurpose *) g_ptr_array_index (purposes, i))->id;

  /* Members with no attendance at today's first session. */
  today = pd_date_today ();
  sessions = pd_sessions_list_day (db, today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sessions->len && session == 0; i++)
    {
      const PdSession *s = g_ptr_array_index (sessions, i);

      if (!s->cancelled && g_strcmp0 (s->attendance_mode, "headcount") != 0)
        session = s->id;
    }
  stmt = pd_database_prepare (db,
                              "SELECT id FROM members WHERE id NOT IN"
                              " (SELECT member_id FROM attendance WHERE session_id = ?1)"
                              " ORDER BY id LIMIT ?2",
                              &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, session);
  sqlite3_bind_int (stmt, 2, N_CHANGES);
  for (n = 0; n < N_CHANGES && sqlite3_step (stmt) == SQLITE_ROW; n++)
    members[n] = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpuint (n, ==, N_CHANGES);

  for (guint i = 0; i < N_CHANGES; i++)
    {
      start = now_ms ();
      visits[i] = pd_visits_check_in (db, members[i], purpose, NULL, "bench-meetings", &error);
      g_assert_no_error (error);
      times[i] = busy_after (start);
    }
  report ("front-desk check-in, main loop busy", times, N_CHANGES);

  if (session == 0)
    g_print ("no session today: marking present not measured\n");
  else
    {
      for (guint i = 0; i < N_CHANGES; i++)
        {
          start = now_ms ();
          g_assert_true (pd_attendance_mark (db, session, members[i], &error));
          g_assert_no_error (error);
          times[i] = busy_after (start);
        }
      report ("marked present at a session, main loop busy", times, N_CHANGES);
    }

  for (guint i = 0; i < N_CHANGES; i++)
    {
      if (session != 0)
        pd_attendance_unmark (db, session, members[i], NULL);
      pd_visits_delete (db, visits[i], NULL);
    }
  drain ();
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  return 0;
}
