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

gboolean
pd_cli_report (PdCli   *cli,
               GStrv   *args,
               GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdReport) report = NULL;
  g_autoptr(PdPeriod) period = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *site = NULL;
  g_autofree char *grant = NULL;
  int threshold = 0;
  int within = -1;
  gboolean sql = FALSE;
  PdReportOptions options = { NULL };
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from,
      N_("The first day of the period, YYYY-MM-DD"), N_("DATE") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to,
      N_("The last day of the period, YYYY-MM-DD, included"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the report to FILE"), N_("FILE") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("Suppress counts from 1 to N-1 (the setting, 11 unless changed)"), N_("N") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      N_("The organisation's name (the setting unless told)"), N_("NAME") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site,
      N_("The site's identifier (the setting unless told)"), N_("ID") },
    { "grant", 0, 0, G_OPTION_ARG_STRING, &grant,
      N_("The grant's identifier (the setting unless told)"), N_("ID") },
    { "within", 'w', 0, G_OPTION_ARG_INT, &within,
      N_("Count credentials expiring within DAYS days after the period (the setting, 90 "
         "unless changed)"),
      N_("DAYS") },
    /* For the benchmark, which times the same queries in the database's own shell. */
    { "print-sql", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &sql, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  context = pd_cli_option_context_new ("report",
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
                                         "“peerdesk-cli settings”."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "report", NULL, error))
    return FALSE;

  if (from == NULL || to == NULL || (output == NULL && !sql))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("report needs --from DATE, --to DATE and -o FILE.xml"));
      return FALSE;
    }
  if (!check_threshold_option (threshold, error))
    return FALSE;
  if (within != -1 && !pd_cli_check_window_days (within, error))
    return FALSE;

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;
  period = pd_period_new_from_iso (from, to, error);
  if (period == NULL)
    return FALSE;

  options.period = period;
  options.organisation = organisation;
  options.site_id = site;
  options.grant_id = grant;
  options.threshold = (guint) threshold;
  options.renewal_window_days = within;

  if (sql)
    {
      g_autofree char *text = pd_report_dup_sql (db, &options, error);

      if (text == NULL)
        return FALSE;
      g_print ("%s", text);
      return TRUE;
    }

  report = pd_report_new (db, &options, error);
  if (report == NULL || !pd_report_write (report, output, error))
    return FALSE;

  first = pd_date_to_iso (&report->period.first);
  last = pd_date_to_iso (&report->period.last);
  g_print (_("Wrote the report for %s to %s to %s\n"), first, last, output);
  print_count (_("Participants served"), &report->served);
  print_count (_("New members"), &report->new_members);
  print_count (_("Visits"), &report->visits_total);
  g_print ("%s\t%" PRId64 "\n", _("Sessions held"), report->sessions_held);
  print_count (_("Attendance"), &report->attendance_total);
  return TRUE;
}

gboolean
pd_cli_settings (PdCli   *cli,
                 GStrv   *args,
                 GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_auto(PdReportSettings) settings = { NULL };
  g_autofree char *organisation = NULL;
  g_autofree char *site = NULL;
  g_autofree char *grant = NULL;
  int threshold = 0;
  int window = 0;
  const GOptionEntry entries[] = {
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation,
      N_("Set the organisation's name, as reports give it"), N_("NAME") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site,
      N_("Set the site's identifier with the funder (empty for none)"), N_("ID") },
    { "grant", 0, 0, G_OPTION_ARG_STRING, &grant,
      N_("Set the grant's identifier (empty for none)"), N_("ID") },
    { "threshold", 0, 0, G_OPTION_ARG_INT, &threshold,
      N_("Set the suppression threshold: counts from 1 to N-1 are hidden"), N_("N") },
    { "renewal-window", 0, 0, G_OPTION_ARG_INT, &window,
      N_("Set how many days before it expires a credential counts as expiring"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  context = pd_cli_option_context_new ("settings",
                                       _("Show or change the settings of reports."),
                                       _("Without options, prints each setting and its value, "
                                         "separated by a tab. The settings are kept in the "
                                         "database, so the app and peerdesk-cli share them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "settings", NULL, error) ||
      !check_threshold_option (threshold, error))
    return FALSE;

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL || !pd_report_settings_load (db, &settings, error))
    return FALSE;

  if (organisation != NULL || site != NULL || grant != NULL || threshold != 0 || window != 0)
    {
      if (organisation != NULL)
        {
          g_free (settings.organisation);
          settings.organisation = g_strdup (organisation);
        }
      if (site != NULL)
        {
          g_free (settings.site_id);
          settings.site_id = g_strdup (site);
        }
      if (grant != NULL)
        {
          g_free (settings.grant_id);
          settings.grant_id = g_strdup (grant);
        }
      if (threshold != 0)
        settings.threshold = (guint) threshold;
      if (window != 0)
        settings.renewal_window_days = (guint) MAX (window, 0);
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
