/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-report.h"

/* Keeping small counts out of the report, and whatever would give them
 * back. */

static gboolean
count_is_small (const PdReportCount *count,
                guint                threshold)
{
  return count->value >= 1 && count->value < threshold;
}

/* What someone can tell of a table's hidden cells: their sum (the total
 * less the cells shown) and that each is at least one, as zeros are shown.
 * With a single hidden cell that is its value; with several, each lies
 * between 1 and the sum less one for each of the others. A table is safe
 * when that range covers every small count, 1 to the threshold minus one. */
gboolean
pd_report_table_is_protected (const PdReportTable *table,
                              guint                threshold)
{
  gint64 hidden_sum = 0;
  guint n_hidden = 0;

  g_return_val_if_fail (table != NULL, FALSE);

  if (table->total->suppressed)
    return TRUE;
  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      if (cell->count.suppressed)
        {
          hidden_sum += cell->count.value;
          n_hidden++;
        }
    }
  if (n_hidden == 0)
    return TRUE;
  return n_hidden >= 2 && hidden_sum - (n_hidden - 1) >= (gint64) threshold - 1;
}

static PdReportCell *
smallest_shown_cell (PdReportTable *table)
{
  PdReportCell *smallest = NULL;

  for (guint i = 0; i < table->cells->len; i++)
    {
      PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      if (!cell->count.suppressed && cell->count.value > 0
          && (smallest == NULL || cell->count.value < smallest->count.value))
        smallest = cell;
    }
  return smallest;
}

static void
hide_every_cell (PdReportTable *table)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      if (cell->count.value > 0)
        cell->count.suppressed = TRUE;
    }
}

/* Counts of members and of what they did are suppressed from 1 to the
 * threshold less one (primary suppression). Then, table by table, the
 * smallest counts still shown are hidden too until no hidden count can be
 * worked out from the total (complementary suppression). Should even that
 * not do, the total goes, and with it every count of the tables that share
 * it, since any of them shown in full would give the total back. */
void
pd_report_suppress (PdReport *report)
{
  PdReportTable *tables[4 + PD_REPORT_N_DEMOGRAPHICS];
  PdReportCount *counts[] = {
    &report->served, &report->new_members, &report->left_out, &report->visits_total,
    &report->attendance_total, &report->unique_attendees,
  };
  guint n_tables = 0;
  guint t = report->threshold;

  g_return_if_fail (report != NULL);

  tables[n_tables++] = &report->visits_by_visitor;
  tables[n_tables++] = &report->visits_by_purpose;
  tables[n_tables++] = &report->attendance;
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    tables[n_tables++] = &report->demographics[i];

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    counts[i]->suppressed = count_is_small (counts[i], t);
  for (guint i = 0; i < n_tables; i++)
    for (guint j = 0; j < tables[i]->cells->len; j++)
      {
        PdReportCell *cell = &g_array_index (tables[i]->cells, PdReportCell, j);

        cell->count.suppressed = count_is_small (&cell->count, t);
      }

  for (guint i = 0; i < n_tables; i++)
    {
      PdReportTable *table = tables[i];

      while (!pd_report_table_is_protected (table, t))
        {
          PdReportCell *cell = smallest_shown_cell (table);

          if (cell != NULL)
            {
              cell->count.suppressed = TRUE;
              continue;
            }
          table->total->suppressed = TRUE;
          for (guint j = 0; j < n_tables; j++)
            if (tables[j]->total == table->total)
              hide_every_cell (tables[j]);
        }
    }

  /* The mean times the sessions held gives the attendance back. */
  report->mean_suppressed = report->attendance_total.suppressed;
}
