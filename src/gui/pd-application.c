/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-application.h"
#include "pd-context.h"
#include "pd-database.h"
#include "pd-error-window.h"
#include "pd-help.h"
#include "pd-install-dirs.h"
#include "pd-message-dialog.h"
#include "pd-preferences-window.h"
#include "pd-server-error-window.h"
#include "pd-server-settings.h"
#include "pd-staff-actions.h"
#include "pd-window.h"

struct _PdApplication
{
  AdwApplication parent_instance;

  /* Owned */
  char *database_path;
  GSettings *settings;
  PdContext *context;
  GCancellable *cancellable;
  gboolean first_frame_benchmark;
  gboolean backed_up_at_close;
};

G_DEFINE_FINAL_TYPE (PdApplication, pd_application, ADW_TYPE_APPLICATION)

static void
pd_application_finalize (GObject *object)
{
  PdApplication *self = (PdApplication *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (pd_application_parent_class)->finalize (object);
}

static gint
pd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PdApplication *self = PD_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      g_free (self->database_path);
      /* A server's address is no file name to resolve. */
      if (pd_database_location_is_server (path))
        self->database_path = g_strdup (path);
      else
        self->database_path = g_file_get_path (file);
    }

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("peerdesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  self->first_frame_benchmark = g_variant_dict_contains (options, "benchmark-first-frame");

  return -1;
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   PdApplication *self)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  const char *peak = "?";

  /* Read by tests/bench: wall-clock time of the first frame, and the peak
   * resident memory so far. */
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      lines = g_strsplit (status, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (g_str_has_prefix (lines[i], "VmHWM:"))
          peak = g_strstrip (lines[i] + strlen ("VmHWM:"));
    }
  g_print ("first-frame %" PRId64 " peak-memory %s\n", g_get_real_time (), peak);
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_realize_cb (GtkWidget     *window,
                      PdApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame_cb), self);
}

static void
on_damaged_response_cb (PdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  /* Restoring is a director's; the others can only tell one. */
  if (!g_action_group_get_action_enabled (G_ACTION_GROUP (self), "preferences"))
    return;
  preferences = pd_preferences_window_new (window, self->context);
  pd_preferences_window_show_backups (PD_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Says once, over whatever the window shows, that the records are damaged
 * and how to get them back: from then on nothing is saved, and each
 * refused change would otherwise only say so in a toast. */
static void
on_database_damaged_cb (PdDatabase    *database,
                        PdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  if (!pd_database_is_damaged (database) || window == NULL)
    return;

  dialog = pd_message_dialog_new (window, "pd-damaged-dialog.ui");
  g_signal_connect_object (dialog, "response::backups", G_CALLBACK (on_damaged_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_database_verified_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  PdDatabase *database = PD_DATABASE (source);
  g_autoptr(GError) error = NULL;

  /* Damage is shown by on_database_damaged_cb(). */
  if (!pd_database_verify_finish (database, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !pd_database_is_damaged (database))
    g_message ("Could not check %s: %s", pd_database_get_path (database), error->message);
}

/* GLib looks for the settings schema where the system's are, which a copy
 * installed in a prefix of its own (/opt/peerdesk, or a DESTDIR) is not
 * among: the schemas installed beside the program come next, so that such
 * a copy starts too. */
static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) installed = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *dir = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      dir = g_build_filename (pd_install_dir_data (), "glib-2.0", "schemas", NULL);
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        installed = g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (installed != NULL)
        schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);
    }
  /* Without a schema anywhere GLib stops the program, naming the schema. */
  if (schema == NULL)
    return g_settings_new (APPLICATION_ID);
  return g_settings_new_full (schema, NULL, NULL);
}

/* The records file on this computer: the one given with --database, or
 * the default one. */
static char *
dup_local_path (PdApplication *self)
{
  if (self->database_path != NULL && !pd_database_location_is_server (self->database_path))
    return g_strdup (self->database_path);
  return pd_database_default_path ();
}

static void
close_windows_but (PdApplication *self,
                   GtkWindow     *keep)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* As on_quit_cb() does: a window closed leaves the application's list,
   * and one with unsaved changes asks first. */
  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l; l = l->next)
    if (l->data != keep)
      gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

/* Shows @database's records in a new window, in place of whatever the
 * application showed: the error window at start, or the window of the
 * records it used until now. */
static void
show_database (PdApplication *self,
               PdDatabase    *database)
{
  GtkWindow *window;

  g_clear_object (&self->context);
  self->context = pd_context_new (database, self->settings);
  pd_staff_actions_add (GTK_APPLICATION (self), self->context);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->backed_up_at_close = FALSE;
  g_signal_connect_object (database, "damaged-changed",
                           G_CALLBACK (on_database_damaged_cb), self, 0);
  /* A database too large to check in full when it opened is checked
   * while the desk works. */
  pd_database_verify_async (database, self->cancellable, on_database_verified_cb, NULL);

  window = GTK_WINDOW (pd_window_new (self, self->context));
  if (self->first_frame_benchmark)
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), self);
  else if (!pd_database_is_shared (database))
    /* The shared records are the server's to back up: a copy on one desk
     * would hold every desk's records. */
    pd_backups_start_schedule (pd_context_get_backups (self->context));
  gtk_window_present (window);
  close_windows_but (self, window);
}

static void open_server (PdApplication *self, PdServerErrorWindow *error_window);

static void
on_server_error_retry_cb (PdServerErrorWindow *window,
                          PdApplication       *self)
{
  open_server (self, window);
}

/* Back to the records on this computer, for this start and the next. */
static void
on_server_error_use_local_cb (PdServerErrorWindow *window,
                              PdApplication       *self)
{
  g_autofree char *path = dup_local_path (self);
  g_autoptr(PdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_string (self->settings, PD_DATABASE_MODE_KEY, "local");
  g_clear_pointer (&self->database_path, g_free);
  database = pd_database_open (path, &error);
  if (database != NULL)
    show_database (self, database);
  else
    {
      GtkWidget *error_window = pd_error_window_new (GTK_APPLICATION (self), error);

      gtk_window_present (GTK_WINDOW (error_window));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
show_server_error (PdApplication       *self,
                   PdServerErrorWindow *window,
                   const GError        *error)
{
  if (window == NULL)
    {
      window = PD_SERVER_ERROR_WINDOW (pd_server_error_window_new (GTK_APPLICATION (self),
                                                                   error));
      g_signal_connect_object (window, "retry", G_CALLBACK (on_server_error_retry_cb), self, 0);
      g_signal_connect_object (window, "use-local", G_CALLBACK (on_server_error_use_local_cb),
                               self, 0);
    }
  else
    pd_server_error_window_set_error (window, error);
  pd_server_error_window_set_busy (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  PdApplication *self;
  PdServerErrorWindow *window;    /* or NULL, at the first try */
  char *location;
  PdServerAddress address;
  char *typed_password;           /* typed in the window: kept once it worked */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_application_release (G_APPLICATION (data->self));
  g_object_unref (data->self);
  g_clear_object (&data->window);
  g_free (data->location);
  pd_server_address_clear (&data->address);
  g_free (data->typed_password);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
on_server_opened_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) database = pd_server_open_finish (result, &error);

  if (database == NULL)
    {
      show_server_error (data->self, data->window, error);
      return;
    }
  if (data->typed_password != NULL)
    pd_server_password_store (&data->address, data->typed_password);
  show_database (data->self, database);
}

static void
on_server_password_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = pd_server_password_lookup_finish (result, &error);

  /* Without a keyring the server may still let the desk in (a server that
   * trusts the centre's network); if not, it says the password is wrong. */
  if (error != NULL)
    g_message ("Could not read the records server’s password from the keyring: %s",
               error->message);
  pd_server_open_async (data->location, password, NULL, on_server_opened_cb, data);
}

/* Opens the shared records, at the address of the settings or the one
 * given with --database, with the keyring's password for it. Both take
 * seconds when the server does not answer: the application waits for
 * them, held, with no window yet or with @error_window saying it tries. */
static void
open_server (PdApplication       *self,
             PdServerErrorWindow *error_window)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->self = g_object_ref (self);
  data->window = error_window ? g_object_ref (error_window) : NULL;
  g_application_hold (G_APPLICATION (self));
  if (error_window != NULL)
    pd_server_error_window_set_busy (error_window, TRUE);

  if (self->database_path != NULL)
    {
      /* An address given whole carries its own way of signing in. */
      data->location = g_strdup (self->database_path);
      pd_server_open_async (data->location, NULL, NULL, on_server_opened_cb, data);
      return;
    }
  pd_server_address_load (&data->address, self->settings);
  data->location = pd_server_address_to_location (&data->address);
  if (error_window != NULL)
    data->typed_password = pd_server_error_window_dup_password (error_window);
  if (data->typed_password != NULL)
    pd_server_open_async (data->location, data->typed_password, NULL, on_server_opened_cb, data);
  else
    pd_server_password_lookup_async (&data->address, NULL, on_server_password_cb, data);
}

static void
pd_application_activate (GApplication *app)
{
  PdApplication *self = PD_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PdDatabase) database = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->context != NULL)
    {
      gtk_window_present (GTK_WINDOW (pd_window_new (self, self->context)));
      return;
    }
  if (self->settings == NULL)
    self->settings = new_settings ();

  /* --database comes first; without it, the settings say where. */
  if ((self->database_path != NULL && pd_database_location_is_server (self->database_path)) ||
      (self->database_path == NULL && pd_server_settings_use_server (self->settings)))
    {
      open_server (self, NULL);
      return;
    }

  path = dup_local_path (self);
  database = pd_database_open (path, &error);
  if (database != NULL)
    show_database (self, database);
  else
    gtk_window_present (GTK_WINDOW (pd_error_window_new (GTK_APPLICATION (self), error)));
}

static void
on_about_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  PdApplication *self = user_data;
  static const char *developers[] = { "The Peerdesk developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Peerdesk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Peerdesk developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://peerdesk.org",
                         "comments", _("Members, check-ins, meetings, volunteers and reports of a "
                                       "peer-run recovery community centre"),
                         "developers", developers,
                         "copyright", "© 2026 The Peerdesk developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_quit_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Closing the windows, rather than quitting outright, lets a window ask
   * about unsaved changes first. A window closed here leaves the
   * application's list, so the loop walks a copy. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
on_preferences_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWidget *preferences;

  /* No preferences without a database: the purposes live in it. */
  if (self->context == NULL)
    return;
  preferences = pd_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                           self->context);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The help about what the active window shows: a section, the sign-in
 * screen or the welcome; a window over it counts as what it is over. The
 * preferences window answers F1 itself. */
static void
on_help_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  PdApplication *self = user_data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *page = NULL;

  for (GtkWindow *window = active; window != NULL && page == NULL;
       window = gtk_window_get_transient_for (window))
    {
      if (PD_IS_WINDOW (window))
        page = pd_window_get_help_page (PD_WINDOW (window));
    }
  pd_help_show (active, page);
}

static const GActionEntry app_actions[] = {
  { "about", on_about_cb },
  { "help", on_help_cb },
  { "preferences", on_preferences_cb },
  { "quit", on_quit_cb },
};

static void
pd_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (pd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help",
                                         (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  /* The window catches both before its widgets do; set here too so that
   * the menus show them. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.lock",
                                         (const char *[]) { "<Control>l", "<Super>l", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
on_closing_backup_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pd_backups_back_up_finish (PD_BACKUPS (source), result, &error);

  if (path == NULL)
    g_message ("The backup at closing failed: %s", error->message);
  g_application_release (G_APPLICATION (self));
}

/* The last window closed: the records are backed up before the process
 * ends, on the backup's own thread, with the window already gone. */
static void
pd_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  PdApplication *self = PD_APPLICATION (app);

  GTK_APPLICATION_CLASS (pd_application_parent_class)->window_removed (app, window);

  if (gtk_application_get_windows (app) != NULL || self->context == NULL ||
      self->first_frame_benchmark || self->backed_up_at_close ||
      pd_database_is_shared (pd_context_get_database (self->context)))
    return;
  self->backed_up_at_close = TRUE;
  g_application_hold (G_APPLICATION (self));
  pd_backups_back_up_async (pd_context_get_backups (self->context), on_closing_backup_cb,
                            g_object_ref (self));
}

static void
pd_application_shutdown (GApplication *app)
{
  PdApplication *self = PD_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (pd_application_parent_class)->shutdown (app);
}

static void
pd_application_class_init (PdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = pd_application_finalize;
  app_class->activate = pd_application_activate;
  app_class->startup = pd_application_startup;
  app_class->shutdown = pd_application_shutdown;
  app_class->handle_local_options = pd_application_handle_local_options;
  gtk_app_class->window_removed = pd_application_window_removed;
}

static void
pd_application_init (PdApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database at PATH instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { "benchmark-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
      "Print the time of the first frame and quit", NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

PdApplication *
pd_application_new (void)
{
  /* NON_UNIQUE: each front-desk session is one process on its own database,
   * and --database must apply to the process that was started. */
  return g_object_new (PD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/org/peerdesk/Peerdesk",
                       NULL);
}

/**
 * pd_application_switch_database:
 * @self: the application
 * @database: the records to work on from now on
 * @notice: what to tell about them over the new window
 *
 * Shows @database's records in a new window and closes the others, as
 * when the application opens its records at start: the Database
 * preferences call it once they have reached the shared server, or gone
 * back to this computer.
 */
void
pd_application_switch_database (PdApplication *self,
                                PdDatabase    *database,
                                const char    *notice)
{
  GtkWidget *dialog;

  g_return_if_fail (PD_IS_APPLICATION (self));
  g_return_if_fail (PD_IS_DATABASE (database));

  /* From now on the settings say where the records are. */
  g_clear_pointer (&self->database_path, g_free);
  if (self->settings == NULL)
    self->settings = new_settings ();
  show_database (self, database);
  /* Other records than a moment ago, in a window that looks the same:
   * said once, in so many words. */
  dialog = pd_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                  "pd-switched-dialog.ui");
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), notice);
  gtk_window_present (GTK_WINDOW (dialog));
}
