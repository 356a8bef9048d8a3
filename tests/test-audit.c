/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-audit.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-period.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-test-core.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pd_staff_set_now (0);
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static void
add_entry (Fixture     *fixture,
           PdAuditKind  kind,
           gint64       member_id,
           const char  *detail,
           gint64       count)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_audit_add (fixture->db, kind, member_id, detail, count, &error));
  g_assert_no_error (error);
}

static void
test_kinds (void)
{
  PdAuditKind kind;

  for (PdAuditKind k = 0; k < PD_AUDIT_N_KINDS; k++)
    {
      g_assert_true (pd_audit_kind_from_string (pd_audit_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpstr (pd_audit_kind_get_label (k), !=, "");
    }
  g_assert_cmpstr (pd_audit_kind_to_string (PD_AUDIT_SIGN_IN_FAILED), ==, "sign-in-failed");
  g_assert_cmpstr (pd_audit_kind_get_label (PD_AUDIT_NOTES_OPENED), ==, "Notes opened");
  g_assert_false (pd_audit_kind_from_string ("delete-everything", &kind));
  g_assert_false (pd_audit_kind_from_string (NULL, &kind));
}

/* Nothing, not even raw SQL through the core, changes or removes an entry. */
static void
test_append_only (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  add_entry (fixture, PD_AUDIT_EXPORT, 0, "members.csv", 12);

  g_assert_false (pd_database_exec (fixture->db, "UPDATE audit SET detail = 'x'", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "audit trail cannot be changed"));
  g_clear_error (&error);
  g_assert_false (pd_database_exec (fixture->db, "DELETE FROM audit", &error));
  g_assert_nonnull (strstr (error->message, "audit trail cannot be changed"));
  g_clear_error (&error);
  g_assert_false (pd_database_exec_dialect (fixture->db,
                                            "INSERT OR REPLACE INTO audit"
                                            " (id, at, kind) VALUES (1, 0, 'export')",
                                            "INSERT INTO audit (id, at, kind)"
                                            " VALUES (1, 0, 'export') ON CONFLICT (id)"
                                            " DO UPDATE SET at = excluded.at, kind = excluded.kind",
                                            &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (pd_test_query_int (fixture->db,
                                      "SELECT count(*) FROM audit WHERE detail = 'members.csv'"
                                      " AND count = 12 AND kind = 'export'"), ==, 1);
  g_assert_cmpint (pd_test_query_int (fixture->db, "SELECT count(*) FROM audit"), ==, 1);
}

/* An entry lands with the change it records, or not at all. */
static void
test_in_transaction (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(PdTransaction) tx = pd_database_begin_transaction (fixture->db, &error);

    g_assert_no_error (error);
    add_entry (fixture, PD_AUDIT_BACKUP, 0, "peerdesk.db", -1);
    /* not committed */
  }
  g_assert_cmpint (pd_test_query_int (fixture->db, "SELECT count(*) FROM audit"), ==, 0);
}

static void
test_add_records_who (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  PdAuditQuery query = PD_AUDIT_QUERY_INIT;
  PdAuditEntry *entry;
  PdStaff *staff;

  pd_staff_set_now (1700000000);
  pd_database_set_os_user (fixture->db, "frontdesk");
  add_entry (fixture, PD_AUDIT_COMMAND, 0, "export", -1);

  g_assert_true (pd_database_exec (fixture->db,
                                   "INSERT INTO members (number, first_name, joined_date,"
                                   " created_at, updated_at, sort_key)"
                                   " VALUES ('M-000042', 'Ana', '2026-01-01', '', '', 'ana')",
                                   &error));
  g_assert_no_error (error);
  staff = g_new0 (PdStaff, 1);
  staff->id = 1;
  staff->name = g_strdup ("Dee");
  staff->role = PD_ROLE_DIRECTOR;
  pd_database_take_staff (fixture->db, staff);
  pd_database_set_os_user (fixture->db, NULL);
  pd_staff_set_now (1700000060);
  add_entry (fixture, PD_AUDIT_NOTES_OPENED, 1, NULL, -1);

  entries = pd_audit_list (fixture->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);

  entry = entries->pdata[0];
  g_assert_cmpint (entry->kind, ==, PD_AUDIT_NOTES_OPENED);
  g_assert_cmpint (entry->at, ==, 1700000060);
  g_assert_cmpstr (entry->staff, ==, "Dee");
  g_assert_cmpstr (entry->os_user, ==, "");
  g_assert_cmpint (entry->member_id, ==, 1);
  g_assert_cmpstr (entry->member_number, ==, "M-000042");
  g_assert_cmpstr (entry->detail, ==, "");
  g_assert_cmpint (entry->count, ==, -1);

  entry = entries->pdata[1];
  g_assert_cmpint (entry->kind, ==, PD_AUDIT_COMMAND);
  g_assert_cmpint (entry->at, ==, 1700000000);
  g_assert_cmpstr (entry->staff, ==, "");
  g_assert_cmpstr (entry->os_user, ==, "frontdesk");
  g_assert_cmpint (entry->member_id, ==, 0);
  g_assert_null (entry->member_number);
  g_assert_cmpstr (entry->detail, ==, "export");
}

static gint64
local_time (int year,
            int month,
            int day,
            int hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (time);
}

static GPtrArray *
list (Fixture            *fixture,
      const PdAuditQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = pd_audit_list (fixture->db, query, &error);

  g_assert_no_error (error);
  return entries;
}

/* The ids of the entries, newest first, as "5 3 1". */
static char *
ids_of (GPtrArray *entries)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            ((PdAuditEntry *) entries->pdata[i])->id);
  g_ptr_array_unref (entries);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_ids (Fixture            *fixture,
            const PdAuditQuery *query,
            const char         *expected)
{
  g_autofree char *ids = ids_of (list (fixture, query));

  g_assert_cmpstr (ids, ==, expected);
}

static void
insert_member (Fixture    *fixture,
               const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (fixture->db,
                            "INSERT INTO members (number, first_name, joined_date, created_at,"
                            " updated_at, sort_key) VALUES (:number, 'X', '2026-01-01', '', '',"
                            " 'x')", &error);
  g_assert_no_error (error);
  pd_statement_bind_text (stmt, "number", number);
  g_assert_true (pd_statement_execute (stmt, &error));
}

/* Entries 1 to 8, over three days of March 2026:
 *   1  1 Mar 09h  Ana  notes-opened  M-1
 *   2  1 Mar 10h  Dee  export
 *   3  2 Mar 09h  Ana  member-changed M-2
 *   4  2 Mar 23h  Dee  notes-opened  M-1
 *   5  3 Mar 00h  Ana  notes-opened  M-2
 *   6  3 Mar 12h  Dee  notes-opened  M-1
 *   7  3 Mar 13h  Ana  export
 *   8  2 Mar 15h  Dee  report        (written after 7 by a clock set back)
 */
static void
fill_trail (Fixture *fixture)
{
  static const struct {
    int day;
    int hour;
    const char *staff;
    PdAuditKind kind;
    gint64 member_id;
  } entries[] = {
    { 1, 9, "Ana", PD_AUDIT_NOTES_OPENED, 1 },
    { 1, 10, "Dee", PD_AUDIT_EXPORT, 0 },
    { 2, 9, "Ana", PD_AUDIT_MEMBER_CHANGED, 2 },
    { 2, 23, "Dee", PD_AUDIT_NOTES_OPENED, 1 },
    { 3, 0, "Ana", PD_AUDIT_NOTES_OPENED, 2 },
    { 3, 12, "Dee", PD_AUDIT_NOTES_OPENED, 1 },
    { 3, 13, "Ana", PD_AUDIT_EXPORT, 0 },
    { 2, 15, "Dee", PD_AUDIT_REPORT, 0 },
  };

  insert_member (fixture, "M-1");
  insert_member (fixture, "M-2");
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      pd_staff_set_now (local_time (2026, 3, entries[i].day, entries[i].hour));
      pd_test_act_as (fixture->db, 1, entries[i].staff, PD_ROLE_DIRECTOR);
      add_entry (fixture, entries[i].kind, entries[i].member_id, NULL, -1);
    }
  pd_database_take_staff (fixture->db, NULL);
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(PdPeriod) day_two = NULL;
  g_autoptr(PdPeriod) days = NULL;
  g_autoptr(GError) error = NULL;
  PdAuditQuery query = PD_AUDIT_QUERY_INIT;

  fill_trail (fixture);
  day_two = pd_period_new_from_iso ("2026-03-02", "2026-03-02", &error);
  days = pd_period_new_from_iso ("2026-03-02", "2026-03-03", &error);
  g_assert_no_error (error);

  assert_ids (fixture, &query, "7 6 5 4 8 3 2 1");

  query.staff = "Ana";
  assert_ids (fixture, &query, "7 5 3 1");
  query.staff = "Nobody";
  assert_ids (fixture, &query, "");
  query.staff = NULL;

  query.member_number = "M-1";
  assert_ids (fixture, &query, "6 4 1");
  query.member_number = "M-404";
  assert_ids (fixture, &query, "");
  query.member_number = NULL;

  query.kind = PD_AUDIT_NOTES_OPENED;
  assert_ids (fixture, &query, "6 5 4 1");
  query.kind = PD_AUDIT_RESTORE;
  assert_ids (fixture, &query, "");
  query.kind = -1;

  /* Local days, both included. */
  query.period = day_two;
  assert_ids (fixture, &query, "4 8 3");
  query.period = days;
  assert_ids (fixture, &query, "7 6 5 4 8 3");

  /* Together. */
  query.staff = "Dee";
  query.kind = PD_AUDIT_NOTES_OPENED;
  assert_ids (fixture, &query, "6 4");
  query.member_number = "M-2";
  assert_ids (fixture, &query, "");
}

static void
test_list_pages (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPeriod) days = pd_period_new_from_iso ("2026-03-02", "2026-03-03", &error);
  PdAuditQuery query = PD_AUDIT_QUERY_INIT;

  fill_trail (fixture);

  query.limit = 3;
  assert_ids (fixture, &query, "7 6 5");
  query.before_id = 5;
  assert_ids (fixture, &query, "4 8 3");
  query.before_id = 3;
  assert_ids (fixture, &query, "2 1");
  query.before_id = 1;
  assert_ids (fixture, &query, "");

  query.before_id = 8;
  query.period = days;
  assert_ids (fixture, &query, "3");
  query.period = NULL;
  query.staff = "Dee";
  query.before_id = 4;
  assert_ids (fixture, &query, "8 2");

  query.before_id = 99;
  g_assert_null (pd_audit_list (fixture->db, &query, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static void
test_list_member_number (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  PdAuditQuery query = PD_AUDIT_QUERY_INIT;

  fill_trail (fixture);
  query.kind = PD_AUDIT_MEMBER_CHANGED;
  entries = list (fixture, &query);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((PdAuditEntry *) entries->pdata[0])->member_id, ==, 2);
  g_assert_cmpstr (((PdAuditEntry *) entries->pdata[0])->member_number, ==, "M-2");
}

static void
test_list_needs_right (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PdAuditQuery query = PD_AUDIT_QUERY_INIT;

  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");

  g_assert_null (pd_audit_list (fixture->db, &query, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);

  pd_test_sign_in (fixture->db, "Ana", "front desk pass");
  g_assert_null (pd_audit_list (fixture->db, &query, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, ==, "Only a director may read the audit trail.");
  g_clear_error (&error);

  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  g_ptr_array_unref (list (fixture, &query));
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/audit/kinds", test_kinds);
  ADD ("/audit/append-only", test_append_only);
  ADD ("/audit/in-transaction", test_in_transaction);
  ADD ("/audit/add/records-who", test_add_records_who);
  ADD ("/audit/list/filters", test_list_filters);
  ADD ("/audit/list/pages", test_list_pages);
  ADD ("/audit/list/member-number", test_list_member_number);
  ADD ("/audit/list/needs-right", test_list_needs_right);

#undef ADD

  return g_test_run ();
}
