/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-damaged-dialog.h"

/* Says that the database is damaged, that nothing more is saved, and how to
 * get the records back. "backups" is its answer to open the backups; the
 * default, since restoring is what helps. */
struct _PdDamagedDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdDamagedDialog, pd_damaged_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_damaged_dialog_class_init (PdDamagedDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-damaged-dialog.ui");
}

static void
pd_damaged_dialog_init (PdDamagedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_damaged_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PD_TYPE_DAMAGED_DIALOG, "transient-for", parent, NULL);
}
