/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-test-core.h"

/* "PDK1", the application id Peerdesk writes into its database header. */
#define PEERDESK_APPLICATION_ID 0x50444b31

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "peerdesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pd_test_clear_dir (&fixture->dir);
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

  if (pd_test_skip_unless_sqlite ("the file, its folder and its log must be private"))
    return;

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

  if (pd_test_skip_unless_sqlite ("the modes of a new file and of a folder that is there"))
    return;

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
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *journal_mode = NULL;
  sqlite3 *handle;

  if (pd_test_skip_unless_sqlite ("the PRAGMA settings of a new file"))
    return;

  db = pd_database_open (fixture->path, &error);
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

/* One migration a schema version, each with SQL in it, and none beyond
 * the version this build writes. */
static void
test_migrations_complete (void)
{
  for (int version = 1; version <= PD_SCHEMA_VERSION + 1; version++)
    {
      g_autoptr(GBytes) migration = pd_database_get_migration (version);

      if (version > PD_SCHEMA_VERSION)
        {
          g_assert_null (migration);
          continue;
        }
      g_assert_nonnull (migration);
      g_assert_nonnull (strstr (g_bytes_get_data (migration, NULL), ";"));
    }
}

static void
test_migrations (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *expected = NULL;

  if (pd_test_skip_unless_sqlite ("files of every older schema version are migrated"))
    return;

  expected = fresh_schema (fixture->dir);
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
  g_autofree char *expected = NULL;
  g_autofree char *schema = NULL;

  if (pd_test_skip_unless_sqlite ("an empty file left by an interrupted first start"))
    return;

  expected = fresh_schema (fixture->dir);
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
  g_autoptr(PdDatabase) db = pd_test_open_database (fixture->path);
  g_autofree char *value = NULL;
  g_autofree char *first_name = NULL;

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

  db = pd_test_open_database (fixture->path);
  value = pd_database_get_meta (db, "centre");
  g_assert_cmpstr (value, ==, "Harbour Light");
  first_name = pd_test_query_text (db, "SELECT first_name FROM members WHERE number = 'M-000001'");
  g_assert_cmpstr (first_name, ==, "Ana");
  g_assert_cmpint (pd_test_query_int (db, "SELECT count(*) FROM members"), ==, 1);
}

/* What another program reading @path sees: the output of the sqlite3
 * command-line shell, which opens the file and closes it again. */
static char *
other_program_query (const char *path,
                     const char *sql)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", path, sql, NULL };
  g_autofree char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

/* The app keeps a second connection for its report worker. Opening it must
 * not drop the locks of the first (closing any descriptor of the file does,
 * in POSIX), or another program that opens and closes the database takes
 * the write-ahead log away from under the app: the app's later writes go
 * to a deleted file, invisible to others and lost when it quits. */
static void
test_second_connection_keeps_locks (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) app = NULL;
  g_autoptr(PdDatabase) worker = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *seen = NULL;
  g_autofree char *check = NULL;
  g_autofree char *after = NULL;

  if (pd_test_skip_unless_sqlite ("SQLite's file locks and write-ahead log"))
    return;

  app = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (app, "before", "1", &error));
  g_assert_no_error (error);

  worker = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_free (other_program_query (fixture->path, "SELECT count(*) FROM meta"));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_true (pd_database_set_meta (app, "after", "2", &error));
  g_assert_no_error (error);
  seen = other_program_query (fixture->path,
                              "SELECT group_concat(key, ',') FROM meta"
                              " WHERE key IN ('before', 'after') ORDER BY key");
  g_assert_cmpstr (seen, ==, "after,before");

  g_clear_object (&worker);
  g_clear_object (&app);
  check = other_program_query (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  after = other_program_query (fixture->path, "SELECT value FROM meta WHERE key = 'after'");
  g_assert_cmpstr (after, ==, "2");
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

  if (pd_test_skip_unless_sqlite ("a file whose PRAGMA user_version is newer"))
    return;

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

  if (pd_test_skip_unless_sqlite ("a text file that is not a database"))
    return;

  g_file_set_contents (fixture->path, text, -1, &error);
  g_assert_no_error (error);
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
test_refuse_other_program (Fixture       *fixture,
                           gconstpointer  user_data)
{
  if (pd_test_skip_unless_sqlite ("a file made by another program"))
    return;

  exec_directly (fixture->path,
                 "CREATE TABLE recipes (name TEXT, minutes INTEGER);"
                 "INSERT INTO recipes VALUES ('bread', 180);");
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
test_refuse_other_program_empty (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  if (pd_test_skip_unless_sqlite ("a file made by another program"))
    return;

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

  if (pd_test_skip_unless_sqlite ("a file with a damaged page"))
    return;

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

  if (pd_test_skip_unless_sqlite ("a truncated file"))
    return;

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

/* Another program writes, and copies its log back into a longer file,
 * between the first look at the file and the check of its length (which
 * is all that is checked of a file checked in full before, unchanged
 * since its last closing): the file is whole, and must not be called cut
 * short. */
static void
test_grown_meanwhile (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) other = NULL;
  g_autofree char *database_id = NULL;
  gboolean verified = FALSE;
  gint64 checked_at = 0;
  GStatBuf before, after;

  if (pd_test_skip_unless_sqlite ("the length of a database file"))
    return;

  create_filled_database (fixture->path);
  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);

  /* The other program: checked in full as it opens, it writes more pages
   * and copies its log back into the file as it closes. */
  other = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_database_begin (other, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *key = g_strdup_printf ("more-%04u", i);

      g_assert_true (pd_database_set_meta (other, key, "another program's longer value, which "
                                           "needs pages of its own", &error));
    }
  g_assert_true (pd_database_commit (other, &error));
  g_assert_no_error (error);
  g_clear_object (&other);
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_assert_cmpint (after.st_size, >, before.st_size);

  g_assert_true (pd_database_file_check (fixture->path, &before, PD_SCHEMA_VERSION,
                                         PD_DATABASE_OPEN_EXISTING, FALSE, &verified,
                                         &database_id, &checked_at, &error));
  g_assert_no_error (error);
  g_assert_cmpint (checked_at, >, 0);
}

static char *
sqlite_check (const char *path,
              const char *pragma)
{
  sqlite3 *db = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  result = query_text (db, pragma);
  sqlite3_close (db);
  return result;
}

/* Hides an index from SQLite, adds a member it does not hear of, then
 * shows the index again: it now lacks that member. */
static void
damage_index (const char *path)
{
  g_autofree char *index_sql = NULL;
  g_autofree char *restore = NULL;
  sqlite3 *db = NULL;
  int rootpage;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  index_sql = query_text (db, "SELECT sql FROM sqlite_master WHERE name = 'members_by_sort_key'");
  rootpage = query_int (db, "SELECT rootpage FROM sqlite_master WHERE name = 'members_by_sort_key'");
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                 "DELETE FROM sqlite_master WHERE name = 'members_by_sort_key'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  exec_directly (path,
                 "INSERT INTO members (number, first_name, joined_date, created_at, updated_at,"
                 " sort_key) VALUES ('M-000002', 'Ben', '2024-01-02', '2024-01-02T10:00:00Z',"
                 " '2024-01-02T10:00:00Z', 'ben\t')");
  restore = sqlite3_mprintf ("PRAGMA writable_schema = ON;"
                             "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql)"
                             " VALUES ('index', 'members_by_sort_key', 'members', %d, %Q)",
                             rootpage, index_sql);
  exec_directly (path, restore);
  sqlite3_free (g_steal_pointer (&restore));
}

/* An index that lacks a row of its table hides that member from every list
 * that reads through it; SQLite's quick_check does not compare indexes with
 * their tables, so it calls such a file intact. */
static void
test_refuse_damaged_index (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *quick = NULL;
  g_autofree char *full = NULL;

  if (pd_test_skip_unless_sqlite ("a file with a damaged index"))
    return;

  create_filled_database (fixture->path);
  exec_directly (fixture->path,
                 "INSERT INTO members (number, first_name, joined_date, created_at, updated_at,"
                 " sort_key) VALUES ('M-000001', 'Ana', '2024-01-02', '2024-01-02T10:00:00Z',"
                 " '2024-01-02T10:00:00Z', 'ana\t')");

  damage_index (fixture->path);

  quick = sqlite_check (fixture->path, "PRAGMA quick_check");
  full = sqlite_check (fixture->path, "PRAGMA integrity_check");
  g_assert_cmpstr (quick, ==, "ok");
  g_assert_cmpstr (full, !=, "ok");

  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (pd_database_verify_finish (PD_DATABASE (source), result, error));
  g_assert_nonnull (*error);
}

/* A database too large to check in full at every opening is checked while
 * the desk works; damage found then stops every write. */
static void
test_verify_large (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;

  if (pd_test_skip_unless_sqlite ("the check of a large file's pages"))
    return;

  create_database (fixture->path);
  exec_directly (fixture->path,
                 "INSERT INTO members (number, first_name, joined_date, created_at, updated_at,"
                 " sort_key) VALUES ('M-000001', 'Ana', '2024-01-02', '2024-01-02T10:00:00Z',"
                 " '2024-01-02T10:00:00Z', 'ana\t');"
                 "INSERT INTO meta VALUES ('padding', zeroblob (72 * 1024 * 1024));");
  damage_index (fixture->path);

  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (pd_database_is_damaged (db));

  pd_database_verify_async (db, NULL, on_verified_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_true (pd_database_is_damaged (db));
  g_clear_error (&error);

  g_assert_false (pd_database_begin (db, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
}

/* Opens @path and returns when its contents last passed a full check. */
static gint64
open_checked_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (pd_database_is_damaged (db));
  return pd_database_get_checked_at (db);
}

/* A file checked in full is not read in full again at the next opening
 * while it is as the program left it; a change behind the program's back
 * (even one that puts the modification time back), and a week, bring the
 * full check back, and damage is still found. */
static void
test_check_remembered (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *records = g_build_filename (g_get_user_state_dir (), "peerdesk",
                                               "checked-databases", NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;
  gint64 first, again, week_ago;
  GStatBuf before, after;

  if (pd_test_skip_unless_sqlite ("the remembered full check of a file"))
    return;

  create_filled_database (fixture->path);

  first = open_checked_at (fixture->path);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (open_checked_at (fixture->path), ==, first);
  /* Written to in between, by the program itself. */
  {
    g_autoptr(PdDatabase) db = pd_database_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (pd_database_set_meta (db, "key-0001", "changed here", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (open_checked_at (fixture->path), ==, first);

  /* Another program rewrites a row in place and sets the time back. */
  g_assert_cmpint (g_stat (fixture->path, &before), ==, 0);
  exec_directly (fixture->path, "UPDATE meta SET value = 'changed there' WHERE key = 'key-0001'");
  g_assert_cmpint (utimensat (AT_FDCWD, fixture->path,
                              (struct timespec[]) { before.st_atim, before.st_mtim }, 0), ==, 0);
  g_assert_cmpint (g_stat (fixture->path, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
  again = open_checked_at (fixture->path);
  g_assert_cmpint (again, >, first);
  g_assert_cmpint (open_checked_at (fixture->path), ==, again);

  /* A week later, it is checked again. */
  g_assert_true (g_key_file_load_from_file (keys, records, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  groups = g_key_file_get_groups (keys, NULL);
  g_assert_cmpuint (g_strv_length (groups), ==, 1);
  week_ago = g_get_real_time () - 7 * G_TIME_SPAN_DAY - G_TIME_SPAN_MINUTE;
  g_key_file_set_int64 (keys, groups[0], "checked", week_ago);
  g_assert_true (g_key_file_save_to_file (keys, records, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_checked_at (fixture->path), >, again);

  /* Damage behind its back is found. */
  damage_index (fixture->path);
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
  assert_refused (fixture->path, PD_ERROR_NOT_DATABASE);
}

/* Copies the database and its log as a crash would leave them, while
 * @db still has them open. */
static void
copy_as_crashed (const char *from,
                 const char *to)
{
  static const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *source = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *target = g_strconcat (to, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents_full (target, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
      g_assert_no_error (error);
    }
}

static void
write_in_transaction (PdDatabase *db,
                      const char *key,
                      const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, key, value, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
}

/* After a crash, the log beside the database holds its last transactions,
 * which must come back. */
static void
test_own_wal_after_crash (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *live = g_build_filename (fixture->dir, "live.db", NULL);
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *value = NULL;

  if (pd_test_skip_unless_sqlite ("the write-ahead log a crash leaves"))
    return;

  db = pd_database_open (live, &error);
  g_assert_no_error (error);
  write_in_transaction (db, "last-check-in", "Ana at 10:02");
  copy_as_crashed (live, fixture->path);
  g_clear_object (&db);

  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  value = pd_database_get_meta (db, "last-check-in");
  g_assert_cmpstr (value, ==, "Ana at 10:02");
}

/* A log copied beside another centre's database must not be replayed into
 * it. */
static void
test_refuse_foreign_wal (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *crashed = g_build_filename (fixture->dir, "crashed.db", NULL);
  g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (pd_test_skip_unless_sqlite ("a write-ahead log of another file"))
    return;

  create_filled_database (fixture->path);
  before = file_checksum (fixture->path);

  db = pd_database_open (other, &error);
  g_assert_no_error (error);
  write_in_transaction (db, "centre", "Northside");
  copy_as_crashed (other, crashed);
  g_clear_object (&db);

  g_file_get_contents (crashed_wal, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_file_set_contents_full (wal, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  db = pd_database_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "-wal"));

  after = file_checksum (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A newer database left with a log after a crash is refused, and closing
 * the connection that found out must not copy the log into it. */
static void
test_refuse_newer_with_wal (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *live = g_build_filename (fixture->dir, "live.db", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", PD_SCHEMA_VERSION + 1);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal_after = NULL;
  g_autoptr(PdDatabase) db = NULL;
  sqlite3 *newer = NULL;

  if (pd_test_skip_unless_sqlite ("a newer version kept in the write-ahead log"))
    return;

  create_database (live);
  g_assert_cmpint (sqlite3_open (live, &newer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (newer, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (newer, "INSERT INTO meta VALUES ('from-the-future', 'yes')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  copy_as_crashed (live, fixture->path);
  sqlite3_close (newer);

  before = file_checksum (fixture->path);
  wal_before = file_checksum (wal);
  db = pd_database_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA);

  after = file_checksum (fixture->path);
  wal_after = file_checksum (wal);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (wal_after, ==, wal_before);
}

/* Damage SQLite finds after the database was opened stops every write, so
 * that it cannot spread over records that are still intact. */
static void
test_damage_stops_writes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *garbage = NULL;
  sqlite3_stmt *stmt;
  gsize length;
  guint page_size;
  int fd;
  int rc;

  if (pd_test_skip_unless_sqlite ("a file damaged while open"))
    return;

  create_filled_database (fixture->path);
  page_size = page_size_of (fixture->path);
  db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (pd_database_is_damaged (db));

  /* The disk fails under the open database. The descriptor stays open
   * until the database is closed, as closing it would drop its locks. */
  fd = g_open (fixture->path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  length = lseek (fd, 0, SEEK_END);
  garbage = g_malloc (page_size / 4);
  memset (garbage, 0xa5, page_size / 4);
  for (gsize offset = page_size; offset + page_size <= length; offset += page_size)
    g_assert_cmpint (pwrite (fd, garbage, page_size / 4, offset + page_size / 2), ==,
                     page_size / 4);

  stmt = pd_database_prepare (db, "SELECT count(*) FROM meta", &error);
  g_assert_no_error (error);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, !=, SQLITE_ROW);
  pd_database_set_error (db, &error);
  sqlite3_reset (stmt);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "backup"));
  g_clear_error (&error);
  g_assert_true (pd_database_is_damaged (db));

  g_assert_false (pd_database_begin (db, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  g_assert_false (pd_database_exec (db, "CREATE TABLE later (x)", &error));
  g_assert_nonnull (error);

  g_clear_object (&db);
  close (fd);
}

/* Commands that only read must not turn a mistyped or empty file into a
 * new database. */
static void
test_open_existing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  GStatBuf st;

  if (pd_test_skip_unless_sqlite ("a missing or empty file"))
    return;

  db = pd_database_open_full (fixture->path, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING,
                              &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_file_set_contents (fixture->path, "", 0, &error);
  g_assert_no_error (error);
  db = pd_database_open_full (fixture->path, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING,
                              &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_clear_error (&error);

  /* Not a file at all. */
  db = pd_database_open (fixture->dir, &error);
  g_assert_null (db);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
}

/* Whether a transaction is open, which SQLite tells; a server keeps that
 * to itself. */
static void
assert_in_transaction (PdDatabase *db,
                       gboolean    open)
{
  if (pd_test_is_postgresql ())
    return;
  g_assert_cmpint (!sqlite3_get_autocommit (pd_database_get_handle (db)), ==, open);
}

static void
test_transaction_rollback (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_test_open_database (fixture->path);
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
  assert_in_transaction (db, FALSE);

  /* The next transaction starts from scratch and is kept. */
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "kept", "yes", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = pd_test_open_database (fixture->path);
  g_assert_null (pd_database_get_meta (db, "left"));
  value = pd_database_get_meta (db, "kept");
  g_assert_cmpstr (value, ==, "yes");
}

static void
test_transaction_nested (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = pd_test_open_database (fixture->path);
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
  assert_in_transaction (db, TRUE);

  /* ...and one that succeeds is kept with the outer one. */
  g_assert_true (pd_database_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (db, "inner", "1", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  assert_in_transaction (db, TRUE);

  g_assert_true (pd_database_commit (db, &error));
  g_assert_no_error (error);
  assert_in_transaction (db, FALSE);
  g_clear_object (&db);

  db = pd_test_open_database (fixture->path);
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
  g_autoptr(PdDatabase) db = pd_test_open_database (fixture->path);
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
  g_autoptr(PdDatabase) db = NULL;
  sqlite3 *blocker = NULL;
  gint64 start;

  if (pd_test_skip_unless_sqlite ("SQLite's write lock held by another connection"))
    return;

  db = pd_database_open (fixture->path, &error);
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
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database/create/private", test_create_private);
  ADD ("/database/create/existing-folder", test_create_existing_folder);
  ADD ("/database/create/settings", test_create_settings);
  g_test_add_func ("/database/migrations/complete", test_migrations_complete);
  ADD ("/database/migrations/every-version", test_migrations);
  ADD ("/database/migrations/empty-file", test_migrate_empty_file);
  ADD ("/database/reopen", test_reopen);
  ADD ("/database/second-connection-keeps-locks", test_second_connection_keeps_locks);
  ADD ("/database/refuse/newer", test_refuse_newer);
  ADD ("/database/refuse/text", test_refuse_text);
  ADD ("/database/refuse/other-program", test_refuse_other_program);
  ADD ("/database/refuse/other-program-empty", test_refuse_other_program_empty);
  ADD ("/database/refuse/damaged-page", test_refuse_damaged_page);
  ADD ("/database/refuse/truncated", test_refuse_truncated);
  ADD ("/database/grown-meanwhile", test_grown_meanwhile);
  ADD ("/database/refuse/damaged-index", test_refuse_damaged_index);
  ADD ("/database/refuse/foreign-wal", test_refuse_foreign_wal);
  ADD ("/database/refuse/newer-with-wal", test_refuse_newer_with_wal);
  ADD ("/database/own-wal-after-crash", test_own_wal_after_crash);
  ADD ("/database/damage-stops-writes", test_damage_stops_writes);
  ADD ("/database/verify-large", test_verify_large);
  ADD ("/database/check-remembered", test_check_remembered);
  ADD ("/database/open-existing", test_open_existing);
  ADD ("/database/transaction/rollback", test_transaction_rollback);
  ADD ("/database/transaction/nested", test_transaction_nested);
  ADD ("/database/changed-signal", test_changed_signal);
  ADD ("/database/busy", test_busy);

#undef ADD

  return g_test_run ();
}
