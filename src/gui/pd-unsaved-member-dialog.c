/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-message-dialog.h"
#include "pd-unsaved-member-dialog.h"

/* Asks what to do with the unsaved changes of a member's form before
 * leaving it. Its responses: "save", "discard", and "cancel", which Enter
 * and Escape give, to go back to the form.
 *
 * Asks about the form of member @name, or of a new member when @name is
 * NULL. */
GtkWidget *
pd_unsaved_member_dialog_new (GtkWindow  *parent,
                              const char *name)
{
  GtkWidget *dialog = pd_message_dialog_new (parent, "pd-unsaved-member-dialog.ui");

  if (name != NULL)
    adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Save Changes to %s?"), name);
  return dialog;
}

/* Whether the form can be saved as it is: Save is offered only then. */
void
pd_unsaved_member_dialog_set_valid (AdwMessageDialog *dialog,
                                    gboolean          valid)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  adw_message_dialog_set_response_enabled (dialog, "save", valid);
}
