/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of page @page (from 1) of the PDF at @path as pdftotext
 * -layout sets it out, or of every page when @page is 0 (pages then end
 * with a form feed). Fails the test if pdftotext does. */
char  *pd_test_pdf_text         (const char *path,
                                 guint       page);
/* How many pages the PDF at @path has, from pdfinfo. */
guint  pd_test_pdf_n_pages      (const char *path);
/* The PDF's page size in points, from pdfinfo. */
void   pd_test_pdf_page_size    (const char *path,
                                 double     *width,
                                 double     *height);
/* The PDF's title, from pdfinfo. */
char  *pd_test_pdf_title        (const char *path);

G_END_DECLS
