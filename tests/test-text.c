/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include "pd-test-core.h"
#include "pd-text.h"

/* A long note in an error message is cut to a short prefix. */
static void
test_excerpt_long (void)
{
  g_autoptr(GString) note = g_string_new ("Relapsed after the funeral");
  g_autofree char *excerpt = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (note, " and more private details");
  excerpt = pd_text_excerpt (note->str, -1);
  g_assert_cmpuint (g_utf8_strlen (excerpt, -1), ==, PD_TEXT_EXCERPT_CHARS + 1);
  g_assert_true (g_str_has_prefix (excerpt, "Relapsed after the funer"));
  g_assert_true (g_str_has_suffix (excerpt, "…"));
  g_assert_null (strstr (excerpt, "private"));
}

static void
test_excerpt_short (void)
{
  g_autofree char *excerpt = pd_text_excerpt ("31/02/1990", -1);
  g_autofree char *empty = pd_text_excerpt (NULL, -1);

  g_assert_cmpstr (excerpt, ==, "31/02/1990");
  g_assert_cmpstr (empty, ==, "");
}

/* Characters are counted, not bytes, and nothing that would move a
 * terminal's cursor or break the message into lines gets through. */
static void
test_excerpt_unicode_and_controls (void)
{
  g_autofree char *accents = pd_text_excerpt ("ÁngelÁngelÁngelÁngelÁngelÁngel", -1);
  g_autofree char *controls = pd_text_excerpt ("a\nb\tc\033[2Jd", -1);
  g_autofree char *invalid = pd_text_excerpt ("ab\xff\xfe", 4);

  g_assert_cmpstr (accents, ==, "ÁngelÁngelÁngelÁngelÁnge…");
  g_assert_cmpstr (controls, ==, "a b c [2Jd");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "ab"));
}

/* Counts are grouped the way the locale says; the grouping itself is
 * checked with each convention given, since a machine may have no locale
 * but C installed. */
static void
test_group_digits (void)
{
  static const struct {
    gint64 value;
    const char *separator;
    const char *grouping;
    const char *expected;
  } cases[] = {
    { 3000, ",", "\3", "3,000" },
    { 2024, ",", "\3", "2,024" },
    { 999, ",", "\3", "999" },
    { 0, ",", "\3", "0" },
    { 1000000, ",", "\3\3", "1,000,000" },
    { 1234567, ".", "\3", "1.234.567" },
    { 1234567, "\u202f", "\3", "1\u202f234\u202f567" },   /* French: a narrow space */
    { 12345678, ",", "\3\2", "1,23,45,678" },           /* Indian lakh and crore */
    { -1234567, ",", "\3", "-1,234,567" },
    { G_MININT64, ",", "\3", "-9,223,372,036,854,775,808" },
    { 1234567, "", "\3", "1234567" },                      /* the C locale */
    { 1234567, ",", "", "1234567" },
    { 1234567, NULL, NULL, "1234567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pd_text_group_digits (cases[i].value, cases[i].separator,
                                                    cases[i].grouping);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* CHAR_MAX: no more groups after the first. */
  {
    const char once[] = { 3, CHAR_MAX, 0 };
    g_autofree char *text = pd_text_group_digits (1234567, ",", once);

    g_assert_cmpstr (text, ==, "1234,567");
  }
}

/* Amounts with a fraction, as hours are, group the same way, with the
 * locale's decimal point. */
static void
test_group_number (void)
{
  g_autofree char *us = pd_text_group_number ("1234.5", ",", "\3", ".");
  g_autofree char *de = pd_text_group_number ("1234567.25", ".", "\3", ",");
  g_autofree char *whole = pd_text_group_number ("2024", ",", "\3", ".");
  g_autofree char *small = pd_text_group_number ("0.75", ",", "\3", ".");
  g_autofree char *c = pd_text_group_number ("1234.5", "", "", ".");

  g_assert_cmpstr (us, ==, "1,234.5");
  g_assert_cmpstr (de, ==, "1.234.567,25");
  g_assert_cmpstr (whole, ==, "2,024");
  g_assert_cmpstr (small, ==, "0.75");
  g_assert_cmpstr (c, ==, "1234.5");
}

/* The count the app shows follows the locale in force. */
static void
test_format_count_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const struct lconv *conv;
  g_autofree char *expected = NULL;
  g_autofree char *count = NULL;

  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    {
      g_autofree char *plain = NULL;

      /* Without it, the C locale groups nothing. */
      g_assert_nonnull (setlocale (LC_NUMERIC, "C"));
      plain = pd_text_format_count (3000);
      g_assert_cmpstr (plain, ==, "3000");
      setlocale (LC_NUMERIC, saved);
      g_test_skip ("en_US.UTF-8 is not installed");
      return;
    }
  count = pd_text_format_count (3000);
  g_assert_cmpstr (count, ==, "3,000");
  g_clear_pointer (&count, g_free);
  count = pd_text_format_count (2024);
  g_assert_cmpstr (count, ==, "2,024");
  conv = localeconv ();
  expected = pd_text_group_digits (1000000, conv->thousands_sep, conv->grouping);
  g_clear_pointer (&count, g_free);
  count = pd_text_format_count (1000000);
  g_assert_cmpstr (count, ==, expected);
  setlocale (LC_NUMERIC, saved);
}

/* One style for dates in every list. */
static void
test_date_format (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));
  g_autofree char *date = NULL;
  g_autofree char *with_time = NULL;
  g_autofree char *not_a_date = NULL;
  g_autofree char *none = NULL;

  g_assert_nonnull (setlocale (LC_TIME, "C"));
  date = pd_date_format ("2026-03-03");
  with_time = pd_date_format ("2026-03-03T18:30");
  not_a_date = pd_date_format ("soon");
  none = pd_date_format (NULL);
  setlocale (LC_TIME, saved);

  g_assert_cmpstr (date, ==, "Tue 3 Mar 2026");
  g_assert_cmpstr (with_time, ==, "Tue 3 Mar 2026");
  g_assert_cmpstr (not_a_date, ==, "soon");
  g_assert_cmpstr (none, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add_func ("/text/excerpt/long", test_excerpt_long);
  g_test_add_func ("/text/excerpt/short", test_excerpt_short);
  g_test_add_func ("/text/excerpt/unicode-and-controls", test_excerpt_unicode_and_controls);
  g_test_add_func ("/text/count/grouping", test_group_digits);
  g_test_add_func ("/text/count/locale", test_format_count_locale);
  g_test_add_func ("/text/count/fraction", test_group_number);
  g_test_add_func ("/text/date/list", test_date_format);

  return g_test_run ();
}
