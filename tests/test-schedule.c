/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-print-documents.h"
#include "pd-report.h"
#include "pd-schedule.h"
#include "pd-test-core.h"
#include "pd-test-pdf.h"
#include "pd-text.h"
#include "pd-volunteers.h"

/* The fixture's centre is in New York (the test runs with that TZ): its
 * Thursday circle meets at six in the evening on both sides of the end of
 * daylight saving time on Sunday, November 1, 2026. */
#define FIRST_DAY "2026-10-19"
#define N_WEEKS 4

/* Names that must never be published: a facilitator who is a member, one
 * typed in, a volunteer facilitator, people who came, and what was said
 * about a cancellation. */
static const char *const secrets[] = {
  "Rosalind", "Quimby", "Winifred", "Ashdown", "Ulysses", "Brandywine", "Theodora", "Vexley",
  "Oswin", "Pettigrew", "flu", "private note",
};

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *db;
  gint64 circle_id;
  gint64 anonymous_id;
  gint64 cancelled_id;     /* the circle's session on October 29 */
} Fixture;

static gint64
add_member (PdDatabase *db,
            const char *first_name,
            const char *last_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static gint64
add_group (PdDatabase *db,
           const char *name,
           PdWeekdays  weekdays,
           const char *start_time,
           const char *mode,
           const char *room,
           const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdGroup) group = pd_group_new ();
  gint64 id;

  g_free (group->name);
  group->name = g_strdup (name);
  group->weekdays = weekdays;
  g_free (group->start_time);
  group->start_time = g_strdup (start_time);
  g_free (group->start_date);
  group->start_date = g_strdup ("2026-09-01");
  g_free (group->attendance_mode);
  group->attendance_mode = g_strdup (mode);
  g_free (group->room);
  group->room = g_strdup (room);
  g_free (group->description);
  group->description = g_strdup (description);
  id = pd_groups_insert (db, group, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
session_at (PdDatabase *db,
            gint64      group_id,
            const char *starts_at)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT id FROM sessions WHERE group_id = %" G_GINT64_FORMAT
                         " AND starts_at = '%s'", group_id, starts_at);
  return pd_test_query_int (db, sql);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdGroup) circle = NULL;
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  gint64 facilitator, attendee, volunteer_id, session;

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, &fixture->path);

  g_assert_true (pd_database_set_meta (fixture->db, "report_organisation",
                                       "Harbor Light Recovery, Inc.", &error));
  facilitator = add_member (fixture->db, "Rosalind", "Quimby");
  attendee = add_member (fixture->db, "Theodora", "Vexley");
  add_member (fixture->db, "Oswin", "Pettigrew");
  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Ulysses Brandywine");
  volunteer_id = pd_volunteers_insert (fixture->db, volunteer, &error);
  g_assert_no_error (error);

  fixture->circle_id = add_group (fixture->db, "Thursday Evening Circle", PD_WEEKDAY_THURSDAY,
                                  "18:00", "named", "Room A", "");
  circle = pd_groups_get (fixture->db, fixture->circle_id, &error);
  g_assert_no_error (error);
  circle->facilitator_member_id = facilitator;
  circle->facilitator_volunteer_id = volunteer_id;
  g_free (circle->facilitator_name);
  circle->facilitator_name = g_strdup ("Winifred Ashdown");
  g_assert_true (pd_groups_update (fixture->db, circle, &error));
  g_assert_no_error (error);

  fixture->anonymous_id = add_group (fixture->db, "Open Mutual-Aid Meeting", PD_WEEKDAY_TUESDAY,
                                     "19:30", "headcount", "Community Room",
                                     "Anonymous; all are welcome.");

  g_assert_cmpuint (pd_sessions_generate (fixture->db, FIRST_DAY, "2026-11-15", &error), ==, 8);
  g_assert_no_error (error);

  session = session_at (fixture->db, fixture->circle_id, "2026-10-22T18:00");
  g_assert_true (pd_attendance_mark (fixture->db, session, attendee, &error));
  g_assert_true (pd_sessions_set_notes (fixture->db, session, "private note", &error));
  g_assert_true (pd_attendance_set_headcount (fixture->db,
                                              session_at (fixture->db, fixture->anonymous_id,
                                                          "2026-10-20T19:30"),
                                              14, &error));
  fixture->cancelled_id = session_at (fixture->db, fixture->circle_id, "2026-10-29T18:00");
  g_assert_true (pd_sessions_cancel (fixture->db, fixture->cancelled_id,
                                     "Rosalind has the flu", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
  g_free (fixture->path);
}

static char *
export (Fixture    *fixture,
        const char *name,
        gint        expected)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  GDate first_day;

  g_assert_true (pd_date_parse (FIRST_DAY, &first_day));
  g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, N_WEEKS, path, &error), ==,
                   expected);
  g_assert_no_error (error);
  return path;
}

static icalcomponent *
parse_file (const char *path,
            char      **contents)
{
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;

  g_assert_true (g_file_get_contents (path, contents, NULL, &error));
  g_assert_no_error (error);
  calendar = icalparser_parse_string (*contents);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  return calendar;
}

static const char *
x_property (icalcomponent *component,
            const char    *name)
{
  for (icalproperty *property = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       property != NULL;
       property = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (property), name) == 0)
      return icalproperty_get_x (property);
  return NULL;
}

/* The circle meets at six in the evening, local time, before and after the
 * clocks go back: the times carry the zone, whose description puts them at
 * 22:00 UTC in October and 23:00 UTC in November. */
static void
test_schedule_ics (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "meetings.ics", 8);
  g_autofree char *contents = NULL;
  icalcomponent *calendar = parse_file (path, &contents);
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  icalcomponent *vtimezone;
  GStatBuf st;
  guint n_events = 0, n_circle = 0, n_cancelled = 0;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (
                     calendar, ICAL_VERSION_PROPERTY)), ==, "2.0");
  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));
  g_assert_cmpstr (x_property (calendar, "X-WR-CALNAME"), ==, "Harbor Light Recovery, Inc.");
  /* As any reader takes it, not escaped twice over. */
  g_assert_nonnull (strstr (contents, "\r\nX-WR-CALNAME:Harbor Light Recovery, Inc.\r\n"));
  g_assert_cmpint (icaldurationtype_as_int (icalproperty_get_refreshinterval (
                     icalcomponent_get_first_property (calendar,
                                                       ICAL_REFRESHINTERVAL_PROPERTY))), ==,
                   12 * 3600);
  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (
                     vtimezone, ICAL_TZID_PROPERTY)), ==, "America/New_York");

  for (icalcomponent *event = icalcomponent_get_first_component (calendar,
                                                                 ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      icalproperty *dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
      icalparameter *tzid = icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER);
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype start_utc;
      const char *summary = icalcomponent_get_summary (event);

      n_events++;
      g_assert_nonnull (tzid);
      g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "America/New_York");
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY));
      g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_ATTENDEE_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_ORGANIZER_PROPERTY));
      g_assert_null (icalcomponent_get_first_property (event, ICAL_CONTACT_PROPERTY));

      if (g_strcmp0 (summary, "Thursday Evening Circle") == 0)
        {
          n_circle++;
          g_assert_cmpint (start.hour, ==, 18);
          g_assert_cmpint (start.minute, ==, 0);
          g_assert_cmpstr (icalcomponent_get_location (event), ==, "Room A");
          g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));
          start_utc = icaltime_convert_to_zone (start, utc);
          g_assert_cmpint (start_utc.hour, ==, start.month == 10 ? 22 : 23);
          g_assert_cmpint (icaltime_as_timet_with_zone (icalcomponent_get_dtend (event), utc) -
                           icaltime_as_timet_with_zone (start, utc), ==, 60 * 60);
          if (start.month == 10 && start.day == 29)
            {
              g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
              n_cancelled++;
            }
          else
            g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
        }
      else
        {
          g_assert_cmpstr (summary, ==, "Open Mutual-Aid Meeting");
          g_assert_cmpint (start.hour, ==, 19);
          g_assert_cmpint (start.minute, ==, 30);
          g_assert_cmpstr (icalcomponent_get_description (event), ==,
                           "Anonymous; all are welcome.");
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
        }
    }
  g_assert_cmpuint (n_events, ==, 8);
  g_assert_cmpuint (n_circle, ==, 4);
  g_assert_cmpuint (n_cancelled, ==, 1);

  /* Not a member's, a volunteer's or a facilitator's name, anywhere. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (contents, secrets[i]));

  /* The export is on record, with the number of sessions and no name. */
  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"
                                      " AND detail = 'schedule calendar meetings.ics'"
                                      " AND count = 8"), ==, 1);
  icalcomponent_free (calendar);
}

static GPtrArray *
collect_uids (const char *path)
{
  g_autofree char *contents = NULL;
  icalcomponent *calendar = parse_file (path, &contents);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (icalcomponent *event = icalcomponent_get_first_component (calendar,
                                                                 ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    g_ptr_array_add (uids, g_strdup (icalcomponent_get_uid (event)));
  icalcomponent_free (calendar);
  return uids;
}

/* Importing the calendar again updates the events it brought in: the
 * same session has the same UID in every export, and no two share one. */
static void
test_schedule_uids_stable (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *first_path = export (fixture, "first.ics", 8);
  g_autofree char *second_path = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  /* A change in between: the next week's cancellation is a revision of
   * the same event. */
  g_assert_true (pd_sessions_cancel (fixture->db,
                                     session_at (fixture->db, fixture->anonymous_id,
                                                 "2026-11-03T19:30"), "Holiday", &error));
  second_path = export (fixture, "second.ics", 8);
  first = collect_uids (first_path);
  second = collect_uids (second_path);

  g_assert_cmpuint (first->len, ==, 8);
  g_assert_cmpuint (second->len, ==, first->len);
  for (guint i = 0; i < first->len; i++)
    {
      const char *uid = g_ptr_array_index (first, i);

      g_assert_cmpstr (uid, ==, g_ptr_array_index (second, i));
      g_assert_true (g_str_has_suffix (uid, "@peerdesk"));
      g_assert_true (g_hash_table_add (seen, (gpointer) uid));
    }
}

/* A file that cannot be written leaves nothing behind, and an earlier
 * calendar of the same name stays as it was. */
static void
test_schedule_failed_write (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "meetings.ics",
                                               NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "a-folder.ics", NULL);
  GDate first_day;

  g_assert_true (pd_date_parse (FIRST_DAY, &first_day));
  g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, N_WEEKS, missing, &error), ==,
                   -1);
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, N_WEEKS, folder, &error), ==,
                   -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  /* Onto the database's own file (a server's database is no file to
   * write over). */
  if (!pd_test_is_postgresql ())
    {
      g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, N_WEEKS, fixture->path,
                                              &error), ==, -1);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, 0, missing, &error), ==, -1);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"),
                   ==, 0);
}

/* A zone the time zone database does not name (a rule typed into TZ)
 * leaves the times floating: every calendar shows the meeting at six. */
static void
test_schedule_unnamed_zone (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  icalproperty *dtstart;

  g_setenv ("TZ", "XYZ5", TRUE);
  path = export (fixture, "floating.ics", 8);
  g_setenv ("TZ", "America/New_York", TRUE);

  calendar = parse_file (path, &contents);
  g_assert_null (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  g_assert_null (strstr (contents, "TZID"));
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  dtstart = icalcomponent_get_first_property (event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpint (icalproperty_get_dtstart (dtstart).hour, ==, 19);
  g_assert_false (icaltime_is_utc (icalproperty_get_dtstart (dtstart)));
  icalcomponent_free (calendar);
}

/* The list the printed week and the text are made from: by time, archived
 * groups left out, no attendance read. */
static void
test_schedule_list (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(PdGroup) circle = NULL;
  const PdScheduleEntry *entry;
  GDate first_day;

  g_assert_true (pd_date_parse (FIRST_DAY, &first_day));
  entries = pd_schedule_list (fixture->db, &first_day, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->starts_at, ==, "2026-10-20T19:30");
  g_assert_cmpstr (entry->group_name, ==, "Open Mutual-Aid Meeting");
  g_assert_cmpstr (entry->room, ==, "Community Room");
  g_assert_false (entry->cancelled);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->starts_at, ==, "2026-10-22T18:00");
  g_assert_cmpuint (entry->duration_minutes, ==, 60);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The week after holds the cancelled session, marked so. */
  g_date_add_days (&first_day, 7);
  entries = pd_schedule_list (fixture->db, &first_day, 7, &error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_true (entry->cancelled);
  g_clear_pointer (&entries, g_ptr_array_unref);

  circle = pd_groups_get (fixture->db, fixture->circle_id, &error);
  circle->archived = TRUE;
  g_assert_true (pd_groups_update (fixture->db, circle, &error));
  g_assert_no_error (error);
  entries = pd_schedule_list (fixture->db, &first_day, 7, &error);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* A centre that has not named itself yet gets a calendar named
 * "Meetings"; the name is never left empty. */
static void
test_schedule_title (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *named = pd_schedule_dup_title (fixture->db);
  g_autofree char *unnamed = NULL;

  g_assert_cmpstr (named, ==, "Harbor Light Recovery, Inc.");
  g_assert_true (pd_database_set_meta (fixture->db, "report_organisation", "  ", &error));
  unnamed = pd_schedule_dup_title (fixture->db);
  g_assert_cmpstr (unnamed, ==, "Meetings");
}

/* The front desk may not take the schedule; a facilitator may, and
 * nobody signed in gets nothing. A refusal writes no file and no entry. */
static void
test_schedule_roles (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "meetings.ics", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  GDate first_day;
  gint64 id;

  g_assert_true (pd_date_parse (FIRST_DAY, &first_day));
  /* A director's account turns sign-in on. */
  pd_test_insert_staff (fixture->db, "Dana", "director");
  id = pd_test_insert_staff (fixture->db, "Fran", "front-desk");
  pd_test_act_as (fixture->db, id, "Fran", PD_ROLE_FRONT_DESK);

  g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, N_WEEKS, path, &error), ==,
                   -1);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_null (pd_schedule_list (fixture->db, &first_day, 7, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"),
                   ==, 0);

  id = pd_test_insert_staff (fixture->db, "Faye", "facilitator");
  pd_test_act_as (fixture->db, id, "Faye", PD_ROLE_FACILITATOR);
  g_assert_cmpint (pd_schedule_write_ics (fixture->db, &first_day, N_WEEKS, path, &error), ==,
                   8);
  g_assert_no_error (error);
  entries = pd_schedule_list (fixture->db, &first_day, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
}

/* The week printed for the notice board, read back from the PDF. */
static char *
print_week (Fixture    *fixture,
            const char *date,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  GDate day;

  g_assert_true (pd_date_parse (date, &day));
  doc = pd_print_schedule (fixture->db, &day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (pd_print_doc_write_pdf (doc, PD_PAPER_US_LETTER, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_test_pdf_n_pages (path), ==, 1);
  return pd_test_pdf_text (path, 0);
}

/* Each day from Monday to Sunday, its sessions by time with the group and
 * the room, the cancelled one marked, the days without meetings said so;
 * the centre and the week in the title; and no one's name. */
static void
test_print_week (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  const char *days[] = {
    "Monday, October 26", "Tuesday, October 27", "Wednesday, October 28",
    "Thursday, October 29", "Friday, October 30", "Saturday, October 31",
    "Sunday, November 1",
  };
  const char *last = NULL;

  /* Two sessions on Thursday: the earlier one is listed first. */
  g_assert_cmpint (pd_sessions_add (fixture->db, fixture->anonymous_id, "2026-10-29T12:00", 0,
                                    &error), >, 0);
  g_assert_no_error (error);

  text = print_week (fixture, "2026-10-26", "week.pdf");
  g_assert_nonnull (strstr (text, "Harbor Light Recovery, Inc.: Meetings, Week of October 26, "
                                  "2026"));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      const char *at = strstr (text, days[i]);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
  g_assert_nonnull (strstr (text, "7:30 PM–8:30 PM"));
  g_assert_nonnull (strstr (text, "Community Room"));
  g_assert_nonnull (strstr (text, "Room A"));
  g_assert_nonnull (strstr (text, "Cancelled"));
  g_assert_nonnull (strstr (text, "No meetings"));
  g_assert_true (strstr (text, "12:00 PM") < strstr (text, "6:00 PM–7:00 PM"));
  g_assert_true (strstr (text, "Thursday Evening Circle") < strstr (text, "Cancelled"));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (text, secrets[i]));

  /* Any day of the week prints the same week. */
  again = print_week (fixture, "2026-10-28", "again.pdf");
  g_assert_nonnull (strstr (again, "Week of October 26, 2026"));

  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"
                                      " AND detail = 'printed schedule' AND count = 3"), ==, 2);
}

/* Printing the week needs the meetings right, like reading it. */
static void
test_print_roles (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;
  GDate day;
  gint64 id;

  g_assert_true (pd_date_parse ("2026-10-26", &day));
  pd_test_insert_staff (fixture->db, "Dana", "director");
  id = pd_test_insert_staff (fixture->db, "Fran", "front-desk");
  pd_test_act_as (fixture->db, id, "Fran", PD_ROLE_FRONT_DESK);
  g_assert_null (pd_print_schedule (fixture->db, &day, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"),
                   ==, 0);
  g_clear_error (&error);

  id = pd_test_insert_staff (fixture->db, "Faye", "facilitator");
  pd_test_act_as (fixture->db, id, "Faye", PD_ROLE_FACILITATOR);
  doc = pd_print_schedule (fixture->db, &day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
}

/* A day too busy for one page goes on over the next, which still says
 * which day it is. */
static void
test_print_busy_day (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "busy.pdf", NULL);
  g_autofree char *second = NULL;
  GDate day;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *at = g_strdup_printf ("2026-10-26T%02d:%02d", 4 + i / 3, (i % 3) * 20);

      g_assert_cmpint (pd_sessions_add (fixture->db, fixture->circle_id, at, 15, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (pd_date_parse ("2026-10-26", &day));
  doc = pd_print_schedule (fixture->db, &day, &error);
  g_assert_no_error (error);
  g_assert_true (pd_print_doc_write_pdf (doc, PD_PAPER_US_LETTER, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_test_pdf_n_pages (path), >=, 2);
  second = pd_test_pdf_text (path, 2);
  g_assert_nonnull (strstr (second, "Monday, October 26"));
}

int
main (int   argc,
      char *argv[])
{
  /* The centre's clocks: a zone with daylight saving time, whatever the
   * machine running the tests uses. */
  g_setenv ("TZ", "America/New_York", TRUE);
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/schedule/ics", test_schedule_ics);
  ADD ("/schedule/ics/uids-stable", test_schedule_uids_stable);
  ADD ("/schedule/ics/failed-write", test_schedule_failed_write);
  ADD ("/schedule/ics/unnamed-zone", test_schedule_unnamed_zone);
  ADD ("/schedule/list", test_schedule_list);
  ADD ("/schedule/title", test_schedule_title);
  ADD ("/schedule/roles", test_schedule_roles);
  ADD ("/schedule/print/week", test_print_week);
  ADD ("/schedule/print/roles", test_print_roles);
  ADD ("/schedule/print/busy-day", test_print_busy_day);

  return g_test_run ();
}
