/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-text.h"
#include "pd-training.h"

/* The alerts of the training records: credentials that expire or have
 * expired, and yearly courses that are due. */

void
pd_alert_free (PdAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->volunteer_name);
  g_free (alert->what);
  g_free (alert->date);
  g_free (alert->message);
  g_free (alert);
}

static char *
date_add_days (const char *date,
               guint       days)
{
  GDate parsed;

  if (!pd_date_parse (date, &parsed))
    return NULL;
  g_date_add_days (&parsed, days);
  if (!g_date_valid (&parsed) || g_date_get_year (&parsed) > 9999)
    return NULL;
  return pd_date_to_iso (&parsed);
}

static PdAlert *
new_alert (PdAlertKind  kind,
           gint64       volunteer_id,
           const char  *volunteer_name,
           const char  *what,
           const char  *date)
{
  PdAlert *alert = g_new0 (PdAlert, 1);

  alert->kind = kind;
  alert->volunteer_id = volunteer_id;
  alert->volunteer_name = g_strdup (volunteer_name);
  alert->what = g_strdup (what);
  alert->date = g_strdup (date);
  return alert;
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const PdAlert *aa = *(PdAlert * const *) a;
  const PdAlert *ab = *(PdAlert * const *) b;
  int cmp;

  if ((cmp = strcmp (aa->date, ab->date)) != 0)
    return cmp;
  if (aa->kind != ab->kind)
    return aa->kind < ab->kind ? -1 : 1;
  if ((cmp = g_utf8_collate (aa->volunteer_name, ab->volunteer_name)) != 0)
    return cmp;
  if ((cmp = g_utf8_collate (aa->what, ab->what)) != 0)
    return cmp;
  return aa->volunteer_id < ab->volunteer_id ? -1 : aa->volunteer_id > ab->volunteer_id;
}

/* Every alert, in SQL: :today is today, :until the last day of the
 * renewal window. Columns: kind (a PdAlertKind), the volunteer's id and
 * name, the credential or course, the date, and whether the course was
 * never completed (1 or 0).
 *
 * A credential renewed as a new record leaves the old one expired: only
 * the one of a name (in any ASCII case) that expires last is followed. A
 * yearly course is due a year after it was last completed (a 29
 * February's year ends on the 28th, as pd_date_add_months() has it), or
 * today if never; the next year is written with four digits at least, as
 * dates are, in text both engines read alike. */
#define ALERTS_QUERY \
  "WITH yearly (volunteer_id, volunteer_name, title, last) AS MATERIALIZED (" \
  "  SELECT v.id, v.display_name, co.title," \
  "   (SELECT max (x.date) FROM completions AS x" \
  "    WHERE x.volunteer_id = v.id AND x.course_id = co.id)" \
  "  FROM volunteers AS v CROSS JOIN courses AS co" \
  "  WHERE v.status = 'active' AND co.required_yearly = 1)," \
  " renewals (volunteer_id, volunteer_name, title, last, next_year) AS (" \
  "  SELECT *, CAST (CAST (substr (last, 1, 4) AS INTEGER) + 1 AS TEXT) FROM yearly)," \
  " due (volunteer_id, volunteer_name, title, date, never) AS (" \
  "  SELECT volunteer_id, volunteer_name, title," \
  "   CASE WHEN last IS NULL THEN CAST (:today AS TEXT)" \
  "        ELSE substr ('000' || next_year, length (next_year))" \
  "         || CASE WHEN substr (last, 6, 5) = '02-29' THEN '-02-28' ELSE substr (last, 5) END" \
  "   END," \
  "   CASE WHEN last IS NULL THEN 1 ELSE 0 END" \
  "  FROM renewals)," \
  " alerts (kind, volunteer_id, volunteer_name, what, date, never) AS (" \
  "  SELECT CASE WHEN c.expiry_date < :today THEN 1 ELSE 0 END," \
  "   c.volunteer_id, v.display_name, c.name, c.expiry_date, 0" \
  "  FROM credentials AS c JOIN volunteers AS v ON v.id = c.volunteer_id" \
  "  WHERE v.status = 'active' AND c.issued_date <> ''" \
  "   AND c.expiry_date <> '' AND c.expiry_date <= :until" \
  "   AND NOT EXISTS (SELECT 1 FROM credentials AS n" \
  "    WHERE n.volunteer_id = c.volunteer_id AND n.id <> c.id" \
  "    AND lower (n.name) = lower (c.name) AND n.expiry_date > c.expiry_date)" \
  "  UNION ALL" \
  "  SELECT 2, volunteer_id, volunteer_name, title, date, never FROM due" \
  "  WHERE never = 1 OR date < :today)" \
  " SELECT kind, volunteer_id, volunteer_name, what, date, never FROM alerts"

G_STATIC_ASSERT (PD_ALERT_CREDENTIAL_EXPIRING == 0 && PD_ALERT_CREDENTIAL_EXPIRED == 1 &&
                 PD_ALERT_TRAINING_DUE == 2);

static PdAlert *
read_alert (PdStatement *stmt)
{
  PdAlertKind kind = (PdAlertKind) pd_statement_get_int (stmt, 0);
  const char *what = pd_statement_get_text (stmt, 3);
  const char *date = pd_statement_get_text (stmt, 4);
  PdAlert *alert = new_alert (kind, pd_statement_get_int64 (stmt, 1),
                              pd_statement_get_text (stmt, 2), what, date);

  switch (kind)
    {
    case PD_ALERT_CREDENTIAL_EXPIRED:
      /* Translators: "IC&RC Peer Recovery expired on 2026-03-01". */
      alert->message = g_strdup_printf (_("%s expired on %s"), what, date);
      break;
    case PD_ALERT_CREDENTIAL_EXPIRING:
      /* Translators: "IC&RC Peer Recovery expires on 2026-03-31". */
      alert->message = g_strdup_printf (_("%s expires on %s"), what, date);
      break;
    case PD_ALERT_TRAINING_DUE:
    default:
      alert->never_completed = pd_statement_get_boolean (stmt, 5);
      if (alert->never_completed)
        /* Translators: "Naloxone training is due: never completed". */
        alert->message = g_strdup_printf (_("%s is due: never completed"), what);
      else
        /* Translators: "Naloxone training was due on 2026-02-14": a course
         * required every year, a year after it was last completed. */
        alert->message = g_strdup_printf (_("%s was due on %s"), what, date);
      break;
    }
  return alert;
}

/* An alert with its volunteer's name folded, to sort by. */
typedef struct
{
  PdAlert *alert;
  char *folded;
} Ranked;

static void
ranked_clear (gpointer data)
{
  Ranked *ranked = data;

  pd_alert_free (ranked->alert);
  g_free (ranked->folded);
}

static int
urgency (PdAlertKind kind)
{
  return kind == PD_ALERT_CREDENTIAL_EXPIRED ? 0 : kind == PD_ALERT_CREDENTIAL_EXPIRING ? 1 : 2;
}

/* By urgency: expired credentials, then those expiring soonest, then the
 * trainings due, each oldest date first, then by name as people read
 * them. Sorted here rather than in SQL, so that the order is the same on
 * every engine whatever its collations. */
static int
compare_urgency (gconstpointer a,
                 gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;
  int cmp;

  if (urgency (ra->alert->kind) != urgency (rb->alert->kind))
    return urgency (ra->alert->kind) < urgency (rb->alert->kind) ? -1 : 1;
  if ((cmp = strcmp (ra->alert->date, rb->alert->date)) != 0)
    return cmp;
  if ((cmp = strcmp (ra->folded, rb->folded)) != 0)
    return cmp;
  if ((cmp = strcmp (ra->alert->what, rb->alert->what)) != 0)
    return cmp;
  return ra->alert->volunteer_id < rb->alert->volunteer_id ? -1
         : ra->alert->volunteer_id > rb->alert->volunteer_id;
}

static GPtrArray *
query_alerts (PdDatabase  *db,
              const char  *today,
              guint        window_days,
              guint        limit,
              guint       *n_alerts,
              GError     **error)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *day = NULL;
  g_autofree char *until = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  guint n;

  g_array_set_clear_func (ranked, ranked_clear);

  day = today ? g_strdup (today) : pd_date_today ();
  until = date_add_days (day, window_days);
  if (until == NULL)
    {
      g_autofree char *excerpt = pd_text_excerpt (day, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   excerpt);
      return NULL;
    }

  stmt = pd_database_query (db, ALERTS_QUERY, error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "today", day);
  pd_statement_bind_text (stmt, "until", until);
  while (pd_statement_next (stmt))
    {
      Ranked row = { read_alert (stmt), NULL };

      row.folded = pd_text_fold (row.alert->volunteer_name);
      g_array_append_val (ranked, row);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;

  g_array_sort (ranked, compare_urgency);
  n = ranked->len;
  alerts = g_ptr_array_new_full (n, (GDestroyNotify) pd_alert_free);
  for (guint i = 0; i < n && (limit == 0 || i < limit); i++)
    g_ptr_array_add (alerts, g_steal_pointer (&g_array_index (ranked, Ranked, i).alert));
  if (n_alerts != NULL)
    *n_alerts = n;
  return g_steal_pointer (&alerts);
}

GPtrArray *
pd_alerts_list (PdDatabase  *db,
                const char  *today,
                guint        window_days,
                GError     **error)
{
  g_autoptr(GPtrArray) alerts = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see credentials"), error))
    return NULL;

  alerts = query_alerts (db, today, window_days, 0, NULL, error);
  if (alerts == NULL)
    return NULL;
  g_ptr_array_sort (alerts, compare_alerts);
  return g_steal_pointer (&alerts);
}

GPtrArray *
pd_alerts_list_urgent (PdDatabase  *db,
                       const char  *today,
                       guint        window_days,
                       guint        limit,
                       guint       *n_alerts,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see credentials"), error))
    return NULL;

  return query_alerts (db, today, window_days, limit, n_alerts, error);
}

typedef struct
{
  char *path;
  char *today;
  guint window_days;
  guint limit;
  guint n_alerts;
  gint64 login_id;      /* on a server, the account the caller signed in as */
  char *passphrase;     /* and its passphrase, kept in memory only */
} AlertsJob;

static void
alerts_job_free (AlertsJob *job)
{
  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job->path);
  g_free (job->today);
  g_free (job);
}

/* On a connection of its own, so the window goes on drawing while SQLite
 * reads the volunteers and their courses. */
static void
alerts_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AlertsJob *job = task_data;
  g_autoptr(PdDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts;

  reader = pd_database_open_full (job->path, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING,
                                  &error);
  /* On a server it reads as the caller's staff member, whose role the
   * server holds it to, as it does the caller. */
  if (reader != NULL && job->passphrase != NULL &&
      !pd_staff_server_act_as (reader, job->login_id, job->passphrase, &error))
    g_clear_object (&reader);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  alerts = query_alerts (reader, job->today, job->window_days, job->limit, &job->n_alerts,
                         &error);
  if (alerts == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, alerts, (GDestroyNotify) g_ptr_array_unref);
}

void
pd_alerts_list_urgent_async (PdDatabase          *db,
                             const char          *today,
                             guint                window_days,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AlertsJob *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (limit > 0);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_alerts_list_urgent_async);
  /* The reader in the thread is a connection of its own, with nobody
   * signed in: the right is asked of the caller's. */
  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see credentials"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (AlertsJob, 1);
  job->path = g_strdup (pd_database_get_path (db));
  job->today = today ? g_strdup (today) : pd_date_today ();
  job->window_days = window_days;
  job->limit = limit;
  if (!pd_staff_server_dup_login (db, &job->login_id, &job->passphrase))
    job->login_id = 0;
  g_task_set_task_data (task, job, (GDestroyNotify) alerts_job_free);
  g_task_run_in_thread (task, alerts_in_thread);
}

GPtrArray *
pd_alerts_list_urgent_finish (PdDatabase    *db,
                              GAsyncResult  *result,
                              guint         *n_alerts,
                              GError       **error)
{
  GPtrArray *alerts;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  alerts = g_task_propagate_pointer (G_TASK (result), error);
  if (alerts != NULL && n_alerts != NULL)
    *n_alerts = ((AlertsJob *) g_task_get_task_data (G_TASK (result)))->n_alerts;
  return alerts;
}

PdCredentialStatus
pd_credential_status (const PdCredential *credential,
                      const char         *today,
                      guint               window_days)
{
  g_autofree char *day = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (credential != NULL, PD_CREDENTIAL_WORKING_TOWARD);

  if (pd_text_is_blank (credential->issued_date))
    return PD_CREDENTIAL_WORKING_TOWARD;
  if (pd_text_is_blank (credential->expiry_date))
    return PD_CREDENTIAL_HELD;
  day = today ? g_strdup (today) : pd_date_today ();
  if (strcmp (credential->expiry_date, day) < 0)
    return PD_CREDENTIAL_EXPIRED;
  until = date_add_days (day, window_days);
  if (until != NULL && strcmp (credential->expiry_date, until) <= 0)
    return PD_CREDENTIAL_EXPIRING;
  return PD_CREDENTIAL_HELD;
}
