/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-member-words.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-text.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
} Fixture;

typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *preferred_name;
  const char *phone;
  const char *number;
} Person;

/* Listed by number; the list shows them sorted by the name they go by. */
static const Person people[] = {
  { "José", "García", "", "(555) 014-2367", NULL },     /* M-000001 */
  { "Joanna", "Smith", "", "(617) 555-0100", NULL },   /* M-000002 */
  { "Maria", "Müller", "", "", NULL },                 /* M-000003 */
  { "Jose", "Ortega", "", "555 0199", NULL },          /* M-000004 */
  { "Roberta", "Klein", "Bobbie", "", NULL },          /* M-000005 */
  { "Josef", "Müller", "", "", NULL },                 /* M-000006 */
  { "Anja", "Strauß", "", "", NULL },                  /* M-000007 */
  { "Zoe", "Zimmer", "", "", "M-000555" },
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(PdMember) member = pd_member_new ();

      pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, people[i].first_name);
      pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, people[i].last_name);
      pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, people[i].preferred_name);
      pd_member_set (member, PD_MEMBER_FIELD_PHONE, people[i].phone);
      if (people[i].number != NULL)
        pd_member_set (member, PD_MEMBER_FIELD_NUMBER, people[i].number);
      g_assert_true (pd_members_insert (fixture->db, member, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

/* The members found for @text, in the order shown, as "First Last" joined
 * with commas. */
static char *
search (PdDatabase *db,
        const char *text,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = pd_members_search (db, text, limit, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (members);
  for (guint i = 0; i < members->len; i++)
    {
      PdMember *member = g_ptr_array_index (members, i);

      g_string_append_printf (out, "%s%s %s", i ? ", " : "",
                              pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME),
                              pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME));
    }
  g_test_message ("'%s' finds: %s", text, out->str);
  return g_string_free (out, FALSE);
}

#define assert_finds(db, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search ((db), (text), 100); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

static void
test_prefix (Fixture       *fixture,
             gconstpointer  user_data)
{
  assert_finds (fixture->db, "jo", "Joanna Smith, José García, Jose Ortega, Josef Müller");
  assert_finds (fixture->db, "Joa", "Joanna Smith");
  assert_finds (fixture->db, "ortega", "Jose Ortega");
  assert_finds (fixture->db, "mar", "Maria Müller");
  assert_finds (fixture->db, "aria", "");
  assert_finds (fixture->db, "zz", "");
}

static void
test_diacritics (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(PdMember) lukasz = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (lukasz, PD_MEMBER_FIELD_FIRST_NAME, "Łukasz");
  pd_member_set (lukasz, PD_MEMBER_FIELD_LAST_NAME, "Nowak");
  g_assert_true (pd_members_insert (fixture->db, lukasz, &error));
  g_assert_no_error (error);

  /* Front desks type without accents, or with them, in any case. */
  assert_finds (fixture->db, "jose", "José García, Jose Ortega, Josef Müller");
  assert_finds (fixture->db, "JOSÉ", "José García, Jose Ortega, Josef Müller");
  assert_finds (fixture->db, "José Ortega", "Jose Ortega");
  assert_finds (fixture->db, "garcia", "José García");
  assert_finds (fixture->db, "GARCÍA", "José García");
  assert_finds (fixture->db, "mull", "Josef Müller, Maria Müller");
  assert_finds (fixture->db, "MÜLLER", "Josef Müller, Maria Müller");
  assert_finds (fixture->db, "nowak", "Łukasz Nowak");
  assert_finds (fixture->db, "łukasz", "Łukasz Nowak");
  assert_finds (fixture->db, "ŁUKASZ", "Łukasz Nowak");
  /* A name is always found as it is written. */
  assert_finds (fixture->db, "Strauß", "Anja Strauß");
  assert_finds (fixture->db, "STRAUß", "Anja Strauß");
  assert_finds (fixture->db, "strau", "Anja Strauß");
  /* Decomposed input, as some keyboards and pasted text give. */
  assert_finds (fixture->db, "Jose\xcc\x81", "José García, Jose Ortega, Josef Müller");
}

static void
test_words (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* Every word must match, each one anywhere in the names. */
  assert_finds (fixture->db, "jos mul", "Josef Müller");
  assert_finds (fixture->db, "mul jos", "Josef Müller");
  assert_finds (fixture->db, "  jos   gar ", "José García");
  assert_finds (fixture->db, "jos smith", "");
  assert_finds (fixture->db, "maria müller", "Maria Müller");
  assert_finds (fixture->db, "müller,maria", "Maria Müller");
}

static void
test_preferred_name (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_finds (fixture->db, "bob", "Roberta Klein");
  assert_finds (fixture->db, "bobbie klein", "Roberta Klein");
  assert_finds (fixture->db, "rob", "Roberta Klein");
}

static void
test_phone (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* Any punctuation, as long as the digits start the number. */
  assert_finds (fixture->db, "555 0142", "José García");
  assert_finds (fixture->db, "(555) 014", "José García");
  assert_finds (fixture->db, "555-014-2367", "José García");
  assert_finds (fixture->db, "5550142367", "José García");
  assert_finds (fixture->db, "555.01", "José García, Jose Ortega");
  assert_finds (fixture->db, "617 555", "Joanna Smith");
  assert_finds (fixture->db, "014 2367", "");
}

static void
test_number (Fixture       *fixture,
             gconstpointer  user_data)
{
  assert_finds (fixture->db, "M-000002", "Joanna Smith");
  assert_finds (fixture->db, "m-000002", "Joanna Smith");
  assert_finds (fixture->db, "2", "Joanna Smith");
  assert_finds (fixture->db, "m2", "Joanna Smith");
  assert_finds (fixture->db, "M-000006", "Josef Müller");
  assert_finds (fixture->db, "M-000099", "");

  /* The member with that number comes first, before the phone numbers
   * that start with the same digits, although they sort before it. */
  assert_finds (fixture->db, "555", "Zoe Zimmer, José García, Jose Ortega");
  assert_finds (fixture->db, "m555", "Zoe Zimmer");
}

static void
test_syntax (Fixture       *fixture,
             gconstpointer  user_data)
{
  /* Characters and words that mean something to the full-text index are
   * read as text: no error, and no search that ignores what was typed. */
  static const char *inputs[] = {
    "\"", "\"jo", "jo\"", "*", "jo*", "*jo", "OR", "AND", "NOT", "jo OR maria",
    "jo NOT maria", "NEAR(", "NEAR(jo maria)", "-", "-maria", "maria -", "^jo",
    "first_name:jo", "{first_name last_name}: jo", "(", ")", "jo)", "((jo", "+",
    "'", "jo'", "%", "_", "\\", ";", "jo; DROP TABLE members", ":", "jo:", ".", "..",
    "\t", "\n", "' OR 1=1 --", "NEAR", "near/3", "\xe2\x80\x9cjo\xe2\x80\x9d",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;

      g_test_message ("Searching '%s'", inputs[i]);
      ids = pd_members_search_ids (fixture->db, inputs[i], 100, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
    }

  assert_finds (fixture->db, "jo*", "Joanna Smith, José García, Jose Ortega, Josef Müller");
  assert_finds (fixture->db, "\"jo", "Joanna Smith, José García, Jose Ortega, Josef Müller");
  assert_finds (fixture->db, "-maria", "Maria Müller");
  assert_finds (fixture->db, "((mar", "Maria Müller");
  assert_finds (fixture->db, "jo NOT maria", "");
  assert_finds (fixture->db, "jo OR maria", "");
  assert_finds (fixture->db, "NEAR(jo maria)", "");
  assert_finds (fixture->db, "first_name:jo", "");
  assert_finds (fixture->db, "jo; DROP TABLE members", "");
  g_assert_cmpint (pd_members_count (fixture->db, NULL), ==, G_N_ELEMENTS (people));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *inputs[] = { "", " ", "   \t ", "!!!", "-", "()", "\"\"", "*", "...", "--",
                                  "+-", "?", "@", "·" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_finds (fixture->db, inputs[i], "");
}

static gint64
id_of (PdDatabase *db,
       const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_members_get_by_number (db, number, &error);

  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static void
test_follows_updates (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_members_get (fixture->db, id_of (fixture->db, "M-000003"),
                                               &error);

  g_assert_no_error (error);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Marianne");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Schäfer");
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, "+49 30 901820");
  g_assert_true (pd_members_update (fixture->db, member, &error));
  g_assert_no_error (error);

  assert_finds (fixture->db, "mull", "Josef Müller");
  assert_finds (fixture->db, "maria", "Marianne Schäfer");
  assert_finds (fixture->db, "schafer", "Marianne Schäfer");
  assert_finds (fixture->db, "4930", "Marianne Schäfer");

  /* A status change leaves the index as it was. */
  g_assert_true (pd_members_set_status (fixture->db, pd_member_get_id (member), "inactive",
                                        &error));
  g_assert_no_error (error);
  assert_finds (fixture->db, "schäfer", "Marianne Schäfer");
}

static void
test_follows_deletes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  /* As another program would delete a member, beside the core. */
  stmt = pd_database_query (fixture->db, "DELETE FROM members WHERE id = :id", &error);
  g_assert_no_error (error);
  pd_statement_bind_int64 (stmt, "id", id_of (fixture->db, "M-000001"));
  g_assert_true (pd_statement_execute (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_statement_get_changes (stmt), ==, 1);

  assert_finds (fixture->db, "jose", "Jose Ortega, Josef Müller");
  assert_finds (fixture->db, "garcia", "");
  assert_finds (fixture->db, "555 0142", "");
  assert_finds (fixture->db, "1", "");
  assert_finds (fixture->db, "M-000001", "");
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) all = NULL;

  assert_finds (fixture->db, "jo", "Joanna Smith, José García, Jose Ortega, Josef Müller");
  {
    g_autofree char *found = search (fixture->db, "jo", 2);

    g_assert_cmpuint (strlen (found), >, 0);
    g_assert_nonnull (strchr (found, ','));
    g_assert_null (strchr (strchr (found, ',') + 1, ','));
  }

  all = pd_members_search_ids (fixture->db, "jo", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);

  ids = pd_members_search_ids (fixture->db, "jo", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);

  ids = pd_members_search_ids (fixture->db, "jose", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
}

static void
insert_names (PdDatabase *db,
              const char *first_name,
              const char *last_name,
              const char *preferred_name)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  pd_member_set (member, PD_MEMBER_FIELD_PREFERRED_NAME, preferred_name);
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
}

static void
insert_member (PdDatabase *db,
               const char *first_name,
               const char *last_name)
{
  insert_names (db, first_name, last_name, "");
}

/* "jos r" keeps only the names with a word starting "jos" and one starting
 * "r", and the one who goes by a "jos" name comes before Jorge, whose
 * last name only starts with "jos", though Jorge sorts first. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  insert_member (fixture->db, "Jose", "Reyes");
  insert_member (fixture->db, "Jorge", "Ross-Josephs");
  insert_member (fixture->db, "Ana", "Joshi");
  insert_member (fixture->db, "Rosa", "Jones");

  assert_finds (fixture->db, "jos r", "Jose Reyes, Jorge Ross-Josephs");
  assert_finds (fixture->db, "jos re", "Jose Reyes");
  assert_finds (fixture->db, "r jos", "Jorge Ross-Josephs, Jose Reyes");
}

/* More matches than are shown: the ones shown are the first by the list's
 * order (those who go by a name starting with what was typed, by name,
 * then the others, by name), not the first by id sorted. */
static void
test_order_beyond_limit (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *first = NULL;

  g_assert_true (pd_database_begin (fixture->db, &error));
  /* The last names' matches have the lowest ids. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *last = g_strdup_printf ("Marshall%03u", i);

      insert_member (fixture->db, i % 2 ? "Abigail" : "Zack", last);
    }
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *last = g_strdup_printf ("Zed%03u", 299 - i);

      insert_member (fixture->db, i % 3 ? "Mark" : "Marisol", last);
    }
  g_assert_true (pd_database_commit (fixture->db, &error));

  shown = pd_members_search (fixture->db, "mar", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, 500);
  /* Maria Müller of the fixture, then 100 Marisols and 200 Marks... */
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 0), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Maria");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 1), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Marisol");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 1), PD_MEMBER_FIELD_LAST_NAME),
                   ==, "Zed002");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 101), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Mark");
  /* ...then the Abigails matched by their last name, by name; no Zack. */
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 301), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Abigail");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 301), PD_MEMBER_FIELD_LAST_NAME),
                   ==, "Marshall001");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 499), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Abigail");

  /* A second word narrows the names read in order. */
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = pd_members_search (fixture->db, "mar zed01", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, 10);
  first = g_strdup (pd_member_get (g_ptr_array_index (shown, 0), PD_MEMBER_FIELD_LAST_NAME));
  g_assert_cmpstr (first, ==, "Zed011");

  /* Over 500 matches of two words: the names that start with the first
   * word and have a word starting with the second, read in name order,
   * then the others. */
  insert_member (fixture->db, "Mo", "Zed");
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = pd_members_search (fixture->db, "m z", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, 500);
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 0), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Marisol");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 300), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Mo");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 301), PD_MEMBER_FIELD_FIRST_NAME),
                   ==, "Zack");
  g_assert_cmpstr (pd_member_get (g_ptr_array_index (shown, 301), PD_MEMBER_FIELD_LAST_NAME),
                   ==, "Marshall000");
}

/* A dense search of two words reads the names that start with the first a
 * part at a time: namesakes whose sort keys are the same come each once, in
 * the order they were registered, across the parts, before those matched
 * by another name (here the lowest ids, which a search that stopped short
 * would fill the list with); phone numbers are read in order too. */
static void
test_dense_namesakes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  g_assert_true (pd_database_begin (fixture->db, &error));
  for (guint i = 0; i < 800; i++)
    {
      g_autoptr(PdMember) member = pd_member_new ();
      g_autofree char *phone = g_strdup_printf ("555 7%03u", i % 7);

      pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, i < 500 ? "Lee" : "Sam");
      pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, i < 500 ? "Sampson" : "Lee");
      pd_member_set (member, PD_MEMBER_FIELD_PHONE, phone);
      g_assert_true (pd_members_insert (fixture->db, member, &error));
      g_assert_no_error (error);
    }
  g_assert_true (pd_database_commit (fixture->db, &error));

  shown = pd_members_search (fixture->db, "sam lee", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shown->len, ==, 500);
  for (guint i = 0; i < shown->len; i++)
    {
      PdMember *member = g_ptr_array_index (shown, i);

      g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME), ==,
                       i < 300 ? "Sam" : "Lee");
      if (i > 0 && i != 300)
        g_assert_cmpint (pd_member_get_id (g_ptr_array_index (shown, i - 1)), <,
                         pd_member_get_id (member));
    }

  ids = pd_members_search_ids (fixture->db, "555 7", 300, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 300);
}

/* Namesakes, written with and without accents and in any case, come in
 * the order they were registered; names that differ only after the first
 * word sort by the folded bytes (a tab ends the first name), never by a
 * locale's rules, which put "Émilie" between two Émiles and ignore the
 * tab. A server must give this very order. */
static void
test_namesakes (Fixture       *fixture,
                gconstpointer  user_data)
{
  insert_names (fixture->db, "Émile", "Zola", "");
  insert_names (fixture->db, "Zoé", "Adams", "");
  insert_names (fixture->db, "Émilie", "Durand", "");
  insert_names (fixture->db, "Emile", "Abel", "");
  insert_names (fixture->db, "ZOE", "ADAMS", "");
  insert_names (fixture->db, "Åsa", "Öberg", "");
  insert_names (fixture->db, "zoë", "adams", "");
  insert_names (fixture->db, "Asa", "Oberg", "");
  insert_names (fixture->db, "Emil", "Zoellner", "");
  insert_names (fixture->db, "Elisabeth", "Emilsson", "Emi");

  assert_finds (fixture->db, "zoe",
                "Zoé Adams, ZOE ADAMS, zoë adams, Zoe Zimmer, Emil Zoellner");
  assert_finds (fixture->db, "ZOË", "Zoé Adams, ZOE ADAMS, zoë adams, Zoe Zimmer, Emil Zoellner");
  assert_finds (fixture->db, "emil",
                "Emil Zoellner, Emile Abel, Émile Zola, Émilie Durand, Elisabeth Emilsson");
  assert_finds (fixture->db, "émi",
                "Elisabeth Emilsson, Emil Zoellner, Emile Abel, Émile Zola, Émilie Durand");
  assert_finds (fixture->db, "adams zo", "Zoé Adams, ZOE ADAMS, zoë adams");
  assert_finds (fixture->db, "zo ad", "Zoé Adams, ZOE ADAMS, zoë adams");
  assert_finds (fixture->db, "oberg", "Åsa Öberg, Asa Oberg");
  assert_finds (fixture->db, "åsa öberg", "Åsa Öberg, Asa Oberg");
}

/* How the index splits and folds a name: at every character but letters
 * and digits; Latin accents go, "ß", "ø" and "ł" stay; marks typed apart
 * from their letter join it. */
static void
test_name_words (Fixture       *fixture,
                 gconstpointer  user_data)
{
  insert_names (fixture->db, "Siobhán", "O'Brien-Núñez", "");
  insert_names (fixture->db, "Bjørn", "Ødegård", "");
  insert_names (fixture->db, "Nguye\xcc\x82\xcc\x83n", "Thi\xcc\xa3", "");
  insert_names (fixture->db, "Anna-Lena", "Groß", "Lenchen2");

  assert_finds (fixture->db, "brien", "Siobhán O'Brien-Núñez");
  assert_finds (fixture->db, "o brien nunez", "Siobhán O'Brien-Núñez");
  assert_finds (fixture->db, "siobhan o", "Siobhán O'Brien-Núñez");
  assert_finds (fixture->db, "obrien", "");
  assert_finds (fixture->db, "bjørn", "Bjørn Ødegård");
  assert_finds (fixture->db, "odegard", "");
  assert_finds (fixture->db, "ødegard", "Bjørn Ødegård");
  assert_finds (fixture->db, "nguyễn thị", "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3");
  assert_finds (fixture->db, "nguyen thi", "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3");
  assert_finds (fixture->db, "lena gro", "Anna-Lena Groß");
  assert_finds (fixture->db, "gross", "");
  assert_finds (fixture->db, "lenchen", "Anna-Lena Groß");
  assert_finds (fixture->db, "lenchen2", "Anna-Lena Groß");
}

/* member_words on a server holds the words members_fts holds on SQLite:
 * checked here against SQLite's own tokenizer, for every letter, digit and
 * mark of the scripts of most names, alone and between two letters. The
 * few letters Unicode added to them after the tokenizer's tables (Greek
 * yot, the last Cyrillic ones) are left out: SQLite neither folds them nor
 * ever will in that version. */
static void
test_index_words (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const gunichar blocks[][2] = {
    { 0x80, 0x24f }, { 0x300, 0x36f }, { 0x370, 0x37e }, { 0x380, 0x527 }, { 0x1e00, 0x1fff },
    { 0xff00, 0xffef },
  };
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) indexed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PdMembersWriter) writer = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (pd_test_skip_unless_sqlite ("compares member_words' folding with SQLite's own index"))
    return;

  writer = pd_members_writer_new (fixture->db, &error);
  g_assert_no_error (error);
  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    for (gunichar c = blocks[b][0]; c <= blocks[b][1]; c++)
      {
        g_autoptr(PdMember) member = pd_member_new ();
        g_autoptr(GString) name = g_string_new ("Ba");
        g_auto(GStrv) words = NULL;

        g_string_append_unichar (name, c);
        g_string_append (name, "a ");
        g_string_append_unichar (name, c);
        pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, name->str);
        g_assert_true (pd_members_writer_add (writer, member, &error));
        g_assert_no_error (error);
        words = pd_member_words_split (name->str);
        for (guint i = 0; words[i] != NULL; i++)
          g_hash_table_add (expected, g_strdup (words[i]));
      }
  g_assert_true (pd_members_writer_finish (writer, &error));
  g_assert_no_error (error);

  g_assert_true (pd_database_exec (fixture->db,
                                   "CREATE VIRTUAL TABLE temp.words"
                                   " USING fts5vocab (main, members_fts, 'row')",
                                   &error));
  g_assert_no_error (error);
  stmt = pd_database_query (fixture->db, "SELECT term FROM temp.words", &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    g_hash_table_add (indexed, pd_statement_dup_text (stmt, 0));
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);

  /* The people of the fixture have words of their own. */
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const char *names[] = { people[i].first_name, people[i].last_name, people[i].preferred_name };

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          g_auto(GStrv) words = pd_member_words_split (names[n]);

          for (guint w = 0; words[w] != NULL; w++)
            g_hash_table_add (expected, g_strdup (words[w]));
        }
    }

  {
    GHashTableIter iter;
    const char *word;

    g_hash_table_iter_init (&iter, indexed);
    while (g_hash_table_iter_next (&iter, (gpointer *) &word, NULL))
      if (!g_hash_table_contains (expected, word))
        g_error ("members_fts has the word '%s' (U+%04X…), which pd_member_words_split() does"
                 " not give", word, (guint) g_utf8_get_char (g_utf8_offset_to_pointer (word, 2)));
    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, (gpointer *) &word, NULL))
      if (!g_hash_table_contains (indexed, word))
        g_error ("pd_member_words_split() gives the word '%s' (U+%04X…), which members_fts does"
                 " not have", word, (guint) g_utf8_get_char (g_utf8_offset_to_pointer (word, 2)));
  }
}

/* pd_fold() in SQL, which lists of volunteers and staff sort by, folds as
 * pd_text_fold() does, byte for byte, on both engines. */
static void
test_fold_function (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char *names[] = {
    "", "Zoe", "ÉMILE", "Strauß", "ǅemal", "Ｊｏｓé", "Ǡ", "가나", "ﬁona", "½", "İlker", "Ὀδυσσεύς",
    "Jose\xcc\x81 Nguye\xcc\x82\xcc\x83n", "Σίσυφος", "ŉ", "ﬃ", "㎏", "\xe1\x84\x80",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (fixture->db, "SELECT pd_fold (CAST (:text AS TEXT))", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *expected = pd_text_fold (names[i]);
      gboolean found;

      pd_statement_bind_text (stmt, "text", names[i]);
      g_assert_true (pd_statement_fetch (stmt, &found, &error));
      g_assert_no_error (error);
      g_assert_true (found);
      g_assert_cmpstr (pd_statement_get_text (stmt, 0), ==, expected);
      pd_statement_finish (stmt, NULL);
    }

  /* Every character of the Basic Multilingual Plane, a block at a time,
   * each on a line of its own: a line break folds to itself and keeps
   * the marks of one character from moving to another. */
  for (gunichar block = 0x80; block < 0x10000; block += 0x800)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *expected = NULL;
      gboolean found;

      for (gunichar c = block; c < block + 0x800; c++)
        if (c < 0xd800 || c > 0xdfff)
          {
            g_string_append_unichar (text, c);
            g_string_append_c (text, '\n');
          }
      expected = pd_text_fold (text->str);
      pd_statement_bind_text (stmt, "text", text->str);
      g_assert_true (pd_statement_fetch (stmt, &found, &error));
      g_assert_no_error (error);
      if (g_strcmp0 (pd_statement_get_text (stmt, 0), expected) != 0)
        {
          g_auto(GStrv) got = g_strsplit (pd_statement_get_text (stmt, 0), "\n", -1);
          g_auto(GStrv) wanted = g_strsplit (expected, "\n", -1);

          for (guint i = 0; got[i] != NULL && wanted[i] != NULL; i++)
            g_assert_cmpstr (got[i], ==, wanted[i]);
          g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (wanted));
        }
      pd_statement_finish (stmt, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/members/search/prefix", test_prefix);
  ADD ("/members/search/diacritics", test_diacritics);
  ADD ("/members/search/words", test_words);
  ADD ("/members/search/preferred-name", test_preferred_name);
  ADD ("/members/search/phone", test_phone);
  ADD ("/members/search/number", test_number);
  ADD ("/members/search/syntax", test_syntax);
  ADD ("/members/search/empty", test_empty);
  ADD ("/members/search/follows-updates", test_follows_updates);
  ADD ("/members/search/follows-deletes", test_follows_deletes);
  ADD ("/members/search/limit", test_limit);
  ADD ("/members/search/narrow", test_narrow);
  ADD ("/members/search/order-beyond-limit", test_order_beyond_limit);
  ADD ("/members/search/namesakes", test_namesakes);
  ADD ("/members/search/dense-namesakes", test_dense_namesakes);
  ADD ("/members/search/name-words", test_name_words);
  ADD ("/members/search/index-words", test_index_words);
  ADD ("/members/search/fold-function", test_fold_function);

#undef ADD

  return g_test_run ();
}
