/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/excerpt/long", test_excerpt_long);
  g_test_add_func ("/text/excerpt/short", test_excerpt_short);
  g_test_add_func ("/text/excerpt/unicode-and-controls", test_excerpt_unicode_and_controls);

  return g_test_run ();
}
