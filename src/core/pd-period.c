/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-error.h"
#include "pd-period.h"
#include "pd-text.h"

/* A period goes from the Reports page or the command line to the queries
 * and the XML writer as days, never as text: each end is written out once,
 * by pd_date_to_iso(), where text is needed. */

G_DEFINE_BOXED_TYPE (PdPeriod, pd_period, pd_period_copy, pd_period_free)

guint
pd_period_kind_get_months (PdPeriodKind kind)
{
  switch (kind)
    {
    case PD_PERIOD_MONTH:
      return 1;
    case PD_PERIOD_QUARTER:
      return 3;
    case PD_PERIOD_YEAR:
      return 12;
    case PD_PERIOD_CUSTOM:
    default:
      return 0;
    }
}

/* Makes the period the month, quarter or year that holds its first day. */
static void
snap (PdPeriod *period)
{
  GDate *first = &period->first;

  switch (period->kind)
    {
    case PD_PERIOD_MONTH:
      g_date_set_day (first, 1);
      break;
    case PD_PERIOD_QUARTER:
      g_date_set_dmy (first, 1, (GDateMonth) ((g_date_get_month (first) - 1) / 3 * 3 + 1),
                      g_date_get_year (first));
      break;
    case PD_PERIOD_YEAR:
      g_date_set_dmy (first, 1, G_DATE_JANUARY, g_date_get_year (first));
      break;
    case PD_PERIOD_CUSTOM:
    default:
      return;
    }
  period->last = *first;
  g_date_add_months (&period->last, pd_period_kind_get_months (period->kind));
  g_date_subtract_days (&period->last, 1);
}

/* A month, quarter or year is the one that holds @first, and @last may be
 * NULL; a custom period goes from @first to @last. */
void
pd_period_init (PdPeriod     *period,
                PdPeriodKind  kind,
                const GDate  *first,
                const GDate  *last)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (first != NULL && g_date_valid (first));
  g_return_if_fail (kind != PD_PERIOD_CUSTOM || (last != NULL && g_date_valid (last)));

  period->kind = kind;
  period->first = *first;
  if (kind == PD_PERIOD_CUSTOM)
    period->last = *last;
  else
    snap (period);
}

PdPeriod *
pd_period_new (PdPeriodKind  kind,
               const GDate  *first,
               const GDate  *last)
{
  PdPeriod *period = g_new0 (PdPeriod, 1);

  g_date_clear (&period->first, 1);
  g_date_clear (&period->last, 1);
  pd_period_init (period, kind, first, last);
  return period;
}

/* A custom period from two days written YYYY-MM-DD, as typed: an error
 * says which of them is wrong. */
PdPeriod *
pd_period_new_from_iso (const char  *first,
                        const char  *last,
                        GError     **error)
{
  GDate start, end;

  if (first == NULL || !pd_date_parse (first, &start))
    {
      g_autofree char *excerpt = pd_text_excerpt (first, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The start of the period, “%s”, is not a date (YYYY-MM-DD)"), excerpt);
      return NULL;
    }
  if (last == NULL || !pd_date_parse (last, &end))
    {
      g_autofree char *excerpt = pd_text_excerpt (last, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The end of the period, “%s”, is not a date (YYYY-MM-DD)"), excerpt);
      return NULL;
    }
  if (g_date_compare (&start, &end) > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The period ends (%s) before it starts (%s)"), last, first);
      return NULL;
    }
  return pd_period_new (PD_PERIOD_CUSTOM, &start, &end);
}

PdPeriod *
pd_period_copy (const PdPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  return g_memdup2 (period, sizeof *period);
}

void
pd_period_free (PdPeriod *period)
{
  g_free (period);
}

gboolean
pd_period_equal (const PdPeriod *a,
                 const PdPeriod *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->kind == b->kind && g_date_compare (&a->first, &b->first) == 0 &&
         g_date_compare (&a->last, &b->last) == 0;
}

/* To the month, quarter or year after (@direction > 0) or before; a custom
 * period stays as it is. */
void
pd_period_step (PdPeriod *period,
                int       direction)
{
  guint months;

  g_return_if_fail (period != NULL);

  months = pd_period_kind_get_months (period->kind);
  if (months == 0)
    return;
  if (direction > 0)
    g_date_add_months (&period->first, months);
  else
    g_date_subtract_months (&period->first, months);
  snap (period);
}
