/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-database-busy.h"

void
pd_database_set_busy_wait (PdDatabase *self,
                           guint       ms)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  sqlite3_busy_timeout (pd_database_get_handle (self), (int) MIN (ms, G_MAXINT));
}
