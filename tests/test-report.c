/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-report-async.h"
#include "pd-report.h"
#include "pd-statement.h"
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
  g_autoptr(GError) error = NULL;
  PdReportSettings settings = { "Harbour Light Recovery Centre", "HL-01", "TI-0861", 11, 90 };

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_assert_true (pd_report_settings_save (fixture->db, &settings, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_database_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *first_name;
  const char *birth_date;
  const char *joined_date;
  const char *gender;
  const char *race;
  gboolean    consent;
} MemberSpec;

static gint64
add_member (Fixture          *fixture,
            const MemberSpec *spec)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, spec->first_name);
  pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, spec->birth_date);
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, spec->joined_date);
  if (spec->gender != NULL)
    pd_member_set (member, PD_MEMBER_FIELD_GENDER, spec->gender);
  if (spec->race != NULL)
    pd_member_set (member, PD_MEMBER_FIELD_RACE, spec->race);
  pd_member_set (member, PD_MEMBER_FIELD_REPORT_CONSENT, spec->consent ? "1" : "0");
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static void
visit (Fixture    *fixture,
       gint64      member_id,
       const char *purpose,
       const char *at)
{
  g_autoptr(GError) error = NULL;
  gint64 purpose_id = 0;

  if (purpose != NULL)
    {
      purpose_id = pd_purposes_find (fixture->db, purpose, &error);
      g_assert_no_error (error);
      g_assert_cmpint (purpose_id, >, 0);
    }
  g_assert_cmpint (pd_visits_check_in (fixture->db, member_id, purpose_id, at, "Desk", &error),
                   >, 0);
  g_assert_no_error (error);
}

static void
attend (Fixture *fixture,
        gint64   session_id,
        gint64   member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_attendance_mark (fixture->db, session_id, member_id, &error));
  g_assert_no_error (error);
}

static PdReport *
make_report (Fixture    *fixture,
             const char *start,
             const char *end,
             guint       threshold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 9, 30, 0);
  g_autoptr(PdPeriod) period = pd_period_new_from_iso (start, end, &error);
  PdReportOptions options = {
    .period = period,
    .threshold = threshold,
    .renewal_window_days = 90,
    .now = now,
  };
  PdReport *report = pd_report_new (fixture->db, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static const PdReportCell *
cell (const PdReportTable *table,
      const char          *code)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *c = &g_array_index (table->cells, PdReportCell, i);

      if (g_strcmp0 (c->code, code) == 0)
        return c;
    }
  g_error ("no cell %s in %s", code, table->element);
  return NULL;
}

static gint64
value (const PdReportTable *table,
       const char          *code)
{
  return cell (table, code)->count.value;
}

static gint64
amount (GArray     *amounts,
        const char *code)
{
  for (guint i = 0; i < amounts->len; i++)
    {
      const PdReportAmount *a = &g_array_index (amounts, PdReportAmount, i);

      if (g_strcmp0 (a->code, code) == 0)
        return a->value;
    }
  g_error ("no amount %s", code);
  return -1;
}

static gint64
table_sum (const PdReportTable *table)
{
  gint64 sum = 0;

  for (guint i = 0; i < table->cells->len; i++)
    sum += g_array_index (table->cells, PdReportCell, i).count.value;
  return sum;
}

/* The second quarter of 2026, cut through by visits, sessions, hours,
 * completions and credentials just before, on, and just after its ends. */
static void
build_quarter (Fixture *fixture)
{
  static const MemberSpec specs[] = {
    /* 1: 18 on the last day of the period; joined on its first day */
    { "Ada", "2008-06-30", "2026-04-01", "woman", "white", TRUE },
    /* 2: 18 the day after the period ends; joined on its last day */
    { "Bea", "2008-07-01", "2026-06-30", "woman;transgender", "black;white", TRUE },
    /* 3: 25 on the last day; joined the day before the period */
    { "Cal", "2001-06-30", "2026-03-31", "man", "asian", TRUE },
    /* 4: 65 the day after the period: still 64 */
    { "Dot", "1961-07-01", "2020-01-01", "man", "white", TRUE },
    /* 5: 65 on the last day */
    { "Eli", "1961-06-30", "2020-01-01", "non_binary", "black", TRUE },
    /* 6: born in 1990: 35 or 36, both in 35-44 */
    { "Fay", "1990", "2020-01-01", "doesnt_know", "prefers_not_to_answer", TRUE },
    /* 7: born in 2001: 24 or 25, two bands, so unknown */
    { "Gus", "2001", "2020-01-01", NULL, NULL, TRUE },
    /* 8: born in June 2001: every June birthday is past on 30 June, so 25 */
    { "Hal", "2001-06", "2020-01-01", "man", "white", TRUE },
    /* 9: no birth date */
    { "Ivy", "", "2020-01-01", "woman", "white", TRUE },
    /* 10: did not consent; joined in the period */
    { "Jon", "1980-01-01", "2026-05-01", "man", "white", FALSE },
    /* 11: visits only either side of the period */
    { "Kim", "1980-01-01", "2020-01-01", "woman", "white", TRUE },
    /* 12: at a cancelled session only */
    { "Lou", "1980-01-01", "2020-01-01", "woman", "white", TRUE },
    /* 13: attends but never checks in at the desk; joined in the period */
    { "Max", "1999-12-31", "2026-05-15", "man", "white", TRUE },
  };
  gint64 m[G_N_ELEMENTS (specs) + 1];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    m[i + 1] = add_member (fixture, &specs[i]);

  visit (fixture, m[1], NULL, "2026-04-01T00:00");
  visit (fixture, m[1], "Naloxone kit", "2026-05-03T10:00");
  visit (fixture, m[2], NULL, "2026-06-30T23:59");
  for (guint i = 3; i <= 9; i++)
    visit (fixture, m[i], NULL, "2026-05-12T11:00");
  visit (fixture, m[10], NULL, "2026-05-12T11:00");
  visit (fixture, m[10], "Naloxone kit", "2026-05-13T11:00");
  visit (fixture, m[11], NULL, "2026-03-31T23:59");
  visit (fixture, m[11], NULL, "2026-07-01T00:00");
  visit (fixture, 0, NULL, "2026-04-02T09:00");
  visit (fixture, 0, "Naloxone kit", "2026-04-03T09:00");
  visit (fixture, 0, "Resource referral", "2026-06-03T09:00");
  visit (fixture, 0, NULL, "2026-07-03T09:00");

  exec (fixture,
        "INSERT INTO groups (id, name, kind, start_date, attendance_mode, created_at, updated_at)"
        " VALUES (1, 'Tuesday Peer Circle', 'peer_support', '2026-01-01', 'named', '', ''),"
        "  (2, 'Open AA', 'mutual_aid', '2026-01-01', 'headcount', '', ''),"
        "  (3, 'Family Sundays', 'family', '2026-01-01', 'both', '', '');"
        "INSERT INTO sessions (id, group_id, starts_at, duration_minutes) VALUES"
        "  (1, 1, '2026-04-07T18:00', 60), (2, 1, '2026-05-05T18:00', 60),"
        "  (3, 1, '2026-03-31T18:00', 60), (4, 2, '2026-06-30T20:00', 60),"
        "  (5, 3, '2026-05-10T10:00', 60), (6, 2, '2026-07-01T20:00', 60);");
  attend (fixture, 1, m[1]);
  attend (fixture, 1, m[3]);
  attend (fixture, 1, m[13]);
  attend (fixture, 1, m[10]);
  attend (fixture, 2, m[12]);
  attend (fixture, 3, m[11]);
  attend (fixture, 5, m[1]);
  g_assert_true (pd_sessions_cancel (fixture->db, 2, "Snow", &error));
  g_assert_no_error (error);
  g_assert_true (pd_attendance_set_headcount (fixture->db, 4, 7, &error));
  g_assert_true (pd_attendance_set_headcount (fixture->db, 5, 2, &error));
  g_assert_true (pd_attendance_set_headcount (fixture->db, 6, 30, &error));
  g_assert_no_error (error);

  exec (fixture,
        "INSERT INTO volunteers (id, display_name, start_date, status, created_at, updated_at)"
        " VALUES (1, 'Vera', '2020-01-01', 'active', '', ''),"
        "  (2, 'Walt', '2020-01-01', 'active', '', ''),"
        "  (3, 'Xena', '2020-01-01', 'former', '', '');"
        "INSERT INTO hours (volunteer_id, date, activity, quarter_hours, created_at) VALUES"
        "  (1, '2026-04-01', 'Front desk', 8, ''), (1, '2026-06-30', 'Peer recovery coach', 6, ''),"
        "  (2, '2026-05-01', 'Front desk', 1, ''), (3, '2026-07-01', 'Outreach', 4, ''),"
        "  (3, '2026-03-31', 'Outreach', 4, '');"
        "INSERT INTO supervision (volunteer_id, date, supervisor, minutes, kind, created_at) VALUES"
        "  (1, '2026-04-10', 'Sam', 90, 'individual', ''),"
        "  (2, '2026-06-30', 'Sam', 50, 'group', ''),"
        "  (2, '2026-03-31', 'Sam', 60, 'group', '');"
        "INSERT INTO courses (id, title, quarter_hours, created_at) VALUES"
        "  (1, 'Ethics and confidentiality', 16, ''), (2, 'Naloxone', 8, '');"
        "INSERT INTO course_domains (course_id, domain_id) VALUES"
        "  (1, (SELECT id FROM training_domains WHERE code = 'ethics')),"
        "  (1, (SELECT id FROM training_domains WHERE code = 'confidentiality')),"
        "  (2, (SELECT id FROM training_domains WHERE code = 'naloxone'));"
        "INSERT INTO completions (volunteer_id, course_id, date, quarter_hours, created_at) VALUES"
        "  (1, 1, '2026-04-15', 16, ''), (2, 2, '2026-06-30', 8, ''), (1, 2, '2026-07-01', 8, '');"
        "INSERT INTO credentials (volunteer_id, name, issued_date, expiry_date, created_at,"
        "  updated_at) VALUES"
        "  (1, 'K1', '2025-01-01', '2027-01-01', '', ''),"
        "  (1, 'K2', '2024-07-01', '2026-09-28', '', ''),"
        "  (2, 'K3', '2024-07-01', '2026-09-29', '', ''),"
        "  (2, 'K4', '2024-07-01', '2026-06-29', '', ''),"
        "  (2, 'K5', '2024-07-01', '2026-06-30', '', ''),"
        "  (3, 'K6', '2026-07-15', '2028-07-15', '', ''),"
        "  (3, 'K7', '2026-01-01', '', '', ''),"
        "  (3, 'K8', '', '', '', ''),"
        "  (3, 'K9', '', '2026-01-01', '', '');");
}

static void
test_figures (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(PdReport) report = NULL;
  const PdReportTable *ages;

  build_quarter (fixture);
  report = make_report (fixture, "2026-04-01", "2026-06-30", 2);

  g_assert_cmpstr (report->organisation, ==, "Harbour Light Recovery Centre");
  g_assert_cmpstr (report->site_id, ==, "HL-01");
  g_assert_cmpstr (report->grant_id, ==, "TI-0861");
  g_assert_cmpstr (report->generated_at, ==, "2026-11-27T09:30:00");
  g_assert_cmpuint (report->threshold, ==, 2);

  /* Ada to Ivy at the desk, Max at a meeting; Jon did not consent. */
  g_assert_cmpint (report->served.value, ==, 10);
  g_assert_cmpint (report->left_out.value, ==, 1);
  /* Ada, Bea and Max; Cal joined the day before, Jon did not consent. */
  g_assert_cmpint (report->new_members.value, ==, 3);

  g_assert_cmpint (report->visits_total.value, ==, 13);
  g_assert_cmpint (value (&report->visits_by_visitor, "member"), ==, 10);
  g_assert_cmpint (value (&report->visits_by_visitor, "anonymous"), ==, 3);
  g_assert_cmpint (value (&report->visits_by_purpose, "Drop-in"), ==, 10);
  g_assert_cmpint (value (&report->visits_by_purpose, "Naloxone kit"), ==, 2);
  g_assert_cmpint (value (&report->visits_by_purpose, "Resource referral"), ==, 1);
  g_assert_cmpint (value (&report->visits_by_purpose, "Other"), ==, 0);
  g_assert_cmpint (table_sum (&report->visits_by_purpose), ==, 13);

  /* The cancelled session, the one the day before and the one the day
   * after are not held in the period. */
  g_assert_cmpint (report->sessions_held, ==, 3);
  g_assert_cmpint (amount (report->sessions_by_kind, "peer_support"), ==, 1);
  g_assert_cmpint (amount (report->sessions_by_kind, "mutual_aid"), ==, 1);
  g_assert_cmpint (amount (report->sessions_by_kind, "family"), ==, 1);
  g_assert_cmpint (amount (report->sessions_by_kind, "wellness"), ==, 0);
  g_assert_cmpint (value (&report->attendance, "named"), ==, 4);
  g_assert_cmpint (value (&report->attendance, "anonymous_headcount"), ==, 9);
  g_assert_cmpint (report->attendance_total.value, ==, 13);
  g_assert_cmpint (report->unique_attendees.value, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->mean_per_session, 13.0 / 3, 1e-9);

  g_assert_cmpint (report->volunteers_active, ==, 2);
  g_assert_cmpint (report->volunteer_quarter_hours, ==, 15);
  g_assert_cmpint (amount (report->hours_by_activity, "Front desk"), ==, 9);
  g_assert_cmpint (amount (report->hours_by_activity, "Peer recovery coach"), ==, 6);
  g_assert_cmpuint (report->hours_by_activity->len, ==, 2);
  g_assert_cmpint (report->supervision_minutes, ==, 140);

  g_assert_cmpint (report->trainings_completed, ==, 2);
  g_assert_cmpint (report->training_quarter_hours, ==, 24);
  g_assert_cmpint (amount (report->training_by_domain, "ethics"), ==, 16);
  g_assert_cmpint (amount (report->training_by_domain, "confidentiality"), ==, 16);
  g_assert_cmpint (amount (report->training_by_domain, "naloxone"), ==, 8);
  g_assert_cmpint (amount (report->training_by_domain, "advocacy"), ==, 0);

  /* On 30 June with a 90-day window (to 28 September): K1, K2, K3, K5 and
   * K7 active, K2 and K5 expiring, K4 expired; K6 not yet issued, and K8
   * and K9 never issued (credentials being worked towards), whatever
   * their expiry. K5, expiring on the last day, is held that day: active
   * and expiring. */
  g_assert_cmpint (report->credentials_active, ==, 5);
  g_assert_cmpint (report->credentials_expiring, ==, 2);
  g_assert_cmpint (report->credentials_expired, ==, 1);

  ages = &report->demographics[PD_REPORT_DEMOGRAPHIC_AGE_BAND];
  g_assert_cmpint (value (ages, "under_18"), ==, 1);      /* Bea */
  g_assert_cmpint (value (ages, "18_24"), ==, 1);         /* Ada */
  g_assert_cmpint (value (ages, "25_34"), ==, 3);         /* Cal, Hal, Max (26) */
  g_assert_cmpint (value (ages, "35_44"), ==, 1);         /* Fay */
  g_assert_cmpint (value (ages, "45_54"), ==, 0);
  g_assert_cmpint (value (ages, "55_64"), ==, 1);         /* Dot */
  g_assert_cmpint (value (ages, "65_and_over"), ==, 1);   /* Eli */
  g_assert_cmpint (value (ages, "unknown"), ==, 2);       /* Gus, Ivy */

  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER], "woman"), ==, 2);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER], "multiple"), ==, 1);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER], "man"), ==, 4);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER], "doesnt_know"),
                   ==, 1);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER], "not_collected"),
                   ==, 1);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_RACE], "multiple"), ==, 1);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_RACE], "white"), ==, 5);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_RACE],
                          "prefers_not_to_answer"), ==, 1);
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    g_assert_cmpint (table_sum (&report->demographics[i]), ==, 10);
}

/* A year-only birth date across the start of a band, a month-only one in
 * the last month, and a birthday after the period's last day. */
static void
test_age_bands (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const struct { const char *birth; const char *end; const char *band; } cases[] = {
    { "2008-03-15", "2026-03-15", "18_24" },
    { "2008-03-16", "2026-03-15", "under_18" },
    { "2008-03", "2026-03-15", "unknown" },      /* 17 or 18 */
    { "2008-03", "2026-03-31", "18_24" },
    { "2008-02", "2026-03-15", "18_24" },
    { "2008-04", "2026-03-31", "under_18" },
    { "2008", "2026-12-31", "18_24" },
    { "2008", "2026-12-30", "unknown" },
    { "2000", "2026-06-30", "25_34" },           /* 25 or 26 */
    { "1961-12-31", "2026-12-31", "65_and_over" },
    { "1962-01-01", "2026-12-31", "55_64" },
    { "1972-02-29", "2026-02-28", "45_54" },     /* 54 until the first of March */
    { "2008-02", "2026-02-28", "unknown" },      /* 2008 is a leap year: 17 or 18 */
    { "2007-02", "2025-02-28", "18_24" },        /* every February day is past */
    { "1900-02", "1918-02-28", "18_24" },        /* 1900 is not a leap year */
    { "2000-02", "2018-02-28", "unknown" },      /* 2000 is one */
    { "2008-04", "2026-04-29", "unknown" },
    { "2008-04", "2026-04-30", "18_24" },        /* April has thirty days */
    { "2030-01-01", "2031-01-01", "under_18" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdReport) report = NULL;
      g_autofree char *sql = NULL;

      exec (fixture, "DELETE FROM visits; DELETE FROM members");
      /* Written with SQL: a birth date in the future is refused by the
       * member form but must not break a report. */
      sql = g_strdup_printf ("INSERT INTO members (number, first_name, birth_date, joined_date,"
                             " created_at, updated_at, sort_key)"
                             " VALUES ('M-000001', 'Nia', '%s', '2020-01-01', '', '', 'nia');"
                             "INSERT INTO visits (member_id, visited_at, purpose_id, created_at)"
                             " SELECT id, '%.10sT12:00', 1, '' FROM members",
                             cases[i].birth, cases[i].end);
      exec (fixture, sql);
      report = make_report (fixture, cases[i].end, cases[i].end, 2);
      g_assert_cmpint (report->served.value, ==, 1);
      if (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_AGE_BAND], cases[i].band) != 1)
        g_error ("born %s, on %s: expected in %s", cases[i].birth, cases[i].end, cases[i].band);
    }
}

/* Fills a report's cells by hand, as pd_report_suppress() sees them. */
static void
set_cells (PdReportTable *table,
           const gint64  *values,
           guint          n_values)
{
  g_assert_cmpuint (table->cells->len, >=, n_values);
  for (guint i = 0; i < table->cells->len; i++)
    {
      PdReportCell *c = &g_array_index (table->cells, PdReportCell, i);

      c->count.value = i < n_values ? values[i] : 0;
      c->count.suppressed = FALSE;
    }
}

static gboolean
is_hidden (const PdReportTable *table,
           guint                index)
{
  return g_array_index (table->cells, PdReportCell, index).count.suppressed;
}

static void
test_suppression (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PdReport) report = make_report (fixture, "2026-01-01", "2026-01-31", 11);
  PdReportTable *ages = &report->demographics[PD_REPORT_DEMOGRAPHIC_AGE_BAND];
  PdReportTable *gender = &report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER];
  const gint64 visitors[] = { 500, 3 };
  const gint64 age_values[] = { 40, 30, 20, 5, 5, 0, 0, 0 };
  const gint64 small_ages[] = { 3, 3, 3, 3 };
  const gint64 twelve[] = { 12 };
  const gint64 gender_values[] = { 60, 40 };

  /* An empty period: zeros are shown as zeros. */
  g_assert_false (report->served.suppressed);
  g_assert_false (is_hidden (ages, 0));

  /* One small cell: the other cell of its table goes too, else the total
   * would give it away. */
  report->visits_total.value = 503;
  set_cells (&report->visits_by_visitor, visitors, 2);
  report->served.value = 100;
  set_cells (ages, age_values, G_N_ELEMENTS (age_values));
  set_cells (gender, gender_values, 2);
  report->new_members.value = 10;
  report->left_out.value = 11;
  pd_report_suppress (report);

  g_assert_false (report->visits_total.suppressed);
  g_assert_true (is_hidden (&report->visits_by_visitor, 0));
  g_assert_true (is_hidden (&report->visits_by_visitor, 1));
  g_assert_true (report->new_members.suppressed);
  g_assert_false (report->left_out.suppressed);

  /* Two fives sum to ten: each could only be 1 to 9, narrower than 1 to 10,
   * so the next smallest, twenty, is hidden with them. */
  g_assert_false (report->served.suppressed);
  g_assert_false (is_hidden (ages, 0));
  g_assert_false (is_hidden (ages, 1));
  g_assert_true (is_hidden (ages, 2));
  g_assert_true (is_hidden (ages, 3));
  g_assert_true (is_hidden (ages, 4));
  for (guint i = 5; i < 8; i++)
    g_assert_false (is_hidden (ages, i));
  g_assert_true (pd_report_table_is_protected (ages, 11));
  g_assert_false (is_hidden (gender, 0));
  g_assert_false (is_hidden (gender, 1));

  /* The threshold is a setting: with 5, a five is shown. */
  report->threshold = 5;
  set_cells (&report->visits_by_visitor, visitors, 2);
  set_cells (ages, age_values, G_N_ELEMENTS (age_values));
  pd_report_suppress (report);
  g_assert_false (is_hidden (ages, 3));
  g_assert_false (is_hidden (ages, 4));
  g_assert_true (is_hidden (&report->visits_by_visitor, 1));
  g_assert_true (report->new_members.suppressed == FALSE);

  /* Twelve people in four bands of three: however many cells are hidden,
   * they would be known to be small, so the total goes, and with it the
   * cells of every table that adds up to it (a gender table shown in full
   * would give the total back). */
  report->threshold = 11;
  report->served.value = 12;
  set_cells (ages, small_ages, G_N_ELEMENTS (small_ages));
  set_cells (gender, twelve, 1);
  pd_report_suppress (report);
  g_assert_true (report->served.suppressed);
  for (guint i = 0; i < 4; i++)
    g_assert_true (is_hidden (ages, i));
  g_assert_true (is_hidden (gender, 0));
  g_assert_false (is_hidden (gender, 1));  /* zero */

  /* A small total hides its table. */
  report->served.value = 7;
  set_cells (ages, (const gint64[]) { 4, 3 }, 2);
  set_cells (gender, (const gint64[]) { 7 }, 1);
  pd_report_suppress (report);
  g_assert_true (report->served.suppressed);
  g_assert_true (is_hidden (ages, 0) && is_hidden (ages, 1) && is_hidden (gender, 0));

  /* The mean would give a hidden attendance back. */
  report->sessions_held = 2;
  report->attendance_total.value = 6;
  set_cells (&report->attendance, (const gint64[]) { 6, 0 }, 2);
  pd_report_suppress (report);
  g_assert_true (report->attendance_total.suppressed);
  g_assert_true (report->mean_suppressed);
}

/* Whatever the counts, no count from 1 to threshold-1 is shown, no zero
 * is hidden, and every table is protected. */
static void
test_suppression_random (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(PdReport) report = make_report (fixture, "2026-01-01", "2026-01-31", 11);

  for (guint round = 0; round < 2000; round++)
    {
      guint threshold = (guint) g_test_rand_int_range (2, 30);
      PdReportTable *tables[PD_REPORT_N_DEMOGRAPHICS];

      report->threshold = threshold;
      report->served.value = 0;
      for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
        tables[i] = &report->demographics[i];

      /* One set of people, spread over each table's cells. */
      {
        guint n_people = (guint) g_test_rand_int_range (0, 120);

        report->served.value = n_people;
        for (guint t = 0; t < PD_REPORT_N_DEMOGRAPHICS; t++)
          {
            guint n_cells = tables[t]->cells->len;
            guint used = (guint) g_test_rand_int_range (1, (gint32) n_cells + 1);

            set_cells (tables[t], NULL, 0);
            for (guint p = 0; p < n_people; p++)
              g_array_index (tables[t]->cells, PdReportCell,
                             g_test_rand_int_range (0, (gint32) used)).count.value++;
          }
      }
      pd_report_suppress (report);

      for (guint t = 0; t < PD_REPORT_N_DEMOGRAPHICS; t++)
        {
          g_assert_true (pd_report_table_is_protected (tables[t], threshold));
          for (guint i = 0; i < tables[t]->cells->len; i++)
            {
              const PdReportCount *c = &g_array_index (tables[t]->cells, PdReportCell, i).count;

              if (c->value == 0)
                g_assert_false (c->suppressed);
              else if (c->value < threshold)
                g_assert_true (c->suppressed);
            }
          /* A hidden total leaves no table shown in full. */
          if (report->served.suppressed)
            for (guint i = 0; i < tables[t]->cells->len; i++)
              {
                const PdReportCount *c = &g_array_index (tables[t]->cells, PdReportCell, i).count;

                g_assert_true (c->value == 0 || c->suppressed);
              }
        }
      if (report->served.value >= 1 && report->served.value < threshold)
        g_assert_true (report->served.suppressed);
    }
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_xml (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "report.xml", NULL);
  g_autofree char *xml = NULL;
  GStatBuf st;

  build_quarter (fixture);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  report = make_report (fixture, "2026-04-01", "2026-06-30", 0);

  g_assert_true (pd_report_write (report, path, &error));
  g_assert_no_error (error);
  g_assert_true (pd_report_validate_file (path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (out_dir), ==, 1);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  xml = read_file (path);
  g_assert_nonnull (strstr (xml, "<report xmlns=\"" PD_REPORT_NAMESPACE "\" version=\"1\">"));
  g_assert_nonnull (strstr (xml, "<organisation>Harbour Light Recovery Centre</organisation>"));
  g_assert_nonnull (strstr (xml, "<period-start>2026-04-01</period-start>"));
  g_assert_nonnull (strstr (xml, "<suppression-threshold>11</suppression-threshold>"));
  g_assert_nonnull (strstr (xml, "<generated-at>2026-11-27T09:30:00</generated-at>"));
  /* Served is ten: below eleven, so hidden, and with it every demographic. */
  g_assert_nonnull (strstr (xml, "<served>\n      <suppressed/>\n    </served>"));
  g_assert_nonnull (strstr (xml, "<cell code=\"45_54\">\n        <count>0</count>"));
  g_assert_nonnull (strstr (xml, "<total>3.75</total>"));
  g_assert_nonnull (strstr (xml, "<activity name=\"Front desk\" hours=\"2.25\"/>"));
  g_assert_nonnull (strstr (xml, "<supervision-hours>2.33</supervision-hours>"));
  g_assert_nonnull (strstr (xml, "<domain code=\"ethics\" hours=\"4\"/>"));
  g_assert_nonnull (strstr (xml, "<kind code=\"family\" sessions=\"1\"/>"));
  g_assert_nonnull (strstr (xml, "<expired>1</expired>"));
  g_assert_null (strstr (xml, "<count>1</count>"));
  g_assert_null (strstr (xml, "<count>10</count>"));
}

static void
test_xml_shown (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "report.xml", NULL);
  g_autofree char *xml = NULL;

  build_quarter (fixture);
  report = make_report (fixture, "2026-04-01", "2026-06-30", 2);
  g_assert_true (pd_report_write (report, path, &error));
  g_assert_no_error (error);
  xml = read_file (path);
  g_assert_nonnull (strstr (xml, "<served>\n      <count>10</count>\n    </served>"));
  g_assert_nonnull (strstr (xml, "<mean-per-session>\n        <value>4.3</value>"));
  g_assert_nonnull (strstr (xml, "<cell name=\"Drop-in\">\n        <count>10</count>"));
  /* One resource referral is hidden, and two naloxone kits with it. */
  g_assert_nonnull (strstr (xml, "<cell name=\"Resource referral\">\n        <suppressed/>"));
  g_assert_nonnull (strstr (xml, "<cell name=\"Naloxone kit\">\n        <suppressed/>"));
}

static void
test_broken_report (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "report.xml", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "report.xml", NULL);
  g_autoptr(PdDatabase) again = NULL;
  PdReportCell *c;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  report = make_report (fixture, "2026-04-01", "2026-06-30", 0);

  /* A cell whose code the schema does not know. */
  c = &g_array_index (report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER].cells, PdReportCell, 0);
  g_free (c->code);
  c->code = g_strdup ("unheard_of");
  g_assert_false (pd_report_write (report, path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "unheard_of"));
  g_assert_cmpuint (count_files (out_dir), ==, 0);
  g_clear_error (&error);

  /* An existing report is left as it was. */
  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_assert_false (pd_report_write (report, path, &error));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (out_dir), ==, 1);
  {
    g_autofree char *contents = read_file (path);

    g_assert_cmpstr (contents, ==, "earlier");
  }

  g_free (c->code);
  c->code = g_strdup ("woman");
  g_assert_false (pd_report_write (report, missing, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* A valid report never takes the place of the open database's file (a
   * server's database is no file to take the place of). */
  if (!pd_test_is_postgresql ())
    {
      g_assert_false (pd_report_write (report, pd_database_get_path (fixture->db), &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "is the Peerdesk database itself"));
      g_clear_error (&error);
    }
  again = pd_database_open (pd_database_get_path (fixture->db), &error);
  g_assert_no_error (error);
}

static void
test_bad_options (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPeriod) period = NULL;
  PdReportOptions options = { NULL };
  PdReportSettings settings = { "", "", "", 11, 90 };
  PdReport *report;
  GDate first, last;

  period = pd_period_new_from_iso ("2026-04-31", "2026-06-30", &error);
  g_assert_null (period);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-04-31"));
  g_clear_error (&error);

  period = pd_period_new_from_iso ("2026-07-01", "2026-06-30", &error);
  g_assert_null (period);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "before it starts"));
  g_clear_error (&error);

  /* A period made of days rather than typed is checked as well. */
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JULY, 2026);
  g_date_set_dmy (&last, 30, G_DATE_JUNE, 2026);
  period = pd_period_new (PD_PERIOD_CUSTOM, &first, &last);
  options.period = period;
  report = pd_report_new (fixture->db, &options, &error);
  g_assert_null (report);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_date_set_dmy (&first, 1, G_DATE_APRIL, 2026);
  period->first = first;
  options.threshold = 1;
  report = pd_report_new (fixture->db, &options, &error);
  g_assert_null (report);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  options.threshold = 0;
  g_assert_true (pd_report_settings_save (fixture->db, &settings, &error));
  report = pd_report_new (fixture->db, &options, &error);
  g_assert_null (report);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "organisation"));
  g_clear_error (&error);

  settings.organisation = (char *) "Harbour Light";
  settings.threshold = 101;
  g_assert_false (pd_report_settings_save (fixture->db, &settings, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(PdReportSettings) loaded = { NULL };
  PdReportSettings settings = { "  Harbour Light  ", "", "G-7", 5, 30 };

  g_assert_true (pd_report_settings_save (fixture->db, &settings, &error));
  g_assert_no_error (error);
  g_assert_true (pd_report_settings_load (fixture->db, &loaded, &error));
  g_assert_cmpstr (loaded.organisation, ==, "Harbour Light");
  g_assert_cmpstr (loaded.site_id, ==, "");
  g_assert_cmpstr (loaded.grant_id, ==, "G-7");
  g_assert_cmpuint (loaded.threshold, ==, 5);
  g_assert_cmpuint (loaded.renewal_window_days, ==, 30);
  {
    g_autoptr(PdReport) report = make_report (fixture, "2026-01-01", "2026-01-31", 0);

    g_assert_cmpuint (report->threshold, ==, 5);
    g_assert_null (report->site_id);
  }
}

/* Distinctive names, numbers, phones, emails, birth dates and notes; none
 * of them may be in the report's bytes, and a member who did not consent
 * is in no count at all. */
static void
test_privacy (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char *const secrets[] = {
    "Zebulon", "Quxworth", "Zeb Q", "they/xem", "M-00004", "867", "5309", "zeb@quxworth",
    "1977-03-14", "Ysolde", "Xylophone", "Opaline", "Wrenfield", "cousin", "Vera",
  };
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdReport) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "report.xml", NULL);
  g_autofree char *xml = NULL;
  gint64 refuser_id;

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(PdMember) m = pd_member_new ();

      pd_member_set (m, PD_MEMBER_FIELD_NUMBER, NULL);
      pd_member_set (m, PD_MEMBER_FIELD_FIRST_NAME, "Zebulon");
      pd_member_set (m, PD_MEMBER_FIELD_LAST_NAME, "Quxworth");
      pd_member_set (m, PD_MEMBER_FIELD_PREFERRED_NAME, "Zeb Q");
      pd_member_set (m, PD_MEMBER_FIELD_PRONOUNS, "they/xem");
      pd_member_set (m, PD_MEMBER_FIELD_BIRTH_DATE, "1977-03-14");
      pd_member_set (m, PD_MEMBER_FIELD_PHONE, "(555) 867-5309");
      pd_member_set (m, PD_MEMBER_FIELD_EMAIL, "zeb@quxworth.example");
      pd_member_set (m, PD_MEMBER_FIELD_EMERGENCY_NAME, "Ysolde Wrenfield, cousin");
      pd_member_set (m, PD_MEMBER_FIELD_NOTES, "Xylophone lessons on Opaline Street");
      pd_member_set (m, PD_MEMBER_FIELD_JOINED_DATE, "2026-04-02");
      g_assert_true (pd_members_insert (fixture->db, m, &error));
      g_assert_no_error (error);
      visit (fixture, pd_member_get_id (m), NULL, "2026-04-05T10:00");
    }
  exec (fixture,
        "INSERT INTO volunteers (id, display_name, start_date, created_at, updated_at)"
        " VALUES (1, 'Vera', '2020-01-01', '', '');"
        "INSERT INTO hours (volunteer_id, date, activity, quarter_hours, created_at)"
        " VALUES (1, '2026-04-03', 'Front desk', 4, '')");

  before = make_report (fixture, "2026-04-01", "2026-04-30", 0);

  /* One more, who did not consent, visits and attends. */
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Opaline");
  pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, "1950-01-01");
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, "2026-04-03");
  pd_member_set (member, PD_MEMBER_FIELD_GENDER, "woman");
  pd_member_set (member, PD_MEMBER_FIELD_REPORT_CONSENT, "0");
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  refuser_id = pd_member_get_id (member);
  visit (fixture, refuser_id, NULL, "2026-04-06T10:00");
  exec (fixture,
        "INSERT INTO groups (id, name, kind, start_date, attendance_mode, created_at, updated_at)"
        " VALUES (1, 'Circle', 'peer_support', '2026-01-01', 'named', '', '');"
        "INSERT INTO sessions (id, group_id, starts_at, duration_minutes)"
        " VALUES (1, 1, '2026-04-07T18:00', 60)");
  attend (fixture, 1, refuser_id);

  report = make_report (fixture, "2026-04-01", "2026-04-30", 0);
  g_assert_true (pd_report_write (report, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (report->served.value, ==, before->served.value);
  g_assert_cmpint (report->served.value, ==, 12);
  g_assert_cmpint (report->new_members.value, ==, 12);
  g_assert_cmpint (report->visits_total.value, ==, 12);
  g_assert_cmpint (report->attendance_total.value, ==, 0);
  g_assert_cmpint (report->unique_attendees.value, ==, 0);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_AGE_BAND], "65_and_over"),
                   ==, 0);
  g_assert_cmpint (value (&report->demographics[PD_REPORT_DEMOGRAPHIC_GENDER], "woman"), ==, 0);
  g_assert_cmpint (report->left_out.value, ==, 1);
  g_assert_true (report->left_out.suppressed);

  xml = read_file (path);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (xml, secrets[i]) != NULL)
      g_error ("the report contains “%s”", secrets[i]);
  /* Nor any member's id. */
  g_assert_null (strstr (xml, "id="));
  g_assert_null (strstr (xml, "member-id"));
}

/* Records a report's queries read differently from one engine to another:
 * activities differing in case alone, a birth month of a leap year, a
 * volunteer's hours across the period's ends. */
static void
build_edges (Fixture *fixture)
{
  exec (fixture,
        "INSERT INTO members (id, number, first_name, birth_date, joined_date, race,"
        "  created_at, updated_at, sort_key) VALUES"
        "  (101, 'E-1', 'Ona', '2008-02', '2026-04-10', 'asian;white', '', '', 'ona'),"
        "  (102, 'E-2', 'Pia', '1926', '2026-06-30', 'white', '', '', 'pia');"
        "INSERT INTO visits (member_id, visited_at, purpose_id, created_at) VALUES"
        "  (101, '2026-06-30T12:00', 1, ''), (102, '2026-04-01T08:00', 1, '');"
        "INSERT INTO hours (volunteer_id, date, activity, quarter_hours, created_at) VALUES"
        "  (2, '2026-04-02', 'front desk', 3, ''), (2, '2026-04-03', 'Zine table', 5, ''),"
        "  (1, '2026-04-04', 'after-care calls', 2, ''), (1, '2026-06-30', 'FRONT DESK', 1, '');");
}

/* Writes the report of the second quarter of 2026 of @db to @path. */
static void
export_quarter (PdDatabase *db,
                const char *path,
                guint       threshold)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 9, 30, 0);
  g_autoptr(PdPeriod) period = pd_period_new_from_iso ("2026-04-01", "2026-06-30", NULL);
  PdReportOptions options = {
    .period = period,
    .threshold = threshold,
    .renewal_window_days = 90,
    .now = now,
  };
  g_autoptr(PdReport) report = pd_report_export (db, &options, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/* The same records give the same report, byte for byte, on the engine the
 * tests run on as in a SQLite file, with the figures asserted here. */
static void
test_same_on_engines (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "reference.db", NULL);
  PdReportSettings settings = { "Harbour Light Recovery Centre", "HL-01", "TI-0861", 11, 90 };
  Fixture reference = { fixture->dir, NULL };

  reference.db = pd_database_open (file, &error);
  g_assert_no_error (error);
  g_assert_true (pd_report_settings_save (reference.db, &settings, &error));
  g_assert_no_error (error);
  build_quarter (fixture);
  build_edges (fixture);
  build_quarter (&reference);
  build_edges (&reference);

  for (guint threshold = 2; threshold <= 11; threshold += 9)
    {
      g_autofree char *name = g_strdup_printf ("engine-%u.xml", threshold);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *reference_name = g_strdup_printf ("file-%u.xml", threshold);
      g_autofree char *reference_path = g_build_filename (fixture->dir, reference_name, NULL);
      g_autofree char *xml = NULL;
      g_autofree char *expected = NULL;

      export_quarter (fixture->db, path, threshold);
      export_quarter (reference.db, reference_path, threshold);
      xml = read_file (path);
      expected = read_file (reference_path);
      g_assert_cmpstr (xml, ==, expected);
      if (threshold != 2)
        continue;

      /* Ada to Ivy, Max, Ona and Pia; Ona, born in February 2008, is 18
       * on 30 June 2026, as Ada is, and Pia is over 65, as Eli is. */
      g_assert_nonnull (strstr (xml, "<served>\n      <count>12</count>\n    </served>"));
      g_assert_nonnull (strstr (xml, "<cell code=\"18_24\">\n        <count>2</count>"));
      g_assert_nonnull (strstr (xml, "<cell code=\"65_and_over\">\n        <count>2</count>"));
      g_assert_nonnull (strstr (xml, "<cell code=\"multiple\">\n        <count>2</count>"));
      /* In the order of the names, whatever their case. */
      g_assert_nonnull (strstr (xml,
                                "<activity name=\"after-care calls\" hours=\"0.5\"/>\n"
                                "      <activity name=\"FRONT DESK\" hours=\"0.25\"/>\n"
                                "      <activity name=\"Front desk\" hours=\"2.25\"/>\n"
                                "      <activity name=\"front desk\" hours=\"0.75\"/>\n"
                                "      <activity name=\"Peer recovery coach\" hours=\"1.5\"/>\n"
                                "      <activity name=\"Zine table\" hours=\"1.25\"/>"));
      g_assert_nonnull (strstr (xml, "<mean-per-session>\n        <value>4.3</value>"));
      g_assert_nonnull (strstr (xml, "<supervision-hours>2.33</supervision-hours>"));
    }
  g_assert_finalize_object (reference.db);
}

/* Counted inside a caller's transaction, the report sees what that
 * transaction wrote, and leaves it to commit or roll back. */
static void
test_in_transaction (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdReport) before = NULL;
  g_autoptr(PdReport) inside = NULL;
  g_autoptr(PdReport) after = NULL;

  build_quarter (fixture);
  before = make_report (fixture, "2026-04-01", "2026-06-30", 2);
  transaction = pd_database_begin_transaction (fixture->db, &error);
  g_assert_no_error (error);
  visit (fixture, 0, NULL, "2026-04-20T10:00");
  inside = make_report (fixture, "2026-04-01", "2026-06-30", 2);
  g_assert_cmpint (inside->visits_total.value, ==, before->visits_total.value + 1);
  /* The transaction goes on after the report. */
  visit (fixture, 0, NULL, "2026-04-21T10:00");
  g_clear_pointer (&transaction, pd_transaction_free);

  after = make_report (fixture, "2026-04-01", "2026-06-30", 2);
  g_assert_cmpint (after->visits_total.value, ==, before->visits_total.value);
}

static void
test_months (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(PdPeriod) period = pd_period_new_from_iso ("2026-03-15", "2026-07-31", NULL);
  const PdReportMonth *m;

  build_quarter (fixture);
  months = pd_report_months (fixture->db, period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 5);
  m = &g_array_index (months, PdReportMonth, 0);
  g_assert_cmpint (m->year, ==, 2026);
  g_assert_cmpint (m->month, ==, 3);
  g_assert_cmpint (m->visits, ==, 1);        /* Kim on the 31st */
  g_assert_cmpint (m->attendance, ==, 1);    /* Kim at the session of the 31st */
  m = &g_array_index (months, PdReportMonth, 1);
  g_assert_cmpint (m->visits, ==, 3);        /* Ada and two anonymous */
  g_assert_cmpint (m->attendance, ==, 3);    /* Jon did not consent */
  m = &g_array_index (months, PdReportMonth, 2);
  g_assert_cmpint (m->visits, ==, 8);
  g_assert_cmpint (m->attendance, ==, 3);    /* Ada and a headcount of 2 */
  m = &g_array_index (months, PdReportMonth, 4);
  g_assert_cmpint (m->month, ==, 7);
  g_assert_cmpint (m->visits, ==, 2);
  g_assert_cmpint (m->attendance, ==, 30);
}

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The threads let go of the database after its callbacks have run. */
static void
wait_for_threads (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (G_OBJECT (fixture->db)->ref_count > 1 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The core runs the report, its months and the exports in threads, on
 * connections of their own, with the same figures as in the caller's
 * thread; a cancelled one says so. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 9, 30, 0);
  g_autoptr(PdPeriod) period = pd_period_new_from_iso ("2026-04-01", "2026-06-30", NULL);
  PdReportOptions options = { .period = period, .renewal_window_days = -1, .now = now };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PdReport) expected = NULL;
  g_autoptr(PdReport) report = NULL;
  g_autoptr(GArray) months = NULL;
  g_autofree char *xml = g_build_filename (fixture->dir, "report.xml", NULL);
  g_autofree char *json = g_build_filename (fixture->dir, "all.json", NULL);
  GAsyncResult *result = NULL;

  build_quarter (fixture);
  expected = pd_report_new (fixture->db, &options, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      /* The second runs on the connection the first left. */
      g_clear_pointer (&report, pd_report_free);
      pd_report_build_async (fixture->db, &options, NULL, on_async_done_cb, &result);
      report = pd_report_build_finish (fixture->db, wait_for (&result), &error);
      g_clear_object (&result);
      g_assert_no_error (error);
      g_assert_cmpint (report->served.value, ==, expected->served.value);
      g_assert_cmpint (report->visits_total.value, ==, expected->visits_total.value);
      g_assert_cmpint (report->attendance_total.value, ==, expected->attendance_total.value);
      g_assert_cmpuint (report->renewal_window_days, ==, PD_REPORT_RENEWAL_WINDOW_DEFAULT);
      g_assert_true (pd_period_equal (&report->period, period));
    }

  g_cancellable_cancel (cancellable);
  pd_report_build_async (fixture->db, &options, cancellable, on_async_done_cb, &result);
  g_assert_null (pd_report_build_finish (fixture->db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  pd_report_months_async (fixture->db, period, NULL, on_async_done_cb, &result);
  months = pd_report_months_finish (fixture->db, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 3);

  pd_report_export_async (fixture->db, &options, xml, NULL, on_async_done_cb, &result);
  g_assert_true (pd_report_export_finish (fixture->db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (pd_report_validate_file (xml, &error));
  g_assert_no_error (error);

  pd_json_export_async (fixture->db, json, NULL, on_async_done_cb, &result);
  g_assert_true (pd_json_export_finish (fixture->db, wait_for (&result), &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));

  wait_for_threads (fixture);
}

static void
test_sql (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPeriod) period = pd_period_new_from_iso ("2026-04-01", "2026-06-30", NULL);
  PdReportOptions options = { .period = period, .renewal_window_days = 90 };
  g_autofree char *sql = pd_report_dup_sql (fixture->db, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (sql, "'2026-04-01'"));
  g_assert_nonnull (strstr (sql, "'2026-07-01'"));
  g_assert_nonnull (strstr (sql, "'2026-09-28'"));
  g_assert_null (strstr (sql, ":start"));
  /* Every statement runs as it is. */
  g_assert_true (pd_database_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/report/figures", test_figures);
  ADD ("/report/same-on-engines", test_same_on_engines);
  ADD ("/report/in-transaction", test_in_transaction);
  ADD ("/report/age-bands", test_age_bands);
  ADD ("/report/suppression", test_suppression);
  ADD ("/report/suppression/random", test_suppression_random);
  ADD ("/report/xml", test_xml);
  ADD ("/report/async", test_async);
  ADD ("/report/xml/shown", test_xml_shown);
  ADD ("/report/xml/broken", test_broken_report);
  ADD ("/report/options", test_bad_options);
  ADD ("/report/settings", test_settings);
  ADD ("/report/privacy", test_privacy);
  ADD ("/report/months", test_months);
  ADD ("/report/sql", test_sql);
#undef ADD

  return g_test_run ();
}
