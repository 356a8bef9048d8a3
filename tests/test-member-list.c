/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-member-list.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-text.h"

#define N_MEMBERS 100000
/* What the list may keep in memory: 16 pages of 64 members. */
#define MAX_CACHED (16 * 64)
/* Every RARE_EVERY-th member gets a surname nobody else has. */
#define RARE_EVERY 8192
#define RARE_SURNAME "Zyskowski"

typedef struct
{
  gint64 id;
  char *name_key;   /* folded preferred-or-first name */
  char *last_key;   /* folded last name */
  gboolean rare;
} Expected;

static char *tmp_dir;
static PdDatabase *database;
/* Every member, in the order the list must show them. */
static Expected *expected;
static GHashTable *rare_ids;

static const char *first_names[] = {
  "Aaliyah", "Ana", "Ángel", "ben", "Chloé", "Chloe", "Dmitri", "Émile", "Emile", "Fatima",
  "Grace", "Hana", "Ines", "Inés", "Jamal", "José", "Jose", "Kai", "Léa", "LEA", "Mohammed",
  "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Zoë",
};

static const char *last_names[] = {
  "Abbott", "Álvarez", "Alvarez", "Baker", "Brown", "Castro", "Chen", "Dubois", "Ebert", "Fischer",
  "García", "Garcia", "Haddad", "Ivanova", "Jensen", "Kim", "Kowalski", "López", "Lopez", "Mbeki",
  "Müller", "Muller", "Nguyen", "O'Brien", "Okafor", "Patel", "Quispe", "Rossi", "Santos",
  "Schmidt", "Singh", "Tanaka", "Ünal", "Unal", "Vargas", "Weber", "Xu", "Yilmaz", "Zhang",
  "de la Cruz", "",
};

static const char *preferred_names[] = {
  "Al", "Bea", "Cam", "Dee", "Sasha", "Ángie", "jo",
};

/* The order a person expects: by the name they go by, then by last name,
 * without regard to case or accents; members with the same names in the
 * order they were registered. */
static int
compare_keys (const char *name_a,
              const char *last_a,
              gint64      id_a,
              const char *name_b,
              const char *last_b,
              gint64      id_b)
{
  int cmp = strcmp (name_a, name_b);

  if (cmp == 0)
    cmp = strcmp (last_a, last_b);
  if (cmp == 0)
    cmp = (id_a > id_b) - (id_a < id_b);
  return cmp;
}

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *ea = a, *eb = b;

  return compare_keys (ea->name_key, ea->last_key, ea->id, eb->name_key, eb->last_key, eb->id);
}

static char *
name_key (PdMember *member)
{
  const char *name = pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME);

  if (*name == '\0')
    name = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  return pd_text_fold (name);
}

static int
compare_members (PdMember *a,
                 PdMember *b)
{
  g_autofree char *name_a = name_key (a);
  g_autofree char *name_b = name_key (b);
  g_autofree char *last_a = pd_text_fold (pd_member_get (a, PD_MEMBER_FIELD_LAST_NAME));
  g_autofree char *last_b = pd_text_fold (pd_member_get (b, PD_MEMBER_FIELD_LAST_NAME));

  return compare_keys (name_a, last_a, pd_member_get_id (a),
                       name_b, last_b, pd_member_get_id (b));
}

/* Builds the shared database once, in one transaction, the way an import
 * does; the names come from a fixed seed so every run sorts the same. */
static void
ensure_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMembersWriter) writer = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autoptr(GRand) rand = NULL;
  gint64 start;

  if (database != NULL)
    return;

  tmp_dir = pd_test_make_shared_dir ();
  database = pd_test_new_database (tmp_dir, NULL);

  expected = g_new0 (Expected, N_MEMBERS);
  rare_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  rand = g_rand_new_with_seed (20240611);
  start = g_get_monotonic_time ();

  g_assert_true (pd_database_begin (database, &error));
  g_assert_no_error (error);
  writer = pd_members_writer_new (database, &error);
  g_assert_no_error (error);
  member = pd_member_new ();

  for (guint i = 0; i < N_MEMBERS; i++)
    {
      const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      const char *preferred = "";

      if (g_rand_int_range (rand, 0, 8) == 0)
        preferred = preferred_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (preferred_names))];
      if (i % RARE_EVERY == RARE_EVERY / 2)
        last = RARE_SURNAME;

      pd_member_set (member, PD_MEMBER_FIELD_NUMBER, "");
      pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first);
      pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last);
      pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, preferred);
      pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, "2023-05-01");
      g_assert_true (pd_members_writer_add (writer, member, &error));
      g_assert_no_error (error);

      expected[i].id = pd_member_get_id (member);
      expected[i].name_key = pd_text_fold (*preferred ? preferred : first);
      expected[i].last_key = pd_text_fold (last);
      expected[i].rare = (last == (const char *) RARE_SURNAME);
    }

  g_assert_true (pd_members_writer_finish (writer, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_commit (database, &error));
  g_assert_no_error (error);

  g_test_message ("Registered %d members in %.2f s", N_MEMBERS,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  qsort (expected, N_MEMBERS, sizeof (Expected), compare_expected);
  for (guint i = 0; i < N_MEMBERS; i++)
    if (expected[i].rare)
      g_hash_table_add (rare_ids, &expected[i].id);
  g_assert_cmpuint (g_hash_table_size (rare_ids), ==, (N_MEMBERS + RARE_EVERY / 2) / RARE_EVERY);
}

static PdMember *
get_member (PdMemberList *list,
            guint         position)
{
  PdMember *member = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (member);
  g_assert_true (PD_IS_MEMBER (member));
  return member;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

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

/* The changes a view applies must add up to the new size, and none may
 * make a view that loses a row it showed read more than a few pages. */
static void
assert_changes_add_up (GArray *changes,
                       guint   old_n,
                       guint   new_n)
{
  gint64 n = old_n;

  g_assert_cmpuint (changes->len, >, 0);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      g_assert_cmpuint (change->position + change->removed, <=, n);
      if (change->removed > 0)
        g_assert_cmpuint (change->added, <=, 4 * 64);
      n += (gint64) change->added - change->removed;
    }
  g_assert_cmpint (n, ==, new_n);
}

/* Whether one of the words of @text starts with the folded @prefix, as a
 * person reading the row would see it. */
static gboolean
has_word_starting (const char *text,
                   const char *prefix)
{
  g_autofree char *folded = pd_text_fold (text);
  gboolean at_start = TRUE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        at_start = TRUE;
      else if (at_start)
        {
          if (g_str_has_prefix (p, prefix))
            return TRUE;
          at_start = FALSE;
        }
    }
  return FALSE;
}

static gboolean
member_matches (PdMember   *member,
                const char *prefix)
{
  return has_word_starting (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), prefix) ||
         has_word_starting (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), prefix) ||
         has_word_starting (pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME), prefix);
}

static void
test_count (void)
{
  g_autoptr(PdMemberList) list = NULL;

  ensure_database ();
  list = pd_member_list_new (database);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_MEMBERS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PD_TYPE_MEMBER);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), N_MEMBERS));
  g_assert_false (pd_member_list_get_truncated (list));
  g_assert_cmpstr (pd_member_list_get_query (list), ==, "");
  g_assert_true (pd_member_list_get_database (list) == database);
  /* Nothing is read before a view asks for it. */
  g_assert_cmpuint (pd_member_list_get_n_cached (list), ==, 0);
}

static void
test_positions (void)
{
  static const guint positions[] = { 0, 1, 63, 64, 65, 50000, 99999 };
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(PdMember) previous = NULL;

  ensure_database ();
  list = pd_member_list_new (database);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(PdMember) member = get_member (list, positions[i]);

      g_assert_cmpint (pd_member_get_id (member), ==, expected[positions[i]].id);
      if (previous != NULL)
        g_assert_cmpint (compare_members (previous, member), <, 0);
      g_set_object (&previous, member);
    }
}

/* Reads every position from @from towards @to, one by one, as a view
 * scrolling through the whole list does. */
static void
scroll (int from,
        int step)
{
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(PdMember) previous = NULL;
  guint max_cached = 0;
  gint64 start;

  ensure_database ();
  list = pd_member_list_new (database);
  start = g_get_monotonic_time ();

  for (int position = from; position >= 0 && position < N_MEMBERS; position += step)
    {
      g_autoptr(PdMember) member = get_member (list, position);
      gint64 id = pd_member_get_id (member);
      guint n_cached = pd_member_list_get_n_cached (list);

      if (pd_member_get_id (member) != expected[position].id)
        g_error ("Position %d shows member %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT,
                 position, id, expected[position].id);
      if (previous != NULL &&
          (step > 0 ? compare_members (previous, member) : compare_members (member, previous)) >= 0)
        g_error ("Positions %d and %d are out of order", position - step, position);
      if (n_cached > MAX_CACHED)
        g_error ("%u members cached at position %d", n_cached, position);
      if (!g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_error ("Member %" G_GINT64_FORMAT " shown twice", id);

      max_cached = MAX (max_cached, n_cached);
      g_set_object (&previous, member);
    }

  g_test_message ("Scrolled through %d members in %.2f s, at most %u cached", N_MEMBERS,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, max_cached);
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_MEMBERS);
  g_assert_cmpuint (max_cached, >=, MAX_CACHED / 2);
}

static void
test_scroll_forward (void)
{
  scroll (0, 1);
}

static void
test_scroll_backward (void)
{
  scroll (N_MEMBERS - 1, -1);
}

static void
assert_position (PdMemberList *list,
                 guint         position)
{
  g_autoptr(PdMember) member = get_member (list, position);

  g_assert_cmpint (pd_member_get_id (member), ==, expected[position].id);
  if (position + 1 < N_MEMBERS)
    {
      g_autoptr(PdMember) next = get_member (list, position + 1);

      g_assert_cmpint (pd_member_get_id (next), ==, expected[position + 1].id);
      g_assert_cmpint (compare_members (member, next), <, 0);
    }
  g_assert_cmpuint (pd_member_list_get_n_cached (list), <=, MAX_CACHED);
}

static void
test_jumps (void)
{
  /* Next to a page already read, then far from any. */
  static const guint around[] = {
    50000, 49983, 49984, 50047, 50048, 49919, 50112, 0, 63, 64, 99999, 99968, 99967, 99935,
  };
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  ensure_database ();
  list = pd_member_list_new (database);

  for (guint i = 0; i < G_N_ELEMENTS (around); i++)
    assert_position (list, around[i]);

  for (guint i = 0; i < 500; i++)
    assert_position (list, g_rand_int_range (rand, 0, N_MEMBERS));
}

static void
test_search (void)
{
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(PdMember) first = NULL;
  guint n;

  ensure_database ();
  list = pd_member_list_new (database);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  pd_member_list_set_query (list, "zysk");
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, g_hash_table_size (rare_ids));
  g_assert_cmpstr (pd_member_list_get_query (list), ==, "zysk");
  g_assert_false (pd_member_list_get_truncated (list));
  assert_changes_add_up (changes, N_MEMBERS, n);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdMember) member = get_member (list, i);
      gint64 id = pd_member_get_id (member);

      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME), ==, RARE_SURNAME);
      g_assert_true (g_hash_table_contains (rare_ids, &id));
      g_assert_true (g_hash_table_add (found, g_memdup2 (&id, sizeof id)));
      if (first != NULL)
        g_assert_cmpint (compare_members (first, member), <, 0);
      g_set_object (&first, member);
    }

  g_assert_cmpuint (g_hash_table_size (found), ==, n);

  /* Setting the same text again does not reload the list. */
  g_array_set_size (changes, 0);
  pd_member_list_set_query (list, "zysk");
  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_search_truncated (void)
{
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(PdMember) previous = NULL;
  g_autoptr(PdMember) member = NULL;
  gint64 start;

  ensure_database ();
  list = pd_member_list_new (database);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  start = g_get_monotonic_time ();
  pd_member_list_set_query (list, "a");
  g_test_message ("Searched 'a' in %.3f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_assert_true (pd_member_list_get_truncated (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    PD_MEMBER_LIST_SEARCH_LIMIT);
  assert_changes_add_up (changes, N_MEMBERS, PD_MEMBER_LIST_SEARCH_LIMIT);

  for (guint i = 0; i < PD_MEMBER_LIST_SEARCH_LIMIT; i++)
    {
      g_autoptr(PdMember) item = get_member (list, i);

      if (!member_matches (item, "a"))
        g_error ("Position %u does not match 'a': %s %s (%s)", i,
                 pd_member_get (item, PD_MEMBER_FIELD_FIRST_NAME),
                 pd_member_get (item, PD_MEMBER_FIELD_LAST_NAME),
                 pd_member_get (item, PD_MEMBER_FIELD_PREFERRED_NAME));
      if (previous != NULL)
        g_assert_cmpint (compare_members (previous, item), <, 0);
      g_set_object (&previous, item);
      g_assert_cmpuint (pd_member_list_get_n_cached (list), <=, MAX_CACHED);
    }

  /* Clearing the search shows everybody again, from the top. */
  g_array_set_size (changes, 0);
  pd_member_list_set_query (list, "");
  g_assert_false (pd_member_list_get_truncated (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_MEMBERS);
  assert_changes_add_up (changes, PD_MEMBER_LIST_SEARCH_LIMIT, N_MEMBERS);
  member = get_member (list, 0);
  g_assert_cmpint (pd_member_get_id (member), ==, expected[0].id);
  g_clear_object (&member);
  member = get_member (list, N_MEMBERS - 1);
  g_assert_cmpint (pd_member_get_id (member), ==, expected[N_MEMBERS - 1].id);

  /* So does a NULL query, after a narrow one. */
  pd_member_list_set_query (list, "zysk");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, 100);
  pd_member_list_set_query (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_MEMBERS);
  g_assert_false (pd_member_list_get_truncated (list));
}

static gint64
first_ordinary_id (void)
{
  for (guint i = 0; i < N_MEMBERS; i++)
    if (!expected[i].rare)
      return expected[i].id;
  g_assert_not_reached ();
}

static void
test_find (void)
{
  static const guint positions[] = { 0, 1, 63, 64, 777, 50000, 99998, 99999 };
  g_autoptr(PdMemberList) list = NULL;
  guint n;

  ensure_database ();
  list = pd_member_list_new (database);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    g_assert_cmpuint (pd_member_list_find (list, expected[positions[i]].id), ==, positions[i]);
  g_assert_cmpuint (pd_member_list_find (list, 987654321), ==, G_MAXUINT);

  pd_member_list_set_query (list, "zysk");
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdMember) member = get_member (list, i);

      g_assert_cmpuint (pd_member_list_find (list, pd_member_get_id (member)), ==, i);
    }
  g_assert_cmpuint (pd_member_list_find (list, first_ordinary_id ()), ==, G_MAXUINT);
  g_assert_cmpuint (pd_member_list_find (list, 987654321), ==, G_MAXUINT);
}

/* A list that cannot read the database says why instead of showing
 * nothing without a word. */
static void
test_read_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pd_test_make_dir ();
  g_autoptr(PdDatabase) db = pd_test_new_database (dir, NULL);
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(PdMemberList) list = NULL;
  gpointer item;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Lopez");
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  list = pd_member_list_new (db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* The column the list reads by is gone: every query of it fails. */
  g_assert_true (pd_database_exec (db, "ALTER TABLE members RENAME COLUMN sort_key TO gone",
                                   &error));
  g_assert_no_error (error);

  g_test_expect_message ("Peerdesk-Core", G_LOG_LEVEL_WARNING, "Could not find a member: *");
  g_assert_cmpuint (pd_member_list_find (list, pd_member_get_id (member)), ==, G_MAXUINT);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Peerdesk-Core", G_LOG_LEVEL_WARNING, "Could not read members: *");
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_test_assert_expected_messages ();
  g_assert_null (item);

  g_clear_object (&list);
  g_assert_finalize_object (g_steal_pointer (&db));
  pd_test_clear_dir (&dir);
}

static void
delete_member (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (database, "DELETE FROM members WHERE id = :id",
                                                   &error);

  g_assert_no_error (error);
  pd_statement_bind_int64 (stmt, "id", id);
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  pd_database_notify_changed (database, "members");
}

static void
test_follows_insert (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(PdMemberList) search = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) search_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(PdMember) shown = NULL;
  g_autoptr(PdMember) before = NULL;
  g_autoptr(PdMember) after = NULL;
  guint n, position;

  ensure_database ();
  list = pd_member_list_new (database);
  search = pd_member_list_new (database);
  pd_member_list_set_query (search, "aardv");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 0);

  /* A view showing the top of the list. */
  shown = get_member (list, 0);
  g_clear_object (&shown);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
  g_signal_connect (search, "items-changed", G_CALLBACK (on_items_changed_cb), search_changes);

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Aaron");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Aardvark");
  g_assert_true (pd_members_insert (database, member, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n + 1);
  assert_changes_add_up (changes, n, n + 1);

  position = pd_member_list_find (list, pd_member_get_id (member));
  g_assert_cmpuint (position, >, 0);
  g_assert_cmpuint (position, <, n);
  shown = get_member (list, position);
  g_assert_cmpint (pd_member_get_id (shown), ==, pd_member_get_id (member));
  before = get_member (list, position - 1);
  after = get_member (list, position + 1);
  g_assert_cmpint (compare_members (before, shown), <, 0);
  g_assert_cmpint (compare_members (shown, after), <, 0);
  g_assert_cmpint (pd_member_get_id (before), ==, expected[position - 1].id);
  g_assert_cmpint (pd_member_get_id (after), ==, expected[position].id);

  /* A list showing a search finds the new member too. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 1);
  assert_changes_add_up (search_changes, 0, 1);
  g_clear_object (&shown);
  shown = get_member (search, 0);
  g_assert_cmpint (pd_member_get_id (shown), ==, pd_member_get_id (member));

  /* Leave the shared database as the other tests expect it. */
  g_array_set_size (changes, 0);
  delete_member (pd_member_get_id (member));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  assert_changes_add_up (changes, n + 1, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (search)), ==, 0);
}

static void
test_follows_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(PdMember) member = NULL;
  guint position = 12345;
  gboolean covered = FALSE;
  gint64 id;

  ensure_database ();
  list = pd_member_list_new (database);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  /* The row is on screen, so its page is in memory. */
  member = get_member (list, position);
  id = pd_member_get_id (member);
  g_assert_true (pd_member_is_active (member));
  g_clear_object (&member);

  g_assert_true (pd_members_set_status (database, id, "inactive", &error));
  g_assert_no_error (error);

  member = get_member (list, position);
  g_assert_cmpint (pd_member_get_id (member), ==, id);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_STATUS), ==, "inactive");
  g_assert_false (pd_member_is_active (member));
  g_clear_object (&member);

  /* The view was told to redraw that row. */
  assert_changes_add_up (changes, N_MEMBERS, N_MEMBERS);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      covered |= change->position <= position && position < change->position + change->added;
    }
  g_assert_true (covered);

  g_assert_true (pd_members_set_status (database, id, "active", &error));
  g_assert_no_error (error);
  member = get_member (list, position);
  g_assert_cmpint (pd_member_get_id (member), ==, id);
  g_assert_true (pd_member_is_active (member));
}

/* A view that treats a change the way GTK 4.8's list views do
 * (gtklistitemmanager.c): it holds the items of the rows on screen; when a
 * change removes one of them it asks for every added row, looking for the
 * item it held; its scroll position is kept, or guessed in proportion when
 * it was removed; rows it holds outside the change are not read again. */
typedef struct
{
  GListModel *model;
  guint first;
  GPtrArray *items;     /* the rows on screen from @first */
  guint n_get_item;     /* every get_item () the view made */
} View;

#define VIEW_ROWS 40

static void
view_fill (View *view)
{
  guint n = g_list_model_get_n_items (view->model);

  for (guint i = 0; i < VIEW_ROWS && view->first + i < n; i++)
    {
      if (i < view->items->len && g_ptr_array_index (view->items, i) != NULL)
        continue;
      if (i >= view->items->len)
        g_ptr_array_set_size (view->items, i + 1);
      g_ptr_array_index (view->items, i) = g_list_model_get_item (view->model, view->first + i);
      view->n_get_item++;
    }
  if (view->items->len > n - MIN (n, view->first))
    g_ptr_array_set_size (view->items, n - MIN (n, view->first));
}

static void
view_scroll_to (View  *view,
                guint  first)
{
  view->first = first;
  g_ptr_array_set_size (view->items, 0);
  view_fill (view);
}

static void
on_view_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          View       *view)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&view->items);
  guint n = g_list_model_get_n_items (model);
  guint old_first = view->first;
  gboolean lost = FALSE;

  view->items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < old->len; i++)
    {
      guint p = old_first + i;

      lost |= p >= position && p < position + removed;
    }
  if (lost)
    for (guint i = 0; i < added; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

        view->n_get_item++;
      }

  if (old_first >= position + removed)
    view->first = old_first + added - removed;
  else if (old_first >= position)
    view->first = position + (guint) ((guint64) (old_first - position) * added / removed);
  if (view->first >= n)
    view->first = n > 0 ? n - 1 : 0;

  /* Keep the items of rows outside the change, where they moved to. */
  for (guint i = 0; i < old->len; i++)
    {
      guint p = old_first + i, q;

      if (p >= position && p < position + removed)
        continue;
      q = p < position ? p : p + added - removed;
      if (q < view->first || q >= view->first + VIEW_ROWS)
        continue;
      if (view->items->len <= q - view->first)
        g_ptr_array_set_size (view->items, q - view->first + 1);
      g_ptr_array_index (view->items, q - view->first) = g_object_ref (g_ptr_array_index (old, i));
    }
  view_fill (view);
}

static void
view_init (View       *view,
           GListModel *model)
{
  view->model = model;
  view->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_view_items_changed_cb), view);
  view_fill (view);
}

static void
view_clear (View *view)
{
  g_signal_handlers_disconnect_by_data (view->model, view);
  g_ptr_array_unref (view->items);
}

/* Every row the view shows is the member the list has at that place. */
static void
assert_view_current (View *view)
{
  g_assert_cmpuint (view->items->len, ==,
                    MIN (VIEW_ROWS, g_list_model_get_n_items (view->model) - view->first));
  for (guint i = 0; i < view->items->len; i++)
    {
      g_autoptr(PdMember) member = g_list_model_get_item (view->model, view->first + i);

      g_assert_cmpint (pd_member_get_id (g_ptr_array_index (view->items, i)), ==,
                       pd_member_get_id (member));
    }
}

/* At most this many pages may be read for one change a view sees. */
#define FEW_PAGES 4

static void
assert_few_reads (PdMemberList *list,
                  View         *view,
                  guint        *reads,
                  guint        *gets)
{
  g_test_message ("%u pages read, %u rows asked for",
                  pd_member_list_get_n_reads (list) - *reads, view->n_get_item - *gets);
  g_assert_cmpuint (pd_member_list_get_n_reads (list) - *reads, <=, FEW_PAGES);
  g_assert_cmpuint (view->n_get_item - *gets, <=, FEW_PAGES * 64);
  assert_view_current (view);
  *reads = pd_member_list_get_n_reads (list);
  *gets = view->n_get_item;
}

/* Clearing a search, or a member joining, must not make a view read every
 * row: each would read N_MEMBERS / 64 pages. */
static void
test_change_reads_few_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  View view = { 0 };
  guint reads, gets;

  ensure_database ();
  list = pd_member_list_new (database);
  view_init (&view, G_LIST_MODEL (list));
  assert_view_current (&view);
  reads = pd_member_list_get_n_reads (list);
  gets = view.n_get_item;

  pd_member_list_set_query (list, "zysk");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    g_hash_table_size (rare_ids));
  assert_few_reads (list, &view, &reads, &gets);

  /* The person picks the third match, then clears the search. */
  view_scroll_to (&view, 2);
  pd_member_list_set_query (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_MEMBERS);
  assert_few_reads (list, &view, &reads, &gets);

  /* A member joins while the list shows its top, then its middle. */
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Aaron");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Aardvark");
  g_assert_true (pd_members_insert (database, member, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_MEMBERS + 1);
  assert_few_reads (list, &view, &reads, &gets);

  view_scroll_to (&view, N_MEMBERS / 2);
  reads = pd_member_list_get_n_reads (list);
  gets = view.n_get_item;
  delete_member (pd_member_get_id (member));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_MEMBERS);
  g_assert_cmpuint (view.first, ==, N_MEMBERS / 2);
  assert_few_reads (list, &view, &reads, &gets);

  /* A search typed while the list shows its middle. */
  pd_member_list_set_query (list, "zysk");
  assert_few_reads (list, &view, &reads, &gets);

  view_clear (&view);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  pd_test_init (&argc, &argv);

  g_test_add_func ("/member-list/count", test_count);
  g_test_add_func ("/member-list/positions", test_positions);
  g_test_add_func ("/member-list/scroll/forward", test_scroll_forward);
  g_test_add_func ("/member-list/scroll/backward", test_scroll_backward);
  g_test_add_func ("/member-list/jumps", test_jumps);
  g_test_add_func ("/member-list/search/narrows", test_search);
  g_test_add_func ("/member-list/search/truncated", test_search_truncated);
  g_test_add_func ("/member-list/find", test_find);
  g_test_add_func ("/member-list/read-errors", test_read_errors);
  g_test_add_func ("/member-list/follows/insert", test_follows_insert);
  g_test_add_func ("/member-list/follows/status", test_follows_status);
  g_test_add_func ("/member-list/change/reads-few-pages", test_change_reads_few_pages);

  result = g_test_run ();

  if (database != NULL)
    {
      g_assert_finalize_object (database);
      for (guint i = 0; i < N_MEMBERS; i++)
        {
          g_free (expected[i].name_key);
          g_free (expected[i].last_key);
        }
      g_free (expected);
      g_hash_table_unref (rare_ids);
      pd_test_clear_dir (&tmp_dir);
    }

  return result;
}
