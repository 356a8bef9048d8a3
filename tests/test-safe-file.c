/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-member.h"
#include "pd-members.h"
#include "pd-safe-file.h"
#include "pd-test-core.h"

typedef struct
{
  char *dir;
  char *db_path;
  PdDatabase *db;
} Fixture;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static char *
list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* What list_dir() gives for a folder holding the files @names and the
 * database, whose file and the two SQLite keeps beside it are there on
 * SQLite only. */
static char *
expected_listing (const char *names)
{
  g_auto(GStrv) words = g_strsplit (names, " ", -1);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  const char *database_files[] = { "peerdesk.db", "peerdesk.db-shm", "peerdesk.db-wal" };

  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (all, words[i]);
  if (!pd_test_is_postgresql ())
    for (guint i = 0; i < G_N_ELEMENTS (database_files); i++)
      g_ptr_array_add (all, (gpointer) database_files[i]);
  g_ptr_array_sort (all, compare_names);
  g_ptr_array_add (all, NULL);
  return g_strjoinv (" ", (char **) all->pdata);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
assert_database_intact (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  if (!pd_test_is_postgresql ())
    {
      sqlite3_stmt *stmt = pd_database_prepare (f->db, "PRAGMA integrity_check", &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
      sqlite3_reset (stmt);
    }
  g_assert_cmpint (pd_members_count (f->db, &error), ==, 1);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();

  f->dir = pd_test_make_dir ();
  f->db = pd_test_new_database (f->dir, &f->db_path);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  g_assert_true (pd_members_insert (f->db, member, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  pd_test_clear_dir (&f->dir);
  g_free (f->db_path);
}

/* Written in full, private, and nothing left beside it. */
static void
test_commit (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = expected_listing ("out.csv");
  g_autoptr(PdSafeFile) file = NULL;
  struct stat st;

  write_file (path, "earlier");
  file = pd_safe_file_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_safe_file_write (file, "a,b\n", 4, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "earlier");
  g_clear_pointer (&contents, g_free);

  g_assert_true (pd_safe_file_commit (file, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "a,b\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, expected);
}

static gboolean
refuse_cb (const char  *tmp_path,
           gpointer     user_data,
           GError     **error)
{
  g_autofree char *contents = read_file (tmp_path);

  /* The check sees the whole file, before it has the destination's name. */
  g_assert_cmpstr (contents, ==, "<report/>");
  *(gboolean *) user_data = TRUE;
  g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED, "not valid");
  return FALSE;
}

/* A file its check refuses never takes the destination's place. */
static void
test_commit_checked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *expected = expected_listing ("report.xml");
  PdSafeFile *file;
  gboolean checked = FALSE;

  write_file (path, "earlier");
  file = pd_safe_file_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_safe_file_write (file, "<report/>", 9, &error));
  g_assert_false (pd_safe_file_commit_checked (file, refuse_cb, &checked, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
  g_assert_true (checked);
  pd_safe_file_free (file);

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "earlier");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, expected);
}

static void
assert_refused (Fixture    *f,
                const char *path,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSafeFile) file = NULL;
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;

  g_test_message ("%s", path);
  file = pd_safe_file_new (path, &error);
  g_assert_null (file);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, what));
  g_assert_nonnull (strstr (error->message, "choose another file name"));
  after = list_dir (f->dir);
  g_assert_cmpstr (before, ==, after);
}

/* The open database, by any name, and the files SQLite keeps beside it. */
static void
test_refuse_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *hard_link = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *symlink_path = g_build_filename (f->dir, "sub", "link.csv", NULL);
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (f->db_path, "-journal", NULL);
  g_autofree char *via_sub = g_build_filename (f->dir, "sub", "..", "peerdesk.db", NULL);

  if (pd_test_skip_unless_sqlite ("exports must not replace the open database's file"))
    return;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (link (f->db_path, hard_link), ==, 0);
  g_assert_cmpint (symlink (f->db_path, symlink_path), ==, 0);

  assert_refused (f, f->db_path, "is the Peerdesk database itself");
  assert_refused (f, via_sub, "is the Peerdesk database itself");
  assert_refused (f, hard_link, "is the Peerdesk database itself");
  assert_refused (f, symlink_path, "is the Peerdesk database itself");
  assert_refused (f, wal, "-wal");
  assert_refused (f, shm, "-shm");
  /* Not there in WAL mode, but SQLite would take it for a hot journal. */
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_refused (f, journal, "-journal");

  g_assert_cmpint (g_chdir (sub), ==, 0);
  assert_refused (f, "../peerdesk.db", "is the Peerdesk database itself");
  assert_refused (f, "link.csv", "is the Peerdesk database itself");
  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  assert_refused (f, "peerdesk.db", "is the Peerdesk database itself");
  assert_refused (f, "./peerdesk.db-wal", "-wal");
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  assert_database_intact (f);
  g_assert_true (g_file_test (symlink_path, G_FILE_TEST_IS_SYMLINK));
}

/* Once closed, the file is no longer one this process has open; it is
 * still a database, which no export replaces (another program, the app,
 * may have it open). */
static void
test_closed_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSafeFile) file = NULL;

  if (pd_test_skip_unless_sqlite ("exports must not replace a closed database's file"))
    return;

  g_clear_object (&f->db);
  file = pd_safe_file_new (f->db_path, &error);
  g_assert_null (file);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is a database"));
  g_assert_null (strstr (error->message, "itself"));
}

/* rename() would put a regular file in place of a pipe or a folder. */
static void
test_refuse_special (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = expected_listing ("folder pipe");
  PdSafeFile *file;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (f, fifo, "is not an ordinary file");
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  file = pd_safe_file_new (folder, &error);
  g_assert_null (file);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);

  /* A folder made while the file was written is not replaced either, and
   * the written file goes. */
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  file = pd_safe_file_new (folder, &error);
  g_assert_no_error (error);
  g_assert_true (pd_safe_file_write (file, "x", 1, &error));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (pd_safe_file_commit (file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  pd_safe_file_free (file);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, expected);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

static pid_t
dead_pid (void)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  /* The child runs another program at once, so it ends without taking
   * its copy of the open database down with it. */
  if (pid == 0)
    {
      execl ("/bin/true", "true", (char *) NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  return pid;
}

/* A killed export leaves its temporary file: the next one in that folder
 * removes it, and only it. */
static void
test_stale_files (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSafeFile) file = NULL;
  pid_t dead = dead_pid ();
  g_autofree char *stale_name = g_strdup_printf (".members.csv.peerdesk-%ld-a1B2c3", (long) dead);
  g_autofree char *stale = g_build_filename (f->dir, stale_name, NULL);
  g_autofree char *alive_name = g_strdup_printf (".x.json.peerdesk-%ld-a1B2c3", (long) getppid ());
  g_autofree char *alive = g_build_filename (f->dir, alive_name, NULL);
  g_autofree char *other_name = g_strdup_printf (".notes.peerdesk-%ld-a1B2c3.txt", (long) dead);
  g_autofree char *other = g_build_filename (f->dir, other_name, NULL);
  g_autofree char *plain = g_build_filename (f->dir, ".members.csv.a1B2c3", NULL);
  g_autofree char *folder_name = g_strdup_printf (".d.peerdesk-%ld-a1B2c3", (long) dead);
  g_autofree char *folder = g_build_filename (f->dir, folder_name, NULL);
  g_autofree char *path = g_build_filename (f->dir, "visits.csv", NULL);

  write_file (stale, "Ana,confidential");
  write_file (alive, "in the making");
  write_file (other, "kept");
  write_file (plain, "kept");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  file = pd_safe_file_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (alive, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (plain, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  assert_database_intact (f);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/safe-file/commit", test_commit);
  ADD ("/safe-file/commit-checked", test_commit_checked);
  ADD ("/safe-file/refuse/database", test_refuse_database);
  ADD ("/safe-file/refuse/closed-database", test_closed_database);
  ADD ("/safe-file/refuse/special", test_refuse_special);
  ADD ("/safe-file/stale-files", test_stale_files);

#undef ADD

  return g_test_run ();
}
