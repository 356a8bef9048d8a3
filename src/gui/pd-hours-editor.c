/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-hours-editor.h"
#include "pd-text.h"
#include "pd-volunteers.h"

/* Logging hours: a week of shifts in one form. A coordinator copies them
 * from a paper timesheet, so the form opens with one row for each day of
 * this week, named by its weekday, and the rows left without hours are
 * skipped; the previous week (last week's timesheet, handed in late) is a
 * click or Alt+Left away. The days of the week are set by the week shown,
 * so Tab goes through the hours, the activity and who approved them: three
 * stops a row. The rows are
 * saved together with pd_hours_add_many(), all or nothing: a timesheet
 * half saved would be entered twice when the mistake is fixed. */

typedef struct
{
  GtkWidget *day;                /* the weekday, as a label */
  GtkWidget *date;
  GtkWidget *activity;
  GtkWidget *hours;
  GtkWidget *approved;
  GtkWidget *error_label;
  char *error;
  gboolean touched;
} Row;

struct _PdHoursEditor
{
  PdFormWindow parent_instance;

  /* Template widgets */
  GtkGrid *rows_grid;
  GtkLabel *total_label;
  GtkLabel *week_label;

  /* Owned */
  gint64 volunteer_id;
  GPtrArray *rows;               /* Row */
  GtkStringList *activities;
  guint default_activity;
  GDate monday;                  /* the first day of the week shown */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (PdHoursEditor, pd_hours_editor, PD_TYPE_FORM_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->error);
  g_free (row);
}

static PdDatabase *
database (PdHoursEditor *self)
{
  return pd_form_window_get_database (PD_FORM_WINDOW (self));
}

static void
toast (PdHoursEditor *self,
       const char    *message)
{
  pd_form_window_toast (PD_FORM_WINDOW (self), message);
}

static char *
dup_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static gboolean
row_is_empty (Row *row)
{
  g_autofree char *hours = dup_text (row->hours);
  g_autofree char *approved = dup_text (row->approved);

  return hours[0] == '\0' && approved[0] == '\0';
}

/* The row as a record, or NULL and the error that is to be shown on it. */
static PdHours *
read_row (PdHoursEditor  *self,
          Row            *row,
          GError        **error)
{
  g_autoptr(PdHours) hours = g_new0 (PdHours, 1);
  g_autofree char *hours_text = dup_text (row->hours);
  g_autoptr(GError) local_error = NULL;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->activity));
  const char *activity = NULL;

  if (selected != GTK_INVALID_LIST_POSITION)
    activity = gtk_string_list_get_string (self->activities, selected);

  hours->volunteer_id = self->volunteer_id;
  hours->date = dup_text (row->date);
  hours->activity = g_strdup (activity ? activity : "");
  hours->approved_by = dup_text (row->approved);

  if (hours_text[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("hours: they are missing"));
      return NULL;
    }
  if (!pd_hours_parse (hours_text, &hours->quarter_hours, &local_error))
    {
      /* Translators: the field "hours", then what is wrong with it */
      g_set_error (error, local_error->domain, local_error->code, _("hours: %s"),
                   local_error->message);
      return NULL;
    }
  if (!pd_hours_validate (hours, error))
    return NULL;
  return g_steal_pointer (&hours);
}

static void
show_row_error (PdHoursEditor *self,
                guint          index,
                const char    *message)
{
  Row *row = g_ptr_array_index (self->rows, index);
  GtkWidget *cells[] = { row->date, row->hours, row->approved };

  g_clear_pointer (&row->error, g_free);
  if (message != NULL)
    /* Translators: a row of the hours form, then what is wrong in it, as
     * "Row 3, date: 2026-11-28 is in the future" */
    row->error = g_strdup_printf (_("Row %u, %s"), index + 1, message);

  gtk_label_set_text (GTK_LABEL (row->error_label), row->error ? row->error : "");
  gtk_widget_set_visible (row->error_label, row->error != NULL);

  /* The core's messages name their field first, as "date: …". */
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      gboolean blamed = FALSE;

      if (message != NULL)
        {
          if (cells[i] == row->date)
            blamed = g_str_has_prefix (message, _("date"));
          else if (cells[i] == row->approved)
            blamed = g_str_has_prefix (message, _("approved by"));
          else
            blamed = !g_str_has_prefix (message, _("date")) &&
                     !g_str_has_prefix (message, _("approved by"));
        }
      if (blamed)
        gtk_widget_add_css_class (cells[i], "error");
      else
        gtk_widget_remove_css_class (cells[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (cells[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                   blamed ? GTK_ACCESSIBLE_INVALID_TRUE
                                          : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cells[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      blamed ? row->error : "", -1);
    }
}

/* Checks one row; returns whether it can be saved (an empty row can: it
 * is skipped). */
static gboolean
check_row (PdHoursEditor *self,
           guint          index,
           gboolean       show)
{
  Row *row = g_ptr_array_index (self->rows, index);
  g_autoptr(PdHours) hours = NULL;
  g_autoptr(GError) error = NULL;

  if (row_is_empty (row))
    {
      show_row_error (self, index, NULL);
      return TRUE;
    }
  hours = read_row (self, row, &error);
  if (show || row->touched)
    show_row_error (self, index, error ? error->message : NULL);
  return hours != NULL;
}

static void
update_total (PdHoursEditor *self)
{
  guint total = 0;
  guint n = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      g_autoptr(PdHours) hours = row_is_empty (row) ? NULL : read_row (self, row, NULL);

      if (hours != NULL)
        {
          total += hours->quarter_hours;
          n++;
        }
    }

  if (n == 0)
    gtk_label_set_text (self->total_label, "");
  else
    {
      g_autofree char *formatted = pd_hours_format (total);
      /* Translators: how many rows of the hours form are filled in, then their hours */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u shift, %s in all",
                                                            "%u shifts, %s in all", n),
                                               n, formatted);

      gtk_label_set_text (self->total_label, text);
    }
}

static guint
row_index_of (PdHoursEditor *self,
              GtkWidget     *cell)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (cell == row->date || cell == row->hours || cell == row->approved ||
          cell == row->activity)
        return i;
    }
  return G_MAXUINT;
}

/* "Monday", or "" for what is not a date. */
static char *
dup_weekday (const char *text)
{
  char buffer[64] = "";
  GDate date;

  if (pd_date_parse (text, &date))
    g_date_strftime (buffer, sizeof buffer, "%A", &date);
  return g_strdup (buffer);
}

static void
on_cell_changed_cb (PdHoursEditor *self,
                    GtkWidget     *cell)
{
  guint index = row_index_of (self, cell);

  if (index != G_MAXUINT)
    {
      Row *row = g_ptr_array_index (self->rows, index);

      if (cell == row->date)
        {
          g_autofree char *date = dup_text (row->date);
          g_autofree char *weekday = dup_weekday (date);

          gtk_label_set_text (GTK_LABEL (row->day), weekday);
        }

      row->touched = TRUE;
      check_row (self, index, FALSE);
    }
  if (!self->loading)
    pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  update_total (self);
}

static void
on_activity_selected_cb (PdHoursEditor *self,
                         GParamSpec    *pspec,
                         GtkWidget     *dropdown)
{
  on_cell_changed_cb (self, dropdown);
}

static void
set_cell_label (GtkWidget *cell,
                char      *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_free (label);
}

static guint
append_row (PdHoursEditor *self,
            const char    *date,
            gboolean       in_week)
{
  Row *row = g_new0 (Row, 1);
  guint index = self->rows->len;
  int grid_row = 1 + 2 * (int) index;
  g_autofree char *weekday = dup_weekday (date);
  g_autofree char *which = NULL;

  /* A day of the week shown is named by its weekday, which stays when
   * the week changes; a row added for another shift by its number. */
  if (in_week)
    which = g_strdup (weekday);
  else
    /* Translators: which row of the hours form a cell is in */
    which = g_strdup_printf (_("row %u"), index + 1);

  row->day = gtk_label_new (weekday);
  gtk_label_set_xalign (GTK_LABEL (row->day), 0);
  gtk_label_set_width_chars (GTK_LABEL (row->day), 9);

  row->date = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (row->date), date ? date : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (row->date), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->date), _("YYYY-MM-DD"));
  gtk_entry_set_activates_default (GTK_ENTRY (row->date), TRUE);
  if (in_week)
    {
      /* Set by the week shown: no Tab stop of its own. */
      gtk_editable_set_editable (GTK_EDITABLE (row->date), FALSE);
      gtk_widget_set_can_focus (row->date, FALSE);
      gtk_entry_set_has_frame (GTK_ENTRY (row->date), FALSE);
      gtk_widget_set_can_target (row->date, FALSE);
    }
  /* Translators: the accessible name of a cell of the hours form, with
   * its row: "Date, Monday" or "Date, row 8" */
  set_cell_label (row->date, g_strdup_printf (_("Date, %s"), which));

  row->activity = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->activities)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->activity), self->default_activity);
  gtk_widget_set_hexpand (row->activity, TRUE);
  set_cell_label (row->activity, g_strdup_printf (_("Activity, %s"), which));
  pd_accessible_fix_names (row->activity);

  row->hours = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (row->hours), 5);
  gtk_entry_set_input_purpose (GTK_ENTRY (row->hours), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->hours), _("0.0"));
  gtk_entry_set_activates_default (GTK_ENTRY (row->hours), TRUE);
  set_cell_label (row->hours, g_strdup_printf (_("Hours, %s"), which));

  row->approved = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (row->approved), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (row->approved), _("Optional"));
  gtk_entry_set_activates_default (GTK_ENTRY (row->approved), TRUE);
  gtk_widget_set_hexpand (row->approved, TRUE);
  set_cell_label (row->approved, g_strdup_printf (_("Approved by, %s"), which));

  row->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (row->error_label), TRUE);
  gtk_widget_add_css_class (row->error_label, "error");
  gtk_widget_add_css_class (row->error_label, "caption");
  gtk_widget_set_visible (row->error_label, FALSE);

  /* The hours first: what every row is there for. */
  gtk_grid_attach (self->rows_grid, row->day, 0, grid_row, 1, 1);
  gtk_grid_attach (self->rows_grid, row->date, 1, grid_row, 1, 1);
  gtk_grid_attach (self->rows_grid, row->hours, 2, grid_row, 1, 1);
  gtk_grid_attach (self->rows_grid, row->activity, 3, grid_row, 1, 1);
  gtk_grid_attach (self->rows_grid, row->approved, 4, grid_row, 1, 1);
  gtk_grid_attach (self->rows_grid, row->error_label, 0, grid_row + 1, 5, 1);

  g_signal_connect_object (row->date, "changed", G_CALLBACK (on_cell_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->hours, "changed", G_CALLBACK (on_cell_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->approved, "changed", G_CALLBACK (on_cell_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->activity, "notify::selected",
                           G_CALLBACK (on_activity_selected_cb), self, G_CONNECT_SWAPPED);

  g_ptr_array_add (self->rows, row);
  return index;
}

static void
this_monday (GDate *date)
{
  g_autofree char *today = pd_date_today ();

  g_assert (pd_date_parse (today, date));
  g_date_subtract_days (date, g_date_get_weekday (date) - G_DATE_MONDAY);
}

/* Dates the seven rows of the week shown; what was typed in them stays,
 * so a timesheet typed against the wrong week is moved, not lost. */
static void
show_week (PdHoursEditor *self)
{
  GDate monday;
  GDate date = self->monday;
  g_autofree char *first = pd_date_to_iso (&self->monday);
  g_autofree char *week = NULL;

  self->loading = TRUE;
  for (guint i = 0; i < 7 && i < self->rows->len; i++)
    {
      g_autofree char *text = pd_date_to_iso (&date);

      gtk_editable_set_text (GTK_EDITABLE (((Row *) g_ptr_array_index (self->rows, i))->date),
                             text);
      g_date_add_days (&date, 1);
    }
  self->loading = FALSE;

  /* Translators: the Monday of the week the hours form shows */
  week = g_strdup_printf (_("Week of Monday %s"), first);
  gtk_label_set_text (self->week_label, week);
  this_monday (&monday);
  /* A later week would be in the future, which hours cannot be. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hours.next-week",
                                 g_date_compare (&self->monday, &monday) < 0);
}

/* The seven days of this week, Monday first. */
static void
add_week_rows (PdHoursEditor *self)
{
  GDate date;

  this_monday (&self->monday);
  date = self->monday;
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *text = pd_date_to_iso (&date);

      append_row (self, text, TRUE);
      g_date_add_days (&date, 1);
    }
  show_week (self);
}

static void
previous_week_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdHoursEditor *self = PD_HOURS_EDITOR (widget);

  g_date_subtract_days (&self->monday, 7);
  show_week (self);
}

static void
next_week_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdHoursEditor *self = PD_HOURS_EDITOR (widget);
  GDate monday;

  this_monday (&monday);
  if (g_date_compare (&self->monday, &monday) >= 0)
    return;
  g_date_add_days (&self->monday, 7);
  show_week (self);
}

/* Which of the rows given to pd_hours_add_many() its error is about, from
 * "row 3: …"; G_MAXUINT when it does not say. */
static guint
row_of_message (const char *message,
                const char **rest)
{
  const char *p = message ? strstr (message, "row ") : NULL;
  char *end = NULL;
  guint64 n;

  if (p == NULL)
    return G_MAXUINT;
  n = g_ascii_strtoull (p + 4, &end, 10);
  if (end == p + 4 || n == 0)
    return G_MAXUINT;
  while (*end == ':' || *end == ' ' || *end == ',')
    end++;
  *rest = end;
  return (guint) n - 1;
}

static gboolean
save (PdFormWindow  *form,
      GError       **error_out)
{
  PdHoursEditor *self = PD_HOURS_EDITOR (form);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  gint first_bad = -1;

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
  sources = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      PdHours *hours;

      row->touched = TRUE;
      if (!check_row (self, i, TRUE))
        {
          if (first_bad < 0)
            first_bad = (gint) i;
          continue;
        }
      if (row_is_empty (row))
        continue;
      hours = read_row (self, row, NULL);
      g_ptr_array_add (records, hours);
      g_array_append_val (sources, i);
    }

  if (first_bad >= 0)
    {
      Row *row = g_ptr_array_index (self->rows, first_bad);

      gtk_widget_grab_focus (gtk_widget_has_css_class (row->date, "error") ? row->date
                                                                            : row->hours);
      toast (self, _("Nothing was saved: a row needs fixing first"));
      return FALSE;
    }
  if (records->len == 0)
    {
      toast (self, _("Nothing to save: type the hours of at least one shift"));
      return FALSE;
    }

  if (!pd_hours_add_many (database (self), records, &error))
    {
      const char *rest = error->message;
      guint n = row_of_message (error->message, &rest);

      if (n < sources->len)
        show_row_error (self, g_array_index (sources, guint, n), rest);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Nothing was saved: %s"),
                                                      error->message);

          toast (self, message);
        }
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, records->len);
  return TRUE;
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PdHoursEditor *self = PD_HOURS_EDITOR (widget);
  guint index = pd_hours_editor_add_row (self);
  Row *row = g_ptr_array_index (self->rows, index);

  gtk_widget_grab_focus (row->date);
}

static void
load (PdHoursEditor *self)
{
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_role = 0;

  volunteer = pd_volunteers_get (database (self), self->volunteer_id, &error);
  if (volunteer == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the volunteer: %s"),
                                                  error->message);

      toast (self, message);
      g_clear_error (&error);
    }
  else
    {
      pd_form_window_set_subtitle (PD_FORM_WINDOW (self), volunteer->display_name);
      if (volunteer->role_ids != NULL && volunteer->role_ids->len > 0)
        first_role = g_array_index (volunteer->role_ids, gint64, 0);
    }

  /* The activities are the roles: a shift is worked in one of them. */
  roles = pd_roles_list (database (self), FALSE, &error);
  if (roles == NULL)
    toast (self, error->message);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const PdVolunteerRole *role = g_ptr_array_index (roles, i);

      gtk_string_list_append (self->activities, role->label);
      if (role->id == first_role)
        self->default_activity = i;
    }

  add_week_rows (self);
  update_total (self);
}

static void
pd_hours_editor_finalize (GObject *object)
{
  PdHoursEditor *self = (PdHoursEditor *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->activities);

  G_OBJECT_CLASS (pd_hours_editor_parent_class)->finalize (object);
}

static void
pd_hours_editor_class_init (PdHoursEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_hours_editor_finalize;
  form_class->save = save;

  /**
   * PdHoursEditor::saved:
   * @n_rows: how many rows were written
   *
   * Emitted after the rows were written, just before the window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-hours-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PdHoursEditor, rows_grid);
  gtk_widget_class_bind_template_child (widget_class, PdHoursEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, PdHoursEditor, week_label);
  gtk_widget_class_bind_template_child_full (widget_class, "add_row_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "hours.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "hours.previous-week", NULL,
                                   previous_week_action);
  gtk_widget_class_install_action (widget_class, "hours.next-week", NULL, next_week_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "hours.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "hours.next-week", NULL);
}

static void
pd_hours_editor_init (PdHoursEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessible_fix_names (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->activities = gtk_string_list_new (NULL);
  /* Save stays enabled: it says which row needs fixing, or that there is
   * nothing to save. */
  pd_form_window_set_valid (PD_FORM_WINDOW (self), TRUE);
}

/* Opens the form that logs hours for volunteer @volunteer_id. */
PdHoursEditor *
pd_hours_editor_new (GtkWindow *parent,
                     PdContext *context,
                     gint64     volunteer_id)
{
  PdHoursEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (volunteer_id > 0, NULL);

  self = g_object_new (PD_TYPE_HOURS_EDITOR,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->volunteer_id = volunteer_id;
  load (self);
  if (self->rows->len > 0)
    gtk_widget_grab_focus (((Row *) g_ptr_array_index (self->rows, 0))->hours);
  return self;
}

guint
pd_hours_editor_get_n_rows (PdHoursEditor *self)
{
  g_return_val_if_fail (PD_IS_HOURS_EDITOR (self), 0);
  return self->rows->len;
}

/* Adds an empty row dated as the last one; returns its index. */
guint
pd_hours_editor_add_row (PdHoursEditor *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (PD_IS_HOURS_EDITOR (self), 0);

  if (self->rows->len > 0)
    date = dup_text (((Row *) g_ptr_array_index (self->rows, self->rows->len - 1))->date);
  else
    date = pd_date_today ();
  return append_row (self, date, FALSE);
}

/* The entry (or, for the activity, the GtkDropDown) of a row. */
GtkWidget *
pd_hours_editor_get_cell (PdHoursEditor       *self,
                          guint                row,
                          PdHoursEditorColumn  column)
{
  Row *cells;

  g_return_val_if_fail (PD_IS_HOURS_EDITOR (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  cells = g_ptr_array_index (self->rows, row);
  switch (column)
    {
    case PD_HOURS_EDITOR_DATE:
      return cells->date;
    case PD_HOURS_EDITOR_ACTIVITY:
      return cells->activity;
    case PD_HOURS_EDITOR_HOURS:
      return cells->hours;
    case PD_HOURS_EDITOR_APPROVED_BY:
      return cells->approved;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Saves every row that has hours, all or none, and closes the form;
 * or shows what keeps it from being saved. */
gboolean
pd_hours_editor_save (PdHoursEditor *self)
{
  g_return_val_if_fail (PD_IS_HOURS_EDITOR (self), FALSE);
  return pd_form_window_save (PD_FORM_WINDOW (self));
}

/* The error shown under a row, or NULL. */
const char *
pd_hours_editor_get_row_error (PdHoursEditor *self,
                               guint          row)
{
  g_return_val_if_fail (PD_IS_HOURS_EDITOR (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return ((Row *) g_ptr_array_index (self->rows, row))->error;
}
