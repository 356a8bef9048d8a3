/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-completion-dialog.h"
#include "pd-entry-row.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-volunteers.h"

/* Records a training a volunteer completed: a course of the catalogue,
 * whose hours are credited unless typed over. */

struct _PdCompletionDialog
{
  PdFormWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  AdwComboRow *course_row;
  PdEntryRow *date_row;
  PdEntryRow *hours_row;
  PdEntryRow *certificate_row;

  /* Owned */
  gint64 volunteer_id;
  GPtrArray *courses;            /* PdCourse, one per item of the course row */
};

G_DEFINE_FINAL_TYPE (PdCompletionDialog, pd_completion_dialog, PD_TYPE_FORM_WINDOW)

static const PdCourse *
selected_course (PdCompletionDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->course_row);

  if (self->courses == NULL || selected >= self->courses->len)
    return NULL;
  return g_ptr_array_index (self->courses, selected);
}

static void
check (PdCompletionDialog *self)
{
  gboolean ok = selected_course (self) != NULL;

  ok &= pd_entry_row_check_date (self->date_row, TRUE);
  ok &= pd_entry_row_check_hours (self->hours_row, NULL);
  pd_form_window_set_valid (PD_FORM_WINDOW (self), ok);
}

static void
on_field_changed_cb (PdCompletionDialog *self)
{
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  check (self);
}

/* The credited hours are the course's until they are typed in. */
static void
on_course_selected_cb (PdCompletionDialog *self)
{
  const PdCourse *course = selected_course (self);
  g_autofree char *text = NULL;

  if (course != NULL && !pd_entry_row_get_touched (self->hours_row))
    {
      text = pd_hours_format (course->quarter_hours);
      pd_entry_row_load_text (self->hours_row, text);
    }
  on_field_changed_cb (self);
}

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdCompletionDialog *self = PD_COMPLETION_DIALOG (form);
  const PdCourse *course = selected_course (self);
  g_autofree char *date = pd_entry_row_dup_text (self->date_row);
  g_autofree char *certificate = pd_entry_row_dup_text (self->certificate_row);
  guint quarters = 0;

  /* Save is enabled only with a course chosen. */
  g_assert (course != NULL);
  pd_entry_row_check_hours (self->hours_row, &quarters);
  return pd_completions_add (pd_form_window_get_database (form), self->volunteer_id, course->id,
                             date, quarters, certificate, error) > 0;
}

static void
pd_completion_dialog_finalize (GObject *object)
{
  PdCompletionDialog *self = (PdCompletionDialog *)object;

  g_clear_pointer (&self->courses, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_completion_dialog_parent_class)->finalize (object);
}

static void
pd_completion_dialog_class_init (PdCompletionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_completion_dialog_finalize;
  form_class->save = save;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-completion-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCompletionDialog, group);
  gtk_widget_class_bind_template_child (widget_class, PdCompletionDialog, course_row);
  gtk_widget_class_bind_template_child (widget_class, PdCompletionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PdCompletionDialog, hours_row);
  gtk_widget_class_bind_template_child (widget_class, PdCompletionDialog, certificate_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_course_selected_cb);
}

static void
pd_completion_dialog_init (PdCompletionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Opens the form that records a training @volunteer_id completed. */
GtkWindow *
pd_completion_dialog_new (GtkWindow *parent,
                          PdContext *context,
                          gint64     volunteer_id)
{
  PdCompletionDialog *self;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_COMPLETION_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->volunteer_id = volunteer_id;
  self->courses = pd_courses_list (pd_context_get_database (context), &error);
  if (self->courses == NULL)
    pd_form_window_toast (PD_FORM_WINDOW (self), error->message);
  for (guint i = 0; self->courses != NULL && i < self->courses->len; i++)
    gtk_string_list_append (titles, ((PdCourse *) g_ptr_array_index (self->courses, i))->title);
  if (self->courses == NULL || self->courses->len == 0)
    adw_preferences_group_set_description (self->group,
                                           _("There are no courses yet: add one with “New "
                                             "Course…” first."));

  pd_entry_row_load_text (self->date_row, today);
  adw_combo_row_set_model (self->course_row, G_LIST_MODEL (titles));
  on_course_selected_cb (self);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), FALSE);
  return GTK_WINDOW (self);
}
