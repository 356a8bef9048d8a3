/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-early-attendance-dialog.h"
#include "pd-message-dialog.h"

/* Asks before the first attendance of a session on a later day is
 * written: a wrong row picked on a group's page must not count people
 * present. Its responses: "take", and "cancel", which Enter and Escape
 * give.
 *
 * Asks about a session on @date, as a person reads it. */
GtkWidget *
pd_early_attendance_dialog_new (GtkWindow  *parent,
                                const char *date)
{
  GtkWidget *dialog = pd_message_dialog_new (parent, "pd-early-attendance-dialog.ui");

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This session is on %s, which has not come yet. Attendance "
                                    "is taken on the day of the meeting."), date);
  return dialog;
}
