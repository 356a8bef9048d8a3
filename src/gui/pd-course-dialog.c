/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-course-dialog.h"
#include "pd-entry-row.h"
#include "pd-training.h"

/* Adds a course to the catalogue, with the domains it counts toward. */

struct _PdCourseDialog
{
  PdFormWindow parent_instance;

  /* Template widgets */
  PdEntryRow *title_row;
  PdEntryRow *provider_row;
  PdEntryRow *hours_row;
  AdwComboRow *delivery_row;
  GtkCheckButton *yearly_check;
  AdwPreferencesGroup *domains_group;

  /* Owned */
  GPtrArray *domains;            /* PdDomain */
  GPtrArray *domain_checks;      /* GtkCheckButton, one per domain */
};

G_DEFINE_FINAL_TYPE (PdCourseDialog, pd_course_dialog, PD_TYPE_FORM_WINDOW)

static void
check (PdCourseDialog *self)
{
  gboolean ok = TRUE;

  ok &= pd_entry_row_check_required (self->title_row);
  ok &= pd_entry_row_check_hours (self->hours_row, NULL);
  pd_form_window_set_valid (PD_FORM_WINDOW (self), ok);
}

static void
on_field_changed_cb (PdCourseDialog *self)
{
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  check (self);
}

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdCourseDialog *self = PD_COURSE_DIALOG (form);
  g_autoptr(PdCourse) course = g_new0 (PdCourse, 1);
  g_autoptr(GStrvBuilder) domains = g_strv_builder_new ();
  guint delivery = adw_combo_row_get_selected (self->delivery_row);

  course->title = pd_entry_row_dup_text (self->title_row);
  course->provider = pd_entry_row_dup_text (self->provider_row);
  pd_entry_row_check_hours (self->hours_row, &course->quarter_hours);
  course->delivery = g_strdup (delivery == 1 ? "online" : "in_person");
  course->required_yearly = gtk_check_button_get_active (self->yearly_check);
  for (guint i = 0; i < self->domain_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->domain_checks, i)))
      g_strv_builder_add (domains, ((PdDomain *) g_ptr_array_index (self->domains, i))->code);
  course->domains = g_strv_builder_end (domains);
  return pd_courses_insert (pd_form_window_get_database (form), course, error) > 0;
}

static void
add_domain (PdCourseDialog *self,
            const PdDomain *domain)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domain->label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  domain->label, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (self->domains_group, row);
  g_ptr_array_add (self->domain_checks, check);
}

static void
pd_course_dialog_finalize (GObject *object)
{
  PdCourseDialog *self = (PdCourseDialog *)object;

  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->domain_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_course_dialog_parent_class)->finalize (object);
}

static void
pd_course_dialog_class_init (PdCourseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_course_dialog_finalize;
  form_class->save = save;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-course-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCourseDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, PdCourseDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, PdCourseDialog, hours_row);
  gtk_widget_class_bind_template_child (widget_class, PdCourseDialog, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, PdCourseDialog, yearly_check);
  gtk_widget_class_bind_template_child (widget_class, PdCourseDialog, domains_group);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
pd_course_dialog_init (PdCourseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->domain_checks = g_ptr_array_new ();
}

/* Opens the form that adds a course to the catalogue. */
GtkWindow *
pd_course_dialog_new (GtkWindow *parent,
                      PdContext *context)
{
  PdCourseDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_COURSE_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->domains = pd_domains_list (pd_context_get_database (context), &error);
  if (self->domains == NULL)
    pd_form_window_toast (PD_FORM_WINDOW (self), error->message);
  for (guint i = 0; self->domains != NULL && i < self->domains->len; i++)
    add_domain (self, g_ptr_array_index (self->domains, i));
  check (self);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return GTK_WINDOW (self);
}
