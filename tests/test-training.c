/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-statement.h"
#include "pd-test-core.h"
#include "pd-training.h"

#define SHIPPED_DIR PD_SOURCE_DATADIR "/credentials"

typedef struct
{
  char *dir;
  PdDatabase *db;
  guint n_changed;
  PdCredentialTemplate *icrc;
  PdCredentialTemplate *state;
} Fixture;

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               Fixture    *fixture)
{
  if (g_str_equal (table, "training"))
    fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_signal_connect (fixture->db, "changed", G_CALLBACK (on_changed_cb), fixture);

  fixture->icrc = pd_credential_template_load (SHIPPED_DIR "/icrc-peer-recovery.json", &error);
  g_assert_no_error (error);
  fixture->state = pd_credential_template_load (SHIPPED_DIR "/state-board-peer-specialist.json",
                                                &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pd_credential_template_free (fixture->icrc);
  pd_credential_template_free (fixture->state);
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static PdStatement *
prepare (Fixture    *fixture,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  PdStatement *stmt = pd_database_query (fixture->db, sql, &error);

  g_assert_no_error (error);
  return stmt;
}

/* Runs @stmt, bound, and gives the id it inserted. */
static gint64
execute (PdStatement *stmt)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  return pd_statement_get_inserted_id (stmt);
}

/* Volunteers are written directly: this file tests training alone. */
static gint64
add_volunteer (Fixture    *fixture,
               const char *name,
               const char *status)
{
  g_autoptr(PdStatement) stmt = NULL;

  stmt = prepare (fixture, "INSERT INTO volunteers (display_name, start_date, status, created_at,"
                           " updated_at) VALUES (:name, '2020-01-01', :status, 'now', 'now')");
  pd_statement_bind_text (stmt, "name", name);
  pd_statement_bind_text (stmt, "status", status);
  return execute (stmt);
}

/* Runs @sql, an insert of a volunteer's :amount on a :date. */
static void
add_dated (Fixture    *fixture,
           const char *sql,
           gint64      volunteer_id,
           const char *date,
           guint       amount)
{
  g_autoptr(PdStatement) stmt = prepare (fixture, sql);

  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  pd_statement_bind_text (stmt, "date", date);
  pd_statement_bind_int (stmt, "amount", (int) amount);
  execute (stmt);
}

static void
add_hours (Fixture    *fixture,
           gint64      volunteer_id,
           const char *date,
           guint       quarters)
{
  add_dated (fixture,
             "INSERT INTO hours (volunteer_id, date, activity, quarter_hours, created_at)"
             " VALUES (:volunteer_id, :date, 'Peer support', :amount, 'now')",
             volunteer_id, date, quarters);
}

static void
add_supervision (Fixture    *fixture,
                 gint64      volunteer_id,
                 const char *date,
                 guint       minutes)
{
  add_dated (fixture,
             "INSERT INTO supervision (volunteer_id, date, supervisor, minutes, kind, created_at)"
             " VALUES (:volunteer_id, :date, 'Sam', :amount, 'individual', 'now')",
             volunteer_id, date, minutes);
}

/* @domains is a space-separated list of codes. */
static gint64
add_course (Fixture    *fixture,
            const char *title,
            guint       quarters,
            const char *domains,
            gboolean    required_yearly)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = g_strsplit (domains, " ", -1);
  PdCourse course = { 0 };
  gint64 id;

  course.title = (char *) title;
  course.quarter_hours = quarters;
  course.domains = codes;
  course.required_yearly = required_yearly;
  id = pd_courses_insert (fixture->db, &course, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (course.id, ==, id);
  return id;
}

static void
complete (Fixture    *fixture,
          gint64      volunteer_id,
          gint64      course_id,
          const char *date,
          guint       quarters)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pd_completions_add (fixture->db, volunteer_id, course_id, date, quarters, NULL,
                                       &error), >, 0);
  g_assert_no_error (error);
}

static PdCredential *
new_credential (gint64      volunteer_id,
                const char *template,
                const char *name,
                const char *issued,
                const char *expiry)
{
  PdCredential *credential = g_new0 (PdCredential, 1);

  credential->volunteer_id = volunteer_id;
  credential->template = g_strdup (template);
  credential->name = g_strdup (name);
  credential->issuing_body = g_strdup ("");
  credential->number = g_strdup ("");
  credential->issued_date = g_strdup (issued);
  credential->expiry_date = g_strdup (expiry);
  return credential;
}

static gint64
insert_credential (Fixture    *fixture,
                   gint64      volunteer_id,
                   const char *name,
                   const char *issued,
                   const char *expiry)
{
  g_autoptr(PdCredential) credential = new_credential (volunteer_id, "", name, issued, expiry);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pd_credentials_insert (fixture->db, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static PdProgress *
progress_of (Fixture                    *fixture,
             const PdCredential         *credential,
             const PdCredentialTemplate *template,
             const char                 *today)
{
  g_autoptr(GError) error = NULL;
  PdProgress *progress = pd_credential_progress (fixture->db, credential, template, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (progress);
  return progress;
}

/* The items as "requirement=earned/needed" in quarter hours, joined by
 * spaces. */
static char *
items_text (const PdProgress *progress)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);

      g_string_append_printf (text, "%s%s=%u/%u", i ? " " : "", item->requirement,
                              item->earned_quarters, item->needed_quarters);
    }
  return g_string_free (text, FALSE);
}

/* The label of @progress's item for @requirement, or NULL. */
static const char *
item_label (const PdProgress *progress,
            const char       *requirement)
{
  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);

      if (g_str_equal (item->requirement, requirement))
        return item->label;
    }
  return NULL;
}

/* Domains */

static void
test_domains (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  const PdDomain *domain;
  gint64 id;

  domains = pd_domains_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (domains->len, ==, 10);
  domain = g_ptr_array_index (domains, 1);
  g_assert_cmpstr (domain->code, ==, "mentoring_education");
  g_assert_cmpstr (domain->label, ==, "Mentoring and education");
  g_clear_pointer (&domains, g_ptr_array_unref);

  id = pd_domains_add (fixture->db, " hiv_aids ", " HIV and AIDS ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  domains = pd_domains_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (domains->len, ==, 11);
  domain = g_ptr_array_index (domains, 10);
  g_assert_cmpint (domain->id, ==, id);
  g_assert_cmpstr (domain->code, ==, "hiv_aids");
  g_assert_cmpstr (domain->label, ==, "HIV and AIDS");

  g_assert_cmpint (pd_domains_add (fixture->db, "ethics", "Ethics again", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "Code: there is already a training domain “ethics”");
  g_clear_error (&error);

  g_assert_cmpint (pd_domains_add (fixture->db, "Harm Reduction", "Harm reduction", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Code: “Harm Reduction” is not a domain code"));
  g_clear_error (&error);

  g_assert_cmpint (pd_domains_add (fixture->db, "harm_reduction", "  ", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Label: a training domain needs a label");
  g_clear_error (&error);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

/* Courses */

static void
test_courses (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(PdCourse) course = NULL;
  const char *domains[] = { "ethics", "advocacy", "ethics", NULL };
  PdCourse input = { 0 };
  g_autofree char *id_text = NULL;
  gint64 id, other;

  input.title = (char *) "  Ethics in Peer Support  ";
  input.provider = (char *) "State association";
  input.quarter_hours = 10;
  input.delivery = (char *) "online";
  input.domains = (GStrv) domains;
  id = pd_courses_insert (fixture->db, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  course = pd_courses_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (course->title, ==, "Ethics in Peer Support");
  g_assert_cmpstr (course->provider, ==, "State association");
  g_assert_cmpuint (course->quarter_hours, ==, 10);
  g_assert_cmpstr (course->delivery, ==, "online");
  g_assert_false (course->required_yearly);
  /* In the domains' order, each once. */
  g_assert_cmpuint (g_strv_length (course->domains), ==, 2);
  g_assert_cmpstr (course->domains[0], ==, "advocacy");
  g_assert_cmpstr (course->domains[1], ==, "ethics");
  g_clear_pointer (&course, pd_course_free);

  other = add_course (fixture, "Naloxone", 4, "naloxone", TRUE);
  course = pd_courses_get (fixture->db, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (course->delivery, ==, "in_person");
  g_assert_true (course->required_yearly);
  g_clear_pointer (&course, pd_course_free);

  course = pd_courses_find (fixture->db, "ETHICS IN PEER SUPPORT", &error);
  g_assert_no_error (error);
  g_assert_cmpint (course->id, ==, id);
  g_clear_pointer (&course, pd_course_free);

  id_text = g_strdup_printf ("#%" G_GINT64_FORMAT, other);
  course = pd_courses_find (fixture->db, id_text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (course->title, ==, "Naloxone");
  g_clear_pointer (&course, pd_course_free);

  /* A number that is no course's id may still be a title. */
  add_course (fixture, "101", 4, "other", FALSE);
  course = pd_courses_find (fixture->db, "101", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (course->title, ==, "101");
  g_clear_pointer (&course, pd_course_free);

  g_assert_null (pd_courses_find (fixture->db, "Knitting", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no course “Knitting”");
  g_clear_error (&error);

  g_assert_null (pd_courses_get (fixture->db, 999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  courses = pd_courses_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 3);
  g_assert_cmpstr (((PdCourse *) g_ptr_array_index (courses, 0))->title, ==, "101");
  g_assert_cmpstr (((PdCourse *) g_ptr_array_index (courses, 1))->title, ==,
                   "Ethics in Peer Support");
  g_assert_cmpstr (((PdCourse *) g_ptr_array_index (courses, 1))->domains[1], ==, "ethics");
  g_assert_cmpstr (((PdCourse *) g_ptr_array_index (courses, 2))->title, ==, "Naloxone");
}

static void
test_courses_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *ethics[] = { "ethics", NULL };
  const char *unknown[] = { "ethics", "ethic", NULL };
  const char *none[] = { NULL };
  struct {
    const char *title;
    guint quarters;
    const char *delivery;
    const char * const *domains;
    int code;
    const char *message;
  } cases[] = {
    { "  ", 4, NULL, ethics, PD_ERROR_INVALID, "Title: a course needs a title" },
    { NULL, 4, NULL, ethics, PD_ERROR_INVALID, "Title: a course needs a title" },
    { "Ethics", 0, NULL, ethics, PD_ERROR_INVALID, "Hours: a course lasts more than 0 hours" },
    { "Ethics", 4, NULL, NULL, PD_ERROR_INVALID,
      "Domains: a course needs at least one training domain" },
    { "Ethics", 4, NULL, none, PD_ERROR_INVALID,
      "Domains: a course needs at least one training domain" },
    { "Ethics", 4, NULL, unknown, PD_ERROR_INVALID, "Domains: “ethic” is not a training domain" },
    { "Ethics", 4, "by post", ethics, PD_ERROR_INVALID,
      "Delivery: “by post” is not a way of giving a course (in_person or online)" },
    { "first aid", 4, NULL, ethics, PD_ERROR_DUPLICATE,
      "Title: there is already a course “first aid”" },
  };
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GError) error = NULL;

  add_course (fixture, "First Aid", 8, "other", FALSE);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PdCourse course = { 0 };

      course.title = (char *) cases[i].title;
      course.quarter_hours = cases[i].quarters;
      course.delivery = (char *) cases[i].delivery;
      course.domains = (GStrv) cases[i].domains;
      g_assert_cmpint (pd_courses_insert (fixture->db, &course, &error), ==, 0);
      g_assert_error (error, PD_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }

  courses = pd_courses_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

/* Completions */

static void
test_completions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *tomorrow = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *message = NULL;
  const PdCompletion *completion;
  gint64 dana, lee, ethics, naloxone;

  dana = add_volunteer (fixture, "Dana", "active");
  lee = add_volunteer (fixture, "Lee", "active");
  ethics = add_course (fixture, "Ethics", 12, "ethics", FALSE);
  naloxone = add_course (fixture, "Naloxone", 4, "naloxone", TRUE);
  fixture->n_changed = 0;

  /* 0 quarter hours credits the course's. */
  g_assert_cmpint (pd_completions_add (fixture->db, dana, ethics, "2025-03-01", 0, " C-12 ",
                                       &error), >, 0);
  g_assert_no_error (error);
  complete (fixture, dana, naloxone, "2025-04-01", 2);
  complete (fixture, dana, naloxone, "2025-03-01", 0);
  complete (fixture, lee, ethics, "2025-05-01", 0);
  g_assert_cmpuint (fixture->n_changed, ==, 4);

  list = pd_completions_list (fixture->db, dana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  completion = g_ptr_array_index (list, 0);
  g_assert_cmpstr (completion->date, ==, "2025-04-01");
  g_assert_cmpstr (completion->course_title, ==, "Naloxone");
  g_assert_cmpuint (completion->quarter_hours, ==, 2);
  /* The same day: the one added last first. */
  completion = g_ptr_array_index (list, 1);
  g_assert_cmpstr (completion->course_title, ==, "Naloxone");
  g_assert_cmpuint (completion->quarter_hours, ==, 4);
  completion = g_ptr_array_index (list, 2);
  g_assert_cmpstr (completion->course_title, ==, "Ethics");
  g_assert_cmpuint (completion->quarter_hours, ==, 12);
  g_assert_cmpstr (completion->certificate, ==, "C-12");
  g_assert_cmpint (completion->volunteer_id, ==, dana);
  g_assert_cmpint (completion->course_id, ==, ethics);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = pd_completions_list (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((PdCompletion *) g_ptr_array_index (list, 0))->date, ==, "2025-05-01");
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_cmpint (pd_completions_add (fixture->db, dana, ethics, "2025-02-30", 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Date: “2025-02-30” is not a date (YYYY-MM-DD)");
  g_clear_error (&error);

  g_assert_cmpint (pd_completions_add (fixture->db, dana, ethics, tomorrow, 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  message = g_strdup_printf ("Date: “%s” is in the future", tomorrow);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  g_assert_cmpint (pd_completions_add (fixture->db, 999, ethics, "2025-01-01", 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no volunteer with id 999");
  g_clear_error (&error);

  g_assert_cmpint (pd_completions_add (fixture->db, dana, 999, "2025-01-01", 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no course with id 999");
  g_clear_error (&error);

  list = pd_completions_list (fixture->db, dana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpuint (fixture->n_changed, ==, 4);
}

/* Credentials */

static void
test_credentials (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(PdCredential) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 dana, lee, id;

  dana = add_volunteer (fixture, "Dana", "active");
  lee = add_volunteer (fixture, "Lee", "active");

  credential = new_credential (dana, "icrc-peer-recovery", " Peer Recovery ", "2025-04-01",
                               "2027-03-31");
  g_free (credential->number);
  credential->number = g_strdup ("PR-1234");
  id = pd_credentials_insert (fixture->db, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (credential->id, ==, id);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  insert_credential (fixture, dana, "CPR", "", "");
  insert_credential (fixture, lee, "Another", "2024-01-01", "2024-01-01");

  read = pd_credentials_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->volunteer_id, ==, dana);
  g_assert_cmpstr (read->template, ==, "icrc-peer-recovery");
  g_assert_cmpstr (read->name, ==, "Peer Recovery");
  g_assert_cmpstr (read->number, ==, "PR-1234");
  g_assert_cmpstr (read->issued_date, ==, "2025-04-01");
  g_assert_cmpstr (read->expiry_date, ==, "2027-03-31");
  g_assert_cmpuint (read->renewal_cycle_months, ==, 0);
  g_clear_pointer (&read, pd_credential_free);

  g_free (credential->expiry_date);
  credential->expiry_date = g_strdup ("2029-03-31");
  credential->renewal_cycle_months = 48;
  g_assert_true (pd_credentials_update (fixture->db, credential, &error));
  g_assert_no_error (error);
  read = pd_credentials_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->expiry_date, ==, "2029-03-31");
  g_assert_cmpuint (read->renewal_cycle_months, ==, 48);
  g_clear_pointer (&read, pd_credential_free);

  list = pd_credentials_list (fixture->db, dana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((PdCredential *) g_ptr_array_index (list, 0))->name, ==, "CPR");
  g_assert_cmpstr (((PdCredential *) g_ptr_array_index (list, 1))->name, ==, "Peer Recovery");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = pd_credentials_list (fixture->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_cmpuint (fixture->n_changed, ==, 4);

  /* Refused, and nothing written. */
  {
    struct {
      const char *name;
      const char *issued;
      const char *expiry;
      const char *message;
    } cases[] = {
      { " ", "", "", "Name: a credential needs a name" },
      { "CPR", "2025-13-01", "", "Issued: “2025-13-01” is not a date (YYYY-MM-DD)" },
      { "CPR", "", "31/12/2026", "Expires: “31/12/2026” is not a date (YYYY-MM-DD)" },
      { "CPR", "2025-04-01", "2025-03-31",
        "Expires: 2025-03-31 is before the issued date, 2025-04-01" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(PdCredential) bad = new_credential (dana, "", cases[i].name, cases[i].issued,
                                                      cases[i].expiry);

        g_assert_cmpint (pd_credentials_insert (fixture->db, bad, &error), ==, 0);
        g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
        g_assert_cmpstr (error->message, ==, cases[i].message);
        g_clear_error (&error);

        bad->id = id;
        g_assert_false (pd_credentials_update (fixture->db, bad, &error));
        g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
        g_assert_cmpstr (error->message, ==, cases[i].message);
        g_clear_error (&error);
      }
  }

  credential->id = 999;
  g_assert_false (pd_credentials_update (fixture->db, credential, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no credential with id 999");
  g_clear_error (&error);

  credential->volunteer_id = 999;
  g_assert_cmpint (pd_credentials_insert (fixture->db, credential, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (pd_credentials_get (fixture->db, 999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  read = pd_credentials_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->expiry_date, ==, "2029-03-31");
  g_assert_cmpuint (fixture->n_changed, ==, 4);
}

/* Dates */

static void
test_add_months (void)
{
  struct {
    const char *date;
    int months;
    const char *expected;
  } cases[] = {
    { "2026-01-31", 1, "2026-02-28" },
    { "2024-01-31", 1, "2024-02-29" },
    { "2024-02-29", 12, "2025-02-28" },
    { "2024-02-29", 48, "2028-02-29" },
    { "2026-08-31", 1, "2026-09-30" },
    { "2026-12-31", 2, "2027-02-28" },
    { "2026-11-30", 1, "2026-12-30" },
    { "2026-12-15", 1, "2027-01-15" },
    { "2026-03-31", -1, "2026-02-28" },
    { "2027-03-31", -24, "2025-03-31" },
    { "2028-02-29", -12, "2027-02-28" },
    { "2026-05-17", 0, "2026-05-17" },
    { "2026-02-30", 1, NULL },
    { "2026-02", 1, NULL },
    { "", 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = pd_date_add_months (cases[i].date, cases[i].months);

      g_test_message ("%s %+d", cases[i].date, cases[i].months);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

/* Templates */

static void
check_requirements (const PdRequirements *requirements,
                    guint                 total,
                    const char           *domains,
                    guint                 practice,
                    guint                 supervised)
{
  g_autoptr(GList) codes = g_hash_table_get_keys (requirements->domain_quarters);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpuint (requirements->total_quarters, ==, total);
  g_assert_cmpuint (requirements->practice_quarters, ==, practice);
  g_assert_cmpuint (requirements->supervised_quarters, ==, supervised);
  codes = g_list_sort (codes, (GCompareFunc) strcmp);
  for (GList *l = codes; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s=%u", text->len ? " " : "", (char *) l->data,
                            GPOINTER_TO_UINT (g_hash_table_lookup (requirements->domain_quarters,
                                                                   l->data)));
  g_assert_cmpstr (text->str, ==, domains);
}

/* Every file shipped in data/credentials loads: a broken one would fail
 * the whole directory. */
static void
test_templates_shipped (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  const PdCredentialTemplate *icrc, *state;
  GDir *dir;
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (SHIPPED_DIR, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      n_files++;
  g_dir_close (dir);

  templates = pd_credential_templates_load_all (SHIPPED_DIR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, n_files);
  g_assert_cmpuint (templates->len, >=, 2);
  for (guint i = 1; i < templates->len; i++)
    g_assert_cmpstr (((PdCredentialTemplate *) g_ptr_array_index (templates, i - 1))->code, <,
                     ((PdCredentialTemplate *) g_ptr_array_index (templates, i))->code);

  icrc = pd_credential_templates_find (templates, "icrc-peer-recovery");
  g_assert_nonnull (icrc);
  g_assert_cmpstr (icrc->name, ==, "IC&RC Peer Recovery");
  g_assert_cmpstr (icrc->issuing_body, ==, "IC&RC");
  g_assert_cmpuint (icrc->renewal_cycle_months, ==, 24);
  g_assert_true (icrc->split_multi_domain);
  check_requirements (&icrc->initial, 46 * 4,
                      "advocacy=40 ethics=64 mentoring_education=40 recovery_wellness=40",
                      500 * 4, 25 * 4);
  check_requirements (&icrc->renewal, 20 * 4, "ethics=24", 0, 0);

  state = pd_credential_templates_find (templates, "state-board-peer-specialist");
  g_assert_nonnull (state);
  g_assert_false (state->split_multi_domain);
  g_assert_cmpuint (state->renewal_cycle_months, ==, 24);
  check_requirements (&state->initial, 40 * 4, "confidentiality=12 ethics=24", 0, 0);
  check_requirements (&state->renewal, 30 * 4, "confidentiality=12 ethics=24", 0, 0);

  g_assert_null (pd_credential_templates_find (templates, "nothing"));
}

static void
test_templates_dir (void)
{
  g_autofree char *dir = pd_test_make_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  const char *found;

  g_setenv ("PEERDESK_TEMPLATES_DIR", dir, TRUE);
  g_assert_cmpstr (pd_credential_templates_dir (), ==, dir);

  /* An empty directory has no templates; one that is not there is an error. */
  templates = pd_credential_templates_load_all (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, ==, 0);
  g_clear_pointer (&templates, g_ptr_array_unref);
  g_rmdir (dir);
  g_assert_null (pd_credential_templates_load_all (dir, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_clear_error (&error);

  /* Otherwise the installed ones, or the source tree's when not installed. */
  g_unsetenv ("PEERDESK_TEMPLATES_DIR");
  found = pd_credential_templates_dir ();
  g_assert_true (g_str_equal (found, PKGDATADIR "/credentials") ||
                 g_str_equal (found, SHIPPED_DIR));
  g_assert_true (g_file_test (found, G_FILE_TEST_IS_DIR));
  templates = pd_credential_templates_load_all (found, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pd_credential_templates_find (templates, "icrc-peer-recovery"));
}

#define GOOD_REQUIREMENTS "{\"total_hours\": 20, \"domain_hours\": {\"ethics\": 6}}"

/* A good template with @fragment (which may be empty) in place of its
 * initial requirements, and its other keys @before them. */
static char *
template_with (const char *before,
               const char *initial)
{
  return g_strdup_printf ("{\"format\": 1, \"code\": \"test\", \"name\": \"Test\","
                          " \"renewal_cycle_months\": 24, \"multi_domain_courses\": \"split\","
                          " %s \"initial\": %s, \"renewal\": " GOOD_REQUIREMENTS "}",
                          before, initial);
}

static void
test_templates_malformed (void)
{
  struct {
    const char *before;
    const char *initial;
    const char *message;
  } cases[] = {
    { "", "{\"total_hours\": 46, \"domain_hours\": {\"ethics\": \"16\"}}",
      "icrc.json: initial.domain_hours.ethics: expected a number of hours, got a string" },
    { "", "{\"total_hours\": 46, \"domain_hours\": {\"ethic\": 16}}",
      "icrc.json: initial.domain_hours.ethic: unknown training domain (the domains are advocacy, "
      "mentoring_education, recovery_wellness, ethics, confidentiality, naloxone, "
      "bloodborne_pathogens, cultural_responsiveness, trauma_informed, other)" },
    { "", "{\"total_hours\": 46, \"domain_hours\": {\"ethics\": 10.1}}",
      "icrc.json: initial.domain_hours.ethics: 10.1 hours is not in steps of a quarter hour "
      "(0.25)" },
    { "", "{\"total_hours\": 46, \"practise_hours\": 500}",
      "icrc.json: initial.practise_hours: unknown key (the keys here are total_hours, "
      "domain_hours, practice_hours, supervised_hours)" },
    { "\"colour\": \"blue\",", GOOD_REQUIREMENTS,
      "icrc.json: colour: unknown key (the keys here are format, code, name, issuing_body, "
      "renewal_cycle_months, multi_domain_courses, initial, renewal)" },
    { "", "{\"domain_hours\": {\"ethics\": 16}}",
      "icrc.json: initial.total_hours: this key is missing" },
    { "", "{\"total_hours\": -2}",
      "icrc.json: initial.total_hours: expected a number of hours, 0 or more, got -2" },
    { "", "{\"total_hours\": 46, \"supervised_hours\": true}",
      "icrc.json: initial.supervised_hours: expected a number of hours, got true or false" },
    { "", "{\"total_hours\": 46, \"domain_hours\": [\"ethics\"]}",
      "icrc.json: initial.domain_hours: expected an object ({ … }), got a list" },
    { "", "{\"total_hours\": 10, \"domain_hours\": {\"ethics\": 16}}",
      "icrc.json: initial.domain_hours.ethics: 16 hours is more than initial.total_hours’s 10 "
      "hours" },
    { "", "{\"total_hours\": 10, \"domain_hours\": {\"ethics\": 0}}",
      "icrc.json: initial.domain_hours.ethics: expected more than 0 hours: leave out a domain "
      "with none" },
    { "", "null", "icrc.json: initial: expected an object ({ … }), got null" },
  };
  struct {
    const char *json;
    const char *message;
  } whole[] = {
    { "{\"format\": 1, \"code\": \"test\", \"renewal_cycle_months\": 24,"
      " \"multi_domain_courses\": \"split\", \"initial\": " GOOD_REQUIREMENTS ","
      " \"renewal\": " GOOD_REQUIREMENTS "}",
      "icrc.json: name: this key is missing" },
    { "{\"format\": 1, \"code\": \"test\", \"name\": \"Test\", \"renewal_cycle_months\": 24,"
      " \"multi_domain_courses\": \"split\", \"initial\": " GOOD_REQUIREMENTS "}",
      "icrc.json: renewal: this key is missing" },
    { "{\"format\": 2, \"code\": \"test\"}",
      "icrc.json: format: the template is in format 2, newer than this version of Peerdesk "
      "reads (1)" },
    { "{\"code\": \"test\"}", "icrc.json: format: this key is missing" },
    { "{\"format\": \"1\"}", "icrc.json: format: expected a number, got a string" },
    { "{\"format\": 1, \"code\": \"IC&RC\"}",
      "icrc.json: code: “IC&RC” is not a template code (lower-case letters, digits and -)" },
    { "{\"format\": 1, \"code\": \"x\", \"name\": \" \"}",
      "icrc.json: name: expected a string, got an empty one" },
    /* Values are named as the JSON import names them. */
    { "{\"format\": 1, \"code\": \"x\", \"name\": 7}",
      "icrc.json: name: expected a string, got a whole number" },
    { "{\"format\": 1, \"code\": \"x\", \"name\": 7.5}",
      "icrc.json: name: expected a string, got a number with a fraction" },
    { "{\"format\": 1, \"code\": \"x\", \"name\": \"X\", \"renewal_cycle_months\": 24.5}",
      "icrc.json: renewal_cycle_months: expected a whole number of months from 1 to 120, "
      "got 24.5" },
    { "{\"format\": 1, \"code\": \"x\", \"name\": \"X\", \"renewal_cycle_months\": 0}",
      "icrc.json: renewal_cycle_months: expected a whole number of months from 1 to 120, "
      "got 0" },
    { "{\"format\": 1, \"code\": \"x\", \"name\": \"X\", \"renewal_cycle_months\": 24,"
      " \"multi_domain_courses\": \"half\"}",
      "icrc.json: multi_domain_courses: expected \"split\" or \"full\", got “half”" },
    { "[1, 2]", "icrc.json: expected an object ({ … }), got a list" },
    { "", "icrc.json: the file is empty" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdCredentialTemplate) template = NULL;
  g_autofree char *good = template_with ("\"issuing_body\": \"Board\",",
                                         "{\"total_hours\": 46.75, \"practice_hours\": 0.25}");

  /* The frame the cases change is good itself. */
  template = pd_credential_template_parse (good, -1, "icrc.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (template->code, ==, "test");
  g_assert_cmpstr (template->issuing_body, ==, "Board");
  g_assert_cmpuint (template->initial.total_quarters, ==, 187);
  g_assert_cmpuint (template->initial.practice_quarters, ==, 1);
  g_assert_cmpuint (g_hash_table_size (template->initial.domain_quarters), ==, 0);
  g_assert_cmpuint (template->renewal.total_quarters, ==, 80);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = template_with (cases[i].before, cases[i].initial);

      g_test_message ("%s", json);
      g_assert_null (pd_credential_template_parse (json, -1, "icrc.json", &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    {
      g_test_message ("%s", whole[i].json);
      g_assert_null (pd_credential_template_parse (whole[i].json, -1, "icrc.json", &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, whole[i].message);
      g_clear_error (&error);
    }

  /* Broken JSON: where, as the parser tells it. */
  g_assert_null (pd_credential_template_parse ("{\"format\": 1,\n \"code\" \"x\"}", -1,
                                               "icrc.json", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "icrc.json: not valid JSON: line 2, column "));
  g_clear_error (&error);
}

static void
test_templates_files (void)
{
  g_autofree char *dir = pd_test_make_dir ();
  g_autofree char *bad = g_build_filename (dir, "b-bad.json", NULL);
  g_autofree char *first = g_build_filename (dir, "a.json", NULL);
  g_autofree char *second = g_build_filename (dir, "c.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "none.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *good = template_with ("", GOOD_REQUIREMENTS);
  g_autofree char *bad_json = template_with ("", "{\"total_hours\": \"lots\"}");
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (pd_credential_template_load (missing, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "none.json"));
  g_clear_error (&error);

  /* A bad file names itself and fails the directory. */
  g_assert_true (g_file_set_contents (first, good, -1, NULL));
  g_assert_true (g_file_set_contents (bad, bad_json, -1, NULL));
  g_assert_null (pd_credential_templates_load_all (dir, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  expected = g_strdup_printf ("%s: initial.total_hours: expected a number of hours, got a string",
                              bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* Two files of one code. */
  g_remove (bad);
  g_assert_true (g_file_set_contents (second, good, -1, NULL));
  g_assert_null (pd_credential_templates_load_all (dir, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  expected = g_strdup_printf ("%s: code: “test” is already the code of a.json", second);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Only *.json files are read, and not hidden ones. */
  g_remove (second);
  {
    g_autofree char *hidden = g_build_filename (dir, ".#c.json", NULL);
    g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);

    g_assert_true (g_file_set_contents (hidden, "not json", -1, NULL));
    g_assert_true (g_file_set_contents (notes, "not json", -1, NULL));
    templates = pd_credential_templates_load_all (dir, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (templates->len, ==, 1);
    g_remove (hidden);
    g_remove (notes);
  }
  g_remove (first);
  pd_test_clear_dir (&dir);
}

/* What json-glib took that JSON does not allow (comments, "\u0000"), what
 * crashed the template loader (json-glib reads nested lists by recursion),
 * what it read in full whatever its size, and what it repeated whole in a
 * message. */
static void
test_templates_refused (void)
{
  g_autofree char *dir = pd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *good = template_with ("", GOOD_REQUIREMENTS);
  g_autofree char *deep = NULL;
  g_autofree char *large = NULL;
  g_autofree char *long_code = NULL;
  GString *text;
  struct {
    const char *json;
    const char *message;
  } cases[] = {
    { "//{", "bad.json: not valid JSON: line 1, column 1: “/” starts a comment, and JSON has no "
      "comments" },
    { "{\"format\": 1, \"code\": /**/ \"x\"}",
      "bad.json: not valid JSON: line 1, column 23: “/” starts a comment, and JSON has no "
      "comments" },
    { "{\"format\": 1,\n # the code\n \"code\": \"x\"}",
      "bad.json: not valid JSON: line 2, column 2: “#” starts a comment, and JSON has no "
      "comments" },
    { "/**/", "bad.json: not valid JSON: line 1, column 1: “/” starts a comment, and JSON has no "
      "comments" },
    { "{\"format\": 1, \"code\": \"x\", \"name\": \"IC\\u0000RC\"}",
      "bad.json: not valid JSON: line 1, column 39: “\\u0000” in a string: text cannot hold a "
      "null character" },
    { NULL, "bad.json: not valid JSON: line 1, column 65: lists and objects nested more than 64 "
      "deep" },
    { NULL, "bad.json: code: “icrc-peer-recovery-icrc-…” is not a template code (lower-case "
      "letters, digits and -)" },
  };
  g_autoptr(GError) error = NULL;

  /* The shipped templates are 3 deep; 64 is the most. */
  text = g_string_new (NULL);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  deep = g_string_free (text, FALSE);
  cases[5].json = deep;

  text = g_string_new ("{\"format\": 1, \"code\": \"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "icrc-peer-recovery-");
  g_string_append (text, "\"}");
  long_code = g_string_free (text, FALSE);
  cases[6].json = long_code;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdCredentialTemplate) template = NULL;
      g_autofree char *expected = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].json, -1, NULL));
      template = pd_credential_template_load (path, &error);
      g_assert_null (template);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      expected = g_strdup_printf ("%s/%s", dir, cases[i].message);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
    }

  /* A file larger than a template may be is refused before it is read. */
  large = g_malloc (PD_TEMPLATE_MAX_SIZE + 1);
  memset (large, ' ', PD_TEMPLATE_MAX_SIZE + 1);
  memcpy (large, good, strlen (good));
  g_assert_true (g_file_set_contents (path, large, PD_TEMPLATE_MAX_SIZE + 1, NULL));
  g_assert_null (pd_credential_template_load (path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json: the file is larger than the 256 KiB a "
                                            "template may have"));
  g_clear_error (&error);

  /* As large as it may be, it is read. */
  g_assert_true (g_file_set_contents (path, large, PD_TEMPLATE_MAX_SIZE, NULL));
  {
    g_autoptr(PdCredentialTemplate) template = pd_credential_template_load (path, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (template->code, ==, "test");
  }

  /* And a bad file fails the folder, as the Volunteers section loads it. */
  g_assert_true (g_file_set_contents (path, "//{", -1, NULL));
  g_assert_null (pd_credential_templates_load_all (dir, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json: not valid JSON: line 1, column 1"));
  g_clear_error (&error);

  pd_test_clear_dir (&dir);
}

/* Progress */

/* A worked example of the IC&RC award: 46 h of training, of which 10 h
 * advocacy, 10 h mentoring and education, 10 h recovery and wellness and
 * 16 h ethics; 500 h of practice; 25 h of supervision. */
static void
test_progress_icrc_initial (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(PdProgress) progress = NULL;
  g_autofree char *items = NULL;
  gint64 dana, lee, advocacy, mentoring, wellness, ethics, both, more_ethics;

  dana = add_volunteer (fixture, "Dana", "active");
  lee = add_volunteer (fixture, "Lee", "active");
  advocacy = add_course (fixture, "Advocacy basics", 40, "advocacy", FALSE);
  mentoring = add_course (fixture, "Mentoring", 40, "mentoring_education", FALSE);
  wellness = add_course (fixture, "Wellness", 40, "recovery_wellness", FALSE);
  ethics = add_course (fixture, "Ethics I", 48, "ethics", FALSE);
  /* 2.25 h split between two domains: the odd quarter goes to advocacy,
   * the first of them in the domains' order. */
  both = add_course (fixture, "Ethics of advocacy", 9, "ethics advocacy", FALSE);
  more_ethics = add_course (fixture, "Ethics II", 12, "ethics", FALSE);

  complete (fixture, dana, advocacy, "2024-01-10", 0);
  complete (fixture, dana, mentoring, "2024-02-10", 0);
  complete (fixture, dana, wellness, "2024-03-10", 0);
  complete (fixture, dana, ethics, "2024-04-10", 0);
  complete (fixture, dana, both, "2024-05-10", 0);
  /* Someone else's. */
  complete (fixture, lee, more_ethics, "2024-05-10", 0);
  /* 380 h of practice, and more after the day measured. */
  add_hours (fixture, dana, "2024-06-01", 200 * 4);
  add_hours (fixture, dana, "2024-07-01", 180 * 4);
  add_hours (fixture, dana, "2024-09-01", 120 * 4);
  add_hours (fixture, lee, "2024-06-01", 500 * 4);
  /* 24 h 50 min of supervision: 99.33 quarter hours, rounded down. */
  add_supervision (fixture, dana, "2024-06-01", 745);
  add_supervision (fixture, dana, "2024-07-01", 745);
  add_supervision (fixture, dana, "2024-09-01", 60);

  credential = new_credential (dana, "icrc-peer-recovery", "IC&RC Peer Recovery", "", "");
  progress = progress_of (fixture, credential, fixture->icrc, "2024-08-01");
  g_assert_false (progress->renewal);
  g_assert_null (progress->from);
  g_assert_cmpstr (progress->to, ==, "2024-08-01");
  g_assert_null (progress->deadline);
  items = items_text (progress);
  g_assert_cmpstr (items, ==,
                   "total=177/184 advocacy=45/40 mentoring_education=40/40"
                   " recovery_wellness=40/40 ethics=52/64 practice=1520/2000 supervised=99/100");
  g_assert_cmpstr (item_label (progress, "mentoring_education"), ==, "Mentoring and education");
  g_assert_cmpstr (item_label (progress, "supervised"), ==, "Supervised hours");
  /* The 1.75 h short of the total are within the 3 h of ethics. */
  g_assert_cmpstr (progress->missing, ==,
                   "3 more ethics hours, 120 more practice hours and 0.25 more supervised hours");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* A deadline for the award, when the credential has one. */
  g_free (credential->expiry_date);
  credential->expiry_date = g_strdup ("2024-12-31");
  progress = progress_of (fixture, credential, fixture->icrc, "2024-08-01");
  g_assert_cmpstr (progress->deadline, ==, "2024-12-31");
  g_assert_cmpstr (progress->missing, ==,
                   "3 more ethics hours, 120 more practice hours and 0.25 more supervised hours"
                   " by 2024-12-31");
  g_clear_pointer (&progress, pd_progress_free);

  /* Counting up to a later day takes in the later hours and supervision. */
  complete (fixture, dana, more_ethics, "2024-09-02", 0);
  progress = progress_of (fixture, credential, fixture->icrc, "2024-09-02");
  items = items_text (progress);
  g_assert_cmpstr (items, ==,
                   "total=189/184 advocacy=45/40 mentoring_education=40/40"
                   " recovery_wellness=40/40 ethics=64/64 practice=2000/2000 supervised=103/100");
  g_assert_null (progress->missing);
}

/* A course in two domains, under the template that splits it (IC&RC) and
 * the one that counts it in full in each (the state board's). */
static void
test_progress_multi_domain (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(PdProgress) progress = NULL;
  g_autoptr(PdCredentialTemplate) split = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *items = NULL;
  gint64 dana, both, core, ethics, trio;

  dana = add_volunteer (fixture, "Dana", "active");
  both = add_course (fixture, "Ethics and confidentiality", 12, "ethics confidentiality", FALSE);
  core = add_course (fixture, "Peer support core", 120,
                     "advocacy mentoring_education recovery_wellness", FALSE);
  ethics = add_course (fixture, "Ethics", 8, "ethics", FALSE);
  complete (fixture, dana, both, "2025-01-15", 0);
  complete (fixture, dana, core, "2025-02-15", 0);
  complete (fixture, dana, ethics, "2025-03-15", 0);

  credential = new_credential (dana, "state-board-peer-specialist", "Peer specialist", "", "");

  /* In full: 3 h of ethics and 3 h of confidentiality, 3 h in the total. */
  progress = progress_of (fixture, credential, fixture->state, "2025-06-30");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=140/160 ethics=20/24 confidentiality=12/12");
  g_assert_cmpstr (progress->missing, ==,
                   "1 more ethics hour and 4 more training hours of any kind");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* Split: 1.5 h each; 30 h over three domains, 10 h each. */
  progress = progress_of (fixture, credential, fixture->icrc, "2025-06-30");
  items = items_text (progress);
  g_assert_cmpstr (items, ==,
                   "total=140/184 advocacy=40/40 mentoring_education=40/40"
                   " recovery_wellness=40/40 ethics=14/64 practice=0/2000 supervised=0/100");
  g_assert_cmpstr (progress->missing, ==,
                   "12.5 more ethics hours, 500 more practice hours and 25 more supervised hours");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* The state board's requirements with its courses split instead: the
   * same data counts differently. 0.5 h over three domains leaves two
   * odd quarters for the first two. */
  trio = add_course (fixture, "Ethics, confidentiality and advocacy", 2,
                     "confidentiality advocacy ethics", FALSE);
  complete (fixture, dana, trio, "2025-04-15", 0);
  split = pd_credential_template_parse ("{\"format\": 1, \"code\": \"split\", \"name\": \"S\","
                                        " \"renewal_cycle_months\": 12,"
                                        " \"multi_domain_courses\": \"split\","
                                        " \"initial\": {\"total_hours\": 40, \"domain_hours\":"
                                        " {\"ethics\": 6, \"confidentiality\": 3,"
                                        " \"advocacy\": 1}},"
                                        " \"renewal\": {\"total_hours\": 1}}",
                                        -1, "split.json", &error);
  g_assert_no_error (error);
  progress = progress_of (fixture, credential, split, "2025-06-30");
  items = items_text (progress);
  g_assert_cmpstr (items, ==,
                   "total=142/160 advocacy=41/4 ethics=15/24 confidentiality=6/12");
  g_assert_cmpstr (progress->missing, ==,
                   "2.25 more ethics hours, 1.5 more confidentiality hours and 0.75 more training"
                   " hours of any kind");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  progress = progress_of (fixture, credential, fixture->state, "2025-06-30");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=142/160 ethics=22/24 confidentiality=14/12");
  g_assert_cmpstr (progress->missing, ==,
                   "0.5 more ethics hours and 4 more training hours of any kind");
}

/* IC&RC renewal: 20 h in the two years before the expiry date, 6 h of
 * them ethics. */
static void
test_progress_icrc_renewal (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(PdProgress) progress = NULL;
  g_autofree char *items = NULL;
  gint64 dana, ethics, advocacy, both, wellness;

  dana = add_volunteer (fixture, "Dana", "active");
  ethics = add_course (fixture, "Ethics refresher", 16, "ethics", FALSE);
  advocacy = add_course (fixture, "Advocacy update", 24, "advocacy", FALSE);
  both = add_course (fixture, "Ethics of advocacy", 9, "advocacy ethics", FALSE);
  wellness = add_course (fixture, "Wellness", 20, "recovery_wellness", FALSE);

  /* The cycle is 2023-01-31 to 2025-01-31. */
  complete (fixture, dana, ethics, "2023-01-30", 0);
  complete (fixture, dana, advocacy, "2023-01-31", 0);
  complete (fixture, dana, both, "2024-05-10", 0);
  complete (fixture, dana, ethics, "2024-11-02", 4);
  complete (fixture, dana, wellness, "2025-01-31", 0);
  complete (fixture, dana, ethics, "2025-02-01", 0);

  credential = new_credential (dana, "icrc-peer-recovery", "IC&RC Peer Recovery", "2021-01-20",
                               "2025-01-31");
  progress = progress_of (fixture, credential, fixture->icrc, "2024-12-01");
  g_assert_true (progress->renewal);
  g_assert_cmpstr (progress->from, ==, "2023-01-31");
  g_assert_cmpstr (progress->to, ==, "2025-01-31");
  g_assert_cmpstr (progress->deadline, ==, "2025-01-31");
  items = items_text (progress);
  /* 6 + 2.25 + 1 + 5 h; ethics 1 h of the split course and the 1 h credited. */
  g_assert_cmpstr (items, ==, "total=57/80 ethics=8/24");
  g_assert_cmpstr (progress->missing, ==,
                   "4 more ethics hours and 1.75 more training hours of any kind by 2025-01-31");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* With the total met, only ethics is missing. */
  complete (fixture, dana, advocacy, "2024-06-01", 0);
  progress = progress_of (fixture, credential, fixture->icrc, "2024-12-01");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=81/80 ethics=8/24");
  g_assert_cmpstr (progress->missing, ==, "4 more ethics hours by 2025-01-31");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* A credential's own cycle: one year, 2024-01-31 to 2025-01-31. */
  credential->renewal_cycle_months = 12;
  progress = progress_of (fixture, credential, fixture->icrc, "2024-12-01");
  g_assert_cmpstr (progress->from, ==, "2024-01-31");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=57/80 ethics=8/24");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);
  credential->renewal_cycle_months = 0;

  /* Not before the issued date: those hours earned the credential. */
  g_free (credential->issued_date);
  credential->issued_date = g_strdup ("2024-05-10");
  progress = progress_of (fixture, credential, fixture->icrc, "2024-12-01");
  g_assert_cmpstr (progress->from, ==, "2024-05-10");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=57/80 ethics=8/24");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* Without an expiry date, the cycle runs from the issued date. */
  g_free (credential->expiry_date);
  credential->expiry_date = g_strdup ("");
  g_free (credential->issued_date);
  credential->issued_date = g_strdup ("2023-02-01");
  progress = progress_of (fixture, credential, fixture->icrc, "2024-12-01");
  g_assert_cmpstr (progress->from, ==, "2023-02-01");
  g_assert_cmpstr (progress->to, ==, "2025-02-01");
  g_assert_cmpstr (progress->deadline, ==, "2025-02-01");
  items = items_text (progress);
  /* Loses 2023-01-31's 6 h, gains 2025-02-01's 4 h of ethics. */
  g_assert_cmpstr (items, ==, "total=73/80 ethics=24/24");
  g_assert_cmpstr (progress->missing, ==, "1.75 more training hours by 2025-02-01");
}

static void
test_progress_state_renewal (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(PdProgress) progress = NULL;
  g_autofree char *items = NULL;
  gint64 dana, both, core;

  dana = add_volunteer (fixture, "Dana", "active");
  both = add_course (fixture, "Ethics and confidentiality", 12, "ethics confidentiality", FALSE);
  core = add_course (fixture, "Peer support update", 80, "advocacy", FALSE);
  complete (fixture, dana, both, "2024-03-01", 0);
  complete (fixture, dana, core, "2024-04-01", 0);
  /* The first day of the cycle that ends on 2026-02-28. */
  complete (fixture, dana, both, "2024-02-28", 0);
  /* Practice and supervision count for nothing in this renewal. */
  add_hours (fixture, dana, "2024-05-01", 400);
  add_supervision (fixture, dana, "2024-05-01", 600);

  credential = new_credential (dana, "state-board-peer-specialist", "Peer specialist",
                               "2022-02-28", "2026-02-28");
  progress = progress_of (fixture, credential, fixture->state, "2025-12-01");
  g_assert_cmpstr (progress->from, ==, "2024-02-28");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=104/120 ethics=24/24 confidentiality=24/12");
  g_assert_cmpstr (progress->missing, ==, "4 more training hours by 2026-02-28");
  g_clear_pointer (&progress, pd_progress_free);
  g_clear_pointer (&items, g_free);

  /* A day earlier: the cycle starts a day earlier. A day later: the
   * 2024-02-28 course falls outside it. */
  g_free (credential->expiry_date);
  credential->expiry_date = g_strdup ("2026-02-27");
  progress = progress_of (fixture, credential, fixture->state, "2025-12-01");
  g_assert_cmpstr (progress->from, ==, "2024-02-27");
  g_clear_pointer (&progress, pd_progress_free);

  g_free (credential->expiry_date);
  credential->expiry_date = g_strdup ("2026-03-01");
  progress = progress_of (fixture, credential, fixture->state, "2025-12-01");
  g_assert_cmpstr (progress->from, ==, "2024-03-01");
  items = items_text (progress);
  g_assert_cmpstr (items, ==, "total=92/120 ethics=12/24 confidentiality=12/12");
  g_assert_cmpstr (progress->missing, ==,
                   "3 more ethics hours and 4 more training hours of any kind by 2026-03-01");
}

/* Alerts */

static const char *
alerts_text (GPtrArray *alerts,
             char     **text)
{
  GString *string = g_string_new (NULL);

  for (guint i = 0; i < alerts->len; i++)
    {
      const PdAlert *alert = g_ptr_array_index (alerts, i);

      g_string_append_printf (string, "%s%s %d %s: %s", i ? "\n" : "", alert->date, alert->kind,
                              alert->volunteer_name, alert->message);
    }
  g_free (*text);
  *text = g_string_free (string, FALSE);
  return *text;
}

static void
test_alerts_window (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 dana, lee, former;
  const PdAlert *alert;

  dana = add_volunteer (fixture, "Dana", "active");
  lee = add_volunteer (fixture, "Lee", "active");
  former = add_volunteer (fixture, "Kim", "former");

  /* Today 2026-03-01, a window of 30 days: up to 2026-03-31. */
  insert_credential (fixture, dana, "Window end", "2024-01-01", "2026-03-31");
  insert_credential (fixture, dana, "After the window", "2024-01-01", "2026-04-01");
  insert_credential (fixture, lee, "Today", "2024-01-01", "2026-03-01");
  insert_credential (fixture, lee, "Yesterday", "2024-01-01", "2026-02-28");
  insert_credential (fixture, former, "Former's", "2024-01-01", "2026-03-10");
  /* Not yet earned, or never expiring. */
  insert_credential (fixture, dana, "Not earned", "", "2026-03-10");
  insert_credential (fixture, dana, "Forever", "2024-01-01", "");
  /* Renewed as a new record: the old one is not followed any more. */
  insert_credential (fixture, dana, "CPR", "2023-01-01", "2025-01-01");
  insert_credential (fixture, dana, "cpr", "2025-01-01", "2027-01-01");

  alerts = pd_alerts_list (fixture->db, "2026-03-01", 30, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2026-02-28 1 Lee: Yesterday expired on 2026-02-28\n"
                   "2026-03-01 0 Lee: Today expires on 2026-03-01\n"
                   "2026-03-31 0 Dana: Window end expires on 2026-03-31");
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->kind, ==, PD_ALERT_CREDENTIAL_EXPIRED);
  g_assert_cmpint (alert->volunteer_id, ==, lee);
  g_assert_cmpstr (alert->what, ==, "Yesterday");
  g_assert_cmpstr (alert->date, ==, "2026-02-28");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* No window: only what expires today, and what has expired. */
  alerts = pd_alerts_list (fixture->db, "2026-03-01", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2026-02-28 1 Lee: Yesterday expired on 2026-02-28\n"
                   "2026-03-01 0 Lee: Today expires on 2026-03-01");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* Across the end of February: 58 days reach 2026-03-31, not 2026-04-01. */
  alerts = pd_alerts_list (fixture->db, "2026-02-01", 58, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2026-02-28 0 Lee: Yesterday expires on 2026-02-28\n"
                   "2026-03-01 0 Lee: Today expires on 2026-03-01\n"
                   "2026-03-31 0 Dana: Window end expires on 2026-03-31");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  g_assert_null (pd_alerts_list (fixture->db, "2026-02-30", 30, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_alerts_yearly (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 ana, ben, cam, dee, eli, fay, naloxone, pathogens, ethics;

  ana = add_volunteer (fixture, "Ana", "active");
  ben = add_volunteer (fixture, "Ben", "active");
  cam = add_volunteer (fixture, "Cam", "active");
  dee = add_volunteer (fixture, "Dee", "active");
  eli = add_volunteer (fixture, "Eli", "on_leave");
  fay = add_volunteer (fixture, "Fay", "active");
  naloxone = add_course (fixture, "Naloxone training", 4, "naloxone", TRUE);
  pathogens = add_course (fixture, "Bloodborne pathogens", 4, "bloodborne_pathogens", TRUE);
  ethics = add_course (fixture, "Ethics", 4, "ethics", FALSE);

  /* Today is 2025-06-15. */
  complete (fixture, ana, naloxone, "2024-06-14", 0);        /* a year and a day: due */
  complete (fixture, ben, naloxone, "2024-06-15", 0);        /* exactly a year: not yet */
  complete (fixture, dee, naloxone, "2023-01-01", 0);        /* the latest counts */
  complete (fixture, dee, naloxone, "2025-01-01", 0);
  complete (fixture, fay, naloxone, "2024-02-29", 0);
  complete (fixture, ana, pathogens, "2025-01-01", 0);
  complete (fixture, ben, pathogens, "2025-01-01", 0);
  complete (fixture, dee, pathogens, "2025-01-01", 0);
  complete (fixture, fay, pathogens, "2025-01-01", 0);
  complete (fixture, eli, ethics, "2025-01-01", 0);

  alerts = pd_alerts_list (fixture->db, "2025-06-15", 30, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2025-02-28 2 Fay: Naloxone training was due on 2025-02-28\n"
                   "2025-06-14 2 Ana: Naloxone training was due on 2025-06-14\n"
                   "2025-06-15 2 Cam: Bloodborne pathogens is due: never completed\n"
                   "2025-06-15 2 Cam: Naloxone training is due: never completed");
  g_assert_cmpint (((PdAlert *) g_ptr_array_index (alerts, 3))->volunteer_id, ==, cam);
  g_assert_cmpstr (((PdAlert *) g_ptr_array_index (alerts, 3))->what, ==, "Naloxone training");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* A leap day's anniversary: 2025-02-28 is a year on, and due the day after. */
  alerts = pd_alerts_list (fixture->db, "2025-02-28", 0, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (alerts_text (alerts, &text), "Fay"));
  g_clear_pointer (&alerts, g_ptr_array_unref);
  alerts = pd_alerts_list (fixture->db, "2025-03-01", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (alerts_text (alerts, &text),
                            "Fay: Naloxone training was due on 2025-02-28"));
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* With a credential the same day: credentials first, then training. */
  insert_credential (fixture, ben, "Peer Recovery", "2023-06-14", "2025-06-14");
  alerts = pd_alerts_list (fixture->db, "2025-06-15", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2025-02-28 2 Fay: Naloxone training was due on 2025-02-28\n"
                   "2025-06-14 1 Ben: Peer Recovery expired on 2025-06-14\n"
                   "2025-06-14 2 Ana: Naloxone training was due on 2025-06-14\n"
                   "2025-06-15 2 Cam: Bloodborne pathogens is due: never completed\n"
                   "2025-06-15 2 Cam: Naloxone training is due: never completed");
}

/* The most urgent first, whatever the dates: an expired credential before
 * trainings due long before it expired, then what expires soonest; a
 * limit keeps the first ones and counts them all. */
static void
test_alerts_urgent (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 ana, ben, naloxone;
  guint n = 0;

  ana = add_volunteer (fixture, "Ana", "active");
  ben = add_volunteer (fixture, "Ben", "active");
  naloxone = add_course (fixture, "Naloxone training", 4, "naloxone", TRUE);
  complete (fixture, ana, naloxone, "2023-01-10", 0);
  complete (fixture, ben, naloxone, "2023-02-10", 0);
  insert_credential (fixture, ben, "Peer Recovery", "2024-01-01", "2026-02-28");
  insert_credential (fixture, ana, "State board", "2024-01-01", "2026-03-20");
  insert_credential (fixture, ana, "CPR", "2024-01-01", "2026-03-05");

  alerts = pd_alerts_list_urgent (fixture->db, "2026-03-01", 30, 3, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2026-02-28 1 Ben: Peer Recovery expired on 2026-02-28\n"
                   "2026-03-05 0 Ana: CPR expires on 2026-03-05\n"
                   "2026-03-20 0 Ana: State board expires on 2026-03-20");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  alerts = pd_alerts_list_urgent (fixture->db, "2026-03-01", 30, 30, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (alerts->len, ==, 5);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2026-02-28 1 Ben: Peer Recovery expired on 2026-02-28\n"
                   "2026-03-05 0 Ana: CPR expires on 2026-03-05\n"
                   "2026-03-20 0 Ana: State board expires on 2026-03-20\n"
                   "2024-01-10 2 Ana: Naloxone training was due on 2024-01-10\n"
                   "2024-02-10 2 Ben: Naloxone training was due on 2024-02-10");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* On the same day, by name as people read them, accents and case aside,
   * whichever engine keeps the records. */
  insert_credential (fixture, add_volunteer (fixture, "zoë", "active"), "CPR", "2024-01-01",
                     "2026-02-20");
  insert_credential (fixture, add_volunteer (fixture, "Émile", "active"), "CPR", "2024-01-01",
                     "2026-02-20");
  insert_credential (fixture, add_volunteer (fixture, "Emma", "active"), "CPR", "2024-01-01",
                     "2026-02-20");
  alerts = pd_alerts_list_urgent (fixture->db, "2026-03-01", 30, 3, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 11);
  g_assert_cmpstr (alerts_text (alerts, &text), ==,
                   "2026-02-20 1 Émile: CPR expired on 2026-02-20\n"
                   "2026-02-20 1 Emma: CPR expired on 2026-02-20\n"
                   "2026-02-20 1 zoë: CPR expired on 2026-02-20");
}

/* As the reports have it: held through the expiry date, expired the day
 * after; expiring within the window, today included; one without an
 * issued date is being worked toward. */
static void
test_credential_status (void)
{
  PdCredential credential = { 0, };

  credential.issued_date = (char *) "2024-03-01";
  credential.expiry_date = (char *) "2026-03-01";
  g_assert_cmpint (pd_credential_status (&credential, "2026-03-02", 90), ==,
                   PD_CREDENTIAL_EXPIRED);
  g_assert_cmpint (pd_credential_status (&credential, "2026-03-01", 0), ==,
                   PD_CREDENTIAL_EXPIRING);
  /* A window of 30 days from 2026-01-29 ends on 2026-02-28. */
  g_assert_cmpint (pd_credential_status (&credential, "2026-01-29", 30), ==,
                   PD_CREDENTIAL_HELD);
  g_assert_cmpint (pd_credential_status (&credential, "2026-01-30", 30), ==,
                   PD_CREDENTIAL_EXPIRING);
  credential.expiry_date = (char *) "";
  g_assert_cmpint (pd_credential_status (&credential, "2099-01-01", 90), ==,
                   PD_CREDENTIAL_HELD);
  credential.issued_date = (char *) "";
  credential.expiry_date = (char *) "2020-01-01";
  g_assert_cmpint (pd_credential_status (&credential, "2026-01-01", 90), ==,
                   PD_CREDENTIAL_WORKING_TOWARD);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/training/domains", test_domains);
  ADD ("/training/courses/insert-get-find", test_courses);
  ADD ("/training/courses/refused", test_courses_refused);
  ADD ("/training/completions", test_completions);
  ADD ("/training/credentials", test_credentials);
  g_test_add_func ("/training/dates/add-months", test_add_months);
  g_test_add_func ("/training/templates/shipped", test_templates_shipped);
  g_test_add_func ("/training/templates/dir", test_templates_dir);
  g_test_add_func ("/training/templates/malformed", test_templates_malformed);
  g_test_add_func ("/training/templates/files", test_templates_files);
  g_test_add_func ("/training/templates/refused", test_templates_refused);
  ADD ("/training/progress/icrc-initial", test_progress_icrc_initial);
  ADD ("/training/progress/multi-domain", test_progress_multi_domain);
  ADD ("/training/progress/icrc-renewal", test_progress_icrc_renewal);
  ADD ("/training/progress/state-renewal", test_progress_state_renewal);
  ADD ("/training/alerts/window", test_alerts_window);
  ADD ("/training/alerts/yearly", test_alerts_yearly);
  ADD ("/training/alerts/urgent-first", test_alerts_urgent);
  g_test_add_func ("/training/credentials/status", test_credential_status);

#undef ADD

  return g_test_run ();
}
