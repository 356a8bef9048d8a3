/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pd-member-ranking.h"
#include "pd-member-words.h"
#include "pd-staff.h"
#include "pd-statement.h"
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

  return pd_member_words_split_alnum (folded);
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
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db,
                            "SELECT first_name, last_name, preferred_name, phone_digits,"
                            " sort_key FROM members WHERE id = :id",
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
      gboolean found;

      pd_statement_bind_int64 (stmt, "id", candidate->id);
      if (!pd_statement_fetch (stmt, &found, error))
        return FALSE;
      if (found)
        {
          g_autofree char *names = g_strjoin (" ",
                                              pd_statement_get_text (stmt, 0),
                                              pd_statement_get_text (stmt, 1),
                                              pd_statement_get_text (stmt, 2),
                                              NULL);

          candidate->words = pd_member_ranking_split_words (names);
          candidate->phone_digits = pd_statement_dup_text (stmt, 3);
          candidate->sort_key = pd_statement_dup_text (stmt, 4);
          i++;
        }
      else
        g_array_remove_index (self->candidates, i);
      pd_statement_finish (stmt, NULL);
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
  g_autoptr(PdStatement) visits = NULL;
  g_autoptr(PdStatement) newcomers = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("check people in"), error))
    return NULL;

  if (now == NULL)
    now = owned_now = pd_local_now ();

  /* From the (visited_at) index: the rows of the window only, in time
   * order, so that each member's score adds up in the same order on both
   * engines. The window starts at the text SQLite's datetime() gives,
   * "YYYY-MM-DD HH:MM:SS", compared with the stored text. */
  visits = pd_database_query_dialect (
    db,
    "SELECT member_id, julianday (:now) - julianday (visited_at)"
    " FROM visits"
    " WHERE visited_at >= datetime (:now, '-' || :days || ' days')"
    "   AND visited_at < :now AND member_id IS NOT NULL"
    " ORDER BY visited_at, id",
    "SELECT member_id, EXTRACT (EPOCH FROM CAST (CAST (:now AS TEXT) AS timestamp)"
    "                                      - CAST (visited_at AS timestamp)) / 86400"
    " FROM visits"
    " WHERE visited_at >= to_char (CAST (CAST (:now AS TEXT) AS timestamp)"
    "                              - make_interval (days => CAST (:days AS INTEGER)),"
    "                              'YYYY-MM-DD HH24:MI:SS')"
    "   AND visited_at < CAST (:now AS TEXT) AND member_id IS NOT NULL"
    " ORDER BY visited_at, id",
    error);
  if (visits == NULL)
    return NULL;
  pd_statement_bind_text (visits, "now", now);
  pd_statement_bind_int (visits, "days", WINDOW_DAYS);
  while (pd_statement_next (visits))
    add_score (self, index, pd_statement_get_int64 (visits, 0),
               exp2 (-pd_statement_get_double (visits, 1) / VISIT_HALF_LIFE));
  if (!pd_statement_finish (visits, error))
    return NULL;

  /* From the (joined_date) index. A member who joined today was checked
   * in on joining, which the visits above count. */
  newcomers = pd_database_query_dialect (
    db,
    "SELECT id FROM members"
    " WHERE joined_date >= date (:now, '-' || :days || ' days')"
    "   AND joined_date < date (:now)"
    " ORDER BY joined_date DESC, id DESC LIMIT :limit",
    "SELECT id FROM members"
    " WHERE joined_date >= to_char (CAST (CAST (:now AS TEXT) AS date) - CAST (:days AS INTEGER),"
    "                               'YYYY-MM-DD')"
    "   AND joined_date < to_char (CAST (CAST (:now AS TEXT) AS date), 'YYYY-MM-DD')"
    " ORDER BY joined_date DESC, id DESC LIMIT :limit",
    error);
  if (newcomers == NULL)
    return NULL;
  pd_statement_bind_text (newcomers, "now", now);
  pd_statement_bind_int (newcomers, "days", NEWCOMER_DAYS);
  pd_statement_bind_int (newcomers, "limit", MAX_NEWCOMERS);
  while (pd_statement_next (newcomers))
    add_score (self, index, pd_statement_get_int64 (newcomers, 0), NEWCOMER_WEIGHT);
  if (!pd_statement_finish (newcomers, error))
    return NULL;

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
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db, "SELECT member_id FROM attendance WHERE session_id = :session",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "session", session_id);
  while (pd_statement_next (stmt))
    {
      Candidate *candidate = add_score (self, index, pd_statement_get_int64 (stmt, 0), weight);

      candidate->present |= present;
    }
  return pd_statement_finish (stmt, error);
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
  g_autoptr(PdStatement) stmt = NULL;
  double weight = 1.0;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return NULL;

  /* From the (group_id, starts_at) index, newest first; SQLite's CROSS
   * JOIN, which PostgreSQL spells JOIN, keeps the session itself as the
   * outer loop. */
  stmt = pd_database_query_dialect (db,
                                    "SELECT s.id FROM sessions AS t"
                                    " CROSS JOIN sessions AS s"
                                    "   ON s.group_id = t.group_id AND s.starts_at < t.starts_at"
                                    " WHERE t.id = :session AND s.cancelled = 0"
                                    " ORDER BY s.starts_at DESC, s.id DESC LIMIT :limit",
                                    "SELECT s.id FROM sessions AS t"
                                    " JOIN sessions AS s"
                                    "   ON s.group_id = t.group_id AND s.starts_at < t.starts_at"
                                    " WHERE t.id = :session AND s.cancelled = 0"
                                    " ORDER BY s.starts_at DESC, s.id DESC LIMIT :limit",
                                    error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "session", session_id);
  pd_statement_bind_int (stmt, "limit", RECENT_SESSIONS);
  while (pd_statement_next (stmt))
    {
      gint64 id = pd_statement_get_int64 (stmt, 0);

      g_array_append_val (sessions, id);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;

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
