/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-json-check.h"
#include "pd-json-private.h"
#include "pd-member.h"
#include "pd-tables.h"
#include "pd-text.h"

/* Reading a row of the file: every value checked against its column's
 * description, and the row against the table's own checks. */

char *
pd_json_row_path (const PdTable *table,
                  guint          index)
{
  return g_strdup_printf ("%s[%u]", table->name, index);
}

char *
pd_json_value_path (const PdTable *table,
                    guint          index,
                    const char    *column)
{
  return g_strdup_printf ("%s[%u].%s", table->name, index, column);
}

static gboolean
two_digits (const char *text,
            int         max)
{
  return g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
         (text[0] - '0') * 10 + (text[1] - '0') <= max;
}

/* "HH:MM" from 00:00 to 23:59, and, with @seconds, ":SS" after it. */
static gboolean
is_clock (const char *text,
          gboolean    seconds)
{
  return two_digits (text, 23) && text[2] == ':' && two_digits (text + 3, 59) &&
         (!seconds || (text[5] == ':' && two_digits (text + 6, 59)));
}

static gboolean
is_date (const char *text)
{
  GDate date;

  return pd_date_parse (text, &date);
}

/* A date, a "T", then a time of @time_length characters, then @suffix. */
static gboolean
is_date_time (const char *text,
              gsize       time_length,
              const char *suffix)
{
  char date[11];

  if (strlen (text) != 11 + time_length + strlen (suffix) || text[10] != 'T' ||
      !g_str_equal (text + 11 + time_length, suffix))
    return FALSE;
  memcpy (date, text, 10);
  date[10] = '\0';
  return is_date (date) && is_clock (text + 11, time_length == 8);
}

/* Checks the form of a string value; NULL if it is right. Only a wrong
 * value is shown, and only the start of it. */
static char *
check_text (const PdColumn *column,
            const char     *text)
{
  g_autofree char *shown = NULL;

  switch (column->kind)
    {
    case PD_FIELD_TEXT:
      if (column->required && pd_text_is_blank (text))
        return g_strdup (_("expected some text, got an empty string"));
      return NULL;

    case PD_FIELD_CODE:
      if (pd_code_label (pd_column_get_codes (column), text) == NULL)
        {
          g_autofree char *known = pd_codes_list (pd_column_get_codes (column));

          return g_strdup_printf (_("“%s” is not a known code (one of: %s)"),
                                  (shown = pd_text_excerpt (text, -1)), known);
        }
      return NULL;

    case PD_FIELD_DATE:
      if (!column->optional && !is_date (text))
        return g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD)"),
                                (shown = pd_text_excerpt (text, -1)));
      if (column->optional && *text != '\0' && !is_date (text))
        return g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD) or empty"),
                                (shown = pd_text_excerpt (text, -1)));
      return NULL;

    case PD_FIELD_CLOCK:
      if (*text != '\0' && (strlen (text) != 5 || !is_clock (text, FALSE)))
        return g_strdup_printf (_("“%s” is not a time (HH:MM) or empty"),
                                (shown = pd_text_excerpt (text, -1)));
      return NULL;

    case PD_FIELD_LOCAL_MINUTE:
      if (!is_date_time (text, 5, ""))
        return g_strdup_printf (_("“%s” is not a local date and time (YYYY-MM-DDTHH:MM)"),
                                (shown = pd_text_excerpt (text, -1)));
      return NULL;

    case PD_FIELD_LOCAL_SECOND:
      if (!is_date_time (text, 8, ""))
        return g_strdup_printf (_("“%s” is not a local date and time "
                                  "(YYYY-MM-DDTHH:MM:SS)"),
                                (shown = pd_text_excerpt (text, -1)));
      return NULL;

    case PD_FIELD_TIMESTAMP:
      if (!is_date_time (text, 8, "Z"))
        return g_strdup_printf (_("“%s” is not a UTC date and time (YYYY-MM-DDTHH:MM:SSZ)"),
                                (shown = pd_text_excerpt (text, -1)));
      return NULL;

    default:
      /* Either no form to check, or one the record's own validator
       * checks. */
      return NULL;
    }
}

/* Reads an id or a reference; returns the problem, or NULL. */
static char *
read_id (const PdColumn *column,
         JsonNode       *node,
         PdValue        *value)
{
  if (!pd_json_node_is_type (node, G_TYPE_INT64))
    return column->optional
           ? g_strdup_printf (_("expected an id or null, got %s"), pd_json_node_kind (node))
           : g_strdup_printf (_("expected an id, got %s"), pd_json_node_kind (node));
  if ((value->number = json_node_get_int (node)) < 1)
    return g_strdup_printf (_("%" PRId64 " is not an id (1 or more)"), value->number);
  return NULL;
}

/* Reads a whole number of the column's range; returns the problem, or
 * NULL. */
static char *
read_whole_number (const PdColumn *column,
                   JsonNode       *node,
                   PdValue        *value)
{
  if (!pd_json_node_is_type (node, G_TYPE_INT64))
    return g_strdup_printf (_("expected a whole number, got %s"), pd_json_node_kind (node));
  if ((value->number = json_node_get_int (node)) < column->min)
    return g_strdup_printf (_("%" PRId64 " is less than %" PRId64), value->number, column->min);
  if (value->number > column->max)
    return g_strdup_printf (_("%" PRId64 " is more than %" PRId64), value->number, column->max);
  return NULL;
}

/* Reads one value of a row, checking its type and its form; the path is
 * made only for a message, as most values are right. */
static gboolean
read_value (PdJsonReader    *reader,
            const PdTable   *table,
            guint            index,
            const PdColumn  *column,
            JsonNode        *node,
            PdValue         *value,
            GError         **error)
{
  g_autofree char *problem = NULL;

  value->is_null = FALSE;
  value->number = 0;
  value->text = NULL;

  switch (pd_column_value_type (column))
    {
    case PD_VALUE_INTEGER:
      if (column->optional && JSON_NODE_HOLDS_NULL (node))
        {
          value->is_null = TRUE;
          return TRUE;
        }
      problem = column->kind == PD_FIELD_INTEGER ? read_whole_number (column, node, value)
                                                 : read_id (column, node, value);
      break;

    case PD_VALUE_FLAG:
      if (!pd_json_node_is_type (node, G_TYPE_BOOLEAN))
        problem = g_strdup_printf (_("expected true or false, got %s"), pd_json_node_kind (node));
      else
        value->number = json_node_get_boolean (node) ? 1 : 0;
      break;

    case PD_VALUE_TEXT:
    default:
      if (!pd_json_node_is_type (node, G_TYPE_STRING))
        problem = g_strdup_printf (_("expected a string, got %s"), pd_json_node_kind (node));
      /* A member's values are checked by the member writer, which
       * normalizes them first, and names the field; only the time stamps,
       * which it keeps as they come, are checked here. */
      else if ((value->text = json_node_get_string (node)) != NULL &&
               (table != pd_tables_get_members () || column->kind == PD_FIELD_TIMESTAMP))
        problem = check_text (column, value->text);
      break;
    }

  if (problem != NULL)
    {
      g_autofree char *path = pd_json_value_path (table, index, column->name);

      pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, path, "%s", problem);
      return FALSE;
    }
  return TRUE;
}

/* Every column, and nothing else: a misspelt key must not pass for a
 * column left out. Unknown keys are named first, as a misspelt one is the
 * likelier reason for a column that seems to be missing. */
gboolean
pd_json_read_row (PdJsonReader   *reader,
                  const PdTable  *table,
                  guint           index,
                  JsonNode       *node,
                  PdValue        *values,
                  GError        **error)
{
  JsonObject *row;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = pd_json_row_path (table, index);

      pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, path,
                                _("expected a row ({ … }), got %s"), pd_json_node_kind (node));
      return FALSE;
    }
  row = json_node_get_object (node);

  if (json_object_get_size (row) != table->n_columns)
    {
      g_autoptr(GList) keys = json_object_get_members (row);

      for (GList *l = keys; l != NULL; l = l->next)
        {
          gboolean known = FALSE;

          for (guint i = 0; i < table->n_columns && !known; i++)
            known = g_str_equal (table->columns[i].name, l->data);
          if (!known)
            {
              g_autofree char *key = pd_text_excerpt (l->data, -1);
              g_autofree char *path = pd_json_value_path (table, index, key);
              g_autofree char *list = pd_table_column_list (table, 0);

              pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, path,
                                        _("unknown key (the keys of a row of %s are %s)"),
                                        table->name, list);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      JsonNode *member = json_object_get_member (row, table->columns[i].name);

      if (member == NULL && table->columns[i].since_format > reader->format_version)
        {
          values[i].is_null = FALSE;
          values[i].number = 0;
          values[i].text = "";
          continue;
        }
      if (member == NULL)
        {
          g_autofree char *path = pd_json_value_path (table, index, table->columns[i].name);

          pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, path,
                                    _("this key is missing"));
          return FALSE;
        }
      if (!read_value (reader, table, index, &table->columns[i], member, &values[i], error))
        return FALSE;
    }

  if (table->check != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!table->check (table, values, &local_error))
        {
          g_autofree char *path = pd_json_row_path (table, index);

          pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, path, "%s",
                                    local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

char *
pd_json_format_value (const PdColumn *column,
                      const PdValue  *value)
{
  switch (pd_column_value_type (column))
    {
    case PD_VALUE_FLAG:
      return g_strdup (value->number ? "true" : "false");
    case PD_VALUE_INTEGER:
      return g_strdup_printf ("%" PRId64, value->number);
    case PD_VALUE_TEXT:
    default:
      {
        g_autofree char *shown = pd_text_excerpt (value->text, -1);

        return g_strdup_printf ("“%s”", shown);
      }
    }
}
