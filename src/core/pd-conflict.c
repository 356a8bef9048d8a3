/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-conflict.h"
#include "pd-error.h"
#include "pd-statement.h"

#define WHERE_ID " WHERE id = :id"

char *
pd_conflict_update_sql (const PdTable     *table,
                        guint              first,
                        const char *const *extra)
{
  g_autofree char *sql = pd_table_update_sql (table, first, extra);
  gsize length = strlen (sql);

  g_return_val_if_fail (g_str_has_suffix (sql, WHERE_ID), NULL);

  sql[length - strlen (WHERE_ID)] = '\0';
  return g_strconcat (sql, ", updated_by = :updated_by, version = version + 1",
                      WHERE_ID, " AND version = :seen", NULL);
}

char *
pd_conflict_format_time (const char *updated_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (updated_at == NULL || *updated_at == '\0')
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (updated_at, NULL);
  if (utc == NULL)
    return g_strdup (updated_at);
  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  /* Translators: when another desk saved a record, not today, as
   * g_date_time_format() takes it. xgettext:no-c-format */
  return g_date_time_format (local, _("%a %-d %b %Y, %H:%M"));
}

char *
pd_conflict_dup_heading (const char *actor,
                         const char *updated_at)
{
  g_autofree char *when = pd_conflict_format_time (updated_at);

  if (actor == NULL || *actor == '\0')
    /* Translators: %s is a time, "10:42", or a day and a time */
    return g_strdup_printf (_("Changed by another desk at %s"), when);
  /* Translators: "Changed by Front desk at 10:42": who saved the record,
   * then when */
  return g_strdup_printf (_("Changed by %s at %s"), actor, when);
}

void
pd_conflict_set_error (GError     **error,
                       const char  *actor,
                       const char  *updated_at)
{
  g_autofree char *when = pd_conflict_format_time (updated_at);

  if (actor == NULL || *actor == '\0')
    /* Translators: %s is a time, "10:42", or a day and a time */
    g_set_error (error, PD_ERROR, PD_ERROR_CONFLICT,
                 _("Changed by another desk at %s since you opened it."), when);
  else
    /* Translators: "Changed by Front desk at 10:42 since you opened it." */
    g_set_error (error, PD_ERROR, PD_ERROR_CONFLICT, _("Changed by %s at %s since you opened it."),
                 actor, when);
}

/* The statement reading what the conflict check compares in @table, one
 * of the tables whose rows carry a version: the SQL is written out for
 * each, never made from a name. */
static const char *
saved_sql (const char *table)
{
  if (g_str_equal (table, "members"))
    return "SELECT version, updated_by, updated_at FROM members WHERE id = :id";
  if (g_str_equal (table, "groups"))
    return "SELECT version, updated_by, updated_at FROM groups WHERE id = :id";
  if (g_str_equal (table, "volunteers"))
    return "SELECT version, updated_by, updated_at FROM volunteers WHERE id = :id";
  g_return_val_if_reached (NULL);
}

/* The version of row @id of @table, and who saved it last and when (each
 * may be NULL); FALSE with @error set when it cannot be read or is gone. */
static gboolean
read_saved (PdDatabase   *db,
            const char   *table,
            gint64        id,
            gint64       *version,
            char        **updated_by,
            char        **updated_at,
            GError      **error)
{
  const char *sql = saved_sql (table);
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  if (sql == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED, "No versions are kept for “%s”", table);
      return FALSE;
    }
  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                           _("Someone else removed this record after you opened it."));
      return FALSE;
    }
  if (version != NULL)
    *version = pd_statement_get_int64 (stmt, 0);
  if (updated_by != NULL)
    *updated_by = pd_statement_dup_text (stmt, 1);
  if (updated_at != NULL)
    *updated_at = pd_statement_dup_text (stmt, 2);
  return TRUE;
}

void
pd_conflict_explain (PdDatabase  *db,
                     const char  *table,
                     gint64       id,
                     GError     **error)
{
  g_autofree char *updated_by = NULL;
  g_autofree char *updated_at = NULL;

  if (read_saved (db, table, id, NULL, &updated_by, &updated_at, error))
    pd_conflict_set_error (error, updated_by, updated_at);
}

char *
pd_conflict_dup_heading_for (PdDatabase  *db,
                             const char  *table,
                             gint64       id,
                             GError     **error)
{
  g_autofree char *updated_by = NULL;
  g_autofree char *updated_at = NULL;

  if (!read_saved (db, table, id, NULL, &updated_by, &updated_at, error))
    return NULL;
  return pd_conflict_dup_heading (updated_by, updated_at);
}

gint64
pd_conflict_read_version (PdDatabase  *db,
                          const char  *table,
                          gint64       id,
                          GError     **error)
{
  gint64 version;

  return read_saved (db, table, id, &version, NULL, NULL, error) ? version : -1;
}
