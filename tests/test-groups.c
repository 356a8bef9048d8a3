/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-text.h"
#include "pd-volunteers.h"

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *db;
  guint n_groups_changed;
  guint n_sessions_changed;
} Fixture;

static void
on_groups_changed_cb (PdDatabase *db,
                      const char *table,
                      Fixture    *fixture)
{
  fixture->n_groups_changed++;
}

static void
on_sessions_changed_cb (PdDatabase *db,
                        const char *table,
                        Fixture    *fixture)
{
  fixture->n_sessions_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, &fixture->path);
  g_signal_connect (fixture->db, "changed::groups", G_CALLBACK (on_groups_changed_cb), fixture);
  g_signal_connect (fixture->db, "changed::sessions", G_CALLBACK (on_sessions_changed_cb),
                    fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
  g_free (fixture->path);
}

static PdGroup *
new_group (const char *name,
           PdWeekdays  weekdays,
           const char *start_time,
           const char *start_date,
           const char *end_date)
{
  PdGroup *group = pd_group_new ();

  g_free (group->name);
  group->name = g_strdup (name);
  group->weekdays = weekdays;
  g_free (group->start_time);
  group->start_time = g_strdup (start_time);
  g_free (group->start_date);
  group->start_date = g_strdup (start_date);
  g_free (group->end_date);
  group->end_date = g_strdup (end_date);
  return group;
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gint64
insert_group (PdDatabase *db,
              PdGroup    *group)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_groups_insert (db, group, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (group->id, ==, id);
  return id;
}

static gint64
add_weekly_group (PdDatabase *db,
                  const char *name,
                  PdWeekdays  weekdays,
                  const char *start_time,
                  const char *mode)
{
  g_autoptr(PdGroup) group = new_group (name, weekdays, start_time, "2026-01-01", "");

  set_text (&group->attendance_mode, mode);
  return insert_group (db, group);
}

static gint64
add_session (PdDatabase *db,
             gint64      group_id,
             const char *starts_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_sessions_add (db, group_id, starts_at, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_member (PdDatabase *db,
            const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

/* Records a name at a session the way any program could, past the store,
 * so that what is checked is the database itself. */
static gboolean
insert_attendance (PdDatabase  *db,
                   gint64       session_id,
                   gint64       member_id,
                   GError     **error)
{
  g_autofree char *sql =
    g_strdup_printf ("INSERT INTO attendance (session_id, member_id, recorded_at)"
                     " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '2026-03-02T18:05:00Z')",
                     session_id, member_id);

  return pd_database_exec (db, sql, error);
}

static gint64
query_int (PdDatabase *db,
           const char *sql)
{
  return pd_test_query_int (db, sql);
}

static gint64
add_volunteer (PdDatabase *db,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  gint64 id;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup (name);
  id = pd_volunteers_insert (db, volunteer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assert_starts (GPtrArray         *starts,
               const char *const *expected)
{
  g_assert_nonnull (starts);
  for (guint i = 0; i < starts->len || expected[i] != NULL; i++)
    {
      g_assert_nonnull (expected[i]);
      g_assert_cmpuint (i, <, starts->len);
      g_assert_cmpstr (g_ptr_array_index (starts, i), ==, expected[i]);
    }
}

static void
assert_session_starts (GPtrArray         *sessions,
                       const char *const *expected)
{
  g_autoptr(GPtrArray) starts = g_ptr_array_new ();

  g_assert_nonnull (sessions);
  for (guint i = 0; i < sessions->len; i++)
    g_ptr_array_add (starts, ((PdSession *) g_ptr_array_index (sessions, i))->starts_at);
  assert_starts (starts, expected);
}

static void
test_codes (void)
{
  const PdCode *kinds = pd_group_kinds ();
  const PdCode *modes = pd_attendance_modes ();
  const char *kind_codes[] = { "peer_support", "all_recovery", "mutual_aid", "family",
                               "wellness", "training", "other", NULL };
  const char *mode_codes[] = { "named", "headcount", "both", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (kind_codes); i++)
    g_assert_cmpstr (kinds[i].code, ==, kind_codes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (mode_codes); i++)
    g_assert_cmpstr (modes[i].code, ==, mode_codes[i]);
  g_assert_cmpstr (pd_code_label (kinds, "mutual_aid"), ==,
                   "Hosted mutual-aid meeting (12-step, SMART…)");
  g_assert_cmpstr (pd_code_label (modes, "headcount"), ==, "Headcount only");
}

static void
test_new_defaults (void)
{
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(PdGroup) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();

  g_assert_cmpstr (group->kind, ==, "peer_support");
  g_assert_cmpstr (group->attendance_mode, ==, "named");
  g_assert_cmpuint (group->duration_minutes, ==, 60);
  g_assert_cmpstr (group->start_date, ==, today);
  g_assert_cmpstr (group->end_date, ==, "");
  g_assert_cmpuint (group->weekdays, ==, 0);
  g_assert_false (group->archived);

  /* Only the name is missing from a new group. */
  g_assert_false (pd_group_validate (group, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  set_text (&group->name, "Tuesday circle");
  g_assert_true (pd_group_validate (group, &error));
  g_assert_no_error (error);

  copy = pd_group_copy (group);
  g_assert_true (copy->name != group->name);
  g_assert_cmpstr (copy->name, ==, "Tuesday circle");
  g_assert_cmpstr (copy->start_date, ==, today);
  g_assert_cmpuint (copy->duration_minutes, ==, 60);
}

typedef void (*GroupChange) (PdGroup *group);

static void set_blank_name (PdGroup *g) { set_text (&g->name, "  "); }
static void set_unknown_kind (PdGroup *g) { set_text (&g->kind, "bowling"); }
static void set_unknown_mode (PdGroup *g) { set_text (&g->attendance_mode, "secret"); }
static void set_no_time (PdGroup *g) { set_text (&g->start_time, ""); }
static void set_hour_25 (PdGroup *g) { set_text (&g->start_time, "25:00"); }
static void set_minute_60 (PdGroup *g) { set_text (&g->start_time, "18:60"); }
static void set_short_time (PdGroup *g) { set_text (&g->start_time, "9:30"); }
static void set_bad_weekdays (PdGroup *g) { g->weekdays = 128; }
static void set_no_start_date (PdGroup *g) { set_text (&g->start_date, ""); }
static void set_bad_start_date (PdGroup *g) { set_text (&g->start_date, "2026-02-30"); }
static void set_bad_end_date (PdGroup *g) { set_text (&g->end_date, "2026-13-01"); }
static void set_early_end_date (PdGroup *g) { set_text (&g->end_date, "2026-01-31"); }
static void set_no_duration (PdGroup *g) { g->duration_minutes = 0; }
static void set_long_duration (PdGroup *g) { g->duration_minutes = 1441; }

static void
test_validate (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const struct {
    GroupChange change;
    const char *message;
  } cases[] = {
    { set_blank_name, "name: this is required" },
    { set_unknown_kind, "kind: “bowling” is not a known code (one of: peer_support, all_recovery,"
                        " mutual_aid, family, wellness, training, other)" },
    { set_unknown_mode, "attendance mode: “secret” is not a known code (one of: named,"
                        " headcount, both)" },
    { set_no_time, "start time: this is required for a weekly meeting" },
    { set_hour_25, "start time: “25:00” is not a time (HH:MM)" },
    { set_minute_60, "start time: “18:60” is not a time (HH:MM)" },
    { set_short_time, "start time: “9:30” is not a time (HH:MM)" },
    { set_bad_weekdays, "weekdays: 128 is not a set of weekdays (0 to 127)" },
    { set_no_start_date, "start date: this is required" },
    { set_bad_start_date, "start date: “2026-02-30” is not a date (YYYY-MM-DD)" },
    { set_bad_end_date, "end date: “2026-13-01” is not a date (YYYY-MM-DD)" },
    { set_early_end_date, "end date: 2026-01-31 is before the start date, 2026-02-01" },
    { set_no_duration, "duration: 0 minutes is not between 1 and 1440 (a day)" },
    { set_long_duration, "duration: 1441 minutes is not between 1 and 1440 (a day)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdGroup) group = new_group ("Tuesday circle", PD_WEEKDAY_TUESDAY, "18:00",
                                            "2026-02-01", "2026-12-31");
      g_autoptr(GError) error = NULL;

      g_assert_true (pd_group_validate (group, NULL));
      cases[i].change (group);
      g_assert_false (pd_group_validate (group, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);

      /* The store refuses what validation refuses, and writes nothing. */
      g_assert_cmpint (pd_groups_insert (fixture->db, group, &error), ==, 0);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    }
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM groups"), ==, 0);
  g_assert_cmpuint (fixture->n_groups_changed, ==, 0);

  /* A one-off group needs no time, and may have an end on its start day. */
  {
    g_autoptr(PdGroup) group = new_group ("Open day", 0, "", "2026-05-01", "2026-05-01");
    g_autoptr(GError) error = NULL;

    g_assert_true (pd_group_validate (group, &error));
    g_assert_no_error (error);
  }
}

static void
test_schedule_weekly (void)
{
  g_autoptr(PdGroup) group = new_group ("Tuesday circle", PD_WEEKDAY_TUESDAY, "18:00",
                                        "2026-01-01", "");
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "2026-03-03T18:00", "2026-03-10T18:00", "2026-03-17T18:00",
                             "2026-03-24T18:00", "2026-03-31T18:00", NULL };

  starts = pd_schedule_expand (group, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  assert_starts (starts, expected);
}

static void
test_schedule_several_weekdays (void)
{
  g_autoptr(PdGroup) group = new_group ("Morning walk",
                                        PD_WEEKDAY_MONDAY | PD_WEEKDAY_WEDNESDAY |
                                        PD_WEEKDAY_FRIDAY | PD_WEEKDAY_SUNDAY,
                                        "07:30", "2026-01-01", "");
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "2026-03-01T07:30", "2026-03-02T07:30", "2026-03-04T07:30",
                             "2026-03-06T07:30", "2026-03-08T07:30", "2026-03-09T07:30", NULL };

  starts = pd_schedule_expand (group, "2026-03-01", "2026-03-09", &error);
  g_assert_no_error (error);
  assert_starts (starts, expected);
}

static void
test_schedule_bounds (void)
{
  g_autoptr(PdGroup) group = new_group ("Spring series", PD_WEEKDAY_TUESDAY, "18:00",
                                        "2026-03-10", "2026-03-24");
  g_autoptr(PdGroup) one_off = new_group ("Open day", 0, "10:00", "2026-03-10", "");
  g_autoptr(GError) error = NULL;
  GPtrArray *starts;

  /* Clipped to the group's own dates, both of which are included. */
  {
    const char *expected[] = { "2026-03-10T18:00", "2026-03-17T18:00", "2026-03-24T18:00",
                               NULL };

    starts = pd_schedule_expand (group, "2026-01-01", "2026-12-31", &error);
    g_assert_no_error (error);
    assert_starts (starts, expected);
    g_ptr_array_unref (starts);
  }

  /* The range's ends are included too. */
  {
    const char *expected[] = { "2026-03-17T18:00", NULL };

    starts = pd_schedule_expand (group, "2026-03-17", "2026-03-17", &error);
    g_assert_no_error (error);
    assert_starts (starts, expected);
    g_ptr_array_unref (starts);
  }

  /* No end date: the schedule runs on. */
  {
    const char *expected[] = { "2027-03-02T18:00", NULL };

    set_text (&group->end_date, "");
    starts = pd_schedule_expand (group, "2027-03-01", "2027-03-07", &error);
    g_assert_no_error (error);
    assert_starts (starts, expected);
    g_ptr_array_unref (starts);
  }

  /* Ranges with nothing in them. */
  starts = pd_schedule_expand (group, "2026-03-31", "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, ==, 0);
  g_ptr_array_unref (starts);

  starts = pd_schedule_expand (group, "2026-01-01", "2026-03-09", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, ==, 0);
  g_ptr_array_unref (starts);

  starts = pd_schedule_expand (one_off, "2026-01-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, ==, 0);
  g_ptr_array_unref (starts);

  /* A range that is not made of dates says which end is wrong. */
  g_assert_null (pd_schedule_expand (group, "2026-03-01", "31/03/2026", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "to: “31/03/2026” is not a date (YYYY-MM-DD)");
  g_clear_error (&error);

  set_text (&group->start_time, "6pm");
  g_assert_null (pd_schedule_expand (group, "2026-03-01", "2026-03-31", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "start time: “6pm” is not a time (HH:MM)");
}

/* Checks one range across a change of the clocks in New York: every
 * session at 18:00 on a Sunday or a Tuesday, and the change really inside
 * the range (the offset from UTC differs between the first and the last,
 * and some week between two sessions is not 7 × 24 hours long). */
static void
check_daylight_saving_range (GTimeZone         *new_york,
                             const char        *from,
                             const char        *to,
                             const char *const *expected)
{
  g_autoptr(PdGroup) group = new_group ("Sunday and Tuesday",
                                        PD_WEEKDAY_SUNDAY | PD_WEEKDAY_TUESDAY, "18:00",
                                        "2026-01-01", "");
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) previous_sunday = NULL;
  gboolean short_or_long_week = FALSE;

  starts = pd_schedule_expand (group, from, to, &error);
  g_assert_no_error (error);
  assert_starts (starts, expected);

  for (guint i = 0; i < starts->len; i++)
    {
      const char *start = g_ptr_array_index (starts, i);
      g_autofree char *date_text = g_strndup (start, 10);
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GDateTime) in_new_york = NULL;
      GDateWeekday weekday;
      GDate date;
      struct tm tm = { 0 };

      g_assert_true (pd_date_parse (date_text, &date));
      weekday = g_date_get_weekday (&date);
      g_assert_true (weekday == G_DATE_SUNDAY || weekday == G_DATE_TUESDAY);
      g_assert_cmpstr (start + 10, ==, "T18:00");

      /* The C library, under TZ, reads the same wall time back. */
      tm.tm_year = g_date_get_year (&date) - 1900;
      tm.tm_mon = g_date_get_month (&date) - 1;
      tm.tm_mday = g_date_get_day (&date);
      tm.tm_hour = 18;
      tm.tm_isdst = -1;
      g_assert_cmpint (mktime (&tm), !=, (time_t) -1);
      g_assert_cmpint (tm.tm_hour, ==, 18);
      g_assert_cmpint (tm.tm_min, ==, 0);
      g_assert_cmpint (tm.tm_mday, ==, g_date_get_day (&date));

      local = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 18, 0, 0);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 18);
      in_new_york = g_date_time_new (new_york, g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 18, 0, 0);
      g_assert_cmpint (g_date_time_get_hour (in_new_york), ==, 18);
      g_assert_cmpint (g_date_time_to_unix (local), ==, g_date_time_to_unix (in_new_york));

      if (first == NULL)
        first = g_date_time_ref (in_new_york);
      if (weekday == G_DATE_SUNDAY)
        {
          if (previous_sunday != NULL &&
              g_date_time_difference (in_new_york, previous_sunday) != 7 * G_TIME_SPAN_DAY)
            short_or_long_week = TRUE;
          g_clear_pointer (&previous_sunday, g_date_time_unref);
          previous_sunday = g_date_time_ref (in_new_york);
        }
    }

  g_assert_nonnull (first);
  g_assert_nonnull (previous_sunday);
  g_assert_cmpint (g_date_time_get_utc_offset (first), !=,
                   g_date_time_get_utc_offset (previous_sunday));
  g_assert_true (short_or_long_week);
}

static void
test_schedule_daylight_saving (void)
{
  const char *spring[] = { "2026-03-01T18:00", "2026-03-03T18:00", "2026-03-08T18:00",
                           "2026-03-10T18:00", "2026-03-15T18:00", "2026-03-17T18:00",
                           "2026-03-22T18:00", "2026-03-24T18:00", "2026-03-29T18:00",
                           "2026-03-31T18:00", NULL };
  const char *autumn[] = { "2026-10-25T18:00", "2026-10-27T18:00", "2026-11-01T18:00",
                           "2026-11-03T18:00", "2026-11-08T18:00", NULL };
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");

  if (new_york == NULL)
    {
      g_test_skip ("the time zone America/New_York is not installed");
      return;
    }

  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();

  check_daylight_saving_range (new_york, "2026-03-01", "2026-03-31", spring);
  check_daylight_saving_range (new_york, "2026-10-25", "2026-11-08", autumn);

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

/* The first groups of a long list, with how many there are in all; a
 * search is a piece of the name, whatever its case, never a pattern. */
static void
test_groups_list_first (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  guint n_total = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Workshop %02u", 29 - i);
      g_autoptr(PdGroup) group = new_group (name, PD_WEEKDAY_MONDAY, "10:00", "2026-01-05", "");

      group->archived = i == 0;
      insert_group (fixture->db, group);
    }
  {
    g_autoptr(PdGroup) group = new_group ("100% sober_fun", PD_WEEKDAY_MONDAY, "10:00",
                                          "2026-01-05", "");

    insert_group (fixture->db, group);
  }

  groups = pd_groups_list_first (fixture->db, FALSE, NULL, 10, &n_total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_total, ==, 30);
  g_assert_cmpuint (groups->len, ==, 10);
  g_assert_cmpstr (((PdGroup *) groups->pdata[0])->name, ==, "100% sober_fun");
  g_assert_cmpstr (((PdGroup *) groups->pdata[1])->name, ==, "Workshop 00");
  g_assert_cmpstr (((PdGroup *) groups->pdata[9])->name, ==, "Workshop 08");
  g_clear_pointer (&groups, g_ptr_array_unref);

  groups = pd_groups_list_first (fixture->db, TRUE, "  SHOP 2 ", 100, &n_total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_total, ==, 10);
  g_assert_cmpuint (groups->len, ==, 10);
  g_assert_cmpstr (((PdGroup *) groups->pdata[9])->name, ==, "Workshop 29");
  g_assert_true (((PdGroup *) groups->pdata[9])->archived);
  g_clear_pointer (&groups, g_ptr_array_unref);

  groups = pd_groups_list_first (fixture->db, FALSE, "shop 2", 100, &n_total, &error);
  g_assert_cmpuint (n_total, ==, 9);
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* % and _ are letters here. */
  groups = pd_groups_list_first (fixture->db, FALSE, "0%", 100, &n_total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_total, ==, 1);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = pd_groups_list_first (fixture->db, FALSE, "r_f", 100, &n_total, &error);
  g_assert_cmpuint (n_total, ==, 1);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = pd_groups_list_first (fixture->db, FALSE, "p_0", 100, &n_total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_total, ==, 0);
  g_assert_cmpuint (groups->len, ==, 0);
}

static void
test_groups_store (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(PdGroup) tuesday = new_group ("  Tuesday circle ", PD_WEEKDAY_TUESDAY, "18:00",
                                          "2026-01-06", "2026-12-29");
  g_autoptr(PdGroup) art = new_group ("art afternoon", PD_WEEKDAY_FRIDAY, "14:00",
                                      "2026-01-02", "");
  g_autoptr(PdGroup) old = new_group ("Book club", PD_WEEKDAY_MONDAY, "12:00", "2025-01-06", "");
  g_autoptr(PdGroup) got = NULL;
  g_autoptr(PdGroup) copy = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  gint64 facilitator = add_member (fixture->db, "Rosa");
  gint64 volunteer = add_volunteer (fixture->db, "Rosa D.");

  set_text (&tuesday->kind, "mutual_aid");
  set_text (&tuesday->attendance_mode, "headcount");
  set_text (&tuesday->room, "Room 2");
  set_text (&tuesday->description, "Open meeting");
  set_text (&tuesday->facilitator_name, "Host group");
  tuesday->duration_minutes = 90;
  art->facilitator_member_id = facilitator;
  art->facilitator_volunteer_id = volunteer;
  old->archived = TRUE;

  insert_group (fixture->db, tuesday);
  insert_group (fixture->db, art);
  insert_group (fixture->db, old);
  g_assert_cmpuint (fixture->n_groups_changed, ==, 3);

  got = pd_groups_get (fixture->db, tuesday->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "Tuesday circle");
  g_assert_cmpstr (got->kind, ==, "mutual_aid");
  g_assert_cmpstr (got->attendance_mode, ==, "headcount");
  g_assert_cmpstr (got->room, ==, "Room 2");
  g_assert_cmpstr (got->description, ==, "Open meeting");
  g_assert_cmpstr (got->facilitator_name, ==, "Host group");
  g_assert_cmpint (got->facilitator_member_id, ==, 0);
  g_assert_cmpint (got->facilitator_volunteer_id, ==, 0);
  g_assert_cmpuint (got->weekdays, ==, PD_WEEKDAY_TUESDAY);
  g_assert_cmpstr (got->start_time, ==, "18:00");
  g_assert_cmpuint (got->duration_minutes, ==, 90);
  g_assert_cmpstr (got->start_date, ==, "2026-01-06");
  g_assert_cmpstr (got->end_date, ==, "2026-12-29");
  g_assert_false (got->archived);
  g_clear_pointer (&got, pd_group_free);

  got = pd_groups_get (fixture->db, art->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->facilitator_member_id, ==, facilitator);
  g_assert_cmpint (got->facilitator_volunteer_id, ==, volunteer);
  copy = pd_group_copy (got);
  g_assert_cmpint (copy->facilitator_volunteer_id, ==, volunteer);
  g_clear_pointer (&copy, pd_group_free);
  g_clear_pointer (&got, pd_group_free);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM groups WHERE facilitator_volunteer_id IS NULL"),
                   ==, 2);

  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM groups"
                              " WHERE created_at = updated_at AND created_at LIKE '____-__-__T%Z'"),
                   ==, 3);

  /* By name, whatever the case; archived groups only when asked for. */
  groups = pd_groups_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (((PdGroup *) groups->pdata[0])->name, ==, "art afternoon");
  g_assert_cmpint (((PdGroup *) groups->pdata[0])->facilitator_volunteer_id, ==, volunteer);
  g_assert_cmpstr (((PdGroup *) groups->pdata[1])->name, ==, "Tuesday circle");
  g_assert_cmpint (((PdGroup *) groups->pdata[1])->facilitator_volunteer_id, ==, 0);
  g_clear_pointer (&groups, g_ptr_array_unref);

  groups = pd_groups_list (fixture->db, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpstr (((PdGroup *) groups->pdata[0])->name, ==, "art afternoon");
  g_assert_cmpstr (((PdGroup *) groups->pdata[1])->name, ==, "Book club");
  g_assert_true (((PdGroup *) groups->pdata[1])->archived);
  g_assert_cmpstr (((PdGroup *) groups->pdata[2])->name, ==, "Tuesday circle");
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* Update. */
  set_text (&art->name, "Art studio");
  art->weekdays = PD_WEEKDAY_THURSDAY | PD_WEEKDAY_FRIDAY;
  art->facilitator_member_id = 0;
  art->facilitator_volunteer_id = 0;
  g_assert_true (pd_groups_update (fixture->db, art, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_groups_changed, ==, 4);
  got = pd_groups_get (fixture->db, art->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "Art studio");
  g_assert_cmpuint (got->weekdays, ==, PD_WEEKDAY_THURSDAY | PD_WEEKDAY_FRIDAY);
  g_assert_cmpint (got->facilitator_member_id, ==, 0);
  g_assert_cmpint (got->facilitator_volunteer_id, ==, 0);
  g_clear_pointer (&got, pd_group_free);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM groups WHERE facilitator_volunteer_id IS NULL"),
                   ==, 3);

  /* A facilitator who is no volunteer is refused, with the group as it was. */
  art->facilitator_volunteer_id = 4242;
  g_assert_false (pd_groups_update (fixture->db, art, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "facilitator: there is no volunteer with id 4242");
  g_clear_error (&error);
  art->facilitator_volunteer_id = 0;
  g_assert_cmpuint (fixture->n_groups_changed, ==, 4);

  /* Unknown ids, and a facilitator who is not a member. */
  g_assert_null (pd_groups_get (fixture->db, 999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no group with id 999");
  g_clear_error (&error);

  art->id = 999;
  g_assert_false (pd_groups_update (fixture->db, art, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  art->id = 0;
  art->facilitator_member_id = 4242;
  g_assert_cmpint (pd_groups_insert (fixture->db, art, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "facilitator: there is no member with id 4242");
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM groups"), ==, 3);
  g_assert_cmpuint (fixture->n_groups_changed, ==, 4);
}

static gint64
count_sessions (PdDatabase *db)
{
  return query_int (db, "SELECT count(*) FROM sessions");
}

static void
test_generate (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(PdGroup) archived = new_group ("Old group", PD_WEEKDAY_MONDAY, "10:00",
                                           "2026-01-01", "");
  g_autoptr(PdGroup) one_off = new_group ("Open day", 0, "", "2026-03-14", "");
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(PdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tuesday_id, weekend_id, cancelled_id;
  guint n;

  tuesday_id = add_weekly_group (fixture->db, "Tuesday circle", PD_WEEKDAY_TUESDAY, "18:00",
                                 "named");
  weekend_id = add_weekly_group (fixture->db, "Weekend walk",
                                 PD_WEEKDAY_SATURDAY | PD_WEEKDAY_SUNDAY, "09:00", "both");
  archived->archived = TRUE;
  insert_group (fixture->db, archived);
  insert_group (fixture->db, one_off);

  /* March 2026: five Tuesdays, four Saturdays and five Sundays. */
  n = pd_sessions_generate (fixture->db, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 14);
  g_assert_cmpint (count_sessions (fixture->db), ==, 14);
  g_assert_cmpuint (fixture->n_sessions_changed, ==, 1);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM sessions WHERE duration_minutes = 60"),
                   ==, 14);

  /* Again: nothing new, no duplicate. */
  n = pd_sessions_generate (fixture->db, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_sessions (fixture->db), ==, 14);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM (SELECT 1 FROM sessions"
                              " GROUP BY group_id, starts_at HAVING count(*) > 1) AS twice"),
                   ==, 0);

  /* A cancelled session stays cancelled, and a wider range only adds. */
  day = pd_sessions_list_day (fixture->db, "2026-03-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 1);
  cancelled_id = ((PdSession *) day->pdata[0])->id;
  g_assert_cmpint (((PdSession *) day->pdata[0])->group_id, ==, tuesday_id);
  g_assert_true (pd_sessions_cancel (fixture->db, cancelled_id, "Snow storm", &error));
  g_assert_no_error (error);

  n = pd_sessions_generate (fixture->db, "2026-03-01", "2026-04-07", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);  /* Sat 4, Sun 5, Tue 7 April */
  g_assert_cmpint (count_sessions (fixture->db), ==, 17);

  session = pd_sessions_get (fixture->db, cancelled_id, &error);
  g_assert_no_error (error);
  g_assert_true (session->cancelled);
  g_assert_cmpstr (session->cancel_reason, ==, "Snow storm");
  g_assert_cmpstr (session->starts_at, ==, "2026-03-10T18:00");
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM sessions WHERE cancelled = 1"),
                   ==, 1);

  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM sessions AS s JOIN groups AS g"
                              " ON g.id = s.group_id WHERE g.archived = 1 OR g.weekdays = 0"),
                   ==, 0);
  g_clear_pointer (&day, g_ptr_array_unref);
  day = pd_sessions_list_day (fixture->db, "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpint (((PdSession *) day->pdata[0])->group_id, ==, weekend_id);
  g_assert_cmpstr (((PdSession *) day->pdata[0])->starts_at, ==, "2026-03-01T09:00");

  /* All or nothing: one group with a broken schedule (as only a program
   * writing past the store could leave it) creates no session at all. */
  g_assert_true (pd_database_exec (fixture->db,
                                   "UPDATE groups SET start_time = '6pm'"
                                   " WHERE name = 'Weekend walk'",
                                   NULL));
  n = pd_sessions_generate (fixture->db, "2026-04-01", "2026-05-31", &error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "group “Weekend walk”: start time: “6pm” is not a time (HH:MM)");
  g_clear_error (&error);
  g_assert_cmpint (count_sessions (fixture->db), ==, 17);

  g_assert_cmpuint (pd_sessions_generate (fixture->db, "2026-04-01", "April", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpint (count_sessions (fixture->db), ==, 17);
}

static void
test_one_off_sessions (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char *bad_starts[] = {
    "", "2026-03-14", "2026-03-14 10:00", "2026-03-14T24:00", "2026-03-14T10:60",
    "2026-02-30T10:00", "2026-03-14T10:00:00", "2026-03-14T9:00",
  };
  g_autoptr(PdGroup) group = new_group ("Open day", 0, "", "2026-03-14", "");
  g_autoptr(PdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, longer_id;

  group->duration_minutes = 240;
  insert_group (fixture->db, group);

  id = pd_sessions_add (fixture->db, group->id, "2026-03-14T10:00", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (fixture->n_sessions_changed, ==, 1);

  session = pd_sessions_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (session->id, ==, id);
  g_assert_cmpint (session->group_id, ==, group->id);
  g_assert_cmpstr (session->group_name, ==, "Open day");
  g_assert_cmpstr (session->attendance_mode, ==, "named");
  g_assert_cmpstr (session->starts_at, ==, "2026-03-14T10:00");
  g_assert_cmpuint (session->duration_minutes, ==, 240);
  g_assert_false (session->cancelled);
  g_assert_cmpstr (session->cancel_reason, ==, "");
  g_assert_cmpstr (session->notes, ==, "");
  g_assert_cmpuint (session->headcount, ==, 0);
  g_assert_cmpuint (session->n_present, ==, 0);
  g_clear_pointer (&session, pd_session_free);

  longer_id = pd_sessions_add (fixture->db, group->id, "2026-03-15T10:00", 30, &error);
  g_assert_no_error (error);
  session = pd_sessions_get (fixture->db, longer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (session->duration_minutes, ==, 30);

  for (guint i = 0; i < G_N_ELEMENTS (bad_starts); i++)
    {
      g_autofree char *expected =
        g_strdup_printf ("start: “%s” is not a date and time (YYYY-MM-DDTHH:MM)", bad_starts[i]);

      g_assert_cmpint (pd_sessions_add (fixture->db, group->id, bad_starts[i], 0, &error), ==, 0);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
    }

  g_assert_cmpint (pd_sessions_add (fixture->db, group->id, "2026-03-16T10:00", 1441, &error),
                   ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (pd_sessions_add (fixture->db, group->id, "2026-03-14T10:00", 0, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "“Open day” already has a session at 2026-03-14T10:00");
  g_clear_error (&error);

  g_assert_cmpint (pd_sessions_add (fixture->db, 999, "2026-03-14T10:00", 0, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no group with id 999");
  g_clear_error (&error);

  g_assert_null (pd_sessions_get (fixture->db, 999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no session with id 999");

  g_assert_cmpint (count_sessions (fixture->db), ==, 2);
  g_assert_cmpuint (fixture->n_sessions_changed, ==, 2);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const char *no_reasons[] = { "", "   ", NULL };
  g_autoptr(PdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 group_id, id;
  guint n_changed;

  group_id = add_weekly_group (fixture->db, "Tuesday circle", PD_WEEKDAY_TUESDAY, "18:00",
                               "named");
  id = add_session (fixture->db, group_id, "2026-03-03T18:00");
  n_changed = fixture->n_sessions_changed;

  for (guint i = 0; i < G_N_ELEMENTS (no_reasons); i++)
    {
      g_assert_false (pd_sessions_cancel (fixture->db, id, no_reasons[i], &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "reason: a cancelled session needs a reason");
      g_clear_error (&error);
    }
  session = pd_sessions_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_false (session->cancelled);
  g_clear_pointer (&session, pd_session_free);
  g_assert_cmpuint (fixture->n_sessions_changed, ==, n_changed);

  g_assert_true (pd_sessions_cancel (fixture->db, id, " Facilitator ill ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_sessions_changed, ==, n_changed + 1);
  session = pd_sessions_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_true (session->cancelled);
  g_assert_cmpstr (session->cancel_reason, ==, "Facilitator ill");
  g_clear_pointer (&session, pd_session_free);

  g_assert_false (pd_sessions_cancel (fixture->db, 999, "Snow", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no session with id 999");
  g_clear_error (&error);

  /* Notes. */
  g_assert_true (pd_sessions_set_notes (fixture->db, id, "Moved to room 3", &error));
  g_assert_no_error (error);
  session = pd_sessions_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->notes, ==, "Moved to room 3");
  g_clear_pointer (&session, pd_session_free);

  g_assert_true (pd_sessions_set_notes (fixture->db, id, NULL, &error));
  g_assert_no_error (error);
  session = pd_sessions_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->notes, ==, "");

  g_assert_false (pd_sessions_set_notes (fixture->db, 999, "x", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static void
test_list_day (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *expected[] = { "2026-03-10T00:00", "2026-03-10T09:30", "2026-03-10T12:00",
                             "2026-03-10T12:00", "2026-03-10T23:59", NULL };
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GError) error = NULL;
  gint64 circle, walk, ana, ben, noon_circle;
  PdSession *session;

  circle = add_weekly_group (fixture->db, "Tuesday circle", PD_WEEKDAY_TUESDAY, "12:00",
                             "named");
  walk = add_weekly_group (fixture->db, "Art studio", PD_WEEKDAY_TUESDAY, "12:00", "both");

  add_session (fixture->db, circle, "2026-03-09T23:59");
  add_session (fixture->db, circle, "2026-03-10T23:59");
  add_session (fixture->db, walk, "2026-03-10T09:30");
  noon_circle = add_session (fixture->db, circle, "2026-03-10T12:00");
  add_session (fixture->db, walk, "2026-03-10T12:00");
  add_session (fixture->db, walk, "2026-03-10T00:00");
  add_session (fixture->db, walk, "2026-03-11T00:00");

  ana = add_member (fixture->db, "Ana");
  ben = add_member (fixture->db, "Ben");
  g_assert_true (insert_attendance (fixture->db, noon_circle, ana, NULL));
  g_assert_true (insert_attendance (fixture->db, noon_circle, ben, NULL));

  day = pd_sessions_list_day (fixture->db, "2026-03-10", &error);
  g_assert_no_error (error);
  assert_session_starts (day, expected);

  /* Two at noon: by group name. */
  session = day->pdata[2];
  g_assert_cmpstr (session->group_name, ==, "Art studio");
  g_assert_cmpstr (session->attendance_mode, ==, "both");
  g_assert_cmpuint (session->n_present, ==, 0);
  session = day->pdata[3];
  g_assert_cmpint (session->id, ==, noon_circle);
  g_assert_cmpstr (session->group_name, ==, "Tuesday circle");
  g_assert_cmpstr (session->attendance_mode, ==, "named");
  g_assert_cmpuint (session->n_present, ==, 2);
  g_clear_pointer (&day, g_ptr_array_unref);

  day = pd_sessions_list_day (fixture->db, "2026-03-12", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 0);
  g_clear_pointer (&day, g_ptr_array_unref);

  g_assert_null (pd_sessions_list_day (fixture->db, "10/03/2026", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_list_for_group (Fixture       *fixture,
                     gconstpointer  user_data)
{
  /* Far enough either side of today to stay past or upcoming. */
  const char *past[] = { "2001-01-01T18:00", "2001-01-08T18:00", "2001-01-15T18:00",
                         "2001-01-22T18:00", "2001-01-29T18:00" };
  const char *future[] = { "2098-01-05T18:00", "2098-01-12T18:00", "2098-01-19T18:00",
                           "2098-01-26T18:00" };
  g_autoptr(GError) error = NULL;
  gint64 group_id, other_id;
  GPtrArray *sessions;

  group_id = add_weekly_group (fixture->db, "Monday circle", PD_WEEKDAY_MONDAY, "18:00",
                               "named");
  other_id = add_weekly_group (fixture->db, "Other", PD_WEEKDAY_MONDAY, "18:00", "named");

  /* Added out of order, so that the order seen is the query's. */
  for (int i = G_N_ELEMENTS (future) - 1; i >= 0; i--)
    add_session (fixture->db, group_id, future[i]);
  for (guint i = 0; i < G_N_ELEMENTS (past); i++)
    add_session (fixture->db, group_id, past[i]);
  add_session (fixture->db, other_id, "2001-01-02T18:00");
  add_session (fixture->db, other_id, "2098-01-06T18:00");

  {
    const char *expected[] = { future[0], future[1], future[2], future[3], NULL };

    sessions = pd_sessions_list_for_group (fixture->db, group_id, TRUE, 0, 0, &error);
    g_assert_no_error (error);
    assert_session_starts (sessions, expected);
    g_ptr_array_unref (sessions);
  }
  {
    const char *expected[] = { future[1], future[2], NULL };

    sessions = pd_sessions_list_for_group (fixture->db, group_id, TRUE, 1, 2, &error);
    g_assert_no_error (error);
    assert_session_starts (sessions, expected);
    g_ptr_array_unref (sessions);
  }
  {
    const char *expected[] = { past[4], past[3], past[2], past[1], past[0], NULL };

    sessions = pd_sessions_list_for_group (fixture->db, group_id, FALSE, 0, 10, &error);
    g_assert_no_error (error);
    assert_session_starts (sessions, expected);
    g_assert_cmpstr (((PdSession *) sessions->pdata[0])->group_name, ==, "Monday circle");
    g_ptr_array_unref (sessions);
  }
  {
    const char *expected[] = { past[4], past[3], NULL };

    sessions = pd_sessions_list_for_group (fixture->db, group_id, FALSE, 0, 2, &error);
    g_assert_no_error (error);
    assert_session_starts (sessions, expected);
    g_ptr_array_unref (sessions);
  }
  {
    const char *expected[] = { past[0], NULL };

    sessions = pd_sessions_list_for_group (fixture->db, group_id, FALSE, 4, 2, &error);
    g_assert_no_error (error);
    assert_session_starts (sessions, expected);
    g_ptr_array_unref (sessions);
  }

  sessions = pd_sessions_list_for_group (fixture->db, group_id, FALSE, 5, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 0);
  g_ptr_array_unref (sessions);

  g_assert_null (pd_sessions_list_for_group (fixture->db, 999, TRUE, 0, 10, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no group with id 999");
}

static void
test_headcount_refuses_names (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(PdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anonymous, both, anonymous_session, both_session, member;

  anonymous = add_weekly_group (fixture->db, "Thursday 12-step", PD_WEEKDAY_THURSDAY, "19:00",
                                "headcount");
  both = add_weekly_group (fixture->db, "Family night", PD_WEEKDAY_THURSDAY, "19:00", "both");
  anonymous_session = add_session (fixture->db, anonymous, "2026-03-05T19:00");
  both_session = add_session (fixture->db, both, "2026-03-05T19:00");
  member = add_member (fixture->db, "Ana");

  /* The connection reports extended result codes. */
  g_assert_false (insert_attendance (fixture->db, anonymous_session, member, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "headcount-only group: no names are recorded");
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM attendance"), ==, 0);

  /* A group that takes both names and a headcount takes the name. */
  g_assert_true (insert_attendance (fixture->db, both_session, member, NULL));

  session = pd_sessions_get (fixture->db, anonymous_session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (session->attendance_mode, ==, "headcount");
  g_assert_cmpuint (session->n_present, ==, 0);
}

static void
test_named_cannot_become_headcount (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(PdGroup) empty = NULL;
  g_autoptr(GError) error = NULL;
  gint64 named_id, empty_id, session, member;
  guint n_changed;

  named_id = add_weekly_group (fixture->db, "Tuesday circle", PD_WEEKDAY_TUESDAY, "18:00",
                               "named");
  empty_id = add_weekly_group (fixture->db, "New meeting", PD_WEEKDAY_TUESDAY, "18:00",
                               "named");
  session = add_session (fixture->db, named_id, "2026-03-03T18:00");
  add_session (fixture->db, empty_id, "2026-03-03T18:00");
  member = add_member (fixture->db, "Ana");
  g_assert_true (insert_attendance (fixture->db, session, member, NULL));

  group = pd_groups_get (fixture->db, named_id, &error);
  g_assert_no_error (error);
  set_text (&group->attendance_mode, "headcount");
  n_changed = fixture->n_groups_changed;
  g_assert_false (pd_groups_update (fixture->db, group, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "the group has named attendance: it cannot become headcount-only");
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_groups_changed, ==, n_changed);
  g_clear_pointer (&group, pd_group_free);

  group = pd_groups_get (fixture->db, named_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (group->attendance_mode, ==, "named");

  /* "both" keeps the names, so it is allowed. */
  set_text (&group->attendance_mode, "both");
  g_assert_true (pd_groups_update (fixture->db, group, &error));
  g_assert_no_error (error);

  /* A group with no names recorded yet may become headcount-only. */
  empty = pd_groups_get (fixture->db, empty_id, &error);
  g_assert_no_error (error);
  set_text (&empty->attendance_mode, "headcount");
  g_assert_true (pd_groups_update (fixture->db, empty, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/groups/codes", test_codes);
  g_test_add_func ("/groups/new/defaults", test_new_defaults);
  ADD ("/groups/validate/messages", test_validate);
  g_test_add_func ("/groups/schedule/weekly", test_schedule_weekly);
  g_test_add_func ("/groups/schedule/several-weekdays", test_schedule_several_weekdays);
  g_test_add_func ("/groups/schedule/bounds", test_schedule_bounds);
  g_test_add_func ("/groups/schedule/daylight-saving", test_schedule_daylight_saving);
  ADD ("/groups/store/insert-get-list-update", test_groups_store);
  ADD ("/groups/store/list-first", test_groups_list_first);
  ADD ("/groups/sessions/generate", test_generate);
  ADD ("/groups/sessions/one-off", test_one_off_sessions);
  ADD ("/groups/sessions/cancel-and-notes", test_cancel);
  ADD ("/groups/sessions/list-day", test_list_day);
  ADD ("/groups/sessions/list-for-group", test_list_for_group);
  ADD ("/groups/attendance/headcount-refuses-names", test_headcount_refuses_names);
  ADD ("/groups/attendance/named-cannot-become-headcount", test_named_cannot_become_headcount);

#undef ADD

  return g_test_run ();
}
