/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_ORGANISATION_DIALOG (pd_organisation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdOrganisationDialog, pd_organisation_dialog, PD, ORGANISATION_DIALOG, AdwMessageDialog)

GtkWidget *pd_organisation_dialog_new (GtkWindow *parent);

G_END_DECLS
