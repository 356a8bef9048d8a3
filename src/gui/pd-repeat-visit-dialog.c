/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-message-dialog.h"
#include "pd-repeat-visit-dialog.h"

/* The member asked about, kept on the dialog for its answer. */
#define MEMBER_KEY "pd-member"

/* Asks whether to record a second visit of a member checked in a moment
 * ago, as a second Enter, or a second person at the desk, would add the
 * same visit twice. Its default answer, which Enter and Escape give,
 * writes nothing: "cancel"; "add" records the visit.
 *
 * Asks about @member, shown as @name, last checked in at @last_at, a time
 * of day of which the hours and minutes are shown. */
GtkWidget *
pd_repeat_visit_dialog_new (GtkWindow  *parent,
                            PdMember   *member,
                            const char *name,
                            const char *last_at)
{
  GtkWidget *dialog;

  g_return_val_if_fail (PD_IS_MEMBER (member), NULL);

  dialog = pd_message_dialog_new (parent, "pd-repeat-visit-dialog.ui");
  g_object_set_data_full (G_OBJECT (dialog), MEMBER_KEY, g_object_ref (member), g_object_unref);
  /* Translators: a first name and last initial, then the time of a visit,
   * "José M. was checked in at 14:05." */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s was checked in at %.5s. Record a second visit?"),
                                  name, last_at);
  return dialog;
}

/* The member the dialog asks about. */
PdMember *
pd_repeat_visit_dialog_get_member (AdwMessageDialog *dialog)
{
  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);
  return g_object_get_data (G_OBJECT (dialog), MEMBER_KEY);
}
