/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-cli.h"
#include "pd-demo.h"
#include "pd-text.h"

/* init */

typedef struct
{
  gboolean existed;
} Init;

static GOptionContext *
init_options (PdCliCall *call)
{
  pd_cli_call_new (call, Init, NULL);
  return pd_cli_option_context_new ("init",
                                    _("Create the database, or bring a database written by an "
                                      "older version of Peerdesk up to date."),
                                    _("The database file, and any folder made for it, can be "
                                      "read by you alone."));
}

static gboolean
init_check (PdCliCall  *call,
            GError    **error)
{
  Init *self = call->data;
  g_autofree char *path = pd_cli_dup_database_path (call->cli);

  /* A server's database was made by “server setup”. */
  self->existed = pd_database_location_is_server (path) ||
                  g_file_test (path, G_FILE_TEST_EXISTS);
  return TRUE;
}

static gboolean
init_run (PdCliCall  *call,
          GError    **error)
{
  Init *self = call->data;

  if (self->existed)
    g_print (_("The database at %s is ready\n"), pd_database_get_path (call->db));
  else
    g_print (_("Created a new database at %s\n"), pd_database_get_path (call->db));
  return TRUE;
}

const PdCliHandler pd_cli_init_handler = {
  init_options, init_check, init_run,
};

/* demo */

typedef struct
{
  gint64 n_members;
  gint64 seed;
  gint64 n_years;
  PdDemoOptions options;
} Demo;

static GOptionContext *
demo_options (PdCliCall *call)
{
  Demo *self = pd_cli_call_new (call, Demo, NULL);
  const GOptionEntry entries[] = {
    { "members", 'n', 0, G_OPTION_ARG_INT64, &self->n_members,
      N_("Make N members (200 unless told)"), N_("N") },
    { "years", 'y', 0, G_OPTION_ARG_INT64, &self->n_years,
      N_("Make Y years of groups, sessions, attendance, visits and volunteers' hours and "
         "training up to today (2 unless told; 0 for members only)"), N_("Y") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &self->seed,
      N_("Start the random choices from S (1 unless told)"), N_("S") },
    G_OPTION_ENTRY_NULL
  };

  self->n_members = 200;
  self->seed = 1;
  self->n_years = 2;
  return pd_cli_call_context_new (call,
                                  "demo",
                                  _("Add made-up members, groups, sessions, attendance, "
                                    "front-desk visits, volunteers, their hours, training "
                                    "and credentials to the database, to try Peerdesk out "
                                    "or to see how it copes with many of them."),
                                  _("Demo data goes only into an empty database, so that it "
                                    "never mixes with real records; name a database of its "
                                    "own with --database. The same seed always makes the "
                                    "same data on the same day, as dates are counted back "
                                    "from today."),
                                  entries);
}

static gboolean
demo_check (PdCliCall  *call,
            GError    **error)
{
  Demo *self = call->data;

  if (self->n_members < 1 || self->n_members > G_MAXUINT)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--members must be a whole number from 1 to %u"), G_MAXUINT);
      return FALSE;
    }
  if (self->n_years < 0 || self->n_years > 50)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--years must be a whole number from 0 to %u"), 50);
      return FALSE;
    }
  if (self->seed < 0 || self->seed > G_MAXUINT32)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number from 0 to %u"), G_MAXUINT32);
      return FALSE;
    }
  self->options.n_members = (guint) self->n_members;
  self->options.seed = (guint32) self->seed;
  self->options.n_years = (guint) self->n_years;
  return TRUE;
}

static gboolean
demo_run (PdCliCall  *call,
          GError    **error)
{
  Demo *self = call->data;
  PdDemoCounts counts = { 0, };
  gint64 start;
  double seconds;

  start = g_get_monotonic_time ();
  if (!pd_demo_fill_full (call->db, &self->options, &counts, error))
    return FALSE;
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_print (ngettext ("Made %'u demo member in %.2f seconds\n",
                     "Made %'u demo members in %.2f seconds\n",
                     counts.n_members),
           counts.n_members, seconds);
  if (self->options.n_years > 0)
    {
      /* Formatted apart, as gettext cannot see through PRIu64, with the
       * locale's digit grouping, as the counts above have. */
      g_autofree char *n_sessions = pd_text_format_count ((gint64) counts.n_sessions);
      g_autofree char *n_attendance = pd_text_format_count ((gint64) counts.n_attendance);
      g_autofree char *n_visits = pd_text_format_count ((gint64) counts.n_visits);
      g_autofree char *n_hours = pd_text_format_count ((gint64) counts.n_hours);

      g_print (ngettext ("Made %'u group, with %s sessions\n",
                         "Made %'u groups, with %s sessions\n",
                         counts.n_groups),
               counts.n_groups, n_sessions);
      g_print (_("Made %s attendance records and %s front-desk visits\n"),
               n_attendance, n_visits);
      g_print (ngettext ("Made %'u volunteer, with %s hour entries, %'u completed courses and %'u "
                         "credentials\n",
                         "Made %'u volunteers, with %s hour entries, %'u completed courses and %'u "
                         "credentials\n",
                         counts.n_volunteers),
               counts.n_volunteers, n_hours, counts.n_completions, counts.n_credentials);
    }
  return TRUE;
}

const PdCliHandler pd_cli_demo_handler = {
  demo_options, demo_check, demo_run,
};
