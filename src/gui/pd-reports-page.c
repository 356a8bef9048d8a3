/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-field-error.h"
#include "pd-preferences-window.h"
#include "pd-primary-menu.h"
#include "pd-report-async.h"
#include "pd-report-chart.h"
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
  GtkWidget parent_instance;

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
  GtkBox *figures_box;

  /* Owned */
  PdContext *context;
  PdPeriod period;            /* the period shown */
  gboolean period_valid;      /* FALSE while the custom dates are wrong */
  GCancellable *cancellable;  /* of the computation running, if any */
  PdReport *report;           /* counted by it, while the chart's months are */
  GCancellable *export_cancellable;
  char *export_path;
  GtkNativeDialog *chooser;
  GHashTable *expanded;       /* names of the expander rows left open */
  GArray *specs;              /* of Spec: the figures shown */
  GPtrArray *widgets;         /* the group or row of each spec */
  GPtrArray *value_labels;    /* the label of each spec's value, or NULL */
  guint changed_source;
  guint loading_source;
  gboolean has_figures;       /* of the period shown */
  gboolean refresh_pending;   /* the database changed during the count */
  gboolean busy;
  gboolean exporting;
  gboolean setting_kind;      /* while the toggle buttons follow the kind */
  gboolean setting_dates;     /* while the custom fields follow the period */
};

G_DEFINE_FINAL_TYPE (PdReportsPage, pd_reports_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_computation (PdReportsPage *self,
                               gboolean       new_period);

static PdDatabase *
database (PdReportsPage *self)
{
  return pd_context_get_database (self->context);
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

static char *
format_quarter_hours (gint64 quarter_hours)
{
  g_autofree char *plain = pd_report_format_hours (quarter_hours);
  g_autofree char *number = pd_text_format_number (plain);

  /* Translators: a number of hours */
  return g_strdup_printf (_("%s h"), number);
}

static char *
format_minutes (gint64 minutes)
{
  /* In hours to the hundredth, as the report gives them. */
  gint64 hundredths = (minutes * 100 + 30) / 60;
  g_autofree char *plain = NULL;
  g_autofree char *number = NULL;

  if (hundredths % 100 == 0)
    plain = g_strdup_printf ("%" PRId64, hundredths / 100);
  else if (hundredths % 10 == 0)
    plain = g_strdup_printf ("%" PRId64 ".%" PRId64, hundredths / 100,
                              hundredths % 100 / 10);
  else
    plain = g_strdup_printf ("%" PRId64 ".%02" PRId64, hundredths / 100,
                             hundredths % 100);
  number = pd_text_format_number (plain);
  return g_strdup_printf (_("%s h"), number);
}

/* The period */

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
      return format_with (start, "%OB %Y");
    case PD_PERIOD_QUARTER:
      first = format_with (start, "%OB");
      last = format_with (end, "%OB %Y");
      break;
    case PD_PERIOD_YEAR:
      return format_with (start, "%Y");
    case PD_PERIOD_CUSTOM:
    default:
      if (g_date_compare (start, end) == 0)
        return format_with (start, "%-d %B %Y");
      first = format_with (start, g_date_get_year (start) == g_date_get_year (end) ? "%-d %B"
                                                                                  : "%-d %B %Y");
      last = format_with (end, "%-d %B %Y");
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

  if (self->setting_kind || self->context == NULL || !gtk_toggle_button_get_active (button))
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
  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
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

/* Figures
 *
 * The figures are described first, as a list of specs (groups, rows and
 * expander rows, each with its value), then shown. When the database
 * changes the same rows come back with new values, which are set in
 * place: only a new purpose, activity or threshold rebuilds the rows. */

typedef enum
{
  SPEC_GROUP,
  SPEC_ROW,
  SPEC_EXPANDER,
} SpecKind;

typedef struct
{
  SpecKind kind;
  int parent;                 /* the index of its group or expander row; -1 for a group */
  char *name;                 /* how the row is found again, and by tests */
  char *title;
  char *subtitle;             /* a group's description */
  gboolean has_value;
  char *value;                /* NULL with has_value: suppressed */
} Spec;

static void
spec_clear (gpointer data)
{
  Spec *spec = data;

  g_free (spec->name);
  g_free (spec->title);
  g_free (spec->subtitle);
  g_free (spec->value);
}

static GArray *
specs_new (void)
{
  GArray *specs = g_array_new (FALSE, TRUE, sizeof (Spec));

  g_array_set_clear_func (specs, spec_clear);
  return specs;
}

static int
spec_add (GArray     *specs,
          SpecKind    kind,
          int         parent,
          const char *name,
          const char *title,
          const char *subtitle,
          gboolean    has_value,
          const char *value)
{
  Spec spec = { kind, parent, g_strdup (name), g_strdup (title), g_strdup (subtitle), has_value,
                g_strdup (value) };

  g_array_append_val (specs, spec);
  return (int) specs->len - 1;
}

static int
add_group (GArray     *specs,
           const char *title,
           const char *description)
{
  return spec_add (specs, SPEC_GROUP, -1, title, title, description, FALSE, NULL);
}

/* A figure: @value NULL shows it suppressed. */
static int
add_figure (GArray     *specs,
            int         parent,
            const char *name,
            const char *title,
            const char *subtitle,
            const char *value)
{
  return spec_add (specs, SPEC_ROW, parent, name, title, subtitle, TRUE, value);
}

static int
add_count (GArray              *specs,
           int                  parent,
           const char          *name,
           const char          *title,
           const char          *subtitle,
           const PdReportCount *count)
{
  g_autofree char *value = count->suppressed ? NULL : pd_text_format_count (count->value);

  return add_figure (specs, parent, name, title, subtitle, value);
}

static int
add_number (GArray     *specs,
            int         parent,
            const char *name,
            const char *title,
            const char *subtitle,
            gint64      number)
{
  g_autofree char *value = pd_text_format_count (number);

  return add_figure (specs, parent, name, title, subtitle, value);
}

static void
add_table (GArray              *specs,
           int                  parent,
           const char          *prefix,
           const PdReportTable *table)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      const PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);
      g_autofree char *name = g_strconcat (prefix, ":", cell->code, NULL);

      add_count (specs, parent, name, cell->label, NULL, &cell->count);
    }
}

/* A figure and its breakdown by @amounts, folded away until asked for; a
 * plain row when there is nothing to break down. */
static void
add_amounts (GArray     *specs,
             int         parent,
             const char *name,
             const char *title,
             const char *value,
             GArray     *amounts,
             gboolean    hours)
{
  int expander;

  if (amounts->len == 0)
    {
      add_figure (specs, parent, name, title, NULL, value);
      return;
    }
  expander = spec_add (specs, SPEC_EXPANDER, parent, name, title, NULL, TRUE, value);
  for (guint i = 0; i < amounts->len; i++)
    {
      const PdReportAmount *amount = &g_array_index (amounts, PdReportAmount, i);
      g_autofree char *row_name = g_strconcat (name, ":", amount->code, NULL);
      g_autofree char *row_value = hours ? format_quarter_hours (amount->value)
                                         : pd_text_format_count (amount->value);

      add_figure (specs, expander, row_name, amount->label, NULL, row_value);
    }
}

static GArray *
describe_report (const PdReport *report)
{
  static const char *const demographic_names[] = {
    "age-band", "gender", "race", "ethnicity", "veteran", "housing", "justice",
  };
  GArray *specs = specs_new ();
  g_autofree char *hours = format_quarter_hours (report->volunteer_quarter_hours);
  g_autofree char *supervision = format_minutes (report->supervision_minutes);
  g_autofree char *training = format_quarter_hours (report->training_quarter_hours);
  g_autofree char *sessions = pd_text_format_count (report->sessions_held);
  g_autofree char *mean = NULL;
  g_autofree char *expiring = NULL;
  int group;

  G_STATIC_ASSERT (G_N_ELEMENTS (demographic_names) == PD_REPORT_N_DEMOGRAPHICS);

  group = add_group (specs, _("Participants"), NULL);
  add_count (specs, group, "served", _("Participants served"),
             _("Members who visited or came to a meeting, each counted once"), &report->served);
  add_count (specs, group, "new-members", _("New members"), _("Joined in the period"),
             &report->new_members);
  add_count (specs, group, "left-out", _("Left out without consent"),
             _("Members who came but have not agreed to be counted"), &report->left_out);

  group = add_group (specs, _("Visits"), _("Check-ins at the front desk"));
  add_count (specs, group, "visits-total", _("All visits"), NULL, &report->visits_total);
  add_table (specs, group, "by-visitor", &report->visits_by_visitor);
  if (report->visits_by_purpose.cells->len > 0)
    add_table (specs, spec_add (specs, SPEC_EXPANDER, group, "by-purpose", _("By purpose"), NULL,
                                FALSE, NULL),
               "by-purpose", &report->visits_by_purpose);

  group = add_group (specs, _("Meetings"), _("Sessions held, not those cancelled"));
  add_amounts (specs, group, "sessions", _("Sessions held"), sessions, report->sessions_by_kind,
               FALSE);
  add_count (specs, group, "attendance-total", _("Attendance"),
             _("Named attendance and anonymous headcount"), &report->attendance_total);
  add_table (specs, group, "attendance", &report->attendance);
  add_count (specs, group, "unique-attendees", _("Unique attendees"),
             _("Members at one meeting or more, each counted once"), &report->unique_attendees);
  if (!report->mean_suppressed)
    mean = g_strdup_printf ("%.1f", report->mean_per_session);
  add_figure (specs, group, "mean-per-session", _("Mean attendance per session"), NULL, mean);

  group = add_group (specs, _("Volunteers"), NULL);
  add_number (specs, group, "volunteers-active", _("Volunteers active"),
              _("Volunteers who logged hours"), report->volunteers_active);
  add_amounts (specs, group, "hours", _("Hours given"), hours, report->hours_by_activity, TRUE);
  add_figure (specs, group, "supervision", _("Supervision"), NULL, supervision);

  group = add_group (specs, _("Training"), NULL);
  add_number (specs, group, "trainings-completed", _("Trainings completed"), NULL,
              report->trainings_completed);
  add_amounts (specs, group, "training-hours", _("Training hours"), training,
               report->training_by_domain, TRUE);

  group = add_group (specs, _("Credentials"), _("Held on the last day of the period"));
  add_number (specs, group, "credentials-active", _("Active"), NULL, report->credentials_active);
  expiring = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expiring within %u day",
                                           "Expiring within %u days",
                                           report->renewal_window_days),
                              report->renewal_window_days);
  add_number (specs, group, "credentials-expiring", expiring, NULL, report->credentials_expiring);
  add_number (specs, group, "credentials-expired", _("Expired"), NULL,
              report->credentials_expired);

  group = add_group (specs, _("Demographics"),
                     _("Of the participants served: each table adds up to them"));
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    add_table (specs, spec_add (specs, SPEC_EXPANDER, group, demographic_names[i],
                                report->demographics[i].title, NULL, FALSE, NULL),
               demographic_names[i], &report->demographics[i]);
  return specs;
}

/* Whether @a and @b are the same rows, whatever their values. */
static gboolean
specs_same_rows (GArray *a,
                 GArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const Spec *x = &g_array_index (a, Spec, i);
      const Spec *y = &g_array_index (b, Spec, i);

      if (x->kind != y->kind || x->parent != y->parent || x->has_value != y->has_value ||
          g_strcmp0 (x->name, y->name) != 0 || g_strcmp0 (x->title, y->title) != 0 ||
          g_strcmp0 (x->subtitle, y->subtitle) != 0)
        return FALSE;
    }
  return TRUE;
}

/* What the row shows of its figure, and what a screen reader says. */
static void
set_figure_value (GtkWidget  *row,
                  GtkWidget  *label,
                  const char *title,
                  const char *value)
{
  g_autofree char *accessible = NULL;

  if (value == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), _("Suppressed"));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, _("Hidden to protect privacy: see the note at the top"));
      /* Translators: a figure of the report, hidden because it is small */
      accessible = g_strdup_printf (_("%s: suppressed to protect privacy"), title);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), value);
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, NULL);
      /* Translators: a figure of the report, then its value */
      accessible = g_strdup_printf (_("%s: %s"), title, value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static GtkWidget *
value_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "figure");
  return label;
}

static GtkWidget *
create_widget (PdReportsPage *self,
               const Spec    *spec,
               GtkWidget    **value_label)
{
  GtkWidget *widget;

  *value_label = spec->has_value ? value_label_new () : NULL;
  switch (spec->kind)
    {
    case SPEC_GROUP:
      widget = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), spec->title);
      if (spec->subtitle != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget), spec->subtitle);
      return widget;

    case SPEC_EXPANDER:
      widget = adw_expander_row_new ();
      if (spec->subtitle != NULL)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (widget), spec->subtitle);
      if (*value_label != NULL)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (widget), *value_label);
      /* It opens as it was before the figures were counted again. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget),
                                     g_hash_table_contains (self->expanded, spec->name));
      break;

    case SPEC_ROW:
    default:
      widget = adw_action_row_new ();
      if (spec->subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), spec->subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), *value_label);
      break;
    }

  gtk_widget_set_name (widget, spec->name);
  /* Purposes and activities are the centre's own words, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), spec->title);
  if (*value_label != NULL)
    set_figure_value (widget, *value_label, spec->title, spec->value);
  return widget;
}

static void
remember_expanded (PdReportsPage *self)
{
  for (guint i = 0; self->widgets != NULL && i < self->widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->widgets, i);

      if (!ADW_IS_EXPANDER_ROW (widget))
        continue;
      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (widget)))
        g_hash_table_add (self->expanded, g_strdup (gtk_widget_get_name (widget)));
      else
        g_hash_table_remove (self->expanded, gtk_widget_get_name (widget));
    }
}

static void
build_figures (PdReportsPage *self,
               GArray        *specs)
{
  GtkWidget *child;

  remember_expanded (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_box_remove (self->figures_box, child);
  g_ptr_array_set_size (self->widgets, 0);
  g_ptr_array_set_size (self->value_labels, 0);

  for (guint i = 0; i < specs->len; i++)
    {
      const Spec *spec = &g_array_index (specs, Spec, i);
      GtkWidget *label;
      GtkWidget *widget = create_widget (self, spec, &label);

      g_ptr_array_add (self->widgets, widget);
      g_ptr_array_add (self->value_labels, label);
      if (spec->parent < 0)
        gtk_box_append (self->figures_box, widget);
      else
        {
          GtkWidget *parent = g_ptr_array_index (self->widgets, spec->parent);

          if (ADW_IS_EXPANDER_ROW (parent))
            adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), widget);
          else
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), widget);
        }
    }
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
  g_autoptr(GArray) specs = describe_report (report);

  show_legend (self, report);
  if (!specs_same_rows (self->specs, specs))
    build_figures (self, specs);
  else
    for (guint i = 0; i < specs->len; i++)
      {
        const Spec *spec = &g_array_index (specs, Spec, i);
        GtkWidget *label = g_ptr_array_index (self->value_labels, i);

        if (label != NULL)
          set_figure_value (g_ptr_array_index (self->widgets, i), label, spec->title,
                            spec->value);
      }
  g_clear_pointer (&self->specs, g_array_unref);
  self->specs = g_steal_pointer (&specs);
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
  GtkWidget *preferences = pd_preferences_window_new (parent_window (self), self->context);

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

  dialog = adw_message_dialog_new (parent_window (self), _("Name Your Organisation First"),
                                   _("A report for funders starts with the name of the "
                                     "organisation that sends it. Type it in Preferences, under "
                                     "Reports, then export again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "settings", _("_Open Preferences"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "settings",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "settings");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_organisation_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
show_export_error (PdReportsPage *self,
                   const char    *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self),
                                              _("Could Not Export the Report"), NULL);

  /* The body is markup in libadwaita 1.2 only when asked for. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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
  /* Borrowed from the template's widgets, which go now. */
  g_ptr_array_set_size (self->widgets, 0);
  g_ptr_array_set_size (self->value_labels, 0);
  g_clear_pointer (&self->specs, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (pd_reports_page_parent_class)->dispose (object);
}

static void
pd_reports_page_finalize (GObject *object)
{
  PdReportsPage *self = (PdReportsPage *)object;

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->specs, g_array_unref);
  g_clear_pointer (&self->widgets, g_ptr_array_unref);
  g_clear_pointer (&self->value_labels, g_ptr_array_unref);
  g_clear_pointer (&self->export_path, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_reports_page_parent_class)->finalize (object);
}

static void
pd_reports_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdReportsPage *self = PD_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_reports_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdReportsPage *self = PD_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_reports_page_class_init (PdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_reports_page_constructed;
  object_class->dispose = pd_reports_page_dispose;
  object_class->finalize = pd_reports_page_finalize;
  object_class->get_property = pd_reports_page_get_property;
  object_class->set_property = pd_reports_page_set_property;
  widget_class->map = pd_reports_page_map;
  widget_class->unmap = pd_reports_page_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * PdReportsPage:busy:
   *
   * Whether the figures are being counted.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_REPORT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-reports-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
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
  gtk_widget_class_install_action (widget_class, "reports.settings", NULL, settings_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_reports_page_init (PdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_primary_menu_extend (GTK_WIDGET (self), PD_TYPE_REPORTS_PAGE);
  pd_accessible_fix_names (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->widgets = g_ptr_array_new ();
  self->value_labels = g_ptr_array_new ();
  /* What people come in for is what funders ask first. */
  g_hash_table_add (self->expanded, g_strdup ("by-purpose"));
  set_default_period (self);
  update_period_widgets (self);
}

GtkWidget *
pd_reports_page_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_REPORTS_PAGE, "context", context, NULL);
}

/* Shows the figures of @period. */
void
pd_reports_page_set_period (PdReportsPage  *self,
                            const PdPeriod *period)
{
  g_return_if_fail (PD_IS_REPORTS_PAGE (self));
  g_return_if_fail (period != NULL && g_date_valid (&period->first) &&
                    g_date_valid (&period->last));

  self->period = *period;
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
