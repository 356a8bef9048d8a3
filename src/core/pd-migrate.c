/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-error.h"
#include "pd-json.h"
#include "pd-migrate.h"
#include "pd-statement.h"
#include "pd-tables.h"

/* Moving a centre's records from the file on one computer to a shared
 * server goes through the JSON export and import, which already check
 * every value, keep the audit trail and write all or nothing: the export
 * is written into a folder only this user can read, read into the server
 * in one transaction, and removed. Then the rows of every table are
 * counted on both sides. The desks stop writing to @from meanwhile: what
 * they wrote after the export would not move. */

static gint64
count_rows (PdDatabase     *db,
            const PdTable  *table,
            GError        **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  /* The table names and filters are the core's own descriptions. */
  sql = g_strdup_printf ("SELECT count (*) FROM %s%s%s", table->name,
                         table->where != NULL ? " WHERE " : "",
                         table->where != NULL ? table->where : "");
  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return -1;
  return found ? pd_statement_get_int64 (stmt, 0) : 0;
}

/**
 * pd_migrate_records:
 * @from: the database the records are in
 * @to: an empty database (a server set up by pd_database_setup_server())
 * @n_rows: (out) (optional): the rows moved, the settings included
 *
 * Copies every record of @from into @to, all or nothing, and checks that
 * each table then holds as many rows on both sides.
 *
 * Returns: %TRUE when every record is in @to
 */
gboolean
pd_migrate_records (PdDatabase  *from,
                    PdDatabase  *to,
                    guint64     *n_rows,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree gint64 *counts = NULL;
  const PdTable *tables;
  guint n_tables;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (from), FALSE);
  g_return_val_if_fail (PD_IS_DATABASE (to), FALSE);

  /* Counted before the export, which adds its own entry to the audit
   * trail of @from once the file is written. */
  tables = pd_tables_get_exported (&n_tables);
  counts = g_new0 (gint64, n_tables);
  for (guint i = 0; i < n_tables; i++)
    if ((counts[i] = count_rows (from, &tables[i], error)) < 0)
      return FALSE;

  dir = g_dir_make_tmp ("peerdesk-migrate-XXXXXX", &local_error);
  if (dir == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_IO,
                   _("Could not make a private folder to move the records through: %s"),
                   local_error->message);
      return FALSE;
    }
  path = g_build_filename (dir, "records.json", NULL);

  ok = pd_json_export (from, path, error) && pd_json_import_full (to, path, n_rows, error);
  g_unlink (path);
  g_rmdir (dir);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < n_tables; i++)
    {
      gint64 before = counts[i];
      gint64 after = count_rows (to, &tables[i], error);

      if (after < 0)
        return FALSE;
      if (before != after)
        {
          g_autofree char *had = g_strdup_printf ("%" G_GINT64_FORMAT, before);
          g_autofree char *has = g_strdup_printf ("%" G_GINT64_FORMAT, after);

          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("The table “%s” has %s rows in the new database but %s in the old "
                         "one: do not use the new database yet"),
                       tables[i].name, has, had);
          return FALSE;
        }
    }
  return TRUE;
}
