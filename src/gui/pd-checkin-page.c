/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-checkin-page.h"
#include "pd-checkin-panes.h"
#include "pd-error.h"
#include "pd-field-error.h"
#include "pd-member-list.h"
#include "pd-members.h"
#include "pd-primary-menu.h"
#include "pd-text.h"
#include "pd-toast.h"

#define DESK_NAME_KEY "desk-name"

/* The match list shows the best few; more means the name needs more letters. */
#define MAX_MATCHES 50

/* A New Visitor of the name of someone seen within this many days may be
 * them. */
#define NAMESAKE_DAYS 90
#define MAX_NAMESAKES 3

/* A second check-in of one member within this many minutes is asked about. */
#define REPEAT_MINUTES 60

/* A birth year older than this many years is a typing mistake. */
#define MAX_AGE 110

/* While another program (an import) holds the database's write lock, a
 * check-in waits this long at the key press, then is kept and tried again
 * every RETRY_INTERVAL without waiting at all, so the window never
 * freezes; on closing, the check-ins still kept get one last, longer
 * wait. In milliseconds. */
#define FIRST_WAIT 250
#define RETRY_INTERVAL 1000
#define CLOSING_WAIT 30000

/* A check-in the database could not take yet, with everything needed to
 * save it later as it was meant at the key press. */
typedef struct
{
  gint64 member_id;               /* 0 for an anonymous visit */
  gint64 purpose_id;
  char *at;                       /* the time of the key press */
  char *recorded_by;
  char *title;                    /* the confirmation to show once saved */
} WaitingCheckin;

static void
waiting_checkin_free (WaitingCheckin *checkin)
{
  g_free (checkin->at);
  g_free (checkin->recorded_by);
  g_free (checkin->title);
  g_free (checkin);
}

struct _PdCheckinPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *title;
  GtkLabel *desk_label;
  PdCheckinPanes *panes;
  GtkSearchEntry *search_entry;
  GtkDropDown *purpose_dropdown;
  GtkRevealer *newcomer_revealer;
  AdwEntryRow *first_name_row;
  AdwEntryRow *last_initial_row;
  AdwEntryRow *birth_year_row;
  GtkStack *match_stack;
  GtkListView *match_list;
  GtkWidget *more_label;
  GtkLabel *counts_label;
  GtkStack *today_stack;
  GtkListView *today_list;
  GtkRevealer *waiting_revealer;
  GtkSpinner *waiting_spinner;
  GtkLabel *waiting_label;

  /* Owned */
  PdContext *context;
  PdMemberList *members;
  GtkSliceListModel *matches;     /* the first MAX_MATCHES members, none when not searching */
  GtkSingleSelection *match_selection;  /* the highlighted match, which Enter checks in */
  GtkStringList *purpose_labels;
  GArray *purpose_ids;            /* gint64, in the order of purpose_labels */
  gint64 default_purpose_id;
  GtkStringList *today_model;     /* visit ids, newest first */
  GHashTable *today_visits;       /* visit id → PdVisit */
  GHashTable *short_names;        /* member id → "José M." */
  GHashTable *last_visits;        /* member id → "Tuesday", "" for never */
  GHashTable *today_namesakes;    /* member ids of the Today list sharing a short name */
  PdDayCounts counts;
  char *day;                      /* YYYY-MM-DD of the Today list */
  char *desk_name;
  AdwToast *undo_toast;
  gint64 undo_visit_id;
  guint day_source;
  GQueue waiting;                 /* WaitingCheckin, oldest first */
  guint retry_source;
  gboolean visits_announced;
  gboolean newcomer_tried;
  gboolean namesakes_asked;       /* the New Visitor is none of the namesakes seen lately */
};

G_DEFINE_FINAL_TYPE (PdCheckinPage, pd_checkin_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (PdCheckinPage *self,
       const char    *message)
{
  pd_toast_show (self->toast_overlay, message);
}

static void
toast_error (PdCheckinPage *self,
             const char    *what,
             const GError  *error)
{
  g_autofree char *message = NULL;

  /* Translators: what could not be done, then why */
  message = g_strdup_printf (_("%s: %s"), what, error ? error->message : _("unknown error"));
  toast (self, message);
}

static PdDatabase *
database (PdCheckinPage *self)
{
  return pd_context_get_database (self->context);
}

/* Everyone at the desk sees the screen: a member is named there by first
 * name and last initial only. */
static char *
dup_short_name (PdMember *member)
{
  const char *first = pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME);
  const char *last = pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME);
  g_autofree char *initial = NULL;

  if (pd_text_is_blank (first))
    first = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  if (pd_text_is_blank (last))
    return g_strdup (first);

  initial = g_utf8_strup (last, g_utf8_next_char (last) - last);
  /* Translators: a first name and the initial of the last name, "José M." */
  return g_strdup_printf (_("%s %s."), first, initial);
}

static const char *
short_name_for (PdCheckinPage *self,
                gint64         member_id)
{
  char *name = g_hash_table_lookup (self->short_names, &member_id);
  g_autoptr(PdMember) member = NULL;
  gint64 *key;

  if (name != NULL)
    return name;

  member = pd_members_get (database (self), member_id, NULL);
  name = member ? dup_short_name (member) : g_strdup (_("Member"));
  key = g_new (gint64, 1);
  *key = member_id;
  g_hash_table_insert (self->short_names, key, name);
  return name;
}

/* When @member_id last came, as the desk may say it: "today", "Tuesday".
 * Asked of the database once per member until the visits change. */
static const char *
last_visit_for (PdCheckinPage *self,
                gint64         member_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  char *text = g_hash_table_lookup (self->last_visits, &member_id);
  gint64 *key;

  if (text != NULL)
    return text;

  at = pd_visits_last_at (database (self), member_id, NULL, &error);
  if (error != NULL)
    g_warning ("Could not read a member's last visit: %s", error->message);
  text = at ? pd_describe_day (at, NULL) : g_strdup ("");
  key = g_new (gint64, 1);
  *key = member_id;
  g_hash_table_insert (self->last_visits, key, text);
  return text;
}

static char *
dup_last_visit_text (PdCheckinPage *self,
                     gint64         member_id)
{
  const char *day = last_visit_for (self, member_id);

  if (*day == '\0')
    return g_strdup (_("No visit yet"));
  /* Translators: when a member last checked in, "Last visit Tuesday" */
  return g_strdup_printf (_("Last visit %s"), day);
}

static void
update_actions (PdCheckinPage *self)
{
  gboolean form = gtk_revealer_get_reveal_child (self->newcomer_revealer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.undo", self->undo_toast != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.newcomer-cancel", form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.newcomer-register", form);
}

/* Desk name */

/* Wide, the header shows the section switcher and not its subtitle: the
 * desk's name then shows under the desk's buttons. */
static void
update_desk_label (PdCheckinPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->desk_label),
                          *gtk_label_get_text (self->desk_label) != '\0' &&
                          !adw_view_switcher_title_get_title_visible (self->title));
}

static void
update_desk_name (PdCheckinPage *self)
{
  GSettings *settings = pd_context_get_settings (self->context);
  g_autofree char *name = g_strstrip (g_settings_get_string (settings, DESK_NAME_KEY));
  g_autofree char *subtitle = NULL;

  /* The header names who is at the desk when someone has said so in the
   * preferences; the computer's account (often a shared login such as
   * "root") is no one's name, so it is never shown. */
  if (*name != '\0')
    /* Translators: who is at the front desk, recorded with each visit */
    subtitle = g_strdup_printf (_("At the desk: %s"), name);
  adw_view_switcher_title_set_subtitle (self->title, subtitle);
  gtk_label_set_text (self->desk_label, subtitle ? subtitle : "");
  update_desk_label (self);

  if (*name == '\0')
    {
      const char *real_name = g_get_real_name ();

      g_free (name);
      /* GLib says "Unknown" when the account has no full name. */
      name = g_strdup (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0
                       ? real_name : g_get_user_name ());
    }
  g_free (self->desk_name);
  self->desk_name = g_steal_pointer (&name);
}

static void
on_desk_name_changed_cb (PdCheckinPage *self)
{
  update_desk_name (self);
}

/* Purposes */

static gint64
selected_purpose_id (PdCheckinPage *self)
{
  guint position = gtk_drop_down_get_selected (self->purpose_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->purpose_ids->len)
    return 0;
  return g_array_index (self->purpose_ids, gint64, position);
}

static void
select_purpose (PdCheckinPage *self,
                gint64         id)
{
  for (guint i = 0; i < self->purpose_ids->len; i++)
    if (g_array_index (self->purpose_ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (self->purpose_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->purpose_dropdown, 0);
}

static void
reload_purposes (PdCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purposes = NULL;
  g_autofree const char **labels = NULL;
  gint64 keep = selected_purpose_id (self);
  gboolean kept = FALSE;

  /* A purpose someone chose stays chosen; one that was only preselected
   * as the default follows the new default. */
  if (keep == self->default_purpose_id)
    keep = 0;

  purposes = pd_purposes_list (database (self), FALSE, &error);
  if (purposes == NULL)
    {
      toast_error (self, _("Could not read the visit purposes"), error);
      return;
    }

  labels = g_new0 (const char *, purposes->len + 1);
  g_array_set_size (self->purpose_ids, 0);
  self->default_purpose_id = 0;
  for (guint i = 0; i < purposes->len; i++)
    {
      PdPurpose *purpose = g_ptr_array_index (purposes, i);

      labels[i] = purpose->label;
      g_array_append_val (self->purpose_ids, purpose->id);
      if (purpose->is_default)
        self->default_purpose_id = purpose->id;
      kept |= purpose->id == keep;
    }
  gtk_string_list_splice (self->purpose_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->purpose_labels)),
                          labels);
  select_purpose (self, kept ? keep : self->default_purpose_id);
}

static void
on_purposes_changed_cb (PdCheckinPage *self)
{
  reload_purposes (self);
}

/* Today */

static char *
dup_today (void)
{
  g_autofree char *now = pd_local_now ();

  return g_strndup (now, 10);
}

static void
update_counts_label (PdCheckinPage *self)
{
  g_autofree char *visits = NULL;
  g_autofree char *people = NULL;
  g_autofree char *text = NULL;
  g_autofree char *n_visits = pd_text_format_count (self->counts.visits);
  g_autofree char *n_people = pd_text_format_count (self->counts.people);
  g_autofree char *n_anonymous = pd_text_format_count (self->counts.anonymous);

  visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s visit", "%s visits",
                                         self->counts.visits), n_visits);
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person", "%s people",
                                         self->counts.people), n_people);
  if (self->counts.anonymous > 0)
    /* Translators: "5 visits · 3 people · 2 anonymous" */
    text = g_strdup_printf (_("%s · %s · %s anonymous"), visits, people, n_anonymous);
  else
    /* Translators: "5 visits · 3 people" */
    text = g_strdup_printf (_("%s · %s"), visits, people);
  gtk_label_set_text (self->counts_label, text);
}

static void
refresh_today (PdCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  PdDayCounts counts = { 0 };

  g_free (self->day);
  self->day = dup_today ();

  visits = pd_visits_list_day (database (self), self->day, &error);
  if (visits == NULL || !pd_visits_count_day (database (self), self->day, &counts, &error))
    {
      toast_error (self, _("Could not read today’s visits"), error);
      return;
    }

  g_hash_table_remove_all (self->today_visits);
  g_hash_table_remove_all (self->today_namesakes);
  {
    /* Two people both shown as "Ángel Z." are told apart by their
     * previous visit. */
    g_autoptr(GHashTable) first_of_name = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < visits->len; i++)
      {
        PdVisit *visit = g_ptr_array_index (visits, i);
        const char *name;
        gint64 *other;

        if (visit->member_id == 0)
          continue;
        name = short_name_for (self, visit->member_id);
        other = g_hash_table_lookup (first_of_name, name);
        if (other == NULL)
          g_hash_table_insert (first_of_name, (gpointer) name, &visit->member_id);
        else if (*other != visit->member_id)
          {
            g_hash_table_add (self->today_namesakes, g_memdup2 (other, sizeof *other));
            g_hash_table_add (self->today_namesakes,
                              g_memdup2 (&visit->member_id, sizeof visit->member_id));
          }
      }
  }
  for (guint i = 0; i < visits->len; i++)
    {
      PdVisit *visit = g_ptr_array_index (visits, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, visit->id);

      g_strv_builder_add (builder, id);
    }
  /* The hash table takes the visits over; the array only lends them. */
  g_ptr_array_set_free_func (visits, NULL);
  for (guint i = 0; i < visits->len; i++)
    {
      PdVisit *visit = g_ptr_array_index (visits, i);

      g_hash_table_insert (self->today_visits, &visit->id, visit);
    }

  ids = g_strv_builder_end (builder);
  gtk_string_list_splice (self->today_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->today_model)),
                          (const char * const *) ids);
  gtk_stack_set_visible_child_name (self->today_stack, visits->len > 0 ? "list" : "empty");

  self->counts = counts;
  update_counts_label (self);
}

static void
on_visits_changed_cb (PdCheckinPage *self)
{
  self->visits_announced = TRUE;
  g_hash_table_remove_all (self->last_visits);
  refresh_today (self);
}

static void
on_members_changed_cb (PdCheckinPage *self)
{
  /* A renamed member shows by the new name. */
  g_hash_table_remove_all (self->short_names);
  refresh_today (self);
}

/* The desk may stay open past midnight: the list then starts a new day. */
static gboolean
on_day_tick_cb (gpointer user_data)
{
  PdCheckinPage *self = user_data;
  g_autofree char *today = dup_today ();

  if (g_strcmp0 (today, self->day) != 0)
    {
      /* Yesterday's "today" is "yesterday" now. */
      g_hash_table_remove_all (self->last_visits);
      refresh_today (self);
    }
  return G_SOURCE_CONTINUE;
}

/* Every write from the desk is announced once, to this page and to every
 * other list of visits, whether or not the core announced it already. */
static void
announce_visits (PdCheckinPage *self)
{
  if (!self->visits_announced)
    pd_database_notify_changed (database (self), "visits");
}

/* Matches */

static void
update_match_state (PdCheckinPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  gboolean searching = gtk_slice_list_model_get_size (self->matches) > 0;
  gboolean more = g_list_model_get_n_items (G_LIST_MODEL (self->members)) > n ||
                  pd_member_list_get_truncated (self->members);

  if (!searching)
    gtk_stack_set_visible_child_name (self->match_stack, "hint");
  else
    gtk_stack_set_visible_child_name (self->match_stack, n > 0 ? "matches" : "none");
  gtk_widget_set_visible (self->more_label, searching && more);
  pd_checkin_panes_set_desk_first (self->panes, searching ||
                                   gtk_revealer_get_reveal_child (self->newcomer_revealer));

  /* The top match is the one Enter checks in, until an arrow key moves on. */
  gtk_single_selection_set_selected (self->match_selection,
                                     n > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->match_list), "list.scroll-to-item", "u", 0);
}

/* Searches for @text now, without waiting for the entry's delay. */
static void
search (PdCheckinPage *self,
        const char    *text)
{
  if (pd_text_is_blank (text))
    gtk_slice_list_model_set_size (self->matches, 0);
  else
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      pd_member_list_set_query (self->members, trimmed);
      gtk_slice_list_model_set_size (self->matches, MAX_MATCHES);
    }
  update_match_state (self);
}

static gboolean
search_is_current (PdCheckinPage *self,
                   const char    *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return gtk_slice_list_model_get_size (self->matches) > 0 &&
         g_strcmp0 (pd_member_list_get_query (self->members), trimmed) == 0;
}

static void
on_search_changed_cb (PdCheckinPage  *self,
                      GtkSearchEntry *entry)
{
  search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
focus_search (PdCheckinPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Ready for the next person: an empty search with the cursor in it, and
 * the usual purpose. */
static void
reset_desk (PdCheckinPage *self)
{
  /* The emptied search forgets what it held: its own Ctrl+Z must never
   * bring back the name just checked in, for one more Enter to check
   * them in twice. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->search_entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->search_entry), TRUE);
  search (self, "");
  select_purpose (self, self->default_purpose_id);
  focus_search (self);
}

/* Undo */

static void
on_undo_toast_dismissed_cb (PdCheckinPage *self,
                            AdwToast      *dismissed)
{
  if (dismissed == self->undo_toast)
    {
      g_clear_object (&self->undo_toast);
      update_actions (self);
    }
}

static void
show_undo_toast (PdCheckinPage *self,
                 const char    *title,
                 gint64         visit_id)
{
  AdwToast *toast;

  self->undo_visit_id = visit_id;

  toast = pd_undo_toast_show (self->toast_overlay, self->undo_toast, title, "checkin.undo");
  if (toast != NULL)
    {
      self->undo_toast = toast;
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);
  g_autoptr(AdwToast) pending = g_steal_pointer (&self->undo_toast);
  g_autoptr(GError) error = NULL;

  if (pending == NULL)
    return;

  self->visits_announced = FALSE;
  if (pd_visits_delete (database (self), self->undo_visit_id, &error))
    announce_visits (self);
  else
    toast_error (self, _("Could not undo the check-in"), error);
  adw_toast_dismiss (pending);
  update_actions (self);
  /* The toast's button had the focus, and is gone. */
  focus_search (self);
}

/* Check-in */

/* Check-ins that wait for another program */

static void
update_waiting (PdCheckinPage *self)
{
  guint n = self->waiting.length;

  if (n > 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *count = pd_text_format_count (n);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Another program is saving records; this check-in "
                                           "will be saved as soon as it finishes.",
                                           "Another program is saving records; these %s "
                                           "check-ins will be saved as soon as it finishes.",
                                           n), count);
      gtk_label_set_text (self->waiting_label, text);
    }
  gtk_spinner_set_spinning (self->waiting_spinner, n > 0);
  gtk_revealer_set_reveal_child (self->waiting_revealer, n > 0);
}

/* Saves @checkin, waiting at most @wait milliseconds for another program's
 * write to finish. A PD_ERROR_BUSY means nothing was saved: the core writes
 * a visit in one transaction. */
static gint64
save_checkin (PdCheckinPage   *self,
              WaitingCheckin  *checkin,
              guint            wait,
              GError         **error)
{
  gint64 visit_id;

  self->visits_announced = FALSE;
  pd_database_set_busy_wait (database (self), wait);
  visit_id = pd_visits_check_in (database (self), checkin->member_id, checkin->purpose_id,
                                 checkin->at, checkin->recorded_by, error);
  pd_database_set_busy_wait (database (self), PD_DATABASE_BUSY_TIMEOUT_MS);
  if (visit_id > 0)
    announce_visits (self);
  return visit_id;
}

/* Tries the waiting check-ins in the order of their key presses, and stops
 * at the first that must wait longer. Returns whether none is left. */
static gboolean
save_waiting (PdCheckinPage *self,
              guint          wait)
{
  WaitingCheckin *checkin;

  while ((checkin = g_queue_peek_head (&self->waiting)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 visit_id = save_checkin (self, checkin, wait, &error);

      if (visit_id <= 0 && g_error_matches (error, PD_ERROR, PD_ERROR_BUSY))
        break;

      g_queue_pop_head (&self->waiting);
      if (visit_id > 0)
        show_undo_toast (self, checkin->title, visit_id);
      else
        /* Waiting more would not help (the member was deleted meanwhile, or
         * the disk is full): the desk is told, as for any check-in. */
        toast_error (self, _("Could not check in"), error);
      waiting_checkin_free (checkin);
    }

  update_waiting (self);
  return g_queue_is_empty (&self->waiting);
}

static gboolean
on_retry_cb (gpointer user_data)
{
  PdCheckinPage *self = user_data;

  if (save_waiting (self, 0))
    {
      self->retry_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
keep_waiting (PdCheckinPage  *self,
              WaitingCheckin *checkin)
{
  g_queue_push_tail (&self->waiting, checkin);
  update_waiting (self);
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add (RETRY_INTERVAL, on_retry_cb, self);
}

/* Records a visit of @member, or an anonymous one when @member is NULL. */
static void
record_check_in (PdCheckinPage *self,
                 PdMember      *member)
{
  g_autoptr(GError) error = NULL;
  WaitingCheckin *checkin = g_new0 (WaitingCheckin, 1);
  gboolean busy = TRUE;
  gint64 visit_id = 0;

  checkin->member_id = member ? pd_member_get_id (member) : 0;
  checkin->purpose_id = selected_purpose_id (self);
  checkin->at = pd_local_now ();
  checkin->recorded_by = g_strdup (self->desk_name);
  if (member == NULL)
    checkin->title = g_strdup (_("Anonymous visit recorded"));
  else
    {
      g_autofree char *name = dup_short_name (member);

      /* The visit counts all the same; the notice is a cue to ask whether
       * they are back for good, and to reactivate them in Members. */
      checkin->title = g_strdup_printf (pd_member_is_active (member)
                                        ? _("%s checked in")
                                        : _("%s checked in (inactive member)"),
                                        name);
    }

  /* Behind others that wait, so that the visits keep their order. */
  if (g_queue_is_empty (&self->waiting))
    {
      visit_id = save_checkin (self, checkin, FIRST_WAIT, &error);
      busy = visit_id <= 0 && g_error_matches (error, PD_ERROR, PD_ERROR_BUSY);
    }

  if (visit_id <= 0 && !busy)
    {
      toast_error (self, _("Could not check in"), error);
      waiting_checkin_free (checkin);
      return;
    }

  reset_desk (self);
  if (visit_id > 0)
    {
      show_undo_toast (self, checkin->title, visit_id);
      waiting_checkin_free (checkin);
    }
  else
    keep_waiting (self, checkin);
}

/* A question for the person at the desk. Its default answer, which Enter
 * gives, is @safe_response: it must write nothing. */
static AdwMessageDialog *
ask (PdCheckinPage *self,
     const char    *heading,
     const char    *body,
     const char    *safe_response)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), safe_response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), safe_response);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_repeat_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PdCheckinPage    *self)
{
  PdMember *member = g_object_get_data (G_OBJECT (dialog), "pd-member");

  if (g_strcmp0 (response, "add") == 0 && member != NULL)
    record_check_in (self, member);
  else
    reset_desk (self);
}

/* Checks @member in; a member checked in within the hour is asked about
 * first, as a second Enter, or a second person at the desk, would add the
 * same visit twice. */
static void
check_in (PdCheckinPage *self,
          PdMember      *member)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) hour_ago = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *last = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (member == NULL)
    {
      record_check_in (self, NULL);
      return;
    }

  now = g_date_time_new_now_local ();
  hour_ago = g_date_time_add_minutes (now, -REPEAT_MINUTES);
  since = g_date_time_format (hour_ago, "%Y-%m-%dT%H:%M:%S");
  last = pd_visits_last_at (database (self), pd_member_get_id (member), NULL, &error);
  if (error != NULL)
    g_warning ("Could not read a member's last visit: %s", error->message);
  if (last == NULL || strcmp (last, since) < 0)
    {
      record_check_in (self, member);
      return;
    }

  /* Translators: a first name and last initial, then the time of a visit,
   * "José M. was checked in at 14:05." */
  body = g_strdup_printf (_("%s was checked in at %.5s. Record a second visit?"),
                          short_name_for (self, pd_member_get_id (member)),
                          strlen (last) >= 16 ? last + 11 : last);
  dialog = ask (self, _("Already Checked In"), body, "cancel");
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Don’t Add"),
                                    "add", _("_Add a Second Visit"),
                                    NULL);
  g_object_set_data_full (G_OBJECT (dialog), "pd-member", g_object_ref (member), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_repeat_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_in_match (PdCheckinPage *self,
                guint          position)
{
  g_autoptr(PdMember) member = g_list_model_get_item (G_LIST_MODEL (self->match_selection),
                                                      position);

  if (member != NULL)
    check_in (self, member);
}

/* Enter checks in the highlighted match: three letters and Enter for
 * someone the desk knows. */
static void
on_search_activate_cb (PdCheckinPage  *self,
                       GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint position;

  /* With nothing typed there is nobody to check in: a stray Enter must
   * not record the first member of the list. */
  if (pd_text_is_blank (text))
    return;

  /* The entry's search delay may not have run yet. */
  if (!search_is_current (self, text))
    search (self, text);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->match_selection)) == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  position = gtk_single_selection_get_selected (self->match_selection);
  check_in_match (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
on_search_stop_cb (PdCheckinPage  *self,
                   GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  search (self, "");
}

/* Up and Down move the highlight through the matches while the cursor stays
 * in the search, where the next letters go. */
static gboolean
on_search_key_pressed_cb (PdCheckinPage         *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint selected, n;
  int step;

  state &= gtk_accelerator_get_default_mod_mask ();

  if (state != 0)
    return FALSE;
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    step = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    step = -1;
  else
    return FALSE;

  if (pd_text_is_blank (text))
    return FALSE;
  if (!search_is_current (self, text))
    search (self, text);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->match_selection));
  if (n == 0)
    return TRUE;

  selected = gtk_single_selection_get_selected (self->match_selection);
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else if (step > 0)
    selected = MIN (selected + 1, n - 1);
  else if (selected > 0)
    selected--;

  gtk_single_selection_set_selected (self->match_selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->match_list), "list.scroll-to-item", "u", selected);
  return TRUE;
}

/* Ctrl+Z takes back the check-in its toast shows, wherever the focus is;
 * once the toast is gone it is no longer the desk's to take, and the key
 * goes on to the focused control as usual. */
static gboolean
on_undo_key_pressed_cb (PdCheckinPage         *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  state &= gtk_accelerator_get_default_mod_mask ();
  if ((keyval != GDK_KEY_z && keyval != GDK_KEY_Z) || state != GDK_CONTROL_MASK ||
      self->undo_toast == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "checkin.undo", NULL);
  return TRUE;
}

static void
on_match_activate_cb (PdCheckinPage *self,
                      guint          position)
{
  check_in_match (self, position);
}

static void
anonymous_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  check_in (PD_CHECKIN_PAGE (widget), NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  focus_search (PD_CHECKIN_PAGE (widget));
}

/* New visitor */

static const char *
newcomer_row_title (PdCheckinPage *self,
                    AdwEntryRow   *row)
{
  if (row == self->first_name_row)
    return _("First name");
  if (row == self->last_initial_row)
    return _("Last initial (optional)");
  return _("Birth year (optional)");
}

static void
show_row_error (PdCheckinPage *self,
                AdwEntryRow   *row,
                const char    *message)
{
  pd_field_error_show (GTK_WIDGET (row), newcomer_row_title (self, row), message);
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Reads the form; shows what is wrong next to each field and returns the
 * first wrong row, or NULL when all is well. */
static AdwEntryRow *
validate_newcomer (PdCheckinPage  *self,
                   char          **first_name,
                   char          **last_initial,
                   guint          *birth_year)
{
  g_autofree char *first = dup_row_text (self->first_name_row);
  g_autofree char *initial = dup_row_text (self->last_initial_row);
  g_autofree char *year = dup_row_text (self->birth_year_row);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int this_year = g_date_time_get_year (now);
  AdwEntryRow *wrong = NULL;
  g_autofree char *year_error = NULL;
  const char *initial_error = NULL;
  guint64 value = 0;

  show_row_error (self, self->first_name_row, *first ? NULL : _("needed to check them in"));
  if (*first == '\0')
    wrong = self->first_name_row;

  /* "R." is an initial too. */
  if (g_str_has_suffix (initial, "."))
    initial[strlen (initial) - 1] = '\0';
  if (*initial != '\0' &&
      (g_utf8_strlen (initial, -1) != 1 || !g_unichar_isalpha (g_utf8_get_char (initial))))
    initial_error = _("one letter, like R");
  show_row_error (self, self->last_initial_row, initial_error);
  if (initial_error != NULL && wrong == NULL)
    wrong = self->last_initial_row;

  if (*year != '\0' &&
      (strlen (year) != 4 || !g_ascii_isdigit (year[0]) ||
       !g_ascii_string_to_unsigned (year, 10, this_year - MAX_AGE, this_year, &value, NULL)))
    /* Translators: the range of birth years accepted, "from 1916 to 2026" */
    year_error = g_strdup_printf (_("four digits, from %d to %d"), this_year - MAX_AGE,
                                  this_year);
  show_row_error (self, self->birth_year_row, year_error);
  if (year_error != NULL && wrong == NULL)
    wrong = self->birth_year_row;

  if (wrong == NULL)
    {
      *first_name = g_steal_pointer (&first);
      *last_initial = g_utf8_strup (initial, -1);
      *birth_year = (guint) value;
    }
  return wrong;
}

static void
clear_newcomer_form (PdCheckinPage *self)
{
  AdwEntryRow *rows[] = { self->first_name_row, self->last_initial_row, self->birth_year_row };

  self->newcomer_tried = FALSE;
  self->namesakes_asked = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      show_row_error (self, rows[i], NULL);
    }
}

static char *
dup_capitalized (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *first = NULL;
  const char *rest;

  /* Only a name typed all in small letters is given a capital: "ana" is
   * Ana, but "deShawn" stays as typed. */
  if (g_strcmp0 (lower, word) != 0)
    return g_strdup (word);
  rest = g_utf8_next_char (word);
  first = g_utf8_strup (word, rest - word);
  return g_strconcat (first, rest, NULL);
}

/* The name typed in the search, for someone it did not find: "ana r" is
 * Ana R. A number is not a name. */
static void
prefill_newcomer (PdCheckinPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) words = NULL;
  g_autofree char *first = NULL;

  if (pd_text_is_blank (text))
    return;
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      return;

  words = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0')
      {
        if (first == NULL)
          first = dup_capitalized (words[i]);
        else
          {
            /* A second word is the last name; only its initial is kept. */
            const char *word = words[i];
            g_autofree char *initial = g_utf8_strup (word, g_utf8_next_char (word) - word);

            gtk_editable_set_text (GTK_EDITABLE (self->last_initial_row), initial);
            break;
          }
      }
  gtk_editable_set_text (GTK_EDITABLE (self->first_name_row), first);
}

static void
newcomer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);

  if (!gtk_revealer_get_reveal_child (self->newcomer_revealer))
    {
      clear_newcomer_form (self);
      prefill_newcomer (self);
      gtk_revealer_set_reveal_child (self->newcomer_revealer, TRUE);
      /* The form is the task now; on a small screen it needs the room. */
      gtk_widget_set_visible (GTK_WIDGET (self->match_stack), FALSE);
      pd_checkin_panes_set_desk_first (self->panes, TRUE);
      update_actions (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
  gtk_editable_set_position (GTK_EDITABLE (self->first_name_row), -1);
}

static void
close_newcomer_form (PdCheckinPage *self)
{
  gtk_revealer_set_reveal_child (self->newcomer_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->match_stack), TRUE);
  clear_newcomer_form (self);
  pd_checkin_panes_set_desk_first (self->panes,
                                   gtk_slice_list_model_get_size (self->matches) > 0);
  update_actions (self);
}

static void
newcomer_cancel_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);

  close_newcomer_form (self);
  focus_search (self);
}

static void
on_namesakes_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PdCheckinPage    *self)
{
  GPtrArray *namesakes = g_object_get_data (G_OBJECT (dialog), "pd-namesakes");
  guint64 index;

  if (g_strcmp0 (response, "register") == 0)
    {
      self->namesakes_asked = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "checkin.newcomer-register", NULL);
    }
  else if (g_str_has_prefix (response, "member-") &&
           g_ascii_string_to_unsigned (response + 7, 10, 0, namesakes->len - 1, &index, NULL))
    {
      g_autoptr(PdMember) member = g_object_ref (g_ptr_array_index (namesakes, index));

      close_newcomer_form (self);
      check_in (self, member);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
}

/* A label for a dialog's button: its underscores are not mnemonics. */
static char *
dup_button_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/* Someone back after a while may not say they came before, and a second
 * record of them splits their history. Asks, before registering @first
 * @initial, whether they are a member of that first name and last initial
 * seen lately; returns whether it asked. */
static gboolean
ask_about_namesakes (PdCheckinPage *self,
                     const char    *first,
                     const char    *initial)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -NAMESAKE_DAYS);
  g_autofree char *since = g_date_time_format (then, "%Y-%m-%d");
  g_autoptr(GPtrArray) namesakes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  namesakes = pd_visits_find_recent_namesakes (database (self), first, initial, since,
                                               MAX_NAMESAKES, &error);
  if (namesakes == NULL)
    {
      g_warning ("Could not look for members of the same name: %s", error->message);
      return FALSE;
    }
  if (namesakes->len == 0)
    return FALSE;

  if (namesakes->len == 1)
    {
      PdMember *member = g_ptr_array_index (namesakes, 0);
      g_autofree char *name = dup_short_name (member);

      /* Translators: a first name and last initial, "Is This Ana R.?" */
      heading = g_strdup_printf (_("Is This %s?"), name);
      /* Translators: a first name and last initial, then a day, "Tuesday" */
      body = g_strdup_printf (_("%s, last here %s, is already a member. Check them in rather "
                                "than register someone new?"),
                              name, last_visit_for (self, pd_member_get_id (member)));
    }
  else
    {
      heading = g_strdup (_("Is This Someone Seen Lately?"));
      body = g_strdup (_("Members of this name came in lately. Check one of them in rather than "
                         "register someone new?"));
    }

  dialog = ask (self, heading, body, "cancel");
  for (guint i = 0; i < namesakes->len; i++)
    {
      PdMember *member = g_ptr_array_index (namesakes, i);
      g_autofree char *id = g_strdup_printf ("member-%u", i);
      g_autofree char *name = dup_short_name (member);
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      /* Translators: a button, "Check In Ana R. (last here Tuesday)" */
      text = g_strdup_printf (_("Check In %s (last here %s)"), name,
                              last_visit_for (self, pd_member_get_id (member)));
      label = dup_button_label (text);
      adw_message_dialog_add_response (dialog, id, label);
      if (i == 0)
        adw_message_dialog_set_response_appearance (dialog, id, ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_add_responses (dialog,
                                    "register", _("_Register New Visitor"),
                                    "cancel", _("_Cancel"),
                                    NULL);
  g_object_set_data_full (G_OBJECT (dialog), "pd-namesakes", g_steal_pointer (&namesakes),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_namesakes_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
newcomer_register_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwEntryRow *wrong;
  guint year = 0;
  gint64 visit_id;

  self->newcomer_tried = TRUE;
  wrong = validate_newcomer (self, &first, &initial, &year);
  if (wrong != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (wrong));
      return;
    }
  if (!self->namesakes_asked && ask_about_namesakes (self, first, initial))
    return;

  self->visits_announced = FALSE;
  pd_database_set_busy_wait (database (self), FIRST_WAIT);
  visit_id = pd_visits_check_in_newcomer (database (self), first, initial, year,
                                          selected_purpose_id (self), self->desk_name,
                                          &number, &error);
  pd_database_set_busy_wait (database (self), PD_DATABASE_BUSY_TIMEOUT_MS);
  /* The form keeps what was typed; a new member is not saved behind the
   * desk's back, where a second press could register them twice. */
  if (visit_id <= 0 && g_error_matches (error, PD_ERROR, PD_ERROR_BUSY))
    {
      toast (self, _("Another program is saving records; press Register again in a moment"));
      return;
    }
  if (visit_id <= 0)
    {
      toast_error (self, _("Could not register the new visitor"), error);
      return;
    }
  announce_visits (self);

  name = *initial ? g_strdup_printf (_("%s %s."), first, initial) : g_strdup (first);
  /* Translators: a first name and last initial, then the new member number */
  title = g_strdup_printf (_("%s registered as %s and checked in"), name, number ? number : "");
  close_newcomer_form (self);
  reset_desk (self);
  /* No undo: it would take the visit back and leave the new member behind.
   * A member registered by mistake is deactivated in Members. */
  toast (self, title);
}

static void
on_newcomer_changed_cb (PdCheckinPage *self)
{
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;
  guint year;

  /* Another name may be someone else again. */
  self->namesakes_asked = FALSE;
  /* Errors show once Register was pressed, then follow the typing. */
  if (self->newcomer_tried)
    validate_newcomer (self, &first, &initial, &year);
}

static void
on_newcomer_activated_cb (PdCheckinPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkin.newcomer-register", NULL);
}

/* Rows */

static GtkWidget *
label_new (const char *css_class,
           gboolean    expand)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A match shows the name, the member number and when they last came,
 * nothing else: the screen faces whoever stands at the desk, and the last
 * visit is what tells two people of one name apart there. */
static void
setup_match_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PdCheckinPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *last = label_new ("caption", TRUE);
  GtkWidget *number = label_new ("dim-label", FALSE);
  GtkWidget *hint = gtk_label_new (_("Enter to check in"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (number, "numeric");
  /* The highlight alone is faint: the row says what Enter will do. */
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "accent");
  g_object_bind_property (item, "selected", hint, "visible", G_BINDING_SYNC_CREATE);
  gtk_widget_add_css_class (last, "dim-label");
  gtk_box_append (GTK_BOX (text), label_new (NULL, TRUE));
  gtk_box_append (GTK_BOX (text), last);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), number);
  gtk_list_item_set_child (item, box);
}

static void
bind_match_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdCheckinPage            *self)
{
  PdMember *member = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_first_child (box));
  const char *number = NULL;
  g_autofree char *display = NULL;
  g_autofree char *last = NULL;
  g_autofree char *label = NULL;

  if (member == NULL)
    return;
  display = pd_member_dup_display_name (member);
  number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);
  last = dup_last_visit_text (self, pd_member_get_id (member));
  gtk_label_set_text (GTK_LABEL (name), display);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), last);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), number);
  /* Translators: a list row read by a screen reader: a name, a member
   * number, then "Last visit Tuesday" */
  label = g_strdup_printf (_("%s, %s, %s"), display, number, last);
  pd_accessible_set_list_item_label (item, label);
}

static void
unbind_match_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PdCheckinPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_first_child (box));

  gtk_label_set_text (GTK_LABEL (name), "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
setup_visit_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PdCheckinPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = label_new ("numeric", FALSE);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_box_append (GTK_BOX (text), label_new ("heading", TRUE));
  gtk_box_append (GTK_BOX (text), label_new ("caption", TRUE));
  gtk_widget_add_css_class (gtk_widget_get_last_child (text), "dim-label");
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_visit_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdCheckinPage            *self)
{
  GtkStringObject *object = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_next_sibling (time));
  g_autofree char *hours = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  const char *who;
  PdVisit *visit;
  gint64 id;

  if (object == NULL)
    return;
  id = g_ascii_strtoll (gtk_string_object_get_string (object), NULL, 10);
  visit = g_hash_table_lookup (self->today_visits, &id);
  if (visit == NULL)
    return;

  hours = g_strndup (visit->visited_at && strlen (visit->visited_at) >= 16
                     ? visit->visited_at + 11 : "", 5);
  if (pd_text_is_blank (visit->recorded_by))
    detail = g_strdup (visit->purpose);
  else
    /* Translators: a visit's purpose, then who recorded it at the desk */
    detail = g_strdup_printf (_("%s · by %s"), visit->purpose, visit->recorded_by);

  /* Two people shown by one short name are told apart by the visit each
   * made before today, as the matches tell them apart by their last. */
  if (visit->member_id != 0 && g_hash_table_contains (self->today_namesakes, &visit->member_id))
    {
      g_autofree char *today_start = g_strconcat (self->day, "T00:00:00", NULL);
      g_autofree char *before = pd_visits_last_at (database (self), visit->member_id,
                                                   today_start, NULL);
      g_autofree char *day = before ? pd_describe_day (before, NULL) : NULL;
      g_autofree char *previous = day
        /* Translators: the visit a member made before today's, "previous visit Tuesday" */
        ? g_strdup_printf (_("previous visit %s"), day)
        : g_strdup (_("first visit"));
      char *longer = g_strdup_printf (_("%s · %s"), detail, previous);

      g_free (detail);
      detail = longer;
    }

  who = visit->member_id != 0 ? short_name_for (self, visit->member_id) : _("Anonymous");
  gtk_label_set_text (GTK_LABEL (time), hours);
  gtk_label_set_text (GTK_LABEL (name), who);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), detail);
  /* Translators: a row of the Today list read by a screen reader: who, at
   * what time, then the purpose and who recorded it */
  label = g_strdup_printf (_("%s at %s, %s"), who, hours, detail);
  pd_accessible_set_list_item_label (item, label);
}

/* GObject */

static void
pd_checkin_page_constructed (GObject *object)
{
  PdCheckinPage *self = (PdCheckinPage *)object;
  PdDatabase *db = pd_context_get_database (self->context);
  g_autoptr(GtkListItemFactory) match_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) visit_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) today_selection = NULL;

  G_OBJECT_CLASS (pd_checkin_page_parent_class)->constructed (object);

  /* Nobody is listed until something is typed: the whole membership is
   * not for the eyes of whoever stands at the desk. */
  self->members = pd_member_list_new_for_desk (db);
  self->matches = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->members)), 0, 0);
  self->match_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->match_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->match_selection, TRUE);
  g_signal_connect_object (match_factory, "setup", G_CALLBACK (setup_match_cb), self, 0);
  g_signal_connect_object (match_factory, "bind", G_CALLBACK (bind_match_cb), self, 0);
  g_signal_connect_object (match_factory, "unbind", G_CALLBACK (unbind_match_cb), self, 0);
  gtk_list_view_set_factory (self->match_list, match_factory);
  gtk_list_view_set_model (self->match_list, GTK_SELECTION_MODEL (self->match_selection));

  self->purpose_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->purpose_dropdown, G_LIST_MODEL (self->purpose_labels));

  self->today_model = gtk_string_list_new (NULL);
  today_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->today_model)));
  g_signal_connect_object (visit_factory, "setup", G_CALLBACK (setup_visit_cb), self, 0);
  g_signal_connect_object (visit_factory, "bind", G_CALLBACK (bind_visit_cb), self, 0);
  gtk_list_view_set_factory (self->today_list, visit_factory);
  gtk_list_view_set_model (self->today_list, GTK_SELECTION_MODEL (today_selection));

  g_signal_connect_object (db, "changed::visits", G_CALLBACK (on_visits_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::members", G_CALLBACK (on_members_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::visit_purposes", G_CALLBACK (on_purposes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pd_context_get_settings (self->context), "changed::" DESK_NAME_KEY,
                           G_CALLBACK (on_desk_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title, "notify::title-visible", G_CALLBACK (update_desk_label),
                           self, G_CONNECT_SWAPPED);
  self->day_source = g_timeout_add_seconds (60, on_day_tick_cb, self);

  update_desk_name (self);
  reload_purposes (self);
  refresh_today (self);
  search (self, "");
  update_actions (self);
}

static gboolean
pd_checkin_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PD_CHECKIN_PAGE (widget)->search_entry));
}

static void
pd_checkin_page_dispose (GObject *object)
{
  PdCheckinPage *self = (PdCheckinPage *)object;

  /* The last chance of a check-in kept while another program was saving:
   * a page closed without pd_checkin_page_save_waiting(). */
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (!g_queue_is_empty (&self->waiting) && !save_waiting (self, CLOSING_WAIT))
    g_warning ("%u check-ins could not be saved: another program kept the database busy",
               self->waiting.length);

  /* The overlay dismisses its toasts as it goes, after the widgets the
   * dismissed handler would update. */
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_handle_id (&self->day_source, g_source_remove);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) waiting_checkin_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CHECKIN_PAGE);
  g_clear_object (&self->undo_toast);
  g_clear_object (&self->match_selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->members);
  g_clear_object (&self->purpose_labels);
  g_clear_object (&self->today_model);

  G_OBJECT_CLASS (pd_checkin_page_parent_class)->dispose (object);
}

static void
pd_checkin_page_finalize (GObject *object)
{
  PdCheckinPage *self = (PdCheckinPage *)object;

  g_clear_pointer (&self->purpose_ids, g_array_unref);
  g_clear_pointer (&self->today_visits, g_hash_table_unref);
  g_clear_pointer (&self->short_names, g_hash_table_unref);
  g_clear_pointer (&self->last_visits, g_hash_table_unref);
  g_clear_pointer (&self->today_namesakes, g_hash_table_unref);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->desk_name, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_checkin_page_parent_class)->finalize (object);
}

static void
pd_checkin_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (object);

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
pd_checkin_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (object);

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
pd_checkin_page_class_init (PdCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_checkin_page_constructed;
  object_class->dispose = pd_checkin_page_dispose;
  object_class->finalize = pd_checkin_page_finalize;
  object_class->get_property = pd_checkin_page_get_property;
  object_class->set_property = pd_checkin_page_set_property;
  widget_class->grab_focus = pd_checkin_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PD_TYPE_CHECKIN_PANES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-checkin-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, title);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, desk_label);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, purpose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, newcomer_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, last_initial_row);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, birth_year_row);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, match_stack);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, match_list);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, today_stack);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, waiting_revealer);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, waiting_label);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "search_keys", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "undo_keys", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "anonymous_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "newcomer_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "register_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, panes);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_match_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_newcomer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_newcomer_activated_cb);

  gtk_widget_class_install_action (widget_class, "checkin.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "checkin.anonymous", NULL, anonymous_action);
  gtk_widget_class_install_action (widget_class, "checkin.newcomer", NULL, newcomer_action);
  gtk_widget_class_install_action (widget_class, "checkin.newcomer-cancel", NULL,
                                   newcomer_cancel_action);
  gtk_widget_class_install_action (widget_class, "checkin.newcomer-register", NULL,
                                   newcomer_register_action);
  gtk_widget_class_install_action (widget_class, "checkin.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "checkin.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "checkin.newcomer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "checkin.newcomer-cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_checkin_page_init (PdCheckinPage *self)
{
  self->purpose_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->today_visits = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) pd_visit_free);
  self->short_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->last_visits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->today_namesakes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_primary_menu_extend (GTK_WIDGET (self), PD_TYPE_CHECKIN_PAGE);
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_checkin_page_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_CHECKIN_PAGE, "context", context, NULL);
}

/* The counts the Today list shows: visits, distinct members, anonymous. */
void
pd_checkin_page_get_today_counts (PdCheckinPage *self,
                                  PdDayCounts   *counts)
{
  g_return_if_fail (PD_IS_CHECKIN_PAGE (self));
  g_return_if_fail (counts != NULL);

  *counts = self->counts;
}

/* Who the visits are recorded by: the desk name in the preferences, or the
 * name of the computer's user. */
const char *
pd_checkin_page_get_desk_name (PdCheckinPage *self)
{
  g_return_val_if_fail (PD_IS_CHECKIN_PAGE (self), NULL);
  return self->desk_name;
}

/* The check-ins kept because another program was saving records. */
guint
pd_checkin_page_get_n_waiting (PdCheckinPage *self)
{
  g_return_val_if_fail (PD_IS_CHECKIN_PAGE (self), 0);
  return self->waiting.length;
}

/* Saves the check-ins still waiting, waiting longer for the other program
 * than the page does on its own: the window is about to close. Returns
 * whether none is left. */
gboolean
pd_checkin_page_save_waiting (PdCheckinPage *self)
{
  g_return_val_if_fail (PD_IS_CHECKIN_PAGE (self), TRUE);

  if (g_queue_is_empty (&self->waiting))
    return TRUE;
  if (save_waiting (self, CLOSING_WAIT))
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      return TRUE;
    }
  return FALSE;
}
