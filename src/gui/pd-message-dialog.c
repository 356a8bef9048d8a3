/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-message-dialog.h"

/* A notice or question with no widgets of its own needs no class: its .ui
 * file describes it whole, as an AdwMessageDialog whose id is "dialog",
 * and says what its responses are. Where a text depends on the moment, or
 * the answer needs a value (the backup to restore), the dialog's own
 * function sets it after this. */

/* Builds the dialog of @ui_name ("pd-discard-dialog.ui"), in front of
 * @parent. Like any window, it lives until it is closed. */
GtkWidget *
pd_message_dialog_new (GtkWindow  *parent,
                       const char *ui_name)
{
  g_autofree char *path = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ui_name != NULL, NULL);

  path = g_strconcat ("/org/peerdesk/Peerdesk/", ui_name, NULL);
  builder = gtk_builder_new_from_resource (path);
  dialog = GTK_WINDOW (gtk_builder_get_object (builder, "dialog"));
  gtk_window_set_transient_for (dialog, parent);
  return GTK_WIDGET (dialog);
}
