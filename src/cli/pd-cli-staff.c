/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pd-audit.h"
#include "pd-cli.h"
#include "pd-error.h"
#include "pd-member-erase.h"
#include "pd-members.h"
#include "pd-staff.h"
#include "pd-text.h"

/* Wipes a passphrase or PIN before its memory goes back. */
void
pd_cli_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* One line of standard input, or of the terminal with what is typed
 * hidden after @prompt; NULL at the end of the input. The echo goes off
 * before the prompt shows, so that nothing typed once it shows is seen. */
char *
pd_cli_read_line (const char *prompt,
                  gboolean    hidden,
                  gboolean   *too_long)
{
  struct termios saved, quiet;
  char line[PD_CLI_SECRET_MAX + 2];
  gboolean echo_off = FALSE;
  char *text = NULL;
  gsize length;

  if (hidden && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(ECHO);
      quiet.c_lflag |= ECHONL;
      echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  if (prompt != NULL)
    g_printerr ("%s: ", prompt);
  *too_long = FALSE;
  if (fgets (line, sizeof line, stdin) != NULL)
    {
      length = strlen (line);
      if (length > 0 && line[length - 1] == '\n')
        line[--length] = '\0';
      else if (length > PD_CLI_SECRET_MAX)
        *too_long = TRUE;
      if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';
      text = g_strdup (line);
    }
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  explicit_bzero (line, sizeof line);
  return text;
}

/* A passphrase or PIN: the next line of standard input with
 * --passphrase-stdin, else asked on the terminal without showing it (twice
 * when it is a new one, so that a slip of the finger is caught); never
 * from the command line or the environment, where others may see it. */
char *
pd_cli_read_secret (PdCli       *cli,
                    const char  *prompt,
                    gboolean     new_secret,
                    GError     **error)
{
  g_autoptr(PdCliSecret) secret = NULL;
  g_autoptr(PdCliSecret) again = NULL;
  gboolean too_long = FALSE;

  if (cli->passphrase_stdin)
    {
      secret = pd_cli_read_line (NULL, FALSE, &too_long);
      if (secret == NULL)
        {
          /* Translators: %s says what was read, as “Passphrase for Ana” */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Standard input ended before a line for “%s” (--passphrase-stdin)"),
                       prompt);
          return NULL;
        }
    }
  else if (isatty (STDIN_FILENO))
    {
      secret = pd_cli_read_line (prompt, TRUE, &too_long);
      if (secret != NULL && !too_long && new_secret)
        {
          again = pd_cli_read_line (_("The same again"), TRUE, &too_long);
          if (again == NULL || !g_str_equal (secret, again))
            {
              g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                                   _("The two entries differ; nothing was changed"));
              return NULL;
            }
        }
      if (secret == NULL)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("Nothing was typed"));
          return NULL;
        }
    }
  else
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("There is no terminal to ask for “%s” on; give it as a line of standard "
                     "input with --passphrase-stdin"), prompt);
      return NULL;
    }

  if (too_long)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A passphrase may have at most %d characters"), PD_CLI_SECRET_MAX);
      return NULL;
    }
  return g_steal_pointer (&secret);
}

/* What each command needs beyond being signed in, so that a role's limits
 * hold for every command as they do in the app; a command not listed needs
 * what only a director holds. The staff commands leave it to the core,
 * which lets anyone change their own passphrase and PIN. */
typedef struct
{
  const char *command;
  PdRights    right;   /* 0: whoever is signed in */
  const char *what;    /* “Only a director may %s.”, marked with N_() */
} CommandRight;

static const CommandRight command_rights[] = {
  { "init", 0, NULL },
  { "demo", PD_RIGHT_EXPORT, N_("add made-up records") },
  { "members import", PD_RIGHT_EXPORT, N_("import members") },
  { "members export", PD_RIGHT_EXPORT, N_("export members") },
  { "members search", PD_RIGHT_MEMBER_NAMES, N_("search members") },
  { "members erase", PD_RIGHT_ERASE, N_("erase members") },
  { "checkin", PD_RIGHT_CHECK_IN, N_("check members in") },
  { "groups list", PD_RIGHT_MEETINGS, N_("see the groups") },
  { "groups add", PD_RIGHT_MEETINGS, N_("add groups") },
  { "sessions generate", PD_RIGHT_MEETINGS, N_("make sessions") },
  { "sessions list", PD_RIGHT_MEETINGS, N_("see sessions") },
  { "attendance mark", PD_RIGHT_MEETINGS, N_("take attendance") },
  { "attendance headcount", PD_RIGHT_MEETINGS, N_("take attendance") },
  { "schedule", PD_RIGHT_MEETINGS, N_("see the meeting schedule") },
  { "volunteers list", PD_RIGHT_VOLUNTEERS, N_("see the volunteers") },
  { "volunteers add", PD_RIGHT_VOLUNTEERS, N_("add volunteers") },
  { "hours add", PD_RIGHT_VOLUNTEERS, N_("log hours") },
  { "training courses", PD_RIGHT_VOLUNTEERS, N_("see training courses") },
  { "training add-course", PD_RIGHT_VOLUNTEERS, N_("add training courses") },
  { "training complete", PD_RIGHT_VOLUNTEERS, N_("record training") },
  { "credentials due", PD_RIGHT_VOLUNTEERS, N_("see credentials") },
  { "credentials add", PD_RIGHT_VOLUNTEERS, N_("add credentials") },
  /* Each document asks the core for the right it reads with. */
  { "print", 0, NULL },
  { "report", PD_RIGHT_REPORTS, N_("write reports") },
  { "settings", PD_RIGHT_REPORTS, N_("see or change the settings of reports") },
  { "export", PD_RIGHT_EXPORT, N_("export records") },
  { "import", PD_RIGHT_EXPORT, N_("import records") },
  { "backup", PD_RIGHT_BACKUPS, N_("make backups") },
  { "restore", PD_RIGHT_BACKUPS, N_("restore backups") },
  { "migrate", PD_RIGHT_EXPORT, N_("move the records to a server") },
  { "staff add", 0, NULL },
  { "staff list", PD_RIGHT_STAFF, N_("see the staff accounts") },
  { "staff reset", 0, NULL },
  { "staff pin", 0, NULL },
  { "staff remove", 0, NULL },
  { "audit", PD_RIGHT_AUDIT, N_("read the audit trail") },
};

static const CommandRight *
find_command_right (const char *command)
{
  static const CommandRight director = { NULL, PD_RIGHT_STAFF, N_("run this command") };

  for (gsize i = 0; i < G_N_ELEMENTS (command_rights); i++)
    if (g_str_equal (command_rights[i].command, command))
      return &command_rights[i];
  return &director;
}

/* Signs in the staff member of --staff when the database has sign-in on,
 * and checks that their role may run the command. */
gboolean
pd_cli_staff_begin (PdCliCall  *call,
                    GError    **error)
{
  const CommandRight *needed = find_command_right (call->command);
  PdCli *cli = call->cli;

  pd_database_set_os_user (call->db, g_get_user_name ());

  /* After an import brought accounts without their passphrases, the
   * first director's is set without signing in, as nobody can. */
  if (pd_staff_sign_in_enabled (call->db) &&
      !(g_str_equal (call->command, "staff reset") && pd_staff_needs_passphrase (call->db)))
    {
      g_autoptr(PdCliSecret) secret = NULL;
      g_autofree char *prompt = NULL;

      if (cli->staff_name == NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_SIGN_IN,
                       _("This database has staff sign-in: give --staff NAME, and your "
                         "passphrase on the terminal or with --passphrase-stdin"));
          return FALSE;
        }
      /* Translators: %s is a staff member's name */
      prompt = g_strdup_printf (_("Passphrase for %s"), cli->staff_name);
      secret = pd_cli_read_secret (cli, prompt, FALSE, error);
      if (secret == NULL || !pd_staff_sign_in (call->db, cli->staff_name, secret, error))
        return FALSE;
    }

  return needed->right == 0 || pd_database_require (call->db, needed->right, _(needed->what),
                                                     error);
}

/* Records the command that ran in the audit trail, with the operating
 * system's user; one that failed changed nothing and leaves no entry, so
 * that a refused command leaves the file as it was. */
gboolean
pd_cli_staff_end (PdCliCall  *call,
                  GError    **error)
{
  /* A damaged database is opened read-only, so that what it still holds
   * can be exported: it takes no entry. */
  if (pd_database_is_damaged (call->db))
    return TRUE;
  return pd_audit_add (call->db, PD_AUDIT_COMMAND, 0, call->command, -1, error);
}

/* The passphrase of an account being made or reset: the next line of
 * standard input, or asked twice on the terminal. */
static char *
read_new_passphrase (PdCliCall   *call,
                     const char  *name,
                     GError     **error)
{
  /* Translators: %s is a staff member's name */
  g_autofree char *prompt = g_strdup_printf (_("New passphrase for %s"), name);

  return pd_cli_read_secret (call->cli, prompt, TRUE, error);
}

typedef struct
{
  char *role;
} StaffAdd;

static char *
dup_role_names (void)
{
  GString *names = g_string_new (NULL);

  for (PdRole role = PD_ROLE_FRONT_DESK; role <= PD_ROLE_DIRECTOR; role++)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", pd_role_to_string (role));
  return g_string_free (names, FALSE);
}

static GOptionContext *
staff_add_options (PdCliCall *call)
{
  StaffAdd *self = pd_cli_call_new (call, StaffAdd, NULL);
  const GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &self->role,
      N_("The account's role: front-desk, facilitator, coordinator or director"), N_("ROLE") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only NAME and ROLE may be translated */
                                  _("staff add NAME --role ROLE"),
                                  _("Add a staff account with its passphrase, asked on the "
                                    "terminal or read from standard input with "
                                    "--passphrase-stdin."),
                                  _("The first director of a database needs no sign-in, and "
                                    "turns sign-in on: from then on every command needs "
                                    "--staff NAME and that person's passphrase. Front desk "
                                    "checks members in and keeps their details; facilitators "
                                    "take attendance; volunteer coordinators keep volunteers "
                                    "and training; directors do everything."),
                                  entries);
}

static gboolean
parse_role (const char  *text,
            PdRole      *role,
            GError     **error)
{
  g_autofree char *names = NULL;
  g_autofree char *excerpt = NULL;

  if (text == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” needs --role ROLE; see “%s %s --help”"), "staff add", PD_CLI_NAME,
                   "staff add");
      return FALSE;
    }
  if (pd_role_from_string (text, role) && *role != PD_ROLE_NONE)
    return TRUE;

  names = dup_role_names ();
  excerpt = pd_text_excerpt (text, -1);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--role: “%s” is not a role; use one of %s"), excerpt, names);
  return FALSE;
}

static gboolean
staff_add_check (PdCliCall  *call,
                 GError    **error)
{
  StaffAdd *self = call->data;
  PdRole role;

  return parse_role (self->role, &role, error);
}

static gboolean
staff_add_run (PdCliCall  *call,
               GError    **error)
{
  StaffAdd *self = call->data;
  const char *name = call->args[1];
  g_autoptr(PdCliSecret) passphrase = NULL;
  PdRole role = PD_ROLE_NONE;

  if (!parse_role (self->role, &role, error))
    return FALSE;
  passphrase = read_new_passphrase (call, name, error);
  if (passphrase == NULL || !pd_staff_add (call->db, name, role, passphrase, error))
    return FALSE;

  /* Translators: the role is as --role takes it: Added Ana with the role director */
  g_print (_("Added %s with the role %s\n"), name, pd_role_to_string (role));
  return TRUE;
}

const PdCliHandler pd_cli_staff_add_handler = {
  staff_add_options, staff_add_check, staff_add_run,
};

static GOptionContext *
staff_list_options (PdCliCall *call)
{
  return pd_cli_option_context_new (_("staff list"),
                                    _("Show the staff accounts."),
                                    _("Prints one account a line: the name, the role, whether "
                                      "a PIN is set (pin or no-pin) and, for a locked account, "
                                      "when it opens again, separated by tabs."));
}

static gboolean
staff_list_run (PdCliCall  *call,
                GError    **error)
{
  g_autoptr(GPtrArray) accounts = pd_staff_list (call->db, error);

  if (accounts == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      const PdStaff *staff = g_ptr_array_index (accounts, i);
      g_autofree char *locked = NULL;

      if (staff->locked_until > g_get_real_time () / G_USEC_PER_SEC)
        {
          g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (staff->locked_until);

          locked = g_date_time_format (until, "%Y-%m-%dT%H:%M:%S");
        }
      g_print ("%s\t%s\t%s\t%s\n", staff->name, pd_role_to_string (staff->role),
               staff->has_pin ? "pin" : "no-pin", locked != NULL ? locked : "");
    }
  return TRUE;
}

const PdCliHandler pd_cli_staff_list_handler = {
  staff_list_options, NULL, staff_list_run,
};

static GOptionContext *
staff_reset_options (PdCliCall *call)
{
  /* Translators: only NAME may be translated */
  return pd_cli_option_context_new (_("staff reset NAME"),
                                    _("Set a new passphrase for a staff account, asked on the "
                                      "terminal or read from standard input with "
                                      "--passphrase-stdin after your own."),
                                    _("Anyone may set their own; a director may set anyone's, "
                                      "which also opens a locked account. After “import” of a "
                                      "file that holds staff accounts, which never carries "
                                      "their passphrases, a director's is set without signing "
                                      "in."));
}

static gboolean
staff_reset_run (PdCliCall  *call,
                 GError    **error)
{
  const char *name = call->args[1];
  g_autoptr(PdCliSecret) passphrase = read_new_passphrase (call, name, error);

  if (passphrase == NULL || !pd_staff_reset (call->db, name, passphrase, error))
    return FALSE;

  g_print (_("Set a new passphrase for %s\n"), name);
  return TRUE;
}

const PdCliHandler pd_cli_staff_reset_handler = {
  staff_reset_options, NULL, staff_reset_run,
};

typedef struct
{
  gboolean clear;
} StaffPin;

static GOptionContext *
staff_pin_options (PdCliCall *call)
{
  StaffPin *self = pd_cli_call_new (call, StaffPin, NULL);
  const GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &self->clear,
      N_("Remove the PIN instead of setting one"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only NAME may be translated */
                                  _("staff pin NAME"),
                                  _("Set the PIN a staff member unlocks the desk with, asked "
                                    "on the terminal or read from standard input with "
                                    "--passphrase-stdin after your own passphrase."),
                                  _("Anyone may set their own; a director may set anyone's."),
                                  entries);
}

static gboolean
staff_pin_run (PdCliCall  *call,
               GError    **error)
{
  StaffPin *self = call->data;
  const char *name = call->args[1];
  g_autoptr(PdCliSecret) pin = NULL;

  if (!self->clear)
    {
      /* Translators: %s is a staff member's name */
      g_autofree char *prompt = g_strdup_printf (_("New PIN for %s"), name);

      pin = pd_cli_read_secret (call->cli, prompt, TRUE, error);
      if (pin == NULL)
        return FALSE;
    }
  if (!pd_staff_set_pin (call->db, name, pin, error))
    return FALSE;

  if (self->clear)
    g_print (_("Removed the PIN of %s\n"), name);
  else
    g_print (_("Set the PIN of %s\n"), name);
  return TRUE;
}

const PdCliHandler pd_cli_staff_pin_handler = {
  staff_pin_options, NULL, staff_pin_run,
};

static GOptionContext *
staff_remove_options (PdCliCall *call)
{
  /* Translators: only NAME may be translated */
  return pd_cli_option_context_new (_("staff remove NAME"),
                                    _("Remove a staff account."),
                                    _("Its name stays in the audit trail. The last director "
                                      "cannot be removed."));
}

static gboolean
staff_remove_run (PdCliCall  *call,
                  GError    **error)
{
  const char *name = call->args[1];

  if (!pd_staff_remove (call->db, name, error))
    return FALSE;

  g_print (_("Removed the account of %s\n"), name);
  return TRUE;
}

const PdCliHandler pd_cli_staff_remove_handler = {
  staff_remove_options, NULL, staff_remove_run,
};

/* After an import that brought staff accounts, which come without their
 * passphrases, nobody could sign in: the first director is given one. */
gboolean
pd_cli_staff_after_import (PdCliCall  *call,
                           GError    **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(PdCliSecret) passphrase = NULL;
  const PdStaff *director = NULL;

  if (!pd_staff_needs_passphrase (call->db))
    return TRUE;

  accounts = pd_staff_list (call->db, error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len && director == NULL; i++)
    {
      const PdStaff *staff = g_ptr_array_index (accounts, i);

      if (staff->role == PD_ROLE_DIRECTOR)
        director = staff;
    }
  if (director == NULL)
    return TRUE;

  g_printerr (_("The file holds staff accounts but not their passphrases: set one for the "
                "director %s now, then “staff reset” for the others.\n"), director->name);
  passphrase = read_new_passphrase (call, director->name, error);
  if (passphrase == NULL || !pd_staff_reset (call->db, director->name, passphrase, error))
    {
      g_prefix_error (error, _("The records were imported, but %s has no passphrase yet "
                               "(“%s staff reset %s” sets it): "),
                      director->name, PD_CLI_NAME, director->name);
      return FALSE;
    }
  g_print (_("Set a new passphrase for %s\n"), director->name);
  return TRUE;
}

typedef struct
{
  gboolean yes;
} Erase;

static GOptionContext *
members_erase_options (PdCliCall *call)
{
  Erase *self = pd_cli_call_new (call, Erase, NULL);
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &self->yes,
      N_("Erase without asking first, as scripts need"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only NUMBER may be translated */
                                  _("members erase NUMBER"),
                                  _("Erase a member for good, as a member may ask: their "
                                    "names, pronouns, birth date, contact details, emergency "
                                    "contact, demographics and confidential notes are removed "
                                    "from the database and cannot be brought back."),
                                  _("The member number stays, shown as “Erased member "
                                    "M-000123”, with the member's visits and attendance, so "
                                    "that reports of past periods keep their counts. Backups "
                                    "and exported files made before keep the member as they "
                                    "were. Only a director may erase, and the audit trail "
                                    "records that a member was erased, not who. On a terminal "
                                    "you are asked first, unless --yes is given; elsewhere "
                                    "--yes is needed."),
                                  entries);
}

static gboolean
confirm_erase (PdMember *member)
{
  const char *number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);
  g_autofree char *name = pd_member_dup_display_name (member);
  char line[64];

  /* Translators: Erase member M-000123, Ana Díaz, for good? … */
  g_printerr (_("Erase member %s, %s, for good? Their names, contact details, birth date, "
                "demographics and notes are removed and cannot be brought back; their visits "
                "and attendance stay, counted under the number. Type the member number to "
                "go on: "), number, name);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  g_strstrip (line);
  return g_ascii_strcasecmp (line, number) == 0;
}

static gboolean
members_erase_run (PdCliCall  *call,
                   GError    **error)
{
  Erase *self = call->data;
  g_autoptr(PdMember) member = NULL;
  g_autofree char *number = NULL;

  member = pd_members_get_by_number (call->db, call->args[1], error);
  if (member == NULL)
    return FALSE;
  number = g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));

  if (!self->yes)
    {
      if (call->cli->passphrase_stdin || !isatty (STDIN_FILENO))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Erasing a member cannot be undone: give --yes to erase %s without "
                         "being asked"), number);
          return FALSE;
        }
      if (!confirm_erase (member))
        {
          g_print (_("Nothing was changed\n"));
          return TRUE;
        }
    }

  if (!pd_members_erase (call->db, pd_member_get_id (member), error))
    return FALSE;

  g_print (_("Erased member %s\n"), number);
  return TRUE;
}

const PdCliHandler pd_cli_members_erase_handler = {
  members_erase_options, NULL, members_erase_run,
};

typedef struct
{
  char *since;
  char *member;
  char *by;
  char *kind;
  int limit;
} Audit;

static char *
dup_kind_names (void)
{
  GString *names = g_string_new (NULL);

  for (int kind = 0; kind < PD_AUDIT_N_KINDS; kind++)
    g_string_append_printf (names, "%s%s", kind > 0 ? ", " : "", pd_audit_kind_to_string (kind));
  return g_string_free (names, FALSE);
}

static GOptionContext *
audit_options (PdCliCall *call)
{
  Audit *self = pd_cli_call_new (call, Audit, NULL);
  g_autofree char *kinds = dup_kind_names ();
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &self->since,
      N_("Show only entries from DATE (YYYY-MM-DD) on"), N_("DATE") },
    { "member", 'm', 0, G_OPTION_ARG_STRING, &self->member,
      N_("Show only entries about the member NUMBER"), N_("NUMBER") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &self->by,
      N_("Show only what the staff member NAME did"), N_("NAME") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &self->kind,
      N_("Show only entries of KIND"), N_("KIND") },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &self->limit,
      N_("Show at most N entries (100 unless told)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  self->limit = 100;
  description = g_strdup_printf (_("Prints one entry a line, newest first: the local time, the "
                                   "staff member (empty while sign-in was off), the operating "
                                   "system's user of a command, the kind, the member number, "
                                   "the detail (field names, a report's kind, a file's name; "
                                   "never a value) and the count of records, separated by "
                                   "tabs. The kinds are %s. --staff names who signs in, not "
                                   "whose entries are shown: --by does that."),
                                 kinds);
  return pd_cli_call_context_new (call, _("audit"),
                                  _("Show who did what and when: the audit trail, which keeps "
                                    "no names of members and no values."),
                                  description, entries);
}

static gboolean
audit_check (PdCliCall  *call,
             GError    **error)
{
  Audit *self = call->data;
  PdAuditKind kind;

  if (self->since != NULL && !pd_cli_check_date (self->since, "--since", error))
    return FALSE;
  if (self->kind != NULL && !pd_audit_kind_from_string (self->kind, &kind))
    {
      g_autofree char *kinds = dup_kind_names ();
      g_autofree char *excerpt = pd_text_excerpt (self->kind, -1);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--kind: “%s” is not a kind of entry; use one of %s"), excerpt, kinds);
      return FALSE;
    }
  return pd_cli_check_limit (self->limit, error);
}

static gboolean
audit_run (PdCliCall  *call,
           GError    **error)
{
  Audit *self = call->data;
  g_autoptr(PdPeriod) period = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *number = NULL;
  PdAuditQuery query = { NULL, NULL, -1, NULL, 0, (guint) self->limit };

  if (self->since != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      period = pd_period_new_from_iso (self->since, today, error);
      if (period == NULL)
        return FALSE;
      query.period = period;
    }
  if (self->member != NULL)
    {
      number = pd_members_number_from_text (self->member);
      if (number == NULL)
        {
          g_autofree char *excerpt = pd_text_excerpt (self->member, -1);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--member: “%s” is not a member number (as M-000123)"), excerpt);
          return FALSE;
        }
      query.member_number = number;
    }
  query.staff = self->by;
  if (self->kind != NULL)
    {
      PdAuditKind kind;

      pd_audit_kind_from_string (self->kind, &kind);
      query.kind = kind;
    }

  entries = pd_audit_list (call->db, &query, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const PdAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
      g_autofree char *time = g_date_time_format (at, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *count = entry->count >= 0
                               ? g_strdup_printf ("%" G_GINT64_FORMAT, entry->count)
                               : g_strdup ("");

      g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", time, entry->staff, entry->os_user,
               pd_audit_kind_to_string (entry->kind),
               entry->member_number != NULL ? entry->member_number : "",
               entry->detail != NULL ? entry->detail : "", count);
    }
  return TRUE;
}

const PdCliHandler pd_cli_audit_handler = {
  audit_options, audit_check, audit_run,
};
