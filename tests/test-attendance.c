/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-attendance.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-visits.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  guint n_attendance_changed;
  guint n_members_changed;
} Fixture;

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               Fixture    *fixture)
{
  if (g_str_equal (table, "attendance"))
    fixture->n_attendance_changed++;
  else if (g_str_equal (table, "members"))
    fixture->n_members_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_signal_connect (fixture->db, "changed", G_CALLBACK (on_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static gint64
add_member (Fixture    *fixture,
            const char *first_name,
            const char *last_name)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  fixture->n_members_changed = 0;
  return pd_member_get_id (member);
}

/* Groups and sessions are written with SQL here, so that these tests
 * depend on the schema only: @sql runs with :text, :number and :text2
 * bound, those it names, as any program could; returns the id of the row
 * it inserted. */
static gint64
run_insert (Fixture    *fixture,
            const char *sql,
            const char *text,
            gint64      number,
            const char *text2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (fixture->db, sql, &error);

  g_assert_no_error (error);
  if (strstr (sql, ":text") != NULL)
    pd_statement_bind_text (stmt, "text", text);
  if (strstr (sql, ":number") != NULL)
    pd_statement_bind_int64 (stmt, "number", number);
  if (strstr (sql, ":text2") != NULL)
    pd_statement_bind_text (stmt, "text2", text2);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  return g_str_has_prefix (sql, "INSERT") ? pd_statement_get_inserted_id (stmt) : 0;
}

static gint64
add_group (Fixture    *fixture,
           const char *name,
           const char *mode)
{
  return run_insert (fixture,
                     "INSERT INTO groups (name, kind, start_date, attendance_mode, created_at,"
                     " updated_at)"
                     " VALUES (:text, 'peer_support', '2024-01-01', :text2, '2024-01-01T00:00:00Z',"
                     " '2024-01-01T00:00:00Z')",
                     name, 0, mode);
}

static gint64
add_session (Fixture    *fixture,
             gint64      group_id,
             const char *starts_at)
{
  return run_insert (fixture,
                     "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                     " VALUES (:number, :text, 60)",
                     starts_at, group_id, NULL);
}

static void
cancel_session (Fixture *fixture,
                gint64   session_id)
{
  run_insert (fixture,
              "UPDATE sessions SET cancelled = 1, cancel_reason = :text WHERE id = :number",
              "snow", session_id, NULL);
}

/* The one number @sql reads, with @parameter bound as :id if it has one. */
static gint64
query_int (Fixture    *fixture,
           const char *sql,
           gint64      parameter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (fixture->db, sql, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  if (strstr (sql, ":id") != NULL)
    pd_statement_bind_int64 (stmt, "id", parameter);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  return pd_statement_get_int64 (stmt, 0);
}

/* Inserts an attendance row as another program could. */
static gboolean
insert_attendance_row (Fixture  *fixture,
                       gint64    session_id,
                       gint64    member_id,
                       GError  **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (fixture->db,
                            "INSERT INTO attendance (session_id, member_id,"
                            " recorded_at) VALUES (:session, :member, '2024-01-01T00:00:00Z')",
                            error);
  g_assert_nonnull (stmt);
  pd_statement_bind_int64 (stmt, "session", session_id);
  pd_statement_bind_int64 (stmt, "member", member_id);
  return pd_statement_execute (stmt, error);
}

static void
mark (Fixture *fixture,
      gint64   session_id,
      gint64   member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_attendance_mark (fixture->db, session_id, member_id, &error));
  g_assert_no_error (error);
}

static char *
ids_to_string (GArray *ids)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (s, FALSE);
}

static char *
present (Fixture *fixture,
         gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = pd_attendance_present (fixture->db, session_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids_to_string (ids);
}

static void
test_mark (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 ben = add_member (fixture, "Ben", "Ode");
  gint64 group = add_group (fixture, "Tuesday peer support", "named");
  gint64 session = add_session (fixture, group, "2024-05-07T18:00");
  gint64 other = add_session (fixture, group, "2024-05-14T18:00");

  g_assert_false (pd_attendance_is_present (fixture->db, session, ana));
  mark (fixture, session, ben);
  mark (fixture, session, ana);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 2);
  g_assert_true (pd_attendance_is_present (fixture->db, session, ana));
  g_assert_true (pd_attendance_is_present (fixture->db, session, ben));
  g_assert_false (pd_attendance_is_present (fixture->db, other, ana));
  ids = present (fixture, session);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, ana, ben);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);
  ids = present (fixture, other);
  g_assert_cmpstr (ids, ==, "");

  g_assert_true (pd_attendance_unmark (fixture->db, session, ana, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 3);
  g_assert_false (pd_attendance_is_present (fixture->db, session, ana));
  g_assert_true (pd_attendance_is_present (fixture->db, session, ben));

  g_assert_false (pd_attendance_unmark (fixture->db, session, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Marked again after a mistake was undone. */
  mark (fixture, session, ana);

  g_assert_false (pd_attendance_mark (fixture->db, session, 9999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no member with id 9999");
  g_clear_error (&error);
  g_assert_false (pd_attendance_mark (fixture->db, 9999, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no session with id 9999");
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 4);
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 group = add_group (fixture, "Tuesday peer support", "named");
  gint64 session = add_session (fixture, group, "2024-05-07T18:00");

  mark (fixture, session, ana);
  g_assert_false (pd_attendance_mark (fixture->db, session, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "Member M-000001 is already marked present");
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 1);
  g_clear_error (&error);

  /* Whatever writes to the database. */
  g_assert_false (insert_attendance_row (fixture, session, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attendance", 0), ==, 1);
}

static void
test_headcount_only (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 group = add_group (fixture, "Thursday SMART Recovery", "headcount");
  gint64 session = add_session (fixture, group, "2024-05-09T19:00");

  g_assert_false (pd_attendance_mark (fixture->db, session, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Thursday SMART Recovery”"));
  g_assert_nonnull (strstr (error->message, "headcount"));
  g_clear_error (&error);

  g_assert_cmpint (pd_attendance_add_first_timer (fixture->db, session, "Jo", NULL, &error), ==,
                   0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM members", 0), ==, 1);

  /* The database refuses names too, whoever writes them. */
  g_assert_false (insert_attendance_row (fixture, session, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "headcount-only group: no names are recorded");
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attendance", 0), ==, 0);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 0);
  g_assert_cmpuint (fixture->n_members_changed, ==, 0);

  g_assert_true (pd_attendance_set_headcount (fixture->db, session, 14, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT headcount FROM sessions WHERE id = :id", session),
                   ==, 14);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 1);

  /* Corrected. */
  g_assert_true (pd_attendance_set_headcount (fixture->db, session, 12, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT headcount FROM sessions WHERE id = :id", session),
                   ==, 12);
}

static void
test_headcount_modes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 named = add_group (fixture, "Tuesday peer support", "named");
  gint64 both = add_group (fixture, "Family night", "both");
  gint64 named_session = add_session (fixture, named, "2024-05-07T18:00");
  gint64 both_session = add_session (fixture, both, "2024-05-08T18:00");

  g_assert_false (pd_attendance_set_headcount (fixture->db, named_session, 5, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Tuesday peer support”"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT headcount FROM sessions WHERE id = :id",
                              named_session), ==, 0);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 0);

  /* Names and guests together. */
  mark (fixture, both_session, ana);
  g_assert_true (pd_attendance_set_headcount (fixture->db, both_session, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT headcount FROM sessions WHERE id = :id",
                              both_session), ==, 3);
  g_assert_true (pd_attendance_is_present (fixture->db, both_session, ana));

  g_assert_false (pd_attendance_set_headcount (fixture->db, 9999, 3, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 group = add_group (fixture, "Family night", "both");
  gint64 session = add_session (fixture, group, "2024-05-08T18:00");

  cancel_session (fixture, session);

  g_assert_false (pd_attendance_mark (fixture->db, session, ana, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_clear_error (&error);

  g_assert_false (pd_attendance_set_headcount (fixture->db, session, 4, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_clear_error (&error);

  g_assert_cmpint (pd_attendance_add_first_timer (fixture->db, session, "Jo", NULL, &error), ==,
                   0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attendance", 0), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT headcount FROM sessions WHERE id = :id", session),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM members", 0), ==, 1);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 0);
}

/* The statement of @db whose text contains @marker has never walked a
 * whole table: it went through indexes only. */
static void
assert_no_full_scan (Fixture    *fixture,
                     const char *marker)
{
  sqlite3 *handle;
  gboolean seen = FALSE;

  /* SQLite counts the steps of its statements; a server plans its own. */
  if (pd_database_is_shared (fixture->db))
    return;
  handle = pd_database_get_handle (fixture->db);
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (handle, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (handle, stmt))
    {
      if (strstr (sqlite3_sql (stmt), marker) == NULL)
        continue;
      seen = TRUE;
      g_test_message ("%s", sqlite3_sql (stmt));
      g_assert_cmpint (sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, FALSE), ==, 0);
    }
  g_assert_true (seen);
}

static void
test_regulars (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) regulars = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  gint64 group = add_group (fixture, "Tuesday peer support", "named");
  gint64 elsewhere = add_group (fixture, "Wednesday wellness", "named");
  /* Weekly sessions; the one at hand is "now", on 13 February. */
  gint64 s1 = add_session (fixture, group, "2024-01-09T18:00");
  gint64 s2 = add_session (fixture, group, "2024-01-16T18:00");
  gint64 s3 = add_session (fixture, group, "2024-01-23T18:00");
  gint64 s4 = add_session (fixture, group, "2024-01-30T18:00");
  gint64 s5 = add_session (fixture, group, "2024-02-06T18:00");
  gint64 now = add_session (fixture, group, "2024-02-13T18:00");
  gint64 later = add_session (fixture, group, "2024-02-20T18:00");
  gint64 w1 = add_session (fixture, elsewhere, "2024-02-07T18:00");
  gint64 w2 = add_session (fixture, elsewhere, "2024-02-14T18:00");
  gint64 s0 = add_session (fixture, group, "2024-01-02T18:00");
  gint64 zoe = add_member (fixture, "Zoe", "Ash");
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 ben = add_member (fixture, "Ben", "Ode");
  gint64 cal = add_member (fixture, "Cal", "Ng");
  gint64 dee = add_member (fixture, "Dee", "Ito");
  gint64 eve = add_member (fixture, "Eve", "Lund");
  gint64 gus = add_member (fixture, "Gus", "Pry");

  /* The last four sessions held before "now" are s5, s4, s2 and s1: s3
   * was cancelled. */
  mark (fixture, s3, dee);
  cancel_session (fixture, s3);

  /* Zoe: 2 of the last 4, the earliest of them beyond the cancelled
   * one: a regular. */
  mark (fixture, s5, zoe);
  mark (fixture, s1, zoe);
  /* Ana: 3 of 4: a regular. */
  mark (fixture, s1, ana);
  mark (fixture, s2, ana);
  mark (fixture, s4, ana);
  /* Ben: 1 of 4. */
  mark (fixture, s4, ben);
  /* Cal: once in the last 4, and once before them. */
  mark (fixture, s0, cal);
  mark (fixture, s5, cal);
  /* Dee: at the cancelled session, and one other. */
  mark (fixture, s2, dee);
  /* Eve: once before, then at this session and a later one. */
  mark (fixture, s5, eve);
  mark (fixture, now, eve);
  mark (fixture, later, eve);
  /* Gus: once here, twice at another group. */
  mark (fixture, s4, gus);
  mark (fixture, w1, gus);
  mark (fixture, w2, gus);

  regulars = pd_attendance_regulars (fixture->db, now, &error);
  g_assert_no_error (error);
  ids = ids_to_string (regulars);
  /* In the order of the member list, by name. */
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, ana, zoe);
  g_assert_cmpstr (ids, ==, expected);
  assert_no_full_scan (fixture, "HAVING count");

  /* A week later, s1 has left the window and "now" has joined it: Zoe is
   * no longer a regular, Eve is (at "now" and s5). */
  g_clear_pointer (&regulars, g_array_unref);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);
  regulars = pd_attendance_regulars (fixture->db, later, &error);
  g_assert_no_error (error);
  ids = ids_to_string (regulars);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, ana, eve);
  g_assert_cmpstr (ids, ==, expected);

  /* Nobody is a regular at a group's first session. */
  g_clear_pointer (&regulars, g_array_unref);
  regulars = pd_attendance_regulars (fixture->db, s0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (regulars->len, ==, 0);

  g_clear_pointer (&regulars, g_array_unref);
  regulars = pd_attendance_regulars (fixture->db, 9999, &error);
  g_assert_null (regulars);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static void
test_first_timer (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = NULL;
  gint64 group = add_group (fixture, "Tuesday peer support", "both");
  gint64 session = add_session (fixture, group, "2024-05-07T18:00");
  gint64 id;

  id = pd_attendance_add_first_timer (fixture->db, session, " Jo ", "k", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (pd_attendance_is_present (fixture->db, session, id));
  g_assert_cmpuint (fixture->n_members_changed, ==, 1);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 1);

  member = pd_members_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), ==, "Jo");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, "K");
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_NUMBER), ==, "M-000001");
  g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, 1);

  /* Without a name, or with more than an initial, nothing is written. */
  g_assert_cmpint (pd_attendance_add_first_timer (fixture->db, session, "", NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pd_attendance_add_first_timer (fixture->db, session, "Al", "Smith", &error), ==,
                   0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pd_attendance_add_first_timer (fixture->db, 9999, "Al", NULL, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM members", 0), ==, 1);
  g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM attendance", 0), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM meta WHERE key = 'bulk_load'", 0),
                   ==, 0);
  g_assert_cmpuint (fixture->n_members_changed, ==, 1);
  g_assert_cmpuint (fixture->n_attendance_changed, ==, 1);
}

static char *
history_to_string (GPtrArray *entries)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      PdHistoryEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (s, "%s %s %s\n", entry->at, entry->kind, entry->what);
    }
  return g_string_free (s, FALSE);
}

static char *
history (Fixture *fixture,
         gint64   member_id,
         guint    offset,
         guint    limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pd_member_history (fixture->db, member_id, offset, limit,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, <=, limit);
  return history_to_string (entries);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *pages = NULL;
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 ben = add_member (fixture, "Ben", "Ode");
  gint64 tuesday = add_group (fixture, "Tuesday peer support", "named");
  gint64 family = add_group (fixture, "Family night", "both");
  gint64 t1 = add_session (fixture, tuesday, "2024-05-07T18:00");
  gint64 t2 = add_session (fixture, tuesday, "2024-05-14T18:00");
  gint64 f1 = add_session (fixture, family, "2024-05-08T18:00");
  gint64 naloxone;

  naloxone = pd_purposes_find (fixture->db, "Naloxone kit", &error);
  g_assert_no_error (error);

  /* Recorded in no particular order. */
  mark (fixture, t2, ana);
  g_assert_cmpint (pd_visits_check_in (fixture->db, ana, 0, "2024-05-07T10:30", NULL, &error), >,
                   0);
  mark (fixture, t1, ana);
  g_assert_cmpint (pd_visits_check_in (fixture->db, ana, naloxone, "2024-05-09T12:00", NULL,
                                       &error), >, 0);
  mark (fixture, f1, ana);
  g_assert_cmpint (pd_visits_check_in (fixture->db, ana, 0, "2024-05-14T18:00:00", NULL, &error),
                   >, 0);
  /* Someone else's, and anonymous visits, are not Ana's. */
  mark (fixture, t1, ben);
  g_assert_cmpint (pd_visits_check_in (fixture->db, ben, 0, "2024-05-08T09:00", NULL, &error), >,
                   0);
  g_assert_cmpint (pd_visits_check_in (fixture->db, 0, 0, "2024-05-08T09:00", NULL, &error), >,
                   0);
  g_assert_no_error (error);

  all = history (fixture, ana, 0, 100);
  g_assert_cmpstr (all, ==,
                   "2024-05-14T18:00:00 visit Drop-in\n"
                   "2024-05-14T18:00 attendance Tuesday peer support\n"
                   "2024-05-09T12:00:00 visit Naloxone kit\n"
                   "2024-05-08T18:00 attendance Family night\n"
                   "2024-05-07T18:00 attendance Tuesday peer support\n"
                   "2024-05-07T10:30:00 visit Drop-in\n");
  assert_no_full_scan (fixture, "UNION ALL");

  /* Pages put end to end give the whole history. */
  {
    g_autofree char *first = history (fixture, ana, 0, 4);
    g_autofree char *second = history (fixture, ana, 4, 4);

    pages = g_strconcat (first, second, NULL);
    g_assert_cmpstr (pages, ==, all);
    g_free (pages);
  }
  pages = history (fixture, ana, 2, 2);
  g_assert_cmpstr (pages, ==,
                   "2024-05-09T12:00:00 visit Naloxone kit\n"
                   "2024-05-08T18:00 attendance Family night\n");
  g_free (pages);
  pages = history (fixture, ana, 6, 4);
  g_assert_cmpstr (pages, ==, "");
  g_free (pages);
  pages = history (fixture, add_member (fixture, "Cy", "Lee"), 0, 10);
  g_assert_cmpstr (pages, ==, "");
}

/* When a member last came to a group: its sessions only, before this one. */
static void
test_last_at_group (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 group = add_group (fixture, "Circle", "named");
  gint64 other_group = add_group (fixture, "Art", "named");
  gint64 first = add_session (fixture, group, "2026-03-03T18:00");
  gint64 second = add_session (fixture, group, "2026-03-10T18:00");
  gint64 this = add_session (fixture, group, "2026-03-17T18:00");
  gint64 later = add_session (fixture, group, "2026-03-24T18:00");
  gint64 elsewhere = add_session (fixture, other_group, "2026-03-15T18:00");
  gint64 ana = add_member (fixture, "Ana", "Rivera");
  gint64 bea = add_member (fixture, "Bea", "Nolan");
  g_autoptr(GError) error = NULL;
  g_autofree char *ana_last = NULL;
  g_autofree char *bea_last = NULL;

  g_assert_true (pd_attendance_mark (fixture->db, first, ana, NULL));
  g_assert_true (pd_attendance_mark (fixture->db, second, ana, NULL));
  g_assert_true (pd_attendance_mark (fixture->db, this, ana, NULL));
  g_assert_true (pd_attendance_mark (fixture->db, later, ana, NULL));
  g_assert_true (pd_attendance_mark (fixture->db, elsewhere, bea, NULL));

  ana_last = pd_attendance_last_at_group (fixture->db, this, ana, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ana_last, ==, "2026-03-10T18:00");
  bea_last = pd_attendance_last_at_group (fixture->db, this, bea, &error);
  g_assert_no_error (error);
  g_assert_null (bea_last);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/attendance/mark", test_mark);
  ADD ("/attendance/duplicate", test_duplicate);
  ADD ("/attendance/headcount-only", test_headcount_only);
  ADD ("/attendance/headcount/modes", test_headcount_modes);
  ADD ("/attendance/cancelled", test_cancelled);
  ADD ("/attendance/regulars", test_regulars);
  ADD ("/attendance/first-timer", test_first_timer);
  ADD ("/attendance/history", test_history);
  ADD ("/attendance/last-at-group", test_last_at_group);

#undef ADD

  return g_test_run ();
}
