/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-demo-private.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-staff.h"

/* Demo data lets people try Peerdesk, and lets us measure it, without a
 * single real record: members (pd-demo-members.c, with the names of
 * data/demo), groups with their sessions and attendance
 * (pd-demo-meetings.c), front-desk visits (pd-demo-visits.c) and
 * volunteers (pd-demo-volunteers.c). */

/* What the database holds already: demo data goes only into an empty one. */
static gboolean
check_empty (PdDatabase  *db,
             GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;
  int holds;

  stmt = pd_database_query (db,
                            "SELECT CASE WHEN EXISTS (SELECT 1 FROM members) THEN 1"
                            " WHEN EXISTS (SELECT 1 FROM groups)"
                            "   OR EXISTS (SELECT 1 FROM visits) THEN 2"
                            " WHEN EXISTS (SELECT 1 FROM volunteers)"
                            "   OR EXISTS (SELECT 1 FROM courses) THEN 3"
                            " ELSE 0 END",
                            error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  holds = found ? pd_statement_get_int (stmt, 0) : 0;

  if (holds == 1)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                         _("the database already has members; demo data goes only into an "
                           "empty database"));
  else if (holds == 2)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                         _("the database already has groups or visits; demo data goes only "
                           "into an empty database"));
  else if (holds == 3)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                         _("the database already has volunteers or training courses; demo data "
                           "goes only into an empty database"));
  return holds == 0;
}

/* Enough cache for the index of attendance by member to be sorted in
 * memory when it is built again, rather than in temporary files. A
 * server keeps its indexes and its cache to itself. */
static void
set_cache_size (PdDatabase *db,
                const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (pd_database_is_shared (db))
    return;
  if (!pd_database_exec (db, sql, &error))
    g_warning ("Could not change the cache size of the database: %s", error->message);
}

/**
 * pd_demo_fill:
 * @db: an empty database
 * @options: how many members, the seed that makes them and the years of history
 * @error: return location for a #GError
 *
 * As pd_demo_fill_full(), without the counts.
 *
 * Returns: %TRUE if the demo data was added
 */
gboolean
pd_demo_fill (PdDatabase           *db,
              const PdDemoOptions  *options,
              GError              **error)
{
  return pd_demo_fill_full (db, options, NULL, error);
}

/**
 * pd_demo_fill_full:
 * @db: an empty database
 * @options: how many members, the seed that makes them and the years of history
 * @counts: (out) (optional): what was made
 * @error: return location for a #GError
 *
 * Adds @options->n_members made-up members to @db in one transaction,
 * and, unless @options->n_years is 0, groups of every kind with
 * @options->n_years years of sessions up to today, their attendance and
 * headcounts, front-desk visits, and volunteers with their hours,
 * supervision, training and credentials. The same seed gives the same data on
 * the same day; dates are counted back from today. Demo data never mixes
 * with real records: a database that already has members, groups, visits,
 * volunteers or courses is refused and left as it was.
 *
 * Returns: %TRUE if the demo data was added
 */
gboolean
pd_demo_fill_full (PdDatabase           *db,
                   const PdDemoOptions  *options,
                   PdDemoCounts         *counts,
                   GError              **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  /* Freed before the transaction ends, so its clean-up is rolled back too. */
  g_autoptr(PdMembersWriter) writer = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autoptr(PdDemo) demo = NULL;
  PdDemoCounts made = { 0, };

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Made-up records are for a database nobody's records are in yet: only
   * a director may fill one once sign-in is on. */
  if (!pd_database_require (db, PD_RIGHTS_ALL, _("fill the database with demonstration records"),
                            error))
    return FALSE;
  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL || !check_empty (db, error))
    return FALSE;

  writer = pd_members_writer_new (db, error);
  if (writer == NULL)
    return FALSE;

  demo = pd_demo_new (options, error);
  if (demo == NULL)
    return FALSE;
  member = pd_member_new ();
  for (guint i = 0; i < options->n_members; i++)
    {
      pd_demo_member (demo, i, member);
      if (!pd_members_writer_add (writer, member, error))
        {
          g_prefix_error (error, _("demo member %u: "), i + 1);
          return FALSE;
        }
      demo->ids[i] = pd_member_get_id (member);
    }
  made.n_members = options->n_members;

  if (!pd_members_writer_finish (writer, error))
    return FALSE;
  g_clear_pointer (&writer, pd_members_writer_free);

  if (options->n_years > 0)
    {
      gboolean ok;

      set_cache_size (db, "PRAGMA cache_size = -1048576");
      ok = pd_demo_add_meetings (demo, db, options->seed, options->n_years, &made, error) &&
           pd_demo_add_volunteers (demo, db, options->seed, options->n_years, &made, error);
      set_cache_size (db, "PRAGMA cache_size = " G_STRINGIFY (PD_DATABASE_CACHE_SIZE));
      if (!ok)
        return FALSE;
    }

  if (!pd_transaction_commit (transaction, error))
    return FALSE;

  if (made.n_members > 0)
    pd_database_notify_changed (db, "members");
  if (made.n_groups > 0)
    pd_database_notify_changed (db, "groups");
  if (made.n_sessions > 0)
    pd_database_notify_changed (db, "sessions");
  if (made.n_attendance > 0)
    pd_database_notify_changed (db, "attendance");
  if (made.n_visits > 0)
    pd_database_notify_changed (db, "visits");
  /* Hours and supervision are announced as the volunteers' own, and
   * courses, completions and credentials as training, as the core does. */
  if (made.n_volunteers > 0)
    pd_database_notify_changed (db, "volunteers");
  if (made.n_courses > 0)
    pd_database_notify_changed (db, "training");
  if (counts != NULL)
    *counts = made;
  return TRUE;
}
