/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-export-progress-dialog.h"

/* Shown while all the data is written to a file, with a spinner; "close"
 * is enabled once the export has ended and the dialog says how. */
struct _PdExportProgressDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdExportProgressDialog, pd_export_progress_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_export_progress_dialog_class_init (PdExportProgressDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-export-progress-dialog.ui");
}

static void
pd_export_progress_dialog_init (PdExportProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_export_progress_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PD_TYPE_EXPORT_PROGRESS_DIALOG, "transient-for", parent, NULL);
}
