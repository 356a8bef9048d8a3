/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd-member-list.h"
#include "pd-member-ranking.h"
#include "pd-staff.h"

/* Search latency per keystroke, measured in-process: the time from a new
 * query to the list having its count and the rows a window shows. */

#define VISIBLE_ROWS 30

typedef struct
{
  double ms;
  char *typed;
} Slow;

static void
slow_clear (gpointer data)
{
  g_free (((Slow *) data)->typed);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *times,
            double  p)
{
  guint index = (guint) (p * (times->len - 1) + 0.5);

  return g_array_index (times, double, index);
}

int
main (int   argc,
      char *argv[])
{
  /* Each word is typed a letter at a time, as at the front desk. */
  static const char *words[] = {
    "jose", "maria", "muller", "nguyen", "smith", "chukwuemeka", "yazzie", "sorensen",
    "priya", "haddad", "wei", "begay", "lefevre", "adebayo", "o'brien", "555 014",
    "M-000123", "4242", "kim", "ana",
  };
  g_autoptr(PdDatabase) database = NULL;
  g_autoptr(PdMemberList) list = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slowest = g_array_new (FALSE, TRUE, sizeof (Slow));
  PdMemberListRank rank = PD_MEMBER_LIST_RANK_NAME;
  guint rounds = 3;

  g_array_set_clear_func (slowest, slow_clear);

  /* --desk ranks as the front desk does: its recent visitors first. */
  if (argc > 1 && g_str_equal (argv[1], "--desk"))
    {
      rank = PD_MEMBER_LIST_RANK_DESK;
      argv++;
      argc--;
    }
  if (argc < 2)
    {
      g_printerr ("usage: bench-search [--desk] DATABASE [ROUNDS]\n");
      return 2;
    }
  if (argc > 2)
    rounds = atoi (argv[2]);

  database = pd_database_open (argv[1], &error);
  if (database == NULL)
    {
      g_printerr ("bench-search: %s\n", error->message);
      return 1;
    }
  /* With sign-in on, searches as PEERDESK_BENCH_STAFF, whose passphrase is
   * the first line of standard input, so the role checks are timed too. */
  if (g_getenv ("PEERDESK_BENCH_STAFF") != NULL)
    {
      char secret[256] = "";

      if (fgets (secret, sizeof secret, stdin) != NULL)
        secret[strcspn (secret, "\n")] = '\0';
      if (!pd_staff_sign_in (database, g_getenv ("PEERDESK_BENCH_STAFF"), secret, &error))
        {
          g_printerr ("bench-search: %s\n", error->message);
          return 1;
        }
      g_print ("signed in as %s\n", g_getenv ("PEERDESK_BENCH_STAFF"));
    }
  if (rank == PD_MEMBER_LIST_RANK_DESK)
    {
      /* Made on the first keystroke after a check-in, then kept. */
      gint64 start = g_get_monotonic_time ();
      g_autoptr(PdMemberRanking) ranking = pd_member_ranking_new_for_desk (database, NULL, NULL);

      g_print ("desk ranking: %u people in %.1f ms (cold)\n",
               ranking ? pd_member_ranking_get_size (ranking) : 0,
               (g_get_monotonic_time () - start) / 1000.0);
      start = g_get_monotonic_time ();
      g_clear_pointer (&ranking, pd_member_ranking_free);
      ranking = pd_member_ranking_new_for_desk (database, NULL, NULL);
      g_print ("desk ranking: %.1f ms (warm)\n", (g_get_monotonic_time () - start) / 1000.0);
    }
  list = rank == PD_MEMBER_LIST_RANK_DESK ? pd_member_list_new_for_desk (database)
                                          : pd_member_list_new (database);

  for (guint round = 0; round < rounds; round++)
    for (guint w = 0; w < G_N_ELEMENTS (words); w++)
      {
        pd_member_list_set_query (list, "");
        for (gsize len = 1; len <= strlen (words[w]); len++)
          {
            g_autofree char *typed = g_strndup (words[w], len);
            gint64 start = g_get_monotonic_time ();
            guint n;
            double ms;

            pd_member_list_set_query (list, typed);
            n = g_list_model_get_n_items (G_LIST_MODEL (list));
            for (guint i = 0; i < n && i < VISIBLE_ROWS; i++)
              g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
            ms = (g_get_monotonic_time () - start) / 1000.0;

            /* The first round warms the page cache, as a day's use does. */
            if (round > 0 || rounds == 1)
              {
                Slow slow = { ms, g_strdup (typed) };

                g_array_append_val (times, ms);
                g_array_append_val (slowest, slow);
              }
          }
      }

  g_array_sort (times, compare_doubles);
  g_array_sort (slowest, compare_doubles);
  g_print ("slowest:");
  for (guint i = slowest->len; i > 0 && i + 8 > slowest->len; i--)
    g_print (" \"%s\" %.1f ms", g_array_index (slowest, Slow, i - 1).typed,
             g_array_index (slowest, Slow, i - 1).ms);
  g_print ("\n");
  g_print ("search keystrokes %u p50 %.2f ms p95 %.2f ms max %.2f ms\n", times->len,
           percentile (times, 0.50), percentile (times, 0.95),
           g_array_index (times, double, times->len - 1));
  return 0;
}
