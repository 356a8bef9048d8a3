/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-member-ranking.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-visits.h"

/* At the desk: the visits of the last WINDOW_DAYS days count, each half as
 * much every VISIT_HALF_LIFE days, so that someone who came twice this week
 * is ahead of someone who came five times last season. A member who joined
 * in the last NEWCOMER_DAYS days counts as much as NEWCOMER_WEIGHT visits of
 * today: newcomers come back in their first weeks. */
#define WINDOW_DAYS 90
#define VISIT_HALF_LIFE 21.0
#define NEWCOMER_DAYS 14
#define NEWCOMER_WEIGHT 1.5
/* However many people joined or came (a centre with years of history and a
 * million members), only this many newest newcomers and this many most
 * likely people are ranked: their names are read on the first keystroke. */
#define MAX_NEWCOMERS 300
#define MAX_CANDIDATES 2000

/* In a meeting: attendance at the group's last RECENT_SESSIONS held
 * sessions, each earlier one worth SESSION_DECAY of the one after it. */
#define RECENT_SESSIONS 12
#define SESSION_DECAY 0.85

typedef struct
{
  gint64 id;
  double score;
  gboolean present;       /* already marked at the session at hand */
  char *sort_key;
  char *phone_digits;
  char **words;           /* folded words of every name the member has */
} Candidate;

struct _PdMemberRanking
{
  GArray *candidates;     /* Candidate, most likely first */
};

static void
candidate_clear (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->sort_key);
  g_free (candidate->phone_digits);
  g_strfreev (candidate->words);
}

/* The words of @text as the search compares them: without case or
 * accents, split at anything that is not a letter or a digit. */
char **
pd_member_ranking_split_words (const char *text)
{
  g_autofree char *folded = pd_text_fold (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_strv_builder_add (builder, word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return g_strv_builder_end (builder);
}

static PdMemberRanking *
ranking_new (void)
{
  PdMemberRanking *self = g_new0 (PdMemberRanking, 1);

  self->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (self->candidates, candidate_clear);
  return self;
}

void
pd_member_ranking_free (PdMemberRanking *ranking)
{
  if (ranking == NULL)
    return;
  g_array_unref (ranking->candidates);
  g_free (ranking);
}

guint
pd_member_ranking_get_size (PdMemberRanking *ranking)
{
  g_return_val_if_fail (ranking != NULL, 0);
  return ranking->candidates->len;
}

/* Adds @weight to member @id's score, remembering the member's place in
 * the array by id. */
static Candidate *
add_score (PdMemberRanking *self,
           GHashTable      *index,
           gint64           id,
           double           weight)
{
  gpointer position;
  Candidate *candidate;

  if (g_hash_table_lookup_extended (index, &id, NULL, &position))
    candidate = &g_array_index (self->candidates, Candidate, GPOINTER_TO_UINT (position));
  else
    {
      Candidate fresh = { .id = id };
      gint64 *key = g_new (gint64, 1);

      *key = id;
      g_array_append_val (self->candidates, fresh);
      g_hash_table_insert (index, key, GUINT_TO_POINTER (self->candidates->len - 1));
      candidate = &g_array_index (self->candidates, Candidate, self->candidates->len - 1);
    }
  candidate->score += weight;
  return candidate;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;
  int cmp;

  if (x->present != y->present)
    return x->present ? 1 : -1;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  cmp = g_strcmp0 (x->sort_key, y->sort_key);
  if (cmp != 0)
    return cmp;
  return (x->id > y->id) - (x->id < y->id);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return (x->id > y->id) - (x->id < y->id);
}

/* Reads the names of every candidate (a few thousand lookups by primary
 * key at most, in id order, which reads the table's pages in order),
 * drops those no longer in the database and sorts. */
static gboolean
finish (PdMemberRanking  *self,
        PdDatabase       *db,
        GError          **error)
{
  sqlite3_stmt *stmt;

  stmt = pd_database_prepare (db,
                              "SELECT first_name, last_name, preferred_name, phone_digits,"
                              " sort_key FROM members WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;

  /* Scores only, so far: the names of the most likely are read. */
  g_array_sort (self->candidates, compare_candidates);
  if (self->candidates->len > MAX_CANDIDATES)
    g_array_set_size (self->candidates, MAX_CANDIDATES);
  g_array_sort (self->candidates, compare_ids);
  for (guint i = 0; i < self->candidates->len;)
    {
      Candidate *candidate = &g_array_index (self->candidates, Candidate, i);
      int rc;

      sqlite3_bind_int64 (stmt, 1, candidate->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *names = g_strjoin (" ",
                                              (const char *) sqlite3_column_text (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2),
                                              NULL);

          candidate->words = pd_member_ranking_split_words (names);
          candidate->phone_digits = pd_database_column_dup (stmt, 3);
          candidate->sort_key = pd_database_column_dup (stmt, 4);
          i++;
        }
      else
        g_array_remove_index (self->candidates, i);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pd_database_set_error (db, error);
          return FALSE;
        }
    }

  g_array_sort (self->candidates, compare_candidates);
  return TRUE;
}

/* The desk's likely people at @now (a local time "YYYY-MM-DDTHH:MM:SS",
 * NULL for now): those who visited in the last WINDOW_DAYS days before it,
 * and newcomers. Only what happened before @now counts. */
PdMemberRanking *
pd_member_ranking_new_for_desk (PdDatabase  *db,
                                const char  *now,
                                GError     **error)
{
  g_autoptr(PdMemberRanking) self = ranking_new ();
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *owned_now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (now == NULL)
    now = owned_now = pd_local_now ();

  /* From the (visited_at) index: the rows of the window only. */
  stmt = pd_database_prepare (db,
                              "SELECT member_id, julianday (?1) - julianday (visited_at)"
                              " FROM visits"
                              " WHERE visited_at >= datetime (?1, '-' || ?2 || ' days')"
                              "   AND visited_at < ?1 AND member_id IS NOT NULL",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, WINDOW_DAYS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_score (self, index, sqlite3_column_int64 (stmt, 0),
               exp2 (-sqlite3_column_double (stmt, 1) / VISIT_HALF_LIFE));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_database_set_error (db, error);
      return NULL;
    }

  /* From the (joined_date) index. A member who joined today was checked
   * in on joining, which the visits above count. */
  stmt = pd_database_prepare (db,
                              "SELECT id, julianday (date (?1)) - julianday (joined_date)"
                              " FROM members"
                              " WHERE joined_date >= date (?1, '-' || ?2 || ' days')"
                              "   AND joined_date < date (?1)"
                              " ORDER BY joined_date DESC LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, NEWCOMER_DAYS);
  sqlite3_bind_int (stmt, 3, MAX_NEWCOMERS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_score (self, index, sqlite3_column_int64 (stmt, 0), NEWCOMER_WEIGHT);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_database_set_error (db, error);
      return NULL;
    }

  if (!finish (self, db, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
add_attendance (PdMemberRanking  *self,
                PdDatabase       *db,
                GHashTable       *index,
                gint64            session_id,
                double            weight,
                gboolean          present,
                GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_database_prepare (db, "SELECT member_id FROM attendance WHERE session_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate *candidate = add_score (self, index, sqlite3_column_int64 (stmt, 0), weight);

      candidate->present |= present;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_database_set_error (db, error);
      return FALSE;
    }
  return TRUE;
}

/* A session's likely people: who came to the group's last RECENT_SESSIONS
 * held sessions before it, the most recent and most often first; those
 * already marked present at it come after the others. */
PdMemberRanking *
pd_member_ranking_new_for_session (PdDatabase  *db,
                                   gint64       session_id,
                                   GError     **error)
{
  g_autoptr(PdMemberRanking) self = ranking_new ();
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) sessions = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  double weight = 1.0;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  /* From the (group_id, starts_at) index, newest first. */
  stmt = pd_database_prepare (db,
                              "SELECT s.id FROM sessions AS t"
                              " CROSS JOIN sessions AS s"
                              "   ON s.group_id = t.group_id AND s.starts_at < t.starts_at"
                              " WHERE t.id = ?1 AND s.cancelled = 0"
                              " ORDER BY s.starts_at DESC LIMIT ?2",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int (stmt, 2, RECENT_SESSIONS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (sessions, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pd_database_set_error (db, error);
      return NULL;
    }

  for (guint i = 0; i < sessions->len; i++, weight *= SESSION_DECAY)
    if (!add_attendance (self, db, index, g_array_index (sessions, gint64, i), weight, FALSE,
                         error))
      return NULL;
  if (!add_attendance (self, db, index, session_id, 0.0, TRUE, error))
    return NULL;

  if (!finish (self, db, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
has_word_starting (char       **words,
                   const char  *prefix)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], prefix))
      return TRUE;
  return FALSE;
}

/* The likely people who match @text as the search does (every word typed
 * starts a word of one of their names, or the digits typed start their
 * phone number), most likely first. */
GArray *
pd_member_ranking_match (PdMemberRanking *ranking,
                         const char      *text)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *digits = NULL;

  g_return_val_if_fail (ranking != NULL, ids);

  query = pd_members_fts_query (text);
  if (query != NULL)
    words = pd_member_ranking_split_words (text);
  else
    {
      digits = text ? pd_text_digits (text) : NULL;
      if (digits == NULL || strlen (digits) < 3)
        return ids;
    }
  if (words != NULL && words[0] == NULL)
    return ids;

  for (guint i = 0; i < ranking->candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (ranking->candidates, Candidate, i);
      gboolean match = TRUE;

      if (words != NULL)
        {
          for (guint w = 0; match && words[w] != NULL; w++)
            match = has_word_starting (candidate->words, words[w]);
        }
      else
        match = *candidate->phone_digits != '\0' &&
                g_str_has_prefix (candidate->phone_digits, digits);

      if (match)
        g_array_append_val (ids, candidate->id);
    }
  return ids;
}
