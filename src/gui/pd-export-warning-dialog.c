/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-export-warning-dialog.h"

/* Says what a file of all the data holds before it is written, and what
 * it is for: "export" (the default) goes on to choose the file. */
struct _PdExportWarningDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdExportWarningDialog, pd_export_warning_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_export_warning_dialog_class_init (PdExportWarningDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-export-warning-dialog.ui");
}

static void
pd_export_warning_dialog_init (PdExportWarningDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_export_warning_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PD_TYPE_EXPORT_WARNING_DIALOG, "transient-for", parent, NULL);
}
