/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-entry-row.h"
#include "pd-supervision-dialog.h"
#include "pd-text.h"
#include "pd-volunteers.h"

/* Records a supervision session of a volunteer. */

struct _PdSupervisionDialog
{
  PdFormWindow parent_instance;

  /* Template widgets */
  PdEntryRow *date_row;
  PdEntryRow *supervisor_row;
  GtkSpinButton *minutes_spin;
  AdwComboRow *kind_row;
  PdEntryRow *notes_row;

  /* Owned */
  gint64 volunteer_id;
};

G_DEFINE_FINAL_TYPE (PdSupervisionDialog, pd_supervision_dialog, PD_TYPE_FORM_WINDOW)

static const PdCode supervision_kinds[] = {
  { "individual", N_("Individual") },
  { "group", N_("Group") },
  { NULL, NULL }
};

static void
check (PdSupervisionDialog *self)
{
  gboolean ok = TRUE;

  ok &= pd_entry_row_check_date (self->date_row, TRUE);
  ok &= pd_entry_row_check_required (self->supervisor_row);
  pd_form_window_set_valid (PD_FORM_WINDOW (self), ok);
}

static void
on_field_changed_cb (PdSupervisionDialog *self)
{
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  check (self);
}

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdSupervisionDialog *self = PD_SUPERVISION_DIALOG (form);
  g_autoptr(PdSupervision) supervision = g_new0 (PdSupervision, 1);
  guint kind = adw_combo_row_get_selected (self->kind_row);

  supervision->volunteer_id = self->volunteer_id;
  supervision->date = pd_entry_row_dup_text (self->date_row);
  supervision->supervisor = pd_entry_row_dup_text (self->supervisor_row);
  supervision->minutes = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin);
  supervision->kind = g_strdup (supervision_kinds[kind < 2 ? kind : 0].code);
  supervision->notes = pd_entry_row_dup_text (self->notes_row);
  return pd_supervision_add (pd_form_window_get_database (form), supervision, error) > 0;
}

static void
pd_supervision_dialog_class_init (PdSupervisionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  form_class->save = save;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-supervision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSupervisionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PdSupervisionDialog, supervisor_row);
  gtk_widget_class_bind_template_child (widget_class, PdSupervisionDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, PdSupervisionDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdSupervisionDialog, notes_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
pd_supervision_dialog_init (PdSupervisionDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; supervision_kinds[i].code != NULL; i++)
    gtk_string_list_append (kinds, _(supervision_kinds[i].label));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

/* Opens the form that records a supervision session of @volunteer_id. */
GtkWindow *
pd_supervision_dialog_new (GtkWindow *parent,
                           PdContext *context,
                           gint64     volunteer_id)
{
  PdSupervisionDialog *self;
  g_autofree char *today = pd_date_today ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_SUPERVISION_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->volunteer_id = volunteer_id;
  pd_entry_row_load_text (self->date_row, today);
  check (self);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->supervisor_row));
  return GTK_WINDOW (self);
}
