/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd-application.h"
#include "pd-context.h"
#include "pd-database-page.h"
#include "pd-entry-row.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-members-page.h"
#include "pd-preferences-window.h"
#include "pd-server-error-window.h"
#include "pd-server-settings.h"
#include "pd-window.h"
#include "pd-test-gui.h"
#include "pd-test-server.h"

/* The cluster's port: only its socket file carries it, in its own folder. */
#define TEST_PORT 5496

typedef struct
{
  char *dir;
  PdDatabase *database;
  GSettings *settings;
  PdContext *context;
  GtkWidget *window;
  PdDatabase *opened;
} Fixture;

static void
reset_settings (GSettings *settings)
{
  const char *keys[] = { PD_DATABASE_MODE_KEY, PD_SERVER_HOST_KEY, PD_SERVER_PORT_KEY,
                         PD_SERVER_DATABASE_KEY, PD_SERVER_USER_KEY };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);
  fixture->settings = g_settings_new (APPLICATION_ID);
  reset_settings (fixture->settings);
  fixture->context = pd_context_new (fixture->database, fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->opened);
  if (fixture->window != NULL)
    g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->settings,
                         &fixture->database, NULL);
  g_assert_null (fixture->window);
}

/* Waits for @done, at most @ms: the main loop sleeps between events. */
static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint source = g_timeout_add (50, wake_cb, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
  return ok;
}

static GtkWidget *
child (GtkWidget  *page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, PD_TYPE_DATABASE_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
type (GtkWidget  *page,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (page, row)), text);
}

/* Chooses the test's server, database "centre", and presses Connect. */
static void
connect_to (GtkWidget    *page,
            PdTestServer *server)
{
  g_autofree char *port = g_strdup_printf ("%d", pd_test_server_get_port (server));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "server_check")), TRUE);
  type (page, "host_row", pd_test_server_get_dir (server));
  type (page, "port_row", port);
  type (page, "database_row", "centre");
  type (page, "user_row", "peerdesk");
  g_signal_emit_by_name (child (page, "apply_button"), "clicked");
}

static void
on_database_opened_cb (GtkWidget  *page,
                       PdDatabase *opened,
                       Fixture    *fixture)
{
  g_set_object (&fixture->opened, opened);
}

/* The Database page in a preferences window of its own width. */
static GtkWidget *
show_page (Fixture *fixture)
{
  GtkWidget *page = pd_database_page_new (fixture->context);
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");

  fixture->window = adw_preferences_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width ? atoi (width) : 640, 820);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (fixture->window),
                              ADW_PREFERENCES_PAGE (page));
  g_signal_connect (page, "database-opened", G_CALLBACK (on_database_opened_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pd_test_iterate (50);
  return page;
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, width ? width : "640");

  pd_test_save_screenshot (GTK_WINDOW (fixture->window), file);
}

static gboolean
page_idle (gpointer page)
{
  return !gtk_widget_get_visible (child (page, "spinner")) &&
         gtk_widget_get_sensitive (child (page, "where_group"));
}

/* This computer is the default; the server's rows say what is missing or
 * wrong, and nothing is tried or kept until they are right. */
static void
test_validates (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *page = show_page (fixture);
  GtkWidget *button = child (page, "apply_button");
  g_autofree char *mode = NULL;

  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (page, "local_check"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (page, "local_row"))), ==,
                   pd_database_get_path (fixture->database));
  /* Already on this computer: nothing to switch to. */
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_sensitive (child (page, "server_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "port_row"))), ==, "5432");
  screenshot (fixture, "database-page-local");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "server_check")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (child (page, "server_group")));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Connect");

  type (page, "host_row", "");
  type (page, "port_row", "54x2");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (pd_entry_row_get_error (PD_ENTRY_ROW (child (page, "host_row"))), ==,
                   "this is required");
  g_assert_nonnull (pd_entry_row_get_error (PD_ENTRY_ROW (child (page, "port_row"))));
  g_assert_true (pd_entry_row_get_error_shown (PD_ENTRY_ROW (child (page, "port_row"))));
  g_assert_true (gtk_widget_get_visible (child (page, "status_label")));
  g_assert_true (page_idle (page));
  type (page, "port_row", "70000");
  g_assert_nonnull (pd_entry_row_get_error (PD_ENTRY_ROW (child (page, "port_row"))));
  type (page, "port_row", "5433");
  g_assert_null (pd_entry_row_get_error (PD_ENTRY_ROW (child (page, "port_row"))));
  type (page, "host_row", "records.centre.lan");
  g_assert_null (pd_entry_row_get_error (PD_ENTRY_ROW (child (page, "host_row"))));
  type (page, "database_row", "");
  g_assert_nonnull (pd_entry_row_get_error (PD_ENTRY_ROW (child (page, "database_row"))));
  screenshot (fixture, "database-page-invalid");

  mode = g_settings_get_string (fixture->settings, PD_DATABASE_MODE_KEY);
  g_assert_cmpstr (mode, ==, "local");
  g_assert_null (fixture->opened);
}

/* A server that cannot be reached: its reason shows, and nothing is kept. */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *page = show_page (fixture);
  g_autofree char *mode = NULL;
  g_autofree char *host = NULL;
  const char *status;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "server_check")), TRUE);
  type (page, "host_row", "/nonexistent");
  type (page, "database_row", "centre");
  type (page, "user_row", "desk1");
  type (page, "password_row", "not kept");
  g_signal_emit_by_name (child (page, "apply_button"), "clicked");
  g_assert_false (page_idle (page));
  g_assert_true (wait_until (page_idle, page, 20000));

  status = gtk_label_get_text (GTK_LABEL (child (page, "status_label")));
  g_assert_true (gtk_widget_get_visible (child (page, "status_label")));
  g_assert_true (gtk_widget_has_css_class (child (page, "status_label"), "error"));
  g_assert_nonnull (strstr (status, "Could not reach the records server"));
  g_assert_null (strstr (status, "not kept"));
  screenshot (fixture, "database-page-failed");

  mode = g_settings_get_string (fixture->settings, PD_DATABASE_MODE_KEY);
  host = g_settings_get_string (fixture->settings, PD_SERVER_HOST_KEY);
  g_assert_cmpstr (mode, ==, "local");
  g_assert_cmpstr (host, ==, "");
  g_assert_null (fixture->opened);
  /* What was typed stays, to be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "host_row"))), ==,
                   "/nonexistent");
}

/* A server that answers with Peerdesk's records: its address is kept and
 * the desk works on it. */
static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PdTestServer) server = pd_test_server_start (TEST_PORT);
  g_autofree char *location = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *host = NULL;
  GtkWidget *page;

  if (server == NULL)
    return;
  location = pd_test_server_create_database (server, "centre");
  page = show_page (fixture);
  connect_to (page, server);
  g_assert_true (wait_until (page_idle, page, 20000));

  g_assert_nonnull (fixture->opened);
  g_assert_true (pd_database_is_shared (fixture->opened));
  g_assert_cmpstr (pd_database_get_path (fixture->opened), ==, location);
  mode = g_settings_get_string (fixture->settings, PD_DATABASE_MODE_KEY);
  host = g_settings_get_string (fixture->settings, PD_SERVER_HOST_KEY);
  g_assert_cmpstr (mode, ==, "server");
  g_assert_cmpstr (host, ==, pd_test_server_get_dir (server));
  g_assert_cmpint (g_settings_get_int (fixture->settings, PD_SERVER_PORT_KEY), ==, TEST_PORT);
  g_assert_false (gtk_widget_has_css_class (child (page, "status_label"), "error"));
  screenshot (fixture, "database-page-connected");
  g_clear_object (&fixture->opened);
}

static gboolean
banner_shown (gpointer window)
{
  GObject *banner = gtk_widget_get_template_child (window, PD_TYPE_WINDOW, "offline_banner");

  return gtk_widget_get_visible (GTK_WIDGET (banner));
}

static gboolean
banner_hidden (gpointer window)
{
  return !banner_shown (window);
}

static guint
n_listed (PdWindow *window)
{
  GtkWidget *page = pd_window_get_section (window, "members");
  PdMemberList *list = pd_members_page_get_list (PD_MEMBERS_PAGE (page));

  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The server goes away under a working desk: the window says so, keeps
 * what it shows, refuses saves with the reason, and once the server is
 * back says nothing more. */
static void
test_offline_banner (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PdTestServer) server = pd_test_server_start (TEST_PORT);
  g_autoptr(PdDatabase) shared = NULL;
  g_autoptr(PdContext) context = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *text = NULL;
  PdWindow *window;

  if (server == NULL)
    return;
  location = pd_test_server_create_database (server, "centre");
  shared = pd_database_open (location, &error);
  g_assert_no_error (error);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Ruiz");
  g_assert_true (pd_members_insert (shared, member, &error));
  g_assert_no_error (error);
  g_assert_true (pd_database_set_meta (shared, "welcomed", "1", &error));
  context = pd_context_new (shared, fixture->settings);
  window = pd_window_new (NULL, context);
  fixture->window = GTK_WIDGET (window);
  gtk_window_set_default_size (GTK_WINDOW (window),
                               g_getenv ("PD_TEST_WINDOW_WIDTH")
                               ? atoi (g_getenv ("PD_TEST_WINDOW_WIDTH")) : 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "members");
  pd_test_iterate (100);
  g_assert_false (banner_shown (window));
  g_assert_cmpuint (n_listed (window), ==, 1);

  pd_test_server_stop (server);
  g_assert_true (wait_until (banner_shown, window, 15000));
  g_assert_false (pd_database_is_online (shared));
  text = pd_test_dup_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, "The records server cannot be reached. What is on screen "
                                  "stays; nothing can be saved until it is back. Peerdesk "
                                  "reconnects by itself."));
  screenshot (fixture, "offline-banner");
  /* What the list showed stays; a save is refused as the core says. */
  g_assert_cmpuint (n_listed (window), ==, 1);
  g_assert_false (pd_database_set_meta (shared, "welcomed", "2", &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_OFFLINE);
  g_clear_error (&error);

  pd_test_server_restart (server);
  g_assert_true (wait_until (banner_hidden, window, 30000));
  g_assert_true (pd_database_is_online (shared));
  g_assert_cmpuint (n_listed (window), ==, 1);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  pd_test_iterate (50);
}

/* The app at start */

typedef struct
{
  Fixture *fixture;
  char *local_path;
  gboolean error_window_seen;
  gboolean both_choices;
  gboolean local_opened;
} StartData;

static gboolean
error_window_shown (gpointer app)
{
  return PD_IS_SERVER_ERROR_WINDOW (gtk_application_get_active_window (app));
}

static GtkWidget *
error_child (GtkWindow  *window,
             const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                    PD_TYPE_SERVER_ERROR_WINDOW, name));
}

static void
on_app_activate_cb (GApplication *app,
                    StartData    *start)
{
  GtkWindow *window;

  /* The shared records are opened after activate() returns. */
  if (!wait_until (error_window_shown, app, 20000))
    {
      g_application_quit (app);
      return;
    }
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  start->error_window_seen = TRUE;
  start->both_choices = gtk_widget_get_sensitive (error_child (window, "retry_button")) &&
                        gtk_widget_get_sensitive (error_child (window, "use_local_button")) &&
                        g_str_equal (gtk_button_get_label (GTK_BUTTON (error_child (window, "use_local_button"))),
                                     "_Use This Computer’s Records");
  {
    g_autofree char *text = pd_test_dup_text (GTK_WIDGET (window));

    start->both_choices = start->both_choices &&
                          strstr (text, "Could not reach the records server") != NULL;
  }
  {
    const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");
    g_autofree char *file = g_strdup_printf ("server-error-window-%s.png", width ? width : "640");

    if (width != NULL)
      gtk_window_set_default_size (window, atoi (width), 640);
    pd_test_save_screenshot (window, file);
  }

  /* Trying again fails again, in the same window. */
  g_signal_emit_by_name (error_child (window, "retry_button"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (error_child (window, "retry_button")));
  g_assert_true (wait_until ((gboolean (*) (gpointer)) gtk_widget_get_sensitive,
                             error_child (window, "retry_button"), 20000));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == window);

  g_signal_emit_by_name (error_child (window, "use_local_button"), "clicked");
  pd_test_iterate (100);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  start->local_opened = PD_IS_WINDOW (window) &&
                        g_file_test (start->local_path, G_FILE_TEST_EXISTS);
  g_application_quit (app);
}

/* The server is out of reach at start: a window says why and offers to
 * try again or to use this computer's records, which it then opens. */
static void
test_start_unreachable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PdApplication) app = pd_application_new ();
  g_autofree char *mode = NULL;
  char *argv[] = { (char *) "peerdesk", NULL };
  StartData start = { fixture, pd_database_default_path () };

  /* The default records file, which the switch back made, goes: this
   * start must make it. */
  for (guint i = 0; i < 3; i++)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (start.local_path, suffixes[i], NULL);

      g_remove (file);
    }
  g_assert_false (g_file_test (start.local_path, G_FILE_TEST_EXISTS));
  g_settings_set_string (fixture->settings, PD_SERVER_HOST_KEY, "/nonexistent");
  g_settings_set_string (fixture->settings, PD_SERVER_DATABASE_KEY, "centre");
  g_settings_set_string (fixture->settings, PD_DATABASE_MODE_KEY, "server");

  g_signal_connect_after (app, "activate", G_CALLBACK (on_app_activate_cb), &start);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);

  g_assert_true (start.error_window_seen);
  g_assert_true (start.both_choices);
  g_assert_true (start.local_opened);
  mode = g_settings_get_string (fixture->settings, PD_DATABASE_MODE_KEY);
  g_assert_cmpstr (mode, ==, "local");
  g_free (start.local_path);
}

/* A password the server refused can be typed again for the next try;
 * a server out of reach asks for none. */
static void
test_error_window_password (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWindow *window = g_object_new (PD_TYPE_SERVER_ERROR_WINDOW, NULL);
  g_autoptr(GError) refused = g_error_new_literal (PD_ERROR, PD_ERROR_SIGN_IN,
                                                   "The records server refused the password");
  g_autoptr(GError) offline = g_error_new_literal (PD_ERROR, PD_ERROR_OFFLINE,
                                                   "Could not reach the records server");
  g_autofree char *typed = NULL;

  fixture->window = GTK_WIDGET (window);
  pd_server_error_window_set_error (PD_SERVER_ERROR_WINDOW (window), offline);
  gtk_window_present (window);
  g_assert_false (gtk_widget_get_visible (error_child (window, "password_box")));
  g_assert_null (pd_server_error_window_dup_password (PD_SERVER_ERROR_WINDOW (window)));

  pd_server_error_window_set_error (PD_SERVER_ERROR_WINDOW (window), refused);
  g_assert_true (gtk_widget_get_visible (error_child (window, "password_box")));
  g_assert_null (pd_server_error_window_dup_password (PD_SERVER_ERROR_WINDOW (window)));
  gtk_editable_set_text (GTK_EDITABLE (error_child (window, "password_row")), "s3cret");
  typed = pd_server_error_window_dup_password (PD_SERVER_ERROR_WINDOW (window));
  g_assert_cmpstr (typed, ==, "s3cret");
  pd_server_error_window_set_busy (PD_SERVER_ERROR_WINDOW (window), TRUE);
  g_assert_false (gtk_widget_get_sensitive (error_child (window, "retry_button")));
  pd_server_error_window_set_busy (PD_SERVER_ERROR_WINDOW (window), FALSE);
  g_assert_true (gtk_widget_has_focus (error_child (window, "password_row")) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (window),
                                         error_child (window, "password_row")));
  pd_test_save_screenshot (window, "server-error-window-password.png");
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
}

/* Live switches */

typedef struct
{
  PdTestServer *server;
  GtkWindow *old_window;
  gboolean to_server;
  gboolean to_local;
} SwitchData;

static GtkWindow *
find_window (GType type)
{
  return GTK_WINDOW (pd_test_find_toplevel (type));
}

/* The Database page of a new Preferences window over the desk. */
static GtkWidget *
open_database_page (GApplication *app)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_window (PD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  pd_preferences_window_show_database (PD_PREFERENCES_WINDOW (preferences));
  pd_test_iterate (50);
  return pd_test_find_descendant (GTK_WIDGET (preferences), PD_TYPE_DATABASE_PAGE);
}

static gboolean
switched (gpointer old_window)
{
  GtkWindow *window = find_window (PD_TYPE_WINDOW);

  return window != NULL && window != old_window &&
         find_window (PD_TYPE_PREFERENCES_WINDOW) == NULL;
}

static void
on_switch_activate_cb (GApplication *app,
                       SwitchData   *switching)
{
  GtkWidget *page;
  GtkWindow *server_window;

  switching->old_window = find_window (PD_TYPE_WINDOW);
  g_assert_nonnull (switching->old_window);

  page = open_database_page (app);
  g_assert_nonnull (page);
  connect_to (page, switching->server);
  switching->to_server = wait_until (switched, switching->old_window, 20000);
  if (!switching->to_server)
    {
      g_application_quit (app);
      return;
    }

  /* The new window's preferences know it works on the server; from there
   * the desk goes back to this computer. */
  server_window = find_window (PD_TYPE_WINDOW);
  page = open_database_page (app);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (page, "server_check"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "local_check")), TRUE);
  g_assert_true (gtk_widget_get_visible (child (page, "apply_button")));
  g_signal_emit_by_name (child (page, "apply_button"), "clicked");
  switching->to_local = wait_until (switched, server_window, 5000);
  /* Closing the windows lets go of the server's records before the
   * server stops. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Connect in Preferences moves the running desk onto the server, in a
 * new window; going back to this computer does the same the other way. */
static void
test_switch (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PdTestServer) server = pd_test_server_start (TEST_PORT);
  g_autoptr(PdApplication) app = NULL;
  g_autofree char *location = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "test.db", NULL);
  char *argv[] = { (char *) "peerdesk", (char *) "--database", path, NULL };
  SwitchData switching = { server };

  if (server == NULL)
    return;
  location = pd_test_server_create_database (server, "centre");
  /* Seen as a desk sees it, past the welcome page. */
  g_assert_true (pd_database_set_meta (fixture->database, "welcomed", "1", NULL));
  app = pd_application_new ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_switch_activate_cb), &switching);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);

  g_assert_true (switching.to_server);
  g_assert_true (switching.to_local);
  mode = g_settings_get_string (fixture->settings, PD_DATABASE_MODE_KEY);
  g_assert_cmpstr (mode, ==, "local");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("peerdesk-data-XXXXXX", NULL);
  int status;

  /* The default records file and the backups go into the user's data
   * folder: a private one for the tests. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/database-page/validates", Fixture, NULL, fixture_set_up, test_validates,
              fixture_tear_down);
  g_test_add ("/database-page/failure", Fixture, NULL, fixture_set_up, test_failure,
              fixture_tear_down);
  g_test_add ("/database-page/connect", Fixture, NULL, fixture_set_up, test_connect,
              fixture_tear_down);
  g_test_add ("/database-page/offline-banner", Fixture, NULL, fixture_set_up, test_offline_banner,
              fixture_tear_down);
  g_test_add ("/database-page/switch", Fixture, NULL, fixture_set_up, test_switch,
              fixture_tear_down);
  g_test_add ("/database-page/error-window-password", Fixture, NULL, fixture_set_up,
              test_error_window_password, fixture_tear_down);
  g_test_add ("/database-page/start-unreachable", Fixture, NULL, fixture_set_up,
              test_start_unreachable, fixture_tear_down);

  status = g_test_run ();
  pd_test_remove_tree (data_home);
  return status;
}
