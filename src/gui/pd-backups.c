/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "pd-backup.h"
#include "pd-backups.h"

#define SECOND_FOLDER_KEY "backup-second-folder"

/* How often the schedule looks at the backups' age and at the second
 * folder, which may be a drive plugged in or out meanwhile. */
#define TICK_SECONDS (5 * 60)

/* The app backs up when the newest backup is older than this. */
#define DAILY (G_TIME_SPAN_DAY)

/* The backups of the open database: when the last good one was made, the
 * daily schedule, "Back Up Now", and the encrypted second copy, whose
 * passphrase lives in the keyring only. Emits "changed" whenever any of
 * that changes, for Preferences and the window's banner. */
struct _PdBackups
{
  GObject parent_instance;

  /* Owned */
  PdDatabase *database;
  GSettings *settings;
  char *dir;
  GDateTime *newest;
  char *last_error;
  char *passphrase;               /* from the keyring; freed with secret_password_free */
  char *keyring_error;
  GCancellable *cancellable;
  PdBackupsKeyring keyring;
  guint running;
  guint tick_source;
  gboolean second_folder_missing;
  gboolean looking_up;
};

G_DEFINE_FINAL_TYPE (PdBackups, pd_backups, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SecretSchema *
passphrase_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".BackupPassphrase", SECRET_SCHEMA_NONE,
    {
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
emit_changed (PdBackups *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_last_error (PdBackups  *self,
                const char *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
}

static void
set_passphrase (PdBackups  *self,
                const char *passphrase)
{
  g_clear_pointer (&self->passphrase, secret_password_free);
  if (passphrase != NULL && *passphrase != '\0')
    self->passphrase = g_strdup (passphrase);
}

static void
set_keyring (PdBackups        *self,
             PdBackupsKeyring  keyring,
             const GError     *error)
{
  self->keyring = keyring;
  g_clear_pointer (&self->keyring_error, g_free);
  if (error != NULL)
    self->keyring_error = g_strdup (error->message);
}

/* The passphrase */

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdBackups) self = user_data;
  g_autoptr(GError) error = NULL;
  char *passphrase = secret_password_lookup_finish (result, &error);

  self->looking_up = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    set_keyring (self, PD_BACKUPS_KEYRING_UNAVAILABLE, error);
  else
    {
      set_passphrase (self, passphrase);
      set_keyring (self, passphrase ? PD_BACKUPS_KEYRING_READY : PD_BACKUPS_KEYRING_NO_PASSPHRASE,
                   NULL);
    }
  secret_password_free (passphrase);
  emit_changed (self);
}

/* The keyring is asked only once a second folder is chosen and there: a
 * desk that keeps its backups on this computer never needs it. */
static void
look_up_passphrase (PdBackups *self)
{
  g_autofree char *folder = pd_backups_dup_second_folder (self);

  if (folder == NULL || self->second_folder_missing || self->looking_up ||
      self->keyring != PD_BACKUPS_KEYRING_UNKNOWN)
    return;
  self->looking_up = TRUE;
  secret_password_lookup (passphrase_schema (), self->cancellable, on_lookup_cb,
                          g_object_ref (self),
                          "database", pd_database_get_path (self->database),
                          NULL);
}

typedef struct
{
  PdBackups *self;
  char *passphrase;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_object_unref (data->self);
  g_clear_pointer (&data->passphrase, secret_password_free);
  g_free (data);
}

static void
on_store_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  StoreData *data = user_data;
  PdBackups *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean cleared = data->passphrase == NULL;

  if (cleared)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      store_data_free (data);
      return;
    }

  /* Without a keyring the passphrase still serves until Peerdesk quits;
   * it is never written anywhere else. */
  set_passphrase (self, data->passphrase);
  if (error != NULL)
    set_keyring (self, PD_BACKUPS_KEYRING_UNAVAILABLE, error);
  else
    set_keyring (self, cleared ? PD_BACKUPS_KEYRING_NO_PASSPHRASE : PD_BACKUPS_KEYRING_READY,
                 NULL);
  emit_changed (self);
  store_data_free (data);
}

/* Keeps @passphrase in the keyring for the encrypted second copy; NULL or
 * empty removes it. "changed" tells when the keyring answered. */
void
pd_backups_set_passphrase (PdBackups  *self,
                           const char *passphrase)
{
  StoreData *data;

  g_return_if_fail (PD_IS_BACKUPS (self));

  data = g_new0 (StoreData, 1);
  data->self = g_object_ref (self);
  if (passphrase != NULL && *passphrase != '\0')
    {
      data->passphrase = g_strdup (passphrase);
      secret_password_store (passphrase_schema (), SECRET_COLLECTION_DEFAULT,
                             _("Peerdesk backup passphrase"), passphrase, self->cancellable,
                             on_store_cb, data,
                             "database", pd_database_get_path (self->database),
                             NULL);
    }
  else
    secret_password_clear (passphrase_schema (), self->cancellable, on_store_cb, data,
                           "database", pd_database_get_path (self->database),
                           NULL);
}

/* State */

/* Reads the newest backup's time and whether the second folder is there. */
void
pd_backups_refresh (PdBackups *self)
{
  g_autofree char *folder = NULL;

  g_return_if_fail (PD_IS_BACKUPS (self));

  g_clear_pointer (&self->newest, g_date_time_unref);
  self->newest = pd_backup_newest (self->dir);
  folder = pd_backups_dup_second_folder (self);
  self->second_folder_missing = folder != NULL && !g_file_test (folder, G_FILE_TEST_IS_DIR);
  look_up_passphrase (self);
  emit_changed (self);
}

static void
on_second_folder_changed_cb (PdBackups *self)
{
  /* Another folder may be another drive: the passphrase is the same. */
  pd_backups_refresh (self);
}

/* Backing up */

/* Scheduled backups run whoever is signed in; the audit trail still says
 * each was made. */
static void
record_backup (PdBackups  *self,
               const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!pd_backup_record (self->database, path, &error))
    g_warning ("Could not record the backup in the audit trail: %s", error->message);
}

static void
on_second_copy_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdBackups *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pd_backup_create_finish (result, &error);

  if (path == NULL)
    {
      /* Translators: why the encrypted copy in the second folder failed */
      g_autofree char *message = g_strdup_printf (_("The copy in the second folder failed: %s"),
                                                  error->message);

      set_last_error (self, message);
    }
  else
    record_backup (self, path);
  self->running--;
  pd_backups_refresh (self);
  g_task_return_pointer (task, g_strdup (g_task_get_task_data (task)), g_free);
}

static void
on_backup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdBackups *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pd_backup_create_finish (result, &error);
  g_autofree char *folder = NULL;

  if (path == NULL)
    {
      set_last_error (self, error->message);
      self->running--;
      pd_backups_refresh (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_last_error (self, NULL);
  record_backup (self, path);

  /* Only encrypted copies leave the computer. */
  folder = pd_backups_dup_second_folder (self);
  if (folder != NULL && self->passphrase != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      GTask *second = g_steal_pointer (&task);

      g_task_set_task_data (second, g_steal_pointer (&path), g_free);
      pd_backup_create_async (pd_database_get_path (self->database), folder, self->passphrase,
                              NULL, on_second_copy_cb, second);
      return;
    }

  self->running--;
  pd_backups_refresh (self);
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

/* Backs the database up into the backups folder, checked, on a worker
 * thread with its own connection: the desk goes on meanwhile. When a
 * second folder is chosen and the passphrase known, an encrypted copy
 * follows there. Returns the first backup's path. */
void
pd_backups_back_up_async (PdBackups           *self,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_BACKUPS (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pd_backups_back_up_async);
  self->running++;
  emit_changed (self);
  pd_backup_create_async (pd_database_get_path (self->database), self->dir, NULL, NULL,
                          on_backup_cb, task);
}

char *
pd_backups_back_up_finish (PdBackups     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
is_older_than (GDateTime *time,
               GTimeSpan  span)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return time == NULL || g_date_time_difference (now, time) > span;
}

static void
on_scheduled_backup_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pd_backups_back_up_finish (PD_BACKUPS (source), result, &error);

  /* Preferences and the banner show it; the log keeps it too. */
  if (path == NULL)
    g_message ("The automatic backup failed: %s", error->message);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  PdBackups *self = user_data;

  pd_backups_refresh (self);
  if (self->running == 0 && is_older_than (self->newest, DAILY))
    pd_backups_back_up_async (self, on_scheduled_backup_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/* Backs up now if the newest backup is older than a day, and then at least
 * once a day for as long as the app runs. */
void
pd_backups_start_schedule (PdBackups *self)
{
  g_return_if_fail (PD_IS_BACKUPS (self));

  if (self->tick_source != 0)
    return;
  on_tick_cb (self);
  self->tick_source = g_timeout_add_seconds (TICK_SECONDS, on_tick_cb, self);
}

/* Getters */

const char *
pd_backups_get_dir (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);
  return self->dir;
}

/* The second folder, or NULL when none is chosen. */
char *
pd_backups_dup_second_folder (PdBackups *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);

  folder = g_settings_get_string (self->settings, SECOND_FOLDER_KEY);
  return *folder != '\0' ? g_steal_pointer (&folder) : NULL;
}

GDateTime *
pd_backups_get_newest (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);
  return self->newest;
}

gboolean
pd_backups_get_overdue (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), FALSE);
  return is_older_than (self->newest, PD_BACKUPS_OVERDUE_DAYS * G_TIME_SPAN_DAY);
}

gboolean
pd_backups_get_second_folder_missing (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), FALSE);
  return self->second_folder_missing;
}

gboolean
pd_backups_get_running (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), FALSE);
  return self->running > 0;
}

/* Why the last backup failed, or NULL when it did not. */
const char *
pd_backups_get_last_error (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);
  return self->last_error;
}

PdBackupsKeyring
pd_backups_get_keyring (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), PD_BACKUPS_KEYRING_UNKNOWN);
  return self->keyring;
}

const char *
pd_backups_get_keyring_error (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);
  return self->keyring_error;
}

const char *
pd_backups_get_passphrase (PdBackups *self)
{
  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);
  return self->passphrase;
}

/* "Last backup: 2 hours ago" */
char *
pd_backups_dup_status (PdBackups *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GTimeSpan age;
  guint n;

  g_return_val_if_fail (PD_IS_BACKUPS (self), NULL);

  if (self->newest == NULL)
    return g_strdup (_("No backup yet"));

  age = MAX (0, g_date_time_difference (now, self->newest));
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Last backup: just now"));
  if (age < G_TIME_SPAN_HOUR)
    {
      n = age / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last backup: %u minute ago",
                                           "Last backup: %u minutes ago", n), n);
    }
  if (age < G_TIME_SPAN_DAY)
    {
      n = age / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last backup: %u hour ago",
                                           "Last backup: %u hours ago", n), n);
    }
  n = age / G_TIME_SPAN_DAY;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last backup: %u day ago",
                                       "Last backup: %u days ago", n), n);
}

/* GObject */

static void
pd_backups_dispose (GObject *object)
{
  PdBackups *self = (PdBackups *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  G_OBJECT_CLASS (pd_backups_parent_class)->dispose (object);
}

static void
pd_backups_finalize (GObject *object)
{
  PdBackups *self = (PdBackups *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->newest, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->passphrase, secret_password_free);
  g_clear_pointer (&self->keyring_error, g_free);

  G_OBJECT_CLASS (pd_backups_parent_class)->finalize (object);
}

static void
pd_backups_class_init (PdBackupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_backups_dispose;
  object_class->finalize = pd_backups_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_backups_init (PdBackups *self)
{
  self->cancellable = g_cancellable_new ();
  self->dir = pd_backup_default_dir ();
}

PdBackups *
pd_backups_new (PdDatabase *database,
                GSettings  *settings)
{
  PdBackups *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PD_TYPE_BACKUPS, NULL);
  self->database = g_object_ref (database);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::" SECOND_FOLDER_KEY,
                            G_CALLBACK (on_second_folder_changed_cb), self);
  pd_backups_refresh (self);
  return self;
}
