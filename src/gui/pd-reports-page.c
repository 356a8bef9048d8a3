/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-error.h"
#include "pd-failure-dialog.h"
#include "pd-field-error.h"
#include "pd-message-dialog.h"
#include "pd-preferences-window.h"
#include "pd-primary-menu.h"
#include "pd-print-documents.h"
#include "pd-print-operation.h"
#include "pd-report-async.h"
#include "pd-report-chart.h"
#include "pd-report-figures.h"
#include "pd-report.h"
#include "pd-reports-page.h"
#include "pd-text.h"
#include "pd-toast.h"

/* Reports: the director's view. The figures of the funder report for a
 * month, a quarter, a year or any period, a chart of visits and attendance
 * by month, and the export of the report as XML.
 *
 * The figures of a long period take seconds on a large database, so the
 * core counts them in a thread. A computation that a newer one makes stale
 * is cancelled, which stops its query at once. */

/* A change at the front desk comes with others: the figures are counted
 * again once they stop. */
#define CHANGED_DELAY_MS 300
/* A computation that ends sooner leaves the figures of the previous period
 * in place rather than flash a spinner. */
#define LOADING_DELAY_MS 200
/* The organisation's name, for figures shown on screen only: the report
 * itself is refused without the real one. */
#define SCREEN_ORGANISATION "-"

struct _PdReportsPage
{
  PdPage parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkSpinner *spinner;
  GtkWidget *export_button;
  GtkToggleButton *month_button;
  GtkToggleButton *quarter_button;
  GtkToggleButton *year_button;
  GtkToggleButton *custom_button;
  GtkWidget *previous_button;
  GtkWidget *next_button;
  GtkLabel *period_label;
  GtkWidget *custom_list;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  GtkWidget *organisation_list;
  GtkStack *content_stack;
  GtkSpinner *loading_spinner;
  AdwStatusPage *error_page;
  GtkLabel *legend_label;
  PdReportChart *chart;
  PdReportFigures *figures_box;

  /* Owned */
  PdPeriod period;            /* the period shown */
  gboolean period_valid;      /* FALSE while the custom dates are wrong */
  GCancellable *cancellable;  /* of the computation running, if any */
  PdReport *report;           /* counted by it, while the chart's months are */
  GCancellable *export_cancellable;
  char *export_path;
  GtkNativeDialog *chooser;
  guint changed_source;
  guint loading_source;
  gboolean has_figures;       /* of the period shown */
  gboolean refresh_pending;   /* the database changed during the count */
  gboolean busy;
  gboolean exporting;
  gboolean setting_kind;      /* while the toggle buttons follow the kind */
  gboolean setting_dates;     /* while the custom fields follow the period */
};

G_DEFINE_FINAL_TYPE (PdReportsPage, pd_reports_page, PD_TYPE_PAGE)

static void start_computation (PdReportsPage *self,
                               gboolean       new_period);

static PdDatabase *
database (PdReportsPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

static GtkWindow *
parent_window (PdReportsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}


static char *
format_with (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  return g_date_time_format (time, format);
}

/* The period */

/* The formats of the period's heading follow the language: Spanish says
 * "marzo de 2026" and "3 de marzo". */
static const char *
month_and_year_format (void)
{
  /* Translators: a month of a year, "March 2026", as g_date_time_format()
   * takes it; %OB is the month's name standing alone. xgettext:no-c-format */
  return _("%OB %Y");
}

static const char *
day_of_this_year_format (void)
{
  /* Translators: a day this year, "12 March", see g_date_time_format().
   * xgettext:no-c-format */
  return _("%-d %B");
}

static const char *
day_of_another_year_format (void)
{
  /* Translators: a day of another year, "12 March 2024", see g_date_time_format().
   * xgettext:no-c-format */
  return _("%-d %B %Y");
}

/* "March 2026", "January to March 2026", "2026", "3 March to 17 April 2026". */
static char *
dup_period_label (PdReportsPage *self)
{
  const GDate *start = &self->period.first;
  const GDate *end = &self->period.last;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (!self->period_valid)
    return g_strdup (_("Choose the first and last day"));

  switch (self->period.kind)
    {
    case PD_PERIOD_MONTH:
      return format_with (start, month_and_year_format ());
    case PD_PERIOD_QUARTER:
      first = format_with (start, "%OB");
      last = format_with (end, month_and_year_format ());
      break;
    case PD_PERIOD_YEAR:
      return format_with (start, "%Y");
    case PD_PERIOD_CUSTOM:
    default:
      if (g_date_compare (start, end) == 0)
        return format_with (start, day_of_another_year_format ());
      first = format_with (start, g_date_get_year (start) == g_date_get_year (end)
                                  ? day_of_this_year_format ()
                                  : day_of_another_year_format ());
      last = format_with (end, day_of_another_year_format ());
      break;
    }
  /* Translators: the first and the last day or month of a period */
  return g_strdup_printf (_("%s to %s"), first, last);
}

/* peerdesk-report-2026-03-01-to-2026-03-31.xml */
static char *
dup_suggested_name (PdReportsPage *self)
{
  g_autofree char *start = pd_date_to_iso (&self->period.first);
  g_autofree char *end = pd_date_to_iso (&self->period.last);

  return g_strdup_printf ("peerdesk-report-%s-to-%s.xml", start, end);
}

static gboolean
next_is_future (PdReportsPage *self)
{
  g_autofree char *today_text = pd_date_today ();
  GDate today;
  GDate next = self->period.first;

  if (!pd_date_parse (today_text, &today))
    return FALSE;
  g_date_add_months (&next, pd_period_kind_get_months (self->period.kind));
  return g_date_compare (&next, &today) > 0;
}

static void
update_period_widgets (PdReportsPage *self)
{
  static const char *const previous_labels[] = {
    N_("Previous Month"), N_("Previous Quarter"), N_("Previous Year"), NULL
  };
  static const char *const next_labels[] = {
    N_("Next Month"), N_("Next Quarter"), N_("Next Year"), NULL
  };
  static const char *const previous_tooltips[] = {
    N_("Previous Month (Alt+←)"), N_("Previous Quarter (Alt+←)"), N_("Previous Year (Alt+←)"),
    NULL
  };
  static const char *const next_tooltips[] = {
    N_("Next Month (Alt+→)"), N_("Next Quarter (Alt+→)"), N_("Next Year (Alt+→)"), NULL
  };
  gboolean custom = self->period.kind == PD_PERIOD_CUSTOM;
  g_autofree char *label = dup_period_label (self);

  gtk_label_set_text (self->period_label, label);
  gtk_widget_set_visible (self->custom_list, custom);
  gtk_widget_set_visible (self->previous_button, !custom);
  gtk_widget_set_visible (self->next_button, !custom);
  if (!custom)
    {
      const char *previous = _(previous_labels[self->period.kind]);
      const char *next = _(next_labels[self->period.kind]);

      gtk_widget_set_tooltip_text (self->previous_button,
                                   _(previous_tooltips[self->period.kind]));
      gtk_widget_set_tooltip_text (self->next_button, _(next_tooltips[self->period.kind]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
    }
  /* Figures of a period yet to come would all be nothing. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next",
                                 !custom && !next_is_future (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous",
                                 !custom && g_date_get_year (&self->period.first) > 1900);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export",
                                 self->period_valid && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", self->period_valid);
}

static void
set_custom_text (PdReportsPage *self)
{
  g_autofree char *start = pd_date_to_iso (&self->period.first);
  g_autofree char *end = pd_date_to_iso (&self->period.last);

  self->setting_dates = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), end);
  self->setting_dates = FALSE;
  pd_field_error_show (GTK_WIDGET (self->from_row), _("First Day (YYYY-MM-DD)"), NULL);
  pd_field_error_show (GTK_WIDGET (self->to_row), _("Last Day (YYYY-MM-DD)"), NULL);
}

static void
period_changed (PdReportsPage *self)
{
  self->has_figures = FALSE;
  update_period_widgets (self);
  start_computation (self, TRUE);
}

/* The toggle buttons follow the kind of period shown. */
static void
show_kind (PdReportsPage *self)
{
  GtkToggleButton *buttons[] = { self->month_button, self->quarter_button, self->year_button,
                                 self->custom_button };
  PdPeriodKind kind = self->period.kind;

  self->setting_kind = TRUE;
  gtk_toggle_button_set_active (buttons[kind], TRUE);
  self->setting_kind = FALSE;
}

/* The last complete month: a month's report is made once it is over. */
static void
set_default_period (PdReportsPage *self)
{
  g_autofree char *today = pd_date_today ();
  GDate day;

  g_date_clear (&day, 1);
  if (!pd_date_parse (today, &day))
    g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2000);
  g_date_set_day (&day, 1);
  g_date_subtract_months (&day, 1);
  pd_period_init (&self->period, PD_PERIOD_MONTH, &day, NULL);
  self->period_valid = TRUE;
}

static void
on_kind_toggled_cb (PdReportsPage   *self,
                    GtkToggleButton *button)
{
  GtkToggleButton *buttons[] = { self->month_button, self->quarter_button, self->year_button,
                                 self->custom_button };

  if (self->setting_kind || pd_page_get_context (PD_PAGE (self)) == NULL ||
      !gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i] == button)
      self->period.kind = (PdPeriodKind) i;

  if (self->period.kind == PD_PERIOD_CUSTOM)
    {
      /* Starts from the period shown, to be changed a day at a time. */
      if (self->period_valid)
        set_custom_text (self);
    }
  else
    {
      /* Back from wrong custom dates, the month or quarter of the last
       * good ones. */
      self->period_valid = TRUE;
      pd_period_init (&self->period, self->period.kind, &self->period.first, NULL);
    }
  period_changed (self);
}

static void
step_period (PdReportsPage *self,
             int            direction)
{
  if (self->period.kind == PD_PERIOD_CUSTOM || !self->period_valid)
    return;
  pd_period_step (&self->period, direction);
  period_changed (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step_period (PD_REPORTS_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_period (PD_REPORTS_PAGE (widget), 1);
}

/* "2025-02-30" is written right, but is no day. */
static gboolean
looks_like_date (const char *text)
{
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* A date field: its error is shown once the date is typed in full, or on
 * Enter, not while it is still being typed. */
static gboolean
check_date_row (AdwEntryRow *row,
                const char  *title,
                gboolean     finished,
                GDate       *date)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (pd_date_parse (stripped, date))
    {
      pd_field_error_show (GTK_WIDGET (row), title, NULL);
      return TRUE;
    }
  if (finished || strlen (stripped) >= 10)
    pd_field_error_show (GTK_WIDGET (row), title,
                         stripped[0] == '\0' ? _("a date is needed")
                         : looks_like_date (stripped) ? _("there is no such day")
                                                      : _("type it as YYYY-MM-DD"));
  else
    pd_field_error_show (GTK_WIDGET (row), title, NULL);
  return FALSE;
}

static void
read_custom_dates (PdReportsPage *self,
                   gboolean       finished)
{
  const char *from_title = _("First Day (YYYY-MM-DD)");
  const char *to_title = _("Last Day (YYYY-MM-DD)");
  GDate start, end;
  gboolean from_ok = check_date_row (self->from_row, from_title, finished, &start);
  gboolean to_ok = check_date_row (self->to_row, to_title, finished, &end);
  gboolean valid = from_ok && to_ok;
  gboolean same;

  if (valid && g_date_compare (&start, &end) > 0)
    {
      pd_field_error_show (GTK_WIDGET (self->to_row), to_title,
                           _("before the first day"));
      valid = FALSE;
    }

  same = valid && self->period_valid && g_date_compare (&start, &self->period.first) == 0 &&
         g_date_compare (&end, &self->period.last) == 0;
  if (same)
    return;
  if (valid)
    {
      self->period.first = start;
      self->period.last = end;
    }
  if (valid || self->period_valid)
    {
      self->period_valid = valid;
      period_changed (self);
    }
}

static void
on_custom_changed_cb (PdReportsPage *self,
                      AdwEntryRow   *row)
{
  if (self->period.kind == PD_PERIOD_CUSTOM && !self->setting_dates)
    read_custom_dates (self, FALSE);
}

static void
on_custom_activated_cb (PdReportsPage *self,
                        AdwEntryRow   *row)
{
  if (self->period.kind == PD_PERIOD_CUSTOM)
    read_custom_dates (self, TRUE);
}

/* Computing in a thread */

static void
set_busy (PdReportsPage *self,
          gboolean       busy)
{
  gboolean spinning = busy || self->exporting;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), spinning);
  gtk_spinner_set_spinning (self->spinner, spinning);
  if (!busy)
    g_clear_handle_id (&self->loading_source, g_source_remove);
  self->busy = busy;
}

static gboolean
show_loading_cb (gpointer user_data)
{
  PdReportsPage *self = user_data;

  self->loading_source = 0;
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  return G_SOURCE_REMOVE;
}

static void
update_organisation_warning (PdReportsPage *self)
{
  g_auto(PdReportSettings) settings = { NULL };

  gtk_widget_set_visible (self->organisation_list,
                          pd_report_settings_load (database (self), &settings, NULL) &&
                          pd_text_is_blank (settings.organisation));
}

static void
show_legend (PdReportsPage  *self,
             const PdReport *report)
{
  g_autofree char *text = NULL;
  guint largest = report->threshold - 1;

  if (largest == 1)
    text = g_strdup (_("Counts of 1 are hidden, and some others so that hidden counts cannot be "
                       "worked out from the totals. Members who have not agreed to be counted "
                       "are left out of every figure."));
  else
    text = g_strdup_printf (_("Counts from 1 to %u are hidden, and some others so that hidden "
                              "counts cannot be worked out from the totals. Members who have not "
                              "agreed to be counted are left out of every figure."),
                            largest);
  gtk_label_set_text (self->legend_label, text);
}

static void
show_report (PdReportsPage  *self,
             const PdReport *report)
{
  show_legend (self, report);
  pd_report_figures_set_report (self->figures_box, report);
}
static void
show_error (PdReportsPage *self,
            const char    *icon_name,
            const char    *title,
            const char    *message)
{
  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

/* Shows the figures of the computation that ended, or why it failed. */
static void
computation_done (PdReportsPage *self,
                  GArray        *months,
                  const GError  *error)
{
  g_autoptr(PdReport) report = g_steal_pointer (&self->report);

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);

  if (error != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      self->has_figures = FALSE;
      show_error (self, "dialog-error-symbolic", _("The Figures Could Not Be Counted"), escaped);
    }
  else
    {
      show_report (self, report);
      pd_report_chart_set_months (self->chart, months);
      self->has_figures = TRUE;
      gtk_stack_set_visible_child_name (self->content_stack, "figures");
    }

  if (self->refresh_pending)
    start_computation (self, FALSE);
  else
    set_busy (self, FALSE);
}

static void
on_months_counted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = pd_report_months_finish (PD_DATABASE (object), result, &error);

  /* Only the latest computation is shown: the others were cancelled. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  computation_done (self, months, error);
}

static void
on_report_built_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PdReport *report = pd_report_build_finish (PD_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      computation_done (self, NULL, error);
      return;
    }
  /* The chart's months once the figures are counted, on the same
   * connection rather than a second one at the same time. */
  self->report = report;
  pd_report_months_async (PD_DATABASE (object), &report->period, self->cancellable,
                          on_months_counted_cb, g_object_ref (self));
}

static void
cancel_computation (PdReportsPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, pd_report_free);
}

/* Counts the figures of the period shown. A @new_period has figures of
 * another one on screen until then. */
static void
start_computation (PdReportsPage *self,
                   gboolean       new_period)
{
  PdReportOptions options = {
    .period = &self->period,
    .organisation = SCREEN_ORGANISATION,
    .renewal_window_days = -1,
  };

  g_clear_handle_id (&self->changed_source, g_source_remove);
  self->refresh_pending = FALSE;
  cancel_computation (self);
  /* A hidden section counts when it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      set_busy (self, FALSE);
      return;
    }
  update_organisation_warning (self);

  if (!self->period_valid)
    {
      set_busy (self, FALSE);
      self->has_figures = FALSE;
      show_error (self, "x-office-calendar-symbolic", _("Check the Dates"),
                  _("Type the first and the last day of the period, as YYYY-MM-DD"));
      return;
    }

  self->cancellable = g_cancellable_new ();
  pd_report_build_async (database (self), &options, self->cancellable, on_report_built_cb,
                         g_object_ref (self));

  set_busy (self, TRUE);
  if ((new_period || !self->has_figures) && self->loading_source == 0)
    self->loading_source = g_timeout_add (LOADING_DELAY_MS, show_loading_cb, self);
}

/* The same period counted again. A count already running goes on, and
 * another follows it: a desk that changes the database more often than a
 * long period takes to count still sees figures. */
static void
refresh (PdReportsPage *self)
{
  if (self->cancellable != NULL)
    self->refresh_pending = TRUE;
  else
    start_computation (self, FALSE);
}

static gboolean
changed_cb (gpointer user_data)
{
  PdReportsPage *self = user_data;

  self->changed_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Counted again when shown: a hidden section does no work. */
static void
queue_computation (PdReportsPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->changed_source == 0)
    self->changed_source = g_timeout_add (CHANGED_DELAY_MS, changed_cb, self);
  set_busy (self, TRUE);
}

static void
on_database_changed_cb (PdReportsPage *self,
                        const char    *table,
                        PdDatabase    *db)
{
  queue_computation (self);
}

/* Export */

static void
open_settings (PdReportsPage *self)
{
  GtkWidget *preferences = pd_preferences_window_new (parent_window (self),
                                                      pd_page_get_context (PD_PAGE (self)));

  gtk_window_present (GTK_WINDOW (preferences));
  pd_preferences_window_show_report_settings (PD_PREFERENCES_WINDOW (preferences));
}

static void
settings_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_settings (PD_REPORTS_PAGE (widget));
}

static void
on_organisation_response_cb (PdReportsPage    *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "settings") == 0)
    open_settings (self);
}

/* The report cannot be made without the organisation's name. */
static gboolean
check_organisation (PdReportsPage *self)
{
  g_auto(PdReportSettings) settings = { NULL };
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (!pd_report_settings_load (database (self), &settings, &error))
    {
      pd_toast_show (self->toast_overlay, error->message);
      return FALSE;
    }
  if (!pd_text_is_blank (settings.organisation))
    return TRUE;

  dialog = pd_message_dialog_new (parent_window (self), "pd-organisation-dialog.ui");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_organisation_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
show_export_error (PdReportsPage *self,
                   const char    *message)
{
  g_autoptr(GError) error = g_error_new_literal (PD_ERROR, PD_ERROR_FAILED, message);

  gtk_window_present (GTK_WINDOW (pd_failure_dialog_new (parent_window (self),
                                                         _("Could Not Export the Report"),
                                                         error)));
}

static void
set_exporting (PdReportsPage *self,
               gboolean       exporting)
{
  self->exporting = exporting;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export",
                                 self->period_valid && !exporting);
  set_busy (self, self->busy);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PdReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled as the page went. */
  if (!pd_report_export_finish (PD_DATABASE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->export_cancellable);
  set_exporting (self, FALSE);

  if (error != NULL)
    {
      show_export_error (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (self->export_path);
    g_autofree char *dir = g_path_get_dirname (self->export_path);
    g_autofree char *dir_name = g_filename_display_basename (dir);
    /* Translators: the name of the file written, then its folder */
    g_autofree char *message = g_strdup_printf (_("Report saved as “%s” in %s"), name, dir_name);

    pd_toast_show (self->toast_overlay, message);
  }
}

static void
on_chooser_response_cb (PdReportsPage  *self,
                        int             response,
                        GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file != NULL)
    pd_reports_page_export_to_file (self, file);
}

/* The figures of the period shown, on paper for a board meeting: counted
 * again as printed, so that the copy is the report as it stands. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdReportsPage *self = PD_REPORTS_PAGE (widget);
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->period_valid || !check_organisation (self))
    return;
  doc = pd_print_report_figures (database (self), &self->period, &error);
  if (doc == NULL)
    {
      pd_toast_show (self->toast_overlay, error->message);
      return;
    }
  pd_print_document (widget, doc);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdReportsPage *self = PD_REPORTS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkFileChooserNative *chooser;

  if (!self->period_valid || self->exporting || self->chooser != NULL ||
      !check_organisation (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Export Report"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("XML files"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  name = dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* GObject */

static void
pd_reports_page_map (GtkWidget *widget)
{
  PdReportsPage *self = PD_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (pd_reports_page_parent_class)->map (widget);

  /* Shown again: the figures are counted afresh. */
  refresh (self);
}

static void
pd_reports_page_unmap (GtkWidget *widget)
{
  PdReportsPage *self = PD_REPORTS_PAGE (widget);

  /* Another section is shown: a long count would only keep a core busy.
   * It starts again when this one is shown. */
  g_clear_handle_id (&self->changed_source, g_source_remove);
  self->refresh_pending = FALSE;
  if (self->cancellable != NULL)
    {
      cancel_computation (self);
      self->has_figures = FALSE;
    }
  set_busy (self, FALSE);

  GTK_WIDGET_CLASS (pd_reports_page_parent_class)->unmap (widget);
}

static void
pd_reports_page_constructed (GObject *object)
{
  PdReportsPage *self = (PdReportsPage *)object;
  G_OBJECT_CLASS (pd_reports_page_parent_class)->constructed (object);

  /* The report settings, the renewal window among them, are in the
   * database: a change in Preferences comes as one of its changes. */
  g_signal_connect_object (database (self), "changed", G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_organisation_warning (self);
}

static void
pd_reports_page_dispose (GObject *object)
{
  PdReportsPage *self = (PdReportsPage *)object;

  cancel_computation (self);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  g_clear_handle_id (&self->loading_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (pd_reports_page_parent_class)->dispose (object);
}

static void
pd_reports_page_finalize (GObject *object)
{
  PdReportsPage *self = (PdReportsPage *)object;

  g_clear_pointer (&self->export_path, g_free);

  G_OBJECT_CLASS (pd_reports_page_parent_class)->finalize (object);
}

static void
pd_reports_page_class_init (PdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_reports_page_constructed;
  object_class->dispose = pd_reports_page_dispose;
  object_class->finalize = pd_reports_page_finalize;
  widget_class->map = pd_reports_page_map;
  widget_class->unmap = pd_reports_page_unmap;

  g_type_ensure (PD_TYPE_REPORT_CHART);
  g_type_ensure (PD_TYPE_REPORT_FIGURES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-reports-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  /* For tests, which look for Print… in it. */
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, quarter_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, year_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, custom_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, custom_list);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, organisation_list);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, PdReportsPage, figures_box);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "organisation_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "kind_box", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_activated_cb);

  gtk_widget_class_install_action (widget_class, "reports.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "reports.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "reports.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "reports.settings", NULL, settings_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_reports_page_init (PdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_primary_menu_extend (GTK_WIDGET (self), PD_TYPE_REPORTS_PAGE);
  pd_accessible_fix_names (GTK_WIDGET (self));
  set_default_period (self);
  update_period_widgets (self);
}

GtkWidget *
pd_reports_page_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_REPORTS_PAGE, "context", context, NULL);
}

/* Shows the figures of @period, which the page copies. */
void
pd_reports_page_set_period (PdReportsPage  *self,
                            const PdPeriod *period)
{
  g_return_if_fail (PD_IS_REPORTS_PAGE (self));
  g_return_if_fail (period != NULL && g_date_valid (&period->first) &&
                    g_date_valid (&period->last));

  /* A month, quarter or year is the whole of one. */
  pd_period_init (&self->period, period->kind, &period->first, &period->last);
  self->period_valid = TRUE;
  show_kind (self);
  if (period->kind == PD_PERIOD_CUSTOM)
    set_custom_text (self);
  period_changed (self);
}

/* The period shown, or NULL while the custom dates are wrong. */
const PdPeriod *
pd_reports_page_get_period (PdReportsPage *self)
{
  g_return_val_if_fail (PD_IS_REPORTS_PAGE (self), NULL);

  return self->period_valid ? &self->period : NULL;
}

gboolean
pd_reports_page_get_busy (PdReportsPage *self)
{
  g_return_val_if_fail (PD_IS_REPORTS_PAGE (self), FALSE);
  return self->busy || self->exporting;
}

/* Writes the report of the period shown to @file, a local file, in a
 * thread; says so in a toast, or why not in a dialog. Without the
 * organisation's name nothing is written, and a dialog offers to set it. */
void
pd_reports_page_export_to_file (PdReportsPage *self,
                                GFile         *file)
{
  PdReportOptions options = { .period = &self->period, .renewal_window_days = -1 };
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_REPORTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!self->period_valid || self->exporting || !check_organisation (self))
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_export_error (self, _("The report can only be saved in a folder of this computer. "
                                 "Choose another folder."));
      return;
    }

  self->export_cancellable = g_cancellable_new ();
  g_free (self->export_path);
  self->export_path = g_steal_pointer (&path);
  set_exporting (self, TRUE);
  pd_report_export_async (database (self), &options, self->export_path, self->export_cancellable,
                          on_exported_cb, g_object_ref (self));
}
