/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-error.h"
#include "pd-print-documents.h"
#include "pd-test-core.h"
#include "pd-test-print-text.h"
#include "pd-training.h"
#include "pd-volunteers.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  gint64 volunteer;
  gint64 other;
  gint64 earning;       /* a credential being earned */
  gint64 renewing;      /* one held, being renewed */
  gint64 others;        /* the other volunteer's */
} Fixture;

static gint64
add_volunteer (Fixture    *fixture,
               const char *name)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup (name);
  g_free (volunteer->start_date);
  volunteer->start_date = g_strdup ("2025-09-01");
  id = pd_volunteers_insert (fixture->db, volunteer, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_course (Fixture    *fixture,
            const char *title,
            const char *provider,
            guint       quarters,
            const char *domains,
            const char *delivery)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = g_strsplit (domains, " ", -1);
  PdCourse course = { 0 };
  gint64 id;

  course.title = (char *) title;
  course.provider = (char *) provider;
  course.quarter_hours = quarters;
  course.domains = codes;
  course.delivery = (char *) delivery;
  id = pd_courses_insert (fixture->db, &course, &error);
  g_assert_no_error (error);
  return id;
}

static void
complete (Fixture    *fixture,
          gint64      volunteer_id,
          gint64      course_id,
          const char *date,
          const char *certificate)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pd_completions_add (fixture->db, volunteer_id, course_id, date, 0, certificate,
                                       &error), >, 0);
  g_assert_no_error (error);
}

static gint64
add_credential (Fixture    *fixture,
                gint64      volunteer_id,
                const char *template,
                const char *name,
                const char *issued,
                const char *expiry)
{
  g_autoptr(PdCredential) credential = g_new0 (PdCredential, 1);
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->volunteer_id = volunteer_id;
  credential->template = g_strdup (template);
  credential->name = g_strdup (name);
  credential->issuing_body = g_strdup ("");
  credential->number = g_strdup ("PR-2291");
  credential->issued_date = g_strdup (issued);
  credential->expiry_date = g_strdup (expiry);
  id = pd_credentials_insert (fixture->db, credential, &error);
  g_assert_no_error (error);
  return id;
}

static void
supervise (Fixture    *fixture,
           const char *date,
           guint       minutes)
{
  g_autoptr(PdSupervision) supervision = g_new0 (PdSupervision, 1);
  g_autoptr(GError) error = NULL;

  supervision->volunteer_id = fixture->volunteer;
  supervision->date = g_strdup (date);
  supervision->supervisor = g_strdup ("Morgan Reyes");
  supervision->minutes = minutes;
  supervision->kind = g_strdup ("individual");
  supervision->notes = g_strdup ("Talked through a hard week");
  g_assert_cmpint (pd_supervision_add (fixture->db, supervision, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
  g_autoptr(GError) error = NULL;
  gint64 ethics, advocacy, wellness;

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  /* A name that would be markup if it were taken for it. */
  fixture->volunteer = add_volunteer (fixture, "Rosa <Álvarez> & Co");
  fixture->other = add_volunteer (fixture, "Lee Park");

  ethics = add_course (fixture, "Ethics for Peer Workers", "State association", 48, "ethics",
                       "in_person");
  advocacy = add_course (fixture, "Advocacy and Mentoring", "Recovery Alliance", 26,
                         "advocacy mentoring_education", "online");
  wellness = add_course (fixture, "Wellness Planning", "Recovery Alliance", 40,
                         "recovery_wellness", "in_person");
  complete (fixture, fixture->volunteer, ethics, "2025-10-14", "ETH-5531");
  complete (fixture, fixture->volunteer, advocacy, "2025-11-02", "ADV-17");
  complete (fixture, fixture->volunteer, wellness, "2026-02-20", NULL);
  complete (fixture, fixture->other, wellness, "2026-02-20", "OTHER-1");

  g_ptr_array_add (hours, pd_hours_new (fixture->volunteer, "2025-10-01", "Front desk", 32));
  g_ptr_array_add (hours, pd_hours_new (fixture->volunteer, "2026-03-01", "Peer support", 90));
  g_ptr_array_add (hours, pd_hours_new (fixture->volunteer, "2026-03-08", "Front desk", 14));
  g_assert_true (pd_hours_add_many (fixture->db, hours, &error));
  g_assert_no_error (error);
  supervise (fixture, "2025-10-20", 90);
  supervise (fixture, "2025-11-20", 60);
  supervise (fixture, "2026-01-20", 50);

  fixture->earning = add_credential (fixture, fixture->volunteer, "icrc-peer-recovery",
                                     "IC&RC Peer Recovery", "", "");
  fixture->renewing = add_credential (fixture, fixture->volunteer, "state-board-peer-specialist",
                                      "State Peer Specialist", "2025-12-01", "2027-12-01");
  fixture->others = add_credential (fixture, fixture->other, "icrc-peer-recovery",
                                    "IC&RC Peer Recovery", "", "");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

/* The text of @doc as printed on A4. */
static char *
print_text (Fixture    *fixture,
            PdPrintDoc *doc)
{
  g_autofree char *path = g_build_filename (fixture->dir, "record.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_print_doc_write_pdf (doc, PD_PAPER_A4, path, &error));
  g_assert_no_error (error);
  return pd_test_print_text (path);
}

/* Asserts that @expected is in @text after *@cursor, and moves past it. */
static void
assert_next (const char  *text,
             const char **cursor,
             const char  *expected)
{
  g_autofree char *squashed = pd_test_print_squash (expected);
  const char *found = strstr (*cursor, squashed);

  if (found == NULL)
    g_error ("“%s” not found after: %.200s", expected, *cursor);
  *cursor = found + strlen (squashed);
}

static char *
hours_text (guint quarters)
{
  g_autofree char *plain = pd_hours_format (quarters);

  return g_strdup_printf ("%s h", plain);
}

/* Each requirement's row: the hours needed, earned and still missing,
 * as pd_credential_progress() counts them; domains first. */
static void
assert_progress (Fixture     *fixture,
                 const char  *text,
                 const char **cursor,
                 gint64       credential_id,
                 GPtrArray   *templates)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCredential) credential = pd_credentials_get (fixture->db, credential_id, &error);
  const PdCredentialTemplate *template = NULL;
  g_autoptr(PdProgress) progress = NULL;
  const char *const last[] = { "total", "practice", "supervised" };
  const char *const last_labels[] = { "Training hours in all", "Practice hours (as a volunteer)",
                                      "Supervised hours" };

  g_assert_no_error (error);
  template = pd_credential_templates_find (templates, credential->template);
  g_assert_nonnull (template);
  progress = pd_credential_progress (fixture->db, credential, template, NULL, &error);
  g_assert_no_error (error);

  assert_next (text, cursor, credential->name);
  for (guint pass = 0; pass < 1 + G_N_ELEMENTS (last); pass++)
    for (guint i = 0; i < progress->items->len; i++)
      {
        const PdProgressItem *item = g_ptr_array_index (progress->items, i);
        gboolean domain = !g_strv_contains (last, item->requirement);
        g_autofree char *needed = hours_text (item->needed_quarters);
        g_autofree char *earned = hours_text (item->earned_quarters);
        g_autofree char *missing = NULL;
        g_autofree char *row = NULL;

        if (pass == 0 ? !domain : g_strcmp0 (item->requirement, last[pass - 1]) != 0)
          continue;
        missing = item->earned_quarters >= item->needed_quarters
                    ? g_strdup ("Met")
                    : hours_text (item->needed_quarters - item->earned_quarters);
        row = domain ? g_strdup_printf ("Training: %s %s %s %s", item->label, needed, earned,
                                        missing)
                     : g_strdup_printf ("%s %s %s %s", last_labels[pass - 1], needed, earned,
                                        missing);
        assert_next (text, cursor, row);
      }
  if (progress->missing != NULL)
    {
      g_autofree char *sentence = g_strdup_printf ("Still needed: %s.", progress->missing);

      assert_next (text, cursor, sentence);
    }
}

static void
test_record (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *const rest[] = {
    "Courses Completed",
    "2025-10-14 Ethics for Peer Workers State association Ethics", "12 ETH-5531",
    "2025-11-02 Advocacy and Mentoring Recovery Alliance Advocacy,", "6.5 ADV-17",
    "2026-02-20 Wellness Planning", "Total 28.5",
    "Practice Hours", "2025 Front desk 8", "2026 Front desk 3.5", "2026 Peer support 22.5",
    "Total 34",
    "Supervision", "2025-10-20 Morgan Reyes Individual 90", "Total 200",
    "Courses completed: 3", "Training hours: 28.5 h", "Practice hours: 34 h",
    "Supervised hours: 3.25 h", "Signature:",
  };
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *text = NULL;
  const char *cursor;
  gint64 before = pd_test_query_int (fixture->db, "SELECT count (*) FROM audit");

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  g_assert_no_error (error);
  doc = pd_print_training_record (fixture->db, fixture->volunteer, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpstr (pd_print_doc_get_title (doc), ==,
                   "Training and Hours Record: Rosa <Álvarez> & Co");

  /* One entry, without the volunteer's name. */
  g_assert_cmpint (pd_test_query_int (fixture->db, "SELECT count (*) FROM audit"), ==,
                   before + 1);
  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"
                                      " AND detail = 'printed training record'"),
                   ==, 1);

  text = print_text (fixture, doc);
  cursor = text;
  assert_next (text, &cursor, "Rosa <Álvarez> & Co");

  /* Both credentials, each against its own requirements: the one being
   * earned counts everything, the one held its renewal cycle. */
  g_assert_nonnull (strstr (text, "Firstaward:allhoursupto"));
  g_assert_nonnull (strstr (text, "Renewal:hoursfrom"));
  assert_progress (fixture, text, &cursor, fixture->earning, templates);
  assert_progress (fixture, text, &cursor, fixture->renewing, templates);

  /* Each course, oldest first, with its date, domains, hours and
   * certificate; the hours of practice by year; supervision without its
   * notes, which are confidential; the totals. */
  for (guint i = 0; i < G_N_ELEMENTS (rest); i++)
    assert_next (text, &cursor, rest[i]);
  g_assert_null (strstr (text, "OTHER-1"));
  g_assert_null (strstr (text, "hardweek"));
}

static void
test_one_credential (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *text = NULL;
  const char *cursor;

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  g_assert_no_error (error);
  doc = pd_print_training_record (fixture->db, fixture->volunteer, fixture->renewing, &error);
  g_assert_no_error (error);
  text = print_text (fixture, doc);
  cursor = text;
  assert_progress (fixture, text, &cursor, fixture->renewing, templates);
  g_assert_null (strstr (text, "IC&RC"));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  const PdRole roles[] = { PD_ROLE_FRONT_DESK, PD_ROLE_FACILITATOR };
  gint64 before = pd_test_query_int (fixture->db, "SELECT count (*) FROM audit");
  gint64 staff;

  /* Sign-in on: the roles count. */
  pd_test_insert_staff (fixture->db, "Dana", "director");
  staff = pd_test_insert_staff (fixture->db, "Sam", "front-desk");

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(PdPrintDoc) doc = NULL;
      g_autoptr(GError) error = NULL;

      pd_test_act_as (fixture->db, staff, "Sam", roles[i]);
      doc = pd_print_training_record (fixture->db, fixture->volunteer, 0, &error);
      g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
      g_assert_null (doc);
    }
  g_assert_cmpint (pd_test_query_int (fixture->db, "SELECT count (*) FROM audit"), ==, before);

  /* A coordinator may. */
  {
    g_autoptr(PdPrintDoc) doc = NULL;
    g_autoptr(GError) error = NULL;

    pd_test_act_as (fixture->db, pd_test_insert_staff (fixture->db, "Cora", "coordinator"), "Cora",
                    PD_ROLE_COORDINATOR);
    doc = pd_print_training_record (fixture->db, fixture->volunteer, 0, &error);
    g_assert_no_error (error);
    g_assert_nonnull (doc);
  }
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 before = pd_test_query_int (fixture->db, "SELECT count (*) FROM audit");
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(PdPrintDoc) other = NULL;
  g_autoptr(GError) error = NULL;

  doc = pd_print_training_record (fixture->db, 999, 0, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_null (doc);
  g_clear_error (&error);

  /* Another volunteer's credential is not this one's to print. */
  other = pd_print_training_record (fixture->db, fixture->volunteer, fixture->others, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_null (other);
  g_assert_null (strstr (error->message, "Lee"));
  g_assert_cmpint (pd_test_query_int (fixture->db, "SELECT count (*) FROM audit"), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/print/training/record", test_record);
  ADD ("/print/training/one-credential", test_one_credential);
  ADD ("/print/training/refused", test_refused);
  ADD ("/print/training/not-found", test_not_found);
#undef ADD

  return g_test_run ();
}
