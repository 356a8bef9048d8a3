/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-member-words.h"
#include "pd-statement.h"

/* On a server, the member_words table (data/postgresql/search.sql) stands
 * in for SQLite's members_fts index: one row for each word of a member's
 * names, folded as the index's tokenizer folds it, so that a search finds
 * the same members on both engines. */

/* The accents the tokenizer keeps inside a word and drops; any other
 * combining mark ends the word. */
static gboolean
is_dropped_mark (gunichar c)
{
  return (c >= 0x300 && c <= 0x304) || (c >= 0x306 && c <= 0x30c) || c == 0x30f ||
         c == 0x311 || c == 0x31b || (c >= 0x323 && c <= 0x328) || c == 0x32d ||
         c == 0x32e || c == 0x330 || c == 0x331;
}

/* Letters, digits, private use and characters its tables do not know. */
static gboolean
is_word_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isalnum (c) || type == G_UNICODE_PRIVATE_USE ||
         type == G_UNICODE_UNASSIGNED || is_dropped_mark (c);
}

/* One character for one, as Unicode's simple case folding has it: "µ" is
 * "μ" and "ẞ" is "ß", but "ß" stays. */
static gunichar
simple_fold (gunichar c)
{
  char utf8[8] = { 0 };
  g_autofree char *folded = NULL;

  g_unichar_to_utf8 (c, utf8);
  folded = g_utf8_casefold (utf8, -1);
  if (g_utf8_strlen (folded, -1) == 1)
    return g_utf8_get_char (folded);
  return g_unichar_tolower (c);
}

/* The character as the tokenizer writes it into a word: folded, and a
 * Latin letter with accents that it drops as that letter without them;
 * 0 for an accent. */
static gunichar
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar folded;
  gsize n;

  if (c < 0x80)
    return g_ascii_tolower (c);
  if (is_dropped_mark (c))
    return 0;
  /* Its tables fold "Ǡ" to "ǡ" and keep the accents of both. */
  if (c == 0x1e0 || c == 0x1e1)
    return 0x1e1;

  folded = simple_fold (c);
  n = g_unichar_fully_decompose (folded, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n < 2 || decomposed[0] >= 0x80 || !g_ascii_isalpha (decomposed[0]))
    return folded;
  for (gsize i = 1; i < n; i++)
    if (!is_dropped_mark (decomposed[i]))
      return folded;
  return decomposed[0];
}

char **
pd_member_words_split (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p = text != NULL && g_utf8_validate (text, -1, NULL) ? text : "";

  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          gunichar folded = fold_char (c);

          if (folded != 0)
            g_string_append_unichar (word, folded);
          continue;
        }
      if (word->len > 0 && !g_hash_table_contains (seen, word->str))
        {
          g_hash_table_add (seen, g_strdup (word->str));
          g_strv_builder_add (builder, word->str);
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_strv_builder_end (builder);
}

char **
pd_member_words_split_alnum (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_strv_builder_add (builder, word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_strv_builder_end (builder);
}

/* Byte order is code point order in UTF-8: the prefix with its last
 * character bumped, which stays valid UTF-8 where bumping its last byte
 * would not. NULL when no text is above them all. */
char *
pd_member_words_after (const char *prefix)
{
  g_autoptr(GString) after = g_string_new (prefix);

  while (after->len > 0)
    {
      const char *last = g_utf8_find_prev_char (after->str, after->str + after->len);
      gunichar c = g_utf8_get_char (last);

      g_string_truncate (after, last - after->str);
      if (c == 0x10ffff)
        continue;
      c = c + 1 == 0xd800 ? 0xe000 : c + 1;
      g_string_append_unichar (after, c);
      return g_string_free (g_steal_pointer (&after), FALSE);
    }
  return NULL;
}

gboolean
pd_member_words_forget (PdDatabase  *db,
                        gint64       member_id,
                        GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_is_shared (db))
    return TRUE;
  stmt = pd_database_query (db, "DELETE FROM member_words WHERE member_id = :id", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", member_id);
  return pd_statement_execute (stmt, error);
}

gboolean
pd_member_words_add (PdDatabase  *db,
                     gint64       member_id,
                     PdMember    *member,
                     GError     **error)
{
  static const PdMemberField names[] = {
    PD_MEMBER_FIELD_FIRST_NAME, PD_MEMBER_FIELD_LAST_NAME, PD_MEMBER_FIELD_PREFERRED_NAME
  };
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (PD_IS_MEMBER (member), FALSE);

  /* An erased member's first name is its number, which is no name: as
   * SQLite's triggers, nothing is indexed for a first name that is the
   * number. */
  if (!pd_database_is_shared (db) ||
      g_str_equal (pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME),
                   pd_member_get (member, PD_MEMBER_FIELD_NUMBER)))
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) split = pd_member_words_split (pd_member_get (member, names[i]));

      g_strv_builder_addv (builder, (const char **) split);
    }
  words = g_strv_builder_end (builder);
  if (words[0] == NULL)
    return TRUE;

  /* A word holds no space: the tokenizer splits there. */
  joined = g_strjoinv (" ", words);
  stmt = pd_database_query (db,
                            "INSERT INTO member_words (word, member_id)"
                            " SELECT w, CAST (:id AS BIGINT)"
                            " FROM unnest (string_to_array (CAST (:words AS TEXT), ' ')) AS w"
                            " ON CONFLICT DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", member_id);
  pd_statement_bind_text (stmt, "words", joined);
  return pd_statement_execute (stmt, error);
}

/* The server's pd_member_matches() (data/postgresql/search.sql) plans the
 * lookup for the words of each search. */
GArray *
pd_member_words_match (PdDatabase  *db,
                       char       **words,
                       guint        limit,
                       GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) his = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *joined_los = NULL;
  g_autofree char *joined_his = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (words != NULL, NULL);

  if (words[0] == NULL || limit == 0)
    return g_steal_pointer (&ids);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *after = pd_member_words_after (words[i]);

      /* No text is above a word of the last code point only, which is no
       * name's: such a word finds nothing. */
      if (after == NULL)
        return g_steal_pointer (&ids);
      g_ptr_array_add (his, after);
    }
  g_ptr_array_add (his, NULL);

  /* Words hold no space, nor do the bounds above them. */
  joined_los = g_strjoinv (" ", words);
  joined_his = g_strjoinv (" ", (char **) his->pdata);
  stmt = pd_database_query (db,
                            "SELECT id FROM pd_member_matches (CAST (:los AS TEXT),"
                            "                                  CAST (:his AS TEXT),"
                            "                                  CAST (:limit AS BIGINT)) AS id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "los", joined_los);
  pd_statement_bind_text (stmt, "his", joined_his);
  pd_statement_bind_int64 (stmt, "limit", limit);
  while (pd_statement_next (stmt))
    {
      gint64 id = pd_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;
  return g_steal_pointer (&ids);
}
