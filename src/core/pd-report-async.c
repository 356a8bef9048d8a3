/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-json.h"
#include "pd-report-async.h"
#include "pd-staff-private.h"

/* Opening a connection checks the file, which takes a while on a big one:
 * the connections of finished reports are kept, on the database they were
 * opened for, for the next. One thread at a time uses each. */
#define CONNECTIONS_KEY "pd-report-connections"

typedef enum
{
  JOB_BUILD,
  JOB_EXPORT,
  JOB_MONTHS,
  JOB_JSON,
} JobKind;

typedef struct
{
  JobKind          kind;
  GAsyncQueue     *connections;   /* NULL: a connection for this job alone */
  char            *database_path;
  PdPeriod         period;
  char            *organisation;
  char            *site_id;
  char            *grant_id;
  guint            threshold;
  int              renewal_window_days;
  GDateTime       *now;
  char            *output;
  PdStaff         *staff;         /* who asked: the thread's connection acts as them */
  gint64           login_id;      /* on a server, the account it connects as, or 0 */
  char            *passphrase;    /* and its passphrase, kept in memory only */
  char            *os_user;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->connections, g_async_queue_unref);
  g_free (job->database_path);
  g_free (job->organisation);
  g_free (job->site_id);
  g_free (job->grant_id);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_free (job->output);
  g_clear_pointer (&job->staff, pd_staff_free);
  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job->os_user);
  g_free (job);
}

static GAsyncQueue *
get_connections (PdDatabase *db)
{
  GAsyncQueue *connections = g_object_get_data (G_OBJECT (db), CONNECTIONS_KEY);

  if (connections == NULL)
    {
      connections = g_async_queue_new_full (g_object_unref);
      g_object_set_data_full (G_OBJECT (db), CONNECTIONS_KEY, connections,
                              (GDestroyNotify) g_async_queue_unref);
    }
  return connections;
}

static Job *
job_new (JobKind          kind,
         PdDatabase      *db,
         const PdPeriod  *period)
{
  Job *job = g_new0 (Job, 1);
  const PdStaff *staff = pd_database_get_staff (db);

  job->kind = kind;
  job->database_path = g_strdup (pd_database_get_path (db));
  /* The rights are asked, and the audit entries written, on the thread's
   * connection, in the name of whoever is signed in on @db. */
  job->staff = staff ? pd_staff_copy (staff) : NULL;
  /* On a server the thread connects as the one signed in, as @db does. */
  if (!pd_staff_server_dup_login (db, &job->login_id, &job->passphrase))
    job->login_id = 0;
  job->os_user = g_strdup (pd_database_get_os_user (db));
  if (kind != JOB_JSON)
    job->connections = g_async_queue_ref (get_connections (db));
  if (period != NULL)
    job->period = *period;
  job->renewal_window_days = -1;
  return job;
}

/* The options are copied: the caller's may go before the thread starts. */
static Job *
job_new_report (JobKind                kind,
                PdDatabase            *db,
                const PdReportOptions *options)
{
  Job *job = job_new (kind, db, options->period);

  job->organisation = g_strdup (options->organisation);
  job->site_id = g_strdup (options->site_id);
  job->grant_id = g_strdup (options->grant_id);
  job->threshold = options->threshold;
  job->renewal_window_days = options->renewal_window_days;
  job->now = options->now ? g_date_time_ref (options->now) : NULL;
  return job;
}

static gboolean
run_job (Job           *job,
         PdDatabase    *db,
         gpointer      *result,
         GError       **error)
{
  PdReportOptions options = {
    .period = &job->period,
    .organisation = job->organisation,
    .site_id = job->site_id,
    .grant_id = job->grant_id,
    .threshold = job->threshold,
    .renewal_window_days = job->renewal_window_days,
    .now = job->now,
  };
  g_autoptr(PdReport) report = NULL;

  switch (job->kind)
    {
    case JOB_BUILD:
      *result = pd_report_new (db, &options, error);
      return *result != NULL;

    case JOB_EXPORT:
      report = pd_report_export (db, &options, job->output, error);
      return report != NULL;

    case JOB_MONTHS:
      *result = pd_report_months (db, &job->period, error);
      return *result != NULL;

    case JOB_JSON:
      return pd_json_export (db, job->output, error);

    default:
      g_assert_not_reached ();
    }
}

static void
free_result (JobKind  kind,
             gpointer result)
{
  if (result == NULL)
    return;
  if (kind == JOB_BUILD)
    pd_report_free (result);
  else if (kind == JOB_MONTHS)
    g_array_unref (result);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gboolean ok;

  if (job->connections != NULL)
    db = g_async_queue_try_pop (job->connections);
  if (db == NULL)
    db = pd_database_open (job->database_path, &error);
  if (db != NULL && job->passphrase != NULL &&
      !pd_staff_server_act_as (db, job->login_id, job->passphrase, &error))
    g_clear_object (&db);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pd_database_set_cancellable (db, cancellable);
  pd_database_set_os_user (db, job->os_user);
  pd_database_take_staff (db, job->staff ? pd_staff_copy (job->staff) : NULL);
  ok = run_job (job, db, &result, &error);
  pd_database_take_staff (db, NULL);
  pd_staff_server_sign_out (db);
  pd_database_set_cancellable (db, NULL);
  if (job->connections != NULL && g_async_queue_length (job->connections) < 1)
    g_async_queue_push (job->connections, g_steal_pointer (&db));

  if (g_task_return_error_if_cancelled (task))
    free_result (job->kind, result);
  else if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (job->kind == JOB_BUILD)
    g_task_return_pointer (task, result, (GDestroyNotify) pd_report_free);
  else if (job->kind == JOB_MONTHS)
    g_task_return_pointer (task, result, (GDestroyNotify) g_array_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_in_thread (PdDatabase          *db,
               Job                 *job,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (db, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/* Counts the figures of the report that @options describe. */
void
pd_report_build_async (PdDatabase            *db,
                       const PdReportOptions *options,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (options != NULL && options->period != NULL);

  run_in_thread (db, job_new_report (JOB_BUILD, db, options), pd_report_build_async, cancellable,
                 callback, user_data);
}

PdReport *
pd_report_build_finish (PdDatabase    *db,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_report_build_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Counts the figures of the report and writes it to @path, as
 * pd_report_write() does. */
void
pd_report_export_async (PdDatabase            *db,
                        const PdReportOptions *options,
                        const char            *path,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  Job *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (options != NULL && options->period != NULL);
  g_return_if_fail (path != NULL);

  job = job_new_report (JOB_EXPORT, db, options);
  job->output = g_strdup (path);
  run_in_thread (db, job, pd_report_export_async, cancellable, callback, user_data);
}

gboolean
pd_report_export_finish (PdDatabase    *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_report_export_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Counts visits and attendance by month, as pd_report_months() does. */
void
pd_report_months_async (PdDatabase          *db,
                        const PdPeriod      *period,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (period != NULL);

  run_in_thread (db, job_new (JOB_MONTHS, db, period), pd_report_months_async, cancellable,
                 callback, user_data);
}

GArray *
pd_report_months_finish (PdDatabase    *db,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_report_months_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Writes every record to @path, as pd_json_export() does, on a connection
 * of its own that is closed when it is done. */
void
pd_json_export_async (PdDatabase          *db,
                      const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Job *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (path != NULL);

  job = job_new (JOB_JSON, db, NULL);
  job->output = g_strdup (path);
  run_in_thread (db, job, pd_json_export_async, cancellable, callback, user_data);
}

gboolean
pd_json_export_finish (PdDatabase    *db,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_json_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
