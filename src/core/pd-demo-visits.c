/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pd-demo-private.h"
#include "pd-table.h"
#include "pd-visits.h"

/* The front desk of the demo's centre: the visits of each day the centre
 * is open, drawn from the meetings' GRand between the day's sessions. */

/* Weights of the visit purposes, in the order of their position; purposes
 * beyond these get the last weight. */
static const guint purpose_weights[] = { 45, 18, 12, 10, 6, 5, 4 };

/* How often (per mille) a visit is one of the desk's last visitors coming
 * back. */
#define RETURN_PER_MILLE 700

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Someone the desk saw lately, more likely the more often they came, in
 * place of @member most of the time; @member joins those seen lately. */
static guint32
returning_visitor (PdDemoMeetings *m,
                   guint32         member)
{
  if (m->n_recent_visitors > 0 &&
      (guint) g_rand_int_range (m->returns_rand, 0, 1000) < RETURN_PER_MILLE)
    member = m->recent_visitors[g_rand_int_range (m->returns_rand, 0,
                                                  (gint32) m->n_recent_visitors)];

  m->recent_visitors[m->next_recent_visitor] = member;
  m->next_recent_visitor = (m->next_recent_visitor + 1) % PD_DEMO_RECENT_VISITORS;
  m->n_recent_visitors = MIN (m->n_recent_visitors + 1, PD_DEMO_RECENT_VISITORS);
  return member;
}

/* A dozen visits a day at a small centre, up to a hundred at a large one,
 * growing with the members who have joined; fewer at weekends. */
gboolean
pd_demo_add_visits (PdDemoMeetings  *m,
                    const GDate     *day,
                    const char      *date,
                    GError         **error)
{
  static const guint weekday_share[] = { 0, 100, 100, 100, 100, 100, 60, 25 };
  double size = 12.0 * pow (MAX (m->n_members, 1) / 200.0, 0.27);
  double grown = 0.4 + 0.6 * (m->n_members > 0 ? (double) m->joined_today / m->n_members : 0);
  const char *morning = pd_demo_staff (m->rand);
  const char *afternoon = pd_demo_staff (m->rand);
  PdStatement *stmt = m->insert_visit;
  /* A server is a round trip away: the day's visits go in one. */
  gboolean batch = pd_database_is_shared (m->db);
  g_autoptr(GString) member_ids = batch ? pd_sql_array_new () : NULL;
  g_autoptr(GString) times = batch ? pd_sql_array_new () : NULL;
  g_autoptr(GString) purpose_ids = batch ? pd_sql_array_new () : NULL;
  g_autoptr(GString) recorders = batch ? pd_sql_array_new () : NULL;
  guint n;

  size = CLAMP (size, 12.0, 100.0) * grown * weekday_share[g_date_get_weekday (day)] / 100.0;
  n = (guint) (size * (750 + pd_demo_pick (m->rand, 500)) / 1000.0 + 0.5);

  g_array_set_size (m->times, 0);
  for (guint i = 0; i < n; i++)
    {
      /* From nine to seven. */
      guint second = 9 * 3600 + pd_demo_pick (m->rand, 10 * 3600);

      g_array_append_val (m->times, second);
    }
  g_array_sort (m->times, compare_guint);

  for (guint i = 0; i < n; i++)
    {
      guint second = g_array_index (m->times, guint, i);
      guint32 member = pd_demo_chance (m->rand, 120) ? NO_MEMBER
                                                     : pd_demo_pick_member (m, 14, 250, FALSE);

      if (member != NO_MEMBER)
        member = returning_visitor (m, member);
      guint r = pd_demo_pick (m->rand, MAX (m->weight_total, 1));
      gint64 purpose = m->n_purposes > 0 ? m->purposes[m->n_purposes - 1] : 0;
      char visited_at[32];

      for (guint j = 0; j < m->n_purposes; j++)
        {
          if (r < m->weights[j])
            {
              purpose = m->purposes[j];
              break;
            }
          r -= m->weights[j];
        }

      g_snprintf (visited_at, sizeof visited_at, "%sT%02u:%02u:%02u", date, second / 3600,
                  second / 60 % 60, second % 60);
      if (batch)
        {
          if (member != NO_MEMBER)
            pd_sql_array_append_int64 (member_ids, m->demo->ids[member]);
          else
            pd_sql_array_append_text (member_ids, NULL);
          pd_sql_array_append_text (times, visited_at);
          pd_sql_array_append_int64 (purpose_ids, purpose);
          pd_sql_array_append_text (recorders, second < 14 * 3600 ? morning : afternoon);
          continue;
        }
      if (member != NO_MEMBER)
        pd_statement_bind_int64 (stmt, "member_id", m->demo->ids[member]);
      else
        pd_statement_bind_null (stmt, "member_id");
      pd_statement_bind_text (stmt, "visited_at", visited_at);
      pd_statement_bind_int64 (stmt, "purpose_id", purpose);
      pd_statement_bind_text (stmt, "recorded_by", second < 14 * 3600 ? morning : afternoon);
      if (!pd_statement_execute (stmt, error))
        return FALSE;
    }
  if (batch && n > 0)
    {
      pd_statement_bind_text (stmt, "member_ids", pd_sql_array_end (member_ids));
      pd_statement_bind_text (stmt, "times", pd_sql_array_end (times));
      pd_statement_bind_text (stmt, "purpose_ids", pd_sql_array_end (purpose_ids));
      pd_statement_bind_text (stmt, "recorders", pd_sql_array_end (recorders));
      if (!pd_statement_execute (stmt, error))
        return FALSE;
    }
  m->counts->n_visits += n;
  return TRUE;
}

/* Readies the desk: the purposes of visits in the database, the
 * generator of returning visitors, and the statement every visit is
 * written with, kept until pd_demo_desk_close(). */
gboolean
pd_demo_desk_open (PdDemoMeetings  *m,
                   guint32          seed,
                   GError         **error)
{
  const guint32 return_seeds[] = { seed, 0x6465736b };  /* "desk" */
  g_autoptr(GPtrArray) purposes = pd_purposes_list (m->db, FALSE, error);

  if (purposes == NULL)
    return FALSE;
  m->n_purposes = purposes->len;
  m->purposes = g_new (gint64, MAX (purposes->len, 1));
  m->weights = g_new (guint, MAX (purposes->len, 1));
  for (guint i = 0; i < purposes->len; i++)
    {
      const PdPurpose *purpose = g_ptr_array_index (purposes, i);

      m->purposes[i] = purpose->id;
      m->weights[i] = purpose_weights[MIN (i, G_N_ELEMENTS (purpose_weights) - 1)];
      m->weight_total += m->weights[i];
    }
  m->returns_rand = g_rand_new_with_seed_array (return_seeds, G_N_ELEMENTS (return_seeds));
  m->times = g_array_new (FALSE, FALSE, sizeof (guint));

  m->insert_visit = pd_database_query_dialect (m->db,
                                               "INSERT INTO visits (member_id, visited_at,"
                                               " purpose_id, recorded_by, created_at)"
                                               " VALUES (:member_id, :visited_at, :purpose_id,"
                                               " :recorded_by, :created_at)",
                                               "INSERT INTO visits (member_id, visited_at,"
                                               " purpose_id, recorded_by, created_at)"
                                               " SELECT v.member_id, v.visited_at,"
                                               " v.purpose_id, v.recorded_by, :created_at"
                                               " FROM unnest (CAST (:member_ids AS BIGINT[]),"
                                               " CAST (:times AS TEXT[]),"
                                               " CAST (:purpose_ids AS BIGINT[]),"
                                               " CAST (:recorders AS TEXT[]))"
                                               " AS v (member_id, visited_at, purpose_id,"
                                               " recorded_by)",
                                               error);
  if (m->insert_visit == NULL)
    return FALSE;
  /* The same for every visit the demo makes. */
  pd_statement_bind_text (m->insert_visit, "created_at", m->now);
  return TRUE;
}

void
pd_demo_desk_close (PdDemoMeetings *m)
{
  g_clear_pointer (&m->insert_visit, pd_statement_release);
  g_clear_pointer (&m->purposes, g_free);
  g_clear_pointer (&m->weights, g_free);
  g_clear_pointer (&m->returns_rand, g_rand_free);
  g_clear_pointer (&m->times, g_array_unref);
}
