/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-error.h"
#include "pd-failure-dialog.h"
#include "pd-meetings-page-private.h"
#include "pd-print-documents.h"
#include "pd-print-operation.h"
#include "pd-schedule.h"
#include "pd-text.h"
#include "pd-toast.h"

/* The Meetings page's schedule: the coming weeks' meetings saved as a
 * calendar file for the centre to publish or import, and this week's
 * printed for the notice board. */

static GtkWindow *
parent_window (PdMeetingsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Writes the next PD_SCHEDULE_DEFAULT_WEEKS weeks from today to @file;
 * says how many sessions it holds, or why it could not be written. */
void
pd_meetings_page_export_schedule (PdMeetingsPage *self,
                                  GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *today = pd_date_today ();
  GDate first_day;
  gint n;

  g_return_if_fail (PD_IS_MEETINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a file on this computer; choose a folder on it"), uri);
      n = -1;
    }
  else
    {
      pd_date_parse (today, &first_day);
      n = pd_schedule_write_ics (pd_page_get_database (PD_PAGE (self)), &first_day,
                                 PD_SCHEDULE_DEFAULT_WEEKS, path, &error);
    }

  if (n < 0)
    {
      gtk_window_present (GTK_WINDOW (pd_failure_dialog_new (parent_window (self),
                                                             _("Could Not Export the Schedule"),
                                                             error)));
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (path);
    /* Translators: how many sessions the calendar file holds, then its name */
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%d session saved to “%s”",
                                                             "%d sessions saved to “%s”", n),
                                                n, name);

    pd_toast_show (self->toast_overlay, message);
  }
}

static void
on_schedule_chooser_response_cb (PdMeetingsPage  *self,
                                 int              response,
                                 GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->schedule_chooser);
  if (file != NULL)
    pd_meetings_page_export_schedule (self, file);
}

static void
export_schedule_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkFileChooserNative *chooser;

  if (self->schedule_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Schedule as Calendar"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "meetings.ics");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_schedule_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->schedule_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->schedule_chooser);
}

/* The week the page shows, today's, laid out for the notice board. */
PdPrintDoc *
pd_meetings_page_dup_week_schedule (PdMeetingsPage  *self,
                                    GError         **error)
{
  g_autofree char *today = pd_date_today ();
  GDate day;

  g_return_val_if_fail (PD_IS_MEETINGS_PAGE (self), NULL);

  pd_date_parse (today, &day);
  return pd_print_schedule (pd_page_get_database (PD_PAGE (self)), &day, error);
}

static void
print_schedule_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PdMeetingsPage *self = PD_MEETINGS_PAGE (widget);
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = pd_meetings_page_dup_week_schedule (self, &error);
  if (doc == NULL)
    {
      gtk_window_present (GTK_WINDOW (pd_failure_dialog_new (parent_window (self),
                                                             _("Could Not Print the Schedule"),
                                                             error)));
      return;
    }
  pd_print_document (widget, doc);
}

void
_pd_meetings_page_class_schedule_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "meetings.print-schedule", NULL,
                                   print_schedule_action);
  gtk_widget_class_install_action (widget_class, "meetings.export-schedule", NULL,
                                   export_schedule_action);
}
