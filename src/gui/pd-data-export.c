/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-data-export.h"
#include "pd-message-dialog.h"
#include "pd-report-async.h"

/* Exporting every record: a warning of what the file will hold, a file
 * chooser, then the export, which the core runs in a thread, as it takes
 * a while on a big database and the front desk must go on. One
 * dialog says what happens from start to end. */

typedef struct
{
  GtkWindow *parent;        /* owned */
  PdDatabase *database;     /* owned */
  char      *path;
  GtkWidget *dialog;        /* the progress and result dialog, owned by GTK */
  GtkFileChooserNative *chooser;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->chooser);
  g_clear_object (&export->database);
  g_free (export->path);
  g_free (export);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Export *export = user_data;
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (export->dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (export->path);

  adw_message_dialog_set_extra_child (dialog, NULL);
  if (pd_json_export_finish (PD_DATABASE (source), result, &error))
    {
      adw_message_dialog_set_heading (dialog, _("All Data Exported"));
      adw_message_dialog_format_body (dialog,
                                      _("Every record is in “%s”. Only you can open it on this "
                                        "computer; keep any copy where only the people allowed "
                                        "to read the records can."),
                                      name);
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("Could Not Export the Data"));
      adw_message_dialog_set_body (dialog, error->message);
    }
  adw_message_dialog_set_response_enabled (dialog, "close", TRUE);
  adw_message_dialog_set_default_response (dialog, "close");
  g_object_set_data (G_OBJECT (dialog), "pd-finished", GINT_TO_POINTER (TRUE));
  export_free (export);
}

static void
export_to (Export *export)
{
  g_autofree char *name = g_path_get_basename (export->path);

  export->dialog = pd_message_dialog_new (export->parent, "pd-export-progress-dialog.ui");
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (export->dialog),
                                  _("Writing every record to “%s”."), name);
  gtk_window_present (GTK_WINDOW (export->dialog));

  pd_json_export_async (export->database, export->path, NULL, on_export_done_cb, export);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Export          *export)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL || g_file_get_path (file) == NULL)
    {
      export_free (export);
      return;
    }
  export->path = g_file_get_path (file);
  export_to (export);
}

static void
on_warning_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Export           *export)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "export") != 0)
    {
      export_free (export);
      return;
    }

  export->chooser = gtk_file_chooser_native_new (_("Export All Data"), export->parent,
                                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                 _("_Cancel"));
  name = g_date_time_format (now, "peerdesk-all-data-%Y-%m-%d.json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export->chooser), name);
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (export->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (export->chooser), TRUE);
  g_signal_connect (export->chooser, "response", G_CALLBACK (on_chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
}

static Export *
export_new (GtkWindow  *parent,
            PdDatabase *db)
{
  Export *export = g_new0 (Export, 1);

  export->parent = g_object_ref (parent);
  export->database = g_object_ref (db);
  return export;
}

/* Warns what the file will hold, then asks where to write it. */
void
pd_data_export_start (GtkWindow  *parent,
                      PdDatabase *db)
{
  Export *export;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (PD_IS_DATABASE (db));

  export = export_new (parent, db);
  dialog = pd_message_dialog_new (parent, "pd-export-warning-dialog.ui");
  g_signal_connect (dialog, "response", G_CALLBACK (on_warning_response_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Exports to @path without asking, for tests; returns the dialog that
 * tells how it went, whose "pd-finished" data is set once it has. */
GtkWidget *
pd_data_export_to_path (GtkWindow  *parent,
                        PdDatabase *db,
                        const char *path)
{
  Export *export;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  export = export_new (parent, db);
  export->path = g_strdup (path);
  export_to (export);
  return export->dialog;
}
