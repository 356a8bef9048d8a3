/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-audit.h"
#include "pd-audit-window.h"
#include "pd-list-rows.h"
#include "pd-members.h"
#include "pd-row-item.h"
#include "pd-staff.h"
#include "pd-text.h"

/* How many entries one read brings: the trail grows with every sign-in
 * and change, and is never read whole. */
#define PAGE_SIZE 200
/* Typing in a filter's entry reads again once typing pauses. */
#define FILTER_DELAY_MS 300
/* The earliest day a period without a start reaches back to. */
#define EARLIEST_DAY "1970-01-01"

/* The audit trail for a director: who did what and when, newest first,
 * narrowed by staff member, member number, kind and period. Entries come
 * a page at a time; "Load Older" reads the next page. */
struct _PdAuditWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkFlowBox *filters;
  GtkDropDown *staff_dropdown;
  GtkDropDown *kind_dropdown;
  GtkEntry *member_entry;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkLabel *filter_error_label;
  GtkStack *stack;
  GtkListView *list_view;
  GtkWidget *older_button;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;

  /* Owned */
  PdContext *context;
  GListStore *entries;        /* of PdRowItem, id = the entry's id */
  GtkStringList *staff_names; /* the staff dropdown's; the first is "anyone" */
  gint64 oldest_id;
  guint filter_source;
};

G_DEFINE_FINAL_TYPE (PdAuditWindow, pd_audit_window, ADW_TYPE_WINDOW)

static PdDatabase *
database (PdAuditWindow *self)
{
  return pd_context_get_database (self->context);
}

static char *
dup_who (const PdAuditEntry *entry)
{
  const char *staff = entry->staff ? entry->staff : "";
  const char *os_user = entry->os_user ? entry->os_user : "";

  if (*staff != '\0' && *os_user != '\0')
    /* Translators: a staff member, then the computer account that ran the command line */
    return g_strdup_printf (_("%s (command line, %s)"), staff, os_user);
  if (*staff != '\0')
    return g_strdup (staff);
  if (*os_user != '\0')
    /* Translators: the computer account that ran the command line while sign-in was off */
    return g_strdup_printf (_("%s (command line)"), os_user);
  return g_strdup (_("sign-in off"));
}

/* "Member changed — Alex" over "2026-12-06 10:42 · M-000123 · phone, email · 2 records" */
static PdRowItem *
row_item_new (const PdAuditEntry *entry)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
  g_autofree char *who = dup_who (entry);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: what was done, then who did it: "Member changed — Alex" */
  title = g_strdup_printf (_("%s — %s"), pd_audit_kind_get_label (entry->kind), who);

  /* Translators: when an audit entry was made, as g_date_time_format() takes it */
  g_ptr_array_add (parts, g_date_time_format (at, _("%Y-%m-%d %H:%M")));
  if (entry->member_number != NULL)
    g_ptr_array_add (parts, g_strdup (entry->member_number));
  if (entry->detail != NULL && *entry->detail != '\0')
    g_ptr_array_add (parts, g_strdup (entry->detail));
  if (entry->count >= 0)
    {
      g_autofree char *count = pd_text_format_count (entry->count);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record",
                                                            "%s records",
                                                            (gulong) entry->count),
                                               count));
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: the parts of an audit entry's second line */
  subtitle = g_strjoinv (C_("list separator", " · "), (char **) parts->pdata);

  return pd_row_item_new (entry->id, title, subtitle, NULL);
}

static void
show_error (PdAuditWindow *self,
            const GError  *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (self->older_button, FALSE);
  adw_window_title_set_subtitle (self->window_title, "");
}

static gboolean
filtered (PdAuditWindow *self)
{
  return gtk_drop_down_get_selected (self->staff_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->kind_dropdown) > 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->member_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->to_entry)) != '\0';
}

/* The period the two date entries give, NULL for all time. FALSE, with
 * the reason shown under the filters, when a date is not one. */
static gboolean
read_period (PdAuditWindow  *self,
             PdPeriod      **period)
{
  const char *from_text = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to_text = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  g_autofree char *from = g_strstrip (g_strdup (from_text));
  g_autofree char *to = g_strstrip (g_strdup (to_text));
  g_autoptr(GError) error = NULL;

  *period = NULL;
  if (*from == '\0' && *to == '\0')
    return TRUE;
  if (*from == '\0')
    {
      g_free (from);
      from = g_strdup (EARLIEST_DAY);
    }
  if (*to == '\0')
    {
      g_free (to);
      to = pd_date_today ();
    }
  *period = pd_period_new_from_iso (from, to, &error);
  if (*period == NULL)
    {
      gtk_label_set_text (self->filter_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), TRUE);
      return FALSE;
    }
  return TRUE;
}

/* Reads the newest page for the filters, or with @older the page before
 * the entries shown. */
static void
load (PdAuditWindow *self,
      gboolean       older)
{
  g_autoptr(PdPeriod) period = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const char *member_text = gtk_editable_get_text (GTK_EDITABLE (self->member_entry));
  guint staff = gtk_drop_down_get_selected (self->staff_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  PdAuditQuery query = { 0 };
  gboolean more;
  guint n;

  gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), FALSE);
  if (!read_period (self, &period))
    return;
  if (!pd_text_is_blank (member_text))
    {
      /* "123" finds M-000123; text that is no number finds nothing. */
      number = pd_members_number_from_text (member_text);
      if (number == NULL)
        number = g_strstrip (g_strdup (member_text));
    }

  query.staff = staff > 0 && staff != GTK_INVALID_LIST_POSITION
                ? gtk_string_list_get_string (self->staff_names, staff) : NULL;
  query.member_number = number;
  query.kind = kind > 0 && kind != GTK_INVALID_LIST_POSITION ? (int) kind - 1 : -1;
  query.period = period;
  query.before_id = older ? self->oldest_id : 0;
  /* One more than shown tells whether there are older ones. */
  query.limit = PAGE_SIZE + 1;

  list = pd_audit_list (database (self), &query, &error);
  if (list == NULL)
    {
      show_error (self, error);
      return;
    }
  more = list->len > PAGE_SIZE;
  for (guint i = 0; i < MIN (list->len, PAGE_SIZE); i++)
    {
      const PdAuditEntry *entry = g_ptr_array_index (list, i);

      g_ptr_array_add (items, row_item_new (entry));
      self->oldest_id = entry->id;
    }

  if (older)
    g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                         0, items->pdata, items->len);
  else
    g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                         items->pdata, items->len);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  gtk_widget_set_visible (self->older_button, more);
  if (n > 0)
    {
      g_autofree char *count = pd_text_format_count (n);
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (more ? g_dngettext (GETTEXT_PACKAGE, "Newest %s entry",
                                                      "Newest %s entries", n)
                                       : g_dngettext (GETTEXT_PACKAGE, "%s entry", "%s entries",
                                                      n),
                                  count);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, "");
      adw_status_page_set_description (self->empty_page,
                                       filtered (self)
                                       ? _("No entry matches the filters.")
                                       : _("Nothing has been recorded yet."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static gboolean
on_filter_timeout_cb (gpointer user_data)
{
  PdAuditWindow *self = user_data;

  self->filter_source = 0;
  load (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_filter_changed_cb (PdAuditWindow *self)
{
  g_clear_handle_id (&self->filter_source, g_source_remove);
  self->filter_source = g_timeout_add (FILTER_DELAY_MS, on_filter_timeout_cb, self);
}

static void
on_filter_activate_cb (PdAuditWindow *self)
{
  g_clear_handle_id (&self->filter_source, g_source_remove);
  load (self, FALSE);
}

static void
on_dropdown_changed_cb (PdAuditWindow *self)
{
  on_filter_activate_cb (self);
}

static void
on_older_clicked_cb (PdAuditWindow *self)
{
  load (self, TRUE);
}

/* The trail is a director's to read: it closes when the director signs
 * out or the desk locks. */
static void
on_staff_changed_cb (PdAuditWindow *self)
{
  if (!pd_database_has_right (database (self), PD_RIGHT_AUDIT))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PdAuditWindow            *self)
{
  GtkWidget *box = pd_list_rows_new_two_lines ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PdAuditWindow            *self)
{
  PdRowItem *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_last_child (box);
  g_autofree char *label = NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (title), pd_row_item_get_title (row));
  gtk_inscription_set_text (GTK_INSCRIPTION (subtitle), pd_row_item_get_subtitle (row));
  /* The second line is cut short in a narrow window; its tooltip is not. */
  gtk_widget_set_tooltip_text (box, pd_row_item_get_subtitle (row));
  /* Translators: an audit entry read by a screen reader: what and who, then when and the rest */
  label = g_strdup_printf (_("%s, %s"), pd_row_item_get_title (row),
                           pd_row_item_get_subtitle (row));
  pd_accessible_set_list_item_label (item, label);
}

static void
fill_dropdowns (PdAuditWindow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  gtk_string_list_append (kinds, _("Everything"));
  for (int kind = 0; kind < PD_AUDIT_N_KINDS; kind++)
    gtk_string_list_append (kinds, pd_audit_kind_get_label (kind));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  self->staff_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->staff_names, _("Anyone"));
  staff = pd_staff_list (database (self), &error);
  if (staff == NULL)
    g_warning ("Could not list the staff for the audit trail: %s", error->message);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    gtk_string_list_append (self->staff_names, ((PdStaff *) g_ptr_array_index (staff, i))->name);
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (self->staff_names));
}

/* What needs the context, which the constructor gives before this. */
static void
setup (PdAuditWindow *self)
{
  PdDatabase *db = database (self);

  fill_dropdowns (self);
  g_signal_connect_object (self->staff_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "staff-changed", G_CALLBACK (on_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load (self, FALSE);
}

static void
pd_audit_window_dispose (GObject *object)
{
  PdAuditWindow *self = (PdAuditWindow *)object;

  g_clear_handle_id (&self->filter_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_AUDIT_WINDOW);

  G_OBJECT_CLASS (pd_audit_window_parent_class)->dispose (object);
}

static void
pd_audit_window_finalize (GObject *object)
{
  PdAuditWindow *self = (PdAuditWindow *)object;

  g_clear_object (&self->entries);
  g_clear_object (&self->staff_names);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_audit_window_parent_class)->finalize (object);
}

static void
pd_audit_window_class_init (PdAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_audit_window_dispose;
  object_class->finalize = pd_audit_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, filters);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, member_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, filter_error_label);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, older_button);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PdAuditWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_older_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_audit_window_init (PdAuditWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (PD_TYPE_ROW_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  /* The filters' boxes only lay them out: Tab goes to the filters. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filters));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  pd_accessible_fix_names (GTK_WIDGET (self));
}

/**
 * pd_audit_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the open database and settings
 *
 * Returns: (transfer none): the window, to present
 */
GtkWindow *
pd_audit_window_new (GtkWindow *parent,
                     PdContext *context)
{
  PdAuditWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_AUDIT_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  setup (self);
  return GTK_WINDOW (self);
}
