/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-member-ranking.h"
#include "pd-members.h"
#include "pd-text.h"

/* Keystrokes to find a person, replayed from a demo database's history.
 *
 * Front desk: each front-desk visit of the last DAYS days, in time order,
 * ranked as the desk would have ranked at that moment (only the visits
 * before it count). Attendance: each named attendee of each session held
 * in the last DAYS days, marked one after the other in the order they were
 * recorded, ranked as the session's list would have (the group's earlier
 * sessions, and who was marked before). The attendance rows are taken
 * away and put back inside a transaction that is rolled back.
 *
 * For each person, the fewest keys that put them on top of the search,
 * Enter included, of:
 * - a prefix of the name they go by ("j", "jo", "jos", ...);
 * - that name, a space and a prefix of the last name ("jose r", ...);
 * - their member number without the leading zeros ("123").
 * "names only" leaves the number out and lets arrow keys reach someone
 * who stays below a namesake: one key a row. "by name" ranks nobody (the
 * Members page's order) for comparison. */

#define DAYS 90

typedef struct
{
  GArray *keys;          /* guint, names or number */
  GArray *names_only;    /* guint */
} Tally;

static void
tally_init (Tally *tally)
{
  tally->keys = g_array_new (FALSE, FALSE, sizeof (guint));
  tally->names_only = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
tally_clear (Tally *tally)
{
  g_array_unref (tally->keys);
  g_array_unref (tally->names_only);
}

/* The position of @id in the search for @typed, or G_MAXUINT. */
static guint
position_of (PdDatabase      *db,
             PdMemberRanking *ranking,
             const char      *typed,
             gint64           id,
             guint            depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = pd_members_search_ranked (db, typed, ranking, depth, &error);

  if (ids == NULL)
    {
      g_printerr ("bench-keys: %s\n", error->message);
      exit (1);
    }
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/* Looks for @member typed as a person would, and adds their keys to
 * @tally. */
static void
count_keys (PdDatabase      *db,
            PdMemberRanking *ranking,
            PdMember        *member,
            Tally           *tally)
{
  const char *called = pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME);
  const char *number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GPtrArray) typings = g_ptr_array_new_with_free_func (g_free);
  gint64 id = pd_member_get_id (member);
  guint best = G_MAXUINT, best_names = G_MAXUINT;
  guint number_keys;
  const char *digits = number + 2;

  if (*called == '\0')
    called = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  first = pd_text_fold (called);
  last = pd_text_fold (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME));

  while (*digits == '0')
    digits++;
  number_keys = strlen (digits) + 1;

  for (const char *p = g_utf8_next_char (first); ; p = g_utf8_next_char (p))
    {
      g_ptr_array_add (typings, g_strndup (first, p - first));
      if (*p == '\0')
        break;
    }
  for (const char *p = last; *p != '\0';)
    {
      p = g_utf8_next_char (p);
      g_ptr_array_add (typings, g_strdup_printf ("%s %.*s", first, (int) (p - last), last));
    }

  for (guint i = 0; i < typings->len; i++)
    {
      const char *typed = g_ptr_array_index (typings, i);
      guint typed_keys = g_utf8_strlen (typed, -1);
      guint position;

      gboolean top_can_improve = typed_keys + 1 < MIN (best, number_keys);
      gboolean names_can_improve = typed_keys + 1 < best_names;

      if (!top_can_improve && !names_can_improve)
        break;
      position = position_of (db, ranking, typed, id,
                              names_can_improve ? MIN (best_names - typed_keys - 1, 1000) : 1);
      if (position == G_MAXUINT)
        continue;
      if (position == 0)
        best = MIN (best, typed_keys + 1);
      best_names = MIN (best_names, typed_keys + position + 1);
    }
  best = MIN (best, number_keys);

  g_array_append_val (tally->keys, best);
  g_array_append_val (tally->names_only, best_names);
}

static int
compare_guints (const void *a,
                const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static void
report_keys (const char *what,
             GArray     *keys,
             gboolean    session_total)
{
  g_autoptr(GArray) sorted = g_array_copy (keys);
  guint within = 0;
  guint64 sum = 0;

  if (sorted->len == 0)
    {
      g_print ("%s: nobody\n", what);
      return;
    }
  g_array_sort (sorted, compare_guints);
  for (guint i = 0; i < sorted->len; i++)
    {
      guint k = g_array_index (sorted, guint, i);

      within += k <= 4;
      sum += k;
    }
  g_print ("%s: median %u, p90 %u, mean %.1f keys; %.0f%% within 4 keys",
           what, g_array_index (sorted, guint, sorted->len / 2),
           g_array_index (sorted, guint, (guint) (0.9 * (sorted->len - 1) + 0.5)),
           (double) sum / sorted->len, 100.0 * within / sorted->len);
  if (session_total)
    g_print ("; 30 people: %.0f keys", 30.0 * sum / sorted->len);
  g_print ("\n");
}

static PdMember *
get_member (PdDatabase *db,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  PdMember *member = pd_members_get (db, id, &error);

  if (member == NULL)
    {
      g_printerr ("bench-keys: %s\n", error->message);
      exit (1);
    }
  return member;
}

static void
replay_desk (PdDatabase *db,
             const char *since)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  Tally ranked, by_name;

  stmt = pd_database_prepare (db,
                              "SELECT member_id, visited_at FROM visits"
                              " WHERE visited_at >= ? AND member_id IS NOT NULL"
                              " ORDER BY visited_at, id",
                              NULL);
  g_assert (stmt != NULL);
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (members, id);
      g_ptr_array_add (visits, pd_database_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);

  tally_init (&ranked);
  tally_init (&by_name);
  for (guint i = 0; i < visits->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdMember) member = get_member (db, g_array_index (members, gint64, i));
      g_autoptr(PdMemberRanking) ranking =
        pd_member_ranking_new_for_desk (db, g_ptr_array_index (visits, i), &error);

      if (ranking == NULL)
        {
          g_printerr ("bench-keys: %s\n", error->message);
          exit (1);
        }
      count_keys (db, ranking, member, &ranked);
      count_keys (db, NULL, member, &by_name);
    }

  g_print ("desk: %u visits since %s\n", visits->len, since);
  report_keys ("desk, ranked", ranked.keys, FALSE);
  report_keys ("desk, ranked, names only", ranked.names_only, FALSE);
  report_keys ("desk, by name", by_name.keys, FALSE);
  report_keys ("desk, by name, names only", by_name.names_only, FALSE);
  tally_clear (&ranked);
  tally_clear (&by_name);
}

static void
replay_attendance (PdDatabase *db,
                   const char *since)
{
  g_autoptr(GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  Tally ranked, by_name;
  guint n_people = 0;

  stmt = pd_database_prepare (db,
                              "SELECT s.id FROM sessions AS s"
                              " WHERE s.starts_at >= ? AND s.cancelled = 0"
                              "   AND EXISTS (SELECT 1 FROM attendance AS a WHERE a.session_id = s.id)"
                              " ORDER BY s.starts_at, s.id",
                              NULL);
  g_assert (stmt != NULL);
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (sessions, id);
    }
  sqlite3_reset (stmt);

  if (!pd_database_begin (db, &error))
    {
      g_printerr ("bench-keys: %s\n", error->message);
      exit (1);
    }

  tally_init (&ranked);
  tally_init (&by_name);
  for (guint s = 0; s < sessions->len; s++)
    {
      gint64 session_id = g_array_index (sessions, gint64, s);
      g_autoptr(GArray) attendees = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);

      stmt = pd_database_prepare (db,
                                  "SELECT member_id, recorded_at FROM attendance"
                                  " WHERE session_id = ? ORDER BY recorded_at, member_id",
                                  NULL);
      sqlite3_bind_int64 (stmt, 1, session_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (attendees, id);
          g_ptr_array_add (times, pd_database_column_dup (stmt, 1));
        }
      sqlite3_reset (stmt);

      stmt = pd_database_prepare (db, "DELETE FROM attendance WHERE session_id = ?", NULL);
      sqlite3_bind_int64 (stmt, 1, session_id);
      g_assert (pd_database_step_done (db, stmt, NULL));

      for (guint i = 0; i < attendees->len; i++)
        {
          gint64 member_id = g_array_index (attendees, gint64, i);
          g_autoptr(PdMember) member = get_member (db, member_id);
          g_autoptr(PdMemberRanking) ranking =
            pd_member_ranking_new_for_session (db, session_id, &error);

          g_assert (ranking != NULL);
          count_keys (db, ranking, member, &ranked);
          count_keys (db, NULL, member, &by_name);

          stmt = pd_database_prepare (db,
                                      "INSERT INTO attendance (session_id, member_id, recorded_at)"
                                      " VALUES (?, ?, ?)",
                                      NULL);
          sqlite3_bind_int64 (stmt, 1, session_id);
          sqlite3_bind_int64 (stmt, 2, member_id);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (times, i), -1, SQLITE_TRANSIENT);
          g_assert (pd_database_step_done (db, stmt, NULL));
          n_people++;
        }
    }
  pd_database_rollback (db);

  g_print ("attendance: %u sessions, %u attendees since %s\n", sessions->len, n_people, since);
  report_keys ("attendance, ranked", ranked.keys, TRUE);
  report_keys ("attendance, ranked, names only", ranked.names_only, TRUE);
  report_keys ("attendance, by name", by_name.keys, TRUE);
  report_keys ("attendance, by name, names only", by_name.names_only, TRUE);
  tally_clear (&ranked);
  tally_clear (&by_name);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  sqlite3_stmt *stmt;

  if (argc < 2 || argc > 3 ||
      (argc == 3 && !g_str_equal (argv[2], "desk") && !g_str_equal (argv[2], "attendance")))
    {
      g_printerr ("usage: bench-keys DATABASE [desk|attendance]\n");
      return 2;
    }
  db = pd_database_open (argv[1], &error);
  if (db == NULL)
    {
      g_printerr ("bench-keys: %s\n", error->message);
      return 1;
    }

  /* The last DAYS days of the history, up to its last visit. */
  stmt = pd_database_prepare (db,
                              "SELECT datetime (max (visited_at), '-' || ? || ' days') FROM visits",
                              NULL);
  sqlite3_bind_int (stmt, 1, DAYS);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    since = pd_database_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (since == NULL || *since == '\0')
    {
      g_printerr ("bench-keys: the database has no visits\n");
      return 1;
    }
  /* datetime() writes a space where the visits have a T. */
  since[10] = 'T';

  if (argc == 2 || g_str_equal (argv[2], "desk"))
    replay_desk (db, since);
  if (argc == 2 || g_str_equal (argv[2], "attendance"))
    replay_attendance (db, since);
  return 0;
}
