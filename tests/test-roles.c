/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-audit.h"
#include "pd-backup.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-json.h"
#include "pd-member-csv.h"
#include "pd-member-list.h"
#include "pd-members.h"
#include "pd-report-async.h"
#include "pd-report.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-test-core.h"
#include "pd-training.h"
#include "pd-visits.h"
#include "pd-volunteers.h"

#define NOTES "Prefers texts; sister is her emergency contact"
#define PASSPHRASE "correct horse battery"

typedef struct
{
  char *dir;
  PdDatabase *db;
  gint64 ana;
  gint64 ben;
  gint64 session;
  gint64 volunteer;
} Fixture;

/* Every row of the tables a refused operation could have written, the
 * audit trail included. */
static char *
snapshot (Fixture *f)
{
  static const char *tables[] = {
    "members", "visits", "visit_purposes", "groups", "sessions", "attendance", "volunteers",
    "volunteer_roles", "hours", "supervision", "courses", "completions", "credentials",
    "training_domains", "meta", "audit",
  };
  /* Below the signed-in role, which may not read all of it on a server. */
  g_autoptr(PdDatabase) desk = pd_test_open_as_desk (f->db);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[i]);
      g_autoptr(PdStatement) stmt = pd_database_query (desk, sql, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%s:\n", tables[i]);
      while (pd_statement_next (stmt))
        {
          for (int c = 0; c < pd_statement_get_n_columns (stmt); c++)
            g_string_append_printf (out, "%s|", pd_statement_get_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      g_assert_true (pd_statement_finish (stmt, &error));
      g_assert_no_error (error);
    }
  return g_string_free (out, FALSE);
}

/* @expr, run with a GError *err in scope, must fail with "Only @holders
 * may …" and leave every record as it was. */
#define assert_refused(f, holders, expr) \
  G_STMT_START { \
    g_autofree char *before_ = snapshot (f); \
    g_autofree char *after_ = NULL; \
    GError *err = NULL; \
    g_assert_true (!(expr)); \
    g_assert_error (err, PD_ERROR, PD_ERROR_NOT_PERMITTED); \
    if (!g_str_has_prefix (err->message, "Only " holders " may ")) \
      g_error ("unexpected refusal: %s", err->message); \
    g_clear_error (&err); \
    after_ = snapshot (f); \
    g_assert_cmpstr (before_, ==, after_); \
  } G_STMT_END

static gint64
add_member (PdDatabase *db,
            const char *first_name,
            const char *phone,
            const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Rivera");
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, phone);
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, notes);
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

/* Records of every kind, made while sign-in is off, then one account of
 * each role; nobody is signed in afterwards. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
  PdReportSettings settings = { (char *) "Harbor House", (char *) "", (char *) "", 10, 60 };
  static const struct { const char *name; PdRole role; } staff[] = {
    { "Fran", PD_ROLE_FRONT_DESK },
    { "Finn", PD_ROLE_FACILITATOR },
    { "Cora", PD_ROLE_COORDINATOR },
  };

  f->dir = pd_test_make_dir ();
  f->db = pd_test_new_database (f->dir, NULL);

  f->ana = add_member (f->db, "Ana", "555 010 0123", NOTES);
  f->ben = add_member (f->db, "Ben", "555 010 0456", "");
  g_assert_true (pd_database_exec (f->db,
                                   "INSERT INTO groups (name, kind, start_date, attendance_mode,"
                                   " created_at, updated_at) VALUES ('Tuesday circle',"
                                   " 'peer_support', '2026-01-01', 'both', '2026-01-01T00:00:00Z',"
                                   " '2026-01-01T00:00:00Z');"
                                   "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                                   " VALUES ((SELECT max (id) FROM groups), '2026-01-06T18:00',"
                                   " 60);",
                                   &error));
  g_assert_no_error (error);
  f->session = pd_test_query_int_as_desk (f->db, "SELECT max (id) FROM sessions");

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Val");
  g_free (volunteer->phone);
  volunteer->phone = g_strdup ("555 010 0789");
  f->volunteer = pd_volunteers_insert (f->db, volunteer, &error);
  g_assert_no_error (error);
  g_ptr_array_add (hours, pd_hours_new (f->volunteer, "2026-01-05", "Front desk", 8));
  g_assert_true (pd_hours_add_many (f->db, hours, &error));
  g_assert_no_error (error);
  g_assert_true (pd_report_settings_save (f->db, &settings, &error));
  g_assert_no_error (error);

  pd_test_sign_in_director (f->db, "Dana", PASSPHRASE);
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    pd_test_add_staff (f->db, staff[i].name, staff[i].role, PASSPHRASE);
  pd_staff_sign_out (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  pd_test_clear_dir (&f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static PdPeriod *
january (void)
{
  g_autoptr(GError) error = NULL;
  PdPeriod *period = pd_period_new_from_iso ("2026-01-01", "2026-01-31", &error);

  g_assert_no_error (error);
  return period;
}

/* Reads a member, checks what the read withheld and frees it. */
static void
assert_member_read (Fixture  *f,
                    gint64    id,
                    gboolean  details)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_members_get (f->db, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, "Rivera");
  g_assert_nonnull (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
  /* Notes are never part of a read, whoever reads. */
  g_assert_true (pd_member_is_withheld (member, PD_MEMBER_FIELD_NOTES));
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_NOTES), ==, "");
  g_assert_cmpint (pd_member_is_withheld (member, PD_MEMBER_FIELD_PHONE), ==, !details);
  g_assert_cmpint (pd_member_is_withheld (member, PD_MEMBER_FIELD_BIRTH_DATE), ==, !details);
  g_assert_cmpint (pd_member_is_withheld (member, PD_MEMBER_FIELD_REPORT_CONSENT), ==, !details);
}

/* Searching by name, for the desk, the roster and the volunteers' link,
 * needs the names only. */
static void
assert_search_works (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = pd_members_search (f->db, "ana", 10, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (pd_member_get_id (g_ptr_array_index (found, 0)), ==, f->ana);
}

static void
test_front_desk (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autoptr(PdMember) newcomer = pd_member_new ();
  g_autofree char *csv = path_in (f, "members.csv");
  g_autofree char *json = path_in (f, "all.json");
  g_autofree char *backups = path_in (f, "backups");
  g_autofree char *notes = NULL;
  g_autoptr(PdPeriod) period = january ();
  PdReportOptions options = { .period = period, .renewal_window_days = -1 };
  PdReportSettings settings = { (char *) "Elsewhere", (char *) "", (char *) "", 10, 60 };
  PdDemoOptions demo = { .n_members = 10, .seed = 1 };
  gint64 visit;

  pd_test_sign_in (f->db, "Fran", PASSPHRASE);
  g_assert_cmpint (pd_database_get_role (f->db), ==, PD_ROLE_FRONT_DESK);

  /* What the desk does. */
  visit = pd_visits_check_in (f->db, f->ana, 0, NULL, "Desk 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit, >, 0);
  assert_member_read (f, f->ana, TRUE);
  assert_search_works (f);
  pd_member_set (newcomer, PD_MEMBER_FIELD_FIRST_NAME, "Cal");
  g_assert_true (pd_members_insert (f->db, newcomer, &error));
  g_assert_no_error (error);
  ana = pd_members_get (f->db, f->ana, &error);
  g_assert_no_error (error);
  pd_member_set (ana, PD_MEMBER_FIELD_PHONE, "555 010 0999");
  g_assert_true (pd_members_update (f->db, ana, &error));
  g_assert_no_error (error);

  /* What it may not. */
  assert_refused (f, "a director", pd_members_read_notes (f->db, f->ana, &notes, &err));
  pd_member_set (ana, PD_MEMBER_FIELD_NOTES, "Something new");
  assert_refused (f, "a director", pd_members_update (f->db, ana, &err));
  assert_refused (f, "a director", pd_member_csv_export (f->db, csv, NULL, &err));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  assert_refused (f, "a director", pd_json_export (f->db, json, &err));
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  assert_refused (f, "a director", pd_report_new (f->db, &options, &err));
  assert_refused (f, "a director", pd_report_settings_save (f->db, &settings, &err));
  assert_refused (f, "a director", pd_purposes_add (f->db, "Laundry", &err));
  /* Backups copy the database file, which a server does not have. */
  if (!pd_test_is_postgresql ())
    {
      assert_refused (f, "a director", pd_backup_create (f->db, backups, NULL, NULL, &err));
      g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
    }
  assert_refused (f, "a facilitator or a director",
                  pd_attendance_mark (f->db, f->session, f->ana, &err));
  assert_refused (f, "a facilitator or a director", pd_groups_list (f->db, FALSE, &err));
  assert_refused (f, "a volunteer coordinator or a director",
                  pd_hours_list (f->db, f->volunteer, 0, 10, &err));
  assert_refused (f, "a volunteer coordinator or a director",
                  pd_volunteers_list (f->db, NULL, NULL, &err));
  assert_refused (f, "a volunteer coordinator or a director",
                  pd_credentials_list (f->db, f->volunteer, &err));
  assert_refused (f, "a director", pd_demo_fill (f->db, &demo, &err));
}

static void
test_facilitator (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autoptr(PdMember) newcomer = pd_member_new ();
  g_autoptr(PdPeriod) period = january ();
  PdReportOptions options = { .period = period, .renewal_window_days = -1 };
  g_autofree char *notes = NULL;
  PdVolunteer *val;
  gint64 first_timer;

  pd_test_sign_in (f->db, "Finn", PASSPHRASE);

  groups = pd_groups_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_true (pd_attendance_mark (f->db, f->session, f->ana, &error));
  g_assert_no_error (error);
  first_timer = pd_attendance_add_first_timer (f->db, f->session, "Dee", "K", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_timer, >, 0);
  /* Members as names and numbers only. */
  assert_member_read (f, f->ana, FALSE);
  assert_search_works (f);
  /* Volunteers by name, to choose a group's facilitator; not their phones. */
  volunteers = pd_volunteers_list (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volunteers->len, ==, 1);
  val = g_ptr_array_index (volunteers, 0);
  g_assert_cmpstr (val->display_name, ==, "Val");
  g_assert_cmpstr (val->phone, ==, "");

  assert_refused (f, "a front-desk worker or a director",
                  pd_visits_check_in (f->db, f->ana, 0, NULL, "Room 2", &err));
  pd_member_set (newcomer, PD_MEMBER_FIELD_FIRST_NAME, "Cal");
  assert_refused (f, "a front-desk worker or a director",
                  pd_members_insert (f->db, newcomer, &err));
  ana = pd_members_get (f->db, f->ana, &error);
  g_assert_no_error (error);
  assert_refused (f, "a front-desk worker or a director",
                  pd_members_update (f->db, ana, &err));
  assert_refused (f, "a front-desk worker or a director",
                  pd_members_set_status (f->db, f->ana, "inactive", &err));
  assert_refused (f, "a volunteer coordinator or a director",
                  pd_hours_list (f->db, f->volunteer, 0, 10, &err));
  assert_refused (f, "a volunteer coordinator or a director",
                  pd_hours_totals (f->db, 0, PD_HOURS_BY_MONTH, NULL, NULL, &err));
  assert_refused (f, "a director", pd_report_new (f->db, &options, &err));
  assert_refused (f, "a director", pd_members_read_notes (f->db, f->ana, &notes, &err));
}

static void
test_coordinator (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autofree char *json = path_in (f, "all.json");
  g_autofree char *approved_by = NULL;

  pd_test_sign_in (f->db, "Cora", PASSPHRASE);

  volunteer = pd_volunteers_get (f->db, f->volunteer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (volunteer->phone, ==, "555 010 0789");
  g_ptr_array_add (rows, pd_hours_new (f->volunteer, "2026-01-12", "Outreach", 6));
  g_assert_true (pd_hours_add_many (f->db, rows, &error));
  g_assert_no_error (error);
  hours = pd_hours_list (f->db, f->volunteer, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 2);
  /* Hours are approved by whoever logged them. */
  approved_by = pd_test_query_text_as_desk (f->db,
                                            "SELECT approved_by FROM hours"
                                            " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (approved_by, ==, "Cora");
  assert_member_read (f, f->ben, FALSE);
  assert_search_works (f);

  assert_refused (f, "a facilitator or a director", pd_groups_list (f->db, FALSE, &err));
  assert_refused (f, "a facilitator or a director",
                  pd_attendance_mark (f->db, f->session, f->ana, &err));
  assert_refused (f, "a front-desk worker or a director",
                  pd_visits_check_in (f->db, f->ana, 0, NULL, NULL, &err));
  assert_refused (f, "a director", pd_json_export (f->db, json, &err));
  assert_refused (f, "a director", pd_roles_add (f->db, "Kitchen", &err));
}

static void
test_director (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = path_in (f, "members.csv");
  g_autofree char *notes = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) hours = NULL;

  pd_test_sign_in (f->db, "Dana", PASSPHRASE);
  assert_member_read (f, f->ana, TRUE);
  g_assert_true (pd_members_read_notes (f->db, f->ana, &notes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (notes, ==, NOTES);
  groups = pd_groups_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  hours = pd_hours_list (f->db, f->volunteer, 0, 10, &error);
  g_assert_no_error (error);

  /* The director's export still holds the notes. */
  g_assert_true (pd_member_csv_export (f->db, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &line, NULL, &error));
  g_assert_nonnull (strstr (line, NOTES));
}

/* Sign-in on and nobody signed in: nothing but signing in. */
static void
test_nobody (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PdMemberList) list = pd_member_list_new (f->db);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  struct { gboolean ok; GError *error; } tries[4] = { { 0 } };

  g_assert_cmpint (pd_database_get_role (f->db), ==, PD_ROLE_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  tries[0].ok = pd_members_get (f->db, f->ana, &tries[0].error) != NULL;
  tries[1].ok = pd_visits_check_in (f->db, f->ana, 0, NULL, "Desk 1", &tries[1].error) != 0;
  tries[2].ok = pd_members_search (f->db, "ana", 10, &tries[2].error) != NULL;
  tries[3].ok = pd_groups_list (f->db, FALSE, &tries[3].error) != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_assert_false (tries[i].ok);
      g_assert_error (tries[i].error, PD_ERROR, PD_ERROR_SIGN_IN);
      g_clear_error (&tries[i].error);
    }
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* Signing in shows the members to whoever may see them. */
  pd_test_sign_in (f->db, "Fran", PASSPHRASE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  pd_staff_sign_out (f->db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static gint64
count_entries (Fixture *f)
{
  return pd_test_query_int_as_desk (f->db, "SELECT count (*) FROM audit");
}

/* The newest entry is the only one since @before, of @kind, with @detail
 * (NULL: any), naming @member_id (0: none) and @count (-2: any). */
static void
assert_one_entry (Fixture     *f,
                  gint64       before,
                  PdAuditKind  kind,
                  const char  *detail,
                  gint64       member_id,
                  gint64       count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) desk = pd_test_open_as_desk (f->db);
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (count_entries (f), ==, before + 1);
  stmt = pd_database_query (desk,
                            "SELECT kind, detail, coalesce (member_id, 0), count, staff"
                            " FROM audit ORDER BY id DESC LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_true (found);
  g_assert_cmpstr (pd_statement_get_text (stmt, 0), ==, pd_audit_kind_to_string (kind));
  if (detail != NULL)
    g_assert_cmpstr (pd_statement_get_text (stmt, 1), ==, detail);
  g_assert_cmpint (pd_statement_get_int64 (stmt, 2), ==, member_id);
  if (count != -2)
    g_assert_cmpint (pd_statement_get_int64 (stmt, 3), ==, count);
  g_assert_cmpstr (pd_statement_get_text (stmt, 4), ==, "Dana");
}

static void
test_audited (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autoptr(PdMember) newcomer = pd_member_new ();
  g_autoptr(PdPeriod) period = january ();
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdReport) written = NULL;
  g_autofree char *csv = path_in (f, "members.csv");
  g_autofree char *json = path_in (f, "all.json");
  g_autofree char *xml = path_in (f, "report.xml");
  g_autofree char *backups = path_in (f, "backups");
  g_autofree char *kept = path_in (f, "kept");
  g_autofree char *backup = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *backup_detail = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  PdReportOptions options = { .period = period, .renewal_window_days = -1 };
  PdReportSettings settings = { (char *) "Harbor House", (char *) "", (char *) "G-7", 10, 60 };
  gint64 before, n_members, n_entries_backed_up;

  pd_test_sign_in (f->db, "Dana", PASSPHRASE);
  n_members = pd_test_query_int_as_desk (f->db, "SELECT count (*) FROM members");

  before = count_entries (f);
  pd_member_set (newcomer, PD_MEMBER_FIELD_FIRST_NAME, "Cal");
  g_assert_true (pd_members_insert (f->db, newcomer, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_MEMBER_CREATED, NULL, pd_member_get_id (newcomer), -1);

  /* A change names the fields, never their values. */
  before = count_entries (f);
  ana = pd_members_get (f->db, f->ana, &error);
  g_assert_no_error (error);
  pd_member_set (ana, PD_MEMBER_FIELD_PHONE, "555 010 0999");
  pd_member_set (ana, PD_MEMBER_FIELD_PRONOUNS, "she/her");
  g_assert_true (pd_members_update (f->db, ana, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_MEMBER_CHANGED, "pronouns,phone", f->ana, -1);

  /* Saving what is there already changes nothing, and says nothing. */
  before = count_entries (f);
  g_assert_true (pd_members_update (f->db, ana, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (f), ==, before);

  before = count_entries (f);
  pd_member_set (ana, PD_MEMBER_FIELD_MAY_CONTACT,
                 pd_member_get_flag (ana, PD_MEMBER_FIELD_MAY_CONTACT) ? "0" : "1");
  g_assert_true (pd_members_update (f->db, ana, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_CONSENT_CHANGED, "may_contact", f->ana, -1);

  before = count_entries (f);
  g_assert_true (pd_members_set_status (f->db, f->ben, "inactive", &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_MEMBER_DEACTIVATED, NULL, f->ben, -1);

  before = count_entries (f);
  g_assert_true (pd_members_read_notes (f->db, f->ana, &notes, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_NOTES_OPENED, NULL, f->ana, -1);

  before = count_entries (f);
  g_assert_true (pd_member_csv_export (f->db, csv, NULL, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_EXPORT, "csv members.csv", 0, n_members + 1);

  before = count_entries (f);
  g_assert_true (pd_json_export (f->db, json, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_EXPORT, "json all.json", 0, -2);

  before = count_entries (f);
  report = pd_report_new (f->db, &options, &error);
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_REPORT, "figures 2026-01-01..2026-01-31", 0,
                    report->served.value);
  /* Counted again, as the Reports section does when records change, with
   * nothing done in between: still the one entry. */
  g_clear_pointer (&report, pd_report_free);
  report = pd_report_new (f->db, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (f), ==, before + 1);

  before = count_entries (f);
  written = pd_report_export (f->db, &options, xml, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (xml, G_FILE_TEST_EXISTS));
  assert_one_entry (f, before, PD_AUDIT_REPORT, "xml 2026-01-01..2026-01-31 report.xml", 0, -2);

  before = count_entries (f);
  g_assert_true (pd_report_settings_save (f->db, &settings, &error));
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_SETTINGS_CHANGED, "grant_id", 0, -1);

  before = count_entries (f);
  g_assert_cmpint (pd_purposes_add (f->db, "Laundry", &error), >, 0);
  g_assert_no_error (error);
  assert_one_entry (f, before, PD_AUDIT_SETTINGS_CHANGED, "visit_purposes", 0, -1);

  /* Backups copy the database file, which a server does not have. */
  if (!pd_test_is_postgresql ())
    {
      before = count_entries (f);
      backup = pd_backup_create (f->db, backups, NULL, NULL, &error);
      g_assert_no_error (error);
      backup_name = g_path_get_basename (backup);
      assert_one_entry (f, before, PD_AUDIT_BACKUP, backup_name, 0, -1);
      n_entries_backed_up = before;

      /* The restored trail is the backup's, with the restore at its end. */
      g_assert_true (pd_backup_restore (f->db, backup, NULL, kept, &kept_path, &error));
      g_assert_no_error (error);
      assert_one_entry (f, n_entries_backed_up, PD_AUDIT_RESTORE, backup_name, 0, -1);
    }

  /* No value of a member, read in every entry (a backup's name, made of
   * its time, may hold any digits). */
  stmt = pd_database_query (f->db, "SELECT detail FROM audit", &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    {
      const char *detail = pd_statement_get_text (stmt, 0);

      g_assert_null (strstr (detail, "555 010"));
      g_assert_null (strstr (detail, "she/her"));
      g_assert_null (strstr (detail, "Prefers"));
    }
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);
}

/* A member read without its notes, saved, keeps them. */
static void
test_withheld_notes_kept (Fixture       *f,
                          gconstpointer  data)
{
  const char *who[] = { "Fran", "Dana" };

  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdMember) ana = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *sql = NULL;

      pd_test_sign_in (f->db, who[i], PASSPHRASE);
      ana = pd_members_get (f->db, f->ana, &error);
      g_assert_no_error (error);
      g_assert_true (pd_member_is_withheld (ana, PD_MEMBER_FIELD_NOTES));
      pd_member_set (ana, PD_MEMBER_FIELD_PRONOUNS, i == 0 ? "she/her" : "they/them");
      g_assert_true (pd_members_update (f->db, ana, &error));
      g_assert_no_error (error);
      /* The caller still does not see them. */
      g_assert_true (pd_member_is_withheld (ana, PD_MEMBER_FIELD_NOTES));
      pd_staff_sign_out (f->db);

      sql = g_strdup_printf ("SELECT notes FROM members WHERE id = %" G_GINT64_FORMAT, f->ana);
      stored = pd_test_query_text_as_desk (f->db, sql);
      g_assert_cmpstr (stored, ==, NOTES);
    }
}

static void
on_built_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Built in a thread, on a connection of the thread's own: the report is
 * asked of, and recorded for, whoever asked for it. */
static void
test_in_thread (Fixture       *f,
                gconstpointer  data)
{
  const char *who[] = { "Fran", "Dana" };
  g_autoptr(PdPeriod) period = january ();
  PdReportOptions options = { .period = period, .renewal_window_days = -1 };

  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(PdReport) report = NULL;
      g_autofree char *staff = NULL;
      gint64 before;

      pd_test_sign_in (f->db, who[i], PASSPHRASE);
      before = count_entries (f);
      pd_report_build_async (f->db, &options, NULL, on_built_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      report = pd_report_build_finish (f->db, result, &error);
      if (i == 0)
        {
          g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
          g_assert_null (report);
          g_assert_cmpint (count_entries (f), ==, before);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpint (count_entries (f), ==, before + 1);
          staff = pd_test_query_text_as_desk (f->db, "SELECT staff FROM audit"
                                                     " ORDER BY id DESC LIMIT 1");
          g_assert_cmpstr (staff, ==, "Dana");
        }
      pd_staff_sign_out (f->db);
    }

  /* The thread lets go of its task, and with it of the database, a
   * moment after the result is in. */
  for (guint waited = 0; G_OBJECT (f->db)->ref_count > 1 && waited < 5000; waited++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_recorded_by (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) off = NULL;
  g_autofree char *off_dir = pd_test_make_dir ();
  g_autofree char *by = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  pd_test_sign_in (f->db, "Fran", PASSPHRASE);
  g_assert_cmpint (pd_visits_check_in (f->db, f->ben, 0, NULL, "Desk 1", &error), >, 0);
  g_assert_no_error (error);
  by = pd_test_query_text_as_desk (f->db, "SELECT recorded_by FROM visits"
                                          " ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (by, ==, "Fran");

  /* Attendance says who marked it too. */
  g_clear_pointer (&by, g_free);
  pd_test_sign_in (f->db, "Finn", PASSPHRASE);
  g_assert_true (pd_attendance_mark (f->db, f->session, f->ben, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT recorded_by FROM attendance WHERE member_id = %" G_GINT64_FORMAT
                         " AND session_id = %" G_GINT64_FORMAT, f->ben, f->session);
  by = pd_test_query_text_as_desk (f->db, sql);
  g_assert_cmpstr (by, ==, "Finn");

  /* With sign-in off, the desk's own name. */
  off = pd_test_new_database (off_dir, NULL);
  g_assert_cmpint (pd_visits_check_in (off, 0, 0, NULL, "Desk 1", &error), >, 0);
  g_assert_no_error (error);
  stmt = pd_database_query (off, "SELECT recorded_by FROM visits", &error);
  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_true (found);
  g_assert_cmpstr (pd_statement_get_text (stmt, 0), ==, "Desk 1");
  g_clear_pointer (&stmt, pd_statement_release);
  g_assert_finalize_object (g_steal_pointer (&off));
  pd_test_clear_dir (&off_dir);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/roles/front-desk", test_front_desk);
  ADD ("/roles/facilitator", test_facilitator);
  ADD ("/roles/coordinator", test_coordinator);
  ADD ("/roles/director", test_director);
  ADD ("/roles/nobody", test_nobody);
  ADD ("/roles/audited", test_audited);
  ADD ("/roles/withheld-notes-kept", test_withheld_notes_kept);
  ADD ("/roles/recorded-by", test_recorded_by);
  ADD ("/roles/in-thread", test_in_thread);
#undef ADD

  return g_test_run ();
}
