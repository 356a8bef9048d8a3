/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-test-core.h"

/* Folders and databases for the tests of the core and of the programs.
 *
 * The tests run on SQLite files, and again on a PostgreSQL server that
 * tests/pd-test-postgresql.sh starts for one test program and names in
 * PD_TEST_POSTGRESQL. There every database a test makes or opens by a
 * file's path is a database of its own on that server. */

#define SERVER_SCHEME "postgresql:///"

static gboolean isolated;

/* The databases made on the server: the URIs and file paths the tests
 * know them by, each to its database's name. */
static GHashTable *server_databases;
static guint n_server_databases;

/* The server the tests run on, a URI without a database name, or NULL
 * for SQLite files. */
static const char *
server_location (void)
{
  const char *location = g_getenv ("PD_TEST_POSTGRESQL");

  return location != NULL && *location != '\0' ? location : NULL;
}

/* Whether the tests run on a PostgreSQL server rather than SQLite files. */
gboolean
pd_test_is_postgresql (void)
{
  return server_location () != NULL;
}

/* Skips the running test when the tests run on PostgreSQL, saying that it
 * is about SQLite files and @why; whether it did, in which case the test
 * returns at once. */
gboolean
pd_test_skip_unless_sqlite (const char *why)
{
  g_autofree char *message = NULL;

  g_assert_nonnull (why);
  if (!pd_test_is_postgresql ())
    return FALSE;
  message = g_strdup_printf ("This test is about SQLite database files: %s", why);
  g_test_skip (message);
  return TRUE;
}

/* Starts a test program whose tests each get folders of their own
 * (home, data, state…) that GLib empties when the test ends, so that
 * nothing a test writes outside its folder reaches the next one or the
 * account running the tests. */
void
pd_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  isolated = TRUE;
}

/* A new, empty folder of the running test's own, inside the folders
 * pd_test_init() isolates, which only the account running the tests can
 * open; pd_test_clear_dir() removes it. */
char *
pd_test_make_dir (void)
{
  g_autofree char *template = NULL;
  char *dir;

  g_assert_true (isolated);
  g_assert_nonnull (g_test_get_path ());
  g_assert_cmpstr (g_test_get_path (), !=, "");

  /* The test's home lies among its isolated folders and is made on demand. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  template = g_build_filename (g_get_home_dir (), "peerdesk-test-XXXXXX", NULL);
  dir = g_mkdtemp_full (g_steal_pointer (&template), 0700);
  g_assert_nonnull (dir);
  return dir;
}

/* A new, empty folder for what several tests share, such as a database
 * made once and copied for each test: the isolated folders of a test go
 * when it ends, so this one is in the temporary folder, named after the
 * program, and the program removes it with pd_test_clear_dir(). */
char *
pd_test_make_shared_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", program);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Runs @sql, which returns no rows, in the server's own database. */
static void
run_on_server (const char *sql)
{
  const char *keywords[] = { "dbname", "dbname", NULL };
  const char *values[] = { server_location (), "postgres", NULL };
  PGconn *conn;
  PGresult *result;

  /* The first dbname is read as the server's URI, the second names the
   * database within it. */
  conn = PQconnectdbParams (keywords, values, TRUE);
  g_assert_cmpstr (PQerrorMessage (conn), ==, "");
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpstr (PQresultErrorMessage (result), ==, "");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);
}

/* The URI of the database @name on the test server. */
static char *
server_database_uri (const char *name)
{
  const char *server = server_location ();

  g_assert_true (g_str_has_prefix (server, SERVER_SCHEME));
  return g_strconcat (SERVER_SCHEME, name, server + strlen (SERVER_SCHEME), NULL);
}

/* Makes a database on the test server, empty or a copy of the database
 * @template; its name. Copying the files of the template skips writing
 * them to the server's log, which the cluster thrown away after the tests
 * has no use for. */
static char *
make_server_database (const char *template)
{
  g_autofree char *sql = NULL;
  char *name = g_strdup_printf ("pd_test_%d_%u", (int) getpid (), ++n_server_databases);

  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s STRATEGY = FILE_COPY",
                         name, template != NULL ? template : "template0");
  run_on_server (sql);
  return name;
}

/* Remembers that the tests know the database @name by @key. */
static void
remember_server_database (const char *key,
                          const char *name)
{
  if (server_databases == NULL)
    server_databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (server_databases, g_strdup (key), g_strdup (name));
}

/* The name of the server database the tests know by @location, a URI or
 * a file's path, or NULL if there is none yet. */
static const char *
find_server_database (const char *location)
{
  return server_databases != NULL ? g_hash_table_lookup (server_databases, location) : NULL;
}

/* A new database on the test server with Peerdesk's tables, as a centre
 * sets one up; its URI. */
static char *
new_server_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = make_server_database (NULL);
  char *uri = server_database_uri (name);

  g_assert_true (pd_database_setup_server (uri, &error));
  g_assert_no_error (error);
  remember_server_database (uri, name);
  return uri;
}

/* Where the database the tests know by @path is: @path itself on SQLite
 * or for a URI; on PostgreSQL, for a file's path, a database on the
 * server, made the first time the path is used and the same one after. */
static char *
database_location (const char *path)
{
  const char *name;
  g_autofree char *uri = NULL;

  if (!pd_test_is_postgresql () || pd_database_location_is_server (path))
    return g_strdup (path);

  /* A file that is there is a test's own SQLite file, which it must not
   * take for the server's. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("%s is a file, but the tests run on PostgreSQL: a test about SQLite files "
             "calls pd_test_skip_unless_sqlite()", path);

  name = find_server_database (path);
  if (name != NULL)
    return server_database_uri (name);
  uri = new_server_database ();
  remember_server_database (path, find_server_database (uri));
  return g_steal_pointer (&uri);
}

/* Opens the database at @path, creating it if there is none; on
 * PostgreSQL, a file's path stands for a database of its own on the
 * server, made by the first call. */
PdDatabase *
pd_test_open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = database_location (path);
  PdDatabase *db = pd_database_open (location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* A new database, peerdesk.db in @dir or, on PostgreSQL, a new database
 * on the server, whose path or URI goes to @path unless it is NULL. */
PdDatabase *
pd_test_new_database (const char  *dir,
                      char       **path)
{
  g_autofree char *location = NULL;

  if (pd_test_is_postgresql ())
    location = new_server_database ();
  else
    location = g_build_filename (dir, "peerdesk.db", NULL);

  g_assert_false (g_file_test (location, G_FILE_TEST_EXISTS));
  if (path != NULL)
    *path = g_strdup (location);
  return pd_test_open_database (location);
}

/* Copies the database at @from, which no one has open, to @to, where there
 * is none: the file, or on PostgreSQL the server's database, which then
 * stands for @to as pd_test_open_database() does. */
void
pd_test_copy_database (const char *from,
                       const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_false (g_file_test (to, G_FILE_TEST_EXISTS));
  if (pd_test_is_postgresql ())
    {
      g_autofree char *name = NULL;

      g_assert_nonnull (find_server_database (from));
      g_assert_null (find_server_database (to));
      name = make_server_database (find_server_database (from));
      remember_server_database (to, name);
      return;
    }

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  g_assert_no_error (error);
}

/* Removes @path and, if it is a folder, all it holds; a symbolic link is
 * removed, never followed. */
void
pd_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          pd_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Removes the folder at *@dir with all it holds, frees the path and sets
 * it to NULL; nothing happens if it is NULL already. */
void
pd_test_clear_dir (char **dir)
{
  if (*dir == NULL)
    return;
  pd_test_remove_tree (*dir);
  g_assert_false (g_file_test (*dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (dir, g_free);
}

/* The first column of the one row @sql reads, which must be there. */
static PdStatement *
query_row (PdDatabase *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  return g_steal_pointer (&stmt);
}

/* The number the one row of @sql holds, such as a count. */
gint64
pd_test_query_int (PdDatabase *db,
                   const char *sql)
{
  g_autoptr(PdStatement) stmt = query_row (db, sql);

  return pd_statement_get_int64 (stmt, 0);
}

/* The text the one row of @sql holds, or NULL. */
char *
pd_test_query_text (PdDatabase *db,
                    const char *sql)
{
  g_autoptr(PdStatement) stmt = query_row (db, sql);

  return pd_statement_dup_text (stmt, 0);
}

/* Runs @sql on the desk's own connection rather than the signed-in staff
 * member's: on a server, where the staff roles may not read what the test
 * checks (the hashes), a new connection as the test's own superuser; on a
 * file, @db itself. */
PdDatabase *
pd_test_open_as_desk (PdDatabase *db)
{
  if (!pd_database_is_shared (db))
    return g_object_ref (db);
  return pd_test_open_database (pd_database_get_path (db));
}

gint64
pd_test_query_int_as_desk (PdDatabase *db,
                           const char *sql)
{
  g_autoptr(PdDatabase) desk = pd_test_open_as_desk (db);

  return pd_test_query_int (desk, sql);
}

char *
pd_test_query_text_as_desk (PdDatabase *db,
                            const char *sql)
{
  g_autoptr(PdDatabase) desk = pd_test_open_as_desk (db);

  return pd_test_query_text (desk, sql);
}

/* Adds a staff account, as whoever is signed in; the first director's
 * turns sign-in on. */
void
pd_test_add_staff (PdDatabase *db,
                   const char *name,
                   PdRole      role,
                   const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_staff_add (db, name, role, passphrase, &error));
  g_assert_no_error (error);
}

/* Signs @name in with a passphrase or PIN that must be right. */
void
pd_test_sign_in (PdDatabase *db,
                 const char *name,
                 const char *secret)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_staff_sign_in (db, name, secret, &error));
  g_assert_no_error (error);
}

/* Turns sign-in on with director @name, who is then signed in. */
void
pd_test_sign_in_director (PdDatabase *db,
                          const char *name,
                          const char *passphrase)
{
  pd_test_add_staff (db, name, PD_ROLE_DIRECTOR, passphrase);
  pd_test_sign_in (db, name, passphrase);
}

/* An account as another desk would have left it, with no passphrase,
 * written below the staff functions; its id. */
gint64
pd_test_insert_staff (PdDatabase *db,
                      const char *name,
                      const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db,
                            "INSERT INTO staff (name, role, created_at)"
                            " VALUES (:name, :role, 1)", &error);
  g_assert_no_error (error);
  pd_statement_bind_text (stmt, "name", name);
  pd_statement_bind_text (stmt, "role", role);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  return pd_statement_get_inserted_id (stmt);
}

/* Makes the database act for the account @id as signing in would, with
 * no passphrase asked. */
void
pd_test_act_as (PdDatabase *db,
                gint64      id,
                const char *name,
                PdRole      role)
{
  PdStaff *staff = g_new0 (PdStaff, 1);

  staff->id = id;
  staff->name = g_strdup (name);
  staff->role = role;
  pd_database_take_staff (db, staff);
}
