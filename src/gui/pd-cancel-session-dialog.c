/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-cancel-session-dialog.h"
#include "pd-meetings-text.h"
#include "pd-text.h"

/* Asks for the reason a session is cancelled, saying what becomes of its
 * attendance. "cancel-session" is its yes, enabled once a reason is typed;
 * "keep" is its no. */
struct _PdCancelSessionDialog
{
  AdwMessageDialog parent_instance;

  /* Template widgets */
  GtkEntry *reason_entry;

  /* Owned */
  gint64 session_id;
};

G_DEFINE_FINAL_TYPE (PdCancelSessionDialog, pd_cancel_session_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_reason_entry_changed_cb (PdCancelSessionDialog *self,
                            GtkEditable           *entry)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "cancel-session",
                                           !pd_text_is_blank (gtk_editable_get_text (entry)));
}

static void
pd_cancel_session_dialog_show (GtkWidget *widget)
{
  PdCancelSessionDialog *self = PD_CANCEL_SESSION_DIALOG (widget);

  GTK_WIDGET_CLASS (pd_cancel_session_dialog_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
}

static void
pd_cancel_session_dialog_class_init (PdCancelSessionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->show = pd_cancel_session_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-cancel-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCancelSessionDialog, reason_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_entry_changed_cb);
}

static void
pd_cancel_session_dialog_init (PdCancelSessionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_cancel_session_dialog_new (GtkWindow       *parent,
                              const PdSession *session)
{
  PdCancelSessionDialog *self;
  g_autofree char *date = NULL;
  g_autofree char *times = NULL;
  g_autofree char *body = NULL;
  g_autofree char *n_present = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  date = pd_meetings_text_dup_long_date (session->starts_at);
  times = pd_meetings_text_dup_time_range (session);
  n_present = pd_text_format_count (session->n_present);
  if (session->n_present > 0)
    /* Translators: a group's name, a date, times, and how many were marked present */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s, %s, %s. No more attendance can be taken; the "
                                         "%s person marked present stays on record.",
                                         "%s, %s, %s. No more attendance can be taken; the "
                                         "%s people marked present stay on record.",
                                         session->n_present),
                            session->group_name, date, times, n_present);
  else
    /* Translators: a group's name, a date and times */
    body = g_strdup_printf (_("%s, %s, %s. No attendance can be taken for a cancelled session."),
                            session->group_name, date, times);

  self = g_object_new (PD_TYPE_CANCEL_SESSION_DIALOG,
                       "transient-for", parent,
                       "body", body,
                       NULL);
  self->session_id = session->id;
  return GTK_WIDGET (self);
}

/* The session to cancel. */
gint64
pd_cancel_session_dialog_get_session_id (PdCancelSessionDialog *self)
{
  g_return_val_if_fail (PD_IS_CANCEL_SESSION_DIALOG (self), 0);
  return self->session_id;
}

/* Why it is cancelled, as typed. */
const char *
pd_cancel_session_dialog_get_reason (PdCancelSessionDialog *self)
{
  g_return_val_if_fail (PD_IS_CANCEL_SESSION_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
}
