/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* A printed document: a list of blocks (headings, fields, tables, boxes
 * to tick, numbered blank lines, a tally box) that is laid out with Pango
 * on pages of any size, light on ink: black text and hairlines on white,
 * no filled areas. The same document prints through GtkPrintOperation
 * (the app) and is written as a PDF (the command line, tests).
 *
 * Building: pd_print_doc_new() with the title printed at the top of the
 * first page, then blocks in reading order. Text is plain UTF-8 (never
 * Pango markup: names and group names may hold "<" or "&"). A table is
 * started with pd_print_doc_begin_table() and takes rows until the next
 * block; a row never splits across pages, and a table's header row is
 * repeated at the top of each page it continues on. Every page ends with
 * a footer: the document's footer text, if any, and "Page N of M".
 *
 * Laying out: pd_print_doc_paginate() breaks the blocks into pages for a
 * page size (in points, margins excluded) with a Pango context for the
 * target surface, and returns how many pages there are; then
 * pd_print_doc_draw_page() draws one page with its top-left corner at the
 * cairo context's origin. Paginating again for another size starts over.
 *
 * A document holds its own copies of the text it was given. */

#define PD_TYPE_PRINT_DOC (pd_print_doc_get_type ())
G_DECLARE_FINAL_TYPE (PdPrintDoc, pd_print_doc, PD, PRINT_DOC, GObject)

typedef enum
{
  PD_PAPER_A4,
  PD_PAPER_US_LETTER,
} PdPaper;

/* How wide a table column is: the share of the table's width it takes
 * (all of a table's weights are added up), and whether its text is
 * aligned to the end (figures). A column with a box to tick draws an
 * empty square, about 5 mm, before its text. */
typedef struct
{
  const char *title;
  double      weight;
  gboolean    numeric;
  gboolean    tick_box;
} PdPrintColumn;

PdPrintDoc *pd_print_doc_new              (const char          *title);
const char *pd_print_doc_get_title        (PdPrintDoc          *doc);
/* Printed small at the foot of every page, before the page number, e.g.
 * the centre's name and when the document was made. */
void        pd_print_doc_set_footer       (PdPrintDoc          *doc,
                                           const char          *footer);

/* A section heading; never left alone at the foot of a page. */
void        pd_print_doc_add_heading      (PdPrintDoc          *doc,
                                           const char          *text);
/* A paragraph of running text, wrapped to the page's width. */
void        pd_print_doc_add_paragraph    (PdPrintDoc          *doc,
                                           const char          *text);
/* "Label: value" on a line of its own, the label in bold; consecutive
 * fields line their values up. */
void        pd_print_doc_add_field        (PdPrintDoc          *doc,
                                           const char          *label,
                                           const char          *value);
void        pd_print_doc_begin_table      (PdPrintDoc          *doc,
                                           const PdPrintColumn *columns,
                                           guint                n_columns);
/* One row of the current table: exactly as many cells as it has columns
 * (NULL for an empty cell). */
void        pd_print_doc_add_row          (PdPrintDoc          *doc,
                                           const char * const  *cells);
/* Blank numbered lines to write on, numbered from @first: a box to tick,
 * the number, and a ruled line across the page. */
void        pd_print_doc_add_blank_lines  (PdPrintDoc          *doc,
                                           guint                first,
                                           guint                n_lines);
/* A large empty box with @label above it, for tally marks. */
void        pd_print_doc_add_tally_box    (PdPrintDoc          *doc,
                                           const char          *label);
/* Starts the next block on a new page. */
void        pd_print_doc_add_page_break   (PdPrintDoc          *doc);

guint       pd_print_doc_paginate         (PdPrintDoc          *doc,
                                           PangoContext        *context,
                                           double               width,
                                           double               height);
void        pd_print_doc_draw_page        (PdPrintDoc          *doc,
                                           cairo_t             *cr,
                                           guint                page);

/* Lays the document out on @paper with margins of 15 mm and writes it as
 * a PDF at @path through PdSafeFile: whole or not at all, readable by its
 * owner only, never over the database or one of its files. */
gboolean    pd_print_doc_write_pdf        (PdPrintDoc          *doc,
                                           PdPaper              paper,
                                           const char          *path,
                                           GError             **error);
/* The paper that suits the user's locale: US Letter where
 * LC_PAPER/LC_MEASUREMENT says so (the US, Canada, Mexico, …), A4
 * elsewhere. */
PdPaper     pd_paper_for_locale           (void);
gboolean    pd_paper_from_string          (const char          *name,
                                           PdPaper             *paper,
                                           GError             **error);

G_END_DECLS
