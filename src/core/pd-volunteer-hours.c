/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-groups.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-volunteers-private.h"

/* The hours volunteers log and the supervision they receive: the two logs
 * that a volunteer's record gathers, and the totals of the hours. */

#define MAX_QUARTERS_A_DAY (24 * 4)
#define MAX_MINUTES_A_DAY (24 * 60)
/* More hours than anyone logs in one go, small enough that quarters of
 * them never overflow. */
#define MAX_PARSED_HOURS 100000

/* Hours logged from a group session. Like the seeded roles, it is data
 * kept in one language, so that totals by activity add up whatever the
 * language of the person who logged them. */
#define FACILITATOR_ACTIVITY "Group facilitator"

#define HOURS_COLUMNS \
  "id, volunteer_id, date, activity, quarter_hours, coalesce (session_id, 0), approved_by"

#define SUPERVISION_COLUMNS \
  "id, volunteer_id, date, supervisor, minutes, kind, notes"

static inline const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const PdCode supervision_kinds[] = {
  { "individual", N_("Individual") },
  { "group", N_("Group") },
  { NULL, NULL }
};

const PdCode *
pd_supervision_kinds (void)
{
  return supervision_kinds;
}

void
pd_hours_free (PdHours *hours)
{
  if (hours == NULL)
    return;
  g_free (hours->date);
  g_free (hours->activity);
  g_free (hours->approved_by);
  g_free (hours);
}

void
pd_supervision_free (PdSupervision *supervision)
{
  if (supervision == NULL)
    return;
  g_free (supervision->date);
  g_free (supervision->supervisor);
  g_free (supervision->kind);
  g_free (supervision->notes);
  g_free (supervision);
}

void
pd_hours_total_free (PdHoursTotal *total)
{
  if (total == NULL)
    return;
  g_free (total->period);
  g_free (total->activity);
  g_free (total);
}

/* Hours */

PdHours *
pd_hours_new (gint64      volunteer_id,
              const char *date,
              const char *activity,
              guint       quarter_hours)
{
  PdHours *hours = g_new0 (PdHours, 1);

  hours->volunteer_id = volunteer_id;
  hours->date = date != NULL ? g_strdup (date) : pd_date_today ();
  hours->activity = g_strdup (or_empty (activity));
  hours->quarter_hours = quarter_hours;
  hours->approved_by = g_strdup ("");
  return hours;
}

typedef enum
{
  HOURS_PARSED,
  HOURS_NOT_A_NUMBER,
  HOURS_NOT_IN_QUARTERS,
} HoursParse;

/* Reads @number, hours without their "h", as a sign, whole hours (the
 * first 12 digits of them, with their count in @n_whole) and quarters. */
static HoursParse
parse_hours_number (const char *number,
                    gboolean   *negative,
                    guint64    *whole,
                    guint      *n_whole,
                    guint      *quarters)
{
  const char *p = number;
  const char *start;

  *negative = FALSE;
  *whole = 0;
  *n_whole = 0;
  if (*p == '-' || *p == '+')
    *negative = *p++ == '-';

  for (; g_ascii_isdigit (*p); p++, (*n_whole)++)
    if (*n_whole < 12)
      *whole = *whole * 10 + (guint64) (*p - '0');

  if (*p == ':')
    {
      /* H:MM, the minutes a whole number of quarters. */
      guint minutes;

      if (*n_whole == 0 || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != '\0')
        return HOURS_NOT_A_NUMBER;
      minutes = (guint) ((p[1] - '0') * 10 + (p[2] - '0'));
      if (minutes >= 60)
        return HOURS_NOT_A_NUMBER;
      if (minutes % 15 != 0)
        return HOURS_NOT_IN_QUARTERS;
      *quarters = minutes / 15;
      return HOURS_PARSED;
    }

  /* A decimal point or a decimal comma, then 25, 5 or 75 and any zeros. */
  if (*p == '.' || *p == ',')
    p++;
  start = p;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != '\0' || (*n_whole == 0 && p == start))
    return HOURS_NOT_A_NUMBER;
  while (p > start && p[-1] == '0')
    p--;

  if (p == start)
    *quarters = 0;
  else if (p - start == 2 && strncmp (start, "25", 2) == 0)
    *quarters = 1;
  else if (p - start == 1 && *start == '5')
    *quarters = 2;
  else if (p - start == 2 && strncmp (start, "75", 2) == 0)
    *quarters = 3;
  else
    return HOURS_NOT_IN_QUARTERS;
  return HOURS_PARSED;
}

/* Hours are kept exactly, in quarters, so the text is read as digits and
 * never through a floating-point number: 0.1 + 0.2 is not 0.3. */
gboolean
pd_hours_parse (const char  *text,
                guint       *quarter_hours,
                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *number = NULL;
  g_autofree char *excerpt = NULL;
  gboolean negative;
  guint64 whole;
  guint n_whole, quarters = 0;
  gsize len;

  g_return_val_if_fail (quarter_hours != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (or_empty (text)));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("this is required"));
      return FALSE;
    }

  /* What the messages below show of a value that may be anything. */
  excerpt = pd_text_excerpt (trimmed, -1);

  /* "2h" and "2 h" are how hours are often written. */
  number = g_strdup (trimmed);
  len = strlen (number);
  if (number[len - 1] == 'h' || number[len - 1] == 'H')
    {
      number[len - 1] = '\0';
      g_strchomp (number);
    }

  switch (parse_hours_number (number, &negative, &whole, &n_whole, &quarters))
    {
    case HOURS_NOT_A_NUMBER:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a number of hours (as 2, 1.5 or 1:30)"), excerpt);
      return FALSE;

    case HOURS_NOT_IN_QUARTERS:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not in quarter hours (0.25, 0.5, 0.75 …)"), excerpt);
      return FALSE;

    case HOURS_PARSED:
    default:
      break;
    }

  if (negative || (whole == 0 && quarters == 0))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a number of hours above 0"), excerpt);
      return FALSE;
    }
  if (n_whole > 12 || whole >= MAX_PARSED_HOURS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is more hours than can be logged at once (less than %d)"), excerpt,
                   MAX_PARSED_HOURS);
      return FALSE;
    }

  *quarter_hours = (guint) whole * 4 + quarters;
  return TRUE;
}

/* Always with a decimal point, whatever the locale, as pd_hours_parse()
 * reads it back. */
char *
pd_hours_format (guint quarter_hours)
{
  static const char *const fractions[] = { "", ".25", ".5", ".75" };

  return g_strdup_printf ("%u%s", quarter_hours / 4, fractions[quarter_hours % 4]);
}

gboolean
pd_hours_validate (const PdHours  *hours,
                   GError        **error)
{
  g_return_val_if_fail (hours != NULL, FALSE);

  if (!pd_volunteer_validate_date (_("date"), hours->date, TRUE, error) ||
      !pd_volunteer_validate_text (_("activity"), hours->activity, TRUE,
                                   PD_VOLUNTEER_MAX_TEXT_LENGTH, error))
    return FALSE;

  if (hours->quarter_hours == 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("hours: there must be more than 0"));
      return FALSE;
    }
  if (hours->quarter_hours > MAX_QUARTERS_A_DAY)
    {
      g_autofree char *text = pd_hours_format (hours->quarter_hours);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("hours: %s is more than the 24 hours of a day"), text);
      return FALSE;
    }

  return pd_volunteer_validate_text (_("approved by"), hours->approved_by, FALSE,
                                     PD_VOLUNTEER_MAX_TEXT_LENGTH, error);
}

static void
prepare_hours (PdHours *hours)
{
  pd_volunteer_strip_field (&hours->date);
  pd_volunteer_strip_field (&hours->activity);
  pd_volunteer_strip_field (&hours->approved_by);
}

#define INSERT_HOURS_SQL \
  "INSERT INTO hours (volunteer_id, date, activity, quarter_hours, session_id, approved_by," \
  " created_at) VALUES (:volunteer_id, :date, :activity, :quarter_hours, :session_id," \
  " :approved_by, :now)"

/* Inserts one row of hours with @insert, INSERT_HOURS_SQL; the caller
 * holds a transaction. The error names the field, for the caller to say
 * which row. */
static gboolean
insert_hours (PdDatabase   *db,
              PdStatement  *insert,
              PdHours      *hours,
              const char   *now,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean exists;

  if (!pd_hours_validate (hours, error))
    return FALSE;

  if (!pd_volunteer_row_exists (db, "SELECT 1 FROM volunteers WHERE id = :id",
                                hours->volunteer_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("volunteer: there is no volunteer with id %" PRId64),
                   hours->volunteer_id);
      return FALSE;
    }
  if (hours->session_id != 0)
    {
      if (!pd_volunteer_row_exists (db, "SELECT 1 FROM sessions WHERE id = :id",
                                    hours->session_id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("session: there is no session with id %" PRId64),
                       hours->session_id);
          return FALSE;
        }
    }

  pd_statement_bind_int64 (insert, "volunteer_id", hours->volunteer_id);
  pd_statement_bind_text (insert, "date", hours->date);
  pd_statement_bind_text (insert, "activity", hours->activity);
  pd_statement_bind_int (insert, "quarter_hours", hours->quarter_hours);
  if (hours->session_id != 0)
    pd_statement_bind_int64 (insert, "session_id", hours->session_id);
  else
    pd_statement_bind_null (insert, "session_id");
  pd_statement_bind_text (insert, "approved_by", pd_database_get_actor (db, hours->approved_by));
  pd_statement_bind_text (insert, "now", now);
  if (!pd_statement_execute (insert, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("session: the volunteer's hours of session %" PRId64
                       " are logged already"),
                     hours->session_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  hours->id = pd_statement_get_inserted_id (insert);
  return TRUE;
}

static gboolean
add_rows (PdDatabase  *db,
          GPtrArray   *rows,
          GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) insert = NULL;
  g_autofree char *now = NULL;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;
  insert = pd_database_query (db, INSERT_HOURS_SQL, error);
  if (insert == NULL)
    return FALSE;

  now = pd_timestamp_now ();
  for (guint i = 0; i < rows->len; i++)
    {
      PdHours *hours = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;

      prepare_hours (hours);
      hours->id = 0;
      if (!insert_hours (db, insert, hours, now, &local_error))
        {
          /* TRANSLATORS: the row of a table of hours, then what is wrong in it */
          g_set_error (error, PD_ERROR, local_error->code, _("row %u, %s"), i + 1,
                       local_error->message);
          return FALSE;
        }
    }
  return pd_transaction_commit (transaction, error);
}

/* A week of shifts is typed in one go and saved in one go: a mistake in
 * one row saves none, so that fixing it and saving again adds each shift
 * once. */
gboolean
pd_hours_add_many (PdDatabase  *db,
                   GPtrArray   *rows,
                   GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("log hours"), error))
    return FALSE;

  if (rows->len == 0)
    return TRUE;

  if (!add_rows (db, rows, error))
    {
      for (guint i = 0; i < rows->len; i++)
        ((PdHours *) g_ptr_array_index (rows, i))->id = 0;
      return FALSE;
    }
  pd_database_notify_changed (db, "volunteers");
  return TRUE;
}

/* A session of @minutes to the nearest quarter hour, half a quarter up;
 * even a short one took someone's time. */
static guint
session_quarters (guint minutes)
{
  return MAX (1, (2 * minutes + 15) / 30);
}

gint64
pd_hours_log_session (PdDatabase  *db,
                      gint64       session_id,
                      GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) insert = NULL;
  g_autoptr(PdSession) session = NULL;
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(PdHours) hours = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("log hours"), error))
    return 0;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return 0;

  session = pd_sessions_get (db, session_id, error);
  if (session == NULL)
    return 0;
  if (session->cancelled)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The session of “%s” at %s was cancelled: it has no hours to log"),
                   session->group_name, session->starts_at);
      return 0;
    }

  group = pd_groups_get (db, session->group_id, error);
  if (group == NULL)
    return 0;
  if (group->facilitator_volunteer_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” has no volunteer facilitator: choose one for the group first"),
                   group->name);
      return 0;
    }

  hours = pd_hours_new (group->facilitator_volunteer_id, NULL, FACILITATOR_ACTIVITY,
                        session_quarters (session->duration_minutes));
  g_free (hours->date);
  hours->date = g_strndup (session->starts_at, 10);
  hours->session_id = session->id;

  today = pd_date_today ();
  if (strcmp (hours->date, today) > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The session of “%s” at %s has not happened yet"), session->group_name,
                   session->starts_at);
      return 0;
    }

  insert = pd_database_query (db, INSERT_HOURS_SQL, error);
  if (insert == NULL)
    return 0;
  now = pd_timestamp_now ();
  if (!insert_hours (db, insert, hours, now, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("The hours of the session of “%s” at %s are logged already"),
                     session->group_name, session->starts_at);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  if (!pd_transaction_commit (transaction, error))
    return 0;
  pd_database_notify_changed (db, "volunteers");
  return hours->id;
}

gboolean
pd_hours_delete (PdDatabase  *db,
                 gint64       id,
                 GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("log hours"), error))
    return FALSE;

  stmt = pd_database_query (db, "DELETE FROM hours WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (pd_statement_get_changes (stmt) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There are no hours with id %" PRId64), id);
      return FALSE;
    }

  pd_database_notify_changed (db, "volunteers");
  return TRUE;
}

static gpointer
hours_from_row (PdStatement *stmt)
{
  PdHours *hours = g_new0 (PdHours, 1);

  hours->id = pd_statement_get_int64 (stmt, 0);
  hours->volunteer_id = pd_statement_get_int64 (stmt, 1);
  hours->date = pd_statement_dup_text (stmt, 2);
  hours->activity = pd_statement_dup_text (stmt, 3);
  hours->quarter_hours = pd_statement_get_int (stmt, 4);
  hours->session_id = pd_statement_get_int64 (stmt, 5);
  hours->approved_by = pd_statement_dup_text (stmt, 6);
  return hours;
}

static gpointer
supervision_from_row (PdStatement *stmt)
{
  PdSupervision *supervision = g_new0 (PdSupervision, 1);

  supervision->id = pd_statement_get_int64 (stmt, 0);
  supervision->volunteer_id = pd_statement_get_int64 (stmt, 1);
  supervision->date = pd_statement_dup_text (stmt, 2);
  supervision->supervisor = pd_statement_dup_text (stmt, 3);
  supervision->minutes = pd_statement_get_int (stmt, 4);
  supervision->kind = pd_statement_dup_text (stmt, 5);
  supervision->notes = pd_statement_dup_text (stmt, 6);
  return supervision;
}

static gpointer
total_from_row (PdStatement *stmt)
{
  PdHoursTotal *total = g_new0 (PdHoursTotal, 1);

  total->period = pd_statement_dup_text (stmt, 0);
  total->activity = pd_statement_dup_text (stmt, 1);
  total->quarter_hours = pd_statement_get_int (stmt, 2);
  return total;
}

/* One of the two logs, read a page at a time, newest first: a volunteer's
 * rows through the (volunteer_id, date) index, everyone's through the date
 * index, so each has a query of its own. */
typedef struct
{
  const char      *for_one;
  const char      *for_all;
  PdRowFunc        from_row;
  GDestroyNotify   free_func;
} Log;

#define LOG_PAGE_SQL(columns, table, where) \
  "SELECT " columns " FROM " table " WHERE " where \
  " ORDER BY date DESC, id DESC LIMIT :limit OFFSET :offset"

static const Log hours_log = {
  LOG_PAGE_SQL (HOURS_COLUMNS, "hours", "volunteer_id = :volunteer_id"),
  LOG_PAGE_SQL (HOURS_COLUMNS, "hours", ":volunteer_id = 0"),
  hours_from_row,
  (GDestroyNotify) pd_hours_free,
};

static const Log supervision_log = {
  LOG_PAGE_SQL (SUPERVISION_COLUMNS, "supervision", "volunteer_id = :volunteer_id"),
  LOG_PAGE_SQL (SUPERVISION_COLUMNS, "supervision", ":volunteer_id = 0"),
  supervision_from_row,
  (GDestroyNotify) pd_supervision_free,
};

static GPtrArray *
list_page (PdDatabase  *db,
           const Log   *log,
           gint64       volunteer_id,
           guint        offset,
           guint        limit,
           GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  if (volunteer_id != 0 && !pd_volunteers_check_exists (db, volunteer_id, error))
    return NULL;

  stmt = pd_database_query (db, volunteer_id != 0 ? log->for_one : log->for_all, error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  /* No limit is the largest one: PostgreSQL refuses SQLite's -1. */
  pd_statement_bind_int64 (stmt, "limit", limit > 0 ? (gint64) limit : G_MAXINT64);
  pd_statement_bind_int64 (stmt, "offset", offset);
  return pd_statement_collect (stmt, log->from_row, log->free_func, error);
}

GPtrArray *
pd_hours_list (PdDatabase  *db,
               gint64       volunteer_id,
               guint        offset,
               guint        limit,
               GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("read volunteers’ hours"), error))
    return NULL;

  return list_page (db, &hours_log, volunteer_id, offset, limit, error);
}

/* The ISO 8601 week of a date is the week of its Thursday, and its year
 * the Thursday's year: 2027-01-01, a Friday, is in 2026-W53. Going back
 * three days then on to the next Thursday lands on the Thursday of the
 * date's Monday-to-Sunday week. SQLite 3.40 has no %G or %V;
 * PostgreSQL's to_char() has them as IYYY and IW. */
#define SQLITE_WEEK \
  "printf ('%s-W%02d', strftime ('%Y', date (date, '-3 days', 'weekday 4'))," \
  " (CAST (strftime ('%j', date (date, '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1)"
#define POSTGRESQL_WEEK "to_char (CAST (date AS date), 'IYYY-\"W\"IW')"

/* Dates are "YYYY-MM-DD" text: a month and a year are their beginnings. */
#define MONTH "substr (date, 1, 7)"
#define YEAR "substr (date, 1, 4)"

#define TOTALS_SQL(period, where) \
  "SELECT " period " AS period, activity, sum (quarter_hours) FROM hours" \
  " WHERE " where " AND date >= :from AND date <= :to" \
  " GROUP BY period, activity ORDER BY period, activity"

GPtrArray *
pd_hours_totals (PdDatabase     *db,
                 gint64          volunteer_id,
                 PdHoursPeriod   period,
                 const char     *from,
                 const char     *to,
                 GError        **error)
{
  /* By period, for one volunteer or for all, SQLite's text then
   * PostgreSQL's. */
  static const char *const sql[3][2][2] = {
    [PD_HOURS_BY_WEEK] = {
      { TOTALS_SQL (SQLITE_WEEK, "volunteer_id = :volunteer_id"),
        TOTALS_SQL (POSTGRESQL_WEEK, "volunteer_id = :volunteer_id") },
      { TOTALS_SQL (SQLITE_WEEK, ":volunteer_id = 0"),
        TOTALS_SQL (POSTGRESQL_WEEK, ":volunteer_id = 0") } },
    [PD_HOURS_BY_MONTH] = {
      { TOTALS_SQL (MONTH, "volunteer_id = :volunteer_id"),
        TOTALS_SQL (MONTH, "volunteer_id = :volunteer_id") },
      { TOTALS_SQL (MONTH, ":volunteer_id = 0"), TOTALS_SQL (MONTH, ":volunteer_id = 0") } },
    [PD_HOURS_BY_YEAR] = {
      { TOTALS_SQL (YEAR, "volunteer_id = :volunteer_id"),
        TOTALS_SQL (YEAR, "volunteer_id = :volunteer_id") },
      { TOTALS_SQL (YEAR, ":volunteer_id = 0"), TOTALS_SQL (YEAR, ":volunteer_id = 0") } },
  };
  const char *const *texts;
  g_autoptr(PdStatement) stmt = NULL;
  const char *bounds[2] = { from, to };
  const char *names[2] = { _("from"), _("to") };

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (period <= PD_HOURS_BY_YEAR, NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("read volunteers’ hours"), error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      GDate parsed;

      if (!pd_text_is_blank (bounds[i]) && !pd_date_parse (bounds[i], &parsed))
        {
          g_autofree char *excerpt = pd_text_excerpt (bounds[i], -1);

          /* TRANSLATORS: the first %s is "from" or "to", the second what was given */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
                       names[i], excerpt);
          return NULL;
        }
    }

  if (volunteer_id != 0 && !pd_volunteers_check_exists (db, volunteer_id, error))
    return NULL;

  texts = sql[period][volunteer_id != 0 ? 0 : 1];
  stmt = pd_database_query_dialect (db, texts[0], texts[1], error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  /* No bound is a bound no date passes: "" sorts before every date. */
  pd_statement_bind_text (stmt, "from", pd_text_is_blank (from) ? "" : from);
  pd_statement_bind_text (stmt, "to", pd_text_is_blank (to) ? "9999-12-31" : to);
  return pd_statement_collect (stmt, total_from_row, (GDestroyNotify) pd_hours_total_free,
                               error);
}

/* Supervision */

static gboolean
validate_supervision (PdSupervision  *supervision,
                      GError        **error)
{
  if (!pd_volunteer_validate_date (_("date"), supervision->date, TRUE, error) ||
      !pd_volunteer_validate_text (_("supervisor"), supervision->supervisor, TRUE,
                                   PD_VOLUNTEER_MAX_TEXT_LENGTH, error))
    return FALSE;
  if (supervision->minutes == 0 || supervision->minutes > MAX_MINUTES_A_DAY)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("minutes: %u is not between 1 and 1440 (a day)"), supervision->minutes);
      return FALSE;
    }
  if (pd_code_label (supervision_kinds, supervision->kind) == NULL)
    {
      g_autofree char *known = pd_codes_list (supervision_kinds);
      g_autofree char *excerpt = pd_text_excerpt (supervision->kind, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("kind: “%s” is not a known code (one of: %s)"), excerpt, known);
      return FALSE;
    }
  return pd_volunteer_validate_text (_("notes"), supervision->notes, FALSE,
                                     PD_VOLUNTEER_MAX_NOTES_LENGTH, error);
}

gint64
pd_supervision_add (PdDatabase     *db,
                    PdSupervision  *supervision,
                    GError        **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (supervision != NULL, 0);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("record supervision"), error))
    return 0;

  supervision->id = 0;
  pd_volunteer_strip_field (&supervision->date);
  pd_volunteer_strip_field (&supervision->supervisor);
  pd_volunteer_strip_field (&supervision->kind);
  if (supervision->notes == NULL)
    supervision->notes = g_strdup ("");

  if (!validate_supervision (supervision, error) ||
      !pd_volunteers_check_exists (db, supervision->volunteer_id, error))
    return 0;

  stmt = pd_database_query (db,
                            "INSERT INTO supervision (volunteer_id, date, supervisor, minutes,"
                            " kind, notes, created_at)"
                            " VALUES (:volunteer_id, :date, :supervisor, :minutes, :kind,"
                            " :notes, :now)",
                            error);
  if (stmt == NULL)
    return 0;
  now = pd_timestamp_now ();
  pd_statement_bind_int64 (stmt, "volunteer_id", supervision->volunteer_id);
  pd_statement_bind_text (stmt, "date", supervision->date);
  pd_statement_bind_text (stmt, "supervisor", supervision->supervisor);
  pd_statement_bind_int (stmt, "minutes", supervision->minutes);
  pd_statement_bind_text (stmt, "kind", supervision->kind);
  pd_statement_bind_text (stmt, "notes", supervision->notes);
  pd_statement_bind_text (stmt, "now", now);
  if (!pd_statement_execute (stmt, error))
    return 0;

  supervision->id = pd_statement_get_inserted_id (stmt);
  pd_database_notify_changed (db, "volunteers");
  return supervision->id;
}

GPtrArray *
pd_supervision_list (PdDatabase  *db,
                     gint64       volunteer_id,
                     guint        offset,
                     guint        limit,
                     GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("read supervision records"), error))
    return NULL;

  return list_page (db, &supervision_log, volunteer_id, offset, limit, error);
}
