/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-remove-staff-dialog.h"

/* Asks before a staff account is removed, which cannot be undone: the
 * person would have to be added again. "remove" removes it; "cancel",
 * the default and what Escape answers, keeps it. */
struct _PdRemoveStaffDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdRemoveStaffDialog, pd_remove_staff_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_remove_staff_dialog_class_init (PdRemoveStaffDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-remove-staff-dialog.ui");
}

static void
pd_remove_staff_dialog_init (PdRemoveStaffDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Asks about the account of @name. */
GtkWidget *
pd_remove_staff_dialog_new (GtkWindow  *parent,
                            const char *name)
{
  GtkWidget *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (PD_TYPE_REMOVE_STAFF_DIALOG, "transient-for", parent, NULL);
  /* Translators: a staff member's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Remove %s’s Account?"), name);
  return self;
}
