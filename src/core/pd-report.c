/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-member.h"
#include "pd-report-private.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"

/* The age bands, in the order of the schema; BAND() gives the band of an
 * age in whole years in SQL. */
static const PdCode age_bands[] = {
  { "under_18", N_("Under 18") },
  { "18_24", N_("18 to 24") },
  { "25_34", N_("25 to 34") },
  { "35_44", N_("35 to 44") },
  { "45_54", N_("45 to 54") },
  { "55_64", N_("55 to 64") },
  { "65_and_over", N_("65 and over") },
  { "unknown", N_("Unknown") },
  { NULL, NULL }
};

#define BAND(age) \
  "CASE WHEN " age " < 0 THEN 'unknown' WHEN " age " < 18 THEN 'under_18'" \
  " WHEN " age " < 25 THEN '18_24' WHEN " age " < 35 THEN '25_34'" \
  " WHEN " age " < 45 THEN '35_44' WHEN " age " < 55 THEN '45_54'" \
  " WHEN " age " < 65 THEN '55_64' ELSE '65_and_over' END"

/* Everyone who visited or attended a meeting in the period, once each,
 * counted by consent and their answers. A birth date given as a year or a
 * month only gives the earliest and latest birthday it allows; a person is
 * in an age band when both fall in it. The last day of a month is worked
 * out from the month and the leap years, in SQL both engines read alike. */
static const char people_sql[] =
  "WITH people (member_id) AS ("
  "  SELECT member_id FROM visits"
  "   WHERE visited_at >= :start AND visited_at < :end_excl AND member_id IS NOT NULL"
  "  UNION"
  "  SELECT a.member_id FROM sessions AS s JOIN attendance AS a ON a.session_id = s.id"
  "   WHERE s.starts_at >= :start AND s.starts_at < :held_until AND s.cancelled = 0),"
  " births AS ("
  "  SELECT m.report_consent AS consent, m.birth_date AS bd, m.gender AS gender, m.race AS race,"
  "   m.ethnicity AS ethnicity, m.veteran AS veteran, m.housing AS housing, m.justice AS justice,"
  "   CASE WHEN m.birth_date = '' THEN 0"
  "    ELSE CAST (substr (m.birth_date, 1, 4) AS INTEGER) END AS born,"
  "   substr (m.birth_date, 6, 2) AS born_month"
  "  FROM people JOIN members AS m ON m.id = people.member_id),"
  " birthdays AS ("
  "  SELECT *, CAST (substr (:end, 1, 4) AS INTEGER) - born AS years,"
  "   CASE length (bd) WHEN 10 THEN substr (bd, 6, 5)"
  "    WHEN 7 THEN born_month || '-01' ELSE '01-01' END AS earliest,"
  "   CASE length (bd) WHEN 10 THEN substr (bd, 6, 5)"
  "    WHEN 7 THEN born_month || CASE"
  "     WHEN born_month IN ('04', '06', '09', '11') THEN '-30'"
  "     WHEN born_month <> '02' THEN '-31'"
  "     WHEN born % 4 = 0 AND (born % 100 <> 0 OR born % 400 = 0) THEN '-29'"
  "     ELSE '-28' END"
  "    ELSE '12-31' END AS latest"
  "  FROM births),"
  " ages AS ("
  "  SELECT *, years - CASE WHEN earliest > substr (:end, 6, 5) THEN 1 ELSE 0 END AS oldest,"
  "   years - CASE WHEN latest > substr (:end, 6, 5) THEN 1 ELSE 0 END AS youngest"
  "  FROM birthdays)"
  " SELECT consent,"
  "  CASE WHEN bd = '' THEN 'unknown'"
  "   WHEN (" BAND ("oldest") ") = (" BAND ("youngest") ") THEN " BAND ("oldest")
  "   ELSE 'unknown' END,"
  "  CASE WHEN gender LIKE '%;%' THEN 'multiple' ELSE gender END,"
  "  CASE WHEN race LIKE '%;%' THEN 'multiple' ELSE race END,"
  "  ethnicity, veteran, housing, justice, count (*)"
  " FROM ages GROUP BY 1, 2, 3, 4, 5, 6, 7, 8";

static const char new_members_sql[] =
  "SELECT count (*) FROM members"
  " WHERE joined_date >= :start AND joined_date <= :end AND report_consent = 1";

/* Members who did not consent, few and in their own index, are set aside
 * without reading a member row for every visit or attendance. SQLite is
 * told which index; PostgreSQL's planner hashes the few ids by itself. */
#define CONSENTING(column, hint) \
  column " NOT IN (SELECT id FROM members " hint " WHERE report_consent = 0)"
#define SQLITE_HINT "INDEXED BY members_without_consent"
#define POSTGRESQL_HINT ""

/* The SQL of a query as each engine has it: the same text twice where
 * both accept it. */
typedef struct
{
  const char *sqlite;
  const char *postgresql;
} Query;

#define SHARED(sql) { sql, sql }

#define VISITS_SQL(hint) \
  "SELECT purpose_id, member_id IS NULL, count (*) FROM visits" \
  " WHERE visited_at >= :start AND visited_at < :end_excl" \
  "  AND (member_id IS NULL OR " CONSENTING ("member_id", hint) ")" \
  " GROUP BY 1, 2"

static const char purposes_sql[] =
  "SELECT id, label, archived FROM visit_purposes ORDER BY position, id";

/* Sums are coalesced: an empty period sums to NULL, and SQLite's total(),
 * which gives 0.0 instead, is SQLite's own. */
static const char sessions_sql[] =
  "SELECT g.kind, count (*), coalesce (sum (s.headcount), 0)"
  " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
  " WHERE s.starts_at >= :start AND s.starts_at < :held_until AND s.cancelled = 0"
  " GROUP BY g.kind";

#define ATTENDANCE_SQL(hint) \
  "SELECT count (*), count (DISTINCT a.member_id)" \
  " FROM sessions AS s JOIN attendance AS a ON a.session_id = s.id" \
  " WHERE s.starts_at >= :start AND s.starts_at < :held_until AND s.cancelled = 0" \
  "  AND " CONSENTING ("a.member_id", hint)

static const char volunteers_sql[] =
  "SELECT count (DISTINCT volunteer_id), coalesce (sum (quarter_hours), 0) FROM hours"
  " WHERE date >= :start AND date <= :end";

/* Activities in the order of their names regardless of (ASCII) case, as
 * SQLite's NOCASE had them; lower() folds the same letters on both
 * engines, and the name itself settles a tie. */
static const char activities_sql[] =
  "SELECT activity, sum (quarter_hours) FROM hours"
  " WHERE date >= :start AND date <= :end"
  " GROUP BY activity ORDER BY lower (activity), activity";

static const char supervision_sql[] =
  "SELECT coalesce (sum (minutes), 0) FROM supervision WHERE date >= :start AND date <= :end";

static const char training_sql[] =
  "SELECT count (*), coalesce (sum (quarter_hours), 0) FROM completions"
  " WHERE date >= :start AND date <= :end";

static const char domains_sql[] =
  "SELECT d.code, d.label, d.archived,"
  "  (SELECT coalesce (sum (c.quarter_hours), 0) FROM completions AS c"
  "    JOIN course_domains AS cd ON cd.course_id = c.course_id"
  "   WHERE cd.domain_id = d.id AND c.date >= :start AND c.date <= :end)"
  " FROM training_domains AS d ORDER BY d.position, d.id";

static const char credentials_sql[] =
  "SELECT count (*) FILTER (WHERE expiry_date = '' OR expiry_date >= :end),"
  "  count (*) FILTER (WHERE expiry_date <> '' AND expiry_date >= :end"
  "   AND expiry_date <= :window_end),"
  "  count (*) FILTER (WHERE expiry_date <> '' AND expiry_date < :end)"
  " FROM credentials WHERE issued_date <> '' AND issued_date <= :end";

static const Query people_query = SHARED (people_sql);
static const Query new_members_query = SHARED (new_members_sql);
static const Query visits_query = { VISITS_SQL (SQLITE_HINT), VISITS_SQL (POSTGRESQL_HINT) };
static const Query sessions_query = SHARED (sessions_sql);
static const Query attendance_query = { ATTENDANCE_SQL (SQLITE_HINT),
                                        ATTENDANCE_SQL (POSTGRESQL_HINT) };
static const Query volunteers_query = SHARED (volunteers_sql);
static const Query activities_query = SHARED (activities_sql);
static const Query supervision_query = SHARED (supervision_sql);
static const Query training_query = SHARED (training_sql);
static const Query domains_query = SHARED (domains_sql);
static const Query credentials_query = SHARED (credentials_sql);

static const Query *const report_queries[] = {
  &people_query, &new_members_query, &visits_query, &sessions_query, &attendance_query,
  &volunteers_query, &activities_query, &supervision_query, &training_query, &domains_query,
  &credentials_query,
};

/* The text of @query that @db's engine runs. */
static const char *
query_text (PdDatabase  *db,
            const Query *query)
{
  return pd_database_is_shared (db) ? query->postgresql : query->sqlite;
}

/* The bounds every query binds by name. Times of visits and sessions are
 * local "YYYY-MM-DDTHH:MM", dates "YYYY-MM-DD"; both compare as text. */
typedef struct
{
  char *start;        /* first day */
  char *end;          /* last day */
  char *end_excl;     /* the day after */
  char *held_until;   /* sessions that started before this have been held */
  char *window_end;   /* the last day a credential counts as expiring */
} Bounds;

static void
bounds_clear (Bounds *bounds)
{
  g_free (bounds->start);
  g_free (bounds->end);
  g_free (bounds->end_excl);
  g_free (bounds->held_until);
  g_free (bounds->window_end);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bounds, bounds_clear)


static gboolean
bounds_init (Bounds         *bounds,
             const PdPeriod *period,
             GDateTime      *now,
             guint           window_days,
             GError        **error)
{
  GDate day;
  g_autofree char *now_text = NULL;

  if (g_date_compare (&period->first, &period->last) > 0)
    {
      g_autofree char *first = pd_date_to_iso (&period->first);
      g_autofree char *last = pd_date_to_iso (&period->last);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The period ends (%s) before it starts (%s)"), last, first);
      return FALSE;
    }

  bounds->start = pd_date_to_iso (&period->first);
  bounds->end = pd_date_to_iso (&period->last);
  day = period->last;
  g_date_add_days (&day, 1);
  bounds->end_excl = pd_date_to_iso (&day);
  day = period->last;
  g_date_add_days (&day, window_days);
  bounds->window_end = pd_date_to_iso (&day);

  /* A session is held once it has started; later ones in the period are
   * still to come. */
  now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M");
  bounds->held_until = g_strdup (strcmp (now_text, bounds->end_excl) < 0 ? now_text
                                                                         : bounds->end_excl);
  return TRUE;
}

/* Whether @sql names the parameter @name (without its colon). */
static gboolean
has_parameter (const char *sql,
               const char *name)
{
  gsize len = strlen (name);

  for (const char *p = strchr (sql, ':'); p != NULL; p = strchr (p + 1, ':'))
    if (strncmp (p + 1, name, len) == 0 && !g_ascii_isalnum (p[len + 1]) && p[len + 1] != '_')
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char *name;
  const char *value;
} Parameter;

static void
bounds_parameters (const Bounds *bounds,
                   Parameter     params[5])
{
  params[0] = (Parameter) { "start", bounds->start };
  params[1] = (Parameter) { "end", bounds->end };
  params[2] = (Parameter) { "end_excl", bounds->end_excl };
  params[3] = (Parameter) { "held_until", bounds->held_until };
  params[4] = (Parameter) { "window_end", bounds->window_end };
}

/* Each query binds those of the bounds it names. */
static PdStatement *
query_bound (PdDatabase   *db,
             const Query  *query,
             const Bounds *bounds,
             GError      **error)
{
  PdStatement *stmt = pd_database_query_dialect (db, query->sqlite, query->postgresql, error);
  const char *sql = query_text (db, query);
  Parameter params[5];

  if (stmt == NULL)
    return NULL;
  bounds_parameters (bounds, params);
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    if (has_parameter (sql, params[i].name))
      pd_statement_bind_text (stmt, params[i].name, params[i].value);
  return stmt;
}

/* Runs a query of one row and stores its columns, in order, in the
 * gint64s given after @error, a NULL ending the list. Sums are read as
 * numbers, as PostgreSQL gives a sum of integers as a numeric. */
static gboolean
query_row (PdDatabase   *db,
           const Query  *query,
           const Bounds *bounds,
           GError      **error,
           ...)
{
  g_autoptr(PdStatement) stmt = query_bound (db, query, bounds, error);
  gboolean found;
  gint64 *value;
  va_list args;
  int column = 0;

  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  va_start (args, error);
  while ((value = va_arg (args, gint64 *)) != NULL)
    *value = found ? (gint64) pd_statement_get_double (stmt, column++) : 0;
  va_end (args);
  return pd_statement_finish (stmt, error);
}


/* Tables */

static void
cell_clear (gpointer data)
{
  PdReportCell *cell = data;

  g_free (cell->code);
  g_free (cell->label);
}

static void
amount_clear (gpointer data)
{
  PdReportAmount *amount = data;

  g_free (amount->code);
  g_free (amount->label);
}

static GArray *
amounts_new (void)
{
  GArray *amounts = g_array_new (FALSE, TRUE, sizeof (PdReportAmount));

  g_array_set_clear_func (amounts, amount_clear);
  return amounts;
}

static void
table_init (PdReportTable *table,
            const char    *element,
            const char    *title,
            PdReportCount *total)
{
  table->element = element;
  table->title = title;
  table->cells = g_array_new (FALSE, TRUE, sizeof (PdReportCell));
  g_array_set_clear_func (table->cells, cell_clear);
  table->total = total;
}

static void
table_add (PdReportTable *table,
           const char    *code,
           const char    *label)
{
  PdReportCell cell = { g_strdup (code), g_strdup (label), { 0, FALSE } };

  g_array_append_val (table->cells, cell);
}

static void
table_add_codes (PdReportTable *table,
                 const PdCode  *codes)
{
  for (guint i = 0; codes[i].code != NULL; i++)
    table_add (table, codes[i].code, g_dgettext (GETTEXT_PACKAGE, codes[i].label));
}

static PdReportCell *
table_find (PdReportTable *table,
            const char    *code)
{
  for (guint i = 0; i < table->cells->len; i++)
    {
      PdReportCell *cell = &g_array_index (table->cells, PdReportCell, i);

      if (g_strcmp0 (cell->code, code) == 0)
        return cell;
    }
  return NULL;
}

/* A demographic table lists every answer of its field, with "multiple"
 * after the field's own answers for those that allow several. */
static void
demographic_init (PdReportTable *table,
                  const char    *element,
                  const char    *title,
                  PdMemberField  field,
                  PdReportCount *total)
{
  const PdFieldInfo *info = pd_member_field_info (field);

  table_init (table, element, title, total);
  for (guint i = 0; info->codes[i].code != NULL; i++)
    {
      if (info->kind == PD_FIELD_CODE_SET && pd_code_is_data_quality (info->codes[i].code)
          && table_find (table, "multiple") == NULL)
        table_add (table, "multiple", _("More than one"));
      table_add (table, info->codes[i].code, g_dgettext (GETTEXT_PACKAGE, info->codes[i].label));
    }
}

static void
report_init_tables (PdReport *report)
{
  static const struct { PdMemberField field; const char *element; const char *title; } fields[] = {
    [PD_REPORT_DEMOGRAPHIC_GENDER] = { PD_MEMBER_FIELD_GENDER, "gender", N_("Gender") },
    [PD_REPORT_DEMOGRAPHIC_RACE] = { PD_MEMBER_FIELD_RACE, "race", N_("Race") },
    [PD_REPORT_DEMOGRAPHIC_ETHNICITY] = { PD_MEMBER_FIELD_ETHNICITY, "ethnicity",
                                          N_("Ethnicity") },
    [PD_REPORT_DEMOGRAPHIC_VETERAN] = { PD_MEMBER_FIELD_VETERAN, "veteran",
                                        N_("Veteran status") },
    [PD_REPORT_DEMOGRAPHIC_HOUSING] = { PD_MEMBER_FIELD_HOUSING, "housing",
                                        N_("Housing status") },
    [PD_REPORT_DEMOGRAPHIC_JUSTICE] = { PD_MEMBER_FIELD_JUSTICE, "justice-involvement",
                                        N_("Justice involvement") },
  };

  table_init (&report->visits_by_visitor, "by-visitor", _("Visits by visitor"),
              &report->visits_total);
  table_add (&report->visits_by_visitor, "member", _("Members"));
  table_add (&report->visits_by_visitor, "anonymous", _("Anonymous"));
  table_init (&report->visits_by_purpose, "by-purpose", _("Visits by purpose"),
              &report->visits_total);

  table_init (&report->attendance, "attendance", _("Attendance"), &report->attendance_total);
  table_add (&report->attendance, "named", _("Named attendance"));
  table_add (&report->attendance, "anonymous_headcount", _("Anonymous headcount"));

  table_init (&report->demographics[PD_REPORT_DEMOGRAPHIC_AGE_BAND], "age-band",
              _("Age at the end of the period"), &report->served);
  table_add_codes (&report->demographics[PD_REPORT_DEMOGRAPHIC_AGE_BAND], age_bands);
  for (guint i = PD_REPORT_DEMOGRAPHIC_GENDER; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    demographic_init (&report->demographics[i], fields[i].element, _(fields[i].title),
                      fields[i].field, &report->served);

  report->sessions_by_kind = amounts_new ();
  report->hours_by_activity = amounts_new ();
  report->training_by_domain = amounts_new ();
}

void
pd_report_free (PdReport *report)
{
  if (report == NULL)
    return;

  g_free (report->organisation);
  g_free (report->site_id);
  g_free (report->grant_id);
  g_free (report->generated_at);
  g_clear_pointer (&report->visits_by_visitor.cells, g_array_unref);
  g_clear_pointer (&report->visits_by_purpose.cells, g_array_unref);
  g_clear_pointer (&report->attendance.cells, g_array_unref);
  for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
    g_clear_pointer (&report->demographics[i].cells, g_array_unref);
  g_clear_pointer (&report->sessions_by_kind, g_array_unref);
  g_clear_pointer (&report->hours_by_activity, g_array_unref);
  g_clear_pointer (&report->training_by_domain, g_array_unref);
  g_free (report);
}

/* Queries */

static void
add_demographic (PdReportTable *table,
                 const char    *code,
                 gint64         count)
{
  PdReportCell *cell = table_find (table, code);

  /* An answer the field no longer offers: the table must still add up. */
  if (cell == NULL)
    cell = table_find (table, "not_collected");
  if (cell == NULL)
    cell = table_find (table, "unknown");
  g_assert (cell != NULL);
  cell->count.value += count;
}

static gboolean
query_people (PdDatabase   *db,
              PdReport     *report,
              const Bounds *bounds,
              GError      **error)
{
  g_autoptr(PdStatement) stmt = query_bound (db, &people_query, bounds, error);

  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      gint64 count = pd_statement_get_int64 (stmt, 8);

      if (pd_statement_get_int (stmt, 0) == 0)
        {
          report->left_out.value += count;
          continue;
        }
      report->served.value += count;
      for (guint i = 0; i < PD_REPORT_N_DEMOGRAPHICS; i++)
        add_demographic (&report->demographics[i], pd_statement_get_text (stmt, (int) i + 1),
                         count);
    }
  return pd_statement_finish (stmt, error);
}

static gboolean
query_visits (PdDatabase   *db,
              PdReport     *report,
              const Bounds *bounds,
              GError      **error)
{
  g_autoptr(GHashTable) by_purpose = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(PdStatement) purposes = NULL;

  stmt = query_bound (db, &visits_query, bounds, error);
  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      gint64 purpose = pd_statement_get_int64 (stmt, 0);
      gboolean anonymous = pd_statement_get_boolean (stmt, 1);
      gint64 count = pd_statement_get_int64 (stmt, 2);
      gint64 *sum = g_hash_table_lookup (by_purpose, GINT_TO_POINTER ((int) purpose));

      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (by_purpose, GINT_TO_POINTER ((int) purpose), sum);
        }
      *sum += count;
      report->visits_total.value += count;
      g_array_index (report->visits_by_visitor.cells, PdReportCell, anonymous ? 1 : 0).count.value
        += count;
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  /* Every purpose in use, and archived ones only if they were used then. */
  purposes = pd_database_query (db, purposes_sql, error);
  if (purposes == NULL)
    return FALSE;
  while (pd_statement_next (purposes))
    {
      gint64 id = pd_statement_get_int64 (purposes, 0);
      gint64 *sum = g_hash_table_lookup (by_purpose, GINT_TO_POINTER ((int) id));
      const char *label = pd_statement_get_text (purposes, 1);

      if (sum == NULL && pd_statement_get_boolean (purposes, 2))
        continue;
      table_add (&report->visits_by_purpose, label, label);
      g_array_index (report->visits_by_purpose.cells, PdReportCell,
                     report->visits_by_purpose.cells->len - 1).count.value = sum ? *sum : 0;
    }
  return pd_statement_finish (purposes, error);
}

static gboolean
query_meetings (PdDatabase   *db,
                PdReport     *report,
                const Bounds *bounds,
                GError      **error)
{
  const PdCode *kinds = pd_group_kinds ();
  g_autoptr(PdStatement) stmt = NULL;
  gint64 headcount = 0;
  gint64 named;

  for (guint i = 0; kinds[i].code != NULL; i++)
    {
      PdReportAmount amount = { g_strdup (kinds[i].code),
                                g_strdup (g_dgettext (GETTEXT_PACKAGE, kinds[i].label)), 0 };

      g_array_append_val (report->sessions_by_kind, amount);
    }

  stmt = query_bound (db, &sessions_query, bounds, error);
  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      const char *kind = pd_statement_get_text (stmt, 0);

      for (guint i = 0; i < report->sessions_by_kind->len; i++)
        {
          PdReportAmount *amount = &g_array_index (report->sessions_by_kind, PdReportAmount, i);

          if (g_strcmp0 (amount->code, kind) == 0)
            amount->value += pd_statement_get_int64 (stmt, 1);
        }
      report->sessions_held += pd_statement_get_int64 (stmt, 1);
      headcount += (gint64) pd_statement_get_double (stmt, 2);
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  if (!query_row (db, &attendance_query, bounds, error, &named, &report->unique_attendees.value,
                  NULL))
    return FALSE;

  g_array_index (report->attendance.cells, PdReportCell, 0).count.value = named;
  g_array_index (report->attendance.cells, PdReportCell, 1).count.value = headcount;
  report->attendance_total.value = named + headcount;
  if (report->sessions_held > 0)
    report->mean_per_session = (double) report->attendance_total.value / report->sessions_held;
  return TRUE;
}

static gboolean
query_volunteers (PdDatabase   *db,
                  PdReport     *report,
                  const Bounds *bounds,
                  GError      **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  if (!query_row (db, &volunteers_query, bounds, error, &report->volunteers_active,
                  &report->volunteer_quarter_hours, NULL))
    return FALSE;

  stmt = query_bound (db, &activities_query, bounds, error);
  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      const char *activity = pd_statement_get_text (stmt, 0);
      PdReportAmount amount = { g_strdup (activity), g_strdup (activity),
                                (gint64) pd_statement_get_double (stmt, 1) };

      g_array_append_val (report->hours_by_activity, amount);
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  return query_row (db, &supervision_query, bounds, error, &report->supervision_minutes, NULL);
}

static gboolean
query_training (PdDatabase   *db,
                PdReport     *report,
                const Bounds *bounds,
                GError      **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  if (!query_row (db, &training_query, bounds, error, &report->trainings_completed,
                  &report->training_quarter_hours, NULL))
    return FALSE;

  stmt = query_bound (db, &domains_query, bounds, error);
  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      gint64 quarters = (gint64) pd_statement_get_double (stmt, 3);
      PdReportAmount amount;

      if (quarters == 0 && pd_statement_get_boolean (stmt, 2))
        continue;
      amount.code = pd_statement_dup_text (stmt, 0);
      amount.label = pd_statement_dup_text (stmt, 1);
      amount.value = quarters;
      g_array_append_val (report->training_by_domain, amount);
    }
  if (!pd_statement_finish (stmt, error))
    return FALSE;

  return query_row (db, &credentials_query, bounds, error, &report->credentials_active,
                    &report->credentials_expiring, &report->credentials_expired, NULL);
}

static gboolean
query_new_members (PdDatabase   *db,
                   PdReport     *report,
                   const Bounds *bounds,
                   GError      **error)
{
  return query_row (db, &new_members_query, bounds, error, &report->new_members.value, NULL);
}

static char *
dup_nonblank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

/* A read transaction, so that every figure is of the same moment. A
 * savepoint outside a transaction starts a deferred one: in WAL mode it
 * reads one snapshot without taking the write lock, so that a report
 * computed on one connection (the app computes it in a thread) never holds
 * up a check-in on another. Inside a caller's transaction it nests. It
 * only reads, and is rolled back.
 *
 * PostgreSQL takes no lock to begin one and refuses a savepoint outside a
 * transaction: there it is a transaction of its own, in @snapshot, rolled
 * back by read_end(), that reads one snapshot as SQLite's does (repeatable
 * read; by default each statement would read its own). Inside a caller's
 * transaction, which has read already, the level can no longer be set:
 * the savepoint then reads as the caller's transaction does. */
static gboolean
read_begin (PdDatabase     *db,
            PdTransaction **snapshot,
            GError        **error)
{
  g_autoptr(GError) level_error = NULL;

  if (!pd_database_is_shared (db))
    return pd_database_exec (db, "SAVEPOINT pd_report", error);

  *snapshot = pd_database_begin_transaction (db, error);
  if (*snapshot == NULL)
    return FALSE;
  if (pd_database_exec (db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                        &level_error))
    return TRUE;
  g_debug ("The report reads in its caller's transaction: %s", level_error->message);
  g_clear_pointer (snapshot, pd_transaction_free);
  *snapshot = pd_database_begin_transaction (db, error);
  return *snapshot != NULL;
}

static void
read_end (PdDatabase    *db,
          PdTransaction *snapshot)
{
  g_autoptr(GError) error = NULL;

  if (snapshot != NULL)
    {
      pd_transaction_free (snapshot);
      return;
    }
  /* An error that ends a transaction has ended this one already. */
  if (!pd_database_exec (db, "ROLLBACK TO pd_report; RELEASE pd_report", &error))
    g_debug ("The report's read transaction had ended: %s", error->message);
}

static PdReport *
build_report (PdDatabase             *db,
              const PdReportOptions  *options,
              GError                **error)
{
  g_autoptr(PdReport) report = NULL;
  g_auto(PdReportSettings) settings = { NULL };
  g_auto(Bounds) bounds = { NULL };
  g_autoptr(GDateTime) now = NULL;
  guint window_days;
  PdTransaction *snapshot = NULL;
  gboolean ok;
  gboolean spill = FALSE;

  if (!pd_report_settings_load (db, &settings, error))
    return NULL;

  now = options->now ? g_date_time_ref (options->now) : g_date_time_new_now_local ();
  window_days = options->renewal_window_days < 0 ? settings.renewal_window_days
                                                 : (guint) options->renewal_window_days;
  if (!bounds_init (&bounds, options->period, now, window_days, error))
    return NULL;

  report = g_new0 (PdReport, 1);
  report->organisation = dup_nonblank (options->organisation ? options->organisation
                                                             : settings.organisation);
  report->site_id = dup_nonblank (options->site_id ? options->site_id : settings.site_id);
  report->grant_id = dup_nonblank (options->grant_id ? options->grant_id : settings.grant_id);
  report->threshold = options->threshold ? options->threshold : settings.threshold;
  report->renewal_window_days = window_days;
  report->period = *options->period;
  report->generated_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  report_init_tables (report);

  if (report->organisation == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A report needs the name of the organisation: set it in Preferences, or with "
                     "“peerdesk-cli settings --organisation NAME”"));
      return NULL;
    }
  if (!pd_report_check_threshold (report->threshold, error))
    return NULL;

  /* The sorts and sets of a year's participants are spilled to a temporary
   * file beyond the page cache's size, rather than all held in memory as
   * the connection otherwise does; no temporary table outlives a statement,
   * so switching loses nothing. Inside a caller's transaction that has
   * used temporary storage it cannot be switched, and is left as it is.
   * A PostgreSQL server spills by its own work_mem. */
  if (!pd_database_is_shared (db))
    {
      g_autoptr(GError) spill_error = NULL;

      spill = pd_database_exec (db, "PRAGMA temp_store = FILE", &spill_error);
      if (!spill)
        g_debug ("The report keeps its temporary storage in memory: %s", spill_error->message);
    }
  ok = read_begin (db, &snapshot, error);
  if (ok)
    {
      ok = query_people (db, report, &bounds, error) &&
           query_new_members (db, report, &bounds, error) &&
           query_visits (db, report, &bounds, error) &&
           query_meetings (db, report, &bounds, error) &&
           query_volunteers (db, report, &bounds, error) &&
           query_training (db, report, &bounds, error);
      read_end (db, snapshot);
    }
  if (spill)
    pd_database_exec (db, "PRAGMA temp_store = MEMORY", NULL);
  if (!ok)
    return NULL;

  pd_report_suppress (report);
  return g_steal_pointer (&report);
}

/* The Reports section counts the figures again as the records change: the
 * same person looking at the same period, with nothing recorded since, is
 * one entry, not one a minute. */
static gboolean
is_recorded_last (PdDatabase  *db,
                  const char  *detail,
                  gboolean    *recorded,
                  GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  const PdStaff *staff = pd_database_get_staff (db);
  gboolean found;

  stmt = pd_database_query (db, "SELECT kind, staff, detail FROM audit ORDER BY id DESC LIMIT 1",
                            error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  *recorded = found &&
              g_strcmp0 (pd_statement_get_text (stmt, 0),
                         pd_audit_kind_to_string (PD_AUDIT_REPORT)) == 0 &&
              g_strcmp0 (pd_statement_get_text (stmt, 1), staff ? staff->name : "") == 0 &&
              g_strcmp0 (pd_statement_get_text (stmt, 2), detail) == 0;
  return TRUE;
}

/* The audit trail says which report, for which days, and how many people
 * it counts; never a figure of its own. */
static gboolean
add_report_entry (PdDatabase      *db,
                  const PdReport  *report,
                  PdAuditKind      audit_kind,
                  const char      *kind,
                  const char      *path,
                  GError         **error)
{
  g_autofree char *first = pd_date_to_iso (&report->period.first);
  g_autofree char *last = pd_date_to_iso (&report->period.last);
  g_autofree char *name = path ? g_path_get_basename (path) : NULL;
  g_autofree char *detail = NULL;
  gboolean recorded = FALSE;

  detail = name ? g_strdup_printf ("%s %s..%s %s", kind, first, last, name)
                : g_strdup_printf ("%s %s..%s", kind, first, last);
  /* Each printed copy is one more taken away: recorded every time. */
  if (audit_kind == PD_AUDIT_REPORT && path == NULL &&
      !is_recorded_last (db, detail, &recorded, error))
    return FALSE;
  return recorded || pd_audit_add (db, audit_kind, 0, detail, report->served.value, error);
}

/* The report, recorded once as @kind, or nothing and no entry. */
static PdReport *
new_recorded (PdDatabase             *db,
              const PdReportOptions  *options,
              PdAuditKind             audit_kind,
              const char             *kind,
              const char             *verb,
              GError                **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdReport) report = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (options != NULL && options->period != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_REPORTS, verb, error))
    return NULL;
  report = build_report (db, options, error);
  if (report == NULL)
    return NULL;
  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !add_report_entry (db, report, audit_kind, kind, NULL, error) ||
      !pd_transaction_commit (transaction, error))
    return NULL;
  return g_steal_pointer (&report);
}

PdReport *
pd_report_new (PdDatabase             *db,
               const PdReportOptions  *options,
               GError                **error)
{
  return new_recorded (db, options, PD_AUDIT_REPORT, "figures", _("build reports"), error);
}

/* A printed copy takes the figures out of Peerdesk as an export does: it
 * is recorded once, as printed, and not also as figures looked at. */
PdReport *
pd_report_new_printed (PdDatabase             *db,
                       const PdReportOptions  *options,
                       GError                **error)
{
  return new_recorded (db, options, PD_AUDIT_EXPORT, "printed report figures",
                       _("print reports"), error);
}

/* Builds the report and writes it to @path, recorded once, as written: the
 * entry and the file land together or not at all. */
PdReport *
pd_report_export (PdDatabase             *db,
                  const PdReportOptions  *options,
                  const char             *path,
                  GError                **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdReport) report = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (options != NULL && options->period != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_REPORTS, _("build reports"), error))
    return NULL;
  report = build_report (db, options, error);
  if (report == NULL)
    return NULL;
  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !add_report_entry (db, report, PD_AUDIT_REPORT, "xml", path, error) ||
      !pd_report_write (report, path, error) ||
      !pd_transaction_commit (transaction, error))
    return NULL;
  return g_steal_pointer (&report);
}

char *
pd_report_dup_sql (PdDatabase             *db,
                   const PdReportOptions  *options,
                   GError                **error)
{
  g_auto(PdReportSettings) settings = { NULL };
  g_auto(Bounds) bounds = { NULL };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  guint window_days = (guint) MAX (options->renewal_window_days, 0);
  Parameter params[5];

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (options != NULL && options->period != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_REPORTS, _("build reports"), error))
    return NULL;
  if (options->renewal_window_days < 0)
    {
      if (!pd_report_settings_load (db, &settings, error))
        return NULL;
      window_days = settings.renewal_window_days;
    }
  now = options->now ? g_date_time_ref (options->now) : g_date_time_new_now_local ();
  if (!bounds_init (&bounds, options->period, now, window_days, error))
    return NULL;

  /* The bounds are days and times the code wrote, never text typed by
   * someone: they are written in as they are. The longest names go first,
   * as ":end" begins ":end_excl". */
  bounds_parameters (&bounds, params);
  for (guint i = 0; i < G_N_ELEMENTS (report_queries); i++)
    {
      const char *text = query_text (db, report_queries[i]);
      g_autofree char *expanded = g_strdup (text);
      g_autoptr(PdStatement) stmt = pd_database_query (db, text, error);

      /* Each is prepared, so that one the database would refuse fails here. */
      if (stmt == NULL)
        return NULL;
      for (guint j = G_N_ELEMENTS (params); j-- > 0;)
        {
          g_autofree char *name = g_strconcat (":", params[j].name, NULL);
          g_autofree char *value = g_strdup_printf ("'%s'", params[j].value);
          g_auto(GStrv) parts = g_strsplit (expanded, name, -1);

          g_free (expanded);
          expanded = g_strjoinv (value, parts);
        }
      g_string_append_printf (sql, "%s;\n", expanded);
    }
  g_string_append_printf (sql, "%s;\n", purposes_sql);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Chart */

/* The visits and attendance of each month, by consenting members and
 * anonymous visitors. */
#define VISITS_BY_MONTH_SQL(hint) \
  "SELECT substr (visited_at, 1, 7), count (*) FROM visits" \
  " WHERE visited_at >= :start AND visited_at < :end_excl" \
  "  AND (member_id IS NULL OR " CONSENTING ("member_id", hint) ")" \
  " GROUP BY 1"

#define ATTENDANCE_BY_MONTH_SQL(hint) \
  "SELECT substr (s.starts_at, 1, 7), sum (s.headcount" \
  "  + (SELECT count (*) FROM attendance AS a" \
  "     WHERE a.session_id = s.id AND " CONSENTING ("a.member_id", hint) "))" \
  " FROM sessions AS s" \
  " WHERE s.starts_at >= :start AND s.starts_at < :held_until AND s.cancelled = 0" \
  " GROUP BY 1"

static const Query visits_by_month = { VISITS_BY_MONTH_SQL (SQLITE_HINT),
                                       VISITS_BY_MONTH_SQL (POSTGRESQL_HINT) };
static const Query attendance_by_month = { ATTENDANCE_BY_MONTH_SQL (SQLITE_HINT),
                                           ATTENDANCE_BY_MONTH_SQL (POSTGRESQL_HINT) };

/* Adds the counts of @query, rows of a month ("YYYY-MM") and a count, to
 * the field at @offset of each month of @months, which start at the
 * period's. */
static gboolean
add_by_month (PdDatabase   *db,
              const Query  *query,
              const Bounds *bounds,
              GArray       *months,
              gsize         offset,
              GError      **error)
{
  g_autoptr(PdStatement) stmt = query_bound (db, query, bounds, error);
  int first = atoi (bounds->start) * 12 + atoi (bounds->start + 5);

  if (stmt == NULL)
    return FALSE;
  while (pd_statement_next (stmt))
    {
      const char *ym = pd_statement_get_text (stmt, 0);
      int index = atoi (ym) * 12 + atoi (ym + 5) - first;

      if (index >= 0 && (guint) index < months->len)
        G_STRUCT_MEMBER (gint64, &g_array_index (months, PdReportMonth, index), offset)
          += (gint64) pd_statement_get_double (stmt, 1);
    }
  return pd_statement_finish (stmt, error);
}

GArray *
pd_report_months (PdDatabase      *db,
                  const PdPeriod  *period,
                  GError         **error)
{
  g_auto(Bounds) bounds = { NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (PdReportMonth));
  int year, month, last_year, last_month;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_REPORTS, _("build reports"), error))
    return NULL;
  if (!bounds_init (&bounds, period, now, 0, error))
    return NULL;

  /* Every month of the period, empty ones too. */
  year = atoi (bounds.start);
  month = atoi (bounds.start + 5);
  last_year = atoi (bounds.end);
  last_month = atoi (bounds.end + 5);
  while (year < last_year || (year == last_year && month <= last_month))
    {
      PdReportMonth m = { year, month, 0, 0 };

      g_array_append_val (months, m);
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  if (!add_by_month (db, &visits_by_month, &bounds, months,
                     G_STRUCT_OFFSET (PdReportMonth, visits), error) ||
      !add_by_month (db, &attendance_by_month, &bounds, months,
                     G_STRUCT_OFFSET (PdReportMonth, attendance), error))
    return NULL;
  return g_steal_pointer (&months);
}
