/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-json.h"

/* "1,234,567" where the locale groups digits so, as a count of rows this
 * large is hard to read otherwise. */
static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" PRIu64, n);
}

/* ngettext takes an unsigned long; past its range the plural is right in
 * every language that has one. */
static gulong
plural_count (guint64 n)
{
  return n > G_MAXULONG ? G_MAXULONG : (gulong) n;
}

static gboolean
check_json_option (const char  *json_path,
                   const char  *command,
                   GError     **error)
{
  if (json_path != NULL)
    return TRUE;
  /* Translators: “export” needs --json FILE; see “peerdesk-cli export --help” */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” needs --json FILE; see “%s %s --help”"),
               command, PD_CLI_NAME, command);
  return FALSE;
}

typedef struct
{
  char *json_path;
  gboolean existed;
} Data;

/* Both commands name their file with --json FILE, which @help describes. */
static GOptionContext *
json_context_new (PdCliCall  *call,
                  const char *help,
                  const char *parameter_string,
                  const char *summary,
                  const char *description)
{
  Data *self = pd_cli_call_new (call, Data, NULL);
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &self->json_path, help, N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call, parameter_string, summary, description, entries);
}

static GOptionContext *
export_options (PdCliCall *call)
{
  return json_context_new (call,
                           N_("Write the records to FILE, in JSON"),
                           /* Translators: only FILE may be translated */
                           _("export --json FILE"),
                           _("Write every record of the database to one file: members, visits, "
                             "groups, sessions, attendance, volunteers, their hours, training "
                             "and credentials. “import --json” reads it back into an empty "
                             "database."),
                           _("The file holds names, contact details and confidential notes. It "
                             "is readable by you alone; keep it where only the people who may "
                             "read them can. The same records always make the same file."));
}

static gboolean
export_check (PdCliCall  *call,
              GError    **error)
{
  Data *self = call->data;

  return check_json_option (self->json_path, "export", error);
}

static gboolean
export_run (PdCliCall  *call,
            GError    **error)
{
  Data *self = call->data;
  g_autofree char *display_path = NULL;
  g_autofree char *count = NULL;
  guint64 n_rows = 0;

  if (!pd_json_export_full (call->db, self->json_path, &n_rows, error))
    return FALSE;

  display_path = g_filename_display_name (self->json_path);
  count = format_count (n_rows);
  g_print (ngettext ("Exported %s row to %s\n", "Exported %s rows to %s\n",
                     plural_count (n_rows)),
           count, display_path);
  return TRUE;
}

const PdCliHandler pd_cli_export_handler = {
  export_options, export_check, export_run,
};

/* A database made for an import that failed is removed, so that a wrong
 * file leaves nothing behind; one that was there before is left as the
 * import found it. */
static void
remove_new_database (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_debug ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

static GOptionContext *
import_options (PdCliCall *call)
{
  return json_context_new (call,
                           N_("Read the records from FILE, which “export --json” wrote"),
                           /* Translators: only FILE may be translated */
                           _("import --json FILE"),
                           _("Put every record of a file that “export --json” wrote into an "
                             "empty database: all of them, or none if a value is wrong, which "
                             "is named by its place in the file."),
                           _("The database is created if there is none; one that holds any "
                             "member, visit, group, volunteer or course is refused. Its visit "
                             "purposes, volunteer roles and training domains are replaced by "
                             "the file's."));
}

static gboolean
import_check (PdCliCall  *call,
              GError    **error)
{
  Data *self = call->data;
  g_autofree char *database_path = NULL;

  if (!check_json_option (self->json_path, "import", error))
    return FALSE;

  database_path = pd_cli_dup_database_path (call->cli);
  self->existed = g_file_test (database_path, G_FILE_TEST_EXISTS);
  return TRUE;
}

static gboolean
import_run (PdCliCall  *call,
            GError    **error)
{
  Data *self = call->data;
  g_autofree char *display_path = NULL;
  g_autofree char *count = NULL;
  guint64 n_rows = 0;

  if (!pd_json_import_full (call->db, self->json_path, &n_rows, error))
    {
      if (!self->existed)
        {
          g_autofree char *database_path = pd_cli_dup_database_path (call->cli);

          g_clear_object (&call->db);
          remove_new_database (database_path);
        }
      return FALSE;
    }

  display_path = g_filename_display_name (self->json_path);
  count = format_count (n_rows);
  g_print (ngettext ("Imported %s row from %s\n", "Imported %s rows from %s\n",
                     plural_count (n_rows)),
           count, display_path);
  return pd_cli_staff_after_import (call, error);
}

const PdCliHandler pd_cli_import_handler = {
  import_options, import_check, import_run,
};
