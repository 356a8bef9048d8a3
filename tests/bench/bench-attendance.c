/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-groups.h"
#include "pd-member-list.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-visits.h"

/* Front-desk and meeting latencies on a demo database, measured
 * in-process:
 *
 * - a check-in, from Enter to the row shown: the typed prefix searched
 *   with PdMemberList, the top match checked in, then today's visits and
 *   their counts read again, as the check-in page does;
 * - opening the attendance screen of a session of the group with the most
 *   regulars (about 200 in the benchmark database): the session, its
 *   regulars, who is present, and each of them read for their name;
 * - opening a member's history: its first page.
 *
 * The check-ins are deleted again at the end, so the database is left as
 * it was and can be measured again. */

#define N_CHECKINS 200
#define N_OPENINGS 100
#define N_HISTORIES 200
#define HISTORY_PAGE 50
#define RECORDED_BY "bench-attendance"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *times,
            double  p)
{
  guint index = (guint) (p * (times->len - 1) + 0.5);

  return g_array_index (times, double, index);
}

static void
report (const char *what,
        GArray     *times)
{
  if (times->len == 0)
    {
      g_print ("%s: nothing measured\n", what);
      return;
    }
  g_array_sort (times, compare_doubles);
  g_print ("%s %u p50 %.2f ms p95 %.2f ms max %.2f ms\n", what, times->len,
           percentile (times, 0.50), percentile (times, 0.95),
           g_array_index (times, double, times->len - 1));
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-attendance: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static gint64
count_members (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pd_members_count (db, &error);

  if (n < 0)
    fail ("counting members", error);
  return n;
}

/* What a person types to find a member: the start of the first name and of
 * the last name ("jos mü"), or the member number. */
static char *
typed_prefix (PdMember *member,
              guint     i)
{
  const char *first = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  const char *last = pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME);
  g_autofree char *first_part = NULL;
  g_autofree char *last_part = NULL;

  if (i % 4 == 3 || *last == '\0')
    return g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));

  first_part = g_utf8_substring (first, 0, MIN (3, g_utf8_strlen (first, -1)));
  last_part = g_utf8_substring (last, 0, MIN (2, g_utf8_strlen (last, -1)));
  return g_strdup_printf ("%s %s", first_part, last_part);
}

static void
bench_checkins (PdDatabase *db,
                GRand      *rand,
                gint64      n_members)
{
  g_autoptr(PdMemberList) list = pd_member_list_new (db);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = pd_date_today ();
  guint shown = 0;

  for (guint i = 0; i < N_CHECKINS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdMember) wanted = NULL;
      g_autoptr(PdMember) top = NULL;
      g_autoptr(GPtrArray) today_visits = NULL;
      g_autofree char *typed = NULL;
      PdDayCounts counts;
      gint64 start, t, visit_id;

      wanted = pd_members_get (db, 1 + g_rand_int_range (rand, 0, (gint32) n_members), &error);
      if (wanted == NULL)
        fail ("reading a member", error);
      typed = typed_prefix (wanted, i);
      pd_member_list_set_query (list, "");

      start = g_get_monotonic_time ();
      pd_member_list_set_query (list, typed);
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
        continue;
      top = g_list_model_get_item (G_LIST_MODEL (list), 0);
      g_array_append_vals (search_times, (double[]) { elapsed_ms (start) }, 1);

      t = g_get_monotonic_time ();
      visit_id = pd_visits_check_in (db, pd_member_get_id (top), 0, NULL, RECORDED_BY, &error);
      if (visit_id == 0)
        fail ("checking in", error);
      g_array_append_val (visits, visit_id);
      g_array_append_vals (write_times, (double[]) { elapsed_ms (t) }, 1);

      t = g_get_monotonic_time ();
      today_visits = pd_visits_list_day (db, today, &error);
      if (today_visits == NULL || !pd_visits_count_day (db, today, &counts, &error))
        fail ("reading today's visits", error);
      g_array_append_vals (list_times, (double[]) { elapsed_ms (t) }, 1);
      g_array_append_vals (times, (double[]) { elapsed_ms (start) }, 1);
      shown = today_visits->len;
    }

  report ("check-in (Enter to row shown)", times);
  report ("  search of the typed prefix", search_times);
  report ("  check-in written", write_times);
  report ("  today's list read", list_times);
  g_print ("  (today's list had %u visits at the end)\n", shown);

  for (guint i = 0; i < visits->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!pd_visits_delete (db, g_array_index (visits, gint64, i), &error))
        fail ("deleting a check-in", error);
    }
}

/* The group whose latest session had the most members present: the one
 * with the most regulars. */
static gint64
busiest_group (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = pd_groups_list (db, FALSE, &error);
  gint64 best = 0;
  guint most = 0;

  if (groups == NULL)
    fail ("listing groups", error);
  for (guint i = 0; i < groups->len; i++)
    {
      const PdGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) past = NULL;

      if (g_str_equal (group->attendance_mode, "headcount"))
        continue;
      past = pd_sessions_list_for_group (db, group->id, FALSE, 0, 1, &error);
      if (past == NULL)
        fail ("listing sessions", error);
      if (past->len > 0 && ((PdSession *) g_ptr_array_index (past, 0))->n_present > most)
        {
          most = ((PdSession *) g_ptr_array_index (past, 0))->n_present;
          best = group->id;
        }
    }
  return best;
}

/* As the attendance screen opens: the session, then the regulars and who
 * is present, each read for their name. */
static guint
open_session (PdDatabase *db,
              gint64      session_id,
              guint      *n_regulars,
              guint      *n_present)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSession) session = pd_sessions_get (db, session_id, &error);
  g_autoptr(GArray) regulars = NULL;
  g_autoptr(GArray) present = NULL;
  GArray *lists[2];
  guint n_names = 0;

  if (session == NULL)
    fail ("reading a session", error);
  regulars = pd_attendance_regulars (db, session_id, &error);
  if (regulars == NULL)
    fail ("reading the regulars", error);
  present = pd_attendance_present (db, session_id, &error);
  if (present == NULL)
    fail ("reading who is present", error);

  lists[0] = regulars;
  lists[1] = present;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        g_autoptr(PdMember) member = pd_members_get (db, g_array_index (lists[l], gint64, i),
                                                     &error);
        g_autofree char *name = NULL;

        if (member == NULL)
          fail ("reading a member", error);
        name = pd_member_dup_display_name (member);
        n_names += name[0] != '\0';
      }
  *n_regulars = regulars->len;
  *n_present = present->len;
  return n_names;
}

static void
bench_attendance_screen (PdDatabase *db,
                         GArray     *regular_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(PdGroup) group = NULL;
  gint64 group_id = busiest_group (db);
  guint n_regulars = 0, n_present = 0, most_regulars = 0;

  if (group_id == 0)
    {
      g_print ("attendance screen: no group with named attendance\n");
      return;
    }
  group = pd_groups_get (db, group_id, &error);
  if (group == NULL)
    fail ("reading the group", error);

  /* The session about to start, as it is opened to take attendance, then
   * the past ones. */
  upcoming = pd_sessions_list_for_group (db, group_id, TRUE, 0, 1, &error);
  sessions = pd_sessions_list_for_group (db, group_id, FALSE, 0, N_OPENINGS, &error);
  if (upcoming == NULL || sessions == NULL)
    fail ("listing sessions", error);
  if (upcoming->len > 0)
    g_ptr_array_insert (sessions, 0, g_ptr_array_steal_index (upcoming, 0));

  for (guint i = 0; i < sessions->len; i++)
    {
      const PdSession *session = g_ptr_array_index (sessions, i);
      gint64 start = g_get_monotonic_time ();

      open_session (db, session->id, &n_regulars, &n_present);
      g_array_append_vals (times, (double[]) { elapsed_ms (start) }, 1);
      if (i == 0)
        {
          g_autoptr(GArray) regulars = pd_attendance_regulars (db, session->id, NULL);

          most_regulars = n_regulars;
          if (regulars != NULL)
            g_array_append_vals (regular_ids, regulars->data, regulars->len);
        }
    }

  g_print ("attendance screen of \"%s\": %u sessions, %u regulars at the first\n", group->name,
           sessions->len, most_regulars);
  report ("attendance screen open", times);
}

static void
bench_history (PdDatabase *db,
               GRand      *rand,
               gint64      n_members,
               GArray     *regular_ids)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint total = 0;

  for (guint i = 0; i < N_HISTORIES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      gint64 member_id, start;

      /* Half of them regulars, whose history is long. */
      if (i % 2 == 0 && regular_ids->len > 0)
        member_id = g_array_index (regular_ids, gint64,
                                   g_rand_int_range (rand, 0, regular_ids->len));
      else
        member_id = 1 + g_rand_int_range (rand, 0, (gint32) n_members);

      start = g_get_monotonic_time ();
      entries = pd_member_history (db, member_id, 0, HISTORY_PAGE, &error);
      if (entries == NULL)
        fail ("reading a history", error);
      g_array_append_vals (times, (double[]) { elapsed_ms (start) }, 1);
      total += entries->len;
    }

  report ("member history, first page", times);
  g_print ("  (%.1f entries a page on average)\n", total / (double) N_HISTORIES);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) regular_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 n_members;

  if (argc != 2)
    {
      g_printerr ("usage: bench-attendance DATABASE\n");
      return 2;
    }

  db = pd_database_open (argv[1], &error);
  if (db == NULL)
    fail (argv[1], error);
  n_members = count_members (db);
  if (n_members < 1 || n_members > G_MAXINT32)
    {
      g_printerr ("bench-attendance: %s has no members, or too many\n", argv[1]);
      return 1;
    }

  bench_checkins (db, rand, n_members);
  bench_attendance_screen (db, regular_ids);
  bench_history (db, rand, n_members, regular_ids);
  return 0;
}
