/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-hours-editor.h"
#include "pd-list-rows.h"
#include "pd-members.h"
#include "pd-primary-menu.h"
#include "pd-print-documents.h"
#include "pd-print-operation.h"
#include "pd-report.h"
#include "pd-row-item.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-toast.h"
#include "pd-training-dialogs.h"
#include "pd-training.h"
#include "pd-volunteer-editor.h"
#include "pd-volunteer-list.h"
#include "pd-volunteers-page-private.h"
#include "pd-volunteers.h"

/* Volunteers: the coordinator's view. On the left, the alerts (credentials
 * to renew, yearly trainings due) and the volunteers; on the right, one
 * volunteer's credentials, training, hours, supervision and details.
 *
 * The volunteers are a PdVolunteerList in a GtkListView, read a page at a
 * time as they are shown. The alerts are worked out in SQLite on a thread,
 * the most urgent MAX_ALERT_ROWS only, and again only when what they are
 * made of changes (volunteers, training and credentials, the renewal
 * window, the day): never for a check-in. */
#define MAX_ALERT_ROWS 30

G_DEFINE_FINAL_TYPE (PdVolunteersPage, pd_volunteers_page, PD_TYPE_PAGE)

enum {
  PROP_0,
  PROP_N_ALERTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PdDatabase *
database (PdVolunteersPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

void
_pd_volunteers_page_toast (PdVolunteersPage *self,
                           const char       *message)
{
  pd_toast_show (self->toast_overlay, message);
}

static GtkWindow *
parent_window (PdVolunteersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Empties a list box (but keeps its placeholder), a grid or a box. */
void
_pd_volunteers_page_remove_all_children (GtkWidget *parent)
{
  GtkWidget *child = gtk_widget_get_first_child (parent);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX (parent))
        {
          if (GTK_IS_LIST_BOX_ROW (child))
            gtk_list_box_remove (GTK_LIST_BOX (parent), child);
        }
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
      child = next;
    }
}

const char *
_pd_volunteers_page_status_label (const char *status)
{
  const char *label = pd_code_label (pd_volunteer_statuses (), status);

  return label ? _(label) : status;
}

/* "2.5 h" */
char *
_pd_volunteers_page_dup_hours_number (guint quarter_hours)
{
  g_autofree char *plain = pd_hours_format (quarter_hours);

  return pd_text_format_number (plain);
}

/* An alert: the volunteer's name over what needs doing, marked as an
 * error or a warning by the item's style; or the hint that there are
 * more. */
static GtkWidget *
create_alert_row_cb (gpointer object,
                     gpointer user_data)
{
  PdRowItem *item = object;
  const char *title = pd_row_item_get_title (item);
  const char *subtitle = pd_row_item_get_subtitle (item);
  const char *style = pd_row_item_get_style (item);
  gboolean error = g_strcmp0 (style, "error") == 0;
  GtkWidget *row;
  GtkWidget *hbox;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *title_label;
  GtkWidget *subtitle_label;
  g_autofree char *accessible = NULL;

  if (g_strcmp0 (style, "more") == 0)
    return pd_list_rows_new_more (title);

  row = gtk_list_box_row_new ();
  hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic"
                                             : "dialog-warning-symbolic");
  title_label = gtk_label_new (title);
  subtitle_label = gtk_label_new (subtitle);
  accessible = g_strdup_printf ("%s, %s", title, subtitle);
  gtk_widget_set_margin_top (hbox, 6);
  gtk_widget_set_margin_bottom (hbox, 6);
  gtk_widget_add_css_class (icon, style);
  gtk_box_append (GTK_BOX (hbox), icon);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, error ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);
  gtk_box_append (GTK_BOX (hbox), box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_box_set_placeholder (list, label);
}

static void
read_roles (PdVolunteersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  g_hash_table_remove_all (self->role_labels);
  /* Read again when someone signs in who may see them. */
  if (!pd_database_has_right (database (self), PD_RIGHT_VOLUNTEERS))
    return;
  roles = pd_roles_list (database (self), TRUE, &error);
  if (roles == NULL)
    g_warning ("Could not read the volunteer roles: %s", error->message);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const PdVolunteerRole *role = g_ptr_array_index (roles, i);

      g_hash_table_insert (self->role_labels, g_memdup2 (&role->id, sizeof role->id),
                           g_strdup (role->label));
    }
}

static const char *
selected_status (PdVolunteersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);
  const PdCode *statuses = pd_volunteer_statuses ();

  /* The first choice is "All". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  for (guint i = 0; statuses[i].code != NULL; i++)
    if (i + 1 == selected)
      return statuses[i].code;
  return NULL;
}

/* While a search is typed, its matches come first: the alerts make way. */
static void
update_sidebar_state (PdVolunteersPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean searching = !pd_text_is_blank (search);
  guint n = self->volunteers ? g_list_model_get_n_items (G_LIST_MODEL (self->volunteers)) : 1;

  gtk_widget_set_visible (self->alerts_box,
                          !searching &&
                          g_list_model_get_n_items (G_LIST_MODEL (self->alert_items)) > 0);
  if (n == 0)
    {
      gboolean filtered = searching || selected_status (self) != NULL;

      gtk_label_set_text (self->empty_label,
                          filtered ? _("No volunteer matches")
                                   : _("No volunteers yet. Add the first one with the + button "
                                       "or Ctrl+N."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
}

static void
refresh_list (PdVolunteersPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->volunteers != NULL)
    pd_volunteer_list_set_filter (self->volunteers, search, selected_status (self));
  update_sidebar_state (self);
}

static void refresh_alerts (PdVolunteersPage *self);

static void
show_alerts (PdVolunteersPage *self,
             GPtrArray        *alerts,
             guint             n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    {
      const PdAlert *alert = g_ptr_array_index (alerts, i);
      gboolean expired = alert->kind == PD_ALERT_CREDENTIAL_EXPIRED;
      g_autofree char *date = pd_date_format (alert->date);
      g_autofree char *message = NULL;

      /* The word, not the colour alone, says it has expired; the date is
       * written as every list writes one. */
      if (expired)
        /* Translators: "Expired: IC&RC Peer Recovery expired on Sun 1 Mar 2026" */
        message = g_strdup_printf (_("Expired: %s expired on %s"), alert->what, date);
      else if (alert->kind == PD_ALERT_CREDENTIAL_EXPIRING)
        /* Translators: "IC&RC Peer Recovery expires on Tue 31 Mar 2026" */
        message = g_strdup_printf (_("%s expires on %s"), alert->what, date);
      else if (alert->never_completed)
        message = g_strdup (alert->message);
      else
        /* Translators: "Naloxone training was due on Sat 14 Feb 2026": a
         * course required every year, a year after it was last completed */
        message = g_strdup_printf (_("%s was due on %s"), alert->what, date);
      g_ptr_array_add (items, pd_row_item_new (alert->volunteer_id, alert->volunteer_name, message,
                                               expired ? "error" : "warning"));
    }

  if (alerts != NULL && n > alerts->len)
    {
      guint n_more = n - alerts->len;
      g_autofree char *count = pd_text_format_count (n_more);
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s more alert: search for a "
                                                            "volunteer to see theirs",
                                                            "%s more alerts: search for a "
                                                            "volunteer to see theirs",
                                                            n_more),
                                               count);

      g_ptr_array_add (items, pd_row_item_new (0, more, NULL, "more"));
    }
  g_list_store_splice (self->alert_items, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->alert_items)), items->pdata,
                       items->len);
  update_sidebar_state (self);
  if (n != self->n_alerts)
    {
      self->n_alerts = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ALERTS]);
    }
}

static void
on_alerts_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdVolunteersPage) self = user_data;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  alerts = pd_alerts_list_urgent_finish (PD_DATABASE (source), result, &n, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->alerts_cancellable);
  if (alerts == NULL)
    _pd_volunteers_page_toast (self, error->message);
  else
    show_alerts (self, alerts, n);
  if (self->alerts_again)
    refresh_alerts (self);
}

/* At most one run at a time: a change during a run asks for another once
 * it is over, so a burst of changes costs two runs, not one each. */
static void
refresh_alerts (PdVolunteersPage *self)
{
  int window_days = (int) pd_report_settings_get_renewal_window (database (self));

  g_clear_handle_id (&self->alerts_source, g_source_remove);
  if (self->alerts_cancellable != NULL)
    {
      self->alerts_again = TRUE;
      return;
    }
  self->alerts_again = FALSE;
  self->n_alert_runs++;
  g_free (self->alerts_day);
  self->alerts_day = pd_date_today ();
  self->alerts_cancellable = g_cancellable_new ();
  pd_alerts_list_urgent_async (database (self), self->alerts_day, (guint) MAX (window_days, 0),
                               MAX_ALERT_ROWS, self->alerts_cancellable, on_alerts_ready_cb,
                               g_object_ref (self));
}

void
_pd_volunteers_page_update_header (PdVolunteersPage  *self,
                                   const PdVolunteer *volunteer)
{
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                              "volunteer") == 0;
  const char *actions[] = { "volunteers.edit", "volunteers.log-hours",
                            "volunteers.add-supervision", "volunteers.record-training",
                            "volunteers.add-credential", "volunteers.print-training" };

  adw_view_switcher_title_set_title (self->content_title, volunteer ? volunteer->display_name : "");
  adw_view_switcher_title_set_subtitle (self->content_title,
                                        volunteer
                                          ? _pd_volunteers_page_status_label (volunteer->status)
                                          : "");
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_visible (self->edit_button, shown);
  gtk_widget_set_visible (self->volunteer_menu_button, shown);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], shown);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdVolunteersPage *self = user_data;

  self->refresh_source = 0;
  if (self->volunteer_id > 0)
    _pd_volunteers_page_refresh_volunteer (self);
  return G_SOURCE_REMOVE;
}

/* The volunteer shown is read again once a burst of changes is over. */
static void
queue_refresh (PdVolunteersPage *self)
{
  if (self->refresh_source == 0 && self->volunteer_id > 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

/* The list refreshes itself; the alerts and the volunteer shown are read
 * again only for the tables they are made of, so that a check-in (visits,
 * attendance, a newcomer's member record) costs this page nothing. */
static void
on_database_changed_cb (PdVolunteersPage *self,
                        const char       *table,
                        PdDatabase       *db)
{
  /* The renewal window is kept with the report settings. */
  if (g_str_equal (table, "volunteers") || g_str_equal (table, "training") ||
      g_str_equal (table, "report_settings"))
    {
      refresh_alerts (self);
      queue_refresh (self);
    }
  else if (g_str_equal (table, "volunteer_roles"))
    {
      read_roles (self);
      queue_refresh (self);
    }
  else if (g_str_equal (table, "sessions") ||
           (g_str_equal (table, "members") && self->member_id > 0))
    queue_refresh (self);
}

static void
show_volunteer (PdVolunteersPage *self,
                gint64            volunteer_id)
{
  self->volunteer_id = volunteer_id;
  _pd_volunteers_page_refresh_volunteer (self);
  if (volunteer_id > 0)
    {
      GtkAdjustment *adjustment;
      GtkWidget *scroll = gtk_stack_get_child_by_name (self->content_stack, "volunteer");

      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroll));
      gtk_adjustment_set_value (adjustment, 0);
      adw_leaflet_set_visible_child (self->leaflet, self->content);
    }
}

static void
show_volunteer_at (PdVolunteersPage *self,
                   guint             position)
{
  g_autoptr(PdVolunteerSummary) volunteer = NULL;

  if (self->volunteers == NULL)
    return;
  volunteer = g_list_model_get_item (G_LIST_MODEL (self->volunteers), position);
  if (volunteer != NULL)
    show_volunteer (self, pd_volunteer_summary_get_id (volunteer));
}

static void
on_volunteer_activate_cb (PdVolunteersPage *self,
                          guint             position,
                          GtkListView      *view)
{
  show_volunteer_at (self, position);
}

/* Enter opens the top match. */
static void
on_search_activate_cb (PdVolunteersPage *self,
                       GtkSearchEntry   *entry)
{
  show_volunteer_at (self, 0);
}

static void
on_alert_row_activated_cb (PdVolunteersPage *self,
                           GtkListBoxRow    *row,
                           GtkListBox       *list)
{
  show_volunteer (self, pd_row_item_list_get_id (G_LIST_MODEL (self->alert_items),
                                                 gtk_list_box_row_get_index (row)));
  gtk_list_box_unselect_all (self->alerts_list);
}

static void
on_search_changed_cb (PdVolunteersPage *self,
                      GtkSearchEntry   *entry)
{
  refresh_list (self);
}

static void
on_status_selected_cb (PdVolunteersPage *self,
                       GParamSpec       *pspec,
                       GtkDropDown      *dropdown)
{
  if (pd_page_get_context (PD_PAGE (self)) != NULL)
    refresh_list (self);
}

static void
on_leaflet_folded_cb (PdVolunteersPage *self,
                      GParamSpec       *pspec,
                      AdwLeaflet       *leaflet)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
on_volunteer_saved_cb (PdVolunteersPage  *self,
                       gint64             volunteer_id,
                       PdVolunteerEditor *editor)
{
  show_volunteer (self, volunteer_id);
}

static void
open_editor (PdVolunteersPage *self,
             gint64            volunteer_id)
{
  PdVolunteerEditor *editor = pd_volunteer_editor_new (parent_window (self),
                                                       pd_page_get_context (PD_PAGE (self)),
                                                       volunteer_id);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_volunteer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (PD_VOLUNTEERS_PAGE (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (self->volunteer_id > 0)
    open_editor (self, self->volunteer_id);
}

static void
on_hours_saved_cb (PdVolunteersPage *self,
                   guint             n_rows,
                   PdHoursEditor    *editor)
{
  g_autofree char *count = pd_text_format_count (n_rows);
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s shift logged",
                                                           "%s shifts logged", n_rows),
                                              count);

  /* At once, not when the window the form uncovers is redrawn. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  _pd_volunteers_page_refresh_volunteer (self);
  _pd_volunteers_page_toast (self, message);
}

static void
log_hours_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);
  PdHoursEditor *editor;

  if (self->volunteer_id == 0)
    return;
  editor = pd_hours_editor_new (parent_window (self),
                                pd_page_get_context (PD_PAGE (self)), self->volunteer_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_hours_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static gboolean
on_dialog_close_request_cb (PdVolunteersPage *self,
                            GtkWindow        *dialog)
{
  queue_refresh (self);
  return FALSE;
}

static void
present_dialog (PdVolunteersPage *self,
                GtkWindow        *dialog)
{
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_dialog_close_request_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
add_supervision_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (self->volunteer_id > 0)
    present_dialog (self, pd_supervision_dialog_new (parent_window (self),
                                                     pd_page_get_context (PD_PAGE (self)),
                                                     self->volunteer_id));
}

static void
record_training_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (self->volunteer_id > 0)
    present_dialog (self, pd_completion_dialog_new (parent_window (self),
                                                    pd_page_get_context (PD_PAGE (self)),
                                                    self->volunteer_id));
}

static void
new_course_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  present_dialog (self, pd_course_dialog_new (parent_window (self),
                                              pd_page_get_context (PD_PAGE (self))));
}

static void
add_credential_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (self->volunteer_id == 0)
    return;
  _pd_volunteers_page_load_templates (self);
  present_dialog (self, pd_credential_dialog_new (parent_window (self),
                                                  pd_page_get_context (PD_PAGE (self)),
                                                  self->volunteer_id, self->templates));
}

/* The record a certification board asks an applicant for, to be signed
 * by their supervisor. */
static void
print_training_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (self->volunteer_id == 0)
    return;
  doc = pd_print_training_record (database (self), self->volunteer_id, 0, &error);
  if (doc == NULL)
    {
      _pd_volunteers_page_toast (self, error->message);
      return;
    }
  pd_print_document (widget, doc);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PdVolunteersPage         *self)
{
  PdVolunteerSummary *volunteer = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  GtkWidget *row = gtk_widget_get_parent (box);
  const char *roles;
  const char *status;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  if (volunteer == NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (name), NULL);
      gtk_inscription_set_text (GTK_INSCRIPTION (detail), NULL);
      return;
    }
  roles = pd_volunteer_summary_get_roles (volunteer);
  status = pd_volunteer_summary_get_status (volunteer);
  if (pd_text_is_blank (roles))
    subtitle = g_strdup (_pd_volunteers_page_status_label (status));
  else
    /* Translators: a volunteer's roles, then their status */
    subtitle = g_strdup_printf (_("%s · %s"), roles, _pd_volunteers_page_status_label (status));
  gtk_inscription_set_text (GTK_INSCRIPTION (name),
                            pd_volunteer_summary_get_display_name (volunteer));
  gtk_inscription_set_text (GTK_INSCRIPTION (detail), subtitle);
  gtk_widget_set_opacity (box, g_strcmp0 (status, "former") == 0 ? 0.6 : 1.0);

  /* The row is what takes the focus: it carries the name. */
  accessible = g_strdup_printf ("%s, %s", pd_volunteer_summary_get_display_name (volunteer),
                                subtitle);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    accessible, -1);
}

static void
on_map_cb (PdVolunteersPage *self)
{
  g_autofree char *today = pd_date_today ();

  /* The list sorts the names as people read them, which takes a moment
   * the first time: when the section is first shown, not at start-up. */
  if (self->volunteers == NULL)
    {
      self->volunteers = pd_volunteer_list_new (database (self));
      /* No selection model: a selection makes GTK look through every new
       * row for the selected one when rows are replaced; the volunteer
       * shown is named in the header instead. */
      self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->volunteers)));
      g_signal_connect_object (self->volunteers, "items-changed",
                               G_CALLBACK (update_sidebar_state), self, G_CONNECT_SWAPPED);
      refresh_list (self);
      gtk_list_view_set_model (self->volunteers_view, GTK_SELECTION_MODEL (self->selection));
    }
  /* Left open overnight: yesterday's "expires today" has expired. */
  if (self->alerts_day != NULL && g_strcmp0 (self->alerts_day, today) != 0)
    refresh_alerts (self);
}

static gboolean
start_alerts_cb (gpointer user_data)
{
  PdVolunteersPage *self = user_data;

  self->alerts_source = 0;
  refresh_alerts (self);
  return G_SOURCE_REMOVE;
}

static void
pd_volunteers_page_constructed (GObject *object)
{
  PdVolunteersPage *self = (PdVolunteersPage *)object;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (pd_volunteers_page_parent_class)->constructed (object);

  g_signal_connect_object (database (self), "changed", G_CALLBACK (on_database_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (pd_list_rows_setup_two_lines), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->volunteers_view, factory);
  /* Rows are made when the section is first shown, not for the first
   * frame of a window that opens on another section. */
  g_signal_connect_object (self, "map", G_CALLBACK (on_map_cb), NULL, 0);

  read_roles (self);
  /* Once the window is up: the first frame does not wait for them, nor
   * share the processor with them. */
  self->alerts_source = g_idle_add_full (G_PRIORITY_LOW, start_alerts_cb, self, NULL);
  _pd_volunteers_page_refresh_volunteer (self);
}

static void
pd_volunteers_page_dispose (GObject *object)
{
  PdVolunteersPage *self = (PdVolunteersPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->alerts_source, g_source_remove);
  g_cancellable_cancel (self->alerts_cancellable);
  g_clear_object (&self->alerts_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_VOLUNTEERS_PAGE);

  G_OBJECT_CLASS (pd_volunteers_page_parent_class)->dispose (object);
}

static void
pd_volunteers_page_finalize (GObject *object)
{
  PdVolunteersPage *self = (PdVolunteersPage *)object;

  g_clear_pointer (&self->role_labels, g_hash_table_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->alerts_day, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->volunteers);
  g_clear_object (&self->alert_items);

  G_OBJECT_CLASS (pd_volunteers_page_parent_class)->finalize (object);
}

static void
pd_volunteers_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_ALERTS:
      g_value_set_uint (value, self->n_alerts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_volunteers_page_class_init (PdVolunteersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_volunteers_page_constructed;
  object_class->dispose = pd_volunteers_page_dispose;
  object_class->finalize = pd_volunteers_page_finalize;
  object_class->get_property = pd_volunteers_page_get_property;

  /**
   * PdVolunteersPage:n-alerts:
   *
   * How many alerts the sidebar lists: credentials expired or within the
   * renewal window, and yearly trainings due. For a badge on the section.
   */
  properties[PROP_N_ALERTS] =
    g_param_spec_uint ("n-alerts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-volunteers-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, content);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, alerts_box);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, alerts_list);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, volunteers_view);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, content_title);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, volunteer_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, roles_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, member_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, check_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, totals_grid);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, hours_list);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, supervision_list);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, training_list);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteersPage, credentials_box);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "log_hours_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_supervision_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "record_training_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_course_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_credential_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "credentials_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "training_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "hours_group", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_volunteer_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alert_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "volunteers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "volunteers.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "volunteers.log-hours", NULL, log_hours_action);
  gtk_widget_class_install_action (widget_class, "volunteers.add-supervision", NULL,
                                   add_supervision_action);
  gtk_widget_class_install_action (widget_class, "volunteers.record-training", NULL,
                                   record_training_action);
  gtk_widget_class_install_action (widget_class, "volunteers.new-course", NULL,
                                   new_course_action);
  gtk_widget_class_install_action (widget_class, "volunteers.add-credential", NULL,
                                   add_credential_action);
  gtk_widget_class_install_action (widget_class, "volunteers.print-training", NULL,
                                   print_training_action);
  gtk_widget_class_install_action (widget_class, "volunteers.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "volunteers.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "volunteers.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "volunteers.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "volunteers.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "volunteers.print-training", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_volunteers_page_init (PdVolunteersPage *self)
{
  const PdCode *statuses = pd_volunteer_statuses ();
  g_autoptr(GtkStringList) filters = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  pd_primary_menu_extend (GTK_WIDGET (self), PD_TYPE_VOLUNTEERS_PAGE);
  pd_accessible_fix_names (GTK_WIDGET (self));
  self->role_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->alert_items = g_list_store_new (PD_TYPE_ROW_ITEM);
  gtk_list_box_bind_model (self->alerts_list, G_LIST_MODEL (self->alert_items),
                           create_alert_row_cb, NULL, NULL);

  /* Translators: the status filter's choice that shows every volunteer */
  gtk_string_list_append (filters, _("All"));
  for (guint i = 0; statuses[i].code != NULL; i++)
    gtk_string_list_append (filters, _(statuses[i].label));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (filters));
  set_placeholder (self->hours_list, _("No hours logged yet"));
  set_placeholder (self->supervision_list, _("No supervision recorded yet"));
  set_placeholder (self->training_list, _("No training recorded yet"));
}

GtkWidget *
pd_volunteers_page_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_VOLUNTEERS_PAGE, "context", context, NULL);
}

/* Shows volunteer @volunteer_id's page; 0 shows none. */
void
pd_volunteers_page_show_volunteer (PdVolunteersPage *self,
                                   gint64            volunteer_id)
{
  g_return_if_fail (PD_IS_VOLUNTEERS_PAGE (self));
  show_volunteer (self, volunteer_id);
}

/* The volunteer shown, or 0. */
gint64
pd_volunteers_page_get_volunteer_id (PdVolunteersPage *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEERS_PAGE (self), 0);
  return self->volunteer_id;
}

guint
pd_volunteers_page_get_n_alerts (PdVolunteersPage *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEERS_PAGE (self), 0);
  return self->n_alerts;
}

/* Reads the lists and the volunteer shown again from the database. */
void
pd_volunteers_page_refresh (PdVolunteersPage *self)
{
  g_return_if_fail (PD_IS_VOLUNTEERS_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  read_roles (self);
  if (self->volunteers != NULL)
    pd_volunteer_list_refresh (self->volunteers);
  update_sidebar_state (self);
  refresh_alerts (self);
  if (self->volunteer_id > 0)
    _pd_volunteers_page_refresh_volunteer (self);
}

/* How many times the alerts were worked out; tests use it to check that
 * they are not for changes they do not depend on. */
guint
pd_volunteers_page_get_n_alert_runs (PdVolunteersPage *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEERS_PAGE (self), 0);
  return self->n_alert_runs;
}

/* Whether the alerts are being worked out. */
gboolean
pd_volunteers_page_get_alerts_pending (PdVolunteersPage *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEERS_PAGE (self), FALSE);
  return self->alerts_source != 0 || self->alerts_cancellable != NULL;
}
