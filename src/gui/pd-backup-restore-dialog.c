/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-backup-restore-dialog.h"

/* Asks before a backup replaces the records, saying what it holds and how
 * the restore can be undone. "restore" is its yes; the default is no. */
struct _PdBackupRestoreDialog
{
  AdwMessageDialog parent_instance;

  /* Owned */
  char *path;
};

G_DEFINE_FINAL_TYPE (PdBackupRestoreDialog, pd_backup_restore_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_backup_restore_dialog_finalize (GObject *object)
{
  PdBackupRestoreDialog *self = (PdBackupRestoreDialog *)object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pd_backup_restore_dialog_parent_class)->finalize (object);
}

static void
pd_backup_restore_dialog_class_init (PdBackupRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_backup_restore_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-backup-restore-dialog.ui");
}

static void
pd_backup_restore_dialog_init (PdBackupRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @date and @counts describe the backup at @path, as its row does. */
GtkWidget *
pd_backup_restore_dialog_new (GtkWindow  *parent,
                              const char *path,
                              const char *date,
                              const char *counts)
{
  PdBackupRestoreDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Translators: the date and time of a backup */
  heading = g_strdup_printf (_("Restore the Backup of %s?"), date);
  /* Translators: the backup's counts, "200 members · 3400 visits" */
  body = g_strdup_printf (_("The records will be replaced by those of this backup (%s): "
                            "everything recorded since is set aside. The current records are "
                            "first kept as a backup of their own, listed here, so that this "
                            "can be undone by restoring that one."), counts);
  self = g_object_new (PD_TYPE_BACKUP_RESTORE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->path = g_strdup (path);
  return GTK_WIDGET (self);
}

/* The backup to restore. */
const char *
pd_backup_restore_dialog_get_path (PdBackupRestoreDialog *self)
{
  g_return_val_if_fail (PD_IS_BACKUP_RESTORE_DIALOG (self), NULL);
  return self->path;
}
