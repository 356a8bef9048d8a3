/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-tables.h"
#include "pd-test-core.h"
#include "pd-text.h"

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *db;
  guint n_changed;
} Fixture;

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               Fixture    *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, &fixture->path);
  g_signal_connect (fixture->db, "changed::members", G_CALLBACK (on_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
  g_free (fixture->path);
}

static PdMember *
new_member (const char *first_name,
            const char *last_name)
{
  PdMember *member = pd_member_new ();

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  return member;
}

static PdMember *
insert_member (PdDatabase *db,
               const char *first_name,
               const char *last_name)
{
  g_autoptr(GError) error = NULL;
  PdMember *member = new_member (first_name, last_name);

  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  return member;
}

/* Every row of the tables a failed write must not touch, and of the
 * index of the names: members_fts on SQLite, member_words on a server. */
static char *
dump_database (PdDatabase *db)
{
  static const char *queries[][2] = {
    { "SELECT * FROM members ORDER BY id", NULL },
    { "SELECT * FROM meta ORDER BY key", NULL },
    { "SELECT rowid, * FROM members_fts ORDER BY rowid",
      "SELECT member_id, word FROM member_words ORDER BY member_id, word" },
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdStatement) stmt = NULL;

      stmt = pd_database_query_dialect (db, queries[q][0],
                                        queries[q][1] ? queries[q][1] : queries[q][0], &error);
      g_assert_no_error (error);
      g_string_append_printf (out, "%s\n", queries[q][0]);
      while (pd_statement_next (stmt))
        {
          for (int c = 0; c < pd_statement_get_n_columns (stmt); c++)
            {
              const char *text = pd_statement_get_text (stmt, c);

              g_string_append_printf (out, "%s|",
                                      pd_statement_is_null (stmt, c) ? "NULL" : text);
            }
          g_string_append_c (out, '\n');
        }
      g_assert_true (pd_statement_finish (stmt, &error));
      g_assert_no_error (error);
    }
  return g_string_free (out, FALSE);
}

/* Whether no transaction is left open: none the core counts, and on
 * SQLite none the connection has. */
static void
assert_no_transaction (PdDatabase *db)
{
  g_assert_cmpuint (db->transaction_depth, ==, 0);
  if (!pd_test_is_postgresql ())
    g_assert_true (sqlite3_get_autocommit (pd_database_get_handle (db)));
}

static void
test_insert_numbers (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "M-000001", "M-000002", "M-000003" };
  const char *names[] = { "Ana", "Ben", "Chloé" };
  g_autofree char *before = pd_timestamp_now ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PdMember) member = insert_member (fixture->db, names[i], "Okafor");
      g_autoptr(PdMember) stored = NULL;
      g_autofree char *after = pd_timestamp_now ();
      const char *created_at = pd_member_get (member, PD_MEMBER_FIELD_CREATED_AT);

      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_NUMBER), ==, expected[i]);
      g_assert_cmpint (pd_member_get_id (member), >, 0);
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                           created_at, 0, 0));
      g_assert_cmpstr (created_at, >=, before);
      g_assert_cmpstr (created_at, <=, after);
      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_UPDATED_AT), ==, created_at);
      g_assert_cmpuint (fixture->n_changed, ==, i + 1);

      /* What was returned is what was stored. */
      stored = pd_members_get (fixture->db, pd_member_get_id (member), &error);
      g_assert_no_error (error);
      g_assert_true (pd_member_equal (stored, member));
      g_assert_cmpint (pd_member_get_id (stored), ==, pd_member_get_id (member));
    }

  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 3);
  g_assert_no_error (error);
}

static void
test_insert_defaults (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = insert_member (fixture->db, "  Dana ", "");
  g_autoptr(PdMember) stored = pd_members_get (fixture->db, pd_member_get_id (member), &error);
  g_autofree char *today = pd_date_today ();

  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_FIRST_NAME), ==, "Dana");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_JOINED_DATE), ==, today);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_STATUS), ==, "active");
  g_assert_true (pd_member_is_active (stored));
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_GENDER), ==, "not_collected");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_MAY_CONTACT), ==, "0");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_REPORT_CONSENT), ==, "1");
}

static void
test_insert_explicit_number (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) first = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) imported = new_member ("Ben", "Okafor");
  g_autoptr(PdMember) older = new_member ("Cai", "Wen");
  g_autoptr(PdMember) next = NULL;
  g_autoptr(PdMember) stored = NULL;

  /* A number from the paper records, typed in lower case. */
  pd_member_set (imported, PD_MEMBER_FIELD_NUMBER, "m-000050");
  g_assert_true (pd_members_insert (fixture->db, imported, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (imported, PD_MEMBER_FIELD_NUMBER), ==, "M-000050");

  /* A lower free number is kept too, and does not move the counter back. */
  pd_member_set (older, PD_MEMBER_FIELD_NUMBER, "M-000010");
  g_assert_true (pd_members_insert (fixture->db, older, &error));
  g_assert_no_error (error);

  next = insert_member (fixture->db, "Dee", "Ng");
  g_assert_cmpstr (pd_member_get (next, PD_MEMBER_FIELD_NUMBER), ==, "M-000051");

  stored = pd_members_get_by_number (fixture->db, "M-000050", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_FIRST_NAME), ==, "Ben");
  g_clear_object (&stored);
  stored = pd_members_get_by_number (fixture->db, "M-000010", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_FIRST_NAME), ==, "Cai");
  g_assert_cmpstr (pd_member_get (first, PD_MEMBER_FIELD_NUMBER), ==, "M-000001");

  /* The counter survives closing the database. */
  g_assert_finalize_object (fixture->db);
  fixture->db = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&next);
  next = insert_member (fixture->db, "Eli", "Roth");
  g_assert_cmpstr (pd_member_get (next, PD_MEMBER_FIELD_NUMBER), ==, "M-000052");
}

static void
test_insert_duplicate (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) ana = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) ben = new_member ("Ben", "Okafor");
  g_autoptr(PdMember) high = new_member ("Cai", "Wen");
  g_autoptr(PdMember) high_again = new_member ("Dee", "Ng");
  g_autoptr(PdMember) next = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_changed;

  pd_member_set (high, PD_MEMBER_FIELD_NUMBER, "M-000040");
  g_assert_true (pd_members_insert (fixture->db, high, &error));
  g_assert_no_error (error);

  before = dump_database (fixture->db);
  n_changed = fixture->n_changed;

  pd_member_set (ben, PD_MEMBER_FIELD_NUMBER, "M-000001");
  g_assert_false (pd_members_insert (fixture->db, ben, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "M-000001"));
  g_clear_error (&error);

  pd_member_set (high_again, PD_MEMBER_FIELD_NUMBER, "m-000040");
  g_assert_false (pd_members_insert (fixture->db, high_again, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);

  after = dump_database (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);
  assert_no_transaction (fixture->db);

  next = insert_member (fixture->db, "Eve", "Park");
  g_assert_cmpstr (pd_member_get (next, PD_MEMBER_FIELD_NUMBER), ==, "M-000041");
}

/* Inserts a member whose @field is @value; returns the stored value, or
 * NULL with @error set when the member was refused. */
static char *
try_value (Fixture        *fixture,
           PdMemberField   field,
           const char     *value,
           GError        **error)
{
  g_autoptr(PdMember) member = new_member ("Test", "Member");
  g_autoptr(PdMember) stored = NULL;
  gint64 count = pd_members_count (fixture->db, NULL);

  pd_member_set (member, field, value);
  if (!pd_members_insert (fixture->db, member, error))
    {
      g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, count);
      return NULL;
    }
  g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, count + 1);
  stored = pd_members_get (fixture->db, pd_member_get_id (member), NULL);
  g_assert_nonnull (stored);
  return g_strdup (pd_member_get (stored, field));
}

static void
assert_accepted (Fixture       *fixture,
                 PdMemberField  field,
                 const char    *value,
                 const char    *stored)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = try_value (fixture, field, value, &error);

  g_test_message ("%s = '%s' accepted", pd_member_field_info (field)->name, value);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, stored);
}

static void
assert_refused (Fixture       *fixture,
                PdMemberField  field,
                const char    *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = try_value (fixture, field, value, &error);
  const char *label = pd_member_field_info (field)->label;

  g_test_message ("%s = '%s' refused", pd_member_field_info (field)->name, value);
  g_assert_null (result);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  /* The message names the field, so the person knows what to correct. */
  g_assert_true (g_str_has_prefix (error->message, label));
}

static char *
date_from_today (int days,
                 const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, format);
}

static void
test_validate_first_name (Fixture       *fixture,
                          gconstpointer  user_data)
{
  assert_refused (fixture, PD_MEMBER_FIELD_FIRST_NAME, "");
  assert_refused (fixture, PD_MEMBER_FIELD_FIRST_NAME, "   ");
  assert_refused (fixture, PD_MEMBER_FIELD_FIRST_NAME, "\t \u00a0 ");
  assert_accepted (fixture, PD_MEMBER_FIELD_FIRST_NAME, " Zoë ", "Zoë");
  g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, 1);
}

static void
test_validate_birth_date (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *tomorrow = date_from_today (1, "%Y-%m-%d");
  g_autofree char *next_year_month = date_from_today (366, "%Y-%m");
  g_autofree char *this_month = date_from_today (0, "%Y-%m");
  g_autofree char *this_year = date_from_today (0, "%Y");
  g_autofree char *next_year = date_from_today (366, "%Y");
  g_autoptr(GError) error = NULL;
  g_autofree char *today = date_from_today (0, "%Y-%m-%d");

  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-02-14", "1990-02-14");
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-02", "1990-02");
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, " 1990 ", "1990");
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, this_year, this_year);
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "2000-02-29", "2000-02-29");
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "", "");
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, today, today);
  assert_accepted (fixture, PD_MEMBER_FIELD_BIRTH_DATE, this_month, this_month);

  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-02-30");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1900-02-29");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "31/02/1990");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "14/02/1990");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-13");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-00");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-2-14");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "199");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "19900");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1799");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "1990-");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, next_year);
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "Feb 1990");
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, tomorrow);
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, next_year_month);
  assert_refused (fixture, PD_MEMBER_FIELD_BIRTH_DATE, "2999-01-01");

  /* The message shows every form a birth date may take. */
  g_assert_false (pd_member_validate_value (PD_MEMBER_FIELD_BIRTH_DATE, "Feb 1990", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Feb 1990” is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
}

static void
test_validate_joined_date (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *tomorrow = date_from_today (1, "%Y-%m-%d");

  assert_accepted (fixture, PD_MEMBER_FIELD_JOINED_DATE, "2021-06-01", "2021-06-01");
  assert_accepted (fixture, PD_MEMBER_FIELD_JOINED_DATE, " 2021-06-02 ", "2021-06-02");
  assert_refused (fixture, PD_MEMBER_FIELD_JOINED_DATE, "2021-06");
  assert_refused (fixture, PD_MEMBER_FIELD_JOINED_DATE, "2021");
  assert_refused (fixture, PD_MEMBER_FIELD_JOINED_DATE, "2021-06-31");
  assert_refused (fixture, PD_MEMBER_FIELD_JOINED_DATE, "01/06/2021");
  assert_refused (fixture, PD_MEMBER_FIELD_JOINED_DATE, tomorrow);
}

static void
test_validate_phone (Fixture       *fixture,
                     gconstpointer  user_data)
{
  /* From 7 digits (a local number) to 15 (the longest international one). */
  assert_accepted (fixture, PD_MEMBER_FIELD_PHONE, "555-0142", "555-0142");
  assert_accepted (fixture, PD_MEMBER_FIELD_PHONE, "(555) 014-2367", "(555) 014-2367");
  assert_accepted (fixture, PD_MEMBER_FIELD_PHONE, "+44 20 7946 0958", "+44 20 7946 0958");
  assert_accepted (fixture, PD_MEMBER_FIELD_PHONE, "555.014.2367", "555.014.2367");
  assert_accepted (fixture, PD_MEMBER_FIELD_PHONE, "123456789012345", "123456789012345");
  assert_accepted (fixture, PD_MEMBER_FIELD_PHONE, "", "");

  assert_refused (fixture, PD_MEMBER_FIELD_PHONE, "555-014");
  assert_refused (fixture, PD_MEMBER_FIELD_PHONE, "1234567890123456");
  assert_refused (fixture, PD_MEMBER_FIELD_PHONE, "555-CALL-NOW");
  assert_refused (fixture, PD_MEMBER_FIELD_PHONE, "555 0142 ext 3");
  assert_refused (fixture, PD_MEMBER_FIELD_PHONE, "ask at desk");
  assert_refused (fixture, PD_MEMBER_FIELD_EMERGENCY_PHONE, "555");
  assert_accepted (fixture, PD_MEMBER_FIELD_EMERGENCY_PHONE, "555 0199", "555 0199");
}

static void
test_validate_email (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_accepted (fixture, PD_MEMBER_FIELD_EMAIL, "name@example.org", "name@example.org");
  assert_accepted (fixture, PD_MEMBER_FIELD_EMAIL, " first.last+desk@mail.example.co.uk ",
                   "first.last+desk@mail.example.co.uk");

  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "a@b");
  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "name.example.org");
  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "@example.org");
  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "name@@example.org");
  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "name@example.");
  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "na me@example.org");
  assert_refused (fixture, PD_MEMBER_FIELD_EMAIL, "a@example.org, b@example.org");
}

static void
test_validate_codes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_accepted (fixture, PD_MEMBER_FIELD_VETERAN, "yes", "yes");
  assert_accepted (fixture, PD_MEMBER_FIELD_ETHNICITY, " Hispanic ", "hispanic");
  assert_accepted (fixture, PD_MEMBER_FIELD_HOUSING, "prefers_not_to_answer",
                   "prefers_not_to_answer");
  assert_accepted (fixture, PD_MEMBER_FIELD_STATUS, "inactive", "inactive");
  assert_refused (fixture, PD_MEMBER_FIELD_VETERAN, "maybe");
  assert_refused (fixture, PD_MEMBER_FIELD_JUSTICE, "jail");
  assert_refused (fixture, PD_MEMBER_FIELD_STATUS, "gone");
  assert_refused (fixture, PD_MEMBER_FIELD_ETHNICITY, "hispanic;not_hispanic");
}

static void
test_validate_code_sets (Fixture       *fixture,
                         gconstpointer  user_data)
{
  /* Several answers are stored in the order of the list, whatever order
   * they were ticked or typed in. */
  assert_accepted (fixture, PD_MEMBER_FIELD_GENDER, "woman;transgender", "woman;transgender");
  assert_accepted (fixture, PD_MEMBER_FIELD_GENDER, "transgender;woman", "woman;transgender");
  assert_accepted (fixture, PD_MEMBER_FIELD_GENDER, " Transgender ; WOMAN ; woman ",
                   "woman;transgender");
  assert_accepted (fixture, PD_MEMBER_FIELD_RACE, "white;asian", "asian;white");
  assert_accepted (fixture, PD_MEMBER_FIELD_RACE, "doesnt_know", "doesnt_know");

  /* "Doesn't know" is an answer on its own, not one of several. */
  assert_refused (fixture, PD_MEMBER_FIELD_GENDER, "doesnt_know;woman");
  assert_refused (fixture, PD_MEMBER_FIELD_RACE, "not_collected;white");
  assert_refused (fixture, PD_MEMBER_FIELD_GENDER, "woman;robot");
  assert_refused (fixture, PD_MEMBER_FIELD_GENDER, "female");
}

static void
test_validate_flags (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_accepted (fixture, PD_MEMBER_FIELD_MAY_CONTACT, "yes", "1");
  assert_accepted (fixture, PD_MEMBER_FIELD_MAY_CONTACT, "No", "0");
  assert_accepted (fixture, PD_MEMBER_FIELD_MAY_CONTACT, "TRUE", "1");
  assert_accepted (fixture, PD_MEMBER_FIELD_MAY_CONTACT, "y", "1");
  assert_accepted (fixture, PD_MEMBER_FIELD_REPORT_CONSENT, "n", "0");
  assert_accepted (fixture, PD_MEMBER_FIELD_REPORT_CONSENT, "false", "0");
  assert_accepted (fixture, PD_MEMBER_FIELD_REPORT_CONSENT, "1", "1");
  assert_refused (fixture, PD_MEMBER_FIELD_MAY_CONTACT, "maybe");
  assert_refused (fixture, PD_MEMBER_FIELD_REPORT_CONSENT, "2");
}

static void
test_validate_number (Fixture       *fixture,
                      gconstpointer  user_data)
{
  assert_accepted (fixture, PD_MEMBER_FIELD_NUMBER, "M-000123", "M-000123");
  assert_accepted (fixture, PD_MEMBER_FIELD_NUMBER, "m-1234567", "M-1234567");
  assert_refused (fixture, PD_MEMBER_FIELD_NUMBER, "123");
  assert_refused (fixture, PD_MEMBER_FIELD_NUMBER, "M-12");
  assert_refused (fixture, PD_MEMBER_FIELD_NUMBER, "M-00012A");
}

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) other = insert_member (fixture->db, "Ben", "Okafor");
  g_autoptr(PdMember) edited = NULL;
  g_autoptr(PdMember) stored = NULL;
  g_autoptr(PdMember) other_stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = pd_member_get_id (member);
  g_autoptr(PdStatement) stmt = NULL;
  guint n_changed;

  /* Pretend the member was registered long ago, so the update shows. */
  stmt = pd_database_query (fixture->db,
                            "UPDATE members SET created_at = '2020-03-04T05:06:07Z',"
                            " updated_at = '2020-03-04T05:06:07Z' WHERE id = :id",
                            &error);
  g_assert_no_error (error);
  pd_statement_bind_int64 (stmt, "id", id);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stmt, pd_statement_release);

  edited = pd_members_get (fixture->db, id, &error);
  g_assert_no_error (error);
  pd_member_set (edited, PD_MEMBER_FIELD_LAST_NAME, "Lima-Souza");
  pd_member_set (edited, PD_MEMBER_FIELD_PREFERRED_NAME, "Nina");
  pd_member_set (edited, PD_MEMBER_FIELD_PHONE, "(555) 014-2367");
  pd_member_set (edited, PD_MEMBER_FIELD_GENDER, "transgender;woman");
  pd_member_set (edited, PD_MEMBER_FIELD_MAY_CONTACT, "yes");
  /* The number and the creation time belong to the record for good. */
  pd_member_set (edited, PD_MEMBER_FIELD_NUMBER, "M-000099");
  pd_member_set (edited, PD_MEMBER_FIELD_CREATED_AT, "2024-01-01T00:00:00Z");

  before = pd_timestamp_now ();
  n_changed = fixture->n_changed;
  g_assert_true (pd_members_update (fixture->db, edited, &error));
  g_assert_no_error (error);
  after = pd_timestamp_now ();
  g_assert_cmpuint (fixture->n_changed, ==, n_changed + 1);

  stored = pd_members_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_FIRST_NAME), ==, "Ana");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_LAST_NAME), ==, "Lima-Souza");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_PREFERRED_NAME), ==, "Nina");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_PHONE), ==, "(555) 014-2367");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_GENDER), ==, "woman;transgender");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_MAY_CONTACT), ==, "1");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_NUMBER), ==, "M-000001");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_CREATED_AT), ==, "2020-03-04T05:06:07Z");
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_UPDATED_AT), >=, before);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_UPDATED_AT), <=, after);
  /* The caller's copy says what was saved. */
  g_assert_true (pd_member_equal (stored, edited));

  /* Nobody else was touched. */
  other_stored = pd_members_get (fixture->db, pd_member_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_true (pd_member_equal (other_stored, other));
}

static void
test_update_invalid (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) ghost = new_member ("Nobody", "");
  g_autofree char *before = dump_database (fixture->db);
  g_autofree char *after = NULL;
  guint n_changed = fixture->n_changed;

  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Souza");
  pd_member_set (member, PD_MEMBER_FIELD_EMAIL, "ana at example.org");
  g_assert_false (pd_members_update (fixture->db, member, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  pd_member_set (member, PD_MEMBER_FIELD_EMAIL, "");
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, " ");
  g_assert_false (pd_members_update (fixture->db, member, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);

  pd_member_set_id (ghost, 4242);
  g_assert_false (pd_members_update (fixture->db, ghost, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);

  after = dump_database (fixture->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);
}

static void
test_set_status (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) other = insert_member (fixture->db, "Ben", "Okafor");
  g_autoptr(PdMember) stored = NULL;
  gint64 id = pd_member_get_id (member);
  guint n_changed = fixture->n_changed;

  g_assert_true (pd_members_set_status (fixture->db, id, "inactive", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed + 1);
  stored = pd_members_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_STATUS), ==, "inactive");
  g_assert_false (pd_member_is_active (stored));
  g_clear_object (&stored);

  stored = pd_members_get (fixture->db, pd_member_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_true (pd_member_is_active (stored));
  g_clear_object (&stored);

  g_assert_true (pd_members_set_status (fixture->db, id, "active", &error));
  g_assert_no_error (error);
  stored = pd_members_get (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_STATUS), ==, "active");
  g_assert_true (pd_member_is_active (stored));

  n_changed = fixture->n_changed;
  g_assert_false (pd_members_set_status (fixture->db, 4242, "inactive", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pd_members_set_status (fixture->db, id, "gone", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);
}

static void
assert_number_finds (PdDatabase *db,
                     const char *text,
                     const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_members_get_by_number (db, text, &error);

  g_test_message ("Looking up '%s'", text);
  g_assert_no_error (error);
  g_assert_nonnull (member);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), ==, first_name);
}

static void
assert_number_finds_nobody (PdDatabase *db,
                            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_members_get_by_number (db, text, &error);

  g_test_message ("Looking up '%s'", text);
  g_assert_null (member);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

static void
test_get_by_number (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PdMember) ana = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) ben = insert_member (fixture->db, "Ben", "Okafor");
  g_autoptr(PdMember) cai = new_member ("Cai", "Wen");
  g_autoptr(GError) error = NULL;

  pd_member_set (cai, PD_MEMBER_FIELD_NUMBER, "M-000012");
  g_assert_true (pd_members_insert (fixture->db, cai, &error));
  g_assert_no_error (error);

  assert_number_finds (fixture->db, "M-000001", "Ana");
  assert_number_finds (fixture->db, "m1", "Ana");
  assert_number_finds (fixture->db, "1", "Ana");
  assert_number_finds (fixture->db, " m-000001 ", "Ana");
  assert_number_finds (fixture->db, "M-2", "Ben");
  assert_number_finds (fixture->db, "000002", "Ben");
  assert_number_finds (fixture->db, "12", "Cai");
  assert_number_finds (fixture->db, "m12", "Cai");

  assert_number_finds_nobody (fixture->db, "M-000003");
  assert_number_finds_nobody (fixture->db, "3");
  assert_number_finds_nobody (fixture->db, "0");
  assert_number_finds_nobody (fixture->db, "Ana");
  assert_number_finds_nobody (fixture->db, "");
}

static gint64
count_rows (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (db, "SELECT count(*) FROM members", &error);
  gboolean found;

  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  return pd_statement_get_int64 (stmt, 0);
}

/* The count the list shows is kept by triggers, not counted: it must agree
 * with the table after single inserts, a bulk load, a rolled-back load and
 * a deletion made outside Peerdesk. */
static void
test_count (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMembersWriter) writer = NULL;

  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 0);
  g_object_unref (insert_member (fixture->db, "Ana", "Lima"));
  g_object_unref (insert_member (fixture->db, "Bo", "Ek"));
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 2);

  g_assert_true (pd_database_begin (fixture->db, &error));
  writer = pd_members_writer_new (fixture->db, &error);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PdMember) member = new_member ("Cy", "Oh");

      g_assert_true (pd_members_writer_add (writer, member, &error));
    }
  g_assert_true (pd_members_writer_finish (writer, &error));
  g_clear_pointer (&writer, pd_members_writer_free);
  g_assert_true (pd_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 7);

  g_assert_true (pd_database_begin (fixture->db, &error));
  writer = pd_members_writer_new (fixture->db, &error);
  {
    g_autoptr(PdMember) member = new_member ("Di", "Uy");

    g_assert_true (pd_members_writer_add (writer, member, &error));
  }
  g_clear_pointer (&writer, pd_members_writer_free);
  pd_database_rollback (fixture->db);
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 7);

  /* After a rolled-back load, single inserts are indexed again. */
  g_object_unref (insert_member (fixture->db, "Eve", "Zed"));
  g_assert_true (pd_database_exec (fixture->db, "DELETE FROM members WHERE first_name = 'Cy'",
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, count_rows (fixture->db));
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 3);
  {
    g_autoptr(GPtrArray) found = pd_members_search (fixture->db, "eve", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

/* The SELECT list other files read members with, the member fields and
 * the members table's description are one list. */
static void
test_description (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const PdTable *table = pd_tables_get_members ();
  g_autofree char *columns = pd_table_column_list (table, 0);
  g_autofree char *insert = pd_table_insert_sql (table, 1, NULL);
  PdMemberField field;

  /* What a read gives beyond the description: the version and who saved
   * it, which stay in the database (neither exported nor imported). */
  g_assert_true (g_str_has_prefix (PD_MEMBER_COLUMNS, columns));
  g_assert_cmpstr (PD_MEMBER_COLUMNS + strlen (columns), ==, ", version, updated_by");
  g_assert_cmpuint (table->n_columns, ==, PD_MEMBER_N_FIELDS + 1);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      g_assert_true (pd_member_field_info (i) == &table->columns[i + 1]);
      g_assert_true (pd_member_field_from_name (table->columns[i + 1].name, &field));
      g_assert_cmpuint (field, ==, i);
    }
  g_assert_true (g_str_has_prefix (insert, "INSERT INTO members (number, first_name, "));
  g_assert_true (g_str_has_suffix (insert, "VALUES (:number, :first_name, :last_name, "
                                           ":preferred_name, :pronouns, :birth_date, :phone, "
                                           ":email, :emergency_name, :emergency_phone, "
                                           ":joined_date, :status, :gender, :race, :ethnicity, "
                                           ":veteran, :housing, :justice, :may_contact, "
                                           ":report_consent, :notes, :created_at, :updated_at)"));
}

/* A writer keeps its members and the switched-off index in a transaction
 * of its own: given up on, it leaves nothing behind, with or without a
 * transaction of the caller's. */
static void
test_writer_given_up (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMembersWriter) writer = NULL;
  g_autoptr(PdMember) member = new_member ("Fay", "Ode");
  g_autofree char *bulk_load = NULL;

  g_object_unref (insert_member (fixture->db, "Ana", "Lima"));

  writer = pd_members_writer_new (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_true (pd_members_writer_add (writer, member, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, pd_members_writer_free);

  g_assert_cmpint (count_rows (fixture->db), ==, 1);
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 1);
  bulk_load = pd_database_get_meta (fixture->db, "bulk_load");
  g_assert_null (bulk_load);

  /* Finished, it commits by itself. */
  g_clear_object (&member);
  member = new_member ("Gus", "Pym");
  writer = pd_members_writer_new (fixture->db, &error);
  g_assert_true (pd_members_writer_add (writer, member, &error));
  g_assert_true (pd_members_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&writer, pd_members_writer_free);
  g_assert_cmpint (count_rows (fixture->db), ==, 2);
  g_assert_cmpint (pd_members_count (fixture->db, &error), ==, 2);
  {
    g_autoptr(GPtrArray) found = pd_members_search (fixture->db, "gus", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

/* A page of the list is read at once: the members asked for, in the order
 * asked, with those not there left out. */
static void
test_get_many (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(PdMember) ana = insert_member (fixture->db, "Ana", "Lima");
  g_autoptr(PdMember) ben = insert_member (fixture->db, "Ben", "Okafor");
  g_autoptr(PdMember) eve = insert_member (fixture->db, "Eve", "Park");
  gint64 ids[] = { pd_member_get_id (eve), 999999, pd_member_get_id (ana),
                   pd_member_get_id (eve) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;

  members = pd_members_get_many (fixture->db, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 3);
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (members, 0), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Eve");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (members, 1), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Ana");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (members, 2), PD_MEMBER_FIELD_LAST_NAME),
                   ==, "Park");
  g_assert_cmpint (pd_member_get_id (g_ptr_array_index (members, 0)), ==,
                   pd_member_get_id (eve));

  g_clear_pointer (&members, g_ptr_array_unref);
  members = pd_members_get_many (fixture->db, ids, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 0);
  (void) ben;
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/members/insert/numbers", test_insert_numbers);
  ADD ("/members/insert/defaults", test_insert_defaults);
  ADD ("/members/insert/explicit-number", test_insert_explicit_number);
  ADD ("/members/insert/duplicate", test_insert_duplicate);
  ADD ("/members/validate/first-name", test_validate_first_name);
  ADD ("/members/validate/birth-date", test_validate_birth_date);
  ADD ("/members/validate/joined-date", test_validate_joined_date);
  ADD ("/members/validate/phone", test_validate_phone);
  ADD ("/members/validate/email", test_validate_email);
  ADD ("/members/validate/codes", test_validate_codes);
  ADD ("/members/validate/code-sets", test_validate_code_sets);
  ADD ("/members/validate/flags", test_validate_flags);
  ADD ("/members/validate/number", test_validate_number);
  ADD ("/members/update/fields", test_update);
  ADD ("/members/update/invalid", test_update_invalid);
  ADD ("/members/set-status", test_set_status);
  ADD ("/members/get-by-number", test_get_by_number);
  ADD ("/members/get-many", test_get_many);
  ADD ("/members/count", test_count);
  ADD ("/members/description", test_description);
  ADD ("/members/writer/given-up", test_writer_given_up);

#undef ADD

  return g_test_run ();
}
