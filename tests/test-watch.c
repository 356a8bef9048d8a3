/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-backup.h"
#include "pd-database.h"
#include "pd-statement.h"
#include "pd-test-core.h"
#include "pd-visits.h"

/* Two connections to one file, as a Peerdesk window (watching) and the
 * command line or a second window (writing) have. */
typedef struct
{
  char *dir;
  PdDatabase *watching;
  PdDatabase *other;
  guint n_visits_changed;
  guint n_members_changed;
} Fixture;

/* How long a change may take to show: the check runs once a second, on a
 * busy computer a little late. */
#define SHOWN_WITHIN_MS 3000

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               Fixture    *fixture)
{
  if (g_str_equal (table, "visits"))
    fixture->n_visits_changed++;
  else if (g_str_equal (table, "members"))
    fixture->n_members_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;

  fixture->dir = pd_test_make_dir ();
  fixture->watching = pd_test_new_database (fixture->dir, &path);
  fixture->other = pd_test_open_database (path);
  g_signal_connect (fixture->watching, "changed", G_CALLBACK (on_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->other);
  g_assert_finalize_object (fixture->watching);
  pd_test_clear_dir (&fixture->dir);
}

static void
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Runs the main loop until *@count is more than @before or @ms have
 * passed; returns the milliseconds it took. */
static gint64
run_until (guint *count,
           guint  before,
           guint  ms)
{
  gint64 start = g_get_monotonic_time ();
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_once (ms, on_timeout_cb, &timed_out);

  while (!timed_out && (count == NULL || *count <= before))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
  return (g_get_monotonic_time () - start) / 1000;
}

static void
check_in (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pd_visits_check_in (db, 0, 0, NULL, "Front desk", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_other_connection (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 ms;

  pd_database_watch_others (fixture->watching, TRUE);
  run_until (NULL, 0, 1200);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 0);

  check_in (fixture->other);
  ms = run_until (&fixture->n_visits_changed, 0, SHOWN_WITHIN_MS);
  g_test_message ("another connection's check-in was seen after %" G_GINT64_FORMAT " ms", ms);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);
  /* SQLite says only that another connection wrote: every list that may
   * show it reads again, once. A server names the tables written. */
  g_assert_cmpuint (fixture->n_members_changed, ==, pd_test_is_postgresql () ? 0 : 1);

  /* Said once, not again at each check after. */
  run_until (NULL, 0, 2200);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);
  g_assert_cmpuint (fixture->n_members_changed, ==, pd_test_is_postgresql () ? 0 : 1);

  /* The next change is seen too. */
  check_in (fixture->other);
  run_until (&fixture->n_visits_changed, 1, SHOWN_WITHIN_MS);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 2);
}

static void
test_own_writes (Fixture       *fixture,
                 gconstpointer  user_data)
{
  pd_database_watch_others (fixture->watching, TRUE);
  check_in (fixture->watching);
  /* Said at once by the write itself, and not a second time by the
   * watch. */
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);
  run_until (NULL, 0, 2500);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);
  g_assert_cmpuint (fixture->n_members_changed, ==, 0);
}

static void
test_off (Fixture       *fixture,
          gconstpointer  user_data)
{
  /* Never on: the command line never hears other programs. */
  check_in (fixture->other);
  run_until (NULL, 0, 2200);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 0);

  /* On, then off again. */
  pd_database_watch_others (fixture->watching, TRUE);
  pd_database_watch_others (fixture->watching, FALSE);
  check_in (fixture->other);
  run_until (NULL, 0, 2200);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 0);
}

static void
test_burst (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(GError) error = NULL;

  pd_database_watch_others (fixture->watching, TRUE);
  transaction = pd_database_begin_transaction (fixture->other, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    check_in (fixture->other);
  g_assert_true (pd_transaction_commit (transaction, &error));
  g_assert_no_error (error);

  run_until (&fixture->n_visits_changed, 0, SHOWN_WITHIN_MS);
  run_until (NULL, 0, 2200);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);
  g_assert_cmpint (pd_test_query_int (fixture->watching, "SELECT count(*) FROM visits"), ==, 100);
}

/* A restore replaces the whole file under both connections: by the other
 * program, the lists read the restored records; by this one, the watch
 * goes on hearing the other program after. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *backup_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *keep_dir = g_build_filename (fixture->dir, "kept", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_again = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (pd_test_skip_unless_sqlite ("a restore replaces the file under both connections"))
    return;

  backup = pd_backup_create (fixture->other, backup_dir, NULL, NULL, &error);
  g_assert_no_error (error);
  pd_database_watch_others (fixture->watching, TRUE);
  check_in (fixture->other);
  run_until (&fixture->n_visits_changed, 0, SHOWN_WITHIN_MS);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);
  g_assert_cmpint (pd_test_query_int (fixture->watching, "SELECT count(*) FROM visits"), ==, 1);

  g_assert_true (pd_backup_restore (fixture->other, backup, NULL, keep_dir, &kept, &error));
  g_assert_no_error (error);
  run_until (&fixture->n_visits_changed, 1, SHOWN_WITHIN_MS);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 2);
  g_assert_cmpint (pd_test_query_int (fixture->watching, "SELECT count(*) FROM visits"), ==, 0);

  g_assert_true (pd_backup_restore (fixture->watching, kept, NULL, keep_dir, &kept_again,
                                    &error));
  g_assert_no_error (error);
  g_assert_false (pd_database_is_damaged (fixture->watching));
  g_assert_cmpint (pd_test_query_int (fixture->watching, "SELECT count(*) FROM visits"), ==, 1);
  run_until (NULL, 0, 1500);
  n = fixture->n_visits_changed;
  check_in (fixture->other);
  run_until (&fixture->n_visits_changed, n, SHOWN_WITHIN_MS);
  g_assert_cmpuint (fixture->n_visits_changed, ==, n + 1);
  g_assert_cmpint (pd_test_query_int (fixture->watching, "SELECT count(*) FROM visits"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add ("/watch/other-connection", Fixture, NULL, fixture_set_up, test_other_connection,
              fixture_tear_down);
  g_test_add ("/watch/own-writes", Fixture, NULL, fixture_set_up, test_own_writes,
              fixture_tear_down);
  g_test_add ("/watch/off", Fixture, NULL, fixture_set_up, test_off, fixture_tear_down);
  g_test_add ("/watch/burst", Fixture, NULL, fixture_set_up, test_burst, fixture_tear_down);
  g_test_add ("/watch/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);

  return g_test_run ();
}
