/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pd-database.h"
#include "pd-error.h"
#include "pd-member.h"
#include "pd-members.h"
#include "pd-safe-file.h"

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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();

  f->dir = g_dir_make_tmp ("test-safe-file-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "peerdesk.db", NULL);
  f->db = pd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  g_assert_true (pd_members_insert (f->db, member, &error));
  g_assert_no_error (error);
}

static void
remove_all (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_all (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  remove_all (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
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
  g_assert_cmpstr (listing, ==, "out.csv peerdesk.db peerdesk.db-shm peerdesk.db-wal");
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
  g_assert_cmpstr (listing, ==, "peerdesk.db peerdesk.db-shm peerdesk.db-wal report.xml");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/safe-file/commit", test_commit);
  ADD ("/safe-file/commit-checked", test_commit_checked);

#undef ADD

  return g_test_run ();
}
