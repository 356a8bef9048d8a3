/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-error.h"
#include "pd-server-error-window.h"

/* The window of a desk whose shared records server cannot be reached or
 * refuses it, at start: it says why, in the server's own words, and
 * offers to try again or to work on this computer's records instead, so
 * that nobody faces a silent, empty Peerdesk. The application does either
 * on "retry" and "use-local". A password the server refused can be typed
 * again here, for the next try. */
struct _PdServerErrorWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
  GtkWidget *password_box;
  GtkWidget *password_row;
  GtkWidget *retry_button;
  GtkWidget *use_local_button;
  GtkWidget *spinner;
};

G_DEFINE_FINAL_TYPE (PdServerErrorWindow, pd_server_error_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  RETRY,
  USE_LOCAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_retry_clicked_cb (PdServerErrorWindow *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

static void
on_use_local_clicked_cb (PdServerErrorWindow *self)
{
  g_signal_emit (self, signals[USE_LOCAL], 0);
}

static void
pd_server_error_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_SERVER_ERROR_WINDOW);

  G_OBJECT_CLASS (pd_server_error_window_parent_class)->dispose (object);
}

static void
pd_server_error_window_class_init (PdServerErrorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_server_error_window_dispose;

  /**
   * PdServerErrorWindow::retry:
   *
   * "Try Again" was pressed: the application opens the server's records
   * again.
   */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PdServerErrorWindow::use-local:
   *
   * "Use This Computer's Records" was pressed: the application goes back
   * to the records file on this computer, for this start and the next.
   */
  signals[USE_LOCAL] = g_signal_new ("use-local", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-server-error-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdServerErrorWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, PdServerErrorWindow, password_box);
  gtk_widget_class_bind_template_child (widget_class, PdServerErrorWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdServerErrorWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, PdServerErrorWindow, use_local_button);
  gtk_widget_class_bind_template_child (widget_class, PdServerErrorWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_local_clicked_cb);
}

static void
pd_server_error_window_init (PdServerErrorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The status page's scroller is otherwise a Tab stop with nothing in it. */
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_server_error_window_new (GtkApplication *application,
                            const GError   *error)
{
  PdServerErrorWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (PD_TYPE_SERVER_ERROR_WINDOW, "application", application, NULL);
  pd_server_error_window_set_error (self, error);
  return GTK_WIDGET (self);
}

/* Says why the server's records could not be opened, the last time. */
void
pd_server_error_window_set_error (PdServerErrorWindow *self,
                                  const GError        *error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (PD_IS_SERVER_ERROR_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* The description is markup; the message holds the server's name. */
  escaped = g_markup_escape_text (error->message, -1);
  description = g_strdup_printf ("%s\n\n%s", escaped,
                                 _("Nothing was changed. The records on this computer are "
                                   "separate from the server’s: what is saved there is not on "
                                   "the server."));
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->password_box, g_error_matches (error, PD_ERROR, PD_ERROR_SIGN_IN));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

/* The password typed for the next try, or NULL when none was asked for
 * or typed. */
char *
pd_server_error_window_dup_password (PdServerErrorWindow *self)
{
  const char *text;

  g_return_val_if_fail (PD_IS_SERVER_ERROR_WINDOW (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (!gtk_widget_get_visible (self->password_box) || *text == '\0')
    return NULL;
  return g_strdup (text);
}

/* While the application connects again, both choices wait. */
void
pd_server_error_window_set_busy (PdServerErrorWindow *self,
                                 gboolean             busy)
{
  g_return_if_fail (PD_IS_SERVER_ERROR_WINDOW (self));

  gtk_widget_set_sensitive (self->retry_button, !busy);
  gtk_widget_set_sensitive (self->use_local_button, !busy);
  gtk_widget_set_sensitive (self->password_box, !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  if (!busy)
    gtk_widget_grab_focus (gtk_widget_get_visible (self->password_box) ? self->password_row
                                                                         : self->retry_button);
}
