/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-attendance.h"
#include "pd-attendance-view.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-toast.h"
#include "pd-visits.h"

/* How long a mark waits for another program's write (an import) before the
 * facilitator is asked to mark again, in milliseconds: not the usual five
 * seconds of a frozen window. */
#define BUSY_WAIT 250

/* The attendance screen of one session. Attendance is written as it is
 * taken, one mark at a time, so a laptop that runs out of battery halfway
 * through a meeting loses nothing. */
struct _PdAttendanceView
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkLabel *date_label;
  GtkLabel *detail_label;
  GtkLabel *count_label;
  GtkWidget *search_box;
  GtkSearchEntry *search_entry;
  GtkWidget *first_timer_button;
  GtkLabel *enter_hint_label;
  GtkStack *body_stack;
  AdwPreferencesGroup *headcount_group;
  AdwActionRow *headcount_row;
  GtkSpinButton *headcount_spin;
  AdwPreferencesGroup *regulars_group;
  GtkListBox *regulars_list;
  AdwPreferencesGroup *others_group;
  GtkListBox *others_list;
  GtkWidget *roster_empty_label;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow *notes_row;
  GtkListView *matches_view;
  AdwStatusPage *no_matches_status;
  AdwStatusPage *cancelled_status;
  AdwStatusPage *missing_status;

  /* Borrowed: the roster's check button of each member, by id */
  GHashTable *roster_checks;

  /* Owned */
  PdContext *context;
  PdSession *session;
  gint64 session_id;
  PdMemberList *matches;
  GtkNoSelection *matches_selection;
  GtkWidget *first_timer_dialog;   /* weak */
  AdwToast *undo_toast;
  gint64 undo_member_id;
  gboolean undo_was_mark;
  gboolean syncing;                /* setting widgets from the database */

  /* Attendance of a session on a later day is taken only once asked: a
   * wrong row picked on a group's page must not count people present. */
  gint64 early_session_id;         /* the later session confirmed */
  GtkWidget *early_dialog;         /* weak */
  enum { EARLY_MARK, EARLY_HEADCOUNT, EARLY_FIRST_TIMER } early_what;
  gint64 early_member_id;
  guint early_headcount;
  char *early_typed;
};

G_DEFINE_FINAL_TYPE (PdAttendanceView, pd_attendance_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static PdDatabase *
database (PdAttendanceView *self)
{
  return pd_context_get_database (self->context);
}

static gboolean
takes_names (PdAttendanceView *self)
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

static gint64
check_member_id (GtkCheckButton *check)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "pd-member-id");

  return id ? *id : 0;
}

static void
set_check_member_id (GtkCheckButton *check,
                     gint64          id)
{
  g_object_set_data_full (G_OBJECT (check), "pd-member-id", g_memdup2 (&id, sizeof id), g_free);
}

static char *
dup_member_name (PdAttendanceView *self,
                 gint64            member_id)
{
  g_autoptr(PdMember) member = pd_members_get (database (self), member_id, NULL);

  return member ? pd_member_dup_display_name (member) : g_strdup (_("Unknown member"));
}

/* What tells two members of one name apart at a meeting, within what a
 * facilitator sees: besides the member number, when they last came to
 * this group. Sets @detail to "M-000123 · last here Tuesday" and @label,
 * for a screen reader, to "Ángel Zúñiga, M-000123, last here Tuesday". */
static void
describe_member (PdAttendanceView  *self,
                 PdMember          *member,
                 char             **detail,
                 char             **label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  g_autofree char *name = pd_member_dup_display_name (member);
  g_autofree char *last = NULL;
  const char *number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);

  at = pd_attendance_last_at_group (database (self), self->session_id,
                                    pd_member_get_id (member), &error);
  if (error != NULL)
    g_warning ("Could not read when a member last came: %s", error->message);
  if (at != NULL)
    {
      g_autofree char *day = pd_describe_day (at, NULL);

      /* Translators: when a member last came to this group, "last here Tuesday" */
      last = g_strdup_printf (_("last here %s"), day);
    }
  else
    last = g_strdup (_("new to this group"));
  /* Translators: a member number, then "last here Tuesday" */
  *detail = g_strdup_printf (_("%s · %s"), number, last);
  /* Translators: a list row read by a screen reader: a name, a member
   * number, then "last here Tuesday" */
  *label = g_strdup_printf (_("%s, %s, %s"), name, number, last);
}

static void
update_actions (PdAttendanceView *self)
{
  gboolean names = takes_names (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.search", names);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.first-timer", names);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.undo",
                                 names && self->undo_toast != NULL);
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

  if (takes_names (self))
    {
      present = pd_attendance_present (database (self), self->session_id, NULL);
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
  else if (!takes_names (self))
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

/* Sets the roster's check of @member_id to what the database says, without
 * taking it for a click. */
static void
sync_check (PdAttendanceView *self,
            gint64            member_id)
{
  GtkCheckButton *check = g_hash_table_lookup (self->roster_checks, &member_id);

  if (check == NULL)
    return;
  self->syncing = TRUE;
  gtk_check_button_set_active (check, pd_attendance_is_present (database (self), self->session_id,
                                                                member_id));
  self->syncing = FALSE;
}

static void on_check_toggled_cb (PdAttendanceView *self,
                                 GtkCheckButton   *check);

static GtkWidget *
create_roster_row (PdAttendanceView *self,
                   PdMember         *member)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *name = pd_member_dup_display_name (member);
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  gint64 id = pd_member_get_id (member);

  describe_member (self, member, &detail, &label);

  /* Names are shown as typed, never read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* The check's name says all the row does; its title would repeat it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_check_member_id (GTK_CHECK_BUTTON (check), id);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               pd_attendance_is_present (database (self), self->session_id, id));
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->roster_checks, g_memdup2 (&id, sizeof id), check);
  return row;
}

static void
update_roster_visibility (PdAttendanceView *self)
{
  gboolean names = takes_names (self);
  gboolean has_regulars = gtk_widget_get_first_child (GTK_WIDGET (self->regulars_list)) != NULL;
  gboolean has_others = gtk_widget_get_first_child (GTK_WIDGET (self->others_list)) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->regulars_group), names && has_regulars);
  gtk_widget_set_visible (GTK_WIDGET (self->others_group), names && has_others);
  gtk_widget_set_visible (self->roster_empty_label, names && !has_regulars && !has_others);
  /* Without regulars there is nobody for "also" to be beside. */
  adw_preferences_group_set_title (self->others_group,
                                   has_regulars ? _("Also Present") : _("Present"));
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static int
compare_members_by_name (gconstpointer a,
                         gconstpointer b)
{
  PdMember *ma = *(PdMember **) a;
  PdMember *mb = *(PdMember **) b;
  g_autofree char *na = pd_member_dup_display_name (ma);
  g_autofree char *nb = pd_member_dup_display_name (mb);

  return g_utf8_collate (na, nb);
}

/* Reads the members of @ids, sorted by name, leaving out those in @skip. */
static GPtrArray *
members_by_name (PdAttendanceView *self,
                 GArray           *ids,
                 GHashTable       *skip)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      PdMember *member;

      if (skip != NULL && g_hash_table_contains (skip, &id))
        continue;
      member = pd_members_get (database (self), id, NULL);
      if (member != NULL)
        g_ptr_array_add (members, member);
    }
  g_ptr_array_sort (members, compare_members_by_name);
  return members;
}

/* Regulars first, so that most of a meeting is taken with a click each;
 * then whoever else is present. */
static void
build_roster (PdAttendanceView *self)
{
  g_autoptr(GArray) regulars = NULL;
  g_autoptr(GArray) present = NULL;
  g_autoptr(GPtrArray) regular_members = NULL;
  g_autoptr(GPtrArray) other_members = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->roster_checks);
  remove_all_rows (self->regulars_list);
  remove_all_rows (self->others_list);

  if (takes_names (self))
    {
      regulars = pd_attendance_regulars (database (self), self->session_id, &error);
      if (regulars == NULL)
        {
          toast (self, error->message);
          g_clear_error (&error);
        }
      present = pd_attendance_present (database (self), self->session_id, &error);
      if (present == NULL)
        toast (self, error->message);

      regular_members = members_by_name (self, regulars, NULL);
      for (guint i = 0; i < regular_members->len; i++)
        gtk_list_box_append (self->regulars_list,
                             create_roster_row (self, g_ptr_array_index (regular_members, i)));

      other_members = members_by_name (self, present, self->roster_checks);
      for (guint i = 0; i < other_members->len; i++)
        gtk_list_box_append (self->others_list,
                             create_roster_row (self, g_ptr_array_index (other_members, i)));
    }
  update_roster_visibility (self);
}

/* Someone marked present who is not on the roster yet joins it, so that
 * they can be unticked with a click like everyone else. */
static void
add_to_roster (PdAttendanceView *self,
               gint64            member_id)
{
  g_autoptr(PdMember) member = NULL;

  if (g_hash_table_contains (self->roster_checks, &member_id))
    return;
  member = pd_members_get (database (self), member_id, NULL);
  if (member == NULL)
    return;
  gtk_list_box_append (self->others_list, create_roster_row (self, member));
  update_roster_visibility (self);
}

static void
on_undo_toast_dismissed_cb (PdAttendanceView *self,
                            AdwToast         *dismissed)
{
  if (dismissed == self->undo_toast)
    {
      g_clear_object (&self->undo_toast);
      update_actions (self);
    }
}

static void
clear_undo (PdAttendanceView *self)
{
  g_autoptr(AdwToast) pending = g_steal_pointer (&self->undo_toast);

  if (pending != NULL)
    {
      g_signal_handlers_disconnect_by_data (pending, self);
      adw_toast_dismiss (pending);
    }
}

static void
offer_undo (PdAttendanceView *self,
            gint64            member_id,
            gboolean          was_mark,
            const char       *message)
{
  AdwToast *toast;

  self->undo_member_id = member_id;
  self->undo_was_mark = was_mark;

  toast = pd_undo_toast_show (self->toast_overlay, self->undo_toast, message, "attendance.undo");
  if (toast != NULL)
    {
      self->undo_toast = toast;
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_actions (self);
}

static char *dup_long_date (const char *starts_at);
static void open_first_timer_dialog (PdAttendanceView *self,
                                     const char       *typed);
static gboolean set_present (PdAttendanceView *self,
                             gint64            member_id,
                             gboolean          present,
                             gboolean          undoable);
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
      if (set_present (self, self->early_member_id, TRUE, TRUE))
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

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Take Attendance Early?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This session is on %s, which has not come yet. Attendance "
                                    "is taken on the day of the meeting."), date);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "take", _("_Take Attendance"),
                                    NULL);
  /* Enter must not count anyone present at a meeting still to come. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_early_response_cb), self, 0);
  self->early_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->early_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes one mark or unmark; the widgets follow the database, also when
 * the write was refused. */
static gboolean
set_present (PdAttendanceView *self,
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
      sync_check (self, member_id);
      return TRUE;
    }
  if (present && is_early (self))
    {
      sync_check (self, member_id);
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
      sync_check (self, member_id);
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

      sync_check (self, member_id);
      toast (self, text);
      return FALSE;
    }

  if (present)
    add_to_roster (self, member_id);
  sync_check (self, member_id);
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

static void
on_check_toggled_cb (PdAttendanceView *self,
                     GtkCheckButton   *check)
{
  gint64 member_id = check_member_id (check);

  if (self->syncing || member_id == 0)
    return;
  set_present (self, member_id, gtk_check_button_get_active (check), TRUE);
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
  gboolean searching = takes_names (self) && !pd_text_is_blank (query);

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

static void open_first_timer_dialog (PdAttendanceView *self,
                                     const char       *typed);

/* Enter marks the top match: three letters of a name and Enter is all it
 * takes for someone not among the regulars. Nobody found offers the
 * first-timer form with what was typed. */
static void
on_search_activate_cb (PdAttendanceView *self,
                       GtkSearchEntry   *entry)
{
  g_autoptr(PdMember) top = NULL;
  g_autofree char *typed = NULL;

  if (!takes_names (self))
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
  else if (!set_present (self, pd_member_get_id (top), TRUE, TRUE))
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

/* Matches are rows of the paged member list, each a check button holding
 * the name, so that a click or Space toggles whoever it is. */
static void
setup_match_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PdAttendanceView         *self)
{
  GtkWidget *check = gtk_check_button_new ();
  /* Two lines: on a narrow laptop the name keeps the width. */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_inscription_new (NULL);
  GtkWidget *number = gtk_inscription_new (NULL);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (name),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (number),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), number);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_top (check, 3);
  gtk_widget_set_margin_bottom (check, 3);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, check);
  /* The check button takes the clicks and Space itself. */
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_match_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdAttendanceView         *self)
{
  PdMember *member = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *number = gtk_widget_get_next_sibling (name);
  g_autofree char *display = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  gint64 id;

  if (member == NULL)
    return;

  id = pd_member_get_id (member);
  display = pd_member_dup_display_name (member);
  describe_member (self, member, &detail, &label);
  gtk_inscription_set_text (GTK_INSCRIPTION (name), display);
  gtk_inscription_set_text (GTK_INSCRIPTION (number), detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  set_check_member_id (GTK_CHECK_BUTTON (check), id);
  self->syncing = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               pd_attendance_is_present (database (self), self->session_id, id));
  self->syncing = FALSE;
}

static void
unbind_match_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PdAttendanceView         *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *name = gtk_widget_get_first_child (box);

  set_check_member_id (GTK_CHECK_BUTTON (check), 0);
  gtk_inscription_set_text (GTK_INSCRIPTION (name), NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_next_sibling (name)), NULL);
}

/* "Ana R" or "Ana Rivera" typed in the search becomes "Ana" and "R". */
static void
split_typed_name (const char  *typed,
                  char       **first,
                  char       **initial)
{
  g_auto(GStrv) words = g_strsplit_set (typed ? typed : "", " \t", -1);
  guint n = 0;

  *first = NULL;
  *initial = NULL;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (n == 0)
        *first = g_strdup (words[i]);
      else if (n == 1)
        *initial = g_utf8_substring (words[i], 0, 1);
      n++;
    }
}

static void
on_first_timer_name_changed_cb (GtkEditable      *entry,
                                AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "add",
                                           !pd_text_is_blank (gtk_editable_get_text (entry)));
}

static void
on_first_timer_entry_activate_cb (GtkEntry         *entry,
                                  AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "add"))
    adw_message_dialog_response (dialog, "add");
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

  add_to_roster (self, member_id);
  sync_check (self, member_id);
  update_count (self);
  clear_search (self);

  name = dup_member_name (self, member_id);
  message = g_strdup_printf (_("Welcome, %s: added and marked present"), name);
  offer_undo (self, member_id, TRUE, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_first_timer_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PdAttendanceView *self)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *first = gtk_widget_get_first_child (box);
  GtkWidget *initial = gtk_widget_get_next_sibling (first);
  g_autofree char *first_text = NULL;
  g_autofree char *initial_text = NULL;

  /* Answered: the next first-timer gets a fresh form. */
  if (self->first_timer_dialog == GTK_WIDGET (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->first_timer_dialog);
      self->first_timer_dialog = NULL;
    }

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;

  first_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (first))));
  initial_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (initial))));
  add_first_timer (self, first_text, initial_text);
}

static GtkWidget *
create_dialog_entry (const char *placeholder,
                     const char *label,
                     const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return entry;
}

static void
open_first_timer_dialog (PdAttendanceView *self,
                         const char       *typed)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *first_text = NULL;
  g_autofree char *initial_text = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *first;
  GtkWidget *initial;

  if (!takes_names (self))
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

  split_typed_name (typed, &first_text, &initial_text);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add a First-Timer"),
                                   _("A first name is enough. They are added as a member and "
                                     "marked present; the rest can be filled in later."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  first = create_dialog_entry (_("First name"), _("First name"), first_text);
  initial = create_dialog_entry (_("Last initial (optional)"), _("Last initial"), initial_text);
  gtk_entry_set_max_length (GTK_ENTRY (initial), 1);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), initial);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add and Mark Present"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add",
                                           !pd_text_is_blank (first_text));

  g_signal_connect_object (first, "changed", G_CALLBACK (on_first_timer_name_changed_cb),
                           dialog, 0);
  g_signal_connect_object (first, "activate", G_CALLBACK (on_first_timer_entry_activate_cb),
                           dialog, 0);
  g_signal_connect_object (initial, "activate", G_CALLBACK (on_first_timer_entry_activate_cb),
                           dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_first_timer_response_cb), self, 0);

  self->first_timer_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->first_timer_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  /* With a name already there, the initial is what is left to type. */
  gtk_widget_grab_focus (first_text != NULL && initial_text == NULL ? initial : first);
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
  g_autoptr(AdwToast) pending = g_steal_pointer (&self->undo_toast);

  if (pending == NULL)
    return;
  g_signal_handlers_disconnect_by_data (pending, self);
  adw_toast_dismiss (pending);
  set_present (self, self->undo_member_id, !self->undo_was_mark, FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->body_stack), "matches") == 0)
    pd_member_list_refresh (self->matches);
  update_actions (self);
}

/* Ctrl+Z takes back the mark its toast shows, wherever the focus is, the
 * search included, whose own Ctrl+Z would swallow it; once the toast is
 * gone, the key goes on as usual. */
static gboolean
on_undo_key_pressed_cb (PdAttendanceView      *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  state &= gtk_accelerator_get_default_mod_mask ();
  if ((keyval != GDK_KEY_z && keyval != GDK_KEY_Z) || state != GDK_CONTROL_MASK ||
      self->undo_toast == NULL || !takes_names (self))
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "attendance.undo", NULL);
  return TRUE;
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
  clear_undo (self);
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
      g_hash_table_remove_all (self->roster_checks);
      remove_all_rows (self->regulars_list);
      remove_all_rows (self->others_list);
      show_body (self);
      update_actions (self);
      return;
    }

  names = takes_names (self);
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
  build_roster (self);
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
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (pd_attendance_view_parent_class)->constructed (object);

  self->matches = pd_member_list_new_for_session (database (self), self->session_id);
  self->matches_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_match_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_match_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_match_cb), self, 0);
  gtk_list_view_set_factory (self->matches_view, factory);
  /* The rows are made when the view is first shown, not while the window
   * opens on another section. */
  g_signal_connect_object (self, "map", G_CALLBACK (on_first_map_cb), NULL, 0);

  load_session (self);
}

static void
pd_attendance_view_dispose (GObject *object)
{
  PdAttendanceView *self = (PdAttendanceView *)object;

  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
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
  g_clear_object (&self->undo_toast);
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
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_attendance_view_parent_class)->finalize (object);
}

static void
pd_attendance_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PdAttendanceView *self = PD_ATTENDANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_attendance_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PdAttendanceView *self = PD_ATTENDANCE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_attendance_view_class_init (PdAttendanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_attendance_view_constructed;
  object_class->dispose = pd_attendance_view_dispose;
  object_class->finalize = pd_attendance_view_finalize;
  object_class->get_property = pd_attendance_view_get_property;
  object_class->set_property = pd_attendance_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, no_matches_status);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, cancelled_status);
  gtk_widget_class_bind_template_child (widget_class, PdAttendanceView, missing_status);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_headcount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_key_pressed_cb);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "undo_keys", FALSE, 0);

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
  self->roster_checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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

/* The members matching the search, as the list shows them. */
PdMemberList *
pd_attendance_view_get_matches (PdAttendanceView *self)
{
  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), NULL);
  return self->matches;
}

/* The check button of @member_id on the roster, or NULL if they are not on it. */
GtkCheckButton *
pd_attendance_view_get_roster_check (PdAttendanceView *self,
                                     gint64            member_id)
{
  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), NULL);
  return g_hash_table_lookup (self->roster_checks, &member_id);
}

/* The members on the roster, as gint64 ids in the order shown: regulars
 * first. */
GArray *
pd_attendance_view_dup_roster (PdAttendanceView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkListBox *lists[2];

  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), ids);

  lists[0] = self->regulars_list;
  lists[1] = self->others_list;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
         row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, self->roster_checks);
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (gtk_widget_is_ancestor (value, row))
            g_array_append_val (ids, *(gint64 *) key);
      }
  return ids;
}

/* Puts the focus where taking attendance starts: the search, or the
 * headcount when no names are taken. */
void
pd_attendance_view_focus (PdAttendanceView *self)
{
  g_return_if_fail (PD_IS_ATTENDANCE_VIEW (self));

  if (takes_names (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else if (takes_headcount (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->headcount_spin));
}
