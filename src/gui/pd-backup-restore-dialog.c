/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup-restore-dialog.h"
#include "pd-message-dialog.h"

/* The backup asked about, kept on the dialog for its answer. */
#define PATH_KEY "pd-backup-path"

/* Asks before a backup replaces the records, saying what it holds and how
 * the restore can be undone. "restore" is its yes; the default is no.
 *
 * @date and @counts describe the backup at @path, as its row does. */
GtkWidget *
pd_backup_restore_dialog_new (GtkWindow  *parent,
                              const char *path,
                              const char *date,
                              const char *counts)
{
  GtkWidget *dialog;

  g_return_val_if_fail (path != NULL, NULL);

  dialog = pd_message_dialog_new (parent, "pd-backup-restore-dialog.ui");
  /* Translators: the date and time of a backup */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Restore the Backup of %s?"),
                                     date);
  /* Translators: the backup's counts, "200 members · 3400 visits" */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The records will be replaced by those of this backup (%s): "
                                    "everything recorded since is set aside. The current records "
                                    "are first kept as a backup of their own, listed here, so "
                                    "that this can be undone by restoring that one."), counts);
  g_object_set_data_full (G_OBJECT (dialog), PATH_KEY, g_strdup (path), g_free);
  return dialog;
}

/* The backup to restore. */
const char *
pd_backup_restore_dialog_get_path (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);
  return g_object_get_data (G_OBJECT (dialog), PATH_KEY);
}
