/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-attendance.h"
#include "pd-database.h"
#include "pd-member-list.h"
#include "pd-member-ranking.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-visits.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

/* Joined long ago, so that nobody here is a newcomer unless a test says so. */
static gint64
add_member (Fixture    *fixture,
            const char *first_name,
            const char *last_name,
            const char *number,
            const char *phone)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, "2020-01-01");
  if (number != NULL)
    pd_member_set (member, PD_MEMBER_FIELD_NUMBER, number);
  if (phone != NULL)
    pd_member_set (member, PD_MEMBER_FIELD_PHONE, phone);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

/* A local time @days_ago days before now. */
static char *
days_ago (double days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -days * 24 * 3600);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
}

static void
visit (Fixture *fixture,
       gint64   member_id,
       double   days)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = days_ago (days);

  g_assert_cmpint (pd_visits_check_in (fixture->db, member_id, 0, at, "test", &error), >, 0);
  g_assert_no_error (error);
}

/* The names in @list, "First Last" joined with commas, the first @n. */
static char *
names (PdMemberList *list,
       guint         n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(PdMember) member = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (out, "%s%s %s", i ? ", " : "",
                              pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME),
                              pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME));
    }
  g_test_message ("'%s' shows: %s", pd_member_list_get_query (list), out->str);
  return g_string_free (out, FALSE);
}

#define assert_shows(list, query, n, expected) \
  G_STMT_START { \
    g_autofree char *shown_ = NULL; \
    pd_member_list_set_query ((list), (query)); \
    shown_ = names ((list), (n)); \
    g_assert_cmpstr (shown_, ==, (expected)); \
  } G_STMT_END

/* "jos" at the desk: the regular who came three times this week, not
 * Josafat, who sorts first and never came, nor Alex Joshi, who came once
 * two months ago. */
static void
test_desk_frequent_first (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(PdMemberList) desk = NULL;
  g_autoptr(PdMemberList) members = NULL;
  gint64 alex = add_member (fixture, "Alex", "Joshi", NULL, NULL);
  gint64 jose = add_member (fixture, "Jose", "Reyes", NULL, NULL);
  gint64 josie = add_member (fixture, "Josie", "Adams", NULL, NULL);

  add_member (fixture, "Josafat", "Abbott", NULL, NULL);
  visit (fixture, alex, 60);
  visit (fixture, jose, 6);
  visit (fixture, jose, 3);
  visit (fixture, jose, 1);
  visit (fixture, josie, 2);

  desk = pd_member_list_new_for_desk (fixture->db);
  g_assert_cmpint (pd_member_list_get_rank (desk), ==, PD_MEMBER_LIST_RANK_DESK);
  assert_shows (desk, "jos", 4, "Jose Reyes, Josie Adams, Alex Joshi, Josafat Abbott");
  /* One visit yesterday outweighs one two months ago. */
  assert_shows (desk, "j", 3, "Jose Reyes, Josie Adams, Alex Joshi");
  /* A space and the start of the last name narrows to one. */
  assert_shows (desk, "jos ad", 3, "Josie Adams");

  /* New visits count once the desk ranks again (every ten minutes, so
   * that a check-in does not make the next keystroke wait). */
  visit (fixture, josie, 0.5);
  visit (fixture, josie, 0.2);
  visit (fixture, josie, 0.1);
  g_assert_finalize_object (g_steal_pointer (&desk));
  desk = pd_member_list_new_for_desk (fixture->db);
  assert_shows (desk, "jos", 3, "Josie Adams, Jose Reyes, Alex Joshi");

  /* The Members page keeps its name order. */
  members = pd_member_list_new (fixture->db);
  assert_shows (members, "jos", 4, "Josafat Abbott, Jose Reyes, Josie Adams, Alex Joshi");
}

/* Only what happened before the moment ranked for counts. */
static void
test_desk_at_a_moment (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(PdMemberRanking) before = NULL;
  g_autoptr(PdMemberRanking) after = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *moment = days_ago (5);
  gint64 jose = add_member (fixture, "Jose", "Reyes", NULL, NULL);

  add_member (fixture, "Alex", "Joshi", NULL, NULL);
  visit (fixture, jose, 2);

  before = pd_member_ranking_new_for_desk (fixture->db, moment, NULL);
  g_assert_cmpuint (pd_member_ranking_get_size (before), ==, 0);
  after = pd_member_ranking_new_for_desk (fixture->db, NULL, NULL);
  ids = pd_member_ranking_match (after, "jos");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, jose);
}

/* A newcomer who joined last week comes before an alphabetically earlier
 * member nobody has seen for months. */
static void
test_desk_newcomer (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PdMemberList) desk = pd_member_list_new_for_desk (fixture->db);
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -5);
  g_autofree char *joined = g_date_time_format (then, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  add_member (fixture, "Mara", "Abbott", NULL, NULL);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Marcus");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Bell");
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, joined);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);

  assert_shows (desk, "mar", 2, "Marcus Bell, Mara Abbott");
}

/* The member number typed exactly comes first of all, before the most
 * frequent visitor whose phone number starts with the same digits. */
static void
test_desk_number_first (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(PdMemberList) desk = NULL;
  gint64 jose = add_member (fixture, "Jose", "Reyes", NULL, "555 014 2367");

  add_member (fixture, "Zoe", "Zimmer", "M-000555", NULL);
  visit (fixture, jose, 1);
  visit (fixture, jose, 2);

  desk = pd_member_list_new_for_desk (fixture->db);
  assert_shows (desk, "555", 2, "Zoe Zimmer, Jose Reyes");
  assert_shows (desk, "M-000555", 2, "Zoe Zimmer");
}

/* Runs an INSERT with :text and :number; returns the new row's id. */
static gint64
run_insert (Fixture    *fixture,
            const char *sql,
            const char *text,
            gint64      number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (fixture->db, sql, &error);

  g_assert_no_error (error);
  if (strstr (sql, ":text") != NULL)
    pd_statement_bind_text (stmt, "text", text);
  if (strstr (sql, ":number") != NULL)
    pd_statement_bind_int64 (stmt, "number", number);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  return pd_statement_get_inserted_id (stmt);
}

static gint64
add_session (Fixture    *fixture,
             gint64      group_id,
             const char *starts_at)
{
  return run_insert (fixture,
                     "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                     " VALUES (:number, :text, 60)",
                     starts_at, group_id);
}

static void
mark (Fixture *fixture,
      gint64   session_id,
      gint64   member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_attendance_mark (fixture->db, session_id, member_id, &error));
  g_assert_no_error (error);
}

/* "ana" in a meeting marks the group's regular Ana Reyes, not Ana Colón,
 * who sorts first and came to another group; someone marked present
 * already comes after the regulars still to mark. */
static void
test_session_regular_first (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PdMemberList) list = NULL;
  gint64 group = run_insert (fixture,
                             "INSERT INTO groups (name, kind, start_date, created_at, updated_at)"
                             " VALUES (:text, 'peer_support', '2024-01-01', '2024-01-01T00:00:00Z',"
                             " '2024-01-01T00:00:00Z')",
                             "Tuesday peer support", 0);
  gint64 other = run_insert (fixture,
                             "INSERT INTO groups (name, kind, start_date, created_at, updated_at)"
                             " VALUES (:text, 'wellness', '2024-01-01', '2024-01-01T00:00:00Z',"
                             " '2024-01-01T00:00:00Z')",
                             "Wednesday wellness", 0);
  gint64 s1 = add_session (fixture, group, "2024-01-09T18:00");
  gint64 s2 = add_session (fixture, group, "2024-01-16T18:00");
  gint64 s3 = add_session (fixture, group, "2024-01-23T18:00");
  gint64 now = add_session (fixture, group, "2024-01-30T18:00");
  gint64 later = add_session (fixture, group, "2024-02-06T18:00");
  gint64 elsewhere = add_session (fixture, other, "2024-01-24T18:00");
  gint64 colon = add_member (fixture, "Ana", "Colón", NULL, NULL);
  gint64 reyes = add_member (fixture, "Ana", "Reyes", NULL, NULL);
  gint64 anabel = add_member (fixture, "Anabel", "Ortiz", NULL, NULL);

  add_member (fixture, "Ana", "Abbott", NULL, NULL);
  mark (fixture, s1, reyes);
  mark (fixture, s2, reyes);
  mark (fixture, s3, reyes);
  mark (fixture, s1, anabel);
  mark (fixture, elsewhere, colon);
  /* A session after the one at hand does not count. */
  mark (fixture, later, colon);

  list = pd_member_list_new_for_session (fixture->db, now);
  g_assert_cmpint (pd_member_list_get_rank (list), ==, PD_MEMBER_LIST_RANK_SESSION);
  assert_shows (list, "ana", 4, "Ana Reyes, Anabel Ortiz, Ana Abbott, Ana Colón");
  /* The full name of a namesake still finds her first. */
  assert_shows (list, "ana colon", 4, "Ana Colón");

  mark (fixture, now, reyes);
  assert_shows (list, "ana", 4, "Anabel Ortiz, Ana Reyes, Ana Abbott, Ana Colón");

  /* At the group's next session, where Colón is marked already: she
   * comes after the regulars still to mark, before the rest by name. */
  pd_member_list_set_session_id (list, later);
  assert_shows (list, "ana", 4, "Ana Reyes, Anabel Ortiz, Ana Colón, Ana Abbott");
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/members/ranking/desk/frequent-first", test_desk_frequent_first);
  ADD ("/members/ranking/desk/at-a-moment", test_desk_at_a_moment);
  ADD ("/members/ranking/desk/newcomer", test_desk_newcomer);
  ADD ("/members/ranking/desk/number-first", test_desk_number_first);
  ADD ("/members/ranking/session/regular-first", test_session_regular_first);

#undef ADD

  return g_test_run ();
}
