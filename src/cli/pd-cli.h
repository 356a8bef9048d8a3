/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* How many days ahead --within looks for expiring credentials unless told,
 * as the app's renewal window does unless changed, and the most it takes. */
#define PD_CLI_WINDOW_DAYS_DEFAULT 90
#define PD_CLI_WINDOW_DAYS_MAX 3660

/* What every command of peerdesk-cli shares: the database it works on. */
typedef struct
{
  /* Owned */
  char *database_path;     /* from --database, NULL for the usual database */
  char *database_option;   /* where the option context being parsed writes --database */
} PdCli;

/* A command gets its own arguments, its name first; parsing removes the options from them. */
typedef gboolean (*PdCliCommandFunc) (PdCli    *cli,
                                      GStrv    *args,
                                      GError  **error);

typedef struct
{
  const char       *name;
  const char       *summary;   /* translatable, marked with N_() */
  PdCliCommandFunc  func;
} PdCliCommand;

GOptionContext *pd_cli_option_context_new (const char          *parameter_string,
                                           const char          *summary,
                                           const char          *description);
gboolean        pd_cli_parse              (PdCli               *cli,
                                           GOptionContext      *context,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_check_args         (GStrv                args,
                                           const char          *command,
                                           const char          *parameter,
                                           GError             **error);
gboolean        pd_cli_check_n_args       (GStrv                args,
                                           const char          *command,
                                           guint                n_parameters,
                                           const char          *parameters,
                                           GError             **error);
char           *pd_cli_list_commands      (const PdCliCommand  *commands,
                                           gsize                n_commands);
gboolean        pd_cli_dispatch           (PdCli               *cli,
                                           const PdCliCommand  *commands,
                                           gsize                n_commands,
                                           const char          *program,
                                           GStrv                args,
                                           GError             **error);
gboolean        pd_cli_run_commands       (PdCli               *cli,
                                           GStrv               *args,
                                           const char          *parameter_string,
                                           const char          *summary,
                                           const PdCliCommand  *commands,
                                           gsize                n_commands,
                                           const char          *program,
                                           GError             **error);
gboolean        pd_cli_check_window_days  (int                  days,
                                           GError             **error);
char           *pd_cli_dup_database_path  (PdCli               *cli);
PdDatabase     *pd_cli_open_database      (PdCli               *cli,
                                           gboolean             create,
                                           GError             **error);

gboolean        pd_cli_members            (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_checkin            (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_groups             (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_sessions           (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_attendance         (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_volunteers         (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_hours              (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_training           (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_credentials        (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_report             (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_settings           (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_export             (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_import             (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_backup             (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_backups            (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_restore            (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_check              (PdCli               *cli,
                                           GStrv               *args,
                                           GError             **error);

G_END_DECLS
