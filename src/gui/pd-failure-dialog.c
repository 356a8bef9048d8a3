/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-failure-dialog.h"

/* Says that something asked for from the window failed, and why, where a
 * toast could go unseen: the window may be busy with something else by the
 * time the work ends. Its one answer is "close". */
struct _PdFailureDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdFailureDialog, pd_failure_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_failure_dialog_class_init (PdFailureDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-failure-dialog.ui");
}

static void
pd_failure_dialog_init (PdFailureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @heading says what failed; @error's message, why. */
GtkWidget *
pd_failure_dialog_new (GtkWindow    *parent,
                       const char   *heading,
                       const GError *error)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  return g_object_new (PD_TYPE_FAILURE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       "body", error->message,
                       NULL);
}
