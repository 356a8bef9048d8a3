/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"
#include "pd-training-private.h"
#include "pd-volunteers.h"

/* Where a volunteer stands against a credential's template: the hours
 * counted in the cycle measured, and a sentence of what is missing. */

static void
progress_item_free (PdProgressItem *item)
{
  g_free (item->requirement);
  g_free (item->label);
  g_free (item);
}

void
pd_progress_free (PdProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->from);
  g_free (progress->to);
  g_free (progress->deadline);
  g_clear_pointer (&progress->items, g_ptr_array_unref);
  g_free (progress->missing);
  g_free (progress);
}

/* The number that chooses a plural form for @quarters hours: a fraction
 * of an hour reads as a plural in English ("0.5 more hours"), as 2 does. */
static gulong
plural_count (guint quarters)
{
  return quarters % 4 == 0 ? quarters / 4 : 2;
}

/* Progress */

typedef struct
{
  guint       total;
  GHashTable *domains;           /* code → guint quarters */
} TrainingCount;

static void
add_quarters (GHashTable *table,
              const char *code,
              guint       quarters)
{
  gpointer old = g_hash_table_lookup (table, code);

  g_hash_table_insert (table, g_strdup (code),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + quarters));
}

typedef struct
{
  gint64 course_id;
  guint  quarters;
} Credited;

/* Sums @volunteer_id's completions dated from @from to @to into @count. */
static gboolean
count_training (PdDatabase     *db,
                gint64          volunteer_id,
                const char     *from,
                const char     *to,
                gboolean        split,
                TrainingCount  *count,
                GError        **error)
{
  g_autoptr(GArray) credited = g_array_new (FALSE, FALSE, sizeof (Credited));
  g_autoptr(GHashTable) course_domains =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_strfreev);
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db,
                            "SELECT course_id, quarter_hours FROM completions"
                            " WHERE volunteer_id = :volunteer_id AND date >= :from AND date <= :to",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  pd_statement_bind_text (stmt, "from", from);
  pd_statement_bind_text (stmt, "to", to);
  while (pd_statement_next (stmt))
    {
      Credited row = { pd_statement_get_int64 (stmt, 0), pd_statement_get_int (stmt, 1) };

      g_array_append_val (credited, row);
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  for (guint i = 0; i < credited->len; i++)
    {
      const Credited *row = &g_array_index (credited, Credited, i);
      GStrv domains = g_hash_table_lookup (course_domains, &row->course_id);
      guint n;

      if (domains == NULL)
        {
          domains = pd_training_course_domains (db, row->course_id, error);
          if (domains == NULL)
            return FALSE;
          g_hash_table_insert (course_domains, g_memdup2 (&row->course_id, sizeof (gint64)),
                               domains);
        }

      count->total += row->quarters;
      n = g_strv_length (domains);
      for (guint j = 0; j < n; j++)
        {
          guint share = row->quarters;

          if (split)
            share = row->quarters / n + (j < row->quarters % n ? 1 : 0);
          if (share > 0)
            add_quarters (count->domains, domains[j], share);
        }
    }
  return TRUE;
}

/* One sum of quarters, or minutes, of @sql for a volunteer and dates,
 * bound as :volunteer_id, :from and :to. */
static gboolean
sum_between (PdDatabase  *db,
             const char  *sql,
             gint64       volunteer_id,
             const char  *from,
             const char  *to,
             guint64     *sum,
             GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  pd_statement_bind_text (stmt, "from", from);
  pd_statement_bind_text (stmt, "to", to);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  *sum = found ? (guint64) pd_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

static void
add_item (PdProgress *progress,
          const char *requirement,
          const char *label,
          guint       needed,
          guint       earned)
{
  PdProgressItem *item = g_new0 (PdProgressItem, 1);

  item->requirement = g_strdup (requirement);
  item->label = g_strdup (label);
  item->needed_quarters = needed;
  item->earned_quarters = earned;
  g_ptr_array_add (progress->items, item);
}

/* "a", "a and b", "a, b and c". */
static char *
join_phrases (GPtrArray *phrases)
{
  g_autofree char *joined = NULL;

  g_assert (phrases->len > 0);

  joined = g_strdup (g_ptr_array_index (phrases, 0));
  for (guint i = 1; i < phrases->len; i++)
    {
      char *longer;

      if (i + 1 < phrases->len)
        /* Translators: joins the phrases of a list, as in "4 more ethics
         * hours, 120 more practice hours and 1 more supervised hour". */
        longer = g_strdup_printf (_("%s, %s"), joined, (char *) g_ptr_array_index (phrases, i));
      else
        /* Translators: joins the last phrase of a list. */
        longer = g_strdup_printf (_("%s and %s"), joined, (char *) g_ptr_array_index (phrases, i));
      g_free (joined);
      joined = longer;
    }
  return g_steal_pointer (&joined);
}

static gboolean
item_is_domain (const PdProgressItem *item)
{
  return !g_str_equal (item->requirement, "total") &&
         !g_str_equal (item->requirement, "practice") &&
         !g_str_equal (item->requirement, "supervised");
}

/* The sentence of what is still missing, NULL when nothing is. Domains
 * come first; the total then only asks for what meeting them leaves,
 * which is exact when a course's hours are split and assumes a course
 * for each domain when they are counted in full. */
static char *
describe_missing (PdProgress *progress)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint domains_short = 0, total_short = 0;

  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);
      g_autofree char *hours = NULL;
      g_autofree char *label = NULL;
      guint short_by;

      if (item->earned_quarters >= item->needed_quarters)
        continue;
      short_by = item->needed_quarters - item->earned_quarters;
      if (g_str_equal (item->requirement, "total"))
        {
          total_short = short_by;
          continue;
        }
      if (!item_is_domain (item))
        continue;
      domains_short += short_by;
      hours = pd_hours_format (short_by);
      label = g_utf8_strdown (item->label, -1);
      g_ptr_array_add (phrases,
                       /* Translators: "4 more ethics hours"; the second %s is
                        * a training domain, in lower case. */
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more %s hour",
                                                     "%s more %s hours", plural_count (short_by)),
                                        hours, label));
    }

  if (total_short > domains_short)
    {
      guint short_by = total_short - domains_short;
      g_autofree char *hours = pd_hours_format (short_by);

      if (domains_short == 0)
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more training hour",
                                                       "%s more training hours",
                                                       plural_count (short_by)),
                                          hours));
      else
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       /* Translators: training hours still
                                                        * missing beyond each domain's. */
                                                       "%s more training hour of any kind",
                                                       "%s more training hours of any kind",
                                                       plural_count (short_by)),
                                          hours));
    }

  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);
      g_autofree char *hours = NULL;
      guint short_by;

      if (item->earned_quarters >= item->needed_quarters)
        continue;
      short_by = item->needed_quarters - item->earned_quarters;
      hours = pd_hours_format (short_by);
      if (g_str_equal (item->requirement, "practice"))
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more practice hour",
                                                       "%s more practice hours",
                                                       plural_count (short_by)),
                                          hours));
      else if (g_str_equal (item->requirement, "supervised"))
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more supervised hour",
                                                       "%s more supervised hours",
                                                       plural_count (short_by)),
                                          hours));
    }

  if (phrases->len == 0)
    return NULL;
  joined = join_phrases (phrases);
  if (progress->deadline == NULL)
    return g_steal_pointer (&joined);
  /* Translators: "4 more ethics hours by 2027-03-31". */
  return g_strdup_printf (_("%s by %s"), joined, progress->deadline);
}

/* Adds an item for each domain of @requirements, in the domains' order. */
static gboolean
add_domain_items (PdDatabase           *db,
                  PdProgress           *progress,
                  const PdRequirements *requirements,
                  GHashTable           *earned,
                  GError              **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) codes = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  /* Archived domains too: a template may still ask for one. */
  stmt = pd_database_query (db, "SELECT code, label FROM training_domains ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      const char *code = pd_statement_get_text (stmt, 0);
      gpointer needed;

      if (!g_hash_table_lookup_extended (requirements->domain_quarters, code, NULL, &needed))
        continue;
      add_item (progress, code, pd_statement_get_text (stmt, 1), GPOINTER_TO_UINT (needed),
                GPOINTER_TO_UINT (g_hash_table_lookup (earned, code)));
      g_hash_table_add (done, g_strdup (code));
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  /* A domain the database lacks is still measured, under its code. */
  codes = g_hash_table_get_keys (requirements->domain_quarters);
  codes = g_list_sort (codes, (GCompareFunc) strcmp);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      const char *code = l->data;

      if (g_hash_table_contains (done, code))
        continue;
      add_item (progress, code, code,
                GPOINTER_TO_UINT (g_hash_table_lookup (requirements->domain_quarters, code)),
                GPOINTER_TO_UINT (g_hash_table_lookup (earned, code)));
    }
  return TRUE;
}

PdProgress *
pd_credential_progress (PdDatabase                 *db,
                        const PdCredential         *credential,
                        const PdCredentialTemplate *template,
                        const char                 *today,
                        GError                    **error)
{
  g_autoptr(PdProgress) progress = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GHashTable) earned = NULL;
  const PdRequirements *requirements;
  TrainingCount count = { 0, NULL };
  const char *issued, *expiry;
  GDate parsed;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (credential != NULL, NULL);
  g_return_val_if_fail (template != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see credentials"), error))
    return NULL;

  day = today ? g_strdup (today) : pd_date_today ();
  if (!pd_date_parse (day, &parsed))
    {
      g_autofree char *excerpt = pd_text_excerpt (day, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   excerpt);
      return NULL;
    }
  issued = credential->issued_date ? credential->issued_date : "";
  expiry = credential->expiry_date ? credential->expiry_date : "";
  if (!pd_training_check_date (_("Issued"), issued, TRUE, error) ||
      !pd_training_check_date (_("Expires"), expiry, TRUE, error))
    return NULL;

  progress = g_new0 (PdProgress, 1);
  progress->items = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_item_free);

  if (*issued == '\0')
    {
      requirements = &template->initial;
      progress->renewal = FALSE;
      progress->from = NULL;
      progress->to = g_steal_pointer (&day);
      progress->deadline = *expiry != '\0' ? g_strdup (expiry) : NULL;
    }
  else
    {
      guint months = credential->renewal_cycle_months ? credential->renewal_cycle_months
                                                      : template->renewal_cycle_months;
      g_autofree char *start = NULL;

      requirements = &template->renewal;
      progress->renewal = TRUE;
      progress->to = *expiry != '\0' ? g_strdup (expiry) : pd_date_add_months (issued, months);
      start = pd_date_add_months (progress->to, -(int) months);
      /* Hours before the credential was issued earned it; they do not
       * renew it. */
      progress->from = g_strdup (start != NULL && strcmp (start, issued) > 0 ? start : issued);
      progress->deadline = g_strdup (progress->to);
    }
  if (progress->to == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Expires: the credential’s renewal cannot be worked out"));
      return NULL;
    }

  earned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count.domains = earned;
  if (!count_training (db, credential->volunteer_id, progress->from ? progress->from : "",
                       progress->to, template->split_multi_domain, &count, error))
    return NULL;

  add_item (progress, "total", _("Training hours"), requirements->total_quarters, count.total);
  if (!add_domain_items (db, progress, requirements, earned, error))
    return NULL;
  if (requirements->practice_quarters > 0)
    {
      guint64 quarters;

      if (!sum_between (db,
                        "SELECT coalesce (sum (quarter_hours), 0) FROM hours"
                        " WHERE volunteer_id = :volunteer_id AND date >= :from AND date <= :to",
                        credential->volunteer_id, progress->from ? progress->from : "",
                        progress->to, &quarters, error))
        return NULL;
      add_item (progress, "practice", _("Practice hours"), requirements->practice_quarters,
                (guint) MIN (quarters, G_MAXUINT));
    }
  if (requirements->supervised_quarters > 0)
    {
      guint64 minutes;

      if (!sum_between (db,
                        "SELECT coalesce (sum (minutes), 0) FROM supervision"
                        " WHERE volunteer_id = :volunteer_id AND date >= :from AND date <= :to",
                        credential->volunteer_id, progress->from ? progress->from : "",
                        progress->to, &minutes, error))
        return NULL;
      add_item (progress, "supervised", _("Supervised hours"), requirements->supervised_quarters,
                (guint) MIN (minutes / 15, G_MAXUINT));
    }

  progress->missing = describe_missing (progress);
  return g_steal_pointer (&progress);
}
