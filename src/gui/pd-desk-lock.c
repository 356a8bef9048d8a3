/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-desk-lock.h"
#include "pd-sign-in-view.h"
#include "pd-staff-button.h"
#include "pd-staff.h"
#include "pd-toast.h"

#define IDLE_KEY "lock-idle-minutes"
#define SIGN_IN_PAGE "sign-in"
#define CLOSE_ON_LOCK "pd-desk-lock-close"

/* Keeps the records out of sight while nobody is signed in, and shows each
 * role only the sections it may see.
 *
 * Locking signs the staff member out of the database, so that the core
 * refuses everything until someone signs in again; on screen the window
 * shows only the sign-in view. Whatever else showed records goes: toasts
 * are dismissed, search fields emptied, and the windows over the main one
 * (editors, dialogs, Preferences) hidden; a print dialog, which holds a
 * print job open, is closed instead. They come back, with any unsaved
 * changes, when the same person signs in again; when someone else does,
 * they are destroyed unsaved, since the next person may not be allowed to
 * see them. */
struct _PdDeskLock
{
  GObject parent_instance;

  /* Borrowed */
  AdwApplicationWindow *window;
  GtkStack *stack;
  AdwViewStack *sections;

  /* Owned */
  PdContext *context;
  GtkWidget *sign_in_view;
  GPtrArray *hidden;          /* of GtkWindow, hidden at the lock, parents first */
  gint64 hidden_for;          /* the staff member they belong to */
  gint64 last_id;             /* who was signed in last: 0 once signed out */
  char *last_name;
  char *last_section;         /* what the window showed at the lock */
  gboolean locked;
  gboolean choose_name;
  guint idle_ms;              /* 0 never */
  gint64 last_activity;       /* monotonic microseconds */
  guint idle_source;
  guint accounts_source;
};

G_DEFINE_FINAL_TYPE (PdDeskLock, pd_desk_lock, G_TYPE_OBJECT)

/* Each section and the right that shows it, in the switcher's order. */
static const struct
{
  const char *name;
  PdRights right;
} section_rights[] = {
  { "checkin", PD_RIGHT_CHECK_IN },
  { "meetings", PD_RIGHT_MEETINGS },
  { "members", PD_RIGHT_MEMBER_DETAILS },
  { "volunteers", PD_RIGHT_VOLUNTEERS },
  { "reports", PD_RIGHT_REPORTS },
};

static void update (PdDeskLock *self);

static PdDatabase *
get_database (PdDeskLock *self)
{
  return pd_context_get_database (self->context);
}

static gboolean
is_ours (PdDeskLock *self,
         GtkWindow  *window)
{
  for (GtkWindow *parent = gtk_window_get_transient_for (window);
       parent != NULL;
       parent = gtk_window_get_transient_for (parent))
    if (parent == GTK_WINDOW (self->window))
      return TRUE;
  return FALSE;
}

/* Idle time */

static void schedule_idle (PdDeskLock *self);
static void conceal (PdDeskLock *self);

static void
lock (PdDeskLock *self)
{
  const PdStaff *staff = pd_database_get_staff (get_database (self));

  if (staff == NULL)
    return;
  g_free (self->last_name);
  self->last_name = g_strdup (staff->name);
  self->last_id = staff->id;
  conceal (self);
  pd_staff_sign_out (get_database (self));
}

static gboolean
on_idle_timeout_cb (gpointer user_data)
{
  PdDeskLock *self = user_data;
  gint64 idle = (g_get_monotonic_time () - self->last_activity) / 1000;

  self->idle_source = 0;
  if (idle >= self->idle_ms)
    lock (self);
  else
    schedule_idle (self);
  return G_SOURCE_REMOVE;
}

/* One timer runs while someone is signed in; activity only notes the time,
 * and the timer, when it fires early, waits for what is left. */
static void
schedule_idle (PdDeskLock *self)
{
  gint64 idle = (g_get_monotonic_time () - self->last_activity) / 1000;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->idle_ms == 0 || pd_database_get_staff (get_database (self)) == NULL)
    return;
  self->idle_source = g_timeout_add (idle >= self->idle_ms ? 0 : self->idle_ms - idle,
                                     on_idle_timeout_cb, self);
  g_source_set_name_by_id (self->idle_source, "[peerdesk] desk idle lock");
}

static void
note_activity (PdDeskLock *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static void
note_activity_in (PdDeskLock         *self,
                  GtkEventController *controller)
{
  GtkWindow *window = GTK_WINDOW (gtk_event_controller_get_widget (controller));

  if (window == GTK_WINDOW (self->window) || is_ours (self, window))
    note_activity (self);
}

static gboolean
on_key_pressed_cb (GtkEventController *controller,
                   guint               keyval,
                   guint               keycode,
                   GdkModifierType     state,
                   PdDeskLock         *self)
{
  note_activity_in (self, controller);
  return GDK_EVENT_PROPAGATE;
}

static void
on_motion_cb (GtkEventController *controller,
              double              x,
              double              y,
              PdDeskLock         *self)
{
  note_activity_in (self, controller);
}

static void
on_idle_setting_changed_cb (PdDeskLock *self)
{
  GSettings *settings = pd_context_get_settings (self->context);

  self->idle_ms = (guint) g_settings_get_int (settings, IDLE_KEY) * 60 * 1000;
  schedule_idle (self);
}

/* Typing or moving the pointer over the window, or over an editor or
 * dialog of it, keeps the desk open. A window is watched from its start,
 * before it is made transient for another, so each is asked at each event
 * whose it is. */
static void
watch_activity (PdDeskLock *self,
                GtkWindow  *window)
{
  GtkEventController *keys;
  GtkEventController *motion;

  if (g_object_get_data (G_OBJECT (window), "pd-desk-lock") == self)
    return;
  g_object_set_data (G_OBJECT (window), "pd-desk-lock", self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);

  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), motion);
}

static void
on_toplevels_changed_cb (PdDeskLock *self,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GListModel *toplevels)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      watch_activity (self, window);
    }
}

/* Covering the records */

static void
dismiss_toasts (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  while (child != NULL)
    {
      /* Dismissing a toast of an overlay that is not on screen removes its
       * widget at once: the next one is found first. */
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      /* libadwaita 1.2 keeps no list of the toasts shown; each shows as a
       * widget that holds its toast. */
      if (ADW_IS_TOAST_OVERLAY (widget) &&
          g_strcmp0 (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") == 0 &&
          g_object_class_find_property (G_OBJECT_GET_CLASS (child), "toast") != NULL)
        {
          g_autoptr(AdwToast) toast = NULL;

          gtk_widget_set_visible (child, FALSE);
          g_object_get (child, "toast", &toast, NULL);
          if (toast != NULL)
            adw_toast_dismiss (toast);
        }
      else
        dismiss_toasts (child);
      child = next;
    }
}

static void
clear_searches (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Nor may the next person's Ctrl+Z bring the search back. */
      if (GTK_IS_SEARCH_ENTRY (child))
        {
          gboolean undo = gtk_editable_get_enable_undo (GTK_EDITABLE (child));

          gtk_editable_set_enable_undo (GTK_EDITABLE (child), FALSE);
          gtk_editable_set_text (GTK_EDITABLE (child), "");
          gtk_editable_set_enable_undo (GTK_EDITABLE (child), undo);
        }
      else
        clear_searches (child);
    }
}

static void
destroy_hidden (PdDeskLock *self)
{
  g_autoptr(GPtrArray) hidden = g_steal_pointer (&self->hidden);

  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  /* Children first, so that no dialog outlives its parent by a moment. */
  for (guint i = hidden->len; i > 0; i--)
    gtk_window_destroy (g_ptr_array_index (hidden, i - 1));
}

static void
hide_windows (PdDeskLock *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) to_close = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!is_ours (self, window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      if (g_object_get_data (G_OBJECT (window), CLOSE_ON_LOCK) != NULL)
        {
          g_ptr_array_add (to_close, g_object_ref (window));
          continue;
        }
      gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
      g_ptr_array_add (self->hidden, g_object_ref (window));
    }
  /* After the walk: closing takes a window out of the list walked. */
  for (guint i = 0; i < to_close->len; i++)
    gtk_window_close (g_ptr_array_index (to_close, i));
}

static void
show_hidden (PdDeskLock *self)
{
  g_autoptr(GPtrArray) hidden = g_steal_pointer (&self->hidden);

  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < hidden->len; i++)
    gtk_window_present (g_ptr_array_index (hidden, i));
}

/* Takes the records off the screen. Done while still signed in, when the
 * desk locks from here, so that the emptied searches can read the lists
 * again before the database refuses everything. */
static void
conceal (PdDeskLock *self)
{
  const char *shown = gtk_stack_get_visible_child_name (self->stack);

  if (self->locked)
    return;
  g_free (self->last_section);
  self->last_section = g_strdup (g_strcmp0 (shown, "main") == 0
                                 ? adw_view_stack_get_visible_child_name (self->sections)
                                 : shown);
  self->locked = TRUE;
  self->hidden_for = self->last_id;
  hide_windows (self);
  /* Those waiting their turn first, which no widget shows yet. */
  pd_toast_conceal_all ();
  dismiss_toasts (GTK_WIDGET (self->window));
  clear_searches (GTK_WIDGET (self->window));
}

static void
cover (PdDeskLock *self)
{
  conceal (self);
  /* Signed out on purpose: nobody comes back to what was hidden. */
  if (self->last_id == 0)
    destroy_hidden (self);

  /* Already showing, as when a failed attempt changed the accounts: the
   * error stays for the person who is trying. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), SIGN_IN_PAGE) == 0)
    return;

  /* At once: a fade would show the records a moment longer. */
  gtk_stack_set_visible_child_full (self->stack, SIGN_IN_PAGE, GTK_STACK_TRANSITION_TYPE_NONE);
  pd_sign_in_view_reset (PD_SIGN_IN_VIEW (self->sign_in_view), self->last_name,
                         self->choose_name || self->last_name == NULL);
  self->choose_name = FALSE;
}

static gboolean
section_allowed (PdDeskLock *self,
                 const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_rights); i++)
    if (g_strcmp0 (section_rights[i].name, name) == 0)
      return pd_database_has_right (get_database (self), section_rights[i].right);
  return FALSE;
}

static void
update_sections (PdDeskLock *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_rights); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->sections, section_rights[i].name);

      if (child != NULL)
        adw_view_stack_page_set_visible (adw_view_stack_get_page (self->sections, child),
                                         section_allowed (self, section_rights[i].name));
    }
}

static const char *
first_allowed_section (PdDeskLock *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_rights); i++)
    if (section_allowed (self, section_rights[i].name))
      return section_rights[i].name;
  return NULL;
}

static void
show_section (PdDeskLock *self,
              const char *name)
{
  if (name == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, "main");
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-section", "s", name);
}

static void
uncover (PdDeskLock *self)
{
  const PdStaff *staff = pd_database_get_staff (get_database (self));
  const char *shown = gtk_stack_get_visible_child_name (self->stack);
  gboolean returning = staff != NULL && staff->id == self->hidden_for;

  if (self->locked)
    {
      self->locked = FALSE;
      if (g_strcmp0 (self->last_section, "welcome") == 0)
        gtk_stack_set_visible_child_name (self->stack, "welcome");
      else
        show_section (self, returning && section_allowed (self, self->last_section)
                            ? self->last_section : first_allowed_section (self));
      if (returning)
        show_hidden (self);
      else
        destroy_hidden (self);
    }
  else if (g_strcmp0 (shown, "main") == 0 &&
           !section_allowed (self, adw_view_stack_get_visible_child_name (self->sections)))
    show_section (self, first_allowed_section (self));
  else if (g_strcmp0 (shown, SIGN_IN_PAGE) == 0)
    show_section (self, first_allowed_section (self));
}

static void
update_actions (PdDeskLock *self)
{
  PdDatabase *database = get_database (self);
  gboolean signed_in = pd_database_get_staff (database) != NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self->window));
  const char *names[] = { "lock", "switch-staff", "sign-out" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window), names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), signed_in);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.export-data",
                                 pd_database_has_right (database, PD_RIGHT_EXPORT));
  /* The backup warning still shows to every role, so that someone tells
   * a director; only a director can act on it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.backup-banner",
                                 pd_database_has_right (database, PD_RIGHT_BACKUPS));
  if (application != NULL)
    {
      /* Preferences holds the settings, the backups and the staff. */
      GAction *preferences = g_action_map_lookup_action (G_ACTION_MAP (application), "preferences");

      if (G_IS_SIMPLE_ACTION (preferences))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences),
                                     pd_database_has_right (database, PD_RIGHT_SETTINGS) ||
                                     pd_database_has_right (database, PD_RIGHT_BACKUPS) ||
                                     pd_database_has_right (database, PD_RIGHT_STAFF));
    }
}

static void
update (PdDeskLock *self)
{
  PdDatabase *database = get_database (self);
  const PdStaff *staff = pd_database_get_staff (database);

  update_actions (self);
  update_sections (self);
  if (pd_staff_sign_in_enabled (database) && staff == NULL)
    {
      cover (self);
      g_clear_handle_id (&self->idle_source, g_source_remove);
      return;
    }

  if (staff != NULL)
    {
      g_free (self->last_name);
      self->last_name = g_strdup (staff->name);
      self->last_id = staff->id;
    }
  uncover (self);
  note_activity (self);
  schedule_idle (self);
}

/* What the sections show was read under the rights of whoever was signed
 * in before, or of nobody, and missed what changed while the desk was
 * locked: every list reads its tables again, as after a restore. */
static void
refresh_records (PdDeskLock *self)
{
  /* The accounts did not change: only who is signed in. */
  pd_database_notify_all_changed (get_database (self), "staff");
}

static void
on_staff_changed_cb (PdDeskLock *self)
{
  update (self);
  if (pd_database_get_staff (get_database (self)) != NULL)
    refresh_records (self);
}

static void
update_accounts (gpointer user_data)
{
  PdDeskLock *self = user_data;

  self->accounts_source = 0;
  update (self);
}

/* The first director's account turns sign-in on. Whoever created it is
 * usually signed in as that director right after, in the same handler:
 * the desk locks only if nobody is by then, and not under the feet of the
 * form that created the account. */
static void
on_accounts_changed_cb (PdDeskLock *self)
{
  if (self->accounts_source == 0)
    self->accounts_source = g_idle_add_once (update_accounts, self);
}

/* Each section's header bar, the one with the switcher, names who is
 * signed in. */
static void
add_staff_buttons (PdDeskLock *self,
                   GtkWidget  *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *header;

      if (!ADW_IS_VIEW_SWITCHER_TITLE (child))
        {
          add_staff_buttons (self, child);
          continue;
        }
      header = gtk_widget_get_ancestor (child, ADW_TYPE_HEADER_BAR);
      if (header != NULL)
        adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                                 pd_staff_button_new (get_database (self)));
    }
}

/* Actions */

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  lock (user_data);
}

static void
switch_staff_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  PdDeskLock *self = user_data;

  self->choose_name = TRUE;
  lock (self);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  PdDeskLock *self = user_data;

  if (pd_database_get_staff (get_database (self)) == NULL)
    return;
  self->last_id = 0;
  g_clear_pointer (&self->last_name, g_free);
  conceal (self);
  pd_staff_sign_out (get_database (self));
}

static void
pd_desk_lock_dispose (GObject *object)
{
  PdDeskLock *self = (PdDeskLock *)object;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->accounts_source, g_source_remove);
  if (self->hidden != NULL)
    destroy_hidden (self);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_desk_lock_parent_class)->dispose (object);
}

static void
pd_desk_lock_finalize (GObject *object)
{
  PdDeskLock *self = (PdDeskLock *)object;

  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->last_section, g_free);
  g_clear_object (&self->sign_in_view);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_desk_lock_parent_class)->finalize (object);
}

static void
pd_desk_lock_class_init (PdDeskLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_desk_lock_dispose;
  object_class->finalize = pd_desk_lock_finalize;
}

static void
pd_desk_lock_init (PdDeskLock *self)
{
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pd_desk_lock_new:
 * @window: the main window, which gets the actions win.lock,
 *   win.switch-staff and win.sign-out
 * @stack: the window's stack, which gets the sign-in view as "sign-in"
 * @sections: the sections, shown as the role allows
 *
 * Returns: (transfer full): the lock, which the window keeps as long as it
 *   lives and drops in its dispose
 */
PdDeskLock *
pd_desk_lock_new (AdwApplicationWindow *window,
                  PdContext            *context,
                  GtkStack             *stack,
                  AdwViewStack         *sections)
{
  const GActionEntry actions[] = {
    { "lock", lock_action },
    { "switch-staff", switch_staff_action },
    { "sign-out", sign_out_action },
  };
  PdDeskLock *self;
  GtkEventController *shortcuts;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_return_val_if_fail (ADW_IS_APPLICATION_WINDOW (window), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (GTK_IS_STACK (stack), NULL);
  g_return_val_if_fail (ADW_IS_VIEW_STACK (sections), NULL);

  self = g_object_new (PD_TYPE_DESK_LOCK, NULL);
  self->window = window;
  self->stack = stack;
  self->sections = sections;
  self->context = g_object_ref (context);

  self->sign_in_view = g_object_ref_sink (pd_sign_in_view_new (context));
  gtk_stack_add_named (stack, self->sign_in_view, SIGN_IN_PAGE);

  g_action_map_add_action_entries (G_ACTION_MAP (window), actions, G_N_ELEMENTS (actions), self);
  /* Caught before any widget of the window sees the keys, so that the
   * desk locks whatever has the focus. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.lock")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l,
                                                                                  GDK_SUPER_MASK),
                                                          gtk_named_action_new ("win.lock")));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  add_staff_buttons (self, GTK_WIDGET (sections));
  watch_activity (self, GTK_WINDOW (window));
  g_signal_connect_object (toplevels, "items-changed", G_CALLBACK (on_toplevels_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (get_database (self), "staff-changed", G_CALLBACK (on_staff_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_database (self), "changed::staff",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pd_context_get_settings (context), "changed::" IDLE_KEY,
                           G_CALLBACK (on_idle_setting_changed_cb), self, G_CONNECT_SWAPPED);
  self->idle_ms = (guint) g_settings_get_int (pd_context_get_settings (context), IDLE_KEY) * 60000;
  update (self);

  return self;
}

void
pd_desk_lock_close_on_lock (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set_data (G_OBJECT (window), CLOSE_ON_LOCK, GINT_TO_POINTER (TRUE));
}

/* Whether the window shows nothing but the sign-in view. */
gboolean
pd_desk_lock_get_locked (PdDeskLock *self)
{
  g_return_val_if_fail (PD_IS_DESK_LOCK (self), FALSE);

  return self->locked;
}

GtkWidget *
pd_desk_lock_get_sign_in_view (PdDeskLock *self)
{
  g_return_val_if_fail (PD_IS_DESK_LOCK (self), NULL);

  return self->sign_in_view;
}

/* Whether @section may show: unlocked, and the role sees it. */
gboolean
pd_desk_lock_may_show (PdDeskLock *self,
                       const char *section)
{
  g_return_val_if_fail (PD_IS_DESK_LOCK (self), FALSE);

  return !self->locked && section_allowed (self, section);
}

/* The idle time before the desk locks, in place of the settings' minutes:
 * for the tests, which cannot wait minutes. 0 never locks. */
void
pd_desk_lock_set_idle_time (PdDeskLock *self,
                            guint       ms)
{
  g_return_if_fail (PD_IS_DESK_LOCK (self));

  self->idle_ms = ms;
  note_activity (self);
  schedule_idle (self);
}
