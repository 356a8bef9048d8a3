/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the core only: the SQLite engine behind PdDatabase and
 * pd-statement.h. Nothing outside src/core includes this header. */

#include <sqlite3.h>

#include "pd-database.h"

G_BEGIN_DECLS

GBytes       *pd_database_get_migration   (int            version);

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
gboolean      pd_database_step_one        (PdDatabase    *self,
                                           sqlite3_stmt  *stmt,
                                           gboolean      *found,
                                           GError       **error);
char         *pd_database_column_dup      (sqlite3_stmt  *stmt,
                                           int            column);

gboolean      pd_database_begin           (PdDatabase    *self,
                                           GError       **error);
gboolean      pd_database_commit          (PdDatabase    *self,
                                           GError       **error);
void          pd_database_rollback        (PdDatabase    *self);

G_END_DECLS
