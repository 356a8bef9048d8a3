/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-checkin-page-private.h"
#include "pd-error.h"
#include "pd-primary-menu.h"
#include "pd-repeat-visit-dialog.h"
#include "pd-staff.h"
#include "pd-text.h"

#define DESK_NAME_KEY "desk-name"

/* The match list shows the best few; more means the name needs more letters. */
#define MAX_MATCHES 50

/* A second check-in of one member within this many minutes is asked about. */
#define REPEAT_MINUTES 60

/* While another program (an import) holds the database's write lock, a
 * check-in waits PD_CHECKIN_FIRST_WAIT at the key press, then is kept and
 * tried again every RETRY_INTERVAL without waiting at all, so the window
 * never freezes; on closing, the check-ins still kept get one last, longer
 * wait. In milliseconds. */
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

G_DEFINE_FINAL_TYPE (PdCheckinPage, pd_checkin_page, PD_TYPE_PAGE)

static PdDatabase *
database (PdCheckinPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

static void
toast (PdCheckinPage *self,
       const char    *message)
{
  pd_toast_show (self->toast_overlay, message);
}

void
_pd_checkin_page_toast_error (PdCheckinPage *self,
                              const char    *what,
                              const GError  *error)
{
  g_autofree char *message = NULL;

  /* Translators: what could not be done, then why */
  message = g_strdup_printf (_("%s: %s"), what, error ? error->message : _("unknown error"));
  toast (self, message);
}

void
_pd_checkin_page_update_actions (PdCheckinPage *self)
{
  gboolean form = gtk_revealer_get_reveal_child (self->newcomer_revealer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.undo",
                                 pd_undo_toast_get_shown (self->undo));
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
  GSettings *settings = pd_page_get_settings (PD_PAGE (self));
  PdDatabase *db = pd_page_get_database (PD_PAGE (self));
  g_autofree char *name = g_strstrip (g_settings_get_string (settings, DESK_NAME_KEY));
  g_autofree char *subtitle = NULL;

  /* The staff member signed in is who records the visits. */
  if (pd_database_get_staff (db) != NULL)
    {
      char *actor = g_strdup (pd_database_get_actor (db, name));

      g_free (name);
      name = actor;
    }

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

gint64
_pd_checkin_page_get_purpose_id (PdCheckinPage *self)
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
  gint64 keep = _pd_checkin_page_get_purpose_id (self);
  gboolean kept = FALSE;

  /* A purpose someone chose stays chosen; one that was only preselected
   * as the default follows the new default. */
  if (keep == self->default_purpose_id)
    keep = 0;

  purposes = pd_purposes_list (database (self), FALSE, &error);
  if (purposes == NULL)
    {
      _pd_checkin_page_toast_error (self, _("Could not read the visit purposes"), error);
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

/* Every write from the desk is announced once, to this page and to every
 * other list of visits, whether or not the core announced it already. */
void
_pd_checkin_page_announce_visits (PdCheckinPage *self)
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

void
_pd_checkin_page_focus_search (PdCheckinPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Ready for the next person: an empty search with the cursor in it, and
 * the usual purpose. */
void
_pd_checkin_page_reset_desk (PdCheckinPage *self)
{
  /* The emptied search forgets what it held: its own Ctrl+Z must never
   * bring back the name just checked in, for one more Enter to check
   * them in twice. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->search_entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->search_entry), TRUE);
  search (self, "");
  select_purpose (self, self->default_purpose_id);
  _pd_checkin_page_focus_search (self);
}

/* Undo */

static void
show_undo_toast (PdCheckinPage *self,
                 const char    *title,
                 gint64         visit_id)
{
  self->undo_visit_id = visit_id;
  pd_undo_toast_show (self->undo, title);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!pd_undo_toast_take (self->undo))
    return;

  self->visits_announced = FALSE;
  if (pd_visits_delete (database (self), self->undo_visit_id, &error))
    _pd_checkin_page_announce_visits (self);
  else
    _pd_checkin_page_toast_error (self, _("Could not undo the check-in"), error);
  /* The toast's button had the focus, and is gone. */
  _pd_checkin_page_focus_search (self);
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
    _pd_checkin_page_announce_visits (self);
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
        _pd_checkin_page_toast_error (self, _("Could not check in"), error);
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
  checkin->purpose_id = _pd_checkin_page_get_purpose_id (self);
  checkin->at = pd_local_now ();
  checkin->recorded_by = g_strdup (self->desk_name);
  if (member == NULL)
    checkin->title = g_strdup (_("Anonymous visit recorded"));
  else
    {
      g_autofree char *name = _pd_checkin_dup_short_name (member);

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
      visit_id = save_checkin (self, checkin, PD_CHECKIN_FIRST_WAIT, &error);
      busy = visit_id <= 0 && g_error_matches (error, PD_ERROR, PD_ERROR_BUSY);
    }

  if (visit_id <= 0 && !busy)
    {
      _pd_checkin_page_toast_error (self, _("Could not check in"), error);
      waiting_checkin_free (checkin);
      return;
    }

  _pd_checkin_page_reset_desk (self);
  if (visit_id > 0)
    {
      show_undo_toast (self, checkin->title, visit_id);
      waiting_checkin_free (checkin);
    }
  else
    keep_waiting (self, checkin);
}

static void
on_repeat_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PdCheckinPage    *self)
{
  PdMember *member = pd_repeat_visit_dialog_get_member (dialog);

  if (g_strcmp0 (response, "add") == 0 && member != NULL)
    record_check_in (self, member);
  else
    _pd_checkin_page_reset_desk (self);
}

/* Checks @member in; a member checked in within the hour is asked about
 * first, as a second Enter, or a second person at the desk, would add the
 * same visit twice. */
void
_pd_checkin_page_check_in (PdCheckinPage *self,
                           PdMember      *member)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) hour_ago = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *last = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

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

  dialog = pd_repeat_visit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, member,
                                       _pd_checkin_page_short_name_for (self,
                                                                        pd_member_get_id (member)),
                                       strlen (last) >= 16 ? last + 11 : last);
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
    _pd_checkin_page_check_in (self, member);
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
  _pd_checkin_page_check_in (PD_CHECKIN_PAGE (widget), NULL);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _pd_checkin_page_focus_search (PD_CHECKIN_PAGE (widget));
}


/* GObject */

static void
pd_checkin_page_constructed (GObject *object)
{
  PdCheckinPage *self = (PdCheckinPage *)object;
  PdDatabase *db = pd_page_get_database (PD_PAGE (self));

  G_OBJECT_CLASS (pd_checkin_page_parent_class)->constructed (object);

  _pd_checkin_page_init_lists (self);
  self->purpose_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->purpose_dropdown, G_LIST_MODEL (self->purpose_labels));

  g_signal_connect_object (db, "changed::visit_purposes", G_CALLBACK (on_purposes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "staff-changed", G_CALLBACK (on_desk_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pd_page_get_settings (PD_PAGE (self)), "changed::" DESK_NAME_KEY,
                           G_CALLBACK (on_desk_name_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title, "notify::title-visible", G_CALLBACK (update_desk_label),
                           self, G_CONNECT_SWAPPED);

  update_desk_name (self);
  reload_purposes (self);
  _pd_checkin_page_refresh_today (self);
  search (self, "");
  _pd_checkin_page_update_actions (self);
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
   * undo toast's handlers would update. */
  g_clear_object (&self->undo);
  g_clear_handle_id (&self->day_source, g_source_remove);
  g_queue_clear_full (&self->waiting, (GDestroyNotify) waiting_checkin_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_CHECKIN_PAGE);
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

  G_OBJECT_CLASS (pd_checkin_page_parent_class)->finalize (object);
}

static void
pd_checkin_page_class_init (PdCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_checkin_page_constructed;
  object_class->dispose = pd_checkin_page_dispose;
  object_class->finalize = pd_checkin_page_finalize;
  widget_class->grab_focus = pd_checkin_page_grab_focus;

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
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, undo_keys);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "search_keys", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "anonymous_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "newcomer_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "register_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdCheckinPage, panes);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_match_activate_cb);
  _pd_checkin_page_class_init_newcomer (widget_class);

  gtk_widget_class_install_action (widget_class, "checkin.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "checkin.anonymous", NULL, anonymous_action);
  gtk_widget_class_install_action (widget_class, "checkin.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "checkin.search", NULL);

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
  self->undo = pd_undo_toast_new (GTK_WIDGET (self), self->toast_overlay, "checkin.undo");
  pd_undo_toast_watch_keys (self->undo, self->undo_keys);
  g_signal_connect_object (self->undo, "notify::shown",
                           G_CALLBACK (_pd_checkin_page_update_actions), self, G_CONNECT_SWAPPED);
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
