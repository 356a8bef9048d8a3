/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-audit.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-member-erase.h"
#include "pd-member-words.h"
#include "pd-members.h"
#include "pd-report.h"
#include "pd-staff-private.h"
#include "pd-test-core.h"
#include "pd-statement.h"
#include "pd-visits.h"

/* What identifies the member to erase, each a string found nowhere else
 * in the database; names in lower case too, as the full-text index keeps
 * them. */
static const char *const identifying[] = {
  "Zephyrine", "zephyrine", "Quarrington", "quarrington", "Wrenna", "wrenna", "xe/xem",
  "1957-03-29", "5550139876", "zeph.quarrington@example.org", "Oswaldo Pennyfeather",
  "5550142222", "Talked about her brother Oswin", "Volunteer note of Zeph",
};

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *db;
  gint64 member_id;
  char *number;
} Fixture;

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_database_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

/* Byte order, as the server's "C" collation has it. */
static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The index of the names holds the words of every member's names and
 * nothing else: SQLite checks members_fts against the table; on a
 * server, member_words is compared with the words of each member. */
static void
assert_index_whole (Fixture *fixture)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) indexed = g_string_new (NULL);
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!pd_database_is_shared (fixture->db))
    {
      exec (fixture, "INSERT INTO members_fts (members_fts) VALUES ('integrity-check')");
      return;
    }

  stmt = pd_database_query (fixture->db,
                            "SELECT id, number, first_name, last_name, preferred_name"
                            " FROM members ORDER BY id",
                            &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    {
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      if (g_str_equal (pd_statement_get_text (stmt, 1), pd_statement_get_text (stmt, 2)))
        continue;
      for (int c = 2; c <= 4; c++)
        {
          g_auto(GStrv) split = pd_member_words_split (pd_statement_get_text (stmt, c));

          for (guint i = 0; split[i] != NULL; i++)
            if (!g_ptr_array_find_with_equal_func (words, split[i], g_str_equal, NULL))
              g_ptr_array_add (words, g_strdup (split[i]));
        }
      g_ptr_array_sort (words, compare_words);
      for (guint i = 0; i < words->len; i++)
        g_string_append_printf (expected, "%s %s\n", pd_statement_get_text (stmt, 0),
                                (const char *) g_ptr_array_index (words, i));
    }
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stmt, pd_statement_release);

  stmt = pd_database_query (fixture->db,
                            "SELECT member_id, word FROM member_words ORDER BY member_id, word",
                            &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    g_string_append_printf (indexed, "%s %s\n", pd_statement_get_text (stmt, 0),
                            pd_statement_get_text (stmt, 1));
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (indexed->str, ==, expected->str);
}

static gint64
add_member (Fixture    *fixture,
            const char *first_name,
            const char *joined_date)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, joined_date);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static void
visit (Fixture    *fixture,
       gint64      member_id,
       const char *at)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pd_visits_check_in (fixture->db, member_id, 0, at, "Desk", &error), >, 0);
  g_assert_no_error (error);
}

static void
attend (Fixture *fixture,
        gint64   session_id,
        gint64   member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_attendance_mark (fixture->db, session_id, member_id, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;
  const char *others[] = { "Ann", "Bob", "Cleo", "Dev", "Eli" };
  gint64 ids[G_N_ELEMENTS (others)];

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, &fixture->path);

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Zephyrine");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Quarrington");
  pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, "Wrenna");
  pd_member_set (member, PD_MEMBER_FIELD_PRONOUNS, "xe/xem");
  pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, "1957-03-29");
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, "5550139876");
  pd_member_set (member, PD_MEMBER_FIELD_EMAIL, "zeph.quarrington@example.org");
  pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_NAME, "Oswaldo Pennyfeather");
  pd_member_set (member, PD_MEMBER_FIELD_EMERGENCY_PHONE, "5550142222");
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, "2025-02-03");
  pd_member_set (member, PD_MEMBER_FIELD_GENDER, "woman");
  pd_member_set (member, PD_MEMBER_FIELD_VETERAN, "yes");
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, "Talked about her brother Oswin");
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  fixture->member_id = pd_member_get_id (member);
  fixture->number = g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    ids[i] = add_member (fixture, others[i], "2025-01-10");

  /* The volunteer record of the same person. */
  g_assert_cmpint (fixture->member_id, ==, 1);
  exec (fixture,
        "INSERT INTO volunteers (id, member_id, display_name, phone, email, start_date, notes,"
        " created_at, updated_at)"
        " VALUES (1, 1, 'Wrenna Quarrington', '5550139876', '', '2025-03-01',"
        " 'Volunteer note of Zeph', '', '');"
        "INSERT INTO groups (id, name, kind, start_date, attendance_mode, created_at, updated_at)"
        " VALUES (1, 'Circle', 'peer_support', '2025-01-01', 'named', '', '');"
        "INSERT INTO sessions (id, group_id, starts_at, duration_minutes)"
        " VALUES (1, 1, '2025-04-07T18:00', 60), (2, 1, '2025-04-14T18:00', 60)");
  visit (fixture, fixture->member_id, "2025-04-02T10:00:00");
  visit (fixture, fixture->member_id, "2025-05-02T10:00:00");
  attend (fixture, 1, fixture->member_id);
  attend (fixture, 2, fixture->member_id);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      visit (fixture, ids[i], "2025-04-03T11:00:00");
      attend (fixture, 1, ids[i]);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->db != NULL)
    g_assert_finalize_object (fixture->db);
  g_free (fixture->number);
  g_free (fixture->path);
  pd_test_clear_dir (&fixture->dir);
}

/* The bytes of the database file and of its log, if any. */
static GByteArray *
read_files (const char *path)
{
  GByteArray *bytes = g_byte_array_new ();
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_byte_array_append (bytes, (const guint8 *) contents, length);
    }
  return bytes;
}

static gboolean
contains (GByteArray *bytes,
          const char *text)
{
  gsize length = strlen (text);

  for (gsize i = 0; i + length <= bytes->len; i++)
    if (bytes->data[i] == (guint8) text[0] && memcmp (bytes->data + i, text, length) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_found (GByteArray *bytes)
{
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (identifying); i++)
    {
      if (contains (bytes, identifying[i]))
        {
          g_test_message ("still in the files: %s", identifying[i]);
          found++;
        }
    }
  return found;
}

static PdReport *
make_report (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 1, 15, 9, 30, 0);
  g_autoptr(PdPeriod) period = pd_period_new_from_iso ("2025-01-01", "2025-12-31", &error);
  PdReportOptions options = { .period = period, .organisation = "Harbour Light",
                              .grant_id = "TI-0861", .threshold = 0, .renewal_window_days = 90,
                              .now = now };
  PdReport *report = pd_report_new (fixture->db, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
erase (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_members_erase (fixture->db, fixture->member_id, &error));
  g_assert_no_error (error);
}

static void
test_erase_leaves_no_copy (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GByteArray) before = NULL;
  g_autoptr(GByteArray) after = NULL;
  g_autoptr(GByteArray) closed = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  if (pd_test_skip_unless_sqlite ("no byte of the member is left in the file or its log"))
    return;

  /* Each value is there to be found at first, so that not finding it
   * later means something. */
  before = read_files (fixture->path);
  g_assert_cmpuint (count_found (before), ==, G_N_ELEMENTS (identifying));

  erase (fixture);

  after = read_files (fixture->path);
  g_assert_cmpuint (count_found (after), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&fixture->db));
  closed = read_files (fixture->path);
  g_assert_cmpuint (count_found (closed), ==, 0);
}

static void
test_erase_keeps_past_reports (Fixture       *fixture,
                               gconstpointer  user_data)
{
  PdReport *before = make_report (fixture);
  PdReport *after;

  erase (fixture);
  after = make_report (fixture);

  g_assert_cmpint (before->served.value, ==, 6);
  g_assert_cmpint (after->served.value, ==, before->served.value);
  g_assert_cmpint (after->new_members.value, ==, before->new_members.value);
  g_assert_cmpint (after->visits_total.value, ==, before->visits_total.value);
  g_assert_cmpint (after->attendance_total.value, ==, before->attendance_total.value);
  g_assert_cmpint (after->unique_attendees.value, ==, before->unique_attendees.value);
  g_assert_cmpint (after->sessions_held, ==, before->sessions_held);
  g_assert_cmpint (after->left_out.value, ==, before->left_out.value);
  g_assert_cmpint (after->volunteers_active, ==, before->volunteers_active);
  /* Demographics still add up to everyone served, the erased member's
   * answers now "not collected". */
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    g_assert_true (after->demographics[i].total == &after->served);

  pd_report_free (before);
  pd_report_free (after);
}

static void
test_erase_shows_number_only (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PdStatement) volunteer = NULL;
  gboolean present = FALSE;

  erase (fixture);

  /* Not by a name it had… */
  found = pd_members_search (fixture->db, "Zephyrine", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = pd_members_search (fixture->db, "Quarr", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* … nor by the number standing in for it as a word, … */
  found = pd_members_search (fixture->db, "m", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* … but by its number, as an erased member. */
  found = pd_members_search (fixture->db, fixture->number, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  member = g_object_ref (g_ptr_array_index (found, 0));
  g_assert_true (pd_member_is_erased (member));
  name = pd_member_dup_display_name (member);
  expected = g_strdup_printf ("Erased member %s", fixture->number);
  g_assert_cmpstr (name, ==, expected);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_JOINED_DATE), ==, "2025-02-03");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_STATUS), ==, "inactive");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_GENDER), ==, "not_collected");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_NOTES), ==, "");

  /* Others keep their names in the index. */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = pd_members_search (fixture->db, "Cle", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  volunteer = pd_database_query (fixture->db,
                                 "SELECT display_name, phone, notes FROM volunteers WHERE id = 1",
                                 &error);
  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (volunteer, &present, &error));
  g_assert_no_error (error);
  g_assert_true (present);
  g_assert_cmpstr (pd_statement_get_text (volunteer, 0), ==, fixture->number);
  g_assert_cmpstr (pd_statement_get_text (volunteer, 1), ==, "");
  g_assert_cmpstr (pd_statement_get_text (volunteer, 2), ==, "");
  g_clear_pointer (&volunteer, pd_statement_release);

  /* The index is whole, and a second erasure is refused. */
  assert_index_whole (fixture);
  g_assert_false (pd_members_erase (fixture->db, fixture->member_id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_erase_audited (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  PdAuditQuery query = { NULL, NULL, PD_AUDIT_MEMBER_ERASED, NULL, 0, 10 };
  const PdAuditEntry *entry;

  erase (fixture);

  entries = pd_audit_list (fixture->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->member_id, ==, 0);
  g_assert_null (entry->member_number);
  g_assert_true (entry->detail == NULL || *entry->detail == '\0');
}

/* An account as the staff functions leave it, and its session. */
static void
act_as (Fixture    *fixture,
        const char *name,
        PdRole      role)
{
  gint64 id = pd_test_insert_staff (fixture->db, name, pd_role_to_string (role));

  pd_test_act_as (fixture->db, id, name, role);
}

static void
test_erase_refused (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = NULL;
  const PdRole roles[] = { PD_ROLE_FRONT_DESK, PD_ROLE_FACILITATOR, PD_ROLE_COORDINATOR };
  const char *names[] = { "Fran", "Faye", "Cory" };

  /* A director's account turns sign-in on. */
  act_as (fixture, "Dana", PD_ROLE_DIRECTOR);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      act_as (fixture, names[i], roles[i]);
      g_assert_false (pd_members_erase (fixture->db, fixture->member_id, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
      g_assert_nonnull (strstr (error->message, "director"));
      g_clear_error (&error);
    }

  /* Nobody signed in: refused too. */
  pd_database_take_staff (fixture->db, NULL);
  g_assert_false (pd_members_erase (fixture->db, fixture->member_id, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);

  /* Nothing was changed. */
  act_as (fixture, "Dina", PD_ROLE_DIRECTOR);
  member = pd_members_get (fixture->db, fixture->member_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), ==, "Zephyrine");

  erase (fixture);
  g_clear_object (&member);
  member = pd_members_get (fixture->db, fixture->member_id, &error);
  g_assert_no_error (error);
  g_assert_true (pd_member_is_erased (member));
}

/* A restored export keeps the member erased, and out of the name index. */
static void
test_erase_survives_import (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autoptr(PdMembersWriter) writer = NULL;

  erase (fixture);
  member = pd_members_get (fixture->db, fixture->member_id, &error);
  g_assert_no_error (error);

  exec (fixture, "DELETE FROM attendance; DELETE FROM visits; DELETE FROM volunteers;"
                 "DELETE FROM members");
  writer = pd_members_writer_new (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (pd_members_writer_restore (writer, member, &error));
  g_assert_no_error (error);
  g_assert_true (pd_members_writer_finish (writer, &error));
  g_assert_no_error (error);

  found = pd_members_search (fixture->db, "m", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  assert_index_whole (fixture);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/erase/leaves-no-copy", test_erase_leaves_no_copy);
  ADD ("/erase/keeps-past-reports", test_erase_keeps_past_reports);
  ADD ("/erase/shows-number-only", test_erase_shows_number_only);
  ADD ("/erase/audited", test_erase_audited);
  ADD ("/erase/refused", test_erase_refused);
  ADD ("/erase/survives-import", test_erase_survives_import);

  return g_test_run ();
}
