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
#include "pd-report.h"
#include "pd-text.h"
#include "pd-toast.h"
#include "pd-training-dialogs.h"
#include "pd-training.h"
#include "pd-volunteer-editor.h"
#include "pd-volunteer-list.h"
#include "pd-volunteers-page.h"
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
struct _PdVolunteersPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *content;
  GtkSearchEntry *search_entry;
  GtkDropDown *status_dropdown;
  GtkWidget *alerts_box;
  GtkListBox *alerts_list;
  GtkListView *volunteers_view;
  GtkLabel *empty_label;
  AdwViewSwitcherTitle *content_title;
  GtkWidget *back_button;
  GtkWidget *edit_button;
  GtkStack *content_stack;
  AdwActionRow *status_row;
  AdwActionRow *roles_row;
  AdwActionRow *member_row;
  AdwActionRow *phone_row;
  AdwActionRow *email_row;
  AdwActionRow *start_row;
  AdwActionRow *check_row;
  AdwActionRow *notes_row;
  GtkGrid *totals_grid;
  GtkListBox *hours_list;
  GtkListBox *supervision_list;
  GtkListBox *training_list;
  GtkBox *credentials_box;

  /* Owned */
  PdContext *context;
  PdVolunteerList *volunteers;
  GtkNoSelection *selection;
  GHashTable *role_labels;       /* role id (gint64 *) → label */
  GPtrArray *templates;          /* PdCredentialTemplate, or NULL until read */
  gint64 volunteer_id;           /* the volunteer shown, or 0 */
  gint64 member_id;              /* the member record they are linked to, or 0 */
  guint n_alerts;
  guint n_alert_runs;
  GCancellable *alerts_cancellable;
  char *alerts_day;              /* the day the alerts were worked out for */
  gboolean alerts_again;         /* a change came while they were worked out */
  guint refresh_source;
  guint alerts_source;
};

G_DEFINE_FINAL_TYPE (PdVolunteersPage, pd_volunteers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_ALERTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PdDatabase *
database (PdVolunteersPage *self)
{
  return pd_context_get_database (self->context);
}

static void
toast (PdVolunteersPage *self,
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

static gint64
row_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "pd-id");

  return id ? *id : 0;
}

static void
set_row_id (GtkWidget *row,
            gint64     id)
{
  g_object_set_data_full (G_OBJECT (row), "pd-id", g_memdup2 (&id, sizeof id), g_free);
}

/* Empties a list box (but keeps its placeholder), a grid or a box. */
static void
remove_all_children (GtkWidget *parent)
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

static const char *
status_label (const char *status)
{
  const char *label = pd_code_label (pd_volunteer_statuses (), status);

  return label ? _(label) : status;
}

/* "2.5 h" */
static char *
dup_hours_number (guint quarter_hours)
{
  g_autofree char *plain = pd_hours_format (quarter_hours);

  return pd_text_format_number (plain);
}

static char *
dup_hours_text (guint quarter_hours)
{
  g_autofree char *number = dup_hours_number (quarter_hours);

  /* Translators: a number of hours */
  return g_strdup_printf (_("%s h"), number);
}

/* The first and last days of this week, month or year. */
static void
period_range (PdHoursPeriod   period,
              char          **from,
              char          **to)
{
  g_autofree char *today = pd_date_today ();
  GDate first;
  GDate last;

  g_assert (pd_date_parse (today, &first));
  switch (period)
    {
    case PD_HOURS_BY_WEEK:
      g_date_subtract_days (&first, g_date_get_weekday (&first) - G_DATE_MONDAY);
      last = first;
      g_date_add_days (&last, 6);
      break;
    case PD_HOURS_BY_MONTH:
      g_date_set_day (&first, 1);
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first),
                                                       g_date_get_year (&first)));
      break;
    case PD_HOURS_BY_YEAR:
    default:
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&first));
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, g_date_get_year (&first));
      break;
    }
  *from = pd_date_to_iso (&first);
  *to = pd_date_to_iso (&last);
}

static GtkWidget *
create_sidebar_row (const char *title,
                    const char *subtitle,
                    const char *icon_name,
                    const char *style,
                    gint64      id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (subtitle);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", title, subtitle);

  gtk_widget_set_margin_top (hbox, 6);
  gtk_widget_set_margin_bottom (hbox, 6);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_add_css_class (icon, style);
      gtk_box_append (GTK_BOX (hbox), icon);
    }
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  if (icon_name != NULL)
    gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
  else
    gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (subtitle_label, "caption");
  if (g_strcmp0 (style, "error") == 0)
    gtk_widget_add_css_class (subtitle_label, "error");
  else
    gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);
  gtk_box_append (GTK_BOX (hbox), box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  set_row_id (row, id);
  return row;
}

/* A row of a boxed list, whose text is typed text and never markup. */
static GtkWidget *
create_info_row (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
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

static char *
dup_role_names (PdVolunteersPage *self,
                GArray           *role_ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; role_ids != NULL && i < role_ids->len; i++)
    {
      gint64 id = g_array_index (role_ids, gint64, i);
      const char *label = g_hash_table_lookup (self->role_labels, &id);

      if (label != NULL)
        g_string_append_printf (text, "%s%s", text->len ? ", " : "", label);
    }
  return g_string_free (text, FALSE);
}

static void
read_roles (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) roles = pd_roles_list (database (self), TRUE, NULL);

  g_hash_table_remove_all (self->role_labels);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      const PdRole *role = g_ptr_array_index (roles, i);

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
                          !searching && gtk_widget_get_first_child (GTK_WIDGET (self->alerts_list))
                                          != NULL);
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
  remove_all_children (GTK_WIDGET (self->alerts_list));
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
      gtk_list_box_append (self->alerts_list,
                           create_sidebar_row (alert->volunteer_name, message,
                                               expired ? "dialog-error-symbolic"
                                                       : "dialog-warning-symbolic",
                                               expired ? "error" : "warning",
                                               alert->volunteer_id));
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

      gtk_list_box_append (self->alerts_list, pd_list_rows_new_more (more));
    }
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
    toast (self, error->message);
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

static void
set_detail (AdwActionRow *row,
            const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), !pd_text_is_blank (value));
  adw_action_row_set_subtitle (row, value ? value : "");
}

static GtkWidget *
grid_label (const char *text,
            gboolean    number,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
    }
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The totals of this week, month and year, by activity: one line for each
 * activity worked this year, and their sum. */
static void
refresh_totals (PdVolunteersPage *self)
{
  static const PdHoursPeriod periods[] = { PD_HOURS_BY_WEEK, PD_HOURS_BY_MONTH,
                                           PD_HOURS_BY_YEAR };
  const char *headings[] = { _("This Week"), _("This Month"), _("This Year") };
  GHashTable *sums[G_N_ELEMENTS (periods)] = { NULL, };
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_free);
  guint totals[G_N_ELEMENTS (periods)] = { 0, };
  int line = 1;

  remove_all_children (GTK_WIDGET (self->totals_grid));

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      sums[p] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      period_range (periods[p], &from, &to);
      rows = pd_hours_totals (database (self), self->volunteer_id, periods[p], from, to, &error);
      if (rows == NULL)
        {
          toast (self, error->message);
          continue;
        }
      for (guint i = 0; i < rows->len; i++)
        {
          const PdHoursTotal *total = g_ptr_array_index (rows, i);
          guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (sums[p], total->activity));

          g_hash_table_insert (sums[p], g_strdup (total->activity),
                               GUINT_TO_POINTER (sum + total->quarter_hours));
          totals[p] += total->quarter_hours;
          if (periods[p] == PD_HOURS_BY_YEAR &&
              !g_ptr_array_find_with_equal_func (activities, total->activity, g_str_equal, NULL))
            g_ptr_array_add (activities, g_strdup (total->activity));
        }
    }

  /* Without hours this year, the latest entries (or their placeholder)
   * say enough. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->totals_grid)),
                          totals[G_N_ELEMENTS (periods) - 1] > 0);
  if (totals[G_N_ELEMENTS (periods) - 1] == 0)
    goto out;

  gtk_grid_attach (self->totals_grid, grid_label (_("Activity"), FALSE, TRUE), 0, 0, 1, 1);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    gtk_grid_attach (self->totals_grid, grid_label (headings[p], TRUE, TRUE), (int) p + 1, 0, 1,
                     1);

  g_ptr_array_sort (activities, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i <= activities->len; i++, line++)
    {
      gboolean sum_line = i == activities->len;
      const char *activity = sum_line ? _("Total") : g_ptr_array_index (activities, i);

      gtk_grid_attach (self->totals_grid, grid_label (activity, FALSE, sum_line), 0, line, 1, 1);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        {
          guint quarters = sum_line ? totals[p]
                                    : GPOINTER_TO_UINT (g_hash_table_lookup (sums[p], activity));
          g_autofree char *text = dup_hours_text (quarters);
          g_autofree char *accessible = g_strdup_printf ("%s, %s: %s", activity, headings[p],
                                                         text);
          GtkWidget *label = grid_label (text, TRUE, sum_line);

          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
          gtk_grid_attach (self->totals_grid, label, (int) p + 1, line, 1, 1);
        }
    }

out:
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    g_clear_pointer (&sums[p], g_hash_table_unref);
}

static void
refresh_hours (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GError) error = NULL;

  refresh_totals (self);

  remove_all_children (GTK_WIDGET (self->hours_list));
  hours = pd_hours_list (database (self), self->volunteer_id, 0, PD_VOLUNTEERS_LATEST, &error);
  if (hours == NULL)
    toast (self, error->message);
  for (guint i = 0; hours != NULL && i < hours->len; i++)
    {
      const PdHours *entry = g_ptr_array_index (hours, i);
      g_autofree char *amount = dup_hours_text (entry->quarter_hours);
      g_autofree char *date = pd_date_format (entry->date);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: the date of a shift, then what was done */
      title = g_strdup_printf (_("%s · %s"), date, entry->activity);
      if (!pd_text_is_blank (entry->approved_by))
        /* Translators: a number of hours, then who approved them */
        subtitle = g_strdup_printf (_("%s, approved by %s"), amount, entry->approved_by);
      else if (entry->session_id > 0)
        /* Translators: a number of hours facilitating a group session */
        subtitle = g_strdup_printf (_("%s, facilitating a session"), amount);
      else
        subtitle = g_strdup (amount);
      gtk_list_box_append (self->hours_list, create_info_row (title, subtitle));
    }
}

static void
refresh_supervision (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  remove_all_children (GTK_WIDGET (self->supervision_list));
  sessions = pd_supervision_list (database (self), self->volunteer_id, 0, PD_VOLUNTEERS_LATEST,
                                  &error);
  if (sessions == NULL)
    toast (self, error->message);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const PdSupervision *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = pd_date_format (session->date);
      g_autofree char *title = g_strdup_printf (_("%s · %s"), date, session->supervisor);
      g_autofree char *minutes = pd_text_format_count (session->minutes);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_strcmp0 (session->kind, "group") == 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute, in a group",
                                                 "%s minutes, in a group", session->minutes),
                                    minutes);
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute, one to one",
                                                 "%s minutes, one to one", session->minutes),
                                    minutes);

      /* The notes are confidential: shown only when the row is opened. */
      if (!pd_text_is_blank (session->notes))
        {
          GtkWidget *notes = gtk_label_new (session->notes);

          row = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
          gtk_label_set_wrap (GTK_LABEL (notes), TRUE);
          gtk_label_set_xalign (GTK_LABEL (notes), 0);
          gtk_label_set_selectable (GTK_LABEL (notes), TRUE);
          gtk_widget_set_margin_start (notes, 12);
          gtk_widget_set_margin_end (notes, 12);
          gtk_widget_set_margin_top (notes, 12);
          gtk_widget_set_margin_bottom (notes, 12);
          gtk_accessible_update_property (GTK_ACCESSIBLE (notes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Confidential notes"), -1);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), notes);
        }
      else
        row = create_info_row (title, subtitle);
      gtk_list_box_append (self->supervision_list, row);
    }
}

static void
refresh_training (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) completions = NULL;
  g_autoptr(GError) error = NULL;

  remove_all_children (GTK_WIDGET (self->training_list));
  completions = pd_completions_list (database (self), self->volunteer_id, &error);
  if (completions == NULL)
    toast (self, error->message);
  for (guint i = 0; completions != NULL && i < completions->len; i++)
    {
      const PdCompletion *completion = g_ptr_array_index (completions, i);
      g_autofree char *amount = dup_hours_text (completion->quarter_hours);
      g_autofree char *date = pd_date_format (completion->date);
      g_autofree char *subtitle = NULL;

      if (pd_text_is_blank (completion->certificate))
        /* Translators: the date of a training, then its hours */
        subtitle = g_strdup_printf (_("%s · %s"), date, amount);
      else
        /* Translators: the date of a training, its hours, then its certificate */
        subtitle = g_strdup_printf (_("%s · %s · certificate %s"), date, amount,
                                    completion->certificate);
      gtk_list_box_append (self->training_list,
                           create_info_row (completion->course_title, subtitle));
    }
}

static void
load_templates (PdVolunteersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->templates != NULL)
    return;
  self->templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  if (self->templates == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the credential templates: "
                                                    "%s"),
                                                  error->message);

      toast (self, message);
      self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                        pd_credential_template_free);
    }
}

static const PdCredentialTemplate *
find_template (PdVolunteersPage *self,
               const char       *code)
{
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (template->code, code) == 0)
        return template;
    }
  return NULL;
}

static char *
dup_credential_summary (const PdCredential *credential)
{
  g_autofree char *issued = pd_date_format (credential->issued_date);
  g_autofree char *expires = pd_date_format (credential->expiry_date);
  GString *text = g_string_new (NULL);

  if (!pd_text_is_blank (credential->issuing_body))
    g_string_append (text, credential->issuing_body);
  if (!pd_text_is_blank (credential->number))
    {
      if (text->len)
        g_string_append (text, " · ");
      /* Translators: a credential's number */
      g_string_append_printf (text, _("No. %s"), credential->number);
    }
  if (text->len)
    g_string_append (text, " · ");
  if (pd_text_is_blank (credential->issued_date))
    g_string_append (text, _("Working toward it"));
  else if (pd_text_is_blank (credential->expiry_date))
    /* Translators: the date a credential was issued */
    g_string_append_printf (text, _("Issued %s"), issued);
  else if (pd_credential_status (credential, NULL, 0) == PD_CREDENTIAL_EXPIRED)
    /* Translators: the dates a credential was issued and expired */
    g_string_append_printf (text, _("Issued %s, expired %s"), issued, expires);
  else
    /* Translators: the dates a credential was issued and expires */
    g_string_append_printf (text, _("Issued %s, expires %s"), issued, expires);
  return g_string_free (text, FALSE);
}

/* One requirement: "Ethics 12 of 16 h" over its bar. */
static GtkWidget *
create_progress_item (const PdProgressItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *earned = dup_hours_number (item->earned_quarters);
  g_autofree char *needed = dup_hours_number (item->needed_quarters);
  g_autofree char *name = g_strconcat ("progress:", item->requirement, NULL);
  const char *what = !pd_text_is_blank (item->label) ? item->label : item->requirement;
  g_autofree char *text = NULL;
  double fraction;

  /* Translators: a requirement of a credential, the hours earned, the hours needed */
  text = g_strdup_printf (_("%s %s of %s h"), what, earned, needed);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");

  fraction = item->needed_quarters == 0 ? 1.0
                                        : (double) item->earned_quarters / item->needed_quarters;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_name (bar, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  return box;
}

static guint
window_days (PdVolunteersPage *self)
{
  return pd_report_settings_get_renewal_window (database (self));
}

/* "Expired", in the error style, beside the credential's name: the word
 * says it, not the colour alone. */
static GtkWidget *
create_status_label (PdCredentialStatus status)
{
  GtkWidget *label;

  switch (status)
    {
    case PD_CREDENTIAL_EXPIRED:
      label = gtk_label_new (_("Expired"));
      gtk_widget_add_css_class (label, "error");
      break;
    case PD_CREDENTIAL_EXPIRING:
      label = gtk_label_new (_("Expiring"));
      gtk_widget_add_css_class (label, "warning");
      break;
    case PD_CREDENTIAL_HELD:
      label = gtk_label_new (_("Held"));
      gtk_widget_add_css_class (label, "success");
      break;
    case PD_CREDENTIAL_WORKING_TOWARD:
    default:
      return NULL;
    }
  gtk_widget_set_name (label, "status");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
create_credential_card (PdVolunteersPage   *self,
                        const PdCredential *credential,
                        PdCredentialStatus  status)
{
  const PdCredentialTemplate *template = find_template (self, credential->template);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *summary = dup_credential_summary (credential);
  g_autoptr(PdProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();
  GtkWidget *progress_row;
  GtkWidget *box;
  GtkWidget *cycle;
  GtkWidget *missing;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  credential->name, -1);
  {
    GtkWidget *row = create_info_row (credential->name, summary);
    GtkWidget *label = create_status_label (status);

    if (label != NULL)
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  }

  if (template == NULL)
    return list;

  progress = pd_credential_progress (database (self), credential, template, today, &error);
  if (progress == NULL)
    {
      gtk_list_box_append (GTK_LIST_BOX (list),
                           create_info_row (_("Progress could not be worked out"),
                                            error->message));
      return list;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  {
    g_autofree char *text = NULL;

    g_autofree char *from = pd_date_format (progress->from);
    g_autofree char *to = pd_date_format (progress->to);

    if (progress->renewal)
      /* Translators: the first and last days of a credential's renewal cycle */
      text = g_strdup_printf (_("Renewal, counting from %s to %s"), from, to);
    else
      text = g_strdup (_("Toward the first award"));
    cycle = gtk_label_new (text);
    gtk_label_set_xalign (GTK_LABEL (cycle), 0);
    gtk_label_set_wrap (GTK_LABEL (cycle), TRUE);
    gtk_widget_add_css_class (cycle, "heading");
    gtk_box_append (GTK_BOX (box), cycle);
  }

  for (guint i = 0; progress->items != NULL && i < progress->items->len; i++)
    gtk_box_append (GTK_BOX (box), create_progress_item (g_ptr_array_index (progress->items, i)));

  if (status == PD_CREDENTIAL_EXPIRED)
    {
      /* Hours earned in a cycle that is over do not keep it: it has to be
       * renewed, whatever the bars say. */
      g_autofree char *expired = pd_date_format (credential->expiry_date);
      g_autofree char *text = g_strdup_printf (_("Expired on %s: not held until renewed"),
                                               expired);

      missing = gtk_label_new (text);
      gtk_widget_add_css_class (missing, "error");
    }
  else
    {
      missing = gtk_label_new (progress->missing ? progress->missing
                                                 : _("All requirements met"));
      gtk_widget_add_css_class (missing, progress->missing ? "warning" : "success");
    }
  gtk_widget_set_name (missing, "missing");
  gtk_label_set_xalign (GTK_LABEL (missing), 0);
  gtk_label_set_wrap (GTK_LABEL (missing), TRUE);
  gtk_box_append (GTK_BOX (box), missing);

  progress_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (progress_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (progress_row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (progress_row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, cycle, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, missing, NULL, -1);
  gtk_list_box_append (GTK_LIST_BOX (list), progress_row);
  return list;
}

static void
refresh_credentials (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();

  remove_all_children (GTK_WIDGET (self->credentials_box));
  load_templates (self);
  credentials = pd_credentials_list (database (self), self->volunteer_id, &error);
  if (credentials == NULL)
    toast (self, error->message);
  /* The most urgent first: expired, expiring, held, then those being
   * worked toward; by name within each, as they were read. */
  for (int rank = 0; credentials != NULL && rank < 4; rank++)
    for (guint i = 0; i < credentials->len; i++)
      {
        static const PdCredentialStatus order[] = { PD_CREDENTIAL_EXPIRED,
                                                    PD_CREDENTIAL_EXPIRING, PD_CREDENTIAL_HELD,
                                                    PD_CREDENTIAL_WORKING_TOWARD };
        const PdCredential *credential = g_ptr_array_index (credentials, i);
        PdCredentialStatus status = pd_credential_status (credential, today,
                                                          window_days (self));

        if (status == order[rank])
          gtk_box_append (self->credentials_box,
                          create_credential_card (self, credential, status));
      }
  if (credentials == NULL || credentials->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No credentials yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (self->credentials_box, label);
    }
}

static void
update_header (PdVolunteersPage *self,
               const PdVolunteer *volunteer)
{
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                              "volunteer") == 0;
  const char *actions[] = { "volunteers.edit", "volunteers.log-hours",
                            "volunteers.add-supervision", "volunteers.record-training",
                            "volunteers.add-credential" };

  adw_view_switcher_title_set_title (self->content_title, volunteer ? volunteer->display_name : "");
  adw_view_switcher_title_set_subtitle (self->content_title,
                                        volunteer ? status_label (volunteer->status) : "");
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_visible (self->edit_button, shown);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], shown);
}

static void
refresh_volunteer (PdVolunteersPage *self)
{
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *member = NULL;
  g_autofree char *start_date = NULL;
  g_autofree char *check_date = NULL;

  if (self->volunteer_id == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      update_header (self, NULL);
      return;
    }

  volunteer = pd_volunteers_get (database (self), self->volunteer_id, &error);
  if (volunteer == NULL)
    {
      toast (self, error->message);
      self->volunteer_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      update_header (self, NULL);
      return;
    }

  self->member_id = volunteer->member_id;
  if (volunteer->member_id > 0)
    {
      g_autoptr(PdMember) linked = pd_members_get (database (self), volunteer->member_id, NULL);

      if (linked != NULL)
        {
          g_autofree char *name = pd_member_dup_display_name (linked);

          /* Translators: a member's name, then their member number */
          member = g_strdup_printf (_("%s (no. %s)"), name,
                                    pd_member_get (linked, PD_MEMBER_FIELD_NUMBER));
        }
    }
  roles = dup_role_names (self, volunteer->role_ids);

  set_detail (self->status_row, status_label (volunteer->status));
  set_detail (self->roles_row, roles[0] ? roles : _("None yet"));
  set_detail (self->member_row, member);
  set_detail (self->phone_row, volunteer->phone);
  set_detail (self->email_row, volunteer->email);
  start_date = pd_date_format (volunteer->start_date);
  check_date = pd_date_format (volunteer->background_check_date);
  set_detail (self->start_row, start_date);
  set_detail (self->check_row, pd_text_is_blank (volunteer->background_check_date)
                                 ? _("Not recorded")
                                 : check_date);
  set_detail (self->notes_row, volunteer->notes);

  refresh_hours (self);
  refresh_supervision (self);
  refresh_training (self);
  refresh_credentials (self);

  gtk_stack_set_visible_child_name (self->content_stack, "volunteer");
  update_header (self, volunteer);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdVolunteersPage *self = user_data;

  self->refresh_source = 0;
  if (self->volunteer_id > 0)
    refresh_volunteer (self);
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
  refresh_volunteer (self);
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
  show_volunteer (self, row_id (GTK_WIDGET (row)));
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
  if (self->context != NULL)
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
  PdVolunteerEditor *editor = pd_volunteer_editor_new (parent_window (self), self->context,
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
  refresh_volunteer (self);
  toast (self, message);
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
  editor = pd_hours_editor_new (parent_window (self), self->context, self->volunteer_id);
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
    present_dialog (self, pd_supervision_dialog_new (parent_window (self), self->context,
                                                     self->volunteer_id));
}

static void
record_training_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (self->volunteer_id > 0)
    present_dialog (self, pd_completion_dialog_new (parent_window (self), self->context,
                                                    self->volunteer_id));
}

static void
new_course_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  present_dialog (self, pd_course_dialog_new (parent_window (self), self->context));
}

static void
add_credential_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (widget);

  if (self->volunteer_id == 0)
    return;
  load_templates (self);
  present_dialog (self, pd_credential_dialog_new (parent_window (self), self->context,
                                                  self->volunteer_id, self->templates));
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
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PdVolunteersPage         *self)
{
  gtk_list_item_set_child (item, pd_list_rows_new_two_lines ());
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
    subtitle = g_strdup (status_label (status));
  else
    /* Translators: a volunteer's roles, then their status */
    subtitle = g_strdup_printf (_("%s · %s"), roles, status_label (status));
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

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->volunteers_view, factory);
  /* Rows are made when the section is first shown, not for the first
   * frame of a window that opens on another section. */
  g_signal_connect_object (self, "map", G_CALLBACK (on_map_cb), NULL, 0);

  read_roles (self);
  /* Once the window is up: the first frame does not wait for them, nor
   * share the processor with them. */
  self->alerts_source = g_idle_add_full (G_PRIORITY_LOW, start_alerts_cb, self, NULL);
  refresh_volunteer (self);
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
  g_clear_object (&self->context);

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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_ALERTS:
      g_value_set_uint (value, self->n_alerts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_volunteers_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PdVolunteersPage *self = PD_VOLUNTEERS_PAGE (object);

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
pd_volunteers_page_class_init (PdVolunteersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_volunteers_page_constructed;
  object_class->dispose = pd_volunteers_page_dispose;
  object_class->finalize = pd_volunteers_page_finalize;
  object_class->get_property = pd_volunteers_page_get_property;
  object_class->set_property = pd_volunteers_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_install_action (widget_class, "volunteers.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "volunteers.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "volunteers.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "volunteers.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "volunteers.back", NULL);

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
    refresh_volunteer (self);
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
