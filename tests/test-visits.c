/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-statement.h"
#include "pd-test-core.h"
#include "pd-text.h"
#include "pd-visits.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  guint n_visits_changed;
  guint n_members_changed;
  guint n_purposes_changed;
} Fixture;

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               Fixture    *fixture)
{
  if (g_str_equal (table, "visits"))
    fixture->n_visits_changed++;
  else if (g_str_equal (table, "members"))
    fixture->n_members_changed++;
  else if (g_str_equal (table, "visit_purposes"))
    fixture->n_purposes_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_signal_connect (fixture->db, "changed", G_CALLBACK (on_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static gint64
add_member (Fixture    *fixture,
            const char *first_name,
            const char *last_name,
            const char *preferred_name)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, preferred_name);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  return pd_test_query_int (fixture->db, sql);
}

static gint64
find_purpose (Fixture    *fixture,
              const char *label)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_purposes_find (fixture->db, label, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
check_in (Fixture    *fixture,
          gint64      member_id,
          gint64      purpose_id,
          const char *at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_visits_check_in (fixture->db, member_id, purpose_id, at, "Sam", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_day (Fixture    *fixture,
          const char *date)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *visits = pd_visits_list_day (fixture->db, date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (visits);
  return visits;
}

static void
test_local_now (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *today = pd_date_today ();
  g_autofree char *now = pd_local_now ();
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d$", now, 0, 0));
  /* Local time, as the clock on the wall; today could have turned into
   * tomorrow between the two calls only at midnight. */
  g_assert_true (g_str_has_prefix (now, today) || g_str_has_suffix (now, "T00:00:00"));
  normalized = pd_local_time_normalize (now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, now);
}

static void
test_check_in_default (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *today = pd_date_today ();
  g_autofree char *before = pd_local_now ();
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz", "");
  gint64 id;
  PdVisit *visit;

  id = check_in (fixture, ana, 0, NULL);
  after = pd_local_now ();
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);

  visits = list_day (fixture, today);
  /* Run at midnight, the visit may belong to the next day. */
  if (visits->len == 0 && !g_str_has_prefix (after, today))
    {
      g_test_skip ("the day turned during the test");
      return;
    }
  g_assert_cmpuint (visits->len, ==, 1);
  visit = g_ptr_array_index (visits, 0);
  g_assert_cmpint (visit->id, ==, id);
  g_assert_cmpint (visit->member_id, ==, ana);
  g_assert_cmpstr (visit->member_name, ==, "Ana Ruiz");
  g_assert_cmpstr (visit->member_number, ==, "M-000001");
  g_assert_cmpstr (visit->purpose, ==, "Drop-in");
  g_assert_cmpstr (visit->recorded_by, ==, "Sam");
  g_assert_cmpstr (visit->visited_at, >=, before);
  g_assert_cmpstr (visit->visited_at, <=, after);
}

static void
test_check_in_purpose_and_time (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) visits = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz", "");
  gint64 naloxone = find_purpose (fixture, "Naloxone kit");
  PdVisit *visit;

  check_in (fixture, ana, naloxone, "2024-05-06T09:15");
  check_in (fixture, ana, 0, "2024-05-06T16:40:05");

  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpuint (visits->len, ==, 2);
  visit = g_ptr_array_index (visits, 0);
  g_assert_cmpstr (visit->visited_at, ==, "2024-05-06T16:40:05");
  g_assert_cmpstr (visit->purpose, ==, "Drop-in");
  visit = g_ptr_array_index (visits, 1);
  /* Seconds are added, so that every stored time has the same form. */
  g_assert_cmpstr (visit->visited_at, ==, "2024-05-06T09:15:00");
  g_assert_cmpstr (visit->purpose, ==, "Naloxone kit");
}

static void
test_check_in_bad_time (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char *bad[] = {
    "2024-05-06 09:15", "2024-05-06T9:15", "2024-02-30T10:00", "2024-05-06T24:00",
    "2024-05-06T10:60", "2024-05-06T10:00:60", "2024-05-06T10:00:6", "2024-05-06",
    "06/05/2024 09:15", "", "2024-05-06T10:00Z",
  };
  gint64 ana = add_member (fixture, "Ana", "Ruiz", "");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("at = '%s'", bad[i]);
      g_assert_cmpint (pd_visits_check_in (fixture->db, ana, 0, bad[i], NULL, &error), ==, 0);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DDTHH:MM"));
    }
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visits"), ==, 0);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 0);
}

static void
test_check_in_unknown (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz", "");
  gint64 other = find_purpose (fixture, "Other");

  g_assert_cmpint (pd_visits_check_in (fixture->db, 9999, 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no member with id 9999");
  g_clear_error (&error);

  g_assert_cmpint (pd_visits_check_in (fixture->db, ana, 9999, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "purpose"));
  g_clear_error (&error);

  /* An archived purpose is kept for old visits, not offered for new ones. */
  g_assert_true (pd_purposes_set_archived (fixture->db, other, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_visits_check_in (fixture->db, ana, other, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Other” is archived"));

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visits"), ==, 0);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 0);
}

static void
test_check_in_inactive (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 ben = add_member (fixture, "Ben", "Ode", "");

  g_assert_true (pd_members_set_status (fixture->db, ben, "inactive", &error));
  g_assert_no_error (error);

  check_in (fixture, ben, 0, "2024-05-06T10:00");
  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((PdVisit *) g_ptr_array_index (visits, 0))->member_id, ==, ben);
}

static void
test_check_in_anonymous (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) visits = NULL;
  gint64 phone = find_purpose (fixture, "Phone or text support");
  PdVisit *visit;

  check_in (fixture, 0, phone, "2024-05-06T11:00");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visits WHERE member_id IS NULL"),
                   ==, 1);

  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpuint (visits->len, ==, 1);
  visit = g_ptr_array_index (visits, 0);
  g_assert_cmpint (visit->member_id, ==, 0);
  g_assert_null (visit->member_name);
  g_assert_null (visit->member_number);
  g_assert_cmpstr (visit->purpose, ==, "Phone or text support");
}

static void
test_newcomer (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autofree char *number = NULL;
  g_autofree char *today = pd_date_today ();
  g_autofree char *visited_at = NULL;
  gint64 group = find_purpose (fixture, "Group");
  gint64 visit_id, member_id;

  add_member (fixture, "Ana", "Ruiz", "");

  visit_id = pd_visits_check_in_newcomer (fixture->db, " Rosa ", " m. ", 1984, group, "Sam",
                                          &number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit_id, >, 0);
  g_assert_cmpstr (number, ==, "M-000002");
  g_assert_cmpuint (fixture->n_members_changed, ==, 2);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 1);

  member = pd_members_get_by_number (fixture->db, number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), ==, "Rosa");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, "M");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_BIRTH_DATE), ==, "1984");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_JOINED_DATE), ==, today);
  g_assert_true (pd_member_is_active (member));
  member_id = pd_member_get_id (member);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visits"), ==, 1);
  {
    g_autoptr(PdStatement) stmt = NULL;
    gboolean found = FALSE;

    stmt = pd_database_query (fixture->db,
                              "SELECT member_id, purpose_id, visited_at, recorded_by"
                              " FROM visits WHERE id = :id", &error);
    g_assert_no_error (error);
    pd_statement_bind_int64 (stmt, "id", visit_id);
    g_assert_true (pd_statement_fetch (stmt, &found, &error));
    g_assert_true (found);
    g_assert_cmpint (pd_statement_get_int64 (stmt, 0), ==, member_id);
    g_assert_cmpint (pd_statement_get_int64 (stmt, 1), ==, group);
    visited_at = pd_statement_dup_text (stmt, 2);
    g_assert_cmpstr (pd_statement_get_text (stmt, 3), ==, "Sam");
  }
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d$",
                                       visited_at, 0, 0));

  /* Found by name at the next visit, as anyone registered the long way. */
  {
    g_autoptr(GPtrArray) found = pd_members_search (fixture->db, "ros", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }

  /* Neither an initial nor a birth year is needed. */
  g_clear_pointer (&number, g_free);
  visit_id = pd_visits_check_in_newcomer (fixture->db, "Émile", NULL, 0, 0, NULL, &number,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit_id, >, 0);
  g_clear_object (&member);
  member = pd_members_get_by_number (fixture->db, number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, "");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_BIRTH_DATE), ==, "");

  /* A letter of any script, upper-cased. */
  g_clear_object (&member);
  member = pd_newcomer_new ("Zoë", "ø", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, "Ø");
}

static void
assert_nothing_saved (Fixture *fixture)
{
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM members"), ==, 0);
  g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visits"), ==, 0);
  /* SQLite's name index; a server's search is search.sql's. */
  if (!pd_test_is_postgresql ())
    g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM members_fts"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM meta WHERE key = 'bulk_load'"), ==,
                   0);
  g_assert_cmpuint (fixture->n_members_changed, ==, 0);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 0);
}

static void
test_newcomer_refused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint next_year = g_date_time_get_year (now) + 1;
  struct {
    const char *first_name;
    const char *initial;
    guint year;
    gint64 purpose;
    int code;
    const char *message;
  } cases[] = {
    { "", "R", 1980, 0, PD_ERROR_INVALID, "First name: this is required" },
    { "   ", NULL, 0, 0, PD_ERROR_INVALID, "First name: this is required" },
    { NULL, NULL, 0, 0, PD_ERROR_INVALID, "First name: this is required" },
    { "Rosa", "Mc", 0, 0, PD_ERROR_INVALID, "Last initial: “Mc” is not one letter" },
    { "Rosa", "4", 0, 0, PD_ERROR_INVALID, "Last initial: “4” is not one letter" },
    { "Rosa", NULL, next_year, 0, PD_ERROR_INVALID, "is in the future" },
    { "Rosa", NULL, 1066, 0, PD_ERROR_INVALID, "is not a date" },
    /* The member is written before the visit fails: both go. */
    { "Rosa", "M", 1984, 9999, PD_ERROR_NOT_FOUND, "There is no visit purpose with id 9999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char *number = NULL;

      g_test_message ("first name '%s', initial '%s', year %u, purpose %" G_GINT64_FORMAT,
                      cases[i].first_name, cases[i].initial, cases[i].year, cases[i].purpose);
      g_assert_cmpint (pd_visits_check_in_newcomer (fixture->db, cases[i].first_name,
                                                    cases[i].initial, cases[i].year,
                                                    cases[i].purpose, "Sam", &number, &error),
                       ==, 0);
      g_assert_error (error, PD_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_null (number);
      assert_nothing_saved (fixture);
    }

  /* And the next one is saved whole, with the first number. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *number = NULL;
    g_autoptr(GArray) found = NULL;

    g_assert_cmpint (pd_visits_check_in_newcomer (fixture->db, "Rosa", "M", 1984, 0, NULL,
                                                  &number, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpstr (number, ==, "M-000001");
    /* Found by name at once, whichever engine keeps the names. */
    found = pd_members_search_ids (fixture->db, "Rosa", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz", "");
  gint64 keep, mistake;

  keep = check_in (fixture, ana, 0, "2024-05-06T09:00");
  mistake = check_in (fixture, ana, 0, "2024-05-06T09:01");
  g_assert_cmpuint (fixture->n_visits_changed, ==, 2);

  g_assert_true (pd_visits_delete (fixture->db, mistake, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 3);
  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((PdVisit *) g_ptr_array_index (visits, 0))->id, ==, keep);

  g_assert_false (pd_visits_delete (fixture->db, mistake, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->n_visits_changed, ==, 3);
}

static void
test_day_list (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 ana = add_member (fixture, "Anastasia", "Ruiz", "Ana");
  gint64 ben = add_member (fixture, "Ben", "", "");
  gint64 referral = find_purpose (fixture, "Resource referral");
  struct {
    gint64 member;
    const char *name;
    const char *number;
    const char *at;
    const char *purpose;
  } expected[] = {
    { 0, NULL, NULL, "2024-05-06T23:59:59", "Drop-in" },
    { ben, "Ben", "M-000002", "2024-05-06T14:00:00", "Drop-in" },
    { ana, "Ana Ruiz", "M-000001", "2024-05-06T14:00:00", "Resource referral" },
    { ana, "Ana Ruiz", "M-000001", "2024-05-06T09:30:00", "Drop-in" },
    { ben, "Ben", "M-000002", "2024-05-06T00:00:00", "Drop-in" },
  };

  /* The days either side do not belong to the list. */
  check_in (fixture, ana, 0, "2024-05-05T23:59:59");
  check_in (fixture, ana, 0, "2024-05-07T00:00");

  /* Recorded out of order; two at the same minute come latest-recorded
   * first. */
  check_in (fixture, ana, 0, "2024-05-06T09:30");
  check_in (fixture, ben, 0, "2024-05-06T00:00");
  check_in (fixture, 0, 0, "2024-05-06T23:59:59");
  check_in (fixture, ana, referral, "2024-05-06T14:00");
  check_in (fixture, ben, 0, "2024-05-06T14:00");

  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpuint (visits->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < visits->len; i++)
    {
      PdVisit *visit = g_ptr_array_index (visits, i);

      g_test_message ("visit %u", i);
      g_assert_cmpint (visit->member_id, ==, expected[i].member);
      g_assert_cmpstr (visit->member_name, ==, expected[i].name);
      g_assert_cmpstr (visit->member_number, ==, expected[i].number);
      g_assert_cmpstr (visit->visited_at, ==, expected[i].at);
      g_assert_cmpstr (visit->purpose, ==, expected[i].purpose);
      g_assert_cmpstr (visit->recorded_by, ==, "Sam");
    }

  g_clear_pointer (&visits, g_ptr_array_unref);
  visits = list_day (fixture, "2024-05-08");
  g_assert_cmpuint (visits->len, ==, 0);

  g_assert_null (pd_visits_list_day (fixture->db, "2024-5-6", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_day_counts (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz", "");
  gint64 ben = add_member (fixture, "Ben", "Ode", "");
  gint64 cy = add_member (fixture, "Cy", "Lee", "");
  PdDayCounts counts = { 99, 99, 99 };

  check_in (fixture, ana, 0, "2024-05-06T09:00");
  check_in (fixture, ana, find_purpose (fixture, "Naloxone kit"), "2024-05-06T15:00");
  check_in (fixture, ben, 0, "2024-05-06T10:00");
  check_in (fixture, 0, 0, "2024-05-06T11:00");
  check_in (fixture, 0, 0, "2024-05-06T12:00");
  check_in (fixture, cy, 0, "2024-05-07T09:00");
  check_in (fixture, 0, 0, "2024-05-05T09:00");

  g_assert_true (pd_visits_count_day (fixture->db, "2024-05-06", &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.visits, ==, 5);
  g_assert_cmpuint (counts.people, ==, 2);
  g_assert_cmpuint (counts.anonymous, ==, 2);

  g_assert_true (pd_visits_count_day (fixture->db, "2024-05-07", &counts, &error));
  g_assert_cmpuint (counts.visits, ==, 1);
  g_assert_cmpuint (counts.people, ==, 1);
  g_assert_cmpuint (counts.anonymous, ==, 0);

  g_assert_true (pd_visits_count_day (fixture->db, "2024-05-08", &counts, &error));
  g_assert_cmpuint (counts.visits, ==, 0);
  g_assert_cmpuint (counts.people, ==, 0);
  g_assert_cmpuint (counts.anonymous, ==, 0);

  g_assert_false (pd_visits_count_day (fixture->db, "yesterday", &counts, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static GPtrArray *
list_purposes (Fixture  *fixture,
               gboolean  include_archived)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *purposes = pd_purposes_list (fixture->db, include_archived, &error);

  g_assert_no_error (error);
  g_assert_nonnull (purposes);
  return purposes;
}

static char *
purpose_labels (Fixture  *fixture,
                gboolean  include_archived)
{
  g_autoptr(GPtrArray) purposes = list_purposes (fixture, include_archived);
  GString *labels = g_string_new (NULL);

  for (guint i = 0; i < purposes->len; i++)
    {
      PdPurpose *purpose = g_ptr_array_index (purposes, i);

      g_string_append_printf (labels, "%s%s%s%s", i ? "|" : "", purpose->label,
                              purpose->is_default ? "*" : "", purpose->archived ? "(a)" : "");
    }
  return g_string_free (labels, FALSE);
}

static void
test_purposes_add (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = purpose_labels (fixture, TRUE);
  gint64 id;

  g_assert_cmpstr (labels, ==,
                   "Drop-in*|One-to-one peer support|Group|Resource referral|Naloxone kit|"
                   "Phone or text support|Other");

  id = pd_purposes_add (fixture->db, "  Housing help ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (fixture->n_purposes_changed, ==, 1);
  g_free (labels);
  labels = purpose_labels (fixture, FALSE);
  g_assert_true (g_str_has_suffix (labels, "|Other|Housing help"));

  /* Found whatever the case, in any script. */
  g_assert_cmpint (pd_purposes_find (fixture->db, "HOUSING HELP", &error), ==, id);
  g_assert_cmpint (pd_purposes_find (fixture->db, " naloxone KIT ", &error), ==,
                   find_purpose (fixture, "Naloxone kit"));
  g_assert_cmpint (pd_purposes_add (fixture->db, "Éducation", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (pd_purposes_find (fixture->db, "éDUCATION", &error), ==,
                   find_purpose (fixture, "Éducation"));
  g_assert_no_error (error);

  g_assert_cmpint (pd_purposes_find (fixture->db, "Haircut", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Haircut”"));
  g_clear_error (&error);

  g_assert_cmpint (pd_purposes_add (fixture->db, "housing HELP", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a visit purpose “housing HELP”");
  g_clear_error (&error);

  g_assert_cmpint (pd_purposes_add (fixture->db, "  ", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visit_purposes"), ==, 9);
  g_assert_cmpuint (fixture->n_purposes_changed, ==, 2);
}

static void
test_purposes_rename (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  gint64 other = find_purpose (fixture, "Other");

  check_in (fixture, 0, other, "2024-05-06T10:00");

  g_assert_true (pd_purposes_rename (fixture->db, other, "Something else", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_purposes_find (fixture->db, "Something else", &error), ==, other);
  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->purpose, ==, "Something else");

  /* Its own name in another case is still its own. */
  g_assert_true (pd_purposes_rename (fixture->db, other, "something else", &error));
  g_assert_no_error (error);

  g_assert_false (pd_purposes_rename (fixture->db, other, "DROP-IN", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (pd_purposes_rename (fixture->db, other, "", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_purposes_rename (fixture->db, 9999, "Anything", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (pd_purposes_find (fixture->db, "something else", &error), ==, other);
  g_assert_no_error (error);
}

static void
test_purposes_default (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *labels = NULL;
  gint64 peer = find_purpose (fixture, "One-to-one peer support");
  gint64 other = find_purpose (fixture, "Other");

  g_assert_true (pd_purposes_set_default (fixture->db, peer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visit_purposes WHERE is_default = 1"),
                   ==, 1);
  labels = purpose_labels (fixture, FALSE);
  g_assert_cmpstr (labels, ==,
                   "Drop-in|One-to-one peer support*|Group|Resource referral|Naloxone kit|"
                   "Phone or text support|Other");

  /* Setting it again changes nothing. */
  g_assert_true (pd_purposes_set_default (fixture->db, peer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM visit_purposes WHERE is_default = 1"),
                   ==, 1);

  check_in (fixture, 0, 0, "2024-05-06T10:00");
  visits = list_day (fixture, "2024-05-06");
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->purpose, ==,
                   "One-to-one peer support");

  /* An archived purpose cannot be the default, nor an unknown one; the
   * default stays where it was. */
  g_assert_true (pd_purposes_set_archived (fixture->db, other, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (pd_purposes_set_default (fixture->db, other, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_purposes_set_default (fixture->db, 9999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT id FROM visit_purposes WHERE is_default = 1"), ==,
                   peer);

  /* The database itself allows one default at most. */
  g_assert_false (pd_database_exec (fixture->db,
                                    "UPDATE visit_purposes SET is_default = 1"
                                    " WHERE label = 'Group'",
                                    &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
}

static void
test_purposes_archive (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  gint64 drop_in = find_purpose (fixture, "Drop-in");
  gint64 group = find_purpose (fixture, "Group");

  g_assert_false (pd_purposes_set_archived (fixture->db, drop_in, TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Drop-in” is the default purpose: "
                   "choose another default before archiving it");
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT archived FROM visit_purposes WHERE is_default = 1"),
                   ==, 0);

  g_assert_true (pd_purposes_set_archived (fixture->db, group, TRUE, &error));
  g_assert_no_error (error);
  labels = purpose_labels (fixture, FALSE);
  g_assert_null (strstr (labels, "Group"));
  g_free (labels);
  labels = purpose_labels (fixture, TRUE);
  g_assert_nonnull (strstr (labels, "|Group(a)|"));
  /* Still found, for the visits that have it. */
  g_assert_cmpint (pd_purposes_find (fixture->db, "group", &error), ==, group);

  g_assert_true (pd_purposes_set_archived (fixture->db, group, FALSE, &error));
  g_assert_no_error (error);
  g_free (labels);
  labels = purpose_labels (fixture, FALSE);
  g_assert_nonnull (strstr (labels, "|Group|"));

  g_assert_false (pd_purposes_set_archived (fixture->db, 9999, TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static gint64
visit_at (Fixture    *fixture,
          gint64      member_id,
          const char *at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_visits_check_in (fixture->db, member_id, 0, at, "Kim", &error);

  g_assert_no_error (error);
  return id;
}

static void
test_last_at (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 ana = add_member (fixture, "Ana", "Rivera", "");
  gint64 bea = add_member (fixture, "Bea", "Nolan", "");
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  g_autofree char *before = NULL;
  g_autofree char *none = NULL;

  visit_at (fixture, ana, "2026-03-10T09:00:00");
  visit_at (fixture, ana, "2026-03-12T15:30:00");
  visit_at (fixture, ana, "2026-03-11T10:00:00");
  visit_at (fixture, 0, "2026-03-13T10:00:00");

  last = pd_visits_last_at (fixture->db, ana, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (last, ==, "2026-03-12T15:30:00");
  before = pd_visits_last_at (fixture->db, ana, "2026-03-12T00:00:00", &error);
  g_assert_cmpstr (before, ==, "2026-03-11T10:00:00");
  none = pd_visits_last_at (fixture->db, bea, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_recent_namesakes (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 rivera = add_member (fixture, "Ana", "Rivera", "");
  gint64 ruiz = add_member (fixture, "Ána", "Ruiz", "");
  gint64 old = add_member (fixture, "Ana", "Reyes", "");
  gint64 other = add_member (fixture, "Ana", "Smith", "");
  gint64 called = add_member (fixture, "Anastasia", "Roe", "Ana");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GError) error = NULL;

  visit_at (fixture, rivera, "2026-03-01T09:00:00");
  visit_at (fixture, ruiz, "2026-03-05T09:00:00");
  visit_at (fixture, old, "2025-01-05T09:00:00");
  visit_at (fixture, other, "2026-03-05T09:00:00");
  visit_at (fixture, called, "2026-02-20T09:00:00");

  /* Seen since February, called Ana (accents and case aside), last name
   * in R; the latest visitor first. */
  found = pd_visits_find_recent_namesakes (fixture->db, "ana", "r", "2026-02-01", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpint (pd_member_get_id (g_ptr_array_index (found, 0)), ==, ruiz);
  g_assert_cmpint (pd_member_get_id (g_ptr_array_index (found, 1)), ==, rivera);
  g_assert_cmpint (pd_member_get_id (g_ptr_array_index (found, 2)), ==, called);

  any = pd_visits_find_recent_namesakes (fixture->db, "Ana", NULL, "2026-02-01", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (any->len, ==, 2);
}

static void
test_describe_day (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A Thursday. */
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 12, 15, 0, 0);
  struct { const char *at; const char *said; } days[] = {
    { "2026-03-12T08:00:00", "today" },
    { "2026-03-11T23:59:00", "yesterday" },
    { "2026-03-10T10:00:00", "Tuesday" },
    { "2026-03-06T10:00:00", "Friday" },
    { "2026-03-05T10:00:00", "5 March" },
    { "2026-01-02T10:00:00", "2 January" },
    { "2025-12-30T10:00:00", "30 December 2025" },
    { "2026-03-12T18:00", "today" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *said = pd_describe_day (days[i].at, now);

      g_assert_cmpstr (said, ==, days[i].said);
    }
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/visits/local-now", test_local_now);
  ADD ("/visits/check-in/default-purpose", test_check_in_default);
  ADD ("/visits/check-in/purpose-and-time", test_check_in_purpose_and_time);
  ADD ("/visits/check-in/bad-time", test_check_in_bad_time);
  ADD ("/visits/check-in/unknown", test_check_in_unknown);
  ADD ("/visits/check-in/inactive-member", test_check_in_inactive);
  ADD ("/visits/check-in/anonymous", test_check_in_anonymous);
  ADD ("/visits/newcomer/saved", test_newcomer);
  ADD ("/visits/newcomer/refused", test_newcomer_refused);
  ADD ("/visits/delete", test_delete);
  ADD ("/visits/day/list", test_day_list);
  ADD ("/visits/day/counts", test_day_counts);
  ADD ("/visits/last-at", test_last_at);
  ADD ("/visits/recent-namesakes", test_recent_namesakes);
  ADD ("/visits/describe-day", test_describe_day);
  ADD ("/visits/purposes/add-and-find", test_purposes_add);
  ADD ("/visits/purposes/rename", test_purposes_rename);
  ADD ("/visits/purposes/default", test_purposes_default);
  ADD ("/visits/purposes/archive", test_purposes_archive);

#undef ADD

  return g_test_run ();
}
