/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-error.h"
#include "pd-json-check.h"
#include "pd-json-private.h"
#include "pd-json.h"

/* "FILE: PATH: problem", or "FILE: problem" without a path. */
void
pd_json_reader_set_error_valist (PdJsonReader  *reader,
                                 GError       **error,
                                 gint           code,
                                 const char    *path,
                                 const char    *format,
                                 va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (path != NULL)
    g_set_error (error, PD_ERROR, code, "%s: %s: %s", reader->display_path, path, message);
  else
    g_set_error (error, PD_ERROR, code, "%s: %s", reader->display_path, message);
}

void
pd_json_reader_set_error (PdJsonReader  *reader,
                          GError       **error,
                          gint           code,
                          const char    *path,
                          const char    *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  pd_json_reader_set_error_valist (reader, error, code, path, format, args);
  va_end (args);
}

/* The file is read as it goes, one row at a time: json-glib 1.6 has no
 * streaming parser, and its JsonParser builds a tree about ten times the
 * size of the file, so the reader here only finds where each row of a
 * table starts and ends, and JsonParser reads the row. Memory then stays
 * the size of a row, however many rows the file holds. */

#define READ_CHUNK (1024 * 1024)

void
pd_json_reader_set_too_large_error (PdJsonReader  *reader,
                                    GError       **error)
{
  g_autofree char *max = g_format_size_full (PD_JSON_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, NULL,
                            _("the file is larger than the %s an import reads"), max);
}

/* Returns the byte @offset bytes after the current position, reading more
 * of the file if needed, PD_JSON_READ_EOF after its end, or PD_JSON_READ_ERROR. */
static int
reader_at (PdJsonReader  *reader,
           gsize          offset,
           GError       **error)
{

  while (reader->start + offset >= reader->end)
    {
      gssize n;

      if (reader->eof)
        return PD_JSON_READ_EOF;

      /* What is not yet read moves to the front, so that the buffer grows
       * only for a value larger than it. */
      if (reader->start > 0)
        {
          memmove (reader->data, reader->data + reader->start, reader->end - reader->start);
          reader->end -= reader->start;
          reader->start = 0;
        }
      if (reader->end + READ_CHUNK > reader->size)
        {
          reader->size = MAX (reader->size * 2, reader->end + READ_CHUNK);
          reader->data = g_realloc (reader->data, reader->size);
        }

      do
        n = read (reader->fd, reader->data + reader->end, reader->size - reader->end);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not read “%s”: %s"), reader->display_path,
                       g_strerror (saved_errno));
          return PD_JSON_READ_ERROR;
        }
      if (n == 0)
        reader->eof = TRUE;
      reader->end += n;
      reader->total += n;

      /* Checked before reading too, but a file can grow, and a device or
       * a pipe has no size. */
      if (reader->total > PD_JSON_MAX_FILE_SIZE)
        {
          pd_json_reader_set_too_large_error (reader, error);
          return PD_JSON_READ_ERROR;
        }
    }
  return (guchar) reader->data[reader->start + offset];
}

void
pd_json_reader_consume (PdJsonReader *reader,
                        gsize         length)
{
  const char *p = reader->data + reader->start;
  const char *end = p + length;
  const char *newline;

  while ((newline = memchr (p, '\n', end - p)) != NULL)
    {
      reader->line++;
      reader->column = 1;
      p = newline + 1;
    }
  reader->column += end - p;
  reader->start += length;
}

/* The next byte after any white space, PD_JSON_READ_EOF or PD_JSON_READ_ERROR. */
int
pd_json_reader_peek (PdJsonReader  *reader,
                     GError       **error)
{
  for (;;)
    {
      int c = reader_at (reader, 0, error);

      if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return c;
      pd_json_reader_consume (reader, 1);
    }
}

static void set_syntax_error (PdJsonReader  *reader,
                              GError     **error,
                              guint64      line,
                              guint64      column,
                              const char  *format,
                              ...) G_GNUC_PRINTF (5, 6);

static void
set_syntax_error (PdJsonReader  *reader,
                  GError       **error,
                  guint64        line,
                  guint64        column,
                  const char    *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  pd_json_reader_set_error (reader, error, PD_ERROR_INVALID, NULL,
                            _("not valid JSON: line %" PRIu64 ", column %" PRIu64
                              ": %s"),
                            line, column, message);
}

/* Says what is at the reader where something else was expected. */
void
pd_json_reader_set_unexpected_error (PdJsonReader  *reader,
                                     int            c,
                                     const char    *expected,
                                     GError       **error)
{

  if (c == PD_JSON_READ_ERROR)
    return;
  if (c == PD_JSON_READ_EOF)
    set_syntax_error (reader, error, reader->line, reader->column,
                      _("the file ends where %s was expected"), expected);
  else if (g_ascii_isprint (c))
    set_syntax_error (reader, error, reader->line, reader->column,
                      _("“%c” where %s was expected"), c, expected);
  else
    set_syntax_error (reader, error, reader->line, reader->column,
                      _("an unexpected character where %s was expected"), expected);
}

/* Takes @c, which must be next, or says what is there instead. */
gboolean
pd_json_reader_expect (PdJsonReader  *reader,
                       char           c,
                       const char    *expected,
                       GError       **error)
{
  int next = pd_json_reader_peek (reader, error);

  if (next != c)
    {
      pd_json_reader_set_unexpected_error (reader, next, expected, error);
      return FALSE;
    }
  pd_json_reader_consume (reader, 1);
  return TRUE;
}

/* A row is a few hundred bytes; what is read of one value is kept in
 * memory, and JsonParser makes a tree ten times its size. */
static void
set_value_too_large_error (PdJsonReader  *reader,
                           GError       **error)
{
  g_autofree char *max = g_format_size_full (PD_JSON_MAX_VALUE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  set_syntax_error (reader, error, reader->line, reader->column,
                    _("the value that starts here is larger than %s"), max);
}

/* Finds the end of the JSON value that starts at the reader: its brackets
 * are counted and its strings skipped, which is all it takes to know where
 * it ends; JsonParser then checks all of it. */
static gboolean
scan_value (PdJsonReader  *reader,
            gsize         *length,
            GError       **error)
{
  int first = reader_at (reader, 0, error);
  gboolean in_string = first == '"';
  guint depth = 0;
  gsize k;

  if (first == PD_JSON_READ_ERROR)
    return FALSE;

  if (first != '{' && first != '[' && first != '"')
    {
      /* A number, true, false or null: up to the next delimiter. */
      for (k = 0;; k++)
        {
          int c = reader_at (reader, k, error);

          if (c == PD_JSON_READ_ERROR)
            return FALSE;
          if (c == PD_JSON_READ_EOF || strchr (" \t\r\n,:[]{}\"", c) != NULL)
            break;
          if (k >= PD_JSON_MAX_VALUE_SIZE)
            {
              set_value_too_large_error (reader, error);
              return FALSE;
            }
        }
      if (k == 0)
        {
          pd_json_reader_set_unexpected_error (reader, first, _("a value"), error);
          return FALSE;
        }
      *length = k;
      return TRUE;
    }

  for (k = 1;; k++)
    {
      int c;

      if (reader->start + k < reader->end)
        c = (guchar) reader->data[reader->start + k];
      else if ((c = reader_at (reader, k, error)) == PD_JSON_READ_ERROR)
        return FALSE;

      if (c == PD_JSON_READ_EOF)
        {
          set_syntax_error (reader, error, reader->line, reader->column,
                            _("the file ends inside the value that starts here"));
          return FALSE;
        }
      if (k >= PD_JSON_MAX_VALUE_SIZE)
        {
          set_value_too_large_error (reader, error);
          return FALSE;
        }

      if (in_string)
        {
          if (c == '\\')
            k++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (first == '"')
                break;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            break;
          depth--;
        }
    }
  *length = k + 1;
  return TRUE;
}

/* json-glib says "<data>:2:7: Parse error: unexpected …" of the value it
 * was given; a person is told where that is in the file. */
static void
set_parse_error (PdJsonReader  *reader,
                 GError        *parse_error,
                 GError       **error)
{
  guint64 line, column;
  const char *p;

  if (!pd_json_parse_error_position (parse_error->message, &line, &column, &p))
    set_syntax_error (reader, error, reader->line, reader->column, "%s", parse_error->message);
  else if (line <= 1)
    set_syntax_error (reader, error, reader->line, reader->column + column - 1, "%s", p);
  else
    set_syntax_error (reader, error, reader->line + line - 1, column, "%s", p);
}

/* Reads the value at the reader, whole, @depth lists or objects deep in
 * the file; it lasts until the next one. */
JsonNode *
pd_json_reader_read_node (PdJsonReader  *reader,
                          guint          depth,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  JsonNode *node;
  gsize length;

  if (pd_json_reader_peek (reader, error) == PD_JSON_READ_ERROR ||
      !scan_value (reader, &length, error))
    return NULL;
  text = reader->data + reader->start;
  if (!pd_json_check_text (text, length, reader->display_path, reader->line, reader->column,
                           depth, error))
    return NULL;
  if (!json_parser_load_from_data (reader->parser, text, length, &local_error))
    {
      set_parse_error (reader, local_error, error);
      return NULL;
    }
  node = json_parser_get_root (reader->parser);
  if (node == NULL)
    {
      set_syntax_error (reader, error, reader->line, reader->column, _("expected a value"));
      return NULL;
    }
  pd_json_reader_consume (reader, length);
  return node;
}

/* Opens @path, refusing a file larger than an import reads. */
gboolean
pd_json_reader_open (PdJsonReader  *reader,
                     const char    *path,
                     const char    *display_path,
                     GError       **error)
{
  struct stat info;

  memset (reader, 0, sizeof *reader);
  reader->display_path = display_path;
  reader->line = 1;
  reader->column = 1;
  reader->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (reader->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read “%s”: %s"), display_path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (reader->fd, &info) == 0 && S_ISREG (info.st_mode) &&
      (guint64) info.st_size > PD_JSON_MAX_FILE_SIZE)
    {
      pd_json_reader_set_too_large_error (reader, error);
      pd_json_reader_clear (reader);
      return FALSE;
    }
  reader->parser = json_parser_new_immutable ();
  return TRUE;
}

void
pd_json_reader_clear (PdJsonReader *reader)
{
  g_clear_object (&reader->parser);
  g_clear_pointer (&reader->data, g_free);
  if (reader->fd >= 0)
    close (reader->fd);
  reader->fd = -1;
}
