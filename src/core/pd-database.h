/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this build writes and the newest it can read. */
#define PD_SCHEMA_VERSION 4

/* The page cache of a connection, in KiB when negative (SQLite's unit). */
#define PD_DATABASE_CACHE_SIZE -16384

#define PD_TYPE_DATABASE (pd_database_get_type ())

G_DECLARE_FINAL_TYPE (PdDatabase, pd_database, PD, DATABASE, GObject)

char         *pd_database_default_path    (void);
PdDatabase   *pd_database_open            (const char  *path,
                                           GError     **error);
PdDatabase   *pd_database_open_at_version (const char  *path,
                                           int          version,
                                           GError     **error);
const char   *pd_database_get_path        (PdDatabase  *self);
sqlite3      *pd_database_get_handle      (PdDatabase  *self);
int           pd_database_get_version     (PdDatabase  *self);
gboolean      pd_database_reload          (PdDatabase  *self,
                                           GError     **error);

sqlite3_stmt *pd_database_prepare         (PdDatabase  *self,
                                           const char  *sql,
                                           GError     **error);
gboolean      pd_database_exec            (PdDatabase  *self,
                                           const char  *sql,
                                           GError     **error);
gboolean      pd_database_step_done       (PdDatabase  *self,
                                           sqlite3_stmt *stmt,
                                           GError     **error);
void          pd_database_set_error       (PdDatabase  *self,
                                           GError     **error);
gboolean      pd_database_step_one        (PdDatabase  *self,
                                           sqlite3_stmt *stmt,
                                           gboolean    *found,
                                           GError     **error);
char         *pd_database_column_dup      (sqlite3_stmt *stmt,
                                           int          column);
gint64        pd_database_find_text       (PdDatabase  *self,
                                           const char  *sql,
                                           const char  *text,
                                           GError     **error);

gboolean      pd_database_begin           (PdDatabase  *self,
                                           GError     **error);
gboolean      pd_database_commit          (PdDatabase  *self,
                                           GError     **error);
void          pd_database_rollback        (PdDatabase  *self);

char         *pd_database_get_meta        (PdDatabase  *self,
                                           const char  *key);
gboolean      pd_database_set_meta        (PdDatabase  *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);

void          pd_database_notify_changed  (PdDatabase  *self,
                                           const char  *table);

G_END_DECLS
