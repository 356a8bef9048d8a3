/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the core only: the SQLite engine behind PdDatabase and
 * pd-statement.h. Nothing outside src/core includes this header. */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pd-database.h"
#include "pd-staff.h"

G_BEGIN_DECLS

/* "PDK1" in the database header marks a file as Peerdesk's, so that another
 * program's SQLite file is refused instead of being given our tables. */
#define PD_APPLICATION_ID 0x50444b31

/* Databases up to this size are checked in full when they are opened,
 * unless the file is the one a full check passed and this program last
 * closed, unchanged since, and that check is less than RECHECK_AFTER old. */
#define FULL_CHECK_MAX_SIZE (64 * 1024 * 1024)
#define RECHECK_AFTER (7 * G_TIME_SPAN_DAY)
#define MAX_CHECKED_RECORDS 16

/* The last migration that rewrites rows a database already holds (one that
 * only adds tables need not wait for a full check of a large file). */
#define LAST_REWRITING_MIGRATION 4

/* The schema version that brought the database's random id. */
#define DATABASE_ID_VERSION 5

GBytes       *pd_database_get_migration   (int            version);

/* pd-database-server.c: the PostgreSQL engine. */
typedef struct _PdServer PdServer;
typedef struct _PdServerStatement PdServerStatement;

/* The database, its parts kept in the pd-database*.c files. */
struct _PdDatabase
{
  GObject parent_instance;

  /* Owned */
  char *path;
  sqlite3 *db;
  PdServer *server;     /* the PostgreSQL connection, instead of db */
  PdServer *desk_server; /* the desk's own, while server is a staff member's */
  GHashTable *statements;
  GHashTable *borrowed;  /* the cached statements in use */
  guint transaction_depth;
  int version;
  gboolean damaged;
  gboolean verified;    /* checked in full since it was opened */
  char *database_id;    /* the random id, when the file has one */
  gint64 checked_at;    /* real time of the full check the contents passed, or 0 */
  PdStaff *staff;       /* who is signed in on this connection, or NULL */
  char *os_user;        /* the command line's user, for the audit trail */
  /* The role last read for the one signed in, good while nothing has been
   * written since: by this connection (its count of changes) or by any
   * other (SQLite's data_version). */
  gboolean role_known;
  int role;
  gint64 role_changes;
  gint64 role_data_version;
  gint64 server_asked_at;  /* monotonic time of the last round trip of data_version() */
  guint role_held;      /* pd_database_hold_role() depth */
  /* pd_database_watch_others() */
  guint watch_source;
  gint64 watch_data_version;
  gboolean offline;     /* the server's connection is lost (pd-database-watch.c) */
};


PdServer     *pd_server_connect           (const char    *location,
                                           GError       **error);
PdServer     *pd_server_connect_as        (const char    *location,
                                           const char    *user,
                                           const char    *password,
                                           GError       **error);
void          pd_database_use_server      (PdDatabase    *self,
                                           PdServer      *server);
void          pd_server_free              (PdServer      *self);
char         *pd_server_describe_location (const char    *location);
gboolean      pd_server_is_lost           (PdServer      *self);
const char   *pd_server_get_database_name (PdServer     *self);
char         *pd_server_encrypt_password  (PdServer      *self,
                                           const char    *user,
                                           const char    *password,
                                           GError       **error);
int           pd_server_reconnect_step    (PdServer      *self);
gboolean      pd_server_exec              (PdServer      *self,
                                           const char    *sql,
                                           GError       **error);
gint64        pd_server_get_changes       (PdServer      *self);
gint64        pd_server_get_inserted_id   (PdServer      *self);
gboolean      pd_server_poll              (PdServer      *self);
gint64        pd_server_get_n_others      (PdServer      *self);
GPtrArray    *pd_server_take_changed      (PdServer      *self);

PdServerStatement *pd_server_prepare      (PdServer      *self,
                                           const char    *sql,
                                           GError       **error);
void          pd_server_statement_free    (PdServerStatement *stmt);
void          pd_server_statement_bind    (PdServerStatement *stmt,
                                           const char    *name,
                                           char          *value);
gboolean      pd_server_statement_step    (PdServerStatement *stmt,
                                           GError       **error);
void          pd_server_statement_reset   (PdServerStatement *stmt);
int           pd_server_statement_get_n_columns (PdServerStatement *stmt);
const char   *pd_server_statement_get_column_name (PdServerStatement *stmt,
                                                   int            column);
const char   *pd_server_statement_get_text (PdServerStatement *stmt,
                                            int            column);

gint64        pd_server_get_total_changes (PdServer      *self);

PdServer     *pd_database_get_server      (PdDatabase    *self);
void          pd_database_emit_online_changed (PdDatabase *self);
PdDatabase   *pd_database_new_shared      (const char    *location,
                                           PdServer      *server,
                                           int            version);
PdDatabase   *pd_database_open_server     (const char           *location,
                                           int                   version,
                                           PdDatabaseOpenFlags   flags,
                                           GError              **error);
void          pd_database_announce_server_changes (PdDatabase *self);

sqlite3      *pd_database_get_handle      (PdDatabase    *self);
void          pd_database_set_error       (PdDatabase    *self,
                                           GError       **error);

sqlite3_stmt *pd_database_borrow          (PdDatabase    *self,
                                           const char    *sql,
                                           gboolean      *owned,
                                           GError       **error);
void          pd_database_give_back       (PdDatabase    *self,
                                           sqlite3_stmt  *stmt,
                                           gboolean       owned);

sqlite3_stmt *pd_database_prepare         (PdDatabase    *self,
                                           const char    *sql,
                                           GError       **error);
gboolean      pd_database_step_done       (PdDatabase    *self,
                                           sqlite3_stmt  *stmt,
                                           GError       **error);
char         *pd_database_column_dup      (sqlite3_stmt  *stmt,
                                           int            column);

gboolean      pd_database_begin           (PdDatabase    *self,
                                           GError       **error);
gboolean      pd_database_commit          (PdDatabase    *self,
                                           GError       **error);
void          pd_database_rollback        (PdDatabase    *self);

/* pd-database-file.c */
void          pd_sqlite_fold_function     (sqlite3_context  *context,
                                           int               argc,
                                           sqlite3_value   **argv);
void          pd_sqlite_set_error         (sqlite3       *db,
                                           const char    *path,
                                           GError       **error);
gboolean      pd_sqlite_query_int         (sqlite3       *db,
                                           const char    *path,
                                           const char    *sql,
                                           int           *value,
                                           GError       **error);
char         *pd_sqlite_query_text        (sqlite3       *db,
                                           const char    *sql);
char         *pd_sqlite_dup_page_stamp    (sqlite3       *db,
                                           const char    *path);
gboolean      pd_sqlite_check_integrity   (sqlite3       *db,
                                           const char    *path,
                                           GError       **error);
void          pd_database_file_remember_checked (const char *path,
                                                 const char *database_id,
                                                 const char *pages,
                                                 gint64      checked_at);
gboolean      pd_database_file_check      (const char           *path,
                                           const GStatBuf       *st,
                                           int                   target,
                                           PdDatabaseOpenFlags   flags,
                                           gboolean              full,
                                           gboolean             *verified,
                                           char                **database_id,
                                           gint64               *checked_at,
                                           GError              **error);
void          pd_database_file_opened     (PdDatabase    *self,
                                           sqlite3       *db);
void          pd_database_file_closed     (PdDatabase    *self);
gboolean      pd_database_file_is_open    (const GStatBuf *st);

/* pd-database-copy.c: a plain connection below PdDatabase (no checks, no
 * migrations), what backups copy from and restores copy into. */
typedef enum
{
  PD_CONNECTION_READ_ONLY,
  PD_CONNECTION_READ_WRITE,
} PdConnectionMode;

typedef struct _PdConnection PdConnection;

PdConnection *pd_connection_open          (const char        *path,
                                           PdConnectionMode   mode,
                                           GError           **error);
PdConnection *pd_connection_for_database  (PdDatabase        *database);
void          pd_connection_close         (PdConnection      *self);
gboolean      pd_connection_is_idle       (PdConnection      *self);
gboolean      pd_connection_copy_to       (PdConnection      *self,
                                           const char        *copy_path,
                                           gboolean           check,
                                           GCancellable      *cancellable,
                                           GError           **error);
gboolean      pd_connection_check_backup  (PdConnection      *self,
                                           const char        *path,
                                           GError           **error);
gboolean      pd_connection_restore_from  (PdConnection      *self,
                                           PdConnection      *source,
                                           const char        *source_path,
                                           GError           **error);
void          pd_connection_read_counts   (const char        *path,
                                           gint64            *n_members,
                                           gint64            *n_visits);
void          pd_database_remove_files    (const char        *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdConnection, pd_connection_close)

G_END_DECLS
