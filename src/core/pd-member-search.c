/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-member-words.h"
#include "pd-members.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"

/* Finding members by what a person types at the desk: a member number, a
 * phone number or the start of words of their names. On SQLite the names
 * are looked up in the members_fts index; on a server, in member_words
 * (see pd-member-words.c), which gives the same matches. */

static gboolean
is_phone_like (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr (" +-().", *p))
        return FALSE;
    }
  return digits >= 3;
}

/* Decomposes @text and drops its accents, so that "Müller" typed with a
 * combining diaeresis is still one word. Case is left to the index's
 * tokenizer: g_utf8_casefold() turns "ß" into "ss", which the index does
 * not, and "Strauß" would no longer find Strauß. */
static char *
strip_marks (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  GString *out;

  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The words a person typed, accents dropped, split at everything but
 * letters and digits. */
static char **
typed_words (const char *text)
{
  g_autofree char *stripped = strip_marks (text);

  return pd_member_words_split_alnum (stripped);
}

/* Turns what a person types into an FTS5 query over the names: every
 * word is a quoted prefix, so the text can never be read as FTS syntax.
 * Returns NULL when there is no word to look for, or when the text is a
 * phone number, which is looked for in its own index. */
char *
pd_members_fts_query (const char *text)
{
  g_auto(GStrv) words = NULL;
  GString *query;

  if (text == NULL || is_phone_like (text))
    return NULL;

  words = typed_words (text);
  if (words[0] == NULL)
    return NULL;
  query = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (query, "%s\"%s\"*", i > 0 ? " " : "", words[i]);
  return g_string_free (query, FALSE);
}

/* The words typed as the index's tokenizer reads the words of the query
 * above, for looking them up in member_words. */
static char **
server_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) typed = typed_words (text);

  for (guint i = 0; typed[i] != NULL; i++)
    {
      g_auto(GStrv) split = pd_member_words_split (typed[i]);

      g_strv_builder_addv (builder, (const char **) split);
    }
  return g_strv_builder_end (builder);
}

/* Above this many matches of the full-text index, a search is "dense":
 * sorting every match by name would read them all, so the names that start
 * with the first word typed are read in order from the sort-key index
 * instead, and those matched by another name come from the first
 * DENSE_MATCHES matches only. */
#define DENSE_MATCHES 500
/* How many rows of the sort-key index a dense search of several words
 * reads at most to find the names that start with the first. */
#define DENSE_SCAN_ROWS 20000
/* The first part of that scan, in rows: a server sends every row of a
 * result at once, so the scan asks for a few rows first, and for four
 * times as many each time it needs more. */
#define DENSE_SCAN_FIRST 64

typedef struct
{
  gint64 id;
  char *sort_key;
  gboolean first;   /* the name the member goes by starts with the first word */
} NameMatch;

static void
name_match_clear (gpointer data)
{
  g_free (((NameMatch *) data)->sort_key);
}

static int
compare_name_matches (gconstpointer a,
                      gconstpointer b)
{
  const NameMatch *x = a, *y = b;
  int cmp;

  if (x->first != y->first)
    return x->first ? -1 : 1;
  cmp = strcmp (x->sort_key, y->sort_key);
  if (cmp != 0)
    return cmp;
  return (x->id > y->id) - (x->id < y->id);
}

/* Appends @id unless it is listed already; returns whether the list is
 * full. */
static gboolean
append_id (GArray     *ids,
           GHashTable *seen,
           gint64      id,
           guint       limit)
{
  if (!g_hash_table_contains (seen, &id))
    {
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_array_append_val (ids, id);
    }
  return ids->len >= limit;
}

/* Whether a word of @key (a sort key, folded already) starts with @word. */
static gboolean
key_has_word (const char *key,
              const char *word)
{
  for (const char *p = strstr (key, word); p != NULL; p = strstr (p + 1, word))
    {
      const char *prev = p > key ? g_utf8_find_prev_char (key, p) : NULL;

      if (prev == NULL || !g_unichar_isalnum (g_utf8_get_char (prev)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
step_rows (PdStatement  *stmt,
           GArray       *matches,
           const char   *first,
           GError      **error)
{
  while (pd_statement_next (stmt))
    {
      NameMatch match = { pd_statement_get_int64 (stmt, 0), pd_statement_dup_text (stmt, 1) };

      if (match.sort_key == NULL)
        match.sort_key = g_strdup ("");
      match.first = g_str_has_prefix (match.sort_key, first);
      g_array_append_val (matches, match);
    }
  return pd_statement_finish (stmt, error);
}

/* How many members members_fts matches, DENSE_MATCHES + 1 at most. */
static gboolean
count_fts_matches (PdDatabase  *db,
                   const char  *query,
                   gint64      *n_matches,
                   GError     **error)
{
  g_autoptr(PdStatement) count = NULL;
  gboolean found;

  count = pd_database_query (db,
                             "SELECT count (*) FROM (SELECT rowid FROM members_fts"
                             "                       WHERE members_fts MATCH :query LIMIT :limit)",
                             error);
  if (count == NULL)
    return FALSE;
  pd_statement_bind_text (count, "query", query);
  pd_statement_bind_int (count, "limit", DENSE_MATCHES + 1);
  if (!pd_statement_fetch (count, &found, error))
    return FALSE;
  *n_matches = found ? pd_statement_get_int64 (count, 0) : 0;
  return TRUE;
}

/* The id and sort key of the members of @server_ids, or on SQLite of the
 * first DENSE_MATCHES matches of the FTS @query, which come in id order
 * as those of the server do. */
static PdStatement *
query_matches (PdDatabase  *db,
               const char  *query,
               GArray      *server_ids,
               GError     **error)
{
  PdStatement *stmt;

  if (server_ids != NULL)
    {
      g_autoptr(GString) array = g_string_new ("{");

      for (guint i = 0; i < server_ids->len; i++)
        g_string_append_printf (array, "%s%" PRId64, i > 0 ? "," : "",
                                g_array_index (server_ids, gint64, i));
      g_string_append_c (array, '}');
      stmt = pd_database_query (db,
                                "SELECT id, sort_key FROM members"
                                " WHERE id = ANY (CAST (:ids AS BIGINT[]))",
                                error);
      if (stmt != NULL)
        pd_statement_bind_text (stmt, "ids", array->str);
      return stmt;
    }

  stmt = pd_database_query (db,
                            "SELECT id, sort_key FROM members"
                            " WHERE id IN (SELECT rowid FROM members_fts"
                            "              WHERE members_fts MATCH :query LIMIT :limit)",
                            error);
  if (stmt != NULL)
    {
      pd_statement_bind_text (stmt, "query", query);
      pd_statement_bind_int (stmt, "limit", DENSE_MATCHES);
    }
  return stmt;
}

/* Appends the matches of what a person typed, @text (@query for FTS, and
 * @words as pd_member_ranking_split_words() has them) in name order:
 * those whose name they go by starts with the first word, by name, then
 * the others, by name. */
static gboolean
append_name_matches (PdDatabase  *db,
                     const char  *text,
                     const char  *query,
                     char       **words,
                     GArray      *ids,
                     GHashTable  *seen,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (NameMatch));
  const char *first = words[0] ? words[0] : "";
  g_autoptr(GArray) server_ids = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gint64 n_matches = 0;

  g_array_set_clear_func (matches, name_match_clear);

  if (pd_database_is_shared (db))
    {
      g_auto(GStrv) folded = server_words (text);

      server_ids = pd_member_words_match (db, folded, DENSE_MATCHES + 1, error);
      if (server_ids == NULL)
        return FALSE;
      n_matches = server_ids->len;
      if (server_ids->len > DENSE_MATCHES)
        g_array_set_size (server_ids, DENSE_MATCHES);
    }
  else if (!count_fts_matches (db, query, &n_matches, error))
    return FALSE;

  if (n_matches > DENSE_MATCHES && *first != '\0')
    {
      g_autoptr(PdStatement) scan = NULL;
      g_autofree char *after = pd_member_words_after (first);
      g_autofree char *key = g_strdup (first);
      gint64 key_id = G_MININT64;
      guint scanned = 0;
      guint rows = DENSE_SCAN_FIRST;

      /* Every sort key that starts with the word sorts from it up to, not
       * including, the word with its last character bumped; each part of
       * the scan starts after the last row of the one before. */
      scan = pd_database_query (db,
                                "SELECT id, sort_key FROM members"
                                " WHERE sort_key >= :key AND sort_key < :after"
                                " AND (sort_key > :key OR id > :key_id)"
                                " ORDER BY sort_key, id LIMIT :rows",
                                error);
      if (scan == NULL)
        return FALSE;
      while (ids->len < limit && scanned < DENSE_SCAN_ROWS)
        {
          guint read = 0;

          rows = MIN (rows, DENSE_SCAN_ROWS - scanned);
          pd_statement_bind_text (scan, "key", key);
          pd_statement_bind_int64 (scan, "key_id", key_id);
          pd_statement_bind_text (scan, "after", after);
          pd_statement_bind_int (scan, "rows", (int) rows);
          while (ids->len < limit && pd_statement_next (scan))
            {
              const char *row_key = pd_statement_get_text (scan, 1);
              gboolean all = TRUE;

              read++;
              for (guint w = 1; all && words[w] != NULL; w++)
                all = key_has_word (row_key, words[w]);
              if (all)
                append_id (ids, seen, pd_statement_get_int64 (scan, 0), limit);
              key_id = pd_statement_get_int64 (scan, 0);
              g_free (key);
              key = g_strdup (row_key);
            }
          if (!pd_statement_finish (scan, error))
            return FALSE;
          scanned += read;
          if (read < rows)
            break;
          rows *= 4;
        }
      if (ids->len >= limit)
        return TRUE;
    }

  stmt = query_matches (db, query, server_ids, error);
  if (stmt == NULL || !step_rows (stmt, matches, first, error))
    return FALSE;

  g_array_sort (matches, compare_name_matches);
  for (guint i = 0; i < matches->len; i++)
    if (append_id (ids, seen, g_array_index (matches, NameMatch, i).id, limit))
      break;
  return TRUE;
}

/* Appends the members whose phone number starts with the digits of @text,
 * in phone number order, read in order from the phone index. */
static gboolean
append_phone_matches (PdDatabase  *db,
                      const char  *text,
                      GArray      *ids,
                      GHashTable  *seen,
                      guint        limit,
                      GError     **error)
{
  g_autofree char *digits = pd_text_digits (text);
  g_autofree char *after = g_strdup (digits);
  g_autoptr(PdStatement) stmt = NULL;

  /* Every phone number that starts with the digits typed sorts from
   * them up to, not including, the same digits with the last one
   * bumped: "555" finds 555… and stops before 556. */
  after[strlen (after) - 1]++;
  stmt = pd_database_query (db,
                            "SELECT id FROM members"
                            " WHERE phone_digits <> '' AND phone_digits >= :digits"
                            " AND phone_digits < :after"
                            " ORDER BY phone_digits, id LIMIT :rows",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "digits", digits);
  pd_statement_bind_text (stmt, "after", after);
  /* Enough for the list even if every member already in it comes again. */
  pd_statement_bind_int64 (stmt, "rows", (gint64) limit + ids->len);
  while (ids->len < limit && pd_statement_next (stmt))
    append_id (ids, seen, pd_statement_get_int64 (stmt, 0), limit);
  return pd_statement_finish (stmt, error);
}

/* The ids of the members that match @text, at most @limit of them, best
 * first: an exact member number first of all, then the likely people of
 * @ranking (if any) who match, most likely first, then every other match
 * in name order (see append_name_matches()), or for a phone number in
 * phone number order. Asking for one more than is shown tells the caller
 * the list was cut. */
GArray *
pd_members_search_ranked (PdDatabase       *db,
                          const char       *text,
                          PdMemberRanking  *ranking,
                          guint             limit,
                          GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *number = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_NAMES, _("look up members"), error))
    return NULL;
  if (text == NULL || limit == 0)
    return g_steal_pointer (&ids);

  number = pd_members_number_from_text (text);
  if (number != NULL)
    {
      g_autoptr(PdStatement) stmt = NULL;
      gboolean found;

      stmt = pd_database_query (db, "SELECT id FROM members WHERE number = :number", error);
      if (stmt == NULL)
        return NULL;
      pd_statement_bind_text (stmt, "number", number);
      if (!pd_statement_fetch (stmt, &found, error))
        return NULL;
      if (found)
        append_id (ids, seen, pd_statement_get_int64 (stmt, 0), limit);
    }

  if (ranking != NULL && ids->len < limit)
    {
      g_autoptr(GArray) likely = pd_member_ranking_match (ranking, text);

      for (guint i = 0; i < likely->len; i++)
        if (append_id (ids, seen, g_array_index (likely, gint64, i), limit))
          break;
    }
  if (ids->len >= limit)
    return g_steal_pointer (&ids);

  query = pd_members_fts_query (text);
  if (query != NULL)
    {
      g_auto(GStrv) words = pd_member_ranking_split_words (text);

      if (!append_name_matches (db, text, query, words, ids, seen, limit, error))
        return NULL;
    }
  else if (is_phone_like (text) && pd_database_has_right (db, PD_RIGHT_MEMBER_DETAILS))
    {
      if (!append_phone_matches (db, text, ids, seen, limit, error))
        return NULL;
    }

  return g_steal_pointer (&ids);
}

/* The same, in name order only. */
GArray *
pd_members_search_ids (PdDatabase  *db,
                       const char  *text,
                       guint        limit,
                       GError     **error)
{
  return pd_members_search_ranked (db, text, NULL, limit, error);
}

GPtrArray *
pd_members_search (PdDatabase  *db,
                   const char  *text,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;

  ids = pd_members_search_ids (db, text, limit, error);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < ids->len && i < limit; i++)
    {
      PdMember *member = pd_members_get (db, g_array_index (ids, gint64, i), error);

      if (member == NULL)
        return NULL;
      g_ptr_array_add (members, member);
    }
  return g_steal_pointer (&members);
}
