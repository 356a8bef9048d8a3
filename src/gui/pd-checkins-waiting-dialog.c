/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-checkins-waiting-dialog.h"

/* Keeps the window open while check-ins wait for another program to finish
 * saving, and says why: closing then would lose them. */
struct _PdCheckinsWaitingDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdCheckinsWaitingDialog, pd_checkins_waiting_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
pd_checkins_waiting_dialog_class_init (PdCheckinsWaitingDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-checkins-waiting-dialog.ui");
}

static void
pd_checkins_waiting_dialog_init (PdCheckinsWaitingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_checkins_waiting_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PD_TYPE_CHECKINS_WAITING_DIALOG, "transient-for", parent, NULL);
}
