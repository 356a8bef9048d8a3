/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_DAMAGED_DIALOG (pd_damaged_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdDamagedDialog, pd_damaged_dialog, PD, DAMAGED_DIALOG, AdwMessageDialog)

GtkWidget *pd_damaged_dialog_new (GtkWindow *parent);

G_END_DECLS
