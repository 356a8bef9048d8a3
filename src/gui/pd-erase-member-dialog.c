/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-erase-member-dialog.h"
#include "pd-failure-dialog.h"
#include "pd-member-erase.h"

/* Asks a director before a member is erased, saying what goes for good
 * and what stays, and erases on "erase". "cancel", the default and what
 * Escape and Enter answer, keeps the member. The dialog emits "erased"
 * with the member's id once the member is erased; a refusal is said in a
 * dialog of its own. */
struct _PdEraseMemberDialog
{
  AdwMessageDialog parent_instance;

  /* Owned */
  PdDatabase *database;
  gint64 member_id;
};

G_DEFINE_FINAL_TYPE (PdEraseMemberDialog, pd_erase_member_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  ERASED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_response_cb (PdEraseMemberDialog *self,
                const char          *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "erase") != 0)
    return;
  if (!pd_members_erase (self->database, self->member_id, &error))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      gtk_window_present (GTK_WINDOW (pd_failure_dialog_new (parent,
                                                             _("Could Not Erase the Member"),
                                                             error)));
      return;
    }
  g_signal_emit (self, signals[ERASED], 0, self->member_id);
}

static void
pd_erase_member_dialog_finalize (GObject *object)
{
  PdEraseMemberDialog *self = (PdEraseMemberDialog *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_erase_member_dialog_parent_class)->finalize (object);
}

static void
pd_erase_member_dialog_class_init (PdEraseMemberDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_erase_member_dialog_finalize;

  /**
   * PdEraseMemberDialog::erased:
   * @member_id: the member erased
   */
  signals[ERASED] = g_signal_new ("erased", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-erase-member-dialog.ui");
}

static void
pd_erase_member_dialog_init (PdEraseMemberDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}

/* Asks about erasing @member, a saved one, from @database. */
GtkWidget *
pd_erase_member_dialog_new (GtkWindow  *parent,
                            PdDatabase *database,
                            PdMember   *member)
{
  PdEraseMemberDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (PD_IS_MEMBER (member) && pd_member_get_id (member) > 0, NULL);

  self = g_object_new (PD_TYPE_ERASE_MEMBER_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->member_id = pd_member_get_id (member);
  name = pd_member_dup_display_name (member);
  /* Translators: a member's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Erase %s?"), name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  /* Translators: a member number, as M-000123 */
                                  _("The name, contact details, birth date, confidential notes "
                                    "and demographics are removed for good. Visits and "
                                    "attendance stay, as anonymous counts under %s, so that "
                                    "reports still add up. This cannot be undone."),
                                  pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
  return GTK_WIDGET (self);
}
