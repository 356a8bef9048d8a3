/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-label-list.h"
#include "pd-text.h"

/* The messages come from each list's table of N_() strings, fixed at
 * build time, each with the one conversion its field documents. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Trims @label and checks that a person could choose it from a list. */
char *
pd_label_list_clean (const PdLabelList  *list,
                     const char         *label,
                     GError            **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (label ? label : ""));

  if (!g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _(list->not_utf8));
      return NULL;
    }
  if (pd_text_is_blank (trimmed))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _(list->empty));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > list->max_length)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _(list->too_long), (int) list->max_length);
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

/* Refuses @label if another entry than @except has it in any case. */
gboolean
pd_label_list_check_free (PdDatabase         *db,
                          const PdLabelList  *list,
                          const char         *label,
                          gint64              except,
                          GError            **error)
{
  gint64 other = pd_database_find_text (db, list->find_sql, label, error);

  if (other < 0)
    return FALSE;
  if (other != 0 && other != except)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, _(list->duplicate), label);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_label_list_exists (PdDatabase         *db,
                      const PdLabelList  *list,
                      gint64              id,
                      GError            **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = pd_database_prepare (db, list->exists_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_one (db, stmt, &found, error))
    return FALSE;
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _(list->not_found), id);
  return found;
}

/* Adds @label at the end of the list; its id, or 0 with @error set. */
gint64
pd_label_list_add (PdDatabase         *db,
                   const PdLabelList  *list,
                   const char         *label,
                   GError            **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  clean = pd_label_list_clean (list, label, error);
  if (clean == NULL)
    return 0;

  if (!pd_database_begin (db, error))
    return 0;
  if (!pd_label_list_check_free (db, list, clean, 0, error))
    goto fail;

  stmt = pd_database_prepare (db, list->insert_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (pd_database_get_handle (db));

  if (!pd_database_commit (db, error))
    return 0;
  pd_database_notify_changed (db, list->changed);
  return id;

fail:
  pd_database_rollback (db);
  return 0;
}

gboolean
pd_label_list_rename (PdDatabase         *db,
                      const PdLabelList  *list,
                      gint64              id,
                      const char         *label,
                      GError            **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  clean = pd_label_list_clean (list, label, error);
  if (clean == NULL)
    return FALSE;

  if (!pd_database_begin (db, error))
    return FALSE;
  if (!pd_label_list_exists (db, list, id, error) ||
      !pd_label_list_check_free (db, list, clean, id, error))
    goto fail;

  stmt = pd_database_prepare (db, list->rename_sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;

  if (!pd_database_commit (db, error))
    return FALSE;
  pd_database_notify_changed (db, list->changed);
  if (list->also_changed != NULL)
    pd_database_notify_changed (db, list->also_changed);
  return TRUE;

fail:
  pd_database_rollback (db);
  return FALSE;
}

#pragma GCC diagnostic pop
