/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-member-csv.h"
#include "pd-members.h"

/* The columns a CSV file may have, as “members export” writes them. */
static char *
dup_column_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      const PdFieldInfo *info = pd_member_field_info (i);

      if (info->kind == PD_FIELD_TIMESTAMP)
        continue;
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", info->name);
    }
  return g_string_free (names, FALSE);
}

static GOptionContext *
members_import_options (PdCliCall *call)
{
  g_autofree char *columns = dup_column_names ();
  g_autofree char *description = NULL;

  description = g_strdup_printf (_("The first row of the file names the columns, in any order: "
                                   "%s. Only first_name is required; empty cells take their "
                                   "usual value, and members without a number are given the "
                                   "next free one. The created_at and updated_at columns that "
                                   "“members export” writes are left to the database."),
                                 columns);
  /* Translators: only FILE.csv may be translated */
  return pd_cli_option_context_new (_("members import FILE.csv"),
                                    _("Add the members of a CSV file to the database: all of "
                                      "them, or none if a row is wrong, which is named with "
                                      "its column."),
                                    description);
}

static gboolean
members_import_run (PdCliCall  *call,
                    GError    **error)
{
  const char *path = call->args[1];
  guint n_imported = 0;

  if (!pd_member_csv_import (call->db, path, &n_imported, error))
    return FALSE;

  g_print (ngettext ("Imported %'u member from %s\n", "Imported %'u members from %s\n", n_imported),
           n_imported, path);
  return TRUE;
}

const PdCliHandler pd_cli_members_import_handler = {
  members_import_options, NULL, members_import_run,
};

static GOptionContext *
members_export_options (PdCliCall *call)
{
  /* Translators: only FILE.csv may be translated */
  return pd_cli_option_context_new (_("members export FILE.csv"),
                                    _("Write every member to a CSV file, which “members "
                                      "import” reads back."),
                                    _("The file holds confidential notes and contact details: "
                                      "keep it where only the people who may read them can."));
}

static gboolean
members_export_run (PdCliCall  *call,
                    GError    **error)
{
  const char *path = call->args[1];
  guint n_exported = 0;

  if (!pd_member_csv_export (call->db, path, &n_exported, error))
    return FALSE;

  g_print (ngettext ("Exported %'u member to %s\n", "Exported %'u members to %s\n", n_exported),
           n_exported, path);
  return TRUE;
}

const PdCliHandler pd_cli_members_export_handler = {
  members_export_options, NULL, members_export_run,
};

typedef struct
{
  int limit;
} Search;

static GOptionContext *
members_search_options (PdCliCall *call)
{
  Search *self = pd_cli_call_new (call, Search, NULL);
  const GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &self->limit,
      N_("Show at most N members (50 unless told)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  self->limit = 50;
  return pd_cli_call_context_new (call,
                                  /* Translators: only TEXT may be translated */
                                  _("members search TEXT…"),
                                  _("Find members by name, member number or phone number. "
                                    "Each word matches the start of a name, with or without "
                                    "its accents."),
                                  _("Prints one member a line: the member number, the name "
                                    "and the status, separated by tabs."),
                                  entries);
}

static gboolean
members_search_check (PdCliCall  *call,
                      GError    **error)
{
  Search *self = call->data;

  return pd_cli_check_limit (self->limit, error);
}

static gboolean
members_search_run (PdCliCall  *call,
                    GError    **error)
{
  Search *self = call->data;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *text = g_strjoinv (" ", call->args + 1);

  members = pd_members_search (call->db, text, (guint) self->limit, error);
  if (members == NULL)
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      PdMember *member = g_ptr_array_index (members, i);
      g_autofree char *name = pd_member_dup_display_name (member);

      g_print ("%s\t%s\t%s\n",
               pd_member_get (member, PD_MEMBER_FIELD_NUMBER),
               name,
               pd_member_get (member, PD_MEMBER_FIELD_STATUS));
    }
  return TRUE;
}

const PdCliHandler pd_cli_members_search_handler = {
  members_search_options, members_search_check, members_search_run,
};
