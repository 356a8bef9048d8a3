/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define _GNU_SOURCE 1
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <stdint.h>

#include "pd-error.h"
#include "pd-print-doc.h"
#include "pd-print-private.h"
#include "pd-safe-file.h"

/* Sizes in points (1/72 inch). Body text of 10.5 pt reads well on paper
 * held at arm's length; boxes to tick are 5 mm, big enough for a pen. */
#define MM                (72.0 / 25.4)
#define MARGIN            PD_PRINT_MARGIN
#define BOX               (5 * MM)
#define HAIRLINE          0.5
#define BOX_LINE          0.75
#define CELL_PAD_X        4.0
#define CELL_PAD_Y        4.0
#define BLANK_LINE_HEIGHT (9 * MM)
#define TALLY_BOX_HEIGHT  (60 * MM)
#define FOOTER_GAP        10.0
#define SPACE_PARAGRAPH   6.0
#define SPACE_HEADING     14.0
#define SPACE_BLOCK       10.0

#define FONT_FAMILY "Cantarell, Sans"

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_FIELD,
  BLOCK_TABLE,
  BLOCK_BLANK_LINES,
  BLOCK_TALLY_BOX,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  char     *title;
  double    weight;
  gboolean  numeric;
  gboolean  tick_box;
} Column;

typedef struct
{
  BlockKind  kind;
  char      *text;      /* heading, paragraph, field's value, tally box's label */
  char      *label;     /* field's label */
  guint      first;     /* blank lines */
  guint      n_lines;
  Column    *columns;   /* table */
  guint      n_columns;
  GPtrArray *rows;      /* table: of char ** (n_columns strings, "" for none) */
} Block;

/* What a page is drawn from: text, boxes and lines, each placed on the
 * page when the document was paginated. */
typedef enum
{
  PRIM_TEXT,
  PRIM_BOX,
  PRIM_LINE,
} PrimKind;

typedef struct
{
  PrimKind     kind;
  double       x, y, w, h;  /* a line goes from (x, y) to (x + w, y + h) */
  double       line_width;
  PangoLayout *layout;
} Prim;

/* A piece of a page that is never split: a heading, a line of a
 * paragraph, a table's row, a blank line. Its primitives are placed
 * relative to its top-left corner. */
typedef struct _Chunk Chunk;
struct _Chunk
{
  GPtrArray *prims;           /* of Prim */
  double     height;
  double     space_before;    /* dropped at the top of a page */
  gboolean   keep_with_next;
  gboolean   page_break;
  Chunk     *repeat;          /* a table's header, shown again atop each page */
};

struct _PdPrintDoc
{
  GObject parent_instance;

  /* Owned */
  char         *title;
  char         *footer;
  GPtrArray    *blocks;       /* of Block */
  GPtrArray    *pages;        /* of GPtrArray of Prim, once paginated */
  PangoContext *context;
  double        width;
  double        height;
};

G_DEFINE_FINAL_TYPE (PdPrintDoc, pd_print_doc, G_TYPE_OBJECT)

static void
prim_free (Prim *prim)
{
  g_clear_object (&prim->layout);
  g_free (prim);
}

static Prim *
prim_copy (const Prim *prim,
           double      dy)
{
  Prim *copy = g_memdup2 (prim, sizeof *prim);

  copy->y += dy;
  if (copy->layout != NULL)
    g_object_ref (copy->layout);
  return copy;
}

static void
chunk_free (Chunk *chunk)
{
  g_ptr_array_unref (chunk->prims);
  g_free (chunk);
}

static Chunk *
chunk_new (double space_before)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->prims = g_ptr_array_new_with_free_func ((GDestroyNotify) prim_free);
  chunk->space_before = space_before;
  return chunk;
}

static void
chunk_add_text (Chunk       *chunk,
                PangoLayout *layout,
                double       x,
                double       y)
{
  Prim *prim = g_new0 (Prim, 1);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  prim->kind = PRIM_TEXT;
  prim->x = x;
  prim->y = y;
  prim->w = (double) w / PANGO_SCALE;
  prim->h = (double) h / PANGO_SCALE;
  prim->layout = g_object_ref (layout);
  g_ptr_array_add (chunk->prims, prim);
}

static void
chunk_add_shape (Chunk    *chunk,
                 PrimKind  kind,
                 double    x,
                 double    y,
                 double    w,
                 double    h,
                 double    line_width)
{
  Prim *prim = g_new0 (Prim, 1);

  prim->kind = kind;
  prim->x = x;
  prim->y = y;
  prim->w = w;
  prim->h = h;
  prim->line_width = line_width;
  g_ptr_array_add (chunk->prims, prim);
}

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->label);
  for (guint i = 0; i < block->n_columns; i++)
    g_free (block->columns[i].title);
  g_free (block->columns);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static void
pd_print_doc_finalize (GObject *object)
{
  PdPrintDoc *self = PD_PRINT_DOC (object);

  g_free (self->title);
  g_free (self->footer);
  g_ptr_array_unref (self->blocks);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_print_doc_parent_class)->finalize (object);
}

static void
pd_print_doc_class_init (PdPrintDocClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_print_doc_finalize;
}

static void
pd_print_doc_init (PdPrintDoc *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

PdPrintDoc *
pd_print_doc_new (const char *title)
{
  PdPrintDoc *self = g_object_new (PD_TYPE_PRINT_DOC, NULL);

  self->title = g_strdup (title != NULL ? title : "");
  return self;
}

const char *
pd_print_doc_get_title (PdPrintDoc *doc)
{
  g_return_val_if_fail (PD_IS_PRINT_DOC (doc), NULL);

  return doc->title;
}

void
pd_print_doc_set_footer (PdPrintDoc *doc,
                         const char *footer)
{
  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  g_free (doc->footer);
  doc->footer = g_strdup (footer);
}

/* Building */

static Block *
add_block (PdPrintDoc *doc,
           BlockKind   kind,
           const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
pd_print_doc_add_heading (PdPrintDoc *doc,
                          const char *text)
{
  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  add_block (doc, BLOCK_HEADING, text);
}

void
pd_print_doc_add_paragraph (PdPrintDoc *doc,
                            const char *text)
{
  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  add_block (doc, BLOCK_PARAGRAPH, text);
}

void
pd_print_doc_add_field (PdPrintDoc *doc,
                        const char *label,
                        const char *value)
{
  Block *block;

  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  block = add_block (doc, BLOCK_FIELD, value);
  block->label = g_strdup (label != NULL ? label : "");
}

void
pd_print_doc_begin_table (PdPrintDoc          *doc,
                          const PdPrintColumn *columns,
                          guint                n_columns)
{
  Block *block;

  g_return_if_fail (PD_IS_PRINT_DOC (doc));
  g_return_if_fail (columns != NULL && n_columns > 0);

  block = add_block (doc, BLOCK_TABLE, NULL);
  block->n_columns = n_columns;
  block->columns = g_new0 (Column, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      block->columns[i].title = g_strdup (columns[i].title != NULL ? columns[i].title : "");
      block->columns[i].weight = columns[i].weight > 0 ? columns[i].weight : 1;
      block->columns[i].numeric = columns[i].numeric;
      block->columns[i].tick_box = columns[i].tick_box;
    }
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

void
pd_print_doc_add_row (PdPrintDoc         *doc,
                      const char * const *cells)
{
  Block *table;
  char **row;

  g_return_if_fail (PD_IS_PRINT_DOC (doc));
  g_return_if_fail (cells != NULL);
  g_return_if_fail (doc->blocks->len > 0);

  table = g_ptr_array_index (doc->blocks, doc->blocks->len - 1);
  g_return_if_fail (table->kind == BLOCK_TABLE);

  row = g_new0 (char *, table->n_columns + 1);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (table->rows, row);
}

void
pd_print_doc_add_blank_lines (PdPrintDoc *doc,
                              guint       first,
                              guint       n_lines)
{
  Block *block;

  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  block = add_block (doc, BLOCK_BLANK_LINES, NULL);
  block->first = first;
  block->n_lines = n_lines;
}

void
pd_print_doc_add_tally_box (PdPrintDoc *doc,
                            const char *label)
{
  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  add_block (doc, BLOCK_TALLY_BOX, label);
}

void
pd_print_doc_add_page_break (PdPrintDoc *doc)
{
  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  add_block (doc, BLOCK_PAGE_BREAK, NULL);
}

/* Laying out */

typedef enum
{
  STYLE_BODY,
  STYLE_BOLD,
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_SMALL,
} Style;

static PangoLayout *
make_layout (PdPrintDoc     *self,
             Style           style,
             const char     *text,
             double          width,
             PangoAlignment  alignment)
{
  static const struct
  {
    double size;
    PangoWeight weight;
  } styles[] = {
    [STYLE_BODY] = { 10.5, PANGO_WEIGHT_NORMAL },
    [STYLE_BOLD] = { 10.5, PANGO_WEIGHT_BOLD },
    [STYLE_TITLE] = { 17, PANGO_WEIGHT_BOLD },
    [STYLE_HEADING] = { 12.5, PANGO_WEIGHT_BOLD },
    [STYLE_SMALL] = { 8.5, PANGO_WEIGHT_NORMAL },
  };
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (styles[style].size * PANGO_SCALE));
  pango_font_description_set_weight (font, styles[style].weight);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  /* Plain text, never markup: a name may hold "<" or "&". */
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w;

  pango_layout_get_size (layout, &w, NULL);
  return (double) w / PANGO_SCALE;
}

/* A chunk of a single block of text across the page. */
static Chunk *
text_chunk (PdPrintDoc *self,
            Style       style,
            const char *text,
            double      space_before)
{
  g_autoptr(PangoLayout) layout = make_layout (self, style, text, self->width, PANGO_ALIGN_LEFT);
  Chunk *chunk = chunk_new (space_before);

  chunk_add_text (chunk, layout, 0, 0);
  chunk->height = layout_height (layout);
  return chunk;
}

/* A paragraph's lines, one chunk each, so that a long paragraph flows
 * on to the next page instead of leaving a gap. */
static void
add_paragraph_chunks (PdPrintDoc *self,
                      GPtrArray  *chunks,
                      const char *text)
{
  g_autoptr(PangoLayout) whole = make_layout (self, STYLE_BODY, text, self->width,
                                              PANGO_ALIGN_LEFT);
  GSList *lines = pango_layout_get_lines_readonly (whole);
  gboolean first = TRUE;

  for (GSList *l = lines; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      g_autofree char *part = g_strndup (text + line->start_index, line->length);
      Chunk *chunk = text_chunk (self, STYLE_BODY, g_strchomp (part),
                                 first ? SPACE_PARAGRAPH : 0);

      g_ptr_array_add (chunks, chunk);
      first = FALSE;
    }
}

static void
add_field_chunks (PdPrintDoc *self,
                  GPtrArray  *chunks,
                  guint       from,
                  guint       to)
{
  double label_width = 0;

  /* Consecutive fields line their values up after the widest label, up
   * to two fifths of the page. */
  for (guint i = from; i < to; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      /* Translators: a printed field's label, before its value */
      g_autofree char *label = g_strdup_printf (_("%s:"), block->label);
      g_autoptr(PangoLayout) layout = make_layout (self, STYLE_BOLD, label, -1, PANGO_ALIGN_LEFT);

      label_width = MAX (label_width, layout_width (layout));
    }
  label_width = MIN (label_width + 8, self->width * 0.4);

  for (guint i = from; i < to; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      g_autofree char *label = g_strdup_printf (_("%s:"), block->label);
      g_autoptr(PangoLayout) label_layout = make_layout (self, STYLE_BOLD, label, label_width - 8,
                                                         PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) value_layout = make_layout (self, STYLE_BODY, block->text,
                                                         self->width - label_width,
                                                         PANGO_ALIGN_LEFT);
      Chunk *chunk = chunk_new (i == from ? SPACE_BLOCK : 2);

      chunk_add_text (chunk, label_layout, 0, 0);
      chunk_add_text (chunk, value_layout, label_width, 0);
      chunk->height = MAX (layout_height (label_layout), layout_height (value_layout));
      g_ptr_array_add (chunks, chunk);
    }
}

/* One row of a table (its header when @header), with a hairline under it. */
static Chunk *
row_chunk (PdPrintDoc   *self,
           Block        *table,
           const double *widths,
           char * const *cells,
           gboolean      header)
{
  Chunk *chunk = chunk_new (0);
  double x = 0, height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      Column *column = &table->columns[i];
      double inner = widths[i] - 2 * CELL_PAD_X;
      double text_x = x + CELL_PAD_X;
      g_autoptr(PangoLayout) layout = NULL;

      if (column->tick_box && !header)
        {
          chunk_add_shape (chunk, PRIM_BOX, text_x, CELL_PAD_Y, BOX, BOX, BOX_LINE);
          text_x += BOX + 6;
          inner -= BOX + 6;
          height = MAX (height, BOX);
        }
      layout = make_layout (self, header ? STYLE_BOLD : STYLE_BODY, cells[i], MAX (inner, 1),
                            column->numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      /* A name in a box's column sits level with the box's middle. */
      if (column->tick_box && !header)
        chunk_add_text (chunk, layout, text_x,
                        CELL_PAD_Y + MAX (0, (BOX - layout_height (layout)) / 2));
      else
        chunk_add_text (chunk, layout, text_x, CELL_PAD_Y);
      height = MAX (height, layout_height (layout));
      x += widths[i];
    }
  chunk->height = height + 2 * CELL_PAD_Y;
  chunk_add_shape (chunk, PRIM_LINE, 0, chunk->height, self->width, 0,
                   header ? BOX_LINE : HAIRLINE);
  return chunk;
}

static void
add_table_chunks (PdPrintDoc *self,
                  GPtrArray  *chunks,
                  Block      *table)
{
  g_autofree double *widths = g_new0 (double, table->n_columns);
  g_autofree char **titles = g_new0 (char *, table->n_columns + 1);
  double total = 0;
  Chunk *header;

  for (guint i = 0; i < table->n_columns; i++)
    total += table->columns[i].weight;
  for (guint i = 0; i < table->n_columns; i++)
    {
      widths[i] = self->width * table->columns[i].weight / total;
      titles[i] = table->columns[i].title;
    }

  header = row_chunk (self, table, widths, titles, TRUE);
  header->space_before = SPACE_BLOCK;
  header->keep_with_next = TRUE;
  g_ptr_array_add (chunks, header);
  for (guint r = 0; r < table->rows->len; r++)
    {
      Chunk *row = row_chunk (self, table, widths, g_ptr_array_index (table->rows, r), FALSE);

      row->repeat = header;
      g_ptr_array_add (chunks, row);
    }
}

static void
add_blank_line_chunks (PdPrintDoc *self,
                       GPtrArray  *chunks,
                       Block      *block)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_object_unref);
  double number_width = 0;

  for (guint i = 0; i < block->n_lines; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u.", block->first + i);
      PangoLayout *layout = make_layout (self, STYLE_BODY, number, -1, PANGO_ALIGN_LEFT);

      number_width = MAX (number_width, layout_width (layout));
      g_ptr_array_add (numbers, layout);
    }
  number_width += 6;

  for (guint i = 0; i < block->n_lines; i++)
    {
      PangoLayout *layout = g_ptr_array_index (numbers, i);
      Chunk *chunk = chunk_new (i == 0 ? SPACE_BLOCK : 0);
      double box_y = BLANK_LINE_HEIGHT - BOX - 3;
      double text_x = CELL_PAD_X + BOX + 6;

      chunk_add_shape (chunk, PRIM_BOX, CELL_PAD_X, box_y, BOX, BOX, BOX_LINE);
      /* Numbers end on one column, as figures do. */
      chunk_add_text (chunk, layout, text_x + number_width - 6 - layout_width (layout),
                      box_y + (BOX - layout_height (layout)) / 2);
      chunk_add_shape (chunk, PRIM_LINE, text_x + number_width, BLANK_LINE_HEIGHT - 3,
                       self->width - text_x - number_width, 0, HAIRLINE);
      chunk->height = BLANK_LINE_HEIGHT;
      g_ptr_array_add (chunks, chunk);
    }
}

static Chunk *
tally_chunk (PdPrintDoc *self,
             Block      *block)
{
  g_autoptr(PangoLayout) layout = make_layout (self, STYLE_BOLD, block->text, self->width,
                                               PANGO_ALIGN_LEFT);
  Chunk *chunk = chunk_new (SPACE_BLOCK);
  double top = layout_height (layout) + 4;
  double height = MIN (TALLY_BOX_HEIGHT, self->height / 3);

  chunk_add_text (chunk, layout, 0, 0);
  chunk_add_shape (chunk, PRIM_BOX, 0, top, self->width, height, BOX_LINE);
  chunk->height = top + height;
  return chunk;
}

/* Every block as chunks, in reading order. */
static GPtrArray *
make_chunks (PdPrintDoc *self)
{
  GPtrArray *chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) chunk_free);
  Chunk *title = text_chunk (self, STYLE_TITLE, self->title, 0);

  title->keep_with_next = TRUE;
  g_ptr_array_add (chunks, title);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      Chunk *chunk;

      switch (block->kind)
        {
        case BLOCK_HEADING:
          chunk = text_chunk (self, STYLE_HEADING, block->text, SPACE_HEADING);
          chunk->keep_with_next = TRUE;
          g_ptr_array_add (chunks, chunk);
          break;
        case BLOCK_PARAGRAPH:
          add_paragraph_chunks (self, chunks, block->text);
          break;
        case BLOCK_FIELD:
          {
            guint end = i + 1;

            while (end < self->blocks->len &&
                   ((Block *) g_ptr_array_index (self->blocks, end))->kind == BLOCK_FIELD)
              end++;
            add_field_chunks (self, chunks, i, end);
            i = end - 1;
          }
          break;
        case BLOCK_TABLE:
          add_table_chunks (self, chunks, block);
          break;
        case BLOCK_BLANK_LINES:
          add_blank_line_chunks (self, chunks, block);
          break;
        case BLOCK_TALLY_BOX:
          g_ptr_array_add (chunks, tally_chunk (self, block));
          break;
        case BLOCK_PAGE_BREAK:
          chunk = chunk_new (0);
          chunk->page_break = TRUE;
          g_ptr_array_add (chunks, chunk);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return chunks;
}

static double
footer_height (PdPrintDoc *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, STYLE_SMALL, "Page", -1, PANGO_ALIGN_LEFT);

  return layout_height (layout) + FOOTER_GAP;
}

static void
place (GPtrArray   *page,
       const Chunk *chunk,
       double       y)
{
  for (guint i = 0; i < chunk->prims->len; i++)
    g_ptr_array_add (page, prim_copy (g_ptr_array_index (chunk->prims, i), y));
}

/* The height a chunk needs at the foot of a page: with those it is kept
 * with, so that a heading never ends a page. */
static double
needed_height (GPtrArray *chunks,
               guint      index)
{
  double needed = 0;

  for (guint i = index; i < chunks->len; i++)
    {
      Chunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->page_break)
        break;
      needed += (i == index ? 0 : chunk->space_before) + chunk->height;
      if (!chunk->keep_with_next)
        break;
    }
  return needed;
}

static void
add_footers (PdPrintDoc *self)
{
  guint n_pages = self->pages->len;

  for (guint i = 0; i < n_pages; i++)
    {
      GPtrArray *page = g_ptr_array_index (self->pages, i);
      g_autofree char *number = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      g_autoptr(PangoLayout) number_layout = make_layout (self, STYLE_SMALL, number, -1,
                                                          PANGO_ALIGN_LEFT);
      double number_width = layout_width (number_layout);
      double y = self->height - layout_height (number_layout);
      Chunk *footer = chunk_new (0);

      chunk_add_text (footer, number_layout, self->width - number_width, 0);
      if (self->footer != NULL && *self->footer != '\0')
        {
          g_autoptr(PangoLayout) text = make_layout (self, STYLE_SMALL, self->footer,
                                                     MAX (self->width - number_width - 12, 1),
                                                     PANGO_ALIGN_LEFT);

          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          chunk_add_text (footer, text, 0, 0);
        }
      place (page, footer, y);
      chunk_free (footer);
    }
}

static GPtrArray *
new_page (PdPrintDoc *doc)
{
  GPtrArray *page = g_ptr_array_new_with_free_func ((GDestroyNotify) prim_free);

  g_ptr_array_add (doc->pages, page);
  return page;
}

guint
pd_print_doc_paginate (PdPrintDoc   *doc,
                       PangoContext *context,
                       double        width,
                       double        height)
{
  g_autoptr(GPtrArray) chunks = NULL;
  GPtrArray *page;
  double bottom;
  double y = 0;

  g_return_val_if_fail (PD_IS_PRINT_DOC (doc), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);

  g_set_object (&doc->context, context);
  doc->width = width;
  doc->height = height;
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  bottom = height - footer_height (doc);
  chunks = make_chunks (doc);

  page = new_page (doc);
  for (guint i = 0; i < chunks->len; i++)
    {
      Chunk *chunk = g_ptr_array_index (chunks, i);
      double space = y > 0 ? chunk->space_before : 0;

      if (chunk->page_break)
        {
          if (y > 0)
            {
              page = new_page (doc);
              y = 0;
            }
          continue;
        }
      /* What does not fit goes on to the next page, unless the page is
       * empty: a chunk taller than a page is cut rather than lost. */
      if (y > 0 && y + space + needed_height (chunks, i) > bottom)
        {
          page = new_page (doc);
          y = 0;
          space = 0;
          if (chunk->repeat != NULL)
            {
              place (page, chunk->repeat, 0);
              y = chunk->repeat->height;
            }
        }
      y += space;
      place (page, chunk, y);
      y += chunk->height;
    }

  add_footers (doc);
  return doc->pages->len;
}

void
pd_print_doc_draw_page (PdPrintDoc *doc,
                        cairo_t    *cr,
                        guint       page)
{
  GPtrArray *prims;

  g_return_if_fail (PD_IS_PRINT_DOC (doc));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (doc->pages != NULL && page < doc->pages->len);

  prims = g_ptr_array_index (doc->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < prims->len; i++)
    {
      Prim *prim = g_ptr_array_index (prims, i);

      switch (prim->kind)
        {
        case PRIM_TEXT:
          cairo_move_to (cr, prim->x, prim->y);
          pango_cairo_show_layout (cr, prim->layout);
          break;
        case PRIM_BOX:
          cairo_set_line_width (cr, prim->line_width);
          cairo_rectangle (cr, prim->x, prim->y, prim->w, prim->h);
          cairo_stroke (cr);
          break;
        case PRIM_LINE:
          cairo_set_line_width (cr, prim->line_width);
          cairo_move_to (cr, prim->x, prim->y);
          cairo_line_to (cr, prim->x + prim->w, prim->y + prim->h);
          cairo_stroke (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}

/* Writing a PDF */

PangoContext *
pd_print_context_new (void)
{
  g_autoptr(PangoFontMap) font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

void
pd_paper_get_size (PdPaper  paper,
                   double  *width,
                   double  *height)
{
  if (paper == PD_PAPER_US_LETTER)
    {
      *width = 8.5 * 72;
      *height = 11 * 72;
    }
  else
    {
      *width = 210 * MM;
      *height = 297 * MM;
    }
}

typedef struct
{
  PdSafeFile *file;
  GError     *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *write = closure;

  if (write->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!pd_safe_file_write (write->file, (const char *) data, length, &write->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
pd_print_doc_write_pdf (PdPrintDoc  *doc,
                        PdPaper      paper,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(PdSafeFile) file = NULL;
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_status_t status;
  WriteClosure write = { NULL, NULL };
  double width, height;
  guint n_pages;
  cairo_t *cr;

  g_return_val_if_fail (PD_IS_PRINT_DOC (doc), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = pd_safe_file_new (path, error);
  if (file == NULL)
    return FALSE;
  write.file = file;

  pd_paper_get_size (paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_cb, &write, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Peerdesk");
  cr = cairo_create (surface);

  context = pd_print_context_new ();
  pango_cairo_update_context (cr, context);

  n_pages = pd_print_doc_paginate (doc, context, width - 2 * MARGIN, height - 2 * MARGIN);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN, MARGIN);
      pd_print_doc_draw_page (doc, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (write.error != NULL)
    {
      g_propagate_error (error, write.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED, _("Could not write “%s”: %s"),
                   pd_safe_file_display_path (file), cairo_status_to_string (status));
      return FALSE;
    }
  return pd_safe_file_commit (file, error);
}

/* Paper */

PdPaper
pd_paper_for_locale (void)
{
#ifdef PD_HAVE_NL_PAPER
  /* In millimetres: 216 × 279 is US Letter (8.5 × 11 in). */
  int paper_width = (int) (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);
  int paper_height = (int) (intptr_t) nl_langinfo (_NL_PAPER_HEIGHT);

  if (paper_width == 216 && paper_height == 279)
    return PD_PAPER_US_LETTER;
#endif
  return PD_PAPER_A4;
}

gboolean
pd_paper_from_string (const char  *name,
                      PdPaper     *paper,
                      GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (paper != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = PD_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = PD_PAPER_US_LETTER;
  else
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Unknown paper size “%s”: use a4 or letter"), name);
      return FALSE;
    }
  return TRUE;
}
