/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-error-window.h"

/**
 * pd_error_window_new:
 * @application: the application, registered
 * @error: why the database could not be opened
 *
 * A database that cannot be opened gets a window that says why, instead of
 * a window that pretends all is well: the file is left untouched.
 *
 * Returns: (transfer floating): the window
 */
GtkWidget *
pd_error_window_new (GtkApplication *application,
                     const GError   *error)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *status;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  window = adw_application_window_new (application);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  status = adw_status_page_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Peerdesk"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Could Not Open the Database"));
  /* The description is markup; the message holds a file name. */
  escaped = g_markup_escape_text (error->message, -1);
  description = g_strdup_printf ("%s\n\n%s", escaped,
                                 _("Nothing was changed. To open another database, start "
                                   "Peerdesk with --database PATH."));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  /* The status page's scroller is otherwise a Tab stop with nothing in it. */
  pd_accessible_fix_names (window);
  return window;
}
