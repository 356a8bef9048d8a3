/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-message-dialog.h"
#include "pd-namesake-dialog.h"

/* The members asked about (PdMember), in the order of the responses, kept
 * on the dialog for its answer. */
#define NAMESAKES_KEY "pd-namesakes"

/* A label for a dialog's button: its underscores are not mnemonics. */
static char *
dup_button_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* Asks whether a New Visitor about to be registered is one of the members
 * of that name seen lately. Its responses: "member-0", "member-1"… to
 * check that member in, "register" for someone new after all, and
 * "cancel", which Enter and Escape give, for neither.
 *
 * Asks about @namesakes (PdMember), shown as @names, who came last on the
 * days of @last_visits ("Tuesday"), both in the order of @namesakes. */
GtkWidget *
pd_namesake_dialog_new (GtkWindow          *parent,
                        GPtrArray          *namesakes,
                        const char * const *names,
                        const char * const *last_visits)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (namesakes != NULL && namesakes->len > 0, NULL);
  g_return_val_if_fail (names != NULL && last_visits != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (pd_message_dialog_new (parent, "pd-namesake-dialog.ui"));
  g_object_set_data_full (G_OBJECT (dialog), NAMESAKES_KEY, g_ptr_array_ref (namesakes),
                          (GDestroyNotify) g_ptr_array_unref);

  if (namesakes->len == 1)
    {
      /* Translators: a first name and last initial, "Is This Ana R.?" */
      adw_message_dialog_format_heading (dialog, _("Is This %s?"), names[0]);
      /* Translators: a first name and last initial, then a day, "Tuesday" */
      adw_message_dialog_format_body (dialog, _("%s, last here %s, is already a member. Check "
                                                "them in rather than register someone new?"),
                                      names[0], last_visits[0]);
    }

  for (guint i = 0; i < namesakes->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("member-%u", i);
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      /* Translators: a button, "Check In Ana R. (last here Tuesday)" */
      text = g_strdup_printf (_("Check In %s (last here %s)"), names[i], last_visits[i]);
      label = dup_button_label (text);
      adw_message_dialog_add_response (dialog, id, label);
      if (i == 0)
        adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_add_responses (dialog,
                                    "register", _("_Register New Visitor"),
                                    "cancel", _("_Cancel"),
                                    NULL);
  return GTK_WIDGET (dialog);
}

/* The member @response checks in, or NULL if it checks nobody in. */
PdMember *
pd_namesake_dialog_get_member (AdwMessageDialog *dialog,
                               const char       *response)
{
  GPtrArray *namesakes;
  guint64 index;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  namesakes = g_object_get_data (G_OBJECT (dialog), NAMESAKES_KEY);
  if (namesakes == NULL || response == NULL || !g_str_has_prefix (response, "member-") ||
      !g_ascii_string_to_unsigned (response + 7, 10, 0, namesakes->len - 1, &index, NULL))
    return NULL;
  return g_ptr_array_index (namesakes, index);
}
