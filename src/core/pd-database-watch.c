/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-database-private.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-tables.h"

/* How a connection learns what other connections wrote: SQLite's
 * data_version, or the server's notifications; and the role cache that
 * relies on it. */

/* How long what another desk wrote may take to reach a desk on a server, at
 * most, in microseconds (see data_version()). */
#define SERVER_ASK_INTERVAL (100 * G_TIME_SPAN_MILLISECOND)

static gint64
data_version (PdDatabase *self)
{
  sqlite3_stmt *stmt;
  gboolean owned;
  gint64 version = -1;

  /* On a server, the changes the other connections announced: those that
   * have arrived at every check, without waiting; and after a round trip,
   * by which the server has sent every notification of what was committed
   * before it, at most every SERVER_ASK_INTERVAL, so that the hundred
   * checks of a screenful of records wait for the server once. A role
   * taken away at another desk holds here within that time; the server
   * refuses at once what the role may no longer do (roles.sql). */
  if (self->server != NULL)
    {
      gint64 now = g_get_monotonic_time ();

      if (now - self->server_asked_at >= SERVER_ASK_INTERVAL)
        {
          if (!pd_server_exec (self->server, "SELECT 1", NULL))
            return -1;
          self->server_asked_at = now;
        }
      return pd_server_poll (self->server) ? pd_server_get_n_others (self->server) : -1;
    }

  stmt = pd_database_borrow (self, "PRAGMA data_version", &owned, NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  pd_database_give_back (self, stmt, owned);
  return version;
}

/* Each table the lists show is read again, once: another program's writes
 * (or a change of who is signed in) may have touched any of them. @except,
 * if not NULL, is left out. The meta table's records that lists show are
 * the report settings. */
void
pd_database_notify_all_changed (PdDatabase *self,
                                const char *except)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  const PdTable *tables;
  guint n_tables;

  g_return_if_fail (PD_IS_DATABASE (self));

  tables = pd_tables_get_exported (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      const char *changed = tables[i].changed;

      if (changed == NULL || g_strcmp0 (changed, except) == 0 ||
          !g_hash_table_add (done, (gpointer) changed))
        continue;
      pd_database_notify_changed (self, changed);
    }
  if (g_strcmp0 (except, "report_settings") != 0)
    pd_database_notify_changed (self, "report_settings");
}

/* SQLite's data_version on this connection changes only when another
 * connection (another window, the command line) commits: so asking it
 * once a second costs one pragma on a page SQLite holds anyway, whatever
 * the number of records, and this connection's own writes, which are
 * announced as they are made, never count twice. A file monitor on the
 * write-ahead log would still need this check to tell the two apart, and
 * the log is emptied by checkpoints and replaced by restores: asking is
 * simpler and never misses a change. Reading data_version does not change
 * it, so the role cache, which asks it too, is not disturbed. */
#define WATCH_INTERVAL_S 1

/* Whether the connection to the server is there: a lost one is said, and
 * made again, without waiting, a step at each look; once it is back,
 * every list reads again what the other desks wrote meanwhile. */
static gboolean
watch_server (PdDatabase *self)
{
  if (!self->offline)
    {
      if (!pd_server_is_lost (self->server) && pd_server_poll (self->server))
        return TRUE;
      self->offline = TRUE;
      pd_database_emit_online_changed (self);
      return FALSE;
    }

  if (pd_server_reconnect_step (self->server) <= 0)
    return FALSE;
  self->offline = FALSE;
  pd_database_forget_role (self);
  pd_database_emit_online_changed (self);
  self->watch_data_version = data_version (self);
  pd_database_notify_all_changed (self, NULL);
  return FALSE;
}

/**
 * pd_database_is_online:
 *
 * Whether the records can be reached: always for a file on this computer;
 * for a shared server, while its connection is there. The watch of
 * pd_database_watch_others() notices a lost connection and connects
 * again by itself (#PdDatabase::online-changed).
 */
gboolean
pd_database_is_online (PdDatabase *self)
{
  g_return_val_if_fail (PD_IS_DATABASE (self), FALSE);

  return self->server == NULL || (!self->offline && !pd_server_is_lost (self->server));
}

static gboolean
watch_cb (gpointer data)
{
  PdDatabase *self = data;
  gint64 version;

  /* Nothing is announced from a damaged file (the window says what to do
   * about it), nor in the middle of this connection's own transaction,
   * whose rows the lists would read half-made. */
  if (self->damaged || self->transaction_depth > 0)
    return G_SOURCE_CONTINUE;
  if (self->server != NULL && !watch_server (self))
    return G_SOURCE_CONTINUE;
  version = data_version (self);
  if (version < 0 || version == self->watch_data_version)
    return G_SOURCE_CONTINUE;
  self->watch_data_version = version;
  if (self->server != NULL)
    pd_database_announce_server_changes (self);
  else
    pd_database_notify_all_changed (self, NULL);
  return G_SOURCE_CONTINUE;
}

/**
 * pd_database_watch_others:
 * @watch: whether to watch
 *
 * While @watch is on, the writes other programs make to the file are
 * announced through #PdDatabase::changed, within about a second, from the
 * main context: once for each table the lists show, however many rows
 * were written.
 */
void
pd_database_watch_others (PdDatabase *self,
                          gboolean    watch)
{
  g_return_if_fail (PD_IS_DATABASE (self));

  if (!watch)
    {
      g_clear_handle_id (&self->watch_source, g_source_remove);
      return;
    }
  if (self->watch_source != 0)
    return;
  self->watch_data_version = data_version (self);
  self->watch_source = g_timeout_add_seconds (WATCH_INTERVAL_S, watch_cb, self);
  g_source_set_name_by_id (self->watch_source, "[peerdesk] watch other programs");
}

static gint64
total_changes (PdDatabase *self)
{
  if (self->server != NULL)
    return pd_server_get_total_changes (self->server);
  return sqlite3_total_changes64 (self->db);
}

/* The role pd_staff_cache_role() kept, if nothing was written since. */
gboolean
pd_database_get_cached_role (PdDatabase *self,
                             int        *role)
{
  if (!self->role_known || self->role_changes != total_changes (self) ||
      (self->role_held == 0 && self->role_data_version != data_version (self)))
    return FALSE;
  *role = self->role;
  return TRUE;
}

void
pd_database_cache_role (PdDatabase *self,
                        int         role)
{
  self->role = role;
  self->role_changes = total_changes (self);
  self->role_data_version = data_version (self);
  self->role_known = self->role_data_version >= 0;
}

void
pd_database_forget_role (PdDatabase *self)
{
  self->role_known = FALSE;
}

/* While held, the role read once serves every check without asking
 * whether another program wrote meanwhile: for the checks of one page of
 * records, read at once. */
void
pd_database_hold_role (PdDatabase *self)
{
  self->role_held++;
}

void
pd_database_release_role (PdDatabase *self)
{
  g_return_if_fail (self->role_held > 0);
  self->role_held--;
}

