/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-audit.h"
#include "pd-database-private.h"
#include "pd-error.h"
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

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (fixture->db, sql, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_true (found);
  return pd_statement_get_int64 (stmt, 0);
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
  g_assert_false (pd_database_exec (fixture->db, "INSERT OR REPLACE INTO audit"
                                                 " (id, at, kind) VALUES (1, 0, 'export')",
                                    &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit WHERE detail = 'members.csv'"
                                        " AND count = 12 AND kind = 'export'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit"), ==, 1);
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
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audit"), ==, 0);
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

#undef ADD

  return g_test_run ();
}
