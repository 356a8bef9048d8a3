/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-database-private.h"
#include "pd-attendance.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-volunteers.h"

/* Every column but the creation and update times, which are the clock's. */
#define DUMP_COLUMNS \
  "id, number, first_name, last_name, preferred_name, pronouns, birth_date, phone, email, " \
  "emergency_name, emergency_phone, joined_date, status, gender, race, ethnicity, veteran, " \
  "housing, justice, may_contact, report_consent, notes, sort_key, phone_digits"

static PdDatabase *
open_database (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  return pd_test_open_database (path);
}

static void
on_changed_cb (PdDatabase *db,
               const char *table,
               guint      *count)
{
  g_assert_cmpstr (table, ==, "members");
  (*count)++;
}

static PdDatabase *
demo_database (const char *name,
               guint       n_members,
               guint32     seed)
{
  g_autoptr(GError) error = NULL;
  PdDemoOptions options = { n_members, seed };
  PdDatabase *db = open_database (name);
  guint changed = 0;
  gulong handler;

  handler = g_signal_connect (db, "changed::members", G_CALLBACK (on_changed_cb), &changed);
  g_assert_true (pd_demo_fill (db, &options, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (db, handler);
  g_assert_cmpuint (changed, ==, n_members > 0 ? 1 : 0);
  return db;
}

static gint64
query_int (PdDatabase *db,
           const char *sql)
{
  return pd_test_query_int (db, sql);
}

static char *
dump_query (PdDatabase *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db, sql, &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    {
      for (int i = 0; i < pd_statement_get_n_columns (stmt); i++)
        {
          const char *text = pd_statement_is_null (stmt, i)
                             ? "<null>" : pd_statement_get_text (stmt, i);

          g_string_append_printf (out, "%s%s", i ? "\x1f" : "", text);
        }
      g_string_append_c (out, '\n');
    }
  g_assert_true (pd_statement_finish (stmt, &error));
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

static char *
dump_members (PdDatabase *db)
{
  return dump_query (db, "SELECT " DUMP_COLUMNS " FROM members ORDER BY id");
}

static GPtrArray *
read_members (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db, "SELECT " PD_MEMBER_COLUMNS " FROM members ORDER BY id",
                            &error);
  g_assert_no_error (error);
  while (pd_statement_next (stmt))
    g_ptr_array_add (members, pd_members_from_row (stmt));
  g_assert_true (pd_statement_finish (stmt, &error));
  return members;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

static void
test_demo_deterministic (void)
{
  g_autoptr(PdDatabase) a = demo_database ("a.db", 500, 42);
  g_autoptr(PdDatabase) b = demo_database ("b.db", 500, 42);
  g_autoptr(PdDatabase) c = demo_database ("c.db", 500, 43);
  g_autofree char *dump_a = dump_members (a);
  g_autofree char *dump_b = dump_members (b);
  g_autofree char *dump_c = dump_members (c);
  g_auto(GStrv) rows_a = NULL;
  g_auto(GStrv) rows_b = NULL;
  g_auto(GStrv) rows_c = NULL;
  guint differ = 0;

  g_assert_cmpuint (strlen (dump_a), >, 500 * 50);
  rows_a = g_strsplit (dump_a, "\n", -1);
  rows_b = g_strsplit (dump_b, "\n", -1);
  rows_c = g_strsplit (dump_c, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows_a), ==, 501);
  g_assert_cmpuint (g_strv_length (rows_b), ==, 501);
  g_assert_cmpuint (g_strv_length (rows_c), ==, 501);

  /* Row by row, so that a failure shows the one member that differs. */
  for (guint i = 0; rows_a[i]; i++)
    g_assert_cmpstr (rows_a[i], ==, rows_b[i]);

  /* Not a few values but nearly every person differs with another seed. */
  for (guint i = 0; rows_a[i]; i++)
    if (strcmp (rows_a[i], rows_c[i]) != 0)
      differ++;
  g_assert_cmpuint (differ, >=, 490);
}

static void
test_demo_count (void)
{
  static const guint counts[] = { 0, 1, 137, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *name = g_strdup_printf ("count-%u.db", counts[i]);
      g_autoptr(PdDatabase) db = demo_database (name, counts[i], i);
      g_autoptr(GError) error = NULL;
      g_autofree char *next = NULL;

      g_assert_cmpint (pd_members_count (db, &error), ==, counts[i]);
      g_assert_no_error (error);

      /* Numbers run from M-000001 without a gap, and the next one is free. */
      if (counts[i] > 0)
        {
          g_autofree char *last = g_strdup_printf ("M-%06u", counts[i]);
          g_autoptr(PdMember) member = pd_members_get_by_number (db, last, &error);

          g_assert_no_error (error);
          g_assert_nonnull (member);
          g_assert_cmpint (query_int (db, "SELECT count(DISTINCT number) FROM members"), ==,
                           counts[i]);
          next = pd_database_get_meta (db, "next_member_number");
          g_assert_cmpint (g_ascii_strtoll (next, NULL, 10), ==, counts[i] + 1);
        }
      /* SQLite's name index; a server's is search.sql's. */
      if (!pd_database_is_shared (db))
        g_assert_cmpint (query_int (db, "SELECT count(*) FROM members_fts"), ==, counts[i]);
    }
}

static gboolean
is_fictional_phone (GRegex     *regex,
                    const char *phone)
{
  return *phone == '\0' || g_regex_match (regex, phone, 0, NULL);
}

/* At a centre of 3,000 members, about one in a hundred shares a full name
 * with someone else, as in a real population; the desk can tell the few
 * apart, but a demo full of namesakes hides everything else. Names are
 * compared as the desk's search does, without case or accents. */
static void
test_demo_namesakes_rare (void)
{
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      g_autofree char *name = g_strdup_printf ("namesakes-%u.db", seed);
      g_autoptr(PdDatabase) db = demo_database (name, 3000, seed);
      gint64 namesakes;

      namesakes = query_int (db, "SELECT count(*) FROM members m WHERE EXISTS "
                                 "(SELECT 1 FROM members o WHERE o.sort_key = m.sort_key "
                                 "AND o.id <> m.id)");
      g_test_message ("seed %u: %" G_GINT64_FORMAT " of 3000 share a full name", seed,
                      namesakes);
      g_assert_cmpint (namesakes, <=, 40);
    }
}

static void
test_demo_valid (void)
{
  const guint n = 3000;
  g_autoptr(PdDatabase) db = demo_database ("valid.db", n, 7);
  g_autoptr(GPtrArray) members = read_members (db);
  g_autoptr(GRegex) phone_regex = g_regex_new ("^\\([2-9][0-9]{2}\\) 555-01[0-9]{2}$", 0, 0,
                                               NULL);
  g_autoptr(GRegex) email_regex = g_regex_new ("^[a-z0-9._]+@example\\.(org|com|net)$", 0, 0,
                                               NULL);
  g_autofree char *today_text = pd_date_today ();
  g_autofree char *earliest_text = NULL;
  const char *previous_joined = "";
  GDate today, earliest;
  guint inactive = 0, email = 0, phone = 0, preferred = 0, pronouns = 0, no_birth = 0;
  guint month_only = 0, emergency = 0, may_contact = 0, consent = 0, with_notes = 0;
  guint several_races = 0, hispanic = 0, man = 0, woman = 0, no_last_name = 0;

  g_assert_true (pd_date_parse (today_text, &today));
  earliest = today;
  g_date_subtract_years (&earliest, 8);
  earliest_text = g_strdup_printf ("%04d-%02d-%02d", (int) g_date_get_year (&earliest),
                                   (int) g_date_get_month (&earliest),
                                   (int) g_date_get_day (&earliest));

  g_assert_cmpuint (members->len, ==, n);
  for (guint i = 0; i < members->len; i++)
    {
      PdMember *member = g_ptr_array_index (members, i);
      g_autoptr(GError) error = NULL;
      const char *joined = pd_member_get (member, PD_MEMBER_FIELD_JOINED_DATE);
      const char *birth = pd_member_get (member, PD_MEMBER_FIELD_BIRTH_DATE);
      const char *race = pd_member_get (member, PD_MEMBER_FIELD_RACE);
      const char *gender = pd_member_get (member, PD_MEMBER_FIELD_GENDER);

      if (!pd_member_validate (member, &error))
        g_error ("member %s: %s", pd_member_get (member, PD_MEMBER_FIELD_NUMBER),
                 error->message);

      /* Only numbers and addresses kept for fiction and documentation. */
      g_assert_true (is_fictional_phone (phone_regex,
                                         pd_member_get (member, PD_MEMBER_FIELD_PHONE)));
      g_assert_true (is_fictional_phone (phone_regex,
                                         pd_member_get (member,
                                                        PD_MEMBER_FIELD_EMERGENCY_PHONE)));
      if (*pd_member_get (member, PD_MEMBER_FIELD_EMAIL) != '\0')
        g_assert_true (g_regex_match (email_regex, pd_member_get (member, PD_MEMBER_FIELD_EMAIL),
                                      0, NULL));

      /* Joined within eight years, in the order of the member numbers. */
      g_assert_cmpstr (joined, >=, earliest_text);
      g_assert_cmpstr (joined, <=, today_text);
      g_assert_cmpstr (joined, >=, previous_joined);
      previous_joined = joined;

      /* Adults when they joined, and no older than 80 today. */
      if (*birth != '\0')
        {
          int y, m, d, jy, jm, jd;

          g_assert_true (pd_date_parse_partial (birth, &y, &m, &d));
          g_assert_true (pd_date_parse_partial (joined, &jy, &jm, &jd));
          g_assert_cmpint ((jy - y) * 12 + (jm - m), >=, 18 * 12);
          g_assert_cmpint (g_date_get_year (&today) - y, <=, 81);
          if (d == 0)
            month_only++;
        }
      else
        no_birth++;

      if (!pd_member_is_active (member))
        inactive++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_EMAIL) != '\0')
        email++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_PHONE) != '\0')
        phone++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME) != '\0')
        preferred++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_PRONOUNS) != '\0')
        pronouns++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME) == '\0')
        no_last_name++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_EMERGENCY_NAME) != '\0')
        emergency++;
      if (pd_member_get_flag (member, PD_MEMBER_FIELD_MAY_CONTACT))
        {
          may_contact++;
          g_assert_true (*pd_member_get (member, PD_MEMBER_FIELD_PHONE) != '\0' ||
                         *pd_member_get (member, PD_MEMBER_FIELD_EMAIL) != '\0');
        }
      if (pd_member_get_flag (member, PD_MEMBER_FIELD_REPORT_CONSENT))
        consent++;
      if (*pd_member_get (member, PD_MEMBER_FIELD_NOTES) != '\0')
        with_notes++;
      if (strchr (race, ';') != NULL)
        several_races++;
      if (g_strcmp0 (pd_member_get (member, PD_MEMBER_FIELD_ETHNICITY), "hispanic") == 0)
        hispanic++;
      if (g_str_has_prefix (gender, "man"))
        man++;
      if (g_str_has_prefix (gender, "woman"))
        woman++;
    }

#define assert_share(count, low, high) \
  G_STMT_START { \
    g_assert_cmpuint ((count) * 100, >=, (low) * n); \
    g_assert_cmpuint ((count) * 100, <=, (high) * n); \
  } G_STMT_END

  assert_share (inactive, 12, 28);
  assert_share (email, 44, 56);
  assert_share (phone, 81, 89);
  assert_share (preferred, 11, 19);
  assert_share (pronouns, 25, 35);
  assert_share (no_birth, 3, 7);
  assert_share (month_only, 6, 10);
  assert_share (emergency, 55, 65);
  assert_share (may_contact, 64, 76);
  assert_share (consent, 89, 95);
  assert_share (with_notes, 8, 12);
  assert_share (several_races, 5, 11);
  assert_share (hispanic, 12, 24);
  assert_share (man, 50, 62);
  assert_share (woman, 33, 45);
  assert_share (no_last_name, 0, 2);

#undef assert_share

  /* Every data-quality answer shows up somewhere. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members WHERE gender = 'doesnt_know'"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"
                                  " WHERE race = 'prefers_not_to_answer'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"
                                  " WHERE housing = 'not_collected'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"
                                  " WHERE gender LIKE '%transgender%'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members WHERE gender LIKE '%non_binary%'"),
                   >, 0);
}

static void
test_demo_non_ascii (void)
{
  const guint n = 2000;
  g_autoptr(PdDatabase) db = demo_database ("names.db", n, 11);
  g_autoptr(GPtrArray) members = read_members (db);
  g_autoptr(GHashTable) first_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) last_names = g_hash_table_new (g_str_hash, g_str_equal);
  guint accented = 0;

  for (guint i = 0; i < members->len; i++)
    {
      PdMember *member = g_ptr_array_index (members, i);
      const char *first = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
      const char *last = pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME);

      g_assert_true (g_utf8_validate (first, -1, NULL));
      g_assert_true (g_utf8_validate (last, -1, NULL));
      g_assert_false (pd_text_is_blank (first));
      if (!is_ascii (first) || !is_ascii (last))
        accented++;
      g_hash_table_add (first_names, (gpointer) first);
      g_hash_table_add (last_names, (gpointer) last);
    }

  /* Names from many places, a good share of them written with accents. */
  g_assert_cmpuint (accented * 100, >=, 10 * n);
  g_assert_cmpuint (g_hash_table_size (first_names), >=, 250);
  g_assert_cmpuint (g_hash_table_size (last_names), >=, 250);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members WHERE last_name = 'Nguyễn'"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members WHERE last_name = 'Nguyen'"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"
                                  " WHERE first_name IN ('Łukasz', 'Małgorzata', 'Paweł')"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"
                                  " WHERE last_name IN ('Begay', 'Yazzie', 'Tsosie')"), >, 0);
}

static void
test_demo_refuses_non_empty (void)
{
  g_autoptr(PdDatabase) db = demo_database ("full.db", 25, 5);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_query (db, "SELECT * FROM members ORDER BY id");
  g_autofree char *meta_before = dump_query (db, "SELECT * FROM meta ORDER BY key");
  g_autofree char *after = NULL;
  g_autofree char *meta_after = NULL;
  PdDemoOptions options = { 10, 6 };
  guint changed = 0;

  g_signal_connect (db, "changed", G_CALLBACK (on_changed_cb), &changed);
  g_assert_false (pd_demo_fill (db, &options, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty database"));

  after = dump_query (db, "SELECT * FROM members ORDER BY id");
  meta_after = dump_query (db, "SELECT * FROM meta ORDER BY key");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (meta_before, ==, meta_after);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"), ==, 25);
  g_assert_cmpuint (changed, ==, 0);

  /* The transaction is over: the database takes the next change at once. */
  if (!pd_database_is_shared (db))
    g_assert_true (sqlite3_get_autocommit (pd_database_get_handle (db)));
}

/* The index is built in one pass after the fill; members added later must
 * still be indexed as they are saved. */
static void
test_demo_index_kept (void)
{
  g_autoptr(PdDatabase) db = demo_database ("index.db", 300, 9);
  g_autoptr(PdDatabase) fresh = open_database ("fresh.db");
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  const char *sql = "SELECT type, name, sql FROM sqlite_master ORDER BY name";

  if (pd_database_is_shared (db))
    {
      g_test_skip ("SQLite's full-text index of names; a server's search is search.sql's");
      return;
    }
  schema = dump_query (db, sql);
  fresh_schema = dump_query (fresh, sql);
  g_assert_cmpstr (schema, ==, fresh_schema);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members_fts"
                                  " WHERE members_fts MATCH 'zyxwvut*'"), ==, 0);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Zyxwvutë");
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_member_get (member, PD_MEMBER_FIELD_NUMBER), ==, "M-000301");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members_fts"
                                  " WHERE members_fts MATCH 'zyxwvute*'"), ==, 1);

  /* The index agrees with the table row for row. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members_fts"), ==, 301);
  pd_database_exec (db, "INSERT INTO members_fts (members_fts) VALUES ('integrity-check')",
                    &error);
  g_assert_no_error (error);
}

static void
test_demo_search_diacritics (void)
{
  g_autoptr(PdDatabase) db = demo_database ("search.db", 2000, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 jose, munoz, found;

  jose = query_int (db, "SELECT count(*) FROM members WHERE first_name = 'José'");
  g_assert_cmpint (jose, >, 0);
  munoz = query_int (db, "SELECT count(*) FROM members WHERE last_name = 'Muñoz'");
  g_assert_cmpint (munoz, >, 0);
  /* SQLite's full-text index holds them folded; a server's search is
   * search.sql's, checked by the search below. */
  if (!pd_database_is_shared (db))
    {
      found = query_int (db, "SELECT count(*) FROM members_fts WHERE members_fts MATCH 'jose*'"
                             " AND rowid IN (SELECT id FROM members WHERE first_name = 'José')");
      g_assert_cmpint (found, ==, jose);
      found = query_int (db, "SELECT count(*) FROM members_fts WHERE members_fts MATCH 'munoz*'"
                             " AND rowid IN (SELECT id FROM members WHERE last_name = 'Muñoz')");
      g_assert_cmpint (found, ==, munoz);
    }

  /* Typed with the accent, the search finds those written without it. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members WHERE last_name = 'Munoz'"),
                   >, 0);
  ids = pd_members_search_ids (db, "Muñoz", 100000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ids->len, >=,
                   query_int (db, "SELECT count(*) FROM members"
                                  " WHERE last_name IN ('Muñoz', 'Munoz')"));
}

/* Groups, sessions, attendance and visits */

/* The one number @sql reads with @text bound as :text. */
static gint64
query_int_text (PdDatabase *db,
                const char *sql,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db, sql, &error);
  g_assert_no_error (error);
  pd_statement_bind_text (stmt, "text", text);
  g_assert_true (pd_statement_fetch (stmt, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  return pd_statement_get_int64 (stmt, 0);
}

static void
on_any_changed_cb (PdDatabase *db,
                   const char *table,
                   GPtrArray  *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static PdDatabase *
meetings_database (const char   *name,
                   guint         n_members,
                   guint32       seed,
                   guint         n_years,
                   PdDemoCounts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  PdDemoOptions options = { n_members, seed, n_years };
  PdDatabase *db = open_database (name);
  gulong handler;

  handler = g_signal_connect (db, "changed", G_CALLBACK (on_any_changed_cb), tables);
  g_assert_true (pd_demo_fill_full (db, &options, counts, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (db, handler);

  /* Each table that was filled is announced once, after the commit; the
   * volunteers' hours and supervision as the volunteers', and courses,
   * completions and credentials as training. */
  if (n_years > 0)
    {
      static const char *const filled[] = { "members", "groups", "sessions", "attendance",
                                            "visits", "volunteers", "training" };

      g_assert_cmpuint (tables->len, ==, G_N_ELEMENTS (filled));
      for (guint i = 0; i < G_N_ELEMENTS (filled); i++)
        g_assert_cmpstr (g_ptr_array_index (tables, i), ==, filled[i]);
    }
  return db;
}

/* The date @n_years before today, as the demo counts its history. */
static char *
dup_years_ago (guint n_years)
{
  g_autofree char *today_text = pd_date_today ();
  GDate day;

  g_assert_true (pd_date_parse (today_text, &day));
  g_date_subtract_years (&day, n_years);
  return g_strdup_printf ("%04d-%02d-%02d", (int) g_date_get_year (&day),
                          (int) g_date_get_month (&day), (int) g_date_get_day (&day));
}

/* The day @n_days after @date (before it when negative). */
static char *
dup_date_plus (const char *date,
               int         n_days)
{
  GDate day;

  g_assert_true (pd_date_parse (date, &day));
  if (n_days >= 0)
    g_date_add_days (&day, n_days);
  else
    g_date_subtract_days (&day, -n_days);
  return g_strdup_printf ("%04d-%02d-%02d", (int) g_date_get_year (&day),
                          (int) g_date_get_month (&day), (int) g_date_get_day (&day));
}

static char *
dup_days_ago (guint n_days)
{
  g_autofree char *today_text = pd_date_today ();

  return dup_date_plus (today_text, -(int) n_days);
}

/* A centre lives on its regulars: at the desk, the tenth of the last
 * three months' visitors who came most made well over a tenth of the
 * visits, and some came every week or more. Visitors drawn evenly from
 * every member gave the desk nothing to rank by. */
static void
test_demo_visits_regulars (void)
{
  PdDemoCounts counts = { 0, };
  g_autoptr(PdDatabase) db = meetings_database ("regulars.db", 3000, 1, 2, &counts);
  g_autofree char *since = dup_days_ago (90);
  const char *per_member = "SELECT count(*) AS n FROM visits"
                           " WHERE member_id IS NOT NULL AND visited_at >= :text"
                           " GROUP BY member_id";
  g_autofree char *top_sql = g_strdup_printf ("SELECT sum(n) FROM (%s ORDER BY n DESC"
                                              " LIMIT (SELECT count(*) / 10 FROM (%s) AS a))"
                                              " AS b",
                                              per_member, per_member);
  g_autofree char *all_sql = g_strdup_printf ("SELECT sum(n) FROM (%s) AS a", per_member);
  g_autofree char *most_sql = g_strdup_printf ("SELECT max(n) FROM (%s) AS a", per_member);
  gint64 top = query_int_text (db, top_sql, since);
  gint64 all = query_int_text (db, all_sql, since);

  g_assert_cmpint (all, >, 1000);
  g_assert_cmpint (top * 100, >=, 35 * all);
  g_assert_cmpint (query_int_text (db, most_sql, since), >=, 13);
}

static void
test_demo_meetings_made (void)
{
  const guint n = 400;
  PdDemoCounts counts = { 0, };
  g_autoptr(PdDatabase) db = meetings_database ("meetings.db", n, 21, 2, &counts);
  g_autoptr(PdDatabase) fresh = open_database ("meetings-fresh.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) regulars = NULL;
  g_autofree char *today = pd_date_today ();
  g_autofree char *history = dup_years_ago (2);
  g_autofree char *three_months_ago = dup_days_ago (90);
  g_autofree char *first_week_end = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  const PdCode *kinds = pd_group_kinds ();
  const char *schema_sql = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name";
  gint64 visits, anonymous, open_days, held, latest;

  /* The counts are those of the tables. */
  g_assert_cmpuint (counts.n_members, ==, n);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM groups"), ==, counts.n_groups);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sessions"), ==, counts.n_sessions);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance"), ==, counts.n_attendance);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visits"), ==, counts.n_visits);
  g_assert_cmpuint (counts.n_groups, >=, 8);
  g_assert_cmpuint (counts.n_attendance, >, 1000);

  /* Groups of every kind, with a headcount-only mutual-aid meeting. */
  for (guint i = 0; kinds[i].code != NULL; i++)
    g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM groups WHERE kind = :text",
                                     kinds[i].code), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM groups WHERE kind = 'mutual_aid'"
                                  " AND attendance_mode = 'headcount'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM groups WHERE attendance_mode = 'both'"),
                   >, 0);

  /* Weekly sessions from the start of the history up to today. */
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM sessions WHERE starts_at < :text",
                                   history), ==, 0);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM sessions"
                                       " WHERE substr (starts_at, 1, 10) > :text", today), ==, 0);
  first_week_end = dup_date_plus (history, 7);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM sessions WHERE starts_at < :text",
                                   first_week_end), >, 0);

  /* They are exactly the sessions of the schedules: making them again
   * makes none. */
  g_assert_cmpuint (pd_sessions_generate (db, history, today, &error), ==, 0);
  g_assert_no_error (error);

  /* A few cancelled, each with its reason, and none of them attended. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sessions WHERE cancelled = 1"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) * 100 FROM sessions WHERE cancelled = 1"),
                   <, 6 * counts.n_sessions);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sessions"
                                  " WHERE (cancelled = 1) = (cancel_reason = '')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance AS a"
                                  " JOIN sessions AS s ON s.id = a.session_id"
                                  " WHERE s.cancelled = 1"), ==, 0);

  /* No name in a headcount-only group, whose past sessions have a headcount. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance AS a"
                                  " JOIN sessions AS s ON s.id = a.session_id"
                                  " JOIN groups AS g ON g.id = s.group_id"
                                  " WHERE g.attendance_mode = 'headcount'"), ==, 0);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM sessions AS s"
                                       " JOIN groups AS g ON g.id = s.group_id"
                                       " WHERE g.attendance_mode = 'headcount'"
                                       " AND s.cancelled = 0 AND s.starts_at < :text"
                                       " AND s.headcount < 2", today), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sessions AS s"
                                  " JOIN groups AS g ON g.id = s.group_id"
                                  " WHERE g.attendance_mode = 'named' AND s.headcount > 0"), ==, 0);

  /* Today's sessions are left for the centre to record. */
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM attendance AS a"
                                       " JOIN sessions AS s ON s.id = a.session_id"
                                       " WHERE s.starts_at >= :text", today), ==, 0);

  /* Nobody comes before joining. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance AS a"
                                  " JOIN sessions AS s ON s.id = a.session_id"
                                  " JOIN members AS m ON m.id = a.member_id"
                                  " WHERE m.joined_date > substr (s.starts_at, 1, 10)"), ==, 0);

  /* Regulars who come most weeks, newcomers who come once or twice, and
   * people who came for a while and stopped. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM"
                                  " (SELECT a.member_id, s.group_id FROM attendance AS a"
                                  "  JOIN sessions AS s ON s.id = a.session_id"
                                  "  GROUP BY 1, 2 HAVING count(*) >= 40) AS regular"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM"
                                  " (SELECT member_id FROM attendance"
                                  "  GROUP BY 1 HAVING count(*) <= 2) AS newcomer"), >, 0);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM"
                                       " (SELECT a.member_id, s.group_id FROM attendance AS a"
                                       "  JOIN sessions AS s ON s.id = a.session_id"
                                       "  JOIN groups AS g ON g.id = s.group_id"
                                       "  WHERE g.end_date = ''"
                                       "  GROUP BY 1, 2 HAVING count(*) >= 4"
                                       "  AND max (s.starts_at) < :text) AS stopped",
                                   three_months_ago), >, 0);

  /* A few to a few dozen people at a session that takes names. */
  held = query_int_text (db, "SELECT count(*) FROM sessions AS s"
                             " JOIN groups AS g ON g.id = s.group_id"
                             " WHERE g.attendance_mode <> 'headcount' AND s.cancelled = 0"
                             " AND s.starts_at < :text", today);
  g_assert_cmpint (held, >, 0);
  g_assert_cmpint (counts.n_attendance, >=, 3 * held);
  g_assert_cmpint (counts.n_attendance, <=, 30 * held);

  /* The latest session of the large group has its regulars. */
  latest = query_int_text (db, "SELECT s.id FROM sessions AS s"
                               " JOIN groups AS g ON g.id = s.group_id"
                               " WHERE g.name = 'All-Recovery Meeting' AND s.starts_at < :text"
                               " AND s.cancelled = 0 ORDER BY s.starts_at DESC LIMIT 1", today);
  regulars = pd_attendance_regulars (db, latest, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (regulars->len, >=, 3);

  /* Visits on the days before today, a dozen or more a day, some
   * anonymous, from nine to seven, by a few members of staff. */
  visits = counts.n_visits;
  anonymous = query_int (db, "SELECT count(*) FROM visits WHERE member_id IS NULL");
  open_days = query_int (db, "SELECT count(DISTINCT substr (visited_at, 1, 10)) FROM visits");
  g_assert_cmpint (anonymous * 100, >=, 5 * visits);
  g_assert_cmpint (anonymous * 100, <=, 20 * visits);
  g_assert_cmpint (visits, >=, 8 * open_days);
  g_assert_cmpint (visits, <=, 40 * open_days);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM visits WHERE visited_at >= :text",
                                   today), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visits"
                                  " WHERE substr (visited_at, 12) NOT BETWEEN '09:00:00'"
                                  " AND '19:00:00'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visits AS v"
                                  " JOIN members AS m ON m.id = v.member_id"
                                  " WHERE m.joined_date > substr (v.visited_at, 1, 10)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT recorded_by) FROM visits"
                                  " WHERE recorded_by <> ''"), >=, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visits WHERE recorded_by = ''"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT purpose_id) FROM visits"), >=, 5);
  /* The default purpose, Drop-in, is the most common. */
  g_assert_cmpint (query_int (db, "SELECT p.is_default FROM visits AS v"
                                  " JOIN visit_purposes AS p ON p.id = v.purpose_id"
                                  " GROUP BY v.purpose_id, p.is_default"
                                  " ORDER BY count(*) DESC LIMIT 1"), ==, 1);

  /* The attendance table's indexes and triggers, set aside for the bulk
   * load, are back as a new database has them (a server keeps them). */
  if (!pd_database_is_shared (db))
    {
      schema = dump_query (db, schema_sql);
      fresh_schema = dump_query (fresh, schema_sql);
      g_assert_cmpstr (schema, ==, fresh_schema);
    }
}

/* Every column but the times a row was written, which are the clock's. */
static char *
dump_meetings (PdDatabase *db)
{
  static const char *const queries[] = {
    "SELECT id, name, kind, facilitator_member_id, facilitator_name, room, description,"
    " weekdays, start_time, duration_minutes, start_date, end_date, attendance_mode, archived"
    " FROM groups ORDER BY id",
    "SELECT * FROM sessions ORDER BY id",
    "SELECT session_id, member_id FROM attendance ORDER BY session_id, member_id",
    "SELECT id, member_id, visited_at, purpose_id, recorded_by FROM visits ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *dump = dump_query (db, queries[i]);

      g_string_append_printf (out, "%s\n--\n", dump);
    }
  return g_string_free (out, FALSE);
}

static void
test_demo_meetings_deterministic (void)
{
  g_autoptr(PdDatabase) a = meetings_database ("meetings-a.db", 300, 42, 2, NULL);
  g_autoptr(PdDatabase) b = meetings_database ("meetings-b.db", 300, 42, 2, NULL);
  g_autoptr(PdDatabase) c = meetings_database ("meetings-c.db", 300, 43, 2, NULL);
  g_autoptr(PdDatabase) members_only = demo_database ("meetings-members.db", 300, 42);
  g_autofree char *dump_a = dump_meetings (a);
  g_autofree char *dump_b = dump_meetings (b);
  g_autofree char *dump_c = dump_meetings (c);
  g_autofree char *members_a = dump_members (a);
  g_autofree char *members_only_dump = dump_members (members_only);
  g_auto(GStrv) rows_a = g_strsplit (dump_a, "\n", -1);
  g_auto(GStrv) rows_b = g_strsplit (dump_b, "\n", -1);

  g_assert_cmpuint (g_strv_length (rows_a), >, 1000);
  g_assert_cmpuint (g_strv_length (rows_a), ==, g_strv_length (rows_b));
  /* Row by row, so that a failure shows the one row that differs. */
  for (guint i = 0; rows_a[i]; i++)
    g_assert_cmpstr (rows_a[i], ==, rows_b[i]);

  g_assert_cmpstr (dump_a, !=, dump_c);

  /* The meetings are drawn apart from the members, which are those a
   * demo of members only makes. */
  g_assert_cmpstr (members_a, ==, members_only_dump);
}

static void
test_demo_meetings_none (void)
{
  PdDemoCounts counts = { 0, };
  g_autoptr(PdDatabase) db = meetings_database ("no-meetings.db", 50, 4, 0, &counts);

  g_assert_cmpuint (counts.n_members, ==, 50);
  g_assert_cmpuint (counts.n_groups, ==, 0);
  g_assert_cmpuint (counts.n_sessions, ==, 0);
  g_assert_cmpuint (counts.n_attendance, ==, 0);
  g_assert_cmpuint (counts.n_visits, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"), ==, 50);
  g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM groups) +"
                                  " (SELECT count(*) FROM sessions) +"
                                  " (SELECT count(*) FROM attendance) +"
                                  " (SELECT count(*) FROM visits)"), ==, 0);

  /* Volunteers give their time at the centre's groups and desk: none
   * without a history either. */
  g_assert_cmpuint (counts.n_volunteers, ==, 0);
  g_assert_cmpuint (counts.n_hours, ==, 0);
  g_assert_cmpuint (counts.n_courses, ==, 0);
  g_assert_cmpuint (counts.n_completions, ==, 0);
  g_assert_cmpuint (counts.n_credentials, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT (SELECT count(*) FROM volunteers) +"
                                  " (SELECT count(*) FROM hours) +"
                                  " (SELECT count(*) FROM supervision) +"
                                  " (SELECT count(*) FROM courses) +"
                                  " (SELECT count(*) FROM completions) +"
                                  " (SELECT count(*) FROM credentials)"), ==, 0);
}

/* Demo data does not mix with real groups or visits either. */
static void
test_demo_refuses_groups (void)
{
  g_autoptr(PdDatabase) db = open_database ("with-group.db");
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(GError) error = NULL;
  PdDemoOptions options = { 10, 6, 1 };

  g_free (group->name);
  group->name = g_strdup ("Tuesday Circle");
  g_assert_cmpint (pd_groups_insert (db, group, &error), >, 0);
  g_assert_no_error (error);

  g_assert_false (pd_demo_fill (db, &options, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty database"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM groups"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visits"), ==, 0);
  if (!pd_database_is_shared (db))
    g_assert_true (sqlite3_get_autocommit (pd_database_get_handle (db)));
}

static void
test_demo_volunteers_made (void)
{
  PdDemoCounts counts = { 0, };
  g_autoptr(PdDatabase) db = meetings_database ("volunteers.db", 400, 21, 2, &counts);
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();
  g_autofree char *history = dup_years_ago (2);
  g_autofree char *month_ago = dup_days_ago (30);
  g_autofree char *in_90_days = NULL;
  g_autofree char *expiring_sql = NULL;
  gboolean expiring = FALSE, expired = FALSE, training_due = FALSE;
  gint64 from_templates = 0;
  g_autoptr(GPtrArray) groups = NULL;
  gboolean led_by_volunteer = FALSE;

  /* About one volunteer for 40 members; the counts are those of the tables. */
  g_assert_cmpuint (counts.n_volunteers, ==, 10);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers"), ==, counts.n_volunteers);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM hours"), ==, counts.n_hours);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM supervision"), ==, counts.n_supervision);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM courses"), ==, counts.n_courses);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM completions"), ==, counts.n_completions);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM credentials"), ==, counts.n_credentials);
  /* Weekly shifts over two years. */
  g_assert_cmpuint (counts.n_hours, >, 10 * 52);
  g_assert_cmpuint (counts.n_supervision, >, 0);
  g_assert_cmpuint (counts.n_completions, >=, 3 * counts.n_volunteers);
  g_assert_cmpuint (counts.n_credentials, >=, 3);

  /* Some are members, some not; most are active, and each has a role. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers WHERE member_id IS NOT NULL"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers WHERE member_id IS NULL"),
                   >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers AS v"
                                  " JOIN members AS m ON m.id = v.member_id"
                                  " WHERE v.start_date < m.joined_date"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) * 2 FROM volunteers WHERE status = 'active'"),
                   >, counts.n_volunteers);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers AS v WHERE NOT EXISTS"
                                  " (SELECT 1 FROM volunteer_role_links AS l"
                                  "  WHERE l.volunteer_id = v.id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT role_id) FROM volunteer_role_links"),
                   >=, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers"
                                  " WHERE phone NOT LIKE '%555-01__' AND phone <> ''"), ==, 0);

  /* Hours: positive whole quarter hours, less than a day, by role, on the
   * days the volunteer gave time, in the history and not after today. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM hours"
                                  " WHERE quarter_hours <= 0 OR quarter_hours > 96"), ==, 0);
  if (!pd_database_is_shared (db))
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM hours"
                                    " WHERE typeof (quarter_hours) <> 'integer'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM hours AS h"
                                  " JOIN volunteers AS v ON v.id = h.volunteer_id"
                                  " WHERE h.date < v.start_date"), ==, 0);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM hours WHERE date >= :text", today),
                   ==, 0);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM hours WHERE date < :text", history),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM hours AS h WHERE NOT EXISTS"
                                  " (SELECT 1 FROM volunteer_role_links AS l"
                                  "  JOIN volunteer_roles AS r ON r.id = l.role_id"
                                  "  WHERE l.volunteer_id = h.volunteer_id"
                                  "  AND r.label = h.activity)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT quarter_hours % 4) FROM hours"), >, 1);
  /* Former volunteers stopped giving time. */
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM hours AS h"
                                       " JOIN volunteers AS v ON v.id = h.volunteer_id"
                                       " WHERE v.status = 'former'"
                                       " AND h.date > :text", month_ago),
                   ==, 0);

  /* Every hour row reads back as the core keeps it. */
  for (gint64 id = 1; id <= (gint64) counts.n_volunteers; id++)
    {
      g_autoptr(GPtrArray) rows = pd_hours_list (db, id, 0, 1000, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          const PdHours *hours = g_ptr_array_index (rows, i);

          g_assert_cmpuint (hours->quarter_hours, >, 0);
          g_assert_cmpint (hours->volunteer_id, ==, id);
          g_assert_true (pd_hours_validate (hours, &error));
          g_assert_no_error (error);
        }
    }

  /* Courses in every domain, one of them naloxone, required every year;
   * completions in the volunteer's time, not after today. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM training_domains AS d WHERE NOT EXISTS"
                                  " (SELECT 1 FROM course_domains AS cd"
                                  "  WHERE cd.domain_id = d.id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM courses AS c"
                                  " JOIN course_domains AS cd ON cd.course_id = c.id"
                                  " JOIN training_domains AS d ON d.id = cd.domain_id"
                                  " WHERE d.code = 'naloxone' AND c.required_yearly = 1"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM completions AS c"
                                  " JOIN volunteers AS v ON v.id = c.volunteer_id"
                                  " WHERE c.date < v.start_date OR c.quarter_hours <= 0"), ==, 0);
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM completions WHERE date >= :text",
                                   today), ==, 0);

  /* Credentials from the shipped templates: one expired, some expiring
   * within the 90 days the alerts look ahead. */
  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (templates->len, >, 0);
  for (guint i = 0; i < templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (templates, i);

      from_templates += query_int_text (db, "SELECT count(*) FROM credentials"
                                            " WHERE template = :text", template->code);
    }
  g_assert_cmpint (from_templates, ==, counts.n_credentials);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT template) FROM credentials"), ==,
                   MIN (templates->len, counts.n_credentials));
  g_assert_cmpint (query_int_text (db, "SELECT count(*) FROM credentials"
                                       " WHERE expiry_date <> '' AND expiry_date < :text", today),
                   ==, 1);
  in_90_days = dup_date_plus (today, 90);
  expiring_sql = g_strdup_printf ("SELECT count(*) FROM credentials WHERE expiry_date"
                                  " BETWEEN :text AND '%s'", in_90_days);
  g_assert_cmpint (query_int_text (db, expiring_sql, today), >=, 2);

  alerts = pd_alerts_list (db, today, 90, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < alerts->len; i++)
    {
      const PdAlert *alert = g_ptr_array_index (alerts, i);

      expiring |= alert->kind == PD_ALERT_CREDENTIAL_EXPIRING;
      expired |= alert->kind == PD_ALERT_CREDENTIAL_EXPIRED;
      training_due |= alert->kind == PD_ALERT_TRAINING_DUE;
    }
  g_assert_true (expiring);
  g_assert_true (expired);
  g_assert_true (training_due);

  /* Some groups are led by volunteer facilitators. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM groups AS g"
                                  " JOIN volunteer_role_links AS l"
                                  "  ON l.volunteer_id = g.facilitator_volunteer_id"
                                  " JOIN volunteer_roles AS r ON r.id = l.role_id"
                                  " WHERE r.label = 'Group facilitator'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM groups WHERE kind = 'mutual_aid'"
                                  " AND facilitator_volunteer_id IS NOT NULL"), ==, 0);
  groups = pd_groups_list (db, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    led_by_volunteer |= ((PdGroup *) g_ptr_array_index (groups, i))->facilitator_volunteer_id != 0;
  g_assert_true (led_by_volunteer);
}

/* Even a small centre has a few volunteers. */
static void
test_demo_volunteers_few (void)
{
  PdDemoCounts counts = { 0, };
  g_autoptr(PdDatabase) db = meetings_database ("few-volunteers.db", 20, 3, 1, &counts);

  g_assert_cmpuint (counts.n_volunteers, ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers"), ==, 5);
  g_assert_cmpuint (counts.n_hours, >, 0);
  g_assert_cmpuint (counts.n_credentials, >=, 3);
}

/* Every column but the times a row was written, which are the clock's. */
static char *
dump_volunteers (PdDatabase *db)
{
  static const char *const queries[] = {
    "SELECT id, member_id, display_name, phone, email, start_date, background_check_date,"
    " status, notes FROM volunteers ORDER BY id",
    "SELECT * FROM volunteer_role_links ORDER BY volunteer_id, role_id",
    "SELECT id, volunteer_id, date, activity, quarter_hours, session_id, approved_by"
    " FROM hours ORDER BY id",
    "SELECT id, volunteer_id, date, supervisor, minutes, kind, notes FROM supervision"
    " ORDER BY id",
    "SELECT id, title, provider, quarter_hours, delivery, required_yearly FROM courses"
    " ORDER BY id",
    "SELECT * FROM course_domains ORDER BY course_id, domain_id",
    "SELECT id, volunteer_id, course_id, date, quarter_hours, certificate FROM completions"
    " ORDER BY id",
    "SELECT id, volunteer_id, template, name, issuing_body, number, issued_date, expiry_date,"
    " renewal_cycle_months FROM credentials ORDER BY id",
    "SELECT id, facilitator_volunteer_id, facilitator_member_id, facilitator_name FROM groups"
    " ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *dump = dump_query (db, queries[i]);

      g_string_append_printf (out, "%s\n--\n", dump);
    }
  return g_string_free (out, FALSE);
}

static void
test_demo_volunteers_deterministic (void)
{
  g_autoptr(PdDatabase) a = meetings_database ("volunteers-a.db", 300, 42, 2, NULL);
  g_autoptr(PdDatabase) b = meetings_database ("volunteers-b.db", 300, 42, 2, NULL);
  g_autoptr(PdDatabase) c = meetings_database ("volunteers-c.db", 300, 43, 2, NULL);
  g_autofree char *dump_a = dump_volunteers (a);
  g_autofree char *dump_b = dump_volunteers (b);
  g_autofree char *dump_c = dump_volunteers (c);
  g_auto(GStrv) rows_a = g_strsplit (dump_a, "\n", -1);
  g_auto(GStrv) rows_b = g_strsplit (dump_b, "\n", -1);

  g_assert_cmpuint (g_strv_length (rows_a), >, 500);
  g_assert_cmpuint (g_strv_length (rows_a), ==, g_strv_length (rows_b));
  for (guint i = 0; rows_a[i]; i++)
    g_assert_cmpstr (rows_a[i], ==, rows_b[i]);

  g_assert_cmpstr (dump_a, !=, dump_c);
}

/* Demo data does not mix with real volunteers either. */
static void
test_demo_refuses_volunteers (void)
{
  g_autoptr(PdDatabase) db = open_database ("with-volunteer.db");
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(GError) error = NULL;
  PdDemoOptions options = { 10, 6, 1 };

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Ana Ruiz");
  g_assert_cmpint (pd_volunteers_insert (db, volunteer, &error), >, 0);
  g_assert_no_error (error);

  g_assert_false (pd_demo_fill (db, &options, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty database"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM members"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM volunteers"), ==, 1);
  if (!pd_database_is_shared (db))
    g_assert_true (sqlite3_get_autocommit (pd_database_get_handle (db)));
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/demo/count", test_demo_count);
  g_test_add_func ("/demo/names/namesakes-rare", test_demo_namesakes_rare);
  g_test_add_func ("/demo/valid", test_demo_valid);
  g_test_add_func ("/demo/non-ascii", test_demo_non_ascii);
  g_test_add_func ("/demo/refuses-non-empty", test_demo_refuses_non_empty);
  g_test_add_func ("/demo/search/index-kept", test_demo_index_kept);
  g_test_add_func ("/demo/search/diacritics", test_demo_search_diacritics);
  g_test_add_func ("/demo/meetings/made", test_demo_meetings_made);
  g_test_add_func ("/demo/visits/regulars", test_demo_visits_regulars);
  g_test_add_func ("/demo/meetings/deterministic", test_demo_meetings_deterministic);
  g_test_add_func ("/demo/meetings/none", test_demo_meetings_none);
  g_test_add_func ("/demo/meetings/refuses-groups", test_demo_refuses_groups);
  g_test_add_func ("/demo/volunteers/made", test_demo_volunteers_made);
  g_test_add_func ("/demo/volunteers/few", test_demo_volunteers_few);
  g_test_add_func ("/demo/volunteers/deterministic", test_demo_volunteers_deterministic);
  g_test_add_func ("/demo/volunteers/refuses-volunteers", test_demo_refuses_volunteers);

  return g_test_run ();
}
