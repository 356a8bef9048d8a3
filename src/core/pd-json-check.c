/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-json-check.h"

static void set_check_error (GError     **error,
                             const char  *name,
                             guint64      line,
                             guint64      column,
                             const char  *format,
                             ...) G_GNUC_PRINTF (5, 6);

static void
set_check_error (GError     **error,
                 const char  *name,
                 guint64      line,
                 guint64      column,
                 const char  *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("%s: not valid JSON: line %" PRIu64 ", column %" PRIu64
                 ": %s"),
               name, line, column, message);
}

/* What may stand outside strings: white space, punctuation, and the
 * letters, digits and signs of numbers, true, false and null. */
static gboolean
is_json_outside_string (guchar c)
{
  if (g_ascii_isalnum (c))
    return TRUE;
  switch (c)
    {
    case ' ': case '\t': case '\r': case '\n':
    case '{': case '}': case '[': case ']':
    case ':': case ',': case '+': case '-': case '.':
      return TRUE;
    default:
      return FALSE;
    }
}

/* The end of the run of plain text of a string that starts at @p: what
 * needs no more than counting, which is most of a file. */
static const char *
skip_plain_text (const char *p,
                 const char *end,
                 const char *invalid)
{
  while (p < end && (guchar) *p >= 0x20 && *p != '"' && *p != '\\' && p != invalid)
    p++;
  return p;
}

gboolean
pd_json_check_text (const char  *text,
                    gsize        length,
                    const char  *name,
                    guint64      line,
                    guint64      column,
                    guint        depth,
                    GError     **error)
{
  const char *invalid = NULL;
  gboolean in_string = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_utf8_validate_len (text, length, &invalid);

  for (gsize i = 0; i < length; i++)
    {
      guchar c;

      if (in_string)
        {
          const char *plain_end = skip_plain_text (text + i, text + length, invalid);

          column += plain_end - (text + i);
          i = plain_end - text;
          if (i == length)
            break;
        }
      c = text[i];

      /* UTF-8 stops at a null byte, which is refused below. */
      if (text + i == invalid && c != '\0')
        {
          set_check_error (error, name, line, column,
                           _("the file is not UTF-8 text (byte 0x%02x)"), c);
          return FALSE;
        }

      if (in_string)
        {
          if (c == '"')
            in_string = FALSE;
          else if (c < 0x20)
            {
              set_check_error (error, name, line, column,
                               _("a control character in a string (JSON writes it as "
                                 "\\u%04x)"), c);
              return FALSE;
            }
          else if (c == '\\' && i + 1 < length)
            {
              if (text[i + 1] == 'u' && i + 6 <= length && memcmp (text + i + 2, "0000", 4) == 0)
                {
                  set_check_error (error, name, line, column,
                                   _("“\\u0000” in a string: text cannot hold a null "
                                     "character"));
                  return FALSE;
                }
              /* The escaped character does not end the string; a control
               * character or a byte that is not UTF-8 is still refused. */
              if ((guchar) text[i + 1] >= 0x20 && text + i + 1 != invalid)
                {
                  i++;
                  column++;
                }
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > PD_JSON_MAX_DEPTH)
            {
              set_check_error (error, name, line, column,
                               _("lists and objects nested more than %d deep"),
                               PD_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if (c == '}' || c == ']')
        {
          if (depth > 0)
            depth--;
        }
      else if (c == '/' || c == '#')
        {
          set_check_error (error, name, line, column,
                           _("“%c” starts a comment, and JSON has no comments"), c);
          return FALSE;
        }
      else if (!is_json_outside_string (c))
        {
          if (g_ascii_isprint (c))
            set_check_error (error, name, line, column,
                             _("“%c” outside a string"), c);
          else if (c < 0x80)
            set_check_error (error, name, line, column,
                             _("a control character (0x%02x) outside a string"), c);
          else
            set_check_error (error, name, line, column,
                             _("a character outside a string that is not part of JSON"));
          return FALSE;
        }

      if (c == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }

  return TRUE;
}

/* json-glib says "<data>:2:7: Parse error: unexpected …" of the text it
 * was given: the line and column it names there, and what is wrong.
 * FALSE if @message is not written so. */
gboolean
pd_json_parse_error_position (const char  *message,
                              guint64     *line,
                              guint64     *column,
                              const char **what)
{
  const char *p = message;
  char *end;

  if (!g_str_has_prefix (p, "<data>:"))
    return FALSE;
  p += strlen ("<data>:");
  *line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  *column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");
  *what = p;
  return TRUE;
}

/* What a JSON value is, for a message: "got a string". */
const char *
pd_json_node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
      return _("a whole number");
    default:
      return _("a number with a fraction");
    }
}
