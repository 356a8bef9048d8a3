/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-test-core.h"

/* Folders and databases for the tests of the core and of the programs. */

static gboolean isolated;

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

/* Opens the database at @path, creating it if there is none. */
PdDatabase *
pd_test_open_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db = pd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

/* A new database, peerdesk.db in @dir, whose path goes to @path unless it
 * is NULL. */
PdDatabase *
pd_test_new_database (const char  *dir,
                      char       **path)
{
  g_autofree char *db_path = g_build_filename (dir, "peerdesk.db", NULL);

  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
  if (path != NULL)
    *path = g_strdup (db_path);
  return pd_test_open_database (db_path);
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
