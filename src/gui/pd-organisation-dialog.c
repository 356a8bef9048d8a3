/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-organisation-dialog.h"

/* A report for funders needs the organisation's name: says so, and offers
 * to open Preferences ("settings", the default) where it is typed. */
struct _PdOrganisationDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdOrganisationDialog, pd_organisation_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_organisation_dialog_class_init (PdOrganisationDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-organisation-dialog.ui");
}

static void
pd_organisation_dialog_init (PdOrganisationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_organisation_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PD_TYPE_ORGANISATION_DIALOG, "transient-for", parent, NULL);
}
