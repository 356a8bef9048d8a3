/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-table.h"

/* The SQL made here names tables and columns from the descriptions of
 * pd-tables.c only, never from a file or a person: identifiers cannot be
 * bound. Values are always bound, by the column's name. */

const PdCode *
pd_column_get_codes (const PdColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (column->codes != NULL)
    return column->codes;
  return column->code_list != NULL ? column->code_list () : NULL;
}

PdValueType
pd_column_value_type (const PdColumn *column)
{
  g_return_val_if_fail (column != NULL, PD_VALUE_TEXT);

  switch (column->kind)
    {
    case PD_FIELD_FLAG:
      return PD_VALUE_FLAG;

    case PD_FIELD_ID:
    case PD_FIELD_REF:
    case PD_FIELD_INTEGER:
      return PD_VALUE_INTEGER;

    case PD_FIELD_TEXT:
    case PD_FIELD_NUMBER:
    case PD_FIELD_DATE:
    case PD_FIELD_PARTIAL_DATE:
    case PD_FIELD_PHONE:
    case PD_FIELD_EMAIL:
    case PD_FIELD_CODE:
    case PD_FIELD_CODE_SET:
    case PD_FIELD_TIMESTAMP:
    case PD_FIELD_CLOCK:
    case PD_FIELD_LOCAL_MINUTE:
    case PD_FIELD_LOCAL_SECOND:
    default:
      return PD_VALUE_TEXT;
    }
}

int
pd_table_find_column (const PdTable *table,
                      const char    *name)
{
  g_return_val_if_fail (table != NULL, -1);

  for (guint i = 0; i < table->n_columns; i++)
    if (g_str_equal (table->columns[i].name, name))
      return i;
  return -1;
}

/* The value of the column @name of a row read in the order of the table's
 * columns. */
const PdValue *
pd_table_value (const PdTable *table,
                const PdValue *values,
                const char    *name)
{
  int i = pd_table_find_column (table, name);

  g_return_val_if_fail (i >= 0, NULL);
  return &values[i];
}

static void
append_names (GString       *sql,
              const PdTable *table,
              guint          first,
              const char    *const *extra,
              const char    *prefix)
{
  gboolean any = FALSE;

  for (guint i = first; i < table->n_columns; i++, any = TRUE)
    g_string_append_printf (sql, "%s%s%s", any ? ", " : "", prefix, table->columns[i].name);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++, any = TRUE)
    g_string_append_printf (sql, "%s%s%s", any ? ", " : "", prefix, extra[i]);
}

/* "a, b, c": the names of the columns from @first on. */
char *
pd_table_column_list (const PdTable *table,
                      guint          first)
{
  GString *list = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);

  append_names (list, table, first, NULL, "");
  return g_string_free (list, FALSE);
}

/* "SELECT a, b FROM t WHERE … ORDER BY k": every column, in order. */
char *
pd_table_select_sql (const PdTable *table)
{
  GString *sql = g_string_new ("SELECT ");

  g_return_val_if_fail (table != NULL, NULL);

  append_names (sql, table, 0, NULL, "");
  g_string_append_printf (sql, " FROM %s", table->name);
  if (table->where != NULL)
    g_string_append_printf (sql, " WHERE %s", table->where);
  g_string_append_printf (sql, " ORDER BY %s", table->key);
  return g_string_free (sql, FALSE);
}

/* "INSERT INTO t (a, b, x) VALUES (:a, :b, :x)": the columns from @first
 * on, then the columns named in @extra (NULL-terminated, or NULL), each
 * bound by its name. */
char *
pd_table_insert_sql (const PdTable *table,
                     guint          first,
                     const char    *const *extra)
{
  GString *sql = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", table->name);
  append_names (sql, table, first, extra, "");
  g_string_append (sql, ") VALUES (");
  append_names (sql, table, first, extra, ":");
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

/* "UPDATE t SET a = :a, x = :x WHERE id = :id": the same columns, of the
 * row whose id is bound as "id". */
char *
pd_table_update_sql (const PdTable *table,
                     guint          first,
                     const char    *const *extra)
{
  GString *sql = g_string_new (NULL);
  gboolean any = FALSE;

  g_return_val_if_fail (table != NULL, NULL);

  g_string_append_printf (sql, "UPDATE %s SET ", table->name);
  for (guint i = first; i < table->n_columns; i++, any = TRUE)
    g_string_append_printf (sql, "%s%s = :%s", any ? ", " : "", table->columns[i].name,
                            table->columns[i].name);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++, any = TRUE)
    g_string_append_printf (sql, "%s%s = :%s", any ? ", " : "", extra[i], extra[i]);
  g_string_append (sql, " WHERE id = :id");
  return g_string_free (sql, FALSE);
}

GString *
pd_sql_array_new (void)
{
  return g_string_new ("{");
}

static void
append_separator (GString *array)
{
  if (array->len > 1)
    g_string_append_c (array, ',');
}

/* Quoted, its quotes and backslashes escaped; NULL for a null. */
void
pd_sql_array_append_text (GString    *array,
                          const char *text)
{
  g_return_if_fail (array != NULL);

  append_separator (array);
  if (text == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }
  g_string_append_c (array, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

void
pd_sql_array_append_int64 (GString *array,
                           gint64   value)
{
  g_return_if_fail (array != NULL);

  append_separator (array);
  g_string_append_printf (array, "%" G_GINT64_FORMAT, value);
}

const char *
pd_sql_array_end (GString *array)
{
  g_return_val_if_fail (array != NULL, NULL);

  g_string_append_c (array, '}');
  return array->str;
}
