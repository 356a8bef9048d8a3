/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-attendance.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-json-check.h"
#include "pd-json.h"
#include "pd-members.h"
#include "pd-statement.h"
#include "pd-test-core.h"
#include "pd-visits.h"
#include "pd-volunteers.h"

/* Every table, with the columns the import makes itself. */
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
};

/* The notes of a member whose text needs every kind of escape. */
#define AWKWARD_NOTES \
  "Says \"hi\" \\ waves\nsecond line\ttab \001 control, “curly”, Zoë, 😀 and \u2028 too"

typedef struct
{
  char *dir;
  char *source_path;
  char *target_path;
  char *json_path;
  PdDatabase *source;
  PdDatabase *target;
} Fixture;

/* Whether column @name is one the export leaves out: how many times a
 * record was saved, and by whom, belong to the database it was saved in. */
static gboolean
is_local_column (const char *name)
{
  return g_strcmp0 (name, "version") == 0 || g_strcmp0 (name, "updated_by") == 0;
}

static char *
snapshot (PdDatabase *db)
{
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (snapshot_queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdStatement) stmt = pd_database_query (db, snapshot_queries[q], &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "== %s\n", snapshot_queries[q]);
      while (pd_statement_next (stmt))
        {
          for (int i = 0; i < pd_statement_get_n_columns (stmt); i++)
            {
              const char *value = pd_statement_is_null (stmt, i)
                                  ? "NULL" : pd_statement_get_text (stmt, i);

              if (is_local_column (pd_statement_get_column_name (stmt, i)))
                continue;
              g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", value);
            }
          g_string_append_c (out, '\n');
        }
      g_assert_true (pd_statement_finish (stmt, &error));
      g_assert_no_error (error);
    }
  return g_string_free (out, FALSE);
}

static gint64
count_rows (PdDatabase *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return pd_test_query_int (db, sql);
}

/* What the demo leaves out: a volunteer who facilitates a group and the
 * hours of one of its sessions, a member whose text needs escaping, a
 * report setting, a purpose of the centre's own and a next member number
 * above the highest. */
static void
add_edge_cases (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  PdGroup *group = NULL;
  gint64 hours_id = 0;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Zoë");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "O'Brien-Ñúñez");
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, "(555) 010-9999");
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, AWKWARD_NOTES);
  pd_member_set (member, PD_MEMBER_FIELD_MAY_CONTACT, "1");
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);

  g_assert_true (pd_database_set_meta (db, "report_small_cell_max", "10", &error));
  g_assert_true (pd_database_set_meta (db, "next_member_number", "900", &error));
  g_assert_cmpint (pd_purposes_add (db, "Housing help", &error), >, 7);
  g_assert_no_error (error);
  /* Positions only order a list, but any whole number must come back
   * whole, beyond what a double holds too. */
  g_assert_true (pd_database_exec (db,
                                   "UPDATE volunteer_roles SET position = -5 WHERE id = 1;"
                                   "UPDATE volunteer_roles SET position = 9007199254740993"
                                   " WHERE id = 2",
                                   &error));
  g_assert_no_error (error);

  volunteers = pd_volunteers_list (db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volunteers->len, >, 0);
  groups = pd_groups_list (db, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < groups->len && group == NULL; i++)
    if (!g_str_equal (((PdGroup *) groups->pdata[i])->attendance_mode, "headcount"))
      group = groups->pdata[i];
  g_assert (group != NULL);
  group->facilitator_volunteer_id = ((PdVolunteer *) volunteers->pdata[0])->id;
  g_assert_true (pd_groups_update (db, group, &error));
  g_assert_no_error (error);

  sessions = pd_sessions_list_for_group (db, group->id, FALSE, 0, 20, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sessions->len && hours_id == 0; i++)
    if (!((PdSession *) sessions->pdata[i])->cancelled)
      {
        hours_id = pd_hours_log_session (db, ((PdSession *) sessions->pdata[i])->id, &error);
        g_assert_no_error (error);
      }
  g_assert_cmpint (hours_id, >, 0);
}

/* The source database is made once, in an SQLite file whatever the
 * engine under test, and copied for each test, as making a year of demo
 * data takes longer than most tests. On a server each source is imported
 * from the template's export instead, and must export the same bytes. */
static char *template_dir;
static char *template_path;
static char *template_json_path;

static PdDatabase *
open_sqlite (const char *path)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db = pd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (pd_database_is_shared (db));
  return db;
}

static const char *
dup_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *wal = NULL;
  PdDemoOptions options = { .n_members = 30, .seed = 5, .n_years = 1 };

  if (template_path != NULL)
    return template_path;

  template_dir = pd_test_make_shared_dir ();
  template_path = g_build_filename (template_dir, "template.db", NULL);
  db = open_sqlite (template_path);
  g_assert_true (pd_demo_fill (db, &options, &error));
  g_assert_no_error (error);
  add_edge_cases (db);
  template_json_path = g_build_filename (template_dir, "template.json", NULL);
  g_assert_true (pd_json_export (db, template_json_path, &error));
  g_assert_no_error (error);
  /* Closing it folds the write-ahead log into the one file copied. */
  g_assert_finalize_object (g_steal_pointer (&db));
  wal = g_strconcat (template_path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  return template_path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_make_dir ();
  f->source_path = g_build_filename (f->dir, "source.db", NULL);
  f->target_path = g_build_filename (f->dir, "target.db", NULL);
  f->json_path = g_build_filename (f->dir, "export.json", NULL);

  f->target = pd_test_open_database (f->target_path);
  if (pd_test_is_postgresql ())
    {
      /* A server's records come from the template's export. */
      dup_template ();
      f->source = pd_test_open_database (f->source_path);
      pd_json_import (f->source, template_json_path, &error);
      g_assert_no_error (error);
      return;
    }
  pd_test_copy_database (dup_template (), f->source_path);
  f->source = pd_test_open_database (f->source_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->source);
  g_assert_finalize_object (f->target);
  pd_test_clear_dir (&f->dir);
  g_free (f->source_path);
  g_free (f->target_path);
  g_free (f->json_path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined, to see what a failure left. */
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
export_source (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_json_export (f->source, f->json_path, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again_path = g_build_filename (f->dir, "again.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *source_snapshot = NULL;
  g_autofree char *target_snapshot = NULL;
  g_autoptr(PdMember) original = NULL;
  g_autoptr(PdMember) restored = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GPtrArray) restored_hours = NULL;
  gint64 session_id, member_id;
  guint64 n_exported = 0, n_imported = 0, n_rows = 0;

  static const char *tables[] = {
    "members", "visit_purposes", "visits", "volunteer_roles", "volunteers",
    "volunteer_role_links", "groups", "sessions", "attendance", "hours", "supervision",
    "training_domains", "courses", "course_domains", "completions", "credentials",
  };

  /* Every table has rows, so that every one is carried over. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_test_message ("%s", tables[i]);
      g_assert_cmpint (count_rows (f->source, tables[i]), >, 0);
      n_rows += count_rows (f->source, tables[i]);
    }
  n_rows += 2;  /* next_member_number and the report setting */
  n_rows += count_rows (f->source, "audit");

  g_assert_true (pd_json_export_full (f->source, f->json_path, &n_exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, n_rows);

  g_assert_true (pd_json_import_full (f->target, f->json_path, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, n_rows);

  /* The import's large page cache is given back (a server keeps its own). */
  if (!pd_database_is_shared (f->target))
    g_assert_cmpint (pd_test_query_int (f->target, "PRAGMA cache_size"), ==,
                     PD_DATABASE_CACHE_SIZE);

  g_assert_true (pd_json_export (f->target, again_path, &error));
  g_assert_no_error (error);
  first = read_file (f->json_path);
  second = read_file (again_path);
  g_assert_cmpstr (first, ==, second);

  /* Every row and column, the derived ones and the meta table included. */
  source_snapshot = snapshot (f->source);
  target_snapshot = snapshot (f->target);
  g_assert_cmpstr (source_snapshot, ==, target_snapshot);

  g_assert_cmpint (pd_members_count (f->target, &error), ==, 31);
  g_assert_no_error (error);

  original = pd_members_get_by_number (f->source, "M-000031", &error);
  g_assert_no_error (error);
  restored = pd_members_get_by_number (f->target, "M-000031", &error);
  g_assert_no_error (error);
  g_assert_true (pd_member_equal (original, restored));
  g_assert_cmpint (pd_member_get_id (original), ==, pd_member_get_id (restored));
  g_assert_true (pd_members_read_notes (f->target, pd_member_get_id (restored), &notes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (notes, ==, AWKWARD_NOTES);
  g_assert_cmpstr (pd_member_get (restored, PD_MEMBER_FIELD_LAST_NAME), ==, "O'Brien-Ñúñez");
  g_assert_true (pd_member_get_flag (restored, PD_MEMBER_FIELD_MAY_CONTACT));

  /* The full-text index is made as the app makes it: accents and case
   * do not matter, and it holds every name. */
  found = pd_members_search (f->target, "nunez", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (pd_member_get_id (found->pdata[0]), ==, pd_member_get_id (original));
  if (!pd_database_is_shared (f->target))
    {
      g_assert_cmpint (pd_test_query_int (f->source, "SELECT count(*) FROM members_fts"), ==,
                       pd_test_query_int (f->target, "SELECT count(*) FROM members_fts"));
      g_assert_true (pd_database_exec (f->target,
                                       "INSERT INTO members_fts (members_fts) "
                                       "VALUES ('integrity-check')",
                                       &error));
      g_assert_no_error (error);
    }

  session_id = pd_test_query_int (f->source,
                                  "SELECT max (session_id) FROM attendance");
  member_id = pd_test_query_int (f->source,
                                 "SELECT max (member_id) FROM attendance"
                                 " WHERE session_id = (SELECT max (session_id) FROM attendance)");
  g_assert_true (pd_attendance_is_present (f->target, session_id, member_id));

  hours = pd_hours_list (f->source, 0, 0, 0, &error);
  g_assert_no_error (error);
  restored_hours = pd_hours_list (f->target, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, restored_hours->len);
  for (guint i = 0; i < hours->len; i++)
    {
      PdHours *a = hours->pdata[i];
      PdHours *b = restored_hours->pdata[i];

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpint (a->volunteer_id, ==, b->volunteer_id);
      g_assert_cmpstr (a->date, ==, b->date);
      g_assert_cmpuint (a->quarter_hours, ==, b->quarter_hours);
      g_assert_cmpint (a->session_id, ==, b->session_id);
    }

  /* The restored database goes on as the old one would have. */
  {
    g_autoptr(PdMember) newcomer = pd_member_new ();

    pd_member_set (newcomer, PD_MEMBER_FIELD_FIRST_NAME, "Ada");
    g_assert_true (pd_members_insert (f->target, newcomer, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (pd_member_get (newcomer, PD_MEMBER_FIELD_NUMBER), ==, "M-000900");
    g_assert_cmpint (pd_members_count (f->target, &error), ==, 32);
  }
}

/* An export is the same bytes whichever engine keeps the records (a
 * server's source holds the template's records exactly), and goes from
 * either engine into SQLite and back unchanged. */
static void
test_round_trip_engines (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) sqlite = NULL;
  g_autofree char *sqlite_path = g_build_filename (f->dir, "again.db", NULL);
  g_autofree char *again_path = g_build_filename (f->dir, "again.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *again = NULL;

  g_assert_true (pd_json_export (f->source, f->json_path, &error));
  g_assert_no_error (error);
  exported = read_file (f->json_path);
  if (pd_test_is_postgresql ())
    {
      expected = read_file (template_json_path);
      g_assert_cmpstr (exported, ==, expected);
    }

  sqlite = open_sqlite (sqlite_path);
  g_assert_true (pd_json_import (sqlite, f->json_path, &error));
  g_assert_no_error (error);
  g_assert_true (pd_json_export (sqlite, again_path, &error));
  g_assert_no_error (error);
  again = read_file (again_path);
  g_assert_cmpstr (again, ==, exported);
}

/* The file is JSON any reader takes, and the strings come back whole. */
static void
test_export_parses (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  JsonObject *root;
  JsonArray *members;
  JsonObject *last;

  export_source (f);
  g_assert_true (json_parser_load_from_file (parser, f->json_path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "peerdesk-export");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, PD_JSON_FORMAT_VERSION);
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), ==, PD_SCHEMA_VERSION);

  members = json_object_get_array_member (root, "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 31);
  last = json_array_get_object_element (members, 30);
  g_assert_cmpstr (json_object_get_string_member (last, "notes"), ==, AWKWARD_NOTES);
  g_assert_true (json_object_get_boolean_member (last, "may_contact"));
  /* Derived columns are made again on import, so they are not in the file. */
  g_assert_false (json_object_has_member (last, "sort_key"));
  g_assert_false (json_object_has_member (last, "phone_digits"));
  /* Nor what the database counts for itself, nor a computer's own state. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "meta")), ==, 2);
  contents = read_file (f->json_path);
  g_assert_null (strstr (contents, "member_count"));
}

static void
test_export_mode (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *listing = NULL;
  GStatBuf st;

  /* An export replaces an older file, and leaves nothing beside it. */
  g_assert_true (g_file_set_contents (f->json_path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (f->json_path, 0644), ==, 0);
  before = list_dir (f->dir);
  if (!pd_test_is_postgresql ())
    g_assert_cmpstr (before, ==, "export.json source.db source.db-shm source.db-wal target.db "
                     "target.db-shm target.db-wal");
  export_source (f);
  g_assert_cmpint (g_stat (f->json_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, before);
}

static void
test_export_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint64 n_rows = 0;

  g_assert_true (pd_json_export_full (f->target, f->json_path, &n_rows, &error));
  g_assert_no_error (error);
  /* A new database holds its lists of purposes, roles and domains only. */
  g_assert_cmpuint (n_rows, ==, 7 + 6 + 10);
  contents = read_file (f->json_path);
  g_assert_nonnull (strstr (contents, "\n  \"members\": [],\n"));
  g_assert_nonnull (strstr (contents, "\n  \"meta\": [],\n"));
  g_assert_true (g_str_has_suffix (contents, "\n  \"credentials\": [],\n  \"staff\": [],\n"
                                             "  \"audit\": []\n}\n"));
}

/* Inside a transaction of the caller's, the export reads what it wrote and
 * leaves the transaction to it. */
static void
test_export_in_transaction (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  g_autofree char *contents = NULL;

  transaction = pd_database_begin_transaction (f->target, &error);
  g_assert_no_error (error);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ines");
  g_assert_true (pd_members_insert (f->target, member, &error));
  g_assert_no_error (error);

  g_assert_true (pd_json_export (f->target, f->json_path, &error));
  g_assert_no_error (error);
  contents = read_file (f->json_path);
  g_assert_nonnull (strstr (contents, "\"first_name\": \"Ines\""));
  g_clear_pointer (&contents, g_free);

  /* Still the caller's to undo. */
  g_clear_pointer (&transaction, pd_transaction_free);
  g_assert_true (pd_json_export (f->target, f->json_path, &error));
  g_assert_no_error (error);
  contents = read_file (f->json_path);
  g_assert_nonnull (strstr (contents, "\n  \"members\": [],\n"));
}

/* A failed export leaves no file, not even a partial one beside it. */
static void
test_export_fails_cleanly (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", "export.json", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *inside = g_build_filename (folder, "keep", NULL);
  g_autofree char *with_folder = NULL;
  g_autofree char *listing = NULL;

  g_assert_false (pd_json_export (f->source, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "export.json"));
  g_clear_error (&error);
  after = list_dir (f->dir);
  g_assert_cmpstr (before, ==, after);

  /* A folder is never replaced, and nothing is left beside it. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "", 0, NULL));
  with_folder = list_dir (f->dir);
  if (!pd_test_is_postgresql ())
    g_assert_cmpstr (with_folder, ==, "folder source.db source.db-shm source.db-wal target.db "
                     "target.db-shm target.db-wal");
  g_assert_false (pd_json_export (f->source, folder, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, with_folder);

  /* A value no export may hold stops it half way; a server takes no
   * text that is not UTF-8 in the first place. */
  if (pd_test_is_postgresql ())
    return;
  g_assert_true (pd_database_exec (f->source,
                                   "UPDATE members SET notes = CAST (x'ff' AS TEXT)"
                                   " WHERE id = 20",
                                   &error));
  g_assert_no_error (error);
  g_assert_false (pd_json_export (f->source, f->json_path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "members[19].notes"));
  g_clear_error (&error);
  g_assert_false (g_file_test (f->json_path, G_FILE_TEST_EXISTS));
  g_free (listing);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, with_folder);
}

static void
test_import_not_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  export_source (f);
  g_assert_true (pd_json_import (f->target, f->json_path, &error));
  g_assert_no_error (error);

  /* A second import would mix the same records twice. */
  before = snapshot (f->target);
  g_assert_false (pd_json_import (f->target, f->json_path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "export.json"));
  g_assert_nonnull (strstr (error->message, "already holds records (members, visits"));
  after = snapshot (f->target);
  g_assert_cmpstr (before, ==, after);
}

/* Bad files: each is a good export changed in one way. */

typedef void (*Change) (JsonObject *root);

typedef struct
{
  const char *test_path;
  Change      change;       /* of the good file's tree, or NULL for @text */
  const char *text;         /* the whole file, when there is no tree to change */
  gint        code;         /* in PD_ERROR */
  const char *message;      /* a part of the message, after the file's name */
} BadFile;

static JsonObject *
row (JsonObject *root,
     const char *table,
     guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, table), index);
}

static void
not_an_export (JsonObject *root)
{
  json_object_set_string_member (root, "format", "other-program");
}

static void
no_format (JsonObject *root)
{
  json_object_remove_member (root, "format");
}

static void
newer_version (JsonObject *root)
{
  json_object_set_int_member (root, "version", PD_JSON_FORMAT_VERSION + 1);
}

static void
version_as_string (JsonObject *root)
{
  json_object_set_string_member (root, "version", "1");
}

static void
missing_table (JsonObject *root)
{
  json_object_remove_member (root, "visits");
}

static void
missing_last_table (JsonObject *root)
{
  json_object_remove_member (root, "audit");
}

/* As a file from before staff accounts, but in the format that has them. */
static void
missing_staff_tables (JsonObject *root)
{
  json_object_remove_member (root, "staff");
  json_object_remove_member (root, "audit");
}

/* A file of format 1, from before staff accounts: nor did attendance say
 * who marked it. */
static void
older_file (JsonObject *root)
{
  JsonArray *attendance = json_object_get_array_member (root, "attendance");

  g_assert_cmpuint (json_array_get_length (attendance), >, 0);
  for (guint i = 0; i < json_array_get_length (attendance); i++)
    json_object_remove_member (json_array_get_object_element (attendance, i), "recorded_by");
  missing_staff_tables (root);
  json_object_set_int_member (root, "version", 1);
  json_object_set_int_member (root, "schema_version", 5);
}

/* Moves @key to the end of @root. */
static void
move_last (JsonObject *root,
           const char *key)
{
  JsonNode *node = json_node_copy (json_object_get_member (root, key));

  json_object_remove_member (root, key);
  json_object_set_member (root, key, node);
}

static void
tables_out_of_order (JsonObject *root)
{
  /* visits then visit_purposes, which it refers to. */
  move_last (root, "visit_purposes");
}

static void
format_not_first (JsonObject *root)
{
  move_last (root, "format");
}

static void
header_after_tables (JsonObject *root)
{
  move_last (root, "schema_version");
}

static void
unknown_table (JsonObject *root)
{
  json_object_set_array_member (root, "visitors", json_array_new ());
}

static void
table_not_a_list (JsonObject *root)
{
  json_object_set_object_member (root, "sessions", json_object_new ());
}

static void
row_not_an_object (JsonObject *root)
{
  json_array_add_int_element (json_object_get_array_member (root, "groups"), 7);
}

static void
missing_column (JsonObject *root)
{
  json_object_remove_member (row (root, "members", 4), "phone");
}

static void
unknown_column (JsonObject *root)
{
  json_object_set_string_member (row (root, "members", 2), "fone", "555 0100");
}

static void
flag_as_string (JsonObject *root)
{
  json_object_set_string_member (row (root, "members", 0), "may_contact", "yes");
}

static void
number_as_string (JsonObject *root)
{
  json_object_set_string_member (row (root, "sessions", 3), "duration_minutes", "60");
}

static void
id_as_fraction (JsonObject *root)
{
  json_object_set_double_member (row (root, "visits", 2), "id", 2.5);
}

static void
bad_birth_date (JsonObject *root)
{
  json_object_set_string_member (row (root, "members", 12), "birth_date", "1990-02-31");
}

static void
bad_hours_date (JsonObject *root)
{
  json_object_set_string_member (row (root, "hours", 1), "date", "2024-13-01");
}

static void
bad_session_time (JsonObject *root)
{
  json_object_set_string_member (row (root, "sessions", 0), "starts_at", "2024-01-01 18:00");
}

static void
bad_timestamp (JsonObject *root)
{
  json_object_set_string_member (row (root, "attendance", 5), "recorded_at", "yesterday");
}

static void
bad_email (JsonObject *root)
{
  json_object_set_string_member (row (root, "members", 3), "email", "not-an-address");
}

static void
bad_code (JsonObject *root)
{
  json_object_set_string_member (row (root, "groups", 1), "kind", "party");
}

static void
out_of_range (JsonObject *root)
{
  json_object_set_int_member (row (root, "groups", 2), "weekdays", 200);
}

static void
empty_label (JsonObject *root)
{
  json_object_set_string_member (row (root, "volunteer_roles", 1), "label", "  ");
}

static void
zero_id (JsonObject *root)
{
  json_object_set_int_member (row (root, "members", 0), "id", 0);
}

static void
no_member_number (JsonObject *root)
{
  json_object_set_string_member (row (root, "members", 6), "number", "");
}

static void
dangling_member (JsonObject *root)
{
  json_object_set_int_member (row (root, "visits", 3), "member_id", 99);
}

static void
dangling_session (JsonObject *root)
{
  json_object_set_int_member (row (root, "attendance", 0), "session_id", 123456);
}

static void
dangling_volunteer (JsonObject *root)
{
  json_object_set_int_member (row (root, "credentials", 0), "volunteer_id", 4000);
}

static void
duplicate_id (JsonObject *root)
{
  json_object_set_int_member (row (root, "members", 5), "id", 2);
}

static void
duplicate_session_id (JsonObject *root)
{
  json_object_set_int_member (row (root, "sessions", 9), "id",
                              json_object_get_int_member (row (root, "sessions", 4), "id"));
}

static void
duplicate_number (JsonObject *root)
{
  json_object_set_string_member (row (root, "members", 7), "number", "M-000001");
}

static void
duplicate_attendance (JsonObject *root)
{
  JsonObject *first = row (root, "attendance", 0);
  JsonObject *again = row (root, "attendance", 1);

  json_object_set_int_member (again, "session_id",
                              json_object_get_int_member (first, "session_id"));
  json_object_set_int_member (again, "member_id",
                              json_object_get_int_member (first, "member_id"));
}

static void
duplicate_label (JsonObject *root)
{
  json_object_set_string_member (row (root, "visit_purposes", 2), "label", "Drop-in");
}

static void
weekly_without_time (JsonObject *root)
{
  json_object_set_int_member (row (root, "groups", 0), "weekdays", 1);
  json_object_set_string_member (row (root, "groups", 0), "start_time", "");
}

static void
no_default_purpose (JsonObject *root)
{
  JsonArray *purposes = json_object_get_array_member (root, "visit_purposes");

  for (guint i = 0; i < json_array_get_length (purposes); i++)
    json_object_set_boolean_member (json_array_get_object_element (purposes, i),
                                    "is_default", FALSE);
}

/* Names recorded in a group that keeps its members anonymous. */
static void
named_in_headcount_group (JsonObject *root)
{
  gint64 session_id = json_object_get_int_member (row (root, "attendance", 0), "session_id");
  JsonArray *sessions = json_object_get_array_member (root, "sessions");
  JsonArray *groups = json_object_get_array_member (root, "groups");
  gint64 group_id = 0;

  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);

      if (json_object_get_int_member (session, "id") == session_id)
        group_id = json_object_get_int_member (session, "group_id");
    }
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      if (json_object_get_int_member (group, "id") == group_id)
        json_object_set_string_member (group, "attendance_mode", "headcount");
    }
}

static void
unknown_setting (JsonObject *root)
{
  JsonObject *setting = json_object_new ();

  json_object_set_string_member (setting, "key", "welcomed");
  json_object_set_string_member (setting, "value", "1");
  json_array_add_object_element (json_object_get_array_member (root, "meta"), setting);
}

static void
bad_next_number (JsonObject *root)
{
  json_object_set_string_member (row (root, "meta", 0), "value", "soon");
}

/* A value of 5,000 characters, as a long note is. */
static char *
long_value (const char *start)
{
  GString *value = g_string_new (start);

  while (value->len < 5000)
    g_string_append (value, " and so on");
  return g_string_free (value, FALSE);
}

static void
long_bad_date (JsonObject *root)
{
  g_autofree char *value = long_value ("1990-02-31");

  json_object_set_string_member (row (root, "members", 12), "birth_date", value);
}

static void
long_bad_phone (JsonObject *root)
{
  g_autofree char *value = long_value ("555 0199 call after six");

  json_object_set_string_member (row (root, "members", 2), "phone", value);
}

static void
long_format (JsonObject *root)
{
  g_autofree char *value = long_value ("other-program");

  json_object_set_string_member (root, "format", value);
}

static void
long_unknown_key (JsonObject *root)
{
  g_autofree char *key = long_value ("fone");

  json_object_set_string_member (row (root, "members", 2), key, "555 0199");
}

static const BadFile bad_files[] = {
  { "/json/import/bad/not-json", NULL, "this is not JSON\n", PD_ERROR_INVALID,
    "not valid JSON: line 1, column" },
  { "/json/import/bad/empty-file", NULL, "", PD_ERROR_INVALID, "the file is empty" },
  { "/json/import/bad/array", NULL, "[1, 2]\n", PD_ERROR_INVALID,
    "this is not a Peerdesk export: expected an object" },
  { "/json/import/bad/truncated", NULL, NULL, PD_ERROR_INVALID, "not valid JSON: line " },
  { "/json/import/bad/format", not_an_export, NULL, PD_ERROR_INVALID,
    "format: this is not a Peerdesk export: expected “peerdesk-export”, got “other-program”" },
  { "/json/import/bad/no-format", no_format, NULL, PD_ERROR_INVALID,
    "this is not a Peerdesk export: it does not start with a “format” key" },
  { "/json/import/bad/empty-object", NULL, "{}", PD_ERROR_INVALID,
    "this is not a Peerdesk export: it has no “format” key" },
  { "/json/import/bad/newer-version", newer_version, NULL, PD_ERROR_NEWER_SCHEMA,
    "version: the file is in version 3 of the export format, newer than this version of "
    "Peerdesk reads (up to 2)" },
  { "/json/import/bad/version-type", version_as_string, NULL, PD_ERROR_INVALID,
    "version: expected the version of the export format, a whole number, got a string" },
  { "/json/import/bad/missing-table", missing_table, NULL, PD_ERROR_INVALID,
    "visits: this key is missing, or comes after “volunteer_roles” (the keys come in the order "
    "format, version, schema_version, meta, members, visit_purposes, visits, volunteer_roles" },
  { "/json/import/bad/missing-last-table", missing_last_table, NULL, PD_ERROR_INVALID,
    "audit: this key is missing" },
  { "/json/import/bad/missing-staff-tables", missing_staff_tables, NULL, PD_ERROR_INVALID,
    "staff: this key is missing" },
  { "/json/import/bad/table-order", tables_out_of_order, NULL, PD_ERROR_INVALID,
    "visit_purposes: this key is missing, or comes after “visits”" },
  { "/json/import/bad/table-twice", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 3,\n"
    " \"meta\": [], \"meta\": []}\n",
    PD_ERROR_INVALID, "meta: this key is in the file twice" },
  { "/json/import/bad/format-twice", NULL,
    "{\"format\": \"peerdesk-export\", \"format\": \"peerdesk-export\"}\n",
    PD_ERROR_INVALID, "format: this key is in the file twice" },
  { "/json/import/bad/format-not-first", format_not_first, NULL, PD_ERROR_INVALID,
    "this is not a Peerdesk export: it does not start with a “format” key" },
  { "/json/import/bad/header-after-tables", header_after_tables, NULL, PD_ERROR_INVALID,
    "schema_version: this key is missing, or comes after the tables" },
  { "/json/import/bad/trailing-comma", NULL, "{\"format\": \"peerdesk-export\", \"version\": 1,}",
    PD_ERROR_INVALID, "not valid JSON: line 1, column 44: “}” where a key in quotes was expected" },
  { "/json/import/bad/after-end", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1}\n{}\n", PD_ERROR_INVALID,
    "not valid JSON: line 2, column 1: “{” where the end of the file was expected" },
  { "/json/import/bad/open-string", NULL, "{\"format\": \"peerdesk-export}\n",
    PD_ERROR_INVALID, "not valid JSON: line 1, column 12: the file ends inside the value that "
    "starts here" },
  { "/json/import/bad/bad-row-syntax", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 3,\n"
    "  \"meta\": [\n    {\"key\": \"report_x\", \"value\": tru}\n  ]\n}\n",
    PD_ERROR_INVALID, "not valid JSON: line 3, column 36: unexpected identifier" },
  { "/json/import/bad/unknown-table", unknown_table, NULL, PD_ERROR_INVALID,
    "visitors: unknown key (the keys of an export are format, version" },
  { "/json/import/bad/table-type", table_not_a_list, NULL, PD_ERROR_INVALID,
    "sessions: expected a list of rows ([ … ]), got an object" },
  { "/json/import/bad/row-type", row_not_an_object, NULL, PD_ERROR_INVALID,
    "groups[9]: expected a row ({ … }), got a whole number" },
  { "/json/import/bad/missing-key", missing_column, NULL, PD_ERROR_INVALID,
    "members[4].phone: this key is missing" },
  { "/json/import/bad/unknown-key", unknown_column, NULL, PD_ERROR_INVALID,
    "members[2].fone: unknown key (the keys of a row of members are id, number, first_name" },
  { "/json/import/bad/flag-type", flag_as_string, NULL, PD_ERROR_INVALID,
    "members[0].may_contact: expected true or false, got a string" },
  { "/json/import/bad/number-type", number_as_string, NULL, PD_ERROR_INVALID,
    "sessions[3].duration_minutes: expected a whole number, got a string" },
  { "/json/import/bad/id-type", id_as_fraction, NULL, PD_ERROR_INVALID,
    "visits[2].id: expected an id, got a number with a fraction" },
  { "/json/import/bad/birth-date", bad_birth_date, NULL, PD_ERROR_INVALID,
    "members[12].birth_date: “1990-02-31” is not a date" },
  { "/json/import/bad/hours-date", bad_hours_date, NULL, PD_ERROR_INVALID,
    "hours[1].date: “2024-13-01” is not a date (YYYY-MM-DD)" },
  { "/json/import/bad/local-time", bad_session_time, NULL, PD_ERROR_INVALID,
    "sessions[0].starts_at: “2024-01-01 18:00” is not a local date and time (YYYY-MM-DDTHH:MM)" },
  { "/json/import/bad/timestamp", bad_timestamp, NULL, PD_ERROR_INVALID,
    "attendance[5].recorded_at: “yesterday” is not a UTC date and time" },
  { "/json/import/bad/email", bad_email, NULL, PD_ERROR_INVALID,
    "members[3].email: “not-an-address” is not an email address" },
  { "/json/import/bad/code", bad_code, NULL, PD_ERROR_INVALID,
    "groups[1].kind: “party” is not a known code (one of: peer_support," },
  { "/json/import/bad/range", out_of_range, NULL, PD_ERROR_INVALID,
    "groups[2].weekdays: 200 is more than 127" },
  { "/json/import/bad/empty-label", empty_label, NULL, PD_ERROR_INVALID,
    "volunteer_roles[1].label: expected some text, got an empty string" },
  { "/json/import/bad/zero-id", zero_id, NULL, PD_ERROR_INVALID,
    "members[0].id: 0 is not an id (1 or more)" },
  { "/json/import/bad/no-number", no_member_number, NULL, PD_ERROR_INVALID,
    "members[6].number: expected a member number, got an empty string" },
  { "/json/import/bad/dangling-member", dangling_member, NULL, PD_ERROR_INVALID,
    "visits[3].member_id: there is no member with id 99" },
  { "/json/import/bad/dangling-session", dangling_session, NULL, PD_ERROR_INVALID,
    "attendance[0].session_id: there is no session with id 123456" },
  { "/json/import/bad/dangling-last", dangling_volunteer, NULL, PD_ERROR_INVALID,
    "credentials[0].volunteer_id: there is no volunteer with id 4000" },
  { "/json/import/bad/duplicate-id", duplicate_id, NULL, PD_ERROR_DUPLICATE,
    "members[5].id: 2 is the id of an earlier row too" },
  { "/json/import/bad/duplicate-session", duplicate_session_id, NULL, PD_ERROR_DUPLICATE,
    "sessions[9].id: " },
  { "/json/import/bad/duplicate-number", duplicate_number, NULL, PD_ERROR_DUPLICATE,
    "members[7].number: “M-000001” is in an earlier row too" },
  { "/json/import/bad/duplicate-key", duplicate_attendance, NULL, PD_ERROR_DUPLICATE,
    "attendance[1]: an earlier row has the same session_id and member_id" },
  { "/json/import/bad/duplicate-label", duplicate_label, NULL, PD_ERROR_DUPLICATE,
    "visit_purposes[2].label: “Drop-in” is in an earlier row too" },
  { "/json/import/bad/validator", weekly_without_time, NULL, PD_ERROR_INVALID,
    "groups[0]: start time: this is required for a weekly meeting" },
  { "/json/import/bad/no-default-purpose", no_default_purpose, NULL, PD_ERROR_INVALID,
    "visit_purposes: no purpose is the default" },
  { "/json/import/bad/headcount", named_in_headcount_group, NULL, PD_ERROR_INVALID,
    "attendance[0]: headcount-only group: no names are recorded" },
  { "/json/import/bad/setting", unknown_setting, NULL, PD_ERROR_INVALID,
    "meta[2].key: “welcomed” is not a setting an export holds" },
  { "/json/import/bad/next-number", bad_next_number, NULL, PD_ERROR_INVALID,
    "meta[0].value: “soon” is not a member number to give next" },
  /* JSON has no comments; json-glib skips them, and a value that is only
   * a comment left it no value at all. */
  { "/json/import/bad/comment-only", NULL, "//{", PD_ERROR_INVALID,
    "not valid JSON: line 1, column 1: “/” starts a comment, and JSON has no comments" },
  { "/json/import/bad/comment-table", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 4,\n"
    "  \"meta\": /**/ []}\n",
    PD_ERROR_INVALID, "not valid JSON: line 2, column 11: “/” starts a comment" },
  { "/json/import/bad/comment-value", NULL,
    "{\"format\": /* an export */ \"peerdesk-export\"}",
    PD_ERROR_INVALID, "not valid JSON: line 1, column 12: “/” starts a comment" },
  { "/json/import/bad/comment-in-row", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 4,\n"
    "  \"meta\": [\n    {\"key\": \"report_x\", # the name\n     \"value\": \"1\"}]}\n",
    PD_ERROR_INVALID, "not valid JSON: line 3, column 25: “#” starts a comment" },
  { "/json/import/bad/null-character", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 4,\n"
    "  \"meta\": [\n    {\"key\": \"report_x\", \"value\": \"cut\\u0000here\"}]}\n",
    PD_ERROR_INVALID, "not valid JSON: line 3, column 38: “\\u0000” in a string" },
  { "/json/import/bad/control-character", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 4,\n"
    "  \"meta\": [\n    {\"key\": \"report_x\", \"value\": \"a\tb\"}]}\n",
    PD_ERROR_INVALID, "not valid JSON: line 3, column 36: a control character in a string" },
  { "/json/import/bad/not-utf8", NULL,
    "{\"format\": \"peerdesk-export\", \"version\": 1, \"schema_version\": 4,\n"
    "  \"meta\": [\n    {\"key\": \"report_x\", \"value\": \"caf\xe9\"}]}\n",
    PD_ERROR_INVALID, "not valid JSON: line 3, column 38: the file is not UTF-8 text" },
  /* Messages show the start of a long value, never all of it. */
  { "/json/import/bad/long-date", long_bad_date, NULL, PD_ERROR_INVALID,
    "members[12].birth_date: “1990-02-31 and so on and…” is not a date" },
  { "/json/import/bad/long-phone", long_bad_phone, NULL, PD_ERROR_INVALID,
    "members[2].phone: “555 0199 call after six …” is not a phone number" },
  { "/json/import/bad/long-format", long_format, NULL, PD_ERROR_INVALID,
    "format: this is not a Peerdesk export: expected “peerdesk-export”, got “other-program and so "
    "on …”" },
  { "/json/import/bad/long-key", long_unknown_key, NULL, PD_ERROR_INVALID,
    "members[2].fone and so on and so on…: unknown key" },
};

static void
write_bad_file (Fixture       *f,
                const BadFile *bad,
                const char    *path)
{
  g_autoptr(GError) error = NULL;

  if (bad->text != NULL)
    {
      g_assert_true (g_file_set_contents (path, bad->text, -1, &error));
      g_assert_no_error (error);
      return;
    }

  export_source (f);
  if (bad->change == NULL)
    {
      g_autofree char *contents = read_file (f->json_path);

      /* Cut short, as a copy that ran out of room would be. */
      g_assert_true (g_file_set_contents (path, contents, strlen (contents) / 2, &error));
    }
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      g_assert_true (json_parser_load_from_file (parser, f->json_path, &error));
      g_assert_no_error (error);
      bad->change (json_node_get_object (json_parser_get_root (parser)));
      json_generator_set_root (generator, json_parser_get_root (parser));
      g_assert_true (json_generator_to_file (generator, path, &error));
    }
  g_assert_no_error (error);
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "bad.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 n_rows = 1;

  write_bad_file (f, bad, path);

  before = snapshot (f->target);
  g_assert_false (pd_json_import_full (f->target, path, &n_rows, &error));
  g_assert_error (error, PD_ERROR, bad->code);
  g_test_message ("%s", error->message);
  expected = g_strdup_printf ("%s: %s", path, bad->message);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, strlen (path) + 400);
  g_assert_cmpuint (n_rows, ==, 0);

  /* All or nothing: the lists a new database starts with included. */
  after = snapshot (f->target);
  g_assert_cmpstr (before, ==, after);

  /* And the database takes the good file afterwards. */
  export_source (f);
  g_clear_error (&error);
  g_assert_true (pd_json_import (f->target, f->json_path, &error));
  g_assert_no_error (error);
}

/* Files exported before staff accounts existed have no staff or audit
 * table, and are read as they are. */
static void
test_import_older_file (Fixture       *f,
                        gconstpointer  data)
{
  static const BadFile older = { NULL, older_file, NULL, 0, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "older.json", NULL);
  g_autofree char *source_snapshot = NULL;
  g_autofree char *target_snapshot = NULL;

  write_bad_file (f, &older, path);
  g_assert_true (pd_json_import (f->target, path, &error));
  g_assert_no_error (error);
  source_snapshot = snapshot (f->source);
  target_snapshot = snapshot (f->target);
  g_assert_cmpstr (source_snapshot, ==, target_snapshot);
}

/* Checks that importing @path fails with PD_ERROR_INVALID, naming the
 * file and saying @message, and leaves the database as it was. */
static void
assert_import_refused (Fixture    *f,
                       const char *path,
                       const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->target);
  g_autofree char *after = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, message);

  g_assert_false (pd_json_import (f->target, path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, expected));
  after = snapshot (f->target);
  g_assert_cmpstr (before, ==, after);
}

/* json-glib reads nested lists by recursion: tens of thousands of brackets
 * overflowed its stack. */
static void
test_import_deep (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "deep.json", NULL);
  GString *text = g_string_new ("{\"format\": \"peerdesk-export\", \"version\": 1, "
                                "\"schema_version\": 4,\n \"meta\": [{\"key\": ");
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}]}\n");
  length = text->len;
  contents = g_string_free (text, FALSE);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  /* The file is 1 deep, the table 2 and the row 3: the 62nd bracket of the
   * value is the 65th. */
  assert_import_refused (f, path, "not valid JSON: line 2, column 80: lists and objects nested "
                         "more than 64 deep");

  /* The whole file a list, as deep. */
  g_assert_true (g_file_set_contents (path, contents + strlen (contents) - 400004, 400000,
                                      &error));
  g_assert_no_error (error);
  assert_import_refused (f, path, "not valid JSON: line 1, column 65: lists and objects nested "
                         "more than 64 deep");
}

/* A file larger than an import reads is refused before it is read: this
 * one holds no data (a sparse file), and reading it would take minutes. */
static void
test_import_too_large (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "large.json", NULL);
  g_autofree char *max = g_format_size_full (PD_JSON_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = g_strdup_printf ("the file is larger than the %s an import reads",
                                              max);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, PD_JSON_MAX_FILE_SIZE + 1), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  assert_import_refused (f, path, message);
}

/* What is read of one value is held in memory: a value that never ends is
 * cut off at the most a value may hold. */
static void
test_import_value_too_large (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "value.json", NULL);
  g_autofree char *max = g_format_size_full (PD_JSON_MAX_VALUE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = NULL;
  gsize prefix = strlen ("{\"format\": \"");
  gsize length = PD_JSON_MAX_VALUE_SIZE + 1024;
  g_autofree char *contents = g_malloc (length);

  memset (contents, 'a', length);
  memcpy (contents, "{\"format\": \"", prefix);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  message = g_strdup_printf ("not valid JSON: line 1, column %" G_GSIZE_FORMAT ": the value "
                             "that starts here is larger than %s", prefix, max);
  assert_import_refused (f, path, message);

  /* Where a number is expected too. */
  contents[prefix - 1] = '1';
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  assert_import_refused (f, path, message);
}

/* The checks every JSON file Peerdesk reads goes through, on their own. */
static void
test_check_text (void)
{
  static const struct {
    const char *text;
    gsize length;           /* 0: all of @text */
    const char *message;    /* NULL: accepted */
  } cases[] = {
    { "{\"a\": [1, -2.5e3, true, false, null, \"x\"]}", 0, NULL },
    { "{\"a\": \"a \\\" quote, a \\\\ and \\/, \\u00e9 \\ud83d\\ude00\"}", 0, NULL },
    /* An escaped backslash then "u0000": no null character. */
    { "[\"\\\\u0000\"]", 0, NULL },
    { "[\"a/b # c\"]", 0, NULL },
    { "[1,\n 2, /* two */ 3]", 0, "t.json: not valid JSON: line 2, column 5: “/” starts a comment" },
    { "[\"x\", \"\\u0000\"]", 0, "t.json: not valid JSON: line 1, column 8: “\\u0000” in a string" },
    { "[\"x\0y\"]", 6, "t.json: not valid JSON: line 1, column 4: a control character in a string" },
    { "[1]\0", 4, "t.json: not valid JSON: line 1, column 4: a control character (0x00) outside a "
      "string" },
    { "[\"caf\xc3\"]", 0, "t.json: not valid JSON: line 1, column 6: the file is not UTF-8 text" },
    { "[1, 'a']", 0, "t.json: not valid JSON: line 1, column 5: “'” outside a string" },
    { "[\"\n\"]", 0, "t.json: not valid JSON: line 1, column 3: a control character in a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      gboolean ok = pd_json_check_text (cases[i].text, length, "t.json", 1, 1, 0, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "accepted");
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, cases[i].message));
        }
    }

  /* 64 deep is the most, counted from the depth the text starts at; the
   * place is counted from where the text starts in the file. */
  for (guint start = 0; start <= 2; start++)
    {
      g_autoptr(GError) error = NULL;
      GString *text = g_string_new (NULL);
      g_autofree char *expected = NULL;

      for (guint i = start; i < PD_JSON_MAX_DEPTH; i++)
        g_string_append_c (text, '[');
      for (guint i = start; i < PD_JSON_MAX_DEPTH; i++)
        g_string_append_c (text, ']');
      g_assert_true (pd_json_check_text (text->str, text->len, "t.json", 7, 3, start, &error));
      g_assert_no_error (error);

      g_string_prepend (text, "{\"a\":\n[");
      g_assert_false (pd_json_check_text (text->str, text->len, "t.json", 7, 3, start, &error));
      expected = g_strdup_printf ("t.json: not valid JSON: line 8, column %u: lists and objects "
                                  "nested more than 64 deep", PD_JSON_MAX_DEPTH - start);
      g_assert_cmpstr (error->message, ==, expected);
      g_string_free (text, TRUE);
    }
}

static void
test_import_missing_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "nowhere.json", NULL);

  g_assert_false (pd_json_import (f->target, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "nowhere.json"));
}

/* The rows of a table and the keys of a row may come in any order: the
 * reader goes by ids and names, not by places. */
static void
test_import_any_order (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *path = g_build_filename (f->dir, "reordered.json", NULL);
  g_autofree char *again_path = g_build_filename (f->dir, "again.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GList) keys = NULL;
  JsonObject *root;

  export_source (f);
  g_assert_true (json_parser_load_from_file (parser, f->json_path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  keys = json_object_get_members (root);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (root, l->data);
      g_autoptr(JsonArray) reordered = NULL;
      JsonArray *rows;
      guint n_rows;

      /* The audit trail is imported in the file's order, which is its
       * meaning: it is left as it is. */
      if (!JSON_NODE_HOLDS_ARRAY (node) || g_str_equal (l->data, "audit"))
        continue;
      rows = json_node_get_array (node);
      n_rows = json_array_get_length (rows);
      reordered = json_array_new ();
      /* The last row first, then the others, each with its keys reversed. */
      for (guint i = 0; i < n_rows; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, (i + n_rows - 1) % n_rows);
          g_autoptr(JsonObject) copy = json_object_new ();
          g_autoptr(GList) columns = g_list_reverse (json_object_get_members (row));

          for (GList *c = columns; c != NULL; c = c->next)
            json_object_set_member (copy, c->data,
                                    json_node_copy (json_object_get_member (row, c->data)));
          json_array_add_object_element (reordered, g_steal_pointer (&copy));
        }
      json_object_set_array_member (root, l->data, g_steal_pointer (&reordered));
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);

  first = read_file (f->json_path);
  second = read_file (path);
  g_assert_cmpstr (first, !=, second);

  g_assert_true (pd_json_import (f->target, path, &error));
  g_assert_no_error (error);
  g_assert_true (pd_json_export (f->target, again_path, &error));
  g_assert_no_error (error);
  g_free (second);
  second = read_file (again_path);
  g_assert_cmpstr (first, ==, second);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/json/round-trip", test_round_trip);
  ADD ("/json/round-trip/engines", test_round_trip_engines);
  ADD ("/json/export/parses", test_export_parses);
  ADD ("/json/export/mode", test_export_mode);
  ADD ("/json/export/empty", test_export_empty);
  ADD ("/json/export/in-transaction", test_export_in_transaction);
  ADD ("/json/export/fails-cleanly", test_export_fails_cleanly);
  ADD ("/json/import/not-empty", test_import_not_empty);
  ADD ("/json/import/missing-file", test_import_missing_file);
  ADD ("/json/import/any-order", test_import_any_order);
  ADD ("/json/import/older-file", test_import_older_file);
  g_test_add_func ("/json/check/text", test_check_text);
  ADD ("/json/import/deep", test_import_deep);
  ADD ("/json/import/too-large", test_import_too_large);
  ADD ("/json/import/value-too-large", test_import_value_too_large);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    g_test_add (bad_files[i].test_path, Fixture, &bad_files[i], fixture_set_up,
                test_import_bad, fixture_tear_down);

#undef ADD

  result = g_test_run ();
  pd_test_clear_dir (&template_dir);
  g_free (template_path);
  g_free (template_json_path);
  return result;
}
