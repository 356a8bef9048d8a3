/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pd-report.h"
#include "pd-report-chart.h"
#include "pd-text.h"

/* Visits and meeting attendance per month, as two bars a month, drawn
 * with GtkSnapshot. A period of one month is one pair of bars; over
 * several years the bars thin out and only every few months is named.
 * For a screen reader the chart is an image whose description gives the
 * figures. */

#define MIN_WIDTH 240
#define NATURAL_WIDTH 640
#define MIN_HEIGHT 200
#define NATURAL_HEIGHT 260
#define SWATCH_SIZE 12
#define GAP 6
#define N_GRIDLINES 4
/* The most months a description lists one by one; a longer period is
 * summed up. */
#define MAX_DESCRIBED_MONTHS 12

struct _PdReportChart
{
  GtkWidget parent_instance;

  /* Owned */
  GArray *months;           /* of PdReportMonth */
  guint label_every;        /* as last drawn: every how many months is named */
};

G_DEFINE_FINAL_TYPE (PdReportChart, pd_report_chart, GTK_TYPE_WIDGET)

/* Where things go, worked out from the size and the figures. */
typedef struct
{
  graphene_rect_t plot;     /* the bars' area, from the top gridline to the axis */
  double group_width;       /* one month's share of the plot's width */
  gint64 step;              /* between gridlines */
  gint64 top;               /* the value of the top gridline */
  guint label_every;
  int legend_height;
  int label_height;         /* the month names under the axis */
} Geometry;

static const guint label_steps[] = { 1, 2, 3, 4, 6, 12 };

/* "March 2026"; Spanish says "marzo de 2026". */
static const char *
month_and_year_format (void)
{
  /* Translators: a month of a year, "March 2026", as g_date_time_format()
   * takes it; %OB is the month's name standing alone. xgettext:no-c-format */
  return _("%OB %Y");
}

static char *
format_month (const PdReportMonth *month,
              const char          *format)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (month->year, month->month, 1, 0, 0, 0);

  return date ? g_date_time_format (date, format) : g_strdup ("");
}

static const PdReportMonth *
month_at (PdReportChart *self,
          guint          index)
{
  return &g_array_index (self->months, PdReportMonth, index);
}

static gboolean
spans_years (PdReportChart *self)
{
  return self->months->len > 0 &&
         month_at (self, 0)->year != month_at (self, self->months->len - 1)->year;
}

static gint64
max_value (PdReportChart *self)
{
  gint64 max = 0;

  for (guint i = 0; i < self->months->len; i++)
    max = MAX (max, MAX (month_at (self, i)->visits, month_at (self, i)->attendance));
  return max;
}

/* 1, 2 or 5 times a power of ten: gridlines at round numbers. */
static gint64
nice_step (gint64 max)
{
  double raw = (double) max / N_GRIDLINES;
  double magnitude;
  double residual;

  if (raw <= 1)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  residual = raw / magnitude;
  if (residual <= 1)
    return (gint64) magnitude;
  if (residual <= 2)
    return (gint64) (2 * magnitude);
  if (residual <= 5)
    return (gint64) (5 * magnitude);
  return (gint64) (10 * magnitude);
}

static void
layout_size (GtkWidget  *widget,
             const char *text,
             int        *width,
             int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_get_pixel_size (layout, width, height);
}

/* Whether month @index gets its name under the axis: every few months, on
 * the calendar's quarters or halves so the names fall on the same months
 * whatever the period. */
static gboolean
is_labelled (PdReportChart *self,
             guint          index,
             guint          every)
{
  const PdReportMonth *month = month_at (self, index);

  return ((guint) month->year * 12 + (guint) month->month - 1) % every == 0;
}

static void
compute_geometry (PdReportChart *self,
                  Geometry      *geometry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree char *top_text = NULL;
  int text_width, text_height;
  int label_width = 0;
  int axis_width;
  guint n = MAX (self->months->len, 1);

  layout_size (widget, "0", &text_width, &text_height);
  geometry->legend_height = MAX (text_height, SWATCH_SIZE) + 2 * GAP;
  geometry->label_height = (spans_years (self) ? 2 : 1) * text_height + GAP;

  geometry->step = nice_step (max_value (self));
  geometry->top = MAX ((max_value (self) + geometry->step - 1) / geometry->step, 1)
                  * geometry->step;
  top_text = pd_text_format_count (geometry->top);
  layout_size (widget, top_text, &axis_width, NULL);
  axis_width += GAP;

  geometry->plot = GRAPHENE_RECT_INIT (axis_width, geometry->legend_height + text_height / 2.0,
                                       MAX (width - axis_width - GAP, 1),
                                       MAX (height - geometry->legend_height - text_height / 2.0
                                            - geometry->label_height, 1));
  geometry->group_width = geometry->plot.size.width / n;

  /* Names far enough apart not to touch. */
  for (guint i = 0; i < self->months->len; i++)
    {
      g_autofree char *name = format_month (month_at (self, i), "%b");
      int name_width;

      layout_size (widget, name, &name_width, NULL);
      label_width = MAX (label_width, name_width + 2 * GAP);
    }
  geometry->label_every = 0;
  for (guint i = 0; i < G_N_ELEMENTS (label_steps); i++)
    if (geometry->group_width * label_steps[i] >= label_width)
      {
        geometry->label_every = label_steps[i];
        break;
      }
  if (geometry->label_every == 0)
    {
      /* Years only: "2025" is narrower than most month names. */
      int year_width;

      layout_size (widget, "0000", &year_width, NULL);
      year_width += 2 * GAP;
      geometry->label_every = 12 * (guint) MAX (ceil (year_width / (geometry->group_width * 12)),
                                                1);
    }
}

static void
append_text (GtkWidget     *widget,
             GtkSnapshot   *snapshot,
             const char    *text,
             double         x,
             double         y,
             double         xalign,
             const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (round (x - xalign * width), round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* The colours: the accent colour for visits and an orange that stands apart
 * from it for every kind of colour vision, each as style.css and
 * style-dark.css name them, or as Adwaita's defaults if they are not
 * loaded. */
static void
lookup_colors (PdReportChart *self,
               GdkRGBA       *foreground,
               GdkRGBA       *visits,
               GdkRGBA       *attendance)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_style_context_get_color (context, foreground);
  if (!gtk_style_context_lookup_color (context, "pd_chart_visits_color", visits) &&
      !gtk_style_context_lookup_color (context, "accent_bg_color", visits))
    gdk_rgba_parse (visits, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "pd_chart_attendance_color", attendance))
    gdk_rgba_parse (attendance, dark ? "#ffa348" : "#e66100");
}

static void
append_bar (GtkSnapshot   *snapshot,
            double         x,
            double         width,
            double         bottom,
            double         height,
            const GdkRGBA *color)
{
  graphene_rect_t bounds;
  GskRoundedRect rounded;
  float radius;

  if (height <= 0 || width <= 0)
    return;
  bounds = GRAPHENE_RECT_INIT (x, bottom - height, width, height);
  /* Rounded tops on bars wide enough to show them. */
  radius = (float) MIN (MIN (width / 4, height), 3);
  if (radius < 1)
    {
      gtk_snapshot_append_color (snapshot, color, &bounds);
      return;
    }
  gsk_rounded_rect_init (&rounded, &bounds,
                         &GRAPHENE_SIZE_INIT (radius, radius), &GRAPHENE_SIZE_INIT (radius, radius),
                         &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, &bounds);
  gtk_snapshot_pop (snapshot);
}

static double
append_legend_item (GtkWidget     *widget,
                    GtkSnapshot   *snapshot,
                    double         x,
                    double         height,
                    const char    *text,
                    const GdkRGBA *swatch,
                    const GdkRGBA *foreground)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  GskRoundedRect rounded;
  int text_width, text_height;

  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  gsk_rounded_rect_init_from_rect (&rounded,
                                   &GRAPHENE_RECT_INIT (x, (height - SWATCH_SIZE) / 2.0,
                                                        SWATCH_SIZE, SWATCH_SIZE),
                                   3);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, swatch, &rounded.bounds);
  gtk_snapshot_pop (snapshot);
  append_text (widget, snapshot, text, x + SWATCH_SIZE + GAP, (height - text_height) / 2.0, 0,
               foreground);
  return x + SWATCH_SIZE + GAP + text_width + 3 * GAP;
}

static void
pd_report_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  PdReportChart *self = PD_REPORT_CHART (widget);
  GdkRGBA foreground, visits, attendance, grid, dim;
  Geometry g;
  double bottom;
  double x;
  gboolean years;

  lookup_colors (self, &foreground, &visits, &attendance);
  grid = foreground;
  grid.alpha *= 0.15f;
  dim = foreground;
  dim.alpha *= 0.7f;
  compute_geometry (self, &g);
  self->label_every = g.label_every;
  bottom = g.plot.origin.y + g.plot.size.height;
  years = spans_years (self);

  x = g.plot.origin.x;
  x = append_legend_item (widget, snapshot, x, g.legend_height, _("Front-desk visits"), &visits,
                          &foreground);
  append_legend_item (widget, snapshot, x, g.legend_height, _("Meeting attendance"),
                      &attendance, &foreground);

  /* Gridlines at round numbers, labelled on the left. */
  for (gint64 value = 0; value <= g.top; value += g.step)
    {
      double y = round (bottom - g.plot.size.height * value / g.top);
      g_autofree char *text = pd_text_format_count (value);
      int text_height;

      layout_size (widget, text, NULL, &text_height);
      gtk_snapshot_append_color (snapshot, value == 0 ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (g.plot.origin.x, y, g.plot.size.width, 1));
      append_text (widget, snapshot, text, g.plot.origin.x - GAP, y - text_height / 2.0, 1,
                   &dim);
    }

  for (guint i = 0; i < self->months->len; i++)
    {
      const PdReportMonth *month = month_at (self, i);
      double left = g.plot.origin.x + i * g.group_width;
      double center = left + g.group_width / 2;
      /* A gap between months, down to a pixel over several years, and
       * bars no wider than reads as a bar. */
      double gap = g.group_width >= 8 ? g.group_width * 0.3 : g.group_width >= 3 ? 1 : 0;
      double bar = MIN ((g.group_width - gap) / 2, 32);

      append_bar (snapshot, center - bar, bar, bottom,
                  g.plot.size.height * month->visits / g.top, &visits);
      append_bar (snapshot, center, bar, bottom,
                  g.plot.size.height * month->attendance / g.top, &attendance);

      if (is_labelled (self, i, g.label_every))
        {
          g_autofree char *name = NULL;
          int text_height;

          if (g.label_every >= 12)
            name = format_month (month, "%Y");
          else
            name = format_month (month, "%b");
          layout_size (widget, name, NULL, &text_height);
          append_text (widget, snapshot, name, center, bottom + GAP / 2.0, 0.5, &dim);
          /* The year under January, and under the first month named. */
          if (years && g.label_every < 12 && (month->month == 1 || i < g.label_every))
            {
              g_autofree char *year = format_month (month, "%Y");

              append_text (widget, snapshot, year, center, bottom + GAP / 2.0 + text_height,
                           0.5, &dim);
            }
        }
    }

  if (max_value (self) == 0)
    {
      const char *text = self->months->len > 0 ? _("No visits or meetings in this period")
                                               : _("No months to show");

      append_text (widget, snapshot, text, g.plot.origin.x + g.plot.size.width / 2,
                   g.plot.origin.y + g.plot.size.height / 3, 0.5, &dim);
    }
}

static void
pd_report_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
}

static char *
dup_month_summary (const PdReportMonth *month)
{
  g_autofree char *name = format_month (month, month_and_year_format ());
  g_autofree char *visits = pd_text_format_count (month->visits);
  g_autofree char *attendance = pd_text_format_count (month->attendance);
  g_autofree char *visits_text = NULL;
  g_autofree char *attendance_text = NULL;

  visits_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s visit", "%s visits",
                                              (gulong) month->visits),
                                 visits);
  attendance_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s attendance at meetings",
                                                  "%s attendances at meetings",
                                                  (gulong) month->attendance),
                                     attendance);
  /* Translators: a month, then its visits and its meeting attendance */
  return g_strdup_printf (_("%s: %s, %s"), name, visits_text, attendance_text);
}

static gboolean
pd_report_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  PdReportChart *self = PD_REPORT_CHART (widget);
  g_autofree char *text = NULL;
  Geometry g;
  int index;

  if (keyboard_mode || self->months->len == 0)
    return FALSE;
  compute_geometry (self, &g);
  if (x < g.plot.origin.x || x >= g.plot.origin.x + g.plot.size.width)
    return FALSE;
  index = (int) ((x - g.plot.origin.x) / g.group_width);
  if (index < 0 || (guint) index >= self->months->len)
    return FALSE;
  text = dup_month_summary (month_at (self, (guint) index));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pd_report_chart_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pd_report_chart_parent_class)->css_changed (widget, change);
  /* The named colours may have changed with the style, light or dark. */
  gtk_widget_queue_draw (widget);
}

static void
update_description (PdReportChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 visits = 0, attendance = 0;
  const PdReportMonth *busiest = NULL;

  for (guint i = 0; i < self->months->len; i++)
    {
      const PdReportMonth *month = month_at (self, i);

      visits += month->visits;
      attendance += month->attendance;
      if (busiest == NULL || month->visits > busiest->visits)
        busiest = month;
    }

  if (self->months->len == 0)
    g_string_append (text, _("No months to show"));
  else if (self->months->len <= MAX_DESCRIBED_MONTHS)
    for (guint i = 0; i < self->months->len; i++)
      {
        g_autofree char *summary = dup_month_summary (month_at (self, i));

        g_string_append_printf (text, "%s%s.", i > 0 ? " " : "", summary);
      }
  else
    {
      g_autofree char *first = format_month (month_at (self, 0), month_and_year_format ());
      g_autofree char *last = format_month (month_at (self, self->months->len - 1),
                                            month_and_year_format ());
      g_autofree char *visits_text = pd_text_format_count (visits);
      g_autofree char *attendance_text = pd_text_format_count (attendance);
      g_autofree char *busiest_name = format_month (busiest, month_and_year_format ());
      g_autofree char *busiest_visits = pd_text_format_count (busiest->visits);

      /* Translators: the first and last months of a period, its visits, its meeting
       * attendance, then the month with the most visits and how many */
      g_string_append_printf (text, _("From %s to %s, %s visits and %s attendances at meetings "
                                      "in all. The most visits, %s, were in %s."),
                              first, last, visits_text, attendance_text, busiest_visits,
                              busiest_name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
pd_report_chart_finalize (GObject *object)
{
  PdReportChart *self = (PdReportChart *)object;

  g_clear_pointer (&self->months, g_array_unref);

  G_OBJECT_CLASS (pd_report_chart_parent_class)->finalize (object);
}

static void
pd_report_chart_class_init (PdReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_report_chart_finalize;
  widget_class->snapshot = pd_report_chart_snapshot;
  widget_class->measure = pd_report_chart_measure;
  widget_class->query_tooltip = pd_report_chart_query_tooltip;
  widget_class->css_changed = pd_report_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "reportchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pd_report_chart_init (PdReportChart *self)
{
  self->months = g_array_new (FALSE, TRUE, sizeof (PdReportMonth));
  self->label_every = 1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Front-desk visits and meeting attendance by month"), -1);
  update_description (self);
}

GtkWidget *
pd_report_chart_new (void)
{
  return g_object_new (PD_TYPE_REPORT_CHART, NULL);
}

/* Shows @months, an array of PdReportMonth as pd_report_months() gives,
 * which is copied. */
void
pd_report_chart_set_months (PdReportChart *self,
                            GArray        *months)
{
  g_return_if_fail (PD_IS_REPORT_CHART (self));
  g_return_if_fail (months != NULL);

  g_array_set_size (self->months, 0);
  g_array_append_vals (self->months, months->data, months->len);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
pd_report_chart_get_n_months (PdReportChart *self)
{
  g_return_val_if_fail (PD_IS_REPORT_CHART (self), 0);
  return self->months->len;
}

/* Every how many months a name stands under the axis, as last drawn: 1
 * when each month is named, 12 when only years are. */
guint
pd_report_chart_get_label_every (PdReportChart *self)
{
  g_return_val_if_fail (PD_IS_REPORT_CHART (self), 0);
  return self->label_every;
}
