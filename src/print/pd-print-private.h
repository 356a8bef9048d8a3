/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "pd-print-doc.h"

G_BEGIN_DECLS

/* A Pango context for laying out on paper: sizes in points (72 dpi) and
 * metrics as a printer sets them, not as a screen rounds them. */
PangoContext *pd_print_context_new   (void);
/* The page's size in points, 15 mm margins included. */
void          pd_paper_get_size      (PdPaper  paper,
                                      double  *width,
                                      double  *height);

/* The margins pd_print_doc_write_pdf() leaves on every side, in points. */
#define PD_PRINT_MARGIN (15 * 72.0 / 25.4)

G_END_DECLS
