/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_EXPORT_WARNING_DIALOG (pd_export_warning_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdExportWarningDialog, pd_export_warning_dialog, PD, EXPORT_WARNING_DIALOG, AdwMessageDialog)

GtkWidget *pd_export_warning_dialog_new (GtkWindow *parent);

G_END_DECLS
