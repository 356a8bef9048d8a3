/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-unsaved-member-dialog.h"

/* Asks what to do with the unsaved changes of a member's form before
 * leaving it. Its responses: "save", "discard", and "cancel", which Enter
 * and Escape give, to go back to the form. */
struct _PdUnsavedMemberDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdUnsavedMemberDialog, pd_unsaved_member_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_unsaved_member_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_UNSAVED_MEMBER_DIALOG);

  G_OBJECT_CLASS (pd_unsaved_member_dialog_parent_class)->dispose (object);
}

static void
pd_unsaved_member_dialog_class_init (PdUnsavedMemberDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_unsaved_member_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-unsaved-member-dialog.ui");
}

static void
pd_unsaved_member_dialog_init (PdUnsavedMemberDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Asks about the form of member @name, or of a new member when @name is
 * NULL. */
GtkWidget *
pd_unsaved_member_dialog_new (GtkWindow  *parent,
                              const char *name)
{
  GtkWidget *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PD_TYPE_UNSAVED_MEMBER_DIALOG, "transient-for", parent, NULL);
  if (name != NULL)
    adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Save Changes to %s?"), name);
  return self;
}

/* Whether the form can be saved as it is: Save is offered only then. */
void
pd_unsaved_member_dialog_set_valid (PdUnsavedMemberDialog *self,
                                    gboolean               valid)
{
  g_return_if_fail (PD_IS_UNSAVED_MEMBER_DIALOG (self));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", valid);
}
