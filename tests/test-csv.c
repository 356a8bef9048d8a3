/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-test-core.h"

/* A stream that hands out a few bytes per read, so that every state of the
 * reader meets the end of a block somewhere. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM, GInputStream)

struct _TestTrickleStream
{
  GInputStream parent_instance;

  GBytes *bytes;
  gsize pos;
  gsize chunk;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->chunk), size - self->pos);

  memcpy (buffer, data + self->pos, n);
  self->pos += n;
  return n;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static GInputStream *
trickle_stream_new (const char *data,
                    gsize       len,
                    gsize       chunk)
{
  TestTrickleStream *self = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  self->bytes = g_bytes_new (data, len);
  self->chunk = chunk;
  return G_INPUT_STREAM (self);
}

/* A stream of @prefix followed by @filler repeated up to @size bytes, made
 * as it is read, which counts how much the reader took. */
#define TEST_TYPE_LONG_STREAM (test_long_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestLongStream, test_long_stream, TEST, LONG_STREAM, GInputStream)

struct _TestLongStream
{
  GInputStream parent_instance;

  char *prefix;
  char *filler;
  gsize filler_len;
  gsize size;
  gsize pos;
};

G_DEFINE_FINAL_TYPE (TestLongStream, test_long_stream, G_TYPE_INPUT_STREAM)

static gssize
test_long_stream_read (GInputStream  *stream,
                       void          *buffer,
                       gsize          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  TestLongStream *self = TEST_LONG_STREAM (stream);
  gsize prefix_len = strlen (self->prefix);
  gsize filler_len = self->filler_len;
  char *out = buffer;
  gsize n = MIN (count, self->size - self->pos);

  for (gsize i = 0; i < n; i++, self->pos++)
    out[i] = self->pos < prefix_len ? self->prefix[self->pos]
                                    : self->filler[(self->pos - prefix_len) % filler_len];
  return n;
}

static void
test_long_stream_finalize (GObject *object)
{
  TestLongStream *self = TEST_LONG_STREAM (object);

  g_free (self->prefix);
  g_free (self->filler);
  G_OBJECT_CLASS (test_long_stream_parent_class)->finalize (object);
}

static void
test_long_stream_class_init (TestLongStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_long_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_long_stream_read;
}

static void
test_long_stream_init (TestLongStream *self)
{
}

static GInputStream *
long_stream_new (const char *prefix,
                 const char *filler,
                 gsize       filler_len,
                 gsize       size)
{
  TestLongStream *self = g_object_new (TEST_TYPE_LONG_STREAM, NULL);

  self->prefix = g_strdup (prefix);
  self->filler = g_memdup2 (filler, filler_len);
  self->filler_len = filler_len;
  self->size = size;
  return G_INPUT_STREAM (self);
}

typedef struct
{
  GPtrArray *rows;       /* of GStrv */
  GArray *row_numbers;   /* guint */
  GError *error;
  guint error_row;
} Parsed;

static void
parsed_free (Parsed *parsed)
{
  g_ptr_array_unref (parsed->rows);
  g_array_unref (parsed->row_numbers);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parsed, parsed_free)

static Parsed *
parse_stream (GInputStream *stream)
{
  g_autoptr(PdCsvReader) reader = pd_csv_reader_new (stream);
  Parsed *parsed = g_new0 (Parsed, 1);
  GPtrArray *fields;

  parsed->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  parsed->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  while (pd_csv_reader_next_row (reader, &fields, &parsed->error))
    {
      GStrv row = g_new0 (char *, fields->len + 1);
      guint number = pd_csv_reader_get_row_number (reader);

      for (guint i = 0; i < fields->len; i++)
        row[i] = g_strdup (fields->pdata[i]);
      g_ptr_array_add (parsed->rows, row);
      g_array_append_val (parsed->row_numbers, number);
    }

  if (parsed->error != NULL)
    parsed->error_row = pd_csv_reader_get_row_number (reader);
  else
    g_assert_null (fields);

  return parsed;
}

static Parsed *
parse_len (const char *text,
           gsize       len)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, len, NULL);

  return parse_stream (stream);
}

static Parsed *
parse (const char *text)
{
  return parse_len (text, strlen (text));
}

/* Checks @parsed against rows given as "a|b|c" strings, for brevity; no
 * field in these tests holds a "|". */
static void
assert_rows (Parsed            *parsed,
             const char *const *expected)
{
  guint n = g_strv_length ((GStrv) expected);

  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *joined = g_strjoinv ("|", parsed->rows->pdata[i]);

      g_assert_cmpstr (joined, ==, expected[i]);
    }
}

static void
assert_field (Parsed     *parsed,
              guint       row,
              guint       field,
              const char *expected)
{
  GStrv fields;

  g_assert_cmpuint (row, <, parsed->rows->len);
  fields = parsed->rows->pdata[row];
  g_assert_cmpuint (field, <, g_strv_length (fields));
  g_assert_cmpstr (fields[field], ==, expected);
}

static void
assert_error_contains (GError     *error,
                       const char *first,
                       ...) G_GNUC_NULL_TERMINATED;

static void
assert_error_contains (GError     *error,
                       const char *first,
                       ...)
{
  va_list args;

  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    if (strstr (error->message, s) == NULL)
      g_error ("“%s” is not in the message “%s”", s, error->message);
  va_end (args);
}

static void
test_reader_simple (void)
{
  g_autoptr(Parsed) parsed = parse ("name,age\r\nAna,34\r\nBo,27\r\n");
  const char *expected[] = { "name|age", "Ana|34", "Bo|27", NULL };

  assert_rows (parsed, expected);
  g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, 2), ==, 3);
}

static void
test_reader_quotes (void)
{
  g_autoptr(Parsed) parsed = parse ("\"a\",\"b c\",\"\",d\n\"x\",y,\"z\"\n");
  const char *expected[] = { "a|b c||d", "x|y|z", NULL };

  assert_rows (parsed, expected);
}

static void
test_reader_doubled_quotes (void)
{
  g_autoptr(Parsed) parsed = parse ("\"She said \"\"hi\"\"\",\"\"\"\"\n\"\"\"quoted\"\"\",end\n");

  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, 2);
  assert_field (parsed, 0, 0, "She said \"hi\"");
  assert_field (parsed, 0, 1, "\"");
  assert_field (parsed, 1, 0, "\"quoted\"");
  assert_field (parsed, 1, 1, "end");
}

static void
test_reader_embedded_commas (void)
{
  g_autoptr(Parsed) parsed = parse ("\"Smith, Jo\",\",\",\",a,\"\r\n");

  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, 1);
  g_assert_cmpuint (g_strv_length (parsed->rows->pdata[0]), ==, 3);
  assert_field (parsed, 0, 0, "Smith, Jo");
  assert_field (parsed, 0, 1, ",");
  assert_field (parsed, 0, 2, ",a,");
}

static void
test_reader_embedded_newlines (void)
{
  g_autoptr(Parsed) parsed = parse ("id,notes\r\n"
                                    "1,\"first line\nsecond line\"\r\n"
                                    "2,\"windows\r\nbreak\"\r\n"
                                    "3,\"\n\"\r\n"
                                    "4,\"old\rmac\"\r\n");

  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, 5);
  assert_field (parsed, 1, 1, "first line\nsecond line");
  assert_field (parsed, 2, 1, "windows\r\nbreak");
  assert_field (parsed, 3, 1, "\n");
  assert_field (parsed, 4, 1, "old\rmac");
  /* Records, not lines: the line breaks inside fields do not count. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, i), ==, i + 1);
}

static void
test_reader_line_endings (void)
{
  const char *inputs[] = {
    "a,b\r\n\"x\",y\r\n1,2\r\n",
    "a,b\n\"x\",y\n1,2\n",
    "a,b\r\"x\",y\r1,2\r",
    "a,b\r\n\"x\",y\n1,2\r",
  };
  const char *expected[] = { "a|b", "x|y", "1|2", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(Parsed) parsed = parse (inputs[i]);

      assert_rows (parsed, expected);
      g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, 2), ==, 3);
    }
}

static void
test_reader_bom (void)
{
  g_autoptr(Parsed) parsed = parse ("\xef\xbb\xbf" "first_name,last_name\nZoë,Ñúñez\n");
  g_autoptr(Parsed) bom_only = parse ("\xef\xbb\xbf");
  g_autoptr(Parsed) quoted = parse ("\xef\xbb\xbf\"a\"\n");
  const char *expected[] = { "first_name|last_name", "Zoë|Ñúñez", NULL };

  assert_rows (parsed, expected);
  g_assert_no_error (bom_only->error);
  g_assert_cmpuint (bom_only->rows->len, ==, 0);
  g_assert_no_error (quoted->error);
  assert_field (quoted, 0, 0, "a");
}

static void
test_reader_last_row_without_newline (void)
{
  const char *inputs[] = {
    "a,b\n1,2",
    "a,b\n1,\"2\"",
    "a,b\r\n1,2\r",
  };
  const char *expected[] = { "a|b", "1|2", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(Parsed) parsed = parse (inputs[i]);

      assert_rows (parsed, expected);
    }
}

static void
test_reader_empty_fields (void)
{
  g_autoptr(Parsed) parsed = parse (",,\n\"\",x,\n,\"\",\"\"\na,");

  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, 4);
  g_assert_cmpuint (g_strv_length (parsed->rows->pdata[0]), ==, 3);
  g_assert_cmpuint (g_strv_length (parsed->rows->pdata[1]), ==, 3);
  g_assert_cmpuint (g_strv_length (parsed->rows->pdata[2]), ==, 3);
  g_assert_cmpuint (g_strv_length (parsed->rows->pdata[3]), ==, 2);
  assert_field (parsed, 0, 2, "");
  assert_field (parsed, 1, 0, "");
  assert_field (parsed, 1, 1, "x");
  assert_field (parsed, 1, 2, "");
  assert_field (parsed, 2, 2, "");
  assert_field (parsed, 3, 0, "a");
  assert_field (parsed, 3, 1, "");
}

static void
test_reader_blank_lines (void)
{
  g_autoptr(Parsed) parsed = parse ("a\n\nb\r\n\r\nc\n\n");
  g_autoptr(Parsed) empty = parse ("");
  const char *expected[] = { "a", "b", "c", NULL };

  assert_rows (parsed, expected);
  /* Skipped, but counted: row numbers stay those of a spreadsheet. */
  g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (parsed->row_numbers, guint, 2), ==, 5);

  g_assert_no_error (empty->error);
  g_assert_cmpuint (empty->rows->len, ==, 0);
}

static void
test_reader_unterminated_quote (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b\n"
                                    "1,\"two\nlines\"\n"
                                    "3,\"never closed\n"
                                    "4,5\n");

  g_assert_cmpuint (parsed->rows->len, ==, 2);
  /* The line where the field opened, not the end of the file. */
  assert_error_contains (parsed->error, "row 3", "field 2", "line 4", "never closed", NULL);
  g_assert_cmpuint (parsed->error_row, ==, 3);
}

static void
test_reader_stray_quote (void)
{
  g_autoptr(Parsed) parsed = parse ("a,b\nx,ab\"c\n");
  g_autoptr(Parsed) after = parse ("a,b\n\"ab\"c,d\n");

  g_assert_cmpuint (parsed->rows->len, ==, 1);
  assert_error_contains (parsed->error, "row 2", "field 2", "line 2", "ab\"", NULL);
  g_assert_cmpuint (after->rows->len, ==, 1);
  assert_error_contains (after->error, "row 2", "field 1", "line 2", "ab", "doubled", NULL);
}

static void
test_reader_not_utf8 (void)
{
  static const char text[] = "name,notes\nAna,caf\xe9 au lait\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(PdCsvReader) reader = pd_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;
  g_autoptr(Parsed) nul = parse_len ("a,b\x00" "c\n", 6);
  const char *names[] = { "name", "notes" };
  GPtrArray *fields;

  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_no_error (error);
  pd_csv_reader_set_column_names (reader, names, G_N_ELEMENTS (names));
  g_assert_false (pd_csv_reader_next_row (reader, &fields, &error));
  assert_error_contains (error, "row 2", "column notes", "not valid UTF-8", "caf", NULL);
  g_assert_cmpuint (pd_csv_reader_get_row_number (reader), ==, 2);

  /* Nothing more after an error. */
  g_clear_error (&error);
  g_assert_false (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_no_error (error);

  assert_error_contains (nul->error, "row 1", "field 2", "UTF-8", NULL);
}

/* A file that is not CSV, or whose rows never end, is refused at the row
 * where it goes wrong, having read little of it: the reader never holds
 * more than a bounded part of its input. */
static void
test_reader_long_rows (void)
{
  const struct
  {
    const char *prefix;
    const char *filler;
    const char *expected[4];
  } cases[] = {
    /* One unquoted field of 10 MB, then a line break. */
    { "first_name,notes\nAna,", "x", { "row 2", "field 2", "longer than 1 MB", "xxxxx" } },
    /* A line of 10 MB without a line break, of short fields. */
    { "first_name,notes\n", "Ana,", { "row 2", "line 2", "more than 1000 fields", NULL } },
    /* A line of 10 MB without a line break, of one field. */
    { "first_name,notes\n", "abcdefghij", { "row 2", "field 1", "longer than 1 MB", "abc" } },
    /* A quote that is never closed. */
    { "first_name,notes\nAna,\"", "note ", { "row 2", "field 2", "too long", "note note" } },
    /* /dev/zero. */
    { "", "", { "row 1", "field 1", "longer than 1 MB", NULL } },
  };
  const gsize size = 10 * 1000 * 1000;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The filler is a string, or one NUL byte when it is empty. */
      gsize filler_len = MAX (strlen (cases[i].filler), 1);
      g_autoptr(GInputStream) stream = long_stream_new (cases[i].prefix, cases[i].filler,
                                                        filler_len, size);
      g_autoptr(Parsed) parsed = NULL;

      parsed = parse_stream (stream);

      g_test_message ("%s", parsed->error ? parsed->error->message : "no error");
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[j]; j++)
        assert_error_contains (parsed->error, cases[i].expected[j], NULL);
      /* A short excerpt, not the field. */
      g_assert_cmpuint (strlen (parsed->error->message), <, 300);
      g_assert_cmpuint (parsed->rows->len, ==, strlen (cases[i].prefix) > 0 ? 1 : 0);

      g_assert_cmpuint (TEST_LONG_STREAM (stream)->pos, <, 2 * 1024 * 1024);
    }
}

/* A row of the largest size a member can have is read. */
static void
test_reader_long_field_accepted (void)
{
  g_autoptr(GString) text = g_string_new ("first_name,notes\nAna,\"");
  g_autoptr(Parsed) parsed = NULL;

  /* 20,000 characters of four bytes each. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "😀");
  g_string_append (text, "\"\nBo,");
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "😀");
  g_string_append (text, "\n");

  parsed = parse_len (text->str, text->len);
  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, 3);
  g_assert_cmpuint (g_utf8_strlen (((GStrv) parsed->rows->pdata[2])[1], -1), ==, 20000);
}

static void
test_reader_utf16 (void)
{
  g_autoptr(Parsed) parsed = parse_len ("\xff\xfe" "a\0,\0b\0", 8);

  assert_error_contains (parsed->error, "UTF-16", NULL);
  g_assert_cmpuint (parsed->rows->len, ==, 0);
}

static void
test_reader_line_numbers (void)
{
  static const char text[] = "a\r\n\"x\r\ny\",\"z\nw\"\r\nb\rc\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(PdCsvReader) reader = pd_csv_reader_new (stream);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;

  g_assert_cmpuint (pd_csv_reader_get_line_number (reader), ==, 1);
  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_cmpuint (pd_csv_reader_get_line_number (reader), ==, 2);
  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_cmpuint (pd_csv_reader_get_row_number (reader), ==, 2);
  g_assert_cmpuint (pd_csv_reader_get_line_number (reader), ==, 5);
  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_cmpuint (pd_csv_reader_get_line_number (reader), ==, 6);
  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_cmpuint (pd_csv_reader_get_line_number (reader), ==, 7);
  g_assert_false (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_csv_reader_get_row_number (reader), ==, 4);
}

/* The same input read in one piece and a few bytes at a time gives the
 * same rows, errors and line numbers. */
static void
test_reader_block_boundaries (void)
{
  const char *inputs[] = {
    "\xef\xbb\xbf" "a,\"b\"\"c\",\"d\r\ne\"\r\n,\"\"\r\n\r\nx,y\rz,\"\"\"\"\n",
    "h1,h2\n\"q\",\"\"\"\"\"\",\n\"a,b\"\r\n\"unterminated\nx\n",
    "h\nfine\nbad\"quote\n",
    "h\n\"x\"y\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(Parsed) whole = parse (inputs[i]);

      for (gsize chunk = 1; chunk <= 4; chunk++)
        {
          g_autoptr(GInputStream) stream = trickle_stream_new (inputs[i], strlen (inputs[i]),
                                                               chunk);
          g_autoptr(Parsed) trickled = parse_stream (stream);

          g_assert_cmpuint (trickled->rows->len, ==, whole->rows->len);
          for (guint r = 0; r < whole->rows->len; r++)
            {
              g_autofree char *a = g_strjoinv ("|", whole->rows->pdata[r]);
              g_autofree char *b = g_strjoinv ("|", trickled->rows->pdata[r]);

              g_assert_cmpstr (a, ==, b);
              g_assert_cmpuint (g_array_index (whole->row_numbers, guint, r), ==,
                                g_array_index (trickled->row_numbers, guint, r));
            }
          if (whole->error == NULL)
            g_assert_no_error (trickled->error);
          else
            {
              g_assert_nonnull (trickled->error);
              g_assert_cmpstr (whole->error->message, ==, trickled->error->message);
            }
        }
    }
}

/* Many rows: the reader's blocks end inside fields of every kind. */
static void
test_reader_many_rows (void)
{
  g_autoptr(GString) text = g_string_new ("number,name,notes\r\n");
  const guint n = 50000;
  g_autoptr(Parsed) parsed = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%u,\"Name, %u\",\"line \"\"%u\"\"\r\nnext\"\r\n", i, i, i);

  parsed = parse_len (text->str, text->len);
  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, n + 1);
  for (guint i = 0; i < n; i += 997)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("Name, %u", i);
      g_autofree char *notes = g_strdup_printf ("line \"%u\"\r\nnext", i);

      assert_field (parsed, i + 1, 0, number);
      assert_field (parsed, i + 1, 1, name);
      assert_field (parsed, i + 1, 2, notes);
    }
}

static void
test_reader_for_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "people.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(PdCsvReader) reader = NULL;
  g_autoptr(PdCsvReader) none = NULL;
  GPtrArray *fields;

  g_file_set_contents (path, "a,b\n1,2\n", -1, &error);
  g_assert_no_error (error);

  reader = pd_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_true (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_cmpstr (fields->pdata[1], ==, "2");
  g_assert_false (pd_csv_reader_next_row (reader, &fields, &error));
  g_assert_no_error (error);

  none = pd_csv_reader_new_for_path (missing, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_clear_pointer (&reader, pd_csv_reader_free);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_writer_quoting (void)
{
  const char *fields[] = {
    "plain", "with,comma", "with \"quote\"", "line\nbreak", "cr\rhere", " leading",
    "trailing\t", "", NULL, "inner space", "Zoë",
  };
  g_autoptr(GString) out = g_string_new (NULL);

  pd_csv_append_row (out, fields, G_N_ELEMENTS (fields));
  g_assert_cmpstr (out->str, ==,
                   "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",\"cr\rhere\","
                   "\" leading\",\"trailing\t\",,,inner space,Zoë\r\n");

  g_string_truncate (out, 0);
  pd_csv_append_row (out, NULL, 0);
  g_assert_cmpstr (out->str, ==, "\r\n");

  g_string_truncate (out, 0);
  pd_csv_append_row (out, (const char *[]) { "\"" }, 1);
  g_assert_cmpstr (out->str, ==, "\"\"\"\"\r\n");
}

static void
test_writer_round_trip (void)
{
  const char *rows[][5] = {
    { "number", "name", "notes", "empty", "quote" },
    { "M-000001", "José \"Pepe\" Núñez", "says: \"hi, there\"\r\nthen\nleft", "", "\"" },
    { " padded ", ",", "\"\"", "\r", "end\n" },
    { "ü", "", "a,b,c", "\n\n", "x\"y\"z" },
  };
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Parsed) parsed = NULL;
  gsize len;
  const char *data;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_true (pd_csv_write_row (out, rows[i], G_N_ELEMENTS (rows[i]), NULL, &error));
      g_assert_no_error (error);
    }
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (g_str_has_prefix (data, "number,name,notes,empty,quote\r\n"));

  parsed = parse_len (data, len);
  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (guint j = 0; j < G_N_ELEMENTS (rows[i]); j++)
      assert_field (parsed, i, j, rows[i][j]);
}

/* Cells a spreadsheet would run as formulas are written as text, and read
 * back as they were. */
static const char *const formula_cells[] = {
  "=HYPERLINK(\"http://x\",\"click\")",
  "+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A9)",
  "\tindented",
  "\rreturn",
  "=",
  "'=x",
  "''+x",
  "'plain",
  "'",
  "+1 555 0100",
  "-12",
  "a=b",
  "",
};

static const char formula_rows[] =
  "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"\r\n"
  "'+cmd|' /C calc'!A0\r\n"
  "'-2+3\r\n"
  "'@SUM(A1:A9)\r\n"
  "\"'\tindented\"\r\n"
  "\"'\rreturn\"\r\n"
  "'=\r\n"
  "''=x\r\n"
  "'''+x\r\n"
  "'plain\r\n"
  "'\r\n"
  "'+1 555 0100\r\n"
  "'-12\r\n"
  "a=b\r\n"
  "\r\n";

static void
test_writer_formulas (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) row = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formula_cells); i++)
    pd_csv_append_row (out, &formula_cells[i], 1);
  g_assert_cmpstr (out->str, ==, formula_rows);

  /* In a quoted field too, the apostrophe comes first. */
  pd_csv_append_row (row, (const char *[]) { "=A1, \"B\"", "@x" }, 2);
  g_assert_cmpstr (row->str, ==, "\"'=A1, \"\"B\"\"\",'@x\r\n");
}

static void
test_reader_formulas (void)
{
  g_autoptr(Parsed) parsed = parse (formula_rows);
  g_autoptr(Parsed) typed = parse ("+1 555 0100,-12,'x,'',\"'=a,b\"\n");

  g_assert_no_error (parsed->error);
  /* The last line, empty, is no row. */
  g_assert_cmpuint (parsed->rows->len, ==, G_N_ELEMENTS (formula_cells) - 1);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (formula_cells); i++)
    assert_field (parsed, i, 0, formula_cells[i]);

  /* A file made by hand keeps its phone numbers, negative numbers and
   * apostrophes before anything else. */
  g_assert_no_error (typed->error);
  assert_field (typed, 0, 0, "+1 555 0100");
  assert_field (typed, 0, 1, "-12");
  assert_field (typed, 0, 2, "'x");
  assert_field (typed, 0, 3, "''");
  assert_field (typed, 0, 4, "=a,b");
}

/* What is read back is written again byte for byte. */
static void
test_writer_formulas_round_trip (void)
{
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(Parsed) parsed = NULL;

  pd_csv_append_row (first, formula_cells, G_N_ELEMENTS (formula_cells));
  parsed = parse_len (first->str, first->len);
  g_assert_no_error (parsed->error);
  g_assert_cmpuint (parsed->rows->len, ==, 1);
  pd_csv_append_row (second, (const char *const *) parsed->rows->pdata[0],
                     g_strv_length (parsed->rows->pdata[0]));
  g_assert_cmpstr (second->str, ==, first->str);
  for (guint i = 0; i < G_N_ELEMENTS (formula_cells); i++)
    assert_field (parsed, 0, i, formula_cells[i]);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add_func ("/csv/reader/simple", test_reader_simple);
  g_test_add_func ("/csv/reader/quotes", test_reader_quotes);
  g_test_add_func ("/csv/reader/doubled-quotes", test_reader_doubled_quotes);
  g_test_add_func ("/csv/reader/embedded-commas", test_reader_embedded_commas);
  g_test_add_func ("/csv/reader/embedded-newlines", test_reader_embedded_newlines);
  g_test_add_func ("/csv/reader/line-endings", test_reader_line_endings);
  g_test_add_func ("/csv/reader/bom", test_reader_bom);
  g_test_add_func ("/csv/reader/last-row-without-newline", test_reader_last_row_without_newline);
  g_test_add_func ("/csv/reader/empty-fields", test_reader_empty_fields);
  g_test_add_func ("/csv/reader/blank-lines", test_reader_blank_lines);
  g_test_add_func ("/csv/reader/unterminated-quote", test_reader_unterminated_quote);
  g_test_add_func ("/csv/reader/stray-quote", test_reader_stray_quote);
  g_test_add_func ("/csv/reader/not-utf8", test_reader_not_utf8);
  g_test_add_func ("/csv/reader/utf16", test_reader_utf16);
  g_test_add_func ("/csv/reader/long-rows", test_reader_long_rows);
  g_test_add_func ("/csv/reader/long-field-accepted", test_reader_long_field_accepted);
  g_test_add_func ("/csv/reader/line-numbers", test_reader_line_numbers);
  g_test_add_func ("/csv/reader/block-boundaries", test_reader_block_boundaries);
  g_test_add_func ("/csv/reader/many-rows", test_reader_many_rows);
  g_test_add_func ("/csv/reader/for-path", test_reader_for_path);
  g_test_add_func ("/csv/writer/quoting", test_writer_quoting);
  g_test_add_func ("/csv/writer/round-trip", test_writer_round_trip);
  g_test_add_func ("/csv/writer/formulas", test_writer_formulas);
  g_test_add_func ("/csv/reader/formulas", test_reader_formulas);
  g_test_add_func ("/csv/writer/formulas-round-trip", test_writer_formulas_round_trip);

  return g_test_run ();
}
