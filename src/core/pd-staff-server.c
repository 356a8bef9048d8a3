/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-postgresql-resources.h"
#include "pd-staff-private.h"
#include "pd-statement.h"

/* Staff accounts as roles of a PostgreSQL server (data/postgresql/roles.sql):
 * each account has a login role "<db>.staff.<id>", a member of its group
 * role, whose password is the account's passphrase, so that the server
 * itself holds each staff member to their role, from psql too. The login
 * roles change in the transaction that changes the account. */

/* PostgreSQL keeps at most this many bytes of a role's name (NAMEDATALEN - 1)
 * and would cut a longer one short, so that two accounts could share one. */
#define MAX_ROLE_NAME 63
#define LOGIN_INFIX ".staff."
#define MAX_ID_DIGITS 19

char *
pd_staff_login_name (PdDatabase *db,
                     gint64      id)
{
  PdServer *server = pd_database_get_server (db);

  g_return_val_if_fail (server != NULL, NULL);

  return g_strdup_printf ("%s" LOGIN_INFIX "%" G_GINT64_FORMAT,
                          pd_server_get_database_name (server), id);
}

/* Whether the group roles and their grants are there yet. */
static gboolean
roles_exist (PdDatabase  *db,
             gboolean    *exist,
             GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db,
                            "SELECT to_regprocedure ('pd_staff_login_set(bigint,text,text)')"
                            " IS NOT NULL", error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  *exist = found && pd_statement_get_boolean (stmt, 0);
  return TRUE;
}

/* Refuses, saying what the server's keeper must grant, unless the desk is
 * connected as a role that may create roles. */
static gboolean
check_may_create_roles (PdDatabase  *db,
                        GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db,
                            "SELECT rolsuper OR rolcreaterole, current_user FROM pg_roles"
                            " WHERE rolname = current_user", error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (found && pd_statement_get_boolean (stmt, 0))
    return TRUE;
  g_set_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED,
               _("Turning staff sign-in on makes a role on the records server for each staff "
                 "member, which this desk’s role there (%s) may not do. Whoever looks after "
                 "the server must give the database’s owner the right to create roles "
                 "(ALTER ROLE … CREATEROLE), and sign-in must be turned on from a desk "
                 "connected as the owner."),
               found ? pd_statement_get_text (stmt, 1) : "?");
  return FALSE;
}

static gboolean
check_database_name (const char  *name,
                     GError     **error)
{
  int longest = MAX_ROLE_NAME - (int) strlen (LOGIN_INFIX) - MAX_ID_DIGITS;

  if ((int) strlen (name) <= longest)
    return TRUE;
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("The name of the database “%s” is too long for the staff roles of the records "
                 "server, which start with it: staff sign-in needs a database named in at most "
                 "%d bytes."),
               name, longest);
  return FALSE;
}

/* Makes the group roles, their grants and the functions that manage the
 * login roles (roles.sql), with the database's name in the roles' names. */
static gboolean
create_roles (PdDatabase  *db,
              GError     **error)
{
  PdServer *server = pd_database_get_server (db);
  const char *name = pd_server_get_database_name (server);
  g_autoptr(GBytes) script = NULL;
  g_auto(GStrv) quote_parts = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  if (!check_database_name (name, error) || !check_may_create_roles (db, error))
    return FALSE;

  script = g_resource_lookup_data (pd_postgresql_get_resource (),
                                   "/org/peerdesk/Peerdesk/postgresql/roles.sql",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_return_val_if_fail (script != NULL, FALSE);

  /* The name goes between double quotes, where a quote is written twice. */
  quote_parts = g_strsplit (name, "\"", -1);
  quoted = g_strjoinv ("\"\"", quote_parts);
  parts = g_strsplit (g_bytes_get_data (script, NULL), "@DATABASE@", -1);
  sql = g_strjoinv (quoted, parts);
  return pd_server_exec (server, sql, error);
}

/* Makes or changes the login role of the account @id, in the transaction
 * under way: its group role, unless @role is PD_ROLE_NONE, and its
 * password, unless @passphrase is NULL. The first call on a database
 * makes the group roles. Nothing to do on a file. */
gboolean
pd_staff_server_set_login (PdDatabase  *db,
                           gint64       id,
                           PdRole       role,
                           const char  *passphrase,
                           GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *login = NULL;
  g_autofree char *verifier = NULL;
  gboolean exist = FALSE;
  gboolean found = FALSE;

  if (pd_database_get_server (db) == NULL)
    return TRUE;
  if (!roles_exist (db, &exist, error) || (!exist && !create_roles (db, error)))
    return FALSE;

  login = pd_staff_login_name (db, id);
  if (passphrase != NULL)
    {
      verifier = pd_server_encrypt_password (pd_database_get_server (db), login, passphrase,
                                             error);
      if (verifier == NULL)
        return FALSE;
    }
  stmt = pd_database_query (db,
                            "SELECT pd_staff_login_set (CAST (:id AS BIGINT),"
                            " CAST (:role AS TEXT), CAST (:verifier AS TEXT))", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  if (role != PD_ROLE_NONE)
    pd_statement_bind_text (stmt, "role", pd_role_to_string (role));
  else
    pd_statement_bind_null (stmt, "role");
  if (verifier != NULL)
    pd_statement_bind_text (stmt, "verifier", verifier);
  else
    pd_statement_bind_null (stmt, "verifier");
  return pd_statement_fetch (stmt, &found, error);
}

/* Removes the login role of the account @id, in the transaction under
 * way, so that it can no longer connect. Nothing to do on a file. */
gboolean
pd_staff_server_drop_login (PdDatabase  *db,
                            gint64       id,
                            GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean exist = FALSE;
  gboolean found = FALSE;

  if (pd_database_get_server (db) == NULL)
    return TRUE;
  if (!roles_exist (db, &exist, error))
    return FALSE;
  if (!exist)
    return TRUE;
  stmt = pd_database_query (db, "SELECT pd_staff_login_drop (CAST (:id AS BIGINT))", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  return pd_statement_fetch (stmt, &found, error);
}

/* Whether the database's group roles are there, as they are once sign-in
 * was turned on; known for good once they are. */
#define ROLES_KEY "pd-staff-server-roles"

gboolean
pd_staff_server_has_roles (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gboolean exist = FALSE;

  if (pd_database_get_server (db) == NULL)
    return FALSE;
  if (g_object_get_data (G_OBJECT (db), ROLES_KEY) != NULL)
    return TRUE;
  if (!roles_exist (db, &exist, &error))
    {
      g_debug ("Could not tell whether the staff roles are there: %s", error->message);
      return FALSE;
    }
  if (exist)
    g_object_set_data (G_OBJECT (db), ROLES_KEY, GINT_TO_POINTER (TRUE));
  return exist;
}

/* The passphrases of those who signed in on this desk since it opened the
 * database, by account, kept in memory only: the connection as the one
 * signed in is made again with them after an outage, the report threads
 * connect with them, and a PIN unlocks the desk again for the one who
 * typed theirs here (see pd_staff_server_open()). */
#define PASSPHRASES_KEY "pd-staff-server-passphrases"
#define SIGNED_IN_KEY "pd-staff-server-signed-in"

static void
secret_free (gpointer data)
{
  char *secret = data;

  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static GHashTable *
get_passphrases (PdDatabase *db)
{
  GHashTable *table = g_object_get_data (G_OBJECT (db), PASSPHRASES_KEY);

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, secret_free);
      g_object_set_data_full (G_OBJECT (db), PASSPHRASES_KEY, table,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return table;
}

const char *
pd_staff_server_remembered (PdDatabase *db,
                            gint64      id)
{
  return g_hash_table_lookup (get_passphrases (db), &id);
}

void
pd_staff_server_forget (PdDatabase *db,
                        gint64      id)
{
  g_hash_table_remove (get_passphrases (db), &id);
}

/* A new connection as the account @id (0 for a name with no account,
 * which the server refuses as it does a wrong passphrase) with
 * @passphrase; NULL with PD_ERROR_SIGN_IN when the server refuses it. */
PdServer *
pd_staff_server_open (PdDatabase  *db,
                      gint64       id,
                      const char  *passphrase,
                      GError     **error)
{
  g_autofree char *login = pd_staff_login_name (db, id);

  return pd_server_connect_as (pd_database_get_path (db), login, passphrase, error);
}

/* The PIN hash of the account @server is connected as, or NULL. */
char *
pd_staff_server_read_own_pin_hash (PdServer  *server,
                                   GError   **error)
{
  PdServerStatement *stmt = pd_server_prepare (server, "SELECT pd_staff_own_pin_hash ()", error);
  char *hash = NULL;

  if (stmt == NULL)
    return NULL;
  if (pd_server_statement_step (stmt, error))
    hash = g_strdup (pd_server_statement_get_text (stmt, 0));
  pd_server_statement_free (stmt);
  return hash;
}

/* Works through @server, connected as the account @id with @passphrase,
 * from now on until pd_staff_server_sign_out(). */
void
pd_staff_server_use (PdDatabase *db,
                     PdServer   *server,
                     gint64      id,
                     const char *passphrase)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_insert (get_passphrases (db), key, g_strdup (passphrase));
  pd_database_use_server (db, server);
  g_object_set_data_full (G_OBJECT (db), SIGNED_IN_KEY, g_memdup2 (&id, sizeof id), g_free);
}

/* Back to the desk's own connection. */
void
pd_staff_server_sign_out (PdDatabase *db)
{
  if (pd_database_get_server (db) == NULL)
    return;
  g_object_set_data (G_OBJECT (db), SIGNED_IN_KEY, NULL);
  pd_database_use_server (db, NULL);
}

/* The account and passphrase the database's connection signed in with,
 * for another connection to the same database (pd_staff_server_act_as()):
 * FALSE when it uses the desk's own. */
gboolean
pd_staff_server_dup_login (PdDatabase  *db,
                           gint64      *login_id,
                           char       **passphrase)
{
  gint64 *id = g_object_get_data (G_OBJECT (db), SIGNED_IN_KEY);
  const char *remembered;

  if (id == NULL || pd_database_get_server (db) == NULL)
    return FALSE;
  remembered = pd_staff_server_remembered (db, *id);
  if (remembered == NULL)
    return FALSE;
  *login_id = *id;
  *passphrase = g_strdup (remembered);
  return TRUE;
}

/* Makes @db, a connection of a thread's own, work as the account @id,
 * with the passphrase it signed in with on the desk that started the
 * thread, so that the thread can do no more than that account either. */
gboolean
pd_staff_server_act_as (PdDatabase  *db,
                        gint64       id,
                        const char  *passphrase,
                        GError     **error)
{
  struct _PdServer *server = pd_staff_server_open (db, id, passphrase, error);

  if (server == NULL)
    return FALSE;
  pd_staff_server_use (db, server, id, passphrase);
  return TRUE;
}
