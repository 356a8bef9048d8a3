/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* How long a write waits, by default, for another program's write to
 * finish before it fails with PD_ERROR_BUSY (what pd_database_open sets). */
#define PD_DATABASE_BUSY_WAIT 5000

/* Sets how long, in milliseconds, each statement of @self waits for
 * another connection's write lock; 0 fails at once. A desk that keeps
 * its work and tries again later waits briefly rather than freezing. */
void pd_database_set_busy_wait (PdDatabase *self,
                                guint       ms);

G_END_DECLS
