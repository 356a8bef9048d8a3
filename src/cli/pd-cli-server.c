/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-migrate.h"
#include "pd-staff.h"

/* server setup */

static GOptionContext *
server_setup_options (PdCliCall *call)
{
  return pd_cli_option_context_new ("server setup",
                                    _("Create Peerdesk's tables in an empty database on a "
                                      "PostgreSQL server, given with --database "
                                      "postgresql://USER@HOST/DATABASE or --database "
                                      "service=NAME."),
                                    _("A database that holds anything already, Peerdesk's "
                                      "records included, is refused and left as it is. Then "
                                      "“migrate” moves a computer's records into it, or the "
                                      "desks start on it empty."));
}

static gboolean
server_setup_check (PdCliCall  *call,
                    GError    **error)
{
  g_autofree char *location = pd_cli_dup_database_path (call->cli);

  if (pd_database_location_is_server (location))
    return TRUE;
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“server setup” needs --database with a PostgreSQL address "
                 "(postgresql://USER@HOST/DATABASE or service=NAME)"));
  return FALSE;
}

static gboolean
server_setup_run (PdCliCall  *call,
                  GError    **error)
{
  g_autofree char *location = pd_cli_dup_database_path (call->cli);
  g_autoptr(GError) local_error = NULL;

  if (!pd_database_setup_server (location, &local_error) &&
      (!pd_cli_ask_server_password (call->cli, location, &local_error) ||
       !pd_database_setup_server (location, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_print (_("The database is ready for Peerdesk\n"));
  if (!pd_database_server_may_create_roles (location))
    g_printerr (_("Note: this account may not create roles on the server. Turning staff sign-in "
                  "on makes a role there for each staff member: give the database’s owner that "
                  "right (ALTER ROLE … CREATEROLE) first, or staff sign-in will be refused.\n"));
  return TRUE;
}

const PdCliHandler pd_cli_server_setup_handler = {
  server_setup_options, server_setup_check, server_setup_run,
};

/* migrate */

typedef struct
{
  char *from;
  char *to;
} Migrate;

static GOptionContext *
migrate_options (PdCliCall *call)
{
  Migrate *self = pd_cli_call_new (call, Migrate, NULL);
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &self->from,
      N_("The database file the records are in"), N_("PATH") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &self->to,
      N_("The server's database, set up by “server setup”"), N_("URI") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only PATH and URI may be translated */
                                  _("migrate --from PATH --to URI"),
                                  _("Move every record of a database file on this computer into "
                                    "a PostgreSQL database that “server setup” made: all of "
                                    "them or, if anything goes wrong, none. Then the rows of "
                                    "every table are counted on both sides."),
                                  _("The file is left as it was. Staff accounts move without "
                                    "their passphrases: the first director sets one at once, "
                                    "the others with “staff reset”."),
                                  entries);
}

static gboolean
migrate_check (PdCliCall  *call,
               GError    **error)
{
  Migrate *self = call->data;

  if (self->from == NULL || self->to == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“migrate” needs --from PATH and --to URI; see “%s migrate --help”"),
                   PD_CLI_NAME);
      return FALSE;
    }
  if (pd_database_location_is_server (self->from) || !pd_database_location_is_server (self->to))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“migrate” moves records from a database file (--from) to a PostgreSQL "
                     "database (--to postgresql://… or service=NAME)"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_run (PdCliCall  *call,
             GError    **error)
{
  Migrate *self = call->data;
  g_autoptr(PdDatabase) to = NULL;
  g_autofree char *count = NULL;
  guint64 n_rows = 0;

  call->db = pd_cli_open_database (call->cli, self->from, PD_DATABASE_OPEN_EXISTING, error);
  if (call->db == NULL || !pd_cli_staff_begin (call, error))
    return FALSE;
  to = pd_cli_open_database (call->cli, self->to, PD_DATABASE_OPEN_EXISTING, error);
  if (to == NULL)
    return FALSE;
  pd_database_set_os_user (to, g_get_user_name ());
  if (!pd_migrate_records (call->db, to, &n_rows, error))
    return FALSE;

  count = g_strdup_printf ("%'" PRIu64, n_rows);
  g_print (ngettext ("Moved %s row; every table has as many rows on the server\n",
                     "Moved %s rows; every table has as many rows on the server\n",
                     n_rows > G_MAXULONG ? G_MAXULONG : (gulong) n_rows),
           count);
  g_clear_object (&call->db);
  call->db = g_steal_pointer (&to);
  return pd_cli_staff_after_import (call, error);
}

const PdCliHandler pd_cli_migrate_handler = {
  migrate_options, migrate_check, migrate_run,
};
