/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A Peerdesk database: opening, checking and migrating it, its change
 * signals, and its settings. Queries go through pd-statement.h. */

/* The schema version this build writes and the newest it can read. */
#define PD_SCHEMA_VERSION 9

/* The page cache of a connection, in KiB when negative (SQLite's unit). */
#define PD_DATABASE_CACHE_SIZE -16384

/* How long a connection waits for another one's write to finish. */
#define PD_DATABASE_BUSY_TIMEOUT_MS 5000

typedef enum
{
  PD_DATABASE_OPEN_DEFAULT  = 0,
  /* Refuse a missing or empty file instead of making a new database in it:
   * for commands that only read, or that add to records already kept. */
  PD_DATABASE_OPEN_EXISTING = 1 << 0,
} PdDatabaseOpenFlags;

#define PD_TYPE_DATABASE (pd_database_get_type ())

G_DECLARE_FINAL_TYPE (PdDatabase, pd_database, PD, DATABASE, GObject)

char         *pd_database_default_path    (void);
PdDatabase   *pd_database_open            (const char  *path,
                                           GError     **error);
PdDatabase   *pd_database_open_at_version (const char  *path,
                                           int          version,
                                           GError     **error);
PdDatabase   *pd_database_open_full       (const char           *path,
                                           int                   version,
                                           PdDatabaseOpenFlags   flags,
                                           GError              **error);
gboolean      pd_database_setup_server    (const char  *location,
                                           GError     **error);
gboolean      pd_database_server_may_create_roles (const char *location);
gboolean      pd_database_check_file      (const char  *path,
                                           GError     **error);
const char   *pd_database_get_path        (PdDatabase  *self);
gboolean      pd_database_is_shared       (PdDatabase  *self);
gboolean      pd_database_is_online       (PdDatabase  *self);
void          pd_database_set_password    (const char  *location,
                                           const char  *password);
gboolean      pd_database_location_is_server (const char *location);
int           pd_database_get_version     (PdDatabase  *self);
gboolean      pd_database_is_damaged      (PdDatabase  *self);
gint64        pd_database_get_checked_at  (PdDatabase  *self);
void          pd_database_set_busy_wait   (PdDatabase  *self,
                                           guint        ms);
void          pd_database_set_cancellable (PdDatabase   *self,
                                           GCancellable *cancellable);
void          pd_database_verify_async    (PdDatabase          *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      pd_database_verify_finish   (PdDatabase    *self,
                                           GAsyncResult  *result,
                                           GError       **error);
gboolean      pd_database_reload          (PdDatabase  *self,
                                           GError     **error);

gboolean      pd_database_exec            (PdDatabase  *self,
                                           const char  *sql,
                                           GError     **error);
gint64        pd_database_find_text       (PdDatabase  *self,
                                           const char  *sql,
                                           const char  *text,
                                           GError     **error);

char         *pd_database_get_meta        (PdDatabase  *self,
                                           const char  *key);
gboolean      pd_database_set_meta        (PdDatabase  *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);

void          pd_database_notify_changed  (PdDatabase  *self,
                                           const char  *table);
void          pd_database_notify_all_changed (PdDatabase *self,
                                              const char *except);
void          pd_database_watch_others    (PdDatabase  *self,
                                           gboolean     watch);

gboolean      pd_database_check_destination (const char  *path,
                                             GError     **error);
gboolean      pd_database_check_source      (const char  *path,
                                             GError     **error);

G_END_DECLS
