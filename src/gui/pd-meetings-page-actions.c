/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-add-session-dialog.h"
#include "pd-cancel-session-dialog.h"
#include "pd-group-editor.h"
#include "pd-meetings-page-private.h"
#include "pd-print-documents.h"
#include "pd-print-operation.h"
#include "pd-text.h"
#include "pd-toast.h"
#include "pd-volunteers.h"

/* The Meetings page's actions: new and edit group, add sessions from the
 * schedules or one by hand, cancel a session, log its facilitator's hours,
 * print its sign-in sheet, and back. */

static PdDatabase *
database (PdMeetingsPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

/* Turns the schedules of the next weeks into sessions; returns how many
 * were added. */
guint
pd_meetings_page_generate (PdMeetingsPage  *self,
                           GError         **error)
{
  g_autofree char *today = pd_date_today ();
  g_autofree char *last = NULL;
  g_autoptr(GError) local_error = NULL;
  GDate date;
  guint n;

  g_return_val_if_fail (PD_IS_MEETINGS_PAGE (self), 0);

  pd_date_parse (today, &date);
  g_date_add_days (&date, PD_MEETINGS_GENERATE_WEEKS * 7 - 1);
  last = pd_date_to_iso (&date);

  n = pd_sessions_generate (database (self), today, last, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  g_free (self->generated_on);
  self->generated_on = g_steal_pointer (&today);
  return n;
}

/* Adds the coming weeks' sessions quietly; only a failure is worth a word. */
void
_pd_meetings_page_generate_quietly (PdMeetingsPage *self)
{
  g_autoptr(GError) error = NULL;

  pd_meetings_page_generate (self, &error);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not add sessions from the "
                                                    "schedules: %s"),
                                                  error->message);

      pd_toast_show (self->toast_overlay, message);
    }
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n;

  n = pd_meetings_page_generate (self, &error);
  if (error != NULL)
    message = g_strdup_printf (_("Could not add sessions from the schedules: %s"),
                               error->message);
  else if (n == 0)
    message = g_strdup_printf (_("The schedules’ sessions for the next %u weeks are all there "
                                 "already"),
                               PD_MEETINGS_GENERATE_WEEKS);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u session added from the schedules",
                                            "%u sessions added from the schedules", n),
                               n);
  pd_toast_show (self->toast_overlay, message);
  pd_meetings_page_refresh (self);
}

/* A one-off group has no schedule to make its session from: its one
 * session is added when it is saved with a time and no sessions yet. */
static void
add_one_off_session (PdMeetingsPage *self,
                     gint64          group_id)
{
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *starts_at = NULL;

  group = pd_groups_get (database (self), group_id, &error);
  if (group == NULL)
    {
      g_warning ("Could not read the group just saved: %s", error->message);
      return;
    }
  if (group->weekdays != 0 || group->archived || pd_text_is_blank (group->start_time))
    return;

  upcoming = pd_sessions_list_for_group (database (self), group_id, TRUE, 0, 1, &error);
  if (upcoming != NULL)
    past = pd_sessions_list_for_group (database (self), group_id, FALSE, 0, 1, &error);
  if (past == NULL)
    {
      g_warning ("Could not read the sessions of the group just saved: %s", error->message);
      return;
    }
  if (upcoming->len > 0 || past->len > 0)
    return;

  starts_at = g_strdup_printf ("%sT%s", group->start_date, group->start_time);
  if (pd_sessions_add (database (self), group_id, starts_at, 0, &error) == 0)
    pd_toast_show (self->toast_overlay, error->message);
}

static void
on_group_saved_cb (PdMeetingsPage *self,
                   gint64          group_id,
                   PdGroupEditor  *editor)
{
  add_one_off_session (self, group_id);
  _pd_meetings_page_generate_quietly (self);
  _pd_meetings_page_refresh_sidebar (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "attendance") == 0)
    {
      pd_attendance_view_reload (self->attendance_view);
      _pd_meetings_page_update_header (self);
    }
  else
    _pd_meetings_page_show_group (self, group_id, TRUE);
}

static void
open_editor (PdMeetingsPage *self,
             gint64          group_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PdGroupEditor *editor;

  editor = pd_group_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                pd_page_get_context (PD_PAGE (self)),
                                group_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_group_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_editor (PD_MEETINGS_PAGE (widget), 0);
}

static void
edit_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);

  if (self->group_id > 0)
    open_editor (self, self->group_id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "attendance") == 0 &&
      self->from_group)
    _pd_meetings_page_show_group (self, self->group_id, TRUE);
  else if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static GtkWindow *
parent_window (PdMeetingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_cancel_response_cb (PdMeetingsPage        *self,
                       const char            *response,
                       PdCancelSessionDialog *dialog)
{
  gint64 session_id = pd_cancel_session_dialog_get_session_id (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "cancel-session") != 0)
    return;

  if (!pd_sessions_cancel (database (self), session_id,
                           pd_cancel_session_dialog_get_reason (dialog), &error))
    {
      pd_toast_show (self->toast_overlay, error->message);
      return;
    }
  if (pd_attendance_view_get_session_id (self->attendance_view) == session_id)
    pd_attendance_view_reload (self->attendance_view);
  _pd_meetings_page_update_header (self);
  pd_meetings_page_refresh (self);
  pd_toast_show (self->toast_overlay, _("Session cancelled"));
}

/* A facilitator's hours for a session, logged in one step: the session's
 * length, as the group-facilitator activity, for the group's volunteer
 * facilitator. */
static void
log_hours_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  gint64 session_id = pd_attendance_view_get_session_id (self->attendance_view);
  g_autoptr(GError) error = NULL;

  if (pd_hours_log_session (database (self), session_id, &error) == 0)
    pd_toast_show (self->toast_overlay, error->message);
  else
    pd_toast_show (self->toast_overlay, _("The facilitator’s hours are logged"));
}

/* A sheet to pass round the room, for those who came without a laptop
 * taking attendance, or for a meeting held where there is none. */
static void
print_sign_in_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  gint64 session_id = pd_attendance_view_get_session_id (self->attendance_view);
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (session_id <= 0)
    return;
  doc = pd_print_sign_in_sheet (database (self), session_id, &error);
  if (doc == NULL)
    {
      pd_toast_show (self->toast_overlay, error->message);
      return;
    }
  pd_print_document (widget, doc);
}

static void
cancel_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  gint64 session_id = pd_attendance_view_get_session_id (self->attendance_view);
  g_autoptr(PdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  /* Read afresh: the count of people present changes as attendance is taken. */
  session = pd_sessions_get (database (self), session_id, &error);
  if (session == NULL)
    g_warning ("Could not read the session to cancel: %s", error->message);
  if (session == NULL || session->cancelled)
    return;

  dialog = pd_cancel_session_dialog_new (parent_window (self), session);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_session_response_cb (PdMeetingsPage     *self,
                            const char         *response,
                            PdAddSessionDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *starts_at = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;

  starts_at = pd_add_session_dialog_dup_starts_at (dialog);
  if (pd_sessions_add (database (self), pd_add_session_dialog_get_group_id (dialog), starts_at, 0,
                       &error) == 0)
    {
      pd_toast_show (self->toast_overlay, error->message);
      return;
    }
  pd_toast_show (self->toast_overlay, _("Session added"));
  pd_meetings_page_refresh (self);
}

static void
add_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdGroup) group = pd_groups_get (database (self), self->group_id, &error);
  GtkWidget *dialog;

  if (group == NULL)
    {
      g_warning ("Could not read the group to add a session to: %s", error->message);
      return;
    }

  dialog = pd_add_session_dialog_new (parent_window (self), group);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_session_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_pd_meetings_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "meetings.new-group", NULL, new_group_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit-group", NULL, edit_group_action);
  gtk_widget_class_install_action (widget_class, "meetings.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "meetings.add-session", NULL,
                                   add_session_action);
  gtk_widget_class_install_action (widget_class, "meetings.cancel-session", NULL,
                                   cancel_session_action);
  gtk_widget_class_install_action (widget_class, "meetings.log-hours", NULL, log_hours_action);
  gtk_widget_class_install_action (widget_class, "meetings.print-sign-in", NULL,
                                   print_sign_in_action);
  gtk_widget_class_install_action (widget_class, "meetings.back", NULL, back_action);
  gtk_widget_class_install_property_action (widget_class, "meetings.show-archived",
                                            "show-archived");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "meetings.new-group", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "meetings.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "meetings.print-sign-in", NULL);
}
