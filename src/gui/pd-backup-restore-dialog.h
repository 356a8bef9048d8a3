/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_BACKUP_RESTORE_DIALOG (pd_backup_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdBackupRestoreDialog, pd_backup_restore_dialog, PD, BACKUP_RESTORE_DIALOG,
                      AdwMessageDialog)

GtkWidget  *pd_backup_restore_dialog_new      (GtkWindow             *parent,
                                               const char            *path,
                                               const char            *date,
                                               const char            *counts);
const char *pd_backup_restore_dialog_get_path (PdBackupRestoreDialog *self);

G_END_DECLS
