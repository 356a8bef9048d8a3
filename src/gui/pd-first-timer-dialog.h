/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_FIRST_TIMER_DIALOG (pd_first_timer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdFirstTimerDialog, pd_first_timer_dialog, PD, FIRST_TIMER_DIALOG,
                      AdwMessageDialog)

GtkWidget *pd_first_timer_dialog_new           (GtkWindow          *parent,
                                                const char         *typed);
void       pd_first_timer_dialog_present       (PdFirstTimerDialog *self);
char      *pd_first_timer_dialog_dup_first_name (PdFirstTimerDialog *self);
char      *pd_first_timer_dialog_dup_initial    (PdFirstTimerDialog *self);

G_END_DECLS
