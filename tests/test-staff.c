/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-json.h"
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

static void
assert_sign_in_fails (Fixture    *fixture,
                      const char *name,
                      const char *secret,
                      int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_staff_sign_in (fixture->db, name, secret, &error));
  g_assert_error (error, PD_ERROR, code);
}

/* A director, Dee, signed in: sign-in is on. */
static void
set_up_director (Fixture *fixture)
{
  pd_test_sign_in_director (fixture->db, "Dee", "correct horse");
}

static gint64
count_audit (Fixture    *fixture,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) desk = pd_test_open_as_desk (fixture->db);
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  /* Below the signed-in role, which may not read the trail on a server. */
  stmt = pd_database_query (desk, "SELECT count(*) FROM audit WHERE kind = :kind", &error);
  g_assert_no_error (error);
  pd_statement_bind_text (stmt, "kind", kind);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  return pd_statement_get_int64 (stmt, 0);
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
  /* The JSON export's description of the role column says the same. */
  for (PdRole r = PD_ROLE_FRONT_DESK; r <= PD_ROLE_DIRECTOR; r++)
    {
      g_assert_cmpstr (pd_staff_get_role_codes ()[r - 1].code, ==, pd_role_to_string (r));
      g_assert_cmpstr (pd_staff_get_role_codes ()[r - 1].label, ==, pd_role_get_label (r));
    }
  g_assert_null (pd_staff_get_role_codes ()[PD_ROLE_DIRECTOR].code);
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
  pd_test_insert_staff (fixture->db, "Ana", "front-desk");
  g_assert_false (pd_staff_sign_in_enabled (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_DIRECTOR);
}

static void
test_nobody_signed_in (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  pd_test_insert_staff (fixture->db, "Dee", "director");
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

  pd_test_insert_staff (fixture->db, "Dee", "director");
  id = pd_test_insert_staff (fixture->db, "Cam", "coordinator");
  pd_test_act_as (fixture->db, id, "Cam", PD_ROLE_COORDINATOR);
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

  pd_test_insert_staff (fixture->db, "Dee", "director");
  id = pd_test_insert_staff (fixture->db, "Fay", "facilitator");
  pd_test_act_as (fixture->db, id, "Fay", PD_ROLE_FACILITATOR);
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

/* On a server, what another desk wrote holds here within a tenth of a
 * second, by which this desk has asked the server again. */
static void
wait_for_other_desk (void)
{
  if (pd_test_is_postgresql ())
    g_usleep (150 * G_TIME_SPAN_MILLISECOND);
}

/* The role is kept between checks, but a change another desk writes to
 * the same file holds at the next check. */
static void
test_role_follows_other_desk (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(PdDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  pd_test_insert_staff (fixture->db, "Dee", "director");
  id = pd_test_insert_staff (fixture->db, "Fay", "facilitator");
  pd_test_act_as (fixture->db, id, "Fay", PD_ROLE_FACILITATOR);
  for (guint i = 0; i < 3; i++)
    g_assert_true (pd_database_has_right (fixture->db, PD_RIGHT_MEETINGS));

  other = pd_test_open_database (pd_database_get_path (fixture->db));
  g_assert_true (pd_database_exec (other, "UPDATE staff SET role = 'coordinator'"
                                          " WHERE name = 'Fay'", &error));
  g_assert_no_error (error);
  wait_for_other_desk ();
  g_assert_false (pd_database_has_right (fixture->db, PD_RIGHT_MEETINGS));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_COORDINATOR);

  g_assert_true (pd_database_exec (other, "UPDATE staff SET removed_at = 5"
                                          " WHERE name = 'Fay'", &error));
  wait_for_other_desk ();
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_NONE);
  g_clear_object (&other);
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
  pd_test_insert_staff (fixture->db, "Ana", "front-desk");
  g_assert_false (pd_database_exec (fixture->db, "INSERT INTO staff (name, role, created_at)"
                                                 " VALUES ('ANA', 'director', 1)", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_true (pd_database_exec (fixture->db, "UPDATE staff SET removed_at = 2", &error));
  pd_test_insert_staff (fixture->db, "Ana", "director");
  g_assert_no_error (error);
}

/* A stored hash is not the secret, and the same secret hashes differently
 * each time (salted): two accounts sharing a passphrase do not show it. */
static void
test_hash (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *dee = NULL;
  g_autofree char *ana = NULL;

  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "correct horse");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  dee = pd_test_query_text_as_desk (fixture->db,
                                    "SELECT passphrase_hash FROM staff WHERE name = 'Dee'");
  ana = pd_test_query_text_as_desk (fixture->db,
                                    "SELECT passphrase_hash FROM staff WHERE name = 'Ana'");
  /* Argon2id at libsodium's interactive cost. */
  g_assert_true (g_str_has_prefix (dee, "$argon2id$"));
  g_assert_cmpint (crypto_pwhash_str_needs_rehash (dee, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                   crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
  g_assert_null (strstr (dee, "correct horse"));
  g_assert_cmpstr (dee, !=, ana);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM staff WHERE pin_hash IS NULL"),
                   ==, 2);

  /* Both still sign in with it. */
  pd_test_sign_in (fixture->db, "Ana", "correct horse");
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  g_assert_cmpstr (pd_database_get_staff (fixture->db)->name, ==, "Dee");
}

static void
test_first_director (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* While sign-in is off anyone may add accounts; a front-desk account
   * leaves it off. */
  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  g_assert_false (pd_staff_sign_in_enabled (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_DIRECTOR);

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  g_assert_true (pd_staff_sign_in_enabled (fixture->db));
  g_assert_false (pd_staff_needs_passphrase (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_NONE);

  /* From then on accounts are a director's. */
  g_assert_false (pd_staff_add (fixture->db, "Fay", PD_ROLE_FACILITATOR, "facilitate", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);
  pd_test_sign_in (fixture->db, "Ana", "front desk pass");
  g_assert_false (pd_staff_add (fixture->db, "Fay", PD_ROLE_FACILITATOR, "facilitate", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_assert_cmpstr (error->message, ==, "Only a director may add staff accounts.");
  g_clear_error (&error);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT count(*) FROM staff"), ==, 2);

  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  pd_test_add_staff (fixture->db, "Fay", PD_ROLE_FACILITATOR, "facilitate");
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT count(*) FROM staff"), ==, 3);
}

static void
test_add_refused (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_staff_add (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "short", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A passphrase needs at least 8 characters.");
  g_clear_error (&error);
  g_assert_false (pd_staff_add (fixture->db, "  ", PD_ROLE_FRONT_DESK, "long enough", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_staff_add (fixture->db, "A\tB", PD_ROLE_FRONT_DESK, "long enough", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  pd_test_add_staff (fixture->db, " Ana ", PD_ROLE_FRONT_DESK, "long enough");
  g_assert_false (pd_staff_add (fixture->db, "ana", PD_ROLE_DIRECTOR, "long enough", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_null (strstr (error->message, "long enough"));
  g_clear_error (&error);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT count(*) FROM staff"), ==, 1);
  g_assert_cmpint (count_audit (fixture, "staff-changed"), ==, 1);
}

static void
test_list_find (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdStaff) found = NULL;
  PdStaff *staff;

  pd_staff_set_now (1800000000);
  pd_test_add_staff (fixture->db, "Zoë", PD_ROLE_COORDINATOR, "coordinate");
  pd_test_add_staff (fixture->db, "ana", PD_ROLE_FRONT_DESK, "front desk pass");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");

  list = pd_staff_list (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((PdStaff *) list->pdata[0])->name, ==, "ana");
  g_assert_cmpstr (((PdStaff *) list->pdata[1])->name, ==, "Dee");
  staff = list->pdata[2];
  g_assert_cmpstr (staff->name, ==, "Zoë");
  g_assert_cmpint (staff->role, ==, PD_ROLE_COORDINATOR);
  g_assert_true (staff->has_passphrase);
  g_assert_false (staff->has_pin);
  g_assert_cmpint (staff->locked_until, ==, 0);
  g_assert_cmpint (staff->created_at, ==, 1800000000);

  found = pd_staff_find (fixture->db, "DEE", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->name, ==, "Dee");
  g_assert_null (pd_staff_find (fixture->db, "Nobody", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static void
test_sign_in_out (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const PdStaff *staff;

  pd_test_add_staff (fixture->db, "Fay", PD_ROLE_FACILITATOR, "facilitate");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  g_assert_cmpuint (fixture->n_staff_changed, ==, 0);

  pd_test_sign_in (fixture->db, "fay", "facilitate");
  g_assert_cmpuint (fixture->n_staff_changed, ==, 1);
  staff = pd_database_get_staff (fixture->db);
  g_assert_cmpstr (staff->name, ==, "Fay");
  g_assert_cmpint (staff->role, ==, PD_ROLE_FACILITATOR);
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_FACILITATOR);
  g_assert_cmpstr (pd_database_get_actor (fixture->db, "Desk"), ==, "Fay");
  g_assert_cmpint (count_audit (fixture, "sign-in"), ==, 1);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM audit WHERE kind = 'sign-in'"
                                              " AND staff = 'Fay'"), ==, 1);

  pd_staff_sign_out (fixture->db);
  g_assert_cmpuint (fixture->n_staff_changed, ==, 2);
  g_assert_null (pd_database_get_staff (fixture->db));
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_NONE);
  pd_staff_sign_out (fixture->db);
  g_assert_cmpuint (fixture->n_staff_changed, ==, 2);
}

static void
test_wrong_secret (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  pd_test_sign_in (fixture->db, "Dee", "correct horse");

  g_assert_false (pd_staff_sign_in (fixture->db, "Dee", "Correct horse", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_assert_null (strstr (error->message, "orrect"));
  /* The one signed in stays signed in. */
  g_assert_cmpstr (pd_database_get_staff (fixture->db)->name, ==, "Dee");
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT failures FROM staff"), ==, 1);
  g_assert_cmpint (count_audit (fixture, "sign-in-failed"), ==, 1);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT count(*) FROM audit"
                                                   " WHERE detail LIKE '%orse%'"), ==, 0);

  /* A success starts the count afresh. */
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT failures FROM staff"), ==, 0);
}

static void
test_pin (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStaff) staff = NULL;

  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  pd_test_sign_in (fixture->db, "Ana", "front desk pass");

  g_assert_false (pd_staff_set_pin (fixture->db, "Ana", "12345", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A PIN is at least 6 digits, and digits only.");
  g_clear_error (&error);
  g_assert_false (pd_staff_set_pin (fixture->db, "Ana", "12345a", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  /* Only one's own, unless a director. */
  g_assert_false (pd_staff_set_pin (fixture->db, "Dee", "246810", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  g_assert_true (pd_staff_set_pin (fixture->db, "Ana", "135790", &error));
  g_assert_no_error (error);
  staff = pd_staff_find (fixture->db, "Ana", &error);
  g_assert_true (staff->has_pin);
  g_assert_null (strstr (pd_test_query_text_as_desk (fixture->db,
                                                     "SELECT pin_hash FROM staff"
                                                     " WHERE name = 'Ana'"),
                         "135790"));

  pd_staff_sign_out (fixture->db);
  pd_test_sign_in (fixture->db, "Ana", "135790");
  g_assert_cmpstr (pd_database_get_staff (fixture->db)->name, ==, "Ana");
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM audit WHERE kind = 'sign-in'"
                                              " AND detail = 'PIN'"), ==, 1);
  assert_sign_in_fails (fixture, "Ana", "135791", PD_ERROR_SIGN_IN);
  /* A PIN does not open another account. */
  assert_sign_in_fails (fixture, "Dee", "135790", PD_ERROR_SIGN_IN);

  g_assert_true (pd_staff_set_pin (fixture->db, "Ana", NULL, &error));
  g_assert_no_error (error);
  assert_sign_in_fails (fixture, "Ana", "135790", PD_ERROR_SIGN_IN);
  pd_test_sign_in (fixture->db, "Ana", "front desk pass");
}

/* After PD_STAFF_SLOW_AFTER failures each attempt waits 2^(failures - 3)
 * seconds after the last, whatever the secret. */
static void
test_slowing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = 1800000000;

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  pd_staff_set_now (now);
  for (int i = 0; i < PD_STAFF_SLOW_AFTER; i++)
    assert_sign_in_fails (fixture, "Dee", "wrong guess", PD_ERROR_SIGN_IN);

  g_assert_false (pd_staff_sign_in (fixture->db, "Dee", "correct horse", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, "Too many failed sign-ins: wait 1 second and try again.");
  g_clear_error (&error);
  /* Refused attempts are not counted. */
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT failures FROM staff"), ==, 3);

  pd_staff_set_now (now + 1);
  assert_sign_in_fails (fixture, "Dee", "wrong again", PD_ERROR_SIGN_IN);
  g_assert_false (pd_staff_sign_in (fixture->db, "Dee", "correct horse", &error));
  g_assert_cmpstr (error->message, ==, "Too many failed sign-ins: wait 2 seconds and try again.");
  g_clear_error (&error);
  pd_staff_set_now (now + 2);
  assert_sign_in_fails (fixture, "Dee", "correct horse", PD_ERROR_LOCKED);
  pd_staff_set_now (now + 3);
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT failures FROM staff"), ==, 0);
}

static void
test_lock (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStaff) staff = NULL;
  gint64 now = 1800000000;

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  for (int i = 1; i < PD_STAFF_MAX_FAILURES; i++)
    {
      pd_staff_set_now (now += 60);
      assert_sign_in_fails (fixture, "Dee", "wrong guess", PD_ERROR_SIGN_IN);
    }
  g_assert_cmpint (count_audit (fixture, "locked-out"), ==, 0);
  pd_staff_set_now (now += 60);
  g_assert_false (pd_staff_sign_in (fixture->db, "Dee", "wrong guess", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, "Too many failed sign-ins: try again in 10 minutes.");
  g_clear_error (&error);
  g_assert_cmpint (count_audit (fixture, "sign-in-failed"), ==, PD_STAFF_MAX_FAILURES);
  g_assert_cmpint (count_audit (fixture, "locked-out"), ==, 1);

  staff = pd_staff_find (fixture->db, "Dee", &error);
  g_assert_cmpint (staff->locked_until, ==, now + PD_STAFF_LOCK_MINUTES * 60);

  /* The right passphrase waits too. */
  pd_staff_set_now (now + PD_STAFF_LOCK_MINUTES * 60 - 61);
  g_assert_false (pd_staff_sign_in (fixture->db, "Dee", "correct horse", &error));
  g_assert_cmpstr (error->message, ==, "Too many failed sign-ins: try again in 2 minutes.");
  g_clear_error (&error);
  g_assert_null (pd_database_get_staff (fixture->db));

  /* Released after the time; the next failure would lock again. */
  pd_staff_set_now (now + PD_STAFF_LOCK_MINUTES * 60);
  assert_sign_in_fails (fixture, "Dee", "wrong guess", PD_ERROR_LOCKED);
  g_assert_cmpint (count_audit (fixture, "locked-out"), ==, 2);
  pd_staff_set_now (now + 2 * PD_STAFF_LOCK_MINUTES * 60);
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT failures + locked_until FROM staff"), ==, 0);
}

/* An unknown name is refused as a wrong secret is, slowed and locked the
 * same way, and audited without what was typed. */
static void
test_unknown_name (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) wrong = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = 1800000000;

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  pd_staff_set_now (now);
  g_assert_false (pd_staff_sign_in (fixture->db, "Mallory", "correct horse", &unknown));
  g_assert_false (pd_staff_sign_in (fixture->db, "Dee", "wrong guess", &wrong));
  g_assert_error (unknown, PD_ERROR, PD_ERROR_SIGN_IN);
  g_assert_cmpint (unknown->code, ==, wrong->code);
  g_assert_cmpstr (unknown->message, ==, wrong->message);
  g_assert_null (strstr (unknown->message, "Mallory"));

  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM audit"
                                              " WHERE kind = 'sign-in-failed' AND staff = ''"
                                              " AND detail = 'unknown name'"), ==, 1);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM audit"
                                              " WHERE staff LIKE '%allory%'"
                                              " OR detail LIKE '%allory%'"), ==, 0);

  for (int i = 1; i < PD_STAFF_MAX_FAILURES; i++)
    {
      pd_staff_set_now (now += 60);
      g_clear_error (&error);
      g_assert_false (pd_staff_sign_in (fixture->db, "mallory", "guess", &error));
    }
  g_assert_error (error, PD_ERROR, PD_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==, "Too many failed sign-ins: try again in 10 minutes.");
  g_clear_error (&error);
  assert_sign_in_fails (fixture, "Mallory", "guess", PD_ERROR_LOCKED);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM audit WHERE kind = 'locked-out'"
                                              " AND staff = ''"), ==, 1);
  /* Other names are not held up. */
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = 1800000000;

  set_up_director (fixture);
  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  for (int i = 0; i < PD_STAFF_MAX_FAILURES; i++)
    {
      pd_staff_set_now (now += 60);
      g_assert_false (pd_staff_sign_in (fixture->db, "Ana", "wrong guess", NULL));
    }
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT locked_until FROM staff"
                                              " WHERE name = 'Ana'"), >,
                   now);

  /* A director sets a new one, which clears the lock. */
  g_assert_true (pd_staff_reset (fixture->db, "Ana", "new front pass", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT failures + locked_until FROM staff"
                                              " WHERE name = 'Ana'"), ==, 0);
  assert_sign_in_fails (fixture, "Ana", "front desk pass", PD_ERROR_SIGN_IN);
  pd_test_sign_in (fixture->db, "Ana", "new front pass");

  /* Anyone changes their own; nobody else's without the right. */
  g_assert_true (pd_staff_reset (fixture->db, "Ana", "my own choice", &error));
  g_assert_no_error (error);
  g_assert_false (pd_staff_reset (fixture->db, "Dee", "taken over!", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_false (pd_staff_reset (fixture->db, "Ana", "short", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  pd_test_sign_in (fixture->db, "Ana", "my own choice");
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
}

static void
test_role_and_remove (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  set_up_director (fixture);
  pd_test_add_staff (fixture->db, "Cam", PD_ROLE_COORDINATOR, "coordinate");

  /* The last director stays one. */
  g_assert_false (pd_staff_set_role (fixture->db, "Dee", PD_ROLE_FRONT_DESK, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“Dee” is the only director: make someone else a "
                                       "director first.");
  g_clear_error (&error);
  g_assert_false (pd_staff_remove (fixture->db, "Dee", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  /* Below the core too. */
  g_assert_false (pd_database_exec (fixture->db, "UPDATE staff SET removed_at = 1"
                                                 " WHERE name = 'Dee'", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pd_staff_set_role (fixture->db, "Cam", PD_ROLE_DIRECTOR, &error));
  g_assert_no_error (error);
  g_assert_true (pd_staff_set_role (fixture->db, "Dee", PD_ROLE_FACILITATOR, &error));
  g_assert_no_error (error);
  /* Dee is still signed in, with the new role's rights only. */
  g_assert_cmpint (pd_database_get_role (fixture->db), ==, PD_ROLE_FACILITATOR);
  g_assert_false (pd_staff_remove (fixture->db, "Cam", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  pd_test_sign_in (fixture->db, "Cam", "coordinate");
  g_assert_true (pd_staff_remove (fixture->db, "Dee", &error));
  g_assert_no_error (error);
  assert_sign_in_fails (fixture, "Dee", "correct horse", PD_ERROR_SIGN_IN);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM staff WHERE name = 'Dee'"
                                              " AND passphrase_hash IS NULL"), ==, 1);
  /* The name is free again. */
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_FRONT_DESK, "another pass");

  /* Removing oneself signs out. */
  pd_test_add_staff (fixture->db, "Eve", PD_ROLE_DIRECTOR, "second director");
  g_assert_true (pd_staff_remove (fixture->db, "Cam", &error));
  g_assert_no_error (error);
  g_assert_null (pd_database_get_staff (fixture->db));
}

/* Each change writes exactly its one entry, naming what changed but never
 * a secret. */
static void
test_audit_entries (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  static const char *details[] = {
    "added director: Dee",
    "added front-desk: Ana",
    "passphrase reset: Ana",
    "PIN set: Ana",
    "PIN cleared: Ana",
    "role facilitator: Ana",
    "changed own passphrase: Dee",
    "removed facilitator: Ana",
  };

  set_up_director (fixture);
  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  g_assert_true (pd_staff_reset (fixture->db, "Ana", "secret two!", &error));
  g_assert_true (pd_staff_set_pin (fixture->db, "Ana", "975310", &error));
  g_assert_true (pd_staff_set_pin (fixture->db, "Ana", NULL, &error));
  g_assert_true (pd_staff_set_role (fixture->db, "Ana", PD_ROLE_FACILITATOR, &error));
  /* Nothing changes: nothing recorded. */
  g_assert_true (pd_staff_set_role (fixture->db, "Ana", PD_ROLE_FACILITATOR, &error));
  g_assert_true (pd_staff_reset (fixture->db, "Dee", "secret three", &error));
  g_assert_true (pd_staff_remove (fixture->db, "Ana", &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_audit (fixture, "staff-changed"), ==, G_N_ELEMENTS (details));
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autoptr(PdStatement) stmt = NULL;
      gboolean found = FALSE;

      stmt = pd_database_query (fixture->db,
                                "SELECT staff, member_id, count FROM audit"
                                " WHERE kind = 'staff-changed' ORDER BY id LIMIT 1 OFFSET :i",
                                &error);
      pd_statement_bind_int (stmt, "i", i);
      g_assert_true (pd_statement_fetch (stmt, &found, &error));
      g_assert_true (found);
      /* The first director was added with nobody signed in. */
      g_assert_cmpstr (pd_statement_get_text (stmt, 0), ==, i == 0 ? "" : "Dee");
      g_assert_true (pd_statement_is_null (stmt, 1));
      g_assert_cmpint (pd_statement_get_int64 (stmt, 2), ==, -1);
      g_clear_pointer (&stmt, pd_statement_release);

      stmt = pd_database_query (fixture->db,
                                "SELECT count(*) FROM audit WHERE kind = 'staff-changed'"
                                " AND detail = :detail", &error);
      pd_statement_bind_text (stmt, "detail", details[i]);
      g_assert_true (pd_statement_fetch (stmt, &found, &error));
      g_assert_cmpint (pd_statement_get_int64 (stmt, 0), ==, 1);
    }
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db,
                                              "SELECT count(*) FROM audit"
                                              " WHERE detail LIKE '%secret%'"
                                              " OR detail LIKE '%975310%' OR detail LIKE '%pass%'"
                                              " AND detail NOT LIKE '%passphrase%'"), ==, 0);
  g_assert_cmpint (count_audit (fixture, "sign-in"), ==, 1);
}

/* A JSON import brings accounts without their hashes: a director's
 * passphrase may then be set by whoever is at the desk, and only then. */
static void
test_needs_passphrase (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  g_assert_true (pd_database_exec (fixture->db, "UPDATE staff SET passphrase_hash = NULL",
                                   &error));
  g_assert_true (pd_staff_needs_passphrase (fixture->db));
  assert_sign_in_fails (fixture, "Dee", "correct horse", PD_ERROR_SIGN_IN);

  g_assert_false (pd_staff_reset (fixture->db, "Ana", "front again", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);
  g_assert_true (pd_staff_reset (fixture->db, "Dee", "a new start", &error));
  g_assert_no_error (error);
  g_assert_false (pd_staff_needs_passphrase (fixture->db));
  g_assert_false (pd_staff_reset (fixture->db, "Dee", "again and again", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);
  pd_test_sign_in (fixture->db, "Dee", "a new start");
}

static char *
read_contents (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* The JSON export carries the accounts and the trail, never a hash: an
 * import has accounts nobody can sign in to until a director's passphrase
 * is set. */
static void
test_json (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) target = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "export.json", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.json", NULL);
  g_autofree char *target_path = g_build_filename (fixture->dir, "target.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *contents_again = NULL;

  pd_staff_set_now (1800000000);
  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  pd_test_sign_in (fixture->db, "Dee", "correct horse");
  g_assert_true (pd_staff_set_pin (fixture->db, "Dee", "246810", &error));
  pd_test_add_staff (fixture->db, "Bob", PD_ROLE_COORDINATOR, "coordinate");
  g_assert_true (pd_staff_remove (fixture->db, "Bob", &error));
  g_assert_false (pd_staff_sign_in (fixture->db, "Ana", "wrong guess", NULL));
  g_assert_no_error (error);

  g_assert_true (pd_json_export (fixture->db, path, &error));
  g_assert_no_error (error);
  contents = read_contents (path);
  g_assert_null (strstr (contents, "$argon2"));
  g_assert_null (strstr (contents, "hash"));
  g_assert_null (strstr (contents, "failures"));
  g_assert_null (strstr (contents, "correct horse"));
  g_assert_nonnull (strstr (contents, "\"staff\": [\n    {\"id\": 1, \"name\": \"Ana\", "
                                      "\"role\": \"front-desk\", \"created_at\": 1800000000, "
                                      "\"removed_at\": null}"));
  g_assert_nonnull (strstr (contents, "\"removed_at\": 1800000000}"));
  g_assert_nonnull (strstr (contents, "\"kind\": \"sign-in-failed\", \"member_id\": null, "
                                      "\"detail\": \"\", \"count\": 1}\n  ]\n}\n"));

  target = pd_test_open_database (target_path);
  g_assert_true (pd_json_import (target, path, &error));
  g_assert_no_error (error);

  list = pd_staff_list (target, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((PdStaff *) list->pdata[0])->name, ==, "Ana");
  g_assert_false (((PdStaff *) list->pdata[0])->has_passphrase);
  g_assert_cmpint (((PdStaff *) list->pdata[1])->role, ==, PD_ROLE_DIRECTOR);
  g_assert_false (((PdStaff *) list->pdata[1])->has_pin);

  g_assert_true (pd_staff_sign_in_enabled (target));
  g_assert_true (pd_staff_needs_passphrase (target));
  g_assert_cmpint (pd_database_get_role (target), ==, PD_ROLE_NONE);
  g_assert_false (pd_staff_sign_in (target, "Dee", "correct horse", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_SIGN_IN);
  g_clear_error (&error);
  g_assert_false (pd_staff_sign_in (target, "Dee", "246810", &error));
  g_clear_error (&error);

  g_assert_true (pd_staff_reset (target, "Dee", "a new start", &error));
  g_assert_no_error (error);
  g_assert_false (pd_staff_needs_passphrase (target));
  g_assert_true (pd_staff_sign_in (target, "Dee", "a new start", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_database_get_role (target), ==, PD_ROLE_DIRECTOR);

  /* Exporting needs a director signed in: the same records, byte for
   * byte, and the trail goes on from where the file left it. */
  g_assert_true (pd_json_export (target, again, &error));
  g_assert_no_error (error);
  contents_again = read_contents (again);
  contents[strlen (contents) - strlen ("\n  ]\n}\n")] = '\0';
  g_assert_true (g_str_has_prefix (contents_again, contents));
  g_clear_object (&target);
}

/* A database's own entries, such as the command that imports, do not
 * stop an import; the file's entries follow them. */
static void
test_json_trail_appended (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) target = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "export.json", NULL);
  g_autofree char *target_path = g_build_filename (fixture->dir, "target.db", NULL);
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GString) trail = g_string_new (NULL);

  g_assert_true (pd_audit_add (fixture->db, PD_AUDIT_EXPORT, 0, "first", 1, &error));
  g_assert_true (pd_audit_add (fixture->db, PD_AUDIT_EXPORT, 0, "second", 2, &error));
  g_assert_true (pd_json_export (fixture->db, path, &error));
  g_assert_no_error (error);

  target = pd_test_open_database (target_path);
  g_assert_true (pd_audit_add (target, PD_AUDIT_COMMAND, 0, "import", -1, &error));
  g_assert_true (pd_json_import (target, path, &error));
  g_assert_no_error (error);

  stmt = pd_database_query (target, "SELECT id, detail FROM audit ORDER BY id", &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    g_string_append_printf (trail, "%s%" G_GINT64_FORMAT ":%s", trail->len > 0 ? " " : "",
                            pd_statement_get_int64 (stmt, 0), pd_statement_get_text (stmt, 1));
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trail->str, ==, "1:import 2:first 3:second");
  g_clear_pointer (&stmt, pd_statement_release);
  g_clear_object (&target);
}

/* After a restore the accounts are the backup's: whoever was signed in
 * signs in again unless the same account is there. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  if (pd_test_skip_unless_sqlite ("a restore copies a file over the database, which is read "
                                  "again"))
    return;
  pd_test_add_staff (fixture->db, "Ana", PD_ROLE_FRONT_DESK, "front desk pass");
  set_up_director (fixture);
  g_assert_true (pd_database_reload (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_database_get_staff (fixture->db)->name, ==, "Dee");
  g_assert_cmpuint (fixture->n_staff_changed, ==, 1);

  pd_test_sign_in (fixture->db, "Ana", "front desk pass");
  g_assert_true (pd_database_exec (fixture->db, "UPDATE staff SET removed_at = 1"
                                                " WHERE name = 'Ana'", &error));
  g_assert_true (pd_database_reload (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_null (pd_database_get_staff (fixture->db));
  g_assert_cmpuint (fixture->n_staff_changed, ==, 3);
}

/* Accounts come in as pd_staff_add() would make them, so that signing in
 * finds them. */
static void
test_json_bad_name (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "bad.json", NULL);
  g_autofree char *text = NULL;
  static const char *names[] = { " Dee", "De\\te", "" };
  static const char *messages[] = {
    "staff[0]: A staff account’s name cannot begin or end with spaces.",
    "staff[0]: A staff account’s name cannot hold tabs or line breaks.",
    "staff[0].name: expected some text",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s: %s", path, messages[i]);

      text = g_strdup_printf ("{\"format\": \"peerdesk-export\", \"version\": 2, "
                              "\"schema_version\": 6, \"meta\": [], \"members\": [], "
                              "\"visit_purposes\": [], \"visits\": [], "
                              "\"volunteer_roles\": [], \"volunteers\": [], "
                              "\"volunteer_role_links\": [], \"groups\": [], "
                              "\"sessions\": [], \"attendance\": [], \"hours\": [], "
                              "\"supervision\": [], \"training_domains\": [], "
                              "\"courses\": [], \"course_domains\": [], "
                              "\"completions\": [], \"credentials\": [], \"staff\": [\n"
                              "{\"id\": 1, \"name\": \"%s\", \"role\": \"director\", "
                              "\"created_at\": 1, \"removed_at\": null}], \"audit\": []}\n",
                              names[i]);
      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_clear_pointer (&text, g_free);
      g_assert_false (pd_json_import (fixture->db, path, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_clear_error (&error);
      g_assert_false (pd_staff_sign_in_enabled (fixture->db));
    }
}

/* The shortest of three refused sign-ins, in microseconds, each an hour
 * after the last so that none is held up. */
static gint64
shortest_refusal (Fixture    *fixture,
                  const char *name,
                  const char *secret,
                  gint64     *now)
{
  gint64 shortest = G_MAXINT64;

  for (int i = 0; i < 3; i++)
    {
      gint64 start;

      pd_staff_set_now (*now += 3600);
      start = g_get_monotonic_time ();
      g_assert_false (pd_staff_sign_in (fixture->db, name, secret, NULL));
      shortest = MIN (shortest, g_get_monotonic_time () - start);
    }
  return shortest;
}

/* An unknown name does the work of checking a secret too, so the time a
 * refusal takes does not tell that the name has no account. The bound is
 * loose, as the machine is shared: skipping the check would take a
 * hundredth of the time. */
static void
test_unknown_name_timing (Fixture       *fixture,
                          gconstpointer  user_data)
{
  gint64 now = 1800000000;
  gint64 known, unknown;

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  known = shortest_refusal (fixture, "Dee", "wrong guess", &now);
  unknown = shortest_refusal (fixture, "Mallory", "wrong guess", &now);
  g_test_message ("refusals: %" G_GINT64_FORMAT " µs for an account, %" G_GINT64_FORMAT
                  " µs for an unknown name", known, unknown);
  g_assert_cmpint (unknown * 10, >, known);

  /* Digits may be a PIN: both are checked, whether there is a PIN or not. */
  known = shortest_refusal (fixture, "Dee", "12345678", &now);
  unknown = shortest_refusal (fixture, "Mallory", "12345678", &now);
  g_assert_cmpint (unknown * 10, >, known);
}

static gpointer
fail_sign_in_thread (gpointer data)
{
  PdDatabase *other = data;

  g_assert_false (pd_staff_sign_in (other, "Dee", "wrong again", NULL));
  return NULL;
}

/* Failures on two desks at once are both counted: each desk counts on
 * from what the file holds when it writes, not from what it read before
 * the slow check of the secret. */
static void
test_failures_two_desks (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(PdDatabase) other = NULL;
  GThread *thread;

  pd_test_add_staff (fixture->db, "Dee", PD_ROLE_DIRECTOR, "correct horse");
  other = pd_test_open_database (pd_database_get_path (fixture->db));
  pd_staff_set_now (1800000000);

  thread = g_thread_new ("other desk", fail_sign_in_thread, other);
  assert_sign_in_fails (fixture, "Dee", "wrong guess", PD_ERROR_SIGN_IN);
  g_thread_join (thread);
  g_assert_cmpint (pd_test_query_int_as_desk (fixture->db, "SELECT failures FROM staff"), ==, 2);

  assert_sign_in_fails (fixture, "Dee", "third guess", PD_ERROR_SIGN_IN);
  /* The third failure slows both desks down. */
  assert_sign_in_fails (fixture, "Dee", "correct horse", PD_ERROR_LOCKED);
  g_assert_false (pd_staff_sign_in (other, "Dee", "correct horse", NULL));
  g_assert_null (pd_database_get_staff (other));
  g_clear_object (&other);
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
  ADD ("/staff/session/role-follows-other-desk", test_role_follows_other_desk);
  ADD ("/staff/hash", test_hash);
  ADD ("/staff/add/first-director", test_first_director);
  ADD ("/staff/add/refused", test_add_refused);
  ADD ("/staff/list-and-find", test_list_find);
  ADD ("/staff/sign-in/in-and-out", test_sign_in_out);
  ADD ("/staff/sign-in/wrong-secret", test_wrong_secret);
  ADD ("/staff/sign-in/pin", test_pin);
  ADD ("/staff/sign-in/slowing", test_slowing);
  ADD ("/staff/sign-in/lock", test_lock);
  ADD ("/staff/sign-in/two-desks", test_failures_two_desks);
  ADD ("/staff/sign-in/unknown-name", test_unknown_name);
  ADD ("/staff/sign-in/unknown-name-timing", test_unknown_name_timing);
  ADD ("/staff/reset", test_reset);
  ADD ("/staff/role-and-remove", test_role_and_remove);
  ADD ("/staff/audit-entries", test_audit_entries);
  ADD ("/staff/needs-passphrase", test_needs_passphrase);
  ADD ("/staff/reload", test_reload);
  ADD ("/staff/json/no-hashes", test_json);
  ADD ("/staff/json/trail-appended", test_json_trail_appended);
  ADD ("/staff/json/bad-name", test_json_bad_name);

#undef ADD

  return g_test_run ();
}
