/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-test-core.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  guint n_staff_changed;
} Fixture;

static void
on_staff_changed_cb (PdDatabase *db,
                     Fixture    *fixture)
{
  fixture->n_staff_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_signal_connect (fixture->db, "staff-changed", G_CALLBACK (on_staff_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pd_staff_set_now (0);
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

/* An account as another desk would have left it, below the functions
 * under test. */
static gint64
insert_account (Fixture    *fixture,
                const char *name,
                const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (fixture->db,
                            "INSERT INTO staff (name, role, created_at)"
                            " VALUES (:name, :role, 1)", &error);
  g_assert_no_error (error);
  pd_statement_bind_text (stmt, "name", name);
  pd_statement_bind_text (stmt, "role", role);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  return pd_statement_get_inserted_id (stmt);
}

static void
act_as (Fixture    *fixture,
        gint64      id,
        const char *name,
        PdRole      role)
{
  PdStaff *staff = g_new0 (PdStaff, 1);

  staff->id = id;
  staff->name = g_strdup (name);
  staff->role = role;
  pd_database_take_staff (fixture->db, staff);
}

static void
test_roles_rights (void)
{
  PdRights front_desk = pd_role_get_rights (PD_ROLE_FRONT_DESK);

  g_assert_cmpuint (front_desk, ==, PD_RIGHT_CHECK_IN | PD_RIGHT_MEMBER_NAMES |
                                    PD_RIGHT_MEMBER_DETAILS | PD_RIGHT_MEMBER_EDIT);
  g_assert_cmpuint (front_desk & PD_RIGHT_MEMBER_NOTES, ==, 0);
  g_assert_cmpuint (pd_role_get_rights (PD_ROLE_FACILITATOR), ==,
                    PD_RIGHT_MEMBER_NAMES | PD_RIGHT_MEETINGS);
  g_assert_cmpuint (pd_role_get_rights (PD_ROLE_COORDINATOR), ==,
                    PD_RIGHT_MEMBER_NAMES | PD_RIGHT_VOLUNTEERS);
  g_assert_cmpuint (pd_role_get_rights (PD_ROLE_DIRECTOR), ==, PD_RIGHTS_ALL);
  g_assert_cmpuint (PD_RIGHTS_ALL & PD_RIGHT_ERASE, ==, PD_RIGHT_ERASE);
  g_assert_cmpuint (pd_role_get_rights (PD_ROLE_NONE), ==, 0);
}

static void
test_roles_strings (void)
{
  PdRole role = PD_ROLE_NONE;

  for (PdRole r = PD_ROLE_FRONT_DESK; r <= PD_ROLE_DIRECTOR; r++)
    {
      g_assert_true (pd_role_from_string (pd_role_to_string (r), &role));
      g_assert_cmpint (role, ==, r);
      g_assert_cmpstr (pd_role_get_label (r), !=, "");
    }
  g_assert_cmpstr (pd_role_to_string (PD_ROLE_FRONT_DESK), ==, "front-desk");
  g_assert_cmpstr (pd_role_get_label (PD_ROLE_COORDINATOR), ==, "Volunteer coordinator");
  g_assert_false (pd_role_from_string ("none", &role));
  g_assert_false (pd_role_from_string ("Director", &role));
  g_assert_false (pd_role_from_string (NULL, &role));
}

static void
test_roles_holders (void)
{
  g_autofree char *export = pd_rights_describe_holders (PD_RIGHT_EXPORT);
  g_autofree char *hours = pd_rights_describe_holders (PD_RIGHT_VOLUNTEERS);
  g_autofree char *names = pd_rights_describe_holders (PD_RIGHT_MEMBER_NAMES);
  g_autofree char *both = pd_rights_describe_holders (PD_RIGHT_MEMBER_NAMES | PD_RIGHT_CHECK_IN);

  g_assert_cmpstr (export, ==, "a director");
  g_assert_cmpstr (hours, ==, "a volunteer coordinator or a director");
  g_assert_cmpstr (names, ==, "a front-desk worker, a facilitator, a volunteer coordinator "
                              "or a director");
  g_assert_cmpstr (both, ==, "a front-desk worker or a director");
}

/* Without a director account the database is one person with every right. */
static void
test_sign_in_off (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_staff_sign_in_enabled (fixture->db));
  g_assert_false (pd_staff_needs_passphrase (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_DIRECTOR);
  g_assert_null (pd_database_get_staff (fixture->db));
  g_assert_true (pd_database_has_right (fixture->db, PD_RIGHT_ERASE));
  g_assert_true (pd_database_require (fixture->db, PD_RIGHT_EXPORT, "export records", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_database_get_actor (fixture->db, "Front desk 1"), ==, "Front desk 1");

  /* Accounts without a director leave it off. */
  insert_account (fixture, "Ana", "front-desk");
  g_assert_false (pd_staff_sign_in_enabled (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_DIRECTOR);
}

static void
test_nobody_signed_in (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  insert_account (fixture, "Dee", "director");
  g_assert_true (pd_staff_sign_in_enabled (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_NONE);
  g_assert_false (pd_database_has_right (fixture->db, PD_RIGHT_MEMBER_NAMES));
  g_assert_false (pd_database_require (fixture->db, PD_RIGHT_CHECK_IN, "check members in",
                                       &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_assert_cmpstr (error->message, ==, "Nobody is signed in: sign in to check members in.");
}

static void
test_require_refusal (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  insert_account (fixture, "Dee", "director");
  id = insert_account (fixture, "Cam", "coordinator");
  act_as (fixture, id, "Cam", PD_ROLE_COORDINATOR);
  g_assert_cmpuint (fixture->n_staff_changed, ==, 1);

  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_COORDINATOR);
  g_assert_true (pd_database_require (fixture->db, PD_RIGHT_VOLUNTEERS, "log hours", &error));
  g_assert_no_error (error);
  g_assert_false (pd_database_require (fixture->db, PD_RIGHT_EXPORT, "export records", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, ==, "Only a director may export records.");
  g_clear_error (&error);
  g_assert_false (pd_database_require (fixture->db, PD_RIGHT_CHECK_IN, "check members in",
                                       &error));
  g_assert_cmpstr (error->message, ==, "Only a front-desk worker or a director may check "
                                       "members in.");
  g_assert_cmpstr (pd_database_get_actor (fixture->db, "Front desk 1"), ==, "Cam");
}

/* A role changed or an account removed elsewhere holds at once. */
static void
test_role_follows_account (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  insert_account (fixture, "Dee", "director");
  id = insert_account (fixture, "Fay", "facilitator");
  act_as (fixture, id, "Fay", PD_ROLE_FACILITATOR);
  g_assert_true (pd_database_has_right (fixture->db, PD_RIGHT_MEETINGS));

  g_assert_true (pd_database_exec (fixture->db, "UPDATE staff SET role = 'front-desk'"
                                                " WHERE name = 'Fay'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_FRONT_DESK);
  g_assert_cmpint (pd_database_get_staff (fixture->db)->role, ==, PD_ROLE_FRONT_DESK);
  g_assert_false (pd_database_has_right (fixture->db, PD_RIGHT_MEETINGS));

  g_assert_true (pd_database_exec (fixture->db, "UPDATE staff SET removed_at = 5"
                                                " WHERE name = 'Fay'", &error));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_NONE);
  g_assert_false (pd_database_has_right (fixture->db, PD_RIGHT_MEMBER_NAMES));
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Roles are checked by the database too. */
  g_assert_false (pd_database_exec (fixture->db, "INSERT INTO staff (name, role, created_at)"
                                                 " VALUES ('Al', 'owner', 1)", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  /* A name is one account's among the active ones, in any case; a removed
   * account frees it. */
  insert_account (fixture, "Ana", "front-desk");
  g_assert_false (pd_database_exec (fixture->db, "INSERT INTO staff (name, role, created_at)"
                                                 " VALUES ('ANA', 'director', 1)", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (pd_database_exec (fixture->db, "UPDATE staff SET removed_at = 2", &error));
  insert_account (fixture, "Ana", "director");
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/staff/roles/rights", test_roles_rights);
  g_test_add_func ("/staff/roles/strings", test_roles_strings);
  g_test_add_func ("/staff/roles/holders", test_roles_holders);
  ADD ("/staff/schema", test_schema);
  ADD ("/staff/session/sign-in-off", test_sign_in_off);
  ADD ("/staff/session/nobody-signed-in", test_nobody_signed_in);
  ADD ("/staff/session/require-refusal", test_require_refusal);
  ADD ("/staff/session/role-follows-account", test_role_follows_account);

#undef ADD

  return g_test_run ();
}
