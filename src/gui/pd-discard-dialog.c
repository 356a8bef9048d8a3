/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-discard-dialog.h"

/* Asks before a form with changes closes. "discard" throws the changes
 * away; "cancel", the default and what Escape answers, goes back to the
 * form, so that Enter never loses what was typed. */
struct _PdDiscardDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdDiscardDialog, pd_discard_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_discard_dialog_class_init (PdDiscardDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-discard-dialog.ui");
}

static void
pd_discard_dialog_init (PdDiscardDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_discard_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PD_TYPE_DISCARD_DIALOG, "transient-for", parent, NULL);
}
