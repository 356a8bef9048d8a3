/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-backup.h"
#include "pd-backup-restore-dialog.h"
#include "pd-backups-page.h"
#include "pd-text.h"
#include "pd-toast.h"

#define SECOND_FOLDER_KEY "backup-second-folder"

/* The Backups page of the preferences: when the last backup was made, the
 * second folder and its passphrase, and the saved backups, each of which
 * can be restored. */
struct _PdBackupsPage
{
  AdwPreferencesPage parent_instance;

  /* Template widgets */
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
  GPtrArray *backup_rows;     /* in backup_list_group */
};

G_DEFINE_FINAL_TYPE (PdBackupsPage, pd_backups_page, ADW_TYPE_PREFERENCES_PAGE)

static GtkWindow *
parent_window (PdBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The toasts show in the preferences window the page is in. */
static void
toast (PdBackupsPage *self,
       const char    *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), pd_toast_new (message));
}

static void
toast_error (PdBackupsPage *self,
             const char    *what,
             const GError  *error)
{
  /* Translators: what could not be done, then why */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what,
                                              error ? error->message : _("unknown error"));

  toast (self, message);
}

static PdBackups *
backups (PdBackupsPage *self)
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
rebuild_backup_list (PdBackupsPage *self)
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
update_backup_state (PdBackupsPage *self)
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
on_backups_changed_cb (PdBackupsPage *self)
{
  update_backup_state (self);
}

static void
on_back_up_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdBackupsPage) self = user_data;
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
on_back_up_clicked_cb (PdBackupsPage *self)
{
  pd_backups_back_up_async (backups (self), on_back_up_done_cb, g_object_ref (self));
}

static void
on_folder_chosen_cb (PdBackupsPage  *self,
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
on_choose_folder_clicked_cb (PdBackupsPage *self)
{
  g_autofree char *folder = pd_backups_dup_second_folder (backups (self));

  g_clear_object (&self->folder_chooser);
  self->folder_chooser = gtk_file_chooser_native_new (_("Second Backup Folder"),
                                                      parent_window (self),
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
on_clear_folder_clicked_cb (PdBackupsPage *self)
{
  g_settings_set_string (pd_context_get_settings (self->context), SECOND_FOLDER_KEY, "");
}

static void
on_passphrase_apply_cb (PdBackupsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (*text == '\0')
    return;
  pd_backups_set_passphrase (backups (self), text);
  /* Typed once, then only in the keyring. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  toast (self, _("Passphrase saved for the next backups"));
}

static void
on_restore_response_cb (PdBackupsPage    *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  PdBackups *b = backups (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  /* Every list in the window hears "changed" for its tables. */
  if (pd_backup_restore (pd_context_get_database (self->context),
                         pd_backup_restore_dialog_get_path (dialog),
                         pd_backups_get_passphrase (b), pd_backups_get_dir (b), &kept, &error))
    toast (self, _("Backup restored. The records from before were kept as a backup."));
  else
    toast_error (self, _("Could not restore the backup"), error);
  pd_backups_refresh (b);
  rebuild_backup_list (self);
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdBackupsPage *self = PD_BACKUPS_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *counts = NULL;
  GtkWidget *dialog;

  list = pd_backup_list (pd_backups_get_dir (backups (self)), NULL, &error);
  if (list == NULL)
    g_debug ("Could not list the backups: %s", error->message);
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

  dialog = pd_backup_restore_dialog_new (parent_window (self), path, date, counts);
  /* The page stays until the answer, even if its window is closed first. */
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_restore_response_cb),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref,
                         G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What needs the context, which the constructor gives before this. */
static void
setup (PdBackupsPage *self)
{
  g_signal_connect_object (backups (self), "changed", G_CALLBACK (on_backups_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_backup_state (self);
  rebuild_backup_list (self);
}

static void
pd_backups_page_dispose (GObject *object)
{
  PdBackupsPage *self = (PdBackupsPage *)object;

  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_BACKUPS_PAGE);

  G_OBJECT_CLASS (pd_backups_page_parent_class)->dispose (object);
}

static void
pd_backups_page_finalize (GObject *object)
{
  PdBackupsPage *self = (PdBackupsPage *)object;

  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_backups_page_parent_class)->finalize (object);
}

static void
pd_backups_page_class_init (PdBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_backups_page_dispose;
  object_class->finalize = pd_backups_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, backups_group);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, second_folder_row);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, clear_folder_button);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, PdBackupsPage, backup_list_group);
  gtk_widget_class_bind_template_callback (widget_class, on_back_up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_apply_cb);

  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_backup_action);
}

static void
pd_backups_page_init (PdBackupsPage *self)
{
  self->backup_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_backups_page_new (PdContext *context)
{
  PdBackupsPage *self;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_BACKUPS_PAGE, NULL);
  self->context = g_object_ref (context);
  setup (self);
  return GTK_WIDGET (self);
}
