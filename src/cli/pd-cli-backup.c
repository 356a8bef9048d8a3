/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-backup.h"
#include "pd-cli.h"
#include "pd-error.h"
#include "pd-staff.h"

/* A passphrase file longer than this is not a passphrase. */
#define PASSPHRASE_FILE_MAX 4096

/* Where backups go unless told: beside the database, so that the usual
 * database keeps them in pd_backup_default_dir () and another one named
 * with --database keeps its own. */
static char *
dup_backup_dir (PdCli *cli)
{
  g_autofree char *database_path = pd_cli_dup_database_path (cli);
  g_autofree char *dir = g_path_get_dirname (database_path);

  return g_build_filename (dir, "backups", NULL);
}

/* The first line of @path, which only its owner may read: a passphrase
 * never goes on the command line, where other users see it. */
static char *
read_passphrase_file (const char  *path,
                      GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *contents = NULL;
  char *passphrase = NULL;
  gsize length = 0;
  GStatBuf st;
  char *end;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read the passphrase file “%s”: %s"), display,
                   g_strerror (saved_errno));
      return NULL;
    }
  if ((st.st_mode & 0077) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The passphrase file “%s” can be read or changed by other users; make it "
                     "yours alone first (chmod 600)"), display);
      return NULL;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > PASSPHRASE_FILE_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The passphrase file “%s” is not a short text file"), display);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  end = memchr (contents, '\n', length);
  if (end != NULL)
    *end = '\0';
  end = contents + strlen (contents);
  if (end > contents && end[-1] == '\r')
    end[-1] = '\0';
  if (contents[0] == '\0')
    g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The passphrase file “%s” is empty"),
                 display);
  else
    passphrase = g_strdup (contents);
  explicit_bzero (contents, length);
  return passphrase;
}

/* The passphrase from --passphrase-file, or asked on the terminal (twice
 * when it is new, so that a slip of the finger does not lock the backup
 * for good); never from the command line itself. */
static char *
get_passphrase (const char  *passphrase_file,
                gboolean     new_passphrase,
                const char  *needed_for,
                GError     **error)
{
  g_autoptr(PdCliSecret) passphrase = NULL;
  gboolean too_long = FALSE;

  if (passphrase_file != NULL)
    return read_passphrase_file (passphrase_file, error);

  if (!isatty (STDIN_FILENO))
    {
      /* Translators: %s says what needs it: “--encrypt”, “an encrypted backup” */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s needs a passphrase: give --passphrase-file FILE, or run the command in "
                     "a terminal to type it"), needed_for);
      return NULL;
    }

  passphrase = pd_cli_read_line (_("Passphrase"), TRUE, &too_long);
  if (passphrase == NULL || passphrase[0] == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("No passphrase was typed"));
      return NULL;
    }
  if (too_long)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A passphrase may have at most %d characters"), PD_CLI_SECRET_MAX);
      return NULL;
    }
  if (new_passphrase)
    {
      g_autoptr(PdCliSecret) again = pd_cli_read_line (_("The same passphrase again"), TRUE,
                                                       &too_long);

      if (again == NULL || strcmp (again, passphrase) != 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("The two passphrases differ"));
          return NULL;
        }
    }
  return g_steal_pointer (&passphrase);
}

typedef struct
{
  char *to;
  char *passphrase_file;
  gboolean encrypt;
} Backup;

static GOptionContext *
backup_options (PdCliCall *call)
{
  Backup *self = pd_cli_call_new (call, Backup, NULL);
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_FILENAME, &self->to,
      N_("Put the backup in DIR instead of the usual folder"), N_("DIR") },
    { "encrypt", 'e', 0, G_OPTION_ARG_NONE, &self->encrypt,
      N_("Encrypt the backup with a passphrase, for a copy that leaves the computer"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &self->passphrase_file,
      N_("Read the passphrase from the first line of FILE, which only you may read"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  _("backup [--to DIR] [--encrypt]"),
                                  _("Copy the database into a new backup file, named with "
                                    "the date and time, check the copy, and print its "
                                    "name. The folder keeps the newest backup of each of "
                                    "the last 7 days, 4 weeks and 12 months; older ones "
                                    "are removed."),
                                  _("Backups go to the folder “backups” beside the database "
                                    "unless --to names another. They hold every record "
                                    "and are readable by you alone. With --encrypt the "
                                    "backup (.pdbackup) is encrypted with a passphrase, "
                                    "asked on the terminal or read from "
                                    "--passphrase-file: without it the backup cannot be "
                                    "read, by anyone."),
                                  entries);
}

static gboolean
backup_check (PdCliCall  *call,
              GError    **error)
{
  Backup *self = call->data;

  if (self->passphrase_file != NULL && !self->encrypt)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--passphrase-file is only for --encrypt; see “%s backup --help”"),
                   PD_CLI_NAME);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_run (PdCliCall  *call,
            GError    **error)
{
  Backup *self = call->data;
  g_autoptr(PdCliSecret) passphrase = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;

  if (self->encrypt)
    {
      passphrase = get_passphrase (self->passphrase_file, TRUE, "--encrypt", error);
      if (passphrase == NULL)
        return FALSE;
    }

  dir = self->to != NULL ? g_strdup (self->to) : dup_backup_dir (call->cli);
  path = pd_backup_create (call->db, dir, passphrase, NULL, error);
  if (path == NULL)
    return FALSE;

  display = g_filename_display_name (path);
  g_print ("%s\n", display);
  return TRUE;
}

const PdCliHandler pd_cli_backup_handler = {
  backup_options, backup_check, backup_run,
};

static char *
format_count (gint64 n)
{
  if (n < 0)
    return g_strdup ("?");
  return g_strdup_printf ("%'" PRId64, n);
}

typedef struct
{
  char *from;
  char *passphrase_file;
} BackupsList;

static GOptionContext *
backups_list_options (PdCliCall *call)
{
  BackupsList *self = pd_cli_call_new (call, BackupsList, NULL);
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_FILENAME, &self->from,
      N_("List the backups in DIR instead of the usual folder"), N_("DIR") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &self->passphrase_file,
      N_("Count the records of encrypted backups too, with the passphrase in FILE"),
      N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  _("backups list [--from DIR]"),
                                  _("List the backups, newest first: when each was made, "
                                    "its size, how many members and front-desk visits it "
                                    "holds, and its file."),
                                  _("The counts of an encrypted backup are shown only with "
                                    "--passphrase-file. Copies kept before a restore are "
                                    "named “peerdesk-before-restore-…”."),
                                  entries);
}

/* A heading padded to @width characters, not bytes, so that "Tamaño" lines
 * up over its column as "Size" does; a negative width pads on the right. */
static char *
pad_heading (const char *heading,
             int         width)
{
  glong length = g_utf8_strlen (heading, -1);
  glong spaces = MAX (ABS (width) - length, 0);
  g_autofree char *padding = g_strnfill (spaces, ' ');

  return width < 0 ? g_strconcat (heading, padding, NULL) : g_strconcat (padding, heading, NULL);
}

static gboolean
backups_list_run (PdCliCall  *call,
                  GError    **error)
{
  BackupsList *self = call->data;
  const char *from = self->from;
  const char *passphrase_file = self->passphrase_file;
  g_autoptr(PdCliSecret) passphrase = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *dir = NULL;
  gboolean any_unknown = FALSE;

  if (passphrase_file != NULL)
    {
      passphrase = read_passphrase_file (passphrase_file, error);
      if (passphrase == NULL)
        return FALSE;
    }

  dir = from != NULL ? g_strdup (from) : dup_backup_dir (call->cli);
  backups = pd_backup_list (dir, passphrase, error);
  if (backups == NULL)
    return FALSE;

  if (backups->len == 0)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_print (_("There are no backups in %s\n"), display);
      return TRUE;
    }

  {
    /* Translators: the heading of the columns of “backups list”; keep the widths */
    g_autofree char *made = pad_heading (_("Made"), -19);
    g_autofree char *size = pad_heading (_("Size"), 10);
    g_autofree char *members = pad_heading (_("Members"), 9);
    g_autofree char *visits = pad_heading (_("Visits"), 9);

    g_print ("%s  %s  %s  %s  %s\n", made, size, members, visits, _("File"));
  }
  for (guint i = 0; i < backups->len; i++)
    {
      PdBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *made = g_date_time_format (info->created, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (info->size);
      g_autofree char *members = format_count (info->n_members);
      g_autofree char *visits = format_count (info->n_visits);
      g_autofree char *display = g_filename_display_name (info->path);

      any_unknown = any_unknown || info->n_members < 0;
      g_print ("%-19s  %10s  %9s  %9s  %s\n", made, size, members, visits, display);
    }
  if (any_unknown)
    g_print (_("? An encrypted backup (counted only with --passphrase-file), or one that could "
               "not be read.\n"));
  return TRUE;
}

const PdCliHandler pd_cli_backups_list_handler = {
  backups_list_options, NULL, backups_list_run,
};

static gboolean
confirm (const char *question)
{
  char line[16];

  g_printerr ("%s ", question);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  g_strstrip (line);
  /* "y" always works, as scripts and habits type it; the translated answer
   * works too, as the question shows it. */
  if (g_ascii_tolower (line[0]) == 'y')
    return TRUE;
  /* Translators: the first letter of "yes", as the [y/N] of a question shows
   * it, lower-case; a line typed starting with it answers yes */
  return line[0] != '\0' && g_ascii_tolower (line[0]) == C_("answer", "y")[0];
}

/* Replacing records a director keeps needs a director: the database to be
 * replaced is opened, and with sign-in on the command signs in as for any
 * other, and is recorded. One that cannot be read (missing, damaged, from
 * a newer Peerdesk) has no accounts to ask, and is restored as it is. */
static gboolean
sign_in_to_replace (PdCliCall   *call,
                    const char  *database_path,
                    GError     **error)
{
  g_autoptr(GError) open_error = NULL;
  gboolean signed_in;

  if (!g_file_test (database_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  call->db = pd_database_open_full (database_path, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING,
                                    &open_error);
  if (call->db == NULL)
    {
      g_debug ("Restoring over a database that cannot be read: %s", open_error->message);
      return TRUE;
    }
  if (pd_database_is_damaged (call->db) || !pd_staff_sign_in_enabled (call->db))
    {
      g_clear_object (&call->db);
      return TRUE;
    }
  signed_in = pd_cli_staff_begin (call, error) && pd_cli_staff_end (call, error);
  /* Closed before the file is replaced. */
  g_clear_object (&call->db);
  return signed_in;
}

typedef struct
{
  char *passphrase_file;
  gboolean yes;
} Restore;

static GOptionContext *
restore_options (PdCliCall *call)
{
  Restore *self = pd_cli_call_new (call, Restore, NULL);
  const GOptionEntry entries[] = {
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &self->passphrase_file,
      N_("Read the passphrase of an encrypted backup from the first line of FILE, which only "
         "you may read"), N_("FILE") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &self->yes,
      N_("Do not ask before replacing the database"), NULL },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only FILE may be translated */
                                  _("restore FILE"),
                                  _("Put the records of a backup back in place of the "
                                    "database's. The backup is checked first; the database "
                                    "as it is now is kept as a backup of its own, whose "
                                    "name is printed: restore that one to undo."),
                                  _("On a terminal the command asks before it replaces the "
                                    "database, unless --yes is given; from a script it "
                                    "does not ask, as nothing is lost. It works on a "
                                    "damaged database too, which “check” finds. A backup "
                                    "made by an older version of Peerdesk is brought up to "
                                    "date."),
                                  entries);
}

static gboolean
restore_run (PdCliCall  *call,
             GError    **error)
{
  Restore *self = call->data;
  g_autoptr(PdCliSecret) passphrase = NULL;
  g_autofree char *database_path = NULL;
  g_autofree char *keep_dir = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *display_backup = NULL;
  g_autofree char *display_database = NULL;
  const char *backup_path;

  backup_path = call->args[1];
  display_backup = g_filename_display_name (backup_path);

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no file “%s”"),
                   display_backup);
      return FALSE;
    }

  if (g_str_has_suffix (backup_path, ".pdbackup"))
    {
      passphrase = get_passphrase (self->passphrase_file, FALSE, _("An encrypted backup"), error);
      if (passphrase == NULL)
        return FALSE;
    }

  database_path = pd_cli_dup_database_path (call->cli);
  display_database = g_filename_display_name (database_path);

  if (!sign_in_to_replace (call, database_path, error))
    return FALSE;

  if (!self->yes && isatty (STDIN_FILENO))
    {
      g_autofree char *question = NULL;

      question = g_strdup_printf (_("Replace the records of %s with those of %s? The database "
                                    "as it is now is kept first. [y/N]"),
                                  display_database, display_backup);
      if (!confirm (question))
        {
          g_print (_("Nothing was changed\n"));
          return TRUE;
        }
    }

  keep_dir = dup_backup_dir (call->cli);
  if (!pd_backup_restore_file (database_path, backup_path, passphrase, keep_dir, &kept, error))
    {
      if (kept != NULL)
        {
          g_autofree char *display_kept = g_filename_display_name (kept);

          g_prefix_error (error, _("The database as it was is kept at %s. "), display_kept);
        }
      return FALSE;
    }

  g_print (_("Restored %s into %s\n"), display_backup, display_database);
  if (kept != NULL)
    {
      g_autofree char *display_kept = g_filename_display_name (kept);

      g_print (_("The database as it was before is kept at %s\n"), display_kept);
    }
  return TRUE;
}

const PdCliHandler pd_cli_restore_handler = {
  restore_options, NULL, restore_run,
};

static GOptionContext *
check_options (PdCliCall *call)
{
  return pd_cli_option_context_new ("check",
                                    _("Read every page of the database and say whether it is "
                                      "intact."),
                                    _("Exits with 0 when the database is intact and 1 when it "
                                      "is damaged, is not a Peerdesk database or is "
                                      "missing. No record is changed."));
}

static gboolean
check_run (PdCliCall  *call,
           GError    **error)
{
  g_autofree char *path = NULL;

  /* A damaged database's message says how to restore a backup. */
  path = pd_cli_dup_database_path (call->cli);
  if (!pd_backup_check_database (path, error))
    return FALSE;

  g_print (_("The database is intact.\n"));
  return TRUE;
}

const PdCliHandler pd_cli_check_handler = {
  check_options, NULL, check_run,
};
