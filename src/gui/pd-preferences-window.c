/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-backup.h"
#include "pd-field-error.h"
#include "pd-preferences-window.h"
#include "pd-report.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-visits.h"
#include "pd-volunteers.h"
#include "pd-toast.h"

#define DESK_NAME_KEY "desk-name"
#define ROW_ID_KEY "pd-row-id"
/* The longest domain code the core takes */
#define MAX_DOMAIN_CODE_LENGTH 40
/* The report settings are saved once typing pauses. */
#define REPORT_SAVE_DELAY_MS 400
#define SECOND_FOLDER_KEY "backup-second-folder"
#define BACKUP_PATH_KEY "pd-backup-path"

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
  AdwPreferencesGroup *backups_group;
  AdwActionRow *last_backup_row;
  GtkWidget *back_up_button;
  AdwActionRow *second_folder_row;
  GtkWidget *clear_folder_button;
  AdwEntryRow *passphrase_row;
  AdwActionRow *keyring_row;
  AdwPreferencesGroup *backup_list_group;

  /* Owned */
  GtkFileChooserNative *folder_chooser;
  PdContext *context;
  GPtrArray *purpose_rows;    /* in purposes_group, before new_purpose_row */
  GPtrArray *archived_rows;   /* in archived_group */
  GPtrArray *role_rows;       /* in roles_group, before new_role_row */
  GPtrArray *archived_role_rows;  /* in archived_roles_group */
  GPtrArray *domain_rows;     /* in domains_group, before new_domain_row */
  GPtrArray *backup_rows;     /* in backup_list_group */
  gboolean purposes_announced;
  guint report_save_source;
  gboolean loading_report_settings;
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static gint64
row_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), ROW_ID_KEY);

  return id ? *id : 0;
}

static void
set_row_id (GtkWidget *row,
            gint64     id)
{
  g_object_set_data_full (G_OBJECT (row), ROW_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
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

  set_row_id (row, id);
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

/* Removes @rows from @group and empties @rows. */
static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
on_purpose_apply_cb (PdPreferencesWindow *self,
                     AdwEntryRow         *row);

static GtkWidget *
purpose_row_new (PdPreferencesWindow *self,
                 PdPurpose           *purpose)
{
  GtkWidget *row = adw_entry_row_new ();

  set_row_id (row, purpose->id);
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

  remove_rows (self->purposes_group, self->purpose_rows);
  remove_rows (self->archived_group, self->archived_rows);

  /* The row that adds a purpose stays last. */
  g_object_ref (self->new_purpose_row);
  adw_preferences_group_remove (self->purposes_group, GTK_WIDGET (self->new_purpose_row));

  for (guint i = 0; i < purposes->len; i++)
    {
      PdPurpose *purpose = g_ptr_array_index (purposes, i);

      if (purpose->archived)
        {
          GtkWidget *row = archived_row_new (self, purpose);

          adw_preferences_group_add (self->archived_group, row);
          g_ptr_array_add (self->archived_rows, row);
        }
      else
        {
          GtkWidget *row = purpose_row_new (self, purpose);

          adw_preferences_group_add (self->purposes_group, row);
          g_ptr_array_add (self->purpose_rows, row);
        }
    }

  adw_preferences_group_add (self->purposes_group, GTK_WIDGET (self->new_purpose_row));
  g_object_unref (self->new_purpose_row);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_group), self->archived_rows->len > 0);
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
  if (!pd_purposes_rename (database (self), row_id (GTK_WIDGET (row)), label, &error))
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
              PdRole              *role)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) archive = g_menu_item_new (_("_Archive"), NULL);
  g_autofree char *label = NULL;

  set_row_id (row, role->id);
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
archived_role_row_new (PdRole *role)
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

  remove_rows (self->roles_group, self->role_rows);
  remove_rows (self->archived_roles_group, self->archived_role_rows);

  /* The row that adds a role stays last. */
  g_object_ref (self->new_role_row);
  adw_preferences_group_remove (self->roles_group, GTK_WIDGET (self->new_role_row));

  for (guint i = 0; i < roles->len; i++)
    {
      PdRole *role = g_ptr_array_index (roles, i);

      if (role->archived)
        {
          GtkWidget *row = archived_role_row_new (role);

          adw_preferences_group_add (self->archived_roles_group, row);
          g_ptr_array_add (self->archived_role_rows, row);
        }
      else
        {
          GtkWidget *row = role_row_new (self, role);

          adw_preferences_group_add (self->roles_group, row);
          g_ptr_array_add (self->role_rows, row);
        }
    }

  adw_preferences_group_add (self->roles_group, GTK_WIDGET (self->new_role_row));
  g_object_unref (self->new_role_row);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_roles_group),
                          self->archived_role_rows->len > 0);
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

  if (!pd_roles_rename (database (self), row_id (GTK_WIDGET (row)), label, &error))
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

  remove_rows (self->domains_group, self->domain_rows);

  /* The row that adds a domain stays last. */
  g_object_ref (self->new_domain_row);
  adw_preferences_group_remove (self->domains_group, GTK_WIDGET (self->new_domain_row));

  for (guint i = 0; i < domains->len; i++)
    {
      PdDomain *domain = g_ptr_array_index (domains, i);
      GtkWidget *row = adw_action_row_new ();

      set_row_id (row, domain->id);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), domain->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), domain->code);
      adw_preferences_group_add (self->domains_group, row);
      g_ptr_array_add (self->domain_rows, row);
    }

  adw_preferences_group_add (self->domains_group, GTK_WIDGET (self->new_domain_row));
  g_object_unref (self->new_domain_row);
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

/* Backups */

static PdBackups *
backups (PdPreferencesWindow *self)
{
  return pd_context_get_backups (self->context);
}

static char *
dup_counts_text (const PdBackupInfo *info)
{
  g_autofree char *members = NULL;
  g_autofree char *visits = NULL;
  g_autofree char *n_members = NULL;
  g_autofree char *n_visits = NULL;

  if (info->n_members < 0 || info->n_visits < 0)
    return g_strdup (_("encrypted"));
  n_members = pd_text_format_count (info->n_members);
  n_visits = pd_text_format_count (info->n_visits);
  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members",
                                          (gulong) info->n_members),
                             n_members);
  visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s visit", "%s visits",
                                         (gulong) info->n_visits),
                            n_visits);
  /* Translators: "200 members · 3,400 visits" */
  return g_strdup_printf (_("%s · %s"), members, visits);
}

static char *
dup_backup_date (const PdBackupInfo *info)
{
  /* Translators: the date and time of a backup, as g_date_time_format() takes it */
  return g_date_time_format (info->created, _("%Y-%m-%d %H:%M"));
}

static void
rebuild_backup_list (PdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backup_list_group,
                                  g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);

  list = pd_backup_list (pd_backups_get_dir (backups (self)), NULL, &error);
  if (list == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Could not list the backups"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      adw_preferences_group_add (self->backup_list_group, row);
      g_ptr_array_add (self->backup_rows, row);
      return;
    }

  for (guint i = 0; i < list->len; i++)
    {
      PdBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *date = dup_backup_date (info);
      g_autofree char *size = g_format_size (info->size);
      g_autofree char *counts = dup_counts_text (info);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

      /* Translators: a backup's size, then how many members and visits it holds */
      subtitle = g_strdup_printf (_("%s · %s"), size, counts);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (button), BACKUP_PATH_KEY, g_strdup (info->path), g_free);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "backups.restore");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (info->path));
      /* Translators: the date and time of a backup */
      label = g_strdup_printf (_("Restore the backup of %s"), date);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->backup_list_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }

  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_preferences_group_add (self->backup_list_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

static void
update_backup_state (PdPreferencesWindow *self)
{
  PdBackups *b = backups (self);
  g_autofree char *status = pd_backups_dup_status (b);
  g_autofree char *folder = pd_backups_dup_second_folder (b);
  g_autofree char *description = NULL;
  const char *error = pd_backups_get_last_error (b);
  const char *keyring;
  g_autofree char *keyring_text = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_backup_row), status);
  if (pd_backups_get_running (b))
    adw_action_row_set_subtitle (self->last_backup_row, _("Backing up…"));
  else if (error != NULL)
    adw_action_row_set_subtitle (self->last_backup_row, error);
  else
    adw_action_row_set_subtitle (self->last_backup_row, "");
  gtk_widget_set_sensitive (self->back_up_button, !pd_backups_get_running (b));

  /* Translators: the folder the backups are kept in */
  description = g_strdup_printf (_("Peerdesk backs up when it closes and at least once a day "
                                   "while it runs, into %s. Each backup is checked before it "
                                   "counts. The newest of each of the last 7 days, 4 weeks and "
                                   "12 months are kept."), pd_backups_get_dir (b));
  {
    g_autofree char *escaped = g_markup_escape_text (description, -1);

    adw_preferences_group_set_description (self->backups_group, escaped);
  }

  if (folder == NULL)
    adw_action_row_set_subtitle (self->second_folder_row, _("None: backups stay on this computer"));
  else if (pd_backups_get_second_folder_missing (b))
    {
      /* Translators: a folder that is not there, on a drive unplugged perhaps */
      g_autofree char *missing = g_strdup_printf (_("%s (missing: is the drive plugged in?)"),
                                                  folder);

      adw_action_row_set_subtitle (self->second_folder_row, missing);
    }
  else
    adw_action_row_set_subtitle (self->second_folder_row, folder);
  gtk_widget_set_sensitive (self->clear_folder_button, folder != NULL);

  switch (pd_backups_get_keyring (b))
    {
    case PD_BACKUPS_KEYRING_READY:
      keyring = _("Set, and kept in the keyring");
      break;
    case PD_BACKUPS_KEYRING_NO_PASSPHRASE:
      keyring = folder ? _("Not set: the second folder gets no copy until one is set")
                       : _("Not set");
      break;
    case PD_BACKUPS_KEYRING_UNAVAILABLE:
      /* Translators: why the keyring could not be used */
      keyring_text = g_strdup_printf (pd_backups_get_passphrase (b)
                                      ? _("No keyring is available (%s): the passphrase serves "
                                          "until Peerdesk quits and must be typed again after")
                                      : _("No keyring is available (%s): the second folder gets "
                                          "no copy"),
                                      pd_backups_get_keyring_error (b));
      keyring = keyring_text;
      break;
    case PD_BACKUPS_KEYRING_UNKNOWN:
    default:
      keyring = folder ? _("Asking the keyring…") : _("Needed once a second folder is chosen");
      break;
    }
  adw_action_row_set_subtitle (self->keyring_row, keyring);
}

static void
on_backups_changed_cb (PdPreferencesWindow *self)
{
  update_backup_state (self);
}

static void
on_back_up_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pd_backups_back_up_finish (PD_BACKUPS (source), result, &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (path == NULL)
    {
      toast_error (self, _("Could not back up"), error);
      return;
    }
  rebuild_backup_list (self);
  toast (self, _("Backed up and checked"));
}

static void
on_back_up_clicked_cb (PdPreferencesWindow *self)
{
  pd_backups_back_up_async (backups (self), on_back_up_done_cb, g_object_ref (self));
}

static void
on_folder_chosen_cb (PdPreferencesWindow  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (pd_context_get_settings (self->context), SECOND_FOLDER_KEY, path);
      else
        toast (self, _("Choose a folder on this computer or on a drive plugged into it"));
    }
  g_clear_object (&self->folder_chooser);
}

static void
on_choose_folder_clicked_cb (PdPreferencesWindow *self)
{
  g_autofree char *folder = pd_backups_dup_second_folder (backups (self));

  g_clear_object (&self->folder_chooser);
  self->folder_chooser = gtk_file_chooser_native_new (_("Second Backup Folder"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->folder_chooser), file, NULL);
    }
  g_signal_connect_object (self->folder_chooser, "response", G_CALLBACK (on_folder_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

static void
on_clear_folder_clicked_cb (PdPreferencesWindow *self)
{
  g_settings_set_string (pd_context_get_settings (self->context), SECOND_FOLDER_KEY, "");
}

static void
on_passphrase_apply_cb (PdPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (*text == '\0')
    return;
  pd_backups_set_passphrase (backups (self), text);
  /* Typed once, then only in the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  toast (self, _("Passphrase saved for the next backups"));
}

typedef struct
{
  PdPreferencesWindow *self;
  char *path;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_object_unref (data->self);
  g_free (data->path);
  g_free (data);
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        RestoreData      *data)
{
  PdPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  if (g_strcmp0 (response, "restore") == 0)
    {
      /* Every list in the window hears "changed" for its tables. */
      if (pd_backup_restore (database (self), data->path, pd_backups_get_passphrase (backups (self)),
                             pd_backups_get_dir (backups (self)), &kept, &error))
        toast (self, _("Backup restored. The records from before were kept as a backup."));
      else
        toast_error (self, _("Could not restore the backup"), error);
      pd_backups_refresh (backups (self));
      rebuild_backup_list (self);
    }
  restore_data_free (data);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) list = pd_backup_list (pd_backups_get_dir (backups (self)), NULL, NULL);
  g_autofree char *date = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  RestoreData *data;
  GtkWidget *dialog;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      PdBackupInfo *info = g_ptr_array_index (list, i);

      if (g_strcmp0 (info->path, path) == 0)
        {
          date = dup_backup_date (info);
          counts = dup_counts_text (info);
        }
    }
  if (date == NULL)
    {
      toast (self, _("That backup is no longer there"));
      rebuild_backup_list (self);
      return;
    }

  /* Translators: the date and time of a backup */
  heading = g_strdup_printf (_("Restore the Backup of %s?"), date);
  /* Translators: the backup's counts, "200 members · 3400 visits" */
  body = g_strdup_printf (_("The records will be replaced by those of this backup (%s): "
                            "everything recorded since is set aside. The current records are "
                            "first kept as a backup of their own, listed here, so that this "
                            "can be undone by restoring that one."), counts);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data = g_new0 (RestoreData, 1);
  data->self = g_object_ref (self);
  data->path = g_strdup (path);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pd_preferences_window_constructed (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;
  GSettings *settings = pd_context_get_settings (self->context);
  const char *real_name = g_get_real_name ();
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->constructed (object);

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
  g_signal_connect_object (backups (self), "changed", G_CALLBACK (on_backups_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_backup_state (self);
  rebuild_backup_list (self);
}

static void
pd_preferences_window_dispose (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;

  /* Closed before typing paused: what was typed is kept. */
  if (self->report_save_source != 0)
    save_report_settings (self);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_finalize (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;

  g_clear_pointer (&self->purpose_rows, g_ptr_array_unref);
  g_clear_pointer (&self->archived_rows, g_ptr_array_unref);
  g_clear_pointer (&self->role_rows, g_ptr_array_unref);
  g_clear_pointer (&self->archived_role_rows, g_ptr_array_unref);
  g_clear_pointer (&self->domain_rows, g_ptr_array_unref);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->finalize (object);
}

static void
pd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

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
pd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

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
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_preferences_window_constructed;
  object_class->dispose = pd_preferences_window_dispose;
  object_class->finalize = pd_preferences_window_finalize;
  object_class->get_property = pd_preferences_window_get_property;
  object_class->set_property = pd_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, second_folder_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, clear_folder_button);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, backup_list_group);
  gtk_widget_class_bind_template_callback (widget_class, on_back_up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_apply_cb);
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
  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_backup_action);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  self->purpose_rows = g_ptr_array_new ();
  self->archived_rows = g_ptr_array_new ();
  self->role_rows = g_ptr_array_new ();
  self->archived_role_rows = g_ptr_array_new ();
  self->domain_rows = g_ptr_array_new ();
  self->backup_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_preferences_window_new (GtkWindow *parent,
                           PdContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
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
