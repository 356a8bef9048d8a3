/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_REMOVE_STAFF_DIALOG (pd_remove_staff_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdRemoveStaffDialog, pd_remove_staff_dialog, PD, REMOVE_STAFF_DIALOG,
                      AdwMessageDialog)

GtkWidget *pd_remove_staff_dialog_new (GtkWindow  *parent,
                                       const char *name);

G_END_DECLS
