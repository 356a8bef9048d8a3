/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-report-private.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"

/* The report's settings, kept in the meta table so that the app and
 * peerdesk-cli make the same report. The renewal window is the centre's
 * too: the Volunteers section lists the credentials it holds. */

#define ORGANISATION_KEY "report_organisation"
#define SITE_ID_KEY "report_site_id"
#define GRANT_ID_KEY "report_grant_id"
#define THRESHOLD_KEY "report_threshold"
#define RENEWAL_WINDOW_KEY "report_renewal_window_days"

void
pd_report_settings_clear (PdReportSettings *settings)
{
  g_clear_pointer (&settings->organisation, g_free);
  g_clear_pointer (&settings->site_id, g_free);
  g_clear_pointer (&settings->grant_id, g_free);
  settings->threshold = 0;
  settings->renewal_window_days = 0;
}

static gboolean
load_settings (PdDatabase        *db,
               PdReportSettings  *settings,
               GError           **error)
{
  g_autofree char *threshold = NULL;
  g_autofree char *window = NULL;
  guint64 value = 0;
  guint64 days = PD_REPORT_RENEWAL_WINDOW_DEFAULT;

  settings->organisation = pd_database_get_meta (db, ORGANISATION_KEY);
  settings->site_id = pd_database_get_meta (db, SITE_ID_KEY);
  settings->grant_id = pd_database_get_meta (db, GRANT_ID_KEY);
  threshold = pd_database_get_meta (db, THRESHOLD_KEY);
  window = pd_database_get_meta (db, RENEWAL_WINDOW_KEY);
  if (settings->organisation == NULL)
    settings->organisation = g_strdup ("");
  if (settings->site_id == NULL)
    settings->site_id = g_strdup ("");
  if (settings->grant_id == NULL)
    settings->grant_id = g_strdup ("");

  if (threshold != NULL
      && (!g_ascii_string_to_unsigned (threshold, 10, PD_REPORT_THRESHOLD_MIN,
                                       PD_REPORT_THRESHOLD_MAX, &value, NULL)))
    {
      g_autofree char *excerpt = pd_text_excerpt (threshold, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The suppression threshold kept in the database, “%s”, is not a number "
                     "from %d to %d"),
                   excerpt, PD_REPORT_THRESHOLD_MIN, PD_REPORT_THRESHOLD_MAX);
      pd_report_settings_clear (settings);
      return FALSE;
    }
  if (window != NULL
      && !g_ascii_string_to_unsigned (window, 10, PD_REPORT_RENEWAL_WINDOW_MIN,
                                      PD_REPORT_RENEWAL_WINDOW_MAX, &days, NULL))
    {
      g_autofree char *excerpt = pd_text_excerpt (window, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The renewal window kept in the database, “%s”, is not a number of days "
                     "from %d to %d"),
                   excerpt, PD_REPORT_RENEWAL_WINDOW_MIN, PD_REPORT_RENEWAL_WINDOW_MAX);
      pd_report_settings_clear (settings);
      return FALSE;
    }
  settings->threshold = threshold != NULL ? (guint) value : PD_REPORT_THRESHOLD_DEFAULT;
  settings->renewal_window_days = (guint) days;
  return TRUE;
}

gboolean
pd_report_settings_load (PdDatabase        *db,
                         PdReportSettings  *settings,
                         GError           **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_REPORTS, _("see the report settings"), error))
    return FALSE;
  return load_settings (db, settings, error);
}

gboolean
pd_report_check_threshold (guint    threshold,
                           GError **error)
{
  if (threshold < PD_REPORT_THRESHOLD_MIN || threshold > PD_REPORT_THRESHOLD_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The suppression threshold must be a number from %d to %d, not %u"),
                   PD_REPORT_THRESHOLD_MIN, PD_REPORT_THRESHOLD_MAX, threshold);
      return FALSE;
    }
  return TRUE;
}

char *
pd_report_settings_dup_organisation (PdDatabase *db)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  return pd_database_get_meta (db, ORGANISATION_KEY);
}

/* The renewal window for a view that has no place to show an error: a
 * wrong value kept in the database counts as the default. */
guint
pd_report_settings_get_renewal_window (PdDatabase *db)
{
  g_auto(PdReportSettings) settings = { NULL };
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), PD_REPORT_RENEWAL_WINDOW_DEFAULT);

  /* A number of days, which the coordinator's lists go by as well. */
  if (!load_settings (db, &settings, &error))
    {
      g_warning ("Could not read the renewal window: %s", error->message);
      return PD_REPORT_RENEWAL_WINDOW_DEFAULT;
    }
  return settings.renewal_window_days;
}

static gboolean
check_renewal_window (guint    days,
                      GError **error)
{
  if (days < PD_REPORT_RENEWAL_WINDOW_MIN || days > PD_REPORT_RENEWAL_WINDOW_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The renewal window must be a number of days from %d to %d, not %u"),
                   PD_REPORT_RENEWAL_WINDOW_MIN, PD_REPORT_RENEWAL_WINDOW_MAX, days);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_report_settings_save (PdDatabase              *db,
                         const PdReportSettings  *settings,
                         GError                 **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *threshold = NULL;
  g_autofree char *window = NULL;
  struct { const char *key; const char *value; } values[] = {
    { ORGANISATION_KEY, settings->organisation },
    { SITE_ID_KEY, settings->site_id },
    { GRANT_ID_KEY, settings->grant_id },
    { THRESHOLD_KEY, NULL },
    { RENEWAL_WINDOW_KEY, NULL },
  };

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_REPORTS, _("change the report settings"), error))
    return FALSE;
  if (!pd_report_check_threshold (settings->threshold, error) ||
      !check_renewal_window (settings->renewal_window_days, error))
    return FALSE;
  threshold = g_strdup_printf ("%u", settings->threshold);
  window = g_strdup_printf ("%u", settings->renewal_window_days);
  values[3].value = threshold;
  values[4].value = window;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (values[i].value ? values[i].value : ""));
      g_autofree char *old = pd_database_get_meta (db, values[i].key);

      /* The audit trail names the settings changed, by key, never a value. */
      if (g_strcmp0 (old ? old : "", value) != 0)
        g_string_append_printf (changed, "%s%s", changed->len ? "," : "",
                                values[i].key + strlen ("report_"));
      if (!pd_database_set_meta (db, values[i].key, value, error))
        return FALSE;
    }
  if (changed->len > 0 &&
      !pd_audit_add (db, PD_AUDIT_SETTINGS_CHANGED, 0, changed->str, -1, error))
    return FALSE;
  return pd_transaction_commit (transaction, error);
}
