/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-failure-dialog.h"
#include "pd-message-dialog.h"

/* Says that something asked for from the window failed, and why, where a
 * toast could go unseen: the window may be busy with something else by the
 * time the work ends. Its one answer is "close".
 *
 * @heading says what failed; @error's message, why. */
GtkWidget *
pd_failure_dialog_new (GtkWindow    *parent,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  dialog = pd_message_dialog_new (parent, "pd-failure-dialog.ui");
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  return dialog;
}
