/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-message-dialog.h"
#include "pd-remove-staff-dialog.h"

/* Asks before the account of @name is removed, which cannot be undone:
 * the person would have to be added again. Its answers: "remove", and
 * "cancel", the default and what Escape answers. */
GtkWidget *
pd_remove_staff_dialog_new (GtkWindow  *parent,
                            const char *name)
{
  GtkWidget *dialog;

  g_return_val_if_fail (name != NULL, NULL);

  dialog = pd_message_dialog_new (parent, "pd-remove-staff-dialog.ui");
  /* Translators: a staff member's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Remove %s’s Account?"), name);
  return dialog;
}
