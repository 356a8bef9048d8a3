/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-add-session-dialog.h"
#include "pd-text.h"

/* Asks for the date and time of a one-off session of a group, besides its
 * schedule. "add" is its yes, enabled while both fields are right. */
struct _PdAddSessionDialog
{
  AdwMessageDialog parent_instance;

  /* Template widgets */
  GtkWidget *date_entry;
  GtkWidget *time_entry;

  /* Owned */
  gint64 group_id;
  gboolean has_start_time;
};

G_DEFINE_FINAL_TYPE (PdAddSessionDialog, pd_add_session_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* "18:00", and nothing looser. */
static gboolean
is_time (const char *text)
{
  return text != NULL && strlen (text) == 5 && g_ascii_isdigit (text[0]) &&
         g_ascii_isdigit (text[1]) && text[2] == ':' && g_ascii_isdigit (text[3]) &&
         g_ascii_isdigit (text[4]) && (text[0] - '0') * 10 + (text[1] - '0') < 24 &&
         text[3] < '6';
}

static void
on_entry_changed_cb (PdAddSessionDialog *self,
                     GtkEditable        *entry)
{
  GDate parsed;
  gboolean date_ok = pd_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                                    &parsed);
  gboolean time_ok = is_time (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)));

  /* The field that is wrong says so, as the group form's fields do. */
  if (date_ok)
    gtk_widget_remove_css_class (self->date_entry, "error");
  else
    gtk_widget_add_css_class (self->date_entry, "error");
  if (time_ok)
    gtk_widget_remove_css_class (self->time_entry, "error");
  else
    gtk_widget_add_css_class (self->time_entry, "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", date_ok && time_ok);
}

/* The date is today's unless the group has no time to start at. */
static void
pd_add_session_dialog_show (GtkWidget *widget)
{
  PdAddSessionDialog *self = PD_ADD_SESSION_DIALOG (widget);

  GTK_WIDGET_CLASS (pd_add_session_dialog_parent_class)->show (widget);
  gtk_widget_grab_focus (self->has_start_time ? self->date_entry : self->time_entry);
}

static void
pd_add_session_dialog_class_init (PdAddSessionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->show = pd_add_session_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-add-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAddSessionDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAddSessionDialog, time_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
pd_add_session_dialog_init (PdAddSessionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_add_session_dialog_new (GtkWindow     *parent,
                           const PdGroup *group)
{
  PdAddSessionDialog *self;
  g_autofree char *today = pd_date_today ();
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  /* Translators: a group's name */
  body = g_strdup_printf (_("A one-off session of “%s”, besides its schedule. It lasts %u "
                            "minutes, as the group’s sessions do."),
                          group->name, group->duration_minutes);
  self = g_object_new (PD_TYPE_ADD_SESSION_DIALOG,
                       "transient-for", parent,
                       "body", body,
                       NULL);
  self->group_id = group->id;
  self->has_start_time = !pd_text_is_blank (group->start_time);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry),
                         self->has_start_time ? group->start_time : "");
  on_entry_changed_cb (self, GTK_EDITABLE (self->date_entry));
  return GTK_WIDGET (self);
}

/* The group the session is for. */
gint64
pd_add_session_dialog_get_group_id (PdAddSessionDialog *self)
{
  g_return_val_if_fail (PD_IS_ADD_SESSION_DIALOG (self), 0);
  return self->group_id;
}

/* The session's start as the core takes it, "2024-05-02T18:00". */
char *
pd_add_session_dialog_dup_starts_at (PdAddSessionDialog *self)
{
  g_return_val_if_fail (PD_IS_ADD_SESSION_DIALOG (self), NULL);
  return g_strdup_printf ("%sT%s", gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                          gtk_editable_get_text (GTK_EDITABLE (self->time_entry)));
}
