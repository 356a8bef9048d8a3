/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-error.h"
#include "pd-statement.h"
#include "pd-test-core.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_make_dir ();
  f->db = pd_test_new_database (f->dir, NULL);
  g_assert_true (pd_database_exec (f->db,
                                   "CREATE TABLE things (id INTEGER PRIMARY KEY,"
                                   " name TEXT UNIQUE, weight REAL, note TEXT)",
                                   &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  pd_test_clear_dir (&f->dir);
}

static gint64
add_thing (PdDatabase  *db,
           const char  *name,
           double       weight,
           GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db,
                                                   "INSERT INTO things (name, weight, note)"
                                                   " VALUES (:name, :weight, :note)",
                                                   error);

  if (stmt == NULL)
    return 0;
  pd_statement_bind_text (stmt, "name", name);
  pd_statement_bind_double (stmt, "weight", weight);
  pd_statement_bind_null (stmt, "note");
  if (!pd_statement_execute (stmt, error))
    return 0;
  return pd_statement_get_inserted_id (stmt);
}

static guint
count_things (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (db, "SELECT count(*) FROM things", &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_true (found);
  return (guint) pd_statement_get_int64 (stmt, 0);
}

/* Values go in by name and come out typed, NULL as NULL. */
static void
test_statement_bind_and_read (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gint64 first, second;
  guint n = 0;

  first = add_thing (f->db, "Chair", 7.5, &error);
  g_assert_no_error (error);
  second = add_thing (f->db, "Table", 30, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);

  stmt = pd_database_query (f->db,
                            "SELECT id, name, weight, note, weight > :heavy FROM things"
                            " WHERE weight >= :light ORDER BY id",
                            &error);
  g_assert_no_error (error);
  pd_statement_bind_double (stmt, "light", 1);
  pd_statement_bind_int (stmt, "heavy", 10);
  g_assert_cmpint (pd_statement_get_n_columns (stmt), ==, 5);
  g_assert_cmpstr (pd_statement_get_column_name (stmt, 1), ==, "name");
  while (pd_statement_next (stmt))
    {
      g_autofree char *name = pd_statement_dup_text (stmt, 1);

      g_assert_cmpint (pd_statement_get_int64 (stmt, 0), ==, n == 0 ? first : second);
      g_assert_cmpstr (name, ==, n == 0 ? "Chair" : "Table");
      g_assert_cmpfloat (pd_statement_get_double (stmt, 2), ==, n == 0 ? 7.5 : 30);
      g_assert_true (pd_statement_is_null (stmt, 3));
      g_assert_null (pd_statement_get_text (stmt, 3));
      g_assert_cmpint (pd_statement_get_boolean (stmt, 4), ==, n == 1);
      n++;
    }
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
}

/* A failed write is a GError of the core's own domain, and the statement
 * can be used again afterwards. */
static void
test_statement_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  add_thing (f->db, "Lamp", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (add_thing (f->db, "Lamp", 3, &error), ==, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (add_thing (f->db, "Rug", 3, &error), >, 0);
  g_assert_no_error (error);

  g_assert_null (pd_database_query (f->db, "SELECT nothing FROM nowhere", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  stmt = pd_database_query (f->db, "UPDATE things SET weight = weight + 1", &error);
  g_assert_no_error (error);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_cmpint (pd_statement_get_changes (stmt), ==, 2);
}

/* The same SQL used again while it is still being read (a nested call)
 * gets a statement of its own: neither loses its place. */
static void
test_statement_nested (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) outer = NULL;
  const char *sql = "SELECT name FROM things ORDER BY name";
  g_autoptr(GString) seen = g_string_new (NULL);

  add_thing (f->db, "A", 1, NULL);
  add_thing (f->db, "B", 1, NULL);

  outer = pd_database_query (f->db, sql, &error);
  g_assert_no_error (error);
  while (pd_statement_next (outer))
    {
      g_autoptr(PdStatement) inner = pd_database_query (f->db, sql, &error);

      g_assert_no_error (error);
      g_string_append (seen, pd_statement_get_text (outer, 0));
      while (pd_statement_next (inner))
        g_string_append (seen, pd_statement_get_text (inner, 0));
      g_assert_true (pd_statement_finish (inner, &error));
      g_string_append (seen, ";");
    }
  g_assert_true (pd_statement_finish (outer, &error));
  g_assert_cmpstr (seen->str, ==, "AAB;BAB;");
}

static gboolean
add_two (PdDatabase  *db,
         const char  *first,
         const char  *second,
         GError     **error)
{
  g_autoptr(PdTransaction) transaction = pd_database_begin_transaction (db, error);

  if (transaction == NULL || add_thing (db, first, 1, error) == 0 ||
      add_thing (db, second, 1, error) == 0)
    return FALSE;
  return pd_transaction_commit (transaction, error);
}

/* A transaction left without committing undoes its writes; a committed
 * one keeps them; an inner one undoes only its own part. */
static void
test_statement_transaction (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (add_two (f->db, "Cup", "Plate", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_things (f->db), ==, 2);

  /* The second is a duplicate: the first is not kept either. */
  g_assert_false (add_two (f->db, "Bowl", "Cup", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpuint (count_things (f->db), ==, 2);

  {
    g_autoptr(PdTransaction) outer = pd_database_begin_transaction (f->db, &error);

    g_assert_no_error (error);
    add_thing (f->db, "Spoon", 1, &error);
    g_assert_no_error (error);
    g_assert_false (add_two (f->db, "Fork", "Spoon", &error));
    g_clear_error (&error);
    g_assert_true (pd_transaction_commit (outer, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_things (f->db), ==, 3);
}

static gpointer
read_name (PdStatement *stmt)
{
  return pd_statement_dup_text (stmt, 0);
}

/* Rows read into records come in the statement's order, and a row that
 * fails to read gives no array at all rather than part of one. */
static void
test_statement_collect (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GPtrArray) names = NULL;

  add_thing (f->db, "Shelf", 12, &error);
  add_thing (f->db, "Bench", 20, &error);
  add_thing (f->db, "Stool", 4, &error);
  g_assert_no_error (error);

  stmt = pd_database_query (f->db, "SELECT name FROM things WHERE weight > :light ORDER BY name",
                            &error);
  g_assert_no_error (error);
  pd_statement_bind_int (stmt, "light", 5);
  names = pd_statement_collect (stmt, read_name, g_free, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Bench");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "Shelf");
  g_clear_pointer (&names, g_ptr_array_unref);
  g_clear_pointer (&stmt, pd_statement_release);

  /* The overflow is met on the second row, after the first was read. */
  stmt = pd_database_query (f->db,
                            "SELECT name, CASE WHEN name = 'Shelf'"
                            " THEN abs (-9223372036854775807 - 1) END FROM things ORDER BY name",
                            &error);
  g_assert_no_error (error);
  names = pd_statement_collect (stmt, read_name, g_free, &error);
  g_assert_null (names);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add ("/statement/bind-and-read", Fixture, NULL, fixture_set_up,
              test_statement_bind_and_read, fixture_tear_down);
  g_test_add ("/statement/errors", Fixture, NULL, fixture_set_up, test_statement_errors,
              fixture_tear_down);
  g_test_add ("/statement/nested", Fixture, NULL, fixture_set_up, test_statement_nested,
              fixture_tear_down);
  g_test_add ("/statement/transaction", Fixture, NULL, fixture_set_up,
              test_statement_transaction, fixture_tear_down);
  g_test_add ("/statement/collect", Fixture, NULL, fixture_set_up, test_statement_collect,
              fixture_tear_down);

  return g_test_run ();
}
