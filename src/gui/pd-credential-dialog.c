/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-credential-dialog.h"
#include "pd-entry-row.h"
#include "pd-text.h"
#include "pd-training.h"

/* Adds a credential to a volunteer, most often from a template that fills
 * in what it knows; the expiry date follows from the date issued and the
 * renewal cycle until it is typed in. */

struct _PdCredentialDialog
{
  PdFormWindow parent_instance;

  /* Template widgets */
  AdwComboRow *template_row;
  PdEntryRow *name_row;
  PdEntryRow *body_row;
  PdEntryRow *number_row;
  PdEntryRow *issued_row;
  PdEntryRow *expiry_row;
  GtkSpinButton *cycle_spin;

  /* Owned */
  gint64 volunteer_id;
  GPtrArray *templates;          /* PdCredentialTemplate, after "None" in the template row */
};

G_DEFINE_FINAL_TYPE (PdCredentialDialog, pd_credential_dialog, PD_TYPE_FORM_WINDOW)

static const PdCredentialTemplate *
selected_template (PdCredentialDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  /* The first choice is "None". */
  if (self->templates == NULL || selected == 0 || selected > self->templates->len)
    return NULL;
  return g_ptr_array_index (self->templates, selected - 1);
}

static void
check (PdCredentialDialog *self)
{
  g_autofree char *issued = pd_entry_row_dup_text (self->issued_row);
  g_autofree char *expiry = pd_entry_row_dup_text (self->expiry_row);
  gboolean ok = TRUE;

  ok &= pd_entry_row_check_required (self->name_row);
  ok &= pd_entry_row_check_date (self->issued_row, FALSE);
  ok &= pd_entry_row_check_date (self->expiry_row, FALSE);
  if (ok && issued[0] != '\0' && expiry[0] != '\0' && strcmp (expiry, issued) <= 0)
    {
      pd_entry_row_set_error (self->expiry_row, _("it must come after the date issued"));
      ok = FALSE;
    }
  pd_form_window_set_valid (PD_FORM_WINDOW (self), ok);
}

static void
on_field_changed_cb (PdCredentialDialog *self)
{
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  check (self);
}

/* A template fills in what it knows. */
static void
on_template_selected_cb (PdCredentialDialog *self)
{
  const PdCredentialTemplate *template = selected_template (self);

  if (template != NULL)
    {
      pd_entry_row_load_text (self->name_row, template->name);
      pd_entry_row_load_text (self->body_row, template->issuing_body);
      gtk_spin_button_set_value (self->cycle_spin, template->renewal_cycle_months);
    }
  on_field_changed_cb (self);
}

static void
on_issued_changed_cb (PdCredentialDialog *self)
{
  g_autofree char *issued = pd_entry_row_dup_text (self->issued_row);
  g_autofree char *computed = NULL;
  guint months;
  GDate date;

  if (pd_entry_row_get_touched (self->expiry_row) || !pd_date_parse (issued, &date))
    return;
  months = (guint) gtk_spin_button_get_value_as_int (self->cycle_spin);
  if (months == 0)
    return;
  computed = pd_date_add_months (issued, (int) months);
  if (computed == NULL)
    return;
  pd_entry_row_load_text (self->expiry_row, computed);
  check (self);
}

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdCredentialDialog *self = PD_CREDENTIAL_DIALOG (form);
  g_autoptr(PdCredential) credential = g_new0 (PdCredential, 1);
  const PdCredentialTemplate *template = selected_template (self);

  credential->volunteer_id = self->volunteer_id;
  credential->template = g_strdup (template ? template->code : "");
  credential->name = pd_entry_row_dup_text (self->name_row);
  credential->issuing_body = pd_entry_row_dup_text (self->body_row);
  credential->number = pd_entry_row_dup_text (self->number_row);
  credential->issued_date = pd_entry_row_dup_text (self->issued_row);
  credential->expiry_date = pd_entry_row_dup_text (self->expiry_row);
  credential->renewal_cycle_months = (guint) gtk_spin_button_get_value_as_int (self->cycle_spin);
  return pd_credentials_insert (pd_form_window_get_database (form), credential, error) > 0;
}

static void
pd_credential_dialog_finalize (GObject *object)
{
  PdCredentialDialog *self = (PdCredentialDialog *)object;

  g_clear_pointer (&self->templates, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_credential_dialog_parent_class)->finalize (object);
}

static void
pd_credential_dialog_class_init (PdCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_credential_dialog_finalize;
  form_class->save = save;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-credential-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, body_row);
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, issued_row);
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, PdCredentialDialog, cycle_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_issued_changed_cb);
}

static void
pd_credential_dialog_init (PdCredentialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Opens the form that adds a credential to @volunteer_id; @templates are
 * the PdCredentialTemplates to start from. */
GtkWindow *
pd_credential_dialog_new (GtkWindow *parent,
                          PdContext *context,
                          gint64     volunteer_id,
                          GPtrArray *templates)
{
  PdCredentialDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_CREDENTIAL_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->volunteer_id = volunteer_id;
  self->templates = templates ? g_ptr_array_ref (templates) : NULL;
  /* Translators: no credential template, a credential typed in by hand */
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; templates != NULL && i < templates->len; i++)
    gtk_string_list_append (names,
                            ((PdCredentialTemplate *) g_ptr_array_index (templates, i))->name);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (names));
  if (templates != NULL && templates->len > 0)
    adw_combo_row_set_selected (self->template_row, 1);
  on_template_selected_cb (self);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), FALSE);
  return GTK_WINDOW (self);
}
