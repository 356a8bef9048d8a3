/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-label-list.h"
#include "pd-staff.h"
#include "pd-statement.h"
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

/* Reads the entries in their order with @read_row, from the columns id,
 * label, archived and is_default. */
GPtrArray *
pd_label_list_read (PdDatabase         *db,
                    const PdLabelList  *list,
                    gboolean            include_archived,
                    PdRowFunc           read_row,
                    GDestroyNotify      free_row,
                    GError            **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, list->read_right, _(list->read_what), error))
    return NULL;
  stmt = pd_database_query (db, list->list_sql, error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_boolean (stmt, "include_archived", include_archived);
  return pd_statement_collect (stmt, read_row, free_row, error);
}

/* Reads entry @id, archived or not; FALSE with PD_ERROR_NOT_FOUND if
 * there is none. @label, @archived and @is_default may be NULL. */
gboolean
pd_label_list_get (PdDatabase         *db,
                   const PdLabelList  *list,
                   gint64              id,
                   char              **label,
                   gboolean           *archived,
                   gboolean           *is_default,
                   GError            **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  stmt = pd_database_query (db, list->get_sql, error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;

  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _(list->not_found), id);
      return FALSE;
    }
  if (label != NULL)
    *label = pd_statement_dup_text (stmt, 0);
  if (archived != NULL)
    *archived = pd_statement_get_boolean (stmt, 1);
  if (is_default != NULL)
    *is_default = pd_statement_get_boolean (stmt, 2);
  return TRUE;
}

/* Adds @label at the end of the list; its id, or 0 with @error set. */
gint64
pd_label_list_add (PdDatabase         *db,
                   const PdLabelList  *list,
                   const char         *label,
                   GError            **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *clean = NULL;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_SETTINGS, _("change the lists of labels"), error))
    return 0;
  clean = pd_label_list_clean (list, label, error);
  if (clean == NULL)
    return 0;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL || !pd_label_list_check_free (db, list, clean, 0, error))
    return 0;

  stmt = pd_database_query (db, list->insert_sql, error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_text (stmt, "label", clean);
  if (!pd_statement_execute (stmt, error))
    return 0;
  id = pd_statement_get_inserted_id (stmt);

  if (!pd_audit_add (db, PD_AUDIT_SETTINGS_CHANGED, 0, list->changed, -1, error) ||
      !pd_transaction_commit (transaction, error))
    return 0;
  pd_database_notify_changed (db, list->changed);
  return id;
}

/* Writes a bound change to an entry, audits it and commits. A renamed
 * entry also changes what the lists that show its label say
 * (also_changed); archiving one does not. */
static gboolean
finish_change (PdDatabase         *db,
               const PdLabelList  *list,
               PdTransaction      *transaction,
               PdStatement        *stmt,
               gboolean            notify_also,
               GError            **error)
{
  if (!pd_statement_execute (stmt, error) ||
      !pd_audit_add (db, PD_AUDIT_SETTINGS_CHANGED, 0, list->changed, -1, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;
  pd_database_notify_changed (db, list->changed);
  if (notify_also && list->also_changed != NULL)
    pd_database_notify_changed (db, list->also_changed);
  return TRUE;
}

gboolean
pd_label_list_rename (PdDatabase         *db,
                      const PdLabelList  *list,
                      gint64              id,
                      const char         *label,
                      GError            **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_SETTINGS, _("change the lists of labels"), error))
    return FALSE;
  clean = pd_label_list_clean (list, label, error);
  if (clean == NULL)
    return FALSE;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL || !pd_label_list_get (db, list, id, NULL, NULL, NULL, error) ||
      !pd_label_list_check_free (db, list, clean, id, error))
    return FALSE;

  stmt = pd_database_query (db, list->rename_sql, error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "label", clean);
  pd_statement_bind_int64 (stmt, "id", id);
  return finish_change (db, list, transaction, stmt, TRUE, error);
}

/* An archived entry stays with the records that hold it, and is no longer
 * offered for others; the default entry cannot be archived. */
gboolean
pd_label_list_set_archived (PdDatabase         *db,
                            const PdLabelList  *list,
                            gint64              id,
                            gboolean            archived,
                            GError            **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *label = NULL;
  gboolean was_archived = FALSE, is_default = FALSE;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_SETTINGS, _("change the lists of labels"), error))
    return FALSE;
  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !pd_label_list_get (db, list, id, &label, &was_archived, &is_default, error))
    return FALSE;
  if (archived && is_default)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _(list->archive_default), label);
      return FALSE;
    }
  if (!archived == !was_archived)
    return TRUE;

  stmt = pd_database_query (db, list->archive_sql, error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_boolean (stmt, "archived", archived);
  pd_statement_bind_int64 (stmt, "id", id);
  return finish_change (db, list, transaction, stmt, FALSE, error);
}

#pragma GCC diagnostic pop
