/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pd-application.h"
#include "pd-help.h"
#include "pd-preferences-window.h"
#include "pd-window.h"
#include "pd-test-gui.h"

typedef struct _Fixture Fixture;
typedef void (*AppTest) (Fixture       *fixture,
                         PdApplication *app);

struct _Fixture
{
  char *dir;
  char *path;
  AppTest test;
};

/* What the help asked to open, in order; and whether opening fails, as it
 * does without a help viewer or a browser. The opener has no user data. */
static GPtrArray *opened;
static gboolean help_fails;
static gboolean html_fails;

static void
fake_opener (GtkWindow  *parent,
             const char *uri,
             GTask      *task)
{
  g_ptr_array_add (opened, g_strdup (uri));
  if ((help_fails && g_str_has_prefix (uri, "help:")) ||
      (html_fails && g_str_has_prefix (uri, "file:")))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             "No application is registered as handling this file");
  else
    g_task_return_boolean (task, TRUE);
}

static PdWindow *main_window (PdApplication *app);

/* Presses F1 in the main window, and returns the first URI it opened. */
static const char *
ask_for_help (PdApplication *app)
{
  g_ptr_array_set_size (opened, 0);
  g_assert_true (pd_test_press (GTK_WIDGET (main_window (app)), GDK_KEY_F1, 0));
  pd_test_iterate (50);
  g_assert_cmpuint (opened->len, >=, 1);
  return g_ptr_array_index (opened, 0);
}

static PdWindow *
main_window (PdApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (PD_IS_WINDOW (l->data))
      return l->data;
  g_assert_not_reached ();
}

static void
show_section (PdApplication *app,
              const char    *name)
{
  gtk_widget_activate_action (GTK_WIDGET (main_window (app)), "win.show-section", "s", name);
  pd_test_iterate (50);
}

/* The message dialog shown over the windows with @heading, if any. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* Counts the main menus (☰) under @widget, failing on one without Help. */
static guint
check_primary_menus (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      g_assert_nonnull (menu);
      g_assert_true (menu_has_action (menu, "app.help"));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_primary_menus (child);
  return n;
}

static gboolean
shortcuts_have_action (GtkWidget  *widget,
                       const char *action)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *name = NULL;

      g_object_get (widget, "action-name", &name, NULL);
      if (g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shortcuts_have_action (child, action))
      return TRUE;
  return FALSE;
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  pd_test_iterate (100);
  fixture->test (fixture, PD_APPLICATION (app));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Runs @test in the application, on the fixture's database, once its
 * window is up. */
static void
run_app (Fixture *fixture,
         AppTest  test)
{
  g_autoptr(PdApplication) app = pd_application_new ();
  char *argv[] = { (char *) "peerdesk", (char *) "--database", fixture->path, NULL };

  fixture->test = test;
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdDatabase) database = NULL;

  fixture->dir = pd_test_make_shared_dir ();
  database = pd_test_new_database (fixture->dir, &fixture->path);
  if (data != NULL)
    {
      /* Sign-in on, nobody signed in. */
      pd_test_add_staff (database, "Dana", PD_ROLE_DIRECTOR, "director passphrase");
      pd_staff_sign_out (database);
    }
  opened = g_ptr_array_new_with_free_func (g_free);
  help_fails = FALSE;
  html_fails = FALSE;
  g_unsetenv ("PEERDESK_HELP_HTML_DIR");
  pd_help_set_uri_opener (fake_opener);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_help_set_uri_opener (NULL);
  g_clear_pointer (&opened, g_ptr_array_unref);
  g_clear_pointer (&fixture->path, g_free);
  pd_test_gui_tear_down (&fixture->dir, NULL, NULL);
}

/* Every page the window may open for a part of itself is in help/C. */
static void
test_pages_exist (void)
{
  const char * const *pages = pd_help_get_pages ();

  g_assert_true (g_strv_contains (pages, PD_HELP_INDEX));
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (pages[i], ".page", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "help", "C", name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("The window opens the help page “%s”, which help/C lacks", pages[i]);
    }
}

static void
check_sections (Fixture       *fixture,
                PdApplication *app)
{
  PdWindow *window = main_window (app);
  g_autofree char **accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    "app.help");
  GtkWidget *overlay;

  /* F1, shown in the keyboard shortcuts window. */
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (shortcuts_have_action (overlay, "app.help"));
  if (g_getenv ("PD_TEST_SCREENSHOTS") != NULL)
    {
      /* GTK 4.8 warns about the window's empty labels (see test-window). */
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
      pd_test_save_screenshot (GTK_WINDOW (overlay), "help-shortcuts.png");
      gtk_window_close (GTK_WINDOW (overlay));
    }

  /* Help in every main menu: the welcome page's, each section's and the
   * sign-in screen's. */
  g_assert_cmpuint (check_primary_menus (GTK_WIDGET (window)), ==, 7);

  /* A new database opens on the welcome: the help's first page. */
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk");
  g_assert_cmpuint (opened->len, ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL);
  pd_test_iterate (50);
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/check-in");
  show_section (app, "meetings");
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/attendance");
  show_section (app, "members");
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/members");
  show_section (app, "volunteers");
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/volunteers");
  show_section (app, "reports");
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/reports");

  /* A help viewer opened it: nothing else is tried or said. */
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_null (find_dialog ("Could Not Open the Help"));
}

/* F1 opens the page about the section on show. */
static void
test_sections (Fixture       *fixture,
               gconstpointer  data)
{
  run_app (fixture, check_sections);
}

static PdPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PD_IS_PREFERENCES_WINDOW (window))
        return PD_PREFERENCES_WINDOW (window);
    }
  g_assert_not_reached ();
}

static void
check_preferences (Fixture       *fixture,
                   PdApplication *app)
{
  static const struct {
    const char *name;
    const char *uri;
  } pages[] = {
    { "front-desk", "help:peerdesk/check-in" },
    { "volunteers", "help:peerdesk/credentials" },
    { "reports", "help:peerdesk/reports" },
    { "staff", "help:peerdesk/staff-roles" },
    { "backups", "help:peerdesk/backups" },
    { "database", "help:peerdesk/shared-server" },
  };
  PdPreferencesWindow *preferences;

  gtk_widget_activate_action (GTK_WIDGET (main_window (app)), "win.start-empty", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  pd_test_iterate (100);
  preferences = find_preferences ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                    pages[i].name);
      g_ptr_array_set_size (opened, 0);
      g_assert_true (pd_test_press (GTK_WIDGET (preferences), GDK_KEY_F1, 0));
      pd_test_iterate (50);
      g_assert_cmpuint (opened->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (opened, 0), ==, pages[i].uri);
    }
}

/* F1 in the preferences opens the page about the preferences on show. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  run_app (fixture, check_preferences);
}

static void
check_sign_in (Fixture       *fixture,
               PdApplication *app)
{
  /* Nothing of the records shows before signing in; the help does. */
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/staff-sign-in");
  g_assert_cmpuint (check_primary_menus (GTK_WIDGET (main_window (app))), ==, 7);
}

/* With sign-in on, F1 on the sign-in screen says how to sign in. */
static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  run_app (fixture, check_sign_in);
}

static void
check_fallback (Fixture       *fixture,
                PdApplication *app)
{
  g_autofree char *html_dir = g_build_filename (fixture->dir, "html", NULL);
  g_autofree char *html = g_build_filename (html_dir, "check-in.html", NULL);
  g_autofree char *html_uri = g_filename_to_uri (html, NULL, NULL);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (main_window (app)), "win.start-empty", NULL);
  pd_test_iterate (50);
  help_fails = TRUE;
  g_assert_cmpint (g_mkdir (html_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (html, "<html></html>", -1, NULL));
  g_setenv ("PEERDESK_HELP_HTML_DIR", html_dir, TRUE);

  /* No help viewer: the same page as HTML, in the browser. */
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/check-in");
  g_assert_cmpuint (opened->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (opened, 1), ==, html_uri);
  g_assert_null (find_dialog ("Could Not Open the Help"));

  /* No browser either: a message says what to do. */
  html_fails = TRUE;
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/check-in");
  g_assert_cmpuint (opened->len, ==, 2);
  dialog = find_dialog ("Could Not Open the Help");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "yelp"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), html_dir));
  pd_test_save_screenshot (GTK_WINDOW (dialog), "help-no-browser.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No HTML installed: nothing more to try. */
  g_assert_cmpint (g_unlink (html), ==, 0);
  g_assert_cmpstr (ask_for_help (app), ==, "help:peerdesk/check-in");
  g_assert_cmpuint (opened->len, ==, 1);
  dialog = find_dialog ("Could Not Open the Help");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "yelp"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Without a help viewer the help opens as HTML in the browser; without
 * that either, a message says so. */
static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  run_app (fixture, check_fallback);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("peerdesk-data-XXXXXX", NULL);
  int status;

  /* The app backs up into the user's data folder: a private one here. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/help/pages-exist", test_pages_exist);
  g_test_add ("/help/sections", Fixture, NULL, fixture_set_up, test_sections, fixture_tear_down);
  g_test_add ("/help/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/help/sign-in", Fixture, "sign-in", fixture_set_up, test_sign_in,
              fixture_tear_down);
  g_test_add ("/help/fallback", Fixture, NULL, fixture_set_up, test_fallback, fixture_tear_down);

  status = g_test_run ();
  pd_test_remove_tree (data_home);
  return status;
}
