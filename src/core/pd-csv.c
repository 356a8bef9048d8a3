/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-database.h"
#include "pd-error.h"
#include "pd-text.h"

/* Large reads keep the cost of the stream machinery out of the per-row
 * work; the parser then scans the buffer for the few bytes that matter. */
#define BUFFER_SIZE (256 * 1024)

/* A row this long is not a member's data (the longest, a note of 20,000
 * characters, takes at most 80 kB) but a missing closing quote that
 * swallowed the rest of the file, or a file that is not CSV at all, such as
 * one with no line break; stopping early keeps memory bounded whatever the
 * input. */
#define MAX_ROW_SIZE (1024 * 1024)
#define MAX_ROW_FIELDS 1000

typedef enum
{
  STATE_ROW_START,
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTED_QUOTE,
} State;

struct _PdCsvReader
{
  /* Owned */
  GInputStream *stream;
  char *buffer;
  GString *data;           /* the fields of the current row, each followed by a NUL */
  GArray *starts;          /* gsize offset of each field in data */
  GPtrArray *fields;       /* pointers into data, lent to the caller */
  GPtrArray *column_names;

  gsize pos;
  gsize len;
  guint row_number;        /* of the row last read */
  guint line;              /* the line pos is on */
  guint started : 1;
  guint at_eof : 1;
  guint skip_lf : 1;       /* the last row ended with CR, so a LF right after is part of it */
  guint last_cr : 1;       /* the byte before buffer[0] was CR */
  guint failed : 1;
};

/* The bytes that end a run of plain text, outside and inside quotes. */
static const guint8 unquoted_stops[256] = {
  [','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1,
};

static const guint8 quoted_stops[256] = {
  ['"'] = 1, ['\n'] = 1, ['\r'] = 1,
};

PdCsvReader *
pd_csv_reader_new (GInputStream *stream)
{
  PdCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (PdCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->data = g_string_sized_new (1024);
  self->starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 32);
  self->fields = g_ptr_array_sized_new (32);
  self->column_names = g_ptr_array_new_with_free_func (g_free);
  self->line = 1;
  return self;
}

PdCsvReader *
pd_csv_reader_new_for_path (const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!pd_database_check_source (path, error))
    return NULL;
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  return pd_csv_reader_new (G_INPUT_STREAM (stream));
}

void
pd_csv_reader_free (PdCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_string_free (self->data, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->column_names);
  g_free (self);
}

/* The record number of the row last returned, counting the first row (the
 * header, in most files) as 1 and a blank line as a row; after an error,
 * the number of the row that was wrong. Unlike the line number, a field
 * with line breaks does not move it on. */
guint
pd_csv_reader_get_row_number (PdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row_number;
}

/* The line the reader has reached, counting from 1. */
guint
pd_csv_reader_get_line_number (PdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->line;
}

/* Names the fields in error messages ("column notes" instead of
 * "field 21"), usually with the header once it has been read. */
void
pd_csv_reader_set_column_names (PdCsvReader       *self,
                                const char *const *names,
                                guint              n_names)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (names != NULL || n_names == 0);

  g_ptr_array_set_size (self->column_names, 0);
  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (self->column_names, g_strdup (names[i]));
}

/* Where the field being read is, for error messages. */
static char *
describe_field (PdCsvReader *self,
                guint        field,
                gboolean     with_line)
{
  g_autofree char *column = NULL;
  guint row = self->row_number + 1;

  if (field < self->column_names->len)
    column = g_strdup_printf (_("column %s"), (const char *) self->column_names->pdata[field]);
  else
    column = g_strdup_printf (_("field %u"), field + 1);

  if (with_line)
    return g_strdup_printf (_("row %u, %s (line %u)"), row, column, self->line);
  return g_strdup_printf (_("row %u, %s"), row, column);
}

/* The start of the field being read, so that a message shows which value
 * is wrong without repeating all of it. */
static char *
excerpt_current_field (PdCsvReader *self)
{
  gsize start = g_array_index (self->starts, gsize, self->starts->len - 1);
  gsize len = MIN (self->data->len - start, PD_TEXT_EXCERPT_CHARS * 4 + 4);

  /* The line break that ended the file is no part of the value. */
  return g_strchomp (pd_text_excerpt (self->data->str + start, len));
}

typedef enum
{
  SYNTAX_UNTERMINATED,
  SYNTAX_TOO_LONG,
  SYNTAX_ROW_TOO_LONG,
  SYNTAX_TOO_MANY_FIELDS,
  SYNTAX_STRAY_QUOTE,
  SYNTAX_AFTER_QUOTE,
} SyntaxError;

/* @line is where the problem is: for a quote that is never closed, the
 * line the field started on rather than the end of the file. */
static void
set_syntax_error (PdCsvReader  *self,
                  GError      **error,
                  SyntaxError   kind,
                  guint         line)
{
  g_autofree char *excerpt = excerpt_current_field (self);
  g_autofree char *where = NULL;
  guint saved_line = self->line;

  self->line = line;
  where = describe_field (self, self->starts->len - 1, TRUE);
  self->line = saved_line;

  switch (kind)
    {
    case SYNTAX_UNTERMINATED:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the quoted field “%s” is never closed: a quote is missing"),
                   where, excerpt);
      break;

    case SYNTAX_TOO_LONG:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the quoted field “%s” is too long; is its closing quote missing?"),
                   where, excerpt);
      break;

    case SYNTAX_ROW_TOO_LONG:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the row is longer than %u MB, at the field “%s”; is this a CSV file, "
                     "with one record a line?"),
                   where, MAX_ROW_SIZE / (1024 * 1024), excerpt);
      break;

    case SYNTAX_TOO_MANY_FIELDS:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the row has more than %u fields; is this a CSV file, with one record "
                     "a line?"),
                   where, MAX_ROW_FIELDS);
      break;

    case SYNTAX_STRAY_QUOTE:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: a quote in “%s”, a field that does not start with one; enclose the "
                     "whole field in quotes and double the quotes inside it"),
                   where, excerpt);
      break;

    case SYNTAX_AFTER_QUOTE:
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: text after the closing quote of “%s”; quotes inside a quoted field "
                     "must be doubled"),
                   where, excerpt);
      break;
    }
}

/* Reads the next block; afterwards pos == len means the input has ended. */
static gboolean
fill (PdCsvReader  *self,
      GError      **error)
{
  if (self->len > 0)
    self->last_cr = self->buffer[self->len - 1] == '\r';
  self->pos = 0;
  self->len = 0;

  /* A short first read must not split a byte order mark. */
  while (!self->at_eof && (self->len == 0 || (!self->started && self->len < 3)))
    {
      gssize n = g_input_stream_read (self->stream, self->buffer + self->len,
                                      BUFFER_SIZE - self->len, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        self->at_eof = TRUE;
      self->len += n;
    }

  if (!self->started)
    {
      self->started = TRUE;
      if (self->len >= 3 && memcmp (self->buffer, "\xef\xbb\xbf", 3) == 0)
        {
          self->pos = 3;
          if (self->pos == self->len)
            return fill (self, error);
        }
      else if (self->len >= 2 && (memcmp (self->buffer, "\xff\xfe", 2) == 0 ||
                                  memcmp (self->buffer, "\xfe\xff", 2) == 0))
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                               _("the file is UTF-16 text, not UTF-8; save it as UTF-8 "
                                 "(“CSV UTF-8” in spreadsheets)"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Whether a spreadsheet would run a cell with this text as a formula (or
 * whether it is such a cell with apostrophes before it already): OWASP's
 * list of the characters that start one. */
static gboolean
starts_formula (const char *text)
{
  while (*text == '\'')
    text++;
  return *text != '\0' && strchr ("=+-@\t\r", *text) != NULL;
}

static gboolean
end_field (PdCsvReader  *self,
           GError      **error)
{
  gsize start = g_array_index (self->starts, gsize, self->starts->len - 1);

  /* An explicit length makes a NUL byte invalid too, as it must be: the
   * caller gets C strings. */
  if (!g_utf8_validate_len (self->data->str + start, self->data->len - start, NULL))
    {
      g_autofree char *where = describe_field (self, self->starts->len - 1, FALSE);
      g_autofree char *excerpt = excerpt_current_field (self);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the text is not valid UTF-8 (“%s”); save the file as UTF-8 "
                     "(“CSV UTF-8” in spreadsheets)"),
                   where, excerpt);
      return FALSE;
    }

  g_string_append_c (self->data, '\0');

  /* The apostrophe pd_csv_append_row() put before a formula. */
  if (self->data->str[start] == '\'' && starts_formula (self->data->str + start + 1))
    g_string_erase (self->data, start, 1);
  return TRUE;
}

/* Moves past the CR or LF that ends a row. */
static const char *
end_line (PdCsvReader *self,
          const char  *p)
{
  self->line++;
  self->skip_lf = *p == '\r';
  return p + 1;
}

/**
 * pd_csv_reader_next_row:
 * @fields: (out) (transfer none): the fields of the row, valid until the
 *   next call
 *
 * Lines with nothing on them are skipped, so that a blank line at the end
 * of a file does not read as a row with one empty field; they still count
 * in the row number.
 *
 * Returns: %TRUE with a row, %FALSE at the end of the input (with @error
 *   unset) or on an error. Nothing more is read after an error.
 */
gboolean
pd_csv_reader_next_row (PdCsvReader  *self,
                        GPtrArray   **fields,
                        GError      **error)
{
  State state = STATE_ROW_START;
  guint quote_line = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  *fields = NULL;
  if (self->failed)
    return FALSE;

  g_string_truncate (self->data, 0);
  g_array_set_size (self->starts, 0);

  for (;;)
    {
      const char *p;
      const char *end;

      if (self->pos == self->len)
        {
          if (!fill (self, error))
            goto failed;

          if (self->pos == self->len)
            {
              switch (state)
                {
                case STATE_ROW_START:
                  return FALSE;

                case STATE_QUOTED:
                  set_syntax_error (self, error, SYNTAX_UNTERMINATED, quote_line);
                  goto failed;

                case STATE_FIELD_START:
                  /* The row ended with a comma: its last field is empty. */
                  g_array_append_val (self->starts, self->data->len);
                  G_GNUC_FALLTHROUGH;

                case STATE_UNQUOTED:
                case STATE_QUOTED_QUOTE:
                default:
                  if (!end_field (self, error))
                    goto failed;
                  goto row_done;
                }
            }
        }

      p = self->buffer + self->pos;
      end = self->buffer + self->len;

      switch (state)
        {
        case STATE_ROW_START:
          if (self->skip_lf)
            {
              self->skip_lf = FALSE;
              if (*p == '\n')
                {
                  p++;
                  break;
                }
            }
          if (*p == '\n' || *p == '\r')
            {
              self->row_number++;
              p = end_line (self, p);
              break;
            }
          state = STATE_FIELD_START;
          break;

        case STATE_FIELD_START:
          g_array_append_val (self->starts, self->data->len);
          if (self->starts->len > MAX_ROW_FIELDS)
            {
              set_syntax_error (self, error, SYNTAX_TOO_MANY_FIELDS, self->line);
              goto failed;
            }
          if (*p == '"')
            {
              quote_line = self->line;
              state = STATE_QUOTED;
              p++;
            }
          else
            state = STATE_UNQUOTED;
          break;

        case STATE_UNQUOTED:
          {
            const char *run = p;

            while (p < end && !unquoted_stops[(guchar) *p])
              p++;
            if (p > run)
              g_string_append_len (self->data, run, p - run);
            if (self->data->len > MAX_ROW_SIZE)
              {
                set_syntax_error (self, error, SYNTAX_ROW_TOO_LONG, self->line);
                goto failed;
              }
            if (p == end)
              break;

            if (*p == '"')
              {
                g_string_append_c (self->data, '"');
                set_syntax_error (self, error, SYNTAX_STRAY_QUOTE, self->line);
                goto failed;
              }

            if (!end_field (self, error))
              goto failed;
            if (*p == ',')
              {
                state = STATE_FIELD_START;
                p++;
                break;
              }
            self->pos = end_line (self, p) - self->buffer;
            goto row_done;
          }

        case STATE_QUOTED:
          {
            const char *run = p;

            while (p < end && !quoted_stops[(guchar) *p])
              p++;
            if (p > run)
              g_string_append_len (self->data, run, p - run);
            if (self->data->len > MAX_ROW_SIZE)
              {
                set_syntax_error (self, error, SYNTAX_TOO_LONG, quote_line);
                goto failed;
              }
            if (p == end)
              break;

            if (*p == '"')
              {
                state = STATE_QUOTED_QUOTE;
                p++;
                break;
              }

            /* A line break inside the field; CRLF counts as one line. */
            if (*p == '\r' || !(p > self->buffer ? p[-1] == '\r' : self->last_cr))
              self->line++;
            g_string_append_c (self->data, *p);
            p++;
            break;
          }

        case STATE_QUOTED_QUOTE:
        default:
          if (*p == '"')
            {
              g_string_append_c (self->data, '"');
              state = STATE_QUOTED;
              p++;
              break;
            }
          if (*p != ',' && *p != '\n' && *p != '\r')
            {
              set_syntax_error (self, error, SYNTAX_AFTER_QUOTE, self->line);
              goto failed;
            }
          if (!end_field (self, error))
            goto failed;
          if (*p == ',')
            {
              state = STATE_FIELD_START;
              p++;
              break;
            }
          self->pos = end_line (self, p) - self->buffer;
          goto row_done;
        }

      self->pos = p - self->buffer;
    }

row_done:
  self->row_number++;
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->starts->len; i++)
    g_ptr_array_add (self->fields, self->data->str + g_array_index (self->starts, gsize, i));
  *fields = self->fields;
  return TRUE;

failed:
  /* The row that was wrong, for pd_csv_reader_get_row_number(). */
  self->row_number++;
  self->failed = TRUE;
  return FALSE;
}

static gboolean
needs_quotes (const char *field,
              gsize       len)
{
  if (len == 0)
    return FALSE;
  /* Leading and trailing spaces would be trimmed by many readers. */
  if (field[0] == ' ' || field[0] == '\t' || field[len - 1] == ' ' || field[len - 1] == '\t')
    return TRUE;
  return strpbrk (field, ",\"\r\n") != NULL;
}

/* Appends one row as RFC 4180 wants it: fields quoted only when they need
 * it, quotes doubled, CRLF at the end. A %NULL field is written empty.
 *
 * A field that a spreadsheet would take for a formula (one that starts
 * with =, +, -, @, a tab or a carriage return, as a name typed as
 * =HYPERLINK(…) does) is written with an apostrophe before it, which makes
 * the cell text, so that opening an export runs nothing. A field that
 * starts with apostrophes and then one of those characters gets one more,
 * so that the reader, which takes one away from both, gives back exactly
 * what was written. */
void
pd_csv_append_row (GString           *out,
                   const char *const *fields,
                   guint              n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] ? fields[i] : "";
      gsize len = strlen (field);
      gboolean formula = starts_formula (field);

      if (i > 0)
        g_string_append_c (out, ',');

      if (!needs_quotes (field, len))
        {
          if (formula)
            g_string_append_c (out, '\'');
          g_string_append_len (out, field, len);
          continue;
        }

      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *quote; (quote = strchr (field, '"')) != NULL; field = quote + 1)
        {
          g_string_append_len (out, field, quote + 1 - field);
          g_string_append_c (out, '"');
        }
      g_string_append (out, field);
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}

gboolean
pd_csv_write_row (GOutputStream      *out,
                  const char *const  *fields,
                  guint               n_fields,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(GString) row = g_string_sized_new (256);

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);

  pd_csv_append_row (row, fields, n_fields);
  return g_output_stream_write_all (out, row->str, row->len, NULL, cancellable, error);
}
