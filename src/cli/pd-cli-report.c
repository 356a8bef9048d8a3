/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-report.h"
#include "pd-text.h"

static gboolean
check_threshold_option (int      threshold,
                        GError **error)
{
  if (threshold != 0 && (threshold < PD_REPORT_THRESHOLD_MIN || threshold > PD_REPORT_THRESHOLD_MAX))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--threshold must be a whole number from %d to %d"),
                   PD_REPORT_THRESHOLD_MIN, PD_REPORT_THRESHOLD_MAX);
      return FALSE;
    }
  return TRUE;
}

static void
print_count (const char          *what,
             const PdReportCount *count)
{
  if (count->suppressed)
    g_print ("%s\t%s\n", what, _("suppressed"));
  else
    g_print ("%s\t%" PRId64 "\n", what, count->value);
}

/* Fills @entries[0] and @entries[1] with the options of a period,
 * --from and --to, which every command about a report's period takes. */
void
pd_cli_period_entries (PdCliPeriod  *period,
                       GOptionEntry  entries[2])
{
  const GOptionEntry period_entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &period->from,
      N_("The first day of the period, YYYY-MM-DD"), N_("DATE") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &period->to,
      N_("The last day of the period, YYYY-MM-DD, included"), N_("DATE") },
  };

  entries[0] = period_entries[0];
  entries[1] = period_entries[1];
}

gboolean
pd_cli_period_is_set (const PdCliPeriod *period)
{
  return period->from != NULL && period->to != NULL;
}

PdPeriod *
pd_cli_period_parse (const PdCliPeriod  *period,
                     GError            **error)
{
  return pd_period_new_from_iso (period->from, period->to, error);
}

typedef struct
{
  PdCliPeriod period;
  char *output;
  char *organisation;
  char *site;
  char *grant;
  int threshold;
  int within;
  gboolean sql;
} Report;

static GOptionContext *
report_options (PdCliCall *call)
{
  Report *self = pd_cli_call_new (call, Report, NULL);
  GOptionEntry entries[] = {
    /* --from and --to */
    G_OPTION_ENTRY_NULL, G_OPTION_ENTRY_NULL,
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->output,
      N_("Write the report to FILE"), N_("FILE") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &self->threshold,
      N_("Suppress counts from 1 to N-1 (the setting, 11 unless changed)"), N_("N") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &self->organisation,
      N_("The organisation's name (the setting unless told)"), N_("NAME") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &self->site,
      N_("The site's identifier (the setting unless told)"), N_("ID") },
    { "grant", 0, 0, G_OPTION_ARG_STRING, &self->grant,
      N_("The grant's identifier (the setting unless told)"), N_("ID") },
    { "within", 'w', 0, G_OPTION_ARG_INT, &self->within,
      N_("Count credentials expiring within DAYS days after the period (the setting, 90 "
         "unless changed)"),
      N_("DAYS") },
    /* For the benchmark, which times the same queries in the database's own shell. */
    { "print-sql", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &self->sql, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  pd_cli_period_entries (&self->period, entries);
  /* Unless told, the setting. */
  self->within = -1;
  return pd_cli_call_context_new (call,
                                  "report",
                                  _("Write the report for funders of a period as XML."),
                                  _("The report holds figures only: nothing in it names or "
                                    "identifies a member, members who did not consent to "
                                    "reporting are left out, and small counts are "
                                    "suppressed. It is checked against the published "
                                    "schema, peerdesk-report-1.xsd, before the file "
                                    "appears; if anything goes wrong no file is left. "
                                    "Prints the main figures once written. The "
                                    "organisation's name, the site, the grant and the "
                                    "threshold are kept in the database: see "
                                    "“peerdesk-cli settings”."),
                                  entries);
}

static gboolean
report_check (PdCliCall  *call,
              GError    **error)
{
  Report *self = call->data;

  if (!pd_cli_period_is_set (&self->period) || (self->output == NULL && !self->sql))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("report needs --from DATE, --to DATE and -o FILE.xml"));
      return FALSE;
    }
  if (!check_threshold_option (self->threshold, error))
    return FALSE;
  if (self->within != -1 && !pd_cli_check_window_days (self->within, error))
    return FALSE;
  return TRUE;
}

static gboolean
report_run (PdCliCall  *call,
            GError    **error)
{
  Report *self = call->data;
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdPeriod) period = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  PdReportOptions options = { NULL };

  period = pd_cli_period_parse (&self->period, error);
  if (period == NULL)
    return FALSE;

  options.period = period;
  options.organisation = self->organisation;
  options.site_id = self->site;
  options.grant_id = self->grant;
  options.threshold = (guint) self->threshold;
  options.renewal_window_days = self->within;

  if (self->sql)
    {
      g_autofree char *text = pd_report_dup_sql (call->db, &options, error);

      if (text == NULL)
        return FALSE;
      g_print ("%s", text);
      return TRUE;
    }

  report = pd_report_export (call->db, &options, self->output, error);
  if (report == NULL)
    return FALSE;

  first = pd_date_to_iso (&report->period.first);
  last = pd_date_to_iso (&report->period.last);
  g_print (_("Wrote the report for %s to %s to %s\n"), first, last, self->output);
  print_count (_("Participants served"), &report->served);
  print_count (_("New members"), &report->new_members);
  print_count (_("Visits"), &report->visits_total);
  g_print ("%s\t%" PRId64 "\n", _("Sessions held"), report->sessions_held);
  print_count (_("Attendance"), &report->attendance_total);
  return TRUE;
}

const PdCliHandler pd_cli_report_handler = {
  report_options, report_check, report_run,
};

typedef struct
{
  char *organisation;
  char *site;
  char *grant;
  int threshold;
  int renewal_window;
} Settings;

static GOptionContext *
settings_options (PdCliCall *call)
{
  Settings *self = pd_cli_call_new (call, Settings, NULL);
  const GOptionEntry entries[] = {
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &self->organisation,
      N_("Set the organisation's name, as reports give it"), N_("NAME") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &self->site,
      N_("Set the site's identifier with the funder (empty for none)"), N_("ID") },
    { "grant", 0, 0, G_OPTION_ARG_STRING, &self->grant,
      N_("Set the grant's identifier (empty for none)"), N_("ID") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &self->threshold,
      N_("Set the suppression threshold: counts from 1 to N-1 are hidden"), N_("N") },
    { "renewal-window", 0, 0, G_OPTION_ARG_INT, &self->renewal_window,
      N_("Set how many days before it expires a credential counts as expiring"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  "settings",
                                  _("Show or change the settings of reports."),
                                  _("Without options, prints each setting and its value, "
                                    "separated by a tab. The settings are kept in the "
                                    "database, so the app and peerdesk-cli share them."),
                                  entries);
}

static gboolean
settings_check (PdCliCall  *call,
                GError    **error)
{
  Settings *self = call->data;

  return check_threshold_option (self->threshold, error);
}

static gboolean
settings_run (PdCliCall  *call,
              GError    **error)
{
  Settings *self = call->data;
  PdDatabase *db = call->db;
  g_auto(PdReportSettings) settings = { NULL };

  if (!pd_report_settings_load (db, &settings, error))
    return FALSE;

  if (self->organisation != NULL || self->site != NULL || self->grant != NULL ||
      self->threshold != 0 || self->renewal_window != 0)
    {
      if (self->organisation != NULL)
        {
          g_free (settings.organisation);
          settings.organisation = g_strdup (self->organisation);
        }
      if (self->site != NULL)
        {
          g_free (settings.site_id);
          settings.site_id = g_strdup (self->site);
        }
      if (self->grant != NULL)
        {
          g_free (settings.grant_id);
          settings.grant_id = g_strdup (self->grant);
        }
      if (self->threshold != 0)
        settings.threshold = (guint) self->threshold;
      if (self->renewal_window != 0)
        settings.renewal_window_days = (guint) MAX (self->renewal_window, 0);
      if (!pd_report_settings_save (db, &settings, error))
        return FALSE;
      pd_report_settings_clear (&settings);
      if (!pd_report_settings_load (db, &settings, error))
        return FALSE;
    }

  g_print ("organisation\t%s\n", settings.organisation);
  g_print ("site\t%s\n", settings.site_id);
  g_print ("grant\t%s\n", settings.grant_id);
  g_print ("threshold\t%u\n", settings.threshold);
  g_print ("renewal-window\t%u\n", settings.renewal_window_days);
  return TRUE;
}

const PdCliHandler pd_cli_settings_handler = {
  settings_options, settings_check, settings_run,
};
