/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"
#include "pd-volunteers.h"

G_BEGIN_DECLS

#define PD_CLI_NAME "peerdesk-cli"

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

/* What a command needs of the database, which is opened for it once its
 * options and arguments are checked. Commands that only read, or that add
 * to records kept already, refuse to create a database, so that a mistyped
 * path or an empty file is reported instead of answered from a new, empty
 * database. */
typedef enum
{
  PD_CLI_DATABASE_NONE,      /* works on the files itself (backups, check) */
  PD_CLI_DATABASE_EXISTING,
  PD_CLI_DATABASE_CREATE,
} PdCliDatabaseUse;

/* One run of a command, from its option context to its end. */
typedef struct
{
  /* Borrowed */
  PdCli          *cli;
  const char     *command;   /* “volunteers add”, for messages */

  /* Owned */
  GStrv           args;      /* the command's name, then the arguments left by the options */
  PdDatabase     *db;        /* open while the command runs, unless it needs none */
  gpointer        data;      /* the command's own, from pd_cli_call_alloc () */
  GDestroyNotify  clear;     /* frees what @data holds besides its string options */
  GPtrArray      *strings;   /* the string options, freed with the call */
} PdCliCall;

/* Makes the command's option context, its options pointing into data from
 * pd_cli_call_alloc (). */
typedef GOptionContext *(*PdCliOptionsFunc) (PdCliCall  *call);
typedef gboolean        (*PdCliStepFunc)    (PdCliCall  *call,
                                             GError    **error);

/* A command of peerdesk-cli. Subcommands are named with their command
 * (“volunteers add”) and follow it; a command made of subcommands has a
 * synopsis and about text for its --help, and no options or handler. */
typedef struct
{
  const char        *name;
  const char        *summary;      /* translatable, marked with N_(), as are the texts below */

  /* A command made of subcommands */
  const char        *synopsis;
  const char        *about;

  /* A command of its own */
  guint              n_args;       /* the arguments it takes … */
  const char        *args_name;    /* … named for messages: “VOLUNTEER, COURSE and DATE” */
  gboolean           more_args;    /* TRUE if it takes more than @n_args */
  PdCliDatabaseUse   database;
  PdCliOptionsFunc   options;
  PdCliStepFunc      check;        /* NULL, or checks made before the database is opened */
  PdCliStepFunc      run;
} PdCliCommand;

GOptionContext *pd_cli_option_context_new (const char          *parameter_string,
                                           const char          *summary,
                                           const char          *description);
gboolean        pd_cli_parse              (PdCli               *cli,
                                           GOptionContext      *context,
                                           GStrv               *args,
                                           GError             **error);
gboolean        pd_cli_check_n_args       (GStrv                args,
                                           const char          *command,
                                           guint                n_parameters,
                                           const char          *parameters,
                                           GError             **error);
gboolean        pd_cli_check_window_days  (int                  days,
                                           GError             **error);
gboolean        pd_cli_check_date         (const char          *text,
                                           const char          *what,
                                           GError             **error);
gboolean        pd_cli_parse_hours        (const char          *text,
                                           const char          *what,
                                           guint               *quarter_hours,
                                           GError             **error);
char           *pd_cli_dup_codes          (const PdCode        *codes);
PdVolunteer    *pd_cli_find_volunteer     (PdDatabase          *db,
                                           const char          *text,
                                           GError             **error);
char           *pd_cli_dup_database_path  (PdCli               *cli);

gpointer        pd_cli_call_alloc         (PdCliCall           *call,
                                           gsize                size,
                                           GDestroyNotify       clear);
void            pd_cli_call_add_entries   (PdCliCall           *call,
                                           GOptionContext      *context,
                                           const GOptionEntry  *entries);

#define pd_cli_call_new(call, Type, clear) ((Type *) pd_cli_call_alloc ((call), sizeof (Type), (clear)))

/* The handlers, named after their commands. */

GOptionContext *pd_cli_init_options                   (PdCliCall  *call);
gboolean        pd_cli_init_check                     (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_init_run                       (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_demo_options                   (PdCliCall  *call);
gboolean        pd_cli_demo_check                     (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_demo_run                       (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_members_import_options         (PdCliCall  *call);
gboolean        pd_cli_members_import_run             (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_members_export_options         (PdCliCall  *call);
gboolean        pd_cli_members_export_run             (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_members_search_options         (PdCliCall  *call);
gboolean        pd_cli_members_search_check           (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_members_search_run             (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_checkin_options                (PdCliCall  *call);
gboolean        pd_cli_checkin_run                    (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_groups_list_options            (PdCliCall  *call);
gboolean        pd_cli_groups_list_run                (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_groups_add_options             (PdCliCall  *call);
gboolean        pd_cli_groups_add_check               (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_groups_add_run                 (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_sessions_generate_options      (PdCliCall  *call);
gboolean        pd_cli_sessions_generate_check        (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_sessions_generate_run          (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_sessions_list_options          (PdCliCall  *call);
gboolean        pd_cli_sessions_list_run              (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_attendance_mark_options        (PdCliCall  *call);
gboolean        pd_cli_attendance_mark_run            (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_attendance_headcount_options   (PdCliCall  *call);
gboolean        pd_cli_attendance_headcount_check     (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_attendance_headcount_run       (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_volunteers_list_options        (PdCliCall  *call);
gboolean        pd_cli_volunteers_list_check          (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_volunteers_list_run            (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_volunteers_add_options         (PdCliCall  *call);
gboolean        pd_cli_volunteers_add_check           (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_volunteers_add_run             (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_hours_add_options              (PdCliCall  *call);
gboolean        pd_cli_hours_add_check                (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_hours_add_run                  (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_credentials_due_options        (PdCliCall  *call);
gboolean        pd_cli_credentials_due_check          (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_credentials_due_run            (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_credentials_add_options        (PdCliCall  *call);
gboolean        pd_cli_credentials_add_check          (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_credentials_add_run            (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_training_courses_options       (PdCliCall  *call);
gboolean        pd_cli_training_courses_run           (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_training_add_course_options    (PdCliCall  *call);
gboolean        pd_cli_training_add_course_check      (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_training_add_course_run        (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_training_complete_options      (PdCliCall  *call);
gboolean        pd_cli_training_complete_check        (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_training_complete_run          (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_report_options                 (PdCliCall  *call);
gboolean        pd_cli_report_check                   (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_report_run                     (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_settings_options               (PdCliCall  *call);
gboolean        pd_cli_settings_check                 (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_settings_run                   (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_export_options                 (PdCliCall  *call);
gboolean        pd_cli_export_check                   (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_export_run                     (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_import_options                 (PdCliCall  *call);
gboolean        pd_cli_import_check                   (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_import_run                     (PdCliCall  *call,
                                                       GError    **error);

GOptionContext *pd_cli_backup_options                 (PdCliCall  *call);
gboolean        pd_cli_backup_check                   (PdCliCall  *call,
                                                       GError    **error);
gboolean        pd_cli_backup_run                     (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_backups_list_options           (PdCliCall  *call);
gboolean        pd_cli_backups_list_run               (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_restore_options                (PdCliCall  *call);
gboolean        pd_cli_restore_run                    (PdCliCall  *call,
                                                       GError    **error);
GOptionContext *pd_cli_check_options                  (PdCliCall  *call);
gboolean        pd_cli_check_run                      (PdCliCall  *call,
                                                       GError    **error);

G_END_DECLS
