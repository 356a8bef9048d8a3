/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-error.h"
#include "pd-period.h"
#include "pd-text.h"

static PdPeriod *
period_around (PdPeriodKind  kind,
               const char   *day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (pd_date_parse (day, &date));
  return pd_period_new (kind, &date, NULL);
}

static void
assert_period (const PdPeriod *period,
               const char     *first,
               const char     *last)
{
  g_autofree char *a = pd_date_to_iso (&period->first);
  g_autofree char *b = pd_date_to_iso (&period->last);

  g_assert_cmpstr (a, ==, first);
  g_assert_cmpstr (b, ==, last);
}

/* A month, quarter or year is the whole one that holds the day given. */
static void
test_snap (void)
{
  g_autoptr(PdPeriod) month = period_around (PD_PERIOD_MONTH, "2024-02-17");
  g_autoptr(PdPeriod) quarter = period_around (PD_PERIOD_QUARTER, "2025-08-31");
  g_autoptr(PdPeriod) year = period_around (PD_PERIOD_YEAR, "2025-06-30");

  assert_period (month, "2024-02-01", "2024-02-29");
  assert_period (quarter, "2025-07-01", "2025-09-30");
  assert_period (year, "2025-01-01", "2025-12-31");
  g_assert_cmpuint (pd_period_kind_get_months (PD_PERIOD_QUARTER), ==, 3);
  g_assert_cmpuint (pd_period_kind_get_months (PD_PERIOD_CUSTOM), ==, 0);
}

static void
test_step (void)
{
  g_autoptr(PdPeriod) month = period_around (PD_PERIOD_MONTH, "2025-01-31");
  g_autoptr(PdPeriod) quarter = period_around (PD_PERIOD_QUARTER, "2025-02-01");
  g_autoptr(PdPeriod) custom = pd_period_new_from_iso ("2025-03-03", "2025-04-17", NULL);

  pd_period_step (month, 1);
  assert_period (month, "2025-02-01", "2025-02-28");
  pd_period_step (month, -1);
  pd_period_step (month, -1);
  assert_period (month, "2024-12-01", "2024-12-31");

  pd_period_step (quarter, -1);
  assert_period (quarter, "2024-10-01", "2024-12-31");

  /* A custom period has no next one. */
  pd_period_step (custom, 1);
  assert_period (custom, "2025-03-03", "2025-04-17");
  g_assert_cmpint (custom->kind, ==, PD_PERIOD_CUSTOM);
}

static void
test_from_iso (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPeriod) period = pd_period_new_from_iso ("2025-03-03", "2025-03-03", &error);
  PdPeriod *bad;

  g_assert_no_error (error);
  assert_period (period, "2025-03-03", "2025-03-03");

  bad = pd_period_new_from_iso ("2025-02-30", "2025-03-03", &error);
  g_assert_null (bad);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "start"));
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);

  bad = pd_period_new_from_iso ("2025-03-03", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "end"));
  g_clear_error (&error);

  bad = pd_period_new_from_iso ("2025-03-04", "2025-03-03", &error);
  g_assert_null (bad);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "before it starts"));
}

/* The boxed type copies the days, not a pointer to them. */
static void
test_boxed (void)
{
  g_autoptr(PdPeriod) period = period_around (PD_PERIOD_YEAR, "2025-05-05");
  g_autoptr(PdPeriod) copy = g_boxed_copy (PD_TYPE_PERIOD, period);

  g_assert_true (copy != period);
  g_assert_true (pd_period_equal (copy, period));
  pd_period_step (period, 1);
  g_assert_false (pd_period_equal (copy, period));
  assert_period (copy, "2025-01-01", "2025-12-31");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/snap", test_snap);
  g_test_add_func ("/period/step", test_step);
  g_test_add_func ("/period/from-iso", test_from_iso);
  g_test_add_func ("/period/boxed", test_boxed);

  return g_test_run ();
}
