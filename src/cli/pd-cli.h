/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"
#include "pd-period.h"
#include "pd-volunteers.h"

G_BEGIN_DECLS

#define PD_CLI_NAME "peerdesk-cli"

/* The most days ahead --within looks for expiring credentials; unless
 * told, it looks as far as the renewal window of the settings. */
#define PD_CLI_WINDOW_DAYS_MAX 3660

/* What every command of peerdesk-cli shares: the database it works on. */
typedef struct
{
  /* Owned */
  char *database_path;     /* from --database, NULL for the usual database */
  char *database_option;   /* where the option context being parsed writes --database */
  char *staff_name;        /* from --staff: who signs in, when the database has sign-in */
  char *staff_option;      /* where the option context being parsed writes --staff */
  gboolean passphrase_stdin;  /* passphrases come as lines of standard input */
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

/* What runs a command: @options makes its option context, @check (if not
 * NULL) checks what was given before the database is opened, @run does
 * the work. */
typedef struct
{
  PdCliOptionsFunc  options;
  PdCliStepFunc     check;
  PdCliStepFunc     run;
} PdCliHandler;

GOptionContext *pd_cli_option_context_new (const char          *parameter_string,
                                           const char          *summary,
                                           const char          *description);
gboolean        pd_cli_check_window_days  (int                  days,
                                           GError             **error);
gboolean        pd_cli_check_limit        (int                  limit,
                                           GError             **error);
gboolean        pd_cli_check_date         (const char          *text,
                                           const char          *what,
                                           GError             **error);
gboolean        pd_cli_parse_id           (const char          *text,
                                           const char          *what,
                                           gint64              *id,
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
PdDatabase     *pd_cli_open_database      (PdCli               *cli,
                                           const char          *location,
                                           PdDatabaseOpenFlags  flags,
                                           GError             **error);
gboolean        pd_cli_ask_server_password (PdCli              *cli,
                                            const char         *location,
                                            GError            **error);

/* pd-cli-report.c: the period of a report, as --from and --to */
typedef struct
{
  char *from;
  char *to;
} PdCliPeriod;

void            pd_cli_period_entries     (PdCliPeriod         *period,
                                           GOptionEntry         entries[2]);
gboolean        pd_cli_period_is_set      (const PdCliPeriod   *period);
PdPeriod       *pd_cli_period_parse       (const PdCliPeriod   *period,
                                           GError             **error);

/* pd-cli-staff.c */

/* The longest passphrase line read; a longer one is refused rather than cut. */
#define PD_CLI_SECRET_MAX 1024

typedef char PdCliSecret;
void            pd_cli_secret_free        (char                *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCliSecret, pd_cli_secret_free)

char           *pd_cli_read_line          (const char          *prompt,
                                           gboolean             hidden,
                                           gboolean            *too_long);
char           *pd_cli_read_secret        (PdCli               *cli,
                                           const char          *prompt,
                                           gboolean             new_secret,
                                           GError             **error);

gboolean        pd_cli_staff_begin        (PdCliCall           *call,
                                           GError             **error);
gboolean        pd_cli_staff_end          (PdCliCall           *call,
                                           GError             **error);
gboolean        pd_cli_staff_after_import (PdCliCall           *call,
                                           GError             **error);

gpointer        pd_cli_call_alloc         (PdCliCall           *call,
                                           gsize                size,
                                           GDestroyNotify       clear);
GOptionContext *pd_cli_call_context_new   (PdCliCall           *call,
                                           const char          *parameter_string,
                                           const char          *summary,
                                           const char          *description,
                                           const GOptionEntry  *entries);

#define pd_cli_call_new(call, Type, clear) \
  ((Type *) pd_cli_call_alloc ((call), sizeof (Type), (clear)))

/* The handlers of the commands, by the file that holds them. */
extern const PdCliHandler pd_cli_init_handler;
extern const PdCliHandler pd_cli_demo_handler;

extern const PdCliHandler pd_cli_members_import_handler;
extern const PdCliHandler pd_cli_members_export_handler;
extern const PdCliHandler pd_cli_members_search_handler;
extern const PdCliHandler pd_cli_members_erase_handler;

extern const PdCliHandler pd_cli_checkin_handler;
extern const PdCliHandler pd_cli_groups_list_handler;
extern const PdCliHandler pd_cli_groups_add_handler;
extern const PdCliHandler pd_cli_sessions_generate_handler;
extern const PdCliHandler pd_cli_sessions_list_handler;
extern const PdCliHandler pd_cli_attendance_mark_handler;
extern const PdCliHandler pd_cli_attendance_headcount_handler;
extern const PdCliHandler pd_cli_schedule_handler;

extern const PdCliHandler pd_cli_volunteers_list_handler;
extern const PdCliHandler pd_cli_volunteers_add_handler;
extern const PdCliHandler pd_cli_hours_add_handler;
extern const PdCliHandler pd_cli_credentials_due_handler;
extern const PdCliHandler pd_cli_credentials_add_handler;

extern const PdCliHandler pd_cli_training_courses_handler;
extern const PdCliHandler pd_cli_training_add_course_handler;
extern const PdCliHandler pd_cli_training_complete_handler;

extern const PdCliHandler pd_cli_print_handler;

extern const PdCliHandler pd_cli_report_handler;
extern const PdCliHandler pd_cli_settings_handler;

extern const PdCliHandler pd_cli_export_handler;
extern const PdCliHandler pd_cli_import_handler;

extern const PdCliHandler pd_cli_backup_handler;
extern const PdCliHandler pd_cli_backups_list_handler;
extern const PdCliHandler pd_cli_restore_handler;
extern const PdCliHandler pd_cli_check_handler;

extern const PdCliHandler pd_cli_server_setup_handler;
extern const PdCliHandler pd_cli_migrate_handler;

extern const PdCliHandler pd_cli_staff_add_handler;
extern const PdCliHandler pd_cli_staff_list_handler;
extern const PdCliHandler pd_cli_staff_reset_handler;
extern const PdCliHandler pd_cli_staff_pin_handler;
extern const PdCliHandler pd_cli_staff_remove_handler;
extern const PdCliHandler pd_cli_audit_handler;

G_END_DECLS
