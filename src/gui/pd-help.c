/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-failure-dialog.h"
#include "pd-help.h"
#include "pd-install-dirs.h"

/* Every page pd_help_show() may be asked for: a test checks that each is
 * in help/C, so that F1 never opens a page that is not there. */
static const char * const pages[] = {
  PD_HELP_INDEX,
  PD_HELP_CHECK_IN,
  PD_HELP_ATTENDANCE,
  PD_HELP_MEMBERS,
  PD_HELP_VOLUNTEERS,
  PD_HELP_CREDENTIALS,
  PD_HELP_REPORTS,
  PD_HELP_BACKUPS,
  PD_HELP_SHARED_SERVER,
  PD_HELP_STAFF_SIGN_IN,
  PD_HELP_STAFF_ROLES,
  NULL
};

static void open_with_gtk (GtkWindow  *parent,
                           const char *uri,
                           GTask      *task);

static PdHelpUriOpener uri_opener = open_with_gtk;

typedef struct
{
  GtkWindow *parent;      /* weak */
  char *page;
} HelpRequest;

static void
help_request_free (HelpRequest *request)
{
  g_clear_weak_pointer (&request->parent);
  g_free (request->page);
  g_free (request);
}

/**
 * pd_help_get_pages:
 *
 * Returns: (transfer none): the ids of the pages the window may open
 */
const char * const *
pd_help_get_pages (void)
{
  return pages;
}

/**
 * pd_help_find_page:
 * @topics: the parts of a window and their pages
 * @n_topics: how many
 * @name: (nullable): the part on show
 *
 * Returns: the page of @name among @topics, or the help's first page
 */
const char *
pd_help_find_page (const PdHelpTopic *topics,
                   gsize              n_topics,
                   const char        *name)
{
  for (gsize i = 0; i < n_topics; i++)
    if (g_strcmp0 (name, topics[i].name) == 0)
      return topics[i].page;
  return PD_HELP_INDEX;
}

/**
 * pd_help_set_uri_opener:
 * @opener: (nullable): what opens the help's URIs; %NULL for the usual
 *
 * Lets a test see which URIs the help would open, without starting a help
 * viewer or a browser.
 */
void
pd_help_set_uri_opener (PdHelpUriOpener opener)
{
  uri_opener = opener != NULL ? opener : open_with_gtk;
}

static void
on_gtk_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
open_with_gtk (GtkWindow  *parent,
               const char *uri,
               GTask      *task)
{
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_gtk_shown_cb, g_object_ref (task));
}

static void on_opened_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

/* Opens @uri for @request; @html_path, taken, is the HTML page being
 * opened, if it is one. */
static void
open_uri (HelpRequest *request,
          const char  *uri,
          char        *html_path)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_opened_cb, request);

  g_task_set_task_data (task, html_path, g_free);
  uri_opener (request->parent, uri, task);
}

/* The help as HTML, where a help viewer is not installed: from
 * $PEERDESK_HELP_HTML_DIR if set, else where Peerdesk installs it, found
 * beside the program like its other data. */
static char *
dup_html_path (const char *page)
{
  const char *dir = g_getenv ("PEERDESK_HELP_HTML_DIR");
  g_autofree char *name = g_strconcat (page, ".html", NULL);

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, name, NULL);
  return g_build_filename (pd_install_dir_data (), "doc", "peerdesk", "html", name, NULL);
}

/* Says over the window that the help could not be shown, and why. */
static void
show_failure (HelpRequest *request,
              const char  *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, message);
  GtkWidget *dialog;

  g_message ("Could not open the help: %s", message);
  dialog = pd_failure_dialog_new (request->parent, _("Could Not Open the Help"), error);
  gtk_window_present (GTK_WINDOW (dialog));
  help_request_free (request);
}

/* Opening the help: page, or, with the HTML page's path as the task's
 * data, that page in the browser. */
static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HelpRequest *request = user_data;
  const char *html = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      help_request_free (request);
      return;
    }

  if (html != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (html);
      g_autofree char *message = NULL;

      g_debug ("No web browser opened the help: %s", error->message);
      /* Translators: a folder */
      message = g_strdup_printf (_("No help viewer or web browser is installed on this "
                                   "computer. Install the “yelp” package to read the help "
                                   "here, or open the pages in %s with a web browser."), dir);
      show_failure (request, message);
      return;
    }

  /* No help viewer takes help: URIs; a browser may read the HTML. */
  g_debug ("No help viewer opened the help: %s", error->message);
  g_clear_error (&error);
  path = dup_html_path (request->page);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    show_failure (request, _("No help viewer is installed on this computer, and the help pages "
                             "are not installed either. Install the “yelp” package to read the "
                             "help."));
  else if ((uri = g_filename_to_uri (path, NULL, &error)) == NULL)
    show_failure (request, error->message);
  else
    open_uri (request, uri, g_steal_pointer (&path));
}

/**
 * pd_help_show:
 * @parent: (nullable): the window asking, which any message goes over
 * @page: (nullable): one of pd_help_get_pages(); %NULL for the contents
 *
 * Opens the help at @page in the help viewer, or, where there is none, the
 * same page as HTML in the web browser; says so when neither can be shown.
 */
void
pd_help_show (GtkWindow  *parent,
              const char *page)
{
  HelpRequest *request;
  g_autofree char *uri = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (page == NULL || g_strv_contains (pages, page));

  request = g_new0 (HelpRequest, 1);
  g_set_weak_pointer (&request->parent, parent);
  request->page = g_strdup (page != NULL ? page : PD_HELP_INDEX);
  if (g_str_equal (request->page, PD_HELP_INDEX))
    uri = g_strdup ("help:peerdesk");
  else
    uri = g_strconcat ("help:peerdesk/", request->page, NULL);
  open_uri (request, uri, NULL);
}
