/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-statement.h"

/* The places of the names bound so far, by the address of the name and
 * a copy of it: a statement run for each of many rows binds the same
 * literals each time, and finding a name among the parameters again for
 * every row would cost more than comparing it with the copy. */
#define N_REMEMBERED_NAMES 32
#define REMEMBERED_NAME_SIZE 32

struct _PdStatement
{
  PdDatabase *db;       /* unowned: the statement is the connection's */
  sqlite3_stmt *stmt;
  PdServerStatement *server_stmt;  /* instead of stmt, on a shared server */
  GError *error;        /* met by pd_statement_next(), for pd_statement_finish() */
  gboolean owned;       /* a fresh statement, finalized when given back */
  guint n_names;
  const char *names[N_REMEMBERED_NAMES];
  char name_copies[N_REMEMBERED_NAMES][REMEMBERED_NAME_SIZE];
  int indexes[N_REMEMBERED_NAMES];
};

struct _PdTransaction
{
  PdDatabase *db;
  gboolean done;
};

PdStatement *
pd_database_query (PdDatabase  *db,
                   const char  *sql,
                   GError     **error)
{
  PdStatement *self;
  sqlite3_stmt *stmt;
  gboolean owned = FALSE;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (pd_database_is_shared (db))
    {
      PdServerStatement *server_stmt;

      server_stmt = pd_server_prepare (pd_database_get_server (db), sql, error);
      if (server_stmt == NULL)
        return NULL;
      self = g_new0 (PdStatement, 1);
      self->db = db;
      self->server_stmt = server_stmt;
      return self;
    }

  stmt = pd_database_borrow (db, sql, &owned, error);
  if (stmt == NULL)
    return NULL;

  self = g_new0 (PdStatement, 1);
  self->db = db;
  self->stmt = stmt;
  self->owned = owned;
  return self;
}

PdStatement *
pd_database_query_dialect (PdDatabase  *db,
                           const char  *sqlite_sql,
                           const char  *postgresql_sql,
                           GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  return pd_database_query (db, pd_database_is_shared (db) ? postgresql_sql : sqlite_sql, error);
}

gboolean
pd_database_exec_dialect (PdDatabase  *db,
                          const char  *sqlite_sql,
                          const char  *postgresql_sql,
                          GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  return pd_database_exec (db, pd_database_is_shared (db) ? postgresql_sql : sqlite_sql, error);
}

void
pd_statement_release (PdStatement *self)
{
  if (self == NULL)
    return;

  if (self->server_stmt != NULL)
    pd_server_statement_free (self->server_stmt);
  else
    pd_database_give_back (self->db, self->stmt, self->owned);
  g_clear_error (&self->error);
  g_free (self);
}

/* A parameter's place, from its name as written in the SQL after the
 * colon. Binding a name the SQL does not have is a mistake in the code. */
static int
parameter_index (PdStatement *self,
                 const char  *name)
{
  char buffer[64];
  int index;

  for (guint i = 0; i < self->n_names; i++)
    if (self->names[i] == name && strcmp (self->name_copies[i], name) == 0)
      return self->indexes[i];

  if (strlen (name) + 2 <= sizeof buffer)
    {
      buffer[0] = ':';
      strcpy (buffer + 1, name);
      index = sqlite3_bind_parameter_index (self->stmt, buffer);
    }
  else
    {
      g_autofree char *full = g_strconcat (":", name, NULL);

      index = sqlite3_bind_parameter_index (self->stmt, full);
    }

  if (index == 0)
    g_critical ("No parameter “:%s” in “%s”", name, sqlite3_sql (self->stmt));
  else if (self->n_names < N_REMEMBERED_NAMES && strlen (name) < REMEMBERED_NAME_SIZE)
    {
      self->names[self->n_names] = name;
      strcpy (self->name_copies[self->n_names], name);
      self->indexes[self->n_names] = index;
      self->n_names++;
    }
  return index;
}

static void
check_bound (PdStatement *self,
             const char  *name,
             int          rc)
{
  if (rc != SQLITE_OK && rc != SQLITE_RANGE)
    g_critical ("Could not bind “:%s”: %s", name, sqlite3_errstr (rc));
}

void
pd_statement_bind_int64 (PdStatement *self,
                         const char  *name,
                         gint64       value)
{
  int index;

  if (self->server_stmt != NULL)
    {
      pd_server_statement_bind (self->server_stmt, name,
                                g_strdup_printf ("%" G_GINT64_FORMAT, value));
      return;
    }

  index = parameter_index (self, name);

  if (index > 0)
    check_bound (self, name, sqlite3_bind_int64 (self->stmt, index, value));
}

void
pd_statement_bind_int (PdStatement *self,
                       const char  *name,
                       int          value)
{
  pd_statement_bind_int64 (self, name, value);
}

void
pd_statement_bind_boolean (PdStatement *self,
                           const char  *name,
                           gboolean     value)
{
  pd_statement_bind_int64 (self, name, value ? 1 : 0);
}

void
pd_statement_bind_double (PdStatement *self,
                          const char  *name,
                          double       value)
{
  int index;

  if (self->server_stmt != NULL)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      pd_server_statement_bind (self->server_stmt, name,
                                g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
      return;
    }

  index = parameter_index (self, name);

  if (index > 0)
    check_bound (self, name, sqlite3_bind_double (self->stmt, index, value));
}

/* NULL binds SQL's NULL. The text is copied. */
void
pd_statement_bind_text (PdStatement *self,
                        const char  *name,
                        const char  *value)
{
  int index;

  if (self->server_stmt != NULL)
    {
      pd_server_statement_bind (self->server_stmt, name, g_strdup (value));
      return;
    }

  index = parameter_index (self, name);

  if (index <= 0)
    return;
  if (value == NULL)
    check_bound (self, name, sqlite3_bind_null (self->stmt, index));
  else
    check_bound (self, name, sqlite3_bind_text (self->stmt, index, value, -1, SQLITE_TRANSIENT));
}

void
pd_statement_bind_null (PdStatement *self,
                        const char  *name)
{
  int index;

  if (self->server_stmt != NULL)
    {
      pd_server_statement_bind (self->server_stmt, name, NULL);
      return;
    }

  index = parameter_index (self, name);

  if (index > 0)
    check_bound (self, name, sqlite3_bind_null (self->stmt, index));
}

/* Moves to the next row: TRUE when there is one to read. FALSE at the end
 * and on an error, which pd_statement_finish() reports. */
gboolean
pd_statement_next (PdStatement *self)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->error != NULL)
    return FALSE;

  if (self->server_stmt != NULL)
    return pd_server_statement_step (self->server_stmt, &self->error);

  rc = sqlite3_step (self->stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    pd_database_set_error (self->db, &self->error);
  sqlite3_reset (self->stmt);
  return FALSE;
}

/* Ends reading the rows, whether or not all were read, and reports an
 * error met on the way. The statement may then be run again, with the same
 * values bound unless they are bound anew. */
gboolean
pd_statement_finish (PdStatement  *self,
                     GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->server_stmt != NULL)
    pd_server_statement_reset (self->server_stmt);
  else
    sqlite3_reset (self->stmt);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

/* Reads the first row of a statement expected to return one or none:
 * *found says whether there is one, whose columns may then be read. */
gboolean
pd_statement_fetch (PdStatement  *self,
                    gboolean     *found,
                    GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (found != NULL, FALSE);

  *found = pd_statement_next (self);
  if (!*found)
    return pd_statement_finish (self, error);
  return TRUE;
}

/* Runs a statement that writes, to its end. */
gboolean
pd_statement_execute (PdStatement  *self,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  while (pd_statement_next (self))
    ;
  return pd_statement_finish (self, error);
}

/* Reads every row with @read_row into an array that frees them with
 * @free_row: the array, or NULL with @error set if the rows could not all
 * be read. */
GPtrArray *
pd_statement_collect (PdStatement     *self,
                      PdRowFunc        read_row,
                      GDestroyNotify   free_row,
                      GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (read_row != NULL, NULL);

  while (pd_statement_next (self))
    g_ptr_array_add (rows, read_row (self));
  if (!pd_statement_finish (self, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* The rows the last statement run on the connection inserted, changed or
 * deleted. */
gint64
pd_statement_get_changes (PdStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->server_stmt != NULL)
    return pd_server_get_changes (pd_database_get_server (self->db));
  return sqlite3_changes64 (pd_database_get_handle (self->db));
}

/* The id of the row the last INSERT on the connection made. */
gint64
pd_statement_get_inserted_id (PdStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->server_stmt != NULL)
    return pd_server_get_inserted_id (pd_database_get_server (self->db));
  return sqlite3_last_insert_rowid (pd_database_get_handle (self->db));
}

/* A number the server sent as text, read as SQLite reads text or a real
 * as an integer (the digits before any point); booleans are 1 and 0. */
static gint64
server_int64 (const char *text)
{
  if (text == NULL)
    return 0;
  if (strcmp (text, "t") == 0)
    return 1;
  if (strcmp (text, "f") == 0)
    return 0;
  return g_ascii_strtoll (text, NULL, 10);
}

int
pd_statement_get_n_columns (PdStatement *self)
{
  if (self->server_stmt != NULL)
    return pd_server_statement_get_n_columns (self->server_stmt);
  return sqlite3_column_count (self->stmt);
}

const char *
pd_statement_get_column_name (PdStatement *self,
                              int          column)
{
  if (self->server_stmt != NULL)
    return pd_server_statement_get_column_name (self->server_stmt, column);
  return sqlite3_column_name (self->stmt, column);
}

gboolean
pd_statement_is_null (PdStatement *self,
                      int          column)
{
  if (self->server_stmt != NULL)
    return pd_server_statement_get_text (self->server_stmt, column) == NULL;
  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}

gint64
pd_statement_get_int64 (PdStatement *self,
                        int          column)
{
  if (self->server_stmt != NULL)
    return server_int64 (pd_server_statement_get_text (self->server_stmt, column));
  return sqlite3_column_int64 (self->stmt, column);
}

int
pd_statement_get_int (PdStatement *self,
                      int          column)
{
  if (self->server_stmt != NULL)
    return (int) server_int64 (pd_server_statement_get_text (self->server_stmt, column));
  return sqlite3_column_int (self->stmt, column);
}

gboolean
pd_statement_get_boolean (PdStatement *self,
                          int          column)
{
  if (self->server_stmt != NULL)
    return server_int64 (pd_server_statement_get_text (self->server_stmt, column)) != 0;
  return sqlite3_column_int64 (self->stmt, column) != 0;
}

double
pd_statement_get_double (PdStatement *self,
                         int          column)
{
  if (self->server_stmt != NULL)
    {
      const char *text = pd_server_statement_get_text (self->server_stmt, column);

      return text == NULL || *text == 't' || *text == 'f' ? server_int64 (text)
                                                          : g_ascii_strtod (text, NULL);
    }
  return sqlite3_column_double (self->stmt, column);
}

/* The text of a column of the current row, NULL for SQL's NULL; valid
 * until the statement moves on. */
const char *
pd_statement_get_text (PdStatement *self,
                       int          column)
{
  if (self->server_stmt != NULL)
    return pd_server_statement_get_text (self->server_stmt, column);
  return (const char *) sqlite3_column_text (self->stmt, column);
}

char *
pd_statement_dup_text (PdStatement *self,
                       int          column)
{
  return g_strdup (pd_statement_get_text (self, column));
}

PdTransaction *
pd_database_begin_transaction (PdDatabase  *db,
                               GError     **error)
{
  PdTransaction *self;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_begin (db, error))
    return NULL;

  self = g_new0 (PdTransaction, 1);
  self->db = g_object_ref (db);
  return self;
}

/* Commits the transaction's writes; on a failure they are rolled back. */
gboolean
pd_transaction_commit (PdTransaction  *self,
                       GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);

  self->done = TRUE;
  return pd_database_commit (self->db, error);
}

/* Rolls back what was not committed. */
void
pd_transaction_free (PdTransaction *self)
{
  if (self == NULL)
    return;

  if (!self->done)
    pd_database_rollback (self->db);
  g_object_unref (self->db);
  g_free (self);
}
