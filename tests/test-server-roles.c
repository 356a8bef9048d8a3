/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-error.h"
#include "pd-member.h"
#include "pd-members.h"
#include "pd-report-async.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-test-core.h"
#include "pd-training.h"

/* Staff roles held by the PostgreSQL server itself: what a staff member
 * may do with their own passphrase from psql, below Peerdesk. */

#define DIRECTOR_PASSPHRASE "director passphrase one"
#define FRONT_DESK_PASSPHRASE "front desk passphrase"
#define FACILITATOR_PASSPHRASE "facilitator passphrase"
#define DESK_PASSWORD "desk-password-42"

typedef struct
{
  char *dir;
  char *uri;
  PdDatabase *db;
  char *database;     /* the database's name on the server */
} Fixture;

static gboolean
skip_on_sqlite (void)
{
  if (pd_test_is_postgresql ())
    return FALSE;
  g_test_skip ("Roles held by the server are PostgreSQL's: a SQLite file has no server "
               "to hold them");
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!pd_test_is_postgresql ())
    return;
  f->dir = pd_test_make_dir ();
  f->db = pd_test_new_database (f->dir, &f->uri);
  f->database = pd_test_query_text (f->db, "SELECT current_database ()");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->database);
  g_free (f->uri);
  pd_test_clear_dir (&f->dir);
}

/* A connection to the fixture's database as @user with @password, as psql
 * would make it; check its status. */
static PGconn *
connect_as (Fixture    *f,
            const char *user,
            const char *password)
{
  const char *keys[] = { "dbname", "user", "password", NULL };
  const char *values[] = { f->uri, user, password, NULL };

  return PQconnectdbParams (keys, values, TRUE);
}

static PGconn *
connect_ok (Fixture    *f,
            const char *user,
            const char *password)
{
  PGconn *conn = connect_as (f, user, password);

  g_assert_cmpstr (PQerrorMessage (conn), ==, "");
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* @uri, a database of the test server, as @user rather than the tests'
 * superuser. */
static char *
with_user (const char *uri,
           const char *user)
{
  g_auto(GStrv) parts = g_strsplit (uri, "&user=peerdesk", -1);
  g_autofree char *replacement = g_strdup_printf ("&user=%s", user);

  return g_strjoinv (replacement, parts);
}

/* The SQLSTATE @sql ends with on @conn, "" when it succeeds. */
static char *
run (PGconn     *conn,
     const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  char *copy = g_strdup (state != NULL ? state : "");

  PQclear (result);
  return copy;
}

#define assert_allowed(conn, sql) \
  G_STMT_START { g_autofree char *state_ = run (conn, sql); \
                 g_assert_cmpstr (state_, ==, ""); } G_STMT_END
/* 42501: insufficient_privilege, the server's refusal. */
#define assert_denied(conn, sql) \
  G_STMT_START { g_autofree char *state_ = run (conn, sql); \
                 g_assert_cmpstr (state_, ==, "42501"); } G_STMT_END

/* The login role of the account @name. */
static char *
login_of (Fixture    *f,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStaff) staff = pd_staff_find (f->db, name, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%s.staff.%" G_GINT64_FORMAT, f->database, staff->id);
}

/* Sign-in on, with a director and a front-desk account, and a member
 * with notes. */
static void
add_accounts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, "Relapsed in May");
  g_assert_true (pd_members_insert (f->db, member, &error));
  g_assert_no_error (error);
  pd_test_sign_in_director (f->db, "Dana", DIRECTOR_PASSPHRASE);
  pd_test_add_staff (f->db, "Frank", PD_ROLE_FRONT_DESK, FRONT_DESK_PASSPHRASE);
  g_assert_true (pd_database_set_meta (f->db, "report_threshold", "11", &error));
  g_assert_no_error (error);
}

static void
test_front_desk_from_psql (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *frank = NULL;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  frank = login_of (f, "Frank");

  conn = connect_ok (f, frank, FRONT_DESK_PASSPHRASE);
  /* Members, but not their notes. */
  assert_allowed (conn, "SELECT first_name, phone FROM members");
  assert_denied (conn, "SELECT notes FROM members");
  assert_denied (conn, "SELECT * FROM members");
  assert_denied (conn, "UPDATE members SET notes = 'Overwritten'");
  assert_denied (conn, "INSERT INTO members (number, first_name, joined_date, created_at,"
                       " updated_at, sort_key, notes) VALUES ('9', 'Cy', '2024-01-01', 'x', 'x',"
                       " 'cy', 'Planted')");
  /* A row written back whole with the notes it was given blank keeps them. */
  assert_allowed (conn, "UPDATE members SET phone = '555-0101', notes = ''");
  g_assert_cmpint (pd_test_query_int (f->db, "SELECT count (*) FROM members"
                                             " WHERE notes = 'Relapsed in May'"), ==, 1);
  /* The audit trail: appended to, never read or changed. */
  assert_allowed (conn, "INSERT INTO audit (at, kind) VALUES (1, 'sign-in')");
  assert_denied (conn, "SELECT * FROM audit");
  assert_denied (conn, "UPDATE audit SET detail = ''");
  assert_denied (conn, "DELETE FROM audit");
  assert_denied (conn, "TRUNCATE audit");
  /* The accounts' names, never their hashes; no account of its own. */
  assert_allowed (conn, "SELECT name, role FROM staff");
  assert_denied (conn, "SELECT passphrase_hash FROM staff");
  assert_denied (conn, "SELECT pin_hash FROM staff");
  assert_denied (conn, "INSERT INTO staff (name, role, created_at) VALUES ('Eve', 'director', 1)");
  assert_denied (conn, "UPDATE staff SET role = 'director'");
  /* Its own rows of the settings, not a director's. */
  assert_allowed (conn, "INSERT INTO meta (key, value) VALUES ('welcomed', '1')"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  assert_denied (conn, "INSERT INTO meta (key, value) VALUES ('report_threshold', '1')"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  assert_denied (conn, "INSERT INTO meta (key, value) VALUES ('organisation', 'Other')");
  assert_allowed (conn, "UPDATE meta SET value = '1' WHERE key = 'report_threshold'");
  assert_allowed (conn, "DELETE FROM meta WHERE key = 'report_threshold'");
  g_assert_cmpint (pd_test_query_int (f->db, "SELECT CAST (value AS BIGINT) FROM meta"
                                             " WHERE key = 'report_threshold'"), ==, 11);
  /* Nothing of a director's or of the other roles'. */
  assert_denied (conn, "SELECT * FROM groups");
  assert_denied (conn, "SELECT * FROM volunteers");
  assert_denied (conn, "DELETE FROM visit_purposes");
  assert_denied (conn, "SELECT pd_staff_login_set (1, 'front-desk', NULL)");
  assert_denied (conn, "SELECT pd_staff_login_drop (1)");
  PQfinish (conn);
}

/* A facilitator sees members by number and name, from psql as in the
 * app, which still reads them (the rest as empty) and finds them by name,
 * not by phone. */
static void
test_names_only (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *fay = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) ana = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 id;
  gint64 session;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  id = pd_test_query_int (f->db, "SELECT id FROM members WHERE first_name = 'Ana'");
  g_assert_true (pd_database_exec (f->db, "UPDATE members SET phone = '555-0101',"
                                          " phone_digits = '5550101', birth_date = '1980-02-03'",
                                   &error));
  g_assert_no_error (error);
  pd_test_add_staff (f->db, "Fay", PD_ROLE_FACILITATOR, FACILITATOR_PASSPHRASE);
  fay = login_of (f, "Fay");

  conn = connect_ok (f, fay, FACILITATOR_PASSPHRASE);
  assert_allowed (conn, "SELECT id, number, first_name, last_name, preferred_name FROM members");
  assert_denied (conn, "SELECT phone FROM members");
  assert_denied (conn, "SELECT birth_date FROM members");
  assert_denied (conn, "SELECT phone_digits FROM members");
  assert_denied (conn, "SELECT gender FROM members");
  PQfinish (conn);

  pd_test_sign_in (f->db, "Fay", FACILITATOR_PASSPHRASE);
  ana = pd_members_get (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (ana, PD_MEMBER_FIELD_FIRST_NAME), ==, "Ana");
  g_assert_cmpstr (pd_member_get (ana, PD_MEMBER_FIELD_PHONE), ==, "");
  ids = pd_members_search_ids (f->db, "ana", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = pd_members_search_ids (f->db, "555 01", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);

  /* A facilitator's own work: a meeting's attendance, regulars and a
   * first-timer, who becomes a member. */
  g_assert_true (pd_database_exec (f->db,
                                   "INSERT INTO groups (name, kind, start_date, attendance_mode,"
                                   " created_at, updated_at) VALUES ('Tuesday', 'peer_support',"
                                   " '2024-01-01', 'named', '2024-01-01T00:00:00Z',"
                                   " '2024-01-01T00:00:00Z')", &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_exec (f->db,
                                   "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                                   " SELECT id, '2024-01-02T18:00', 60 FROM groups", &error));
  g_assert_no_error (error);
  session = pd_test_query_int (f->db, "SELECT id FROM sessions");
  g_assert_true (pd_attendance_mark (f->db, session, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);
  ids = pd_attendance_regulars (f->db, session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_attendance_add_first_timer (f->db, session, "Cy", "R", &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);
  ids = pd_attendance_present (f->db, session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
}

static void
test_wrong_passphrase_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *frank = NULL;
  g_autofree char *dana = NULL;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  frank = login_of (f, "Frank");
  dana = login_of (f, "Dana");

  conn = connect_as (f, frank, "not the passphrase");
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  g_assert_nonnull (strstr (PQerrorMessage (conn), "password authentication failed"));
  PQfinish (conn);
  /* One account's passphrase is not another's. */
  conn = connect_as (f, dana, FRONT_DESK_PASSPHRASE);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  PQfinish (conn);
}

/* The desk's own role, with nobody signed in: the sign-in screen's reads
 * and nothing else. */
static void
test_desk_role (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *desk = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  desk = g_strdup_printf ("%s-desk", f->database);
  sql = g_strdup_printf ("CREATE ROLE \"%s\" LOGIN PASSWORD '" DESK_PASSWORD "'"
                         " IN ROLE \"%s.desk\"", desk, f->database);
  conn = connect_ok (f, "peerdesk", NULL);
  assert_allowed (conn, sql);
  PQfinish (conn);

  conn = connect_ok (f, desk, DESK_PASSWORD);
  assert_allowed (conn, "SELECT id, name, role, locked_until, removed_at FROM staff");
  assert_allowed (conn, "SELECT value FROM meta WHERE key = 'schema_version'");
  assert_allowed (conn, "INSERT INTO audit (at, kind) VALUES (1, 'sign-in-failed')");
  assert_denied (conn, "SELECT passphrase_hash FROM staff");
  assert_denied (conn, "SELECT id FROM members");
  assert_denied (conn, "SELECT id FROM visits");
  assert_denied (conn, "INSERT INTO visits (visited_at, purpose_id, recorded_by)"
                       " VALUES ('x', 1, 'x')");
  assert_denied (conn, "SELECT id FROM audit");
  assert_denied (conn, "UPDATE staff SET role = 'director'");
  assert_denied (conn, "SELECT pd_staff_login_set (1, 'director', NULL)");
  PQfinish (conn);

  /* A desk connected as that role signs staff in and out. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PdDatabase) db = NULL;
    g_autofree char *location = with_user (f->uri, desk);
    g_autofree char *frank = login_of (f, "Frank");
    g_autofree char *who = NULL;

    pd_database_set_password (location, DESK_PASSWORD);
    db = pd_database_open (location, &error);
    g_assert_no_error (error);
    g_assert_true (pd_staff_sign_in_enabled (db));
    g_assert_false (pd_staff_sign_in (db, "Frank", "not the passphrase", &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
    g_clear_error (&error);
    pd_test_sign_in (db, "Frank", FRONT_DESK_PASSPHRASE);
    g_assert_cmpint (pd_database_get_role (db), ==, PD_ROLE_FRONT_DESK);
    who = pd_test_query_text (db, "SELECT session_user");
    g_assert_cmpstr (who, ==, frank);
    pd_staff_sign_out (db);
    g_free (who);
    who = pd_test_query_text (db, "SELECT session_user");
    g_assert_cmpstr (who, ==, desk);
    g_assert_cmpint (pd_test_query_int (f->db, "SELECT failures FROM staff WHERE name = 'Frank'"),
                     ==, 0);
    g_assert_cmpint (pd_test_query_int (f->db, "SELECT count (*) FROM audit"
                                               " WHERE kind = 'sign-in-failed'"
                                               " AND staff = 'Frank'"), ==, 1);
    pd_database_set_password (location, NULL);
  }
}

/* A director adds a facilitator, who can then sign in to the server;
 * changes of passphrase and role and a removal hold there at once. */
static void
test_director_manages_logins (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dana = NULL;
  g_autofree char *fay = NULL;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  dana = login_of (f, "Dana");

  conn = connect_ok (f, dana, DIRECTOR_PASSPHRASE);
  assert_allowed (conn, "SELECT notes FROM members");
  assert_allowed (conn, "SELECT * FROM audit");
  assert_denied (conn, "UPDATE audit SET detail = ''");
  assert_denied (conn, "DELETE FROM audit");
  assert_denied (conn, "TRUNCATE audit");
  assert_denied (conn, "SELECT passphrase_hash FROM staff");
  PQfinish (conn);

  pd_test_add_staff (f->db, "Fay", PD_ROLE_FACILITATOR, FACILITATOR_PASSPHRASE);
  fay = login_of (f, "Fay");
  conn = connect_ok (f, fay, FACILITATOR_PASSPHRASE);
  assert_allowed (conn, "SELECT * FROM groups");
  assert_allowed (conn, "SELECT first_name FROM members");
  assert_denied (conn, "SELECT * FROM hours");
  assert_denied (conn, "SELECT * FROM visits");
  PQfinish (conn);

  /* A new passphrase replaces the old one. */
  g_assert_true (pd_staff_reset (f->db, "Fay", "another passphrase", &error));
  g_assert_no_error (error);
  conn = connect_as (f, fay, FACILITATOR_PASSPHRASE);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  PQfinish (conn);

  /* A new role replaces the old one. */
  g_assert_true (pd_staff_set_role (f->db, "Fay", PD_ROLE_COORDINATOR, &error));
  g_assert_no_error (error);
  conn = connect_ok (f, fay, "another passphrase");
  assert_allowed (conn, "SELECT * FROM volunteers");
  assert_denied (conn, "INSERT INTO groups (name) VALUES ('Art')");
  PQfinish (conn);

  /* A removed account cannot connect. */
  g_assert_true (pd_staff_remove (f->db, "Fay", &error));
  g_assert_no_error (error);
  conn = connect_as (f, fay, "another passphrase");
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  PQfinish (conn);
}

/* Turning sign-in on needs an owner that may create roles: without, it is
 * refused, saying what to grant, and nothing is written. */
static void
test_needs_createrole (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *base = NULL;
  g_autofree char *location = NULL;
  g_autofree char *name = NULL;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  owner = g_strdup_printf ("%s-owner", f->database);
  name = g_strdup_printf ("%s_owned", f->database);
  conn = connect_ok (f, "peerdesk", NULL);
  sql = g_strdup_printf ("CREATE ROLE \"%s\" LOGIN PASSWORD 'owner-password-1'", owner);
  assert_allowed (conn, sql);
  g_free (sql);
  sql = g_strdup_printf ("CREATE DATABASE \"%s\" OWNER \"%s\"", name, owner);
  assert_allowed (conn, sql);
  PQfinish (conn);

  /* The URI of the new database, as its owner. */
  base = g_strdup_printf ("postgresql:///%s?%s", name,
                          strchr (g_getenv ("PD_TEST_POSTGRESQL"), '?') + 1);
  location = with_user (base, owner);
  pd_database_set_password (location, "owner-password-1");
  g_assert_true (pd_database_setup_server (location, &error));
  g_assert_no_error (error);
  db = pd_database_open (location, &error);
  g_assert_no_error (error);

  g_assert_false (pd_staff_add (db, "Dana", PD_ROLE_DIRECTOR, DIRECTOR_PASSPHRASE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_assert_nonnull (strstr (error->message, "CREATEROLE"));
  g_assert_false (pd_staff_sign_in_enabled (db));
  g_assert_cmpint (pd_test_query_int (db, "SELECT count (*) FROM staff"), ==, 0);
  g_assert_cmpint (pd_test_query_int (db, "SELECT count (*) FROM audit"), ==, 0);
  pd_database_set_password (location, NULL);
}

/* Signing in connects as the staff member: what the server refuses that
 * role, the desk cannot do either, whatever its own checks; signing out
 * goes back to the desk's own connection. */
static void
test_sign_in_connects (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *frank = NULL;
  g_autofree char *who = NULL;
  gboolean found = FALSE;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  frank = login_of (f, "Frank");
  pd_test_sign_in (f->db, "Frank", FRONT_DESK_PASSPHRASE);

  who = pd_test_query_text (f->db, "SELECT session_user");
  g_assert_cmpstr (who, ==, frank);
  stmt = pd_database_query (f->db, "SELECT notes FROM members", &error);
  g_assert_no_error (error);
  g_assert_false (pd_statement_fetch (stmt, &found, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_clear_pointer (&stmt, pd_statement_release);

  /* A wrong passphrase is the server's refusal, and leaves Frank signed in. */
  g_assert_false (pd_staff_sign_in (f->db, "Dana", FRONT_DESK_PASSPHRASE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);
  g_assert_cmpstr (pd_database_get_staff (f->db)->name, ==, "Frank");
  g_free (who);
  who = pd_test_query_text (f->db, "SELECT session_user");
  g_assert_cmpstr (who, ==, frank);

  pd_staff_sign_out (f->db);
  g_free (who);
  who = pd_test_query_text (f->db, "SELECT session_user");
  g_assert_cmpstr (who, ==, "peerdesk");
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Exports the records on a thread of their own; whether it worked. */
static gboolean
export_in_thread (Fixture  *f,
                  GError  **error)
{
  g_autofree char *path = g_build_filename (f->dir, "all.json", NULL);
  g_autoptr(GAsyncResult) result = NULL;

  pd_json_export_async (f->db, path, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pd_json_export_finish (f->db, result, error);
}

/* Lists the credentials that need attention on a thread of their own;
 * whether it worked. */
static gboolean
alerts_in_thread (Fixture  *f,
                  GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  guint n_alerts = 0;

  pd_alerts_list_urgent_async (f->db, "2026-03-01", 30, 5, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  alerts = pd_alerts_list_urgent_finish (f->db, result, &n_alerts, error);
  return alerts != NULL;
}

/* The threads that read for reports, exports and credential alerts
 * connect as the one signed in, not as the desk: a role the server takes
 * away holds there too. */
static void
test_threads_connect_as_signed_in (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dana = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  dana = login_of (f, "Dana");
  g_assert_true (export_in_thread (f, &error));
  g_assert_no_error (error);
  g_assert_true (alerts_in_thread (f, &error));
  g_assert_no_error (error);

  /* Behind the desk's back, as no desk would: the desk still takes Dana
   * for a director, the server no longer does. */
  conn = connect_ok (f, "peerdesk", NULL);
  sql = g_strdup_printf ("REVOKE \"%s.director\" FROM \"%s\";"
                         " GRANT \"%s.front-desk\" TO \"%s\"",
                         f->database, dana, f->database, dana);
  assert_allowed (conn, sql);
  PQfinish (conn);
  g_assert_false (export_in_thread (f, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (alerts_in_thread (f, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
}

static void
server_ctl (const char *action)
{
  g_autofree char *command = g_strdup_printf ("%s/control %s",
                                              g_getenv ("PD_TEST_POSTGRESQL_DIR"), action);
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
count_online_changes (PdDatabase *db,
                      gpointer    data)
{
  (*(guint *) data)++;
}

static gboolean
time_is_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the desk went offline and back @n times in
 * all, or 15 s have passed. */
static void
wait_for_online_changes (guint *n_changes,
                         guint  n)
{
  gboolean up = FALSE;
  guint timeout = g_timeout_add_seconds (15, time_is_up, &up);

  while (!up && *n_changes < n)
    g_main_context_iteration (NULL, TRUE);
  if (!up)
    g_source_remove (timeout);
}

/* After an outage the desk connects again as the one signed in, with the
 * passphrase it kept in memory, never as the desk. */
static void
test_reconnects_as_signed_in (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *frank = NULL;
  g_autofree char *who = NULL;
  guint n_changes = 0;

  if (skip_on_sqlite ())
    return;
  add_accounts (f);
  frank = login_of (f, "Frank");
  pd_test_sign_in (f->db, "Frank", FRONT_DESK_PASSPHRASE);
  pd_database_watch_others (f->db, TRUE);
  g_signal_connect (f->db, "online-changed", G_CALLBACK (count_online_changes), &n_changes);

  server_ctl ("stop");
  g_assert_false (pd_database_set_meta (f->db, "next_member_number", "7", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_OFFLINE);
  g_clear_error (&error);
  wait_for_online_changes (&n_changes, 1);
  server_ctl ("start");
  wait_for_online_changes (&n_changes, 2);
  g_assert_true (pd_database_is_online (f->db));

  who = pd_test_query_text (f->db, "SELECT session_user");
  g_assert_cmpstr (who, ==, frank);
  g_assert_cmpint (pd_database_get_role (f->db), ==, PD_ROLE_FRONT_DESK);
  pd_database_watch_others (f->db, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server-roles/front-desk-from-psql", test_front_desk_from_psql);
  ADD ("/server-roles/names-only", test_names_only);
  ADD ("/server-roles/wrong-passphrase-refused", test_wrong_passphrase_refused);
  ADD ("/server-roles/desk-role", test_desk_role);
  ADD ("/server-roles/director-manages-logins", test_director_manages_logins);
  ADD ("/server-roles/needs-createrole", test_needs_createrole);
  ADD ("/server-roles/sign-in-connects", test_sign_in_connects);
  ADD ("/server-roles/threads-connect-as-signed-in", test_threads_connect_as_signed_in);
  ADD ("/server-roles/reconnects-as-signed-in", test_reconnects_as_signed_in);
#undef ADD

  return g_test_run ();
}
