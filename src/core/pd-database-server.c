/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-postgresql-resources.h"
#include "pd-tables.h"

/* The PostgreSQL engine: one libpq connection to the shared server, used
 * from one thread, as a SQLite connection is. The core's SQL names its
 * parameters ":name"; each text is turned once into PostgreSQL's "$1"
 * form, prepared on the server under a name of its own, and kept for the
 * life of the connection. Values travel as text both ways, and the
 * statement's getters read them (see pd-database-statement.c). */

/* The channel of the tables' change triggers (data/postgresql/schema.sql). */
#define CHANGED_CHANNEL "peerdesk_changed"

/* Each connection's settings. Dates and times are text the core writes
 * itself, and the session's own settings must not turn what the server
 * computes into other text; a write waiting on another desk's lock gives
 * up after a while rather than freezing the desk. */
#define SESSION_SETUP \
  "SET TIME ZONE 'UTC';" \
  "SET datestyle = 'ISO, YMD';" \
  "SET lock_timeout = '5s';" \
  "LISTEN " CHANGED_CHANNEL ";"

typedef struct
{
  char *name;           /* of the prepared statement on the server */
  char *sql;            /* with $1, $2, ... */
  GPtrArray *params;    /* the parameter names, in $ order */
  gboolean reads;       /* a SELECT, which needs no savepoint (see run()) */
  GStrv columns;        /* the names of the columns it returns, known once prepared */
  gboolean prepared;
} ServerQuery;

struct _PdServer
{
  PGconn *conn;
  char *location;       /* as given, for messages (without a password) */
  GHashTable *queries;  /* core SQL -> ServerQuery */
  guint n_prepared;
  gint64 changes;       /* rows the last command touched */
  gint64 total_changes; /* and every command since the connection was made */
  int backend_pid;
  gint64 n_others;      /* changes announced by other connections, so far */
  GHashTable *changed;  /* tables others changed, not yet taken */
  gboolean lost;        /* the connection broke: nothing more is sent on it */
  gboolean resetting;   /* pd_server_reconnect_step() is under way */
};

struct _PdServerStatement
{
  PdServer *server;
  ServerQuery *query;
  char **values;        /* one per parameter, NULL for SQL's NULL */
  PGresult *result;
  int row;
  gboolean run;
};

static void
server_query_free (gpointer data)
{
  ServerQuery *query = data;

  g_free (query->name);
  g_free (query->sql);
  g_strfreev (query->columns);
  g_ptr_array_unref (query->params);
  g_free (query);
}

/* A location to show: a URI's password, if one was written in it, is
 * left out. */
char *
pd_server_describe_location (const char *location)
{
  const char *scheme_end = strstr (location, "://");
  const char *at;
  const char *colon;

  if (scheme_end == NULL)
    return g_strdup (location);
  at = strchr (scheme_end + 3, '@');
  if (at == NULL)
    return g_strdup (location);
  colon = memchr (scheme_end + 3, ':', at - (scheme_end + 3));
  if (colon == NULL)
    return g_strdup (location);
  return g_strdup_printf ("%.*s%s", (int) (colon - location), location, at);
}

static gboolean
connection_is_lost (PdServer *self)
{
  if (PQstatus (self->conn) == CONNECTION_BAD)
    self->lost = TRUE;
  return self->lost;
}

/* Maps a failed command's SQLSTATE onto the core's error codes, as
 * pd_sqlite_set_error() does SQLite's result codes. */
static void
set_result_error (PdServer        *self,
                  const PGresult  *result,
                  GError         **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *where = pd_server_describe_location (self->location);

  if (primary == NULL)
    primary = PQerrorMessage (self->conn);

  /* An error of libpq's own, with no SQLSTATE, is the connection's: the
   * server went away while the command was on its way. */
  if (connection_is_lost (self) || (result != NULL && state == NULL) ||
      (state != NULL && g_str_has_prefix (state, "08")) ||
      g_strcmp0 (state, "57P01") == 0 || g_strcmp0 (state, "57P02") == 0 ||
      g_strcmp0 (state, "57P03") == 0)
    {
      self->lost = TRUE;
      g_set_error (error, PD_ERROR, PD_ERROR_OFFLINE,
                   _("The connection to the records server (%s) was lost: nothing was saved. "
                     "Peerdesk connects again by itself when the server is back."),
                   where);
    }
  else if (g_strcmp0 (state, "23505") == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, "%s", primary);
  else if ((state != NULL && g_str_has_prefix (state, "23")) || g_strcmp0 (state, "P0001") == 0 ||
           g_strcmp0 (state, "22P02") == 0 || g_strcmp0 (state, "22007") == 0 ||
           g_strcmp0 (state, "22008") == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s", primary);
  else if (g_strcmp0 (state, "42501") == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED,
                 _("The records server does not allow this to the one signed in (%s)"), primary);
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0 ||
           g_strcmp0 (state, "55P03") == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_BUSY,
                 _("Another desk is saving the same records: %s"), primary);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "%s", primary);
}

static gboolean
check_command (PdServer   *self,
               PGresult   *result,
               GError    **error)
{
  ExecStatusType status = PQresultStatus (result);

  /* A script of comments only is an empty query. */
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    return TRUE;
  set_result_error (self, result, error);
  return FALSE;
}

/* libpq's message on one line: it ends its lines with a newline and
 * starts the next with a tab. */
static char *
one_line (const char *message)
{
  g_auto(GStrv) words = g_strsplit_set (message, " \t\n", -1);
  GString *line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (line, "%s%s", line->len > 0 ? " " : "", words[i]);
  return g_string_free (line, FALSE);
}

/* Says why a connection could not be made in words a centre can act on:
 * the server is not there, the password is wrong, the database does not
 * exist. */
static void
set_connect_error (PdServer  *self,
                   GError   **error)
{
  const char *message = PQerrorMessage (self->conn);
  g_autofree char *where = pd_server_describe_location (self->location);
  g_autofree char *detail = one_line (message);

  if (strstr (message, "password authentication failed") != NULL ||
      strstr (message, "no password supplied") != NULL ||
      strstr (message, "SCRAM") != NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_SIGN_IN,
                 _("The records server (%s) refused the user name or password"), where);
  else if (strstr (message, "does not exist") != NULL && strstr (message, "database") != NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("The records server has no database named in “%s”. Check its name, or ask "
                   "whoever looks after the server to create it."), where);
  else if (strstr (message, "pg_hba.conf") != NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED,
                 _("The records server (%s) does not accept connections from this computer: its "
                   "pg_hba.conf must allow it (%s)"), where, detail);
  else if (strstr (message, "definition of service") != NULL ||
           strstr (message, "invalid") != NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                 _("“%s” is not a database address Peerdesk can use (%s)"), where, detail);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_OFFLINE,
                 _("Could not reach the records server (%s): is it running, and is this "
                   "computer on the centre’s network? (%s)"), where, detail);
}

static void
ignore_notice (void       *data,
               const char *message)
{
  g_debug ("%s", message);
}

/* The passwords of the servers' databases, by location, given by the
 * application (from the keyring) for every connection it then makes,
 * those of the report threads and the reconnections included. They stay
 * in memory only. */
static GMutex passwords_lock;
static GHashTable *passwords;

void
pd_database_set_password (const char *location,
                          const char *password)
{
  g_return_if_fail (location != NULL);

  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (password != NULL)
    g_hash_table_insert (passwords, g_strdup (location), g_strdup (password));
  else
    g_hash_table_remove (passwords, location);
  g_mutex_unlock (&passwords_lock);
}

static char *
dup_password (const char *location)
{
  char *password = NULL;

  g_mutex_lock (&passwords_lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, location));
  g_mutex_unlock (&passwords_lock);
  return password;
}

PdServer *
pd_server_connect (const char  *location,
                   GError     **error)
{
  g_autofree char *password = dup_password (location);

  return pd_server_connect_as (location, NULL, password, error);
}

/* A connection to @location as @user (unless NULL, the location's own)
 * with @password (unless NULL). */
PdServer *
pd_server_connect_as (const char  *location,
                      const char  *user,
                      const char  *password,
                      GError     **error)
{
  PdServer *self;
  g_autoptr(GError) local_error = NULL;
  /* A desk that cannot reach the server says so within seconds; the
   * application name shows in the server's list of connections. A user
   * given here comes after the location's, which it replaces. */
  const char *keys[] = { "dbname", "connect_timeout", "application_name", "client_encoding",
                         "password", "user", NULL };
  const char *values[] = { location, "10", "peerdesk", "UTF8", password, user, NULL };

  self = g_new0 (PdServer, 1);
  self->location = g_strdup (location);
  self->queries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, server_query_free);
  self->changed = g_hash_table_new (g_str_hash, g_str_equal);
  self->conn = PQconnectdbParams (keys, values, TRUE);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      if (self->conn != NULL)
        set_connect_error (self, error);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_FAILED, _("Out of memory"));
      pd_server_free (self);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, ignore_notice, NULL);
  self->backend_pid = PQbackendPID (self->conn);

  if (!pd_server_exec (self, SESSION_SETUP, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      pd_server_free (self);
      return NULL;
    }
  return self;
}

void
pd_server_free (PdServer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->queries, g_hash_table_unref);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_free (self->location);
  g_free (self);
}

gboolean
pd_server_is_lost (PdServer *self)
{
  return connection_is_lost (self);
}

/* Makes @server, a connection as the signed-in staff member, the one the
 * database works through, keeping the desk's own connection aside until
 * sign-out; NULL goes back to the desk's own. The statements are each
 * connection's, prepared again on the new one when first used. */
void
pd_database_use_server (PdDatabase *self,
                        PdServer   *server)
{
  g_return_if_fail (self->transaction_depth == 0);

  if (self->desk_server == NULL)
    {
      if (server == NULL)
        return;
      self->desk_server = self->server;
    }
  else if (self->server != self->desk_server)
    pd_server_free (self->server);

  if (server != NULL)
    self->server = server;
  else
    {
      self->server = self->desk_server;
      self->desk_server = NULL;
    }
}

/* The name of the database on the server, which the staff roles' names
 * start with (data/postgresql/roles.sql). */
const char *
pd_server_get_database_name (PdServer *self)
{
  return PQdb (self->conn);
}

/* A SCRAM verifier of @password for the role @user, computed here, so
 * that the password itself never travels to the server nor lands in its
 * log. */
char *
pd_server_encrypt_password (PdServer    *self,
                            const char  *user,
                            const char  *password,
                            GError     **error)
{
  char *verifier = PQencryptPasswordConn (self->conn, password, user, "scram-sha-256");
  char *copy;

  if (verifier == NULL)
    {
      g_autofree char *detail = one_line (PQerrorMessage (self->conn));

      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not protect the passphrase for the records server: %s"), detail);
      return NULL;
    }
  copy = g_strdup (verifier);
  PQfreemem (verifier);
  return copy;
}

static void
count_changes (PdServer       *self,
               const PGresult *result)
{
  const char *command = PQcmdStatus ((PGresult *) result);

  /* As SQLite counts them: the rows an INSERT, UPDATE or DELETE wrote.
   * The server gives a SELECT's row count the same way, and reads must
   * not pass for changes (the role cache is read again after one). */
  if (!g_str_has_prefix (command, "INSERT") && !g_str_has_prefix (command, "UPDATE") &&
      !g_str_has_prefix (command, "DELETE"))
    return;
  self->changes = g_ascii_strtoll (PQcmdTuples ((PGresult *) result), NULL, 10);
  self->total_changes += self->changes;
}

gint64
pd_server_get_total_changes (PdServer *self)
{
  return self->total_changes;
}

/* Runs one or more commands that return nothing to read. */
gboolean
pd_server_exec (PdServer    *self,
                const char  *sql,
                GError     **error)
{
  PGresult *result;
  gboolean ok;

  result = PQexec (self->conn, sql);
  ok = check_command (self, result, error);
  if (ok)
    count_changes (self, result);
  PQclear (result);
  return ok;
}

/* Turns the core's ":name" parameters into "$n", once per name, leaving
 * alone what only looks like one: "::type" casts, quoted text and names,
 * and comments. */
static ServerQuery *
translate (const char *sql)
{
  ServerQuery *query = g_new0 (ServerQuery, 1);
  GString *out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;

  query->params = g_ptr_array_new_with_free_func (g_free);
  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          const char *end = p + 1;

          while (*end != '\0' && !(*end == quote && end[1] != quote))
            end += *end == quote ? 2 : 1;
          if (*end != '\0')
            end++;
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          end = end != NULL ? end : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == ':' && p[1] == ':')
        {
          g_string_append (out, "::");
          p += 2;
        }
      else if (p[0] == ':' && (g_ascii_isalpha (p[1]) || p[1] == '_'))
        {
          const char *end = p + 1;
          g_autofree char *name = NULL;
          guint index;

          while (g_ascii_isalnum (*end) || *end == '_')
            end++;
          name = g_strndup (p + 1, end - p - 1);
          for (index = 0; index < query->params->len; index++)
            if (strcmp (query->params->pdata[index], name) == 0)
              break;
          if (index == query->params->len)
            g_ptr_array_add (query->params, g_steal_pointer (&name));
          g_string_append_printf (out, "$%u", index + 1);
          p = end;
        }
      else
        g_string_append_c (out, *p++);
    }
  query->sql = g_string_free (out, FALSE);
  while (g_ascii_isspace (*sql))
    sql++;
  query->reads = g_ascii_strncasecmp (sql, "SELECT", 6) == 0;
  return query;
}

/* The columns a prepared statement returns, which SQLite knows before a
 * statement runs and the core may ask for then. */
static gboolean
describe (PdServer     *self,
          ServerQuery  *query,
          GError      **error)
{
  PGresult *result = PQdescribePrepared (self->conn, query->name);
  gboolean ok = check_command (self, result, error);

  if (ok)
    {
      int n = PQnfields (result);

      query->columns = g_new0 (char *, n + 1);
      for (int i = 0; i < n; i++)
        query->columns[i] = g_strdup (PQfname (result, i));
    }
  PQclear (result);
  return ok;
}

PdServerStatement *
pd_server_prepare (PdServer    *self,
                   const char  *sql,
                   GError     **error)
{
  PdServerStatement *stmt;
  ServerQuery *query = g_hash_table_lookup (self->queries, sql);

  if (self->lost)
    {
      set_result_error (self, NULL, error);
      return NULL;
    }
  if (query == NULL)
    {
      query = translate (sql);
      query->name = g_strdup_printf ("pd_%u", ++self->n_prepared);
      g_hash_table_insert (self->queries, g_strdup (sql), query);
    }
  if (!query->prepared)
    {
      PGresult *result = PQprepare (self->conn, query->name, query->sql, 0, NULL);
      gboolean ok = check_command (self, result, error);

      PQclear (result);
      if (!ok)
        {
          g_debug ("Could not prepare “%s”: %s", query->sql,
                   error != NULL && *error != NULL ? (*error)->message : "");
          return NULL;
        }
      query->prepared = TRUE;
      if (query->columns == NULL && !describe (self, query, error))
        return NULL;
    }

  stmt = g_new0 (PdServerStatement, 1);
  stmt->server = self;
  stmt->query = query;
  stmt->values = g_new0 (char *, MAX (query->params->len, 1));
  stmt->row = -1;
  return stmt;
}

void
pd_server_statement_free (PdServerStatement *stmt)
{
  if (stmt == NULL)
    return;
  for (guint i = 0; i < stmt->query->params->len; i++)
    g_free (stmt->values[i]);
  g_free (stmt->values);
  g_clear_pointer (&stmt->result, PQclear);
  g_free (stmt);
}

/* Binds @value (taken; NULL for SQL's NULL) to the parameter @name. */
void
pd_server_statement_bind (PdServerStatement *stmt,
                          const char        *name,
                          char              *value)
{
  GPtrArray *params = stmt->query->params;

  for (guint i = 0; i < params->len; i++)
    if (strcmp (params->pdata[i], name) == 0)
      {
        g_free (stmt->values[i]);
        stmt->values[i] = value;
        return;
      }
  g_critical ("No parameter “:%s” in “%s”", name, stmt->query->sql);
  g_free (value);
}

static gboolean
execute (PdServerStatement  *stmt,
         GError            **error)
{
  PdServer *server = stmt->server;

  stmt->result = PQexecPrepared (server->conn, stmt->query->name,
                                 (int) stmt->query->params->len,
                                 (const char * const *) stmt->values, NULL, NULL, 0);
  if (!check_command (server, stmt->result, error))
    {
      g_clear_pointer (&stmt->result, PQclear);
      return FALSE;
    }
  count_changes (server, stmt->result);
  return TRUE;
}

/* The result of the next command of a pipeline, and the end of its
 * results. */
static PGresult *
next_pipeline_result (PGconn *conn)
{
  PGresult *result = PQgetResult (conn);
  PGresult *end;

  while (result != NULL && (end = PQgetResult (conn)) != NULL)
    PQclear (end);
  return result;
}

/* In a transaction, a write that fails undoes only itself, as in SQLite,
 * where the core may go on after a refused row (a duplicate in an import
 * is reported and the rest of the transaction stands); PostgreSQL would
 * abort the whole transaction, so each write runs under a savepoint of its
 * own there. The savepoint, the write and the savepoint's release go to
 * the server together, as one pipeline: an import of many rows waits for
 * the server once a row, not three times. */
static gboolean
run (PdServerStatement  *stmt,
     GError            **error)
{
  PdServer *server = stmt->server;
  PGconn *conn = server->conn;
  PGresult *savepoint = NULL;
  PGresult *release = NULL;
  PGresult *sync = NULL;
  gboolean sent;
  gboolean ok;

  if (PQtransactionStatus (conn) != PQTRANS_INTRANS || stmt->query->reads)
    return execute (stmt, error);

  if (!PQenterPipelineMode (conn))
    {
      set_result_error (server, NULL, error);
      return FALSE;
    }
  sent = PQsendQueryParams (conn, "SAVEPOINT pd_statement", 0, NULL, NULL, NULL, NULL, 0) &&
         PQsendQueryPrepared (conn, stmt->query->name, (int) stmt->query->params->len,
                              (const char * const *) stmt->values, NULL, NULL, 0) &&
         PQsendQueryParams (conn, "RELEASE SAVEPOINT pd_statement", 0, NULL, NULL, NULL, NULL,
                            0) &&
         PQpipelineSync (conn);
  if (sent)
    {
      savepoint = next_pipeline_result (conn);
      stmt->result = next_pipeline_result (conn);
      release = next_pipeline_result (conn);
      sync = PQgetResult (conn);
    }
  PQexitPipelineMode (conn);

  ok = sent && check_command (server, savepoint, error) &&
       check_command (server, stmt->result, error);
  if (ok)
    count_changes (server, stmt->result);
  else if (sent && PQresultStatus (savepoint) == PGRES_COMMAND_OK)
    pd_server_exec (server, "ROLLBACK TO SAVEPOINT pd_statement; RELEASE SAVEPOINT pd_statement",
                    NULL);
  else if (!sent)
    set_result_error (server, NULL, error);
  if (ok && !check_command (server, release, error))
    ok = FALSE;
  if (!ok)
    g_clear_pointer (&stmt->result, PQclear);
  g_clear_pointer (&savepoint, PQclear);
  g_clear_pointer (&release, PQclear);
  g_clear_pointer (&sync, PQclear);
  return ok;
}

/* Runs the statement when first asked for a row, and moves to the next:
 * TRUE when there is one. */
gboolean
pd_server_statement_step (PdServerStatement  *stmt,
                          GError            **error)
{
  PdServer *server = stmt->server;

  if (!stmt->run)
    {
      stmt->run = TRUE;
      if (server->lost)
        {
          set_result_error (server, NULL, error);
          return FALSE;
        }
      if (!run (stmt, error))
        return FALSE;
    }
  if (stmt->result == NULL)
    return FALSE;
  stmt->row++;
  return stmt->row < PQntuples (stmt->result);
}

/* Ready to be run again, with the same values bound. */
void
pd_server_statement_reset (PdServerStatement *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->run = FALSE;
  stmt->row = -1;
}

int
pd_server_statement_get_n_columns (PdServerStatement *stmt)
{
  return stmt->query->columns != NULL ? (int) g_strv_length (stmt->query->columns) : 0;
}

const char *
pd_server_statement_get_column_name (PdServerStatement *stmt,
                                     int                column)
{
  GStrv columns = stmt->query->columns;

  if (columns == NULL || column < 0 || column >= (int) g_strv_length (columns))
    return NULL;
  return columns[column];
}

/* The text of a column of the current row, NULL for SQL's NULL. */
const char *
pd_server_statement_get_text (PdServerStatement *stmt,
                              int                column)
{
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= PQntuples (stmt->result) ||
      column < 0 || column >= PQnfields (stmt->result) ||
      PQgetisnull (stmt->result, stmt->row, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

gint64
pd_server_get_changes (PdServer *self)
{
  return self->changes;
}

/* The id the last INSERT on this connection gave its row, from the
 * identity sequence it drew on. */
gint64
pd_server_get_inserted_id (PdServer *self)
{
  PGresult *result = PQexec (self->conn, "SELECT lastval ()");
  gint64 id = 0;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

/* Reads what the server has sent meanwhile, without waiting: the changes
 * other connections announced are counted and their tables kept for
 * pd_server_take_changed(). FALSE if the connection is lost. */
gboolean
pd_server_poll (PdServer *self)
{
  PGnotify *notify;

  if (self->lost)
    return FALSE;
  if (!PQconsumeInput (self->conn))
    {
      self->lost = TRUE;
      return FALSE;
    }
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      if (notify->be_pid != self->backend_pid)
        {
          self->n_others++;
          g_hash_table_add (self->changed, (gpointer) g_intern_string (notify->extra));
        }
      PQfreemem (notify);
    }
  return !connection_is_lost (self);
}

gint64
pd_server_get_n_others (PdServer *self)
{
  return self->n_others;
}

/* The tables other connections changed since the last call, interned;
 * free the array only. */
GPtrArray *
pd_server_take_changed (PdServer *self)
{
  GPtrArray *tables = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer table;

  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &table, NULL))
    g_ptr_array_add (tables, table);
  g_hash_table_remove_all (self->changed);
  return tables;
}

/* Connects again after the connection was lost, without waiting: each
 * call takes the next step. 1 once connected (the statements prepared on
 * the old connection are prepared again when next used), 0 while under
 * way, -1 when this try failed (the next call starts another). */
int
pd_server_reconnect_step (PdServer *self)
{
  PostgresPollingStatusType status;
  GHashTableIter iter;
  gpointer value;

  if (!self->resetting)
    {
      if (!PQresetStart (self->conn))
        return -1;
      self->resetting = TRUE;
    }
  status = PQresetPoll (self->conn);
  if (status == PGRES_POLLING_READING || status == PGRES_POLLING_WRITING)
    return 0;
  self->resetting = FALSE;
  if (status != PGRES_POLLING_OK || PQstatus (self->conn) != CONNECTION_OK)
    return -1;

  self->lost = FALSE;
  self->backend_pid = PQbackendPID (self->conn);
  g_hash_table_iter_init (&iter, self->queries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((ServerQuery *) value)->prepared = FALSE;
  if (!pd_server_exec (self, SESSION_SETUP, NULL))
    {
      self->lost = TRUE;
      return -1;
    }
  return 1;
}

/* Whether @location names a PostgreSQL server's database (a
 * "postgresql://" URI or a "service=NAME" of pg_service.conf) rather than
 * a file on this computer. */
gboolean
pd_database_location_is_server (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);

  return g_str_has_prefix (location, "postgresql://") ||
         g_str_has_prefix (location, "postgres://") ||
         g_str_has_prefix (location, "service=");
}

/* The resource holding a server schema file, NUL-terminated. */
static GBytes *
server_sql (const char *name)
{
  g_autofree char *path = g_strconcat ("/org/peerdesk/Peerdesk/postgresql/", name, NULL);

  return g_resource_lookup_data (pd_postgresql_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

/* The number of tables in the database's schema, -1 on an error. */
static gint64
count_tables (PdServer  *self,
              GError   **error)
{
  PGresult *result = PQexec (self->conn,
                             "SELECT count (*) FROM pg_catalog.pg_tables"
                             " WHERE schemaname = current_schema ()");
  gint64 n = -1;

  if (check_command (self, result, error))
    n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

/* The value of a meta setting in a database that has the table: NULL,
 * with *failed FALSE, if there is none; a failure to read it (the server
 * went away meanwhile) sets *failed and @error, so that it is not taken
 * for a database without the setting. */
static char *
read_meta (PdServer    *self,
           const char  *key,
           gboolean    *failed,
           GError     **error)
{
  const char *values[] = { key };
  PGresult *result = PQexecParams (self->conn, "SELECT value FROM meta WHERE key = $1",
                                   1, NULL, values, NULL, NULL, 0);
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  char *value = NULL;

  *failed = FALSE;
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    value = g_strdup (PQgetvalue (result, 0, 0));
  /* No meta table: another program's database, not a failure. */
  else if (PQresultStatus (result) != PGRES_TUPLES_OK && g_strcmp0 (state, "42P01") != 0)
    {
      set_result_error (self, result, error);
      *failed = TRUE;
    }
  PQclear (result);
  return value;
}

/* The schema version of a Peerdesk database on the server: 0 for an empty
 * database, -1 with @error set for one that holds another program's
 * tables (or on an error). */
static int
read_schema_version (PdServer  *self,
                     GError   **error)
{
  g_autofree char *where = pd_server_describe_location (self->location);
  g_autofree char *application = NULL;
  g_autofree char *version = NULL;
  gboolean failed = FALSE;
  gint64 n_tables = count_tables (self, error);

  if (n_tables < 0)
    return -1;
  if (n_tables == 0)
    return 0;

  application = read_meta (self, "application", &failed, error);
  if (failed)
    return -1;
  version = read_meta (self, "schema_version", &failed, error);
  if (failed)
    return -1;
  if (g_strcmp0 (application, "peerdesk") != 0 || version == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("The database “%s” holds another program’s tables, not Peerdesk’s "
                     "records: it was left as it is"), where);
      return -1;
    }
  return (int) CLAMP (g_ascii_strtoll (version, NULL, 10), 1, G_MAXINT);
}

/* Brings a server database at schema version 8 to 9 (data/postgresql/009.sql)
 * in one transaction; only the tables' owner may, so a desk connected as
 * another role is told whom to ask, and nothing changes. */
static gboolean
upgrade_server (PdServer    *self,
                const char  *where,
                GError     **error)
{
  g_autoptr(GBytes) upgrade = server_sql ("009.sql");
  g_autofree char *owner = NULL;
  gboolean may_alter = FALSE;
  PGresult *result;
  gboolean ok;

  result = PQexec (self->conn,
                   "SELECT tableowner, pg_has_role (current_user, tableowner, 'USAGE')"
                   " FROM pg_catalog.pg_tables"
                   " WHERE schemaname = current_schema () AND tablename = 'members'");
  if (!check_command (self, result, error))
    {
      PQclear (result);
      return FALSE;
    }
  if (PQntuples (result) == 1)
    {
      owner = g_strdup (PQgetvalue (result, 0, 0));
      may_alter = g_str_equal (PQgetvalue (result, 0, 1), "t");
    }
  PQclear (result);
  if (!may_alter)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                   _("The records on “%s” are at schema version 8 and this Peerdesk needs "
                     "version 9. Open them once as the role that ran “peerdesk-cli server "
                     "setup” (the tables’ owner, “%s”) to bring them up to date; nothing was "
                     "changed."), where, owner ? owner : "");
      return FALSE;
    }

  ok = pd_server_exec (self, "BEGIN", error) &&
       pd_server_exec (self, g_bytes_get_data (upgrade, NULL), error) &&
       pd_server_exec (self, "UPDATE meta SET value = '9' WHERE key = 'schema_version'", error) &&
       pd_server_exec (self, "COMMIT", error);
  if (!ok)
    {
      pd_server_exec (self, "ROLLBACK", NULL);
      g_prefix_error (error, _("Could not bring “%s” up to date: "), where);
    }
  return ok;
}

PdDatabase *
pd_database_open_server (const char           *location,
                         int                   version,
                         PdDatabaseOpenFlags   flags,
                         GError              **error)
{
  g_autofree char *where = pd_server_describe_location (location);
  PdServer *server;
  int found;

  server = pd_server_connect (location, error);
  if (server == NULL)
    return NULL;

  found = read_schema_version (server, error);
  if (found == 8 && version == 9)
    found = upgrade_server (server, where, error) ? version : -1;
  if (found == 0)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                 _("The database “%s” is empty: it is not set up for Peerdesk yet. Set it up "
                   "with “peerdesk-cli --database %s server setup”."), where, where);
  else if (found > PD_SCHEMA_VERSION)
    g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                 _("The records on “%s” were saved by a newer Peerdesk (schema version %d; "
                   "this one reads up to %d). Update Peerdesk on this computer; nothing was "
                   "changed."), where, found, PD_SCHEMA_VERSION);
  else if (found > 0 && found != version)
    g_set_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA,
                 _("The records on “%s” are at schema version %d, and this Peerdesk works "
                   "with version %d: nothing was changed."), where, found, version);
  if (found <= 0 || found != version)
    {
      pd_server_free (server);
      return NULL;
    }
  return pd_database_new_shared (location, server, found);
}

/**
 * pd_database_setup_server:
 * @location: a PostgreSQL database: "postgresql://…" or "service=NAME"
 *
 * Creates Peerdesk's tables in an empty database on a server, in one
 * transaction. A database that holds anything else, Peerdesk's records
 * included, is refused and left as it is.
 *
 * Returns: %TRUE when the database is ready for the desks
 */
gboolean
pd_database_setup_server (const char  *location,
                          GError     **error)
{
  g_autofree char *where = NULL;
  g_autoptr(GBytes) schema = server_sql ("schema.sql");
  g_autoptr(GBytes) search = server_sql ("search.sql");
  g_autofree char *record = NULL;
  PdServer *server;
  int found;
  gboolean ok;

  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (schema != NULL && search != NULL, FALSE);

  where = pd_server_describe_location (location);
  if (!pd_database_location_is_server (location))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a PostgreSQL database: give a “postgresql://” address or a "
                     "“service=” name"), where);
      return FALSE;
    }

  server = pd_server_connect (location, error);
  if (server == NULL)
    return FALSE;
  found = read_schema_version (server, error);
  if (found != 0)
    {
      if (found > 0)
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("The database “%s” is already set up for Peerdesk (schema version %d): "
                       "it was left as it is"), where, found);
      pd_server_free (server);
      return FALSE;
    }

  record = g_strdup_printf ("INSERT INTO meta (key, value) VALUES"
                            " ('application', 'peerdesk'), ('schema_version', '%d')",
                            PD_SCHEMA_VERSION);
  ok = pd_server_exec (server, "BEGIN", error) &&
       pd_server_exec (server, g_bytes_get_data (schema, NULL), error) &&
       pd_server_exec (server, g_bytes_get_data (search, NULL), error) &&
       pd_server_exec (server, record, error) &&
       pd_server_exec (server, "COMMIT", error);
  if (!ok)
    {
      pd_server_exec (server, "ROLLBACK", NULL);
      g_prefix_error (error, _("Could not set up “%s”: "), where);
    }
  pd_server_free (server);
  return ok;
}

/**
 * pd_database_server_may_create_roles:
 * @location: a PostgreSQL database
 *
 * Whether the account @location connects as may create roles, as turning
 * staff sign-in on there needs (data/postgresql/roles.sql): its owner
 * must, for the first director's account.
 *
 * Returns: %TRUE when it may; %FALSE when not, or if the server cannot be
 *   asked
 */
gboolean
pd_database_server_may_create_roles (const char *location)
{
  g_autoptr(GError) error = NULL;
  PdServer *server;
  PGresult *result;
  gboolean may;

  g_return_val_if_fail (location != NULL, FALSE);

  server = pd_server_connect (location, &error);
  if (server == NULL)
    return FALSE;
  result = PQexec (server->conn, "SELECT rolsuper OR rolcreaterole FROM pg_roles"
                                 " WHERE rolname = current_user");
  may = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 &&
        strcmp (PQgetvalue (result, 0, 0), "t") == 0;
  PQclear (result);
  pd_server_free (server);
  return may;
}

/* Raises PdDatabase::changed for what other desks changed since the last
 * call, under the names the lists listen for. */
void
pd_database_announce_server_changes (PdDatabase *self)
{
  g_autoptr(GPtrArray) tables = pd_server_take_changed (pd_database_get_server (self));
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  const PdTable *exported;
  guint n_exported;

  exported = pd_tables_get_exported (&n_exported);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      const char *changed = table;

      if (strcmp (table, "meta") == 0)
        changed = "report_settings";
      for (guint j = 0; j < n_exported; j++)
        if (strcmp (exported[j].name, table) == 0 && exported[j].changed != NULL)
          changed = exported[j].changed;
      if (g_hash_table_add (done, (gpointer) changed))
        pd_database_notify_changed (self, changed);
    }
}
