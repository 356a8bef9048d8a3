/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-print-documents.h"
#include "pd-report.h"
#include "pd-test-core.h"
#include "pd-test-pdf.h"
#include "pd-test-print-text.h"
#include "pd-text.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  PdPeriod *period;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PdReportSettings settings = { "Harbour Light Recovery Centre", "HL-01", "TI-0861", 11, 90 };
  PdDemoOptions demo = { .n_members = GPOINTER_TO_UINT (user_data), .seed = 3, .n_years = 1 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -365);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, -1);
  g_autofree char *first = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *last = g_date_time_format (end, "%Y-%m-%d");

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_assert_true (pd_demo_fill (fixture->db, &demo, &error));
  g_assert_no_error (error);
  g_assert_true (pd_report_settings_save (fixture->db, &settings, &error));
  g_assert_no_error (error);
  fixture->period = pd_period_new_from_iso (first, last, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->period, pd_period_free);
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

/* The figures, in the order the page gives them: a label, then the value
 * printed after it. */
typedef struct
{
  GPtrArray *labels;
  GPtrArray *values;
  guint      n_suppressed;
} Expected;

/* Both without white space, as the text is read. */
static void
expect (Expected   *expected,
        const char *label,
        char       *value)
{
  g_ptr_array_add (expected->labels, pd_test_print_squash (label));
  g_ptr_array_add (expected->values, pd_test_print_squash (value));
  g_free (value);
}

static char *
hours (gint64 quarter_hours)
{
  g_autofree char *plain = pd_report_format_hours (quarter_hours);

  return g_strdup_printf ("%s h", plain);
}

static void
expect_count (Expected            *expected,
              const char          *label,
              const PdReportCount *count)
{
  if (count->suppressed)
    expected->n_suppressed++;
  expect (expected, label,
          count->suppressed ? g_strdup ("Suppressed") : g_strdup_printf ("%" PRId64, count->value));
}

static void
expect_table (Expected            *expected,
              const PdReportTable *table)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      expect_count (expected, cell->label, &cell->count);
    }
}

static void
expect_amounts (Expected *expected,
                GArray   *amounts,
                gboolean  in_hours)
{
  for (guint i = 0; i < amounts->len; i++)
    {
      const PdReportAmount *amount = &g_array_index (amounts, PdReportAmount, i);

      expect (expected, amount->label,
              in_hours ? hours (amount->value) : g_strdup_printf ("%" PRId64, amount->value));
    }
}

/* Every figure of @report, as the XML has it, in the page's order. */
static void
expect_report (Expected       *expected,
               const PdReport *report)
{
  gint64 hundredths = (report->supervision_minutes * 100 + 30) / 60;
  g_autofree char *supervision = NULL;
  g_autofree char *expiring = g_strdup_printf ("Credentials expiring within %u days",
                                               report->renewal_window_days);
  char mean[G_ASCII_DTOSTR_BUF_SIZE];

  if (hundredths % 100 == 0)
    supervision = g_strdup_printf ("%" PRId64 " h", hundredths / 100);
  else if (hundredths % 10 == 0)
    supervision = g_strdup_printf ("%" PRId64 ".%" PRId64 " h", hundredths / 100,
                                   hundredths % 100 / 10);
  else
    supervision = g_strdup_printf ("%" PRId64 ".%02" PRId64 " h", hundredths / 100,
                                   hundredths % 100);
  g_ascii_formatd (mean, sizeof mean, "%.1f", report->mean_per_session);

  expect_count (expected, "Participants served", &report->served);
  expect_count (expected, "New members", &report->new_members);
  expect_count (expected, "Left out without consent", &report->left_out);
  expect_count (expected, "All visits", &report->visits_total);
  expect_table (expected, &report->visits_by_visitor);
  expect_table (expected, &report->visits_by_purpose);
  expect (expected, "Sessions held", g_strdup_printf ("%" PRId64, report->sessions_held));
  expect_count (expected, "Attendance", &report->attendance_total);
  expect_table (expected, &report->attendance);
  expect_count (expected, "Unique attendees", &report->unique_attendees);
  if (report->mean_suppressed)
    expected->n_suppressed++;
  expect (expected, "Mean attendance per session",
          g_strdup (report->mean_suppressed ? "Suppressed" : mean));
  expect_amounts (expected, report->sessions_by_kind, FALSE);
  expect (expected, "Volunteers active", g_strdup_printf ("%" PRId64, report->volunteers_active));
  expect (expected, "Hours given", hours (report->volunteer_quarter_hours));
  expect (expected, "Supervision", g_strdup (supervision));
  expect (expected, "Trainings completed",
          g_strdup_printf ("%" PRId64, report->trainings_completed));
  expect (expected, "Training hours", hours (report->training_quarter_hours));
  expect (expected, "Credentials held", g_strdup_printf ("%" PRId64, report->credentials_active));
  expect (expected, expiring, g_strdup_printf ("%" PRId64, report->credentials_expiring));
  expect (expected, "Credentials expired",
          g_strdup_printf ("%" PRId64, report->credentials_expired));
  expect_amounts (expected, report->hours_by_activity, TRUE);
  expect_amounts (expected, report->training_by_domain, TRUE);
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    expect_table (expected, &report->demographics[i]);
}

static gboolean
is_value_start (const char *text)
{
  return g_ascii_isdigit (*text) || g_str_has_prefix (text, "Suppressed");
}

/* Walks @text for each figure in order: its label, then, after an
 * optional colon, the value that follows it, which must be the expected
 * one. A label also printed as a column title is passed by, as no figure
 * follows it there. */
static void
assert_figures_in_order (const char     *text,
                         const Expected *expected)
{
  const char *cursor = text;

  for (guint i = 0; i < expected->labels->len; i++)
    {
      const char *label = g_ptr_array_index (expected->labels, i);
      const char *value = g_ptr_array_index (expected->values, i);
      const char *found = NULL;

      for (const char *at = strstr (cursor, label); at != NULL; at = strstr (at + 1, label))
        {
          const char *after = at + strlen (label);

          if (*after == ':')
            after++;
          if (is_value_start (after))
            {
              found = after;
              break;
            }
        }
      if (found == NULL || *found == '\0')
        g_error ("figure %u, “%s”, not found after: %.80s", i, label, cursor);
      if (!g_str_has_prefix (found, value) || g_ascii_isdigit (found[strlen (value)]) ||
          found[strlen (value)] == '.')
        g_error ("figure %u, “%s”: expected “%s”, printed “%.20s”", i, label, value, found);
      cursor = found + strlen (value);
    }
}

static guint
count_occurrences (const char *text,
                   const char *word)
{
  guint n = 0;

  for (const char *at = strstr (text, word); at != NULL; at = strstr (at + 1, word))
    n++;
  return n;
}

static guint
count_audit (PdDatabase *db)
{
  return (guint) pd_test_query_int (db, "SELECT count (*) FROM audit");
}

static void
test_figures_equal_report (Fixture       *fixture,
                           gconstpointer  user_data)
{
  PdReportOptions options = { .period = fixture->period, .renewal_window_days = -1 };
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "figures.pdf", NULL);
  g_autofree char *text = NULL;
  Expected expected = { g_ptr_array_new_with_free_func (g_free),
                        g_ptr_array_new_with_free_func (g_free), 0 };
  guint before;

  report = pd_report_new (fixture->db, &options, &error);
  g_assert_no_error (error);
  before = count_audit (fixture->db);

  doc = pd_print_report_figures (fixture->db, fixture->period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  /* One entry, for the copy printed, without a figure in its detail. */
  g_assert_cmpuint (count_audit (fixture->db), ==, before + 1);
  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count (*) FROM audit WHERE kind = 'export'"
                                      " AND detail LIKE 'printed report figures %'"),
                   ==, 1);

  g_assert_true (pd_print_doc_write_pdf (doc, PD_PAPER_A4, path, &error));
  g_assert_no_error (error);
  text = pd_test_print_text (path);

  g_assert_nonnull (strstr (text, "HarbourLightRecoveryCentre"));
  expect_report (&expected, report);
  /* The demo of a small centre has small counts to hide. */
  g_assert_cmpuint (expected.n_suppressed, >, 0);
  assert_figures_in_order (text, &expected);
  /* Each suppressed cell says so and nothing else does, but the note
   * that explains the word. */
  g_assert_cmpuint (count_occurrences (text, "Suppressed"), ==, expected.n_suppressed + 1);

  g_ptr_array_unref (expected.labels);
  g_ptr_array_unref (expected.values);
}

/* A year of a 3,000-member centre fits on two pages, on either paper. */
static void
test_two_pages (Fixture       *fixture,
                gconstpointer  user_data)
{
  const PdPaper papers[] = { PD_PAPER_A4, PD_PAPER_US_LETTER };
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = pd_print_report_figures (fixture->db, fixture->period, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *name = g_strdup_printf ("figures-%u.pdf", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_true (pd_print_doc_write_pdf (doc, papers[i], path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (pd_test_pdf_n_pages (path), <=, 2);
    }
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  const PdRole roles[] = { PD_ROLE_FRONT_DESK, PD_ROLE_FACILITATOR, PD_ROLE_COORDINATOR };
  guint before = count_audit (fixture->db);
  gint64 staff;

  /* Sign-in on: the roles count. */
  pd_test_insert_staff (fixture->db, "Dana", "director");
  staff = pd_test_insert_staff (fixture->db, "Sam", "front-desk");

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(PdPrintDoc) doc = NULL;
      g_autoptr(GError) error = NULL;

      pd_test_act_as (fixture->db, staff, "Sam", roles[i]);
      doc = pd_print_report_figures (fixture->db, fixture->period, &error);
      g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
      g_assert_null (doc);
    }
  g_assert_cmpuint (count_audit (fixture->db), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add ("/print/figures/equal-report", Fixture, GUINT_TO_POINTER (300), fixture_set_up,
              test_figures_equal_report, fixture_tear_down);
  g_test_add ("/print/figures/refused", Fixture, GUINT_TO_POINTER (20), fixture_set_up,
              test_refused, fixture_tear_down);
  g_test_add ("/print/figures/two-pages", Fixture, GUINT_TO_POINTER (3000), fixture_set_up,
              test_two_pages, fixture_tear_down);

  return g_test_run ();
}
