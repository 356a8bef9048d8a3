/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* The core's statements: every query of the core goes through these, so
 * that nothing above the core, and little inside it, knows which database
 * engine keeps the records.
 *
 * Parameters are named in the SQL as ":name" and bound by that name
 * without the colon; columns are read by their position in the SELECT
 * list, typed. Errors are GErrors in PD_ERROR.
 *
 *   g_autoptr(PdStatement) stmt = pd_database_query (db, "SELECT id, label"
 *                                                    " FROM groups WHERE kind = :kind",
 *                                                    error);
 *   if (stmt == NULL)
 *     return NULL;
 *   pd_statement_bind_int (stmt, "kind", kind);
 *   while (pd_statement_next (stmt))
 *     add (pd_statement_get_int64 (stmt, 0), pd_statement_get_text (stmt, 1));
 *   if (!pd_statement_finish (stmt, error))
 *     return NULL;
 *
 * A statement is the connection's, prepared once and kept: the caller
 * borrows it and gives it back with pd_statement_release(), which
 * g_autoptr() does at the end of the scope. A statement borrowed while the
 * same SQL is still in use further up the stack is a fresh one. */
typedef struct _PdStatement PdStatement;

/* Makes a record of the row the statement stands on. */
typedef gpointer (*PdRowFunc) (PdStatement *stmt);

PdStatement  *pd_database_query            (PdDatabase   *db,
                                            const char   *sql,
                                            GError      **error);
void          pd_statement_release         (PdStatement  *self);

/* SQL whose text differs between the engines (full-text search, date
 * arithmetic, casts of the settings' values): both texts side by side,
 * SQLite's first, so that a reader sees the two; the database's engine
 * runs its own. Parameters are named the same in both. */
PdStatement  *pd_database_query_dialect    (PdDatabase   *db,
                                            const char   *sqlite_sql,
                                            const char   *postgresql_sql,
                                            GError      **error);
gboolean      pd_database_exec_dialect     (PdDatabase   *db,
                                            const char   *sqlite_sql,
                                            const char   *postgresql_sql,
                                            GError      **error);

void          pd_statement_bind_int64      (PdStatement  *self,
                                            const char   *name,
                                            gint64        value);
void          pd_statement_bind_int        (PdStatement  *self,
                                            const char   *name,
                                            int           value);
void          pd_statement_bind_boolean    (PdStatement  *self,
                                            const char   *name,
                                            gboolean      value);
void          pd_statement_bind_double     (PdStatement  *self,
                                            const char   *name,
                                            double        value);
void          pd_statement_bind_text       (PdStatement  *self,
                                            const char   *name,
                                            const char   *value);
void          pd_statement_bind_null       (PdStatement  *self,
                                            const char   *name);

gboolean      pd_statement_next            (PdStatement  *self);
gboolean      pd_statement_finish          (PdStatement  *self,
                                            GError      **error);
gboolean      pd_statement_fetch           (PdStatement  *self,
                                            gboolean     *found,
                                            GError      **error);
gboolean      pd_statement_execute         (PdStatement  *self,
                                            GError      **error);
GPtrArray    *pd_statement_collect         (PdStatement  *self,
                                            PdRowFunc     read_row,
                                            GDestroyNotify free_row,
                                            GError      **error);
gint64        pd_statement_get_changes     (PdStatement  *self);
gint64        pd_statement_get_inserted_id (PdStatement  *self);

int           pd_statement_get_n_columns   (PdStatement  *self);
const char   *pd_statement_get_column_name (PdStatement  *self,
                                            int           column);
gboolean      pd_statement_is_null         (PdStatement  *self,
                                            int           column);
gint64        pd_statement_get_int64       (PdStatement  *self,
                                            int           column);
int           pd_statement_get_int         (PdStatement  *self,
                                            int           column);
gboolean      pd_statement_get_boolean     (PdStatement  *self,
                                            int           column);
double        pd_statement_get_double      (PdStatement  *self,
                                            int           column);
const char   *pd_statement_get_text        (PdStatement  *self,
                                            int           column);
char         *pd_statement_dup_text        (PdStatement  *self,
                                            int           column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdStatement, pd_statement_release)

/* A transaction: every multi-row write is one. Freeing a transaction that
 * was not committed rolls it back, so an early return on an error undoes
 * what was written:
 *
 *   g_autoptr(PdTransaction) transaction = pd_database_begin_transaction (db, error);
 *   if (transaction == NULL || !write_one (db, error) || !write_two (db, error))
 *     return FALSE;
 *   return pd_transaction_commit (transaction, error);
 *
 * Transactions nest: an inner one commits or rolls back its own part. */
typedef struct _PdTransaction PdTransaction;

PdTransaction *pd_database_begin_transaction (PdDatabase     *db,
                                              GError        **error);
gboolean       pd_transaction_commit         (PdTransaction  *self,
                                              GError        **error);
void           pd_transaction_free           (PdTransaction  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTransaction, pd_transaction_free)

G_END_DECLS
