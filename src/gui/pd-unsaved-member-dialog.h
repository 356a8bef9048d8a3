/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_UNSAVED_MEMBER_DIALOG (pd_unsaved_member_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdUnsavedMemberDialog, pd_unsaved_member_dialog, PD, UNSAVED_MEMBER_DIALOG,
                      AdwMessageDialog)

GtkWidget *pd_unsaved_member_dialog_new      (GtkWindow             *parent,
                                              const char            *name);
void       pd_unsaved_member_dialog_set_valid (PdUnsavedMemberDialog *self,
                                               gboolean               valid);

G_END_DECLS
