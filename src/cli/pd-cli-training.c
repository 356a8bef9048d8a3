/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-text.h"
#include "pd-training.h"

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

/* training courses */

static GOptionContext *
training_courses_options (PdCliCall *call)
{
  return pd_cli_option_context_new ("training courses",
                                    _("Show the training courses."),
                                    _("Prints one course a line: its id, title, hours, "
                                      "domains (separated by commas), provider, delivery "
                                      "(in_person or online) and “yearly” if it is required "
                                      "every year, separated by tabs. Domains and deliveries "
                                      "are written as “training add-course” takes them, and "
                                      "are not translated."));
}

static gboolean
training_courses_run (PdCliCall  *call,
                      GError    **error)
{
  g_autoptr(GPtrArray) courses = NULL;

  courses = pd_courses_list (call->db, error);
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

const PdCliHandler pd_cli_training_courses_handler = {
  training_courses_options, NULL, training_courses_run,
};

/* training add-course */

typedef struct
{
  char *hours_text;
  char *domains_text;
  char *provider;
  gboolean online;
  gboolean yearly;
  guint quarter_hours;
} AddCourse;

static GOptionContext *
training_add_course_options (PdCliCall *call)
{
  AddCourse *self = pd_cli_call_new (call, AddCourse, NULL);
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_STRING, &self->hours_text,
      N_("The course lasts H hours, in quarter-hour steps (required)"), N_("H") },
    { "domains", 0, 0, G_OPTION_ARG_STRING, &self->domains_text,
      N_("The course counts in DOMAINS, separated by commas, such as ethics,advocacy "
         "(required)"), N_("DOMAINS") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &self->provider,
      N_("Who gives the course"), N_("PROVIDER") },
    { "online", 0, 0, G_OPTION_ARG_NONE, &self->online,
      N_("The course is given online, not in person"), NULL },
    { "yearly", 0, 0, G_OPTION_ARG_NONE, &self->yearly,
      N_("Every volunteer must take the course every year"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only TITLE, H and DOMAINS may be translated */
                                  _("training add-course TITLE --hours H --domains DOMAINS"),
                                  _("Add a training course that volunteers can complete."),
                                  _("The domains are those a credential counts hours in, "
                                    "named by their codes, as “training add-course "
                                    "--domains x” lists them when x is not one. The hours "
                                    "of a completion can differ from the course's."),
                                  entries);
}

static gboolean
training_add_course_check (PdCliCall  *call,
                           GError    **error)
{
  AddCourse *self = call->data;

  if (pd_text_is_blank (call->args[1]))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("TITLE: a course needs a title"));
      return FALSE;
    }
  if (self->hours_text == NULL || self->domains_text == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“training add-course” needs %s; see “%s add-course --help”"),
                   self->hours_text == NULL ? "--hours" : "--domains",
                   PD_CLI_NAME " training");
      return FALSE;
    }
  return pd_cli_parse_hours (self->hours_text, "--hours", &self->quarter_hours, error);
}

static gboolean
training_add_course_run (PdCliCall  *call,
                         GError    **error)
{
  AddCourse *self = call->data;
  g_autoptr(PdCourse) course = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GStrvBuilder) codes = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *hours = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 id;

  domains = pd_domains_list (call->db, error);
  if (domains == NULL)
    return FALSE;
  codes = g_strv_builder_new ();
  parts = g_strsplit (self->domains_text, ",", -1);
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
  course->title = g_strstrip (g_strdup (call->args[1]));
  course->provider = g_strdup (self->provider != NULL ? self->provider : "");
  course->quarter_hours = self->quarter_hours;
  course->delivery = g_strdup (self->online ? "online" : "in_person");
  course->required_yearly = self->yearly;
  course->domains = g_strv_builder_end (codes);
  if (course->domains[0] == NULL)
    {
      g_autofree char *known = dup_domain_codes (domains);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--domains: name at least one domain (of: %s)"), known);
      return FALSE;
    }

  id = pd_courses_insert (call->db, course, error);
  if (id == 0)
    return FALSE;

  id_text = g_strdup_printf ("%" PRId64, id);
  hours = pd_hours_format (self->quarter_hours);
  /* Translators: Added the course “Naloxone training” (2 h) with id 3 */
  g_print (_("Added the course “%s” (%s h) with id %s\n"), course->title, hours, id_text);
  return TRUE;
}

const PdCliHandler pd_cli_training_add_course_handler = {
  training_add_course_options, training_add_course_check, training_add_course_run,
};

/* training complete */

typedef struct
{
  char *hours_text;
  char *certificate;
  guint quarter_hours;
} Complete;

static GOptionContext *
training_complete_options (PdCliCall *call)
{
  Complete *self = pd_cli_call_new (call, Complete, NULL);
  const GOptionEntry entries[] = {
    { "hours", 0, 0, G_OPTION_ARG_STRING, &self->hours_text,
      N_("Credit H hours, in quarter-hour steps (the course's hours unless told)"), N_("H") },
    { "certificate", 0, 0, G_OPTION_ARG_STRING, &self->certificate,
      N_("The certificate's number or where it is kept"), N_("REF") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only VOLUNTEER, COURSE and DATE may be translated */
                                  _("training complete VOLUNTEER COURSE DATE"),
                                  _("Record that a volunteer completed a training course."),
                                  _("VOLUNTEER is their id, as “volunteers list” shows it, "
                                    "or their name; COURSE is its id, as “training "
                                    "courses” shows it, or its title. DATE is YYYY-MM-DD."),
                                  entries);
}

static gboolean
training_complete_check (PdCliCall  *call,
                         GError    **error)
{
  Complete *self = call->data;

  if (!pd_cli_check_date (call->args[3], "DATE", error))
    return FALSE;
  if (self->hours_text != NULL &&
      !pd_cli_parse_hours (self->hours_text, "--hours", &self->quarter_hours, error))
    return FALSE;
  return TRUE;
}

static gboolean
training_complete_run (PdCliCall  *call,
                       GError    **error)
{
  Complete *self = call->data;
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(PdCourse) course = NULL;
  g_autofree char *hours = NULL;
  const char *date = call->args[3];
  guint quarter_hours = self->quarter_hours;

  volunteer = pd_cli_find_volunteer (call->db, call->args[1], error);
  if (volunteer == NULL)
    return FALSE;
  course = pd_courses_find (call->db, call->args[2], error);
  if (course == NULL)
    {
      if (error != NULL && *error != NULL && pd_error_is_users (*error))
        g_prefix_error (error, "COURSE: ");
      return FALSE;
    }
  if (self->hours_text == NULL)
    quarter_hours = course->quarter_hours;

  if (pd_completions_add (call->db, volunteer->id, course->id, date, quarter_hours,
                          self->certificate != NULL ? self->certificate : "", error) == 0)
    return FALSE;

  hours = pd_hours_format (quarter_hours);
  /* Translators: Recorded that Ana Ruiz completed “Naloxone training” (2 h) on 2026-11-20 */
  g_print (_("Recorded that %s completed “%s” (%s h) on %s\n"), volunteer->display_name,
           course->title, hours, date);
  return TRUE;
}

const PdCliHandler pd_cli_training_complete_handler = {
  training_complete_options, training_complete_check, training_complete_run,
};
