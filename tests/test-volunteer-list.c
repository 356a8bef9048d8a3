/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database.h"
#include "pd-test-core.h"
#include "pd-text.h"
#include "pd-volunteer-list.h"
#include "pd-volunteers.h"

/* As many volunteers as the benchmark database has. */
#define N_VOLUNTEERS 25000
/* What the list may keep in memory: 16 pages of 64 volunteers. */
#define MAX_CACHED (16 * 64)

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *db;
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, &fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  pd_test_clear_dir (&fixture->dir);
  g_free (fixture->path);
}

static gint64
add_volunteer (Fixture    *fixture,
               const char *name,
               const char *status)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup (name);
  g_free (volunteer->status);
  volunteer->status = g_strdup (status);
  g_free (volunteer->start_date);
  volunteer->start_date = g_strdup ("2024-01-01");
  id = pd_volunteers_insert (fixture->db, volunteer, &error);
  g_assert_no_error (error);
  return id;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(PdVolunteerSummary) volunteer = g_list_model_get_item (model, position);

  g_assert_nonnull (volunteer);
  return g_strdup (pd_volunteer_summary_get_display_name (volunteer));
}

/* By name as people read it, with roles; a search and a status narrow it. */
static void
test_order_and_filter (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *const names[] = { "zed Park", "Emma Stone", "Émile Roy", "Bob Kerr",
                                       "anna Moss", "Emile Adams" };
  static const char *const sorted[] = { "anna Moss", "Bob Kerr", "Emile Adams", "Émile Roy",
                                        "Emma Stone", "zed Park" };
  g_autoptr(PdVolunteerList) list = NULL;
  g_autoptr(PdVolunteerSummary) first = NULL;
  g_autoptr(PdVolunteer) anna = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  gint64 ids[G_N_ELEMENTS (names)];
  gint64 driver = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = add_volunteer (fixture, names[i], i == 3 ? "former" : "active");
  {
    g_autoptr(GPtrArray) roles = pd_roles_list (fixture->db, FALSE, NULL);

    for (guint i = 0; i < roles->len; i++)
      if (g_str_equal (((PdVolunteerRole *) g_ptr_array_index (roles, i))->label, "Driver"))
        driver = ((PdVolunteerRole *) g_ptr_array_index (roles, i))->id;
  }
  anna = pd_volunteers_get (fixture->db, ids[4], &error);
  g_assert_no_error (error);
  g_array_append_val (anna->role_ids, driver);
  g_assert_true (pd_volunteers_update (fixture->db, anna, &error));

  list = pd_volunteer_list_new (fixture->db);
  model = G_LIST_MODEL (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autofree char *name = name_at (model, i);

      g_assert_cmpstr (name, ==, sorted[i]);
    }
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (pd_volunteer_summary_get_roles (first), ==, "Driver");
  g_assert_cmpstr (pd_volunteer_summary_get_status (first), ==, "active");
  g_assert_cmpint (pd_volunteer_summary_get_id (first), ==, ids[4]);
  g_assert_cmpuint (pd_volunteer_list_find (list, ids[2]), ==, 3);

  /* With or without accents, in any case. */
  pd_volunteer_list_set_filter (list, " EMILE ", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autofree char *a = name_at (model, 0);
    g_autofree char *b = name_at (model, 1);

    g_assert_cmpstr (a, ==, "Emile Adams");
    g_assert_cmpstr (b, ==, "Émile Roy");
  }
  pd_volunteer_list_set_filter (list, "%", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  pd_volunteer_list_set_filter (list, "k", "former");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  pd_volunteer_list_set_filter (list, NULL, "active");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (names) - 1);
}

/* 25,000 volunteers: read a page at a time, never all of them at once,
 * and a new volunteer is one row inserted where it sorts, not the whole
 * list replaced. */
static void
test_paged (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdVolunteerList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  GListModel *model;
  gint64 id;
  guint position;

  /* Names "Volunteer 00000" to "Volunteer 24999", made by the database. */
  g_assert_true (pd_database_exec (fixture->db,
                                   "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL"
                                   "  SELECT i + 1 FROM n WHERE i + 1 < " G_STRINGIFY (N_VOLUNTEERS)
                                   ")"
                                   " INSERT INTO volunteers (display_name, start_date, status,"
                                   "  created_at, updated_at)"
                                   " SELECT 'Volunteer ' || substr (CAST (100000 + i AS TEXT), 2),"
                                   "  '2024-01-01',"
                                   "  CASE WHEN i % 10 = 0 THEN 'former' ELSE 'active' END,"
                                   "  '2024-01-01T00:00:00', '2024-01-01T00:00:00' FROM n",
                                   &error));
  g_assert_no_error (error);

  list = pd_volunteer_list_new (fixture->db);
  model = G_LIST_MODEL (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_VOLUNTEERS);
  g_assert_cmpuint (pd_volunteer_list_get_n_cached (list), ==, 0);

  /* Scrolled from top to bottom, then back up. */
  for (guint i = 0; i < N_VOLUNTEERS; i++)
    {
      g_autofree char *name = name_at (model, i);
      g_autofree char *expected = g_strdup_printf ("Volunteer %05u", i);

      g_assert_cmpstr (name, ==, expected);
      g_assert_cmpuint (pd_volunteer_list_get_n_cached (list), <=, MAX_CACHED);
    }
  for (guint i = N_VOLUNTEERS; i-- > 0;)
    {
      g_autofree char *name = name_at (model, i);
      g_autofree char *expected = g_strdup_printf ("Volunteer %05u", i);

      g_assert_cmpstr (name, ==, expected);
    }
  g_assert_cmpuint (pd_volunteer_list_get_n_cached (list), <=, MAX_CACHED);
  /* A jump to the middle. */
  previous = name_at (model, 12345);
  g_assert_cmpstr (previous, ==, "Volunteer 12345");

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
  id = add_volunteer (fixture, "Volunteer 12345½", "active");
  position = pd_volunteer_list_find (list, id);
  g_assert_cmpuint (position, ==, 12346);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_VOLUNTEERS + 1);
  g_assert_cmpuint (changes->len, >=, 1);
  /* One row added where it sorts; the rest only the pages loaded. */
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 12346);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  for (guint i = 1; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      g_assert_cmpuint (change->removed, ==, change->added);
      g_assert_cmpuint (change->added, <=, 64);
    }
  {
    g_autofree char *name = name_at (model, 12346);

    g_assert_cmpstr (name, ==, "Volunteer 12345½");
  }

  /* Logging hours changes no row's place: only the rows loaded are read
   * again. */
  g_array_set_size (changes, 0);
  pd_database_notify_changed (fixture->db, "volunteers");
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpuint (g_array_index (changes, Change, i).added, <=, 64);

  /* A status filter at this size. */
  pd_volunteer_list_set_filter (list, NULL, "former");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_VOLUNTEERS / 10);
  {
    g_autofree char *name = name_at (model, N_VOLUNTEERS / 10 - 1);

    g_assert_cmpstr (name, ==, "Volunteer 24990");
  }
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/volunteer-list/order-and-filter", test_order_and_filter);
  ADD ("/volunteer-list/paged", test_paged);

#undef ADD

  return g_test_run ();
}
