/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "pd-cli.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-locale.h"
#include "pd-text.h"

#define PD_CLI_HELP_WIDTH 79

/* A command of peerdesk-cli. Subcommands are named with their command
 * (“volunteers add”) and follow it; a command made of subcommands has a
 * synopsis and about text for its --help, and no handler. */
typedef struct
{
  const char          *name;
  const char          *summary;      /* translatable, marked with N_(), as are the texts below */

  /* A command made of subcommands */
  const char          *synopsis;
  const char          *about;

  /* A command of its own */
  guint                n_args;       /* the arguments it takes … */
  const char          *args_name;    /* … named for messages: “VOLUNTEER, COURSE and DATE” */
  gboolean             more_args;    /* TRUE if it takes more than @n_args */
  PdCliDatabaseUse     database;
  const PdCliHandler  *handler;
} PdCliCommand;

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

/* Every command accepts --database, --staff and --passphrase-stdin too, so
 * that they can follow the command name as well as come before it; the
 * last one given wins. */
static gboolean
parse (PdCli           *cli,
       GOptionContext  *context,
       GStrv           *args,
       GError         **error)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &cli->database_option,
      N_("Use the database at PATH instead of the usual one"), N_("PATH") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &cli->staff_option,
      N_("Sign in as the staff member NAME, when the database has sign-in"), N_("NAME") },
    { "passphrase-stdin", 0, 0, G_OPTION_ARG_NONE, &cli->passphrase_stdin,
      N_("Read passphrases as lines of standard input instead of asking on the terminal"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  g_assert (cli->database_option == NULL);
  g_assert (cli->staff_option == NULL);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, args, error))
    return FALSE;

  if (cli->database_option != NULL)
    {
      g_free (cli->database_path);
      cli->database_path = g_steal_pointer (&cli->database_option);
    }
  if (cli->staff_option != NULL)
    {
      g_free (cli->staff_name);
      cli->staff_name = g_steal_pointer (&cli->staff_option);
    }
  return TRUE;
}

/* Checks that @args, the command name first, holds exactly @n_parameters
 * arguments, which @parameters names for messages (“SESSION_ID and N”). */
static gboolean
check_n_args (GStrv        args,
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

/* The most rows a listing prints, as --limit takes it. */
gboolean
pd_cli_check_limit (int      limit,
                    GError **error)
{
  if (limit < 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--limit must be a whole number from 1 to %d"), G_MAXINT);
      return FALSE;
    }
  return TRUE;
}

/* Dates are taken as the rest of Peerdesk writes them; @what names the
 * argument or option in the message. */
gboolean
pd_cli_check_date (const char  *text,
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

/* An id as typed (no sign, no spaces), with the argument or option named
 * in the message. */
gboolean
pd_cli_parse_id (const char  *text,
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

/* Hours in quarter steps, with the argument or option named in the message
 * and the text typed quoted in it, whatever the parser said. */
gboolean
pd_cli_parse_hours (const char  *text,
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

/* The codes as options take them, separated by commas, for messages. */
char *
pd_cli_dup_codes (const PdCode *codes)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; codes[i].code != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", codes[i].code);
  return g_string_free (list, FALSE);
}

/* Not-found errors of the core name what was looked for; the argument
 * is named here so that a person knows which of several was wrong. */
PdVolunteer *
pd_cli_find_volunteer (PdDatabase  *db,
                       const char  *text,
                       GError     **error)
{
  PdVolunteer *volunteer = pd_volunteers_find (db, text, error);

  if (volunteer == NULL && error != NULL && *error != NULL && pd_error_is_users (*error))
    g_prefix_error (error, "VOLUNTEER: ");
  return volunteer;
}

/* Gives the command @size bytes of its own, zeroed, for its options and
 * what its checks find; @clear, if not NULL, frees what they hold besides
 * the string options. */
gpointer
pd_cli_call_alloc (PdCliCall      *call,
                   gsize           size,
                   GDestroyNotify  clear)
{
  g_assert (call->data == NULL);

  call->data = g_malloc0 (size);
  call->clear = clear;
  return call->data;
}

/* The command's option context, with @entries (if not NULL) as its
 * options; the strings they set are freed with the call. */
GOptionContext *
pd_cli_call_context_new (PdCliCall          *call,
                         const char         *parameter_string,
                         const char         *summary,
                         const char         *description,
                         const GOptionEntry *entries)
{
  GOptionContext *context = pd_cli_option_context_new (parameter_string, summary, description);

  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    {
      if (entries[i].arg == G_OPTION_ARG_STRING || entries[i].arg == G_OPTION_ARG_FILENAME)
        g_ptr_array_add (call->strings, entries[i].arg_data);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static void
pd_cli_call_clear (PdCliCall *call)
{
  for (guint i = 0; i < call->strings->len; i++)
    g_free (*(char **) g_ptr_array_index (call->strings, i));
  g_ptr_array_unref (call->strings);
  if (call->data != NULL && call->clear != NULL)
    call->clear (call->data);
  g_free (call->data);
  g_clear_object (&call->db);
  g_strfreev (call->args);
}

/* Whether @error is a server's refusal of its account's password, which
 * the terminal may then give: libpq reads ~/.pgpass and PGPASSWORD by
 * itself, and a script has them. The password is kept for the other
 * connections of the command. */
gboolean
pd_cli_ask_server_password (PdCli       *cli,
                            const char  *location,
                            GError     **error)
{
  g_autoptr(PdCliSecret) password = NULL;

  if (!g_error_matches (*error, PD_ERROR, PD_ERROR_SIGN_IN) ||
      !pd_database_location_is_server (location) ||
      (!cli->passphrase_stdin && !isatty (STDIN_FILENO)))
    return FALSE;
  g_clear_error (error);
  password = pd_cli_read_secret (cli, _("Password of the records server"), FALSE, error);
  if (password == NULL)
    return FALSE;
  pd_database_set_password (location, password);
  return TRUE;
}

/* Opens @location, asking the server's password if it needs one. */
PdDatabase *
pd_cli_open_database (PdCli                *cli,
                      const char           *location,
                      PdDatabaseOpenFlags   flags,
                      GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  PdDatabase *db = pd_database_open_full (location, PD_SCHEMA_VERSION, flags, &local_error);

  if (db == NULL && pd_cli_ask_server_password (cli, location, &local_error))
    db = pd_database_open_full (location, PD_SCHEMA_VERSION, flags, &local_error);
  if (db == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return db;
}

/* Opens the database as the command needs it. */
static PdDatabase *
open_database (PdCli             *cli,
               PdCliDatabaseUse   use,
               GError           **error)
{
  g_autofree char *path = pd_cli_dup_database_path (cli);
  g_autoptr(GError) local_error = NULL;
  PdDatabase *db;

  db = pd_cli_open_database (cli, path,
                             use == PD_CLI_DATABASE_CREATE ? PD_DATABASE_OPEN_DEFAULT
                                                           : PD_DATABASE_OPEN_EXISTING,
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

/* Every command, in the order --help lists them; subcommands follow their
 * command. The options and arguments of a command are checked before the
 * database is opened, so that a mistyped one leaves no new database behind. */
static const PdCliCommand commands[] = {
  { .name = "init", .summary = N_("Create the database, or bring it up to date"),
    .database = PD_CLI_DATABASE_CREATE, .handler = &pd_cli_init_handler },
  { .name = "demo", .summary = N_("Add made-up data to try Peerdesk out"),
    .database = PD_CLI_DATABASE_CREATE, .handler = &pd_cli_demo_handler },

  { .name = "members", .summary = N_("Import, export and search members"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("members COMMAND [ARGUMENTS…]"),
    .about = N_("Import, export and search members.") },
  { .name = "members import", .summary = N_("Add the members of a CSV file"),
    .n_args = 1, .args_name = N_("FILE.csv"), .database = PD_CLI_DATABASE_CREATE,
    .handler = &pd_cli_members_import_handler },
  { .name = "members export", .summary = N_("Write every member to a CSV file"),
    .n_args = 1, .args_name = N_("FILE.csv"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_members_export_handler },
  { .name = "members search", .summary = N_("Find members by name, number or phone"),
    .n_args = 1, .args_name = N_("TEXT"), .more_args = TRUE, .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_members_search_handler },
  { .name = "members erase", .summary = N_("Erase a member for good, keeping the number"),
    .n_args = 1, .args_name = N_("NUMBER"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_members_erase_handler },

  { .name = "checkin", .summary = N_("Record a member's visit to the centre"),
    .n_args = 1, .args_name = N_("MEMBER_NUMBER"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_checkin_handler },

  { .name = "groups", .summary = N_("Show and add groups"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("groups COMMAND [ARGUMENTS…]"),
    .about = N_("Show and add groups.") },
  { .name = "groups list", .summary = N_("Show the groups"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_groups_list_handler },
  { .name = "groups add", .summary = N_("Add a group"),
    .n_args = 1, .args_name = N_("NAME"), .database = PD_CLI_DATABASE_CREATE,
    .handler = &pd_cli_groups_add_handler },

  { .name = "sessions", .summary = N_("Make and show the sessions of groups"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("sessions COMMAND [ARGUMENTS…]"),
    .about = N_("Make and show the sessions of groups.") },
  { .name = "sessions generate", .summary = N_("Make the sessions of the schedules"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_sessions_generate_handler },
  { .name = "sessions list", .summary = N_("Show the sessions of a day"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_sessions_list_handler },

  { .name = "attendance", .summary = N_("Take attendance at sessions"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("attendance COMMAND [ARGUMENTS…]"),
    .about = N_("Take attendance at the sessions of groups.") },
  { .name = "attendance mark", .summary = N_("Mark a member present at a session"),
    .n_args = 2, .args_name = N_("SESSION_ID and MEMBER_NUMBER"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_attendance_mark_handler },
  { .name = "attendance headcount", .summary = N_("Record how many came to a session"),
    .n_args = 2, .args_name = N_("SESSION_ID and N"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_attendance_headcount_handler },

  { .name = "schedule", .summary = N_("Show the meetings ahead, or write them as a calendar"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_schedule_handler },

  { .name = "volunteers", .summary = N_("Show and add volunteers"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("volunteers COMMAND [ARGUMENTS…]"),
    .about = N_("Show and add volunteers.") },
  { .name = "volunteers list", .summary = N_("Show the volunteers"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_volunteers_list_handler },
  { .name = "volunteers add", .summary = N_("Add a volunteer"),
    .n_args = 1, .args_name = N_("NAME"), .database = PD_CLI_DATABASE_CREATE,
    .handler = &pd_cli_volunteers_add_handler },

  { .name = "hours", .summary = N_("Log the hours volunteers give"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("hours COMMAND [ARGUMENTS…]"),
    .about = N_("Log the hours volunteers give.") },
  { .name = "hours add", .summary = N_("Log a volunteer's hours"),
    .n_args = 4, .args_name = N_("VOLUNTEER, DATE, ACTIVITY and HOURS"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_hours_add_handler },

  { .name = "training", .summary = N_("Keep training courses and completions"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("training COMMAND [ARGUMENTS…]"),
    .about = N_("Keep the training courses volunteers complete.") },
  { .name = "training courses", .summary = N_("Show the training courses"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_training_courses_handler },
  { .name = "training add-course", .summary = N_("Add a training course"),
    .n_args = 1, .args_name = N_("TITLE"), .database = PD_CLI_DATABASE_CREATE,
    .handler = &pd_cli_training_add_course_handler },
  { .name = "training complete", .summary = N_("Record a completed course"),
    .n_args = 3, .args_name = N_("VOLUNTEER, COURSE and DATE"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_training_complete_handler },

  { .name = "credentials", .summary = N_("Keep credentials and see what falls due"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("credentials COMMAND [ARGUMENTS…]"),
    .about = N_("Keep the credentials of volunteers and see what falls due.") },
  { .name = "credentials due", .summary = N_("Show what expires or falls due soon"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_credentials_due_handler },
  { .name = "credentials add", .summary = N_("Add a volunteer's credential"),
    .n_args = 1, .args_name = N_("VOLUNTEER"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_credentials_add_handler },

  { .name = "print", .summary = N_("Write a document to print as a PDF"),
    .n_args = 1, .args_name = N_("DOCUMENT"), .more_args = TRUE,
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_print_handler },

  { .name = "report", .summary = N_("Write the report for funders of a period"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_report_handler },
  { .name = "settings", .summary = N_("Show or change the settings of reports"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_settings_handler },
  { .name = "export", .summary = N_("Write every record to a JSON file"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_export_handler },
  { .name = "import", .summary = N_("Read every record of a JSON file into an empty database"),
    .database = PD_CLI_DATABASE_CREATE, .handler = &pd_cli_import_handler },
  { .name = "backup", .summary = N_("Copy the database into a dated backup"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_backup_handler },

  { .name = "backups", .summary = N_("List the backups"),
    .synopsis = N_("backups COMMAND"),
    .about = N_("Show the backups of the database.") },
  { .name = "backups list", .summary = N_("List the backups, newest first"),
    .database = PD_CLI_DATABASE_NONE, .handler = &pd_cli_backups_list_handler },

  { .name = "restore", .summary = N_("Put a backup back in place of the database"),
    .n_args = 1, .args_name = N_("FILE"), .database = PD_CLI_DATABASE_NONE,
    .handler = &pd_cli_restore_handler },
  { .name = "check", .summary = N_("Check that the database is intact"),
    .database = PD_CLI_DATABASE_NONE, .handler = &pd_cli_check_handler },

  { .name = "server", .summary = N_("Set up a shared PostgreSQL database"),
    /* Translators: only COMMAND may be translated */
    .synopsis = N_("server COMMAND"),
    .about = N_("Set up a database on a PostgreSQL server that several desks share.") },
  { .name = "server setup", .summary = N_("Create Peerdesk's tables in an empty database"),
    .database = PD_CLI_DATABASE_NONE, .handler = &pd_cli_server_setup_handler },
  { .name = "migrate", .summary = N_("Move a computer's records to a shared server"),
    .database = PD_CLI_DATABASE_NONE, .handler = &pd_cli_migrate_handler },

  { .name = "staff", .summary = N_("Keep the staff accounts that sign in"),
    /* Translators: only COMMAND and ARGUMENTS may be translated */
    .synopsis = N_("staff COMMAND [ARGUMENTS…]"),
    .about = N_("Keep the staff accounts that sign in, and their roles.") },
  { .name = "staff add", .summary = N_("Add a staff account"),
    .n_args = 1, .args_name = N_("NAME"), .database = PD_CLI_DATABASE_CREATE,
    .handler = &pd_cli_staff_add_handler },
  { .name = "staff list", .summary = N_("Show the staff accounts"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_staff_list_handler },
  { .name = "staff reset", .summary = N_("Set a new passphrase for an account"),
    .n_args = 1, .args_name = N_("NAME"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_staff_reset_handler },
  { .name = "staff pin", .summary = N_("Set or remove the PIN of an account"),
    .n_args = 1, .args_name = N_("NAME"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_staff_pin_handler },
  { .name = "staff remove", .summary = N_("Remove a staff account"),
    .n_args = 1, .args_name = N_("NAME"), .database = PD_CLI_DATABASE_EXISTING,
    .handler = &pd_cli_staff_remove_handler },
  { .name = "audit", .summary = N_("Show who did what and when"),
    .database = PD_CLI_DATABASE_EXISTING, .handler = &pd_cli_audit_handler },
};

/* The last word of a command's name, which is how it is typed after its
 * parent command, if @parent (NULL for the program itself) is its parent. */
static const char *
command_word (const PdCliCommand *command,
              const char         *parent)
{
  const char *word = command->name;

  if (parent != NULL)
    {
      gsize length = strlen (parent);

      if (strncmp (word, parent, length) != 0 || word[length] != ' ')
        return NULL;
      word += length + 1;
    }
  return strchr (word, ' ') == NULL ? word : NULL;
}

static char *
list_commands (const char *parent)
{
  GString *list = g_string_new (_("Commands:"));

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *word = command_word (&commands[i], parent);

      if (word != NULL)
        g_string_append_printf (list, "\n  %-12s %s", word, _(commands[i].summary));
    }
  return g_string_free (list, FALSE);
}

/* Parses the options of @command and checks its arguments, opens the
 * database as it needs it, then runs it. The option context, which points
 * into the command's data, goes before the call does. */
static gboolean
run_steps (PdCliCall           *call,
           const PdCliCommand  *command,
           GError             **error)
{
  const PdCliHandler *handler = command->handler;
  g_autoptr(GOptionContext) context = handler->options (call);

  if (!parse (call->cli, context, &call->args, error))
    return FALSE;

  if (!command->more_args || g_strv_length (call->args) <= command->n_args)
    {
      if (!check_n_args (call->args, command->name, command->n_args,
                         command->args_name != NULL ? _(command->args_name) : NULL, error))
        return FALSE;
    }
  if (handler->check != NULL && !handler->check (call, error))
    return FALSE;

  if (command->database != PD_CLI_DATABASE_NONE)
    {
      call->db = open_database (call->cli, command->database, error);
      if (call->db == NULL || !pd_cli_staff_begin (call, error))
        return FALSE;
    }
  if (!handler->run (call, error))
    return FALSE;
  return call->db == NULL || pd_cli_staff_end (call, error);
}

static gboolean
run_command (PdCli               *cli,
             const PdCliCommand  *command,
             GStrv               *args,
             GError             **error)
{
  PdCliCall call = { cli, command->name, NULL, NULL, NULL, NULL, NULL };
  gboolean ok;

  g_assert (command->handler != NULL);

  call.args = g_steal_pointer (args);
  call.strings = g_ptr_array_new ();
  ok = run_steps (&call, command, error);
  pd_cli_call_clear (&call);
  return ok;
}

static gboolean run_commands (PdCli               *cli,
                              const PdCliCommand  *command,
                              GStrv               *args,
                              GError             **error);

/* Runs the command that @args names after @parent (NULL for the program
 * itself); @program is the command line so far (“peerdesk-cli members”),
 * for messages. */
static gboolean
dispatch (PdCli       *cli,
          const char  *parent,
          const char  *program,
          GStrv        args,
          GError     **error)
{
  const char *name = args[0] != NULL ? args[1] : NULL;
  g_autofree char *excerpt = NULL;

  if (name == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("No command given; see “%s --help”"), program);
      return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *word = command_word (&commands[i], parent);

      if (word != NULL && g_str_equal (word, name))
        {
          g_auto(GStrv) command_args = g_strdupv (args + 1);

          if (commands[i].handler == NULL)
            return run_commands (cli, &commands[i], &command_args, error);
          return run_command (cli, &commands[i], &command_args, error);
        }
    }

  excerpt = pd_text_excerpt (name, -1);
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“%s” is not a command of %s; see “%s --help”"), excerpt, program, program);
  return FALSE;
}

/* A command made of subcommands (“members import”, “hours add”): its own
 * --help lists them, then the one named runs. */
static gboolean
run_commands (PdCli               *cli,
              const PdCliCommand  *command,
              GStrv               *args,
              GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *program = g_strdup_printf ("%s %s", PD_CLI_NAME, command->name);
  g_autofree char *command_list = list_commands (command->name);
  g_autofree char *summary = g_strdup_printf ("%s\n\n%s", _(command->about), command_list);
  g_autofree char *description = g_strdup_printf (_("Run “%s COMMAND --help” to learn about a "
                                                    "command."), program);

  context = pd_cli_option_context_new (_(command->synopsis), summary, description);
  g_option_context_set_strict_posix (context, TRUE);
  if (!parse (cli, context, args, error))
    return FALSE;

  return dispatch (cli, command->name, program, *args, error);
}

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

  command_list = list_commands (NULL);
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
  if (!parse (cli, context, args, error))
    return FALSE;

  if (version)
    {
      g_print ("%s %s\n", PD_CLI_NAME, PACKAGE_VERSION);
      return TRUE;
    }

  return dispatch (cli, NULL, PD_CLI_NAME, *args, error);
}

/* The error of the first write to standard output that failed, kept as
 * it happens: errno is long overwritten by the time the command ends (the
 * server's client library sets it for its own reasons). */
static int output_errno;

static void
print_to_stdout (const char *string)
{
  if (fputs (string, stdout) == EOF && output_errno == 0)
    output_errno = errno;
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  PdCli cli = { .database_path = NULL };
  gboolean ok;

  pd_locale_init ();
  g_set_prgname (PD_CLI_NAME);

  /* A reader that goes away early (“| head”) makes writes fail with EPIPE
   * instead of killing the program with a status scripts cannot read. */
  signal (SIGPIPE, SIG_IGN);

  g_set_print_handler (print_to_stdout);
  args = g_strdupv (argv);
  ok = run (&cli, &args, &error);

  g_free (cli.database_path);
  g_free (cli.database_option);
  g_free (cli.staff_name);
  g_free (cli.staff_option);

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
  if (fflush (stdout) != 0 && output_errno == 0)
    output_errno = errno;
  if (ferror (stdout) && output_errno == 0)
    output_errno = errno != 0 ? errno : EIO;
  if (output_errno != 0 && output_errno != EPIPE)
    {
      g_printerr (_("%s: could not write the output: %s\n"), PD_CLI_NAME,
                  g_strerror (output_errno));
      return 2;
    }
  return 0;
}
