/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

#include "pd-database-private.h"
#include "pd-backup.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-test-core.h"

#define PASSPHRASE "correct horse battery staple"

/* Every table, and the full-text index. */
static const char *snapshot_queries[] = {
  "SELECT * FROM meta ORDER BY key",
  "SELECT * FROM members ORDER BY id",
  "SELECT * FROM visit_purposes ORDER BY id",
  "SELECT * FROM visits ORDER BY id",
  "SELECT * FROM volunteer_roles ORDER BY id",
  "SELECT * FROM volunteers ORDER BY id",
  "SELECT * FROM volunteer_role_links ORDER BY volunteer_id, role_id",
  "SELECT * FROM groups ORDER BY id",
  "SELECT * FROM sessions ORDER BY id",
  "SELECT * FROM attendance ORDER BY session_id, member_id",
  "SELECT * FROM hours ORDER BY id",
  "SELECT * FROM supervision ORDER BY id",
  "SELECT * FROM training_domains ORDER BY id",
  "SELECT * FROM courses ORDER BY id",
  "SELECT * FROM course_domains ORDER BY course_id, domain_id",
  "SELECT * FROM completions ORDER BY id",
  "SELECT * FROM credentials ORDER BY id",
  "SELECT rowid FROM members_fts WHERE members_fts MATCH 'a*' ORDER BY rowid",
};

static char *template_dir;
static char *template_path;

typedef struct
{
  char *dir;
  char *db_path;
  char *backup_dir;
  char *keep_dir;
  PdDatabase *db;
} Fixture;

static char *
snapshot_handle (sqlite3 *db)
{
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (snapshot_queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, snapshot_queries[q], -1, &stmt, NULL), ==,
                       SQLITE_OK);
      g_string_append_printf (out, "== %s\n", snapshot_queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *value = (const char *) sqlite3_column_text (stmt, i);

              g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", value ? value : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

static char *
snapshot (PdDatabase *db)
{
  return snapshot_handle (pd_database_get_handle (db));
}

/* The rows of a file, read without writing to it. */
static char *
snapshot_file (const char *path)
{
  sqlite3 *db = NULL;
  char *out;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  out = snapshot_handle (db);
  sqlite3_close (db);
  return out;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
count_rows (PdDatabase *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (pd_database_get_handle (db), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @path, hidden ones too, sorted and joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Whether the temporary folder holds nothing of ours: every plain copy
 * made for encrypting or decrypting is removed afterwards. */
static gboolean
no_private_leftovers (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "peerdesk-"))
      return FALSE;
  return TRUE;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  g_assert_no_error (error);
}

/* A demo database made once and copied for each test. */
static const char *
dup_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  PdDemoOptions options = { .n_members = 40, .seed = 3, .n_years = 1 };

  if (template_path != NULL)
    return template_path;

  template_dir = pd_test_make_shared_dir ();
  template_path = g_build_filename (template_dir, "template.db", NULL);
  db = pd_test_open_database (template_path);
  g_assert_true (pd_demo_fill (db, &options, &error));
  g_assert_no_error (error);
  /* Closing it folds the write-ahead log into the one file copied. */
  g_assert_finalize_object (g_steal_pointer (&db));
  return template_path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pd_test_make_dir ();
  f->db_path = g_build_filename (f->dir, "peerdesk.db", NULL);
  f->backup_dir = g_build_filename (f->dir, "backups", NULL);
  f->keep_dir = g_build_filename (f->dir, "kept", NULL);
  copy_file (dup_template (), f->db_path);
  f->db = pd_test_open_database (f->db_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->db != NULL)
    g_assert_finalize_object (f->db);
  pd_test_clear_dir (&f->dir);
  g_free (f->db_path);
  g_free (f->backup_dir);
  g_free (f->keep_dir);
}

static char *
make_backup (Fixture    *f,
             const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  char *path = pd_backup_create (f->db, f->backup_dir, passphrase, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

/* Overwrites the middle fifth of a closed database with other bytes:
 * b-tree pages the integrity check must find. */
static void
damage_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 40 * 4096);
  for (gsize i = length * 2 / 5; i < length * 3 / 5; i++)
    contents[i] = (char) (i * 7 + 13);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  g_assert_no_error (error);
}

static void
test_create_every_row (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = snapshot (f->db);
  g_autofree char *path = make_backup (f, NULL);
  g_autofree char *copied = snapshot_file (path);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_cmpint (count_rows (f->db, "members"), ==, 40);
  g_assert_cmpint (count_rows (f->db, "visits"), >, 0);
  g_assert_cmpint (count_rows (f->db, "attendance"), >, 0);
  g_assert_cmpstr (copied, ==, before);

  g_assert_true (g_str_has_prefix (basename, "peerdesk-"));
  g_assert_true (g_str_has_suffix (basename, ".db"));
  g_assert_cmpuint (strlen (basename), ==, strlen ("peerdesk-2026-01-01-000000.db"));
  g_assert_true (pd_backup_is_backup_name (basename));
}

static void
test_create_private_and_checked (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = make_backup (f, NULL);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *mode = query_text (path, "PRAGMA journal_mode");
  g_autofree char *check = query_text (path, "PRAGMA integrity_check");
  g_autofree char *app_id = query_text (path, "PRAGMA application_id");
  g_autofree char *names = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->backup_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* One file, whole by itself, with nothing left beside it. */
  g_assert_cmpstr (mode, ==, "delete");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpstr (app_id, ==, "1346652977");
  names = list_dir (f->backup_dir);
  g_assert_cmpstr (names, ==, basename);
}

/* A backup made in the same second as the one before is given its own
 * name, never the other's. */
static void
test_create_same_second (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *previous = make_backup (f, NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *path = make_backup (f, NULL);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *previous_base = g_path_get_basename (previous);

      g_assert_cmpstr (path, !=, previous);
      if (strncmp (base, previous_base, strlen ("peerdesk-2026-01-01-000000")) == 0)
        {
          g_autofree char *check = query_text (path, "PRAGMA integrity_check");

          g_assert_true (g_str_has_suffix (base, "-2.db") || g_str_has_suffix (base, "-3.db") ||
                         g_str_has_suffix (base, "-4.db"));
          g_assert_cmpstr (check, ==, "ok");
          return;
        }
      g_free (previous);
      previous = g_steal_pointer (&path);
    }
  g_test_skip ("no two backups were made in the same second");
}

/* A cancelled backup leaves nothing behind. */
static void
test_create_cancelled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;

  g_cancellable_cancel (cancellable);
  path = pd_backup_create (f->db, f->backup_dir, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
  names = list_dir (f->backup_dir);
  g_assert_cmpstr (names, ==, "");
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
create_async (const char  *db_path,
              const char  *dir,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pd_backup_create_async (db_path, dir, NULL, NULL, on_created, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pd_backup_create_finish (result, error);
}

static void
test_create_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->db);
  g_autofree char *path = create_async (f->db_path, f->backup_dir, &error);
  g_autofree char *copied = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (path);
  copied = snapshot_file (path);
  g_assert_cmpstr (copied, ==, before);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A copy of a damaged database fails its check: no backup is left, and
 * no half-made file either. */
static void
test_create_damaged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;

  g_assert_finalize_object (g_steal_pointer (&f->db));
  damage_pages (f->db_path);

  /* pd_database_open refuses a damaged file; the worker opens its own
   * connection. */
  path = create_async (f->db_path, f->backup_dir, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_null (path);
  names = list_dir (f->backup_dir);
  g_assert_cmpstr (names, ==, "");
}

static void
touch (const char *dir,
       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, &error));
  g_assert_no_error (error);
}

/* What a backup killed half-way left is removed by a later one, once it
 * is surely no backup under way. */
static void
test_create_stale_work (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *stale = g_build_filename (f->backup_dir, ".peerdesk-work-AbC123", NULL);
  g_autofree char *fresh = g_build_filename (f->backup_dir, ".peerdesk-work-XyZ789", NULL);
  g_autofree char *path = NULL;
  struct utimbuf times;

  g_assert_cmpint (g_mkdir_with_parents (stale, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fresh, 0700), ==, 0);
  touch (stale, "peerdesk.db");
  touch (fresh, "peerdesk.db");
  times.actime = times.modtime = time (NULL) - 7 * 3600;
  g_assert_cmpint (g_utime (stale, &times), ==, 0);

  path = make_backup (f, NULL);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_IS_DIR));
}

/* 2026-12-06 is a Sunday: its week began on Monday 2026-11-30. */
static void
test_rotate (Fixture       *f,
             gconstpointer  data)
{
  static const char *kept[] = {
    "peerdesk-2026-12-06-110000.db",        /* today */
    "peerdesk-2026-12-05-230000-2.db",      /* yesterday, made after the one below */
    "peerdesk-2026-12-01-080000.db",        /* 5 days ago */
    "peerdesk-2026-11-30-100000.db",        /* 6 days ago */
    "peerdesk-2026-11-29-100000.db",        /* the newest of last week */
    "peerdesk-2026-11-16-100000.db",        /* 2 weeks ago */
    "peerdesk-2026-11-10-100000.db",        /* 3 weeks ago */
    "peerdesk-2026-10-15-100000.db",        /* the newest of October */
    "peerdesk-2026-01-20-100000.db",        /* 11 months ago */
    "peerdesk-2027-01-01-000000.db",        /* after today: a clock set wrong */
    "peerdesk-2026-12-06-100000.pdbackup",  /* encrypted: rotated apart from the others */
    "peerdesk-2026-03-01-100000.pdbackup",
    "peerdesk-before-restore-2020-01-01-000000.db",
  };
  static const char *removed[] = {
    "peerdesk-2026-12-06-090000.db",        /* an older one of today */
    "peerdesk-2026-12-05-230000.db",
    "peerdesk-2026-11-24-100000.db",        /* older in its week, not the newest of November */
    "peerdesk-2026-11-02-100000.db",
    "peerdesk-2026-10-03-100000.db",
    "peerdesk-2025-12-31-100000.db",        /* 12 months ago */
    "peerdesk-2025-06-01-100000.pdbackup",
    "peerdesk-2026-03-01-090000.pdbackup",
  };
  static const char *foreign[] = {
    "peerdesk.db",
    "peerdesk-2026-13-01-000000.db",
    "peerdesk-2020-02-30-000000.db",
    "peerdesk-2020-01-01-250000.db",
    "peerdesk-2020-01-01-000000.db.txt",
    "peerdesk-2020-01-01-000000-1.db",
    "peerdesk-2020-01-01-000000-02.db",
    "peerdesk-2020-01-01-000000.DB",
    "peerdesk-2020-01-01-000000-x.db",
    "Peerdesk-2020-01-01-000000.db",
    "my-peerdesk-2020-01-01-000000.db",
    "notes.txt",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 6, 12, 0, 0);
  g_autofree char *folder = g_build_filename (f->backup_dir, "peerdesk-2019-01-01-000000.db",
                                              NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autofree char *expected_names = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    touch (f->backup_dir, kept[i]);
  for (guint i = 0; i < G_N_ELEMENTS (removed); i++)
    touch (f->backup_dir, removed[i]);
  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      touch (f->backup_dir, foreign[i]);
      g_assert_false (pd_backup_is_backup_name (foreign[i]));
    }

  g_assert_true (pd_backup_rotate (f->backup_dir, now, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_ptr_array_add (expected, (gpointer) kept[i]);
  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    g_ptr_array_add (expected, (gpointer) foreign[i]);
  g_ptr_array_add (expected, "peerdesk-2019-01-01-000000.db");
  g_ptr_array_sort (expected, compare_names);
  g_ptr_array_add (expected, NULL);
  expected_names = g_strjoinv (" ", (char **) expected->pdata);
  names = list_dir (f->backup_dir);
  g_assert_cmpstr (names, ==, expected_names);

  /* A second rotation on the same day finds nothing more to remove. */
  g_assert_true (pd_backup_rotate (f->backup_dir, now, &error));
  g_free (names);
  names = list_dir (f->backup_dir);
  g_assert_cmpstr (names, ==, expected_names);
}

/* The newest backup is kept however old it is: a computer unused for two
 * years still has its last backup. */
static void
test_rotate_keeps_newest (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 6, 12, 0, 0);
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->backup_dir, 0700), ==, 0);
  touch (f->backup_dir, "peerdesk-2024-03-01-100000.db");
  touch (f->backup_dir, "peerdesk-2024-02-01-100000.db");
  g_assert_true (pd_backup_rotate (f->backup_dir, now, &error));
  g_assert_no_error (error);
  names = list_dir (f->backup_dir);
  g_assert_cmpstr (names, ==, "peerdesk-2024-03-01-100000.db");
}

static void
test_rotate_missing_dir (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (pd_backup_rotate (f->backup_dir, now, &error));
  g_assert_no_error (error);
  list = pd_backup_list (f->backup_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_null (pd_backup_newest (f->backup_dir));
  g_assert_false (g_file_test (f->backup_dir, G_FILE_TEST_EXISTS));
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) newest = NULL;
  g_autofree char *plain = make_backup (f, NULL);
  g_autofree char *sealed = make_backup (f, PASSPHRASE);
  gint64 n_members = count_rows (f->db, "members");
  gint64 n_visits = count_rows (f->db, "visits");
  PdBackupInfo *info;
  GStatBuf st;

  touch (f->backup_dir, "notes.txt");
  touch (f->backup_dir, "peerdesk-2020-01-01-000000-0.db");

  list = pd_backup_list (f->backup_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      info = g_ptr_array_index (list, i);
      g_assert_cmpint (g_stat (info->path, &st), ==, 0);
      g_assert_cmpint (info->size, ==, st.st_size);
      g_assert_nonnull (info->created);
      if (g_str_equal (info->path, plain))
        {
          g_assert_false (info->encrypted);
          g_assert_cmpint (info->n_members, ==, n_members);
          g_assert_cmpint (info->n_visits, ==, n_visits);
        }
      else
        {
          g_assert_cmpstr (info->path, ==, sealed);
          g_assert_true (info->encrypted);
          g_assert_cmpint (info->n_members, ==, -1);
          g_assert_cmpint (info->n_visits, ==, -1);
        }
    }
  /* Newest first. */
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (g_date_time_compare (info->created,
                                        ((PdBackupInfo *) g_ptr_array_index (list, 1))->created),
                   >=, 0);
  newest = pd_backup_newest (f->backup_dir);
  g_assert_nonnull (newest);
  g_assert_true (g_date_time_equal (newest, info->created));

  g_clear_pointer (&list, g_ptr_array_unref);
  list = pd_backup_list (f->backup_dir, PASSPHRASE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      info = g_ptr_array_index (list, i);
      g_assert_cmpint (info->n_members, ==, n_members);
      g_assert_cmpint (info->n_visits, ==, n_visits);
    }
  g_assert_true (no_private_leftovers ());
}

/* A backup one of whose tables cannot be read still shows the count of
 * the other. */
static void
test_list_partial_counts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *plain = make_backup (f, NULL);
  gint64 n_visits = count_rows (f->db, "visits");
  sqlite3 *db = NULL;
  PdBackupInfo *info;

  g_assert_cmpint (n_visits, >, 0);
  g_assert_cmpint (sqlite3_open_v2 (plain, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF; DROP TABLE members", NULL, NULL,
                                 NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  list = pd_backup_list (f->backup_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpstr (info->path, ==, plain);
  g_assert_cmpint (info->n_members, ==, -1);
  g_assert_cmpint (info->n_visits, ==, n_visits);
}

static void
write_random_file (const char *path,
                   gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_malloc (length + 1);
  GRand *rand = g_rand_new_with_seed (length);

  for (gsize i = 0; i < length; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  g_assert_no_error (error);
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *contents_a = NULL;
  g_autofree char *contents_b = NULL;
  gsize length_a, length_b;

  g_assert_true (g_file_get_contents (a, &contents_a, &length_a, NULL));
  g_assert_true (g_file_get_contents (b, &contents_b, &length_b, NULL));
  g_assert_cmpmem (contents_a, length_a, contents_b, length_b);
}

static void
test_encrypt_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  /* Empty, shorter than a chunk, exactly two chunks, and some chunks and a bit. */
  static const gsize lengths[] = { 0, 1000, 2 * 65536, 3 * 65536 + 123 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *plain = g_build_filename (f->dir, "plain", NULL);
      g_autofree char *sealed = g_build_filename (f->dir, "sealed.pdbackup", NULL);
      g_autofree char *opened = g_build_filename (f->dir, "opened", NULL);
      GStatBuf st;

      write_random_file (plain, lengths[i]);
      g_assert_true (pd_backup_encrypt_file (plain, sealed, PASSPHRASE, PD_BACKUP_COST_TEST,
                                             &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (sealed, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpint (st.st_size, >, lengths[i]);

      g_assert_true (pd_backup_decrypt_file (sealed, opened, PASSPHRASE, PD_BACKUP_COST_TEST,
                                             &error));
      g_assert_no_error (error);
      assert_same_file (plain, opened);
      g_assert_cmpint (g_stat (opened, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_unlink (opened);
    }
}

/* Each way a file can be wrong, with where it is changed; the test checks
 * that each is refused with nothing written. */
typedef enum
{
  BAD_PASSPHRASE,
  BAD_FLIP,
  BAD_TRUNCATE,
  BAD_APPEND,
  BAD_COSTLIER,
} BadKind;

typedef struct
{
  const char *test_path;
  BadKind     kind;
  gssize      offset;   /* from the start, or the end when negative */
  const char *message;
} BadSealed;

#define HEADER 60
#define SEALED_CHUNK (4 + 65536 + 17)

static const BadSealed bad_sealed[] = {
  { "/backup/encrypt/refused/wrong-passphrase", BAD_PASSPHRASE, 0, "wrong passphrase" },
  { "/backup/encrypt/refused/flip/magic", BAD_FLIP, 0, "not an encrypted Peerdesk backup" },
  { "/backup/encrypt/refused/flip/version", BAD_FLIP, 8, "newer version" },
  { "/backup/encrypt/refused/flip/opslimit", BAD_FLIP, 12, "wrong passphrase" },
  { "/backup/encrypt/refused/flip/salt", BAD_FLIP, 25, "wrong passphrase" },
  { "/backup/encrypt/refused/flip/stream-header", BAD_FLIP, 50, "wrong passphrase" },
  { "/backup/encrypt/refused/flip/first-chunk", BAD_FLIP, HEADER + 100, "wrong passphrase" },
  { "/backup/encrypt/refused/flip/second-chunk", BAD_FLIP, HEADER + SEALED_CHUNK + 5,
    "was changed" },
  { "/backup/encrypt/refused/flip/last-byte", BAD_FLIP, -1, "was changed" },
  { "/backup/encrypt/refused/truncate/header", BAD_TRUNCATE, 30, "cut short" },
  { "/backup/encrypt/refused/truncate/after-header", BAD_TRUNCATE, HEADER, "cut short" },
  { "/backup/encrypt/refused/truncate/first-chunk", BAD_TRUNCATE, HEADER + 1000, "cut short" },
  { "/backup/encrypt/refused/truncate/length", BAD_TRUNCATE, HEADER + SEALED_CHUNK + 2,
    "cut short" },
  { "/backup/encrypt/refused/truncate/chunk-boundary", BAD_TRUNCATE, HEADER + SEALED_CHUNK,
    "cut short" },
  { "/backup/encrypt/refused/truncate/last-byte", BAD_TRUNCATE, -1, "cut short" },
  { "/backup/encrypt/refused/flip/first-length", BAD_FLIP, HEADER + 2, "wrong passphrase" },
  { "/backup/encrypt/refused/flip/last-length", BAD_FLIP, HEADER + 2 * SEALED_CHUNK,
    "was changed" },
  { "/backup/encrypt/refused/append/byte", BAD_APPEND, 1, "data after its end" },
  { "/backup/encrypt/refused/append/chunk", BAD_APPEND, SEALED_CHUNK, "data after its end" },
  { "/backup/encrypt/refused/costlier", BAD_COSTLIER, 0, "wrong passphrase" },
};

static void
test_encrypt_refused (Fixture       *f,
                      gconstpointer  data)
{
  const BadSealed *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = g_build_filename (f->dir, "plain", NULL);
  g_autofree char *sealed = g_build_filename (f->dir, "sealed.pdbackup", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *opened = g_build_filename (out_dir, "opened", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  const char *passphrase = PASSPHRASE;
  PdBackupCost max_cost = PD_BACKUP_COST_TEST;
  gsize length;

  write_random_file (plain, 2 * 65536 + 500);
  g_assert_true (pd_backup_encrypt_file (plain, sealed, PASSPHRASE, PD_BACKUP_COST_TEST,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sealed, &contents, &length, &error));
  g_assert_cmpuint (length, ==, HEADER + 3 * (4 + 17) + 2 * 65536 + 500);

  switch (bad->kind)
    {
    case BAD_PASSPHRASE:
      passphrase = "correct horse battery stapler";
      break;
    case BAD_FLIP:
      contents[bad->offset >= 0 ? (gsize) bad->offset : length + bad->offset] ^= 0x01;
      break;
    case BAD_TRUNCATE:
      length = bad->offset >= 0 ? (gsize) bad->offset : length + bad->offset;
      break;
    case BAD_APPEND:
      contents = g_realloc (contents, length + bad->offset);
      memset (contents + length, 0x42, bad->offset);
      length += bad->offset;
      break;
    case BAD_COSTLIER:
    default:
      g_clear_pointer (&contents, g_free);
      g_assert_true (pd_backup_encrypt_file (plain, sealed, PASSPHRASE,
                                             PD_BACKUP_COST_INTERACTIVE, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (sealed, &contents, &length, &error));
      break;
    }
  g_assert_true (g_file_set_contents (sealed, contents, length, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_assert_false (pd_backup_decrypt_file (sealed, opened, passphrase, max_cost, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, bad->message);
  names = list_dir (out_dir);
  g_assert_cmpstr (names, ==, "");
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  const char *passphrase = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->db);
  g_autofree char *path = make_backup (f, passphrase);
  g_autofree char *changed = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_rows = NULL;
  g_autofree char *journal = NULL;
  GStatBuf st;

  g_assert_true (pd_database_exec (f->db, "DELETE FROM attendance; DELETE FROM visits;"
                                   "UPDATE members SET notes = 'changed'", &error));
  g_assert_no_error (error);
  changed = snapshot (f->db);
  g_assert_cmpstr (changed, !=, before);

  g_assert_true (pd_backup_restore (f->db, path, passphrase, f->keep_dir, &kept, &error));
  g_assert_no_error (error);
  restored = snapshot (f->db);
  g_assert_cmpstr (restored, ==, before);

  /* The database as it was is kept, whole and private, to undo the restore. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, f->keep_dir));
  kept_rows = snapshot_file (kept);
  g_assert_cmpstr (kept_rows, ==, changed);
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (no_private_leftovers ());

  /* The connection goes on working, still in write-ahead-log mode. */
  g_assert_true (pd_database_exec (f->db, "UPDATE members SET notes = 'after'", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&f->db));
  journal = query_text (f->db_path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  f->db = pd_test_open_database (f->db_path);
  g_assert_cmpint (count_rows (f->db, "visits"), >, 0);
}

typedef enum
{
  REFUSE_FOREIGN,
  REFUSE_NEWER,
  REFUSE_DAMAGED,
  REFUSE_NOT_SQLITE,
  REFUSE_MISSING,
  REFUSE_NO_PASSPHRASE,
  REFUSE_WRONG_PASSPHRASE,
} Refuse;

typedef struct
{
  const char *test_path;
  Refuse      refuse;
  int         code;
} BadBackup;

static const BadBackup bad_backups[] = {
  { "/backup/restore/refused/foreign", REFUSE_FOREIGN, PD_ERROR_NOT_DATABASE },
  { "/backup/restore/refused/newer", REFUSE_NEWER, PD_ERROR_NEWER_SCHEMA },
  { "/backup/restore/refused/damaged", REFUSE_DAMAGED, PD_ERROR_NOT_DATABASE },
  { "/backup/restore/refused/not-sqlite", REFUSE_NOT_SQLITE, PD_ERROR_NOT_DATABASE },
  { "/backup/restore/refused/missing", REFUSE_MISSING, PD_ERROR_NOT_FOUND },
  { "/backup/restore/refused/no-passphrase", REFUSE_NO_PASSPHRASE, PD_ERROR_INVALID },
  { "/backup/restore/refused/wrong-passphrase", REFUSE_WRONG_PASSPHRASE, PD_ERROR_INVALID },
};

static void
test_restore_refused (Fixture       *f,
                      gconstpointer  data)
{
  const BadBackup *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->db);
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  const char *passphrase = NULL;

  switch (bad->refuse)
    {
    case REFUSE_FOREIGN:
      path = g_build_filename (f->dir, "other.db", NULL);
      {
        sqlite3 *other = NULL;

        g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE members (id INTEGER);"
                                       "INSERT INTO members VALUES (1);", NULL, NULL, NULL),
                         ==, SQLITE_OK);
        sqlite3_close (other);
      }
      break;
    case REFUSE_NEWER:
      path = make_backup (f, NULL);
      exec_sql (path, "PRAGMA user_version = 99");
      break;
    case REFUSE_DAMAGED:
      path = make_backup (f, NULL);
      damage_pages (path);
      break;
    case REFUSE_NOT_SQLITE:
      path = g_build_filename (f->dir, "notes.db", NULL);
      g_assert_true (g_file_set_contents (path, "not a database at all, just some words", -1,
                                          NULL));
      break;
    case REFUSE_MISSING:
      path = g_build_filename (f->dir, "missing.db", NULL);
      break;
    case REFUSE_NO_PASSPHRASE:
      path = make_backup (f, PASSPHRASE);
      break;
    case REFUSE_WRONG_PASSPHRASE:
    default:
      path = make_backup (f, PASSPHRASE);
      passphrase = "not the passphrase";
      break;
    }

  g_assert_false (pd_backup_restore (f->db, path, passphrase, f->keep_dir, &kept, &error));
  g_assert_error (error, PD_ERROR, bad->code);
  g_assert_true (no_private_leftovers ());
  g_assert_null (kept);
  /* Refused before anything was written: nothing kept, nothing changed. */
  g_assert_false (g_file_test (f->keep_dir, G_FILE_TEST_EXISTS));
  after = snapshot (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_finalize_object (g_steal_pointer (&f->db));
  f->db = pd_test_open_database (f->db_path);
  g_clear_pointer (&after, g_free);
  after = snapshot (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* A backup of version 2 is restored into the current version: the
 * restore brings it up to date. */
static void
test_restore_older (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) old = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;

  old = pd_database_open_at_version (old_path, 2, &error);
  g_assert_no_error (error);
  g_assert_true (pd_database_exec (old,
                                   "INSERT INTO members (number, first_name, joined_date, "
                                   "created_at, updated_at, sort_key) VALUES ('M-000900', "
                                   "'Ada', '2020-01-01', '2020-01-01T00:00:00Z', "
                                   "'2020-01-01T00:00:00Z', 'ada');", &error));
  g_assert_no_error (error);
  path = pd_backup_create (old, f->backup_dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&old));

  g_assert_true (pd_backup_restore (f->db, path, NULL, f->keep_dir, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_database_get_version (f->db), ==, PD_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (f->db, "members"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "volunteers"), ==, 0);
  g_assert_true (pd_database_exec (f->db,
                                   "INSERT INTO volunteer_roles (label, position) "
                                   "VALUES ('Cook', 9)", &error));
  g_assert_no_error (error);
}

/* A database too damaged to open is still restored, and kept as it was. */
static void
test_restore_damaged_current (Fixture       *f,
                              gconstpointer  data)
{
  gboolean header = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) opened = NULL;
  g_autofree char *before = snapshot (f->db);
  g_autofree char *path = make_backup (f, NULL);
  g_autofree char *kept = NULL;
  g_autofree char *after = NULL;

  g_assert_finalize_object (g_steal_pointer (&f->db));
  if (header)
    g_assert_true (g_file_set_contents (f->db_path, "garbage, not even a header", -1, NULL));
  else
    damage_pages (f->db_path);
  opened = pd_database_open (f->db_path, &error);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_null (opened);
  g_clear_error (&error);
  g_assert_false (pd_backup_check_database (f->db_path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  g_assert_true (pd_backup_restore_file (f->db_path, path, NULL, f->keep_dir, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_true (pd_backup_check_database (f->db_path, &error));
  g_assert_no_error (error);
  f->db = pd_test_open_database (f->db_path);
  after = snapshot (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* Restoring where there is no database yet makes one: a new computer. */
static void
test_restore_new_computer (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->db);
  g_autofree char *path = make_backup (f, NULL);
  g_autofree char *new_path = g_build_filename (f->dir, "new", "peerdesk.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PdDatabase) db = NULL;
  GStatBuf st;

  g_assert_true (pd_backup_restore_file (new_path, path, NULL, f->keep_dir, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  g_assert_cmpint (g_stat (new_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  db = pd_test_open_database (new_path);
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);

  g_assert_true (pd_backup_check_database (f->db_path, &error));
  g_assert_no_error (error);

  g_assert_false (pd_backup_check_database (missing, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    sqlite3 *other = NULL;

    g_assert_cmpint (sqlite3_open (foreign, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE t (x)", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (other);
  }
  g_assert_false (pd_backup_check_database (foreign, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&f->db));
  damage_pages (f->db_path);
  g_assert_false (pd_backup_check_database (f->db_path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

/* A backup is a copy of the database file, which a server does not have. */
static void
skip_backup (void)
{
  pd_test_skip_unless_sqlite ("backups are copies of the database file");
}

int
main (int   argc,
      char *argv[])
{
  const char *base = g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp";
  g_autofree char *tmp = g_build_filename (base, "test-backup-tmp-XXXXXX", NULL);
  int result;

  /* A temporary folder of the tests' own, set before GLib first reads
   * TMPDIR, to see what is left in it. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  pd_test_init (&argc, &argv);

  /* Each test starts from a copy of a database file. */
#define ADD(path, data, func) \
  if (pd_test_is_postgresql ()) \
    g_test_add_func (path, skip_backup); \
  else \
    g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/create/every-row", NULL, test_create_every_row);
  ADD ("/backup/create/private-and-checked", NULL, test_create_private_and_checked);
  ADD ("/backup/create/same-second", NULL, test_create_same_second);
  ADD ("/backup/create/async", NULL, test_create_async);
  ADD ("/backup/create/cancelled", NULL, test_create_cancelled);
  ADD ("/backup/create/damaged", NULL, test_create_damaged);
  ADD ("/backup/create/stale-work", NULL, test_create_stale_work);
  ADD ("/backup/rotate/dates", NULL, test_rotate);
  ADD ("/backup/rotate/keeps-newest", NULL, test_rotate_keeps_newest);
  ADD ("/backup/rotate/missing-dir", NULL, test_rotate_missing_dir);
  ADD ("/backup/list", NULL, test_list);
  ADD ("/backup/list/partial-counts", NULL, test_list_partial_counts);
  ADD ("/backup/encrypt/round-trip", NULL, test_encrypt_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (bad_sealed); i++)
    ADD (bad_sealed[i].test_path, &bad_sealed[i], test_encrypt_refused);
  ADD ("/backup/restore/plain", NULL, test_restore);
  ADD ("/backup/restore/encrypted", PASSPHRASE, test_restore);
  for (guint i = 0; i < G_N_ELEMENTS (bad_backups); i++)
    ADD (bad_backups[i].test_path, &bad_backups[i], test_restore_refused);
  ADD ("/backup/restore/older-version", NULL, test_restore_older);
  ADD ("/backup/restore/damaged-current/pages", GINT_TO_POINTER (FALSE),
       test_restore_damaged_current);
  ADD ("/backup/restore/damaged-current/header", GINT_TO_POINTER (TRUE),
       test_restore_damaged_current);
  ADD ("/backup/restore/new-computer", NULL, test_restore_new_computer);
  ADD ("/backup/check", NULL, test_check);

#undef ADD

  result = g_test_run ();
  pd_test_clear_dir (&template_dir);
  g_free (template_path);
  pd_test_remove_tree (tmp);
  return result;
}
