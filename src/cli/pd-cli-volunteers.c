/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-report.h"
#include "pd-text.h"
#include "pd-training.h"

static gboolean
is_code (const PdCode *codes,
         const char   *code)
{
  for (guint i = 0; codes[i].code != NULL; i++)
    if (g_str_equal (codes[i].code, code))
      return TRUE;
  return FALSE;
}

static char *
dup_role_labels (const PdVolunteer *volunteer,
                 GPtrArray         *roles)
{
  GString *out = g_string_new (NULL);

  if (volunteer->role_ids == NULL)
    return g_string_free (out, FALSE);
  for (guint i = 0; i < volunteer->role_ids->len; i++)
    {
      gint64 id = g_array_index (volunteer->role_ids, gint64, i);

      for (guint j = 0; j < roles->len; j++)
        {
          const PdVolunteerRole *role = g_ptr_array_index (roles, j);

          if (role->id == id)
            {
              g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", role->label);
              break;
            }
        }
    }
  return g_string_free (out, FALSE);
}

/* volunteers */

/* A status given as an option, as statuses are written. */
static gboolean
check_status (const char  *status,
              GError     **error)
{
  g_autofree char *statuses = NULL;
  g_autofree char *excerpt = NULL;

  if (status == NULL || is_code (pd_volunteer_statuses (), status))
    return TRUE;
  statuses = pd_cli_dup_codes (pd_volunteer_statuses ());
  excerpt = pd_text_excerpt (status, -1);
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("--status: “%s” is not a status (one of: %s)"), excerpt, statuses);
  return FALSE;
}

typedef struct
{
  char *status;
  char *search;
} VolunteersList;

static GOptionContext *
volunteers_list_options (PdCliCall *call)
{
  VolunteersList *self = pd_cli_call_new (call, VolunteersList, NULL);
  g_autofree char *statuses = pd_cli_dup_codes (pd_volunteer_statuses ());
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &self->status,
      N_("Show only the volunteers of STATUS: active, on_leave or former"), N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &self->search,
      N_("Show only the volunteers whose name contains TEXT, in any case and accents"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  description = g_strdup_printf (_("Prints one volunteer a line: their id, name, status and "
                                   "roles, separated by tabs, the roles by commas. Statuses are "
                                   "written as --status takes them (%s), and are not "
                                   "translated."),
                                 statuses);
  return pd_cli_call_context_new (call,
                                  "volunteers list",
                                  _("Show the volunteers, by name."),
                                  description,
                                  entries);
}

static gboolean
volunteers_list_check (PdCliCall  *call,
                       GError    **error)
{
  VolunteersList *self = call->data;

  return check_status (self->status, error);
}

static gboolean
volunteers_list_run (PdCliCall  *call,
                     GError    **error)
{
  VolunteersList *self = call->data;
  PdDatabase *db = call->db;
  const char *search = self->search;
  const char *status = self->status;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) roles = NULL;

  roles = pd_roles_list (db, TRUE, error);
  if (roles == NULL)
    return FALSE;
  volunteers = pd_volunteers_list (db, search, status, error);
  if (volunteers == NULL)
    return FALSE;

  for (guint i = 0; i < volunteers->len; i++)
    {
      const PdVolunteer *volunteer = g_ptr_array_index (volunteers, i);
      g_autofree char *labels = dup_role_labels (volunteer, roles);

      g_print ("%" PRId64 "\t%s\t%s\t%s\n", volunteer->id, volunteer->display_name,
               volunteer->status, labels);
    }
  return TRUE;
}

const PdCliHandler pd_cli_volunteers_list_handler = {
  volunteers_list_options, volunteers_list_check, volunteers_list_run,
};

/* Roles are named by their labels, in any case, as the preferences list them. */
static gboolean
parse_roles (GPtrArray    *roles,
             const char   *text,
             GArray       *role_ids,
             GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *label = g_strstrip (parts[i]);
      g_autofree char *folded = NULL;
      gboolean found = FALSE;

      if (*label == '\0')
        continue;
      folded = g_utf8_casefold (label, -1);
      for (guint j = 0; j < roles->len && !found; j++)
        {
          const PdVolunteerRole *role = g_ptr_array_index (roles, j);
          g_autofree char *role_folded = g_utf8_casefold (role->label, -1);

          if (g_str_equal (folded, role_folded))
            {
              gboolean linked = FALSE;

              for (guint k = 0; k < role_ids->len; k++)
                linked |= g_array_index (role_ids, gint64, k) == role->id;
              if (!linked)
                g_array_append_val (role_ids, role->id);
              found = TRUE;
            }
        }
      if (!found)
        {
          GString *labels = g_string_new (NULL);
          g_autofree char *excerpt = pd_text_excerpt (label, -1);

          for (guint j = 0; j < roles->len; j++)
            {
              const PdVolunteerRole *role = g_ptr_array_index (roles, j);

              g_string_append_printf (labels, "%s%s", labels->len > 0 ? ", " : "", role->label);
            }
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("--roles: there is no role “%s” (one of: %s)"), excerpt, labels->str);
          g_string_free (labels, TRUE);
          return FALSE;
        }
    }
  return TRUE;
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

typedef struct
{
  char *start;
  char *roles_text;
  char *member_number;
  char *phone;
  char *email;
  char *background_check;
  char *status;
  PdVolunteer *volunteer;
} VolunteersAdd;

static void
volunteers_add_clear (gpointer data)
{
  VolunteersAdd *self = data;

  g_clear_pointer (&self->volunteer, pd_volunteer_free);
}

static GOptionContext *
volunteers_add_options (PdCliCall *call)
{
  VolunteersAdd *self = pd_cli_call_new (call, VolunteersAdd, volunteers_add_clear);
  g_autofree char *statuses = pd_cli_dup_codes (pd_volunteer_statuses ());
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &self->start,
      N_("Volunteering since DATE, YYYY-MM-DD (today unless told)"), N_("DATE") },
    { "roles", 'r', 0, G_OPTION_ARG_STRING, &self->roles_text,
      N_("Give the volunteer ROLES, separated by commas, such as \"Peer recovery coach,Front "
         "desk\""), N_("ROLES") },
    { "member", 'm', 0, G_OPTION_ARG_STRING, &self->member_number,
      N_("Link the volunteer to the member record NUMBER, such as M-000123"), N_("NUMBER") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &self->phone, N_("Their phone number"), N_("PHONE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &self->email, N_("Their email address"), N_("EMAIL") },
    { "background-check", 0, 0, G_OPTION_ARG_STRING, &self->background_check,
      N_("Their background check was done on DATE, YYYY-MM-DD"), N_("DATE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &self->status,
      N_("Add them as STATUS: active, on_leave or former (active unless told)"), N_("STATUS") },
    G_OPTION_ENTRY_NULL
  };

  description = g_strdup_printf (_("Statuses: %s. The roles are those of the preferences, "
                                   "named in any case. A member record can be linked to one "
                                   "volunteer only."),
                                 statuses);
  return pd_cli_call_context_new (call,
                                  /* Translators: only NAME may be translated */
                                  _("volunteers add NAME"),
                                  _("Add a volunteer: a peer who gives their time to the "
                                    "centre."),
                                  description,
                                  entries);
}

static gboolean
volunteers_add_check (PdCliCall  *call,
                      GError    **error)
{
  VolunteersAdd *self = call->data;
  PdVolunteer *volunteer;

  if (pd_text_is_blank (call->args[1]))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("NAME: a volunteer needs a name"));
      return FALSE;
    }
  if (self->start != NULL && !pd_cli_check_date (self->start, "--start", error))
    return FALSE;
  if (self->background_check != NULL &&
      !pd_cli_check_date (self->background_check, "--background-check", error))
    return FALSE;
  if (!check_status (self->status, error))
    return FALSE;

  volunteer = self->volunteer = pd_volunteer_new ();
  {
    g_autofree char *name = g_strstrip (g_strdup (call->args[1]));

    replace (&volunteer->display_name, name);
  }
  if (self->start != NULL)
    replace (&volunteer->start_date, self->start);
  else
    {
      g_free (volunteer->start_date);
      volunteer->start_date = pd_date_today ();
    }
  if (self->phone != NULL)
    replace (&volunteer->phone, self->phone);
  if (self->email != NULL)
    replace (&volunteer->email, self->email);
  if (self->background_check != NULL)
    replace (&volunteer->background_check_date, self->background_check);
  if (self->status != NULL)
    replace (&volunteer->status, self->status);
  if (volunteer->role_ids == NULL)
    volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Checked before the database is opened, so that a mistyped option
   * leaves no new database behind. */
  return pd_volunteer_validate (volunteer, error);
}

static gboolean
volunteers_add_run (PdCliCall  *call,
                    GError    **error)
{
  VolunteersAdd *self = call->data;
  PdVolunteer *volunteer = self->volunteer;
  PdDatabase *db = call->db;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;

  if (self->roles_text != NULL)
    {
      roles = pd_roles_list (db, FALSE, error);
      if (roles == NULL || !parse_roles (roles, self->roles_text, volunteer->role_ids, error))
        return FALSE;
    }
  if (self->member_number != NULL)
    {
      g_autoptr(PdMember) member = pd_members_get_by_number (db, self->member_number, error);

      if (member == NULL)
        {
          g_prefix_error (error, "--member: ");
          return FALSE;
        }
      volunteer->member_id = pd_member_get_id (member);
    }

  id = pd_volunteers_insert (db, volunteer, error);
  if (id == 0)
    return FALSE;

  id_text = g_strdup_printf ("%" PRId64, id);
  g_print (_("Added the volunteer “%s” with id %s\n"), volunteer->display_name, id_text);
  return TRUE;
}

const PdCliHandler pd_cli_volunteers_add_handler = {
  volunteers_add_options, volunteers_add_check, volunteers_add_run,
};

/* hours */

typedef struct
{
  char *session_text;
  char *approved_by;
  guint quarter_hours;
  gint64 session_id;
} HoursAdd;

static GOptionContext *
hours_add_options (PdCliCall *call)
{
  HoursAdd *self = pd_cli_call_new (call, HoursAdd, NULL);
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &self->session_text,
      N_("The hours were given at the session ID, as “sessions list” shows it"), N_("ID") },
    { "approved-by", 0, 0, G_OPTION_ARG_STRING, &self->approved_by,
      N_("NAME approved the hours"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only VOLUNTEER, DATE, ACTIVITY and HOURS may be translated */
                                  _("hours add VOLUNTEER DATE ACTIVITY HOURS"),
                                  _("Log the hours a volunteer gave on a day."),
                                  _("VOLUNTEER is their id, as “volunteers list” shows it, "
                                    "or their name. DATE is YYYY-MM-DD. ACTIVITY says what "
                                    "they did, such as Front desk. HOURS are counted in "
                                    "quarter hours, such as 2, 1.5 or 0.25."),
                                  entries);
}

static gboolean
hours_add_check (PdCliCall  *call,
                 GError    **error)
{
  HoursAdd *self = call->data;

  if (!pd_cli_check_date (call->args[2], "DATE", error))
    return FALSE;
  if (pd_text_is_blank (call->args[3]))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("ACTIVITY: say what the volunteer did, such as Front desk"));
      return FALSE;
    }
  if (!pd_cli_parse_hours (call->args[4], "HOURS", &self->quarter_hours, error))
    return FALSE;
  if (self->session_text != NULL &&
      !pd_cli_parse_id (self->session_text, "--session", &self->session_id, error))
    return FALSE;
  return TRUE;
}

static gboolean
hours_add_run (PdCliCall  *call,
               GError    **error)
{
  HoursAdd *self = call->data;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *hours_text = NULL;
  const char *date = call->args[2];
  PdHours *hours;

  volunteer = pd_cli_find_volunteer (call->db, call->args[1], error);
  if (volunteer == NULL)
    return FALSE;

  hours = g_new0 (PdHours, 1);
  hours->volunteer_id = volunteer->id;
  hours->date = g_strdup (date);
  hours->activity = g_strstrip (g_strdup (call->args[3]));
  hours->quarter_hours = self->quarter_hours;
  hours->session_id = self->session_id;
  hours->approved_by = g_strdup (self->approved_by != NULL ? self->approved_by : "");
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
  g_ptr_array_add (rows, hours);

  if (!pd_hours_validate (hours, error) || !pd_hours_add_many (call->db, rows, error))
    return FALSE;

  hours_text = pd_hours_format (self->quarter_hours);
  /* Translators: Logged 1.5 h of Front desk for Ana Ruiz on 2026-11-20 */
  g_print (_("Logged %s h of %s for %s on %s\n"), hours_text, hours->activity,
           volunteer->display_name, date);
  return TRUE;
}

const PdCliHandler pd_cli_hours_add_handler = {
  hours_add_options, hours_add_check, hours_add_run,
};

/* credentials */

static const char *
alert_kind_code (PdAlertKind kind)
{
  switch (kind)
    {
    case PD_ALERT_CREDENTIAL_EXPIRING:
      return "expiring";
    case PD_ALERT_CREDENTIAL_EXPIRED:
      return "expired";
    case PD_ALERT_TRAINING_DUE:
      return "training_due";
    default:
      g_assert_not_reached ();
    }
}

/* --within when it is not given: the renewal window of the settings. */
#define WITHIN_UNSET G_MININT

typedef struct
{
  int within;
} CredentialsDue;

static GOptionContext *
credentials_due_options (PdCliCall *call)
{
  CredentialsDue *self = pd_cli_call_new (call, CredentialsDue, NULL);
  const GOptionEntry entries[] = {
    { "within", 'w', 0, G_OPTION_ARG_INT, &self->within,
      N_("Show what falls due within DAYS days from today (the renewal window of the "
         "settings, 90 unless changed)"),
      N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  self->within = WITHIN_UNSET;
  return pd_cli_call_context_new (call,
                                  "credentials due",
                                  _("Show the credentials that expire soon or have expired, "
                                    "and the yearly training that is due."),
                                  _("Prints one alert a line: the date, the kind, the "
                                    "volunteer and the credential or course, separated by "
                                    "tabs. The date is when a credential expires or "
                                    "expired, or when a course required every year is due. "
                                    "The kinds are expiring, expired and training_due, and "
                                    "are not translated."),
                                  entries);
}

static gboolean
credentials_due_check (PdCliCall  *call,
                       GError    **error)
{
  CredentialsDue *self = call->data;

  return self->within == WITHIN_UNSET || pd_cli_check_window_days (self->within, error);
}

static gboolean
credentials_due_run (PdCliCall  *call,
                     GError    **error)
{
  CredentialsDue *self = call->data;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *today = NULL;

  /* The window the app's alerts and the report use, unless told. */
  if (self->within == WITHIN_UNSET)
    self->within = (int) pd_report_settings_get_renewal_window (call->db);
  today = pd_date_today ();
  alerts = pd_alerts_list (call->db, today, (guint) self->within, error);
  if (alerts == NULL)
    return FALSE;

  for (guint i = 0; i < alerts->len; i++)
    {
      const PdAlert *alert = g_ptr_array_index (alerts, i);

      g_print ("%s\t%s\t%s\t%s\n", alert->date, alert_kind_code (alert->kind),
               alert->volunteer_name, alert->what);
    }
  return TRUE;
}

const PdCliHandler pd_cli_credentials_due_handler = {
  credentials_due_options, credentials_due_check, credentials_due_run,
};

static char *
dup_template_codes (GPtrArray *templates)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (templates, i);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", template->code);
    }
  return g_string_free (out, FALSE);
}

/* The templates' codes and names, one a line, for --help; nothing if they
 * cannot be read, as --help must work all the same. */
static char *
dup_template_lines (void)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  int width = 0;

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  if (templates == NULL)
    g_debug ("Could not list the credential templates: %s", error->message);
  if (templates == NULL || templates->len == 0)
    return g_string_free (out, FALSE);
  for (guint i = 0; i < templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (templates, i);

      width = MAX (width, (int) strlen (template->code));
    }
  g_string_append_printf (out, "\n\n%s", _("Templates:"));
  for (guint i = 0; i < templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (templates, i);

      g_string_append_printf (out, "\n  %-*s  %s", width, template->code, template->name);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  char *code;
  char *number;
  char *issued;
  char *expires;
  GPtrArray *templates;
  const PdCredentialTemplate *template;   /* one of @templates */
} CredentialsAdd;

static void
credentials_add_clear (gpointer data)
{
  CredentialsAdd *self = data;

  g_clear_pointer (&self->templates, g_ptr_array_unref);
}

static GOptionContext *
credentials_add_options (PdCliCall *call)
{
  CredentialsAdd *self = pd_cli_call_new (call, CredentialsAdd, credentials_add_clear);
  g_autofree char *template_lines = dup_template_lines ();
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &self->code,
      N_("The credential is the one of the template CODE (required; see below)"), N_("CODE") },
    { "number", 'n', 0, G_OPTION_ARG_STRING, &self->number,
      N_("The credential's number, as the issuing body gave it"), N_("N") },
    { "issued", 0, 0, G_OPTION_ARG_STRING, &self->issued,
      N_("It was issued on DATE, YYYY-MM-DD (not yet earned unless told)"), N_("DATE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &self->expires,
      N_("It expires on DATE, YYYY-MM-DD (one renewal cycle after it was issued unless told)"),
      N_("DATE") },
    G_OPTION_ENTRY_NULL
  };

  description = g_strdup_printf (_("VOLUNTEER is their id, as “volunteers list” shows it, or "
                                   "their name. A credential without --issued is one the "
                                   "volunteer is working towards.%s"),
                                 template_lines);
  return pd_cli_call_context_new (call,
                                  /* Translators: only VOLUNTEER and CODE may be translated */
                                  _("credentials add VOLUNTEER --template CODE"),
                                  _("Add a credential a volunteer holds or works towards, "
                                    "such as a peer recovery specialist certification."),
                                  description,
                                  entries);
}

static gboolean
credentials_add_check (PdCliCall  *call,
                       GError    **error)
{
  CredentialsAdd *self = call->data;

  if (self->issued != NULL && !pd_cli_check_date (self->issued, "--issued", error))
    return FALSE;
  if (self->expires != NULL && !pd_cli_check_date (self->expires, "--expires", error))
    return FALSE;
  if (self->issued != NULL && self->expires != NULL && strcmp (self->expires, self->issued) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--expires: %s is before the credential was issued, on %s"), self->expires,
                   self->issued);
      return FALSE;
    }

  self->templates = pd_credential_templates_load_all (pd_credential_templates_dir (), error);
  if (self->templates == NULL)
    return FALSE;
  if (self->code == NULL)
    {
      g_autofree char *codes = dup_template_codes (self->templates);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“credentials add” needs --template, one of: %s"), codes);
      return FALSE;
    }
  for (guint i = 0; i < self->templates->len && self->template == NULL; i++)
    {
      const PdCredentialTemplate *t = g_ptr_array_index (self->templates, i);

      if (g_ascii_strcasecmp (t->code, self->code) == 0)
        self->template = t;
    }
  if (self->template == NULL)
    {
      g_autofree char *codes = dup_template_codes (self->templates);
      g_autofree char *excerpt = pd_text_excerpt (self->code, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--template: there is no credential template “%s” (one of: %s)"), excerpt,
                   codes);
      return FALSE;
    }
  return TRUE;
}

static gboolean
credentials_add_run (PdCliCall  *call,
                     GError    **error)
{
  CredentialsAdd *self = call->data;
  const PdCredentialTemplate *template = self->template;
  const char *number = self->number;
  const char *issued = self->issued;
  const char *expires = self->expires;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(PdCredential) credential = NULL;

  volunteer = pd_cli_find_volunteer (call->db, call->args[1], error);
  if (volunteer == NULL)
    return FALSE;

  credential = g_new0 (PdCredential, 1);
  credential->volunteer_id = volunteer->id;
  credential->template = g_strdup (template->code);
  credential->name = g_strdup (template->name);
  credential->issuing_body = g_strdup (template->issuing_body != NULL ? template->issuing_body
                                                                      : "");
  credential->number = g_strdup (number != NULL ? number : "");
  credential->issued_date = g_strdup (issued != NULL ? issued : "");
  credential->renewal_cycle_months = template->renewal_cycle_months;
  if (expires != NULL)
    credential->expiry_date = g_strdup (expires);
  else if (issued != NULL && template->renewal_cycle_months > 0)
    credential->expiry_date = pd_date_add_months (issued, (int) template->renewal_cycle_months);
  else
    credential->expiry_date = g_strdup ("");

  if (pd_credentials_insert (call->db, credential, error) == 0)
    return FALSE;

  if (*credential->expiry_date != '\0')
    /* Translators: Added “Certified Peer Recovery Specialist” for Ana Ruiz, expiring on
     * 2028-11-20 */
    g_print (_("Added “%s” for %s, expiring on %s\n"), credential->name,
             volunteer->display_name, credential->expiry_date);
  else
    /* Translators: Added “Certified Peer Recovery Specialist” for Ana Ruiz */
    g_print (_("Added “%s” for %s\n"), credential->name, volunteer->display_name);
  return TRUE;
}

const PdCliHandler pd_cli_credentials_add_handler = {
  credentials_add_options, credentials_add_check, credentials_add_run,
};
