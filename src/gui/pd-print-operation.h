/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-print-doc.h"

G_BEGIN_DECLS

/* Prints @doc from the window of @parent: the print dialog, modal to the
 * window, offers the printers and "Print to File", which saves a PDF
 * named after the document. The paper is the locale's until someone
 * chooses another; the choices last as long as the app runs. A failure
 * is shown in a dialog. The desk lock closes the print dialog. */
void               pd_print_document           (GtkWidget   *parent,
                                                PdPrintDoc  *doc);

/* The operation pd_print_document() runs, set up for @doc and the
 * choices kept in @application (NULL for none); for running it with
 * another action, as GTK_PRINT_OPERATION_ACTION_EXPORT to a PDF. */
GtkPrintOperation *pd_print_operation_new      (PdPrintDoc  *doc,
                                                GApplication *application);

G_END_DECLS
