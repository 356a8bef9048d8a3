/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pd-server-settings.h"

/* Where the shared records are: the address kept in the settings, its
 * password kept in the keyring (never in the settings), and the opening
 * of the records there on a thread, since a server that does not answer
 * takes seconds to say so. */

static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

void
pd_server_address_clear (PdServerAddress *address)
{
  g_clear_pointer (&address->host, g_free);
  g_clear_pointer (&address->database, g_free);
  g_clear_pointer (&address->user, g_free);
  address->port = 0;
}

void
pd_server_address_load (PdServerAddress *address,
                        GSettings       *settings)
{
  g_return_if_fail (address != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  pd_server_address_clear (address);
  address->host = g_settings_get_string (settings, PD_SERVER_HOST_KEY);
  address->port = g_settings_get_int (settings, PD_SERVER_PORT_KEY);
  address->database = g_settings_get_string (settings, PD_SERVER_DATABASE_KEY);
  address->user = g_settings_get_string (settings, PD_SERVER_USER_KEY);
}

/* Saves the address, then the choice of the server: stopped half way, the
 * next start still finds the records it used before. (Delaying @settings
 * to apply them at once would leave it delayed for good.) */
void
pd_server_address_save (const PdServerAddress *address,
                        GSettings             *settings)
{
  g_return_if_fail (address != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_set_string (settings, PD_SERVER_HOST_KEY, address->host);
  g_settings_set_int (settings, PD_SERVER_PORT_KEY, address->port);
  g_settings_set_string (settings, PD_SERVER_DATABASE_KEY, address->database);
  g_settings_set_string (settings, PD_SERVER_USER_KEY, address->user);
  g_settings_set_string (settings, PD_DATABASE_MODE_KEY, "server");
}

/* The "postgresql://" address of @address. A host starting with "/" is
 * the folder of the server's socket on this computer, which a URI can
 * only carry as a parameter. Every part is escaped: a user or database
 * name may hold any character. */
char *
pd_server_address_to_location (const PdServerAddress *address)
{
  GString *location;
  g_autofree char *user = NULL;
  g_autofree char *database = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  location = g_string_new ("postgresql://");
  if (address->user != NULL && *address->user != '\0')
    {
      user = g_uri_escape_string (address->user, NULL, FALSE);
      g_string_append_printf (location, "%s@", user);
    }
  database = g_uri_escape_string (address->database ? address->database : "", NULL, FALSE);
  if (address->host != NULL && address->host[0] == '/')
    {
      g_autofree char *folder = g_uri_escape_string (address->host, NULL, FALSE);

      g_string_append_printf (location, "/%s?host=%s&port=%d", database, folder, address->port);
    }
  else if (address->host != NULL && strchr (address->host, ':') != NULL)
    g_string_append_printf (location, "[%s]:%d/%s", address->host, address->port, database);
  else
    g_string_append_printf (location, "%s:%d/%s", address->host ? address->host : "",
                            address->port, database);
  return g_string_free (location, FALSE);
}

/* The address as people say it, for messages: "records on host:port". */
char *
pd_server_address_describe (const PdServerAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  /* Translators: a database on a server, e.g. “peerdesk” on “server.local:5432” */
  return g_strdup_printf (_("“%s” on %s:%d"), address->database, address->host, address->port);
}

gboolean
pd_server_settings_use_server (GSettings *settings)
{
  g_autofree char *mode = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  mode = g_settings_get_string (settings, PD_DATABASE_MODE_KEY);
  return g_str_equal (mode, "server");
}

/* The keyring */

void
pd_server_password_lookup_async (const PdServerAddress *address,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_return_if_fail (address != NULL);

  secret_password_lookup (password_schema (), cancellable, callback, user_data,
                          "host", address->host,
                          "port", address->port,
                          "database", address->database,
                          "user", address->user,
                          NULL);
}

/* The password, or NULL when none is kept; freed with g_free(). */
char *
pd_server_password_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  char *password = secret_password_lookup_finish (result, error);
  char *copy = g_strdup (password);

  secret_password_free (password);
  return copy;
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean cleared = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;

  if (cleared)
    secret_password_clear_finish (result, &error);
  else
    secret_password_store_finish (result, &error);
  /* Without a keyring the password still serves until Peerdesk quits; the
   * next start then says the server refused the sign-in. */
  if (error != NULL)
    g_warning ("Could not keep the records server’s password in the keyring: %s",
               error->message);
}

/* Keeps @password for @address in the keyring; an empty one removes what
 * was kept, for a server that asks for none. */
void
pd_server_password_store (const PdServerAddress *address,
                          const char            *password)
{
  g_return_if_fail (address != NULL);

  if (password != NULL && *password != '\0')
    secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT,
                           _("Peerdesk records server"), password, NULL,
                           on_password_stored_cb, GINT_TO_POINTER (FALSE),
                           "host", address->host,
                           "port", address->port,
                           "database", address->database,
                           "user", address->user,
                           NULL);
  else
    secret_password_clear (password_schema (), NULL, on_password_stored_cb, GINT_TO_POINTER (TRUE),
                           "host", address->host,
                           "port", address->port,
                           "database", address->database,
                           "user", address->user,
                           NULL);
}

/* Opening */

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *location = task_data;
  GError *error = NULL;
  PdDatabase *database = pd_database_open (location, &error);

  if (database != NULL)
    g_task_return_pointer (task, database, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Opens the records at @location, a server's or a file's, on a thread,
 * with @password for every connection to a server there (NULL: none). */
void
pd_server_open_async (const char          *location,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (location != NULL);

  if (pd_database_location_is_server (location))
    pd_database_set_password (location, password != NULL && *password != '\0' ? password : NULL);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_server_open_async);
  g_task_set_task_data (task, g_strdup (location), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

PdDatabase *
pd_server_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
