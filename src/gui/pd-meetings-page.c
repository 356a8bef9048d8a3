/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-attendance-view.h"
#include "pd-groups.h"
#include "pd-list-rows.h"
#include "pd-meetings-page-private.h"
#include "pd-meetings-text.h"
#include "pd-primary-menu.h"
#include "pd-row-item.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-toast.h"

/* Meetings: today's sessions and the groups on the left, a group's
 * sessions or one session's attendance on the right.
 *
 * Sessions come from the groups' schedules. The page adds those of the
 * coming PD_MEETINGS_GENERATE_WEEKS weeks by itself, the first time it is
 * shown each day and whenever a group is saved, so that a facilitator
 * finds today's meeting waiting without knowing that sessions are made at
 * all; "Add Sessions From the Schedule" does the same on demand. Adding
 * them is idempotent: a session that exists, cancelled or not, is kept. */

G_DEFINE_FINAL_TYPE (PdMeetingsPage, pd_meetings_page, PD_TYPE_PAGE)

enum {
  PROP_0,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PdDatabase *
database (PdMeetingsPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

static void
toast (PdMeetingsPage *self,
       const char     *message)
{
  pd_toast_show (self->toast_overlay, message);
}

static const char *
visible_page (PdMeetingsPage *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/* The id of what @row of @list stands for, from the list's model. */
static gint64
row_id (GtkListBox    *list,
        GtkListBoxRow *row,
        GListStore    *items)
{
  g_assert (gtk_widget_get_parent (GTK_WIDGET (row)) == GTK_WIDGET (list));
  return pd_row_item_list_get_id (G_LIST_MODEL (items), gtk_list_box_row_get_index (row));
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          GListStore *items,
          gint64      id)
{
  guint position;

  if (!pd_row_item_list_find (G_LIST_MODEL (items), id, &position))
    return NULL;
  return gtk_list_box_get_row_at_index (list, position);
}

/* Shows @items, a GPtrArray of PdRowItem, in place of what @store held. */
static void
replace_items (GListStore *store,
               GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata,
                       items->len);
}

/* A row of today's sessions or of the groups; or the hint that more groups
 * are found by name. */
static GtkWidget *
create_sidebar_row_cb (gpointer object,
                       gpointer user_data)
{
  PdRowItem *item = object;
  const char *title = pd_row_item_get_title (item);
  const char *subtitle = pd_row_item_get_subtitle (item);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  g_autofree char *accessible = NULL;

  if (g_strcmp0 (pd_row_item_get_style (item), "more") == 0)
    return pd_list_rows_new_more (title);

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  title_label = gtk_label_new (title);
  subtitle_label = gtk_label_new (subtitle);
  accessible = g_strdup_printf ("%s, %s", title, subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  if (g_strcmp0 (pd_row_item_get_style (item), "archived") == 0)
    gtk_widget_set_opacity (row, 0.6);
  return row;
}

/* A session of the group shown: its date, then its times and what became
 * of it. */
static PdRowItem *
session_item_new (const PdSession *session,
                  gboolean         latest)
{
  g_autofree char *date = pd_date_format (session->starts_at);
  g_autofree char *summary = pd_meetings_text_dup_session_summary (session);
  g_autofree char *subtitle = NULL;

  /* Translators: the subtitle of the latest session that has begun,
   * before what became of it */
  subtitle = latest ? g_strdup_printf (_("Latest · %s"), summary) : g_steal_pointer (&summary);
  return pd_row_item_new (session->id, date, subtitle, session->cancelled ? "cancelled" : NULL);
}

static GtkWidget *
create_session_row_cb (gpointer object,
                       gpointer user_data)
{
  PdRowItem *item = object;
  GtkWidget *row = adw_action_row_new ();

  /* A cancellation's reason is typed text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pd_row_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pd_row_item_get_subtitle (item));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (g_strcmp0 (pd_row_item_get_style (item), "cancelled") == 0)
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* Marks in the sidebar what the content shows. */
static void
update_sidebar_selection (PdMeetingsPage *self)
{
  GtkListBoxRow *today = NULL;
  GtkListBoxRow *group = NULL;

  if (g_strcmp0 (visible_page (self), "attendance") == 0 && !self->from_group)
    today = find_row (self->today_list, self->today_items, self->session_id);
  else if (g_strcmp0 (visible_page (self), "none") != 0)
    group = find_row (self->groups_list, self->group_items, self->group_id);

  if (today != NULL)
    gtk_list_box_select_row (self->today_list, today);
  else
    gtk_list_box_unselect_all (self->today_list);
  if (group != NULL)
    gtk_list_box_select_row (self->groups_list, group);
  else
    gtk_list_box_unselect_all (self->groups_list);
}

/* Today's sessions: a day has a handful, so they are all listed. */
static void
refresh_today (PdMeetingsPage *self)
{
  g_autofree char *today = pd_date_today ();
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* Unread, with the server out of reach say, the list keeps what it
   * showed rather than empty itself. */
  sessions = pd_sessions_list_day (database (self), today, &error);
  if (sessions == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < sessions->len; i++)
    {
      const PdSession *session = g_ptr_array_index (sessions, i);
      g_autofree char *summary = pd_meetings_text_dup_session_summary (session);

      g_ptr_array_add (items, pd_row_item_new (session->id, session->group_name, summary, NULL));
    }
  replace_items (self->today_items, items);
  gtk_widget_set_visible (GTK_WIDGET (self->today_list), sessions->len > 0);
  gtk_widget_set_visible (self->today_empty_label, sessions->len == 0);
}

/* The groups, by name: the first PD_MEETINGS_MAX_GROUP_ROWS of those the
 * search finds, so that a centre with thousands of groups opens at once. */
static void
refresh_groups (PdMeetingsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->groups_search_entry));
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_total = 0;

  self->groups_stale = FALSE;

  groups = pd_groups_list_first (database (self), self->show_archived, search,
                                 PD_MEETINGS_MAX_GROUP_ROWS, &n_total, &error);
  if (groups == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < groups->len; i++)
    {
      const PdGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *schedule = pd_meetings_text_dup_schedule_summary (group);
      g_autofree char *subtitle = NULL;

      /* Translators: a group's schedule, then that it is archived */
      subtitle = group->archived ? g_strdup_printf (_("%s · Archived"), schedule)
                                 : g_strdup (schedule);
      g_ptr_array_add (items, pd_row_item_new (group->id, group->name, subtitle,
                                               group->archived ? "archived" : NULL));
    }
  if (n_total > groups->len)
    {
      guint n_more = n_total - groups->len;
      g_autofree char *count = pd_text_format_count (n_more);
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s more group: type a name "
                                                            "to find it",
                                                            "%s more groups: type a name "
                                                            "to find them",
                                                            n_more),
                                               count);

      g_ptr_array_add (items, pd_row_item_new (0, more, NULL, "more"));
    }
  replace_items (self->group_items, items);

  gtk_label_set_text (GTK_LABEL (self->groups_empty_label),
                      pd_text_is_blank (search)
                        ? _("No groups yet. Add the first one with the + button or Ctrl+N.")
                        : _("No group matches"));
  gtk_widget_set_visible (GTK_WIDGET (self->groups_list), groups->len > 0);
  gtk_widget_set_visible (self->groups_empty_label, groups->len == 0);
}

void
_pd_meetings_page_refresh_sidebar (PdMeetingsPage *self)
{
  refresh_today (self);
  refresh_groups (self);
  update_sidebar_selection (self);
}

/* Fills @store with @limit of the group's upcoming or earlier sessions, and
 * says whether there are more. The latest session that has begun heads the
 * upcoming ones rather than the earlier ones: it is the meeting that is
 * under way or just ended, whose attendance a facilitator takes. */
static gboolean
fill_sessions (PdMeetingsPage *self,
               GListStore     *store,
               gboolean        upcoming,
               guint           limit)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (upcoming)
    {
      latest = pd_sessions_list_for_group (database (self), self->group_id, FALSE, 0, 1, &error);
      if (latest == NULL)
        {
          replace_items (store, items);
          toast (self, error->message);
          return FALSE;
        }
      if (latest->len > 0)
        g_ptr_array_add (items, session_item_new (g_ptr_array_index (latest, 0), TRUE));
    }

  /* One more than is shown tells whether there are more. */
  sessions = pd_sessions_list_for_group (database (self), self->group_id, upcoming,
                                         upcoming ? 0 : 1, limit + 1, &error);
  if (sessions == NULL)
    {
      replace_items (store, items);
      toast (self, error->message);
      return FALSE;
    }
  for (guint i = 0; i < sessions->len && i < limit; i++)
    g_ptr_array_add (items, session_item_new (g_ptr_array_index (sessions, i), FALSE));
  replace_items (store, items);
  return sessions->len > limit;
}

static void
set_detail (AdwActionRow *row,
            const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), !pd_text_is_blank (value));
  adw_action_row_set_subtitle (row, value ? value : "");
}

/* Shows the group's details and sessions, keeping how many were shown. */
static void
refresh_group_page (PdMeetingsPage *self)
{
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *start_date = NULL;
  g_autofree char *end_date = NULL;
  const char *mode;
  const char *kind;

  group = pd_groups_get (database (self), self->group_id, &error);
  if (group == NULL)
    {
      toast (self, error->message);
      self->group_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      _pd_meetings_page_update_header (self);
      return;
    }

  schedule = pd_meetings_text_dup_schedule_summary (group);
  start_date = pd_date_format (group->start_date);
  end_date = pd_date_format (group->end_date);
  if (group->weekdays == 0)
    dates = g_strdup (start_date);
  else if (pd_text_is_blank (group->end_date))
    /* Translators: the first date of a group with no last date */
    dates = g_strdup_printf (_("From %s"), start_date);
  else
    /* Translators: a group's first and last dates */
    dates = g_strdup_printf (_("%s to %s"), start_date, end_date);
  kind = pd_code_label (pd_group_kinds (), group->kind);
  mode = pd_code_label (pd_attendance_modes (), group->attendance_mode);

  set_detail (self->schedule_row, schedule);
  set_detail (self->dates_row, dates);
  set_detail (self->kind_row, kind ? _(kind) : group->kind);
  set_detail (self->facilitator_row, group->facilitator_name);
  set_detail (self->room_row, group->room);
  set_detail (self->mode_row, mode ? _(mode) : group->attendance_mode);
  set_detail (self->description_row, group->description);

  gtk_widget_set_visible (self->later_button,
                          fill_sessions (self, self->upcoming_items, TRUE, self->n_upcoming));
  gtk_widget_set_visible (self->earlier_button,
                          fill_sessions (self, self->past_items, FALSE, self->n_past));
  _pd_meetings_page_update_header (self);
}

static void
update_actions (PdMeetingsPage *self)
{
  const PdSession *session = pd_attendance_view_get_session (self->attendance_view);
  gboolean attendance = g_strcmp0 (visible_page (self), "attendance") == 0;
  gboolean group = g_strcmp0 (visible_page (self), "group") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit-group",
                                 (group || attendance) && self->group_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.add-session",
                                 group && self->group_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.cancel-session",
                                 attendance && session != NULL && !session->cancelled);
  /* A cancelled session needs no sheet; the core would refuse it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.print-sign-in",
                                 attendance && session != NULL && !session->cancelled &&
                                 pd_database_has_right (pd_page_get_database (PD_PAGE (self)),
                                                        PD_RIGHT_MEETINGS));
  /* The core says why when it refuses (no volunteer facilitator, a
   * session still to come, hours logged already); a role that keeps no
   * hours is not offered it at all. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.log-hours",
                                 attendance && session != NULL && !session->cancelled &&
                                 pd_database_has_right (pd_page_get_database (PD_PAGE (self)),
                                                        PD_RIGHT_VOLUNTEERS));
}

void
_pd_meetings_page_update_header (PdMeetingsPage *self)
{
  const char *page = visible_page (self);
  gboolean attendance = g_strcmp0 (page, "attendance") == 0;
  gboolean group = g_strcmp0 (page, "group") == 0;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (attendance)
    {
      const PdSession *session = pd_attendance_view_get_session (self->attendance_view);

      adw_view_switcher_title_set_title (self->content_title, session ? session->group_name : "");
      adw_view_switcher_title_set_subtitle (self->content_title, _("Attendance"));
    }
  else if (group)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdGroup) shown = pd_groups_get (database (self), self->group_id, &error);
      const char *kind = shown ? pd_code_label (pd_group_kinds (), shown->kind) : NULL;

      /* refresh_group_page() says why when the group cannot be read. */
      if (shown == NULL)
        g_debug ("Could not read the group shown: %s", error->message);

      adw_view_switcher_title_set_title (self->content_title, shown ? shown->name : "");
      adw_view_switcher_title_set_subtitle (self->content_title, kind ? _(kind) : "");
    }
  else
    {
      adw_view_switcher_title_set_title (self->content_title, "");
      adw_view_switcher_title_set_subtitle (self->content_title, "");
    }

  gtk_widget_set_visible (self->back_button, folded || (attendance && self->from_group));
  gtk_widget_set_visible (self->edit_group_button, group);
  gtk_widget_set_visible (self->session_menu_button, attendance);
  update_actions (self);
}

void
_pd_meetings_page_show_group (PdMeetingsPage *self,
                              gint64          group_id,
                              gboolean        keep_counts)
{
  if (!keep_counts || group_id != self->group_id)
    {
      self->n_upcoming = PD_MEETINGS_SESSIONS_PAGE;
      self->n_past = PD_MEETINGS_SESSIONS_PAGE;
    }
  self->group_id = group_id;
  self->session_id = 0;
  self->from_group = FALSE;
  pd_attendance_view_set_session (self->attendance_view, 0);
  gtk_stack_set_visible_child_name (self->content_stack, "group");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  refresh_group_page (self);
  update_sidebar_selection (self);
}

static void
show_session (PdMeetingsPage *self,
              gint64          session_id,
              gboolean        from_group)
{
  const PdSession *session;

  self->session_id = session_id;
  self->from_group = from_group;
  pd_attendance_view_set_session (self->attendance_view, session_id);
  session = pd_attendance_view_get_session (self->attendance_view);
  if (session != NULL)
    self->group_id = session->group_id;
  gtk_stack_set_visible_child_name (self->content_stack, "attendance");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  _pd_meetings_page_update_header (self);
  update_sidebar_selection (self);
  pd_attendance_view_focus (self->attendance_view);
}

/* Rereads what the changes since the last refresh touched: today's
 * sessions and the group shown always (they are few), the list of groups
 * only when the groups changed, not for a session or an attendance. */
static gboolean
refresh_cb (gpointer user_data)
{
  PdMeetingsPage *self = user_data;

  self->refresh_source = 0;
  refresh_today (self);
  if (self->groups_stale)
    refresh_groups (self);
  update_sidebar_selection (self);
  if (g_strcmp0 (visible_page (self), "group") == 0)
    refresh_group_page (self);
  else
    _pd_meetings_page_update_header (self);
  return G_SOURCE_REMOVE;
}

/* Changes come in bursts (a schedule is many sessions): the lists are
 * rebuilt once, when the burst is over. */
static void
queue_refresh (PdMeetingsPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

static void
on_database_changed_cb (PdMeetingsPage *self,
                        const char     *table,
                        PdDatabase     *db)
{
  if (g_strcmp0 (table, "groups") == 0)
    self->groups_stale = TRUE;
  queue_refresh (self);
}

static void
on_groups_search_changed_cb (PdMeetingsPage *self,
                             GtkSearchEntry *entry)
{
  refresh_groups (self);
  update_sidebar_selection (self);
}

static void
on_today_row_activated_cb (PdMeetingsPage *self,
                           GtkListBoxRow  *row,
                           GtkListBox     *list)
{
  show_session (self, row_id (list, row, self->today_items), FALSE);
}

static void
on_group_row_activated_cb (PdMeetingsPage *self,
                           GtkListBoxRow  *row,
                           GtkListBox     *list)
{
  _pd_meetings_page_show_group (self, row_id (list, row, self->group_items), FALSE);
}

static void
on_session_row_activated_cb (PdMeetingsPage *self,
                             GtkListBoxRow  *row,
                             GtkListBox     *list)
{
  GListStore *items = list == self->past_list ? self->past_items : self->upcoming_items;

  show_session (self, row_id (list, row, items), TRUE);
}

static void
on_later_clicked_cb (PdMeetingsPage *self,
                     GtkButton      *button)
{
  self->n_upcoming += PD_MEETINGS_SESSIONS_PAGE;
  gtk_widget_set_visible (self->later_button,
                          fill_sessions (self, self->upcoming_items, TRUE, self->n_upcoming));
}

static void
on_earlier_clicked_cb (PdMeetingsPage *self,
                       GtkButton      *button)
{
  self->n_past += PD_MEETINGS_SESSIONS_PAGE;
  gtk_widget_set_visible (self->earlier_button,
                          fill_sessions (self, self->past_items, FALSE, self->n_past));
}

static void
on_leaflet_folded_cb (PdMeetingsPage *self,
                      GParamSpec     *pspec,
                      AdwLeaflet     *leaflet)
{
  _pd_meetings_page_update_header (self);
}

static void
on_attendance_changed_cb (PdMeetingsPage   *self,
                          PdAttendanceView *view)
{
  queue_refresh (self);
}

static gboolean
generate_on_show_cb (gpointer user_data)
{
  PdMeetingsPage *self = user_data;

  self->generate_source = 0;
  _pd_meetings_page_generate_quietly (self);
  pd_meetings_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Once a day, when the page is shown; not while it is being mapped, as
 * that rebuilds the lists being mapped. */
static void
pd_meetings_page_map (GtkWidget *widget)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  g_autofree char *today = pd_date_today ();

  GTK_WIDGET_CLASS (pd_meetings_page_parent_class)->map (widget);

  if (g_strcmp0 (self->generated_on, today) != 0 && self->generate_source == 0)
    self->generate_source = g_idle_add (generate_on_show_cb, self);
}

static void
pd_meetings_page_constructed (GObject *object)
{
  PdMeetingsPage *self = (PdMeetingsPage *)object;
  PdDatabase *db = database (self);
  GtkWidget *view;

  G_OBJECT_CLASS (pd_meetings_page_parent_class)->constructed (object);

  view = pd_attendance_view_new (pd_page_get_context (PD_PAGE (self)));
  self->attendance_view = PD_ATTENDANCE_VIEW (view);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->attendance_view), "attendance");
  g_signal_connect_object (self->attendance_view, "changed",
                           G_CALLBACK (on_attendance_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (db, "changed::groups", G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::sessions", G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::attendance", G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _pd_meetings_page_refresh_sidebar (self);
  _pd_meetings_page_update_header (self);
}

static void
pd_meetings_page_dispose (GObject *object)
{
  PdMeetingsPage *self = (PdMeetingsPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->generate_source, g_source_remove);
  if (self->schedule_chooser != NULL)
    gtk_native_dialog_destroy (self->schedule_chooser);
  g_clear_object (&self->schedule_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_MEETINGS_PAGE);
  self->attendance_view = NULL;

  G_OBJECT_CLASS (pd_meetings_page_parent_class)->dispose (object);
}

static void
pd_meetings_page_finalize (GObject *object)
{
  PdMeetingsPage *self = (PdMeetingsPage *)object;

  g_clear_pointer (&self->generated_on, g_free);
  g_clear_object (&self->today_items);
  g_clear_object (&self->group_items);
  g_clear_object (&self->upcoming_items);
  g_clear_object (&self->past_items);

  G_OBJECT_CLASS (pd_meetings_page_parent_class)->finalize (object);
}

static void
pd_meetings_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_meetings_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          if (pd_page_get_context (PD_PAGE (self)) != NULL)
            _pd_meetings_page_refresh_sidebar (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_meetings_page_class_init (PdMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_meetings_page_constructed;
  object_class->dispose = pd_meetings_page_dispose;
  object_class->finalize = pd_meetings_page_finalize;
  object_class->get_property = pd_meetings_page_get_property;
  object_class->set_property = pd_meetings_page_set_property;
  widget_class->map = pd_meetings_page_map;

  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-meetings-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, content);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, today_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, groups_search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, groups_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, content_title);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, session_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, edit_group_button);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, dates_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, facilitator_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, room_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, mode_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, later_button);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, PdMeetingsPage, earlier_button);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "new_group_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "generate_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_session_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_today_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_group_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_groups_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_session_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_later_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_earlier_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  _pd_meetings_page_class_actions_init (widget_class);
  _pd_meetings_page_class_schedule_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_meetings_page_init (PdMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->today_items = g_list_store_new (PD_TYPE_ROW_ITEM);
  self->group_items = g_list_store_new (PD_TYPE_ROW_ITEM);
  self->upcoming_items = g_list_store_new (PD_TYPE_ROW_ITEM);
  self->past_items = g_list_store_new (PD_TYPE_ROW_ITEM);
  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today_items),
                           create_sidebar_row_cb, NULL, NULL);
  gtk_list_box_bind_model (self->groups_list, G_LIST_MODEL (self->group_items),
                           create_sidebar_row_cb, NULL, NULL);
  gtk_list_box_bind_model (self->upcoming_list, G_LIST_MODEL (self->upcoming_items),
                           create_session_row_cb, NULL, NULL);
  gtk_list_box_bind_model (self->past_list, G_LIST_MODEL (self->past_items),
                           create_session_row_cb, NULL, NULL);
  pd_primary_menu_extend (GTK_WIDGET (self), PD_TYPE_MEETINGS_PAGE);
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_meetings_page_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_MEETINGS_PAGE, "context", context, NULL);
}

/* Shows group @group_id's details and sessions. */
void
pd_meetings_page_show_group (PdMeetingsPage *self,
                             gint64          group_id)
{
  g_return_if_fail (PD_IS_MEETINGS_PAGE (self));
  _pd_meetings_page_show_group (self, group_id, FALSE);
}

/* Opens the attendance of session @session_id, as from today's list. */
void
pd_meetings_page_show_session (PdMeetingsPage *self,
                               gint64          session_id)
{
  g_return_if_fail (PD_IS_MEETINGS_PAGE (self));
  show_session (self, session_id, FALSE);
}

/* The group shown, or the group of the session shown; 0 for none. */
gint64
pd_meetings_page_get_group_id (PdMeetingsPage *self)
{
  g_return_val_if_fail (PD_IS_MEETINGS_PAGE (self), 0);
  return g_strcmp0 (visible_page (self), "none") == 0 ? 0 : self->group_id;
}

/* The session whose attendance is shown, or 0. */
gint64
pd_meetings_page_get_session_id (PdMeetingsPage *self)
{
  g_return_val_if_fail (PD_IS_MEETINGS_PAGE (self), 0);
  return g_strcmp0 (visible_page (self), "attendance") == 0 ? self->session_id : 0;
}

PdAttendanceView *
pd_meetings_page_get_attendance_view (PdMeetingsPage *self)
{
  g_return_val_if_fail (PD_IS_MEETINGS_PAGE (self), NULL);
  return self->attendance_view;
}

/* Reads the lists again from the database. */
void
pd_meetings_page_refresh (PdMeetingsPage *self)
{
  g_return_if_fail (PD_IS_MEETINGS_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  _pd_meetings_page_refresh_sidebar (self);
  if (g_strcmp0 (visible_page (self), "group") == 0)
    refresh_group_page (self);
  else
    _pd_meetings_page_update_header (self);
}
