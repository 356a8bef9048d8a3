/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-member-csv.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-text.h"

typedef struct
{
  char *dir;
  char *csv_path;
  PdDatabase *db;
  guint n_changed;
} Fixture;

static void
on_members_changed (PdDatabase *db,
                    const char *table,
                    Fixture    *f)
{
  f->n_changed++;
}

static PdDatabase *
open_database (const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return pd_test_open_database (path);
}

static PdMember *
add_member (PdDatabase    *db,
            const char    *number,
            const char    *first_name,
            const char    *last_name,
            const char    *notes)
{
  g_autoptr(GError) error = NULL;
  PdMember *member = pd_member_new ();

  pd_member_set (member, PD_MEMBER_FIELD_NUMBER, number);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, notes);
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  return member;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autoptr(PdMember) bo = NULL;

  f->dir = pd_test_make_dir ();
  f->csv_path = g_build_filename (f->dir, "members.csv", NULL);
  f->db = pd_test_new_database (f->dir, NULL);

  /* M-000001 and M-000002: the next number given is M-000003. */
  ana = add_member (f->db, "M-000001", "Ana", "Lima", "Prefers texts");
  bo = add_member (f->db, "", "Bo", "Chen", "");
  g_assert_cmpstr (pd_member_get (bo, PD_MEMBER_FIELD_NUMBER), ==, "M-000002");

  g_signal_connect (f->db, "changed::members", G_CALLBACK (on_members_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  pd_test_clear_dir (&f->dir);
  g_free (f->csv_path);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Everything an import could change: every column of every member, and
 * the meta table with the next member number. */
static char *
database_snapshot (PdDatabase *db)
{
  static const char *queries[] = {
    "SELECT " PD_MEMBER_COLUMNS ", sort_key, phone_digits FROM members ORDER BY id",
    "SELECT key, value FROM meta ORDER BY key",
    /* The index of the names: members_fts on SQLite, member_words on a
     * server (see pd_database_query_dialect() below). */
    "SELECT count(*) FROM members_fts",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdStatement) stmt = NULL;

      stmt = pd_database_query_dialect (db, queries[q],
                                        q == G_N_ELEMENTS (queries) - 1 ?
                                        "SELECT count(DISTINCT member_id) FROM member_words" :
                                        queries[q],
                                        &error);
      g_assert_no_error (error);
      while (pd_statement_next (stmt))
        {
          for (int i = 0; i < pd_statement_get_n_columns (stmt); i++)
            g_string_append_printf (out, "%s\x1f", pd_statement_get_text (stmt, i));
          g_string_append_c (out, '\n');
        }
      g_assert_true (pd_statement_finish (stmt, &error));
      g_assert_no_error (error);
    }

  return g_string_free (out, FALSE);
}

static gint64
count_members (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pd_members_count (db, &error);

  g_assert_no_error (error);
  return n;
}

static PdMember *
get_member (PdDatabase *db,
            const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  PdMember *member = pd_members_get_by_number (db, number, &error);

  g_assert_no_error (error);
  g_assert_nonnull (member);
  /* Notes come only when asked for. */
  g_assert_true (pd_member_is_withheld (member, PD_MEMBER_FIELD_NOTES));
  g_assert_true (pd_members_read_notes (db, pd_member_get_id (member), &notes, &error));
  g_assert_no_error (error);
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, notes);
  return member;
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  static const char contents[] =
    "\xef\xbb\xbf Last_Name ,FIRST_NAME,number,birth_date,phone,email,gender,race,may_contact,"
    "report_consent,status,notes,created_at\r\n"
    "Ruiz,Carla,m-000120,1980-05,(555) 123-4567,carla@example.org,\"Woman; non_binary\",,yes,"
    "no,inactive,\"Likes \"\"tea\"\", not coffee\nCalls on Mondays\",2001-01-01T00:00:00Z\r\n"
    "  Okafor  ,Chidi,,1975-12-31,,,,,,,,,\r\n"
    ",,,,,,,,,,,,\r\n"
    "\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) carla = NULL;
  g_autoptr(PdMember) chidi = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autofree char *today = pd_date_today ();
  guint n = 0;

  write_file (f->csv_path, contents, -1);
  g_assert_true (pd_member_csv_import (f->db, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (count_members (f->db), ==, 4);
  g_assert_cmpuint (f->n_changed, ==, 1);

  carla = get_member (f->db, "M-000120");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_FIRST_NAME), ==, "Carla");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_LAST_NAME), ==, "Ruiz");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_BIRTH_DATE), ==, "1980-05");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_PHONE), ==, "(555) 123-4567");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_EMAIL), ==, "carla@example.org");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_GENDER), ==, "woman;non_binary");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_RACE), ==, "not_collected");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_MAY_CONTACT), ==, "1");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_REPORT_CONSENT), ==, "0");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_STATUS), ==, "inactive");
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_NOTES), ==,
                   "Likes \"tea\", not coffee\nCalls on Mondays");
  /* A column the file does not have keeps a new member's value. */
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_JOINED_DATE), ==, today);
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_VETERAN), ==, "not_collected");
  /* The database sets the timestamps, whatever the file says. */
  g_assert_cmpstr (pd_member_get (carla, PD_MEMBER_FIELD_CREATED_AT), !=, "2001-01-01T00:00:00Z");
  g_assert_cmpuint (strlen (pd_member_get (carla, PD_MEMBER_FIELD_CREATED_AT)), ==,
                    strlen ("2001-01-01T00:00:00Z"));

  /* No number: the next one after every number used so far. */
  chidi = get_member (f->db, "M-000121");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_FIRST_NAME), ==, "Chidi");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_LAST_NAME), ==, "Okafor");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_BIRTH_DATE), ==, "1975-12-31");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_GENDER), ==, "not_collected");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_STATUS), ==, "active");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_MAY_CONTACT), ==, "0");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_REPORT_CONSENT), ==, "1");
  g_assert_cmpstr (pd_member_get (chidi, PD_MEMBER_FIELD_NOTES), ==, "");

  ana = get_member (f->db, "M-000001");
  g_assert_cmpstr (pd_member_get (ana, PD_MEMBER_FIELD_NOTES), ==, "Prefers texts");
}

/* A blank joining date is the day of the import, as a missing column is:
 * stored empty, the member would never count as new in any report. */
static void
test_import_blank_joined (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) dana = NULL;
  g_autoptr(PdMember) eli = NULL;
  g_autofree char *today = pd_date_today ();

  write_file (f->csv_path,
              "number,first_name,joined_date\nM-000200,Dana,\nM-000201,Eli,2019-04-02\n", -1);
  g_assert_true (pd_member_csv_import (f->db, f->csv_path, NULL, &error));
  g_assert_no_error (error);

  dana = get_member (f->db, "M-000200");
  eli = get_member (f->db, "M-000201");
  g_assert_cmpstr (pd_member_get (dana, PD_MEMBER_FIELD_JOINED_DATE), ==, today);
  g_assert_cmpstr (pd_member_get (eli, PD_MEMBER_FIELD_JOINED_DATE), ==, "2019-04-02");
}

static void
test_import_header_only (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = database_snapshot (f->db);
  g_autofree char *after = NULL;
  guint n = 99;

  write_file (f->csv_path, "first_name,last_name\r\n", -1);
  g_assert_true (pd_member_csv_import (f->db, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  after = database_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_import_missing_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = database_snapshot (f->db);
  g_autofree char *after = NULL;
  guint n = 99;

  g_assert_false (pd_member_csv_import (f->db, f->csv_path, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (n, ==, 0);
  after = database_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  const char *test_path;
  const char *contents;
  gssize length;
  const char *expected[6];   /* each must be in the message */
} BadFile;

/* Each file has good rows before the bad one where it can, so that the
 * test shows those are not kept either. */
static const BadFile bad_files[] = {
  { "/member-csv/import/bad-date",
    "number,first_name,last_name,birth_date\r\n"
    "M-000100,Carla,Ruiz,1980-05-17\r\n"
    "M-000101,Dev,Patel,31/02/1990\r\n", -1,
    { "row 3", "column birth_date", "31/02/1990" } },
  { "/member-csv/import/impossible-date",
    "first_name,joined_date\nCarla,2020-01-01\nDev,2021-02-30\n", -1,
    { "row 3", "column joined_date", "2021-02-30" } },
  { "/member-csv/import/future-date",
    "first_name,joined_date\nCarla,2020-01-01\nDev,2999-01-01\n", -1,
    { "row 3", "column joined_date", "2999-01-01", "future" } },
  { "/member-csv/import/unknown-code",
    "first_name,gender,housing\nEli,woman,sheltered\nFay,man,castle\n", -1,
    { "row 3", "column housing", "castle" } },
  { "/member-csv/import/unknown-code-in-set",
    "first_name,race\nEli,asian;white\nFay,white;martian\n", -1,
    { "row 3", "column race", "martian" } },
  { "/member-csv/import/bad-flag",
    "first_name,may_contact\nEli,yes\nFay,maybe\n", -1,
    { "row 3", "column may_contact", "maybe" } },
  { "/member-csv/import/bad-email",
    "first_name,email\nEli,eli@example.org\nFay,fay at example\n", -1,
    { "row 3", "column email", "fay at example" } },
  { "/member-csv/import/bad-number",
    "number,first_name\nM-000500,Eli\nX-12,Fay\n", -1,
    { "row 3", "column number", "X-12" } },
  { "/member-csv/import/missing-value",
    "first_name,last_name\nFay,Ng\n  ,Smith\n", -1,
    { "row 3", "column first_name", "required" } },
  { "/member-csv/import/duplicate-in-file",
    "number,first_name\nM-000300,Gus\nM-000301,Hal\nm-000300,Ida\n", -1,
    { "row 4", "column number", "M-000300", "already taken", "row 2" } },
  { "/member-csv/import/duplicate-in-database",
    "number,first_name\nM-000400,Jo\nM-000001,Kim\n", -1,
    { "row 3", "column number", "M-000001", "already taken", "database" } },
  { "/member-csv/import/duplicate-given-number",
    "number,first_name\n,Lee\nM-000003,Max\n", -1,
    { "row 3", "column number", "M-000003", "row 2", "no number" } },
  { "/member-csv/import/not-utf8",
    "first_name,notes\nNia,fine\nOto,caf\xe9 au lait\n", -1,
    { "row 3", "column notes", "caf", "au lait", "UTF-8" } },
  { "/member-csv/import/nul-byte",
    "first_name,notes\nNia,a\0b\n", 25,
    { "row 2", "column notes", "UTF-8" } },
  { "/member-csv/import/missing-column",
    "last_name,phone\nSmith,555-123-4567\n", -1,
    { "missing required column first_name" } },
  { "/member-csv/import/unknown-column",
    "first_name,Shoe_Size\nPia,42\n", -1,
    { "row 1", "Shoe_Size", "first_name", "birth_date", "report_consent" } },
  { "/member-csv/import/duplicate-column",
    "first_name, FIRST_NAME \nQi,Qi\n", -1,
    { "row 1", "first_name", "twice", "columns 1 and 2" } },
  { "/member-csv/import/unnamed-column",
    "first_name,,last_name\nQi,,Xu\n", -1,
    { "row 1", "column 2", "no name" } },
  { "/member-csv/import/empty-file",
    "", 0,
    { "the file is empty" } },
  { "/member-csv/import/blank-file",
    " \r\n\r\n\t\n", -1,
    { "the file is empty" } },
  { "/member-csv/import/wrong-field-count",
    "first_name,last_name,phone\nRay,Roe,555-123-4567\nSam,Sun\n", -1,
    { "row 3 has 2 fields, the header has 3" } },
  { "/member-csv/import/unterminated-quote",
    "first_name,notes\nTed,\"fine\"\nUma,\"never closed\nVal,x\n", -1,
    { "row 3", "column notes", "line 3", "never closed" } },
  { "/member-csv/import/stray-quote",
    "first_name,last_name\nVi,Ho\nWes,O\"Neil\n", -1,
    { "row 3", "column last_name", "O\"" } },
  /* A field with line breaks is one row: the message counts records. */
  { "/member-csv/import/row-after-multiline-field",
    "first_name,notes,birth_date\nXia,\"line one\nline two\",1990-01-01\nYu,x,1990-13-01\n", -1,
    { "row 3", "column birth_date", "1990-13-01" } },
};

static void
test_import_bad_file (Fixture       *f,
                      gconstpointer  data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autofree char *before = database_snapshot (f->db);
  g_autofree char *after = NULL;
  gint64 count = count_members (f->db);
  guint n = 99;

  write_file (f->csv_path, bad->contents, bad->length);
  g_assert_false (pd_member_csv_import (f->db, f->csv_path, &n, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == PD_ERROR);
  g_assert_true (pd_error_is_users (error));
  g_assert_cmpuint (n, ==, 0);

  g_assert_nonnull (strstr (error->message, f->csv_path));
  for (guint i = 0; i < G_N_ELEMENTS (bad->expected) && bad->expected[i]; i++)
    if (strstr (error->message, bad->expected[i]) == NULL)
      g_error ("“%s” is not in the message “%s”", bad->expected[i], error->message);

  /* A bad file changes nothing. */
  after = database_snapshot (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_members (f->db), ==, count);
  g_assert_cmpuint (f->n_changed, ==, 0);
  ana = get_member (f->db, "M-000001");
  g_assert_cmpstr (pd_member_get (ana, PD_MEMBER_FIELD_NOTES), ==, "Prefers texts");

  /* And the database still takes a good import afterwards. */
  g_clear_error (&error);
  write_file (f->csv_path, "first_name\nZed\n", -1);
  g_assert_true (pd_member_csv_import (f->db, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (count_members (f->db), ==, count + 1);
}

static void
add_tricky_members (PdDatabase *db)
{
  struct {
    const char *first_name;
    const char *last_name;
    const char *notes;
  } people[] = {
    { "Zoë", "Ñúñez-Çelik", "Café, crème brûlée; «quotes»" },
    { "José \"Pepe\"", "O'Brien, Jr.", "She said \"call me\",\nthen left.\r\nBack Tuesday" },
    { "李", "Nguyễn", "\"\"" },
    { "=SUM(A1)", "Comma, Inc", "line 1\nline 2\n\nline 4" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(PdMember) member = add_member (db, "", people[i].first_name,
                                               people[i].last_name, people[i].notes);

      g_assert_nonnull (member);
    }

  {
    g_autoptr(PdMember) member = pd_member_new ();

    pd_member_set (member, PD_MEMBER_FIELD_NUMBER, "M-004321");
    pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Åsa");
    pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, "Ace");
    pd_member_set (member, PD_MEMBER_FIELD_PRONOUNS, "they/them");
    pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, "1988-02");
    pd_member_set (member, PD_MEMBER_FIELD_PHONE, "+1 (555) 010-9999");
    pd_member_set (member, PD_MEMBER_FIELD_EMAIL, "asa@example.org");
    pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_NAME, "Björn, brother");
    pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_PHONE, "555 010 1234");
    pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, "2019-07-04");
    pd_member_set (member, PD_MEMBER_FIELD_GENDER, "non_binary;transgender");
    pd_member_set (member, PD_MEMBER_FIELD_RACE, "prefers_not_to_answer");
    pd_member_set (member, PD_MEMBER_FIELD_ETHNICITY, "hispanic");
    pd_member_set (member, PD_MEMBER_FIELD_VETERAN, "no");
    pd_member_set (member, PD_MEMBER_FIELD_HOUSING, "recovery_housing");
    pd_member_set (member, PD_MEMBER_FIELD_JUSTICE, "treatment_court");
    pd_member_set (member, PD_MEMBER_FIELD_MAY_CONTACT, "1");
    pd_member_set (member, PD_MEMBER_FIELD_REPORT_CONSENT, "0");
    pd_member_set (member, PD_MEMBER_FIELD_NOTES, "Tab\there, \"quoted\", and a trailing comma,");
    g_assert_true (pd_members_insert (db, member, &error));
    g_assert_no_error (error);
    g_assert_true (pd_members_set_status (db, pd_member_get_id (member), "inactive", &error));
    g_assert_no_error (error);
  }
}

static void
assert_file_mode (const char *path,
                  int         mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, mode);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (GStrv) names->pdata);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) other = NULL;
  g_autoptr(GString) header = g_string_new (NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  guint n_exported = 0;
  guint n_imported = 0;
  guint n_compared = 0;

  add_tricky_members (f->db);

  g_assert_true (pd_member_csv_export (f->db, f->csv_path, &n_exported, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_exported, ==, count_members (f->db));
  g_assert_cmpuint (n_exported, ==, 7);
  assert_file_mode (f->csv_path, 0600);

  /* Only the export is left: no temporary file beside it. */
  listing = list_dir (f->dir);
  g_assert_null (strstr (listing, ".members.csv"));
  g_assert_nonnull (strstr (listing, "members.csv"));

  g_file_get_contents (f->csv_path, &contents, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    g_string_append_printf (header, "%s%s", i ? "," : "", pd_member_field_info (i)->name);
  g_string_append (header, "\r\n");
  g_assert_true (g_str_has_prefix (contents, header->str));
  g_assert_nonnull (strstr (contents, ",yes,no,"));

  other = open_database (f->dir, "other.db");
  g_assert_true (pd_member_csv_import (other, f->csv_path, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, n_exported);
  g_assert_cmpint (count_members (other), ==, n_exported);

  stmt = pd_database_query (f->db, "SELECT " PD_MEMBER_COLUMNS " FROM members ORDER BY id",
                            &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    {
      g_autoptr(PdMember) original = pd_members_from_row (stmt);
      g_autoptr(PdMember) copy = get_member (other, pd_member_get (original,
                                                                   PD_MEMBER_FIELD_NUMBER));

      for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
        {
          if (pd_member_field_info (i)->kind == PD_FIELD_TIMESTAMP)
            continue;
          g_assert_cmpstr (pd_member_get (copy, i), ==, pd_member_get (original, i));
        }
      n_compared++;
    }
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_cmpuint (n_compared, ==, n_exported);

  /* The imported numbers are taken: a new member gets a number after them. */
  {
    g_autoptr(PdMember) newcomer = add_member (other, "", "Newcomer", "", "");

    g_assert_cmpstr (pd_member_get (newcomer, PD_MEMBER_FIELD_NUMBER), ==, "M-004322");
  }
}

/* Names a spreadsheet would run as formulas. */
static const char *const formula_names[] = {
  "=HYPERLINK(\"http://x\",\"click\")",
  "+cmd|' /C calc'!A0",
  "-Ann",
  "@Bo",
  "'=x",
  "''+y",
  "'Quote",
};

static void
set_timestamps (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_database_exec (db,
                                   "UPDATE members SET created_at = '2024-01-02T03:04:05Z',"
                                   " updated_at = '2024-01-02T03:04:05Z'",
                                   &error));
  g_assert_no_error (error);
}

/* An export opened in a spreadsheet runs nothing, and imports back to
 * the same members, which export to the same bytes. */
static void
test_formulas_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) other = NULL;
  g_autofree char *again_path = g_build_filename (f->dir, "again.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *again = NULL;
  g_autofree char *first_names = NULL;
  gsize len, again_len;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (formula_names); i++)
    {
      g_autoptr(PdMember) member = add_member (f->db, "", formula_names[i], "-Lee", "+notes");

      pd_member_set (member, PD_MEMBER_FIELD_PHONE, "+1 555 010 0100");
      g_assert_true (pd_members_update (f->db, member, &error));
      g_assert_no_error (error);
    }
  set_timestamps (f->db);

  g_assert_true (pd_member_csv_export (f->db, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_file_get_contents (f->csv_path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",'-Lee,"));
  g_assert_nonnull (strstr (contents, ",'+cmd|' /C calc'!A0,'-Lee,"));
  g_assert_nonnull (strstr (contents, ",'-Ann,"));
  g_assert_nonnull (strstr (contents, ",'@Bo,"));
  g_assert_nonnull (strstr (contents, ",''=x,"));
  g_assert_nonnull (strstr (contents, ",'''+y,"));
  g_assert_nonnull (strstr (contents, ",'Quote,"));
  g_assert_nonnull (strstr (contents, ",'+1 555 010 0100,"));
  g_assert_nonnull (strstr (contents, ",'+notes,"));
  /* Nothing else starts a cell with a formula. */
  g_assert_null (strstr (contents, ",="));
  g_assert_null (strstr (contents, ",+"));
  g_assert_null (strstr (contents, ",@"));
  g_assert_null (strstr (contents, ",\"="));

  other = open_database (f->dir, "other.db");
  g_assert_true (pd_member_csv_import (other, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (formula_names) + 2);
  for (guint i = 0; i < G_N_ELEMENTS (formula_names); i++)
    {
      g_autofree char *number = g_strdup_printf ("M-%06u", i + 3);
      g_autoptr(PdMember) member = get_member (other, number);

      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), ==,
                       formula_names[i]);
      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, "-Lee");
      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_PHONE), ==, "+1 555 010 0100");
      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_NOTES), ==, "+notes");
    }

  set_timestamps (other);
  g_assert_true (pd_member_csv_export (other, again_path, &n, &error));
  g_assert_no_error (error);
  g_file_get_contents (again_path, &again, &again_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again_len, ==, len);
  g_assert_cmpmem (again, again_len, contents, len);
}

/* A file that is not CSV, or whose rows never end, is refused at the
 * row where it goes wrong, and adds nobody. */
static void
test_import_long_rows (Fixture       *f,
                       gconstpointer  data)
{
  const struct
  {
    const char *prefix;
    char filler;
    const char *expected[3];
  } cases[] = {
    { "first_name,notes\nAna,x\nBo,", 'x', { "row 3", "column notes", "longer than 1 MB" } },
    { "first_name,notes\nAna,x\n", 'a', { "row 3", "column first_name", "longer than 1 MB" } },
    { "first_name\nAna\n", ',', { "row 3", "more than 1000 fields", NULL } },
    { "", '\0', { "row 1", "field 1", "longer than 1 MB" } },
  };
  const gsize size = 10 * 1000 * 1000;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *before = database_snapshot (f->db);
      g_autofree char *after = NULL;
      gsize prefix_len = strlen (cases[i].prefix);
      g_autofree char *contents = g_malloc (size);
      guint n = 99;

      memcpy (contents, cases[i].prefix, prefix_len);
      memset (contents + prefix_len, cases[i].filler, size - prefix_len);
      write_file (f->csv_path, contents, size);

      g_assert_false (pd_member_csv_import (f->db, f->csv_path, &n, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_cmpuint (n, ==, 0);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[j]; j++)
        if (strstr (error->message, cases[i].expected[j]) == NULL)
          g_error ("“%s” is not in the message “%s”", cases[i].expected[j], error->message);
      g_assert_cmpuint (strlen (error->message), <, 300 + strlen (f->csv_path));

      after = database_snapshot (f->db);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (f->n_changed, ==, 0);
    }
}

/* A long note where it does not belong, as when a file's columns are
 * shifted, is named by row and column and only its start is repeated. */
static void
test_import_long_value (Fixture       *f,
                        gconstpointer  data)
{
  const char *columns[] = { "email", "phone", "birth_date", "gender", "may_contact", "number" };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) note = g_string_new ("Relapsed after the funeral; ");
      g_autoptr(GString) contents = NULL;
      g_autofree char *column = NULL;
      g_autofree char *lower = NULL;
      guint n = 99;

      while (note->len < 4990)
        g_string_append (note, "talked it through with her sponsor. ");
      g_string_truncate (note, 4990);
      g_string_append (note, "SECRETTAIL");
      g_assert_cmpuint (note->len, ==, 5000);

      contents = g_string_new (NULL);
      g_string_append_printf (contents, "first_name,%s\nAna,\nBo,\"%s\"\n", columns[i],
                              note->str);
      write_file (f->csv_path, contents->str, contents->len);

      g_assert_false (pd_member_csv_import (f->db, f->csv_path, &n, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_test_message ("%s", error->message);
      column = g_strdup_printf ("column %s", columns[i]);
      g_assert_nonnull (strstr (error->message, "row 3"));
      g_assert_nonnull (strstr (error->message, column));
      /* The start says which value it is (a member number is read in
       * capitals). */
      lower = g_ascii_strdown (error->message, -1);
      g_assert_nonnull (strstr (lower, "relapsed"));
      g_assert_null (strstr (lower, "secrettail"));
      g_assert_null (strstr (lower, "sponsor"));
      g_assert_cmpuint (strlen (error->message), <, 300 + strlen (f->csv_path));
      g_assert_cmpuint (count_members (f->db), ==, 2);
    }
}

/* A bad header or a stray quote shows only the start of the text. */
static void
test_import_long_syntax_error (Fixture       *f,
                               gconstpointer  data)
{
  const struct
  {
    const char *before;
    const char *after;
  } files[] = {
    { "first_name,", "\nAna\n" },
    { "first_name,notes\nAna,x", "\n" },
    { "first_name,notes\nAna,\"", "\"x\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) note = g_string_new ("Relapsed");
      g_autoptr(GString) contents = g_string_new (NULL);
      guint n = 99;

      while (note->len < 4990)
        g_string_append (note, " talked with her sponsor");
      g_string_truncate (note, 4990);
      /* A quote makes the second and third files wrong; the header of the
       * first is wrong by its name. */
      g_string_append (note, i > 0 ? "\"SECRETTAIL" : "SECRETTAIL");
      g_string_append_printf (contents, "%s%s%s", files[i].before, note->str, files[i].after);
      write_file (f->csv_path, contents->str, contents->len);

      g_assert_false (pd_member_csv_import (f->db, f->csv_path, &n, &error));
      g_test_message ("%s", error->message);
      g_assert_null (strstr (error->message, "SECRETTAIL"));
      g_assert_null (strstr (error->message, "sponsor"));
      /* Room for the list of known columns, not for the note. */
      g_assert_cmpuint (strlen (error->message), <, 600 + strlen (f->csv_path));
    }
}

static void
test_export_replaces (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint n = 0;

  write_file (f->csv_path, "old contents", -1);
  g_assert_cmpint (g_chmod (f->csv_path, 0644), ==, 0);

  g_assert_true (pd_member_csv_export (f->db, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  assert_file_mode (f->csv_path, 0600);
  g_file_get_contents (f->csv_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "number,first_name,"));
  g_assert_nonnull (strstr (contents, "\r\nM-000001,Ana,Lima,"));
  g_assert_nonnull (strstr (contents, "\r\nM-000002,Bo,Chen,"));
}

static void
test_export_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) empty = open_database (f->dir, "empty.db");
  g_autoptr(PdDatabase) again = open_database (f->dir, "again.db");
  guint n = 99;

  g_assert_true (pd_member_csv_export (empty, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);

  g_assert_true (pd_member_csv_import (again, f->csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_members (again), ==, 0);
}

static void
test_export_missing_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing", NULL);
  g_autofree char *path = g_build_filename (missing, "members.csv", NULL);
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;
  guint n = 99;

  g_assert_false (pd_member_csv_export (f->db, path, &n, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  after = list_dir (f->dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_export_read_only_folder (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "read-only", NULL);
  g_autofree char *path = g_build_filename (folder, "members.csv", NULL);
  g_autofree char *listing = NULL;
  guint n = 99;

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not apply to root");
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0500), ==, 0);
  g_assert_false (pd_member_csv_export (f->db, path, &n, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "");
}

/* A folder in the way is refused, and no temporary file is left. */
static void
test_export_onto_folder (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 99;

  g_assert_cmpint (g_mkdir (f->csv_path, 0700), ==, 0);
  before = list_dir (f->dir);
  g_assert_false (pd_member_csv_export (f->db, f->csv_path, &n, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_cmpuint (n, ==, 0);
  after = list_dir (f->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_test (f->csv_path, G_FILE_TEST_IS_DIR));
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/member-csv/import/good", test_import_good);
  ADD ("/member-csv/import/blank-joined", test_import_blank_joined);
  ADD ("/member-csv/import/header-only", test_import_header_only);
  ADD ("/member-csv/import/missing-file", test_import_missing_file);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    g_test_add (bad_files[i].test_path, Fixture, &bad_files[i], fixture_set_up,
                test_import_bad_file, fixture_tear_down);
  ADD ("/member-csv/round-trip", test_round_trip);
  ADD ("/member-csv/round-trip/formulas", test_formulas_round_trip);
  ADD ("/member-csv/import/long-rows", test_import_long_rows);
  ADD ("/member-csv/import/long-value", test_import_long_value);
  ADD ("/member-csv/import/long-syntax-error", test_import_long_syntax_error);
  ADD ("/member-csv/export/replaces", test_export_replaces);
  ADD ("/member-csv/export/empty", test_export_empty);
  ADD ("/member-csv/export/missing-folder", test_export_missing_folder);
  ADD ("/member-csv/export/read-only-folder", test_export_read_only_folder);
  ADD ("/member-csv/export/onto-folder", test_export_onto_folder);

#undef ADD

  return g_test_run ();
}
