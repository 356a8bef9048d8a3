/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-print-documents.h"
#include "pd-report.h"
#include "pd-staff.h"
#include "pd-text.h"

/* The funder report's figures on a page or two, for a board meeting: the
 * report the XML export writes, from the same PdReport, and with its small
 * counts suppressed as they are there and on the Reports page. Headline
 * figures are fields; breakdowns are tables of two figures a row, which
 * keeps a year of a busy centre to two pages. */

/* A suppressed count prints as the Reports page shows it. */
static char *
format_count (const PdReportCount *count)
{
  return count->suppressed ? g_strdup (_("Suppressed")) : pd_text_format_count (count->value);
}

static void
add_count (PdPrintDoc          *doc,
           const char          *label,
           const PdReportCount *count)
{
  g_autofree char *value = format_count (count);

  pd_print_doc_add_field (doc, label, value);
}

static void
add_number (PdPrintDoc *doc,
            const char *label,
            gint64      number)
{
  g_autofree char *value = pd_text_format_count (number);

  pd_print_doc_add_field (doc, label, value);
}

/* Figures two a row, left to right: labels and values alternate. */
static void
add_pairs (PdPrintDoc *doc,
           const char *what,
           const char *unit,
           GPtrArray  *labels,
           GPtrArray  *values)
{
  const PdPrintColumn columns[] = {
    { what, 4, FALSE, FALSE },
    { unit, 1.4, TRUE, FALSE },
    { what, 4, FALSE, FALSE },
    { unit, 1.4, TRUE, FALSE },
  };

  g_assert (labels->len == values->len);

  if (labels->len == 0)
    return;
  pd_print_doc_begin_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < labels->len; i += 2)
    {
      gboolean second = i + 1 < labels->len;
      const char *cells[] = {
        g_ptr_array_index (labels, i), g_ptr_array_index (values, i),
        second ? g_ptr_array_index (labels, i + 1) : NULL,
        second ? g_ptr_array_index (values, i + 1) : NULL,
      };

      pd_print_doc_add_row (doc, cells);
    }
}

static void
add_table (PdPrintDoc          *doc,
           const char          *what,
           const char          *unit,
           const PdReportTable *table)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      g_ptr_array_add (labels, cell->label);
      g_ptr_array_add (values, format_count (&cell->count));
    }
  add_pairs (doc, what, unit, labels, values);
}

static void
add_amounts (PdPrintDoc *doc,
             const char *what,
             const char *unit,
             GArray     *amounts,
             gboolean    hours)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < amounts->len; i++)
    {
      const PdReportAmount *amount = &g_array_index (amounts, PdReportAmount, i);

      g_ptr_array_add (labels, amount->label);
      g_ptr_array_add (values, hours ? pd_report_dup_hours_text (amount->value)
                                     : pd_text_format_count (amount->value));
    }
  add_pairs (doc, what, unit, labels, values);
}

/* A table's cells on one line, wrapped as it needs: "Woman: 573 ·
 * Man: 909 · …". The seven demographic tables take a third of the room
 * they would as tables, which keeps the figures to two pages. */
static void
add_line (PdPrintDoc          *doc,
          const PdReportTable *table)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);
      g_autofree char *value = format_count (&cell->count);
      /* Translators: a figure of the report, then its value */
      g_autofree char *figure = g_strdup_printf (_("%s: %s"), cell->label, value);

      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, figure);
    }
  pd_print_doc_add_field (doc, table->title, line->str);
}

static void
add_header (PdPrintDoc     *doc,
            const PdReport *report)
{
  g_autofree char *first_iso = pd_date_to_iso (&report->period.first);
  g_autofree char *last_iso = pd_date_to_iso (&report->period.last);
  g_autofree char *first = pd_date_format (first_iso);
  g_autofree char *last = pd_date_format (last_iso);
  g_autofree char *made = pd_date_format (report->generated_at);
  g_autofree char *period = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *suppression = NULL;

  /* Translators: the first and the last day of a report's period */
  period = g_strdup_printf (_("%s to %s"), first, last);
  pd_print_doc_add_field (doc, _("Organisation"), report->organisation);
  if (!pd_text_is_blank (report->site_id))
    pd_print_doc_add_field (doc, _("Site"), report->site_id);
  if (!pd_text_is_blank (report->grant_id))
    pd_print_doc_add_field (doc, _("Grant"), report->grant_id);
  pd_print_doc_add_field (doc, _("Period"), period);
  pd_print_doc_add_field (doc, _("Made on"), made);

  suppression = g_strdup_printf (_("To protect privacy, counts of people from 1 to %u are "
                                   "suppressed, and so is any count from which one of them "
                                   "could be worked out: these show as “Suppressed”. Members "
                                   "who have not agreed to be counted are left out of every "
                                   "figure."),
                                 report->threshold - 1);
  pd_print_doc_add_paragraph (doc, suppression);

  /* Translators: at the foot of each page of the printed report: the
   * organisation, the report's period, and the day it was made */
  footer = g_strdup_printf (_("%s · report figures for %s · made on %s"), report->organisation,
                            period, made);
  pd_print_doc_set_footer (doc, footer);
}

static void
add_figures (PdPrintDoc     *doc,
             const PdReport *report)
{
  g_autofree char *hours = pd_report_dup_hours_text (report->volunteer_quarter_hours);
  g_autofree char *supervision = pd_report_dup_minutes_text (report->supervision_minutes);
  g_autofree char *training = pd_report_dup_hours_text (report->training_quarter_hours);
  g_autofree char *mean = NULL;
  g_autofree char *expiring = NULL;

  pd_print_doc_add_heading (doc, _("Participants"));
  add_count (doc, _("Participants served"), &report->served);
  add_count (doc, _("New members"), &report->new_members);
  add_count (doc, _("Left out without consent"), &report->left_out);

  pd_print_doc_add_heading (doc, _("Visits"));
  add_count (doc, _("All visits"), &report->visits_total);
  for (guint i = 0; i < report->visits_by_visitor.cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (report->visits_by_visitor.cells, PdReportCell, i);

      add_count (doc, cell->label, &cell->count);
    }
  add_table (doc, _("Purpose"), _("Visits"), &report->visits_by_purpose);

  pd_print_doc_add_heading (doc, _("Meetings"));
  add_number (doc, _("Sessions held"), report->sessions_held);
  add_count (doc, _("Attendance"), &report->attendance_total);
  for (guint i = 0; i < report->attendance.cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (report->attendance.cells, PdReportCell, i);

      add_count (doc, cell->label, &cell->count);
    }
  add_count (doc, _("Unique attendees"), &report->unique_attendees);
  mean = report->mean_suppressed ? g_strdup (_("Suppressed"))
                                 : g_strdup_printf ("%.1f", report->mean_per_session);
  pd_print_doc_add_field (doc, _("Mean attendance per session"), mean);
  add_amounts (doc, _("Kind of group"), _("Sessions"), report->sessions_by_kind, FALSE);

  pd_print_doc_add_heading (doc, _("Volunteers, Training and Credentials"));
  add_number (doc, _("Volunteers active"), report->volunteers_active);
  pd_print_doc_add_field (doc, _("Hours given"), hours);
  pd_print_doc_add_field (doc, _("Supervision"), supervision);
  add_number (doc, _("Trainings completed"), report->trainings_completed);
  pd_print_doc_add_field (doc, _("Training hours"), training);
  /* On the last day of the period, as the report counts them. */
  add_number (doc, _("Credentials held"), report->credentials_active);
  expiring = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Credentials expiring within %u day",
                                           "Credentials expiring within %u days",
                                           report->renewal_window_days),
                              report->renewal_window_days);
  add_number (doc, expiring, report->credentials_expiring);
  add_number (doc, _("Credentials expired"), report->credentials_expired);
  add_amounts (doc, _("Activity"), _("Hours"), report->hours_by_activity, TRUE);
  add_amounts (doc, _("Training domain"), _("Hours"), report->training_by_domain, TRUE);

  pd_print_doc_add_heading (doc, _("Demographics of Participants Served"));
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    add_line (doc, &report->demographics[i]);
}

PdPrintDoc *
pd_print_report_figures (PdDatabase      *db,
                         const PdPeriod  *period,
                         GError         **error)
{
  PdReportOptions options = { .period = period, .renewal_window_days = -1 };
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  /* The report itself asks for the right and makes the one audit entry. */
  report = pd_report_new_printed (db, &options, error);
  if (report == NULL)
    return NULL;

  doc = pd_print_doc_new (_("Report Figures"));
  add_header (doc, report);
  add_figures (doc, report);
  return g_steal_pointer (&doc);
}
