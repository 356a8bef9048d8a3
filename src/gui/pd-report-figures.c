/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-report-figures.h"
#include "pd-text.h"

struct _PdReportFigures
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkBox *box;

  /* Owned */
  GHashTable *expanded;       /* names of the expander rows left open */
  GArray *specs;              /* of Spec: the figures shown */
  GPtrArray *widgets;         /* the group or row of each spec, borrowed */
  GPtrArray *value_labels;    /* the label of each spec's value, or NULL, borrowed */
};

G_DEFINE_FINAL_TYPE (PdReportFigures, pd_report_figures, GTK_TYPE_WIDGET)

/* The figures of a report, in groups of rows as Preferences shows
 * settings, with breakdowns in expander rows.
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
      g_autofree char *row_value = hours ? pd_report_dup_hours_text (amount->value)
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
  g_autofree char *hours = pd_report_dup_hours_text (report->volunteer_quarter_hours);
  g_autofree char *supervision = pd_report_dup_minutes_text (report->supervision_minutes);
  g_autofree char *training = pd_report_dup_hours_text (report->training_quarter_hours);
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
create_widget (PdReportFigures *self,
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
remember_expanded (PdReportFigures *self)
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
build_figures (PdReportFigures *self,
               GArray        *specs)
{
  GtkWidget *child;

  remember_expanded (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
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
        gtk_box_append (self->box, widget);
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
/* Shows the figures of @report. The rows stay when only the values
 * change, so that the one a person reads does not move. */
void
pd_report_figures_set_report (PdReportFigures *self,
                              const PdReport  *report)
{
  g_autoptr(GArray) specs = NULL;

  g_return_if_fail (PD_IS_REPORT_FIGURES (self));
  g_return_if_fail (report != NULL);

  specs = describe_report (report);
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

GtkWidget *
pd_report_figures_new (void)
{
  return g_object_new (PD_TYPE_REPORT_FIGURES, NULL);
}

static void
pd_report_figures_dispose (GObject *object)
{
  PdReportFigures *self = (PdReportFigures *)object;

  /* Borrowed from the template's widgets, which go now. */
  g_ptr_array_set_size (self->widgets, 0);
  g_ptr_array_set_size (self->value_labels, 0);
  g_clear_pointer (&self->specs, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_REPORT_FIGURES);

  G_OBJECT_CLASS (pd_report_figures_parent_class)->dispose (object);
}

static void
pd_report_figures_finalize (GObject *object)
{
  PdReportFigures *self = (PdReportFigures *)object;

  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->widgets, g_ptr_array_unref);
  g_clear_pointer (&self->value_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_report_figures_parent_class)->finalize (object);
}

static void
pd_report_figures_class_init (PdReportFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_report_figures_dispose;
  object_class->finalize = pd_report_figures_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-report-figures.ui");
  gtk_widget_class_bind_template_child (widget_class, PdReportFigures, box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_report_figures_init (PdReportFigures *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->widgets = g_ptr_array_new ();
  self->value_labels = g_ptr_array_new ();
  /* What people come in for is what funders ask first. */
  g_hash_table_add (self->expanded, g_strdup ("by-purpose"));
}
