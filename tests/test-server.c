/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libpq-fe.h>
#include <signal.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-migrate.h"
#include "pd-statement.h"
#include "pd-test-core.h"

/* The PostgreSQL engine itself, on the throwaway server that
 * tests/pd-test-postgresql.sh starts: what setting up and opening a
 * server's database refuses, how the core's SQL and values travel, what
 * errors become, other desks' changes, and losing the server. */

static const char *
server_base (void)
{
  const char *base = g_getenv ("PD_TEST_POSTGRESQL");

  if (base == NULL)
    g_error ("test-server runs on PostgreSQL only, through tests/pd-test-postgresql.sh");
  return base;
}

/* The location of the server's database @name. */
static char *
server_uri (const char *name)
{
  const char *query = strchr (server_base (), '?');

  return g_strdup_printf ("postgresql:///%s%s", name, query != NULL ? query : "");
}

/* Runs @sql on the server's database @name ("postgres" for the server's
 * own), as a separate program would. */
static void
run_sql (const char *name,
         const char *sql)
{
  g_autofree char *uri = server_uri (name);
  PGconn *conn;
  PGresult *result;

  conn = PQconnectdb (uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* A new, empty database on the server, and its location. */
static char *
new_empty_database (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("server_%u_%u", (guint) getpid (), ++counter);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);

  run_sql ("postgres", create);
  return server_uri (name);
}

static char *
database_name (const char *location)
{
  const char *start = location + strlen ("postgresql:///");
  const char *end = strchr (start, '?');

  return g_strndup (start, end != NULL ? (gsize) (end - start) : strlen (start));
}

static PdDatabase *
new_database (char **location)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  *location = new_empty_database ();
  g_assert_true (pd_database_setup_server (*location, &error));
  g_assert_no_error (error);
  db = pd_database_open (*location, &error);
  g_assert_no_error (error);
  g_assert_true (pd_database_is_shared (db));
  return db;
}

static void
test_setup_refuses_what_is_not_empty (void)
{
  g_autofree char *location = new_empty_database ();
  g_autofree char *name = database_name (location);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;

  /* An empty database is not opened as if it held records. */
  db = pd_database_open (location, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "server setup"));
  g_clear_error (&error);

  /* Another program's tables are refused, and left as they are. */
  run_sql (name, "CREATE TABLE invoices (id integer PRIMARY KEY, total integer);"
                 "INSERT INTO invoices VALUES (1, 250)");
  g_assert_false (pd_database_setup_server (location, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  db = pd_database_open (location, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  run_sql (name, "DO $$ BEGIN IF (SELECT total FROM invoices) <> 250 OR"
                 " to_regclass ('members') IS NOT NULL THEN RAISE 'changed'; END IF; END $$");
}

static void
test_setup_once (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pd_database_get_version (db), ==, PD_SCHEMA_VERSION);
  g_assert_false (pd_database_setup_server (location, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autofree char *name = database_name (location);
  g_autoptr(PdDatabase) again = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&db);
  run_sql (name, "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  again = pd_database_open (location, &error);
  g_assert_null (again);
  g_assert_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA);
  g_clear_error (&error);
  run_sql (name, "DO $$ BEGIN IF (SELECT value FROM meta WHERE key = 'schema_version') <> '99'"
                 " THEN RAISE 'changed'; END IF; END $$");
}

/* ":name" parameters, not "::type" casts or colons in quoted text. */
static void
test_parameters (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db,
                            "SELECT :n::bigint + 1, 'at 10:42 :n', CAST (:text AS TEXT),"
                            " CAST (:text AS TEXT) IS NULL, :half::float8 * 2, :n::bigint = 41",
                            &error);
  g_assert_no_error (error);
  pd_statement_bind_int64 (stmt, "n", 41);
  pd_statement_bind_text (stmt, "text", "Zoë's");
  pd_statement_bind_double (stmt, "half", 0.75);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpint (pd_statement_get_int64 (stmt, 0), ==, 42);
  g_assert_cmpstr (pd_statement_get_text (stmt, 1), ==, "at 10:42 :n");
  g_assert_cmpstr (pd_statement_get_text (stmt, 2), ==, "Zoë's");
  g_assert_false (pd_statement_get_boolean (stmt, 3));
  g_assert_cmpfloat (pd_statement_get_double (stmt, 4), ==, 1.5);
  g_assert_true (pd_statement_get_boolean (stmt, 5));
  g_assert_true (pd_statement_finish (stmt, &error));

  /* NULL travels as NULL. */
  pd_statement_bind_text (stmt, "text", NULL);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_true (pd_statement_is_null (stmt, 2));
  g_assert_true (pd_statement_get_boolean (stmt, 3));
  g_assert_true (pd_statement_finish (stmt, &error));
}

/* A refused write in a transaction undoes itself only, as in SQLite; the
 * transaction's other writes stand, or all go with a rollback. */
/* As in SQLite, the rows a write changed are counted, and a read's rows
 * are not: a read counted as a change made the role be read again at every
 * check, two waits for the server each. */
static void
test_reads_are_not_changes (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) update = NULL;
  g_autoptr(PdStatement) read = NULL;
  guint rows = 0;

  update = pd_database_query (db, "UPDATE visit_purposes SET label = label", &error);
  g_assert_no_error (error);
  g_assert_true (pd_statement_execute (update, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_statement_get_changes (update), >, 1);

  g_assert_true (pd_database_exec (db, "UPDATE visit_purposes SET label = label WHERE id = -1",
                                   &error));
  read = pd_database_query (db, "SELECT id FROM visit_purposes", &error);
  g_assert_no_error (error);
  while (pd_statement_next (read))
    rows++;
  g_assert_true (pd_statement_finish (read, &error));
  g_assert_cmpuint (rows, >, 1);
  g_assert_cmpint (pd_statement_get_changes (read), ==, 0);
}

static void
test_refused_write_in_transaction (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  const char *insert = "INSERT INTO meta (key, value) VALUES (:key, 'x')";

  transaction = pd_database_begin_transaction (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PdStatement) stmt = pd_database_query (db, insert, &error);
      gboolean ok;

      g_assert_no_error (error);
      pd_statement_bind_text (stmt, "key", i == 1 ? "application" : i == 0 ? "t_one" : "t_two");
      ok = pd_statement_execute (stmt, &error);
      if (i == 1)
        {
          g_assert_false (ok);
          g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
          g_clear_error (&error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpint (pd_statement_get_changes (stmt), ==, 1);
        }
    }
  g_assert_true (pd_transaction_commit (transaction, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_query_int (db, "SELECT count (*) FROM meta WHERE key LIKE 't_%'"), ==, 2);

  /* An uncommitted transaction leaves nothing. */
  {
    g_autoptr(PdTransaction) undone = pd_database_begin_transaction (db, &error);

    g_assert_true (pd_database_exec (db, "DELETE FROM meta WHERE key LIKE 't_%'", &error));
  }
  g_assert_cmpint (pd_test_query_int (db, "SELECT count (*) FROM meta WHERE key LIKE 't_%'"), ==, 2);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_changed (PdDatabase *db,
            const char *table,
            gpointer    data)
{
  GPtrArray *tables = data;

  g_ptr_array_add (tables, g_strdup (table));
}

static void
on_online_changed (PdDatabase *db,
                   gpointer    data)
{
  (*(guint *) data)++;
}

/* Runs the main loop until @done or 15 s have passed. */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer  data)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (15, timeout_cb, &timed_out);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
}

static gboolean
has_tables (gpointer data)
{
  return ((GPtrArray *) data)->len > 0;
}

/* What another desk writes reaches this one by itself, as change signals
 * for the lists; this connection's own writes do not come back twice. */
static void
test_other_desks_changes (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autoptr(PdDatabase) other = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean waited = FALSE;
  guint timeout;

  other = pd_database_open (location, &error);
  g_assert_no_error (error);
  pd_database_watch_others (db, TRUE);
  g_signal_connect (db, "changed", G_CALLBACK (on_changed), tables);

  g_assert_true (pd_database_set_meta (db, "report_site", "Upstairs", &error));
  timeout = g_timeout_add (1500, timeout_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  (void) timeout;
  g_assert_cmpuint (tables->len, ==, 0);

  g_assert_true (pd_database_set_meta (other, "report_site", "Front room", &error));
  g_assert_no_error (error);
  wait_for (has_tables, tables);
  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_cmpstr (tables->pdata[0], ==, "report_settings");
  g_assert_cmpstr (pd_database_get_meta (db, "report_site"), ==, "Front room");
}

/* The server's folder and how to run its programs, from the wrapper. */
static void
server_ctl (const char *action)
{
  const char *dir = g_getenv ("PD_TEST_POSTGRESQL_DIR");
  g_autofree char *command = NULL;
  int status = 0;

  g_assert_nonnull (dir);
  command = g_strdup_printf ("%s/control %s", dir, action);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
one_change (gpointer data)
{
  return *(guint *) data >= 1;
}

static gboolean
two_changes (gpointer data)
{
  return *(guint *) data >= 2;
}

/* Losing the server: a write is refused as such and leaves nothing half
 * done; the connection comes back by itself once the server is back. */
static void
test_losing_the_server (void)
{
  g_autofree char *location = NULL;
  g_autoptr(PdDatabase) db = new_database (&location);
  g_autoptr(GError) error = NULL;
  guint n_online_changes = 0;

  pd_database_watch_others (db, TRUE);
  g_signal_connect (db, "online-changed", G_CALLBACK (on_online_changed), &n_online_changes);
  g_assert_true (pd_database_set_meta (db, "report_site", "Before", &error));

  server_ctl ("stop");
  g_assert_false (pd_database_set_meta (db, "report_site", "During", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_false (pd_database_is_online (db));
  wait_for (one_change, &n_online_changes);
  g_assert_false (pd_database_is_online (db));
  g_assert_cmpuint (n_online_changes, ==, 1);

  server_ctl ("start");
  wait_for (two_changes, &n_online_changes);
  g_assert_true (pd_database_is_online (db));
  g_assert_cmpuint (n_online_changes, ==, 2);
  g_assert_cmpstr (pd_database_get_meta (db, "report_site"), ==, "Before");
  g_assert_true (pd_database_set_meta (db, "report_site", "After", &error));
  g_assert_no_error (error);
}

static void
test_connection_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *missing = NULL;

  missing = server_uri ("no_such_database");
  db = pd_database_open (missing, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  db = pd_database_open ("postgresql:///peerdesk?host=/nonexistent&port=5", &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_OFFLINE);
  g_clear_error (&error);

  /* A password written in the address is never repeated. */
  db = pd_database_open ("postgresql://desk:s3cret@/peerdesk?host=/nonexistent", &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "s3cret"));
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add_func ("/server/setup-refuses-what-is-not-empty", test_setup_refuses_what_is_not_empty);
  g_test_add_func ("/server/setup-once", test_setup_once);
  g_test_add_func ("/server/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/server/parameters", test_parameters);
  g_test_add_func ("/server/reads-are-not-changes", test_reads_are_not_changes);
  g_test_add_func ("/server/refused-write-in-transaction", test_refused_write_in_transaction);
  g_test_add_func ("/server/other-desks-changes", test_other_desks_changes);
  g_test_add_func ("/server/connection-errors", test_connection_errors);
  g_test_add_func ("/server/losing-the-server", test_losing_the_server);

  return g_test_run ();
}
