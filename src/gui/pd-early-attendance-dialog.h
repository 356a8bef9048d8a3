/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_EARLY_ATTENDANCE_DIALOG (pd_early_attendance_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdEarlyAttendanceDialog, pd_early_attendance_dialog, PD,
                      EARLY_ATTENDANCE_DIALOG, AdwMessageDialog)

GtkWidget *pd_early_attendance_dialog_new (GtkWindow  *parent,
                                           const char *date);

G_END_DECLS
