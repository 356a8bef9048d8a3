/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-volunteers.h"

#define PD_CLI_VOLUNTEERS "peerdesk-cli volunteers"
#define PD_CLI_HOURS "peerdesk-cli hours"
#define PD_CLI_TRAINING "peerdesk-cli training"
#define PD_CLI_CREDENTIALS "peerdesk-cli credentials"

static char *
dup_codes (const PdCode *codes)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; codes[i].code != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", codes[i].code);
  return g_string_free (list, FALSE);
}

static gboolean
is_code (const PdCode *codes,
         const char   *code)
{
  for (guint i = 0; codes[i].code != NULL; i++)
    if (g_str_equal (codes[i].code, code))
      return TRUE;
  return FALSE;
}

/* Dates are taken as the rest of Peerdesk writes them; @what names the
 * argument or option in the message. */
static gboolean
check_date (const char  *text,
            const char  *what,
            GError     **error)
{
  GDate date;

  if (!pd_date_parse (text, &date))
    {
      g_autofree char *excerpt = pd_text_excerpt (text, -1);

      /* Translators: --start: “2026-13-01” is not a date (YYYY-MM-DD) */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
                   what, excerpt);
      return FALSE;
    }
  return TRUE;
}

/* Hours in quarter steps, with the argument or option named in the message
 * and the text typed quoted in it, whatever the parser said. */
static gboolean
parse_hours (const char  *text,
             const char  *what,
             guint       *quarter_hours,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *excerpt = NULL;

  if (pd_hours_parse (text, quarter_hours, &local_error))
    return TRUE;
  /* As the parser shows it. */
  trimmed = g_strstrip (g_strdup (text));
  excerpt = pd_text_excerpt (trimmed, -1);
  if (local_error == NULL)
    g_set_error (&local_error, PD_ERROR, PD_ERROR_INVALID,
                 _("“%s” is not a number of hours in quarter-hour steps, such as 1.5 or 0.75"),
                 excerpt);
  else if (!pd_error_is_users (local_error))
    {
      /* The text was typed by a person, whatever the parser made of it. */
      local_error->domain = PD_ERROR;
      local_error->code = PD_ERROR_INVALID;
    }
  if (*excerpt != '\0' && strstr (local_error->message, excerpt) != NULL)
    g_prefix_error (&local_error, "%s: ", what);
  else
    g_prefix_error (&local_error, "%s: “%s”: ", what, excerpt);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
parse_id (const char  *text,
          const char  *what,
          gint64      *id,
          GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *excerpt = pd_text_excerpt (text, -1);

      /* Translators: --session: “abc” is not an id (a whole number) */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not an id (a whole number)"),
                   what, excerpt);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/* Not-found errors of the core name what was looked for; the argument
 * is named here so that a person knows which of several was wrong. */
static PdVolunteer *
find_volunteer (PdDatabase  *db,
                const char  *text,
                GError     **error)
{
  PdVolunteer *volunteer = pd_volunteers_find (db, text, error);

  if (volunteer == NULL && error != NULL && *error != NULL && pd_error_is_users (*error))
    g_prefix_error (error, "VOLUNTEER: ");
  return volunteer;
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
          const PdRole *role = g_ptr_array_index (roles, j);

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

static gboolean
run_volunteers_list (PdCli   *cli,
                     GStrv   *args,
                     GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *status = NULL;
  g_autofree char *search = NULL;
  g_autofree char *statuses = dup_codes (pd_volunteer_statuses ());
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Show only the volunteers of STATUS: active, on_leave or former"), N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Show only the volunteers whose name contains TEXT, in any case and accents"),
      N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };

  description = g_strdup_printf (_("Prints one volunteer a line: their id, name, status and "
                                   "roles, separated by tabs, the roles by commas. Statuses are "
                                   "written as --status takes them (%s), and are not "
                                   "translated."),
                                 statuses);
  context = pd_cli_option_context_new ("volunteers list",
                                       _("Show the volunteers, by name."), description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "volunteers list", NULL, error))
    return FALSE;

  if (status != NULL && !is_code (pd_volunteer_statuses (), status))
    {
      g_autofree char *excerpt = pd_text_excerpt (status, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--status: “%s” is not a status (one of: %s)"), excerpt, statuses);
      return FALSE;
    }

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;

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
          const PdRole *role = g_ptr_array_index (roles, j);
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
              const PdRole *role = g_ptr_array_index (roles, j);

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

static gboolean
run_volunteers_add (PdCli   *cli,
                    GStrv   *args,
                    GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *statuses = dup_codes (pd_volunteer_statuses ());
  g_autofree char *description = NULL;
  g_autofree char *start = NULL;
  g_autofree char *roles_text = NULL;
  g_autofree char *member_number = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;
  g_autofree char *background_check = NULL;
  g_autofree char *status = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start,
      N_("Volunteering since DATE, YYYY-MM-DD (today unless told)"), N_("DATE") },
    { "roles", 'r', 0, G_OPTION_ARG_STRING, &roles_text,
      N_("Give the volunteer ROLES, separated by commas, such as \"Peer recovery coach,Front "
         "desk\""), N_("ROLES") },
    { "member", 'm', 0, G_OPTION_ARG_STRING, &member_number,
      N_("Link the volunteer to the member record NUMBER, such as M-000123"), N_("NUMBER") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Their phone number"), N_("PHONE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Their email address"), N_("EMAIL") },
    { "background-check", 0, 0, G_OPTION_ARG_STRING, &background_check,
      N_("Their background check was done on DATE, YYYY-MM-DD"), N_("DATE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Add them as STATUS: active, on_leave or former (active unless told)"), N_("STATUS") },
    G_OPTION_ENTRY_NULL
  };

  description = g_strdup_printf (_("Statuses: %s. The roles are those of the preferences, "
                                   "named in any case. A member record can be linked to one "
                                   "volunteer only."),
                                 statuses);
  /* Translators: only NAME may be translated */
  context = pd_cli_option_context_new (_("volunteers add NAME"),
                                       _("Add a volunteer: a peer who gives their time to the "
                                         "centre."),
                                       description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "volunteers add", _("NAME"), error))
    return FALSE;

  if (pd_text_is_blank ((*args)[1]))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("NAME: a volunteer needs a name"));
      return FALSE;
    }
  if (start != NULL && !check_date (start, "--start", error))
    return FALSE;
  if (background_check != NULL && !check_date (background_check, "--background-check", error))
    return FALSE;
  if (status != NULL && !is_code (pd_volunteer_statuses (), status))
    {
      g_autofree char *excerpt = pd_text_excerpt (status, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--status: “%s” is not a status (one of: %s)"), excerpt, statuses);
      return FALSE;
    }

  volunteer = pd_volunteer_new ();
  {
    g_autofree char *name = g_strstrip (g_strdup ((*args)[1]));

    replace (&volunteer->display_name, name);
  }
  if (start != NULL)
    replace (&volunteer->start_date, start);
  else
    {
      g_free (volunteer->start_date);
      volunteer->start_date = pd_date_today ();
    }
  if (phone != NULL)
    replace (&volunteer->phone, phone);
  if (email != NULL)
    replace (&volunteer->email, email);
  if (background_check != NULL)
    replace (&volunteer->background_check_date, background_check);
  if (status != NULL)
    replace (&volunteer->status, status);
  if (volunteer->role_ids == NULL)
    volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Checked before the database is opened, so that a mistyped option
   * leaves no new database behind. */
  if (!pd_volunteer_validate (volunteer, error))
    return FALSE;

  db = pd_cli_open_database (cli, TRUE, error);
  if (db == NULL)
    return FALSE;

  if (roles_text != NULL)
    {
      roles = pd_roles_list (db, FALSE, error);
      if (roles == NULL || !parse_roles (roles, roles_text, volunteer->role_ids, error))
        return FALSE;
    }
  if (member_number != NULL)
    {
      g_autoptr(PdMember) member = pd_members_get_by_number (db, member_number, error);

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

static const PdCliCommand volunteers_commands[] = {
  { "list", N_("Show the volunteers"), run_volunteers_list },
  { "add", N_("Add a volunteer"), run_volunteers_add },
};

gboolean
pd_cli_volunteers (PdCli   *cli,
                   GStrv   *args,
                   GError **error)
{
  /* Translators: only COMMAND and ARGUMENTS may be translated */
  return pd_cli_run_commands (cli, args, _("volunteers COMMAND [ARGUMENTS…]"),
                              _("Show and add volunteers."),
                              volunteers_commands, G_N_ELEMENTS (volunteers_commands),
                              PD_CLI_VOLUNTEERS, error);
}

/* hours */

static gboolean
run_hours_add (PdCli   *cli,
               GStrv   *args,
               GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *session_text = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *hours_text = NULL;
  PdHours *hours;
  const char *date, *activity;
  guint quarter_hours;
  gint64 session_id = 0;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_STRING, &session_text,
      N_("The hours were given at the session ID, as “sessions list” shows it"), N_("ID") },
    { "approved-by", 0, 0, G_OPTION_ARG_STRING, &approved_by,
      N_("NAME approved the hours"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: only VOLUNTEER, DATE, ACTIVITY and HOURS may be translated */
  context = pd_cli_option_context_new (_("hours add VOLUNTEER DATE ACTIVITY HOURS"),
                                       _("Log the hours a volunteer gave on a day."),
                                       _("VOLUNTEER is their id, as “volunteers list” shows it, "
                                         "or their name. DATE is YYYY-MM-DD. ACTIVITY says what "
                                         "they did, such as Front desk. HOURS are counted in "
                                         "quarter hours, such as 2, 1.5 or 0.25."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_n_args (*args, "hours add", 4, _("VOLUNTEER, DATE, ACTIVITY and HOURS"),
                            error))
    return FALSE;
  date = (*args)[2];
  activity = (*args)[3];

  if (!check_date (date, "DATE", error))
    return FALSE;
  if (pd_text_is_blank (activity))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("ACTIVITY: say what the volunteer did, such as Front desk"));
      return FALSE;
    }
  if (!parse_hours ((*args)[4], "HOURS", &quarter_hours, error))
    return FALSE;
  if (session_text != NULL && !parse_id (session_text, "--session", &session_id, error))
    return FALSE;

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;

  volunteer = find_volunteer (db, (*args)[1], error);
  if (volunteer == NULL)
    return FALSE;

  hours = g_new0 (PdHours, 1);
  hours->volunteer_id = volunteer->id;
  hours->date = g_strdup (date);
  hours->activity = g_strstrip (g_strdup (activity));
  hours->quarter_hours = quarter_hours;
  hours->session_id = session_id;
  hours->approved_by = g_strdup (approved_by != NULL ? approved_by : "");
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_free);
  g_ptr_array_add (rows, hours);

  if (!pd_hours_validate (hours, error) || !pd_hours_add_many (db, rows, error))
    return FALSE;

  hours_text = pd_hours_format (quarter_hours);
  /* Translators: Logged 1.5 h of Front desk for Ana Ruiz on 2026-11-20 */
  g_print (_("Logged %s h of %s for %s on %s\n"), hours_text, hours->activity,
           volunteer->display_name, date);
  return TRUE;
}

static const PdCliCommand hours_commands[] = {
  { "add", N_("Log a volunteer's hours"), run_hours_add },
};

gboolean
pd_cli_hours (PdCli   *cli,
              GStrv   *args,
              GError **error)
{
  /* Translators: only COMMAND and ARGUMENTS may be translated */
  return pd_cli_run_commands (cli, args, _("hours COMMAND [ARGUMENTS…]"),
                              _("Log the hours volunteers give."),
                              hours_commands, G_N_ELEMENTS (hours_commands),
                              PD_CLI_HOURS, error);
}

/* training */

static char *
dup_domain_codes (GPtrArray *domains)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < domains->len; i++)
    {
      const PdDomain *domain = g_ptr_array_index (domains, i);

      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", domain->code);
    }
  return g_string_free (out, FALSE);
}

static gboolean
run_training_courses (PdCli   *cli,
                      GStrv   *args,
                      GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GPtrArray) courses = NULL;

  context = pd_cli_option_context_new ("training courses",
                                       _("Show the training courses."),
                                       _("Prints one course a line: its id, title, hours, "
                                         "domains (separated by commas), provider, delivery "
                                         "(in_person or online) and “yearly” if it is required "
                                         "every year, separated by tabs. Domains and deliveries "
                                         "are written as “training add-course” takes them, and "
                                         "are not translated."));
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "training courses", NULL, error))
    return FALSE;

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;

  courses = pd_courses_list (db, error);
  if (courses == NULL)
    return FALSE;

  for (guint i = 0; i < courses->len; i++)
    {
      const PdCourse *course = g_ptr_array_index (courses, i);
      g_autofree char *hours = pd_hours_format (course->quarter_hours);
      g_autofree char *domains = course->domains != NULL
                                 ? g_strjoinv (",", course->domains) : g_strdup ("");

      g_print ("%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t%s\n", course->id, course->title,
               hours, domains, course->provider != NULL ? course->provider : "",
               course->delivery, course->required_yearly ? "yearly" : "");
    }
  return TRUE;
}

static gboolean
run_training_add_course (PdCli   *cli,
                         GStrv   *args,
                         GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdCourse) course = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GStrvBuilder) codes = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *domains_text = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *hours = NULL;
  g_auto(GStrv) parts = NULL;
  gboolean online = FALSE;
  gboolean yearly = FALSE;
  guint quarter_hours;
  gint64 id;
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text,
      N_("The course lasts H hours, in quarter-hour steps (required)"), N_("H") },
    { "domains", 0, 0, G_OPTION_ARG_STRING, &domains_text,
      N_("The course counts in DOMAINS, separated by commas, such as ethics,advocacy "
         "(required)"), N_("DOMAINS") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider,
      N_("Who gives the course"), N_("PROVIDER") },
    { "online", 0, 0, G_OPTION_ARG_NONE, &online,
      N_("The course is given online, not in person"), NULL },
    { "yearly", 0, 0, G_OPTION_ARG_NONE, &yearly,
      N_("Every volunteer must take the course every year"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: only TITLE, H and DOMAINS may be translated */
  context = pd_cli_option_context_new (_("training add-course TITLE --hours H --domains DOMAINS"),
                                       _("Add a training course that volunteers can complete."),
                                       _("The domains are those a credential counts hours in, "
                                         "named by their codes, as “training add-course "
                                         "--domains x” lists them when x is not one. The hours "
                                         "of a completion can differ from the course's."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "training add-course", _("TITLE"), error))
    return FALSE;

  if (pd_text_is_blank ((*args)[1]))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("TITLE: a course needs a title"));
      return FALSE;
    }
  if (hours_text == NULL || domains_text == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“training add-course” needs %s; see “%s add-course --help”"),
                   hours_text == NULL ? "--hours" : "--domains", PD_CLI_TRAINING);
      return FALSE;
    }
  if (!parse_hours (hours_text, "--hours", &quarter_hours, error))
    return FALSE;

  db = pd_cli_open_database (cli, TRUE, error);
  if (db == NULL)
    return FALSE;

  domains = pd_domains_list (db, error);
  if (domains == NULL)
    return FALSE;
  codes = g_strv_builder_new ();
  parts = g_strsplit (domains_text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strdown (g_strstrip (parts[i]), -1);
      gboolean found = FALSE;

      if (*code == '\0')
        continue;
      for (guint j = 0; j < domains->len && !found; j++)
        {
          const PdDomain *domain = g_ptr_array_index (domains, j);

          found = g_str_equal (domain->code, code);
        }
      if (!found)
        {
          g_autofree char *known = dup_domain_codes (domains);
          g_autofree char *excerpt = pd_text_excerpt (parts[i], -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("--domains: there is no domain “%s” (one of: %s)"), excerpt, known);
          return FALSE;
        }
      g_strv_builder_add (codes, code);
    }

  course = g_new0 (PdCourse, 1);
  course->title = g_strstrip (g_strdup ((*args)[1]));
  course->provider = g_strdup (provider != NULL ? provider : "");
  course->quarter_hours = quarter_hours;
  course->delivery = g_strdup (online ? "online" : "in_person");
  course->required_yearly = yearly;
  course->domains = g_strv_builder_end (codes);
  if (course->domains[0] == NULL)
    {
      g_autofree char *known = dup_domain_codes (domains);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--domains: name at least one domain (of: %s)"), known);
      return FALSE;
    }

  id = pd_courses_insert (db, course, error);
  if (id == 0)
    return FALSE;

  id_text = g_strdup_printf ("%" PRId64, id);
  hours = pd_hours_format (quarter_hours);
  /* Translators: Added the course “Naloxone training” (2 h) with id 3 */
  g_print (_("Added the course “%s” (%s h) with id %s\n"), course->title, hours, id_text);
  return TRUE;
}

static gboolean
run_training_complete (PdCli   *cli,
                       GStrv   *args,
                       GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(PdCourse) course = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *hours = NULL;
  const char *date;
  guint quarter_hours = 0;
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text,
      N_("Credit H hours, in quarter-hour steps (the course's hours unless told)"), N_("H") },
    { "certificate", 0, 0, G_OPTION_ARG_STRING, &certificate,
      N_("The certificate's number or where it is kept"), N_("REF") },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: only VOLUNTEER, COURSE and DATE may be translated */
  context = pd_cli_option_context_new (_("training complete VOLUNTEER COURSE DATE"),
                                       _("Record that a volunteer completed a training course."),
                                       _("VOLUNTEER is their id, as “volunteers list” shows it, "
                                         "or their name; COURSE is its id, as “training "
                                         "courses” shows it, or its title. DATE is YYYY-MM-DD."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_n_args (*args, "training complete", 3, _("VOLUNTEER, COURSE and DATE"),
                            error))
    return FALSE;
  date = (*args)[3];

  if (!check_date (date, "DATE", error))
    return FALSE;
  if (hours_text != NULL && !parse_hours (hours_text, "--hours", &quarter_hours, error))
    return FALSE;

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;

  volunteer = find_volunteer (db, (*args)[1], error);
  if (volunteer == NULL)
    return FALSE;
  course = pd_courses_find (db, (*args)[2], error);
  if (course == NULL)
    {
      if (error != NULL && *error != NULL && pd_error_is_users (*error))
        g_prefix_error (error, "COURSE: ");
      return FALSE;
    }
  if (hours_text == NULL)
    quarter_hours = course->quarter_hours;

  if (pd_completions_add (db, volunteer->id, course->id, date, quarter_hours,
                          certificate != NULL ? certificate : "", error) == 0)
    return FALSE;

  hours = pd_hours_format (quarter_hours);
  /* Translators: Recorded that Ana Ruiz completed “Naloxone training” (2 h) on 2026-11-20 */
  g_print (_("Recorded that %s completed “%s” (%s h) on %s\n"), volunteer->display_name,
           course->title, hours, date);
  return TRUE;
}

static const PdCliCommand training_commands[] = {
  { "courses", N_("Show the training courses"), run_training_courses },
  { "add-course", N_("Add a training course"), run_training_add_course },
  { "complete", N_("Record a completed course"), run_training_complete },
};

gboolean
pd_cli_training (PdCli   *cli,
                 GStrv   *args,
                 GError **error)
{
  /* Translators: only COMMAND and ARGUMENTS may be translated */
  return pd_cli_run_commands (cli, args, _("training COMMAND [ARGUMENTS…]"),
                              _("Keep the training courses volunteers complete."),
                              training_commands, G_N_ELEMENTS (training_commands),
                              PD_CLI_TRAINING, error);
}

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

static gboolean
run_credentials_due (PdCli   *cli,
                     GStrv   *args,
                     GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *today = NULL;
  int within = PD_CLI_WINDOW_DAYS_DEFAULT;
  const GOptionEntry entries[] = {
    { "within", 'w', 0, G_OPTION_ARG_INT, &within,
      N_("Show what falls due within DAYS days from today (90 unless told)"), N_("DAYS") },
    G_OPTION_ENTRY_NULL
  };

  context = pd_cli_option_context_new ("credentials due",
                                       _("Show the credentials that expire soon or have expired, "
                                         "and the yearly training that is due."),
                                       _("Prints one alert a line: the date, the kind, the "
                                         "volunteer and the credential or course, separated by "
                                         "tabs. The date is when a credential expires or "
                                         "expired, or when a course required every year is due. "
                                         "The kinds are expiring, expired and training_due, and "
                                         "are not translated."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "credentials due", NULL, error))
    return FALSE;

  if (!pd_cli_check_window_days (within, error))
    return FALSE;

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;

  today = pd_date_today ();
  alerts = pd_alerts_list (db, today, (guint) within, error);
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
  GString *out = g_string_new (NULL);
  int width = 0;

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), NULL);
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

static gboolean
run_credentials_add (PdCli   *cli,
                     GStrv   *args,
                     GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autofree char *template_lines = dup_template_lines ();
  g_autofree char *description = NULL;
  g_autofree char *code = NULL;
  g_autofree char *number = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *expires = NULL;
  const PdCredentialTemplate *template = NULL;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &code,
      N_("The credential is the one of the template CODE (required; see below)"), N_("CODE") },
    { "number", 'n', 0, G_OPTION_ARG_STRING, &number,
      N_("The credential's number, as the issuing body gave it"), N_("N") },
    { "issued", 0, 0, G_OPTION_ARG_STRING, &issued,
      N_("It was issued on DATE, YYYY-MM-DD (not yet earned unless told)"), N_("DATE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires,
      N_("It expires on DATE, YYYY-MM-DD (one renewal cycle after it was issued unless told)"),
      N_("DATE") },
    G_OPTION_ENTRY_NULL
  };

  description = g_strdup_printf (_("VOLUNTEER is their id, as “volunteers list” shows it, or "
                                   "their name. A credential without --issued is one the "
                                   "volunteer is working towards.%s"),
                                 template_lines);
  /* Translators: only VOLUNTEER and CODE may be translated */
  context = pd_cli_option_context_new (_("credentials add VOLUNTEER --template CODE"),
                                       _("Add a credential a volunteer holds or works towards, "
                                         "such as a peer recovery specialist certification."),
                                       description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "credentials add", _("VOLUNTEER"), error))
    return FALSE;

  if (issued != NULL && !check_date (issued, "--issued", error))
    return FALSE;
  if (expires != NULL && !check_date (expires, "--expires", error))
    return FALSE;
  if (issued != NULL && expires != NULL && strcmp (expires, issued) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--expires: %s is before the credential was issued, on %s"), expires,
                   issued);
      return FALSE;
    }

  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), error);
  if (templates == NULL)
    return FALSE;
  if (code == NULL)
    {
      g_autofree char *codes = dup_template_codes (templates);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“credentials add” needs --template, one of: %s"), codes);
      return FALSE;
    }
  for (guint i = 0; i < templates->len && template == NULL; i++)
    {
      const PdCredentialTemplate *t = g_ptr_array_index (templates, i);

      if (g_ascii_strcasecmp (t->code, code) == 0)
        template = t;
    }
  if (template == NULL)
    {
      g_autofree char *codes = dup_template_codes (templates);
      g_autofree char *excerpt = pd_text_excerpt (code, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--template: there is no credential template “%s” (one of: %s)"), excerpt,
                   codes);
      return FALSE;
    }

  db = pd_cli_open_database (cli, FALSE, error);
  if (db == NULL)
    return FALSE;

  volunteer = find_volunteer (db, (*args)[1], error);
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

  if (pd_credentials_insert (db, credential, error) == 0)
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

static const PdCliCommand credentials_commands[] = {
  { "due", N_("Show what expires or falls due soon"), run_credentials_due },
  { "add", N_("Add a volunteer's credential"), run_credentials_add },
};

gboolean
pd_cli_credentials (PdCli   *cli,
                    GStrv   *args,
                    GError **error)
{
  /* Translators: only COMMAND and ARGUMENTS may be translated */
  return pd_cli_run_commands (cli, args, _("credentials COMMAND [ARGUMENTS…]"),
                              _("Keep the credentials of volunteers and see what falls due."),
                              credentials_commands, G_N_ELEMENTS (credentials_commands),
                              PD_CLI_CREDENTIALS, error);
}
