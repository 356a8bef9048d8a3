/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *pd_unsaved_member_dialog_new       (GtkWindow        *parent,
                                               const char       *name);
void       pd_unsaved_member_dialog_set_valid (AdwMessageDialog *dialog,
                                               gboolean          valid);

G_END_DECLS
