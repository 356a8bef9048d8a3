/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "pd-database.h"
#include "pd-database-busy.h"
#include "pd-error.h"

/* "PDK1", the application id Peerdesk writes into its database header. */
#define PEERDESK_APPLICATION_ID 0x50444b31

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "peerdesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every table, index, trigger and virtual table, with the SQL that made it. */
static char *
dump_schema (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, sql FROM sqlite_master ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%s|%s\n",
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2)
                              ? (const char *) sqlite3_column_text (stmt, 2) : "");
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Runs @sql on @path with SQLite alone, as another program would. */
static void
exec_directly (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
create_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
}

/* A Peerdesk database with enough rows to span several pages. */
static void
create_filled_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%04u", i);
      g_autofree char *value = g_strdup_printf ("a value long enough to fill pages, number %u", i);

      g_assert_true (pd_database_set_meta (db, key, value, &error));
      g_assert_no_error (error);
    }
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpuint (buf.st_mode & 0777, ==, mode);
}

static void
test_create_private (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "data", "peerdesk", NULL);
  g_autofree char *path = g_build_filename (folder, "peerdesk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  db = pd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpstr (pd_database_get_path (db), ==, path);

  /* The umask set in main() would give 0644 and 0755: the records of the
   * members must be readable by their owner only. */
  assert_mode (path, 0600);
  assert_mode (folder, 0700);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_mode (wal, 0600);
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  assert_mode (shm, 0600);
}

static void
test_create_existing_folder (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;

  /* A folder that already exists is someone else's to set up. */
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_mode (fixture->path, 0600);
  assert_mode (fixture->dir, 0755);
}

static void
test_create_settings (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);
  g_autofree char *journal_mode = NULL;
  sqlite3 *handle;

  g_assert_no_error (error);
  handle = pd_database_get_handle (db);

  journal_mode = query_text (handle, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (handle, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (handle, "PRAGMA user_version"), ==, PD_SCHEMA_VERSION);
  g_assert_cmpint (query_int (handle, "PRAGMA application_id"), ==, PEERDESK_APPLICATION_ID);
  g_assert_cmpint (pd_database_get_version (db), ==, PD_SCHEMA_VERSION);
  g_assert_cmpint (query_int (handle, "SELECT count(*) FROM members"), ==, 0);
}

static char *
fresh_schema (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(PdDatabase) db = pd_database_open (path, &error);

  g_assert_no_error (error);
  return dump_schema (pd_database_get_handle (db));
}

static void
test_migrations (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *expected = fresh_schema (fixture->dir);

  g_assert_nonnull (strstr (expected, "|members|"));

  for (int version = 0; version < PD_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdDatabase) db = NULL;
      g_autofree char *name = g_strdup_printf ("from-%d.db", version);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *schema = NULL;

      g_test_message ("Migrating from version %d", version);

      db = pd_database_open_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pd_database_get_version (db), ==, version);
      g_assert_cmpint (query_int (pd_database_get_handle (db), "PRAGMA user_version"), ==,
                       version);
      g_clear_object (&db);

      db = pd_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pd_database_get_version (db), ==, PD_SCHEMA_VERSION);
      g_assert_cmpint (query_int (pd_database_get_handle (db), "PRAGMA user_version"), ==,
                       PD_SCHEMA_VERSION);
      g_assert_cmpint (query_int (pd_database_get_handle (db), "PRAGMA application_id"), ==,
                       PEERDESK_APPLICATION_ID);
      schema = dump_schema (pd_database_get_handle (db));
      g_assert_cmpstr (schema, ==, expected);
    }
}

static void
test_migrate_empty_file (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *expected = fresh_schema (fixture->dir);
  g_autofree char *schema = NULL;

  /* An empty file is what a first start leaves when it is interrupted. */
  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);

  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  schema = dump_schema (pd_database_get_handle (db));
  g_assert_cmpstr (schema, ==, expected);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);
  g_autofree char *value = NULL;
  g_autofree char *first_name = NULL;

  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "centre", "Harbour Light", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_exec (db,
                                   "INSERT INTO members (number, first_name, joined_date,"
                                   " created_at, updated_at, sort_key)"
                                   " VALUES ('M-000001', 'Ana', '2024-01-02',"
                                   " '2024-01-02T10:00:00Z', '2024-01-02T10:00:00Z', 'ana\t')",
                                   &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  value = pd_database_get_meta (db, "centre");
  g_assert_cmpstr (value, ==, "Harbour Light");
  first_name = query_text (pd_database_get_handle (db),
                           "SELECT first_name FROM members WHERE number = 'M-000001'");
  g_assert_cmpstr (first_name, ==, "Ana");
  g_assert_cmpint (query_int (pd_database_get_handle (db), "SELECT count(*) FROM members"), ==, 1);
}

/* Opening @path must fail with @code and leave every byte of it as it was. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;

  db = pd_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, code);
  g_test_message ("Refused: %s", error->message);
  /* The person must be told which file it is. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (pd_error_is_users (error));

  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);

  /* A second attempt must not find a file changed by the first one. */
  g_clear_error (&error);
  db = pd_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, code);
  g_clear_pointer (&after, g_free);
  after = file_checksum (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", PD_SCHEMA_VERSION + 1);

  create_database (fixture->path);
  exec_directly (fixture->path, sql);
  assert_refused (fixture->path, PD_ERROR_NEWER_SCHEMA);
}

static void
test_refuse_text (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *text = "number,first_name,last_name\nM-000001,Ana,Lima\n"
                     "M-000002,Ben,Okafor\nM-000003,Chloé,Martin\n";

  g_file_set_contents (fixture->path, text, -1, &error);
  g_assert_no_error (error);
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
test_refuse_other_program (Fixture       *fixture,
                           gconstpointer  user_data)
{
  exec_directly (fixture->path,
                 "CREATE TABLE recipes (name TEXT, minutes INTEGER);"
                 "INSERT INTO recipes VALUES ('bread', 180);");
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
test_refuse_other_program_empty (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  /* No tables yet, but its version says it belongs to someone else. */
  exec_directly (fixture->path, "PRAGMA user_version = 7");
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static guint
page_size_of (const char *path)
{
  sqlite3 *db = NULL;
  guint page_size;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  page_size = query_int (db, "PRAGMA page_size");
  sqlite3_close (db);
  return page_size;
}

/* What SQLite itself says of the file, so that the test knows the damage
 * is real and not in unused space. */
static gboolean
sqlite_finds_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean intact = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    intact = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return intact;
}

static void
test_refuse_damaged_page (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint page_size;

  create_filled_database (fixture->path);
  g_assert_true (sqlite_finds_intact (fixture->path));
  page_size = page_size_of (fixture->path);

  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4 * page_size);

  /* Garbage over the second half of page 2, where its cells are, as a
   * failing disk would leave it. */
  memset (contents + page_size + page_size / 2, 0xa5, page_size / 4);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_false (sqlite_finds_intact (fixture->path));

  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
test_refuse_truncated (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint page_size;

  create_filled_database (fixture->path);
  g_assert_true (sqlite_finds_intact (fixture->path));
  page_size = page_size_of (fixture->path);

  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4 * page_size);

  /* A copy cut short, as an interrupted transfer leaves it. */
  g_file_set_contents (fixture->path, contents, 2 * page_size + page_size / 2, &error);
  g_assert_no_error (error);
  g_assert_false (sqlite_finds_intact (fixture->path));

  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
test_transaction_rollback (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);

  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "left", "behind", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "inner", "too", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  pd_database_rollback (db);

  g_assert_null (pd_database_get_meta (db, "left"));
  g_assert_null (pd_database_get_meta (db, "inner"));
  g_assert_true (sqlite3_get_autocommit (pd_database_get_handle (db)));

  /* The next transaction starts from scratch and is kept. */
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "kept", "yes", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (pd_database_get_meta (db, "left"));
  value = pd_database_get_meta (db, "kept");
  g_assert_cmpstr (value, ==, "yes");
}

static void
test_transaction_nested (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;

  g_assert_no_error (error);

  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "outer", "1", &error));
  g_assert_no_error (error);

  /* An inner step that fails is undone alone... */
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "discarded", "1", &error));
  g_assert_no_error (error);
  pd_database_rollback (db);
  g_assert_false (sqlite3_get_autocommit (pd_database_get_handle (db)));

  /* ...and one that succeeds is kept with the outer one. */
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "inner", "1", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_false (sqlite3_get_autocommit (pd_database_get_handle (db)));

  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (pd_database_get_handle (db)));
  g_clear_object (&db);

  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  outer = pd_database_get_meta (db, "outer");
  inner = pd_database_get_meta (db, "inner");
  g_assert_cmpstr (outer, ==, "1");
  g_assert_cmpstr (inner, ==, "1");
  g_assert_null (pd_database_get_meta (db, "discarded"));
}

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               GPtrArray  *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static void
test_changed_signal (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);

  /* Lists listen with a detail: each hears about its own table only. */
  g_signal_connect (db, "changed::members", G_CALLBACK (on_changed_cb), members);
  g_signal_connect (db, "changed", G_CALLBACK (on_changed_cb), all);

  pd_database_notify_changed (db, "members");
  pd_database_notify_changed (db, "visits");

  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (members, 0), ==, "members");
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (all, 1), ==, "visits");
}

/* A write while another program holds the write lock fails with its own
 * code, after the wait the caller chose, and leaves nothing behind. */
static void
test_busy (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);
  sqlite3 *blocker = NULL;
  gint64 start;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &blocker, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  pd_database_set_busy_wait (db, 100);
  start = g_get_monotonic_time ();
  g_assert_false (pd_database_set_meta (db, "busy", "yes", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_true (pd_error_is_users (error));
  g_clear_error (&error);
  g_assert_false (pd_database_begin (db, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (blocker, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (pd_database_set_meta (db, "busy", "no", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_close (blocker), ==, SQLITE_OK);
}

int
main (int   argc,
      char *argv[])
{
  umask (022);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database/create/private", test_create_private);
  ADD ("/database/create/existing-folder", test_create_existing_folder);
  ADD ("/database/create/settings", test_create_settings);
  ADD ("/database/migrations/every-version", test_migrations);
  ADD ("/database/migrations/empty-file", test_migrate_empty_file);
  ADD ("/database/reopen", test_reopen);
  ADD ("/database/refuse/newer", test_refuse_newer);
  ADD ("/database/refuse/text", test_refuse_text);
  ADD ("/database/refuse/other-program", test_refuse_other_program);
  ADD ("/database/refuse/other-program-empty", test_refuse_other_program_empty);
  ADD ("/database/refuse/damaged-page", test_refuse_damaged_page);
  ADD ("/database/refuse/truncated", test_refuse_truncated);
  ADD ("/database/transaction/rollback", test_transaction_rollback);
  ADD ("/database/transaction/nested", test_transaction_nested);
  ADD ("/database/changed-signal", test_changed_signal);
  ADD ("/database/busy", test_busy);

#undef ADD

  return g_test_run ();
}
