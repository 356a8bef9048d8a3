/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-text.h"
#include "pd-volunteers.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  guint n_volunteers_changed;
  guint n_roles_changed;
} Fixture;

static void
on_volunteers_changed_cb (PdDatabase *db,
                          const char *table,
                          Fixture    *fixture)
{
  fixture->n_volunteers_changed++;
}

static void
on_roles_changed_cb (PdDatabase *db,
                     const char *table,
                     Fixture    *fixture)
{
  fixture->n_roles_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  g_signal_connect (fixture->db, "changed::volunteers", G_CALLBACK (on_volunteers_changed_cb),
                    fixture);
  g_signal_connect (fixture->db, "changed::volunteer_roles", G_CALLBACK (on_roles_changed_cb),
                    fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gint64
query_int (PdDatabase *db,
           const char *sql)
{
  return pd_test_query_int (db, sql);
}

static void
exec_sql (PdDatabase *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!pd_database_exec (db, sql, &error))
    g_error ("%s: %s", sql, error->message);
}

/* A date @days from today, as pd_date_today() writes it. */
static char *
date_from_today (int days)
{
  g_autofree char *today = pd_date_today ();
  GDate date;

  g_assert_true (pd_date_parse (today, &date));
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static PdVolunteer *
new_volunteer (const char *name,
               const char *start_date)
{
  PdVolunteer *volunteer = pd_volunteer_new ();

  set_text (&volunteer->display_name, name);
  set_text (&volunteer->start_date, start_date);
  return volunteer;
}

static gint64
insert_volunteer (Fixture     *fixture,
                  PdVolunteer *volunteer)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_volunteers_insert (fixture->db, volunteer, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (volunteer->id, ==, id);
  return id;
}

static gint64
add_volunteer (Fixture    *fixture,
               const char *name,
               const char *status)
{
  g_autoptr(PdVolunteer) volunteer = new_volunteer (name, "2024-05-01");

  set_text (&volunteer->status, status);
  return insert_volunteer (fixture, volunteer);
}

static gint64
add_member (Fixture    *fixture,
            const char *first_name,
            const char *phone)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, phone);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

/* The id of a seeded role, by its label. */
static gint64
role_id (Fixture    *fixture,
         const char *label)
{
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = pd_roles_list (fixture->db, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < roles->len; i++)
    {
      PdVolunteerRole *role = g_ptr_array_index (roles, i);

      if (g_str_equal (role->label, label))
        return role->id;
    }
  g_assert_not_reached ();
}

static void
set_roles (PdVolunteer  *volunteer,
           const gint64 *ids,
           guint         n_ids)
{
  g_array_set_size (volunteer->role_ids, 0);
  g_array_append_vals (volunteer->role_ids, ids, n_ids);
}

static void
assert_roles (const PdVolunteer *volunteer,
              const gint64      *expected,
              guint              n_expected)
{
  g_assert_nonnull (volunteer->role_ids);
  g_assert_cmpuint (volunteer->role_ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (volunteer->role_ids, gint64, i), ==, expected[i]);
}

static void
assert_names (GPtrArray         *volunteers,
              const char *const *expected)
{
  g_assert_nonnull (volunteers);
  for (guint i = 0; i < volunteers->len || expected[i] != NULL; i++)
    {
      g_assert_nonnull (expected[i]);
      g_assert_cmpuint (i, <, volunteers->len);
      g_assert_cmpstr (((PdVolunteer *) g_ptr_array_index (volunteers, i))->display_name, ==,
                       expected[i]);
    }
}

/* Statuses */

static void
test_statuses (void)
{
  const PdCode *statuses = pd_volunteer_statuses ();
  const PdCode *kinds = pd_supervision_kinds ();

  g_assert_cmpstr (statuses[0].code, ==, "active");
  g_assert_cmpstr (statuses[0].label, ==, "Active");
  g_assert_cmpstr (statuses[1].code, ==, "on_leave");
  g_assert_cmpstr (statuses[1].label, ==, "On leave");
  g_assert_cmpstr (statuses[2].code, ==, "former");
  g_assert_cmpstr (statuses[2].label, ==, "Former");
  g_assert_null (statuses[3].code);

  g_assert_cmpstr (kinds[0].code, ==, "individual");
  g_assert_cmpstr (kinds[1].code, ==, "group");
  g_assert_null (kinds[2].code);
}

static void
test_new_defaults (void)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autofree char *today = pd_date_today ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (volunteer->id, ==, 0);
  g_assert_cmpint (volunteer->member_id, ==, 0);
  g_assert_cmpstr (volunteer->display_name, ==, "");
  g_assert_cmpstr (volunteer->start_date, ==, today);
  g_assert_cmpstr (volunteer->background_check_date, ==, "");
  g_assert_cmpstr (volunteer->status, ==, "active");
  g_assert_cmpuint (volunteer->role_ids->len, ==, 0);

  /* Only the name is missing. */
  g_assert_false (pd_volunteer_validate (volunteer, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "display name: this is required");
  g_clear_error (&error);

  set_text (&volunteer->display_name, "Rosa");
  g_assert_true (pd_volunteer_validate (volunteer, &error));
  g_assert_no_error (error);
}

/* Validation */

typedef struct
{
  const char *field;
  const char *value;
  const char *message;  /* NULL when the value is accepted */
} ValidateCase;

static void
test_validate (void)
{
  static const ValidateCase cases[] = {
    { "name", "   ", "display name: this is required" },
    { "name", " Rosa ", NULL },
    { "phone", "555 0100 ext", "phone: “555 0100 ext” is not a phone number: only digits,"
                               " spaces and + - ( ) . are allowed" },
    { "phone", "12-34", "phone: “12-34” is not a phone number: it needs 7 to 15 digits" },
    { "phone", " (555) 010-0199 ", NULL },
    { "phone", "", NULL },
    { "email", "rosa@", "email: “rosa@” is not an email address (name@example.org)" },
    { "email", "rosa@centre.org", NULL },
    { "start", "", "start date: this is required" },
    { "start", "2026-02-30", "start date: “2026-02-30” is not a date (YYYY-MM-DD)" },
    { "start", "31/01/2026", "start date: “31/01/2026” is not a date (YYYY-MM-DD)" },
    { "start", "2020-02-29", NULL },
    { "check", "2026-13-01", "background check date: “2026-13-01” is not a date (YYYY-MM-DD)" },
    { "check", "", NULL },
    { "check", "2024-06-01", NULL },
    { "status", "retired",
      "status: “retired” is not a known code (one of: active, on_leave, former)" },
    { "status", "on_leave", NULL },
  };
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *today = pd_date_today ();
  g_autofree char *future_message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdVolunteer) volunteer = new_volunteer ("Rosa", "2024-05-01");
      g_autoptr(GError) error = NULL;
      char **field;

      if (g_str_equal (cases[i].field, "name"))
        field = &volunteer->display_name;
      else if (g_str_equal (cases[i].field, "phone"))
        field = &volunteer->phone;
      else if (g_str_equal (cases[i].field, "email"))
        field = &volunteer->email;
      else if (g_str_equal (cases[i].field, "start"))
        field = &volunteer->start_date;
      else if (g_str_equal (cases[i].field, "check"))
        field = &volunteer->background_check_date;
      else
        {
          g_assert_cmpstr (cases[i].field, ==, "status");
          field = &volunteer->status;
        }
      set_text (field, cases[i].value);

      if (cases[i].message == NULL)
        {
          g_assert_true (pd_volunteer_validate (volunteer, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (pd_volunteer_validate (volunteer, &error));
          g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }

  /* Starting today is fine; tomorrow is not yet. */
  {
    g_autoptr(PdVolunteer) volunteer = new_volunteer ("Rosa", today);
    g_autoptr(GError) error = NULL;

    g_assert_true (pd_volunteer_validate (volunteer, &error));
    g_assert_no_error (error);

    set_text (&volunteer->start_date, tomorrow);
    future_message = g_strdup_printf ("start date: %s is in the future", tomorrow);
    g_assert_false (pd_volunteer_validate (volunteer, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, future_message);
    g_clear_error (&error);

    /* A background check may be booked ahead. */
    set_text (&volunteer->start_date, today);
    set_text (&volunteer->background_check_date, tomorrow);
    g_assert_true (pd_volunteer_validate (volunteer, &error));
    g_assert_no_error (error);
  }
}

/* Store */

static void
test_insert_update (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PdVolunteer) rosa = new_volunteer ("  Rosa Díaz ", "2024-05-01");
  g_autoptr(PdVolunteer) got = NULL;
  g_autoptr(GError) error = NULL;
  gint64 front_desk = role_id (fixture, "Front desk");
  gint64 driver = role_id (fixture, "Driver");
  gint64 coach = role_id (fixture, "Peer recovery coach");
  gint64 member_id = add_member (fixture, "Rosa", "555 010 0199");
  const gint64 roles[] = { driver, front_desk, driver };
  const gint64 expected_roles[] = { front_desk, driver };
  const gint64 unknown_role[] = { coach, 999 };

  set_text (&rosa->phone, " 555-010-0100 ");
  set_text (&rosa->email, " rosa@centre.org ");
  set_text (&rosa->background_check_date, "2024-04-20");
  set_text (&rosa->notes, "Prefers mornings");
  rosa->member_id = member_id;
  set_roles (rosa, roles, G_N_ELEMENTS (roles));
  insert_volunteer (fixture, rosa);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, 1);

  /* Stored as typed, trimmed; a role given twice is held once, and roles
   * come back in the order of the list of roles. */
  got = pd_volunteers_get (fixture->db, rosa->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, rosa->id);
  g_assert_cmpint (got->member_id, ==, member_id);
  g_assert_cmpstr (got->display_name, ==, "Rosa Díaz");
  g_assert_cmpstr (got->phone, ==, "555-010-0100");
  g_assert_cmpstr (got->email, ==, "rosa@centre.org");
  g_assert_cmpstr (got->start_date, ==, "2024-05-01");
  g_assert_cmpstr (got->background_check_date, ==, "2024-04-20");
  g_assert_cmpstr (got->status, ==, "active");
  g_assert_cmpstr (got->notes, ==, "Prefers mornings");
  assert_roles (got, expected_roles, G_N_ELEMENTS (expected_roles));
  g_clear_pointer (&got, pd_volunteer_free);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM volunteers"
                              " WHERE created_at = updated_at AND created_at LIKE '____-__-__T%Z'"),
                   ==, 1);

  /* The member record stays as it was: a volunteer's details are their
   * own. */
  {
    g_autoptr(PdMember) member = pd_members_get (fixture->db, member_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_PHONE), ==, "555 010 0199");
  }

  /* Update: the roles are replaced, not added to. */
  set_text (&rosa->display_name, "Rosa D.");
  set_text (&rosa->status, "on_leave");
  rosa->member_id = 0;
  set_roles (rosa, &coach, 1);
  g_assert_true (pd_volunteers_update (fixture->db, rosa, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, 2);
  got = pd_volunteers_get (fixture->db, rosa->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->display_name, ==, "Rosa D.");
  g_assert_cmpstr (got->status, ==, "on_leave");
  g_assert_cmpint (got->member_id, ==, 0);
  assert_roles (got, &coach, 1);
  g_clear_pointer (&got, pd_volunteer_free);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM volunteer_role_links"), ==, 1);

  /* An unknown role refuses the whole update, its other fields too. */
  set_text (&rosa->display_name, "Someone else");
  set_roles (rosa, unknown_role, G_N_ELEMENTS (unknown_role));
  g_assert_false (pd_volunteers_update (fixture->db, rosa, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "roles: there is no role with id 999");
  g_clear_error (&error);
  got = pd_volunteers_get (fixture->db, rosa->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->display_name, ==, "Rosa D.");
  assert_roles (got, &coach, 1);
  g_clear_pointer (&got, pd_volunteer_free);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, 2);

  /* And the whole insert. */
  {
    g_autoptr(PdVolunteer) other = new_volunteer ("Sam", "2025-01-01");

    set_roles (other, unknown_role, G_N_ELEMENTS (unknown_role));
    g_assert_cmpint (pd_volunteers_insert (fixture->db, other, &error), ==, 0);
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "roles: there is no role with id 999");
    g_assert_cmpint (other->id, ==, 0);
    g_clear_error (&error);
    g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM volunteers"), ==, 1);

    /* A member linked to no one, then to Rosa already. */
    set_roles (other, NULL, 0);
    other->member_id = 4242;
    g_assert_cmpint (pd_volunteers_insert (fixture->db, other, &error), ==, 0);
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "member: there is no member with id 4242");
    g_clear_error (&error);

    rosa->member_id = member_id;
    set_roles (rosa, &coach, 1);
    set_text (&rosa->display_name, "Rosa D.");
    g_assert_true (pd_volunteers_update (fixture->db, rosa, &error));
    g_assert_no_error (error);
    other->member_id = member_id;
    g_assert_cmpint (pd_volunteers_insert (fixture->db, other, &error), ==, 0);
    g_autofree char *linked = g_strdup_printf ("member: member %" G_GINT64_FORMAT
                                               " is linked to the volunteer “Rosa D.” already",
                                               member_id);

    g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
    g_assert_cmpstr (error->message, ==, linked);
    g_clear_error (&error);
    g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM volunteers"), ==, 1);

    /* Invalid values are refused before anything is written. */
    other->member_id = 0;
    set_text (&other->email, "sam at centre");
    g_assert_cmpint (pd_volunteers_insert (fixture->db, other, &error), ==, 0);
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "email: “sam at centre” is not an email address (name@example.org)");
    g_clear_error (&error);
  }

  /* Unknown ids. */
  g_assert_null (pd_volunteers_get (fixture->db, 999, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no volunteer with id 999");
  g_clear_error (&error);

  rosa->id = 999;
  g_assert_false (pd_volunteers_update (fixture->db, rosa, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM volunteers"), ==, 1);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, 3);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(PdVolunteer) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rosa = add_volunteer (fixture, "Rosa Díaz", "active");
  gint64 sam = add_volunteer (fixture, "Sam Lee", "active");
  gint64 other_sam = add_volunteer (fixture, "sam lee", "former");
  gint64 emile = add_volunteer (fixture, "Émile Roy", "active");
  gint64 digits = add_volunteer (fixture, "2024", "active");
  g_autofree char *ambiguous = NULL;

  found = pd_volunteers_find (fixture->db, "  rosa DÍAZ ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, rosa);
  g_clear_pointer (&found, pd_volunteer_free);

  /* Case folding beyond ASCII. */
  found = pd_volunteers_find (fixture->db, "ÉMILE ROY", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, emile);
  g_clear_pointer (&found, pd_volunteer_free);

  /* A name two volunteers share names them both, with their ids. */
  g_assert_null (pd_volunteers_find (fixture->db, "SAM LEE", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  ambiguous = g_strdup_printf ("“SAM LEE” is the name of several volunteers: Sam Lee (id %"
                               G_GINT64_FORMAT "), sam lee (id %" G_GINT64_FORMAT "); give the"
                               " id of one of them", sam, other_sam);
  g_assert_cmpstr (error->message, ==, ambiguous);
  g_clear_error (&error);

  /* Then the id tells them apart. */
  {
    g_autofree char *by_id = g_strdup_printf ("%" G_GINT64_FORMAT, other_sam);
    g_autofree char *by_hash = g_strdup_printf ("#%" G_GINT64_FORMAT, sam);

    found = pd_volunteers_find (fixture->db, by_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (found->id, ==, other_sam);
    g_assert_cmpstr (found->display_name, ==, "sam lee");
    g_assert_cmpstr (found->status, ==, "former");
    g_clear_pointer (&found, pd_volunteer_free);

    found = pd_volunteers_find (fixture->db, by_hash, &error);
    g_assert_no_error (error);
    g_assert_cmpint (found->id, ==, sam);
    g_clear_pointer (&found, pd_volunteer_free);
  }

  /* A name of digits that is no id is still a name. */
  found = pd_volunteers_find (fixture->db, "2024", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, digits);
  g_clear_pointer (&found, pd_volunteer_free);

  g_assert_null (pd_volunteers_find (fixture->db, "Nobody", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no volunteer “Nobody”");
  g_clear_error (&error);

  g_assert_null (pd_volunteers_find (fixture->db, "999", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A part of a name is for the list, not for finding one person. */
  g_assert_null (pd_volunteers_find (fixture->db, "Rosa", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (pd_volunteers_find (fixture->db, "  ", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const char *const all[] = { "anna Moss", "Bob Kerr", "Émile Roy", "Emma Stone",
                                     "zed Park", NULL };
  static const char *const em[] = { "Émile Roy", "Emma Stone", NULL };
  static const char *const emile[] = { "Émile Roy", NULL };
  static const char *const former[] = { "Bob Kerr", "zed Park", NULL };
  static const char *const former_k[] = { "Bob Kerr", "zed Park", NULL };
  static const char *const active_r[] = { "Émile Roy", NULL };
  static const char *const none[] = { NULL };
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 driver = role_id (fixture, "Driver");

  add_volunteer (fixture, "zed Park", "former");
  add_volunteer (fixture, "Emma Stone", "on_leave");
  add_volunteer (fixture, "Émile Roy", "active");
  add_volunteer (fixture, "Bob Kerr", "former");
  {
    g_autoptr(PdVolunteer) anna = new_volunteer ("anna Moss", "2023-01-01");

    set_roles (anna, &driver, 1);
    insert_volunteer (fixture, anna);
  }

  /* By name whatever the case, with each volunteer's roles. */
  volunteers = pd_volunteers_list (fixture->db, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_names (volunteers, all);
  assert_roles (g_ptr_array_index (volunteers, 0), &driver, 1);
  assert_roles (g_ptr_array_index (volunteers, 1), NULL, 0);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  volunteers = pd_volunteers_list (fixture->db, "", NULL, &error);
  g_assert_no_error (error);
  assert_names (volunteers, all);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  /* A part of the name, in any case, with or without its accents. */
  volunteers = pd_volunteers_list (fixture->db, "EM", NULL, &error);
  g_assert_no_error (error);
  assert_names (volunteers, em);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  volunteers = pd_volunteers_list (fixture->db, " emile ", NULL, &error);
  g_assert_no_error (error);
  assert_names (volunteers, emile);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  volunteers = pd_volunteers_list (fixture->db, NULL, "former", &error);
  g_assert_no_error (error);
  assert_names (volunteers, former);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  volunteers = pd_volunteers_list (fixture->db, "k", "former", &error);
  g_assert_no_error (error);
  assert_names (volunteers, former_k);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  volunteers = pd_volunteers_list (fixture->db, "r", "active", &error);
  g_assert_no_error (error);
  assert_names (volunteers, active_r);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  volunteers = pd_volunteers_list (fixture->db, "nobody", NULL, &error);
  g_assert_no_error (error);
  assert_names (volunteers, none);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  /* SQL wildcards are plain text here. */
  volunteers = pd_volunteers_list (fixture->db, "%", NULL, &error);
  g_assert_no_error (error);
  assert_names (volunteers, none);
  g_clear_pointer (&volunteers, g_ptr_array_unref);

  g_assert_null (pd_volunteers_list (fixture->db, NULL, "gone", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "status: “gone” is not a known code (one of: active, on_leave, former)");
}

/* Roles */

static void
test_roles (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *const seeded[] = { "Peer recovery coach", "Group facilitator", "Front desk",
                                        "Outreach", "Driver", "Other" };
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdVolunteer) got = NULL;
  gint64 kitchen, volunteer_id, driver = role_id (fixture, "Driver");

  roles = pd_roles_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, G_N_ELEMENTS (seeded));
  for (guint i = 0; i < roles->len; i++)
    {
      g_assert_cmpstr (((PdVolunteerRole *) roles->pdata[i])->label, ==, seeded[i]);
      g_assert_false (((PdVolunteerRole *) roles->pdata[i])->archived);
    }
  g_clear_pointer (&roles, g_ptr_array_unref);

  /* A new role goes last. */
  kitchen = pd_roles_add (fixture->db, "  Kitchen ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kitchen, >, 0);
  g_assert_cmpuint (fixture->n_roles_changed, ==, 1);
  roles = pd_roles_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, 7);
  g_assert_cmpstr (((PdVolunteerRole *) roles->pdata[6])->label, ==, "Kitchen");
  g_assert_cmpint (((PdVolunteerRole *) roles->pdata[6])->id, ==, kitchen);
  g_clear_pointer (&roles, g_ptr_array_unref);

  g_assert_cmpint (pd_roles_add (fixture->db, "front DESK", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "There is already a volunteer role “front DESK”");
  g_clear_error (&error);

  g_assert_cmpint (pd_roles_add (fixture->db, "   ", &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A volunteer role needs a name");
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_roles_changed, ==, 1);

  /* Rename, to its own label in another case too, but not to another's. */
  g_assert_true (pd_roles_rename (fixture->db, kitchen, "Kitchen and café", &error));
  g_assert_no_error (error);
  g_assert_true (pd_roles_rename (fixture->db, kitchen, "kitchen AND CAFÉ", &error));
  g_assert_no_error (error);
  g_assert_false (pd_roles_rename (fixture->db, kitchen, "Driver", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (pd_roles_rename (fixture->db, 999, "Cook", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no volunteer role with id 999");
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_roles_changed, ==, 3);

  /* An archived role is no longer offered, and stays with those who hold
   * it. */
  {
    g_autoptr(PdVolunteer) volunteer = new_volunteer ("Rosa", "2024-05-01");

    set_roles (volunteer, &driver, 1);
    volunteer_id = insert_volunteer (fixture, volunteer);
  }
  g_assert_true (pd_roles_set_archived (fixture->db, driver, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_roles_changed, ==, 4);
  g_assert_true (pd_roles_set_archived (fixture->db, driver, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_roles_changed, ==, 4);

  roles = pd_roles_list (fixture->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, 6);
  for (guint i = 0; i < roles->len; i++)
    g_assert_cmpint (((PdVolunteerRole *) roles->pdata[i])->id, !=, driver);
  g_clear_pointer (&roles, g_ptr_array_unref);

  roles = pd_roles_list (fixture->db, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roles->len, ==, 7);
  g_assert_cmpstr (((PdVolunteerRole *) roles->pdata[4])->label, ==, "Driver");
  g_assert_true (((PdVolunteerRole *) roles->pdata[4])->archived);
  g_assert_cmpstr (((PdVolunteerRole *) roles->pdata[6])->label, ==, "kitchen AND CAFÉ");
  g_clear_pointer (&roles, g_ptr_array_unref);

  got = pd_volunteers_get (fixture->db, volunteer_id, &error);
  g_assert_no_error (error);
  assert_roles (got, &driver, 1);

  g_assert_true (pd_roles_set_archived (fixture->db, driver, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (pd_roles_set_archived (fixture->db, 999, TRUE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

/* Hours */

typedef struct
{
  const char *text;
  guint quarters;
} GoodHours;

typedef struct
{
  const char *text;
  const char *message;
} BadHours;

static void
test_hours_parse (void)
{
  static const GoodHours good[] = {
    { "2", 8 }, { "1.5", 6 }, { "1,25", 5 }, { "0.75", 3 }, { "2h", 8 }, { "1:30", 6 },
    { "0.25", 1 }, { ".5", 2 }, { "0,5", 2 }, { "1.50", 6 }, { "1.250", 5 }, { "2.", 8 },
    { " 3 H ", 12 }, { "1.5 h", 6 }, { "0:15", 1 }, { "0:45", 3 }, { "2:00", 8 },
    { "1:30h", 6 }, { "24", 96 }, { "500", 2000 }, { "+1", 4 }, { "07.75", 31 },
  };
  static const BadHours bad[] = {
    { "", "this is required" },
    { "   ", "this is required" },
    { "0", "“0” is not a number of hours above 0" },
    { "0.00", "“0.00” is not a number of hours above 0" },
    { "0:00", "“0:00” is not a number of hours above 0" },
    { "-1", "“-1” is not a number of hours above 0" },
    { "-0.5", "“-0.5” is not a number of hours above 0" },
    { "1.3", "“1.3” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "0.1", "“0.1” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "1.33", "“1.33” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "2,2", "“2,2” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "0.125", "“0.125” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "1:20", "“1:20” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "0:05", "“0:05” is not in quarter hours (0.25, 0.5, 0.75 …)" },
    { "abc", "“abc” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "1:60", "“1:60” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "1:5", "“1:5” is not a number of hours (as 2, 1.5 or 1:30)" },
    { ":30", "“:30” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "1:30:00", "“1:30:00” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "1.2.3", "“1.2.3” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "1,000.5", "“1,000.5” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "h", "“h” is not a number of hours (as 2, 1.5 or 1:30)" },
    { ".", "“.” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "2 hours", "“2 hours” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "1e2", "“1e2” is not a number of hours (as 2, 1.5 or 1:30)" },
    { "100000", "“100000” is more hours than can be logged at once (less than 100000)" },
    { "99999999999999999999",
      "“99999999999999999999” is more hours than can be logged at once (less than 100000)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint quarters = 0;

      g_test_message ("hours “%s”", good[i].text);
      g_assert_true (pd_hours_parse (good[i].text, &quarters, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (quarters, ==, good[i].quarters);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint quarters = 12345;

      g_test_message ("hours “%s”", bad[i].text);
      g_assert_false (pd_hours_parse (bad[i].text, &quarters, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_assert_cmpuint (quarters, ==, 12345);
    }

  {
    g_autoptr(GError) error = NULL;
    guint quarters = 0;

    g_assert_false (pd_hours_parse (NULL, &quarters, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  }

  /* A note pasted where the hours go is not repeated whole. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *note = g_strnfill (5000, 'x');
    guint quarters = 0;

    memcpy (note, "Talked with", 11);
    memcpy (note + 4990, "SECRETTAIL", 10);
    g_assert_false (pd_hours_parse (note, &quarters, &error));
    g_test_message ("%s", error->message);
    g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Talked with"));
    g_assert_null (strstr (error->message, "SECRETTAIL"));
    g_assert_cmpuint (strlen (error->message), <, 200);
  }
}

static void
test_hours_format (void)
{
  static const struct { guint quarters; const char *text; } cases[] = {
    { 0, "0" }, { 1, "0.25" }, { 2, "0.5" }, { 3, "0.75" }, { 4, "1" }, { 5, "1.25" },
    { 6, "1.5" }, { 96, "24" }, { 2001, "500.25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pd_hours_format (cases[i].quarters);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* What is written reads back the same. */
  for (guint quarters = 1; quarters <= 400; quarters++)
    {
      g_autofree char *text = pd_hours_format (quarters);
      g_autoptr(GError) error = NULL;
      guint parsed = 0;

      g_assert_true (pd_hours_parse (text, &parsed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (parsed, ==, quarters);
    }

  g_assert_cmpuint (PD_QUARTERS (1.25), ==, 5);
  g_assert_cmpuint (PD_QUARTERS (24), ==, 96);
}

static void
test_hours_validate (void)
{
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *today = pd_date_today ();
  g_autofree char *future_message = g_strdup_printf ("date: %s is in the future", tomorrow);
  g_autoptr(PdHours) hours = pd_hours_new (1, "2026-03-02", "Front desk", 8);
  g_autoptr(GError) error = NULL;
  struct
  {
    const char *date;
    const char *activity;
    guint quarters;
    const char *message;
  } cases[] = {
    { "2026-03-02", "Front desk", 8, NULL },
    { today, "Front desk", 96, NULL },
    { tomorrow, "Front desk", 8, future_message },
    { "", "Front desk", 8, "date: this is required" },
    { "2026-02-29", "Front desk", 8, "date: “2026-02-29” is not a date (YYYY-MM-DD)" },
    { "2026-03-02", "  ", 8, "activity: this is required" },
    { "2026-03-02", "Front desk", 0, "hours: there must be more than 0" },
    { "2026-03-02", "Front desk", 97, "hours: 24.25 is more than the 24 hours of a day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_text (&hours->date, cases[i].date);
      set_text (&hours->activity, cases[i].activity);
      hours->quarter_hours = cases[i].quarters;
      if (cases[i].message == NULL)
        {
          g_assert_true (pd_hours_validate (hours, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (pd_hours_validate (hours, &error));
          g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
          g_clear_error (&error);
        }
    }

  /* A new row of hours is for today unless told otherwise. */
  {
    g_autoptr(PdHours) fresh = pd_hours_new (1, NULL, "Outreach", 4);

    g_assert_cmpstr (fresh->date, ==, today);
    g_assert_cmpint (fresh->session_id, ==, 0);
    g_assert_cmpstr (fresh->approved_by, ==, "");
  }
}

static GPtrArray *
hours_rows (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
}

static void
test_hours_add_many (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) week = hours_rows ();
  g_autoptr(GPtrArray) bad = hours_rows ();
  g_autoptr(GPtrArray) empty = hours_rows ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *future_message = NULL;
  gint64 rosa = add_volunteer (fixture, "Rosa", "active");
  gint64 sam = add_volunteer (fixture, "Sam", "active");
  guint n_changed = fixture->n_volunteers_changed;

  /* A week of shifts, typed in one go. */
  g_ptr_array_add (week, pd_hours_new (rosa, "2026-03-02", " Front desk ", 16));
  g_ptr_array_add (week, pd_hours_new (rosa, "2026-03-03", "Front desk", 14));
  g_ptr_array_add (week, pd_hours_new (sam, "2026-03-04", "Outreach", 6));
  set_text (&((PdHours *) week->pdata[2])->approved_by, "Dana");
  g_assert_true (pd_hours_add_many (fixture->db, week, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 1);
  for (guint i = 0; i < week->len; i++)
    g_assert_cmpint (((PdHours *) week->pdata[i])->id, >, 0);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM hours"), ==, 3);
  g_assert_cmpint (query_int (fixture->db, "SELECT sum(quarter_hours) FROM hours"), ==, 36);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM hours WHERE activity = 'Front desk'"), ==, 2);

  listed = pd_hours_list (fixture->db, sam, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((PdHours *) listed->pdata[0])->approved_by, ==, "Dana");
  g_assert_cmpuint (((PdHours *) listed->pdata[0])->quarter_hours, ==, 6);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* One bad row, and none of the others is added: the error says which. */
  g_ptr_array_add (bad, pd_hours_new (rosa, "2026-03-09", "Front desk", 16));
  g_ptr_array_add (bad, pd_hours_new (rosa, "2026-03-10", "Front desk", 16));
  g_ptr_array_add (bad, pd_hours_new (rosa, "2026-03-11", "Front desk", 0));
  g_ptr_array_add (bad, pd_hours_new (rosa, "2026-03-12", "Front desk", 16));
  g_assert_false (pd_hours_add_many (fixture->db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 3, hours: there must be more than 0");
  g_clear_error (&error);
  for (guint i = 0; i < bad->len; i++)
    g_assert_cmpint (((PdHours *) bad->pdata[i])->id, ==, 0);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM hours"), ==, 3);

  ((PdHours *) bad->pdata[2])->quarter_hours = 4;
  ((PdHours *) bad->pdata[1])->volunteer_id = 999;
  g_assert_false (pd_hours_add_many (fixture->db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 2, volunteer: there is no volunteer with id 999");
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM hours"), ==, 3);

  ((PdHours *) bad->pdata[1])->volunteer_id = rosa;
  set_text (&((PdHours *) bad->pdata[3])->date, tomorrow);
  future_message = g_strdup_printf ("row 4, date: %s is in the future", tomorrow);
  g_assert_false (pd_hours_add_many (fixture->db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, future_message);
  g_clear_error (&error);

  set_text (&((PdHours *) bad->pdata[3])->date, "2026-03-12");
  set_text (&((PdHours *) bad->pdata[0])->activity, "");
  g_assert_false (pd_hours_add_many (fixture->db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 1, activity: this is required");
  g_clear_error (&error);

  ((PdHours *) bad->pdata[0])->session_id = 4242;
  set_text (&((PdHours *) bad->pdata[0])->activity, "Front desk");
  g_assert_false (pd_hours_add_many (fixture->db, bad, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "row 1, session: there is no session with id 4242");
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM hours"), ==, 3);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 1);

  /* Fixed, the same rows go in once. */
  ((PdHours *) bad->pdata[0])->session_id = 0;
  g_assert_true (pd_hours_add_many (fixture->db, bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM hours"), ==, 7);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 2);

  /* Nothing to add is nothing to say. */
  g_assert_true (pd_hours_add_many (fixture->db, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 2);
}

static void
add_hours (Fixture    *fixture,
           gint64      volunteer_id,
           const char *date,
           const char *activity,
           guint       quarters)
{
  g_autoptr(GPtrArray) rows = hours_rows ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (rows, pd_hours_new (volunteer_id, date, activity, quarters));
  g_assert_true (pd_hours_add_many (fixture->db, rows, &error));
  g_assert_no_error (error);
}

static void
test_hours_list_delete (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rosa = add_volunteer (fixture, "Rosa", "active");
  gint64 sam = add_volunteer (fixture, "Sam", "active");
  guint n_changed;
  gint64 deleted;

  add_hours (fixture, rosa, "2026-03-02", "Front desk", 4);
  add_hours (fixture, rosa, "2026-03-04", "Outreach", 8);
  add_hours (fixture, sam, "2026-03-05", "Driver", 2);
  add_hours (fixture, rosa, "2026-03-03", "Front desk", 6);
  add_hours (fixture, rosa, "2026-03-04", "Front desk", 1);

  /* Newest first; on one day, the last logged first. */
  hours = pd_hours_list (fixture->db, rosa, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 4);
  g_assert_cmpstr (((PdHours *) hours->pdata[0])->date, ==, "2026-03-04");
  g_assert_cmpuint (((PdHours *) hours->pdata[0])->quarter_hours, ==, 1);
  g_assert_cmpstr (((PdHours *) hours->pdata[1])->date, ==, "2026-03-04");
  g_assert_cmpstr (((PdHours *) hours->pdata[1])->activity, ==, "Outreach");
  g_assert_cmpstr (((PdHours *) hours->pdata[2])->date, ==, "2026-03-03");
  g_assert_cmpstr (((PdHours *) hours->pdata[3])->date, ==, "2026-03-02");
  for (guint i = 0; i < hours->len; i++)
    {
      g_assert_cmpint (((PdHours *) hours->pdata[i])->volunteer_id, ==, rosa);
      g_assert_cmpint (((PdHours *) hours->pdata[i])->session_id, ==, 0);
    }
  deleted = ((PdHours *) hours->pdata[1])->id;
  g_clear_pointer (&hours, g_ptr_array_unref);

  /* A page at a time. */
  hours = pd_hours_list (fixture->db, rosa, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 2);
  g_assert_cmpstr (((PdHours *) hours->pdata[0])->activity, ==, "Outreach");
  g_assert_cmpstr (((PdHours *) hours->pdata[1])->date, ==, "2026-03-03");
  g_clear_pointer (&hours, g_ptr_array_unref);

  hours = pd_hours_list (fixture->db, rosa, 4, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 0);
  g_clear_pointer (&hours, g_ptr_array_unref);

  /* Everyone's. */
  hours = pd_hours_list (fixture->db, 0, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 2);
  g_assert_cmpint (((PdHours *) hours->pdata[0])->volunteer_id, ==, sam);
  g_clear_pointer (&hours, g_ptr_array_unref);

  g_assert_null (pd_hours_list (fixture->db, 999, 0, 0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  n_changed = fixture->n_volunteers_changed;
  g_assert_true (pd_hours_delete (fixture->db, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 1);
  hours = pd_hours_list (fixture->db, rosa, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 3);
  for (guint i = 0; i < hours->len; i++)
    g_assert_cmpint (((PdHours *) hours->pdata[i])->id, !=, deleted);

  g_assert_false (pd_hours_delete (fixture->db, deleted, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 1);
}

static gint64
add_group (Fixture    *fixture,
           const char *name,
           gint64      facilitator_volunteer_id,
           guint       duration_minutes)
{
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  set_text (&group->name, name);
  set_text (&group->start_date, "2025-01-01");
  group->duration_minutes = duration_minutes;
  group->facilitator_volunteer_id = facilitator_volunteer_id;
  id = pd_groups_insert (fixture->db, group, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_session (Fixture    *fixture,
             gint64      group_id,
             const char *starts_at,
             guint       duration_minutes)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_sessions_add (fixture->db, group_id, starts_at, duration_minutes, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The quarter hours logged for a session, after logging it. */
static guint
log_session (Fixture *fixture,
             gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  gint64 id = pd_hours_log_session (fixture->db, session_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  hours = pd_hours_list (fixture->db, 0, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < hours->len; i++)
    {
      PdHours *row = g_ptr_array_index (hours, i);

      if (row->id == id)
        {
          g_assert_cmpint (row->session_id, ==, session_id);
          return row->quarter_hours;
        }
    }
  g_assert_not_reached ();
}

static void
test_hours_log_session (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdGroup) group = NULL;
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *tomorrow_start = g_strconcat (tomorrow, "T18:00", NULL);
  g_autofree char *future_message = NULL;
  gint64 rosa = add_volunteer (fixture, "Rosa", "active");
  gint64 circle = add_group (fixture, "Tuesday circle", rosa, 90);
  gint64 art = add_group (fixture, "Art afternoon", 0, 60);
  gint64 session = add_session (fixture, circle, "2025-03-04T18:00", 0);
  gint64 cancelled = add_session (fixture, circle, "2025-03-11T18:00", 0);
  gint64 art_session = add_session (fixture, art, "2025-03-07T14:00", 0);
  gint64 later = add_session (fixture, circle, tomorrow_start, 0);
  gint64 id;
  guint n_changed;

  group = pd_groups_get (fixture->db, circle, &error);
  g_assert_no_error (error);
  g_assert_cmpint (group->facilitator_volunteer_id, ==, rosa);

  n_changed = fixture->n_volunteers_changed;
  id = pd_hours_log_session (fixture->db, session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 1);

  hours = pd_hours_list (fixture->db, rosa, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 1);
  g_assert_cmpint (((PdHours *) hours->pdata[0])->id, ==, id);
  g_assert_cmpstr (((PdHours *) hours->pdata[0])->date, ==, "2025-03-04");
  g_assert_cmpstr (((PdHours *) hours->pdata[0])->activity, ==, "Group facilitator");
  g_assert_cmpuint (((PdHours *) hours->pdata[0])->quarter_hours, ==, 6);
  g_assert_cmpint (((PdHours *) hours->pdata[0])->session_id, ==, session);
  g_clear_pointer (&hours, g_ptr_array_unref);

  /* Once only. */
  g_assert_cmpint (pd_hours_log_session (fixture->db, session, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==,
                   "The hours of the session of “Tuesday circle” at 2025-03-04T18:00 are logged"
                   " already");
  g_clear_error (&error);

  /* Typed in by hand against the same session, too. */
  {
    g_autoptr(GPtrArray) rows = hours_rows ();
    PdHours *row = pd_hours_new (rosa, "2025-03-04", "Group facilitator", 6);

    row->session_id = session;
    g_ptr_array_add (rows, row);
    g_assert_false (pd_hours_add_many (fixture->db, rows, &error));
    g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
    g_clear_error (&error);
  }

  g_assert_true (pd_sessions_cancel (fixture->db, cancelled, "Snow", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_hours_log_session (fixture->db, cancelled, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The session of “Tuesday circle” at 2025-03-11T18:00 was cancelled: it has no"
                   " hours to log");
  g_clear_error (&error);

  g_assert_cmpint (pd_hours_log_session (fixture->db, art_session, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Art afternoon” has no volunteer facilitator: choose one for the group first");
  g_clear_error (&error);

  g_assert_cmpint (pd_hours_log_session (fixture->db, later, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  future_message = g_strdup_printf ("The session of “Tuesday circle” at %s has not happened yet",
                                    tomorrow_start);
  g_assert_cmpstr (error->message, ==, future_message);
  g_clear_error (&error);

  g_assert_cmpint (pd_hours_log_session (fixture->db, 999, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no session with id 999");
  g_clear_error (&error);

  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM hours"), ==, 1);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 1);

  /* To the nearest quarter hour; a short session is at least one. */
  g_assert_cmpuint (log_session (fixture, add_session (fixture, circle, "2025-04-01T18:00", 50)),
                    ==, 3);
  g_assert_cmpuint (log_session (fixture, add_session (fixture, circle, "2025-04-08T18:00", 53)),
                    ==, 4);
  g_assert_cmpuint (log_session (fixture, add_session (fixture, circle, "2025-04-15T18:00", 52)),
                    ==, 3);
  g_assert_cmpuint (log_session (fixture, add_session (fixture, circle, "2025-04-22T18:00", 5)),
                    ==, 1);
  g_assert_cmpuint (log_session (fixture, add_session (fixture, circle, "2025-04-29T18:00", 1440)),
                    ==, 96);
}

static void
assert_totals (GPtrArray         *totals,
               const char *const *expected)
{
  g_assert_nonnull (totals);
  for (guint i = 0; i < totals->len || expected[i] != NULL; i++)
    {
      PdHoursTotal *total;
      g_autofree char *line = NULL;

      g_assert_nonnull (expected[i]);
      g_assert_cmpuint (i, <, totals->len);
      total = g_ptr_array_index (totals, i);
      line = g_strdup_printf ("%s %s %u", total->period, total->activity, total->quarter_hours);
      g_assert_cmpstr (line, ==, expected[i]);
    }
}

static void
test_hours_totals (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char *const by_week[] = {
    "2020-W53 Front desk 9", "2021-W01 Front desk 4", "2025-W01 Outreach 8",
    "2026-W10 Front desk 8", "2026-W10 Outreach 2", "2026-W11 Front desk 4",
    "2026-W53 Front desk 6", "2027-W01 Front desk 1", NULL
  };
  static const char *const by_month[] = {
    "2020-12 Front desk 1", "2021-01 Front desk 12", "2024-12 Outreach 8",
    "2026-03 Front desk 12", "2026-03 Outreach 2", "2026-12 Front desk 4",
    "2027-01 Front desk 3", NULL
  };
  static const char *const by_year[] = {
    "2020 Front desk 1", "2021 Front desk 12", "2024 Outreach 8", "2026 Front desk 16",
    "2026 Outreach 2", "2027 Front desk 3", NULL
  };
  static const char *const rosa_2026[] = {
    "2026-03 Front desk 8", "2026-12 Front desk 4", NULL
  };
  static const char *const march_weeks[] = {
    "2026-W10 Front desk 8", "2026-W10 Outreach 2", NULL
  };
  static const char *const none[] = { NULL };
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rosa = add_volunteer (fixture, "Rosa", "active");
  gint64 sam = add_volunteer (fixture, "Sam", "active");
  g_autofree char *sql = NULL;

  /* ISO weeks across year ends: 2020-12-31 is a Thursday, so 2021-01-01 to
   * 01-03 are still 2020-W53; 2024-12-30, a Monday, starts 2025-W01. */
  add_hours (fixture, rosa, "2020-12-31", "Front desk", 1);
  add_hours (fixture, rosa, "2021-01-01", "Front desk", 2);
  add_hours (fixture, sam, "2021-01-03", "Front desk", 6);
  add_hours (fixture, sam, "2021-01-04", "Front desk", 4);
  add_hours (fixture, sam, "2024-12-30", "Outreach", 8);
  /* 2026-03-02 is a Monday, 03-08 the Sunday of its week. */
  add_hours (fixture, rosa, "2026-03-02", "Front desk", 4);
  add_hours (fixture, rosa, "2026-03-08", "Front desk", 4);
  add_hours (fixture, sam, "2026-03-08", "Outreach", 2);
  add_hours (fixture, sam, "2026-03-09", "Front desk", 4);

  /* Dates the store will not take yet, written past it: 2026-12-31 is a
   * Thursday, so 2027-01-01 is in 2026-W53 and 2027-01-04 starts 2027-W01. */
  sql = g_strdup_printf ("INSERT INTO hours (volunteer_id, date, activity, quarter_hours,"
                         " created_at) VALUES"
                         " (%" G_GINT64_FORMAT ", '2026-12-31', 'Front desk', 4, 'x'),"
                         " (%" G_GINT64_FORMAT ", '2027-01-01', 'Front desk', 2, 'x'),"
                         " (%" G_GINT64_FORMAT ", '2027-01-04', 'Front desk', 1, 'x')",
                         rosa, sam, sam);
  exec_sql (fixture->db, sql);

  totals = pd_hours_totals (fixture->db, 0, PD_HOURS_BY_WEEK, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_totals (totals, by_week);
  g_clear_pointer (&totals, g_ptr_array_unref);

  totals = pd_hours_totals (fixture->db, 0, PD_HOURS_BY_MONTH, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_totals (totals, by_month);
  g_clear_pointer (&totals, g_ptr_array_unref);

  totals = pd_hours_totals (fixture->db, 0, PD_HOURS_BY_YEAR, "", "", &error);
  g_assert_no_error (error);
  assert_totals (totals, by_year);
  g_clear_pointer (&totals, g_ptr_array_unref);

  /* One volunteer's, within dates, both inclusive. */
  totals = pd_hours_totals (fixture->db, rosa, PD_HOURS_BY_MONTH, "2026-01-01", "2026-12-31",
                            &error);
  g_assert_no_error (error);
  assert_totals (totals, rosa_2026);
  g_clear_pointer (&totals, g_ptr_array_unref);

  totals = pd_hours_totals (fixture->db, 0, PD_HOURS_BY_WEEK, "2026-03-02", "2026-03-08",
                            &error);
  g_assert_no_error (error);
  assert_totals (totals, march_weeks);
  g_clear_pointer (&totals, g_ptr_array_unref);

  totals = pd_hours_totals (fixture->db, rosa, PD_HOURS_BY_YEAR, "2023-01-01", "2025-12-31",
                            &error);
  g_assert_no_error (error);
  assert_totals (totals, none);
  g_clear_pointer (&totals, g_ptr_array_unref);

  g_assert_null (pd_hours_totals (fixture->db, 0, PD_HOURS_BY_WEEK, "2026-13-01", NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "from: “2026-13-01” is not a date (YYYY-MM-DD)");
  g_clear_error (&error);

  g_assert_null (pd_hours_totals (fixture->db, 0, PD_HOURS_BY_WEEK, NULL, "soon", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "to: “soon” is not a date (YYYY-MM-DD)");
  g_clear_error (&error);

  g_assert_null (pd_hours_totals (fixture->db, 999, PD_HOURS_BY_WEEK, NULL, NULL, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

/* Every day of fifteen years against GLib's ISO 8601 week. Each day logs
 * its own number of quarters, its Julian day, so that a week made of the
 * wrong seven days does not add up. */
static void
test_hours_totals_iso_weeks (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rosa = add_volunteer (fixture, "Rosa", "active");
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  GDate day, last;

  g_date_clear (&day, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&day, 1, 1, 2015);
  g_date_set_dmy (&last, 31, 12, 2029);

  transaction = pd_database_begin_transaction (fixture->db, &error);
  g_assert_no_error (error);
  stmt = pd_database_query (fixture->db,
                            "INSERT INTO hours (volunteer_id, date, activity, quarter_hours,"
                            " created_at) VALUES (:volunteer, :date, 'Shift', :quarters, 'x')",
                            &error);
  g_assert_no_error (error);
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      g_autofree char *date = NULL;
      g_autofree char *period = NULL;
      guint week = g_date_get_iso8601_week_of_year (&day);
      int year = g_date_get_year (&day);

      if (week >= 52 && g_date_get_month (&day) == G_DATE_JANUARY)
        year--;
      else if (week == 1 && g_date_get_month (&day) == G_DATE_DECEMBER)
        year++;
      guint count;

      period = g_strdup_printf ("%04d-W%02u", year, week);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (expected, period));
      g_hash_table_insert (expected, g_steal_pointer (&period),
                           GUINT_TO_POINTER (count + g_date_get_julian (&day)));
      date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day));
      pd_statement_bind_int64 (stmt, "volunteer", rosa);
      pd_statement_bind_text (stmt, "date", date);
      pd_statement_bind_int64 (stmt, "quarters", g_date_get_julian (&day));
      g_assert_true (pd_statement_execute (stmt, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&stmt, pd_statement_release);
  g_assert_true (pd_transaction_commit (transaction, &error));
  g_assert_no_error (error);

  totals = pd_hours_totals (fixture->db, rosa, PD_HOURS_BY_WEEK, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < totals->len; i++)
    {
      PdHoursTotal *total = g_ptr_array_index (totals, i);

      g_assert_true (g_hash_table_contains (expected, total->period));
      g_assert_cmpuint (total->quarter_hours, ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (expected, total->period)));
      if (i > 0)
        g_assert_cmpstr (((PdHoursTotal *) totals->pdata[i - 1])->period, <, total->period);
    }
}

/* Supervision */

static PdSupervision *
new_supervision (gint64      volunteer_id,
                 const char *date,
                 guint       minutes,
                 const char *kind)
{
  PdSupervision *supervision = g_new0 (PdSupervision, 1);

  supervision->volunteer_id = volunteer_id;
  supervision->date = g_strdup (date);
  supervision->supervisor = g_strdup ("Dana Cole");
  supervision->minutes = minutes;
  supervision->kind = g_strdup (kind);
  return supervision;
}

static void
test_supervision (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *future_message = g_strdup_printf ("date: %s is in the future", tomorrow);
  gint64 rosa = add_volunteer (fixture, "Rosa", "active");
  gint64 sam = add_volunteer (fixture, "Sam", "active");
  guint n_changed = fixture->n_volunteers_changed;
  struct
  {
    const char *date;
    const char *supervisor;
    guint minutes;
    const char *kind;
    const char *message;
  } bad[] = {
    { tomorrow, "Dana", 60, "individual", future_message },
    { "2026-02-30", "Dana", 60, "individual", "date: “2026-02-30” is not a date (YYYY-MM-DD)" },
    { "", "Dana", 60, "individual", "date: this is required" },
    { "2026-03-02", " ", 60, "individual", "supervisor: this is required" },
    { "2026-03-02", "Dana", 0, "individual", "minutes: 0 is not between 1 and 1440 (a day)" },
    { "2026-03-02", "Dana", 1441, "group", "minutes: 1441 is not between 1 and 1440 (a day)" },
    { "2026-03-02", "Dana", 60, "peer",
      "kind: “peer” is not a known code (one of: individual, group)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PdSupervision) supervision =
        new_supervision (rosa, bad[i].date, bad[i].minutes, bad[i].kind);

      set_text (&supervision->supervisor, bad[i].supervisor);
      g_assert_cmpint (pd_supervision_add (fixture->db, supervision, &error), ==, 0);
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
    }

  {
    g_autoptr(PdSupervision) supervision = new_supervision (999, "2026-03-02", 60, "group");

    g_assert_cmpint (pd_supervision_add (fixture->db, supervision, &error), ==, 0);
    g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, "There is no volunteer with id 999");
    g_clear_error (&error);
  }
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM supervision"), ==, 0);
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed);

  {
    const struct { gint64 who; const char *date; guint minutes; const char *kind; } good[] = {
      { rosa, "2026-03-02", 60, "individual" },
      { rosa, "2026-04-06", 90, "group" },
      { sam, "2026-03-20", 45, "individual" },
      { rosa, "2026-03-16", 30, "individual" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autoptr(PdSupervision) supervision =
          new_supervision (good[i].who, good[i].date, good[i].minutes, good[i].kind);
        gint64 id;

        set_text (&supervision->supervisor, "  Dana Cole ");
        id = pd_supervision_add (fixture->db, supervision, &error);
        g_assert_no_error (error);
        g_assert_cmpint (id, >, 0);
        g_assert_cmpint (supervision->id, ==, id);
      }
  }
  g_assert_cmpuint (fixture->n_volunteers_changed, ==, n_changed + 4);

  list = pd_supervision_list (fixture->db, rosa, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((PdSupervision *) list->pdata[0])->date, ==, "2026-04-06");
  g_assert_cmpstr (((PdSupervision *) list->pdata[0])->kind, ==, "group");
  g_assert_cmpuint (((PdSupervision *) list->pdata[0])->minutes, ==, 90);
  g_assert_cmpstr (((PdSupervision *) list->pdata[0])->supervisor, ==, "Dana Cole");
  g_assert_cmpstr (((PdSupervision *) list->pdata[0])->notes, ==, "");
  g_assert_cmpstr (((PdSupervision *) list->pdata[1])->date, ==, "2026-03-16");
  g_assert_cmpstr (((PdSupervision *) list->pdata[2])->date, ==, "2026-03-02");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = pd_supervision_list (fixture->db, rosa, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PdSupervision *) list->pdata[0])->date, ==, "2026-03-16");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = pd_supervision_list (fixture->db, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((PdSupervision *) list->pdata[1])->date, ==, "2026-03-20");
  g_assert_cmpint (((PdSupervision *) list->pdata[1])->volunteer_id, ==, sam);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_null (pd_supervision_list (fixture->db, 999, 0, 0, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/volunteers/codes", test_statuses);
  g_test_add_func ("/volunteers/new/defaults", test_new_defaults);
  g_test_add_func ("/volunteers/validate/messages", test_validate);
  ADD ("/volunteers/store/insert-update-roles", test_insert_update);
  ADD ("/volunteers/store/find", test_find);
  ADD ("/volunteers/store/list", test_list);
  ADD ("/volunteers/roles", test_roles);
  g_test_add_func ("/volunteers/hours/parse", test_hours_parse);
  g_test_add_func ("/volunteers/hours/format", test_hours_format);
  g_test_add_func ("/volunteers/hours/validate", test_hours_validate);
  ADD ("/volunteers/hours/add-many", test_hours_add_many);
  ADD ("/volunteers/hours/list-delete", test_hours_list_delete);
  ADD ("/volunteers/hours/log-session", test_hours_log_session);
  ADD ("/volunteers/hours/totals", test_hours_totals);
  ADD ("/volunteers/hours/totals-iso-weeks", test_hours_totals_iso_weeks);
  ADD ("/volunteers/supervision", test_supervision);

#undef ADD

  return g_test_run ();
}
