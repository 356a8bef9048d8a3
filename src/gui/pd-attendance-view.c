/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-attendance.h"
#include "pd-attendance-view-private.h"
#include "pd-early-attendance-dialog.h"
#include "pd-error.h"
#include "pd-first-timer-dialog.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-visits.h"

/* How long a mark waits for another program's write (an import) before the
 * facilitator is asked to mark again, in milliseconds: not the usual five
 * seconds of a frozen window. */
#define BUSY_WAIT 250

G_DEFINE_FINAL_TYPE (PdAttendanceView, pd_attendance_view, PD_TYPE_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PdDatabase *
database (PdAttendanceView *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

gboolean
_pd_attendance_view_takes_names (PdAttendanceView *self)
{
  return self->session != NULL && !self->session->cancelled &&
         g_strcmp0 (self->session->attendance_mode, "headcount") != 0;
}

static gboolean
takes_headcount (PdAttendanceView *self)
{
  return self->session != NULL && !self->session->cancelled &&
         g_strcmp0 (self->session->attendance_mode, "named") != 0;
}

static void
toast (PdAttendanceView *self,
       const char       *message)
{
  pd_toast_show (self->toast_overlay, message);
}

static char *
dup_member_name (PdAttendanceView *self,
                 gint64            member_id)
{
  g_autoptr(PdMember) member = _pd_attendance_view_get_member (self, member_id);

  return member ? pd_member_dup_display_name (member) : g_strdup (_("Unknown member"));
}

static void
update_actions (PdAttendanceView *self)
{
  gboolean names = _pd_attendance_view_takes_names (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.search", names);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.first-timer", names);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.undo",
                                 names && pd_undo_toast_get_shown (self->undo));
}

static void
update_count (PdAttendanceView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *present_text = NULL;
  g_autofree char *headcount_text = NULL;
  g_autoptr(GArray) present = NULL;
  guint n_present = 0;
  guint headcount;

  if (self->session == NULL)
    return;

  if (_pd_attendance_view_takes_names (self))
    {
      g_autoptr(GError) error = NULL;

      present = pd_attendance_present (database (self), self->session_id, &error);
      if (present == NULL)
        g_warning ("Could not count who is present: %s", error->message);
      n_present = present ? present->len : 0;
    }
  headcount = (guint) gtk_spin_button_get_value_as_int (self->headcount_spin);

  present_text = pd_text_format_count (n_present);
  headcount_text = pd_text_format_count (headcount);
  if (self->session->cancelled)
    text = g_strdup (_("Cancelled"));
  else if (!takes_headcount (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s present", "%s present", n_present),
                            present_text);
  else if (!_pd_attendance_view_takes_names (self))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s attended", "%s attended",
                                         headcount),
                            headcount_text);
  else
    {
      g_autofree char *named = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s present",
                                                             "%s present", n_present),
                                                present_text);
      g_autofree char *guests = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s guest",
                                                              "%s guests", headcount),
                                                 headcount_text);

      /* Translators: named attendance, then guests, as in "7 present · 3 guests" */
      text = g_strdup_printf (_("%s · %s"), named, guests);
    }
  gtk_label_set_text (self->count_label, text);
}

static void
offer_undo (PdAttendanceView *self,
            gint64            member_id,
            gboolean          was_mark,
            const char       *message)
{
  self->undo_member_id = member_id;
  self->undo_was_mark = was_mark;
  pd_undo_toast_show (self->undo, message);
}

static char *dup_long_date (const char *starts_at);
static void open_first_timer_dialog (PdAttendanceView *self,
                                     const char       *typed);
static void clear_search (PdAttendanceView *self);

/* Whether the session is on a day still to come and nobody said yet to
 * take its attendance all the same. */
static gboolean
is_early (PdAttendanceView *self)
{
  g_autofree char *today = NULL;

  if (self->session == NULL || self->session->starts_at == NULL ||
      self->early_session_id == self->session_id)
    return FALSE;
  today = pd_date_today ();
  return strncmp (self->session->starts_at, today, 10) > 0;
}

static void
on_early_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PdAttendanceView *self)
{
  g_autofree char *typed = g_steal_pointer (&self->early_typed);

  if (g_strcmp0 (response, "take") != 0 || self->session == NULL)
    return;

  self->early_session_id = self->session_id;
  switch (self->early_what)
    {
    case EARLY_MARK:
      if (_pd_attendance_view_set_present (self, self->early_member_id, TRUE, TRUE))
        clear_search (self);
      break;
    case EARLY_HEADCOUNT:
      gtk_spin_button_set_value (self->headcount_spin, self->early_headcount);
      break;
    case EARLY_FIRST_TIMER:
      open_first_timer_dialog (self, typed);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Asks before the first attendance of a session on a later day is
 * written; what was asked for is done once the person agrees. */
static void
ask_early (PdAttendanceView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *date = dup_long_date (self->session->starts_at);
  GtkWidget *dialog;

  if (self->early_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->early_dialog));
      return;
    }

  dialog = pd_early_attendance_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, date);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_early_response_cb), self, 0);
  self->early_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->early_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes one mark or unmark; the widgets follow the database, also when
 * the write was refused. */
gboolean
_pd_attendance_view_set_present (PdAttendanceView *self,
                                 gint64            member_id,
                                 gboolean          present,
                                 gboolean          undoable)
{
  PdDatabase *db = database (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if (present == pd_attendance_is_present (db, self->session_id, member_id))
    {
      _pd_attendance_view_sync_check (self, member_id);
      return TRUE;
    }
  if (present && is_early (self))
    {
      _pd_attendance_view_sync_check (self, member_id);
      self->early_what = EARLY_MARK;
      self->early_member_id = member_id;
      ask_early (self);
      return FALSE;
    }

  pd_database_set_busy_wait (db, BUSY_WAIT);
  ok = present ? pd_attendance_mark (db, self->session_id, member_id, &error)
               : pd_attendance_unmark (db, self->session_id, member_id, &error);
  pd_database_set_busy_wait (db, PD_DATABASE_BUSY_TIMEOUT_MS);
  if (!ok && g_error_matches (error, PD_ERROR, PD_ERROR_BUSY))
    {
      _pd_attendance_view_sync_check (self, member_id);
      toast (self, present ? _("Another program is saving records; mark them present again "
                               "in a moment")
                           : _("Another program is saving records; mark them absent again in "
                               "a moment"));
      return FALSE;
    }
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the attendance: %s"),
                                               error->message);

      _pd_attendance_view_sync_check (self, member_id);
      toast (self, text);
      return FALSE;
    }

  if (present)
    _pd_attendance_view_add_to_roster (self, member_id);
  _pd_attendance_view_sync_check (self, member_id);
  update_count (self);

  if (undoable)
    {
      name = dup_member_name (self, member_id);
      message = g_strdup_printf (present ? _("%s marked present") : _("%s marked absent"), name);
      offer_undo (self, member_id, present, message);
    }
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Says who Enter is about to mark, so that the top of the list is never a
 * surprise. */
static void
update_enter_hint (PdAttendanceView *self,
                   gboolean          searching)
{
  g_autoptr(PdMember) top = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hint = NULL;

  if (searching)
    top = g_list_model_get_item (G_LIST_MODEL (self->matches), 0);
  gtk_widget_set_visible (GTK_WIDGET (self->enter_hint_label), top != NULL);
  if (top == NULL)
    return;

  name = pd_member_dup_display_name (top);
  {
    g_autoptr(PdMember) next = g_list_model_get_item (G_LIST_MODEL (self->matches), 1);
    g_autofree char *next_name = next ? pd_member_dup_display_name (next) : NULL;

    /* With a namesake just below, the number says which one. */
    if (g_strcmp0 (name, next_name) == 0)
      {
        /* Translators: a member's name and number, "Ángel Zúñiga (M-000123)" */
        char *numbered = g_strdup_printf (_("%s (%s)"), name,
                                          pd_member_get (top, PD_MEMBER_FIELD_NUMBER));

        g_free (name);
        name = numbered;
      }
  }
  if (pd_attendance_is_present (database (self), self->session_id, pd_member_get_id (top)))
    /* Translators: a member's name */
    hint = g_strdup_printf (_("%s is present already"), name);
  else
    /* Translators: a member's name */
    hint = g_strdup_printf (_("Enter marks %s present"), name);
  gtk_label_set_text (self->enter_hint_label, hint);
}

static void
show_body (PdAttendanceView *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = _pd_attendance_view_takes_names (self) && !pd_text_is_blank (query);

  update_enter_hint (self, searching);
  if (self->session == NULL)
    gtk_stack_set_visible_child_name (self->body_stack, "missing");
  else if (self->session->cancelled)
    gtk_stack_set_visible_child_name (self->body_stack, "cancelled");
  else if (!searching)
    gtk_stack_set_visible_child_name (self->body_stack, "roster");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) > 0)
    gtk_stack_set_visible_child_name (self->body_stack, "matches");
  else
    gtk_stack_set_visible_child_name (self->body_stack, "no-matches");
}

/* The list follows the text at once, not after the search delay, when
 * Enter is pressed right after typing. */
static void
apply_query (PdAttendanceView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text));

  pd_member_list_set_query (self->matches, query);
  /* The list keeps its scroll position through a change: a new search
   * starts at its top match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->matches_view), "list.scroll-to-item", "u", 0);
  show_body (self);
}

static void
on_search_changed_cb (PdAttendanceView *self,
                      GtkSearchEntry   *entry)
{
  apply_query (self);
}

static void
clear_search (PdAttendanceView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_query (self);
}

/* Enter marks the top match: three letters of a name and Enter is all it
 * takes for someone not among the regulars. Nobody found offers the
 * first-timer form with what was typed. */
static void
on_search_activate_cb (PdAttendanceView *self,
                       GtkSearchEntry   *entry)
{
  g_autoptr(PdMember) top = NULL;
  g_autofree char *typed = NULL;

  if (!_pd_attendance_view_takes_names (self))
    return;

  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (*typed == '\0')
    return;

  apply_query (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) == 0)
    {
      open_first_timer_dialog (self, typed);
      return;
    }

  top = g_list_model_get_item (G_LIST_MODEL (self->matches), 0);
  if (top == NULL)
    return;

  if (pd_attendance_is_present (database (self), self->session_id, pd_member_get_id (top)))
    {
      g_autofree char *name = pd_member_dup_display_name (top);
      g_autofree char *message = g_strdup_printf (_("%s is already present"), name);

      toast (self, message);
    }
  else if (!_pd_attendance_view_set_present (self, pd_member_get_id (top), TRUE, TRUE))
    return;

  /* Ready for the next name. */
  clear_search (self);
}

static void
on_search_stop_cb (PdAttendanceView *self,
                   GtkSearchEntry   *entry)
{
  clear_search (self);
}

static void
on_headcount_changed_cb (PdAttendanceView *self,
                         GtkSpinButton    *spin)
{
  g_autoptr(GError) error = NULL;
  guint headcount = (guint) gtk_spin_button_get_value_as_int (spin);

  if (self->syncing || self->session == NULL)
    return;

  if (headcount > self->session->headcount && is_early (self))
    {
      self->early_what = EARLY_HEADCOUNT;
      self->early_headcount = headcount;
      self->syncing = TRUE;
      gtk_spin_button_set_value (spin, self->session->headcount);
      self->syncing = FALSE;
      ask_early (self);
      return;
    }

  if (!pd_attendance_set_headcount (database (self), self->session_id, headcount, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the headcount: %s"),
                                               error->message);

      toast (self, text);
      self->syncing = TRUE;
      gtk_spin_button_set_value (spin, self->session->headcount);
      self->syncing = FALSE;
      return;
    }
  self->session->headcount = headcount;
  update_count (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_notes_apply_cb (PdAttendanceView *self,
                   AdwEntryRow      *row)
{
  g_autoptr(GError) error = NULL;
  const char *notes = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->session == NULL)
    return;

  if (!pd_sessions_set_notes (database (self), self->session_id, notes, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the notes: %s"), error->message);

      toast (self, text);
      return;
    }
  g_free (self->session->notes);
  self->session->notes = g_strdup (notes);
  toast (self, _("Notes saved"));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_first_timer (PdAttendanceView *self,
                 const char       *first,
                 const char       *initial)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gint64 member_id;

  member_id = pd_attendance_add_first_timer (database (self), self->session_id, first,
                                             pd_text_is_blank (initial) ? NULL : initial,
                                             &error);
  if (member_id <= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Could not add the first-timer: %s"),
                                               error ? error->message : "");

      toast (self, text);
      return;
    }

  _pd_attendance_view_add_to_roster (self, member_id);
  _pd_attendance_view_sync_check (self, member_id);
  update_count (self);
  clear_search (self);

  name = dup_member_name (self, member_id);
  message = g_strdup_printf (_("Welcome, %s: added and marked present"), name);
  offer_undo (self, member_id, TRUE, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_first_timer_response_cb (PdFirstTimerDialog *dialog,
                            const char         *response,
                            PdAttendanceView   *self)
{
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;

  /* Answered: the next first-timer gets a fresh form. */
  if (self->first_timer_dialog == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->first_timer_dialog);
      self->first_timer_dialog = NULL;
    }

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;

  first = pd_first_timer_dialog_dup_first_name (dialog);
  initial = pd_first_timer_dialog_dup_initial (dialog);
  add_first_timer (self, first, initial);
}

static void
open_first_timer_dialog (PdAttendanceView *self,
                         const char       *typed)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!_pd_attendance_view_takes_names (self))
    return;

  if (self->first_timer_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->first_timer_dialog));
      return;
    }
  if (is_early (self))
    {
      self->early_what = EARLY_FIRST_TIMER;
      g_free (self->early_typed);
      self->early_typed = g_strdup (typed);
      ask_early (self);
      return;
    }

  dialog = pd_first_timer_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, typed);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_first_timer_response_cb), self, 0);
  self->first_timer_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->first_timer_dialog);
  pd_first_timer_dialog_present (PD_FIRST_TIMER_DIALOG (dialog));
}

static void
first_timer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_first_timer_dialog (PD_ATTENDANCE_VIEW (widget), NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdAttendanceView *self = PD_ATTENDANCE_VIEW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdAttendanceView *self = PD_ATTENDANCE_VIEW (widget);

  if (!pd_undo_toast_take (self->undo))
    return;
  _pd_attendance_view_set_present (self, self->undo_member_id, !self->undo_was_mark, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->body_stack), "matches") == 0)
    pd_member_list_refresh (self->matches);
  update_actions (self);
}

static char *
dup_time_range (const PdSession *session)
{
  int y, mo, d, h, mi;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (sscanf (session->starts_at, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5)
    return g_strdup (session->starts_at);
  start = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (start == NULL)
    return g_strdup (session->starts_at);
  end = g_date_time_add_minutes (start, session->duration_minutes);
  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");
  /* Translators: a meeting's start and end times */
  return g_strdup_printf (_("%s–%s"), from, to);
}

static char *
dup_long_date (const char *starts_at)
{
  int y, mo, d;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (starts_at, "%d-%d-%d", &y, &mo, &d) != 3 ||
      (date = g_date_time_new_local (y, mo, d, 0, 0, 0)) == NULL)
    return g_strdup (starts_at);
  /* Translators: a session's date, see g_date_time_format(). xgettext:no-c-format */
  return g_date_time_format (date, _("%A %-d %B %Y"));
}

static void
load_session (PdAttendanceView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *times = NULL;
  g_autofree char *heading = NULL;
  gboolean names, headcount;
  GString *detail;

  g_clear_pointer (&self->session, pd_session_free);
  pd_undo_toast_dismiss (self->undo);
  if (self->first_timer_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->first_timer_dialog));

  if (self->session_id > 0)
    self->session = pd_sessions_get (database (self), self->session_id, &error);

  if (self->session == NULL)
    {
      gtk_label_set_text (self->date_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->count_label, "");
      adw_status_page_set_description (self->missing_status, error ? error->message : NULL);
      gtk_widget_set_visible (self->search_box, FALSE);
      _pd_attendance_view_clear_roster (self);
      show_body (self);
      update_actions (self);
      return;
    }

  names = _pd_attendance_view_takes_names (self);
  headcount = takes_headcount (self);

  date = dup_long_date (self->session->starts_at);
  times = dup_time_range (self->session);
  /* Translators: a session's date, then its start and end times */
  heading = g_strdup_printf (_("%s · %s"), date, times);
  gtk_label_set_text (self->date_label, heading);

  detail = g_string_new (self->session->group_name);
  if (self->session->cancelled)
    g_string_append_printf (detail, " · %s", _("Cancelled"));
  else if (!names)
    g_string_append_printf (detail, " · %s", _("Headcount only: no names are recorded"));
  gtk_label_set_text (self->detail_label, detail->str);
  g_string_free (detail, TRUE);

  gtk_widget_set_visible (self->search_box, names);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), !self->session->cancelled);
  gtk_widget_set_visible (GTK_WIDGET (self->headcount_group), headcount);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), !self->session->cancelled);
  if (names)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->headcount_row),
                                     _("Guests and Anonymous Attendees"));
      adw_action_row_set_subtitle (self->headcount_row, _("People present who are not named"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->headcount_spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Guests and anonymous attendees"), -1);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->headcount_row), _("Attendees"));
      adw_action_row_set_subtitle (self->headcount_row, _("Everyone who came"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->headcount_spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attendees"), -1);
    }

  if (self->session->cancelled)
    {
      g_autofree char *reason = NULL;

      if (!pd_text_is_blank (self->session->cancel_reason))
        {
          /* The status page's description is markup; the reason is typed text. */
          g_autofree char *escaped = g_markup_escape_text (self->session->cancel_reason, -1);

          /* Translators: why a session was cancelled */
          reason = g_strdup_printf (_("Reason: %s"), escaped);
        }
      adw_status_page_set_description (self->cancelled_status,
                                       reason ? reason : _("No reason was given."));
    }

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->headcount_spin, self->session->headcount);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row),
                         self->session->notes ? self->session->notes : "");
  self->syncing = FALSE;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pd_member_list_set_query (self->matches, "");
  pd_member_list_set_session_id (self->matches, self->session_id);
  _pd_attendance_view_build_roster (self);
  update_count (self);
  show_body (self);
  update_actions (self);
}

static void
on_first_map_cb (PdAttendanceView *self)
{
  if (gtk_list_view_get_model (self->matches_view) == NULL)
    gtk_list_view_set_model (self->matches_view, GTK_SELECTION_MODEL (self->matches_selection));
}

static void
pd_attendance_view_constructed (GObject *object)
{
  PdAttendanceView *self = (PdAttendanceView *)object;

  G_OBJECT_CLASS (pd_attendance_view_parent_class)->constructed (object);

  _pd_attendance_view_init_matches (self);
  /* The rows are made when the view is first shown, not while the window
   * opens on another section. */
  g_signal_connect_object (self, "map", G_CALLBACK (on_first_map_cb), NULL, 0);

  load_session (self);
}

static void
pd_attendance_view_dispose (GObject *object)
{
  PdAttendanceView *self = (PdAttendanceView *)object;

  /* The overlay dismisses its toasts as it goes, after the widgets the
   * undo toast's handlers would update. */
  g_clear_object (&self->undo);
  if (self->first_timer_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->first_timer_dialog),
                                    (gpointer *) &self->first_timer_dialog);
      gtk_window_destroy (GTK_WINDOW (self->first_timer_dialog));
      self->first_timer_dialog = NULL;
    }
  if (self->early_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->early_dialog),
                                    (gpointer *) &self->early_dialog);
      gtk_window_destroy (GTK_WINDOW (self->early_dialog));
      self->early_dialog = NULL;
    }
  g_hash_table_remove_all (self->roster_checks);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ATTENDANCE_VIEW);
  g_clear_object (&self->regulars);
  g_clear_object (&self->others);
  g_clear_object (&self->matches_selection);
  g_clear_object (&self->matches);

  G_OBJECT_CLASS (pd_attendance_view_parent_class)->dispose (object);
}

static void
pd_attendance_view_finalize (GObject *object)
{
  PdAttendanceView *self = (PdAttendanceView *)object;

  g_clear_pointer (&self->roster_checks, g_hash_table_unref);
  g_clear_pointer (&self->session, pd_session_free);
  g_clear_pointer (&self->early_typed, g_free);

  G_OBJECT_CLASS (pd_attendance_view_parent_class)->finalize (object);
}

static void
pd_attendance_view_class_init (PdAttendanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_attendance_view_constructed;
  object_class->dispose = pd_attendance_view_dispose;
  object_class->finalize = pd_attendance_view_finalize;

  /**
   * PdAttendanceView::changed:
   *
   * Emitted after the session's attendance, headcount or notes were
   * written, so that lists showing the session can catch up.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-attendance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, date_label);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, search_box);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, first_timer_button);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, enter_hint_label);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, body_stack);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, headcount_group);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, headcount_row);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, headcount_spin);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, regulars_group);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, regulars_list);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, others_group);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, others_list);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, roster_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, notes_group);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, matches_view);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, cancelled_status);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, missing_status);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_headcount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, undo_keys);

  gtk_widget_class_install_action (widget_class, "attendance.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "attendance.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "attendance.first-timer", NULL,
                                   first_timer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "attendance.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_attendance_view_init (PdAttendanceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessible_fix_names (GTK_WIDGET (self));
  _pd_attendance_view_init_roster (self);
  self->undo = pd_undo_toast_new (GTK_WIDGET (self), self->toast_overlay, "attendance.undo");
  pd_undo_toast_watch_keys (self->undo, self->undo_keys);
  g_signal_connect_object (self->undo, "notify::shown", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  /* Ctrl+Z after Enter must take back the mark, not bring the typed name
   * back into the search. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->search_entry), FALSE);
}

GtkWidget *
pd_attendance_view_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_ATTENDANCE_VIEW, "context", context, NULL);
}

/* Shows session @session_id (0 for none), read afresh from the database. */
void
pd_attendance_view_set_session (PdAttendanceView *self,
                                gint64            session_id)
{
  g_return_if_fail (PD_IS_ATTENDANCE_VIEW (self));

  if (session_id != self->session_id && self->early_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->early_dialog));
  self->session_id = session_id;
  load_session (self);
}

gint64
pd_attendance_view_get_session_id (PdAttendanceView *self)
{
  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), 0);
  return self->session_id;
}

/* The session as last read, or NULL if there is none. */
const PdSession *
pd_attendance_view_get_session (PdAttendanceView *self)
{
  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), NULL);
  return self->session;
}

/* Reads the session again, after a change made elsewhere (a cancellation). */
void
pd_attendance_view_reload (PdAttendanceView *self)
{
  g_return_if_fail (PD_IS_ATTENDANCE_VIEW (self));
  load_session (self);
}

/* Puts the focus where taking attendance starts: the search, or the
 * headcount when no names are taken. */
void
pd_attendance_view_focus (PdAttendanceView *self)
{
  g_return_if_fail (PD_IS_ATTENDANCE_VIEW (self));

  if (_pd_attendance_view_takes_names (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (takes_headcount (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->headcount_spin));
}
