/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_CHECKINS_WAITING_DIALOG (pd_checkins_waiting_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdCheckinsWaitingDialog, pd_checkins_waiting_dialog, PD,
                      CHECKINS_WAITING_DIALOG, AdwMessageDialog)

GtkWidget *pd_checkins_waiting_dialog_new (GtkWindow *parent);

G_END_DECLS
