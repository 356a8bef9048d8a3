/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-desk-lock.h"
#include "pd-failure-dialog.h"
#include "pd-print-operation.h"

/* Printing a PdPrintDoc through GtkPrintOperation. The document lays
 * itself out on the page the dialog chose, in points, with the print
 * context's Pango context, so that it prints as its PDF looks. */

#define SETTINGS_KEY "pd-print-settings"
#define PAGE_SETUP_KEY "pd-print-page-setup"
#define MM (72.0 / 25.4)

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PdPrintDoc        *doc)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  guint n_pages = pd_print_doc_paginate (doc, pango, gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));

  g_object_unref (pango);
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PdPrintDoc        *doc)
{
  pd_print_doc_draw_page (doc, gtk_print_context_get_cairo_context (context), (guint) page);
}

/* The paper of the locale, with the margins of the document's PDF. */
static GtkPageSetup *
default_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  paper = gtk_paper_size_new (pd_paper_for_locale () == PD_PAPER_US_LETTER
                              ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 15, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 15, GTK_UNIT_MM);
  return setup;
}

/* A file name from the title: "Sign-in Sheet: Peer Support Circle"
 * saves as "Sign-in Sheet - Peer Support Circle.pdf". */
static char *
file_base_name (PdPrintDoc *doc)
{
  GString *name = g_string_new (NULL);

  for (const char *p = pd_print_doc_get_title (doc); *p != '\0'; p++)
    {
      if (*p == ':')
        g_string_append (name, " -");
      else if (strchr ("/\\*?\"<>|", *p) != NULL)
        g_string_append_c (name, '-');
      else
        g_string_append_c (name, *p);
    }
  g_strstrip (name->str);
  if (*name->str == '\0')
    {
      g_string_free (name, TRUE);
      return g_strdup (_("Document"));
    }
  return g_string_free (name, FALSE);
}

GtkPrintOperation *
pd_print_operation_new (PdPrintDoc   *doc,
                        GApplication *application)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPrintSettings *kept_settings = NULL;
  GtkPageSetup *kept_setup = NULL;
  g_autofree char *base_name = NULL;

  g_return_val_if_fail (PD_IS_PRINT_DOC (doc), NULL);

  if (application != NULL)
    {
      kept_settings = g_object_get_data (G_OBJECT (application), SETTINGS_KEY);
      kept_setup = g_object_get_data (G_OBJECT (application), PAGE_SETUP_KEY);
    }
  settings = kept_settings != NULL ? gtk_print_settings_copy (kept_settings)
                                   : gtk_print_settings_new ();
  setup = kept_setup != NULL ? gtk_page_setup_copy (kept_setup) : default_page_setup ();

  /* "Print to File" offers the document's name, not the last file's. */
  base_name = file_base_name (doc);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, NULL);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, base_name);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");

  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, pd_print_doc_get_title (doc));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);

  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print_cb),
                         g_object_ref (doc), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb),
                         g_object_ref (doc), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return operation;
}

typedef struct
{
  GtkWindow    *window;       /* weak */
  GApplication *application;  /* weak */
  gboolean      error_shown;
} Printing;

static void
printing_free (Printing *printing)
{
  g_clear_weak_pointer (&printing->window);
  g_clear_weak_pointer (&printing->application);
  g_free (printing);
}

static void
show_error (Printing     *printing,
            const GError *error)
{
  if (printing->error_shown || printing->window == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (printing->window)))
    return;
  printing->error_shown = TRUE;
  gtk_window_present (GTK_WINDOW (pd_failure_dialog_new (printing->window, _("Could Not Print"),
                                                         error)));
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            Printing                *printing)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && printing->application != NULL)
    {
      GtkPageSetup *setup = gtk_print_operation_get_default_page_setup (operation);

      /* The printer and paper chosen stay for the next document. */
      g_object_set_data_full (G_OBJECT (printing->application), SETTINGS_KEY,
                              g_object_ref (gtk_print_operation_get_print_settings (operation)),
                              g_object_unref);
      if (setup != NULL)
        g_object_set_data_full (G_OBJECT (printing->application), PAGE_SETUP_KEY,
                                g_object_ref (setup), g_object_unref);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error == NULL)
        g_set_error_literal (&error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                             _("The printing system gave no reason."));
      g_warning ("Could not print: %s", error->message);
      show_error (printing, error);
    }
}

void
pd_print_document (GtkWidget  *parent,
                   PdPrintDoc *doc)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkRoot *root;
  GtkWindow *window;
  Printing *printing;
  GtkPrintOperationResult result;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (PD_IS_PRINT_DOC (doc));

  root = gtk_widget_get_root (parent);
  window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  printing = g_new0 (Printing, 1);
  g_set_weak_pointer (&printing->window, window);
  if (window != NULL && gtk_window_get_application (window) != NULL)
    g_set_weak_pointer (&printing->application,
                        G_APPLICATION (gtk_window_get_application (window)));

  operation = pd_print_operation_new (doc, printing->application);
  g_object_set_data_full (G_OBJECT (operation), "pd-printing", printing,
                          (GDestroyNotify) printing_free);
  g_signal_connect (operation, "done", G_CALLBACK (on_done_cb), printing);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (before, g_list_model_get_item (toplevels, i));

  /* The operation holds itself until "done". */
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window,
                                    &error);

  /* The dialog is the window it added over ours: a list of names must not
   * stay on screen behind a locked desk, so the lock closes it. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) shown = g_list_model_get_item (toplevels, i);

      if (!g_ptr_array_find (before, shown, NULL) &&
          gtk_window_get_transient_for (shown) == window)
        pd_desk_lock_close_on_lock (shown);
    }

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_warning ("Could not print: %s", error->message);
      show_error (printing, error);
    }
}
