/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "pd-audit.h"
#include "pd-database.h"
#include "pd-staff.h"
#include "pd-statement.h"

/* The audit trail's list at scale:
 *
 *   tests/bench/bench-audit DB [ENTRIES]
 *
 * on a copy of a database without staff accounts (it writes to it), with
 * members (peerdesk-cli demo). First adds entries until the trail holds
 * ENTRIES (default 1,000,000): one a minute back from now, seven names,
 * mostly notes opened and members changed, an export every thousandth,
 * each about one of the first 2,000 members. Then times a page of the list
 * for each filter, the best of five, and the tenth page of each. */

#define RUNS 5

static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-audit: %s: %s\n", what, error->message);
  exit (1);
}

static gint64
count_entries (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = pd_database_query (db, "SELECT max(id) FROM audit", &error);
  gboolean found = FALSE;

  if (stmt == NULL || !pd_statement_fetch (stmt, &found, &error))
    fail ("counting the entries", error);
  return pd_statement_get_int64 (stmt, 0);
}

static void
fill (PdDatabase *db,
      gint64      wanted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTransaction) tx = NULL;
  g_autofree char *sql = NULL;
  gint64 have = count_entries (db);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (have >= wanted)
    return;
  tx = pd_database_begin_transaction (db, &error);
  if (tx == NULL)
    fail ("adding entries", error);
  /* Numbers only, made here. */
  sql = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %" G_GINT64_FORMAT ")"
    " INSERT INTO audit (at, staff, os_user, kind, member_id, detail, count)"
    " SELECT %" G_GINT64_FORMAT " - (%" G_GINT64_FORMAT " - i) * 60,"
    " CASE i %% 7 WHEN 0 THEN 'Dee' WHEN 1 THEN 'Ana' WHEN 2 THEN 'Bob' WHEN 3 THEN 'Cam'"
    " WHEN 4 THEN 'Fay' WHEN 5 THEN 'Gus' ELSE 'Hal' END, '',"
    " CASE WHEN i %% 1000 = 0 THEN 'export' WHEN i %% 3 = 0 THEN 'member-changed'"
    " ELSE 'notes-opened' END,"
    " CASE WHEN i %% 1000 = 0 THEN NULL ELSE 1 + (i * 7919) %% 2000 END, '', -1 FROM n",
    wanted - have, now, wanted - have);
  if (!pd_database_exec (db, sql, &error) || !pd_transaction_commit (tx, &error))
    fail ("adding entries", error);
}

/* The best time of RUNS, in milliseconds, of the page after @pages pages. */
static double
time_query (PdDatabase   *db,
            PdAuditQuery *query,
            guint         pages,
            guint        *n_entries)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      query->before_id = 0;
      for (guint page = 0; page <= pages; page++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) entries = pd_audit_list (db, query, &error);

          if (entries == NULL)
            fail ("listing", error);
          *n_entries = entries->len;
          if (entries->len == 0)
            break;
          query->before_id = ((PdAuditEntry *) entries->pdata[entries->len - 1])->id;
        }
      best = MIN (best, (g_get_monotonic_time () - start) / 1000.0);
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdPeriod) month = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -200);
  g_autofree char *first = g_date_time_format (earlier, "%Y-%m-01");
  g_autofree char *last = NULL;
  g_autoptr(GDateTime) month_end = NULL;
  gint64 wanted = argc > 2 ? g_ascii_strtoll (argv[2], NULL, 10) : 1000000;
  struct {
    const char *name;
    PdAuditQuery query;
  } cases[] = {
    { "everything", PD_AUDIT_QUERY_INIT },
    { "one staff member", PD_AUDIT_QUERY_INIT },
    { "one member", PD_AUDIT_QUERY_INIT },
    { "exports", PD_AUDIT_QUERY_INIT },
    { "a month", PD_AUDIT_QUERY_INIT },
    { "one staff member in a month", PD_AUDIT_QUERY_INIT },
    { "one staff member's exports", PD_AUDIT_QUERY_INIT },
    { "restores (none)", PD_AUDIT_QUERY_INIT },
  };

  if (argc < 2 || wanted < 1)
    {
      g_printerr ("usage: bench-audit DB [ENTRIES]\n");
      return 2;
    }
  db = pd_database_open (argv[1], &error);
  if (db == NULL)
    fail (argv[1], error);
  if (pd_staff_sign_in_enabled (db))
    {
      g_printerr ("bench-audit: use a database without staff accounts\n");
      return 2;
    }

  {
    g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (earlier),
                                                        g_date_time_get_month (earlier), 1,
                                                        0, 0, 0);
    g_autoptr(GDateTime) next = g_date_time_add_months (start, 1);

    month_end = g_date_time_add_days (next, -1);
    last = g_date_time_format (month_end, "%Y-%m-%d");
  }
  month = pd_period_new_from_iso (first, last, &error);
  if (month == NULL)
    fail ("the period", error);

  fill (db, wanted);
  g_print ("%" G_GINT64_FORMAT " entries\n", count_entries (db));

  cases[1].query.staff = "Dee";
  cases[2].query.member_number = "M-000005";
  cases[3].query.kind = PD_AUDIT_EXPORT;
  cases[4].query.period = month;
  cases[5].query.staff = "Dee";
  cases[5].query.period = month;
  cases[6].query.staff = "Dee";
  cases[6].query.kind = PD_AUDIT_EXPORT;
  cases[7].query.kind = PD_AUDIT_RESTORE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n_first = 0, n_tenth = 0;
      double first_ms = time_query (db, &cases[i].query, 0, &n_first);
      double tenth_ms = time_query (db, &cases[i].query, 9, &n_tenth);

      g_print ("%-30s first page %7.2f ms (%u entries), ten pages %7.2f ms\n",
               cases[i].name, first_ms, n_first, tenth_ms);
    }
  return 0;
}
