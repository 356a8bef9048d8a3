/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "pd-cli.h"
#include "pd-database.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-text.h"

#define PD_CLI_NAME "peerdesk-cli"

#define PD_CLI_HELP_WIDTH 79

/* GOptionContext prints the summary and description as they are; breaking
 * them here keeps translations free of line breaks that depend on the
 * length of the words. */
static char *
wrap_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      glong column = 0;

      if (i > 0)
        g_string_append_c (out, '\n');

      /* Indented lines, like the list of commands, are kept as they are. */
      if (lines[i][0] == ' ')
        {
          g_string_append (out, lines[i]);
          continue;
        }

      for (guint j = 0; words[j] != NULL; j++)
        {
          glong length = g_utf8_strlen (words[j], -1);

          if (column > 0 && column + 1 + length > PD_CLI_HELP_WIDTH)
            {
              g_string_append_c (out, '\n');
              column = 0;
            }
          else if (j > 0)
            {
              g_string_append_c (out, ' ');
              column++;
            }
          g_string_append (out, words[j]);
          column += length;
        }
    }
  return g_string_free (out, FALSE);
}

/* Strings already translated are handed to the context, so it is given no
 * translation domain of its own; option entries are translated by their group. */
GOptionContext *
pd_cli_option_context_new (const char *parameter_string,
                           const char *summary,
                           const char *description)
{
  GOptionContext *context = g_option_context_new (parameter_string);

  if (summary != NULL)
    {
      g_autofree char *wrapped = wrap_text (summary);

      g_option_context_set_summary (context, wrapped);
    }
  if (description != NULL)
    {
      g_autofree char *wrapped = wrap_text (description);

      g_option_context_set_description (context, wrapped);
    }
  return context;
}

/* Every command accepts --database too, so that it can follow the command
 * name as well as come before it; the last one given wins. */
gboolean
pd_cli_parse (PdCli           *cli,
              GOptionContext  *context,
              GStrv           *args,
              GError         **error)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &cli->database_option,
      N_("Use the database at PATH instead of the usual one"), N_("PATH") },
    G_OPTION_ENTRY_NULL
  };

  g_assert (cli->database_option == NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, args, error))
    return FALSE;

  if (cli->database_option != NULL)
    {
      g_free (cli->database_path);
      cli->database_path = g_steal_pointer (&cli->database_option);
    }
  return TRUE;
}

/* Checks that @args, the command name first, holds exactly the one
 * argument named @parameter, or none if @parameter is NULL. */
gboolean
pd_cli_check_args (GStrv        args,
                   const char  *command,
                   const char  *parameter,
                   GError     **error)
{
  return pd_cli_check_n_args (args, command, parameter != NULL ? 1 : 0, parameter, error);
}

/* Checks that @args, the command name first, holds exactly @n_parameters
 * arguments, which @parameters names for messages (“SESSION_ID and N”). */
gboolean
pd_cli_check_n_args (GStrv        args,
                     const char  *command,
                     guint        n_parameters,
                     const char  *parameters,
                     GError     **error)
{
  guint expected = n_parameters + 1;
  guint n_args = g_strv_length (args);

  if (n_args < expected)
    {
      /* Translators: “members import” needs FILE.csv; see “peerdesk-cli members import --help” */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” needs %s; see “%s %s --help”"),
                   command, parameters, PD_CLI_NAME, command);
      return FALSE;
    }
  if (n_args > expected)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” does not take “%s”; see “%s %s --help”"),
                   command, args[expected], PD_CLI_NAME, command);
      return FALSE;
    }
  return TRUE;
}

char *
pd_cli_list_commands (const PdCliCommand *commands,
                      gsize               n_commands)
{
  GString *list = g_string_new (_("Commands:"));

  for (gsize i = 0; i < n_commands; i++)
    g_string_append_printf (list, "\n  %-12s %s", commands[i].name, _(commands[i].summary));
  return g_string_free (list, FALSE);
}

/* Runs the command that @args names after @program, which is the
 * command line so far (“peerdesk-cli members”) for messages. */
gboolean
pd_cli_dispatch (PdCli               *cli,
                 const PdCliCommand  *commands,
                 gsize                n_commands,
                 const char          *program,
                 GStrv                args,
                 GError             **error)
{
  const char *name = args[0] != NULL ? args[1] : NULL;
  g_autofree char *excerpt = NULL;

  if (name == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("No command given; see “%s --help”"), program);
      return FALSE;
    }

  for (gsize i = 0; i < n_commands; i++)
    {
      if (g_str_equal (commands[i].name, name))
        {
          g_auto(GStrv) command_args = g_strdupv (args + 1);

          return commands[i].func (cli, &command_args, error);
        }
    }

  excerpt = pd_text_excerpt (name, -1);
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“%s” is not a command of %s; see “%s --help”"), excerpt, program, program);
  return FALSE;
}

/* A command made of subcommands (“members import”, “hours add”): its own
 * --help lists them with @summary, then the one named runs. */
gboolean
pd_cli_run_commands (PdCli               *cli,
                     GStrv               *args,
                     const char          *parameter_string,
                     const char          *summary,
                     const PdCliCommand  *commands,
                     gsize                n_commands,
                     const char          *program,
                     GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *command_list = pd_cli_list_commands (commands, n_commands);
  g_autofree char *full_summary = g_strdup_printf ("%s\n\n%s", summary, command_list);
  g_autofree char *description = g_strdup_printf (_("Run “%s COMMAND --help” to learn about a "
                                                    "command."), program);

  context = pd_cli_option_context_new (parameter_string, full_summary, description);
  g_option_context_set_strict_posix (context, TRUE);
  if (!pd_cli_parse (cli, context, args, error))
    return FALSE;

  return pd_cli_dispatch (cli, commands, n_commands, program, *args, error);
}

char *
pd_cli_dup_database_path (PdCli *cli)
{
  if (cli->database_path != NULL)
    return g_strdup (cli->database_path);
  return pd_database_default_path ();
}

/* Checks the value of a --within option. */
gboolean
pd_cli_check_window_days (int      days,
                          GError **error)
{
  if (days < 0 || days > PD_CLI_WINDOW_DAYS_MAX)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--within must be a whole number of days from 0 to %d"),
                   PD_CLI_WINDOW_DAYS_MAX);
      return FALSE;
    }
  return TRUE;
}

/* Commands that only read, or that add to records kept already, refuse to
 * create a database, so that a mistyped path or an empty file is reported
 * instead of answered from a new, empty database. */
PdDatabase *
pd_cli_open_database (PdCli     *cli,
                      gboolean   create,
                      GError   **error)
{
  g_autofree char *path = pd_cli_dup_database_path (cli);
  g_autoptr(GError) local_error = NULL;
  PdDatabase *db;

  db = pd_database_open_full (path, PD_SCHEMA_VERSION,
                              create ? PD_DATABASE_OPEN_DEFAULT : PD_DATABASE_OPEN_EXISTING,
                              &local_error);
  if (g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no database at “%s”; “%s init” creates one"), path, PD_CLI_NAME);
      return NULL;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return db;
}

static gboolean
run_init (PdCli   *cli,
          GStrv   *args,
          GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  g_autofree char *path = NULL;
  gboolean existed;

  context = pd_cli_option_context_new ("init",
                                       _("Create the database, or bring a database written by an "
                                         "older version of Peerdesk up to date."),
                                       _("The database file, and any folder made for it, can be "
                                         "read by you alone."));
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "init", NULL, error))
    return FALSE;

  path = pd_cli_dup_database_path (cli);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  db = pd_cli_open_database (cli, TRUE, error);
  if (db == NULL)
    return FALSE;

  if (existed)
    g_print (_("The database at %s is ready\n"), pd_database_get_path (db));
  else
    g_print (_("Created a new database at %s\n"), pd_database_get_path (db));
  return TRUE;
}

static gboolean
run_demo (PdCli   *cli,
          GStrv   *args,
          GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PdDatabase) db = NULL;
  gint64 n_members = 200;
  gint64 seed = 1;
  gint64 n_years = 2;
  gint64 start;
  double seconds;
  PdDemoOptions options = { 0, };
  PdDemoCounts counts = { 0, };
  const GOptionEntry entries[] = {
    { "members", 'n', 0, G_OPTION_ARG_INT64, &n_members,
      N_("Make N members (200 unless told)"), N_("N") },
    { "years", 'y', 0, G_OPTION_ARG_INT64, &n_years,
      N_("Make Y years of groups, sessions, attendance, visits and volunteers' hours and "
         "training up to today (2 unless told; 0 for members only)"), N_("Y") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Start the random choices from S (1 unless told)"), N_("S") },
    G_OPTION_ENTRY_NULL
  };

  context = pd_cli_option_context_new ("demo",
                                       _("Add made-up members, groups, sessions, attendance, "
                                         "front-desk visits, volunteers, their hours, training "
                                         "and credentials to the database, to try Peerdesk out "
                                         "or to see how it copes with many of them."),
                                       _("Demo data goes only into an empty database, so that it "
                                         "never mixes with real records; name a database of its "
                                         "own with --database. The same seed always makes the "
                                         "same data on the same day, as dates are counted back "
                                         "from today."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error) ||
      !pd_cli_check_args (*args, "demo", NULL, error))
    return FALSE;

  if (n_members < 1 || n_members > G_MAXUINT)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--members must be a whole number from 1 to %u"), G_MAXUINT);
      return FALSE;
    }
  if (n_years < 0 || n_years > 50)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--years must be a whole number from 0 to %u"), 50);
      return FALSE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number from 0 to %u"), G_MAXUINT32);
      return FALSE;
    }
  options.n_members = (guint) n_members;
  options.seed = (guint32) seed;
  options.n_years = (guint) n_years;

  db = pd_cli_open_database (cli, TRUE, error);
  if (db == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  if (!pd_demo_fill_full (db, &options, &counts, error))
    return FALSE;
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_print (ngettext ("Made %u demo member in %.2f seconds\n",
                     "Made %u demo members in %.2f seconds\n",
                     counts.n_members),
           counts.n_members, seconds);
  if (options.n_years > 0)
    {
      /* Formatted apart, as gettext cannot see through PRIu64. */
      g_autofree char *n_sessions = g_strdup_printf ("%" PRIu64, counts.n_sessions);
      g_autofree char *n_attendance = g_strdup_printf ("%" PRIu64,
                                                       counts.n_attendance);
      g_autofree char *n_visits = g_strdup_printf ("%" PRIu64, counts.n_visits);
      g_autofree char *n_hours = g_strdup_printf ("%" PRIu64, counts.n_hours);

      g_print (ngettext ("Made %u group, with %s sessions\n",
                         "Made %u groups, with %s sessions\n",
                         counts.n_groups),
               counts.n_groups, n_sessions);
      g_print (_("Made %s attendance records and %s front-desk visits\n"),
               n_attendance, n_visits);
      g_print (ngettext ("Made %u volunteer, with %s hour entries, %u completed courses and %u "
                         "credentials\n",
                         "Made %u volunteers, with %s hour entries, %u completed courses and %u "
                         "credentials\n",
                         counts.n_volunteers),
               counts.n_volunteers, n_hours, counts.n_completions, counts.n_credentials);
    }
  return TRUE;
}

static const PdCliCommand commands[] = {
  { "init", N_("Create the database, or bring it up to date"), run_init },
  { "demo", N_("Add made-up data to try Peerdesk out"), run_demo },
  { "members", N_("Import, export and search members"), pd_cli_members },
  { "checkin", N_("Record a member's visit to the centre"), pd_cli_checkin },
  { "groups", N_("Show and add groups"), pd_cli_groups },
  { "sessions", N_("Make and show the sessions of groups"), pd_cli_sessions },
  { "attendance", N_("Take attendance at sessions"), pd_cli_attendance },
  { "volunteers", N_("Show and add volunteers"), pd_cli_volunteers },
  { "hours", N_("Log the hours volunteers give"), pd_cli_hours },
  { "training", N_("Keep training courses and completions"), pd_cli_training },
  { "credentials", N_("Keep credentials and see what falls due"), pd_cli_credentials },
  { "report", N_("Write the report for funders of a period"), pd_cli_report },
  { "settings", N_("Show or change the settings of reports"), pd_cli_settings },
  { "export", N_("Write every record to a JSON file"), pd_cli_export },
  { "import", N_("Read every record of a JSON file into an empty database"), pd_cli_import },
  { "backup", N_("Copy the database into a dated backup"), pd_cli_backup },
  { "backups", N_("List the backups"), pd_cli_backups },
  { "restore", N_("Put a backup back in place of the database"), pd_cli_restore },
  { "check", N_("Check that the database is intact"), pd_cli_check },
};

static gboolean
run (PdCli   *cli,
     GStrv   *args,
     GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *command_list = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *default_path = pd_database_default_path ();
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version of Peerdesk and quit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  command_list = pd_cli_list_commands (commands, G_N_ELEMENTS (commands));
  summary = g_strdup_printf ("%s\n\n%s",
                             _("Keep the member records of a peer-run recovery centre."),
                             command_list);
  description = g_strdup_printf (_("Unless --database is given, the database is %s.\n"
                                   "Run “%s COMMAND --help” to learn about a command."),
                                 default_path, PD_CLI_NAME);

  /* Parsing stops at the command name, so that the command parses the rest. */
  context = pd_cli_option_context_new (_("COMMAND [ARGUMENTS…]"), summary, description);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!pd_cli_parse (cli, context, args, error))
    return FALSE;

  if (version)
    {
      g_print ("%s %s\n", PD_CLI_NAME, PACKAGE_VERSION);
      return TRUE;
    }

  return pd_cli_dispatch (cli, commands, G_N_ELEMENTS (commands), PD_CLI_NAME, *args, error);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  PdCli cli = { NULL, NULL };
  gboolean ok;

  /* A reader that goes away (“| head”) must not end the process with a
   * signal: exit statuses are 0, 1 and 2 only. */
  signal (SIGPIPE, SIG_IGN);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PD_CLI_NAME);

  /* A reader that goes away early (“| head”) makes writes fail with EPIPE
   * instead of killing the program with a status scripts cannot read. */
  signal (SIGPIPE, SIG_IGN);

  args = g_strdupv (argv);
  ok = run (&cli, &args, &error);

  g_free (cli.database_path);
  g_free (cli.database_option);

  if (!ok && error == NULL)
    {
      /* A failure must always say why; one that does not is a fault, and
       * still exits with a status scripts know. */
      g_printerr ("%s: %s\n", PD_CLI_NAME, _("failed without saying why; please report it"));
      return 2;
    }
  if (!ok)
    {
      g_printerr ("%s: %s\n", PD_CLI_NAME, error->message);
      /* A person can fix what they typed or the file they named; anything
       * else is a fault to report, which scripts can tell apart. */
      return pd_error_is_users (error) ? 1 : 2;
    }

  /* Output that could not be written (a full disk behind “> file”) is a
   * failure; a reader that stopped reading is not. */
  if ((fflush (stdout) != 0 || ferror (stdout)) && errno != EPIPE)
    {
      g_printerr (_("%s: could not write the output: %s\n"), PD_CLI_NAME, g_strerror (errno));
      return 2;
    }
  return 0;
}
