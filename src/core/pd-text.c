/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "pd-text.h"

/* A key for sorting and comparing names that ignores case and accents, so
 * that "Émile" sorts beside "Emile" whatever the locale of the machine. */
char *
pd_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* A key for telling whether two labels are the same to a person: case
 * ignored, accents kept (Jose and José are two names), whatever the
 * Unicode form they were typed in. */
char *
pd_text_fold_case (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFC);

  return g_utf8_casefold (normalized ? normalized : "", -1);
}

char *
pd_text_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

gboolean
pd_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* What an error message may show of a value a person typed or a file held:
 * its first PD_TEXT_EXCERPT_CHARS characters, with "…" when there is more,
 * control characters as spaces and invalid UTF-8 made valid. A message
 * names where a value is wrong without repeating a whole note, which may be
 * confidential, to a terminal or a log. */
char *
pd_text_excerpt (const char *text,
                 gssize      len)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  guint n = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, len);
  out = g_string_new (NULL);
  for (p = valid; *p != '\0' && n < PD_TEXT_EXCERPT_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
parse_number (const char *text,
              gsize       len,
              int        *out)
{
  int value = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Accepts YYYY-MM-DD, YYYY-MM (day left 0) and YYYY (month and day left
 * 0), and nothing looser: a date that could be read two ways is worse than
 * one that is refused. */
gboolean
pd_date_parse_partial (const char *text,
                       int        *year,
                       int        *month,
                       int        *day)
{
  gsize len;
  int y, m = 0, d = 0;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len != 4 && len != 7 && len != 10)
    return FALSE;
  if (!parse_number (text, 4, &y) || y < 1800)
    return FALSE;
  if (len >= 7 && (text[4] != '-' || !parse_number (text + 5, 2, &m) || m < 1 || m > 12))
    return FALSE;
  if (len == 10 && (text[7] != '-' || !parse_number (text + 8, 2, &d) ||
                    !g_date_valid_dmy (d, m, y)))
    return FALSE;

  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

gboolean
pd_date_parse (const char *text,
               GDate      *date)
{
  int y, m, d;

  if (!pd_date_parse_partial (text, &y, &m, &d) || d == 0)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Called for every date checked, so it avoids GDateTime, whose local time
 * zone lookup goes to the file system each time. */
char *
pd_date_today (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  return pd_date_to_iso (&today);
}

/* The one way a day is written in the records, the reports and the files
 * Peerdesk exchanges: ISO 8601, "2026-03-03". */
void
pd_date_write_iso (const GDate *date,
                   char         buffer[PD_DATE_ISO_SIZE])
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_snprintf (buffer, PD_DATE_ISO_SIZE, "%04u-%02u-%02u",
              (guint) g_date_get_year (date) % 10000, (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
}

char *
pd_date_to_iso (const GDate *date)
{
  char buffer[PD_DATE_ISO_SIZE];

  pd_date_write_iso (date, buffer);
  return g_strdup (buffer);
}

char *
pd_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* @value's digits in groups, as "1,234,567": @separator between groups,
 * @grouping as in struct lconv (each byte a group's size from the right,
 * the last one repeated; CHAR_MAX or a size of zero ends the grouping). */
char *
pd_text_group_digits (gint64      value,
                      const char *separator,
                      const char *grouping)
{
  /* Built from the unsigned magnitude: -G_MININT64 does not exist. */
  guint64 magnitude = value < 0 ? (guint64) -(value + 1) + 1 : (guint64) value;
  g_autofree char *digits = g_strdup_printf ("%" PRIu64, magnitude);
  gsize len = strlen (digits);
  gsize cuts[32];
  guint n_cuts = 0;
  gsize at = 0;
  GString *text;

  /* Where the separators go, counted from the right. */
  for (const char *g = grouping; separator != NULL && *separator != '\0' && g != NULL &&
                                 *g != '\0' && n_cuts < G_N_ELEMENTS (cuts);)
    {
      guchar size = (guchar) *g;

      if (size == 0 || size == CHAR_MAX || at + size >= len)
        break;
      at += size;
      cuts[n_cuts++] = at;
      if (g[1] != '\0')
        g++;
    }

  text = g_string_sized_new (len + 1 + n_cuts * (separator ? strlen (separator) : 0));
  if (value < 0)
    g_string_append_c (text, '-');
  for (gsize i = 0; i < len; i++)
    {
      if (n_cuts > 0 && len - i == cuts[n_cuts - 1])
        {
          g_string_append (text, separator);
          n_cuts--;
        }
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* A number written the C way ("1234.5", as amounts of hours are) with
 * @separator between groups of its whole part and @point for the decimal
 * point: "1,234.5", or "1.234,5" in Germany. */
char *
pd_text_group_number (const char *plain,
                      const char *separator,
                      const char *grouping,
                      const char *point)
{
  const char *dot;
  gint64 whole;
  g_autofree char *grouped = NULL;

  g_return_val_if_fail (plain != NULL, NULL);

  dot = strchr (plain, '.');
  whole = g_ascii_strtoll (plain, NULL, 10);
  grouped = pd_text_group_digits (whole, separator, grouping);
  if (whole == 0 && plain[0] == '-')
    {
      g_free (grouped);
      grouped = g_strdup ("-0");
    }
  if (dot == NULL)
    return g_steal_pointer (&grouped);
  return g_strconcat (grouped, point && *point ? point : ".", dot + 1, NULL);
}

/* A count as people read numbers where they are: "3,000" in the United
 * States, "3.000" in Germany, "3 000" in France, as the C library's
 * LC_NUMERIC says. Every count the app shows goes through here. */
char *
pd_text_format_count (gint64 value)
{
  const struct lconv *conv = localeconv ();

  return pd_text_group_digits (value, conv->thousands_sep, conv->grouping);
}

/* A date as every list shows it, "Tue 3 Mar 2026": the weekday matters
 * to people who meet weekly, and the year keeps old rows from being taken
 * for this year's. @iso is YYYY-MM-DD, with anything after it (a time)
 * left out; text that is not a date is shown as it is. */
char *
pd_date_format (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;
  GDate parsed;

  if (iso == NULL)
    return g_strdup ("");
  day = g_strndup (iso, 10);
  if (!pd_date_parse (day, &parsed))
    return g_strdup (iso);
  /* UTC: only the calendar day counts, and it skips a time zone lookup. */
  date = g_date_time_new_utc (g_date_get_year (&parsed), g_date_get_month (&parsed),
                              g_date_get_day (&parsed), 0, 0, 0);
  /* Translators: a date in a list, as g_date_time_format() takes it; keep
   * the weekday, day, month and year. xgettext:no-c-format */
  return g_date_time_format (date, _("%a %-d %b %Y"));
}

/* pd_text_group_number() in the C library's LC_NUMERIC. */
char *
pd_text_format_number (const char *plain)
{
  const struct lconv *conv = localeconv ();

  return pd_text_group_number (plain, conv->thousands_sep, conv->grouping, conv->decimal_point);
}
