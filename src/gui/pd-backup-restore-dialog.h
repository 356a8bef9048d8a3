/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget  *pd_backup_restore_dialog_new      (GtkWindow        *parent,
                                               const char       *path,
                                               const char       *date,
                                               const char       *counts);
const char *pd_backup_restore_dialog_get_path (AdwMessageDialog *dialog);

G_END_DECLS
