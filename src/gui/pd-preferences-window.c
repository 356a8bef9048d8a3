/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-backups-page.h"
#include "pd-database-page.h"
#include "pd-field-error.h"
#include "pd-help.h"
#include "pd-preferences-window.h"
#include "pd-report.h"
#include "pd-staff-page.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-visits.h"
#include "pd-volunteers.h"
#include "pd-toast.h"

#define DESK_NAME_KEY "desk-name"
/* The longest domain code the core takes */
#define MAX_DOMAIN_CODE_LENGTH 40
/* The report settings are saved once typing pauses. */
#define REPORT_SAVE_DELAY_MS 400

/* The rows of one list of labels (visit purposes, volunteer roles, training
 * domains): those in use in @group, above @add_row, which stays last, and
 * the archived ones in @archived_group. @ids holds the id of each of @rows,
 * in the same order: a row's id is read from there. */
typedef struct
{
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *archived_group;   /* or NULL: nothing to archive */
  GtkWidget *add_row;
  GPtrArray *rows;                       /* in group, before add_row */
  GArray *ids;                           /* gint64 */
  GPtrArray *archived_rows;              /* in archived_group */
} LabelRows;

struct _PdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *desk_group;
  AdwEntryRow *desk_name_row;
  GtkSpinButton *renewal_window_spin;
  AdwPreferencesGroup *purposes_group;
  AdwEntryRow *new_purpose_row;
  AdwPreferencesGroup *archived_group;
  AdwPreferencesGroup *roles_group;
  AdwEntryRow *new_role_row;
  AdwPreferencesGroup *archived_roles_group;
  AdwPreferencesGroup *domains_group;
  AdwEntryRow *new_domain_row;
  AdwEntryRow *organisation_row;
  AdwEntryRow *site_row;
  AdwEntryRow *grant_row;
  AdwActionRow *threshold_row;
  GtkSpinButton *threshold_spin;

  /* Owned */
  PdContext *context;
  LabelRows purposes;
  LabelRows roles;
  LabelRows domains;
  gboolean purposes_announced;
  guint report_save_source;
  gboolean loading_report_settings;
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static PdDatabase *
database (PdPreferencesWindow *self)
{
  return pd_context_get_database (self->context);
}

static void
toast (PdPreferencesWindow *self,
       const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), pd_toast_new (message));
}

static void
toast_error (PdPreferencesWindow *self,
             const char          *what,
             const GError        *error)
{
  /* Translators: what could not be done, then why */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what,
                                              error ? error->message : _("unknown error"));

  toast (self, message);
}

static GtkWidget *
more_button_new (GMenuModel *menu,
                 const char *accessible_label)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return button;
}

/* A row of an archived item, which only offers to restore it. */
static GtkWidget *
restore_row_new (gint64      id,
                 const char *title,
                 const char *action_name,
                 const char *accessible_label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

  /* Row titles are markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
label_rows_init (LabelRows           *rows,
                 AdwPreferencesGroup *group,
                 AdwPreferencesGroup *archived_group,
                 GtkWidget           *add_row)
{
  rows->group = group;
  rows->archived_group = archived_group;
  rows->add_row = add_row;
  rows->rows = g_ptr_array_new ();
  rows->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  rows->archived_rows = g_ptr_array_new ();
}

static void
label_rows_clear (LabelRows *rows)
{
  g_clear_pointer (&rows->rows, g_ptr_array_unref);
  g_clear_pointer (&rows->ids, g_array_unref);
  g_clear_pointer (&rows->archived_rows, g_ptr_array_unref);
}

/* Removes every row but @add_row, which is held out until
 * label_rows_end() so that the rows added go above it. */
static void
label_rows_begin (LabelRows *rows)
{
  for (guint i = 0; i < rows->rows->len; i++)
    adw_preferences_group_remove (rows->group, g_ptr_array_index (rows->rows, i));
  g_ptr_array_set_size (rows->rows, 0);
  g_array_set_size (rows->ids, 0);
  for (guint i = 0; i < rows->archived_rows->len; i++)
    adw_preferences_group_remove (rows->archived_group, g_ptr_array_index (rows->archived_rows, i));
  g_ptr_array_set_size (rows->archived_rows, 0);

  g_object_ref (rows->add_row);
  adw_preferences_group_remove (rows->group, rows->add_row);
}

static void
label_rows_add (LabelRows *rows,
                GtkWidget *row,
                gint64     id,
                gboolean   archived)
{
  if (archived)
    {
      adw_preferences_group_add (rows->archived_group, row);
      g_ptr_array_add (rows->archived_rows, row);
    }
  else
    {
      adw_preferences_group_add (rows->group, row);
      g_ptr_array_add (rows->rows, row);
      g_array_append_val (rows->ids, id);
    }
}

static void
label_rows_end (LabelRows *rows)
{
  adw_preferences_group_add (rows->group, rows->add_row);
  g_object_unref (rows->add_row);
  if (rows->archived_group != NULL)
    gtk_widget_set_visible (GTK_WIDGET (rows->archived_group), rows->archived_rows->len > 0);
}

/* The id of @row, one of those in use. */
static gint64
label_rows_get_id (LabelRows *rows,
                   GtkWidget *row)
{
  guint position;

  if (!g_ptr_array_find (rows->rows, row, &position))
    g_return_val_if_reached (0);
  return g_array_index (rows->ids, gint64, position);
}

static void
on_purpose_apply_cb (PdPreferencesWindow *self,
                     AdwEntryRow         *row);

static GtkWidget *
purpose_row_new (PdPreferencesWindow *self,
                 PdPurpose           *purpose)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 purpose->is_default ? _("Default purpose") : _("Purpose"));
  /* Before the apply button is on, or the row would offer to apply the
   * text it was given. */
  gtk_editable_set_text (GTK_EDITABLE (row), purpose->label);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_purpose_apply_cb), self,
                           G_CONNECT_SWAPPED);

  /* The default is what the desk falls back on: it can be neither archived
   * nor made default again. */
  if (!purpose->is_default)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) make_default = g_menu_item_new (_("Make _Default"), NULL);
      g_autoptr(GMenuItem) archive = g_menu_item_new (_("_Archive"), NULL);
      g_autofree char *label = NULL;

      g_menu_item_set_action_and_target_value (make_default, "purposes.make-default",
                                               g_variant_new_int64 (purpose->id));
      g_menu_item_set_action_and_target_value (archive, "purposes.archive",
                                               g_variant_new_int64 (purpose->id));
      g_menu_append_item (menu, make_default);
      g_menu_append_item (menu, archive);
      /* Translators: the accessible name of the menu of one visit purpose */
      label = g_strdup_printf (_("More for %s"), purpose->label);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), more_button_new (G_MENU_MODEL (menu), label));
    }
  return row;
}

static GtkWidget *
archived_row_new (PdPreferencesWindow *self,
                  PdPurpose           *purpose)
{
  /* Translators: the accessible name of the button that restores an archived purpose */
  g_autofree char *label = g_strdup_printf (_("Restore %s"), purpose->label);

  return restore_row_new (purpose->id, purpose->label, "purposes.restore", label);
}

static void
rebuild_purposes (PdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purposes = pd_purposes_list (database (self), TRUE, &error);

  if (purposes == NULL)
    {
      toast_error (self, _("Could not read the visit purposes"), error);
      return;
    }

  label_rows_begin (&self->purposes);
  for (guint i = 0; i < purposes->len; i++)
    {
      PdPurpose *purpose = g_ptr_array_index (purposes, i);

      label_rows_add (&self->purposes,
                      purpose->archived ? archived_row_new (self, purpose)
                                        : purpose_row_new (self, purpose),
                      purpose->id, purpose->archived);
    }
  label_rows_end (&self->purposes);
}

static void
on_purposes_changed_cb (PdPreferencesWindow *self)
{
  self->purposes_announced = TRUE;
  rebuild_purposes (self);
}

/* Every change made here reaches the desk's purpose list, whether or not
 * the core announced it already. */
static void
begin_change (PdPreferencesWindow *self)
{
  self->purposes_announced = FALSE;
}

static void
end_change (PdPreferencesWindow *self)
{
  if (!self->purposes_announced)
    pd_database_notify_changed (database (self), "visit_purposes");
}

static void
on_purpose_apply_cb (PdPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*label == '\0')
    {
      toast (self, _("A purpose needs a name"));
      rebuild_purposes (self);
      return;
    }

  begin_change (self);
  if (!pd_purposes_rename (database (self), label_rows_get_id (&self->purposes, GTK_WIDGET (row)),
                           label, &error))
    {
      toast_error (self, _("Could not rename the purpose"), error);
      rebuild_purposes (self);
      return;
    }
  end_change (self);
}

static void
on_new_purpose_apply_cb (PdPreferencesWindow *self,
                         AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*label == '\0')
    return;

  begin_change (self);
  if (pd_purposes_add (database (self), label, &error) <= 0)
    {
      toast_error (self, _("Could not add the purpose"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  end_change (self);
  /* Ready for the next one. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
make_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  begin_change (self);
  if (!pd_purposes_set_default (database (self), g_variant_get_int64 (parameter), &error))
    toast_error (self, _("Could not make the purpose the default"), error);
  else
    end_change (self);
}

static void
set_archived (PdPreferencesWindow *self,
              gint64               id,
              gboolean             archived)
{
  g_autoptr(GError) error = NULL;

  begin_change (self);
  if (!pd_purposes_set_archived (database (self), id, archived, &error))
    toast_error (self, archived ? _("Could not archive the purpose")
                                : _("Could not restore the purpose"), error);
  else
    end_change (self);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (PD_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (PD_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), FALSE);
}

/* Volunteer roles. The core announces every change to them as
 * "volunteer_roles", which rebuilds the rows. */

static void
on_role_apply_cb (PdPreferencesWindow *self,
                  AdwEntryRow         *row);

static GtkWidget *
role_row_new (PdPreferencesWindow *self,
              PdVolunteerRole     *role)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) archive = g_menu_item_new (_("_Archive"), NULL);
  g_autofree char *label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Role"));
  /* Before the apply button is on, or the row would offer to apply the
   * text it was given. */
  gtk_editable_set_text (GTK_EDITABLE (row), role->label);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_role_apply_cb), self, G_CONNECT_SWAPPED);

  g_menu_item_set_action_and_target_value (archive, "roles.archive",
                                           g_variant_new_int64 (role->id));
  g_menu_append_item (menu, archive);
  /* Translators: the accessible name of the menu of one volunteer role */
  label = g_strdup_printf (_("More for role %s"), role->label);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), more_button_new (G_MENU_MODEL (menu), label));
  return row;
}

static GtkWidget *
archived_role_row_new (PdVolunteerRole *role)
{
  /* Translators: the accessible name of the button that restores an archived volunteer role */
  g_autofree char *label = g_strdup_printf (_("Restore role %s"), role->label);

  return restore_row_new (role->id, role->label, "roles.restore", label);
}

static void
rebuild_roles (PdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = pd_roles_list (database (self), TRUE, &error);

  if (roles == NULL)
    {
      toast_error (self, _("Could not read the volunteer roles"), error);
      return;
    }

  label_rows_begin (&self->roles);
  for (guint i = 0; i < roles->len; i++)
    {
      PdVolunteerRole *role = g_ptr_array_index (roles, i);

      label_rows_add (&self->roles,
                      role->archived ? archived_role_row_new (role) : role_row_new (self, role),
                      role->id, role->archived);
    }
  label_rows_end (&self->roles);
}

static void
on_role_apply_cb (PdPreferencesWindow *self,
                  AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*label == '\0')
    {
      toast (self, _("A role needs a name"));
      rebuild_roles (self);
      return;
    }

  if (!pd_roles_rename (database (self), label_rows_get_id (&self->roles, GTK_WIDGET (row)), label,
                        &error))
    {
      toast_error (self, _("Could not rename the role"), error);
      /* Back to the name it still has. */
      rebuild_roles (self);
    }
}

static void
on_new_role_apply_cb (PdPreferencesWindow *self,
                      AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*label == '\0')
    return;

  if (pd_roles_add (database (self), label, &error) <= 0)
    {
      toast_error (self, _("Could not add the role"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  /* Ready for the next one. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
set_role_archived (PdPreferencesWindow *self,
                   gint64               id,
                   gboolean             archived)
{
  g_autoptr(GError) error = NULL;

  if (!pd_roles_set_archived (database (self), id, archived, &error))
    toast_error (self, archived ? _("Could not archive the role")
                                : _("Could not restore the role"), error);
}

static void
archive_role_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_role_archived (PD_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
restore_role_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_role_archived (PD_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), FALSE);
}

/* Training domains. The core can only list and add them; it announces
 * every change as "training". */

static void
rebuild_domains (PdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) domains = pd_domains_list (database (self), &error);

  if (domains == NULL)
    {
      toast_error (self, _("Could not read the training domains"), error);
      return;
    }

  label_rows_begin (&self->domains);
  for (guint i = 0; i < domains->len; i++)
    {
      PdDomain *domain = g_ptr_array_index (domains, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domain->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), domain->code);
      label_rows_add (&self->domains, row, domain->id, FALSE);
    }
  label_rows_end (&self->domains);
}

/* The code reports and exports name a domain by: "Harm reduction" gives
 * "harm_reduction", "Éthique" "ethique". Empty when the label has no
 * letter or digit. */
static char *
domain_code_from_label (const char *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, "C");
  GString *code = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (code, g_ascii_tolower (*p));
      else if (code->len > 0 && code->str[code->len - 1] != '_')
        g_string_append_c (code, '_');
    }
  if (code->len > MAX_DOMAIN_CODE_LENGTH)
    g_string_truncate (code, MAX_DOMAIN_CODE_LENGTH);
  while (code->len > 0 && code->str[code->len - 1] == '_')
    g_string_truncate (code, code->len - 1);
  return g_string_free (code, FALSE);
}

static void
show_new_domain_error (PdPreferencesWindow *self,
                       const char          *message)
{
  pd_field_error_show (GTK_WIDGET (self->new_domain_row), _("Add a domain"), message);
}

static void
on_new_domain_changed_cb (PdPreferencesWindow *self)
{
  show_new_domain_error (self, NULL);
}

static void
on_new_domain_apply_cb (PdPreferencesWindow *self,
                        AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *code = NULL;

  if (*label == '\0')
    return;

  code = domain_code_from_label (label);
  if (*code == '\0')
    {
      show_new_domain_error (self, _("the name needs a letter or a digit"));
      return;
    }
  if (pd_domains_add (database (self), code, label, &error) <= 0)
    {
      show_new_domain_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  /* Ready for the next one. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Report settings. They live in the database; the Reports section hears
 * of a change as "report_settings". */

static void
update_threshold_subtitle (PdPreferencesWindow *self)
{
  int threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);
  g_autofree char *subtitle = NULL;

  if (threshold <= 2)
    subtitle = g_strdup (_("Counts of 1 are hidden in reports"));
  else
    /* Translators: the largest count hidden in reports */
    subtitle = g_strdup_printf (_("Counts from 1 to %d are hidden in reports"), threshold - 1);
  adw_action_row_set_subtitle (self->threshold_row, subtitle);
}

static void
save_report_settings (PdPreferencesWindow *self)
{
  PdReportSettings settings = { NULL };
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->report_save_source, g_source_remove);
  settings.organisation = (char *) gtk_editable_get_text (GTK_EDITABLE (self->organisation_row));
  settings.site_id = (char *) gtk_editable_get_text (GTK_EDITABLE (self->site_row));
  settings.grant_id = (char *) gtk_editable_get_text (GTK_EDITABLE (self->grant_row));
  settings.threshold = (guint) gtk_spin_button_get_value_as_int (self->threshold_spin);
  settings.renewal_window_days =
    (guint) gtk_spin_button_get_value_as_int (self->renewal_window_spin);
  if (!pd_report_settings_save (database (self), &settings, &error))
    {
      toast_error (self, _("Could not save the report settings"), error);
      return;
    }
  pd_database_notify_changed (database (self), "report_settings");
}

static gboolean
save_report_settings_cb (gpointer user_data)
{
  PdPreferencesWindow *self = user_data;

  self->report_save_source = 0;
  save_report_settings (self);
  return G_SOURCE_REMOVE;
}

static void
on_report_setting_changed_cb (PdPreferencesWindow *self)
{
  update_threshold_subtitle (self);
  if (self->loading_report_settings)
    return;
  g_clear_handle_id (&self->report_save_source, g_source_remove);
  self->report_save_source = g_timeout_add (REPORT_SAVE_DELAY_MS, save_report_settings_cb, self);
}

static void
load_report_settings (PdPreferencesWindow *self)
{
  g_auto(PdReportSettings) settings = { NULL };
  g_autoptr(GError) error = NULL;

  gtk_spin_button_set_range (self->threshold_spin, PD_REPORT_THRESHOLD_MIN,
                             PD_REPORT_THRESHOLD_MAX);
  self->loading_report_settings = TRUE;
  if (pd_report_settings_load (database (self), &settings, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->organisation_row), settings.organisation);
      gtk_editable_set_text (GTK_EDITABLE (self->site_row), settings.site_id);
      gtk_editable_set_text (GTK_EDITABLE (self->grant_row), settings.grant_id);
      gtk_spin_button_set_value (self->threshold_spin, settings.threshold);
      gtk_spin_button_set_value (self->renewal_window_spin, settings.renewal_window_days);
    }
  else
    {
      toast_error (self, _("Could not read the report settings"), error);
      gtk_spin_button_set_value (self->threshold_spin, PD_REPORT_THRESHOLD_DEFAULT);
      gtk_spin_button_set_value (self->renewal_window_spin, PD_REPORT_RENEWAL_WINDOW_DEFAULT);
    }
  self->loading_report_settings = FALSE;
  update_threshold_subtitle (self);
}

/* What needs the context, which the constructor gives before this. */
static void
setup (PdPreferencesWindow *self)
{
  GSettings *settings = pd_context_get_settings (self->context);
  const char *real_name = g_get_real_name ();
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_settings_bind (settings, DESK_NAME_KEY, self->desk_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  /* Kept with the report settings, in the database. */
  g_signal_connect_object (self->renewal_window_spin, "value-changed",
                           G_CALLBACK (on_report_setting_changed_cb), self, G_CONNECT_SWAPPED);

  /* GLib says "Unknown" when the account has no full name. */
  escaped = g_markup_escape_text (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0
                                  ? real_name : g_get_user_name (), -1);
  /* Translators: the name of the computer's user account */
  description = g_strdup_printf (_("Each visit records who checked it in. Left empty, that is "
                                   "this computer’s user, %s."), escaped);
  adw_preferences_group_set_description (self->desk_group, description);

  g_signal_connect_object (database (self), "changed::visit_purposes",
                           G_CALLBACK (on_purposes_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_purposes (self);
  g_signal_connect_object (database (self), "changed::volunteer_roles",
                           G_CALLBACK (rebuild_roles), self, G_CONNECT_SWAPPED);
  rebuild_roles (self);
  g_signal_connect_object (database (self), "changed::training",
                           G_CALLBACK (rebuild_domains), self, G_CONNECT_SWAPPED);
  rebuild_domains (self);
  load_report_settings (self);
  /* The last pages; they need the context, which the template cannot give. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (pd_staff_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (pd_backups_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (pd_database_page_new (self->context)));
}

static void
pd_preferences_window_dispose (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;

  /* Closed before typing paused: what was typed is kept. */
  if (self->report_save_source != 0)
    save_report_settings (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_finalize (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;

  label_rows_clear (&self->purposes);
  label_rows_clear (&self->roles);
  label_rows_clear (&self->domains);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->finalize (object);
}

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);

  pd_help_show (GTK_WINDOW (self), pd_preferences_window_get_help_page (self));
}

static void
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_preferences_window_dispose;
  object_class->finalize = pd_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, desk_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, desk_name_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, renewal_window_spin);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, purposes_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, new_purpose_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, archived_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, roles_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, new_role_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, archived_roles_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, domains_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, new_domain_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, site_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, grant_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_new_purpose_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_role_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_domain_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_domain_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_report_setting_changed_cb);

  gtk_widget_class_install_action (widget_class, "purposes.make-default", "x",
                                   make_default_action);
  gtk_widget_class_install_action (widget_class, "purposes.archive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "purposes.restore", "x", restore_action);
  gtk_widget_class_install_action (widget_class, "roles.archive", "x", archive_role_action);
  gtk_widget_class_install_action (widget_class, "roles.restore", "x", restore_role_action);
  /* The window is no application window, which F1 as app.help would need. */
  gtk_widget_class_install_action (widget_class, "preferences.help", NULL, help_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "preferences.help", NULL);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  label_rows_init (&self->purposes, self->purposes_group, self->archived_group,
                   GTK_WIDGET (self->new_purpose_row));
  label_rows_init (&self->roles, self->roles_group, self->archived_roles_group,
                   GTK_WIDGET (self->new_role_row));
  label_rows_init (&self->domains, self->domains_group, NULL, GTK_WIDGET (self->new_domain_row));
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_preferences_window_new (GtkWindow *parent,
                           PdContext *context)
{
  PdPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  setup (self);
  return GTK_WIDGET (self);
}

/* Shows the report settings, ready to type the organisation's name when
 * it is missing. */
void
pd_preferences_window_show_report_settings (PdPreferencesWindow *self)
{
  g_return_if_fail (PD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "reports");
  if (pd_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->organisation_row))))
    gtk_widget_grab_focus (GTK_WIDGET (self->organisation_row));
}

/* Shows the Backups page, from the window's banner. */
void
pd_preferences_window_show_backups (PdPreferencesWindow *self)
{
  g_return_if_fail (PD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "backups");
}

/* Shows the Database page, where the records are kept. */
void
pd_preferences_window_show_database (PdPreferencesWindow *self)
{
  g_return_if_fail (PD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "database");
}

/* Shows the Staff page, from the suggestion to protect the records. */
void
pd_preferences_window_show_staff (PdPreferencesWindow *self)
{
  g_return_if_fail (PD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "staff");
}

/* The help page about the preferences on show: F1 opens it. */
const char *
pd_preferences_window_get_help_page (PdPreferencesWindow *self)
{
  static const PdHelpTopic topics[] = {
    { "front-desk", PD_HELP_CHECK_IN },
    { "volunteers", PD_HELP_CREDENTIALS },
    { "reports", PD_HELP_REPORTS },
    { "staff", PD_HELP_STAFF_ROLES },
    { "backups", PD_HELP_BACKUPS },
    { "database", PD_HELP_SHARED_SERVER },
  };

  g_return_val_if_fail (PD_IS_PREFERENCES_WINDOW (self), NULL);

  return pd_help_find_page (topics, G_N_ELEMENTS (topics),
                            adw_preferences_window_get_visible_page_name (
                              ADW_PREFERENCES_WINDOW (self)));
}
